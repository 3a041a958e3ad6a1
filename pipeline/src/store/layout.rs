//! Where each stage writes in the work folder. Every stage reads only the folder of the
//! stage before it, so these paths are the whole interface between stages.

use std::path::{Path, PathBuf};

/// `<work>/extract/`: one candidates file per source document.
pub fn extract_dir(work: &Path) -> PathBuf {
    work.join("extract")
}

/// `<work>/normalize/`: one row file per table (`<table>.jsonl`), `notes.jsonl`,
/// `reports/` and `run-id`.
pub fn normalize_dir(work: &Path) -> PathBuf {
    work.join("normalize")
}

/// `<work>/validate/`: `validation.jsonl` (the findings, in published order),
/// `attainment.jsonl` (goals against later figures, in published order) and
/// `input-run-id` (the normalize run they were computed on).
pub fn validate_dir(work: &Path) -> PathBuf {
    work.join("validate")
}
