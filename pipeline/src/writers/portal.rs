//! Catalogue metadata for open-data portals, and upload to CKAN.
//!
//! The publish stage writes two descriptions of the data package next to `datapackage.json`:
//!
//! * `ckan_package.json` — a dataset dict as CKAN's Action API `package_create` accepts it
//!   (name, title, notes, owner_org, license_id, version, tags, extras and one resource per
//!   CSV and Parquet file and the workbook, with an absolute `url` under the package's base
//!   URL, `format`, `mimetype`, `size` and SHA-256 `hash`);
//! * `dcat.jsonld` — a DCAT-AP 3 JSON-LD description: a `dcat:Dataset` (publisher,
//!   contactPoint, spatial as GB/T 2260 regions, temporal, issued/modified, identifier)
//!   with one `dcat:Distribution` per file (media type, file type, byte size,
//!   `spdx:checksum`, licence, availability); every IRI absolute, the context inline, and
//!   every object typed with the class DCAT-AP gives its property's range, so that it
//!   conforms to SEMIC's DCAT-AP 3.0.1 SHACL shapes (`tests/check_dcat.py`).
//!
//! Both take the package description ([`PackageMeta`]) and the row counts from the publish
//! stage; they hash the published files but never read other output back.
//!
//! [`ckan_publish`] sends the package to a CKAN instance: `package_create` with the dataset
//! fields, then one multipart `resource_create` per file, which uploads the file into
//! CKAN's FileStore. Without `send` it prints the requests instead (a dry run).

use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::PipelineError;
use crate::store::sha256_file;
use crate::records::package::PackageMeta;
use crate::records::schema::TableSchema;
use std::collections::BTreeMap;

pub const CKAN_PACKAGE_FILE: &str = "ckan_package.json";
pub const DCAT_FILE: &str = "dcat.jsonld";
const SHA256_IRI: &str = "http://spdx.org/rdf/terms#checksumAlgorithm_sha256";
const EU_LICENCE_CC_BY_4_0: &str = "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0";

/// What the dataset is, as `datapackage.json` states it (with fallbacks when it is absent).
/// Kept for the static site, which still reads it from the published folder; the portal
/// writers take [`PackageMeta`].
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetMeta {
    pub name: String,
    pub title: String,
    pub description: String,
    pub version: String,
    pub keywords: Vec<String>,
    pub license_title: String,
    pub license_url: String,
    pub source: String,
    pub author: String,
}

impl Default for DatasetMeta {
    fn default() -> Self {
        DatasetMeta {
            name: "dataset".into(),
            title: "Dataset".into(),
            description: String::new(),
            version: env!("CARGO_PKG_VERSION").into(),
            keywords: Vec::new(),
            license_title: "Creative Commons Attribution 4.0".into(),
            license_url: "https://creativecommons.org/licenses/by/4.0/".into(),
            source: String::new(),
            author: String::new(),
        }
    }
}

/// Read the dataset's name, title, description etc. from `<dir>/datapackage.json`.
pub fn dataset_meta(dir: &Path) -> DatasetMeta {
    let mut m = DatasetMeta::default();
    let Some(pkg) =
        fs::read_to_string(dir.join("datapackage.json")).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        return m;
    };
    let s = |v: &Value| v.as_str().map(str::to_string);
    if let Some(x) = s(&pkg["name"]) {
        m.name = x;
    }
    if let Some(x) = s(&pkg["title"]) {
        m.title = x;
    }
    if let Some(x) = s(&pkg["description"]) {
        m.description = x;
    }
    if let Some(x) = s(&pkg["version"]) {
        m.version = x;
    }
    if let Some(k) = pkg["keywords"].as_array() {
        m.keywords = k.iter().filter_map(Value::as_str).map(str::to_string).collect();
    }
    if let Some(x) = s(&pkg["licenses"][0]["title"]).or_else(|| s(&pkg["licenses"][0]["name"])) {
        m.license_title = x;
    }
    if let Some(x) = s(&pkg["licenses"][0]["path"]) {
        m.license_url = x;
    }
    if let Some(x) = s(&pkg["sources"][0]["title"]) {
        m.source = x;
    }
    if let Some(x) = s(&pkg["contributors"][0]["title"]) {
        m.author = x;
    }
    m
}

/// One published file of a table.
struct FileInfo {
    table: String,
    title: String,
    description: String,
    rel: String,
    format: &'static str,
    mediatype: &'static str,
    eu_file_type: &'static str,
    bytes: u64,
    sha256: String,
    rows: usize,
}

