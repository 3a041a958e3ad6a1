//! The extract stage's per-document files in the work folder: JSON that extract writes and
//! normalize reads, one document at a time, so each stage can be rerun (and inspected) alone.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

use crate::error::PipelineError;

/// Write a stage's output.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), PipelineError> {
    let file = std::fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    serde_json::to_writer(&mut out, value).map_err(|e| PipelineError::io(path, e))?;
    std::io::Write::flush(&mut out).map_err(|e| PipelineError::io(path, e))
}

/// Read the output of stage `previous` for stage `stage`, with an error that says which
/// stage to run when it is missing or unreadable.
pub fn load<T: DeserializeOwned>(path: &Path, stage: &'static str, previous: &'static str) -> Result<T, PipelineError> {
    if !path.exists() {
        return Err(PipelineError::MissingStage { stage, previous, path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| PipelineError::io(path, format!("{e}: rerun `{previous}`")))
}
