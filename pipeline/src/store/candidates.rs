//! The extract stage's output: per-document candidates ([`DocCandidates`]) as they are
//! written to `<work>/extract/` and read back by normalize. This is the interface between
//! the two stages, so neither imports the other.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::PipelineError;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct DetectedMeta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub doc_number: Option<String>,
    pub issued_on: Option<String>,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
}

/// A word of a fixed vocabulary (`target`, `level`, `eq`…): borrowed from the grammar when
/// extract writes it, owned when normalize reads it back.
pub type Label = Cow<'static, str>;

// Records share their repeated strings (section paths, headings, unit and entity ids) as
// `Arc<str>` and their vocabulary words as `Label`: a document has tens of thousands of
// records, and allocating each field anew cost about 4 % of the stage's CPU.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StatementRec {
    pub kind: Label,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit_raw: String,
    pub unit_id: Option<Arc<str>>,
    pub unit_dimension: Option<Arc<str>>,
    pub unit_factor: Option<f64>,
    pub unit_base: Option<Arc<str>>,
    pub qualifier: Label,
    pub value_kind: Label,
    pub direction: Option<Label>,
    pub quote_start: usize,
    pub quote_end: usize,
    /// The quote, cut from the document's text when the file is read (`DocCandidates::read`).
    #[serde(skip)]
    pub quote: String,
    pub value_start: usize,
    pub section: Arc<str>,
    pub section_heading: Arc<str>,
    /// The industry the innermost heading above the statement names, if any.
    pub section_industry: Option<Arc<str>>,
    pub indicator_raw: String,
    pub year: Option<i32>,
    pub year_explicit: bool,
    pub baseline_value: Option<f64>,
    pub baseline_unit_raw: Option<String>,
    pub baseline_year: Option<i32>,
    pub aspirational: bool,
    pub annual: bool,
    /// Char offset of the value this one is a part of (其中…).
    pub part_of: Option<usize>,
    /// An observation read from a goal's baseline (由2015年的0.38%提高到…).
    pub baseline_of_goal: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NumberRec {
    pub start: usize,
    pub end: usize,
    /// The number as written, cut from the document's text when the file is read.
    #[serde(skip)]
    pub text: String,
    pub class: Label,
    pub section: Arc<str>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MentionRec {
    pub start: usize,
    pub end: usize,
    /// The name as written, cut from the document's text when the file is read.
    #[serde(skip)]
    pub surface: String,
    pub section: Arc<str>,
    /// Gazetteer id, or None for a name discovered by pattern.
    pub entity_id: Option<Arc<str>>,
}

/// A project phrase as extract finds it (defined with the finder, in the extract crate).
pub type ProjectRec = extract::projects::ProjectPhrase;

/// Everything extracted from one document.
///
/// Records are stand-off annotations: they give char spans into `text`, stored once, and
/// the strings they quote (quotes, numbers, names, project phrases) are cut from it by
/// `DocCandidates::read`. Writing each quote beside its span cost about 6 % of
/// the stage's CPU (an allocation, a copy and a scattered read of the text per record).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocCandidates {
    pub rel: String,
    pub source_file: String,
    pub sha256: String,
    pub encoding: String,
    pub chars: usize,
    /// The decoded source text, as read (not folded).
    pub text: String,
    pub detected: DetectedMeta,
    pub statements: Vec<StatementRec>,
    pub numbers: Vec<NumberRec>,
    pub enterprises: Vec<MentionRec>,
    pub industries: Vec<MentionRec>,
    pub projects: Vec<ProjectRec>,
}

impl DocCandidates {
    /// Read an extract file for `stage`, with every record's quoted string filled in: the
    /// only way the later stages get candidates, so none sees a record without its quote.
    pub fn read(path: &Path, stage: &'static str) -> Result<DocCandidates, PipelineError> {
        let mut d: DocCandidates = super::workfile::load(path, stage, "extract")?;
        d.cut_quotes();
        Ok(d)
    }

    /// Cut each record's quoted string from `text` by its char span, as
    /// `Text::original_slice` would have in extract.
    fn cut_quotes(&mut self) {
        let offsets = extract::text::char_byte_offsets(&self.text);
        let text = &self.text;
        let cut = |start: usize, end: usize| extract::text::slice_by_chars(text, &offsets, start, end).to_string();
        for s in &mut self.statements {
            s.quote = cut(s.quote_start, s.quote_end);
        }
        for n in &mut self.numbers {
            n.text = cut(n.start, n.end);
        }
        for m in self.enterprises.iter_mut().chain(&mut self.industries) {
            m.surface = cut(m.start, m.end);
        }
        for p in &mut self.projects {
            p.name = cut(p.start, p.end) + &p.name_suffix;
        }
    }
}

/// The mentions (sorted by start) lying inside [start, end).
pub fn mentions_within(mentions: &[MentionRec], start: usize, end: usize) -> &[MentionRec] {
    let lo = mentions.partition_point(|m| m.start < start);
    let hi = lo + mentions[lo..].partition_point(|m| m.start < end);
    &mentions[lo..hi]
}

/// The stage's output files, sorted by name; the next stage reads them one at a time.
pub fn list(work: &Path) -> Result<Vec<PathBuf>, PipelineError> {
    let dir = super::layout::extract_dir(work);
    if !dir.exists() {
        return Err(PipelineError::MissingStage { stage: "normalize", previous: "extract", path: dir });
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| PipelineError::io(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == crate::store::workfile::EXTENSION))
        .collect();
    paths.sort();
    Ok(paths)
}
