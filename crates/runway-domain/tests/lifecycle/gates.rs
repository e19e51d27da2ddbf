//! Each gate's conditions, one at a time: planning, submission, the CAB, tests, authorization,
//! deployment, back-out, verification, closure and cancelling.

use super::*;

// ---------------------------------------------------------------------------------------------
// 2. Gates, one condition at a time
// ---------------------------------------------------------------------------------------------

/// Takes one piece out of a release.
type Remove = fn(&mut Release);

#[test]
fn plan_gate() {
    let h = H::minor();
    assert_eq!(h.gate(S::Planned), Gate::Plan);
    h.allows(S::Planned);
    let cases: [(&str, Remove); 3] = [
        ("window", |r| r.window = None),
        ("manager", |r| r.manager = None),
        ("applications", |r| r.applications.clear()),
    ];
    for (code, remove) in cases {
        let mut h = H::minor();
        remove(&mut h.release);
        h.blocked_on(S::Planned, code);
    }
    // Everything missing: every condition is listed.
    let mut h = H::minor();
    h.release.window = None;
    h.release.manager = None;
    h.release.applications.clear();
    assert_eq!(h.unmet(S::Planned), ["window", "manager", "applications"]);
}

#[test]
fn submit_gate() {
    let h = H::at(S::Planned);
    assert_eq!(h.gate(S::SubmittedToCab), Gate::Submit);
    h.allows(S::SubmittedToCab);
    let cases: [(&str, Remove); 5] = [
        ("rfc", |r| r.rfcs.clear()),
        ("backout_plan", |r| r.backout_plan.clear()),
        ("backout_plan", |r| r.backout_plan = " \n\t ".into()),
        ("acceptance_criteria", |r| r.acceptance_criteria = "   ".into()),
        ("lead_time", |r| r.window = None),
    ];
    for (code, remove) in cases {
        let mut h = H::at(S::Planned);
        remove(&mut h.release);
        h.blocked_on(S::SubmittedToCab, code);
    }
}

#[test]
fn submit_gate_lead_time_boundary() {
    let mut h = H::at(S::Planned);
    assert_eq!(h.policy.lead_time_days, 28);
    for (days, ok) in [(-3, false), (0, false), (1, false), (27, false), (28, true), (29, true), (200, true)] {
        h.release.window = Some(window_in(days));
        if ok {
            h.allows(S::SubmittedToCab);
        } else {
            h.blocked_on(S::SubmittedToCab, "lead_time");
        }
    }
    // The day counts, not the hour: a window at 00:00 28 days on is in time.
    let start = (today() + Duration::days(28)).and_hms_opt(0, 0, 0).unwrap();
    h.release.window = Some(Window { start, end: start + Duration::hours(1) });
    h.allows(S::SubmittedToCab);
    // The policy's lead time is the one that counts.
    h.policy.lead_time_days = 0;
    h.release.window = Some(window_in(0));
    h.allows(S::SubmittedToCab);
    h.release.window = Some(window_in(-1));
    h.blocked_on(S::SubmittedToCab, "lead_time");
    h.policy.lead_time_days = 5;
    h.release.window = Some(window_in(4));
    h.blocked_on(S::SubmittedToCab, "lead_time");
    h.release.window = Some(window_in(5));
    h.allows(S::SubmittedToCab);
}

#[test]
fn emergencies_waive_the_lead_time() {
    let mut h = H::new(ReleaseKind::Emergency);
    h.reach(S::Planned);
    for days in [-2, 0, 1, 27] {
        h.release.window = Some(window_in(days));
        h.allows(S::SubmittedToCab);
    }
    h.release.window = None;
    h.allows(S::SubmittedToCab);
    let lead = h.ctx().conditions(Gate::Submit).into_iter().find(|c| c.code == "lead_time").unwrap();
    assert!(lead.met && lead.detail.contains("emergency"), "{lead:?}");
    // The other Submit conditions still hold for emergencies.
    h.release.rfcs.clear();
    h.blocked_on(S::SubmittedToCab, "rfc");
}

