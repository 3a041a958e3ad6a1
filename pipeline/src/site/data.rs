//! What the site is drawn from, gathered while publish streams the tables: every table's
//! row count, its first rows in published order, the count of findings per rule, and the
//! names of the units.

use serde_json::Value;
use std::collections::BTreeMap;

use super::units::UnitNames;
use crate::records::schema::TableSchema;
use crate::records::table::Row;

/// Rows shown per table page: the pages stay small however large the dataset is; the full
/// tables are the CSV and Parquet files (and DuckDB or pandas for querying them).
pub const SITE_ROWS: usize = 5000;

#[derive(Debug, Clone, Default)]
pub struct SiteData {
    pub totals: BTreeMap<String, usize>,
    /// At most `limit` rows per table.
    pub head: BTreeMap<String, Vec<Row>>,
    /// (rule, severity) → (findings, acknowledged).
    pub findings: BTreeMap<(String, String), (usize, usize)>,
    pub limit: usize,
    pub units: UnitNames,
}

impl SiteData {
    pub fn new(limit: usize, units: UnitNames) -> SiteData {
        SiteData { limit, units, ..SiteData::default() }
    }

    /// Count a published row of table `s`, given as its cells in column order (kept
    /// when among the first `limit`).
    pub fn add(&mut self, s: &TableSchema, cells: &[Value]) {
        let cell = |name: &str| s.columns.iter().position(|c| c.name == name).and_then(|i| cells.get(i));
        *slot(&mut self.totals, &s.name) += 1;
        if s.name == "validation" {
            let text = |name: &str| cell(name).and_then(Value::as_str).unwrap_or("").to_string();
            let e = self.findings.entry((text("check"), text("severity"))).or_default();
            e.0 += 1;
            if cell("acknowledged") == Some(&Value::Bool(true)) {
                e.1 += 1;
            }
        }
        let head = slot(&mut self.head, &s.name);
        if head.len() < self.limit {
            head.push(s.columns.iter().zip(cells).map(|(c, v)| (c.name.clone(), v.clone())).collect());
        }
    }

    pub fn total(&self, table: &str) -> usize {
        self.totals.get(table).copied().unwrap_or(0)
    }

    pub fn rows(&self, table: &str) -> &[Row] {
        self.head.get(table).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// The value of `key`, inserted as its default on first use. Unlike `entry`, the key is
/// cloned only then, not for every row.
fn slot<'a, V: Default>(map: &'a mut BTreeMap<String, V>, key: &str) -> &'a mut V {
    if !map.contains_key(key) {
        map.insert(key.to_string(), V::default());
    }
    map.get_mut(key).expect("inserted above")
}
