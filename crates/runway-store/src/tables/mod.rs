//! The SQL of a plan, one module per group of tables. Reads take a `&Connection`; every function
//! that changes rows takes a [`crate::write::Tx`], which only the audited write path makes.

pub mod calendar;
pub mod events;
pub mod matrix;
pub mod outbox;
pub mod reference;
pub mod releases;
pub mod schedule;
pub mod stakeholders;
