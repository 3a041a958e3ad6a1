//! The publish stage's writers: Parquet (typed, with column descriptions and units in the
//! Arrow field metadata), CSV (RFC 4180, lists `|`-joined, spreadsheet formulas
//! neutralised), `datapackage.json` and SHA-256 checksums.

use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, ListBuilder, StringArray, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::PipelineError;
use crate::schema::{ColumnType, TableSchema};
use crate::table::{parse_date, Row};

fn arrow_type(ty: ColumnType) -> DataType {
    match ty {
        ColumnType::Str => DataType::Utf8,
        ColumnType::I32 => DataType::Int32,
        ColumnType::F64 => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date => DataType::Date32,
        ColumnType::ListStr => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
    }
}

/// The Arrow schema of a table, with descriptions and units as field metadata.
pub fn arrow_schema(schema: &TableSchema) -> Schema {
    let fields: Vec<Field> = schema
        .columns
        .iter()
        .map(|c| {
            let mut md = HashMap::from([("description".to_string(), c.description.trim().to_string())]);
            if let Some(u) = &c.unit {
                md.insert("unit".to_string(), u.clone());
            }
            Field::new(&c.name, arrow_type(c.ty), !c.required).with_metadata(md)
        })
        .collect();
    let md = HashMap::from([
        ("table".to_string(), schema.name.clone()),
        ("title".to_string(), schema.title.clone()),
        ("description".to_string(), schema.description.trim().to_string()),
    ]);
    Schema::new(fields).with_metadata(md)
}

/// A row as its cells in schema column order (see [`into_cells`]).
pub type Cells = Vec<Value>;

/// The cells of a conformed row, in the order of the schema's columns: the writers then
/// reach a column by position instead of looking its name up in every row.
pub fn into_cells(schema: &TableSchema, mut row: Row) -> Cells {
    schema.columns.iter().map(|c| row.remove(&c.name).unwrap_or(Value::Null)).collect()
}

fn column_array(ty: ColumnType, column: usize, rows: &[Cells]) -> ArrayRef {
    fn cell(r: &Cells, column: usize) -> Option<&Value> {
        r.get(column).filter(|v| !v.is_null())
    }
    let get = |r| cell(r, column);
    match ty {
        ColumnType::Str => Arc::new(rows.iter().map(|r| get(r).and_then(Value::as_str)).collect::<StringArray>()),
        ColumnType::I32 => {
            Arc::new(rows.iter().map(|r| get(r).and_then(Value::as_i64).map(|x| x as i32)).collect::<Int32Array>())
        }
        ColumnType::F64 => Arc::new(rows.iter().map(|r| get(r).and_then(Value::as_f64)).collect::<Float64Array>()),
        ColumnType::Bool => Arc::new(rows.iter().map(|r| get(r).and_then(Value::as_bool)).collect::<BooleanArray>()),
        ColumnType::Date => {
            Arc::new(rows.iter().map(|r| get(r).and_then(Value::as_str).and_then(parse_date)).collect::<Date32Array>())
        }
        ColumnType::ListStr => {
            let mut b = ListBuilder::new(StringBuilder::new());
            for r in rows {
                match get(r).and_then(Value::as_array) {
                    Some(items) => {
                        for it in items {
                            b.values().append_option(it.as_str());
                        }
                        b.append(true);
                    }
                    None => b.append(false),
                }
            }
            Arc::new(b.finish())
        }
    }
}

/// Rows per Arrow record batch handed to the Parquet writer.
const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group: small enough that the writer's buffer stays a few tens of
/// megabytes, large enough for good compression and few footer entries.
const ROW_GROUP_ROWS: usize = 128 * 1024;

/// Writes one table as Parquet, a batch of rows at a time.
pub struct ParquetSink {
    path: PathBuf,
    table: String,
    types: Vec<ColumnType>,
    schema: Arc<Schema>,
    writer: ArrowWriter<fs::File>,
    batch: Vec<Cells>,
}

