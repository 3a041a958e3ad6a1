//! `policy-pipeline`: command-line front end of the pipeline (one subcommand per stage).

use clap::{Parser, Subcommand, ValueEnum};
use pipeline::{run_stage, Config, FailOn, Stage};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status when the dataset was published but unacknowledged findings reach --fail-on.
const EXIT_FINDINGS: u8 = 3;

#[derive(Parser)]
#[command(
    name = "policy-pipeline",
    version,
    about = "Turn Chinese industrial-policy documents into validated, citable datasets.",
    after_help = "Examples:\n  policy-pipeline run                                  # sources/ + mappings/ → output/\n  policy-pipeline run --sources ~/texts --out /tmp/out   # any folder of .txt files\n  policy-pipeline extract && policy-pipeline normalize   # stages one at a time\n  policy-pipeline publish --fail-on never               # publish even with open errors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Folder of source texts (*.txt) and their optional documents.yaml.
    #[arg(long, global = true, default_value = "sources")]
    sources: PathBuf,
    /// Folder of the curated mapping YAML files.
    #[arg(long, global = true, default_value = "mappings")]
    mappings: PathBuf,
    /// Folder of the table schemas.
    #[arg(long, global = true, default_value = "schemas")]
    schemas: PathBuf,
    /// Folder the dataset is published to (replaced only by a complete run).
    #[arg(long, global = true, default_value = "output")]
    out: PathBuf,
    /// Folder for the stages' intermediate files.
    #[arg(long, global = true, default_value = ".work")]
    work: PathBuf,
    /// No progress bars or summary.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Print the per-table row counts after publishing.
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Exit with status 3 when unacknowledged findings of this severity remain.
    #[arg(long, global = true, value_enum, default_value = "error")]
    fail_on: FailOnArg,
    /// After publish/run: put the dataset on the CKAN portal at this base URL. A dry run that
    /// prints the requests unless --ckan-send is given.
    #[arg(long, global = true, value_name = "URL")]
    ckan: Option<String>,
    /// Environment variable holding the CKAN API token.
    #[arg(long, global = true, value_name = "VAR", default_value = "CKAN_API_KEY")]
    api_key_env: String,
    /// Really send to --ckan: package_create, then one resource_create upload per file.
    #[arg(long, global = true, requires = "ckan")]
    ckan_send: bool,
    /// Extract only shard K of N (e.g. 2/8): a deterministic slice of the sources. Gather
    /// the shards' work folders with `merge`.
    #[arg(long, global = true, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
    /// Also write targets and observations as Hive-partitioned Parquet under <out>/hive/.
    #[arg(long, global = true)]
    hive: bool,
    /// Start every CSV file with a UTF-8 byte-order mark, so Excel reads the Chinese text.
    #[arg(long, global = true)]
    csv_bom: bool,
    /// Where the output folder will be served: resource URLs (CKAN) and IRIs (DCAT) are
    /// absolute under it. Overrides base_url in schemas/package.yaml.
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// With publish/run: print the ckanapi commands that would put the dataset on the CKAN
    /// portal at --ckan URL (https://ckan.example.org when not given); nothing is sent.
    #[arg(long, global = true)]
    dry_run: bool,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 2/8")?;
    let (k, n): (u64, u64) =
        (k.trim().parse().map_err(|_| "K is not a number")?, n.trim().parse().map_err(|_| "N is not a number")?);
    if n == 0 || k == 0 || k > n {
        return Err(format!("shard {k}/{n}: K must be between 1 and N"));
    }
    Ok((k, n))
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Read source texts into candidates (<work>/extract/*.msgpack).
    Extract,
    /// Join candidates to the curated mappings and assign ids (<work>/normalize/*.jsonl).
    Normalize,
    /// Run the validation rules (<work>/validate/validation.jsonl).
    Validate,
    /// Write Parquet, CSV, datapackage.json and reports to --out.
    Publish,
    /// All stages in order.
    Run,
    /// Gather the extract output of shard work folders into --work, then normalize,
    /// validate and publish (the same bytes as one run over all sources).
    Merge {
        /// Work folders of the shards (each from `extract --shard K/N --work DIR`).
        #[arg(required = true)]
        shards: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.ckan.is_some() && !matches!(cli.command, Command::Publish | Command::Run | Command::Merge { .. }) {
        eprintln!("error: --ckan goes with `publish` or `run`");
        return ExitCode::from(2);
    }
    let (stage, shards) = match cli.command {
        Command::Extract => (Stage::Extract, None),
        Command::Normalize => (Stage::Normalize, None),
        Command::Validate => (Stage::Validate, None),
        Command::Publish => (Stage::Publish, None),
        Command::Run => (Stage::All, None),
        Command::Merge { shards } => (Stage::AfterExtract, Some(shards)),
    };
    let cfg = Config {
        sources: cli.sources,
        mappings: cli.mappings,
        schemas: cli.schemas,
        out: cli.out,
        work: cli.work,
        quiet: cli.quiet,
        fail_on: match cli.fail_on {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Never => FailOn::Never,
        },
        shard: cli.shard,
        hive: cli.hive,
        csv_bom: cli.csv_bom,
        base_url: cli.base_url.clone(),
    };
    let result = match &shards {
        Some(dirs) => pipeline::merge_shards(dirs, &cfg),
        None => run_stage(stage, &cfg),
    };
    match result {
        Ok(outcome) => {
            if let Some(s) = &outcome.published {
                if !cli.quiet {
                    eprintln!(
                        "published {} ({} unacknowledged errors, {} warnings, {} acknowledged findings)",
                        cfg.out.display(),
                        s.errors,
                        s.warnings,
                        s.acknowledged
                    );
                    if cli.verbose {
                        for (t, n) in &s.rows {
                            eprintln!("  {t:<13} {n:>6} rows");
                        }
                    }
                }
            }
            if outcome.failed_validation {
                eprintln!("validation findings reach --fail-on; see {}/reports/validation.md", cfg.out.display());
                if cli.ckan.is_some() {
                    eprintln!("not sent to CKAN: fix or acknowledge the findings, or lower --fail-on");
                }
                ExitCode::from(EXIT_FINDINGS)
            } else if cli.dry_run && outcome.published.is_some() {
                let portal = cli.ckan.as_deref().unwrap_or("https://ckan.example.org");
                match pipeline::writers::portal::ckanapi_commands(&cfg.out, portal, &cli.api_key_env) {
                    Ok(text) => {
                        print!("{text}");
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::from(2)
                    }
                }
            } else if let Some(url) = cli.ckan.as_deref().filter(|_| outcome.published.is_some()) {
                match pipeline::writers::portal::ckan_publish(&cfg.out, url, &cli.api_key_env, cli.ckan_send) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("error: {e}");
                        ExitCode::from(2)
                    }
                }
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
