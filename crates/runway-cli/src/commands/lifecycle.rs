//! The lifecycle: `release move|record|revoke|events`, `status` and `policy`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use runway_core::Error;
use runway_core::dto::{EvidenceInput, MoveInput};
use runway_domain::{CabDecision, EventKind, Priority, ReleaseStatus, SignOffDecision, TestKind};

use super::{names, norm, open, open_read};
use crate::output::{one_line, say, to_json};

#[derive(Subcommand)]
pub enum ReleaseAction {
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
pub enum Evidence {
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

#[derive(Args)]
pub struct StatusArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Assess as of this day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
    today: Option<chrono::NaiveDate>,
}

#[derive(Args)]
pub struct PolicyArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// A JSON policy to set (as `runway policy` prints it).
    #[arg(long, value_name = "FILE")]
    set: Option<PathBuf>,
}

pub fn release(action: ReleaseAction, who: &str) -> Result<(), Error> {
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
                    // The Planner's now: the write's own time, as the plan keeps it.
                    opened: opened.unwrap_or_else(|| p.now()),
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

pub fn status(args: StatusArgs, who: &str) -> Result<(), Error> {
    let StatusArgs { db, json, today } = args;
    let mut p = open_read(&db, who)?;
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
    Ok(())
}

pub fn policy(args: PolicyArgs, who: &str) -> Result<(), Error> {
    let PolicyArgs { db, set } = args;
    let mut p = if set.is_some() { open(&db, who)? } else { open_read(&db, who)? };
    if let Some(file) = set {
        let text =
            std::fs::read_to_string(&file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
        let policy = serde_json::from_str(&text).map_err(|e| Error::Import(format!("{}: {e}", file.display())))?;
        p.set_policy(policy)?;
    }
    say!("{}", to_json(&p.policy()?)?);
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
