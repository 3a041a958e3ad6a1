//! `extract`: pure text → candidate records for Chinese industrial-policy documents.
//!
//! This crate reads no files and knows nothing about tables or Parquet. It takes the bytes
//! of one source document plus the curated vocabularies it needs (units, enterprise
//! aliases) and returns candidates: the document's detected metadata, its outline, every
//! number with its class (target, observation, year, ordinal…), target and observation
//! candidates with quotes and character offsets, entity mentions and project phrases.
//!
//! Offsets are Unicode scalar values into the decoded source text (BOM removed), 0-based,
//! end exclusive. Character normalisation is one character to one character, so offsets
//! in the normalised text are offsets in the original.
//!
//! ```
//! use extract::{decode::decode, text::Text};
//! let t = Text::new(decode("到２０１７年".as_bytes()).unwrap().text);
//! assert_eq!(t.norm_str(), "到2017年");
//! assert_eq!(t.original_slice(1, 5), "２０１７");
//! ```

pub mod audit;
pub mod cursor;
pub mod decode;
pub mod entities;
pub mod meta;
pub mod numeral;
pub mod outline;
pub mod projects;
pub mod quantity;
pub mod segment;
pub mod statements;
pub mod text;
pub mod timeframe;
pub mod units;
pub mod words;

pub use audit::NumberClass;
pub use statements::{extract_statements, Statement, StatementKind};
