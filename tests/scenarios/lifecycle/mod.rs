//! The release lifecycle on a real plan: moves through the gates, decisions and evidence that
//! complete moves, refusals that name every unmet condition and change nothing, overrides,
//! revocations, the policy and the dashboard. Undo and redo of edits are in `undo.rs`; a plan's
//! history of decisions through export, import and verify in `records.rs`.

use chrono::{Duration, NaiveDate};
use runway_core::domain::Gate;
use runway_core::dto::{EvidenceInput, MoveInput};
use runway_core::error::ErrorCode;
use runway_core::interchange::to_json;
use runway_core::{Error, Planner};
use runway_domain::{
    Breach, CabDecision, EventKind, Policy, ReleaseInput, ReleaseKind, ReleaseStatus as S, ReleaseUnit, Rfc, RfcStatus,
    Risk, SignOffDecision, TestKind, Window,
};

use crate::releases::input_of;
use crate::{WHO, demo, fingerprint, today};

/// The Change Manager in the demo: the A of the CAB activity, who records its decisions.
pub(crate) const CAB: &str = "robert.king@example.com";
/// The sponsor in the demo, who holds the S of "Authorize deployment" in the matrix.
pub(crate) const SIGNER: &str = "eleanor.whitfield@example.com";
/// A Test Manager in the demo.
pub(crate) const TESTER: &str = "dmitry.ivanov@example.com";
/// Deployment staff in the demo.
pub(crate) const DEPLOYER: &str = "chen.wei@example.com";

/// A demo of 40 releases with today fixed to the day it is built around.
pub(crate) fn plan() -> (tempfile::TempDir, std::path::PathBuf, Planner) {
    let (dir, path, mut p) = demo(40);
    p.set_today(today());
    (dir, path, p)
}

pub(crate) fn to(status: S) -> MoveInput {
    MoveInput { to: status, reason: String::new(), override_gate: false }
}

pub(crate) fn evidence(what: EventKind, by: Option<&str>) -> EvidenceInput {
    EvidenceInput { what, by: by.map(str::to_owned), reason: String::new(), conditions: String::new(), at: None }
}

pub(crate) fn status_of(p: &Planner, key: &str) -> S {
    p.lifecycle(key).unwrap().assessment.status
}

/// The first release in `status` (by key) that `ok` accepts.
pub(crate) fn pick(p: &Planner, status: S, ok: impl Fn(&runway_domain::Release) -> bool) -> String {
    p.status()
        .unwrap()
        .into_iter()
        .map(|(r, _)| r)
        .find(|r| r.status == status && ok(r))
        .unwrap_or_else(|| panic!("the demo has no suitable release in {status:?}"))
        .key
}

pub(crate) fn days_to_window(r: &runway_domain::Release, today: NaiveDate) -> i64 {
    (r.window.unwrap().start.date() - today).num_days()
}

/// A Planned release ready for submission: RFC, backout plan, acceptance criteria, window at
/// least 28 days away.
pub(crate) fn ready_for_cab(p: &Planner) -> String {
    pick(p, S::Planned, |r| {
        !r.rfcs.is_empty()
            && !r.backout_plan.trim().is_empty()
            && !r.acceptance_criteria.trim().is_empty()
            && r.kind != ReleaseKind::Emergency
            && days_to_window(r, today()) >= 28
    })
}

