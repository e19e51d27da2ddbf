//! The forward schedule of changes: `calendar`, `windows list|add|remove|import`, `bookings
//! list|add|move|remove|capacity`, `conflicts`, `slots`, `timezone`.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Args, Subcommand, ValueEnum};

use runway_core::Error;
use runway_domain::calendar::{ChangeWindow, Conflict, ManualBooking, Scope, Severity, WindowKind};
use runway_domain::dates;

use super::{names, norm, open, open_read};
use crate::output::{say, to_json};

/// A local date and time as typed: `2027-12-20T22:00`, `2027-12-20 22:00[:00]` or a day
/// (`2027-12-20`, midnight).
pub fn parse_local(s: &str) -> Result<NaiveDateTime, String> {
    let t = s.trim();
    let parsed = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .or_else(|| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(|d| d.and_time(NaiveTime::MIN)))
        .ok_or_else(|| format!("{s:?} is not a local time: write YYYY-MM-DD HH:MM, e.g. 2027-12-20 22:00"))?;
    dates::check_datetime(parsed).map_or(Ok(parsed), Err)
}

fn parse_kind(s: &str) -> Result<WindowKind, String> {
    WindowKind::parse(&norm(s))
        .ok_or_else(|| format!("unknown kind {s:?}; one of {}", names(WindowKind::ALL.iter().map(|k| k.as_str()))))
}

#[derive(Args)]
pub struct CalendarArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The first day (default today).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    from: Option<NaiveDate>,
    /// The last day (default 30 days after the first).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    to: Option<NaiveDate>,
    /// Judge as of this day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    today: Option<NaiveDate>,
    #[arg(long, conflicts_with = "ics")]
    json: bool,
    /// Write the forward schedule (deployments, CAB dates, windows) as an iCalendar file to
    /// subscribe to or import into Outlook, Thunderbird or GNOME Calendar: the days --from to
    /// --to when given, else everything.
    #[arg(long, value_name = "OUT.ics")]
    ics: Option<PathBuf>,
}

#[derive(Args)]
pub struct WindowsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: WindowsAction,
}

#[derive(Subcommand)]
enum WindowsAction {
    /// The change windows of the plan.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a window; times are local to the plan's time zone.
    Add {
        name: String,
        /// freeze, blackout, maintenance or green_zone.
        #[arg(long, value_parser = parse_kind)]
        kind: WindowKind,
        /// The first occurrence's start (YYYY-MM-DD HH:MM, or a day).
        #[arg(long, value_parser = parse_local)]
        start: NaiveDateTime,
        /// Its end (exclusive).
        #[arg(long, value_parser = parse_local)]
        end: NaiveDateTime,
        #[arg(long, default_value = "")]
        reason: String,
        /// Whole days (start and end are midnights).
        #[arg(long)]
        all_day: bool,
        /// Scope: an environment (repeat for more). No scope at all: the whole portfolio.
        #[arg(long = "env", value_name = "ENVIRONMENT")]
        environments: Vec<String>,
        /// Scope: an application code.
        #[arg(long = "app", value_name = "CODE")]
        applications: Vec<String>,
        /// Scope: a configuration item.
        #[arg(long = "ci", value_name = "CI")]
        cis: Vec<String>,
        /// An RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH.
        #[arg(long, value_name = "RULE")]
        rrule: Option<String>,
        /// An occurrence left out, by its local start (repeat for more).
        #[arg(long = "except", value_parser = parse_local, value_name = "START")]
        exceptions: Vec<NaiveDateTime>,
    },
    /// Remove the window NAME.
    Remove { name: String },
    /// Add the events of an iCalendar file (a freeze or holiday calendar from Outlook, Google,
    /// Thunderbird) as windows of one kind and scope: all of them, or none.
    Import {
        file: PathBuf,
        #[arg(long, value_parser = parse_kind)]
        kind: WindowKind,
        #[arg(long = "env", value_name = "ENVIRONMENT")]
        environments: Vec<String>,
        #[arg(long = "app", value_name = "CODE")]
        applications: Vec<String>,
        #[arg(long = "ci", value_name = "CI")]
        cis: Vec<String>,
    },
}

