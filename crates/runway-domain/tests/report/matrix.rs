//! The responsibility matrix report on the hand-made plan: its matrix is the seed's template (the
//! plan gives none), its six people hold the roles their seed role names for the portfolio, and
//! every release has Hannah Becker as its owner and Zoë Ångström as its manager.

use super::plan::*;
use runway_domain::matrix::{Assignment, Code, Matrix};
use runway_domain::report::matrix::{RACI_NOTE, VALID, matrix_report};
use runway_domain::report::{MISSING, MatrixReport};

/// The cell of an activity (by key) under a role (by name).
fn cell<'a>(m: &'a MatrixReport, activity: &str, role: &str) -> &'a str {
    let col = m.roles.iter().position(|r| r == role).unwrap_or_else(|| panic!("no role {role}"));
    let row = m.rows.iter().find(|r| r.key == activity).unwrap_or_else(|| panic!("no activity {activity}"));
    &row.cells[col].text
}

/// A role's holders as `name` strings, and where they come from.
fn held<'a>(m: &'a MatrixReport, role: &str) -> (Vec<&'a str>, &'a str) {
    let line = m.holders.iter().find(|h| h.name == role).unwrap_or_else(|| panic!("no role {role}"));
    (line.people.iter().map(|p| p.name.as_str()).collect(), line.source.as_str())
}

#[test]
fn the_portfolio_s_sarci_matrix_is_the_template_with_the_portfolio_s_holders() {
    let m = matrix_report(&plan(), None, false).unwrap();
    assert_eq!(m.title, "Responsibility matrix (SARCI)");
    assert_eq!(m.subtitle, "Retail bank — Q1 2027 · the portfolio");
    assert!(m.holders_note.starts_with("As held for the portfolio;"), "{}", m.holders_note);
    assert_eq!((m.raci, m.release.as_deref()), (false, None));

    // The template: nine roles across, nine activities down, in seed 003's order and words.
    assert_eq!(m.roles.len(), 9);
    assert_eq!(m.roles[0], "Sponsor (SVP)");
    assert_eq!(m.roles[1], "Release Management Process Owner");
    assert_eq!(m.roles[8], "Build & test environment staff");
    let keys: Vec<&str> = m.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["plan", "build", "test", "cab", "authorize", "deploy", "verify", "early_life_support", "review"]);
    assert_eq!(m.rows[4].name, "Authorize deployment");
    assert!(m.rows.iter().all(|r| r.cells.len() == 9 && !r.broken));

    // Authorize deployment: S Sponsor, I Process Owner, R Release Manager, C Test Manager,
    // C Release Owner, A Change Manager / CAB, I Deployment staff, and two empty cells.
    let row: Vec<&str> = m.rows[4].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(row, ["S", "I", "R", "C", "C", "A", "I", "", ""]);
    assert_eq!(m.rows[4].cells[0].code, Some(Code::Signature));
    assert_eq!(m.rows[4].cells[8].code, None);
    assert_eq!(cell(&m, "deploy", "Deployment staff"), "R");

    // The legend: the five codes in SARCI order, with seed 003's meanings; no RACI note.
    let legend: Vec<(&str, &str)> = m.legend.iter().map(|l| (l.shown.as_str(), l.label.as_str())).collect();
    assert_eq!(
        legend,
        [("S", "Signature"), ("A", "Accountable"), ("R", "Responsible"), ("C", "Consulted"), ("I", "Informed")]
    );
    assert_eq!(m.legend[0].meaning, Code::Signature.meaning());
    assert_eq!(m.legend_note, None);

    // Holders for the portfolio: the six people's seed roles; nobody is the sponsor, the process
    // owner or the environment staff ("—"). The releases' own owner and manager do not count.
    assert_eq!(held(&m, "Release Manager"), (vec!["Zoë Ångström"], "Portfolio"));
    assert_eq!(held(&m, "Test Manager"), (vec!["Дмитрий Иванов"], "Portfolio"));
    assert_eq!(held(&m, "Change Manager / CAB"), (vec!["Robert King"], "Portfolio"));
    assert_eq!(held(&m, "Sponsor (SVP)"), (vec![], MISSING));
    assert_eq!(held(&m, "Build & test environment staff"), (vec![], MISSING));
    assert_eq!(m.holders.len(), 9);

    assert!(m.valid());
    assert_eq!((m.violations.len(), m.verdict.as_str()), (0, VALID));
}

