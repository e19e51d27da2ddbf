//! Merging operations into a plan, and bringing the plan's tables to the state its journal gives.
//!
//! The state of an object is a function of the operations the plan holds, whatever order they
//! came in: per field, among its heads, the one with the greatest (clock, replica, id) stands,
//! except that a link added on one side and removed on the other stays (sets merge on their own).
//! Two live releases claiming one key: the one with the smaller uid keeps it, the other is shown
//! as `KEY_xxxxxx` (the end of its uid) until someone renames it. Dependencies that would close a
//! cycle are left out, the latest first, until none does. Each of these is a review card
//! ([`super::cards`]) until a person decides.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use runway_domain::Release;
use runway_domain::schedule::{Dependency, Endpoint};

use super::clock::Hlc;
use super::fields::{self, EXISTS, Fields};
use super::log::{self, Op};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::tables::{reference, releases, schedule};
use crate::write::Writer;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Operations new to the plan.
    pub added: usize,
    /// Operations it had already (a change file merged twice: all of them).
    pub known: usize,
    /// Releases and dependencies whose state in the plan changed.
    pub changed: Vec<String>,
}

/// The state of an object: whether it exists, and its fields: those it was made with (or brought
/// back with), each field's standing head over them.
pub fn state(conn: &rusqlite::Connection, uid: &str) -> Result<(bool, Fields)> {
    let mut by_field: BTreeMap<String, Vec<Op>> = BTreeMap::new();
    for op in log::object_heads(conn, uid)? {
        by_field.entry(op.field.clone()).or_default().push(op);
    }
    let made = by_field.get(EXISTS).and_then(|heads| winner(EXISTS, heads)).and_then(|op| op.value.clone());
    let Some(made) = made else { return Ok((false, Fields::new())) };
    let mut out = fields::from_value(&made);
    for (field, heads) in by_field.iter().filter(|(f, _)| f.as_str() != EXISTS) {
        match winner(field, heads).and_then(|op| op.value.clone()) {
            Some(v) => out.insert(field.clone(), v),
            None => out.remove(field),
        };
    }
    Ok((true, out))
}

/// The head that stands: the greatest rank; for a link, the greatest that keeps it, if any does.
pub fn winner<'a>(field: &str, heads: &'a [Op]) -> Option<&'a Op> {
    let best = heads.iter().max_by(|a, b| a.rank().cmp(&b.rank()));
    if fields::is_link(field) {
        heads.iter().filter(|o| o.value.is_some()).max_by(|a, b| a.rank().cmp(&b.rank())).or(best)
    } else {
        best
    }
}

/// Adds `ops` to the journal (those it lacks) and brings every object they touch to its state.
pub fn apply(w: &mut Writer<'_>, ops: &[Op]) -> Result<Merged> {
    log::seed_all(w.tx())?;
    let mut out = Merged::default();
    let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut newest = Hlc::BASE;
    for op in ops {
        if log::has(w.tx(), &op.id)? {
            out.known += 1;
            continue;
        }
        if Entity::parse(&op.entity).is_none() || Hlc::parse(&op.hlc).is_none() {
            return Err(Error::Import(format!(
                "operation {} names an unknown entity or clock; nothing was merged",
                op.id
            )));
        }
        log::insert(w.tx(), op, None)?;
        newest = newest.max(Hlc::parse(&op.hlc).unwrap_or_default());
        touched.entry(op.entity.clone()).or_default().insert(op.object.clone());
        out.added += 1;
    }
    // The clock never goes back behind what it has seen.
    let r = w.replica_state()?;
    if newest > r.hlc {
        r.hlc = newest;
        reference::set_meta(w.tx(), "hlc", &newest.to_string())?;
    }
    if out.added == 0 {
        return Ok(out);
    }
    w.set_merging(true);
    let result = materialize(w, &touched, &mut out.changed, Action::Merge);
    w.set_merging(false);
    result?;
    Ok(out)
}

