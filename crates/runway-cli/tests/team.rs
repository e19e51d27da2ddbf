//! Two release managers with copies of one plan, from the command line: `save-as`, edits apart,
//! `changes export`, `merge`, `review list|pick`, `replica`; a damaged change file refused.

use std::process::{Command, Output};

fn runway(who: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_runway"))
        .args(["--as", who])
        .args(args)
        .env("RUNWAY_SETTINGS_DIR", "/nonexistent")
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn two_copies_edited_apart_merge_and_their_conflict_is_decided() {
    let dir = tempfile::tempdir().unwrap();
    let path = |n: &str| dir.path().join(n).display().to_string();
    let (a, b) = (path("a.runway"), path("b.runway"));
    let (ana, ben) = ("Ana <ana@example.com>", "Ben <ben@example.com>");
    ok(runway(ana, &["demo", "--db", &a, "--releases", "6", "--today", "2026-11-22"]));
    let out = ok(runway(ana, &["save-as", "--db", &a, &b]));
    assert!(out.contains("replica"), "{out}");
    let all: serde_json::Value = serde_json::from_str(&ok(runway(ana, &["releases", "--db", &a, "--json"]))).unwrap();
    let key = all[0]["key"].as_str().unwrap().to_owned();

    // Both add the same custom phase with different dates; Ben also adds another.
    ok(runway(ana, &["phase", "--db", &a, "set", &key, "Dress rehearsal", "2027-01-04", "2027-01-05"]));
    ok(runway(ben, &["phase", "--db", &b, "set", &key, "Dress rehearsal", "2027-01-11", "2027-01-12"]));
    ok(runway(ben, &["phase", "--db", &b, "set", &key, "SIT", "2027-01-06", "2027-01-08"]));

    let changes = path("ben.runway-changes");
    ok(runway(ben, &["changes", "export", "--db", &b, "--out", &changes]));
    let out = ok(runway(ana, &["merge", "--db", &a, &changes]));
    assert!(out.contains("from Ben <ben@example.com>") && out.contains("1 review card"), "{out}");
    assert!(out.contains("milestones/Dress rehearsal edited on both sides"), "{out}");

    // Merged twice: nothing new.
    let again = ok(runway(ana, &["merge", "--db", &a, &changes]));
    assert!(again.starts_with("merged 0 new operations"), "{again}");

    let cards: serde_json::Value =
        serde_json::from_str(&ok(runway(ana, &["review", "--db", &a, "list", "--json"]))).unwrap();
    let card = cards[0]["id"].as_str().unwrap().to_owned();
    let bens = cards[0]["sides"].as_array().unwrap().iter().find(|s| s["author"] == ben).unwrap()["op"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = ok(runway(ana, &["review", "--db", &a, "pick", &card, &bens]));
    assert!(out.contains("0 open"), "{out}");
    let detail = ok(runway(ana, &["schedule", "--db", &a, "--json"]));
    assert!(detail.contains("Dress rehearsal") && detail.contains("SIT"), "both phases are in Ana's plan");
    assert!(detail.contains("2027-01-11"), "Ben's dates stand");

    // The consolidated view: who last changed the release, on which copy.
    let owners: serde_json::Value =
        serde_json::from_str(&ok(runway(ana, &["releases", "--db", &a, "--owners", "--json"]))).unwrap();
    let row = owners.as_array().unwrap().iter().find(|o| o["key"] == key.as_str()).unwrap();
    assert_eq!(row["last_changed_by"], ana, "Ana decided the card last: {row}");
    let bens = ok(runway(ana, &["releases", "--db", &a, "--owner", "ben@"]));
    assert!(bens.contains("0 releases"), "Ben's edits were all decided over by Ana: {bens}");

    let replica = ok(runway(ana, &["replica", "--db", &a]));
    assert!(replica.contains("peer") && replica.contains("Ben <ben@example.com>"), "{replica}");

    // A change file cut short is refused, naming why, and changes nothing.
    let text = std::fs::read_to_string(&changes).unwrap();
    let cut = path("cut.runway-changes");
    std::fs::write(&cut, &text[..text.len() / 3]).unwrap();
    let o = runway(ana, &["merge", "--db", &a, &cut]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cut short") && err.contains("nothing was merged"), "{err}");
    ok(runway(ana, &["verify", "--db", &a]));
}
