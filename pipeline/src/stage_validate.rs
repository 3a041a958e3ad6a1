//! Stage 3, validate: rules over the typed tables (units, years, arithmetic, consistency
//! within and across documents). Findings are data: they become the `validation` table and
//! a readable report; curated errata acknowledge known source errors. Each rule has an id,
//! a severity and a message that quotes the Chinese terms and both values.
//!
//! The rules run on a compact typed projection of the targets and observations
//! ([`Fact`], strings interned), read one row at a time from the normalize stage's row
//! files, so a corpus of millions of rows fits in a few hundred megabytes.

use polars::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::facts::{load_facts, Fact, Facts, Sym};
use crate::mappings::Mappings;
use crate::stage_normalize::Note;
use crate::table::Row;

/// A rule: id, severity and what it checks (published in the report and README).
pub struct Rule {
    pub id: &'static str,
    pub severity: &'static str,
    pub description: &'static str,
}

pub const RULES: [Rule; 18] = [
    Rule { id: "unit.share_over_100", severity: "error", description: "A share or rate (kind share, unit %) above 100 %." },
    Rule { id: "unit.dimension_mismatch", severity: "warning", description: "A level value whose unit's dimension does not fit its canonical indicator (money for a count indicator)." },
    Rule { id: "arithmetic.part_exceeds_whole", severity: "error", description: "A value above the indicator that bounds it in mappings/indicators.yaml (value added above gross output) for the same document, scope and year." },
    Rule { id: "arithmetic.parts_exceed_whole", severity: "error", description: "Parts listed after 其中 add up to more than the whole they belong to (长春市300万辆 + 吉林市100万辆 vs 400万辆)." },
    Rule { id: "year.target_before_issue", severity: "error", description: "A target due before the document's issue year." },
    Rule { id: "year.baseline_not_before_target", severity: "error", description: "A baseline year not before the target year." },
    Rule { id: "year.outside_plan_period", severity: "warning", description: "A target year outside the plan period, with no year written in the sentence." },
    Rule { id: "year.observation_after_issue", severity: "error", description: "An observation dated after the document's issue year." },
    Rule { id: "arithmetic.range_inverted", severity: "error", description: "A range whose upper end is below its lower end." },
    Rule { id: "arithmetic.implausible_growth", severity: "warning", description: "An average annual growth rate above 50 % (likely a lost decimal point)." },
    Rule { id: "consistency.cagr", severity: "warning", description: "A stated average growth rate that the baseline and the target contradict (compound growth, tolerance 1 percentage point)." },
    Rule { id: "consistency.cross_document", severity: "warning", description: "Two documents give the same canonical indicator, region, year and kind different values." },
    Rule { id: "consistency.attainment", severity: "info", description: "A later document reports a value for a year an earlier document set a target for: met or missed, by how much." },
    Rule { id: "consistency.duplicate_row", severity: "warning", description: "The same value, unit, year and quote published twice for one document." },
    Rule { id: "unit.points_vs_percent", severity: "warning", description: "A change of a share or rate given in % (percentage points, 个百分点, probably meant), or a change in 个百分点 of an indicator that is not a share." },
    Rule { id: "unit.per_unit_inconsistent", severity: "warning", description: "One indicator given in units of different dimensions (吨标准煤 and 吨标准煤/万元, 元 and 元/人): per-unit and total figures mixed, so its values do not compare." },
    Rule { id: "consistency.enterprise_region", severity: "warning", description: "The same enterprise with conflicting attributes: a quote places a gazetteer enterprise in another prefecture than its seat in mappings/enterprises.yaml." },
    Rule { id: "errata.stale", severity: "error", description: "An erratum in mappings/errata.yaml that acknowledges no finding (the value it names has changed or gone)." },
];

/// Rows a cross-document finding quotes in its message.
const CROSS_DOCUMENT_QUOTED: usize = 10;

/// Tolerance of the CAGR check, in percentage points.
pub const CAGR_TOLERANCE_PP: f64 = 1.0;

/// The dimension of a canonical unit id: a unit's own id, or a magnitude prefix's id, `_`
/// and a unit's id (`e8_yuan` = 亿元).
fn unit_dimension<'m>(m: &'m Mappings, unit: &str) -> Option<&'m str> {
    let base = m
        .units
        .prefixes
        .iter()
        .find_map(|p| unit.strip_prefix(&format!("{}_", p.id)))
        .filter(|rest| m.units.units.iter().any(|u| u.id == *rest));
    let id = base.unwrap_or(unit);
    m.units.units.iter().find(|u| u.id == id).map(|u| u.dimension.as_str())
}

