//! The people behind the matrix: who holds a role (the portfolio's assignments, a release's own
//! overrides, and a release's record for its owner and manager), who may sign or decide an
//! activity for a release, and who is responsible, consulted and informed (the audiences the
//! notifications use).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Assignment, Code, Matrix, RoleDef, check};
use crate::model::{Person, Release};

/// A person holding a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Holder {
    pub email: String,
    pub name: String,
    /// The role's key.
    pub role: String,
    /// True when the release names them itself (an override or its owner or manager).
    pub for_release: bool,
}

/// A person in an audience, once however many of the activity's roles they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AudienceMember {
    pub email: String,
    pub name: String,
    /// The names of the roles that put them there.
    pub roles: Vec<String>,
}

/// Who signs (or, without an S on the row, who is accountable) for an activity of a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Signers {
    pub activity: String,
    pub activity_name: String,
    /// S, or A when the row has no S.
    pub code: Code,
    pub role: RoleDef,
    /// The people who hold that role for the release (at least one).
    pub people: Vec<Holder>,
}

impl Signers {
    /// Whether `email` may decide.
    pub fn includes(&self, email: &str) -> bool {
        self.people.iter().any(|p| p.email.eq_ignore_ascii_case(email))
    }

    /// `Hannah Becker (Release Owner)` or `A or B (Change Manager / CAB)`.
    pub fn describe(&self) -> String {
        let who: Vec<&str> = self.people.iter().map(|p| p.name.as_str()).collect();
        format!("{} ({})", who.join(" or "), self.role.name)
    }
}

/// The people of one activity of a release, by code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Audience {
    pub activity: String,
    pub signature: Vec<AudienceMember>,
    pub accountable: Vec<AudienceMember>,
    pub responsible: Vec<AudienceMember>,
    pub consulted: Vec<AudienceMember>,
    pub informed: Vec<AudienceMember>,
    /// The row's broken rules; while there are any, nothing should rely on this audience.
    pub violations: Vec<String>,
    /// Roles on the row that nobody holds (their names).
    pub unfilled: Vec<String>,
}

impl Audience {
    /// Everyone to tell: responsible, consulted and informed, each once.
    pub fn to_tell(&self) -> Vec<&AudienceMember> {
        let mut seen = std::collections::HashSet::new();
        self.responsible
            .iter()
            .chain(&self.consulted)
            .chain(&self.informed)
            .filter(|p| seen.insert(p.email.to_lowercase()))
            .collect()
    }
}

/// One person on an activity's row for a release, borrowed from the index (no allocation): what
/// [`Holders::resolve`] gives, and [`Holders::audience`] turns into names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved<'h> {
    pub code: Code,
    /// The role's index in the matrix's roles.
    pub role: usize,
    pub email: &'h str,
    pub name: &'h str,
    /// The release names them itself (an override, or its record's owner or manager).
    pub for_release: bool,
}

/// An index of who holds what, built once for a plan and asked per release: the rows' codes by
/// role index, the portfolio's holders by role, the releases' own holders by release.
pub struct Holders<'a> {
    matrix: &'a Matrix,
    names: HashMap<String, &'a str>,
    /// Per activity key, its filled cells as (role index, code), in role order.
    rows: HashMap<&'a str, Vec<(usize, Code)>>,
    /// Per role index, the portfolio's holders (e-mail, name).
    portfolio: Vec<Vec<(&'a str, &'a str)>>,
    /// Per release key, its own holders (role index, e-mail, name).
    overrides: HashMap<&'a str, Vec<(usize, &'a str, &'a str)>>,
    owner_role: Option<usize>,
    manager_role: Option<usize>,
    broken: HashMap<String, Vec<String>>,
}

