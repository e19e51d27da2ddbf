//! The scheduling arithmetic of two milestones: every kind of dependency, positive, zero and negative lag, worked out by hand.

use super::*;

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
