//! The forward schedule of changes on a real plan file (issue 15): windows and bookings as
//! undoable edits, bad input refused by field with nothing changed, the conflicts they make, the
//! gates that stop on a blocking one, the next free slot applied and undone, and the calendar in
//! the portfolio document.

use chrono::{NaiveDate, NaiveDateTime};
use runway_core::dto::MoveInput;
use runway_core::{Error, Planner};
use runway_domain::calendar::{ChangeWindow, ConflictKind, ManualBooking, Scope, Severity, WindowKind};
use runway_domain::lifecycle::Gate;
use runway_domain::{MilestoneKind as K, ReleaseStatus as S};

use crate::{demo, fingerprint, today};

fn t(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn freeze(name: &str, start: &str, end: &str) -> ChangeWindow {
    ChangeWindow {
        name: name.into(),
        kind: WindowKind::Freeze,
        reason: "Year-end close".into(),
        scope: Scope::default(),
        start: t(start),
        end: t(end),
        all_day: false,
        recurrence: None,
        exceptions: vec![],
    }
}

/// A release of the demo in `status` with a deployment window after today.
fn coming(p: &Planner, status: S) -> String {
    p.list_releases()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.status == status && p.release(&r.key).unwrap().release.window.is_some_and(|w| w.start.date() > today())
        })
        .unwrap_or_else(|| panic!("the demo has no coming release in {status:?}"))
        .key
}

fn window_of(p: &Planner, key: &str) -> runway_domain::Window {
    p.release(key).unwrap().release.window.unwrap()
}

fn has_freeze(p: &Planner, key: &str, window: &str) -> bool {
    p.release_conflicts(key)
        .unwrap()
        .iter()
        .any(|c| c.kind == ConflictKind::Freeze && c.parties.iter().any(|x| x.name == window) && c.involves(key))
}

#[test]
fn a_freeze_over_a_deployment_stops_it_until_the_next_free_slot_moves_it_and_undo_brings_it_back() {
    let (_dir, _path, mut p) = demo(12);
    p.set_today(today());
    let key = coming(&p, S::Authorized);
    let w = window_of(&p, &key);
    let day = w.start.date();
    let start = day.pred_opt().unwrap().and_hms_opt(0, 0, 0).unwrap();
    let end = day.succ_opt().unwrap().succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap();
    p.save_window(
        None,
        ChangeWindow { start, end, ..freeze("Payments freeze", "2000-01-01T00:00:00", "2000-01-02T00:00:00") },
    )
    .unwrap();

    // The conflict names the release, the window, the dates and the reason.
    let c = p
        .release_conflicts(&key)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == ConflictKind::Freeze)
        .expect("a freeze conflict");
    assert_eq!(c.severity, Severity::Blocking);
    assert!(c.message.starts_with(&format!("{key}'s deployment (")), "{}", c.message);
    assert!(
        c.message.contains("the freeze \"Payments freeze\"") && c.message.contains("Year-end close"),
        "{}",
        c.message
    );
    assert!(p.conflicts(None, None).unwrap().iter().any(|x| x.id == c.id), "the plan's list has it too");

    // The start of deployment is refused, naming the conflict; nothing changes.
    let before = fingerprint(&p);
    let err =
        p.move_release(&key, MoveInput { to: S::Deploying, reason: String::new(), override_gate: false }).unwrap_err();
    let Error::Refused { message, unmet } = &err else { panic!("{err:?}") };
    assert!(unmet.iter().any(|u| u.code == "conflicts" && u.detail.contains("Payments freeze")), "{unmet:?}");
    assert!(message.contains("Start of deployment"), "{message}");
    assert_eq!(fingerprint(&p), before);

    // The next free slot is after the freeze and breaks no rule; applying it is one edit.
    let slots = p.slots(&key, 3).unwrap();
    assert!(!slots.is_empty());
    assert!(slots.iter().all(|s| s.start >= end || s.end <= start), "{slots:?}");
    let first = slots[0].clone();
    let moved = p.apply_slot(&key, first.start).unwrap();
    assert_eq!(moved.release.window.unwrap().start, first.start);
    let deployment = moved.release.milestones.iter().find(|m| m.kind == K::Deployment).unwrap();
    assert_eq!(deployment.planned_start, first.start.date(), "the deployment phase moves with its window");
    assert!(!has_freeze(&p, &key, "Payments freeze"));
    assert!(
        p.release_conflicts(&key).unwrap().iter().all(|c| c.end <= first.start || c.start >= first.end),
        "no conflict at the new window"
    );

    // Undo puts the deployment back into the freeze, redo takes it out again.
    let (message, undone) = p.undo().unwrap();
    assert_eq!(undone, key, "{message}");
    assert_eq!(window_of(&p, &key), w);
    assert!(has_freeze(&p, &key, "Payments freeze"));
    p.redo().unwrap();
    assert!(!has_freeze(&p, &key, "Payments freeze"));
}

