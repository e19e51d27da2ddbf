//! The release policy's checks, field by field, and its JSON form.

use super::*;

// ---------------------------------------------------------------------------------------------
// Policy checks
// ---------------------------------------------------------------------------------------------

#[test]
fn the_default_policy_is_valid() {
    assert_eq!(Policy::default().check(), vec![]);
}

#[test]
fn policy_problems_are_reported_by_field() {
    let fields = |p: &Policy| p.check().into_iter().map(|e| e.field).collect::<Vec<_>>();

    let mut p = Policy::default();
    p.stage_limits.push(StageLimit { status: S::Closed, days: 10 });
    assert_eq!(fields(&p), ["stage_limits.closed"]);

    let mut p = Policy::default();
    p.overridable.push(Gate::CabApproval);
    assert_eq!(fields(&p), ["overridable.cab_approval"]);
    for &g in Gate::ALL {
        let p = Policy { overridable: vec![g], ..Policy::default() };
        assert_eq!(p.check().is_empty(), Gate::OVERRIDABLE.contains(&g), "{g:?}");
    }

    let mut p = Policy::default();
    p.stage_limits.push(StageLimit { status: S::Build, days: 3 });
    assert_eq!(fields(&p), ["stage_limits.build"]);

    for days in [0, 1000] {
        let mut p = Policy::default();
        p.stage_limits[0].days = days;
        assert_eq!(fields(&p), ["stage_limits.draft"]);
    }

    let p = Policy { lead_time_days: 366, ..Policy::default() };
    assert_eq!(fields(&p), ["lead_time_days"]);
    let p = Policy { lead_time_days: 365, ..Policy::default() };
    assert_eq!(fields(&p), Vec::<String>::new());

    let mut p = Policy::default();
    p.required_tests.push(TestKind::Backout);
    assert_eq!(fields(&p), ["required_tests"]);

    // Every final status is refused a limit.
    for status in [S::Closed, S::ClosedFailed, S::ClosedRejected, S::Cancelled] {
        let p = Policy { stage_limits: vec![StageLimit { status, days: 5 }], ..Policy::default() };
        assert_eq!(fields(&p), [format!("stage_limits.{}", status.as_str())]);
    }
}

#[test]
fn the_policy_survives_json() {
    let p = Policy::default();
    let back: Policy = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}
