// Gánh: the bank list filters as she types ("vietcom", "ngoai thuong"),
// without diacritics, by the same folded terms the server searches. Without
// script the list is a plain select of every bank by name.
(function () {
  "use strict";
  var box = document.querySelector("[data-bank-filter]");
  var list = document.querySelector("select[data-bank-list]");
  if (!box || !list) { return; }
  var q = box.querySelector("input"), count = box.querySelector("[role=status]");
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  box.hidden = false;
  q.addEventListener("input", function () {
    var words = fold(q.value).split(/\s+/).filter(Boolean), first = null, n = 0;
    Array.prototype.forEach.call(list.options, function (o) {
      var hit = !o.value || words.every(function (w) { return o.getAttribute("data-terms").indexOf(w) >= 0; });
      o.hidden = !hit;
      if (hit && o.value) { n++; first = first || o; }
    });
    // The first match is chosen unless the bank already chosen still matches.
    var cur = list.selectedOptions[0];
    if (words.length && first && (!cur || !cur.value || cur.hidden)) { list.value = first.value; }
    count.textContent = !words.length ? "" : n ? count.getAttribute("data-some").replace("%d", n) : count.getAttribute("data-none");
  });
})();
