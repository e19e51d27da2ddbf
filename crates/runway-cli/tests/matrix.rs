//! `runway matrix` and `runway people` as a user runs them: the grid, a cell set and checked
//! (exit 1 while a rule is broken), the CSV, assignments, and bad input named on one line.

use std::process::{Command, Output};

fn runway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway")).args(args).env("RUNWAY_SETTINGS_DIR", "/nonexistent").output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn ok(args: &[&str]) -> String {
    let out = runway(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

fn refused(args: &[&str]) -> String {
    let out = runway(args);
    assert!(!out.status.success(), "{args:?} succeeded: {}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(err.starts_with("runway: ") && err.trim_end().lines().count() == 1, "{err}");
    err
}

#[test]
fn the_matrix_is_shown_set_checked_and_exported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    let db = db.to_str().unwrap();
    ok(&["demo", "--db", db, "--releases", "20", "--today", "2026-11-22"]);

    let shown = ok(&["matrix", "--db", db, "show"]);
    assert!(shown.contains("Responsibility matrix (SARCI)"), "{shown}");
    assert!(shown.contains("Sponsor (SVP) — Eleanor Whitfield"), "{shown}");
    assert!(shown.contains("Rules: valid"), "{shown}");
    let raci = ok(&["matrix", "--db", db, "show", "--raci"]);
    assert!(raci.contains("A*") && !raci.lines().any(|l| l.split_whitespace().any(|w| w == "S")), "{raci}");
    assert_eq!(runway(&["matrix", "--db", db, "check"]).status.code(), Some(0));

    // A second A breaks the rule: named by `set` and `check`, which exits 1.
    let set = ok(&["matrix", "--db", db, "set", "deploy", "Release Owner", "a"]);
    assert!(
        set.contains("broken: Coordinate distribution and installation of releases: two roles are accountable"),
        "{set}"
    );
    let out = runway(&["matrix", "--db", db, "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout).trim(),
        "Coordinate distribution and installation of releases: two roles are accountable: Release Manager and Release Owner"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&runway(&["matrix", "--db", db, "check", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["rule"], "one_accountable");
    ok(&["matrix", "--db", db, "set", "deploy", "release_owner", "-"]);
    assert_eq!(runway(&["matrix", "--db", db, "check"]).status.code(), Some(0));

    // Bad input: named, nothing changed.
    let before = ok(&["matrix", "--db", db, "show", "--json"]);
    assert!(refused(&["matrix", "--db", db, "set", "deploy", "release_owner", "AR"]).contains("more than one code"));
    assert!(refused(&["matrix", "--db", db, "set", "deploy", "release_owner", "Z"]).contains("not a code"));
    assert!(
        refused(&["matrix", "--db", db, "set", "party", "release_owner", "R"]).contains("\"party\" is not an activity")
    );
    assert!(refused(&["matrix", "--db", db, "role", "remove", "test_manager"]).contains("Unassign them first"));
    assert_eq!(ok(&["matrix", "--db", db, "show", "--json"]), before);

    // Roles and activities.
    assert!(
        ok(&["matrix", "--db", db, "role", "add", "Security Officer"]).contains("Security Officer (security_officer)")
    );
    ok(&["matrix", "--db", db, "role", "move", "security_officer", "1"]);
    ok(&["matrix", "--db", db, "activity", "add", "Dress rehearsal", "--description", "Full run in Pre-prod"]);
    let out = runway(&["matrix", "--db", db, "check"]);
    assert_eq!(out.status.code(), Some(1), "a new activity has no A and no R yet");
    ok(&["matrix", "--db", db, "activity", "remove", "Dress rehearsal"]);

    // CSV: the header of roles, one row per activity, who holds each role.
    let csv = dir.path().join("m.csv");
    ok(&["matrix", "--db", db, "show", "--raci", "--csv", csv.to_str().unwrap()]);
    let body = std::fs::read_to_string(&csv).unwrap();
    assert!(body.starts_with("\u{feff}Activity,Security Officer,Sponsor (SVP),"), "{body}");
    assert!(body.contains("\r\nAuthorize deployment,,A*,I,R,C,C,A,I,,\r\n"), "{body}");
    assert!(body.contains("Held by"));
}

#[test]
fn people_are_listed_added_and_assigned_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    let db = db.to_str().unwrap();
    ok(&["demo", "--db", db, "--releases", "20", "--today", "2026-11-22"]);
    let list = ok(&["people", "--db", db, "list"]);
    assert!(list.contains("robert.king@example.com") && list.contains("Change Manager / CAB"), "{list}");
    assert!(list.contains("18 people"), "{list}");

    ok(&["people", "--db", db, "add", "kim.lee@example.com", "Kim Lee", "--organisation", "Security"]);
    assert_eq!(
        ok(&["people", "--db", db, "assign", "Test Manager", "kim.lee@example.com"]).trim(),
        "kim.lee@example.com holds Test Manager"
    );
    assert!(
        refused(&["people", "--db", db, "assign", "test_manager", "kim.lee@example.com"])
            .contains("already holds Test Manager")
    );
    assert!(
        refused(&["people", "--db", db, "assign", "test_manager", "ghost@example.com"])
            .contains("not a person in this plan")
    );
    assert!(
        refused(&["people", "--db", db, "assign", "janitor", "kim.lee@example.com"])
            .contains("\"janitor\" is not a role")
    );

    let releases: serde_json::Value =
        serde_json::from_slice(&runway(&["releases", "--db", db, "--json"]).stdout).unwrap();
    let key = releases[0]["key"].as_str().unwrap();
    ok(&["people", "--db", db, "assign", "test_manager", "kim.lee@example.com", "--release", key]);
    let shown = ok(&["matrix", "--db", db, "show", "--release", key]);
    assert!(shown.contains("Test Manager — Kim Lee"), "{shown}");
    let audience = ok(&["matrix", "--db", db, "show", "--release", key, "--activity", "deploy"]);
    assert!(audience.contains("Responsible") && audience.contains("Chen Wei"), "{audience}");
    assert!(audience.contains("Kim Lee"), "the release's own Test Manager is informed: {audience}");
    ok(&["people", "--db", db, "unassign", "test_manager", "kim.lee@example.com", "--release", key]);
    // Without its own, the release falls back to the portfolio's Test Managers (Kim among them).
    let shown = ok(&["matrix", "--db", db, "show", "--release", key]);
    assert!(shown.contains("Test Manager — Дмитрий Иванов, Kim Lee, Σοφία Παπαδοπούλου"), "{shown}");
    assert!(ok(&["verify", "--db", db]).contains("audit chain"));
}

#[test]
fn lists_and_the_people_csv_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    let db = db.to_str().unwrap();
    ok(&["demo", "--db", db, "--releases", "10", "--today", "2026-11-22"]);
    let csv = dir.path().join("team.csv");
    std::fs::write(&csv, "name,email\nKim Lee,kim.lee@example.com\nBad,bad@\n").unwrap();
    let err = refused(&["people", "--db", db, "import", csv.to_str().unwrap()]);
    assert!(err.contains("line 3: \"bad@\" is not an e-mail address") && err.contains("nothing was imported"), "{err}");
    std::fs::write(&csv, "name,email\nKim Lee,kim.lee@example.com\n").unwrap();
    assert_eq!(ok(&["people", "--db", db, "import", csv.to_str().unwrap()]).trim(), "1 added, 0 updated, 0 unchanged");
    let out = dir.path().join("out.csv");
    ok(&["people", "--db", db, "export", out.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Kim Lee,kim.lee@example.com,"));

    ok(&["lists", "--db", db, "add", "Ops", "--member", "chen.wei@example.com", "--member", "kim.lee@example.com"]);
    let added = ok(&[
        "lists",
        "--db",
        db,
        "add",
        "CAB",
        "--member",
        "@Ops",
        "--member",
        "robert.king@example.com",
        "--follow",
        "app:PAY",
        "--purpose",
        "Weekly CAB",
    ]);
    assert_eq!(added.trim(), "CAB: @Ops, robert.king@example.com (follows app:PAY) — Weekly CAB");
    let shown = ok(&["lists", "--db", db, "show", "CAB"]);
    assert!(shown.contains("Chen Wei <chen.wei@example.com>") && shown.contains("3 people"), "{shown}");
    let err = refused(&["lists", "--db", db, "add", "Ops", "--member", "@CAB"]);
    assert!(err.contains("is a cycle"), "{err}");
    assert!(refused(&["lists", "--db", db, "remove", "Ops"]).contains("is a member of CAB"));
    ok(&["lists", "--db", db, "remove", "CAB"]);
    assert!(ok(&["lists", "--db", db, "list"]).contains("1 lists"));
}
