//! Across documents: different goals for the same measure and year (conflict), a later plan
//! lowering an earlier goal for a later year (weakening), a later plan setting for a later
//! year the goal an earlier plan set for an earlier year (carried forward unmet), a later
//! document's figure for a year an earlier plan targeted (attainment, computed in
//! [`crate::validate::attainment`]); also the same measure twice in one document. And the
//! rules whose findings are raised elsewhere: enterprise attributes (normalize) and stale
//! errata (the validate stage).

use super::{Rule, Severity};
use crate::error::PipelineError;
use crate::validate::facts::{Fact, Facts, Sym};
use crate::curated::Mappings;
use crate::validate::{fmt, Findings, Msg};
use polars::prelude::*;
use std::collections::HashMap;

pub const CROSS_DOCUMENT: Rule = Rule { id: "consistency.cross_document", severity: Severity::Warning, description: "Two documents give the same canonical indicator, region, year and kind different values." };
pub const ATTAINMENT: Rule = Rule { id: "consistency.attainment", severity: Severity::Info, description: "A later document reports a value for a year an earlier document set a target for: met or missed, by how much." };
pub const CARRIED_FORWARD: Rule = Rule { id: "consistency.carried_forward", severity: Severity::Warning, description: "A later document sets for a later year the very goal an earlier document set for an earlier year (same canonical indicator, region, unit and value; industry the same, one inside the other, or unnamed on one side for a physical quantity such as 万辆 or 万吨): the earlier goal was probably not met and is carried forward." };
pub const WEAKENED: Rule = Rule { id: "consistency.weakened", severity: Severity::Warning, description: "A later document sets for a later year a lower goal than an earlier document set for an earlier year, for an amount that is meant to grow (money, counts, capacities, named alike) or a rate of a specific indicator set to rise (精细化学品率, 配套率, 综合利用率); not intensities, generic shares, falling measures or upper limits." };
pub const DUPLICATE_ROW: Rule = Rule { id: "consistency.duplicate_row", severity: Severity::Warning, description: "The same measure, value, unit, year and quote published twice for one document." };
pub const ENTERPRISE_REGION: Rule = Rule { id: "consistency.enterprise_region", severity: Severity::Warning, description: "The same enterprise with conflicting attributes: a quote places a gazetteer enterprise in another prefecture than its seat in mappings/enterprises.yaml." };
pub const ERRATA_STALE: Rule = Rule { id: "errata.stale", severity: Severity::Error, description: "An erratum in mappings/errata.yaml that acknowledges no finding (the value it names has changed or gone)." };

/// Earlier documents a goal is compared with: the most recent few that set the same
/// measure. A plan revises its predecessors; and a measure restated by a thousand
/// documents would otherwise give a finding per pair (the synthetic 1 GB corpus ran out of
/// 16 GiB with 64).
const EARLIER_DOCUMENTS: usize = 4;

/// Rows a cross-document finding quotes in its message.
const CROSS_DOCUMENT_QUOTED: usize = 10;

/// Every consistency rule over the targets and observations.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) -> Result<(), PipelineError> {
    duplicates(facts, fs);
    cross_document(facts, fs)?;
    carried_forward_and_weakened(facts, m, fs);
    crate::validate::attainment::raise(facts, m, fs);
    Ok(())
}

