//! What the calendar view and the forward-schedule report show for a range of days: the windows'
//! occurrences as bands, deployments, CAB dates and milestones as events, one lane of bookings
//! per environment, and the conflicts.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::{Booking, active, booked_by};
use super::conflict::{Conflict, Severity};
use super::window::{WindowKind, occurrences};
use super::{BookedBy, PlanSchedule};
use crate::dates;
use crate::model::{MilestoneKind, ReleaseStatus};

/// One occurrence of a change window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Band {
    pub window: String,
    pub kind: WindowKind,
    pub reason: String,
    /// "the whole portfolio", "environment Prod".
    pub scope: String,
    /// Environments the window names (empty: it is not about particular environments).
    pub environments: Vec<String>,
    pub applications: Vec<String>,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub all_day: bool,
    pub recurring: bool,
}

/// A release's deployment window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeploymentEvent {
    pub release: String,
    pub title: String,
    pub status: ReleaseStatus,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub applications: Vec<String>,
    pub environments: Vec<String>,
    pub production: bool,
    /// Conflicts it is party to, and whether one of them blocks.
    pub conflicts: u32,
    pub blocking: bool,
}

/// A milestone of a release (the CAB date among them), whole days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneEvent {
    pub release: String,
    pub kind: MilestoneKind,
    pub start: NaiveDate,
    /// Inclusive.
    pub end: NaiveDate,
    pub applications: Vec<String>,
}

/// One environment's lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Lane {
    pub environment: String,
    pub production: bool,
    pub capacity: u32,
    pub booked_by: BookedBy,
    pub bookings: Vec<Booking>,
}

/// The calendar of `[from, to]` (whole days, inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarView {
    /// The plan's time zone (IANA): every time here is local to it.
    pub zone: String,
    /// Today in the plan's zone, as the Planner judges it (the E2E app and `--today` fix it).
    pub today: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub bands: Vec<Band>,
    pub deployments: Vec<DeploymentEvent>,
    pub milestones: Vec<MilestoneEvent>,
    pub lanes: Vec<Lane>,
    pub conflicts: Vec<Conflict>,
}

/// The calendar of the days `from` to `to` (inclusive) of the plan's schedule, on `today`.
pub fn build(s: &PlanSchedule, from: NaiveDate, to: NaiveDate, today: NaiveDate) -> CalendarView {
    let start = from.and_time(NaiveTime::MIN);
    let end = dates::next_day(to).and_time(NaiveTime::MIN);
    let (from_utc, to_utc) = (s.zone.instant(start), s.zone.instant(end));
    let bands = occurrences(&s.windows, s.zone, from_utc, to_utc)
        .into_iter()
        .map(|o| {
            let w = &s.windows[o.window];
            Band {
                window: w.name.clone(),
                kind: w.kind,
                reason: w.reason.clone(),
                scope: w.scope.describe(),
                environments: w.scope.environments.clone(),
                applications: w.scope.applications.clone(),
                start: o.start,
                end: o.end,
                all_day: w.all_day,
                recurring: w.recurrence.is_some(),
            }
        })
        .collect();
    let conflicts = s.conflicts(from_utc, to_utc);
    let production: Vec<&str> = s.environments.iter().filter(|e| e.production).map(|e| e.name.as_str()).collect();
    let mut deployments: Vec<DeploymentEvent> = s
        .releases
        .iter()
        .filter(|r| active(r))
        .filter_map(|r| {
            let w = r.window?;
            (w.start < end && w.end > start).then(|| {
                let mine: Vec<&Conflict> = conflicts.iter().filter(|c| c.involves(&r.key)).collect();
                DeploymentEvent {
                    release: r.key.clone(),
                    title: r.title.clone(),
                    status: r.status,
                    start: w.start,
                    end: w.end,
                    applications: r.applications.clone(),
                    environments: r.environments.clone(),
                    production: r.environments.iter().any(|e| production.contains(&e.as_str())),
                    conflicts: mine.len() as u32,
                    blocking: mine.iter().any(|c| c.severity == Severity::Blocking),
                }
            })
        })
        .collect();
    deployments.sort_by(|a, b| (a.start, &a.release).cmp(&(b.start, &b.release)));
    let mut milestones: Vec<MilestoneEvent> = s
        .releases
        .iter()
        .filter(|r| active(r))
        .flat_map(|r| {
            r.milestones.iter().filter(|m| m.planned_start <= to && m.planned_end >= from).map(|m| MilestoneEvent {
                release: r.key.clone(),
                kind: m.kind.clone(),
                start: m.planned_start,
                end: m.planned_end,
                applications: r.applications.clone(),
            })
        })
        .collect();
    milestones.sort_by(|a, b| (a.start, &a.release, &a.kind).cmp(&(b.start, &b.release, &b.kind)));
    let lanes = s
        .environments
        .iter()
        .map(|e| Lane {
            environment: e.name.clone(),
            production: e.production,
            capacity: e.capacity,
            booked_by: booked_by(e),
            bookings: s
                .bookings
                .iter()
                .filter(|b| b.environment == e.name && b.start < end && b.end > start)
                .cloned()
                .collect(),
        })
        .collect();
    CalendarView { zone: s.zone.name().to_owned(), today, from, to, bands, deployments, milestones, lanes, conflicts }
}
