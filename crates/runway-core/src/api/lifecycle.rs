//! The lifecycle on the Planner: moves, decisions and evidence, the policy, status and the
//! dashboard. The rules are runway-domain's; here they are applied to the plan in one write.

use chrono::{Datelike, Duration, NaiveDate};

use runway_domain::lifecycle::Deciders;
use runway_domain::lifecycle::{self, Context};
use runway_domain::matrix::Holders;
use runway_domain::report::Period;
use runway_domain::report::period::quarter_number;
use runway_domain::{
    Assessment, Event, EventKind, Policy, Release, ReleaseKind, ReleaseStatus, TestKind, evidence, input::check_text,
};

use crate::Planner;
use crate::dto::{
    ActionOutcome, Dashboard, EvidenceInput, Flagged, MoveInput, ReleaseLifecycle, StageCount, UpcomingGate,
};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::Connection;
use crate::store::tables::calendar::Phases;
use crate::store::tables::events::{self as store, NewEvent};
use crate::store::tables::{calendar, matrix, reference, releases};
use runway_domain::calendar::{Conflict, PlanZone};

/// Checks a piece of evidence against the lifecycle: the release, what will be stored, and when
/// it was decided (the given time, which must lie between the release entering its stage and
/// now, or now).
fn prepare_record(
    conn: &Connection,
    key: &str,
    input: &EvidenceInput,
    policy: &Policy,
    by: &str,
    (today, zone): (chrono::NaiveDate, PlanZone),
    now: &str,
) -> Result<(Loaded, lifecycle::Recording, chrono::DateTime<chrono::Utc>)> {
    check_words("reason", &input.reason)?;
    check_words("conditions", &input.conditions)?;
    if matches!(input.what, EventKind::Revocation { .. }) && input.reason.trim().is_empty() {
        return Err(Error::field("reason", "A revocation needs a reason."));
    }
    let l = load(conn, key, zone)?;
    let now =
        chrono::DateTime::parse_from_rfc3339(now).map_err(|e| Error::Internal(format!("bad clock: {e}")))?.to_utc();
    let ctx = l.context(policy, today, zone);
    let at = match input.at {
        None => now,
        Some(at) if at > now + chrono::Duration::minutes(1) => {
            return Err(Error::field("at", "The decision cannot be in the future."));
        }
        Some(at) if at < ctx.since() => {
            return Err(Error::field(
                "at",
                format!(
                    "{} entered {} at {} UTC; a decision in this stage cannot be earlier.",
                    l.release.key,
                    l.release.status.label(),
                    ctx.since().format("%Y-%m-%d %H:%M")
                ),
            ));
        }
        Some(at) => at,
    };
    let rec = lifecycle::plan_record(&ctx, input.what.clone(), by, at)?;
    Ok((l, rec, at))
}

/// A release with what its gates look at.
struct Loaded {
    id: i64,
    release: Release,
    events: Vec<Event>,
    created: chrono::DateTime<chrono::Utc>,
    /// The forward schedule's conflicts involving it (D6).
    conflicts: Vec<Conflict>,
    /// Who may sign and decide for it, from the matrix (D7).
    deciders: Deciders,
}

fn load(conn: &Connection, key: &str, zone: PlanZone) -> Result<Loaded> {
    let id = releases::require(conn, key)?;
    let release = releases::load(conn, id)?;
    // Conflicts only concern releases that still deploy: the calendar's narrowed read.
    let conflicts = if lifecycle::is_final(release.status) {
        vec![]
    } else {
        calendar::active_schedule(conn, zone, Phases::Test, None)?.conflicts_of(key)
    };
    let m = matrix::matrix(conn)?;
    let people = reference::catalog(conn)?.people;
    let assignments = matrix::assignments_for(conn, key)?;
    let deciders = Deciders::of(&Holders::new(&m, &people, &assignments), &release);
    Ok(Loaded {
        id,
        release,
        events: store::events_of(conn, id)?,
        created: store::created_at(conn, id)?,
        conflicts,
        deciders,
    })
}

