//! The change journal: its operations, the plan's replica id and clock, the uids of objects, and
//! the hook of the one write path ([`on_record`]) that turns each audited change of a release or a
//! dependency into operations, in the same transaction.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use runway_domain::Release;
use runway_domain::schedule::Dependency;

use super::clock::Hlc;
use super::fields::{self, EXISTS, Fields};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::tables::{reference, releases};
use crate::write::{Tx, Writer};

/// One operation: `field` of `object` set to `value` (None: removed; for `@`, deleted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub id: String,
    pub replica: String,
    pub counter: i64,
    pub hlc: String,
    pub author: String,
    pub object: String,
    pub entity: String,
    pub field: String,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default)]
    pub prev: Option<Value>,
    #[serde(default)]
    pub parents: Vec<String>,
}

impl Op {
    /// The order in which heads stand: the greater clock, then the greater replica id, then id.
    pub fn rank(&self) -> (&str, &str, &str) {
        (&self.hlc, &self.replica, &self.id)
    }
}

/// The replica of ops that describe a plan as it was before the journal.
pub const BASE: &str = "base";

const OP_COLUMNS: &str = "id, replica, counter, hlc, author, object, entity, field, value, prev, parents";

pub(crate) fn op_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Op> {
    let json = |i: usize| -> rusqlite::Result<Option<Value>> {
        let text: Option<String> = r.get(i)?;
        text.map(|t| serde_json::from_str(&t))
            .transpose()
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e)))
    };
    let parents: String = r.get(10)?;
    Ok(Op {
        id: r.get(0)?,
        replica: r.get(1)?,
        counter: r.get(2)?,
        hlc: r.get(3)?,
        author: r.get(4)?,
        object: r.get(5)?,
        entity: r.get(6)?,
        field: r.get(7)?,
        value: json(8)?,
        prev: json(9)?,
        parents: serde_json::from_str(&parents)
            .map_err(|e| rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e)))?,
    })
}

/// Adds an operation (the caller knows the plan lacks it) and marks its parents superseded. A
/// merged one (`audit_seq` None) may arrive after an operation that names it as a parent: it is
/// superseded from the start. A local one is new: nothing can name it yet.
pub(crate) fn insert(tx: &Tx<'_>, op: &Op, audit_seq: Option<i64>) -> Result<()> {
    let text = |v: &Option<Value>| v.as_ref().map(Value::to_string);
    let superseded = if audit_seq.is_some() {
        "0"
    } else {
        "EXISTS (SELECT 1 FROM op p, json_each(p.parents) j WHERE j.value = ?1 AND p.object = ?6)"
    };
    tx.prepare_cached(&format!(
        "INSERT INTO op ({OP_COLUMNS}, audit_seq, superseded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, {superseded})"
    ))?
    .execute(params![
        op.id,
        op.replica,
        op.counter,
        op.hlc,
        op.author,
        op.object,
        op.entity,
        op.field,
        text(&op.value),
        text(&op.prev),
        serde_json::to_string(&op.parents).unwrap_or_else(|_| "[]".into()),
        audit_seq
    ])?;
    let mut mark = tx.prepare_cached("UPDATE op SET superseded = 1 WHERE id = ?1 AND superseded = 0")?;
    for p in &op.parents {
        mark.execute([p])?;
    }
    Ok(())
}

pub fn has(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM op WHERE id = ?1")?.query_row([id], |_| Ok(())).optional()?.is_some())
}

