//! `pipeline`: the staged pipeline extract → normalize → validate → publish, and the
//! writers of the published data package.
//!
//! Layout (docs/ARCHITECTURE.md draws it): `stages/` holds the four stages, each reading
//! only the previous stage's files (`store/layout.rs`) and the curated layer
//! (`curated/`); `validate/rules/` the validation rules; `records/` the table schemas and
//! rows; `writers/` the file formats; `site/` the static site; `store/` the work folder. The `policy-pipeline` binary (main.rs) is a thin
//! clap front end over [`run_stage`].
//!
//! Each stage reads only the previous stage's output in the work folder, so any stage can
//! be rerun alone: `extract/*.msgpack` → `normalize/*.jsonl` → `validate/validation.jsonl` →
//! `output/`. After extract, tables travel as row files (JSON Lines in published order), so
//! memory is bounded by a few documents and the findings, not by the corpus.

pub mod curated;
pub mod error;
pub mod progress;
pub mod records;
pub mod site;
pub mod stages;
pub mod store;
pub mod validate;
pub mod writers;

use std::path::PathBuf;

pub use error::PipelineError;

/// Which stage(s) to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Extract,
    Normalize,
    Validate,
    Publish,
    All,
    /// Normalize, validate and publish (after `merge` has gathered shard extracts).
    AfterExtract,
}

/// When a run with findings exits non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

/// Paths and switches shared by every stage.
#[derive(Debug, Clone)]
pub struct Config {
    pub sources: PathBuf,
    pub mappings: PathBuf,
    pub schemas: PathBuf,
    pub out: PathBuf,
    pub work: PathBuf,
    pub quiet: bool,
    pub fail_on: FailOn,
    /// Extract only shard K of N (1-based): a deterministic slice of the sources by the
    /// hash of their names, so shards can run on different machines.
    pub shard: Option<(u64, u64)>,
    /// Also write targets and observations as Hive-partitioned Parquet (by region and year).
    pub hive: bool,
    /// CSV files start with a UTF-8 byte-order mark (for Excel).
    pub csv_bom: bool,
    /// Where the output folder is served (overrides base_url of schemas/package.yaml).
    pub base_url: Option<String>,
}

/// The result of a run: what was published and whether findings should fail it.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub documents: usize,
    pub published: Option<stages::publish::Summary>,
    /// True when unacknowledged findings reach the --fail-on level.
    pub failed_validation: bool,
}

/// Gather the extract outputs of shard work folders into `cfg.work`, then normalize,
/// validate and publish: the same bytes a single run over all sources gives.
pub fn merge_shards(shards: &[PathBuf], cfg: &Config) -> Result<Outcome, PipelineError> {
    let dest = store::layout::extract_dir(&cfg.work);
    if dest.exists() {
        std::fs::remove_dir_all(&dest).map_err(|e| PipelineError::io(&dest, e))?;
    }
    std::fs::create_dir_all(&dest).map_err(|e| PipelineError::io(&dest, e))?;
    for shard in shards {
        let dir = store::layout::extract_dir(shard);
        let entries = std::fs::read_dir(&dir).map_err(|e| {
            PipelineError::io(&dir, format!("{e}: run `extract --shard K/N --work {}` first", shard.display()))
        })?;
        for e in entries {
            let from = e.map_err(|e| PipelineError::io(&dir, e))?.path();
            let to = dest.join(from.file_name().unwrap_or_default());
            if to.exists() {
                return Err(PipelineError::Other(format!(
                    "{} is in two shards; each source must be extracted once",
                    to.display()
                )));
            }
            std::fs::copy(&from, &to).map_err(|e| PipelineError::io(&from, e))?;
        }
    }
    run_stage(Stage::AfterExtract, cfg)
}

/// Run one stage, or all of them in order.
pub fn run_stage(stage: Stage, cfg: &Config) -> Result<Outcome, PipelineError> {
    let progress = progress::Progress::new(cfg.quiet);
    let mappings = curated::Mappings::load(&cfg.mappings)?;
    std::fs::create_dir_all(&cfg.work).map_err(|e| PipelineError::io(&cfg.work, e))?;
    let mut outcome = Outcome::default();
    if matches!(stage, Stage::Extract | Stage::All) {
        outcome.documents = stages::extract::run(&cfg.sources, &mappings, &cfg.work, cfg.shard, &progress)?;
    }
    if matches!(stage, Stage::Normalize | Stage::All | Stage::AfterExtract) {
        stages::normalize::run(&cfg.sources, &cfg.schemas, &mappings, &cfg.work)?;
    }
    if matches!(stage, Stage::Validate | Stage::All | Stage::AfterExtract) {
        stages::validate::run(&mappings, &cfg.work)?;
    }
    if matches!(stage, Stage::Publish | Stage::All | Stage::AfterExtract) {
        let opts = stages::publish::PublishOptions {
            hive: cfg.hive,
            csv_bom: cfg.csv_bom,
            base_url: cfg.base_url.clone(),
        };
        let summary = stages::publish::publish(&cfg.work, &cfg.schemas, &cfg.out, &opts, &mappings.units)?;
        outcome.failed_validation = match cfg.fail_on {
            FailOn::Error => summary.errors > 0,
            FailOn::Warning => summary.errors + summary.warnings > 0,
            FailOn::Never => false,
        };
        outcome.published = Some(summary);
    }
    Ok(outcome)
}
