//! The CAB pack and the CAB minutes (D9).
//!
//! The pack's agenda is every release awaiting the board's decision — submitted to CAB, or with
//! its CAB planned in the period and no decision since it was (re-)planned — each with what the
//! board weighs: the gate as the app judges it, conflicts, dependencies, the backout plan and the
//! test evidence. The minutes are the decisions the board recorded in the period.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::{Index, violations_of};
use super::period::day_label;
use super::{
    DependencyLine, MISSING, Period, PersonRef, ReleaseLine, RfcLine, ViolationLine, or_missing, window_label,
};
use crate::calendar::{self, Conflict};
use crate::evidence::{CabDecision, Event, EventKind, TestKind};
use crate::lifecycle::{Condition, Context, Gate, Step, assess, step_label};
use crate::model::{MilestoneKind, Release, ReleaseKind, ReleaseStatus, Risk, Window};
use crate::portfolio::Portfolio;
use crate::schedule;

/// A gate as the app judges it today: every condition, met or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GateCheck {
    pub to: ReleaseStatus,
    /// The step's words ("Submit to CAB", "Approve").
    pub step: String,
    pub gate: Option<Gate>,
    pub gate_label: String,
    pub conditions: Vec<Condition>,
    /// The unmet conditions as the app words a refusal: "label (detail)".
    pub unmet: Vec<String>,
    pub allowed: bool,
    /// Blocked, but the policy allows an override with a reason.
    pub overridable: bool,
}

/// The latest result of one kind of test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TestEvidence {
    pub test: TestKind,
    pub label: String,
    /// The policy requires it before authorization.
    pub required: bool,
    pub passed: Option<bool>,
    /// "Passed", "Failed" or "Not recorded".
    pub result_label: String,
    pub at: Option<DateTime<Utc>>,
    pub by_name: String,
}

/// A CAB decision as the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionLine {
    pub id: u64,
    pub release: String,
    pub title: String,
    pub decision: CabDecision,
    pub decision_label: String,
    pub emergency: bool,
    pub by: String,
    pub by_name: String,
    /// The key of the role it was decided in.
    pub role: Option<String>,
    pub role_label: String,
    pub at: DateTime<Utc>,
    /// "—" when none was given.
    pub reason: String,
    /// The conditions attached ("approved on condition that …"); empty when none.
    pub conditions: String,
}

/// One release on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub release: ReleaseLine,
    pub kind_label: String,
    /// An emergency release (for the emergency CAB).
    pub emergency: bool,
    pub risk: Risk,
    pub risk_label: String,
    pub window: Option<Window>,
    pub window_label: String,
    pub planned_deployment: Option<NaiveDate>,
    /// The CAB milestone's planned day.
    pub cab_planned: Option<NaiveDate>,
    /// Why it is on the agenda: "Submitted to CAB on 3 Feb 2027", "CAB planned on …".
    pub why: String,
    pub owner: Option<PersonRef>,
    pub manager: Option<PersonRef>,
    pub rfcs: Vec<RfcLine>,
    /// The next move on the lifecycle track and its gate (for a submitted release, the approval).
    pub next_move: Option<GateCheck>,
    /// The submission gate judged today: RFC, backout plan, acceptance criteria, lead time.
    pub readiness: GateCheck,
    /// Conditions overridden when it was submitted.
    pub overridden_at_submission: Vec<String>,
    /// The app's warnings (overdue, window passed, too late for the lead time, …).
    pub warnings: Vec<String>,
    /// Earlier CAB decisions on it (a deferral, a rejection before a resubmission).
    pub previous_decisions: Vec<DecisionLine>,
    pub violations: Vec<ViolationLine>,
    /// The forward schedule's conflicts that involve it (D6): what else changes that night,
    /// the windows it falls in, the environments it overbooks.
    pub conflicts: Vec<Conflict>,
    pub upstream: Vec<DependencyLine>,
    pub downstream: Vec<DependencyLine>,
    pub backout_plan: String,
    pub backout_tested: bool,
    /// Every kind of test, required or recorded, with its latest result.
    pub tests: Vec<TestEvidence>,
}

/// The CAB pack of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CabPack {
    pub plan: String,
    pub period: Period,
    pub today: NaiveDate,
    /// By planned deployment (releases without one last), then key.
    pub items: Vec<AgendaItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionCount {
    pub decision: CabDecision,
    pub label: String,
    pub count: u32,
}

