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
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Never,
}

#[derive(Subcommand)]
enum Command {
    /// Read source texts into candidates (<work>/extract/*.json).
    Extract,
    /// Join candidates to the curated mappings and assign ids (<work>/normalize.json).
    Normalize,
    /// Run the validation rules (<work>/validate.json).
    Validate,
    /// Write Parquet, CSV, datapackage.json and reports to --out.
    Publish,
    /// All stages in order.
    Run,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.ckan.is_some() && !matches!(cli.command, Command::Publish | Command::Run) {
        eprintln!("error: --ckan goes with `publish` or `run`");
        return ExitCode::from(2);
    }
    let stage = match cli.command {
        Command::Extract => Stage::Extract,
        Command::Normalize => Stage::Normalize,
        Command::Validate => Stage::Validate,
        Command::Publish => Stage::Publish,
        Command::Run => Stage::All,
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
    };
    match run_stage(stage, &cfg) {
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
            } else if let Some(url) = cli.ckan.as_deref().filter(|_| outcome.published.is_some()) {
                match pipeline::portal::ckan_publish(&cfg.out, url, &cli.api_key_env, cli.ckan_send) {
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
