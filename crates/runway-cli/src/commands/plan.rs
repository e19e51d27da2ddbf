//! The plan as a whole: `demo`, `export`, `import`, `verify`, `audit`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use runway_core::{Error, Planner};
use runway_domain::demo::{DEFAULT_RELEASES, DEFAULT_SEED};

use super::open_read;
use crate::output::{one_line, say, to_json};

#[derive(Args)]
pub struct DemoArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// How many releases (up to 100,000).
    #[arg(long, default_value_t = DEFAULT_RELEASES as u32, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    releases: u32,
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// The day the demo is built around (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
    today: Option<chrono::NaiveDate>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// With --format csv: the table to write.
    #[arg(long, value_enum, default_value_t = CsvTable::Releases)]
    table: CsvTable,
    /// With --format csv: start the file with a byte-order mark (older Excel needs it for names
    /// in other scripts).
    #[arg(long)]
    bom: bool,
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The whole plan as Runway's portfolio document.
    Json,
    /// One table (--table) for a spreadsheet.
    Csv,
    /// MS Project XML, which MS Project, ProjectLibre and GanttProject open: releases as summary
    /// tasks.
    Mspdi,
}

#[derive(Clone, Copy, ValueEnum)]
enum CsvTable {
    Releases,
    Milestones,
    Rfcs,
}

fn csv_table(t: CsvTable) -> runway_domain::interchange::csv::Table {
    use runway_domain::interchange::csv::Table;
    match t {
        CsvTable::Releases => Table::Releases,
        CsvTable::Milestones => Table::Milestones,
        CsvTable::Rfcs => Table::Rfcs,
    }
}

#[derive(Args)]
pub struct ImportArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// With --format csv: the table the file holds (releases and RFCs are added; milestones set
    /// the dates of releases of the plan).
    #[arg(long, value_enum, default_value_t = CsvTable::Releases)]
    table: CsvTable,
    /// With --format mspdi: the whole file as one release with this key (else one release per
    /// top-level summary task).
    #[arg(long, value_name = "KEY")]
    one_release: Option<String>,
    /// With --format mspdi: the kind of the releases made (major, minor, patch, emergency).
    #[arg(long, default_value = "minor", value_parser = |s: &str| runway_domain::ReleaseKind::parse(&s.to_lowercase()).ok_or("major, minor, patch or emergency"))]
    kind: runway_domain::ReleaseKind,
    /// With --format mspdi: the prefix of keys made for summary tasks whose names hold none.
    #[arg(long, value_name = "PREFIX", default_value = "MSP")]
    key_prefix: String,
    /// Say what the import would add, change and leave out; change nothing.
    #[arg(long)]
    dry_run: bool,
    /// The JSON document, the CSV table or the MS Project XML file to import.
    file: PathBuf,
}

#[derive(Args)]
pub struct VerifyArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
}

#[derive(Args)]
pub struct BackupArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The backup to write: a new file (an existing one is never replaced).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

#[derive(Args)]
pub struct AuditArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Only the entries about this release.
    #[arg(long, value_name = "KEY")]
    release: Option<String>,
    /// How many of the newest entries to show.
    #[arg(long, default_value_t = 200)]
    limit: u32,
    /// Print JSON instead of lines.
    #[arg(long)]
    json: bool,
}

pub fn demo(args: DemoArgs, who: &str) -> Result<(), Error> {
    let DemoArgs { db, releases, seed, today, force } = args;
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let p = Planner::create_demo(&db, seed, releases as usize, today, who, force).map_err(|e| match e {
        Error::Conflict(_) => Error::Conflict(format!("{} already exists (use --force to replace it)", db.display())),
        e => e,
    })?;
    say!("created {} with {} releases (seed {seed}, around {today})", p.path().display(), p.info()?.releases);
    Ok(())
}

pub fn export(args: ExportArgs, who: &str) -> Result<(), Error> {
    let ExportArgs { db, format, table, bom, out } = args;
    let p = open_read(&db, who)?;
    match format {
        Format::Json => {
            p.export_json_file(&out)?;
            say!("exported {} releases to {}", p.info()?.releases, out.display());
        }
        Format::Csv => {
            let table = csv_table(table);
            p.export_csv_file(table, &out, bom)?;
            say!("exported the {} to {}", table.as_str(), out.display());
        }
        Format::Mspdi => {
            p.export_mspdi_file(&out)?;
            say!("exported {} releases as MS Project XML to {}", p.info()?.releases, out.display());
        }
    }
    Ok(())
}