#[test]
fn raci_for_a_release_shows_s_as_a_star_and_names_the_release_s_own_holders_first() {
    let mut doc = plan();
    // REL-A has its own Test Manager (Jonas in place of Дмитрий) and a second Deployment staff
    // member beside nobody else's (an override replaces the portfolio's holders for the role).
    for (role, person) in [("test_manager", ELS), ("deployment_staff", OPS), ("deployment_staff", CAB)] {
        doc.assignments.push(Assignment { role: role.into(), person: person.into(), release: Some("REL-A".into()) });
    }
    let m = matrix_report(&doc, Some("REL-A"), true).unwrap();
    assert_eq!(m.title, "Responsibility matrix (RACI) for REL-A");
    assert_eq!(m.subtitle, "Retail bank — Q1 2027 · REL-A Payments 4.2 — SEPA Instant");
    assert!(
        m.holders_note.starts_with("Resolved for REL-A: the people the release names itself"),
        "{}",
        m.holders_note
    );
    assert_eq!((m.raci, m.release.as_deref()), (true, Some("REL-A")));

    // The sponsor's S shows as A* beside the Change Manager's A; the matrix still holds an S.
    let row: Vec<&str> = m.rows[4].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(row, ["A*", "I", "R", "C", "C", "A", "I", "", ""]);
    assert_eq!(m.rows[4].cells[0].code, Some(Code::Signature));
    // No other row has an S: RACI and SARCI print the same there.
    let sarci = matrix_report(&doc, Some("REL-A"), false).unwrap();
    for (a, b) in m.rows.iter().zip(&sarci.rows).filter(|(a, _)| a.key != "authorize") {
        assert_eq!(a.cells, b.cells, "{}", a.key);
    }

    // The legend: A, then A* (an S in SARCI), R, C, I; and the note that says so.
    let legend: Vec<(&str, &str)> = m.legend.iter().map(|l| (l.shown.as_str(), l.label.as_str())).collect();
    assert_eq!(
        legend,
        [
            ("A", "Accountable"),
            ("A*", "Accountable, signs"),
            ("R", "Responsible"),
            ("C", "Consulted"),
            ("I", "Informed")
        ]
    );
    assert!(m.legend[1].meaning.starts_with("S in SARCI. Has signature authority"), "{}", m.legend[1].meaning);
    assert_eq!(m.legend_note.as_deref(), Some(RACI_NOTE));

    // Resolved for REL-A: its record's owner and manager, its own Test Manager and Deployment
    // staff (both of them, in the order assigned); the rest from the portfolio.
    assert_eq!(held(&m, "Release Owner"), (vec!["Hannah Becker"], "This release"));
    assert_eq!(held(&m, "Release Manager"), (vec!["Zoë Ångström"], "This release"));
    assert_eq!(held(&m, "Test Manager"), (vec!["Jonas Lindqvist"], "This release"));
    assert_eq!(held(&m, "Deployment staff"), (vec!["Chen Wei", "Robert King"], "This release"));
    assert_eq!(held(&m, "Early life support staff"), (vec!["Jonas Lindqvist"], "Portfolio"));
    assert_eq!(held(&m, "Sponsor (SVP)"), (vec![], MISSING));
    let tm = m.holders.iter().find(|h| h.key == "test_manager").unwrap();
    assert_eq!((tm.people[0].email.as_str(), tm.people[0].for_release), (ELS, true));

    // Another release is not touched by REL-A's overrides.
    let b = matrix_report(&doc, Some("REL-B"), true).unwrap();
    assert_eq!(held(&b, "Test Manager"), (vec!["Дмитрий Иванов"], "Portfolio"));
}

