//! `runway`: the command line over runway-core. Argument parsing and printing, nothing more.
//!
//! Exit codes: 0 ok; 1 the command ran and found a problem (a refused import, a broken chain);
//! 2 bad usage (clap). Errors print one line to stderr: `runway: <reason>`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use runway_core::dto::{EvidenceInput, MoveInput};
use runway_core::settings::{SettingsFile, actor, default_profile};
use runway_core::{Error, Planner};
use runway_domain::demo::{DEFAULT_RELEASES, DEFAULT_SEED};
use runway_domain::{CabDecision, EventKind, Priority, ReleaseStatus, SignOffDecision, TestKind};

/// Prints a line to stdout; a closed pipe (`runway status | head`) is not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

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
    /// Move a release through its lifecycle, or record decisions and evidence against it.
    Release {
        #[command(subcommand)]
        action: ReleaseAction,
    },
    /// Every release's stage, days in it, what blocks its next step, and warnings.
    Status {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Assess as of this day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        today: Option<chrono::NaiveDate>,
    },
    /// The audit log, newest last (all of it, or one release's).
    Audit {
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
    },
    /// Show the plan's release policy, or replace it from a JSON file.
    Policy {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        /// A JSON policy to set (as `runway policy` prints it).
        #[arg(long, value_name = "FILE")]
        set: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ReleaseAction {
    /// Move a release to another stage. A refusal lists every unmet condition.
    Move {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        key: String,
        /// The stage to move to (e.g. planned, submitted_to_cab, build, cancelled).
        #[arg(long, value_parser = parse_status)]
        to: ReleaseStatus,
        #[arg(long, default_value = "")]
        reason: String,
        /// Pass a gate with unmet conditions where the policy allows it (needs --reason).
        #[arg(long = "override")]
        override_gate: bool,
    },
    /// Record a decision or evidence (a CAB decision completes the move it decides).
    Record {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        key: String,
        /// Who decided or reported it: a person's e-mail (default: you).
        #[arg(long, value_name = "EMAIL", global = true)]
        by: Option<String>,
        #[arg(long, default_value = "", global = true)]
        reason: String,
        /// Conditions attached to the decision.
        #[arg(long, default_value = "", global = true)]
        conditions: String,
        /// When it was decided, if not now (RFC 3339, e.g. 2027-03-01T16:00:00Z).
        #[arg(long, value_name = "TIME", global = true)]
        at: Option<chrono::DateTime<chrono::Utc>>,
        #[command(subcommand)]
        what: Evidence,
    },
    /// Revoke a decision or evidence by its event number (it stays on record, marked revoked).
    Revoke {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        key: String,
        #[arg(long, value_name = "N")]
        event: u64,
        #[arg(long)]
        reason: String,
    },
    /// A release's moves, decisions and evidence.
    Events {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        key: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum Evidence {
    /// A CAB (or emergency CAB) decision.
    Cab {
        #[arg(long, value_parser = |s: &str| CabDecision::parse(s).ok_or("approve, reject or defer"))]
        decision: CabDecision,
    },
    /// A test result.
    Test {
        /// installation, functional, performance, integration, user_acceptance, operational_readiness, backout
        #[arg(long, value_parser = |s: &str| TestKind::parse(&norm(s)).ok_or(format!("one of {}", names(TestKind::ALL.iter().map(|k| k.as_str())))))]
        kind: TestKind,
        #[arg(long, value_parser = pass_fail)]
        result: bool,
    },
    /// The signature holder's sign-off for authorization.
    SignOff {
        #[arg(long, value_parser = |s: &str| SignOffDecision::parse(s).ok_or("authorize or refuse"))]
        decision: SignOffDecision,
    },
    /// The deployment's outcome.
    Deployment {
        #[arg(long, value_parser = pass_fail)]
        result: bool,
    },
    /// The back-out after a failed deployment.
    BackOut {
        #[arg(long, value_parser = pass_fail)]
        result: bool,
    },
    /// The post-deployment verification test.
    Verification {
        #[arg(long, value_parser = pass_fail)]
        result: bool,
    },
    /// An incident in early life support.
    Incident {
        #[arg(long, value_parser = |s: &str| Priority::parse(&s.to_lowercase()).ok_or("p1, p2, p3 or p4"))]
        priority: Priority,
        /// The service desk's reference (INC-…).
        #[arg(long)]
        reference: String,
        /// When it opened (RFC 3339, default now).
        #[arg(long)]
        opened: Option<chrono::DateTime<chrono::Utc>>,
        /// The release caused it.
        #[arg(long)]
        caused_by_release: bool,
    },
    /// Close an open incident (by its event number).
    IncidentClosed {
        #[arg(long, value_name = "N")]
        incident: u64,
    },
    /// The post-implementation (or, for an emergency, retrospective) review.
    Review,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace(['-', ' '], "_")
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

fn parse_status(s: &str) -> Result<ReleaseStatus, String> {
    let n = norm(s);
    ReleaseStatus::parse(&n)
        .or_else(|| ReleaseStatus::ALL.iter().copied().find(|st| norm(st.label()) == n))
        .ok_or_else(|| format!("unknown stage; one of {}", names(ReleaseStatus::ALL.iter().map(|s| s.as_str()))))
}

fn pass_fail(s: &str) -> Result<bool, String> {
    match norm(s).as_str() {
        "pass" | "passed" | "success" | "succeeded" | "ok" => Ok(true),
        "fail" | "failed" | "failure" => Ok(false),
        _ => Err("pass or fail".into()),
    }
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
            say!("created {} with {} releases (seed {seed}, around {today})", p.path().display(), p.info()?.releases);
        }
        Command::Releases { db, json } => {
            let p = open(&db, &who)?;
            let list = p.list_releases()?;
            if json {
                say!("{}", serde_json::to_string_pretty(&list).map_err(|e| Error::Internal(e.to_string()))?);
            } else {
                print_table(&list);
            }
        }
        Command::Export { db, format: Format::Json, out } => {
            let p = open(&db, &who)?;
            p.export_json_file(&out)?;
            say!("exported {} releases to {}", p.info()?.releases, out.display());
        }
        Command::Import { db, file } => {
            let (p, s) = Planner::import_file_into(&db, &file, &who)?;
            say!(
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
                say!("{:<13} {}  {}", c.name, if c.ok { "ok  " } else { "FAIL" }, c.detail);
            }
            if let Some(bad) = report.first_failure() {
                eprintln!("runway: {}: {} check failed: {}", db.display(), bad.name, one_line(&bad.detail));
                return Ok(ExitCode::FAILURE);
            }
        }
        Command::Release { action } => release(action, &who)?,
        Command::Status { db, json, today } => {
            let mut p = open(&db, &who)?;
            if let Some(t) = today {
                p.set_today(t);
            }
            let all = p.status()?;
            if json {
                let rows: Vec<_> = all.iter().map(|(_, a)| a).collect();
                say!("{}", to_json(&rows)?);
            } else {
                print_status(&all);
            }
        }
        Command::Audit { db, release, limit, json } => {
            let p = open(&db, &who)?;
            let entries = p.audit_log(release.as_deref(), limit)?;
            if json {
                say!("{}", to_json(&entries)?);
            } else {
                for e in &entries {
                    say!("#{:<6} {}  {:<28} {:<8} {} {}", e.seq, e.at, e.actor, e.action, e.entity, e.entity_key);
                }
                say!("{} entries; head {}", entries.len(), p.info()?.audit_head);
            }
        }
        Command::Policy { db, set } => {
            let mut p = open(&db, &who)?;
            if let Some(file) = set {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
                let policy =
                    serde_json::from_str(&text).map_err(|e| Error::Import(format!("{}: {e}", file.display())))?;
                p.set_policy(policy)?;
            }
            say!("{}", to_json(&p.policy()?)?);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(v).map_err(|e| Error::Internal(e.to_string()))
}

fn release(action: ReleaseAction, who: &str) -> Result<(), Error> {
    match action {
        ReleaseAction::Move { db, key, to, reason, override_gate } => {
            // Gates are judged on the real date: no --today here, or the lead time could be dodged.
            let mut p = open(&db, who)?;
            let out = p.move_release(&key, MoveInput { to, reason, override_gate })?;
            say!("{}", out.message);
        }
        ReleaseAction::Record { db, key, by, reason, conditions, at, what } => {
            let mut p = open(&db, who)?;
            let what = match what {
                Evidence::Cab { decision } => EventKind::CabDecision { decision, emergency: false },
                Evidence::Test { kind, result } => EventKind::TestResult { test: kind, passed: result },
                Evidence::SignOff { decision } => EventKind::SignOff { decision },
                Evidence::Deployment { result } => EventKind::Deployment { succeeded: result },
                Evidence::BackOut { result } => EventKind::BackOut { succeeded: result },
                Evidence::Verification { result } => EventKind::Verification { passed: result },
                Evidence::Incident { priority, reference, opened, caused_by_release } => EventKind::Incident {
                    priority,
                    reference,
                    opened: opened.unwrap_or_else(chrono::Utc::now),
                    caused_by_release,
                },
                Evidence::IncidentClosed { incident } => EventKind::IncidentClosed { incident },
                Evidence::Review => EventKind::Review { retrospective: false },
            };
            let out = p.record(&key, EvidenceInput { what, by, reason, conditions, at })?;
            say!("{}", out.message);
        }
        ReleaseAction::Revoke { db, key, event, reason } => {
            let mut p = open(&db, who)?;
            say!("{}", p.revoke(&key, event, &reason)?.message);
        }
        ReleaseAction::Events { db, key, json } => {
            let p = open(&db, who)?;
            let l = p.lifecycle(&key)?;
            if json {
                say!("{}", to_json(&l.events)?);
            } else {
                for e in &l.events {
                    let revoked = if l.revoked.contains(&e.id) { "  [revoked]" } else { "" };
                    say!("#{:<6} {}  {:<34} {}{revoked}", e.id, e.at.format("%Y-%m-%d %H:%M"), e.by, e.what.summary());
                    for (label, text) in [("reason", &e.reason), ("conditions", &e.conditions)] {
                        if !text.is_empty() {
                            say!("        {label}: {}", one_line(text));
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn print_status(all: &[(runway_domain::Release, runway_domain::Assessment)]) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "{:<18} {:<24} {:>5}  NEXT / BLOCKED BY / WARNINGS", "KEY", "STAGE", "DAYS");
    for (r, a) in all {
        let days = match a.limit_days {
            Some(l) if a.overdue => format!("{}>{l}", a.days_in_state),
            _ => a.days_in_state.to_string(),
        };
        let _ = writeln!(out, "{:<18} {:<24} {:>5}", r.key, a.status.label(), days);
        for step in &a.steps {
            if step.allowed {
                let _ = writeln!(out, "{:>50}can: {}", "", step.label);
            } else {
                let unmet: Vec<String> =
                    step.conditions.iter().filter(|c| !c.met).map(|c| format!("{} ({})", c.label, c.detail)).collect();
                let _ = writeln!(out, "{:>50}blocked: {}: {}", "", step.label, unmet.join("; "));
            }
        }
        for w in &a.warnings {
            let _ = writeln!(out, "{:>50}warning: {w}", "");
        }
        for b in &a.breaches {
            let _ = writeln!(out, "{:>50}policy: {}", "", b.label());
        }
    }
    let overdue = all.iter().filter(|(_, a)| a.overdue).count();
    let _ = writeln!(out, "{} releases, {overdue} overdue in their stage", all.len());
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
