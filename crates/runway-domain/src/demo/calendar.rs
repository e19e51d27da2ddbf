//! The demo's forward schedule of changes (D6): its time zone, the environments' capacities and
//! what books them, the change windows (a year-end freeze, the General Ledger's month-end
//! blackout, production green zones on Tuesday and Thursday nights, a monthly maintenance night),
//! the policy's daily caps, and a few environment bookings made by hand.
//!
//! A big demo is a denser plan: its environments take more bookings at once ([`lanes`]), so that
//! it has about as many conflicts per release as the default one rather than one on every night.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use crate::calendar::conflict::CalendarRules;
use crate::calendar::{BookedBy, ChangeWindow, ManualBooking, Scope, WindowKind};
use crate::lifecycle::Policy;
use crate::model::{Environment, Release};

use super::release::next_weekday;

/// The demo plan's time zone.
pub(super) const ZONE: &str = "Europe/London";

pub(super) const FREEZE: &str = "Year-end freeze";
pub(super) const BLACKOUT: &str = "Ledger month-end close";
pub(super) const GREEN_ZONE: &str = "Prod green zone";
pub(super) const MAINTENANCE: &str = "Patch night";

/// The General Ledger's application code (the blackout's scope).
pub(super) const LEDGER: &str = "LED";

/// How many deployments (and test phases) the demo's environments take at once: 1 for the
/// default demo, more for a denser one, in proportion to how many deployments it plans a day
/// near today (at most 99, the most an environment takes).
pub(super) fn lanes(releases: usize) -> u32 {
    pace(releases).round().clamp(1.0, 99.0) as u32
}

/// How many copies of each configuration item a demo of `releases` releases has: one for the
/// default demo. A big demo plans each application's releases far closer together (about two a
/// day each at 5,000 releases); were they all changing the same three or four CIs, two green zone
/// nights a week could not hold them without the same CI changing twice at once. So a big demo's
/// applications are made of more components ("payments-api", "payments-api-2", …), about one
/// set per four times the default demo's pace.
pub(super) fn ci_copies(releases: usize) -> usize {
    (pace(releases) / 4.0).ceil().max(1.0) as usize
}

/// `cis` (name and kind) `copies` times: the names as they are, then "name-2", "name-3", ….
pub(super) fn copied(
    cis: &'static [(&'static str, &'static str)],
    copies: usize,
) -> impl Iterator<Item = crate::model::Ci> {
    (0..copies).flat_map(move |j| {
        cis.iter().map(move |(name, kind)| crate::model::Ci {
            name: if j == 0 { (*name).into() } else { format!("{name}-{}", j + 1) },
            kind: (*kind).into(),
            application: None,
        })
    })
}

/// How many times denser than the default demo a demo of `releases` releases plans its
/// deployments near today.
fn pace(releases: usize) -> f64 {
    // A third of the first 120 releases sit within a few weeks of today; the rest spread over
    // the 15 months the demo spans (see `demo`).
    let density = |n: usize| {
        let near = n.min(120).div_ceil(3);
        near as f64 / 57.0 + (n - near) as f64 / 456.0
    };
    density(releases) / density(super::DEFAULT_RELEASES)
}

/// The path to production with its capacities: development is not booked, Test takes three test
/// phases at once, UAT one, and Pre-prod and Prod one deployment at a time (a denser demo sizes
/// them to its plan: [`size_test_environments`], [`size_deployment_environments`]).
pub(super) fn environments() -> Vec<Environment> {
    let env = |name: &str, production: bool, capacity: u32, by: BookedBy| Environment {
        name: name.into(),
        production,
        capacity: capacity.min(99),
        booked_by: Some(by),
    };
    vec![
        env("Dev", false, 1, BookedBy::Nothing),
        env("Test", false, 3, BookedBy::Test),
        env("UAT", false, 1, BookedBy::Test),
        env("Pre-prod", false, 1, BookedBy::Deployment),
        env("Prod", true, 1, BookedBy::Deployment),
    ]
}

