//! Chains with a parallel branch, whole-release endpoints and cycles.

use super::*;

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
        let m = get(&a, "P", k.clone());
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
    let order: Vec<K> = a.milestones.iter().map(|m| m.milestone.kind.clone()).collect();
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
