//! The forward schedule of changes (D6): the plan's change windows (freeze, blackout, maintenance,
//! green zone), environment bookings, the conflicts between them and the releases' deployments,
//! and the next free deployment slots.
//!
//! - [`zone`]: the plan's time zone and the one conversion of a local time to an instant.
//! - [`window`]: a change window, its scope and recurrence (RFC 5545 rules through `rrule`), its
//!   checks and its occurrences in a range.
//! - [`booking`]: environment bookings, the ones a release's milestones make and manual ones.
//! - [`conflict`]: the conflicts, found by sweeping sorted intervals (not pairwise).
//! - [`slots`]: the next deployment windows that break no rule.
//! - [`view`]: what the calendar view and the forward-schedule report show for a range of days.
//!
//! Times a user sees and types are local to the plan's time zone (`NaiveDateTime`); the
//! comparisons are made on instants (UTC), so a window across a change of daylight saving time
//! is as long as the clock on the wall says.

pub mod booking;
pub mod conflict;
pub mod ical;
pub mod slots;
pub mod view;
pub mod window;
pub mod zone;

pub use booking::{BookedBy, Booking, BookingSource, ManualBooking};
pub use conflict::{Conflict, ConflictKind, Party, PartyKind, Severity};
pub use window::{ChangeWindow, Occurrence, Scope, WindowKind};
pub use zone::PlanZone;

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::Release;
use crate::portfolio::Portfolio;

/// The instants the forward schedule spans: every active release's deployment and every
/// booking, a day either side (so the daily caps see whole days); None for an empty schedule.
pub fn span(releases: &[Release], bookings: &[Booking], zone: PlanZone) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let deployments = releases.iter().filter(|r| booking::active(r)).filter_map(|r| r.window).map(|w| (w.start, w.end));
    let booked = bookings.iter().map(|b| (b.start, b.end));
    // A broken document's times outside the years a plan holds are left out, never overflowed.
    let held = |t: &chrono::NaiveDateTime| crate::dates::in_range(t.date());
    let (from, to) =
        deployments.chain(booked).filter(|(s, e)| held(s) && held(e)).fold(None, |acc, (s, e)| match acc {
            None => Some((s, e)),
            Some((a, b)) => Some((s.min(a), e.max(b))),
        })?;
    let (from, to) = (zone.instant(from), zone.instant(to));
    Some((
        from.checked_sub_signed(TimeDelta::days(1)).unwrap_or(from),
        to.checked_add_signed(TimeDelta::days(1)).unwrap_or(to),
    ))
}

/// The plan's time zone as a document names it (UTC when it names none or one this build
/// does not know: documents are checked before they are used).
pub fn zone_of(doc: &Portfolio) -> PlanZone {
    doc.time_zone.as_deref().and_then(|z| PlanZone::parse(z).ok()).unwrap_or_default()
}

/// A plan's forward schedule, owned: what conflict detection and the slot search look at.
#[derive(Debug, Clone, Default)]
pub struct PlanSchedule {
    pub releases: Vec<Release>,
    pub environments: Vec<crate::model::Environment>,
    pub ci_deps: Vec<crate::schedule::CiDependency>,
    pub windows: Vec<ChangeWindow>,
    /// Manual bookings with their ids.
    pub manual: Vec<(i64, ManualBooking)>,
    pub rules: conflict::CalendarRules,
    pub zone: PlanZone,
    /// Every booking, automatic and manual ([`booking::all`]); kept by [`PlanSchedule::refresh`].
    pub bookings: Vec<Booking>,
}

impl PlanSchedule {
    /// Derives the bookings after the releases, environments or manual bookings changed.
    pub fn refresh(&mut self) {
        self.bookings = booking::all(&self.releases, &self.environments, &self.manual);
    }

    pub fn schedule(&self) -> conflict::Schedule<'_> {
        conflict::Schedule {
            releases: &self.releases,
            environments: &self.environments,
            ci_deps: &self.ci_deps,
            windows: &self.windows,
            bookings: &self.bookings,
            rules: &self.rules,
            zone: self.zone,
        }
    }

    /// The conflicts touching `[from, to)`.
    pub fn conflicts(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
        conflict::detect(&self.schedule(), from, to)
    }

    /// Every conflict of the whole forward schedule.
    pub fn all_conflicts(&self) -> Vec<Conflict> {
        span(&self.releases, &self.bookings, self.zone).map_or_else(Vec::new, |(from, to)| self.conflicts(from, to))
    }

    /// The conflicts that involve release `key` (its deployment and its bookings).
    pub fn conflicts_of(&self, key: &str) -> Vec<Conflict> {
        let Some(r) = self.releases.iter().find(|r| r.key == key) else { return vec![] };
        let own: Vec<Booking> = self.bookings.iter().filter(|b| b.release.as_deref() == Some(key)).cloned().collect();
        let Some((from, to)) = span(std::slice::from_ref(r), &own, self.zone) else { return vec![] };
        self.conflicts(from, to).into_iter().filter(|c| c.involves(key)).collect()
    }
}

/// Every conflict of a portfolio document's forward schedule (the reports' view).
pub fn portfolio_conflicts(doc: &Portfolio) -> Vec<Conflict> {
    let mut s = PlanSchedule {
        releases: doc.releases.clone(),
        environments: doc.environments.clone(),
        ci_deps: doc.ci_dependencies.clone(),
        windows: doc.windows.clone(),
        manual: doc.bookings.iter().cloned().enumerate().map(|(i, b)| (i as i64 + 1, b)).collect(),
        rules: doc.policy.as_ref().map(|p| p.calendar.clone()).unwrap_or_default(),
        zone: zone_of(doc),
        bookings: vec![],
    };
    s.refresh();
    s.all_conflicts()
}
