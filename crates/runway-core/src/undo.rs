//! Undo and redo of ordinary edits (D10). The stack lives in the plan (table `undo`), so it
//! survives closing and reopening. An undo writes the release back to its state before the edit
//! and is itself audited; decisions are never undone this way (they are revoked).

use rusqlite::{Connection, OptionalExtension};

use runway_domain::Release;
use runway_domain::schedule::Dependency;

use crate::dto::UndoState;
use crate::error::{Error, Result};
use crate::planner::Planner;
use crate::write::Writer;
use crate::{audit, lifecycle, releases};

/// Puts the edit recorded as audit entry `seq` on the undo stack and drops the redo stack.
pub(crate) fn push(conn: &Connection, seq: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM undo WHERE undone = 1")?.execute([])?;
    conn.prepare_cached("INSERT INTO undo (audit_seq) VALUES (?1)")?.execute([seq])?;
    Ok(())
}

fn top(conn: &Connection, undone: bool) -> Result<Option<(i64, audit::Entry)>> {
    let sql = if undone {
        "SELECT id, audit_seq FROM undo WHERE undone = 1 ORDER BY id ASC LIMIT 1"
    } else {
        "SELECT id, audit_seq FROM undo WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    };
    let Some((id, seq)) = conn.query_row(sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))).optional()?
    else {
        return Ok(None);
    };
    let entry = audit::entry(conn, seq)?
        .ok_or_else(|| Error::Corrupt(format!("the undo stack points to audit entry #{seq}, which is missing")))?;
    Ok(Some((id, entry)))
}

/// "edit of REL-2027.03.01", "deletion of REL-…", in the words of the menu.
fn describe(e: &audit::Entry) -> String {
    let what = match e.action.as_str() {
        "create" => "creation of",
        "delete" => "deletion of",
        "link_rfc" => "RFC link on",
        "unlink_rfc" => "RFC unlink on",
        "link_ci" => "CI change on",
        "unlink_ci" => "CI removal on",
        "reschedule" => "new dates of",
        "add" if e.entity == "dependency" => "new dependency",
        "remove" if e.entity == "dependency" => "removal of the dependency",
        _ => "edit of",
    };
    format!("{what} {}", e.entity_key)
}

fn snapshot(json: &Option<String>, seq: i64) -> Result<Option<Release>> {
    json.as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| Error::Corrupt(format!("audit entry #{seq} holds a release that cannot be read: {e}")))
}

/// Removes every dependency to or from release `key`, each recorded in the audit log (deleting the
/// release would drop them silently), so that bringing the release back can bring them back too.
pub(crate) fn remove_dependencies_of(w: &mut Writer<'_>, key: &str, action: &str) -> Result<()> {
    let deps = crate::plan_schedule::dependencies(w.conn())?;
    for d in deps.into_iter().filter(|d| d.from.release == key || d.to.release == key) {
        crate::plan_schedule::delete_dependency(w.conn(), &d.from, &d.to)?;
        w.record(action, "dependency", &format!("{} → {}", d.from, d.to), Some(&d), None)?;
    }
    Ok(())
}

/// The dependencies of release `key` that went (or came) with the release in the write recorded
/// as entry `seq`: the dependency entries written just before it.
fn dependencies_with(conn: &Connection, seq: i64, key: &str) -> Result<Vec<Dependency>> {
    let mut out: Vec<Dependency> = vec![];
    let Some(release_entry) = audit::entry(conn, seq)? else { return Ok(out) };
    let mut at = seq - 1;
    // Entries of one write share its time.
    while let Some(e) = audit::entry(conn, at)?.filter(|e| e.entity == "dependency" && e.at == release_entry.at) {
        let json = if e.after.is_some() { &e.after } else { &e.before };
        if let Some(d) = json.as_deref().and_then(|j| serde_json::from_str::<Dependency>(j).ok())
            && (d.from.release == key || d.to.release == key)
            && !out.iter().any(|o| o.from == d.from && o.to == d.to)
        {
            out.push(d);
        }
        at -= 1;
    }
    out.reverse();
    Ok(out)
}

