//! Units: a value's unit against what its indicator measures (a share over 100 %, money
//! for a count, points against percent, per-unit and total figures mixed).

use super::{Rule, Severity};
use crate::curated::lookup::compatible_dimensions;
use crate::curated::Mappings;
use crate::validate::facts::{Fact, Facts};
use crate::validate::{fmt, unit_dimension, Findings};
use std::collections::BTreeMap;

pub const SHARE_OVER_100: Rule = Rule { id: "unit.share_over_100", severity: Severity::Error, description: "A share or rate (kind share, unit %) above 100 %." };
pub const DIMENSION_MISMATCH: Rule = Rule { id: "unit.dimension_mismatch", severity: Severity::Warning, description: "A level value whose unit's dimension does not fit its canonical indicator (money for a count indicator)." };
pub const POINTS_VS_PERCENT: Rule = Rule { id: "unit.points_vs_percent", severity: Severity::Warning, description: "A change of a share or rate given in % (percentage points, 个百分点, probably meant), or a change in 个百分点 of an indicator that is not a share." };
pub const PER_UNIT_INCONSISTENT: Rule = Rule { id: "unit.per_unit_inconsistent", severity: Severity::Warning, description: "One indicator given in units of different dimensions (吨标准煤 and 吨标准煤/万元, 元 and 元/人): per-unit and total figures mixed, so its values do not compare." };

/// Every unit rule over both tables.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    let ind_of = |r: &Fact| facts.s(r.indicator_id).and_then(|id| m.indicators.iter().find(|x| x.id == id));
    for (table, rows) in [("targets", &facts.targets), ("observations", &facts.observations)] {
        for r in rows.iter() {
            let ind = facts.t(r.indicator_raw);
            if facts.kind_is(r, &["share"]) && facts.s(r.unit_raw) == Some("%") && r.value.is_some_and(|v| v > 100.0) {
                fs.add(
                    &SHARE_OVER_100,
                    table,
                    &[r],
                    format!("“{ind}” is a share of {}% — over 100 %", fmt(r.value.unwrap_or(0.0))),
                );
            }
            if let (Some(indicator), Some(unit)) = (ind_of(r), facts.s(r.unit)) {
                let expected = indicator.dimension.as_str();
                let level_like = facts.kind_is(r, &["level", "count", "capacity"]);
                if let Some(a) = unit_dimension(m, unit) {
                    if level_like && !compatible_dimensions(expected, a) {
                        fs.add(
                            &DIMENSION_MISMATCH,
                            table,
                            &[r],
                            format!(
                                "“{ind}” ({}) expects {expected} but is given in “{}” ({a})",
                                indicator.id,
                                facts.t(r.unit_raw)
                            ),
                        );
                    }
                }
            }
        }
    }
    for r in facts.targets.iter().filter(|r| facts.kind_is(r, &["change"])) {
        points_vs_percent(facts, r, ind_of(r).map(|x| x.dimension.as_str()), fs);
    }
    per_unit_consistency(facts, m, fs);
}

/// 个百分点 vs %: a share changes by points; a level changes by percent.
fn points_vs_percent<'a>(facts: &'a Facts, r: &'a Fact, dim: Option<&str>, fs: &mut Findings<'a>) {
    let ind = facts.t(r.indicator_raw);
    let unit = facts.t(r.unit_raw);
    let share_like = dim == Some("percent") || ind.ends_with('率') || ind.ends_with("比重");
    if share_like && unit == "%" {
        fs.add(
            &POINTS_VS_PERCENT,
            "targets",
            &[r],
            format!(
                "“{ind}” is a share or rate, changed by {}% — 个百分点 (percentage points) probably meant",
                fmt(r.value.unwrap_or(0.0))
            ),
        );
    } else if !share_like && unit.contains("百分点") && dim.is_some() {
        fs.add(
            &POINTS_VS_PERCENT,
            "targets",
            &[r],
            format!("“{ind}” is not a share, yet changes by {} 个百分点 — % probably meant", fmt(r.value.unwrap_or(0.0))),
        );
    }
}

/// The amounts of one canonical indicator (levels, capacities, counts) should share a unit
/// dimension; a mix of per-unit and total units means some figures are not comparable.
pub(super) fn per_unit_consistency<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    let mut by_indicator: BTreeMap<&str, BTreeMap<&str, (&Fact, usize)>> = BTreeMap::new();
    for r in facts.targets.iter().chain(&facts.observations) {
        if !facts.kind_is(r, &["level", "capacity", "count"]) {
            continue;
        }
        if let (Some(ind), Some(dim)) = (facts.s(r.indicator_id), facts.s(r.unit).and_then(|u| unit_dimension(m, u))) {
            by_indicator.entry(ind).or_default().entry(dim).or_insert((r, 0)).1 += 1;
        }
    }
    // Generic indicators (dimension `other`, e.g. production capacity of any product) take
    // any unit by design.
    let generic = |id: &str| m.indicators.iter().any(|i| i.id == id && i.dimension == "other");
    for (ind, dims) in by_indicator.iter().filter(|(id, d)| d.len() > 1 && !generic(id)) {
        let rows: Vec<&Fact> = dims.values().map(|v| v.0).collect();
        let listing = dims
            .iter()
            .map(|(dim, (first, n))| format!("“{}” ({dim}, {n} rows)", facts.t(first.unit_raw)))
            .collect::<Vec<_>>()
            .join(" and ");
        fs.add(&PER_UNIT_INCONSISTENT, "targets", &rows, format!("{ind} is given in {listing}"));
    }
}
