//! The recorded past of a demo release: the moves that brought it to its stage, with the CAB
//! decisions, test results, sign-offs, deployment outcomes, incidents and reviews behind them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::evidence::{CabDecision, Event, EventKind, Priority, SignOffDecision, TestKind};
use crate::lifecycle::Policy;
use crate::model::{MilestoneKind, Release, ReleaseKind, ReleaseStatus as S, Role};

const CAB: &str = "robert.king@example.com";
const TESTERS: [&str; 2] = ["dmitry.ivanov@example.com", "sofia.papadopoulou@example.com"];
const DEPLOYERS: [&str; 2] = ["chen.wei@example.com", "fatima.zahra@example.com"];
const ELS: &str = "jonas.lindqvist@example.com";
/// The sponsor holds the S of "Authorize deployment" in the seed's matrix: she signs.
const SPONSOR: &str = "eleanor.whitfield@example.com";

struct Builder<'a> {
    release: &'a Release,
    status: S,
    events: Vec<Event>,
    target: S,
}

impl Builder<'_> {
    fn add(&mut self, at: DateTime<Utc>, by: &str, role: Role, what: EventKind, reason: &str, conditions: &str) {
        self.events.push(Event {
            id: 0,
            release: self.release.key.clone(),
            at,
            by: by.to_owned(),
            role: Some(role.as_str().to_owned()),
            what,
            reason: reason.to_owned(),
            conditions: conditions.to_owned(),
        });
    }

    /// Moves on; answers true when the release has reached the stage it is in.
    fn go(&mut self, at: DateTime<Utc>, to: S, reason: &str, overridden: Vec<String>) -> bool {
        let by = self.release.manager.clone().unwrap_or_else(|| "zoe.angstrom@example.com".into());
        let what = EventKind::Transition { from: self.status, to, overridden };
        self.add(at, &by, Role::ReleaseManager, what, reason, "");
        self.status = to;
        to == self.target
    }
}

fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    d.and_hms_opt(hour, 0, 0).expect("valid hour").and_utc()
}

