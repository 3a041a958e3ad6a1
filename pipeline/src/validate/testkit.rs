//! Planted-fault tests' helpers: small documents' rows built directly as facts, the real
//! curated mappings, and the checks the rules raise on them.

use serde_json::{json, Value};

use super::facts::Facts;
use super::rules::check_all;
use crate::curated::Mappings;
use crate::records::Row;

fn row(v: Value) -> Row {
    v.as_object().cloned().unwrap_or_default()
}

/// The repository's mappings/.
pub fn mappings() -> Mappings {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../mappings");
    Mappings::load(&dir).expect("the repository's mappings load")
}

/// A target row of document `doc`: defaults for everything `over` does not set.
pub fn target(doc: &str, id: &str, start: u32, over: Value) -> Value {
    let mut base = json!({
        "target_id": id, "doc_id": doc, "section": "一", "region_code": "220000", "kind": "level",
        "qualifier": "eq", "unit_raw": "亿元", "unit": "e8_yuan", "target_year": 2015,
        "char_start": start, "char_end": start + 10, "quote": id,
    });
    merge(&mut base, over);
    base
}

/// An observation row.
pub fn observation(doc: &str, id: &str, start: u32, over: Value) -> Value {
    let mut base = json!({
        "observation_id": id, "doc_id": doc, "section": "一", "region_code": "220000", "kind": "level",
        "qualifier": "eq", "unit_raw": "亿元", "unit": "e8_yuan", "year": 2010,
        "char_start": start, "char_end": start + 10, "quote": id, "stated_as": "statistic",
    });
    merge(&mut base, over);
    base
}

fn merge(base: &mut Value, over: Value) {
    if let (Some(b), Value::Object(o)) = (base.as_object_mut(), over) {
        b.extend(o);
    }
}

/// Facts of documents (doc_id, issued_on, period) with the given rows, clauses linked.
pub fn facts(docs: &[(&str, &str, (i32, i32))], targets: Vec<Value>, observations: Vec<Value>) -> Facts {
    let mut f = Facts::new();
    for (id, issued, (ps, pe)) in docs {
        f.add_document(&row(json!({"doc_id": id, "issued_on": issued, "period_start": ps, "period_end": pe})));
    }
    let key = |v: &Value| (v["doc_id"].as_str().unwrap_or("").to_string(), v["char_start"].as_u64().unwrap_or(0));
    for (rows, is_target) in [(targets, true), (observations, false)] {
        let mut rows = rows;
        rows.sort_by_key(key);
        for r in rows {
            f.add_row(&row(r), is_target);
        }
    }
    f.link_clauses();
    f
}

/// (check, English message, expected, stated, row ids) of every finding.
pub fn findings(f: &Facts) -> Vec<(String, String, Option<String>, Option<String>, Vec<String>)> {
    let m = mappings();
    check_all(f, Vec::new(), &m)
        .expect("rules run")
        .into_iter()
        .filter_map(|r| match r {
            super::Raised::Rule { rule, rows, message, .. } => Some((
                rule.id.to_string(),
                message.en.clone(),
                message.expected.clone(),
                message.stated.clone(),
                rows.iter().map(|x| f.strings.get(x.id).to_string()).collect(),
            )),
            super::Raised::Noted(_) => None,
        })
        .collect()
}

/// The findings of `check`.
pub fn of(f: &Facts, check: &str) -> Vec<(String, Option<String>, Option<String>, Vec<String>)> {
    findings(f).into_iter().filter(|x| x.0 == check).map(|x| (x.1, x.2, x.3, x.4)).collect()
}
