//! Lookups in the curated layer: which canonical indicator an indicator phrase names (given
//! the dimension of its value). Regions are looked up in `curated::regions`.

use super::mappings::{Indicator, Named};

/// Indicator lookup: exact alias, then the longest alias that ends the phrase, then the
/// longest alias inside it (of equal lengths, the alphabetically first; of one alias
/// claimed by several indicators, the first in the mappings). Aliases are found by hashing
/// the phrase's suffixes and substrings, so a lookup costs what the phrase's length does,
/// not what the size of the curated list does.
pub struct IndicatorIndex<'a> {
    by_alias: std::collections::HashMap<String, Vec<&'a Indicator>>,
    /// The generic indicator of a kind of value (`default_for_kinds` in the YAML).
    default_for_kind: std::collections::HashMap<&'a str, &'a Indicator>,
}

impl<'a> IndicatorIndex<'a> {
    pub fn new(indicators: &'a [Indicator]) -> Self {
        let mut by_alias: std::collections::HashMap<String, Vec<&Indicator>> = std::collections::HashMap::new();
        for i in indicators {
            for a in i.spellings() {
                by_alias.entry(squash(a)).or_default().push(i);
            }
        }
        let default_for_kind = indicators
            .iter()
            .flat_map(|i| i.default_for_kinds.iter().map(move |k| (k.as_str(), i)))
            .collect();
        IndicatorIndex { by_alias, default_for_kind }
    }

    /// The canonical indicator of a phrase, among those whose dimension fits the value
    /// (a count of 企业 is never 工业总产值, a share is never a level).
    pub fn lookup(&self, phrase: &str, value_kind: &str, unit_dimension: Option<&str>) -> Option<&'a Indicator> {
        let p = squash(phrase);
        if p.is_empty() {
            return None;
        }
        let fits = |i: &&Indicator| dimension_fits(&i.dimension, value_kind, unit_dimension);
        let first_fit = |alias: &str| self.by_alias.get(alias).and_then(|is| is.iter().copied().find(fits));
        // Char boundaries of the phrase, so slices are whole characters.
        let bounds: Vec<usize> = p.char_indices().map(|(i, _)| i).chain(std::iter::once(p.len())).collect();
        let chars = bounds.len() - 1;
        if let Some(i) = first_fit(&p) {
            return Some(i);
        }
        // The longest alias of at least 2 characters that ends the phrase.
        if let Some(i) = (0..chars.saturating_sub(1)).find_map(|start| first_fit(&p[bounds[start]..])) {
            return Some(i);
        }
        // The longest alias of at least 3 characters inside it; of equal lengths, the
        // alphabetically first.
        for len in (3..=chars).rev() {
            let mut inside: Vec<&str> = (0..=chars - len)
                .map(|s| &p[bounds[s]..bounds[s + len]])
                .filter(|a| self.by_alias.contains_key(*a))
                .collect();
            inside.sort_unstable();
            if let Some(i) = inside.into_iter().find_map(first_fit) {
                return Some(i);
            }
        }
        None
    }

    /// The canonical indicator of a row: its phrase by [`lookup`](Self::lookup); for a share
    /// worded "part 占 whole" (企业创新投入占全市工业创新总投入), the share as the curated
    /// layer words it (…占比, 占…比重); else the generic indicator curated for its kind.
    pub fn of_row(&self, phrase: &str, value_kind: &str, unit_dimension: Option<&str>) -> Option<&'a Indicator> {
        if let Some(i) = self.lookup(phrase, value_kind, unit_dimension) {
            return Some(i);
        }
        if let Some((part, whole)) = phrase.split_once('占').filter(|_| value_kind == "share") {
            let whole = whole.trim_end_matches(['的', '比', '重']);
            let worded = [format!("{part}占比"), format!("{part}比重"), format!("占{whole}比重"), format!("占{whole}的比重")];
            if let Some(i) = worded.iter().find_map(|w| self.lookup(w, value_kind, unit_dimension)) {
                return Some(i);
            }
        }
        self.default_for_kind.get(value_kind).copied()
    }

    /// The indicator the phrase names exactly, whatever the value's unit.
    pub fn exact(&self, phrase: &str) -> Option<&'a Indicator> {
        self.by_alias.get(&squash(phrase)).and_then(|is| is.first().copied())
    }
}

/// Can a value of this kind and unit dimension be a value of an indicator of dimension
/// `indicator`? Growth rates and changes may refer to any indicator; levels, counts and
/// capacities need the indicator's own dimension; shares need a percent indicator.
pub fn dimension_fits(indicator: &str, value_kind: &str, unit: Option<&str>) -> bool {
    match value_kind {
        "growth_rate" | "change" => true,
        "share" => indicator == "percent",
        _ => match unit {
            None => true,
            Some(u) => compatible_dimensions(indicator, u),
        },
    }
}

/// Units of `unit` dimension may express an indicator of `indicator` dimension
/// (吨标准煤 for 万元工业增加值能耗: the per-money part is in the indicator's name).
pub fn compatible_dimensions(indicator: &str, unit: &str) -> bool {
    indicator == unit
        || indicator == "other"
        || matches!((indicator, unit), ("count", "vehicles") | ("vehicles", "count"))
        || indicator.strip_prefix(unit).is_some_and(|rest| rest.starts_with("_per_"))
}

/// A phrase as compared with aliases: no whitespace, folded like the texts.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).map(extract::text::fold_char).collect()
}

