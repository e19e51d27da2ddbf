//! iCalendar export and import (`calendar::ical`): the export's shape, UIDs and SEQUENCE, escaping
//! and folding, daylight saving time, round trips, refusals with their line; `fixtures` imports
//! files other programs wrote (tests/fixtures/ics, see its README).

#[path = "ical/fixtures.rs"]
mod fixtures;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use runway_domain::calendar::ical::{self, IcsInput, IcsRelease, IcsWindow};
use runway_domain::calendar::{ChangeWindow, PlanZone, Scope, WindowKind};
use runway_domain::{Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window};

pub fn t(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

pub fn u(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn zone(name: &str) -> PlanZone {
    PlanZone::parse(name).unwrap()
}

pub fn window(name: &str, kind: WindowKind, start: &str, end: &str, rule: Option<&str>) -> ChangeWindow {
    ChangeWindow {
        name: name.into(),
        kind,
        reason: format!("Why {name}"),
        scope: Scope::default(),
        start: t(start),
        end: t(end),
        all_day: false,
        recurrence: rule.map(str::to_owned),
        exceptions: vec![],
    }
}

fn release(key: &str, title: &str, window: Option<(&str, &str)>, cab: Option<&str>) -> Release {
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    Release {
        key: key.into(),
        title: title.into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Full,
        status: ReleaseStatus::Approved,
        applications: vec!["PAY".into(), "LED".into()],
        owner: None,
        manager: None,
        environments: vec!["Prod".into()],
        window: window.map(|(s, e)| Window { start: t(s), end: t(e) }),
        risk: Risk::High,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: cab
            .map(|d| Milestone {
                kind: MilestoneKind::Cab,
                planned_start: day(d),
                planned_end: day(d),
                actual_start: None,
                actual_end: None,
            })
            .into_iter()
            .collect(),
    }
}

/// A green zone on Tuesday nights (one left out), the year-end freeze, a one-off maintenance.
pub fn windows() -> Vec<ChangeWindow> {
    let mut green = window(
        "Tuesday night green zone",
        WindowKind::GreenZone,
        "2027-03-02T22:00:00",
        "2027-03-03T02:00:00",
        Some("FREQ=WEEKLY;BYDAY=TU"),
    );
    green.exceptions = vec![t("2027-03-16T22:00:00")];
    let mut freeze = window("Year-end freeze", WindowKind::Freeze, "2027-12-20T00:00:00", "2028-01-04T00:00:00", None);
    freeze.all_day = true;
    let db = window("DB patching", WindowKind::Maintenance, "2027-04-10T06:00:00", "2027-04-10T08:00:00", None);
    vec![green, freeze, db]
}

fn releases() -> Vec<Release> {
    vec![
        release("REL-1", "Payments 4.2", Some(("2027-03-10T22:00:00", "2027-03-11T02:00:00")), Some("2027-03-03")),
        release("REL-2", "Ledger patch", None, None),
    ]
}

pub fn export(zone: PlanZone, releases: &[Release], windows: &[ChangeWindow], sequence: u32, now: &str) -> String {
    ical::export(&IcsInput {
        plan_name: "Payments programme 2027",
        plan_uid: "3f2a9c1e.runway",
        zone,
        now: u(now),
        releases: releases.iter().map(|release| IcsRelease { release, sequence }).collect(),
        windows: windows.iter().map(|window| IcsWindow { window, sequence }).collect(),
        range: None,
    })
}

/// The content lines, unfolded.
pub fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

fn values<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    lines.iter().filter_map(|l| l.strip_prefix(name)).collect()
}

#[test]
fn the_export_is_one_calendar_with_its_header_and_every_object() {
    let text = export(zone("Europe/London"), &releases(), &windows(), 0, "2027-03-01T12:00:00Z");
    assert!(!text.replace("\r\n", "").contains('\n'), "every line ends with CRLF");
    let lines = unfolded(&text);
    assert_eq!(
        lines[..7],
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//Runway//Runway release planner//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Payments programme 2027",
            "X-WR-TIMEZONE:Europe/London",
        ]
    );
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert_eq!(values(&lines, "TZID:"), ["Europe/London"]);
    // REL-1's deployment and CAB, three windows; REL-2 has neither a window nor a CAB date.
    assert_eq!(
        values(&lines, "SUMMARY:"),
        [
            "Deploy REL-1: Payments 4.2",
            "CAB REL-1: Payments 4.2",
            "Tuesday night green zone",
            "Year-end freeze",
            "DB patching",
        ]
    );
    assert_eq!(
        values(&lines, "DESCRIPTION:")[0],
        "Applications: PAY\\, LED\\nEnvironments: Prod\\nStatus: Approved\\nRisk: High"
    );
    assert_eq!(values(&lines, "CATEGORIES:"), ["Deployment", "CAB", "Green zone", "Freeze", "Maintenance"]);
    assert_eq!(
        values(&lines, "DTSTART;"),
        [
            "TZID=Europe/London:20270310T220000",
            "VALUE=DATE:20270303",
            "TZID=Europe/London:20270302T220000",
            "VALUE=DATE:20271220",
            "TZID=Europe/London:20270410T060000",
        ]
    );
    assert_eq!(values(&lines, "DTEND;")[1], "VALUE=DATE:20270304", "the CAB day, end exclusive");
    assert_eq!(values(&lines, "DTEND;")[3], "VALUE=DATE:20280104");
    assert_eq!(values(&lines, "RRULE:"), ["FREQ=WEEKLY;BYDAY=TU"]);
    assert_eq!(values(&lines, "EXDATE;"), ["TZID=Europe/London:20270316T220000"]);
    // The icalendar crate's parser reads it back: one calendar, a time zone and five events.
    let plain = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&plain).unwrap();
    let names: Vec<&str> = cal.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["VTIMEZONE", "VEVENT", "VEVENT", "VEVENT", "VEVENT", "VEVENT"]);
}

