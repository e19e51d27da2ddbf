//! Conflicts with change windows: green zones across midnight and across the changes of daylight
//! saving time in Europe/London, a daily window typed in the spring-forward gap, all-day windows
//! (once and every month), each kind of scope, and manual bookings (environment work) in a freeze.

use runway_domain::calendar::{Party, PartyKind, Severity};

use super::*;

fn prod(key: &str, start: &str, end: &str) -> Release {
    release(key, "PAY").envs(&["Prod"]).window(start, end)
}

fn all_day(w: ChangeWindow) -> ChangeWindow {
    ChangeWindow { all_day: true, ..w }
}

fn party_window(name: &str) -> Party {
    Party { kind: PartyKind::Window, name: name.into(), booking: None }
}

/// The green zone of production on Tuesday and Thursday nights, 22:00 to 02:00.
fn prod_nights() -> ChangeWindow {
    recurring(
        window("Prod nights", WindowKind::GreenZone, "2027-03-02 22:00", "2027-03-03 02:00"),
        "FREQ=WEEKLY;BYDAY=TU,TH",
    )
}

#[test]
fn production_deploys_inside_the_green_zone_across_midnight() {
    let mut plan = Plan::new(vec![
        prod("G1", "2027-03-02 23:00", "2027-03-03 01:00"),
        // Exactly the zone.
        prod("G2", "2027-03-04 22:00", "2027-03-05 02:00"),
        // A Wednesday night.
        prod("G3", "2027-03-10 23:00", "2027-03-11 01:00"),
        // Starts an hour before the zone opens.
        prod("G4", "2027-03-11 21:00", "2027-03-11 23:00"),
        // Runs an hour past 02:00.
        prod("G5", "2027-03-16 23:00", "2027-03-17 03:00"),
        // Not production: not judged.
        release("N1", "PAY").envs(&["Pre-prod"]).window("2027-03-10 14:00", "2027-03-10 15:00"),
        // Production and pre-production, inside.
        release("G6", "PAY").envs(&["Pre-prod", "Prod"]).window("2027-03-23 22:00", "2027-03-23 23:00"),
        // Of another application.
        release("L1", "LED").envs(&["Prod"]).window("2027-03-10 10:00", "2027-03-10 11:00"),
    ])
    .with_windows(vec![prod_nights()]);
    let outside = |s: &str| format!("{s} is not inside a green zone (\"Prod nights\")");
    let expected = [
        outside("G3's production deployment to Prod (Wed 10 Mar 2027 23:00 to Thu 11 Mar 01:00)"),
        outside("G4's production deployment to Prod (Thu 11 Mar 2027 21:00–23:00)"),
        outside("G5's production deployment to Prod (Tue 16 Mar 2027 23:00 to Wed 17 Mar 03:00)"),
    ];
    let mut all = vec![outside("L1's production deployment to Prod (Wed 10 Mar 2027 10:00–11:00)")];
    all.extend(expected.clone());
    assert_eq!(plan.messages(ConflictKind::OutsideGreenZone), all);
    assert_eq!(plan.conflicts().len(), 4, "{:#?}", plan.conflicts());
    let c = &plan.conflicts()[1];
    let g3 = Party { kind: PartyKind::Release, name: "G3".into(), booking: None };
    assert_eq!(c.parties, [g3, party_window("Prod nights")]);
    assert_eq!((c.environment.as_deref(), c.severity), (Some("Prod"), Severity::Blocking));

    // A zone of application PAY does not judge LED's deployments.
    plan.windows[0].scope = scope(&["PAY"], &[], &[]);
    assert_eq!(plan.messages(ConflictKind::OutsideGreenZone), expected);

    plan.rules.production_needs_green_zone = false;
    assert!(plan.conflicts().is_empty());
}

