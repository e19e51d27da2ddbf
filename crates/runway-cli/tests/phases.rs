//! Phases and release templates from the command line: a custom phase set, linked and refused
//! removal; a bad date refused; a template listed as JSON, changed, set from a file, reset.

use std::process::{Command, Output};

fn runway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway")).args(args).env("RUNWAY_SETTINGS_DIR", "/nonexistent").output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

trait Ends {
    fn success(self) -> Output;
    fn failure(self) -> Output;
}

impl Ends for Output {
    fn success(self) -> Output {
        assert!(self.status.success(), "{}", stderr(&self));
        self
    }
    fn failure(self) -> Output {
        assert!(!self.status.success(), "{}", stdout(&self));
        self
    }
}

fn first_release(db: &str) -> String {
    let out = runway(&["releases", "--db", db, "--json"]).success();
    let all: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    all[0]["key"].as_str().unwrap().to_owned()
}

#[test]
fn phases_and_release_templates_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    let db = db.to_str().unwrap();
    runway(&["demo", "--db", db, "--releases", "5", "--today", "2026-11-22"]).success();
    let key = first_release(db);
    let out = runway(&["phase", "--db", db, "set", &key, "Dress rehearsal", "2027-03-01", "2027-03-02"]).success();
    assert!(stdout(&out).contains("Dress rehearsal: planned 2027-03-01 – 2027-03-02"), "{}", stdout(&out));
    let out =
        runway(&["dependency", "--db", db, "add", &format!("{key}:Dress rehearsal"), &format!("{key}:deployment")])
            .success();
    assert!(stdout(&out).contains("deployment now depends on"), "{}", stdout(&out));
    let out = runway(&["phase", "--db", db, "remove", &key, "dress rehearsal"]).failure();
    assert!(stderr(&out).contains("is used by a dependency"), "{}", stderr(&out));
    let out = runway(&["phase", "--db", db, "set", &key, "UAT", "2027-03-05", "2027-03-01"]).failure();
    assert!(stderr(&out).contains("before it starts"), "{}", stderr(&out));

    let out = runway(&["template", "--db", db, "list", "--json"]).success();
    let all: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut minor =
        all.as_array().unwrap().iter().find(|t| t["template"]["kind"] == "minor").unwrap()["template"].clone();
    minor["phases"].as_array_mut().unwrap().push(serde_json::json!({"phase": "SIT", "start": -12, "end": -9}));
    let file = dir.path().join("minor.json");
    std::fs::write(&file, minor.to_string()).unwrap();
    let out = runway(&["template", "--db", db, "set", file.to_str().unwrap()]).success();
    assert!(stdout(&out).contains("new minor releases start with 8 phases"), "{}", stdout(&out));
    let out = runway(&["template", "--db", db, "list"]).success();
    assert!(stdout(&out).contains("Minor (the plan's own)") && stdout(&out).contains("SIT"), "{}", stdout(&out));
    let out = runway(&["template", "--db", db, "reset", "minor"]).success();
    assert!(stdout(&out).contains("default template"));
}

#[test]
fn ms_project_xml_is_previewed_and_imported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    let db = db.to_str().unwrap();
    let other = dir.path().join("other.runway");
    let other = other.to_str().unwrap();
    let xml = dir.path().join("plan.xml");
    let xml = xml.to_str().unwrap();
    runway(&["demo", "--db", db, "--releases", "6", "--today", "2026-11-22"]).success();
    runway(&["export", "--db", db, "--format", "mspdi", "--out", xml]).success();
    runway(&["demo", "--db", other, "--releases", "1", "--today", "2026-11-22"]).success();
    let count = |db: &str| {
        let out = runway(&["releases", "--db", db, "--json"]).success();
        serde_json::from_str::<serde_json::Value>(&stdout(&out)).unwrap().as_array().unwrap().len()
    };
    let before = count(other);
    let out = runway(&["import", "--db", other, "--format", "mspdi", "--dry-run", xml]).success();
    assert!(stdout(&out).contains("would import (nothing changed: --dry-run)"), "{}", stdout(&out));
    assert_eq!(count(other), before);
    let out = runway(&["import", "--db", other, "--format", "mspdi", xml]).success();
    assert!(stdout(&out).contains("plan.xml imported"), "{}", stdout(&out));
    assert!(stdout(&out).contains("  add     "), "{}", stdout(&out));
    assert!(count(other) > before);

    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/mspdi/sample.xml");
    let out =
        runway(&["import", "--db", other, "--format", "mspdi", "--one-release", "SAMPLE-1", "--kind", "major", sample])
            .success();
    assert!(stdout(&out).contains("add     SAMPLE-1"), "{}", stdout(&out));
    assert!(stdout(&out).contains("not kept: 3 resources"), "{}", stdout(&out));
    let out = runway(&["import", "--db", other, "--format", "mspdi", "--one-release", "bad key", sample]).failure();
    assert!(stderr(&out).contains("key"), "{}", stderr(&out));
}
