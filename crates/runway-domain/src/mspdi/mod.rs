//! MS Project XML (MSPDI, the "Microsoft Project Data Interchange" schema): plans written by MS
//! Project, ProjectLibre and GanttProject, read into a neutral model, and a portfolio written as
//! one. Pure: the caller passes the
//! file's bytes; the reader knows nothing of releases yet (the import into a plan builds on
//! [`Project`]).
//!
//! **Read** ([`read()`]): all or nothing. The file is refused whole, with every problem named by
//! its element (`Task UID 12: Finish "2027-13-01T08:00:00" is not a date`), when it is larger than
//! [`MAX_BYTES`] (checked before anything is parsed), is not well-formed XML, nests deeper than
//! [`MAX_DEPTH`], has a root other than `Project` in the namespace [`NAMESPACE`], holds more than
//! [`MAX_TASKS`] tasks, has a date that is not a date or that a plan cannot hold
//! ([`crate::dates`]), a link type or lag that is not one MSPDI defines, or a link to a task UID the
//! file does not hold. It never panics (the property test in `tests/mspdi.rs` mutates real files).
//!
//! What is read: the project's name (`Title`, else `Name`) and `MinutesPerDay`; each task's UID,
//! ID, name, outline level, summary and milestone flags, start and finish, actual start and
//! finish, baselines (number, start, finish) and cost; each `PredecessorLink` with its type and
//! lag. Blank rows (`IsNull` 1) are left out. The project summary task (UID 0, outline level 0)
//! is kept as MS Project writes it. Counted, not read: calendars with working-time exceptions,
//! resources, assignments, custom fields (extended attributes), cross-project links; see
//! [`what_is_dropped`].
//!
//! **Write** ([`write()`]): a portfolio as an MSPDI document, releases as summary tasks, their
//! milestones and deployment window under them, dependencies as predecessor links; the mapping is
//! in `write.rs`. What it writes, [`read()`] reads back with the same dates, links and lags.
//!
//! **Lags** ([`LagValue`]): MSPDI stores `LinkLag` in tenths of a minute whatever its
//! `LagFormat` (which only says how MS Project shows it), except for the percentage formats,
//! where it is the percentage itself. The raw value is kept; [`LagValue::days`] converts it to
//! whole days and says whether (and by how much) it rounded.

pub mod import;
mod read;
mod write;

use chrono::NaiveDateTime;
use serde::Serialize;

pub use read::read;
pub use write::{MAX_BASELINES, WINDOW_TASK, write};

/// The namespace of an MSPDI document's root `Project` element.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";
/// The largest file read: 64 MiB (a 45,000-task plan written by MS Project is about 60 MB).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The most tasks a file may hold.
pub const MAX_TASKS: usize = 200_000;
/// The deepest nesting of elements read (MS Project writes at most 6 levels).
pub const MAX_DEPTH: usize = 32;
/// The most problems reported at once; past it, one line says how many more there were.
pub const MAX_PROBLEMS: usize = 100;

/// A plan as an MSPDI file holds it, before it becomes releases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Project {
    /// `Title`, else `Name` (MS Project writes the file's name there), else empty.
    pub name: String,
    /// `MinutesPerDay` (480 when absent): the working day that a lag in days is made of.
    pub minutes_per_day: u32,
    /// The tasks in file order (MS Project's order is the outline's), blank rows left out.
    pub tasks: Vec<Task>,
    /// Every predecessor link between two tasks of the file.
    pub links: Vec<Link>,
    /// Calendars with working-time exceptions (holidays, changed days).
    pub calendars_with_exceptions: usize,
    /// Exceptions across those calendars.
    pub calendar_exceptions: usize,
    pub resources: usize,
    pub assignments: usize,
    /// Custom field definitions (`ExtendedAttributes` of the project).
    pub extended_attributes: usize,
    /// Custom field values on tasks.
    pub task_custom_values: usize,
    /// Tasks with a cost other than 0.
    pub tasks_with_cost: usize,
    /// Links to a task of another project (`CrossProject` 1), which are not kept in `links`.
    pub cross_project_links: usize,
}

/// One task, summary task or milestone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub uid: i64,
    /// The row number MS Project shows (0 when the file has none).
    pub id: i64,
    pub name: String,
    /// 0 for the project summary task, 1 for a top-level task, 2 under it…
    pub outline_level: u32,
    pub summary: bool,
    pub milestone: bool,
    pub start: NaiveDateTime,
    pub finish: NaiveDateTime,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    pub baselines: Vec<Baseline>,
    /// `Cost`, in the file's currency (MSPDI writes it in the currency's units, e.g. 505200 for
    /// 5052.00 in MS Project 2010's files: read as written).
    pub cost: Option<f64>,
}

