//! Part and whole: value added at or above gross output, a sector's goal above the total's,
//! listed parts (sector goals, 其中 sub-regions) adding up to more than their total, a share
//! above 100 %.

use super::{Rule, Severity};
use crate::curated::Mappings;
use crate::validate::facts::{Fact, Facts, Sym};
use crate::validate::{fmt, Findings, Msg};
use std::collections::{BTreeMap, HashMap};

pub const SHARE_OVER_100: Rule = Rule { id: "unit.share_over_100", severity: Severity::Error, description: "A share or rate (kind share, unit %) above 100 %." };
pub const PART_EXCEEDS_WHOLE: Rule = Rule { id: "arithmetic.part_exceeds_whole", severity: Severity::Error, description: "A value at or above the indicator that bounds it in mappings/indicators.yaml (value added at or above gross output: value added is output less intermediate inputs) for the same document, sentence subject and year." };
pub const PARTS_EXCEED_WHOLE: Rule = Rule { id: "arithmetic.parts_exceed_whole", severity: Severity::Error, description: "Parts listed after 其中 add up to more than the whole they belong to (长春市300万辆 + 吉林市100万辆 vs 400万辆)." };
pub const SECTOR_ABOVE_TOTAL: Rule = Rule { id: "arithmetic.sector_above_total", severity: Severity::Error, description: "One industry's goal above the document's total (全省…, no industry) for the same indicator, region and year." };
pub const SECTORS_EXCEED_TOTAL: Rule = Rule { id: "arithmetic.sectors_exceed_total", severity: Severity::Warning, description: "The goals a document sets for distinct industries (none inside another in mappings/industries.yaml) add up to more than its total for the same indicator, region and year; industries the taxonomy does not nest may still overlap, so this needs judgement." };

/// Every part-and-whole rule.
pub fn check<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    share_over_100(facts, fs);
    bounded_by(facts, m, fs);
    parts_of_whole(facts, fs);
    sectors_against_total(facts, m, fs);
}

fn amount(facts: &Facts, r: &Fact) -> String {
    format!("{} {}", fmt(r.value.unwrap_or(0.0)), facts.t(r.unit_raw))
}

fn share_over_100<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    for (table, rows) in [("targets", &facts.targets), ("observations", &facts.observations)] {
        for r in rows.iter() {
            if facts.kind_is(r, &["share"]) && facts.s(r.unit_raw) == Some("%") && r.value.is_some_and(|v| v > 100.0) {
                let (ind, v) = (facts.t(r.indicator_raw), fmt(r.value.unwrap_or(0.0)));
                let msg = Msg::new(
                    format!("“{ind}” is a share of {v}% — over 100 %"),
                    format!("“{ind}”所占比重为{v}%，超过100%"),
                )
                .figures("≤ 100%".into(), format!("{v}%"));
                fs.add(&SHARE_OVER_100, table, &[r], msg);
            }
        }
    }
}

