//! Conflicts between the releases and bookings themselves: environment capacity, the same CI, CI
//! dependencies, the daily caps; releases in a final status; severity by the policy. Each case is
//! worked by hand and checked on what the user reads.

use runway_domain::calendar::{Party, PartyKind, Severity};

use super::*;

fn party(kind: PartyKind, name: &str, booking: Option<i64>) -> Party {
    Party { kind, name: name.into(), booking }
}

#[test]
fn two_test_phases_in_an_environment_of_capacity_one() {
    let plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["SIT"]).test("2027-03-01", "2027-03-05"),
        release("LED-1", "LED").envs(&["SIT"]).test("2027-03-04", "2027-03-10"),
        // Starts the day LED-1's test phase has ended: no clash.
        release("PAY-2", "PAY").envs(&["SIT"]).test("2027-03-11", "2027-03-12"),
    ]);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::EnvironmentCapacity], "{c:#?}");
    let c = &c[0];
    assert_eq!(
        c.message,
        "SIT is booked 2 times at once (Thu 4 Mar 2027 00:00 to Sat 6 Mar 00:00), its capacity is 1: \
         PAY-1's test phase and LED-1's test phase"
    );
    assert_eq!((c.start, c.end), (t("2027-03-04 00:00"), t("2027-03-06 00:00")));
    assert_eq!(c.environment.as_deref(), Some("SIT"));
    assert_eq!(c.releases, ["LED-1", "PAY-1"]);
    assert_eq!(c.severity, Severity::Blocking);
    assert!(c.involves("PAY-1") && c.involves("LED-1") && !c.involves("PAY-2"));
}

/// A pile-up is one conflict for the whole stretch over capacity, naming every booking in it,
/// not one conflict per booking that tips it over.
#[test]
fn a_chain_of_overlapping_test_phases_is_one_conflict_naming_them_all() {
    let plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["SIT"]).test("2027-03-01", "2027-03-05"),
        release("LED-1", "LED").envs(&["SIT"]).test("2027-03-04", "2027-03-10"),
        release("PAY-2", "PAY").envs(&["SIT"]).test("2027-03-06", "2027-03-12"),
        // After a day of PAY-2 alone: a stretch of its own.
        release("LED-2", "LED").envs(&["SIT"]).test("2027-03-12", "2027-03-13"),
    ]);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::EnvironmentCapacity; 2], "{c:#?}");
    assert_eq!(
        c[0].message,
        "SIT is booked beyond its capacity of 1 (Thu 4 Mar 2027 00:00 to Thu 11 Mar 00:00, up to 2 at once) by 3 \
         bookings: PAY-1's test phase, LED-1's test phase and PAY-2's test phase"
    );
    assert_eq!(c[0].releases, ["LED-1", "PAY-1", "PAY-2"]);
    assert_eq!(c[1].releases, ["LED-2", "PAY-2"]);
}

#[test]
fn an_environment_of_capacity_two_takes_two_at_once_not_three() {
    let mut plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["UAT"]).test("2027-03-01", "2027-03-10"),
        release("PAY-2", "PAY").envs(&["UAT"]).test("2027-03-03", "2027-03-05"),
        // The third at once, on the 4th only.
        release("PAY-3", "PAY").envs(&["UAT"]).test("2027-03-04", "2027-03-04"),
        // Two at once again: PAY-2 ended the night before.
        release("PAY-4", "PAY").envs(&["UAT"]).test("2027-03-06", "2027-03-06"),
    ]);
    assert_eq!(
        plan.messages(ConflictKind::EnvironmentCapacity),
        ["UAT is booked 3 times at once (Thu 4 Mar 2027 00:00 to Fri 5 Mar 00:00), its capacity is 2: \
          PAY-1's test phase, PAY-2's test phase and PAY-3's test phase"]
    );
    assert_eq!(plan.conflicts().len(), 1);
    plan.environments[1].capacity = 3;
    assert!(plan.conflicts().is_empty());
}

