//! The transition table: every move the lifecycle allows and the gate it passes, as the issue
//! writes them, and the moves it refuses.

use super::*;

// ---------------------------------------------------------------------------------------------
// 1. The transition table
// ---------------------------------------------------------------------------------------------

/// The moves the lifecycle allows, written out from the issue (not derived from the code).
pub(crate) fn expected_moves() -> BTreeSet<(ReleaseStatus, ReleaseStatus)> {
    let mut out: BTreeSet<(ReleaseStatus, ReleaseStatus)> = [
        (S::Draft, S::Planned),
        (S::Planned, S::SubmittedToCab),
        (S::SubmittedToCab, S::Approved),
        (S::SubmittedToCab, S::Rejected),
        (S::Rejected, S::Planned),
        (S::Approved, S::Build),
        (S::Build, S::Test),
        (S::Test, S::TestFailed),
        (S::Test, S::AwaitingAuthorization),
        (S::TestFailed, S::Build),
        (S::AwaitingAuthorization, S::Authorized),
        (S::AwaitingAuthorization, S::NotAuthorized),
        (S::NotAuthorized, S::ClosedRejected),
        (S::Authorized, S::Deploying),
        (S::Deploying, S::Deployed),
        (S::Deploying, S::DeploymentFailed),
        (S::DeploymentFailed, S::BackedOut),
        (S::BackedOut, S::Planned),
        (S::BackedOut, S::ClosedFailed),
        (S::Deployed, S::Verified),
        // A failed post-deployment verification is a failed deployment: it is backed out.
        (S::Deployed, S::DeploymentFailed),
        (S::Verified, S::EarlyLifeSupport),
        (S::EarlyLifeSupport, S::Closed),
    ]
    .into_iter()
    .collect();
    for from in [
        S::Draft,
        S::Planned,
        S::SubmittedToCab,
        S::Approved,
        S::Rejected,
        S::Build,
        S::Test,
        S::TestFailed,
        S::AwaitingAuthorization,
        S::Authorized,
        S::NotAuthorized,
    ] {
        out.insert((from, S::Cancelled));
    }
    out
}

/// The gate each gated move passes, as the issue names them; every other move is ungated.
fn expected_gate(from: ReleaseStatus, to: ReleaseStatus) -> Option<Gate> {
    Some(match (from, to) {
        (S::Draft, S::Planned) => Gate::Plan,
        (S::Planned, S::SubmittedToCab) => Gate::Submit,
        (S::SubmittedToCab, S::Approved) => Gate::CabApproval,
        (S::SubmittedToCab, S::Rejected) => Gate::CabRejection,
        (S::Test, S::TestFailed) => Gate::TestFailure,
        (S::Test, S::AwaitingAuthorization) => Gate::TestsPassed,
        (S::AwaitingAuthorization, S::Authorized) => Gate::Authorize,
        (S::AwaitingAuthorization, S::NotAuthorized) => Gate::AuthorizationRefused,
        (S::Authorized, S::Deploying) => Gate::Deploy,
        (S::Deploying, S::Deployed) => Gate::DeploymentSucceeded,
        (S::Deploying, S::DeploymentFailed) => Gate::DeploymentFailed,
        (S::DeploymentFailed, S::BackedOut) => Gate::BackOut,
        (S::Deployed, S::Verified) => Gate::Verify,
        (S::Deployed, S::DeploymentFailed) => Gate::VerificationFailed,
        (S::EarlyLifeSupport, S::Closed) => Gate::Close,
        (S::BackedOut, S::ClosedFailed) => Gate::CloseFailed,
        _ => return None,
    })
}

#[test]
fn the_transition_table_is_exactly_the_issues() {
    let expected = expected_moves();
    assert_eq!(expected.len(), 23 + 11);
    for &from in S::ALL {
        for &to in S::ALL {
            let got = transition(from, to);
            if expected.contains(&(from, to)) {
                assert_eq!(got, Some(expected_gate(from, to)), "{from:?} -> {to:?}");
            } else {
                assert_eq!(got, None, "{from:?} -> {to:?} should not exist");
            }
        }
    }
}

