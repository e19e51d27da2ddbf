//! Several release managers, one portfolio (issue 20): copies of a plan edited apart exchange
//! change files and merge; every copy that has seen the same changes holds the same plan and the
//! same review cards, whatever order the merges ran in; nothing is dropped silently; bad change
//! files are refused and change nothing.

use std::path::{Path, PathBuf};

use runway_core::Planner;
use runway_core::api::replicas::Since;
use runway_core::store::replica::cards::CardKind;
use runway_core::store::replica::resolve::Decision;
use runway_domain::schedule::{DepKind, Dependency, Endpoint};

use crate::fingerprint;
use crate::releases::input_of;

fn retitle(p: &mut Planner, key: &str, title: &str) {
    let mut input = input_of(&p.release(key).unwrap().release);
    input.title = title.into();
    p.update_release(key, input).unwrap();
}

fn renote(p: &mut Planner, key: &str, notes: &str) {
    let mut input = input_of(&p.release(key).unwrap().release);
    input.notes = notes.into();
    p.update_release(key, input).unwrap();
}

fn new_release(p: &mut Planner, key: &str, title: &str) {
    let mut input = crate::releases::new_input();
    input.key = key.into();
    input.title = title.into();
    p.create_release(input).unwrap();
}

fn depends(from: &str, to: &str) -> Dependency {
    Dependency {
        from: Endpoint { release: from.into(), milestone: None },
        to: Endpoint { release: to.into(), milestone: None },
        kind: DepKind::FinishToStart,
        lag_days: 0,
    }
}

fn changes(p: &mut Planner, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(format!("{name}.runway-changes"));
    p.export_changes_file(&Since::All, &out).unwrap();
    out
}

/// The plan as a user sees it, and its cards (ids and sides).
fn seen(p: &Planner) -> (String, String) {
    let cards = p.review_cards().unwrap();
    (fingerprint(p).0, serde_json::to_string(&cards).unwrap())
}

/// Equal, or a failure showing where the two first differ.
fn same(a: &str, b: &str, what: &str) {
    if a == b {
        return;
    }
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = la.iter().zip(&lb).position(|(x, y)| x != y).unwrap_or(la.len().min(lb.len()));
    let from = at.saturating_sub(12);
    panic!(
        "{what} differs from the first at line {at}:\n--- first\n{}\n--- this\n{}",
        la[from..(at + 6).min(la.len())].join("\n"),
        lb[from..(at + 6).min(lb.len())].join("\n")
    );
}

struct Forked {
    dir: tempfile::TempDir,
    base: PathBuf,
    files: Vec<PathBuf>,
    keys: Vec<String>,
}

/// A base plan copied three ways (Save As); each copy edited apart, its changes exported.
fn three_copies_edited_apart() -> Forked {
    let (dir, path, mut a) = crate::demo(8);
    // k5 is a draft made before the copies: a release with decisions on record is never deleted.
    new_release(&mut a, "REL-2029.09.09", "A draft both copies hold");
    // Two releases no dependency links yet: A links them one way, C the other.
    new_release(&mut a, "REL-2029.10.01", "X");
    new_release(&mut a, "REL-2029.11.01", "Y");
    let mut keys: Vec<String> = a.list_releases().unwrap().into_iter().map(|r| r.key).collect();
    keys.retain(|k| !k.starts_with("REL-2029"));
    keys.insert(5, "REL-2029.09.09".into());
    let base = dir.path().join("base.runway");
    drop(a.save_as(&base, false).unwrap());
    let mut b = a.save_as(&dir.path().join("b.runway"), false).unwrap();
    let mut c = a.save_as(&dir.path().join("c.runway"), false).unwrap();
    let (k0, k3, k5) = (&keys[0], &keys[3], &keys[5]);
    let (k1, k2) = ("REL-2029.10.01", "REL-2029.11.01");

    retitle(&mut a, k0, "Title from A");
    a.add_dependency(depends(k1, k2)).unwrap();
    a.delete_release(k5).unwrap();
    a.link_rfc(k3, &a.catalog().unwrap().rfcs[0].key.clone()).ok();

    renote(&mut b, k0, "Notes from B (another field: no card)");
    retitle(&mut b, k3, "Title from B");
    retitle(&mut b, k5, "B edited what A deleted");
    new_release(&mut b, "REL-2030.01.01", "B's new release");

    retitle(&mut c, k0, "Title from C");
    new_release(&mut c, "REL-2030.01.01", "C's new release, same key");
    c.add_dependency(depends(k2, k1)).unwrap();

    let files =
        vec![changes(&mut a, dir.path(), "a"), changes(&mut b, dir.path(), "b"), changes(&mut c, dir.path(), "c")];
    drop((a, b, c));
    let _ = path;
    Forked { dir, base, files, keys }
}

