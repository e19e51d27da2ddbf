//! The release record: create, edit, link, delete; invalid input is refused at its field and
//! changes nothing.

use runway_core::{Error, Planner};
use runway_domain::{Release, ReleaseInput, ReleaseKind, ReleaseStatus, ReleaseUnit, RfcStatus, Risk, Window};

use crate::{demo, fingerprint};

pub fn input_of(r: &Release) -> ReleaseInput {
    ReleaseInput::from(r)
}

pub fn new_input() -> ReleaseInput {
    ReleaseInput {
        key: "REL-2027.03.99".into(),
        title: "Payments 7.0 — instant refunds".into(),
        kind: ReleaseKind::Major,
        unit: ReleaseUnit::Full,
        applications: vec!["PAY".into()],
        owner: Some("hannah.becker@example.com".into()),
        manager: Some("zoe.angstrom@example.com".into()),
        environments: vec!["UAT".into(), "Prod".into()],
        window: Some(Window {
            start: "2027-03-13T22:00:00".parse().unwrap(),
            end: "2027-03-14T04:00:00".parse().unwrap(),
        }),
        risk: Risk::High,
        acceptance_criteria: "Refunds settle within 10 s".into(),
        backout_plan: "Redeploy 6.4.2".into(),
        backout_tested: false,
        notes: "<script>alert(1)</script> stays text".into(),
    }
}

fn refused(p: &mut Planner, input: ReleaseInput) -> Vec<(String, String)> {
    let before = fingerprint(p);
    let err = p.create_release(input).unwrap_err();
    assert_eq!(fingerprint(p), before, "a refused create changes nothing");
    match err {
        Error::Validation(fields) => fields.into_iter().map(|f| (f.field, f.message)).collect(),
        e => panic!("expected a validation error, got {e}"),
    }
}

#[test]
fn a_release_created_from_the_form_is_a_draft_with_everything_kept() {
    let (_dir, _path, mut p) = demo(3);
    let d = p.create_release(new_input()).unwrap();
    assert_eq!(d.release.status, ReleaseStatus::Draft);
    assert_eq!(d.release.environments, vec!["UAT", "Prod"], "in the order of the path to production");
    assert_eq!(d.release.notes, "<script>alert(1)</script> stays text");
    assert!(
        p.list_releases()
            .unwrap()
            .iter()
            .any(|r| r.key == "REL-2027.03.99" && r.owner.as_deref() == Some("Hannah Becker"))
    );
}

#[test]
fn invalid_input_is_refused_at_its_field() {
    let (_dir, _path, mut p) = demo(3);
    let taken = p.list_releases().unwrap()[0].key.clone();
    let cases: Vec<(ReleaseInput, &str, &str)> = vec![
        (ReleaseInput { title: "   ".into(), ..new_input() }, "title", "required"),
        (ReleaseInput { key: taken.clone(), ..new_input() }, "key", "already the key"),
        (ReleaseInput { key: "REL 1".into(), ..new_input() }, "key", "not allowed"),
        (
            ReleaseInput {
                window: Some(Window {
                    start: "2027-03-14T22:00:00".parse().unwrap(),
                    end: "2027-03-14T21:00:00".parse().unwrap(),
                }),
                ..new_input()
            },
            "window",
            "before",
        ),
        (ReleaseInput { owner: Some("ghost@example.com".into()), ..new_input() }, "owner", "ghost@example.com"),
        (ReleaseInput { manager: Some("nobody@example.com".into()), ..new_input() }, "manager", "not a person"),
        (ReleaseInput { applications: vec!["XYZ".into()], ..new_input() }, "applications", "XYZ"),
    ];
    for (input, field, words) in cases {
        let errors = refused(&mut p, input);
        assert!(errors.iter().any(|(f, m)| f == field && m.contains(words)), "{field}: {errors:?}");
    }
}

#[test]
fn editing_renames_and_refuses_a_taken_key() {
    let (_dir, _path, mut p) = demo(4);
    let keys: Vec<String> = p.list_releases().unwrap().into_iter().map(|r| r.key).collect();
    let r = p.release(&keys[0]).unwrap().release;
    let before = fingerprint(&p);
    let err = p.update_release(&keys[0], ReleaseInput { key: keys[1].clone(), ..input_of(&r) }).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "key"), "{err}");
    assert_eq!(fingerprint(&p), before);
    let d = p.update_release(&keys[0], ReleaseInput { key: "REL-RENAMED".into(), ..input_of(&r) }).unwrap();
    assert_eq!(d.release.key, "REL-RENAMED");
    assert_eq!(d.release.rfcs, r.rfcs, "links follow the rename");
    assert!(p.release(&keys[0]).is_err());
}

