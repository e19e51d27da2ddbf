//! The one write path: every change runs in a `BEGIN IMMEDIATE` transaction that also appends
//! its audit entries, so a change and its record are committed together or not at all.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use crate::audit::Appender;
use crate::error::{Error, Result};

/// What a change can do inside the write transaction: run SQL and record what it changed.
pub struct Writer<'c> {
    tx: &'c Transaction<'c>,
    audit: Appender,
    now: String,
}

impl<'c> Writer<'c> {
    /// The connection inside the transaction.
    pub fn conn(&self) -> &Connection {
        self.tx
    }

    /// The time of this change, UTC, RFC 3339.
    pub fn now(&self) -> &str {
        &self.now
    }

    /// Records one change: `before` and `after` are the entity's state (None when it did not exist).
    pub fn record<T: Serialize + ?Sized>(
        &mut self,
        action: &str,
        entity: &str,
        key: &str,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<()> {
        self.record_seq(action, entity, key, before, after).map(drop)
    }

    /// [`Writer::record`], answering the audit entry's sequence number.
    pub fn record_seq<T: Serialize + ?Sized>(
        &mut self,
        action: &str,
        entity: &str,
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
        let (before, after) = (json(before)?, json(after)?);
        self.audit.append(self.tx, action, entity, key, before, after)
    }
}

/// Runs `change` in one immediate transaction with `actor` as the audit's "who".
pub fn write<T>(conn: &mut Connection, actor: &str, change: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let out = {
        let audit = Appender::new(&tx, now.clone(), actor.to_owned())?;
        let mut w = Writer { tx: &tx, audit, now };
        change(&mut w)?
    };
    tx.commit()?;
    Ok(out)
}
