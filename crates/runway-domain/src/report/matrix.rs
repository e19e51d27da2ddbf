//! The responsibility matrix report (D7, D9): the grid of activities × roles with each code as
//! the chosen view shows it (SARCI, or RACI where an S shows as `A*`), the legend, the people who
//! hold each role (for the portfolio, or resolved for one release: its own holders first) and
//! the matrix's broken rules.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::MISSING;
use crate::matrix::{Code, Holders, Matrix, check};
use crate::portfolio::Portfolio;

/// What the report says when no rule is broken.
pub const VALID: &str = "The matrix is valid: every activity has one A, at least one R, at most one S.";

/// How an S shows in the RACI view, said once under the legend.
pub const RACI_NOTE: &str = "RACI has no S: the role with signature authority shows as A*, an A that \
approves the finished product, beside the row's one accountable A; SARCI shows it as S.";

/// One cell of the grid, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShownCell {
    /// The code the matrix holds; none for an empty cell.
    pub code: Option<Code>,
    /// What the cell prints: `S`, `A`, `A*` (an S in RACI), … or "" when empty.
    pub text: String,
}

/// An activity's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixRow {
    pub key: String,
    pub name: String,
    pub description: String,
    /// One per role, in the order of [`MatrixReport::roles`].
    pub cells: Vec<ShownCell>,
    /// True when the row breaks a rule (its messages are in [`MatrixReport::violations`]).
    pub broken: bool,
}

/// A code of the legend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LegendLine {
    pub code: Code,
    /// As the grid prints it (`A*` in RACI for a signature).
    pub shown: String,
    /// `Accountable`, or `Accountable, signs` for RACI's `A*`.
    pub label: String,
    pub meaning: String,
}

/// A person holding a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HolderLine {
    pub name: String,
    pub email: String,
    /// True when the release names them itself (an override, its owner or its manager).
    pub for_release: bool,
}

/// A role and who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoleLine {
    pub key: String,
    pub name: String,
    pub people: Vec<HolderLine>,
    /// Where the names come from: "This release", "Portfolio", or "—" when nobody holds the role.
    pub source: String,
}

/// The report: display-ready values, in the order the PDF prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatrixReport {
    /// `Responsibility matrix (SARCI)`, `Responsibility matrix (RACI) for REL-1`.
    pub title: String,
    /// The plan, and the release when there is one.
    pub subtitle: String,
    pub raci: bool,
    /// The release the names are resolved for; none for the portfolio.
    pub release: Option<String>,
    /// The roles' names across the top, in the matrix's order.
    pub roles: Vec<String>,
    pub rows: Vec<MatrixRow>,
    pub legend: Vec<LegendLine>,
    /// How an S shows in RACI ([`RACI_NOTE`]); none in SARCI.
    pub legend_note: Option<String>,
    pub holders: Vec<RoleLine>,
    /// Whose names [`MatrixReport::holders`] gives.
    pub holders_note: String,
    /// Every broken rule, row by row (`Deploy: two roles are accountable: …`).
    pub violations: Vec<String>,
    /// [`VALID`], or how many rules are broken.
    pub verdict: String,
}

impl MatrixReport {
    pub fn valid(&self) -> bool {
        self.violations.is_empty()
    }
}

/// The matrix report of `doc` (its matrix, else the seed's template), in SARCI or RACI, with the
/// names of each role for the portfolio or for the release `release`; none when that release
/// is not in the plan.
pub fn matrix_report(doc: &Portfolio, release: Option<&str>, raci: bool) -> Option<MatrixReport> {
    let template;
    let m: &Matrix = match &doc.matrix {
        Some(m) => m,
        None => {
            template = Matrix::default();
            &template
        }
    };
    let release = match release.map(str::trim).filter(|k| !k.is_empty()) {
        Some(key) => Some(doc.releases.iter().find(|r| r.key == key)?),
        None => None,
    };
    let view = if raci { "RACI" } else { "SARCI" };
    let title = match release {
        Some(r) => format!("Responsibility matrix ({view}) for {}", r.key),
        None => format!("Responsibility matrix ({view})"),
    };
    let plan = if doc.name.trim().is_empty() { MISSING } else { doc.name.trim() };
    let subtitle = match release {
        Some(r) => format!("{plan} · {} {}", r.key, r.title.trim()),
        None => format!("{plan} · the portfolio"),
    };
    let holders_note = match release {
        Some(r) => format!(
            "Resolved for {}: the people the release names itself (its owner and manager, and the roles \
             assigned for it alone), else the portfolio's.",
            r.key
        ),
        None => "As held for the portfolio; a release may name its own (its owner and manager, and roles \
                 assigned for it alone)."
            .to_owned(),
    };

    let breaks = check(m);
    let rows = m
        .activities
        .iter()
        .map(|a| MatrixRow {
            key: a.key.clone(),
            name: a.name.clone(),
            description: a.description.clone(),
            cells: m
                .roles
                .iter()
                .map(|r| {
                    let code = m.code(&a.key, &r.key);
                    ShownCell { code, text: code.map_or("", |c| c.shown(raci)).to_owned() }
                })
                .collect(),
            broken: breaks.iter().any(|b| b.activity == a.key),
        })
        .collect();

    // RACI lists A* after A: it reads as a kind of A.
    let order = if raci {
        [Code::Accountable, Code::Signature, Code::Responsible, Code::Consulted, Code::Informed]
    } else {
        [Code::Signature, Code::Accountable, Code::Responsible, Code::Consulted, Code::Informed]
    };
    let legend = order
        .into_iter()
        .map(|code| match (code, raci) {
            (Code::Signature, true) => LegendLine {
                code,
                shown: code.shown(true).to_owned(),
                label: "Accountable, signs".to_owned(),
                meaning: format!("S in SARCI. {}", code.meaning()),
            },
            _ => LegendLine {
                code,
                shown: code.shown(raci).to_owned(),
                label: code.label().to_owned(),
                meaning: code.meaning().to_owned(),
            },
        })
        .collect();

    let holders = Holders::new(m, &doc.people, &doc.assignments);
    let roles = m
        .roles
        .iter()
        .map(|r| {
            let people: Vec<HolderLine> = holders
                .of(release, &r.key)
                .into_iter()
                .map(|h| HolderLine { name: h.name, email: h.email, for_release: h.for_release })
                .collect();
            let source = match people.first() {
                None => MISSING,
                Some(h) if h.for_release => "This release",
                Some(_) => "Portfolio",
            };
            RoleLine { key: r.key.clone(), name: r.name.clone(), people, source: source.to_owned() }
        })
        .collect();

    let violations: Vec<String> = breaks.into_iter().map(|b| b.message).collect();
    let verdict = match violations.len() {
        0 => VALID.to_owned(),
        1 => {
            "The matrix is not valid: one rule is broken. Nothing relies on a broken row until it is fixed.".to_owned()
        }
        n => {
            format!("The matrix is not valid: {n} rules are broken. Nothing relies on a broken row until it is fixed.")
        }
    };
    Some(MatrixReport {
        title,
        subtitle,
        raci,
        release: release.map(|r| r.key.clone()),
        roles: m.roles.iter().map(|r| r.name.clone()).collect(),
        rows,
        legend,
        legend_note: raci.then(|| RACI_NOTE.to_owned()),
        holders: roles,
        holders_note,
        violations,
        verdict,
    })
}
