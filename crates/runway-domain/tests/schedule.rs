//! The schedule analysis (D4, D5): hand-worked dependencies of every kind, the critical path,
//! whole-release endpoints, cycles, what-if moves, and properties over random plans.
//!
//! Dates in the comments: a milestone occupies [start, end] inclusive; its finish is end + 1.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use runway_domain::schedule::{
    Analysis, Change, CiDependency, DepKind, Dependency, Endpoint, Graph, MilestoneRef, MilestoneSchedule, Shift,
    SlackUse, analyse, apply, check_new, ci_implied, what_if,
};
use runway_domain::{
    CiVersion, Milestone, MilestoneKind as K, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn release(key: &str, milestones: &[(K, &str, &str)]) -> Release {
    Release {
        key: key.into(),
        title: format!("Release {key}"),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: ReleaseStatus::Planned,
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
        rfcs: vec![],
        cis: vec![],
        milestones: milestones
            .iter()
            .map(|&(kind, s, e)| Milestone {
                kind,
                planned_start: d(s),
                planned_end: d(e),
                actual_start: None,
                actual_end: None,
            })
            .collect(),
    }
}

fn at(release: &str, kind: K) -> Endpoint {
    Endpoint { release: release.into(), milestone: Some(kind) }
}

fn whole(release: &str) -> Endpoint {
    Endpoint { release: release.into(), milestone: None }
}

fn mref(release: &str, kind: K) -> MilestoneRef {
    MilestoneRef { release: release.into(), kind }
}

fn dep(from: Endpoint, to: Endpoint, kind: DepKind, lag_days: i32) -> Dependency {
    Dependency { from, to, kind, lag_days }
}

fn fs(from: Endpoint, to: Endpoint) -> Dependency {
    dep(from, to, DepKind::FinishToStart, 0)
}

fn get<'a>(a: &'a Analysis, release: &str, kind: K) -> &'a MilestoneSchedule {
    a.milestones
        .iter()
        .find(|m| m.milestone == mref(release, kind))
        .unwrap_or_else(|| panic!("{release} {kind:?} is not in the analysis"))
}

fn refs(list: &[(&str, K)]) -> Vec<MilestoneRef> {
    list.iter().map(|&(r, k)| mref(r, k)).collect()
}

/// A shift as the tests check it: the milestone, its start before and after, and the days.
type Move = (MilestoneRef, NaiveDate, NaiveDate, i32);

fn shift(release: &str, kind: K, from: &str, to: &str, days: i32) -> Move {
    (mref(release, kind), d(from), d(to), days)
}

fn moves(list: &[Shift]) -> Vec<Move> {
    list.iter().map(|s| (s.milestone.clone(), s.from, s.to, s.days)).collect()
}

// ---------------------------------------------------------------------------------------------
// Two milestones, every kind of dependency, positive, zero and negative lag.
// ---------------------------------------------------------------------------------------------

/// One hand-worked case: A build runs 2027-03-01..03-05 (5 days, finish 03-06), B test runs
/// `b` (3 days each time) and depends on A build by `kind` and `lag`.
struct Case {
    kind: DepKind,
    lag: i32,
    b: (&'static str, &'static str),
    /// B test's earliest start and end, latest end and slack.
    b_early: (&'static str, &'static str),
    b_latest_end: &'static str,
    b_slack: i32,
    b_critical: bool,
    /// A build's latest end and slack (its earliest dates are its planned dates: it has no
    /// predecessor).
    a_latest_end: &'static str,
    a_slack: i32,
    a_critical: bool,
    /// Days B test is planned too early, and the words the message uses for the lag.
    violated_by: Option<i32>,
    lag_words: &'static str,
    critical_path: &'static [(&'static str, K)],
}

const AB: &[(&str, K)] = &[("A", K::Build), ("B", K::Test)];
const A_ONLY: &[(&str, K)] = &[("A", K::Build)];
const B_ONLY: &[(&str, K)] = &[("B", K::Test)];