/// The CAB minutes of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CabMinutes {
    pub plan: String,
    pub period: Period,
    /// Every decision recorded in the period and not revoked, in the order taken.
    pub decisions: Vec<DecisionLine>,
    /// Approve, reject, defer.
    pub counts: Vec<DecisionCount>,
    /// Decisions of the emergency CAB.
    pub emergency: u32,
}

/// The CAB pack: the agenda of `period` as it stands on `today`.
pub fn cab_pack(doc: &Portfolio, period: &Period, today: NaiveDate) -> CabPack {
    let idx = Index::new(doc);
    let analysis = schedule::analyse(&doc.releases, &doc.dependencies);
    let conflicts = calendar::portfolio_conflicts(doc);
    let mut items: Vec<AgendaItem> = doc
        .releases
        .iter()
        .filter_map(|r| on_agenda(&idx, r, period).map(|why| (r, why)))
        .map(|(r, why)| {
            let (upstream, downstream) = idx.dependencies(&r.key, &analysis);
            let mine: Vec<Conflict> = conflicts.iter().filter(|c| c.involves(&r.key)).cloned().collect();
            AgendaItem {
                violations: violations_of(&analysis, &r.key),
                upstream,
                downstream,
                ..item(&idx, r, why, today, mine)
            }
        })
        .collect();
    items.sort_by(|a, b| {
        (a.planned_deployment.is_none(), a.planned_deployment, &a.release.key).cmp(&(
            b.planned_deployment.is_none(),
            b.planned_deployment,
            &b.release.key,
        ))
    });
    CabPack { plan: doc.name.clone(), period: period.clone(), today, items }
}

/// Why `r` is on the agenda, or None when it is not.
fn on_agenda(idx: &Index<'_>, r: &Release, period: &Period) -> Option<String> {
    let events = idx.events(&r.key);
    if r.status == ReleaseStatus::SubmittedToCab {
        let submitted = events
            .iter()
            .rev()
            .find(|e| matches!(e.what, EventKind::Transition { to: ReleaseStatus::SubmittedToCab, .. }));
        return Some(submitted.map_or_else(
            || "Submitted to CAB".into(),
            |e| format!("Submitted to CAB on {}", day_label(idx.zone.day(e.at))),
        ));
    }
    if !matches!(r.status, ReleaseStatus::Draft | ReleaseStatus::Planned) {
        return None;
    }
    let cab = r.milestones.iter().find(|m| m.kind == MilestoneKind::Cab)?;
    if !period.overlaps(cab.planned_start, cab.planned_end) {
        return None;
    }
    let planned = events
        .iter()
        .rposition(|e| matches!(e.what, EventKind::Transition { to: ReleaseStatus::Planned, .. }))
        .map_or(0, |i| i + 1);
    let decided = events[planned..].iter().any(|e| idx.is_live(e) && matches!(e.what, EventKind::CabDecision { .. }));
    (!decided)
        .then(|| format!("CAB planned on {}; not yet submitted ({})", day_label(cab.planned_end), r.status.label()))
}

fn gate_check(step: Step) -> GateCheck {
    GateCheck {
        unmet: step.conditions.iter().filter(|c| !c.met).map(|c| format!("{} ({})", c.label, c.detail)).collect(),
        gate_label: step.gate.map_or(MISSING, |g| g.label()).into(),
        to: step.to,
        step: step.label,
        gate: step.gate,
        conditions: step.conditions,
        allowed: step.allowed,
        overridable: step.overridable,
    }
}

