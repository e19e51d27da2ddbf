//! The demo portfolio: a plausible, living plan around a given day, the same for the same seed.
//!
//! About 40 releases by default, spread over the two quarters before `today` and the two after,
//! across six applications, with RFCs, a bill of materials, milestones, people in the seed roles,
//! a few emergency releases and some that failed or were backed out, and its calendar: the plan in
//! Europe/London, a year-end freeze, the General Ledger's month-end blackout, production green
//! zones on Tuesday and Thursday nights, a monthly maintenance night, environments with
//! capacities, bookings from the milestones and a few by hand, most deployments in the green
//! zones and a handful of conflicts of each kind among the coming releases. Pure: the day is
//! passed in.
//!
//! This module builds the portfolio ([`demo`]); the rest is split by concept:
//! - `catalogue`: the fixed cast it draws from (applications and their CIs, people, environments);
//! - `release`: one release's window, stage and milestones, drawn around its day;
//! - `plan`: what spans releases (dependencies, the plan of record, every stage shown);
//! - `calendar`: the forward schedule's time zone, windows, capacities, caps and manual bookings;
//! - `board` and `shape`: the deployments placed into free green zone slots, a few into conflicts;
//! - `history`: each release's recorded past (its moves and the evidence behind them).

use chrono::{Datelike, Duration, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::matrix::Assignment;
use crate::model::*;
use crate::portfolio::Portfolio;

mod board;
mod calendar;
mod catalogue;
mod history;
mod plan;
mod release;
mod shape;

use catalogue::{APPS, ENVIRONMENTS, PEOPLE, SHARED_CIS};
use plan::{dependencies, plan_of_record, show_every_stage};
use release::{milestones_for, previous_version, status_for, window_for};

pub const DEFAULT_SEED: u64 = 2027;
pub const DEFAULT_RELEASES: usize = 40;

/// Builds the demo portfolio of `releases` releases around `today`.
pub fn demo(seed: u64, releases: usize, today: NaiveDate) -> Portfolio {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut doc = Portfolio::new("Demo portfolio");
    doc.applications = APPS.iter().map(|a| Application { code: a.code.into(), name: a.name.into() }).collect();
    let lanes = calendar::lanes(releases);
    doc.environments = calendar::environments();
    doc.people = PEOPLE.iter().map(|(name, email, org, _)| Person::new(*email, *name, *org)).collect();
    doc.assignments = PEOPLE
        .iter()
        .map(|(_, email, _, role)| Assignment { role: role.as_str().into(), person: (*email).into(), release: None })
        .collect();
    // A big demo's applications are made of more components (see `calendar::ci_copies`).
    let copies = calendar::ci_copies(releases);
    let app_cis: Vec<Vec<Ci>> = APPS
        .iter()
        .map(|app| calendar::copied(app.cis, copies).map(|c| Ci { application: Some(app.code.into()), ..c }).collect())
        .collect();
    let shared_cis: Vec<Ci> = calendar::copied(SHARED_CIS, copies).collect();
    doc.cis.extend(app_cis.iter().flatten().chain(&shared_cis).cloned());

    // Two quarters back and two ahead of the quarter holding `today`.
    let quarter_start = crate::report::Period::quarter_of(today).from;
    let from = quarter_start.checked_sub_months(chrono::Months::new(6)).expect("in range");
    let to = quarter_start.checked_add_months(chrono::Months::new(9)).expect("in range") - Duration::days(1);
    let span = (to - from).num_days().max(1) as f64;

    let mut versions: Vec<(u32, u32, u32)> =
        APPS.iter().map(|_| (rng.random_range(2..6), rng.random_range(0..9), 0)).collect();
    let mut per_month: std::collections::HashMap<(i32, u32, bool), u32> = Default::default();
    let mut rfc_seq = 4100u32;
    let mut past = 0usize;

    for i in 0..releases {
        let app_ix = rng.random_range(0..APPS.len());
        let app = &APPS[app_ix];
        // Every twelfth release is an emergency, so even a small demo has a few.
        let kind = match if i % 12 == 5 { 0 } else { rng.random_range(3..100) } {
            0..=2 => ReleaseKind::Emergency,
            3..=27 => ReleaseKind::Major,
            28..=69 => ReleaseKind::Minor,
            _ => ReleaseKind::Patch,
        };
        let offset = ((i as f64 + rng.random::<f64>()) * span / releases.max(1) as f64) as i64;
        // A third of the releases sit within a few weeks of today, where most of the work is (in a
        // big demo, the first forty: the rest spread out, as a big portfolio's plan does).
        let near = i % 3 == 1 && i < 120;
        let day = if near { today + Duration::days(rng.random_range(-21..=35)) } else { from + Duration::days(offset) };
        // Emergencies are not planned months ahead.
        let kind =
            if kind == ReleaseKind::Emergency && (day - today).num_days() > 7 { ReleaseKind::Minor } else { kind };
        let window = window_for(kind, day, &mut rng);
        let day = window.start.date();

        let v = &mut versions[app_ix];
        *v = match kind {
            ReleaseKind::Major => (v.0 + 1, 0, 0),
            ReleaseKind::Minor => (v.0, v.1 + 1, 0),
            ReleaseKind::Patch | ReleaseKind::Emergency => (v.0, v.1, v.2 + 1),
        };
        let version = format!("{}.{}.{}", v.0, v.1, v.2);

        let emergency = kind == ReleaseKind::Emergency;
        let seq = per_month.entry((day.year(), day.month(), emergency)).or_insert(0);
        *seq += 1;
        let key = format!("{}-{}.{:02}.{:02}", if emergency { "EMR" } else { "REL" }, day.year(), day.month(), seq);

        let feature = app.features[rng.random_range(0..app.features.len())];
        let title = match kind {
            ReleaseKind::Emergency => format!(
                "{} {version} — emergency fix: {}",
                app.name,
                app.changes[rng.random_range(0..app.changes.len())].to_lowercase()
            ),
            ReleaseKind::Patch => format!("{} {version} — maintenance patch", app.name),
            _ => format!("{} {version} — {feature}", app.name),
        };

        let days_to_window = (day - today).num_days();
        let mut status = status_for(kind, days_to_window, &mut rng);
        if days_to_window < 0 {
            // Every few releases behind us did not go well, so even a small demo shows failures.
            past += 1;
            status = match (past % 8, days_to_window < -30) {
                (3, _) => ReleaseStatus::BackedOut,
                (6, true) => ReleaseStatus::ClosedFailed,
                (6, false) => ReleaseStatus::DeploymentFailed,
                _ => status,
            };
        }
        let policy_gap = rng.random_range(0..100) < 8;

        // RFCs: one to four, except the few that break policy by having none.
        let mut rfcs = Vec::new();
        let n_rfcs = if policy_gap && status != ReleaseStatus::Draft {
            0
        } else {
            rng.random_range(1..=if kind == ReleaseKind::Major { 4 } else { 2 })
        };
        for _ in 0..n_rfcs {
            rfc_seq += 1;
            let key = format!("RFC-{rfc_seq}");
            let rfc_status = match status {
                ReleaseStatus::Closed
                | ReleaseStatus::Verified
                | ReleaseStatus::EarlyLifeSupport
                | ReleaseStatus::Deployed => RfcStatus::Implemented,
                ReleaseStatus::Cancelled | ReleaseStatus::ClosedRejected => RfcStatus::Withdrawn,
                ReleaseStatus::Draft | ReleaseStatus::Planned | ReleaseStatus::SubmittedToCab => RfcStatus::Submitted,
                ReleaseStatus::Rejected => RfcStatus::Rejected,
                _ => RfcStatus::Approved,
            };
            doc.rfcs.push(Rfc {
                key: key.clone(),
                title: app.changes[rng.random_range(0..app.changes.len())].into(),
                status: rfc_status,
            });
            rfcs.push(key);
        }

        // Bill of materials: one to three of the application's CIs, sometimes shared infrastructure.
        let mut cis: Vec<CiVersion> = Vec::new();
        let own = &app_cis[app_ix];
        let n_cis = rng.random_range(1..=app.cis.len().min(3));
        let start = rng.random_range(0..own.len());
        for k in 0..n_cis {
            cis.push(CiVersion { ci: own[(start + k) % own.len()].name.clone(), version: version.clone() });
        }
        if rng.random_range(0..100) < 15 {
            let name = shared_cis[rng.random_range(0..shared_cis.len())].name.clone();
            cis.push(CiVersion {
                ci: name,
                version: format!("{}.{}", rng.random_range(1..4), rng.random_range(0..20)),
            });
        }

        let mut applications = vec![app.code.to_string()];
        if rng.random_range(0..100) < 15 {
            let other = APPS[rng.random_range(0..APPS.len())].code.to_string();
            if other != applications[0] {
                applications.push(other);
            }
        }

        let owner = PEOPLE.iter().filter(|p| p.3 == Role::ReleaseOwner).nth(app_ix).map(|p| p.1.to_string());
        let managers: Vec<_> = PEOPLE.iter().filter(|p| p.3 == Role::ReleaseManager).collect();
        let manager = Some(managers[rng.random_range(0..managers.len())].1.to_string());

        let environments: Vec<String> = match kind {
            ReleaseKind::Emergency => vec!["Pre-prod".into(), "Prod".into()],
            ReleaseKind::Patch => vec!["Test".into(), "Pre-prod".into(), "Prod".into()],
            _ => ENVIRONMENTS.iter().map(|e| e.0.to_string()).collect(),
        };
        let risk = match kind {
            ReleaseKind::Emergency => [Risk::High, Risk::Critical][rng.random_range(0..2)],
            ReleaseKind::Major => [Risk::Medium, Risk::High, Risk::High][rng.random_range(0..3)],
            ReleaseKind::Minor => [Risk::Low, Risk::Medium][rng.random_range(0..2)],
            ReleaseKind::Patch => Risk::Low,
        };
        let draft = status == ReleaseStatus::Draft;
        let acceptance_criteria = if draft && policy_gap {
            String::new()
        } else {
            format!(
                "All regression suites green in UAT; {} smoke test passes in Prod within 30 minutes of deployment; no P1/P2 incident attributable to the release in the first 7 days.",
                app.name
            )
        };
        let backout_plan = if policy_gap {
            String::new()
        } else {
            format!(
                "Redeploy {} {} from the release repository, restore the pre-deployment database snapshot if schema changed, and confirm with the smoke test. Estimated 45 minutes.",
                app.name,
                previous_version(&version)
            )
        };
        let backout_tested = !policy_gap
            && !matches!(
                status,
                ReleaseStatus::Draft
                    | ReleaseStatus::Planned
                    | ReleaseStatus::SubmittedToCab
                    | ReleaseStatus::Approved
                    | ReleaseStatus::Build
            );
        let notes = match status {
            ReleaseStatus::BackedOut => {
                "Backed out after the smoke test failed in Prod; root cause under review in problem management."
                    .to_string()
            }
            ReleaseStatus::ClosedFailed => {
                "Deployment failed and the back-out also needed manual recovery; see the post-implementation review."
                    .to_string()
            }
            ReleaseStatus::Cancelled => "Cancelled: scope merged into the next release package.".to_string(),
            _ if emergency => {
                "Raised through the emergency CAB; retrospective review required before closure.".to_string()
            }
            _ => String::new(),
        };

        doc.releases.push(Release {
            key,
            title,
            kind,
            unit: match kind {
                ReleaseKind::Major => ReleaseUnit::Full,
                ReleaseKind::Minor => [ReleaseUnit::Delta, ReleaseUnit::Package][rng.random_range(0..2)],
                _ => ReleaseUnit::Delta,
            },
            status,
            applications,
            owner,
            manager,
            environments,
            window: Some(window),
            risk,
            acceptance_criteria,
            backout_plan,
            backout_tested,
            notes,
            rfcs,
            cis,
            milestones: milestones_for(kind, &window, today, &mut rng),
        });
    }
    show_every_stage(&mut doc.releases, today);
    doc.ci_dependencies = [
        ("mobile-bff", "payments-api"),
        ("portal-web", "iam-keycloak"),
        ("mobile-bff", "iam-keycloak"),
        ("etl-pipelines", "ledger-db"),
        ("payments-api", "postgres-cluster"),
        ("ledger-core", "postgres-cluster"),
        ("ledger-batch", "ledger-db"),
        ("mobile-bff", "api-gateway"),
        ("portal-web", "api-gateway"),
    ]
    .iter()
    .map(|(ci, on)| crate::schedule::CiDependency { ci: (*ci).into(), depends_on: (*on).into() })
    .collect();

    // The calendar: windows from the first day the demo spans, the deployments shaped to them.
    doc.time_zone = Some(calendar::ZONE.into());
    doc.windows = calendar::windows(from);
    calendar::size_test_environments(&mut doc.environments, &mut doc.releases, today, lanes);
    calendar::size_deployment_environments(&mut doc.environments, &doc.releases, today, lanes);
    doc.policy = calendar::policy(&doc.environments);
    let rules = doc.policy.as_ref().map(|p| p.calendar.clone()).unwrap_or_default();
    let end = to + Duration::days(90);
    let mut board = board::Board::new(
        &doc.environments,
        &doc.windows,
        &doc.ci_dependencies,
        &rules,
        (from - Duration::days(60), end),
        &doc.cis,
    );
    let perf = calendar::performance_tests(releases);
    shape::shape(&mut doc.releases, &mut board, today);
    let open: Vec<bool> = doc.releases.iter().map(|r| !shape::protected(r, today)).collect();
    doc.bookings = calendar::bookings(&board, &doc.releases, |i| open[i], today, to, perf);
    doc.dependencies = dependencies(&doc.releases);
    let mut next_id = 1;
    for (i, r) in doc.releases.iter().enumerate() {
        let mut hrng = ChaCha8Rng::seed_from_u64(seed ^ 0x05ee_d0f4_1570 ^ (i as u64).wrapping_mul(0x9e37_79b9));
        doc.events.extend(history::of(r, today, &mut hrng, &mut next_id));
    }
    doc.baselines.push(plan_of_record(&doc.releases, quarter_start, today));
    // One release in test names its own Test Manager, over the portfolio's two (the matrix's
    // override per release); its Release Owner and Release Manager are its record's.
    if let Some(r) = doc.releases.iter().find(|r| r.status == ReleaseStatus::Test) {
        doc.assignments.push(Assignment {
            role: Role::TestManager.as_str().into(),
            person: "sofia.papadopoulou@example.com".into(),
            release: Some(r.key.clone()),
        });
    }
    doc.matrix = Some(crate::matrix::template());
    doc.sort();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::{Known, check};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn the_demo_is_deterministic_for_a_seed() {
        assert_eq!(demo(7, 40, today()), demo(7, 40, today()));
        assert_ne!(demo(7, 40, today()), demo(8, 40, today()));
    }

    #[test]
    fn the_demo_passes_its_own_checks() {
        for n in [1, 40, 500] {
            let doc = demo(DEFAULT_SEED, n, today());
            assert_eq!(check(&doc, &Known::default()), vec![], "{n} releases");
            assert_eq!(doc.releases.len(), n);
        }
    }

    #[test]
    fn the_demo_shows_the_whole_lifecycle() {
        use crate::lifecycle::{Context, Policy, assess};
        let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, today());
        let stages: std::collections::BTreeSet<_> = doc.releases.iter().map(|r| r.status).collect();
        let missing: Vec<_> = ReleaseStatus::ALL.iter().filter(|s| !stages.contains(s)).collect();
        let policy = Policy::default();
        let created = today().and_hms_opt(0, 0, 0).unwrap().and_utc() - chrono::Duration::days(200);
        let (mut overdue, mut breaking, mut with_events) = (0, 0, 0);
        for r in &doc.releases {
            let events: Vec<_> = doc.events.iter().filter(|e| e.release == r.key).cloned().collect();
            with_events += usize::from(!events.is_empty());
            let ctx = Context {
                release: r,
                events: &events,
                policy: &policy,
                today: today(),
                created,
                zone: Default::default(),
                conflicts: &[],
                deciders: &crate::lifecycle::Deciders::unknown(),
            };
            let a = assess(&ctx);
            overdue += usize::from(a.overdue);
            breaking += usize::from(!a.breaches.is_empty());
        }
        eprintln!("missing stages {missing:?}; overdue {overdue}; breaking {breaking}; with events {with_events}");
        assert!(missing.is_empty(), "stages missing from the demo: {missing:?}");
        // Other days: the demo is built around whatever day it is; nearly every stage shows.
        for offset in [-40i64, -7, 13, 60, 200] {
            let day = today() + chrono::Duration::days(offset);
            let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, day);
            let stages: std::collections::BTreeSet<_> = doc.releases.iter().map(|r| r.status).collect();
            let missing: Vec<_> = ReleaseStatus::ALL.iter().filter(|s| !stages.contains(s)).collect();
            assert!(missing.len() <= 2, "{day}: stages missing from the demo: {missing:?}");
        }
        assert!(overdue >= 2, "a few overdue releases ({overdue})");
        assert!(breaking >= 2, "a few releases breaking policy ({breaking})");
        assert!(with_events >= 30);
    }

    #[test]
    fn the_demo_is_a_living_portfolio() {
        let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, today());
        let count = |f: &dyn Fn(&Release) -> bool| doc.releases.iter().filter(|r| f(r)).count();
        assert!(count(&|r| r.kind == ReleaseKind::Emergency) >= 2, "a few emergency releases");
        assert!(
            count(&|r| matches!(
                r.status,
                ReleaseStatus::BackedOut | ReleaseStatus::ClosedFailed | ReleaseStatus::DeploymentFailed
            )) >= 2,
            "some failed or backed out"
        );
        assert!(count(&|r| r.window.unwrap().start.date() < today()) >= 10, "history");
        assert!(count(&|r| r.window.unwrap().start.date() > today()) >= 10, "future");
        let apps: std::collections::HashSet<_> = doc.releases.iter().flat_map(|r| r.applications.clone()).collect();
        assert!(apps.len() >= 5);
    }

    #[test]
    fn the_plan_of_record_is_a_baseline_some_deployed_releases_missed() {
        let doc = demo(DEFAULT_SEED, DEFAULT_RELEASES, today());
        assert_eq!(doc.baselines.len(), 1);
        let b = &doc.baselines[0];
        assert_eq!(b.name, "Plan of record 2026 Q3");
        let c = crate::baseline::compare(b, &doc.releases);
        let late: Vec<_> = c.releases.iter().filter(|r| r.deployment_slip_days.is_some_and(|d| d > 0)).collect();
        assert!(late.len() >= 2, "{} releases slipped against the plan of record", late.len());
        for r in &late {
            let window = doc.releases.iter().find(|x| x.key == r.release).and_then(|x| x.window).unwrap();
            assert!(window.start.date() < today(), "{} slipped but is not deployed yet", r.release);
        }
    }
}