#[test]
fn a_manual_booking_against_a_deployment_and_one_release_booking_twice() {
    let plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["Prod"]).window("2027-03-02 20:00", "2027-03-02 22:00"),
        // One release booking SIT twice is not a clash with itself.
        release("LED-1", "LED").envs(&["SIT", "SIT"]).test("2027-03-01", "2027-03-05"),
    ])
    .with_manual(vec![manual("Prod", "2027-03-02 21:00", "2027-03-02 23:00", "DB patching", "ops@example.com")]);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::EnvironmentCapacity], "{c:#?}");
    assert_eq!(
        c[0].message,
        "Prod is booked 2 times at once (Tue 2 Mar 2027 21:00–22:00), its capacity is 1: \
         PAY-1's deployment and \"DB patching\" (booked by ops@example.com)"
    );
    assert_eq!(
        c[0].parties,
        [party(PartyKind::Release, "PAY-1", None), party(PartyKind::Booking, "DB patching", Some(1))]
    );
    assert_eq!(c[0].releases, ["PAY-1"]);
}

#[test]
fn two_releases_changing_one_ci_in_overlapping_windows() {
    let plan = Plan::new(vec![
        release("PAY-1", "PAY").cis(&["pay-db"]).window("2027-03-02 20:00", "2027-03-02 22:00"),
        release("LED-1", "LED").cis(&["pay-db", "led-api"]).window("2027-03-02 21:00", "2027-03-02 23:30"),
        // Meets LED-1 but only touches PAY-1 (which ends when it starts).
        release("PAY-2", "PAY").cis(&["pay-db"]).window("2027-03-02 22:00", "2027-03-02 23:00"),
        release("CRM-1", "CRM").cis(&["crm-db"]).window("2027-03-02 20:00", "2027-03-02 23:00"),
        // The same CI, another night.
        release("PAY-3", "PAY").cis(&["pay-db"]).window("2027-03-03 21:00", "2027-03-03 22:00"),
    ]);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::SameCi, ConflictKind::SameCi], "{c:#?}");
    assert_eq!(
        c.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        [
            "PAY-1 and LED-1 both change pay-db in overlapping deployment windows (Tue 2 Mar 2027 21:00–22:00)",
            "LED-1 and PAY-2 both change pay-db in overlapping deployment windows (Tue 2 Mar 2027 22:00–23:00)",
        ]
    );
    assert!(c.iter().all(|c| c.ci.as_deref() == Some("pay-db") && c.severity == Severity::Blocking));
    assert_eq!((c[1].start, c[1].end), (t("2027-03-02 22:00"), t("2027-03-02 23:00")));
}

#[test]
fn a_ci_changed_while_another_release_changes_one_that_depends_on_it() {
    let mut plan = Plan::new(vec![
        release("DB-1", "PAY").cis(&["pay-db"]).window("2027-03-02 20:00", "2027-03-02 23:00"),
        release("PAY-1", "PAY").cis(&["pay-api"]).window("2027-03-02 22:00", "2027-03-02 23:30"),
        release("LED-1", "LED").cis(&["led-api"]).window("2027-03-02 20:00", "2027-03-02 23:00"),
        release("PAY-2", "PAY").cis(&["pay-api"]).window("2027-03-04 22:00", "2027-03-04 23:00"),
        // The downstream change first this time.
        release("PAY-3", "PAY").cis(&["pay-api"]).window("2027-03-09 20:00", "2027-03-09 23:00"),
        release("DB-2", "PAY").cis(&["pay-db"]).window("2027-03-09 21:00", "2027-03-09 22:00"),
    ]);
    assert!(plan.conflicts().is_empty(), "no CI depends on another yet");
    plan.ci_deps = vec![CiDependency { ci: "pay-api".into(), depends_on: "pay-db".into() }];
    let c = plan.conflicts();
    assert_eq!(
        c.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        [
            "DB-1 changes pay-db, which pay-api of PAY-1 depends on, in an overlapping window (Tue 2 Mar 2027 22:00–23:00)",
            "DB-2 changes pay-db, which pay-api of PAY-3 depends on, in an overlapping window (Tue 9 Mar 2027 21:00–22:00)",
        ]
    );
    assert!(c.iter().all(|c| c.kind == ConflictKind::CiDependency && c.severity == Severity::Warning));
    assert_eq!(c[0].ci.as_deref(), Some("pay-db"));
    assert_eq!(c[0].releases, ["DB-1", "PAY-1"]);
}

