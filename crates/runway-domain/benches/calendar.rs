//! The forward schedule (D6) on synthetic plans of 1,000, 5,000 and 20,000 releases over two
//! years in Europe/London: every conflict over the two years (target at 5,000: < 50 ms) and the
//! next free slots of one production release (target: < 20 ms), growing about linearly.
//!
//! A plan has one application per 50 releases, each with its CIs (api, db, ui; the api depends on
//! the db), a test environment (capacity 2, booked by test phases) and a production environment
//! (booked by deployments); two shared CIs per thousand releases; a test phase and a deployment per release (two
//! bookings), most deployments on the Tuesday and Thursday night green zone; one manual booking
//! per ten releases; ten windows, most of them recurring (weekly green zones and patching, a daily
//! backup, monthly and quarterly blackouts, a yearly freeze) and the default calendar rules (but a
//! daily cap of the portfolio that grows with it).

use std::hint::black_box;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use criterion::{Criterion, criterion_group, criterion_main};
use runway_domain::calendar::booking::{self, Booking};
use runway_domain::calendar::conflict::{CalendarRules, Schedule, detect};
use runway_domain::calendar::slots::{Limits, next_free};
use runway_domain::calendar::{ChangeWindow, ManualBooking, PlanZone, Scope, WindowKind};
use runway_domain::schedule::CiDependency;
use runway_domain::{
    CiVersion, Environment, Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

/// SplitMix64: the same plan on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

struct Plan {
    releases: Vec<Release>,
    environments: Vec<Environment>,
    ci_deps: Vec<CiDependency>,
    windows: Vec<ChangeWindow>,
    bookings: Vec<Booking>,
    rules: CalendarRules,
    zone: PlanZone,
}

impl Plan {
    fn schedule(&self) -> Schedule<'_> {
        Schedule {
            releases: &self.releases,
            environments: &self.environments,
            ci_deps: &self.ci_deps,
            windows: &self.windows,
            bookings: &self.bookings,
            rules: &self.rules,
            zone: self.zone,
        }
    }
}

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).unwrap()
}

fn window(name: &str, kind: WindowKind, start: NaiveDateTime, end: NaiveDateTime) -> ChangeWindow {
    ChangeWindow {
        name: name.into(),
        kind,
        reason: String::new(),
        scope: Scope::default(),
        start,
        end,
        all_day: false,
        recurrence: None,
        exceptions: vec![],
    }
}

fn windows(apps: &[String]) -> Vec<ChangeWindow> {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let rule = |w: ChangeWindow, r: &str| ChangeWindow { recurrence: Some(r.into()), ..w };
    let all_day = |w: ChangeWindow| ChangeWindow { all_day: true, ..w };
    let apps_scope = |range: std::ops::Range<usize>| Scope {
        applications: apps[range.start.min(apps.len())..range.end.min(apps.len())].to_vec(),
        ..Scope::default()
    };
    vec![
        // The green zones of production: Tuesday and Thursday nights, Saturday night.
        rule(
            window("Prod nights", WindowKind::GreenZone, at(d(2027, 1, 5), 22), at(d(2027, 1, 6), 2)),
            "FREQ=WEEKLY;BYDAY=TU,TH",
        ),
        rule(
            window("Saturday nights", WindowKind::GreenZone, at(d(2027, 1, 2), 22), at(d(2027, 1, 3), 4)),
            "FREQ=WEEKLY;BYDAY=SA",
        ),
        all_day(window("Christmas 2027", WindowKind::Freeze, at(d(2027, 12, 20), 0), at(d(2028, 1, 3), 0))),
        all_day(window("Christmas 2028", WindowKind::Freeze, at(d(2028, 12, 18), 0), at(d(2029, 1, 2), 0))),
        ChangeWindow {
            scope: apps_scope(0..5),
            ..rule(
                all_day(window("Year end", WindowKind::Freeze, at(d(2027, 3, 29), 0), at(d(2027, 4, 1), 0))),
                "FREQ=YEARLY",
            )
        },
        ChangeWindow {
            scope: apps_scope(0..10),
            ..rule(
                all_day(window("Month end", WindowKind::Blackout, at(d(2027, 1, 27), 0), at(d(2027, 1, 28), 0))),
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1",
            )
        },
        ChangeWindow {
            scope: Scope { cis: vec!["core-db-0".into(), "auth-0".into()], ..Scope::default() },
            ..rule(
                all_day(window("Quarter close", WindowKind::Blackout, at(d(2027, 3, 30), 0), at(d(2027, 3, 31), 0))),
                "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-2,-1",
            )
        },
        ChangeWindow {
            scope: Scope {
                environments: apps.iter().take(20).map(|a| format!("PROD-{a}")).collect(),
                ..Scope::default()
            },
            ..rule(
                window("Sunday patching", WindowKind::Maintenance, at(d(2027, 1, 3), 0), at(d(2027, 1, 3), 6)),
                "FREQ=WEEKLY;BYDAY=SU",
            )
        },
        ChangeWindow {
            scope: Scope { cis: vec!["core-db-0".into(), "core-db-1".into()], ..Scope::default() },
            ..rule(
                window("DB backup", WindowKind::Maintenance, at(d(2027, 1, 1), 2), at(d(2027, 1, 1), 3)),
                "FREQ=DAILY",
            )
        },
        ChangeWindow {
            scope: apps_scope(10..15),
            ..all_day(window("Audit", WindowKind::Freeze, at(d(2028, 6, 1), 0), at(d(2028, 6, 8), 0)))
        },
    ]
}