/// A task's baseline: its number (0 for "Baseline", 1 to 10 for "Baseline1"…) and the dates it
/// holds (MS Project may write only one of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Baseline {
    pub number: u8,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
}

/// `to` depends on `from` (MSPDI writes it on the successor as `PredecessorLink`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Link {
    pub from_uid: i64,
    pub to_uid: i64,
    pub kind: LinkKind,
    pub lag: LagValue,
}

/// The four kinds of dependency. MSPDI's `Type`: 0 FF, 1 FS, 2 SF, 3 SS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LinkKind {
    FinishToStart,
    StartToStart,
    FinishToFinish,
    StartToFinish,
}

impl LinkKind {
    /// The kind an MSPDI `Type` stands for.
    pub fn from_mspdi(code: i64) -> Option<LinkKind> {
        match code {
            0 => Some(LinkKind::FinishToFinish),
            1 => Some(LinkKind::FinishToStart),
            2 => Some(LinkKind::StartToFinish),
            3 => Some(LinkKind::StartToStart),
            _ => None,
        }
    }

    /// FS, SS, FF or SF.
    pub fn short(self) -> &'static str {
        match self {
            LinkKind::FinishToStart => "FS",
            LinkKind::StartToStart => "SS",
            LinkKind::FinishToFinish => "FF",
            LinkKind::StartToFinish => "SF",
        }
    }
}

/// How a lag is shown (`LagFormat`); `e` formats are elapsed time (24-hour days, every day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LagFormat {
    Minutes,
    ElapsedMinutes,
    Hours,
    ElapsedHours,
    Days,
    ElapsedDays,
    Weeks,
    ElapsedWeeks,
    Months,
    ElapsedMonths,
    Percent,
    ElapsedPercent,
}

impl LagFormat {
    /// The format an MSPDI `LagFormat` code stands for: 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w,
    /// 10 ew, 11 mo, 12 emo, 19 %, 20 e%; codes 35 to 52 are the same units marked estimated
    /// ("?"), in the same order.
    pub fn from_mspdi(code: i64) -> Option<LagFormat> {
        let code = if (35..=52).contains(&code) { code - 32 } else { code };
        Some(match code {
            3 => LagFormat::Minutes,
            4 => LagFormat::ElapsedMinutes,
            5 => LagFormat::Hours,
            6 => LagFormat::ElapsedHours,
            7 => LagFormat::Days,
            8 => LagFormat::ElapsedDays,
            9 => LagFormat::Weeks,
            10 => LagFormat::ElapsedWeeks,
            11 => LagFormat::Months,
            12 => LagFormat::ElapsedMonths,
            19 => LagFormat::Percent,
            20 => LagFormat::ElapsedPercent,
            _ => return None,
        })
    }

    /// Whether the lag runs on the clock (every day, 24 hours) rather than in working time.
    pub fn elapsed(self) -> bool {
        matches!(
            self,
            LagFormat::ElapsedMinutes
                | LagFormat::ElapsedHours
                | LagFormat::ElapsedDays
                | LagFormat::ElapsedWeeks
                | LagFormat::ElapsedMonths
                | LagFormat::ElapsedPercent
        )
    }

    /// Whether the value is a percentage of the predecessor's duration.
    pub fn percent(self) -> bool {
        matches!(self, LagFormat::Percent | LagFormat::ElapsedPercent)
    }
}

/// A link's lag as the file holds it, and the project's working day it is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LagValue {
    /// `LinkLag`: tenths of a minute (negative for a lead), or the percentage for
    /// [`LagFormat::Percent`] and [`LagFormat::ElapsedPercent`].
    pub raw: i64,
    pub format: LagFormat,
    /// The project's `MinutesPerDay`: a working day (7 d = 4800 tenths at 480).
    pub minutes_per_day: u32,
}

/// A lag in whole days, and what rounding to whole days cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LagDays {
    /// Whole days, rounded to the nearest (half a day away from zero).
    pub days: i64,
    /// Working days (the project's `MinutesPerDay`) or, when false, calendar days of 24 hours.
    pub working: bool,
    /// Tenths of a minute lost (or added, when negative) by the rounding: `raw − days × day`.
    /// 0 when the lag was a whole number of days.
    pub rounded_off: i64,
}

impl LagDays {
    /// Whether the lag was a whole number of days.
    pub fn exact(&self) -> bool {
        self.rounded_off == 0
    }
}

impl LagValue {
    /// Tenths of a minute in one day of this lag: a working day (`MinutesPerDay` × 10) or, for
    /// an elapsed format, 24 hours (14,400).
    pub fn tenths_per_day(&self) -> i64 {
        if self.format.elapsed() { 24 * 60 * 10 } else { i64::from(self.minutes_per_day.max(1)) * 10 }
    }