/// Brings a release from state `from` (what the plan must hold now) to state `to`; `seq` is the
/// audit entry of the edit being undone or redone.
fn restore(w: &mut Writer<'_>, from: Option<Release>, to: Option<Release>, action: &str, seq: i64) -> Result<String> {
    let conn = w.conn();
    match (from, to) {
        (Some(from), Some(mut to)) => {
            let id = releases::id(conn, &from.key)?.ok_or_else(|| {
                Error::Conflict(format!("{} no longer exists, so there is nothing to {action}", from.key))
            })?;
            let current = releases::load(conn, id)?;
            // Moves and decisions are not edits: the release keeps the stage it is in now, and
            // "backout tested" (which follows the recorded backout test).
            let mut comparable = from.clone();
            comparable.status = current.status;
            comparable.backout_tested = current.backout_tested;
            if current != comparable {
                return Err(Error::Conflict(format!(
                    "{} has been edited since; {action} would overwrite that edit",
                    from.key
                )));
            }
            to.status = current.status;
            to.backout_tested = current.backout_tested;
            if to.key != from.key && releases::id(conn, &to.key)?.is_some() {
                return Err(Error::Conflict(format!("{} is taken by another release now", to.key)));
            }
            releases::replace(conn, id, &to)?;
            releases::touch(conn, id, w.now())?;
            let after = releases::load(w.conn(), id)?;
            w.record(action, "release", &after.key, Some(&current), Some(&after))?;
            Ok(after.key)
        }
        (Some(from), None) => {
            let id = releases::id(conn, &from.key)?.ok_or_else(|| {
                Error::Conflict(format!("{} no longer exists, so there is nothing to {action}", from.key))
            })?;
            if lifecycle::has_events(conn, id)? {
                return Err(Error::Conflict(format!(
                    "{} has moved on and has decisions on record; it cannot be removed (cancel it instead)",
                    from.key
                )));
            }
            let current = releases::load(conn, id)?;
            remove_dependencies_of(w, &from.key, action)?;
            releases::delete(w.conn(), id)?;
            w.record(action, "release", &from.key, Some(&current), None)?;
            Ok(from.key)
        }
        (None, Some(to)) => {
            if releases::id(conn, &to.key)?.is_some() {
                return Err(Error::Conflict(format!("{} exists again, so it cannot be restored", to.key)));
            }
            let id = releases::insert(conn, &to, w.now())?;
            let after = releases::load(w.conn(), id)?;
            w.record(action, "release", &after.key, None, Some(&after))?;
            // Its dependencies come back with it where the other end still exists and no cycle
            // would close; the others stay gone.
            for d in dependencies_with(w.conn(), seq, &after.key)? {
                let other = if d.from.release == after.key { &d.to.release } else { &d.from.release };
                if releases::id(w.conn(), other)?.is_none() {
                    continue;
                }
                let all: Vec<Release> = releases::load_all(w.conn())?.into_iter().map(|(_, r)| r).collect();
                let existing = crate::plan_schedule::dependencies(w.conn())?;
                let there = existing.iter().any(|e| e.from == d.from && e.to == d.to);
                if !there && runway_domain::schedule::check_new(&all, &existing, &d).is_ok() {
                    crate::plan_schedule::insert_dependency(w.conn(), &d)?;
                    w.record(action, "dependency", &format!("{} → {}", d.from, d.to), None, Some(&d))?;
                }
            }
            Ok(after.key)
        }
        (None, None) => Err(Error::Internal("an edit with neither a before nor an after".into())),
    }
}

