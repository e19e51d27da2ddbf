//! The responsibility matrix (D7): activities down the side, roles across the top, one SARCI code
//! per cell (seed 003: S signature, A accountable, R responsible, C consulted, I informed), the
//! people who hold each role (for the portfolio, and overridden per release), and what the matrix
//! decides downstream: who may sign an authorization, who records a CAB decision, who is told.
//!
//! Roles and activities are data: a user adds, renames, reorders and removes them. Each has a
//! stable key (`release_manager`, `deploy`) that never changes once made; its name is free.
//! `rules.rs` checks the rules (one A, at least one R, at most one S per activity); `people.rs`
//! resolves a role to names for a release and gives the signers and the audiences.

mod people;
mod rules;
mod template;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use people::{Audience, AudienceMember, Holder, Holders, Resolved, Signers};
pub use rules::{Rule, RuleBreak, check};
pub use template::{ACTIVITY_AUTHORIZE, ACTIVITY_CAB, ACTIVITY_DEPLOY, FIXED_ACTIVITIES, FIXED_ROLES, template};

labelled_enum!(
    /// A cell's code (seed 003's SARCI model).
    Code {
        Signature => "S", "Signature";
        Accountable => "A", "Accountable";
        Responsible => "R", "Responsible";
        Consulted => "C", "Consulted";
        Informed => "I", "Informed";
    }
);

impl Code {
    /// What the code means, in seed 003's words (the legend).
    pub fn meaning(self) -> &'static str {
        match self {
            Code::Signature => "Has signature authority: approves the finished product, without direct involvement.",
            Code::Accountable => "Full accountability for the success or failure of the activity.",
            Code::Responsible => "Executes the work, and is held responsible for its success or failure.",
            Code::Consulted => "Facilitates and contributes as needed.",
            Code::Informed => "Kept informed: a line of communication to the wider group.",
        }
    }

    /// How the code shows: in SARCI itself; in RACI (no S) a signature shows as `A*`, an A that
    /// signs (approves the finished product) beside the row's accountable A. Switching back
    /// shows the S again: the matrix holds one code, the views only show it.
    pub fn shown(self, raci: bool) -> &'static str {
        match (self, raci) {
            (Code::Signature, true) => "A*",
            (c, _) => c.as_str(),
        }
    }

    /// Reads a code typed by a user: one letter, any case (`s`, `A`); anything else is refused
    /// with a message naming it (two codes in one cell, an unknown letter).
    pub fn read(text: &str) -> Result<Option<Code>, String> {
        let t = text.trim();
        if t.is_empty() || t == "-" {
            return Ok(None);
        }
        let letters: Vec<char> = t.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '/').collect();
        if letters.len() > 1 {
            return Err(format!("{t:?} gives more than one code: a cell holds one of S, A, R, C, I (or none)."));
        }
        let up = t.to_uppercase();
        Code::parse(&up)
            .map(Some)
            .ok_or_else(|| format!("{t:?} is not a code: use S, A, R, C or I (or none to clear the cell)."))
    }
}

/// A role across the top of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// Stable key (`release_manager`); events and assignments refer to it.
    pub key: String,
    pub name: String,
}

/// An activity down the side of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Stable key (`deploy`); the gates find the activities they obey by it.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// One filled cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    pub activity: String,
    pub role: String,
    pub code: Code,
}

/// A person holding a role: for the whole portfolio, or for one release (an override).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub role: String,
    /// The person's e-mail address.
    pub person: String,
    /// The release this assignment is for; none for the portfolio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
}

/// The matrix: roles and activities in their order, and the filled cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    pub roles: Vec<RoleDef>,
    pub activities: Vec<Activity>,
    /// The filled cells (an empty cell has none), sorted by activity then role order.
    pub cells: Vec<Cell>,
}

impl Default for Matrix {
    fn default() -> Self {
        template()
    }
}

