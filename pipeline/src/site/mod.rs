//! A static website of the published data package, written to `<out>/site/`, for people who
//! want to look at the data before downloading it: an overview with row counts and download
//! links, a targets page that leads with what a reader needs (filters by document,
//! industry, region and indicator), one page per table (searchable and sortable), charts
//! per canonical indicator over the years, the findings and the data dictionary.
//!
//! Everything is self-contained: no CDN, no web fonts, no network, no chart library, so the
//! pages work from a file system, an archive or any static host. Output is deterministic
//! (rows in published order, maps sorted, no timestamps) so the site diffs cleanly between
//! runs and is covered by `SHA256SUMS`.
//!
//! Modules, one job each: `data` gathers what the site is drawn from while publish streams
//! the tables; `units` names unit codes; `cells` turns values into cell text; `charts`
//! computes chart geometry; `pages`, `targets` and `indicators` build each page's values;
//! `render` holds the templates (`templates/`, `assets/`, compiled in) and the one HTML
//! escaper; `report` renders `reports/validation.html`.

mod cells;
mod charts;
mod data;
mod indicators;
mod pages;
mod render;
pub mod report;
mod targets;
mod units;

use std::fs;
use std::path::Path;

pub use data::{SiteData, SITE_ROWS};
pub use units::UnitNames;

use crate::error::PipelineError;
use crate::records::schema::TableSchema;
use crate::writers::portal::{dataset_meta, DatasetMeta};
use pages::{table_file, Frame};

/// Write the site into `<dir>/site/`. Reads `<dir>/datapackage.json` for the dataset's title
/// and description when it is there (it is written first by the publish stage).
pub fn write_site(dir: &Path, schemas: &[TableSchema], data: &SiteData) -> Result<(), PipelineError> {
    let site = dir.join("site");
    fs::create_dir_all(&site).map_err(|e| PipelineError::io(&site, e))?;
    for (file, html) in render_site(&dataset_meta(dir), schemas, data)? {
        let path = site.join(&file);
        fs::write(&path, html).map_err(|e| PipelineError::io(&path, e))?;
    }
    Ok(())
}

