// Progressive enhancement for the clinician form: filter findings by name or HPO id.
(function () {
  var box = document.getElementById("filter");
  if (!box) { return; }
  var rows = document.querySelectorAll(".finding");
  box.addEventListener("input", function () {
    var query = box.value.trim().toLowerCase();
    rows.forEach(function (row) {
      row.hidden = query !== "" && row.getAttribute("data-search").indexOf(query) === -1;
    });
  });
})();
