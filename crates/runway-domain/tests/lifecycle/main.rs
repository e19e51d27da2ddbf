//! The release lifecycle (D2) and its gates (D3): the transition table, each gate's conditions one
//! by one, overrides, revocations, the implied moves of recorded decisions, the assessment, and
//! properties of random histories.
//!
//! This file holds the fixtures (a release with everything the gates look at, and `H`, a release
//! with its events, the policy and today); each module tests one concept.

use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use runway_domain::evidence::revoked;
use runway_domain::lifecycle::{
    CANCELLABLE, Context, Deciders, Recording, assess, next_states, plan_move, plan_record, replay, transition,
};
use runway_domain::matrix::{Assignment, Holders, Matrix};
use runway_domain::{
    Breach, CabDecision, Event, EventKind, Gate, Person, Policy, Priority, Refusal, Release, ReleaseKind,
    ReleaseStatus, ReleaseUnit, Risk, Role, SignOffDecision, StageLimit, TestKind, Window,
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

/// Who holds each seed role in the fixtures: `<role>@example.com`, for the whole portfolio.
fn email_of(role: Role) -> String {
    format!("{}@example.com", role.as_str())
}

/// Who decides for `release` under `matrix` when each seed role is held by [`email_of`] it.
fn deciders_for(matrix: &Matrix, release: &Release) -> Deciders {
    let people: Vec<Person> = Role::ALL.iter().map(|r| Person::new(email_of(*r), r.label(), "")).collect();
    let assignments: Vec<Assignment> =
        Role::ALL.iter().map(|r| Assignment { role: r.as_str().into(), person: email_of(*r), release: None }).collect();
    Deciders::of(&Holders::new(matrix, &people, &assignments), release)
}

/// A release with its events, the policy and today: what the lifecycle functions look at.
#[derive(Debug, Clone)]
struct H {
    release: Release,
    events: Vec<Event>,
    policy: Policy,
    today: NaiveDate,
    /// The matrix (the seed's template unless a test changes it, then calls `refresh`).
    matrix: Matrix,
    deciders: Deciders,
}

impl H {
    fn new(kind: ReleaseKind) -> H {
        let release = release(kind);
        let matrix = Matrix::default();
        let deciders = deciders_for(&matrix, &release);
        H { release, events: vec![], policy: Policy::default(), today: today(), matrix, deciders }
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
            zone: Default::default(),
            conflicts: &[],
            deciders: &self.deciders,
        }
    }

    /// Recomputes who decides after the matrix changed.
    fn refresh(&mut self) {
        self.deciders = deciders_for(&self.matrix, &self.release);
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
            by: role.map_or_else(|| "someone@example.com".into(), email_of),
            role: role.map(|r| r.as_str().to_owned()),
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
            EventKind::SignOff { .. } => Role::Sponsor,
            EventKind::CabDecision { .. } => Role::ChangeManager,
            EventKind::TestResult { .. } => Role::TestManager,
            EventKind::Deployment { .. } | EventKind::BackOut { .. } => Role::DeploymentStaff,
            _ => Role::ReleaseManager,
        })
    }

    fn record_as(&mut self, what: EventKind, role: Option<Role>) -> Result<Recording, Refusal> {
        let by = role.map_or_else(|| "nobody@example.com".into(), email_of);
        let r = plan_record(&self.ctx(), what, &by, self.now())?;
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

mod assess;
mod gates;
mod overrides;
mod policy;
mod properties;
mod recording;
mod transitions;
mod withdrawn;