/// A refusal's message and the codes of its unmet conditions; panics on any other outcome.
pub(crate) fn refusal(result: runway_core::Result<impl std::fmt::Debug>) -> (String, Vec<String>) {
    match result {
        Err(e @ Error::Refused { .. }) => {
            assert_eq!(e.info().code, ErrorCode::Refused);
            let Error::Refused { message, unmet } = &e else { unreachable!() };
            assert!(unmet.iter().all(|c| !c.met), "only unmet conditions are listed: {unmet:?}");
            let codes: Vec<String> = unmet.iter().map(|c| c.code.clone()).collect();
            let fields: Vec<String> = e.info().fields.into_iter().map(|f| f.field).collect();
            assert_eq!(fields, codes, "the UI gets the unmet conditions by code");
            (message.clone(), codes)
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A Draft release of the plan with a window `days` away from today, one RFC and everything the
/// gates before the CAB ask for.
pub(crate) fn new_release(p: &mut Planner, key: &str, days: i64) -> String {
    let start = (today() + Duration::days(days)).and_hms_opt(20, 0, 0).unwrap();
    let input = ReleaseInput {
        key: key.into(),
        title: "Payments 9.1 — refund automation".into(),
        kind: ReleaseKind::Minor,
        unit: ReleaseUnit::Delta,
        applications: vec!["PAY".into()],
        owner: Some("hannah.becker@example.com".into()),
        manager: Some("zoe.angstrom@example.com".into()),
        environments: vec!["UAT".into(), "Prod".into()],
        window: Some(Window { start, end: start + Duration::hours(2) }),
        risk: Risk::Medium,
        acceptance_criteria: "Refunds settle within 10 s".into(),
        backout_plan: "Redeploy 9.0.3".into(),
        backout_tested: false,
        notes: String::new(),
    };
    p.create_release(input).unwrap();
    let rfc = format!("RFC-{key}");
    p.create_rfc(Rfc { key: rfc.clone(), title: "Refund automation".into(), status: RfcStatus::Submitted }).unwrap();
    p.link_rfc(key, &rfc).unwrap();
    key.to_owned()
}

mod overview;
mod records;
mod undo;

#[test]
fn a_release_goes_from_planned_to_closed_through_every_gate() {
    let (_dir, _path, mut p) = plan();
    let key = ready_for_cab(&p);
    let policy = p.policy().unwrap();
    assert_eq!(policy, Policy::default());
    let before = p.lifecycle(&key).unwrap().events;

    // Submit; the CAB's approval completes the move to Approved.
    let out = p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    assert_eq!(out.message, format!("{key} moved to Submitted to CAB."));
    assert_eq!(out.lifecycle.assessment.status, S::SubmittedToCab);
    let out = p
        .record(
            &key,
            EvidenceInput {
                conditions: "Deploy outside month-end close".into(),
                ..evidence(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false }, Some(CAB))
            },
        )
        .unwrap();
    assert_eq!(out.message, format!("CAB decision: Approve recorded for {key}; it moved to Approved."));
    assert_eq!(out.lifecycle.assessment.status, S::Approved);
    let [.., decision, moved] = out.lifecycle.events.as_slice() else { panic!("two events appended") };
    assert_eq!(decision.by, CAB);
    assert_eq!(decision.role.as_deref(), Some("change_manager"));
    assert_eq!(decision.conditions, "Deploy outside month-end close");
    assert_eq!(moved.what, EventKind::Transition { from: S::SubmittedToCab, to: S::Approved, overridden: vec![] });
    assert!(moved.reason.contains(&format!("#{}", decision.id)), "the move names its decision: {}", moved.reason);

    p.move_release(&key, to(S::Build)).unwrap();
    p.move_release(&key, to(S::Test)).unwrap();

    // Every required test and the backout, passed: nothing moves by itself.
    let mut tests = policy.required_tests.clone();
    tests.push(TestKind::Backout);
    for (i, test) in tests.iter().enumerate() {
        let step = |p: &Planner| {
            p.lifecycle(&key).unwrap().assessment.steps.into_iter().find(|s| s.to == S::AwaitingAuthorization).unwrap()
        };
        assert!(!step(&p).allowed, "not allowed before the last test ({i})");
        let out = p.record(&key, evidence(EventKind::TestResult { test: *test, passed: true }, Some(TESTER))).unwrap();
        assert_eq!(out.lifecycle.assessment.status, S::Test);
        assert!(!out.message.contains("moved"), "{}", out.message);
    }
    let out = p.move_release(&key, to(S::AwaitingAuthorization)).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::AwaitingAuthorization);

    let out =
        p.record(&key, evidence(EventKind::SignOff { decision: SignOffDecision::Authorize }, Some(SIGNER))).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Authorized, "{}", out.message);
    assert!(out.message.ends_with("it moved to Authorized."), "{}", out.message);

    p.move_release(&key, to(S::Deploying)).unwrap();
    let out = p.record(&key, evidence(EventKind::Deployment { succeeded: true }, Some(DEPLOYER))).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Deployed);
    let out = p.record(&key, evidence(EventKind::Verification { passed: true }, Some(TESTER))).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Verified);
    p.move_release(&key, to(S::EarlyLifeSupport)).unwrap();

    // Closing needs the review.
    let (msg, unmet) = refusal(p.move_release(&key, to(S::Closed)));
    assert_eq!(unmet, ["review"], "{msg}");
    let out = p.record(&key, evidence(EventKind::Review { retrospective: false }, None)).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::EarlyLifeSupport);
    let out = p.move_release(&key, to(S::Closed)).unwrap();
    let a = out.lifecycle.assessment;
    assert_eq!(a.status, S::Closed);
    assert!(a.steps.is_empty(), "Closed is final");
    assert!(a.breaches.is_empty(), "{:?}", a.breaches);
    assert!(p.verify().unwrap().ok());

    // The history lists every move and decision, in order, after what the demo recorded.
    let events = p.lifecycle(&key).unwrap().events;
    assert_eq!(events[..before.len()], before[..]);
    let history = p.history(&key).unwrap();
    assert!(history.windows(2).all(|w| w[0].seq < w[1].seq), "oldest first");
    let recorded: Vec<_> = history.iter().filter_map(|h| h.event.clone()).collect();
    assert_eq!(recorded, events, "the history holds every event, in the order recorded");
    let ours: Vec<(String, String)> = history
        .iter()
        .filter(|h| h.event.as_ref().is_some_and(|e| e.id > before.last().map_or(0, |b| b.id)))
        .map(|h| (h.kind.clone(), h.summary.clone()))
        .collect();
    let m = |from: S, to: S| ("move".to_owned(), format!("{} → {}", from.label(), to.label()));
    let d = |s: &str| ("decision".to_owned(), s.to_owned());
    let mut expected =
        vec![m(S::Planned, S::SubmittedToCab), d("CAB decision: Approve"), m(S::SubmittedToCab, S::Approved)];
    expected.extend([m(S::Approved, S::Build), m(S::Build, S::Test)]);
    expected.extend(tests.iter().map(|t| d(&format!("{} test passed", t.label()))));
    expected.extend([
        m(S::Test, S::AwaitingAuthorization),
        d("Sign-off for authorization: Authorize"),
        m(S::AwaitingAuthorization, S::Authorized),
        m(S::Authorized, S::Deploying),
        d("Deployment succeeded"),
        m(S::Deploying, S::Deployed),
        d("Post-deployment verification passed"),
        m(S::Deployed, S::Verified),
        m(S::Verified, S::EarlyLifeSupport),
        d("Post-implementation review recorded"),
        m(S::EarlyLifeSupport, S::Closed),
    ]);
    assert_eq!(ours, expected);
    assert!(history.iter().all(|h| !h.revoked));
}

