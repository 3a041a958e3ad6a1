//! Stage 4, publish: the validated tables → `output/` as Parquet + CSV per table,
//! `datapackage.json`, a data dictionary, curator and validation reports, and SHA256SUMS.
//! Everything goes to a staging folder first; only a complete dataset replaces the old one.
//!
//! Tables are streamed from the earlier stages' row files (already in published order,
//! which is checked) into Parquet and CSV, so memory does not grow with the corpus.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::store::sha256_file;
use crate::records::package::PackageMeta;
use crate::writers::xlsx::XlsxThread;
use crate::writers::{csv_cell, table_schema_json, write_records, CsvSink, ParquetSink};
use crate::records::schema::{self, ColumnType, TableSchema};
use crate::site::{SiteData, SITE_ROWS};
use crate::records::table::{cmp_value, order_keys, parse_cells, row_cells, Row};
use crate::records::tables::Finding;

/// What a publish run leaves behind, for the exit status.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub rows: BTreeMap<String, usize>,
    pub errors: usize,
    pub warnings: usize,
    pub acknowledged: usize,
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), PipelineError> {
    fs::write(path, bytes).map_err(|e| PipelineError::io(path, e))
}

/// The row file a table is published from: the findings from the validate stage, every
/// other table from the normalize stage.
fn table_source(work: &Path, table: &str) -> PathBuf {
    if table == "validation" || table == "attainment" {
        crate::store::layout::validate_dir(work).join(format!("{table}.jsonl"))
    } else {
        crate::store::layout::normalize_dir(work).join(format!("{table}.jsonl"))
    }
}

/// The stages' outputs in `work` must belong together: findings computed on the current
/// normalize output.
fn check_inputs(work: &Path) -> Result<(), PipelineError> {
    let normalized = crate::store::layout::normalize_dir(work).join("run-id");
    let validated = crate::store::layout::validate_dir(work).join("input-run-id");
    if !normalized.exists() {
        return Err(PipelineError::MissingStage { stage: "publish", previous: "normalize", path: normalized });
    }
    if !validated.exists() {
        return Err(PipelineError::MissingStage { stage: "publish", previous: "validate", path: validated });
    }
    let read = |p: &Path| fs::read_to_string(p).map_err(|e| PipelineError::io(p, e));
    if read(&normalized)? != read(&validated)? {
        return Err(PipelineError::Other(format!(
            "{}: the findings were computed on an earlier normalize output; rerun `validate`",
            validated.display()
        )));
    }
    Ok(())
}

/// Switches of a publish run.
#[derive(Debug, Clone, Default)]
pub struct PublishOptions {
    /// Also write targets and observations as Hive-partitioned Parquet under `hive/`
    /// (see [`write_hive`]).
    pub hive: bool,
    /// Start each CSV file with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
    /// Where the output folder is served (absolute resource URLs and IRIs); overrides
    /// `base_url` of schemas/package.yaml.
    pub base_url: Option<String>,
}

/// Publish the stage outputs in `work` into `out` using the schemas (and package.yaml) in
/// `schemas_dir`.
pub fn publish(
    work: &Path,
    schemas_dir: &Path,
    out: &Path,
    opts: &PublishOptions,
    units: &extract::units::UnitTable,
) -> Result<Summary, PipelineError> {
    check_inputs(work)?;
    let schemas = schema::load_all(schemas_dir)?;
    let meta = PackageMeta::load(schemas_dir, opts.base_url.as_deref())?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| PipelineError::io(parent, e))?;
    let staging = crate::store::staging::Staging::create(out)?;
    let summary = write_all(work, &schemas, meta, &staging.tmp, opts, crate::site::UnitNames::new(units))?;
    staging.commit()?;
    Ok(summary)
}

/// What streaming a table leaves for the reports: the first value of each column (for
/// the data dictionary's examples).
#[derive(Default)]
struct Examples {
    by_table: BTreeMap<String, Vec<Option<String>>>,
}

/// Where streamed rows go besides Parquet and CSV: the site, the dictionary's examples,
/// the workbook and the package facts.
struct Sinks {
    site: SiteData,
    examples: Examples,
    xlsx: XlsxThread,
    meta: PackageMeta,
    csv_bom: bool,
}

