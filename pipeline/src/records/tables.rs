//! One typed record per published table (and per curator report): the rows the stages
//! build and write to their row files. Field names are the column names of
//! `schemas/<table>.yaml`, in the same order (a test checks names, order and types), so a
//! record serializes to exactly the row the schema describes.
//!
//! Each record is declared with [`record!`], which also gives it a [`Record`] impl: its
//! table, its columns, and a borrowed [`Cell`] per column, so rows are ordered by the
//! schema's `row_order` without turning them into JSON first.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

use super::schema::TableSchema;
use super::table::order_keys;

/// A borrowed cell of a record, for ordering rows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Null,
    Str(&'a str),
    Num(f64),
    Bool(bool),
    List(&'a [String]),
}

/// The order of two cells, as [`super::table::cmp_value`] orders the same JSON values:
/// null first, numbers by value, strings by bytes, lists by their JSON text.
pub fn cmp_cells(a: Cell, b: Cell) -> Ordering {
    use Ordering::*;
    match (a, b) {
        (Cell::Null, Cell::Null) => Equal,
        (Cell::Null, _) => Less,
        (_, Cell::Null) => Greater,
        (Cell::Num(x), Cell::Num(y)) => x.total_cmp(&y),
        (Cell::Str(x), Cell::Str(y)) => x.cmp(y),
        (Cell::Bool(x), Cell::Bool(y)) => x.cmp(&y),
        (a, b) => json_text(a).cmp(&json_text(b)),
    }
}

fn json_text(c: Cell) -> String {
    match c {
        Cell::Null => "null".into(),
        Cell::Str(s) => serde_json::to_string(s).unwrap_or_default(),
        Cell::Num(x) => serde_json::to_string(&x).unwrap_or_default(),
        Cell::Bool(b) => b.to_string(),
        Cell::List(l) => serde_json::to_string(l).unwrap_or_default(),
    }
}

/// A value that can be a cell.
pub trait ToCell {
    fn cell(&self) -> Cell<'_>;
}

impl ToCell for String {
    fn cell(&self) -> Cell<'_> {
        Cell::Str(self)
    }
}
impl ToCell for f64 {
    fn cell(&self) -> Cell<'_> {
        if self.is_finite() {
            Cell::Num(*self)
        } else {
            // serde_json writes a non-finite number as null.
            Cell::Null
        }
    }
}
impl ToCell for i32 {
    fn cell(&self) -> Cell<'_> {
        Cell::Num(f64::from(*self))
    }
}
impl ToCell for usize {
    fn cell(&self) -> Cell<'_> {
        Cell::Num(*self as f64)
    }
}
impl ToCell for bool {
    fn cell(&self) -> Cell<'_> {
        Cell::Bool(*self)
    }
}
impl ToCell for Vec<String> {
    fn cell(&self) -> Cell<'_> {
        Cell::List(self)
    }
}
impl<T: ToCell> ToCell for Option<T> {
    fn cell(&self) -> Cell<'_> {
        self.as_ref().map_or(Cell::Null, ToCell::cell)
    }
}

/// A row of one table.
pub trait Record: Serialize {
    /// The table (`schemas/<TABLE>.yaml`), or the report (`reports/<name>`).
    const TABLE: &'static str;
    /// The column names, in order.
    const COLUMNS: &'static [&'static str];
    /// The Rust type of each column as written (for the schema test).
    const TYPES: &'static [&'static str];
    /// The cell of a column (null for an unknown name).
    fn cell(&self, column: &str) -> Cell<'_>;
}

/// Sort records by the schema's row order, then its primary key (a stable sort, so
/// rows equal on every key keep the order they were built in).
pub fn sort_records<R: Record>(schema: &TableSchema, rows: &mut [R]) {
    let keys = order_keys(schema);
    rows.sort_by(|a, b| {
        keys.iter().map(|k| cmp_cells(a.cell(k), b.cell(k))).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    });
}

