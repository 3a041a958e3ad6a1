//! The records the stages pass on and publish: table schemas loaded from `schemas/`
//! ([`schema`], the one description of every published table), rows checked and ordered
//! by them ([`table`]), one typed record per table ([`tables`], kept equal to the schemas
//! by a test), and the notes normalize raises for validate ([`Note`]).

pub mod package;
pub mod schema;
pub mod table;
pub mod tables;

use serde::{Deserialize, Serialize};

pub use table::Row;

/// A finding raised while normalizing (e.g. curated and detected metadata disagree);
/// the validate stage publishes these with its own.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Note {
    pub check: String,
    pub severity: String,
    pub table: String,
    pub row_ids: Vec<String>,
    pub doc_ids: Vec<String>,
    pub message: String,
}
