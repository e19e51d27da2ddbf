//! The report models (D9) on a small hand-made plan whose every figure is worked out by hand in
//! the comments, on a broken plan (nothing panics, missing facts show "—"), and on the
//! 1,000-release demo (every report is produced, and the same twice).

mod matrix;
mod plan;

use chrono::NaiveDate;
use plan::*;
use runway_domain::calendar::{ConflictKind, Severity};
use runway_domain::evidence::{CabDecision, EventKind, Priority};
use runway_domain::portfolio::{Known, Portfolio, check};
use runway_domain::report::{
    DateSource, MISSING, Outcome, Period, cab_minutes, cab_pack, kpi_report, matrix_report, release_report,
};
use runway_domain::{MilestoneKind as M, ReleaseKind, ReleaseStatus as S, Role};

#[test]
fn the_hand_made_plan_is_a_valid_plan() {
    assert_eq!(check(&plan(), &Known::default()), vec![]);
}

fn feb() -> Period {
    Period::parse_month("2027-02").unwrap()
}

#[test]
fn the_monthly_kpis_are_the_figures_worked_out_by_hand() {
    let k = kpi_report(&plan(), &feb());
    let h = &k.headline;

    // Implemented (latest successful deployment in February): C 4 Feb, A 10 Feb, E 18 Feb,
    // B 20 Feb. D failed; G was cancelled; H was rejected. A's failed deployment was revoked.
    let implemented: Vec<&str> = k.implemented.iter().map(|r| r.release.key.as_str()).collect();
    assert_eq!(implemented, ["REL-C", "REL-A", "EMR-E", "REL-B"]);
    assert_eq!(h.implemented, 4);
    // Late against the oldest baseline ("Q1 plan", taken 5 Jan; the newer "Approved plan" says
    // 10 Feb): A planned 8 Feb, deployed 10 Feb = 2 days late. C: baseline 5 Feb, deployed 4 Feb
    // = 1 day early. B: in no baseline's deployments, current plan 20 Feb = on time. E: no
    // Deployment milestone, window ends 18 Feb = on time.
    let late: Vec<Option<i32>> = k.implemented.iter().map(|r| r.days_late).collect();
    assert_eq!(late, [Some(-1), Some(2), Some(0), Some(0)]);
    assert_eq!(h.late, 1);
    let a = &k.late[0];
    assert_eq!(
        (a.release.key.as_str(), a.planned, a.actual, a.days_late),
        ("REL-A", day("2027-02-08"), day("2027-02-10"), 2)
    );
    assert_eq!((a.source, a.source_label.as_str()), (DateSource::Baseline, "baseline “Q1 plan”"));
    // The deployment gave no reason: the latest move with one (into Deploying) says why.
    assert_eq!(a.reason, "Two days after the baseline: card scheme freeze.");
    assert_eq!(a.release.applications[0].name, "Payments");

    // Attempts: A, B, C, D, E = 5 (A's revoked failure is not one). Failed: D on 12 Feb.
    assert_eq!((h.deployment_attempts, h.releases_attempted, h.failed, h.failed_deployments), (5, 5, 1, 1));
    let d = &k.failed[0];
    assert_eq!(
        (d.release.key.as_str(), d.date, d.reason.as_str()),
        ("REL-D", day("2027-02-12"), "Smoke test failed in Prod.")
    );
    assert_eq!((d.backout, d.backout_label.as_str()), (Some(true), "Backed out"));
    // Back-outs: D twice (the first failed): 1 release ÷ 5 attempted = 20 %; 1 failed ÷ 2 = 50 %.
    assert_eq!((h.backed_out, h.backouts, h.backouts_failed), (1, 2, 1));
    assert_eq!((h.backed_out_percent, h.backout_failed_percent), (Some(20.0), Some(50.0)));
    let b = &k.backed_out[0];
    assert_eq!(
        (b.date, b.succeeded, b.attempts, b.reason.as_str()),
        (day("2027-02-13"), true, 2, "Previous version restored.")
    );

    // Emergency: E. Without an RFC: C.
    assert_eq!((h.emergency, k.emergency[0].key.as_str()), (1, "EMR-E"));
    assert_eq!((h.without_rfc, k.without_rfc[0].key.as_str()), (1, "REL-C"));
    // Not adequately tested (functional, operational readiness, backout): C, whose backout pass
    // was revoked; B, with no operational readiness result and a test overridden on the way to
    // authorization. Without operational assurance: B.
    assert_eq!(h.not_tested, 2);
    let (c, bt) = (&k.not_tested[0], &k.not_tested[1]);
    assert_eq!(
        (c.release.key.as_str(), c.missing.clone(), c.overridden.len()),
        ("REL-C", vec!["Backout".to_owned()], 0)
    );
    assert_eq!((bt.release.key.as_str(), bt.missing.clone()), ("REL-B", vec!["Operational readiness".to_owned()]));
    assert_eq!(bt.overridden, ["Operational readiness test passed (no result recorded since the build)"]);
    assert_eq!((h.without_assurance, k.without_assurance[0].key.as_str()), (1, "REL-B"));

    // Incidents caused, opened in February: A's P2 (15 Feb), B's P3 (22 Feb). C's P1 was revoked,
    // B's P1 was not caused by it, E's P1 opened on 5 March.
    assert_eq!(h.incidents_caused, 2);
    let by_priority: Vec<u32> = k.incidents_by_priority.iter().map(|p| p.count).collect();
    assert_eq!(by_priority, [0, 1, 1, 0]);
    let by_kind: Vec<(ReleaseKind, u32)> = k.incidents_by_kind.iter().map(|c| (c.kind, c.count)).collect();
    use ReleaseKind::*;
    assert_eq!(by_kind, [(Major, 1), (Minor, 1), (Patch, 0), (Emergency, 0)]);
    assert_eq!(k.incidents[0].incidents[0].closed, Some(at("2027-02-16 15:00")));
    assert_eq!((k.incidents[1].release.key.as_str(), k.incidents[1].incidents[0].closed), ("REL-B", None));

    // Change failures: D's failed deployment; A (P2 five days later); E (P1 on 5 March: after
    // February, but within 30 days of 18 Feb). 3 ÷ 5 attempts = 60 %.
    assert_eq!((h.change_failures, h.change_failure_rate_percent), (3, Some(60.0)));
    // Lead time, first move into Build → deployment: E 1, C 10 (25 Jan → 4 Feb), A 21 (20 Jan →
    // 10 Feb), B 26 (25 Jan → 20 Feb); median (10 + 21) ÷ 2 = 15.5.
    assert_eq!(h.lead_time_days, Some(15.5));
    // Time to implement, first event → deployment: A 37 (4 Jan → 10 Feb: 27 + 10), C 15 (20 Jan →
    // 4 Feb: 11 + 4) → minor average 26, best 15, worst 37; B 49 (2 Jan → 20 Feb: 29 + 20); E 1.
    let t: Vec<_> = k.time_to_implement.iter().map(|t| (t.count, t.average_days, t.best_days, t.worst_days)).collect();
    assert_eq!(
        t,
        [
            (1, Some(49.0), Some(49), Some(49)),
            (2, Some(26.0), Some(15), Some(37)),
            (0, None, None, None),
            (1, Some(1.0), Some(1), Some(1))
        ]
    );
    let v = &k.volume[0];
    assert_eq!((k.volume.len(), v.month.label.as_str()), (1, "February 2027"));
    assert_eq!((v.major, v.minor, v.patch, v.emergency, v.total), (1, 2, 0, 1, 4));

    // Planned in February by the current plan: A 10, B 20, C 5, D 12, E 18 (window), G 26, H 24
    // = 7; the 4 implemented were all planned; D, H and G were not implemented.
    let p = &k.planned_vs_actual;
    assert_eq!((p.planned, p.implemented, p.implemented_as_planned, p.unplanned), (7, 4, 4, 0));
    let missed: Vec<(&str, &str)> =
        p.not_implemented.iter().map(|r| (r.release.key.as_str(), r.release.status_label.as_str())).collect();
    assert_eq!(missed, [("REL-D", "Backed out"), ("REL-H", "Rejected"), ("REL-G", "Cancelled")]);

    // The next month's roadmap: J on 30 March.
    assert_eq!(k.roadmap.period.label, "March 2027");
    let rows: Vec<&str> = k.roadmap.rows.iter().map(|r| r.release.key.as_str()).collect();
    assert_eq!(rows, ["REL-J"]);
    assert_eq!(k.roadmap.rows[0].window_label, "30 Mar 2027 20:00–22:00");

    // The trend: four quarters to 2027 Q1. Q1 is February plus E's P1 of 5 March and G's
    // cancellation on 1 March.
    let labels: Vec<&str> = k.trend.iter().map(|t| t.period.label.as_str()).collect();
    assert_eq!(labels, ["2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"]);
    assert_eq!(k.trend[0].headline, Default::default());
    let q1 = &k.trend[3].headline;
    assert_eq!(q1.incidents_caused, 3);
    assert_eq!(q1.cancelled, 1);
    assert_eq!(runway_domain::report::Headline { incidents_caused: 2, cancelled: 0, ..q1.clone() }, *h);
    assert!(k.definitions.iter().any(|d| d.term.contains("Change failure rate")));
    assert_eq!(k.diagnostics, Vec::<String>::new());
}

