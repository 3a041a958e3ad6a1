//! `reports/validation.html`, the findings as one plain page beside the Markdown report.
//! Findings are streamed (there can be hundreds of thousands), so the page is rendered in
//! three parts: the head, one row per finding, the tail.

use minijinja::context;
use serde_json::Value;

use super::render::render;
use crate::error::PipelineError;
use crate::records::table::Row;

pub fn validation_head() -> Result<String, PipelineError> {
    render("report_head.html", context! {})
}

pub fn validation_row(f: &Row) -> Result<String, PipelineError> {
    let text = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let rows = f
        .get("row_ids")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
        .unwrap_or_default();
    let acknowledged = f.get("acknowledged").cloned().unwrap_or(Value::Null).to_string();
    render(
        "report_row.html",
        context! { f => context! {
            finding_id => text("finding_id"), check => text("check"), severity => text("severity"),
            message => text("message"), zh => super::cells::is_cjk(&text("message")), rows => rows, acknowledged => acknowledged
        }},
    )
}

pub fn validation_tail() -> Result<String, PipelineError> {
    render("report_tail.html", context! {})
}
