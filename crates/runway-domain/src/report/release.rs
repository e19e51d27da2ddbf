//! The release report (D9): after a release, everything about it on a few pages — the record,
//! what it carried, its timeline against the plan and the baseline, every decision and piece of
//! evidence, its moves, how it ended, its incidents and its dependencies.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::{Index, violations_of};
use super::period::day_label;
use super::{
    AppRef, DependencyLine, IncidentLine, MISSING, PersonRef, RfcLine, ViolationLine, or_missing, window_label,
};
use crate::evidence::{Event, EventKind, SignOffDecision};
use crate::model::{MilestoneKind, Release, ReleaseKind, ReleaseStatus, Risk, Window};
use crate::portfolio::Portfolio;
use crate::schedule;

labelled_enum!(
    /// How a release ended, or that it has not yet.
    Outcome {
        Implemented => "implemented", "Implemented";
        ImplementedLate => "implemented_late", "Implemented late";
        RolledBack => "rolled_back", "Rolled back";
        Failed => "failed", "Failed";
        Cancelled => "cancelled", "Cancelled";
        Rejected => "rejected", "Rejected";
        InProgress => "in_progress", "In progress";
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EnvironmentLine {
    pub name: String,
    pub production: bool,
}

/// A configuration item the release deploys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CiLine {
    pub name: String,
    /// "service", "database", …; "—" for an item the plan does not hold.
    pub kind: String,
    pub version: String,
    pub application: Option<AppRef>,
}

/// A milestone, planned against actual and against the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneLine {
    pub kind: MilestoneKind,
    pub label: String,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_start: Option<NaiveDate>,
    pub actual_end: Option<NaiveDate>,
    /// Actual end − planned end, in days (positive: later than planned).
    pub slip_days: Option<i32>,
    /// The milestone in the report's baseline.
    pub baseline_start: Option<NaiveDate>,
    pub baseline_end: Option<NaiveDate>,
    /// (Actual end, else planned end) − baseline end, in days.
    pub baseline_slip_days: Option<i32>,
}

/// A decision or piece of evidence (or a revocation), as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EventLine {
    pub id: u64,
    pub at: DateTime<Utc>,
    pub summary: String,
    /// As recorded, and the name to print.
    pub by: String,
    pub by_name: String,
    /// The key of the role it was decided in.
    pub role: Option<String>,
    pub role_label: String,
    /// As recorded, trimmed (empty when none was given).
    pub reason: String,
    pub conditions: String,
    /// A later revocation withdrew it: it no longer counts.
    pub revoked: bool,
}

/// A move from one stage to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoveLine {
    pub at: DateTime<Utc>,
    pub from: ReleaseStatus,
    pub to: ReleaseStatus,
    pub from_label: String,
    pub to_label: String,
    pub by: String,
    pub by_name: String,
    /// As recorded, trimmed (empty when none was given).
    pub reason: String,
    /// Gate conditions that were unmet and overridden.
    pub overridden: Vec<String>,
}

/// The report on one release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseReport {
    pub plan: String,
    pub key: String,
    pub title: String,
    pub kind: ReleaseKind,
    pub kind_label: String,
    pub unit_label: String,
    pub status: ReleaseStatus,
    pub status_label: String,
    pub risk: Risk,
    pub risk_label: String,
    pub applications: Vec<AppRef>,
    pub owner: Option<PersonRef>,
    pub manager: Option<PersonRef>,
    pub environments: Vec<EnvironmentLine>,
    pub window: Option<Window>,
    pub window_label: String,
    pub acceptance_criteria: String,
    pub backout_plan: String,
    pub backout_tested: bool,
    pub notes: String,
    pub rfcs: Vec<RfcLine>,
    pub cis: Vec<CiLine>,
    /// The oldest baseline that holds the release's milestones, by name.
    pub baseline: Option<String>,
    pub timeline: Vec<MilestoneLine>,
    /// Decisions, evidence and revocations, in recorded order.
    pub events: Vec<EventLine>,
    /// The stage moves, in recorded order.
    pub moves: Vec<MoveLine>,
    pub outcome: Outcome,
    pub outcome_label: String,
    /// One line: "Deployed on 6 Mar 2027, 4 days after the planned 2 Mar 2027 (baseline “Q1”)."
    pub outcome_explanation: String,
    /// Incidents recorded against it (revoked ones left out), in recorded order.
    pub incidents: Vec<IncidentLine>,
    pub upstream: Vec<DependencyLine>,
    pub downstream: Vec<DependencyLine>,
    /// Violated dependencies that involve it.
    pub violations: Vec<ViolationLine>,
}

