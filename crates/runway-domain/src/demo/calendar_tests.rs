//! The demo's calendar: its zone, capacities and windows, deployments in the green zones, and a
//! handful of conflicts of each kind among the coming releases.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::calendar::{BookedBy, ConflictKind, PlanZone, Severity, WindowKind, portfolio_conflicts, zone_of};
use crate::demo::{DEFAULT_RELEASES, DEFAULT_SEED, demo};
use crate::model::{ReleaseKind, ReleaseStatus};
use crate::portfolio::Portfolio;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// The conflicts that touch `today` or later (what `runway conflicts` lists), by kind.
fn coming(doc: &Portfolio, today: NaiveDate) -> BTreeMap<ConflictKind, usize> {
    let mut out: BTreeMap<ConflictKind, usize> = ConflictKind::ALL.iter().map(|k| (*k, 0)).collect();
    for c in portfolio_conflicts(doc).iter().filter(|c| c.end > today.and_time(NaiveTime::MIN)) {
        *out.entry(c.kind).or_default() += 1;
    }
    out
}

#[test]
fn the_demo_plans_in_london_with_realistic_capacities_and_its_windows() {
    let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, today());
    assert_eq!(doc.time_zone.as_deref(), Some("Europe/London"));
    assert_eq!(doc.policy, None, "the default demo keeps the default policy");
    let envs: Vec<(&str, u32, Option<BookedBy>)> =
        doc.environments.iter().map(|e| (e.name.as_str(), e.capacity, e.booked_by)).collect();
    assert_eq!(
        envs,
        [
            ("Dev", 1, Some(BookedBy::Nothing)),
            ("Test", 3, Some(BookedBy::Test)),
            ("UAT", 1, Some(BookedBy::Test)),
            ("Pre-prod", 1, Some(BookedBy::Deployment)),
            ("Prod", 1, Some(BookedBy::Deployment)),
        ]
    );
    let windows: BTreeMap<&str, &crate::calendar::ChangeWindow> =
        doc.windows.iter().map(|w| (w.name.as_str(), w)).collect();
    let freeze = windows["Year-end freeze"];
    assert_eq!((freeze.kind, freeze.all_day, freeze.scope.is_portfolio()), (WindowKind::Freeze, true, true));
    assert_eq!(freeze.start.date(), NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
    let close = windows["Ledger month-end close"];
    assert_eq!((close.kind, close.scope.applications.as_slice()), (WindowKind::Blackout, &["LED".to_owned()][..]));
    assert!(doc.applications.iter().any(|a| a.code == "LED" && a.name == "General Ledger"));
    let green = windows["Prod green zone"];
    assert_eq!((green.kind, green.recurrence.as_deref()), (WindowKind::GreenZone, Some("FREQ=WEEKLY;BYDAY=TU,TH")));
    assert_eq!(
        (green.start.time(), green.end - green.start),
        (NaiveTime::from_hms_opt(22, 0, 0).unwrap(), Duration::hours(4))
    );
    assert_eq!(windows["Patch night"].kind, WindowKind::Maintenance);

    // Whatever the day, each window's start is its first occurrence.
    for offset in [-200i64, -40, 0, 45, 200] {
        let doc = demo(DEFAULT_SEED, 12, today() + Duration::days(offset));
        let zone = zone_of(&doc);
        for w in &doc.windows {
            let from = zone.instant(w.start) - Duration::days(40);
            let first = w.occurrences(0, zone, from, zone.instant(w.start) + Duration::days(400));
            assert_eq!(first.first().map(|o| o.start), Some(w.start), "{offset}: {}", w.name);
        }
    }
}

