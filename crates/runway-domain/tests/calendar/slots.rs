//! The next free slot: after a freeze, in the green zones only for production, from the earliest
//! day the dependencies allow, within the daily caps and capacities, as many as asked; and what a
//! slot moves (`moved`, `shift_days`).

use runway_domain::calendar::slots::{DEFAULT_LENGTH_HOURS, moved, next_free, no_slot, shift_days};

use super::*;

/// The slots as `(start, end, shift_days, note)`.
fn found(slots: &[Slot]) -> Vec<(String, String, i32, String)> {
    let f = |t: NaiveDateTime| t.format("%a %d %b %H:%M").to_string();
    slots.iter().map(|s| (f(s.start), f(s.end), s.shift_days, s.note.clone())).collect()
}

fn starts(slots: &[Slot]) -> Vec<String> {
    slots.iter().map(|s| s.start.format("%a %d %b %H:%M").to_string()).collect()
}

fn prod_nights() -> ChangeWindow {
    recurring(
        window("Prod nights", WindowKind::GreenZone, "2027-03-02 22:00", "2027-03-03 02:00"),
        "FREQ=WEEKLY;BYDAY=TU,TH",
    )
}

/// PAY-1 deploys to production on a Wednesday morning, outside the green zone of Tuesday and
/// Thursday nights.
fn green_plan() -> Plan {
    Plan::new(vec![release("PAY-1", "PAY").envs(&["Prod"]).window("2027-03-03 10:00", "2027-03-03 12:00")])
        .with_windows(vec![prod_nights()])
}

#[test]
fn a_deployment_in_a_freeze_gets_slots_after_it() {
    let christmas = ChangeWindow {
        all_day: true,
        ..window("Christmas", WindowKind::Freeze, "2027-12-20 00:00", "2028-01-03 00:00")
    };
    let plan = Plan::new(vec![
        release("PAY-1", "PAY").envs(&["Pre-prod"]).window("2027-12-21 20:00", "2027-12-21 22:00").phase(
            MilestoneKind::Deployment,
            "2027-12-21",
            "2027-12-21",
        ),
    ])
    .with_windows(vec![christmas]);
    assert_eq!(kinds(&plan.conflicts()), [ConflictKind::Freeze]);
    let at = |day: &str, shift| (format!("{day} 20:00"), format!("{day} 22:00"), shift, "at 20:00".to_owned());
    assert_eq!(
        found(&plan.slots("PAY-1", "2027-12-20", 30, 3)),
        [at("Mon 03 Jan", 13), at("Tue 04 Jan", 14), at("Wed 05 Jan", 15)]
    );
}

#[test]
fn a_production_release_gets_green_zone_starts_only() {
    let plan = green_plan();
    let zone = "in the green zone \"Prod nights\"".to_owned();
    let at = |day: &str, next: &str, shift| (format!("{day} 22:00"), format!("{next} 00:00"), shift, zone.clone());
    assert_eq!(
        found(&plan.slots("PAY-1", "2027-03-03", 30, 4)),
        [
            at("Thu 04 Mar", "Fri 05 Mar", 1),
            at("Tue 09 Mar", "Wed 10 Mar", 6),
            at("Thu 11 Mar", "Fri 12 Mar", 8),
            at("Tue 16 Mar", "Wed 17 Mar", 13)
        ]
    );

    // Without the rule, or for a release that does not deploy to production, any day will do at
    // the release's own time, starting with its own window when that is free.
    let mut plan = green_plan();
    plan.rules.production_needs_green_zone = false;
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Wed 03 Mar 10:00", "Thu 04 Mar 10:00"]);
    let mut plan = green_plan();
    plan.releases[0].environments = vec!["Pre-prod".into()];
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Wed 03 Mar 10:00", "Thu 04 Mar 10:00"]);

    // A zone of another application does not govern it.
    let mut plan = green_plan();
    plan.windows[0].scope = scope(&["LED"], &[], &[]);
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 1)), ["Wed 03 Mar 10:00"]);
}

#[test]
fn a_deployment_longer_than_every_green_zone_has_no_slot() {
    let mut plan = green_plan();
    plan.releases[0].window = Some(Window { start: t("2027-03-03 10:00"), end: t("2027-03-03 15:00") });
    assert!(plan.slots("PAY-1", "2027-03-03", 60, 3).is_empty());
}

