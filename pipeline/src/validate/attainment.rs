//! Attainment: each goal against what later documents report for its year — an
//! observation, told as a statistic or as the baseline a later goal starts from
//! (由2015年的0.38%提高到…) — with the ratio and a verdict. Feeds the `attainment` table
//! and the `consistency.attainment` findings.

use std::collections::HashMap;

use super::facts::{Fact, Facts, Sym};
use super::rules::consistency::ATTAINMENT;
use super::{fmt, Findings, Msg};
use crate::curated::Mappings;
use crate::records::tables::Attainment;
use extract::units::UnitLexicon;

/// One goal against one later figure for its year.
pub struct Attained<'a> {
    pub target: &'a Fact,
    /// The later document's observation: a statistic, or the baseline of one of its goals
    /// (observations.stated_as).
    pub evidence: &'a Fact,
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

/// What a figure measures: indicator, region, industry (its sentence's), enterprise, year,
/// and, for a generic indicator (a share of some total), the phrase that names the ratio.
type Measure = (Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>, Option<String>);

/// Kinds of figure a goal is attained in: amounts and shares (not growth rates or changes).
const AMOUNTS: [&str; 4] = ["level", "count", "capacity", "share"];

/// A row of a generic indicator is one measure with another only when both name the ratio in
/// the same words (region prefix aside): 高技术产业增加值占全省规模以上工业 in two documents is
/// one measure, 重点企业科研经费支出占销售额 and 规模以上工业企业研发经费内部支出占主营业务收入
/// are not.
fn phrase(facts: &Facts, r: &Fact) -> Option<String> {
    r.generic.then(|| {
        let raw = facts.t(r.indicator_raw);
        ["全省", "全市", "全区", "全国"].iter().find_map(|p| raw.strip_prefix(p)).unwrap_or(raw).to_string()
    })
}

fn measure(facts: &Facts, r: &Fact, year: Option<i32>) -> Measure {
    (r.indicator_id, r.region_code, r.subject_industry, r.enterprise_id, year, phrase(facts, r))
}

/// Later documents whose figures a goal is judged against: the first few issued after it.
/// A goal restated by a thousand documents of a corpus would otherwise be paired with every
/// later one of them (quadratic rows); the first reports after the goal's year are the ones
/// that tell whether it was met.
pub const EVIDENCE_DOCUMENTS: usize = 4;

