//! Stakeholders on a real plan (D8): distribution lists added, edited, removed and undone, refused
//! with the field and nothing changed (empty, unknown member, a cycle through another list, a list
//! another contains), expanded and followed; people imported from CSV all or nothing and exported;
//! lists in the portfolio document.

use runway_core::interchange::{parse, to_json};
use runway_domain::stakeholders::{DistributionList, Follow, Member};

use crate::lifecycle::plan;
use crate::{WHO, fingerprint};

fn list(name: &str, members: Vec<Member>, follows: Vec<Follow>) -> DistributionList {
    DistributionList { name: name.into(), purpose: format!("{name} list"), members, follows }
}

fn person(e: &str) -> Member {
    Member::Person(e.into())
}

#[test]
fn lists_are_kept_expanded_followed_and_undone() {
    let (_dir, _path, mut p) = plan();
    let ops = list("Operations", vec![person("chen.wei@example.com"), person("Fatima.Zahra@example.com")], vec![]);
    let saved = p.save_list(None, ops).unwrap();
    assert_eq!(saved.members[1], person("fatima.zahra@example.com"), "stored as the plan spells it");
    let key = p.list_releases().unwrap()[0].key.clone();
    let app = p.release(&key).unwrap().release.applications[0].clone();
    let cab = list(
        "CAB distribution",
        vec![person("robert.king@example.com"), Member::List("operations".into()), person("chen.wei@example.com")],
        vec![Follow::Application(app.clone())],
    );
    p.save_list(None, cab).unwrap();
    let log = p.audit_log(None, 100_000).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.action.as_str(), last.entity_key.as_str()),
        ("list", "add", "CAB distribution")
    );

    let reached: Vec<String> = p.list_people("cab distribution").unwrap().into_iter().map(|x| x.email).collect();
    assert_eq!(reached, ["robert.king@example.com", "chen.wei@example.com", "fatima.zahra@example.com"]);
    let following: Vec<String> = p.lists_following(&key).unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(following, ["CAB distribution"]);

    // Rename and edit; undo gives the old one back, redo the new.
    let mut edited = p.lists().unwrap().into_iter().find(|l| l.name == "Operations").unwrap();
    edited.name = "Ops on call".into();
    edited.members.push(person("grace.mwangi@example.com"));
    p.save_list(Some("Operations"), edited).unwrap();
    let names: Vec<String> = p.lists().unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["CAB distribution", "Ops on call"]);
    assert!(p.list_people("CAB distribution").unwrap().iter().any(|x| x.email == "grace.mwangi@example.com"));
    p.undo().unwrap();
    assert!(p.lists().unwrap().iter().any(|l| l.name == "Operations" && l.members.len() == 2));
    p.redo().unwrap();
    assert!(p.lists().unwrap().iter().any(|l| l.name == "Ops on call"));

    // A list another contains cannot go; the other can, and undo brings it back.
    let err = p.remove_list("Ops on call").unwrap_err().to_string();
    assert!(err.contains("is a member of CAB distribution"), "{err}");
    p.remove_list("CAB distribution").unwrap();
    p.undo().unwrap();
    assert_eq!(p.lists().unwrap().len(), 2);
}

