//! Stage 1, extract: each source text → candidates (detected metadata, statements, number
//! audit, entity mentions, project phrases), one JSON file per document. Documents are
//! processed in parallel with rayon; each is independent, so memory is bounded by the
//! largest document, not the corpus.

use rayon::prelude::*;
use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use extract::cursor::Cursor;
use extract::entities::{discover_enterprises, Gazetteer};
use extract::outline::Paragraph;
use extract::quantity::Token;
use extract::statements::{DocDates, StatementKind};
use extract::text::Text;
use extract::units::{unit_as_written, UnitLexicon};

use crate::error::PipelineError;
use crate::curated::{Mappings, Named};
use crate::store::candidates::{DetectedMeta, DocCandidates, MentionRec, NumberRec, StatementRec};
use crate::store::sources::{self, DocumentEntry, SourceFile};

/// Vocabularies compiled once and shared by all documents.
pub struct Vocab {
    pub units: UnitLexicon,
    enterprises: Gazetteer,
    enterprise_ids: Vec<Arc<str>>,
    industries: Gazetteer,
    industry_ids: Vec<Arc<str>>,
}

impl Vocab {
    pub fn new(m: &Mappings) -> Vocab {
        let mut ent_aliases = Vec::new();
        for (i, e) in m.enterprises.iter().enumerate() {
            for a in e.spellings() {
                ent_aliases.push((a.clone(), i));
            }
        }
        let mut ind_aliases = Vec::new();
        for (i, e) in m.industries.iter().enumerate() {
            for a in e.spellings() {
                ind_aliases.push((a.clone(), i));
            }
        }
        ent_aliases.sort();
        ent_aliases.dedup();
        ind_aliases.sort();
        ind_aliases.dedup_by(|a, b| a.0 == b.0);
        Vocab {
            units: UnitLexicon::new(&m.units),
            enterprises: Gazetteer::new(&ent_aliases),
            enterprise_ids: m.enterprises.iter().map(|e| Arc::from(e.id.as_str())).collect(),
            industries: Gazetteer::new(&ind_aliases),
            industry_ids: m.industries.iter().map(|e| Arc::from(e.id.as_str())).collect(),
        }
    }
}

/// Read, decode and extract one document.
pub fn extract_document(
    src: &SourceFile,
    source_display: &str,
    curated: Option<&DocumentEntry>,
    vocab: &Vocab,
) -> Result<DocCandidates, PipelineError> {
    let bytes = std::fs::read(&src.path).map_err(|e| PipelineError::io(&src.path, e))?;
    // Work within one document runs in parallel too (rayon::join, paragraphs split across
    // threads), so a single large document uses every core; on a corpus of many documents
    // the threads are already busy and these joins cost next to nothing.
    let (decoded, sha256) = rayon::join(|| extract::decode::decode(&bytes), || crate::store::sha256_hex(&bytes));
    let decoded = decoded.map_err(|e| PipelineError::Source { path: src.path.clone(), message: e.to_string() })?;
    let text = Text::new(decoded.text);
    let detected = extract::meta::detect(&text);
    let issue_year = curated
        .and_then(|c| c.issued_on.as_deref())
        .or(detected.issued_on.as_deref())
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
        // A page with no date of its own may still say which year is 今年…
        .or(detected.current_year)
        // …and a statistical communiqué is published the year after the one it reports.
        .or(detected.statistics_year.map(|y| y + 1));
    let period = match curated.and_then(|c| c.period_start.zip(c.period_end)) {
        Some(p) => Some(p),
        None => detected.period_start.zip(detected.period_end),
    };
    let dates = DocDates { issue_year, period, statistics_year: detected.statistics_year };
    let paragraphs = extract::outline::parse(&text);
    let tokens: Vec<Token> = paragraphs
        .par_iter()
        .with_min_len(256)
        .flat_map_iter(|p| extract::quantity::scan(&text, &vocab.units, p.start, p.end))
        .collect();
    let ((statements, numbers), ((enterprises, industries), projects)) = rayon::join(
        || statement_records(&text, &paragraphs, &tokens, dates, vocab),
        || {
            // Projects need the enterprise names (甲公司、乙公司扩能改造 is two projects).
            let (enterprises, industries) = entity_mentions(&text, &paragraphs, vocab);
            let spans: Vec<(usize, usize)> = enterprises.iter().map(|e| (e.start, e.end)).collect();
            let projects = extract::projects::find_projects(&text, &paragraphs, &tokens, &spans);
            ((enterprises, industries), projects)
        },
    );

    Ok(DocCandidates {
        rel: src.rel.clone(),
        source_file: source_display.to_string(),
        sha256,
        encoding: decoded.encoding.to_string(),
        chars: text.char_len(),
        text: text.into_original(),
        detected: DetectedMeta {
            title: detected.title,
            issuer: detected.issuer,
            doc_number: detected.doc_number,
            issued_on: detected.issued_on,
            period_start: detected.period_start,
            period_end: detected.period_end,
        },
        statements,
        numbers,
        enterprises,
        industries,
        projects,
    })
}

