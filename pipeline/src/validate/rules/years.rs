//! Years: a target due before its document was issued or outside its plan period, or
//! with no year at all; a baseline not before its target; an observation dated after its
//! document.

use super::{Rule, Severity};
use crate::validate::facts::Facts;
use crate::validate::{Findings, Msg};

pub const TARGET_BEFORE_ISSUE: Rule = Rule { id: "year.target_before_issue", severity: Severity::Error, description: "A target due before the document's issue year." };
pub const BASELINE_NOT_BEFORE_TARGET: Rule = Rule { id: "year.baseline_not_before_target", severity: Severity::Error, description: "A baseline year not before the target year." };
pub const OUTSIDE_PLAN_PERIOD: Rule = Rule { id: "year.outside_plan_period", severity: Severity::Warning, description: "A target year outside the plan period, with no year written in the sentence." };
pub const TARGET_YEAR_UNKNOWN: Rule = Rule { id: "year.target_year_unknown", severity: Severity::Warning, description: "Targets with no year: neither the sentence, its section, the plan period nor the document's date gives one, so the year is left empty rather than guessed." };
pub const OBSERVATION_AFTER_ISSUE: Rule = Rule { id: "year.observation_after_issue", severity: Severity::Error, description: "An observation dated after the document's issue year." };

/// Every year rule over both tables.
pub fn check<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    for r in &facts.targets {
        let ind = facts.t(r.indicator_raw);
        let ty = r.year;
        if let (Some(y), Some(iy)) = (ty, facts.issue_year(r)) {
            if y < iy {
                let msg = Msg::new(
                    format!("“{ind}” is due in {y}, before the document was issued ({iy})"),
                    format!("“{ind}”的目标年份{y}年早于文件发布年份{iy}年"),
                )
                .figures(format!("≥ {iy}"), y.to_string());
                fs.add(&TARGET_BEFORE_ISSUE, "targets", &[r], msg);
            }
        }
        if let (Some(y), Some(b)) = (ty, r.baseline_year) {
            if b >= y {
                let msg = Msg::new(
                    format!("“{ind}”: baseline year {b} is not before target year {y}"),
                    format!("“{ind}”的基期年份{b}年不早于目标年份{y}年"),
                )
                .figures(format!("< {y}"), b.to_string());
                fs.add(&BASELINE_NOT_BEFORE_TARGET, "targets", &[r], msg);
            }
        }
        if let (Some(y), Some((ps, pe))) = (ty, facts.period(r)) {
            if r.year_explicit == Some(false) && (y < ps || y > pe) {
                let msg = Msg::new(
                    format!("“{ind}” is due in {y}, outside the plan period {ps}–{pe}, and no year is written"),
                    format!("“{ind}”的目标年份{y}年（原文未写年份）不在规划期{ps}–{pe}年内"),
                )
                .figures(format!("{ps}–{pe}"), y.to_string());
                fs.add(&OUTSIDE_PLAN_PERIOD, "targets", &[r], msg);
            }
        }
    }
    // One finding per document for its targets with no year (never guessed).
    let mut undated: std::collections::BTreeMap<&str, Vec<&crate::validate::facts::Fact>> = Default::default();
    for r in facts.targets.iter().filter(|r| r.year.is_none()) {
        undated.entry(facts.doc(r)).or_default().push(r);
    }
    for (doc, rows) in undated {
        let n = rows.len();
        let msg = Msg::new(
            format!("{n} target(s) of {doc} have no year: no year is written with them, and neither their section, the plan period nor the document's date gives one"),
            format!("文件{doc}中有{n}个目标没有年份：原文未写年份，所在章节、规划期和文件日期也无从推断"),
        )
        .figures("a year".to_string(), "none".to_string());
        fs.add(&TARGET_YEAR_UNKNOWN, "targets", &rows, msg);
    }
    for r in &facts.observations {
        if let (Some(y), Some(iy)) = (r.year, facts.issue_year(r)) {
            if y > iy {
                let ind = facts.t(r.indicator_raw);
                let msg = Msg::new(
                    format!("“{ind}” is reported for {y}, after the document was issued ({iy})"),
                    format!("“{ind}”的统计年份{y}年晚于文件发布年份{iy}年"),
                )
                .figures(format!("≤ {iy}"), y.to_string());
                fs.add(&OBSERVATION_AFTER_ISSUE, "observations", &[r], msg);
            }
        }
    }
}
