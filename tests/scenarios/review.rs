//! Edge cases found in review: replacing files, paths spelled differently, audit fidelity, inputs
//! that used to reach SQLite's constraints.

use runway_core::session::{DEMO_FILE, Session, save_target};
use runway_core::{Error, Planner};
use rusqlite::Connection;

use crate::{WHO, demo, fingerprint, sha256, today};

#[test]
fn a_name_typed_without_the_extension_does_not_replace_the_plan_of_that_name() {
    let (target, confirmed) = save_target("/plans/Q1".into());
    assert_eq!(target, std::path::PathBuf::from("/plans/Q1.runway"));
    assert!(!confirmed, "the dialog only asked about 'Q1'");
    assert!(save_target("/plans/Q1.runway".into()).1);
}

#[test]
fn new_over_the_open_plan_through_a_symbolic_link_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), None, today());
    let alias = dir.path().join("alias");
    std::os::unix::fs::symlink(dir.path(), &alias).unwrap();
    let before = s.planner().unwrap().info().unwrap();
    let err = s.create(&alias.join(DEMO_FILE), true).unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert_eq!(s.planner().unwrap().info().unwrap(), before);
}

#[test]
fn save_as_replaces_an_existing_plan_with_a_whole_copy() {
    let (dir, _path, p) = demo(8);
    let other_path = dir.path().join("other.runway");
    drop(Planner::create_demo(&other_path, 1, 3, today(), WHO, false).unwrap());
    let copy = p.save_as(&other_path, true).unwrap();
    assert_eq!(fingerprint(&copy).0, fingerprint(&p).0, "the same plan (its audit has the copy's replica id more)");
    assert!(copy.verify().unwrap().ok());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn exporting_onto_a_plan_file_is_refused() {
    let (dir, path, p) = demo(3);
    let before = fingerprint(&p);
    assert!(matches!(p.export_json_file(&path), Err(Error::Conflict(_))));
    assert!(matches!(p.export_json_file(&dir.path().join("x.runway")), Err(Error::Conflict(_))));
    drop(p);
    assert_eq!(fingerprint(&Planner::open(&path, WHO).unwrap()), before);
}

#[test]
fn a_plan_whose_creation_was_interrupted_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half.runway");
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "application_id", runway_core::store::APPLICATION_ID as i64).unwrap();
        c.execute_batch("CREATE TABLE meta (key TEXT)").unwrap();
    }
    let before = sha256(&path);
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(err.to_string().contains("no Runway schema"), "{err}");
    assert_eq!(sha256(&path), before);
}

#[test]
fn verify_notices_a_removed_audit_guard() {
    let (_dir, path, p) = demo(2);
    drop(p);
    Connection::open(&path).unwrap().execute_batch("DROP TRIGGER audit_no_delete;").unwrap();
    let report = Planner::open(&path, WHO).unwrap().verify().unwrap();
    assert_eq!(report.first_failure().unwrap().name, "audit guards");
}

#[test]
fn the_audit_records_what_an_import_stored() {
    let (dir, _path, p) = demo(3);
    let mut doc = p.export().unwrap();
    drop(p);
    doc.releases[0].owner = doc.releases[0].owner.as_ref().map(|e| e.to_uppercase());
    let file = dir.path().join("doc.json");
    std::fs::write(&file, runway_core::interchange::to_json(&doc).unwrap()).unwrap();
    let (p2, _) = Planner::import_file_into(&dir.path().join("new.runway"), &file, WHO).unwrap();
    let key = &doc.releases[0].key;
    let stored = p2.release(key).unwrap().release;
    let recorded: runway_domain::Release =
        serde_json::from_str(p2.audit_trail(key).unwrap()[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(recorded, stored);
}

#[test]
fn inputs_that_used_to_hit_database_constraints_get_a_named_message() {
    let (dir, _path, mut p) = demo(3);
    let mut doc = p.export().unwrap();
    doc.rfcs.clear();
    for (i, r) in doc.releases.iter_mut().enumerate() {
        r.key = format!("NEW-{i}");
        r.rfcs.clear();
    }
    doc.releases[0].window = Some(runway_domain::Window {
        start: "2027-01-01T10:00:00.250".parse().unwrap(),
        end: "2027-01-01T10:00:00.750".parse().unwrap(),
    });
    doc.releases[1].milestones[0].planned_end = "+10000-01-02".parse().unwrap();
    let mut twin = doc.people[0].clone();
    twin.email = twin.email.to_uppercase();
    doc.people.push(twin);
    let file = dir.path().join("doc.json");
    std::fs::write(&file, runway_core::interchange::to_json(&doc).unwrap()).unwrap();
    let before = fingerprint(&p);
    let err = p.import_file(&file).unwrap_err().to_string();
    assert!(err.contains("releases[0].window") && err.contains("fractions of a second"), "{err}");
    assert!(err.contains("releases[1].milestones[0].planned_end") && err.contains("10000"), "{err}");
    assert!(err.contains("appears twice") && err.contains("ignoring case"), "{err}");
    assert!(!err.contains("database error"), "{err}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn an_absurd_plan_name_or_ci_version_is_refused_at_its_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.runway");
    let err = Planner::create(&path, &"n".repeat(5_000), WHO, false).unwrap_err();
    assert!(err.to_string().contains("5000 characters long; the most is 200"), "{err}");
    assert!(!path.exists(), "a refused plan is not created");
    let (_dir, _path, mut p) = crate::demo(3);
    let before = fingerprint(&p);
    let key = p.list_releases().unwrap()[0].key.clone();
    let ci = p.catalog().unwrap().cis[0].name.clone();
    let err = p.link_ci(&key, &ci, &"1.".repeat(1_000)).unwrap_err();
    assert!(err.to_string().contains("version") && err.to_string().contains("the most is 100"), "{err}");
    assert_eq!(fingerprint(&p), before);
}
