//! Stage 2, normalize: joins the extract stage's candidates to the curated layer
//! (indicators, units, regions, industries, enterprise aliases, document metadata) and
//! assigns stable ids. The result is the contract's tables as typed records
//! ([`crate::records::tables`]) plus curator reports: what the mappings do not know yet
//! (indicator phrases, discovered enterprises) and the audit of every number.

mod projects;

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::curated::lookup::{squash, IndicatorIndex};
use crate::curated::regions::RegionIndex;
use crate::curated::Mappings;
use crate::error::PipelineError;
use crate::records::schema::TableSchema;
use crate::records::tables::{self as rec, sort_records, Record};
use crate::records::Note;
use crate::store::candidates::{mentions_within, DocCandidates, MentionRec, StatementRec};
use crate::store::rowfile::RowWriter;
use crate::store::sources::{self, DocumentEntry};

/// Documents normalized together before their rows are written (bounds memory by a few
/// documents, not the corpus, while keeping every core busy).
fn chunk_size() -> usize {
    2 * rayon::current_num_threads().max(1)
}

/// Run the stage: `<work>/extract/*.msgpack` → `<work>/normalize/`. Documents are processed in
/// doc_id order, a few at a time, and each document's rows are sorted in published order
/// before they are appended, so every table is written sorted without holding it whole.
/// Returns the number of documents.
pub fn run(sources_dir: &Path, schemas_dir: &Path, m: &Mappings, work: &Path) -> Result<usize, PipelineError> {
    let curated = sources::load_documents(sources_dir)?;
    let schemas = crate::records::schema::load_all(schemas_dir)?;
    let inputs = inputs_in_doc_id_order(work, &curated)?;
    let ctx = Context {
        curated: &curated,
        m,
        indicators: IndicatorIndex::new(&m.indicators),
        regions: RegionIndex::new(&m.regions),
        standard_units: crate::curated::reference::standard_units(m),
    };
    let stage = crate::store::staging::Staging::create(&crate::store::layout::normalize_dir(work))?;
    std::fs::create_dir_all(stage.path("reports")).map_err(|e| PipelineError::io(&stage.path("reports"), e))?;
    let mut out = Writers::new(&stage);
    let mut totals = Totals::default();
    for (chunk_no, chunk) in inputs.chunks(chunk_size()).enumerate() {
        let results: Vec<Result<(DocOut, Vec<(&str, Vec<u8>)>), PipelineError>> = chunk
            .par_iter()
            .map(|(doc_id, path)| {
                let d = DocCandidates::read(path, "normalize")?;
                if doc_id_of(&d.rel, &curated) != *doc_id {
                    return Err(PipelineError::io(path, format!("was extracted from `{}`: rerun `extract`", d.rel)));
                }
                let mut doc = normalize_document(&d, doc_id, &ctx);
                // Sorted and encoded here, in parallel; the writer only appends bytes.
                let encoded = doc.encode(&schemas, path)?;
                Ok((doc, encoded))
            })
            .collect();
        for (k, r) in results.into_iter().enumerate() {
            let (doc, encoded) = r?;
            for (table, bytes) in &encoded {
                out.append(table, bytes)?;
            }
            totals.add(doc, chunk_no * chunk_size() + k);
        }
    }
    let doc_ids: Vec<String> = inputs.into_iter().map(|(id, _)| id).collect();
    totals.write(&doc_ids, m, &schemas, &mut out)?;
    out.finish()?;
    std::fs::write(stage.path("run-id"), crate::store::rowfile::new_run_id())
        .map_err(|e| PipelineError::io(&stage.path("run-id"), e))?;
    stage.commit()?;
    Ok(doc_ids.len())
}

/// The extract stage's files with the doc_id each will get, in doc_id order (what the
/// tables are sorted by); two files getting one doc_id is an error.
fn inputs_in_doc_id_order(work: &Path, curated: &[DocumentEntry]) -> Result<Vec<(String, PathBuf)>, PipelineError> {
    let mut inputs: Vec<(String, PathBuf)> = Vec::new();
    for path in crate::store::candidates::list(work)? {
        let rel = format!("{}.txt", path.file_stem().and_then(|s| s.to_str()).unwrap_or_default());
        inputs.push((doc_id_of(&rel, curated), path));
    }
    inputs.sort();
    for w in inputs.windows(2) {
        if w[0].0 == w[1].0 {
            return Err(PipelineError::Other(format!(
                "two sources get doc_id `{}`: give one a distinct doc_id in documents.yaml",
                w[0].0
            )));
        }
    }
    Ok(inputs)
}

