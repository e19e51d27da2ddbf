//! Hostile files (issue 19, item 2): a corpus of malformed and malicious inputs, generated here
//! at test time from a small demo plan and the importers' own formats (nothing large is
//! committed), each given to the real `runway` binary as a user would: plan files truncated at
//! every page, bit-flipped headers, a schema with a trigger or view Runway did not make, another
//! application's SQLite database, a plan from a newer version; and for every importer (JSON,
//! releases/milestones/RFCs CSV, MS Project XML, iCalendar windows, people CSV) truncated,
//! oversized, deeply nested, wrongly encoded and semantically wrong documents.
//!
//! Each must be refused: a non-zero exit with one `runway: …` line naming the problem, no panic,
//! done within 20 s; the input file and the plan it was imported into byte for byte unchanged.
//! The figures (files tried, outcomes) are printed and kept in docs/reliability.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

const LIMIT: Duration = Duration::from_secs(20);

fn runway() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_runway"));
    c.env("RUNWAY_SETTINGS_DIR", "/nonexistent").stdin(Stdio::null());
    c
}

fn sha(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap_or_default()))
}

/// One hostile input and the command that reads it.
struct Case {
    name: String,
    file: PathBuf,
    args: Vec<String>,
    /// For an import: the plan it goes into, a fresh copy of the demo plan each time.
    into: Option<PathBuf>,
}

struct Corpus {
    dir: PathBuf,
    cases: Vec<Case>,
}