/// Targets and observations as records, and the audit of every number.
fn statement_records(
    text: &Text,
    paragraphs: &[Paragraph],
    tokens: &[Token],
    dates: DocDates,
    vocab: &Vocab,
) -> (Vec<StatementRec>, Vec<NumberRec>) {
    let (statements, classes) = extract::statements::extract_statements(text, paragraphs, tokens, dates);
    let mut sections = SectionCursor::new(paragraphs);
    let heading_industries = heading_industries(text, paragraphs, vocab);

    let statements = statements
        .into_iter()
        .map(|s| {
            let u = s.token.unit.as_ref();
            StatementRec {
                kind: Cow::Borrowed(match s.kind {
                    StatementKind::Target => "target",
                    StatementKind::Observation => "observation",
                }),
                value: s.token.value,
                value_max: s.token.value_max,
                unit_raw: u.map(|u| unit_as_written(text, s.token.unit_start, u)).unwrap_or_default(),
                unit_id: u.map(|u| Arc::clone(&u.id)),
                unit_dimension: u.map(|u| Arc::clone(&u.dimension)),
                unit_factor: u.map(|u| u.factor),
                unit_base: u.map(|u| Arc::clone(&u.base)),
                qualifier: Cow::Borrowed(s.token.qualifier.as_str()),
                value_kind: Cow::Borrowed(s.value_kind.as_str()),
                direction: s.direction.map(Cow::Borrowed),
                quote_start: s.quote_start,
                quote_end: s.quote_end,
                quote: String::new(),
                value_start: s.token.start,
                section_industry: section_industry(&heading_industries, &s.section),
                section: s.section,
                section_heading: s.section_heading,
                indicator_raw: s.indicator_raw,
                year: s.year,
                year_explicit: s.year_explicit,
                baseline_value: s.baseline.value,
                baseline_unit_raw: s.baseline.unit_raw,
                baseline_year: s.baseline.year,
                aspirational: s.aspirational,
                annual: s.annual,
                part_of: s.part_of,
                baseline_of_goal: s.baseline_of_goal,
            }
        })
        .collect();

    // Audit: every Arabic number, and every Chinese numeral read as a quantity.
    let numbers = tokens
        .iter()
        .zip(&classes)
        .map(|(t, c)| NumberRec {
            start: t.start,
            end: t.end,
            text: String::new(),
            class: Cow::Borrowed(c.as_str()),
            section: sections.at(t.start),
        })
        .collect();
    (statements, numbers)
}

