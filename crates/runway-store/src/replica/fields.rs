//! How an object is taken apart into the fields the journal speaks of, and put together again.
//!
//! A release's scalar fields are one field each (`title`, `window`, `owner`, ...); its links are
//! one field per element, so two people linking different RFCs both keep theirs
//! (`applications/PAY`, `environments/Production`, `rfcs/RFC-1`: `true`; `cis/ledger-db`: the
//! version), and each phase or milestone is one field (`milestones/build`: its dates). A
//! dependency's fields are its ends (`from`, `to`: by the releases' uids, never changed) and
//! `kind` and `lag_days`.
//!
//! An object comes into being by one operation on `@` holding all its fields (an object, so an
//! import of thousands of releases is one operation each); later edits are an operation per
//! field; a deletion sets `@` to nothing.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use runway_domain::Release;
use runway_domain::schedule::Dependency;

use crate::error::{Error, Result};

/// An object's fields by name, each a JSON value.
pub type Fields = BTreeMap<String, Value>;

/// The existence field: all the object's fields when it is made, nothing when it is deleted.
pub const EXISTS: &str = "@";

/// A release's lists that are sets of links (an element each); `milestones` is keyed by kind.
const LINK_SETS: [&str; 3] = ["applications", "environments", "rfcs"];

/// Whether a field is one element of a set of links, where concurrent edits merge on their own
/// (an element added on one side stays).
pub fn is_link(field: &str) -> bool {
    field.split_once('/').is_some_and(|(set, _)| LINK_SETS.contains(&set) || set == "cis")
}

pub fn release_fields(r: &Release) -> Result<Fields> {
    let Value::Object(map) = serde_json::to_value(r).map_err(internal)? else {
        return Err(Error::Internal("a release is not a JSON object".into()));
    };
    let mut out = Fields::new();
    for (name, value) in map {
        match (name.as_str(), value) {
            (set, Value::Array(items)) if LINK_SETS.contains(&set) => {
                for item in items {
                    if let Value::String(s) = item {
                        out.insert(format!("{set}/{s}"), Value::Bool(true));
                    }
                }
            }
            ("cis", Value::Array(items)) => {
                for item in items {
                    let name = item.get("ci").and_then(Value::as_str).unwrap_or_default().to_owned();
                    out.insert(format!("cis/{name}"), item.get("version").cloned().unwrap_or(Value::Null));
                }
            }
            ("milestones", Value::Array(items)) => {
                for mut item in items {
                    let kind = item.get("kind").and_then(Value::as_str).unwrap_or_default().to_owned();
                    if let Value::Object(m) = &mut item {
                        m.remove("kind");
                    }
                    out.insert(format!("milestones/{kind}"), item);
                }
            }
            (name, value) => {
                out.insert(name.to_owned(), value);
            }
        }
    }
    Ok(out)
}

/// The release the fields describe; its lists in a fixed order (the plan keeps its own).
pub fn release_from(fields: &Fields) -> Result<Release> {
    let mut map = Map::new();
    let mut sets: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (name, value) in fields {
        if name == EXISTS {
            continue;
        }
        match name.split_once('/') {
            Some((set, element)) if LINK_SETS.contains(&set) => {
                sets.entry(set).or_default().push(Value::String(element.to_owned()));
            }
            Some(("cis", ci)) => sets.entry("cis").or_default().push(json!({"ci": ci, "version": value})),
            Some(("milestones", kind)) => {
                let mut m = value.clone();
                if let Value::Object(o) = &mut m {
                    o.insert("kind".into(), Value::String(kind.to_owned()));
                }
                sets.entry("milestones").or_default().push(m);
            }
            _ => {
                map.insert(name.clone(), value.clone());
            }
        }
    }
    for (set, items) in sets {
        map.insert(set.to_owned(), Value::Array(items));
    }
    serde_json::from_value(Value::Object(map))
        .map_err(|e| Error::Corrupt(format!("the journal holds a release that cannot be read: {e}")))
}

/// A dependency's fields; its ends by the uids of its releases.
pub fn dependency_fields(d: &Dependency, from_uid: &str, to_uid: &str) -> Fields {
    let end = |uid: &str, m: &Option<runway_domain::MilestoneKind>| json!({"release": uid, "milestone": m});
    Fields::from([
        ("from".to_owned(), end(from_uid, &d.from.milestone)),
        ("to".to_owned(), end(to_uid, &d.to.milestone)),
        ("kind".to_owned(), serde_json::to_value(d.kind).unwrap_or(Value::Null)),
        ("lag_days".to_owned(), json!(d.lag_days)),
    ])
}

/// The natural key of a dependency in the `object` table: its ends by release uid, so renaming a
/// release keeps it.
pub fn dependency_key(f: &Fields) -> String {
    let end = |e: Option<&Value>| {
        let e = e.cloned().unwrap_or(Value::Null);
        format!(
            "{}:{}",
            e.get("release").and_then(Value::as_str).unwrap_or_default(),
            e.get("milestone").and_then(Value::as_str).unwrap_or_default()
        )
    };
    format!("{} → {}", end(f.get("from")), end(f.get("to")))
}

/// The fields an existence value holds (an object made, or as it was when deleted).
pub fn from_value(v: &Value) -> Fields {
    match v {
        Value::Object(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        _ => Fields::new(),
    }
}

/// The existence value of an object with these fields.
pub fn to_value(f: &Fields) -> Value {
    Value::Object(f.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// The fields that differ between two states: the new value, or None where the field went away.
pub fn diff(before: &Fields, after: &Fields) -> Vec<(String, Option<Value>)> {
    let mut out = vec![];
    for (name, value) in after {
        if before.get(name) != Some(value) {
            out.push((name.clone(), Some(value.clone())));
        }
    }
    for name in before.keys() {
        if !after.contains_key(name) {
            out.push((name.clone(), None));
        }
    }
    out
}

fn internal(e: serde_json::Error) -> Error {
    Error::Internal(format!("cannot take a release apart for the journal: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_comes_apart_into_fields_and_back() {
        let r: Release = serde_json::from_value(json!({
            "key": "REL-1", "title": "Ledger", "kind": "minor", "unit": "full", "status": "draft",
            "applications": ["PAY", "CRD"], "environments": ["Test", "Production"], "risk": "medium",
            "rfcs": ["RFC-1"], "cis": [{"ci": "ledger-db", "version": "2.1"}],
            "milestones": [{"kind": "build", "planned_start": "2027-01-04", "planned_end": "2027-01-08"},
                           {"kind": "UAT sign-off", "planned_start": "2027-01-11", "planned_end": "2027-01-11"}]
        }))
        .unwrap();
        let f = release_fields(&r).unwrap();
        assert_eq!(f["applications/PAY"], json!(true));
        assert_eq!(f["cis/ledger-db"], json!("2.1"));
        assert_eq!(f["milestones/UAT sign-off"]["planned_start"], json!("2027-01-11"));
        assert!(is_link("rfcs/RFC-1") && !is_link("milestones/build") && !is_link("title"));
        let back = release_from(&f).unwrap();
        assert_eq!(release_fields(&back).unwrap(), f);
        assert_eq!((back.key.as_str(), back.milestones.len(), back.applications.len()), ("REL-1", 2, 2));
    }
}
