//! `reports/validation.html`, the findings as one plain page beside the Markdown report.
//! Findings are streamed (there can be hundreds of thousands), so the page is rendered in
//! three parts: the head, one row per finding, the tail.

use minijinja::context;

use super::render::render;
use crate::error::PipelineError;
use crate::records::tables::Finding;

pub fn validation_head() -> Result<String, PipelineError> {
    render("report_head.html", context! {})
}

pub fn validation_row(f: &Finding) -> Result<String, PipelineError> {
    render(
        "report_row.html",
        context! { f => context! {
            finding_id => f.finding_id, check => f.check, severity => f.severity, message => f.message,
            zh => super::cells::is_cjk(&f.message), rows => f.row_ids.join(", "), acknowledged => f.acknowledged.to_string()
        }},
    )
}

pub fn validation_tail() -> Result<String, PipelineError> {
    render("report_tail.html", context! {})
}
