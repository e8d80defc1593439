// "Select all on this page" for the inbox's bulk actions; without JavaScript each case is ticked
// on its own, so the box stays hidden.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var all = document.getElementById("select-all");
    if (!all) { return; }
    var boxes = document.querySelectorAll("input[name=case][form=bulk-form]");
    all.hidden = false;
    all.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes, function (box) { box.checked = all.checked; });
    });
  });
})();
