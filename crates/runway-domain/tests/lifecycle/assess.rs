//! The assessment of a release: time in stage and overdue, breaches, window warnings and the
//! steps it offers.

use super::*;

// ---------------------------------------------------------------------------------------------
// 5. assess()
// ---------------------------------------------------------------------------------------------

/// `h` moved into its current stage on `entered`, assessed on `day`.
fn assess_on(h: &H, entered: NaiveDate, day: NaiveDate) -> runway_domain::Assessment {
    let mut h = h.clone();
    let at = entered.and_hms_opt(10, 0, 0).unwrap().and_utc();
    if let Some(e) = h.events.iter_mut().rev().find(|e| matches!(e.what, EventKind::Transition { .. })) {
        e.at = at;
    }
    h.today = day;
    assess(&Context { created: at, ..h.ctx() })
}

#[test]
fn overdue_only_past_the_limit() {
    let h = H::at(S::Build);
    let limit = h.policy.limit(S::Build).unwrap();
    assert_eq!(limit, 30);
    let entered = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let at_limit = assess_on(&h, entered, entered + Duration::days(limit.into()));
    assert_eq!(at_limit.days_in_state, 30);
    assert_eq!(at_limit.limit_days, Some(30));
    assert!(!at_limit.overdue);
    assert!(at_limit.warnings.iter().all(|w| !w.starts_with("Overdue")), "{:?}", at_limit.warnings);
    let over = assess_on(&h, entered, entered + Duration::days(31));
    assert_eq!(over.days_in_state, 31);
    assert!(over.overdue);
    assert!(over.warnings.iter().any(|w| w.starts_with("Overdue") && w.contains("31") && w.contains("30")));
    assert_eq!(over.since, entered.and_hms_opt(10, 0, 0).unwrap().and_utc());

    // Entered "in the future" (clock skew): zero days, not negative.
    let early = assess_on(&h, entered, entered - Duration::days(3));
    assert_eq!(early.days_in_state, 0);
    assert!(!early.overdue);

    // Draft counts from creation.
    let d = H::minor();
    let a = assess_on(&d, entered, entered + Duration::days(61));
    assert_eq!(a.status, S::Draft);
    assert!(a.overdue);

    // No limit, never overdue; final states have no limit even if the policy names one.
    let mut h2 = h.clone();
    h2.policy.stage_limits.retain(|l| l.status != S::Build);
    assert!(!assess_on(&h2, entered, entered + Duration::days(900)).overdue);
    let mut closed = H::at(S::Closed);
    closed.policy.stage_limits.push(StageLimit { status: S::Closed, days: 1 });
    let a = assess_on(&closed, entered, entered + Duration::days(900));
    assert_eq!(a.limit_days, None);
    assert!(!a.overdue);
    assert!(a.steps.is_empty());
}

#[test]
fn breaches() {
    // A draft is not in breach of anything yet.
    let mut h = H::minor();
    h.release.rfcs.clear();
    h.release.backout_plan.clear();
    assert_eq!(assess(&h.ctx()).breaches, vec![]);

    let mut h = H::at(S::Planned);
    assert_eq!(assess(&h.ctx()).breaches, vec![]);
    h.release.rfcs.clear();
    assert_eq!(assess(&h.ctx()).breaches, vec![Breach::NoRfc]);
    h.release.backout_plan = "  ".into();
    assert_eq!(assess(&h.ctx()).breaches, vec![Breach::NoRfc, Breach::NoBackout]);

    // Untested: after authorization without the tests standing.
    let mut h = H::at(S::Authorized);
    assert_eq!(assess(&h.ctx()).breaches, vec![]);
    let id = h.events.iter().rev().find(|e| matches!(e.what, EventKind::TestResult { .. })).unwrap().id;
    h.revoke(id);
    assert_eq!(assess(&h.ctx()).breaches, vec![Breach::Untested]);
    // ... but not before authorization.
    let h = H::at(S::Test);
    assert_eq!(assess(&h.ctx()).breaches, vec![]);

    // Overridden tests are both an override and untested.
    let mut h = H::at(S::Test);
    h.policy.overridable.push(Gate::TestsPassed);
    h.go_with(S::AwaitingAuthorization, "vendor tested it", true);
    h.rec(EventKind::SignOff { decision: SignOffDecision::Authorize });
    h.policy.overridable.push(Gate::Authorize);
    h.go_with(S::Authorized, "the board is away", true);
    assert_eq!(assess(&h.ctx()).breaches, vec![Breach::Untested, Breach::Overridden]);

    // A cancelled or rejected-and-closed release is not in breach of the RFC and backout rules.
    for status in [S::Cancelled, S::ClosedRejected] {
        let mut h = H::minor();
        h.release.rfcs.clear();
        h.release.backout_plan.clear();
        h.release.status = status;
        assert_eq!(assess(&h.ctx()).breaches, vec![], "{status:?}");
    }
}

