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
  // The installable app: the service worker keeps pages she has seen, and
  // a note says when what she sees is a kept copy (no network).
  if ("serviceWorker" in navigator) { navigator.serviceWorker.register("/sw.js").catch(function () {}); }
  var off = document.querySelector("[data-offline]");
  if (off) {
    var mark = function () { off.hidden = navigator.onLine || !!document.querySelector("[data-offline-page]"); };
    mark();
    window.addEventListener("online", mark);
    window.addEventListener("offline", mark);
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
  // The search box is a combobox (the WAI-ARIA list-autocomplete
  // pattern): suggestions open under it as a listbox, a polite live region
  // says how many, the arrows move through them (aria-activedescendant;
  // the focus stays in the box), Enter opens the chosen one, Escape, Tab or
  // a tap elsewhere closes the list. Without script the box is a plain
  // search field. Its words come from the page (data-*), in Vietnamese.
  var q = document.querySelector("input[data-suggest]");
  if (!q || !window.fetch) { return; }
  var list = document.createElement("ul"), live = document.createElement("div");
  var timer, asked = 0, active = -1, chosen = "";
  list.id = "goi-y";
  list.className = "suggest";
  list.hidden = true;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", q.getAttribute("data-list-label"));
  live.className = "sr";
  live.setAttribute("role", "status");
  live.setAttribute("data-suggest-status", "");
  q.form.after(list);
  list.after(live);
  q.setAttribute("role", "combobox");
  q.setAttribute("aria-autocomplete", "list");
  q.setAttribute("aria-controls", list.id);
  q.setAttribute("aria-expanded", "false");
  function options() { return list.querySelectorAll("[role=option]"); }
  function choose(i) {
    var o = options();
    active = i < 0 ? -1 : i % o.length;
    o.forEach(function (el, k) { el.setAttribute("aria-selected", String(k === active)); });
    if (active < 0) { q.removeAttribute("aria-activedescendant"); return; }
    q.setAttribute("aria-activedescendant", o[active].id);
    o[active].scrollIntoView({ block: "nearest" });
  }
  function open(yes) {
    list.hidden = !yes;
    q.setAttribute("aria-expanded", String(yes));
    if (!yes) { choose(-1); }
  }
  function show(items) {
    list.textContent = "";
    items.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "goi-y-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-href", "/san-pham/" + encodeURIComponent(s.Slug));
      li.textContent = s.Text;
      list.appendChild(li);
    });
    choose(-1);
    open(items.length > 0);
    live.textContent = items.length ? q.getAttribute("data-count-text").replace("%d", items.length) : q.getAttribute("data-none-text");
  }
  function go(li) {
    if (li) {
      chosen = li.getAttribute("data-href");
      window.location.href = chosen;
    }
  }
  q.addEventListener("input", function () {
    clearTimeout(timer);
    chosen = "";
    var v = q.value.trim(), n = ++asked;
    if (v.length < 2) { show([]); live.textContent = ""; return; }
    timer = setTimeout(function () {
      fetch("/tim-kiem/goi-y?q=" + encodeURIComponent(v)).then(function (r) { return r.json(); }).then(function (items) {
        if (n === asked) { show(items || []); } // a late answer to an older prefix is dropped
      }).catch(function () {});
    }, 200);
  });
  q.addEventListener("keydown", function (e) {
    var n = options().length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) { return; }
      e.preventDefault();
      open(true);
      choose(e.key === "ArrowDown" ? active + 1 : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === "Enter" && !list.hidden && active >= 0) {
      e.preventDefault();
      go(options()[active]);
    } else if (e.key === "Escape" && !list.hidden) {
      e.preventDefault();
      open(false);
    }
  });
  // Enter on an option opens it. Some keyboards (and injected key events)
  // still submit the form after keydown said no, clicking the search
  // button on the way (which closes the list): the submit then goes where
  // Enter chose, not to the results page.
  q.form.addEventListener("submit", function (e) {
    if (chosen) {
      e.preventDefault();
      window.location.href = chosen;
    }
  });
  q.addEventListener("blur", function () { open(false); });
  // A tap on an option must not take the focus from the box first.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  list.addEventListener("click", function (e) { go(e.target.closest("[role=option]")); });
  document.addEventListener("click", function (e) {
    if (e.target !== q && !list.contains(e.target)) { open(false); }
  });
  // The share button: the phone's own share sheet (Zalo, Messenger, SMS)
  // where the browser has one; the copy buttons put the link on the
  // clipboard (the Zalo one before it opens Zalo, to paste it there).
  document.querySelectorAll("[data-share]").forEach(function (d) {
    var url = d.getAttribute("data-url"), status = d.querySelector("[data-share-status]");
    var native = d.querySelector("[data-share-native]");
    if (native && navigator.share) { native.hidden = false; }
    d.addEventListener("click", function (e) {
      var t = e.target.closest && e.target;
      if (t.closest("[data-share-native]")) {
        navigator.share({ title: d.getAttribute("data-title"), url: url }).catch(function () {});
        return;
      }
      if (!t.closest("[data-share-copy]")) { return; }
      var done = function () { if (status) { status.textContent = d.getAttribute("data-copied"); } };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(done, function () {});
      } else {
        var input = d.querySelector("[data-share-link]");
        input.select();
        try { if (document.execCommand("copy")) { done(); } } catch (err) { /* the link stays selected to copy by hand */ }
      }
    });
  });
})();
