//! The schedule analysis (D4, D5): hand-worked dependencies of every kind, the critical path,
//! whole-release endpoints, cycles, what-if moves, and properties over random plans.
//!
//! Dates in the comments: a milestone occupies [start, end] inclusive; its finish is end + 1.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/wide_dates.rs"]
mod wide_dates;

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use common::{d, release, release_with_cis};
use proptest::prelude::*;
use proptest::sample::Index;
use runway_domain::schedule::{
    Analysis, Change, CiDependency, DepKind, Dependency, Endpoint, Graph, MilestoneRef, MilestoneSchedule, Shift,
    SlackUse, analyse, apply, check_new, ci_implied, what_if,
};
use runway_domain::{Milestone, MilestoneKind as K, Release};

fn at(release: &str, kind: K) -> Endpoint {
    Endpoint { release: release.into(), milestone: Some(kind) }
}

fn whole(release: &str) -> Endpoint {
    Endpoint { release: release.into(), milestone: None }
}

fn mref(release: &str, kind: K) -> MilestoneRef {
    MilestoneRef { release: release.into(), kind }
}

fn dep(from: Endpoint, to: Endpoint, kind: DepKind, lag_days: i32) -> Dependency {
    Dependency { from, to, kind, lag_days }
}

fn fs(from: Endpoint, to: Endpoint) -> Dependency {
    dep(from, to, DepKind::FinishToStart, 0)
}

fn get<'a>(a: &'a Analysis, release: &str, kind: K) -> &'a MilestoneSchedule {
    a.milestones
        .iter()
        .find(|m| m.milestone == mref(release, kind.clone()))
        .unwrap_or_else(|| panic!("{release} {kind:?} is not in the analysis"))
}

fn refs(list: &[(&str, K)]) -> Vec<MilestoneRef> {
    list.iter().map(|(r, k)| mref(r, k.clone())).collect()
}

/// A shift as the tests check it: the milestone, its start before and after, and the days.
type Move = (MilestoneRef, NaiveDate, NaiveDate, i32);

fn shift(release: &str, kind: K, from: &str, to: &str, days: i32) -> Move {
    (mref(release, kind), d(from), d(to), days)
}

fn moves(list: &[Shift]) -> Vec<Move> {
    list.iter().map(|s| (s.milestone.clone(), s.from, s.to, s.days)).collect()
}

mod arithmetic;
mod ci;
mod properties;
mod structure;
mod whatif;