#[test]
fn the_earliest_day_bounds_the_search() {
    // What the dependencies and the lead time allow, as the caller works it out.
    let plan = green_plan();
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-10", 30, 2)), ["Thu 11 Mar 22:00", "Tue 16 Mar 22:00"]);
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-11", 30, 1)), ["Thu 11 Mar 22:00"]);
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-12", 30, 1)), ["Tue 16 Mar 22:00"]);
}

#[test]
fn slots_respect_the_daily_caps() {
    let mut plan = green_plan();
    plan.releases.push(release("LED-1", "LED").envs(&["Pre-prod"]).window("2027-03-04 10:00", "2027-03-04 11:00"));
    plan.releases.push(release("LED-2", "LED").envs(&["Prod"]).window("2027-03-09 08:00", "2027-03-09 09:00"));
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 04 Mar 22:00", "Tue 09 Mar 22:00"]);
    // One deployment a day in the portfolio: Thursday has LED-1's, Tuesday LED-2's.
    plan.rules.daily_cap = Some(1);
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 11 Mar 22:00", "Tue 16 Mar 22:00"]);
    // One a day into each environment: only LED-2's is into Prod.
    plan.rules.daily_cap = None;
    plan.rules.daily_cap_per_environment = Some(1);
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 04 Mar 22:00", "Thu 11 Mar 22:00"]);
}

#[test]
fn slots_avoid_the_bookings_of_the_environments_they_deploy_to() {
    let mut plan = green_plan().with_manual(vec![manual(
        "Prod",
        "2027-03-09 21:00",
        "2027-03-09 22:30",
        "Firewall change",
        "netops",
    )]);
    plan.releases.push(release("LED-3", "LED").envs(&["Prod"]).window("2027-03-04 23:00", "2027-03-04 23:30"));
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 11 Mar 22:00", "Tue 16 Mar 22:00"]);
    // With room for two at once, both nights are free.
    plan.environments[3].capacity = 2;
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 04 Mar 22:00", "Tue 09 Mar 22:00"]);
}

#[test]
fn a_clash_of_the_release_s_own_test_phase_does_not_block_its_deployment() {
    // PAY-1 tests in SIT from 1 to 5 March while LED-4 does: a conflict no deployment slot cures.
    let mut plan = green_plan();
    plan.releases[0] = plan.releases[0].clone().envs(&["SIT", "Prod"]).test("2027-03-01", "2027-03-05");
    plan.releases.push(release("LED-4", "LED").envs(&["SIT"]).test("2027-03-01", "2027-03-05"));
    assert!(plan.conflicts().iter().any(|c| c.kind == ConflictKind::EnvironmentCapacity && c.involves("PAY-1")));
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 30, 2)), ["Thu 04 Mar 22:00", "Tue 09 Mar 22:00"]);
}

#[test]
fn the_count_and_the_horizon_are_honoured() {
    let plan = green_plan();
    assert!(plan.slots("PAY-1", "2027-03-03", 30, 0).is_empty());
    assert_eq!(plan.slots("PAY-1", "2027-03-03", 30, 2).len(), 2);
    assert_eq!(plan.slots("PAY-1", "2027-03-03", 90, 100).len(), 25, "13 Thursdays and 12 Tuesdays to 31 May");
    // 3, 4 and 5 March: one Thursday.
    assert_eq!(starts(&plan.slots("PAY-1", "2027-03-03", 3, 5)), ["Thu 04 Mar 22:00"]);
    assert!(plan.slots("PAY-1", "2027-03-03", 0, 5).is_empty());
}

#[test]
fn a_release_without_a_window_deploys_at_ten_at_night_for_four_hours() {
    let plan = Plan::new(vec![release("PAY-1", "PAY").envs(&["Pre-prod"])]);
    let s = plan.slots("PAY-1", "2027-03-03", 30, 1);
    assert_eq!((s[0].start, s[0].end, s[0].shift_days), (t("2027-03-03 22:00"), t("2027-03-04 02:00"), 0));
    assert_eq!(s[0].end - s[0].start, chrono::Duration::hours(DEFAULT_LENGTH_HOURS));
}

#[test]
fn an_unknown_release_is_named() {
    let plan = green_plan();
    let bookings = plan.bookings();
    let limits = Limits { earliest: d("2027-03-03"), horizon_days: 30, count: 1 };
    assert_eq!(
        next_free(&plan.schedule(&bookings), "PAY-9", limits).unwrap_err(),
        "PAY-9 is not a release of the plan"
    );
}

