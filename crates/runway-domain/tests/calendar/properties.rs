//! Properties over random small plans: conflict detection finds exactly what the brute force of
//! `brute` finds; over part of the plan, exactly the conflicts of the whole that touch that part;
//! and the slot search gives exactly the candidates that break no rule when tried on the whole
//! plan.
//!
//! Plans are drawn around a week with a change of daylight saving time (or a summer week), in UTC
//! or in Europe/London: up to seven releases of three applications with windows, tests, CIs and
//! target environments (five, with random capacities and what books them), a few windows of every
//! kind and scope (once, daily, weekly on one or two days, with an exception), manual bookings,
//! CI dependencies and random calendar rules.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Duration, NaiveTime, Weekday};
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use proptest::test_runner::FileFailurePersistence;
use runway_domain::calendar::{BookedBy, PartyKind};

use super::brute::{self, Booked, Found, Key};
use super::*;

const ENVS: [(&str, bool); 5] = [("Dev", false), ("SIT", false), ("UAT", false), ("Pre-prod", false), ("Prod", true)];
const APPS: [&str; 3] = ["PAY", "LED", "CRM"];
const CIS: [&str; 4] = ["c1", "c2", "c3", "c4"];
/// The Wednesdays before London's clocks change, and a summer one.
const BASES: [&str; 3] = ["2027-03-24", "2027-10-27", "2027-07-07"];
/// Nothing starts in the hour that does not happen (01:00 to 02:00 on the spring night): such a
/// time is read as after the hour, so a deployment could end before it starts, and a window
/// recurring from there recurs at the time after the hour.
const HOURS: [u32; 23] = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];

/// Application, environments, CIs, window (day, hour, half past, half hours), test phase (day,
/// days), final.
type ReleaseSpec = (usize, Vec<usize>, Vec<usize>, Option<(i64, u32, bool, i64)>, Option<(i64, i64)>, bool);
/// Kind, scope (which list, which item), day, hour, hours, all-day days, rule, exception.
type WindowSpec = (usize, (usize, usize), i64, u32, i64, Option<i64>, usize, bool);
/// Environment, day, hour, hours, for a release.
type ManualSpec = (usize, i64, u32, i64, Option<Index>);
/// Capacity and what books it, per environment.
type EnvSpec = (u32, Option<usize>);
type RulesSpec = (Option<u32>, Option<u32>, bool, Vec<ConflictKind>);

fn release_spec() -> impl Strategy<Value = ReleaseSpec> {
    (
        0..3usize,
        subsequence((0..5).collect::<Vec<usize>>(), 0..=3),
        subsequence((0..4).collect::<Vec<usize>>(), 0..=2),
        prop::option::weighted(0.9, (0..10i64, select(HOURS.to_vec()), any::<bool>(), 1..16i64)),
        prop::option::weighted(0.6, (0..10i64, 0..4i64)),
        prop::bool::weighted(0.15),
    )
}

fn window_spec() -> impl Strategy<Value = WindowSpec> {
    (
        0..4usize,
        (0..4usize, 0..5usize),
        -3..10i64,
        select(HOURS.to_vec()),
        1..=20i64,
        prop::option::weighted(0.25, 1..=3i64),
        0..4usize,
        prop::bool::weighted(0.2),
    )
}

fn plan_strategy() -> impl Strategy<Value = (Plan, NaiveDate)> {
    let manual = (0..5usize, 0..10i64, select(HOURS.to_vec()), 1..30i64, prop::option::weighted(0.5, any::<Index>()));
    let env = (1..=3u32, prop::option::weighted(0.25, 0..3usize));
    let rules = (
        prop::option::of(1..4u32),
        prop::option::of(1..3u32),
        prop::bool::weighted(0.7),
        subsequence(ConflictKind::ALL.to_vec(), 0..=8),
    );
    (
        prop::collection::vec(release_spec(), 1..=7),
        prop::collection::vec(window_spec(), 0..=3),
        prop::collection::vec(manual, 0..=3),
        prop::collection::vec(env, 5),
        rules,
        any::<bool>(),
        select(BASES.to_vec()),
        prop::collection::vec((0..4usize, 0..4usize), 0..=2),
    )
        .prop_map(|(releases, windows, manual, envs, rules, london, base, ci_deps)| {
            build(releases, windows, manual, envs, rules, london, d(base), ci_deps)
        })
}