impl Matrix {
    pub fn role(&self, key: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.key == key)
    }

    pub fn activity(&self, key: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.key == key)
    }

    /// The role's name, or its key when the matrix no longer has it (an old event's role).
    pub fn role_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.role(key).map_or(key, |r| r.name.as_str())
    }

    /// The code in a cell.
    pub fn code(&self, activity: &str, role: &str) -> Option<Code> {
        self.cells.iter().find(|c| c.activity == activity && c.role == role).map(|c| c.code)
    }

    /// The roles with `code` on an activity, in the matrix's role order.
    pub fn roles_with(&self, activity: &str, code: Code) -> Vec<&RoleDef> {
        self.roles.iter().filter(|r| self.code(activity, &r.key) == Some(code)).collect()
    }

    /// Finds a role by key or name (ignoring case): what a user types.
    pub fn find_role(&self, text: &str) -> Result<&RoleDef, String> {
        let t = text.trim();
        self.roles.iter().find(|r| r.key == t || r.name.eq_ignore_ascii_case(t)).ok_or_else(|| {
            format!("{t:?} is not a role of the matrix (roles: {}).", names(self.roles.iter().map(|r| &r.name)))
        })
    }

    /// Finds an activity by key or name (ignoring case).
    pub fn find_activity(&self, text: &str) -> Result<&Activity, String> {
        let t = text.trim();
        self.activities.iter().find(|a| a.key == t || a.name.eq_ignore_ascii_case(t)).ok_or_else(|| {
            format!(
                "{t:?} is not an activity of the matrix (activities: {}).",
                self.activities.iter().map(|a| format!("{} ({})", a.name, a.key)).collect::<Vec<_>>().join(", ")
            )
        })
    }

    /// Sets (or clears, with `None`) one cell. The matrix may break a rule on the way: the
    /// rules are checked, not enforced, so a matrix can be edited in steps.
    pub fn set(&mut self, activity: &str, role: &str, code: Option<Code>) -> Result<(), String> {
        self.find_activity(activity)?;
        self.find_role(role)?;
        self.cells.retain(|c| !(c.activity == activity && c.role == role));
        if let Some(code) = code {
            self.cells.push(Cell { activity: activity.into(), role: role.into(), code });
        }
        self.sort_cells();
        Ok(())
    }

    /// Makes `role` the one that signs an authorization, as the policy's signature role did
    /// before the matrix: no other S on "Authorize deployment", and `role`'s cell becomes S
    /// unless it is already the row's A (then the A signs, as the rules say).
    pub fn sign_with(&mut self, role: &str) {
        if self.role(role).is_none() {
            return;
        }
        self.cells.retain(|c| !(c.activity == ACTIVITY_AUTHORIZE && c.code == Code::Signature));
        if self.code(ACTIVITY_AUTHORIZE, role) != Some(Code::Accountable) {
            let _ = self.set(ACTIVITY_AUTHORIZE, role, Some(Code::Signature));
        }
    }

    /// Adds `other`'s roles and activities this matrix lacks (by key), with their cells; what
    /// both have stays as this one says.
    pub fn merge(&mut self, other: &Matrix) {
        let new_roles: Vec<&str> =
            other.roles.iter().filter(|r| self.role(&r.key).is_none()).map(|r| r.key.as_str()).collect();
        let new_activities: Vec<&str> =
            other.activities.iter().filter(|a| self.activity(&a.key).is_none()).map(|a| a.key.as_str()).collect();
        for r in other.roles.iter().filter(|r| new_roles.contains(&r.key.as_str())) {
            let mut r = r.clone();
            while self.roles.iter().any(|x| x.name.eq_ignore_ascii_case(&r.name)) {
                r.name.push_str(" (imported)");
            }
            self.roles.push(r);
        }
        for a in other.activities.iter().filter(|a| new_activities.contains(&a.key.as_str())) {
            let mut a = a.clone();
            while self.activities.iter().any(|x| x.name.eq_ignore_ascii_case(&a.name)) {
                a.name.push_str(" (imported)");
            }
            self.activities.push(a);
        }
        for c in &other.cells {
            if (new_roles.contains(&c.role.as_str()) || new_activities.contains(&c.activity.as_str()))
                && self.role(&c.role).is_some()
                && self.activity(&c.activity).is_some()
                && self.code(&c.activity, &c.role).is_none()
            {
                self.cells.push(c.clone());
            }
        }
        self.sort_cells();
    }

    /// Keeps the cells in activity order, then role order.
    pub fn sort_cells(&mut self) {
        let a: std::collections::HashMap<&str, usize> =
            self.activities.iter().enumerate().map(|(i, a)| (a.key.as_str(), i)).collect();
        let r: std::collections::HashMap<&str, usize> =
            self.roles.iter().enumerate().map(|(i, r)| (r.key.as_str(), i)).collect();
        let mut cells = std::mem::take(&mut self.cells);
        cells.sort_by_key(|c| {
            (
                a.get(c.activity.as_str()).copied().unwrap_or(usize::MAX),
                r.get(c.role.as_str()).copied().unwrap_or(usize::MAX),
            )
        });
        self.cells = cells;
    }

    /// Problems with the matrix as a document (not the SARCI rules, which a matrix may break
    /// while it is edited): keys and names, cells that name no role or activity, a cell given
    /// twice. Each message names where (`roles[2].name`, `cells[5]`).
    pub fn problems(&self) -> Vec<(String, String)> {
        let mut out = vec![];
        let mut keys = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for (i, r) in self.roles.iter().enumerate() {
            if let Some(m) = check_key(&r.key) {
                out.push((format!("roles[{i}].key"), m));
            }
            if let Some(m) = check_name(&r.name) {
                out.push((format!("roles[{i}].name"), m));
            }
            if !keys.insert(r.key.as_str()) {
                out.push((format!("roles[{i}].key"), format!("the role {:?} appears twice", r.key)));
            }
            if !names.insert(r.name.to_lowercase()) {
                out.push((format!("roles[{i}].name"), format!("two roles are named {:?}", r.name)));
            }
        }
        let (mut keys, mut names) = (std::collections::HashSet::new(), std::collections::HashSet::new());
        for (i, a) in self.activities.iter().enumerate() {
            if let Some(m) = check_key(&a.key) {
                out.push((format!("activities[{i}].key"), m));
            }
            if let Some(m) = check_name(&a.name) {
                out.push((format!("activities[{i}].name"), m));
            }
            if a.description.chars().count() > 500 {
                out.push((format!("activities[{i}].description"), "at most 500 characters".into()));
            }
            if !keys.insert(a.key.as_str()) {
                out.push((format!("activities[{i}].key"), format!("the activity {:?} appears twice", a.key)));
            }
            if !names.insert(a.name.to_lowercase()) {
                out.push((format!("activities[{i}].name"), format!("two activities are named {:?}", a.name)));
            }
        }
        for fixed in FIXED_ACTIVITIES {
            if self.activity(fixed).is_none() {
                out.push((
                    "activities".into(),
                    format!("the activity {fixed:?} is missing: the gates ask it who decides"),
                ));
            }
        }
        for fixed in FIXED_ROLES {
            if self.role(fixed).is_none() {
                out.push((
                    "roles".into(),
                    format!("the role {fixed:?} is missing: a release's record names who holds it"),
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (i, c) in self.cells.iter().enumerate() {
            if self.activity(&c.activity).is_none() {
                out.push((
                    format!("cells[{i}].activity"),
                    format!("{:?} is not an activity of the matrix", c.activity),
                ));
            }
            if self.role(&c.role).is_none() {
                out.push((format!("cells[{i}].role"), format!("{:?} is not a role of the matrix", c.role)));
            }
            if !seen.insert((c.activity.as_str(), c.role.as_str())) {
                out.push((
                    format!("cells[{i}]"),
                    format!("the cell {} × {} is given twice: a cell holds one code", c.activity, c.role),
                ));
            }
        }
        out
    }
}

/// A new key from a name: lower case ASCII words joined by `_` (`Security Officer` →
/// `security_officer`), unique among `taken` (a `_2`, `_3` … when needed).
pub fn key_for(name: &str, taken: &[&str]) -> String {
    let mut base = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c.to_ascii_lowercase());
        } else if !base.ends_with('_') && !base.is_empty() {
            base.push('_');
        }
    }
    let mut base = base.trim_end_matches('_').chars().take(40).collect::<String>();
    if base.is_empty() {
        base = "role".into();
    }
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key.as_str()) {
        key = format!("{base}_{n}");
        n += 1;
    }
    key
}

