//! The release record (D1) and the reference data it links to.
//!
//! These types are both the interchange format (JSON, D11) and the shapes the UI receives, so they
//! carry `ts-rs` derives; the TypeScript bindings are generated from them and checked for drift.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Defines a closed set of values with a stable wire name and a human label.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as stored in the plan file and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire,)+ }
            }

            /// The words a user sees.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

labelled_enum!(
    /// Major, minor, patch or emergency (seed 003's release types).
    ReleaseKind {
        Major => "major", "Major";
        Minor => "minor", "Minor";
        Patch => "patch", "Patch";
        Emergency => "emergency", "Emergency";
    }
);

labelled_enum!(
    /// How the release is packaged: full, delta or package release unit.
    ReleaseUnit {
        Full => "full", "Full";
        Delta => "delta", "Delta";
        Package => "package", "Package";
    }
);

labelled_enum!(
    /// The risk the release carries to the production environment.
    Risk {
        Low => "low", "Low";
        Medium => "medium", "Medium";
        High => "high", "High";
        Critical => "critical", "Critical";
    }
);

labelled_enum!(
    /// Where the release stands in its lifecycle (D2, seed 002's activity flow).
    ReleaseStatus {
        Draft => "draft", "Draft";
        Planned => "planned", "Planned";
        SubmittedToCab => "submitted_to_cab", "Submitted to CAB";
        Approved => "approved", "Approved";
        Rejected => "rejected", "Rejected";
        Build => "build", "Build";
        Test => "test", "Test";
        TestFailed => "test_failed", "Test failed";
        AwaitingAuthorization => "awaiting_authorization", "Awaiting authorization";
        Authorized => "authorized", "Authorized";
        NotAuthorized => "not_authorized", "Not authorized";
        Deploying => "deploying", "Deploying";
        Deployed => "deployed", "Deployed";
        DeploymentFailed => "deployment_failed", "Deployment failed";
        BackedOut => "backed_out", "Backed out";
        Verified => "verified", "Verified";
        EarlyLifeSupport => "early_life_support", "Early life support";
        Closed => "closed", "Closed (successful)";
        ClosedFailed => "closed_failed", "Closed (failed)";
        ClosedRejected => "closed_rejected", "Closed (rejected)";
        Cancelled => "cancelled", "Cancelled";
    }
);

labelled_enum!(
    /// The process roles of seed 003 (SARCI): the default matrix's roles (`matrix::template`),
    /// by their keys. A plan's roles are data (the matrix's `roles`); these name the seed's.
    Role {
        Sponsor => "sponsor", "Sponsor (SVP)";
        ProcessOwner => "process_owner", "Release Management Process Owner";
        ReleaseManager => "release_manager", "Release Manager";
        TestManager => "test_manager", "Test Manager";
        ReleaseOwner => "release_owner", "Release Owner";
        ChangeManager => "change_manager", "Change Manager / CAB";
        DeploymentStaff => "deployment_staff", "Deployment staff";
        EarlyLifeSupport => "early_life_support", "Early life support staff";
        EnvironmentStaff => "environment_staff", "Build & test environment staff";
    }
);

labelled_enum!(
    /// The state of a request for change.
    RfcStatus {
        Submitted => "submitted", "Submitted";
        Approved => "approved", "Approved";
        Implemented => "implemented", "Implemented";
        Rejected => "rejected", "Rejected";
        Withdrawn => "withdrawn", "Withdrawn";
    }
);

pub use crate::phase::MilestoneKind;

/// A business application that releases change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// Short code, unique in the plan (e.g. `PAY`).
    pub code: String,
    pub name: String,
}

/// A target environment (Dev, Test, UAT, Pre-prod, Prod).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    pub name: String,
    /// True for production-class environments.
    #[serde(default)]
    pub production: bool,
    /// How many bookings may overlap before it is over capacity (D6); 1 unless said.
    #[serde(default = "one")]
    pub capacity: u32,
    /// Which of a release's dates book it; none for the default by its class
    /// ([`crate::calendar::booking::booked_by`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_by: Option<crate::calendar::BookedBy>,
}

fn one() -> u32 {
    1
}

impl Environment {
    /// An environment with capacity 1, booked by its class's default.
    pub fn new(name: impl Into<String>, production: bool) -> Self {
        Environment { name: name.into(), production, capacity: 1, booked_by: None }
    }
}

/// A person in the portfolio, identified by e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    /// Up to document version 2 a person held one role; it is read, never written, and becomes
    /// their assignment to that role for the portfolio ([`crate::Portfolio::upgrade`]).
    #[serde(default, rename = "role", skip_serializing)]
    #[ts(skip)]
    pub legacy_role: Option<String>,
}

impl Person {
    pub fn new(email: impl Into<String>, name: impl Into<String>, organisation: impl Into<String>) -> Self {
        Person { email: email.into(), name: name.into(), organisation: organisation.into(), legacy_role: None }
    }
}

/// A request for change (RFC) that a release carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Rfc {
    pub key: String,
    pub title: String,
    pub status: RfcStatus,
}

/// A configuration item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Ci {
    pub name: String,
    /// What kind of item it is (service, database, library, infrastructure, ...).
    pub kind: String,
    /// The application the item belongs to, by code; none for shared infrastructure.
    #[serde(default)]
    pub application: Option<String>,
}

/// One line of a release's bill of materials: a CI at the version the release deploys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CiVersion {
    pub ci: String,
    pub version: String,
}

/// A phase of a release with planned and actual dates (D4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end: Option<NaiveDate>,
}

/// The planned deployment window, in the plan's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

/// The release record (D1), as it is exchanged in JSON and shown in full in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub key: String,
    pub title: String,
    pub kind: ReleaseKind,
    pub unit: ReleaseUnit,
    pub status: ReleaseStatus,
    /// Application codes.
    #[serde(default)]
    pub applications: Vec<String>,
    /// The Release Owner, by e-mail.
    #[serde(default)]
    pub owner: Option<String>,
    /// The Release Manager, by e-mail.
    #[serde(default)]
    pub manager: Option<String>,
    /// Target environment names.
    #[serde(default)]
    pub environments: Vec<String>,
    #[serde(default)]
    pub window: Option<Window>,
    pub risk: Risk,
    #[serde(default)]
    pub acceptance_criteria: String,
    #[serde(default)]
    pub backout_plan: String,
    #[serde(default)]
    pub backout_tested: bool,
    #[serde(default)]
    pub notes: String,
    /// Linked RFC keys.
    #[serde(default)]
    pub rfcs: Vec<String>,
    /// Bill of materials.
    #[serde(default)]
    pub cis: Vec<CiVersion>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}