/// A value at or above the indicator that bounds it (curated `bounded_by`), same document,
/// section, sentence subject, region and year.
pub(super) fn bounded_by<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    type Subject = (Sym, Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>);
    let mut groups: BTreeMap<Subject, Vec<&Fact>> = BTreeMap::new();
    for r in facts.targets.iter().filter(|r| facts.kind_is(r, &["level"]) && r.indicator_id.is_some()) {
        let key = (r.doc, r.section, r.region_code, r.subject_industry, r.enterprise_id, r.year);
        groups.entry(key).or_default().push(r);
    }
    for levels in groups.values() {
        for part in levels {
            let Some(ind) = facts.s(part.indicator_id).and_then(|id| m.indicators.iter().find(|i| i.id == id)) else {
                continue;
            };
            let bounds = |w: &&&Fact| facts.s(w.indicator_id).is_some_and(|id| ind.bounded_by.iter().any(|b| b == id));
            for whole in levels.iter().filter(bounds) {
                // Two sentences of one section each with its own subject (an enterprise
                // named in scope_text) are not one subject.
                if part.scope_text.is_some() && whole.scope_text.is_some() && part.scope_text != whole.scope_text {
                    continue;
                }
                let Some((a, b)) = part.value_std.zip(whole.value_std) else { continue };
                if a >= b * (1.0 - 1e-9) {
                    let (p, w) = (facts.t(part.indicator_raw), facts.t(whole.indicator_raw));
                    let (pa, wa) = (amount(facts, part), amount(facts, whole));
                    let verb = if a > b { ("exceeds", "超过") } else { ("equals", "等于") };
                    let msg = Msg::new(
                        format!("“{p}” {pa} {} “{w}” {wa}, which bounds it (value added is output less intermediate inputs, so it must be smaller)", verb.0),
                        format!("“{p}”{pa}{}“{w}”{wa}；增加值是总产值扣除中间投入，必须小于总产值", verb.1),
                    )
                    .figures(format!("< {wa}"), pa);
                    fs.add(&PART_EXCEEDS_WHOLE, "targets", &[part, whole], msg);
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
            let listing = ps.iter().map(|p| amount(facts, p)).collect::<Vec<_>>().join(" + ");
            let mut rows = vec![whole];
            rows.extend(ps.iter().copied());
            let (w, wa) = (facts.t(whole.indicator_raw), amount(facts, whole));
            let scale = whole.value.unwrap_or(0.0) / total;
            let msg = Msg::new(
                format!("parts of “{w}” {wa}: {listing} add up to more"),
                format!("“{w}”{wa}的其中各项 {listing} 合计超过总数"),
            )
            .figures(format!("≤ {wa}"), format!("{} {}", fmt(sum * scale), facts.t(whole.unit_raw)));
            fs.add(&PARTS_EXCEED_WHOLE, "targets", &rows, msg);
        }
    }
}

/// A document's industry goals against its total (a `全…` row with no industry) for the
/// same indicator, region, unit dimension and year: each alone (error), and the distinct
/// industries together (warning).
fn sectors_against_total<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    type Measure = (Sym, Option<Sym>, Option<Sym>, Option<i32>, Option<Sym>);
    let mut totals: HashMap<Measure, &Fact> = HashMap::new();
    let mut sectors: BTreeMap<Measure, BTreeMap<Sym, &Fact>> = BTreeMap::new();
    for r in facts.targets.iter().filter(|r| {
        facts.kind_is(r, &["level", "capacity", "count"])
            && r.indicator_id.is_some()
            && r.enterprise_id.is_none()
            && r.part_of.is_none()
            && r.value_std.is_some()
            && !facts.s(r.qualifier).is_some_and(|q| q == "le" || q == "lt")
    }) {
        let key = (r.doc, r.indicator_id, r.region_code, r.year, r.unit);
        match r.subject_industry {
            None if r.total_sentence => {
                totals.entry(key).and_modify(|t| *t = if t.value_std < r.value_std { r } else { t }).or_insert(r);
            }
            // One row per industry: the largest, should the document repeat a goal.
            Some(ind) => {
                let e = sectors.entry(key).or_default().entry(ind).or_insert(r);
                if e.value_std < r.value_std {
                    *e = r;
                }
            }
            None => {}
        }
    }
    for (key, by_industry) in &sectors {
        let Some(total) = totals.get(key).copied() else { continue };
        let t = total.value_std.unwrap_or(0.0);
        let (tr, ta) = (facts.t(total.indicator_raw), amount(facts, total));
        for s in by_industry.values().filter(|s| s.value_std.unwrap_or(0.0) > t * (1.0 + 1e-9)) {
            let (sr, sa) = (facts.t(s.indicator_raw), amount(facts, s));
            let msg = Msg::new(
                format!("one industry's goal “{sr}” {sa} is above the total “{tr}” {ta} for {}", s.year.unwrap_or(0)),
                format!("行业目标“{sr}”{sa}高于同年总量目标“{tr}”{ta}"),
            )
            .figures(format!("≤ {ta}"), sa);
            fs.add(&SECTOR_ABOVE_TOTAL, "targets", &[total, s], msg);
        }
        // Industries with an ancestor in the list are inside it and not counted twice.
        let names: Vec<&str> = by_industry.keys().map(|k| facts.strings.get(*k)).collect();
        let nested = |id: &str| names.iter().any(|outer| m.industry_within(id, outer));
        let parts: Vec<&Fact> =
            by_industry.iter().filter(|(k, _)| !nested(facts.strings.get(**k))).map(|(_, r)| *r).collect();
        let sum: f64 = parts.iter().filter_map(|r| r.value_std).sum();
        if parts.len() >= 2 && sum > t * (1.0 + 1e-9) {
            let scale = total.value.unwrap_or(0.0) / t;
            let listing = parts.iter().map(|r| amount(facts, r)).collect::<Vec<_>>().join(" + ");
            let stated = format!("{} {}", fmt(sum * scale), facts.t(total.unit_raw));
            let msg = Msg::new(
                format!("the goals of {} industries ({listing} = {stated}) add up to more than the total “{tr}” {ta}", parts.len()),
                format!("{}个行业目标（{listing} = {stated}）合计超过总量目标“{tr}”{ta}", parts.len()),
            )
            .figures(format!("≤ {ta}"), stated);
            let mut rows = vec![total];
            rows.extend(parts);
            fs.add(&SECTORS_EXCEED_TOTAL, "targets", &rows, msg);
        }
    }
}