#[derive(Args)]
pub struct BookingsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    #[command(subcommand)]
    action: BookingsAction,
}

#[derive(Subcommand)]
enum BookingsAction {
    /// Every booking: the releases' (from their test phases and deployment windows) and manual ones.
    List {
        /// Only this environment's.
        #[arg(long = "env")]
        environment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Book an environment by hand; beyond its capacity is allowed and shows as a conflict.
    Add {
        #[arg(long = "env")]
        environment: String,
        #[arg(long, value_parser = parse_local)]
        start: NaiveDateTime,
        #[arg(long, value_parser = parse_local)]
        end: NaiveDateTime,
        #[arg(long)]
        purpose: String,
        /// Who booked it (default: who runs the command).
        #[arg(long, default_value = "")]
        by: String,
        /// The release it is for.
        #[arg(long)]
        release: Option<String>,
    },
    /// Move manual booking ID.
    Move {
        id: i64,
        #[arg(long, value_parser = parse_local)]
        start: NaiveDateTime,
        #[arg(long, value_parser = parse_local)]
        end: NaiveDateTime,
    },
    /// Release (remove) manual booking ID.
    Remove { id: i64 },
    /// Set how many bookings environment ENV takes at once.
    Capacity { environment: String, capacity: u32 },
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// Exit 1 when a blocking conflict exists.
    Blocking,
    /// Exit 1 when any conflict exists.
    Any,
}

#[derive(Args)]
pub struct ConflictsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The first day (default today).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    from: Option<NaiveDate>,
    /// The last day (default: as far as anything is planned).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    to: Option<NaiveDate>,
    /// Judge as of this day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    today: Option<NaiveDate>,
    /// Only the conflicts of this release.
    #[arg(long, value_name = "KEY")]
    release: Option<String>,
    #[arg(long)]
    json: bool,
    /// Exit 1 when conflicts of this severity exist (for scripts that gate on them); without
    /// it the command exits 0 whatever it finds.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
}

#[derive(Args)]
pub struct SlotsArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    key: String,
    #[arg(long, default_value_t = 5)]
    count: usize,
    /// Search as of this day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = dates::parse_date)]
    today: Option<NaiveDate>,
    /// Move the release's deployment to the Nth slot listed (an edit the app can undo).
    #[arg(long, value_name = "N")]
    apply: Option<usize>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct TimezoneArgs {
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// The IANA name to set (e.g. Europe/London); without it, the plan's zone is shown.
    zone: Option<String>,
}

fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    if start.date() == end.date() {
        format!("{} – {}", start.format("%a %Y-%m-%d %H:%M"), end.format("%H:%M"))
    } else {
        format!("{} – {}", start.format("%a %Y-%m-%d %H:%M"), end.format("%a %Y-%m-%d %H:%M"))
    }
}

pub fn calendar(args: CalendarArgs, who: &str) -> Result<(), Error> {
    let CalendarArgs { db, from, to, today, json, ics } = args;
    let mut p = open_read(&db, who)?;
    if let Some(t) = today {
        p.set_today(t);
    }
    if let Some(out) = ics {
        let range = match (from, to) {
            (None, None) => None,
            (f, t) => {
                let f = f.unwrap_or_else(|| p.today());
                Some((f, t.unwrap_or_else(|| dates::add_days(f, 366).unwrap_or(f))))
            }
        };
        let events = p.write_ics(&out, range)?;
        say!("wrote {} ({events} events, times in {})", out.display(), p.time_zone());
        return Ok(());
    }
    let from = from.unwrap_or_else(|| p.today());
    let to = to.unwrap_or_else(|| dates::add_days(from, 30).unwrap_or(from));
    let view = p.calendar(from, to)?;
    if json {
        say!("{}", to_json(&view)?);
        return Ok(());
    }
    say!("Forward schedule of changes {} to {} ({})", view.from, view.to, view.zone);
    for b in &view.bands {
        say!("{:<12} {:<40} {}  ({})", b.kind.label(), b.window, when(b.start, b.end), b.scope);
    }
    for d in &view.deployments {
        let flag = if d.blocking {
            "  BLOCKED"
        } else if d.conflicts > 0 {
            "  conflict"
        } else {
            ""
        };
        say!(
            "{:<12} {:<40} {}  {}{flag}",
            "Deployment",
            format!("{} {}", d.release, d.title),
            when(d.start, d.end),
            d.environments.join(", ")
        );
    }
    for m in view.milestones.iter().filter(|m| m.kind == runway_domain::MilestoneKind::Cab) {
        say!("{:<12} {:<40} {}", "CAB", m.release, m.start);
    }
    say!("{} windows, {} deployments, {} conflicts", view.bands.len(), view.deployments.len(), view.conflicts.len());
    Ok(())
}

