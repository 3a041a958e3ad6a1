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

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * bytes.len());
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    s
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The first `digits` hex digits of the SHA-256 of `parts` joined by `sep` (what
/// `sha256_hex(parts.join(sep))` starts with, without joining or printing the rest).
pub fn sha256_hex_prefix(parts: &[&str], sep: &str, digits: usize) -> String {
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(sep.as_bytes());
        }
        h.update(p.as_bytes());
    }
    let mut s = hex(&h.finalize()[..digits.div_ceil(2)]);
    s.truncate(digits);
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_prefix_is_the_start_of_the_hex_digest() {
        let full = super::sha256_hex("a\u{1f}二\u{1f}c".as_bytes());
        assert_eq!(super::sha256_hex_prefix(&["a", "二", "c"], "\u{1f}", 10), full[..10]);
        assert_eq!(super::sha256_hex_prefix(&["a", "二", "c"], "\u{1f}", 7), full[..7]);
        assert_eq!(super::hex(&[0, 0xab, 0x5f]), "00ab5f");
        assert_eq!(full.len(), 64);
    }
}