/// Every file of the site as (file name, contents), in a fixed order.
pub fn render_site(meta: &DatasetMeta, schemas: &[TableSchema], data: &SiteData) -> Result<Vec<(String, String)>, PipelineError> {
    let frame = Frame::new(meta, schemas);
    let mut files: Vec<(String, String)> = render::ASSETS.iter().map(|(f, text)| (f.to_string(), text.to_string())).collect();
    files.push(("index.html".into(), pages::index_page(&frame, schemas, data)?));
    files.push(("charts.html".into(), indicators::charts_page(&frame, schemas, data)?));
    files.push(("dictionary.html".into(), pages::dictionary_page(&frame, schemas, data)?));
    files.push(("findings.html".into(), pages::findings_page(&frame, schemas, data)?));
    for s in schemas {
        let page = match s.name.as_str() {
            "targets" => targets::targets_page(&frame, s, data)?,
            _ => pages::table_page(&frame, s, data)?,
        };
        files.push((table_file(&s.name), page));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::schema::{Column, ColumnType};
    use crate::records::table::Row;
    use serde_json::{json, Value};

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

    fn units() -> UnitNames {
        let table: extract::units::UnitTable = serde_yaml::from_str(
            "prefixes: [{surface: 亿, id: e8, factor: 1.0e8}]\nunits:\n  - {id: yuan, surfaces: [元], name_en: yuan (CNY), dimension: money, base: CNY, factor: 1.0, prefixable: true}\n  - {id: percent, surfaces: ['%'], dimension: percent, base: '%', factor: 1.0}\n",
        )
        .unwrap();
        UnitNames::new(&table)
    }

    fn fixture(limit: usize) -> (Vec<TableSchema>, SiteData) {
        let str_cols = |names: &[&str]| names.iter().map(|n| col(n, ColumnType::Str)).collect::<Vec<_>>();
        let mut targets = str_cols(&["target_id", "doc_id", "indicator_raw", "indicator_id", "indicator_name_en", "kind", "unit_raw", "unit", "quote"]);
        targets.extend([col("value", ColumnType::F64), col("value_std", ColumnType::F64), col("target_year", ColumnType::I32)]);
        let mut observations = str_cols(&["observation_id", "doc_id", "indicator_raw", "indicator_id", "kind", "unit_raw", "unit", "quote"]);
        observations.extend([col("value", ColumnType::F64), col("value_std", ColumnType::F64), col("year", ColumnType::I32)]);
        let mut validation = str_cols(&["finding_id", "check", "severity"]);
        validation.push(col("row_ids", ColumnType::ListStr));
        let schemas = vec![
            schema("documents", str_cols(&["doc_id", "title"])),
            schema("targets", targets),
            schema("observations", observations),
            schema("validation", validation),
        ];
        let rows = [
            ("documents", json!({"doc_id": "d1", "title": "吉林省<工业>规划"})),
            ("documents", json!({"doc_id": "d2", "title": "B"})),
            ("targets", json!({"target_id": "d1-t1", "doc_id": "d1", "indicator_raw": "工业总产值", "indicator_id": "gio", "indicator_name_en": "Gross output", "kind": "level", "value": 5000.0, "unit_raw": "亿元", "unit": "e8_yuan", "value_std": 5.0e11, "target_year": 2017, "quote": "<script>alert('x')</script> & 到2017年"})),
            ("targets", json!({"target_id": "d2-t1", "doc_id": "d2", "indicator_raw": "工业总产值", "indicator_id": "gio", "kind": "level", "value": 6000.5, "unit_raw": "亿元", "unit": "e8_yuan", "value_std": 6.0005e11, "target_year": 2020, "quote": "q"})),
            ("targets", json!({"target_id": "d2-t2", "doc_id": "d2", "indicator_raw": "比重", "indicator_id": "solo", "kind": "share", "value": 60.0, "unit_raw": "%", "unit": "percent", "value_std": 60.0, "target_year": null, "quote": "q2"})),
            ("observations", json!({"observation_id": "d1-o1", "doc_id": "d1", "indicator_raw": "工业总产值", "indicator_id": "gio", "kind": "level", "value": 3000.0, "unit_raw": "亿元", "unit": "e8_yuan", "value_std": 3.0e11, "year": 2010, "quote": "q3"})),
            ("validation", json!({"finding_id": "f1", "check": "unit.share_over_100", "severity": "error", "row_ids": ["a", "b"]})),
        ];
        let mut data = SiteData::new(limit, units());
        for s in &schemas {
            for (_, r) in rows.iter().filter(|(t, _)| *t == s.name) {
                let r = row(r.clone());
                data.add(s, &s.columns.iter().map(|c| r.get(&c.name).cloned().unwrap_or(Value::Null)).collect::<Vec<_>>());
            }
        }
        (schemas, data)
    }

    fn meta() -> DatasetMeta {
        DatasetMeta { title: "T <&>".into(), ..DatasetMeta::default() }
    }

    fn page<'a>(pages: &'a [(String, String)], name: &str) -> &'a str {
        &pages.iter().find(|(f, _)| f == name).unwrap_or_else(|| panic!("{name} missing")).1
    }

    #[test]
    fn text_is_escaped_and_chinese_marked() {
        let (schemas, data) = fixture(SITE_ROWS);
        let pages = render_site(&meta(), &schemas, &data).unwrap();
        let targets = page(&pages, "table-targets.html");
        assert!(targets.contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;&#x2f;script&gt; &amp; 到2017年"), "{targets}");
        assert!(!targets.contains("<script>alert"));
        assert!(page(&pages, "index.html").contains("<span lang=\"zh-Hans\">吉林省&lt;工业&gt;规划</span>"));
        for (_, html) in pages.iter().filter(|(f, _)| f.ends_with(".html")) {
            assert!(html.contains("<meta charset=\"utf-8\">"));
            assert!(html.contains("<html lang=\"en\">"));
            assert!(html.contains("T &lt;&amp;&gt;"));
            // Only the site's own files are referenced: nothing from the network.
            assert!(!html.contains("src=\"http") && !html.contains("stylesheet\" href=\"http") && html.contains("href=\"site.css\""));
        }
    }

    #[test]
    fn deterministic_and_complete() {
        let (schemas, data) = fixture(SITE_ROWS);
        let a = render_site(&meta(), &schemas, &data).unwrap();
        assert_eq!(a, render_site(&meta(), &schemas, &data).unwrap());
        let files: Vec<&str> = a.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            files,
            ["site.css", "site.js", "index.html", "charts.html", "dictionary.html", "findings.html", "table-documents.html", "table-targets.html", "table-observations.html", "table-validation.html"]
        );
        let index = page(&a, "index.html");
        assert!(index.contains("data-table=\"targets\">3</td>"));
        assert!(index.contains("href=\"../csv/targets.csv\"") && index.contains("href=\"../parquet/targets.parquet\"") && index.contains("href=\"../datapackage.json\""));
        let findings = page(&a, "findings.html");
        assert!(findings.contains("a | b") && findings.contains("<tr class=\"error\">"));
        // Every rule of the registry is listed with its description.
        for r in crate::validate::rules::RULES.iter() {
            assert!(findings.contains(&format!("<code>{}</code>", r.id)), "{}", r.id);
        }
        assert!(page(&a, "table-observations.html").contains("<td class=\"num\">2010</td>"));
    }

    #[test]
    fn targets_page_leads_with_the_reader_columns() {
        let (schemas, data) = fixture(SITE_ROWS);
        let pages = render_site(&meta(), &schemas, &data).unwrap();
        let t = page(&pages, "table-targets.html");
        // Document title, indicator zh + en, value with its unit as written, year.
        assert!(t.contains("<span lang=\"zh-Hans\">吉林省&lt;工业&gt;规划</span>"));
        assert!(t.contains("<span lang=\"zh-Hans\">工业总产值</span><span class=\"en\">Gross output</span>"));
        assert!(t.contains("data-sort=\"6000.5\" title=\"unit e8_yuan: 亿 × yuan (CNY); value_std = 600050000000 CNY\">6000.5 <span lang=\"zh-Hans\">亿元</span>"), "{t}");
        // The other columns are under details, named by data-col.
        for c in ["target_id", "indicator_id", "kind", "unit", "value_std"] {
            assert!(t.contains(&format!("<dt data-col=\"{c}\">")), "{c}");
        }
        // Filters with a count per option.
        assert!(t.contains("<select data-filter=\"indicator\" data-for=\"data-targets\" id=\"f-indicator\">"));
        assert!(t.contains("<option value=\"gio\">Gross output (gio) (2)</option>"));
        assert!(t.contains("data-doc=\"d2\" data-industry=\"none\" data-region=\"none\" data-indicator=\"solo\""));
    }

    #[test]
    fn charts_show_one_indicator_over_years_on_value_std_with_its_unit() {
        let (schemas, data) = fixture(SITE_ROWS);
        let pages = render_site(&meta(), &schemas, &data).unwrap();
        let c = page(&pages, "charts.html");
        // gio has two goals and one historical value in CNY; solo has one value and no year.
        assert!(c.contains("id=\"ind-gio\""));
        assert!(!c.contains("id=\"ind-solo\""));
        assert!(c.contains("class=\"y-unit\">CNY × 10⁹</text>"), "{c}");
        assert!(c.contains("2 goals and 1 historical values in 2 documents"));
        // Three values (two goals, one history) and a legend dot per document.
        assert_eq!(c.matches("<circle").count(), 3 + 2);
        assert!(c.contains("fill=\"#fff\" stroke="), "history is drawn as rings");
    }

    #[test]
    fn large_tables_show_their_first_rows_and_say_so() {
        let (schemas, data) = fixture(2);
        let pages = render_site(&meta(), &schemas, &data).unwrap();
        let targets = page(&pages, "table-targets.html");
        assert!(targets.contains("the first 2 of 3 rows of <code>targets</code>"));
        assert!(!targets.contains("d2-t2"));
        // Counts are of the whole table, not of the rows shown.
        assert!(page(&pages, "index.html").contains("data-table=\"targets\">3</td>"));
        assert!(page(&pages, "dictionary.html").contains("3 rows"));
        assert!(!page(&pages, "table-documents.html").contains("This page shows the first"));
    }
}
