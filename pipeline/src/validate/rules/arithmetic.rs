//! Arithmetic: a part above its whole (value added above gross output, 其中 parts above
//! their total), ranges that run backwards, growth rates that the baseline and the target
//! contradict or that are implausible.

use super::{Rule, Severity};
use crate::curated::Mappings;
use crate::validate::facts::{Fact, Facts, Sym};
use crate::validate::{fmt, Findings};
use std::collections::{BTreeMap, HashMap};

pub const PART_EXCEEDS_WHOLE: Rule = Rule { id: "arithmetic.part_exceeds_whole", severity: Severity::Error, description: "A value above the indicator that bounds it in mappings/indicators.yaml (value added above gross output) for the same document, scope and year." };
pub const PARTS_EXCEED_WHOLE: Rule = Rule { id: "arithmetic.parts_exceed_whole", severity: Severity::Error, description: "Parts listed after 其中 add up to more than the whole they belong to (长春市300万辆 + 吉林市100万辆 vs 400万辆)." };
pub const RANGE_INVERTED: Rule = Rule { id: "arithmetic.range_inverted", severity: Severity::Error, description: "A range whose upper end is below its lower end." };
pub const IMPLAUSIBLE_GROWTH: Rule = Rule { id: "arithmetic.implausible_growth", severity: Severity::Warning, description: "An average annual growth rate above 50 % (likely a lost decimal point)." };
pub const CAGR: Rule = Rule { id: "consistency.cagr", severity: Severity::Warning, description: "A stated average growth rate that the baseline and the target contradict (compound growth, tolerance 1 percentage point)." };

/// Tolerance of the CAGR check, in percentage points.
pub const CAGR_TOLERANCE_PP: f64 = 1.0;

/// Every arithmetic rule over the targets.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    for r in &facts.targets {
        let ind = facts.t(r.indicator_raw);
        if let (Some(v), Some(vm)) = (r.value, r.value_max) {
            if vm < v {
                fs.add(&RANGE_INVERTED, "targets", &[r], format!("“{ind}”: range {} to {} runs backwards", fmt(v), fmt(vm)));
            }
        }
        if facts.kind_is(r, &["growth_rate"]) && r.value.is_some_and(|v| v > 50.0) {
            fs.add(
                &IMPLAUSIBLE_GROWTH,
                "targets",
                &[r],
                format!("“{ind}” grows {}% a year: a lost decimal point?", fmt(r.value.unwrap_or(0.0))),
            );
        }
    }
    bounded_by(facts, m, fs);
    parts_of_whole(facts, fs);
    cagr(facts, fs);
}

/// A value above the indicator that bounds it (curated `bounded_by`), same document,
/// region, industry, enterprise and year.
pub(super) fn bounded_by<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    // Same subject: one section of one document, same scope, region and year. Rows are
    // grouped by subject first, so the check is linear in the number of targets.
    type Subject = (Sym, Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>);
    let mut groups: BTreeMap<Subject, Vec<&Fact>> = BTreeMap::new();
    for r in facts.targets.iter().filter(|r| facts.kind_is(r, &["level"]) && r.indicator_id.is_some()) {
        let key = (r.doc, r.section, r.scope_text, r.region_code, r.industry_id, r.enterprise_id, r.year);
        groups.entry(key).or_default().push(r);
    }
    for levels in groups.values() {
        for part in levels {
            let Some(ind) = facts.s(part.indicator_id).and_then(|id| m.indicators.iter().find(|i| i.id == id)) else {
                continue;
            };
            let bounds = |w: &&&Fact| facts.s(w.indicator_id).is_some_and(|id| ind.bounded_by.iter().any(|b| b == id));
            for whole in levels.iter().filter(bounds) {
                if part.value_std.zip(whole.value_std).is_some_and(|(a, b)| a > b) {
                    fs.add(
                        &PART_EXCEEDS_WHOLE,
                        "targets",
                        &[part, whole],
                        format!(
                            "“{}” {} {} exceeds “{}” {} {}, which bounds it",
                            facts.t(part.indicator_raw),
                            fmt(part.value.unwrap_or(0.0)),
                            facts.t(part.unit_raw),
                            facts.t(whole.indicator_raw),
                            fmt(whole.value.unwrap_or(0.0)),
                            facts.t(whole.unit_raw)
                        ),
                    );
                }
            }
        }
    }
}

/// Parts listed after 其中 (part_of_target_id) against the whole they belong to.
pub(super) fn parts_of_whole<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    let mut parts: BTreeMap<Sym, Vec<&Fact>> = BTreeMap::new();
    for r in &facts.targets {
        if let Some(w) = r.part_of {
            parts.entry(w).or_default().push(r);
        }
    }
    if parts.is_empty() {
        return;
    }
    let by_id: HashMap<Sym, &Fact> = facts.targets.iter().map(|r| (r.id, r)).collect();
    for (whole_id, ps) in parts {
        let Some(whole) = by_id.get(&whole_id).copied() else {
            continue;
        };
        let (Some(total), Some(sum)) = (whole.value_std, ps.iter().map(|p| p.value_std).sum::<Option<f64>>()) else {
            continue;
        };
        if sum > total * (1.0 + 1e-9) {
            let listing = ps
                .iter()
                .map(|p| format!("{} {}", fmt(p.value.unwrap_or(0.0)), facts.t(p.unit_raw)))
                .collect::<Vec<_>>()
                .join(" + ");
            let mut rows = vec![whole];
            rows.extend(ps.iter().copied());
            fs.add(
                &PARTS_EXCEED_WHOLE,
                "targets",
                &rows,
                format!(
                    "parts of “{}” {} {}: {listing} add up to more",
                    facts.t(whole.indicator_raw),
                    fmt(whole.value.unwrap_or(0.0)),
                    facts.t(whole.unit_raw)
                ),
            );
        }
    }
}

/// A growth rate against its baseline and level target (same document and indicator phrase).
pub(super) fn cagr<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    // Level targets indexed by (document, indicator phrase, year), so each growth rate
    // finds its level in O(1).
    let mut levels: HashMap<(Sym, Option<Sym>, Option<i32>), Vec<&Fact>> = HashMap::new();
    for r in facts.targets.iter().filter(|r| facts.kind_is(r, &["level"])) {
        levels.entry((r.doc, r.indicator_raw, r.year)).or_default().push(r);
    }
    for g in facts.targets.iter().filter(|r| facts.kind_is(r, &["growth_rate"])) {
        let (Some(rate), Some(by), Some(bv), Some(ty)) = (g.value, g.baseline_year, g.baseline_value, g.year) else {
            continue;
        };
        let level = levels
            .get(&(g.doc, g.indicator_raw, Some(ty)))
            .and_then(|ls| ls.iter().copied().find(|r| r.baseline_value == Some(bv)));
        let Some(level) = level else { continue };
        let Some(tv) = level.value else {
            continue;
        };
        if ty <= by || bv <= 0.0 {
            continue;
        }
        let implied = ((tv / bv).powf(1.0 / (ty - by) as f64) - 1.0) * 100.0;
        if (implied - rate).abs() > CAGR_TOLERANCE_PP {
            fs.add(
                &CAGR,
                "targets",
                &[g, level],
                format!(
                    "“{}” from {} ({by}) to {} ({ty}) implies {:.1}% a year, the text says {}%",
                    facts.t(g.indicator_raw),
                    fmt(bv),
                    fmt(tv),
                    implied,
                    fmt(rate)
                ),
            );
        }
    }
}