#[test]
fn copies_merged_in_every_order_hold_the_same_plan_and_the_same_cards() {
    let f = three_copies_edited_apart();
    let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    let mut results = vec![];
    for (n, order) in orders.iter().enumerate() {
        let target = f.dir.path().join(format!("order-{n}.runway"));
        std::fs::copy(&f.base, &target).unwrap();
        let mut p = Planner::open(&target, "Merger <m@example.com>").unwrap();
        for &i in order {
            p.merge_changes_file(&f.files[i]).unwrap();
        }
        results.push(seen(&p));
    }
    // And each copy itself, having merged the other two.
    for (me, others) in [("a", [1, 2]), ("b", [2, 0]), ("c", [0, 1])] {
        let path = if me == "a" { f.dir.path().join("demo.runway") } else { f.dir.path().join(format!("{me}.runway")) };
        let mut p = Planner::open(&path, "Owner <o@example.com>").unwrap();
        for i in others {
            p.merge_changes_file(&f.files[i]).unwrap();
        }
        results.push(seen(&p));
    }
    for (n, r) in results.iter().enumerate().skip(1) {
        same(&results[0].0, &r.0, &format!("the plan of merge order {n}"));
        same(&results[0].1, &r.1, &format!("the cards of merge order {n}"));
    }

    let target = f.dir.path().join("order-0.runway");
    let p = Planner::open(&target, "Merger <m@example.com>").unwrap();
    let cards = p.review_cards().unwrap();
    let kinds: Vec<(CardKind, String)> = cards.iter().map(|c| (c.kind, c.subject.clone())).collect();
    let (k0, k5) = (&f.keys[0], &f.keys[5]);
    // A's and C's titles of k0: both kept on the card, one stands.
    let title = cards.iter().find(|c| c.kind == CardKind::Field && c.field == "title").expect("a title card");
    assert_eq!(&title.subject, k0);
    let values: Vec<&str> = title.sides.iter().map(|s| s.value.as_str()).collect();
    assert!(values.contains(&"\"Title from A\"") && values.contains(&"\"Title from C\""), "{values:?}");
    assert_eq!(title.sides.iter().filter(|s| s.standing).count(), 1);
    let standing = title.sides.iter().find(|s| s.standing).unwrap().value.clone();
    assert_eq!(serde_json::to_string(&p.release(k0).unwrap().release.title).unwrap(), standing);
    // B's notes merged on their own.
    assert_eq!(p.release(k0).unwrap().release.notes, "Notes from B (another field: no card)");
    // A deleted k5 that B edited: it stays deleted, B's edit on the card.
    assert!(p.release(k5).is_err());
    assert!(kinds.contains(&(CardKind::Deleted, k5.clone())), "{kinds:?}");
    // B and C both made REL-2030.01.01: one keeps the key, the other shows a provisional one.
    assert!(kinds.iter().any(|(k, s)| *k == CardKind::Key && s == "REL-2030.01.01"), "{kinds:?}");
    let both: Vec<String> =
        p.list_releases().unwrap().into_iter().map(|r| r.key).filter(|k| k.starts_with("REL-2030.01.01")).collect();
    assert_eq!(both.len(), 2, "{both:?}");
    // A's k1 → k2 and C's k2 → k1 close a cycle together: one is left out, on a card.
    assert!(kinds.iter().any(|(k, _)| *k == CardKind::Cycle), "{kinds:?}");
    assert!(p.verify().unwrap().ok());
}

