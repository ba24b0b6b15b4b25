(function () {
  "use strict";
  // Count the views that drew (marks, or an explicit empty state), so a test can check every chart.
  var drawn = 0;
  document.querySelectorAll("[data-view]").forEach(function (view) {
    var marks = view.querySelectorAll("[data-mark]").length;
    view.setAttribute("data-marks", String(marks));
    if (marks > 0 || view.querySelector("[data-empty]")) {
      view.setAttribute("data-drawn", "true");
      drawn++;
    }
  });

  // Hovering a trial anywhere highlights it in every chart and in the table.
  var lit = [];
  function light(trial) {
    lit.forEach(function (el) { el.classList.remove("hl"); });
    lit = trial ? Array.prototype.slice.call(document.querySelectorAll('[data-trial="' + trial + '"]')) : [];
    lit.forEach(function (el) { el.classList.add("hl"); });
  }
  document.addEventListener("mouseover", function (event) {
    var el = event.target.closest ? event.target.closest("[data-trial]") : null;
    light(el ? el.getAttribute("data-trial") : null);
  });

  // Click a column header to sort the trials table by it (numbers by value, the rest as text).
  var table = document.querySelector("table.trials");
  if (table) {
    var headers = table.querySelectorAll("th");
    headers.forEach(function (th, column) {
      th.addEventListener("click", function () {
        var ascending = !th.classList.contains("sorted-asc");
        headers.forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(ascending ? "sorted-asc" : "sorted-desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          var v = cell ? cell.getAttribute("data-value") : null;
          if (v === null && cell && th.getAttribute("data-sort") === "num") { v = cell.textContent; }
          if (v !== null && v !== "" && !isNaN(Number(v))) { return { n: Number(v) }; }
          return { s: cell ? cell.textContent : "" };
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b), c;
          if (x.n !== undefined && y.n !== undefined) { c = x.n - y.n; }
          else if (x.n !== undefined) { return -1; }
          else if (y.n !== undefined) { return 1; }
          else { c = x.s.localeCompare(y.s); }
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  document.body.dataset.rendered = String(drawn);
})();
