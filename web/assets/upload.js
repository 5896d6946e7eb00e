// Gánh: the product form's photo goes ahead while she types. The photo is
// decoded (turned upright by its EXIF orientation), scaled to at most
// 2048 px on its long side and re-encoded (WebP, or JPEG where the browser
// cannot make WebP) at quality 0.8, which leaves every bit of metadata
// behind; then it is sent with the tus protocol to /tai-anh/ in pieces,
// with a progress bar. When the connection drops it waits, asks how much
// arrived (HEAD) and sends the rest (PATCH). The form then names the
// finished upload (the hidden "upload" field) and leaves the file out.
// Without this script, or when anything here fails, the form sends the
// photo itself as before.
(function () {
  "use strict";
  var input = document.querySelector("input[type=file][data-tus]");
  if (!input || !window.createImageBitmap || !window.fetch || !window.XMLHttpRequest) { return; }
  var form = input.form, hidden = form.querySelector("input[name=upload]");
  var bar = form.querySelector("progress[data-upload-bar]"), state = form.querySelector("[data-upload-state]");
  var csrf = form.querySelector("input[name=_csrf]").value;
  var PIECE = 128 * 1024, SIDE = 2048, QUALITY = 0.8;
  var run = 0, busy = false, waiting = false;

  function say(key, arg) {
    state.hidden = false;
    state.textContent = (state.getAttribute("data-t-" + key) || "").replace("%s", arg || "");
  }
  function progress(done, total) {
    bar.hidden = false;
    bar.max = total;
    bar.value = done;
    say("sending", Math.round(100 * done / total) + "%");
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function online() {
    return navigator.onLine ? Promise.resolve() : new Promise(function (r) { window.addEventListener("online", r, { once: true }); });
  }

  // shrink makes the photo a clean WebP or JPEG of at most SIDE px.
  function shrink(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bmp) {
      var k = Math.min(1, SIDE / Math.max(bmp.width, bmp.height));
      var c = document.createElement("canvas");
      c.width = Math.round(bmp.width * k);
      c.height = Math.round(bmp.height * k);
      c.getContext("2d").drawImage(bmp, 0, 0, c.width, c.height);
      bmp.close();
      var enc = function (type) { return new Promise(function (r) { c.toBlob(r, type, QUALITY); }); };
      return enc("image/webp").then(function (b) { return b && b.type === "image/webp" ? b : enc("image/jpeg"); });
    });
  }

  function headers(extra) {
    var h = { "Tus-Resumable": "1.0.0", "X-CSRF-Token": csrf };
    for (var k in extra) { h[k] = extra[k]; }
    return h;
  }
  function fatal(status) { var e = new Error("upload refused: " + status); e.fatal = true; return e; }

  // piece sends blob's bytes from offset; resolves with the server's new
  // offset, rejects fatal on a refusal and plain on a network failure.
  function piece(url, blob, offset, total) {
    return new Promise(function (ok, fail) {
      var x = new XMLHttpRequest();
      x.open("PATCH", url);
      var h = headers({ "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" });
      for (var k in h) { x.setRequestHeader(k, h[k]); }
      x.upload.onprogress = function (e) { progress(offset + e.loaded, total); };
      x.onload = function () {
        if (x.status === 204) { ok(+x.getResponseHeader("Upload-Offset")); } else if (x.status >= 500 || x.status === 409 || x.status === 423) { fail(new Error("retry")); } else { fail(fatal(x.status)); }
      };
      x.onerror = x.ontimeout = x.onabort = function () { fail(new Error("network")); };
      x.send(blob.slice(offset, Math.min(offset + PIECE, blob.size)));
    });
  }

  function send(blob, mine) {
    var meta = "coop " + btoa(input.getAttribute("data-coop"));
    if (input.getAttribute("data-product")) { meta += ",product " + btoa(input.getAttribute("data-product")); }
    return fetch(input.getAttribute("data-tus"), {
      method: "POST", credentials: "same-origin",
      headers: headers({ "Upload-Length": String(blob.size), "Upload-Metadata": meta })
    }).then(function (res) {
      if (res.status !== 201) { throw fatal(res.status); }
      var url = res.headers.get("Location"), offset = 0, pause = 500;
      var step = function () {
        if (mine !== run) { throw new Error("replaced"); }
        if (offset >= blob.size) { return url.slice(url.lastIndexOf("/") + 1); }
        return piece(url, blob, offset, blob.size).then(function (o) { offset = o; pause = 500; return step(); }, function (e) {
          if (e.fatal) { throw e; }
          say("retry");
          return sleep(pause).then(online).then(function () {
            pause = Math.min(pause * 2, 8000);
            return fetch(url, { method: "HEAD", credentials: "same-origin", headers: headers({}) });
          }).then(function (h) {
            if (h.status === 404) { throw fatal(404); }
            if (h.ok) { offset = +h.headers.get("Upload-Offset"); }
            return step();
          }, function (e2) { if (e2.fatal) { throw e2; } return step(); });
        });
      };
      return step();
    });
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0], mine = ++run;
    hidden.value = "";
    if (!file) { return; }
    busy = true;
    say("preparing");
    shrink(file).then(function (blob) {
      form.setAttribute("data-upload-bytes", String(blob.size));
      return send(blob, mine);
    }).then(function (id) {
      if (mine !== run) { return; }
      hidden.value = id;
      busy = false;
      bar.value = bar.max;
      say("done");
      if (waiting) { input.disabled = true; form.submit(); }
    }, function () {
      if (mine !== run) { return; }
      busy = false; // the form sends the file itself
      bar.hidden = true;
      say("failed");
      if (waiting) { form.submit(); }
    });
  });

  form.addEventListener("submit", function (e) {
    if (busy) {
      e.preventDefault();
      waiting = true;
      say("wait");
      return;
    }
    if (hidden.value) { input.disabled = true; } // sent already: not again
  });
})();