fn byday(w: Weekday) -> &'static str {
    ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.num_days_from_monday() as usize]
}

#[allow(clippy::too_many_arguments)]
fn build(
    releases: Vec<ReleaseSpec>,
    windows: Vec<WindowSpec>,
    manual: Vec<ManualSpec>,
    envs: Vec<EnvSpec>,
    (daily_cap, per_env, green, blocking): RulesSpec,
    london: bool,
    base: NaiveDate,
    ci_deps: Vec<(usize, usize)>,
) -> (Plan, NaiveDate) {
    let at = |day: i64, hour: u32, half: bool| {
        (base + Duration::days(day)).and_hms_opt(hour, if half { 30 } else { 0 }, 0).unwrap()
    };
    let releases: Vec<Release> = releases
        .into_iter()
        .enumerate()
        .map(|(i, (app, envs, cis, window, test, done))| {
            let mut r = release(&format!("R{i}"), APPS[app]);
            r.environments = envs.iter().map(|&e| ENVS[e].0.to_owned()).collect();
            r.cis = cis.iter().map(|&c| CiVersion { ci: CIS[c].into(), version: "1".into() }).collect();
            r.window = window.map(|(day, hour, half, halves)| {
                let start = at(day, hour, half);
                Window { start, end: start + Duration::minutes(30 * halves) }
            });
            if let Some((day, days)) = test {
                let start = base + Duration::days(day);
                r = r.test(&start.to_string(), &(start + Duration::days(days)).to_string());
            }
            if done {
                r.status = [ReleaseStatus::Closed, ReleaseStatus::Cancelled][i % 2];
            }
            r
        })
        .collect();
    let keys: Vec<String> = releases.iter().map(|r| r.key.clone()).collect();
    let windows = windows
        .into_iter()
        .enumerate()
        .map(|(i, (kind, (list, item), day, hour, hours, all_day, rule, exception))| {
            let kind = [WindowKind::Freeze, WindowKind::Blackout, WindowKind::Maintenance, WindowKind::GreenZone][kind];
            let covers = match list {
                0 => Scope::default(),
                1 => scope(&[APPS[item % 3]], &[], &[]),
                2 => scope(&[], &[ENVS[item].0], &[]),
                _ => scope(&[], &[], &[CIS[item % 4]]),
            };
            // Occurrences of one window never overlap each other.
            let (start, end) = match all_day {
                Some(days) => {
                    let days = [days, 1, days, days.min(2)][rule];
                    (at(day, 0, false), at(day + days, 0, false))
                }
                None => (at(day, hour, false), at(day, hour, false) + Duration::hours(hours)),
            };
            let wd = start.weekday();
            let (recurrence, period) = match rule {
                0 => (None, 0),
                1 => (Some("FREQ=DAILY".to_owned()), 1),
                2 => (Some(format!("FREQ=WEEKLY;BYDAY={}", byday(wd))), 7),
                _ => (Some(format!("FREQ=WEEKLY;BYDAY={},{}", byday(wd), byday(wd.succ().succ()))), 2),
            };
            let exceptions = if exception && period > 0 { vec![start + Duration::days(period)] } else { vec![] };
            ChangeWindow {
                name: format!("W{i}"),
                kind,
                reason: String::new(),
                scope: covers,
                start,
                end,
                all_day: all_day.is_some(),
                recurrence,
                exceptions,
            }
        })
        .collect();
    let manual = manual
        .into_iter()
        .enumerate()
        .map(|(i, (env, day, hour, hours, release))| {
            let start = at(day, hour, false);
            let b = ManualBooking {
                environment: ENVS[env].0.into(),
                start,
                end: start + Duration::hours(hours),
                purpose: format!("M{}", i + 1),
                by: String::new(),
                release: release.map(|r| keys[r.index(keys.len())].clone()),
            };
            (i as i64 + 1, b)
        })
        .collect();
    let environments = ENVS
        .iter()
        .zip(envs)
        .map(|(&(name, production), (capacity, by))| Environment {
            booked_by: by.map(|b| [BookedBy::Test, BookedBy::Deployment, BookedBy::Nothing][b]),
            ..env(name, production, capacity)
        })
        .collect();
    let mut ci_deps: Vec<CiDependency> = ci_deps
        .into_iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| CiDependency { ci: CIS[a].into(), depends_on: CIS[b].into() })
        .collect();
    ci_deps.sort_by(|a, b| (&a.ci, &a.depends_on).cmp(&(&b.ci, &b.depends_on)));
    ci_deps.dedup();
    let rules =
        CalendarRules { daily_cap, daily_cap_per_environment: per_env, blocking, production_needs_green_zone: green };
    let zone = if london { PlanZone::parse("Europe/London").unwrap() } else { PlanZone::default() };
    (Plan { releases, environments, ci_deps, windows, manual, rules, zone }, base)
}

