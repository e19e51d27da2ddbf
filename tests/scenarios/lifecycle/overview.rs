//! The plan-wide views of the lifecycle: the policy the gates follow, the dashboard and the status of
//! every release.

use super::*;

#[test]
fn the_policy_is_checked_audited_and_applied_to_the_gates() {
    let (_dir, _path, mut p) = plan();
    let before = fingerprint(&p);
    let err = p.set_policy(Policy { lead_time_days: 400, ..Policy::default() }).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f.len() == 1 && f[0].field == "lead_time_days"), "{err:?}");
    let err =
        p.set_policy(Policy { overridable: vec![runway_domain::Gate::CabApproval], ..Policy::default() }).unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "overridable.cab_approval"), "{err:?}");
    assert_eq!(fingerprint(&p), before);
    // Setting the policy it has records nothing.
    p.set_policy(Policy::default()).unwrap();
    assert_eq!(fingerprint(&p), before);

    let key = new_release(&mut p, "REL-2026.12.98", 10);
    p.move_release(&key, to(S::Planned)).unwrap();
    let submit = |p: &Planner| {
        let step = p.lifecycle(&key).unwrap().assessment.steps.into_iter().find(|s| s.to == S::SubmittedToCab).unwrap();
        step.conditions.into_iter().find(|c| c.code == "lead_time").unwrap()
    };
    assert!(!submit(&p).met);

    let policy = Policy { lead_time_days: 7, ..Policy::default() };
    assert_eq!(p.set_policy(policy.clone()).unwrap(), policy);
    assert_eq!(p.policy().unwrap(), policy);
    let entry = p.audit_log(None, 1).unwrap().pop().unwrap();
    assert_eq!((entry.action.as_str(), entry.entity.as_str()), ("update", "policy"));
    let was: Policy = serde_json::from_str(entry.before.as_deref().unwrap()).unwrap();
    let now: Policy = serde_json::from_str(entry.after.as_deref().unwrap()).unwrap();
    assert_eq!((was, now), (Policy::default(), policy));

    let c = submit(&p);
    assert!(c.met && c.label.contains("at least 7 days"), "{c:?}");
    let out = p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::SubmittedToCab);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn the_dashboard_adds_up() {
    let (_dir, _path, mut p) = demo(120);
    p.set_today(today());
    let d = p.dashboard().unwrap();
    let all = p.status().unwrap();
    assert_eq!(d.today, today());
    assert_eq!(d.quarter, "2026-Q4");

    assert_eq!(d.stages.iter().map(|s| s.count as usize).sum::<usize>(), all.len());
    for s in &d.stages {
        assert_eq!(s.count as usize, all.iter().filter(|(r, _)| r.status == s.status).count(), "{:?}", s.status);
    }
    assert_eq!(d.stages.iter().map(|s| s.overdue as usize).sum::<usize>(), d.overdue.len());

    let mut overdue: Vec<&str> = d.overdue.iter().map(|f| f.key.as_str()).collect();
    overdue.sort_unstable();
    let expected: Vec<&str> = all.iter().filter(|(_, a)| a.overdue).map(|(r, _)| r.key.as_str()).collect();
    assert!(!expected.is_empty(), "the demo has overdue releases");
    assert_eq!(overdue, expected);

    assert!(!d.upcoming.is_empty());
    assert!(d.upcoming.windows(2).all(|w| w[0].date <= w[1].date), "soonest first");
    for g in &d.upcoming {
        assert!((0..=14).contains(&g.days), "{g:?}");
        assert_eq!(g.date, today() + Duration::days(g.days), "{g:?}");
        assert!(all.iter().any(|(r, _)| r.key == g.key && r.status == g.status));
    }

    let quarter = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()..NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut emergencies: Vec<&str> = d.emergencies.iter().map(|f| f.key.as_str()).collect();
    emergencies.sort_unstable();
    let expected: Vec<&str> = all
        .iter()
        .filter(|(r, _)| r.kind == ReleaseKind::Emergency && quarter.contains(&r.window.unwrap().start.date()))
        .map(|(r, _)| r.key.as_str())
        .collect();
    assert!(!expected.is_empty(), "the demo has emergencies this quarter");
    assert_eq!(emergencies, expected);

    let breaching: Vec<&str> =
        all.iter().filter(|(_, a)| !a.breaches.is_empty()).map(|(r, _)| r.key.as_str()).collect();
    let mut flagged: Vec<&str> = d.breaches.iter().map(|f| f.key.as_str()).collect();
    flagged.sort_unstable();
    assert_eq!(flagged, breaching);
}

#[test]
fn status_reports_every_release_and_how_long_it_has_been_in_its_stage() {
    let (_dir, _path, mut p) = plan();
    let all = p.status().unwrap();
    assert_eq!(all.len(), 40);
    assert!(all.windows(2).all(|w| w[0].0.key < w[1].0.key), "by key");
    for (r, a) in &all {
        assert_eq!((r.key.as_str(), r.status), (a.key.as_str(), a.status));
        assert_eq!(a.overdue, a.limit_days.is_some_and(|l| a.days_in_state > i64::from(l)), "{}", r.key);
        assert_eq!(*a, p.lifecycle(&r.key).unwrap().assessment, "status and lifecycle agree on {}", r.key);
    }
    // Days in the stage count from the last move.
    let key = ready_for_cab(&p);
    let out = p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    let moved = out.lifecycle.events.last().unwrap().at.date_naive();
    assert_eq!(out.lifecycle.assessment.since.date_naive(), moved);
    p.set_today(moved + Duration::days(20));
    let a = p.lifecycle(&key).unwrap().assessment;
    assert_eq!(a.days_in_state, 20);
    assert_eq!(a.limit_days, Some(14));
    assert!(a.overdue && a.warnings.iter().any(|w| w.contains("Overdue")), "{a:?}");
}