#[test]
fn rfcs_and_cis_are_linked_and_unlinked() {
    let (_dir, _path, mut p) = demo(3);
    let key = p.create_release(new_input()).unwrap().release.key;
    p.create_rfc(runway_domain::Rfc {
        key: "RFC-9001".into(),
        title: "Instant refunds".into(),
        status: RfcStatus::Submitted,
    })
    .unwrap();
    let d = p.link_rfc(&key, "RFC-9001").unwrap();
    assert_eq!(d.linked_rfcs[0].title, "Instant refunds");
    let d = p.link_ci(&key, "payments-api", "7.0.0").unwrap();
    assert_eq!(d.bill_of_materials[0].version, "7.0.0");
    let d = p.link_ci(&key, "payments-api", "7.0.1").unwrap();
    assert_eq!(d.bill_of_materials.len(), 1, "linking again changes the version");
    assert_eq!(d.bill_of_materials[0].version, "7.0.1");
    assert!(p.link_ci(&key, "payments-api", "  ").is_err());
    assert!(p.link_rfc(&key, "RFC-0000").unwrap_err().to_string().contains("RFC-0000"));
    let d = p.unlink_rfc(&key, "RFC-9001").unwrap();
    assert!(d.linked_rfcs.is_empty());
    let d = p.unlink_ci(&key, "payments-api").unwrap();
    assert!(d.bill_of_materials.is_empty());
    assert!(p.unlink_ci(&key, "payments-api").is_err());
    let head = p.info().unwrap().audit_head;
    p.link_ci(&key, "payments-gateway", "7.0.0").unwrap();
    let head_after_link = p.info().unwrap().audit_head;
    p.link_ci(&key, "payments-gateway", "7.0.0").unwrap();
    assert_eq!(p.info().unwrap().audit_head, head_after_link, "linking what is linked records nothing");
    assert_ne!(head, head_after_link);
    p.unlink_ci(&key, "payments-gateway").unwrap();
    let actions: Vec<String> = p.audit_trail(&key).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(
        actions,
        ["create", "link_rfc", "link_ci", "link_ci", "unlink_rfc", "unlink_ci", "link_ci", "unlink_ci"]
    );
}

#[test]
fn deleting_a_release_keeps_its_last_state_in_the_audit_log() {
    let (_dir, _path, mut p) = demo(40);
    let key = p.list_releases().unwrap().into_iter().find(|r| r.status == ReleaseStatus::Draft).unwrap().key;
    p.delete_release(&key).unwrap();
    assert!(matches!(p.release(&key).unwrap_err(), Error::NotFound(_)));
    let last = p.audit_trail(&key).unwrap().pop().unwrap();
    assert_eq!(last.action, "delete");
    assert!(last.before.unwrap().contains(&key));
    assert!(p.verify().unwrap().ok());
}

#[test]
fn a_release_with_decisions_on_record_cannot_be_deleted() {
    let (_dir, _path, mut p) = demo(40);
    let key = p.list_releases().unwrap().into_iter().find(|r| r.status == ReleaseStatus::Approved).unwrap().key;
    let before = crate::fingerprint(&p);
    let err = p.delete_release(&key).unwrap_err();
    assert!(err.to_string().contains("cancel the release instead"), "{err}");
    assert_eq!(crate::fingerprint(&p), before);
}

#[test]
fn five_thousand_releases_open_and_list() {
    let (_dir, path, p) = demo(5000);
    drop(p);
    let p = Planner::open(&path, crate::WHO).unwrap();
    assert_eq!(p.list_releases().unwrap().len(), 5000);
    assert!(p.verify().unwrap().ok());
}

/// An RFC with a five-million-character title used to be stored; it is refused at its field with
/// the limit and its length, and nothing changes.
#[test]
fn an_rfc_with_an_absurd_title_is_refused_at_its_field() {
    let (_dir, _path, mut p) = demo(3);
    let before = fingerprint(&p);
    let rfc = runway_domain::Rfc { key: "RFC-9002".into(), title: "x".repeat(5_000_000), status: RfcStatus::Submitted };
    let err = p.create_rfc(rfc).unwrap_err();
    let Error::Validation(fields) = &err else { panic!("{err}") };
    assert_eq!(fields[0].field, "title");
    assert!(fields[0].message.contains("5000000") && fields[0].message.contains("200"), "{}", fields[0].message);
    assert_eq!(fingerprint(&p), before);
}
