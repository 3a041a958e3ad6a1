//! Table schemas loaded from `schemas/*.yaml`: the one description of every published
//! table, from which Arrow schemas, CSV headers, datapackage.json and the data dictionary
//! are all generated.

use serde::Deserialize;
use std::path::Path;

use crate::error::{yaml_error, PipelineError};

/// Column types of the data contract.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Str,
    I32,
    F64,
    Bool,
    Date,
    ListStr,
}

impl ColumnType {
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnType::Str => "str",
            ColumnType::I32 => "i32",
            ColumnType::F64 => "f64",
            ColumnType::Bool => "bool",
            ColumnType::Date => "date",
            ColumnType::ListStr => "list<str>",
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: ColumnType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub unique: bool,
    pub description: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default, rename = "enum")]
    pub allowed: Option<Vec<String>>,
    #[serde(default)]
    pub example: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub table_columns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TableSchema {
    pub name: String,
    pub title: String,
    pub description: String,
    pub primary_key: Vec<String>,
    #[serde(default)]
    pub row_order: Vec<String>,
    #[serde(default)]
    pub foreign_keys: Vec<ForeignKey>,
    pub columns: Vec<Column>,
}

impl TableSchema {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The published tables, in publishing order: the data tables, then the reference tables
/// (built from the curated layer) that their codes join to.
pub const TABLES: [&str; 15] = [
    "documents",
    "targets",
    "target_enterprises",
    "observations",
    "industries",
    "enterprises",
    "projects",
    "project_capacities",
    "project_mentions",
    "mentions",
    "validation",
    "attainment",
    "indicators",
    "units",
    "regions",
];

/// Load every table schema from `dir`.
pub fn load_all(dir: &Path) -> Result<Vec<TableSchema>, PipelineError> {
    TABLES
        .iter()
        .map(|name| {
            let path = dir.join(format!("{name}.yaml"));
            let text = std::fs::read_to_string(&path).map_err(|e| PipelineError::io(&path, e))?;
            let schema: TableSchema = serde_yaml::from_str(&text).map_err(|e| yaml_error(&path, e))?;
            if schema.name != *name {
                return Err(PipelineError::Schema {
                    table: name.to_string(),
                    column: None,
                    message: format!(
                        "{} declares name `{}`; the name must equal the file stem",
                        path.display(),
                        schema.name
                    ),
                });
            }
            Ok(schema)
        })
        .collect()
}