fn files(
    dir: &Path,
    schemas: &[TableSchema],
    meta: &PackageMeta,
    rows: &BTreeMap<String, usize>,
) -> Result<Vec<FileInfo>, PipelineError> {
    let mut out = Vec::new();
    for s in schemas {
        let rows = rows.get(&s.name).copied().unwrap_or(0);
        for (sub, ext, format, mediatype, eu) in [
            ("csv", "csv", "CSV", "text/csv", "CSV"),
            ("parquet", "parquet", "Parquet", "application/vnd.apache.parquet", "PARQUET"),
        ] {
            let rel = format!("{sub}/{}.{ext}", s.name);
            let path = dir.join(&rel);
            let bytes = fs::metadata(&path).map_err(|e| PipelineError::io(&path, e))?.len();
            out.push(FileInfo {
                table: s.name.clone(),
                title: s.title.clone(),
                description: s.description.trim().to_string(),
                rel,
                format,
                mediatype,
                eu_file_type: eu,
                bytes,
                sha256: sha256_file(&path)?,
                rows,
            });
        }
    }
    let rel = format!("{}.xlsx", meta.name);
    let path = dir.join(&rel);
    if path.exists() {
        out.push(FileInfo {
            table: "workbook".into(),
            title: "All tables as one Excel workbook".into(),
            description: "One sheet per table and a README sheet with the data dictionary.".into(),
            bytes: fs::metadata(&path).map_err(|e| PipelineError::io(&path, e))?.len(),
            sha256: sha256_file(&path)?,
            rel,
            format: "XLSX",
            mediatype: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            eu_file_type: "XLSX",
            rows: rows.values().sum(),
        });
    }
    Ok(out)
}

/// A CKAN dataset name: 2–100 characters of lowercase ASCII letters, digits, `-` and `_`.
pub fn ckan_name(name: &str) -> String {
    let mut s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect();
    s.truncate(100);
    if s.len() < 2 {
        s = format!("dataset-{s}");
    }
    s
}

/// CKAN accepts tags of 2–100 characters: letters, digits, spaces, `-`, `_` and `.`.
fn ckan_tag_ok(t: &str) -> bool {
    let n = t.chars().count();
    (2..=100).contains(&n) && t.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'))
}

fn source_text(meta: &PackageMeta) -> String {
    meta.sources.iter().map(|s| s.title.as_str()).collect::<Vec<_>>().join("; ")
}

/// `YYYY-MM-DD` of the package (the latest document), or nothing.
fn issued(meta: &PackageMeta) -> Option<&str> {
    meta.created.as_deref()
}

/// The CKAN `package_create` dict for the package, from its files and description.
fn ckan_package_of(schemas: &[TableSchema], files: &[FileInfo], meta: &PackageMeta) -> Value {
    let mut notes = meta.description.trim().to_string();
    notes.push_str("\n\n**Tables** (each as CSV and Parquet; `datapackage.json` and `data_dictionary.md` describe every column):\n\n");
    for f in files.iter().filter(|f| f.format == "CSV") {
        let _ = writeln!(notes, "- `{}` — {} ({} rows)", f.table, f.title, f.rows);
    }
    let source = source_text(meta);
    if !source.is_empty() {
        let _ = write!(notes, "\nSources: {source}.\n");
    }
    let resources: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({
                "name": format!("{}.{}", f.table, f.rel.rsplit('.').next().unwrap_or("")),
                "url": meta.url(&f.rel),
                "format": f.format,
                "mimetype": f.mediatype,
                "description": format!("{} ({} rows, {}). {}", f.title, f.rows, f.format, f.description),
                "size": f.bytes,
                "hash": f.sha256,
                "hash_algorithm": SHA256_IRI,
            })
        })
        .collect();
    let mut extras = vec![
        ("checksums", meta.url("SHA256SUMS")),
        ("datapackage", meta.url("datapackage.json")),
        ("dcat_metadata", meta.url(DCAT_FILE)),
        ("frictionless_profile", "tabular-data-package".to_string()),
        ("identifier", meta.id.clone()),
        ("language", "zh, en".to_string()),
        ("spatial_gbt2260", meta.regions.iter().cloned().collect::<Vec<_>>().join(", ")),
        ("tables", schemas.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", ")),
    ];
    if let Some((a, b)) = meta.years {
        extras.push(("temporal_start", a.to_string()));
        extras.push(("temporal_end", b.to_string()));
    }
    if let Some(d) = issued(meta) {
        extras.push(("issued", d.to_string()));
    }
    if !source.is_empty() {
        extras.push(("source", source));
    }
    extras.sort();
    let mut pkg = json!({
        "name": ckan_name(&meta.name),
        "title": meta.title,
        "notes": notes,
        "url": meta.homepage,
        "license_id": "cc-by",
        "version": env!("CARGO_PKG_VERSION"),
        "author": meta.publisher.name,
        "maintainer": meta.contact.name,
        "maintainer_email": meta.contact.email,
        "tags": meta.keywords.iter().filter(|k| ckan_tag_ok(k)).map(|k| json!({"name": k})).collect::<Vec<_>>(),
        "extras": extras.iter().map(|(k, v)| json!({"key": k, "value": v})).collect::<Vec<_>>(),
        "resources": resources,
    });
    if let Some(org) = &meta.ckan.owner_org {
        pkg["owner_org"] = json!(org);
    }
    pkg
}

