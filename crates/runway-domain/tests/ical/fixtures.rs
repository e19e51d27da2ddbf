//! Files other calendar programs wrote (tests/fixtures/ics: its README says where each comes
//! from), imported: how many windows, at what times, with which rule and exceptions.

use runway_domain::calendar::ical;
use runway_domain::calendar::{ChangeWindow, WindowKind};

use super::{export, u, zone};

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/ics/", $name))
    };
}

const ALL: [(&str, &str); 9] = [
    ("apple-us-holidays.ics", fixture!("apple-us-holidays.ics")),
    ("exchange-all-day-moved.ics", fixture!("exchange-all-day-moved.ics")),
    ("exchange-pacific-standard-time.ics", fixture!("exchange-pacific-standard-time.ics")),
    ("google-bad-rrule.ics", fixture!("google-bad-rrule.ics")),
    ("google-kiev-override.ics", fixture!("google-kiev-override.ics")),
    ("nextcloud-thunderbird-weekly-exdate.ics", fixture!("nextcloud-thunderbird-weekly-exdate.ics")),
    ("outlook-2007-tab-folds.ics", fixture!("outlook-2007-tab-folds.ics")),
    ("thunderbird-cancelled-occurrence.ics", fixture!("thunderbird-cancelled-occurrence.ics")),
    ("thunderbird-moved-occurrences.ics", fixture!("thunderbird-moved-occurrences.ics")),
];

