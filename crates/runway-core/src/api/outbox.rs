//! The outbox on the Planner (D8): the messages changes made (notices.rs makes them in every
//! write), reviewed by a person — read, edited, approved one by one or all at once, discarded —
//! and the templates they are made from. The stages no edit makes are made here: a stage overdue
//! ([`Planner::check_overdue`]) and the CAB agenda for a range of days ([`Planner::cab_agenda`]).
//! Sending is in steps, so a front end can send while the plan stays usable between them:
//! [`Planner::claim_next`] marks one due message `sending` (committed before anything goes out),
//! the front end hands it to the mail server, and [`Planner::finish_send`] records what the server
//! said. A message left `sending` by a process that died is marked for a person to check
//! ([`Planner::begin_sending`]), never sent again on its own. Every step is audited.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use runway_domain::input::FieldError;
use runway_domain::model::{MilestoneKind, ReleaseStatus};
use runway_domain::notify::{self, Act, Message, MessageState, Template, Trigger};
use runway_domain::report::Period;

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::notices::{self, Actor, Notices};
use crate::store::tables::{outbox as table, releases};

/// How many messages are in each state, for the sidebar's badge and the view's tabs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxCounts {
    pub pending: u32,
    pub approved: u32,
    pub sending: u32,
    pub sent: u32,
    pub failed: u32,
    pub discarded: u32,
    pub check: u32,
}

impl OutboxCounts {
    /// What needs a person: messages waiting for approval, failed, or to be checked.
    pub fn attention(&self) -> u32 {
        self.pending + self.failed + self.check
    }
}

/// A template as the Settings show it: the template, whether it is the built-in one, and the
/// placeholders it may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateView {
    pub template: Template,
    pub label: String,
    pub built_in: bool,
    pub placeholders: Vec<String>,
}

/// What a send of one message came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// The server took it; its reply.
    Sent(String),
    /// It did not go out: why, whether the server refused it for good (a person must act) or it
    /// may be tried again (offline, busy), and whether the server could not be used at all.
    Failed { permanent: bool, unusable: bool, message: String },
}

impl SendOutcome {
    /// What came of handing a message to the mail server.
    pub fn of(sent: std::result::Result<String, runway_mail::SendError>) -> SendOutcome {
        match sent {
            Ok(reply) => SendOutcome::Sent(reply),
            Err(e) => SendOutcome::Failed { permanent: e.permanent, unusable: e.unusable, message: e.message },
        }
    }