#[test]
fn two_releases_each_changing_both_cis_warn_both_ways_under_distinct_ids() {
    let mut plan = Plan::new(vec![
        release("PAY-1", "PAY").cis(&["pay-api", "pay-db"]).window("2027-03-02 20:00", "2027-03-02 23:00"),
        release("PAY-2", "PAY").cis(&["pay-api", "pay-db"]).window("2027-03-02 22:00", "2027-03-03 00:00"),
        // Changes a CI two others depend on, as LED-2 changes both.
        release("LED-1", "LED").cis(&["led-db"]).window("2027-03-05 20:00", "2027-03-05 23:00"),
        release("LED-2", "LED").cis(&["led-api", "led-ui"]).window("2027-03-05 20:00", "2027-03-05 21:00"),
    ]);
    plan.ci_deps = vec![
        CiDependency { ci: "pay-api".into(), depends_on: "pay-db".into() },
        CiDependency { ci: "led-api".into(), depends_on: "led-db".into() },
        CiDependency { ci: "led-ui".into(), depends_on: "led-db".into() },
    ];
    let c = plan.conflicts();
    let mut messages: Vec<&str> =
        c.iter().filter(|c| c.kind == ConflictKind::CiDependency).map(|c| c.message.as_str()).collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "LED-1 changes led-db, which led-api of LED-2 depends on, in an overlapping window (Fri 5 Mar 2027 20:00–21:00)",
            "LED-1 changes led-db, which led-ui of LED-2 depends on, in an overlapping window (Fri 5 Mar 2027 20:00–21:00)",
            "PAY-1 changes pay-db, which pay-api of PAY-2 depends on, in an overlapping window (Tue 2 Mar 2027 22:00–23:00)",
            "PAY-2 changes pay-db, which pay-api of PAY-1 depends on, in an overlapping window (Tue 2 Mar 2027 22:00–23:00)",
        ]
    );
    let mut ids: Vec<&str> = c.iter().map(|c| c.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), c.len(), "{c:#?}");
}

#[test]
fn the_daily_cap_of_the_portfolio_counts_deployments_by_the_day_they_start() {
    let mut plan = Plan::new(vec![
        release("PAY-1", "PAY").window("2027-03-02 10:00", "2027-03-02 11:00"),
        release("LED-1", "LED").window("2027-03-02 14:00", "2027-03-02 15:00"),
        release("CRM-1", "CRM").window("2027-03-02 20:00", "2027-03-02 21:00"),
        // Monday's, though it ends on Tuesday.
        release("PAY-2", "PAY").window("2027-03-01 23:00", "2027-03-02 01:00"),
        // Closed: no longer deploys.
        release("LED-2", "LED").window("2027-03-02 12:00", "2027-03-02 13:00").status(ReleaseStatus::Closed),
    ]);
    plan.rules.daily_cap = Some(3);
    assert!(plan.conflicts().is_empty());
    plan.rules.daily_cap = Some(2);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::DailyCap]);
    assert_eq!(c[0].message, "3 deployments on Tue 2 Mar 2027 in the portfolio, the cap is 2: PAY-1, LED-1 and CRM-1");
    assert_eq!((c[0].start, c[0].end), (t("2027-03-02 00:00"), t("2027-03-03 00:00")));
    assert_eq!((c[0].environment.as_deref(), c[0].severity), (None, Severity::Warning));
    assert_eq!(c[0].releases, ["CRM-1", "LED-1", "PAY-1"]);
    plan.rules.daily_cap = Some(1);
    assert_eq!(
        plan.messages(ConflictKind::DailyCap),
        ["3 deployments on Tue 2 Mar 2027 in the portfolio, the cap is 1: PAY-1, LED-1 and CRM-1"]
    );
}

