//! Properties of the pure domain that hold for any seed, size and day.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use runway_domain::dates::in_range;
use runway_domain::demo::demo;
use runway_domain::lifecycle::{Context, assess};
use runway_domain::portfolio::{Known, check};
use runway_domain::report::{Period, cab_minutes, cab_pack, kpi_report, release_report};
use runway_domain::{Policy, Portfolio, ReleaseInput, ReleaseKind, ReleaseUnit, Risk, Window};
use wide_dates::any_date;

#[path = "common/wide_dates.rs"]
mod wide_dates;

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..3650).prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Duration::days(d))
}

fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
    (any_date(), 0u32..86_400).prop_map(|(d, s)| d.and_hms_opt(s / 3600, s / 60 % 60, s % 60).unwrap().and_utc())
}

/// A small demo with the dates of some of its milestones, windows, events and baselines replaced
/// by any dates: what a hand-edited document could bring in.
fn wide_document() -> impl Strategy<Value = (Portfolio, Vec<String>)> {
    let edits = prop::collection::vec((0usize..5, any::<Index>(), any::<Index>(), any_date(), any_time()), 1..6);
    (any::<u64>(), edits).prop_map(|(seed, edits)| {
        let mut doc = demo(seed, 6, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        for (what, i, j, day, time) in edits {
            let r = &mut doc.releases[i.index(6)];
            let m = j.index(r.milestones.len());
            match what {
                0 => (r.milestones[m].planned_start, r.milestones[m].planned_end) = (day, day),
                1 => {
                    let start = day.and_hms_opt(1, 0, 0).unwrap();
                    r.window = Some(Window { start, end: start + Duration::hours(2) });
                }
                2 if !doc.events.is_empty() => {
                    let e = j.index(doc.events.len());
                    doc.events[e].at = time;
                }
                3 if !doc.baselines.is_empty() => doc.baselines[0].taken_at = time,
                _ => r.milestones[m].actual_start = Some(day),
            }
        }
        // Every date the document now holds outside the years 1 to 9999, by path.
        let mut paths = vec![];
        for (i, r) in doc.releases.iter().enumerate() {
            if r.window.is_some_and(|w| !in_range(w.start.date()) || !in_range(w.end.date())) {
                paths.push(format!("releases[{i}].window"));
            }
            for (j, m) in r.milestones.iter().enumerate() {
                for (field, d) in [
                    ("planned_start", Some(m.planned_start)),
                    ("planned_end", Some(m.planned_end)),
                    ("actual_start", m.actual_start),
                    ("actual_end", m.actual_end),
                ] {
                    if d.is_some_and(|d| !in_range(d)) {
                        paths.push(format!("releases[{i}].milestones[{j}].{field}"));
                    }
                }
            }
        }
        for (i, e) in doc.events.iter().enumerate() {
            if !in_range(e.at.date_naive()) {
                paths.push(format!("events[{i}].at"));
            }
        }
        for (i, b) in doc.baselines.iter().enumerate() {
            if !in_range(b.taken_at.date_naive()) {
                paths.push(format!("baselines[{i}].taken_at"));
            }
        }
        (doc, paths)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A document with dates anywhere in chrono's calendar is checked without a panic, and every
    /// date outside the years 1 to 9999 is named by its path; the reports made from it (which
    /// never come from an unchecked document, but must not panic either) are built too.
    #[test]
    fn any_dates_in_a_document_are_named_and_nothing_panics((doc, paths) in wide_document(), today in any_date()) {
        let problems = check(&doc, &Known::default());
        for path in &paths {
            prop_assert!(
                problems.iter().any(|p| &p.path == path && p.message.contains("1 to 9999")),
                "{} not reported: {:?}", path, problems
            );
        }
        let period = Period::quarter_of(today);
        let _ = kpi_report(&doc, &period);
        let _ = cab_pack(&doc, &period, today);
        let _ = cab_minutes(&doc, &period);
        for r in &doc.releases {
            prop_assert!(release_report(&doc, &r.key).is_some());
        }
    }

    /// Assessing a release never panics, whatever the dates of its window, its events, its
    /// creation and today.
    #[test]
    fn assessing_any_dates_never_panics((doc, _) in wide_document(), today in any_date(), created in any_time()) {
        let policy = Policy::default();
        for r in &doc.releases {
            let events: Vec<_> = doc.events.iter().filter(|e| e.release == r.key).cloned().collect();
            let deciders = runway_domain::lifecycle::Deciders::unknown();
            let a = assess(&Context { release: r, events: &events, policy: &policy, today, created, zone: Default::default(), conflicts: &[], deciders: &deciders });
            prop_assert_eq!(a.status, r.status);
        }
    }

    /// A window anywhere in chrono's calendar is accepted exactly when both ends are in the years
    /// 1 to 9999 and it ends after it starts.
    #[test]
    fn a_window_of_any_dates_is_valid_iff_in_range_and_in_order(start in any_date(), end in any_date()) {
        let window = Window { start: start.and_hms_opt(22, 0, 0).unwrap(), end: end.and_hms_opt(23, 0, 0).unwrap() };
        let refused = ReleaseInput { window: Some(window), ..input() }.validate().iter().any(|e| e.field == "window");
        prop_assert_eq!(refused, !in_range(start) || !in_range(end) || window.end <= window.start);
    }
}

fn input() -> ReleaseInput {
    ReleaseInput {
        key: "REL-1".into(),
        title: "t".into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        applications: vec![],
        owner: None,
        manager: None,
        environments: vec![],
        window: None,
        risk: Risk::Low,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any demo passes the import checks, so it can always be written into a plan.
    #[test]
    fn every_demo_is_a_valid_portfolio(seed in any::<u64>(), n in 1usize..150, today in day()) {
        let doc = demo(seed, n, today);
        prop_assert_eq!(doc.releases.len(), n);
        prop_assert_eq!(check(&doc, &Known::default()), vec![]);
    }

    /// The JSON form of a portfolio reads back as the same value.
    #[test]
    fn a_portfolio_survives_json(seed in any::<u64>(), n in 1usize..40, today in day()) {
        let doc = demo(seed, n, today);
        let back: Portfolio = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        prop_assert_eq!(back, doc);
    }

    /// A window is accepted exactly when it ends after it starts.
    #[test]
    fn a_window_is_valid_iff_it_ends_after_it_starts(start_min in 0i64..100_000, len in -500i64..500) {
        let base = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        let start = base + Duration::minutes(start_min);
        let input = ReleaseInput { window: Some(Window { start, end: start + Duration::minutes(len) }), ..input() };
        let refused = input.validate().iter().any(|e| e.field == "window");
        prop_assert_eq!(refused, len <= 0);
    }
}
