//! Properties of random histories: any sequence of moves and records keeps the history consistent
//! with the lifecycle, and the random histories reach every status. Seeds of past failures are in
//! `properties.proptest-regressions`, beside this file.

use proptest::test_runner::FileFailurePersistence;

use super::*;
use crate::transitions::expected_moves;

// ---------------------------------------------------------------------------------------------
// 6. Properties of random histories
// ---------------------------------------------------------------------------------------------

/// Where a random move goes.
#[derive(Debug, Clone)]
enum Target {
    /// Any status, most of them forbidden.
    Any(ReleaseStatus),
    /// One of the statuses the lifecycle offers next, cancelling aside (index modulo their number).
    Next(usize),
}

/// What a random action records.
#[derive(Debug, Clone)]
enum Rec {
    Kind(EventKind),
    /// Revokes the event at this index modulo (events + 2), as an id (so ids 0 and past the end
    /// occur too).
    Revoke(usize),
    /// Closes the incident picked the same way.
    CloseIncident(usize),
}

#[derive(Debug, Clone)]
enum Action {
    Move { target: Target, override_gate: bool, reason: bool },
    Record { what: Rec, role: Option<Role>, opened_hours: i64 },
}

fn select<T: Clone + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all.to_vec())
}

fn evidence() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        3 => (select(CabDecision::ALL), any::<bool>())
            .prop_map(|(decision, emergency)| EventKind::CabDecision { decision, emergency }),
        8 => (select(TestKind::ALL), prop::bool::weighted(0.9))
            .prop_map(|(test, passed)| EventKind::TestResult { test, passed }),
        2 => prop::bool::weighted(0.85).prop_map(|a| EventKind::SignOff {
            decision: if a { SignOffDecision::Authorize } else { SignOffDecision::Refuse }
        }),
        2 => prop::bool::weighted(0.7).prop_map(|succeeded| EventKind::Deployment { succeeded }),
        1 => any::<bool>().prop_map(|succeeded| EventKind::BackOut { succeeded }),
        2 => prop::bool::weighted(0.8).prop_map(|passed| EventKind::Verification { passed }),
        1 => (select(Priority::ALL), "[A-Z]{0,3}-?[0-9]{0,3} ?", any::<bool>()).prop_map(
            |(priority, reference, caused_by_release)| EventKind::Incident {
                priority,
                reference,
                opened: created(),
                caused_by_release,
            }
        ),
        2 => any::<bool>().prop_map(|retrospective| EventKind::Review { retrospective }),
        1 => (select(S::ALL), select(S::ALL))
            .prop_map(|(from, to)| EventKind::Transition { from, to, overridden: vec![] }),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let target = prop_oneof![9 => (0usize..6).prop_map(Target::Next), 1 => select(S::ALL).prop_map(Target::Any)];
    let role = prop::option::weighted(
        0.9,
        prop_oneof![3 => Just(Role::ChangeManager), 3 => Just(Role::Sponsor), 1 => Just(Role::ReleaseOwner), 2 => select(Role::ALL)],
    );
    let what = prop_oneof![
        10 => evidence().prop_map(Rec::Kind),
        2 => (0usize..64).prop_map(Rec::Revoke),
        1 => (0usize..64).prop_map(Rec::CloseIncident),
    ];
    prop_oneof![
        1 => (target, prop::bool::weighted(0.3), prop::bool::weighted(0.8))
            .prop_map(|(target, override_gate, reason)| Action::Move { target, override_gate, reason }),
        1 => (what, role, 0i64..400)
            .prop_map(|(what, role, opened_hours)| Action::Record { what, role, opened_hours }),
    ]
}

fn arb_release() -> impl Strategy<Value = Release> {
    (
        select(ReleaseKind::ALL),
        prop::option::weighted(0.9, -5i64..90),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.95),
        prop::bool::weighted(0.95),
    )
        .prop_map(|(kind, window, manager, apps, rfcs, backout, criteria)| {
            let mut r = release(kind);
            r.window = window.map(window_in);
            if !manager {
                r.manager = None;
            }
            if !apps {
                r.applications.clear();
            }
            if !rfcs {
                r.rfcs.clear();
            }
            if !backout {
                r.backout_plan.clear();
            }
            if !criteria {
                r.acceptance_criteria.clear();
            }
            r
        })
}