#[test]
fn most_coming_production_deployments_are_in_the_green_zones() {
    for n in [DEFAULT_RELEASES, 1_000] {
        let doc = demo(DEFAULT_SEED, n, today());
        let zone: PlanZone = zone_of(&doc);
        let green = doc.windows.iter().position(|w| w.kind == WindowKind::GreenZone).unwrap();
        let (from, to) = (
            zone.instant(today().and_time(NaiveTime::MIN)),
            zone.instant(today().and_time(NaiveTime::MIN)) + Duration::days(400),
        );
        let nights = doc.windows[green].occurrences(green, zone, from, to);
        let coming: Vec<_> = doc
            .releases
            .iter()
            .filter(|r| r.kind != ReleaseKind::Emergency && r.window.is_some_and(|w| w.start.date() > today()))
            .collect();
        let inside = coming
            .iter()
            .filter(|r| {
                let w = r.window.unwrap();
                nights.iter().any(|o| o.start <= w.start && w.end <= o.end)
            })
            .count();
        assert!(inside * 10 >= coming.len() * 8, "{n}: {inside} of {} in a green zone", coming.len());
    }
}

#[test]
fn a_newcomer_sees_a_handful_of_conflicts_of_each_kind() {
    let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, today());
    let counts = coming(&doc, today());
    for (kind, n) in &counts {
        assert!((1..=8).contains(n), "{kind:?}: {n} conflicts ({counts:?})");
    }
    // A few bookings by hand: one in the freeze, one putting UAT over its capacity.
    assert!((3..=20).contains(&doc.bookings.len()), "{} manual bookings", doc.bookings.len());
    let all = portfolio_conflicts(&doc);
    assert!(all.iter().any(|c| c.kind == ConflictKind::Freeze && c.message.contains("Disaster recovery rehearsal")));
    assert!(all.iter().any(|c| c.kind == ConflictKind::EnvironmentCapacity && c.message.contains("Performance test")));
    // Each names its parties and when: the month-end blackout names the Ledger's window.
    let blackout = all.iter().find(|c| c.kind == ConflictKind::Blackout).unwrap();
    assert!(
        blackout.message.contains("\"Ledger month-end close\"") && blackout.message.contains("application LED"),
        "{}",
        blackout.message
    );
}

/// The demo's planned releases are clear (one of them is taken through every gate), and so are
/// the deployments of the authorized ones (the gate refuses a blocking conflict); a test phase
/// may share a full test environment near today.
#[test]
fn planned_releases_and_authorized_deployments_have_no_blocking_conflict() {
    for day in [today(), today() + Duration::days(30)] {
        let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, day);
        let tests: Vec<&str> =
            doc.environments.iter().filter(|e| e.booked_by == Some(BookedBy::Test)).map(|e| e.name.as_str()).collect();
        for c in portfolio_conflicts(&doc).iter().filter(|c| c.severity == Severity::Blocking) {
            let test_phase = c.environment.as_deref().is_some_and(|e| tests.contains(&e));
            for key in &c.releases {
                let r = doc.releases.iter().find(|r| &r.key == key).unwrap();
                let clear =
                    r.status == ReleaseStatus::Planned || (r.status == ReleaseStatus::Authorized && !test_phase);
                assert!(
                    !clear || c.end <= day.and_time(NaiveTime::MIN),
                    "{day}: {key} ({:?}) in {}",
                    r.status,
                    c.message
                );
            }
        }
    }
}

#[test]
fn a_bigger_demo_has_proportionally_more_conflicts_not_one_every_night() {
    let small: usize = coming(&demo(DEFAULT_SEED, DEFAULT_RELEASES, today()), today()).values().sum();
    let doc = demo(DEFAULT_SEED, 1_000, today());
    let big = coming(&doc, today());
    let total: usize = big.values().sum();
    eprintln!("{DEFAULT_RELEASES} releases: {small} conflicts; 1,000 releases: {total} {big:?}");
    assert!(total >= 4 * small && total <= 1_000, "{total} conflicts for 1,000 releases ({big:?})");
    for kind in [
        ConflictKind::SameCi,
        ConflictKind::Freeze,
        ConflictKind::Blackout,
        ConflictKind::Maintenance,
        ConflictKind::OutsideGreenZone,
    ] {
        assert!(big[&kind] >= 5, "{kind:?}: {big:?}");
    }
    assert!(doc.environments.iter().all(|e| e.capacity <= 99));
    assert!(doc.policy.is_some(), "a denser demo caps its days higher");
}
