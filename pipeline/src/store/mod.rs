//! The work folder and the files the stages pass on: where each stage writes
//! ([`layout`]), per-document extract files ([`workfile`]), row files ([`rowfile`]),
//! folders swapped into place only when complete ([`staging`]), the source folder
//! ([`sources`]) and checksums.

pub mod candidates;
pub mod layout;
pub mod rowfile;
pub mod sources;
pub mod staging;
pub mod workfile;

use sha2::{Digest, Sha256};
use std::fs;
use std::path::Path;

use crate::error::PipelineError;

/// SHA-256 of a file, read in blocks (published files can be larger than memory).
pub fn sha256_file(path: &Path) -> Result<String, PipelineError> {
    let mut file = fs::File::open(path).map_err(|e| PipelineError::io(path, e))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|e| PipelineError::io(path, e))?;
    Ok(hex(&hasher.finalize()))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
