//! Undo and redo of ordinary edits on a real plan: they survive reopening, keep the stage a
//! release has moved to, bring back a deleted release with its dependencies, and an edit that can
//! no longer be undone leaves the list.

use super::*;

#[test]
fn undo_and_redo_edits_and_survive_reopening() {
    let (_dir, path, mut p) = plan();
    assert!(matches!(p.undo().unwrap_err(), Error::NotFound(_)), "nothing to undo in a new plan");
    assert!(matches!(p.redo().unwrap_err(), Error::NotFound(_)));
    assert_eq!(p.undo_state().unwrap(), runway_core::dto::UndoState { undo: None, redo: None });

    let key = ready_for_cab(&p);
    let original = p.release(&key).unwrap().release;
    p.update_release(&key, ReleaseInput { title: "Renamed once".into(), ..input_of(&original) }).unwrap();
    let state = p.undo_state().unwrap();
    assert_eq!(state.undo.as_deref(), Some(format!("Undo edit of {key}").as_str()));
    assert_eq!(state.redo, None);

    let (msg, touched) = p.undo().unwrap();
    assert_eq!((msg.as_str(), touched.as_str()), (format!("Undid the edit of {key}.").as_str(), key.as_str()));
    assert_eq!(p.release(&key).unwrap().release, original);
    assert_eq!(p.audit_trail(&key).unwrap().last().unwrap().action, "undo");
    assert_eq!(p.history(&key).unwrap().last().unwrap().kind, "undo");
    let state = p.undo_state().unwrap();
    assert_eq!(state.redo.as_deref(), Some(format!("Redo edit of {key}").as_str()));
    assert_eq!(state.undo, None);

    let (msg, _) = p.redo().unwrap();
    assert_eq!(msg, format!("Redid the edit of {key}."));
    assert_eq!(p.release(&key).unwrap().release.title, "Renamed once");
    assert_eq!(p.audit_trail(&key).unwrap().last().unwrap().action, "redo");

    // A new edit drops what could be redone.
    p.undo().unwrap();
    assert!(p.undo_state().unwrap().redo.is_some());
    p.update_release(&key, ReleaseInput { title: "Renamed twice".into(), ..input_of(&original) }).unwrap();
    assert_eq!(p.undo_state().unwrap().redo, None);
    assert!(matches!(p.redo().unwrap_err(), Error::NotFound(_)));

    // The stack lives in the plan.
    drop(p);
    let mut p = Planner::open(&path, WHO).unwrap();
    p.set_today(today());
    assert_eq!(p.undo_state().unwrap().undo.as_deref(), Some(format!("Undo edit of {key}").as_str()));
    p.undo().unwrap();
    assert_eq!(p.release(&key).unwrap().release, original);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn undo_keeps_the_stage_a_release_has_moved_to() {
    let (_dir, _path, mut p) = plan();
    let key = ready_for_cab(&p);
    let original = p.release(&key).unwrap().release;
    p.update_release(&key, ReleaseInput { title: "Edited before the CAB".into(), ..input_of(&original) }).unwrap();
    p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    let events = p.lifecycle(&key).unwrap().events;
    assert_eq!(
        p.undo_state().unwrap().undo.as_deref(),
        Some(format!("Undo edit of {key}").as_str()),
        "moves are not edits"
    );

    p.undo().unwrap();
    let r = p.release(&key).unwrap().release;
    assert_eq!(r.title, original.title);
    assert_eq!(r.status, S::SubmittedToCab, "the undo restores the fields, not the stage");
    assert_eq!(p.lifecycle(&key).unwrap().events, events, "decisions and moves are never undone");
    p.redo().unwrap();
    let r = p.release(&key).unwrap().release;
    assert_eq!((r.title.as_str(), r.status), ("Edited before the CAB", S::SubmittedToCab));
    assert!(p.verify().unwrap().ok());
}

#[test]
fn undo_removes_a_created_release_and_restores_a_deleted_one() {
    let (_dir, _path, mut p) = plan();
    let draft = pick(&p, S::Draft, |r| !r.rfcs.is_empty() && !r.cis.is_empty());
    let kept = p.release(&draft).unwrap().release;
    p.delete_release(&draft).unwrap();
    assert_eq!(p.undo_state().unwrap().undo.as_deref(), Some(format!("Undo deletion of {draft}").as_str()));
    p.undo().unwrap();
    assert_eq!(p.release(&draft).unwrap().release, kept, "links, bill of materials and milestones come back");
    p.redo().unwrap();
    assert!(matches!(p.release(&draft).unwrap_err(), Error::NotFound(_)));

    let key = new_release(&mut p, "REL-2027.03.98", 60);
    // create, then create_rfc (not an undoable edit) and link_rfc.
    assert_eq!(p.undo_state().unwrap().undo.as_deref(), Some(format!("Undo RFC link on {key}").as_str()));
    p.undo().unwrap();
    assert!(p.release(&key).unwrap().release.rfcs.is_empty());
    assert_eq!(p.undo_state().unwrap().undo.as_deref(), Some(format!("Undo creation of {key}").as_str()));
    p.undo().unwrap();
    assert!(matches!(p.release(&key).unwrap_err(), Error::NotFound(_)));
    p.redo().unwrap();
    assert_eq!(status_of(&p, &key), S::Draft);

    // Once it has moved, its creation cannot be undone: the decisions stay.
    p.move_release(&key, to(S::Planned)).unwrap();
    let before = fingerprint(&p);
    let err = p.undo().unwrap_err();
    assert!(matches!(&err, Error::Conflict(m) if m.contains("cancel it instead")), "{err:?}");
    assert_eq!(fingerprint(&p), before);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn an_edit_that_can_no_longer_be_undone_leaves_the_undo_list() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::Draft, |_| true);
    let release = p.release(&key).unwrap().release;
    p.update_release(&key, ReleaseInput { title: "First".into(), ..input_of(&release) }).unwrap();
    p.update_release(&key, ReleaseInput { title: "Second".into(), ..input_of(&release) }).unwrap();
    // Behind the undo stack's back (another Runway on the same file would do this): the title
    // changes without an undo entry, so "Second" can no longer be undone cleanly.
    {
        let c = rusqlite::Connection::open(p.path()).unwrap();
        c.execute("UPDATE release SET title = 'Elsewhere' WHERE key = ?1", [&key]).unwrap();
    }
    let err = p.undo().unwrap_err();
    assert!(matches!(err, Error::Conflict(_)) && err.to_string().contains("taken off the undo list"), "{err}");
    // The next undo reaches the edit before it — which also conflicts, and so on: nothing is overwritten.
    assert_eq!(p.release(&key).unwrap().release.title, "Elsewhere");
}
