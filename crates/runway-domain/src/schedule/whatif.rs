//! What-if moves (D4): a milestone moved or resized, or a whole release shifted, and the callouts
//! it would give — what moves, what must move downstream and by how much, the dependencies it
//! breaks or repairs, the slack it uses and the deployment windows that change. Nothing is saved.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Dependency, MilestoneRef, MilestoneSchedule, Violation, analyse};
use crate::dates;
use crate::model::{MilestoneKind, Release};

/// A move or resize to try: the milestone's new planned dates, or a whole release shifted by a
/// number of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    Milestone { milestone: MilestoneRef, start: NaiveDate, end: NaiveDate },
    Release { release: String, shift_days: i32 },
}

/// A milestone that would have to move, or that moves, and by how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Shift {
    pub milestone: MilestoneRef,
    /// The start, before and after (for a milestone that must move: planned and earliest).
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `to − from`: 0 for a milestone only resized.
    pub days: i32,
    /// The end, before and after (a resize changes only this).
    pub end_from: NaiveDate,
    pub end_to: NaiveDate,
    /// What the change itself adds: for a milestone that was already late before it, only the
    /// part this change causes (`days` is the whole distance to its earliest start).
    pub added_days: i32,
}

/// Slack a move uses up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SlackUse {
    pub milestone: MilestoneRef,
    pub before: i32,
    pub after: i32,
}

/// What a move would do, before anything is saved (the callouts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WhatIf {
    /// The milestones the change moves itself.
    pub moved: Vec<Shift>,
    /// Milestones downstream that would have to move to honour their dependencies.
    pub must_move: Vec<Shift>,
    /// Dependencies broken by the change (not broken before).
    pub newly_violated: Vec<Violation>,
    /// Dependencies the change repairs.
    pub resolved: Vec<Violation>,
    pub slack_used: Vec<SlackUse>,
    /// Releases whose planned deployment moves (directly or because it must), by key: their
    /// stakeholders need a new notice.
    pub windows_changed: Vec<String>,
    /// Conflicts of the forward schedule (D6) the change would create, and the ones it would
    /// resolve (filled by the Planner, which holds the calendar).
    #[serde(default)]
    pub conflicts_created: Vec<crate::calendar::Conflict>,
    #[serde(default)]
    pub conflicts_resolved: Vec<crate::calendar::Conflict>,
    /// Problems with the change itself (an unknown milestone, an end before the start, a date
    /// outside the years 1 to 9999), or a milestone it would push past the last day a plan can
    /// hold.
    pub diagnostics: Vec<String>,
}

/// The move of a milestone of `release` to start on `to`, keeping its length (what a front end
/// asks when only the new start is given), or why there is none: the milestone does not exist,
/// or its end would fall outside the dates a plan can hold.
pub fn shifted_change(release: &Release, kind: MilestoneKind, to: NaiveDate) -> Result<Change, String> {
    let m = release.milestones.iter().find(|m| m.kind == kind);
    let milestone = MilestoneRef { release: release.key.clone(), kind };
    let m = m.ok_or_else(|| format!("{milestone} does not exist"))?;
    if let Some(why) = dates::check(to) {
        return Err(format!("{milestone} cannot start there: {why}"));
    }
    let length = dates::days_between(m.planned_end, m.planned_start).max(0);
    let end = dates::add_days(to, length).filter(|e| dates::in_range(*e)).ok_or_else(|| {
        format!("{milestone} runs {} days: starting on {to}, it would end after {}", length + 1, dates::LAST_DAY)
    })?;
    Ok(Change::Milestone { milestone, start: to, end })
}

/// The releases with a change applied, or why it cannot be.
pub fn apply(releases: &[Release], change: &Change) -> Result<Vec<Release>, String> {
    let mut out = releases.to_vec();
    match change {
        Change::Milestone { milestone, start, end } => {
            for (which, d) in [("start", start), ("end", end)] {
                if let Some(why) = dates::check(*d) {
                    return Err(format!("{milestone} cannot move there: its {which} {why}"));
                }
            }
            if end < start {
                return Err(format!("{milestone} would end ({end}) before it starts ({start})"));
            }
            let r = out
                .iter_mut()
                .find(|r| r.key == milestone.release)
                .ok_or_else(|| format!("{} is not a release of the plan", milestone.release))?;
            let m = r
                .milestones
                .iter_mut()
                .find(|m| m.kind == milestone.kind)
                .ok_or_else(|| format!("{milestone} does not exist"))?;
            let moved_by = dates::days_between(*start, m.planned_start);
            m.planned_start = *start;
            m.planned_end = *end;
            // The deployment window goes with the deployment phase.
            if milestone.kind == MilestoneKind::Deployment {
                shift_window(r, moved_by)?;
            }
        }
        Change::Release { release, shift_days } => {
            let r = out
                .iter_mut()
                .find(|r| &r.key == release)
                .ok_or_else(|| format!("{release} is not a release of the plan"))?;
            let by = i64::from(*shift_days);
            for m in &mut r.milestones {
                let moved = (dates::add_days(m.planned_start, by), dates::add_days(m.planned_end, by));
                match moved {
                    (Some(s), Some(e)) if dates::in_range(s) && dates::in_range(e) => {
                        (m.planned_start, m.planned_end) = (s, e)
                    }
                    _ => {
                        return Err(format!(
                            "{release} cannot move {shift_days} days: its {} would leave the years {} to {}",
                            m.kind.label().to_lowercase(),
                            dates::MIN_YEAR,
                            dates::MAX_YEAR
                        ));
                    }
                }
            }
            shift_window(r, by)?;
        }
    }
    Ok(out)
}