#[test]
fn cab_gates() {
    let approve = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let reject = EventKind::CabDecision { decision: CabDecision::Reject, emergency: false };
    let defer = EventKind::CabDecision { decision: CabDecision::Defer, emergency: false };

    let h = H::at(S::SubmittedToCab);
    assert_eq!(h.gate(S::Approved), Gate::CabApproval);
    assert_eq!(h.gate(S::Rejected), Gate::CabRejection);
    h.blocked_on(S::Approved, "cab_decision");
    h.blocked_on(S::Rejected, "cab_decision");

    // A deferral is neither.
    let mut h = H::at(S::SubmittedToCab);
    h.rec(defer.clone());
    h.blocked_on(S::Approved, "cab_decision");
    h.blocked_on(S::Rejected, "cab_decision");

    let mut h = H::at(S::SubmittedToCab);
    h.rec(approve.clone());
    h.allows(S::Approved);
    h.blocked_on(S::Rejected, "cab_decision");
    // The latest decision counts: a later deferral undoes the approval.
    h.rec(defer.clone());
    h.blocked_on(S::Approved, "cab_decision");
    h.rec(approve.clone());
    h.allows(S::Approved);

    let mut h = H::at(S::SubmittedToCab);
    h.rec(reject.clone());
    h.allows(S::Rejected);
    h.blocked_on(S::Approved, "cab_decision");
    h.rec(approve.clone());
    h.allows(S::Approved);
    h.blocked_on(S::Rejected, "cab_decision");
}

#[test]
fn cab_decisions_before_a_re_plan_do_not_count() {
    // Rejected, re-planned and submitted again: the old rejection is gone.
    let mut h = H::at(S::SubmittedToCab);
    h.rec(EventKind::CabDecision { decision: CabDecision::Reject, emergency: false });
    h.go(S::Rejected);
    h.go(S::Planned);
    h.go(S::SubmittedToCab);
    h.blocked_on(S::Rejected, "cab_decision");
    h.blocked_on(S::Approved, "cab_decision");

    // Approved, deployed, failed, backed out, re-planned and submitted again: the old approval is
    // gone.
    let mut h = H::minor();
    h.fail_deployment();
    h.rec(EventKind::BackOut { succeeded: true });
    h.go(S::BackedOut);
    h.go(S::Planned);
    h.go(S::SubmittedToCab);
    h.blocked_on(S::Approved, "cab_decision");
    h.rec(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false });
    h.allows(S::Approved);
}

#[test]
fn tests_passed_gate_asks_for_each_required_test_and_the_backout() {
    let mut h = H::at(S::Test);
    assert_eq!(h.gate(S::AwaitingAuthorization), Gate::TestsPassed);
    let want: Vec<String> = all_tests(&h.policy).into_iter().map(test_code).collect();
    assert_eq!(want.len(), 7);
    assert_eq!(h.unmet(S::AwaitingAuthorization), want);
    h.pass_tests_except(None);
    h.allows(S::AwaitingAuthorization);

    for skip in all_tests(&Policy::default()) {
        let mut h = H::at(S::Test);
        h.pass_tests_except(Some(skip));
        h.blocked_on(S::AwaitingAuthorization, &test_code(skip));
        // A failed result does not count either.
        h.test(skip, false);
        h.blocked_on(S::AwaitingAuthorization, &test_code(skip));
        h.test(skip, true);
        h.allows(S::AwaitingAuthorization);
    }
}

#[test]
fn tests_passed_gate_takes_the_latest_result() {
    let mut h = H::at(S::Test);
    h.pass_tests_except(None);
    h.test(TestKind::Functional, false);
    h.blocked_on(S::AwaitingAuthorization, "test:functional");
    h.test(TestKind::Functional, true);
    h.allows(S::AwaitingAuthorization);
    h.test(TestKind::Backout, false);
    h.blocked_on(S::AwaitingAuthorization, "backout_tested");
}

#[test]
fn tests_recorded_in_build_count_and_results_before_the_last_build_do_not() {
    let mut h = H::at(S::Build);
    h.pass_tests_except(None);
    h.go(S::Test);
    h.allows(S::AwaitingAuthorization);

    // A failure sends it back to build: everything must be tested again.
    h.test(TestKind::Performance, false);
    h.go(S::TestFailed);
    h.test(TestKind::Performance, true); // recorded while failed, before the rebuild
    h.go(S::Build);
    h.go(S::Test);
    let want: Vec<String> = all_tests(&h.policy).into_iter().map(test_code).collect();
    assert_eq!(h.unmet(S::AwaitingAuthorization), want);
    h.blocked_on(S::TestFailed, "test_failed");
    for skip in all_tests(&h.policy) {
        let mut h = h.clone();
        h.pass_tests_except(Some(skip));
        h.blocked_on(S::AwaitingAuthorization, &test_code(skip));
    }
}

