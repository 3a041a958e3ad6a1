//! The source folder: which texts exist, their bytes and checksums, and the curated
//! document metadata in `sources/documents.yaml` (optional per document: a text dropped in
//! without an entry still gets a row from what the text itself says).

use serde::{Deserialize, Serialize};
use std::path::{Component, Path, PathBuf};

use crate::error::{line_of, yaml_error, PipelineError};

/// Curated metadata of one document.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    pub doc_id: String,
    pub file: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub doc_number: Option<String>,
    #[serde(default)]
    pub issued_on: Option<String>,
    #[serde(default)]
    pub period_start: Option<i32>,
    #[serde(default)]
    pub period_end: Option<i32>,
    #[serde(default)]
    pub region_code: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    documents: Vec<DocumentEntry>,
}

/// One source text found in the folder.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the sources folder, with `/` separators.
    pub rel: String,
    pub path: PathBuf,
}

/// List `*.txt` files under `dir`, sorted by name; symlinks are refused.
pub fn list(dir: &Path) -> Result<Vec<SourceFile>, PipelineError> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| PipelineError::io(dir, format!("{e}: pass an existing folder of .txt files with --sources")))?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| PipelineError::io(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".txt") {
            continue;
        }
        let ft = entry.file_type().map_err(|e| PipelineError::io(&path, e))?;
        if ft.is_symlink() {
            return Err(PipelineError::Source {
                path,
                message: "is a symbolic link; copy the text into the sources folder instead".into(),
            });
        }
        if ft.is_file() {
            out.push(SourceFile { rel: name, path });
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

/// Load `documents.yaml` if present, checking ids and paths.
pub fn load_documents(dir: &Path) -> Result<Vec<DocumentEntry>, PipelineError> {
    let path = dir.join("documents.yaml");
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| PipelineError::io(&path, e))?;
    let file: DocumentsFile = serde_yaml::from_str(&text).map_err(|e| yaml_error(&path, e))?;
    let mut seen = std::collections::HashSet::new();
    for d in &file.documents {
        let line = line_of(&text, &d.doc_id);
        if !seen.insert(d.doc_id.clone()) {
            let line = text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.contains(&format!("doc_id: {}", d.doc_id)))
                .nth(1)
                .map_or(line, |(i, _)| i + 1);
            return Err(PipelineError::curated(
                &path,
                format!("line {line}: duplicate doc_id `{}`; every document needs its own id", d.doc_id),
            ));
        }
        let rel = Path::new(&d.file);
        if rel.is_absolute()
            || rel.components().any(|c| matches!(c, Component::ParentDir | Component::RootDir | Component::Prefix(_)))
        {
            return Err(PipelineError::curated(
                &path,
                format!(
                    "line {}: file `{}` points outside the sources folder; give a path relative to it",
                    line_of(&text, &d.file),
                    d.file
                ),
            ));
        }
        let full = dir.join(rel);
        let meta = std::fs::symlink_metadata(&full);
        match meta {
            Err(_) => {
                return Err(PipelineError::curated(
                    &path,
                    format!(
                        "line {}: file `{}` does not exist in {}; fix the name or remove the entry",
                        line_of(&text, &d.file),
                        d.file,
                        dir.display()
                    ),
                ))
            }
            Ok(m) if m.file_type().is_symlink() => {
                return Err(PipelineError::curated(
                    &path,
                    format!(
                        "line {}: file `{}` is a symbolic link; copy the text instead",
                        line_of(&text, &d.file),
                        d.file
                    ),
                ))
            }
            Ok(_) => {}
        }
        if let Some(date) = &d.issued_on {
            if crate::records::table::parse_date(date).is_none() {
                return Err(PipelineError::curated(
                    &path,
                    format!("line {}: issued_on `{date}` is not an ISO date (YYYY-MM-DD)", line_of(&text, date)),
                ));
            }
        }
    }
    Ok(file.documents)
}

/// A slug for a document without a curated id: the file stem, lower-cased ASCII.
pub fn default_doc_id(rel: &str) -> String {
    let stem = rel.trim_end_matches(".txt");
    let slug: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    if slug.trim_matches('-').is_empty() {
        format!("doc-{}", &super::sha256_hex(rel.as_bytes())[..12])
    } else {
        slug
    }
}
