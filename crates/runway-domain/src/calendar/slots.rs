//! The next free slot (D6): for a release, the next deployment windows that break none of the
//! plan's rules (no conflict of any kind involving it) and respect its dependencies and the CAB
//! lead time.
//!
//! Candidates are the starts of the green zones that cover the release (for a production
//! deployment where green zones apply), otherwise the same time of day as its window on each
//! following day. Each candidate is judged by conflict detection on the releases and bookings
//! near it only, so one search costs the number of candidates times a small window of the plan.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::{self, Booking, BookingSource};
use super::conflict::{Conflict, Schedule, detect_with, per_window};
use super::window::{Occurrence, WindowKind, occurrences};
use crate::dates;
use crate::model::{MilestoneKind, Release, ReleaseStatus, Window};

/// A proposed deployment window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Slot {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// Days the deployment (and the phases after it) move: the edit that applies the slot.
    pub shift_days: i32,
    /// Why this slot ("in the green zone \"Prod nights\"", "same time, 3 days later").
    pub note: String,
}

/// Why no slot can be proposed for a release in `status`: its deployment is under way, done, or no
/// longer planned, so its window cannot move. None when the search may move it. The slot search
/// refuses such a release with this reason, and the release page says it beside its button.
pub fn no_slot(status: ReleaseStatus) -> Option<&'static str> {
    match status {
        ReleaseStatus::Deploying => Some("The release is deploying: its deployment window can no longer move."),
        ReleaseStatus::Deployed | ReleaseStatus::Verified => {
            Some("The release is deployed: its deployment window is past.")
        }
        s if crate::lifecycle::is_final(s) => Some("The release is closed: nothing of it is planned any more."),
        _ => None,
    }
}

/// What limits the search.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The first day a slot may start on (tomorrow, the lead time, the dependencies).
    pub earliest: NaiveDate,
    /// How many days ahead to look.
    pub horizon_days: i64,
    pub count: usize,
}

/// The length of a deployment when a release has no window yet.
pub const DEFAULT_LENGTH_HOURS: i64 = 4;
/// The time of day of a deployment when a release has no window yet.
pub const DEFAULT_START: NaiveTime = match NaiveTime::from_hms_opt(22, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// `release` with its deployment moved to `[start, end)`: the window, and the deployment phase
/// and the phases after it (early life support, closure) shifted by the same days.
pub fn moved(release: &Release, start: NaiveDateTime, end: NaiveDateTime) -> Release {
    let mut r = release.clone();
    let shift = shift_days(release, start.date());
    r.window = Some(Window { start, end });
    if shift != 0 {
        for m in r.milestones.iter_mut().filter(|m| {
            matches!(m.kind, MilestoneKind::Deployment | MilestoneKind::EarlyLifeSupport | MilestoneKind::Closure)
        }) {
            if let (Some(s), Some(e)) =
                (dates::add_days(m.planned_start, shift.into()), dates::add_days(m.planned_end, shift.into()))
            {
                (m.planned_start, m.planned_end) = (s, e);
            }
        }
    }
    r
}

/// Days from the release's deployment (its phase's start, else its window's day) to `day`.
pub fn shift_days(release: &Release, day: NaiveDate) -> i32 {
    let from = release
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::Deployment)
        .map(|m| m.planned_start)
        .or(release.window.map(|w| w.start.date()));
    from.map_or(0, |f| dates::days_between_i32(day, f))
}