fn doc_id_of(rel: &str, curated: &[DocumentEntry]) -> String {
    curated.iter().find(|c| c.file == rel).map(|e| e.doc_id.clone()).unwrap_or_else(|| sources::default_doc_id(rel))
}

/// Sort records in their table's published order.
fn sort_by_schema<R: Record>(schemas: &[TableSchema], rows: &mut [R]) {
    if let Some(s) = schemas.iter().find(|s| s.name == R::TABLE) {
        sort_records(s, rows);
    }
}

/// Records sorted in published order and encoded for [`Writers::append`].
fn encode_sorted<R: Record>(
    schemas: &[TableSchema],
    rows: &mut [R],
    origin: &Path,
) -> Result<(&'static str, Vec<u8>), PipelineError> {
    sort_by_schema(schemas, rows);
    Ok((R::TABLE, crate::store::rowfile::encode(rows, origin)?))
}

/// The stage's open row files (tables, `reports/…` and `notes`).
struct Writers {
    dir: PathBuf,
    tables: BTreeMap<String, RowWriter>,
}

impl Writers {
    fn new(stage: &crate::store::staging::Staging) -> Writers {
        Writers { dir: stage.tmp.clone(), tables: BTreeMap::new() }
    }
    /// Open the row file of `table` (so a table without rows still gets a file).
    fn table(&mut self, table: &str) -> Result<&mut RowWriter, PipelineError> {
        if !self.tables.contains_key(table) {
            let w = RowWriter::create(&self.dir.join(format!("{table}.jsonl")))?;
            self.tables.insert(table.to_string(), w);
        }
        Ok(self.tables.get_mut(table).expect("opened above"))
    }
    /// Write the whole table of `R` (its file is created even without rows).
    fn write_all<R: Record>(&mut self, rows: &[R]) -> Result<(), PipelineError> {
        let w = self.table(R::TABLE)?;
        for row in rows {
            w.write(row)?;
        }
        Ok(())
    }
    /// Append records already encoded by [`crate::store::rowfile::encode`].
    fn append(&mut self, table: &str, bytes: &[u8]) -> Result<(), PipelineError> {
        self.table(table)?.append(bytes)
    }
    fn finish(self) -> Result<(), PipelineError> {
        for w in self.tables.into_values() {
            w.finish()?;
        }
        Ok(())
    }
}

/// The curated layer, compiled once and shared by the documents normalized in parallel.
struct Context<'a> {
    curated: &'a [DocumentEntry],
    m: &'a Mappings,
    indicators: IndicatorIndex<'a>,
    regions: RegionIndex,
    /// Unit code → the code of the standard unit value_std is in.
    standard_units: BTreeMap<String, String>,
}

/// What one document contributes: its rows of the per-document tables, its findings, its
/// number audit, and the entity mentions that the corpus-wide tables count.
#[derive(Default)]
struct DocOut {
    documents: Vec<rec::Document>,
    mentions: Vec<rec::Mention>,
    targets: Vec<rec::Target>,
    target_enterprises: Vec<rec::TargetEnterprise>,
    observations: Vec<rec::Observation>,
    project_mentions: Vec<rec::ProjectMention>,
    notes: Vec<Note>,
    audit: Vec<rec::AuditedNumber>,
    /// (enterprise id, surface) per enterprise mention.
    enterprises: Vec<(String, String)>,
    /// Industry id per industry mention.
    industries: Vec<String>,
    /// Indicator phrases no curated indicator fits.
    unmapped: Vec<String>,
    /// Projects named in the document (one per entity).
    projects: Vec<projects::Project>,
}

impl DocOut {
    /// Every row file's records of the document, each table sorted in published order,
    /// the number audit in text order.
    fn encode(&mut self, schemas: &[TableSchema], origin: &Path) -> Result<Vec<(&'static str, Vec<u8>)>, PipelineError> {
        self.audit.sort_by_key(|r| r.char_start);
        Ok(vec![
            encode_sorted(schemas, &mut self.documents, origin)?,
            encode_sorted(schemas, &mut self.mentions, origin)?,
            encode_sorted(schemas, &mut self.targets, origin)?,
            encode_sorted(schemas, &mut self.target_enterprises, origin)?,
            encode_sorted(schemas, &mut self.observations, origin)?,
            encode_sorted(schemas, &mut self.project_mentions, origin)?,
            (rec::AuditedNumber::TABLE, crate::store::rowfile::encode(&self.audit, origin)?),
            ("notes", crate::store::rowfile::encode(&self.notes, origin)?),
        ])
    }