/// Brings the releases and dependencies named to the state the journal gives.
/// Each change is audited as `action` (a merge, or a decision on a card).
pub fn materialize(
    w: &mut Writer<'_>,
    touched: &BTreeMap<String, BTreeSet<String>>,
    changed: &mut Vec<String>,
    action: Action,
) -> Result<()> {
    let none = BTreeSet::new();
    let mut rels: BTreeSet<String> = touched.get(Entity::Release.as_str()).unwrap_or(&none).clone();
    // Releases claiming the key of one touched, and those touched, settle their keys together.
    let mut desired: BTreeMap<String, Option<Release>> = BTreeMap::new();
    let mut queue: Vec<String> = rels.iter().cloned().collect();
    while let Some(uid) = queue.pop() {
        let (exists, f) = state(w.tx(), &uid)?;
        let r = if exists { Some(fields::release_from(&f)?) } else { None };
        let mut keys = vec![];
        if let Some(r) = &r {
            keys.push(r.key.clone());
        }
        if let Some(k) = log::key_of(w.tx(), &uid)? {
            keys.push(k);
        }
        for k in keys {
            for other in claimants(w.tx(), &k)? {
                if rels.insert(other.clone()) {
                    queue.push(other);
                }
            }
        }
        desired.insert(uid, r);
    }
    // Provisional keys: the smallest uid keeps a key claimed twice.
    let mut by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (uid, r) in &desired {
        if let Some(r) = r {
            by_key.entry(r.key.clone()).or_default().push(uid.clone());
        }
    }
    for uids in by_key.values() {
        for uid in uids.iter().skip(1) {
            if let Some(Some(r)) = desired.get_mut(uid) {
                r.key = provisional_key(&r.key, uid);
            }
        }
    }
    // First out of the way: releases going, and those whose key changes (to a key of their own).
    let mut local: BTreeMap<String, (i64, Release)> = BTreeMap::new();
    for uid in desired.keys() {
        if let Some(key) = log::key_of(w.tx(), uid)?
            && let Some(id) = releases::id(w.tx(), &key)?
        {
            local.insert(uid.clone(), (id, releases::load(w.tx(), id)?));
        }
    }
    // The releases that come, go or change key: only their dependencies can change with them.
    let mut moved: BTreeSet<String> = desired.keys().filter(|u| !local.contains_key(*u)).cloned().collect();
    for (uid, (id, current)) in &local {
        if desired.get(uid).is_some_and(|d| d.as_ref().is_none_or(|r| r.key != current.key)) {
            moved.insert(uid.clone());
        }
        match desired.get(uid) {
            Some(None) => {
                releases::delete(w.tx(), *id)?;
                w.record(action, Entity::Release, &current.key, Some(current), None)?;
                changed.push(current.key.clone());
            }
            Some(Some(r)) if r.key != current.key => {
                w.tx()
                    .prepare_cached("UPDATE release SET key = ?2 WHERE id = ?1")?
                    .execute(rusqlite::params![id, format!("~{uid}")])?;
            }
            _ => {}
        }
    }
    for (uid, r) in &desired {
        let Some(r) = r else { continue };
        let mut r = r.clone();
        match local.get(uid) {
            Some((id, current)) => {
                // A release's stage moves by its lifecycle events, which do not travel yet.
                r.status = current.status;
                if fields::release_fields(&r)? != fields::release_fields(current)? {
                    releases::replace(w.tx(), *id, &r).map_err(|e| unusable(&r.key, e))?;
                    releases::touch(w.tx(), *id, w.now())?;
                    let after = releases::load(w.tx(), *id)?;
                    w.record(action, Entity::Release, &after.key, Some(current), Some(&after))?;
                    changed.push(after.key.clone());
                }
            }
            None => {
                releases::insert(w.tx(), &r, w.now()).map_err(|e| unusable(&r.key, e))?;
                w.record(action, Entity::Release, &r.key, None, Some(&r))?;
                changed.push(r.key.clone());
            }
        }
        if moved.contains(uid) {
            log::register(w.tx(), uid, Entity::Release, &r.key)?;
        }
    }
    // Dependencies: those touched, and those of releases that came, went or changed key.
    let mut deps: BTreeSet<String> = touched.get(Entity::Dependency.as_str()).unwrap_or(&none).clone();
    for uid in &moved {
        let mut stmt = w.tx().prepare_cached(
            "SELECT object FROM op WHERE entity = 'dependency' AND field = '@' AND json_extract(value, '$.from.release') = ?1
             UNION
             SELECT object FROM op WHERE entity = 'dependency' AND field = '@' AND json_extract(value, '$.to.release') = ?1",
        )?;
        let found: Vec<String> = stmt.query_map([uid], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        deps.extend(found);
    }
    for uid in &deps {
        materialize_dependency(w, uid, changed, action)?;
    }
    break_cycles(w, changed, action)?;
    let mut seen = BTreeSet::new();
    changed.retain(|c| seen.insert(c.clone()));
    Ok(())
}

/// The live releases whose key (as the journal has it) is `key`.
pub(crate) fn claimants(conn: &rusqlite::Connection, key: &str) -> Result<Vec<String>> {
    let json = Value::String(key.to_owned()).to_string();
    // Both through their indexes (op_renamed, op_made_key); each candidate's state decides.
    let mut stmt = conn.prepare_cached(
        "SELECT object FROM op WHERE entity = 'release' AND field = 'key' AND value = ?1
         UNION
         SELECT object FROM op WHERE entity = 'release' AND field = '@' AND json_extract(value, '$.key') = ?2
         ORDER BY object",
    )?;
    let uids: Vec<String> = stmt.query_map([json.as_str(), key], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for uid in uids {
        let (exists, f) = state(conn, &uid)?;
        if exists && f.get("key").and_then(Value::as_str) == Some(key) {
            out.push(uid);
        }
    }
    Ok(out)
}

/// The key a release shows while another keeps the key both claim.
pub fn provisional_key(key: &str, uid: &str) -> String {
    let tail: String =
        uid.chars().filter(char::is_ascii_hexdigit).collect::<Vec<_>>().iter().rev().take(6).rev().collect();
    let room = runway_domain::input::KEY_MAX_LEN - tail.len() - 1;
    format!("{}_{tail}", key.chars().take(room).collect::<String>())
}

fn unusable(key: &str, e: Error) -> Error {
    Error::Import(format!(
        "the change file's release {key} cannot be taken into this plan ({e}); add what it names, then merge again. Nothing was merged"
    ))
}

/// The dependency as the plan would hold it: its ends by their releases' keys here (None when
/// one of them is not in the plan).
fn dependency_from(w: &Writer<'_>, f: &Fields) -> Result<Option<Dependency>> {
    let end = |e: Option<&Value>| -> Result<Option<Endpoint>> {
        let Some(e) = e else { return Ok(None) };
        let uid = e.get("release").and_then(Value::as_str).unwrap_or_default();
        let Some(key) = log::key_of(w.tx(), uid)? else { return Ok(None) };
        if releases::id(w.tx(), &key)?.is_none() {
            return Ok(None);
        }
        let milestone =
            e.get("milestone").filter(|m| !m.is_null()).map(|m| serde_json::from_value(m.clone())).transpose();
        Ok(Some(Endpoint { release: key, milestone: milestone.map_err(|e| Error::Corrupt(format!("journal: {e}")))? }))
    };
    let (Some(from), Some(to)) = (end(f.get("from"))?, end(f.get("to"))?) else { return Ok(None) };
    let kind = f.get("kind").cloned().map(serde_json::from_value).transpose();
    let kind = kind.map_err(|e| Error::Corrupt(format!("journal: {e}")))?;
    let lag = f.get("lag_days").and_then(Value::as_i64).unwrap_or(0);
    let Some(kind) = kind else { return Ok(None) };
    Ok(Some(Dependency { from, to, kind, lag_days: i32::try_from(lag).unwrap_or(0) }))
}

fn materialize_dependency(w: &mut Writer<'_>, uid: &str, changed: &mut Vec<String>, action: Action) -> Result<()> {
    let (exists, f) = state(w.tx(), uid)?;
    if exists {
        log::register(w.tx(), uid, Entity::Dependency, &fields::dependency_key(&f))?;
    }
    let want = if exists { dependency_from(w, &f)? } else { None };
    // What the plan holds between the same ends (a dependency's uid never changes its ends).
    let probe = match &want {
        Some(d) => Some(d.clone()),
        None => last_ends(w, uid)?,
    };
    let Some(probe) = probe else { return Ok(()) };
    let have = schedule::dependency_between(w.tx(), &probe.from, &probe.to)?;
    if have == want {
        return Ok(());
    }
    let key = format!("{} → {}", probe.from, probe.to);
    if have.is_some() {
        schedule::delete_dependency(w.tx(), &probe.from, &probe.to)?;
    }
    if let Some(d) = &want {
        schedule::insert_dependency(w.tx(), d)?;
    }
    w.record(action, Entity::Dependency, &key, have.as_ref(), want.as_ref())?;
    changed.push(key);
    Ok(())
}

/// A deleted dependency's ends, from the last operation that named them.
fn last_ends(w: &Writer<'_>, uid: &str) -> Result<Option<Dependency>> {
    let mut stmt = w.tx().prepare_cached(
        "SELECT coalesce(value, prev) FROM op WHERE object = ?1 AND field = '@' AND coalesce(value, prev) IS NOT NULL ORDER BY seq DESC LIMIT 1",
    )?;
    let text: Option<String> = rusqlite::OptionalExtension::optional(stmt.query_row([uid], |r| r.get(0)))?;
    let Some(text) = text else { return Ok(None) };
    let was: Value = serde_json::from_str(&text).map_err(|e| Error::Corrupt(format!("journal: {e}")))?;
    let mut f = fields::from_value(&was);
    // Any kind will do: only the ends are compared.
    f.entry("kind".into()).or_insert(Value::String("fs".into()));
    dependency_from(w, &f)
}

/// Leaves out dependencies that close a cycle only the merge made: the latest added first, then
/// puts back, oldest first, each that closes none. The same journal always leaves out the same.
fn break_cycles(w: &mut Writer<'_>, changed: &mut Vec<String>, action: Action) -> Result<()> {
    let all = releases::all(w.tx())?;
    let mut deps = schedule::dependencies(w.tx())?;
    if !has_cycle(&all, &deps) {
        return Ok(());
    }
    let mut ranked: Vec<(String, Dependency)> = vec![];
    for d in &deps {
        ranked.push((creation_rank(w, d)?, d.clone()));
    }
    ranked.sort_by(|a, b| a.0.cmp(&b.0));
    let mut left_out = vec![];
    while has_cycle(&all, &deps) {
        let Some((_, d)) = ranked.pop() else { break };
        deps.retain(|x| x != &d);
        left_out.push(d);
    }
    left_out.reverse();
    let mut out = vec![];
    for d in left_out {
        deps.push(d.clone());
        if has_cycle(&all, &deps) {
            deps.pop();
            out.push(d);
        }
    }
    for d in out {
        schedule::delete_dependency(w.tx(), &d.from, &d.to)?;
        let key = format!("{} → {}", d.from, d.to);
        w.record(action, Entity::Dependency, &key, Some(&d), None)?;
        changed.push(key);
    }
    Ok(())
}

fn has_cycle(releases: &[Release], deps: &[Dependency]) -> bool {
    runway_domain::schedule::check_all(releases, deps).iter().any(|m| m.contains("cycle"))
}

/// The (clock, replica, id) of the operation that made a dependency exist, as text that sorts.
fn creation_rank(w: &Writer<'_>, d: &Dependency) -> Result<String> {
    let (Some(from), Some(to)) =
        (log::uid(w.tx(), Entity::Release, &d.from.release)?, log::uid(w.tx(), Entity::Release, &d.to.release)?)
    else {
        return Ok(String::new());
    };
    let key = fields::dependency_key(&fields::dependency_fields(d, &from, &to));
    let Some(uid) = log::uid(w.tx(), Entity::Dependency, &key)? else { return Ok(String::new()) };
    let heads = log::heads(w.tx(), &uid, EXISTS)?;
    Ok(winner(EXISTS, &heads).map(|o| format!("{} {} {}", o.hlc, o.replica, o.id)).unwrap_or_default())
}
