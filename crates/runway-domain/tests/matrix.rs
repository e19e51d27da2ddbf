//! The responsibility matrix (D7): the seed's template, the rules (hand-worked, and a property
//! test against a brute-force count over any sequence of edits), reading codes, keys, who holds a
//! role for a release, who signs, and the audiences.

use proptest::prelude::*;
use runway_domain::matrix::{
    ACTIVITY_AUTHORIZE, Activity, Assignment, Code, Holders, Matrix, RoleDef, Rule, check, key_for, template,
};
use runway_domain::{Person, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk};

fn release(key: &str, owner: Option<&str>) -> Release {
    Release {
        key: key.into(),
        title: "Payments 4.2".into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: ReleaseStatus::Planned,
        applications: vec![],
        owner: owner.map(Into::into),
        manager: None,
        environments: vec![],
        window: None,
        risk: Risk::Low,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: vec![],
    }
}

#[test]
fn the_template_holds_the_seed_roles_and_activities_and_keeps_every_rule() {
    let m = template();
    let roles: Vec<&str> = m.roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        roles,
        [
            "Sponsor (SVP)",
            "Release Management Process Owner",
            "Release Manager",
            "Test Manager",
            "Release Owner",
            "Change Manager / CAB",
            "Deployment staff",
            "Early life support staff",
            "Build & test environment staff"
        ]
    );
    let activities: Vec<&str> = m.activities.iter().map(|a| a.key.as_str()).collect();
    assert_eq!(
        activities,
        ["plan", "build", "test", "cab", "authorize", "deploy", "verify", "early_life_support", "review"]
    );
    assert_eq!(m.activity("plan").unwrap().name, "Conduct release planning", "seed 003's own words");
    assert!(check(&m).is_empty(), "{:?}", check(&m));
    assert!(m.problems().is_empty());
    assert_eq!(m.code(ACTIVITY_AUTHORIZE, "sponsor"), Some(Code::Signature), "the SVP signs");
}

