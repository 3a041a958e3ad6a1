//! Helpers shared by the end-to-end tests: repository paths, scratch folders, running the
//! pipeline into them and reading the published CSVs back.

#![allow(dead_code)]

use pipeline::{run_stage, Config, FailOn, Outcome, PipelineError, Stage};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch folder under the cargo target dir (removed first if it exists).
pub fn scratch(name: &str) -> PathBuf {
    let base = std::env::var_os("CARGO_TARGET_TMPDIR").map(PathBuf::from).unwrap_or_else(std::env::temp_dir);
    let dir = base.join(format!("e2e-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn config(sources: &Path, mappings: &Path, dir: &Path) -> Config {
    Config {
        sources: sources.to_path_buf(),
        mappings: mappings.to_path_buf(),
        schemas: repo().join("schemas"),
        out: dir.join("output"),
        work: dir.join("work"),
        quiet: true,
        fail_on: FailOn::Never,
        shard: None,
        hive: false,
        csv_bom: false,
        base_url: None,
    }
}

/// Run all stages on `sources` with the repository's mappings into `dir/output`.
pub fn run(sources: &Path, dir: &Path) -> Result<Outcome, PipelineError> {
    run_stage(Stage::All, &config(sources, &repo().join("mappings"), dir))
}

/// Rows of a published CSV as maps column → cell.
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| headers.iter().zip(rec.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

/// Copy the real corpus (texts and documents.yaml) into a scratch folder.
pub fn copy_sources(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(repo().join("sources")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Copy the curated mappings into a scratch folder (to break them on purpose).
pub fn copy_mappings(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(repo().join("mappings")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

/// Every file under `dir` with its bytes, for byte-identity checks.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.insert(p.strip_prefix(root).unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}
