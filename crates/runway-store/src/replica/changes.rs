//! A change file (`.runway-changes`): the operations one plan has that a peer has not seen, with
//! the portfolio they belong to, the replica that wrote the file and what it had seen (its
//! version vector, which the peer keeps to send back only what is new). One JSON document whose
//! operations are covered by a SHA-256 digest, so a truncated or altered file is refused whole.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::log::{BASE, Op, op_row};
use crate::error::{Error, Result};
use crate::tables::reference;

/// The format's name and version, the first thing a reader checks.
pub const FORMAT: &str = "runway-changes";
pub const VERSION: u32 = 1;
/// A change file larger than this is refused before it is read (a year of a busy team is a few MB).
pub const MAX_BYTES: u64 = 512 << 20;

/// What a replica has seen: per replica id, the highest counter; and the digest of the base
/// operations (the plan before the journal) it holds.
pub type Vector = BTreeMap<String, i64>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeFile {
    pub format: String,
    pub version: u32,
    pub portfolio: String,
    /// The plan's name, for messages ("a change file from another portfolio, ...").
    pub portfolio_name: String,
    pub replica: String,
    /// Who wrote it (the app's profile), for messages and the consolidated view.
    pub author: String,
    /// Everything the writing replica had seen when it wrote the file.
    pub vector: Vector,
    /// Only what the peer had not seen (all of it when the writer knew nothing of the peer).
    pub ops: Vec<Op>,
    /// SHA-256 of the operations' JSON, hex.
    pub digest: String,
}

/// The digest a change file's operations must have.
pub fn digest(ops: &[Op]) -> Result<String> {
    let json = serde_json::to_vec(ops).map_err(|e| Error::Internal(format!("cannot write the change file: {e}")))?;
    Ok(hex::encode(Sha256::digest(&json)))
}

/// The version vector of the plan's journal.
pub fn vector(conn: &Connection) -> Result<Vector> {
    let mut stmt = conn.prepare_cached("SELECT replica, max(counter) FROM op WHERE replica <> ?1 GROUP BY replica")?;
    let mut v: Vector = stmt.query_map([BASE], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let bases: i64 = conn.query_row("SELECT count(*) FROM op WHERE replica = ?1", [BASE], |r| r.get(0))?;
    v.insert(BASE.into(), bases);
    Ok(v)
}

/// The operations the plan has that a replica with vector `seen` lacks, in the order the plan
/// received them (parents before children). Base operations go whole unless the peer holds as
/// many (it forked from the same plan).
pub fn ops_since(conn: &Connection, seen: &Vector) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare(
        "SELECT id, replica, counter, hlc, author, object, entity, field, value, prev, parents FROM op ORDER BY seq",
    )?;
    let bases_seen = seen.get(BASE).copied().unwrap_or(0);
    let bases_here: i64 = conn.query_row("SELECT count(*) FROM op WHERE replica = ?1", [BASE], |r| r.get(0))?;
    let all = stmt.query_map([], op_row)?.collect::<rusqlite::Result<Vec<Op>>>()?;
    Ok(all
        .into_iter()
        .filter(|op| {
            if op.replica == BASE {
                bases_seen < bases_here
            } else {
                op.counter > seen.get(&op.replica).copied().unwrap_or(0)
            }
        })
        .collect())
}

/// What this plan last learned a peer had seen (from the peer's own change file), if anything.
pub fn peer_vector(conn: &Connection, peer: &str) -> Result<Option<Vector>> {
    reference::meta(conn, &format!("peer.{peer}"))?
        .map(|t| serde_json::from_str(&t).map_err(|e| Error::Corrupt(format!("what the plan knows of {peer}: {e}"))))
        .transpose()
}

/// Every peer this plan has merged a change file from: (replica, author, when).
pub fn peers(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare("SELECT key, value FROM meta WHERE key LIKE 'peer-seen.%' ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = vec![];
    for row in rows {
        let (key, value) = row?;
        let replica = key.trim_start_matches("peer-seen.").to_owned();
        let (author, at) = value.split_once('\u{1f}').unwrap_or((&value, ""));
        out.push((replica, author.to_owned(), at.to_owned()));
    }
    Ok(out)
}

/// Reads a change file, refusing one that is not a change file, is of a newer version, is cut
/// short or altered (its digest), naming what is wrong.
pub fn read(bytes: &[u8], source: &str) -> Result<ChangeFile> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::Import(format!("{source} is {} MB, more than a change file can be", bytes.len() >> 20)));
    }
    let probe: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::Import(format!("{source} is not a Runway change file, or it was cut short ({e}); nothing was merged"))
    })?;
    if probe.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(Error::Import(format!("{source} is not a Runway change file; nothing was merged")));
    }
    let version = probe.get("version").and_then(serde_json::Value::as_u64).unwrap_or(0);
    if version > u64::from(VERSION) {
        return Err(Error::Import(format!(
            "{source} was written by a newer Runway (change file version {version}; this one reads {VERSION}); nothing was merged"
        )));
    }
    let file: ChangeFile = serde_json::from_value(probe)
        .map_err(|e| Error::Import(format!("{source} is a damaged change file ({e}); nothing was merged")))?;
    if digest(&file.ops)? != file.digest {
        return Err(Error::Import(format!(
            "{source} is damaged: its operations do not match its digest (altered or cut short); nothing was merged"
        )));
    }
    Ok(file)
}

/// The operations the plan received after its local sequence number `after` (its own and
/// merged ones, in the order it received them), and the last sequence number.
pub fn ops_after(conn: &Connection, after: i64) -> Result<(Vec<Op>, i64)> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, replica, counter, hlc, author, object, entity, field, value, prev, parents, seq
         FROM op WHERE seq > ?1 ORDER BY seq",
    )?;
    let mut last = after;
    let mut out = vec![];
    let mut rows = stmt.query([after])?;
    while let Some(r) = rows.next()? {
        out.push(op_row(r)?);
        last = r.get(11)?;
    }
    Ok((out, last))
}

/// The last local sequence number of the journal (0 when it is empty).
pub fn last_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(seq), 0) FROM op", [], |r| r.get(0))?)
}