/// In a denser demo, each test environment takes as many test phases at once as the coming
/// plan asks of it in its busiest week (and a little room), so that only what is placed into a
/// conflict on purpose goes over. Where that is more than an environment takes (99), the
/// applications share it out: "Test" and "Test 2", each for some of them, as a big portfolio
/// has. The default demo keeps its capacities.
pub(super) fn size_test_environments(
    environments: &mut Vec<Environment>,
    releases: &mut [Release],
    today: NaiveDate,
    lanes: u32,
) {
    if lanes <= 1 {
        return;
    }
    // The busiest week's average number of coming test phases in `env`, with some room.
    let demand = |releases: &[Release], env: &str| {
        let mut load: std::collections::BTreeMap<NaiveDate, u32> = Default::default();
        for r in
            releases.iter().filter(|r| !crate::lifecycle::is_final(r.status) && r.environments.iter().any(|e| e == env))
        {
            let Some((from, to)) = r.window.and_then(|w| super::board::test_phase(r.kind, &w)) else { continue };
            let mut d = from.max(today);
            while d <= to {
                *load.entry(d).or_default() += 1;
                d += Duration::days(1);
            }
        }
        let days: Vec<u32> = load.values().copied().collect();
        days.windows(7).map(|w| w.iter().sum::<u32>() as f64 / 7.0).fold(0.0, f64::max) * 1.15
    };
    let tests: Vec<Environment> =
        environments.iter().filter(|e| crate::calendar::booking::booked_by(e) == BookedBy::Test).cloned().collect();
    for base in tests {
        let shares = (demand(releases, &base.name) / 99.0).ceil().clamp(1.0, super::APPS.len() as f64) as usize;
        let names: Vec<String> =
            (0..shares).map(|g| if g == 0 { base.name.clone() } else { format!("{} {}", base.name, g + 1) }).collect();
        if shares > 1 {
            for r in releases.iter_mut() {
                let app =
                    r.applications.first().and_then(|a| super::APPS.iter().position(|x| x.code == a)).unwrap_or(0);
                if let Some(e) = r.environments.iter_mut().find(|e| **e == base.name) {
                    *e = names[app % shares].clone();
                }
            }
            let at = environments.iter().position(|e| e.name == base.name).map_or(environments.len(), |i| i + 1);
            for (k, name) in names.iter().enumerate().skip(1) {
                environments.insert(at + k - 1, Environment { name: name.clone(), ..base.clone() });
            }
        }
        for name in &names {
            let need = demand(releases, name).ceil() as u32;
            if let Some(e) = environments.iter_mut().find(|e| &e.name == name) {
                e.capacity = need.clamp(base.capacity, 99);
            }
        }
    }
}

/// In a denser demo, the environments booked by deployments take at once about half of
/// the deployments the coming plan puts on a green zone night in its busiest week: a night has
/// room for them all in its slots, and its first slot fills up. The default demo keeps its
/// capacities.
pub(super) fn size_deployment_environments(
    environments: &mut [Environment],
    releases: &[Release],
    today: NaiveDate,
    lanes: u32,
) {
    if lanes <= 1 {
        return;
    }
    for env in environments.iter_mut().filter(|e| crate::calendar::booking::booked_by(e) == BookedBy::Deployment) {
        let mut per_day: std::collections::BTreeMap<NaiveDate, u32> = Default::default();
        for r in releases.iter().filter(|r| !crate::lifecycle::is_final(r.status) && r.environments.contains(&env.name))
        {
            if let Some(w) = r.window.filter(|w| w.start.date() >= today) {
                *per_day.entry(w.start.date()).or_default() += 1;
            }
        }
        let first = per_day.keys().next().copied().unwrap_or(today);
        let days: Vec<u32> = (0..per_day.keys().last().map_or(0, |l| (*l - first).num_days() + 1))
            .map(|d| per_day.get(&(first + Duration::days(d))).copied().unwrap_or(0))
            .collect();
        // Two green zone nights a week.
        let night = days.windows(7).map(|w| w.iter().sum::<u32>() as f64 / 2.0).fold(0.0, f64::max);
        env.capacity = ((night * 0.45).ceil() as u32).clamp(env.capacity, 99);
    }
}