fn write_all(
    work: &Path,
    schemas: &[TableSchema],
    meta: PackageMeta,
    dir: &Path,
    opts: &PublishOptions,
    units: crate::site::UnitNames,
) -> Result<Summary, PipelineError> {
    for sub in ["csv", "parquet", "reports"] {
        fs::create_dir_all(dir.join(sub)).map_err(|e| PipelineError::io(&dir.join(sub), e))?;
    }
    let mut summary = Summary::default();
    let xlsx = XlsxThread::spawn(&dir.join(format!("{}.xlsx", meta.name)))?;
    let mut sinks =
        Sinks { site: SiteData::new(SITE_ROWS, units), examples: Examples::default(), xlsx, meta, csv_bom: opts.csv_bom };
    for s in schemas {
        let rows = publish_table(s, &table_source(work, &s.name), dir, &mut sinks)?;
        if opts.hive {
            write_hive(s, &table_source(work, &s.name), &dir.join("hive"))?;
        }
        summary.rows.insert(s.name.clone(), rows);
    }
    let Sinks { site, examples, mut xlsx, meta, .. } = sinks;
    for ((_, severity), (n, ack)) in &site.findings {
        summary.acknowledged += ack;
        match severity.as_str() {
            "error" => summary.errors += n - ack,
            "warning" => summary.warnings += n - ack,
            _ => {}
        }
    }
    // The workbook is saved on its own thread while the reports and the site are written.
    let created = meta.created.clone().unwrap_or_default();
    let intro = [
        meta.title.clone(),
        meta.description.clone(),
        format!("Dated {created} (the latest document). Licence: {}.", meta.licenses.first().map_or("", |l| l.title.as_str())),
        "One sheet per table; lists are joined with |. The CSV and Parquet files (datapackage.json) hold the same rows.".into(),
    ];
    xlsx.finish(&meta.title, &created, &intro, schemas)?;
    write_reports(work, &site, dir)?;
    write(&dir.join("data_dictionary.md"), data_dictionary(schemas, &site, &examples))?;
    write_datapackage(schemas, &meta, opts.csv_bom, dir)?;
    crate::site::write_site(dir, schemas, &site)?;
    // The portal metadata gives the workbook's size and checksum.
    xlsx.join()?;
    crate::writers::portal::write_portal_metadata(dir, schemas, &meta, &summary.rows)?;
    write_checksums(dir)?;
    Ok(summary)
}

/// Stream one table from its row file into Parquet and CSV: each row is conformed to the
/// schema and checked to come in published order. Returns the number of rows.
fn publish_table(s: &TableSchema, source: &Path, dir: &Path, sinks: &mut Sinks) -> Result<usize, PipelineError> {
    let mut parquet = ParquetSink::create(s, &dir.join("parquet").join(format!("{}.parquet", s.name)))?;
    let mut csv = CsvSink::create(s, &dir.join("csv").join(format!("{}.csv", s.name)), sinks.csv_bom)?;
    sinks.xlsx.begin_table(s)?;
    let column = |name: &str| s.columns.iter().position(|c| c.name == name);
    let doc_facts = (s.name == "documents")
        .then(|| [column("issued_on"), column("period_start"), column("period_end"), column("region_code")]);
    let (site, examples) = (&mut sinks.site, &mut sinks.examples);
    let keys: Vec<usize> = order_keys(s).iter().filter_map(|k| s.columns.iter().position(|c| c.name == *k)).collect();
    let first = examples.by_table.entry(s.name.clone()).or_insert_with(|| vec![None; s.columns.len()]);
    let mut previous: Option<Vec<Value>> = None;
    let mut count = 0;
    let producer = if matches!(s.name.as_str(), "validation" | "attainment") { "validate" } else { "normalize" };
    for cells in crate::store::rowfile::read_with(source, producer, |line, i| parse_cells(s, line, i).map_err(|e| e.to_string()))? {
        let cells = cells?;
        let order: Vec<Value> = keys.iter().map(|&k| cells[k].clone()).collect();
        if let Some(prev) = &previous {
            let cmp = prev.iter().zip(&order).map(|(a, b)| cmp_value(a, b)).find(|o| o.is_ne());
            if cmp == Some(std::cmp::Ordering::Greater) {
                return Err(PipelineError::io(
                    source,
                    format!("row {} of `{}` is out of published order; rerun `{producer}`", count + 1, s.name),
                ));
            }
        }
        for ((slot, c), v) in first.iter_mut().zip(&s.columns).zip(&cells) {
            if slot.is_none() && !v.is_null() {
                *slot = Some(csv_cell(c.ty, Some(v)));
            }
        }
        site.add(s, &cells);
        if let Some([issued, start, end, region]) = doc_facts {
            let at = |k: Option<usize>| k.and_then(|k| cells.get(k));
            sinks.meta.add_document(
                at(issued).and_then(Value::as_str),
                at(start).and_then(Value::as_i64),
                at(end).and_then(Value::as_i64),
                at(region).and_then(Value::as_str),
            );
        }
        sinks.xlsx.push(&cells)?;
        csv.push(&cells)?;
        previous = Some(order);
        parquet.push(cells)?;
        count += 1;
    }
    sinks.site.totals.entry(s.name.clone()).or_default();
    parquet.finish()?;
    csv.finish()?;
    Ok(count)
}

