//! The matrix's rules (D7): exactly one A per activity, at least one R, at most one S. A matrix
//! may break them while it is edited; it is valid when none is broken, and nothing downstream
//! uses a broken row (the gates refuse with the row's violation).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Code, Matrix, names};

labelled_enum!(
    /// A rule of the matrix.
    Rule {
        OneAccountable => "one_accountable", "Exactly one role is accountable (A)";
        Responsible => "responsible", "At least one role is responsible (R)";
        OneSignature => "one_signature", "At most one role signs (S)";
    }
);

/// A broken rule on one activity's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleBreak {
    /// The activity's key.
    pub activity: String,
    pub rule: Rule,
    /// The roles concerned (the two accountable ones…), by key.
    pub roles: Vec<String>,
    /// The sentence shown on the row and by `runway matrix check`
    /// (`Deploy: two roles are accountable: Release Manager, Release Owner`).
    pub message: String,
}

fn count_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
    }
}

/// Every broken rule, row by row in the matrix's order.
pub fn check(m: &Matrix) -> Vec<RuleBreak> {
    let mut out = vec![];
    for a in &m.activities {
        let with = |code: Code| m.roles_with(&a.key, code);
        let keys = |rs: &[&super::RoleDef]| rs.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        let list = |rs: &[&super::RoleDef]| names(rs.iter().map(|r| &r.name));
        let accountable = with(Code::Accountable);
        match accountable.len() {
            0 => out.push(RuleBreak {
                activity: a.key.clone(),
                rule: Rule::OneAccountable,
                roles: vec![],
                message: format!("{}: no role is accountable (A)", a.name),
            }),
            1 => {}
            n => out.push(RuleBreak {
                activity: a.key.clone(),
                rule: Rule::OneAccountable,
                roles: keys(&accountable),
                message: format!("{}: {} roles are accountable: {}", a.name, count_word(n), list(&accountable)),
            }),
        }
        if with(Code::Responsible).is_empty() {
            out.push(RuleBreak {
                activity: a.key.clone(),
                rule: Rule::Responsible,
                roles: vec![],
                message: format!("{}: no role is responsible (R)", a.name),
            });
        }
        let signature = with(Code::Signature);
        if signature.len() > 1 {
            out.push(RuleBreak {
                activity: a.key.clone(),
                rule: Rule::OneSignature,
                roles: keys(&signature),
                message: format!("{}: {} roles sign: {}", a.name, count_word(signature.len()), list(&signature)),
            });
        }
    }
    out
}