#[test]
fn uids_are_stable_and_sequence_and_dtstamp_are_the_callers() {
    let first = unfolded(&export(zone("Europe/London"), &releases(), &windows(), 0, "2027-03-01T12:00:00Z"));
    let mut changed = windows();
    changed[2].end = t("2027-04-10T09:00:00");
    let second = unfolded(&export(zone("Europe/London"), &releases(), &changed, 3, "2027-03-02T08:30:15Z"));
    assert_eq!(values(&first, "UID:"), values(&second, "UID:"));
    let uids = values(&first, "UID:");
    assert_eq!(uids[..2], ["deploy-REL-1@3f2a9c1e.runway", "cab-REL-1@3f2a9c1e.runway"]);
    assert!(uids[2].starts_with("window-tuesday-night-green-zone-") && uids[2].ends_with("@3f2a9c1e.runway"));
    assert_eq!(uids[2], ical::window_uid("Tuesday night green zone", "3f2a9c1e.runway"));
    assert_eq!(values(&first, "SEQUENCE:"), ["0"; 5]);
    assert_eq!(values(&second, "SEQUENCE:"), ["3"; 5]);
    assert_eq!(values(&first, "DTSTAMP:"), ["20270301T120000Z"; 5]);
    assert_eq!(values(&second, "DTSTAMP:"), ["20270302T083015Z"; 5]);
    // The same input gives the same bytes.
    let again = export(zone("Europe/London"), &releases(), &windows(), 0, "2027-03-01T12:00:00Z");
    assert_eq!(unfolded(&again), first);
}