/// The partition keys of a table: region and year, for the tables that have both.
fn hive_keys(table: &str) -> Option<[&'static str; 2]> {
    match table {
        "targets" => Some(["region_code", "target_year"]),
        "observations" => Some(["region_code", "year"]),
        _ => None,
    }
}

/// Hive-partitioned Parquet: `<dir>/<table>/region_code=220000/target_year=2020/part-00000.parquet`.
/// The partition columns live in the folder names only (as Spark, Trino and DuckDB expect);
/// a null key is written as `__HIVE_DEFAULT_PARTITION__`. A first pass over the row file
/// notes where each partition's rows are; each partition is then written by reading just
/// those lines, so memory holds line offsets, not rows.
fn write_hive(s: &TableSchema, source: &Path, dir: &Path) -> Result<(), PipelineError> {
    let Some(keys) = hive_keys(&s.name) else { return Ok(()) };
    let mut part_schema = s.clone();
    part_schema.columns.retain(|c| !keys.contains(&c.name.as_str()));
    let cell = |r: &Row, k: &str| match r.get(k) {
        Some(Value::String(v)) => v.clone(),
        Some(Value::Number(v)) => v.to_string(),
        _ => "__HIVE_DEFAULT_PARTITION__".to_string(),
    };
    let parse = |line: &str| -> Result<Row, PipelineError> {
        serde_json::from_str(line).map_err(|e| PipelineError::io(source, format!("{e}: rerun `normalize`")))
    };
    let Ok(file) = fs::File::open(source) else { return Ok(()) };
    let mut reader = std::io::BufReader::new(file);
    let mut parts: BTreeMap<(String, String), Vec<u64>> = BTreeMap::new();
    let (mut offset, mut line) = (0u64, String::new());
    loop {
        line.clear();
        let n = reader.read_line(&mut line).map_err(|e| PipelineError::io(source, e))?;
        if n == 0 {
            break;
        }
        let r = parse(&line)?;
        parts.entry((cell(&r, keys[0]), cell(&r, keys[1]))).or_default().push(offset);
        offset += n as u64;
    }
    for ((a, b), offsets) in parts {
        let folder = dir.join(&s.name).join(format!("{}={a}", keys[0])).join(format!("{}={b}", keys[1]));
        fs::create_dir_all(&folder).map_err(|e| PipelineError::io(&folder, e))?;
        let mut sink = ParquetSink::create(&part_schema, &folder.join("part-00000.parquet"))?;
        for (i, at) in offsets.into_iter().enumerate() {
            // Relative seeks keep the read buffer when the next line is already in it.
            reader.seek_relative(at as i64 - offset as i64).map_err(|e| PipelineError::io(source, e))?;
            line.clear();
            offset = at + reader.read_line(&mut line).map_err(|e| PipelineError::io(source, e))? as u64;
            let mut r = parse(&line)?;
            for k in keys {
                r.remove(k);
            }
            sink.push(row_cells(&part_schema, r, i)?)?;
        }
        sink.finish()?;
    }
    Ok(())
}