#[test]
fn every_broken_rule_is_listed_row_by_row_and_its_row_marked() {
    let mut doc = plan();
    let mut m = Matrix::default();
    // Deploy: a second A (Release Owner beside Release Manager).
    m.set("deploy", "release_owner", Some(Code::Accountable)).unwrap();
    // Verify: no R left (Release Owner was its one R).
    m.set("verify", "release_owner", Some(Code::Consulted)).unwrap();
    // Authorize deployment: a second S (Process Owner beside the Sponsor).
    m.set("authorize", "process_owner", Some(Code::Signature)).unwrap();
    // Build: its A removed.
    m.set("build", "release_manager", None).unwrap();
    doc.matrix = Some(m);

    let r = matrix_report(&doc, None, false).unwrap();
    // In the matrix's row order: build, authorize, deploy, verify.
    assert_eq!(
        r.violations,
        [
            "Coordinate design, building and configuring of releases: no role is accountable (A)",
            "Authorize deployment: two roles sign: Sponsor (SVP) and Release Management Process Owner",
            "Coordinate distribution and installation of releases: two roles are accountable: Release Manager and Release Owner",
            "Verify the release: no role is responsible (R)",
        ]
    );
    assert!(!r.valid());
    assert_eq!(
        r.verdict,
        "The matrix is not valid: 4 rules are broken. Nothing relies on a broken row until it is fixed."
    );
    let broken: Vec<&str> = r.rows.iter().filter(|r| r.broken).map(|r| r.key.as_str()).collect();
    assert_eq!(broken, ["build", "authorize", "deploy", "verify"]);
    assert_eq!(cell(&r, "build", "Release Manager"), "");
    // RACI shows both signatures as A*, and lists the same violations.
    let raci = matrix_report(&doc, None, true).unwrap();
    assert_eq!(cell(&raci, "authorize", "Sponsor (SVP)"), "A*");
    assert_eq!(cell(&raci, "authorize", "Release Management Process Owner"), "A*");
    assert_eq!(raci.violations, r.violations);

    // One broken rule is said in words.
    let mut one = Matrix::default();
    one.set("deploy", "release_owner", Some(Code::Accountable)).unwrap();
    doc.matrix = Some(one);
    let r = matrix_report(&doc, None, false).unwrap();
    assert!(r.verdict.starts_with("The matrix is not valid: one rule is broken."), "{}", r.verdict);
}

#[test]
fn a_release_the_plan_lacks_gives_no_report_and_a_blank_key_means_the_portfolio() {
    assert_eq!(matrix_report(&plan(), Some("NOPE-1"), false), None);
    let blank = matrix_report(&plan(), Some("  "), false).unwrap();
    assert_eq!(blank, matrix_report(&plan(), None, false).unwrap());
}

#[test]
fn a_plan_without_people_shows_every_role_unheld_and_the_matrix_it_holds() {
    let mut doc = plan();
    doc.people.clear();
    doc.assignments.clear();
    let mut m = Matrix::default();
    m.roles.truncate(4);
    m.activities.truncate(2);
    m.sort_cells();
    m.cells.retain(|c| m.roles.iter().any(|r| r.key == c.role) && m.activities.iter().any(|a| a.key == c.activity));
    doc.matrix = Some(m);
    let r = matrix_report(&doc, Some("REL-A"), false).unwrap();
    assert_eq!((r.roles.len(), r.rows.len()), (4, 2));
    assert!(r.rows.iter().all(|row| row.cells.len() == 4));
    // REL-A's record names its manager by e-mail; without the person, the e-mail is the name.
    assert_eq!(held(&r, "Release Manager"), (vec![ZOE], "This release"));
    assert_eq!(held(&r, "Test Manager"), (vec![], MISSING));
}
