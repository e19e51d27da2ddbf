//! Environment bookings (D6): the ones a release's milestones make (its test phase books its test
//! environments, its deployment window its deployment environments) and the manual ones a user
//! adds, moves and releases.

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::input::{FieldError, NAME_MAX_LEN, check_len, check_text};
use crate::lifecycle::is_final;
use crate::model::{Environment, MilestoneKind, Release};
use crate::portfolio::Known;

labelled_enum!(
    /// Which of a release's dates book an environment automatically.
    BookedBy {
        Test => "test", "The test phase";
        Deployment => "deployment", "The deployment window";
        Nothing => "nothing", "Nothing (manual bookings only)";
    }
);

/// What an environment is booked by when the plan does not say: production-class environments
/// and pre-production by deployments, development by nothing, the others by tests.
pub fn booked_by(env: &Environment) -> BookedBy {
    if let Some(b) = env.booked_by {
        return b;
    }
    let name = env.name.to_lowercase().replace(['-', ' ', '_'], "");
    if env.production || name.starts_with("preprod") || name.starts_with("staging") {
        BookedBy::Deployment
    } else if name.starts_with("dev") {
        BookedBy::Nothing
    } else {
        BookedBy::Test
    }
}

labelled_enum!(
    /// Where a booking comes from.
    BookingSource {
        Test => "test", "Test phase";
        Deployment => "deployment", "Deployment";
        Manual => "manual", "Manual";
    }
);

/// A booking a user made by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ManualBooking {
    pub environment: String,
    pub start: NaiveDateTime,
    /// Exclusive.
    pub end: NaiveDateTime,
    /// What the environment is booked for ("Performance test of PAY 4.2", "DB patching").
    pub purpose: String,
    /// Who booked it (a name or an e-mail).
    #[serde(default)]
    pub by: String,
    /// The release it is for, if any.
    #[serde(default)]
    pub release: Option<String>,
}

impl ManualBooking {
    /// Problems with the booking, named by field.
    pub fn check(&self, known: &Known) -> Vec<FieldError> {
        let mut out = vec![];
        if !known.environments.contains(&self.environment) {
            out.push(FieldError::new(
                "environment",
                format!("{:?} is not an environment of the plan.", self.environment),
            ));
        }
        if self.purpose.trim().is_empty() {
            out.push(FieldError::new("purpose", "Say what the environment is booked for."));
        } else if let Some(m) = check_text(&self.purpose) {
            out.push(FieldError::new("purpose", m));
        }
        if let Some(m) = check_len("name of who booked it", &self.by, NAME_MAX_LEN) {
            out.push(FieldError::new("by", m));
        }
        if let Some(r) = &self.release
            && !known.releases.contains(r)
        {
            out.push(FieldError::new("release", format!("{r:?} is not a release of the plan.")));
        }
        for (field, t) in [("start", self.start), ("end", self.end)] {
            if let Some(m) = dates::check_datetime(t) {
                out.push(FieldError::new(field, format!("The {field} is out of range: {m}.")));
            } else if t.nanosecond() != 0 {
                out.push(FieldError::new(field, "Give the time to the second."));
            }
        }
        if self.end <= self.start {
            out.push(FieldError::new(
                "end",
                format!(
                    "The booking ends ({}) before or when it starts ({}).",
                    self.end.format("%Y-%m-%d %H:%M"),
                    self.start.format("%Y-%m-%d %H:%M")
                ),
            ));
        }
        out
    }
}

/// A booking of an environment, automatic or manual.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Booking {
    /// The manual booking's id in the plan; none for automatic ones.
    pub id: Option<i64>,
    pub environment: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub purpose: String,
    pub by: String,
    pub release: Option<String>,
    pub source: BookingSource,
}

/// Whether a release still books environments and deploys: not once it is closed, cancelled
/// or rejected for good.
pub fn active(r: &Release) -> bool {
    !is_final(r.status)
}

/// The bookings a release's dates make: its test phase (whole days) in each of its target
/// environments booked by tests, and its deployment window in each booked by deployments.
pub fn automatic(release: &Release, environments: &[Environment]) -> Vec<Booking> {
    automatic_in(release, &|name| environments.iter().find(|e| e.name == name))
}

fn automatic_in<'e>(release: &Release, find: &dyn Fn(&str) -> Option<&'e Environment>) -> Vec<Booking> {
    if !active(release) {
        return vec![];
    }
    // Dates outside the years a plan holds (a broken document) book nothing.
    let test = release
        .milestones
        .iter()
        .find(|m| m.kind == MilestoneKind::Test)
        .filter(|m| dates::in_range(m.planned_start) && dates::in_range(m.planned_end))
        .map(|m| (m.planned_start.and_time(NaiveTime::MIN), dates::next_day(m.planned_end).and_time(NaiveTime::MIN)));
    let mut out = vec![];
    for name in &release.environments {
        let Some(env) = find(name) else { continue };
        let (span, source, purpose) = match booked_by(env) {
            BookedBy::Test => (test, BookingSource::Test, format!("Test phase of {}", release.key)),
            BookedBy::Deployment => (
                release
                    .window
                    .filter(|w| dates::in_range(w.start.date()) && dates::in_range(w.end.date()))
                    .map(|w| (w.start, w.end)),
                BookingSource::Deployment,
                format!("Deployment of {}", release.key),
            ),
            BookedBy::Nothing => (None, BookingSource::Manual, String::new()),
        };
        if let Some((start, end)) = span.filter(|(s, e)| e > s) {
            out.push(Booking {
                id: None,
                environment: name.clone(),
                start,
                end,
                purpose,
                by: release.manager.clone().unwrap_or_default(),
                release: Some(release.key.clone()),
                source,
            });
        }
    }
    out
}

/// Every booking: the releases' automatic ones and the manual ones (with their ids), by start.
pub fn all(releases: &[Release], environments: &[Environment], manual: &[(i64, ManualBooking)]) -> Vec<Booking> {
    let by_name: std::collections::HashMap<&str, &Environment> =
        environments.iter().map(|e| (e.name.as_str(), e)).collect();
    let find = |name: &str| by_name.get(name).copied();
    let mut out: Vec<Booking> = releases.iter().flat_map(|r| automatic_in(r, &find)).collect();
    out.extend(manual.iter().map(|(id, m)| Booking {
        id: Some(*id),
        environment: m.environment.clone(),
        start: m.start,
        end: m.end,
        purpose: m.purpose.clone(),
        by: m.by.clone(),
        release: m.release.clone(),
        source: BookingSource::Manual,
    }));
    out.sort_by(|a, b| (a.start, &a.environment).cmp(&(b.start, &b.environment)));
    out
}
