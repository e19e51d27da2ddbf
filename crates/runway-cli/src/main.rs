//! `runway`: the command line over runway-core. Argument parsing and printing, nothing more.
//!
//! Exit codes: 0 ok; 1 the command ran and found a problem (a refused import, a broken chain);
//! 2 bad usage (clap). Errors print one line to stderr: `runway: <reason>`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod report;

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
        #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
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
        #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
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
    /// Write a report as PDF: release, monthly, quarterly, poster, cab-pack or cab-minutes.
    Report(report::ReportArgs),
    /// The schedule: per milestone its planned and earliest dates, slack, whether it is critical,
    /// the violated dependencies and the critical path.
    Schedule {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// What moving (or resizing) a milestone would do, nothing saved: MILESTONE is KEY:KIND
    /// (e.g. REL-2027.03.01:deployment).
    Whatif {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[arg(long = "move", value_name = "MILESTONE", value_parser = parse_milestone)]
        milestone: runway_domain::schedule::MilestoneRef,
        /// The new planned start (YYYY-MM-DD, years 1 to 9999).
        #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
        to: chrono::NaiveDate,
        /// The new planned end (default: the same length as now).
        #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
        end: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// Named baselines of the planned dates: save one, compare today's plan with one, list them.
    Baseline {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[command(subcommand)]
        action: BaselineAction,
    },
    /// Dependencies between milestones or releases: list, add, remove.
    Dependency {
        #[arg(long, value_name = "FILE")]
        db: PathBuf,
        #[command(subcommand)]
        action: DependencyAction,
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
enum BaselineAction {
    /// Freeze today's planned dates under NAME.
    Save { name: String },
    /// Slip of today's plan against the baseline NAME, per milestone and per release.
    Compare {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// The baselines of the plan.
    List,
}

#[derive(Subcommand)]
enum DependencyAction {
    List {
        #[arg(long)]
        json: bool,
    },
    /// TO depends on FROM; each is KEY or KEY:KIND (a whole release or one milestone).
    Add {
        #[arg(value_parser = parse_endpoint)]
        from: runway_domain::schedule::Endpoint,
        #[arg(value_parser = parse_endpoint)]
        to: runway_domain::schedule::Endpoint,
        /// fs, ss, ff or sf.
        #[arg(long, default_value = "fs", value_parser = |s: &str| runway_domain::schedule::DepKind::parse(&s.to_lowercase()).ok_or("fs, ss, ff or sf"))]
        kind: runway_domain::schedule::DepKind,
        /// Days (negative for an overlap).
        #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
        lag: i32,
    },
    Remove {
        #[arg(value_parser = parse_endpoint)]
        from: runway_domain::schedule::Endpoint,
        #[arg(value_parser = parse_endpoint)]
        to: runway_domain::schedule::Endpoint,
    },
}

fn parse_endpoint(s: &str) -> Result<runway_domain::schedule::Endpoint, String> {
    match s.split_once(':') {
        None => Ok(runway_domain::schedule::Endpoint { release: s.to_owned(), milestone: None }),
        Some(_) => {
            let m = parse_milestone(s)?;
            Ok(runway_domain::schedule::Endpoint { release: m.release, milestone: Some(m.kind) })
        }
    }
}

fn parse_milestone(s: &str) -> Result<runway_domain::schedule::MilestoneRef, String> {
    let (key, kind) = s.split_once(':').ok_or("KEY:KIND, e.g. REL-2027.03.01:deployment")?;
    let kind = runway_domain::MilestoneKind::parse(&norm(kind)).ok_or_else(|| {
        format!(
            "unknown milestone {kind:?}; one of {}",
            names(runway_domain::MilestoneKind::ALL.iter().map(|k| k.as_str()))
        )
    })?;
    Ok(runway_domain::schedule::MilestoneRef { release: key.to_owned(), kind })
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
        #[arg(long, value_name = "TIME", global = true, value_parser = runway_domain::dates::parse_utc)]
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
        #[arg(long, value_parser = pass_fail, action = clap::ArgAction::Set, value_name = "pass|fail")]
        result: bool,
    },
    /// The signature holder's sign-off for authorization.
    SignOff {
        #[arg(long, value_parser = |s: &str| SignOffDecision::parse(s).ok_or("authorize or refuse"))]
        decision: SignOffDecision,
    },
    /// The deployment's outcome.
    Deployment {
        #[arg(long, value_parser = pass_fail, action = clap::ArgAction::Set, value_name = "pass|fail")]
        result: bool,
    },
    /// The back-out after a failed deployment.
    BackOut {
        #[arg(long, value_parser = pass_fail, action = clap::ArgAction::Set, value_name = "pass|fail")]
        result: bool,
    },
    /// The post-deployment verification test.
    Verification {
        #[arg(long, value_parser = pass_fail, action = clap::ArgAction::Set, value_name = "pass|fail")]
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
        #[arg(long, value_parser = runway_domain::dates::parse_utc)]
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
            let p = open_read(&db, &who)?;
            let list = p.list_releases()?;
            if json {
                say!("{}", serde_json::to_string_pretty(&list).map_err(|e| Error::Internal(e.to_string()))?);
            } else {
                print_table(&list);
            }
        }
        Command::Export { db, format: Format::Json, out } => {
            let p = open_read(&db, &who)?;
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
            let p = open_read(&db, &who)?;
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
            let mut p = open_read(&db, &who)?;
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
            let p = open_read(&db, &who)?;
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
        Command::Report(args) => {
            let out = report::run(args, |db| open_read(db, &who))?;
            let (line, warning) = out.split_once('\n').map_or((out.as_str(), None), |(a, b)| (a, Some(b)));
            say!("{line}");
            if let Some(w) = warning {
                eprintln!("runway: {w}");
            }
        }
        Command::Schedule { db, json } => {
            let p = open_read(&db, &who)?;
            let a = p.schedule()?;
            if json {
                say!("{}", to_json(&a)?);
            } else {
                print_schedule(&a);
            }
            for d in &a.diagnostics {
                eprintln!("runway: {d}");
            }
        }
        Command::Whatif { db, milestone, to, end, json } => {
            let p = open_read(&db, &who)?;
            let change = match end {
                Some(end) => runway_domain::schedule::Change::Milestone { milestone, start: to, end },
                // The same length as now: the domain works out the end (and refuses one past 9999).
                None => {
                    let r = p.release(&milestone.release)?.release;
                    runway_domain::schedule::shifted_change(&r, milestone.kind, to).map_err(Error::Conflict)?
                }
            };
            let w = p.what_if(&change)?;
            if let Some(d) = w.diagnostics.first() {
                return Err(Error::Conflict(d.clone()));
            }
            if json {
                say!("{}", to_json(&w)?);
            } else {
                print_whatif(&w);
            }
        }
        Command::Baseline { db, action } => {
            let writes = matches!(action, BaselineAction::Save { .. });
            let mut p = if writes { open(&db, &who)? } else { open_read(&db, &who)? };
            match action {
                BaselineAction::Save { name } => {
                    let b = p.save_baseline(&name)?;
                    say!("saved baseline {:?} ({} milestones)", b.name, b.milestones.len());
                }
                BaselineAction::Compare { name, json } => {
                    let c = p.compare_baseline(&name)?;
                    if json {
                        say!("{}", to_json(&c)?);
                    } else {
                        print_comparison(&c);
                    }
                }
                BaselineAction::List => {
                    for b in p.baselines()? {
                        say!(
                            "{:<30} {}  {} milestones",
                            b.name,
                            b.taken_at.format("%Y-%m-%d %H:%M UTC"),
                            b.milestones.len()
                        );
                    }
                }
            }
        }
        Command::Dependency { db, action } => {
            let writes = !matches!(action, DependencyAction::List { .. });
            let mut p = if writes { open(&db, &who)? } else { open_read(&db, &who)? };
            match action {
                DependencyAction::List { json } => {
                    let deps = p.dependencies()?;
                    if json {
                        say!("{}", to_json(&deps)?);
                    } else {
                        for d in &deps {
                            say!(
                                "{:<36} → {:<36} {} {:+}",
                                d.from.to_string(),
                                d.to.to_string(),
                                d.kind.as_str(),
                                d.lag_days
                            );
                        }
                        say!("{} dependencies", deps.len());
                    }
                }
                DependencyAction::Add { from, to, kind, lag } => {
                    let d = p.add_dependency(runway_domain::schedule::Dependency { from, to, kind, lag_days: lag })?;
                    say!("{} now depends on {} ({}, lag {:+} days)", d.to, d.from, d.kind.label(), d.lag_days);
                }
                DependencyAction::Remove { from, to } => {
                    p.remove_dependency(&from, &to)?;
                    say!("{to} no longer depends on {from}");
                }
            }
        }
        Command::Policy { db, set } => {
            let mut p = if set.is_some() { open(&db, &who)? } else { open_read(&db, &who)? };
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
                    // Now, to the millisecond the event's own time is kept to: a finer "now" would
                    // fall after the event and be refused as an incident opened in the future.
                    opened: opened.unwrap_or_else(|| {
                        let now = chrono::Utc::now();
                        chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::milliseconds(1)).unwrap_or(now)
                    }),
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
            let p = open_read(&db, who)?;
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

fn print_schedule(a: &runway_domain::schedule::Analysis) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "{:<34} {:<23} {:<23} {:>5}  CRITICAL", "MILESTONE", "PLANNED", "EARLIEST", "SLACK");
    for m in &a.milestones {
        let _ = writeln!(
            out,
            "{:<34} {} – {} {} – {} {:>5}  {}",
            m.milestone.to_string(),
            m.planned_start,
            m.planned_end,
            m.earliest_start,
            m.earliest_end,
            m.slack_days,
            if m.critical { "yes" } else { "" }
        );
    }
    let _ = writeln!(out, "\n{} violated dependencies", a.violations.len());
    for v in &a.violations {
        let _ = writeln!(out, "  {}", v.message);
    }
    let path: Vec<String> = a.critical_path.iter().map(|m| m.to_string()).collect();
    let _ = writeln!(out, "\ncritical path ({} milestones): {}", path.len(), path.join(" → "));
}

fn print_whatif(w: &runway_domain::schedule::WhatIf) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for s in &w.moved {
        let _ = writeln!(out, "moves:        {} {} → {} ({:+} days)", s.milestone, s.from, s.to, s.days);
    }
    for s in &w.must_move {
        let _ = writeln!(out, "must move:    {} {} → {} ({:+} days)", s.milestone, s.from, s.to, s.days);
    }
    for v in &w.newly_violated {
        let _ = writeln!(out, "breaks:       {}", v.message);
    }
    for v in &w.resolved {
        let _ = writeln!(out, "repairs:      {} → {}", v.from, v.to);
    }
    for s in &w.slack_used {
        let _ = writeln!(out, "slack used:   {} {} → {} days", s.milestone, s.before, s.after);
    }
    if !w.windows_changed.is_empty() {
        let _ = writeln!(out, "new notice:   deployment windows of {} change", w.windows_changed.join(", "));
    }
    let _ = writeln!(out, "nothing was saved");
}

fn print_comparison(c: &runway_domain::baseline::Comparison) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let _ = writeln!(out, "against baseline {:?} of {}", c.baseline, c.taken_at.format("%Y-%m-%d %H:%M UTC"));
    let _ = writeln!(out, "{:<18} {:>9} {:>11}", "RELEASE", "END SLIP", "DEPLOYMENT");
    for r in &c.releases {
        let dep = r.deployment_slip_days.map(|d| format!("{d:+}")).unwrap_or_else(|| "-".into());
        let _ = writeln!(out, "{:<18} {:>+9} {:>11}", r.release, r.end_slip_days, dep);
    }
    let slipped = c.milestones.iter().filter(|m| m.start_slip_days != 0 || m.end_slip_days != 0).count();
    let _ = writeln!(
        out,
        "{} milestones compared, {slipped} slipped; {} added, {} removed",
        c.milestones.len(),
        c.added.len(),
        c.removed.len()
    );
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

/// Opens a plan to change it: this process becomes its one owner for the command's duration, and
/// is refused (nothing changed) while the app or another command holds it.
fn open(db: &Path, who: &str) -> Result<Planner, Error> {
    if !db.exists() {
        return Err(Error::NotFound(format!("{} does not exist", db.display())));
    }
    Planner::open(db, who)
}

/// Opens a plan to read it: works while the app has it open.
fn open_read(db: &Path, who: &str) -> Result<Planner, Error> {
    if !db.exists() {
        return Err(Error::NotFound(format!("{} does not exist", db.display())));
    }
    Planner::open_read(db, who)
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
