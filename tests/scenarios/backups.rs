//! Automatic backups (issue 19): snapshots of the open plan through SQLite's backup API, rotated
//! to the newest N, each a valid plan holding the edits of its time, restored as a new plan file
//! while the original stays as it is.

use std::path::Path;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use runway_core::Planner;
use runway_core::backup::{self, INTERVAL};
use runway_core::session::Session;

use runway_domain::ReleaseInput;

use crate::releases::new_input;
use crate::{WHO, demo, sha256, today};

fn at(s: &mut Session, minute: u32) {
    s.planner_mut().unwrap().set_now(Utc.with_ymd_and_hms(2026, 11, 22, 9, minute, 0).unwrap());
}

/// Adds `n` new releases (drafts, which may be deleted) to the demo; their keys.
fn add_releases(p: &mut Planner, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let input = ReleaseInput { key: format!("REL-2027.09.{i:02}"), ..new_input() };
            p.create_release(input).unwrap().release.key
        })
        .collect()
}

/// The mistake: deletes every release the plan lets go (those without decisions or evidence).
fn delete_what_can_go(s: &mut Session) -> Vec<String> {
    let keys: Vec<String> = s.planner().unwrap().list_releases().unwrap().into_iter().map(|r| r.key).collect();
    keys.into_iter().filter(|k| s.planner_mut().unwrap().delete_release(k).is_ok()).collect()
}

fn keys_of(p: &Planner) -> Vec<String> {
    p.list_releases().unwrap().into_iter().map(|r| r.key).collect()
}

#[test]
fn backups_rotate_and_a_deleted_half_comes_back_as_a_new_plan() {
    let (dir, path, mut p) = demo(20);
    add_releases(&mut p, 20);
    drop(p);
    let data = dir.path().join("data");
    let mut s = Session::start(&data, Some(&path), today());
    s.set_backup_keep(3).unwrap();
    let all = keys_of(s.planner().unwrap());

    // The first backup: the whole plan, with its audit head.
    at(&mut s, 0);
    let head = s.planner().unwrap().audit_head().unwrap();
    let first = s.backup_now().unwrap();
    assert_eq!(first.keep, 3);
    assert_eq!(first.backups.len(), 1);
    let b = &first.backups[0];
    assert_eq!((b.audit_seq, b.audit_hash.clone(), b.releases as usize), (head.0, head.1.clone(), all.len()));
    assert_eq!(b.taken_at, "2026-11-22T09:00:00+00:00");
    assert!(b.size > 0 && b.name.ends_with(".runway"));
    let folder = backup::folder_for(&data, &path);
    assert_eq!(first.folder, folder.display().to_string());
    assert!(folder.starts_with(data.join("backups")));

    // Nothing changed: no backup is due, however long ago the last one was.
    assert!(!s.backup_if_due(Duration::ZERO).unwrap());

    // The mistake: everything that can be deleted is.
    let gone = delete_what_can_go(&mut s);
    assert!(gone.len() * 2 >= all.len(), "half the plan is gone: {} of {}", gone.len(), all.len());
    at(&mut s, 1);
    // Changed, but the last backup is recent: not due within the hour; due at close (zero).
    assert!(!s.backup_if_due(INTERVAL).unwrap());
    assert!(s.backup_if_due(Duration::ZERO).unwrap());

    // More backups than kept: the oldest go.
    for minute in 2..6 {
        at(&mut s, minute);
        s.backup_now().unwrap();
    }
    let listed = s.backups().unwrap();
    let times: Vec<&str> = listed.backups.iter().map(|b| b.taken_at.as_str()).collect();
    assert_eq!(times, ["2026-11-22T09:05:00+00:00", "2026-11-22T09:04:00+00:00", "2026-11-22T09:03:00+00:00"]);
    assert!(listed.unreadable.is_empty(), "{:?}", listed.unreadable);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 3, "only the kept backups are in the folder");
    for b in &listed.backups {
        assert_eq!(b.releases as usize, all.len() - gone.len());
    }
    // The first backup was rotated away: keep more from now on, and take one of the whole plan
    // again to restore (as a user would have had with the default of 10).
    s.set_backup_keep(10).unwrap();
    assert!(s.set_backup_keep(0).is_err());

    // A backup is a valid plan: it verifies, its audit chain included, and holds its time's edits.
    let newest = folder.join(&listed.backups[0].name);
    let b = Planner::open_read(&newest, WHO).unwrap();
    assert!(b.verify().unwrap().ok(), "{:?}", b.verify().unwrap().first_failure());
    assert_eq!(keys_of(&b), keys_of(s.planner().unwrap()));
    drop(b);
    assert!(!Path::new(&format!("{}-wal", newest.display())).exists(), "a backup is one file");
}

#[test]
fn restoring_makes_a_new_plan_and_leaves_the_open_one_as_it_is() {
    let (dir, path, mut p) = demo(10);
    add_releases(&mut p, 10);
    drop(p);
    let data = dir.path().join("data");
    let mut s = Session::start(&data, Some(&path), today());
    let all = keys_of(s.planner().unwrap());
    at(&mut s, 0);
    let whole = s.backup_now().unwrap().backups[0].clone();
    let gone = delete_what_can_go(&mut s);
    assert!(!gone.is_empty());
    at(&mut s, 1);
    assert!(s.backup_if_due(Duration::ZERO).unwrap());
    s.close().unwrap();
    let original = sha256(&path);
    let mut s = Session::start(&data, Some(&path), today());

    // Not over the open plan, not a name outside the folder, not a file that is not a backup.
    assert!(s.restore_backup(&whole.name, &path, true).is_err());
    let dest = dir.path().join("restored.runway");
    for bad in ["../demo.runway", "/etc/passwd", "notes.runway", "2026-11-22T08-00-00.000Z.runway"] {
        assert!(s.restore_backup(bad, &dest, false).is_err(), "{bad}");
    }
    assert!(!dest.exists());

    let state = s.restore_backup(&whole.name, &dest, false).unwrap();
    let info = state.plan.unwrap();
    assert_eq!(info.file_name, "restored.runway");
    assert_eq!(info.releases as usize, all.len());
    // The restored plan's history runs through the backup's head (opening it may add to it).
    let log = s.planner().unwrap().audit_log(None, 100_000).unwrap();
    assert!(log.iter().any(|e| e.seq == whole.audit_seq && e.hash == whole.audit_hash), "{info:?}");
    assert_eq!(keys_of(s.planner().unwrap()), all, "the deleted releases are back");
    assert!(s.planner().unwrap().verify().unwrap().ok());
    // The restored plan is a plan like any other: it takes edits.
    s.planner_mut().unwrap().delete_release(&gone[0]).unwrap();
    s.close().unwrap();
    assert_eq!(sha256(&path), original, "the plan the backup came from is untouched");
    // An existing file is replaced only when the dialog confirmed it.
    let mut s = Session::start(&data, Some(&path), today());
    assert!(s.restore_backup(&whole.name, &dest, false).is_err());
}
