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

/// An index of who holds what, built once for a plan and asked per release.
pub struct Holders<'a> {
    matrix: &'a Matrix,
    names: HashMap<String, &'a str>,
    portfolio: HashMap<&'a str, Vec<&'a str>>,
    overrides: HashMap<(&'a str, &'a str), Vec<&'a str>>,
    broken: HashMap<String, Vec<String>>,
}

impl<'a> Holders<'a> {
    pub fn new(matrix: &'a Matrix, people: &'a [Person], assignments: &'a [Assignment]) -> Self {
        let names = people.iter().map(|p| (p.email.to_lowercase(), p.name.as_str())).collect();
        let mut portfolio: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut overrides: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
        for a in assignments {
            match &a.release {
                None => portfolio.entry(a.role.as_str()).or_default().push(a.person.as_str()),
                Some(r) => overrides.entry((r.as_str(), a.role.as_str())).or_default().push(a.person.as_str()),
            }
        }
        let mut broken: HashMap<String, Vec<String>> = HashMap::new();
        for v in check(matrix) {
            broken.entry(v.activity).or_default().push(v.message);
        }
        Holders { matrix, names, portfolio, overrides, broken }
    }

    pub fn matrix(&self) -> &'a Matrix {
        self.matrix
    }

    fn holder(&self, email: &str, role: &str, for_release: bool) -> Holder {
        let name = self.names.get(&email.to_lowercase()).map_or(email, |n| n);
        Holder { email: email.to_owned(), name: name.to_owned(), role: role.to_owned(), for_release }
    }

    /// The people holding `role`: for a release, its own (an override, or its record's owner or
    /// manager) when it names any, else the portfolio's.
    pub fn of(&self, release: Option<&Release>, role: &str) -> Vec<Holder> {
        if let Some(r) = release {
            if let Some(v) = self.overrides.get(&(r.key.as_str(), role)) {
                return v.iter().map(|e| self.holder(e, role, true)).collect();
            }
            let own = match role {
                "release_owner" => r.owner.as_deref(),
                "release_manager" => r.manager.as_deref(),
                _ => None,
            };
            if let Some(e) = own.filter(|e| !e.is_empty()) {
                return vec![self.holder(e, role, true)];
            }
        }
        self.portfolio.get(role).map_or(vec![], |v| v.iter().map(|e| self.holder(e, role, false)).collect())
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
        for role in &self.matrix.roles {
            let Some(code) = self.matrix.code(activity, &role.key) else { continue };
            let holders = self.of(release, &role.key);
            if holders.is_empty() {
                out.unfilled.push(role.name.clone());
            }
            let list = match code {
                Code::Signature => &mut out.signature,
                Code::Accountable => &mut out.accountable,
                Code::Responsible => &mut out.responsible,
                Code::Consulted => &mut out.consulted,
                Code::Informed => &mut out.informed,
            };
            for h in holders {
                match list.iter_mut().find(|p| p.email.eq_ignore_ascii_case(&h.email)) {
                    Some(p) => p.roles.push(role.name.clone()),
                    None => list.push(AudienceMember { email: h.email, name: h.name, roles: vec![role.name.clone()] }),
                }
            }
        }
        out
    }
}
