//! The curated layer: YAML files a curator edits (units, regions, indicators, industries,
//! enterprises, errata). Loading checks what serde cannot: duplicate ids, an alias claimed
//! by two entries, non-positive unit factors, references to unknown ids. Every error names
//! the file and line.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{line_of, yaml_error, PipelineError};
use extract::units::UnitTable;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub code: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub level: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub dimension: String,
    /// What the indicator measures, for users (published in the `indicators` table); a
    /// description is generated from the names and dimension when absent.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Indicators this one can never exceed for the same scope and year.
    #[serde(default)]
    pub bounded_by: Vec<String>,
    /// Indicators that measure the same thing over a wider scope (规模以上工业总产值 is the
    /// part of 工业总产值 that enterprises above designated size produce): this one is at
    /// most theirs for the same region and year, and may equal it.
    #[serde(default)]
    pub narrower_scope_of: Vec<String>,
    /// Kinds of value (capacity…) whose phrase matches no alias and that this generic
    /// indicator takes (a capacity of 硫酸 or ABS is a production capacity).
    #[serde(default)]
    pub default_for_kinds: Vec<String>,
    /// Plausible range [min, max] of a level, in the standard unit of the dimension (the
    /// base of units.yaml: CNY, t, …); the note says why.
    #[serde(default)]
    pub range: Option<[f64; 2]>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub id: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub gbt4754: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    pub id: String,
    pub name_zh: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub industries: Vec<String>,
    #[serde(default)]
    pub ownership: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A known source error a curator acknowledges.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    pub id: String,
    /// The validation check it acknowledges (e.g. `consistency.cagr`).
    pub check: String,
    /// The document holding the value.
    pub doc_id: String,
    /// The value as written in that document.
    pub value: f64,
    /// What the value probably should be, when known.
    #[serde(default)]
    pub should_be: Option<f64>,
    pub reason: String,
    /// Line of the entry in errata.yaml (set on loading, for messages).
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    regions: Vec<Region>,
    /// One-character abbreviations of provinces as document numbers use them (鲁政发).
    #[serde(default)]
    province_abbreviations: BTreeMap<String, String>,
    /// Short names derived from the full code table that are also ordinary words.
    #[serde(default)]
    ambiguous_short_names: Vec<String>,
}
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    indicators: Vec<Indicator>,
}
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndustriesFile {
    industries: Vec<Industry>,
}
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EnterprisesFile {
    enterprises: Vec<Enterprise>,
}
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrataFile {
    #[serde(default)]
    errata: Vec<Erratum>,
}

/// The whole curated layer.
#[derive(Debug, Clone)]
pub struct Mappings {
    pub dir: PathBuf,
    pub units: UnitTable,
    /// Curated regions (regions.yaml) and every code of the full GB/T 2260 table.
    pub regions: Vec<Region>,
    /// The full GB/T 2260 table as `mappings/gbt2260.csv` gives it (for the regions table).
    pub gbt2260: Vec<super::reference::GbRegion>,
    /// Province abbreviation (鲁) → province code (370000).
    pub province_abbreviations: BTreeMap<String, String>,
    pub indicators: Vec<Indicator>,
    pub industries: Vec<Industry>,
    pub enterprises: Vec<Enterprise>,
    pub errata: Vec<Erratum>,
}

fn read_yaml<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<(T, String), PipelineError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| PipelineError::io(path, format!("{e} (the curated layer needs this file)")))?;
    let v = serde_yaml::from_str(&text).map_err(|e| yaml_error(path, e))?;
    Ok((v, text))
}

fn dup_check<'a>(
    path: &Path,
    text: &str,
    what: &str,
    items: impl Iterator<Item = &'a str>,
) -> Result<(), PipelineError> {
    let mut seen = HashMap::new();
    for id in items {
        if seen.insert(id, ()).is_some() {
            return Err(PipelineError::curated(
                path,
                format!(
                    "line {}: duplicate {what} `{id}`: each must be unique; merge the two entries or rename one",
                    line_of_last(text, id)
                ),
            ));
        }
    }
    Ok(())
}

/// A curated entry that texts name: its key, and every spelling the matchers look for.
pub trait Named {
    /// The YAML field holding the key (`id`, or `code` for regions).
    const KEY_FIELD: &'static str;
    fn key(&self) -> &str;
    /// The aliases, then the canonical name.
    fn spellings(&self) -> impl Iterator<Item = &String>;
}