#[test]
fn text_is_escaped_and_every_line_folded_at_75_octets_on_character_boundaries() {
    let mut name = String::from("Freeze, hard; no deploys\nNürnberg — 東京 😀 back\\slash");
    while name.chars().count() < 200 {
        name.push_str(", ü;");
    }
    let name: String = name.chars().take(200).collect();
    let mut w = window(&name, WindowKind::Freeze, "2027-06-01T00:00:00", "2027-06-02T00:00:00", None);
    w.reason = format!("{name}\n\nSecond paragraph, with; everything.");
    let text = export(zone("Europe/London"), &[], std::slice::from_ref(&w), 1, "2027-03-01T12:00:00Z");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.split("\r\n").any(|l| l.len() == 75), "long lines are filled, not cut short");
    let summary = unfolded(&text).into_iter().find(|l| l.starts_with("SUMMARY:")).unwrap();
    assert!(summary.contains("Freeze\\, hard\\; no deploys\\nNürnberg — 東京 😀 back\\\\slash"), "{summary}");
    // Unfolded and unescaped (by the icalendar crate's parser), the text is what was written.
    let plain = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&plain).unwrap();
    let event = cal.components.iter().find(|c| c.name.as_str() == "VEVENT").unwrap();
    assert_eq!(event.find_prop("SUMMARY").unwrap().val.as_str(), name);
    assert_eq!(event.find_prop("DESCRIPTION").unwrap().val.as_str(), w.reason);
    // Imported, the reason is the same; the name keeps its words on one line.
    let back = ical::import(&text, zone("Europe/London"), WindowKind::Freeze, "x.ics").unwrap();
    assert_eq!(back[0].reason, w.reason);
    assert_eq!(back[0].name, name.split_whitespace().collect::<Vec<_>>().join(" "));
}

#[test]
fn the_icalendar_crate_folds_into_76_octets_which_is_why_the_export_folds_itself() {
    use icalendar::Component;
    let mut event = icalendar::Event::new();
    event.add_property("DTSTAMP", "20270101T000000Z").add_property("UID", "u").add_property("SUMMARY", "a".repeat(142));
    let longest = event.to_string().split("\r\n").map(str::len).max().unwrap();
    assert_eq!(longest, 76, "icalendar 0.17 folds `SUMMARY:` + 142 octets into 75 + 76: if this changed, see write.rs");
    let w = window(&"a".repeat(142), WindowKind::Freeze, "2027-06-01T00:00:00", "2027-06-02T00:00:00", None);
    let ours = export(zone("UTC"), &[], &[w], 0, "2027-01-01T00:00:00Z");
    assert!(ours.split("\r\n").all(|l| l.len() <= 75));
}

#[test]
fn a_utc_plan_writes_utc_times_and_no_vtimezone() {
    let text = export(PlanZone::default(), &releases(), &windows(), 0, "2027-03-01T12:00:00Z");
    let lines = unfolded(&text);
    assert!(!text.contains("VTIMEZONE") && !text.contains("TZID"), "{text}");
    assert_eq!(values(&lines, "X-WR-TIMEZONE:"), ["UTC"]);
    assert_eq!(values(&lines, "DTSTART:"), ["20270310T220000Z", "20270302T220000Z", "20270410T060000Z"]);
    assert_eq!(values(&lines, "EXDATE:"), ["20270316T220000Z"]);
    let back = ical::import(&text, PlanZone::default(), WindowKind::GreenZone, "x.ics").unwrap();
    assert_eq!(back.len(), 5);
    assert_eq!(back[2].recurrence.as_deref(), Some("FREQ=WEEKLY;BYDAY=TU"));
    assert_eq!(back[2].exceptions, [t("2027-03-16T22:00:00")]);
}

#[test]
fn a_range_keeps_what_happens_in_it() {
    let text = ical::export(&IcsInput {
        plan_name: "p",
        plan_uid: "p",
        zone: zone("Europe/London"),
        now: u("2027-03-01T00:00:00Z"),
        releases: releases().iter().map(|release| IcsRelease { release, sequence: 0 }).collect::<Vec<_>>(),
        windows: windows().iter().map(|window| IcsWindow { window, sequence: 0 }).collect(),
        range: Some(("2027-04-01".parse().unwrap(), "2027-04-30".parse().unwrap())),
    });
    assert_eq!(values(&unfolded(&text), "SUMMARY:"), ["Tuesday night green zone", "DB patching"]);
}

