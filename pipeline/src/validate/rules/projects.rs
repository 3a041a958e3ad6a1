//! Projects: one product measured in units of different dimensions (tonnes here, vehicles
//! there), and one project given different capacities for the same product by different
//! documents. Reads the normalized projects and project_capacities row files; findings are
//! raised as notes (project rows are not target/observation facts).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Rule, Severity};
use crate::curated::Mappings;
use crate::error::PipelineError;
use crate::records::table::Row;
use crate::records::Note;
use crate::store::rowfile;
use crate::validate::{fmt, unit_dimension};

pub const CAPACITY_DIMENSION: Rule = Rule {
    id: "unit.project_capacity_dimension",
    severity: Severity::Warning,
    description: "One product's project capacities are given in units of different dimensions (e.g. tonnes and vehicles).",
};
pub const CAPACITY_CONFLICT: Rule = Rule {
    id: "consistency.project_capacity_conflict",
    severity: Severity::Warning,
    description: "Two documents give one project different capacities for the same product.",
};

/// One capacity row as the rules need it.
struct Cap {
    project_id: String,
    doc_id: String,
    product: String,
    value_std: Option<f64>,
    unit_raw: String,
    unit_code: Option<String>,
}

fn text(r: &Row, k: &str) -> Option<String> {
    r.get(k).and_then(|v| v.as_str()).map(str::to_string)
}

fn note(rule: &Rule, row_ids: Vec<String>, doc_ids: Vec<String>, message: String) -> Note {
    Note {
        check: rule.id.into(),
        severity: rule.severity.as_str().into(),
        table: "projects".into(),
        row_ids,
        doc_ids,
        message,
    }
}

/// Both project rules over `<normalize dir>/project_capacities.jsonl`.
pub fn check(normalized: &Path, m: &Mappings) -> Result<Vec<Note>, PipelineError> {
    let path = normalized.join("project_capacities.jsonl");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut caps = Vec::new();
    for r in rowfile::read::<Row>(&path, "normalize")? {
        let r = r?;
        caps.push(Cap {
            project_id: text(&r, "project_id").unwrap_or_default(),
            doc_id: text(&r, "doc_id").unwrap_or_default(),
            product: text(&r, "product").unwrap_or_default(),
            value_std: r.get("value_std").and_then(|v| v.as_f64()),
            unit_raw: text(&r, "unit_raw").unwrap_or_default(),
            unit_code: text(&r, "unit_code"),
        });
    }
    Ok(dimension_notes(&caps, m).into_iter().chain(conflict_notes(&caps)).collect())
}

/// Products (named) measured in more than one dimension across projects.
fn dimension_notes(caps: &[Cap], m: &Mappings) -> Vec<Note> {
    let mut by_product: BTreeMap<&str, BTreeMap<String, Vec<&Cap>>> = BTreeMap::new();
    for c in caps.iter().filter(|c| !c.product.is_empty()) {
        let Some(dim) = c.unit_code.as_deref().and_then(|u| unit_dimension(m, u)) else { continue };
        by_product.entry(&c.product).or_default().entry(dim.to_string()).or_default().push(c);
    }
    by_product
        .into_iter()
        .filter(|(_, dims)| dims.len() > 1)
        .map(|(product, dims)| {
            let all: Vec<&&Cap> = dims.values().flatten().collect();
            let ids = all.iter().map(|c| c.project_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
            let docs = all.iter().map(|c| c.doc_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
            let what = dims
                .iter()
                .map(|(d, cs)| format!("{d} (“{}”)", cs[0].unit_raw))
                .collect::<Vec<_>>()
                .join(", ");
            note(&CAPACITY_DIMENSION, ids, docs, format!("capacities of “{product}” are given in {what}"))
        })
        .collect()
}

/// One project, one product, different standardised values in different documents.
fn conflict_notes(caps: &[Cap]) -> Vec<Note> {
    let mut by_key: BTreeMap<(&str, &str), Vec<&Cap>> = BTreeMap::new();
    for c in caps.iter().filter(|c| c.value_std.is_some()) {
        by_key.entry((&c.project_id, &c.product)).or_default().push(c);
    }
    let mut out = Vec::new();
    for ((pid, product), cs) in by_key {
        let docs: BTreeSet<&str> = cs.iter().map(|c| c.doc_id.as_str()).collect();
        let values: BTreeSet<String> = cs.iter().filter_map(|c| c.value_std).map(fmt).collect();
        if docs.len() > 1 && values.len() > 1 {
            let stated =
                cs.iter().map(|c| format!("{}: {}", c.doc_id, c.value_std.map(fmt).unwrap_or_default())).collect::<Vec<_>>();
            out.push(note(
                &CAPACITY_CONFLICT,
                vec![pid.to_string()],
                docs.iter().map(|d| d.to_string()).collect(),
                format!("project {pid}: the capacity of “{product}” differs between documents ({})", stated.join("; ")),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cap(pid: &str, doc: &str, product: &str, v: f64) -> Cap {
        Cap {
            project_id: pid.into(),
            doc_id: doc.into(),
            product: product.into(),
            value_std: Some(v),
            unit_raw: "万吨".into(),
            unit_code: Some("e4_t".into()),
        }
    }

    #[test]
    fn conflicting_capacities_across_documents_are_found_and_agreeing_ones_are_not() {
        let caps = [cap("p1", "a", "乙烯", 1.4e6), cap("p1", "b", "乙烯", 1.2e6), cap("p2", "a", "甲醇", 3e5), cap("p2", "b", "甲醇", 3e5)];
        let notes = conflict_notes(&caps);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].row_ids, ["p1"]);
        assert!(notes[0].message.contains("乙烯"));
        // The same document twice is a restatement, not a conflict.
        assert!(conflict_notes(&[cap("p1", "a", "乙烯", 1.4e6), cap("p1", "a", "乙烯", 1.2e6)]).is_empty());
    }
}
