//! runway-store: the plan file and everything that touches it.
//!
//! - [`file`]: one SQLite database per plan — opened, locked for one owner ([`lock`]), refused when
//!   it is not ours or newer than us, migrated with a backup first ([`migrations`]).
//! - [`write`]: the one audited write path. A [`write::Tx`] is made only by [`write::write`], and
//!   every table function that changes rows takes one, so an unaudited write does not compile.
//! - [`journal`] names what a write did (typed entities and actions), [`audit`] chains the entries,
//!   [`undo`] keeps the undo stack and restores any [`undo::Undoable`] entity.
//! - [`tables`]: the SQL, one module per group of tables; [`rows`] the shapes they read out.
//! - [`verify`]: the plan's integrity, foreign keys and audit chain checked in one report.
//!
//! It knows nothing of the front ends: runway-core builds their API on top of it.

pub mod audit;
pub mod backup;
pub mod calendar_undo;
pub mod error;
pub mod file;
pub mod fsutil;
pub mod import_undo;
pub mod journal;
pub mod lock;
pub mod matrix_undo;
pub mod migrations;
pub mod replica;
pub mod rows;
pub mod schema_check;
pub mod stakeholders_undo;
pub mod tables;
pub mod undo;
pub mod verify;
pub mod write;

pub use error::{Error, Result};
pub use file::*;
pub use rusqlite::Connection;