pub fn windows(args: WindowsArgs, who: &str) -> Result<(), Error> {
    let WindowsArgs { db, action } = args;
    let writes = !matches!(action, WindowsAction::List { .. });
    let mut p = if writes { open(&db, who)? } else { open_read(&db, who)? };
    match action {
        WindowsAction::List { json } => {
            let list = p.windows()?;
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for w in &list {
                    let rule = w.recurrence.as_deref().map(|r| format!("  every {r}")).unwrap_or_default();
                    say!(
                        "{:<12} {:<36} {}{rule}  ({})",
                        w.kind.label(),
                        w.name,
                        when(w.start, w.end),
                        w.scope.describe()
                    );
                }
                say!("{} windows ({})", list.len(), p.time_zone());
            }
        }
        WindowsAction::Add {
            name,
            kind,
            start,
            end,
            reason,
            all_day,
            environments,
            applications,
            cis,
            rrule,
            exceptions,
        } => {
            let w = ChangeWindow {
                name,
                kind,
                reason,
                scope: Scope { applications, environments, cis },
                start,
                end,
                all_day,
                recurrence: rrule,
                exceptions,
            };
            let w = p.save_window(None, w)?;
            say!(
                "added the {} {:?} ({}, covering {})",
                w.kind.label().to_lowercase(),
                w.name,
                when(w.start, w.end),
                w.scope.describe()
            );
        }
        WindowsAction::Remove { name } => {
            p.remove_window(&name)?;
            say!("removed the window {name:?}");
        }
        WindowsAction::Import { file, kind, environments, applications, cis } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Error::Import(format!("{}: cannot be read as UTF-8 text: {e}", file.display())))?;
            let source =
                file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            let added = p.import_windows_ics(&text, &source, kind, Scope { applications, environments, cis })?;
            for w in &added {
                let rule = w.recurrence.as_deref().map(|r| format!("  every {r}")).unwrap_or_default();
                say!("{:<36} {}{rule}", w.name, when(w.start, w.end));
            }
            say!("imported {} {} windows from {source}", added.len(), kind.label().to_lowercase());
        }
    }
    Ok(())
}

