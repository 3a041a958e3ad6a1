//! Attainment: each goal against what later documents report for its year — a statistic
//! (an observation) or the baseline a later goal starts from (由2015年的0.38%提高到…) — with
//! the ratio and a verdict. Feeds the `attainment` table and the `consistency.attainment`
//! findings.

use serde_json::json;
use std::collections::HashMap;

use super::facts::{Fact, Facts, Sym};
use super::rules::consistency::ATTAINMENT;
use super::{fmt, Findings, Msg};
use crate::records::Row;

/// Where the later figure comes from.
#[derive(Clone, Copy)]
pub enum Evidence<'a> {
    /// A statistic a later document reports for the year.
    Observation(&'a Fact),
    /// The baseline of a later document's goal, dated the year.
    Baseline(&'a Fact),
}

impl<'a> Evidence<'a> {
    pub fn row(self) -> &'a Fact {
        match self {
            Evidence::Observation(f) | Evidence::Baseline(f) => f,
        }
    }
}

/// One goal against one later figure for its year.
pub struct Attained<'a> {
    pub target: &'a Fact,
    pub evidence: Evidence<'a>,
    /// The later figure, in the target's unit when comparable.
    pub actual: f64,
    /// `met`, `not_met` or `not_comparable` (units that do not convert, a share against a level).
    pub verdict: &'static str,
}

impl Attained<'_> {
    pub fn ratio(&self) -> Option<f64> {
        let goal = self.target.value?;
        (self.verdict != "not_comparable" && goal != 0.0).then(|| self.actual / goal)
    }
}

/// What a figure measures: indicator, region, industry (its sentence's), enterprise, year.
type Measure = (Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>);

/// Every goal with a figure for its year from a later document, in target then evidence order.
pub fn pairs(facts: &Facts) -> Vec<Attained<'_>> {
    let amounts = ["level", "count", "capacity", "share"];
    let mut later: HashMap<Measure, Vec<Evidence>> = HashMap::new();
    for o in facts.observations.iter().filter(|o| o.indicator_id.is_some() && !o.generic && facts.kind_is(o, &amounts)) {
        later.entry((o.indicator_id, o.region_code, o.subject_industry, o.enterprise_id, o.year)).or_default().push(Evidence::Observation(o));
    }
    for t in facts.targets.iter().filter(|t| t.indicator_id.is_some() && !t.generic && t.baseline_value.is_some() && facts.kind_is(t, &amounts)) {
        if t.baseline_year.is_some() {
            later.entry((t.indicator_id, t.region_code, t.subject_industry, t.enterprise_id, t.baseline_year)).or_default().push(Evidence::Baseline(t));
        }
    }
    let mut out = Vec::new();
    if later.is_empty() {
        return out;
    }
    for t in facts.targets.iter().filter(|t| t.indicator_id.is_some() && !t.generic && t.value.is_some() && facts.kind_is(t, &amounts)) {
        let key = (t.indicator_id, t.region_code, t.subject_industry, t.enterprise_id, t.year);
        let Some(evidence) = later.get(&key) else { continue };
        for e in evidence.iter().copied().filter(|e| facts.issued_on(e.row()) > facts.issued_on(t)) {
            out.push(judge(facts, t, e));
        }
    }
    out.sort_by(|a, b| {
        let key = |x: &Attained| (facts.strings.get(x.target.id), facts.strings.get(x.evidence.row().id), matches!(x.evidence, Evidence::Baseline(_)));
        key(a).cmp(&key(b))
    });
    out
}

fn judge<'a>(facts: &Facts, t: &'a Fact, e: Evidence<'a>) -> Attained<'a> {
    let r = e.row();
    let (actual, comparable) = match e {
        Evidence::Observation(o) => (o.value.unwrap_or(0.0), o.unit == t.unit && o.unit.is_some()),
        Evidence::Baseline(b) => {
            let unit = b.baseline_unit_raw.or(b.unit_raw);
            (b.baseline_value.unwrap_or(0.0), unit == t.unit_raw)
        }
    };
    let share = |f: &Fact| facts.kind_is(f, &["share"]);
    let comparable = comparable && share(t) == share(r);
    let goal = t.value.unwrap_or(0.0);
    let verdict = if !comparable {
        "not_comparable"
    } else if matches!(facts.t(t.qualifier), "le" | "lt") {
        if actual <= goal { "met" } else { "not_met" }
    } else if actual >= goal {
        "met"
    } else {
        "not_met"
    };
    Attained { target: t, evidence: e, actual, verdict }
}

/// One `consistency.attainment` finding per goal: the first later figure for its year.
pub fn raise<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    let mut seen = std::collections::HashSet::new();
    for a in pairs(facts) {
        if a.verdict == "not_comparable" || !seen.insert(a.target.id) {
            continue;
        }
        let (t, e) = (a.target, a.evidence.row());
        let ind = facts.t(t.indicator_raw);
        let y = t.year.unwrap_or(0);
        let goal = t.value.unwrap_or(0.0);
        let unit = facts.t(t.unit_raw);
        let (g, got, by) = (fmt(goal), fmt(a.actual), fmt((a.actual - goal).abs()));
        let (dt, de) = (facts.doc(t), facts.doc(e));
        let met = a.verdict == "met";
        let msg = Msg::new(
            format!("“{ind}” {y}: target {g} {unit} ({dt}), reported {got} ({de}) — {} by {by}", if met { "met" } else { "missed" }),
            format!("“{ind}”{y}年：目标{g}{unit}（{dt}），后来的文件报告{got}（{de}）——{}{by}", if met { "已实现，超出" } else { "未实现，差" }),
        )
        .figures(format!("{g} {unit}"), format!("{got} {unit}"));
        fs.add(&ATTAINMENT, "targets", &[t, e], msg);
    }
}

/// The `attainment` table's rows, in published order (target_id, evidence_id).
pub fn rows(facts: &Facts) -> Vec<Row> {
    pairs(facts)
        .iter()
        .map(|a| {
            let (t, e) = (a.target, a.evidence.row());
            let kind = match a.evidence {
                Evidence::Observation(_) => "observation",
                Evidence::Baseline(_) => "baseline",
            };
            let row = json!({
                "target_id": facts.strings.get(t.id), "evidence_id": facts.strings.get(e.id), "evidence_kind": kind,
                "target_doc_id": facts.doc(t), "evidence_doc_id": facts.doc(e),
                "indicator_id": facts.s(t.indicator_id), "region_code": facts.s(t.region_code),
                "industry_id": facts.s(t.subject_industry), "target_year": t.year,
                "target_value": t.value, "target_qualifier": facts.s(t.qualifier), "actual_value": a.actual,
                "unit_code": facts.s(t.unit), "unit_raw": facts.s(t.unit_raw), "ratio": a.ratio(), "verdict": a.verdict,
                "target_quote": facts.s(t.quote), "evidence_quote": facts.s(e.quote),
            });
            row.as_object().cloned().unwrap_or_default()
        })
        .collect()
}
