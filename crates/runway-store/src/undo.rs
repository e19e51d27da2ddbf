//! Undo and redo of ordinary edits (D10). The stack lives in the plan (table `undo`), so it
//! survives closing and reopening. An undo writes the release back to its state before the edit
//! and is itself audited; decisions are never undone this way (they are revoked).

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde::de::DeserializeOwned;

use runway_domain::Release;
use runway_domain::schedule::Dependency;

use crate::audit;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::tables::{events, releases, schedule};
use crate::write::Writer;

/// An entity whose edits can be undone and redone. A new entity joins undo, redo and the menu's
/// words by implementing this and adding one line to [`restore_entry`].
pub trait Undoable: Serialize + DeserializeOwned + Sized {
    /// The entity its audit entries name.
    const ENTITY: Entity;

    /// Brings the plan from state `from` (what it must hold now) to `to`, recording the change
    /// with `step.action` (undo or redo). Answers the key of the release the user should see. A
    /// plan that changed since is an [`Error::Conflict`]: the step then leaves the stack.
    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String>;
}

/// One undo or redo being carried out.
pub struct Step {
    /// [`Action::Undo`] or [`Action::Redo`].
    pub action: Action,
    /// The audit entry of the edit being undone or redone.
    pub entry: audit::Entry,
    /// The write that edit was part of (None for edits made before schema 4).
    pub write_id: Option<i64>,
}

/// Undoes or redoes the edit of `step`: the one place that knows which entities can be undone.
fn restore_entry(w: &mut Writer<'_>, step: &Step, redo: bool) -> Result<String> {
    match Entity::parse(&step.entry.entity) {
        Some(Entity::Release) => restore_as::<Release>(w, step, redo),
        Some(Entity::Dependency) => restore_as::<Dependency>(w, step, redo),
        Some(Entity::Window) => restore_as::<runway_domain::calendar::ChangeWindow>(w, step, redo),
        Some(Entity::Booking) => restore_as::<crate::calendar_undo::BookingRecord>(w, step, redo),
        Some(Entity::Environment) => restore_as::<runway_domain::Environment>(w, step, redo),
        Some(Entity::Policy) => restore_as::<runway_domain::Policy>(w, step, redo),
        Some(Entity::Import) => restore_as::<crate::import_undo::ImportBatch>(w, step, redo),
        Some(Entity::ReleaseTemplate) => restore_as::<runway_domain::template::ReleaseTemplate>(w, step, redo),
        Some(Entity::TimeZone) => restore_as::<crate::calendar_undo::TimeZoneSetting>(w, step, redo),
        Some(Entity::Matrix) => restore_as::<runway_domain::matrix::Matrix>(w, step, redo),
        Some(Entity::Assignment) => restore_as::<runway_domain::matrix::Assignment>(w, step, redo),
        Some(Entity::Person) => restore_as::<runway_domain::Person>(w, step, redo),
        Some(Entity::List) => restore_as::<runway_domain::stakeholders::DistributionList>(w, step, redo),
        _ => Err(Error::Corrupt(format!(
            "the undo stack points to audit entry #{}, an edit of {} that cannot be undone",
            step.entry.seq, step.entry.entity
        ))),
    }
}

fn restore_as<T: Undoable>(w: &mut Writer<'_>, step: &Step, redo: bool) -> Result<String> {
    let state = |json: &Option<String>| -> Result<Option<T>> {
        json.as_deref().map(serde_json::from_str).transpose().map_err(|e| {
            Error::Corrupt(format!("audit entry #{} holds a {} that cannot be read: {e}", step.entry.seq, T::ENTITY))
        })
    };
    let (before, after) = (state(&step.entry.before)?, state(&step.entry.after)?);
    if redo { T::restore(w, before, after, step) } else { T::restore(w, after, before, step) }
}