impl<'a> Holders<'a> {
    pub fn new(matrix: &'a Matrix, people: &'a [Person], assignments: &'a [Assignment]) -> Self {
        let names: HashMap<String, &str> = people.iter().map(|p| (p.email.to_lowercase(), p.name.as_str())).collect();
        let role_ix: HashMap<&str, usize> = matrix.roles.iter().enumerate().map(|(i, r)| (r.key.as_str(), i)).collect();
        let name_of = |email: &'a str| -> &'a str { names.get(&email.to_lowercase()).copied().unwrap_or(email) };
        let mut portfolio: Vec<Vec<(&str, &str)>> = vec![vec![]; matrix.roles.len()];
        let mut overrides: HashMap<&str, Vec<(usize, &str, &str)>> = HashMap::new();
        for a in assignments {
            let Some(&i) = role_ix.get(a.role.as_str()) else { continue };
            let who = (a.person.as_str(), name_of(a.person.as_str()));
            match &a.release {
                None => portfolio[i].push(who),
                Some(r) => overrides.entry(r.as_str()).or_default().push((i, who.0, who.1)),
            }
        }
        let mut rows: HashMap<&str, Vec<(usize, Code)>> =
            matrix.activities.iter().map(|a| (a.key.as_str(), vec![])).collect();
        for c in &matrix.cells {
            if let (Some(row), Some(&i)) = (rows.get_mut(c.activity.as_str()), role_ix.get(c.role.as_str())) {
                row.push((i, c.code));
            }
        }
        for row in rows.values_mut() {
            row.sort_unstable_by_key(|&(i, _)| i);
        }
        let mut broken: HashMap<String, Vec<String>> = HashMap::new();
        for v in check(matrix) {
            broken.entry(v.activity).or_default().push(v.message);
        }
        let owner_role = role_ix.get("release_owner").copied();
        let manager_role = role_ix.get("release_manager").copied();
        Holders { matrix, names, rows, portfolio, overrides, owner_role, manager_role, broken }
    }