/// A valid policy in which neither Verify nor Close can be overridden (so reaching Closed always
/// rests on a passed verification).
/// With the role that signs authorizations (put on the matrix's "Authorize deployment").
fn arb_policy() -> impl Strategy<Value = (Policy, Role)> {
    let chosen: Vec<TestKind> = TestKind::ALL.iter().copied().filter(|&k| k != TestKind::Backout).collect();
    (
        0u32..40,
        prop::sample::subsequence(chosen.clone(), 0..=chosen.len()),
        prop_oneof![3 => Just(Role::ChangeManager), 3 => Just(Role::Sponsor), 1 => Just(Role::ReleaseOwner)],
        any::<bool>(),
        prop::sample::subsequence(vec![Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize], 0..=4),
    )
        .prop_map(|(lead_time_days, required_tests, signer, require_review, overridable)| {
            (Policy { lead_time_days, required_tests, require_review, overridable, ..Policy::default() }, signer)
        })
}

/// How far random histories got, to check the properties are exercised deeply.
#[derive(Debug, Default, Clone)]
struct Reached {
    statuses: HashSet<ReleaseStatus>,
    overrides: usize,
    revocations: usize,
    implied: usize,
}

/// The index just after the latest move into `status`, as the gates count it.
fn after_entering(events: &[Event], status: ReleaseStatus) -> usize {
    events.iter().rposition(|e| matches!(e.what, EventKind::Transition { to, .. } if to == status)).map_or(0, |i| i + 1)
}

/// The invariants that hold after every step.
fn check_invariants(h: &H) -> Result<(), TestCaseError> {
    prop_assert_eq!(replay(&h.events), Ok(h.release.status));
    // Ids increase; the moves chain from Draft along the table.
    prop_assert!(h.events.windows(2).all(|w| w[0].id < w[1].id));
    let mut status = S::Draft;
    for e in &h.events {
        if let EventKind::Transition { from, to, .. } = &e.what {
            prop_assert_eq!(*from, status);
            prop_assert!(expected_moves().contains(&(*from, *to)), "{:?} -> {:?} is not in the table", from, to);
            status = *to;
        }
    }
    prop_assert_eq!(status, h.release.status);
    // Closed rests on a passed verification after the last deployment started.
    if h.release.status == S::Closed {
        let closing = h.events.iter().rposition(|e| matches!(e.what, EventKind::Transition { to: S::Closed, .. }));
        let closing = closing.unwrap();
        let deploying = after_entering(&h.events[..closing], S::Deploying);
        prop_assert!(deploying > 0);
        prop_assert!(
            h.events[deploying..closing].iter().any(|e| e.what == EventKind::Verification { passed: true }),
            "closed without a passed verification since the last deployment"
        );
    }
    // The assessment offers exactly the next states, and a step is allowed exactly when the move
    // is.
    let a = assess(&h.ctx());
    prop_assert_eq!(a.status, h.release.status);
    prop_assert_eq!(a.steps.iter().map(|s| s.to).collect::<Vec<_>>(), next_states(h.release.status));
    for s in &a.steps {
        prop_assert_eq!(s.allowed, plan_move(&h.ctx(), s.to, "reason", false).is_ok(), "step to {:?}", s.to);
        prop_assert!(!(s.allowed && s.overridable));
    }
    Ok(())
}

