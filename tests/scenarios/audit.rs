//! The audit log: every change recorded with who and before → after; append-only; tampering found.

use runway_core::Planner;
use rusqlite::Connection;

use crate::{WHO, demo};

fn raw(path: &std::path::Path) -> Connection {
    Connection::open(path).unwrap()
}

#[test]
fn the_audit_log_refuses_update_and_delete_through_plain_sql() {
    let (_dir, path, p) = demo(3);
    drop(p);
    let c = raw(&path);
    let err = c.execute("UPDATE audit SET actor = 'Mallory' WHERE seq = 1", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = c.execute("DELETE FROM audit WHERE seq = 1", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[test]
fn verify_finds_an_altered_entry_and_names_it() {
    let (_dir, path, p) = demo(3);
    assert!(p.verify().unwrap().ok());
    drop(p);
    {
        let c = raw(&path);
        c.execute_batch("DROP TRIGGER audit_no_update;").unwrap();
        c.execute("UPDATE audit SET actor = 'Mallory' WHERE seq = 7", []).unwrap();
    }
    let report = Planner::open(&path, WHO).unwrap().verify().unwrap();
    assert!(!report.ok());
    let bad = report.first_failure().unwrap();
    assert_eq!(bad.name, "audit chain");
    assert!(bad.detail.contains("entry #7"), "{}", bad.detail);
    assert!(bad.detail.contains("does not match"), "{}", bad.detail);
}

#[test]
fn verify_finds_a_removed_entry() {
    let (_dir, path, p) = demo(3);
    drop(p);
    {
        let c = raw(&path);
        c.execute_batch("DROP TRIGGER audit_no_delete;").unwrap();
        c.execute("DELETE FROM audit WHERE seq = 4", []).unwrap();
    }
    let report = Planner::open(&path, WHO).unwrap().verify().unwrap();
    let bad = report.first_failure().unwrap();
    assert!(bad.detail.contains("entry #5") && bad.detail.contains("missing"), "{}", bad.detail);
}

#[test]
fn verify_finds_an_entry_rewritten_with_a_fresh_hash() {
    // An attacker who recomputes the altered entry's own hash still breaks the link to the next.
    let (_dir, path, p) = demo(3);
    drop(p);
    {
        let c = raw(&path);
        c.execute_batch("DROP TRIGGER audit_no_update;").unwrap();
        c.execute("UPDATE audit SET hash = '00' || substr(hash, 3) WHERE seq = 2", []).unwrap();
    }
    let report = Planner::open(&path, WHO).unwrap().verify().unwrap();
    let bad = report.first_failure().unwrap();
    assert!(bad.detail.contains("entry #2"), "{}", bad.detail);
}

#[test]
fn every_change_is_recorded_with_who_and_before_and_after() {
    let (_dir, _path, mut p) = demo(2);
    let key = p.list_releases().unwrap()[0].key.clone();
    let before_title = p.release(&key).unwrap().release.title;
    let mut input = crate::releases::input_of(&p.release(&key).unwrap().release);
    input.title = "Payments 9.9 — audited".into();
    p.update_release(&key, input).unwrap();
    let history = p.audit_trail(&key).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "update");
    assert_eq!(last.actor, WHO);
    assert!(last.at.ends_with('Z'), "UTC: {}", last.at);
    assert!(last.before.as_deref().unwrap().contains(&before_title));
    assert!(last.after.as_deref().unwrap().contains("Payments 9.9 — audited"));
    assert!(p.verify().unwrap().ok());
}
