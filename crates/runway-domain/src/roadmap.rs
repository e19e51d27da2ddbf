//! The roadmap's layout (D4, D5), computed once here so that the screen and the PDF poster draw
//! the same thing: rows of releases grouped by application, milestones as bars (or diamonds for
//! one-day milestones), dependency arrows between them, and the analysis and baseline figures each
//! mark needs. Positions are dates; a front end maps dates to its own units.
//!
//! Besides the dependencies of the plan, the layout holds the links implied by configuration items
//! ([`CiArrow`], from [`ci_links`]), kept apart from [`Layout::arrows`] so that every front end
//! draws them in a style of their own.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::baseline::Baseline;
use crate::model::{Application, MilestoneKind, Release, ReleaseKind, ReleaseStatus};
use crate::schedule::{Analysis, CiDependency, DepKind, Dependency, Graph, MilestoneRef, direct_links};

/// One milestone on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Bar {
    pub kind: MilestoneKind,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Drawn as a diamond: a one-day milestone (the CAB, the deployment).
    pub diamond: bool,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    pub earliest_start: NaiveDate,
    pub slack_days: i32,
    pub critical: bool,
    /// The baseline's dates, when a baseline is overlaid and had this milestone.
    pub baseline_start: Option<NaiveDate>,
    pub baseline_end: Option<NaiveDate>,
}

/// One release's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Row {
    pub key: String,
    pub title: String,
    pub status: ReleaseStatus,
    pub kind: ReleaseKind,
    /// Index of the row in [`Layout::rows`].
    pub index: u32,
    pub bars: Vec<Bar>,
    /// Any of its milestones on a violated dependency.
    pub violated: bool,
    /// Conflicts of the forward schedule it is party to (D6), and how many of them block; the
    /// Planner fills them in (the layout itself knows no calendar).
    #[serde(default)]
    pub conflicts: u32,
    #[serde(default)]
    pub blocking_conflicts: u32,
}

/// An application's rows, in the order they are drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Group {
    pub code: String,
    pub name: String,
    /// Indexes into [`Layout::rows`], in drawing order.
    pub rows: Vec<u32>,
}

/// A dependency arrow from one milestone to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Arrow {
    pub from_row: u32,
    pub from_kind: MilestoneKind,
    pub to_row: u32,
    pub to_kind: MilestoneKind,
    pub kind: DepKind,
    pub lag_days: i32,
    pub violated: bool,
    pub critical: bool,
}

/// A link between two releases implied by configuration items: the upstream release changes a CI
/// that a CI changed by the downstream release depends on. Drawn from the upstream release's
/// deployment to the downstream one's (the milestones where the CIs change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CiArrow {
    pub from_row: u32,
    pub from_kind: MilestoneKind,
    pub to_row: u32,
    pub to_kind: MilestoneKind,
    /// One per CI dependency behind the link: "portal-web depends on iam-keycloak".
    pub reasons: Vec<String>,
}

/// The whole roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Layout {
    pub today: NaiveDate,
    /// The first and last day any bar covers.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub groups: Vec<Group>,
    pub rows: Vec<Row>,
    pub arrows: Vec<Arrow>,
    /// The links implied by configuration items, but only those with a release whose deployment
    /// window has not ended yet (see [`layout`]).
    pub ci_arrows: Vec<CiArrow>,
    pub baseline: Option<String>,
    pub critical_path: Vec<MilestoneRef>,
}