pub fn import(args: ImportArgs, who: &str) -> Result<(), Error> {
    let ImportArgs { db, format, table, one_release, kind, key_prefix, dry_run, file } = args;
    if format == Format::Mspdi {
        let choice = runway_core::api::mspdi::MspdiChoice {
            one_release: one_release.is_some(),
            kind,
            key: one_release.unwrap_or(key_prefix),
        };
        let done = super::open(&db, who)?.import_mspdi_file(&file, &choice, !dry_run)?;
        print_mspdi(&done, &file);
        return Ok(());
    }
    if dry_run {
        return Err(Error::Import("--dry-run previews an MS Project import (--format mspdi) only".into()));
    }
    if format == Format::Csv {
        let mut p = super::open(&db, who)?;
        let bytes = std::fs::read(&file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
        let text = runway_domain::stakeholders::decode(&bytes);
        let done = p.import_csv(csv_table(table), &text, &file.display().to_string())?;
        say!("{} added, {} updated from {}", done.added, done.updated, file.display());
        if !done.ignored_columns.is_empty() {
            say!("columns not read: {}", done.ignored_columns.join(", "));
        }
        return Ok(());
    }
    let (p, s) = Planner::import_file_into(&db, &file, who)?;
    say!(
        "imported {} releases, {} RFCs and {} reference items into {}",
        s.releases,
        s.rfcs,
        s.reference_items,
        p.path().display()
    );
    Ok(())
}

fn print_mspdi(done: &runway_core::api::mspdi::MspdiImport, file: &std::path::Path) {
    let verb = if done.committed { "imported" } else { "would import (nothing changed: --dry-run)" };
    say!("{} {verb}: project {:?}", file.display(), done.project);
    for r in &done.added {
        say!("  add     {} {} ({} phases)", r.key, r.title, r.phases);
    }
    for r in &done.changed {
        say!("  change  {}: {}", r.key, r.changes.join("; "));
    }
    if done.unchanged > 0 {
        say!("  {} releases as the plan has them already", done.unchanged);
    }
    say!(
        "  {} dependencies, baselines: {}",
        done.dependencies,
        if done.baselines.is_empty() { "none".into() } else { done.baselines.join(", ") }
    );
    for d in &done.dropped {
        say!("  not kept: {d}");
    }
}

/// Prints every check; a failed one is the exit code 1, with its line on stderr.
pub fn backup(args: BackupArgs, who: &str) -> Result<(), Error> {
    let BackupArgs { db, out } = args;
    let p = open_read(&db, who)?;
    let started = std::time::Instant::now();
    p.backup_to(&out)?;
    let took = started.elapsed();
    let (seq, hash) = p.audit_head()?;
    say!(
        "backed up {} releases (audit #{seq} {}) to {} in {} ms",
        p.info()?.releases,
        &hash[..hash.len().min(12)],
        out.display(),
        took.as_millis()
    );
    Ok(())
}

pub fn verify(args: VerifyArgs, who: &str) -> Result<ExitCode, Error> {
    let VerifyArgs { db } = args;
    let p = open_read(&db, who)?;
    let report = p.verify()?;
    for c in &report.checks {
        say!("{:<13} {}  {}", c.name, if c.ok { "ok  " } else { "FAIL" }, c.detail);
    }
    if let Some(bad) = report.first_failure() {
        eprintln!("runway: {}: {} check failed: {}", db.display(), bad.name, one_line(&bad.detail));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn audit(args: AuditArgs, who: &str) -> Result<(), Error> {
    let AuditArgs { db, release, limit, json } = args;
    let p = open_read(&db, who)?;
    let entries = p.audit_log(release.as_deref(), limit)?;
    if json {
        say!("{}", to_json(&entries)?);
    } else {
        for e in &entries {
            say!("#{:<6} {}  {:<28} {:<8} {} {}", e.seq, e.at, e.actor, e.action, e.entity, e.entity_key);
        }
        say!("{} entries; head {}", entries.len(), p.info()?.audit_head);
    }
    Ok(())
}
