//! The command line: one clap args struct per subcommand, built from small groups of
//! flags that mean the same everywhere they appear. Only `--quiet` is global (every
//! subcommand prints progress). Turns what was typed into a [`Config`] and what to run.

use clap::{Args, Parser, Subcommand, ValueEnum};
use pipeline::{Config, FailOn, Stage};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "policy-pipeline",
    version,
    about = "Turn Chinese industrial-policy documents into validated, citable datasets.",
    after_help = "Examples:\n  policy-pipeline run                                  # sources/ + mappings/ → output/\n  policy-pipeline run --sources ~/texts --out /tmp/out   # any folder of .txt files\n  policy-pipeline extract && policy-pipeline normalize   # stages one at a time\n  policy-pipeline publish --fail-on never               # publish even with open errors\n  policy-pipeline extract --shard 1/2 --work w1         # one shard; gather with `merge w1 w2`"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// No progress bars or summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read source texts into candidates (<work>/extract/*.msgpack).
    Extract(ExtractArgs),
    /// Join candidates to the curated mappings and assign ids (<work>/normalize/*.jsonl).
    Normalize(NormalizeArgs),
    /// Run the validation rules (<work>/validate/validation.jsonl).
    Validate(ValidateArgs),
    /// Write Parquet, CSV, datapackage.json, reports and the site to --out.
    Publish(PublishArgs),
    /// All stages in order.
    Run(RunArgs),
    /// Gather the extract output of shard work folders into --work, then normalize,
    /// validate and publish (the same bytes as one run over all sources).
    Merge(MergeArgs),
}

/// The work folder and the curated layer: every stage reads them.
#[derive(Args)]
pub struct Common {
    /// Folder of the curated mapping YAML files.
    #[arg(long, default_value = "mappings")]
    pub mappings: PathBuf,
    /// Folder for the stages' intermediate files.
    #[arg(long, default_value = ".work")]
    pub work: PathBuf,
}

#[derive(Args)]
pub struct Sources {
    /// Folder of source texts (*.txt) and their optional documents.yaml.
    #[arg(long, default_value = "sources")]
    pub sources: PathBuf,
}

#[derive(Args)]
pub struct Schemas {
    /// Folder of the table schemas.
    #[arg(long, default_value = "schemas")]
    pub schemas: PathBuf,
}

/// Where and how the dataset is published, and what happens after.
#[derive(Args)]
pub struct Output {
    /// Folder the dataset is published to (replaced only by a complete run).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Exit with status 3 when unacknowledged findings of this severity remain.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOnArg,
    /// Print the per-table row counts after publishing.
    #[arg(long, short)]
    pub verbose: bool,
    /// Also write targets and observations as Hive-partitioned Parquet under <out>/hive/.
    #[arg(long)]
    pub hive: bool,
    /// Then put the dataset on the CKAN portal at this base URL. A dry run that prints the
    /// requests unless --ckan-send is given.
    #[arg(long, value_name = "URL")]
    pub ckan: Option<String>,
    /// Environment variable holding the CKAN API token.
    #[arg(long, value_name = "VAR", default_value = "CKAN_API_KEY")]
    pub api_key_env: String,
    /// Really send to --ckan: package_create, then one resource_create upload per file.
    #[arg(long, requires = "ckan")]
    pub ckan_send: bool,
    /// Start every CSV file with a UTF-8 byte-order mark, so Excel reads the Chinese text.
    #[arg(long)]
    pub csv_bom: bool,
    /// Where the output folder will be served: resource URLs (CKAN) and IRIs (DCAT) are
    /// absolute under it. Overrides base_url in schemas/package.yaml.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print the ckanapi commands that would put the dataset on the CKAN portal at --ckan
    /// URL (https://ckan.example.org when not given); nothing is sent.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub sources: Sources,
    /// Extract only shard K of N (e.g. 2/8): a deterministic slice of the sources. Gather
    /// the shards' work folders with `merge`.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(u64, u64)>,
}

#[derive(Args)]
pub struct NormalizeArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub schemas: Schemas,
}

#[derive(Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub schemas: Schemas,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub schemas: Schemas,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args)]
pub struct MergeArgs {
    /// Work folders of the shards (each from `extract --shard K/N --work DIR`).
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
    #[command(flatten)]
    pub sources: Sources,
    #[command(flatten)]
    pub schemas: Schemas,
    #[command(flatten)]
    pub output: Output,
}

pub fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/8")?;
    let (k, n): (u64, u64) =
        (k.trim().parse().map_err(|_| "K is not a number")?, n.trim().parse().map_err(|_| "N is not a number")?);
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k, n))
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FailOnArg {
    Error,
    Warning,
    Never,
}

/// What to do: the stage(s), their configuration, the shard folders to merge (for
/// `merge`) and the publishing options (for the subcommands that publish).
pub struct Plan<'a> {
    pub stage: Stage,
    pub config: Config,
    pub shards: Option<&'a [PathBuf]>,
    pub output: Option<&'a Output>,
}

impl Cli {
    pub fn plan(&self) -> Plan<'_> {
        let (stage, common, sources, schemas, output, shard, shards) = match &self.command {
            Command::Extract(a) => (Stage::Extract, &a.common, Some(&a.sources), None, None, a.shard, None),
            Command::Normalize(a) => (Stage::Normalize, &a.common, Some(&a.sources), Some(&a.schemas), None, None, None),
            Command::Validate(a) => (Stage::Validate, &a.common, None, None, None, None, None),
            Command::Publish(a) => (Stage::Publish, &a.common, None, Some(&a.schemas), Some(&a.output), None, None),
            Command::Run(a) => (Stage::All, &a.common, Some(&a.sources), Some(&a.schemas), Some(&a.output), None, None),
            Command::Merge(a) => {
                (Stage::AfterExtract, &a.common, Some(&a.sources), Some(&a.schemas), Some(&a.output), None, Some(a.shards.as_slice()))
            }
        };
        let config = Config {
            sources: sources.map_or_else(|| "sources".into(), |s| s.sources.clone()),
            mappings: common.mappings.clone(),
            schemas: schemas.map_or_else(|| "schemas".into(), |s| s.schemas.clone()),
            out: output.map_or_else(|| "output".into(), |o| o.out.clone()),
            work: common.work.clone(),
            quiet: self.quiet,
            fail_on: match output.map_or(FailOnArg::Error, |o| o.fail_on) {
                FailOnArg::Error => FailOn::Error,
                FailOnArg::Warning => FailOn::Warning,
                FailOnArg::Never => FailOn::Never,
            },
            shard,
            hive: output.is_some_and(|o| o.hive),
            csv_bom: output.is_some_and(|o| o.csv_bom),
            base_url: output.and_then(|o| o.base_url.clone()),
        };
        Plan { stage, config, shards, output }
    }
}