#[test]
fn the_quarterly_report_ends_its_trend_with_its_own_quarter_and_looks_one_quarter_ahead() {
    let k = kpi_report(&plan(), &Period::parse_quarter("2027-Q1").unwrap());
    assert_eq!(k.trend[3].headline, k.headline);
    let months: Vec<u32> = k.volume.iter().map(|m| m.total).collect();
    assert_eq!(months, [0, 4, 0]);
    assert_eq!(k.roadmap.period.label, "2027 Q2");
    // I deploys 17 Apr, F 18 Apr (its Deployment milestone's planned end).
    let rows: Vec<(&str, NaiveDate)> = k.roadmap.rows.iter().map(|r| (r.release.key.as_str(), r.planned)).collect();
    assert_eq!(rows, [("REL-I", day("2027-04-17")), ("REL-F", day("2027-04-18"))]);
    // REL-G was cancelled on 1 March from Approved: in the quarter, not in February.
    assert_eq!(k.headline.cancelled, 1);
    let g = &k.cancelled[0];
    assert_eq!((g.release.key.as_str(), g.date, g.from_label.as_str()), ("REL-G", day("2027-03-01"), "Approved"));
    assert_eq!(g.reason, "Approval withdrawn; scope moved to REL-J.");
    assert_eq!(kpi_report(&plan(), &feb()).headline.cancelled, 0);
}

