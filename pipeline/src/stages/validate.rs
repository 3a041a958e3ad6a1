//! Stage 3, validate: the normalize stage's row files → the findings of every rule in
//! [`crate::validate::rules`], with stable ids, acknowledged by curated errata, and written to
//! `<work>/validate/validation.jsonl` in published order; and the attainment of goals
//! ([`crate::validate::attainment`]) to `<work>/validate/attainment.jsonl`. The rules themselves live in
//! `validate/rules/`; this file only runs them and writes what they raise.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::curated::Mappings;
use crate::error::PipelineError;
use crate::records::tables as rec;
use crate::records::Note;
use crate::store::layout;
use crate::store::rowfile::RowWriter;
use crate::store::staging::Staging;
use crate::validate::facts::{load_facts, Facts};
use crate::validate::rules::{self, consistency::ERRATA_STALE};
use crate::validate::{fmt, Raised};

/// A finding as published: what raised it and the erratum that acknowledges it.
struct Finding<'a, 'm> {
    raised: Raised<'a>,
    erratum: Option<&'m crate::curated::Erratum>,
}

impl Finding<'_, '_> {
    /// Stable id: derived from the rule and the rows the finding names, so it survives
    /// other findings coming and going.
    fn id(&self, facts: &Facts) -> String {
        let (table, rows) = self.table_and_rows(facts);
        let key = format!("{}\u{1f}{table}\u{1f}{}", self.check(), rows.join("|"));
        format!("f-{}", &crate::store::sha256_hex(key.as_bytes())[..12])
    }

    fn check(&self) -> &str {
        self.raised.check()
    }

    fn table_and_rows(&self, facts: &Facts) -> (&str, Vec<String>) {
        match &self.raised {
            Raised::Rule { table, rows, .. } => (table, rows.iter().map(|r| facts.strings.get(r.id).to_string()).collect()),
            Raised::Noted(n) => (n.table.as_str(), n.row_ids.clone()),
        }
    }

    /// The documents of the finding's rows, sorted.
    fn doc_ids(&self, facts: &Facts) -> Vec<String> {
        match &self.raised {
            Raised::Rule { rows, .. } => {
                rows.iter().map(|r| facts.doc(r).to_string()).collect::<BTreeSet<_>>().into_iter().collect()
            }
            Raised::Noted(n) => n.doc_ids.clone(),
        }
    }

    fn row(&self, facts: &Facts) -> rec::Finding {
        let rule = rules::find(self.check());
        let (table, row_ids) = self.table_and_rows(facts);
        let (en, zh, expected, stated, severity) = match &self.raised {
            Raised::Rule { rule, message, .. } => (
                message.en.clone(),
                Some(message.zh.clone()),
                message.expected.clone(),
                message.stated.clone(),
                rule.severity.as_str(),
            ),
            Raised::Noted(n) => (n.message.clone(), None, None, None, n.severity.as_str()),
        };
        let mut message = en.clone();
        if let Some(e) = self.erratum {
            message.push_str(&format!(" — acknowledged ({}): {}", e.id, e.reason));
        }
        rec::Finding {
            finding_id: self.id(facts),
            check: self.check().to_string(),
            rule_description: rule.map(|r| r.description.to_string()),
            severity: severity.to_string(),
            table: table.to_string(),
            row_ids,
            doc_ids: self.doc_ids(facts),
            message,
            message_en: en,
            message_zh: zh,
            expected,
            stated,
            acknowledged: self.erratum.is_some(),
            reason: self.erratum.map(|e| e.reason.clone()),
            erratum_id: self.erratum.map(|e| e.id.clone()),
        }
    }
}

