//! The extract stage's per-document files in the work folder, which extract writes and
//! normalize reads one document at a time, so each stage can be rerun alone.
//!
//! They are MessagePack (<https://msgpack.org>), with records as maps keyed by field name:
//! self-describing like JSON, so any msgpack library can inspect them
//! (`python3 -c "import msgpack,sys; print(msgpack.unpack(open(sys.argv[1],'rb')))" FILE`),
//! but strings are stored as they are instead of escaped and floats as their exact 8 bytes.
//! Writing JSON was 6–7 % of the extract stage's time; MessagePack is about 1 %.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

use crate::error::PipelineError;

/// The extension of the extract stage's files.
pub const EXTENSION: &str = "msgpack";

/// Write a stage's output.
pub fn save<T: Serialize>(path: &Path, value: &T) -> Result<(), PipelineError> {
    let file = std::fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    rmp_serde::encode::write_named(&mut out, value).map_err(|e| PipelineError::io(path, e))?;
    std::io::Write::flush(&mut out).map_err(|e| PipelineError::io(path, e))
}

/// Read the output of stage `previous` for stage `stage`, with an error that says which
/// stage to run when it is missing or unreadable.
pub fn load<T: DeserializeOwned>(path: &Path, stage: &'static str, previous: &'static str) -> Result<T, PipelineError> {
    if !path.exists() {
        return Err(PipelineError::MissingStage { stage, previous, path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    rmp_serde::from_slice(&bytes).map_err(|e| PipelineError::io(path, format!("{e}: rerun `{previous}`")))
}
