//! The targets page: one row per goal that leads with what a reader needs (document,
//! indicator in Chinese and English, value with its unit as written, year, baseline,
//! quote), every other column behind a details view, and filters by document, industry,
//! region and indicator.

use minijinja::context;
use serde::Serialize;
use std::collections::BTreeMap;

use super::cells::{num_of, str_of, Cell, ColumnView};
use super::data::SiteData;
use super::pages::{table_file, Frame, TableInfo};
use crate::error::PipelineError;
use crate::records::schema::TableSchema;
use crate::records::table::Row;
use crate::writers::format_f64;

/// The columns the lead cells show; every other column is under "details".
const LEAD: [&str; 8] =
    ["doc_id", "indicator_raw", "indicator_name_en", "value", "unit_raw", "target_year", "baseline_value", "quote"];

/// (column the heading sorts by, label) of the lead cells, in order.
const HEADINGS: [(&str, &str); 6] = [
    ("doc_id", "document"),
    ("indicator_raw", "indicator"),
    ("value", "value"),
    ("target_year", "year"),
    ("baseline_value", "baseline"),
    ("quote", "quote"),
];

/// Filter value of rows that have no code in a filtered column.
const NONE: &str = "none";

#[derive(Debug, Serialize)]
struct Detail {
    name: String,
    cell: Cell,
}

#[derive(Debug, Serialize)]
struct TargetRow {
    id: String,
    doc: String,
    doc_title: String,
    industry: String,
    region: String,
    indicator: String,
    indicator_zh: String,
    indicator_en: String,
    value: String,
    value_sort: String,
    unit: String,
    unit_title: String,
    year: String,
    baseline: String,
    quote: String,
    details: Vec<Detail>,
}

#[derive(Debug, Serialize)]
struct FilterOption {
    value: String,
    label: String,
    zh: bool,
    n: usize,
}

#[derive(Debug, Serialize)]
struct Filter {
    key: &'static str,
    label: &'static str,
    options: Vec<FilterOption>,
}

fn qualifier_sign(q: Option<&str>) -> &'static str {
    match q {
        Some("ge") => "≥ ",
        Some("gt") => "> ",
        Some("le") => "≤ ",
        Some("lt") => "< ",
        Some("approx") => "≈ ",
        _ => "",
    }
}

/// `≥ 5000` or `40–45`: the value as the document states it, without its unit.
fn value_text(r: &Row) -> String {
    let Some(v) = num_of(r, "value") else { return String::new() };
    match num_of(r, "value_max") {
        Some(m) => format!("{}–{}", format_f64(v), format_f64(m)),
        None => format!("{}{}", qualifier_sign(str_of(r, "qualifier")), format_f64(v)),
    }
}

fn baseline_text(r: &Row) -> String {
    let value = num_of(r, "baseline_value").map(format_f64);
    let unit = str_of(r, "baseline_unit_raw").unwrap_or("");
    let year = r.get("baseline_year").and_then(|v| v.as_i64());
    match (value, year) {
        (Some(v), Some(y)) => format!("{v} {unit} ({y})"),
        (Some(v), None) => format!("{v} {unit}"),
        (None, Some(y)) => format!("compared with {y}"),
        (None, None) => String::new(),
    }
}

/// What a reader hovering over a value learns: the unit's name and the standard value.
fn unit_title(r: &Row, data: &SiteData) -> String {
    let code = str_of(r, "unit").unwrap_or("");
    let mut t = match data.units.name_en(code) {
        Some(name) => format!("unit {code}: {name}"),
        None if code.is_empty() => "no canonical unit".to_string(),
        None => format!("unit {code}"),
    };
    let std_unit = str_of(r, "value_std_unit").or_else(|| data.units.standard(code));
    if let (Some(v), Some(u)) = (num_of(r, "value_std"), std_unit) {
        t.push_str(&format!("; value_std = {} {u}", format_f64(v)));
    }
    t
}

