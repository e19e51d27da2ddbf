//! Overrides: which gates the policy lets a user pass with a reason, and which no override can
//! stand in for.

use super::*;

// ---------------------------------------------------------------------------------------------
// 3. Overrides
// ---------------------------------------------------------------------------------------------

#[test]
fn an_overridable_gate_can_be_overridden_with_a_reason() {
    let mut h = H::at(S::Planned);
    assert!(h.policy.overridable.contains(&Gate::Submit));
    h.release.rfcs.clear();
    h.release.window = Some(window_in(3));
    let Err(Refusal::Blocked { gate, unmet, overridable, .. }) = h.try_move(S::SubmittedToCab) else {
        panic!("expected Blocked")
    };
    assert_eq!(gate, Gate::Submit);
    assert!(overridable);
    let msg = h.try_move(S::SubmittedToCab).unwrap_err().to_string();
    assert!(msg.contains("override"), "{msg}");

    for reason in ["", "  "] {
        let err = plan_move(&h.ctx(), S::SubmittedToCab, reason, true).unwrap_err();
        assert!(matches!(err, Refusal::ReasonRequired(ref w) if w.contains(Gate::Submit.label())), "{err:?}");
    }

    let what = h.go_with(S::SubmittedToCab, "the regulator's deadline", true);
    let EventKind::Transition { from, to, overridden } = what else { panic!() };
    assert_eq!((from, to), (S::Planned, S::SubmittedToCab));
    assert_eq!(overridden.len(), unmet.len());
    assert_eq!(overridden.len(), 2);
    for (o, c) in overridden.iter().zip(&unmet) {
        assert!(o.contains(&c.label) && o.contains(&c.detail), "{o} / {c:?}");
    }
    assert!(overridden[0].contains("RFC"));
    assert!(overridden[1].contains("days away"));
    assert!(assess(&h.ctx()).breaches.contains(&Breach::Overridden));
}

#[test]
fn an_override_of_a_met_gate_overrides_nothing() {
    let h = H::at(S::Planned);
    assert_eq!(
        plan_move(&h.ctx(), S::SubmittedToCab, "", true),
        Ok(EventKind::Transition { from: S::Planned, to: S::SubmittedToCab, overridden: vec![] })
    );
}

#[test]
fn a_gate_the_policy_does_not_list_cannot_be_overridden() {
    // Plan is overridable in principle, but not by the default policy.
    let mut h = H::minor();
    h.release.manager = None;
    let Err(Refusal::Blocked { overridable, .. }) = h.try_move(S::Planned) else { panic!() };
    assert!(!overridable);
    assert!(matches!(
        plan_move(&h.ctx(), S::Planned, "trust me", true),
        Err(Refusal::NoOverride { gate: Gate::Plan, .. })
    ));
    assert!(matches!(plan_move(&h.ctx(), S::Planned, "", true), Err(Refusal::NoOverride { gate: Gate::Plan, .. })));
    h.policy.overridable.push(Gate::Plan);
    let Ok(EventKind::Transition { overridden, .. }) = plan_move(&h.ctx(), S::Planned, "trust me", true) else {
        panic!()
    };
    assert_eq!(overridden.len(), 1);

    // Decisions cannot be overridden even when a (bad) policy lists them.
    let mut h = H::at(S::SubmittedToCab);
    h.policy.overridable = Gate::ALL.to_vec();
    let Err(Refusal::Blocked { overridable, .. }) = h.try_move(S::Approved) else { panic!() };
    assert!(!overridable);
    assert!(matches!(
        plan_move(&h.ctx(), S::Approved, "the chair said yes", true),
        Err(Refusal::NoOverride { gate: Gate::CabApproval, .. })
    ));
}

#[test]
fn each_gate_is_overridable_exactly_when_listed_and_judgeable() {
    // A release in each gated move's `from` with nothing recorded and nothing filled in: every
    // gate is blocked.
    for &from in S::ALL {
        for &to in S::ALL {
            let Some(Some(gate)) = transition(from, to) else { continue };
            let mut h = H::minor();
            h.release = Release {
                rfcs: vec![],
                backout_plan: String::new(),
                window: None,
                manager: None,
                applications: vec![],
                acceptance_criteria: String::new(),
                ..h.release
            };
            h.release.status = from;
            h.policy.overridable = vec![gate];
            // The signature is a decision: with it missing, Authorization cannot be overridden.
            let judgeable = Gate::OVERRIDABLE.contains(&gate) && gate != Gate::Authorize;
            let Err(Refusal::Blocked { overridable, .. }) = h.try_move(to) else { panic!("{from:?} -> {to:?}") };
            assert_eq!(overridable, judgeable, "{gate:?}");
            let r = plan_move(&h.ctx(), to, "reason", true);
            if judgeable {
                assert!(
                    matches!(r, Ok(EventKind::Transition { ref overridden, .. }) if !overridden.is_empty()),
                    "{r:?}"
                );
            } else {
                assert!(matches!(r, Err(Refusal::NoOverride { gate: g, .. }) if g == gate), "{r:?}");
            }
            h.policy.overridable.clear();
            let r = plan_move(&h.ctx(), to, "reason", true);
            assert!(matches!(r, Err(Refusal::NoOverride { gate: g, .. }) if g == gate), "{r:?}");
        }
    }
    assert_eq!(
        Gate::OVERRIDABLE,
        &[Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize, Gate::Verify, Gate::Close]
    );
}