#[test]
fn bad_lists_are_refused_by_field_and_change_nothing() {
    let (_dir, _path, mut p) = plan();
    p.save_list(None, list("A", vec![person("chen.wei@example.com")], vec![])).unwrap();
    p.save_list(None, list("B", vec![Member::List("A".into())], vec![])).unwrap();
    let before = fingerprint(&p);
    let refused = |p: &mut runway_core::Planner, original: Option<&str>, l: DistributionList| -> String {
        match p.save_list(original, l).unwrap_err() {
            runway_core::Error::Validation(f) => f.iter().map(|e| format!("{}: {}", e.field, e.message)).collect(),
            e => e.to_string(),
        }
    };
    assert!(refused(&mut p, None, list("Empty", vec![], vec![])).contains("members: \"Empty\" is empty"));
    assert!(
        refused(&mut p, None, list("C", vec![person("nobody@example.com")], vec![]))
            .contains("nobody@example.com is not a person")
    );
    assert!(refused(&mut p, None, list("a", vec![person("chen.wei@example.com")], vec![])).contains("exists already"));
    let cycle = refused(&mut p, Some("A"), list("A", vec![Member::List("B".into())], vec![]));
    assert!(cycle.contains("“A” → “B” → “A” is a cycle"), "{cycle}");
    assert!(
        refused(&mut p, None, list("D", vec![person("chen.wei@example.com")], vec![Follow::Release("REL-0".into())]))
            .contains("REL-0 is not a release")
    );
    assert_eq!(fingerprint(&p), before, "nothing changed");
}

#[test]
fn people_come_in_from_csv_all_or_nothing_and_go_out_again() {
    let (dir, _path, mut p) = plan();
    let before = fingerprint(&p);
    let bad = "name,email\nKim Lee,kim.lee@example.com\nNo Address,\nBad,bad@@example.com\n";
    let err = p.import_people_csv(bad, "team.csv").unwrap_err().to_string();
    assert!(err.contains("team.csv: 2 problems found, nothing was imported"), "{err}");
    assert!(
        err.contains("line 3: the e-mail address is empty") && err.contains("line 4: \"bad@@example.com\""),
        "{err}"
    );
    assert_eq!(fingerprint(&p), before);

    let good = "name,email,organisation\nKim Lee,kim.lee@example.com,Security\nRobert King,ROBERT.KING@example.com,CAB office\nChen Wei,chen.wei@example.com,Operations\n";
    let done = p.import_people_csv(good, "team.csv").unwrap();
    assert_eq!((done.added, done.updated, done.unchanged), (1, 1, 1));
    let people = p.catalog().unwrap().people;
    let robert = people.iter().find(|x| x.email == "robert.king@example.com").unwrap();
    assert_eq!(
        robert.organisation, "CAB office",
        "the plan's spelling of the address kept, the file's organisation taken"
    );
    let csv = p.people_csv().unwrap();
    assert!(csv.contains("\r\nKim Lee,kim.lee@example.com,Security\r\n"), "{csv}");
    assert_eq!(csv.lines().count(), people.len() + 1);
    drop(dir);
}

#[test]
fn lists_travel_in_the_document() {
    let (dir, _path, mut p) = plan();
    p.save_list(None, list("Ops", vec![person("chen.wei@example.com")], vec![])).unwrap();
    p.save_list(
        None,
        list(
            "CAB",
            vec![Member::List("Ops".into()), person("robert.king@example.com")],
            vec![Follow::Application("PAY".into())],
        ),
    )
    .unwrap();
    let doc = p.export().unwrap();
    assert_eq!(doc.version, runway_domain::portfolio::PORTFOLIO_VERSION);
    assert_eq!(doc.lists.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["CAB", "Ops"]);
    let json = to_json(&doc).unwrap();
    let back = parse(&json, "x.json").unwrap();
    let path = dir.path().join("copy.runway");
    let mut q = runway_core::Planner::create(&path, "copy", WHO, false).unwrap();
    q.import(&back, "x.json").unwrap();
    assert_eq!(q.lists().unwrap(), p.lists().unwrap());
    // A cycle in a document is refused by path.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["lists"][1]["members"] = serde_json::json!([{"list": "CAB"}]);
    let bad = parse(&serde_json::to_string(&v).unwrap(), "bad.json").unwrap();
    let path = dir.path().join("bad.runway");
    let mut b = runway_core::Planner::create(&path, "bad", WHO, false).unwrap();
    let err = b.import(&bad, "bad.json").unwrap_err().to_string();
    assert!(err.contains("lists[") && err.contains("is a cycle"), "{err}");
}