/// The operations on `field` of `object` that no other names as a parent: one, or several when
/// people changed it apart.
pub fn heads(conn: &Connection, object: &str, field: &str) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OP_COLUMNS} FROM op WHERE object = ?1 AND field = ?2 AND superseded = 0 ORDER BY hlc, replica, id"
    ))?;
    Ok(stmt.query_map([object, field], op_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every head of every field of `object`.
pub fn object_heads(conn: &Connection, object: &str) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OP_COLUMNS} FROM op WHERE object = ?1 AND superseded = 0 ORDER BY field, hlc, replica, id"
    ))?;
    Ok(stmt.query_map([object], op_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The uid of an object by its entity and natural key.
pub fn uid(conn: &Connection, entity: Entity, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT uid FROM object WHERE entity = ?1 AND key = ?2")?
        .query_row([entity.as_str(), key], |r| r.get(0))
        .optional()?)
}

/// The natural key an object's uid stands for here.
pub fn key_of(conn: &Connection, uid: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT key FROM object WHERE uid = ?1")?.query_row([uid], |r| r.get(0)).optional()?)
}

/// Names `uid` by `key` (a new object, or one renamed): the key's previous holder, if another
/// object, gives it up.
pub(crate) fn register(tx: &Tx<'_>, uid: &str, entity: Entity, key: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM object WHERE entity = ?1 AND key = ?2 AND uid <> ?3")?.execute(params![
        entity.as_str(),
        key,
        uid
    ])?;
    tx.prepare_cached(
        "INSERT INTO object (uid, entity, key) VALUES (?1, ?2, ?3) ON CONFLICT (uid) DO UPDATE SET key = excluded.key",
    )?
    .execute(params![uid, entity.as_str(), key])?;
    Ok(())
}

/// The plan's place among its copies: its replica id, its portfolio's id, the last clock reading
/// and the last counter it gave.
#[derive(Debug, Clone)]
pub struct Replica {
    pub id: String,
    pub portfolio: String,
    pub hlc: Hlc,
    pub counter: i64,
}

/// The plan's replica (made on first use: a new replica id; the portfolio id from the first
/// entry of its audit chain, which every copy shares).
pub fn replica(tx: &Tx<'_>) -> Result<Replica> {
    let id = match reference::meta(tx, "replica_id")? {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            reference::set_meta(tx, "replica_id", &id)?;
            id
        }
    };
    Ok(Replica {
        portfolio: portfolio(tx)?,
        hlc: reference::meta(tx, "hlc")?.as_deref().and_then(Hlc::parse).unwrap_or_default(),
        counter: tx
            .prepare_cached("SELECT coalesce(max(counter), 0) FROM op WHERE replica = ?1")?
            .query_row([&id], |r| r.get(0))?,
        id,
    })
}

/// The portfolio's id: copies of one plan (and plans merged from them) share it.
pub fn portfolio(tx: &Tx<'_>) -> Result<String> {
    if let Some(p) = reference::meta(tx, "portfolio_id")? {
        return Ok(p);
    }
    let first: Option<String> =
        tx.query_row("SELECT hash FROM audit ORDER BY seq LIMIT 1", [], |r| r.get(0)).optional()?;
    let id = match first {
        Some(hash) => uuid::Uuid::new_v5(&super::UID_NAMESPACE, format!("portfolio/{hash}").as_bytes()),
        None => uuid::Uuid::now_v7(),
    }
    .to_string();
    reference::set_meta(tx, "portfolio_id", &id)?;
    Ok(id)
}

/// Gives the plan a new replica id (Save As, New, a copy found): what it writes from now on is
/// its own.
pub fn new_replica(tx: &Tx<'_>) -> Result<String> {
    portfolio(tx)?;
    let id = uuid::Uuid::now_v7().to_string();
    reference::set_meta(tx, "replica_id", &id)?;
    Ok(id)
}

/// A local operation before it has its id and clock.
pub(crate) struct NewOp<'a> {
    pub entity: Entity,
    pub object: &'a str,
    pub field: &'a str,
    pub value: Option<Value>,
    pub prev: Option<Value>,
    pub parents: Vec<String>,
}

