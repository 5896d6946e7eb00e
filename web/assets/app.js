// Gánh: small comforts on top of pages that work without JavaScript.
(function () {
  "use strict";
  // A form that came back refused: its error summary takes the focus, so
  // the page starts there and a screen reader reads it; a link of the
  // summary puts the focus in its field (a bare #id only scrolls).
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href^='#']");
      var f = a && document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!f) { return; }
      e.preventDefault();
      var d = f.closest("details"), label = document.querySelector("label[for='" + CSS.escape(f.id) + "']");
      if (d) { d.open = true; }
      (label || f).scrollIntoView();
      f.focus({ preventScroll: true });
    });
  }
  // A button marked data-once cannot send its form twice (slow networks).
  document.addEventListener("submit", function (e) {
    var b = e.target.querySelector("[data-once]");
    if (b) { setTimeout(function () { b.disabled = true; }, 0); }
  });
  // Buttons with data-confirm ask first.
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) { e.preventDefault(); }
  });
  // Show the photo just taken before it is sent.
  document.querySelectorAll("input[data-preview]").forEach(function (input) {
    input.addEventListener("change", function () {
      var f = input.files && input.files[0], img = input.nextElementSibling;
      if (!f || !window.URL) { return; }
      if (!img || img.tagName !== "IMG") {
        img = document.createElement("img");
        img.className = "preview";
        img.alt = "";
        input.after(img);
      }
      img.src = URL.createObjectURL(f);
    });
  });
  // Type-ahead under the search box.
  var q = document.querySelector("input[data-suggest]");
  if (!q || !window.fetch) { return; }
  var list = document.createElement("ul"), timer;
  list.className = "suggest";
  q.form.after(list);
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var v = q.value.trim();
      if (v.length < 2) { list.innerHTML = ""; return; }
      fetch("/tim-kiem/goi-y?q=" + encodeURIComponent(v)).then(function (r) { return r.json(); }).then(function (items) {
        list.innerHTML = "";
        items.forEach(function (s) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = "/san-pham/" + encodeURIComponent(s.Slug);
          a.textContent = s.Text;
          li.appendChild(a);
          list.appendChild(li);
        });
      }).catch(function () {});
    }, 200);
  });
})();
