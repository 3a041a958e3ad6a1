//! Stage 4, publish: the validated tables → `output/` as Parquet + CSV per table,
//! `datapackage.json`, a data dictionary, curator and validation reports, and SHA256SUMS.
//! Everything goes to a staging folder first; only a complete dataset replaces the old one.

use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::publish::{
    csv_cell, sha256_file, swap_into_place, table_schema_json, write_csv, write_parquet, write_records,
};
use crate::schema::{self, ColumnType, TableSchema};
use crate::stage_normalize::Normalized;
use crate::table::{conform, sort_rows, Row};

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

/// Publish `n` into `out` using the schemas in `schemas_dir`.
/// With `hive`, targets and observations are also written as Hive-partitioned Parquet
/// under `hive/` (see [`write_hive`]).
pub fn publish(n: &Normalized, schemas_dir: &Path, out: &Path, hive: bool) -> Result<Summary, PipelineError> {
    let schemas = schema::load_all(schemas_dir)?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| PipelineError::io(parent, e))?;
    recover_interrupted(parent, out)?;
    let staging: PathBuf = parent.join(format!(
        ".{}.tmp-{}",
        out.file_name().and_then(|n| n.to_str()).unwrap_or("output"),
        std::process::id()
    ));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| PipelineError::io(&staging, e))?;
    }
    let result = write_all(n, &schemas, &staging, hive);
    match result {
        Ok(summary) => {
            swap_into_place(&staging, out)?;
            Ok(summary)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e)
        }
    }
}

/// Clean up after a run that was killed: a half-written staging folder is removed, and an
/// output that was moved aside but not replaced (killed between the two renames) is put
/// back. One publisher per output folder at a time is assumed.
fn recover_interrupted(parent: &Path, out: &Path) -> Result<(), PipelineError> {
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let (staging, moved) = (format!(".{name}.tmp-"), format!("{name}.old-"));
    let mut old: Vec<PathBuf> = Vec::new();
    for e in fs::read_dir(parent).map_err(|e| PipelineError::io(parent, e))? {
        let p = e.map_err(|e| PipelineError::io(parent, e))?.path();
        let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if file.starts_with(&staging) {
            fs::remove_dir_all(&p).map_err(|e| PipelineError::io(&p, e))?;
        } else if file.starts_with(&moved) {
            old.push(p);
        }
    }
    old.sort();
    if let Some(last) = old.pop() {
        if !out.exists() {
            fs::rename(&last, out).map_err(|e| PipelineError::io(&last, e))?;
        } else {
            fs::remove_dir_all(&last).map_err(|e| PipelineError::io(&last, e))?;
        }
    }
    for p in old {
        fs::remove_dir_all(&p).map_err(|e| PipelineError::io(&p, e))?;
    }
    Ok(())
}

