(function () {
  "use strict";

  // Records what the browser actually laid out, so that a test (or a curious reader) can check that
  // every view drew: per view, the number of marks with a non-empty box, by kind (data-mark-counts),
  // and data-drawn="true" when there are some or the view shows its empty state on purpose.
  function count(root) {
    var drawn = 0;
    root.querySelectorAll("[data-view]").forEach(function (view) {
      var counts = {};
      var total = 0;
      view.querySelectorAll("[data-mark]").forEach(function (el) {
        var box = el.getBoundingClientRect();
        if (box.width + box.height > 0) {
          total++;
          el.getAttribute("data-mark").split(" ").forEach(function (kind) {
            counts[kind] = (counts[kind] || 0) + 1;
          });
        }
      });
      view.setAttribute("data-marks", String(total));
      view.setAttribute("data-mark-counts", Object.keys(counts).sort().map(function (k) {
        return k + ":" + counts[k];
      }).join(" "));
      if (total > 0 || view.querySelector("[data-empty]")) {
        view.setAttribute("data-drawn", "true");
        drawn++;
      }
    });
    return drawn;
  }

  // Hovering a trial anywhere highlights it in every chart and in the table.
  function highlighting(root) {
    var lit = [];
    root.addEventListener("mouseover", function (event) {
      var el = event.target.closest ? event.target.closest("[data-trial]") : null;
      var trial = el ? el.getAttribute("data-trial") : null;
      lit.forEach(function (e) { e.classList.remove("hl"); });
      lit = trial ? Array.prototype.slice.call(root.querySelectorAll('[data-trial="' + trial + '"]')) : [];
      lit.forEach(function (e) { e.classList.add("hl"); });
    });
  }

  // Click a column header to sort the trials table by it (numbers by value, the rest as text).
  function sorting(root) {
    var table = root.querySelector("table.trials");
    if (!table) {
      return;
    }
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

  // A notebook may show several reports on one page: set up each root once.
  document.querySelectorAll(".bayestune-report:not([data-rendered])").forEach(function (root) {
    highlighting(root);
    sorting(root);
    var drawn = count(root);
    root.setAttribute("data-rendered", String(drawn));
    if (document.body.classList.contains("bayestune-page")) {
      document.body.setAttribute("data-rendered", String(drawn));
    }
  });
})();
