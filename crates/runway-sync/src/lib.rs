//! The team store client: a PostgreSQL database that holds the insert-only journal of operations
//! from many plan files ("replicas") of one portfolio (docs/team-store.md).
//!
//! This crate moves opaque rows: it knows nothing of plans, of SQLite or of what an operation
//! means. A replica pushes the rows the server may not have ([`TeamStore::push`], idempotent) and
//! pulls every row past its high-water mark ([`TeamStore::pull`]), in the server's order.
//!
//! The API is async (tokio-postgres); [`blocking::TeamStore`] wraps it for a synchronous caller (the
//! CLI) with a current-thread runtime of its own.
//!
//! The address is a `postgres://user:password@host:port/database` URL. The password never appears
//! in an error or a `Debug` output: messages name `host:port/database` and the user only.

mod address;
pub mod blocking;
mod error;
mod schema;
mod store;
#[cfg(feature = "testing")]
pub mod testing;

pub use error::SyncError;
pub use schema::SCHEMA_VERSION;
pub use store::{CONNECT_TIMEOUT, TeamStore};

/// One journal operation as the server holds it. `id` is globally unique
/// (`"<replica-uuid>:<counter>"` or `"base:<hex>"`); `body` is JSON text, opaque here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpRow {
    pub id: String,
    pub replica: String,
    pub counter: i64,
    pub body: String,
}