fn write_all(n: &Normalized, schemas: &[TableSchema], dir: &Path, hive: bool) -> Result<Summary, PipelineError> {
    for sub in ["csv", "parquet", "reports"] {
        fs::create_dir_all(dir.join(sub)).map_err(|e| PipelineError::io(&dir.join(sub), e))?;
    }
    let mut summary = Summary::default();
    let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for s in schemas {
        let mut rows = n.tables.rows(&s.name).to_vec();
        conform(s, &mut rows)?;
        sort_rows(s, &mut rows);
        write_parquet(s, &rows, &dir.join("parquet").join(format!("{}.parquet", s.name)))?;
        write_csv(s, &rows, &dir.join("csv").join(format!("{}.csv", s.name)))?;
        if hive {
            write_hive(s, &rows, &dir.join("hive"))?;
        }
        summary.rows.insert(s.name.clone(), rows.len());
        tables.insert(s.name.clone(), rows);
    }
    for f in &tables["validation"] {
        let ack = f.get("acknowledged") == Some(&json!(true));
        match (f.get("severity").and_then(Value::as_str), ack) {
            (_, true) => summary.acknowledged += 1,
            (Some("error"), false) => summary.errors += 1,
            (Some("warning"), false) => summary.warnings += 1,
            _ => {}
        }
    }
    write_reports(n, &tables, dir)?;
    write(&dir.join("data_dictionary.md"), data_dictionary(schemas, &tables))?;
    write_datapackage(schemas, dir)?;
    crate::site::write_site(dir, schemas, &tables)?;
    crate::portal::write_portal_metadata(dir, schemas)?;
    write_checksums(dir)?;
    Ok(summary)
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
/// a null key is written as `__HIVE_DEFAULT_PARTITION__`.
fn write_hive(s: &TableSchema, rows: &[Row], dir: &Path) -> Result<(), PipelineError> {
    let Some(keys) = hive_keys(&s.name) else { return Ok(()) };
    let mut part_schema = s.clone();
    part_schema.columns.retain(|c| !keys.contains(&c.name.as_str()));
    let cell = |r: &Row, k: &str| match r.get(k) {
        Some(Value::String(v)) => v.clone(),
        Some(Value::Number(v)) => v.to_string(),
        _ => "__HIVE_DEFAULT_PARTITION__".to_string(),
    };
    let mut parts: BTreeMap<(String, String), Vec<Row>> = BTreeMap::new();
    for r in rows {
        let mut r2 = r.clone();
        for k in keys {
            r2.remove(k);
        }
        parts.entry((cell(r, keys[0]), cell(r, keys[1]))).or_default().push(r2);
    }
    for ((a, b), part) in parts {
        let folder = dir.join(&s.name).join(format!("{}={a}", keys[0])).join(format!("{}={b}", keys[1]));
        fs::create_dir_all(&folder).map_err(|e| PipelineError::io(&folder, e))?;
        write_parquet(&part_schema, &part, &folder.join("part-00000.parquet"))?;
    }
    Ok(())
}

fn write_reports(n: &Normalized, tables: &BTreeMap<String, Vec<Row>>, dir: &Path) -> Result<(), PipelineError> {
    let reports = dir.join("reports");
    for (name, rows) in &n.reports {
        let mut rows = rows.clone();
        rows.sort_by(|a, b| a.iter().map(|(_, v)| v.to_string()).cmp(b.iter().map(|(_, v)| v.to_string())));
        let cols: Vec<String> = rows.first().map(|r| r.keys().cloned().collect()).unwrap_or_default();
        let records = rows.iter().map(|r| cols.iter().map(|c| csv_cell(ColumnType::Str, r.get(c))).collect());
        write_records(&reports.join(format!("{name}.csv")), &cols, records)?;
    }
    // Audit summary: share of numbers per class.
    let audit = n.reports.get("number_audit").cloned().unwrap_or_default();
    let mut by_class: BTreeMap<String, usize> = BTreeMap::new();
    for r in &audit {
        *by_class.entry(r.get("class").and_then(Value::as_str).unwrap_or("").to_string()).or_default() += 1;
    }
    let total = audit.len().max(1);
    let mut md = String::from("# Number audit\n\nEvery Arabic number in the sources (and every Chinese numeral read as a quantity) in exactly one class. Rows: `number_audit.csv`.\n\n| class | numbers | share |\n|---|---:|---:|\n");
    for (c, k) in &by_class {
        let _ = writeln!(md, "| {c} | {k} | {:.1} % |", 100.0 * *k as f64 / total as f64);
    }
    let _ = writeln!(md, "| **all** | {} | 100 % |", audit.len());
    write(&reports.join("number_audit.md"), md)?;

    // Validation report, Markdown and HTML.
    let findings = &tables["validation"];
    let mut md = String::from("# Validation report\n\n");
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in findings {
        let k = (f["check"].as_str().unwrap_or("").to_string(), f["severity"].as_str().unwrap_or("").to_string());
        *counts.entry(k).or_default() += 1;
    }
    md.push_str("| rule | severity | findings |\n|---|---|---:|\n");
    for rule in crate::stage_validate::RULES.iter() {
        let k = counts.get(&(rule.id.to_string(), rule.severity.to_string())).copied().unwrap_or(0);
        let _ = writeln!(md, "| `{}` | {} | {} |", rule.id, rule.severity, k);
    }
    for ((check, sev), k) in &counts {
        if !crate::stage_validate::RULES.iter().any(|r| r.id == check) {
            let _ = writeln!(md, "| `{check}` | {sev} | {k} |");
        }
    }
    md.push_str("\n## Findings\n\n");
    let mut html = String::from("<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>Validation report</title><style>body{font-family:sans-serif;max-width:70em;margin:auto}td,th{border-bottom:1px solid #ddd;padding:4px;text-align:left}.error{color:#b00}.warning{color:#a60}</style><h1>Validation report</h1><table><tr><th>finding</th><th>rule</th><th>severity</th><th>message</th><th>rows</th><th>acknowledged</th></tr>\n");
    for f in findings {
        let rows = f["row_ids"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        let sev = f["severity"].as_str().unwrap_or("");
        let _ = writeln!(
            md,
            "- **{}** `{}` ({sev}{}): {} — rows: {rows}",
            f["finding_id"].as_str().unwrap_or(""),
            f["check"].as_str().unwrap_or(""),
            if f["acknowledged"] == json!(true) { ", acknowledged" } else { "" },
            f["message"].as_str().unwrap_or("")
        );
        let _ = writeln!(
            html,
            "<tr class=\"{sev}\"><td>{}</td><td>{}</td><td>{sev}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(f["finding_id"].as_str().unwrap_or("")),
            esc(f["check"].as_str().unwrap_or("")),
            esc(f["message"].as_str().unwrap_or("")),
            esc(&rows),
            f["acknowledged"]
        );
    }
    html.push_str("</table></html>\n");
    write(&reports.join("validation.md"), md)?;
    write(&reports.join("validation.html"), html)?;
    Ok(())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn data_dictionary(schemas: &[TableSchema], tables: &BTreeMap<String, Vec<Row>>) -> String {
    let mut md = String::from("# Data dictionary\n\nGenerated from `schemas/`. Every table is published as `parquet/<table>.parquet` and `csv/<table>.csv` (UTF-8, RFC 4180, lists `|`-joined).\n");
    for s in schemas {
        let rows = tables.get(&s.name).map_or(0, Vec::len);
        let _ = write!(md, "\n## {} — {}\n\n{}\n\nRows: {rows}. Primary key: `{}`.\n\n| column | type | required | unit | meaning | example |\n|---|---|---|---|---|---|\n", s.name, s.title, s.description.trim(), s.primary_key.join(", "));
        for c in &s.columns {
            let example = tables
                .get(&s.name)
                .and_then(|rs| {
                    rs.iter().find_map(|r| {
                        r.get(&c.name).filter(|v| !v.is_null()).map(|v| crate::publish::csv_cell(c.ty, Some(v)))
                    })
                })
                .or(c.example.clone())
                .unwrap_or_default();
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

fn write_datapackage(schemas: &[TableSchema], dir: &Path) -> Result<(), PipelineError> {
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
            "encoding": "utf-8",
            "bytes": bytes,
            "hash": format!("sha256:{}", sha256_file(&path)?),
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true},
            "schema": table_schema_json(s),
            "x_parquet_path": format!("parquet/{}.parquet", s.name),
        }));
    }
    let pkg = json!({
        "profile": "tabular-data-package",
        "name": "china-industrial-policy-targets",
        "title": "Chinese industrial-policy targets, observations, industries, projects and enterprises",
        "description": "Quantified goals, reported statistics, industries, enterprises and projects extracted from Chinese provincial industrial-policy documents, with quotes and character offsets into the source texts, and the findings of validation checks. Parquet copies of every table are under parquet/.",
        "version": env!("CARGO_PKG_VERSION"),
        "licenses": [{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Jilin Provincial People's Government policy documents (2012–2017)", "path": "sources/"}],
        "contributors": [{"title": "policy-data pipeline maintainers", "role": "author"}],
        "keywords": ["industrial policy", "China", "Jilin", "targets", "open data"],
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
