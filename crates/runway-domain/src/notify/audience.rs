//! Who hears of a change: the responsible, consulted and informed of its activity for the
//! release, the release's owner and manager, and the members of the distribution lists that
//! follow it; each person once (by e-mail, ignoring case), with the invitation's role their
//! strongest part gives.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::matrix::{Code, Holders, Resolved};
use crate::model::Release;

labelled_enum!(
    /// An attendee's role in an invitation (RFC 5545 3.2.16), from their code on the row.
    AttendeeRole {
        Chair => "CHAIR", "Chair";
        Required => "REQ-PARTICIPANT", "Required";
        Optional => "OPT-PARTICIPANT", "Optional";
        NonParticipant => "NON-PARTICIPANT", "For information";
    }
);

impl AttendeeRole {
    /// The role a code gives: A chairs; R (and S, who signs the release) is required; C is
    /// optional; I only hears of it.
    pub fn of(code: Code) -> AttendeeRole {
        match code {
            Code::Accountable => AttendeeRole::Chair,
            Code::Signature | Code::Responsible => AttendeeRole::Required,
            Code::Consulted => AttendeeRole::Optional,
            Code::Informed => AttendeeRole::NonParticipant,
        }
    }
}

/// One person to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recipient {
    pub email: String,
    pub name: String,
    /// Their strongest code on the activity's row (the one giving `role`); none for an owner,
    /// a manager or a list member with no cell there.
    pub code: Option<Code>,
    pub role: AttendeeRole,
    /// Why they are told: the matrix roles they hold on the row, `Release Owner` /
    /// `Release Manager` of the release, `Distribution list`.
    pub why: Vec<String>,
}

/// A person found so far: their codes on the row, and whether they must attend without one.
struct Found {
    email: String,
    name: String,
    codes: Vec<Code>,
    required: bool,
    why: Vec<String>,
}

#[derive(Default)]
struct Builder {
    found: Vec<Found>,
}

impl Builder {
    fn add(&mut self, email: &str, name: &str, code: Option<Code>, required: bool, why: &str) {
        let email = email.trim();
        if email.is_empty() {
            return;
        }
        let i = match self.found.iter().position(|p| p.email.eq_ignore_ascii_case(email)) {
            Some(i) => i,
            None => {
                let name = if name.trim().is_empty() { email } else { name };
                self.found.push(Found {
                    email: email.to_owned(),
                    name: name.to_owned(),
                    codes: vec![],
                    required: false,
                    why: vec![],
                });
                self.found.len() - 1
            }
        };
        let p = &mut self.found[i];
        p.codes.extend(code);
        p.required |= required;
        if !p.why.iter().any(|w| w == why) {
            p.why.push(why.to_owned());
        }
    }

    fn has(&self, email: &str) -> bool {
        self.found.iter().any(|p| p.email.eq_ignore_ascii_case(email))
    }

    fn finish(self) -> Vec<Recipient> {
        self.found
            .into_iter()
            .map(|p| {
                let best = p.codes.iter().copied().min_by_key(|&c| (AttendeeRole::of(c), c));
                let role = match best {
                    Some(c) => AttendeeRole::of(c),
                    None if p.required => AttendeeRole::Required,
                    None => AttendeeRole::NonParticipant,
                };
                Recipient { email: p.email, name: p.name, code: best, role, why: p.why }
            })
            .collect()
    }
}

/// The people to tell of a change to `release` (none for the portfolio: a CAB agenda) whose
/// audience is the matrix `activity` (the change's [`super::Change::activity`]): the holders of
/// its R, C and I for the release; the release's owner and manager (whoever holds those roles
/// for it); and the members of the distribution lists following it, as the caller expanded them
/// (`(email, name)`). Each person once, by e-mail ignoring case (the first spelling kept), with
/// the strongest role any code they have on the row gives (an owner or manager with none is
/// required; a list member with none is for information), and every reason they are told.
/// Sorted by role (chair first), then name and e-mail, ignoring case.
pub fn audience(
    holders: &Holders<'_>,
    release: Option<&Release>,
    activity: &str,
    lists_following: &[Vec<(String, String)>],
) -> Vec<Recipient> {
    let matrix = holders.matrix();
    let mut row: Vec<Resolved<'_>> = vec![];
    holders.resolve(release, activity, &mut row);
    let mut b = Builder::default();
    let told = |c: Code| matches!(c, Code::Responsible | Code::Consulted | Code::Informed);
    for r in row.iter().filter(|r| told(r.code)) {
        b.add(r.email, r.name, Some(r.code), false, &matrix.roles[r.role].name);
    }
    if let Some(rel) = release {
        for role in ["release_owner", "release_manager"] {
            let name = matrix.role_name(role).to_owned();
            for h in holders.of(Some(rel), role) {
                b.add(&h.email, &h.name, None, true, &name);
            }
        }
    }
    // Whoever is told also counts their S and A on the row (a manager accountable for it chairs);
    // a message for the portfolio (the CAB agenda) goes to its chair too.
    for r in row.iter().filter(|r| !told(r.code)) {
        if b.has(r.email) || release.is_none() {
            b.add(r.email, r.name, Some(r.code), false, &matrix.roles[r.role].name);
        }
    }
    for list in lists_following {
        for (email, name) in list {
            b.add(email, name, None, false, "Distribution list");
        }
    }
    let mut out = b.finish();
    out.sort_by(|a, b| {
        (a.role, a.name.to_lowercase(), a.email.to_lowercase()).cmp(&(
            b.role,
            b.name.to_lowercase(),
            b.email.to_lowercase(),
        ))
    });
    out
}