#[test]
fn a_deployment_inside_two_green_zones_that_meet_is_inside() {
    let early = recurring(
        window("Wednesday early", WindowKind::GreenZone, "2027-03-03 02:00", "2027-03-03 05:00"),
        "FREQ=WEEKLY;BYDAY=WE",
    );
    let plan = Plan::new(vec![
        prod("G1", "2027-03-24 01:00", "2027-03-24 04:00"),
        prod("G2", "2027-03-31 01:00", "2027-03-31 06:00"),
    ])
    .with_windows(vec![prod_nights(), early]);
    assert_eq!(
        plan.messages(ConflictKind::OutsideGreenZone),
        ["G2's production deployment to Prod (Wed 31 Mar 2027 01:00–06:00) is not inside a green zone \
          (\"Prod nights\" and \"Wednesday early\")"]
    );
}

/// London's clocks go forward at 01:00 GMT on Sunday 28 March 2027 and back at 02:00 BST on
/// Sunday 31 October 2027. A weekly window keeps its wall-clock times: the green zone of Saturday
/// night, 22:00 to 02:00, is three hours long on the night of 27 March and five on the night of
/// 30 October; the maintenance window of Sunday 00:00 to 03:00 is two hours and four.
fn london() -> Plan {
    let saturday = recurring(
        window("Saturday nights", WindowKind::GreenZone, "2027-03-06 22:00", "2027-03-07 02:00"),
        "FREQ=WEEKLY;BYDAY=SA",
    );
    let patching = ChangeWindow {
        scope: scope(&[], &["Pre-prod"], &[]),
        ..recurring(
            window("Sunday patching", WindowKind::Maintenance, "2027-03-07 00:00", "2027-03-07 03:00"),
            "FREQ=WEEKLY;BYDAY=SU",
        )
    };
    let pre = |key: &str, start: &str, end: &str| release(key, "LED").envs(&["Pre-prod"]).window(start, end);
    let mut plan = Plan::new(vec![
        // Spring: the zone ends at 02:00 BST, 01:00 UTC.
        prod("S1", "2027-03-27 23:00", "2027-03-28 02:00"),
        prod("S2", "2027-03-28 00:30", "2027-03-28 02:30"),
        // 01:30 never happens that night: it is read as 02:30 BST, after the zone.
        prod("S3", "2027-03-28 01:30", "2027-03-28 01:45"),
        // Autumn: the zone opens at 22:00 BST (21:00 UTC) and ends at 02:00 GMT (02:00 UTC).
        prod("A1", "2027-10-31 00:00", "2027-10-31 02:00"),
        prod("A2", "2027-10-30 21:30", "2027-10-30 23:00"),
        // 01:30 happens twice: the first (BST); to 02:30 GMT is two hours, past the zone.
        prod("A3", "2027-10-31 01:30", "2027-10-31 02:30"),
        // Summer: the same wall-clock times, an hour earlier in UTC than in winter.
        prod("J1", "2027-07-03 22:00", "2027-07-04 02:00"),
        // The maintenance window on the spring night: 00:00 GMT to 03:00 BST.
        pre("M1", "2027-03-28 03:00", "2027-03-28 04:00"),
        pre("M2", "2027-03-28 02:30", "2027-03-28 03:30"),
        // On the autumn night: 00:00 BST to 03:00 GMT.
        pre("M3", "2027-10-31 02:30", "2027-10-31 03:30"),
    ])
    .london()
    .with_windows(vec![saturday, patching]);
    plan.environments[2].capacity = 2;
    plan.environments[3].capacity = 2;
    plan
}

