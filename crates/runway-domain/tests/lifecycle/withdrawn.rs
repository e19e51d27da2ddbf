//! A decision withdrawn after the release moved on stops the moves that rest on it; the decisions
//! no override can stand in for (the signature, an emergency's retrospective).

use super::*;

// --- a decision withdrawn after the release moved on -------------------------------------------

fn last_decision(h: &H, pick: fn(&EventKind) -> bool) -> u64 {
    h.events.iter().rev().find(|e| pick(&e.what)).map(|e| e.id).expect("a decision")
}

#[test]
fn a_revoked_cab_approval_stops_the_build() {
    let mut h = H::at(S::Approved);
    h.allows(S::Build);
    let approval = last_decision(&h, |w| matches!(w, EventKind::CabDecision { .. }));
    h.revoke(approval);
    h.blocked_on(S::Build, "cab_decision");
    let Err(Refusal::Blocked { overridable, .. }) = h.try_move(S::Build) else { panic!() };
    assert!(!overridable, "no override stands in for the CAB");
    // Cancelling is still possible, and the page says why the release is stuck.
    assert!(plan_move(&h.ctx(), S::Cancelled, "the CAB withdrew its approval", false).is_ok());
    let a = assess(&h.ctx());
    assert!(a.warnings.iter().any(|w| w.contains("CAB approval no longer holds")), "{:?}", a.warnings);
    let build = a.steps.iter().find(|s| s.to == S::Build).unwrap();
    assert!(!build.allowed && !build.overridable);
}

#[test]
fn a_revoked_sign_off_stops_the_deployment() {
    let mut h = H::at(S::Authorized);
    h.allows(S::Deploying);
    let sign_off = last_decision(&h, |w| matches!(w, EventKind::SignOff { .. }));
    h.revoke(sign_off);
    h.blocked_on(S::Deploying, "signature");
}

#[test]
fn a_rework_move_does_not_need_the_decision_behind_the_stage() {
    // Test failed, then the failure was revoked: rebuilding is still allowed.
    let mut h = H::at(S::Test);
    let failure = h.test(TestKind::Functional, false);
    h.go(S::TestFailed);
    h.revoke(failure);
    h.allows(S::Build);
}

#[test]
fn the_signature_cannot_be_overridden_even_when_the_policy_lists_authorization() {
    let mut h = H::at(S::AwaitingAuthorization);
    h.policy.overridable.push(Gate::Authorize);
    let Err(Refusal::Blocked { overridable, .. }) = h.try_move(S::Authorized) else { panic!() };
    assert!(!overridable);
    let r = plan_move(&h.ctx(), S::Authorized, "the SVP is on holiday", true);
    assert!(matches!(r, Err(Refusal::NoOverride { gate: Gate::Authorize, .. })), "{r:?}");
    assert!(r.unwrap_err().to_string().contains("must be recorded"));
}

#[test]
fn an_emergency_retrospective_cannot_be_overridden() {
    let mut h = H::new(ReleaseKind::Emergency);
    h.reach(S::EarlyLifeSupport);
    h.policy.overridable.push(Gate::Close);
    let r = plan_move(&h.ctx(), S::Closed, "no time", true);
    assert!(matches!(r, Err(Refusal::NoOverride { gate: Gate::Close, .. })), "{r:?}");
    h.rec(EventKind::Review { retrospective: true });
    h.allows(S::Closed);
}

#[test]
fn a_failed_verification_fails_the_deployment() {
    let mut h = H::at(S::Deployed);
    let r = h.record(EventKind::Verification { passed: false }).unwrap();
    assert_eq!(r.then, Some(S::DeploymentFailed));
    h.go(S::DeploymentFailed);
    h.rec(EventKind::BackOut { succeeded: true });
    h.allows(S::BackedOut);
}
