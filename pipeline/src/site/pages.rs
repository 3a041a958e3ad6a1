//! The context of each page but the targets page and the charts: overview, one page per
//! table, data dictionary and findings. Each function gathers plain values (text and
//! numbers) for its template; the templates hold all markup.

use minijinja::context;
use serde::Serialize;
use std::collections::BTreeMap;

use super::cells::{str_of, TableView};
use super::charts::bars_chart;
use super::data::SiteData;
use super::render::render;
use crate::error::PipelineError;
use crate::records::schema::TableSchema;
use crate::writers::portal::DatasetMeta;

/// Links of the page frame; `current` marks the page being drawn.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub file: String,
    pub label: String,
}

/// What every page shares: the dataset's metadata and the navigation.
#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub meta: MetaView,
    pub nav: Nav,
}

#[derive(Debug, Clone, Serialize)]
pub struct Nav {
    pub pages: Vec<Link>,
    pub tables: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    pub name: String,
    pub title: String,
    pub description: String,
    pub version: String,
    pub license_title: String,
    pub license_url: String,
    pub source: String,
}

impl Frame {
    pub fn new(meta: &DatasetMeta, schemas: &[TableSchema]) -> Frame {
        let pages = [
            ("index.html", "Overview"),
            ("table-targets.html", "Targets"),
            ("charts.html", "Charts"),
            ("findings.html", "Findings"),
            ("dictionary.html", "Data dictionary"),
        ];
        Frame {
            meta: MetaView {
                name: meta.name.clone(),
                title: meta.title.clone(),
                description: meta.description.clone(),
                version: meta.version.clone(),
                license_title: meta.license_title.clone(),
                license_url: meta.license_url.clone(),
                source: meta.source.clone(),
            },
            nav: Nav {
                pages: pages.iter().map(|(f, l)| Link { file: f.to_string(), label: l.to_string() }).collect(),
                tables: schemas.iter().map(|s| Link { file: table_file(&s.name), label: s.name.clone() }).collect(),
            },
        }
    }

    /// Render page `template` as `file` titled `title`, with the page's own values.
    pub fn page<S: Serialize>(&self, template: &str, file: &str, title: &str, script: bool, page: S) -> Result<String, PipelineError> {
        render(
            template,
            context! { meta => &self.meta, nav => &self.nav, current => file, title => title, script => script, ..minijinja::Value::from_serialize(page) },
        )
    }
}

pub fn table_file(name: &str) -> String {
    format!("table-{}.html", slug(name))
}

/// A file-name and fragment-safe form of a name.
pub fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub required: bool,
    pub unit: String,
    pub description: String,
    pub allowed: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForeignKeyInfo {
    pub columns: String,
    pub target: String,
}

/// A table as the pages describe it: schema facts and how many rows it has and shows.
#[derive(Debug, Clone, Serialize)]
pub struct TableInfo {
    pub name: String,
    pub title: String,
    pub description: String,
    pub slug: String,
    pub file: String,
    pub primary_key: String,
    pub total: usize,
    pub shown: usize,
    pub columns: Vec<ColumnInfo>,
    pub foreign_keys: Vec<ForeignKeyInfo>,
}

impl TableInfo {
    pub fn new(s: &TableSchema, data: &SiteData) -> TableInfo {
        TableInfo {
            name: s.name.clone(),
            title: s.title.clone(),
            description: s.description.trim().to_string(),
            slug: slug(&s.name),
            file: table_file(&s.name),
            primary_key: s.primary_key.join(", "),
            total: data.total(&s.name),
            shown: data.rows(&s.name).len(),
            columns: s
                .columns
                .iter()
                .map(|c| ColumnInfo {
                    name: c.name.clone(),
                    ty: c.ty.as_str(),
                    required: c.required,
                    unit: c.unit.clone().unwrap_or_default(),
                    description: c.description.trim().to_string(),
                    allowed: c.allowed.clone(),
                })
                .collect(),
            foreign_keys: s
                .foreign_keys
                .iter()
                .map(|fk| ForeignKeyInfo {
                    columns: fk.columns.join(", "),
                    target: format!("{}.{}", fk.table, fk.table_columns.join(", ")),
                })
                .collect(),
        }
    }

