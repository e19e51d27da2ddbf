//! Dependencies and schedule analysis (D4, D5): earliest dates, slack, the critical path and
//! violated dependencies over every milestone of a portfolio, and what-if moves.
//!
//! Pure and deterministic: the same releases and dependencies always give the same analysis.
//! Dates are whole days; a milestone runs from its planned start to its planned end, both
//! included. Problems in the data (a cycle, an endpoint that does not exist) come back as
//! diagnostics; the analysis never panics.
//!
//! This module holds the dependency and analysis types; the rest is split by concept:
//! - `graph`: the [`Graph`] the analysis runs on, and the cycle checks ([`check_new`],
//!   [`check_all`]);
//! - `analysis`: [`analyse`], earliest dates, slack, critical chains and violations;
//! - `whatif`: [`what_if`] and [`apply`], a move and its callouts;
//! - `ci`: CI dependencies and the release links they imply.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::MilestoneKind;

mod analysis;
mod ci;
mod graph;
mod whatif;
pub use analysis::{analyse, analyse_graph};
pub(crate) use ci::direct_links;
pub use ci::{CiDependency, CiLink, ci_implied, ci_links};
pub use graph::{Graph, check_all, check_new};
pub use whatif::{Change, Shift, SlackUse, WhatIf, apply, shifted_change, what_if};

labelled_enum!(
    /// How a successor depends on its predecessor.
    DepKind {
        FinishToStart => "fs", "Finish to start";
        StartToStart => "ss", "Start to start";
        FinishToFinish => "ff", "Finish to finish";
        StartToFinish => "sf", "Start to finish";
    }
);

/// One end of a dependency: a milestone of a release, or the whole release (its first milestone's
/// start, its last milestone's end).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub release: String,
    #[serde(default)]
    pub milestone: Option<MilestoneKind>,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.milestone {
            Some(m) => write!(f, "{} {}", self.release, m.in_sentence()),
            None => f.write_str(&self.release),
        }
    }
}

/// `to` depends on `from`: with finish-to-start and a lag of 2, `to` starts at the earliest two
/// days after `from` finishes (a negative lag lets it overlap).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub from: Endpoint,
    pub to: Endpoint,
    pub kind: DepKind,
    #[serde(default)]
    pub lag_days: i32,
}

/// A milestone by release and kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct MilestoneRef {
    pub release: String,
    pub kind: MilestoneKind,
}

impl std::fmt::Display for MilestoneRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.release, self.kind.in_sentence())
    }
}

/// One milestone's place in the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneSchedule {
    pub milestone: MilestoneRef,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    /// The earliest it can run, given its dependencies (never before it is planned).
    pub earliest_start: NaiveDate,
    pub earliest_end: NaiveDate,
    /// The latest it can end without delaying the last milestone of its chain of dependencies.
    pub latest_end: NaiveDate,
    pub slack_days: i32,
    pub critical: bool,
    /// For a critical milestone: the chain of dependencies that makes it critical, as an index
    /// into [`Analysis::chains`] (milestones on one chain share it).
    pub chain: Option<u32>,
}

/// A dependency the plan breaks: the successor is planned before its predecessor allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Violation {
    pub from: MilestoneRef,
    pub to: MilestoneRef,
    pub kind: DepKind,
    pub lag_days: i32,
    /// How many days too early the successor is planned.
    pub by_days: i32,
    pub message: String,
}

/// The analysis of a whole portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Analysis {
    /// Every milestone, by release key and kind.
    pub milestones: Vec<MilestoneSchedule>,
    pub violations: Vec<Violation>,
    /// The critical path of the portfolio: the longest chain of zero-slack milestones.
    pub critical_path: Vec<MilestoneRef>,
    /// The chains that make milestones critical, first to last (see [`MilestoneSchedule::chain`]).
    pub chains: Vec<Vec<MilestoneRef>>,
    /// Problems in the data (cycles, endpoints that do not exist), one sentence each.
    pub diagnostics: Vec<String>,
}

impl Analysis {
    /// The chain that makes a milestone critical (empty when it is not).
    pub fn chain(&self, m: &MilestoneSchedule) -> &[MilestoneRef] {
        m.chain.and_then(|i| self.chains.get(i as usize)).map_or(&[], Vec::as_slice)
    }
}

/// The longest lag a dependency may have, either way: ten years.
pub const MAX_LAG_DAYS: u32 = 3650;