/// The policy: the defaults for the default demo; a denser demo caps the deployments into an
/// environment a day at one more than its production environment takes at once.
pub(super) fn policy(environments: &[Environment]) -> Option<Policy> {
    let prod = environments.iter().filter(|e| e.production).map(|e| e.capacity).max().unwrap_or(1);
    let per_environment = (prod + 1).max(2);
    (prod > 1).then(|| Policy {
        calendar: CalendarRules {
            daily_cap: Some((2 * per_environment).clamp(4, 999)),
            daily_cap_per_environment: Some(per_environment.min(999)),
            ..CalendarRules::default()
        },
        ..Policy::default()
    })
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).expect("valid hour")
}

/// The `n`th-last working day (Monday to Friday) of `d`'s month, 1 for the last.
fn last_working_day(d: NaiveDate, n: u32) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    let mut day = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first) - Duration::days(1);
    let mut left = n;
    loop {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
            if left == 0 {
                return day;
            }
        }
        day -= Duration::days(1);
    }
}

/// The demo's change windows, recurring from `from` (the first day the demo spans, the first of a
/// month): each window's start is its first occurrence.
pub(super) fn windows(from: NaiveDate) -> Vec<ChangeWindow> {
    let window =
        |name: &str, kind: WindowKind, reason: &str, scope: Scope, start, end, all_day, rule: &str| ChangeWindow {
            name: name.into(),
            kind,
            reason: reason.into(),
            scope,
            start,
            end,
            all_day,
            recurrence: Some(rule.into()),
            exceptions: vec![],
        };
    let environments =
        |names: &[&str]| Scope { environments: names.iter().map(|n| (*n).into()).collect(), ..Scope::default() };
    let freeze = NaiveDate::from_ymd_opt(from.year(), 12, 20).unwrap_or(from);
    let close = last_working_day(from, 3);
    let tuesday = next_weekday(from, Weekday::Tue);
    // The second Thursday of the month `from` starts.
    let patch = next_weekday(from, Weekday::Thu) + Duration::days(7);
    vec![
        window(
            FREEZE,
            WindowKind::Freeze,
            "Year-end trading peak and financial close: no change from 20 December to 3 January; \
             an urgent fix goes to the emergency CAB.",
            Scope::default(),
            at(freeze, 0),
            at(freeze + Duration::days(15), 0),
            true,
            "FREQ=YEARLY",
        ),
        window(
            BLACKOUT,
            WindowKind::Blackout,
            "Month-end close: the General Ledger takes no deployment in the last three working days of the month.",
            Scope { applications: vec![LEDGER.into()], ..Scope::default() },
            at(close, 0),
            at(close + Duration::days(1), 0),
            true,
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1",
        ),
        window(
            GREEN_ZONE,
            WindowKind::GreenZone,
            "Production deployments go out on Tuesday and Thursday nights, when traffic is lowest.",
            environments(&["Prod"]),
            at(tuesday, 22),
            at(tuesday, 22) + Duration::hours(4),
            false,
            "FREQ=WEEKLY;BYDAY=TU,TH",
        ),
        window(
            MAINTENANCE,
            WindowKind::Maintenance,
            "Operating system and database patching of Pre-prod and Prod on the second Thursday night \
             of the month; deployments take another night.",
            environments(&["Pre-prod", "Prod"]),
            at(patch, 22),
            at(patch, 22) + Duration::hours(4),
            false,
            "FREQ=MONTHLY;BYDAY=2TH",
        ),
    ]
}

/// Who books environments by hand in the demo (its Environment Manager).
const ENVIRONMENT_STAFF: &str = "Grace Mwangi";