/// A finding before it is published: raised by a rule here (naming its rows as facts, so
/// hundreds of thousands of findings stay small), or a note from the normalize stage.
enum Raised<'a> {
    Rule { check: &'static str, table: &'static str, rows: Box<[&'a Fact]>, message: Box<str> },
    Noted(Box<Note>),
}

struct Findings<'a> {
    list: Vec<Raised<'a>>,
}

impl<'a> Findings<'a> {
    /// Record a finding of rule `check` on `rows`.
    fn add(&mut self, check: &'static str, table: &'static str, rows: &[&'a Fact], message: String) {
        self.list.push(Raised::Rule { check, table, rows: rows.into(), message: message.into() });
    }
}

fn fmt(v: f64) -> String {
    crate::publish::format_f64((v * 1e6).round() / 1e6)
}

/// Apply every rule to the projection; `notes` are the findings raised by normalize.
fn check_all<'a>(facts: &'a Facts, notes: Vec<Note>, m: &Mappings) -> Result<Vec<Raised<'a>>, PipelineError> {
    let (targets, observations) = (&facts.targets, &facts.observations);
    let mut fs = Findings { list: notes.into_iter().map(|n| Raised::Noted(Box::new(n))).collect() };
    let ind_of = |r: &Fact| facts.s(r.indicator_id).and_then(|id| m.indicators.iter().find(|x| x.id == id));

    for (table, rows) in [("targets", targets), ("observations", observations)] {
        for r in rows.iter() {
            let ind = facts.t(r.indicator_raw);
            if facts.kind_is(r, &["share"]) && facts.s(r.unit_raw) == Some("%") && r.value.is_some_and(|v| v > 100.0) {
                fs.add(
                    "unit.share_over_100",
                    table,
                    &[r],
                    format!("“{ind}” is a share of {}% — over 100 %", fmt(r.value.unwrap_or(0.0))),
                );
            }
            if let (Some(indicator), Some(unit)) = (ind_of(r), facts.s(r.unit)) {
                let expected = indicator.dimension.as_str();
                let level_like = facts.kind_is(r, &["level", "count", "capacity"]);
                if let Some(a) = unit_dimension(m, unit) {
                    if level_like && !crate::lookup::compatible_dimensions(expected, a) {
                        fs.add(
                            "unit.dimension_mismatch",
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
    for r in targets {
        let ind = facts.t(r.indicator_raw);
        let ty = r.year;
        // 个百分点 vs %: a share changes by points; a level changes by percent.
        if facts.kind_is(r, &["change"]) {
            let dim = ind_of(r).map(|x| x.dimension.as_str());
            let unit = facts.t(r.unit_raw);
            let share_like = dim == Some("percent") || ind.ends_with('率') || ind.ends_with("比重");
            if share_like && unit == "%" {
                fs.add(
                    "unit.points_vs_percent",
                    "targets",
                    &[r],
                    format!(
                        "“{ind}” is a share or rate, changed by {}% — 个百分点 (percentage points) probably meant",
                        fmt(r.value.unwrap_or(0.0))
                    ),
                );
            } else if !share_like && unit.contains("百分点") && dim.is_some() {
                fs.add(
                    "unit.points_vs_percent",
                    "targets",
                    &[r],
                    format!(
                        "“{ind}” is not a share, yet changes by {} 个百分点 — % probably meant",
                        fmt(r.value.unwrap_or(0.0))
                    ),
                );
            }
        }
        if let (Some(y), Some(iy)) = (ty, facts.issue_year(r)) {
            if y < iy {
                fs.add(
                    "year.target_before_issue",
                    "targets",
                    &[r],
                    format!("“{ind}” is due in {y}, before the document was issued ({iy})"),
                );
            }
        }
        if let (Some(y), Some(b)) = (ty, r.baseline_year) {
            if b >= y {
                fs.add(
                    "year.baseline_not_before_target",
                    "targets",
                    &[r],
                    format!("“{ind}”: baseline year {b} is not before target year {y}"),
                );
            }
        }
        if let (Some(y), Some((ps, pe))) = (ty, facts.period(r)) {
            if r.year_explicit == Some(false) && (y < ps || y > pe) {
                fs.add(
                    "year.outside_plan_period",
                    "targets",
                    &[r],
                    format!("“{ind}” is due in {y}, outside the plan period {ps}–{pe}, and no year is written"),
                );
            }
        }
        if let (Some(v), Some(vm)) = (r.value, r.value_max) {
            if vm < v {
                fs.add(
                    "arithmetic.range_inverted",
                    "targets",
                    &[r],
                    format!("“{ind}”: range {} to {} runs backwards", fmt(v), fmt(vm)),
                );
            }
        }
        if facts.kind_is(r, &["growth_rate"]) && r.value.is_some_and(|v| v > 50.0) {
            fs.add(
                "arithmetic.implausible_growth",
                "targets",
                &[r],
                format!("“{ind}” grows {}% a year: a lost decimal point?", fmt(r.value.unwrap_or(0.0))),
            );
        }
    }
    for r in observations {
        if let (Some(y), Some(iy)) = (r.year, facts.issue_year(r)) {
            if y > iy {
                fs.add(
                    "year.observation_after_issue",
                    "observations",
                    &[r],
                    format!("“{}” is reported for {y}, after the document was issued ({iy})", facts.t(r.indicator_raw)),
                );
            }
        }
    }
    bounded_by(facts, m, &mut fs);
    parts_of_whole(facts, &mut fs);
    cagr(facts, &mut fs);
    duplicates(facts, &mut fs);
    per_unit_consistency(facts, m, &mut fs);
    cross_document(facts, &mut fs)?;
    attainment(facts, &mut fs);
    Ok(fs.list)
}

/// A finding as published: what raised it, the erratum that acknowledges it, and its
/// number (in the order the rules raised it).
struct Finding<'a, 'm> {
    raised: Raised<'a>,
    erratum: Option<&'m crate::mappings::Erratum>,
    number: usize,
}

impl Finding<'_, '_> {
    fn id(&self) -> String {
        format!("f{:05}", self.number)
    }

    fn check(&self) -> &str {
        match &self.raised {
            Raised::Rule { check, .. } => check,
            Raised::Noted(n) => &n.check,
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

    fn row(&self, facts: &Facts) -> Row {
        let rule = RULES.iter().find(|r| r.id == self.check());
        let (table, row_ids, mut message, severity) = match &self.raised {
            Raised::Rule { table, rows, message, .. } => (
                *table,
                rows.iter().map(|r| facts.strings.get(r.id).to_string()).collect(),
                message.to_string(),
                rule.map_or("warning", |r| r.severity),
            ),
            Raised::Noted(n) => (n.table.as_str(), n.row_ids.clone(), n.message.clone(), n.severity.as_str()),
        };
        if let Some(e) = self.erratum {
            message.push_str(&format!(" — acknowledged ({}): {}", e.id, e.reason));
        }
        let row = json!({
            "finding_id": self.id(), "check": self.check(), "rule_description": rule.map(|r| r.description),
            "severity": severity, "table": table, "row_ids": row_ids, "doc_ids": self.doc_ids(facts),
            "message": message, "acknowledged": self.erratum.is_some(),
        });
        row.as_object().cloned().unwrap_or_default()
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
    for (k, raised) in raised.into_iter().enumerate() {
        let mut finding = Finding { raised, erratum: None, number: k + 1 };
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
            check: "errata.stale".into(),
            severity: "error".into(),
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
        findings.push(Finding { raised: Raised::Noted(Box::new(note)), erratum: None, number: findings.len() + 1 });
    }
    findings
}

/// A value above the indicator that bounds it (curated `bounded_by`), same document,
/// region, industry, enterprise and year.
fn bounded_by<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
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
                        "arithmetic.part_exceeds_whole",
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
fn parts_of_whole<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
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
                "arithmetic.parts_exceed_whole",
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
fn cagr<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
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
                "consistency.cagr",
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

/// The amounts of one canonical indicator (levels, capacities, counts) should share a unit
/// dimension; a mix of per-unit and total units means some figures are not comparable.
fn per_unit_consistency<'a>(facts: &'a Facts, m: &Mappings, fs: &mut Findings<'a>) {
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
        fs.add("unit.per_unit_inconsistent", "targets", &rows, format!("{ind} is given in {listing}"));
    }
}

fn duplicates<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    let mut seen: HashMap<(Sym, Option<u64>, Option<Sym>, Option<i32>, Option<u32>, Option<Sym>), &Fact> =
        HashMap::new();
    for r in &facts.targets {
        let key = (r.doc, r.value.map(f64::to_bits), r.unit_raw, r.year, r.char_end, r.kind);
        if let Some(prev) = seen.get(&key) {
            fs.add(
                "consistency.duplicate_row",
                "targets",
                &[prev, r],
                format!(
                    "“{}” {} {} appears twice",
                    facts.t(r.indicator_raw),
                    fmt(r.value.unwrap_or(0.0)),
                    facts.t(r.unit_raw)
                ),
            );
        } else {
            seen.insert(key, r);
        }
    }
}

/// Same canonical indicator, region, year and kind, different values in different
/// documents. Rows are numbered by what they measure; polars counts the documents and the
/// spread of values per measure.
fn cross_document<'a>(facts: &'a Facts, fs: &mut Findings<'a>) -> Result<(), PipelineError> {
    type Measure = (Option<Sym>, Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>, Option<Sym>, Option<Sym>);
    let mut group_of: HashMap<Measure, u32> = HashMap::new();
    let mut groups: Vec<Vec<&Fact>> = Vec::new();
    let (mut keys, mut docs, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for r in facts.targets.iter().filter(|r| r.indicator_id.is_some() && r.value_std.is_some() && r.year.is_some()) {
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
        fs.add(
            "consistency.cross_document",
            "targets",
            group,
            format!(
                "“{}” ({}) for {}: {listing}",
                facts.t(first.indicator_raw),
                facts.t(first.indicator_id),
                first.year.unwrap_or(0)
            ),
        );
    }
    Ok(())
}

/// A later document's observation against an earlier document's target for that year.
fn attainment<'a>(facts: &'a Facts, fs: &mut Findings<'a>) {
    // Observations indexed by what they measure, so the check is linear in the rows.
    let mut by_key: HashMap<(Option<Sym>, Option<Sym>, Option<Sym>, Option<i32>), Vec<&Fact>> = HashMap::new();
    for o in facts.observations.iter().filter(|o| o.indicator_id.is_some()) {
        by_key.entry((o.indicator_id, o.region_code, o.unit, Some(o.year.unwrap_or(0)))).or_default().push(o);
    }
    for t in facts.targets.iter().filter(|r| facts.kind_is(r, &["level", "count", "capacity", "share"])) {
        if t.indicator_id.is_none() {
            continue;
        }
        // The first later document that reports the year settles the target (one finding
        // per target, however many documents repeat the figure).
        let issued_t = facts.issued_on(t);
        let key = (t.indicator_id, t.region_code, t.unit, Some(t.year.unwrap_or(0)));
        let later = by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]).iter().filter(|o| facts.issued_on(o) > issued_t);
        if let Some(o) = later.min_by_key(|o| (facts.issued_on(o), facts.doc(o), facts.strings.get(o.id))) {
            let (Some(goal), Some(got)) = (t.value, o.value) else {
                continue;
            };
            let met = got >= goal;
            fs.add(
                "consistency.attainment",
                "targets",
                &[t, o],
                format!(
                    "“{}” {}: target {} {} ({}), reported {} ({}) — {} by {}",
                    facts.t(t.indicator_raw),
                    t.year.unwrap_or(0),
                    fmt(goal),
                    facts.t(t.unit_raw),
                    facts.doc(t),
                    fmt(got),
                    facts.doc(o),
                    if met { "met" } else { "missed" },
                    fmt((got - goal).abs())
                ),
            );
        }
    }
}

/// Where the stage writes: `<work>/validate/validation.jsonl` (the findings, in published
/// order) and `input-run-id` (the normalize run they were computed on).
pub fn dir(work: &Path) -> PathBuf {
    work.join("validate")
}

/// Run the stage: `<work>/normalize/` → `<work>/validate/`. Returns the number of findings.
pub fn run(m: &Mappings, work: &Path) -> Result<usize, PipelineError> {
    let (facts, notes) = load_facts(work)?;
    let raised = check_all(&facts, notes, m)?;
    let mut findings = acknowledge(&facts, raised, m);
    findings.sort_by_cached_key(|f| (f.check().to_string(), f.id()));
    let stage = crate::staging::Staging::create(&dir(work))?;
    let mut w = crate::rowfile::RowWriter::create(&stage.path("validation.jsonl"))?;
    for f in &findings {
        w.write(&f.row(&facts))?;
    }
    w.finish()?;
    let run_id = crate::stage_normalize::dir(work).join("run-id");
    std::fs::copy(&run_id, stage.path("input-run-id")).map_err(|e| PipelineError::io(&run_id, e))?;
    stage.commit()?;
    Ok(findings.len())
}
