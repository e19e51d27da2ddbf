//! The shapes the tables read out for display: a release list row, a release with its links
//! resolved, the reference catalogue. The front ends receive them as they are (runway-core's dto
//! re-exports them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use runway_domain::{
    Application, Ci, Environment, Person, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Rfc, Risk, Window,
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
