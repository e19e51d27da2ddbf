//! `runway`: the command line over runway-core. Argument parsing and printing, nothing more.
//!
//! Exit codes: 0 ok; 1 the command ran and found a problem (a refused import, a broken chain);
//! 2 bad usage (clap). Errors print one line to stderr: `runway: <reason>`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use runway_core::settings::{SettingsFile, actor, default_profile};
use runway_core::{Error, Planner};
use runway_domain::demo::{DEFAULT_RELEASES, DEFAULT_SEED};

#[derive(Parser)]
#[command(name = "runway", version, about = "Runway release planning from the command line", propagate_version = true)]
struct Cli {
    /// Who to record in the audit log (default: the app's profile, else the OS user).
    #[arg(long, global = true, value_name = "NAME")]
    r#as: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a plan holding the demo portfolio.
    Demo {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// How many releases (up to 100,000).
        #[arg(long, default_value_t = DEFAULT_RELEASES as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
        releases: u32,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        /// The day the demo is built around (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// List the releases of a plan.
    Releases {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Export the whole plan.
    Export {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a portfolio document (creates the plan if it does not exist). All or nothing.
    Import {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// The JSON document to import.
        file: PathBuf,
    },
    /// Check the plan: integrity, foreign keys, schema version, audit chain.
    Verify {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("runway: {}", one_line(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The audit "who": --as, else the desktop app's profile if the user set one, else the OS user.
fn who(flag: Option<String>) -> String {
    if let Some(name) = flag {
        return name;
    }
    let profile = std::env::var_os("RUNWAY_SETTINGS_DIR")
        .map(PathBuf::from)
        .and_then(|dir| SettingsFile::new(&dir).load().0.profile)
        .unwrap_or_else(default_profile);
    format!("{} (runway CLI)", actor(&profile))
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let who = who(cli.r#as);
    match cli.command {
        Command::Demo { db, releases, seed, today, force } => {
            let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
            let p = Planner::create_demo(&db, seed, releases as usize, today, &who, force).map_err(|e| match e {
                Error::Conflict(_) => {
                    Error::Conflict(format!("{} already exists (use --force to replace it)", db.display()))
                }
                e => e,
            })?;
            println!(
                "created {} with {} releases (seed {seed}, around {today})",
                p.path().display(),
                p.info()?.releases
            );
        }
        Command::Releases { db, json } => {
            let p = open(&db, &who)?;
            let list = p.list_releases()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).map_err(|e| Error::Internal(e.to_string()))?);
            } else {
                print_table(&list);
            }
        }
        Command::Export { db, format: Format::Json, out } => {
            let p = open(&db, &who)?;
            p.export_json_file(&out)?;
            println!("exported {} releases to {}", p.info()?.releases, out.display());
        }
        Command::Import { db, file } => {
            let (p, s) = Planner::import_file_into(&db, &file, &who)?;
            println!(
                "imported {} releases, {} RFCs and {} reference items into {}",
                s.releases,
                s.rfcs,
                s.reference_items,
                p.path().display()
            );
        }
        Command::Verify { db } => {
            let p = open(&db, &who)?;
            let report = p.verify()?;
            for c in &report.checks {
                println!("{:<13} {}  {}", c.name, if c.ok { "ok  " } else { "FAIL" }, c.detail);
            }
            if let Some(bad) = report.first_failure() {
                eprintln!("runway: {}: {} check failed: {}", db.display(), bad.name, one_line(&bad.detail));
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn open(db: &Path, who: &str) -> Result<Planner, Error> {
    if !db.exists() {
        return Err(Error::NotFound(format!("{} does not exist", db.display())));
    }
    Planner::open(db, who)
}

fn print_table(list: &[runway_core::dto::ReleaseSummary]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "{:<18} {:<9} {:<22} {:<16} {:<10} TITLE", "KEY", "KIND", "STATUS", "WINDOW", "APPS");
    for r in list {
        let window = r.window.map(|w| w.start.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:<18} {:<9} {:<22} {:<16} {:<10} {}",
            r.key,
            r.kind.label(),
            r.status.label(),
            window,
            r.applications.join(","),
            r.title
        );
    }
    let _ = writeln!(out, "{} releases", list.len());
}