fn booking(environment: &str, start: NaiveDateTime, end: NaiveDateTime, purpose: &str) -> ManualBooking {
    ManualBooking {
        environment: environment.into(),
        start,
        end,
        purpose: purpose.into(),
        by: ENVIRONMENT_STAFF.into(),
        release: None,
    }
}

/// How many performance tests the demo books in UAT on purpose over test phases (capacity
/// conflicts with a booking made by hand) for `releases` releases.
pub(super) fn performance_tests(releases: usize) -> usize {
    (releases as f64 / super::DEFAULT_RELEASES as f64).round().max(1.0) as usize
}

/// The bookings made by hand from `today` to `to`: a disaster recovery rehearsal in Pre-prod in
/// each year-end freeze (a freeze conflict), a monthly masked data refresh of Test and a
/// penetration test of Pre-prod every fourth Wednesday where they clash with nothing, and
/// `perf` performance tests in UAT over the test phases of coming releases `open` allows
/// (`open(i)` for release `i`), which put UAT over its capacity.
pub(super) fn bookings(
    board: &super::board::Board,
    releases: &[crate::model::Release],
    open: impl Fn(usize) -> bool,
    today: NaiveDate,
    to: NaiveDate,
    perf: usize,
) -> Vec<ManualBooking> {
    use crate::model::Window;
    let uat_capacity = board.capacity("UAT");
    let mut out = vec![];
    let free =
        |b: &ManualBooking| board.booking_effect(&b.environment, &Window { start: b.start, end: b.end }).total() == 0;
    // The Tuesday after Christmas of each year the range spans.
    for year in today.year()..=to.year() {
        let Some(christmas) = NaiveDate::from_ymd_opt(year, 12, 25) else { continue };
        let day = next_weekday(christmas + Duration::days(1), Weekday::Tue);
        if day > today && day <= to {
            out.push(booking("Pre-prod", at(day, 9), at(day, 17), "Disaster recovery rehearsal"));
        }
    }
    let mut month = today.with_day(1).unwrap_or(today);
    while month <= to {
        let saturday = next_weekday(month, Weekday::Sat);
        let refresh = booking("Test", at(saturday, 8), at(saturday, 18), "Masked production data refresh");
        if saturday > today && free(&refresh) {
            out.push(refresh);
        }
        month = month.checked_add_months(chrono::Months::new(1)).unwrap_or(to + Duration::days(1));
    }
    let mut wednesday = next_weekday(today + Duration::days(1), Weekday::Wed);
    while wednesday <= to {
        let pen = booking("Pre-prod", at(wednesday, 9), at(wednesday, 17), "Penetration test (external testers)");
        if free(&pen) {
            out.push(pen);
        }
        wednesday += Duration::days(28);
    }
    // Performance tests over the middle of coming test phases, spread over the coming releases.
    let mut coming: Vec<NaiveDate> = releases
        .iter()
        .enumerate()
        .filter(|(i, r)| open(*i) && r.environments.iter().any(|e| e == "UAT"))
        .filter_map(|(_, r)| {
            let test = r.milestones.iter().find(|m| m.kind == crate::model::MilestoneKind::Test)?;
            let mid = test.planned_start + (test.planned_end - test.planned_start) / 2;
            (mid > today).then_some(mid)
        })
        .collect();
    coming.sort();
    // The k-th over the first test phase it fits from the k-th part of them on: over capacity
    // by one booking, with releases that may be in a conflict.
    let cap = uat_capacity as usize;
    for k in 0..perf {
        for &day in &coming[coming.len() * k / perf..] {
            let b =
                booking("UAT", at(day, 9), at(day + Duration::days(1), 17), "Performance test of the month-end batch");
            let fx = board.booking_effect(&b.environment, &Window { start: b.start, end: b.end });
            if fx.total() > 0 && fx.parties.len() == cap && fx.parties.iter().all(|&p| open(p as usize)) {
                out.push(b);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