pub(super) fn duplicates<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    // (One value shared by two named measures, 能耗降低率、用水量降低率低于…10%, is two rows.)
    type Key = (Sym, Option<u64>, Option<Sym>, Option<i32>, Option<u32>, Option<Sym>, Option<Sym>);
    let mut seen: HashMap<Key, &Fact> = HashMap::new();
    for r in &facts.targets {
        let key = (r.doc, r.value.map(f64::to_bits), r.unit_raw, r.year, r.char_end, r.kind, r.indicator_raw);
        if let Some(prev) = seen.get(&key) {
            let (ind, v, u) = (facts.t(r.indicator_raw), fmt(r.value.unwrap_or(0.0)), facts.t(r.unit_raw));
            let msg = Msg::new(format!("“{ind}” {v} {u} appears twice"), format!("“{ind}”{v}{u}重复出现"));
            fs.add(&DUPLICATE_ROW, "targets", &[prev, r], msg);
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
    for r in facts.targets.iter().filter(|r| r.indicator_id.is_some() && !r.generic && r.value_std.is_some() && r.year.is_some()) {
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
        let (raw, id, y) = (facts.t(first.indicator_raw), facts.t(first.indicator_id), first.year.unwrap_or(0));
        let zh = group
            .iter()
            .take(CROSS_DOCUMENT_QUOTED)
            .map(|r| format!("{}：“{}”{}{}", facts.doc(r), facts.t(r.quote), fmt(r.value.unwrap_or(0.0)), facts.t(r.unit_raw)))
            .collect::<Vec<_>>()
            .join("；");
        let msg = Msg::new(format!("“{raw}” ({id}) for {y}: {listing}"), format!("“{raw}”（{id}）{y}年目标在不同文件中不一致：{zh}"));
        fs.add(&CROSS_DOCUMENT, "targets", group, msg);
    }
    Ok(())
}

/// Pairs of goals for the same measure from an earlier and a later document, the later
/// one for a later year: the same value (carried forward) or a lower one (weakened).
fn carried_forward_and_weakened<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    type Measure = (Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>);
    let mut groups: HashMap<Measure, Vec<&Fact>> = HashMap::new();
    for r in facts.targets.iter().filter(|r| {
        facts.kind_is(r, &["level", "count", "capacity", "share"])
            && r.indicator_id.is_some()
            && !r.generic
            && r.part_of.is_none()
            && r.value.is_some()
            && r.year.is_some()
            && facts.issued_on(r).is_some()
    }) {
        groups.entry((r.indicator_id, r.region_code, r.unit, r.kind, r.enterprise_id)).or_default().push(r);
    }
    let dimension = |r: &Fact| {
        facts.s(r.indicator_id).and_then(|id| m.indicators.iter().find(|i| i.id == id)).map(|i| i.dimension.as_str())
    };
    let mut raised = std::collections::BTreeSet::new();
    for rows in groups.values_mut() {
        rows.sort_by_key(|r| (facts.issued_on(r), facts.doc(r), r.char_start));
        for (j, later) in rows.iter().enumerate() {
            // Against the most recent earlier documents only (EARLIER_DOCUMENTS): a measure
            // restated by thousands of documents stays linear.
            let mut docs_seen = Vec::new();
            let earlier_rows = rows[..j].iter().rev().filter(|e| facts.issued_on(e) < facts.issued_on(later) && e.year < later.year);
            for earlier in earlier_rows {
                if !docs_seen.contains(&earlier.doc) {
                    if docs_seen.len() == EARLIER_DOCUMENTS {
                        break;
                    }
                    docs_seen.push(earlier.doc);
                }
                let dim = dimension(later).unwrap_or("other");
                let (s1, s2) = (earlier.subject_industry, later.subject_industry);
                // Same subject: one industry, or both whole-region totals; an unnamed industry
                // matches a named one only for physical quantities, whose unit names the product
                // (400万辆 整车规模 is the automotive industry's wherever it stands). Money, counts
                // and shares measure anything: an unnamed count (中国驰名商标60件) is the whole
                // economy's, a named one (全省食品工业中国驰名商标60件) one industry's.
                // An industry and one inside it (汽车整车 in 汽车产业) are one subject too.
                let nested = match (facts.s(s1), facts.s(s2)) {
                    (Some(a), Some(b)) => m.industry_within(a, b) || m.industry_within(b, a),
                    _ => false,
                };
                let same_subject = (s1 == s2 && (s1.is_some() || (earlier.total_sentence && later.total_sentence)))
                    || nested
                    || (extract::units::is_physical(dim) && (s1.is_none() || s2.is_none()))
                    || (dim == "percent" && s1.is_none() && s2.is_none() && unscoped(earlier) && unscoped(later));
                let (Some(v1), Some(v2)) = (earlier.value, later.value) else { continue };
                // One finding per later row and earlier document (raised below, when a rule fires:
                // a pair that matched nothing must not shadow the document's matching row).
                if !same_subject || raised.contains(&(earlier.doc, later.id)) {
                    continue;
                }
                let upper = |r: &Fact| matches!(facts.t(r.qualifier), "le" | "lt");
                let (y1, y2) = (earlier.year.unwrap_or(0), later.year.unwrap_or(0));
                let (d1, d2) = (facts.doc(earlier), facts.doc(later));
                let (q1, q2) = (facts.t(earlier.quote), facts.t(later.quote));
                let (a1, a2) = (format!("{} {}", fmt(v1), facts.t(earlier.unit_raw)), format!("{} {}", fmt(v2), facts.t(later.unit_raw)));
                // Carried forward only once the earlier year has come by the later document.
                let due = facts.issue_year(later).is_some_and(|iy| y1 <= iy);
                if due && (v1 - v2).abs() <= 1e-9 * v1.abs().max(1.0) && !upper(earlier) && !upper(later) {
                    let msg = Msg::new(
                        format!("{d2} sets for {y2} the goal {d1} set for {y1}: “{q2}” = “{q1}” ({a1}); the {y1} goal was probably not met"),
                        format!("{d2}为{y2}年设定的目标“{q2}”与{d1}为{y1}年设定的目标“{q1}”相同（{a1}）：{y1}年目标可能未实现而顺延"),
                    )
                    .figures(format!("> {a1}"), a2);
                    raised.insert((earlier.doc, later.id));
                    fs.add(&CARRIED_FORWARD, "targets", &[earlier, later], msg);
                } else if v2 < v1
                    && !upper(earlier)
                    && !upper(later)
                    && (lower_amount(facts, dim, earlier, later) || lower_rate(facts, dim, earlier, later))
                {
                    let msg = Msg::new(
                        format!("{d2} lowers the goal: {a2} for {y2} (“{q2}”) after {d1} set {a1} for {y1} (“{q1}”)"),
                        format!("{d2}把目标降低：{y2}年为{a2}（“{q2}”），而{d1}为{y1}年设定{a1}（“{q1}”）"),
                    )
                    .figures(format!("≥ {a1}"), a2);
                    raised.insert((earlier.doc, later.id));
                    fs.add(&WEAKENED, "targets", &[earlier, later], msg);
                }
            }
        }
    }
}

