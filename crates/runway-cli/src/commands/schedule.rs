//! The schedule: `schedule`, `whatif`, `baseline save|compare|list`, `dependency list|add|remove`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use runway_core::Error;

use super::{names, norm, open, open_read};
use crate::output::{say, to_json};

#[derive(Args)]
pub struct ScheduleArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct WhatifArgs {
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
}

#[derive(Args)]
pub struct BaselineArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: BaselineAction,
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

#[derive(Args)]
pub struct DependencyArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: DependencyAction,
}

#[derive(Subcommand)]
enum DependencyAction {
    /// The plan's dependencies: FROM, TO, kind and lag.
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
    /// Remove the dependency of TO on FROM.
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

/// KEY:KIND, where KIND is a built-in kind (`deployment`, `early-life-support`, "CAB") or the
/// name of a custom phase ("KEY:Dress rehearsal").
fn parse_milestone(s: &str) -> Result<runway_domain::schedule::MilestoneRef, String> {
    let (key, kind) = s.split_once(':').ok_or("KEY:KIND, e.g. REL-2027.03.01:deployment")?;
    let kind = match runway_domain::MilestoneKind::parse(&norm(kind)) {
        Some(k) => k,
        None => runway_domain::MilestoneKind::named(kind).map_err(|why| {
            format!(
                "{why}; a phase is one of {} or a custom phase's name",
                names(runway_domain::MilestoneKind::ALL.iter().map(|k| k.as_str()))
            )
        })?,
    };
    Ok(runway_domain::schedule::MilestoneRef { release: key.to_owned(), kind })
}

#[derive(Args)]
pub struct PhaseArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: PhaseAction,
}

#[derive(Subcommand)]
enum PhaseAction {
    /// Add a phase (or a milestone: START = END) to release KEY, or set the dates of the one of
    /// that NAME it has. NAME is a built-in kind (build, test, CAB…) or any other name.
    Set {
        key: String,
        name: String,
        start: chrono::NaiveDate,
        end: chrono::NaiveDate,
        /// The day it actually started.
        #[arg(long, value_name = "DATE")]
        actual_start: Option<chrono::NaiveDate>,
        /// The day it actually ended.
        #[arg(long, value_name = "DATE")]
        actual_end: Option<chrono::NaiveDate>,
    },
    /// Remove the phase NAME from release KEY (refused while a dependency uses it).
    Remove { key: String, name: String },
}

#[derive(Args)]
pub struct TemplateArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: TemplateAction,
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Each release kind's phases (days from the deployment) and whether the plan changed them.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make the template in a JSON file (as `list --json` prints one) the plan's own for its kind.
    Set { file: PathBuf },
    /// Go back to the default template for a release kind (major, minor, patch, emergency).
    Reset {
        #[arg(value_parser = |s: &str| runway_domain::ReleaseKind::parse(&s.to_lowercase()).ok_or("major, minor, patch or emergency"))]
        kind: runway_domain::ReleaseKind,
    },
}

pub fn template(args: TemplateArgs, who: &str) -> Result<(), Error> {
    let TemplateArgs { db, action } = args;
    match action {
        TemplateAction::List { json } => {
            let all = open_read(&db, who)?.release_templates()?;
            if json {
                say!("{}", to_json(&all)?);
                return Ok(());
            }
            for t in &all {
                let origin = if t.custom { "the plan's own" } else { "default" };
                say!("{} ({origin})", t.template.kind.label());
                for p in &t.template.phases {
                    say!("  {:<24} day {:>5} to {:>5}", p.phase.label(), p.start, p.end);
                }
                for l in &t.template.links {
                    say!("  {} waits for {} ({}, lag {:+})", l.to.label(), l.from.label(), l.kind.as_str(), l.lag_days);
                }
            }
        }
        TemplateAction::Set { file } => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| Error::io(format!("cannot read {}", file.display()), e))?;
            let t: runway_domain::template::ReleaseTemplate = serde_json::from_str(&text)
                .map_err(|e| Error::Import(format!("{} is not a release template: {e}", file.display())))?;
            let got = open(&db, who)?.set_release_template(t)?;
            let kind = got.template.kind.label().to_lowercase();
            if got.custom {
                say!("new {kind} releases start with {} phases", got.template.phases.len());
            } else {
                say!("that is the default template: new {kind} releases use the default");
            }
        }
        TemplateAction::Reset { kind } => {
            open(&db, who)?.reset_release_template(kind)?;
            say!("new {} releases start with the default template", kind.label().to_lowercase());
        }
    }
    Ok(())
}

pub fn phase(args: PhaseArgs, who: &str) -> Result<(), Error> {
    let PhaseArgs { db, action } = args;
    let mut p = open(&db, who)?;
    match action {
        PhaseAction::Set { key, name, start, end, actual_start, actual_end } => {
            let input = runway_core::api::phases::PhaseInput {
                name,
                planned_start: start,
                planned_end: end,
                actual_start,
                actual_end,
            };
            let kind = input.check()?.kind;
            p.set_phase(&key, &input)?;
            say!("{key} {}: planned {start} – {end}", kind.in_sentence());
        }
        PhaseAction::Remove { key, name } => {
            let d = p.remove_phase(&key, &name)?;
            say!("{key} no longer has the phase {:?} ({} phases left)", name.trim(), d.release.milestones.len());
        }
    }
    Ok(())
}

pub fn schedule(args: ScheduleArgs, who: &str) -> Result<(), Error> {
    let ScheduleArgs { db, json } = args;
    let p = open_read(&db, who)?;
    let a = p.schedule()?;
    if json {
        say!("{}", to_json(&a)?);
    } else {
        print_schedule(&a);
    }
    for d in &a.diagnostics {
        eprintln!("runway: {d}");
    }
    Ok(())
}

pub fn whatif(args: WhatifArgs, who: &str) -> Result<(), Error> {
    let WhatifArgs { db, milestone, to, end, json } = args;
    let p = open_read(&db, who)?;
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
    Ok(())
}

pub fn baseline(args: BaselineArgs, who: &str) -> Result<(), Error> {
    let BaselineArgs { db, action } = args;
    let writes = matches!(action, BaselineAction::Save { .. });
    let mut p = if writes { open(&db, who)? } else { open_read(&db, who)? };
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
                say!("{:<30} {}  {} milestones", b.name, b.taken_at.format("%Y-%m-%d %H:%M UTC"), b.milestones.len());
            }
        }
    }
    Ok(())
}

pub fn dependency(args: DependencyArgs, who: &str) -> Result<(), Error> {
    let DependencyArgs { db, action } = args;
    let writes = !matches!(action, DependencyAction::List { .. });
    let mut p = if writes { open(&db, who)? } else { open_read(&db, who)? };
    match action {
        DependencyAction::List { json } => {
            let deps = p.dependencies()?;
            if json {
                say!("{}", to_json(&deps)?);
            } else {
                for d in &deps {
                    say!("{:<36} → {:<36} {} {:+}", d.from.to_string(), d.to.to_string(), d.kind.as_str(), d.lag_days);
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
    for c in &w.conflicts_created {
        let _ =
            writeln!(out, "new conflict: {} ({}): {}", c.kind.label(), c.severity.label().to_lowercase(), c.message);
    }
    for c in &w.conflicts_resolved {
        let _ = writeln!(out, "resolves:     {}: {}", c.kind.label(), c.message);
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