/// Applies `actions` to a fresh release, checking the invariants after every step.
fn run(release: Release, (policy, signer): (Policy, Role), actions: &[Action]) -> Result<Reached, TestCaseError> {
    let mut matrix = Matrix::default();
    matrix.sign_with(signer.as_str());
    let deciders = deciders_for(&matrix, &release);
    let mut h = H { release, events: vec![], policy, today: today(), matrix, deciders };
    let mut reached = Reached::default();
    reached.statuses.insert(S::Draft);
    check_invariants(&h)?;
    for action in actions {
        let before = (h.release.clone(), h.events.clone());
        let from = h.release.status;
        match action {
            Action::Move { target, override_gate, reason } => {
                let to = match *target {
                    Target::Any(s) => s,
                    Target::Next(i) => {
                        let next: Vec<ReleaseStatus> =
                            next_states(from).into_iter().filter(|&s| s != S::Cancelled).collect();
                        if next.is_empty() {
                            continue;
                        }
                        next[i % next.len()]
                    }
                };
                let reason = if *reason { "a reason" } else { "" };
                match plan_move(&h.ctx(), to, reason, *override_gate) {
                    Ok(what) => {
                        let EventKind::Transition { from: f, to: t, overridden } = &what else {
                            return Err(TestCaseError::fail(format!("plan_move gave {what:?}")));
                        };
                        prop_assert_eq!((*f, *t), (from, to));
                        let gate = transition(from, to).flatten();
                        if !overridden.is_empty() {
                            let gate = gate.unwrap();
                            prop_assert!(*override_gate && !reason.is_empty());
                            prop_assert!(h.policy.overridable.contains(&gate) && Gate::OVERRIDABLE.contains(&gate));
                            reached.overrides += 1;
                        } else if let Some(g) = gate {
                            prop_assert!(h.ctx().conditions(g).iter().all(|c| c.met));
                        }
                        if to == S::Cancelled {
                            prop_assert!(!reason.is_empty());
                        }
                        if to == S::Closed {
                            // The latest unrevoked verification since Deploying passed.
                            let gone = revoked(&h.events);
                            let latest = h.events[after_entering(&h.events, S::Deploying)..]
                                .iter()
                                .rev()
                                .filter(|e| !gone.contains(&e.id))
                                .find_map(|e| match e.what {
                                    EventKind::Verification { passed } => Some(passed),
                                    _ => None,
                                });
                            prop_assert_eq!(latest, Some(true));
                        }
                        h.release.status = to;
                        h.push(what, None);
                        reached.statuses.insert(to);
                    }
                    Err(refusal) => {
                        prop_assert_eq!(&h.release, &before.0);
                        prop_assert_eq!(&h.events, &before.1);
                        if transition(from, to).is_none() {
                            prop_assert_eq!(refusal, Refusal::Forbidden { from, to });
                        } else {
                            let forbidden = matches!(refusal, Refusal::Forbidden { .. });
                            prop_assert!(!forbidden, "{:?} -> {:?} is in the table", from, to);
                        }
                    }
                }
            }
            Action::Record { what, role, opened_hours } => {
                let pick = |i: usize| (i % (h.events.len() + 2)) as u64;
                let what = match what {
                    Rec::Kind(EventKind::Incident { priority, reference, caused_by_release, .. }) => {
                        EventKind::Incident {
                            priority: *priority,
                            reference: reference.clone(),
                            opened: created() + Duration::hours(*opened_hours),
                            caused_by_release: *caused_by_release,
                        }
                    }
                    Rec::Kind(k) => k.clone(),
                    Rec::Revoke(i) => EventKind::Revocation { revokes: pick(*i) },
                    Rec::CloseIncident(i) => EventKind::IncidentClosed { incident: pick(*i) },
                };
                let by = role.map_or_else(|| "nobody@example.com".into(), email_of);
                match plan_record(&h.ctx(), what.clone(), &by, h.now()) {
                    Ok(Recording { what: stored, then, .. }) => {
                        let is_move = matches!(stored, EventKind::Transition { .. });
                        prop_assert!(!is_move, "a move recorded as evidence");
                        if let Some(t) = stored.evidence_type() {
                            prop_assert!(h.ctx().accepts(t), "{:?} recorded in {:?}", t, from);
                        } else {
                            reached.revocations += 1;
                        }
                        if let EventKind::SignOff { .. } = stored {
                            prop_assert_eq!(*role, Some(signer));
                        }
                        if let EventKind::CabDecision { .. } = stored {
                            prop_assert_eq!(*role, Some(Role::ChangeManager));
                        }
                        h.push(stored, *role);
                        if let Some(to) = then {
                            // The implied move is one the lifecycle allows right now, unforced.
                            let m = plan_move(&h.ctx(), to, "", false);
                            prop_assert!(m.is_ok(), "implied move {:?} -> {:?} refused: {:?}", from, to, m);
                            h.release.status = to;
                            h.push(m.unwrap(), None);
                            reached.statuses.insert(to);
                            reached.implied += 1;
                        }
                    }
                    Err(_) => {
                        prop_assert_eq!(&h.release, &before.0);
                        prop_assert_eq!(&h.events, &before.1);
                    }
                }
            }
        }
        check_invariants(&h)?;
    }
    Ok(reached)
}