#[test]
fn a_weekly_green_zone_keeps_its_wall_clock_times_across_daylight_saving_time() {
    let zone = |s: &str| format!("{s} is not inside a green zone (\"Saturday nights\")");
    assert_eq!(
        london().messages(ConflictKind::OutsideGreenZone),
        [
            zone("S2's production deployment to Prod (Sun 28 Mar 2027 00:30–02:30)"),
            zone("S3's production deployment to Prod (Sun 28 Mar 2027 01:30–01:45)"),
            zone("A2's production deployment to Prod (Sat 30 Oct 2027 21:30–23:00)"),
            zone("A3's production deployment to Prod (Sun 31 Oct 2027 01:30–02:30)"),
        ]
    );
    // The same plan in UTC has no missing hour: S3 is inside there.
    let utc = Plan { zone: PlanZone::default(), ..london() };
    let found: Vec<String> = utc.messages(ConflictKind::OutsideGreenZone).iter().map(|m| m[..2].to_owned()).collect();
    assert_eq!(found, ["S2", "A2", "A3"]);
}

#[test]
fn a_weekly_maintenance_window_across_daylight_saving_time() {
    let c: Vec<Conflict> = london().conflicts().into_iter().filter(|c| c.kind == ConflictKind::Maintenance).collect();
    assert_eq!(
        c.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        [
            "M2's deployment (Sun 28 Mar 2027 02:30–03:30) falls in the maintenance \"Sunday patching\" \
             (Sun 28 Mar 2027 00:00–03:00, covering environment Pre-prod)",
            "M3's deployment (Sun 31 Oct 2027 02:30–03:30) falls in the maintenance \"Sunday patching\" \
             (Sun 31 Oct 2027 00:00–03:00, covering environment Pre-prod)",
        ]
    );
    assert_eq!((c[0].start, c[0].end), (t("2027-03-28 02:30"), t("2027-03-28 03:00")));
    assert!(c.iter().all(|c| c.severity == Severity::Warning));
}

/// A daily window typed with its start in the spring-forward gap: 01:30 to 03:30 on Sunday 28 March
/// 2027, when London's clocks jump from 01:00 GMT to 02:00 BST, so 01:30 never happens that night.
/// Worked by hand:
/// - Sun 28 (the gap day): 01:30 is read as the jump's instant, with the offset before it (RFC 5545
///   3.3.5): 01:30 UTC, which the clocks read 02:30 BST; to 03:30 BST, 02:30 UTC. One hour (its
///   wall times stay as typed, as a deployment's do).
/// - Mon 29, Tue 30 and Thu 1 April keep the typed wall time: 01:30 to 03:30 BST, 00:30 to
///   02:30 UTC. (Expanded from the gap day's instant, they were 02:30 to 04:30 BST: an hour late.)
/// - Wed 31 is skipped (its exception is typed at 01:30, the window's wall time); COUNT=5 counts it.
#[test]
fn a_daily_window_typed_in_the_spring_forward_gap_keeps_its_wall_time_on_the_other_days() {
    let patching = ChangeWindow {
        scope: scope(&[], &["Pre-prod"], &[]),
        exceptions: vec![t("2027-03-31 01:30")],
        ..recurring(
            window("Night patching", WindowKind::Maintenance, "2027-03-28 01:30", "2027-03-28 03:30"),
            "FREQ=DAILY;COUNT=5",
        )
    };
    let london = PlanZone::parse("Europe/London").unwrap();
    let o = patching.occurrences(0, london, u("2027-03-01T00:00:00Z"), u("2027-05-01T00:00:00Z"));
    let seen: Vec<(String, String, String)> = o
        .iter()
        .map(|o| (o.start.format("%a %d %H:%M").to_string(), o.start_utc.to_rfc3339(), o.end_utc.to_rfc3339()))
        .collect();
    let row = |local: &str, from: &str, to: &str| (local.to_owned(), from.to_owned(), to.to_owned());
    assert_eq!(
        seen,
        [
            row("Sun 28 01:30", "2027-03-28T01:30:00+00:00", "2027-03-28T02:30:00+00:00"),
            row("Mon 29 01:30", "2027-03-29T00:30:00+00:00", "2027-03-29T02:30:00+00:00"),
            row("Tue 30 01:30", "2027-03-30T00:30:00+00:00", "2027-03-30T02:30:00+00:00"),
            row("Thu 01 01:30", "2027-04-01T00:30:00+00:00", "2027-04-01T02:30:00+00:00"),
        ]
    );
    // A range that starts inside the first occurrence still finds it, and each occurrence once.
    let from_inside = patching.occurrences(0, london, u("2027-03-28T02:00:00Z"), u("2027-03-29T01:00:00Z"));
    assert_eq!(from_inside.iter().map(|o| o.start).collect::<Vec<_>>(), [t("2027-03-28 01:30"), t("2027-03-29 01:30")]);

    // The deployments to Pre-prod they meet: P1 inside Monday's (it missed the late one), P2 after
    // it (it was inside the late one), P3 on the skipped Wednesday, P4 after the jump on the gap
    // day (02:45 BST), P5 before it (00:30 GMT).
    let pre = |key: &str, start: &str, end: &str| release(key, "LED").envs(&["Pre-prod"]).window(start, end);
    let plan = Plan::new(vec![
        pre("P1", "2027-03-29 01:45", "2027-03-29 02:15"),
        pre("P2", "2027-03-29 03:45", "2027-03-29 04:15"),
        pre("P3", "2027-03-31 02:00", "2027-03-31 03:00"),
        pre("P4", "2027-03-28 02:45", "2027-03-28 03:00"),
        pre("P5", "2027-03-28 00:30", "2027-03-28 01:00"),
    ])
    .london()
    .with_windows(vec![patching]);
    let c: Vec<Conflict> = plan.conflicts().into_iter().filter(|c| c.kind == ConflictKind::Maintenance).collect();
    assert_eq!(
        c.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        [
            "P4's deployment (Sun 28 Mar 2027 02:45–03:00) falls in the maintenance \"Night patching\" \
             (Sun 28 Mar 2027 01:30–03:30, covering environment Pre-prod)",
            "P1's deployment (Mon 29 Mar 2027 01:45–02:15) falls in the maintenance \"Night patching\" \
             (Mon 29 Mar 2027 01:30–03:30, covering environment Pre-prod)",
        ]
    );
    assert_eq!((c[1].start, c[1].end), (t("2027-03-29 01:45"), t("2027-03-29 02:15")));
    assert_eq!(plan.conflicts().len(), 2, "{:?}", plan.conflicts());
}

