//! The one write path: every change runs in a `BEGIN IMMEDIATE` transaction that also appends
//! its audit entries, so a change and its record are committed together or not at all.
//!
//! The types make it the only path:
//! - [`Tx`], the open write transaction, can only be made by [`write`], and every function that
//!   changes a table takes a `&Tx` (reads take a `&Connection`; a `&Tx` is one too);
//! - outside [`write`] the plan's connection is `query_only`, so even SQL written by hand cannot
//!   change the plan anywhere else (SQLite refuses it).
//!
//! Every entry of one write carries the write's id ([`Writer::write_id`]: the sequence number of
//! its first audit entry), so undo finds what belongs together without comparing timestamps.

use std::ops::Deref;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::audit::Appender;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};

/// The open write transaction. Only [`write`] makes one; table writes require it.
pub struct Tx<'c> {
    tx: Transaction<'c>,
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// What a change can do inside the write transaction: change tables (through [`Writer::tx`]) and
/// record what it changed.
pub struct Writer<'c> {
    tx: Tx<'c>,
    audit: Appender,
    now: String,
    write_id: i64,
    actor: String,
    /// The plan's replica, loaded by the first journal operation of the write.
    replica: Option<crate::replica::log::Replica>,
    /// A merge: its changes come from operations already in the journal, so they are audited
    /// but not journaled again.
    merging: bool,
}

impl<'c> Writer<'c> {
    /// The transaction: pass it to the table functions.
    pub fn tx(&self) -> &Tx<'c> {
        &self.tx
    }

    /// The time of this change, UTC, RFC 3339.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// Who makes this change.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The plan's replica: its id, its portfolio, its clock and counter.
    pub fn replica_state(&mut self) -> Result<&mut crate::replica::log::Replica> {
        if self.replica.is_none() {
            self.replica = Some(crate::replica::log::replica(&self.tx)?);
        }
        Ok(self.replica.as_mut().expect("loaded above"))
    }

    /// While `on` (a merge bringing the plan to its journal's state), changes are audited but make
    /// no journal operations.
    pub fn set_merging(&mut self, on: bool) {
        self.merging = on;
    }

    /// This write's id: the sequence number its first audit entry has (or will have).
    pub fn write_id(&self) -> i64 {
        self.write_id
    }

    /// Records one change: `before` and `after` are the entity's state (None when it did not exist).
    pub fn record<T: Serialize + ?Sized>(
        &mut self,
        action: Action,
        entity: Entity,
        key: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        self.record_seq(action, entity, key, before, after).map(drop)
    }

    /// [`Writer::record`], answering the audit entry's sequence number.
    pub fn record_seq<T: Serialize + ?Sized>(
        &mut self,
        action: Action,
        entity: Entity,
        key: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<i64> {
        let json = |v: Option<&T>| -> Result<Option<String>> {
            v.map(|v| {
                serde_json::to_string(v).map_err(|e| Error::Internal(format!("cannot record {entity} {key}: {e}")))
            })
            .transpose()
        };
        let journaled = !self.merging && matches!(entity, Entity::Release | Entity::Dependency);
        let values = if journaled {
            let value = |v: Option<&T>| {
                v.map(serde_json::to_value)
                    .transpose()
                    .map_err(|e| Error::Internal(format!("cannot journal {entity} {key}: {e}")))
            };
            Some((value(before)?, value(after)?))
        } else {
            None
        };
        let (before, after) = (json(before)?, json(after)?);
        let seq = self.audit.append(&self.tx, action.as_str(), entity.as_str(), key, before, after)?;
        if let Some((before, after)) = values {
            crate::replica::log::on_record(self, action, entity, before, after, seq)?;
        }
        Ok(seq)
    }
}

/// Runs `change` in one immediate transaction with `actor` as the audit's "who" and `now` as its
/// time.
pub fn write<T>(
    conn: &mut Connection,
    actor: &str,
    now: chrono::DateTime<chrono::Utc>,
    change: impl FnOnce(&mut Writer<'_>) -> Result<T>,
) -> Result<T> {
    let now = now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    allow_writes(conn, true)?;
    let out = (|| {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audit = Appender::new(&tx, now.clone(), actor.to_owned())?;
        let write_id = audit.next_seq();
        let mut w =
            Writer { tx: Tx { tx }, audit, now, write_id, actor: actor.to_owned(), replica: None, merging: false };
        let out = change(&mut w)?;
        w.tx.tx.commit()?;
        Ok(out)
    })();
    // The transaction is over (committed, or rolled back when dropped): back to reading only.
    allow_writes(conn, false)?;
    out
}

/// Turns the connection's `query_only` off (inside the write path) or on (everywhere else).
pub(crate) fn allow_writes(conn: &Connection, allow: bool) -> Result<()> {
    conn.pragma_update(None, "query_only", if allow { "OFF" } else { "ON" })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::reference;

    /// Outside the write path the plan refuses every change, even SQL written by hand; inside it,
    /// the change and its audit entry go in together.
    #[test]
    fn nothing_writes_a_plan_outside_the_write_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut plan = crate::file::create(&dir.path().join("p.runway"), false).unwrap();
        let conn = &mut plan.conn;
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").unwrap().to_utc();
        let err = conn.execute("INSERT INTO meta (key, value) VALUES ('sneaky', 'x')", []).unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
        let before = crate::audit::head(conn).unwrap().0;
        write(conn, "Tester <t@example.com>", now, |w| {
            reference::set_meta(w.tx(), "name", "Renamed")?;
            w.record::<str>(Action::Update, Entity::Plan, "Renamed", None, Some("Renamed"))
        })
        .unwrap();
        assert_eq!(crate::audit::head(conn).unwrap().0, before + 1);
        // A failed write leaves the connection reading only, too.
        let failed: Result<()> = write(conn, "Tester", now, |_| Err(Error::Conflict("no".into())));
        assert!(failed.is_err());
        assert!(conn.execute("DELETE FROM meta", []).is_err());
        assert_eq!(reference::meta(conn, "name").unwrap().as_deref(), Some("Renamed"));
    }
}
