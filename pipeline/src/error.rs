//! Errors a curator or user can act on: each names the file (with line and column for
//! YAML), what is wrong and what to do.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Yaml { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{path}: {message}")]
    Curated { path: PathBuf, message: String },
    #[error("{path}: cannot read source: {message}")]
    Source { path: PathBuf, message: String },
    #[error("schema of table `{table}`{}: {message}", column.as_ref().map(|c| format!(", column `{c}`")).unwrap_or_default())]
    Schema { table: String, column: Option<String>, message: String },
    #[error("stage `{stage}` has no input at {path}: run `{previous}` first (or `run` for all stages)")]
    MissingStage { stage: &'static str, previous: &'static str, path: PathBuf },
    #[error("{0}")]
    Other(String),
}

impl PipelineError {
    pub fn io(path: &Path, e: impl std::fmt::Display) -> PipelineError {
        PipelineError::Io { path: path.to_path_buf(), message: e.to_string() }
    }
    pub fn curated(path: &Path, message: impl Into<String>) -> PipelineError {
        PipelineError::Curated { path: path.to_path_buf(), message: message.into() }
    }
}

/// A YAML error with its position.
pub fn yaml_error(path: &Path, e: serde_yaml::Error) -> PipelineError {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
    let mut message = e.to_string();
    if message.contains("unknown field") {
        message.push_str(" — check the spelling of the key; the accepted keys are listed in the message");
    }
    PipelineError::Yaml { path: path.to_path_buf(), line, column, message }
}

/// Find the 1-based line of the first occurrence of `needle` in a YAML file (for errors
/// found after parsing, such as duplicate ids).
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).map_or(0, |i| i + 1)
}
