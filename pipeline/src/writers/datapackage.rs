//! `datapackage.json` pieces: the Frictionless Table Schema of one table.

use serde_json::{json, Value};

use crate::records::schema::{ColumnType, TableSchema};

fn frictionless_type(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Str => "string",
        ColumnType::ListStr => "list",
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
                // Table Schema v2 `list`: items joined by `|` in CSV, a real list in Parquet.
                f["delimiter"] = json!("|");
                f["itemType"] = json!("string");
            }
            if c.ty == ColumnType::Bool {
                f["trueValues"] = json!(["true"]);
                f["falseValues"] = json!(["false"]);
            }
            f
        })
        .collect();
    // Table Schema foreign keys join scalar fields; keys of list columns (each item joins)
    // are published alongside as `x_list_foreign_keys`, in the same shape.
    let is_list = |name: &str| schema.column(name).is_some_and(|c| c.ty == ColumnType::ListStr);
    let (list_fks, fks): (Vec<Value>, Vec<Value>) = schema
        .foreign_keys
        .iter()
        .map(|fk| {
            json!({
                "fields": fk.columns,
                "reference": {"resource": if fk.table == schema.name { String::new() } else { fk.table.clone() }, "fields": fk.table_columns}
            })
        })
        .partition(|fk| fk["fields"].as_array().is_some_and(|f| f.iter().any(|c| c.as_str().is_some_and(is_list))));
    let mut s = json!({"fields": fields, "primaryKey": schema.primary_key, "missingValues": [""]});
    if !fks.is_empty() {
        s["foreignKeys"] = json!(fks);
    }
    if !list_fks.is_empty() {
        s["x_list_foreign_keys"] = json!(list_fks);
    }
    s
}