#[test]
fn a_refused_move_names_every_unmet_condition_and_changes_nothing() {
    let (_dir, _path, mut p) = plan();
    // A Planned release with neither an RFC nor a backout plan; on a day 20 days before its
    // window it is also too late for the CAB.
    let key = pick(&p, S::Planned, |r| r.rfcs.is_empty() && r.backout_plan.trim().is_empty());
    let window = p.release(&key).unwrap().release.window.unwrap().start.date();
    p.set_today(window - Duration::days(20));
    let before = fingerprint(&p);
    let (msg, unmet) = refusal(p.move_release(&key, to(S::SubmittedToCab)));
    assert_eq!(unmet, ["rfc", "backout_plan", "lead_time"]);
    for words in [
        "Submission to CAB",
        "At least one RFC is linked (none linked)",
        "A backout plan is written (empty)",
        "The deployment window is at least 28 days away (the window is 20 days away)",
        "override",
    ] {
        assert!(msg.contains(words), "{words:?} in {msg}");
    }
    assert_eq!(fingerprint(&p), before, "a refused move changes nothing");
    assert_eq!(status_of(&p, &key), S::Planned);

    // A move the lifecycle does not have.
    let (msg, unmet) = refusal(p.move_release(&key, to(S::Deployed)));
    assert!(unmet.is_empty());
    assert!(msg.contains("cannot move to Deployed") && msg.contains("Submitted to CAB, Cancelled"), "{msg}");
    assert_eq!(fingerprint(&p), before);
    // Nor does an override open it.
    let forced = MoveInput { to: S::Deployed, reason: "Just do it".into(), override_gate: true };
    let (msg, _) = refusal(p.move_release(&key, forced));
    assert!(msg.contains("cannot move to Deployed"), "{msg}");
    // Evidence the stage does not take.
    let (msg, _) = refusal(p.record(&key, evidence(EventKind::Deployment { succeeded: true }, Some(DEPLOYER))));
    assert!(msg.contains("cannot be recorded") && msg.contains("Planned"), "{msg}");
    // Cancelling needs a reason.
    let (msg, _) = refusal(p.move_release(&key, to(S::Cancelled)));
    assert!(msg.contains("needs a reason"), "{msg}");
    // A final stage goes nowhere.
    let closed = pick(&p, S::Closed, |_| true);
    let (msg, _) = refusal(p.move_release(&closed, to(S::Planned)));
    assert!(msg.contains("is final"), "{msg}");
    assert_eq!(fingerprint(&p), before);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn an_overridable_gate_passes_with_a_reason_and_the_override_is_recorded() {
    let (_dir, _path, mut p) = plan();
    let key = new_release(&mut p, "REL-2026.12.99", 10);
    p.move_release(&key, to(S::Planned)).unwrap();

    let before = fingerprint(&p);
    let (msg, unmet) = refusal(p.move_release(&key, to(S::SubmittedToCab)));
    assert_eq!(unmet, ["lead_time"]);
    assert!(msg.contains("the window is 10 days away") && msg.contains("allows an override"), "{msg}");
    let without_reason = MoveInput { to: S::SubmittedToCab, reason: "  ".into(), override_gate: true };
    let (msg, _) = refusal(p.move_release(&key, without_reason));
    assert!(msg.contains("Overriding Submission to CAB needs a reason"), "{msg}");
    assert_eq!(fingerprint(&p), before, "refused overrides change nothing");

    let reason = "Regulatory deadline moved forward";
    let out =
        p.move_release(&key, MoveInput { to: S::SubmittedToCab, reason: reason.into(), override_gate: true }).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::SubmittedToCab);
    let last = out.lifecycle.events.last().unwrap();
    assert_eq!(last.reason, reason);
    let EventKind::Transition { from, to: moved_to, overridden } = &last.what else { panic!("{last:?}") };
    assert_eq!((*from, *moved_to), (S::Planned, S::SubmittedToCab));
    assert_eq!(overridden, &["The deployment window is at least 28 days away (the window is 10 days away)"]);
    assert!(out.lifecycle.assessment.breaches.contains(&Breach::Overridden));
    let h = p.history(&key).unwrap().pop().unwrap();
    assert!(h.summary.contains("overriding") && h.summary.contains("28 days"), "{}", h.summary);

    // A decision cannot be overridden, nor can a gate the policy keeps closed.
    let forced = |to| MoveInput { to, reason: "The board is on holiday".into(), override_gate: true };
    let before = fingerprint(&p);
    let (msg, unmet) = refusal(p.move_release(&key, forced(S::Approved)));
    assert_eq!(unmet, ["cab_decision"], "the refusal names what is missing");
    assert!(msg.contains("does not allow overriding CAB approval"), "{msg}");
    let waiting = pick(&p, S::AwaitingAuthorization, |_| true);
    let (msg, unmet) = refusal(p.move_release(&waiting, to(S::Authorized)));
    assert!(unmet.contains(&"signature".to_owned()), "{unmet:?}");
    assert!(!msg.contains("allows an override"), "{msg}");
    let (msg, _) = refusal(p.move_release(&waiting, forced(S::Authorized)));
    assert!(msg.contains("Authorization cannot be overridden") && msg.contains("must be recorded"), "{msg}");
    assert_eq!(fingerprint(&p), before);
    // Not even when the policy lists Authorization: the signature is a decision.
    let mut policy = p.policy().unwrap();
    policy.overridable.push(Gate::Authorize);
    p.set_policy(policy).unwrap();
    let before = fingerprint(&p);
    let (msg, unmet) = refusal(p.move_release(&waiting, forced(S::Authorized)));
    assert!(unmet.contains(&"signature".to_owned()) && msg.contains("must be recorded"), "{msg}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn only_the_signature_holder_signs_off_and_only_people_of_the_plan_decide() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::AwaitingAuthorization, |_| true);
    let before = fingerprint(&p);
    let sign = || EventKind::SignOff { decision: SignOffDecision::Authorize };

    let (msg, _) = refusal(p.record(&key, evidence(sign(), Some(TESTER))));
    assert!(
        msg.contains("Only Eleanor Whitfield (Sponsor (SVP))") && msg.contains("not dmitry.ivanov@example.com"),
        "{msg}"
    );
    // The profile (a Release Manager in the demo) cannot sign either.
    let (msg, _) = refusal(p.record(&key, evidence(sign(), None)));
    assert!(msg.contains("not zoe.angstrom@example.com"), "{msg}");

    let err = p.record(&key, evidence(sign(), Some("nobody@example.com"))).unwrap_err();
    match &err {
        Error::Validation(f) => {
            assert_eq!(f.len(), 1);
            assert_eq!(f[0].field, "by");
            assert!(f[0].message.contains("nobody@example.com"), "{}", f[0].message);
        }
        e => panic!("expected a validation error on `by`, got {e:?}"),
    }
    assert_eq!(fingerprint(&p), before);

    // The e-mail is matched without regard to case, and stored as the plan spells it.
    let out = p.record(&key, evidence(sign(), Some("Eleanor.Whitfield@Example.com"))).unwrap();
    let signed = out.lifecycle.events.iter().rev().find(|e| matches!(e.what, EventKind::SignOff { .. })).unwrap();
    assert_eq!(signed.by, SIGNER);
}

#[test]
fn a_revoked_decision_stays_on_record_marked_revoked() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::SubmittedToCab, |r| !r.rfcs.is_empty() && !r.backout_plan.is_empty());
    let approve = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let out = p.record(&key, evidence(approve.clone(), Some(CAB))).unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::Approved);
    let id = out.lifecycle.events.iter().find(|e| e.what == approve).unwrap().id;
    let transition = out.lifecycle.events.last().unwrap().id;

    let before = fingerprint(&p);
    let err = p.revoke(&key, id, "   ").unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "reason"), "{err:?}");
    let (msg, _) = refusal(p.revoke(&key, transition, "Wrong move"));
    assert!(msg.contains("cannot be revoked"), "{msg}");
    let (msg, _) = refusal(p.revoke(&key, 999_999, "No such event"));
    assert!(msg.contains("#999999"), "{msg}");
    assert_eq!(fingerprint(&p), before);

    let out = p.revoke(&key, id, "Approved against the wrong change window").unwrap();
    assert!(out.message.contains(&format!("Revoked #{id}")), "{}", out.message);
    let l = out.lifecycle;
    assert_eq!(l.revoked, [id]);
    assert!(l.events.iter().any(|e| e.id == id && e.what == approve), "the decision is kept");
    let last = l.events.last().unwrap();
    assert_eq!(last.what, EventKind::Revocation { revokes: id });
    assert_eq!(last.reason, "Approved against the wrong change window");
    assert_eq!(l.assessment.status, S::Approved, "a revocation does not move the release");
    assert!(
        l.assessment.warnings.iter().any(|w| w.contains("CAB approval no longer holds")),
        "the release page says the approval it moved on was revoked: {:?}",
        l.assessment.warnings
    );

    let history = p.history(&key).unwrap();
    let decided = history.iter().find(|h| h.event.as_ref().is_some_and(|e| e.id == id)).unwrap();
    assert!(decided.revoked);
    assert_eq!(decided.kind, "decision");
    let last = history.last().unwrap();
    assert_eq!((last.kind.as_str(), last.revoked), ("revocation", false));
    assert_eq!(history.iter().filter(|h| h.revoked).count(), 1);

    let before = fingerprint(&p);
    let (msg, _) = refusal(p.revoke(&key, id, "Again"));
    assert!(msg.contains("already revoked"), "{msg}");
    assert_eq!(fingerprint(&p), before);
    assert!(p.verify().unwrap().ok());
}

