//! A static website of the published data package, written to `<out>/site/`, for people who
//! want to look at the data before downloading it: an overview with row counts and download
//! links, one page per table (searchable and sortable by a small inline script), the data
//! dictionary, the validation report and charts drawn as inline SVG.
//!
//! Everything is self-contained: no CDN, no web fonts, no network, no chart library, so the
//! pages work from a file system, an archive or any static host. Output is deterministic
//! (rows in published order, maps sorted, no timestamps) so the site diffs cleanly between
//! runs and is covered by `SHA256SUMS`.
//!
//! The scripts read optional state from the page's fragment, so a filtered or sorted view can
//! be linked: `table-targets.html#q=汽车&sort=value&dir=desc`.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::error::PipelineError;
use crate::writers::portal::{dataset_meta, DatasetMeta};
use crate::writers::format_f64;
use crate::records::schema::{ColumnType, TableSchema};
use crate::records::table::Row;

/// Colour-blind-safe palette (Okabe & Ito), for chart series in a fixed order.
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999933", "#332288"];

/// Rows shown per table page: the pages stay small however large the dataset is; the full
/// tables are the CSV and Parquet files (and DuckDB or pandas for querying them).
pub const SITE_ROWS: usize = 5000;

/// What the site is drawn from: every table's row count, its first rows in published
/// order, and the count of findings per rule.
#[derive(Debug, Clone, Default)]
pub struct SiteData {
    pub totals: BTreeMap<String, usize>,
    /// At most `limit` rows per table.
    pub head: BTreeMap<String, Vec<Row>>,
    /// (rule, severity) → (findings, acknowledged).
    pub findings: BTreeMap<(String, String), (usize, usize)>,
    pub limit: usize,
}

impl SiteData {
    pub fn new(limit: usize) -> SiteData {
        SiteData { limit, ..SiteData::default() }
    }

    /// Count a published row of table `s`, given as its cells in column order (kept
    /// when among the first `limit`).
    pub fn add(&mut self, s: &TableSchema, cells: &[Value]) {
        let cell = |name: &str| s.columns.iter().position(|c| c.name == name).and_then(|i| cells.get(i));
        *self.totals.entry(s.name.clone()).or_default() += 1;
        if s.name == "validation" {
            let text = |name: &str| cell(name).and_then(Value::as_str).unwrap_or("").to_string();
            let e = self.findings.entry((text("check"), text("severity"))).or_default();
            e.0 += 1;
            if cell("acknowledged") == Some(&Value::Bool(true)) {
                e.1 += 1;
            }
        }
        let head = self.head.entry(s.name.clone()).or_default();
        if head.len() < self.limit {
            head.push(s.columns.iter().zip(cells).map(|(c, v)| (c.name.clone(), v.clone())).collect());
        }
    }

    fn total(&self, table: &str) -> usize {
        self.totals.get(table).copied().unwrap_or(0)
    }

    fn rows(&self, table: &str) -> &[Row] {
        self.head.get(table).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A note for a page that shows only the first rows of `table`.
    fn truncation_note(&self, table: &str) -> String {
        let (shown, total) = (self.rows(table).len(), self.total(table));
        if shown >= total {
            return String::new();
        }
        format!(
            "<p class=\"note\">This page shows the first {shown} of {total} rows of <code>{t}</code>, in published order. All rows: <a href=\"../csv/{t}.csv\">CSV</a> · <a href=\"../parquet/{t}.parquet\">Parquet</a>.</p>\n",
            t = esc(table)
        )
    }
}

/// Write the site into `<dir>/site/`. Reads `<dir>/datapackage.json` for the dataset's title
/// and description when it is there (it is written first by the publish stage).
pub fn write_site(dir: &Path, schemas: &[TableSchema], data: &SiteData) -> Result<(), PipelineError> {
    let site = dir.join("site");
    fs::create_dir_all(&site).map_err(|e| PipelineError::io(&site, e))?;
    for (file, html) in render_site(&dataset_meta(dir), schemas, data) {
        let path = site.join(&file);
        fs::write(&path, html).map_err(|e| PipelineError::io(&path, e))?;
    }
    Ok(())
}

/// Every page of the site as (file name, HTML), in a fixed order.
pub fn render_site(meta: &DatasetMeta, schemas: &[TableSchema], tables: &SiteData) -> Vec<(String, String)> {
    let nav = Nav { schemas };
    let mut pages = vec![
        // One stylesheet and one script for all pages, beside them (no network needed).
        ("site.css".to_string(), CSS.to_string()),
        ("site.js".to_string(), JS.to_string()),
        ("index.html".to_string(), index_page(&nav, meta, schemas, tables)),
        ("charts.html".to_string(), charts_page(&nav, meta, schemas, tables)),
        ("dictionary.html".to_string(), dictionary_page(&nav, meta, schemas, tables)),
        ("validation.html".to_string(), validation_page(&nav, meta, schemas, tables)),
    ];
    for s in schemas {
        pages.push((table_file(&s.name), table_page(&nav, meta, s, tables)));
    }
    pages
}

fn table_file(name: &str) -> String {
    format!("table-{}.html", slug(name))
}

/// A file-name and fragment-safe form of a name.
fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

/// Escape text for HTML and SVG text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The text of one cell as shown on the site (lists joined with ` | `, as in the CSV).
fn cell_text(ty: ColumnType, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match ty {
            ColumnType::I32 => n.as_i64().map(|x| x.to_string()).unwrap_or_else(|| n.to_string()),
            _ => n.as_f64().map(format_f64).unwrap_or_else(|| n.to_string()),
        },
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
            .collect::<Vec<_>>()
            .join(" | "),
        Some(other) => other.to_string(),
    }
}

fn str_of<'a>(r: &'a Row, k: &str) -> Option<&'a str> {
    r.get(k).and_then(Value::as_str)
}

// ---------------------------------------------------------------------------------------
// Page frame
// ---------------------------------------------------------------------------------------

