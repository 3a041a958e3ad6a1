//! Rows as the later stages read them back from row files: JSON values keyed by column
//! name (the stages build and write typed records, [`super::tables`]), checked against
//! their table's schema and their published order before publishing. One generic shape
//! keeps every writer (Parquet, CSV, datapackage) driven by `schemas/` alone.

use serde_json::{Map, Value};
use std::cmp::Ordering;

use crate::error::PipelineError;
use super::schema::{ColumnType, TableSchema};

pub type Row = Map<String, Value>;

/// A row as its cells in the order of the schema's columns: the writers reach a column by
/// position instead of looking its name up in every row.
pub type Cells = Vec<Value>;

/// Read row number `i` of a table (one JSON object) straight into its cells, checked
/// against the schema: no unknown columns, required values present, values of the declared
/// type, enum values accepted. Absent columns are null. Reading into cells skips building
/// a map per row, which was a tenth of the publish stage's time.
pub fn parse_cells(schema: &TableSchema, line: &str, i: usize) -> Result<Cells, PipelineError> {
    let mut de = serde_json::Deserializer::from_str(line);
    let cells = serde::de::DeserializeSeed::deserialize(CellsSeed(schema), &mut de)
        .and_then(|cells| de.end().map(|_| cells))
        .map_err(|e| PipelineError::Schema { table: schema.name.clone(), column: None, message: format!("row {i}: {e}") })?;
    check_cells(schema, &cells, i)?;
    Ok(cells)
}

/// The cells of a row already held as a map (see [`parse_cells`] for the checks).
pub fn row_cells(schema: &TableSchema, mut row: Row, i: usize) -> Result<Cells, PipelineError> {
    let cells: Cells = schema.columns.iter().map(|c| row.remove(&c.name).unwrap_or(Value::Null)).collect();
    if let Some(key) = row.keys().next() {
        return Err(unknown_column(schema, key, i));
    }
    check_cells(schema, &cells, i)?;
    Ok(cells)
}

fn unknown_column(schema: &TableSchema, key: &str, i: usize) -> PipelineError {
    PipelineError::Schema {
        table: schema.name.clone(),
        column: Some(key.to_string()),
        message: format!("row {i} has a column the schema does not declare; add it to schemas/{}.yaml", schema.name),
    }
}

fn check_cells(schema: &TableSchema, cells: &[Value], i: usize) -> Result<(), PipelineError> {
    let err = |column: &str, message: String| PipelineError::Schema {
        table: schema.name.clone(),
        column: Some(column.to_string()),
        message,
    };
    for (c, v) in schema.columns.iter().zip(cells) {
        if v.is_null() {
            if c.required {
                return Err(err(&c.name, format!("row {i} has no value but the column is required")));
            }
            continue;
        }
        let ok = match c.ty {
            ColumnType::Str => v.is_string(),
            ColumnType::I32 => v.as_i64().is_some_and(|x| i32::try_from(x).is_ok()),
            ColumnType::F64 => v.is_number(),
            ColumnType::Bool => v.is_boolean(),
            ColumnType::Date => v.as_str().is_some_and(|s| parse_date(s).is_some()),
            ColumnType::ListStr => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        };
        if !ok {
            return Err(err(&c.name, format!("row {i} holds {v} which is not of type {}", c.ty.as_str())));
        }
        if let (Some(allowed), Some(s)) = (&c.allowed, v.as_str()) {
            if !allowed.iter().any(|a| a == s) {
                return Err(err(&c.name, format!("row {i} holds `{s}`, not one of {allowed:?}")));
            }
        }
    }
    Ok(())
}

/// Deserializes a JSON object into [`Cells`]; an unknown key is an error.
struct CellsSeed<'a>(&'a TableSchema);

impl<'de> serde::de::DeserializeSeed<'de> for CellsSeed<'_> {
    type Value = Cells;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Cells, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for CellsSeed<'_> {
    type Value = Cells;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a row of `{}` (a JSON object)", self.0.name)
    }
    fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<Cells, M::Error> {
        let mut cells = vec![Value::Null; self.0.columns.len()];
        while let Some(at) = map.next_key_seed(ColumnSeed(self.0))? {
            cells[at] = map.next_value()?;
        }
        Ok(cells)
    }
}

/// Deserializes a key into the position of its column.
struct ColumnSeed<'a>(&'a TableSchema);

impl<'de> serde::de::DeserializeSeed<'de> for ColumnSeed<'_> {
    type Value = usize;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ColumnSeed<'_> {
    type Value = usize;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "a column of `{}`", self.0.name)
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<usize, E> {
        self.0.columns.iter().position(|c| c.name == key).ok_or_else(|| {
            E::custom(format!(
                "column `{key}` is not declared by the schema; add it to schemas/{}.yaml",
                self.0.name
            ))
        })
    }
}

/// The columns rows are ordered by: the schema's row order, then its primary key.
pub fn order_keys(schema: &TableSchema) -> Vec<&str> {
    schema.row_order.iter().map(String::as_str).chain(schema.primary_key.iter().map(String::as_str)).collect()
}

/// The order of two cells: null first, numbers by value, strings by bytes.
pub fn cmp_value(a: &Value, b: &Value) -> Ordering {
    use Ordering::*;
    match (a, b) {
        (Value::Null, Value::Null) => Equal,
        (Value::Null, _) => Less,
        (_, Value::Null) => Greater,
        (Value::Number(x), Value::Number(y)) => x.as_f64().unwrap_or(0.0).total_cmp(&y.as_f64().unwrap_or(0.0)),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<i32> {
    let mut it = s.split('-');
    let (y, m, d): (i32, u32, u32) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    if it.next().is_some() || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i32 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146097 + doe - 719468)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2014-06-24"), Some(16245));
        assert_eq!(parse_date("2014-02-30"), None);
        assert_eq!(parse_date("2014-6"), None);
    }
}