/// `n` releases over 2027 and 2028.
fn plan(n: usize) -> Plan {
    let mut rng = Rng(2027);
    let apps: Vec<String> = (0..n.div_ceil(50).max(6)).map(|i| format!("A{i:03}")).collect();
    let mut environments = vec![];
    let mut ci_deps = vec![];
    for a in &apps {
        environments.push(Environment { capacity: 2, ..Environment::new(format!("TEST-{a}"), false) });
        environments.push(Environment::new(format!("PROD-{a}"), true));
        ci_deps.push(CiDependency { ci: format!("{a}-api"), depends_on: format!("{a}-db") });
    }
    // A pair of shared CIs per thousand releases, the one depending on the other.
    let shared_cis = n.div_ceil(1000) as u64;
    for k in 0..shared_cis {
        ci_deps.push(CiDependency { ci: format!("auth-{k}"), depends_on: format!("core-db-{k}") });
    }
    let mut releases = Vec::with_capacity(n);
    for i in 0..n {
        let app = &apps[rng.below(apps.len() as u64) as usize];
        let mut day = day0() + Duration::days(rng.below(730) as i64);
        let window = if rng.chance(65) {
            // The next Tuesday or Thursday night.
            while !matches!(day.weekday(), Weekday::Tue | Weekday::Thu) {
                day += Duration::days(1);
            }
            Window { start: at(day, 22), end: at(day, 22) + Duration::hours(1 + rng.below(3) as i64) }
        } else {
            let start = at(day, rng.below(24) as u32);
            Window { start, end: start + Duration::hours(1 + rng.below(4) as i64) }
        };
        let test_start = day - Duration::days(3 + rng.below(8) as i64);
        let milestone = |kind, planned_start, planned_end| Milestone {
            kind,
            planned_start,
            planned_end,
            actual_start: None,
            actual_end: None,
        };
        let mut cis = vec![CiVersion {
            ci: format!("{app}-{}", ["api", "db", "ui"][rng.below(3) as usize]),
            version: "2".into(),
        }];
        if rng.chance(10) {
            let shared = ["core-db", "auth"][rng.below(2) as usize];
            cis.push(CiVersion { ci: format!("{shared}-{}", rng.below(shared_cis)), version: "7".into() });
        }
        releases.push(Release {
            key: format!("{app}-{i}"),
            title: format!("Release {i}"),
            kind: ReleaseKind::Minor,
            unit: ReleaseUnit::Delta,
            status: if rng.chance(8) { ReleaseStatus::Closed } else { ReleaseStatus::Planned },
            applications: vec![app.clone()],
            owner: None,
            manager: Some("rm@example.com".into()),
            environments: vec![format!("TEST-{app}"), format!("PROD-{app}")],
            window: Some(window),
            risk: Risk::Low,
            acceptance_criteria: String::new(),
            backout_plan: String::new(),
            backout_tested: false,
            notes: String::new(),
            rfcs: vec![],
            cis,
            milestones: vec![
                milestone(MilestoneKind::Test, test_start, test_start + Duration::days(2 + rng.below(4) as i64)),
                milestone(MilestoneKind::Deployment, day, day),
                milestone(MilestoneKind::EarlyLifeSupport, day + Duration::days(1), day + Duration::days(14)),
            ],
        });
    }
    let manual: Vec<(i64, ManualBooking)> = (0..n / 10)
        .map(|i| {
            let app = &apps[rng.below(apps.len() as u64) as usize];
            let start = at(day0() + Duration::days(rng.below(730) as i64), 8);
            let release = rng.chance(50).then(|| releases[rng.below(n as u64) as usize].key.clone());
            let booking = ManualBooking {
                environment: format!("TEST-{app}"),
                start,
                end: start + Duration::days(1 + rng.below(3) as i64),
                purpose: format!("Performance test {i}"),
                by: "perf@example.com".into(),
                release,
            };
            (i as i64 + 1, booking)
        })
        .collect();
    let bookings = booking::all(&releases, &environments, &manual);
    Plan {
        windows: windows(&apps),
        releases,
        environments,
        ci_deps,
        bookings,
        // The default rules, with a cap of the portfolio's deployments a day that grows with it
        // (about one and a half times the mean).
        rules: CalendarRules { daily_cap: Some((n as u32 / 500).max(4)), ..CalendarRules::default() },
        zone: PlanZone::parse("Europe/London").unwrap(),
    }
}

fn calendar(c: &mut Criterion) {
    let mut group = c.benchmark_group("calendar");
    group.sample_size(10);
    let from = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap();
    for n in [1_000usize, 5_000, 20_000] {
        let p = plan(n);
        let s = p.schedule();
        let found = detect(&s, from, to);
        let mut kinds = std::collections::BTreeMap::new();
        for c in &found {
            *kinds.entry(c.kind.as_str()).or_insert(0) += 1;
        }
        // A production release deploying in March 2028, looking 90 days ahead from then.
        let key = p
            .releases
            .iter()
            .find(|r| r.window.unwrap().start.date() >= NaiveDate::from_ymd_opt(2028, 3, 1).unwrap())
            .unwrap()
            .key
            .clone();
        let limits = Limits { earliest: NaiveDate::from_ymd_opt(2028, 3, 1).unwrap(), horizon_days: 90, count: 5 };
        let slots = next_free(&s, &key, limits).unwrap();
        eprintln!(
            "{n} releases: {} bookings, {} conflicts {kinds:?}; {} slots for {key}, the first {}",
            p.bookings.len(),
            found.len(),
            slots.len(),
            slots.first().map_or(String::new(), |s| s.start.to_string())
        );
        group.bench_function(format!("detect_{n}"), |b| b.iter(|| black_box(detect(black_box(&s), from, to).len())));
        group.bench_function(format!("next_free_{n}"), |b| {
            b.iter(|| black_box(next_free(black_box(&s), &key, limits).unwrap().len()))
        });
    }
    group.finish();
}

criterion_group!(benches, calendar);
criterion_main!(benches);
