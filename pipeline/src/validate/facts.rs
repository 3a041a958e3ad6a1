//! The validate stage's projection of the tables: what the rules need of every target and
//! observation ([`Fact`]: 4-byte interned strings, numbers and years), read one row at a
//! time from the normalize stage's row files, so millions of rows fit in a few hundred
//! megabytes.

use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

use crate::error::PipelineError;
use crate::records::tables::{self as rec, Cell, Record};
use crate::records::{Note, Row};
use crate::store::rowfile;

/// A cell of a JSON row, as a typed record gives it (lists are not read here).
fn json_cell(v: Option<&Value>) -> Cell<'_> {
    match v {
        Some(Value::String(s)) => Cell::Str(s),
        Some(Value::Number(n)) => n.as_f64().map_or(Cell::Null, Cell::Num),
        Some(Value::Bool(b)) => Cell::Bool(*b),
        _ => Cell::Null,
    }
}

/// A whole number of a cell that fits an i32.
fn cell_i32(c: Cell) -> Option<i32> {
    match c {
        Cell::Num(x) if x.fract() == 0.0 && x >= f64::from(i32::MIN) && x <= f64::from(i32::MAX) => Some(x as i32),
        _ => None,
    }
}

/// Interned strings: each distinct string of the projection is held once, and a field
/// holds a 4-byte key (`Option<Sym>` too, as the key is never zero).
#[derive(Default)]
pub struct Strings {
    rodeo: lasso::Rodeo,
}

pub type Sym = lasso::Spur;

impl Strings {
    pub fn intern(&mut self, s: &str) -> Sym {
        self.rodeo.get_or_intern(s)
    }
    pub fn get(&self, sym: Sym) -> &str {
        self.rodeo.resolve(&sym)
    }
    /// The key of a string already interned.
    pub fn lookup(&self, s: &str) -> Option<Sym> {
        self.rodeo.get(s)
    }
    /// The string of an optional field ("" when absent).
    pub fn get_opt(&self, sym: Option<Sym>) -> &str {
        sym.map_or("", |s| self.rodeo.resolve(&s))
    }
}

/// What the rules need of one target or observation row.
pub struct Fact {
    pub id: Sym,
    pub doc: Sym,
    pub section: Option<Sym>,
    pub scope_text: Option<Sym>,
    pub region_code: Option<Sym>,
    pub industry_id: Option<Sym>,
    pub enterprise_id: Option<Sym>,
    pub indicator_id: Option<Sym>,
    pub indicator_raw: Option<Sym>,
    pub kind: Option<Sym>,
    pub qualifier: Option<Sym>,
    pub unit_raw: Option<Sym>,
    pub unit: Option<Sym>,
    pub part_of: Option<Sym>,
    pub value: Option<f64>,
    pub value_std: Option<f64>,
    pub value_max: Option<f64>,
    pub baseline_value: Option<f64>,
    /// target_year of a target, year of an observation.
    pub year: Option<i32>,
    pub baseline_year: Option<i32>,
    pub baseline_unit_raw: Option<Sym>,
    pub direction: Option<Sym>,
    pub quote: Option<Sym>,
    pub char_start: Option<u32>,
    pub char_end: Option<u32>,
    pub year_explicit: Option<bool>,
    /// How an observation is given: `statistic` or `baseline` (of a goal of its sentence).
    pub stated_as: Option<Sym>,
    /// The indicator is a generic one (a share of some total, a capacity of some product):
    /// rows of it are not the same measure across documents. Set by the validate stage
    /// from the curated layer ([`Facts::mark_generic`]).
    pub generic: bool,
    /// The industry the row is about: its own, or, when the row names no subject of its
    /// own (no industry, enterprise or scope), that of the clause it continues
    /// (建材产业总产值达到1300亿元，…，工业增加值达到1300亿元 — the value added is the
    /// building-materials industry's). Set by [`Facts::link_clauses`].
    pub subject_industry: Option<Sym>,
    /// The row is about a whole region: its sentence opens with a subject-less 全… phrase
    /// (全省规模以上工业总产值…，工业增加值…) and it takes no industry or enterprise.
    pub total_sentence: bool,
    /// The sentence the row belongs to: rows of one chain of clauses share it (numbered
    /// per table by [`Facts::link_clauses`]).
    pub sentence: u32,
}

/// Characters allowed between the end of one clause and the start of the next for the two
/// to be one sentence (a comma and a space).
const CLAUSE_GAP: u32 = 2;

