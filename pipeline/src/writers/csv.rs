//! CSV writer: RFC 4180, UTF-8 (optionally with a byte-order mark, which Excel needs to
//! read UTF-8), lists `|`-joined, numbers in their shortest exact form, spreadsheet
//! formulas neutralised.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::records::schema::{ColumnType, TableSchema};

/// Writes one table as CSV (UTF-8, header row, CRLF line ends as RFC 4180 asks), a row at
/// a time.
pub struct CsvSink {
    path: PathBuf,
    types: Vec<ColumnType>,
    writer: csv::Writer<fs::File>,
}

impl CsvSink {
    /// With `bom`, the file starts with U+FEFF so Excel reads it as UTF-8.
    pub fn create(schema: &TableSchema, path: &Path, bom: bool) -> Result<CsvSink, PipelineError> {
        let header: Vec<String> = schema.columns.iter().map(|c| c.name.clone()).collect();
        let writer = csv_writer(path, &header, bom)?;
        let types = schema.columns.iter().map(|c| c.ty).collect();
        Ok(CsvSink { path: path.to_path_buf(), types, writer })
    }

    pub fn push(&mut self, row: &[Value]) -> Result<(), PipelineError> {
        let record = self.types.iter().zip(row).map(|(ty, v)| csv_cell(*ty, Some(v)));
        self.writer.write_record(record).map_err(|e| PipelineError::io(&self.path, e))
    }

    pub fn finish(mut self) -> Result<(), PipelineError> {
        self.writer.flush().map_err(|e| PipelineError::io(&self.path, e))
    }
}

fn csv_writer(path: &Path, header: &[String], bom: bool) -> Result<csv::Writer<fs::File>, PipelineError> {
    let mut file = fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
    if bom {
        std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).map_err(|e| PipelineError::io(path, e))?;
    }
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(file);
    w.write_record(header).map_err(|e| PipelineError::io(path, e))?;
    Ok(w)
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
/// injection guidance); numbers such as -5 are left alone. Parquet keeps the raw text.
pub fn neutralise_formula(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The CSV rendering of one cell.
pub fn csv_cell(ty: ColumnType, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => neutralise_formula(s),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match ty {
            ColumnType::I32 => n.as_i64().map(|x| x.to_string()).unwrap_or_default(),
            _ => n.as_f64().map(format_f64).unwrap_or_default(),
        },
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(neutralise_formula).collect::<Vec<_>>().join("|")
        }
        Some(other) => other.to_string(),
    }
}

/// Shortest decimal that reads back as the same f64, never in exponent form.
pub fn format_f64(x: f64) -> String {
    let s = format!("{x}");
    if s.contains('e') {
        format!("{x:.}")
    } else {
        s
    }
}

/// Write a header and records as CSV the way every published file is written.
pub fn write_records(
    path: &Path,
    header: &[String],
    records: impl Iterator<Item = Result<Vec<String>, PipelineError>>,
) -> Result<(), PipelineError> {
    let mut w = csv_writer(path, header, false)?;
    for r in records {
        w.write_record(&r?).map_err(|e| PipelineError::io(path, e))?;
    }
    w.flush().map_err(|e| PipelineError::io(path, e))
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(neutralise_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("-5"), "-5");
        assert_eq!(neutralise_formula("吉林省"), "吉林省");
    }

    #[test]
    fn floats_print_plainly() {
        assert_eq!(format_f64(5000.0), "5000");
        assert_eq!(format_f64(13.02), "13.02");
        assert_eq!(format_f64(1e12), "1000000000000");
    }
}
