//! Messages made by changes (D8). Every write through the Planner ends here, inside its
//! transaction: the audit entries the write made for releases (an edit, new dates, an undo, a
//! move through the lifecycle, a CAB decision or a sign-off) become the outbox's messages, in the
//! same commit, so a change and the message telling of it are kept together or not at all.
//!
//! A message is composed once, when it is made: its audience from the matrix and the distribution
//! lists ([`notify::audience`]), its text from the trigger's template, and for a production
//! window its invitation with the next SEQUENCE of the window's UID. A newer message on the same
//! topic replaces an older one still waiting for approval ([`notify::merge`]); two that cancel
//! out (a date moved and moved back, an edit undone) leave none.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use runway_domain::calendar::PlanZone;
use runway_domain::evidence::{Event, EventKind};
use runway_domain::matrix::{Assignment, Holders, Matrix};
use runway_domain::notify::{self, Change, Invite, Message, MessageInvite, MessageState, Sender, Template, Trigger};
use runway_domain::schedule::Dependency;
use runway_domain::stakeholders::{self, DistributionList};
use runway_domain::{Person, Release, ReleaseStatus};

use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::rows::Catalog;
use crate::store::tables::{matrix, outbox, reference, releases, schedule, stakeholders as lists};
use crate::store::write::Writer;
use crate::store::{Connection, audit};

/// The plan's meta key holding what makes its UIDs unique in the world.
pub(crate) const PLAN_UID_KEY: &str = "plan_uid";

/// Who acts: the Planner's actor, `Name <email>` or a name alone.
pub(crate) struct Actor {
    pub name: String,
    pub email: Option<String>,
}

impl Actor {
    pub(crate) fn parse(actor: &str) -> Actor {
        match actor.trim().rsplit_once('<') {
            Some((name, rest)) if rest.ends_with('>') && rest.contains('@') => {
                Actor { name: name.trim().to_owned(), email: Some(rest.trim_end_matches('>').trim().to_owned()) }
            }
            _ => Actor { name: actor.trim().to_owned(), email: None },
        }
    }

    /// How the change context names them: their e-mail (shown by the plan's name for it), else
    /// their name.
    fn by(&self) -> &str {
        self.email.as_deref().unwrap_or(&self.name)
    }
}

/// Everything composing a message reads, loaded once for a write (or a batch).
pub(crate) struct Notices {
    catalog: Catalog,
    matrix: Matrix,
    assignments: Vec<Assignment>,
    lists: Vec<DistributionList>,
    /// The plan's dependencies by the release they start from (a change tells of its dependents).
    dependencies: HashMap<String, Vec<Dependency>>,
    templates: Vec<Template>,
    plan_uid: String,
    zone: PlanZone,
}

impl Notices {
    pub(crate) fn load(conn: &Connection, zone: PlanZone) -> Result<Notices> {
        Ok(Notices {
            catalog: reference::catalog(conn)?,
            matrix: matrix::matrix(conn)?,
            assignments: matrix::assignments(conn)?,
            lists: lists::lists(conn)?,
            dependencies: schedule::dependencies(conn)?.into_iter().fold(HashMap::new(), |mut m, d| {
                m.entry(d.from.release.clone()).or_insert_with(Vec::new).push(d);
                m
            }),
            templates: outbox::templates(conn)?,
            plan_uid: reference::meta(conn, PLAN_UID_KEY)?.unwrap_or_else(|| "runway".into()),
            zone,
        })
    }

    pub(crate) fn template(&self, trigger: Trigger) -> Template {
        self.templates
            .iter()
            .find(|t| t.trigger == trigger)
            .cloned()
            .unwrap_or_else(|| notify::default_template(trigger))
    }