/// The projection of both tables, and the document metadata the year rules need.
pub struct Facts {
    pub strings: Strings,
    pub targets: Vec<Fact>,
    pub observations: Vec<Fact>,
    /// doc_id → (issue date, plan period).
    pub docs: HashMap<String, (Option<String>, Option<(i32, i32)>)>,
}

impl Facts {
    /// The fact of a row, given as its cell per column (a typed record's or a JSON row's).
    fn project<'r>(&mut self, cell: impl Fn(&str) -> Cell<'r>, is_target: bool) -> Fact {
        // Id and document are required by the schema; "" stands in should a row lack them.
        let empty = self.strings.intern("");
        let mut sym = |k: &str| match cell(k) {
            Cell::Str(v) => Some(self.strings.intern(v)),
            _ => None,
        };
        let num = |k: &str| match cell(k) {
            Cell::Num(x) => Some(x),
            _ => None,
        };
        let int = |k: &str| cell_i32(cell(k));
        Fact {
            id: sym(if is_target { "target_id" } else { "observation_id" }).unwrap_or(empty),
            doc: sym("doc_id").unwrap_or(empty),
            section: sym("section"),
            scope_text: sym("scope_text"),
            region_code: sym("region_code"),
            industry_id: sym("industry_id"),
            enterprise_id: sym("enterprise_id"),
            indicator_id: sym("indicator_id"),
            indicator_raw: sym("indicator_raw"),
            kind: sym("kind"),
            qualifier: sym("qualifier"),
            unit_raw: sym("unit_raw"),
            unit: sym("unit"),
            part_of: sym("part_of_target_id"),
            value: num("value"),
            value_std: num("value_std"),
            value_max: num("value_max"),
            baseline_value: num("baseline_value"),
            year: int(if is_target { "target_year" } else { "year" }),
            baseline_year: int("baseline_year"),
            baseline_unit_raw: sym("baseline_unit_raw"),
            direction: sym("direction"),
            quote: sym("quote"),
            char_start: int("char_start").and_then(|v| u32::try_from(v).ok()),
            char_end: int("char_end").and_then(|v| u32::try_from(v).ok()),
            year_explicit: match cell("year_explicit") {
                Cell::Bool(b) => Some(b),
                _ => None,
            },
            stated_as: sym("stated_as"),
            generic: false,
            subject_industry: sym("industry_id"),
            total_sentence: false,
            sentence: 0,
        }
    }

    /// An empty projection, filled by [`Facts::add_document`] and [`Facts::add_row`] and
    /// finished by [`Facts::link_clauses`].
    pub fn new() -> Facts {
        Facts { strings: Strings::default(), targets: Vec::new(), observations: Vec::new(), docs: HashMap::new() }
    }

    /// A documents row (as JSON): its issue date and plan period.
    pub fn add_document(&mut self, d: &Row) {
        let get = |k: &str| d.get(k).and_then(Value::as_i64).and_then(|v| i32::try_from(v).ok());
        let period = get("period_start").zip(get("period_end"));
        let issued = d.get("issued_on").and_then(Value::as_str).map(str::to_string);
        self.docs.insert(d.get("doc_id").and_then(Value::as_str).unwrap_or_default().to_string(), (issued, period));
    }

    /// A document: its issue date and plan period.
    pub fn add_document_record(&mut self, d: &rec::Document) {
        let period = d.period_start.zip(d.period_end);
        self.docs.insert(d.doc_id.clone(), (d.issued_on.clone(), period));
    }

    /// A targets (`is_target`) or observations row (as JSON), in published order
    /// (document, offset).
    pub fn add_row(&mut self, r: &Row, is_target: bool) {
        let fact = self.project(|k| json_cell(r.get(k)), is_target);
        if is_target { &mut self.targets } else { &mut self.observations }.push(fact);
    }

    /// A target or observation record, in published order (document, offset).
    pub fn add_record<R: Record>(&mut self, r: &R, is_target: bool) {
        let fact = self.project(|k| r.cell(k), is_target);
        if is_target { &mut self.targets } else { &mut self.observations }.push(fact);
    }

    /// Clauses of one sentence: a row that starts where the previous clause ends (at most one
    /// punctuation mark between) continues it. A row with no subject of its own takes the
    /// subject of the sentence when the sentence so far has exactly one (建材产业总产值…，
    /// 工业增加值… is the building-materials industry's value added; after 轻纺…其中轻工…、
    /// 纺织… the subject is ambiguous and none is taken). The offsets cannot tell a comma from
    /// a full stop, so a one-subject rule is what keeps a new sentence from inheriting a part.
    pub fn link_clauses(&mut self) {
        struct Chain {
            doc: Sym,
            end: u32,
            subject: Option<Sym>,
            ambiguous: bool,
            total: bool,
        }
        for rows in [&mut self.targets, &mut self.observations] {
            let mut chain: Option<Chain> = None;
            let mut sentence = 0;
            for r in rows.iter_mut() {
                let own_subject = r.industry_id.is_some() || r.enterprise_id.is_some() || r.scope_text.is_some();
                let (Some(start), Some(end)) = (r.char_start, r.char_end) else {
                    chain = None;
                    sentence += 1;
                    r.sentence = sentence;
                    continue;
                };
                match chain.as_mut().filter(|c| c.doc == r.doc && start <= c.end + CLAUSE_GAP) {
                    Some(c) => {
                        c.end = c.end.max(end);
                        if own_subject {
                            c.ambiguous |= c.subject.is_some() && c.subject != r.industry_id;
                            c.subject = c.subject.or(r.industry_id);
                        } else if !c.ambiguous {
                            r.subject_industry = c.subject;
                        }
                        r.total_sentence = c.total && r.subject_industry.is_none() && r.enterprise_id.is_none();
                    }
                    None => {
                        let total = !own_subject && self.strings.get_opt(r.indicator_raw).starts_with('全');
                        r.total_sentence = total;
                        chain = Some(Chain { doc: r.doc, end, subject: r.industry_id, ambiguous: false, total });
                        sentence += 1;
                    }
                }
                r.sentence = sentence;
            }
        }
    }

    pub fn s(&self, sym: Option<Sym>) -> Option<&str> {
        sym.map(|x| self.strings.get(x))
    }
    /// A string field for a message ("" when absent).
    pub fn t(&self, sym: Option<Sym>) -> &str {
        self.s(sym).unwrap_or("")
    }
    pub fn doc(&self, r: &Fact) -> &str {
        self.strings.get(r.doc)
    }
    pub fn kind_is(&self, r: &Fact, kinds: &[&str]) -> bool {
        self.s(r.kind).is_some_and(|k| kinds.contains(&k))
    }
    pub fn issue_year(&self, r: &Fact) -> Option<i32> {
        self.docs.get(self.doc(r)).and_then(|d| d.0.as_deref()).and_then(|x| x.get(..4)).and_then(|y| y.parse().ok())
    }
    pub fn issued_on(&self, r: &Fact) -> Option<&str> {
        self.docs.get(self.doc(r)).and_then(|d| d.0.as_deref())
    }
    pub fn period(&self, r: &Fact) -> Option<(i32, i32)> {
        self.docs.get(self.doc(r)).and_then(|d| d.1)
    }
}

