//! The curated layer: loading and checking the YAML files a curator edits under
//! `mappings/` ([`mappings`], errors with file:line:col) and the lookups the stages make
//! in it ([`lookup`]: indicator of a phrase; [`regions`]: the full GB/T 2260 table and
//! the regions a text names), and the reference tables built from it ([`reference`]:
//! indicators, units, regions).

pub mod lookup;
pub mod mappings;
pub mod reference;
pub mod regions;

pub use mappings::*;
