//! Parquet writer: typed columns (years int32, dates date32, lists as lists), column
//! descriptions and units in the Arrow field metadata and again in the file's key-value
//! metadata (which DuckDB's `parquet_kv_metadata`, polars and pyarrow show without
//! decoding the Arrow schema), row groups of bounded size.

use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, ListBuilder, StringArray, StringBuilder,
};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use serde_json::Value;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::PipelineError;
use crate::records::schema::{ColumnType, TableSchema};
use crate::records::table::{parse_date, Cells};

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

/// The file's key-value metadata: `table`, `title` and `description` of the table, then
/// `column.<name>.description` (and `.unit`) per column, in schema order.
pub fn key_value_metadata(schema: &TableSchema) -> Vec<KeyValue> {
    let mut kv = vec![
        KeyValue::new("table".into(), schema.name.clone()),
        KeyValue::new("title".into(), schema.title.clone()),
        KeyValue::new("description".into(), schema.description.trim().to_string()),
    ];
    for c in &schema.columns {
        kv.push(KeyValue::new(format!("column.{}.description", c.name), c.description.trim().to_string()));
        if let Some(u) = &c.unit {
            kv.push(KeyValue::new(format!("column.{}.unit", c.name), u.clone()));
        }
    }
    kv
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
            .set_key_value_metadata(Some(key_value_metadata(schema)))
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
