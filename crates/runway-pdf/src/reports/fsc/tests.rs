//! The forward schedule on paper: a month on one landscape page, a quarter a page per month with
//! the lanes on each, the tables and their empty states, counts where bookings are too many to
//! draw, nothing drawn off the page, and the words for times.

use runway_domain::calendar::view::{Band, CalendarView, DeploymentEvent, Lane, MilestoneEvent};
use runway_domain::calendar::{BookedBy, Booking, ConflictKind, Party, PartyKind, WindowKind};
use runway_domain::{MilestoneKind, ReleaseStatus};

use super::*;
use crate::compose::{Frame, Paper, Sheet};
use crate::font;
use crate::page::{Bookmark, Document, Mark};

fn t(s: &str) -> NaiveDateTime {
    s.parse().unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn band(window: &str, kind: WindowKind, start: &str, end: &str, environments: &[&str]) -> Band {
    Band {
        window: window.into(),
        kind,
        reason: format!("Why {window}"),
        scope: if environments.is_empty() {
            "the whole portfolio".into()
        } else {
            format!("environment {}", environments.join(", "))
        },
        environments: environments.iter().map(|e| e.to_string()).collect(),
        applications: vec![],
        start: t(start),
        end: t(end),
        all_day: false,
        recurring: false,
    }
}

fn booking(env: &str, start: &str, end: &str, release: Option<&str>, source: BookingSource) -> Booking {
    Booking {
        id: (source == BookingSource::Manual).then_some(1),
        environment: env.into(),
        start: t(start),
        end: t(end),
        purpose: release.map_or_else(|| "DB patching".into(), |r| format!("Deployment of {r}")),
        by: "Grace".into(),
        release: release.map(str::to_string),
        source,
    }
}

fn lane(env: &str, production: bool, bookings: Vec<Booking>) -> Lane {
    Lane { environment: env.into(), production, capacity: 1, booked_by: BookedBy::Deployment, bookings }
}

/// March 2027 in Europe/London: a freeze, a green zone on Tuesdays, a maintenance night and a
/// blackout; a deployment into the freeze; a CAB date; a booking by hand.
fn view(from: &str, to: &str) -> CalendarView {
    let mut bands = vec![
        band("Quarter-end freeze", WindowKind::Freeze, "2027-03-25T00:00:00", "2027-04-02T00:00:00", &[]),
        band("Patch night", WindowKind::Maintenance, "2027-03-11T22:00:00", "2027-03-12T02:00:00", &["Prod"]),
        band("Ledger close", WindowKind::Blackout, "2027-03-29T00:00:00", "2027-04-01T00:00:00", &[]),
    ];
    for day in [2, 9, 16, 23, 30] {
        let s = format!("2027-03-{day:02}T19:00:00");
        let e = format!("2027-03-{day:02}T23:00:00");
        bands.push(band("Tuesday green zone", WindowKind::GreenZone, &s, &e, &["Prod"]));
    }
    let conflict = Conflict {
        id: "c1".into(),
        kind: ConflictKind::Freeze,
        severity: Severity::Blocking,
        parties: vec![
            Party { kind: PartyKind::Release, name: "PAY-2.1".into(), booking: None },
            Party { kind: PartyKind::Window, name: "Quarter-end freeze".into(), booking: None },
        ],
        releases: vec!["PAY-2.1".into()],
        start: t("2027-03-26T20:00:00"),
        end: t("2027-03-26T22:00:00"),
        environment: None,
        ci: None,
        message: "PAY-2.1's deployment falls in the freeze \"Quarter-end freeze\"".into(),
    };
    CalendarView {
        zone: "Europe/London".into(),
        today: d(from),
        from: d(from),
        to: d(to),
        bands,
        deployments: vec![DeploymentEvent {
            release: "PAY-2.1".into(),
            title: "Payments 2.1 — refunds".into(),
            status: ReleaseStatus::Authorized,
            start: t("2027-03-26T20:00:00"),
            end: t("2027-03-26T22:00:00"),
            applications: vec!["PAY".into()],
            environments: vec!["Prod".into()],
            production: true,
            conflicts: 1,
            blocking: true,
        }],
        milestones: vec![MilestoneEvent {
            release: "PAY-2.1".into(),
            kind: MilestoneKind::Cab,
            start: d("2027-03-10"),
            end: d("2027-03-10"),
            applications: vec!["PAY".into()],
        }],
        lanes: vec![
            lane(
                "Test",
                false,
                vec![booking("Test", "2027-03-08T09:00:00", "2027-03-12T17:00:00", None, BookingSource::Manual)],
            ),
            lane(
                "Prod",
                true,
                vec![booking(
                    "Prod",
                    "2027-03-26T20:00:00",
                    "2027-03-26T22:00:00",
                    Some("PAY-2.1"),
                    BookingSource::Deployment,
                )],
            ),
        ],
        conflicts: vec![conflict],
    }
}

fn frame() -> Frame {
    Frame {
        report: "Forward schedule of changes".into(),
        plan: "Plan".into(),
        period: "March 2027".into(),
        generated_at: "2027-02-01 09:00 UTC".into(),
        audit_head: "#1 abc".into(),
    }
}

fn landscape() -> Sheet {
    Sheet { paper: Paper::A4, landscape: true }
}

fn lay_out(view: &CalendarView, period: &Period, sheet: Sheet) -> Document {
    let titles = BTreeMap::from([("PAY-2.1".to_string(), "Payments 2.1 — refunds".to_string())]);
    let mut c = Composer::new(sheet, "Forward schedule of changes");
    render(&mut c, &Fsc { plan: "Plan", period, view, titles: &titles });
    c.finish(&frame())
}

fn texts(doc: &Document, page: usize) -> Vec<&str> {
    doc.pages[page]
        .marks
        .iter()
        .filter_map(|m| if let Mark::Text { text, .. } = m { Some(text.as_str()) } else { None })
        .collect()
}

fn all_text(doc: &Document) -> String {
    (0..doc.pages.len()).flat_map(|p| texts(doc, p)).collect::<Vec<_>>().join("\n")
}

/// Every mark inside its page.
fn assert_on_the_page(doc: &Document) {
    for (n, page) in doc.pages.iter().enumerate() {
        for m in &page.marks {
            let (x0, y0, x1, y1) = match m {
                Mark::Text { x, y, size, bold, text, .. } => {
                    (*x, y - size, x + font::width(Face::of(*bold), *size, text), *y)
                }
                Mark::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
                Mark::Line { points, .. } | Mark::Polygon { points, .. } => {
                    points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |(a, b, c, d), &(x, y)| {
                        (a.min(x), b.min(y), c.max(x), d.max(y))
                    })
                }
            };
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= page.width + 0.01 && y1 <= page.height, "page {n}: {m:?}");
        }
    }
}