fn import(name: &str, zone_name: &str) -> Vec<ChangeWindow> {
    let text = ALL.iter().find(|(n, _)| *n == name).unwrap().1;
    ical::import(text, zone(zone_name), WindowKind::Freeze, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `name | start → end | rule | except …`, days for an all-day window.
fn rows(windows: &[ChangeWindow]) -> Vec<String> {
    windows
        .iter()
        .map(|w| {
            let f = if w.all_day { "%Y-%m-%d" } else { "%Y-%m-%d %H:%M" };
            let mut row = format!("{} | {} → {}", w.name, w.start.format(f), w.end.format(f));
            if let Some(rule) = &w.recurrence {
                row += &format!(" | {rule}");
            }
            if !w.exceptions.is_empty() {
                let ex: Vec<String> = w.exceptions.iter().map(|e| e.format(f).to_string()).collect();
                row += &format!(" | except {}", ex.join(", "));
            }
            row
        })
        .collect()
}

/// The local starts of a window's occurrences in `[from, to)`.
fn starts(w: &ChangeWindow, zone_name: &str, from: &str, to: &str) -> Vec<String> {
    w.occurrences(0, zone(zone_name), u(from), u(to))
        .iter()
        .map(|o| o.start.format("%m-%d %H:%M").to_string())
        .collect()
}

#[test]
fn google_an_override_before_its_series_leaves_its_day_out_of_it() {
    let w = import("google-kiev-override.ics", "Europe/Kiev");
    assert_eq!(
        rows(&w),
        [
            "bla bla | 2016-08-26 14:00 → 2016-08-26 15:00",
            "repeated | 2016-08-25 14:00 → 2016-08-25 15:00 | FREQ=DAILY;UNTIL=20160828T110000Z | except 2016-08-26 14:00",
        ]
    );
    assert_eq!(w[1].reason, "Imported from google-kiev-override.ics", "an empty DESCRIPTION");
    assert_eq!(
        starts(&w[1], "Europe/Kiev", "2016-08-01T00:00:00Z", "2016-09-01T00:00:00Z"),
        ["08-25 14:00", "08-27 14:00", "08-28 14:00"]
    );
    // In London the series is one window per occurrence, two hours earlier.
    assert_eq!(
        rows(&import("google-kiev-override.ics", "Europe/London")),
        [
            "bla bla | 2016-08-26 12:00 → 2016-08-26 13:00",
            "repeated (2016-08-25) | 2016-08-25 12:00 → 2016-08-25 13:00",
            "repeated (2016-08-27) | 2016-08-27 12:00 → 2016-08-27 13:00",
            "repeated (2016-08-28) | 2016-08-28 12:00 → 2016-08-28 13:00",
        ]
    );
}

#[test]
fn thunderbird_through_nextcloud_a_weekly_event_with_an_exdate_in_utc() {
    let w = import("nextcloud-thunderbird-weekly-exdate.ics", "Europe/Berlin");
    // EXDATE 20190310T233000Z is 00:30 in Berlin on 11 March.
    assert_eq!(
        rows(&w),
        ["test6 | 2019-03-04 00:30 → 2019-03-04 01:00 | FREQ=WEEKLY;COUNT=8 | except 2019-03-11 00:30"]
    );
    assert_eq!(starts(&w[0], "Europe/Berlin", "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z").len(), 7);
    let london = import("nextcloud-thunderbird-weekly-exdate.ics", "Europe/London");
    let at: Vec<String> = london.iter().map(|w| w.start.format("%m-%d %H:%M").to_string()).collect();
    assert_eq!(
        at,
        ["03-03 23:30", "03-17 23:30", "03-24 23:30", "03-31 23:30", "04-07 23:30", "04-14 23:30", "04-21 23:30"]
    );
}

#[test]
fn thunderbird_a_cancelled_occurrence_is_only_left_out() {
    let w = import("thunderbird-cancelled-occurrence.ics", "Europe/Berlin");
    assert_eq!(
        rows(&w),
        ["one is cancelled | 2020-01-28 22:00 → 2020-01-28 23:00 | FREQ=DAILY;COUNT=3 | except 2020-01-29 22:00"]
    );
    assert_eq!(
        starts(&w[0], "Europe/Berlin", "2020-01-01T00:00:00Z", "2020-02-01T00:00:00Z"),
        ["01-28 22:00", "01-30 22:00"]
    );
}

#[test]
fn thunderbird_moved_occurrences_become_windows_of_their_own() {
    let w = import("thunderbird-moved-occurrences.ics", "Europe/Berlin");
    assert_eq!(
        rows(&w),
        [
            "test7 | 2019-03-18 04:00 → 2019-03-18 05:00 | FREQ=DAILY;UNTIL=20190320T030000Z | except 2019-03-19 04:00",
            "test7 - edited | 2019-03-19 04:00 → 2019-03-19 05:00",
            "New Event (2019-03-07) | 2019-03-07 02:00 → 2019-03-07 03:00 | FREQ=DAILY;UNTIL=20190310T010000Z | except 2019-03-08 02:00, 2019-03-09 02:00",
            "New Event (2019-03-08) | 2019-03-08 01:00 → 2019-03-08 02:00",
            "New Event (2019-03-09) | 2019-03-09 03:00 → 2019-03-09 04:00",
        ]
    );
    assert_eq!(w[0].reason, "description should be the same");
    assert_eq!(
        starts(&w[2], "Europe/Berlin", "2019-03-01T00:00:00Z", "2019-04-01T00:00:00Z"),
        ["03-07 02:00", "03-10 02:00"]
    );
}

#[test]
fn apple_an_all_day_holiday_calendar_keeps_its_yearly_rules_in_any_zone() {
    let w = import("apple-us-holidays.ics", "America/Los_Angeles");
    assert_eq!(
        rows(&w),
        [
            "Veteran's Day | 2002-11-11 → 2002-11-12 | FREQ=YEARLY;INTERVAL=1;BYMONTH=11",
            "Easter (2008-03-23) | 2008-03-23 → 2008-03-24",
            "Martin Luther King, Jr. Day | 2006-01-16 → 2006-01-17 | FREQ=YEARLY;INTERVAL=1;BYMONTH=1;BYDAY=3MO",
            "Tax Day | 2002-04-15 → 2002-04-16 | FREQ=YEARLY;INTERVAL=1;BYMONTH=4",
            "Groundhog Day | 2002-02-02 → 2002-02-03 | FREQ=YEARLY;INTERVAL=1;BYMONTH=2",
            "Cinco de Mayo | 2002-05-05 → 2002-05-06 | FREQ=YEARLY;INTERVAL=1;BYMONTH=5",
            "Easter (2007-04-08) | 2007-04-08 → 2007-04-09",
            "Valentine's Day | 2002-02-14 → 2002-02-15 | FREQ=YEARLY;INTERVAL=1;BYMONTH=2",
        ]
    );
    assert!(w.iter().all(|w| w.all_day));
    assert_eq!(starts(&w[2], "America/Los_Angeles", "2027-01-01T08:00:00Z", "2028-01-01T08:00:00Z"), ["01-18 00:00"]);
    assert_eq!(starts(&w[0], "America/Los_Angeles", "2027-01-01T08:00:00Z", "2028-01-01T08:00:00Z"), ["11-11 00:00"]);
    // Whole days are the same days in Tokyo.
    assert_eq!(import("apple-us-holidays.ics", "Asia/Tokyo"), w);
}

#[test]
fn exchange_a_windows_zone_name_on_a_timed_event() {
    assert_eq!(
        rows(&import("exchange-pacific-standard-time.ics", "America/Los_Angeles")),
        ["Test 4 | 2017-02-24 12:00 → 2017-02-24 12:30"]
    );
    assert_eq!(
        rows(&import("exchange-pacific-standard-time.ics", "Europe/London")),
        ["Test 4 | 2017-02-24 20:00 → 2017-02-24 20:30"]
    );
}

#[test]
fn exchange_an_all_day_series_with_a_moved_day_named_in_a_windows_zone() {
    let w = import("exchange-all-day-moved.ics", "Europe/Berlin");
    assert_eq!(
        rows(&w),
        [
            "Exchange Recurring Test (2026-02-19) | 2026-02-19 → 2026-02-20 | FREQ=WEEKLY;UNTIL=20260817T220000Z;INTERVAL=1;BYDAY=TU,TH;WKST=MO | except 2026-02-26",
            "Exchange Recurring Test (2026-02-27) | 2026-02-27 → 2026-02-28",
        ]
    );
    assert_eq!(
        starts(&w[0], "Europe/Berlin", "2026-02-01T00:00:00Z", "2026-03-06T00:00:00Z"),
        ["02-19 00:00", "02-24 00:00", "03-03 00:00", "03-05 00:00"]
    );
    assert_eq!(import("exchange-all-day-moved.ics", "Europe/London"), w);
}

#[test]
fn outlook_2007_lines_folded_with_tabs_and_an_alarm() {
    let w = import("outlook-2007-tab-folds.ics", "Europe/London");
    assert_eq!(rows(&w), ["Example Calendar Export that Blows Up DDay.iCal | 2009-06-21 → 2009-06-22"]);
    assert_eq!(w[0].reason, "Imported from outlook-2007-tab-folds.ics");
}

#[test]
fn google_a_rule_rrule_refuses_is_named_by_its_line_and_nothing_is_imported() {
    let text = ALL[3].1;
    for z in ["America/Denver", "Europe/London"] {
        let e = ical::import(text, zone(z), WindowKind::Freeze, "google-bad-rrule.ics").unwrap_err();
        assert!(
            e.starts_with(
                "line 50: The recurrence rule \"AnythingRandom;FREQ=WEEKLY;BYDAY=FR,MO,TH,TU,WE\" cannot be read"
            ),
            "{z}: {e}"
        );
    }
}

#[test]
fn what_a_fixture_imports_exports_and_imports_again_unchanged() {
    for (name, zone_name) in [
        ("apple-us-holidays.ics", "America/Los_Angeles"),
        ("exchange-all-day-moved.ics", "Europe/Berlin"),
        ("exchange-pacific-standard-time.ics", "Europe/London"),
        ("google-kiev-override.ics", "Europe/Kiev"),
        ("nextcloud-thunderbird-weekly-exdate.ics", "Europe/Berlin"),
        ("thunderbird-moved-occurrences.ics", "Europe/Berlin"),
    ] {
        let windows = import(name, zone_name);
        let text = export(zone(zone_name), &[], &windows, 0, "2027-01-01T00:00:00Z");
        let again = ical::import(&text, zone(zone_name), WindowKind::Freeze, name).unwrap();
        assert_eq!(again, windows, "{name}");
    }
}