    /// Whether a run of sends stops here: the server could not be used, so every other message
    /// would fail the same way; they stay queued for the next run.
    pub fn stops_run(&self) -> bool {
        matches!(self, SendOutcome::Failed { unusable: true, .. })
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A file name for a message's `.eml`: its number and its subject, safe on every file system.
pub fn eml_file_name(m: &Message) -> String {
    let slug: String = m
        .subject
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '.' { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(60).collect();
    format!("{:05}-{}.eml", m.id, if slug.is_empty() { "message" } else { &slug })
}

impl Planner {
    /// The messages in `states` (every one when empty), newest first.
    pub fn outbox(&self, states: &[MessageState]) -> Result<Vec<Message>> {
        table::messages(&self.conn, states)
    }

    pub fn outbox_counts(&self) -> Result<OutboxCounts> {
        let mut c = OutboxCounts::default();
        for (state, n) in table::counts(&self.conn)? {
            let slot = match state {
                MessageState::Pending => &mut c.pending,
                MessageState::Approved => &mut c.approved,
                MessageState::Sending => &mut c.sending,
                MessageState::Sent => &mut c.sent,
                MessageState::Failed => &mut c.failed,
                MessageState::Discarded => &mut c.discarded,
                MessageState::Check => &mut c.check,
            };
            *slot = n;
        }
        Ok(c)
    }

    pub fn message(&self, id: i64) -> Result<Message> {
        table::message_by_id(&self.conn, id)?
            .ok_or_else(|| Error::NotFound(format!("There is no message {id} in the outbox.")))
    }

    /// Applies `act` to each message of `ids` in one write: all of them, or (one refused) none.
    fn act_on(
        &mut self,
        ids: &[i64],
        action: Action,
        act: Act,
        mut change: impl FnMut(&mut Message, DateTime<Utc>),
    ) -> Result<Vec<Message>> {
        if ids.is_empty() {
            return Err(Error::field("ids", "Choose at least one message."));
        }
        let now = self.now();
        self.write(|w| {
            let mut out = vec![];
            for &id in ids {
                let before = table::message_by_id(w.tx(), id)?
                    .ok_or_else(|| Error::NotFound(format!("There is no message {id} in the outbox.")))?;
                if let Some(why) = before.refuse(act) {
                    return Err(Error::Conflict(why));
                }
                let mut after = before.clone();
                change(&mut after, now);
                if act == Act::Approve && after.recipients.is_empty() {
                    return Err(Error::Conflict(format!(
                        "Message {id} has no recipients: give the activity's roles holders in the Matrix, or \
                         attach a distribution list to the release, then discard it and make the change again."
                    )));
                }
                table::update(w.tx(), &after)?;
                w.record(action, Entity::Message, &id.to_string(), Some(&before), Some(&after))?;
                out.push(after);
            }
            Ok(out)
        })
    }

    /// Changes a message's subject and body before it is approved. The subject is one line.
    pub fn edit_message(&mut self, id: i64, subject: &str, body: &str) -> Result<Message> {
        let subject =
            subject.split(['\r', '\n']).map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
        let mut errors = vec![];
        if subject.is_empty() {
            errors.push(FieldError::new("subject", "A message needs a subject."));
        } else if subject.chars().count() > 200 {
            errors.push(FieldError::new("subject", "At most 200 characters."));
        }
        if body.chars().count() > 20_000 {
            errors.push(FieldError::new("body", "At most 20,000 characters."));
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let body = body.to_owned();
        let mut out = self.act_on(&[id], Action::Update, Act::Edit, |m, _| {
            if m.subject != subject || m.body != body {
                m.edited = true;
            }
            m.subject.clone_from(&subject);
            m.body.clone_from(&body);
        })?;
        Ok(out.remove(0))
    }

    /// Approves messages to be sent (all of them, or none when one cannot be).
    pub fn approve_messages(&mut self, ids: &[i64]) -> Result<Vec<Message>> {
        let by = self.actor.clone();
        self.act_on(ids, Action::Approve, Act::Approve, |m, now| {
            m.state = MessageState::Approved;
            m.approved_at = Some(now);
            m.approved_by = Some(by.clone());
            m.error = None;
            m.next_attempt = None;
        })
    }

    /// Approves every message waiting for approval; answers them.
    pub fn approve_all(&mut self) -> Result<Vec<Message>> {
        let ids: Vec<i64> = self.outbox(&[MessageState::Pending])?.iter().map(|m| m.id).collect();
        if ids.is_empty() {
            return Ok(vec![]);
        }
        self.approve_messages(&ids)
    }

    /// Discards messages: they will not go out.
    pub fn discard_messages(&mut self, ids: &[i64], reason: &str) -> Result<Vec<Message>> {
        let by = self.actor.clone();
        let reason = reason.trim().to_owned();
        self.act_on(ids, Action::Discard, Act::Discard, |m, _| {
            m.state = MessageState::Discarded;
            m.error = Some(if reason.is_empty() { format!("Discarded by {by}.") } else { reason.clone() });
        })
    }

    /// A message whose send was cut off, checked by a person: it went out.
    pub fn mark_sent(&mut self, id: i64) -> Result<Message> {
        let by = self.actor.clone();
        let mut out = self.act_on(&[id], Action::Send, Act::MarkSent, |m, now| {
            m.state = MessageState::Sent;
            m.sent_at = Some(now);
            m.reply = Some(format!("Marked as sent by {by} after checking."));
        })?;
        Ok(out.remove(0))
    }

    /// Every trigger's template: the plan's own where a user changed it, else the built-in one.
    pub fn templates(&self) -> Result<Vec<TemplateView>> {
        let own = table::templates(&self.conn)?;
        Ok(Trigger::ALL
            .iter()
            .map(|&t| {
                let mine = own.iter().find(|o| o.trigger == t);
                TemplateView {
                    template: mine.cloned().unwrap_or_else(|| notify::default_template(t)),
                    label: t.label().to_owned(),
                    built_in: mine.is_none(),
                    placeholders: notify::placeholders(t).iter().map(|p| (*p).to_owned()).collect(),
                }
            })
            .collect())
    }

    /// Keeps a template (checked: an unknown placeholder is named with the ones there are);
    /// `None` text fields keep the current text, so auto-approval can be switched alone.
    pub fn set_template(&mut self, t: Template) -> Result<TemplateView> {
        let errors = notify::check(&t);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let trigger = t.trigger;
        let before = self.templates()?.into_iter().find(|v| v.template.trigger == trigger).map(|v| v.template);
        let built_in = notify::default_template(trigger);
        let same_as_built_in =
            t.subject == built_in.subject && t.body == built_in.body && t.auto_approve == built_in.auto_approve;
        self.write(|w| {
            table::set_template(w.tx(), trigger, (!same_as_built_in).then_some(&t))?;
            w.record(Action::Update, Entity::Template, trigger.as_str(), before.as_ref(), Some(&t))
        })?;
        self.templates()?
            .into_iter()
            .find(|v| v.template.trigger == trigger)
            .ok_or_else(|| Error::Internal("the template went missing".into()))
    }

    /// Makes a message for every release overdue in its stage that was not told of yet (once per
    /// stage entered); answers the new messages' ids.
    pub fn check_overdue(&mut self) -> Result<Vec<i64>> {
        let overdue: Vec<_> = self
            .status()?
            .into_iter()
            .filter(|(_, a)| a.overdue)
            .map(|(r, a)| {
                let topic = format!("{}|overdue|{}", r.key, stamp(a.since));
                (r, a, topic)
            })
            .collect();
        let fresh: Vec<_> =
            overdue.into_iter().filter(|(_, _, topic)| !table::topic_used(&self.conn, topic).unwrap_or(true)).collect();
        if fresh.is_empty() {
            return Ok(vec![]);
        }
        let zone = self.zone();
        let actor = Actor::parse(&self.actor);
        let now = self.now();
        self.write(|w| {
            let n = Notices::load(w.tx(), zone)?;
            let holders = n.holders();
            let mut ids = vec![];
            for (i, (release, a, topic)) in fresh.into_iter().enumerate() {
                let cx = n.context(&actor.name, "", now);
                let Some(change) = notify::overdue_from(&release, &a, &cx) else { continue };
                if let Some(id) = notices::store(w, &n, &holders, change, Some(&release), &actor, Some(topic), now, i)?
                {
                    ids.push(id);
                }
            }
            Ok(ids)
        })
    }

    /// The messages that changing releases from `before` to `after` states (pairs of the same
    /// release) would make, composed but not kept: a dry run for the what-if and the benchmarks.
    /// The invitations carry the SEQUENCE the next message for their window would.
    pub fn messages_for(&self, changes: &[(runway_domain::Release, runway_domain::Release)]) -> Result<Vec<Message>> {
        let n = Notices::load(&self.conn, self.zone())?;
        let holders = n.holders();
        let actor = Actor::parse(&self.actor);
        let now = self.now();
        let cx = n.context(actor.email.as_deref().unwrap_or(&actor.name), "", now);
        let mut out = vec![];
        for (i, (before, after)) in changes.iter().enumerate() {
            for change in n.changes(before, after, &cx) {
                let mut seq = |uid: &str| table::peek_sequence(&self.conn, uid);
                let id = |from: &notify::Sender| n.message_id(0, i, &from.email);
                out.push(n.compose(&holders, &change, Some(after), &actor, now, &id, &mut seq)?);
            }
        }
        Ok(out)
    }

    /// Makes the CAB agenda message for the days `from` to `to`: every release submitted to the
    /// CAB, and every one planned whose CAB milestone falls in the range, by deployment window.
    pub fn cab_agenda(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Message> {
        if to < from {
            return Err(Error::field("to", format!("The agenda ends ({to}) before it starts ({from}).")));
        }
        let period = Period::range(from, to).map_err(|e| Error::field("from", e))?;
        let mut on: Vec<_> = releases::load_all(&self.conn)?
            .into_iter()
            .map(|(_, r)| r)
            .filter(|r| match r.status {
                ReleaseStatus::SubmittedToCab => true,
                ReleaseStatus::Draft | ReleaseStatus::Planned => r
                    .milestones
                    .iter()
                    .any(|m| m.kind == MilestoneKind::Cab && period.overlaps(m.planned_start, m.planned_end)),
                _ => false,
            })
            .collect();
        on.sort_by(|a, b| (a.window.map(|w| w.start), &a.key).cmp(&(b.window.map(|w| w.start), &b.key)));
        let zone = self.zone();
        let actor = Actor::parse(&self.actor);
        let now = self.now();
        let id = self.write(|w| {
            let n = Notices::load(w.tx(), zone)?;
            let holders = n.holders();
            let cx = n.context(&actor.name, "", now);
            let refs: Vec<_> = on.iter().collect();
            let change = notify::cab_agenda(&refs, from, to, &cx);
            notices::store(w, &n, &holders, change, None, &actor, None, now, 0)?
                .ok_or_else(|| Error::Internal("the agenda made no message".into()))
        })?;
        self.message(id)
    }

    /// The message as the mail it is: the sender, the recipients, the text and the invitation,
    /// dated `date`.
    pub fn mail(&self, m: &Message, date: DateTime<Utc>) -> runway_mail::Mail {
        runway_mail::Mail {
            from: runway_mail::Address { name: m.from.name.clone(), email: m.from.email.clone() },
            to: m
                .recipients
                .iter()
                .map(|r| runway_mail::Address { name: r.name.clone(), email: r.email.clone() })
                .collect(),
            subject: m.subject.clone(),
            body: m.body.clone(),
            message_id: m.message_id.clone(),
            date,
            invite: m
                .invite
                .as_ref()
                .map(|i| runway_mail::Invitation { method: i.method.as_str().to_owned(), ics: i.ics.clone() }),
        }
    }

    /// A message as an `.eml` file's bytes (RFC 5322 + MIME), dated when it was sent, else when
    /// it was made.
    pub fn eml(&self, id: i64) -> Result<Vec<u8>> {
        let m = self.message(id)?;
        let mail = self.mail(&m, m.sent_at.unwrap_or(m.made_at));
        runway_mail::eml(&mail).map_err(|e| Error::Conflict(format!("Message {id} cannot be written as e-mail: {e}")))
    }

    /// Writes one `.eml` per message (`ids`, or every one not discarded when empty) into `dir`;
    /// answers the files written.
    pub fn export_eml(&self, ids: &[i64], dir: &Path) -> Result<Vec<PathBuf>> {
        let messages: Vec<Message> = if ids.is_empty() {
            self.outbox(&[])?.into_iter().filter(|m| m.state != MessageState::Discarded).collect()
        } else {
            ids.iter().map(|&id| self.message(id)).collect::<Result<_>>()?
        };
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let mut out = vec![];
        for m in &messages {
            let bytes = runway_mail::eml(&self.mail(m, m.sent_at.unwrap_or(m.made_at)))
                .map_err(|e| Error::Conflict(format!("Message {} cannot be written as e-mail: {e}", m.id)))?;
            let path = dir.join(eml_file_name(m));
            // New files in a folder the user chose: written plainly (one fsync each would cost
            // seconds for a thousand, and a half-written .eml is simply written again).
            std::fs::write(&path, &bytes).map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
            out.push(path);
        }
        Ok(out)
    }

    /// Starts a send run: a message still `sending` was cut off (the process died while the
    /// server had it, or before): it is marked for a person to check, never sent again on its own.
    /// Answers those messages' ids.
    pub fn begin_sending(&mut self) -> Result<Vec<i64>> {
        if self.outbox(&[MessageState::Sending])?.is_empty() {
            return Ok(vec![]);
        }
        self.write(|w| {
            let stale = table::messages(w.tx(), &[MessageState::Sending])?;
            let ids = table::sending_to_check(
                w.tx(),
                "Its send was cut off: check the sent folder or ask a recipient, then mark it sent or approve it again.",
            )?;
            for m in stale {
                let after = table::message_by_id(w.tx(), m.id)?;
                w.record(Action::Send, Entity::Message, &m.id.to_string(), Some(&m), after.as_ref())?;
            }
            Ok(ids)
        })
    }

    /// The next message due to go out (approved, or failed and its retry time come), marked
    /// `sending` in its own committed write before it is handed to the server; None when there
    /// is none. `only` limits it to some messages, and sends those that failed now.
    pub fn claim_next(&mut self, only: Option<&[i64]>) -> Result<Option<(Message, runway_mail::Mail)>> {
        let now = self.now();
        let mut due: Vec<Message> = self
            .outbox(&[MessageState::Approved, MessageState::Failed])?
            .into_iter()
            .filter(|m| match only {
                None => notify::due(m, now),
                // Named by a person ("send now"): a failed message goes without waiting for its
                // retry time, unless the server refused it for good.
                Some(ids) => ids.contains(&m.id) && (notify::due(m, now) || m.next_attempt.is_some()),
            })
            .collect();
        due.sort_by_key(|m| m.id);
        let Some(m) = due.into_iter().next() else { return Ok(None) };
        let claimed = self.write(|w| {
            let mut after = m.clone();
            after.state = MessageState::Sending;
            table::update(w.tx(), &after)?;
            w.record(Action::Send, Entity::Message, &m.id.to_string(), Some(&m), Some(&after))?;
            Ok(after)
        })?;
        let mail = self.mail(&claimed, now);
        Ok(Some((claimed, mail)))
    }

    /// Records what came of sending message `id`: sent (with the server's reply), or failed (the
    /// reason; retried later with back-off unless the server refused it for good).
    pub fn finish_send(&mut self, id: i64, outcome: SendOutcome) -> Result<Message> {
        let now = self.now();
        self.write(|w| {
            let before = table::message_by_id(w.tx(), id)?
                .ok_or_else(|| Error::NotFound(format!("There is no message {id} in the outbox.")))?;
            if before.state != MessageState::Sending {
                return Err(Error::Conflict(format!(
                    "Message {id} is not being sent (it is {}).",
                    before.state.label()
                )));
            }
            let mut after = before.clone();
            match &outcome {
                SendOutcome::Sent(reply) => {
                    after.state = MessageState::Sent;
                    after.sent_at = Some(now);
                    after.reply = Some(reply.clone());
                    after.error = None;
                    after.next_attempt = None;
                }
                SendOutcome::Failed { permanent, message, .. } => {
                    after.state = MessageState::Failed;
                    after.attempts += 1;
                    after.next_attempt = notify::next_attempt(now, after.attempts, *permanent);
                    after.error = Some(message.clone());
                }
            }
            table::update(w.tx(), &after)?;
            w.record(Action::Send, Entity::Message, &id.to_string(), Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// Sends every due message (or those of `only`) through `smtp`, one at a time, each claimed
    /// and recorded in its own write; `from` (the account's address) replaces the sender when the
    /// server sends only as its user. Calls `each` with every message as it ends. Answers how
    /// many went out and how many failed. A message cut off by an earlier run is left to a person.
    pub fn send_due(
        &mut self,
        smtp: &runway_mail::Smtp,
        from: Option<&runway_mail::Address>,
        only: Option<&[i64]>,
        mut each: impl FnMut(&Message),
    ) -> Result<(usize, usize)> {
        self.begin_sending()?;
        let (mut sent, mut failed) = (0, 0);
        // Messages named are each tried once in a run (a failed one would be due again at once).
        let mut remaining: Option<Vec<i64>> = only.map(<[i64]>::to_vec);
        while let Some((m, mut mail)) = self.claim_next(remaining.as_deref())? {
            if let Some(r) = &mut remaining {
                r.retain(|&id| id != m.id);
            }
            if let Some(f) = from {
                mail.from = f.clone();
            }
            let outcome = SendOutcome::of(smtp.send(&mail));
            let stop = outcome.stops_run();
            let done = self.finish_send(m.id, outcome)?;
            if done.state == MessageState::Sent {
                sent += 1;
            } else {
                failed += 1;
            }
            each(&done);
            if stop {
                break;
            }
        }
        Ok((sent, failed))
    }
}