#[test]
fn a_month_is_one_landscape_page_of_chart_then_the_tables() {
    let period = Period::month(2027, 3).unwrap();
    let doc = lay_out(&view("2027-03-01", "2027-03-31"), &period, landscape());
    assert!(doc.pages.iter().all(|p| p.width > p.height));
    let first = texts(&doc, 0).join("\n");
    for e in ["Schedule: March 2027", "Test", "Prod", "Quarter-end freeze", "Tuesday green zone", "Patch night"] {
        assert!(first.contains(e), "page 1 lacks {e:?}");
    }
    assert!(first.contains("Times are local to Europe/London"), "the chart says the zone");
    assert!(first.contains("Deployments starting that day"), "the legend is on the chart's page");
    let titles: Vec<&str> = doc.bookmarks.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Schedule: March 2027",
            "Conflicts",
            "Deployments",
            "CAB dates",
            "Change windows",
            "Environments booked by hand"
        ]
    );
    assert_eq!(doc.bookmarks[0].page, 0);
    let all = all_text(&doc);
    for e in [
        "PAY-2.1's deployment falls in the freeze \"Quarter-end freeze\"",
        "Fri 26 Mar 20:00 – 22:00",
        "Payments 2.1 — refunds",
        "Wed 10 Mar",
        "5 times, Tue 2 Mar to Tue 30 Mar, 19:00 – 23:00",
        "Thu 25 Mar – Thu 1 Apr (whole days)",
        "DB patching",
    ] {
        assert!(all.contains(e), "no {e:?} in\n{all}");
    }
    assert_on_the_page(&doc);
}

#[test]
fn a_quarter_has_a_chart_per_month_each_with_every_lane_and_the_zone() {
    let period = Period::quarter(2027, 1).unwrap();
    let doc = lay_out(&view("2027-01-01", "2027-03-31"), &period, Sheet { paper: Paper::Letter, landscape: true });
    let charts: Vec<&Bookmark> = doc.bookmarks.iter().filter(|b| b.title.starts_with("Schedule: ")).collect();
    assert_eq!(
        charts.iter().map(|b| b.title.as_str()).collect::<Vec<_>>(),
        ["Schedule: January 2027", "Schedule: February 2027", "Schedule: March 2027"]
    );
    for (i, b) in charts.iter().enumerate() {
        assert_eq!(b.page as usize, i, "a page per month");
        let page = texts(&doc, i);
        for e in ["Test", "Prod", "Times are local to Europe/London, the plan's time zone."] {
            assert!(page.contains(&e), "page {i} lacks {e:?}");
        }
    }
    // February has no window of its own: its chart says so.
    assert!(texts(&doc, 1).contains(&"No change windows in February 2027."));
    assert_on_the_page(&doc);
}

