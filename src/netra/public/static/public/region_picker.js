// Progressive enhancement of the region picker on the report and case-entry forms.
// Without JavaScript the regency/city is a plain select and the kecamatan a text field whose
// list of names comes with the page once a region is chosen; with it, a search box filters the
// select and the kecamatan list follows the chosen region at once.
(function () {
  "use strict";
  function setup(picker) {
    var select = picker.querySelector("select");
    var list = picker.querySelector("datalist");
    var url = picker.getAttribute("data-kecamatan-url");
    if (!select || !list) { return; }
    var search = document.createElement("input");
    search.type = "search";
    search.id = select.id + "_search";
    search.className = "region-search";
    search.setAttribute("aria-controls", select.id);
    search.setAttribute("aria-label", picker.getAttribute("data-search-label") || "Cari");
    search.placeholder = picker.getAttribute("data-search-label") || "Cari";
    select.parentNode.insertBefore(search, select);
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLowerCase();
      var matches = [];
      Array.prototype.forEach.call(select.options, function (option) {
        var shown = !option.value || !wanted || option.text.toLowerCase().indexOf(wanted) !== -1;
        option.hidden = !shown;
        if (shown && option.value) { matches.push(option); }
      });
      // One regency or city left: choose it, so the kecamatan list follows.
      if (wanted && matches.length === 1 && select.value !== matches[0].value) {
        select.value = matches[0].value;
        select.dispatchEvent(new Event("change"));
      }
    });
    select.addEventListener("change", function () {
      if (!select.value || !url) { return; }
      fetch(url + "?wilayah=" + encodeURIComponent(select.value), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { kecamatan: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.kecamatan.forEach(function (name) {
            var option = document.createElement("option");
            option.value = name;
            list.appendChild(option);
          });
        })
        .catch(function () { /* offline: the list comes with the page after the next submit */ });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".region-picker"), setup);
  });
})();
