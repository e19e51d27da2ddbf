//! The release lifecycle (D2) and its gates (D3): which moves exist, what each gate asks for under
//! the plan's policy, what a release may record in each stage, and how a release stands.
//!
//! Everything here is pure: the release, its events, the policy and today's date are passed in,
//! and every function answers with a value (a move to record, or a refusal naming every unmet
//! condition). The core persists what these functions decide.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::evidence::{CabDecision, Event, EventKind, EvidenceType, SignOffDecision, TestKind, revoked};
use crate::model::{Release, ReleaseKind, ReleaseStatus, Role};

use ReleaseStatus as S;

labelled_enum!(
    /// A gate: the conditions a move must meet (D3).
    Gate {
        Plan => "plan", "Ready to plan";
        Submit => "submit", "Submission to CAB";
        CabApproval => "cab_approval", "CAB approval";
        CabRejection => "cab_rejection", "CAB rejection";
        TestFailure => "test_failure", "Test failure";
        TestsPassed => "tests_passed", "Testing complete";
        Authorize => "authorize", "Authorization";
        AuthorizationRefused => "authorization_refused", "Authorization refused";
        DeploymentSucceeded => "deployment_succeeded", "Deployment succeeded";
        DeploymentFailed => "deployment_failed", "Deployment failed";
        BackOut => "back_out", "Back-out";
        Verify => "verify", "Verification";
        VerificationFailed => "verification_failed", "Verification failed";
        Close => "close", "Closure";
        CloseFailed => "close_failed", "Closure after a failure";
    }
);

impl Gate {
    /// Gates whose conditions are facts a user judges (and so may be overridden where the policy
    /// allows); the others are decisions, which an override cannot stand in for.
    pub const OVERRIDABLE: &'static [Gate] =
        &[Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize, Gate::Verify, Gate::Close];
}

/// States a release can be cancelled from: every state before deployment that is not final.
pub const CANCELLABLE: &[ReleaseStatus] = &[
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
];

/// Every allowed move and the gate it passes (seed 002's activity flow), cancellations aside.
pub const TRANSITIONS: &[(ReleaseStatus, ReleaseStatus, Option<Gate>)] = &[
    (S::Draft, S::Planned, Some(Gate::Plan)),
    (S::Planned, S::SubmittedToCab, Some(Gate::Submit)),
    (S::SubmittedToCab, S::Approved, Some(Gate::CabApproval)),
    (S::SubmittedToCab, S::Rejected, Some(Gate::CabRejection)),
    (S::Rejected, S::Planned, None),
    (S::Approved, S::Build, None),
    (S::Build, S::Test, None),
    (S::Test, S::TestFailed, Some(Gate::TestFailure)),
    (S::Test, S::AwaitingAuthorization, Some(Gate::TestsPassed)),
    (S::TestFailed, S::Build, None),
    (S::AwaitingAuthorization, S::Authorized, Some(Gate::Authorize)),
    (S::AwaitingAuthorization, S::NotAuthorized, Some(Gate::AuthorizationRefused)),
    (S::NotAuthorized, S::ClosedRejected, None),
    (S::Authorized, S::Deploying, None),
    (S::Deploying, S::Deployed, Some(Gate::DeploymentSucceeded)),
    (S::Deploying, S::DeploymentFailed, Some(Gate::DeploymentFailed)),
    (S::DeploymentFailed, S::BackedOut, Some(Gate::BackOut)),
    (S::BackedOut, S::Planned, None),
    (S::BackedOut, S::ClosedFailed, Some(Gate::CloseFailed)),
    (S::Deployed, S::Verified, Some(Gate::Verify)),
    (S::Deployed, S::DeploymentFailed, Some(Gate::VerificationFailed)),
    (S::Verified, S::EarlyLifeSupport, None),
    (S::EarlyLifeSupport, S::Closed, Some(Gate::Close)),
];

/// The move from `from` to `to`, if the lifecycle has one: `Some(gate)` where `gate` is the gate
/// it passes (None for an ungated move).
pub fn transition(from: ReleaseStatus, to: ReleaseStatus) -> Option<Option<Gate>> {
    if to == S::Cancelled && CANCELLABLE.contains(&from) {
        return Some(None);
    }
    TRANSITIONS.iter().find(|(f, t, _)| *f == from && *t == to).map(|(_, _, g)| *g)
}

/// The states a release in `from` can move to, in the order the UI offers them.
pub fn next_states(from: ReleaseStatus) -> Vec<ReleaseStatus> {
    let mut out: Vec<ReleaseStatus> = TRANSITIONS.iter().filter(|(f, _, _)| *f == from).map(|(_, t, _)| *t).collect();
    if CANCELLABLE.contains(&from) {
        out.push(S::Cancelled);
    }
    out
}

/// True for the states a release never leaves.
pub fn is_final(status: ReleaseStatus) -> bool {
    next_states(status).is_empty()
}