/// Lays out the roadmap. Rows are grouped by each release's first application (releases without
/// one last) and ordered by their first milestone, then key.
///
/// The links implied by `ci_deps` are the direct ones ([`ci_links`]), less two kinds that would
/// only crowd the picture: a link between two releases whose deployment windows have both ended
/// before `today` (history: nothing is left to plan between them), and a link that a dependency of
/// the plan between the same two releases, in the same direction, already draws.
pub fn layout(
    applications: &[Application],
    releases: &[Release],
    deps: &[Dependency],
    ci_deps: &[CiDependency],
    analysis: &Analysis,
    baseline: Option<&Baseline>,
    today: NaiveDate,
) -> Layout {
    let sched: HashMap<&MilestoneRef, &crate::schedule::MilestoneSchedule> =
        analysis.milestones.iter().map(|m| (&m.milestone, m)).collect();
    let base: HashMap<(&str, MilestoneKind), (NaiveDate, NaiveDate)> = baseline
        .map(|b| {
            b.milestones
                .iter()
                .map(|m| ((m.release.as_str(), m.kind.clone()), (m.planned_start, m.planned_end)))
                .collect()
        })
        .unwrap_or_default();
    let violated: std::collections::HashSet<&str> =
        analysis.violations.iter().flat_map(|v| [v.from.release.as_str(), v.to.release.as_str()]).collect();

    let first = |r: &Release| r.milestones.iter().map(|m| m.planned_start).min().or(r.window.map(|w| w.start.date()));
    let mut order: Vec<&Release> = releases.iter().collect();
    order.sort_by(|a, b| (first(a), &a.key).cmp(&(first(b), &b.key)));

    let names: BTreeMap<&str, &str> = applications.iter().map(|a| (a.code.as_str(), a.name.as_str())).collect();
    let mut by_app: BTreeMap<(u8, String), Vec<&Release>> = BTreeMap::new();
    for r in order {
        let key = match r.applications.first() {
            Some(a) => (0, a.clone()),
            None => (1, String::new()),
        };
        by_app.entry(key).or_default().push(r);
    }

    let mut rows = vec![];
    let mut groups = vec![];
    let mut row_of: HashMap<&str, u32> = HashMap::new();
    let (mut from, mut to) = (NaiveDate::MAX, NaiveDate::MIN);
    for ((_, code), members) in by_app {
        let mut group = Group {
            name: names.get(code.as_str()).map_or_else(
                || if code.is_empty() { "No application".to_owned() } else { code.clone() },
                |n| (*n).to_owned(),
            ),
            code,
            rows: vec![],
        };
        for r in members {
            let index = rows.len() as u32;
            row_of.insert(r.key.as_str(), index);
            group.rows.push(index);
            let mut bars: Vec<Bar> = r
                .milestones
                .iter()
                .map(|m| {
                    let id = MilestoneRef { release: r.key.clone(), kind: m.kind.clone() };
                    let s = sched.get(&id);
                    let b = base.get(&(r.key.as_str(), m.kind.clone()));
                    from = from.min(m.planned_start);
                    to = to.max(m.planned_end);
                    Bar {
                        kind: m.kind.clone(),
                        start: m.planned_start,
                        end: m.planned_end,
                        diamond: m.planned_start == m.planned_end
                            && matches!(m.kind, MilestoneKind::Cab | MilestoneKind::Deployment),
                        actual_start: m.actual_start,
                        actual_end: m.actual_end,
                        earliest_start: s.map_or(m.planned_start, |s| s.earliest_start),
                        slack_days: s.map_or(0, |s| s.slack_days),
                        critical: s.is_some_and(|s| s.critical),
                        baseline_start: b.map(|b| b.0),
                        baseline_end: b.map(|b| b.1),
                    }
                })
                .collect();
            bars.sort_by_key(|b| (b.start, b.kind.clone()));
            rows.push(Row {
                key: r.key.clone(),
                title: r.title.clone(),
                status: r.status,
                kind: r.kind,
                index,
                bars,
                violated: violated.contains(r.key.as_str()),
                conflicts: 0,
                blocking_conflicts: 0,
            });
        }
        groups.push(group);
    }

    // Arrows between the milestones the dependencies resolve to.
    let graph = Graph::new(releases, deps);
    let broken: std::collections::HashSet<(&MilestoneRef, &MilestoneRef)> =
        analysis.violations.iter().map(|v| (&v.from, &v.to)).collect();
    let arrows: Vec<Arrow> = graph
        .edges
        .iter()
        .filter_map(|&(a, b, kind, lag)| {
            let (fa, fb) = (&graph.nodes[a], &graph.nodes[b]);
            Some(Arrow {
                from_row: *row_of.get(fa.release.as_str())?,
                from_kind: fa.kind.clone(),
                to_row: *row_of.get(fb.release.as_str())?,
                to_kind: fb.kind.clone(),
                kind,
                lag_days: lag,
                violated: broken.contains(&(fa, fb)),
                critical: sched.get(fa).is_some_and(|s| s.critical) && sched.get(fb).is_some_and(|s| s.critical),
            })
        })
        .collect();

    let rows_by_release: Vec<Option<u32>> = releases.iter().map(|r| row_of.get(r.key.as_str()).copied()).collect();
    let ci_arrows = ci_arrows(releases, &arrows, ci_deps, &rows_by_release, today);

    if from > to {
        (from, to) = (today, today);
    }
    Layout {
        today,
        from: from.min(today),
        to: to.max(today),
        groups,
        rows,
        arrows,
        ci_arrows,
        baseline: baseline.map(|b| b.name.clone()),
        critical_path: analysis.critical_path.clone(),
    }
}

