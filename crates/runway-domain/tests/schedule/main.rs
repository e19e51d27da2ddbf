//! The schedule analysis (D4, D5): hand-worked dependencies of every kind, the critical path,
//! whole-release endpoints, cycles, what-if moves, and properties over random plans.
//!
//! Dates in the comments: a milestone occupies [start, end] inclusive; its finish is end + 1.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::Index;
use runway_domain::schedule::{
    Analysis, Change, CiDependency, DepKind, Dependency, Endpoint, Graph, MilestoneRef, MilestoneSchedule, Shift,
    SlackUse, analyse, apply, check_new, ci_implied, what_if,
};
use runway_domain::{
    CiVersion, Milestone, MilestoneKind as K, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn release(key: &str, milestones: &[(K, &str, &str)]) -> Release {
    Release {
        key: key.into(),
        title: format!("Release {key}"),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: ReleaseStatus::Planned,
        applications: vec![],
        owner: None,
        manager: None,
        environments: vec![],
        window: None,
        risk: Risk::Low,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: milestones
            .iter()
            .map(|&(kind, s, e)| Milestone {
                kind,
                planned_start: d(s),
                planned_end: d(e),
                actual_start: None,
                actual_end: None,
            })
            .collect(),
    }
}

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
        .find(|m| m.milestone == mref(release, kind))
        .unwrap_or_else(|| panic!("{release} {kind:?} is not in the analysis"))
}

fn refs(list: &[(&str, K)]) -> Vec<MilestoneRef> {
    list.iter().map(|&(r, k)| mref(r, k)).collect()
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