#[test]
fn an_all_day_freeze_ends_at_the_midnight_after_its_last_day() {
    let christmas = ChangeWindow {
        reason: "Year-end trading".into(),
        ..all_day(window("Christmas", WindowKind::Freeze, "2027-12-20 00:00", "2028-01-03 00:00"))
    };
    let pre = |key: &str, start: &str, end: &str| release(key, "PAY").envs(&["Pre-prod"]).window(start, end);
    let mut plan = Plan::new(vec![
        pre("X1", "2027-12-21 20:00", "2027-12-21 22:00"),
        pre("X2", "2028-01-02 23:00", "2028-01-03 01:00"),
        pre("X3", "2028-01-03 00:00", "2028-01-03 02:00"),
        pre("X4", "2027-12-19 22:00", "2027-12-20 00:00"),
        pre("X5", "2027-12-31 23:00", "2028-01-01 02:00"),
    ])
    .with_windows(vec![christmas]);
    plan.environments[2].capacity = 2;
    let freeze = "falls in the freeze \"Christmas\" (Mon 20 Dec 2027 to Sun 2 Jan 2028, all day, covering the whole \
                  portfolio): Year-end trading";
    assert_eq!(
        plan.messages(ConflictKind::Freeze),
        [
            format!("X1's deployment (Tue 21 Dec 2027 20:00–22:00) {freeze}"),
            format!("X5's deployment (Fri 31 Dec 2027 23:00 to Sat 1 Jan 2028 02:00) {freeze}"),
            format!("X2's deployment (Sun 2 Jan 2028 23:00 to Mon 3 Jan 01:00) {freeze}"),
        ]
    );
    let x2 = plan.conflicts().into_iter().find(|c| c.involves("X2")).unwrap();
    assert_eq!((x2.start, x2.end), (t("2028-01-02 23:00"), t("2028-01-03 00:00")));
    assert_eq!(plan.conflicts().len(), 3);
}

