//! The plan's release policy (D3): the lead time, the tests authorization needs, the signature
//! role, the review rule, stage time limits and which gates may be overridden.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Gate, is_final};
use crate::calendar::conflict::CalendarRules;
use crate::evidence::TestKind;
use crate::input::FieldError;
use crate::model::{ReleaseStatus, ReleaseStatus as S};

/// How long a release may stay in a stage before it is reported overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StageLimit {
    pub status: ReleaseStatus,
    pub days: u32,
}

/// The plan's release policy (D3). The defaults come from seed 003.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Submit to CAB at least this many days before the deployment window (not for emergencies).
    pub lead_time_days: u32,
    /// The tests that must have passed before authorization (a tested backout is always needed).
    pub required_tests: Vec<TestKind>,
    /// People (e-mail addresses) who may record a CAB decision besides the accountable role of
    /// the matrix's CAB activity (D7): the board's members.
    #[serde(default)]
    pub cab_members: Vec<String>,
    /// Closing needs a post-implementation review (always needed for emergency releases).
    pub require_review: bool,
    /// Stage time limits; a release longer in a stage is overdue.
    pub stage_limits: Vec<StageLimit>,
    /// Gates that may be overridden, with a reason that is recorded.
    pub overridable: Vec<Gate>,
    /// The forward schedule's rules (D6): daily caps, which conflicts block, green zones.
    #[serde(default)]
    pub calendar: CalendarRules,
    /// Before the matrix (documents up to version 2) the policy named the role that signs an
    /// authorization; it is read, never written, and becomes that role's S on "Authorize
    /// deployment" when such a document is imported.
    #[serde(default, rename = "signature_role", skip_serializing)]
    #[ts(skip)]
    pub legacy_signature_role: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        let limits = [
            (S::Draft, 60),
            (S::Planned, 45),
            (S::SubmittedToCab, 14),
            (S::Approved, 14),
            (S::Rejected, 14),
            (S::Build, 30),
            (S::Test, 21),
            (S::TestFailed, 7),
            (S::AwaitingAuthorization, 7),
            (S::Authorized, 14),
            (S::NotAuthorized, 7),
            (S::Deploying, 2),
            (S::Deployed, 3),
            (S::DeploymentFailed, 2),
            (S::BackedOut, 14),
            (S::Verified, 5),
            (S::EarlyLifeSupport, 30),
        ];
        Policy {
            lead_time_days: 28,
            required_tests: vec![
                TestKind::Installation,
                TestKind::Functional,
                TestKind::Performance,
                TestKind::Integration,
                TestKind::UserAcceptance,
                TestKind::OperationalReadiness,
            ],
            cab_members: vec![],
            require_review: true,
            stage_limits: limits.iter().map(|&(status, days)| StageLimit { status, days }).collect(),
            overridable: vec![Gate::Submit],
            calendar: CalendarRules::default(),
            legacy_signature_role: None,
        }
    }
}

impl Policy {
    /// The stage limit for `status`, if there is one.
    pub fn limit(&self, status: ReleaseStatus) -> Option<u32> {
        self.stage_limits.iter().find(|l| l.status == status).map(|l| l.days)
    }

    /// Problems with the policy, named by field (`lead_time_days`, `stage_limits.build`, ...).
    pub fn check(&self) -> Vec<FieldError> {
        let mut errors = vec![];
        if self.lead_time_days > 365 {
            errors.push(FieldError::new("lead_time_days", "The lead time is at most 365 days."));
        }
        let mut seen = HashSet::new();
        for l in &self.stage_limits {
            let field = format!("stage_limits.{}", l.status.as_str());
            if is_final(l.status) {
                errors.push(FieldError::new(&field, format!("{} is final: it has no time limit.", l.status.label())));
            } else if !seen.insert(l.status) {
                errors.push(FieldError::new(&field, format!("{} has more than one limit.", l.status.label())));
            } else if !(1..=999).contains(&l.days) {
                errors.push(FieldError::new(&field, "A stage limit is between 1 and 999 days."));
            }
        }
        for g in &self.overridable {
            if !Gate::OVERRIDABLE.contains(g) {
                errors.push(FieldError::new(
                    &format!("overridable.{}", g.as_str()),
                    format!("{} is a recorded decision; it cannot be overridden.", g.label()),
                ));
            }
        }
        let mut members = HashSet::new();
        for (i, m) in self.cab_members.iter().enumerate() {
            if !m.contains('@') || m.trim() != m || m.len() > crate::input::EMAIL_MAX_LEN {
                errors.push(FieldError::new(&format!("cab_members.{i}"), format!("{m:?} is not an e-mail address.")));
            } else if !members.insert(m.to_lowercase()) {
                errors.push(FieldError::new(&format!("cab_members.{i}"), format!("{m} is listed twice.")));
            }
        }
        let mut gates = HashSet::new();
        if self.overridable.iter().any(|g| !gates.insert(*g)) {
            errors.push(FieldError::new("overridable", "A gate is listed more than once."));
        }
        for (field, cap) in [
            ("calendar.daily_cap", self.calendar.daily_cap),
            ("calendar.daily_cap_per_environment", self.calendar.daily_cap_per_environment),
        ] {
            if cap.is_some_and(|c| !(1..=999).contains(&c)) {
                errors.push(FieldError::new(field, "A daily cap is between 1 and 999 deployments (or none)."));
            }
        }
        let mut kinds = HashSet::new();
        if self.calendar.blocking.iter().any(|k| !kinds.insert(*k)) {
            errors.push(FieldError::new("calendar.blocking", "A kind of conflict is listed more than once."));
        }
        let mut tests = HashSet::new();
        if self.required_tests.iter().any(|t| !tests.insert(*t)) {
            errors.push(FieldError::new("required_tests", "A test is listed more than once."));
        }
        if self.required_tests.contains(&TestKind::Backout) {
            errors.push(FieldError::new(
                "required_tests",
                "The backout test is always required; it is not one of the chosen tests.",
            ));
        }
        errors
    }
}