/// Moves a release's deployment window by `days` (with its deployment phase).
fn shift_window(r: &mut Release, days: i64) -> Result<(), String> {
    let Some(w) = r.window.as_mut() else { return Ok(()) };
    let by = chrono::TimeDelta::try_days(days).ok_or("the move is too far")?;
    match (w.start.checked_add_signed(by), w.end.checked_add_signed(by)) {
        (Some(s), Some(e)) if dates::in_range(s.date()) && dates::in_range(e.date()) => {
            (w.start, w.end) = (s, e);
            Ok(())
        }
        _ => Err(format!(
            "{}'s deployment window cannot move {days} days: it would leave the years {} to {}",
            r.key,
            dates::MIN_YEAR,
            dates::MAX_YEAR
        )),
    }
}

/// The releases joined to `key` by dependencies (in either direction), `key` included.
fn connected<'a>(deps: &'a [Dependency], key: &'a str) -> std::collections::HashSet<&'a str> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    // Only dependencies between two releases join releases.
    for d in deps.iter().filter(|d| d.from.release != d.to.release) {
        next.entry(d.from.release.as_str()).or_default().push(d.to.release.as_str());
        next.entry(d.to.release.as_str()).or_default().push(d.from.release.as_str());
    }
    let mut seen = std::collections::HashSet::from([key]);
    let mut todo = vec![key];
    while let Some(k) = todo.pop() {
        for &n in next.get(k).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(n) {
                todo.push(n);
            }
        }
    }
    seen
}

/// What `change` would do to the schedule. Nothing is changed.
///
/// A change reaches only the releases joined to the changed one by dependencies, so only they
/// are analysed (before and after): a what-if costs the size of that group, not of the plan.
pub fn what_if(releases: &[Release], deps: &[Dependency], change: &Change) -> WhatIf {
    let key = match change {
        Change::Milestone { milestone, .. } => milestone.release.as_str(),
        Change::Release { release, .. } => release.as_str(),
    };
    let group = connected(deps, key);
    let releases: Vec<Release> = releases.iter().filter(|r| group.contains(r.key.as_str())).cloned().collect();
    let deps: Vec<Dependency> = deps.iter().filter(|d| group.contains(d.from.release.as_str())).cloned().collect();
    let (releases, deps) = (releases.as_slice(), deps.as_slice());
    let before = analyse(releases, deps);
    let mut result = WhatIf {
        moved: vec![],
        must_move: vec![],
        newly_violated: vec![],
        resolved: vec![],
        slack_used: vec![],
        windows_changed: vec![],
        conflicts_created: vec![],
        conflicts_resolved: vec![],
        diagnostics: vec![],
    };
    let changed = match apply(releases, change) {
        Ok(c) => c,
        Err(e) => {
            result.diagnostics.push(e);
            return result;
        }
    };
    let after = analyse(&changed, deps);
    let old: HashMap<&MilestoneRef, &MilestoneSchedule> = before.milestones.iter().map(|m| (&m.milestone, m)).collect();
    for m in &after.milestones {
        let Some(o) = old.get(&m.milestone) else { continue };
        if m.planned_start != o.planned_start || m.planned_end != o.planned_end {
            let days = dates::days_between_i32(m.planned_start, o.planned_start);
            result.moved.push(Shift {
                milestone: m.milestone.clone(),
                from: o.planned_start,
                to: m.planned_start,
                days,
                end_from: o.planned_end,
                end_to: m.planned_end,
                added_days: days,
            });
        } else if m.earliest_start > m.planned_start && m.earliest_start > o.earliest_start {
            let days = dates::days_between(m.earliest_start, m.planned_start);
            // Already needed before the change: its old earliest start past its planned start.
            let before = dates::days_between(o.earliest_start, m.planned_start).max(0);
            let end_to = dates::add_days(m.planned_end, days).filter(|e| dates::in_range(*e));
            if end_to.is_none() || !dates::in_range(m.earliest_start) {
                result.diagnostics.push(format!(
                    "{} would have to move {days} days, past {}, the last day a plan can hold",
                    m.milestone,
                    dates::LAST_DAY
                ));
            }
            result.must_move.push(Shift {
                milestone: m.milestone.clone(),
                from: m.planned_start,
                to: m.earliest_start,
                days: dates::saturate(days),
                end_from: m.planned_end,
                end_to: end_to.unwrap_or(m.earliest_end),
                added_days: dates::saturate(days - before),
            });
        }
        if m.slack_days < o.slack_days {
            result.slack_used.push(SlackUse {
                milestone: m.milestone.clone(),
                before: o.slack_days,
                after: m.slack_days,
            });
        }
    }
    let key = |v: &Violation| (v.from.clone(), v.to.clone(), v.kind, v.lag_days);
    let was: std::collections::HashSet<_> = before.violations.iter().map(key).collect();
    let now: std::collections::HashSet<_> = after.violations.iter().map(key).collect();
    result.newly_violated = after.violations.iter().filter(|v| !was.contains(&key(v))).cloned().collect();
    result.resolved = before.violations.iter().filter(|v| !now.contains(&key(v))).cloned().collect();
    let mut windows: Vec<String> = result
        .moved
        .iter()
        .chain(&result.must_move)
        .filter(|s| s.milestone.kind == MilestoneKind::Deployment)
        .map(|s| s.milestone.release.clone())
        .collect();
    windows.sort();
    windows.dedup();
    result.windows_changed = windows;
    result
}