/// Every goal with a figure for its year from one of the first [`EVIDENCE_DOCUMENTS`]
/// later documents: `each` is called once per such goal, in target-id order, with the
/// goal's pairs in evidence-id order. One goal's pairs are held at a time, so a corpus of
/// millions of goals costs a few bytes per goal.
pub fn for_each_goal<'a>(facts: &'a Facts, m: &Mappings, mut each: impl FnMut(&[Attained<'a>])) {
    let usable = |r: &Fact| r.indicator_id.is_some() && facts.kind_is(r, &AMOUNTS) && (!r.generic || !facts.t(r.indicator_raw).is_empty());
    let mut later: HashMap<Measure, Vec<&Fact>> = HashMap::new();
    for o in facts.observations.iter().filter(|o| usable(o) && o.value.is_some()) {
        later.entry(measure(facts, o, o.year)).or_default().push(o);
    }
    if later.is_empty() {
        return;
    }
    // Each measure's figures by issue date, so a goal finds its first later documents by a
    // binary search.
    let issued = |e: &&Fact| (facts.issued_on(e), facts.doc(e));
    for evidence in later.values_mut() {
        evidence.sort_by(|a, b| issued(a).cmp(&issued(b)));
    }
    let units = UnitLexicon::new(&m.units);
    let mut goals: Vec<&Fact> = facts.targets.iter().filter(|t| usable(t) && t.value.is_some() && t.year.is_some()).collect();
    goals.sort_by_key(|t| facts.strings.get(t.id));
    let mut pairs = Vec::new();
    for t in goals {
        let Some(evidence) = later.get(&measure(facts, t, t.year)) else { continue };
        let goal_issued = facts.issued_on(t);
        let first_later = evidence.partition_point(|e| facts.issued_on(e) <= goal_issued);
        let mut docs: Vec<Sym> = Vec::new();
        pairs.clear();
        for e in &evidence[first_later..] {
            let doc = e.doc;
            if !docs.contains(&doc) {
                if docs.len() == EVIDENCE_DOCUMENTS {
                    break;
                }
                docs.push(doc);
            }
            pairs.push(judge(facts, &units, t, e));
        }
        if !pairs.is_empty() {
            pairs.sort_by(|a, b| facts.strings.get(a.evidence.id).cmp(facts.strings.get(b.evidence.id)));
            each(&pairs);
        }
    }
}

/// A unit as written (亿元, 万亿元, %): its base and the factor to it, when the unit table
/// knows the whole spelling.
fn scale(units: &UnitLexicon, raw: &str) -> Option<(std::sync::Arc<str>, f64)> {
    let folded: String = raw.trim().chars().map(extract::text::fold_char).collect();
    let u = units.match_at(&folded, 0).filter(|u| u.surface.len() == folded.len())?;
    Some((u.base, u.factor))
}

/// The later figure in the goal's unit (亿元 against 万亿元 converts; 万辆 against 亿元 does
/// not), and met / not met for a floor (达到, 以上) or a ceiling (以下, 控制在).
fn judge<'a>(facts: &Facts, units: &UnitLexicon, t: &'a Fact, e: &'a Fact) -> Attained<'a> {
    let value = e.value.unwrap_or(0.0);
    let share = |f: &Fact| facts.kind_is(f, &["share"]);
    let converted = match (scale(units, facts.t(t.unit_raw)), scale(units, facts.t(e.unit_raw))) {
        (Some((tb, tf)), Some((eb, ef))) if tb == eb && share(t) == share(e) => Some(value * ef / tf),
        _ => None,
    };
    let goal = t.value.unwrap_or(0.0);
    let (actual, verdict) = match converted {
        None => (value, "not_comparable"),
        Some(a) if matches!(facts.t(t.qualifier), "le" | "lt") => (a, if a <= goal { "met" } else { "not_met" }),
        Some(a) => (a, if a >= goal { "met" } else { "not_met" }),
    };
    Attained { target: t, evidence: e, actual, verdict }
}

/// One `consistency.attainment` finding per goal: the first later figure for its year
/// that compares.
pub fn raise<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
    for_each_goal(facts, m, |pairs| {
        let Some(a) = pairs.iter().find(|a| a.verdict != "not_comparable") else { return };
        let (t, e) = (a.target, a.evidence);
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
    });
}

/// The `attainment` table's row of a pair.
fn row(facts: &Facts, a: &Attained) -> Attainment {
    let (t, e) = (a.target, a.evidence);
    let text = |s: Option<Sym>| facts.s(s).map(str::to_string);
    Attainment {
        target_id: facts.strings.get(t.id).to_string(),
        evidence_id: facts.strings.get(e.id).to_string(),
        evidence_kind: facts.s(e.stated_as).unwrap_or("statistic").to_string(),
        target_doc_id: facts.doc(t).to_string(),
        evidence_doc_id: facts.doc(e).to_string(),
        indicator_id: text(t.indicator_id),
        region_code: text(t.region_code),
        industry_id: text(t.subject_industry),
        target_year: t.year,
        target_value: t.value,
        target_qualifier: text(t.qualifier),
        actual_value: Some(a.actual),
        unit_code: text(t.unit),
        unit_raw: text(t.unit_raw),
        ratio: a.ratio(),
        verdict: a.verdict.to_string(),
        target_quote: text(t.quote),
        evidence_quote: text(e.quote),
    }
}

/// Write the `attainment` table's rows, in published order (target_id, evidence_id), one
/// goal at a time; the first error stops the writing.
pub fn write_rows(facts: &Facts, m: &Mappings, mut write: impl FnMut(&Attainment) -> Result<(), crate::error::PipelineError>) -> Result<(), crate::error::PipelineError> {
    let mut result = Ok(());
    for_each_goal(facts, m, |pairs| {
        for a in pairs {
            if result.is_ok() {
                result = write(&row(facts, a));
            }
        }
    });
    result
}