/// The release page asks the core whether the slot search may move a release: not once it is
/// deploying (its conflicts still shown), and the search itself refuses it with the same reason.
#[test]
fn a_release_that_can_no_longer_move_gets_no_slot_and_the_core_says_why() {
    let (_dir, _path, mut p) = demo(12);
    p.set_today(today());
    let key = coming(&p, S::Authorized);
    let page = p.release_calendar(&key).unwrap();
    assert_eq!(page.no_slot, None);
    assert_eq!(page.conflicts, p.release_conflicts(&key).unwrap());
    assert!(!p.slots(&key, 1).unwrap().is_empty());

    p.move_release(&key, MoveInput { to: S::Deploying, reason: String::new(), override_gate: true }).unwrap();
    let page = p.release_calendar(&key).unwrap();
    let why = "The release is deploying: its deployment window can no longer move.";
    assert_eq!(page.no_slot.as_deref(), Some(why));
    assert_eq!(page.conflicts, p.release_conflicts(&key).unwrap());
    let err = p.slots(&key, 1).unwrap_err();
    assert!(matches!(&err, Error::Conflict(m) if m == &format!("No free slot for {key}: {why}")), "{err:?}");
    assert!(matches!(p.release_calendar("REL-NONE"), Err(Error::NotFound(_))));
}

#[test]
fn the_policy_may_let_the_start_of_deployment_be_overridden_with_a_reason() {
    let (_dir, _path, mut p) = demo(12);
    p.set_today(today());
    let key = coming(&p, S::Authorized);
    let w = window_of(&p, &key);
    p.save_window(
        None,
        ChangeWindow {
            start: w.start,
            end: w.end,
            ..freeze("Hard freeze", "2000-01-01T00:00:00", "2000-01-02T00:00:00")
        },
    )
    .unwrap();
    let mut policy = p.policy().unwrap();
    policy.overridable.push(Gate::Deploy);
    p.set_policy(policy).unwrap();
    let out = p
        .move_release(
            &key,
            MoveInput { to: S::Deploying, reason: "CAB chair accepted the risk".into(), override_gate: true },
        )
        .unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Deploying);
    let last = out.lifecycle.events.last().unwrap();
    let runway_domain::EventKind::Transition { overridden, .. } = &last.what else { panic!() };
    assert!(overridden.iter().any(|o| o.contains("No blocking conflict")), "{overridden:?}");
}

