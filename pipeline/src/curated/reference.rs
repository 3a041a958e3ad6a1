//! The reference tables of the data package, built from the curated layer: `indicators`,
//! `units` and `regions`, the rows that every indicator, unit and region code of the
//! published tables can be looked up in (names in Chinese and English, dimension, the
//! factor to the standard unit, the parent region).
//!
//! Standard units: every unit converts to the `base` of its dimension (units.yaml). A base
//! that is itself a unit id (`ratio`, `rank`) is that unit; any other base (`CNY`, `t`,
//! `item`, `%`) gets a row of its own whose code is the base symbol, so `value_std_unit` always
//! names a row of `units`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::mappings::{Mappings, Region};
use crate::error::PipelineError;
use crate::records::tables as rec;

/// The GB/T 2260 code table (`mappings/gbt2260.csv`: code, name_zh, level, parent_code).
pub const GBT2260_FILE: &str = "gbt2260.csv";

/// One row of `mappings/gbt2260.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct GbRegion {
    pub code: String,
    pub name_zh: String,
    pub level: String,
    pub parent_code: Option<String>,
}

/// Read `gbt2260.csv` from the mappings folder; an absent file is an empty table (the
/// regions of regions.yaml still resolve). A malformed line is an error naming it.
pub fn load_gbt2260(mappings_dir: &Path) -> Result<Vec<GbRegion>, PipelineError> {
    let path = mappings_dir.join(GBT2260_FILE);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(&path).map_err(|e| PipelineError::io(&path, e))?;
    let header: Vec<String> =
        reader.headers().map_err(|e| PipelineError::io(&path, e))?.iter().map(str::to_string).collect();
    if header != ["code", "name_zh", "level", "parent_code"] {
        return Err(PipelineError::curated(
            &path,
            format!("line 1: the header is {header:?}; it must be code,name_zh,level,parent_code"),
        ));
    }
    let mut out = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| PipelineError::curated(&path, format!("line {}: {e}", i + 2)))?;
        let code = rec.get(0).unwrap_or_default().to_string();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PipelineError::curated(
                &path,
                format!("line {}: code `{code}` is not six digits; fix the line or remove it", i + 2),
            ));
        }
        let parent = rec.get(3).filter(|p| !p.is_empty()).map(str::to_string);
        out.push(GbRegion {
            code,
            name_zh: rec.get(1).unwrap_or_default().to_string(),
            level: rec.get(2).unwrap_or_default().to_string(),
            parent_code: parent,
        });
    }
    Ok(out)
}

/// Unit code → code of its standard unit, for every unit code the extractor can give
/// (plain and with a magnitude prefix, `e4_tonne`) and every standard unit.
pub fn standard_units(m: &Mappings) -> BTreeMap<String, String> {
    unit_rows(m).into_iter().map(|r| (r.unit_code, r.standard_unit_code)).collect()
}

