//! Consistency: the same measure given twice in one document, different values for the
//! same measure in two documents, and a later document's figure against an earlier goal
//! (attainment). Also the rules whose findings are raised elsewhere: enterprise attributes
//! (normalize) and stale errata (the validate stage).

use super::{Rule, Severity};
use crate::error::PipelineError;
use crate::validate::facts::{Fact, Facts, Sym};
use crate::validate::{fmt, Findings};
use polars::prelude::*;
use std::collections::HashMap;

pub const CROSS_DOCUMENT: Rule = Rule { id: "consistency.cross_document", severity: Severity::Warning, description: "Two documents give the same canonical indicator, region, year and kind different values." };
pub const ATTAINMENT: Rule = Rule { id: "consistency.attainment", severity: Severity::Info, description: "A later document reports a value for a year an earlier document set a target for: met or missed, by how much." };
pub const DUPLICATE_ROW: Rule = Rule { id: "consistency.duplicate_row", severity: Severity::Warning, description: "The same value, unit, year and quote published twice for one document." };
pub const ENTERPRISE_REGION: Rule = Rule { id: "consistency.enterprise_region", severity: Severity::Warning, description: "The same enterprise with conflicting attributes: a quote places a gazetteer enterprise in another prefecture than its seat in mappings/enterprises.yaml." };
pub const ERRATA_STALE: Rule = Rule { id: "errata.stale", severity: Severity::Error, description: "An erratum in mappings/errata.yaml that acknowledges no finding (the value it names has changed or gone)." };

/// Rows a cross-document finding quotes in its message.
const CROSS_DOCUMENT_QUOTED: usize = 10;

/// Every consistency rule over the targets and observations.
pub fn check<'a>(facts: &'a Facts, fs: &mut Findings<'a>) -> Result<(), PipelineError> {
    duplicates(facts, fs);
    cross_document(facts, fs)?;
    attainment(facts, fs);
    Ok(())
}

pub(super) fn duplicates<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    let mut seen: HashMap<(Sym, Option<u64>, Option<Sym>, Option<i32>, Option<u32>, Option<Sym>), &Fact> =
        HashMap::new();
    for r in &facts.targets {
        let key = (r.doc, r.value.map(f64::to_bits), r.unit_raw, r.year, r.char_end, r.kind);
        if let Some(prev) = seen.get(&key) {
            fs.add(
                &DUPLICATE_ROW,
                "targets",
                &[prev, r],
                format!(
                    "“{}” {} {} appears twice",
                    facts.t(r.indicator_raw),
                    fmt(r.value.unwrap_or(0.0)),
                    facts.t(r.unit_raw)
                ),
            );
        } else {
            seen.insert(key, r);
        }
    }
}

/// Same canonical indicator, region, year and kind, different values in different
/// documents. Rows are numbered by what they measure; polars counts the documents and the
/// spread of values per measure.
pub(super) fn cross_document<'a>(facts: &'a Facts, fs: &mut Findings<'a>) -> Result<(), PipelineError> {
    type Measure = (Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>, Option<Sym>, Option<Sym>);
    let mut group_of: HashMap<Measure, u32> = HashMap::new();
    let mut groups: Vec<Vec<&Fact>> = Vec::new();
    let (mut keys, mut docs, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for r in facts.targets.iter().filter(|r| r.indicator_id.is_some() && r.value_std.is_some() && r.year.is_some()) {
        // Same measure of the same scope: indicator, region, industry, enterprise, year, kind.
        let measure = (r.indicator_id, r.region_code, r.industry_id, r.enterprise_id, r.year, r.kind, r.qualifier);
        let next = groups.len() as u32;
        let g = *group_of.entry(measure).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g as usize].push(r);
        keys.push(g);
        docs.push(lasso::Key::into_usize(r.doc) as u32);
        values.push(r.value_std.unwrap_or(0.0));
    }
    if keys.is_empty() {
        return Ok(());
    }
    let perr = |e: PolarsError| PipelineError::Other(format!("cross-document check: {e}"));
    let df = df!("key" => keys, "doc" => docs, "value_std" => values).map_err(perr)?;
    let conflicts = df
        .lazy()
        .group_by([col("key")])
        .agg([
            col("doc").n_unique().alias("n_docs"),
            col("value_std").min().alias("lo"),
            col("value_std").max().alias("hi"),
        ])
        .filter(col("n_docs").gt(lit(1)).and(col("hi").gt(col("lo") * lit(1.000001))))
        .sort(["key"], SortMultipleOptions::default())
        .collect()
        .map_err(perr)?;
    let conflict_keys: Vec<u32> =
        conflicts.column("key").map_err(perr)?.u32().map_err(perr)?.iter().flatten().collect();
    for k in conflict_keys {
        let group = &groups[k as usize];
        // The message quotes a few rows; row_ids names them all (a measure repeated across
        // hundreds of documents would otherwise make the message as long as the corpus).
        let mut listing = group
            .iter()
            .take(CROSS_DOCUMENT_QUOTED)
            .map(|r| format!("{} says {} {}", facts.doc(r), fmt(r.value.unwrap_or(0.0)), facts.t(r.unit_raw)))
            .collect::<Vec<_>>()
            .join("; ");
        if group.len() > CROSS_DOCUMENT_QUOTED {
            listing.push_str(&format!("; and {} more rows (row_ids lists all)", group.len() - CROSS_DOCUMENT_QUOTED));
        }
        let first = group[0];
        fs.add(
            &CROSS_DOCUMENT,
            "targets",
            group,
            format!(
                "“{}” ({}) for {}: {listing}",
                facts.t(first.indicator_raw),
                facts.t(first.indicator_id),
                first.year.unwrap_or(0)
            ),
        );
    }
    Ok(())
}

/// A later document's observation against an earlier document's target for that year.
pub(super) fn attainment<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    // Observations indexed by what they measure, so the check is linear in the rows.
    let mut by_key: HashMap<(Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>), Vec<&Fact>> = HashMap::new();
    for o in facts.observations.iter().filter(|o| o.indicator_id.is_some()) {
        by_key.entry((o.indicator_id, o.region_code, o.unit, Some(o.year.unwrap_or(0)))).or_default().push(o);
    }
    for t in facts.targets.iter().filter(|r| facts.kind_is(r, &["level", "count", "capacity", "share"])) {
        if t.indicator_id.is_none() {
            continue;
        }
        // The first later document that reports the year settles the target (one finding
        // per target, however many documents repeat the figure).
        let issued_t = facts.issued_on(t);
        let key = (t.indicator_id, t.region_code, t.unit, Some(t.year.unwrap_or(0)));
        let later = by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]).iter().filter(|o| facts.issued_on(o) > issued_t);
        if let Some(o) = later.min_by_key(|o| (facts.issued_on(o), facts.doc(o), facts.strings.get(o.id))) {
            let (Some(goal), Some(got)) = (t.value, o.value) else {
                continue;
            };
            let met = got >= goal;
            fs.add(
                &ATTAINMENT,
                "targets",
                &[t, o],
                format!(
                    "“{}” {}: target {} {} ({}), reported {} ({}) — {} by {}",
                    facts.t(t.indicator_raw),
                    t.year.unwrap_or(0),
                    fmt(goal),
                    facts.t(t.unit_raw),
                    facts.doc(t),
                    fmt(got),
                    facts.doc(o),
                    if met { "met" } else { "missed" },
                    fmt((got - goal).abs())
                ),
            );
        }
    }
}
