//! Black-box scenarios across the whole core, on temporary files only.

mod audit;
mod backups;
mod calendar;
mod converge;
mod files;
mod interchange;
mod lifecycle;
mod matrix;
mod merge;
mod mspdi;
mod outbox;
mod owner;
mod peer;
mod phases;
mod releases;
mod reports;
mod review;
mod schedule;
mod sheets;
mod stakeholders;
mod upgrade;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use runway_core::Planner;
use sha2::{Digest, Sha256};

pub const WHO: &str = "Zoë Ångström <zoe.angstrom@example.com>";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A temporary folder and a demo plan of `n` releases in it.
pub fn demo(n: usize) -> (tempfile::TempDir, PathBuf, Planner) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.runway");
    let p = Planner::create_demo(&path, 2027, n, today(), WHO, false).unwrap();
    (dir, path, p)
}

pub fn sha256(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// Everything a user could see of a plan: its export and its audit head.
pub fn fingerprint(p: &Planner) -> (String, String) {
    (runway_core::interchange::to_json(&p.export().unwrap()).unwrap(), p.info().unwrap().audit_head)
}

/// The files SQLite keeps beside a plan.
pub fn sidecars(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm"].iter().map(|s| PathBuf::from(format!("{}{s}", path.display()))).filter(|p| p.exists()).collect()
}
