//! One demo release, drawn around its day: its deployment window, the stage it plausibly stands
//! in, its milestones (with actual dates for what is behind `today`) and the version it replaces.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use rand::{Rng, RngExt};

use crate::model::{Milestone, ReleaseKind, ReleaseStatus, Window};

pub(super) fn previous_version(v: &str) -> String {
    let parts: Vec<u32> = v.split('.').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [a, b, c] if *c > 0 => format!("{a}.{b}.{}", c - 1),
        [a, b, _] if *b > 0 => format!("{a}.{}.x", b - 1),
        [a, _, _] if *a > 0 => format!("{}.x", a - 1),
        _ => "the previous version".into(),
    }
}

/// Where a release of `kind` prefers to deploy around `day`: releases go out in the production
/// green zone (Tuesday and Thursday nights, 22:00 to 02:00): a major takes the whole night, a
/// minor two hours and a patch one; emergencies go when they must, in the day. The demo's
/// `shape` pass then moves it off a slot another release or a window already holds.
pub(super) fn window_for(kind: ReleaseKind, day: NaiveDate, rng: &mut impl Rng) -> Window {
    let at = |d: NaiveDate, h: u32| -> NaiveDateTime { d.and_hms_opt(h, 0, 0).expect("valid hour") };
    let night = |d: NaiveDate, hours: i64| {
        let start = at(d, 22);
        Window { start, end: start + Duration::hours(hours) }
    };
    match kind {
        ReleaseKind::Major => {
            let (tue, thu) = (next_weekday(day, Weekday::Tue), next_weekday(day, Weekday::Thu));
            night(tue.min(thu), 4)
        }
        ReleaseKind::Minor | ReleaseKind::Patch => {
            let d = next_weekday(day, [Weekday::Tue, Weekday::Thu][rng.random_range(0..2)]);
            night(d, if kind == ReleaseKind::Minor { 2 } else { 1 })
        }
        ReleaseKind::Emergency => {
            let h = rng.random_range(12..22);
            Window { start: at(day, h), end: at(day, h + 2) }
        }
    }
}

pub(super) fn next_weekday(mut d: NaiveDate, wd: Weekday) -> NaiveDate {
    while d.weekday() != wd {
        d += Duration::days(1);
    }
    d
}

/// Where a release plausibly stands given how far its window is from today.
pub(super) fn status_for(kind: ReleaseKind, days_to_window: i64, rng: &mut impl Rng) -> ReleaseStatus {
    use ReleaseStatus::*;
    let roll = rng.random_range(0..100);
    match days_to_window {
        // Failures and back-outs behind us are placed by the caller, a fixed share of them.
        d if d < -30 => match roll {
            0..=87 => Closed,
            88..=94 => Cancelled,
            _ => ClosedRejected,
        },
        d if d < -14 => match roll {
            0..=59 => EarlyLifeSupport,
            60..=84 => Closed,
            _ => Verified,
        },
        d if d < 0 => match roll {
            0..=69 => EarlyLifeSupport,
            70..=89 => Verified,
            _ => Deployed,
        },
        d if d < 7 => match roll {
            0..=49 => Authorized,
            50..=84 => AwaitingAuthorization,
            _ => Test,
        },
        _ if kind == ReleaseKind::Emergency => Approved,
        d if d < 28 => match roll {
            0..=39 => Test,
            40..=59 => TestFailed,
            _ => Build,
        },
        d if d < 60 => match roll {
            0..=49 => Approved,
            50..=84 => SubmittedToCab,
            _ => Rejected,
        },
        d if d < 120 => match roll {
            0..=59 => Planned,
            _ => SubmittedToCab,
        },
        _ => match roll {
            0..=49 => Draft,
            _ => Planned,
        },
    }
}

/// The phase template by kind, laid out backwards from the deployment window, with actual dates
/// for what is already behind `today`.
pub(super) fn milestones_for(
    kind: ReleaseKind,
    window: &Window,
    today: NaiveDate,
    rng: &mut impl Rng,
) -> Vec<Milestone> {
    crate::template::milestones(kind, window)
        .into_iter()
        .map(|m| {
            let slip = if rng.random_range(0..100) < 25 { rng.random_range(1..5) } else { 0 };
            let actual_start = (m.planned_start <= today).then(|| m.planned_start + Duration::days(slip));
            let actual_end =
                (m.planned_end + Duration::days(slip) < today).then(|| m.planned_end + Duration::days(slip));
            Milestone { actual_start, actual_end, ..m }
        })
        .collect()
}