#[test]
fn an_empty_period_says_so_in_every_part() {
    let mut v = view("2027-05-01", "2027-05-31");
    v.bands.clear();
    v.deployments.clear();
    v.milestones.clear();
    v.conflicts.clear();
    for l in &mut v.lanes {
        l.bookings.clear();
    }
    let doc = lay_out(&v, &Period::month(2027, 5).unwrap(), landscape());
    let all = all_text(&doc);
    for e in [
        "No change windows in this period.",
        "No conflicts in this period.",
        "No deployments in this period.",
        "No CAB dates in this period.",
        "No environment is booked by hand in this period.",
        "May 2027: 0 deployments, 0 CAB dates, 0 change windows (0 occurrences), 0 conflicts.",
    ] {
        assert!(all.contains(e), "no {e:?}");
    }
}

#[test]
fn a_lane_booked_too_many_times_at_once_shows_counts_and_many_lanes_go_over_pages() {
    let mut v = view("2027-03-01", "2027-03-31");
    let many: Vec<Booking> = (0..40)
        .map(|i| {
            booking(
                "Test",
                &format!("2027-03-{:02}T09:00:00", 2 + i % 3),
                "2027-03-20T17:00:00",
                None,
                BookingSource::Manual,
            )
        })
        .collect();
    v.lanes[0].bookings = many;
    let extra: Vec<Lane> = (0..30).map(|i| lane(&format!("Env {i:02}"), false, vec![])).collect();
    v.lanes.extend(extra);
    let doc = lay_out(&v, &Period::month(2027, 3).unwrap(), landscape());
    let all = all_text(&doc);
    assert!(all.contains("Most bookings at once that day (too many to draw)"), "the legend explains the counts");
    assert!(texts(&doc, 0).contains(&"40"), "forty at once from 4 March");
    assert!(all.contains("Schedule: March 2027 (continued)"));
    assert!(all.contains("Env 29"), "every lane is drawn");
    assert_on_the_page(&doc);
}

#[test]
fn times_are_said_as_a_reader_expects() {
    assert_eq!(when(t("2027-03-02T20:00:00"), t("2027-03-02T22:00:00"), 2027), "Tue 2 Mar 20:00 – 22:00");
    assert_eq!(when(t("2027-03-02T22:00:00"), t("2027-03-03T00:00:00"), 2027), "Tue 2 Mar 22:00 – 24:00");
    assert_eq!(when(t("2027-03-13T22:00:00"), t("2027-03-14T04:00:00"), 2027), "Sat 13 Mar 22:00 – Sun 14 Mar 04:00");
    assert_eq!(when(t("2027-03-01T00:00:00"), t("2027-03-06T00:00:00"), 2027), "Mon 1 Mar – Fri 5 Mar (whole days)");
    assert_eq!(when(t("2027-03-01T00:00:00"), t("2027-03-02T00:00:00"), 2027), "Mon 1 Mar (whole day)");
    assert_eq!(
        when(t("2026-12-20T00:00:00"), t("2027-01-04T00:00:00"), 2027),
        "Sun 20 Dec 2026 – Sun 3 Jan (whole days)"
    );
}

#[test]
fn months_split_a_range_at_month_ends() {
    assert_eq!(months(d("2027-01-01"), d("2027-03-31")).len(), 3);
    assert_eq!(
        months(d("2027-01-15"), d("2027-02-10")),
        [(d("2027-01-15"), d("2027-01-31")), (d("2027-02-01"), d("2027-02-10"))]
    );
    assert_eq!(months(dates::LAST_DAY, dates::LAST_DAY), [(dates::LAST_DAY, dates::LAST_DAY)]);
}

#[test]
fn a_message_listing_many_releases_keeps_its_first_ones_and_says_how_many() {
    let keys: Vec<String> = (1..=40).map(|i| format!("REL-{i:03}")).collect();
    let c = Conflict {
        id: "x".into(),
        kind: ConflictKind::EnvironmentCapacity,
        severity: Severity::Blocking,
        parties: vec![],
        releases: keys.clone(),
        start: t("2027-03-01T00:00:00"),
        end: t("2027-03-02T00:00:00"),
        environment: Some("Test".into()),
        ci: None,
        message: format!("Test is booked 40 times at once, its capacity is 1: {}", keys.join(", ")),
    };
    let m = message(&c);
    assert!(m.starts_with("Test is booked 40 times at once, its capacity is 1: REL-001, REL-002"), "{m}");
    assert!(m.ends_with(", … (40 releases in all)") && m.chars().count() < 400, "{m}");
    let few = Conflict { releases: keys[..2].to_vec(), message: "short".into(), ..c };
    assert_eq!(message(&few), "short");
}
