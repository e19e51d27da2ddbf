//! Review cards: what a person must decide after a merge. Cards are read from the journal, not
//! stored, so every copy that has seen the same operations shows the same cards; a decision is a
//! new operation naming every head as its parent, which travels like any other change.
//!
//! - `field`: two edits of the same field that did not see each other (both values, authors,
//!   times); the greater clock stands until decided;
//! - `deleted`: an edit of something the other side deleted; it stays deleted until decided;
//! - `key`: two releases claiming the same key; the one with the smaller uid keeps it;
//! - `cycle`: a dependency left out because with it the dependencies close a cycle.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::fields::{self, EXISTS};
use super::log::{self, Op};
use super::merge::{state, winner};
use crate::error::Result;
use crate::journal::Entity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    Field,
    Deleted,
    Key,
    Cycle,
}

/// One side of a card: an operation, its value and who made it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Side {
    pub op: String,
    /// The value as JSON text ("null": removed or deleted).
    pub value: String,
    pub author: String,
    /// When, as the author's clock had it (RFC 3339, UTC).
    pub at: String,
    pub replica: String,
    /// Whether this side stands until someone decides.
    pub standing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Card {
    /// Stable: the same card has the same id in every copy.
    pub id: String,
    pub kind: CardKind,
    pub entity: String,
    pub object: String,
    /// What it is about, as this plan names it (a release's key, a dependency's ends).
    pub subject: String,
    /// The field (`title`, `milestones/build`), empty for existence and keys.
    pub field: String,
    pub sides: Vec<Side>,
}

fn card_id(kind: CardKind, object: &str, field: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("{kind:?}\0{object}\0{field}").as_bytes());
    hex::encode(h.finalize())[..12].to_owned()
}

fn side(op: &Op, standing: bool) -> Side {
    let at = crate::replica::clock::Hlc::parse(&op.hlc)
        .and_then(|h| chrono::DateTime::from_timestamp_millis(h.ms))
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    Side {
        op: op.id.clone(),
        value: op.value.as_ref().map_or_else(|| "null".into(), Value::to_string),
        author: op.author.clone(),
        at,
        replica: op.replica.clone(),
        standing,
    }
}

fn subject(conn: &rusqlite::Connection, entity: &str, uid: &str) -> Result<String> {
    Ok(log::key_of(conn, uid)?.unwrap_or_else(|| format!("{entity} {}", &uid[..uid.len().min(8)])))
}

