//! The responsibility matrix on a real plan (D7): edits of cells, roles and activities, each an
//! audited, undoable write; the rules checked live; people holding roles for the portfolio and per
//! release; the gates asking the matrix who signs and who records the CAB's decision; the
//! audiences; the matrix through JSON export and import, and older documents still importing.

use runway_core::Error;
use runway_core::interchange::{parse, to_json};
use runway_core::matrix::MatrixEdit;
use runway_domain::matrix::{ACTIVITY_AUTHORIZE, Code, Rule, check};
use runway_domain::{CabDecision, EventKind, Person, ReleaseStatus as S, SignOffDecision};

use crate::lifecycle::{CAB, SIGNER, evidence, pick, plan, status_of};
use crate::{WHO, fingerprint};

fn field_error(e: &Error) -> String {
    match e {
        Error::Validation(errors) => errors.iter().map(|f| format!("{}: {}", f.field, f.message)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn cells_are_set_checked_audited_and_undone() {
    let (_dir, _path, mut p) = plan();
    assert!(p.matrix_check().unwrap().is_empty(), "the seed's template keeps its rules");
    let audit = p.audit_log(None, 100_000).unwrap().len();

    // A second A on the deployment: allowed, named on its row, the matrix no longer valid.
    let v = p.set_cell("deploy", "Release Owner", Some(Code::Accountable)).unwrap();
    assert_eq!(v.violations.len(), 1);
    let broken = &v.violations[0];
    assert_eq!((broken.activity.as_str(), broken.rule), ("deploy", Rule::OneAccountable));
    assert_eq!(
        broken.message,
        "Coordinate distribution and installation of releases: two roles are accountable: Release Manager and Release Owner"
    );
    assert_eq!(broken.roles, ["release_manager", "release_owner"]);
    let log = p.audit_log(None, 100_000).unwrap();
    assert_eq!(log.len(), audit + 1, "one audited write");
    let last = log.last().unwrap();
    assert_eq!((last.entity.as_str(), last.entity_key.as_str(), last.action.as_str()), ("matrix", "matrix", "update"));

    // Fixing it in a step; undo brings the broken state back, redo fixes it again.
    p.set_cell("deploy", "release_owner", Some(Code::Informed)).unwrap();
    assert!(p.matrix_check().unwrap().is_empty());
    p.undo().unwrap();
    assert_eq!(p.matrix_check().unwrap().len(), 1);
    p.redo().unwrap();
    assert!(p.matrix_check().unwrap().is_empty());

    // No R and two S on one row: both named.
    p.set_cell("verify", "release_owner", None).unwrap();
    p.set_cell("verify", "sponsor", Some(Code::Signature)).unwrap();
    p.set_cell("verify", "process_owner", Some(Code::Signature)).unwrap();
    let rules: Vec<Rule> = p.matrix_check().unwrap().into_iter().map(|v| v.rule).collect();
    assert_eq!(rules, [Rule::Responsible, Rule::OneSignature]);
}

#[test]
fn roles_and_activities_are_added_renamed_moved_and_removed() {
    let (_dir, _path, mut p) = plan();
    let v = p.edit_matrix(&MatrixEdit::AddRole { name: "Security Officer".into() }).unwrap();
    assert_eq!(v.matrix.roles.last().unwrap().key, "security_officer");
    p.edit_matrix(&MatrixEdit::MoveRole { key: "security_officer".into(), to: 0 }).unwrap();
    p.edit_matrix(&MatrixEdit::RenameRole { key: "security_officer".into(), name: "CISO".into() }).unwrap();
    let m = p.matrix().unwrap();
    assert_eq!((m.roles[0].key.as_str(), m.roles[0].name.as_str()), ("security_officer", "CISO"));
    p.set_cell("authorize", "CISO", Some(Code::Consulted)).unwrap();

    let v = p
        .edit_matrix(&MatrixEdit::AddActivity {
            name: "Dress rehearsal".into(),
            description: "Full run in Pre-prod".into(),
        })
        .unwrap();
    let a = v.matrix.activities.last().unwrap();
    assert_eq!((a.key.as_str(), a.description.as_str()), ("dress_rehearsal", "Full run in Pre-prod"));
    // A new row has no A and no R until someone fills it.
    assert_eq!(v.violations.iter().filter(|x| x.activity == "dress_rehearsal").count(), 2);
    p.edit_matrix(&MatrixEdit::MoveActivity { key: "dress_rehearsal".into(), to: 5 }).unwrap();
    assert_eq!(p.matrix().unwrap().activities[5].key, "dress_rehearsal");
    p.edit_matrix(&MatrixEdit::RemoveActivity { key: "dress_rehearsal".into() }).unwrap();

    // Removing the role takes its cells with it; undo brings both back.
    p.edit_matrix(&MatrixEdit::RemoveRole { key: "security_officer".into() }).unwrap();
    assert!(p.matrix().unwrap().role("security_officer").is_none());
    p.undo().unwrap();
    assert_eq!(p.matrix().unwrap().code("authorize", "security_officer"), Some(Code::Consulted));
}

#[test]
fn bad_matrix_edits_are_refused_by_name_and_change_nothing() {
    let (_dir, _path, mut p) = plan();
    let before = fingerprint(&p);
    let refusals = [
        (p.set_cell("deploy", "Janitor", Some(Code::Responsible)).unwrap_err(), "\"Janitor\" is not a role"),
        (p.set_cell("party", "release_owner", Some(Code::Responsible)).unwrap_err(), "\"party\" is not an activity"),
        (
            p.edit_matrix(&MatrixEdit::RemoveRole { key: "test_manager".into() }).unwrap_err(),
            "Test Manager cannot be removed: dmitry.ivanov@example.com",
        ),
        (
            p.edit_matrix(&MatrixEdit::RemoveRole { key: "release_owner".into() }).unwrap_err(),
            "Release Owner cannot be removed",
        ),
        (p.edit_matrix(&MatrixEdit::RemoveActivity { key: "cab".into() }).unwrap_err(), "its gate asks it"),
        (p.edit_matrix(&MatrixEdit::AddRole { name: "release manager".into() }).unwrap_err(), "already a role named"),
        (p.edit_matrix(&MatrixEdit::RenameRole { key: "sponsor".into(), name: " ".into() }).unwrap_err(), "empty"),
        (p.assign("test_manager", "nobody@example.com", None).unwrap_err(), "not a person in this plan"),
        (p.assign("test_manager", "dmitry.ivanov@example.com", None).unwrap_err(), "already holds Test Manager"),
        (p.assign("test_manager", "dmitry.ivanov@example.com", Some("REL-0")).unwrap_err(), "REL-0"),
        (p.unassign("sponsor", "robert.king@example.com", None).unwrap_err(), "does not hold Sponsor (SVP)"),
    ];
    for (err, words) in refusals {
        assert!(err.to_string().contains(words) || format!("{err:?}").contains(words), "{words}: {err}");
    }
    assert!(field_error(&p.save_person(Person::new("not-an-address", "X", "")).unwrap_err()).contains("email"));
    assert_eq!(
        Code::read("AA").unwrap_err(),
        "\"AA\" gives more than one code: a cell holds one of S, A, R, C, I (or none)."
    );
    assert!(Code::read("X").unwrap_err().contains("is not a code"));
    assert_eq!(fingerprint(&p), before, "nothing changed");
}

#[test]
fn the_sign_off_comes_from_the_matrix_signer_and_a_refusal_names_them() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::AwaitingAuthorization, |_| true);
    let authorize = EventKind::SignOff { decision: SignOffDecision::Authorize };
    let l = p.lifecycle(&key).unwrap();
    assert_eq!(l.signers.iter().map(|h| h.email.as_str()).collect::<Vec<_>>(), [SIGNER]);
    assert_eq!(l.signing, "Eleanor Whitfield (Sponsor (SVP))");
    let before = fingerprint(&p);

    let err = p.record(&key, evidence(authorize.clone(), Some(CAB))).unwrap_err().to_string();
    assert!(err.contains("Only Eleanor Whitfield (Sponsor (SVP)) can sign off"), "{err}");
    assert!(err.contains("not robert.king@example.com"), "{err}");
    assert_eq!(fingerprint(&p), before, "a refused sign-off changes nothing");

    // The matrix moves the signature to the Release Owner; this release names its own.
    let r = p.release(&key).unwrap().release;
    p.set_cell(ACTIVITY_AUTHORIZE, "sponsor", None).unwrap();
    p.set_cell(ACTIVITY_AUTHORIZE, "release_owner", Some(Code::Signature)).unwrap();
    let own = if r.owner.as_deref() == Some("ines.moreau@example.com") {
        "hannah.becker@example.com"
    } else {
        "ines.moreau@example.com"
    };
    p.assign("release_owner", own, Some(&key)).unwrap();
    assert_eq!(p.release(&key).unwrap().release.owner.as_deref(), Some(own), "the record's owner is the release's");
    let err = p.record(&key, evidence(authorize.clone(), Some(SIGNER))).unwrap_err().to_string();
    assert!(err.contains("(Release Owner)") && err.contains("Only"), "{err}");
    let out = p.record(&key, evidence(authorize, Some(own))).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Authorized);
    let signed = out.lifecycle.events.iter().rev().find(|e| matches!(e.what, EventKind::SignOff { .. })).unwrap();
    assert_eq!((signed.by.as_str(), signed.role.as_deref()), (own, Some("release_owner")));
}

