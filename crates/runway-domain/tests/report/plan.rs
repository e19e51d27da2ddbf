//! The hand-made plan the report tests use: ten releases with their histories, two baselines,
//! revoked events and names in several scripts; every figure it yields is worked out by hand in
//! the tests.

use TestKind::{Backout, Functional, OperationalReadiness as Ops};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use runway_domain::baseline::{Baseline, BaselineMilestone};
use runway_domain::evidence::{CabDecision, Event, EventKind, Priority, SignOffDecision, TestKind};
use runway_domain::lifecycle::Policy;
use runway_domain::portfolio::Portfolio;
use runway_domain::schedule::{DepKind, Dependency, Endpoint};
use runway_domain::{
    Application, Environment, Milestone, MilestoneKind as M, Person, Release, ReleaseKind, ReleaseStatus as S,
    ReleaseUnit, Rfc, RfcStatus, Risk, Role, Window,
};

pub const ZOE: &str = "zoe@example.com";
pub const DMITRY: &str = "dmitry@example.com";
pub const CAB: &str = "robert.king@example.com";
pub const OPS: &str = "chen.wei@example.com";
pub const ELS: &str = "jonas@example.com";

pub fn at(s: &str) -> DateTime<Utc> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap().and_utc()
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn window(start: &str, end: &str) -> Option<Window> {
    let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    Some(Window { start: t(start), end: t(end) })
}

/// A planned milestone, with its actual dates when given.
pub fn ms(kind: M, start: &str, end: &str, actual: Option<(&str, &str)>) -> Milestone {
    Milestone {
        kind,
        planned_start: day(start),
        planned_end: day(end),
        actual_start: actual.map(|a| day(a.0)),
        actual_end: actual.map(|a| day(a.1)),
    }
}

pub fn release(key: &str, title: &str, kind: ReleaseKind, status: S, apps: &[&str], rfcs: &[&str]) -> Release {
    Release {
        key: key.into(),
        title: title.into(),
        kind,
        unit: ReleaseUnit::Delta,
        status,
        applications: apps.iter().map(|a| (*a).into()).collect(),
        owner: Some("hannah@example.com".into()),
        manager: Some(ZOE.into()),
        environments: vec!["Test".into(), "Prod".into()],
        window: None,
        risk: Risk::Medium,
        acceptance_criteria: "Smoke test green in Prod.".into(),
        backout_plan: "Redeploy the previous version.".into(),
        backout_tested: true,
        notes: String::new(),
        rfcs: rfcs.iter().map(|r| (*r).into()).collect(),
        cis: vec![],
        milestones: vec![],
    }
}

/// Records one release's history; ids increase across the whole plan.
pub struct History<'a> {
    pub events: &'a mut Vec<Event>,
    pub key: &'static str,
    pub status: S,
}

