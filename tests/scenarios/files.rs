//! The plan file: refused when it is not ours or newer, untouched when refused; Save As; reopen.

use runway_core::store::LATEST_VERSION;
use runway_core::{Error, Planner};
use rusqlite::Connection;

use crate::{WHO, demo, fingerprint, sha256, sidecars};

#[test]
fn a_plan_from_a_newer_runway_is_refused_and_left_byte_for_byte_unchanged() {
    let (dir, path, p) = demo(5);
    drop(p);
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    assert!(sidecars(&path).is_empty());
    let before = sha256(&path);
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(matches!(err, Error::NewerSchema { found, .. } if found == LATEST_VERSION + 1), "{err}");
    assert!(err.to_string().contains("newer Runway"), "{err}");
    assert_eq!(sha256(&path), before);
    assert!(sidecars(&path).is_empty(), "no WAL or SHM file was created");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no backup or other file was written");
}

#[test]
fn garbage_is_refused_as_not_a_plan_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.runway");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&path, &bytes).unwrap();
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(matches!(err, Error::NotAPlan { .. }), "{err}");
    assert!(err.to_string().contains("is not a Runway plan"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert!(sidecars(&path).is_empty());
}

#[test]
fn an_empty_file_and_a_text_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [("empty.runway", &b""[..]), ("notes.runway", &b"release notes, not a plan\n"[..])] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let err = Planner::open(&path, WHO).unwrap_err();
        assert!(matches!(err, Error::NotAPlan { .. }), "{name}: {err}");
        assert_eq!(std::fs::read(&path).unwrap(), content);
    }
}

#[test]
fn another_applications_sqlite_database_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.runway");
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('https://example.com');")
            .unwrap();
    }
    let before = sha256(&path);
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(err.to_string().contains("another application"), "{err}");
    assert_eq!(sha256(&path), before);
    assert!(sidecars(&path).is_empty());
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.runway");
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(err.to_string().contains("nowhere.runway"), "{err}");
    assert!(!path.exists(), "opening does not create a file");
}

#[test]
fn the_plan_file_is_opened_in_wal_mode_with_foreign_keys_and_full_sync() {
    let (_dir, path, p) = demo(1);
    drop(p);
    let c = Connection::open(&path).unwrap();
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let app: i64 = c.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    assert_eq!(app as u32, runway_core::store::APPLICATION_ID);
}

#[test]
fn creating_over_an_existing_file_is_refused_without_overwrite() {
    let (_dir, path, p) = demo(3);
    let before = fingerprint(&p);
    drop(p);
    let err = Planner::create(&path, "x", WHO, false).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert_eq!(fingerprint(&Planner::open(&path, WHO).unwrap()), before);
}

#[test]
fn save_as_copies_everything_and_leaves_the_original() {
    let (dir, path, p) = demo(12);
    let before = fingerprint(&p);
    let copy_path = dir.path().join("copy.runway");
    let copy = p.save_as(&copy_path, false).unwrap();
    // The same plan; its audit log has one entry more: the copy's own replica id.
    assert_eq!(fingerprint(&copy).0, before.0);
    let last = copy.audit_log(None, 1).unwrap().pop().unwrap();
    assert_eq!((last.entity.as_str(), last.entity_key.as_str()), ("plan", "replica"));
    assert_eq!(copy.path(), copy_path.as_path());
    assert!(copy.verify().unwrap().ok());
    drop((p, copy));
    assert_eq!(fingerprint(&Planner::open(&path, WHO).unwrap()), before);
    let err = Planner::open(&path, WHO).unwrap().save_as(&copy_path, false).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "Save As does not replace a file unless told to: {err}");
}

// A committed edit surviving a crash (no orderly close) is `owner::the_plan_is_free_again_when_
// its_owner_ends_even_by_a_crash`: a real process, killed.