#[test]
fn the_daily_cap_per_environment_counts_the_deployments_into_it() {
    let mut plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["Prod"]).window("2027-03-02 10:00", "2027-03-02 11:00"),
        release("LED-1", "LED").envs(&["Prod", "Pre-prod"]).window("2027-03-02 14:00", "2027-03-02 15:00"),
        release("CRM-1", "CRM").envs(&["Pre-prod"]).window("2027-03-02 20:00", "2027-03-02 21:00"),
        // SIT is booked by tests, not by deployments.
        release("PAY-2", "PAY").envs(&["SIT"]).window("2027-03-02 20:00", "2027-03-02 21:00"),
        release("LED-2", "LED")
            .envs(&["Prod"])
            .window("2027-03-02 16:00", "2027-03-02 17:00")
            .status(ReleaseStatus::Cancelled),
    ]);
    plan.rules.daily_cap_per_environment = Some(2);
    assert!(plan.conflicts().is_empty());
    plan.rules.daily_cap_per_environment = Some(1);
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::DailyCap, ConflictKind::DailyCap], "{c:#?}");
    let mut found: Vec<(Option<&str>, &str)> =
        c.iter().map(|c| (c.environment.as_deref(), c.message.as_str())).collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                Some("Pre-prod"),
                "2 deployments to Pre-prod on Tue 2 Mar 2027, the cap is 1 per environment: LED-1 and CRM-1"
            ),
            (Some("Prod"), "2 deployments to Prod on Tue 2 Mar 2027, the cap is 1 per environment: PAY-1 and LED-1"),
        ]
    );
}

#[test]
fn releases_in_a_final_status_neither_book_nor_deploy() {
    let live = || {
        release("LIVE-1", "PAY")
            .envs(&["SIT", "Prod"])
            .cis(&["core"])
            .test("2027-03-01", "2027-03-03")
            .window("2027-03-02 20:00", "2027-03-02 22:00")
    };
    let mut plan = Plan::new(vec![live()]).with_windows(vec![window(
        "Audit",
        WindowKind::Freeze,
        "2027-03-02 00:00",
        "2027-03-03 00:00",
    )]);
    plan.rules.daily_cap = Some(1);
    plan.rules.daily_cap_per_environment = Some(1);
    for (i, status) in
        [ReleaseStatus::Closed, ReleaseStatus::ClosedFailed, ReleaseStatus::ClosedRejected, ReleaseStatus::Cancelled]
            .into_iter()
            .enumerate()
    {
        plan.releases.push(Release { key: format!("OLD-{i}"), ..live().status(status) });
    }
    let c = plan.conflicts();
    assert_eq!(kinds(&c), [ConflictKind::Freeze], "{c:#?}");
    assert!(c[0].message.starts_with("LIVE-1's deployment"), "{}", c[0].message);
    assert!(plan.bookings().iter().all(|b| b.release.as_deref() == Some("LIVE-1")));

    // Deployed is not final: it still takes part in everything.
    plan.releases[1].status = ReleaseStatus::Deployed;
    let mut found = kinds(&plan.conflicts());
    found.sort();
    found.dedup();
    assert_eq!(
        found,
        [ConflictKind::EnvironmentCapacity, ConflictKind::SameCi, ConflictKind::Freeze, ConflictKind::DailyCap]
    );
}

