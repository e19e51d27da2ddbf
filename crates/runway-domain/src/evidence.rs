//! Evidence and decisions (D2, D10): what happened to a release, who decided it, in which role,
//! when, why and with what conditions. Events are only ever appended; a mistaken decision is
//! answered by a revocation, never deleted.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ReleaseStatus;

labelled_enum!(
    /// What the CAB (or the emergency CAB) decided about a submitted release.
    CabDecision {
        Approve => "approve", "Approve";
        Reject => "reject", "Reject";
        Defer => "defer", "Defer";
    }
);

labelled_enum!(
    /// The Test Manager's kinds of test (seed 003).
    TestKind {
        Installation => "installation", "Installation procedure";
        Functional => "functional", "Functional";
        Performance => "performance", "Performance";
        Integration => "integration", "Integration";
        UserAcceptance => "user_acceptance", "User acceptance";
        OperationalReadiness => "operational_readiness", "Operational readiness";
        Backout => "backout", "Backout";
    }
);

labelled_enum!(
    /// The signature holder's decision on a tested release.
    SignOffDecision {
        Authorize => "authorize", "Authorize";
        Refuse => "refuse", "Refuse";
    }
);

labelled_enum!(
    /// Incident priority, as the service desk sets it.
    Priority {
        P1 => "p1", "P1 (critical)";
        P2 => "p2", "P2 (high)";
        P3 => "p3", "P3 (medium)";
        P4 => "p4", "P4 (low)";
    }
);

labelled_enum!(
    /// The kinds of decision and evidence a user can record (everything but moves and revocations).
    EvidenceType {
        CabDecision => "cab_decision", "CAB decision";
        TestResult => "test_result", "Test result";
        SignOff => "sign_off", "Sign-off for authorization";
        Deployment => "deployment", "Deployment outcome";
        BackOut => "back_out", "Back-out";
        Verification => "verification", "Post-deployment verification";
        Incident => "incident", "Incident";
        IncidentClosed => "incident_closed", "Incident closed";
        Review => "review", "Post-implementation review";
    }
);

/// What an event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum EventKind {
    /// The release moved from one stage to another. `overridden` lists the gate conditions that
    /// were unmet and overridden (the policy allowed it; the reason says why).
    Transition {
        from: ReleaseStatus,
        to: ReleaseStatus,
        #[serde(default)]
        overridden: Vec<String>,
    },
    /// A CAB decision; `emergency` when the emergency CAB took it.
    CabDecision { decision: CabDecision, emergency: bool },
    /// A test result.
    TestResult { test: TestKind, passed: bool },
    /// The signature for authorization.
    SignOff { decision: SignOffDecision },
    /// How the deployment went.
    Deployment { succeeded: bool },
    /// The back-out after a failed deployment, and whether it worked.
    BackOut { succeeded: bool },
    /// The post-deployment verification test (the release tests repeated in production).
    Verification { passed: bool },
    /// An incident in early life support.
    Incident {
        priority: Priority,
        /// The service desk's reference (INC-…).
        reference: String,
        opened: DateTime<Utc>,
        caused_by_release: bool,
    },
    /// The incident with the given event id was closed (at the event's time).
    IncidentClosed { incident: u64 },
    /// The post-implementation review; for an emergency release, the retrospective review.
    Review { retrospective: bool },
    /// Withdraws the decision or evidence with the given event id; it no longer counts.
    Revocation { revokes: u64 },
}

impl EventKind {
    /// Decisions and evidence can be revoked; moves, revocations and closures cannot.
    pub fn revocable(&self) -> bool {
        !matches!(self, EventKind::Transition { .. } | EventKind::Revocation { .. } | EventKind::IncidentClosed { .. })
    }

    /// The kind of evidence this is; None for moves and revocations.
    pub fn evidence_type(&self) -> Option<EvidenceType> {
        Some(match self {
            EventKind::CabDecision { .. } => EvidenceType::CabDecision,
            EventKind::TestResult { .. } => EvidenceType::TestResult,
            EventKind::SignOff { .. } => EvidenceType::SignOff,
            EventKind::Deployment { .. } => EvidenceType::Deployment,
            EventKind::BackOut { .. } => EvidenceType::BackOut,
            EventKind::Verification { .. } => EvidenceType::Verification,
            EventKind::Incident { .. } => EvidenceType::Incident,
            EventKind::IncidentClosed { .. } => EvidenceType::IncidentClosed,
            EventKind::Review { .. } => EvidenceType::Review,
            EventKind::Transition { .. } | EventKind::Revocation { .. } => return None,
        })
    }

    /// One line for lists and the audit: "CAB decision: Approve", "Functional test passed".
    pub fn summary(&self) -> String {
        match self {
            EventKind::Transition { from, to, overridden } => {
                let base = format!("{} → {}", from.label(), to.label());
                if overridden.is_empty() { base } else { format!("{base} (overriding: {})", overridden.join("; ")) }
            }
            EventKind::CabDecision { decision, emergency } => {
                format!("{} decision: {}", if *emergency { "Emergency CAB" } else { "CAB" }, decision.label())
            }
            EventKind::TestResult { test, passed } => {
                format!("{} test {}", test.label(), if *passed { "passed" } else { "failed" })
            }
            EventKind::SignOff { decision } => format!("Sign-off for authorization: {}", decision.label()),
            EventKind::Deployment { succeeded } => {
                format!("Deployment {}", if *succeeded { "succeeded" } else { "failed" })
            }
            EventKind::BackOut { succeeded } => format!("Back-out {}", if *succeeded { "succeeded" } else { "failed" }),
            EventKind::Verification { passed } => {
                format!("Post-deployment verification {}", if *passed { "passed" } else { "failed" })
            }
            EventKind::Incident { priority, reference, caused_by_release, .. } => format!(
                "Incident {reference} ({}){}",
                priority.label(),
                if *caused_by_release { ", caused by the release" } else { ", not caused by the release" }
            ),
            EventKind::IncidentClosed { incident } => format!("Incident #{incident} closed"),
            EventKind::Review { retrospective } => {
                if *retrospective {
                    "Retrospective review recorded".into()
                } else {
                    "Post-implementation review recorded".into()
                }
            }
            EventKind::Revocation { revokes } => format!("Revoked #{revokes}"),
        }
    }
}

/// One entry in a release's record of decisions and evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Unique in the plan, increasing in the order events were recorded.
    pub id: u64,
    /// The release's key.
    pub release: String,
    /// When it was recorded, UTC.
    pub at: DateTime<Utc>,
    /// Who decided or reported it: a person's e-mail, or the profile of whoever recorded it.
    pub by: String,
    /// The role they acted in (its key in the matrix), when they are a person of the plan.
    #[serde(default)]
    pub role: Option<String>,
    pub what: EventKind,
    #[serde(default)]
    pub reason: String,
    /// Conditions attached to a decision ("approved on condition that …").
    #[serde(default)]
    pub conditions: String,
}

/// The ids of events that a later revocation withdrew.
pub fn revoked(events: &[Event]) -> std::collections::HashSet<u64> {
    events
        .iter()
        .filter_map(|e| match e.what {
            EventKind::Revocation { revokes } => Some(revokes),
            _ => None,
        })
        .collect()
}
