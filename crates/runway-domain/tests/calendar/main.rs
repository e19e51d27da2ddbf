//! The forward schedule of changes (D6): hand-worked conflicts of every kind (`conflicts`), the
//! change windows that make them (`windows`: green zones across midnight, daylight saving time in
//! Europe/London, all-day windows, scopes), the next free slot (`slots`), and properties over
//! random plans checked against a brute-force search written here (`brute`, `properties`).
//!
//! This file holds the fixtures: a small plan (`Plan`) with four environments (SIT and UAT booked
//! by tests, with capacities 1 and 2; Pre-prod and Prod booked by deployments), releases built with
//! [`Build`], windows with [`window`], and the conflicts over the whole plan. Times are written
//! `"2027-03-02 22:00"`, local to the plan's zone (UTC unless a test says London).

mod brute;
mod conflicts;
mod properties;
mod slots;
mod windows;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use runway_domain::calendar::booking::{self, Booking};
use runway_domain::calendar::conflict::{CalendarRules, Schedule, detect};
use runway_domain::calendar::slots::{Limits, Slot, next_free};
use runway_domain::calendar::{ChangeWindow, Conflict, ConflictKind, ManualBooking, PlanZone, Scope, WindowKind};
use runway_domain::schedule::CiDependency;
use runway_domain::{
    CiVersion, Environment, Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

/// A local time, `"2027-03-02 22:00"`.
pub fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn u(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

pub fn env(name: &str, production: bool, capacity: u32) -> Environment {
    Environment { capacity, ..Environment::new(name, production) }
}

/// A planned release of application `app` that books nothing and deploys nowhere yet.
pub fn release(key: &str, app: &str) -> Release {
    Release {
        key: key.into(),
        title: format!("Release {key}"),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        status: ReleaseStatus::Planned,
        applications: vec![app.into()],
        owner: None,
        manager: None,
        environments: vec![],
        window: None,
        risk: Risk::Low,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: vec![],
    }
}

/// The builder methods of a release in these tests.
pub trait Build: Sized {
    fn envs(self, envs: &[&str]) -> Self;
    fn cis(self, cis: &[&str]) -> Self;
    /// Deploys in `[start, end)`.
    fn window(self, start: &str, end: &str) -> Self;
    /// Tests on the days `from` to `to`, inclusive.
    fn test(self, from: &str, to: &str) -> Self;
    fn phase(self, kind: MilestoneKind, from: &str, to: &str) -> Self;
    fn status(self, status: ReleaseStatus) -> Self;
}

impl Build for Release {
    fn envs(mut self, envs: &[&str]) -> Self {
        self.environments = envs.iter().map(|e| (*e).to_owned()).collect();
        self
    }
    fn cis(mut self, cis: &[&str]) -> Self {
        self.cis = cis.iter().map(|c| CiVersion { ci: (*c).into(), version: "1".into() }).collect();
        self
    }
    fn window(mut self, start: &str, end: &str) -> Self {
        self.window = Some(Window { start: t(start), end: t(end) });
        self
    }
    fn test(self, from: &str, to: &str) -> Self {
        self.phase(MilestoneKind::Test, from, to)
    }
    fn phase(mut self, kind: MilestoneKind, from: &str, to: &str) -> Self {
        self.milestones.push(Milestone {
            kind,
            planned_start: d(from),
            planned_end: d(to),
            actual_start: None,
            actual_end: None,
        });
        self
    }
    fn status(mut self, status: ReleaseStatus) -> Self {
        self.status = status;
        self
    }
}

/// A window that happens once, covering the whole portfolio.
pub fn window(name: &str, kind: WindowKind, start: &str, end: &str) -> ChangeWindow {
    ChangeWindow {
        name: name.into(),
        kind,
        reason: String::new(),
        scope: Scope::default(),
        start: t(start),
        end: t(end),
        all_day: false,
        recurrence: None,
        exceptions: vec![],
    }
}

/// `w` recurring by the RFC 5545 rule `rule`.
pub fn recurring(w: ChangeWindow, rule: &str) -> ChangeWindow {
    ChangeWindow { recurrence: Some(rule.into()), ..w }
}

/// A scope of the listed applications, environments and CIs.
pub fn scope(applications: &[&str], environments: &[&str], cis: &[&str]) -> Scope {
    let own = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect();
    Scope { applications: own(applications), environments: own(environments), cis: own(cis) }
}

pub fn manual(environment: &str, start: &str, end: &str, purpose: &str, by: &str) -> ManualBooking {
    ManualBooking {
        environment: environment.into(),
        start: t(start),
        end: t(end),
        purpose: purpose.into(),
        by: by.into(),
        release: None,
    }
}

/// A plan and its calendar rules.
#[derive(Debug, Clone)]
pub struct Plan {
    pub releases: Vec<Release>,
    pub environments: Vec<Environment>,
    pub ci_deps: Vec<CiDependency>,
    pub windows: Vec<ChangeWindow>,
    pub manual: Vec<(i64, ManualBooking)>,
    pub rules: CalendarRules,
    pub zone: PlanZone,
}

impl Plan {
    /// SIT (capacity 1) and UAT (capacity 2), booked by tests; Pre-prod and Prod (production),
    /// booked by deployments; no daily caps (the tests of the caps set them); green zones
    /// required for production; UTC.
    pub fn new(releases: Vec<Release>) -> Plan {
        Plan {
            releases,
            environments: vec![
                env("SIT", false, 1),
                env("UAT", false, 2),
                env("Pre-prod", false, 1),
                env("Prod", true, 1),
            ],
            ci_deps: vec![],
            windows: vec![],
            manual: vec![],
            rules: CalendarRules { daily_cap: None, daily_cap_per_environment: None, ..CalendarRules::default() },
            zone: PlanZone::default(),
        }
    }

    pub fn london(self) -> Plan {
        Plan { zone: PlanZone::parse("Europe/London").unwrap(), ..self }
    }

    pub fn with_windows(self, windows: Vec<ChangeWindow>) -> Plan {
        Plan { windows, ..self }
    }

    /// Adds manual bookings with the ids 1, 2, ….
    pub fn with_manual(self, manual: Vec<ManualBooking>) -> Plan {
        Plan { manual: manual.into_iter().enumerate().map(|(i, m)| (i as i64 + 1, m)).collect(), ..self }
    }

    pub fn bookings(&self) -> Vec<Booking> {
        booking::all(&self.releases, &self.environments, &self.manual)
    }

    pub fn schedule<'a>(&'a self, bookings: &'a [Booking]) -> Schedule<'a> {
        Schedule {
            releases: &self.releases,
            environments: &self.environments,
            ci_deps: &self.ci_deps,
            windows: &self.windows,
            bookings,
            rules: &self.rules,
            zone: self.zone,
        }
    }

    /// Every conflict from 2026 to 2029.
    pub fn conflicts(&self) -> Vec<Conflict> {
        self.conflicts_in(u("2026-01-01T00:00:00Z"), u("2030-01-01T00:00:00Z"))
    }

    pub fn conflicts_in(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
        let bookings = self.bookings();
        detect(&self.schedule(&bookings), from, to)
    }

    /// The messages of the conflicts of `kind`, in the order they are found.
    pub fn messages(&self, kind: ConflictKind) -> Vec<String> {
        self.conflicts().into_iter().filter(|c| c.kind == kind).map(|c| c.message).collect()
    }

    pub fn slots(&self, key: &str, earliest: &str, horizon_days: i64, count: usize) -> Vec<Slot> {
        let bookings = self.bookings();
        let limits = Limits { earliest: d(earliest), horizon_days, count };
        next_free(&self.schedule(&bookings), key, limits).unwrap()
    }
}

/// The kinds of `conflicts`, in order.
pub fn kinds(conflicts: &[Conflict]) -> Vec<ConflictKind> {
    conflicts.iter().map(|c| c.kind).collect()
}