    /// The region codes of the document's rows.
    fn region_codes(&self) -> impl Iterator<Item = &str> {
        let documents = self.documents.iter().map(|r| &r.region_code);
        let targets = self.targets.iter().map(|r| &r.region_code);
        let observations = self.observations.iter().map(|r| &r.region_code);
        documents.chain(targets).chain(observations).filter_map(|c| c.as_deref())
    }
}

/// Corpus-wide counts over documents (by their index in doc_id order), for the
/// enterprises and industries tables and the curator reports.
#[derive(Default)]
struct Totals {
    enterprises: BTreeMap<String, (BTreeSet<usize>, i32, BTreeSet<String>)>,
    industries: BTreeMap<String, (BTreeSet<usize>, i32)>,
    unmapped: BTreeMap<String, (i32, BTreeSet<usize>)>,
    projects: projects::Corpus,
    /// Every region code of a published row (for the `regions` reference table).
    region_codes: BTreeSet<String>,
}

impl Totals {
    fn add(&mut self, doc: DocOut, index: usize) {
        self.region_codes.extend(doc.region_codes().map(str::to_string));
        self.projects.add(doc.projects);
        for (id, surface) in doc.enterprises {
            let rec = self.enterprises.entry(id).or_default();
            rec.0.insert(index);
            rec.1 += 1;
            rec.2.insert(surface);
        }
        for id in doc.industries {
            let rec = self.industries.entry(id).or_default();
            rec.0.insert(index);
            rec.1 += 1;
        }
        for phrase in doc.unmapped {
            let rec = self.unmapped.entry(phrase).or_default();
            rec.0 += 1;
            rec.1.insert(index);
        }
    }

    /// The enterprises and industries tables, the reference tables (indicators, units and
    /// the regions the rows use) and the curator reports.
    fn write(self, doc_ids: &[String], m: &Mappings, schemas: &[TableSchema], out: &mut Writers) -> Result<(), PipelineError> {
        let names = |set: &BTreeSet<usize>| set.iter().map(|&i| doc_ids[i].clone()).collect::<Vec<_>>();
        let (mut enterprises, mut discovered) = self.enterprise_rows(m, &names);
        // Industries: the whole curated taxonomy, with where each is mentioned.
        let mut industries: Vec<rec::Industry> = m
            .industries
            .iter()
            .map(|i| {
                let (docs_of, count) = self.industries.get(&i.id).cloned().unwrap_or_default();
                rec::Industry {
                    industry_id: i.id.clone(),
                    name_zh: i.name_zh.clone(),
                    name_en: i.name_en.clone(),
                    aliases: i.aliases.clone(),
                    parent_id: i.parent.clone(),
                    category: i.category.clone(),
                    gbt4754_codes: i.gbt4754.clone(),
                    doc_ids: names(&docs_of),
                    mention_count: count,
                }
            })
            .collect();
        let (mut projects, mut project_capacities) = self.projects.rows();
        let mut region_codes = self.region_codes;
        region_codes.extend(enterprises.iter().filter_map(|r| r.region_code.clone()));
        region_codes.extend(projects.iter().filter_map(|r| r.region_code.clone()));
        let mut indicators = crate::curated::reference::indicator_rows(m);
        let mut units = crate::curated::reference::unit_rows(m);
        let mut regions = crate::curated::reference::region_rows(m, &m.gbt2260, &region_codes);
        sort_by_schema(schemas, &mut enterprises);
        sort_by_schema(schemas, &mut industries);
        sort_by_schema(schemas, &mut projects);
        sort_by_schema(schemas, &mut project_capacities);
        sort_by_schema(schemas, &mut indicators);
        sort_by_schema(schemas, &mut units);
        sort_by_schema(schemas, &mut regions);
        out.write_all(&enterprises)?;
        out.write_all(&industries)?;
        out.write_all(&projects)?;
        out.write_all(&project_capacities)?;
        out.write_all(&indicators)?;
        out.write_all(&units)?;
        out.write_all(&regions)?;
        // Curator reports, the most frequent first: what to add to the mappings next.
        discovered.sort_by(|a, b| b.mentions.cmp(&a.mentions));
        out.write_all(&discovered)?;
        let mut unmapped: Vec<(&String, &(i32, BTreeSet<usize>))> = self.unmapped.iter().collect();
        unmapped.sort_by(|a, b| b.1 .0.cmp(&a.1 .0));
        let unmapped: Vec<rec::UnmappedIndicator> = unmapped
            .into_iter()
            .map(|(phrase, (count, docs_of))| rec::UnmappedIndicator {
                indicator_raw: phrase.clone(),
                count: *count,
                doc_ids: names(docs_of).join("|"),
            })
            .collect();
        out.write_all(&unmapped)
    }

