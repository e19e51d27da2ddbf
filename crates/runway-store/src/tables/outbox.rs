//! Plain SQL for notifications (D8): the outbox's messages, the templates a user changed, and the
//! last invitation SEQUENCE per UID. A message's recipients, sender, invitation and facts are kept
//! as JSON, exactly as they will go out.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use runway_domain::notify::{Message, MessageState, Template, Trigger};

use crate::error::{Error, Result};
use crate::write::Tx;

const COLUMNS: &str = "id, trigger, release_key, activity, state, subject, body, recipients, sender, invite, \
     message_id, facts, made_at, made_by, edited, approved_at, approved_by, attempts, next_attempt, error, \
     sent_at, reply";

fn json<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Internal(format!("cannot store a message: {e}")))
}

fn parse<T: DeserializeOwned>(id: i64, what: &str, text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("message {id}: its {what} cannot be read: {e}")))
}

fn time(id: i64, text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map(|d| d.to_utc())
            .map_err(|e| Error::Corrupt(format!("message {id}: the time {t:?} cannot be read: {e}")))
    })
    .transpose()
}

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The columns of one row, before the JSON and the times are read.
struct Raw {
    id: i64,
    texts: [Option<String>; 13],
    edited: bool,
    attempts: u32,
    rest: [Option<String>; 6],
}

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    let s = |i: usize| r.get::<_, Option<String>>(i);
    Ok(Raw {
        id: r.get(0)?,
        texts: [s(1)?, s(2)?, s(3)?, s(4)?, s(5)?, s(6)?, s(7)?, s(8)?, s(9)?, s(10)?, s(11)?, s(12)?, s(13)?],
        edited: r.get(14)?,
        attempts: r.get(17)?,
        rest: [s(15)?, s(16)?, s(18)?, s(19)?, s(20)?, s(21)?],
    })
}

fn message(raw: Raw) -> Result<Message> {
    let id = raw.id;
    let [
        trigger,
        release,
        activity,
        state,
        subject,
        body,
        recipients,
        sender,
        invite,
        message_id,
        facts,
        made_at,
        made_by,
    ] = raw.texts;
    let [approved_at, approved_by, next_attempt, error, sent_at, reply] = raw.rest;
    let text = |v: Option<String>| v.unwrap_or_default();
    let trigger = text(trigger);
    let state = text(state);
    Ok(Message {
        id,
        trigger: Trigger::parse(&trigger)
            .ok_or_else(|| Error::Corrupt(format!("message {id}: unknown trigger {trigger:?}")))?,
        release,
        activity: text(activity),
        state: MessageState::parse(&state)
            .ok_or_else(|| Error::Corrupt(format!("message {id}: unknown state {state:?}")))?,
        subject: text(subject),
        body: text(body),
        recipients: parse(id, "recipients", &text(recipients))?,
        from: parse(id, "sender", &text(sender))?,
        invite: invite.map(|i| parse(id, "invitation", &i)).transpose()?,
        message_id: text(message_id),
        facts: parse(id, "facts", &text(facts))?,
        made_at: time(id, made_at)?.unwrap_or_default(),
        made_by: text(made_by),
        edited: raw.edited,
        approved_at: time(id, approved_at)?,
        approved_by,
        attempts: raw.attempts,
        next_attempt: time(id, next_attempt)?,
        error,
        sent_at: time(id, sent_at)?,
        reply,
    })
}

/// The messages in `states` (every one when empty), newest first.
pub fn messages(conn: &Connection, states: &[MessageState]) -> Result<Vec<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM message ORDER BY id DESC");
    let rows: Vec<Raw> = conn.prepare_cached(&sql)?.query_map([], raw)?.collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let m = message(r)?;
        if states.is_empty() || states.contains(&m.state) {
            out.push(m);
        }
    }
    Ok(out)
}

/// How many messages are in each state.
pub fn counts(conn: &Connection) -> Result<Vec<(MessageState, u32)>> {
    let rows: Vec<(String, u32)> = conn
        .prepare_cached("SELECT state, count(*) FROM message GROUP BY state")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter_map(|(s, n)| Some((MessageState::parse(&s)?, n))).collect())
}

pub fn message_by_id(conn: &Connection, id: i64) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM message WHERE id = ?1");
    conn.prepare_cached(&sql)?.query_row([id], raw).optional()?.map(message).transpose()
}

/// The message waiting for approval on `topic`, if there is one.
pub fn pending_on(conn: &Connection, topic: &str) -> Result<Option<Message>> {
    let sql = format!("SELECT {COLUMNS} FROM message WHERE state = 'pending' AND topic = ?1 ORDER BY id DESC LIMIT 1");
    conn.prepare_cached(&sql)?.query_row([topic], raw).optional()?.map(message).transpose()
}