impl ParquetSink {
    pub fn create(schema: &TableSchema, path: &Path) -> Result<ParquetSink, PipelineError> {
        let aschema = Arc::new(arrow_schema(schema));
        let file = fs::File::create(path).map_err(|e| PipelineError::io(path, e))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by("policy-pipeline".to_string())
            .build();
        let writer =
            ArrowWriter::try_new(file, aschema.clone(), Some(props)).map_err(|e| PipelineError::io(path, e))?;
        Ok(ParquetSink {
            path: path.to_path_buf(),
            table: schema.name.clone(),
            types: schema.columns.iter().map(|c| c.ty).collect(),
            schema: aschema,
            writer,
            batch: Vec::with_capacity(BATCH_ROWS),
        })
    }

    pub fn push(&mut self, row: Cells) -> Result<(), PipelineError> {
        self.batch.push(row);
        if self.batch.len() >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), PipelineError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let columns: Vec<ArrayRef> =
            self.types.iter().enumerate().map(|(i, ty)| column_array(*ty, i, &self.batch)).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(|e| PipelineError::Schema {
            table: self.table.clone(),
            column: None,
            message: format!("cannot build Arrow batch: {e}"),
        })?;
        self.writer.write(&batch).map_err(|e| PipelineError::io(&self.path, e))?;
        self.batch.clear();
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), PipelineError> {
        self.flush_batch()?;
        self.writer.close().map_err(|e| PipelineError::io(&self.path, e))?;
        Ok(())
    }
}

/// Writes one table as CSV (UTF-8, header row, CRLF line ends as RFC 4180 asks), a row at
/// a time.
pub struct CsvSink {
    path: PathBuf,
    types: Vec<ColumnType>,
    writer: csv::Writer<fs::File>,
}

impl CsvSink {
    pub fn create(schema: &TableSchema, path: &Path) -> Result<CsvSink, PipelineError> {
        let header: Vec<String> = schema.columns.iter().map(|c| c.name.clone()).collect();
        let writer = csv_writer(path, &header)?;
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

fn csv_writer(path: &Path, header: &[String]) -> Result<csv::Writer<fs::File>, PipelineError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_path(path)
        .map_err(|e| PipelineError::io(path, e))?;
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
    let mut w = csv_writer(path, header)?;
    for r in records {
        w.write_record(&r?).map_err(|e| PipelineError::io(path, e))?;
    }
    w.flush().map_err(|e| PipelineError::io(path, e))
}

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

fn frictionless_type(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Str | ColumnType::ListStr => "string",
        ColumnType::I32 => "integer",
        ColumnType::F64 => "number",
        ColumnType::Bool => "boolean",
        ColumnType::Date => "date",
    }
}

/// A Frictionless Table Schema for one table.
pub fn table_schema_json(schema: &TableSchema) -> Value {
    let fields: Vec<Value> = schema
        .columns
        .iter()
        .map(|c| {
            let mut f = json!({
                "name": c.name,
                "type": frictionless_type(c.ty),
                "description": c.description.trim(),
            });
            let mut constraints = serde_json::Map::new();
            if c.required {
                constraints.insert("required".into(), json!(true));
            }
            if c.unique {
                constraints.insert("unique".into(), json!(true));
            }
            if let Some(a) = &c.allowed {
                constraints.insert("enum".into(), json!(a));
            }
            if !constraints.is_empty() {
                f["constraints"] = Value::Object(constraints);
            }
            if let Some(u) = &c.unit {
                f["unit"] = json!(u);
            }
            if c.ty == ColumnType::ListStr {
                f["format"] = json!("default");
                f["x_list_separator"] = json!("|");
            }
            if c.ty == ColumnType::Bool {
                f["trueValues"] = json!(["true"]);
                f["falseValues"] = json!(["false"]);
            }
            f
        })
        .collect();
    let fks: Vec<Value> = schema
        .foreign_keys
        .iter()
        .map(|fk| {
            json!({
                "fields": fk.columns,
                "reference": {"resource": if fk.table == schema.name { String::new() } else { fk.table.clone() }, "fields": fk.table_columns}
            })
        })
        .collect();
    let mut s = json!({"fields": fields, "primaryKey": schema.primary_key, "missingValues": [""]});
    if !fks.is_empty() {
        s["foreignKeys"] = json!(fks);
    }
    s
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