#[test]
fn export_then_import_gives_the_same_windows() {
    let mut all = windows();
    all.push(window(
        "Patch Sunday",
        WindowKind::Freeze,
        "2027-01-03T01:30:00",
        "2027-01-03T03:00:00",
        Some("FREQ=WEEKLY;COUNT=10"),
    ));
    for w in &mut all {
        w.kind = WindowKind::Maintenance;
    }
    for name in ["Europe/London", "America/New_York", "UTC", "Asia/Kolkata"] {
        let z = zone(name);
        // An all-day rule ends on a day: its UNTIL is that day's midnight in the plan's zone.
        let until = z.instant(t("2027-12-01T00:00:00")).format("%Y%m%dT%H%M%SZ");
        let mut monthly =
            window("First of the month", WindowKind::Maintenance, "2027-01-01T00:00:00", "2027-01-02T00:00:00", None);
        monthly.all_day = true;
        monthly.recurrence = Some(format!("FREQ=MONTHLY;BYMONTHDAY=1;UNTIL={until}"));
        monthly.exceptions = vec![t("2027-05-01T00:00:00")];
        let all = [all.clone(), vec![monthly]].concat();
        let text = export(z, &[], &all, 0, "2027-03-01T12:00:00Z");
        let back = ical::import(&text, z, WindowKind::Maintenance, "plan.ics").unwrap();
        assert_eq!(back, all, "in {name}");
    }
}

#[test]
fn a_london_weekly_window_stays_at_22_00_across_the_march_change() {
    let london = zone("Europe/London");
    let green = windows().remove(0);
    let text = export(london, &[], std::slice::from_ref(&green), 0, "2027-03-01T12:00:00Z");
    // The VTIMEZONE covers 2027 and 2028 (an open rule: two years) with each change of offset.
    assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nEND:DAYLIGHT"), "{text}");
    assert!(text.contains("BEGIN:STANDARD\r\nDTSTART:20271031T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nEND:STANDARD"));
    assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 3, "2027, 2028 and 2029");
    let back = ical::import(&text, london, WindowKind::GreenZone, "x.ics").unwrap();
    assert_eq!(back, std::slice::from_ref(&green));
    let o = back[0].occurrences(0, london, u("2027-03-20T00:00:00Z"), u("2027-04-03T00:00:00Z"));
    let at: Vec<(String, String)> = o.iter().map(|o| (o.start.to_string(), o.start_utc.to_rfc3339())).collect();
    assert_eq!(
        at,
        [
            ("2027-03-23 22:00:00".to_owned(), "2027-03-23T22:00:00+00:00".to_owned()),
            ("2027-03-30 22:00:00".to_owned(), "2027-03-30T21:00:00+00:00".to_owned()),
        ]
    );
    // In New York the rule cannot be replayed (the two countries change on different days): each
    // occurrence of the next two years is a window, at 17:00 or 18:00 New York time.
    let ny = ical::import(&text, zone("America/New_York"), WindowKind::GreenZone, "x.ics").unwrap();
    assert_eq!(ny.len(), 105 - 1, "two years of Tuesdays (731 days), one left out");
    let starts: Vec<String> = ny.iter().take(5).map(|w| w.start.format("%m-%d %H:%M").to_string()).collect();
    assert_eq!(starts, ["03-02 17:00", "03-09 17:00", "03-23 18:00", "03-30 17:00", "04-06 17:00"]);
    assert_eq!(ny[0].name, "Tuesday night green zone (2027-03-02)");
    assert!(ny.iter().all(|w| w.recurrence.is_none() && w.end - w.start == chrono::TimeDelta::hours(4)));
}

