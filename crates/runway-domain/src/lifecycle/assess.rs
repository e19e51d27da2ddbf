//! How a release stands under the policy: [`assess`] gives its stage, the days in it, whether it
//! is overdue, the steps it can take next, the policy [`Breach`]es and the warnings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[cfg(doc)]
use super::TRACK;
use super::decide::rests_on_standing;
use super::{CANCELLABLE, Condition, Context, Gate, is_final, next_states, step_label, track_position, transition};
use crate::evidence::{Event, EventKind, EvidenceType};
use crate::model::ReleaseStatus;

use ReleaseStatus as S;

labelled_enum!(
    /// A way a release breaks the release policy (seed 003's KPIs count them).
    Breach {
        NoRfc => "no_rfc", "No RFC linked";
        NoBackout => "no_backout", "No backout plan";
        Untested => "untested", "Not adequately tested";
        Overridden => "overridden", "A gate was overridden";
    }
);

/// A move the release can make now, or could once its gate is met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Step {
    pub to: ReleaseStatus,
    /// The button's words.
    pub label: String,
    pub gate: Option<Gate>,
    /// The gate's conditions, met or not.
    pub conditions: Vec<Condition>,
    pub allowed: bool,
    /// Blocked, but the policy allows an override with a reason.
    pub overridable: bool,
    /// The move needs a reason (cancelling).
    pub needs_reason: bool,
}

/// How a release stands: its stage, how long it has been there, what it can do next and what is
/// wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Assessment {
    pub key: String,
    pub status: ReleaseStatus,
    pub emergency: bool,
    /// When the release entered its stage, UTC.
    pub since: DateTime<Utc>,
    #[ts(type = "number")]
    pub days_in_state: i64,
    pub limit_days: Option<u32>,
    pub overdue: bool,
    /// Position on the lifecycle track ([`TRACK`]).
    pub track_position: u32,
    pub steps: Vec<Step>,
    /// The evidence that can be recorded now.
    pub can_record: Vec<EvidenceType>,
    pub breaches: Vec<Breach>,
    /// Overdue, window passed, late for CAB, open incidents: one sentence each.
    pub warnings: Vec<String>,
}

/// The stages at or after authorization, which should rest on passed tests.
const AFTER_AUTHORIZATION: &[ReleaseStatus] = &[
    S::Authorized,
    S::Deploying,
    S::Deployed,
    S::DeploymentFailed,
    S::BackedOut,
    S::Verified,
    S::EarlyLifeSupport,
    S::Closed,
    S::ClosedFailed,
];

/// Assesses a release under the policy on `ctx.today`.
pub fn assess(ctx: &Context<'_>) -> Assessment {
    let r = ctx.release;
    let status = r.status;
    let since = ctx.since();
    let days_in_state = (ctx.today - ctx.zone.day(since)).num_days().max(0);
    let limit_days = if is_final(status) { None } else { ctx.policy.limit(status) };
    let overdue = limit_days.is_some_and(|l| days_in_state > i64::from(l));
    let emergency = ctx.emergency();

    let standing = ctx.standing();
    let steps = next_states(status)
        .into_iter()
        .map(|to| {
            let gate = transition(status, to).flatten();
            let mut conditions = gate.map(|g| ctx.conditions(g)).unwrap_or_default();
            let stopped = standing.as_ref().filter(|_| rests_on_standing(status, to, gate));
            if let Some((_, unmet)) = stopped {
                conditions.splice(0..0, unmet.iter().cloned());
            }
            let allowed = conditions.iter().all(|c| c.met);
            let unmet: Vec<Condition> = conditions.iter().filter(|c| !c.met).cloned().collect();
            Step {
                to,
                label: step_label(status, to, emergency).into(),
                gate,
                overridable: !allowed && stopped.is_none() && gate.is_some_and(|g| ctx.overridable(g, &unmet)),
                needs_reason: to == S::Cancelled,
                conditions,
                allowed,
            }
        })
        .collect();
    let can_record = EvidenceType::ALL.iter().copied().filter(|&t| ctx.accepts(t)).collect();

    let active = !matches!(status, S::Draft | S::Cancelled | S::ClosedRejected);
    let mut breaches = vec![];
    if active && r.rfcs.is_empty() {
        breaches.push(Breach::NoRfc);
    }
    if active && r.backout_plan.trim().is_empty() {
        breaches.push(Breach::NoBackout);
    }
    if AFTER_AUTHORIZATION.contains(&status) {
        let tested = ctx.test_conditions().iter().all(|c| c.met) && ctx.backout_condition().met;
        if !tested {
            breaches.push(Breach::Untested);
        }
    }
    if ctx.events.iter().any(|e| matches!(&e.what, EventKind::Transition { overridden, .. } if !overridden.is_empty()))
    {
        breaches.push(Breach::Overridden);
    }

    let mut warnings = vec![];
    if let Some(limit) = limit_days.filter(|_| overdue) {
        warnings.push(format!("Overdue in stage: {} for {days_in_state} days; the limit is {limit}.", status.label()));
    }
    if let Some(w) = r.window {
        let days = (w.start.date() - ctx.today).num_days();
        let before_deploy = CANCELLABLE.contains(&status);
        if before_deploy && w.end.date() < ctx.today {
            warnings.push(format!("The planned deployment window ({}) has passed.", w.start.date()));
        } else if !emergency && matches!(status, S::Draft | S::Planned) && days < i64::from(ctx.policy.lead_time_days) {
            warnings.push(format!(
                "Too late for the {}-day CAB lead time: the window is {}.",
                ctx.policy.lead_time_days,
                match days {
                    d if d < 0 => format!("{} days ago", -d),
                    0 => "today".into(),
                    1 => "tomorrow".into(),
                    d => format!("in {d} days"),
                }
            ));
        }
    }
    // The decision a move rested on may have been revoked since (a CAB approval withdrawn after
    // the release moved to Approved): say so; the release cannot move on until it holds again.
    if let Some((gate, unmet)) = &standing {
        let unmet: Vec<&str> = unmet.iter().map(|c| c.label.as_str()).collect();
        warnings.push(format!(
            "{} no longer holds since the move to {} (evidence revoked?): {}. Record it again, or cancel the release.",
            gate.label(),
            status.label(),
            unmet.join("; ")
        ));
    }
    let open: Vec<&Event> = ctx
        .open_incidents()
        .filter(|e| matches!(e.what, EventKind::Incident { caused_by_release: true, .. }))
        .collect();
    if !open.is_empty() {
        warnings.push(format!(
            "{} incident{} caused by the release still open.",
            open.len(),
            if open.len() == 1 { " is" } else { "s are" }
        ));
    }

    Assessment {
        key: r.key.clone(),
        status,
        emergency,
        since,
        days_in_state,
        limit_days,
        overdue,
        track_position: track_position(if status == S::Cancelled {
            ctx.events
                .iter()
                .rev()
                .find_map(|e| match e.what {
                    EventKind::Transition { from, to: S::Cancelled, .. } => Some(from),
                    _ => None,
                })
                .unwrap_or(status)
        } else {
            status
        }) as u32,
        steps,
        can_record,
        breaches,
        warnings,
    }
}
