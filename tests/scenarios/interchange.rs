//! JSON interchange: deterministic export, round trip, all-or-nothing import.

use runway_core::interchange::to_json;
use runway_core::{Error, Planner};

use crate::{WHO, demo, fingerprint};

#[test]
fn export_then_import_into_a_new_file_then_export_gives_the_same_json() {
    let (dir, _path, p) = demo(40);
    let first = dir.path().join("first.json");
    p.export_json_file(&first).unwrap();
    let db2 = dir.path().join("second.runway");
    let (p2, summary) = Planner::import_file_into(&db2, &first, WHO).unwrap();
    assert_eq!(summary.releases, 40);
    let second = dir.path().join("second.json");
    p2.export_json_file(&second).unwrap();
    assert_eq!(std::fs::read_to_string(&first).unwrap(), std::fs::read_to_string(&second).unwrap());
    assert!(p2.verify().unwrap().ok());
}

#[test]
fn the_same_plan_exports_the_same_bytes() {
    let (_d1, _p1, a) = demo(25);
    let (_d2, _p2, b) = demo(25);
    assert_eq!(to_json(&a.export().unwrap()).unwrap(), to_json(&b.export().unwrap()).unwrap());
}

fn import_text(p: &mut Planner, dir: &std::path::Path, text: &str) -> Error {
    let f = dir.join("bad.json");
    std::fs::write(&f, text).unwrap();
    let s = match p.import_file(&f) {
        Ok(x) => x,
        Err(e) => return e,
    };
    panic!("import should have been refused, it imported {s:?}")
}

