//! runway-core: the one API for every Runway front end.
//!
//! [`Planner`] is the facade over a plan file; [`api`] holds its operations, one module per
//! feature. The plan file, its tables and the audited write path are runway-store's
//! ([`store`]); the rules are runway-domain's ([`domain`]); PDF layout is runway-pdf's ([`pdf`]).
//! [`session`] and [`settings`] keep the desktop app's state between launches. This crate knows
//! nothing of Tauri or of the terminal.

pub mod api;
pub mod backup;
pub mod bindings;
pub mod dto;
mod notices;
mod planner;
pub mod session;
pub mod settings;

pub use api::{interchange, matrix, report};
pub use planner::Planner;
pub use runway_domain as domain;
pub use runway_mail as mail;
pub use runway_pdf as pdf;
pub use runway_store as store;
pub use runway_store::{Error, Result, audit, error, fsutil, journal, verify, write};