    /// The lag in whole days. **This is where rounding happens**: the exact value is
    /// `raw / tenths_per_day()` days, rounded to the nearest whole day (a half away from zero),
    /// and [`LagDays::rounded_off`] says by how much. None for a percentage of the predecessor's
    /// duration, which is no number of days until that duration is known.
    pub fn days(&self) -> Option<LagDays> {
        if self.format.percent() {
            return None;
        }
        let per_day = self.tenths_per_day();
        let whole = self.raw / per_day;
        let rest = self.raw % per_day;
        let days = if rest.abs() * 2 >= per_day { whole + rest.signum() } else { whole };
        Some(LagDays { days, working: !self.format.elapsed(), rounded_off: self.raw - days * per_day })
    }

    /// The lag in minutes, exactly (a lag in tenths of a minute may hold half a minute); None for
    /// a percentage.
    pub fn minutes(&self) -> Option<f64> {
        (!self.format.percent()).then(|| self.raw as f64 / 10.0)
    }
}

/// One problem in a file, with the element that holds it (`Task UID 12`, `Project`, `line 3`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub element: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.element, self.message)
    }
}

/// Why a file was refused: every problem found (at most [`MAX_PROBLEMS`] and a line saying how
/// many more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadError {
    pub problems: Vec<Problem>,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.problems.iter().map(ToString::to_string).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for ReadError {}

/// What Runway cannot represent of a file, in plain words with counts, for the import report:
/// resources, assignments, calendars' working-time exceptions, costs, custom fields, links to
/// other projects, lags given as a percentage and lags that are not whole days. Empty when
/// nothing is dropped.
pub fn what_is_dropped(p: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let plural = |n: usize, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    if p.resources > 0 {
        out.push(format!(
            "{} (Runway plans releases, not people's time)",
            plural(p.resources, "resource", "resources")
        ));
    }
    if p.assignments > 0 {
        out.push(format!("{} of resources to tasks", plural(p.assignments, "assignment", "assignments")));
    }
    if p.calendars_with_exceptions > 0 {
        out.push(format!(
            "{} of working time in {} (holidays and changed days; Runway has change windows instead)",
            plural(p.calendar_exceptions, "exception", "exceptions"),
            plural(p.calendars_with_exceptions, "calendar", "calendars")
        ));
    }
    if p.tasks_with_cost > 0 {
        out.push(format!("the cost of {}", plural(p.tasks_with_cost, "task", "tasks")));
    }
    if p.extended_attributes > 0 || p.task_custom_values > 0 {
        out.push(format!(
            "{} and {} on tasks",
            plural(p.extended_attributes, "custom field", "custom fields"),
            plural(p.task_custom_values, "custom value", "custom values")
        ));
    }
    if p.cross_project_links > 0 {
        out.push(format!("{} to tasks of other projects", plural(p.cross_project_links, "link", "links")));
    }
    let percent = p.links.iter().filter(|l| l.lag.format.percent()).count();
    if percent > 0 {
        out.push(format!("{} given as a percentage of the predecessor's duration", plural(percent, "lag", "lags")));
    }
    let rounded = p.links.iter().filter(|l| l.lag.days().is_some_and(|d| !d.exact())).count();
    if rounded > 0 {
        out.push(format!("the part of a day in {} (rounded to whole days)", plural(rounded, "lag", "lags")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lag(raw: i64, format: LagFormat) -> LagValue {
        LagValue { raw, format, minutes_per_day: 480 }
    }

    #[test]
    fn lags_convert_exactly_and_say_when_they_round() {
        let d = lag(4800, LagFormat::Days).days().unwrap_or(LagDays { days: 0, working: false, rounded_off: 1 });
        assert_eq!((d.days, d.working, d.exact()), (1, true, true));
        assert_eq!(lag(-4800, LagFormat::Days).days().map(|d| d.days), Some(-1));
        assert_eq!(lag(24000, LagFormat::Weeks).days().map(|d| d.days), Some(5));
        assert_eq!(lag(14400, LagFormat::ElapsedDays).days().map(|d| (d.days, d.working)), Some((1, false)));
        let half = lag(2400, LagFormat::Hours).days();
        assert_eq!(half.map(|d| (d.days, d.rounded_off)), Some((1, -2400)));
        assert_eq!(lag(-2399, LagFormat::Hours).days().map(|d| (d.days, d.rounded_off)), Some((0, -2399)));
        assert_eq!(lag(50, LagFormat::Percent).days(), None);
        assert_eq!(LagFormat::from_mspdi(39), Some(LagFormat::Days));
        assert_eq!(LinkKind::from_mspdi(0).map(LinkKind::short), Some("FF"));
    }
}