/// The DCAT-AP 3 JSON-LD description of the package: every IRI absolute under the base URL,
/// the context inline (parsed offline), and every object typed with the class DCAT-AP
/// expects of it (`tests/check_dcat.py` validates the file against SEMIC's SHACL shapes).
/// One file of the package as a DCAT-AP distribution (licence, format, checksum, schema).
fn dcat_distribution(f: &FileInfo, meta: &PackageMeta) -> Value {
    let license = json!({
        "@id": EU_LICENCE_CC_BY_4_0,
        "@type": "dct:LicenseDocument",
        "dct:type": {"@id": "http://purl.org/adms/licencetype/Attribution", "@type": "skos:Concept", "skos:prefLabel": {"@value": "Attribution", "@language": "en"}},
    });
    let date = |d: &str| json!({"@value": d, "@type": "xsd:date"});
    let schema = json!({
        "@id": meta.url("datapackage.json"),
        "@type": "dct:Standard",
        "rdfs:label": {"@value": "Frictionless Tabular Data Package descriptor of this package (every table's columns)", "@language": "en"},
    });
    let url = meta.url(&f.rel);
    json!({
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:identifier": f.rel,
        "dct:title": {"@value": format!("{} ({})", f.table, f.format), "@language": "en"},
        "dct:description": {"@value": format!("{} ({} rows). {}", f.title, f.rows, f.description), "@language": "en"},
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": format!("http://www.iana.org/assignments/media-types/{}", f.mediatype), "@type": "dct:MediaType"},
        "dct:format": {"@id": format!("http://publications.europa.eu/resource/authority/file-type/{}", f.eu_file_type), "@type": "dct:MediaTypeOrExtent"},
        "dcat:byteSize": {"@value": f.bytes.to_string(), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256", "@type": "spdx:ChecksumAlgorithm"},
            "spdx:checksumValue": {"@value": f.sha256, "@type": "xsd:hexBinary"}
        },
        "dct:license": license,
        "dct:conformsTo": schema,
        "dct:issued": issued(meta).map(date),
        "dcatap:availability": {
            "@id": "http://publications.europa.eu/resource/authority/planned-availability/STABLE",
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": "stable", "@language": "en"}
        },
    })
}

/// A GB/T 2260 region the data covers, as a DCAT-AP location.
fn dcat_location(code: &str, meta: &PackageMeta) -> Value {
    json!({
        "@id": meta.url(&format!("csv/regions.csv#{code}")),
        "@type": "dct:Location",
        "skos:notation": {"@value": code, "@type": "https://www.iso.org/standard/GB-T-2260"},
        "rdfs:label": {"@value": format!("GB/T 2260 {code}"), "@language": "en"},
    })
}

fn dcat_jsonld_of(files: &[FileInfo], meta: &PackageMeta) -> Value {
    let date = |d: &str| json!({"@value": d, "@type": "xsd:date"});
    let distributions: Vec<Value> = files.iter().map(|f| dcat_distribution(f, meta)).collect();
    let spatial: Vec<Value> = meta.regions.iter().map(|code| dcat_location(code, meta)).collect();
    let document = |url: String| json!({"@id": url, "@type": "foaf:Document"});
    let mut d = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dcatap": "http://data.europa.eu/r5r/",
            "dct": "http://purl.org/dc/terms/",
            "spdx": "http://spdx.org/rdf/terms#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "owl": "http://www.w3.org/2002/07/owl#",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "adms": "http://www.w3.org/ns/adms#"
        },
        "@id": meta.url("#dataset"),
        "@type": "dcat:Dataset",
        "dct:identifier": meta.id,
        "adms:identifier": {"@type": "adms:Identifier", "skos:notation": meta.id},
        "dct:title": {"@value": meta.title, "@language": "en"},
        "dct:description": {"@value": meta.description.trim(), "@language": "en"},
        "dcat:keyword": meta.keywords.iter().map(|k| json!({"@value": k, "@language": "en"})).collect::<Vec<_>>(),
        "dcat:theme": {
            "@id": "http://publications.europa.eu/resource/authority/data-theme/ECON",
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": "Economy and finance", "@language": "en"}
        },
        "dct:language": [
            {"@id": "http://publications.europa.eu/resource/authority/language/ZHO", "@type": "dct:LinguisticSystem"},
            {"@id": "http://publications.europa.eu/resource/authority/language/ENG", "@type": "dct:LinguisticSystem"}
        ],
        "dct:publisher": {
            "@id": meta.publisher.url.clone().unwrap_or_else(|| meta.url("#publisher")),
            "@type": "foaf:Agent",
            "foaf:name": meta.publisher.name,
        },
        "dcat:contactPoint": {
            "@id": meta.url("#contact"),
            "@type": "vcard:Kind",
            "vcard:fn": meta.contact.name,
            "vcard:hasEmail": meta.contact.email.as_ref().map(|e| json!({"@id": format!("mailto:{e}")})),
        },
        "dct:spatial": spatial,
        "dcat:landingPage": document(meta.homepage.clone()),
        "owl:versionInfo": env!("CARGO_PKG_VERSION"),
        "dct:provenance": {"@type": "dct:ProvenanceStatement", "rdfs:label": {"@value": format!("Extracted by policy-pipeline from: {}", source_text(meta)), "@language": "en"}},
        "foaf:page": document(meta.url("site/index.html")),
        "dcat:distribution": distributions,
    });
    if let Some(day) = issued(meta) {
        d["dct:issued"] = date(day);
        d["dct:modified"] = date(day);
    }
    if let Some((a, b)) = meta.years {
        d["dct:temporal"] = json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": format!("{a}-01-01"), "@type": "xsd:date"},
            "dcat:endDate": {"@value": format!("{b}-12-31"), "@type": "xsd:date"},
        });
    }
    d
}