/// Appends a local operation with the next counter and clock reading, as part of audit entry `seq`.
pub(crate) fn append(w: &mut Writer<'_>, new: NewOp<'_>, seq: i64) -> Result<()> {
    let NewOp { entity, object, field, value, prev, parents } = new;
    let now_ms = chrono::DateTime::parse_from_rfc3339(w.now()).map(|t| t.timestamp_millis()).unwrap_or(0);
    let author = w.actor().to_owned();
    let r = w.replica_state()?;
    r.counter += 1;
    r.hlc = r.hlc.tick(now_ms);
    let op = Op {
        id: format!("{}:{}", r.id, r.counter),
        replica: r.id.clone(),
        counter: r.counter,
        hlc: r.hlc.to_string(),
        author,
        object: object.to_owned(),
        entity: entity.as_str().to_owned(),
        field: field.to_owned(),
        value,
        prev,
        parents,
    };
    let hlc = op.hlc.clone();
    insert(w.tx(), &op, Some(seq))?;
    reference::set_meta(w.tx(), "hlc", &hlc)
}

/// The operation that describes an object as it stood before the journal began (or as a copy of
/// the plan holds it): replica `base`, clock zero, its id made from its content, so copies that
/// hold the same state hold the same operation.
pub(crate) fn seed(tx: &Tx<'_>, entity: Entity, uid: &str, key: &str, state: &Fields) -> Result<()> {
    register(tx, uid, entity, key)?;
    let value = fields::to_value(state);
    let mut h = Sha256::new();
    h.update(uid.as_bytes());
    h.update([0]);
    h.update(value.to_string().as_bytes());
    let id = format!("{BASE}:{}", &hex::encode(h.finalize())[..32]);
    if has(tx, &id)? {
        return Ok(());
    }
    let op = Op {
        id,
        replica: BASE.into(),
        counter: 0,
        hlc: Hlc::BASE.to_string(),
        author: String::new(),
        object: uid.to_owned(),
        entity: entity.as_str().to_owned(),
        field: EXISTS.into(),
        value: Some(value),
        prev: None,
        parents: vec![],
    };
    insert(tx, &op, None)
}

/// The uid a release that existed before the journal gets: made from its key, so copies agree.
pub fn seeded_uid(entity: Entity, key: &str) -> String {
    uuid::Uuid::new_v5(&super::UID_NAMESPACE, format!("{}/{key}", entity.as_str()).as_bytes()).to_string()
}

/// Every release and dependency the journal does not know yet, described by base operations (a
/// plan from before the journal, before its first change file).
pub fn seed_all(tx: &Tx<'_>) -> Result<usize> {
    // Once done, every release and dependency made or changed since was journaled as it was.
    if reference::meta(tx, "journal_seeded")?.is_some() {
        return Ok(0);
    }
    let mut n = 0;
    for (_, r) in releases::load_all(tx)? {
        if uid(tx, Entity::Release, &r.key)?.is_none() {
            let state = fields::release_fields(&r)?;
            seed(tx, Entity::Release, &seeded_uid(Entity::Release, &r.key), &r.key, &state)?;
            n += 1;
        }
    }
    for d in crate::tables::schedule::dependencies(tx)? {
        let (from, to) = (release_uid(tx, &d.from.release)?, release_uid(tx, &d.to.release)?);
        let state = fields::dependency_fields(&d, &from, &to);
        let key = fields::dependency_key(&state);
        if uid(tx, Entity::Dependency, &key)?.is_none() {
            seed(tx, Entity::Dependency, &seeded_uid(Entity::Dependency, &key), &key, &state)?;
            n += 1;
        }
    }
    reference::set_meta(tx, "journal_seeded", "1")?;
    Ok(n)
}

fn release_uid(tx: &Tx<'_>, key: &str) -> Result<String> {
    uid(tx, Entity::Release, key)?.ok_or_else(|| Error::Internal(format!("release {key} has no uid in the journal")))
}

/// The hook of the write path: a change of a release or a dependency, as recorded in the audit
/// entry `seq`, becomes one operation per changed field. Other entities join the journal the
/// same way (ARCHITECTURE.md says which do so far).
pub(crate) fn on_record(
    w: &mut Writer<'_>,
    action: Action,
    entity: Entity,
    before: Option<Value>,
    after: Option<Value>,
    seq: i64,
) -> Result<()> {
    match (entity, action) {
        (Entity::Release, Action::Move | Action::Decide | Action::Revoke) => Ok(()),
        (Entity::Release, _) => {
            let read = |v: Option<Value>| -> Result<Option<Release>> {
                v.map(serde_json::from_value).transpose().map_err(|e| Error::Internal(format!("journal: {e}")))
            };
            record_release(w, read(before)?, read(after)?, seq)
        }
        (Entity::Dependency, _) => {
            let read = |v: Option<Value>| -> Result<Option<Dependency>> {
                v.map(serde_json::from_value).transpose().map_err(|e| Error::Internal(format!("journal: {e}")))
            };
            record_dependency(w, read(before)?, read(after)?, seq)
        }
        _ => Ok(()),
    }
}

