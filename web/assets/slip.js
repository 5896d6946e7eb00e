// Gánh: the packing slip's print button (printing from the browser's menu
// works without it).
(function () {
  "use strict";
  var b = document.querySelector("[data-print]");
  if (!b || !window.print) { return; }
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
})();
