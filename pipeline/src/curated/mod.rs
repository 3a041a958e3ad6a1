//! The curated layer: loading and checking the YAML files a curator edits under
//! `mappings/` ([`mappings`], errors with file:line:col) and the lookups the stages make
//! in it ([`lookup`]: indicator of a phrase, region named in a text), and the reference
//! tables built from it ([`reference`]: indicators, units, regions).

pub mod lookup;
pub mod mappings;
pub mod reference;

pub use mappings::*;
