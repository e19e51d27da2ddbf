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
fn backup_writes_a_plan_that_verifies_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "12");
    let out_file = dir.path().join("copy.runway");
    let out = runway(&["backup", "--db", p(&db), "--out", p(&out_file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("backed up 12 releases (audit #"), "{}", text(&out.stdout));
    let out = runway(&["verify", "--db", p(&out_file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = std::fs::read(&out_file).unwrap();
    let out = runway(&["backup", "--db", p(&db), "--out", p(&out_file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("already exists"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(&out_file).unwrap(), before);
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

/// `runway release move` (gates are judged on the real date: the command has no `--today`).
fn move_to(db: &Path, key: &str, to: &str) -> Output {
    runway(&["release", "move", "--db", p(db), key, "--to", to])
}

/// Every release's assessment, today.
fn statuses(db: &Path) -> Vec<serde_json::Value> {
    let out = runway(&["status", "--db", p(db), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// The status of a release as `runway status --json` reports it.
fn status_of(db: &Path, key: &str) -> serde_json::Value {
    statuses(db).into_iter().find(|a| a["key"] == key).unwrap_or_else(|| panic!("no {key}"))
}

fn status_on(db: &Path, key: &str, today: &str) -> serde_json::Value {
    let out = runway(&["status", "--db", p(db), "--json", "--today", today]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    all.as_array().unwrap().iter().find(|a| a["key"] == key).unwrap_or_else(|| panic!("no {key}")).clone()
}

/// A planned release whose submission step is blocked on (at least) `codes`, or allowed when empty.
fn planned_release(all: &[serde_json::Value], codes: &[&str]) -> String {
    all.iter()
        .find(|a| {
            a["status"] == "planned"
                && a["steps"].as_array().unwrap().iter().any(|s| {
                    let unmet: Vec<&str> = s["conditions"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|c| c["met"] == false)
                        .map(|c| c["code"].as_str().unwrap())
                        .collect();
                    s["to"] == "submitted_to_cab"
                        && if codes.is_empty() { unmet.is_empty() } else { codes.iter().all(|c| unmet.contains(c)) }
                })
        })
        .unwrap_or_else(|| panic!("the demo has no planned release blocked on {codes:?}"))["key"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn a_release_moves_through_its_gates_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    // The demo around the real today, since moves judge the lead time on the real date.
    let db = dir.path().join("plan.runway");
    assert!(runway(&["demo", "--db", p(&db), "--releases", "40"]).status.success());
    let all = statuses(&db);
    // One planned release with neither an RFC nor a backout plan, one ready for the CAB.
    let (gap, ready) = (planned_release(&all, &["rfc", "backout_plan"]), planned_release(&all, &[]));
    let (gap, ready) = (gap.as_str(), ready.as_str());
    let export = |name: &str| {
        let f = dir.path().join(name);
        assert!(runway(&["export", "--db", p(&db), "--out", p(&f)]).status.success());
        std::fs::read(f).unwrap()
    };
    let before = export("before.json");

    let out = move_to(&db, gap, "submitted_to_cab");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("runway: Cannot move to Submitted to CAB"), "{err}");
    assert!(
        err.contains("At least one RFC is linked (none linked)") && err.contains("A backout plan is written (empty)"),
        "{err}"
    );
    assert!(!err.contains("acceptance"), "only the unmet conditions: {err}");
    assert!(out.stdout.is_empty());
    assert_eq!(export("after.json"), before, "a refused move changes nothing");

    let out = move_to(&db, ready, "submitted_to_cab");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).trim(), format!("{ready} moved to Submitted to CAB."));
    assert_eq!(status_of(&db, ready)["status"], "submitted_to_cab");

    let out = runway(&[
        "release",
        "record",
        "--db",
        p(&db),
        ready,
        "--by",
        "robert.king@example.com",
        "cab",
        "--decision",
        "approve",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("it moved to Approved"), "{}", text(&out.stdout));
    assert_eq!(status_of(&db, ready)["status"], "approved");

    let out = runway(&["release", "events", "--db", p(&db), ready, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = events.as_array().unwrap();
    let decision = events.iter().find(|e| e["what"]["type"] == "cab_decision").unwrap();
    assert_eq!(decision["by"], "robert.king@example.com");
    assert_eq!(decision["role"], "change_manager");
    let last = events.last().unwrap();
    assert_eq!((&last["what"]["type"], &last["what"]["to"]), (&"transition".into(), &"approved".into()));

    // Days in the stage count from the move, whatever day the clock says it was.
    let moved: chrono::NaiveDate = last["at"].as_str().unwrap()[..10].parse().unwrap();
    let a = status_on(&db, ready, &moved.to_string());
    assert_eq!((&a["status"], &a["days_in_state"]), (&"approved".into(), &0.into()));
    let later = (moved + chrono::Duration::days(3)).to_string();
    assert_eq!(status_on(&db, ready, &later)["days_in_state"], 3);

    let out = runway(&["audit", "--db", p(&db), "--release", ready]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let log = text(&out.stdout);
    assert_eq!(log.lines().filter(|l| l.contains(" move ")).count(), 3, "{log}");
    assert!(log.lines().any(|l| l.contains(" decide ")) && log.contains("5 entries; head "), "{log}");
    let out = runway(&["audit", "--db", p(&db), "--release", ready, "--json"]);
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actions: Vec<&str> = entries.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["import", "move", "move", "decide", "move"], "oldest first");

    let out = runway(&["verify", "--db", p(&db)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn status_reports_every_release_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "12");
    let out = runway(&["status", "--db", p(&db), "--json", "--today", "2026-11-22"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 12);
    for a in all {
        assert!(a["key"].is_string() && a["status"].is_string(), "{a}");
        assert!(a["days_in_state"].as_i64().is_some_and(|d| d >= 0), "{a}");
        assert!(a["steps"].is_array() && a["warnings"].is_array(), "{a}");
    }
    // The same day later: every release has been in its stage longer.
    let later = runway(&["status", "--db", p(&db), "--json", "--today", "2027-01-01"]);
    let later: serde_json::Value = serde_json::from_slice(&later.stdout).unwrap();
    for (a, b) in all.iter().zip(later.as_array().unwrap()) {
        assert_eq!(a["key"], b["key"]);
        assert!(b["days_in_state"].as_i64() >= a["days_in_state"].as_i64(), "{a} {b}");
    }
    let out = runway(&["status", "--db", p(&db), "--today", "2026-11-22"]);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("12 releases"), "{}", text(&out.stdout));
}

#[test]
fn an_unknown_stage_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "3");
    let before = std::fs::read(&db).unwrap();
    let out = runway(&["release", "move", "--db", p(&db), "REL-2027.01.02", "--to", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown stage") && err.contains("submitted_to_cab"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // An unknown release is a problem found, not bad usage.
    let out = runway(&["release", "move", "--db", p(&db), "REL-NOPE", "--to", "planned"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("REL-NOPE"), "{}", text(&out.stderr));
    assert!(runway(&["verify", "--db", p(&db)]).status.success());
}

#[test]
fn schedule_whatif_baseline_and_dependency_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "40");
    let out = runway(&["schedule", "--db", p(&db), "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(a["milestones"].as_array().unwrap().len() > 200);
    assert!(!a["critical_path"].as_array().unwrap().is_empty());
    let out = runway(&["schedule", "--db", p(&db)]);
    assert!(text(&out.stdout).contains("critical path"), "{}", text(&out.stdout));

    // What-if on a planned release's test phase: callouts, and the file is unchanged.
    let key = a["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["milestone"]["kind"] == "test")
        .unwrap()["milestone"]["release"]
        .as_str()
        .unwrap()
        .to_owned();
    let export = |name: &str| {
        let f = dir.path().join(name);
        assert!(runway(&["export", "--db", p(&db), "--out", p(&f)]).status.success());
        std::fs::read(f).unwrap()
    };
    let before = export("before.json");
    let out = runway(&["whatif", "--db", p(&db), "--move", &format!("{key}:test"), "--to", "2031-01-05"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("must move") && said.contains("nothing was saved"), "{said}");
    assert_eq!(export("after.json"), before);
    let out = runway(&["whatif", "--db", p(&db), "--move", "REL-NOPE:test", "--to", "2031-01-05"]);
    assert_eq!(out.status.code(), Some(1));
    let out = runway(&["whatif", "--db", p(&db), "--move", "nonsense", "--to", "2031-01-05"]);
    assert_eq!(out.status.code(), Some(2));

    // A dependency closing a cycle is refused, naming it.
    let out = runway(&["dependency", "--db", p(&db), "add", &format!("{key}:closure"), &format!("{key}:test")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cycle"), "{}", text(&out.stderr));

    assert!(runway(&["baseline", "--db", p(&db), "save", "Q1"]).status.success());
    let out = runway(&["baseline", "--db", p(&db), "compare", "Q1", "--json"]);
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["baseline"], "Q1");
    assert!(c["milestones"].as_array().unwrap().iter().all(|m| m["start_slip_days"] == 0));
    assert!(runway(&["verify", "--db", p(&db)]).status.success());
}

#[test]
fn reports_are_written_from_the_command_line_byte_for_byte_the_same_for_the_same_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "40");
    let a = dir.path().join("pmo.pdf");
    let b = dir.path().join("pmo-again.pdf");
    let at = "2026-12-01T08:00:00Z";
    for out in [&a, &b] {
        let run = runway(&[
            "report",
            "quarterly",
            "--db",
            p(&db),
            "--period",
            "2026-Q4",
            "--paper",
            "letter",
            "--landscape",
            "--generated-at",
            at,
            "--out",
            p(out),
        ]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let said = text(&run.stdout);
        assert!(said.starts_with("Quarterly PMO report · 2026 Q4: ") && said.contains(" pages, "), "{said}");
    }
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, std::fs::read(&b).unwrap());
    let info = text(&Command::new("pdfinfo").arg(&a).output().unwrap().stdout);
    assert!(info.contains("792 x 612 pts (letter)"), "{info}");

    let poster = dir.path().join("poster.pdf");
    let run = runway(&[
        "report",
        "poster",
        "--db",
        p(&db),
        "--from",
        "2026-10-01",
        "--to",
        "2027-03-31",
        "--paper",
        "a3",
        "--fit-one-page",
        "--out",
        p(&poster),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("1 page,"), "{}", text(&run.stdout));
}

#[test]
fn a_bad_report_request_exits_non_zero_with_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "5");
    let out = dir.path().join("never.pdf");
    for args in [
        vec!["report", "quarterly", "--db", p(&db), "--period", "2027-Q7", "--out", p(&out)],
        vec!["report", "release", "--db", p(&db), "--release", "NOPE", "--out", p(&out)],
        vec!["report", "poster", "--db", p(&db), "--from", "2027-05-01", "--to", "2027-04-01", "--out", p(&out)],
    ] {
        let run = runway(&args);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        let err = text(&run.stderr);
        assert!(err.starts_with("runway: ") && err.lines().count() == 1, "{err}");
        assert!(!out.exists());
    }
    let run = runway(&["report", "poster", "--db", p(&db), "--paper", "a5", "--out", p(&out)]);
    assert_eq!(run.status.code(), Some(2), "an unknown paper is a usage error");
}

#[test]
fn the_matrix_report_is_written_for_the_portfolio_or_a_release_in_sarci_or_raci() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "8");
    let key = {
        let out = runway(&["releases", "--db", p(&db), "--json"]);
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        list[0]["key"].as_str().unwrap().to_owned()
    };
    let at = "2026-12-01T08:00:00Z";
    let (a, b) = (dir.path().join("matrix.pdf"), dir.path().join("matrix-again.pdf"));
    for out in [&a, &b] {
        let run = runway(&["report", "matrix", "--db", p(&db), "--generated-at", at, "--out", p(out)]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let said = text(&run.stdout);
        assert!(said.starts_with("Responsibility matrix · SARCI · the portfolio: "), "{said}");
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    let info = text(&Command::new("pdfinfo").arg(&a).output().unwrap().stdout);
    assert!(info.contains("(A4)") && info.contains("841.89 x 595.28"), "nine roles are landscape: {info}");

    let raci = dir.path().join("raci.pdf");
    let run = runway(&["report", "matrix", "--db", p(&db), "--release", &key, "--raci", "--out", p(&raci)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).starts_with(&format!("Responsibility matrix · RACI · {key}: ")), "{}", text(&run.stdout));
    let words = text(&Command::new("pdftotext").args([p(&raci), "-"]).output().unwrap().stdout);
    assert!(words.contains(&format!("Responsibility matrix (RACI) for {key}")) && words.contains("A*"), "{words}");

    // An unknown release, and --raci on another report: one line, exit 1, nothing written.
    let never = dir.path().join("never.pdf");
    for args in [
        vec!["report", "matrix", "--db", p(&db), "--release", "NOPE-1", "--out", p(&never)],
        vec!["report", "monthly", "--db", p(&db), "--raci", "--out", p(&never)],
    ] {
        let run = runway(&args);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        let err = text(&run.stderr);
        assert!(err.starts_with("runway: ") && err.lines().count() == 1, "{err}");
        assert!(!never.exists());
    }
}

/// The app (here: this test process, as the plan's owner) has the plan open: the CLI still reads
/// it, but a command that would write it, or replace it, is refused in one line and changes
/// nothing; once the app lets go, the same command works.
#[test]
fn a_plan_open_in_the_app_is_read_but_not_written_by_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "8");
    let app = runway_core::Planner::open(&db, "The app <app@example.com>").unwrap();
    let before = runway_core::interchange::to_json(&app.export().unwrap()).unwrap();
    for args in [
        vec!["baseline", "--db", p(&db), "save", "Q1 plan"],
        vec!["demo", "--db", p(&db), "--releases", "3", "--force"],
    ] {
        let out = runway(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("runway: ") && err.lines().count() == 1, "{err}");
        assert!(err.contains("is open in another Runway window") && err.contains("Nothing was changed"), "{err}");
    }
    for args in [
        vec!["releases", "--db", p(&db)],
        vec!["status", "--db", p(&db), "--today", "2026-11-22"],
        vec!["baseline", "--db", p(&db), "list"],
        vec!["verify", "--db", p(&db)],
    ] {
        let out = runway(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(runway_core::interchange::to_json(&app.export().unwrap()).unwrap(), before);
    drop(app);
    let out = runway(&["baseline", "--db", p(&db), "save", "Q1 plan"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn evidence_with_a_result_and_an_incident_opened_now_parse_and_reach_the_gates() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.runway");
    assert!(runway(&["demo", "--db", p(&db), "--releases", "10"]).status.success());
    let key = statuses(&db)[0]["key"].as_str().unwrap().to_owned();
    // Test results and outcomes take `--result pass|fail` (a plain flag once made every form of it
    // a usage error), and an incident opened "now" is not an incident from the future.
    for args in [
        vec!["test", "--kind", "functional", "--result", "pass"],
        vec!["verification", "--result", "fail"],
        vec!["incident", "--priority", "p3", "--reference", "INC-7"],
    ] {
        let mut all = vec!["release", "record", "--db", p(&db), key.as_str()];
        all.extend(args.iter().copied());
        let out = runway(&all);
        let err = text(&out.stderr);
        assert_ne!(out.status.code(), Some(2), "{args:?} is a usage error: {err}");
        assert!(!err.contains("invalid value") && !err.contains("in the future"), "{args:?}: {err}");
    }
    let out = runway(&[
        "release",
        "record",
        "--db",
        p(&db),
        key.as_str(),
        "test",
        "--kind",
        "functional",
        "--result",
        "maybe",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("pass or fail"), "{}", text(&out.stderr));
}

/// Dates outside the years 1 to 9999 are refused where they are typed (a usage error naming the
/// range), and a what-if whose end would pass 9999-12-31 is refused in one line: never a panic.
#[test]
fn a_date_outside_the_years_1_to_9999_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path(), "12");
    let out = runway(&["schedule", "--db", p(&db), "--json"]);
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // A milestone of several days, so that keeping its length from 9999-12-30 runs past the end.
    let long = a["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["planned_end"] != m["planned_start"])
        .unwrap()["milestone"]
        .clone();
    let milestone = format!("{}:{}", long["release"].as_str().unwrap(), long["kind"].as_str().unwrap());
    for to in ["+262142-12-30", "0000-06-01"] {
        let out = runway(&["whatif", "--db", p(&db), "--move", &milestone, "--to", to]);
        assert_eq!(out.status.code(), Some(2), "{to}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("outside the years 1 to 9999"), "{}", text(&out.stderr));
    }
    let out = runway(&["whatif", "--db", p(&db), "--move", &milestone, "--to", "9999-12-30"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.starts_with("runway: ") && err.contains("9999-12-31") && err.lines().count() == 1, "{err}");
    let out = runway(&["status", "--db", p(&db), "--today", "+262142-12-31"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = runway(&["demo", "--db", p(&dir.path().join("far.runway")), "--today", "-000001-01-01"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