/// Write `ckan_package.json` and `dcat.jsonld` into the output folder `dir`, given the
/// package description and the rows of each table.
pub fn write_portal_metadata(
    dir: &Path,
    schemas: &[TableSchema],
    meta: &PackageMeta,
    rows: &BTreeMap<String, usize>,
) -> Result<(), PipelineError> {
    // Files are hashed once for both descriptions.
    let files = files(dir, schemas, meta, rows)?;
    for (file, value) in [(CKAN_PACKAGE_FILE, ckan_package_of(schemas, &files, meta)), (DCAT_FILE, dcat_jsonld_of(&files, meta))] {
        let path = dir.join(file);
        let text = serde_json::to_string_pretty(&value).map_err(|e| PipelineError::Other(e.to_string()))?;
        fs::write(&path, text + "\n").map_err(|e| PipelineError::io(&path, e))?;
    }
    Ok(())
}

/// The ckanapi command lines that would put the published package in `out` on the CKAN
/// portal at `portal`: the organisation, the dataset with its resources (absolute links
/// under the base URL), then reading it back. Nothing is sent.
pub fn ckanapi_commands(out: &Path, portal: &str, api_key_env: &str) -> Result<String, PipelineError> {
    let path = out.join(CKAN_PACKAGE_FILE);
    let text = fs::read_to_string(&path).map_err(|e| PipelineError::io(&path, format!("{e}; run `publish` first")))?;
    let pkg: Value = serde_json::from_str(&text).map_err(|e| PipelineError::io(&path, e))?;
    let name = pkg["name"].as_str().unwrap_or("dataset");
    let portal = portal.trim_end_matches('/');
    let remote = format!("-r {portal} -a \"${api_key_env}\"");
    let mut s = format!("# dry run: the ckanapi calls that publish {} on {portal} (nothing was sent)\n", out.display());
    if let Some(org) = pkg["owner_org"].as_str() {
        let _ = writeln!(s, "ckanapi action organization_show id={org} {remote} >/dev/null || ckanapi action organization_create name={org} title={org} {remote}");
    }
    let _ = writeln!(s, "ckanapi action package_create -I {} {remote}", path.display());
    let _ = writeln!(s, "ckanapi action package_show id={name} {remote}");
    Ok(s)
}

// ---------------------------------------------------------------------------------------
// CKAN upload
// ---------------------------------------------------------------------------------------

/// What [`ckan_publish`] sends: `package_create` with the dataset fields, then one
/// multipart `resource_create` per file.
#[derive(Debug, Clone, PartialEq)]
pub struct CkanPlan {
    pub base_url: String,
    pub package: Value,
    pub uploads: Vec<ResourceUpload>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceUpload {
    /// Form fields (package_id, name, format, …) in order.
    pub fields: Vec<(String, String)>,
    /// The file sent as the `upload` field.
    pub path: PathBuf,
    pub mimetype: String,
}

impl CkanPlan {
    pub fn action_url(&self, action: &str) -> String {
        format!("{}/api/3/action/{action}", self.base_url)
    }
}

/// Plan the upload of the package published in `out` (reads `out/ckan_package.json`).
pub fn ckan_plan(out: &Path, base_url: &str) -> Result<CkanPlan, PipelineError> {
    let base_url = base_url.trim_end_matches('/').to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        return Err(PipelineError::Other(format!(
            "--ckan {base_url}: give the portal's base URL, e.g. https://demo.ckan.org"
        )));
    }
    let path = out.join(CKAN_PACKAGE_FILE);
    let text = fs::read_to_string(&path).map_err(|e| PipelineError::io(&path, format!("{e}; run `publish` first")))?;
    let mut package: Value = serde_json::from_str(&text).map_err(|e| PipelineError::io(&path, e))?;
    let resources = package
        .as_object_mut()
        .and_then(|m| m.remove("resources"))
        .and_then(|r| r.as_array().cloned())
        .unwrap_or_default();
    let package_id = package["name"].as_str().unwrap_or_default().to_string();
    let mut uploads = Vec::new();
    for r in resources {
        let Some(url) = r["url"].as_str() else {
            continue;
        };
        let rel = published_path(url);
        let mut fields = vec![("package_id".to_string(), package_id.clone())];
        for k in ["name", "format", "mimetype", "description", "size", "hash", "hash_algorithm"] {
            match &r[k] {
                Value::Null => {}
                Value::String(s) => fields.push((k.to_string(), s.clone())),
                v => fields.push((k.to_string(), v.to_string())),
            }
        }
        uploads.push(ResourceUpload {
            fields,
            path: out.join(rel),
            mimetype: r["mimetype"].as_str().unwrap_or("application/octet-stream").to_string(),
        });
    }
    Ok(CkanPlan { base_url, package, uploads })
}

/// The published file a resource URL names: `csv/x.csv` and `parquet/x.parquet` keep
/// their folder, anything else is a file at the top of the output folder.
fn published_path(url: &str) -> String {
    let mut parts = url.rsplit('/');
    let file = parts.next().unwrap_or_default();
    match parts.next() {
        Some(folder @ ("csv" | "parquet")) => format!("{folder}/{file}"),
        _ => file.to_string(),
    }
}