#[test]
fn a_broken_authorization_row_lets_nobody_sign() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::AwaitingAuthorization, |_| true);
    p.set_cell(ACTIVITY_AUTHORIZE, "test_manager", Some(Code::Signature)).unwrap();
    let l = p.lifecycle(&key).unwrap();
    assert!(l.signers.is_empty());
    assert!(l.signing.contains("two roles sign: Sponsor (SVP) and Test Manager"), "{}", l.signing);
    let err = p
        .record(&key, evidence(EventKind::SignOff { decision: SignOffDecision::Authorize }, Some(SIGNER)))
        .unwrap_err()
        .to_string();
    assert!(err.contains("breaks its rules"), "{err}");
}

#[test]
fn the_cab_decision_comes_from_the_cab_activity_or_a_named_member() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::SubmittedToCab, |_| true);
    let approve = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let err = p.record(&key, evidence(approve.clone(), Some("zoe.angstrom@example.com"))).unwrap_err().to_string();
    assert!(err.contains("Only Robert King (Change Manager / CAB) can record the CAB's decision"), "{err}");
    let mut policy = p.policy().unwrap();
    policy.cab_members = vec!["zoe.angstrom@example.com".into()];
    p.set_policy(policy).unwrap();
    p.record(&key, evidence(approve, Some("zoe.angstrom@example.com"))).unwrap();
    assert_eq!(status_of(&p, &key), S::Approved);
}

