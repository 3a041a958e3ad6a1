//! Stage 2, normalize: joins the extract stage's candidates to the curated layer
//! (indicators, units, regions, industries, enterprise aliases, document metadata) and
//! assigns stable ids. The result is the contract's tables plus curator reports: what the
//! mappings do not know yet (indicator phrases, discovered enterprises) and the audit of
//! every number.

mod projects;

use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::curated::lookup::{squash, IndicatorIndex};
use crate::curated::regions::RegionIndex;
use crate::curated::Mappings;
use crate::store::rowfile::RowWriter;
use crate::store::sources::{self, DocumentEntry};
use crate::store::candidates::{mentions_within, DocCandidates, MentionRec, StatementRec};
use crate::records::table::{sort_rows, Row};
use crate::records::Note;

fn obj(v: Value) -> Row {
    match v {
        Value::Object(m) => m,
        _ => Row::new(),
    }
}


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
    // Order documents by doc_id (what the tables are sorted by) before reading any.
    let mut inputs: Vec<(String, PathBuf)> = Vec::new();
    for path in crate::store::candidates::list(work)? {
        let rel = format!("{}.txt", path.file_stem().and_then(|s| s.to_str()).unwrap_or_default());
        inputs.push((doc_id_of(&rel, &curated), path));
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
                for (table, rows) in doc.tables.iter_mut() {
                    if let Some(s) = schemas.iter().find(|s| s.name == *table) {
                        sort_rows(s, rows);
                    }
                }
                doc.audit.sort_by_key(|r| r.get("char_start").and_then(Value::as_u64));
                let mut encoded: Vec<(&'static str, Vec<u8>)> = Vec::new();
                for (table, rows) in doc.tables.iter().chain(std::iter::once((&"reports/number_audit", &doc.audit))) {
                    encoded.push((table, crate::store::rowfile::encode(rows, path)?));
                }
                encoded.push(("notes", crate::store::rowfile::encode(&doc.notes, path)?));
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

fn doc_id_of(rel: &str, curated: &[DocumentEntry]) -> String {
    curated.iter().find(|c| c.file == rel).map(|e| e.doc_id.clone()).unwrap_or_else(|| sources::default_doc_id(rel))
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
    fn table(&mut self, table: &str) -> Result<(), PipelineError> {
        if !self.tables.contains_key(table) {
            let w = RowWriter::create(&self.dir.join(format!("{table}.jsonl")))?;
            self.tables.insert(table.to_string(), w);
        }
        Ok(())
    }
    fn write(&mut self, table: &str, row: &Row) -> Result<(), PipelineError> {
        self.table(table)?;
        self.tables.get_mut(table).map_or(Ok(()), |w| w.write(row))
    }
    /// Append records already encoded by [`crate::store::rowfile::encode`].
    fn append(&mut self, table: &str, bytes: &[u8]) -> Result<(), PipelineError> {
        self.table(table)?;
        self.tables.get_mut(table).map_or(Ok(()), |w| w.append(bytes))
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
struct DocOut {
    tables: BTreeMap<&'static str, Vec<Row>>,
    notes: Vec<Note>,
    audit: Vec<Row>,
    /// (enterprise id, surface) per enterprise mention.
    enterprises: Vec<(String, String)>,
    /// Industry id per industry mention.
    industries: Vec<String>,
    /// Indicator phrases no curated indicator fits.
    unmapped: Vec<String>,
    /// Projects named in the document (one per entity).
    projects: Vec<projects::Project>,
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
        self.projects.add(doc.projects);
        let codes = doc.tables.values().flatten().filter_map(|r| r.get("region_code").and_then(Value::as_str));
        self.region_codes.extend(codes.map(str::to_string));
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
    fn write(
        self,
        doc_ids: &[String],
        m: &Mappings,
        schemas: &[crate::records::schema::TableSchema],
        out: &mut Writers,
    ) -> Result<(), PipelineError> {
        let names = |set: &BTreeSet<usize>| set.iter().map(|&i| doc_ids[i].clone()).collect::<Vec<_>>();
        let mut enterprises = Vec::new();
        let mut discovered = Vec::new();
        for (id, (docs_of, count, surfaces)) in &self.enterprises {
            let g = m.enterprises.iter().find(|e| &e.id == id);
            let row = match g {
                Some(e) => json!({
                    "enterprise_id": id, "name_zh": e.name_zh, "aliases": surfaces.iter().chain(e.aliases.iter()).cloned().collect::<BTreeSet<_>>(),
                    "name_en": e.name_en, "region_code": e.region, "industry_ids": e.industries, "ownership": e.ownership.clone().unwrap_or_else(|| "unknown".into()),
                    "doc_ids": names(docs_of), "mention_count": count, "in_gazetteer": true,
                }),
                None => {
                    let name = surfaces.iter().next().cloned().unwrap_or_default();
                    discovered.push((*count, obj(json!({
                        "enterprise_id": id, "surface": name, "doc_ids": names(docs_of).join("|"), "mentions": count,
                    }))));
                    json!({
                        "enterprise_id": id, "name_zh": name, "aliases": surfaces, "name_en": null, "region_code": null, "industry_ids": [],
                        "ownership": "unknown", "doc_ids": names(docs_of), "mention_count": count, "in_gazetteer": false,
                    })
                }
            };
            enterprises.push(obj(row));
        }
        // Industries: the whole curated taxonomy, with where each is mentioned.
        let industries: Vec<Row> = m
            .industries
            .iter()
            .map(|i| {
                let (docs_of, count) = self.industries.get(&i.id).cloned().unwrap_or_default();
                obj(json!({
                    "industry_id": i.id, "name_zh": i.name_zh, "name_en": i.name_en, "aliases": i.aliases, "parent_id": i.parent,
                    "category": i.category, "gbt4754_codes": i.gbt4754, "doc_ids": names(&docs_of), "mention_count": count,
                }))
            })
            .collect();
        let (projects, project_capacities) = self.projects.rows();
        let mut region_codes = self.region_codes;
        region_codes.extend(
            enterprises.iter().chain(&projects).filter_map(|r| r.get("region_code")?.as_str().map(str::to_string)),
        );
        for (table, mut rows) in [
            ("enterprises", enterprises),
            ("industries", industries),
            ("projects", projects),
            ("project_capacities", project_capacities),
            ("indicators", crate::curated::reference::indicator_rows(m)),
            ("units", crate::curated::reference::unit_rows(m)),
            ("regions", crate::curated::reference::region_rows(m, &m.gbt2260, &region_codes)),
        ] {
            if let Some(s) = schemas.iter().find(|s| s.name == table) {
                sort_rows(s, &mut rows);
            }
            out.table(table)?;
            for row in &rows {
                out.write(table, row)?;
            }
        }
        // Curator reports, the most frequent first: what to add to the mappings next.
        discovered.sort_by(|a, b| b.0.cmp(&a.0));
        out.table("reports/discovered_enterprises")?;
        for (_, row) in &discovered {
            out.write("reports/discovered_enterprises", row)?;
        }
        let mut unmapped: Vec<(&String, &(i32, BTreeSet<usize>))> = self.unmapped.iter().collect();
        unmapped.sort_by(|a, b| b.1 .0.cmp(&a.1 .0));
        out.table("reports/unmapped_indicators")?;
        for (phrase, (count, docs_of)) in unmapped {
            let row = obj(json!({"indicator_raw": phrase, "count": count, "doc_ids": names(docs_of).join("|")}));
            out.write("reports/unmapped_indicators", &row)?;
        }
        Ok(())
    }
}

/// The pure join of one document: candidates + curated layer → rows.
fn normalize_document(d: &DocCandidates, doc_id: &str, ctx: &Context) -> DocOut {
    let (m, indicators, regions) = (ctx.m, &ctx.indicators, &ctx.regions);
    let mut out = DocOut {
        tables: BTreeMap::new(),
        notes: Vec::new(),
        audit: Vec::new(),
        enterprises: Vec::new(),
        industries: Vec::new(),
        unmapped: Vec::new(),
        projects: Vec::new(),
    };
    let entry = ctx.curated.iter().find(|c| c.file == d.rel);
    // Documents: curated values win; disagreements are reported.
    let det = &d.detected;
    let pick = |field: &str, c: Option<String>, t: Option<String>, notes: &mut Vec<Note>| -> Option<String> {
        if let (Some(c), Some(t)) = (&c, &t) {
            if squash(c) != squash(t) {
                notes.push(Note {
                    check: "metadata.curated_vs_detected".into(),
                    severity: "info".into(),
                    table: "documents".into(),
                    row_ids: vec![doc_id.to_string()],
                    doc_ids: vec![doc_id.to_string()],
                    message: format!(
                        "{field}: documents.yaml says “{c}”, the text says “{t}”; the curated value is published"
                    ),
                });
            }
        }
        c.or(t)
    };
    let title = pick("title", entry.and_then(|e| e.title.clone()), det.title.clone(), &mut out.notes);
    let issuer = pick("issuer", entry.and_then(|e| e.issuer.clone()), det.issuer.clone(), &mut out.notes);
    let doc_number =
        pick("doc_number", entry.and_then(|e| e.doc_number.clone()), det.doc_number.clone(), &mut out.notes);
    let issued_on = pick("issued_on", entry.and_then(|e| e.issued_on.clone()), det.issued_on.clone(), &mut out.notes);
    let ps = entry.and_then(|e| e.period_start).or(det.period_start);
    let pe = entry.and_then(|e| e.period_end).or(det.period_end);
    let region_code = entry.and_then(|e| e.region_code.clone()).or_else(|| {
        regions.of_document(
            title.as_deref(),
            issuer.as_deref(),
            doc_number.as_deref(),
            &d.text,
            &m.province_abbreviations,
        )
    });
    if region_code.is_none() {
        out.notes.push(Note {
            check: "metadata.region_unknown".into(),
            severity: "warning".into(),
            table: "documents".into(),
            row_ids: vec![doc_id.to_string()],
            doc_ids: vec![doc_id.to_string()],
            message: format!(
                "{}: no region found in the title, issuer, document number or opening text; its rows have no \
                 region_code (add region_code to its entry in documents.yaml)",
                d.source_file
            ),
        });
    }
    // The region a document's goals apply to: a city named in its title, else the
    // document's region.
    let scope_region = title
        .as_deref()
        .and_then(|t| regions.all(t, region_code.as_deref()).next())
        .map(|h| h.2.to_string())
        .or(region_code.clone());
    push(
        &mut out,
        "documents",
        json!({
            "doc_id": doc_id, "title": title, "issuer": issuer, "doc_number": doc_number, "issued_on": issued_on,
            "period_start": ps, "period_end": pe, "region_code": region_code,
            "source_file": d.source_file, "source_sha256": d.sha256,
        }),
    );

    // Mentions of enterprises and industries.
    let (mut ids, mut mention_ids) = (RowIds::default(), RowIds::default());
    let mut mention = |out: &mut DocOut, etype: &str, id: &str, mr: &MentionRec, in_gaz: Option<bool>| {
        let mention_id = mention_ids.derive(doc_id, "m", &[etype, id, &mr.surface, &mr.section]);
        push(
            out,
            "mentions",
            json!({
                "mention_id": mention_id, "entity_type": etype, "entity_id": id, "doc_id": doc_id,
                "surface": mr.surface, "section": empty_null(&mr.section), "char_start": mr.start, "char_end": mr.end, "in_gazetteer": in_gaz,
            }),
        );
    };
    for e in &d.enterprises {
        let id = match &e.entity_id {
            Some(id) => id.to_string(),
            None => discovered_id(&e.surface),
        };
        mention(&mut out, "enterprise", &id, e, Some(e.entity_id.is_some()));
        out.enterprises.push((id, e.surface.clone()));
    }
    for i in &d.industries {
        let id = i.entity_id.as_deref().unwrap_or_default().to_string();
        mention(&mut out, "industry", &id, i, Some(true));
        out.industries.push(id);
    }

    // Targets and observations, in document order.
    let mut stmts: Vec<&StatementRec> = d.statements.iter().collect();
    stmts.sort_by_key(|s| (s.value_start, s.quote_start));
    // Ids by value offset, to link parts (其中…) to their whole.
    let mut id_at: BTreeMap<usize, String> = BTreeMap::new();
    for s in stmts {
        // The row's id first, so notes about it can name it.
        let row_id = ids.derive(
            doc_id,
            if s.kind == "target" { "t" } else { "o" },
            &[&s.value_kind, &s.indicator_raw, &s.value.to_string(), &s.unit_raw, &format!("{:?}", s.year), &s.quote],
        );
        let ind = indicators.of_row(&s.indicator_raw, &s.value_kind, s.unit_dimension.as_deref());
        if ind.is_none() {
            out.unmapped.push(s.indicator_raw.clone());
            // The phrase names an indicator exactly, but the value's unit does not fit it
            // (工业总产值 given in 个): left unmapped and reported.
            if let (Some(named), Some(dim)) = (indicators.exact(&s.indicator_raw), s.unit_dimension.as_deref()) {
                if s.kind == "target" && matches!(&*s.value_kind, "level" | "count" | "capacity") {
                    out.notes.push(Note {
                        check: "unit.dimension_mismatch".into(),
                        severity: "warning".into(),
                        table: "targets".into(),
                        row_ids: vec![row_id.clone()],
                        doc_ids: vec![doc_id.to_string()],
                        message: format!(
                            "“{}” names {} (a {} indicator), but the value is given in “{}” ({dim}); left unmapped",
                            s.indicator_raw, named.id, named.dimension, s.unit_raw
                        ),
                    });
                }
            }
        }
        // The enterprises the goal is about: every one named before its value in the quote
        // (支持A、B、C等10户企业…); the row's own is the nearest (一汽集团…100万辆、吉林石化…
        // 140万吨: each value its own enterprise).
        let named_before: Vec<&MentionRec> = mentions_within(&d.enterprises, s.quote_start, s.value_start)
            .iter()
            .filter(|e| e.end <= s.value_start)
            .collect();
        let ent = named_before.last().copied();
        let indy = mentions_within(&d.industries, s.quote_start, s.quote_end).iter().find(|e| e.end <= s.quote_end);
        // The quote up to its value (no offset table per row: only a prefix is cut).
        let before_value = s
            .quote
            .char_indices()
            .nth(s.value_start.saturating_sub(s.quote_start))
            .map_or(s.quote.as_str(), |(b, _)| &s.quote[..b]);
        // Place names inside enterprise names (吉林大地化工公司) are not the subject's region.
        let mut subject_text = before_value.to_string();
        for e in mentions_within(&d.enterprises, s.quote_start, s.value_start) {
            subject_text = subject_text.replace(e.surface.as_str(), "");
        }
        let region = regions.subject(&subject_text, scope_region.as_deref()).map(|(surface, code)| (surface.to_string(), code));
        let scope_text = ent
            .map(|e| e.surface.clone())
            .or_else(|| region.as_ref().map(|r| r.0.to_string()))
            .or_else(|| indy.map(|i| i.surface.clone()));
        let region_code = region.as_ref().map(|r| r.1.clone()).or(scope_region.clone());
        let ent_id = ent.map(|e| e.entity_id.as_deref().map_or_else(|| discovered_id(&e.surface), str::to_string));
        // The same enterprise placed in two regions: the gazetteer's seat vs a city the
        // quote names with it (prefecture level, so a county inside the seat agrees).
        let seat =
            ent_id.as_deref().and_then(|id| m.enterprises.iter().find(|e| e.id == id)).and_then(|e| e.region.clone());
        if let (Some(seat), Some((surface, code)), Some(e)) = (&seat, &region, ent) {
            let prefecture = |c: &str| c.get(..4).map(str::to_string);
            if code.get(..2) == seat.get(..2)
                && !code.ends_with("0000")
                && !seat.ends_with("0000")
                && prefecture(code) != prefecture(seat)
            {
                out.notes.push(Note {
                    check: "consistency.enterprise_region".into(),
                    severity: "warning".into(),
                    table: if s.kind == "target" { "targets" } else { "observations" }.into(),
                    row_ids: vec![row_id.clone()],
                    doc_ids: vec![doc_id.to_string()],
                    message: format!(
                        "“{}” ({}) is seated in {seat} per mappings/enterprises.yaml, but the quote places it in “{surface}” ({code})",
                        e.surface,
                        ent_id.as_deref().unwrap_or("")
                    ),
                });
            }
        }
        let std = |v: f64| s.unit_factor.map(|f| v * f);
        let mut row = obj(json!({
            "doc_id": doc_id, "section": empty_null(&s.section), "section_heading": empty_null(&s.section_heading),
            "indicator_raw": s.indicator_raw, "indicator_id": ind.map(|i| i.id.clone()),
            "indicator_name_en": ind.and_then(|i| i.name_en.clone()),
            "scope_text": scope_text, "region_code": region_code,
            "industry_id": indy.and_then(|i| i.entity_id.clone()).or(s.section_industry.clone()), "enterprise_id": ent_id,
            "value": s.value, "unit_raw": s.unit_raw, "unit": s.unit_id, "value_std": std(s.value),
            "value_std_unit": s.unit_factor.and(s.unit_id.as_ref()).and_then(|u| ctx.standard_units.get(&**u)),
            "quote": s.quote, "char_start": s.quote_start, "char_end": s.quote_end,
        }));
        if s.kind == "target" {
            let mut linked = BTreeSet::new();
            for e in &named_before {
                let id = e.entity_id.as_deref().map_or_else(|| discovered_id(&e.surface), str::to_string);
                if linked.insert(id.clone()) {
                    out.tables.entry("target_enterprises").or_default().push(obj(json!({
                        "doc_id": doc_id, "target_id": row_id, "enterprise_id": id, "surface": e.surface,
                        "char_start": e.start, "char_end": e.end,
                    })));
                }
            }
            id_at.insert(s.value_start, row_id.clone());
            row.insert("target_id".into(), json!(row_id));
            row.insert("part_of_target_id".into(), json!(s.part_of.and_then(|p| id_at.get(&p).cloned())));
            for (k, v) in [
                ("kind", json!(s.value_kind)),
                ("direction", json!(s.direction)),
                ("qualifier", json!(s.qualifier)),
                ("value_max", json!(s.value_max)),
                ("value_max_std", json!(s.value_max.and_then(std))),
                ("target_year", json!(s.year)),
                ("year_explicit", json!(s.year_explicit)),
                ("baseline_value", json!(s.baseline_value)),
                ("baseline_unit_raw", json!(s.baseline_unit_raw)),
                ("baseline_year", json!(s.baseline_year)),
                ("aspirational", json!(s.aspirational)),
                ("period", json!(if s.annual { Some("annual") } else { None })),
            ] {
                row.insert(k.into(), v);
            }
            out.tables.entry("targets").or_default().push(row);
        } else {
            row.insert("observation_id".into(), json!(row_id));
            row.insert("year".into(), json!(s.year));
            row.insert("kind".into(), json!(s.value_kind));
            row.insert("qualifier".into(), json!(s.qualifier));
            out.tables.entry("observations").or_default().push(row);
        }
    }

    if let Some(targets) = out.tables.get_mut("targets") {
        merge_restatements(targets);
    }

    // Projects (stages/normalize/projects.rs).
    let plan = projects::Plan { doc_id, period_end: pe, scope_region: scope_region.clone() };
    let found = projects::normalize(d, &plan, m, regions);
    for (pid, mr) in &found.mentions {
        mention(&mut out, "project", pid, mr, None);
    }
    out.tables.entry("project_mentions").or_default().extend(found.mention_rows);
    out.projects = found.projects;

    // Number audit.
    for nrec in &d.numbers {
        out.audit.push(obj(json!({
            "doc_id": doc_id, "char_start": nrec.start, "char_end": nrec.end, "text": nrec.text,
            "class": nrec.class, "section": nrec.section,
        })));
    }
    out
}

/// One row per goal per document: a goal stated again later in the same document (a
/// summary, a 主要目标 section, a news headline repeating the body) is not a second goal.
/// The first statement is kept; where the others stand goes into its `restatements`
/// column (char_start-char_end of each), so none is lost.
fn merge_restatements(targets: &mut Vec<Row>) {
    let key = |r: &Row| -> String {
        ["kind", "indicator_raw", "value", "value_max", "unit_raw", "target_year", "qualifier"]
            .iter()
            .map(|k| r.get(*k).map(Value::to_string).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut spans: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut keep = vec![true; targets.len()];
    for (i, r) in targets.iter().enumerate() {
        match first_of.get(&key(r)) {
            Some(&first) => {
                keep[i] = false;
                let at = |k: &str| r.get(k).map(Value::to_string).unwrap_or_default();
                spans.entry(first).or_default().push(format!("{}-{}", at("char_start"), at("char_end")));
            }
            None => {
                first_of.insert(key(r), i);
            }
        }
    }
    for (i, r) in targets.iter_mut().enumerate() {
        r.insert("restatements".into(), json!(spans.remove(&i).unwrap_or_default()));
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
        let key = content.join("\u{1f}");
        let id = format!("{doc_id}-{tag}{}", &crate::store::sha256_hex(key.as_bytes())[..10]);
        let n = self.seen.entry(id.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            id
        } else {
            format!("{id}-{n}")
        }
    }
}

fn push(out: &mut DocOut, table: &'static str, row: Value) {
    out.tables.entry(table).or_default().push(obj(row));
}

fn empty_null(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        json!(s)
    }
}

/// Id of an enterprise found by pattern: `x-` and a hash of its name, stable across runs.
pub fn discovered_id(surface: &str) -> String {
    format!("x-{}", &crate::store::sha256_hex(surface.as_bytes())[..12])
}