/// Every open card of the plan, in a fixed order.
pub fn open(conn: &rusqlite::Connection) -> Result<Vec<Card>> {
    let mut out = vec![];
    let mut stmt = conn.prepare(
        "SELECT entity, object, field FROM op WHERE superseded = 0 GROUP BY object, field HAVING count(*) > 1 ORDER BY object, field",
    )?;
    let multi: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut deleted_seen = BTreeMap::new();
    for (entity, object, field) in multi {
        let heads = log::heads(conn, &object, &field)?;
        let (exists, _) = state(conn, &object)?;
        if !exists && field != EXISTS {
            continue;
        }
        let values: std::collections::BTreeSet<String> =
            heads.iter().map(|o| o.value.as_ref().map_or_else(|| "null".into(), Value::to_string)).collect();
        if values.len() < 2 {
            continue;
        }
        if fields::is_link(&field)
            && heads
                .iter()
                .filter_map(|o| o.value.as_ref().map(Value::to_string))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                < 2
        {
            continue;
        }
        let stands = winner(&field, &heads).map(|o| o.id.clone()).unwrap_or_default();
        let kind = if field == EXISTS { CardKind::Deleted } else { CardKind::Field };
        if kind == CardKind::Deleted {
            deleted_seen.insert(object.clone(), ());
        }
        out.push(Card {
            id: card_id(kind, &object, &field),
            kind,
            subject: subject(conn, &entity, &object)?,
            entity,
            object,
            field: if kind == CardKind::Deleted { String::new() } else { field },
            sides: heads.iter().map(|o| side(o, o.id == stands)).collect(),
        });
    }
    // Deleted on one side, edited on the other: the deletion stands, the edits are heads.
    let mut stmt = conn.prepare(
        "SELECT DISTINCT d.entity, d.object FROM op d WHERE d.field = '@' AND d.superseded = 0 AND d.value IS NULL
           AND EXISTS (SELECT 1 FROM op e WHERE e.object = d.object AND e.field <> '@' AND e.superseded = 0)
         ORDER BY d.object",
    )?;
    let gone: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (entity, object) in gone {
        if deleted_seen.contains_key(&object) || state(conn, &object)?.0 {
            continue;
        }
        let mut sides: Vec<Side> = log::heads(conn, &object, EXISTS)?.iter().map(|o| side(o, true)).collect();
        for op in log::object_heads(conn, &object)?.iter().filter(|o| o.field != EXISTS) {
            sides.push(side(op, false));
        }
        out.push(Card {
            id: card_id(CardKind::Deleted, &object, ""),
            kind: CardKind::Deleted,
            subject: subject(conn, &entity, &object)?,
            entity,
            object,
            field: String::new(),
            sides,
        });
    }
    // Two live releases claiming one key.
    let mut stmt = conn.prepare(
        "SELECT k FROM (
           SELECT object, CASE field WHEN 'key' THEN json_extract(value, '$') ELSE json_extract(value, '$.key') END AS k
           FROM op WHERE entity = 'release' AND superseded = 0 AND value IS NOT NULL AND field IN ('key', '@'))
         WHERE k IS NOT NULL GROUP BY k HAVING count(DISTINCT object) > 1 ORDER BY k",
    )?;
    let keys: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for key in keys {
        let mut claim = vec![];
        for uid in super::merge::claimants(conn, &key)? {
            // The operation that gave it the key: a rename, else its making.
            let mut heads = log::heads(conn, &uid, "key")?;
            if heads.is_empty() {
                heads = log::heads(conn, &uid, EXISTS)?;
            }
            if let Some(op) = winner("key", &heads) {
                let mut op = op.clone();
                op.value = Some(Value::String(key.clone()));
                claim.push((uid, op));
            }
        }
        if claim.len() < 2 {
            continue;
        }
        claim.sort_by(|a, b| a.0.cmp(&b.0));
        let object = claim[0].0.clone();
        out.push(Card {
            id: card_id(CardKind::Key, &key, ""),
            kind: CardKind::Key,
            entity: Entity::Release.as_str().into(),
            subject: key.clone(),
            object,
            field: "key".into(),
            sides: claim.iter().enumerate().map(|(i, (_, op))| side(op, i == 0)).collect(),
        });
    }
    // Dependencies the journal holds that the plan left out (they closed a cycle): read in three
    // queries whatever the plan's size.
    let held: std::collections::HashSet<(String, String, String, String)> =
        crate::tables::schedule::dependencies(conn)?
            .into_iter()
            .map(|d| {
                let m = |k: &Option<runway_domain::MilestoneKind>| {
                    k.as_ref().map(|k| k.as_str().to_owned()).unwrap_or_default()
                };
                (d.from.release.clone(), m(&d.from.milestone), d.to.release.clone(), m(&d.to.milestone))
            })
            .collect();
    let mut stmt =
        conn.prepare("SELECT o.uid, o.key FROM object o JOIN release r ON r.key = o.key WHERE o.entity = 'release'")?;
    let keys: BTreeMap<String, String> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, replica, counter, hlc, author, object, entity, field, value, prev, parents
         FROM op WHERE entity = 'dependency' AND field = '@' AND superseded = 0 ORDER BY object",
    )?;
    let mut by_object: BTreeMap<String, Vec<Op>> = BTreeMap::new();
    for op in stmt.query_map([], log::op_row)? {
        let op = op?;
        by_object.entry(op.object.clone()).or_default().push(op);
    }
    for (uid, heads) in by_object {
        let Some(made) = winner(EXISTS, &heads).and_then(|o| o.value.clone()) else { continue };
        let end = |e: &str| -> Option<(String, String)> {
            let e = made.get(e)?;
            let key = keys.get(e.get("release")?.as_str()?)?.clone();
            Some((key, e.get("milestone").and_then(Value::as_str).unwrap_or_default().to_owned()))
        };
        let (Some((from, fm)), Some((to, tm))) = (end("from"), end("to")) else { continue };
        if held.contains(&(from.clone(), fm, to.clone(), tm)) {
            continue;
        }
        out.push(Card {
            id: card_id(CardKind::Cycle, &uid, ""),
            kind: CardKind::Cycle,
            entity: Entity::Dependency.as_str().into(),
            subject: format!("{from} → {to}"),
            object: uid,
            field: String::new(),
            sides: heads.iter().map(|o| side(o, false)).collect(),
        });
    }
    Ok(out)
}
