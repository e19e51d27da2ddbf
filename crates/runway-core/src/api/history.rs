//! A release's history as a user reads it: edits (with the fields they changed), moves,
//! decisions and evidence, in time order, all from the hash-chained audit log.

use std::collections::HashSet;

use serde_json::Value;

use runway_domain::{Event, evidence};

use crate::Planner;
use crate::dto::{FieldChange, HistoryItem};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::audit;
use crate::store::tables::{events, releases};

/// The words for a release field in the history.
fn field_label(field: &str) -> &str {
    match field {
        "key" => "Key",
        "title" => "Title",
        "kind" => "Kind",
        "unit" => "Release unit",
        "status" => "Stage",
        "applications" => "Applications",
        "owner" => "Release Owner",
        "manager" => "Release Manager",
        "environments" => "Environments",
        "window" => "Deployment window",
        "risk" => "Risk",
        "acceptance_criteria" => "Acceptance criteria",
        "backout_plan" => "Backout plan",
        "backout_tested" => "Backout tested",
        "notes" => "Notes",
        "rfcs" => "RFCs",
        "cis" => "Bill of materials",
        "milestones" => "Milestones",
        other => other,
    }
}

/// A JSON value as text: strings bare, lists joined, empty as "—".
fn show(v: Option<&Value>) -> String {
    let text = match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::Array(items)) => items.iter().map(|i| show(Some(i))).collect::<Vec<_>>().join(", "),
        Some(Value::Object(o)) if o.contains_key("start") && o.contains_key("end") => {
            format!("{} – {}", show(o.get("start")).replace('T', " "), show(o.get("end")).replace('T', " "))
        }
        Some(Value::Object(o)) if o.contains_key("ci") => {
            format!("{} {}", show(o.get("ci")), show(o.get("version")))
        }
        Some(Value::Object(o)) if o.contains_key("kind") => {
            format!("{} {}–{}", show(o.get("kind")), show(o.get("planned_start")), show(o.get("planned_end")))
        }
        Some(other) => other.to_string(),
    };
    if text.is_empty() { "—".into() } else { text }
}

fn diff(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<Value>(s).ok());
    let (Some(Value::Object(b)), Some(Value::Object(a))) = (parse(before), parse(after)) else {
        return vec![];
    };
    a.iter()
        .filter(|(k, v)| b.get(*k) != Some(*v) && k.as_str() != "status")
        .map(|(k, v)| FieldChange { field: field_label(k).to_owned(), before: show(b.get(k)), after: show(Some(v)) })
        .collect()
}

impl Planner {
    /// The history of a release, oldest first: every audit entry about it under any key it has
    /// had, with the decisions and evidence it holds.
    pub fn history(&self, key: &str) -> Result<Vec<HistoryItem>> {
        let id = releases::require(&self.conn, key)?;
        // Follow renames back: an edit that changed the key is recorded under the new key with the
        // old one in its `before`.
        let mut keys = vec![key.to_owned()];
        let mut seen: HashSet<String> = keys.iter().cloned().collect();
        let mut i = 0;
        while i < keys.len() {
            let old = audit::former_release_keys(&self.conn, &keys[i])?;
            for k in old {
                if seen.insert(k.clone()) {
                    keys.push(k);
                }
            }
            i += 1;
        }
        let mut entries = vec![];
        for k in &keys {
            entries.extend(audit::entries_for(&self.conn, Entity::Release, k)?);
        }
        entries.sort_by_key(|e| e.seq);
        entries.dedup_by_key(|e| e.seq);
        let revoked = evidence::revoked(&events::events_of(&self.conn, id)?);

        entries
            .into_iter()
            .map(|e| {
                let action = Action::parse(&e.action);
                let event: Option<Event> = match action {
                    Some(Action::Move | Action::Decide | Action::Revoke) => {
                        Some(serde_json::from_str(e.after.as_deref().unwrap_or("")).map_err(|err| {
                            Error::Corrupt(format!("audit entry #{} holds an event that cannot be read: {err}", e.seq))
                        })?)
                    }
                    _ => None,
                };
                let (kind, summary, changes) = match (action, &event) {
                    (Some(Action::Move), Some(ev)) => ("move", ev.what.summary(), vec![]),
                    (Some(Action::Decide), Some(ev)) => ("decision", ev.what.summary(), vec![]),
                    (Some(Action::Revoke), Some(ev)) => ("revocation", ev.what.summary(), vec![]),
                    (Some(Action::Create), _) => ("created", "Created".to_owned(), vec![]),
                    (Some(Action::Import), _) => ("created", "Imported".to_owned(), vec![]),
                    (Some(Action::Delete), _) => ("deleted", "Deleted".to_owned(), vec![]),
                    (Some(Action::Undo), _) => {
                        ("undo", "Undid an edit".to_owned(), diff(e.before.as_deref(), e.after.as_deref()))
                    }
                    (Some(Action::Redo), _) => {
                        ("redo", "Redid an edit".to_owned(), diff(e.before.as_deref(), e.after.as_deref()))
                    }
                    (action, _) => {
                        let summary = match action {
                            Some(Action::LinkRfc) => "Linked an RFC",
                            Some(Action::UnlinkRfc) => "Unlinked an RFC",
                            Some(Action::LinkCi) => "Changed the bill of materials",
                            Some(Action::UnlinkCi) => "Removed a CI from the bill of materials",
                            _ => "Edited",
                        };
                        ("edit", summary.to_owned(), diff(e.before.as_deref(), e.after.as_deref()))
                    }
                };
                // A decision happened when it was decided (an imported history keeps its dates);
                // the audit entry says when it was recorded.
                let at = event
                    .as_ref()
                    .map_or_else(|| e.at.clone(), |ev| ev.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
                Ok(HistoryItem {
                    seq: e.seq,
                    at,
                    recorded_at: e.at,
                    actor: e.actor,
                    kind: kind.to_owned(),
                    summary,
                    changes,
                    revoked: event.as_ref().is_some_and(|ev| revoked.contains(&ev.id)),
                    event,
                })
            })
            .collect()
    }
}