impl History<'_> {
    pub fn rec(&mut self, when: &str, by: &str, role: Role, what: EventKind, reason: &str) -> u64 {
        let id = self.events.len() as u64 + 1;
        let (release, at, by) = (self.key.into(), at(when), by.into());
        let (reason, conditions) = (reason.into(), String::new());
        self.events.push(Event { id, release, at, by, role: Some(role.as_str().into()), what, reason, conditions });
        id
    }
    pub fn go_why(&mut self, when: &str, to: S, reason: &str, overridden: &[&str]) {
        let overridden = overridden.iter().map(|o| (*o).to_owned()).collect();
        self.rec(when, ZOE, Role::ReleaseManager, EventKind::Transition { from: self.status, to, overridden }, reason);
        self.status = to;
    }
    pub fn go(&mut self, when: &str, to: S) {
        self.go_why(when, to, "", &[]);
    }
    pub fn cab(&mut self, when: &str, decision: CabDecision, emergency: bool, reason: &str) -> u64 {
        self.rec(when, CAB, Role::ChangeManager, EventKind::CabDecision { decision, emergency }, reason)
    }
    pub fn passed(&mut self, when: &str, tests: &[TestKind]) -> u64 {
        let mut id = 0;
        for &test in tests {
            id = self.rec(when, DMITRY, Role::TestManager, EventKind::TestResult { test, passed: true }, "");
        }
        id
    }
    pub fn revoke(&mut self, when: &str, by: &str, role: Role, id: u64, reason: &str) {
        self.rec(when, by, role, EventKind::Revocation { revokes: id }, reason);
    }
    pub fn deploy(&mut self, when: &str, succeeded: bool, reason: &str) -> u64 {
        self.rec(when, OPS, Role::DeploymentStaff, EventKind::Deployment { succeeded }, reason)
    }
    pub fn incident(&mut self, when: &str, priority: Priority, reference: &str, opened: &str, caused: bool) -> u64 {
        let what = EventKind::Incident {
            priority,
            reference: reference.into(),
            opened: at(opened),
            caused_by_release: caused,
        };
        self.rec(when, ELS, Role::EarlyLifeSupport, what, "")
    }
    pub fn sign_off(&mut self, when: &str) {
        self.rec(when, CAB, Role::ChangeManager, EventKind::SignOff { decision: SignOffDecision::Authorize }, "");
    }
    pub fn back_out(&mut self, when: &str, succeeded: bool, reason: &str) {
        self.rec(when, OPS, Role::DeploymentStaff, EventKind::BackOut { succeeded }, reason);
    }
    /// Planned, submitted, approved (by the emergency CAB for an EMR- key), build, test, the
    /// tests passed, authorized (overriding `overridden`): on the six days given, at 09:00.
    /// Answers the id of the last test result.
    pub fn up_to_authorized(&mut self, days: &str, tests: &[TestKind], overridden: &[&str]) -> u64 {
        let d: Vec<String> = days.split_whitespace().map(|d| format!("{d} 09:00")).collect();
        self.go(&d[0], S::Planned);
        self.go(&d[1], S::SubmittedToCab);
        self.cab(&d[2], CabDecision::Approve, self.key.starts_with("EMR"), "Risk assessed.");
        self.go(&d[2], S::Approved);
        self.go(&d[3], S::Build);
        self.go(&d[4], S::Test);
        let last = self.passed(&d[5], tests);
        self.go_why(&d[5], S::AwaitingAuthorization, "", overridden);
        self.sign_off(&d[5]);
        self.go(&d[5], S::Authorized);
        last
    }
    /// Deployed → verified → early life support, from a successful deployment at `when`.
    pub fn deployed(&mut self, when: &str, verified: &str) {
        self.deploy(when, true, "");
        self.go(when, S::Deployed);
        self.rec(verified, DMITRY, Role::TestManager, EventKind::Verification { passed: true }, "");
        self.go(verified, S::Verified);
        self.go(verified, S::EarlyLifeSupport);
    }
    pub fn close(&mut self, when: &str, retrospective: bool) {
        self.rec(when, ZOE, Role::ReleaseManager, EventKind::Review { retrospective }, "Objectives met.");
        self.go(when, S::Closed);
    }
}

pub const ALL_TESTS: &[TestKind] = &[Functional, Ops, Backout];