/// The `units` table: each curated unit, each prefixed form of a prefixable unit (as the
/// extractor names it, `<prefix id>_<unit id>`), and each standard unit not already a unit.
pub fn unit_rows(m: &Mappings) -> Vec<rec::Unit> {
    let mut rows: BTreeMap<String, rec::Unit> = BTreeMap::new();
    let ids: BTreeSet<&str> = m.units.units.iter().map(|u| u.id.as_str()).collect();
    for u in &m.units.units {
        let std = u.base.clone();
        let name_zh = u.surfaces.first().cloned();
        rows.insert(
            u.id.clone(),
            rec::Unit {
                unit_code: u.id.clone(),
                as_written: u.surfaces.clone(),
                name_zh,
                name_en: u.name_en.clone(),
                dimension: u.dimension.clone(),
                factor_to_standard: u.factor,
                standard_unit_code: std.clone(),
            },
        );
        if u.prefixable {
            for p in &m.units.prefixes {
                let code = format!("{}_{}", p.id, u.id);
                let written: Vec<String> = u.surfaces.iter().map(|s| format!("{}{s}", p.surface)).collect();
                rows.insert(
                    code.clone(),
                    rec::Unit {
                        unit_code: code,
                        name_zh: written.first().cloned(),
                        as_written: written,
                        name_en: u.name_en.as_ref().map(|n| format!("{} {n}", magnitude_en(p.factor))),
                        dimension: u.dimension.clone(),
                        factor_to_standard: u.factor * p.factor,
                        standard_unit_code: std.clone(),
                    },
                );
            }
        }
    }
    // Standard units that are not units of their own: one row per base symbol, named after
    // the unit of factor 1 when exactly one unit has that base and factor.
    let mut bases: BTreeMap<&str, (&str, Vec<&extract::units::UnitDef>)> = BTreeMap::new();
    for u in &m.units.units {
        let e = bases.entry(u.base.as_str()).or_insert((u.dimension.as_str(), Vec::new()));
        if u.factor == 1.0 {
            e.1.push(u);
        }
    }
    for (base, (dimension, ones)) in bases {
        if ids.contains(base) {
            continue;
        }
        let single = (ones.len() == 1).then(|| ones[0]);
        rows.insert(
            base.to_string(),
            rec::Unit {
                unit_code: base.to_string(),
                as_written: Vec::new(),
                name_zh: single.and_then(|u| u.surfaces.first()).cloned(),
                name_en: Some(format!("{base} (standard unit of {dimension})")),
                dimension: dimension.to_string(),
                factor_to_standard: 1.0,
                standard_unit_code: base.to_string(),
            },
        );
    }
    rows.into_values().collect()
}

fn magnitude_en(factor: f64) -> String {
    let exp = factor.log10().round();
    if (10f64.powf(exp) - factor).abs() < 0.5 {
        format!("10^{exp}")
    } else {
        format!("{factor}×")
    }
}