/// The happy path, in order: the stages the lifecycle track shows.
pub const TRACK: &[ReleaseStatus] = &[
    S::Draft,
    S::Planned,
    S::SubmittedToCab,
    S::Approved,
    S::Build,
    S::Test,
    S::AwaitingAuthorization,
    S::Authorized,
    S::Deploying,
    S::Deployed,
    S::Verified,
    S::EarlyLifeSupport,
    S::Closed,
];

/// The stage of the track a status belongs to (a detour such as Test failed sits at Test).
pub fn track_position(status: ReleaseStatus) -> usize {
    let at = match status {
        S::Rejected => S::SubmittedToCab,
        S::TestFailed => S::Test,
        S::NotAuthorized | S::ClosedRejected => S::AwaitingAuthorization,
        S::DeploymentFailed | S::BackedOut | S::ClosedFailed => S::Deploying,
        S::Cancelled => S::Draft,
        s => s,
    };
    TRACK.iter().position(|s| *s == at).unwrap_or(0)
}

/// The words on the button that makes a move.
pub fn step_label(from: ReleaseStatus, to: ReleaseStatus, emergency: bool) -> &'static str {
    match to {
        S::Planned if from == S::Draft => "Mark as planned",
        S::Planned => "Re-plan",
        S::SubmittedToCab if emergency => "Submit to emergency CAB",
        S::SubmittedToCab => "Submit to CAB",
        S::Approved => "Approve",
        S::Rejected => "Reject",
        S::Build => {
            if from == S::TestFailed {
                "Rebuild"
            } else {
                "Start build"
            }
        }
        S::Test => "Start testing",
        S::TestFailed => "Mark test failed",
        S::AwaitingAuthorization => "Request authorization",
        S::Authorized => "Authorize",
        S::NotAuthorized => "Refuse authorization",
        S::ClosedRejected => "Close as rejected",
        S::Deploying => "Start deployment",
        S::Deployed => "Mark deployed",
        S::DeploymentFailed => "Mark deployment failed",
        S::BackedOut => "Mark backed out",
        S::Verified => "Mark verified",
        S::EarlyLifeSupport => "Start early life support",
        S::Closed => "Close",
        S::ClosedFailed => "Close as failed",
        S::Cancelled => "Cancel release",
        S::Draft => "Back to draft",
    }
}

mod policy;
pub use policy::{Policy, StageLimit};

/// One condition of a gate: what it asks for, whether it is met, and the fact behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Condition {
    /// Stable name (`rfc`, `lead_time`, `test:functional`, `signature`, ...).
    pub code: String,
    /// What the gate asks for.
    pub label: String,
    pub met: bool,
    /// How things stand ("none linked", "the window is 12 days away").
    pub detail: String,
}

fn cond(code: impl Into<String>, label: impl Into<String>, met: bool, detail: impl Into<String>) -> Condition {
    Condition { code: code.into(), label: label.into(), met, detail: detail.into() }
}

/// What a gate needs to look at.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub release: &'a Release,
    /// This release's events, oldest first.
    pub events: &'a [Event],
    pub policy: &'a Policy,
    /// Today in the plan's time zone.
    pub today: NaiveDate,
    /// When the release was created (its time in Draft starts there).
    pub created: DateTime<Utc>,
}

impl<'a> Context<'a> {
    fn emergency(&self) -> bool {
        self.release.kind == ReleaseKind::Emergency
    }

    /// The index just after the latest move into `status` (0 when it never moved there).
    fn since_entering(&self, status: ReleaseStatus) -> usize {
        self.events
            .iter()
            .rposition(|e| matches!(e.what, EventKind::Transition { to, .. } if to == status))
            .map_or(0, |i| i + 1)
    }

    /// Unrevoked events from index `from` on, oldest first.
    fn live_from(&self, from: usize) -> impl DoubleEndedIterator<Item = &'a Event> + 'a {
        let gone = revoked(self.events);
        self.events[from.min(self.events.len())..].iter().filter(move |e| !gone.contains(&e.id))
    }

    /// The latest result of a test kind since the last build, if any.
    fn latest_test(&self, kind: TestKind) -> Option<bool> {
        self.live_from(self.since_entering(S::Build)).rev().find_map(|e| match e.what {
            EventKind::TestResult { test, passed } if test == kind => Some(passed),
            _ => None,
        })
    }

    fn latest_cab(&self) -> Option<CabDecision> {
        self.live_from(self.since_entering(S::SubmittedToCab)).rev().find_map(|e| match e.what {
            EventKind::CabDecision { decision, .. } => Some(decision),
            _ => None,
        })
    }

