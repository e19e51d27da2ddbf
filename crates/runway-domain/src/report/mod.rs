//! Report models (D9): the figures and tables of the PDF reports, computed from a portfolio.
//!
//! Pure: no IO and no clock (`today` is passed in where a report needs it), deterministic (the
//! same document gives the same report) and total (a plan with people missing, releases without
//! milestones or window, or events about releases it does not hold gives a report with "—" or
//! `None` where the fact is missing, never a panic). Revoked decisions and evidence never count.
//!
//! - [`period`]: the quarter, month or range a report covers.
//! - [`kpi`]: the monthly KPI report and the quarterly PMO report (seed 003's KPIs, DORA).
//! - [`release`]: the report on one release (record, contents, timeline, decisions, outcome).
//! - [`cab`]: the CAB pack (agenda with gates, conflicts and evidence) and the CAB minutes.
//! - [`matrix`]: the responsibility matrix (SARCI or RACI) with its legend, who holds each role
//!   and the broken rules.
//!
//! Every model carries display-ready names (application names, people's names) so a renderer
//! only lays them out.

pub mod cab;
mod index;
pub mod kpi;
pub mod matrix;
pub mod period;
pub mod release;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::evidence::Priority;
use crate::model::{MilestoneKind, ReleaseKind, ReleaseStatus, RfcStatus, Window};
use crate::schedule::DepKind;

pub use cab::{AgendaItem, CabMinutes, CabPack, DecisionLine, GateCheck, cab_minutes, cab_pack};
pub use index::DateSource;
pub use kpi::{Headline, KpiReport, kpi_report};
pub use matrix::{MatrixReport, matrix_report};
pub use period::Period;
pub use release::{Outcome, ReleaseReport, release_report};

/// What a report prints where a fact is missing.
pub const MISSING: &str = "—";

/// A term and how it is counted, for a report's "How these figures are counted" section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Definition {
    pub term: String,
    pub meaning: String,
}

/// An application, by code and name (the code when the plan does not know it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppRef {
    pub code: String,
    pub name: String,
}

/// A person, by name and e-mail (the e-mail as the name when the plan does not know them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonRef {
    pub name: String,
    pub email: String,
}

/// A release as a line of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseLine {
    pub key: String,
    pub title: String,
    pub kind: ReleaseKind,
    pub status: ReleaseStatus,
    pub status_label: String,
    pub applications: Vec<AppRef>,
}

/// An RFC a release carries; an RFC the plan does not hold shows "—" and no status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RfcLine {
    pub key: String,
    pub title: String,
    pub status: Option<RfcStatus>,
    pub status_label: String,
}

/// A dependency on (upstream) or of (downstream) another release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DependencyLine {
    /// The other release.
    pub release: String,
    pub title: String,
    pub status_label: String,
    pub kind: DepKind,
    /// "FS", "SS", "FF" or "SF".
    pub kind_code: String,
    /// The milestones joined: the predecessor's, then the successor's (None: the whole release).
    pub from_milestone: Option<MilestoneKind>,
    pub to_milestone: Option<MilestoneKind>,
    pub lag_days: i32,
    /// The plan breaks this dependency (see the schedule analysis).
    pub violated: bool,
}

/// A violated dependency, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ViolationLine {
    pub from: String,
    pub to: String,
    pub by_days: i32,
    pub message: String,
}

/// An incident recorded against a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IncidentLine {
    pub release: String,
    pub reference: String,
    pub priority: Priority,
    pub priority_label: String,
    pub opened: DateTime<Utc>,
    /// When an `IncidentClosed` event closed it.
    pub closed: Option<DateTime<Utc>>,
    pub caused_by_release: bool,
}

/// The deployment window in words: "6 Mar 2027 22:00 – 7 Mar 2027 04:00", "2 Mar 2027 20:00–22:00".
pub fn window_label(window: Option<&Window>) -> String {
    let Some(w) = window else { return MISSING.into() };
    let day = |d: NaiveDate| period::day_label(d);
    if w.start.date() == w.end.date() {
        format!("{} {}–{}", day(w.start.date()), w.start.format("%H:%M"), w.end.format("%H:%M"))
    } else {
        format!("{} {} – {} {}", day(w.start.date()), w.start.format("%H:%M"), day(w.end.date()), w.end.format("%H:%M"))
    }
}

/// A percentage of `part` in `whole`, None when `whole` is 0.
fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) * 100.0 / f64::from(whole))
}

/// `text` trimmed, or "—" when it is blank.
fn or_missing(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() { MISSING.into() } else { t.to_owned() }
}

fn definition(term: &str, meaning: &str) -> Definition {
    Definition { term: term.into(), meaning: meaning.into() }
}
