//! The append-only, hash-chained audit log (D10).
//!
//! Each entry's hash is SHA-256 over its fields and the previous entry's hash, so changing,
//! removing or reordering any entry breaks the chain from there on. Triggers refuse UPDATE and
//! DELETE on the table; [`verify_chain`] finds tampering done around them.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::journal::Entity;

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_key: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

fn digest(e: &Entry) -> String {
    let mut h = Sha256::new();
    for part in [
        e.seq.to_string().as_str(),
        &e.at,
        &e.actor,
        &e.action,
        &e.entity,
        &e.entity_key,
        e.before.as_deref().unwrap_or("\u{0}null"),
        e.after.as_deref().unwrap_or("\u{0}null"),
        &e.prev_hash,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The newest entry's hash, or [`GENESIS`] for an empty log.
pub fn head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned())))
}

/// Appends entries to the log; used inside the write transaction by [`crate::write::Writer`].
pub(crate) struct Appender {
    seq: i64,
    prev: String,
    at: String,
    actor: String,
}

impl Appender {
    pub(crate) fn new(conn: &Connection, at: String, actor: String) -> Result<Self> {
        let (seq, prev) = head(conn)?;
        Ok(Appender { seq, prev, at, actor })
    }

    /// The sequence number the next entry gets.
    pub(crate) fn next_seq(&self) -> i64 {
        self.seq + 1
    }

    pub(crate) fn append(
        &mut self,
        conn: &Connection,
        action: &str,
        entity: &str,
        entity_key: &str,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<i64> {
        let mut e = Entry {
            seq: self.seq + 1,
            at: self.at.clone(),
            actor: self.actor.clone(),
            action: action.to_owned(),
            entity: entity.to_owned(),
            entity_key: entity_key.to_owned(),
            before,
            after,
            prev_hash: self.prev.clone(),
            hash: String::new(),
        };
        e.hash = digest(&e);
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            e.seq,
            e.at,
            e.actor,
            e.action,
            e.entity,
            e.entity_key,
            e.before,
            e.after,
            e.prev_hash,
            e.hash
        ])?;
        self.seq = e.seq;
        self.prev = e.hash;
        Ok(e.seq)
    }
}

/// The outcome of re-computing the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainCheck {
    /// Every entry matches; `entries` counted, `head` the last hash.
    Intact { entries: u64, head: String },
    /// The first entry that does not match, and why.
    Broken { seq: i64, reason: String },
}

/// Recomputes every hash in order and names the first entry that does not match.
pub fn verify_chain(conn: &Connection) -> Result<ChainCheck> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash FROM audit ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected_seq = 1i64;
    let mut entries = 0u64;
    while let Some(r) = rows.next()? {
        let e = from_row(r)?;
        let what = format!("entry #{} ({} {} {} by {} at {})", e.seq, e.action, e.entity, e.entity_key, e.actor, e.at);
        if e.seq != expected_seq {
            return Ok(ChainCheck::Broken {
                seq: e.seq,
                reason: format!("{what}: expected entry #{expected_seq} here; entries are missing"),
            });
        }
        if e.prev_hash != prev {
            return Ok(ChainCheck::Broken {
                seq: e.seq,
                reason: format!("{what}: does not chain to the entry before it"),
            });
        }
        if digest(&e) != e.hash {
            return Ok(ChainCheck::Broken {
                seq: e.seq,
                reason: format!("{what}: its content does not match its hash"),
            });
        }
        prev = e.hash;
        expected_seq += 1;
        entries += 1;
    }
    Ok(ChainCheck::Intact { entries, head: prev })
}

/// One entry by its sequence number.
pub fn entry(conn: &Connection, seq: i64) -> Result<Option<Entry>> {
    Ok(conn
        .query_row(
            "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash FROM audit WHERE seq = ?1",
            [seq],
            from_row,
        )
        .optional()?)
}

/// Whether an entry from `seq` on records `action` (asked before reading a write's entries whole).
pub fn has_action_since(conn: &Connection, seq: i64, action: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM audit WHERE seq >= ?1 AND action = ?2 LIMIT 1")?
        .exists(params![seq, action])?)
}

/// The entries from `seq` on (those of the write that began there, read inside it), oldest first.
pub fn since(conn: &Connection, seq: i64) -> Result<Vec<Entry>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash
             FROM audit WHERE seq >= ?1 ORDER BY seq",
        )?
        .query_map([seq], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The newest `limit` entries (all of them about `entity`/`key` when given), oldest first.
pub fn recent(conn: &Connection, about: Option<(Entity, &str)>, limit: u32) -> Result<Vec<Entry>> {
    let mut out: Vec<Entry> = match about {
        Some((entity, key)) => conn
            .prepare_cached(
                "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash
                 FROM audit WHERE entity = ?1 AND entity_key = ?2 ORDER BY seq DESC LIMIT ?3",
            )?
            .query_map(params![entity.as_str(), key, limit], from_row)?
            .collect::<rusqlite::Result<_>>()?,
        None => conn
            .prepare_cached(
                "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash
                 FROM audit ORDER BY seq DESC LIMIT ?1",
            )?
            .query_map(params![limit], from_row)?
            .collect::<rusqlite::Result<_>>()?,
    };
    out.reverse();
    Ok(out)
}

/// Entries about one entity (newest last), for a release's history.
pub fn entries_for(conn: &Connection, entity: Entity, key: &str) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash
         FROM audit WHERE entity = ?1 AND entity_key = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![entity.as_str(), key], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many audit entries each key of `entity` has (an iCalendar SEQUENCE: it grows with every
/// change of the object).
pub fn counts(conn: &Connection, entity: Entity) -> Result<std::collections::HashMap<String, u32>> {
    let mut stmt =
        conn.prepare_cached("SELECT entity_key, count(*) FROM audit WHERE entity = ?1 GROUP BY entity_key")?;
    let rows = stmt.query_map([entity.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The keys release `key` had before (renames by an edit, an undo or a redo), each once.
pub fn former_release_keys(conn: &Connection, key: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT json_extract(before, '$.key') FROM audit
             WHERE entity = 'release' AND entity_key = ?1 AND action IN ('update', 'undo', 'redo')
               AND json_extract(before, '$.key') IS NOT NULL AND json_extract(before, '$.key') <> ?1",
        )?
        .query_map(params![key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_key: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}
