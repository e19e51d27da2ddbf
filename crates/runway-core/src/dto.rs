//! The shapes the front ends receive from the core, beyond the domain's own types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use chrono::NaiveDate;
use runway_domain::matrix::Holder;
use runway_domain::{Assessment, Event, EventKind, ReleaseStatus};

pub use runway_store::rows::{BomLine, Catalog, ReleaseDetail, ReleaseSummary};

/// What the UI shows about the open plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanInfo {
    /// Absolute path of the plan file.
    pub path: String,
    /// The file name, for the window title.
    pub file_name: String,
    /// The plan's own name (from its metadata).
    pub name: String,
    pub releases: u32,
    pub schema_version: u32,
    /// Hash of the newest audit event: ties a printout or an export to this state of the plan.
    pub audit_head: String,
}

/// The person whose name goes into the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Profile {
    pub name: String,
    pub email: String,
}

/// Everything the shell knows at a glance: the open plan, the profile, recent plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppState {
    pub plan: Option<PlanInfo>,
    pub profile: Profile,
    /// True until the user has confirmed their profile once.
    pub profile_is_default: bool,
    /// Most recent first, absolute paths.
    pub recent: Vec<String>,
    /// A message to show once (for example why the last plan could not be reopened).
    pub notice: Option<String>,
}

/// Evidence or a decision to record against a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceInput {
    pub what: EventKind,
    /// Who decided or reported it (a person's e-mail); empty for the profile's own name.
    pub by: Option<String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub conditions: String,
    /// When it was decided, if not now (a CAB that met yesterday); UTC. Not in the future, and
    /// not before the release entered its stage.
    #[serde(default)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A move to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoveInput {
    pub to: ReleaseStatus,
    #[serde(default)]
    pub reason: String,
    /// Pass a gate whose conditions are unmet (where the policy allows it; needs a reason).
    #[serde(default)]
    pub override_gate: bool,
}

/// Where a release stands, and its record of moves, decisions and evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseLifecycle {
    pub assessment: Assessment,
    /// Oldest first.
    pub events: Vec<Event>,
    /// Ids of the events a revocation withdrew.
    pub revoked: Vec<u64>,
    /// Who may sign off its authorization (the matrix's S, or A, of "Authorize deployment").
    pub signers: Vec<Holder>,
    /// Who signs, in words (`Eleanor Whitfield (Sponsor (SVP))`), or why nobody can.
    pub signing: String,
    /// Who may record the CAB's decision (the A of the CAB activity), besides the policy's CAB members.
    pub cab_deciders: Vec<Holder>,
}

/// What a move or a decision did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActionOutcome {
    /// One sentence for the status line ("REL-2027.03.01 moved to Approved.").
    pub message: String,
    pub lifecycle: ReleaseLifecycle,
}

/// One field an edit changed, as the user reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One line of a release's history: an edit, a move, a decision or evidence, from the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HistoryItem {
    /// The audit entry's number.
    #[ts(type = "number")]
    pub seq: i64,
    /// When it happened, UTC, RFC 3339 (for a decision: when it was decided).
    pub at: String,
    /// When it was written into the plan, UTC, RFC 3339.
    pub recorded_at: String,
    /// Who recorded it (the profile at the time).
    pub actor: String,
    /// `edit`, `move`, `decision`, `revocation`, `undo`, `redo`, `created`, `deleted`.
    pub kind: String,
    pub summary: String,
    pub changes: Vec<FieldChange>,
    /// The decision or evidence, for moves and decisions.
    pub event: Option<Event>,
    /// True when a later revocation withdrew this decision.
    pub revoked: bool,
}

/// What Ctrl+Z and Ctrl+Shift+Z would do now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UndoState {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// How many releases are in one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageCount {
    pub status: ReleaseStatus,
    pub count: u32,
    pub overdue: u32,
}

/// A release the dashboard points at, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Flagged {
    pub key: String,
    pub title: String,
    pub status: ReleaseStatus,
    pub detail: String,
}

/// A gate a release must pass soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpcomingGate {
    pub key: String,
    pub title: String,
    pub status: ReleaseStatus,
    /// "Submit to CAB", "Authorization", "Deployment window".
    pub gate: String,
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub days: i64,
}

/// The dashboard (D3): stages, overdue releases, gates ahead, policy breaches, emergencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// "2027-Q1".
    pub quarter: String,
    pub stages: Vec<StageCount>,
    pub overdue: Vec<Flagged>,
    /// Gates in the next 14 days, soonest first.
    pub upcoming: Vec<UpcomingGate>,
    pub breaches: Vec<Flagged>,
    /// Emergency releases with a window in the current quarter.
    pub emergencies: Vec<Flagged>,
    /// The forward schedule's conflicts from today on (D6), soonest first.
    pub conflicts: Vec<runway_domain::calendar::Conflict>,
}

/// A baseline as the roadmap's picker lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BaselineInfo {
    pub name: String,
    /// UTC, RFC 3339.
    pub taken_at: String,
    pub milestones: u32,
}

impl From<&runway_domain::baseline::Baseline> for BaselineInfo {
    fn from(b: &runway_domain::baseline::Baseline) -> Self {
        BaselineInfo {
            name: b.name.clone(),
            taken_at: b.taken_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            milestones: b.milestones.len() as u32,
        }
    }
}
