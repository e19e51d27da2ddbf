//! The `runway` binary as a user runs it: exit codes, one-line errors, files left alone.

use std::path::Path;
use std::process::{Command, Output};

fn runway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway")).args(args).env("RUNWAY_SETTINGS_DIR", "/nonexistent").output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn demo(dir: &Path, n: &str) -> std::path::PathBuf {
    let db = dir.join("plan.runway");
    let out = runway(&["demo", "--db", p(&db), "--releases", n, "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    db
}

#[test]
fn demo_then_list_then_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "40");
    let out = runway(&["releases", "--db", p(&db)]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("40 releases"));
    let out = runway(&["releases", "--db", p(&db), "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 40);
    assert!(list[0]["key"].is_string() && list[0]["status"].is_string());
    let out = runway(&["verify", "--db", p(&db)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("audit chain"));
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "3");
    let before = std::fs::read(&db).unwrap();
    let out = runway(&["demo", "--db", p(&db)]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.starts_with("runway: ") && err.contains("--force") && err.lines().count() == 1, "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(runway(&["demo", "--db", p(&db), "--releases", "5", "--force"]).status.success());
}

#[test]
fn export_import_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "15");
    let a = dir.path().join("a.json");
    assert!(runway(&["export", "--db", p(&db), "--format", "json", "--out", p(&a)]).status.success());
    let db2 = dir.path().join("fresh.runway");
    let out = runway(&["import", "--db", p(&db2), p(&a)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let b = dir.path().join("b.json");
    assert!(runway(&["export", "--db", p(&db2), "--format", "json", "--out", p(&b)]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn a_bad_import_exits_non_zero_naming_the_place_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "5");
    let before = dir.path().join("before.json");
    assert!(runway(&["export", "--db", p(&db), "--format", "json", "--out", p(&before)]).status.success());
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"format\": \"runway.portfolio\", \"version\": 1, \"name\": \"x\", \"releases\": [{\"key\": 7}]}",
    )
    .unwrap();
    let out = runway(&["import", "--db", p(&db), p(&bad)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("releases[0].key") && err.contains("line 1"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let after = dir.path().join("after.json");
    assert!(runway(&["export", "--db", p(&db), "--format", "json", "--out", p(&after)]).status.success());
    assert_eq!(std::fs::read(&before).unwrap(), std::fs::read(&after).unwrap());
}

#[test]
fn a_garbage_plan_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("garbage.runway");
    std::fs::write(&db, vec![0x5a; 2048]).unwrap();
    let out = runway(&["releases", "--db", p(&db)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a Runway plan"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&db).unwrap(), vec![0x5a; 2048]);
}

#[test]
fn verify_exits_non_zero_on_a_broken_chain() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "3");
    // Tamper behind Runway's back: drop the guard trigger and rewrite an entry with plain SQL.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'Mallory' WHERE seq = 2;")
        .unwrap();
    let out = runway(&["verify", "--db", p(&db)]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("audit chain check failed") && err.contains("entry #2"), "{err}");
}