#[test]
fn the_release_report_tells_how_each_release_ended() {
    let doc = plan();
    let r = |key: &str| release_report(&doc, key).unwrap();
    let a = r("REL-A");
    assert_eq!(a.outcome, Outcome::ImplementedLate);
    assert_eq!(
        a.outcome_explanation,
        "Deployed on 10 Feb 2027, 2 days after the planned 8 Feb 2027 (baseline “Q1 plan”)."
    );
    assert_eq!(a.baseline.as_deref(), Some("Q1 plan"));
    // Build: actual end 1 Feb − planned 31 Jan = 1; baseline end 31 Jan → 1. Deployment: actual
    // 10 Feb = planned → 0; baseline 8 Feb → 2.
    let slips: Vec<(M, Option<i32>, Option<i32>)> =
        a.timeline.iter().map(|m| (m.kind.clone(), m.slip_days, m.baseline_slip_days)).collect();
    assert_eq!(slips, [(M::Build, Some(1), Some(1)), (M::Deployment, Some(0), Some(2))]);
    assert_eq!(a.manager.as_ref().map(|p| p.name.as_str()), Some("Zoë Ångström"));
    assert_eq!(a.moves.len(), 12);
    let revoked: Vec<(&str, &str)> =
        a.events.iter().filter(|e| e.revoked).map(|e| (e.summary.as_str(), e.by_name.as_str())).collect();
    assert_eq!(revoked, [("Deployment failed", "Chen Wei")]);
    assert!(a.events.iter().any(|e| e.by_name == "Дмитрий Иванов" && e.summary == "Functional test passed"));
    assert_eq!(a.incidents[0].closed, Some(at("2027-02-16 15:00")));

    let explained = |key: &str| {
        let x = r(key);
        (x.outcome, x.outcome_explanation)
    };
    assert_eq!(
        explained("REL-B"),
        (Outcome::Implemented, "Deployed on 20 Feb 2027, on time: planned 20 Feb 2027 (current plan).".into())
    );
    assert_eq!(explained("EMR-E").1, "Deployed on 18 Feb 2027, on time: planned 18 Feb 2027 (deployment window).");
    assert_eq!(
        explained("REL-D"),
        (
            Outcome::RolledBack,
            "The deployment on 12 Feb 2027 failed: Smoke test failed in Prod; backed out on 13 Feb 2027.".into()
        )
    );
    assert_eq!(
        explained("REL-G"),
        (Outcome::Cancelled, "Cancelled on 1 Mar 2027: Approval withdrawn; scope moved to REL-J.".into())
    );
    assert_eq!(explained("REL-H").0, Outcome::Rejected);
    assert_eq!(
        explained("REL-H").1,
        "Rejected by the CAB on 8 Feb 2027: The backout plan does not cover the database migration."
    );
    let f = r("REL-F");
    assert_eq!(
        f.outcome_explanation,
        "In progress: Submitted to CAB; deployment planned on 18 Apr 2027 (current plan)."
    );
    // I's deployment ends 17 Apr; F may start 2 days after it finishes (20 Apr): 3 days early.
    let up = &f.upstream[0];
    assert_eq!((up.release.as_str(), up.kind_code.as_str(), up.lag_days, up.violated), ("REL-I", "FS", 2, true));
    assert_eq!(f.violations.iter().map(|v| v.by_days).collect::<Vec<_>>(), [3]);
    assert_eq!(r("REL-I").downstream[0].release, "REL-F");
    assert!(release_report(&doc, "REL-NOPE").is_none());
}