/// The report on release `key`; None when the plan has no such release.
pub fn release_report(doc: &Portfolio, key: &str) -> Option<ReleaseReport> {
    let idx = Index::new(doc);
    let r = idx.release(key)?;
    let all = idx.events(key);
    let live: Vec<&Event> = idx.live(key).collect();
    let analysis = schedule::analyse(&doc.releases, &doc.dependencies);
    let (upstream, downstream) = idx.dependencies(key, &analysis);
    let (outcome, outcome_explanation) = outcome(&idx, r, &live);
    let (baseline, timeline) = timeline(doc, r);

    let mut events = vec![];
    let mut moves = vec![];
    for e in all {
        match &e.what {
            EventKind::Transition { from, to, overridden } => moves.push(MoveLine {
                at: e.at,
                from: *from,
                to: *to,
                from_label: from.label().into(),
                to_label: to.label().into(),
                by: e.by.clone(),
                by_name: idx.who(&e.by),
                reason: e.reason.trim().to_owned(),
                overridden: overridden.clone(),
            }),
            what => events.push(EventLine {
                id: e.id,
                at: e.at,
                summary: what.summary(),
                by: e.by.clone(),
                by_name: idx.who(&e.by),
                role: e.role.clone(),
                role_label: idx.role_label(e.role.as_deref()),
                reason: e.reason.trim().to_owned(),
                conditions: e.conditions.trim().to_owned(),
                revoked: idx.revoked.contains(&e.id),
            }),
        }
    }
    let incidents = live
        .iter()
        .filter_map(|e| match &e.what {
            EventKind::Incident { priority, reference, opened, caused_by_release } => Some(IncidentLine {
                release: key.to_owned(),
                reference: or_missing(reference),
                priority: *priority,
                priority_label: priority.label().into(),
                opened: *opened,
                closed: live.iter().find_map(|c| match c.what {
                    EventKind::IncidentClosed { incident } if incident == e.id => Some(c.at),
                    _ => None,
                }),
                caused_by_release: *caused_by_release,
            }),
            _ => None,
        })
        .collect();
    let production = |name: &str| doc.environments.iter().any(|e| e.name == name && e.production);
    Some(ReleaseReport {
        plan: doc.name.clone(),
        key: r.key.clone(),
        title: r.title.clone(),
        kind: r.kind,
        kind_label: r.kind.label().into(),
        unit_label: r.unit.label().into(),
        status: r.status,
        status_label: r.status.label().into(),
        risk: r.risk,
        risk_label: r.risk.label().into(),
        applications: idx.apps(r),
        owner: r.owner.as_deref().and_then(|p| idx.person(p)),
        manager: r.manager.as_deref().and_then(|p| idx.person(p)),
        environments: r
            .environments
            .iter()
            .map(|name| EnvironmentLine { name: name.clone(), production: production(name) })
            .collect(),
        window: r.window,
        window_label: window_label(r.window.as_ref()),
        acceptance_criteria: or_missing(&r.acceptance_criteria),
        backout_plan: or_missing(&r.backout_plan),
        backout_tested: r.backout_tested,
        notes: or_missing(&r.notes),
        rfcs: r.rfcs.iter().map(|k| idx.rfc(k)).collect(),
        cis: r
            .cis
            .iter()
            .map(|c| {
                let known = doc.cis.iter().find(|k| k.name == c.ci);
                CiLine {
                    name: c.ci.clone(),
                    kind: known.map_or_else(|| MISSING.into(), |k| k.kind.clone()),
                    version: or_missing(&c.version),
                    application: known.and_then(|k| k.application.as_ref()).map(|code| AppRef {
                        code: code.clone(),
                        name: doc
                            .applications
                            .iter()
                            .find(|a| &a.code == code)
                            .map_or_else(|| code.clone(), |a| a.name.clone()),
                    }),
                }
            })
            .collect(),
        baseline,
        timeline,
        events,
        moves,
        outcome,
        outcome_label: outcome.label().into(),
        outcome_explanation,
        incidents,
        upstream,
        downstream,
        violations: violations_of(&analysis, key),
    })
}

/// The milestones against the plan and against the oldest baseline that holds any of them.
fn timeline(doc: &Portfolio, r: &Release) -> (Option<String>, Vec<MilestoneLine>) {
    let baseline = doc
        .baselines
        .iter()
        .filter(|b| b.milestones.iter().any(|m| m.release == r.key))
        .min_by(|a, b| (a.taken_at, &a.name).cmp(&(b.taken_at, &b.name)));
    let days = |a: NaiveDate, b: NaiveDate| (a - b).num_days() as i32;
    let mut milestones: Vec<_> = r.milestones.iter().collect();
    milestones.sort_by_key(|m| (m.kind.clone(), m.planned_start));
    let lines = milestones
        .into_iter()
        .map(|m| {
            let then = baseline.and_then(|b| b.milestones.iter().find(|x| x.release == r.key && x.kind == m.kind));
            MilestoneLine {
                kind: m.kind.clone(),
                label: m.kind.label().into(),
                planned_start: m.planned_start,
                planned_end: m.planned_end,
                actual_start: m.actual_start,
                actual_end: m.actual_end,
                slip_days: m.actual_end.map(|a| days(a, m.planned_end)),
                baseline_start: then.map(|t| t.planned_start),
                baseline_end: then.map(|t| t.planned_end),
                baseline_slip_days: then.map(|t| days(m.actual_end.unwrap_or(m.planned_end), t.planned_end)),
            }
        })
        .collect();
    (baseline.map(|b| b.name.clone()), lines)
}