#[test]
fn the_audience_names_each_person_once_with_the_release_own_holders() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::Test, |_| true);
    let a = p.audience(&key, "deploy").unwrap();
    assert!(a.violations.is_empty() && a.unfilled.is_empty(), "{a:?}");
    let names = |v: &[runway_domain::matrix::AudienceMember]| v.iter().map(|m| m.email.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a.responsible), ["chen.wei@example.com", "fatima.zahra@example.com"]);
    let r = p.release(&key).unwrap().release;
    assert_eq!(names(&a.accountable), [r.manager.clone().unwrap()], "the release's own manager");
    // The demo's release in Test names its own Test Manager (informed of the deployment).
    assert_eq!(names(&a.informed).iter().filter(|e| e.contains("sofia") || e.contains("dmitry")).count(), 1);
    // A person holding two of the row's roles is told once, with both.
    p.assign("environment_staff", "chen.wei@example.com", None).unwrap();
    let a = p.audience(&key, "Coordinate distribution and installation of releases").unwrap();
    let chen: Vec<_> = a.to_tell().into_iter().filter(|m| m.email == "chen.wei@example.com").collect();
    assert_eq!(chen.len(), 1);
    assert!(a.consulted.iter().any(|m| m.email == "chen.wei@example.com"));
    // Every release × activity resolves.
    let all = p.audiences().unwrap();
    assert_eq!(all.len(), 40);
    assert!(all.iter().all(|(_, v)| v.len() == 9));
}

