// Search, filter and sort for every `table.data` on a page. Plain ES5-style DOM code, no
// dependencies. State can come from the page's fragment, so a view can be linked:
//   table-targets.html#indicator=gross_industrial_output&q=汽车&sort=value&dir=desc
// A <select data-filter="KEY"> keeps the rows whose `data-KEY` attribute equals its value.
// A cell's `data-sort` attribute, when present, is its sort key. Sets `data-ready` on
// <html> once done (the browser test waits for it).
(function () {
  "use strict";
  var params = new URLSearchParams(location.hash.replace(/^#/, ""));
  var collator = new Intl.Collator("zh", { numeric: true, sensitivity: "base" });
  function key(cell, numeric) {
    if (!cell) { return null; }
    var t = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
    if (t === "") { return null; }
    return numeric ? Number(t) : t;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.data"), function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var box = document.getElementById(table.getAttribute("data-search"));
    var shown = document.getElementById(table.getAttribute("data-count"));
    var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter][data-for='" + table.id + "']"));
    var heads = table.tHead.rows[0].cells;
    function filter() {
      var q = box ? box.value.trim().toLowerCase() : "";
      var wanted = selects.map(function (s) { return [s.getAttribute("data-filter"), s.value]; });
      var n = 0;
      for (var i = 0; i < rows.length; i++) {
        var hit = q === "" || texts[i].indexOf(q) !== -1;
        for (var w = 0; hit && w < wanted.length; w++) {
          if (wanted[w][1] !== "" && rows[i].getAttribute("data-" + wanted[w][0]) !== wanted[w][1]) { hit = false; }
        }
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
    selects.forEach(function (s) {
      var k = s.getAttribute("data-filter");
      if (params.has(k)) { s.value = params.get(k); }
      s.addEventListener("change", filter);
    });
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