/// The requests a dry run shows, as JSON. The API token itself is never printed.
pub fn ckan_dry_run(plan: &CkanPlan, api_key_env: &str) -> Value {
    let auth = format!("<token from ${api_key_env}>");
    let mut requests = vec![json!({
        "method": "POST",
        "url": plan.action_url("package_create"),
        "headers": {"Authorization": auth, "Content-Type": "application/json"},
        "json": plan.package,
    })];
    for u in &plan.uploads {
        let form: Map<String, Value> = u.fields.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        requests.push(json!({
            "method": "POST",
            "url": plan.action_url("resource_create"),
            "headers": {"Authorization": auth, "Content-Type": "multipart/form-data"},
            "form": form,
            "files": {"upload": u.path.display().to_string()},
        }));
    }
    json!({"dry_run": true, "requests": requests})
}

/// Send the plan to CKAN with the API token `api_key`. Returns the created dataset as CKAN
/// describes it (`package_show` shape, resources included).
pub fn ckan_send(plan: &CkanPlan, api_key: &str) -> Result<Value, PipelineError> {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(std::time::Duration::from_secs(30))
        .timeout(std::time::Duration::from_secs(600))
        .user_agent(concat!("policy-pipeline/", env!("CARGO_PKG_VERSION")))
        .build();
    let body = serde_json::to_vec(&plan.package).map_err(|e| PipelineError::Other(e.to_string()))?;
    let mut created = post(&agent, &plan.action_url("package_create"), api_key, "application/json", &body)?;
    let package_id = created["id"].as_str().map(str::to_string);
    let mut resources = Vec::new();
    for u in &plan.uploads {
        let bytes = fs::read(&u.path).map_err(|e| PipelineError::io(&u.path, e))?;
        let mut fields = u.fields.clone();
        if let (Some(id), Some(f)) = (&package_id, fields.iter_mut().find(|(k, _)| k == "package_id")) {
            f.1 = id.clone();
        }
        let file_name = u.path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
        let (content_type, body) = multipart(&fields, "upload", file_name, &u.mimetype, &bytes);
        resources.push(post(&agent, &plan.action_url("resource_create"), api_key, &content_type, &body)?);
    }
    created["resources"] = Value::Array(resources);
    Ok(created)
}

/// POST to a CKAN action; the action's `result` on success, its `error` otherwise.
fn post(
    agent: &ureq::Agent,
    url: &str,
    api_key: &str,
    content_type: &str,
    body: &[u8],
) -> Result<Value, PipelineError> {
    let (status, text) =
        match agent.post(url).set("Authorization", api_key).set("Content-Type", content_type).send_bytes(body) {
            Ok(r) => (r.status(), r.into_string()),
            Err(ureq::Error::Status(code, r)) => (code, r.into_string()),
            Err(e) => return Err(PipelineError::Other(format!("CKAN {url}: {e}"))),
        };
    let text = text.map_err(|e| PipelineError::Other(format!("CKAN {url}: cannot read the answer: {e}")))?;
    let v: Value = serde_json::from_str(&text).map_err(|_| {
        PipelineError::Other(format!(
            "CKAN {url} answered HTTP {status} with a body that is not JSON: {}",
            text.chars().take(300).collect::<String>()
        ))
    })?;
    if (200..300).contains(&status) && v["success"] == json!(true) {
        Ok(v["result"].clone())
    } else {
        Err(PipelineError::Other(format!("CKAN {url} answered HTTP {status}: {}", v.get("error").unwrap_or(&v))))
    }
}