proptest! {
    // The seeds of past failures are kept beside this file (proptest's default looks for them in
    // tests/proptest-regressions/, because this directory has a main.rs).
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::with_cases(64)
    })]

    /// Any sequence of moves and records keeps the history consistent with the lifecycle.
    #[test]
    fn random_histories_follow_the_lifecycle(
        release in arb_release(),
        policy in arb_policy(),
        actions in prop::collection::vec(action(), 1..400),
    ) {
        prop_assert_eq!(policy.0.check(), vec![]);
        run(release, policy, &actions)?;
    }

    /// A stage limit is reported exactly when its status is final, repeated or out of range; an
    /// overridable gate exactly when it is a recorded decision.
    #[test]
    fn policy_checks_name_each_bad_entry(
        status in select(S::ALL),
        days in 0u32..1200,
        gates in prop::sample::subsequence(Gate::ALL.to_vec(), 0..=Gate::ALL.len()),
    ) {
        let mut p = Policy { stage_limits: vec![StageLimit { status, days }], ..Policy::default() };
        let bad = runway_domain::lifecycle::is_final(status) || !(1..=999).contains(&days);
        prop_assert_eq!(p.check().len(), usize::from(bad));
        p.stage_limits.push(StageLimit { status, days: 5 });
        let field = format!("stage_limits.{}", status.as_str());
        prop_assert!(p.check().iter().any(|e| e.field == field), "a repeated or final limit is reported");

        let p = Policy { overridable: gates.clone(), ..Policy::default() };
        let want: Vec<String> = gates
            .iter()
            .filter(|g| !Gate::OVERRIDABLE.contains(g))
            .map(|g| format!("overridable.{}", g.as_str()))
            .collect();
        prop_assert_eq!(p.check().into_iter().map(|e| e.field).collect::<Vec<_>>(), want);
    }
}

/// The random histories reach every status (so the properties above are not vacuous).
#[test]
fn random_histories_reach_every_status() {
    let mut runner = TestRunner::deterministic();
    let mut runs = 0;
    let strategy = (arb_release(), arb_policy(), prop::collection::vec(action(), 150..250));
    let mut seen: HashSet<ReleaseStatus> = HashSet::new();
    let (mut overrides, mut revocations, mut implied) = (0, 0, 0);
    for _ in 0..400 {
        let (release, policy, actions) = strategy.new_tree(&mut runner).unwrap().current();
        let reached = run(release, policy, &actions).unwrap();
        runs += 1;
        seen.extend(reached.statuses);
        overrides += reached.overrides;
        revocations += reached.revocations;
        implied += reached.implied;
        if seen.len() == S::ALL.len() && overrides > 0 && revocations > 0 && implied > 0 {
            break;
        }
    }
    let missing: Vec<_> = S::ALL.iter().filter(|s| !seen.contains(s)).collect();
    eprintln!("all statuses reached in {runs} runs");
    assert!(missing.is_empty(), "never reached: {missing:?}");
    assert!(overrides > 0 && revocations > 0 && implied > 0, "{overrides} {revocations} {implied}");
}
