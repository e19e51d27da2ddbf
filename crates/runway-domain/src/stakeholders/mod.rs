//! Stakeholders (D8): distribution lists — a name, a purpose, members (people and other lists) and
//! what each list follows (releases, applications) — and the people's CSV (name and e-mail) a
//! list's owner imports from a spreadsheet or a mail client's export.
//!
//! A list may contain other lists but never itself, directly or through others: `check` names the
//! cycle, `expand` never loops. `csv.rs` reads and writes the people's CSV.

mod csv;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::input::FieldError;
use crate::model::Release;

pub use csv::{decode, is_address, read_people, write_people};

/// A member of a distribution list.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Member {
    /// A person of the plan, by e-mail address.
    Person(String),
    /// Another list, by name.
    List(String),
}

/// What a list follows: it hears of the release, or of every release of the application.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Follow {
    Release(String),
    Application(String),
}

/// A distribution list (seed 003's "Distribution List Management").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DistributionList {
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    pub members: Vec<Member>,
    #[serde(default)]
    pub follows: Vec<Follow>,
}

/// The longest list name, and purpose.
pub const LIST_NAME_MAX_LEN: usize = 80;
pub const LIST_PURPOSE_MAX_LEN: usize = 500;

/// What a list may refer to besides the lists themselves.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// E-mail addresses, lower case.
    pub people: HashSet<String>,
    pub releases: HashSet<String>,
    pub applications: HashSet<String>,
}

/// The cycle `list` is part of through its members among `lists`, as names from `list` back to
/// it (`["CAB", "Ops", "CAB"]`), if there is one.
pub fn cycle(lists: &[DistributionList], list: &str) -> Option<Vec<String>> {
    fn walk<'a>(
        lists: &'a [DistributionList],
        target: &str,
        at: &'a str,
        path: &mut Vec<&'a str>,
        seen: &mut HashSet<&'a str>,
    ) -> bool {
        let Some(l) = lists.iter().find(|l| l.name.eq_ignore_ascii_case(at)) else { return false };
        for m in &l.members {
            if let Member::List(next) = m {
                if next.eq_ignore_ascii_case(target) {
                    path.push(next);
                    return true;
                }
                if seen.insert(next.as_str()) {
                    path.push(next);
                    if walk(lists, target, next, path, seen) {
                        return true;
                    }
                    path.pop();
                }
            }
        }
        false
    }
    let mut path = vec![list];
    let mut seen = HashSet::new();
    walk(lists, list, list, &mut path, &mut seen).then(|| path.into_iter().map(str::to_owned).collect())
}

