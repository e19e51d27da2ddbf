//! Deciding a move or a record: [`plan_move`] (the transition event to record, or the
//! [`Refusal`] naming every unmet condition), [`implied_move`] (the move a decision leads to) and
//! [`plan_record`] (whether a piece of evidence can be recorded now, and the move it completes).

use chrono::{DateTime, Utc};

use super::{Condition, Context, Gate, next_states, transition};
use crate::evidence::{CabDecision, Event, EventKind, SignOffDecision, revoked};
use crate::model::ReleaseStatus;

use ReleaseStatus as S;

/// Why a move or a record was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The lifecycle has no such move.
    Forbidden { from: ReleaseStatus, to: ReleaseStatus },
    /// The gate's conditions are not all met; `unmet` lists every one.
    Blocked { to: ReleaseStatus, gate: Gate, unmet: Vec<Condition>, overridable: bool },
    /// An override was asked for a gate the policy does not let anyone override, or whose unmet
    /// conditions include a decision (the signature) that no override can stand in for.
    NoOverride { gate: Gate, unmet: Vec<Condition> },
    /// The move or override needs a reason.
    ReasonRequired(String),
    /// The evidence cannot be recorded now, or is not valid.
    Invalid(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Forbidden { from, to } => {
                let next: Vec<&str> = next_states(*from).iter().map(|s| s.label()).collect();
                write!(f, "A release in {} cannot move to {}", from.label(), to.label())?;
                if next.is_empty() {
                    write!(f, "; {} is final.", from.label())
                } else {
                    write!(f, "; from {} it can move to: {}.", from.label(), next.join(", "))
                }
            }
            Refusal::Blocked { to, gate, unmet, overridable } => {
                let list: Vec<String> = unmet.iter().map(|c| format!("{} ({})", c.label, c.detail)).collect();
                write!(f, "Cannot move to {}: {} is not met: {}.", to.label(), gate.label(), list.join("; "))?;
                if *overridable {
                    write!(f, " The policy allows an override with a reason.")?;
                }
                Ok(())
            }
            Refusal::NoOverride { gate, unmet } => {
                let decisions: Vec<&str> = unmet
                    .iter()
                    .filter(|c| c.code == "signature" || c.code == "review")
                    .map(|c| c.label.as_str())
                    .collect();
                if decisions.is_empty() {
                    write!(f, "The policy does not allow overriding {} (Settings → Release policy).", gate.label())
                } else {
                    write!(f, "{} cannot be overridden: {} must be recorded.", gate.label(), decisions.join("; "))
                }
            }
            Refusal::ReasonRequired(what) => write!(f, "{what} needs a reason."),
            Refusal::Invalid(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    /// The unmet conditions (for a blocked move), to show one by one.
    pub fn unmet(&self) -> &[Condition] {
        match self {
            Refusal::Blocked { unmet, .. } | Refusal::NoOverride { unmet, .. } => unmet,
            _ => &[],
        }
    }
}

/// Whether a move relies on the decision the current stage rests on: the ungated moves forward
/// (Approved → Build, Authorized → Deploying, Verified → Early life support, Not authorized →
/// Closed). Gated moves judge their own evidence; going back (re-plan, rebuild) and cancelling
/// need nothing.
pub(super) fn rests_on_standing(from: ReleaseStatus, to: ReleaseStatus, gate: Option<Gate>) -> bool {
    // The start of deployment has its own gate (no blocking conflict), and still rests on the
    // authorization the stage was entered with.
    matches!(gate, None | Some(Gate::Deploy)) && !matches!(to, S::Cancelled | S::Planned) && from != S::TestFailed
}

/// Decides a move: the transition event to record, or why not. `override_gate` asks to pass a
/// gate whose conditions are unmet, which the policy must allow and which needs a reason.
pub fn plan_move(
    ctx: &Context<'_>,
    to: ReleaseStatus,
    reason: &str,
    override_gate: bool,
) -> Result<EventKind, Refusal> {
    let from = ctx.release.status;
    let gate = transition(from, to).ok_or(Refusal::Forbidden { from, to })?;
    if to == S::Cancelled && reason.trim().is_empty() {
        return Err(Refusal::ReasonRequired("Cancelling a release".into()));
    }
    // Moving on needs the decision the release stands on (a revoked CAB approval stops the build).
    if rests_on_standing(from, to, gate)
        && let Some((gate, unmet)) = ctx.standing()
    {
        return Err(Refusal::Blocked { to, gate, unmet, overridable: false });
    }
    let mut overridden = vec![];
    if let Some(gate) = gate {
        let unmet: Vec<Condition> = ctx.conditions(gate).into_iter().filter(|c| !c.met).collect();
        let overridable = ctx.overridable(gate, &unmet);
        if !unmet.is_empty() {
            if !override_gate {
                return Err(Refusal::Blocked { to, gate, unmet, overridable });
            }
            if !overridable {
                return Err(Refusal::NoOverride { gate, unmet });
            }
            if reason.trim().is_empty() {
                return Err(Refusal::ReasonRequired(format!("Overriding {}", gate.label())));
            }
            overridden = unmet.into_iter().map(|c| format!("{} ({})", c.label, c.detail)).collect();
        }
    }
    Ok(EventKind::Transition { from, to, overridden })
}

/// The move a decision leads to when its gate is then met (a CAB approval approves, a failed
/// deployment fails the deployment, ...).
pub fn implied_move(status: ReleaseStatus, what: &EventKind) -> Option<ReleaseStatus> {
    Some(match (status, what) {
        (S::SubmittedToCab, EventKind::CabDecision { decision: CabDecision::Approve, .. }) => S::Approved,
        (S::SubmittedToCab, EventKind::CabDecision { decision: CabDecision::Reject, .. }) => S::Rejected,
        (S::Test, EventKind::TestResult { passed: false, .. }) => S::TestFailed,
        (S::AwaitingAuthorization, EventKind::SignOff { decision: SignOffDecision::Authorize }) => S::Authorized,
        (S::AwaitingAuthorization, EventKind::SignOff { decision: SignOffDecision::Refuse }) => S::NotAuthorized,
        (S::Deploying, EventKind::Deployment { succeeded: true }) => S::Deployed,
        (S::Deploying, EventKind::Deployment { succeeded: false }) => S::DeploymentFailed,
        (S::DeploymentFailed, EventKind::BackOut { succeeded: true }) => S::BackedOut,
        (S::Deployed, EventKind::Verification { passed: true }) => S::Verified,
        (S::Deployed, EventKind::Verification { passed: false }) => S::DeploymentFailed,
        _ => return None,
    })
}

/// What recording a piece of evidence does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    /// The evidence as it will be stored (normalised: the CAB's and the review's emergency flags
    /// follow the release's kind).
    pub what: EventKind,
    /// The move the decision completes, when its gate is met once it is recorded.
    pub then: Option<ReleaseStatus>,
    /// The role the decision was taken in, when the matrix decides who takes it (the signing
    /// role of a sign-off, the CAB's accountable role).
    pub role: Option<String>,
}