macro_rules! named_by_aliases {
    ($ty:ty, $key:ident) => {
        impl Named for $ty {
            const KEY_FIELD: &'static str = stringify!($key);
            fn key(&self) -> &str {
                &self.$key
            }
            fn spellings(&self) -> impl Iterator<Item = &String> {
                self.aliases.iter().chain(std::iter::once(&self.name_zh))
            }
        }
    };
}
named_by_aliases!(Region, code);
named_by_aliases!(Indicator, id);
named_by_aliases!(Industry, id);
named_by_aliases!(Enterprise, id);

impl Named for extract::units::UnitDef {
    const KEY_FIELD: &'static str = "id";
    fn key(&self) -> &str {
        &self.id
    }
    fn spellings(&self) -> impl Iterator<Item = &String> {
        self.surfaces.iter()
    }
}

/// A blank name or alias would match at every position of every text: a curation slip,
/// reported at the line of the entry's key.
fn blank_check<T: Named>(path: &Path, text: &str, entries: &[T]) -> Result<(), PipelineError> {
    for e in entries {
        if e.spellings().any(|n| n.trim().is_empty()) {
            return Err(PipelineError::curated(
                path,
                format!(
                    "line {}: `{}` has an empty name or alias; fill it in or remove it",
                    line_of(text, &format!("{}: {}", T::KEY_FIELD, e.key())),
                    e.key()
                ),
            ));
        }
    }
    Ok(())
}

fn line_of_last(text: &str, needle: &str) -> usize {
    text.lines().enumerate().filter(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1).last().unwrap_or(0)
}

impl Mappings {
    /// Is industry `inner` inside `outer` by the curated parents (vehicle_assembly is
    /// inside automotive)? An industry is not inside itself.
    pub fn industry_within(&self, inner: &str, outer: &str) -> bool {
        let parent_of = |id: &str| self.industries.iter().find(|i| i.id == id).and_then(|i| i.parent.as_deref());
        let mut cur = parent_of(inner);
        // Bounded: the loader checks that parents exist, not that they form no cycle.
        for _ in 0..self.industries.len() {
            match cur {
                Some(p) if p == outer => return true,
                Some(p) => cur = parent_of(p),
                None => return false,
            }
        }
        false
    }

    /// Load the curated layer from `dir` and check it: each file by its own step, then
    /// the references between files (enterprises name industries).
    pub fn load(dir: &Path) -> Result<Mappings, PipelineError> {
        let units = load_units(&dir.join("units.yaml"))?;
        let (regions, province_abbreviations, gbt2260) = load_regions(dir)?;
        let indicators = load_indicators(&dir.join("indicators.yaml"))?;
        let industries = load_industries(&dir.join("industries.yaml"))?;
        let enterprises = load_enterprises(&dir.join("enterprises.yaml"), &industries)?;
        let errata = load_errata(&dir.join("errata.yaml"))?;
        Ok(Mappings { dir: dir.to_path_buf(), units, regions, gbt2260, province_abbreviations, indicators, industries, enterprises, errata })
    }
}

/// units.yaml: positive finite factors, unique ids and spellings, no blank spelling.
fn load_units(path: &Path) -> Result<UnitTable, PipelineError> {
    let (units, text): (UnitTable, String) = read_yaml(path)?;
    for u in &units.units {
        if !(u.factor > 0.0 && u.factor.is_finite()) {
            return Err(PipelineError::curated(
                path,
                format!(
                    "line {}: unit `{}` has factor {}; a factor must be a positive number",
                    line_of(&text, &format!("id: {}", u.id)),
                    u.id,
                    u.factor
                ),
            ));
        }
    }
    for x in &units.prefixes {
        if !(x.factor > 0.0 && x.factor.is_finite()) {
            return Err(PipelineError::curated(
                path,
                format!("prefix `{}` has factor {}; it must be positive", x.surface, x.factor),
            ));
        }
    }
    dup_check(path, &text, "unit id", units.units.iter().map(|u| u.id.as_str()))?;
    blank_check(path, &text, &units.units)?;
    dup_check(path, &text, "unit spelling", units.units.iter().flat_map(|u| u.surfaces.iter().map(String::as_str)))?;
    Ok(units)
}