/// The curator reports (from the normalize stage's report files), the number-audit summary
/// and the validation report.
fn write_reports(work: &Path, site: &SiteData, dir: &Path) -> Result<(), PipelineError> {
    let reports = dir.join("reports");
    let source = crate::store::layout::normalize_dir(work).join("reports");
    let mut names: Vec<String> = match fs::read_dir(&source) {
        Ok(entries) => {
            entries.filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".jsonl").map(str::to_string)).collect()
        }
        Err(_) => Vec::new(),
    };
    names.sort();
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    let mut audited = 0;
    for name in names {
        let path = source.join(format!("{name}.jsonl"));
        let mut rows = crate::store::rowfile::read::<Row>(&path, "normalize")?.peekable();
        // A report without rows is not written (there is nothing to review).
        let cols: Vec<String> = match rows.peek() {
            Some(Ok(first)) => first.keys().cloned().collect(),
            Some(Err(_)) => Vec::new(),
            None => continue,
        };
        let is_audit = name == "number_audit";
        let records = rows.map(|r| {
            let r = r?;
            if is_audit {
                *by_class.entry(r.get("class").and_then(Value::as_str).unwrap_or("").to_string()).or_default() += 1;
                audited += 1;
            }
            Ok(cols.iter().map(|c| csv_cell(ColumnType::Str, r.get(c))).collect())
        });
        write_records(&reports.join(format!("{name}.csv")), &cols, records)?;
    }
    // Audit summary: share of numbers per class.
    let total = audited.max(1);
    let mut md = String::from("# Number audit\n\nEvery Arabic number in the sources (and every Chinese numeral read as a quantity) in exactly one class. Rows: `number_audit.csv`.\n\n| class | numbers | share |\n|---|---:|---:|\n");
    for (c, k) in &by_class {
        let _ = writeln!(md, "| {c} | {k} | {:.1} % |", 100.0 * *k as f64 / total as f64);
    }
    let _ = writeln!(md, "| **all** | {audited} | 100 % |");
    write(&reports.join("number_audit.md"), md)?;
    write_validation_report(work, site, &reports)
}

/// The validation report, Markdown and HTML: counts per rule, then every finding (streamed
/// from the validate stage's row file).
fn write_validation_report(work: &Path, site: &SiteData, reports: &Path) -> Result<(), PipelineError> {
    let mut md = String::from("# Validation report\n\n");
    md.push_str("| rule | severity | findings |\n|---|---|---:|\n");
    for rule in crate::validate::rules::RULES.iter() {
        let k = site.findings.get(&(rule.id.to_string(), rule.severity.to_string())).map_or(0, |c| c.0);
        let _ = writeln!(md, "| `{}` | {} | {} |", rule.id, rule.severity, k);
    }
    for ((check, sev), (k, _)) in &site.findings {
        if !crate::validate::rules::RULES.iter().any(|r| r.id == check) {
            let _ = writeln!(md, "| `{check}` | {sev} | {k} |");
        }
    }
    md.push_str("\n## Findings\n\n");
    // The findings themselves are streamed to both files (there can be hundreds of thousands).
    let (md_path, html_path) = (reports.join("validation.md"), reports.join("validation.html"));
    let mut md_out = Report::create(&md_path)?;
    let mut html_out = Report::create(&html_path)?;
    md_out.push(&md)?;
    html_out.push(&crate::site::report::validation_head()?)?;
    let findings = crate::store::rowfile::read::<Finding>(&table_source(work, "validation"), "validate")?;
    for f in findings {
        let f = f?;
        let mut md = String::new();
        let _ = writeln!(
            md,
            "- **{}** `{}` ({}{}): {} — rows: {}",
            f.finding_id,
            f.check,
            f.severity,
            if f.acknowledged { ", acknowledged" } else { "" },
            f.message,
            f.row_ids.join(", ")
        );
        md_out.push(&md)?;
        html_out.push(&crate::site::report::validation_row(&f)?)?;
    }
    html_out.push(&crate::site::report::validation_tail()?)?;
    md_out.finish()?;
    html_out.finish()
}

/// A text report written piece by piece.
struct Report {
    path: PathBuf,
    out: std::io::BufWriter<fs::File>,
}