fn record_release(w: &mut Writer<'_>, before: Option<Release>, after: Option<Release>, seq: i64) -> Result<()> {
    let key = after.as_ref().or(before.as_ref()).map(|r| r.key.clone()).unwrap_or_default();
    let old = before.as_ref().map(fields::release_fields).transpose()?.unwrap_or_default();
    let uid = match (&before, uid(w.tx(), Entity::Release, before.as_ref().map_or(&key, |b| &b.key))?) {
        (_, Some(u)) => u,
        (Some(b), None) => {
            let u = seeded_uid(Entity::Release, &b.key);
            seed(w.tx(), Entity::Release, &u, &b.key, &old)?;
            u
        }
        (None, None) => uuid::Uuid::now_v7().to_string(),
    };
    if before.as_ref().is_none_or(|b| b.key != key) {
        register(w.tx(), &uid, Entity::Release, &key)?;
    }
    let new = after.as_ref().map(fields::release_fields).transpose()?.unwrap_or_default();
    write_diff(w, Entity::Release, &uid, &old, &new, seq)
}

fn record_dependency(
    w: &mut Writer<'_>,
    before: Option<Dependency>,
    after: Option<Dependency>,
    seq: i64,
) -> Result<()> {
    let Some(d) = after.as_ref().or(before.as_ref()) else { return Ok(()) };
    let now = w.now().to_owned();
    let ends = |d: &Dependency| -> Result<Fields> {
        let (from, to) =
            (release_uid_or_seed(w.tx(), &d.from.release, &now)?, release_uid_or_seed(w.tx(), &d.to.release, &now)?);
        Ok(fields::dependency_fields(d, &from, &to))
    };
    let probe = ends(d)?;
    let key = fields::dependency_key(&probe);
    let old = before.as_ref().map(ends).transpose()?.unwrap_or_default();
    let uid = match uid(w.tx(), Entity::Dependency, &key)? {
        Some(u) => u,
        None if !old.is_empty() => {
            let u = seeded_uid(Entity::Dependency, &key);
            seed(w.tx(), Entity::Dependency, &u, &key, &old)?;
            u
        }
        // Made from its ends, so two people adding the same dependency add one.
        None => seeded_uid(Entity::Dependency, &key),
    };
    register(w.tx(), &uid, Entity::Dependency, &key)?;
    let new = after.as_ref().map(ends).transpose()?.unwrap_or_default();
    write_diff(w, Entity::Dependency, &uid, &old, &new, seq)
}

/// The uid of a release a dependency names. One the journal does not know yet is either being
/// made in this very write (a new release's template dependencies are recorded before it): it
/// gets its new uid now; or it is from before the journal: it is seeded.
fn release_uid_or_seed(tx: &Tx<'_>, key: &str, now: &str) -> Result<String> {
    if let Some(u) = uid(tx, Entity::Release, key)? {
        return Ok(u);
    }
    let id = releases::require(tx, key)?;
    let created: String = tx.query_row("SELECT created_at FROM release WHERE id = ?1", [id], |r| r.get(0))?;
    if created == now {
        let u = uuid::Uuid::now_v7().to_string();
        register(tx, &u, Entity::Release, key)?;
        return Ok(u);
    }
    let state = fields::release_fields(&releases::load(tx, id)?)?;
    let u = seeded_uid(Entity::Release, key);
    seed(tx, Entity::Release, &u, key, &state)?;
    Ok(u)
}