/// A calendar around `events` (its lines, joined with CRLF): line 1 BEGIN:VCALENDAR, line 2
/// VERSION, the events from line 3.
pub fn ics(events: &[&str]) -> String {
    let mut lines = vec!["BEGIN:VCALENDAR", "VERSION:2.0"];
    lines.extend_from_slice(events);
    lines.push("END:VCALENDAR");
    lines.join("\r\n") + "\r\n"
}

fn refused(text: &str) -> String {
    ical::import(text, zone("Europe/London"), WindowKind::Freeze, "bad.ics").unwrap_err()
}

#[test]
fn a_broken_file_is_refused_with_its_line_and_why() {
    assert_eq!(
        refused("SUMMARY:x\r\n"),
        "line 1: the file does not start with BEGIN:VCALENDAR (is it an iCalendar file?)"
    );
    assert!(refused("").starts_with("line 1: the file is empty"));
    let bad_date = ics(&["BEGIN:VEVENT", "SUMMARY:x", "DTSTART;VALUE=DATE:20271301", "END:VEVENT"]);
    assert_eq!(refused(&bad_date), "line 5: DTSTART \"20271301\" is not a date (YYYYMMDD)");
    let bad_time = ics(&["BEGIN:VEVENT", "DTSTART:2027-03-01 10:00", "END:VEVENT"]);
    assert!(refused(&bad_time).starts_with("line 4: DTSTART \"2027-03-01 10:00\" is not a date-time"));
    let tz =
        ics(&["BEGIN:VEVENT", "DTSTART;TZID=Mars/Olympus:20270301T100000", "DTEND:20270301T110000Z", "END:VEVENT"]);
    assert!(refused(&tz).starts_with("line 4: unknown TZID \"Mars/Olympus\": "), "{}", refused(&tz));
    let no_start = ics(&["BEGIN:VEVENT", "SUMMARY:Freeze", "DTEND:20270301T110000Z", "END:VEVENT"]);
    assert_eq!(refused(&no_start), "line 3: the event \"Freeze\" has no DTSTART");
    let backwards = ics(&["BEGIN:VEVENT", "DTSTART:20270301T110000Z", "DTEND:20270301T100000Z", "END:VEVENT"]);
    assert_eq!(
        refused(&backwards),
        "line 5: the event ends (2027-03-01 10:00 UTC) before or when it starts (2027-03-01 11:00 UTC)"
    );
    let rule =
        ics(&["BEGIN:VEVENT", "DTSTART:20270301T100000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=XX", "END:VEVENT"]);
    assert!(
        refused(&rule).starts_with("line 6: The recurrence rule \"FREQ=WEEKLY;BYDAY=XX\" cannot be read"),
        "{}",
        refused(&rule)
    );
    let hourly = ics(&["BEGIN:VEVENT", "DTSTART:20270301T100000Z", "DURATION:PT1H", "RRULE:FREQ=HOURLY", "END:VEVENT"]);
    assert_eq!(refused(&hourly), "line 6: The recurrence repeats hourly; a window recurs at most daily.");
    let unclosed = ics(&["BEGIN:VEVENT", "DTSTART:20270301T100000Z", "BEGIN:VALARM", "END:VEVENT"]);
    assert_eq!(refused(&unclosed), "line 6: END:VEVENT, but BEGIN:VALARM (line 5) is still open");
    let no_end = ics(&["BEGIN:VEVENT", "DTSTART:20270301T100000Z", "END:VEVENT"]);
    assert!(refused(&no_end).starts_with("line 4: the event has no DTEND or DURATION"));
    let weeks = ics(&["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240215", "DURATION:PT1W", "END:VEVENT"]);
    assert_eq!(refused(&weeks), "line 5: DURATION \"PT1W\" is not a duration (P1D, PT1H30M, P2W)");
    let forever = ics(&["BEGIN:VEVENT", "DTSTART:20270301T100000Z", "DURATION:P3000000D", "END:VEVENT"]);
    assert_eq!(refused(&forever), "line 5: the DURATION takes the event past the year 9999");
    let period = ics(&[
        "BEGIN:VEVENT",
        "DTSTART:20270301T100000Z",
        "DURATION:PT1H",
        "RDATE;VALUE=PERIOD:20270302T100000Z/PT1H",
        "END:VEVENT",
    ]);
    assert_eq!(refused(&period), "line 6: RDATE periods (VALUE=PERIOD) are not supported");
}

