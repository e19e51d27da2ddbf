//! The release lifecycle (D2) and its gates (D3): the transition table, each gate's conditions one
//! by one, overrides, revocations, the implied moves of recorded decisions, the assessment, and
//! properties of random histories.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use runway_domain::evidence::revoked;
use runway_domain::lifecycle::{
    CANCELLABLE, Context, Recording, assess, next_states, plan_move, plan_record, replay, transition,
};
use runway_domain::{
    Breach, CabDecision, Event, EventKind, Gate, Policy, Priority, Refusal, Release, ReleaseKind, ReleaseStatus,
    ReleaseUnit, Risk, Role, SignOffDecision, StageLimit, TestKind, Window,
};

use ReleaseStatus as S;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
}

fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 2, 26, 9, 0, 0).unwrap()
}

/// A four-hour window starting late in the evening `days` days after today.
fn window_in(days: i64) -> Window {
    let start = (today() + Duration::days(days)).and_hms_opt(22, 0, 0).unwrap();
    Window { start, end: start + Duration::hours(4) }
}

/// A release in Draft with everything the gates look at filled in.
fn release(kind: ReleaseKind) -> Release {
    Release {
        key: "REL-1".into(),
        title: "Payments 4.2".into(),
        kind,
        unit: ReleaseUnit::Delta,
        status: S::Draft,
        applications: vec!["PAY".into()],
        owner: Some("owner@example.com".into()),
        manager: Some("rm@example.com".into()),
        environments: vec!["Prod".into()],
        window: Some(window_in(60)),
        risk: Risk::Medium,
        acceptance_criteria: "Payments settle within a minute".into(),
        backout_plan: "Redeploy 4.1 from the last package".into(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec!["RFC-1".into()],
        cis: vec![],
        milestones: vec![],
    }
}

/// The tests a release needs before authorization under `policy`: the chosen ones and the backout.
fn all_tests(policy: &Policy) -> Vec<TestKind> {
    let mut out = policy.required_tests.clone();
    out.push(TestKind::Backout);
    out
}

fn test_code(kind: TestKind) -> String {
    if kind == TestKind::Backout { "backout_tested".into() } else { format!("test:{}", kind.as_str()) }
}

/// A release with its events, the policy and today: what the lifecycle functions look at.
#[derive(Debug, Clone)]
struct H {
    release: Release,
    events: Vec<Event>,
    policy: Policy,
    today: NaiveDate,
}

impl H {
    fn new(kind: ReleaseKind) -> H {
        H { release: release(kind), events: vec![], policy: Policy::default(), today: today() }
    }

    fn minor() -> H {
        H::new(ReleaseKind::Minor)
    }

    /// A minor release walked along the happy path to `status`.
    fn at(status: ReleaseStatus) -> H {
        let mut h = H::minor();
        h.reach(status);
        h
    }

    fn ctx(&self) -> Context<'_> {
        Context {
            release: &self.release,
            events: &self.events,
            policy: &self.policy,
            today: self.today,
            created: created(),
        }
    }

    /// When the next event is recorded: an hour after the previous one.
    fn now(&self) -> DateTime<Utc> {
        created() + Duration::hours(self.events.len() as i64 + 1)
    }

    /// Appends an event as is (no checks), returning its id.
    fn push(&mut self, what: EventKind, role: Option<Role>) -> u64 {
        let id = self.events.last().map_or(1, |e| e.id + 1);
        let at = self.now();
        self.events.push(Event {
            id,
            release: self.release.key.clone(),
            at,
            by: "someone@example.com".into(),
            role,
            what,
            reason: String::new(),
            conditions: String::new(),
        });
        id
    }

    fn try_move(&self, to: ReleaseStatus) -> Result<EventKind, Refusal> {
        plan_move(&self.ctx(), to, "", false)
    }

    fn go_with(&mut self, to: ReleaseStatus, reason: &str, override_gate: bool) -> EventKind {
        let what = plan_move(&self.ctx(), to, reason, override_gate)
            .unwrap_or_else(|r| panic!("{:?} -> {to:?} refused: {r}", self.release.status));
        self.release.status = to;
        self.push(what.clone(), None);
        what
    }

    /// Makes a move that must be allowed without an override.
    fn go(&mut self, to: ReleaseStatus) {
        let from = self.release.status;
        let what = self.go_with(to, "", false);
        assert_eq!(what, EventKind::Transition { from, to, overridden: vec![] });
    }

    /// The role a person deciding `what` would act in (the signature holder for sign-offs).
    fn role_for(&self, what: &EventKind) -> Option<Role> {
        Some(match what {
            EventKind::SignOff { .. } => self.policy.signature_role,
            EventKind::CabDecision { .. } => Role::ChangeManager,
            EventKind::TestResult { .. } => Role::TestManager,
            EventKind::Deployment { .. } | EventKind::BackOut { .. } => Role::DeploymentStaff,
            _ => Role::ReleaseManager,
        })
    }

    fn record_as(&mut self, what: EventKind, role: Option<Role>) -> Result<Recording, Refusal> {
        let r = plan_record(&self.ctx(), what, role, self.now())?;
        self.push(r.what.clone(), role);
        Ok(r)
    }

    fn record(&mut self, what: EventKind) -> Result<Recording, Refusal> {
        let role = self.role_for(&what);
        self.record_as(what, role)
    }

    /// Records `what`, which must be accepted, and returns its id.
    fn rec(&mut self, what: EventKind) -> u64 {
        let status = self.release.status;
        self.record(what.clone()).unwrap_or_else(|r| panic!("recording {what:?} in {status:?} refused: {r}"));
        self.events.last().unwrap().id
    }

    fn revoke(&mut self, id: u64) {
        self.rec(EventKind::Revocation { revokes: id });
    }

    fn test(&mut self, test: TestKind, passed: bool) -> u64 {
        self.rec(EventKind::TestResult { test, passed })
    }

    fn pass_tests_except(&mut self, skip: Option<TestKind>) {
        for kind in all_tests(&self.policy) {
            if Some(kind) != skip {
                self.test(kind, true);
            }
        }
    }

    /// One step along the happy path: the evidence the next gate asks for, then the move.
    fn advance(&mut self) {
        match self.release.status {
            S::Draft => self.go(S::Planned),
            S::Planned => self.go(S::SubmittedToCab),
            S::SubmittedToCab => {
                self.rec(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false });
                self.go(S::Approved);
            }
            S::Approved => self.go(S::Build),
            S::Build => self.go(S::Test),
            S::Test => {
                self.pass_tests_except(None);
                self.go(S::AwaitingAuthorization);
            }
            S::AwaitingAuthorization => {
                self.rec(EventKind::SignOff { decision: SignOffDecision::Authorize });
                self.go(S::Authorized);
            }
            S::Authorized => self.go(S::Deploying),
            S::Deploying => {
                self.rec(EventKind::Deployment { succeeded: true });
                self.go(S::Deployed);
            }
            S::Deployed => {
                self.rec(EventKind::Verification { passed: true });
                self.go(S::Verified);
            }
            S::Verified => self.go(S::EarlyLifeSupport),
            S::EarlyLifeSupport => {
                self.rec(EventKind::Review { retrospective: false });
                self.go(S::Closed);
            }
            other => panic!("{other:?} is not on the happy path"),
        }
    }

    fn reach(&mut self, status: ReleaseStatus) {
        for _ in 0..20 {
            if self.release.status == status {
                return;
            }
            self.advance();
        }
        panic!("{status:?} not reached");
    }

    /// A failed deployment: from before Deploying to DeploymentFailed.
    fn fail_deployment(&mut self) {
        self.reach(S::Deploying);
        self.rec(EventKind::Deployment { succeeded: false });
        self.go(S::DeploymentFailed);
    }

    /// The codes of the unmet conditions the move to `to` is blocked on; empty when it is allowed.
    fn unmet(&self, to: ReleaseStatus) -> Vec<String> {
        match self.try_move(to) {
            Ok(_) => vec![],
            Err(Refusal::Blocked { to: t, unmet, .. }) => {
                assert_eq!(t, to);
                assert!(unmet.iter().all(|c| !c.met), "a listed condition is met: {unmet:?}");
                unmet.into_iter().map(|c| c.code).collect()
            }
            Err(other) => panic!("{:?} -> {to:?}: expected Blocked or Ok, got {other:?}", self.release.status),
        }
    }

    /// Asserts the move is blocked on exactly `code`, and on nothing else.
    #[track_caller]
    fn blocked_on(&self, to: ReleaseStatus, code: &str) {
        assert_eq!(self.unmet(to), vec![code.to_string()], "{:?} -> {to:?}", self.release.status);
    }

    /// Asserts the move is allowed as is, without any override.
    #[track_caller]
    fn allows(&self, to: ReleaseStatus) {
        let from = self.release.status;
        assert_eq!(self.try_move(to), Ok(EventKind::Transition { from, to, overridden: vec![] }));
    }

    /// The gate `to` passes from the current status.
    fn gate(&self, to: ReleaseStatus) -> Gate {
        transition(self.release.status, to).flatten().expect("a gated move")
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The transition table
// ---------------------------------------------------------------------------------------------

/// The moves the lifecycle allows, written out from the issue (not derived from the code).
fn expected_moves() -> BTreeSet<(ReleaseStatus, ReleaseStatus)> {
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
fn only_the_signature_holder_signs() {
    let authorize = EventKind::SignOff { decision: SignOffDecision::Authorize };
    let mut h = H::at(S::AwaitingAuthorization);
    assert_eq!(h.policy.signature_role, Role::ChangeManager);
    for &role in Role::ALL {
        let r = plan_record(&h.ctx(), authorize.clone(), Some(role), h.now());
        if role == Role::ChangeManager {
            assert_eq!(r.map(|r| r.what), Ok(authorize.clone()));
        } else {
            let err = r.unwrap_err();
            assert!(matches!(err, Refusal::Invalid(_)), "{role:?}: {err:?}");
            assert!(err.to_string().contains(Role::ChangeManager.label()), "{err}");
        }
    }
    let err = plan_record(&h.ctx(), authorize.clone(), None, h.now()).unwrap_err();
    assert!(matches!(err, Refusal::Invalid(_)), "{err:?}");

    // A sign-off in another role (imported, or from before the policy changed) does not count.
    h.push(authorize.clone(), Some(Role::TestManager));
    h.blocked_on(S::Authorized, "signature");

    // The policy names the holder.
    h.policy.signature_role = Role::ReleaseOwner;
    assert!(plan_record(&h.ctx(), authorize.clone(), Some(Role::ChangeManager), h.now()).is_err());
    h.record_as(authorize.clone(), Some(Role::ReleaseOwner)).unwrap();
    h.allows(S::Authorized);
    // ... and a sign-off by the former holder no longer counts.
    let mut h2 = H::at(S::AwaitingAuthorization);
    h2.rec(authorize);
    h2.allows(S::Authorized);
    h2.policy.signature_role = Role::ProcessOwner;
    h2.blocked_on(S::Authorized, "signature");
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
        Some(Role::ReleaseManager),
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
    let role = Some(Role::ReleaseManager);
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

// ---------------------------------------------------------------------------------------------
// Policy checks
// ---------------------------------------------------------------------------------------------

#[test]
fn the_default_policy_is_valid() {
    assert_eq!(Policy::default().check(), vec![]);
}

#[test]
fn policy_problems_are_reported_by_field() {
    let fields = |p: &Policy| p.check().into_iter().map(|e| e.field).collect::<Vec<_>>();

    let mut p = Policy::default();
    p.stage_limits.push(StageLimit { status: S::Closed, days: 10 });
    assert_eq!(fields(&p), ["stage_limits.closed"]);

    let mut p = Policy::default();
    p.overridable.push(Gate::CabApproval);
    assert_eq!(fields(&p), ["overridable.cab_approval"]);
    for &g in Gate::ALL {
        let p = Policy { overridable: vec![g], ..Policy::default() };
        assert_eq!(p.check().is_empty(), Gate::OVERRIDABLE.contains(&g), "{g:?}");
    }

    let mut p = Policy::default();
    p.stage_limits.push(StageLimit { status: S::Build, days: 3 });
    assert_eq!(fields(&p), ["stage_limits.build"]);

    for days in [0, 1000] {
        let mut p = Policy::default();
        p.stage_limits[0].days = days;
        assert_eq!(fields(&p), ["stage_limits.draft"]);
    }

    let p = Policy { lead_time_days: 366, ..Policy::default() };
    assert_eq!(fields(&p), ["lead_time_days"]);
    let p = Policy { lead_time_days: 365, ..Policy::default() };
    assert_eq!(fields(&p), Vec::<String>::new());

    let mut p = Policy::default();
    p.required_tests.push(TestKind::Backout);
    assert_eq!(fields(&p), ["required_tests"]);

    // Every final status is refused a limit.
    for status in [S::Closed, S::ClosedFailed, S::ClosedRejected, S::Cancelled] {
        let p = Policy { stage_limits: vec![StageLimit { status, days: 5 }], ..Policy::default() };
        assert_eq!(fields(&p), [format!("stage_limits.{}", status.as_str())]);
    }
}

#[test]
fn the_policy_survives_json() {
    let p = Policy::default();
    let back: Policy = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}

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
        prop_oneof![3 => Just(Role::ChangeManager), 1 => Just(Role::ReleaseOwner), 2 => select(Role::ALL)],
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
fn arb_policy() -> impl Strategy<Value = Policy> {
    let chosen: Vec<TestKind> = TestKind::ALL.iter().copied().filter(|&k| k != TestKind::Backout).collect();
    (
        0u32..40,
        prop::sample::subsequence(chosen.clone(), 0..=chosen.len()),
        prop_oneof![3 => Just(Role::ChangeManager), 1 => Just(Role::ReleaseOwner)],
        any::<bool>(),
        prop::sample::subsequence(vec![Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize], 0..=4),
    )
        .prop_map(|(lead_time_days, required_tests, signature_role, require_review, overridable)| Policy {
            lead_time_days,
            required_tests,
            signature_role,
            require_review,
            overridable,
            ..Policy::default()
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
fn run(release: Release, policy: Policy, actions: &[Action]) -> Result<Reached, TestCaseError> {
    let mut h = H { release, events: vec![], policy, today: today() };
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
                match plan_record(&h.ctx(), what.clone(), *role, h.now()) {
                    Ok(Recording { what: stored, then }) => {
                        let is_move = matches!(stored, EventKind::Transition { .. });
                        prop_assert!(!is_move, "a move recorded as evidence");
                        if let Some(t) = stored.evidence_type() {
                            prop_assert!(h.ctx().accepts(t), "{:?} recorded in {:?}", t, from);
                        } else {
                            reached.revocations += 1;
                        }
                        if let EventKind::SignOff { .. } = stored {
                            prop_assert_eq!(*role, Some(h.policy.signature_role));
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
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence of moves and records keeps the history consistent with the lifecycle.
    #[test]
    fn random_histories_follow_the_lifecycle(
        release in arb_release(),
        policy in arb_policy(),
        actions in prop::collection::vec(action(), 1..400),
    ) {
        prop_assert_eq!(policy.check(), vec![]);
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
