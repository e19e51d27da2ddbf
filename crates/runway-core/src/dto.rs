//! The shapes the front ends receive from the core, beyond the domain's own types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use runway_domain::{
    Application, Ci, Environment, FieldError, Person, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Rfc, Risk,
    Window,
};

/// One row of the release list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseSummary {
    pub key: String,
    pub title: String,
    pub kind: ReleaseKind,
    pub unit: ReleaseUnit,
    pub status: ReleaseStatus,
    /// Application codes.
    pub applications: Vec<String>,
    /// The Release Owner's name.
    pub owner: Option<String>,
    /// The Release Manager's name.
    pub manager: Option<String>,
    pub window: Option<Window>,
    pub risk: Risk,
    pub rfc_count: u32,
    pub ci_count: u32,
    /// When the release was last changed, UTC, RFC 3339.
    pub updated_at: String,
}

/// A CI on a release's bill of materials, with what the catalogue knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BomLine {
    pub ci: String,
    pub kind: String,
    pub version: String,
}

/// A release in full, with its links resolved for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseDetail {
    pub release: Release,
    pub linked_rfcs: Vec<Rfc>,
    pub bill_of_materials: Vec<BomLine>,
    pub created_at: String,
    pub updated_at: String,
}

/// The reference data a release form chooses from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Catalog {
    pub applications: Vec<Application>,
    pub environments: Vec<Environment>,
    pub people: Vec<Person>,
    pub rfcs: Vec<Rfc>,
    pub cis: Vec<Ci>,
}

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

/// What kind of failure an error is; the UI matches on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; `fields` says which.
    Validation,
    NotFound,
    /// The name or key is taken.
    Conflict,
    /// The file is not a Runway plan (garbage, or another SQLite database).
    NotAPlan,
    /// The file was written by a newer Runway.
    NewerSchema,
    /// No plan is open.
    NoPlan,
    /// The user closed a dialog without choosing.
    Cancelled,
    /// A file could not be read or written.
    Io,
    /// The plan file failed an integrity check.
    Corrupt,
    /// A bug: the message says what happened.
    Internal,
}

/// An error as it crosses to the UI: `{ code, message, fields }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub message: String,
    /// For validation errors: the message for each field in error.
    pub fields: Vec<FieldError>,
}
