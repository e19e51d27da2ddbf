//! Notifications (D8), the pure part: what happened to a release in words its stakeholders read,
//! who should hear of it, and the calendar invitation a downtime carries. The outbox (runway-core
//! and the store) keeps, reviews and sends the messages made from these; nothing here does IO or
//! reads a clock: every time is passed in.
//!
//! - [`Trigger`]: the kinds of event that make a message, each with the matrix activity whose
//!   people hear of it ([`Trigger::activity`], [`stage_activity`]).
//! - `change.rs`: [`Change`], what happened with display-ready facts (before and after, in the
//!   plan's zone), found by [`changes`] between two states of a release, or made for a decision
//!   ([`decision`]), an overdue stage ([`overdue`]) or a CAB agenda ([`cab_agenda`]).
//! - `template.rs`: [`Template`]s with `{placeholder}` fields, [`default_templates`] in the users'
//!   words, [`check`] and [`render`] (plain text; values are inserted verbatim, never expanded).
//! - `audience.rs`: [`audience`], the people to tell, each once, with the invitation's role their
//!   strongest code on the activity's row gives.
//! - `itip.rs`: [`Invite`] and [`invite_ics`], an RFC 5546 `REQUEST` or `CANCEL` with a UID that
//!   stays the same for a release's window across every message ([`invite_uid`]).
//! - `outbox.rs`: the outbox's [`Message`] and its [`MessageState`]s, what a person may do in
//!   each ([`Message::refuse`]), how a newer message on the same [`topic`] replaces a pending one
//!   ([`merge`]), and the back-off of failed sends ([`next_attempt`]).

mod audience;
mod change;
mod itip;
mod outbox;
mod template;

pub use audience::{AttendeeRole, Recipient, audience};
pub use change::{Change, Context, cab_agenda, changes, decision, overdue, overdue_from, when_range};
pub use itip::{Invite, Method, invite_ics, invite_uid};
pub use outbox::{Act, Message, MessageInvite, MessageState, Sender, due, merge, next_attempt, topic};
pub use template::{Template, check, default_template, default_templates, placeholders, render};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::matrix::{ACTIVITY_AUTHORIZE, ACTIVITY_CAB, ACTIVITY_DEPLOY};
use crate::model::{MilestoneKind, ReleaseStatus};

labelled_enum!(
    /// What makes a message.
    Trigger {
        StatusChanged => "status_changed", "Status changed";
        DateMoved => "date_moved", "Date moved";
        GateDecision => "gate_decision", "Gate decision";
        Downtime => "downtime", "Downtime scheduled";
        Overdue => "overdue", "Stage overdue";
        CabAgenda => "cab_agenda", "CAB agenda";
        Cancelled => "cancelled", "Release cancelled";
    }
);

impl Trigger {
    /// The matrix activity whose people hear of a change of this kind to a release in `stage`
    /// (its status after the change): a status change, an overdue stage or a gate decision is the
    /// stage's activity (a CAB decision leaves the release submitted, approved or rejected:
    /// `cab`; a sign-off awaiting authorization, authorized or not: `authorize`); a downtime is the
    /// deployment; a CAB agenda the CAB; a cancellation the release's planning, whose row names
    /// everyone who planned around it. A date moved is its milestone's activity, which the change
    /// carries ([`milestone_activity`]); without one, the planning.
    pub fn activity(self, stage: ReleaseStatus) -> &'static str {
        match self {
            Trigger::StatusChanged | Trigger::Overdue | Trigger::GateDecision => stage_activity(stage),
            Trigger::Downtime => ACTIVITY_DEPLOY,
            Trigger::CabAgenda => ACTIVITY_CAB,
            Trigger::Cancelled | Trigger::DateMoved => "plan",
        }
    }
}

/// The activity (its key in the matrix) a release in `status` is doing.
pub fn stage_activity(status: ReleaseStatus) -> &'static str {
    use ReleaseStatus as S;
    match status {
        S::Draft | S::Planned | S::Cancelled => "plan",
        S::SubmittedToCab | S::Approved | S::Rejected => ACTIVITY_CAB,
        S::Build => "build",
        S::Test | S::TestFailed => "test",
        S::AwaitingAuthorization | S::Authorized | S::NotAuthorized => ACTIVITY_AUTHORIZE,
        S::Deploying | S::Deployed | S::DeploymentFailed | S::BackedOut => ACTIVITY_DEPLOY,
        S::Verified => "verify",
        S::EarlyLifeSupport => "early_life_support",
        S::Closed | S::ClosedFailed | S::ClosedRejected => "review",
    }
}

/// The activity a milestone belongs to.
pub fn milestone_activity(kind: &MilestoneKind) -> &'static str {
    match kind {
        MilestoneKind::Planning => "plan",
        MilestoneKind::Build => "build",
        MilestoneKind::Test => "test",
        MilestoneKind::Cab => ACTIVITY_CAB,
        MilestoneKind::Deployment => ACTIVITY_DEPLOY,
        MilestoneKind::EarlyLifeSupport => "early_life_support",
        MilestoneKind::Closure => "review",
        // A custom phase is part of the release's planning: its people are the plan's.
        MilestoneKind::Custom(_) => "plan",
    }
}