fn target_row(s: &TableSchema, r: &Row, titles: &BTreeMap<&str, &str>, data: &SiteData) -> TargetRow {
    let code = |k: &str| str_of(r, k).unwrap_or(NONE).to_string();
    let doc = str_of(r, "doc_id").unwrap_or("").to_string();
    TargetRow {
        id: str_of(r, "target_id").unwrap_or("").to_string(),
        doc_title: titles.get(doc.as_str()).copied().unwrap_or(&doc).to_string(),
        doc,
        industry: code("industry_id"),
        region: code("region_code"),
        indicator: code("indicator_id"),
        indicator_zh: str_of(r, "indicator_raw").unwrap_or("").to_string(),
        indicator_en: str_of(r, "indicator_name_en").unwrap_or("").to_string(),
        value: value_text(r),
        value_sort: num_of(r, "value").map(format_f64).unwrap_or_default(),
        unit: str_of(r, "unit_raw").unwrap_or("").to_string(),
        unit_title: unit_title(r, data),
        year: r.get("target_year").and_then(|v| v.as_i64()).map(|y| y.to_string()).unwrap_or_default(),
        baseline: baseline_text(r),
        quote: str_of(r, "quote").unwrap_or("").to_string(),
        details: s
            .columns
            .iter()
            .filter(|c| !LEAD.contains(&c.name.as_str()))
            .map(|c| Detail { name: c.name.clone(), cell: Cell::of(c.ty, r.get(&c.name)) })
            .collect(),
    }
}

/// The options of one filter: every code in the rows, with a label and a row count.
fn filter(key: &'static str, label: &'static str, rows: &[TargetRow], pick: impl Fn(&TargetRow) -> (&str, String)) -> Filter {
    let mut options: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for r in rows {
        let (value, name) = pick(r);
        let name = if value == NONE { "(none)".to_string() } else { name };
        options.entry(value.to_string()).or_insert((name, 0)).1 += 1;
    }
    Filter {
        key,
        label,
        options: options
            .into_iter()
            .map(|(value, (label, n))| FilterOption { zh: super::cells::is_cjk(&label), value, label, n })
            .collect(),
    }
}

/// code → Chinese name, from a reference table of the package when it is there.
fn names<'a>(data: &'a SiteData, table: &str, key: &str) -> BTreeMap<&'a str, &'a str> {
    data.rows(table).iter().filter_map(|r| Some((str_of(r, key)?, str_of(r, "name_zh")?))).collect()
}

fn named(names: &BTreeMap<&str, &str>, code: &str) -> String {
    match names.get(code) {
        Some(name) => format!("{name} ({code})"),
        None => code.to_string(),
    }
}

pub fn targets_page(frame: &Frame, s: &TableSchema, data: &SiteData) -> Result<String, PipelineError> {
    let titles: BTreeMap<&str, &str> =
        data.rows("documents").iter().filter_map(|d| Some((str_of(d, "doc_id")?, str_of(d, "title")?))).collect();
    let industries = names(data, "industries", "industry_id");
    let regions = names(data, "regions", "region_code");
    let rows: Vec<TargetRow> = data.rows("targets").iter().map(|r| target_row(s, r, &titles, data)).collect();
    let filters = vec![
        filter("doc", "Document", &rows, |r| (&r.doc, r.doc_title.clone())),
        filter("industry", "Industry", &rows, |r| (&r.industry, named(&industries, &r.industry))),
        filter("region", "Region", &rows, |r| (&r.region, named(&regions, &r.region))),
        filter("indicator", "Indicator", &rows, |r| {
            (&r.indicator, if r.indicator_en.is_empty() { r.indicator.clone() } else { format!("{} ({})", r.indicator_en, r.indicator) })
        }),
    ];
    let by_name: BTreeMap<String, ColumnView> = ColumnView::all(s).into_iter().map(|c| (c.name.clone(), c)).collect();
    let columns: Vec<_> = HEADINGS
        .iter()
        .map(|(name, label)| {
            let c = by_name.get(*name);
            context! { name => name, label => label, num => c.is_some_and(|c| c.num), tip => c.map(|c| c.tip.clone()).unwrap_or_default() }
        })
        .collect();
    let details_count = rows.first().map_or(0, |r| r.details.len());
    frame.page(
        "targets.html",
        &table_file("targets"),
        "targets",
        true,
        context! { table => TableInfo::new(s, data), rows => rows, filters => filters, columns => columns, details_count => details_count },
    )
}