/// A key: 1 to 48 characters of `a-z`, `0-9` and `_`.
pub fn check_key(key: &str) -> Option<String> {
    let ok = !key.is_empty()
        && key.len() <= 48
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    (!ok).then(|| format!("{key:?} is not a key (1 to 48 of a-z, 0-9 and _)"))
}

/// A role's or an activity's name: 1 to 80 characters, no control characters.
pub fn check_name(name: &str) -> Option<String> {
    let n = name.trim().chars().count();
    if n == 0 {
        Some("the name is empty".into())
    } else if n > 80 {
        Some(format!("the name has {n} characters; at most 80"))
    } else if name.chars().any(char::is_control) {
        Some("the name holds a control character".into())
    } else {
        None
    }
}

/// `A, B and C`.
pub(crate) fn names<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    let v: Vec<&str> = items.into_iter().map(String::as_str).collect();
    match v.len() {
        0 => String::new(),
        1 => v[0].to_owned(),
        n => format!("{} and {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

/// The matrix (its keys, names and cells; not the SARCI rules, which a plan may break while it
/// is edited) and the assignments: known roles, people and releases, none given twice.
pub(crate) fn check_document(
    doc: &crate::portfolio::Portfolio,
    known: &crate::portfolio::Known,
    push: &mut impl FnMut(String, String),
) {
    use std::collections::HashSet;
    let emails: HashSet<String> = doc.people.iter().map(|p| p.email.to_lowercase()).collect();
    if let Some(m) = &doc.matrix {
        for (path, message) in m.problems() {
            push(format!("matrix.{path}"), message);
        }
    }
    let template;
    let roles: HashSet<&str> = match &doc.matrix {
        Some(m) => m.roles.iter().map(|r| r.key.as_str()).collect(),
        None if !known.roles.is_empty() => known.roles.iter().map(String::as_str).collect(),
        None => {
            template = Matrix::default();
            template.roles.iter().map(|r| r.key.as_str()).collect()
        }
    };
    let releases: HashSet<&str> = doc.releases.iter().map(|r| r.key.as_str()).collect();
    let mut seen = HashSet::new();
    for (i, a) in doc.assignments.iter().enumerate() {
        let at = |field: &str| format!("assignments[{i}].{field}");
        if !roles.contains(a.role.as_str()) {
            push(at("role"), format!("{:?} is not a role of the matrix", a.role));
        }
        if !emails.contains(&a.person.to_lowercase()) && !known.people.iter().any(|k| k.eq_ignore_ascii_case(&a.person))
        {
            push(at("person"), format!("unknown person {:?}", a.person));
        }
        if let Some(r) = &a.release
            && !releases.contains(r.as_str())
            && !known.releases.contains(r)
        {
            push(at("release"), format!("unknown release {r:?}"));
        }
        if !seen.insert((a.role.as_str(), a.person.to_lowercase(), a.release.as_deref())) {
            push(at("person"), format!("{} is assigned to {:?} twice", a.person, a.role));
        }
    }
}