#[test]
fn tests_passed_gate_follows_the_policy() {
    let mut h = H::at(S::Test);
    h.policy.required_tests = vec![TestKind::Functional];
    assert_eq!(h.unmet(S::AwaitingAuthorization), ["test:functional", "backout_tested"]);
    h.test(TestKind::Functional, true);
    h.blocked_on(S::AwaitingAuthorization, "backout_tested");
    h.test(TestKind::Backout, true);
    h.allows(S::AwaitingAuthorization);

    // No chosen tests: the backout test is still needed.
    let mut h = H::at(S::Test);
    h.policy.required_tests.clear();
    h.blocked_on(S::AwaitingAuthorization, "backout_tested");
}

#[test]
fn a_revoked_test_result_does_not_count() {
    let mut h = H::at(S::Test);
    h.pass_tests_except(None);
    let id = h
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.what, EventKind::TestResult { test: TestKind::Integration, .. }))
        .unwrap()
        .id;
    h.revoke(id);
    h.blocked_on(S::AwaitingAuthorization, "test:integration");
}

#[test]
fn test_failure_gate() {
    let mut h = H::at(S::Test);
    assert_eq!(h.gate(S::TestFailed), Gate::TestFailure);
    h.blocked_on(S::TestFailed, "test_failed");
    h.pass_tests_except(None);
    h.blocked_on(S::TestFailed, "test_failed");
    h.test(TestKind::UserAcceptance, false);
    h.allows(S::TestFailed);
    // Passing it again clears the failure.
    h.test(TestKind::UserAcceptance, true);
    h.blocked_on(S::TestFailed, "test_failed");
    // A revoked failure does not count.
    let id = h.test(TestKind::Installation, false);
    h.allows(S::TestFailed);
    h.revoke(id);
    h.blocked_on(S::TestFailed, "test_failed");
    // A failure of the backout test counts as a failure.
    h.test(TestKind::Backout, false);
    h.allows(S::TestFailed);
}

#[test]
fn authorize_gate() {
    let mut h = H::at(S::AwaitingAuthorization);
    assert_eq!(h.gate(S::Authorized), Gate::Authorize);
    assert_eq!(h.gate(S::NotAuthorized), Gate::AuthorizationRefused);
    h.blocked_on(S::Authorized, "signature");
    h.blocked_on(S::NotAuthorized, "signature_refused");
    h.rec(EventKind::SignOff { decision: SignOffDecision::Authorize });
    h.allows(S::Authorized);
    h.blocked_on(S::NotAuthorized, "signature_refused");

    // Each test is still needed at authorization: a later failure or a revocation blocks it.
    for kind in all_tests(&Policy::default()) {
        let mut h = h.clone();
        h.test(kind, false);
        h.blocked_on(S::Authorized, &test_code(kind));
        let mut h2 = H::at(S::AwaitingAuthorization);
        let id = h2
            .events
            .iter()
            .rev()
            .find(|e| matches!(e.what, EventKind::TestResult { test, .. } if test == kind))
            .unwrap()
            .id;
        h2.revoke(id);
        h2.rec(EventKind::SignOff { decision: SignOffDecision::Authorize });
        h2.blocked_on(S::Authorized, &test_code(kind));
    }

    // A refusal: the latest sign-off counts.
    let mut h = H::at(S::AwaitingAuthorization);
    h.rec(EventKind::SignOff { decision: SignOffDecision::Refuse });
    h.blocked_on(S::Authorized, "signature");
    h.allows(S::NotAuthorized);
    h.rec(EventKind::SignOff { decision: SignOffDecision::Authorize });
    h.allows(S::Authorized);
    h.blocked_on(S::NotAuthorized, "signature_refused");
    let id = h.events.last().unwrap().id;
    h.revoke(id);
    h.blocked_on(S::Authorized, "signature");
    h.allows(S::NotAuthorized);
}