#[test]
fn an_all_day_blackout_on_the_last_three_working_days_of_each_month() {
    let month_end = ChangeWindow {
        reason: "Ledger closing".into(),
        scope: scope(&["LED"], &[], &[]),
        ..recurring(
            all_day(window("Month end", WindowKind::Blackout, "2027-01-27 00:00", "2027-01-28 00:00")),
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1",
        )
    };
    let pre = |key: &str, app: &str, start: &str, end: &str| release(key, app).envs(&["Pre-prod"]).window(start, end);
    let plan = Plan::new(vec![
        // 28, 29 and 30 September 2027 are the last three working days (the 30th is a Thursday).
        pre("LED-1", "LED", "2027-09-29 20:00", "2027-09-29 22:00"),
        // Across two of them: one conflict with each.
        pre("LED-2", "LED", "2027-09-28 22:00", "2027-09-29 02:00"),
        pre("PAY-1", "PAY", "2027-09-29 10:00", "2027-09-29 11:00"),
        // 27, 28 and 29 October (the 31st is a Sunday): the first is free.
        pre("LED-3", "LED", "2027-10-01 20:00", "2027-10-01 22:00"),
        pre("LED-4", "LED", "2027-10-27 20:00", "2027-10-27 22:00"),
    ])
    .with_windows(vec![month_end]);
    let blackout = |day: &str| {
        format!("falls in the blackout \"Month end\" ({day}, all day, covering application LED): Ledger closing")
    };
    let led2 = "LED-2's deployment (Tue 28 Sep 2027 22:00 to Wed 29 Sep 02:00)";
    assert_eq!(
        plan.messages(ConflictKind::Blackout),
        [
            format!("{led2} {}", blackout("Tue 28 Sep 2027")),
            format!("{led2} {}", blackout("Wed 29 Sep 2027")),
            format!("LED-1's deployment (Wed 29 Sep 2027 20:00–22:00) {}", blackout("Wed 29 Sep 2027")),
            format!("LED-4's deployment (Wed 27 Oct 2027 20:00–22:00) {}", blackout("Wed 27 Oct 2027")),
        ]
    );
    let c = plan.conflicts();
    assert_eq!(c.len(), 4);
    assert_eq!((c[1].start, c[1].end), (t("2027-09-29 00:00"), t("2027-09-29 02:00")));
    assert_ne!(c[0].id, c[1].id);
}

#[test]
fn a_scope_covers_what_touches_its_applications_environments_or_cis() {
    let blackout = |name: &str, s: Scope, day: &str, next: &str| ChangeWindow {
        scope: s,
        ..all_day(window(name, WindowKind::Blackout, &format!("{day} 00:00"), &format!("{next} 00:00")))
    };
    let plan = Plan::new(vec![
        release("P", "PAY").envs(&["Prod"]).cis(&["pay-api"]).window("2027-07-10 01:00", "2027-07-10 02:00"),
        release("Q", "LED").envs(&["Pre-prod"]).window("2027-07-10 03:00", "2027-07-10 04:00"),
        release("R", "LED").envs(&["Prod"]).cis(&["core-db"]).window("2027-07-10 05:00", "2027-07-10 06:00"),
        release("S", "LED").envs(&["Prod"]).cis(&["led-db"]).window("2027-07-10 07:00", "2027-07-10 08:00"),
        release("T", "CRM").envs(&["SIT"]).window("2027-07-17 10:00", "2027-07-17 11:00"),
    ])
    .with_windows(vec![
        blackout("PAY only", scope(&["PAY"], &[], &[]), "2027-07-10", "2027-07-11"),
        blackout("Pre-prod only", scope(&[], &["Pre-prod"], &[]), "2027-07-10", "2027-07-11"),
        blackout("core-db only", scope(&[], &[], &["core-db"]), "2027-07-10", "2027-07-11"),
        blackout("Everything", Scope::default(), "2027-07-17", "2027-07-18"),
    ]);
    let c = plan.conflicts();
    let pairs: Vec<(&str, &str)> = c
        .iter()
        .map(|c| {
            let name = |k: PartyKind| c.parties.iter().find(|p| p.kind == k).unwrap().name.as_str();
            (name(PartyKind::Release), name(PartyKind::Window))
        })
        .collect();
    assert_eq!(pairs, [("P", "PAY only"), ("Q", "Pre-prod only"), ("R", "core-db only"), ("T", "Everything")]);
    let covering: Vec<&str> = c.iter().map(|c| c.message.split("covering ").nth(1).unwrap()).collect();
    assert_eq!(covering, ["application PAY)", "environment Pre-prod)", "CI core-db)", "the whole portfolio)"]);
}