fn cases() -> Vec<Case> {
    use DepKind::*;
    vec![
        // FS 0: B must start >= A finish 03-06; planned 03-04, 2 days early. Earliest 03-06..03-08,
        // the component finishes 03-09 (B), so B's latest end is 03-08 (slack 0) and A must
        // finish by B's latest start 03-06, latest end 03-05 (slack 0). Both critical.
        Case {
            kind: FinishToStart,
            lag: 0,
            b: ("2027-03-04", "2027-03-06"),
            b_early: ("2027-03-06", "2027-03-08"),
            b_latest_end: "2027-03-08",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(2),
            lag_words: "",
            critical_path: AB,
        },
        // FS +2: B must start >= 03-06 + 2 = 03-08; planned 03-10, fine. B keeps 03-10..03-12 and
        // ends the component (finish 03-13): slack 0. A must finish by 03-10 - 2 = 03-08, latest
        // end 03-07, finish 03-06: slack 2. Only B is critical (it ends its component).
        Case {
            kind: FinishToStart,
            lag: 2,
            b: ("2027-03-10", "2027-03-12"),
            b_early: ("2027-03-10", "2027-03-12"),
            b_latest_end: "2027-03-12",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-07",
            a_slack: 2,
            a_critical: false,
            violated_by: None,
            lag_words: " plus 2 days",
            critical_path: B_ONLY,
        },
        // FS -2: B must start >= 03-06 - 2 = 03-04; planned 03-02, 2 days early. Earliest
        // 03-04..03-06 (finish 03-07 ends the component). A must finish by 03-04 + 2 = 03-06:
        // latest end 03-05, slack 0.
        Case {
            kind: FinishToStart,
            lag: -2,
            b: ("2027-03-02", "2027-03-04"),
            b_early: ("2027-03-04", "2027-03-06"),
            b_latest_end: "2027-03-06",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(2),
            lag_words: " minus 2 days",
            critical_path: AB,
        },
        // SS 0: B must start >= A start 03-01; planned 02-27, 2 days early. Earliest
        // 03-01..03-03 (finish 03-04); A's finish 03-06 ends the component, so B's latest end is
        // 03-05: slack 2. A: 03-06 (the component) vs 03-04 - 0 + 5 = 03-09: slack 0.
        Case {
            kind: StartToStart,
            lag: 0,
            b: ("2027-02-27", "2027-03-01"),
            b_early: ("2027-03-01", "2027-03-03"),
            b_latest_end: "2027-03-05",
            b_slack: 2,
            b_critical: false,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(2),
            lag_words: "",
            critical_path: A_ONLY,
        },
        // SS +3: B must start >= 03-01 + 3 = 03-04; planned 03-02, 2 days early. Earliest
        // 03-04..03-06 (finish 03-07, the component's). A: min(03-07, 03-04 - 3 + 5 = 03-06):
        // latest end 03-05, slack 0.
        Case {
            kind: StartToStart,
            lag: 3,
            b: ("2027-03-02", "2027-03-04"),
            b_early: ("2027-03-04", "2027-03-06"),
            b_latest_end: "2027-03-06",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(2),
            lag_words: " plus 3 days",
            critical_path: AB,
        },
        // SS -1: B must start >= 02-28; planned 03-01, fine. B finishes 03-04, the component
        // 03-06 (A): B slack 2, A slack 0.
        Case {
            kind: StartToStart,
            lag: -1,
            b: ("2027-03-01", "2027-03-03"),
            b_early: ("2027-03-01", "2027-03-03"),
            b_latest_end: "2027-03-05",
            b_slack: 2,
            b_critical: false,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: None,
            lag_words: " minus 1 day",
            critical_path: A_ONLY,
        },
        // FF 0: B must finish >= 03-06, so start >= 03-06 - 3 = 03-03; planned 03-01, 2 days
        // early. Earliest 03-03..03-05 (finish 03-06 = A's). Both slack 0.
        Case {
            kind: FinishToFinish,
            lag: 0,
            b: ("2027-03-01", "2027-03-03"),
            b_early: ("2027-03-03", "2027-03-05"),
            b_latest_end: "2027-03-05",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(2),
            lag_words: "",
            critical_path: AB,
        },
        // FF +1: B must finish >= 03-07, start >= 03-04; planned 03-05, fine. B finishes 03-08,
        // the component's finish: slack 0. A must finish by 03-08 - 1 = 03-07: latest end 03-06,
        // slack 1.
        Case {
            kind: FinishToFinish,
            lag: 1,
            b: ("2027-03-05", "2027-03-07"),
            b_early: ("2027-03-05", "2027-03-07"),
            b_latest_end: "2027-03-07",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-06",
            a_slack: 1,
            a_critical: false,
            violated_by: None,
            lag_words: " plus 1 day",
            critical_path: B_ONLY,
        },
        // FF -3: B must finish >= 03-03, start >= 02-28; planned 02-28: exactly on time. B
        // finishes 03-03, the component 03-06: B slack 3. A: min(03-06, 03-06 + 3): slack 0.
        Case {
            kind: FinishToFinish,
            lag: -3,
            b: ("2027-02-28", "2027-03-02"),
            b_early: ("2027-02-28", "2027-03-02"),
            b_latest_end: "2027-03-05",
            b_slack: 3,
            b_critical: false,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: None,
            lag_words: " minus 3 days",
            critical_path: A_ONLY,
        },
        // SF 0: B must finish >= A start 03-01, start >= 02-26; planned 02-25, 1 day early.
        // Earliest 02-26..02-28 (finish 03-01); the component finishes 03-06: B slack 5, A 0.
        Case {
            kind: StartToFinish,
            lag: 0,
            b: ("2027-02-25", "2027-02-27"),
            b_early: ("2027-02-26", "2027-02-28"),
            b_latest_end: "2027-03-05",
            b_slack: 5,
            b_critical: false,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(1),
            lag_words: "",
            critical_path: A_ONLY,
        },
        // SF +7: B must finish >= 03-08, start >= 03-05; planned 03-05: exactly on time. B's
        // finish 03-08 ends the component: slack 0. A: min(03-08, 03-08 - 7 + 5 = 03-06): 0.
        Case {
            kind: StartToFinish,
            lag: 7,
            b: ("2027-03-05", "2027-03-07"),
            b_early: ("2027-03-05", "2027-03-07"),
            b_latest_end: "2027-03-07",
            b_slack: 0,
            b_critical: true,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: None,
            lag_words: " plus 7 days",
            critical_path: AB,
        },
        // SF -2: B must finish >= 02-27, start >= 02-24; planned 02-20, 4 days early. Earliest
        // 02-24..02-26 (finish 02-27); the component finishes 03-06: B slack 7, A 0.
        Case {
            kind: StartToFinish,
            lag: -2,
            b: ("2027-02-20", "2027-02-22"),
            b_early: ("2027-02-24", "2027-02-26"),
            b_latest_end: "2027-03-05",
            b_slack: 7,
            b_critical: false,
            a_latest_end: "2027-03-05",
            a_slack: 0,
            a_critical: true,
            violated_by: Some(4),
            lag_words: " minus 2 days",
            critical_path: A_ONLY,
        },
    ]
}

#[test]
fn two_milestones_every_kind_and_lag_match_the_hand_worked_figures() {
    for c in cases() {
        let what = format!("{:?} lag {}", c.kind, c.lag);
        let releases =
            [release("A", &[(K::Build, "2027-03-01", "2027-03-05")]), release("B", &[(K::Test, c.b.0, c.b.1)])];
        let deps = [dep(at("A", K::Build), at("B", K::Test), c.kind, c.lag)];
        let a = analyse(&releases, &deps);
        assert_eq!(a.diagnostics, Vec::<String>::new(), "{what}");

        let am = get(&a, "A", K::Build);
        assert_eq!((am.earliest_start, am.earliest_end), (d("2027-03-01"), d("2027-03-05")), "{what}: A early");
        assert_eq!(am.latest_end, d(c.a_latest_end), "{what}: A latest end");
        assert_eq!(am.slack_days, c.a_slack, "{what}: A slack");
        assert_eq!(am.critical, c.a_critical, "{what}: A critical");

        let bm = get(&a, "B", K::Test);
        assert_eq!((bm.planned_start, bm.planned_end), (d(c.b.0), d(c.b.1)), "{what}: B planned");
        assert_eq!((bm.earliest_start, bm.earliest_end), (d(c.b_early.0), d(c.b_early.1)), "{what}: B early");
        assert_eq!(bm.latest_end, d(c.b_latest_end), "{what}: B latest end");
        assert_eq!(bm.slack_days, c.b_slack, "{what}: B slack");
        assert_eq!(bm.critical, c.b_critical, "{what}: B critical");

        let path = refs(c.critical_path);
        assert_eq!(a.critical_path, path, "{what}: critical path");
        for m in [am, bm] {
            // A critical milestone's chain is the critical path here; others have none.
            let chain = if m.critical { path.clone() } else { vec![] };
            assert_eq!(a.chain(m), chain, "{what}: chain of {}", m.milestone);
        }

        match c.violated_by {
            None => assert_eq!(a.violations, vec![], "{what}"),
            Some(by) => {
                assert_eq!(a.violations.len(), 1, "{what}");
                let v = &a.violations[0];
                assert_eq!((&v.from, &v.to), (&mref("A", K::Build), &mref("B", K::Test)), "{what}");
                assert_eq!((v.kind, v.lag_days, v.by_days), (c.kind, c.lag, by), "{what}");
                assert!(v.message.starts_with("B test must "), "{what}: {}", v.message);
                assert!(v.message.contains("A build"), "{what}: {}", v.message);
                let days = format!("{by} day{} too early", if by == 1 { "" } else { "s" });
                assert!(
                    v.message.ends_with(&format!("{}, but is planned {days}", c.lag_words)),
                    "{what}: {}",
                    v.message
                );
            }
        }
    }
}

#[test]
fn a_milestone_alone_is_never_critical() {
    // Zero slack (it ends its own component), but nothing depends on it and it depends on nothing.
    let releases = [release("A", &[(K::Build, "2027-03-01", "2027-03-05")])];
    let a = analyse(&releases, &[]);
    let m = get(&a, "A", K::Build);
    assert_eq!((m.slack_days, m.critical, m.latest_end), (0, false, d("2027-03-05")));
    assert_eq!(a.critical_path, vec![]);
    assert_eq!(a.violations, vec![]);
}

// ---------------------------------------------------------------------------------------------
// A chain with a parallel branch.
// ---------------------------------------------------------------------------------------------

