//! Recording decisions and evidence: revocations, the moves recorded decisions imply, the stages
//! each piece of evidence can be recorded in, incidents and out-of-range dates.

use super::*;

// ---------------------------------------------------------------------------------------------
// 4. Revocation and implied moves
// ---------------------------------------------------------------------------------------------

#[test]
fn a_revoked_cab_approval_no_longer_approves() {
    let mut h = H::at(S::SubmittedToCab);
    let id = h.rec(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false });
    h.allows(S::Approved);
    h.revoke(id);
    h.blocked_on(S::Approved, "cab_decision");
    assert!(revoked(&h.events).contains(&id));

    // Twice is refused.
    let err = h.record(EventKind::Revocation { revokes: id }).unwrap_err();
    assert!(matches!(err, Refusal::Invalid(ref m) if m.contains("already revoked")), "{err:?}");
    // A revocation, a move and an unknown event cannot be revoked.
    let revocation = h.events.last().unwrap().id;
    let transition_id = h.events.iter().find(|e| matches!(e.what, EventKind::Transition { .. })).unwrap().id;
    for target in [revocation, transition_id, 999, 0] {
        let before = h.events.clone();
        let err = h.record(EventKind::Revocation { revokes: target }).unwrap_err();
        assert!(matches!(err, Refusal::Invalid(_)), "#{target}: {err:?}");
        assert_eq!(h.events, before);
    }
    // A fresh approval approves again.
    h.rec(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false });
    h.allows(S::Approved);
}

#[test]
fn moves_cannot_be_recorded_as_evidence() {
    let h = H::at(S::Planned);
    let err = plan_record(
        &h.ctx(),
        EventKind::Transition { from: S::Planned, to: S::SubmittedToCab, overridden: vec![] },
        "release_manager@example.com",
        h.now(),
    )
    .unwrap_err();
    assert!(matches!(err, Refusal::Invalid(_)), "{err:?}");
}

#[test]
fn recorded_decisions_imply_their_moves() {
    let cab = |decision| EventKind::CabDecision { decision, emergency: false };
    let h = H::at(S::SubmittedToCab);
    for (decision, then) in [
        (CabDecision::Approve, Some(S::Approved)),
        (CabDecision::Reject, Some(S::Rejected)),
        (CabDecision::Defer, None),
    ] {
        let mut h = h.clone();
        assert_eq!(h.record(cab(decision)).unwrap().then, then, "{decision:?}");
    }

    // A failed test in Test fails the testing; in Build it does not move anything.
    let mut h = H::at(S::Build);
    assert_eq!(h.record(EventKind::TestResult { test: TestKind::Functional, passed: false }).unwrap().then, None);
    let mut h = H::at(S::Test);
    assert_eq!(h.record(EventKind::TestResult { test: TestKind::Functional, passed: true }).unwrap().then, None);
    assert_eq!(
        h.record(EventKind::TestResult { test: TestKind::Functional, passed: false }).unwrap().then,
        Some(S::TestFailed)
    );

    // Authorizing completes the authorization only when the tests and the backout have passed.
    let authorize = EventKind::SignOff { decision: SignOffDecision::Authorize };
    let refuse = EventKind::SignOff { decision: SignOffDecision::Refuse };
    let h = H::at(S::AwaitingAuthorization);
    assert_eq!(h.clone().record(authorize.clone()).unwrap().then, Some(S::Authorized));
    assert_eq!(h.clone().record(refuse.clone()).unwrap().then, Some(S::NotAuthorized));
    let mut failed = h.clone();
    failed.test(TestKind::Backout, false);
    assert_eq!(failed.record(authorize.clone()).unwrap().then, None);
    let mut failed = h.clone();
    failed.test(TestKind::OperationalReadiness, false);
    assert_eq!(failed.clone().record(authorize.clone()).unwrap().then, None);
    assert_eq!(failed.record(refuse).unwrap().then, Some(S::NotAuthorized));
    // Reached with the tests overridden: no implied authorization.
    let mut h = H::at(S::Test);
    h.policy.overridable.push(Gate::TestsPassed);
    h.test(TestKind::Functional, true);
    h.go_with(S::AwaitingAuthorization, "tested by the vendor", true);
    assert_eq!(h.record(authorize).unwrap().then, None);

    let h = H::at(S::Deploying);
    assert_eq!(h.clone().record(EventKind::Deployment { succeeded: true }).unwrap().then, Some(S::Deployed));
    assert_eq!(h.clone().record(EventKind::Deployment { succeeded: false }).unwrap().then, Some(S::DeploymentFailed));

    let mut h = H::minor();
    h.fail_deployment();
    assert_eq!(h.clone().record(EventKind::BackOut { succeeded: true }).unwrap().then, Some(S::BackedOut));
    assert_eq!(h.clone().record(EventKind::BackOut { succeeded: false }).unwrap().then, None);

    let h = H::at(S::Deployed);
    assert_eq!(h.clone().record(EventKind::Verification { passed: true }).unwrap().then, Some(S::Verified));
    assert_eq!(h.clone().record(EventKind::Verification { passed: false }).unwrap().then, Some(S::DeploymentFailed));
    let h = H::at(S::EarlyLifeSupport);
    assert_eq!(h.clone().record(EventKind::Verification { passed: true }).unwrap().then, None);
    assert_eq!(h.clone().record(EventKind::Review { retrospective: false }).unwrap().then, None);
}