/// The agenda item without what needs the whole plan (conflicts and dependencies).
fn item(idx: &Index<'_>, r: &Release, why: String, today: NaiveDate, conflicts: Vec<Conflict>) -> AgendaItem {
    let events: Vec<Event> = idx.events(&r.key).iter().map(|e| (*e).clone()).collect();
    let created = events.first().map_or_else(|| today.and_time(chrono::NaiveTime::MIN).and_utc(), |e| e.at);
    let deciders = idx.deciders(r);
    let ctx = Context {
        release: r,
        events: &events,
        policy: &idx.policy,
        today,
        created,
        zone: idx.zone,
        conflicts: &conflicts,
        deciders: &deciders,
    };
    let a = assess(&ctx);
    let next_move = a.steps.into_iter().find(|s| s.to != ReleaseStatus::Cancelled).map(gate_check);
    let emergency = r.kind == ReleaseKind::Emergency;
    let conditions = ctx.conditions(Gate::Submit);
    let allowed = conditions.iter().all(|c| c.met);
    let readiness = gate_check(Step {
        to: ReleaseStatus::SubmittedToCab,
        label: step_label(ReleaseStatus::Planned, ReleaseStatus::SubmittedToCab, emergency).into(),
        gate: Some(Gate::Submit),
        overridable: !allowed && idx.policy.overridable.contains(&Gate::Submit),
        conditions,
        allowed,
        needs_reason: false,
    });
    let overridden_at_submission = events
        .iter()
        .rev()
        .find_map(|e| match &e.what {
            EventKind::Transition { to: ReleaseStatus::SubmittedToCab, overridden, .. } => Some(overridden.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let live: Vec<&Event> = idx.live(&r.key).collect();
    let required = |t: TestKind| t == TestKind::Backout || idx.policy.required_tests.contains(&t);
    let tests = TestKind::ALL
        .iter()
        .filter_map(|&t| {
            let latest = live.iter().rev().find_map(|e| match e.what {
                EventKind::TestResult { test, passed } if test == t => Some((*e, passed)),
                _ => None,
            });
            (latest.is_some() || required(t)).then(|| TestEvidence {
                test: t,
                label: t.label().into(),
                required: required(t),
                passed: latest.map(|(_, p)| p),
                result_label: match latest {
                    Some((_, true)) => "Passed",
                    Some((_, false)) => "Failed",
                    None => "Not recorded",
                }
                .into(),
                at: latest.map(|(e, _)| e.at),
                by_name: latest.map_or_else(|| MISSING.into(), |(e, _)| idx.who(&e.by)),
            })
        })
        .collect();
    AgendaItem {
        release: idx.line(r),
        kind_label: r.kind.label().into(),
        emergency,
        risk: r.risk,
        risk_label: r.risk.label().into(),
        window: r.window,
        window_label: window_label(r.window.as_ref()),
        planned_deployment: idx.planned_deployment(r).map(|p| p.date),
        cab_planned: r.milestones.iter().find(|m| m.kind == MilestoneKind::Cab).map(|m| m.planned_end),
        why,
        owner: r.owner.as_deref().and_then(|p| idx.person(p)),
        manager: r.manager.as_deref().and_then(|p| idx.person(p)),
        rfcs: r.rfcs.iter().map(|k| idx.rfc(k)).collect(),
        next_move,
        readiness,
        overridden_at_submission,
        warnings: a.warnings,
        previous_decisions: live.iter().filter_map(|e| decision_line(idx, e)).collect(),
        violations: vec![],
        conflicts,
        upstream: vec![],
        downstream: vec![],
        backout_plan: or_missing(&r.backout_plan),
        backout_tested: r.backout_tested,
        tests,
    }
}

fn decision_line(idx: &Index<'_>, e: &Event) -> Option<DecisionLine> {
    let EventKind::CabDecision { decision, emergency } = e.what else { return None };
    Some(DecisionLine {
        id: e.id,
        release: e.release.clone(),
        title: idx.release(&e.release).map_or_else(|| MISSING.into(), |r| r.title.clone()),
        decision,
        decision_label: decision.label().into(),
        emergency,
        by: e.by.clone(),
        by_name: idx.who(&e.by),
        role: e.role.clone(),
        role_label: idx.role_label(e.role.as_deref()),
        at: e.at,
        reason: or_missing(&e.reason),
        conditions: e.conditions.trim().to_owned(),
    })
}

/// The CAB minutes: every decision recorded in `period` and not revoked, in the order taken.
pub fn cab_minutes(doc: &Portfolio, period: &Period) -> CabMinutes {
    let idx = Index::new(doc);
    let mut decisions: Vec<DecisionLine> = doc
        .events
        .iter()
        .filter(|e| period.contains(idx.zone.day(e.at)) && !idx.revoked.contains(&e.id))
        .filter_map(|e| decision_line(&idx, e))
        .collect();
    decisions.sort_by_key(|d| (d.at, d.id));
    let counts = CabDecision::ALL
        .iter()
        .map(|&d| DecisionCount {
            decision: d,
            label: d.label().into(),
            count: u32::try_from(decisions.iter().filter(|x| x.decision == d).count()).unwrap_or(u32::MAX),
        })
        .collect();
    let emergency = u32::try_from(decisions.iter().filter(|d| d.emergency).count()).unwrap_or(u32::MAX);
    CabMinutes { plan: doc.name.clone(), period: period.clone(), decisions, counts, emergency }
}