    pub fn matrix(&self) -> &'a Matrix {
        self.matrix
    }

    fn name_of<'h>(&'h self, email: &'h str) -> &'h str {
        self.names.get(&email.to_lowercase()).copied().unwrap_or(email)
    }

    /// Calls `f(email, name, for_release)` for each holder of role `i`: for a release, its own
    /// (overrides, or its record's owner or manager) when it names any, else the portfolio's.
    fn each<'h>(
        &'h self,
        release: Option<&'h Release>,
        own: Option<&'h [(usize, &'a str, &'a str)]>,
        i: usize,
        mut f: impl FnMut(&'h str, &'h str, bool),
    ) {
        if let Some(r) = release {
            let mut found = false;
            for &(role, email, name) in own.unwrap_or_default() {
                if role == i {
                    f(email, name, true);
                    found = true;
                }
            }
            if found {
                return;
            }
            let record = if Some(i) == self.owner_role {
                r.owner.as_deref()
            } else if Some(i) == self.manager_role {
                r.manager.as_deref()
            } else {
                None
            };
            if let Some(e) = record.filter(|e| !e.is_empty()) {
                f(e, self.name_of(e), true);
                return;
            }
        }
        for &(email, name) in &self.portfolio[i] {
            f(email, name, false);
        }
    }

    fn own(&self, release: Option<&Release>) -> Option<&[(usize, &'a str, &'a str)]> {
        release.and_then(|r| self.overrides.get(r.key.as_str())).map(Vec::as_slice)
    }

    /// The people holding `role`: for a release, its own (an override, or its record's owner or
    /// manager) when it names any, else the portfolio's.
    pub fn of(&self, release: Option<&Release>, role: &str) -> Vec<Holder> {
        let Some(i) = self.matrix.roles.iter().position(|r| r.key == role) else { return vec![] };
        let mut out = vec![];
        self.each(release, self.own(release), i, |email, name, for_release| {
            out.push(Holder { email: email.to_owned(), name: name.to_owned(), role: role.to_owned(), for_release });
        });
        out
    }

    /// Everyone on an activity's row for a release, by code and role order, into `out` (cleared
    /// first): the resolution without allocating, for a run over many releases.
    pub fn resolve<'h>(&'h self, release: Option<&'h Release>, activity: &str, out: &mut Vec<Resolved<'h>>) {
        out.clear();
        let Some(row) = self.rows.get(activity) else { return };
        let own = self.own(release);
        for &(i, code) in row {
            self.each(release, own, i, |email, name, for_release| {
                out.push(Resolved { code, role: i, email, name, for_release });
            });
        }
    }

    /// The roles `email` holds (for the release, when given), in the matrix's order.
    pub fn roles_of(&self, release: Option<&Release>, email: &str) -> Vec<&'a RoleDef> {
        self.matrix
            .roles
            .iter()
            .filter(|r| self.of(release, &r.key).iter().any(|h| h.email.eq_ignore_ascii_case(email)))
            .collect()
    }

    /// The broken rules of an activity's row.
    pub fn violations(&self, activity: &str) -> &[String] {
        self.broken.get(activity).map_or(&[], Vec::as_slice)
    }

    /// Who signs `activity` for the release: the holders of its S, or of its A when it has no S.
    /// Refused, naming why, when the row is missing or broken or nobody holds the role.
    pub fn signers(&self, release: Option<&Release>, activity: &str) -> Result<Signers, String> {
        let a = self
            .matrix
            .activity(activity)
            .ok_or_else(|| format!("The matrix has no activity {activity:?}, so nobody can decide it."))?;
        let broken = self.violations(activity);
        if !broken.is_empty() {
            return Err(format!(
                "The matrix's row “{}” breaks its rules ({}); fix the matrix before anyone decides it.",
                a.name,
                broken.join("; ")
            ));
        }
        let (code, role) = match self.matrix.roles_with(activity, Code::Signature).first() {
            Some(r) => (Code::Signature, *r),
            None => (
                Code::Accountable,
                *self.matrix.roles_with(activity, Code::Accountable).first().expect("a valid row has one A"),
            ),
        };
        let people = self.of(release, &role.key);
        if people.is_empty() {
            let whose = release.map_or("the portfolio".to_owned(), |r| r.key.clone());
            return Err(format!(
                "Nobody holds {} for {whose}, who {} “{}”: assign someone to the role (Matrix → People).",
                role.name,
                if code == Code::Signature { "signs" } else { "is accountable for" },
                a.name
            ));
        }
        Ok(Signers { activity: activity.to_owned(), activity_name: a.name.clone(), code, role: role.clone(), people })
    }

    /// The people of an activity of a release, by code; a person holding several of the row's
    /// roles appears once per code with every role named.
    pub fn audience(&self, release: Option<&Release>, activity: &str) -> Audience {
        let mut out = Audience {
            activity: activity.to_owned(),
            violations: self.violations(activity).to_vec(),
            ..Audience::default()
        };
        let mut resolved = vec![];
        self.resolve(release, activity, &mut resolved);
        if let Some(row) = self.rows.get(activity) {
            for &(i, _) in row {
                if !resolved.iter().any(|r| r.role == i) {
                    out.unfilled.push(self.matrix.roles[i].name.clone());
                }
            }
        }
        for r in resolved {
            let role = self.matrix.roles[r.role].name.clone();
            let list = match r.code {
                Code::Signature => &mut out.signature,
                Code::Accountable => &mut out.accountable,
                Code::Responsible => &mut out.responsible,
                Code::Consulted => &mut out.consulted,
                Code::Informed => &mut out.informed,
            };
            match list.iter_mut().find(|p| p.email.eq_ignore_ascii_case(r.email)) {
                Some(p) => p.roles.push(role),
                None => {
                    list.push(AudienceMember { email: r.email.to_owned(), name: r.name.to_owned(), roles: vec![role] })
                }
            }
        }
        out
    }
}