#[test]
fn bad_windows_and_bookings_are_refused_by_field_and_change_nothing() {
    let (_dir, _path, mut p) = demo(12);
    let before = fingerprint(&p);
    let mut bad = freeze("Backwards", "2027-01-05T00:00:00", "2027-01-04T00:00:00");
    bad.scope.environments = vec!["Prdo".into()];
    bad.recurrence = Some("FREQ=WEEKLY;BYDAY=XX".into());
    let Err(Error::Validation(errors)) = p.save_window(None, bad) else { panic!() };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["end", "scope.environments", "recurrence"], "{errors:?}");
    assert!(errors[1].message.contains("\"Prdo\""));

    let booking = ManualBooking {
        environment: "Nowhere".into(),
        start: t("2027-02-01T09:00:00"),
        end: t("2027-02-01T08:00:00"),
        purpose: " ".into(),
        by: String::new(),
        release: Some("REL-NOPE".into()),
    };
    let Err(Error::Validation(errors)) = p.save_booking(None, booking) else { panic!() };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["environment", "purpose", "release", "end"], "{errors:?}");
    assert!(matches!(p.set_time_zone("Mars/Olympus"), Err(Error::Validation(_))));
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_booking_beyond_capacity_is_allowed_and_shows_as_a_conflict_naming_both() {
    let (_dir, _path, mut p) = demo(12);
    let env = p.catalog().unwrap().environments.into_iter().find(|e| e.name == "UAT").expect("a UAT environment");
    let day = NaiveDate::from_ymd_opt(2030, 6, 4).unwrap();
    let book = |purpose: &str, by: &str| ManualBooking {
        environment: env.name.clone(),
        start: day.and_hms_opt(9, 0, 0).unwrap(),
        end: day.and_hms_opt(17, 0, 0).unwrap(),
        purpose: purpose.into(),
        by: by.into(),
        release: None,
    };
    let a = p.save_booking(None, book("Performance test", "Ana")).unwrap();
    let b = p.save_booking(None, book("DB patching", "Ben")).unwrap();
    let found = p.conflicts(Some(day), Some(day)).unwrap();
    let c = found.iter().find(|c| c.kind == ConflictKind::EnvironmentCapacity).expect("over capacity");
    assert_eq!(c.environment.as_deref(), Some("UAT"));
    assert!(
        c.message.contains("\"Performance test\" (booked by Ana)")
            && c.message.contains("\"DB patching\" (booked by Ben)"),
        "{}",
        c.message
    );
    let ids: Vec<Option<i64>> = c.parties.iter().map(|x| x.booking).collect();
    assert!(ids.contains(&Some(a)) && ids.contains(&Some(b)));

    // A capacity of 2 takes both; undo brings the clash back.
    p.set_environment(runway_domain::Environment { capacity: 2, ..env.clone() }).unwrap();
    assert!(p.conflicts(Some(day), Some(day)).unwrap().iter().all(|c| c.kind != ConflictKind::EnvironmentCapacity));
    p.undo().unwrap();
    assert_eq!(p.catalog().unwrap().environments.iter().find(|e| e.name == "UAT").unwrap().capacity, env.capacity);
    // Releasing a booking, and undoing that.
    p.remove_booking(b).unwrap();
    assert!(p.conflicts(Some(day), Some(day)).unwrap().iter().all(|c| c.kind != ConflictKind::EnvironmentCapacity));
    p.undo().unwrap();
    assert!(p.conflicts(Some(day), Some(day)).unwrap().iter().any(|c| c.kind == ConflictKind::EnvironmentCapacity));
}

#[test]
fn windows_bookings_and_the_time_zone_travel_in_the_portfolio_document_and_version_1_still_imports() {
    let (dir, _path, mut p) = demo(12);
    p.set_time_zone("Europe/London").unwrap();
    let mut green = freeze("Prod nights", "2027-03-02T22:00:00", "2027-03-03T02:00:00");
    green.kind = WindowKind::GreenZone;
    green.scope.environments = vec!["Prod".into()];
    green.recurrence = Some("FREQ=WEEKLY;BYDAY=TU,TH".into());
    green.exceptions = vec![t("2027-03-09T22:00:00")];
    p.save_window(None, green.clone()).unwrap();
    let booking = ManualBooking {
        environment: "Test".into(),
        start: t("2027-03-01T09:00:00"),
        end: t("2027-03-01T12:00:00"),
        purpose: "Data refresh — Zoë’s “golden” set".into(),
        by: "Zoë".into(),
        release: None,
    };
    p.save_booking(None, booking.clone()).unwrap();
    let doc = p.export().unwrap();
    assert_eq!(doc.version, runway_domain::portfolio::PORTFOLIO_VERSION);
    assert_eq!(doc.time_zone.as_deref(), Some("Europe/London"));
    assert!(doc.windows.contains(&green));
    assert!(doc.bookings.contains(&booking));

    let copy = dir.path().join("copy.runway");
    let json = dir.path().join("plan.json");
    p.export_json_file(&json).unwrap();
    let (q, _) = Planner::import_file_into(&copy, &json, crate::WHO).unwrap();
    assert_eq!(q.time_zone(), "Europe/London");
    assert_eq!(q.windows().unwrap(), p.windows().unwrap());
    let again = runway_core::interchange::to_json(&q.export().unwrap()).unwrap();
    assert_eq!(again, runway_core::interchange::to_json(&doc).unwrap());

    // A version-1 document (no calendar) still imports.
    let mut v1: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let o = v1.as_object_mut().unwrap();
    o.insert("version".into(), 1.into());
    for k in ["windows", "bookings", "time_zone"] {
        o.remove(k);
    }
    for e in o["environments"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("capacity");
    }
    o["policy"].as_object_mut().unwrap().remove("calendar");
    let v1_path = dir.path().join("v1.json");
    std::fs::write(&v1_path, serde_json::to_string(&v1).unwrap()).unwrap();
    let (r, _) = Planner::import_file_into(&dir.path().join("v1.runway"), &v1_path, crate::WHO).unwrap();
    assert_eq!(r.list_releases().unwrap().len(), 12);
    assert!(r.windows().unwrap().is_empty());
    assert!(r.catalog().unwrap().environments.iter().all(|e| e.capacity == 1));
}
