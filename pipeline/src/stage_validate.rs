//! Stage 3, validate: rules over the typed tables (units, years, arithmetic, consistency
//! within and across documents). Findings are data: they become the `validation` table and
//! a readable report; curated errata acknowledge known source errors. Each rule has an id,
//! a severity and a message that quotes the Chinese terms and both values.

use polars::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

use crate::error::PipelineError;
use crate::mappings::Mappings;
use crate::stage_normalize::{Normalized, Note};
use crate::table::Row;

/// A rule: id, severity and what it checks (published in the report and README).
pub struct Rule {
    pub id: &'static str,
    pub severity: &'static str,
    pub description: &'static str,
}

pub const RULES: [Rule; 18] = [
    Rule { id: "unit.share_over_100", severity: "error", description: "A share or rate (kind share, unit %) above 100 %." },
    Rule { id: "unit.dimension_mismatch", severity: "warning", description: "A level value whose unit's dimension does not fit its canonical indicator (money for a count indicator)." },
    Rule { id: "arithmetic.part_exceeds_whole", severity: "error", description: "A value above the indicator that bounds it in mappings/indicators.yaml (value added above gross output) for the same document, scope and year." },
    Rule { id: "arithmetic.parts_exceed_whole", severity: "error", description: "Parts listed after 其中 add up to more than the whole they belong to (长春市300万辆 + 吉林市100万辆 vs 400万辆)." },
    Rule { id: "year.target_before_issue", severity: "error", description: "A target due before the document's issue year." },
    Rule { id: "year.baseline_not_before_target", severity: "error", description: "A baseline year not before the target year." },
    Rule { id: "year.outside_plan_period", severity: "warning", description: "A target year outside the plan period, with no year written in the sentence." },
    Rule { id: "year.observation_after_issue", severity: "error", description: "An observation dated after the document's issue year." },
    Rule { id: "arithmetic.range_inverted", severity: "error", description: "A range whose upper end is below its lower end." },
    Rule { id: "arithmetic.implausible_growth", severity: "warning", description: "An average annual growth rate above 50 % (likely a lost decimal point)." },
    Rule { id: "consistency.cagr", severity: "warning", description: "A stated average growth rate that the baseline and the target contradict (compound growth, tolerance 1 percentage point)." },
    Rule { id: "consistency.cross_document", severity: "warning", description: "Two documents give the same canonical indicator, region, year and kind different values." },
    Rule { id: "consistency.attainment", severity: "info", description: "A later document reports a value for a year an earlier document set a target for: met or missed, by how much." },
    Rule { id: "consistency.duplicate_row", severity: "warning", description: "The same value, unit, year and quote published twice for one document." },
    Rule { id: "unit.points_vs_percent", severity: "warning", description: "A change of a share or rate given in % (percentage points, 个百分点, probably meant), or a change in 个百分点 of an indicator that is not a share." },
    Rule { id: "unit.per_unit_inconsistent", severity: "warning", description: "One indicator given in units of different dimensions (吨标准煤 and 吨标准煤/万元, 元 and 元/人): per-unit and total figures mixed, so its values do not compare." },
    Rule { id: "consistency.enterprise_region", severity: "warning", description: "The same enterprise with conflicting attributes: a quote places a gazetteer enterprise in another prefecture than its seat in mappings/enterprises.yaml." },
    Rule { id: "errata.stale", severity: "error", description: "An erratum in mappings/errata.yaml that acknowledges no finding (the value it names has changed or gone)." },
];

/// Tolerance of the CAGR check, in percentage points.
pub const CAGR_TOLERANCE_PP: f64 = 1.0;

fn f(r: &Row, k: &str) -> Option<f64> {
    r.get(k).and_then(Value::as_f64)
}
fn i(r: &Row, k: &str) -> Option<i64> {
    r.get(k).and_then(Value::as_i64)
}
fn s<'a>(r: &'a Row, k: &str) -> Option<&'a str> {
    r.get(k).and_then(Value::as_str)
}

