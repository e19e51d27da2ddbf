//! The release lifecycle (D2) and its gates (D3): which moves exist, what each gate asks for under
//! the plan's policy, what a release may record in each stage, and how a release stands.
//!
//! Everything here is pure: the release, its events, the policy and today's date are passed in,
//! and every function answers with a value (a move to record, or a refusal naming every unmet
//! condition). The core persists what these functions decide.
//!
//! This module holds the lifecycle's graph: every move ([`TRANSITIONS`]), the track the UI shows,
//! the words on each step's button, and [`replay`] for imported histories. The rest is split by
//! concept:
//! - `policy`: the plan's release [`Policy`];
//! - `gates`: each [`Gate`] and its conditions, judged in a [`Context`] (a release, its events,
//!   the policy, today);
//! - `decide`: [`plan_move`], [`plan_record`] and [`implied_move`], or a [`Refusal`];
//! - `assess`: [`assess()`], how a release stands ([`Assessment`]).

use crate::evidence::{Event, EventKind};
use crate::model::ReleaseStatus;

use ReleaseStatus as S;

mod assess;
mod decide;
mod gates;
mod policy;

pub use assess::{Assessment, Breach, Step, assess};
pub use decide::{Recording, Refusal, implied_move, plan_move, plan_record};
pub use gates::{Condition, Context, Deciders, Gate};
pub use policy::{Policy, StageLimit};

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
    (S::Authorized, S::Deploying, Some(Gate::Deploy)),
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

/// The question to put to the user before moving release `key` to `to`, when the move needs
/// confirming: a move that cannot be undone (cancelling, closing) or that overrides a gate. `None`
/// for an ordinary move. The shell asks it in a native dialog, so a script in the page cannot make
/// such a move silently.
pub fn move_confirmation(key: &str, to: ReleaseStatus, override_gate: bool) -> Option<String> {
    if to == S::Cancelled {
        Some(format!("Cancel {key}? A cancelled release cannot be reopened."))
    } else if override_gate {
        Some(format!("Override the gate and move {key} to {}? The override and its reason are recorded.", to.label()))
    } else if is_final(to) {
        Some(format!("Close {key} as {}? A closed release cannot be reopened.", to.label()))
    } else {
        None
    }
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
