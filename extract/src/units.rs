//! The unit vocabulary: which spellings after a number are units, what they measure and
//! how they convert. The table itself is curated data (mappings/units.yaml) handed in by
//! the caller; this module only compiles it into a longest-match recogniser so that
//! 万亿元 is never read as 万 + 亿元 and 个百分点 never as 个.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use std::sync::Arc;

/// A magnitude prefix written before a unit (万吨 = 万 + 吨).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UnitPrefix {
    pub surface: String,
    pub id: String,
    pub factor: f64,
    #[serde(default)]
    pub note: Option<String>,
}

/// One unit of the curated table.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    pub id: String,
    pub surfaces: Vec<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    pub dimension: String,
    pub base: String,
    pub factor: f64,
    #[serde(default)]
    pub prefixable: bool,
    /// Whether a number in this unit is a technical specification (时速400公里, 38纳米)
    /// rather than a policy quantity. Unset: decided by the dimension (see [`is_spec`]);
    /// a curator sets `spec: false` for an `other` unit that policies count in (美元, 标准箱).
    #[serde(default)]
    pub spec: Option<bool>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The whole curated unit table.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UnitTable {
    #[serde(default)]
    pub prefixes: Vec<UnitPrefix>,
    pub units: Vec<UnitDef>,
}

/// A unit recognised in text. Its id, dimension and base are shared with the lexicon
/// (`Arc<str>`): a unit is looked up after nearly every number, and copying those strings
/// each time was a good part of the allocations of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// The spelling as it stands in the normalised text (e.g. `万吨`, `%`).
    pub surface: String,
    /// Canonical id: the unit's id, prefixed by the magnitude's id (`e4_t`).
    pub id: Arc<str>,
    pub dimension: Arc<str>,
    pub base: Arc<str>,
    /// value × factor = value in `base`.
    pub factor: f64,
    /// Length in characters.
    pub chars: usize,
    /// A technical specification's unit (see [`UnitDef::spec`]).
    pub spec: bool,
}

/// Compiled recogniser over every spelling, with and without prefixes.
pub struct UnitLexicon {
    matcher: AhoCorasick,
    /// What each spelling (by pattern index) is read as.
    units: Vec<UnitMatch>,
}

impl UnitLexicon {
    pub fn new(table: &UnitTable) -> UnitLexicon {
        let mut units = Vec::new();
        let mut add = |surface: String, id: &str, u: &UnitDef, factor: f64| {
            units.push(UnitMatch {
                chars: surface.chars().count(),
                surface,
                id: id.into(),
                dimension: u.dimension.as_str().into(),
                base: u.base.as_str().into(),
                factor,
                spec: u.spec.unwrap_or_else(|| is_spec(&u.dimension)),
            })
        };
        for u in &table.units {
            for s in &u.surfaces {
                add(fold(s), &u.id, u, u.factor);
                if u.prefixable {
                    for p in &table.prefixes {
                        add(format!("{}{}", p.surface, fold(s)), &format!("{}_{}", p.id, u.id), u, u.factor * p.factor);
                    }
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::DFA)) // a few hundred spellings: a DFA is small and fastest
            .build(units.iter().map(|u| &u.surface))
            .expect("unit spellings compile");
        UnitLexicon { matcher, units }
    }

    /// The longest unit that starts exactly at byte `at` of `text`.
    pub fn match_at(&self, text: &str, at: usize) -> Option<UnitMatch> {
        let m = self.matcher.find(Input::new(text).range(at..).anchored(Anchored::Yes))?;
        Some(self.units[m.pattern().as_usize()].clone())
    }
}

fn fold(s: &str) -> String {
    s.chars().map(crate::text::fold_char).collect()
}

/// Dimensions whose values are physical production scales (capacity goals).
pub fn is_physical(dimension: &str) -> bool {
    matches!(dimension, "mass" | "vehicles" | "power" | "area" | "volume" | "energy")
}

/// Dimensions that mark a technical specification rather than a policy quantity, unless
/// the unit says otherwise ([`UnitDef::spec`]).
pub fn is_spec(dimension: &str) -> bool {
    matches!(dimension, "speed" | "length" | "data" | "other")
}

#[cfg(test)]
pub(crate) fn test_table() -> UnitTable {
    let unit = |id: &str, s: &[&str], dim: &str, base: &str, f: f64, p: bool| UnitDef {
        id: id.into(),
        surfaces: s.iter().map(|x| x.to_string()).collect(),
        name_en: None,
        dimension: dim.into(),
        base: base.into(),
        factor: f,
        prefixable: p,
        spec: None,
        note: None,
    };
    let prefix = |s: &str, id: &str, f: f64| UnitPrefix { surface: s.into(), id: id.into(), factor: f, note: None };
    UnitTable {
        prefixes: vec![prefix("万", "e4", 1e4), prefix("亿", "e8", 1e8), prefix("万亿", "e12", 1e12)],
        units: vec![
            unit("yuan", &["元"], "money", "CNY", 1.0, true),
            unit("t", &["吨"], "mass", "t", 1.0, true),
            unit("t_per_year", &["吨/年"], "mass", "t/year", 1.0, true),
            unit("vehicle", &["辆"], "vehicles", "vehicle", 1.0, true),
            unit("item", &["个", "家", "户", "件", "项", "名", "种", "次", "颗"], "count", "item", 1.0, true),
            unit("percent", &["%"], "percent", "%", 1.0, false),
            unit("pp", &["个百分点"], "percentage_point", "pp", 1.0, false),
            unit("multiple", &["倍"], "multiple", "x", 1.0, false),
            unit("rank", &["位"], "rank", "rank", 1.0, false),
            unit("kw", &["千瓦"], "power", "kW", 1.0, true),
            unit("m2", &["平方米"], "area", "m2", 1.0, true),
            unit("tce", &["吨标准煤"], "energy", "tce", 1.0, true),
            unit("yuan_per_person", &["元/人"], "money_per_person", "CNY/person", 1.0, true),
            unit("km", &["公里"], "length", "km", 1.0, true),
            unit("nm", &["纳米"], "length", "nm", 1e-9, false),
            unit("ratio", &["比"], "ratio", "ratio", 1.0, false),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        let lx = UnitLexicon::new(&test_table());
        let m = lx.match_at("2万亿元", 1).unwrap();
        assert_eq!((m.surface.as_str(), &*m.id, m.factor), ("万亿元", "e12_yuan", 1e12));
        assert_eq!(&*lx.match_at("2个百分点", 1).unwrap().dimension, "percentage_point");
        assert_eq!(lx.match_at("2个企业", 1).unwrap().surface, "个");
        assert_eq!(&*lx.match_at("3.1吨标准煤", 3).unwrap().id, "tce");
        assert_eq!(lx.match_at("30万吨/年", 2).unwrap().surface, "万吨/年");
        assert!(lx.match_at("2017年", 4).is_none());
    }
}

/// A unit as written in the original (２万吨／年 → 万吨／年), with only the full-width
/// percent sign folded, as the data contract asks. A unit the text implies without
/// writing it (比 of 40∶60) has no width and is given by its canonical spelling.
pub fn unit_as_written(text: &crate::text::Text, start: usize, unit: &UnitMatch) -> String {
    if unit.chars == 0 {
        return unit.surface.clone();
    }
    text.original_slice(start, start + unit.chars).replace('％', "%")
}