/// Puts the edit recorded as audit entry `seq` (in the current write) on the undo stack and drops
/// the redo stack.
pub fn push(w: &Writer<'_>, seq: i64) -> Result<()> {
    let tx = w.tx();
    tx.prepare_cached("DELETE FROM undo WHERE undone = 1")?.execute([])?;
    tx.prepare_cached("INSERT INTO undo (audit_seq, write_id) VALUES (?1, ?2)")?
        .execute(rusqlite::params![seq, w.write_id()])?;
    Ok(())
}

fn top(conn: &Connection, undone: bool) -> Result<Option<(i64, Option<i64>, audit::Entry)>> {
    let sql = if undone {
        "SELECT id, audit_seq, write_id FROM undo WHERE undone = 1 ORDER BY id ASC LIMIT 1"
    } else {
        "SELECT id, audit_seq, write_id FROM undo WHERE undone = 0 ORDER BY id DESC LIMIT 1"
    };
    let Some((id, seq, write_id)) = conn
        .query_row(sql, [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(2)?)))
        .optional()?
    else {
        return Ok(None);
    };
    let entry = audit::entry(conn, seq)?
        .ok_or_else(|| Error::Corrupt(format!("the undo stack points to audit entry #{seq}, which is missing")))?;
    Ok(Some((id, write_id, entry)))
}

/// "edit of REL-2027.03.01", "deletion of REL-…", in the words of the menu.
fn describe(e: &audit::Entry) -> String {
    let (action, entity) = (Action::parse(&e.action), Entity::parse(&e.entity));
    let what = match (action, entity) {
        (Some(Action::Create), _) => "creation of",
        (Some(Action::Delete), _) => "deletion of",
        (Some(Action::LinkRfc), _) => "RFC link on",
        (Some(Action::UnlinkRfc), _) => "RFC unlink on",
        (Some(Action::LinkCi), _) => "CI change on",
        (Some(Action::UnlinkCi), _) => "CI removal on",
        (Some(Action::Reschedule), _) => "new dates of",
        (Some(Action::Add), Some(Entity::Dependency)) => "new dependency",
        (Some(Action::Remove), Some(Entity::Dependency)) => "removal of the dependency",
        (Some(Action::Update), Some(Entity::Policy)) => return "edit of the policy".into(),
        (Some(Action::Update), Some(Entity::ReleaseTemplate)) => "edit of the release template for",
        (Some(Action::Import), Some(Entity::Import)) => "import of",
        (Some(Action::Update), Some(Entity::TimeZone)) => return "change of the plan's time zone".into(),
        (Some(Action::Update), Some(Entity::Environment)) => "edit of the environment",
        (Some(Action::Add), Some(Entity::Window)) => "new window",
        (Some(Action::Remove), Some(Entity::Window)) => "removal of the window",
        (Some(Action::Update), Some(Entity::Window)) => "edit of the window",
        (Some(Action::Add), Some(Entity::Booking)) => "new booking",
        (Some(Action::Remove), Some(Entity::Booking)) => "release of booking",
        (Some(Action::Update), Some(Entity::Booking)) => "move of booking",
        (Some(Action::Update), Some(Entity::Matrix)) => return "edit of the matrix".into(),
        (Some(Action::Add), Some(Entity::Assignment)) => "assignment",
        (Some(Action::Update), Some(Entity::Person)) => "edit of",
        (Some(Action::Remove), Some(Entity::Assignment)) => "unassignment",
        (Some(Action::Add), Some(Entity::List)) => "new list",
        (Some(Action::Update), Some(Entity::List)) => "edit of the list",
        (Some(Action::Remove), Some(Entity::List)) => "removal of the list",
        _ => "edit of",
    };
    format!("{what} {}", e.entity_key)
}