#[test]
fn the_cab_pack_lists_what_awaits_a_decision_with_its_gate_and_conflicts() {
    let pack = cab_pack(&plan(), &Period::parse_month("2027-03").unwrap(), day("2027-03-15"));
    // Submitted: F. CAB planned in March with no decision since (re-)planning: J (rejected
    // in February, re-planned), I. Not H: rejected. By planned deployment: J 30 Mar, I 17 Apr, F 18 Apr.
    let keys: Vec<&str> = pack.items.iter().map(|i| i.release.key.as_str()).collect();
    assert_eq!(keys, ["REL-J", "REL-I", "REL-F"]);
    let (j, i, f) = (&pack.items[0], &pack.items[1], &pack.items[2]);

    assert_eq!(j.why, "CAB planned on 22 Mar 2027; not yet submitted (Planned)");
    let next = j.next_move.as_ref().unwrap();
    assert_eq!(
        (next.to, next.step.as_str(), next.allowed, next.overridable),
        (S::SubmittedToCab, "Submit to CAB", false, true)
    );
    // 30 Mar − 15 Mar = 15 days, under the 28-day lead time.
    assert_eq!(next.unmet, ["The deployment window is at least 28 days away (the window is 15 days away)"]);
    assert_eq!(j.previous_decisions[0].decision, CabDecision::Reject);
    assert!(j.conflicts.is_empty());

    assert_eq!(i.readiness.unmet, ["At least one RFC is linked (none linked)"]);
    // I (21:00–23:00) and F (22:00–04:00) on 17 Apr both book Prod, whose capacity is 1.
    let o = &i.conflicts[0];
    assert_eq!(
        (o.kind, o.releases.clone(), o.start.to_string(), o.end.to_string(), o.environment.as_deref()),
        (
            ConflictKind::EnvironmentCapacity,
            vec!["REL-F".to_owned(), "REL-I".to_owned()],
            "2027-04-17 22:00:00".into(),
            "2027-04-17 23:00:00".into(),
            Some("Prod")
        )
    );
    assert_eq!(o.severity, Severity::Blocking);
    assert!(o.message.contains("Prod is booked 2 times at once"), "{}", o.message);
    assert_eq!((i.violations.len(), i.downstream[0].release.as_str()), (1, "REL-F"));

    assert_eq!(f.why, "Submitted to CAB on 10 Mar 2027");
    let next = f.next_move.as_ref().unwrap();
    assert_eq!(
        (next.to, next.unmet.clone()),
        (S::Approved, vec!["The CAB decided: Approve (the latest decision is Defer)".to_owned()])
    );
    assert!(f.readiness.allowed, "17 Apr is 33 days away: {:?}", f.readiness.unmet);
    let d = &f.previous_decisions[0];
    assert_eq!((d.decision, d.by_name.as_str()), (CabDecision::Defer, "Robert King"));
    let tests: Vec<(&str, &str)> = f.tests.iter().map(|t| (t.label.as_str(), t.result_label.as_str())).collect();
    assert_eq!(
        tests,
        [("Functional", "Not recorded"), ("Operational readiness", "Not recorded"), ("Backout", "Not recorded")]
    );
    assert_eq!((f.conflicts[0].id.as_str(), f.upstream[0].release.as_str()), (i.conflicts[0].id.as_str(), "REL-I"));
    assert_eq!(f.manager.as_ref().unwrap().email, ZOE);
}