#[test]
fn window_warnings() {
    let warns = |h: &H, pat: &str| assess(&h.ctx()).warnings.iter().any(|w| w.contains(pat));

    let mut h = H::at(S::Planned);
    h.release.window = Some(window_in(60));
    assert_eq!(assess(&h.ctx()).warnings, Vec::<String>::new());
    h.release.window = Some(window_in(28));
    assert!(!warns(&h, "Too late"));
    h.release.window = Some(window_in(27));
    assert!(warns(&h, "Too late for the 28-day CAB lead time: the window is in 27 days."));
    h.release.window = Some(window_in(1));
    assert!(warns(&h, "the window is tomorrow"));
    h.release.window = Some(window_in(0));
    assert!(warns(&h, "the window is today"));
    assert!(!warns(&h, "has passed"));

    // The window has passed (it ended before today): that warning, not the lead time one.
    h.release.window = Some(window_in(-2));
    assert!(warns(&h, "has passed"));
    assert!(!warns(&h, "Too late"));

    // Emergencies are not late for the lead time.
    let mut e = H::new(ReleaseKind::Emergency);
    e.reach(S::Planned);
    e.release.window = Some(window_in(2));
    assert!(!warns(&e, "Too late"));

    // Past submission, the lead time is no longer a warning; a passed window still is, until
    // deployment starts.
    let mut h = H::at(S::Build);
    h.release.window = Some(window_in(3));
    assert!(!warns(&h, "Too late"));
    h.release.window = Some(window_in(-2));
    assert!(warns(&h, "has passed"));
    let mut h = H::at(S::Deploying);
    h.release.window = Some(window_in(-2));
    assert!(!warns(&h, "has passed"));
}

#[test]
fn steps_say_what_can_be_done() {
    let h = H::at(S::Planned);
    let a = assess(&h.ctx());
    assert_eq!(a.status, S::Planned);
    assert_eq!(a.track_position, 1);
    let tos: Vec<ReleaseStatus> = a.steps.iter().map(|s| s.to).collect();
    assert_eq!(tos, [S::SubmittedToCab, S::Cancelled]);
    let submit = &a.steps[0];
    assert_eq!(submit.gate, Some(Gate::Submit));
    assert!(submit.allowed && !submit.overridable && !submit.needs_reason);
    assert_eq!(submit.label, "Submit to CAB");
    assert!(submit.conditions.iter().all(|c| c.met));
    let cancel = &a.steps[1];
    assert_eq!(cancel.gate, None);
    assert!(cancel.allowed && cancel.needs_reason && !cancel.overridable);
    assert!(cancel.conditions.is_empty());

    // Blocked Submit: overridable under the default policy.
    let mut h2 = h.clone();
    h2.release.rfcs.clear();
    let submit = assess(&h2.ctx()).steps.remove(0);
    assert!(!submit.allowed && submit.overridable);
    assert_eq!(submit.conditions.iter().filter(|c| !c.met).map(|c| c.code.as_str()).collect::<Vec<_>>(), ["rfc"]);

    // Blocked Plan: not overridable under the default policy.
    let mut d = H::minor();
    d.release.window = None;
    let plan = assess(&d.ctx()).steps.remove(0);
    assert_eq!(plan.to, S::Planned);
    assert!(!plan.allowed && !plan.overridable);

    // Emergencies submit to the emergency CAB.
    let mut e = H::new(ReleaseKind::Emergency);
    e.reach(S::Planned);
    assert_eq!(assess(&e.ctx()).steps[0].label, "Submit to emergency CAB");

    // What can be recorded now.
    let a = assess(&H::at(S::SubmittedToCab).ctx());
    assert_eq!(a.can_record, [runway_domain::EvidenceType::CabDecision]);
    let a = assess(&H::at(S::Draft).ctx());
    assert!(a.can_record.is_empty());
}

#[test]
fn steps_agree_with_plan_move_along_the_happy_path() {
    let mut h = H::minor();
    loop {
        let a = assess(&h.ctx());
        let tos: Vec<ReleaseStatus> = a.steps.iter().map(|s| s.to).collect();
        assert_eq!(tos, next_states(h.release.status));
        for s in &a.steps {
            let ok = plan_move(&h.ctx(), s.to, "reason", false).is_ok();
            assert_eq!(s.allowed, ok, "{:?} -> {:?}", h.release.status, s.to);
        }
        if h.release.status == S::Closed {
            break;
        }
        h.advance();
    }
}
