//! `policy-pipeline`: command-line front end of the pipeline (one subcommand per stage;
//! the arguments are in cli.rs).

mod cli;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::process::ExitCode;

/// Exit status when the dataset was published but unacknowledged findings reach --fail-on.
const EXIT_FINDINGS: u8 = 3;

fn fail(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let plan = cli.plan();
    let cfg = &plan.config;
    let result = match plan.shards {
        Some(dirs) => pipeline::merge_shards(dirs, cfg),
        None => pipeline::run_stage(plan.stage, cfg),
    };
    let outcome = match result {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let (Some(summary), Some(output)) = (&outcome.published, plan.output) else { return ExitCode::SUCCESS };
    if !cfg.quiet {
        eprintln!(
            "published {} ({} unacknowledged errors, {} warnings, {} acknowledged findings)",
            cfg.out.display(),
            summary.errors,
            summary.warnings,
            summary.acknowledged
        );
        if output.verbose {
            for (t, n) in &summary.rows {
                eprintln!("  {t:<13} {n:>6} rows");
            }
        }
    }
    if outcome.failed_validation {
        eprintln!("validation findings reach --fail-on; see {}/reports/validation.md", cfg.out.display());
        if output.ckan.is_some() {
            eprintln!("not sent to CKAN: fix or acknowledge the findings, or lower --fail-on");
        }
        return ExitCode::from(EXIT_FINDINGS);
    }
    if output.dry_run {
        let portal = output.ckan.as_deref().unwrap_or("https://ckan.example.org");
        return match pipeline::writers::portal::ckanapi_commands(&cfg.out, portal, &output.api_key_env) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    match &output.ckan {
        Some(url) => match pipeline::writers::portal::ckan_publish(&cfg.out, url, &output.api_key_env, output.ckan_send) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        None => ExitCode::SUCCESS,
    }
}