#[test]
fn environment_work_booked_by_hand_in_a_freeze() {
    let dc_move = ChangeWindow {
        scope: scope(&[], &["UAT"], &[]),
        ..window("DC move", WindowKind::Freeze, "2027-06-05 08:00", "2027-06-06 20:00")
    };
    let pay_freeze = ChangeWindow {
        scope: scope(&["PAY"], &[], &[]),
        reason: "Card scheme change".into(),
        ..all_day(window("PAY freeze", WindowKind::Freeze, "2027-06-05 00:00", "2027-06-07 00:00"))
    };
    let mut for_pay = manual("SIT", "2027-06-05 12:00", "2027-06-05 13:00", "PAY-7 data load", "");
    for_pay.release = Some("PAY-7".into());
    let plan = Plan::new(vec![
        // Its test phase books UAT during the freeze: a test phase is not environment work.
        release("PAY-7", "PAY").envs(&["UAT"]).test("2027-06-01", "2027-06-10"),
    ])
    .with_windows(vec![dc_move, pay_freeze])
    .with_manual(vec![
        manual("UAT", "2027-06-05 10:00", "2027-06-05 14:00", "Load test", "perf team"),
        manual("SIT", "2027-06-05 09:00", "2027-06-05 11:00", "Smoke test", ""),
        for_pay,
    ]);
    let c = plan.conflicts();
    assert_eq!(
        c.iter().map(|c| c.message.as_str()).collect::<Vec<_>>(),
        [
            "\"Load test\" (booked by perf team) in UAT (Sat 5 Jun 2027 10:00–14:00) falls in the freeze \"DC move\" \
             (Sat 5 Jun 2027 08:00 to Sun 6 Jun 20:00, covering environment UAT)",
            "\"PAY-7 data load\" in SIT (Sat 5 Jun 2027 12:00–13:00) falls in the freeze \"PAY freeze\" \
             (Sat 5 Jun 2027 to Sun 6 Jun 2027, all day, covering application PAY): Card scheme change",
        ]
    );
    assert!(c.iter().all(|c| c.kind == ConflictKind::Freeze && c.severity == Severity::Blocking));
    let load_test = Party { kind: PartyKind::Booking, name: "Load test".into(), booking: Some(1) };
    assert_eq!(c[0].parties, [load_test, party_window("DC move")]);
    assert_eq!((c[0].environment.as_deref(), c[1].environment.as_deref()), (Some("UAT"), Some("SIT")));
    assert_eq!((c[0].start, c[0].end), (t("2027-06-05 10:00"), t("2027-06-05 14:00")));

    // A blackout or a maintenance window stops deployments only.
    let mut plan = plan;
    for w in &mut plan.windows {
        w.kind = WindowKind::Blackout;
    }
    assert!(plan.conflicts().is_empty());
}