#[test]
fn the_matrix_travels_in_the_document_and_older_documents_still_import() {
    let (dir, _path, mut p) = plan();
    p.set_cell("deploy", "early_life_support", Some(Code::Consulted)).unwrap();
    let key = pick(&p, S::Build, |_| true);
    p.assign("deployment_staff", "grace.mwangi@example.com", Some(&key)).unwrap();
    let doc = p.export().unwrap();
    assert_eq!(doc.version, runway_domain::portfolio::PORTFOLIO_VERSION);
    let json = to_json(&doc).unwrap();
    assert!(json.contains("\"assignments\"") && json.contains("\"matrix\""));
    let back = parse(&json, "x.json").unwrap();
    assert_eq!(back, doc, "export → parse is the identity");
    let fresh = dir.path().join("copy.runway");
    let mut q = runway_core::Planner::create(&fresh, "copy", WHO, false).unwrap();
    q.import(&back, "x.json").unwrap();
    assert_eq!(q.matrix().unwrap(), p.matrix().unwrap());
    assert_eq!(q.export().unwrap().assignments, doc.assignments);

    // A version-2 document: each person holds one role, the policy names the signature role.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let o = v.as_object_mut().unwrap();
    o.insert("version".into(), 2.into());
    o.remove("matrix");
    o.remove("assignments");
    for person in o["people"].as_array_mut().unwrap() {
        let role = if person["email"] == CAB { "change_manager" } else { "release_owner" };
        person.as_object_mut().unwrap().insert("role".into(), role.into());
    }
    o["policy"].as_object_mut().unwrap().insert("signature_role".into(), "change_manager".into());
    let old = parse(&serde_json::to_string(&v).unwrap(), "v2.json").unwrap();
    let signers = old.matrix.as_ref().unwrap().roles_with(ACTIVITY_AUTHORIZE, Code::Signature).len();
    assert_eq!(signers, 0, "the Change Manager is the row's A: it signs");
    assert!(old.assignments.iter().any(|a| a.person == CAB && a.role == "change_manager"));
    let path2 = dir.path().join("v2.runway");
    let mut r = runway_core::Planner::create(&path2, "v2", WHO, false).unwrap();
    r.import(&old, "v2.json").unwrap();
    assert!(check(&r.matrix().unwrap()).is_empty());
    let key = pick(&r, S::AwaitingAuthorization, |_| true);
    assert_eq!(r.lifecycle(&key).unwrap().signers[0].email, CAB);

    // A document with a bad matrix or assignment is refused by path, and nothing is imported.
    let mut bad: serde_json::Value = serde_json::from_str(&json).unwrap();
    bad["assignments"][0]["role"] = "janitor".into();
    bad["matrix"]["cells"][0]["role"] = "nobody".into();
    let doc = parse(&serde_json::to_string(&bad).unwrap(), "bad.json").unwrap();
    let path3 = dir.path().join("bad.runway");
    let mut b = runway_core::Planner::create(&path3, "bad", WHO, false).unwrap();
    let err = b.import(&doc, "bad.json").unwrap_err().to_string();
    assert!(err.contains("matrix.cells[0].role") && err.contains("assignments[0].role"), "{err}");
    assert!(b.list_releases().unwrap().is_empty());
}
