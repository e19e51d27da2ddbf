//! Fixture builders shared by the schedule and roadmap tests, so that both build their releases
//! the same way and a change to the release record is made here once.
//!
//! Each test binary that includes this module uses every item in it, so it needs no
//! `allow(dead_code)`; a builder that only some of them need belongs in that test instead.

use chrono::{Duration, NaiveDate};
use runway_domain::{
    CiVersion, Milestone, MilestoneKind as K, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A planned minor delta release with the given milestones (planned dates only) and nothing else:
/// no window, no CIs, nobody named.
pub fn release(key: &str, milestones: &[(K, &str, &str)]) -> Release {
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
            .map(|(kind, s, e)| Milestone {
                kind: kind.clone(),
                planned_start: d(s),
                planned_end: d(e),
                actual_start: None,
                actual_end: None,
            })
            .collect(),
    }
}

/// Like [`release`], but changing `cis` (each at version 1) and, when `day` is given, deploying
/// that day from 20:00 to 22:00.
pub fn release_with_cis(key: &str, cis: &[&str], day: Option<&str>, milestones: &[(K, &str, &str)]) -> Release {
    let evening = |day: &str| {
        let start = d(day).and_hms_opt(20, 0, 0).unwrap();
        Window { start, end: start + Duration::hours(2) }
    };
    Release {
        cis: cis.iter().map(|c| CiVersion { ci: (*c).into(), version: "1".into() }).collect(),
        window: day.map(evening),
        ..release(key, milestones)
    }
}
