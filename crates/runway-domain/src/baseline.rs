//! Named baselines (D4): the planned dates of every milestone frozen under a name, and the slip of
//! today's plan against them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{MilestoneKind, Release};
use crate::schedule::MilestoneRef;

/// One milestone's planned dates when the baseline was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BaselineMilestone {
    pub release: String,
    pub kind: MilestoneKind,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
}

/// A named, frozen copy of the planned dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub name: String,
    pub taken_at: DateTime<Utc>,
    pub milestones: Vec<BaselineMilestone>,
}

/// Freezes the planned dates of `releases` under `name`.
pub fn take(name: &str, taken_at: DateTime<Utc>, releases: &[Release]) -> Baseline {
    let mut milestones: Vec<BaselineMilestone> = releases
        .iter()
        .flat_map(|r| {
            r.milestones.iter().map(|m| BaselineMilestone {
                release: r.key.clone(),
                kind: m.kind.clone(),
                planned_start: m.planned_start,
                planned_end: m.planned_end,
            })
        })
        .collect();
    milestones.sort_by(|a, b| (&a.release, &a.kind).cmp(&(&b.release, &b.kind)));
    Baseline { name: name.trim().to_owned(), taken_at, milestones }
}

/// One milestone then and now; a positive slip is later than the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Slip {
    pub milestone: MilestoneRef,
    pub baseline_start: NaiveDate,
    pub baseline_end: NaiveDate,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub start_slip_days: i32,
    pub end_slip_days: i32,
}

/// A release then and now: the slip of its last milestone's end and of its deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseSlip {
    pub release: String,
    pub end_slip_days: i32,
    pub deployment_slip_days: Option<i32>,
}

/// Today's plan against a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub baseline: String,
    pub taken_at: DateTime<Utc>,
    /// Milestones in both, slipped or not.
    pub milestones: Vec<Slip>,
    pub releases: Vec<ReleaseSlip>,
    /// Milestones planned now that the baseline did not have.
    pub added: Vec<MilestoneRef>,
    /// Milestones of the baseline that are no longer planned.
    pub removed: Vec<MilestoneRef>,
}

/// Compares today's plan with a baseline.
pub fn compare(baseline: &Baseline, releases: &[Release]) -> Comparison {
    use std::collections::BTreeMap;
    let then: BTreeMap<(&str, MilestoneKind), &BaselineMilestone> =
        baseline.milestones.iter().map(|m| ((m.release.as_str(), m.kind.clone()), m)).collect();
    let mut now: BTreeMap<(&str, MilestoneKind), (NaiveDate, NaiveDate)> = BTreeMap::new();
    for r in releases {
        for m in &r.milestones {
            now.insert((r.key.as_str(), m.kind.clone()), (m.planned_start, m.planned_end));
        }
    }
    let days = |a: NaiveDate, b: NaiveDate| (a - b).num_days() as i32;
    let mut out = Comparison {
        baseline: baseline.name.clone(),
        taken_at: baseline.taken_at,
        milestones: vec![],
        releases: vec![],
        added: vec![],
        removed: vec![],
    };
    for ((release, kind), &(ps, pe)) in &now {
        let milestone = MilestoneRef { release: (*release).to_owned(), kind: kind.clone() };
        match then.get(&(*release, kind.clone())) {
            None => out.added.push(milestone),
            Some(b) => out.milestones.push(Slip {
                milestone,
                baseline_start: b.planned_start,
                baseline_end: b.planned_end,
                planned_start: ps,
                planned_end: pe,
                start_slip_days: days(ps, b.planned_start),
                end_slip_days: days(pe, b.planned_end),
            }),
        }
    }
    for (release, kind) in then.keys() {
        if !now.contains_key(&(*release, kind.clone())) {
            out.removed.push(MilestoneRef { release: (*release).to_owned(), kind: kind.clone() });
        }
    }
    /// Per release: the latest end (baseline, plan) and the deployment's start slip.
    type Ends = (Option<(NaiveDate, NaiveDate)>, Option<i32>);
    let mut per_release: BTreeMap<&str, Ends> = BTreeMap::new();
    for s in &out.milestones {
        let e = per_release.entry(s.milestone.release.as_str()).or_default();
        e.0 = Some(match e.0 {
            None => (s.baseline_end, s.planned_end),
            Some((b, p)) => (b.max(s.baseline_end), p.max(s.planned_end)),
        });
        if s.milestone.kind == MilestoneKind::Deployment {
            e.1 = Some(s.start_slip_days);
        }
    }
    out.releases = per_release
        .into_iter()
        .filter_map(|(release, (ends, deployment))| {
            ends.map(|(b, p)| ReleaseSlip {
                release: release.to_owned(),
                end_slip_days: days(p, b),
                deployment_slip_days: deployment,
            })
        })
        .collect();
    out
}