/// An object made is one operation on `@` holding all its fields; an edit, one operation per
/// field that differs; a deletion, `@` set to nothing, naming every head of the object as its
/// parents (an edit the deleting side had not seen stays a head, which makes a review card) and
/// holding the fields as they were.
fn write_diff(w: &mut Writer<'_>, entity: Entity, uid: &str, old: &Fields, new: &Fields, seq: i64) -> Result<()> {
    if old.is_empty() && !new.is_empty() {
        let parents = heads(w.tx(), uid, EXISTS)?.into_iter().map(|o| o.id).collect();
        return append(
            w,
            NewOp { entity, object: uid, field: EXISTS, value: Some(fields::to_value(new)), prev: None, parents },
            seq,
        );
    }
    if new.is_empty() {
        if old.is_empty() {
            return Ok(());
        }
        let parents: Vec<String> = object_heads(w.tx(), uid)?.into_iter().map(|o| o.id).collect();
        return append(
            w,
            NewOp { entity, object: uid, field: EXISTS, value: None, prev: Some(fields::to_value(old)), parents },
            seq,
        );
    }
    for (field, value) in fields::diff(old, new) {
        let parents = heads(w.tx(), uid, &field)?.into_iter().map(|o| o.id).collect();
        append(w, NewOp { entity, object: uid, field: &field, value, prev: old.get(&field).cloned(), parents }, seq)?;
    }
    Ok(())
}

/// Journals a change of a release or a dependency whose audit entry is a larger one (an import's
/// batch), as [`on_record`] does for an entry of its own.
pub fn journal<T: Serialize>(
    w: &mut Writer<'_>,
    entity: Entity,
    before: Option<&T>,
    after: Option<&T>,
    seq: i64,
) -> Result<()> {
    let value = |v: Option<&T>| {
        v.map(serde_json::to_value).transpose().map_err(|e| Error::Internal(format!("cannot journal {entity}: {e}")))
    };
    on_record(w, Action::Import, entity, value(before)?, value(after)?, seq)
}

/// How many operations the journal holds.
pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row("SELECT count(*) FROM op", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Run at the start of every write: a plan file that is not the file its replica id was given to
/// (copied in the file manager, restored from a backup) takes a replica id of its own, so the two
/// copies' changes never pass for one another's; the audit log and `copied_from` say so. A plan
/// that has none yet gets one. In the write's transaction: a refused change leaves no trace.
pub fn claim(w: &mut Writer<'_>, path: &std::path::Path) -> Result<()> {
    let here = file_identity(path);
    let known = reference::meta(w.tx(), "replica_file")?;
    if known.as_deref() == Some(here.as_str()) {
        return Ok(());
    }
    match (known, reference::meta(w.tx(), "replica_id")?) {
        (Some(_), Some(old)) => {
            let new = new_replica(w.tx())?;
            reference::set_meta(w.tx(), "copied_from", &old)?;
            reference::set_meta(w.tx(), "replica_file", &here)?;
            w.record::<str>(Action::Update, Entity::Plan, "replica", Some(&old), Some(&new))
        }
        _ => {
            w.replica_state()?;
            reference::set_meta(w.tx(), "replica_file", &here)
        }
    }
}

/// Which file on disk this is: device and inode (a copy is another inode; a rename is not).
pub fn file_identity(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return format!("{}:{}", m.dev(), m.ino());
        }
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned()).display().to_string()
}

/// A new replica id for a copy being made (Save As), written into it before it takes its place
/// (`store::copy_and_open_prepared`); `file` is the copy's file, whose identity it keeps once
/// renamed.
pub fn fresh_for_copy(
    conn: &mut Connection,
    file: &std::path::Path,
    actor: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let here = file_identity(file);
    crate::write::write(conn, actor, now, |w| {
        let old = reference::meta(w.tx(), "replica_id")?;
        let new = new_replica(w.tx())?;
        reference::set_meta(w.tx(), "replica_file", &here)?;
        reference::delete_meta(w.tx(), "copied_from")?;
        w.record::<str>(Action::Update, Entity::Plan, "replica", old.as_deref(), Some(&new))
    })
}