#[test]
fn only_the_matrix_signer_signs() {
    let authorize = EventKind::SignOff { decision: SignOffDecision::Authorize };
    let mut h = H::at(S::AwaitingAuthorization);
    // The template: the sponsor holds the S of "Authorize deployment".
    for &role in Role::ALL {
        let r = plan_record(&h.ctx(), authorize.clone(), &email_of(role), h.now());
        if role == Role::Sponsor {
            let r = r.unwrap();
            assert_eq!(r.what, authorize);
            assert_eq!(r.role.as_deref(), Some("sponsor"));
        } else {
            let err = r.unwrap_err();
            assert!(matches!(err, Refusal::Invalid(_)), "{role:?}: {err:?}");
            // The refusal names who may sign.
            assert!(err.to_string().contains("Sponsor (SVP)"), "{err}");
            assert!(err.to_string().contains("Only"), "{err}");
        }
    }
    let err = plan_record(&h.ctx(), authorize.clone(), "stranger@example.com", h.now()).unwrap_err();
    assert!(err.to_string().contains("not stranger@example.com"), "{err}");

    // Without an S on the row, its A signs.
    h.matrix.set("authorize", "sponsor", None).unwrap();
    h.refresh();
    assert!(plan_record(&h.ctx(), authorize.clone(), &email_of(Role::Sponsor), h.now()).is_err());
    let r = plan_record(&h.ctx(), authorize.clone(), &email_of(Role::ChangeManager), h.now()).unwrap();
    assert_eq!(r.role.as_deref(), Some("change_manager"));

    // A broken row decides nothing: two roles accountable.
    h.matrix.set("authorize", "release_owner", Some(runway_domain::matrix::Code::Accountable)).unwrap();
    h.refresh();
    let err = plan_record(&h.ctx(), authorize.clone(), &email_of(Role::ChangeManager), h.now()).unwrap_err();
    assert!(err.to_string().contains("two roles are accountable"), "{err}");
    h.blocked_on(S::Authorized, "signature");

    // A signature stands once recorded, whatever the matrix says later.
    let mut h2 = H::at(S::AwaitingAuthorization);
    h2.rec(authorize);
    h2.allows(S::Authorized);
    h2.matrix.set("authorize", "process_owner", Some(runway_domain::matrix::Code::Signature)).unwrap();
    h2.refresh();
    h2.allows(S::Authorized);
}

#[test]
fn only_the_cab_records_its_decision() {
    let approve = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let mut h = H::at(S::SubmittedToCab);
    let err = plan_record(&h.ctx(), approve.clone(), &email_of(Role::ReleaseManager), h.now()).unwrap_err();
    assert!(err.to_string().contains("Change Manager / CAB"), "{err}");
    // A CAB member the policy names may record it too.
    h.policy.cab_members = vec![email_of(Role::ReleaseManager)];
    let r = plan_record(&h.ctx(), approve.clone(), &email_of(Role::ReleaseManager), h.now()).unwrap();
    assert_eq!(r.role, None);
    let r = plan_record(&h.ctx(), approve, &email_of(Role::ChangeManager), h.now()).unwrap();
    assert_eq!(r.role.as_deref(), Some("change_manager"));
}

#[test]
fn deployment_gates() {
    let h = H::at(S::Deploying);
    assert_eq!(h.gate(S::Deployed), Gate::DeploymentSucceeded);
    assert_eq!(h.gate(S::DeploymentFailed), Gate::DeploymentFailed);
    h.blocked_on(S::Deployed, "deployment");
    h.blocked_on(S::DeploymentFailed, "deployment");

    let mut h = H::at(S::Deploying);
    h.rec(EventKind::Deployment { succeeded: true });
    h.allows(S::Deployed);
    h.blocked_on(S::DeploymentFailed, "deployment");
    h.rec(EventKind::Deployment { succeeded: false });
    h.allows(S::DeploymentFailed);
    h.blocked_on(S::Deployed, "deployment");
    let id = h.events.last().unwrap().id;
    h.revoke(id);
    h.allows(S::Deployed);
}