    fn latest_sign_off(&self) -> Option<&'a Event> {
        self.live_from(self.since_entering(S::AwaitingAuthorization))
            .rev()
            .find(|e| matches!(e.what, EventKind::SignOff { .. }))
    }

    fn latest_deployment(&self) -> Option<bool> {
        self.live_from(self.since_entering(S::Deploying)).rev().find_map(|e| match e.what {
            EventKind::Deployment { succeeded } => Some(succeeded),
            _ => None,
        })
    }

    fn latest_verification(&self, since: ReleaseStatus) -> Option<bool> {
        self.live_from(self.since_entering(since)).rev().find_map(|e| match e.what {
            EventKind::Verification { passed } => Some(passed),
            _ => None,
        })
    }

    fn test_conditions(&self) -> Vec<Condition> {
        self.policy
            .required_tests
            .iter()
            .map(|&kind| {
                let latest = self.latest_test(kind);
                cond(
                    format!("test:{}", kind.as_str()),
                    format!("{} test passed", kind.label()),
                    latest == Some(true),
                    match latest {
                        Some(true) => "passed",
                        Some(false) => "the latest result is a failure",
                        None => "no result recorded since the build",
                    },
                )
            })
            .collect()
    }

    fn backout_condition(&self) -> Condition {
        let latest = self.latest_test(TestKind::Backout);
        cond(
            "backout_tested",
            "Backout tested",
            latest == Some(true),
            match latest {
                Some(true) => "the backout test passed",
                Some(false) => "the latest backout test failed",
                None => "no backout test recorded since the build",
            },
        )
    }

    /// The conditions of `gate` and whether each is met now.
    pub fn conditions(&self, gate: Gate) -> Vec<Condition> {
        let r = self.release;
        match gate {
            Gate::Plan => vec![
                cond(
                    "window",
                    "A deployment window is planned",
                    r.window.is_some(),
                    if r.window.is_some() { "planned" } else { "no window set" },
                ),
                cond(
                    "manager",
                    "A Release Manager is assigned",
                    r.manager.is_some(),
                    r.manager.clone().unwrap_or_else(|| "nobody assigned".into()),
                ),
                cond(
                    "applications",
                    "At least one application is named",
                    !r.applications.is_empty(),
                    if r.applications.is_empty() { "none named".into() } else { r.applications.join(", ") },
                ),
            ],
            Gate::Submit => {
                let n = r.rfcs.len();
                let mut out = vec![
                    cond(
                        "rfc",
                        "At least one RFC is linked",
                        n > 0,
                        if n == 0 { "none linked".into() } else { format!("{n} linked") },
                    ),
                    cond(
                        "backout_plan",
                        "A backout plan is written",
                        !r.backout_plan.trim().is_empty(),
                        if r.backout_plan.trim().is_empty() { "empty" } else { "written" },
                    ),
                    cond(
                        "acceptance_criteria",
                        "Acceptance criteria are written",
                        !r.acceptance_criteria.trim().is_empty(),
                        if r.acceptance_criteria.trim().is_empty() { "empty" } else { "written" },
                    ),
                ];
                let lead = self.policy.lead_time_days;
                let label = format!("The deployment window is at least {lead} days away");
                out.push(if self.emergency() {
                    cond("lead_time", label, true, "waived: emergency release (emergency CAB)")
                } else {
                    match r.window {
                        None => cond("lead_time", label, false, "no deployment window set"),
                        Some(w) => {
                            let days = (w.start.date() - self.today).num_days();
                            let detail = match days {
                                d if d < 0 => format!("the window was {} days ago", -d),
                                0 => "the window is today".into(),
                                1 => "the window is tomorrow".into(),
                                d => format!("the window is {d} days away"),
                            };
                            cond("lead_time", label, days >= i64::from(lead), detail)
                        }
                    }
                });
                out
            }
            Gate::CabApproval | Gate::CabRejection => {
                let want = if gate == Gate::CabApproval { CabDecision::Approve } else { CabDecision::Reject };
                let board = if self.emergency() { "emergency CAB" } else { "CAB" };
                let latest = self.latest_cab();
                vec![cond(
                    "cab_decision",
                    format!("The {board} decided: {}", want.label()),
                    latest == Some(want),
                    match latest {
                        None => "no decision recorded since the submission".into(),
                        Some(d) => format!("the latest decision is {}", d.label()),
                    },
                )]
            }
            Gate::TestFailure => {
                let since = self.since_entering(S::Build);
                let mut latest: Vec<(TestKind, bool)> = vec![];
                for e in self.live_from(since) {
                    if let EventKind::TestResult { test, passed } = e.what {
                        latest.retain(|(k, _)| *k != test);
                        latest.push((test, passed));
                    }
                }
                let failed: Vec<&str> = latest.iter().filter(|(_, p)| !p).map(|(k, _)| k.label()).collect();
                vec![cond(
                    "test_failed",
                    "A failed test is recorded",
                    !failed.is_empty(),
                    if failed.is_empty() { "no failing test since the build".into() } else { failed.join(", ") },
                )]
            }
            Gate::TestsPassed => {
                let mut out = self.test_conditions();
                out.push(self.backout_condition());
                out
            }
            Gate::Authorize => {
                let mut out = self.test_conditions();
                out.push(self.backout_condition());
                let role = self.policy.signature_role;
                let latest = self.latest_sign_off();
                let ok = latest.is_some_and(|e| {
                    matches!(e.what, EventKind::SignOff { decision: SignOffDecision::Authorize })
                        && e.role == Some(role)
                });
                out.push(cond(
                    "signature",
                    format!("Signed off by the signature holder ({})", role.label()),
                    ok,
                    match latest {
                        None => "no sign-off recorded".into(),
                        Some(e) if ok => format!("signed by {}", e.by),
                        Some(e) if matches!(e.what, EventKind::SignOff { decision: SignOffDecision::Refuse }) => {
                            format!("{} refused", e.by)
                        }
                        Some(e) => format!("{} signed, but does not hold the signature role", e.by),
                    },
                ));
                out
            }
            Gate::AuthorizationRefused => {
                let refused = self
                    .latest_sign_off()
                    .filter(|e| matches!(e.what, EventKind::SignOff { decision: SignOffDecision::Refuse }));
                vec![cond(
                    "signature_refused",
                    "The signature holder refused authorization",
                    refused.is_some(),
                    refused.map_or_else(|| "no refusal recorded".into(), |e| format!("refused by {}", e.by)),
                )]
            }
            Gate::DeploymentSucceeded | Gate::DeploymentFailed => {
                let want = gate == Gate::DeploymentSucceeded;
                let latest = self.latest_deployment();
                vec![cond(
                    "deployment",
                    if want {
                        "The deployment is recorded as succeeded"
                    } else {
                        "The deployment is recorded as failed"
                    },
                    latest == Some(want),
                    match latest {
                        None => "no outcome recorded",
                        Some(true) => "recorded as succeeded",
                        Some(false) => "recorded as failed",
                    },
                )]
            }
            Gate::BackOut => {
                let latest =
                    self.live_from(self.since_entering(S::DeploymentFailed)).rev().find_map(|e| match e.what {
                        EventKind::BackOut { succeeded } => Some(succeeded),
                        _ => None,
                    });
                vec![cond(
                    "back_out",
                    "The back-out succeeded",
                    latest == Some(true),
                    match latest {
                        None => "no back-out recorded",
                        Some(true) => "backed out successfully",
                        Some(false) => "the latest back-out failed",
                    },
                )]
            }
            Gate::Verify => vec![self.verification_condition(S::Deployed)],
            Gate::VerificationFailed => {
                let latest = self.latest_verification(S::Deployed);
                vec![cond(
                    "verification_failed",
                    "The post-deployment verification failed",
                    latest == Some(false),
                    match latest {
                        None => "not recorded",
                        Some(true) => "the latest verification passed",
                        Some(false) => "failed",
                    },
                )]
            }
            Gate::Close | Gate::CloseFailed => {
                let mut out =
                    if gate == Gate::Close { vec![self.verification_condition(S::Deploying)] } else { vec![] };
                if self.policy.require_review || self.emergency() {
                    let since = self.since_entering(S::Deploying);
                    let done = self.live_from(since).any(|e| matches!(e.what, EventKind::Review { .. }));
                    let label = if self.emergency() {
                        "A retrospective review is recorded (emergency release)"
                    } else {
                        "A post-implementation review is recorded"
                    };
                    out.push(cond("review", label, done, if done { "recorded" } else { "not recorded" }));
                }
                out
            }
        }
    }

    fn verification_condition(&self, since: ReleaseStatus) -> Condition {
        let latest = self.latest_verification(since);
        cond(
            "verification",
            "The post-deployment verification test passed",
            latest == Some(true),
            match latest {
                None => "not recorded",
                Some(true) => "passed",
                Some(false) => "the latest verification failed",
            },
        )
    }

    /// The stages in which an evidence type can be recorded.
    pub fn accepts(&self, what: EvidenceType) -> bool {
        let s = self.release.status;
        match what {
            EvidenceType::CabDecision => s == S::SubmittedToCab,
            EvidenceType::TestResult => {
                matches!(s, S::Build | S::Test | S::TestFailed | S::AwaitingAuthorization)
            }
            EvidenceType::SignOff => s == S::AwaitingAuthorization,
            EvidenceType::Deployment => s == S::Deploying,
            EvidenceType::BackOut => s == S::DeploymentFailed,
            EvidenceType::Verification => matches!(s, S::Deployed | S::Verified | S::EarlyLifeSupport),
            EvidenceType::Incident => matches!(
                s,
                S::Deployed
                    | S::DeploymentFailed
                    | S::BackedOut
                    | S::Verified
                    | S::EarlyLifeSupport
                    | S::Closed
                    | S::ClosedFailed
            ),
            EvidenceType::IncidentClosed => self.open_incidents().next().is_some(),
            EvidenceType::Review => {
                matches!(s, S::Verified | S::EarlyLifeSupport | S::BackedOut | S::Closed | S::ClosedFailed)
            }
        }
    }

    /// Incidents recorded against the release and not closed or revoked.
    pub fn open_incidents(&self) -> impl Iterator<Item = &'a Event> + 'a {
        let closed: HashSet<u64> = self
            .live_from(0)
            .filter_map(|e| match e.what {
                EventKind::IncidentClosed { incident } => Some(incident),
                _ => None,
            })
            .collect();
        self.live_from(0).filter(move |e| matches!(e.what, EventKind::Incident { .. }) && !closed.contains(&e.id))
    }

    /// The decision the release's current stage rests on, when it no longer holds (it was revoked,
    /// or later evidence contradicts it): that move's gate and its conditions now unmet. Moves made
    /// with an override, and the planning gates (judged when the move was made), are not re-judged.
    pub fn standing(&self) -> Option<(Gate, Vec<Condition>)> {
        let last = self.events.iter().rev().find(|e| matches!(e.what, EventKind::Transition { .. }))?;
        let EventKind::Transition { from, to, overridden } = &last.what else { return None };
        if *to != self.release.status || !overridden.is_empty() {
            return None;
        }
        let gate = transition(*from, *to).flatten()?;
        if matches!(gate, Gate::Plan | Gate::Submit) {
            return None;
        }
        let unmet: Vec<Condition> = self.conditions(gate).into_iter().filter(|c| !c.met).collect();
        (!unmet.is_empty()).then_some((gate, unmet))
    }

    /// Whether `gate` may be overridden now: the policy lists it, and no unmet condition is a
    /// decision only a person can give (the signature, an emergency's retrospective review).
    fn overridable(&self, gate: Gate, unmet: &[Condition]) -> bool {
        self.policy.overridable.contains(&gate)
            && Gate::OVERRIDABLE.contains(&gate)
            && !unmet.iter().any(|c| c.code == "signature" || (c.code == "review" && self.emergency()))
    }

    /// When the release entered its current stage.
    pub fn since(&self) -> DateTime<Utc> {
        self.events.iter().rev().find(|e| matches!(e.what, EventKind::Transition { .. })).map_or(self.created, |e| e.at)
    }
}

