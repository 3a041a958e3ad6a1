//! The description of the data package as a whole (`schemas/package.yaml`): names,
//! licences, publisher, contact and base URL, plus what publishing derives from the rows
//! (the latest document date, the years and regions covered). Every package-level writer
//! (datapackage.json, CKAN, DCAT-AP, the workbook) takes this record.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

use crate::error::{yaml_error, PipelineError};

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct License {
    pub name: String,
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub path: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    pub title: String,
    pub role: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Ckan {
    #[serde(default)]
    pub owner_org: Option<String>,
}

/// `schemas/package.yaml`, and the facts publishing derives from the rows.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PackageMeta {
    pub id: String,
    pub name: String,
    pub title: String,
    pub description: String,
    pub homepage: String,
    /// Where the output folder is served (ends with `/`); resource URLs and IRIs are
    /// relative paths joined to it.
    pub base_url: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub licenses: Vec<License>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub contributors: Vec<Contributor>,
    pub publisher: Agent,
    pub contact: Agent,
    #[serde(default)]
    pub ckan: Ckan,
    /// Derived: the latest signature date of a document (YYYY-MM-DD), the package's date.
    #[serde(skip)]
    pub created: Option<String>,
    /// Derived: the first and last year the documents' plans or statistics cover.
    #[serde(skip)]
    pub years: Option<(i64, i64)>,
    /// Derived: the GB/T 2260 codes of the issuing regions.
    #[serde(skip)]
    pub regions: BTreeSet<String>,
}

pub const PACKAGE_FILE: &str = "package.yaml";

impl PackageMeta {
    /// Read `package.yaml` from the schemas folder; `base_url` (from --base-url) wins over
    /// the file's.
    pub fn load(schemas_dir: &Path, base_url: Option<&str>) -> Result<PackageMeta, PipelineError> {
        let path = schemas_dir.join(PACKAGE_FILE);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| PipelineError::io(&path, format!("{e} (the package description is needed to publish)")))?;
        let mut meta: PackageMeta = serde_yaml::from_str(&text).map_err(|e| yaml_error(&path, e))?;
        if let Some(b) = base_url {
            meta.base_url = b.to_string();
        }
        if !(meta.base_url.starts_with("http://") || meta.base_url.starts_with("https://")) {
            return Err(PipelineError::io(
                &path,
                format!("base_url `{}` is not an http(s) URL; give where the output folder is served", meta.base_url),
            ));
        }
        if !meta.base_url.ends_with('/') {
            meta.base_url.push('/');
        }
        Ok(meta)
    }

    /// The absolute URL of a file of the package (`csv/targets.csv`).
    pub fn url(&self, rel: &str) -> String {
        format!("{}{rel}", self.base_url)
    }

    /// Take in one document row's date, plan period and region.
    pub fn add_document(&mut self, issued_on: Option<&str>, start: Option<i64>, end: Option<i64>, region: Option<&str>) {
        if let Some(d) = issued_on {
            if self.created.as_deref().is_none_or(|c| c < d) {
                self.created = Some(d.to_string());
            }
        }
        for y in [start, end, issued_on.and_then(|d| d.get(..4)?.parse().ok())].into_iter().flatten() {
            self.years = Some(self.years.map_or((y, y), |(a, b)| (a.min(y), b.max(y))));
        }
        if let Some(r) = region {
            self.regions.insert(r.to_string());
        }
    }
}