    pub(crate) fn context<'a>(&'a self, by: &'a str, reason: &'a str, at: DateTime<Utc>) -> notify::Context<'a> {
        notify::Context {
            zone: self.zone,
            applications: &self.catalog.applications,
            environments: &self.catalog.environments,
            people: &self.catalog.people,
            by,
            reason,
            at,
        }
    }

    /// The index of who holds each role, for composing messages.
    pub(crate) fn holders(&self) -> Holders<'_> {
        Holders::new(&self.matrix, &self.catalog.people, &self.assignments)
    }

    /// What moved between two states of a release.
    pub(crate) fn changes(&self, before: &Release, after: &Release, cx: &notify::Context<'_>) -> Vec<Change> {
        let deps = self.dependencies.get(&after.key).map_or(&[][..], Vec::as_slice);
        notify::changes(before, after, deps, cx)
    }

    fn person(&self, email: &str) -> Option<&Person> {
        self.catalog.people.iter().find(|p| p.email.eq_ignore_ascii_case(email))
    }

    /// Who the message is from: the release's manager, else the person acting, else a sender
    /// that says so (`.invalid` is reserved: no mail goes there).
    fn sender(&self, holders: &Holders<'_>, release: Option<&Release>, actor: &Actor) -> Sender {
        if let Some(h) = release.and_then(|r| holders.of(Some(r), "release_manager").into_iter().next()) {
            return Sender { email: h.email, name: h.name };
        }
        match &actor.email {
            Some(e) => {
                Sender { email: e.clone(), name: self.person(e).map_or_else(|| actor.name.clone(), |p| p.name.clone()) }
            }
            None => Sender { email: "release-manager@runway.invalid".into(), name: actor.name.clone() },
        }
    }

    /// The message a change makes, not yet stored (its id 0, its state from the template's
    /// auto-approval). `release` is the release after the change (none for a CAB agenda);
    /// `sequence` gives the invitation's SEQUENCE for a UID (the store's next, or 0 for a dry run).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn compose(
        &self,
        holders: &Holders<'_>,
        change: &Change,
        release: Option<&Release>,
        actor: &Actor,
        at: DateTime<Utc>,
        message_id: &dyn Fn(&Sender) -> String,
        sequence: &mut dyn FnMut(&str) -> Result<u32>,
    ) -> Result<Message> {
        let following: Vec<Vec<(String, String)>> = release
            .map(|r| {
                stakeholders::following(&self.lists, r)
                    .into_iter()
                    .map(|l| {
                        stakeholders::expand(&self.lists, &l.name)
                            .into_iter()
                            .map(|e| {
                                let name = self.person(&e).map_or_else(|| e.clone(), |p| p.name.clone());
                                (e, name)
                            })
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
        let recipients = notify::audience(holders, release, &change.activity, &following);
        let from = self.sender(holders, release, actor);
        let message_id = message_id(&from);
        let template = self.template(change.trigger);
        let (subject, body) = notify::render(&template, change);
        let invite = match (change.invite, change.release.as_deref()) {
            (Some(_), Some(key)) => {
                let uid = notify::invite_uid(&self.plan_uid, key);
                let seq = sequence(&uid)?;
                let organizer = (from.email.clone(), from.name.clone());
                Invite::for_change(change, &self.plan_uid, seq, &body, organizer, recipients.clone()).map(|i| {
                    MessageInvite {
                        uid: i.uid.clone(),
                        sequence: i.sequence,
                        method: i.method,
                        ics: notify::invite_ics(&i, at),
                    }
                })
            }
            _ => None,
        };
        let (state, approved_at, approved_by) = if template.auto_approve {
            (MessageState::Approved, Some(at), Some(format!("auto-approved ({})", change.trigger.label())))
        } else {
            (MessageState::Pending, None, None)
        };
        Ok(Message {
            id: 0,
            trigger: change.trigger,
            release: change.release.clone(),
            activity: change.activity.clone(),
            state,
            subject,
            body,
            recipients,
            from,
            invite,
            message_id,
            facts: change.facts.clone(),
            made_at: at,
            made_by: actor.name.clone(),
            edited: false,
            approved_at,
            approved_by,
            attempts: 0,
            next_attempt: None,
            error: None,
            sent_at: None,
            reply: None,
        })
    }

    /// A Message-ID unique in the world: the write, the message's place in it, the plan's UID, at
    /// the sender's domain.
    pub(crate) fn message_id(&self, write_id: i64, n: usize, from: &str) -> String {
        let domain = from.rsplit_once('@').map_or("runway.invalid", |(_, d)| d);
        format!("runway.{write_id}.{n}.{}@{domain}", self.plan_uid)
    }
}

/// Stores the message `change` makes, after settling it with a pending one on the same topic
/// (replaced, or both dropped when they cancel out). Answers the new message's id, if one was made.
#[allow(clippy::too_many_arguments)]
pub(crate) fn store(
    w: &mut Writer<'_>,
    n: &Notices,
    holders: &Holders<'_>,
    change: Change,
    release: Option<&Release>,
    actor: &Actor,
    topic: Option<String>,
    at: DateTime<Utc>,
    index: usize,
) -> Result<Option<i64>> {
    let mut change = change;
    // A cancellation only cancels a meeting people were invited to.
    if change.invite == Some(notify::Method::Cancel)
        && let Some(key) = change.release.as_deref()
        && !outbox::invite_issued(w.tx(), &notify::invite_uid(&n.plan_uid, key))?
    {
        change.invite = None;
    }
    let older = match &topic {
        Some(t) if change.trigger != Trigger::Overdue => outbox::pending_on(w.tx(), t)?,
        _ => None,
    };
    if let Some(old) = &older {
        match notify::merge(old, change) {
            Some(merged) => change = merged,
            None => {
                let note = "Cancelled out by a later change: what it told of was undone.";
                discard(w, old, note)?;
                return Ok(None);
            }
        }
    }
    let write_id = w.write_id();
    let mut m = {
        let mut seq = |uid: &str| outbox::next_sequence(w.tx(), uid);
        let id = |from: &Sender| n.message_id(write_id, index, &from.email);
        n.compose(holders, &change, release, actor, at, &id, &mut seq)?
    };
    m.id = outbox::insert(w.tx(), &m, topic.as_deref())?;
    w.record(Action::Create, Entity::Message, &m.id.to_string(), None, Some(&m))?;
    if let Some(old) = older {
        discard(w, &old, &format!("Replaced by message {}, which tells the whole change.", m.id))?;
    }
    Ok(Some(m.id))
}

fn discard(w: &mut Writer<'_>, old: &Message, note: &str) -> Result<()> {
    let mut gone = old.clone();
    gone.state = MessageState::Discarded;
    gone.error = Some(note.to_owned());
    outbox::update(w.tx(), &gone)?;
    w.record(Action::Discard, Entity::Message, &old.id.to_string(), Some(old), Some(&gone))
}

fn parse<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Option<T> {
    text.and_then(|t| serde_json::from_str(t).ok())
}

/// The messages a write's changes to releases make, stored in the write. Imports, creations and
/// deletions make none (a new release is a draft nobody waits for; a deleted one was never
/// decided on).
pub(crate) fn after_write(w: &mut Writer<'_>, actor: &str, zone: PlanZone) -> Result<()> {
    // An import (a document, the demo, a spreadsheet) brings a plan's history, not news: it tells
    // no one, and its entries (thousands, for a large file) are not read again.
    if audit::has_action_since(w.tx(), w.write_id(), Action::Import.as_str())? {
        return Ok(());
    }
    let entries = audit::since(w.tx(), w.write_id())?;
    let relevant = |e: &audit::Entry| {
        e.entity == Entity::Release.as_str()
            && !matches!(Action::parse(&e.action), Some(Action::Import | Action::Create | Action::Delete) | None)
    };
    if !entries.iter().any(relevant) {
        return Ok(());
    }
    let n = Notices::load(w.tx(), zone)?;
    let actor = Actor::parse(actor);
    let at = w.now().parse::<DateTime<Utc>>().map_err(|e| Error::Internal(format!("the write's time: {e}")))?;
    let mut made: Vec<(Change, String)> = vec![];
    let mut decided: HashSet<String> = HashSet::new();
    for e in entries.iter().filter(|e| relevant(e)) {
        match Action::parse(&e.action) {
            Some(Action::Move | Action::Decide) => {
                let Some(event) = parse::<Event>(e.after.as_deref()) else { continue };
                let Some(id) = releases::id(w.tx(), &event.release)? else { continue };
                let release = releases::load(w.tx(), id)?;
                let cx = n.context(actor.by(), &event.reason, at);
                match &event.what {
                    EventKind::Transition { from, to, .. } => {
                        let before = Release { status: *from, ..release.clone() };
                        let after = Release { status: *to, ..release };
                        made.extend(n.changes(&before, &after, &cx).into_iter().map(|c| (c, event.release.clone())));
                        // Approved by the CAB, its production window is a commitment: the people
                        // of the deployment get the invitation, unless they had one already.
                        if *to == ReleaseStatus::Approved
                            && after.window.is_some()
                            && !outbox::invite_issued(w.tx(), &notify::invite_uid(&n.plan_uid, &after.key))?
                        {
                            let unscheduled = Release { window: None, ..after.clone() };
                            made.extend(
                                n.changes(&unscheduled, &after, &cx)
                                    .into_iter()
                                    .filter(|c| c.trigger == Trigger::Downtime)
                                    .map(|c| (c, event.release.clone())),
                            );
                        }
                    }
                    _ => {
                        if let Some(c) = notify::decision(&event, &release, &cx) {
                            decided.insert(event.release.clone());
                            made.push((c, event.release.clone()));
                        }
                    }
                }
            }
            _ => {
                let (Some(before), Some(after)) =
                    (parse::<Release>(e.before.as_deref()), parse::<Release>(e.after.as_deref()))
                else {
                    continue;
                };
                let cx = n.context(actor.by(), "", at);
                let key = after.key.clone();
                made.extend(n.changes(&before, &after, &cx).into_iter().map(|c| (c, key.clone())));
            }
        }
    }
    // A gate decision's message says where the release went: its move needs no second message.
    made.retain(|(c, key)| !(c.trigger == Trigger::StatusChanged && decided.contains(key)));
    let holders = n.holders();
    for (i, (change, key)) in made.into_iter().enumerate() {
        let release = match releases::id(w.tx(), &key)? {
            Some(id) => releases::load(w.tx(), id)?,
            None => continue,
        };
        let topic = notify::topic(&change);
        store(w, &n, &holders, change, Some(&release), &actor, topic, at, i)?;
    }
    Ok(())
}