impl Facts {
    /// Mark the rows of generic indicators (`default_for_kinds` in indicators.yaml): a
    /// share of one total and a share of another share an id but are not one measure.
    pub fn mark_generic(&mut self, m: &crate::curated::Mappings) {
        let generic: Vec<Sym> = m
            .indicators
            .iter()
            .filter(|i| !i.default_for_kinds.is_empty())
            .filter_map(|i| self.strings.lookup(&i.id))
            .collect();
        for f in self.targets.iter_mut().chain(self.observations.iter_mut()) {
            f.generic = f.indicator_id.is_some_and(|id| generic.contains(&id));
        }
    }
}

/// Read the normalize stage's rows (in `input`, the normalize stage's folder) into the
/// projection.
pub fn load_facts(input: &Path) -> Result<(Facts, Vec<Note>), PipelineError> {
    let input = input.to_path_buf();
    if !input.join("run-id").exists() {
        return Err(PipelineError::MissingStage { stage: "validate", previous: "normalize", path: input });
    }
    let mut facts = Facts::new();
    for d in rowfile::read::<rec::Document>(&input.join("documents.jsonl"), "normalize")? {
        facts.add_document_record(&d?);
    }
    let targets = input.join("targets.jsonl");
    let observations = input.join("observations.jsonl");
    // Sized once: growing a vector of millions of facts would briefly need twice the room.
    facts.targets.reserve_exact(rowfile::count(&targets)?);
    facts.observations.reserve_exact(rowfile::count(&observations)?);
    for r in rowfile::read::<rec::Target>(&targets, "normalize")? {
        facts.add_record(&r?, true);
    }
    for r in rowfile::read::<rec::Observation>(&observations, "normalize")? {
        facts.add_record(&r?, false);
    }
    facts.link_clauses();
    let notes = rowfile::read::<Note>(&input.join("notes.jsonl"), "normalize")?.collect::<Result<_, _>>()?;
    Ok((facts, notes))
}