/// Number the findings, mark those a curated erratum acknowledges, and add a finding for
/// every erratum that acknowledges nothing.
fn acknowledge<'a, 'm>(facts: &'a Facts, raised: Vec<Raised<'a>>, m: &'m Mappings) -> Vec<Finding<'a, 'm>> {
    // Errata acknowledge findings on the value they name. Rules name their rows as facts;
    // the few notes from normalize name them by id.
    let mut value_of: HashMap<&str, f64> = HashMap::new();
    if !m.errata.is_empty() {
        let named: BTreeSet<&str> = raised
            .iter()
            .filter_map(|r| if let Raised::Noted(n) = r { Some(n) } else { None })
            .flat_map(|n| n.row_ids.iter().map(String::as_str))
            .collect();
        for r in facts.targets.iter().chain(&facts.observations) {
            let id = facts.strings.get(r.id);
            if let (true, Some(v)) = (named.contains(id), r.value) {
                value_of.insert(id, v);
            }
        }
    }
    let mut used_errata = BTreeSet::new();
    let mut findings: Vec<Finding> = Vec::with_capacity(raised.len());
    for raised in raised {
        let mut finding = Finding { raised, erratum: None };
        if !m.errata.is_empty() {
            let values: Vec<f64> = match &finding.raised {
                Raised::Rule { rows, .. } => rows.iter().filter_map(|r| r.value).collect(),
                Raised::Noted(n) => n.row_ids.iter().filter_map(|id| value_of.get(id.as_str()).copied()).collect(),
            };
            let docs = finding.doc_ids(facts);
            finding.erratum = m.errata.iter().find(|e| {
                e.check == finding.check()
                    && docs.contains(&e.doc_id)
                    && values.iter().any(|v| (v - e.value).abs() < 1e-9)
            });
            if let Some(e) = finding.erratum {
                used_errata.insert(e.id.clone());
            }
        }
        findings.push(finding);
    }
    // An erratum that acknowledges nothing is stale: the source or the extraction changed.
    for e in m.errata.iter().filter(|e| !used_errata.contains(&e.id)) {
        let note = Note {
            check: ERRATA_STALE.id.into(),
            severity: ERRATA_STALE.severity.as_str().into(),
            table: "validation".into(),
            row_ids: vec![e.id.clone()],
            doc_ids: vec![e.doc_id.clone()],
            message: format!(
                "{}:{}: erratum `{}` (check {}, value {}) matches no finding any more; update or remove it",
                m.dir.join("errata.yaml").display(),
                e.line,
                e.id,
                e.check,
                fmt(e.value)
            ),
        };
        findings.push(Finding { raised: Raised::Noted(Box::new(note)), erratum: None });
    }
    findings
}

/// Run the stage: `<work>/normalize/` → `<work>/validate/`. Returns the number of findings.
pub fn run(m: &Mappings, work: &Path) -> Result<usize, PipelineError> {
    let (mut facts, mut notes) = load_facts(&layout::normalize_dir(work))?;
    facts.mark_generic(m);
    notes.extend(rules::projects::check(&layout::normalize_dir(work), m)?);
    let raised = rules::check_all(&facts, notes, m)?;
    let findings = acknowledge(&facts, raised, m);
    let stage = Staging::create(&layout::validate_dir(work))?;
    let mut w = RowWriter::create(&stage.path("validation.jsonl"))?;
    for i in published_order(&findings, &facts) {
        w.write(&findings[i].row(&facts))?;
    }
    w.finish()?;
    let count = findings.len();
    drop(findings); // before the attainment pairs are built again
    let mut w = RowWriter::create(&stage.path("attainment.jsonl"))?;
    crate::validate::attainment::write_rows(&facts, m, |row| w.write(row))?;
    w.finish()?;
    let run_id = layout::normalize_dir(work).join("run-id");
    std::fs::copy(&run_id, stage.path("input-run-id")).map_err(|e| PipelineError::io(&run_id, e))?;
    stage.commit()?;
    Ok(count)
}

/// The order findings are published in: by check, then by id. The key of a finding is its
/// check's rank and the number its id's hex digits spell (the same order as the strings),
/// so sorting a corpus's hundreds of thousands of findings holds 16 bytes per finding.
fn published_order(findings: &[Finding], facts: &Facts) -> Vec<usize> {
    let checks: BTreeSet<&str> = findings.iter().map(Finding::check).collect();
    let rank: HashMap<&str, u32> = checks.into_iter().zip(0..).collect();
    let mut keyed: Vec<(u32, u64, u32)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let id = f.id(facts);
            let number = u64::from_str_radix(id.trim_start_matches("f-"), 16).unwrap_or(u64::MAX);
            (rank[f.check()], number, i as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i as usize).collect()
}
