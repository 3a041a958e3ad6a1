//! `pipeline`: the staged pipeline extract → normalize → validate → publish, and the
//! writers of the published data package. The `policy-pipeline` binary (main.rs) is a thin
//! clap front end over [`run_stage`].
//!
//! Each stage reads only the previous stage's output in the work folder, so any stage can
//! be rerun alone: `extract/*.json` → `normalize.json` → `validate.json` → `output/`.

pub mod error;
pub mod mappings;
pub mod portal;
pub mod progress;
pub mod projects;
pub mod publish;
pub mod schema;
pub mod site;
pub mod sources;
pub mod stage_extract;
pub mod stage_normalize;
pub mod stage_publish;
pub mod stage_validate;
pub mod table;

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
}

/// The result of a run: what was published and whether findings should fail it.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub documents: usize,
    pub published: Option<stage_publish::Summary>,
    /// True when unacknowledged findings reach the --fail-on level.
    pub failed_validation: bool,
}

/// Run one stage, or all of them in order.
pub fn run_stage(stage: Stage, cfg: &Config) -> Result<Outcome, PipelineError> {
    let progress = progress::Progress::new(cfg.quiet);
    let mappings = mappings::Mappings::load(&cfg.mappings)?;
    std::fs::create_dir_all(&cfg.work).map_err(|e| PipelineError::io(&cfg.work, e))?;
    let mut outcome = Outcome::default();
    if matches!(stage, Stage::Extract | Stage::All) {
        outcome.documents = stage_extract::run(&cfg.sources, &mappings, &cfg.work, &progress)?;
    }
    if matches!(stage, Stage::Normalize | Stage::All) {
        stage_normalize::run(&cfg.sources, &mappings, &cfg.work)?;
    }
    if matches!(stage, Stage::Validate | Stage::All) {
        stage_validate::run(&mappings, &cfg.work)?;
    }
    if matches!(stage, Stage::Publish | Stage::All) {
        let validated = stage_validate::load(&cfg.work)?;
        let summary = stage_publish::publish(&validated, &cfg.schemas, &cfg.out)?;
        outcome.failed_validation = match cfg.fail_on {
            FailOn::Error => summary.errors > 0,
            FailOn::Warning => summary.errors + summary.warnings > 0,
            FailOn::Never => false,
        };
        outcome.published = Some(summary);
    }
    Ok(outcome)
}