#[test]
fn moving_the_deployment_moves_the_phases_after_it_and_the_window() {
    let r = release("PAY-1", "PAY")
        .window("2027-03-10 20:00", "2027-03-10 22:00")
        .test("2027-03-01", "2027-03-05")
        .phase(MilestoneKind::Deployment, "2027-03-10", "2027-03-10")
        .phase(MilestoneKind::EarlyLifeSupport, "2027-03-11", "2027-03-20")
        .phase(MilestoneKind::Closure, "2027-03-21", "2027-03-22");
    let phases = |r: &Release| -> Vec<(MilestoneKind, String, String)> {
        r.milestones.iter().map(|m| (m.kind.clone(), m.planned_start.to_string(), m.planned_end.to_string())).collect()
    };
    let p = |k, s: &str, e: &str| (k, s.to_owned(), e.to_owned());
    let m = moved(&r, t("2027-03-17 21:00"), t("2027-03-17 23:00"));
    assert_eq!(m.window, Some(Window { start: t("2027-03-17 21:00"), end: t("2027-03-17 23:00") }));
    assert_eq!(
        phases(&m),
        [
            p(MilestoneKind::Test, "2027-03-01", "2027-03-05"),
            p(MilestoneKind::Deployment, "2027-03-17", "2027-03-17"),
            p(MilestoneKind::EarlyLifeSupport, "2027-03-18", "2027-03-27"),
            p(MilestoneKind::Closure, "2027-03-28", "2027-03-29"),
        ]
    );
    assert_eq!(shift_days(&r, d("2027-03-17")), 7);
    // Earlier too; and the same day changes the window only.
    let m = moved(&r, t("2027-03-08 06:00"), t("2027-03-08 07:00"));
    assert_eq!(
        phases(&m)[1..3],
        [
            p(MilestoneKind::Deployment, "2027-03-08", "2027-03-08"),
            p(MilestoneKind::EarlyLifeSupport, "2027-03-09", "2027-03-18")
        ]
    );
    assert_eq!(shift_days(&r, d("2027-03-08")), -2);
    let m = moved(&r, t("2027-03-10 23:00"), t("2027-03-11 01:00"));
    assert_eq!((phases(&m), m.window.unwrap().start), (phases(&r), t("2027-03-10 23:00")));

    // Without a deployment phase the shift counts from the window's day; without either, zero.
    let bare = release("PAY-2", "PAY").window("2027-03-10 20:00", "2027-03-10 22:00");
    assert_eq!(shift_days(&bare, d("2027-03-12")), 2);
    assert_eq!(shift_days(&release("PAY-3", "PAY"), d("2027-03-12")), 0);

    // A slot says the same shift as the edit that applies it.
    let plan = Plan::new(vec![r.clone().envs(&["Pre-prod"])]).with_windows(vec![window(
        "Audit",
        WindowKind::Freeze,
        "2027-03-10 00:00",
        "2027-03-16 00:00",
    )]);
    let s = &plan.slots("PAY-1", "2027-03-10", 30, 1)[0];
    assert_eq!((s.start, s.shift_days), (t("2027-03-16 20:00"), 6));
    assert_eq!(s.shift_days, shift_days(&r, s.start.date()));
}

/// No slot once the deployment is under way, done or no longer planned, each with its reason; every
/// stage before the deployment, a refusal or failure that may be planned again, and early life
/// support (which the search may still move) gets one.
#[test]
fn no_slot_for_a_deployment_under_way_done_or_closed() {
    use ReleaseStatus as S;
    let deploying = "The release is deploying: its deployment window can no longer move.";
    let deployed = "The release is deployed: its deployment window is past.";
    let closed = "The release is closed: nothing of it is planned any more.";
    for (status, want) in [
        (S::Draft, None),
        (S::Planned, None),
        (S::SubmittedToCab, None),
        (S::Approved, None),
        (S::Rejected, None),
        (S::Build, None),
        (S::Test, None),
        (S::TestFailed, None),
        (S::AwaitingAuthorization, None),
        (S::Authorized, None),
        (S::NotAuthorized, None),
        (S::Deploying, Some(deploying)),
        (S::Deployed, Some(deployed)),
        (S::DeploymentFailed, None),
        (S::BackedOut, None),
        (S::Verified, Some(deployed)),
        (S::EarlyLifeSupport, None),
        (S::Closed, Some(closed)),
        (S::ClosedFailed, Some(closed)),
        (S::ClosedRejected, Some(closed)),
        (S::Cancelled, Some(closed)),
    ] {
        assert_eq!(no_slot(status), want, "{status:?}");
    }
    assert_eq!(ReleaseStatus::ALL.len(), 21, "a new stage: say here whether it gets a slot");
}