impl Report {
    fn create(path: &Path) -> Result<Report, PipelineError> {
        let file = fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
        Ok(Report { path: path.to_path_buf(), out: std::io::BufWriter::new(file) })
    }
    fn push(&mut self, text: &str) -> Result<(), PipelineError> {
        std::io::Write::write_all(&mut self.out, text.as_bytes()).map_err(|e| PipelineError::io(&self.path, e))
    }
    fn finish(mut self) -> Result<(), PipelineError> {
        std::io::Write::flush(&mut self.out).map_err(|e| PipelineError::io(&self.path, e))
    }
}

fn data_dictionary(schemas: &[TableSchema], site: &SiteData, examples: &Examples) -> String {
    let mut md = String::from("# Data dictionary\n\nGenerated from `schemas/`. Every table is published as `parquet/<table>.parquet` and `csv/<table>.csv` (UTF-8, RFC 4180, lists `|`-joined).\n");
    for s in schemas {
        let rows = site.totals.get(&s.name).copied().unwrap_or(0);
        let _ = write!(md, "\n## {} — {}\n\n{}\n\nRows: {rows}. Primary key: `{}`.\n\n| column | type | required | unit | meaning | example |\n|---|---|---|---|---|---|\n", s.name, s.title, s.description.trim(), s.primary_key.join(", "));
        let first = examples.by_table.get(&s.name);
        for (i, c) in s.columns.iter().enumerate() {
            let example = first.and_then(|f| f[i].clone()).or(c.example.clone()).unwrap_or_default();
            let example: String = example.chars().take(40).collect();
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} | {} | {} |",
                c.name,
                c.ty.as_str(),
                if c.required { "yes" } else { "" },
                c.unit.clone().unwrap_or_default(),
                c.description.trim().replace('\n', " ").replace('|', "\\|"),
                example.replace('|', "\\|")
            );
        }
    }
    md
}

fn write_datapackage(schemas: &[TableSchema], meta: &PackageMeta, csv_bom: bool, dir: &Path) -> Result<(), PipelineError> {
    let mut resources = Vec::new();
    for s in schemas {
        let path = dir.join("csv").join(format!("{}.csv", s.name));
        let bytes = fs::metadata(&path).map_err(|e| PipelineError::io(&path, e))?.len();
        resources.push(json!({
            "name": s.name,
            "title": s.title,
            "description": s.description.trim(),
            "path": format!("csv/{}.csv", s.name),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": if csv_bom { "utf-8-sig" } else { "utf-8" },
            "bytes": bytes,
            "hash": format!("sha256:{}", sha256_file(&path)?),
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true},
            "schema": table_schema_json(s),
            "x_parquet_path": format!("parquet/{}.parquet", s.name),
        }));
    }
    let pkg = json!({
        "profile": "tabular-data-package",
        "id": meta.id,
        "name": meta.name,
        "title": meta.title,
        "description": meta.description.trim(),
        "homepage": meta.homepage,
        "version": env!("CARGO_PKG_VERSION"),
        // The latest document's date: the data's own date, not the clock's.
        "created": meta.created.as_ref().map(|d| format!("{d}T00:00:00Z")),
        "licenses": meta.licenses.iter().map(|l| json!({"name": l.name, "title": l.title, "path": l.path})).collect::<Vec<_>>(),
        "sources": meta.sources.iter().map(|s| json!({"title": s.title, "path": s.path})).collect::<Vec<_>>(),
        "contributors": meta.contributors.iter().map(|c| json!({"title": c.title, "role": c.role})).collect::<Vec<_>>(),
        "keywords": meta.keywords,
        "resources": resources,
    });
    let text = serde_json::to_string_pretty(&pkg).map_err(|e| PipelineError::Other(e.to_string()))?;
    write(&dir.join("datapackage.json"), text + "\n")
}

fn write_checksums(dir: &Path) -> Result<(), PipelineError> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut out = String::new();
    for rel in files {
        let _ = writeln!(out, "{}  {rel}", sha256_file(&dir.join(&rel))?);
    }
    write(&dir.join("SHA256SUMS"), out)
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), PipelineError> {
    for e in fs::read_dir(dir).map_err(|e| PipelineError::io(dir, e))? {
        let p = e.map_err(|e| PipelineError::io(dir, e))?.path();
        if p.is_dir() {
            collect_files(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}
