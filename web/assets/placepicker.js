// Gánh place picker (templates/_placepicker.html): a province, then its
// commune found by typing without diacritics ("kim son" finds "Xã Kim Sơn").
// Without script the page has two plain selects and a button that shows
// the communes of the chosen province; with it the button hides, a search
// box filters the commune select, and a new province loads its communes
// from GET /api/v1/provinces/{slug}/communes.
(function () {
  "use strict";
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  document.querySelectorAll("[data-placepicker]").forEach(function (box) {
    var prov = box.querySelector("[data-place-province]"), sel = box.querySelector("[data-place-commune]");
    var q = box.querySelector("[data-place-filter]"), btn = box.querySelector("[data-place-refresh]");
    var live = box.querySelector("[data-place-live]"), api = box.getAttribute("data-api");
    if (!prov || !sel || !q || !window.fetch || !String.prototype.normalize) { return; }
    var all = [], asked = 0;
    for (var i = 1; i < sel.options.length; i++) {
      all.push({ code: sel.options[i].value, name: sel.options[i].text });
    }
    function index(list) {
      list.forEach(function (c) { c.f = fold(c.name); });
      all = list;
    }
    function show() {
      var words = fold(q.value).split(/\s+/).filter(Boolean), keep = sel.value, n = 0;
      sel.textContent = "";
      var none = document.createElement("option");
      none.value = "";
      none.textContent = box.getAttribute("data-choose");
      sel.appendChild(none);
      all.forEach(function (c) {
        if (!words.every(function (w) { return c.f.indexOf(w) >= 0; })) { return; }
        var o = document.createElement("option");
        o.value = c.code;
        o.textContent = c.name;
        o.selected = c.code === keep;
        sel.appendChild(o);
        n++;
      });
      if (n === 1 && words.length) { sel.selectedIndex = 1; }
      if (words.length) { live.textContent = box.getAttribute("data-count").replace("%d", n); }
    }
    index(all);
    if (btn) { btn.remove(); } // the CSS shows buttons whatever [hidden] says
    q.hidden = false;
    q.addEventListener("input", show);
    q.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); sel.focus(); } // choosing, not sending the form
    });
    prov.addEventListener("change", function () {
      var slug = prov.value, mine = ++asked;
      q.value = "";
      all = [];
      show();
      if (!slug) { return; }
      fetch(api + encodeURIComponent(slug) + "/communes", { headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (list) { if (mine === asked) { index(list); show(); } })
        .catch(function () { if (btn) { prov.after(btn); } }); // the server lists them instead
    });
  });
})();
