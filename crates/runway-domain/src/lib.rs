//! Runway's domain: pure types and rules. No IO, no SQLite, no Tauri, no clock: time is passed in.
//!
//! - [`model`]: the release record (D1) and what it links to.
//! - [`dates`]: the dates a plan can hold (years 1 to 9999) and checked day arithmetic.
//! - [`input`]: the release form and its field rules.
//! - [`portfolio`]: the portfolio document (JSON interchange, D11) and its checks.
//! - [`evidence`]: decisions and evidence recorded against a release.
//! - [`lifecycle`]: the release lifecycle (D2), its gates and policy (D3).
//! - [`matrix`]: the SARCI/RACI responsibility matrix (D7), who holds each role, who signs and
//!   who is told.
//! - [`schedule`]: dependencies, the schedule analysis (earliest dates, slack, critical path,
//!   violations) and what-if moves (D4, D5).
//! - [`calendar`]: the forward schedule of changes (D6): change windows, environment bookings,
//!   conflicts and the next free slot.
//! - [`stakeholders`]: distribution lists (members, what they follow) and the people's CSV (D8).
//! - [`notify`]: what a message says of a change (D8): triggers, facts, templates, the audience
//!   and the iTIP invitation of a downtime.
//! - [`baseline`]: named baselines of the planned dates and the slip against them.
//! - [`template`]: the milestones and dependencies a new release starts from, by kind.
//! - [`roadmap`]: the roadmap's layout, shared by the screen and the PDF poster.
//! - [`report`]: the report models (D9): KPI/PMO report, release report, CAB pack and minutes.
//! - [`demo`]: the deterministic demo portfolio.

#[macro_use]
pub mod model;
pub mod baseline;
pub mod calendar;
pub mod dates;
pub mod demo;
pub mod evidence;
pub mod input;
pub mod interchange;
pub mod lifecycle;
pub mod matrix;
pub mod mspdi;
pub mod notify;
pub mod phase;
pub mod portfolio;
pub mod report;
pub mod roadmap;
pub mod schedule;
pub mod stakeholders;
pub mod template;

pub use evidence::{CabDecision, Event, EventKind, EvidenceType, Priority, SignOffDecision, TestKind};
pub use input::{FieldError, ReleaseInput};
pub use lifecycle::{Assessment, Breach, Condition, Gate, Policy, Refusal, StageLimit, Step};
pub use model::*;
pub use portfolio::{Diagnostic, Known, Portfolio};