/// regions.yaml merged with the full GB/T 2260 table (gbt2260.csv), the province
/// abbreviations, and the code table itself.
fn load_regions(
    dir: &Path,
) -> Result<(Vec<Region>, BTreeMap<String, String>, Vec<super::reference::GbRegion>), PipelineError> {
    let path = dir.join("regions.yaml");
    let (RegionsFile { regions, province_abbreviations, ambiguous_short_names }, text) = read_yaml(&path)?;
    dup_check(&path, &text, "region code", regions.iter().map(|r| r.code.as_str()))?;
    blank_check(&path, &text, &regions)?;
    let gbt2260 = super::reference::load_gbt2260(dir)?;
    let regions = super::regions::merge(regions, super::regions::from_gbt2260(&gbt2260), &ambiguous_short_names);
    Ok((regions, province_abbreviations, gbt2260))
}

/// indicators.yaml: unique ids and aliases, no blank name, `bounded_by` and
/// `narrower_scope_of` naming indicators.
fn load_indicators(path: &Path) -> Result<Vec<Indicator>, PipelineError> {
    let (IndicatorsFile { indicators }, text) = read_yaml(path)?;
    dup_check(path, &text, "indicator id", indicators.iter().map(|r| r.id.as_str()))?;
    blank_check(path, &text, &indicators)?;
    dup_check(path, &text, "indicator alias", indicators.iter().flat_map(|r| r.aliases.iter().map(String::as_str)))?;
    for i in &indicators {
        let named = i.bounded_by.iter().map(|b| ("bounded_by", b)).chain(i.narrower_scope_of.iter().map(|b| ("narrower_scope_of", b)));
        for (field, b) in named {
            if !indicators.iter().any(|x| &x.id == b) {
                return Err(PipelineError::curated(
                    path,
                    format!(
                        "line {}: indicator `{}` has {field} `{b}`, which is not an indicator id; name an `id:` of indicators.yaml",
                        line_of(&text, &format!("id: {}", i.id)),
                        i.id
                    ),
                ));
            }
        }
    }
    Ok(indicators)
}

/// industries.yaml: unique ids, no blank name, parents that are industries.
fn load_industries(path: &Path) -> Result<Vec<Industry>, PipelineError> {
    let (IndustriesFile { industries }, text) = read_yaml(path)?;
    dup_check(path, &text, "industry id", industries.iter().map(|r| r.id.as_str()))?;
    blank_check(path, &text, &industries)?;
    for i in &industries {
        if let Some(parent) = &i.parent {
            if !industries.iter().any(|x| &x.id == parent) {
                return Err(PipelineError::curated(
                    path,
                    format!(
                        "line {}: industry `{}` names parent `{parent}`, which is not an industry id",
                        line_of(&text, &format!("id: {}", i.id)),
                        i.id
                    ),
                ));
            }
        }
    }
    Ok(industries)
}

/// enterprises.yaml: unique ids, no blank name, each alias naming one enterprise, and
/// industries that are in industries.yaml.
fn load_enterprises(path: &Path, industries: &[Industry]) -> Result<Vec<Enterprise>, PipelineError> {
    let (EnterprisesFile { enterprises }, text) = read_yaml(path)?;
    dup_check(path, &text, "enterprise id", enterprises.iter().map(|r| r.id.as_str()))?;
    blank_check(path, &text, &enterprises)?;
    let industry_ids: std::collections::HashSet<&str> = industries.iter().map(|i| i.id.as_str()).collect();
    let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
    for e in &enterprises {
        for a in e.spellings() {
            if let Some(other) = claimed.insert(a.as_str(), e.id.as_str()) {
                if other != e.id {
                    return Err(PipelineError::curated(
                        path,
                        format!("line {}: alias `{a}` is claimed by both `{other}` and `{}`; an alias must name one enterprise", line_of_last(&text, a), e.id),
                    ));
                }
            }
        }
        for ind in &e.industries {
            if !industry_ids.contains(ind.as_str()) {
                return Err(PipelineError::curated(
                    path,
                    format!(
                        "line {}: enterprise `{}` names industry `{ind}`, which is not in industries.yaml",
                        line_of(&text, &format!("id: {}", e.id)),
                        e.id
                    ),
                ));
            }
        }
    }
    Ok(enterprises)
}

/// errata.yaml (optional): unique ids, each entry's line kept for messages.
fn load_errata(path: &Path) -> Result<Vec<Erratum>, PipelineError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let (ErrataFile { mut errata }, text) = read_yaml(path)?;
    for e in &mut errata {
        e.line = line_of(&text, &format!("id: {}", e.id));
    }
    dup_check(path, &text, "erratum id", errata.iter().map(|r| r.id.as_str()))?;
    Ok(errata)
}