/// How the release ended, and one line saying so.
fn outcome(idx: &Index<'_>, r: &Release, live: &[&Event]) -> (Outcome, String) {
    use ReleaseStatus as S;
    let on = |e: &Event| day_label(idx.zone.day(e.at));
    // The reason without its full stop, as the sentence goes on.
    let because = |e: &Event| match e.reason.trim().trim_end_matches('.') {
        "" => String::new(),
        reason => format!(": {reason}"),
    };
    let latest = |f: &dyn Fn(&EventKind) -> bool| live.iter().rev().copied().find(|e| f(&e.what));
    match r.status {
        S::Cancelled => {
            let moved = latest(&|w| matches!(w, EventKind::Transition { to: S::Cancelled, .. }));
            let text = moved.map_or_else(|| "Cancelled.".into(), |e| format!("Cancelled on {}{}.", on(e), because(e)));
            (Outcome::Cancelled, text)
        }
        S::Rejected => {
            let d = latest(&|w| matches!(w, EventKind::CabDecision { .. }));
            let text = d.map_or_else(
                || "Rejected by the CAB.".into(),
                |e| format!("Rejected by the CAB on {}{}.", on(e), because(e)),
            );
            (Outcome::Rejected, text)
        }
        S::NotAuthorized | S::ClosedRejected => {
            let d = latest(&|w| matches!(w, EventKind::SignOff { decision: SignOffDecision::Refuse }));
            let text = d.map_or_else(
                || "Authorization was refused.".into(),
                |e| format!("Authorization refused on {}{}.", on(e), because(e)),
            );
            (Outcome::Rejected, text)
        }
        S::BackedOut | S::ClosedFailed | S::DeploymentFailed => {
            let failure = latest(&|w| {
                matches!(w, EventKind::Deployment { succeeded: false } | EventKind::Verification { passed: false })
            });
            let what = match failure {
                Some(e) if matches!(e.what, EventKind::Verification { .. }) => {
                    format!("The post-deployment verification on {} failed{}", on(e), because(e))
                }
                Some(e) => format!("The deployment on {} failed{}", on(e), because(e)),
                None => "The deployment failed".into(),
            };
            let backout =
                latest(&|w| matches!(w, EventKind::BackOut { .. })).filter(|b| failure.is_none_or(|f| b.id > f.id));
            let backed_out = r.status != S::DeploymentFailed;
            let then = match backout {
                Some(b) if matches!(b.what, EventKind::BackOut { succeeded: true }) => {
                    format!("; backed out on {}.", on(b))
                }
                Some(b) => format!("; the back-out on {} failed.", on(b)),
                None if backed_out => "; backed out.".into(),
                None => "; no back-out is recorded yet.".into(),
            };
            (if backed_out { Outcome::RolledBack } else { Outcome::Failed }, format!("{what}{then}"))
        }
        S::Deployed | S::Verified | S::EarlyLifeSupport | S::Closed => {
            let Some(d) = latest(&|w| matches!(w, EventKind::Deployment { succeeded: true })) else {
                return (Outcome::Implemented, format!("{}; no deployment outcome is recorded.", r.status.label()));
            };
            let deployed = idx.zone.day(d.at);
            match idx.promised_deployment(r) {
                None => (Outcome::Implemented, format!("Deployed on {}.", day_label(deployed))),
                Some(p) => {
                    let late = (deployed - p.date).num_days();
                    let planned = format!("{} ({})", day_label(p.date), p.label);
                    if late > 0 {
                        let n = if late == 1 { "1 day".into() } else { format!("{late} days") };
                        (
                            Outcome::ImplementedLate,
                            format!("Deployed on {}, {n} after the planned {planned}.", day_label(deployed)),
                        )
                    } else {
                        (
                            Outcome::Implemented,
                            format!("Deployed on {}, on time: planned {planned}.", day_label(deployed)),
                        )
                    }
                }
            }
        }
        s => {
            let next = idx
                .planned_deployment(r)
                .map_or(String::new(), |p| format!("; deployment planned on {} ({})", day_label(p.date), p.label));
            (Outcome::InProgress, format!("In progress: {}{next}.", s.label()))
        }
    }
}