/// Declare a record: the struct (serde, fields = columns) and its [`Record`] impl.
macro_rules! record {
    ($(#[$meta:meta])* $name:ident => $table:literal { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            $(pub $field: $ty),*
        }
        impl Record for $name {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
            const TYPES: &'static [&'static str] = &[$(stringify!($ty)),*];
            fn cell(&self, column: &str) -> Cell<'_> {
                match column {
                    $(stringify!($field) => self.$field.cell(),)*
                    _ => Cell::Null,
                }
            }
        }
    };
}

record! {
    /// A source document.
    Document => "documents" {
        doc_id: String,
        title: Option<String>,
        issuer: Option<String>,
        doc_number: Option<String>,
        issued_on: Option<String>,
        period_start: Option<i32>,
        period_end: Option<i32>,
        region_code: Option<String>,
        source_file: String,
        source_sha256: String,
    }
}

record! {
    /// A quantified goal value.
    Target => "targets" {
        target_id: String,
        doc_id: String,
        section: Option<String>,
        section_heading: Option<String>,
        indicator_raw: String,
        indicator_id: Option<String>,
        indicator_name_en: Option<String>,
        scope_text: Option<String>,
        region_code: Option<String>,
        industry_id: Option<String>,
        enterprise_id: Option<String>,
        kind: String,
        direction: Option<String>,
        qualifier: String,
        value: f64,
        value_max: Option<f64>,
        unit_raw: String,
        unit: Option<String>,
        value_std: Option<f64>,
        value_max_std: Option<f64>,
        value_std_unit: Option<String>,
        target_year: Option<i32>,
        year_explicit: bool,
        baseline_value: Option<f64>,
        baseline_unit_raw: Option<String>,
        baseline_year: Option<i32>,
        aspirational: bool,
        period: Option<String>,
        part_of_target_id: Option<String>,
        quote: String,
        char_start: usize,
        char_end: usize,
        restatements: Vec<String>,
    }
}

record! {
    /// An enterprise a target names.
    TargetEnterprise => "target_enterprises" {
        doc_id: String,
        target_id: String,
        enterprise_id: String,
        surface: String,
        char_start: usize,
        char_end: usize,
    }
}

record! {
    /// A historical statistic a document reports.
    Observation => "observations" {
        observation_id: String,
        doc_id: String,
        section: Option<String>,
        section_heading: Option<String>,
        indicator_raw: String,
        indicator_id: Option<String>,
        indicator_name_en: Option<String>,
        scope_text: Option<String>,
        region_code: Option<String>,
        industry_id: Option<String>,
        enterprise_id: Option<String>,
        value: f64,
        unit_raw: String,
        unit: Option<String>,
        value_std: Option<f64>,
        value_std_unit: Option<String>,
        quote: String,
        char_start: usize,
        char_end: usize,
        year: Option<i32>,
        kind: String,
        qualifier: String,
        stated_as: String,
    }
}

record! {
    /// An industry of the curated taxonomy, with where it is mentioned.
    Industry => "industries" {
        industry_id: String,
        name_zh: String,
        name_en: Option<String>,
        aliases: Vec<String>,
        parent_id: Option<String>,
        category: Option<String>,
        gbt4754_codes: Vec<String>,
        doc_ids: Vec<String>,
        mention_count: i32,
    }
}

record! {
    /// An enterprise named in the documents (curated or discovered).
    Enterprise => "enterprises" {
        enterprise_id: String,
        name_zh: String,
        aliases: Vec<String>,
        name_en: Option<String>,
        region_code: Option<String>,
        industry_ids: Vec<String>,
        ownership: String,
        doc_ids: Vec<String>,
        mention_count: i32,
        in_gazetteer: bool,
    }
}

record! {
    /// A project entity, merged across mentions and documents.
    Project => "projects" {
        project_id: String,
        doc_id: String,
        name: String,
        doc_ids: Vec<String>,
        enterprise_id: Option<String>,
        enterprise_ids: Vec<String>,
        industry_id: Option<String>,
        region_code: Option<String>,
        capacity_value: Option<f64>,
        capacity_unit_raw: Option<String>,
        capacity_std: Option<f64>,
        capacity_unit: Option<String>,
        investment_100m_yuan: Option<f64>,
        start_year: Option<i32>,
        completion_year: Option<i32>,
        target_year: Option<i32>,
        year_explicit: bool,
        status: String,
        quote: String,
        char_start: usize,
        char_end: usize,
    }
}