impl Loaded {
    fn context<'a>(&'a self, policy: &'a Policy, today: NaiveDate, zone: PlanZone) -> Context<'a> {
        Context {
            release: &self.release,
            events: &self.events,
            policy,
            today,
            created: self.created,
            zone,
            conflicts: &self.conflicts,
            deciders: &self.deciders,
        }
    }
}

fn check_words(field: &str, text: &str) -> Result<()> {
    match check_text(text) {
        Some(msg) => Err(Error::field(field, msg)),
        None => Ok(()),
    }
}

/// The e-mail inside an actor string `Name <email>` (possibly followed by more, as the CLI's
/// `Name <email> (runway CLI)`).
fn actor_email(actor: &str) -> Option<&str> {
    let start = actor.rfind('<')?;
    let end = actor[start..].find('>')? + start;
    Some(&actor[start + 1..end])
}

impl Planner {
    /// The plan's release policy.
    pub fn policy(&self) -> Result<Policy> {
        store::policy(&self.conn)
    }

    /// Whether `policy` would change the plan's policy; a bad one is refused field by field (so a
    /// front end can check before asking for confirmation).
    pub fn policy_differs(&self, policy: &Policy) -> Result<bool> {
        let errors = policy.check();
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(&self.policy()? != policy)
    }

    /// Replaces the policy; a bad one is refused field by field and changes nothing.
    pub fn set_policy(&mut self, policy: Policy) -> Result<Policy> {
        let errors = policy.check();
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            let before = store::policy(w.tx())?;
            if before != policy {
                store::set_policy(w.tx(), &policy)?;
                w.record(Action::Update, Entity::Policy, "policy", Some(&before), Some(&policy))?;
            }
            Ok(())
        })?;
        Ok(policy)
    }

    fn context<'a>(&self, l: &'a Loaded, policy: &'a Policy) -> Context<'a> {
        l.context(policy, self.today(), self.zone())
    }

    /// Where a release stands and its record of moves, decisions and evidence.
    pub fn lifecycle(&self, key: &str) -> Result<ReleaseLifecycle> {
        let policy = self.policy()?;
        let l = load(&self.conn, key, self.zone())?;
        Ok(self.lifecycle_of(&l, &policy))
    }

    fn lifecycle_of(&self, l: &Loaded, policy: &Policy) -> ReleaseLifecycle {
        let assessment = lifecycle::assess(&self.context(l, policy));
        let mut revoked: Vec<u64> = evidence::revoked(&l.events).into_iter().collect();
        revoked.sort_unstable();
        ReleaseLifecycle {
            assessment,
            events: l.events.clone(),
            revoked,
            signers: l.deciders.sign_off.as_ref().map_or_else(|_| vec![], |s| s.people.clone()),
            signing: l.deciders.signer_text(),
            cab_deciders: l.deciders.cab.as_ref().map_or_else(|_| vec![], |s| s.people.clone()),
        }
    }

    /// Who is acting: the person named by `by` (an e-mail of the plan), or the profile; with the
    /// role they act in for release `key` (the first of the matrix's roles they hold for it).
    fn decider(&self, by: Option<&str>, key: &str) -> Result<(String, Option<String>)> {
        let people = reference::catalog(&self.conn)?.people;
        let (who, person) = match by.map(str::trim).filter(|b| !b.is_empty()) {
            Some(email) => {
                let p = people.iter().find(|p| p.email.eq_ignore_ascii_case(email)).ok_or_else(|| {
                    Error::field("by", format!("{email} is not a person in this plan (add them to the plan first)."))
                })?;
                (p.email.clone(), Some(p))
            }
            None => {
                let p = actor_email(&self.actor).and_then(|e| people.iter().find(|p| p.email.eq_ignore_ascii_case(e)));
                (p.map_or_else(|| self.actor.clone(), |p| p.email.clone()), p)
            }
        };
        let Some(person) = person else { return Ok((who, None)) };
        let m = matrix::matrix(&self.conn)?;
        let assignments = matrix::assignments_for(&self.conn, key)?;
        let release = releases::id(&self.conn, key)?.map(|id| releases::load(&self.conn, id)).transpose()?;
        let holders = Holders::new(&m, &people, &assignments);
        let role = holders.roles_of(release.as_ref(), &person.email).first().map(|r| r.key.clone());
        Ok((who, role))
    }

    /// Moves a release to another stage through its gate. A refusal names every unmet condition
    /// and changes nothing.
    pub fn move_release(&mut self, key: &str, input: MoveInput) -> Result<ActionOutcome> {
        check_words("reason", &input.reason)?;
        let policy = self.policy()?;
        let (by, role) = self.decider(None, key)?;
        let today = self.today();
        let zone = self.zone();
        let key = key.to_owned();
        let reason = input.reason.trim().to_owned();
        self.write(|w| {
            let l = load(w.tx(), &key, zone)?;
            let ctx = l.context(&policy, today, zone);
            let what = lifecycle::plan_move(&ctx, input.to, &reason, input.override_gate)?;
            let now = w.now().to_owned();
            let e = NewEvent { at: &now, by: &by, role: role.as_deref(), what: &what, reason: &reason, conditions: "" };
            let event = store::append(w.tx(), l.id, &key, &e)?;
            store::set_status(w.tx(), l.id, input.to, &now)?;
            w.record(Action::Move, Entity::Release, &key, None, Some(&event))
        })?;
        let lifecycle = self.lifecycle(&key)?;
        Ok(ActionOutcome { message: format!("{key} moved to {}.", input.to.label()), lifecycle })
    }

    /// Records a decision or evidence; when it completes a move (a CAB approval, a failed
    /// deployment), the release makes that move in the same write.
    pub fn record(&mut self, key: &str, input: EvidenceInput) -> Result<ActionOutcome> {
        let policy = self.policy()?;
        let (by, role) = self.decider(input.by.as_deref(), key)?;
        let today = self.today();
        let zone = self.zone();
        let key = key.to_owned();
        let (reason, conditions) = (input.reason.trim().to_owned(), input.conditions.trim().to_owned());
        let (summary, moved) = self.write(|w| {
            let now = w.now().to_owned();
            let (l, rec, at) = prepare_record(w.tx(), &key, &input, &policy, &by, (today, zone), &now)?;
            // The role the matrix made them decide in, else the first they hold.
            let role = rec.role.clone().or_else(|| role.clone());
            // When it was decided (given, or now), as stored.
            let at = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            let e = NewEvent {
                at: &at,
                by: &by,
                role: role.as_deref(),
                what: &rec.what,
                reason: &reason,
                conditions: &conditions,
            };
            let event = store::append(w.tx(), l.id, &key, &e)?;
            // The release record's "backout tested" follows the latest backout test.
            if let EventKind::TestResult { test: TestKind::Backout, passed } = rec.what {
                releases::set_backout_tested(w.tx(), l.id, passed)?;
            }
            let action = if matches!(rec.what, EventKind::Revocation { .. }) { Action::Revoke } else { Action::Decide };
            w.record(action, Entity::Release, &key, None, Some(&event))?;
            if let Some(to) = rec.then {
                let what = EventKind::Transition { from: l.release.status, to, overridden: vec![] };
                let because = format!("{} (#{})", rec.what.summary(), event.id);
                let e =
                    NewEvent { at: &at, by: &by, role: role.as_deref(), what: &what, reason: &because, conditions: "" };
                let moved = store::append(w.tx(), l.id, &key, &e)?;
                store::set_status(w.tx(), l.id, to, &now)?;
                w.record(Action::Move, Entity::Release, &key, None, Some(&moved))?;
            }
            Ok((rec.what.summary(), rec.then))
        })?;
        let lifecycle = self.lifecycle(&key)?;
        let message = match moved {
            Some(to) => format!("{summary} recorded for {key}; it moved to {}.", to.label()),
            None => format!("{summary} recorded for {key}."),
        };
        Ok(ActionOutcome { message, lifecycle })
    }

    /// What recording `input` would do, in one sentence for the confirmation dialog — or the
    /// refusal, before anyone is asked. Nothing is written.
    pub fn preview_record(&self, key: &str, input: &EvidenceInput) -> Result<String> {
        let policy = self.policy()?;
        let (by, role) = self.decider(input.by.as_deref(), key)?;
        let now = self.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let (l, rec, at) = prepare_record(&self.conn, key, input, &policy, &by, (self.today(), self.zone()), &now)?;
        let role = rec.role.clone().or(role);
        let m = matrix::matrix(&self.conn)?;
        let name = reference::catalog(&self.conn)?
            .people
            .into_iter()
            .find(|p| p.email.eq_ignore_ascii_case(&by))
            .map_or(by.clone(), |p| match &role {
                Some(r) => format!("{} ({})", p.name, m.role_name(r)),
                None => p.name,
            });
        let mut text = match &rec.what {
            EventKind::Revocation { revokes } => format!("Revoke #{revokes} on {key}, by {name}?"),
            what => format!("Record for {key}: {}, decided by {name}?", what.summary()),
        };
        if input.at.is_some() {
            text.push_str(&format!(" Decided at {} UTC.", at.format("%Y-%m-%d %H:%M")));
        }
        if let Some(to) = rec.then {
            text.push_str(&format!(" {key} then moves from {} to {}.", l.release.status.label(), to.label()));
        }
        Ok(text)
    }

    /// Withdraws a decision or evidence (it is kept, marked revoked).
    pub fn revoke(&mut self, key: &str, event: u64, reason: &str) -> Result<ActionOutcome> {
        self.record(
            key,
            EvidenceInput {
                what: EventKind::Revocation { revokes: event },
                by: None,
                reason: reason.to_owned(),
                conditions: String::new(),
                at: None,
            },
        )
    }

    /// Every release's assessment, by key.
    pub fn status(&self) -> Result<Vec<(Release, Assessment)>> {
        let policy = self.policy()?;
        let today = self.today();
        let zone = self.zone();
        let mut by_release: std::collections::HashMap<String, Vec<Conflict>> = std::collections::HashMap::new();
        for c in calendar::schedule(&self.conn, zone)?.all_conflicts() {
            for k in &c.releases {
                by_release.entry(k.clone()).or_default().push(c.clone());
            }
        }
        let mut events = store::all_events(&self.conn)?.into_iter().peekable();
        let created = releases::created_times(&self.conn)?;
        let m = matrix::matrix(&self.conn)?;
        let people = reference::catalog(&self.conn)?.people;
        let assignments = matrix::assignments(&self.conn)?;
        let holders = Holders::new(&m, &people, &assignments);
        let all = releases::load_all(&self.conn)?;
        let mut out = Vec::with_capacity(all.len());
        for (id, release) in all {
            let mut mine = vec![];
            while events.peek().is_some_and(|(rid, _)| *rid < id) {
                events.next();
            }
            while events.peek().is_some_and(|(rid, _)| *rid == id) {
                mine.push(events.next().expect("peeked").1);
            }
            let created = chrono::DateTime::parse_from_rfc3339(created.get(&id).map_or("", String::as_str))
                .map_err(|e| Error::Corrupt(format!("release {} has a bad creation time: {e}", release.key)))?
                .to_utc();
            let none = vec![];
            let conflicts = by_release.get(release.key.as_str()).unwrap_or(&none);
            let deciders = Deciders::of(&holders, &release);
            let ctx = Context {
                release: &release,
                events: &mine,
                policy: &policy,
                today,
                created,
                zone,
                conflicts,
                deciders: &deciders,
            };
            let a = lifecycle::assess(&ctx);
            out.push((release, a));
        }
        out.sort_by(|a, b| a.0.key.cmp(&b.0.key));
        Ok(out)
    }

    /// The dashboard's figures.
    pub fn dashboard(&self) -> Result<Dashboard> {
        let policy = self.policy()?;
        let today = self.today();
        let all = self.status()?;
        let quarter = Period::quarter_of(today);
        let flag = |r: &Release, detail: String| Flagged {
            key: r.key.clone(),
            title: r.title.clone(),
            status: r.status,
            detail,
        };

        let stages = ReleaseStatus::ALL
            .iter()
            .map(|&s| {
                let here = all.iter().filter(|(r, _)| r.status == s);
                StageCount {
                    status: s,
                    count: here.clone().count() as u32,
                    overdue: here.filter(|(_, a)| a.overdue).count() as u32,
                }
            })
            .collect();

        let mut overdue: Vec<(i64, Flagged)> = all
            .iter()
            .filter(|(_, a)| a.overdue)
            .map(|(r, a)| {
                let over = a.days_in_state - i64::from(a.limit_days.unwrap_or(0));
                (
                    -over,
                    flag(
                        r,
                        format!(
                            "{} for {} days (limit {}, {over} over)",
                            r.status.label(),
                            a.days_in_state,
                            a.limit_days.unwrap_or(0)
                        ),
                    ),
                )
            })
            .collect();
        overdue.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.key.cmp(&b.1.key)));

        let horizon = today + Duration::days(14);
        let mut upcoming = vec![];
        for (r, _) in &all {
            let Some(w) = r.window else { continue };
            let start = w.start.date();
            let mut gate = |name: &str, date: NaiveDate| {
                if date >= today && date <= horizon {
                    upcoming.push(UpcomingGate {
                        key: r.key.clone(),
                        title: r.title.clone(),
                        status: r.status,
                        gate: name.to_owned(),
                        date,
                        days: (date - today).num_days(),
                    });
                }
            };
            use ReleaseStatus as S;
            match r.status {
                S::Draft | S::Planned => {
                    if r.kind != ReleaseKind::Emergency {
                        gate("Submit to CAB (lead time)", start - Duration::days(i64::from(policy.lead_time_days)));
                    }
                    gate("CAB decision before the window", start)
                }
                S::SubmittedToCab => gate("CAB decision before the window", start),
                S::Approved | S::Build | S::Test | S::TestFailed | S::AwaitingAuthorization => {
                    gate("Authorization before the window", start)
                }
                S::Authorized => gate("Deployment window", start),
                _ => {}
            }
        }
        upcoming.sort_by(|a, b| a.date.cmp(&b.date).then(a.key.cmp(&b.key)));

        let breaches = all
            .iter()
            .filter(|(_, a)| !a.breaches.is_empty())
            .map(|(r, a)| flag(r, a.breaches.iter().map(|b| b.label()).collect::<Vec<_>>().join(", ")))
            .collect();
        let emergencies = all
            .iter()
            .filter(|(r, _)| {
                r.kind == ReleaseKind::Emergency && r.window.is_some_and(|w| quarter.contains(w.start.date()))
            })
            .map(|(r, _)| flag(r, r.window.map(|w| w.start.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default()))
            .collect();

        Ok(Dashboard {
            today,
            quarter: format!("{}-Q{}", today.year(), quarter_number(today)),
            stages,
            overdue: overdue.into_iter().map(|(_, f)| f).collect(),
            upcoming,
            breaches,
            emergencies,
            conflicts: self.forward_conflicts(today)?,
        })
    }

    /// The forward schedule's conflicts from `today` on.
    fn forward_conflicts(&self, today: NaiveDate) -> Result<Vec<Conflict>> {
        let s = calendar::schedule(&self.conn, self.zone())?;
        let Some((_, to)) = runway_domain::calendar::span(&s.releases, &s.bookings, s.zone) else { return Ok(vec![]) };
        let from = s.zone.instant(today.and_time(chrono::NaiveTime::MIN));
        Ok(if to > from { s.conflicts(from, to) } else { vec![] })
    }
}