    /// The enterprises table (curated and discovered) and the discovered-enterprises report.
    fn enterprise_rows(
        &self,
        m: &Mappings,
        names: &dyn Fn(&BTreeSet<usize>) -> Vec<String>,
    ) -> (Vec<rec::Enterprise>, Vec<rec::DiscoveredEnterprise>) {
        let mut enterprises = Vec::new();
        let mut discovered = Vec::new();
        for (id, (docs_of, count, surfaces)) in &self.enterprises {
            let row = match m.enterprises.iter().find(|e| &e.id == id) {
                Some(e) => rec::Enterprise {
                    enterprise_id: id.clone(),
                    name_zh: e.name_zh.clone(),
                    aliases: surfaces.iter().chain(e.aliases.iter()).cloned().collect::<BTreeSet<_>>().into_iter().collect(),
                    name_en: e.name_en.clone(),
                    region_code: e.region.clone(),
                    industry_ids: e.industries.clone(),
                    ownership: e.ownership.clone().unwrap_or_else(|| "unknown".into()),
                    doc_ids: names(docs_of),
                    mention_count: *count,
                    in_gazetteer: true,
                },
                None => {
                    let name = surfaces.iter().next().cloned().unwrap_or_default();
                    discovered.push(rec::DiscoveredEnterprise {
                        enterprise_id: id.clone(),
                        surface: name.clone(),
                        doc_ids: names(docs_of).join("|"),
                        mentions: *count,
                    });
                    rec::Enterprise {
                        enterprise_id: id.clone(),
                        name_zh: name,
                        aliases: surfaces.iter().cloned().collect(),
                        name_en: None,
                        region_code: None,
                        industry_ids: Vec::new(),
                        ownership: "unknown".into(),
                        doc_ids: names(docs_of),
                        mention_count: *count,
                        in_gazetteer: false,
                    }
                }
            };
            enterprises.push(row);
        }
        (enterprises, discovered)
    }
}

/// The pure join of one document: candidates + curated layer → rows.
fn normalize_document(d: &DocCandidates, doc_id: &str, ctx: &Context) -> DocOut {
    let mut out = DocOut::default();
    let document = document_row(d, doc_id, ctx, &mut out.notes);
    // The region a document's goals apply to: a city named in its title, else the
    // document's region.
    let scope_region = document
        .title
        .as_deref()
        .and_then(|t| ctx.regions.all(t, document.region_code.as_deref()).next())
        .map(|h| h.2.to_string())
        .or(document.region_code.clone());
    let period_end = document.period_end;
    out.documents.push(document);

    // Mentions of enterprises and industries.
    let mut mentions = MentionRows { doc_id, ids: RowIds::default() };
    for e in &d.enterprises {
        let id = e.entity_id.as_deref().map_or_else(|| discovered_id(&e.surface), str::to_string);
        mentions.push(&mut out.mentions, "enterprise", &id, e, Some(e.entity_id.is_some()));
        out.enterprises.push((id, e.surface.clone()));
    }
    for i in &d.industries {
        let id = i.entity_id.as_deref().unwrap_or_default().to_string();
        mentions.push(&mut out.mentions, "industry", &id, i, Some(true));
        out.industries.push(id);
    }

    statement_rows(d, doc_id, scope_region.as_deref(), ctx, &mut out);
    merge_restatements(&mut out.targets);

    // Projects (stages/normalize/projects.rs).
    let plan = projects::Plan { doc_id, period_end, scope_region };
    let found = projects::normalize(d, &plan, ctx.m, &ctx.regions);
    for (pid, mr) in &found.mentions {
        mentions.push(&mut out.mentions, "project", pid, mr, None);
    }
    out.project_mentions = found.mention_rows;
    out.projects = found.projects;

    // Number audit.
    out.audit = d
        .numbers
        .iter()
        .map(|n| rec::AuditedNumber {
            doc_id: doc_id.to_string(),
            char_start: n.start,
            char_end: n.end,
            text: n.text.clone(),
            class: n.class.to_string(),
            section: n.section.to_string(),
        })
        .collect();
    out
}