/// Undo or redo of a dependency added or removed: from `from` (what exists now) to `to`.
fn restore_dependency(
    w: &mut Writer<'_>,
    from: Option<Dependency>,
    to: Option<Dependency>,
    action: &str,
) -> Result<String> {
    let key = |d: &Dependency| format!("{} → {}", d.from, d.to);
    match (from, to) {
        (Some(d), None) => {
            crate::plan_schedule::delete_dependency(w.conn(), &d.from, &d.to)?
                .ok_or_else(|| Error::Conflict(format!("{} is no longer there", key(&d))))?;
            w.record(action, "dependency", &key(&d), Some(&d), None)?;
            Ok(d.to.release)
        }
        (None, Some(d)) => {
            let releases: Vec<Release> = releases::load_all(w.conn())?.into_iter().map(|(_, r)| r).collect();
            let existing = crate::plan_schedule::dependencies(w.conn())?;
            runway_domain::schedule::check_new(&releases, &existing, &d)
                .map_err(|why| Error::Conflict(format!("{} cannot come back: {why}", key(&d))))?;
            crate::plan_schedule::insert_dependency(w.conn(), &d)?;
            w.record(action, "dependency", &key(&d), None, Some(&d))?;
            Ok(d.to.release)
        }
        _ => Err(Error::Internal("a dependency edit with neither a before nor an after".into())),
    }
}

impl Planner {
    /// What undo and redo would do now.
    pub fn undo_state(&self) -> Result<UndoState> {
        Ok(UndoState {
            undo: top(&self.conn, false)?.map(|(_, e)| format!("Undo {}", describe(&e))),
            redo: top(&self.conn, true)?.map(|(_, e)| format!("Redo {}", describe(&e))),
        })
    }

    /// Undoes the latest edit not yet undone; answers the message for the status line and the key of
    /// the release it touched.
    pub fn undo(&mut self) -> Result<(String, String)> {
        self.step(false)
    }

    /// Redoes the edit undone last.
    pub fn redo(&mut self) -> Result<(String, String)> {
        self.step(true)
    }

    fn step(&mut self, redo: bool) -> Result<(String, String)> {
        let (verb, done) = if redo { ("redo", "Redid") } else { ("undo", "Undid") };
        self.write(|w| {
            let (id, e) =
                top(w.conn(), redo)?.ok_or_else(|| Error::NotFound(format!("There is nothing to {verb}.")))?;
            let restored = if e.entity == "dependency" {
                let dep = |j: &Option<String>| -> Result<Option<Dependency>> {
                    j.as_deref()
                        .map(serde_json::from_str)
                        .transpose()
                        .map_err(|err| Error::Corrupt(format!("audit entry #{} holds a bad dependency: {err}", e.seq)))
                };
                let (before, after) = (dep(&e.before)?, dep(&e.after)?);
                if redo {
                    restore_dependency(w, before, after, verb)
                } else {
                    restore_dependency(w, after, before, verb)
                }
            } else {
                let (before, after) = (snapshot(&e.before, e.seq)?, snapshot(&e.after, e.seq)?);
                if redo { restore(w, before, after, verb, e.seq) } else { restore(w, after, before, verb, e.seq) }
            };
            match restored {
                Ok(key) => {
                    w.conn()
                        .prepare_cached("UPDATE undo SET undone = ?2 WHERE id = ?1")?
                        .execute(rusqlite::params![id, !redo])?;
                    Ok(Ok((format!("{done} the {}.", describe(&e)), key)))
                }
                // The release changed since (or is gone): this edit can no longer be undone. It
                // leaves the stack, so the next undo reaches the edit before it.
                Err(Error::Conflict(why)) => {
                    w.conn().prepare_cached("DELETE FROM undo WHERE id = ?1")?.execute([id])?;
                    Ok(Err(Error::Conflict(format!(
                        "Cannot {verb} the {}: {why}. It was taken off the {verb} list.",
                        describe(&e)
                    ))))
                }
                Err(other) => Err(other),
            }
        })?
    }
}
