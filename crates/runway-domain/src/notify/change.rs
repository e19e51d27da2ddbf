//! What happened to a release, as facts ready for a message's placeholders: [`changes`] between
//! two states of a release (status, deployment window, a milestone others depend on), and the
//! changes no edit makes: a gate decision ([`decision`]), an overdue stage ([`overdue`]), a CAB
//! agenda ([`cab_agenda`]). Times are shown in the plan's zone; a missing fact is `—`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use super::{Method, Trigger, milestone_activity, stage_activity};
use crate::calendar::PlanZone;
use crate::evidence::{Event, EventKind};
use crate::lifecycle::Assessment;
use crate::matrix::{ACTIVITY_AUTHORIZE, ACTIVITY_CAB, ACTIVITY_DEPLOY};
use crate::model::{Application, Environment, MilestoneKind, Person, Release, ReleaseStatus, Window};
use crate::report::MISSING;
use crate::schedule::Dependency;

/// What the facts are read against: the plan's zone and reference data, and who made the change,
/// when and why (the caller's: the actor of the write, its time, the reason given).
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub zone: PlanZone,
    pub applications: &'a [Application],
    pub environments: &'a [Environment],
    pub people: &'a [Person],
    /// Who made the change: an e-mail (shown by the person's name when the plan knows it) or a
    /// profile's name.
    pub by: &'a str,
    pub reason: &'a str,
    pub at: DateTime<Utc>,
}

impl Context<'_> {
    /// A person's name for an e-mail, or the text as it is.
    pub fn name_of(&self, who: &str) -> String {
        self.people
            .iter()
            .find(|p| p.email.eq_ignore_ascii_case(who))
            .map_or_else(|| who.to_owned(), |p| p.name.clone())
    }

    fn applications(&self, r: &Release) -> String {
        let names: Vec<String> = r
            .applications
            .iter()
            .map(|code| match self.applications.iter().find(|a| &a.code == code) {
                Some(a) => format!("{} ({code})", a.name),
                None => code.clone(),
            })
            .collect();
        or_missing(names.join(", "))
    }

    /// Whether the release deploys to a production environment.
    fn production(&self, r: &Release) -> bool {
        r.environments.iter().any(|e| self.environments.iter().any(|x| &x.name == e && x.production))
    }

    fn when(&self, t: DateTime<Utc>) -> String {
        self.zone.local(t).format("%a %-d %b %Y %H:%M").to_string()
    }

    fn window(&self, w: Option<Window>) -> String {
        w.map_or_else(|| MISSING.to_owned(), |w| when_range(w.start, w.end))
    }
}

/// What happened, with every placeholder's value for its trigger, in the order of
/// [`super::placeholders`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub trigger: Trigger,
    /// The matrix activity whose people hear of it.
    pub activity: String,
    /// The release's key; none for a CAB agenda, which concerns many.
    pub release: Option<String>,
    /// Each placeholder's value (`("release", "REL-1")`), display-ready.
    pub facts: Vec<(String, String)>,
    /// The release's deployment window as instants, when it has one (after the change).
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The calendar invitation the message carries: a request for a production window scheduled
    /// or moved, a cancellation for one removed or a release cancelled with one.
    pub invite: Option<Method>,
    /// The keys of the releases that depend on what moved.
    pub dependents: Vec<String>,
}