#[test]
fn the_minutes_hold_the_decisions_of_the_period_that_still_stand() {
    // February: H rejected (8th), E approved by the emergency CAB (17th), J rejected (20th).
    // G's approval of the 9th was revoked.
    let m = cab_minutes(&plan(), &feb());
    let lines: Vec<(&str, CabDecision, bool)> =
        m.decisions.iter().map(|d| (d.release.as_str(), d.decision, d.emergency)).collect();
    use CabDecision::*;
    assert_eq!(lines, [("REL-H", Reject, false), ("EMR-E", Approve, true), ("REL-J", Reject, false)]);
    assert_eq!(m.counts.iter().map(|c| c.count).collect::<Vec<_>>(), [1, 2, 0]);
    assert_eq!(m.emergency, 1);
    let h = &m.decisions[0];
    assert_eq!((h.by_name.as_str(), h.role_label.as_str()), ("Robert King", "Change Manager / CAB"));
    assert_eq!(h.title, "Payments 4.2.1 — maintenance patch");
    let march = cab_minutes(&plan(), &Period::parse_month("2027-03").unwrap());
    assert_eq!(march.counts.iter().map(|c| c.count).collect::<Vec<_>>(), [0, 0, 1]);
}

#[test]
fn a_broken_plan_gives_reports_with_gaps_not_panics() {
    let mut doc = Portfolio::new("Broken");
    let mut x = release("X-1", "Ghost town", ReleaseKind::Minor, S::Draft, &["ZZZ"], &["RFC-404"]);
    (x.owner, x.manager, x.environments) = (Some("nobody@example.com".into()), None, vec!["Moon".into()]);
    x.cis = vec![runway_domain::CiVersion { ci: "ghost-ci".into(), version: String::new() }];
    let mut y = release("X-2", "Submitted, nothing else", ReleaseKind::Patch, S::SubmittedToCab, &[], &[]);
    (y.backout_plan, y.acceptance_criteria) = (String::new(), String::new());
    doc.releases = vec![x, y];
    let mut r = History { events: &mut doc.events, key: "X-1", status: S::Draft };
    r.deploy("2027-02-03 10:00", true, "");
    r.rec("2027-02-03 11:00", "", Role::ReleaseOwner, EventKind::Revocation { revokes: 999 }, "");
    r.rec("2027-02-04 11:00", "", Role::ReleaseOwner, EventKind::IncidentClosed { incident: 777 }, "");
    r.incident("2027-02-05 10:00", Priority::P1, " ", "2027-02-05 09:00", true);
    let mut r = History { events: &mut doc.events, key: "GHOST", status: S::Draft };
    r.deploy("2027-02-06 10:00", true, "");

    let k = kpi_report(&doc, &feb());
    assert_eq!((k.headline.implemented, k.headline.late, k.headline.incidents_caused), (1, 0, 1));
    assert_eq!(k.implemented[0].release.applications[0].name, "ZZZ");
    assert_eq!(k.incidents[0].incidents[0].reference, MISSING);
    assert_eq!(k.diagnostics.len(), 2, "{:?}", k.diagnostics);
    assert!(k.diagnostics[0].contains("X-1") && k.diagnostics[1].starts_with("1 event about releases"));

    let x = release_report(&doc, "X-1").unwrap();
    assert_eq!(x.owner.unwrap().name, "nobody@example.com");
    assert_eq!(
        (x.rfcs[0].title.as_str(), x.cis[0].kind.as_str(), x.window_label.as_str()),
        (MISSING, MISSING, MISSING)
    );
    assert_eq!((x.outcome, x.events[1].by_name.as_str()), (Outcome::InProgress, MISSING));
    assert!(!x.environments[0].production);

    let pack = cab_pack(&doc, &feb(), day("2027-02-10"));
    let y = &pack.items[0];
    assert_eq!((y.release.key.as_str(), y.planned_deployment, y.why.as_str()), ("X-2", None, "Submitted to CAB"));
    assert_eq!(y.readiness.unmet.len(), 4, "{:?}", y.readiness.unmet);
    let _ = cab_minutes(&doc, &feb());
    // The matrix of a plan without people: the template, its roles unheld but the release's
    // owner, named by the e-mail its record gives.
    let mx = matrix_report(&doc, Some("X-1"), true).unwrap();
    let owner = mx.holders.iter().find(|h| h.key == "release_owner").unwrap();
    assert_eq!((owner.people[0].name.as_str(), owner.source.as_str()), ("nobody@example.com", "This release"));
    assert!(mx.valid() && mx.holders.iter().filter(|h| h.people.is_empty()).count() == 8);
    let empty = Portfolio::new("Empty");
    assert_eq!(matrix_report(&empty, None, false).unwrap().rows.len(), 9);
    assert_eq!(kpi_report(&empty, &feb()).headline, Default::default());
    assert!(cab_pack(&empty, &feb(), day("2027-02-10")).items.is_empty());
}