/// Decides whether `what`, decided by `by` (an e-mail, or the profile's name), can be recorded on
/// the release now, and which move it completes.
pub fn plan_record(ctx: &Context<'_>, what: EventKind, by: &str, at: DateTime<Utc>) -> Result<Recording, Refusal> {
    if let Some(why) = crate::dates::check_utc(at) {
        return Err(Refusal::Invalid(format!("A decision cannot be recorded at that time: {why}.")));
    }
    let status = ctx.release.status;
    let mut role = None;
    let what = match what {
        EventKind::CabDecision { decision, .. } => EventKind::CabDecision { decision, emergency: ctx.emergency() },
        EventKind::Review { .. } => EventKind::Review { retrospective: ctx.emergency() },
        EventKind::Incident { priority, reference, opened, caused_by_release } => {
            EventKind::Incident { priority, reference: reference.trim().to_owned(), opened, caused_by_release }
        }
        other => other,
    };
    match &what {
        EventKind::Transition { .. } => {
            return Err(Refusal::Invalid(
                "A move is made with a step of the lifecycle, not recorded as evidence.".into(),
            ));
        }
        EventKind::Revocation { revokes } => {
            let target =
                ctx.events.iter().find(|e| e.id == *revokes).ok_or_else(|| {
                    Refusal::Invalid(format!("{} has no event #{revokes} to revoke.", ctx.release.key))
                })?;
            if !target.what.revocable() {
                return Err(Refusal::Invalid(format!(
                    "#{revokes} ({}) cannot be revoked: only decisions and evidence can.",
                    target.what.summary()
                )));
            }
            if revoked(ctx.events).contains(revokes) {
                return Err(Refusal::Invalid(format!("#{revokes} is already revoked.")));
            }
            return Ok(Recording { what, then: None, role: None });
        }
        EventKind::IncidentClosed { incident } => {
            if !ctx.open_incidents().any(|e| e.id == *incident) {
                return Err(Refusal::Invalid(format!("#{incident} is not an open incident of {}.", ctx.release.key)));
            }
            return Ok(Recording { what, then: None, role: None });
        }
        EventKind::Incident { reference, opened, .. } => {
            let reference = reference.trim();
            let max = crate::input::REFERENCE_MAX_LEN;
            if reference.is_empty() || reference.chars().take(max + 1).count() > max {
                return Err(Refusal::Invalid(format!(
                    "An incident needs its reference (1 to {max} characters, e.g. INC-20417); this one has {}.",
                    reference.chars().count()
                )));
            }
            if let Some(why) = crate::dates::check_utc(*opened) {
                return Err(Refusal::Invalid(format!("The incident's opening time is out of range: {why}.")));
            }
            if *opened > at {
                return Err(Refusal::Invalid(format!(
                    "The incident cannot open in the future ({}).",
                    opened.format("%Y-%m-%d %H:%M UTC")
                )));
            }
        }
        EventKind::SignOff { .. } => {
            let signers = ctx.deciders.sign_off.as_ref().map_err(|why| {
                Refusal::Invalid(format!("Nobody can sign off {} for authorization: {why}", ctx.release.key))
            })?;
            if !signers.includes(by) {
                return Err(Refusal::Invalid(format!(
                    "Only {} can sign off {} for authorization (the {} of “{}” in the matrix); not {by}.",
                    signers.describe(),
                    ctx.release.key,
                    signers.code.as_str(),
                    signers.activity_name
                )));
            }
            role = Some(signers.role.key.clone());
        }
        EventKind::CabDecision { .. } => {
            let member = ctx.policy.cab_members.iter().any(|m| m.eq_ignore_ascii_case(by));
            match &ctx.deciders.cab {
                Ok(s) if s.includes(by) => role = Some(s.role.key.clone()),
                _ if member => {}
                Ok(s) => {
                    let mut who = s.describe();
                    if !ctx.policy.cab_members.is_empty() {
                        who.push_str(&format!(
                            " or a CAB member the policy names ({})",
                            ctx.policy.cab_members.join(", ")
                        ));
                    }
                    return Err(Refusal::Invalid(format!(
                        "Only {who} can record the CAB's decision on {} (the A of “{}” in the matrix); not {by}.",
                        ctx.release.key, s.activity_name
                    )));
                }
                Err(why) => {
                    return Err(Refusal::Invalid(format!(
                        "Nobody can record the CAB's decision on {}: {why}",
                        ctx.release.key
                    )));
                }
            }
        }
        _ => {}
    }
    let kind = what.evidence_type().expect("moves and revocations are handled above");
    if !ctx.accepts(kind) {
        return Err(Refusal::Invalid(format!(
            "A {} cannot be recorded while {} is in {}.",
            kind.label().to_lowercase(),
            ctx.release.key,
            status.label()
        )));
    }
    let then = implied_move(status, &what).filter(|&to| {
        let mut events = ctx.events.to_vec();
        events.push(Event {
            id: events.last().map_or(1, |e| e.id + 1),
            release: ctx.release.key.clone(),
            at,
            by: String::new(),
            role: role.clone(),
            what: what.clone(),
            reason: String::new(),
            conditions: String::new(),
        });
        let after = Context { events: &events, ..*ctx };
        transition(status, to).is_some_and(|gate| gate.is_none_or(|g| after.conditions(g).iter().all(|c| c.met)))
    });
    Ok(Recording { what, then, role })
}