#[test]
fn evidence_is_recorded_only_in_its_stages() {
    let h = H::at(S::Planned);
    for what in [
        EventKind::CabDecision { decision: CabDecision::Approve, emergency: false },
        EventKind::TestResult { test: TestKind::Functional, passed: true },
        EventKind::SignOff { decision: SignOffDecision::Authorize },
        EventKind::Deployment { succeeded: true },
        EventKind::BackOut { succeeded: true },
        EventKind::Verification { passed: true },
        EventKind::Review { retrospective: false },
        EventKind::IncidentClosed { incident: 1 },
    ] {
        let err = h.clone().record(what.clone()).unwrap_err();
        assert!(matches!(err, Refusal::Invalid(_)), "{what:?}: {err:?}");
    }
}

#[test]
fn cab_decisions_follow_the_release_kind() {
    let mut h = H::new(ReleaseKind::Emergency);
    h.reach(S::SubmittedToCab);
    let r = h.record(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false }).unwrap();
    assert_eq!(r.what, EventKind::CabDecision { decision: CabDecision::Approve, emergency: true });
    let mut h = H::at(S::SubmittedToCab);
    let r = h.record(EventKind::CabDecision { decision: CabDecision::Approve, emergency: true }).unwrap();
    assert_eq!(r.what, EventKind::CabDecision { decision: CabDecision::Approve, emergency: false });
}

#[test]
fn incidents() {
    let mut h = H::at(S::EarlyLifeSupport);
    let incident = |reference: &str, opened| EventKind::Incident {
        priority: Priority::P2,
        reference: reference.into(),
        opened,
        caused_by_release: true,
    };
    let now = h.now();
    for bad in ["", "   ", &"X".repeat(41)] {
        assert!(matches!(h.record(incident(bad, now)), Err(Refusal::Invalid(_))), "{bad:?}");
    }
    assert!(matches!(h.record(incident("INC-1", now + Duration::hours(2))), Err(Refusal::Invalid(_))));
    assert!(assess(&h.ctx()).warnings.iter().all(|w| !w.contains("incident")));
    let id = h.rec(incident("INC-20417", now - Duration::hours(1)));
    assert!(assess(&h.ctx()).warnings.iter().any(|w| w.contains("1 incident is")), "{:?}", assess(&h.ctx()).warnings);
    // Only an open incident of this release can be closed, and only once.
    assert!(matches!(h.record(EventKind::IncidentClosed { incident: id + 7 }), Err(Refusal::Invalid(_))));
    let closed = h.rec(EventKind::IncidentClosed { incident: id });
    assert!(matches!(h.record(EventKind::IncidentClosed { incident: id }), Err(Refusal::Invalid(_))));
    assert!(assess(&h.ctx()).warnings.iter().all(|w| !w.contains("incident")));
    // A closure cannot be revoked; the incident can.
    assert!(matches!(h.record(EventKind::Revocation { revokes: closed }), Err(Refusal::Invalid(_))));
    h.revoke(id);
    assert_eq!(h.ctx().open_incidents().count(), 0);
}

#[test]
fn evidence_dated_outside_the_years_1_to_9999_is_refused() {
    let h = H::at(S::EarlyLifeSupport);
    let long_ago = NaiveDate::MIN.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let incident = EventKind::Incident {
        priority: Priority::P2,
        reference: "INC-1".into(),
        opened: long_ago,
        caused_by_release: true,
    };
    let role = "release_manager@example.com";
    match plan_record(&h.ctx(), incident, role, h.now()) {
        Err(Refusal::Invalid(m)) => assert!(m.contains("1 to 9999"), "{m}"),
        other => panic!("{other:?}"),
    }
    let far = NaiveDate::MAX.and_hms_opt(0, 0, 0).unwrap().and_utc();
    match plan_record(&h.ctx(), EventKind::Review { retrospective: false }, role, far) {
        Err(Refusal::Invalid(m)) => assert!(m.contains("1 to 9999"), "{m}"),
        other => panic!("{other:?}"),
    }
}