/// Why a move or a record was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The lifecycle has no such move.
    Forbidden { from: ReleaseStatus, to: ReleaseStatus },
    /// The gate's conditions are not all met; `unmet` lists every one.
    Blocked { to: ReleaseStatus, gate: Gate, unmet: Vec<Condition>, overridable: bool },
    /// An override was asked for a gate the policy does not let anyone override, or whose unmet
    /// conditions include a decision (the signature) that no override can stand in for.
    NoOverride { gate: Gate, unmet: Vec<Condition> },
    /// The move or override needs a reason.
    ReasonRequired(String),
    /// The evidence cannot be recorded now, or is not valid.
    Invalid(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Forbidden { from, to } => {
                let next: Vec<&str> = next_states(*from).iter().map(|s| s.label()).collect();
                write!(f, "A release in {} cannot move to {}", from.label(), to.label())?;
                if next.is_empty() {
                    write!(f, "; {} is final.", from.label())
                } else {
                    write!(f, "; from {} it can move to: {}.", from.label(), next.join(", "))
                }
            }
            Refusal::Blocked { to, gate, unmet, overridable } => {
                let list: Vec<String> = unmet.iter().map(|c| format!("{} ({})", c.label, c.detail)).collect();
                write!(f, "Cannot move to {}: {} is not met: {}.", to.label(), gate.label(), list.join("; "))?;
                if *overridable {
                    write!(f, " The policy allows an override with a reason.")?;
                }
                Ok(())
            }
            Refusal::NoOverride { gate, unmet } => {
                let decisions: Vec<&str> = unmet
                    .iter()
                    .filter(|c| c.code == "signature" || c.code == "review")
                    .map(|c| c.label.as_str())
                    .collect();
                if decisions.is_empty() {
                    write!(f, "The policy does not allow overriding {} (Settings → Release policy).", gate.label())
                } else {
                    write!(f, "{} cannot be overridden: {} must be recorded.", gate.label(), decisions.join("; "))
                }
            }
            Refusal::ReasonRequired(what) => write!(f, "{what} needs a reason."),
            Refusal::Invalid(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The unmet conditions (for a blocked move), to show one by one.
    pub fn unmet(&self) -> &[Condition] {
        match self {
            Refusal::Blocked { unmet, .. } | Refusal::NoOverride { unmet, .. } => unmet,
            _ => &[],
        }
    }
}

/// Whether a move relies on the decision the current stage rests on: the ungated moves forward
/// (Approved → Build, Authorized → Deploying, Verified → Early life support, Not authorized →
/// Closed). Gated moves judge their own evidence; going back (re-plan, rebuild) and cancelling
/// need nothing.
fn rests_on_standing(from: ReleaseStatus, to: ReleaseStatus, gate: Option<Gate>) -> bool {
    gate.is_none() && !matches!(to, S::Cancelled | S::Planned) && from != S::TestFailed
}

/// Decides a move: the transition event to record, or why not. `override_gate` asks to pass a
/// gate whose conditions are unmet, which the policy must allow and which needs a reason.
pub fn plan_move(
    ctx: &Context<'_>,
    to: ReleaseStatus,
    reason: &str,
    override_gate: bool,
) -> Result<EventKind, Refusal> {
    let from = ctx.release.status;
    let gate = transition(from, to).ok_or(Refusal::Forbidden { from, to })?;
    if to == S::Cancelled && reason.trim().is_empty() {
        return Err(Refusal::ReasonRequired("Cancelling a release".into()));
    }
    // Moving on needs the decision the release stands on (a revoked CAB approval stops the build).
    if rests_on_standing(from, to, gate)
        && let Some((gate, unmet)) = ctx.standing()
    {
        return Err(Refusal::Blocked { to, gate, unmet, overridable: false });
    }
    let mut overridden = vec![];
    if let Some(gate) = gate {
        let unmet: Vec<Condition> = ctx.conditions(gate).into_iter().filter(|c| !c.met).collect();
        let overridable = ctx.overridable(gate, &unmet);
        if !unmet.is_empty() {
            if !override_gate {
                return Err(Refusal::Blocked { to, gate, unmet, overridable });
            }
            if !overridable {
                return Err(Refusal::NoOverride { gate, unmet });
            }
            if reason.trim().is_empty() {
                return Err(Refusal::ReasonRequired(format!("Overriding {}", gate.label())));
            }
            overridden = unmet.into_iter().map(|c| format!("{} ({})", c.label, c.detail)).collect();
        }
    }
    Ok(EventKind::Transition { from, to, overridden })
}

/// The move a decision leads to when its gate is then met (a CAB approval approves, a failed
/// deployment fails the deployment, ...).
pub fn implied_move(status: ReleaseStatus, what: &EventKind) -> Option<ReleaseStatus> {
    Some(match (status, what) {
        (S::SubmittedToCab, EventKind::CabDecision { decision: CabDecision::Approve, .. }) => S::Approved,
        (S::SubmittedToCab, EventKind::CabDecision { decision: CabDecision::Reject, .. }) => S::Rejected,
        (S::Test, EventKind::TestResult { passed: false, .. }) => S::TestFailed,
        (S::AwaitingAuthorization, EventKind::SignOff { decision: SignOffDecision::Authorize }) => S::Authorized,
        (S::AwaitingAuthorization, EventKind::SignOff { decision: SignOffDecision::Refuse }) => S::NotAuthorized,
        (S::Deploying, EventKind::Deployment { succeeded: true }) => S::Deployed,
        (S::Deploying, EventKind::Deployment { succeeded: false }) => S::DeploymentFailed,
        (S::DeploymentFailed, EventKind::BackOut { succeeded: true }) => S::BackedOut,
        (S::Deployed, EventKind::Verification { passed: true }) => S::Verified,
        (S::Deployed, EventKind::Verification { passed: false }) => S::DeploymentFailed,
        _ => return None,
    })
}

/// What recording a piece of evidence does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    /// The evidence as it will be stored (normalised: the CAB's and the review's emergency flags
    /// follow the release's kind).
    pub what: EventKind,
    /// The move the decision completes, when its gate is met once it is recorded.
    pub then: Option<ReleaseStatus>,
}

