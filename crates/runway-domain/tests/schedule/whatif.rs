//! What-if moves: what moves, what must move, slack, violations and windows, and that nothing is written.

use super::*;

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

#[test]
fn a_move_to_the_end_of_chrono_s_calendar_is_a_diagnostic_not_a_panic() {
    let (releases, deps) = deploy();
    // `runway whatif --to +262142-12-30` used to overflow computing where B's test must end.
    let far = NaiveDate::MAX.pred_opt().unwrap();
    for change in [
        Change::Milestone { milestone: mref("A", K::Build), start: far, end: far },
        Change::Milestone { milestone: mref("A", K::Build), start: NaiveDate::MIN, end: NaiveDate::MAX },
        Change::Milestone { milestone: mref("A", K::Build), start: d("2027-03-01"), end: NaiveDate::MAX },
    ] {
        let w = what_if(&releases, &deps, &change);
        assert_eq!(w.diagnostics.len(), 1, "{:?}", w.diagnostics);
        assert!(w.diagnostics[0].contains("A build") && w.diagnostics[0].contains("1 to 9999"), "{:?}", w.diagnostics);
        assert_eq!((w.moved.len(), w.must_move.len()), (0, 0));
        assert!(apply(&releases, &change).unwrap_err().contains("1 to 9999"));
    }
}

#[test]
fn a_move_that_pushes_a_successor_past_9999_says_so() {
    let (releases, deps) = deploy();
    let last = runway_domain::dates::LAST_DAY;
    let w = what_if(&releases, &deps, &Change::Milestone { milestone: mref("A", K::Build), start: last, end: last });
    assert_eq!(moves(&w.moved), vec![(mref("A", K::Build), d("2027-03-01"), last, 2_912_018)]);
    // B's test, deployment and closure and A's deployment would all have to move past the last day.
    assert_eq!(w.must_move.len(), 4);
    assert_eq!(w.diagnostics.len(), 4, "{:?}", w.diagnostics);
    assert!(w.diagnostics.iter().all(|m| m.contains("past 9999-12-31")), "{:?}", w.diagnostics);
    // A whole release shifted out of the range is refused.
    let e = apply(&releases, &Change::Release { release: "A".into(), shift_days: 3_000_000 }).unwrap_err();
    assert!(e.contains("1 to 9999"), "{e}");
}

#[test]
fn shifted_change_keeps_the_milestone_s_length() {
    use runway_domain::schedule::shifted_change;
    let (releases, _) = deploy();
    let a = &releases[0];
    assert_eq!(
        shifted_change(a, K::Build, d("2027-04-01")),
        Ok(Change::Milestone { milestone: mref("A", K::Build), start: d("2027-04-01"), end: d("2027-04-05") })
    );
    assert_eq!(shifted_change(a, K::Closure, d("2027-04-01")), Err("A closure does not exist".into()));
    let e = shifted_change(a, K::Build, d("9999-12-30")).unwrap_err();
    assert!(e.contains("5 days") && e.contains("9999-12-31"), "{e}");
    assert!(shifted_change(a, K::Build, NaiveDate::MAX).unwrap_err().contains("1 to 9999"));
    assert!(shifted_change(a, K::Deployment, d("9999-12-31")).is_ok());
}