#[test]
fn each_broken_rule_is_named_on_its_row() {
    let mut m = template();
    m.set("deploy", "release_owner", Some(Code::Accountable)).unwrap();
    m.set("deploy", "test_manager", Some(Code::Accountable)).unwrap();
    m.set("verify", "release_owner", None).unwrap();
    m.set("review", "process_owner", None).unwrap();
    m.set("build", "sponsor", Some(Code::Signature)).unwrap();
    m.set("build", "process_owner", Some(Code::Signature)).unwrap();
    let got: Vec<(String, Rule, String)> = check(&m).into_iter().map(|v| (v.activity, v.rule, v.message)).collect();
    let want = [
        (
            "build",
            Rule::OneSignature,
            "Coordinate design, building and configuring of releases: two roles sign: Sponsor (SVP) and Release Management Process Owner",
        ),
        (
            "deploy",
            Rule::OneAccountable,
            "Coordinate distribution and installation of releases: three roles are accountable: Release Manager, Test Manager and Release Owner",
        ),
        ("verify", Rule::Responsible, "Verify the release: no role is responsible (R)"),
        ("review", Rule::OneAccountable, "Post-implementation review and closure: no role is accountable (A)"),
    ];
    let want: Vec<(String, Rule, String)> = want.iter().map(|(a, r, m)| ((*a).into(), *r, (*m).into())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_code_is_one_letter() {
    assert_eq!(Code::read(" s "), Ok(Some(Code::Signature)));
    assert_eq!(Code::read("r"), Ok(Some(Code::Responsible)));
    assert_eq!(Code::read(""), Ok(None));
    assert_eq!(Code::read("-"), Ok(None));
    assert!(Code::read("A,R").unwrap_err().contains("more than one code"));
    assert!(Code::read("RR").unwrap_err().contains("more than one code"));
    assert!(Code::read("Q").unwrap_err().contains("\"Q\" is not a code"));
    assert_eq!(Code::Signature.shown(true), "A*");
    assert_eq!(Code::Signature.shown(false), "S");
    assert_eq!(Code::Informed.shown(true), "I");
}

#[test]
fn keys_come_from_names_and_never_collide() {
    assert_eq!(key_for("Security Officer", &[]), "security_officer");
    assert_eq!(key_for("Security Officer", &["security_officer"]), "security_officer_2");
    assert_eq!(key_for("Änderungs-Manager (CAB)", &[]), "nderungs_manager_cab");
    assert_eq!(key_for("!!!", &[]), "role");
}

#[test]
fn a_release_names_its_own_holders_before_the_portfolio() {
    let m = template();
    let people = vec![
        Person::new("a@example.com", "Ann", ""),
        Person::new("b@example.com", "Bob", ""),
        Person::new("c@example.com", "Cy", ""),
    ];
    let portfolio = |role: &str, who: &str| Assignment { role: role.into(), person: who.into(), release: None };
    let assignments = vec![
        portfolio("test_manager", "a@example.com"),
        portfolio("release_owner", "a@example.com"),
        portfolio("sponsor", "c@example.com"),
        Assignment { role: "test_manager".into(), person: "b@example.com".into(), release: Some("R1".into()) },
    ];
    let h = Holders::new(&m, &people, &assignments);
    let r1 = release("R1", Some("c@example.com"));
    let r2 = release("R2", None);
    let names = |v: Vec<runway_domain::matrix::Holder>| v.into_iter().map(|h| h.name).collect::<Vec<_>>();
    assert_eq!(names(h.of(Some(&r1), "test_manager")), ["Bob"], "the release's own");
    assert_eq!(names(h.of(Some(&r2), "test_manager")), ["Ann"], "else the portfolio's");
    assert_eq!(names(h.of(Some(&r1), "release_owner")), ["Cy"], "the record's owner");
    assert_eq!(names(h.of(Some(&r2), "release_owner")), ["Ann"]);
    assert!(h.of(None, "deployment_staff").is_empty());

    let s = h.signers(Some(&r1), ACTIVITY_AUTHORIZE).unwrap();
    assert_eq!((s.code, s.describe()), (Code::Signature, "Cy (Sponsor (SVP))".to_owned()));
    // Nobody holds the CAB's accountable role: refused, naming the role.
    let err = h.signers(Some(&r1), "cab").unwrap_err();
    assert!(err.contains("Nobody holds Change Manager / CAB for R1"), "{err}");

    // The deployment informs the Test Manager (R1's own: Bob) and the Release Owner (R1's record:
    // Cy); nobody holds Deployment staff, its R, which the audience says.
    let a = h.audience(Some(&r1), "deploy");
    let informed: Vec<&str> = a.informed.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(informed, ["Bob", "Cy"]);
    assert!(a.unfilled.contains(&"Deployment staff".to_owned()));
}

#[test]
fn the_old_signature_role_becomes_the_row_signer() {
    let mut m = template();
    m.sign_with("process_owner");
    assert_eq!(m.roles_with(ACTIVITY_AUTHORIZE, Code::Signature)[0].key, "process_owner");
    assert!(check(&m).is_empty());
    let mut m = template();
    m.sign_with("change_manager");
    assert!(m.roles_with(ACTIVITY_AUTHORIZE, Code::Signature).is_empty(), "the A signs");
    assert!(check(&m).is_empty());
}

#[test]
fn merging_adds_what_is_missing_and_keeps_what_is_there() {
    let mut mine = template();
    let mut theirs = template();
    theirs.roles.push(RoleDef { key: "ciso".into(), name: "CISO".into() });
    theirs.activities.push(Activity {
        key: "pentest".into(),
        name: "Penetration test".into(),
        description: String::new(),
    });
    theirs.set("pentest", "ciso", Some(Code::Accountable)).unwrap();
    theirs.set("deploy", "sponsor", Some(Code::Informed)).unwrap();
    mine.merge(&theirs);
    assert_eq!(mine.code("pentest", "ciso"), Some(Code::Accountable));
    assert_eq!(mine.code("deploy", "sponsor"), None, "a row both have stays as it was");
}

/// One edit of a matrix, as a user might make them in any order.
#[derive(Debug, Clone)]
enum Edit {
    Set(usize, usize, Option<Code>),
    AddRole,
    RemoveRole(usize),
    AddActivity,
    RemoveActivity(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let code = prop_oneof![Just(None), prop::sample::select(Code::ALL).prop_map(Some)];
    prop_oneof![
        8 => (0usize..20, 0usize..20, code).prop_map(|(a, r, c)| Edit::Set(a, r, c)),
        1 => Just(Edit::AddRole),
        1 => (0usize..20).prop_map(Edit::RemoveRole),
        1 => Just(Edit::AddActivity),
        1 => (0usize..20).prop_map(Edit::RemoveActivity),
    ]
}

fn apply(m: &mut Matrix, e: &Edit, n: &mut usize) {
    match *e {
        Edit::Set(a, r, c) if !m.activities.is_empty() && !m.roles.is_empty() => {
            let a = m.activities[a % m.activities.len()].key.clone();
            let r = m.roles[r % m.roles.len()].key.clone();
            m.set(&a, &r, c).unwrap();
        }
        Edit::Set(..) => {}
        Edit::AddRole => {
            *n += 1;
            m.roles.push(RoleDef { key: format!("r{n}"), name: format!("Role {n}") });
        }
        Edit::RemoveRole(i) if !m.roles.is_empty() => {
            let key = m.roles.remove(i % m.roles.len()).key;
            m.cells.retain(|c| c.role != key);
        }
        Edit::AddActivity => {
            *n += 1;
            m.activities.push(Activity {
                key: format!("a{n}"),
                name: format!("Activity {n}"),
                description: String::new(),
            });
        }
        Edit::RemoveActivity(i) if !m.activities.is_empty() => {
            let key = m.activities.remove(i % m.activities.len()).key;
            m.cells.retain(|c| c.activity != key);
        }
        _ => {}
    }
}

proptest! {
    /// After any sequence of edits, `check` reports exactly the rows a brute-force count of
    /// every (activity, role) pair finds broken, and each row's roles in the matrix's order.
    #[test]
    fn check_agrees_with_a_brute_force_count(edits in prop::collection::vec(edit(), 0..80)) {
        let mut m = template();
        let mut n = 0;
        for e in &edits {
            apply(&mut m, e, &mut n);
        }
        let mut want = vec![];
        for a in &m.activities {
            let count = |code: Code| {
                let mut roles = vec![];
                for r in &m.roles {
                    for c in &m.cells {
                        if c.activity == a.key && c.role == r.key && c.code == code {
                            roles.push(r.key.clone());
                        }
                    }
                }
                roles
            };
            let (acc, resp, sig) = (count(Code::Accountable), count(Code::Responsible), count(Code::Signature));
            if acc.len() != 1 {
                want.push((a.key.clone(), Rule::OneAccountable, if acc.is_empty() { vec![] } else { acc }));
            }
            if resp.is_empty() {
                want.push((a.key.clone(), Rule::Responsible, vec![]));
            }
            if sig.len() > 1 {
                want.push((a.key.clone(), Rule::OneSignature, sig));
            }
        }
        let got: Vec<_> = check(&m).into_iter().map(|v| (v.activity, v.rule, v.roles)).collect();
        prop_assert_eq!(got, want);
        // One code per cell, whatever the edits.
        let mut seen = std::collections::HashSet::new();
        prop_assert!(m.cells.iter().all(|c| seen.insert((c.activity.clone(), c.role.clone()))));
    }
}
