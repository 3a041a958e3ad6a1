//! Units: a value's unit against what its indicator measures (money for a count, points
//! against percent, per-unit and total figures mixed) and a magnitude outside the
//! indicator's plausible range (curated `range` in mappings/indicators.yaml).

use super::{Rule, Severity};
use crate::curated::lookup::compatible_dimensions;
use crate::curated::Mappings;
use crate::validate::facts::{Fact, Facts};
use crate::validate::{fmt, unit_dimension, Findings, Msg};
use std::collections::BTreeMap;

pub const OUT_OF_RANGE: Rule = Rule { id: "unit.out_of_range", severity: Severity::Warning, description: "A level whose value, converted to the indicator's standard unit, lies outside the plausible range curated for the indicator in mappings/indicators.yaml (`range`, with the reason in its note): a wrong unit or a lost decimal point." };
pub const DIMENSION_MISMATCH: Rule = Rule { id: "unit.dimension_mismatch", severity: Severity::Warning, description: "A level value whose unit's dimension does not fit its canonical indicator (money for a count indicator)." };
pub const POINTS_VS_PERCENT: Rule = Rule { id: "unit.points_vs_percent", severity: Severity::Warning, description: "A change of a share or rate given in % (percentage points, 个百分点, probably meant), or a change in 个百分点 of an indicator that is not a share." };
pub const PER_UNIT_INCONSISTENT: Rule = Rule { id: "unit.per_unit_inconsistent", severity: Severity::Warning, description: "One indicator given in units of different dimensions (吨标准煤 and 吨标准煤/万元, 元 and 元/人): per-unit and total figures mixed, so its values do not compare." };

/// Every unit rule over both tables.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    let ind_of = |r: &Fact| facts.s(r.indicator_id).and_then(|id| m.indicators.iter().find(|x| x.id == id));
    for (table, rows) in [("targets", &facts.targets), ("observations", &facts.observations)] {
        for r in rows.iter() {
            let ind = facts.t(r.indicator_raw);
            if let (Some(indicator), Some(v), true) = (ind_of(r), r.value_std, facts.kind_is(r, &["level", "count", "capacity"])) {
                if let Some([lo, hi]) = indicator.range {
                    if v < lo || v > hi {
                        let (id, u, x) = (&indicator.id, facts.t(r.unit_raw), fmt(r.value.unwrap_or(0.0)));
                        let msg = Msg::new(
                            format!("“{ind}” {x} {u} ({id}: {} in its standard unit) is outside the plausible range {}–{}", fmt(v), fmt(lo), fmt(hi)),
                            format!("“{ind}”{x}{u}（{id}，标准单位下为{}）超出合理范围{}–{}：单位或小数点可能有误", fmt(v), fmt(lo), fmt(hi)),
                        )
                        .figures(format!("{}–{}", fmt(lo), fmt(hi)), fmt(v));
                        fs.add(&OUT_OF_RANGE, table, &[r], msg);
                    }
                }
            }
            if let (Some(indicator), Some(unit)) = (ind_of(r), facts.s(r.unit)) {
                let expected = indicator.dimension.as_str();
                let level_like = facts.kind_is(r, &["level", "count", "capacity"]);
                if let Some(a) = unit_dimension(m, unit) {
                    if level_like && !compatible_dimensions(expected, a) {
                        let (id, u) = (&indicator.id, facts.t(r.unit_raw));
                        let msg = Msg::new(
                            format!("“{ind}” ({id}) expects {expected} but is given in “{u}” ({a})"),
                            format!("“{ind}”（{id}）应为{expected}量纲，却以“{u}”（{a}）给出"),
                        )
                        .figures(expected.to_string(), a.to_string());
                        fs.add(&DIMENSION_MISMATCH, table, &[r], msg);
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
        let v = fmt(r.value.unwrap_or(0.0));
        let msg = Msg::new(
            format!("“{ind}” is a share or rate, changed by {v}% — 个百分点 (percentage points) probably meant"),
            format!("“{ind}”是比重或比率，变化却以{v}%表示——可能应为{v}个百分点"),
        )
        .figures(format!("{v} 个百分点"), format!("{v}%"));
        fs.add(&POINTS_VS_PERCENT, "targets", &[r], msg);
    } else if !share_like && unit.contains("百分点") && dim.is_some() {
        let v = fmt(r.value.unwrap_or(0.0));
        let msg = Msg::new(
            format!("“{ind}” is not a share, yet changes by {v} 个百分点 — % probably meant"),
            format!("“{ind}”不是比重，变化却以{v}个百分点表示——可能应为{v}%"),
        )
        .figures(format!("{v}%"), format!("{v} 个百分点"));
        fs.add(&POINTS_VS_PERCENT, "targets", &[r], msg);
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
        let msg = Msg::new(format!("{ind} is given in {listing}"), format!("{ind}的数值混用不同量纲的单位：{listing}"));
        fs.add(&PER_UNIT_INCONSISTENT, "targets", &rows, msg);
    }
}