#[test]
fn a_failed_test_sends_the_release_back_and_only_results_since_the_rebuild_count() {
    let (_dir, _path, mut p) = plan();
    let key = ready_for_cab(&p);
    p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    p.record(&key, evidence(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false }, Some(CAB)))
        .unwrap();
    p.move_release(&key, to(S::Build)).unwrap();
    p.move_release(&key, to(S::Test)).unwrap();
    p.record(&key, evidence(EventKind::TestResult { test: TestKind::Installation, passed: true }, Some(TESTER)))
        .unwrap();
    let out = p
        .record(&key, evidence(EventKind::TestResult { test: TestKind::Functional, passed: false }, Some(TESTER)))
        .unwrap();
    assert_eq!(out.lifecycle.assessment.status, S::TestFailed);
    assert!(out.message.ends_with("it moved to Test failed."), "{}", out.message);
    let rebuild = out.lifecycle.assessment.steps.iter().find(|s| s.to == S::Build).unwrap();
    assert_eq!((rebuild.label.as_str(), rebuild.allowed), ("Rebuild", true));

    p.move_release(&key, to(S::Build)).unwrap();
    let out = p.move_release(&key, to(S::Test)).unwrap();
    let step = out.lifecycle.assessment.steps.iter().find(|s| s.to == S::AwaitingAuthorization).unwrap();
    let installation = step.conditions.iter().find(|c| c.code == "test:installation").unwrap();
    assert!(!installation.met, "a pass before the rebuild no longer counts");
    assert_eq!(installation.detail, "no result recorded since the build");
}