    /// A table the schemas do not describe (no rows, no columns).
    pub fn empty(name: &str) -> TableInfo {
        TableInfo {
            name: name.into(),
            title: String::new(),
            description: String::new(),
            slug: slug(name),
            file: table_file(name),
            primary_key: String::new(),
            total: 0,
            shown: 0,
            columns: vec![],
            foreign_keys: vec![],
        }
    }
}

pub fn index_page(frame: &Frame, schemas: &[TableSchema], data: &SiteData) -> Result<String, PipelineError> {
    let tables: Vec<TableInfo> = schemas.iter().map(|s| TableInfo::new(s, data)).collect();
    let cards: Vec<&TableInfo> = ["documents", "targets", "observations", "projects"]
        .iter()
        .filter_map(|n| tables.iter().find(|t| t.name == *n && data.totals.contains_key(*n)))
        .collect();
    let docs: Vec<BTreeMap<&str, &str>> = data
        .rows("documents")
        .iter()
        .map(|d| {
            ["title", "doc_id", "issued_on"].into_iter().map(|k| (k, str_of(d, k).unwrap_or(""))).collect()
        })
        .collect();
    let documents = match schemas.iter().find(|s| s.name == "documents") {
        Some(s) => TableInfo::new(s, data),
        None => TableInfo::empty("documents"),
    };
    frame.page(
        "index.html",
        "index.html",
        "Overview",
        false,
        context! { tables => tables, cards => cards, documents => context! { rows => docs, ..minijinja::Value::from_serialize(&documents) } },
    )
}

pub fn table_page(frame: &Frame, s: &TableSchema, data: &SiteData) -> Result<String, PipelineError> {
    let view = TableView::new(s, data.rows(&s.name), &slug(&s.name), |_| None);
    frame.page("table.html", &table_file(&s.name), &s.name, true, context! { table => TableInfo::new(s, data), view => view })
}

pub fn dictionary_page(frame: &Frame, schemas: &[TableSchema], data: &SiteData) -> Result<String, PipelineError> {
    let tables: Vec<TableInfo> = schemas.iter().map(|s| TableInfo::new(s, data)).collect();
    frame.page("dictionary.html", "dictionary.html", "Data dictionary", false, context! { tables => tables })
}

fn severity_colour(s: &str) -> &'static str {
    match s {
        "error" => "#b3261e",
        "warning" => "#d4a72c",
        "info" => "#0969da",
        _ => "#8c959f",
    }
}

/// The findings page: counts by severity, a chart and a table of every rule in the
/// registry (with its description), then the findings themselves.
pub fn findings_page(frame: &Frame, schemas: &[TableSchema], data: &SiteData) -> Result<String, PipelineError> {
    let mut by_sev: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((_, sev), (n, ack)) in &data.findings {
        let e = by_sev.entry(sev.as_str()).or_default();
        e.0 += n;
        e.1 += ack;
    }
    let severities: Vec<_> = ["error", "warning", "info"]
        .iter()
        .map(|sev| {
            let (n, ack) = by_sev.get(sev).copied().unwrap_or((0, 0));
            context! { severity => sev, n => n, acknowledged => ack }
        })
        .collect();
    // Every rule of the registry, with findings or not, so the page shows what was checked;
    // then findings under ids the registry does not hold (notes of earlier stages).
    let mut counts: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for r in crate::validate::rules::RULES.iter() {
        counts.insert((r.id.to_string(), r.severity.to_string()), (0, r.description.to_string()));
    }
    for (key, (n, _)) in &data.findings {
        counts.entry(key.clone()).or_default().0 += n;
    }
    let bars: Vec<_> = counts.iter().map(|((id, sev), (n, _))| (id.clone(), sev.clone(), severity_colour(sev), *n)).collect();
    let rules: Vec<_> = counts
        .iter()
        .map(|((id, sev), (n, desc))| context! { id => id, severity => sev, n => n, description => desc })
        .collect();
    let schema = schemas.iter().find(|s| s.name == "validation");
    let view = schema.map(|s| TableView::new(s, data.rows("validation"), "findings", |r| str_of(r, "severity").map(str::to_string)));
    let table = schema.map(|s| TableInfo::new(s, data)).unwrap_or_else(|| TableInfo::empty("validation"));
    let chart = bars_chart("Validation findings per rule, coloured by severity", "findings", &bars);
    frame.page(
        "findings.html",
        "findings.html",
        "Findings",
        true,
        context! { severities => severities, chart => chart, rules => rules, table => table, view => view },
    )
}