pub fn bookings(args: BookingsArgs, who: &str) -> Result<(), Error> {
    let BookingsArgs { db, action } = args;
    let writes = !matches!(action, BookingsAction::List { .. });
    let mut p = if writes { open(&db, who)? } else { open_read(&db, who)? };
    match action {
        BookingsAction::List { environment, json } => {
            let list: Vec<_> = p
                .bookings()?
                .into_iter()
                .filter(|b| environment.as_ref().is_none_or(|e| &b.environment == e))
                .collect();
            if json {
                say!("{}", to_json(&list)?);
            } else {
                for b in &list {
                    let id = b.id.map(|i| format!("#{i}")).unwrap_or_else(|| "auto".into());
                    say!(
                        "{:<6} {:<10} {}  {} ({})",
                        id,
                        b.environment,
                        when(b.start, b.end),
                        b.purpose,
                        b.source.label()
                    );
                }
                say!("{} bookings", list.len());
            }
        }
        BookingsAction::Add { environment, start, end, purpose, by, release } => {
            let id = p.save_booking(None, ManualBooking { environment, start, end, purpose, by, release })?;
            say!("booked as #{id}");
        }
        BookingsAction::Move { id, start, end } => {
            let current = p
                .bookings()?
                .into_iter()
                .find(|b| b.id == Some(id))
                .ok_or_else(|| Error::NotFound(format!("booking #{id}")))?;
            let b = ManualBooking {
                environment: current.environment,
                start,
                end,
                purpose: current.purpose,
                by: current.by,
                release: current.release,
            };
            p.save_booking(Some(id), b)?;
            say!("moved booking #{id} to {}", when(start, end));
        }
        BookingsAction::Remove { id } => {
            p.remove_booking(id)?;
            say!("released booking #{id}");
        }
        BookingsAction::Capacity { environment, capacity } => {
            let mut env = p
                .catalog()?
                .environments
                .into_iter()
                .find(|e| e.name == environment)
                .ok_or_else(|| Error::NotFound(format!("environment {environment:?}")))?;
            env.capacity = capacity;
            p.set_environment(env)?;
            say!("{environment} now takes {capacity} booking{} at once", if capacity == 1 { "" } else { "s" });
        }
    }
    Ok(())
}

fn print_conflicts(list: &[Conflict]) {
    for c in list {
        say!("{:<8} {:<48} {}", c.severity.label(), c.kind.label(), c.message);
    }
    let blocking = list.iter().filter(|c| c.severity == Severity::Blocking).count();
    say!("{} conflicts, {blocking} blocking", list.len());
}

pub fn conflicts(args: ConflictsArgs, who: &str) -> Result<ExitCode, Error> {
    let ConflictsArgs { db, from, to, today, release, json, fail_on } = args;
    let mut p = open_read(&db, who)?;
    if let Some(t) = today {
        p.set_today(t);
    }
    let list = match &release {
        Some(key) => p.release_conflicts(key)?,
        None => p.conflicts(from, to)?,
    };
    if json {
        say!("{}", to_json(&list)?);
    } else {
        print_conflicts(&list);
    }
    let fail = match fail_on {
        None => false,
        Some(FailOn::Any) => !list.is_empty(),
        Some(FailOn::Blocking) => list.iter().any(|c| c.severity == Severity::Blocking),
    };
    Ok(if fail { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

pub fn slots(args: SlotsArgs, who: &str) -> Result<(), Error> {
    let SlotsArgs { db, key, count, today, apply, json } = args;
    let mut p = if apply.is_some() { open(&db, who)? } else { open_read(&db, who)? };
    if let Some(t) = today {
        p.set_today(t);
    }
    let list = p.slots(&key, count)?;
    if let Some(n) = apply {
        let slot = list.get(n.wrapping_sub(1)).ok_or_else(|| {
            Error::field("apply", format!("there are {} slots; --apply takes 1 to {}", list.len(), list.len()))
        })?;
        p.apply_slot(&key, slot.start)?;
        say!("moved {key}'s deployment to {} ({})", when(slot.start, slot.end), slot.note);
        return Ok(());
    }
    if json {
        say!("{}", to_json(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        say!("no free slot for {key} in the next {} days", runway_core::api::calendar::SLOT_HORIZON_DAYS);
    }
    for (i, s) in list.iter().enumerate() {
        say!("{}. {}  ({}, {:+} days)", i + 1, when(s.start, s.end), s.note, s.shift_days);
    }
    Ok(())
}

pub fn timezone(args: TimezoneArgs, who: &str) -> Result<(), Error> {
    let TimezoneArgs { db, zone } = args;
    match zone {
        None => say!("{}", open_read(&db, who)?.time_zone()),
        Some(z) => say!("the plan's time zone is now {}", open(&db, who)?.set_time_zone(&z)?),
    }
    Ok(())
}