/// One plan with a conflict of every kind: a green zone on Tuesday and Thursday nights, a
/// freeze, a blackout and a maintenance window on three days, and caps of one a day.
fn every_kind() -> Plan {
    let mut plan = Plan::new(vec![
        release("R1", "PAY").envs(&["Prod"]).cis(&["db"]).window("2027-03-02 22:00", "2027-03-02 23:00"),
        release("R2", "PAY").envs(&["Prod"]).cis(&["db"]).window("2027-03-02 22:30", "2027-03-02 23:30"),
        release("R3", "LED").cis(&["api"]).window("2027-03-02 22:00", "2027-03-02 23:00"),
        release("R4", "LED").envs(&["Pre-prod"]).window("2027-03-10 20:00", "2027-03-10 21:00"),
        release("R5", "LED").envs(&["Pre-prod"]).window("2027-03-11 20:00", "2027-03-11 21:00"),
        release("R6", "LED").envs(&["Pre-prod"]).window("2027-03-12 20:00", "2027-03-12 21:00"),
        release("R7", "CRM").envs(&["Prod"]).window("2027-03-03 20:00", "2027-03-03 21:00"),
    ])
    .with_windows(vec![
        recurring(
            window("Prod nights", WindowKind::GreenZone, "2027-03-02 22:00", "2027-03-03 02:00"),
            "FREQ=WEEKLY;BYDAY=TU,TH",
        ),
        window("Freeze", WindowKind::Freeze, "2027-03-10 00:00", "2027-03-11 00:00"),
        window("Blackout", WindowKind::Blackout, "2027-03-11 00:00", "2027-03-12 00:00"),
        window("Patching", WindowKind::Maintenance, "2027-03-12 00:00", "2027-03-13 00:00"),
    ]);
    plan.ci_deps = vec![CiDependency { ci: "api".into(), depends_on: "db".into() }];
    plan.rules.daily_cap = Some(1);
    plan.rules.daily_cap_per_environment = Some(1);
    plan
}

#[test]
fn every_kind_of_conflict_and_its_severity_by_the_policy() {
    let mut plan = every_kind();
    let c = plan.conflicts();
    let mut found = kinds(&c);
    found.sort();
    found.dedup();
    assert_eq!(found, ConflictKind::ALL, "{c:#?}");
    // The default policy: capacity, the same CI, freeze, blackout and green zones block.
    for c in &c {
        let blocking =
            !matches!(c.kind, ConflictKind::CiDependency | ConflictKind::Maintenance | ConflictKind::DailyCap);
        assert_eq!(c.severity == Severity::Blocking, blocking, "{c:?}");
    }
    plan.rules.blocking = vec![ConflictKind::Maintenance, ConflictKind::DailyCap];
    for c in plan.conflicts() {
        let blocking = matches!(c.kind, ConflictKind::Maintenance | ConflictKind::DailyCap);
        assert_eq!(c.severity == Severity::Blocking, blocking, "{c:?}");
    }
    plan.rules.blocking = ConflictKind::ALL.to_vec();
    assert!(plan.conflicts().iter().all(|c| c.severity == Severity::Blocking));
    plan.rules.blocking = vec![];
    assert!(plan.conflicts().iter().all(|c| c.severity == Severity::Warning));
}

#[test]
fn every_conflict_names_its_parties_and_when() {
    let plan = every_kind();
    let c = plan.conflicts();
    let ids: std::collections::HashSet<&str> = c.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), c.len(), "ids are unique: {c:#?}");
    for c in &c {
        for p in &c.parties {
            assert!(c.message.contains(&p.name), "{:?} does not name {}", c.message, p.name);
        }
        let day = c.start.format("%-d Mar 2027").to_string();
        assert!(c.message.contains(&day), "{:?} does not say {day}", c.message);
    }
    // Sorted by when they start.
    assert!(c.windows(2).all(|w| w[0].start <= w[1].start));
}