/// A note of normalize about rows of `table` of one document.
fn note(check: &str, severity: &str, table: &str, row_id: &str, doc_id: &str, message: String) -> Note {
    Note {
        check: check.into(),
        severity: severity.into(),
        table: table.into(),
        row_ids: vec![row_id.to_string()],
        doc_ids: vec![doc_id.to_string()],
        message,
    }
}

/// The document's row: curated values (documents.yaml) win over detected ones, and a
/// disagreement is noted; so is a document whose region cannot be found.
fn document_row(d: &DocCandidates, doc_id: &str, ctx: &Context, notes: &mut Vec<Note>) -> rec::Document {
    let entry = ctx.curated.iter().find(|c| c.file == d.rel);
    let det = &d.detected;
    let mut pick = |field: &str, c: Option<String>, t: Option<String>| -> Option<String> {
        if let (Some(c), Some(t)) = (&c, &t) {
            if squash(c) != squash(t) {
                let message =
                    format!("{field}: documents.yaml says “{c}”, the text says “{t}”; the curated value is published");
                notes.push(note("metadata.curated_vs_detected", "info", "documents", doc_id, doc_id, message));
            }
        }
        c.or(t)
    };
    let title = pick("title", entry.and_then(|e| e.title.clone()), det.title.clone());
    let issuer = pick("issuer", entry.and_then(|e| e.issuer.clone()), det.issuer.clone());
    let doc_number = pick("doc_number", entry.and_then(|e| e.doc_number.clone()), det.doc_number.clone());
    let issued_on = pick("issued_on", entry.and_then(|e| e.issued_on.clone()), det.issued_on.clone());
    let region_code = entry.and_then(|e| e.region_code.clone()).or_else(|| {
        ctx.regions.of_document(
            title.as_deref(),
            issuer.as_deref(),
            doc_number.as_deref(),
            &d.text,
            &ctx.m.province_abbreviations,
        )
    });
    if region_code.is_none() {
        let message = format!(
            "{}: no region found in the title, issuer, document number or opening text; its rows have no \
             region_code (add region_code to its entry in documents.yaml)",
            d.source_file
        );
        notes.push(note("metadata.region_unknown", "warning", "documents", doc_id, doc_id, message));
    }
    rec::Document {
        doc_id: doc_id.to_string(),
        title,
        issuer,
        doc_number,
        issued_on,
        period_start: entry.and_then(|e| e.period_start).or(det.period_start),
        period_end: entry.and_then(|e| e.period_end).or(det.period_end),
        region_code,
        source_file: d.source_file.clone(),
        source_sha256: d.sha256.clone(),
    }
}

/// Rows of the mentions table of one document, with their content-derived ids.
struct MentionRows<'a> {
    doc_id: &'a str,
    ids: RowIds,
}

impl MentionRows<'_> {
    fn push(&mut self, out: &mut Vec<rec::Mention>, etype: &str, id: &str, mr: &MentionRec, in_gazetteer: Option<bool>) {
        let mention_id = self.ids.derive(self.doc_id, "m", &[etype, id, &mr.surface, &mr.section]);
        out.push(rec::Mention {
            mention_id,
            entity_type: etype.to_string(),
            entity_id: id.to_string(),
            doc_id: self.doc_id.to_string(),
            surface: mr.surface.clone(),
            section: non_empty(&mr.section),
            char_start: mr.start,
            char_end: mr.end,
            in_gazetteer,
        });
    }
}

/// Who and where a statement is about: the enterprises named before its value, the
/// industry and region of its subject.
struct Subject<'d> {
    /// Every enterprise named before the value in the quote (支持A、B、C等10户企业…).
    named_before: Vec<&'d MentionRec>,
    /// The row's own enterprise: the nearest named before the value (一汽集团…100万辆、
    /// 吉林石化…140万吨: each value its own enterprise).
    enterprise: Option<&'d MentionRec>,
    enterprise_id: Option<String>,
    /// The region the subject names (surface, code).
    region: Option<(String, String)>,
    scope_text: Option<String>,
    region_code: Option<String>,
    industry_id: Option<String>,
}

