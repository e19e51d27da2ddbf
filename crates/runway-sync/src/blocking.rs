//! The team store for a synchronous caller (the CLI, a core call on a worker thread).
//!
//! It owns a current-thread tokio runtime for the connection's whole life: the connection's task
//! lives on the runtime that connected it, so a runtime per call (a bare `block_on`) would end the
//! connection after the first call. Each method blocks the calling thread until the server answers;
//! do not call it from inside an async runtime.

use crate::{OpRow, SyncError};

/// A blocking [`crate::TeamStore`].
#[derive(Debug)]
pub struct TeamStore {
    runtime: tokio::runtime::Runtime,
    store: crate::TeamStore,
}

impl TeamStore {
    /// See [`crate::TeamStore::connect`].
    pub fn connect(url: &str, portfolio: &str) -> Result<TeamStore, SyncError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()
            .map_err(|e| SyncError::Runtime { reason: e.to_string() })?;
        let store = runtime.block_on(crate::TeamStore::connect(url, portfolio))?;
        Ok(TeamStore { runtime, store })
    }

    /// The portfolio this store reads and writes.
    pub fn portfolio(&self) -> &str {
        self.store.portfolio()
    }

    /// See [`crate::TeamStore::server`].
    pub fn server(&self) -> String {
        self.store.server()
    }

    /// See [`crate::TeamStore::push`].
    pub fn push(&self, rows: &[OpRow]) -> Result<u64, SyncError> {
        self.runtime.block_on(self.store.push(rows))
    }

    /// See [`crate::TeamStore::pull`].
    pub fn pull(&self, after: i64) -> Result<(Vec<OpRow>, i64), SyncError> {
        self.runtime.block_on(self.store.pull(after))
    }
}