/// The industry each heading names in its title (二、汽车产业, 附件2 吉林省汽车产业转型升级
/// 实施方案), by the section path the heading opens.
fn heading_industries(
    text: &Text,
    paragraphs: &[Paragraph],
    vocab: &Vocab,
) -> std::collections::HashMap<Arc<str>, Arc<str>> {
    let mut out = std::collections::HashMap::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let Some(h) = &p.heading else { continue };
        let (mut from, mut to) = (h.body_start, (h.body_start + h.title.chars().count()).min(p.end));
        // An annex marker stands on a line of its own; its title is the next, short line.
        if h.level == extract::outline::Level::Annex && h.title.trim().is_empty() {
            if let Some(next) = paragraphs.get(i + 1).filter(|n| n.heading.is_none() && n.end - n.start <= ANNEX_TITLE_CHARS) {
                (from, to) = (next.start, next.end);
            }
        }
        let first = vocab.industries.find(text, from, to).into_iter().next();
        if let Some(m) = first {
            out.entry(Arc::clone(&p.section)).or_insert_with(|| Arc::clone(&vocab.industry_ids[m.entity]));
        }
    }
    out
}

/// Longest line read as an annex's title.
const ANNEX_TITLE_CHARS: usize = 60;

/// The industry of the innermost heading above a section that names one: a goal in a
/// section, sub-section or annex about one industry is about that industry.
fn section_industry(headings: &std::collections::HashMap<Arc<str>, Arc<str>>, section: &str) -> Option<Arc<str>> {
    let mut path = section;
    loop {
        if let Some(id) = headings.get(path) {
            return Some(Arc::clone(id));
        }
        path = &path[..path.rfind('/')?];
    }
}

/// Enterprise mentions (gazetteer, then names discovered by pattern where no alias
/// matched) and industry mentions (where no enterprise name covers them).
fn entity_mentions(text: &Text, paragraphs: &[Paragraph], vocab: &Vocab) -> (Vec<MentionRec>, Vec<MentionRec>) {
    let mut sections = SectionCursor::new(paragraphs);

    let all = (0, text.char_len());
    let mut enterprises: Vec<MentionRec> = vocab
        .enterprises
        .find(text, all.0, all.1)
        .into_iter()
        .map(|m| MentionRec {
            start: m.start,
            end: m.end,
            surface: String::new(),
            section: sections.at(m.start),
            entity_id: Some(Arc::clone(&vocab.enterprise_ids[m.entity])),
        })
        .collect();
    // Gazetteer matches are sorted and non-overlapping: a discovered name is kept when no
    // gazetteer match overlaps it (checked by binary search, so this stays linear).
    let gazetteer_spans: Vec<(usize, usize)> = enterprises.iter().map(|m| (m.start, m.end)).collect();
    for d in discover_enterprises(text, all.0, all.1) {
        if !overlaps_any(&gazetteer_spans, d.start, d.end) {
            enterprises.push(MentionRec {
                start: d.start,
                end: d.end,
                surface: String::new(),
                section: sections.at(d.start),
                entity_id: None,
            });
        }
    }
    enterprises.sort_by_key(|m| (m.start, m.end));
    let enterprise_spans: Vec<(usize, usize)> = enterprises.iter().map(|m| (m.start, m.end)).collect();
    let industries = vocab
        .industries
        .find(text, all.0, all.1)
        .into_iter()
        .filter(|m| !overlaps_any(&enterprise_spans, m.start, m.end))
        .map(|m| MentionRec {
            start: m.start,
            end: m.end,
            surface: String::new(),
            section: sections.at(m.start),
            entity_id: Some(Arc::clone(&vocab.industry_ids[m.entity])),
        })
        .collect();
    (enterprises, industries)
}

/// Is source `rel` in shard `k` of `n` (1-based)? By the hash of its name, so a file keeps
/// its shard when others are added.
pub fn in_shard(rel: &str, k: u64, n: u64) -> bool {
    let h = crate::store::sha256_hex(rel.as_bytes());
    let v = u64::from_str_radix(&h[..15], 16).unwrap_or(0);
    v % n == k - 1
}