/// Decides whether `what`, decided by someone acting in `role`, can be recorded on the release
/// now, and which move it completes.
pub fn plan_record(
    ctx: &Context<'_>,
    what: EventKind,
    role: Option<Role>,
    at: DateTime<Utc>,
) -> Result<Recording, Refusal> {
    if let Some(why) = crate::dates::check_utc(at) {
        return Err(Refusal::Invalid(format!("A decision cannot be recorded at that time: {why}.")));
    }
    let status = ctx.release.status;
    let what = match what {
        EventKind::CabDecision { decision, .. } => EventKind::CabDecision { decision, emergency: ctx.emergency() },
        EventKind::Review { .. } => EventKind::Review { retrospective: ctx.emergency() },
        EventKind::Incident { priority, reference, opened, caused_by_release } => {
            EventKind::Incident { priority, reference: reference.trim().to_owned(), opened, caused_by_release }
        }
        other => other,
    };
    match &what {
        EventKind::Transition { .. } => {
            return Err(Refusal::Invalid(
                "A move is made with a step of the lifecycle, not recorded as evidence.".into(),
            ));
        }
        EventKind::Revocation { revokes } => {
            let target =
                ctx.events.iter().find(|e| e.id == *revokes).ok_or_else(|| {
                    Refusal::Invalid(format!("{} has no event #{revokes} to revoke.", ctx.release.key))
                })?;
            if !target.what.revocable() {
                return Err(Refusal::Invalid(format!(
                    "#{revokes} ({}) cannot be revoked: only decisions and evidence can.",
                    target.what.summary()
                )));
            }
            if revoked(ctx.events).contains(revokes) {
                return Err(Refusal::Invalid(format!("#{revokes} is already revoked.")));
            }
            return Ok(Recording { what, then: None });
        }
        EventKind::IncidentClosed { incident } => {
            if !ctx.open_incidents().any(|e| e.id == *incident) {
                return Err(Refusal::Invalid(format!("#{incident} is not an open incident of {}.", ctx.release.key)));
            }
            return Ok(Recording { what, then: None });
        }
        EventKind::Incident { reference, opened, .. } => {
            let reference = reference.trim();
            let max = crate::input::REFERENCE_MAX_LEN;
            if reference.is_empty() || reference.chars().take(max + 1).count() > max {
                return Err(Refusal::Invalid(format!(
                    "An incident needs its reference (1 to {max} characters, e.g. INC-20417); this one has {}.",
                    reference.chars().count()
                )));
            }
            if let Some(why) = crate::dates::check_utc(*opened) {
                return Err(Refusal::Invalid(format!("The incident's opening time is out of range: {why}.")));
            }
            if *opened > at {
                return Err(Refusal::Invalid(format!(
                    "The incident cannot open in the future ({}).",
                    opened.format("%Y-%m-%d %H:%M UTC")
                )));
            }
        }
        EventKind::SignOff { .. } => {
            let needed = ctx.policy.signature_role;
            if role != Some(needed) {
                return Err(Refusal::Invalid(format!(
                    "Only the signature holder ({}) can sign off for authorization; {}.",
                    needed.label(),
                    match role {
                        Some(r) => format!("this person is a {}", r.label()),
                        None => "this person holds no role in the plan".into(),
                    }
                )));
            }
        }
        _ => {}
    }
    let kind = what.evidence_type().expect("moves and revocations are handled above");
    if !ctx.accepts(kind) {
        return Err(Refusal::Invalid(format!(
            "A {} cannot be recorded while {} is in {}.",
            kind.label().to_lowercase(),
            ctx.release.key,
            status.label()
        )));
    }
    let then = implied_move(status, &what).filter(|&to| {
        let mut events = ctx.events.to_vec();
        events.push(Event {
            id: events.last().map_or(1, |e| e.id + 1),
            release: ctx.release.key.clone(),
            at,
            by: String::new(),
            role,
            what: what.clone(),
            reason: String::new(),
            conditions: String::new(),
        });
        let after = Context { events: &events, ..*ctx };
        transition(status, to).is_some_and(|gate| gate.is_none_or(|g| after.conditions(g).iter().all(|c| c.met)))
    });
    Ok(Recording { what, then })
}