/// The dimension of a canonical unit id: a unit's own id, or a magnitude prefix's id, `_`
/// and a unit's id (`e8_yuan` = 亿元).
fn unit_dimension<'m>(m: &'m Mappings, unit: &str) -> Option<&'m str> {
    let base = m
        .units
        .prefixes
        .iter()
        .find_map(|p| unit.strip_prefix(&format!("{}_", p.id)))
        .filter(|rest| m.units.units.iter().any(|u| u.id == *rest));
    let id = base.unwrap_or(unit);
    m.units.units.iter().find(|u| u.id == id).map(|u| u.dimension.as_str())
}

/// The id of a target or observation row.
fn row_id(r: &Row) -> Option<&str> {
    s(r, "target_id").or(s(r, "observation_id"))
}

struct Findings {
    list: Vec<Note>,
}

impl Findings {
    /// Record a finding on `rows` (named by their target or observation ids; `id_col` names
    /// the id column of other tables).
    fn add(&mut self, check: &str, table: &str, rows: &[&Row], id_col: &str, message: String) {
        let severity = RULES.iter().find(|r| r.id == check).map_or("warning", |r| r.severity);
        let mut doc_ids: Vec<String> = rows.iter().filter_map(|r| s(r, "doc_id").map(str::to_string)).collect();
        doc_ids.sort();
        doc_ids.dedup();
        self.list.push(Note {
            check: check.into(),
            severity: severity.into(),
            table: table.into(),
            row_ids: rows.iter().filter_map(|r| row_id(r).or(s(r, id_col)).map(str::to_string)).collect(),
            doc_ids,
            message,
        });
    }
}

fn fmt(v: f64) -> String {
    crate::publish::format_f64((v * 1e6).round() / 1e6)
}

