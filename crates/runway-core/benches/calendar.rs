//! The forward schedule of changes through the Planner (issue 15), on the demo portfolio: every
//! conflict with the windows expanded over two years, the next free slots of one release, and how
//! conflict detection grows with the plan (1,000, 5,000 and 20,000 releases). What the domain's
//! detection costs alone is runway-domain's `calendar` bench; this one measures what a front end
//! pays: reading the plan's schedule from SQLite, detecting, the slot search, the calendar view of
//! a quarter (what the app asks when the quarter opens) and the `.ics` export of the whole schedule.
//!
//! `cargo bench -p runway-core --bench calendar` (set `CALENDAR_SIZES=5000` to run one size).

use std::hint::black_box;

use chrono::{Months, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use runway_core::Planner;
use runway_domain::ReleaseStatus;
use runway_domain::calendar::ManualBooking;

/// Tops the plan up with manual bookings until it holds `want` bookings in all (the demo's
/// releases book their environments from their milestones; this adds work by hand on the days
/// the plan spans, a day's booking in turn in each test and deployment environment).
fn top_up(p: &mut Planner, want: usize, today: NaiveDate) {
    let have = p.bookings().unwrap().len();
    let envs = ["Test", "UAT", "Pre-prod", "Prod"];
    for i in 0..want.saturating_sub(have) {
        let day = today + chrono::Duration::days((i % 400) as i64 - 30);
        let start = day.and_hms_opt(9 + (i % 4) as u32 * 2, 0, 0).unwrap();
        let b = ManualBooking {
            environment: envs[i % envs.len()].into(),
            start,
            end: start + chrono::Duration::hours(2),
            purpose: format!("Bench booking {i}"),
            by: "bench".into(),
            release: None,
        };
        p.save_booking(None, b).unwrap();
    }
}

fn calendar(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let sizes: Vec<usize> = std::env::var("CALENDAR_SIZES")
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 5_000, 20_000]);
    let mut group = c.benchmark_group("calendar");
    group.sample_size(10);
    for n in sizes {
        let path = dir.path().join(format!("demo-{n}.runway"));
        let mut p = Planner::create_demo(&path, 2027, n, today, "bench", false).unwrap();
        p.set_today(today);
        // About two bookings a release: ~10,000 at 5,000 releases.
        top_up(&mut p, 2 * n, today);
        // Two years of windows: the year behind today and the year ahead.
        let from = today.checked_sub_months(Months::new(12)).unwrap();
        let to = today.checked_add_months(Months::new(12)).unwrap();
        let schedule = p.plan_schedule().unwrap();
        let found = p.conflicts(Some(from), Some(to)).unwrap().len();
        // A coming release the slot search may move: the first approved one by key (not an
        // emergency: a planned release, whose production deployment goes into a green zone).
        let key = p
            .list_releases()
            .unwrap()
            .into_iter()
            .find(|r| r.status == ReleaseStatus::Approved && r.kind != runway_domain::ReleaseKind::Emergency)
            .map(|r| r.key)
            .unwrap();
        eprintln!(
            "{n} releases: {} bookings, {} windows, {found} conflicts over two years, slots of {key}",
            schedule.bookings.len(),
            schedule.windows.len()
        );
        group.bench_function(format!("read_schedule_{n}"), |b| {
            b.iter(|| black_box(p.plan_schedule().unwrap().bookings.len()))
        });
        group.bench_function(format!("all_conflicts_detect_only_{n}"), |b| {
            b.iter(|| black_box(schedule.all_conflicts().len()))
        });
        group.bench_function(format!("planner_conflicts_two_years_{n}"), |b| {
            b.iter(|| black_box(p.conflicts(Some(from), Some(to)).unwrap().len()))
        });
        group.bench_function(format!("planner_conflicts_from_today_{n}"), |b| {
            b.iter(|| black_box(p.conflicts(None, None).unwrap().len()))
        });
        // The next free slot, and five (what the app and the CLI ask for).
        group.bench_function(format!("planner_next_slot_{n}"), |b| {
            b.iter(|| black_box(p.slots(&key, 1).unwrap().len()))
        });
        group.bench_function(format!("planner_slots_5_{n}"), |b| b.iter(|| black_box(p.slots(&key, 5).unwrap().len())));
        // The calendar view of today's quarter, Q4 2026, as the app's quarter asks for it: its grid
        // of whole weeks, Monday 28 September 2026 to Sunday 3 January 2027 (ui/src/lib/calendar/
        // period.ts), and the windows beside it.
        let (q_from, q_to) =
            (NaiveDate::from_ymd_opt(2026, 9, 28).unwrap(), NaiveDate::from_ymd_opt(2027, 1, 3).unwrap());
        group.bench_function(format!("planner_calendar_quarter_{n}"), |b| {
            b.iter(|| black_box((p.calendar(q_from, q_to).unwrap().deployments.len(), p.windows().unwrap().len())))
        });
        // The whole forward schedule as one iCalendar file (what `runway calendar --ics` writes).
        let ics = p.export_ics(None).unwrap();
        eprintln!("{n} releases: .ics of {} events, {} bytes", ics.matches("BEGIN:VEVENT").count(), ics.len());
        group.bench_function(format!("planner_export_ics_{n}"), |b| {
            b.iter(|| black_box(p.export_ics(None).unwrap().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, calendar);
criterion_main!(benches);