labelled_enum!(
    /// A way a release breaks the release policy (seed 003's KPIs count them).
    Breach {
        NoRfc => "no_rfc", "No RFC linked";
        NoBackout => "no_backout", "No backout plan";
        Untested => "untested", "Not adequately tested";
        Overridden => "overridden", "A gate was overridden";
    }
);

/// A move the release can make now, or could once its gate is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Step {
    pub to: ReleaseStatus,
    /// The button's words.
    pub label: String,
    pub gate: Option<Gate>,
    /// The gate's conditions, met or not.
    pub conditions: Vec<Condition>,
    pub allowed: bool,
    /// Blocked, but the policy allows an override with a reason.
    pub overridable: bool,
    /// The move needs a reason (cancelling).
    pub needs_reason: bool,
}

/// How a release stands: its stage, how long it has been there, what it can do next and what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assessment {
    pub key: String,
    pub status: ReleaseStatus,
    pub emergency: bool,
    /// When the release entered its stage, UTC.
    pub since: DateTime<Utc>,
    #[ts(type = "number")]
    pub days_in_state: i64,
    pub limit_days: Option<u32>,
    pub overdue: bool,
    /// Position on the lifecycle track ([`TRACK`]).
    pub track_position: u32,
    pub steps: Vec<Step>,
    /// The evidence that can be recorded now.
    pub can_record: Vec<EvidenceType>,
    pub breaches: Vec<Breach>,
    /// Overdue, window passed, late for CAB, open incidents: one sentence each.
    pub warnings: Vec<String>,
}