/// The `indicators` table: each canonical indicator with the standard unit of its
/// dimension (when the dimension has one base) and its aliases.
pub fn indicator_rows(m: &Mappings) -> Vec<rec::Indicator> {
    let mut base_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for u in &m.units.units {
        base_of.entry(u.dimension.as_str()).or_default().insert(u.base.as_str());
    }
    let mut rows: Vec<rec::Indicator> = m
        .indicators
        .iter()
        .map(|i| {
            let unit = base_of.get(i.dimension.as_str()).filter(|b| b.len() == 1).and_then(|b| b.first());
            let description = i.description.clone().unwrap_or_else(|| indicator_description(i));
            rec::Indicator {
                indicator_id: i.id.clone(),
                name_zh: i.name_zh.clone(),
                name_en: i.name_en.clone(),
                dimension: i.dimension.clone(),
                unit_code: unit.map(|u| u.to_string()),
                description: Some(description),
                aliases: i.aliases.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.indicator_id.cmp(&b.indicator_id));
    rows
}

/// A description of an indicator that has no curated one.
fn indicator_description(i: &super::mappings::Indicator) -> String {
    let mut d = format!("{} ({})", i.name_zh, i.name_en.as_deref().unwrap_or("no English name curated"));
    d.push_str(&format!("; a level is measured in units of dimension `{}`", i.dimension));
    if !i.bounded_by.is_empty() {
        d.push_str(&format!("; never exceeds {} for the same scope and year", i.bounded_by.join(", ")));
    }
    if !i.narrower_scope_of.is_empty() {
        d.push_str(&format!("; a narrower scope of {} (at most it for the same region and year)", i.narrower_scope_of.join(", ")));
    }
    d.push('.');
    d
}

/// The published level of a region: GB/T 2260's levels, with a municipal district
/// (市辖区) counted at county level as GB/T 2260 does.
fn published_level(level: &str) -> &str {
    match level {
        "district" => "county",
        other => other,
    }
}

/// The `regions` table: every code in `used` and all its ancestors, named from
/// regions.yaml (curated, with English names) or else from gbt2260.csv. A province's
/// parent is the whole country (100000) when the code table has it.
pub fn region_rows(m: &Mappings, gbt: &[GbRegion], used: &BTreeSet<String>) -> Vec<rec::Region> {
    let curated: BTreeMap<&str, &Region> = m.regions.iter().map(|r| (r.code.as_str(), r)).collect();
    let table: BTreeMap<&str, &GbRegion> = gbt.iter().map(|r| (r.code.as_str(), r)).collect();
    let country = table.keys().find(|c| table[*c].level == "country").map(|c| c.to_string());
    let row_of = |code: &str| -> Option<rec::Region> {
        let (name_zh, name_en, level, parent) = match (curated.get(code), table.get(code)) {
            (Some(r), gb) => {
                let parent = r.parent.clone().or_else(|| gb.and_then(|g| g.parent_code.clone())).or_else(|| {
                    (r.level == "province").then(|| country.clone()).flatten()
                });
                (r.name_zh.clone(), r.name_en.clone(), r.level.clone(), parent)
            }
            (None, Some(g)) => {
                let name_en = (g.level == "country").then(|| "China".to_string());
                (g.name_zh.clone(), name_en, g.level.clone(), g.parent_code.clone())
            }
            (None, None) => return None,
        };
        Some(rec::Region {
            region_code: code.to_string(),
            name_zh,
            name_en,
            level: published_level(&level).to_string(),
            parent_code: parent,
        })
    };
    let mut rows: BTreeMap<String, rec::Region> = BTreeMap::new();
    let mut todo: Vec<String> = used.iter().cloned().collect();
    while let Some(code) = todo.pop() {
        if rows.contains_key(&code) {
            continue;
        }
        if let Some(row) = row_of(&code) {
            if let Some(p) = &row.parent_code {
                todo.push(p.clone());
            }
            rows.insert(code, row);
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mappings() -> Mappings {
        Mappings::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../mappings")).unwrap()
    }

    #[test]
    fn every_unit_code_has_a_standard_unit_that_is_a_row() {
        let m = mappings();
        let rows = unit_rows(&m);
        let codes: BTreeSet<&str> = rows.iter().map(|r| r.unit_code.as_str()).collect();
        assert_eq!(codes.len(), rows.len(), "unit codes are unique");
        for r in &rows {
            assert!(codes.contains(r.standard_unit_code.as_str()), "{r:?}");
        }
        let std = standard_units(&m);
        assert_eq!(std["e8_yuan"], "CNY");
        assert_eq!(std["e4_tonne"], "t");
        assert_eq!(std["percent"], "%");
        assert_eq!(std["ratio"], "ratio", "a base that is a unit id is that unit");
        let e8 = rows.iter().find(|r| r.unit_code == "e8_yuan").unwrap();
        assert_eq!(e8.factor_to_standard, 1e8);
        assert_eq!(e8.as_written, ["亿元"]);
        let cny = rows.iter().find(|r| r.unit_code == "CNY").unwrap();
        assert_eq!(cny.name_zh.as_deref(), Some("元"));
    }

    #[test]
    fn regions_bring_their_ancestors() {
        let m = mappings();
        let gbt = load_gbt2260(&m.dir).unwrap();
        assert!(gbt.len() > 3000);
        let used: BTreeSet<String> = ["220182".to_string()].into();
        let rows = region_rows(&m, &gbt, &used);
        let codes: Vec<&str> = rows.iter().map(|r| r.region_code.as_str()).collect();
        assert_eq!(codes, ["100000", "220000", "220100", "220182"]);
        assert_eq!(rows[1].parent_code.as_deref(), Some("100000"));
        assert_eq!(rows[1].name_en.as_deref(), Some("Jilin Province"));
        assert_eq!(rows[0].level, "country");
        assert!(rows[0].parent_code.is_none());
        // A code only the GB/T 2260 table knows.
        let rows = region_rows(&m, &gbt, &["110101".to_string()].into());
        assert_eq!(rows.iter().find(|r| r.region_code == "110101").unwrap().name_zh, "东城区");
    }

    #[test]
    fn bad_code_table_names_the_line() {
        let dir = std::env::temp_dir().join(format!("gbt-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(GBT2260_FILE), "code,name_zh,level,parent_code\n100000,全国,country,\n2200,吉林省,province,100000\n")
            .unwrap();
        let e = load_gbt2260(&dir).unwrap_err().to_string();
        assert!(e.contains("line 3") && e.contains("gbt2260.csv"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
