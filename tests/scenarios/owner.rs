//! One process owns an open plan: two real processes on one plan file. Nothing a process
//! committed is lost, the second writer is told the plan is busy (and changes nothing), and no
//! New, Save As or demo ever replaces a plan another process holds.

use runway_core::error::ErrorCode;
use runway_core::session::Session;
use std::path::{Path, PathBuf};

use runway_core::{Error, Planner};

use crate::peer::Peer;
use crate::{WHO, demo, today};

fn is_busy(e: &Error) -> bool {
    e.code() == ErrorCode::Busy && e.to_string().contains("open in another Runway window")
}

/// A demo plan of `n` releases, open in another process as its owner (another window).
fn held_by_another_window(n: usize) -> (tempfile::TempDir, PathBuf, Peer) {
    let (dir, path, p) = demo(n);
    drop(p);
    let mut window = Peer::start(&path);
    window.must("open");
    (dir, path, window)
}

/// The desktop session on `path`, with its settings in a folder of `dir`.
fn session_on(dir: &Path, path: &Path) -> Session {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    Session::start(&data, Some(path), today())
}

/// Renames the first release through the session (an ordinary edit); answers its key.
fn retitle_first(s: &mut Session, title: &str) -> String {
    let key = s.planner().unwrap().list_releases().unwrap()[0].key.clone();
    let detail = s.planner().unwrap().release(&key).unwrap().release;
    let input = runway_domain::ReleaseInput { title: title.into(), ..runway_domain::ReleaseInput::from(&detail) };
    s.planner_mut().unwrap().update_release(&key, input).unwrap();
    key
}

fn keys(p: &Planner) -> Vec<String> {
    p.list_releases().unwrap().into_iter().map(|r| r.key).collect()
}

#[test]
fn a_second_owner_is_refused_and_every_commit_of_the_first_survives() {
    let (dir, path, p) = demo(12);
    let before = keys(&p);
    drop(p);
    let mut window = Peer::start(&path);
    window.must("open");
    window.must("create OWN-1");

    // Another window, or the CLI writing: refused, named, nothing changed.
    let err = Planner::open(&path, WHO).unwrap_err();
    assert!(is_busy(&err), "{err}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");

    // Everything that would replace the held file: New over it, the demo with --force, Save As
    // onto it. Each is refused and the window's plan stays whole.
    let err = Planner::create(&path, "New", WHO, true).unwrap_err();
    assert!(is_busy(&err), "New over a held plan: {err}");
    let err = Planner::create_demo(&path, 1, 5, today(), WHO, true).unwrap_err();
    assert!(is_busy(&err), "demo --force over a held plan: {err}");
    let other = dir.path().join("other.runway");
    let o = Planner::create_demo(&other, 7, 3, today(), WHO, false).unwrap();
    let err = o.save_as(&path, true).unwrap_err();
    assert!(is_busy(&err), "Save As onto a held plan: {err}");
    let err = o.export_json_file(&dir.path().join("plan.json")).map(|_| ());
    assert!(err.is_ok(), "exports elsewhere still work: {err:?}");
    drop(o);
    assert!(
        crate::sidecars(&path).iter().any(|s| s.to_string_lossy().ends_with("-wal")),
        "the window's log is still there"
    );

    // The window goes on working, and sees its own edits only.
    window.must("create OWN-2");
    assert_eq!(window.must("count"), format!("ok {}", before.len() + 2));
    window.quit();

    let p = Planner::open(&path, WHO).unwrap();
    let after = keys(&p);
    assert!(after.contains(&"OWN-1".to_owned()) && after.contains(&"OWN-2".to_owned()), "{after:?}");
    assert_eq!(after.len(), before.len() + 2);
    assert!(p.verify().unwrap().first_failure().is_none());
}

#[test]
fn the_plan_is_free_again_when_its_owner_ends_even_by_a_crash() {
    let (_dir, path, mut window) = held_by_another_window(5);
    window.must("create CRASH-1");
    assert!(is_busy(&Planner::open(&path, WHO).unwrap_err()));
    window.kill();
    // The lock went with the process; its committed edit is in the log and is recovered.
    let p = Planner::open(&path, WHO).unwrap();
    assert!(keys(&p).contains(&"CRASH-1".to_owned()));
    assert!(p.verify().unwrap().first_failure().is_none());
}

#[test]
fn a_plan_can_be_read_while_another_process_owns_it_but_not_written() {
    let (_dir, path, mut window) = held_by_another_window(6);
    window.must("create READ-1");
    let mut r = Planner::open_read(&path, WHO).unwrap();
    assert!(!r.is_owner());
    assert!(keys(&r).contains(&"READ-1".to_owned()), "a reader sees what the owner committed");
    let first = keys(&r)[0].clone();
    let before = r.release(&first).unwrap().release;
    assert!(r.delete_release(&first).is_err(), "a reader does not write");
    assert_eq!(r.release(&first).unwrap().release, before);
    window.quit();
}

#[test]
fn a_reader_in_this_process_is_not_another_owner() {
    let (_dir, path, p) = demo(3);
    // Opening a plan this process already holds is refused without touching the file (closing a
    // second descriptor of it would drop SQLite's own locks).
    let err = Planner::open(&path, WHO).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Busy);
    assert!(err.to_string().contains("already open in this window"), "{err}");
    drop(p);
    Planner::open(&path, WHO).unwrap();
}

#[test]
fn two_sessions_on_one_plan_do_not_share_an_undo_stack() {
    let (dir, path, window) = held_by_another_window(4);
    // A second app instance asked to open the same plan: it gets no plan and a notice saying why,
    // instead of a second writer with the first one's undo stack.
    let mut s = session_on(dir.path(), &path);
    let state = s.state().unwrap();
    assert!(state.plan.is_none());
    let notice = state.notice.unwrap();
    assert!(notice.contains("open in another Runway window"), "{notice}");
    window.quit();
}

#[test]
fn quitting_while_another_program_reads_the_plan_says_the_log_still_holds_edits() {
    let (dir, path, p) = demo(4);
    drop(p);
    let mut s = session_on(dir.path(), &path);
    let mut reader = Peer::start(&path);
    reader.must("hold");
    let key = retitle_first(&mut s, "Edited while a report reads");
    let err = s.close().unwrap_err();
    assert_eq!(err.code(), ErrorCode::Busy);
    assert!(err.to_string().contains("-wal"), "the user is told the log holds the latest edits: {err}");
    reader.quit();
    // Nothing was lost: the next open applies the log.
    let p = Planner::open(&path, WHO).unwrap();
    assert_eq!(p.release(&key).unwrap().release.title, "Edited while a report reads");
}

#[test]
fn quitting_alone_leaves_the_whole_plan_in_its_main_file() {
    let (dir, path, p) = demo(4);
    drop(p);
    let mut s = session_on(dir.path(), &path);
    let key = retitle_first(&mut s, "Kept in the main file");
    s.close().unwrap();
    assert!(crate::sidecars(&path).iter().all(|f| std::fs::metadata(f).unwrap().len() == 0), "no log left");
    // The main file alone (copied without its sidecars) holds the edit.
    let copy = dir.path().join("copied.runway");
    std::fs::copy(&path, &copy).unwrap();
    let p = Planner::open(&copy, WHO).unwrap();
    assert_eq!(p.release(&key).unwrap().release.title, "Kept in the main file");
}