#[test]
fn a_card_decided_closes_everywhere_and_the_decision_is_undone_by_undo() {
    let f = three_copies_edited_apart();
    let a_path = f.dir.path().join("demo.runway");
    let mut a = Planner::open(&a_path, "Ana <a@example.com>").unwrap();
    a.merge_changes_file(&f.files[2]).unwrap();
    let k0 = &f.keys[0];
    let card = a.review_cards().unwrap().into_iter().find(|c| c.field == "title").unwrap();
    // A value of one's own that the field cannot hold is refused, naming why; nothing changes.
    let before = fingerprint(&a);
    let err = a.decide_card(&card.id, &Decision::Value { value: "[1, 2]".into() }).unwrap_err().to_string();
    assert!(err.contains("not a value this field can hold"), "{err}");
    assert_eq!(fingerprint(&a), before);
    let c_side = card.sides.iter().find(|s| s.value == "\"Title from C\"").unwrap().op.clone();
    a.decide_card(&card.id[..6], &Decision::Pick { op: c_side }).unwrap();
    assert_eq!(a.release(k0).unwrap().release.title, "Title from C");
    assert!(a.review_cards().unwrap().iter().all(|c| c.id != card.id), "the card is closed");
    // Undo takes the decision's edit back; redo does it again.
    a.undo().unwrap();
    a.redo().unwrap();
    assert_eq!(a.release(k0).unwrap().release.title, "Title from C");

    // The decision travels: C, merging A's changes, has no card either and the same title.
    let decided = changes(&mut a, f.dir.path(), "a2");
    let mut c = Planner::open(&f.dir.path().join("c.runway"), "Cem <c@example.com>").unwrap();
    c.merge_changes_file(&decided).unwrap();
    assert_eq!(c.release(k0).unwrap().release.title, "Title from C");
    assert!(c.review_cards().unwrap().iter().all(|x| x.id != card.id));

    // The same file again changes nothing at all.
    let before = fingerprint(&c);
    let again = c.merge_changes_file(&decided).unwrap();
    assert_eq!(again.added, 0);
    assert_eq!(fingerprint(&c), before);
}

#[test]
fn bad_change_files_are_refused_and_change_nothing() {
    let f = three_copies_edited_apart();
    let mut p = Planner::open(&f.base, "Merger <m@example.com>").unwrap();
    let before = fingerprint(&p);
    let text = std::fs::read_to_string(&f.files[1]).unwrap();

    let cut = f.dir.path().join("cut.runway-changes");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let err = p.merge_changes_file(&cut).unwrap_err().to_string();
    assert!(err.contains("cut short") && err.contains("nothing was merged"), "{err}");

    let altered = f.dir.path().join("altered.runway-changes");
    std::fs::write(&altered, text.replacen("Title from B", "Title from Eve", 1)).unwrap();
    let err = p.merge_changes_file(&altered).unwrap_err().to_string();
    assert!(err.contains("digest"), "{err}");

    let other = f.dir.path().join("other.runway");
    let mut q = Planner::create(&other, "Another portfolio", "Olga <o@example.com>", false).unwrap();
    let theirs = changes(&mut q, f.dir.path(), "other");
    let err = p.merge_changes_file(&theirs).unwrap_err().to_string();
    assert!(err.contains("\"Another portfolio\"") && err.contains("nothing was merged"), "{err}");

    let not = f.dir.path().join("not.runway-changes");
    std::fs::write(&not, "{\"hello\": 1}").unwrap();
    assert!(p.merge_changes_file(&not).unwrap_err().to_string().contains("not a Runway change file"));
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_plan_copied_in_the_file_manager_takes_its_own_replica_id() {
    let (dir, path, mut p) = crate::demo(3);
    let original = p.replica_info().unwrap();
    p.checkpoint().unwrap();
    drop(p);
    let copy = dir.path().join("copy.runway");
    std::fs::copy(&path, &copy).unwrap();
    let mut c = Planner::open(&copy, "Cem <c@example.com>").unwrap();
    let info = c.replica_info().unwrap();
    assert_ne!(info.replica, original.replica);
    assert_eq!(info.portfolio, original.portfolio, "still the same portfolio");
    assert_eq!(info.copied_from.as_deref(), Some(original.replica.as_str()));
    // The original, opened again where it was, keeps its id.
    let mut o = Planner::open(&path, "Ana <a@example.com>").unwrap();
    assert_eq!(o.replica_info().unwrap().replica, original.replica);
}
