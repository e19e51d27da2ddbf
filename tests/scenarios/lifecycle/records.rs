//! A plan's record of decisions and evidence: it travels through export and
//! import with the policy, an imported history must lead to each release's stage, and verify finds
//! a decision or a stage written behind Runway's back.

use super::*;

#[test]
fn events_and_policy_round_trip_through_export_and_import() {
    let (dir, _path, mut p) = plan();
    // Give the plan some history of its own: a non-default policy, a decision, a revocation.
    let policy = Policy { lead_time_days: 21, require_review: false, ..Policy::default() };
    p.set_policy(policy.clone()).unwrap();
    let key = pick(&p, S::SubmittedToCab, |r| !r.rfcs.is_empty());
    let out = p
        .record(&key, evidence(EventKind::CabDecision { decision: CabDecision::Defer, emergency: false }, Some(CAB)))
        .unwrap();
    let deferred = out.lifecycle.events.last().unwrap().id;
    p.revoke(&key, deferred, "Recorded against the wrong release").unwrap();

    let first = to_json(&p.export().unwrap()).unwrap();
    let doc = p.export().unwrap();
    assert_eq!(doc.policy.as_ref(), Some(&policy));
    assert!(doc.events.iter().any(|e| e.what == EventKind::Revocation { revokes: deferred }));
    assert!(doc.events.windows(2).all(|w| w[1].id == w[0].id + 1), "a plan's events are numbered without gaps");

    let file = dir.path().join("first.json");
    std::fs::write(&file, &first).unwrap();
    let (p2, summary) = Planner::import_file_into(&dir.path().join("second.runway"), &file, WHO).unwrap();
    assert_eq!(summary.events, doc.events.len());
    assert_eq!(to_json(&p2.export().unwrap()).unwrap(), first, "the same events, ids and policy");
    assert_eq!(p2.policy().unwrap(), policy);
    assert_eq!(p2.lifecycle(&key).unwrap().revoked, [deferred]);
    assert!(p2.verify().unwrap().ok());

    // A document numbering its events with gaps gets the plan's own numbers on import; the
    // references between events follow, so the plan exports as the original did.
    let mut gappy = doc.clone();
    for e in &mut gappy.events {
        e.id *= 10;
        if let EventKind::Revocation { revokes: t } | EventKind::IncidentClosed { incident: t } = &mut e.what {
            *t *= 10;
        }
    }
    let file = dir.path().join("gappy.json");
    std::fs::write(&file, to_json(&gappy).unwrap()).unwrap();
    let (p3, _) = Planner::import_file_into(&dir.path().join("third.runway"), &file, WHO).unwrap();
    assert_eq!(to_json(&p3.export().unwrap()).unwrap(), first);
}

#[test]
fn an_import_whose_moves_do_not_lead_to_the_stage_is_refused_and_creates_nothing() {
    let (dir, _path, p) = plan();
    let mut doc = p.export().unwrap();
    let i = doc.releases.iter().position(|r| r.status == S::Planned).unwrap();
    doc.releases[i].status = S::Approved;
    let file = dir.path().join("bad.json");
    std::fs::write(&file, to_json(&doc).unwrap()).unwrap();
    let db = dir.path().join("new.runway");
    let err = Planner::import_file_into(&db, &file, WHO).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Import(_)), "{err:?}");
    assert!(msg.contains(&format!("releases[{i}].status")) && msg.contains("end in Planned"), "{msg}");
    assert!(msg.contains("nothing was imported"), "{msg}");
    assert!(!db.exists(), "no plan is created");

    // A move the lifecycle does not have is refused the same way.
    let mut doc = p.export().unwrap();
    let key = doc.releases[i].key.clone();
    let e = doc.events.iter_mut().find(|e| e.release == key).unwrap();
    e.what = EventKind::Transition { from: S::Draft, to: S::Deployed, overridden: vec![] };
    doc.releases[i].status = S::Deployed;
    std::fs::write(&file, to_json(&doc).unwrap()).unwrap();
    let msg = Planner::import_file_into(&db, &file, WHO).unwrap_err().to_string();
    assert!(msg.contains(&format!("releases[{i}].status")) && msg.contains("no move from Draft to Deployed"), "{msg}");
    assert!(!db.exists());
}

#[test]
fn verify_finds_a_decision_written_behind_runways_back() {
    let (_dir, _path, p) = plan();
    assert!(p.verify().unwrap().ok());
    let key = pick(&p, S::AwaitingAuthorization, |_| true);
    {
        // A sign-off inserted with plain SQL: the triggers allow inserts, the audit log knows nothing.
        let c = rusqlite::Connection::open(p.path()).unwrap();
        c.execute(
            "INSERT INTO event (release_id, at, by, role, type, data)
             SELECT id, '2026-11-20T10:00:00.000Z', 'robert.king@example.com', 'change_manager', 'sign_off',
                    '{\"type\":\"sign_off\",\"decision\":\"authorize\"}'
             FROM release WHERE key = ?1",
            [&key],
        )
        .unwrap();
    }
    let report = p.verify().unwrap();
    let bad = report.first_failure().expect("the forged sign-off is found");
    assert_eq!(bad.name, "decisions");
    assert!(bad.detail.contains("not in the audit log") && bad.detail.contains(&key), "{}", bad.detail);
}

#[test]
fn verify_finds_a_stage_its_moves_do_not_lead_to() {
    let (_dir, _path, p) = plan();
    let key = pick(&p, S::Planned, |_| true);
    rusqlite::Connection::open(p.path())
        .unwrap()
        .execute("UPDATE release SET status = 'authorized' WHERE key = ?1", [&key])
        .unwrap();
    let report = p.verify().unwrap();
    let bad = report.first_failure().expect("the forged stage is found");
    assert_eq!(bad.name, "decisions");
    assert!(bad.detail.contains(&key) && bad.detail.contains("authorized"), "{}", bad.detail);
}

#[test]
fn an_imported_history_cannot_revoke_a_move_or_close_what_is_not_an_incident() {
    let (dir, _path, p) = plan();
    let doc = p.export().unwrap();
    let move_id = doc.events.iter().find(|e| matches!(e.what, EventKind::Transition { .. })).unwrap().clone();
    for what in [EventKind::Revocation { revokes: move_id.id }, EventKind::IncidentClosed { incident: move_id.id }] {
        let mut bad = doc.clone();
        let mut e = move_id.clone();
        e.id = bad.events.last().unwrap().id + 1;
        e.what = what;
        bad.events.push(e);
        let file = dir.path().join("bad.json");
        std::fs::write(&file, to_json(&bad).unwrap()).unwrap();
        let target = dir.path().join("never.runway");
        let err = Planner::import_file_into(&target, &file, WHO).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("cannot be revoked") || msg.contains("is not an incident"), "{msg}");
        assert!(msg.contains(&format!("events[{}]", bad.events.len() - 1)), "{msg}");
        assert!(!target.exists());
    }
}