/// The milestone an implied link is drawn to: the deployment, else the milestone running on the
/// first day of the deployment window, else the last to end.
fn ci_anchor(r: &Release) -> Option<MilestoneKind> {
    if r.milestones.iter().any(|m| m.kind == MilestoneKind::Deployment) {
        return Some(MilestoneKind::Deployment);
    }
    let day = r.window.map(|w| w.start.date());
    r.milestones
        .iter()
        .find(|m| day.is_some_and(|d| m.planned_start <= d && d <= m.planned_end))
        .or_else(|| r.milestones.iter().max_by_key(|m| (m.planned_end, m.planned_start)))
        .map(|m| m.kind.clone())
}

/// The implied links to draw (see [`layout`]), one arrow per pair of releases with every CI
/// dependency behind it (in name order); arrows in the order of the CI dependencies, then of the
/// downstream releases' deployments. `row_of` gives each release's row by its index in `releases`.
fn ci_arrows(
    releases: &[Release],
    arrows: &[Arrow],
    ci_deps: &[CiDependency],
    row_of: &[Option<u32>],
    today: NaiveDate,
) -> Vec<CiArrow> {
    if ci_deps.is_empty() {
        return vec![];
    }
    let done = |i: usize| releases[i].window.is_some_and(|w| w.end.date() < today);
    let drawn: std::collections::HashSet<(u32, u32)> = arrows.iter().map(|a| (a.from_row, a.to_row)).collect();
    // Per pair of rows: the arrow's milestones and the CI dependencies behind it.
    let mut found: Vec<(u32, MilestoneKind, u32, MilestoneKind, Vec<usize>)> = vec![];
    let mut index: HashMap<(u32, u32), usize> = HashMap::new();
    for (up, down, dep) in direct_links(releases, ci_deps) {
        let (Some(from_row), Some(to_row)) = (row_of[up], row_of[down]) else { continue };
        if let Some(&at) = index.get(&(from_row, to_row)) {
            found[at].4.push(dep);
            continue;
        }
        if (done(up) && done(down)) || drawn.contains(&(from_row, to_row)) {
            continue;
        }
        let (Some(from_kind), Some(to_kind)) = (ci_anchor(&releases[up]), ci_anchor(&releases[down])) else {
            continue;
        };
        index.insert((from_row, to_row), found.len());
        found.push((from_row, from_kind, to_row, to_kind, vec![dep]));
    }
    found
        .into_iter()
        .map(|(from_row, from_kind, to_row, to_kind, deps)| {
            let mut reasons: Vec<String> =
                deps.iter().map(|&d| format!("{} depends on {}", ci_deps[d].ci, ci_deps[d].depends_on)).collect();
            reasons.sort();
            reasons.dedup();
            CiArrow { from_row, from_kind, to_row, to_kind, reasons }
        })
        .collect()
}