impl Change {
    /// A placeholder's value.
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn or_missing(s: String) -> String {
    if s.trim().is_empty() { MISSING.to_owned() } else { s }
}

/// A window in the plan's local time: `Tue 12 Jan 2027 20:00–22:00`; overnight (ending the next
/// day, less than a day long) `Tue 12 Jan 2027 22:00–02:00`; longer `Tue 12 Jan 2027 22:00 to Thu
/// 14 Jan 2027 02:00`.
pub fn when_range(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let from = start.format("%a %-d %b %Y %H:%M");
    let overnight = end.date().pred_opt() == Some(start.date()) && end.time() <= start.time();
    if end.date() == start.date() || overnight {
        format!("{from}–{}", end.format("%H:%M"))
    } else {
        format!("{from} to {}", end.format("%a %-d %b %Y %H:%M"))
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

fn days(from: NaiveDate, to: NaiveDate) -> String {
    if from == to { day(from) } else { format!("{} to {}", day(from), day(to)) }
}

/// The facts every change of a release has, first.
fn base(r: &Release, cx: &Context<'_>) -> Vec<(String, String)> {
    vec![
        ("release".into(), r.key.clone()),
        ("title".into(), r.title.clone()),
        ("applications".into(), cx.applications(r)),
        ("stage".into(), r.status.label().to_owned()),
        ("window".into(), cx.window(r.window)),
        ("zone".into(), cx.zone.name().to_owned()),
    ]
}

fn push(facts: &mut Vec<(String, String)>, items: &[(&str, String)]) {
    facts.extend(items.iter().map(|(n, v)| ((*n).to_owned(), or_missing(v.clone()))));
}

fn instants(r: &Release, cx: &Context<'_>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    r.window.map(|w| (cx.zone.instant(w.start), cx.zone.instant(w.end)))
}

fn change(trigger: Trigger, activity: &str, r: &Release, cx: &Context<'_>, more: &[(&str, String)]) -> Change {
    let mut facts = base(r, cx);
    push(&mut facts, more);
    Change {
        trigger,
        activity: activity.to_owned(),
        release: Some(r.key.clone()),
        facts,
        window: instants(r, cx),
        invite: None,
        dependents: vec![],
    }
}

/// What moved between two states of a release (`before` and `after`, the same key), in this
/// order: its status (a cancellation is [`Trigger::Cancelled`], with a cancellation of the
/// invitation when it had a window), its deployment window (scheduled, moved or removed: a
/// [`Trigger::Downtime`] with an invitation when the release deploys to production, else a
/// [`Trigger::DateMoved`]), and each milestone that another release depends on (`dependencies`
/// are the plan's; a dependency on the whole release counts its deployment window and, without
/// one, its milestones' span) whose planned dates moved.
pub fn changes(before: &Release, after: &Release, dependencies: &[Dependency], cx: &Context<'_>) -> Vec<Change> {
    let mut out = vec![];
    let common =
        |cx: &Context<'_>| [("who", cx.name_of(cx.by)), ("when", cx.when(cx.at)), ("reason", cx.reason.to_owned())];
    if before.status != after.status {
        let [who, when, reason] = common(cx);
        if after.status == ReleaseStatus::Cancelled {
            let mut c = change(
                Trigger::Cancelled,
                "plan",
                after,
                cx,
                &[("before", before.status.label().to_owned()), who, when, reason],
            );
            if after.window.is_some() && cx.production(after) {
                c.invite = Some(Method::Cancel);
            }
            out.push(c);
        } else {
            let more = [
                ("before", before.status.label().to_owned()),
                ("after", after.status.label().to_owned()),
                who,
                when,
                reason,
            ];
            out.push(change(Trigger::StatusChanged, stage_activity(after.status), after, cx, &more));
        }
    }
    if before.window != after.window && after.status != ReleaseStatus::Cancelled {
        let [who, when, reason] = common(cx);
        let what = "deployment window".to_owned();
        let deps = dependents_of(&after.key, None, dependencies);
        let more = [
            ("what", what),
            ("before", cx.window(before.window)),
            ("after", cx.window(after.window)),
            ("environments", after.environments.join(", ")),
            ("risk", after.risk.label().to_owned()),
            ("backout", after.backout_plan.clone()),
            ("dependents", deps.join(", ")),
            who,
            when,
            reason,
        ];
        let production = cx.production(after) || cx.production(before);
        let trigger = if production { Trigger::Downtime } else { Trigger::DateMoved };
        let mut c = change(trigger, ACTIVITY_DEPLOY, after, cx, &more);
        if production {
            c.invite = Some(if after.window.is_some() { Method::Request } else { Method::Cancel });
            if c.window.is_none() {
                c.window = instants(before, cx);
            }
        }
        c.dependents = deps;
        out.push(c);
    }
    if after.status != ReleaseStatus::Cancelled {
        out.extend(milestones_moved(before, after, dependencies, cx));
    }
    out
}

/// The other releases (their milestones, `REL-2 build`) that depend on `key`'s milestone `kind`
/// (or on the whole release, for `None`), each once, in the dependencies' order.
fn dependents_of(key: &str, kind: Option<MilestoneKind>, dependencies: &[Dependency]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for d in dependencies.iter().filter(|d| d.from.release == key && d.from.milestone == kind && d.to.release != key) {
        let to = d.to.to_string();
        if !out.contains(&to) {
            out.push(to);
        }
    }
    out
}

fn milestones_moved(before: &Release, after: &Release, dependencies: &[Dependency], cx: &Context<'_>) -> Vec<Change> {
    let mut out = vec![];
    for m in &after.milestones {
        let Some(old) = before.milestones.iter().find(|o| o.kind == m.kind) else { continue };
        if (old.planned_start, old.planned_end) == (m.planned_start, m.planned_end) {
            continue;
        }
        let mut deps = dependents_of(&after.key, Some(m.kind.clone()), dependencies);
        if after.window.is_none() && span(before) != span(after) {
            // A dependency on the whole release hangs on its milestones' span when it has no window.
            for d in dependents_of(&after.key, None, dependencies) {
                if !deps.contains(&d) {
                    deps.push(d);
                }
            }
        }
        if deps.is_empty() {
            continue;
        }
        let more = [
            ("what", format!("{} milestone", m.kind.label())),
            ("before", days(old.planned_start, old.planned_end)),
            ("after", days(m.planned_start, m.planned_end)),
            ("environments", after.environments.join(", ")),
            ("risk", after.risk.label().to_owned()),
            ("backout", after.backout_plan.clone()),
            ("dependents", deps.join(", ")),
            ("who", cx.name_of(cx.by)),
            ("when", cx.when(cx.at)),
            ("reason", cx.reason.to_owned()),
        ];
        let mut c = change(Trigger::DateMoved, milestone_activity(&m.kind), after, cx, &more);
        c.dependents = deps;
        out.push(c);
    }
    out
}

fn span(r: &Release) -> Option<(NaiveDate, NaiveDate)> {
    let from = r.milestones.iter().map(|m| m.planned_start).min()?;
    let to = r.milestones.iter().map(|m| m.planned_end).max()?;
    Some((from, to))
}

/// The change a gate decision makes: a CAB decision (the `cab` activity) or a sign-off for
/// authorization (`authorize`), by the event's author, at its time, with its reason and
/// conditions; `release` is the release after the decision (and the move it implied). Other
/// events make no such change.
pub fn decision(event: &Event, release: &Release, cx: &Context<'_>) -> Option<Change> {
    let (activity, words) = match &event.what {
        EventKind::CabDecision { .. } => (ACTIVITY_CAB, event.what.summary()),
        EventKind::SignOff { .. } => (ACTIVITY_AUTHORIZE, event.what.summary()),
        _ => return None,
    };
    let more = [
        ("decision", words),
        ("who", cx.name_of(&event.by)),
        ("when", cx.when(event.at)),
        ("reason", event.reason.clone()),
        ("conditions", event.conditions.clone()),
    ];
    Some(change(Trigger::GateDecision, activity, release, cx, &more))
}

/// A release overdue in its stage: `days` in it (since `since`), where the policy allows `limit`.
pub fn overdue(release: &Release, days: i64, limit: u32, since: DateTime<Utc>, cx: &Context<'_>) -> Change {
    let more = [("days", days.to_string()), ("limit", limit.to_string()), ("since", cx.when(since))];
    change(Trigger::Overdue, stage_activity(release.status), release, cx, &more)
}

/// [`overdue`] from a release's assessment; none when it is not overdue.
pub fn overdue_from(release: &Release, a: &Assessment, cx: &Context<'_>) -> Option<Change> {
    let limit = a.limit_days.filter(|_| a.overdue)?;
    Some(overdue(release, a.days_in_state, limit, a.since, cx))
}

/// The CAB agenda for the days `from` to `to`: one line per release (in the order given; the
/// caller picks them, as the CAB pack does), with its applications, stage, deployment window and
/// risk. It concerns no one release: its audience is the CAB activity's for the portfolio.
pub fn cab_agenda(releases: &[&Release], from: NaiveDate, to: NaiveDate, cx: &Context<'_>) -> Change {
    let lines: Vec<String> = releases
        .iter()
        .map(|r| {
            format!(
                "- {} {} ({}): {}; deployment window {}; risk {}",
                r.key,
                r.title,
                cx.applications(r),
                r.status.label(),
                cx.window(r.window),
                r.risk.label()
            )
        })
        .collect();
    let facts = [
        ("period", days(from, to)),
        ("count", releases.len().to_string()),
        ("agenda", if lines.is_empty() { "No release awaits the CAB.".to_owned() } else { lines.join("\n") }),
        ("zone", cx.zone.name().to_owned()),
    ];
    Change {
        trigger: Trigger::CabAgenda,
        activity: ACTIVITY_CAB.to_owned(),
        release: None,
        facts: facts.iter().map(|(n, v)| ((*n).to_owned(), v.clone())).collect(),
        window: None,
        invite: None,
        dependents: vec![],
    }
}
