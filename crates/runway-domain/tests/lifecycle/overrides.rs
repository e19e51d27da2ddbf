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
            // The start of deployment is blocked only by the calendar's conflicts (and rests on
            // the authorization): `the_start_of_deployment_waits_for_the_calendar` covers it.
            if gate == Gate::Deploy {
                continue;
            }
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
        &[Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize, Gate::Deploy, Gate::Verify, Gate::Close]
    );
}

/// A blocking conflict in the forward schedule (D6) stops authorization and the start of
/// deployment, names the conflict, and can be overridden with a reason only where the policy
/// says; a warning stops nothing.
#[test]
fn the_start_of_deployment_waits_for_the_calendar() {
    use runway_domain::calendar::{Conflict, ConflictKind, Party, PartyKind, Severity};
    let mut h = H::at(S::Authorized);
    h.allows(S::Deploying);
    let key = h.release.key.clone();
    let conflict = |severity| Conflict {
        id: "freeze".into(),
        kind: ConflictKind::Freeze,
        severity,
        parties: vec![Party { kind: PartyKind::Release, name: key.clone(), booking: None }],
        releases: vec![key.clone()],
        start: "2027-12-20T22:00:00".parse().unwrap(),
        end: "2027-12-21T02:00:00".parse().unwrap(),
        environment: None,
        ci: None,
        message: format!("{key}'s deployment falls in the freeze \"Year-end\""),
    };
    let warning = [conflict(Severity::Warning)];
    assert!(plan_move(&Context { conflicts: &warning, ..h.ctx() }, S::Deploying, "", false).is_ok());
    let blocking = [conflict(Severity::Blocking)];
    let ctx = Context { conflicts: &blocking, ..h.ctx() };
    let Err(Refusal::Blocked { unmet, overridable, .. }) = plan_move(&ctx, S::Deploying, "", false) else { panic!() };
    assert_eq!(unmet.len(), 1);
    assert_eq!(unmet[0].code, "conflicts");
    assert!(unmet[0].detail.contains("Change in a freeze") && unmet[0].detail.contains("Year-end"), "{:?}", unmet[0]);
    assert!(!overridable, "not listed in the policy");
    h.policy.overridable.push(Gate::Deploy);
    let ctx = Context { conflicts: &blocking, ..h.ctx() };
    let r = plan_move(&ctx, S::Deploying, "CAB chair accepted the risk", true);
    let Ok(EventKind::Transition { overridden, .. }) = r else { panic!("{r:?}") };
    assert_eq!(overridden.len(), 1);
}