/// Does [start, end) overlap any span of `spans` (sorted by start, non-overlapping)?
pub fn overlaps_any(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = spans.partition_point(|s| s.1 <= start);
    spans.get(i).is_some_and(|s| s.0 < end)
}

/// The section path of the paragraph holding a char, for positions asked mostly in
/// increasing order (records come sorted; see `extract::cursor`).
pub struct SectionCursor<'a> {
    paragraphs: &'a [Paragraph],
    cursor: Cursor,
    none: Arc<str>,
}

impl<'a> SectionCursor<'a> {
    pub fn new(paragraphs: &'a [Paragraph]) -> SectionCursor<'a> {
        SectionCursor { paragraphs, cursor: Cursor::default(), none: Arc::from("") }
    }

    /// The section of the last paragraph starting at or before `pos` ("" before the first).
    pub fn at(&mut self, pos: usize) -> Arc<str> {
        match self.cursor.advance(self.paragraphs, |p| p.start <= pos) {
            0 => Arc::clone(&self.none),
            i => Arc::clone(&self.paragraphs[i - 1].section),
        }
    }
}

/// Run the stage over a folder, writing `<work>/extract/<stem>.msgpack`.
pub fn run(
    sources_dir: &Path,
    mappings: &Mappings,
    work: &Path,
    shard: Option<(u64, u64)>,
    progress: &crate::progress::Progress,
) -> Result<usize, PipelineError> {
    let mut files = sources::list(sources_dir)?;
    if let Some((k, n)) = shard {
        files.retain(|f| in_shard(&f.rel, k, n));
    }
    let curated = sources::load_documents(sources_dir)?;
    let vocab = Vocab::new(mappings);
    let out_dir = crate::store::layout::extract_dir(work);
    if out_dir.exists() {
        std::fs::remove_dir_all(&out_dir).map_err(|e| PipelineError::io(&out_dir, e))?;
    }
    std::fs::create_dir_all(&out_dir).map_err(|e| PipelineError::io(&out_dir, e))?;
    let bar = progress.bar("extract", files.len() as u64);
    let results: Vec<Result<(), PipelineError>> = files
        .par_iter()
        .map(|f| {
            let entry = curated.iter().find(|d| d.file == f.rel);
            // Published as the path relative to the sources folder: the same wherever the
            // folder lies on this machine (never an absolute path).
            let cand = extract_document(f, &f.rel, entry, &vocab)?;
            let name = format!("{}.{}", f.rel.trim_end_matches(".txt"), crate::store::workfile::EXTENSION);
            crate::store::workfile::save(&out_dir.join(name), &cand)?;
            bar.inc(1);
            Ok(())
        })
        .collect();
    bar.finish_and_clear();
    for r in results {
        r?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(starts: &[usize]) -> Vec<Paragraph> {
        starts
            .iter()
            .enumerate()
            .map(|(i, &s)| Paragraph {
                index: i,
                start: s,
                end: s + 1,
                heading: None,
                section: Arc::from(format!("s{i}")),
                titles: Arc::from(Vec::new()),
            })
            .collect()
    }

    proptest::proptest! {
        /// Whatever order positions are asked in, the cursor answers what a binary search
        /// over all paragraphs answers.
        #[test]
        fn section_cursor_agrees_with_binary_search(
            gaps in proptest::collection::vec(1usize..5, 0..40),
            asked in proptest::collection::vec(0usize..200, 0..60),
            sorted in proptest::bool::ANY,
        ) {
            let starts: Vec<usize> = gaps.iter().scan(0, |s, g| { *s += g; Some(*s) }).collect();
            let ps = paragraphs(&starts);
            let mut asked = asked;
            if sorted {
                asked.sort();
            }
            let mut cursor = SectionCursor::new(&ps);
            for pos in asked {
                let i = ps.partition_point(|p| p.start <= pos);
                let expected = if i == 0 { String::new() } else { ps[i - 1].section.to_string() };
                proptest::prop_assert_eq!(cursor.at(pos).to_string(), expected);
            }
        }
    }
}