/// A multipart/form-data body: text fields, then one file.
fn multipart(
    fields: &[(String, String)],
    file_field: &str,
    file_name: &str,
    mimetype: &str,
    bytes: &[u8],
) -> (String, Vec<u8>) {
    let digest = crate::store::hex(&<sha2::Sha256 as sha2::Digest>::digest(bytes));
    let mut boundary = format!("policy-pipeline-{}", &digest[..32]);
    let mut n = 0;
    while contains(bytes, boundary.as_bytes()) || fields.iter().any(|(_, v)| v.contains(&boundary)) {
        n += 1;
        boundary = format!("policy-pipeline-{}-{n}", &digest[..32]);
    }
    let mut body = Vec::with_capacity(bytes.len() + 2048);
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\nContent-Type: {mimetype}\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The fields of a CKAN payload that still hold the placeholder values of
/// `schemas/package.yaml`: addresses on the reserved example domains (RFC 2606).
pub fn placeholder_fields(package: &Value) -> Vec<String> {
    let placeholder = |v: &str| {
        let host = v.split("://").nth(1).unwrap_or(v).split(['/', ':']).next().unwrap_or("");
        let host = host.rsplit('@').next().unwrap_or(host);
        ["example.org", "example.com", "example.net"].iter().any(|d| host == *d || host.ends_with(&format!(".{d}")))
    };
    let mut out: Vec<String> = ["url", "maintainer_email"]
        .iter()
        .filter(|k| package[**k].as_str().is_some_and(placeholder))
        .map(|k| k.to_string())
        .collect();
    // The extras link datapackage.json, dcat.jsonld and SHA256SUMS under the base URL.
    if package["extras"].as_array().into_iter().flatten().any(|e| e["value"].as_str().is_some_and(|v| v.starts_with("http") && placeholder(v))) {
        out.push("base_url".into());
    }
    out
}

/// Publish the package in `out` to the CKAN instance at `base_url`: a dry run printing the
/// requests on stdout unless `send`, in which case the token is read from `$api_key_env`.
pub fn ckan_publish(out: &Path, base_url: &str, api_key_env: &str, send: bool) -> Result<(), PipelineError> {
    let plan = ckan_plan(out, base_url)?;
    let placeholders = placeholder_fields(&plan.package);
    if !placeholders.is_empty() {
        eprintln!(
            "warning: {} still on the reserved example domain (placeholders in schemas/package.yaml); \
             set them there, or the base URL with --base-url, before publishing for real",
            placeholders.join(", ")
        );
    }
    if !send {
        let text = serde_json::to_string_pretty(&ckan_dry_run(&plan, api_key_env))
            .map_err(|e| PipelineError::Other(e.to_string()))?;
        println!("{text}");
        eprintln!(
            "dry run: nothing was sent to {}; add --ckan-send to create the dataset and upload {} files (API token from ${api_key_env}{})",
            plan.base_url,
            plan.uploads.len(),
            if std::env::var(api_key_env).map_or(true, |k| k.is_empty()) { ", which is not set" } else { "" }
        );
        return Ok(());
    }
    let key = std::env::var(api_key_env).ok().filter(|k| !k.trim().is_empty()).ok_or_else(|| {
        PipelineError::Other(format!(
            "--ckan-send needs a CKAN API token in ${api_key_env} (or name another variable with --api-key-env)"
        ))
    })?;
    let created = ckan_send(&plan, key.trim())?;
    eprintln!(
        "CKAN: created dataset {} with {} resources: {}/dataset/{}",
        created["name"].as_str().unwrap_or("?"),
        created["resources"].as_array().map_or(0, Vec::len),
        plan.base_url,
        created["name"].as_str().unwrap_or("")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::schema::{Column, ColumnType};
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    fn schema(name: &str) -> TableSchema {
        TableSchema {
            name: name.into(),
            title: format!("{name} title"),
            description: format!("All the {name}."),
            primary_key: vec!["id".into()],
            row_order: vec![],
            foreign_keys: vec![],
            columns: vec![Column {
                name: "id".into(),
                ty: ColumnType::Str,
                required: true,
                unique: true,
                description: "id".into(),
                unit: None,
                allowed: None,
                example: None,
            }],
        }
    }

    fn meta() -> PackageMeta {
        let mut m: PackageMeta = serde_yaml::from_str(
            r#"{id: china-industrial-policy-targets, name: china-industrial-policy-targets, title: Targets,
                description: Goals from 吉林省 documents., homepage: "https://example.org/home",
                base_url: "https://data.example.org/pkg/", keywords: [industrial policy, China, x],
                licenses: [{name: CC-BY-4.0, title: CC BY 4.0, path: "https://creativecommons.org/licenses/by/4.0/"}],
                sources: [{title: Jilin documents}], contributors: [{title: maintainers, role: author}],
                publisher: {name: maintainers, url: "https://example.org/"}, contact: {name: desk, email: d@example.org},
                ckan: {owner_org: policy-data}}"#,
        )
        .unwrap();
        m.add_document(Some("2014-06-24"), Some(2014), Some(2020), Some("220000"));
        m.add_document(Some("2017-03-01"), None, None, Some("220000"));
        m
    }

    fn rows() -> BTreeMap<String, usize> {
        BTreeMap::from([("documents".to_string(), 2), ("targets".to_string(), 1)])
    }

    /// A published folder with two tables.
    fn fixture(tag: &str) -> (PathBuf, Vec<TableSchema>) {
        let dir = std::env::temp_dir().join(format!("portal-test-{}-{tag}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("csv")).unwrap();
        fs::create_dir_all(dir.join("parquet")).unwrap();
        let schemas = vec![schema("documents"), schema("targets")];
        fs::write(dir.join("csv/documents.csv"), "id\r\na\r\nb\r\n").unwrap();
        fs::write(dir.join("csv/targets.csv"), "id\r\n\"x\r\ny\"\r\n").unwrap();
        fs::write(dir.join("parquet/documents.parquet"), b"PAR1docsPAR1").unwrap();
        fs::write(dir.join("parquet/targets.parquet"), b"PAR1targetsPAR1").unwrap();
        (dir, schemas)
    }

    #[test]
    fn ckan_package_has_the_fields_package_create_takes() {
        let (dir, schemas) = fixture("ckan");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let pkg: Value = serde_json::from_str(&fs::read_to_string(dir.join(CKAN_PACKAGE_FILE)).unwrap()).unwrap();
        assert_eq!(pkg["name"], "china-industrial-policy-targets");
        assert_eq!(pkg["title"], "Targets");
        assert_eq!(pkg["license_id"], "cc-by");
        assert_eq!(pkg["version"], env!("CARGO_PKG_VERSION"));
        let calls = ckanapi_commands(&dir, "https://ckan.example.org/", "TOKEN").unwrap();
        assert!(calls.contains("ckanapi action organization_create name=policy-data"), "{calls}");
        assert!(calls.contains(&format!("ckanapi action package_create -I {}", dir.join(CKAN_PACKAGE_FILE).display())));
        assert!(calls.contains("-r https://ckan.example.org -a \"$TOKEN\""), "{calls}");
        assert!(pkg["notes"].as_str().unwrap().contains("吉林省"));
        assert!(
            pkg["notes"].as_str().unwrap().contains("`targets` — targets title (1 rows)"),
            "a quoted line break is one row"
        );
        // Tags as tag dicts; "x" is too short for CKAN and left out.
        assert_eq!(pkg["tags"], json!([{"name": "industrial policy"}, {"name": "China"}]));
        let extras = pkg["extras"].as_array().unwrap();
        assert!(extras.iter().all(|e| e["key"].is_string() && e["value"].is_string()));
        assert!(extras.iter().any(|e| e["key"] == "source" && e["value"] == "Jilin documents"));
        let res = pkg["resources"].as_array().unwrap();
        assert_eq!(res.len(), 4);
        let names: Vec<&str> = res.iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["documents.csv", "documents.parquet", "targets.csv", "targets.parquet"]);
        for r in res {
            for k in ["name", "url", "format", "description", "hash"] {
                assert!(r[k].as_str().is_some_and(|s| !s.is_empty()), "resource lacks {k}: {r}");
            }
            assert_eq!(r["hash"].as_str().unwrap().len(), 64);
        }
        assert_eq!(res[0]["url"], "https://data.example.org/pkg/csv/documents.csv", "absolute under the base URL");
        assert_eq!(pkg["owner_org"], "policy-data");
        assert!(extras.iter().any(|e| e["key"] == "issued" && e["value"] == "2017-03-01"));
        assert_eq!(res[0]["format"], "CSV");
        assert_eq!(res[1]["format"], "Parquet");
        assert_eq!(res[1]["mimetype"], "application/vnd.apache.parquet");
        assert_eq!(res[0]["hash"], sha256_file(&dir.join("csv/documents.csv")).unwrap());
        assert_eq!(res[0]["size"], 10);
        // Deterministic: the same files give the same bytes.
        let first = fs::read(dir.join(CKAN_PACKAGE_FILE)).unwrap();
        let dcat_first = fs::read(dir.join(DCAT_FILE)).unwrap();
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        assert_eq!(first, fs::read(dir.join(CKAN_PACKAGE_FILE)).unwrap());
        assert_eq!(dcat_first, fs::read(dir.join(DCAT_FILE)).unwrap());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn dcat_describes_every_file() {
        let (dir, schemas) = fixture("dcat");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let d: Value = serde_json::from_str(&fs::read_to_string(dir.join(DCAT_FILE)).unwrap()).unwrap();
        assert_eq!(d["@type"], "dcat:Dataset");
        assert_eq!(d["dct:title"]["@value"], "Targets");
        assert_eq!(d["@context"]["spdx"], "http://spdx.org/rdf/terms#");
        let dist = d["dcat:distribution"].as_array().unwrap();
        assert_eq!(dist.len(), 4);
        let t = &dist[3];
        assert_eq!(t["@id"], "https://data.example.org/pkg/parquet/targets.parquet");
        assert_eq!(d["@id"], "https://data.example.org/pkg/#dataset");
        assert_eq!(d["dct:issued"]["@value"], "2017-03-01");
        assert_eq!(d["dct:temporal"]["dcat:startDate"]["@value"], "2014-01-01");
        assert_eq!(d["dct:temporal"]["dcat:endDate"]["@value"], "2020-12-31");
        assert_eq!(d["dct:publisher"]["foaf:name"], "maintainers");
        assert_eq!(d["dcat:contactPoint"]["vcard:hasEmail"]["@id"], "mailto:d@example.org");
        assert_eq!(d["dct:spatial"][0]["skos:notation"]["@value"], "220000");
        assert_eq!(
            t["dcat:mediaType"]["@id"],
            "http://www.iana.org/assignments/media-types/application/vnd.apache.parquet"
        );
        assert_eq!(t["dcat:byteSize"]["@value"], "15");
        assert_eq!(
            t["spdx:checksum"]["spdx:checksumValue"]["@value"],
            sha256_file(&dir.join("parquet/targets.parquet")).unwrap()
        );
        assert!(t["dct:license"]["@id"].as_str().unwrap().ends_with("CC_BY_4_0"));
        // DCAT-AP's class ranges (tests/check_dcat.py checks them with SEMIC's shapes): each
        // object says what it is.
        assert_eq!(t["dct:license"]["@type"], "dct:LicenseDocument");
        assert_eq!(t["dct:format"]["@type"], "dct:MediaTypeOrExtent");
        assert_eq!(t["dcat:mediaType"]["@type"], "dct:MediaType");
        assert_eq!(t["dct:conformsTo"]["@type"], "dct:Standard");
        assert_eq!(t["spdx:checksum"]["spdx:algorithm"]["@type"], "spdx:ChecksumAlgorithm");
        assert_eq!(t["dcatap:availability"]["@type"], "skos:Concept");
        assert_eq!(d["dcat:theme"]["skos:prefLabel"]["@value"], "Economy and finance");
        assert_eq!(d["dcat:landingPage"]["@type"], "foaf:Document");
        assert!(d["dct:language"].as_array().unwrap().iter().all(|l| l["@type"] == "dct:LinguisticSystem"));
        assert!(d["@context"].is_object(), "the context is inline: nothing to fetch");
        assert!(t["dct:title"].is_object() && t["dct:description"].is_object());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn placeholder_addresses_are_named() {
        let (dir, schemas) = fixture("placeholder");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let plan = ckan_plan(&dir, "https://ckan.example.org/").unwrap();
        assert_eq!(placeholder_fields(&plan.package), ["url", "maintainer_email", "base_url"]);
        let real = json!({"url": "https://data.gov.cn/x", "maintainer_email": "a@b.cn",
                          "extras": [{"key": "datapackage", "value": "https://data.gov.cn/x/datapackage.json"}]});
        assert!(placeholder_fields(&real).is_empty());
        assert!(placeholder_fields(&json!({"url": "https://notexample.org/"})).is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn names_are_ckan_safe() {
        assert_eq!(ckan_name("China Policy/Targets"), "china-policy-targets");
        assert_eq!(ckan_name("x"), "dataset-x");
    }

    #[test]
    fn dry_run_shows_every_request_without_the_token() {
        let (dir, schemas) = fixture("dry");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let plan = ckan_plan(&dir, "https://ckan.example.org/").unwrap();
        let d = ckan_dry_run(&plan, "MY_TOKEN_VAR");
        let reqs = d["requests"].as_array().unwrap();
        assert_eq!(reqs.len(), 5);
        assert_eq!(reqs[0]["url"], "https://ckan.example.org/api/3/action/package_create");
        assert!(reqs[0]["json"].get("resources").is_none());
        assert_eq!(reqs[1]["url"], "https://ckan.example.org/api/3/action/resource_create");
        assert_eq!(reqs[1]["form"]["package_id"], "china-industrial-policy-targets");
        assert_eq!(reqs[1]["form"]["name"], "documents.csv");
        assert_eq!(reqs[0]["headers"]["Authorization"], "<token from $MY_TOKEN_VAR>");
        assert!(ckan_plan(&dir, "ckan.example.org").is_err());
        let _ = fs::remove_dir_all(&dir);
    }

    /// A stand-in for CKAN on 127.0.0.1 that records each request and answers like the
    /// Action API (the `fail` action with a validation error).
    fn mock_ckan(
        answers: usize,
        fail_on: Option<&'static str>,
    ) -> (String, std::thread::JoinHandle<Vec<(String, String, Vec<u8>)>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for (i, stream) in listener.incoming().take(answers).enumerate() {
                let mut stream = stream.unwrap();
                stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let mut headers = String::new();
                let mut len = 0usize;
                loop {
                    let mut h = String::new();
                    reader.read_line(&mut h).unwrap();
                    if h == "\r\n" || h.is_empty() {
                        break;
                    }
                    if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                        len = v.trim().parse().unwrap();
                    }
                    headers.push_str(&h);
                }
                let mut body = vec![0; len];
                reader.read_exact(&mut body).unwrap();
                let (status, answer) = if fail_on.is_some_and(|f| line.contains(f)) {
                    (
                        "409 Conflict",
                        json!({"success": false, "error": {"__type": "Validation Error", "name": ["That URL is already in use."]}}),
                    )
                } else if line.contains("package_create") {
                    (
                        "200 OK",
                        json!({"success": true, "result": {"id": "pkg-uuid", "name": "china-industrial-policy-targets"}}),
                    )
                } else {
                    ("200 OK", json!({"success": true, "result": {"id": format!("res-{i}")}}))
                };
                let text = answer.to_string();
                write!(stream, "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}", text.len()).unwrap();
                seen.push((line, headers, body));
            }
            seen
        });
        (base, handle)
    }

    #[test]
    fn sends_package_then_uploads_to_a_local_ckan() {
        let (dir, schemas) = fixture("send");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let (base, server) = mock_ckan(5, None);
        let plan = ckan_plan(&dir, &base).unwrap();
        let created = ckan_send(&plan, "secret-token").unwrap();
        assert_eq!(created["id"], "pkg-uuid");
        assert_eq!(created["resources"].as_array().unwrap().len(), 4);
        let seen = server.join().unwrap();
        assert_eq!(seen.len(), 5);
        assert!(seen[0].0.starts_with("POST /api/3/action/package_create "));
        assert!(seen[0].1.contains("Authorization: secret-token"));
        let pkg: Value = serde_json::from_slice(&seen[0].2).unwrap();
        assert_eq!(pkg["license_id"], "cc-by");
        assert!(pkg.get("resources").is_none());
        assert!(seen[1].0.starts_with("POST /api/3/action/resource_create "));
        assert!(seen[1].1.to_ascii_lowercase().contains("content-type: multipart/form-data; boundary="));
        let body = String::from_utf8_lossy(&seen[1].2);
        assert!(body.contains("name=\"package_id\"\r\n\r\npkg-uuid\r\n"));
        assert!(body.contains(
            "name=\"upload\"; filename=\"documents.csv\"\r\nContent-Type: text/csv\r\n\r\nid\r\na\r\nb\r\n\r\n--"
        ));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn reports_ckan_errors() {
        let (dir, schemas) = fixture("fail");
        write_portal_metadata(&dir, &schemas, &meta(), &rows()).unwrap();
        let (base, server) = mock_ckan(1, Some("package_create"));
        let err = ckan_send(&ckan_plan(&dir, &base).unwrap(), "t").unwrap_err().to_string();
        assert!(err.contains("409") && err.contains("already in use"), "{err}");
        server.join().unwrap();
        let _ = fs::remove_dir_all(&dir);
    }
}
