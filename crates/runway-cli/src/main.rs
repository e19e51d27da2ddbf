//! `runway`: the command line over runway-core. Argument parsing and printing, nothing more.
//!
//! Exit codes: 0 ok; 1 the command ran and found a problem (a refused import, a broken chain);
//! 2 bad usage (clap). Errors print one line to stderr: `runway: <reason>`.
//!
//! This file is the command tree (`Cli`, `Command`) and the dispatch; each subcommand's arguments,
//! its run over the core and its printing are in `commands/` (see `commands/mod.rs`), and the
//! printing every command shares in `output.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod commands;
mod output;
mod packaging;

use commands::{calendar, lifecycle, matrix, outbox, plan, releases, report, schedule, stakeholders, team};
use output::one_line;
use runway_core::Error;
use runway_core::settings::{SettingsFile, actor, default_profile};

#[derive(Parser)]
#[command(
    name = "runway",
    version,
    long_version = packaging::LONG_VERSION.as_str(),
    about = "Runway release planning from the command line",
    propagate_version = true
)]
struct Cli {
    /// Who to record in the audit log (default: the app's profile, else the OS user).
    #[arg(long, global = true, value_name = "NAME")]
    r#as: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The subcommands, in the order `runway --help` lists them. A variant's doc comment is its line
/// in that list; its arguments are in the module that runs it.
#[derive(Subcommand)]
enum Command {
    /// Create a plan holding the demo portfolio.
    Demo(plan::DemoArgs),
    /// List the releases of a plan.
    Releases(releases::ReleasesArgs),
    /// Export the whole plan.
    Export(plan::ExportArgs),
    /// Import a portfolio document (creates the plan if it does not exist). All or nothing.
    Import(plan::ImportArgs),
    /// Check the plan: integrity, foreign keys, schema version, audit chain.
    Verify(plan::VerifyArgs),
    /// Back up a plan to a new file: a consistent snapshot through SQLite's backup API, taken
    /// while the app may have the plan open.
    Backup(plan::BackupArgs),
    /// Move a release through its lifecycle, or record decisions and evidence against it.
    Release {
        #[command(subcommand)]
        action: lifecycle::ReleaseAction,
    },
    /// Every release's stage, days in it, what blocks its next step, and warnings.
    Status(lifecycle::StatusArgs),
    /// The audit log, newest last (all of it, or one release's).
    Audit(plan::AuditArgs),
    /// Write a report as PDF: release, monthly, quarterly, poster, cab-pack, cab-minutes, fsc
    /// (the forward schedule of changes) or matrix (the responsibility matrix).
    Report(report::ReportArgs),
    /// The schedule: per milestone its planned and earliest dates, slack, whether it is critical,
    /// the violated dependencies and the critical path.
    Schedule(schedule::ScheduleArgs),
    /// What moving (or resizing) a milestone would do, nothing saved: MILESTONE is KEY:KIND
    /// (e.g. REL-2027.03.01:deployment).
    Whatif(schedule::WhatifArgs),
    /// A release's phases and milestones, built-in or custom ("SIT", "Dress rehearsal"): set
    /// one's dates (adding it if new), remove one.
    Phase(schedule::PhaseArgs),
    /// Release templates: the phases and dependencies a new release of each kind starts with
    /// (list, set from a JSON file, reset to the default).
    Template(schedule::TemplateArgs),
    /// Named baselines of the planned dates: save one, compare today's plan with one, list them.
    Baseline(schedule::BaselineArgs),
    /// Dependencies between milestones or releases: list, add, remove.
    Dependency(schedule::DependencyArgs),
    /// Show the plan's release policy, or replace it from a JSON file.
    Policy(lifecycle::PolicyArgs),
    /// The forward schedule of changes for a range of days: windows, deployments, CAB dates.
    Calendar(calendar::CalendarArgs),
    /// Change windows (freeze, blackout, maintenance, green zone): list, add, remove.
    Windows(calendar::WindowsArgs),
    /// Environment bookings: list, add, move, remove; an environment's capacity.
    Bookings(calendar::BookingsArgs),
    /// The conflicts of the forward schedule (exit 0 unless --fail-on says otherwise).
    Conflicts(calendar::ConflictsArgs),
    /// The next free deployment slots for a release (and --apply N to take one).
    Slots(calendar::SlotsArgs),
    /// Show or set the plan's time zone (an IANA name such as Europe/London).
    Timezone(calendar::TimezoneArgs),
    /// The SARCI/RACI responsibility matrix: show it (for a release, as RACI, as CSV), set a
    /// cell, check its rules, edit its roles and activities.
    Matrix(matrix::MatrixArgs),
    /// The people of the plan and the roles they hold: list, add, assign, unassign; import and
    /// export them as CSV.
    People(matrix::PeopleArgs),
    /// Distribution lists (people and other lists; what releases and applications they follow).
    Lists(stakeholders::ListsArgs),
    /// The outbox: messages made by changes, to review, approve, export as .eml and send over SMTP.
    Outbox(outbox::OutboxArgs),
    /// Copy the plan to a new file that goes its own way (its own replica id), for another
    /// release manager to edit apart and merge back.
    SaveAs(team::SaveAsArgs),
    /// The plan's replica id, portfolio id, the copies it has merged from and its open cards.
    Replica(team::ReplicaArgs),
    /// Change files: `changes export` writes what this plan has that a peer has not seen.
    Changes(team::ChangesArgs),
    /// Merge a change file another copy of the plan wrote; what a person must decide becomes a
    /// review card.
    Merge(team::MergeArgs),
    /// Review cards: list them, decide one (pick a side, give a value, rename).
    Review(team::ReviewArgs),
    /// Push the plan's changes to the team store (PostgreSQL) and merge everyone else's.
    Sync(team::SyncArgs),
    /// Write the man pages (runway.1 and one per subcommand) into a folder: for packaging.
    #[command(hide = true)]
    GenerateMan(packaging::ManArgs),
    /// Print the completion script for bash, zsh or fish: for packaging.
    #[command(hide = true)]
    Completions(packaging::CompletionsArgs),
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
        Command::Demo(args) => plan::demo(args, &who)?,
        Command::Releases(args) => releases::list(args, &who)?,
        Command::Export(args) => plan::export(args, &who)?,
        Command::Import(args) => plan::import(args, &who)?,
        Command::Verify(args) => return plan::verify(args, &who),
        Command::Backup(args) => plan::backup(args, &who)?,
        Command::Release { action } => lifecycle::release(action, &who)?,
        Command::Status(args) => lifecycle::status(args, &who)?,
        Command::Audit(args) => plan::audit(args, &who)?,
        Command::Report(args) => report::report(args, &who)?,
        Command::Schedule(args) => schedule::schedule(args, &who)?,
        Command::Phase(args) => schedule::phase(args, &who)?,
        Command::Template(args) => schedule::template(args, &who)?,
        Command::Whatif(args) => schedule::whatif(args, &who)?,
        Command::Baseline(args) => schedule::baseline(args, &who)?,
        Command::Dependency(args) => schedule::dependency(args, &who)?,
        Command::Policy(args) => lifecycle::policy(args, &who)?,
        Command::Calendar(args) => calendar::calendar(args, &who)?,
        Command::Windows(args) => calendar::windows(args, &who)?,
        Command::Bookings(args) => calendar::bookings(args, &who)?,
        Command::Conflicts(args) => return calendar::conflicts(args, &who),
        Command::Slots(args) => calendar::slots(args, &who)?,
        Command::Timezone(args) => calendar::timezone(args, &who)?,
        Command::Matrix(args) => return matrix::matrix(args, &who),
        Command::People(args) => matrix::people(args, &who)?,
        Command::Lists(args) => stakeholders::lists(args, &who)?,
        Command::Outbox(args) => outbox::outbox(args, &who)?,
        Command::SaveAs(args) => team::save_as(args, &who)?,
        Command::Replica(args) => team::replica(args, &who)?,
        Command::Changes(args) => team::changes(args, &who)?,
        Command::Merge(args) => team::merge(args, &who)?,
        Command::Review(args) => team::review(args, &who)?,
        Command::Sync(args) => team::sync(args, &who)?,
        Command::GenerateMan(args) => {
            packaging::generate_man(Cli::command(), &args.dir)
                .map_err(|e| Error::io(format!("cannot write the man pages into {}", args.dir.display()), e))?;
        }
        Command::Completions(args) => packaging::completions(Cli::command(), args.shell, &mut std::io::stdout())
            .map_err(|e| Error::io("cannot write the completion script", e))?,
    }
    Ok(ExitCode::SUCCESS)
}