#[test]
fn next_states_and_finality_follow_the_table() {
    let expected = expected_moves();
    for &from in S::ALL {
        let next: BTreeSet<ReleaseStatus> = next_states(from).into_iter().collect();
        let want: BTreeSet<ReleaseStatus> = expected.iter().filter(|(f, _)| *f == from).map(|(_, t)| *t).collect();
        assert_eq!(next, want, "{from:?}");
        assert_eq!(next_states(from).len(), next.len(), "{from:?}: no duplicate next states");
        let final_ = matches!(from, S::Closed | S::ClosedFailed | S::ClosedRejected | S::Cancelled);
        assert_eq!(runway_domain::lifecycle::is_final(from), final_, "{from:?}");
        assert_eq!(CANCELLABLE.contains(&from), expected.contains(&(from, S::Cancelled)), "{from:?}");
    }
    // Cancelling is always offered last.
    assert_eq!(next_states(S::Draft), vec![S::Planned, S::Cancelled]);
}

#[test]
fn plan_move_refuses_every_forbidden_pair() {
    let expected = expected_moves();
    for &from in S::ALL {
        let mut h = H::minor();
        h.release.status = from;
        for &to in S::ALL {
            if expected.contains(&(from, to)) {
                continue;
            }
            for override_gate in [false, true] {
                let refusal = plan_move(&h.ctx(), to, "because", override_gate).unwrap_err();
                assert_eq!(refusal, Refusal::Forbidden { from, to });
                let msg = refusal.to_string();
                assert!(msg.contains(from.label()) && msg.contains(to.label()), "{msg}");
                assert!(refusal.unmet().is_empty());
            }
        }
    }
    let msg = Refusal::Forbidden { from: S::Closed, to: S::Planned }.to_string();
    assert!(msg.contains("is final"), "{msg}");
}

#[test]
fn ungated_moves_need_nothing() {
    let expected = expected_moves();
    for (from, to) in expected {
        if expected_gate(from, to).is_some() || to == S::Cancelled {
            continue;
        }
        // A bare release in `from` with no events at all.
        let mut h = H::minor();
        h.release = Release { rfcs: vec![], backout_plan: String::new(), window: None, ..h.release };
        h.release.status = from;
        h.allows(to);
    }
    // Closing after a failure is gated: it needs the post-implementation review.
    let mut h = H::minor();
    h.release.status = S::BackedOut;
    h.blocked_on(S::ClosedFailed, "review");
}

#[test]
fn the_happy_path_replays() {
    let h = H::at(S::Closed);
    assert_eq!(replay(&h.events), Ok(S::Closed));
    let bad = vec![Event {
        id: 1,
        release: "REL-1".into(),
        at: created(),
        by: String::new(),
        role: None,
        what: EventKind::Transition { from: S::Draft, to: S::Build, overridden: vec![] },
        reason: String::new(),
        conditions: String::new(),
    }];
    assert!(replay(&bad).is_err());
    let mut from_elsewhere = bad.clone();
    from_elsewhere[0].what = EventKind::Transition { from: S::Planned, to: S::SubmittedToCab, overridden: vec![] };
    assert!(replay(&from_elsewhere).is_err());
}

/// Cancelling, closing (every way) and overriding a gate are confirmed first; other moves are not.
#[test]
fn irreversible_moves_and_overrides_need_confirming() {
    use runway_domain::lifecycle::move_confirmation;
    let ask = |to, over| move_confirmation("REL-1", to, over);
    assert!(ask(ReleaseStatus::Cancelled, false).unwrap().contains("cannot be reopened"));
    for closed in [ReleaseStatus::Closed, ReleaseStatus::ClosedFailed, ReleaseStatus::ClosedRejected] {
        let q = ask(closed, false).unwrap();
        assert!(q.starts_with("Close REL-1 as ") && q.contains(closed.label()), "{q}");
    }
    assert!(ask(ReleaseStatus::Approved, true).unwrap().starts_with("Override the gate and move REL-1 to Approved?"));
    for ordinary in [ReleaseStatus::Planned, ReleaseStatus::Approved, ReleaseStatus::Deployed, ReleaseStatus::Verified]
    {
        assert_eq!(ask(ordinary, false), None, "{ordinary:?}");
    }
}