impl<'d> Subject<'d> {
    fn of(s: &StatementRec, d: &'d DocCandidates, scope_region: Option<&str>, regions: &RegionIndex) -> Subject<'d> {
        // The quote up to its value (no offset table per row: only a prefix is cut).
        let before_value = s
            .quote
            .char_indices()
            .nth(s.value_start.saturating_sub(s.quote_start))
            .map_or(s.quote.as_str(), |(b, _)| &s.quote[..b]);
        // Names listed before 等 are examples of what the value is about, not its subject
        // (一汽PQ35平台、吉林化纤…、长春轨道客车…等200多个亿元以上项目).
        let examples_end = examples_end(before_value).map(|b| s.quote_start + before_value[..b].chars().count());
        let own = |end: usize| examples_end.is_none_or(|x| end > x);
        // (Every name stays in target_enterprises: the goal names them all.)
        let named_before: Vec<&MentionRec> = mentions_within(&d.enterprises, s.quote_start, s.value_start)
            .iter()
            .filter(|e| e.end <= s.value_start)
            .collect();
        let enterprise = named_before.iter().rev().find(|e| own(e.end)).copied();
        let industry = mentions_within(&d.industries, s.quote_start, s.quote_end)
            .iter()
            .find(|e| e.end <= s.quote_end && own(e.end));
        // Place names inside enterprise names (吉林大地化工公司) are not the subject's region.
        let mut subject_text = before_value.to_string();
        for e in mentions_within(&d.enterprises, s.quote_start, s.value_start) {
            subject_text = subject_text.replace(e.surface.as_str(), "");
        }
        let region = regions.subject(&subject_text, scope_region).map(|(surface, code)| (surface.to_string(), code));
        let scope_text = enterprise
            .map(|e| e.surface.clone())
            .or_else(|| region.as_ref().map(|r| r.0.to_string()))
            .or_else(|| industry.map(|i| i.surface.clone()));
        let region_code = region.as_ref().map(|r| r.1.clone()).or(scope_region.map(str::to_string));
        Subject {
            named_before,
            enterprise,
            enterprise_id: enterprise.map(mention_enterprise_id),
            region,
            scope_text,
            region_code,
            industry_id: industry
                .and_then(|i| i.entity_id.as_deref())
                .or(s.section_industry.as_deref())
                .map(str::to_string),
        }
    }

    /// The same enterprise placed in two regions: the gazetteer's seat vs a city the
    /// quote names with it (prefecture level, so a county inside the seat agrees).
    fn region_conflict(&self, m: &Mappings) -> Option<String> {
        let (e, (surface, code)) = (self.enterprise?, self.region.as_ref()?);
        let id = self.enterprise_id.as_deref()?;
        let seat = m.enterprises.iter().find(|x| x.id == id)?.region.as_ref()?;
        let prefecture = |c: &str| c.get(..4).map(str::to_string);
        let conflict = code.get(..2) == seat.get(..2)
            && !code.ends_with("0000")
            && !seat.ends_with("0000")
            && prefecture(code) != prefecture(seat);
        conflict.then(|| {
            format!(
                "“{}” ({id}) is seated in {seat} per mappings/enterprises.yaml, but the quote places it in “{surface}” ({code})",
                e.surface
            )
        })
    }
}

fn mention_enterprise_id(e: &MentionRec) -> String {
    e.entity_id.as_deref().map_or_else(|| discovered_id(&e.surface), str::to_string)
}

/// The columns targets and observations share, as one statement gives them.
struct Stated {
    section: Option<String>,
    section_heading: Option<String>,
    indicator_id: Option<String>,
    indicator_name_en: Option<String>,
    scope_text: Option<String>,
    region_code: Option<String>,
    industry_id: Option<String>,
    enterprise_id: Option<String>,
    value_std: Option<f64>,
    value_std_unit: Option<String>,
}

/// The target and observation rows of one document (and their notes, the enterprises
/// each target names and the indicator phrases left unmapped), in document order.
fn statement_rows(d: &DocCandidates, doc_id: &str, scope_region: Option<&str>, ctx: &Context, out: &mut DocOut) {
    let mut ids = RowIds::default();
    let mut stmts: Vec<&StatementRec> = d.statements.iter().collect();
    stmts.sort_by_key(|s| (s.value_start, s.quote_start));
    // Ids by value offset, to link parts (其中…) to their whole.
    let mut id_at: BTreeMap<usize, String> = BTreeMap::new();
    for s in stmts {
        let is_target = s.kind == "target";
        // The row's id first, so notes about it can name it.
        let row_id = ids.derive(
            doc_id,
            if is_target { "t" } else { "o" },
            &[&s.value_kind, &s.indicator_raw, &s.value.to_string(), &s.unit_raw, &format!("{:?}", s.year), &s.quote],
        );
        let ind = ctx.indicators.of_row(&s.indicator_raw, &s.value_kind, s.unit_dimension.as_deref());
        if ind.is_none() {
            out.unmapped.push(s.indicator_raw.clone());
            if let Some(n) = dimension_mismatch(s, &row_id, doc_id, &ctx.indicators) {
                out.notes.push(n);
            }
        }
        let subject = Subject::of(s, d, scope_region, &ctx.regions);
        if let Some(message) = subject.region_conflict(ctx.m) {
            let table = if is_target { "targets" } else { "observations" };
            out.notes.push(note("consistency.enterprise_region", "warning", table, &row_id, doc_id, message));
        }
        let stated = Stated {
            section: non_empty(&s.section),
            section_heading: non_empty(&s.section_heading),
            indicator_id: ind.map(|i| i.id.clone()),
            indicator_name_en: ind.and_then(|i| i.name_en.clone()),
            scope_text: subject.scope_text.clone(),
            region_code: subject.region_code.clone(),
            industry_id: subject.industry_id.clone(),
            enterprise_id: subject.enterprise_id.clone(),
            value_std: s.unit_factor.map(|f| s.value * f),
            value_std_unit: s.unit_factor.and(s.unit_id.as_ref()).and_then(|u| ctx.standard_units.get(&**u)).cloned(),
        };
        if is_target {
            target_enterprises(doc_id, &row_id, &subject, &mut out.target_enterprises);
            id_at.insert(s.value_start, row_id.clone());
            let part_of = s.part_of.and_then(|p| id_at.get(&p).cloned());
            out.targets.push(target_row(doc_id, row_id, s, stated, part_of));
        } else {
            out.observations.push(observation_row(doc_id, row_id, s, stated));
        }
    }
}

/// The phrase names an indicator exactly, but the value's unit does not fit it (工业总产值
/// given in 个): left unmapped, and noted for a target.
fn dimension_mismatch(s: &StatementRec, row_id: &str, doc_id: &str, indicators: &IndicatorIndex) -> Option<Note> {
    let (named, dim) = (indicators.exact(&s.indicator_raw)?, s.unit_dimension.as_deref()?);
    if s.kind != "target" || !matches!(&*s.value_kind, "level" | "count" | "capacity") {
        return None;
    }
    let message = format!(
        "“{}” names {} (a {} indicator), but the value is given in “{}” ({dim}); left unmapped",
        s.indicator_raw, named.id, named.dimension, s.unit_raw
    );
    Some(note("unit.dimension_mismatch", "warning", "targets", row_id, doc_id, message))
}

/// A target_enterprises row for every distinct enterprise named before the target's value.
fn target_enterprises(doc_id: &str, target_id: &str, subject: &Subject, out: &mut Vec<rec::TargetEnterprise>) {
    let mut linked = BTreeSet::new();
    for e in &subject.named_before {
        let id = mention_enterprise_id(e);
        if linked.insert(id.clone()) {
            out.push(rec::TargetEnterprise {
                doc_id: doc_id.to_string(),
                target_id: target_id.to_string(),
                enterprise_id: id,
                surface: e.surface.clone(),
                char_start: e.start,
                char_end: e.end,
            });
        }
    }
}

fn target_row(doc_id: &str, target_id: String, s: &StatementRec, c: Stated, part_of: Option<String>) -> rec::Target {
    rec::Target {
        target_id,
        doc_id: doc_id.to_string(),
        section: c.section,
        section_heading: c.section_heading,
        indicator_raw: s.indicator_raw.clone(),
        indicator_id: c.indicator_id,
        indicator_name_en: c.indicator_name_en,
        scope_text: c.scope_text,
        region_code: c.region_code,
        industry_id: c.industry_id,
        enterprise_id: c.enterprise_id,
        kind: s.value_kind.to_string(),
        direction: s.direction.as_deref().map(str::to_string),
        qualifier: s.qualifier.to_string(),
        value: s.value,
        value_max: s.value_max,
        unit_raw: s.unit_raw.clone(),
        unit: s.unit_id.as_deref().map(str::to_string),
        value_std: c.value_std,
        value_max_std: s.value_max.and_then(|v| s.unit_factor.map(|f| v * f)),
        value_std_unit: c.value_std_unit,
        target_year: s.year,
        year_explicit: s.year_explicit,
        baseline_value: s.baseline_value,
        baseline_unit_raw: s.baseline_unit_raw.clone(),
        baseline_year: s.baseline_year,
        aspirational: s.aspirational,
        period: s.annual.then(|| "annual".to_string()),
        part_of_target_id: part_of,
        quote: s.quote.clone(),
        char_start: s.quote_start,
        char_end: s.quote_end,
        restatements: Vec::new(),
    }
}

fn observation_row(doc_id: &str, observation_id: String, s: &StatementRec, c: Stated) -> rec::Observation {
    rec::Observation {
        observation_id,
        doc_id: doc_id.to_string(),
        section: c.section,
        section_heading: c.section_heading,
        indicator_raw: s.indicator_raw.clone(),
        indicator_id: c.indicator_id,
        indicator_name_en: c.indicator_name_en,
        scope_text: c.scope_text,
        region_code: c.region_code,
        industry_id: c.industry_id,
        enterprise_id: c.enterprise_id,
        value: s.value,
        unit_raw: s.unit_raw.clone(),
        unit: s.unit_id.as_deref().map(str::to_string),
        value_std: c.value_std,
        value_std_unit: c.value_std_unit,
        quote: s.quote.clone(),
        char_start: s.quote_start,
        char_end: s.quote_end,
        year: s.year,
        kind: s.value_kind.to_string(),
        qualifier: s.qualifier.to_string(),
        stated_as: if s.baseline_of_goal { "baseline" } else { "statistic" }.to_string(),
    }
}

/// One row per goal per document: a goal stated again later in the same document (a
/// summary, a 主要目标 section, a news headline repeating the body) is not a second goal.
/// The first statement is kept; where the others stand goes into its `restatements`
/// column (char_start-char_end of each), so none is lost.
fn merge_restatements(targets: &mut Vec<rec::Target>) {
    // A number as its JSON text compares (a non-finite one is written null).
    let num = |x: f64| x.is_finite().then(|| x.to_bits());
    let key = |r: &rec::Target| {
        let (kind, raw, unit, qualifier) = (r.kind.clone(), r.indicator_raw.clone(), r.unit_raw.clone(), r.qualifier.clone());
        (kind, raw, num(r.value), r.value_max.and_then(num), unit, r.target_year, qualifier)
    };
    let mut first_of = std::collections::HashMap::new();
    let mut spans: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut keep = vec![true; targets.len()];
    for (i, r) in targets.iter().enumerate() {
        match first_of.get(&key(r)) {
            Some(&first) => {
                keep[i] = false;
                spans.entry(first).or_default().push(format!("{}-{}", r.char_start, r.char_end));
            }
            None => {
                first_of.insert(key(r), i);
            }
        }
    }
    for (i, r) in targets.iter_mut().enumerate() {
        r.restatements = spans.remove(&i).unwrap_or_default();
    }
    let mut k = keep.into_iter();
    targets.retain(|_| k.next().unwrap_or(true));
}

/// Row ids derived from the document and the row's content (what it says, not where it
/// stands), so an edit elsewhere in the document keeps every other id. Rows saying the
/// same thing twice get `-2`, `-3`… in document order.
#[derive(Default)]
struct RowIds {
    seen: std::collections::HashMap<String, u32>,
}

impl RowIds {
    fn derive(&mut self, doc_id: &str, tag: &str, content: &[&str]) -> String {
        let id = format!("{doc_id}-{tag}{}", crate::store::sha256_hex_prefix(content, "\u{1f}", 10));
        match self.seen.get_mut(&id) {
            Some(n) => {
                *n += 1;
                format!("{id}-{n}")
            }
            None => {
                self.seen.insert(id.clone(), 1);
                id
            }
        }
    }
}

/// Byte offset of the 等 that closes a list of examples in `s` (A、B等…), if any: not 等级,
/// 中等, 平等, 二等奖 and the like.
fn examples_end(s: &str) -> Option<usize> {
    s.match_indices('等').map(|(b, _)| b).filter(|&b| {
        let after = &s[b + '等'.len_utf8()..];
        let before = &s[..b];
        !after.starts_with(['级', '于', '同'])
            && !before.ends_with(['中', '平', '高', '同', '初', '对', '均', '相', '特', '一', '二', '三', '四', '五'])
    })
    .last()
}

/// A section or heading, null when empty.
fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Id of an enterprise found by pattern: `x-` and a hash of its name, stable across runs.
pub fn discovered_id(surface: &str) -> String {
    format!("x-{}", crate::store::sha256_hex_prefix(&[surface], "", 12))
}

#[cfg(test)]
mod tests {
    use super::examples_end;

    #[test]
    fn the_deng_that_closes_a_list_of_examples() {
        let s = "相继有一汽平台、吉林化纤腈纶纤维、长春轨道客车动车组平台等";
        assert_eq!(examples_end(s), Some(s.len() - "等".len()));
        assert_eq!(examples_end("中等收入群体、二等奖"), None, "中等 and 二等 close no list");
        assert_eq!(examples_end("产品质量达到国际先进等级"), None);
    }
}
