//! The writers of the published files. Each takes rows or metadata and writes one format:
//! Parquet ([`parquet`]), CSV ([`csv`]), the Frictionless table schema of
//! `datapackage.json` ([`datapackage`]), the Excel workbook ([`xlsx`]), and portal metadata for CKAN and DCAT-AP
//! ([`portal`]). The publish stage decides what goes where.

pub mod csv;
pub mod datapackage;
pub mod parquet;
pub mod portal;
pub mod xlsx;

pub use self::csv::{csv_cell, format_f64, write_records, CsvSink};
pub use self::parquet::ParquetSink;
pub use datapackage::table_schema_json;