/// Removes every dependency to or from release `key`, each recorded in the audit log (deleting the
/// release would drop them silently), so that bringing the release back can bring them back too.
pub fn remove_dependencies_of(w: &mut Writer<'_>, key: &str, action: Action) -> Result<()> {
    let deps = schedule::dependencies(w.tx())?;
    for d in deps.into_iter().filter(|d| d.from.release == key || d.to.release == key) {
        schedule::delete_dependency(w.tx(), &d.from, &d.to)?;
        w.record(action, Entity::Dependency, &format!("{} → {}", d.from, d.to), Some(&d), None)?;
    }
    Ok(())
}

/// The dependencies of release `key` that went (or came) with the release in the write of `step`:
/// the dependency entries of the same write (by its id; for edits older than schema 4, the
/// entries written just before it at the same time).
fn dependencies_with(conn: &Connection, step: &Step, key: &str) -> Result<Vec<Dependency>> {
    let mut out: Vec<Dependency> = vec![];
    let seq = step.entry.seq;
    let mut at = seq - 1;
    loop {
        let Some(e) = audit::entry(conn, at)? else { break };
        let same_write = match step.write_id {
            Some(first) => at >= first,
            None => e.at == step.entry.at,
        };
        if !same_write || Entity::parse(&e.entity) != Some(Entity::Dependency) {
            break;
        }
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

/// A release's fields and links. Its stage is not an edit: it stays where it is now.
impl Undoable for Release {
    const ENTITY: Entity = Entity::Release;

    fn restore(w: &mut Writer<'_>, from: Option<Release>, to: Option<Release>, step: &Step) -> Result<String> {
        let (action, verb) = (step.action, step.action.as_str());
        let conn = w.tx();
        match (from, to) {
            (Some(from), Some(mut to)) => {
                let id = releases::id(conn, &from.key)?.ok_or_else(|| {
                    Error::Conflict(format!("{} no longer exists, so there is nothing to {verb}", from.key))
                })?;
                let current = releases::load(conn, id)?;
                // Moves and decisions are not edits: the release keeps the stage it is in now, and
                // "backout tested" (which follows the recorded backout test).
                let mut comparable = from.clone();
                comparable.status = current.status;
                comparable.backout_tested = current.backout_tested;
                if current != comparable {
                    return Err(Error::Conflict(format!(
                        "{} has been edited since; {verb} would overwrite that edit",
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
                let after = releases::load(w.tx(), id)?;
                w.record(action, Entity::Release, &after.key, Some(&current), Some(&after))?;
                Ok(after.key)
            }
            (Some(from), None) => {
                let id = releases::id(conn, &from.key)?.ok_or_else(|| {
                    Error::Conflict(format!("{} no longer exists, so there is nothing to {verb}", from.key))
                })?;
                if events::has_events(conn, id)? {
                    return Err(Error::Conflict(format!(
                        "{} has moved on and has decisions on record; it cannot be removed (cancel it instead)",
                        from.key
                    )));
                }
                let current = releases::load(conn, id)?;
                remove_dependencies_of(w, &from.key, action)?;
                releases::delete(w.tx(), id)?;
                w.record(action, Entity::Release, &from.key, Some(&current), None)?;
                Ok(from.key)
            }
            (None, Some(to)) => {
                if releases::id(conn, &to.key)?.is_some() {
                    return Err(Error::Conflict(format!("{} exists again, so it cannot be restored", to.key)));
                }
                let id = releases::insert(conn, &to, w.now())?;
                let after = releases::load(w.tx(), id)?;
                w.record(action, Entity::Release, &after.key, None, Some(&after))?;
                // Its dependencies come back with it where the other end still exists and no cycle
                // would close; the others stay gone.
                for d in dependencies_with(w.tx(), step, &after.key)? {
                    let other = if d.from.release == after.key { &d.to.release } else { &d.from.release };
                    if releases::id(w.tx(), other)?.is_none() {
                        continue;
                    }
                    let all: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
                    let existing = schedule::dependencies(w.tx())?;
                    let there = existing.iter().any(|e| e.from == d.from && e.to == d.to);
                    if !there && runway_domain::schedule::check_new(&all, &existing, &d).is_ok() {
                        schedule::insert_dependency(w.tx(), &d)?;
                        w.record(action, Entity::Dependency, &format!("{} → {}", d.from, d.to), None, Some(&d))?;
                    }
                }
                Ok(after.key)
            }
            (None, None) => Err(Error::Internal("an edit with neither a before nor an after".into())),
        }
    }
}

/// A dependency added or removed.
impl Undoable for Dependency {
    const ENTITY: Entity = Entity::Dependency;

    fn restore(w: &mut Writer<'_>, from: Option<Dependency>, to: Option<Dependency>, step: &Step) -> Result<String> {
        restore_dependency(w, from, to, step.action)
    }
}

/// Undo or redo of a dependency added or removed: from `from` (what exists now) to `to`.
fn restore_dependency(
    w: &mut Writer<'_>,
    from: Option<Dependency>,
    to: Option<Dependency>,
    action: Action,
) -> Result<String> {
    let key = |d: &Dependency| format!("{} → {}", d.from, d.to);
    match (from, to) {
        (Some(d), None) => {
            schedule::delete_dependency(w.tx(), &d.from, &d.to)?
                .ok_or_else(|| Error::Conflict(format!("{} is no longer there", key(&d))))?;
            w.record(action, Entity::Dependency, &key(&d), Some(&d), None)?;
            Ok(d.to.release)
        }
        (None, Some(d)) => {
            let releases: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
            let existing = schedule::dependencies(w.tx())?;
            runway_domain::schedule::check_new(&releases, &existing, &d)
                .map_err(|why| Error::Conflict(format!("{} cannot come back: {why}", key(&d))))?;
            schedule::insert_dependency(w.tx(), &d)?;
            w.record(action, Entity::Dependency, &key(&d), None, Some(&d))?;
            Ok(d.to.release)
        }
        _ => Err(Error::Internal("a dependency edit with neither a before nor an after".into())),
    }
}

/// The menu's words for what undo and redo would do now: ("Undo edit of …", "Redo …").
pub fn labels(conn: &Connection) -> Result<(Option<String>, Option<String>)> {
    Ok((
        top(conn, false)?.map(|(_, _, e)| format!("Undo {}", describe(&e))),
        top(conn, true)?.map(|(_, _, e)| format!("Redo {}", describe(&e))),
    ))
}

/// Undoes (or redoes) the latest edit in the write `w`. The outer error aborts the write; the
/// inner one is a step that could no longer be carried out (the plan changed since): it leaves the
/// stack, and that removal is committed. Answers the message for the status line and the key of
/// the release it touched.
pub fn step(w: &mut Writer<'_>, redo: bool) -> Result<Result<(String, String)>> {
    let (verb, done) = if redo { ("redo", "Redid") } else { ("undo", "Undid") };
    let (id, write_id, entry) =
        top(w.tx(), redo)?.ok_or_else(|| Error::NotFound(format!("There is nothing to {verb}.")))?;
    let step = Step { action: if redo { Action::Redo } else { Action::Undo }, entry, write_id };
    let e = &step.entry;
    match restore_entry(w, &step, redo) {
        Ok(key) => {
            w.tx()
                .prepare_cached("UPDATE undo SET undone = ?2 WHERE id = ?1")?
                .execute(rusqlite::params![id, !redo])?;
            Ok(Ok((format!("{done} the {}.", describe(e)), key)))
        }
        // The release changed since (or is gone): this edit can no longer be undone. It leaves the
        // stack, so the next undo reaches the edit before it.
        Err(Error::Conflict(why)) => {
            w.tx().prepare_cached("DELETE FROM undo WHERE id = ?1")?.execute([id])?;
            Ok(Err(Error::Conflict(format!(
                "Cannot {verb} the {}: {why}. It was taken off the {verb} list.",
                describe(e)
            ))))
        }
        Err(other) => Err(other),
    }
}