/// Adds a message (its `id` is ignored) and answers its id.
pub fn insert(tx: &Tx<'_>, m: &Message, topic: Option<&str>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO message (trigger, release_key, activity, state, subject, body, recipients, sender, invite,
             message_id, facts, topic, made_at, made_by, edited, approved_at, approved_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        m.trigger.as_str(),
        m.release,
        m.activity,
        m.state.as_str(),
        m.subject,
        m.body,
        json(&m.recipients)?,
        json(&m.from)?,
        m.invite.as_ref().map(json).transpose()?,
        m.message_id,
        json(&m.facts)?,
        topic,
        stamp(m.made_at),
        m.made_by,
        m.edited,
        m.approved_at.map(stamp),
        m.approved_by,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Writes a message's mutable fields: its state, subject and body, approval, attempts and outcome.
pub fn update(tx: &Tx<'_>, m: &Message) -> Result<()> {
    let n = tx
        .prepare_cached(
            "UPDATE message SET state = ?2, subject = ?3, body = ?4, edited = ?5, approved_at = ?6,
                 approved_by = ?7, attempts = ?8, next_attempt = ?9, error = ?10, sent_at = ?11, reply = ?12
             WHERE id = ?1",
        )?
        .execute(params![
            m.id,
            m.state.as_str(),
            m.subject,
            m.body,
            m.edited,
            m.approved_at.map(stamp),
            m.approved_by,
            m.attempts,
            m.next_attempt.map(stamp),
            m.error,
            m.sent_at.map(stamp),
            m.reply,
        ])?;
    if n == 0 {
        return Err(Error::NotFound(format!("message {}", m.id)));
    }
    Ok(())
}

/// The templates a user changed, by trigger.
pub fn templates(conn: &Connection) -> Result<Vec<Template>> {
    let rows: Vec<(String, String, String, bool)> = conn
        .prepare_cached("SELECT trigger, subject, body, auto_approve FROM message_template ORDER BY trigger")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(t, subject, body, auto_approve)| {
            let trigger = Trigger::parse(&t).ok_or_else(|| Error::Corrupt(format!("a message template for {t:?}")))?;
            Ok(Template { trigger, subject, body, auto_approve })
        })
        .collect()
}

/// Keeps `t` as its trigger's template (None: back to the built-in one).
pub fn set_template(tx: &Tx<'_>, trigger: Trigger, t: Option<&Template>) -> Result<()> {
    match t {
        Some(t) => tx
            .prepare_cached(
                "INSERT INTO message_template (trigger, subject, body, auto_approve) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (trigger) DO UPDATE SET subject = ?2, body = ?3, auto_approve = ?4",
            )?
            .execute(params![trigger.as_str(), t.subject, t.body, t.auto_approve])?,
        None => tx.prepare_cached("DELETE FROM message_template WHERE trigger = ?1")?.execute([trigger.as_str()])?,
    };
    Ok(())
}

/// The SEQUENCE the next invitation for `uid` carries: 0 for the first, then one more each time.
pub fn next_sequence(tx: &Tx<'_>, uid: &str) -> Result<u32> {
    let seq: u32 = tx
        .prepare_cached(
            "INSERT INTO invite_sequence (uid, sequence) VALUES (?1, 0)
             ON CONFLICT (uid) DO UPDATE SET sequence = sequence + 1 RETURNING sequence",
        )?
        .query_row([uid], |r| r.get(0))?;
    Ok(seq)
}

/// Whether an invitation for `uid` was ever made (a cancellation of one nobody received is noise).
pub fn invite_issued(conn: &Connection, uid: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM invite_sequence WHERE uid = ?1")?.exists([uid])?)
}

/// The SEQUENCE the next invitation for `uid` would carry, without taking it.
pub fn peek_sequence(conn: &Connection, uid: &str) -> Result<u32> {
    let last: Option<u32> = conn
        .prepare_cached("SELECT sequence FROM invite_sequence WHERE uid = ?1")?
        .query_row([uid], |r| r.get(0))
        .optional()?;
    Ok(last.map_or(0, |s| s + 1))
}

/// Marks every message left `sending` (a send cut off: the process died) for a person to check,
/// and answers how many there were.
pub fn sending_to_check(tx: &Tx<'_>, note: &str) -> Result<Vec<i64>> {
    let ids: Vec<i64> = tx
        .prepare_cached("UPDATE message SET state = 'check', error = ?1 WHERE state = 'sending' RETURNING id")?
        .query_map([note], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Whether a message was ever made on `topic` (an overdue stage is told of once).
pub fn topic_used(conn: &Connection, topic: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM message WHERE topic = ?1 LIMIT 1")?.exists([topic])?)
}
