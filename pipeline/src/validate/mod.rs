//! Validation: the rules that check the normalized tables (units, years, arithmetic,
//! consistency within and across documents) and the findings they raise. The validate
//! stage (`stages/validate.rs`) runs them; the report, the site and the data dictionary
//! read the one rule list, [`rules::RULES`].
//!
//! Not here: reading or writing work files (the stage does that) and publishing.

pub mod attainment;
pub mod facts;
pub mod rules;
#[cfg(test)]
pub(crate) mod testkit;

use crate::curated::Mappings;
use crate::records::Note;
use facts::Fact;

/// How bad a finding is: an error is impossible as stated, a warning needs a reader's
/// judgement, info is published for the record (attainment, curated-vs-detected metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A rule: id, severity and what it checks (published in the report, the site and README).
#[derive(Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub description: &'static str,
}

/// A finding before it is published: raised by a rule (naming its rows as facts, so
/// hundreds of thousands of findings stay small), or a note from the normalize stage.
pub enum Raised<'a> {
    Rule { rule: &'static Rule, table: &'static str, rows: Box<[&'a Fact]>, message: Box<Msg> },
    Noted(Box<Note>),
}

impl Raised<'_> {
    /// The rule id the finding is published under.
    pub fn check(&self) -> &str {
        match self {
            Raised::Rule { rule, .. } => rule.id,
            Raised::Noted(n) => &n.check,
        }
    }
}

/// What a finding says: in English and Chinese (both quote the text's terms), and the
/// figure the rule computed against the figure the text states, when it compares numbers.
#[derive(Debug, Clone, Default)]
pub struct Msg {
    pub en: String,
    pub zh: String,
    pub expected: Option<String>,
    pub stated: Option<String>,
}

impl Msg {
    pub fn new(en: String, zh: String) -> Msg {
        Msg { en, zh, expected: None, stated: None }
    }
    /// The computed (`expected`) and the stated figure.
    pub fn figures(mut self, expected: String, stated: String) -> Msg {
        self.expected = Some(expected);
        self.stated = Some(stated);
        self
    }
}

/// The findings raised so far, in the order the rules raised them.
pub struct Findings<'a> {
    pub list: Vec<Raised<'a>>,
}

impl<'a> Findings<'a> {
    /// Record a finding of `rule` on `rows`.
    pub fn add(&mut self, rule: &'static Rule, table: &'static str, rows: &[&'a Fact], message: Msg) {
        self.list.push(Raised::Rule { rule, table, rows: rows.into(), message: Box::new(message) });
    }
}

/// A number as the messages quote it: rounded to 6 decimals, no trailing zeros.
pub fn fmt(v: f64) -> String {
    crate::writers::format_f64((v * 1e6).round() / 1e6)
}

/// The dimension of a canonical unit id: a unit's own id, or a magnitude prefix's id, `_`
/// and a unit's id (`e8_yuan` = 亿元).
pub fn unit_dimension<'m>(m: &'m Mappings, unit: &str) -> Option<&'m str> {
    let base = m
        .units
        .prefixes
        .iter()
        .find_map(|p| unit.strip_prefix(&format!("{}_", p.id)))
        .filter(|rest| m.units.units.iter().any(|u| u.id == *rest));
    let id = base.unwrap_or(unit);
    m.units.units.iter().find(|u| u.id == id).map(|u| u.dimension.as_str())
}