#[test]
fn an_emergency_release_skips_the_lead_time_and_goes_to_the_emergency_cab() {
    let (_dir, _path, mut p) = plan();
    let key = new_release(&mut p, "EMR-2026.11.99", 2);
    let r = p.release(&key).unwrap().release;
    p.update_release(&key, ReleaseInput { kind: ReleaseKind::Emergency, ..input_of(&r) }).unwrap();
    p.move_release(&key, to(S::Planned)).unwrap();
    let out = p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    let EventKind::Transition { overridden, .. } = &out.lifecycle.events.last().unwrap().what else { panic!() };
    assert!(overridden.is_empty(), "nothing to override: the lead time is waived");
    // The decision is the emergency CAB's, whatever the caller said.
    let out = p
        .record(&key, evidence(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false }, Some(CAB)))
        .unwrap();
    assert!(out.message.starts_with("Emergency CAB decision: Approve"), "{}", out.message);
    assert_eq!(out.lifecycle.assessment.status, S::Approved);
    assert!(
        out.lifecycle
            .events
            .iter()
            .any(|e| e.what == EventKind::CabDecision { decision: CabDecision::Approve, emergency: true })
    );
    assert!(p.dashboard().unwrap().emergencies.iter().any(|f| f.key == key), "this quarter's emergencies");
}