record! {
    /// A capacity of a project, as one document states it.
    ProjectCapacity => "project_capacities" {
        project_id: String,
        doc_id: String,
        product: Option<String>,
        value: f64,
        unit_raw: String,
        value_std: Option<f64>,
        unit_code: Option<String>,
        per_year: bool,
    }
}

record! {
    /// A place a project is named.
    ProjectMention => "project_mentions" {
        project_id: String,
        doc_id: String,
        section: Option<String>,
        quote: String,
        char_start: usize,
        char_end: usize,
    }
}

record! {
    /// A place an enterprise, industry or project is named.
    Mention => "mentions" {
        mention_id: String,
        entity_type: String,
        entity_id: String,
        doc_id: String,
        surface: String,
        section: Option<String>,
        char_start: usize,
        char_end: usize,
        in_gazetteer: Option<bool>,
    }
}

record! {
    /// A finding of a validation rule.
    Finding => "validation" {
        finding_id: String,
        check: String,
        rule_description: Option<String>,
        severity: String,
        table: String,
        row_ids: Vec<String>,
        doc_ids: Vec<String>,
        message: String,
        message_en: String,
        message_zh: Option<String>,
        expected: Option<String>,
        stated: Option<String>,
        acknowledged: bool,
        reason: Option<String>,
        erratum_id: Option<String>,
    }
}

record! {
    /// An earlier goal against a later figure for its year.
    Attainment => "attainment" {
        target_id: String,
        evidence_id: String,
        evidence_kind: String,
        target_doc_id: String,
        evidence_doc_id: String,
        indicator_id: Option<String>,
        region_code: Option<String>,
        industry_id: Option<String>,
        target_year: Option<i32>,
        target_value: Option<f64>,
        target_qualifier: Option<String>,
        actual_value: Option<f64>,
        unit_code: Option<String>,
        unit_raw: Option<String>,
        ratio: Option<f64>,
        verdict: String,
        target_quote: Option<String>,
        evidence_quote: Option<String>,
    }
}

record! {
    /// A canonical indicator (reference table).
    Indicator => "indicators" {
        indicator_id: String,
        name_zh: String,
        name_en: Option<String>,
        dimension: String,
        unit_code: Option<String>,
        description: Option<String>,
        aliases: Vec<String>,
    }
}

record! {
    /// A unit code (reference table).
    Unit => "units" {
        unit_code: String,
        as_written: Vec<String>,
        name_zh: Option<String>,
        name_en: Option<String>,
        dimension: String,
        factor_to_standard: f64,
        standard_unit_code: String,
    }
}

record! {
    /// A GB/T 2260 region (reference table).
    Region => "regions" {
        region_code: String,
        name_zh: String,
        name_en: Option<String>,
        level: String,
        parent_code: Option<String>,
    }
}

// Curator reports (`reports/<name>.csv`, no schema: their columns are these fields).

record! {
    /// A number of the sources and its class (reports/number_audit).
    AuditedNumber => "reports/number_audit" {
        doc_id: String,
        char_start: usize,
        char_end: usize,
        text: String,
        class: String,
        section: String,
    }
}

record! {
    /// An enterprise found by pattern, not in the gazetteer (reports/discovered_enterprises).
    DiscoveredEnterprise => "reports/discovered_enterprises" {
        enterprise_id: String,
        surface: String,
        doc_ids: String,
        mentions: i32,
    }
}

