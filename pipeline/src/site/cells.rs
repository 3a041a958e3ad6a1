//! Published values as the site shows them: the text of a cell (lists joined with ` | `,
//! numbers as in the CSV), whether it is Chinese (for `lang`), how it wraps, and the
//! searchable table view the `data_table` macro draws.

use serde::Serialize;
use serde_json::Value;

use crate::records::schema::{ColumnType, TableSchema};
use crate::records::table::Row;
use crate::writers::format_f64;

/// True when `s` is Chinese text: it holds CJK characters and no more Latin letters than
/// those (an English message quoting a Chinese phrase is not). Such text is marked
/// `lang="zh-Hans"` so browsers pick a Chinese font and screen readers a Chinese voice.
pub fn is_cjk(s: &str) -> bool {
    let cjk = s
        .chars()
        .filter(|c| matches!(*c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF))
        .count();
    cjk > 0 && cjk >= s.chars().filter(char::is_ascii_alphabetic).count()
}

/// The text of one cell as shown on the site (lists joined with ` | `, as in the CSV).
pub fn cell_text(ty: ColumnType, v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => match ty {
            ColumnType::I32 => n.as_i64().map(|x| x.to_string()).unwrap_or_else(|| n.to_string()),
            _ => n.as_f64().map(format_f64).unwrap_or_else(|| n.to_string()),
        },
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
            .collect::<Vec<_>>()
            .join(" | "),
        Some(other) => other.to_string(),
    }
}

pub fn str_of<'a>(r: &'a Row, k: &str) -> Option<&'a str> {
    r.get(k).and_then(Value::as_str).filter(|s| !s.is_empty())
}

pub fn num_of(r: &Row, k: &str) -> Option<f64> {
    r.get(k).and_then(Value::as_f64)
}

/// One table cell: its text, a CSS class (`num`, `long` prose, `id`), whether it is
/// Chinese, and a sort key when the text is not one.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    pub text: String,
    pub class: &'static str,
    pub zh: bool,
    pub sort: Option<String>,
}

impl Cell {
    pub fn of(ty: ColumnType, v: Option<&Value>) -> Cell {
        let text = cell_text(ty, v);
        let class = if matches!(ty, ColumnType::I32 | ColumnType::F64) {
            "num"
        } else if text.chars().count() > 40 {
            // Prose and quotes wrap in a wide cell; long ids break at their hyphens.
            if text.contains(' ') || !text.is_ascii() {
                "long"
            } else {
                "id"
            }
        } else {
            ""
        };
        Cell { zh: is_cjk(&text), text, class, sort: None }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub name: String,
    pub num: bool,
    /// The column's description and unit, shown on hover.
    pub tip: String,
}

impl ColumnView {
    pub fn all(s: &TableSchema) -> Vec<ColumnView> {
        s.columns
            .iter()
            .map(|c| {
                let mut tip = c.description.trim().replace('\n', " ");
                if let Some(u) = &c.unit {
                    tip.push_str(&format!(" (unit: {u})"));
                }
                ColumnView { name: c.name.clone(), num: matches!(c.ty, ColumnType::I32 | ColumnType::F64), tip }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub class: Option<String>,
    pub cells: Vec<Cell>,
}

/// A searchable, sortable table: `id` names its search box and counter.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: String,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
}

impl TableView {
    /// Every column of `s` for `rows`; `row_class` may give a CSS class per row (e.g. the
    /// severity of a finding).
    pub fn new(s: &TableSchema, rows: &[Row], id: &str, row_class: impl Fn(&Row) -> Option<String>) -> TableView {
        TableView {
            id: id.to_string(),
            columns: ColumnView::all(s),
            rows: rows
                .iter()
                .map(|r| RowView {
                    class: row_class(r),
                    cells: s.columns.iter().map(|c| Cell::of(c.ty, r.get(&c.name))).collect(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_recognised() {
        assert!(is_cjk("规模以上工业总产值"));
        assert!(is_cjk("40％"));
        assert!(!is_cjk("gross_industrial_output 2020"));
        assert!(!is_cjk("“油页岩工业总产值” grows 75.4% a year: a lost decimal point?"));
        assert!(is_cjk("到2020年GDP达到5000亿元"));
    }

    #[test]
    fn cells_read_like_the_csv() {
        assert_eq!(cell_text(ColumnType::F64, Some(&serde_json::json!(6000.5))), "6000.5");
        assert_eq!(cell_text(ColumnType::I32, Some(&serde_json::json!(2017))), "2017");
        assert_eq!(cell_text(ColumnType::ListStr, Some(&serde_json::json!(["a", "b"]))), "a | b");
        assert_eq!(Cell::of(ColumnType::F64, Some(&serde_json::json!(1.0))).class, "num");
    }
}
