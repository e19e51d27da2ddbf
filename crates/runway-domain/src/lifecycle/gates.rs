//! The gates (D3) and their conditions: a [`Gate`] names what a move must meet, and a [`Context`]
//! (a release, its events, the policy, today) judges each condition on the release's unrevoked
//! evidence, says what can be recorded in the current stage, and whether the decision the stage
//! rests on still holds.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Policy, transition};
use crate::calendar::{Conflict, PlanZone, Severity};
use crate::evidence::{CabDecision, Event, EventKind, EvidenceType, SignOffDecision, TestKind, revoked};
use crate::matrix::Signers;
use crate::model::{Release, ReleaseKind, ReleaseStatus};

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
        Deploy => "deploy", "Start of deployment";
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
        &[Gate::Plan, Gate::Submit, Gate::TestsPassed, Gate::Authorize, Gate::Deploy, Gate::Verify, Gate::Close];
}

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

/// Who may record a release's decisions, from the matrix (D7): the sign-off that authorizes a
/// deployment comes from the holder of the S (or, without one, the A) of "Authorize deployment";
/// a CAB decision from the A of the CAB activity (or a CAB member the policy names). An `Err`
/// says why nobody can (the row is broken, nobody holds the role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deciders {
    pub sign_off: Result<Signers, String>,
    pub cab: Result<Signers, String>,
}

impl Deciders {
    /// Nobody: for a context that records nothing (reports, the assessment of an imported plan).
    pub fn unknown() -> Self {
        let why = "who decides is not known here".to_owned();
        Deciders { sign_off: Err(why.clone()), cab: Err(why) }
    }

    /// Who decides for `release`, from the matrix.
    pub fn of(holders: &crate::matrix::Holders<'_>, release: &Release) -> Self {
        Deciders {
            sign_off: holders.signers(Some(release), crate::matrix::ACTIVITY_AUTHORIZE),
            cab: holders.signers(Some(release), crate::matrix::ACTIVITY_CAB),
        }
    }

    /// `Eleanor Whitfield (Sponsor (SVP))`, or why nobody can sign.
    pub fn signer_text(&self) -> String {
        match &self.sign_off {
            Ok(s) => s.describe(),
            Err(why) => why.clone(),
        }
    }
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
    /// The plan's time zone: the day of an event is its day there.
    pub zone: PlanZone,
    /// The calendar's conflicts that involve this release (D6); the blocking ones stop
    /// authorization and the start of deployment.
    pub conflicts: &'a [Conflict],
    /// Who may sign and decide for this release (D7).
    pub deciders: &'a Deciders,
}

impl<'a> Context<'a> {
    pub(super) fn emergency(&self) -> bool {
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

    pub(super) fn test_conditions(&self) -> Vec<Condition> {
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

    pub(super) fn backout_condition(&self) -> Condition {
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
                // Who may sign is checked when the sign-off is recorded (`plan_record`); a
                // signature stands even if the matrix changes afterwards.
                let latest = self.latest_sign_off();
                let ok = latest
                    .is_some_and(|e| matches!(e.what, EventKind::SignOff { decision: SignOffDecision::Authorize }));
                let label = match &self.deciders.sign_off {
                    Ok(s) => format!("Signed off by {}", s.describe()),
                    Err(_) => "Signed off by the signature holder".to_owned(),
                };
                out.push(cond(
                    "signature",
                    label,
                    ok,
                    match latest {
                        None => match &self.deciders.sign_off {
                            Ok(_) => "no sign-off recorded".into(),
                            Err(why) => format!("no sign-off recorded; {why}"),
                        },
                        Some(e) if ok => format!("signed by {}", e.by),
                        Some(e) => format!("{} refused", e.by),
                    },
                ));
                out.push(self.conflict_condition());
                out
            }
            Gate::Deploy => vec![self.conflict_condition()],
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

    /// No blocking conflict in the forward schedule (D6): each one is named.
    fn conflict_condition(&self) -> Condition {
        let blocking: Vec<&Conflict> = self
            .conflicts
            .iter()
            .filter(|c| c.severity == Severity::Blocking && c.involves(&self.release.key))
            .collect();
        cond(
            "conflicts",
            "No blocking conflict in the forward schedule",
            blocking.is_empty(),
            if blocking.is_empty() {
                "none".into()
            } else {
                blocking.iter().map(|c| format!("{}: {}", c.kind.label(), c.message)).collect::<Vec<_>>().join("; ")
            },
        )
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
        // The calendar's conflicts are judged afresh at each gate, not part of what the stage
        // was decided on.
        let unmet: Vec<Condition> =
            self.conditions(gate).into_iter().filter(|c| !c.met && c.code != "conflicts").collect();
        (!unmet.is_empty()).then_some((gate, unmet))
    }

    /// Whether `gate` may be overridden now: the policy lists it, and no unmet condition is a
    /// decision only a person can give (the signature, an emergency's retrospective review).
    pub(super) fn overridable(&self, gate: Gate, unmet: &[Condition]) -> bool {
        self.policy.overridable.contains(&gate)
            && Gate::OVERRIDABLE.contains(&gate)
            && !unmet.iter().any(|c| c.code == "signature" || (c.code == "review" && self.emergency()))
    }

    /// When the release entered its current stage.
    pub fn since(&self) -> DateTime<Utc> {
        self.events.iter().rev().find(|e| matches!(e.what, EventKind::Transition { .. })).map_or(self.created, |e| e.at)
    }
}
