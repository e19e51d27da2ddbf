//! The plan file as a whole: Save As, verification, the checkpoint before quitting, the audit log.

use std::path::Path;

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::Entity;
use crate::store::tables::releases;
use crate::store::verify::{self, VerifyReport};
use crate::store::{self, audit};

impl Planner {
    /// Copies the plan to `dest` and opens the copy (Save As).
    pub fn save_as(&self, dest: &Path, overwrite: bool) -> Result<Planner> {
        if store::same_file(&self.path, dest) {
            return Err(Error::Conflict("that is the plan already open".into()));
        }
        // The copy goes its own way: what it writes from now on is its own replica's. It takes
        // its replica id before it is renamed into place.
        let (actor, now) = (self.actor.clone(), self.now());
        let fresh = move |c: &mut store::Connection, file: &Path| {
            crate::store::replica::log::fresh_for_copy(c, file, &actor, now)
        };
        let owned = store::copy_and_open_prepared(&self.conn, dest, overwrite, &fresh)?;
        Ok(Planner::owning(owned, dest, &self.actor))
    }

    /// Integrity, foreign keys, schema version and the audit chain.
    pub fn verify(&self) -> Result<VerifyReport> {
        verify::run(&self.conn)
    }

    /// Moves everything from the write-ahead log into the plan file, so the `.runway` file alone
    /// holds every committed edit (before the app quits, or before the file is copied). Says
    /// whether it could: a reader in another process (a `runway report` running) may keep part of
    /// the log from the main file, and then the `-wal` file beside it is still part of the plan.
    pub fn checkpoint(&self) -> Result<store::Checkpoint> {
        store::checkpoint(&self.conn)
    }

    /// The newest `limit` audit entries, about one release when `release` is given; oldest first.
    pub fn audit_log(&self, release: Option<&str>, limit: u32) -> Result<Vec<audit::Entry>> {
        if let Some(key) = release {
            releases::require(&self.conn, key)?;
        }
        audit::recent(&self.conn, release.map(|k| (Entity::Release, k)), limit)
    }

    /// The audit entries about one release under its current key, oldest first.
    pub fn audit_trail(&self, key: &str) -> Result<Vec<audit::Entry>> {
        audit::entries_for(&self.conn, Entity::Release, key)
    }
}