/// A lower amount meant to grow (money, counts, capacities) of one subject, named in the
/// same words: canonical amounts are coarse (enterprises above 10亿元 and above 100亿元 are
/// one indicator), so the phrase must agree too.
fn lower_amount(facts: &Facts, dim: &str, earlier: &Fact, later: &Fact) -> bool {
    let (s1, s2) = (earlier.subject_industry, later.subject_industry);
    s1 == s2
        && (s1.is_some() || (earlier.total_sentence && later.total_sentence))
        && same_phrase(facts, earlier, later)
        && facts.kind_is(later, &["level", "count", "capacity"])
        && matches!(dim, "money" | "count" | "vehicles" | "mass")
}

/// A lower rate of one subject: a share of a specific indicator (精细化学品率, 配套率, 工业固体
/// 废物综合利用率 — the indicator names the ratio, unlike the generic share of some total),
/// set to rise in both documents (达到/提高到; not 下降/降低/控制, not an upper limit). Rows of
/// the general part (no industry, enterprise or scope of their own in either) are the
/// region's rate.
fn lower_rate(facts: &Facts, dim: &str, earlier: &Fact, later: &Fact) -> bool {
    let (s1, s2) = (earlier.subject_industry, later.subject_industry);
    let rising = |r: &Fact| {
        let q = facts.t(r.quote);
        facts.s(r.direction) != Some("down") && !["下降", "降低", "降至", "减少", "控制"].iter().any(|w| q.contains(w))
    };
    dim == "percent"
        && facts.kind_is(earlier, &["share"])
        && facts.kind_is(later, &["share"])
        && s1 == s2
        && (s1.is_some() || (unscoped(earlier) && unscoped(later)))
        && rising(earlier)
        && rising(later)
}

/// A row of the general part: no industry, enterprise or scope of its own or of its
/// sentence. For a rate of a specific indicator (工业固体废物综合利用率) that is the region's.
fn unscoped(r: &Fact) -> bool {
    r.subject_industry.is_none() && r.industry_id.is_none() && r.enterprise_id.is_none() && r.scope_text.is_none()
}

/// The same measure in words: the indicator phrases agree once the region prefix (全省,
/// 全市) is dropped. Canonical indicators are coarse (enterprises above 10亿元 and above
/// 100亿元 are both enterprise counts), so a lower figure counts as a weakened goal only
/// when the text names the same thing.
fn same_phrase(facts: &Facts, a: &Fact, b: &Fact) -> bool {
    let strip = |r: &Fact| {
        let raw = facts.t(r.indicator_raw);
        ["全省", "全市", "全区", "全国"].iter().find_map(|p| raw.strip_prefix(p)).unwrap_or(raw).to_string()
    };
    strip(a) == strip(b)
}
