//! Prints the iCalendar export of a small plan in Europe/London, for checking it with other
//! programs' readers (tests/ics/check_ics.py and tests/ics/sample-expected.json):
//!
//! ```text
//! cargo run -q -p runway-domain --example ics_export > /tmp/runway-sample.ics
//! .venv/bin/python tests/ics/check_ics.py /tmp/runway-sample.ics tests/ics/sample-expected.json \
//!     --from 2027-03-01 --to 2027-05-01
//! ```

use chrono::{NaiveDate, NaiveDateTime};
use runway_domain::calendar::ical::{IcsInput, IcsRelease, IcsWindow, export};
use runway_domain::calendar::{ChangeWindow, PlanZone, Scope, WindowKind};
use runway_domain::{Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window};

fn t(s: &str) -> NaiveDateTime {
    s.parse().expect("a date-time")
}

fn window(name: &str, kind: WindowKind, start: &str, end: &str, all_day: bool, rule: Option<&str>) -> ChangeWindow {
    ChangeWindow {
        name: name.into(),
        kind,
        reason: format!("Why {name}"),
        scope: Scope::default(),
        start: t(start),
        end: t(end),
        all_day,
        recurrence: rule.map(str::to_owned),
        exceptions: vec![],
    }
}

fn main() {
    let cab_day: NaiveDate = "2027-03-03".parse().expect("a date");
    let release = Release {
        key: "REL-1".into(),
        title: "Payments 4.2".into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Full,
        status: ReleaseStatus::Approved,
        applications: vec!["PAY".into()],
        owner: None,
        manager: None,
        environments: vec!["Prod".into()],
        window: Some(Window { start: t("2027-03-10T22:00:00"), end: t("2027-03-11T02:00:00") }),
        risk: Risk::High,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: vec![Milestone {
            kind: MilestoneKind::Cab,
            planned_start: cab_day,
            planned_end: cab_day,
            actual_start: None,
            actual_end: None,
        }],
    };
    let mut green = window(
        "Tuesday night green zone",
        WindowKind::GreenZone,
        "2027-03-02T22:00:00",
        "2027-03-03T02:00:00",
        false,
        Some("FREQ=WEEKLY;BYDAY=TU"),
    );
    green.exceptions = vec![t("2027-03-16T22:00:00")];
    let windows = [
        green,
        window("Year-end freeze", WindowKind::Freeze, "2027-12-20T00:00:00", "2028-01-04T00:00:00", true, None),
        window("DB patching", WindowKind::Maintenance, "2027-04-10T06:00:00", "2027-04-10T08:00:00", false, None),
        window(
            "First of the month",
            WindowKind::Blackout,
            "2027-01-01T00:00:00",
            "2027-01-02T00:00:00",
            true,
            Some("FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20270601T000000Z"),
        ),
    ];
    let input = IcsInput {
        plan_name: "Sample plan",
        plan_uid: "sample",
        zone: PlanZone::parse("Europe/London").expect("a zone"),
        now: "2027-03-01T12:00:00Z".parse().expect("a time"),
        releases: vec![IcsRelease { release: &release, sequence: 2 }],
        windows: windows.iter().map(|window| IcsWindow { window, sequence: 0 }).collect(),
        range: None,
    };
    print!("{}", export(&input));
}
