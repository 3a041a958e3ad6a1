
(function () {
  "use strict";
  var params = new URLSearchParams(location.hash.replace(/^#/, ""));
  var collator = new Intl.Collator("zh", { numeric: true, sensitivity: "base" });
  function key(cell, numeric) {
    var t = cell ? cell.textContent : "";
    if (numeric) { return t === "" ? null : Number(t); }
    return t === "" ? null : t;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.data"), function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var box = document.getElementById(table.getAttribute("data-search"));
    var shown = document.getElementById(table.getAttribute("data-count"));
    var heads = table.tHead.rows[0].cells;
    function filter() {
      var q = box ? box.value.trim().toLowerCase() : "";
      var n = 0;
      for (var i = 0; i < rows.length; i++) {
        var hit = q === "" || texts[i].indexOf(q) !== -1;
        rows[i].hidden = !hit;
        if (hit) { n++; }
      }
      if (shown) { shown.textContent = String(n); }
    }
    function sortBy(ci, dir) {
      var numeric = heads[ci].classList.contains("num");
      var order = rows.map(function (r, i) { return { r: r, i: i, k: key(r.cells[ci], numeric) }; });
      order.sort(function (a, b) {
        if (a.k === null || b.k === null) { return a.k === b.k ? a.i - b.i : (a.k === null ? 1 : -1); }
        var c = numeric ? a.k - b.k : collator.compare(a.k, b.k);
        return c !== 0 ? (dir === "desc" ? -c : c) : a.i - b.i;
      });
      var frag = document.createDocumentFragment();
      order.forEach(function (o) { frag.appendChild(o.r); });
      body.appendChild(frag);
      for (var h = 0; h < heads.length; h++) { heads[h].removeAttribute("aria-sort"); }
      heads[ci].setAttribute("aria-sort", dir === "desc" ? "descending" : "ascending");
    }
    Array.prototype.forEach.call(heads, function (th, ci) {
      var button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        sortBy(ci, th.getAttribute("aria-sort") === "ascending" ? "desc" : "asc");
      });
    });
    if (box) {
      box.addEventListener("input", filter);
      if (params.has("q")) { box.value = params.get("q"); }
    }
    filter();
    var col = params.get("sort");
    if (col) {
      for (var c = 0; c < heads.length; c++) {
        if (heads[c].getAttribute("data-col") === col) { sortBy(c, params.get("dir") === "desc" ? "desc" : "asc"); }
      }
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