/// Everything the plans hold lies well inside this range.
fn range(plan: &Plan, base: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    let z = plan.zone;
    let midnight = |days: i64| z.instant((base + Duration::days(days)).and_time(NaiveTime::MIN));
    (midnight(-7), midnight(40))
}

fn keys(conflicts: &[Conflict]) -> Vec<Key> {
    let mut k: Vec<Key> = conflicts.iter().map(brute::key).collect();
    k.sort();
    k
}

proptest! {
    #![proptest_config(ProptestConfig {
        // The seeds beside this file (proptest looks elsewhere for a file of a test target folder).
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::with_cases(512)
    })]

    #[test]
    fn detection_finds_what_the_brute_force_finds((plan, base) in plan_strategy()) {
        let booked: BTreeSet<Booked> = plan
            .bookings()
            .into_iter()
            .map(|b| (b.environment, b.start, b.end, b.release, b.source))
            .collect();
        prop_assert_eq!(booked.into_iter().collect::<Vec<_>>(), brute::bookings(&plan));
        let (from, to) = range(&plan, base);
        let c = plan.conflicts_in(from, to);
        prop_assert_eq!(keys(&c), brute::conflicts(&plan, from, to));
        let ids: HashSet<&str> = c.iter().map(|c| c.id.as_str()).collect();
        prop_assert_eq!(ids.len(), c.len(), "ids are unique");
        for c in &c {
            prop_assert_eq!(c.severity, plan.rules.severity(c.kind));
            prop_assert!(c.start < c.end && !c.message.is_empty(), "{:?}", c);
            let releases: Vec<&str> =
                c.parties.iter().filter(|p| p.kind == PartyKind::Release).map(|p| p.name.as_str()).collect();
            prop_assert_eq!(&c.releases, &releases);
        }
        prop_assert!(c.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn detection_over_part_of_the_plan_finds_the_conflicts_that_touch_it(
        (plan, base) in plan_strategy(),
        from_hours in 0..14 * 24i64,
        hours in 1..7 * 24i64,
    ) {
        let (all_from, all_to) = range(&plan, base);
        let z = plan.zone;
        let from = z.instant(base.and_time(NaiveTime::MIN)) + Duration::hours(from_hours);
        let to = from + Duration::hours(hours);
        let touching = |c: &Conflict| z.instant(c.start) < to && z.instant(c.end) > from;
        let expected: Vec<Conflict> = plan.conflicts_in(all_from, all_to).into_iter().filter(touching).collect();
        prop_assert_eq!(plan.conflicts_in(from, to), expected);
    }

    #[test]
    fn the_free_slots_are_the_candidates_that_break_no_rule(
        (plan, base) in plan_strategy(),
        which in any::<Index>(),
        after in 0..6i64,
        horizon_days in 0..10i64,
        count in 0..5usize,
    ) {
        let key = plan.releases[which.index(plan.releases.len())].key.clone();
        let limits = Limits { earliest: base + Duration::days(after), horizon_days, count };
        let bookings = plan.bookings();
        let found: Vec<Found> = next_free(&plan.schedule(&bookings), &key, limits)
            .unwrap()
            .into_iter()
            .map(|s| (s.start, s.end, s.shift_days, s.note))
            .collect();
        prop_assert_eq!(found, brute::slots(&plan, &key, limits));
    }
}