/// Ten releases around February 2027; the policy requires the functional and operational
/// readiness tests (and, always, the backout test).
pub fn plan() -> Portfolio {
    let mut doc = Portfolio::new("Retail bank — Q1 2027");
    doc.applications = [("LED", "General Ledger"), ("MOB", "Mobile Banking"), ("PAY", "Payments")]
        .map(|(code, name)| Application { code: code.into(), name: name.into() })
        .to_vec();
    doc.environments = vec![Environment::new("Test", false), Environment::new("Prod", true)];
    doc.people = [
        ("chen.wei@example.com", "Chen Wei", Role::DeploymentStaff),
        ("dmitry@example.com", "Дмитрий Иванов", Role::TestManager),
        ("hannah@example.com", "Hannah Becker", Role::ReleaseOwner),
        ("jonas@example.com", "Jonas Lindqvist", Role::EarlyLifeSupport),
        ("robert.king@example.com", "Robert King", Role::ChangeManager),
        ("zoe@example.com", "Zoë Ångström", Role::ReleaseManager),
    ]
    .map(|(email, name, role)| {
        doc.assignments.push(runway_domain::matrix::Assignment {
            role: role.as_str().into(),
            person: email.into(),
            release: None,
        });
        Person::new(email, name, "")
    })
    .to_vec();
    doc.rfcs = (1..=8)
        .map(|n| Rfc { key: format!("RFC-{n}"), title: format!("Change {n}"), status: RfcStatus::Approved })
        .collect();
    doc.policy = Some(Policy {
        required_tests: vec![Functional, Ops],
        overridable: vec![runway_domain::Gate::Submit, runway_domain::Gate::TestsPassed],
        ..Policy::default()
    });
    use ReleaseKind::*;
    let mut a = release("REL-A", "Payments 4.2 — SEPA Instant", Minor, S::Closed, &["PAY"], &["RFC-1"]);
    a.window = window("2027-02-10 20:00", "2027-02-10 22:00");
    a.milestones = vec![
        ms(M::Build, "2027-01-20", "2027-01-31", Some(("2027-01-20", "2027-02-01"))),
        ms(M::Deployment, "2027-02-10", "2027-02-10", Some(("2027-02-10", "2027-02-10"))),
    ];
    let mut b =
        release("REL-B", "Платежи и мобильный банк 5.0", Major, S::EarlyLifeSupport, &["PAY", "MOB"], &["RFC-2"]);
    b.window = window("2027-02-20 22:00", "2027-02-21 04:00");
    b.milestones =
        vec![ms(M::Build, "2027-01-25", "2027-02-09", None), ms(M::Deployment, "2027-02-20", "2027-02-20", None)];
    let mut c = release("REL-C", "Ledger 3.1 — IFRS 17 postings", Minor, S::Closed, &["LED"], &[]);
    c.window = window("2027-02-04 20:00", "2027-02-04 22:00");
    c.milestones = vec![ms(M::Deployment, "2027-02-04", "2027-02-05", None)];
    let mut d = release("REL-D", "Payments 5.0 — ISO 20022", Major, S::BackedOut, &["PAY"], &["RFC-3"]);
    d.window = window("2027-02-12 20:00", "2027-02-12 23:00");
    d.milestones = vec![ms(M::Deployment, "2027-02-12", "2027-02-12", None)];
    let mut e =
        release("EMR-E", "Mobile 7.3.1 — emergency fix: card fraud rule", Emergency, S::Closed, &["MOB"], &["RFC-4"]);
    e.window = window("2027-02-18 13:00", "2027-02-18 15:00");
    let mut f = release("REL-F", "Ledger 4.0 — month-end close", Major, S::SubmittedToCab, &["LED"], &["RFC-5"]);
    f.window = window("2027-04-17 22:00", "2027-04-18 04:00");
    f.milestones =
        vec![ms(M::Cab, "2027-03-11", "2027-03-11", None), ms(M::Deployment, "2027-04-17", "2027-04-18", None)];
    let mut g = release("REL-G", "Mobile 7.4 — dark mode", Minor, S::Cancelled, &["MOB"], &["RFC-6"]);
    g.window = window("2027-02-26 20:00", "2027-02-26 22:00");
    g.milestones = vec![ms(M::Deployment, "2027-02-26", "2027-02-26", None)];
    let mut h = release("REL-H", "Payments 4.2.1 — maintenance patch", Patch, S::Rejected, &["PAY"], &["RFC-7"]);
    h.window = window("2027-02-24 20:00", "2027-02-24 22:00");
    h.milestones =
        vec![ms(M::Cab, "2027-03-18", "2027-03-18", None), ms(M::Deployment, "2027-02-24", "2027-02-24", None)];
    let mut i = release("REL-I", "Ledger 3.2 — intercompany matching", Minor, S::Planned, &["LED"], &[]);
    i.window = window("2027-04-17 21:00", "2027-04-17 23:00");
    i.milestones =
        vec![ms(M::Cab, "2027-03-25", "2027-03-25", None), ms(M::Deployment, "2027-04-17", "2027-04-17", None)];
    let mut j = release("REL-J", "Mobile 7.3.2 — maintenance patch", Patch, S::Planned, &["MOB"], &["RFC-8"]);
    j.window = window("2027-03-30 20:00", "2027-03-30 22:00");
    j.milestones =
        vec![ms(M::Cab, "2027-03-22", "2027-03-22", None), ms(M::Deployment, "2027-03-30", "2027-03-30", None)];
    doc.releases = vec![e, a, b, c, d, f, g, h, i, j];

    let ev = &mut doc.events;
    let mut r = History { events: ev, key: "REL-A", status: S::Draft };
    r.up_to_authorized("2027-01-04 2027-01-10 2027-01-12 2027-01-20 2027-02-01 2027-02-03", ALL_TESTS, &[]);
    r.go_why("2027-02-10 20:00", S::Deploying, "Two days after the baseline: card scheme freeze.", &[]);
    let wrong = r.deploy("2027-02-10 20:30", false, "Smoke test failed.");
    r.revoke("2027-02-10 20:35", OPS, Role::DeploymentStaff, wrong, "Recorded against the wrong release.");
    r.deployed("2027-02-10 21:00", "2027-02-11 09:00");
    let inc = r.incident("2027-02-15 10:30", Priority::P2, "INC-1001", "2027-02-15 10:00", true);
    r.rec("2027-02-16 15:00", ELS, Role::EarlyLifeSupport, EventKind::IncidentClosed { incident: inc }, "Resolved.");
    r.close("2027-02-20 11:00", false);

    let mut r = History { events: ev, key: "REL-B", status: S::Draft };
    let skipped = "Operational readiness test passed (no result recorded since the build)";
    r.up_to_authorized(
        "2027-01-02 2027-01-08 2027-01-12 2027-01-25 2027-02-10 2027-02-15",
        &[Functional, Backout],
        &[skipped],
    );
    r.go("2027-02-20 22:00", S::Deploying);
    r.deployed("2027-02-20 22:30", "2027-02-21 05:00");
    r.incident("2027-02-22 10:30", Priority::P3, "INC-1002", "2027-02-22 10:00", true);
    r.incident("2027-02-23 10:30", Priority::P1, "INC-1003", "2027-02-23 10:00", false);

    let mut r = History { events: ev, key: "REL-C", status: S::Draft };
    let backout =
        r.up_to_authorized("2027-01-20 2027-01-21 2027-01-22 2027-01-25 2027-01-28 2027-01-29", ALL_TESTS, &[]);
    r.revoke("2027-02-01 10:00", DMITRY, Role::TestManager, backout, "Results were for the previous build.");
    r.go("2027-02-04 20:00", S::Deploying);
    r.deployed("2027-02-04 20:45", "2027-02-05 09:00");
    let p1 = r.incident("2027-02-06 10:30", Priority::P1, "INC-1004", "2027-02-06 10:00", true);
    r.revoke("2027-02-07 09:00", ELS, Role::EarlyLifeSupport, p1, "Caused by the network change.");
    r.close("2027-02-20 11:00", false);

    let mut r = History { events: ev, key: "REL-D", status: S::Draft };
    r.up_to_authorized("2027-01-03 2027-01-05 2027-01-08 2027-01-15 2027-02-01 2027-02-05", ALL_TESTS, &[]);
    r.go("2027-02-12 20:00", S::Deploying);
    r.deploy("2027-02-12 21:00", false, "Smoke test failed in Prod.");
    r.go("2027-02-12 21:01", S::DeploymentFailed);
    r.back_out("2027-02-12 23:00", false, "Script stopped.");
    r.back_out("2027-02-13 02:00", true, "Previous version restored.");
    r.go("2027-02-13 02:05", S::BackedOut);

    let mut r = History { events: ev, key: "EMR-E", status: S::Draft };
    r.up_to_authorized("2027-02-17 2027-02-17 2027-02-17 2027-02-17 2027-02-17 2027-02-17", ALL_TESTS, &[]);
    r.go("2027-02-18 13:00", S::Deploying);
    r.deployed("2027-02-18 14:00", "2027-02-18 16:00");
    let inc = r.incident("2027-03-05 10:30", Priority::P1, "INC-1005", "2027-03-05 10:00", true);
    r.rec("2027-03-06 12:00", ELS, Role::EarlyLifeSupport, EventKind::IncidentClosed { incident: inc }, "");
    r.close("2027-03-08 11:00", true);

    let mut r = History { events: ev, key: "REL-F", status: S::Draft };
    r.go("2027-02-20 09:00", S::Planned);
    r.go("2027-03-10 11:00", S::SubmittedToCab);
    let defer = EventKind::CabDecision { decision: CabDecision::Defer, emergency: false };
    r.rec(
        "2027-03-11 16:00",
        "Robert King <robert.king@example.com> (runway CLI)",
        Role::ChangeManager,
        defer,
        "After the ledger freeze.",
    );

    let mut r = History { events: ev, key: "REL-G", status: S::Draft };
    r.go("2027-01-25 09:00", S::Planned);
    r.go("2027-02-01 11:00", S::SubmittedToCab);
    let approval = r.cab("2027-02-09 16:00", CabDecision::Approve, false, "");
    r.go("2027-02-09 16:01", S::Approved);
    r.revoke("2027-02-11 10:00", CAB, Role::ChangeManager, approval, "Approved without the security review.");
    r.go_why("2027-03-01 10:00", S::Cancelled, "Approval withdrawn; scope moved to REL-J.", &[]);

    let mut r = History { events: ev, key: "REL-H", status: S::Draft };
    r.go("2027-01-28 09:00", S::Planned);
    r.go("2027-02-03 11:00", S::SubmittedToCab);
    r.cab("2027-02-08 14:00", CabDecision::Reject, false, "The backout plan does not cover the database migration.");
    r.go("2027-02-08 15:00", S::Rejected);

    let mut r = History { events: ev, key: "REL-I", status: S::Draft };
    r.go("2027-03-01 09:00", S::Planned);

    let mut r = History { events: ev, key: "REL-J", status: S::Draft };
    r.go("2027-02-10 09:00", S::Planned);
    r.go("2027-02-15 11:00", S::SubmittedToCab);
    r.cab("2027-02-20 14:00", CabDecision::Reject, false, "Clashes with the card scheme freeze.");
    r.go("2027-02-20 15:00", S::Rejected);
    r.go_why("2027-02-25 09:00", S::Planned, "Moved after the freeze.", &[]);

    let bm = |release: &str, kind: M, start: &str, end: &str| BaselineMilestone {
        release: release.into(),
        kind,
        planned_start: day(start),
        planned_end: day(end),
    };
    // Listed first by name, but taken later: the oldest ("Q1 plan") is the one that counts.
    doc.baselines = vec![
        Baseline {
            name: "Approved plan".into(),
            taken_at: at("2027-02-01 08:00"),
            milestones: vec![
                bm("REL-A", M::Deployment, "2027-02-10", "2027-02-10"),
                bm("REL-B", M::Build, "2027-01-25", "2027-02-09"),
            ],
        },
        Baseline {
            name: "Q1 plan".into(),
            taken_at: at("2027-01-05 08:00"),
            milestones: vec![
                bm("REL-A", M::Build, "2027-01-10", "2027-01-31"),
                bm("REL-A", M::Deployment, "2027-02-08", "2027-02-08"),
                bm("REL-C", M::Deployment, "2027-02-05", "2027-02-05"),
                bm("REL-D", M::Deployment, "2027-02-12", "2027-02-12"),
            ],
        },
    ];
    let deployment = |r: &str| Endpoint { release: r.into(), milestone: Some(M::Deployment) };
    doc.dependencies = vec![Dependency {
        from: deployment("REL-I"),
        to: deployment("REL-F"),
        kind: DepKind::FinishToStart,
        lag_days: 2,
    }];
    doc
}