/// The events that brought `r` to its stage, numbered from `next_id`.
pub(super) fn of(r: &Release, today: NaiveDate, rng: &mut ChaCha8Rng, next_id: &mut u64) -> Vec<Event> {
    let Some(window) = r.window else { return vec![] };
    if r.status == S::Draft {
        return vec![];
    }
    let w = window.start.date();
    let ms = |k: MilestoneKind| r.milestones.iter().find(|m| m.kind == k);
    let day = |k: MilestoneKind, fallback: i64| ms(k).map_or(w + Duration::days(fallback), |m| m.planned_start);
    let planning = day(MilestoneKind::Planning, -3);
    let cab = day(MilestoneKind::Cab, -1);
    let build = day(MilestoneKind::Build, -1);
    let test = day(MilestoneKind::Test, -1);
    let test_end = ms(MilestoneKind::Test).map_or(w, |m| m.planned_end);
    let closure = day(MilestoneKind::Closure, 9);
    let emergency = r.kind == ReleaseKind::Emergency;
    let tester = TESTERS[rng.random_range(0..2)];
    let deployer = DEPLOYERS[rng.random_range(0..2)];
    let manager = r.manager.clone().unwrap_or_default();
    let gap = r.rfcs.is_empty() || r.backout_plan.is_empty();
    let rejected_once = rng.random_range(0..100) < 15;
    let failed_once = rng.random_range(0..100) < 25;
    let mut b = Builder { release: r, status: S::Draft, events: vec![], target: r.status };

    'path: {
        if b.go(at(planning, 9), S::Planned, "", vec![]) {
            break 'path;
        }
        if r.status == S::Cancelled {
            b.go(
                at(planning + Duration::days(10), 10),
                S::Cancelled,
                "Scope merged into the next release package.",
                vec![],
            );
            break 'path;
        }
        let mut overridden = vec![];
        if r.rfcs.is_empty() {
            overridden.push("At least one RFC is linked (none linked)".to_owned());
        }
        if r.backout_plan.is_empty() {
            overridden.push("A backout plan is written (empty)".to_owned());
        }
        let why = if overridden.is_empty() { "" } else { "Regulatory deadline; RFC and backout plan to follow." };
        let submitted = at(cab - Duration::days(if emergency { 0 } else { 5 }), if emergency { 8 } else { 11 });
        if b.go(submitted, S::SubmittedToCab, why, overridden) {
            break 'path;
        }
        let board = if emergency { "Emergency CAB" } else { "CAB" };
        if rejected_once || r.status == S::Rejected {
            b.add(
                at(cab, 14),
                CAB,
                Role::ChangeManager,
                EventKind::CabDecision { decision: CabDecision::Reject, emergency },
                "The backout plan does not cover the database migration.",
                "",
            );
            if b.go(at(cab, 15), S::Rejected, &format!("{board} decision: Reject"), vec![]) {
                break 'path;
            }
            b.go(at(cab + Duration::days(1), 9), S::Planned, "Backout plan revised after the CAB's rejection.", vec![]);
            b.go(at(cab + Duration::days(1), 10), S::SubmittedToCab, "Resubmitted with the revised plan.", vec![]);
        }
        let conditions = if rng.random_range(0..100) < 40 {
            "Deploy outside business hours; Service Desk briefed the day before."
        } else {
            ""
        };
        let decided = at(cab + Duration::days(if rejected_once { 2 } else { 0 }), 16);
        b.add(
            decided,
            CAB,
            Role::ChangeManager,
            EventKind::CabDecision { decision: CabDecision::Approve, emergency },
            "Risk assessed; schedule fits the forward schedule of changes.",
            conditions,
        );
        if b.go(decided + Duration::minutes(1), S::Approved, &format!("{board} decision: Approve"), vec![]) {
            break 'path;
        }
        if b.go(at(build, 9), S::Build, "", vec![]) || b.go(at(test, 9), S::Test, "", vec![]) {
            break 'path;
        }
        if failed_once || r.status == S::TestFailed {
            b.add(
                at(test, 16),
                tester,
                Role::TestManager,
                EventKind::TestResult { test: TestKind::Integration, passed: false },
                "Settlement file rejected by the downstream interface.",
                "",
            );
            if b.go(at(test, 17), S::TestFailed, "Integration test failed", vec![]) {
                break 'path;
            }
            b.go(at(test + Duration::days(1), 9), S::Build, "Fix for the interface mapping.", vec![]);
            b.go(at(test + Duration::days(1), 14), S::Test, "", vec![]);
        }
        let mut kinds = Policy::default().required_tests;
        kinds.push(TestKind::Backout);
        let tested = test_end.max(test + Duration::days(1));
        let mut missing = vec![];
        for (n, kind) in kinds.into_iter().enumerate() {
            if gap && matches!(kind, TestKind::Performance | TestKind::Backout) {
                missing.push(format!("{} test passed (no result recorded since the build)", kind.label()));
                continue;
            }
            b.add(
                at(tested, 9) + Duration::minutes(10 * n as i64),
                tester,
                Role::TestManager,
                EventKind::TestResult { test: kind, passed: true },
                "",
                "",
            );
        }
        if r.status == S::Test {
            break 'path;
        }
        let why = if missing.is_empty() { "" } else { "Go-live date committed to the regulator." };
        if b.go(at(tested, 12), S::AwaitingAuthorization, why, missing) {
            break 'path;
        }
        if matches!(r.status, S::NotAuthorized | S::ClosedRejected) {
            b.add(
                at(tested, 15),
                SPONSOR,
                Role::Sponsor,
                EventKind::SignOff { decision: SignOffDecision::Refuse },
                "Performance results do not meet the service level for month-end volumes.",
                "",
            );
            if b.go(at(tested, 16), S::NotAuthorized, "Sign-off for authorization: Refuse", vec![]) {
                break 'path;
            }
            b.go(
                at(tested + Duration::days(2), 9),
                S::ClosedRejected,
                "Not authorized; replaced by a new release.",
                vec![],
            );
            break 'path;
        }
        b.add(
            at(tested, 15),
            SPONSOR,
            Role::Sponsor,
            EventKind::SignOff { decision: SignOffDecision::Authorize },
            "",
            "",
        );
        if b.go(at(tested, 16), S::Authorized, "Sign-off for authorization: Authorize", vec![]) {
            break 'path;
        }
        let start = window.start.and_utc();
        if b.go(start, S::Deploying, "", vec![]) {
            break 'path;
        }
        if matches!(r.status, S::DeploymentFailed | S::BackedOut | S::ClosedFailed) {
            b.add(
                start + Duration::hours(1),
                deployer,
                Role::DeploymentStaff,
                EventKind::Deployment { succeeded: false },
                "Smoke test failed in Prod.",
                "",
            );
            if b.go(start + Duration::hours(1), S::DeploymentFailed, "Deployment failed", vec![]) {
                break 'path;
            }
            if r.status == S::ClosedFailed {
                // The first back-out failed; the second, after a manual database recovery, worked.
                b.add(
                    start + Duration::hours(2),
                    deployer,
                    Role::DeploymentStaff,
                    EventKind::BackOut { succeeded: false },
                    "The back-out script stopped on the schema change.",
                    "",
                );
            }
            b.add(
                start + Duration::hours(3),
                deployer,
                Role::DeploymentStaff,
                EventKind::BackOut { succeeded: true },
                if r.status == S::ClosedFailed {
                    "Previous version restored after a manual database recovery."
                } else {
                    "Previous version restored."
                },
                "",
            );
            if b.go(start + Duration::hours(3), S::BackedOut, "Back-out succeeded", vec![]) {
                break 'path;
            }
            b.add(
                at(w + Duration::days(5), 10),
                &manager,
                Role::ReleaseManager,
                EventKind::Review { retrospective: emergency },
                "Root cause: untested migration path.",
                "",
            );
            b.go(at(w + Duration::days(6), 10), S::ClosedFailed, "Closed after the review.", vec![]);
            break 'path;
        }
        b.add(
            start + Duration::hours(1),
            deployer,
            Role::DeploymentStaff,
            EventKind::Deployment { succeeded: true },
            "",
            "",
        );
        if b.go(start + Duration::hours(1), S::Deployed, "Deployment succeeded", vec![]) {
            break 'path;
        }
        let verified = window.end.and_utc();
        b.add(
            verified,
            tester,
            Role::TestManager,
            EventKind::Verification { passed: true },
            "Release tests repeated in Prod.",
            "",
        );
        if b.go(verified + Duration::minutes(5), S::Verified, "Post-deployment verification passed", vec![]) {
            break 'path;
        }
        if b.go(at(w + Duration::days(1), 9), S::EarlyLifeSupport, "", vec![]) {
            // Some releases in early life support have incidents, one of them still open.
            if rng.random_range(0..100) < 40 {
                let leave_open = rng.random_range(0..2) == 0;
                incident(&mut b, w, rng, leave_open);
            }
            break 'path;
        }
        if rng.random_range(0..100) < 30 {
            incident(&mut b, w, rng, false);
        }
        let review = if emergency {
            "Retrospective review held with the emergency CAB."
        } else {
            "Objectives met; lessons recorded."
        };
        b.add(
            at(closure, 10),
            &manager,
            Role::ReleaseManager,
            EventKind::Review { retrospective: emergency },
            review,
            "",
        );
        b.go(at(closure, 11), S::Closed, "", vec![]);
    }

    // Nothing happens after today: pull times back in order, keeping them increasing.
    // The start of today: whatever time it is today, no event lies in the future.
    let mut limit = at(today, 0);
    for e in b.events.iter_mut().rev() {
        if e.at > limit {
            e.at = limit;
        }
        limit = e.at - Duration::minutes(1);
    }
    for e in &mut b.events {
        e.id = *next_id;
        *next_id += 1;
    }
    // The incident-closed events refer to their incident by position; give them the real id.
    let ids: Vec<u64> = b.events.iter().map(|e| e.id).collect();
    for e in &mut b.events {
        if let EventKind::IncidentClosed { incident } = &mut e.what {
            *incident = ids[*incident as usize];
        }
    }
    b.events
}

fn incident(b: &mut Builder<'_>, w: NaiveDate, rng: &mut ChaCha8Rng, leave_open: bool) {
    let priority = [Priority::P2, Priority::P3, Priority::P3, Priority::P4][rng.random_range(0..4)];
    let caused = rng.random_range(0..100) < 70;
    let opened = at(w + Duration::days(2), 10);
    let position = b.events.len() as u64;
    b.add(
        opened + Duration::minutes(30),
        ELS,
        Role::EarlyLifeSupport,
        EventKind::Incident {
            priority,
            reference: format!("INC-{}", 20000 + rng.random_range(0..9000)),
            opened,
            caused_by_release: caused,
        },
        if caused {
            "Users report slow responses after the release."
        } else {
            "Network outage unrelated to the release."
        },
        "",
    );
    if !leave_open {
        b.add(
            at(w + Duration::days(3), 15),
            ELS,
            Role::EarlyLifeSupport,
            EventKind::IncidentClosed { incident: position },
            "Resolved.",
            "",
        );
    }
}