record! {
    /// An indicator phrase no curated indicator fits (reports/unmapped_indicators).
    UnmappedIndicator => "reports/unmapped_indicators" {
        indicator_raw: String,
        count: i32,
        doc_ids: String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::schema::{load_all, ColumnType};

    /// The schema type a Rust field type stands for.
    fn schema_type(rust: &str) -> (&'static str, bool) {
        let (inner, optional) = match rust.strip_prefix("Option<").and_then(|r| r.strip_suffix('>')) {
            Some(inner) => (inner, true),
            None => (rust, false),
        };
        let ty = match inner {
            "String" => "str",
            "i32" | "usize" => "i32",
            "f64" => "f64",
            "bool" => "bool",
            "Vec<String>" => "list<str>",
            other => panic!("no schema type for `{other}`"),
        };
        (ty, optional)
    }

    fn check<R: Record>(schemas: &[TableSchema]) {
        let s = schemas.iter().find(|s| s.name == R::TABLE).unwrap_or_else(|| panic!("no schema {}", R::TABLE));
        let columns: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(R::COLUMNS, columns.as_slice(), "columns of {} differ from schemas/{}.yaml", R::TABLE, R::TABLE);
        for ((c, rust), name) in s.columns.iter().zip(R::TYPES).zip(R::COLUMNS) {
            let (ty, optional) = schema_type(rust);
            let want = match c.ty {
                ColumnType::Date => "str",
                t => t.as_str(),
            };
            assert_eq!(ty, want, "{}.{name}: Rust type {rust}, schema type {}", R::TABLE, c.ty.as_str());
            if c.ty == ColumnType::Date {
                assert!(optional, "{}.{name}: a date is an optional string", R::TABLE);
            }
        }
    }

    /// The records and `schemas/` cannot drift: same columns, same order, same types.
    #[test]
    fn records_match_the_schemas() {
        let schemas = load_all(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas")).unwrap();
        check::<Document>(&schemas);
        check::<Target>(&schemas);
        check::<TargetEnterprise>(&schemas);
        check::<Observation>(&schemas);
        check::<Industry>(&schemas);
        check::<Enterprise>(&schemas);
        check::<Project>(&schemas);
        check::<ProjectCapacity>(&schemas);
        check::<ProjectMention>(&schemas);
        check::<Mention>(&schemas);
        check::<Finding>(&schemas);
        check::<Attainment>(&schemas);
        check::<Indicator>(&schemas);
        check::<Unit>(&schemas);
        check::<Region>(&schemas);
        // Every published table has its record.
        let typed = [
            Document::TABLE,
            Target::TABLE,
            TargetEnterprise::TABLE,
            Observation::TABLE,
            Industry::TABLE,
            Enterprise::TABLE,
            Project::TABLE,
            ProjectCapacity::TABLE,
            ProjectMention::TABLE,
            Mention::TABLE,
            Finding::TABLE,
            Attainment::TABLE,
            Indicator::TABLE,
            Unit::TABLE,
            Region::TABLE,
        ];
        assert_eq!(typed, crate::records::schema::TABLES);
    }

    /// Cells order as the JSON values of the same rows do.
    #[test]
    fn cells_order_as_json_values() {
        use crate::records::table::cmp_value;
        use serde_json::json;
        let cells = [Cell::Null, Cell::Num(-1.5), Cell::Num(2.0), Cell::Str("a"), Cell::Str("b"), Cell::Bool(false)];
        let values = [json!(null), json!(-1.5), json!(2), json!("a"), json!("b"), json!(false)];
        for (a, va) in cells.iter().zip(&values) {
            for (b, vb) in cells.iter().zip(&values) {
                assert_eq!(cmp_cells(*a, *b), cmp_value(va, vb), "{a:?} vs {b:?}");
            }
        }
    }

    /// A record serializes to the JSON row with the schema's columns.
    #[test]
    fn serializes_to_its_row() {
        let r = Region {
            region_code: "220000".into(),
            name_zh: "吉林省".into(),
            name_en: None,
            level: "province".into(),
            parent_code: Some("100000".into()),
        };
        let text = serde_json::to_string(&r).unwrap();
        assert_eq!(
            text,
            r#"{"region_code":"220000","name_zh":"吉林省","name_en":null,"level":"province","parent_code":"100000"}"#
        );
        assert_eq!(serde_json::from_str::<Region>(&text).unwrap(), r);
    }
}