#[test]
fn every_report_on_the_thousand_release_demo_is_produced_and_the_same_twice() {
    let today = day("2026-11-22");
    let doc = runway_domain::demo::demo(runway_domain::demo::DEFAULT_SEED, 1000, today);
    let quarter = Period::quarter_of(today);
    let last = quarter.previous_quarters(2).remove(0);
    for p in [&last, &quarter, &Period::month_of(today)] {
        let k = kpi_report(&doc, p);
        assert_eq!(k, kpi_report(&doc, p));
        assert!(serde_json::to_string(&k).is_ok());
        let m = cab_minutes(&doc, p);
        assert_eq!(m, cab_minutes(&doc, p));
    }
    let k = kpi_report(&doc, &last);
    assert!(k.headline.implemented > 50 && k.headline.failed > 0, "{:?}", k.headline);
    assert_eq!(k.trend[3].headline, k.headline);
    let pack = cab_pack(&doc, &Period::month_of(today), today);
    assert!(!pack.items.is_empty());
    assert_eq!(pack, cab_pack(&doc, &Period::month_of(today), today));
    for r in doc.releases.iter().step_by(25) {
        let report = release_report(&doc, &r.key).unwrap();
        assert_eq!(report.key, r.key);
    }
    let key = &doc.releases[500].key;
    assert_eq!(release_report(&doc, key), release_report(&doc, key));
    // The demo's matrix is valid, and the release with its own holders shows them as its own.
    let own = doc.assignments.iter().find_map(|a| a.release.clone()).expect("a release with its own holders");
    let mx = matrix_report(&doc, Some(&own), false).unwrap();
    assert!(mx.valid(), "{:?}", mx.violations);
    assert!(mx.holders.iter().any(|h| h.key == "test_manager" && h.source == "This release"), "{:?}", mx.holders);
    assert_eq!(mx, matrix_report(&doc, Some(&own), false).unwrap());
}