/// P: planning 03-01..03-03 → build 03-04..03-10 → test 03-11..03-14, and a parallel branch
/// planning → CAB 03-05 → test.
fn chain() -> (Vec<Release>, Vec<Dependency>) {
    let releases = vec![release(
        "P",
        &[
            (K::Planning, "2027-03-01", "2027-03-03"),
            (K::Build, "2027-03-04", "2027-03-10"),
            (K::Cab, "2027-03-05", "2027-03-05"),
            (K::Test, "2027-03-11", "2027-03-14"),
        ],
    )];
    let deps = vec![
        fs(at("P", K::Planning), at("P", K::Build)),
        fs(at("P", K::Build), at("P", K::Test)),
        fs(at("P", K::Planning), at("P", K::Cab)),
        fs(at("P", K::Cab), at("P", K::Test)),
    ];
    (releases, deps)
}

#[test]
fn a_chain_is_critical_and_its_parallel_branch_has_slack() {
    let (releases, deps) = chain();
    let a = analyse(&releases, &deps);
    assert_eq!(a.diagnostics, Vec::<String>::new());
    assert_eq!(a.violations, vec![]);
    let path = refs(&[("P", K::Planning), ("P", K::Build), ("P", K::Test)]);
    assert_eq!(a.critical_path, path);
    for k in [K::Planning, K::Build, K::Test] {
        let m = get(&a, "P", k);
        assert_eq!((m.slack_days, m.critical), (0, true), "{k:?}");
        assert_eq!(a.chain(m), path, "{k:?}");
        assert_eq!(m.latest_end, m.planned_end, "{k:?}");
    }
    // The CAB finishes 03-06 but test only needs it by its start 03-11: 5 days of slack, latest
    // end 03-10.
    let cab = get(&a, "P", K::Cab);
    assert_eq!((cab.slack_days, cab.critical, cab.latest_end), (5, false, d("2027-03-10")));
    assert!(a.chain(cab).is_empty());
    // The planning's latest finish is the earlier of build's latest start (03-04) and the CAB's
    // (03-10): the build's.
    assert_eq!(get(&a, "P", K::Planning).latest_end, d("2027-03-03"));
    // Milestones come by release and planned start.
    let order: Vec<K> = a.milestones.iter().map(|m| m.milestone.kind).collect();
    assert_eq!(order, vec![K::Planning, K::Build, K::Cab, K::Test]);
}

#[test]
fn the_critical_path_is_the_critical_chain_spanning_the_most_days() {
    let (mut releases, mut deps) = chain();
    // A second, unrelated component Q spanning 03-20..03-30 (11 days) is shorter than P's
    // 03-01..03-14 (14 days).
    releases
        .push(release("Q", &[(K::Deployment, "2027-03-20", "2027-03-20"), (K::Closure, "2027-03-21", "2027-03-30")]));
    deps.push(fs(at("Q", K::Deployment), at("Q", K::Closure)));
    let a = analyse(&releases, &deps);
    assert_eq!(a.critical_path, refs(&[("P", K::Planning), ("P", K::Build), ("P", K::Test)]));
    // Q is critical in its own component all the same.
    let q = refs(&[("Q", K::Deployment), ("Q", K::Closure)]);
    assert_eq!(a.chain(get(&a, "Q", K::Deployment)), q);
    assert!(get(&a, "Q", K::Closure).critical);

    // Q's closure running to 04-30 makes it the longest.
    releases[1].milestones[1].planned_end = d("2027-04-30");
    let a = analyse(&releases, &deps);
    assert_eq!(a.critical_path, q);
}

#[test]
fn a_late_predecessor_pushes_the_whole_chain_and_the_branch_keeps_its_slack() {
    let (mut releases, deps) = chain();
    // Planning overruns to 03-05: build must start 03-06 (2 days late), test 03-13.
    releases[0].milestones[0].planned_end = d("2027-03-05");
    let a = analyse(&releases, &deps);
    let build = get(&a, "P", K::Build);
    assert_eq!((build.earliest_start, build.earliest_end), (d("2027-03-06"), d("2027-03-12")));
    let test = get(&a, "P", K::Test);
    assert_eq!((test.earliest_start, test.earliest_end), (d("2027-03-13"), d("2027-03-16")));
    // The CAB must start 03-06 (1 day late), and still has test's 03-13 to meet: slack 6.
    let cab = get(&a, "P", K::Cab);
    assert_eq!((cab.earliest_start, cab.slack_days), (d("2027-03-06"), 6));
    // Only the dependencies broken by the plan itself are violations: planning → build by 2 and
    // planning → CAB by 1 (build → test holds between the planned dates).
    let broken: Vec<(MilestoneRef, i32)> = a.violations.iter().map(|v| (v.to.clone(), v.by_days)).collect();
    assert_eq!(broken, vec![(mref("P", K::Build), 2), (mref("P", K::Cab), 1)]);
    assert_eq!(a.critical_path, refs(&[("P", K::Planning), ("P", K::Build), ("P", K::Test)]));
}

// ---------------------------------------------------------------------------------------------
// Whole-release endpoints.
// ---------------------------------------------------------------------------------------------

/// A runs 03-01..03-15 (planning first, closure last); B runs 03-05..03-21 with its milestones
/// listed out of date order (test first), so the dates decide, not the order.
fn two_releases() -> Vec<Release> {
    vec![
        release(
            "A",
            &[
                (K::Deployment, "2027-03-10", "2027-03-10"),
                (K::Planning, "2027-03-01", "2027-03-03"),
                (K::Closure, "2027-03-12", "2027-03-15"),
            ],
        ),
        release("B", &[(K::Test, "2027-03-20", "2027-03-21"), (K::Build, "2027-03-05", "2027-03-08")]),
    ]
}

#[test]
fn whole_release_endpoints_resolve_to_the_first_start_or_the_last_finish() {
    let releases = two_releases();
    // (from, to, kind) → the milestones the dependency stands for: a predecessor's finish is its
    // last milestone's, its start its first's; the same for the successor.
    let cases = [
        (whole("A"), whole("B"), DepKind::FinishToStart, ("A", K::Closure), ("B", K::Build)),
        (whole("A"), whole("B"), DepKind::StartToStart, ("A", K::Planning), ("B", K::Build)),
        (whole("A"), whole("B"), DepKind::FinishToFinish, ("A", K::Closure), ("B", K::Test)),
        (whole("A"), whole("B"), DepKind::StartToFinish, ("A", K::Planning), ("B", K::Test)),
        (whole("A"), at("B", K::Test), DepKind::FinishToStart, ("A", K::Closure), ("B", K::Test)),
        (at("A", K::Deployment), whole("B"), DepKind::FinishToFinish, ("A", K::Deployment), ("B", K::Test)),
    ];
    for (from, to, kind, a, b) in cases {
        let what = format!("{from} → {to} {kind:?}");
        let deps = [dep(from, to, kind, 0)];
        let g = Graph::new(&releases, &deps);
        assert_eq!(g.diagnostics, Vec::<String>::new(), "{what}");
        let (na, nb) = (g.node(&mref(a.0, a.1)).unwrap(), g.node(&mref(b.0, b.1)).unwrap());
        assert_eq!(g.edges, vec![(na, nb, kind, 0)], "{what}");
        assert_eq!(check_new(&releases, &[], &deps[0]), Ok(()), "{what}");
    }

    // B after A: B's build (03-05) must start after A's closure finishes (03-16): 11 days early.
    let a = analyse(&releases, &[fs(whole("A"), whole("B"))]);
    assert_eq!(a.violations.len(), 1);
    let v = &a.violations[0];
    assert_eq!((&v.from, &v.to, v.by_days), (&mref("A", K::Closure), &mref("B", K::Build), 11));
    let build = get(&a, "B", K::Build);
    assert_eq!((build.earliest_start, build.earliest_end), (d("2027-03-16"), d("2027-03-19")));
    // B's test does not depend on anything: it stays.
    assert_eq!(get(&a, "B", K::Test).earliest_start, d("2027-03-20"));
}

