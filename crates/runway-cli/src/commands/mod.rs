//! The subcommands, one module per group: each holds its arguments (clap `Args` and `Subcommand`
//! types), the function that runs it over runway-core, and the printing of its result.
//!
//! - `plan` — the plan as a whole: demo, export, import, verify, audit.
//! - `releases` — the list of releases.
//! - `lifecycle` — moving releases and recording evidence (`release …`), status, policy.
//! - `schedule` — schedule, whatif, baseline, dependency.
//! - `report` — the PDF reports.
//! - `calendar` — the forward schedule: calendar, windows, bookings, conflicts, slots, timezone.
//! - `matrix` — the responsibility matrix and the people who hold its roles: matrix, people.
//! - `stakeholders` — distribution lists: lists.
//! - `outbox` — the messages changes make: review, approve, export, send; templates.
//! - `team` — copies of a plan: save-as, replica, changes export, merge, review.

use std::path::Path;

use runway_core::{Error, Planner};

pub mod calendar;
pub mod lifecycle;
pub mod matrix;
pub mod outbox;
pub mod plan;
pub mod releases;
pub mod report;
pub mod schedule;
pub mod stakeholders;
pub mod team;

/// Opens a plan to change it: this process becomes its one owner for the command's duration, and
/// is refused (nothing changed) while the app or another command holds it.
fn open(db: &Path, who: &str) -> Result<Planner, Error> {
    if !db.exists() {
        return Err(Error::NotFound(format!("{} does not exist", db.display())));
    }
    Planner::open(db, who)
}

/// Opens a plan to read it: works while the app has it open.
fn open_read(db: &Path, who: &str) -> Result<Planner, Error> {
    if !db.exists() {
        return Err(Error::NotFound(format!("{} does not exist", db.display())));
    }
    Planner::open_read(db, who)
}

/// A value as typed, for matching names: `Early-life support` → `early_life_support`.
fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace(['-', ' '], "_")
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}
