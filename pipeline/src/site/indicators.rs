//! The charts page: one chart per canonical indicator over the years, drawn from targets
//! (goals, at their target year) and observations (history, at their year) on `value_std`,
//! one panel per (kind, standard unit) so that only like is drawn with like and the unit
//! can be named on the value axis. Rows without an indicator, a year, a standard value or a
//! standard unit are counted, not drawn.

use minijinja::context;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::cells::{num_of, str_of};
use super::charts::{points_chart, Point, PointsChart};
use super::data::SiteData;
use super::pages::{slug, Frame, TableInfo};
use crate::error::PipelineError;
use crate::records::schema::TableSchema;
use crate::records::table::Row;
use crate::writers::format_f64;

/// One value of an indicator, from a target or an observation.
struct Value<'a> {
    row: &'a Row,
    goal: bool,
    year: i64,
    value_std: f64,
}

#[derive(Debug, Serialize)]
struct DataRow {
    doc: String,
    what: &'static str,
    year: i64,
    value_std: String,
    as_written: String,
}

#[derive(Debug, Serialize)]
struct Panel {
    kind: String,
    unit: String,
    chart: PointsChart,
    rows: Vec<DataRow>,
}

#[derive(Debug, Serialize)]
struct IndicatorChart {
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
    goals: usize,
    history: usize,
    documents: usize,
    skipped: usize,
    panels: Vec<Panel>,
}

/// A legend label of at most 28 characters.
fn short(s: &str) -> String {
    if s.chars().count() <= 28 {
        s.to_string()
    } else {
        s.chars().take(27).chain(['…']).collect()
    }
}

fn as_written(r: &Row) -> String {
    let v = num_of(r, "value").map(format_f64).unwrap_or_default();
    let v = match num_of(r, "value_max") {
        Some(m) => format!("{v}–{}", format_f64(m)),
        None => v,
    };
    format!("{v} {}", str_of(r, "unit_raw").unwrap_or(""))
}

fn panel(kind: &str, unit: &str, name: &str, values: &[Value]) -> Panel {
    let docs: Vec<&str> = values.iter().filter_map(|v| str_of(v.row, "doc_id")).collect::<BTreeSet<_>>().into_iter().collect();
    let series: Vec<String> = docs.iter().map(|d| short(d)).collect();
    let points: Vec<Point> = values
        .iter()
        .map(|v| {
            let doc = str_of(v.row, "doc_id").unwrap_or("");
            let quote: String = str_of(v.row, "quote").unwrap_or("").chars().take(80).collect();
            Point {
                year: v.year,
                value: v.value_std,
                value_max: num_of(v.row, "value_max_std"),
                series: docs.iter().position(|d| *d == doc).unwrap_or(0),
                hollow: !v.goal,
                tip: format!("{doc}, {}: {} ({}) — {quote}", v.year, as_written(v.row), if v.goal { "goal" } else { "history" }),
            }
        })
        .collect();
    let title = format!("{name}: {kind} in {unit}, by year");
    Panel {
        kind: kind.to_string(),
        unit: unit.to_string(),
        chart: points_chart(&title, unit, &series, &points),
        rows: values
            .iter()
            .map(|v| DataRow {
                doc: str_of(v.row, "doc_id").unwrap_or("").to_string(),
                what: if v.goal { "goal" } else { "history" },
                year: v.year,
                value_std: format_f64(v.value_std),
                as_written: as_written(v.row),
            })
            .collect(),
    }
}

/// The values of every canonical indicator, by indicator, then (kind, standard unit);
/// and per indicator the number of its rows that cannot be drawn.
fn gather<'a>(data: &'a SiteData) -> (BTreeMap<&'a str, BTreeMap<(String, String), Vec<Value<'a>>>>, BTreeMap<&'a str, usize>) {
    let mut by_ind: BTreeMap<&str, BTreeMap<(String, String), Vec<Value>>> = BTreeMap::new();
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for (table, year_col, goal) in [("targets", "target_year", true), ("observations", "year", false)] {
        for row in data.rows(table) {
            let Some(ind) = str_of(row, "indicator_id") else { continue };
            let unit = str_of(row, "value_std_unit").or_else(|| data.units.standard(str_of(row, "unit").unwrap_or("")));
            let year = row.get(year_col).and_then(|v| v.as_i64());
            match (unit, year, num_of(row, "value_std")) {
                (Some(unit), Some(year), Some(value_std)) => {
                    let kind = str_of(row, "kind").unwrap_or("").to_string();
                    let v = Value { row, goal, year, value_std };
                    by_ind.entry(ind).or_default().entry((kind, unit.to_string())).or_default().push(v);
                }
                _ => *skipped.entry(ind).or_default() += 1,
            }
        }
    }
    (by_ind, skipped)
}

fn indicator_charts(data: &SiteData) -> Vec<IndicatorChart> {
    let (by_ind, skipped) = gather(data);
    let mut charts = Vec::new();
    for (ind, panels) in by_ind {
        let all: Vec<&Value> = panels.values().flatten().collect();
        let name_en = all.iter().find_map(|v| str_of(v.row, "indicator_name_en")).unwrap_or("").to_string();
        let name_zh = all.iter().find_map(|v| str_of(v.row, "indicator_raw")).unwrap_or("").to_string();
        let label = if name_en.is_empty() { ind.to_string() } else { name_en.clone() };
        // A panel needs two values to show anything over the years; larger panels first.
        let mut drawn: Vec<Panel> = panels
            .iter()
            .filter(|(_, vs)| vs.len() >= 2)
            .map(|((kind, unit), vs)| panel(kind, unit, &label, vs))
            .collect();
        if drawn.is_empty() {
            continue;
        }
        drawn.sort_by(|a, b| b.rows.len().cmp(&a.rows.len()).then(a.kind.cmp(&b.kind)).then(a.unit.cmp(&b.unit)));
        charts.push(IndicatorChart {
            id: ind.to_string(),
            slug: slug(ind),
            name_zh,
            name_en,
            goals: all.iter().filter(|v| v.goal).count(),
            history: all.iter().filter(|v| !v.goal).count(),
            documents: all.iter().filter_map(|v| str_of(v.row, "doc_id")).collect::<BTreeSet<_>>().len(),
            skipped: skipped.get(ind).copied().unwrap_or(0),
            panels: drawn,
        });
    }
    // Indicators with the most values first: those are the ones worth comparing.
    charts.sort_by(|a, b| (b.goals + b.history).cmp(&(a.goals + a.history)).then(a.id.cmp(&b.id)));
    charts
}

pub fn charts_page(frame: &Frame, schemas: &[TableSchema], data: &SiteData) -> Result<String, PipelineError> {
    // The charts are drawn from the rows the site holds; say so when that is not all.
    let notes: Vec<TableInfo> = schemas
        .iter()
        .filter(|s| s.name == "targets" || s.name == "observations")
        .map(|s| TableInfo::new(s, data))
        .collect();
    frame.page("charts.html", "charts.html", "Charts", false, context! { notes => notes, indicators => indicator_charts(data) })
}