#[test]
fn malformed_json_is_refused_with_its_line_and_changes_nothing() {
    let (dir, _path, mut p) = demo(6);
    let before = fingerprint(&p);
    let err = import_text(
        &mut p,
        dir.path(),
        "{\n  \"format\": \"runway.portfolio\",\n  \"version\": 1,\n  \"name\": \"x\",\n  \"releases\": [ { \"key\": \"REL-1\", \n",
    );
    let msg = err.to_string();
    assert!(msg.contains("bad.json") && msg.contains("line"), "{msg}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_wrong_value_is_refused_with_its_path() {
    let (dir, _path, mut p) = demo(6);
    let before = fingerprint(&p);
    let mut doc: serde_json::Value = serde_json::from_str(&to_json(&p.export().unwrap()).unwrap()).unwrap();
    doc["releases"][2]["window"]["start"] = serde_json::json!("2027-02-30T22:00:00");
    let err = import_text(&mut p, dir.path(), &doc.to_string());
    let msg = err.to_string();
    assert!(msg.contains("releases[2].window.start"), "{msg}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_document_with_broken_references_is_refused_whole() {
    let (dir, _path, mut p) = demo(6);
    let before = fingerprint(&p);
    let mut doc = demo(4).2.export().unwrap();
    for (i, r) in doc.releases.iter_mut().enumerate() {
        r.key = format!("NEW-{i}");
    }
    doc.rfcs.clear();
    for r in &mut doc.releases {
        r.rfcs.clear();
    }
    doc.releases[3].owner = Some("nobody@example.com".into());
    doc.releases[1].window = Some(runway_domain::Window {
        start: "2027-03-14T22:00:00".parse().unwrap(),
        end: "2027-03-14T20:00:00".parse().unwrap(),
    });
    let err = import_text(&mut p, dir.path(), &to_json(&doc).unwrap());
    let msg = err.to_string();
    assert!(msg.contains("releases[3].owner") && msg.contains("nobody@example.com"), "{msg}");
    assert!(msg.contains("releases[1].window"), "{msg}");
    assert!(msg.contains("nothing was imported"), "{msg}");
    assert_eq!(fingerprint(&p), before, "not even the valid releases went in");
}

#[test]
fn importing_a_release_that_already_exists_is_refused() {
    let (dir, _path, mut p) = demo(6);
    let before = fingerprint(&p);
    let mut doc = p.export().unwrap();
    doc.rfcs.clear();
    doc.releases.truncate(1);
    doc.releases[0].rfcs.clear();
    let key = doc.releases[0].key.clone();
    let err = import_text(&mut p, dir.path(), &to_json(&doc).unwrap());
    assert!(err.to_string().contains(&format!("{key:?} already exists")), "{err}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_bad_import_into_a_new_file_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.json");
    std::fs::write(&doc, "[1, 2, 3]").unwrap();
    let db = dir.path().join("new.runway");
    let err = Planner::import_file_into(&db, &doc, WHO).unwrap_err();
    assert!(err.to_string().contains("doc.json"), "{err}");
    assert!(!db.exists());
}

/// A document too large, too deep or with too many values to be a portfolio is refused before it
/// is read whole or parsed, with a message naming the file and the limit; no plan is made.
#[test]
fn an_absurd_document_is_refused_naming_the_file_and_the_limit() {
    use runway_core::interchange::{MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_VALUES};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.runway");
    let refuse = |file: &std::path::Path| -> String {
        let msg = match Planner::import_file_into(&db, file, WHO) {
            Ok((_, s)) => panic!("{} was imported: {s:?}", file.display()),
            Err(e) => e.to_string(),
        };
        assert!(!db.exists(), "{msg}");
        msg
    };
    let write = |name: &str, text: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        f
    };

    // A file one byte past the limit (sparse: nothing is written, and nothing may be read).
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(MAX_DOCUMENT_BYTES + 1).unwrap();
    let msg = refuse(&huge);
    assert!(msg.contains("huge.json") && msg.contains("at most 256 MiB"), "{msg}");

    let header = r#"{"format": "runway.portfolio", "version": 1, "name": "x", "rfcs": "#;
    let n = MAX_DOCUMENT_DEPTH + 10;
    let msg = refuse(&write("deep.json", &format!("{header}{}{}}}", "[".repeat(n), "]".repeat(n))));
    assert!(msg.contains("deep.json") && msg.contains(&format!("more than {MAX_DOCUMENT_DEPTH}")), "{msg}");
    // Brackets inside strings are text, not nesting: that document is refused for its RFC.
    let quoted = format!(r#"{header}[{{"key": "{}", "title": "t", "status": "submitted"}}]}}"#, "[{".repeat(n));
    let msg = refuse(&write("quoted.json", &quoted));
    assert!(msg.contains("rfcs[0].key"), "{msg}");

    let many = format!("{header}[{}0]}}", "0,".repeat(MAX_DOCUMENT_VALUES));
    let msg = refuse(&write("many.json", &many));
    assert!(msg.contains("many.json") && msg.contains(&format!("more than {MAX_DOCUMENT_VALUES} values")), "{msg}");
}

/// The spreadsheet tables: one header row, a row per release (per milestone, per RFC), ISO dates,
/// a byte-order mark when asked, a formula in the user's text written as text; never over a plan.
#[test]
fn tables_go_out_as_csv_safe_for_spreadsheets() {
    use runway_domain::interchange::csv::Table;
    let (dir, path, mut p) = crate::demo(12);
    let key = p.list_releases().unwrap()[0].key.clone();
    let mut r = p.release(&key).unwrap().release;
    r.title = "=HYPERLINK(\"http://evil.example\")".into();
    p.update_release(&key, runway_domain::ReleaseInput::from(&r)).unwrap();

    let text = p.export_csv(Table::Releases, false).unwrap();
    let mut lines = text.split("\r\n");
    assert!(lines.next().unwrap().starts_with("key,title,kind,unit,status,applications,owner,manager"));
    let row = text.lines().find(|l| l.starts_with(&key)).unwrap();
    assert!(row.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""), "{row}");
    assert_eq!(text.lines().count(), 1 + 12);
    let window = r.window.unwrap().start.format("%Y-%m-%dT%H:%M").to_string();
    assert!(row.contains(&window), "ISO date-time {window} in {row}");

    let milestones = p.export_csv(Table::Milestones, true).unwrap();
    assert!(milestones.starts_with("\u{feff}release,milestone,planned_start,planned_end,actual_start,actual_end\r\n"));
    let n: usize = p.export().unwrap().releases.iter().map(|r| r.milestones.len()).sum();
    assert_eq!(milestones.lines().count(), 1 + n);
    let rfcs = p.export_csv(Table::Rfcs, false).unwrap();
    assert!(rfcs.starts_with("key,title,status,releases\r\n"));

    let err = p.export_csv_file(Table::Releases, &path, false).unwrap_err().to_string();
    assert!(err.contains("is a plan file"), "{err}");
    p.export_csv_file(Table::Releases, &dir.path().join("releases.csv"), false).unwrap();
    assert_eq!(std::fs::read_to_string(dir.path().join("releases.csv")).unwrap(), text);
}