#[test]
fn the_kind_is_fixed_once_the_release_is_submitted() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::Approved, |r| r.kind != ReleaseKind::Emergency);
    let release = p.release(&key).unwrap().release;
    let before = fingerprint(&p);
    let err = p.update_release(&key, ReleaseInput { kind: ReleaseKind::Emergency, ..input_of(&release) }).unwrap_err();
    let Error::Validation(fields) = &err else { panic!("{err}") };
    assert_eq!(fields[0].field, "kind", "{err}");
    assert_eq!(fingerprint(&p), before);
    // Other fields still change.
    p.update_release(&key, ReleaseInput { title: "Renamed".into(), ..input_of(&release) }).unwrap();
}

#[test]
fn a_decision_can_be_dated_in_its_stage_but_not_in_the_future_or_before_it() {
    let (_dir, _path, mut p) = plan();
    let key = pick(&p, S::SubmittedToCab, |_| true);
    // The evening of the demo's day: "in the future" and "before its stage" are judged against it.
    let now = today().and_hms_opt(18, 0, 0).unwrap().and_utc();
    p.set_now(now);
    let at = |t| EvidenceInput {
        at: Some(t),
        ..evidence(EventKind::CabDecision { decision: CabDecision::Defer, emergency: false }, Some(CAB))
    };
    let before = fingerprint(&p);
    for bad in [now + Duration::hours(2), now - Duration::days(3650)] {
        let err = p.record(&key, at(bad)).unwrap_err();
        let Error::Validation(fields) = &err else { panic!("{err}") };
        assert_eq!(fields[0].field, "at", "{err}");
    }
    assert_eq!(fingerprint(&p), before);
    let since = p.lifecycle(&key).unwrap().assessment.since;
    let when = since + (now - since) / 2;
    let out = p.record(&key, at(when)).unwrap();
    let last = out.lifecycle.events.last().unwrap();
    assert_eq!(last.at.timestamp_millis(), when.timestamp_millis());
    // The confirmation says what would happen, without writing anything.
    let before = fingerprint(&p);
    let text = p
        .preview_record(
            &key,
            &evidence(EventKind::CabDecision { decision: CabDecision::Approve, emergency: false }, Some(CAB)),
        )
        .unwrap();
    assert!(text.contains("Robert King") && text.contains("then moves from Submitted to CAB to Approved"), "{text}");
    assert_eq!(fingerprint(&p), before);
}