#[test]
fn unknown_endpoints_are_diagnostics_and_the_rest_is_analysed() {
    let mut releases = two_releases();
    releases.push(release("E", &[]));
    let deps = [
        fs(at("Z", K::Build), at("A", K::Closure)),
        fs(at("A", K::Closure), at("B", K::Cab)),
        fs(whole("Z"), whole("A")),
        fs(whole("A"), whole("E")),
        fs(at("A", K::Planning), at("B", K::Build)),
    ];
    let a = analyse(&releases, &deps);
    assert_eq!(
        a.diagnostics,
        vec![
            "Z build → A closure: Z build does not exist",
            "A closure → B cab: B cab does not exist",
            "Z → A: Z is not a release of the plan",
            "A → E: E has no milestones",
        ]
    );
    // The one good dependency is analysed: A planning finishes 03-04, B build starts 03-05 and
    // ends its component (finish 03-09), so the planning has a day of slack.
    assert_eq!(a.violations, vec![]);
    assert_eq!(get(&a, "A", K::Planning).slack_days, 1);
    assert!(get(&a, "B", K::Build).critical);
    for bad in &deps[..4] {
        let e = check_new(&releases, &[], bad).unwrap_err();
        assert!(
            e.contains("does not exist") || e.contains("has no milestones") || e.contains("is not a release"),
            "{e}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Cycles.
// ---------------------------------------------------------------------------------------------

fn three() -> Vec<Release> {
    vec![
        release("A", &[(K::Build, "2027-03-01", "2027-03-05")]),
        release("B", &[(K::Test, "2027-03-06", "2027-03-08")]),
        release("C", &[(K::Deployment, "2027-03-09", "2027-03-09")]),
    ]
}

#[test]
fn check_new_refuses_a_dependency_closing_a_cycle_and_names_it() {
    let releases = three();
    let mut deps = vec![];
    for new in [fs(at("A", K::Build), at("B", K::Test)), fs(at("B", K::Test), at("C", K::Deployment))] {
        assert_eq!(check_new(&releases, &deps, &new), Ok(()));
        deps.push(new);
    }
    let before = deps.clone();
    let e = check_new(&releases, &deps, &fs(at("C", K::Deployment), at("A", K::Build))).unwrap_err();
    assert_eq!(e, "it would close a cycle: A build → B test → C deployment → A build");
    assert_eq!(deps, before);
    // Any kind or lag closes it all the same.
    let e = check_new(&releases, &deps, &dep(at("C", K::Deployment), at("A", K::Build), DepKind::StartToStart, -10));
    assert!(e.unwrap_err().starts_with("it would close a cycle"));
    // A shortcut in the same direction is fine.
    assert_eq!(check_new(&releases, &deps, &fs(at("A", K::Build), at("C", K::Deployment))), Ok(()));
}

#[test]
fn check_new_names_the_cycle_not_the_milestones_hanging_off_it() {
    // X deployment comes first in the plan and hangs off the cycle A build ⇄ B test.
    let mut releases = vec![release("X", &[(K::Deployment, "2027-03-20", "2027-03-20")])];
    releases.extend(three().into_iter().take(2));
    let deps = [fs(at("A", K::Build), at("X", K::Deployment)), fs(at("A", K::Build), at("B", K::Test))];
    let e = check_new(&releases, &deps, &fs(at("B", K::Test), at("A", K::Build))).unwrap_err();
    assert_eq!(e, "it would close a cycle: A build → B test → A build");
}

#[test]
fn check_new_refuses_a_release_after_a_release_after_itself() {
    let releases = two_releases();
    let b_after_a = fs(whole("A"), whole("B"));
    assert_eq!(check_new(&releases, &[], &b_after_a), Ok(()));
    // A after B after A: B's last milestone → A's first, A's first → A's last (a release starts
    // before it finishes), A's last → B's first, B's first → B's last.
    let e = check_new(&releases, std::slice::from_ref(&b_after_a), &fs(whole("B"), whole("A"))).unwrap_err();
    assert!(e.starts_with("it would close a cycle: "), "{e}");
    for m in ["A planning", "A closure", "B build", "B test"] {
        assert!(e.contains(m), "{e} should name {m}");
    }
    // Also when only one end is a whole release.
    let e = check_new(&releases, std::slice::from_ref(&b_after_a), &fs(at("B", K::Test), at("A", K::Planning)));
    assert!(e.unwrap_err().starts_with("it would close a cycle"));
    // And a whole release on itself, either way.
    assert_eq!(check_new(&releases, &[], &fs(whole("A"), whole("A"))).unwrap_err(), "A cannot depend on itself");
    let e = check_new(&releases, &[], &fs(whole("A"), at("A", K::Closure))).unwrap_err();
    assert!(e.starts_with("it would close a cycle"), "{e}");
}

#[test]
fn check_new_refuses_a_milestone_on_itself_and_an_absurd_lag() {
    let releases = three();
    assert_eq!(
        check_new(&releases, &[], &fs(at("A", K::Build), at("A", K::Build))).unwrap_err(),
        "A build cannot depend on itself"
    );
    let far = dep(at("A", K::Build), at("B", K::Test), DepKind::FinishToStart, 3651);
    assert_eq!(check_new(&releases, &[], &far).unwrap_err(), "a lag of 3651 days is more than ten years");
    for lag in [-3651, i32::MIN, i32::MAX] {
        let far = dep(at("A", K::Build), at("B", K::Test), DepKind::FinishToStart, lag);
        assert!(check_new(&releases, &[], &far).is_err(), "{lag}");
    }
    let ten_years = dep(at("A", K::Build), at("B", K::Test), DepKind::FinishToStart, 3650);
    assert_eq!(check_new(&releases, &[], &ten_years), Ok(()));
}

#[test]
fn check_new_accepts_a_good_dependency_when_a_release_lists_a_milestone_twice() {
    // A plan may list a phase twice (the import does not refuse it); the analysis ignores the
    // second with a diagnostic, and that must not make every new dependency refused.
    let mut releases = three();
    let twice = releases[0].milestones[0].clone();
    releases[0].milestones.push(twice);
    assert_eq!(analyse(&releases, &[]).diagnostics, vec!["A build appears twice; the second is ignored"]);
    assert_eq!(check_new(&releases, &[], &fs(at("A", K::Build), at("B", K::Test))), Ok(()));
    assert!(check_new(&releases, &[], &fs(at("A", K::Cab), at("B", K::Test))).is_err());
}

#[test]
fn cyclic_data_is_a_diagnostic_and_the_rest_stays_sane() {
    // Built without check_new: P → A ⇄ B → D.
    let mut releases = vec![release("P", &[(K::Planning, "2027-02-20", "2027-02-22")])];
    releases.extend(three());
    let deps = [
        fs(at("P", K::Planning), at("A", K::Build)),
        fs(at("A", K::Build), at("B", K::Test)),
        fs(at("B", K::Test), at("A", K::Build)),
        fs(at("B", K::Test), at("C", K::Deployment)),
    ];
    let a = analyse(&releases, &deps);
    assert_eq!(a.diagnostics.len(), 1, "{:?}", a.diagnostics);
    assert_eq!(
        a.diagnostics[0],
        "a cycle of dependencies (A build → B test → A build); these 3 milestones are left out of the analysis"
    );
    assert_eq!(a.milestones.len(), 4);
    for m in &a.milestones {
        assert!(m.slack_days >= 0, "{}: slack {}", m.milestone, m.slack_days);
        assert!(m.latest_end >= m.earliest_end, "{}: latest end {}", m.milestone, m.latest_end);
        assert!(!m.critical, "{} is critical", m.milestone);
        // Nothing is pushed: the milestones on or after the cycle are left where they are planned.
        assert_eq!((m.earliest_start, m.earliest_end), (m.planned_start, m.planned_end));
    }
    assert_eq!(a.critical_path, vec![]);
    assert_eq!(a.violations, vec![]);

    // A self-loop (a whole release resolved onto one of its own milestones) is a cycle too.
    let a = analyse(&releases, &[fs(whole("A"), at("A", K::Build))]);
    assert_eq!(a.diagnostics.len(), 1);
    assert!(a.diagnostics[0].starts_with("a cycle of dependencies (A build → A build)"), "{:?}", a.diagnostics);

    // A what-if on cyclic data reports the same and does not panic.
    let w = what_if(
        &releases,
        &deps,
        &Change::Milestone { milestone: mref("P", K::Planning), start: d("2027-03-01"), end: d("2027-03-01") },
    );
    assert_eq!(w.moved.len(), 1);
    assert_eq!(moves(&w.must_move), vec![]);
}

#[test]
fn absurd_lags_in_stored_data_do_not_panic() {
    let releases = three();
    for lag in [i32::MAX, i32::MIN, 1_000_000_000, -1_000_000_000] {
        for kind in DepKind::ALL.iter().copied() {
            let deps =
                [dep(at("A", K::Build), at("B", K::Test), kind, lag), fs(at("B", K::Test), at("C", K::Deployment))];
            let a = analyse(&releases, &deps);
            assert!(!a.diagnostics.is_empty(), "{kind:?} {lag}: {:?}", a.diagnostics);
            for m in &a.milestones {
                assert!(m.slack_days >= 0, "{kind:?} {lag}: {} slack {}", m.milestone, m.slack_days);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What-if.
// ---------------------------------------------------------------------------------------------

/// A: build 03-01..03-05 → A deployment 03-08 (4 days of slack); A build → B test 03-06..03-09
/// → B deployment 03-10 → B closure 03-11..03-12. Nothing is broken.
fn deploy() -> (Vec<Release>, Vec<Dependency>) {
    let releases = vec![
        release("A", &[(K::Build, "2027-03-01", "2027-03-05"), (K::Deployment, "2027-03-08", "2027-03-08")]),
        release(
            "B",
            &[
                (K::Test, "2027-03-06", "2027-03-09"),
                (K::Deployment, "2027-03-10", "2027-03-10"),
                (K::Closure, "2027-03-11", "2027-03-12"),
            ],
        ),
    ];
    let deps = vec![
        fs(at("A", K::Build), at("B", K::Test)),
        fs(at("A", K::Build), at("A", K::Deployment)),
        fs(at("B", K::Test), at("B", K::Deployment)),
        fs(at("B", K::Deployment), at("B", K::Closure)),
    ];
    (releases, deps)
}

fn moving(release: &str, kind: K, start: &str, end: &str) -> Change {
    Change::Milestone { milestone: mref(release, kind), start: d(start), end: d(end) }
}

#[test]
fn moving_a_predecessor_later_makes_downstream_milestones_move() {
    let (releases, deps) = deploy();
    let copy = releases.clone();
    assert_eq!(analyse(&releases, &deps).violations, vec![]);
    // A build two days later (03-03..03-07, finish 03-08): B test must start 03-08, B deployment
    // 03-12, B closure 03-13. A deployment (03-08) still fits.
    let w = what_if(&releases, &deps, &moving("A", K::Build, "2027-03-03", "2027-03-07"));
    assert_eq!(releases, copy);
    assert_eq!(w.diagnostics, Vec::<String>::new());
    assert_eq!(moves(&w.moved), vec![shift("A", K::Build, "2027-03-01", "2027-03-03", 2)]);
    assert_eq!(
        moves(&w.must_move),
        vec![
            shift("B", K::Test, "2027-03-06", "2027-03-08", 2),
            shift("B", K::Deployment, "2027-03-10", "2027-03-12", 2),
            shift("B", K::Closure, "2027-03-11", "2027-03-13", 2),
        ]
    );
    assert_eq!(w.newly_violated.len(), 1);
    let v = &w.newly_violated[0];
    assert_eq!(
        (&v.from, &v.to, v.kind, v.lag_days, v.by_days),
        (&mref("A", K::Build), &mref("B", K::Test), DepKind::FinishToStart, 0, 2)
    );
    assert_eq!(w.resolved, vec![]);
    // B's chain is critical before and after (the component finishes later); A deployment's slack
    // grows from 4 to 6: no slack is used.
    assert_eq!(w.slack_used, vec![]);
    assert_eq!(w.windows_changed, vec!["B".to_string()]);
}

#[test]
fn moving_a_deployment_uses_its_slack_and_changes_its_window() {
    let (releases, deps) = deploy();
    let w = what_if(&releases, &deps, &moving("A", K::Deployment, "2027-03-09", "2027-03-09"));
    assert_eq!(moves(&w.moved), vec![shift("A", K::Deployment, "2027-03-08", "2027-03-09", 1)]);
    assert_eq!(moves(&w.must_move), vec![]);
    assert_eq!(w.newly_violated, vec![]);
    // Its latest end is the component's, 03-12: slack 4 → 3.
    assert_eq!(w.slack_used, vec![SlackUse { milestone: mref("A", K::Deployment), before: 4, after: 3 }]);
    assert_eq!(w.windows_changed, vec!["A".to_string()]);
    // Moving it earlier than its build allows breaks the dependency, and nothing must move.
    let w = what_if(&releases, &deps, &moving("A", K::Deployment, "2027-03-04", "2027-03-04"));
    assert_eq!(w.newly_violated.len(), 1);
    assert_eq!((w.newly_violated[0].to.clone(), w.newly_violated[0].by_days), (mref("A", K::Deployment), 2));
    assert_eq!(moves(&w.must_move), vec![]);
    assert_eq!(w.windows_changed, vec!["A".to_string()]);
}

/// S: planning 03-01..03-02 → build 03-03..03-10 → test 03-11..03-12, and planning → CAB 03-04
/// → test (6 days of slack: it finishes 03-05, test needs it by 03-11).
fn slack() -> (Vec<Release>, Vec<Dependency>) {
    let releases = vec![release(
        "S",
        &[
            (K::Planning, "2027-03-01", "2027-03-02"),
            (K::Build, "2027-03-03", "2027-03-10"),
            (K::Cab, "2027-03-04", "2027-03-04"),
            (K::Test, "2027-03-11", "2027-03-12"),
        ],
    )];
    let deps = vec![
        fs(at("S", K::Planning), at("S", K::Build)),
        fs(at("S", K::Planning), at("S", K::Cab)),
        fs(at("S", K::Build), at("S", K::Test)),
        fs(at("S", K::Cab), at("S", K::Test)),
    ];
    (releases, deps)
}

#[test]
fn a_move_within_the_slack_only_uses_slack() {
    let (releases, deps) = slack();
    assert_eq!(get(&analyse(&releases, &deps), "S", K::Cab).slack_days, 6);
    let w = what_if(&releases, &deps, &moving("S", K::Cab, "2027-03-07", "2027-03-07"));
    assert_eq!(moves(&w.moved), vec![shift("S", K::Cab, "2027-03-04", "2027-03-07", 3)]);
    assert_eq!(moves(&w.must_move), vec![]);
    assert_eq!(w.newly_violated, vec![]);
    assert_eq!(w.slack_used, vec![SlackUse { milestone: mref("S", K::Cab), before: 6, after: 3 }]);
    assert_eq!(w.windows_changed, Vec::<String>::new());
}

#[test]
fn a_move_beyond_the_slack_pushes_the_successor() {
    let (releases, deps) = slack();
    // The CAB on 03-12 (finish 03-13): test must start 03-13, 2 days late; the CAB is now
    // critical (6 → 0); build and planning gain 2 days of slack.
    let w = what_if(&releases, &deps, &moving("S", K::Cab, "2027-03-12", "2027-03-12"));
    assert_eq!(moves(&w.must_move), vec![shift("S", K::Test, "2027-03-11", "2027-03-13", 2)]);
    assert_eq!(w.must_move[0].added_days, 2, "it was on time before: all of it is this move's");
    assert_eq!((w.must_move[0].end_from, w.must_move[0].end_to), (d("2027-03-12"), d("2027-03-14")));
    assert_eq!(w.newly_violated.len(), 1);
    assert_eq!((w.newly_violated[0].from.clone(), w.newly_violated[0].by_days), (mref("S", K::Cab), 2));
    assert_eq!(w.slack_used, vec![SlackUse { milestone: mref("S", K::Cab), before: 6, after: 0 }]);
    let after = analyse(&apply(&releases, &moving("S", K::Cab, "2027-03-12", "2027-03-12")).unwrap(), &deps);
    assert_eq!(get(&after, "S", K::Build).slack_days, 2);
    assert_eq!(get(&after, "S", K::Planning).slack_days, 2);
    assert_eq!(after.critical_path, refs(&[("S", K::Cab), ("S", K::Test)]));
}

#[test]
fn a_milestone_already_late_reports_only_what_the_move_adds() {
    let (releases, deps) = slack();
    // The CAB on 03-12 makes the test 2 days late; from there, the CAB on 03-14 makes it 4 days
    // late, of which the second move adds 2.
    let late = apply(&releases, &moving("S", K::Cab, "2027-03-12", "2027-03-12")).unwrap();
    let w = what_if(&late, &deps, &moving("S", K::Cab, "2027-03-14", "2027-03-14"));
    assert_eq!(moves(&w.must_move), vec![shift("S", K::Test, "2027-03-11", "2027-03-15", 4)]);
    assert_eq!(w.must_move[0].added_days, 2);
}

#[test]
fn resizing_a_milestone() {
    let (releases, deps) = deploy();
    // A build two days longer (03-01..03-07): it "moves" by 0 days, downstream moves by 2.
    let w = what_if(&releases, &deps, &moving("A", K::Build, "2027-03-01", "2027-03-07"));
    assert_eq!(moves(&w.moved), vec![shift("A", K::Build, "2027-03-01", "2027-03-01", 0)]);
    // The end is what a resize moves: 03-05 → 03-07.
    assert_eq!((w.moved[0].end_from, w.moved[0].end_to), (d("2027-03-05"), d("2027-03-07")));
    assert_eq!(
        w.must_move.iter().map(|s| (s.milestone.clone(), s.days)).collect::<Vec<_>>(),
        vec![(mref("B", K::Test), 2), (mref("B", K::Deployment), 2), (mref("B", K::Closure), 2),]
    );
    assert_eq!(w.windows_changed, vec!["B".to_string()]);
    // Two days shorter: nothing has to move, the build gains 2 days of slack.
    let w = what_if(&releases, &deps, &moving("A", K::Build, "2027-03-01", "2027-03-03"));
    assert_eq!(w.moved.len(), 1);
    assert_eq!((w.must_move.len(), w.newly_violated.len(), w.slack_used.len()), (0, 0, 0));
    let after = analyse(&apply(&releases, &moving("A", K::Build, "2027-03-01", "2027-03-03")).unwrap(), &deps);
    assert_eq!(get(&after, "A", K::Build).slack_days, 2);
}

#[test]
fn shifting_a_whole_release() {
    let (releases, deps) = deploy();
    let copy = releases.clone();
    // B three days earlier: its test (03-03) now starts before A build finishes (03-06).
    let earlier = Change::Release { release: "B".into(), shift_days: -3 };
    let w = what_if(&releases, &deps, &earlier);
    assert_eq!(releases, copy);
    assert_eq!(
        moves(&w.moved),
        vec![
            shift("B", K::Test, "2027-03-06", "2027-03-03", -3),
            shift("B", K::Deployment, "2027-03-10", "2027-03-07", -3),
            shift("B", K::Closure, "2027-03-11", "2027-03-08", -3),
        ]
    );
    assert_eq!(w.newly_violated.len(), 1);
    assert_eq!((w.newly_violated[0].to.clone(), w.newly_violated[0].by_days), (mref("B", K::Test), 3));
    assert_eq!(w.windows_changed, vec!["B".to_string()]);

    // Shifting it back repairs the dependency.
    let shifted = apply(&releases, &earlier).unwrap();
    let w = what_if(&shifted, &deps, &Change::Release { release: "B".into(), shift_days: 3 });
    assert_eq!(w.newly_violated, vec![]);
    assert_eq!(w.resolved.len(), 1);
    assert_eq!((w.resolved[0].to.clone(), w.resolved[0].by_days), (mref("B", K::Test), 3));
    assert_eq!(moves(&w.must_move), vec![]);
    assert_eq!(apply(&shifted, &Change::Release { release: "B".into(), shift_days: 3 }).unwrap(), releases);

    // A shift of nothing changes nothing.
    let w = what_if(&releases, &deps, &Change::Release { release: "A".into(), shift_days: 0 });
    assert_eq!((w.moved.len(), w.must_move.len(), w.windows_changed.len()), (0, 0, 0));
}

#[test]
fn a_bad_change_is_a_diagnostic_and_nothing_else() {
    let (releases, deps) = deploy();
    let copy = releases.clone();
    let cases = [
        (
            moving("A", K::Build, "2027-03-05", "2027-03-04"),
            "A build would end (2027-03-04) before it starts (2027-03-05)",
        ),
        (moving("A", K::Closure, "2027-03-05", "2027-03-05"), "A closure does not exist"),
        (moving("Z", K::Build, "2027-03-05", "2027-03-05"), "Z is not a release of the plan"),
        (Change::Release { release: "Z".into(), shift_days: 1 }, "Z is not a release of the plan"),
    ];
    for (change, message) in cases {
        let w = what_if(&releases, &deps, &change);
        assert_eq!(w.diagnostics, vec![message.to_string()]);
        assert_eq!((w.moved.len(), w.must_move.len(), w.newly_violated.len(), w.resolved.len()), (0, 0, 0, 0));
        assert_eq!((w.slack_used.len(), w.windows_changed.len()), (0, 0));
        assert_eq!(apply(&releases, &change), Err(message.to_string()));
    }
    // A shift past the calendar's end is refused, not a panic.
    for shift_days in [i32::MAX, i32::MIN] {
        let change = Change::Release { release: "A".into(), shift_days };
        assert!(apply(&releases, &change).is_err());
        assert_eq!(what_if(&releases, &deps, &change).diagnostics.len(), 1);
    }
    assert_eq!(releases, copy);
}

// ---------------------------------------------------------------------------------------------
// CI dependencies.
// ---------------------------------------------------------------------------------------------

#[test]
fn ci_dependencies_imply_release_dependencies_in_deployment_order() {
    let with = |key: &str, ci: &str, day: &str| {
        let mut r = release(key, &[]);
        r.cis = vec![CiVersion { ci: ci.into(), version: "1".into() }];
        let start = d(day).and_hms_opt(20, 0, 0).unwrap();
        r.window = Some(Window { start, end: start + Duration::hours(2) });
        r
    };
    let releases =
        [with("DB1", "db", "2027-03-01"), with("APP1", "app", "2027-03-05"), with("APP0", "app", "2027-02-01")];
    let ci = [CiDependency { ci: "app".into(), depends_on: "db".into() }];
    // Only the app release deploying after the database one depends on it.
    assert_eq!(ci_implied(&releases, &ci), vec![("DB1".into(), "APP1".into(), "app depends on db".into())]);
    assert_eq!(ci_implied(&releases, &[]), vec![]);
}

// ---------------------------------------------------------------------------------------------
// Properties over random plans.
// ---------------------------------------------------------------------------------------------

type Candidate = (Index, Option<Index>, Index, Option<Index>, usize, i32);

/// Up to 6 releases of 1–7 milestones with random dates in the first quarter of 2027, and
/// candidate dependencies between them (a fifth of the ends whole releases).
fn plan() -> impl Strategy<Value = (Vec<Release>, Vec<Candidate>)> {
    let milestones = (prop::sample::subsequence(K::ALL.to_vec(), 1..=7), prop::collection::vec((0i64..60, 0i64..8), 7));
    let candidate = (
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        any::<Index>(),
        prop::option::weighted(0.8, any::<Index>()),
        0usize..4,
        -5i32..10,
    );
    (prop::collection::vec(milestones, 1..=6), prop::collection::vec(candidate, 0..40)).prop_map(|(specs, cands)| {
        let base = d("2027-01-01");
        let releases = specs
            .into_iter()
            .enumerate()
            .map(|(i, (kinds, dates))| {
                let mut r = release(&format!("R{i}"), &[]);
                r.milestones = kinds
                    .into_iter()
                    .zip(dates)
                    .map(|(kind, (at, len))| Milestone {
                        kind,
                        planned_start: base + Duration::days(at),
                        planned_end: base + Duration::days(at + len),
                        actual_start: None,
                        actual_end: None,
                    })
                    .collect();
                r
            })
            .collect();
        (releases, cands)
    })
}

fn endpoint(releases: &[Release], r: Index, m: Option<Index>) -> Endpoint {
    let rel = &releases[r.index(releases.len())];
    Endpoint { release: rel.key.clone(), milestone: m.map(|m| rel.milestones[m.index(rel.milestones.len())].kind) }
}

/// The candidates check_new accepts, added one by one, and the ones it refuses with its reason.
/// A refused candidate: the dependencies before it, it, and why.
type Refused = (Vec<Dependency>, Dependency, String);

fn accept(releases: &[Release], cands: &[Candidate]) -> (Vec<Dependency>, Vec<Refused>) {
    let mut deps = vec![];
    let mut refused = vec![];
    for &(fr, fm, tr, tm, kind, lag) in cands {
        let new = dep(endpoint(releases, fr, fm), endpoint(releases, tr, tm), DepKind::ALL[kind], lag);
        match check_new(releases, &deps, &new) {
            Ok(()) => deps.push(new),
            Err(e) => refused.push((deps.clone(), new, e)),
        }
    }
    (deps, refused)
}

/// Whether the directed graph has a cycle (depth-first, three colours).
fn has_cycle(n: usize, edges: &[(usize, usize)]) -> bool {
    let mut out = vec![vec![]; n];
    for &(a, b) in edges {
        out[a].push(b);
    }
    let mut colour = vec![0u8; n];
    for s in 0..n {
        if colour[s] != 0 {
            continue;
        }
        colour[s] = 1;
        let mut stack = vec![(s, 0usize)];
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            if let Some(&w) = out[v].get(i) {
                top.1 += 1;
                match colour[w] {
                    1 => return true,
                    0 => {
                        colour[w] = 1;
                        stack.push((w, 0));
                    }
                    _ => {}
                }
            } else {
                colour[v] = 2;
                stack.pop();
            }
        }
    }
    false
}

fn edges_of(g: &Graph) -> Vec<(usize, usize)> {
    g.edges.iter().map(|&(a, b, _, _)| (a, b)).collect()
}

/// Day numbers from 2027-01-01: (start, exclusive finish).
fn days(start: NaiveDate, end: NaiveDate) -> (i64, i64) {
    let base = d("2027-01-01");
    ((start - base).num_days(), (end - base).num_days() + 1)
}

/// Whether `succ` honours `pred` by `kind` and `lag` (both as (start, exclusive finish)), and by
/// how many days it misses.
fn short_by(kind: DepKind, lag: i32, pred: (i64, i64), succ: (i64, i64)) -> i64 {
    let lag = i64::from(lag);
    match kind {
        DepKind::FinishToStart => pred.1 + lag - succ.0,
        DepKind::StartToStart => pred.0 + lag - succ.0,
        DepKind::FinishToFinish => pred.1 + lag - succ.1,
        DepKind::StartToFinish => pred.0 + lag - succ.1,
    }
}

/// The dependencies as the analysis resolved them, milestone to milestone.
fn resolved(g: &Graph) -> Vec<Dependency> {
    g.edges
        .iter()
        .map(|&(a, b, kind, lag)| {
            let end = |x: usize| at(&g.nodes[x].release, g.nodes[x].kind);
            dep(end(a), end(b), kind, lag)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// check_new never lets a cycle in, and a cycle it refuses between milestones is a real one.
    #[test]
    fn no_cycle_is_ever_accepted((releases, cands) in plan()) {
        let (deps, refused) = accept(&releases, &cands);
        let g = Graph::new(&releases, &deps);
        prop_assert_eq!(&g.diagnostics, &Vec::<String>::new());
        prop_assert_eq!(g.edges.len(), deps.len());
        prop_assert!(!has_cycle(g.nodes.len(), &edges_of(&g)));
        let a = analyse(&releases, &deps);
        prop_assert_eq!(a.diagnostics, Vec::<String>::new());
        for (before, new, e) in refused {
            if e.starts_with("it would close a cycle") && before.iter().chain([&new]).all(|d| d.from.milestone.is_some() && d.to.milestone.is_some()) {
                let mut all = before.clone();
                all.push(new.clone());
                let g = Graph::new(&releases, &all);
                prop_assert!(has_cycle(g.nodes.len(), &edges_of(&g)), "{} → {} refused: {}", new.from, new.to, e);
            }
        }
    }

    /// Analysing is deterministic, whole-release endpoints analyse as the milestones they resolve
    /// to, and planning every milestone at its earliest dates is a fixed point with nothing broken.
    #[test]
    fn recomputing_is_idempotent((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        prop_assert_eq!(&a, &analyse(&releases, &deps));
        let g = Graph::new(&releases, &deps);
        let direct = resolved(&g);
        prop_assert_eq!(&a, &analyse(&releases, &direct));

        let mut planned = releases.clone();
        for r in &mut planned {
            for m in &mut r.milestones {
                let s = get(&a, &r.key, m.kind);
                m.planned_start = s.earliest_start;
                m.planned_end = s.earliest_end;
            }
        }
        let b = analyse(&planned, &direct);
        prop_assert_eq!(&b.violations, &vec![]);
        prop_assert_eq!(b.milestones.len(), a.milestones.len());
        for m in &b.milestones {
            let o = get(&a, &m.milestone.release, m.milestone.kind);
            prop_assert_eq!((m.planned_start, m.planned_end), (o.earliest_start, o.earliest_end));
            prop_assert_eq!((m.earliest_start, m.earliest_end), (o.earliest_start, o.earliest_end));
            prop_assert_eq!((m.latest_end, m.slack_days, m.critical), (o.latest_end, o.slack_days, o.critical));
        }
        prop_assert_eq!(&b, &analyse(&planned, &direct));
    }

    /// The earliest dates honour every dependency and never come before the plan; the latest dates
    /// honour them too; violations are exactly the dependencies the planned dates break; slack is
    /// never negative.
    #[test]
    fn every_successor_honours_its_predecessors((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        let g = Graph::new(&releases, &deps);
        let by: HashMap<&MilestoneRef, &MilestoneSchedule> = a.milestones.iter().map(|m| (&m.milestone, m)).collect();
        prop_assert_eq!(by.len(), g.nodes.len());
        for m in &a.milestones {
            prop_assert!(m.slack_days >= 0, "{} slack {}", m.milestone, m.slack_days);
            prop_assert!(m.earliest_start >= m.planned_start);
            prop_assert_eq!(m.earliest_end - m.earliest_start, m.planned_end - m.planned_start);
            let (_, ef) = days(m.earliest_start, m.earliest_end);
            let (_, lf) = days(m.earliest_start, m.latest_end);
            prop_assert_eq!(lf - ef, i64::from(m.slack_days));
        }
        let mut expected = vec![];
        for &(x, y, kind, lag) in &g.edges {
            let (p, s) = (by[&g.nodes[x]], by[&g.nodes[y]]);
            let early = short_by(kind, lag, days(p.earliest_start, p.earliest_end), days(s.earliest_start, s.earliest_end));
            prop_assert!(early <= 0, "{} → {} {:?} {}: earliest dates {} days short", p.milestone, s.milestone, kind, lag, early);
            let late = |m: &MilestoneSchedule| days(m.latest_end - (m.planned_end - m.planned_start), m.latest_end);
            let short = short_by(kind, lag, late(p), late(s));
            prop_assert!(short <= 0, "{} → {} {:?} {}: latest dates {} days short", p.milestone, s.milestone, kind, lag, short);
            let planned = short_by(kind, lag, days(p.planned_start, p.planned_end), days(s.planned_start, s.planned_end));
            if planned > 0 {
                expected.push((p.milestone.clone(), s.milestone.clone(), kind, lag, planned as i32));
            }
        }
        let mut found: Vec<_> = a.violations.iter().map(|v| (v.from.clone(), v.to.clone(), v.kind, v.lag_days, v.by_days)).collect();
        expected.sort_by(|a, b| (&a.0, &a.1, a.2, a.3).cmp(&(&b.0, &b.1, b.2, b.3)));
        found.sort_by(|a, b| (&a.0, &a.1, a.2, a.3).cmp(&(&b.0, &b.1, b.2, b.3)));
        prop_assert_eq!(found, expected);
        for v in &a.violations {
            prop_assert!(v.message.starts_with(&v.to.to_string()) && v.message.contains(&v.from.to_string()), "{}", v.message);
        }
    }

    /// The critical path and every critical chain are critical, zero-slack milestones joined by
    /// dependencies; a milestone with no dependency is never critical.
    #[test]
    fn the_critical_path_is_a_chain_of_zero_slack_milestones((releases, cands) in plan()) {
        let (deps, _) = accept(&releases, &cands);
        let a = analyse(&releases, &deps);
        let g = Graph::new(&releases, &deps);
        let joined: HashSet<(MilestoneRef, MilestoneRef)> =
            g.edges.iter().map(|&(x, y, _, _)| (g.nodes[x].clone(), g.nodes[y].clone())).collect();
        let touched: HashSet<&MilestoneRef> = joined.iter().flat_map(|(x, y)| [x, y]).collect();
        let check_chain = |chain: &[MilestoneRef]| -> Result<(), TestCaseError> {
            for m in chain {
                let s = get(&a, &m.release, m.kind);
                prop_assert!(s.critical && s.slack_days == 0, "{} on a critical chain: slack {}", m, s.slack_days);
            }
            for w in chain.windows(2) {
                prop_assert!(joined.contains(&(w[0].clone(), w[1].clone())), "{} → {} not a dependency", w[0], w[1]);
            }
            let unique: HashSet<&MilestoneRef> = chain.iter().collect();
            prop_assert_eq!(unique.len(), chain.len());
            Ok(())
        };
        check_chain(&a.critical_path)?;
        prop_assert_eq!(a.critical_path.is_empty(), !a.milestones.iter().any(|m| m.critical));
        for m in &a.milestones {
            prop_assert_eq!(m.critical, m.slack_days == 0 && touched.contains(&m.milestone), "{}", m.milestone);
            if m.critical {
                prop_assert!(a.chain(m).contains(&m.milestone));
                check_chain(a.chain(m))?;
            } else {
                prop_assert!(m.chain.is_none());
            }
        }
    }

    /// A what-if never changes its input, reports the moved milestone, and says which downstream
    /// milestones must move to exactly where the analysis after the move puts them.
    #[test]
    fn what_if_is_consistent_with_analysing_the_change(
        (releases, cands) in plan(),
        pick in any::<Index>(),
        by in -10i64..10,
        grow in -3i64..3,
    ) {
        let (deps, _) = accept(&releases, &cands);
        let copy = releases.clone();
        let r = &releases[pick.index(releases.len())];
        let m = &r.milestones[pick.index(r.milestones.len())];
        let start = m.planned_start + Duration::days(by);
        let end = (m.planned_end + Duration::days(by + grow)).max(start);
        let change = Change::Milestone { milestone: mref(&r.key, m.kind), start, end };
        let w = what_if(&releases, &deps, &change);
        prop_assert_eq!(&releases, &copy);
        prop_assert_eq!(&w.diagnostics, &Vec::<String>::new());
        let after = analyse(&apply(&releases, &change).unwrap(), &deps);
        let changed = (start, end) != (m.planned_start, m.planned_end);
        prop_assert_eq!(w.moved.len(), usize::from(changed));
        for s in &w.must_move {
            let e = get(&after, &s.milestone.release, s.milestone.kind);
            prop_assert_eq!((s.from, s.to), (e.planned_start, e.earliest_start));
            prop_assert!(s.days > 0);
        }
        for s in &w.slack_used {
            prop_assert!(s.after < s.before && s.after >= 0);
        }
        let windows: Vec<String> = w.moved.iter().chain(&w.must_move).filter(|s| s.milestone.kind == K::Deployment).map(|s| s.milestone.release.clone()).collect();
        prop_assert_eq!(w.windows_changed.len(), windows.iter().collect::<HashSet<_>>().len());
        if !changed {
            prop_assert_eq!((w.must_move.len(), w.newly_violated.len(), w.resolved.len(), w.slack_used.len()), (0, 0, 0, 0));
        }
    }
}