struct Nav<'a> {
    schemas: &'a [TableSchema],
}

const CSS: &str = r#"
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg2:#f6f8fa;--link:#0550ae;--err:#b3261e;--warn:#9a6700;--info:#0969da}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
a{color:var(--link)}
header{background:#24292f;color:#fff;padding:.5rem 1rem}
header a{color:#fff;text-decoration:none;margin-right:1rem;white-space:nowrap}
header a[aria-current]{text-decoration:underline;font-weight:600}
header .tables{font-size:.9em;opacity:.9}
main{padding:1rem 1.5rem 3rem;max-width:1400px;margin:auto}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
.muted,figcaption{color:var(--muted);font-size:.9em}
.note{border-left:4px solid var(--accent,#0969da);padding:.4em .8em;background:rgba(9,105,218,.06)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{background:var(--bg2);padding:.7rem;overflow:auto;border-radius:6px}
table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:var(--bg2);position:sticky;top:0;z-index:1}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td{white-space:nowrap}
td.long{white-space:normal;min-width:22em;max-width:40em;overflow-wrap:anywhere}
td.id{white-space:normal;min-width:16em}
.scroll{overflow:auto;max-height:75vh;border:1px solid var(--line);border-radius:6px}
.scroll table{margin:0;font-size:.88em}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid var(--link)}
th[aria-sort=ascending] button::after{content:" ▲"}
th[aria-sort=descending] button::after{content:" ▼"}
.controls{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
.controls input{font:inherit;padding:.3rem .5rem;min-width:22rem;border:1px solid var(--line);border-radius:6px}
tr.error td:first-child{border-left:3px solid var(--err)}
tr.warning td:first-child{border-left:3px solid var(--warn)}
tr.info td:first-child{border-left:3px solid var(--info)}
.sev-error{color:var(--err)} .sev-warning{color:var(--warn)} .sev-info{color:var(--info)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:1rem}
figure{margin:0 0 1rem}
figure svg{max-width:100%;height:auto;display:block}
svg text{font-family:inherit}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;min-width:9rem;background:var(--bg2)}
.card b{display:block;font-size:1.4rem}
details{margin:.4rem 0}
"#;

/// Client-side search and sort for every `table.data` on a page. Plain ES5-style DOM code,
/// no dependencies. Sets `data-ready` on <html> once done (the browser test looks for it).
const JS: &str = r#"
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
"#;

fn page(nav: &Nav, meta: &DatasetMeta, current: &str, title: &str, body: &str, script: bool) -> String {
    let mut h = String::with_capacity(body.len() + 8192);
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"zh-Hans\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · {}</title>\n<link rel=\"stylesheet\" href=\"site.css\">\n</head>\n<body>\n<header><nav aria-label=\"site\">",
        esc(title),
        esc(&meta.title)
    );
    for (file, label) in [
        ("index.html", "Overview"),
        ("charts.html", "Charts"),
        ("dictionary.html", "Data dictionary"),
        ("validation.html", "Validation"),
    ] {
        let cur = if file == current { " aria-current=\"page\"" } else { "" };
        let _ = write!(h, "<a href=\"{file}\"{cur}>{label}</a>");
    }
    h.push_str("<br><span class=\"tables\">Tables: ");
    for s in nav.schemas {
        let file = table_file(&s.name);
        let cur = if file == current { " aria-current=\"page\"" } else { "" };
        let _ = write!(h, "<a href=\"{file}\"{cur}>{}</a>", esc(&s.name));
    }
    h.push_str("</span></nav></header>\n<main>\n");
    h.push_str(body);
    let _ = write!(
        h,
        "\n</main>\n<footer class=\"muted\" style=\"padding:0 1.5rem 2rem\">{} {} · licence: {} · generated by policy-pipeline from <code>schemas/</code> and the published tables</footer>\n",
        esc(&meta.name),
        esc(&meta.version),
        esc(&meta.license_title)
    );
    if script {
        h.push_str("<script src=\"site.js\"></script>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

fn index_page(nav: &Nav, meta: &DatasetMeta, schemas: &[TableSchema], tables: &SiteData) -> String {
    let mut b = String::new();
    let _ = write!(b, "<h1>{}</h1>\n<p>{}</p>\n", esc(&meta.title), esc(&meta.description));
    let _ = writeln!(
        b,
        "<p class=\"muted\">Version {} · licence <a href=\"{}\">{}</a>{}</p>",
        esc(&meta.version),
        esc(&meta.license_url),
        esc(&meta.license_title),
        if meta.source.is_empty() { String::new() } else { format!(" · sources: {}", esc(&meta.source)) }
    );

    b.push_str("<div class=\"cards\">");
    for name in ["documents", "targets", "observations", "projects"] {
        if tables.totals.contains_key(name) {
            let _ = write!(
                b,
                "<div class=\"card\"><b>{}</b><a href=\"{}\">{}</a></div>",
                tables.total(name),
                table_file(name),
                esc(name)
            );
        }
    }
    b.push_str("</div>\n");

    b.push_str("<h2 id=\"tables\">Tables</h2>\n<table id=\"table-counts\">\n<thead><tr><th>table</th><th>contents</th><th class=\"num\">rows</th><th class=\"num\">columns</th><th>download</th></tr></thead>\n<tbody>\n");
    for s in schemas {
        let n = tables.total(&s.name);
        let _ = writeln!(
            b,
            "<tr><td><a href=\"{file}\">{name}</a></td><td>{title}</td><td class=\"num rows\" data-table=\"{name}\">{n}</td><td class=\"num\">{cols}</td><td><a href=\"../csv/{name}.csv\">CSV</a> · <a href=\"../parquet/{name}.parquet\">Parquet</a> · <a href=\"dictionary.html#t-{slug}\">columns</a></td></tr>",
            file = table_file(&s.name),
            name = esc(&s.name),
            slug = slug(&s.name),
            title = esc(&s.title),
            cols = s.columns.len()
        );
    }
    b.push_str("</tbody>\n</table>\n");

    let docs = tables.rows("documents");
    if !docs.is_empty() {
        b.push_str("<h2 id=\"documents\">Source documents</h2>\n");
        b.push_str(&tables.truncation_note("documents"));
        b.push_str("<ul>\n");
        for d in docs {
            let _ = writeln!(
                b,
                "<li>{} <span class=\"muted\">({}{})</span></li>",
                esc(str_of(d, "title").unwrap_or("")),
                esc(str_of(d, "doc_id").unwrap_or("")),
                str_of(d, "issued_on").map(|s| format!(", {}", esc(s))).unwrap_or_default()
            );
        }
        b.push_str("</ul>\n");
    }

    b.push_str(
        "<h2 id=\"downloads\">Downloads</h2>\n<ul>\n\
<li><a href=\"../datapackage.json\">datapackage.json</a> — Frictionless Tabular Data Package: every CSV with its schema, types, keys and checksum</li>\n\
<li><a href=\"../csv/\">csv/</a> — one UTF-8 CSV per table (RFC 4180, lists joined with <code>|</code>)</li>\n\
<li><a href=\"../parquet/\">parquet/</a> — the same tables as typed Parquet, with column descriptions and units in the field metadata</li>\n\
<li><a href=\"../data_dictionary.md\">data_dictionary.md</a> — every column explained (also <a href=\"dictionary.html\">here</a>)</li>\n\
<li><a href=\"../ckan_package.json\">ckan_package.json</a> and <a href=\"../dcat.jsonld\">dcat.jsonld</a> — catalogue metadata for CKAN and DCAT-AP portals</li>\n\
<li><a href=\"../SHA256SUMS\">SHA256SUMS</a> — checksums of every file; check with <code>sha256sum -c SHA256SUMS</code></li>\n\
<li><a href=\"../reports/\">reports/</a> — validation report, number audit and curator reports</li>\n</ul>\n",
    );

    let _ = write!(
        b,
        "<h2 id=\"use\">Use it in a notebook</h2>\n<p>Paths are relative to the folder holding <code>datapackage.json</code>.</p>\n<pre><code># Python (pandas or polars)\nimport pandas as pd\ntargets = pd.read_parquet(\"parquet/targets.parquet\")\n\n# DuckDB\nSELECT doc_id, indicator_id, value, unit_raw, target_year FROM 'parquet/targets.parquet';\n\n# R\ntargets &lt;- arrow::read_parquet(\"parquet/targets.parquet\")\n\n# Frictionless (validates types and keys)\nfrom frictionless import Package\npackage = Package(\"datapackage.json\")</code></pre>\n"
    );
    page(nav, meta, "index.html", "Overview", &b, false)
}

fn table_page(nav: &Nav, meta: &DatasetMeta, s: &TableSchema, tables: &SiteData) -> String {
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{} <span class=\"muted\">· {}</span></h1>\n<p>{}</p>\n",
        esc(&s.name),
        esc(&s.title),
        esc(s.description.trim())
    );
    let _ = writeln!(
        b,
        "<p class=\"muted\">Primary key <code>{}</code> · download <a href=\"../csv/{n}.csv\">CSV</a> · <a href=\"../parquet/{n}.parquet\">Parquet</a> · <a href=\"dictionary.html#t-{slug}\">column descriptions</a></p>",
        esc(&s.primary_key.join(", ")),
        n = esc(&s.name),
        slug = slug(&s.name)
    );
    b.push_str(&tables.truncation_note(&s.name));
    data_table(&mut b, s, tables.rows(&s.name), &slug(&s.name), |_| None);
    page(nav, meta, &table_file(&s.name), &s.name, &b, true)
}

/// A searchable, sortable table of `rows` with the columns of `s`. `row_class` may give a
/// CSS class per row (e.g. the severity of a finding).
fn data_table(b: &mut String, s: &TableSchema, rows: &[Row], id: &str, row_class: impl Fn(&Row) -> Option<String>) {
    let _ = writeln!(
        b,
        "<div class=\"controls\"><label>Search <input type=\"search\" id=\"q-{id}\" placeholder=\"any text, e.g. 汽车 or 2020\" autocomplete=\"off\"></label><span role=\"status\"><b id=\"n-{id}\" class=\"shown\">{n}</b> of <b class=\"total\">{n}</b> rows shown</span><span class=\"muted\">Click a column heading to sort.</span></div>",
        n = rows.len()
    );
    let _ = write!(b, "<div class=\"scroll\"><table class=\"data\" id=\"data-{id}\" data-search=\"q-{id}\" data-count=\"n-{id}\">\n<thead><tr>");
    for c in &s.columns {
        let numeric = matches!(c.ty, ColumnType::I32 | ColumnType::F64);
        let mut tip = c.description.trim().replace('\n', " ");
        if let Some(u) = &c.unit {
            let _ = write!(tip, " (unit: {u})");
        }
        let _ = write!(
            b,
            "<th scope=\"col\"{} data-col=\"{}\" title=\"{}\"><button type=\"button\">{}</button></th>",
            if numeric { " class=\"num\"" } else { "" },
            esc(&c.name),
            esc(&tip),
            esc(&c.name)
        );
    }
    b.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        match row_class(r) {
            Some(cls) => {
                let _ = write!(b, "<tr class=\"{}\">", esc(&cls));
            }
            None => b.push_str("<tr>"),
        }
        for c in &s.columns {
            let text = cell_text(c.ty, r.get(&c.name));
            if matches!(c.ty, ColumnType::I32 | ColumnType::F64) {
                let _ = write!(b, "<td class=\"num\">{}</td>", esc(&text));
            } else if text.chars().count() > 40 {
                // Prose and quotes wrap in a wide cell; long ids break at their hyphens.
                let cls = if text.contains(' ') || !text.is_ascii() { "long" } else { "id" };
                let _ = write!(b, "<td class=\"{cls}\">{}</td>", esc(&text));
            } else {
                let _ = write!(b, "<td>{}</td>", esc(&text));
            }
        }
        b.push_str("</tr>\n");
    }
    b.push_str("</tbody>\n</table></div>\n");
}

fn dictionary_page(nav: &Nav, meta: &DatasetMeta, schemas: &[TableSchema], tables: &SiteData) -> String {
    let mut b = String::from("<h1>Data dictionary</h1>\n<p>Generated from <code>schemas/</code>, the same description that types the Parquet files and <code>datapackage.json</code>. Types: <code>str</code>, <code>i32</code>, <code>f64</code>, <code>bool</code>, <code>date</code> (ISO 8601) and <code>list&lt;str&gt;</code> (joined with <code>|</code> in CSV).</p>\n<ul>\n");
    for s in schemas {
        let _ = writeln!(b, "<li><a href=\"#t-{}\">{}</a> — {}</li>", slug(&s.name), esc(&s.name), esc(&s.title));
    }
    b.push_str("</ul>\n");
    for s in schemas {
        let _ = write!(
            b,
            "<h2 id=\"t-{slug}\">{name} <span class=\"muted\">· {title}</span></h2>\n<p>{desc}</p>\n<p class=\"muted\">{n} rows · primary key <code>{pk}</code>",
            slug = slug(&s.name),
            name = esc(&s.name),
            title = esc(&s.title),
            desc = esc(s.description.trim()),
            n = tables.total(&s.name),
            pk = esc(&s.primary_key.join(", "))
        );
        for fk in &s.foreign_keys {
            let _ = write!(
                b,
                " · <code>{}</code> → <code>{}.{}</code>",
                esc(&fk.columns.join(", ")),
                esc(&fk.table),
                esc(&fk.table_columns.join(", "))
            );
        }
        let _ = writeln!(b, " · <a href=\"{}\">browse rows</a></p>", table_file(&s.name));
        b.push_str("<table class=\"dict\">\n<thead><tr><th>column</th><th>type</th><th>required</th><th>unit</th><th>description</th></tr></thead>\n<tbody>\n");
        for c in &s.columns {
            let mut desc = esc(c.description.trim());
            if let Some(allowed) = &c.allowed {
                let _ = write!(
                    desc,
                    "<br><span class=\"muted\">values: {}</span>",
                    allowed.iter().map(|a| format!("<code>{}</code>", esc(a))).collect::<Vec<_>>().join(", ")
                );
            }
            let _ = writeln!(
                b,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{desc}</td></tr>",
                esc(&c.name),
                esc(c.ty.as_str()),
                if c.required { "yes" } else { "" },
                esc(c.unit.as_deref().unwrap_or(""))
            );
        }
        b.push_str("</tbody>\n</table>\n");
    }
    page(nav, meta, "dictionary.html", "Data dictionary", &b, false)
}

fn validation_page(nav: &Nav, meta: &DatasetMeta, schemas: &[TableSchema], tables: &SiteData) -> String {
    let findings = tables.rows("validation");
    let mut b = String::from("<h1>Validation report</h1>\n<p>The validate stage checks the tables for unit errors, impossible years, arithmetic inconsistencies and contradictions between documents. Errors fail a run unless a curated erratum acknowledges them; warnings and info findings flag values worth a second look before use.</p>\n");
    let mut by_sev: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((_, sev), (n, ack)) in &tables.findings {
        let e = by_sev.entry(sev.as_str()).or_default();
        e.0 += n;
        e.1 += ack;
    }
    b.push_str("<div class=\"cards\">");
    for sev in ["error", "warning", "info"] {
        let (n, ack) = by_sev.get(sev).copied().unwrap_or((0, 0));
        let _ = write!(
            b,
            "<div class=\"card\"><b class=\"sev-{sev}\">{n}</b>{sev}{}</div>",
            if ack > 0 { format!(" ({ack} acknowledged)") } else { String::new() }
        );
    }
    b.push_str("</div>\n<h2 id=\"by-rule\">Findings by rule</h2>\n");
    b.push_str(&findings_chart(&tables.findings));
    b.push_str("<h2 id=\"findings\">Findings</h2>\n");
    b.push_str(&tables.truncation_note("validation"));
    match schemas.iter().find(|s| s.name == "validation") {
        Some(s) => data_table(&mut b, s, findings, "findings", |r| str_of(r, "severity").map(str::to_string)),
        None => b.push_str("<p>No validation table in the schemas.</p>\n"),
    }
    page(nav, meta, "validation.html", "Validation report", &b, true)
}

fn charts_page(nav: &Nav, meta: &DatasetMeta, schemas: &[TableSchema], tables: &SiteData) -> String {
    let targets = tables.rows("targets");
    let kinds: Vec<String> = schemas
        .iter()
        .find(|s| s.name == "targets")
        .and_then(|s| s.column("kind"))
        .and_then(|c| c.allowed.clone())
        .unwrap_or_default();
    let mut b = String::from("<h1>Charts</h1>\n<p>Drawn from the published tables when the dataset is built; hover over a mark for its values. Each chart has its numbers in a table below it.</p>\n<ul><li><a href=\"#targets-by-year\">Targets by target year and kind</a></li><li><a href=\"#indicators\">The same indicator across documents</a></li><li><a href=\"#findings-by-rule\">Validation findings by rule</a></li></ul>\n");
    // Charts of targets are drawn from the rows the site holds; say so when that is not all.
    b.push_str(&tables.truncation_note("targets"));
    b.push_str("<h2 id=\"targets-by-year\">Targets by target year and kind</h2>\n");
    b.push_str(&targets_by_year_chart(targets, &kinds));
    b.push_str("<h2 id=\"indicators\">The same indicator across documents</h2>\n<p>Every canonical indicator (<code>indicator_id</code>) that targets in more than one document refer to. Values are shown as written, one panel per kind and unit, so only like is plotted with like; a line marks a range (value to value_max).</p>\n");
    b.push_str(&indicator_charts(targets, &kinds));
    b.push_str("<h2 id=\"findings-by-rule\">Validation findings by rule</h2>\n");
    b.push_str(&findings_chart(&tables.findings));
    page(nav, meta, "charts.html", "Charts", &b, false)
}

// ---------------------------------------------------------------------------------------
// Charts (inline SVG)
// ---------------------------------------------------------------------------------------

/// A tick step of 1, 2 or 5 × 10^k giving about `target` intervals over `range`.
fn nice_step(range: f64, target: usize) -> f64 {
    if range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let n = raw / mag;
    let m = if n <= 1.0 {
        1.0
    } else if n <= 2.0 {
        2.0
    } else if n <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

/// Axis bounds snapped to the tick step, and the ticks.
fn axis(lo: f64, hi: f64, target: usize) -> (f64, f64, Vec<f64>, usize) {
    let (mut lo, mut hi) = (lo.min(0.0), hi.max(0.0));
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let step = nice_step(hi - lo, target);
    lo = (lo / step).floor() * step;
    hi = (hi / step).ceil() * step;
    let decimals = if step >= 1.0 { 0 } else { (-step.log10().floor()) as usize };
    let n = ((hi - lo) / step).round() as i64;
    let ticks = (0..=n).map(|i| lo + i as f64 * step).collect();
    (lo, hi, ticks, decimals)
}

fn fmt_tick(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Stacked bars: one bar per target year, one segment per kind.
fn targets_by_year_chart(targets: &[Row], kind_order: &[String]) -> String {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut years: BTreeSet<(i64, String)> = BTreeSet::new();
    let mut present: BTreeSet<String> = BTreeSet::new();
    for t in targets {
        let (ykey, ylabel) = match t.get("target_year").and_then(Value::as_i64) {
            Some(y) => (y, y.to_string()),
            None => (i64::MAX, "no year".to_string()),
        };
        let kind = str_of(t, "kind").unwrap_or("").to_string();
        years.insert((ykey, ylabel.clone()));
        present.insert(kind.clone());
        *counts.entry((ylabel, kind)).or_default() += 1;
    }
    if targets.is_empty() {
        return "<p>No targets.</p>\n".into();
    }
    // Kinds in the schema's order, then any others alphabetically.
    let mut kinds: Vec<String> = kind_order.iter().filter(|k| present.contains(*k)).cloned().collect();
    kinds.extend(present.iter().filter(|k| !kind_order.contains(k)).cloned());
    let years: Vec<String> = years.into_iter().map(|(_, l)| l).collect();
    let totals: Vec<usize> = years
        .iter()
        .map(|y| kinds.iter().map(|k| counts.get(&(y.clone(), k.clone())).copied().unwrap_or(0)).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0) as f64;

    let (w, h, ml, mr, mt, mb) = (760.0, 360.0, 52.0, 150.0, 24.0, 44.0);
    let pw = w - ml - mr;
    let ph = h - mt - mb;
    let (_, hi, ticks, dec) = axis(0.0, max, 5);
    let y = |v: f64| mt + ph - v / hi * ph;
    let band = pw / years.len() as f64;
    let bw = (band * 0.65).min(70.0);
    let mut s = String::new();
    let _ = write!(s, "<figure id=\"chart-targets-by-year\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"c1t\"><title id=\"c1t\">Number of targets by target year, stacked by kind</title>");
    for t in &ticks {
        let _ = write!(s, "<line x1=\"{ml}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"#e1e4e8\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">{}</text>", ml + pw, ml - 6.0, y(*t) + 4.0, fmt_tick(*t, dec), yy = y(*t));
    }
    for (i, yr) in years.iter().enumerate() {
        let x = ml + band * i as f64 + (band - bw) / 2.0;
        let mut acc = 0usize;
        for (k, kind) in kinds.iter().enumerate() {
            let n = counts.get(&(yr.clone(), kind.clone())).copied().unwrap_or(0);
            if n == 0 {
                continue;
            }
            let (y0, y1) = (y(acc as f64), y((acc + n) as f64));
            let _ = write!(s, "<rect x=\"{x:.1}\" y=\"{y1:.1}\" width=\"{bw:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}, {}: {n} targets</title></rect>", y0 - y1, colour(k), esc(yr), esc(kind));
            acc += n;
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1f24\">{}</text>",
            x + bw / 2.0,
            y(acc as f64) - 4.0,
            acc
        );
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1f24\">{}</text>",
            x + bw / 2.0,
            mt + ph + 18.0,
            esc(yr)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{ml}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#57606a\"/>",
        ml + pw,
        mt + ph,
        mt + ph
    );
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">target_year</text>",
        ml + pw / 2.0,
        h - 6.0
    );
    let _ = write!(s, "<text transform=\"translate(14 {:.1}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">targets</text>", mt + ph / 2.0);
    for (k, kind) in kinds.iter().enumerate() {
        let ly = mt + 8.0 + 20.0 * k as f64;
        let _ = write!(s, "<rect x=\"{}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{:.1}\" font-size=\"12\" fill=\"#1b1f24\">{}</text>", ml + pw + 20.0, ly - 10.0, colour(k), ml + pw + 38.0, ly, esc(kind));
    }
    s.push_str("</svg>\n<figcaption>Targets per target year, stacked by kind (level, share, growth rate, …). Targets without a knowable year are counted under “no year”.</figcaption>\n");
    // The numbers behind the chart.
    s.push_str(
        "<details><summary>Data behind this chart</summary><table class=\"chart-data\"><thead><tr><th>target_year</th>",
    );
    for k in &kinds {
        let _ = write!(s, "<th class=\"num\">{}</th>", esc(k));
    }
    s.push_str("<th class=\"num\">all</th></tr></thead><tbody>");
    for (i, yr) in years.iter().enumerate() {
        let _ = write!(s, "<tr><td>{}</td>", esc(yr));
        for k in &kinds {
            let _ = write!(s, "<td class=\"num\">{}</td>", counts.get(&(yr.clone(), k.clone())).copied().unwrap_or(0));
        }
        let _ = write!(s, "<td class=\"num\">{}</td></tr>", totals[i]);
    }
    s.push_str("</tbody></table></details></figure>\n");
    s
}

/// One dot plot per canonical indicator that targets in more than one document refer to:
/// documents down, value across; one panel per (kind, unit) so units are never mixed.
fn indicator_charts(targets: &[Row], kind_order: &[String]) -> String {
    let mut by_ind: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for t in targets {
        if let (Some(id), Some(_)) = (str_of(t, "indicator_id"), t.get("value").and_then(Value::as_f64)) {
            by_ind.entry(id).or_default().push(t);
        }
    }
    let kind_index = |k: &str| kind_order.iter().position(|x| x == k).unwrap_or(kind_order.len());
    let mut s = String::new();
    let mut shown = 0;
    s.push_str("<div class=\"grid\">\n");
    for (ind, rows) in &by_ind {
        let docs: BTreeSet<&str> = rows.iter().filter_map(|r| str_of(r, "doc_id")).collect();
        if docs.len() < 2 {
            continue;
        }
        shown += 1;
        // Panels: (kind, unit key) → rows; the unit key is the canonical unit, else the unit as written.
        let mut panels: BTreeMap<(String, String), Vec<&Row>> = BTreeMap::new();
        for r in rows {
            let kind = str_of(r, "kind").unwrap_or("").to_string();
            let unit = str_of(r, "unit").or(str_of(r, "unit_raw")).unwrap_or("").to_string();
            panels.entry((kind, unit)).or_default().push(r);
        }
        let mut panels: Vec<((String, String), Vec<&Row>)> = panels.into_iter().collect();
        panels.sort_by(|a, b| {
            let da = a.1.iter().filter_map(|r| str_of(r, "doc_id")).collect::<BTreeSet<_>>().len();
            let db = b.1.iter().filter_map(|r| str_of(r, "doc_id")).collect::<BTreeSet<_>>().len();
            db.cmp(&da).then(kind_index(&a.0 .0).cmp(&kind_index(&b.0 .0))).then(a.0.cmp(&b.0))
        });
        let name_en = rows.iter().find_map(|r| str_of(r, "indicator_name_en")).unwrap_or("");
        let _ = writeln!(
            s,
            "<figure class=\"indicator\" id=\"ind-{}\"><h3><code>{}</code> {}</h3><figcaption>{} targets in {} documents{}</figcaption>",
            slug(ind),
            esc(ind),
            esc(name_en),
            rows.len(),
            docs.len(),
            if panels.len() > 1 { format!(", {} panels by kind and unit", panels.len()) } else { String::new() }
        );
        for ((kind, _), prows) in &panels {
            let c = colour(kind_index(kind));
            s.push_str(&dot_plot(ind, kind, prows, c));
        }
        s.push_str("</figure>\n");
    }
    s.push_str("</div>\n");
    if shown == 0 {
        return "<p>No canonical indicator appears in targets of more than one document.</p>\n".into();
    }
    s
}

fn dot_plot(ind: &str, kind: &str, rows: &[&Row], fill: &str) -> String {
    let docs: Vec<&str> =
        rows.iter().filter_map(|r| str_of(r, "doc_id")).collect::<BTreeSet<_>>().into_iter().collect();
    let unit_raw = rows.iter().find_map(|r| str_of(r, "unit_raw")).unwrap_or("");
    let vals: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.get("value").and_then(Value::as_f64), r.get("value_max").and_then(Value::as_f64)])
        .flatten()
        .collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi, ticks, dec) = axis(lo, hi, 4);
    // Room on the left for the longest document id (about 6 px a character at 11 px).
    let longest = docs.iter().map(|d| d.chars().count()).max().unwrap_or(0) as f64;
    let ml = (16.0 + 6.2 * longest).clamp(80.0, 320.0);
    let (w, mr, mt, row_h) = (ml + 340.0, 20.0, 22.0, 24.0);
    let h = mt + row_h * docs.len() as f64 + 30.0;
    let pw = w - ml - mr;
    let x = |v: f64| ml + (v - lo) / (hi - lo) * pw;
    let mut s = String::new();
    let label =
        format!("{ind}: {kind}, {}", if unit_raw.is_empty() { "no unit".to_string() } else { unit_raw.to_string() });
    let _ = write!(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>", esc(&label), esc(&label));
    let _ = write!(
        s,
        "<text x=\"{ml}\" y=\"14\" font-size=\"12\" font-weight=\"600\" fill=\"#1b1f24\">{} · {}</text>",
        esc(kind),
        esc(if unit_raw.is_empty() { "no unit" } else { unit_raw })
    );
    let bottom = mt + row_h * docs.len() as f64;
    for t in &ticks {
        let _ = write!(s, "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{mt}\" y2=\"{bottom:.1}\" stroke=\"#e1e4e8\"/><text x=\"{xx:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>", bottom + 14.0, fmt_tick(*t, dec), xx = x(*t));
    }
    for (i, d) in docs.iter().enumerate() {
        let cy = mt + row_h * (i as f64 + 0.5);
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1f24\">{}</text>",
            ml - 8.0,
            cy + 4.0,
            esc(d)
        );
        let mine: Vec<&&Row> = rows.iter().filter(|r| str_of(r, "doc_id") == Some(d)).collect();
        for (k, r) in mine.iter().enumerate() {
            let v = r.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            // Spread several values of one document a little so none hides another.
            let dy = if mine.len() > 1 { (k % 3) as f64 * 5.0 - 5.0 } else { 0.0 };
            let year =
                r.get("target_year").and_then(Value::as_i64).map(|y| y.to_string()).unwrap_or_else(|| "no year".into());
            let vmax = r.get("value_max").and_then(Value::as_f64);
            let shown = match vmax {
                Some(m) => format!("{}–{}", format_f64(v), format_f64(m)),
                None => format_f64(v),
            };
            let tip = format!(
                "{d}, {year}: {shown} {} ({}; {})",
                str_of(r, "unit_raw").unwrap_or(""),
                str_of(r, "target_id").unwrap_or(""),
                str_of(r, "indicator_raw").unwrap_or("")
            );
            if let Some(m) = vmax {
                let _ = write!(
                    s,
                    "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{fill}\" stroke-width=\"3\"/>",
                    x(v),
                    x(m),
                    cy + dy,
                    cy + dy
                );
            }
            let _ = write!(s, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"{fill}\" fill-opacity=\"0.8\" stroke=\"#fff\"><title>{}</title></circle>", x(v), cy + dy, esc(&tip));
        }
    }
    s.push_str("</svg>\n");
    s
}

/// Horizontal bars: findings per rule, coloured by severity; rules without findings are
/// listed too so the chart shows what was checked.
fn findings_chart(findings: &BTreeMap<(String, String), (usize, usize)>) -> String {
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in crate::validate::rules::RULES.iter() {
        counts.insert((r.id.to_string(), r.severity.to_string()), 0);
    }
    for (key, (n, _)) in findings {
        *counts.entry(key.clone()).or_default() += n;
    }
    let max = counts.values().copied().max().unwrap_or(0) as f64;
    let (w, ml, mr, mt, row_h) = (760.0, 290.0, 60.0, 10.0, 22.0);
    let h = mt + row_h * counts.len() as f64 + 34.0;
    let pw = w - ml - mr;
    let (_, hi, ticks, dec) = axis(0.0, max, 5);
    let x = |v: f64| ml + v / hi * pw;
    let sev_colour = |s: &str| match s {
        "error" => "#b3261e",
        "warning" => "#d4a72c",
        "info" => "#0969da",
        _ => "#8c959f",
    };
    let bottom = mt + row_h * counts.len() as f64;
    let mut s = String::new();
    let _ = write!(s, "<figure id=\"chart-findings\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"c3t\"><title id=\"c3t\">Validation findings per rule, coloured by severity</title>");
    for t in &ticks {
        let _ = write!(s, "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{mt}\" y2=\"{bottom:.1}\" stroke=\"#e1e4e8\"/><text x=\"{xx:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">{}</text>", bottom + 14.0, fmt_tick(*t, dec), xx = x(*t));
    }
    for (i, ((check, sev), n)) in counts.iter().enumerate() {
        let y = mt + row_h * i as f64;
        let _ = write!(s, "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"#1b1f24\">{} <tspan fill=\"{}\">({})</tspan></text>", ml - 8.0, y + 15.0, esc(check), sev_colour(sev), esc(sev));
        let _ = write!(s, "<rect x=\"{ml}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {n} findings ({})</title></rect>", y + 4.0, x(*n as f64) - ml, row_h - 8.0, sev_colour(sev), esc(check), esc(sev));
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#1b1f24\">{n}</text>",
            x(*n as f64) + 4.0,
            y + 15.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#57606a\">findings</text>",
        ml + pw / 2.0,
        h - 4.0
    );
    s.push_str("</svg>\n<figcaption>Every validation rule with its number of findings (acknowledged ones included); red = error, amber = warning, blue = info.</figcaption>\n");
    s.push_str("<details><summary>Data behind this chart</summary><table class=\"chart-data\"><thead><tr><th>rule</th><th>severity</th><th class=\"num\">findings</th></tr></thead><tbody>");
    for ((check, sev), n) in &counts {
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td class=\"sev-{}\">{}</td><td class=\"num\">{n}</td></tr>",
            esc(check),
            slug(sev),
            esc(sev)
        );
    }
    s.push_str("</tbody></table></details></figure>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::schema::Column;
    use serde_json::json;

    fn col(name: &str, ty: ColumnType) -> Column {
        Column {
            name: name.into(),
            ty,
            required: false,
            unique: false,
            description: format!("the {name} <column>"),
            unit: None,
            allowed: None,
            example: None,
        }
    }

    fn schema(name: &str, cols: Vec<Column>) -> TableSchema {
        TableSchema {
            name: name.into(),
            title: format!("{name} title"),
            description: "desc & more".into(),
            primary_key: vec![cols[0].name.clone()],
            row_order: vec![],
            foreign_keys: vec![],
            columns: cols,
        }
    }

    fn row(v: Value) -> Row {
        v.as_object().unwrap().clone()
    }

    fn fixture() -> (Vec<TableSchema>, SiteData) {
        fixture_limited(SITE_ROWS)
    }

    fn fixture_limited(limit: usize) -> (Vec<TableSchema>, SiteData) {
        let mut kind = col("kind", ColumnType::Str);
        kind.allowed = Some(vec!["level".into(), "share".into()]);
        let schemas = vec![
            schema("documents", vec![col("doc_id", ColumnType::Str), col("title", ColumnType::Str)]),
            schema(
                "targets",
                vec![
                    col("target_id", ColumnType::Str),
                    col("doc_id", ColumnType::Str),
                    col("indicator_id", ColumnType::Str),
                    kind,
                    col("value", ColumnType::F64),
                    col("unit_raw", ColumnType::Str),
                    col("target_year", ColumnType::I32),
                    col("quote", ColumnType::Str),
                ],
            ),
            schema(
                "validation",
                vec![
                    col("finding_id", ColumnType::Str),
                    col("check", ColumnType::Str),
                    col("severity", ColumnType::Str),
                    col("row_ids", ColumnType::ListStr),
                ],
            ),
        ];
        let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
        tables.insert(
            "documents".into(),
            vec![row(json!({"doc_id": "d1", "title": "吉林省<工业>规划"})), row(json!({"doc_id": "d2", "title": "B"}))],
        );
        tables.insert(
            "targets".into(),
            vec![
                row(json!({"target_id": "d1-t1", "doc_id": "d1", "indicator_id": "gio", "kind": "level", "value": 5000.0, "unit_raw": "亿元", "target_year": 2017, "quote": "<script>alert('x')</script> & 到2017年"})),
                row(json!({"target_id": "d2-t1", "doc_id": "d2", "indicator_id": "gio", "kind": "level", "value": 6000.5, "unit_raw": "亿元", "target_year": 2020, "quote": "q"})),
                row(json!({"target_id": "d2-t2", "doc_id": "d2", "indicator_id": "solo", "kind": "share", "value": 60.0, "unit_raw": "%", "target_year": null, "quote": "q2"})),
            ],
        );
        tables.insert(
            "validation".into(),
            vec![row(
                json!({"finding_id": "f1", "check": "unit.share_over_100", "severity": "error", "row_ids": ["a", "b"]}),
            )],
        );
        let mut data = SiteData::new(limit);
        for s in &schemas {
            for r in tables.get(&s.name).into_iter().flatten() {
                data.add(
                    s,
                    &s.columns.iter().map(|c| r.get(&c.name).cloned().unwrap_or(Value::Null)).collect::<Vec<_>>(),
                );
            }
        }
        (schemas, data)
    }

    fn meta() -> DatasetMeta {
        DatasetMeta { title: "T <&>".into(), ..DatasetMeta::default() }
    }

    #[test]
    fn escapes_html() {
        assert_eq!(esc("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        let (schemas, tables) = fixture();
        let pages = render_site(&meta(), &schemas, &tables);
        let targets = &pages.iter().find(|(f, _)| f == "table-targets.html").unwrap().1;
        assert!(targets.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 到2017年"));
        assert!(!targets.contains("<script>alert"));
        let docs = &pages.iter().find(|(f, _)| f == "table-documents.html").unwrap().1;
        assert!(docs.contains("吉林省&lt;工业&gt;规划"));
        for (_, html) in pages.iter().filter(|(f, _)| f.ends_with(".html")) {
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert!(html.contains("<html lang=\"zh-Hans\">"));
            assert!(html.contains("T &lt;&amp;&gt;"));
            // Only the site's own files are referenced: nothing from the network.
            assert!(
                !html.contains("src=\"http")
                    && !html.contains("stylesheet\" href=\"http")
                    && html.contains("href=\"site.css\"")
            );
        }
    }

    #[test]
    fn deterministic_and_complete() {
        let (schemas, tables) = fixture();
        let a = render_site(&meta(), &schemas, &tables);
        let b = render_site(&meta(), &schemas, &tables);
        assert_eq!(a, b);
        let files: Vec<&str> = a.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            [
                "site.css",
                "site.js",
                "index.html",
                "charts.html",
                "dictionary.html",
                "validation.html",
                "table-documents.html",
                "table-targets.html",
                "table-validation.html"
            ]
        );
        let index = &a.iter().find(|(f, _)| f == "index.html").unwrap().1;
        assert!(index.contains("data-table=\"targets\">3</td>"));
        assert!(
            index.contains("href=\"../csv/targets.csv\"")
                && index.contains("href=\"../parquet/targets.parquet\"")
                && index.contains("href=\"../datapackage.json\"")
        );
        let charts = &a.iter().find(|(f, _)| f == "charts.html").unwrap().1;
        // gio is in two documents, solo in one.
        assert!(charts.contains("id=\"ind-gio\""));
        assert!(!charts.contains("id=\"ind-solo\""));
        assert!(charts.contains("no year"));
        assert!(charts.contains("<svg"));
        let validation = &a.iter().find(|(f, _)| f == "validation.html").unwrap().1;
        assert!(validation.contains("a | b"));
        assert!(validation.contains("<tr class=\"error\">"));
        let targets = &a.iter().find(|(f, _)| f == "table-targets.html").unwrap().1;
        assert!(targets.contains("<td class=\"num\">6000.5</td>"));
        assert!(targets.contains("<td class=\"num\">2017</td>"));
    }

    #[test]
    fn large_tables_show_their_first_rows_and_say_so() {
        let (schemas, data) = fixture_limited(2);
        let pages = render_site(&meta(), &schemas, &data);
        let page = |name: &str| &pages.iter().find(|(f, _)| f == name).unwrap().1;
        let targets = page("table-targets.html");
        assert!(targets.contains("the first 2 of 3 rows of <code>targets</code>"));
        assert_eq!(targets.matches("<td class=\"num\">2017</td>").count(), 1);
        assert!(!targets.contains("d2-t2"));
        // Counts are of the whole table, not of the rows shown.
        assert!(page("index.html").contains("data-table=\"targets\">3</td>"));
        assert!(page("dictionary.html").contains("3 rows"));
        // A table that fits has no note.
        assert!(!page("table-documents.html").contains("This page shows the first"));
    }

    #[test]
    fn axes_are_nice() {
        let (lo, hi, ticks, dec) = axis(0.0, 358.0, 5);
        assert_eq!((lo, hi, dec), (0.0, 400.0, 0));
        assert_eq!(ticks.len(), 5);
        let (_, hi, ticks, dec) = axis(0.0, 0.42, 4);
        assert!((hi - 0.6).abs() < 1e-9 && dec == 1);
        assert_eq!(ticks.iter().map(|t| fmt_tick(*t, dec)).collect::<Vec<_>>(), ["0.0", "0.2", "0.4", "0.6"]);
        let (lo, hi, _, _) = axis(5.0, 5.0, 4);
        assert!(lo <= 0.0 && hi >= 5.0);
        assert_eq!(fmt_tick(-0.0, 0), "0");
    }
}