#[test]
fn back_out_gate() {
    let mut h = H::minor();
    h.fail_deployment();
    assert_eq!(h.gate(S::BackedOut), Gate::BackOut);
    h.blocked_on(S::BackedOut, "back_out");
    // A failed back-out leaves the release in Deployment failed; a later successful one backs out.
    let mut h2 = h.clone();
    h2.rec(EventKind::BackOut { succeeded: false });
    h2.blocked_on(S::BackedOut, "back_out");
    h2.rec(EventKind::BackOut { succeeded: true });
    h2.allows(S::BackedOut);
    let mut h = h.clone();
    h.rec(EventKind::BackOut { succeeded: true });
    h.allows(S::BackedOut);
    h.go(S::BackedOut);
    h.allows(S::Planned);
    h.blocked_on(S::ClosedFailed, "review");
    h.rec(EventKind::Review { retrospective: false });
    h.allows(S::ClosedFailed);
}

#[test]
fn verify_gate() {
    let mut h = H::at(S::Deployed);
    assert_eq!(h.gate(S::Verified), Gate::Verify);
    h.blocked_on(S::Verified, "verification");
    h.rec(EventKind::Verification { passed: false });
    h.blocked_on(S::Verified, "verification");
    let id = h.rec(EventKind::Verification { passed: true });
    h.allows(S::Verified);
    h.revoke(id);
    h.blocked_on(S::Verified, "verification");
}

#[test]
fn close_gate() {
    let mut h = H::at(S::EarlyLifeSupport);
    assert_eq!(h.gate(S::Closed), Gate::Close);
    h.blocked_on(S::Closed, "review");
    let review = h.rec(EventKind::Review { retrospective: false });
    h.allows(S::Closed);

    // The verification passed in Deployed counts; revoking it or a later failure blocks.
    let verification =
        h.events.iter().find(|e| e.what == EventKind::Verification { passed: true }).map(|e| e.id).unwrap();
    let mut h2 = h.clone();
    h2.revoke(verification);
    h2.blocked_on(S::Closed, "verification");
    let mut h2 = h.clone();
    h2.rec(EventKind::Verification { passed: false });
    h2.blocked_on(S::Closed, "verification");
    h2.rec(EventKind::Verification { passed: true });
    h2.allows(S::Closed);

    // A revoked review does not count.
    h.revoke(review);
    h.blocked_on(S::Closed, "review");

    // Without a required review, the verification suffices.
    h.policy.require_review = false;
    h.allows(S::Closed);
    assert_eq!(h.ctx().conditions(Gate::Close).len(), 1);
}

#[test]
fn emergencies_need_a_retrospective_review_even_without_the_policy() {
    let mut h = H::new(ReleaseKind::Emergency);
    h.policy.require_review = false;
    h.reach(S::EarlyLifeSupport);
    h.blocked_on(S::Closed, "review");
    let review = h.ctx().conditions(Gate::Close).into_iter().find(|c| c.code == "review").unwrap();
    assert!(review.label.contains("retrospective"), "{review:?}");
    let r = h.record(EventKind::Review { retrospective: false }).unwrap();
    assert_eq!(r.what, EventKind::Review { retrospective: true }, "the review follows the release's kind");
    h.allows(S::Closed);
}

#[test]
fn a_review_before_a_redeployment_does_not_count() {
    let mut h = H::minor();
    h.fail_deployment();
    h.rec(EventKind::BackOut { succeeded: true });
    h.go(S::BackedOut);
    h.rec(EventKind::Review { retrospective: false });
    h.go(S::Planned);
    h.reach(S::EarlyLifeSupport);
    // `reach` records a review only on the way out of ELS: this one is the old one.
    h.blocked_on(S::Closed, "review");
}

#[test]
fn cancelling_needs_a_reason() {
    for &from in CANCELLABLE {
        let mut h = H::minor();
        h.release.status = from;
        for reason in ["", "   "] {
            for override_gate in [false, true] {
                let err = plan_move(&h.ctx(), S::Cancelled, reason, override_gate).unwrap_err();
                assert!(matches!(err, Refusal::ReasonRequired(_)), "{from:?}: {err:?}");
            }
        }
        assert_eq!(
            plan_move(&h.ctx(), S::Cancelled, "budget withdrawn", false),
            Ok(EventKind::Transition { from, to: S::Cancelled, overridden: vec![] })
        );
    }
}