/// The stages at or after authorization, which should rest on passed tests.
const AFTER_AUTHORIZATION: &[ReleaseStatus] = &[
    S::Authorized,
    S::Deploying,
    S::Deployed,
    S::DeploymentFailed,
    S::BackedOut,
    S::Verified,
    S::EarlyLifeSupport,
    S::Closed,
    S::ClosedFailed,
];

/// Assesses a release under the policy on `ctx.today`.
pub fn assess(ctx: &Context<'_>) -> Assessment {
    let r = ctx.release;
    let status = r.status;
    let since = ctx.since();
    let days_in_state = (ctx.today - since.date_naive()).num_days().max(0);
    let limit_days = if is_final(status) { None } else { ctx.policy.limit(status) };
    let overdue = limit_days.is_some_and(|l| days_in_state > i64::from(l));
    let emergency = ctx.emergency();

    let standing = ctx.standing();
    let steps = next_states(status)
        .into_iter()
        .map(|to| {
            let gate = transition(status, to).flatten();
            let mut conditions = gate.map(|g| ctx.conditions(g)).unwrap_or_default();
            let stopped = standing.as_ref().filter(|_| rests_on_standing(status, to, gate));
            if let Some((_, unmet)) = stopped {
                conditions.splice(0..0, unmet.iter().cloned());
            }
            let allowed = conditions.iter().all(|c| c.met);
            let unmet: Vec<Condition> = conditions.iter().filter(|c| !c.met).cloned().collect();
            Step {
                to,
                label: step_label(status, to, emergency).into(),
                gate,
                overridable: !allowed && stopped.is_none() && gate.is_some_and(|g| ctx.overridable(g, &unmet)),
                needs_reason: to == S::Cancelled,
                conditions,
                allowed,
            }
        })
        .collect();
    let can_record = EvidenceType::ALL.iter().copied().filter(|&t| ctx.accepts(t)).collect();

    let active = !matches!(status, S::Draft | S::Cancelled | S::ClosedRejected);
    let mut breaches = vec![];
    if active && r.rfcs.is_empty() {
        breaches.push(Breach::NoRfc);
    }
    if active && r.backout_plan.trim().is_empty() {
        breaches.push(Breach::NoBackout);
    }
    if AFTER_AUTHORIZATION.contains(&status) {
        let tested = ctx.test_conditions().iter().all(|c| c.met) && ctx.backout_condition().met;
        if !tested {
            breaches.push(Breach::Untested);
        }
    }
    if ctx.events.iter().any(|e| matches!(&e.what, EventKind::Transition { overridden, .. } if !overridden.is_empty()))
    {
        breaches.push(Breach::Overridden);
    }

    let mut warnings = vec![];
    if let Some(limit) = limit_days.filter(|_| overdue) {
        warnings.push(format!("Overdue in stage: {} for {days_in_state} days; the limit is {limit}.", status.label()));
    }
    if let Some(w) = r.window {
        let days = (w.start.date() - ctx.today).num_days();
        let before_deploy = CANCELLABLE.contains(&status);
        if before_deploy && w.end.date() < ctx.today {
            warnings.push(format!("The planned deployment window ({}) has passed.", w.start.date()));
        } else if !emergency && matches!(status, S::Draft | S::Planned) && days < i64::from(ctx.policy.lead_time_days) {
            warnings.push(format!(
                "Too late for the {}-day CAB lead time: the window is {}.",
                ctx.policy.lead_time_days,
                match days {
                    d if d < 0 => format!("{} days ago", -d),
                    0 => "today".into(),
                    1 => "tomorrow".into(),
                    d => format!("in {d} days"),
                }
            ));
        }
    }
    // The decision a move rested on may have been revoked since (a CAB approval withdrawn after
    // the release moved to Approved): say so; the release cannot move on until it holds again.
    if let Some((gate, unmet)) = &standing {
        let unmet: Vec<&str> = unmet.iter().map(|c| c.label.as_str()).collect();
        warnings.push(format!(
            "{} no longer holds since the move to {} (evidence revoked?): {}. Record it again, or cancel the release.",
            gate.label(),
            status.label(),
            unmet.join("; ")
        ));
    }
    let open: Vec<&Event> = ctx
        .open_incidents()
        .filter(|e| matches!(e.what, EventKind::Incident { caused_by_release: true, .. }))
        .collect();
    if !open.is_empty() {
        warnings.push(format!(
            "{} incident{} caused by the release still open.",
            open.len(),
            if open.len() == 1 { " is" } else { "s are" }
        ));
    }

    Assessment {
        key: r.key.clone(),
        status,
        emergency,
        since,
        days_in_state,
        limit_days,
        overdue,
        track_position: track_position(if status == S::Cancelled {
            ctx.events
                .iter()
                .rev()
                .find_map(|e| match e.what {
                    EventKind::Transition { from, to: S::Cancelled, .. } => Some(from),
                    _ => None,
                })
                .unwrap_or(status)
        } else {
            status
        }) as u32,
        steps,
        can_record,
        breaches,
        warnings,
    }
}

/// Replays a release's moves from Draft: the status they lead to, or the first move that the
/// lifecycle does not allow (for checking imported histories).
pub fn replay(events: &[Event]) -> Result<ReleaseStatus, String> {
    let mut status = S::Draft;
    for (i, e) in events.iter().enumerate() {
        if let EventKind::Transition { from, to, .. } = e.what {
            if from != status {
                return Err(format!("event {i} moves from {} but the release is in {}", from.label(), status.label()));
            }
            if transition(from, to).is_none() {
                return Err(format!("event {i}: the lifecycle has no move from {} to {}", from.label(), to.label()));
            }
            status = to;
        }
    }
    Ok(status)
}