impl Corpus {
    fn file(&mut self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// A plan file to open: `runway verify` must refuse it.
    fn plan(&mut self, name: &str, bytes: &[u8]) {
        let file = self.file(&format!("{name}.runway"), bytes);
        let args = vec!["verify".into(), "--db".into(), file.display().to_string()];
        self.cases.push(Case { name: name.into(), file, args, into: None });
    }

    /// A document for an importer: `import` (into `target`) must refuse it.
    fn import(&mut self, name: &str, ext: &str, bytes: &[u8], _source: &Path, how: &[&str]) {
        let file = self.file(&format!("{name}.{ext}"), bytes);
        let target = self.dir.join("target.runway");
        let mut args: Vec<String> = how.iter().map(|s| s.to_string()).collect();
        args.insert(1, "--db".into());
        args.insert(2, target.display().to_string());
        args.push(file.display().to_string());
        self.cases.push(Case { name: name.into(), file, args, into: Some(target) });
    }
}

fn good_plan(dir: &Path) -> PathBuf {
    let db = dir.join("good.runway");
    let out = runway()
        .args(["demo", "--db", db.to_str().unwrap(), "--releases", "6", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    db
}

fn export(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = db.with_extension(format!("export-{}", args.join("-")));
    let mut all = vec!["export", "--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    let o = runway().args(&all).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read(out).unwrap()
}

fn cuts(len: usize, n: usize) -> impl Iterator<Item = usize> {
    (1..=n).map(move |i| len * i / (n + 1)).filter(|&c| c > 0)
}

/// Every hostile plan file.
fn plans(c: &mut Corpus, good: &[u8]) {
    let page = usize::from(u16::from_be_bytes([good[16], good[17]])).max(512);
    for (i, at) in (page..good.len()).step_by(page).enumerate() {
        c.plan(&format!("plan-truncated-page-{i}"), &good[..at]);
    }
    for at in [0, 1, 15, 16, 50, 99, 100, page - 1] {
        c.plan(&format!("plan-truncated-at-{at}"), &good[..at.min(good.len())]);
    }
    // Header bytes that name the file as SQLite and as Runway's, and those SQLite checks (file
    // format versions, payload fractions, schema format), one bit flipped each.
    // (Not byte 18, the write version: a file SQLite may only read passes `verify`, and its
    // first write is refused; nor the schema format's three high bytes, which SQLite ignores.)
    for byte in (0..24).filter(|b| *b != 18 && *b != 20).chain(47..48).chain(60..64).chain(68..72) {
        for bit in [0u8, 6] {
            let mut b = good.to_vec();
            b[byte] ^= 1 << bit;
            c.plan(&format!("plan-flip-{byte}-{bit}"), &b);
        }
    }
    let mut newer = good.to_vec();
    newer[60..64].copy_from_slice(&99u32.to_be_bytes());
    c.plan("plan-newer-schema", &newer);
    let mut junk = good.to_vec();
    for b in junk.iter_mut().skip(page).take(page * 3) {
        *b = 0xA5;
    }
    c.plan("plan-garbage-pages", &junk);
    c.plan("plan-text", b"this is not a plan\n");
    c.plan("plan-empty", b"");
}

/// Plans whose schema Runway did not make, and another program's database.
fn schemas(c: &mut Corpus, good_path: &Path) {
    let extra = [
        ("trigger", "CREATE TRIGGER evil AFTER UPDATE ON release BEGIN DELETE FROM person; END"),
        ("view", "CREATE VIEW peek AS SELECT * FROM person"),
        ("table", "CREATE TABLE extra (x)"),
        ("index", "CREATE INDEX person_name ON person (name)"),
        (
            "changed-trigger",
            "DROP TRIGGER audit_no_delete; CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END",
        ),
    ];
    for (name, sql) in extra {
        let path = c.dir.join(format!("plan-schema-{name}.runway"));
        std::fs::copy(good_path, &path).unwrap();
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute_batch(sql).unwrap();
        db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;").unwrap();
        drop(db);
        let args = vec!["verify".into(), "--db".into(), path.display().to_string()];
        c.cases.push(Case { name: format!("plan-schema-{name}"), file: path, args, into: None });
    }
    for (name, id) in [("other-app", 0x1234_5678i64), ("plain-sqlite", 0)] {
        let path = c.dir.join(format!("plan-{name}.runway"));
        let db = rusqlite::Connection::open(&path).unwrap();
        db.execute_batch(&format!(
            "PRAGMA application_id = {id}; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');"
        ))
        .unwrap();
        drop(db);
        let args = vec!["verify".into(), "--db".into(), path.display().to_string()];
        c.cases.push(Case { name: format!("plan-{name}"), file: path, args, into: None });
    }
}

fn documents(c: &mut Corpus, db: &Path) {
    let json = export(db, &["--format", "json"]);
    let text = String::from_utf8(json.clone()).unwrap();
    let imp = ["import", "--format", "json"];
    for (i, at) in cuts(json.len(), 30).enumerate() {
        c.import(&format!("json-truncated-{i}"), "json", &json[..at], db, &imp);
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    c.import("json-deep", "json", deep.as_bytes(), db, &imp);
    c.import("json-huge", "json", &vec![b' '; 70 << 20], db, &imp);
    c.import(
        "json-utf16-no-bom",
        "json",
        &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>(),
        db,
        &imp,
    );
    c.import("json-latin1", "json", b"{\"format\":\"runway.portfolio\",\"version\":6,\"name\":\"Caf\xe9\"}", db, &imp);
    for (name, from, to) in [
        ("json-version", "\"version\": 6", "\"version\": 99"),
        ("json-format", "runway.portfolio", "runway.other"),
        ("json-status", "\"status\": \"draft\"", "\"status\": \"nonsense\""),
        ("json-date", "\"planned_start\": \"2026", "\"planned_start\": \"2026-02-30"),
        ("json-kind", "\"kind\": \"minor\"", "\"kind\": 7"),
        ("json-extra-field", "\"title\":", "\"evil\": 1, \"title\":"),
        ("json-null-name", "\"name\": \"", "\"name\": null, \"x\": \""),
    ] {
        c.import(name, "json", text.replacen(from, to, 1).as_bytes(), db, &imp);
    }
    // The demo's own document into the plan that holds it: every key taken.
    c.import("json-keys-taken", "json", &json, db, &imp);

    let csv = ["import", "--format", "csv", "--table"];
    for table in ["releases", "milestones", "rfcs"] {
        let how: Vec<&str> = csv.iter().copied().chain([table]).collect();
        let body = String::from_utf8(export(db, &["--format", "csv", "--table", table])).unwrap();
        let mut lines = body.lines();
        let (header, row) = (lines.next().unwrap().to_owned(), lines.next().unwrap().to_owned());
        let columns: Vec<&str> = header.split(',').collect();
        // The first row with one cell made wrong: a date that is none, a value not in its list,
        // an empty key, a release the plan does not hold.
        for (i, col) in columns.iter().enumerate() {
            let bad = if col.contains("start") || col.contains("end") || col.contains("date") {
                "2027-02-30"
            } else if ["kind", "unit", "status", "risk"].contains(col) {
                "nonsense-value"
            } else if *col == "key" || *col == "milestone" {
                ""
            } else if *col == "release" {
                "NO-SUCH-RELEASE"
            } else {
                continue;
            };
            let mut cells: Vec<String> = row.split(',').map(str::to_owned).collect();
            if i < cells.len() {
                cells[i] = bad.to_owned();
            }
            let doc = format!("{header}\r\n{}\r\n", cells.join(","));
            c.import(&format!("csv-{table}-bad-{col}"), "csv", doc.as_bytes(), db, &how);
        }
        let cut = format!("{header}\r\n{}", &row[..row.len() / 3]);
        c.import(&format!("csv-{table}-cut-mid-row"), "csv", cut.as_bytes(), db, &how);
        c.import(&format!("csv-{table}-no-header"), "csv", b"", db, &how);
        c.import(&format!("csv-{table}-wrong-columns"), "csv", b"colour,size\nred,1\n", db, &how);
        c.import(&format!("csv-{table}-binary"), "csv", &[0u8, 159, 146, 150, 255, 0, 1], db, &how);
        c.import(&format!("csv-{table}-huge"), "csv", &vec![b'a'; 40 << 20], db, &how);
        c.import(&format!("csv-{table}-unclosed-quote"), "csv", format!("{header}\n\"open,").as_bytes(), db, &how);
        if table != "milestones" {
            // A key twice (a milestones file may set the same dates twice: that is no error).
            c.import(&format!("csv-{table}-twice"), "csv", format!("{header}\n{row}\n{row}\n").as_bytes(), db, &how);
        }
    }
}

fn ms_project(c: &mut Corpus, db: &Path) {
    let xml = export(db, &["--format", "mspdi"]);
    let text = String::from_utf8(xml.clone()).unwrap();
    let imp = ["import", "--format", "mspdi"];
    for (i, at) in cuts(xml.len(), 30).enumerate() {
        c.import(&format!("mspdi-truncated-{i}"), "xml", &xml[..at], db, &imp);
    }
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><Project xmlns=\"http://schemas.microsoft.com/project\"><Name>&d;&d;&d;</Name></Project>";
    c.import("mspdi-billion-laughs", "xml", laughs.as_bytes(), db, &imp);
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project xmlns=\"http://schemas.microsoft.com/project\"><Name>&x;</Name></Project>";
    c.import("mspdi-external-entity", "xml", xxe.as_bytes(), db, &imp);
    let deep = format!(
        "<Project xmlns=\"http://schemas.microsoft.com/project\">{}{}</Project>",
        "<a>".repeat(10_000),
        "</a>".repeat(10_000)
    );
    c.import("mspdi-deep", "xml", deep.as_bytes(), db, &imp);
    c.import("mspdi-huge", "xml", &vec![b' '; 70 << 20], db, &imp);
    c.import("mspdi-html", "xml", b"<html><body>hello</body></html>", db, &imp);
    c.import(
        "mspdi-utf16-no-bom",
        "xml",
        &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>(),
        db,
        &imp,
    );
    for (name, from, to) in [
        ("mspdi-namespace", "http://schemas.microsoft.com/project", "http://example.com/other"),
        ("mspdi-bad-date", "<Start>20", "<Start>99999-"),
        ("mspdi-missing-link", "<PredecessorUID>", "<PredecessorUID>9999"),
        ("mspdi-lag", "<LinkLag>0</LinkLag>", "<LinkLag>x</LinkLag>"),
        ("mspdi-year-10000", "<Finish>20", "<Finish>100"),
    ] {
        c.import(name, "xml", text.replacen(from, to, 1).as_bytes(), db, &imp);
    }
    // Inside the first predecessor link and the first task: a link type MSPDI does not define,
    // a task UID that is no number.
    let link = text.find("<PredecessorLink>").unwrap();
    let ty = link + text[link..].find("<Type>1</Type>").unwrap();
    let bad_type = format!("{}<Type>9</Type>{}", &text[..ty], &text[ty + "<Type>1</Type>".len()..]);
    c.import("mspdi-link-type", "xml", bad_type.as_bytes(), db, &imp);
    let task = text.find("<Task>").unwrap();
    let uid = task + text[task..].find("<UID>").unwrap() + "<UID>".len();
    let bad_uid = format!("{}one{}", &text[..uid], &text[uid + text[uid..].find('<').unwrap()..]);
    c.import("mspdi-uid", "xml", bad_uid.as_bytes(), db, &imp);
}

fn calendars_and_people(c: &mut Corpus, db: &Path) {
    let ics = include_bytes!("../../../tests/fixtures/ics/apple-us-holidays.ics");
    let imp = ["windows", "import", "--kind", "freeze"];
    for (i, at) in cuts(ics.len(), 12).enumerate() {
        c.import(&format!("ics-truncated-{i}"), "ics", &ics[..at], db, &imp);
    }
    let text = String::from_utf8_lossy(ics).into_owned();
    c.import("ics-no-calendar", "ics", b"BEGIN:VEVENT\r\nEND:VEVENT\r\n", db, &imp);
    c.import("ics-huge", "ics", &vec![b'X'; 20 << 20], db, &imp);
    c.import("ics-binary", "ics", &[0xFF, 0xFE, 0, 0, 0xC3, 0x28], db, &imp);
    let rules: String = (0..20_000).map(|i| format!("RRULE:FREQ=DAILY;COUNT={i}\r\n")).collect();
    c.import("ics-rule-storm", "ics", format!("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270101T000000Z\r\n{rules}END:VEVENT\r\nEND:VCALENDAR\r\n").as_bytes(), db, &imp);
    for (name, from, to) in [
        ("ics-bad-date", "DTSTART;VALUE=DATE:", "DTSTART;VALUE=DATE:2027-13-45"),
        ("ics-bad-rrule", "RRULE:", "RRULE:FREQ=SOMETIMES;"),
        ("ics-end-before-start", "DTEND;VALUE=DATE:", "DTEND;VALUE=DATE:19000101X"),
    ] {
        c.import(name, "ics", text.replacen(from, to, 1).as_bytes(), db, &imp);
    }
    let people = ["people", "import"];
    for (name, body) in [
        ("people-no-header", b"" as &[u8]),
        ("people-no-email-column", b"name,phone\nAnn,123\n"),
        ("people-bad-email", b"name,email\nAnn,not-an-address\n"),
        ("people-binary", &[0, 1, 2, 0xFF, 0xFE, 0xFD]),
        ("people-utf16-odd", &[0xFF, 0xFE, b'n', 0, b'a']),
        ("people-header-injection", b"name,email\nEve,\"eve@example.com\r\nBcc: all@example.com\"\n"),
    ] {
        c.import(name, "csv", body, db, &people);
    }
    c.import("people-huge", "csv", &vec![b'a'; 20 << 20], db, &people);
}

#[test]
fn every_hostile_file_is_refused_with_a_message_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good_path = good_plan(dir.path());
    // One self-contained file (the log moved into it) for the byte-level cases.
    let o = runway().args(["verify", "--db", good_path.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success());
    let good = std::fs::read(&good_path).unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir(&corpus_dir).unwrap();
    let mut c = Corpus { dir: corpus_dir, cases: vec![] };
    plans(&mut c, &good);
    schemas(&mut c, &good_path);
    documents(&mut c, &good_path);
    ms_project(&mut c, &good_path);
    calendars_and_people(&mut c, &good_path);

    let (mut refused, mut slowest) = (0, Duration::ZERO);
    let mut failures = vec![];
    for case in &c.cases {
        if let Some(into) = &case.into {
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", into.display()));
            }
            std::fs::copy(&good_path, into).unwrap();
        }
        let plan_before = case.into.as_deref().map(sha);
        let input_before = sha(&case.file);
        let started = Instant::now();
        let mut child = runway().args(&case.args).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break Some(s);
            }
            if started.elapsed() > LIMIT {
                child.kill().unwrap();
                break None;
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let took = started.elapsed();
        slowest = slowest.max(took);
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        let line = err.lines().find(|l| l.starts_with("runway: ")).unwrap_or_default();
        let problem = match status {
            None => Some(format!("hung (killed after {LIMIT:?})")),
            Some(s) if s.success() => Some("accepted".into()),
            Some(_) if err.contains("panicked") => Some(format!("panicked: {err}")),
            Some(_) if line.len() < "runway: x".len() + 8 => Some(format!("no message naming the problem: {err:?}")),
            Some(_) if sha(&case.file) != input_before => Some("the input file changed".into()),
            Some(_) if case.into.as_deref().map(sha) != plan_before => Some("the plan imported into changed".into()),
            Some(_) => None,
        };
        match problem {
            None => refused += 1,
            Some(p) => failures.push(format!("{}: {p}", case.name)),
        }
    }
    eprintln!(
        "hostile files: {} tried, {refused} refused with a message, {} other; 0 panics, 0 hangs allowed; slowest {:.2} s",
        c.cases.len(),
        failures.len(),
        slowest.as_secs_f64()
    );
    assert!(c.cases.len() >= 300, "{} cases: the corpus must hold at least 300", c.cases.len());
    assert!(failures.is_empty(), "{} not refused as they must be:\n{}", failures.len(), failures.join("\n"));
}
