// Gánh: small comforts on top of pages that work without JavaScript.
(function () {
  "use strict";
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
