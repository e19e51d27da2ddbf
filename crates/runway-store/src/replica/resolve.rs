//! Deciding a review card: one local operation per field decided, naming every head as its
//! parent (so the card closes in every copy that receives it), then the objects brought to their
//! new state. The decision is audited (`resolve`) and, where it changed the plan, undoable.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::cards::{self, Card, CardKind};
use super::fields::EXISTS;
use super::log::{self, NewOp};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::write::Writer;

/// What a person decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum Decision {
    /// This side stands (an operation id of the card's sides). For a deleted card: the deletion
    /// (it stays deleted) or an edit (it comes back, with that edit). For a cycle: the
    /// dependency stays out.
    Pick { op: String },
    /// A value of one's own for the field (JSON), e.g. a title edited from both.
    Value { value: String },
    /// Two releases claiming one key: `keeps` (an operation id) keeps it, the other takes `key`.
    Rename { keeps: String, key: String },
}

/// Decides the open card `id` (or the only one whose id starts with it). Answers the card.
pub fn decide(w: &mut Writer<'_>, id: &str, decision: &Decision) -> Result<Card> {
    let open = cards::open(w.tx())?;
    let matching: Vec<&Card> = open.iter().filter(|c| c.id.starts_with(id)).collect();
    let card = match matching.as_slice() {
        [one] => (*one).clone(),
        [] => return Err(Error::NotFound(format!("there is no open review card {id:?}"))),
        _ => return Err(Error::field("card", format!("{id:?} names more than one card; give more of its id"))),
    };
    let side = |op: &str| {
        card.sides
            .iter()
            .find(|s| s.op == op)
            .ok_or_else(|| Error::field("op", format!("{op:?} is not one of card {}'s sides", card.id)))
    };
    let entity = Entity::parse(&card.entity).unwrap_or(Entity::Release);
    let seq = w.write_id();
    let mut touched: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    touched.entry(card.entity.clone()).or_default().insert(card.object.clone());
    match (card.kind, decision) {
        (CardKind::Field, Decision::Pick { op }) => {
            let value = parse(&side(op)?.value)?;
            set(w, entity, &card.object, &card.field, value, seq)?;
        }
        (CardKind::Field, Decision::Value { value }) => {
            let value = parse(value)?;
            if entity == Entity::Release {
                check_release_value(w, &card.object, &card.field, value.clone())?;
            }
            set(w, entity, &card.object, &card.field, value, seq)?;
        }
        (CardKind::Deleted | CardKind::Cycle, Decision::Pick { op }) => {
            let chosen = side(op)?;
            if card.kind == CardKind::Cycle || chosen.value == "null" {
                let parents = log::object_heads(w.tx(), &card.object)?.into_iter().map(|o| o.id).collect();
                log::append(
                    w,
                    NewOp { entity, object: &card.object, field: EXISTS, value: None, prev: None, parents },
                    seq,
                )?;
            } else {
                restore(w, entity, &card.object, seq)?;
            }
        }
        (CardKind::Key, Decision::Rename { keeps, key }) => {
            side(keeps)?;
            if let Some(msg) = runway_domain::input::check_key(key, "REL-2027.03.01") {
                return Err(Error::field("key", msg));
            }
            for s in card.sides.iter().filter(|s| &s.op != keeps) {
                let object: String = w.tx().query_row("SELECT object FROM op WHERE id = ?1", [&s.op], |r| r.get(0))?;
                set(w, Entity::Release, &object, "key", Some(Value::String(key.clone())), seq)?;
                touched.entry(card.entity.clone()).or_default().insert(object);
            }
        }
        (kind, d) => {
            return Err(Error::field("decision", format!("a {kind:?} card cannot be decided by {d:?}").to_lowercase()));
        }
    }
    let mut changed = vec![];
    w.set_merging(true);
    let done = super::merge::materialize(w, &touched, &mut changed, Action::Resolve);
    let recorded =
        done.and_then(|()| w.record(Action::Resolve, Entity::Plan, &format!("card {}", card.id), None, Some(&card)));
    w.set_merging(false);
    recorded?;
    // Undo takes back what the decision changed in the plan (the edit it stands for).
    let first: Option<i64> = w.tx().query_row(
        "SELECT min(seq) FROM audit WHERE seq >= ?1 AND action = 'resolve' AND entity IN ('release', 'dependency')",
        [w.write_id()],
        |r| r.get(0),
    )?;
    if let Some(seq) = first {
        crate::undo::push(w, seq)?;
    }
    Ok(card)
}

/// A value of one's own for a release's field is checked as the form would: it must be a value
/// the field can hold, phases must not end before they start, the window must be a window.
fn check_release_value(w: &Writer<'_>, object: &str, field: &str, value: Option<Value>) -> Result<()> {
    let (_, mut f) = super::merge::state(w.tx(), object)?;
    match value {
        Some(v) => f.insert(field.to_owned(), v),
        None => f.remove(field),
    };
    let r = super::fields::release_from(&f)
        .map_err(|_| Error::field("value", format!("{field}: that is not a value this field can hold")))?;
    for m in &r.milestones {
        if m.planned_end < m.planned_start {
            return Err(Error::field(
                "value",
                format!(
                    "{}: the planned end {} is before the planned start {}",
                    m.kind, m.planned_end, m.planned_start
                ),
            ));
        }
    }
    if let Some(why) = r.window.as_ref().and_then(runway_domain::input::check_window) {
        return Err(Error::field("value", why));
    }
    Ok(())
}

fn parse(json: &str) -> Result<Option<Value>> {
    let v: Value = serde_json::from_str(json).map_err(|e| Error::field("value", format!("not a JSON value: {e}")))?;
    Ok(if v.is_null() { None } else { Some(v) })
}

fn set(w: &mut Writer<'_>, entity: Entity, object: &str, field: &str, value: Option<Value>, seq: i64) -> Result<()> {
    let heads = log::heads(w.tx(), object, field)?;
    let prev = super::merge::winner(field, &heads).and_then(|o| o.value.clone());
    let parents = heads.into_iter().map(|o| o.id).collect();
    log::append(w, NewOp { entity, object, field, value, prev, parents }, seq)
}

/// Brings a deleted object back as it was when it was deleted (the deletion holds its fields);
/// edits made since on the other side stay heads over it.
fn restore(w: &mut Writer<'_>, entity: Entity, object: &str, seq: i64) -> Result<()> {
    let deletions = log::heads(w.tx(), object, EXISTS)?;
    let parents = deletions.iter().map(|o| o.id.clone()).collect();
    let was = deletions.iter().find_map(|d| d.prev.clone()).ok_or_else(|| {
        Error::Conflict("the journal does not hold what was deleted, so it cannot be brought back".into())
    })?;
    log::append(w, NewOp { entity, object, field: EXISTS, value: Some(was), prev: None, parents }, seq)
}