#[test]
fn one_bad_event_refuses_the_whole_file() {
    let good = ["BEGIN:VEVENT", "SUMMARY:Good", "DTSTART;VALUE=DATE:20270301", "END:VEVENT"];
    let bad = ["BEGIN:VEVENT", "SUMMARY:Bad", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270228", "END:VEVENT"];
    let text = ics(&[&good[..], &bad[..]].concat());
    assert_eq!(refused(&text), "line 10: the event ends (2027-02-28) before or when it starts (2027-03-01)");
}

#[test]
fn times_are_read_in_their_zone_utc_floating_and_windows_names() {
    let text = ics(&[
        "BEGIN:VEVENT",
        "SUMMARY:Berlin",
        "DTSTART;TZID=\"W. Europe Standard Time\":20270701T100000",
        "DURATION:PT1H",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:London",
        "DTSTART;TZID=GMT Standard Time:20270701T100000",
        "DTEND;TZID=GMT Standard Time:20270701T113000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:New York",
        "DTSTART;TZID=Eastern Standard Time:20270701T100000",
        "DURATION:PT30M",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:UTC",
        "DTSTART:20270701T100000Z",
        "DTEND:20270701T110000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:Floating",
        "DTSTART:20270701T100000",
        "DTEND:20270701T110000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "SUMMARY:Cancelled",
        "STATUS:CANCELLED",
        "DTSTART:20270701T100000",
        "DTEND:20270701T110000",
        "END:VEVENT",
    ]);
    let got = ical::import(&text, zone("Europe/London"), WindowKind::Blackout, "mixed.ics").unwrap();
    let at: Vec<(&str, String, String)> = got
        .iter()
        .map(|w| (w.name.as_str(), w.start.format("%H:%M").to_string(), w.end.format("%H:%M").to_string()))
        .collect();
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    let expected = [
        ("Berlin", s("09:00", "10:00")),
        ("London", s("10:00", "11:30")),
        ("New York", s("15:00", "15:30")),
        ("UTC", s("11:00", "12:00")),
        ("Floating", s("10:00", "11:00")),
    ];
    assert_eq!(at, expected.map(|(n, (a, b))| (n, a, b)));
    assert!(
        got.iter()
            .all(|w| w.kind == WindowKind::Blackout && w.scope.is_portfolio() && w.reason == "Imported from mixed.ics")
    );
}

#[test]
fn a_rule_in_another_zone_is_expanded_within_a_bound() {
    let count = |n: u32| {
        let rule = format!("RRULE:FREQ=DAILY;COUNT={n}");
        let text = ics(&[
            "BEGIN:VEVENT",
            "DTSTART;TZID=America/New_York:20270301T090000",
            "DURATION:PT1H",
            &rule,
            "END:VEVENT",
        ]);
        ical::import(&text, zone("Europe/London"), WindowKind::Freeze, "x.ics")
    };
    assert_eq!(count(ical::MAX_EXPANDED.into()).unwrap().len(), usize::from(ical::MAX_EXPANDED));
    let e = count(u32::from(ical::MAX_EXPANDED) + 1).unwrap_err();
    assert!(e.starts_with("line 6: the event recurs more than 1000 times in America/New_York"), "{e}");
}

#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let big = format!("BEGIN:VCALENDAR\r\nX-PAD:{}\r\nEND:VCALENDAR\r\n", "x".repeat(ical::MAX_BYTES));
    let err = refused(&big);
    assert!(err.starts_with("line 1: the file is 17 MB; a calendar of change windows is read up to 16 MB"), "{err}");
}