/// The next free slots for release `key`, earliest first.
pub fn next_free(s: &Schedule<'_>, key: &str, limits: Limits) -> Result<Vec<Slot>, String> {
    let release =
        s.releases.iter().find(|r| r.key == key).ok_or_else(|| format!("{key} is not a release of the plan"))?;
    let length: TimeDelta = release.window.map_or(Duration::hours(DEFAULT_LENGTH_HOURS), |w| w.end - w.start);
    let time = release.window.map_or(DEFAULT_START, |w| w.start.time());
    let zone = s.zone;
    let from_local = limits.earliest.and_time(NaiveTime::MIN);
    let to_local =
        dates::add_days(limits.earliest, limits.horizon_days).unwrap_or(limits.earliest).and_time(NaiveTime::MIN);
    let (from, to) = (zone.instant(from_local), zone.instant(to_local) + length + Duration::days(1));
    let occ = per_window(&occurrences(s.windows, zone, from - Duration::days(1), to), s.windows.len());

    // The candidates: green zone starts where green zones govern this release, else every day.
    let production = release.environments.iter().any(|e| s.environments.iter().any(|x| &x.name == e && x.production));
    let zones: Vec<usize> = s
        .windows
        .iter()
        .enumerate()
        .filter(|(_, w)| w.kind == WindowKind::GreenZone && w.scope.covers_release(release))
        .map(|(i, _)| i)
        .collect();
    let mut candidates: Vec<(NaiveDateTime, String)> =
        if production && s.rules.production_needs_green_zone && !zones.is_empty() {
            let mut c: Vec<&Occurrence> =
                zones.iter().flat_map(|&i| occ[i].iter()).filter(|o| o.end - o.start >= length).collect();
            c.sort_by_key(|o| o.start_utc);
            c.into_iter()
                .filter(|o| o.start >= from_local && o.start < to_local)
                .map(|o| (o.start, format!("in the green zone {:?}", s.windows[o.window].name)))
                .collect()
        } else {
            (0..limits.horizon_days)
                .filter_map(|d| dates::add_days(limits.earliest, d))
                .map(|day| (day.and_time(time), format!("at {}", time.format("%H:%M"))))
                .collect()
        };
    candidates.dedup_by_key(|c| c.0);

    // The rest of the plan, sorted by start on the wall clock so that what is near a candidate
    // is found by bisection, with two days' slack for the zone's offsets (no time zone
    // conversion here: detection compares instants on what is near). Only the releases whose
    // deployments are near take part: what the others book is in the bookings.
    let slack = Duration::days(2);
    let mut by_start: Vec<(NaiveDateTime, NaiveDateTime, &Release)> =
        s.releases.iter().filter(|r| r.key != key).filter_map(|r| r.window.map(|w| (w.start, w.end, r))).collect();
    by_start.sort_by_key(|(start, _, _)| *start);
    let longest = by_start.iter().map(|(s, e, _)| *e - *s).max().unwrap_or_default();
    let mut bookings: Vec<&Booking> = s
        .bookings
        .iter()
        .filter(|b| !(b.release.as_deref() == Some(key) && b.source != BookingSource::Manual))
        .collect();
    bookings.sort_by_key(|b| b.start);
    let longest_booking = bookings.iter().map(|b| b.end - b.start).max().unwrap_or_default();

    let mut out = vec![];
    for (start, note) in candidates {
        if out.len() >= limits.count {
            break;
        }
        let end = start + length;
        let candidate = moved(release, start, end);
        // Judge the whole day(s) the deployment touches, so the daily caps count right.
        let (first, last) =
            (start.date().and_time(NaiveTime::MIN), dates::next_day(end.date()).and_time(NaiveTime::MIN));
        let (day_from, day_to) = (zone.instant(first), zone.instant(last).max(zone.instant(end)));
        let (lo_t, hi_t) = (first - slack, last.max(end) + slack);
        let lo = by_start.partition_point(|(s, _, _)| *s < lo_t - longest);
        let hi = by_start.partition_point(|(s, _, _)| *s < hi_t);
        let mut near: Vec<Release> =
            by_start[lo..hi].iter().filter(|(_, e, _)| *e > lo_t).map(|(_, _, r)| (*r).clone()).collect();
        let lo = bookings.partition_point(|b| b.start < lo_t - longest_booking);
        let hi = bookings.partition_point(|b| b.start < hi_t);
        let mut near_bookings: Vec<Booking> =
            bookings[lo..hi].iter().filter(|b| b.end > lo_t).map(|b| (*b).clone()).collect();
        let own = booking::automatic(&candidate, s.environments);
        let deployed_to: Vec<String> =
            own.iter().filter(|b| b.source == BookingSource::Deployment).map(|b| b.environment.clone()).collect();
        near_bookings.extend(own);
        near.push(candidate);
        let local = Schedule { releases: &near, bookings: &near_bookings, ..*s };
        let found: Vec<Conflict> = detect_with(&local, &occ, day_from, day_to)
            .into_iter()
            .filter(|c| c.involves(key) && touches(c, start, end, &deployed_to))
            .collect();
        if found.is_empty() {
            let shift = shift_days(release, start.date());
            out.push(Slot { start, end, shift_days: shift, note });
        }
    }
    Ok(out)
}

/// Whether a conflict of the moved release is about its deployment at `[start, end)`, into the
/// environments `deployed_to` (not its unchanged test phase, which no slot can cure, though it
/// may run that day).
fn touches(c: &Conflict, start: NaiveDateTime, end: NaiveDateTime, deployed_to: &[String]) -> bool {
    let at_that_time = c.start < end && c.end > start;
    match c.kind {
        super::ConflictKind::DailyCap => c.start.date() == start.date(),
        super::ConflictKind::EnvironmentCapacity => {
            at_that_time && c.environment.as_ref().is_some_and(|e| deployed_to.contains(e))
        }
        _ => at_that_time,
    }
}

/// The first day the deployment of `key` may start on, given the dependencies into its
/// deployment phase (as planned now: finish-to-start from a predecessor's planned end, and so on).
pub fn dependency_bound(releases: &[Release], deps: &[crate::schedule::Dependency], key: &str) -> Option<NaiveDate> {
    use crate::schedule::DepKind;
    let release = releases.iter().find(|r| r.key == key)?;
    let own = release.milestones.iter().find(|m| m.kind == MilestoneKind::Deployment)?;
    let length = dates::days_between(own.planned_end, own.planned_start);
    let span = |r: &Release, kind: Option<MilestoneKind>| -> Option<(NaiveDate, NaiveDate)> {
        match kind {
            Some(k) => r.milestones.iter().find(|m| m.kind == k).map(|m| (m.planned_start, m.planned_end)),
            None => Some((
                r.milestones.iter().map(|m| m.planned_start).min()?,
                r.milestones.iter().map(|m| m.planned_end).max()?,
            )),
        }
    };
    deps.iter()
        .filter(|d| d.to.release == key && d.to.milestone == Some(MilestoneKind::Deployment))
        .filter_map(|d| {
            let pred = releases.iter().find(|r| r.key == d.from.release)?;
            let (ps, pe) = span(pred, d.from.milestone.clone())?;
            let lag = i64::from(d.lag_days);
            match d.kind {
                DepKind::FinishToStart => dates::add_days(pe, lag),
                DepKind::StartToStart => dates::add_days(ps, lag),
                DepKind::FinishToFinish => dates::add_days(pe, lag - length),
                DepKind::StartToFinish => dates::add_days(ps, lag - length),
            }
        })
        .max()
}