/// Problems with `list` among `lists` (which may hold its earlier state under the same name),
/// each named by field: `name`, `purpose`, `members[2]`, `follows[0]`.
pub fn check(list: &DistributionList, lists: &[DistributionList], names: &Names) -> Vec<FieldError> {
    let mut out = vec![];
    let name = list.name.trim();
    if name.is_empty() {
        out.push(FieldError::new("name", "A list needs a name."));
    } else if name.chars().count() > LIST_NAME_MAX_LEN {
        out.push(FieldError::new("name", format!("A list's name is at most {LIST_NAME_MAX_LEN} characters.")));
    } else if name.chars().any(char::is_control) {
        out.push(FieldError::new("name", "A list's name cannot hold control characters."));
    }
    if list.purpose.chars().count() > LIST_PURPOSE_MAX_LEN {
        out.push(FieldError::new("purpose", format!("The purpose is at most {LIST_PURPOSE_MAX_LEN} characters.")));
    }
    if list.members.is_empty() {
        out.push(FieldError::new("members", format!("{name:?} is empty: a list needs at least one member.")));
    }
    let mut seen = HashSet::new();
    for (i, m) in list.members.iter().enumerate() {
        let field = format!("members[{i}]");
        let key = match m {
            Member::Person(e) => format!("p:{}", e.to_lowercase()),
            Member::List(l) => format!("l:{}", l.to_lowercase()),
        };
        if !seen.insert(key) {
            out.push(FieldError::new(&field, "This member is listed twice."));
            continue;
        }
        match m {
            Member::Person(e) if !names.people.contains(&e.to_lowercase()) => {
                out.push(FieldError::new(&field, format!("{e} is not a person in this plan (add them first).")));
            }
            Member::List(l) if l.eq_ignore_ascii_case(name) => {
                out.push(FieldError::new(&field, format!("{name:?} cannot contain itself.")));
            }
            Member::List(l) if !lists.iter().any(|x| x.name.eq_ignore_ascii_case(l)) => {
                out.push(FieldError::new(&field, format!("{l:?} is not a list of this plan.")));
            }
            _ => {}
        }
    }
    // With this list in place of its earlier state, does it reach itself through others?
    let mut with: Vec<DistributionList> =
        lists.iter().filter(|l| !l.name.eq_ignore_ascii_case(name)).cloned().collect();
    with.push(list.clone());
    if let Some(c) = cycle(&with, name)
        && c.len() > 2
    {
        let shown: Vec<String> = c.iter().map(|n| format!("“{n}”")).collect();
        out.push(FieldError::new(
            "members",
            format!("{} is a cycle: a list cannot contain itself through another.", shown.join(" → ")),
        ));
    }
    let mut seen = HashSet::new();
    for (i, f) in list.follows.iter().enumerate() {
        let field = format!("follows[{i}]");
        if !seen.insert(f.clone()) {
            out.push(FieldError::new(&field, "This is followed twice."));
            continue;
        }
        match f {
            Follow::Release(k) if !names.releases.contains(k) => {
                out.push(FieldError::new(&field, format!("{k} is not a release of this plan.")));
            }
            Follow::Application(c) if !names.applications.contains(c) => {
                out.push(FieldError::new(&field, format!("{c} is not an application of this plan.")));
            }
            _ => {}
        }
    }
    out
}

/// The e-mail addresses a list reaches, through the lists it contains, each once (the first
/// spelling met), in the order met. A cycle (which `check` refuses) is not followed twice.
pub fn expand(lists: &[DistributionList], name: &str) -> Vec<String> {
    fn go(
        lists: &[DistributionList],
        name: &str,
        out: &mut Vec<String>,
        seen: &mut HashSet<String>,
        visited: &mut HashSet<String>,
    ) {
        if !visited.insert(name.to_lowercase()) {
            return;
        }
        let Some(l) = lists.iter().find(|l| l.name.eq_ignore_ascii_case(name)) else { return };
        for m in &l.members {
            match m {
                Member::Person(e) => {
                    if seen.insert(e.to_lowercase()) {
                        out.push(e.clone());
                    }
                }
                Member::List(n) => go(lists, n, out, seen, visited),
            }
        }
    }
    let mut out = vec![];
    go(lists, name, &mut out, &mut HashSet::new(), &mut HashSet::new());
    out
}

/// The lists that follow `release`: by its key or one of its applications.
pub fn following<'a>(lists: &'a [DistributionList], release: &Release) -> Vec<&'a DistributionList> {
    lists
        .iter()
        .filter(|l| {
            l.follows.iter().any(|f| match f {
                Follow::Release(k) => *k == release.key,
                Follow::Application(c) => release.applications.contains(c),
            })
        })
        .collect()
}

/// Distribution lists: each checked against the document's lists and the people, releases and
/// applications of the document and the plan; names unique.
pub(crate) fn check_document(
    doc: &crate::portfolio::Portfolio,
    known: &crate::portfolio::Known,
    push: &mut impl FnMut(String, String),
) {
    let names = Names {
        people: doc
            .people
            .iter()
            .map(|p| p.email.to_lowercase())
            .chain(known.people.iter().map(|p| p.to_lowercase()))
            .collect(),
        releases: doc.releases.iter().map(|r| r.key.clone()).chain(known.releases.iter().cloned()).collect(),
        applications: doc
            .applications
            .iter()
            .map(|a| a.code.clone())
            .chain(known.applications.iter().cloned())
            .collect(),
    };
    let mut seen = HashSet::new();
    for (i, l) in doc.lists.iter().enumerate() {
        if !seen.insert(l.name.trim().to_lowercase()) {
            push(format!("lists[{i}].name"), format!("{:?} appears twice in the document", l.name));
        }
        for e in check(l, &doc.lists, &names) {
            push(format!("lists[{i}].{}", e.field), e.message);
        }
    }
}
