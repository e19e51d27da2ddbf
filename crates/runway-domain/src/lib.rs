//! Runway's domain: pure types and rules. No IO, no SQLite, no Tauri, no clock: time is passed in.
//!
//! - [`model`]: the release record (D1) and what it links to.
//! - [`input`]: the release form and its field rules.
//! - [`portfolio`]: the portfolio document (JSON interchange, D11) and its checks.
//! - [`demo`]: the deterministic demo portfolio.

pub mod demo;
pub mod input;
pub mod model;
pub mod portfolio;

pub use input::{FieldError, ReleaseInput};
pub use model::*;
pub use portfolio::{Diagnostic, Known, Portfolio};
