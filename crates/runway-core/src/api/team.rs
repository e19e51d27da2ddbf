//! The team store (issue 20): what a front end needs to sync a plan's journal with a shared
//! PostgreSQL database through `runway-sync`, which the core does not depend on (the core stays
//! free of the network): the operations to push, merging the ones pulled, and the high-water
//! marks, kept in the plan per server (named without its password: credentials never reach the
//! plan file).

use serde::{Deserialize, Serialize};

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::replica::cards;
use crate::store::replica::changes;
use crate::store::replica::log::Op;
use crate::store::replica::merge;
use crate::store::tables::reference;

/// How far a plan has synced with one server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncMarks {
    /// The plan's last journal sequence number pushed.
    pub pushed: i64,
    /// The server's last row sequence number pulled.
    pub pulled: i64,
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    pub pushed: u64,
    pub pulled: u64,
    /// Operations new to the plan among those pulled.
    pub merged: u64,
    pub changed: Vec<String>,
    pub open_cards: u32,
}

impl Planner {
    /// The marks of `server` (`user@host:port/db`, never the password).
    pub fn sync_marks(&self, server: &str) -> Result<SyncMarks> {
        Ok(reference::meta(&self.conn, &format!("sync.{server}"))?
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default())
    }

    /// The plan's journal after its local sequence `after`, each operation as JSON, and the last
    /// sequence number: what to push.
    pub fn journal_after(&mut self, after: i64) -> Result<(Vec<(Op, String)>, i64)> {
        // A plan from before the journal describes what it holds first.
        self.write(|w| crate::store::replica::log::seed_all(w.tx()).map(drop))?;
        let (ops, last) = changes::ops_after(&self.conn, after)?;
        let out = ops
            .into_iter()
            .map(|op| serde_json::to_string(&op).map(|json| (op, json)))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::Internal(format!("cannot write an operation for the team store: {e}")))?;
        Ok((out, last))
    }

    /// Merges operations pulled from `server` (JSON each, as pushed) and records the marks, in
    /// one transaction: an operation that cannot be read refuses the whole pull.
    pub fn merge_pulled(&mut self, server: &str, pulled: &[String], marks: SyncMarks) -> Result<SyncReport> {
        let ops: Vec<Op> =
            pulled.iter().map(|t| serde_json::from_str(t)).collect::<std::result::Result<_, _>>().map_err(|e| {
                Error::Import(format!(
                    "the team store at {server} holds an operation this Runway cannot read ({e}); nothing was merged"
                ))
            })?;
        let m = self.write(|w| {
            let m = merge::apply(w, &ops)?;
            // What was merged came from the server: it need not go back.
            let marks = SyncMarks { pushed: changes::last_seq(w.tx())?.max(marks.pushed), pulled: marks.pulled };
            let marks_json = serde_json::to_string(&marks).map_err(|e| Error::Internal(e.to_string()))?;
            reference::set_meta(w.tx(), &format!("sync.{server}"), &marks_json)?;
            if m.added > 0 {
                let summary = format!("{} operations from the team store", m.added);
                w.record::<str>(Action::Merge, Entity::Plan, server, None, Some(&summary))?;
            }
            Ok(m)
        })?;
        Ok(SyncReport {
            pushed: 0,
            pulled: ops.len() as u64,
            merged: m.added as u64,
            changed: m.changed,
            open_cards: u32::try_from(cards::open(&self.conn)?.len()).unwrap_or(u32::MAX),
        })
    }
}
