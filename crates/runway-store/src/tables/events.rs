//! Storage of the lifecycle: events (moves, decisions, evidence) and the plan's policy. The rules
//! are runway-domain's ([`runway_domain::lifecycle`]); this module reads and appends rows.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use runway_domain::{Event, EventKind, Policy, ReleaseStatus};

use super::reference;
use crate::error::{Error, Result};
use crate::write::Tx;

const META_POLICY: &str = "policy";

/// The plan's policy (the defaults when none was set).
pub fn policy(conn: &Connection) -> Result<Policy> {
    match reference::meta(conn, META_POLICY)? {
        None => Ok(Policy::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| Error::Corrupt(format!("the plan's policy cannot be read ({e}); set it again in Settings"))),
    }
}

pub fn set_policy(conn: &Tx<'_>, policy: &Policy) -> Result<()> {
    let json = serde_json::to_string(policy).map_err(|e| Error::Internal(format!("cannot write the policy: {e}")))?;
    reference::set_meta(conn, META_POLICY, &json)
}

fn parse_at(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let data: String = r.get(6)?;
    let what: EventKind = serde_json::from_str(&data)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, Box::new(e)))?;
    let role: Option<String> = r.get(4)?;
    Ok(Event {
        id: r.get::<_, i64>(0)? as u64,
        release: r.get(1)?,
        at: parse_at(&r.get::<_, String>(2)?)?,
        by: r.get(3)?,
        role,
        what,
        reason: r.get(7)?,
        conditions: r.get(8)?,
    })
}

const SELECT: &str = "SELECT e.id, r.key, e.at, e.by, e.role, e.type, e.data, e.reason, e.conditions
                      FROM event e JOIN release r ON r.id = e.release_id";

/// One release's events, oldest first.
pub fn events_of(conn: &Connection, release_id: i64) -> Result<Vec<Event>> {
    let sql = format!("{SELECT} WHERE e.release_id = ?1 ORDER BY e.id");
    Ok(conn.prepare_cached(&sql)?.query_map([release_id], from_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every event of the plan, grouped by release id (ascending) and oldest first within one.
pub fn all_events(conn: &Connection) -> Result<Vec<(i64, Event)>> {
    let sql = "SELECT e.id, r.key, e.at, e.by, e.role, e.type, e.data, e.reason, e.conditions, e.release_id
               FROM event e JOIN release r ON r.id = e.release_id ORDER BY e.release_id, e.id";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(9)?, from_row(r)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether a release has any recorded event (it then cannot be deleted).
pub fn has_events(conn: &Connection, release_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM event WHERE release_id = ?1)")?
        .query_row([release_id], |r| r.get(0))?)
}

/// What to append (the id is given by the plan).
pub struct NewEvent<'a> {
    pub at: &'a str,
    pub by: &'a str,
    pub role: Option<&'a str>,
    pub what: &'a EventKind,
    pub reason: &'a str,
    pub conditions: &'a str,
}

fn type_name(what: &EventKind) -> &'static str {
    match what {
        EventKind::Transition { .. } => "transition",
        EventKind::Revocation { .. } => "revocation",
        other => other.evidence_type().map_or("event", |t| t.as_str()),
    }
}

/// Appends an event and answers it as stored.
pub fn append(conn: &Tx<'_>, release_id: i64, key: &str, e: &NewEvent<'_>) -> Result<Event> {
    let data = serde_json::to_string(e.what).map_err(|err| Error::Internal(format!("cannot record: {err}")))?;
    conn.prepare_cached(
        "INSERT INTO event (release_id, at, by, role, type, data, reason, conditions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![release_id, e.at, e.by, e.role, type_name(e.what), data, e.reason, e.conditions])?;
    Ok(Event {
        id: conn.last_insert_rowid() as u64,
        release: key.to_owned(),
        at: parse_at(e.at).map_err(|err| Error::Internal(format!("bad event time {}: {err}", e.at)))?,
        by: e.by.to_owned(),
        role: e.role.map(str::to_owned),
        what: e.what.clone(),
        reason: e.reason.to_owned(),
        conditions: e.conditions.to_owned(),
    })
}

/// Sets a release's stage.
pub fn set_status(conn: &Tx<'_>, release_id: i64, status: ReleaseStatus, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE release SET status = ?2, updated_at = ?3 WHERE id = ?1")?.execute(params![
        release_id,
        status.as_str(),
        now
    ])?;
    Ok(())
}

/// Release ids with their creation time, for the assessment of time spent in Draft.
pub fn created_at(conn: &Connection, release_id: i64) -> Result<DateTime<Utc>> {
    let s: String =
        conn.prepare_cached("SELECT created_at FROM release WHERE id = ?1")?.query_row([release_id], |r| r.get(0))?;
    Ok(parse_at(&s)?)
}
