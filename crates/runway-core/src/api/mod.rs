//! The API the front ends call: one module per feature, each an `impl Planner` block over
//! runway-store's tables and runway-domain's rules. A feature module uses the store, the domain,
//! [`crate::dto`] and the [`crate::Planner`] facade, never another feature module (the layering
//! test in `tests/layering.rs` keeps it so). New features (calendar, matrix, stakeholders, outbox)
//! each get one module here.

pub mod calendar;
pub mod history;
pub mod interchange;
pub mod lifecycle;
pub mod matrix;
pub mod mspdi;
pub mod outbox;
pub mod phases;
pub mod plan;
pub mod releases;
pub mod replicas;
pub mod report;
pub mod schedule;
pub mod stakeholders;
pub mod team;
pub mod undo;
