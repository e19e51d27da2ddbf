//! runway-core: the one API for every Runway front end.
//!
//! [`Planner`] is the facade over a plan file. Only this crate touches the disk; it knows nothing
//! of Tauri or of the terminal. Every change goes through [`write::write`], which records the
//! audit entry in the same transaction as the change.

pub mod audit;
pub mod bindings;
pub mod dto;
pub mod error;
mod flow;
mod fsutil;
mod history;
pub mod interchange;
pub mod journal;
pub mod lifecycle;
pub mod pdf;
mod plan_schedule;
mod planner;
mod reference;
mod releases;
pub mod report;
pub mod session;
pub mod settings;
pub mod store;
mod undo;
pub mod verify;
pub mod write;

pub use error::{Error, Result};
pub use planner::Planner;
pub use runway_domain as domain;