/// Apply every rule; returns the validation rows (acknowledged where an erratum matches).
pub fn validate(n: &Normalized, m: &Mappings) -> Result<Vec<Row>, PipelineError> {
    let t = &n.tables;
    let targets = t.rows("targets");
    let observations = t.rows("observations");
    let docs: BTreeMap<&str, &Row> =
        t.rows("documents").iter().filter_map(|d| s(d, "doc_id").map(|id| (id, d))).collect();
    let issue_year = |doc: &str| {
        docs.get(doc).and_then(|d| s(d, "issued_on")).and_then(|x| x.get(..4)).and_then(|y| y.parse::<i64>().ok())
    };
    let period = |doc: &str| docs.get(doc).and_then(|d| i(d, "period_start").zip(i(d, "period_end")));
    let mut fs = Findings { list: n.notes.clone() };

    for (table, rows, id) in [("targets", targets, "target_id"), ("observations", observations, "observation_id")] {
        for r in rows {
            let ind = s(r, "indicator_raw").unwrap_or("");
            if s(r, "kind") == Some("share")
                && s(r, "unit_raw") == Some("%")
                && f(r, "value").is_some_and(|v| v > 100.0)
            {
                fs.add(
                    "unit.share_over_100",
                    table,
                    &[r],
                    id,
                    format!("“{ind}” is a share of {}% — over 100 %", fmt(f(r, "value").unwrap_or(0.0))),
                );
            }
            if let (Some(ind_id), Some(unit)) = (s(r, "indicator_id"), s(r, "unit")) {
                let expected = m.indicators.iter().find(|x| x.id == ind_id).map(|x| x.dimension.as_str());
                let actual = unit_dimension(m, unit);
                let level_like = matches!(s(r, "kind"), Some("level") | Some("count") | Some("capacity"));
                if let (Some(e), Some(a)) = (expected, actual) {
                    if level_like && !crate::stage_normalize::compatible_dimensions(e, a) {
                        fs.add(
                            "unit.dimension_mismatch",
                            table,
                            &[r],
                            id,
                            format!(
                                "“{ind}” ({ind_id}) expects {e} but is given in “{}” ({a})",
                                s(r, "unit_raw").unwrap_or("")
                            ),
                        );
                    }
                }
            }
        }
    }
    for r in targets {
        let doc = s(r, "doc_id").unwrap_or("");
        let ind = s(r, "indicator_raw").unwrap_or("");
        let ty = i(r, "target_year");
        // 个百分点 vs %: a share changes by points; a level changes by percent.
        if s(r, "kind") == Some("change") {
            let dim = s(r, "indicator_id")
                .and_then(|id| m.indicators.iter().find(|x| x.id == id))
                .map(|x| x.dimension.as_str());
            let unit = s(r, "unit_raw").unwrap_or("");
            let share_like = dim == Some("percent") || ind.ends_with('率') || ind.ends_with("比重");
            if share_like && unit == "%" {
                fs.add(
                    "unit.points_vs_percent",
                    "targets",
                    &[r],
                    "target_id",
                    format!(
                        "“{ind}” is a share or rate, changed by {}% — 个百分点 (percentage points) probably meant",
                        fmt(f(r, "value").unwrap_or(0.0))
                    ),
                );
            } else if !share_like && unit.contains("百分点") && dim.is_some() {
                fs.add(
                    "unit.points_vs_percent",
                    "targets",
                    &[r],
                    "target_id",
                    format!(
                        "“{ind}” is not a share, yet changes by {} 个百分点 — % probably meant",
                        fmt(f(r, "value").unwrap_or(0.0))
                    ),
                );
            }
        }
        if let (Some(y), Some(iy)) = (ty, issue_year(doc)) {
            if y < iy {
                fs.add(
                    "year.target_before_issue",
                    "targets",
                    &[r],
                    "target_id",
                    format!("“{ind}” is due in {y}, before the document was issued ({iy})"),
                );
            }
        }
        if let (Some(y), Some(b)) = (ty, i(r, "baseline_year")) {
            if b >= y {
                fs.add(
                    "year.baseline_not_before_target",
                    "targets",
                    &[r],
                    "target_id",
                    format!("“{ind}”: baseline year {b} is not before target year {y}"),
                );
            }
        }
        if let (Some(y), Some((ps, pe))) = (ty, period(doc)) {
            if r.get("year_explicit") == Some(&json!(false)) && (y < ps || y > pe) {
                fs.add(
                    "year.outside_plan_period",
                    "targets",
                    &[r],
                    "target_id",
                    format!("“{ind}” is due in {y}, outside the plan period {ps}–{pe}, and no year is written"),
                );
            }
        }
        if let (Some(v), Some(vm)) = (f(r, "value"), f(r, "value_max")) {
            if vm < v {
                fs.add(
                    "arithmetic.range_inverted",
                    "targets",
                    &[r],
                    "target_id",
                    format!("“{ind}”: range {} to {} runs backwards", fmt(v), fmt(vm)),
                );
            }
        }
        if s(r, "kind") == Some("growth_rate") && f(r, "value").is_some_and(|v| v > 50.0) {
            fs.add(
                "arithmetic.implausible_growth",
                "targets",
                &[r],
                "target_id",
                format!("“{ind}” grows {}% a year: a lost decimal point?", fmt(f(r, "value").unwrap_or(0.0))),
            );
        }
    }
    for r in observations {
        let doc = s(r, "doc_id").unwrap_or("");
        if let (Some(y), Some(iy)) = (i(r, "year"), issue_year(doc)) {
            if y > iy {
                fs.add(
                    "year.observation_after_issue",
                    "observations",
                    &[r],
                    "observation_id",
                    format!(
                        "“{}” is reported for {y}, after the document was issued ({iy})",
                        s(r, "indicator_raw").unwrap_or("")
                    ),
                );
            }
        }
    }
    bounded_by(targets, m, &mut fs);
    parts_of_whole(targets, &mut fs);
    cagr(targets, &mut fs);
    duplicates(targets, &mut fs);
    per_unit_consistency(targets, observations, m, &mut fs);
    cross_document(targets, &mut fs)?;
    attainment(targets, observations, &docs, &mut fs);

    // Errata acknowledge findings on the value they name.
    let value_of: std::collections::HashMap<&str, f64> =
        targets.iter().chain(observations).filter_map(|r| row_id(r).zip(f(r, "value"))).collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut used_errata = std::collections::BTreeSet::new();
    for (k, note) in fs.list.iter().enumerate() {
        let values: Vec<f64> = note.row_ids.iter().filter_map(|id| value_of.get(id.as_str()).copied()).collect();
        let erratum = m.errata.iter().find(|e| {
            e.check == note.check
                && note.doc_ids.contains(&e.doc_id)
                && values.iter().any(|v| (v - e.value).abs() < 1e-9)
        });
        let rule = RULES.iter().find(|r| r.id == note.check);
        let mut message = note.message.clone();
        if let Some(e) = erratum {
            message.push_str(&format!(" — acknowledged ({}): {}", e.id, e.reason));
            used_errata.insert(e.id.as_str());
        }
        rows.push(
            json!({
                "finding_id": format!("f{:05}", k + 1),
                "check": note.check, "rule_description": rule.map(|r| r.description), "severity": note.severity,
                "table": note.table, "row_ids": note.row_ids, "doc_ids": note.doc_ids,
                "message": message, "acknowledged": erratum.is_some(),
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
        );
    }
    // An erratum that acknowledges nothing is stale: the source or the extraction changed.
    for e in m.errata.iter().filter(|e| !used_errata.contains(e.id.as_str())) {
        let k = rows.len();
        let rule = RULES.iter().find(|r| r.id == "errata.stale");
        rows.push(
            json!({
                "finding_id": format!("f{:05}", k + 1),
                "check": "errata.stale", "rule_description": rule.map(|r| r.description), "severity": "error",
                "table": "validation", "row_ids": [e.id], "doc_ids": [e.doc_id],
                "message": format!(
                    "{}:{}: erratum `{}` (check {}, value {}) matches no finding any more; update or remove it",
                    m.dir.join("errata.yaml").display(),
                    e.line, e.id, e.check, fmt(e.value)
                ),
                "acknowledged": false,
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
        );
    }
    Ok(rows)
}

/// A value above the indicator that bounds it (curated `bounded_by`), same document,
/// region, industry, enterprise and year.
fn bounded_by(targets: &[Row], m: &Mappings, fs: &mut Findings) {
    // Same subject: one section of one document, same scope, region and year. Rows are
    // grouped by subject first, so the check is linear in the number of targets.
    const SUBJECT: [&str; 7] =
        ["doc_id", "section", "scope_text", "region_code", "industry_id", "enterprise_id", "target_year"];
    let mut groups: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in targets.iter().filter(|r| s(r, "kind") == Some("level") && s(r, "indicator_id").is_some()) {
        let key = SUBJECT.iter().map(|k| r.get(*k).map(|v| v.to_string()).unwrap_or_default());
        groups.entry(key.collect::<Vec<_>>().join("|")).or_default().push(r);
    }
    for levels in groups.values() {
        for part in levels {
            let Some(ind) = s(part, "indicator_id").and_then(|id| m.indicators.iter().find(|i| i.id == id)) else {
                continue;
            };
            let bounds = |w: &&&Row| s(w, "indicator_id").is_some_and(|id| ind.bounded_by.iter().any(|b| b == id));
            for whole in levels.iter().filter(bounds) {
                if f(part, "value_std").zip(f(whole, "value_std")).is_some_and(|(a, b)| a > b) {
                    fs.add(
                        "arithmetic.part_exceeds_whole",
                        "targets",
                        &[part, whole],
                        "target_id",
                        format!(
                            "“{}” {} {} exceeds “{}” {} {}, which bounds it",
                            s(part, "indicator_raw").unwrap_or(""),
                            fmt(f(part, "value").unwrap_or(0.0)),
                            s(part, "unit_raw").unwrap_or(""),
                            s(whole, "indicator_raw").unwrap_or(""),
                            fmt(f(whole, "value").unwrap_or(0.0)),
                            s(whole, "unit_raw").unwrap_or("")
                        ),
                    );
                }
            }
        }
    }
}

/// Parts listed after 其中 (part_of_target_id) against the whole they belong to.
fn parts_of_whole(targets: &[Row], fs: &mut Findings) {
    let mut parts: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in targets {
        if let Some(w) = s(r, "part_of_target_id") {
            parts.entry(w).or_default().push(r);
        }
    }
    let by_id: std::collections::HashMap<&str, &Row> =
        targets.iter().filter_map(|r| s(r, "target_id").map(|id| (id, r))).collect();
    for (whole_id, ps) in parts {
        let Some(whole) = by_id.get(whole_id).copied() else {
            continue;
        };
        let (Some(total), Some(sum)) =
            (f(whole, "value_std"), ps.iter().map(|p| f(p, "value_std")).sum::<Option<f64>>())
        else {
            continue;
        };
        if sum > total * (1.0 + 1e-9) {
            let listing = ps
                .iter()
                .map(|p| format!("{} {}", fmt(f(p, "value").unwrap_or(0.0)), s(p, "unit_raw").unwrap_or("")))
                .collect::<Vec<_>>()
                .join(" + ");
            let mut rows = vec![whole];
            rows.extend(ps.iter().copied());
            fs.add(
                "arithmetic.parts_exceed_whole",
                "targets",
                &rows,
                "target_id",
                format!(
                    "parts of “{}” {} {}: {listing} add up to more",
                    s(whole, "indicator_raw").unwrap_or(""),
                    fmt(f(whole, "value").unwrap_or(0.0)),
                    s(whole, "unit_raw").unwrap_or("")
                ),
            );
        }
    }
}

/// A growth rate against its baseline and level target (same document and indicator phrase).
fn cagr(targets: &[Row], fs: &mut Findings) {
    // Level targets indexed by (document, indicator phrase, year), so each growth rate
    // finds its level in O(1).
    let key = |r: &Row, year: Option<i64>| {
        format!("{}|{}|{}", s(r, "doc_id").unwrap_or(""), s(r, "indicator_raw").unwrap_or(""), year.unwrap_or(0))
    };
    let mut levels: std::collections::HashMap<String, Vec<&Row>> = std::collections::HashMap::new();
    for r in targets.iter().filter(|r| s(r, "kind") == Some("level")) {
        levels.entry(key(r, i(r, "target_year"))).or_default().push(r);
    }
    for g in targets.iter().filter(|r| s(r, "kind") == Some("growth_rate")) {
        let (Some(rate), Some(by), Some(bv), Some(ty)) =
            (f(g, "value"), i(g, "baseline_year"), f(g, "baseline_value"), i(g, "target_year"))
        else {
            continue;
        };
        let level = levels
            .get(&key(g, Some(ty)))
            .and_then(|ls| ls.iter().copied().find(|r| f(r, "baseline_value") == Some(bv)));
        let Some(level) = level else { continue };
        let Some(tv) = f(level, "value") else {
            continue;
        };
        if ty <= by || bv <= 0.0 {
            continue;
        }
        let implied = ((tv / bv).powf(1.0 / (ty - by) as f64) - 1.0) * 100.0;
        if (implied - rate).abs() > CAGR_TOLERANCE_PP {
            fs.add(
                "consistency.cagr",
                "targets",
                &[g, level],
                "target_id",
                format!(
                    "“{}” from {} ({by}) to {} ({ty}) implies {:.1}% a year, the text says {}%",
                    s(g, "indicator_raw").unwrap_or(""),
                    fmt(bv),
                    fmt(tv),
                    implied,
                    fmt(rate)
                ),
            );
        }
    }
}

/// The amounts of one canonical indicator (levels, capacities, counts) should share a unit
/// dimension; a mix of per-unit and total units means some figures are not comparable.
fn per_unit_consistency(targets: &[Row], observations: &[Row], m: &Mappings, fs: &mut Findings) {
    let dimension = |unit: &str| unit_dimension(m, unit);
    let mut by_indicator: BTreeMap<&str, BTreeMap<&str, Vec<&Row>>> = BTreeMap::new();
    for r in targets.iter().chain(observations) {
        if !matches!(s(r, "kind"), Some("level") | Some("capacity") | Some("count")) {
            continue;
        }
        if let (Some(ind), Some(dim)) = (s(r, "indicator_id"), s(r, "unit").and_then(dimension)) {
            by_indicator.entry(ind).or_default().entry(dim).or_default().push(r);
        }
    }
    // Generic indicators (dimension `other`, e.g. production capacity of any product) take
    // any unit by design.
    let generic = |id: &str| m.indicators.iter().any(|i| i.id == id && i.dimension == "other");
    for (ind, dims) in by_indicator.iter().filter(|(id, d)| d.len() > 1 && !generic(id)) {
        let rows: Vec<&Row> = dims.values().map(|v| v[0]).collect();
        let listing = dims
            .iter()
            .map(|(dim, rs)| format!("“{}” ({dim}, {} rows)", s(rs[0], "unit_raw").unwrap_or(""), rs.len()))
            .collect::<Vec<_>>()
            .join(" and ");
        fs.add("unit.per_unit_inconsistent", "targets", &rows, "target_id", format!("{ind} is given in {listing}"));
    }
}

fn duplicates(targets: &[Row], fs: &mut Findings) {
    let mut seen: BTreeMap<String, &Row> = BTreeMap::new();
    for r in targets {
        let key = ["doc_id", "value", "unit_raw", "target_year", "char_end", "kind"]
            .iter()
            .map(|k| r.get(*k).map(|v| v.to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("|");
        if let Some(prev) = seen.get(&key) {
            fs.add(
                "consistency.duplicate_row",
                "targets",
                &[prev, r],
                "target_id",
                format!(
                    "“{}” {} {} appears twice",
                    s(r, "indicator_raw").unwrap_or(""),
                    fmt(f(r, "value").unwrap_or(0.0)),
                    s(r, "unit_raw").unwrap_or("")
                ),
            );
        } else {
            seen.insert(key, r);
        }
    }
}

/// Same canonical indicator, region, year and kind, different values in different
/// documents. Grouping is done with polars.
fn cross_document(targets: &[Row], fs: &mut Findings) -> Result<(), PipelineError> {
    let rows: Vec<&Row> = targets
        .iter()
        .filter(|r| s(r, "indicator_id").is_some() && f(r, "value_std").is_some() && i(r, "target_year").is_some())
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    // Same measure of the same scope: indicator, region, industry, enterprise, year, kind.
    let key = |r: &Row| {
        ["indicator_id", "region_code", "industry_id", "enterprise_id", "target_year", "kind", "qualifier"]
            .iter()
            .map(|k| r.get(*k).map(|v| v.to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("|")
    };
    let keys: Vec<String> = rows.iter().map(|r| key(r)).collect();
    let docs: Vec<String> = rows.iter().map(|r| s(r, "doc_id").unwrap_or("").to_string()).collect();
    let values: Vec<f64> = rows.iter().map(|r| f(r, "value_std").unwrap_or(0.0)).collect();
    let perr = |e: PolarsError| PipelineError::Other(format!("cross-document check: {e}"));
    let df = df!("key" => keys, "doc_id" => docs, "value_std" => values).map_err(perr)?;
    let conflicts = df
        .lazy()
        .group_by([col("key")])
        .agg([
            col("doc_id").n_unique().alias("n_docs"),
            col("value_std").min().alias("lo"),
            col("value_std").max().alias("hi"),
        ])
        .filter(col("n_docs").gt(lit(1)).and(col("hi").gt(col("lo") * lit(1.000001))))
        .sort(["key"], SortMultipleOptions::default())
        .collect()
        .map_err(perr)?;
    let conflict_keys: Vec<String> =
        conflicts.column("key").map_err(perr)?.str().map_err(perr)?.iter().flatten().map(str::to_string).collect();
    let mut by_key: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in &rows {
        by_key.entry(key(r)).or_default().push(r);
    }
    for k in conflict_keys {
        let group: Vec<&Row> = by_key.get(&k).cloned().unwrap_or_default();
        let listing = group
            .iter()
            .map(|r| {
                format!(
                    "{} says {} {}",
                    s(r, "doc_id").unwrap_or(""),
                    fmt(f(r, "value").unwrap_or(0.0)),
                    s(r, "unit_raw").unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let first = group[0];
        fs.add(
            "consistency.cross_document",
            "targets",
            &group,
            "target_id",
            format!(
                "“{}” ({}) for {}: {listing}",
                s(first, "indicator_raw").unwrap_or(""),
                s(first, "indicator_id").unwrap_or(""),
                i(first, "target_year").unwrap_or(0)
            ),
        );
    }
    Ok(())
}

/// A later document's observation against an earlier document's target for that year.
fn attainment(targets: &[Row], observations: &[Row], docs: &BTreeMap<&str, &Row>, fs: &mut Findings) {
    let issued = |r: &Row| s(r, "doc_id").and_then(|d| docs.get(d)).and_then(|d| s(d, "issued_on")).map(str::to_string);
    // Observations indexed by what they measure, so the check is linear in the rows.
    let key = |r: &Row, year: &str| {
        ["indicator_id", "region_code", "unit"]
            .iter()
            .map(|k| r.get(*k).map(|v| v.to_string()).unwrap_or_default())
            .chain(std::iter::once(i(r, year).unwrap_or(0).to_string()))
            .collect::<Vec<_>>()
            .join("|")
    };
    let mut by_key: std::collections::HashMap<String, Vec<&Row>> = std::collections::HashMap::new();
    for o in observations.iter().filter(|o| s(o, "indicator_id").is_some()) {
        by_key.entry(key(o, "year")).or_default().push(o);
    }
    for t in targets
        .iter()
        .filter(|r| matches!(s(r, "kind"), Some("level") | Some("count") | Some("capacity") | Some("share")))
    {
        if s(t, "indicator_id").is_none() {
            continue;
        }
        // The first later document that reports the year settles the target (one finding
        // per target, however many documents repeat the figure).
        let later = by_key
            .get(&key(t, "target_year"))
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter(|o| issued(o) > issued(t));
        if let Some(o) =
            later.min_by_key(|o| (issued(o), s(o, "doc_id").map(str::to_string), row_id(o).map(str::to_string)))
        {
            let (Some(goal), Some(got)) = (f(t, "value"), f(o, "value")) else {
                continue;
            };
            let met = got >= goal;
            fs.add(
                "consistency.attainment",
                "targets",
                &[t, o],
                if s(t, "target_id").is_some() { "target_id" } else { "observation_id" },
                format!(
                    "“{}” {}: target {} {} ({}), reported {} ({}) — {} by {}",
                    s(t, "indicator_raw").unwrap_or(""),
                    i(t, "target_year").unwrap_or(0),
                    fmt(goal),
                    s(t, "unit_raw").unwrap_or(""),
                    s(t, "doc_id").unwrap_or(""),
                    fmt(got),
                    s(o, "doc_id").unwrap_or(""),
                    if met { "met" } else { "missed" },
                    fmt((got - goal).abs())
                ),
            );
        }
    }
}

/// Run the stage: `<work>/normalize.json` → `<work>/validate.json` (tables with findings).
pub fn run(mappings: &Mappings, work: &Path) -> Result<Normalized, PipelineError> {
    let mut n = crate::stage_normalize::load(work)?;
    let findings = validate(&n, mappings)?;
    *n.tables.rows_mut("validation") = findings;
    crate::workfile::save(&work.join("validate.json"), &n)?;
    Ok(n)
}

pub fn load(work: &Path) -> Result<Normalized, PipelineError> {
    crate::workfile::load(&work.join("validate.json"), "publish", "validate")
}
