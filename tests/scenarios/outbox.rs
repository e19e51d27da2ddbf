//! The outbox on a real plan (D8): messages made by changes in the same write (a production
//! window moved, a status change, a CAB decision, a cancellation), their audience from the demo's
//! matrix worked by hand, a pending message replaced by a newer one and two that cancel out
//! leaving none, approval, edits and discards refused in the wrong state, templates checked and
//! auto-approval, the invitation's UID and SEQUENCE, sending in steps with a cut-off send marked
//! for checking and never sent again, back-off after a failure, overdue stages told of once, the
//! CAB agenda, `.eml` files, and every step in the audit log.

use chrono::{DateTime, TimeDelta, Utc};
use runway_core::api::outbox::SendOutcome;
use runway_core::dto::EvidenceInput;
use runway_core::{Error, Planner};
use runway_domain::notify::{AttendeeRole, Message, MessageState as M, Method, Trigger};
use runway_domain::{CabDecision, EventKind, ReleaseInput, ReleaseStatus as S, Window};

use crate::lifecycle::{CAB, evidence, pick, plan, ready_for_cab, to};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// A Planned release deploying to production, its window at least four weeks away.
fn production_release(p: &Planner) -> String {
    let envs = p.catalog().unwrap().environments;
    pick(p, S::Planned, |r| {
        r.window.is_some() && r.environments.iter().any(|e| envs.iter().any(|x| &x.name == e && x.production))
    })
}

fn shift(p: &mut Planner, key: &str, days: i64) {
    let mut r = p.release(key).unwrap().release;
    let w = r.window.unwrap();
    r.window = Some(Window { start: w.start + TimeDelta::days(days), end: w.end + TimeDelta::days(days) });
    p.update_release(key, ReleaseInput::from(&r)).unwrap();
}

fn open(p: &Planner) -> Vec<Message> {
    p.outbox(&[M::Pending, M::Approved]).unwrap()
}

fn role_of(m: &Message, email: &str) -> AttendeeRole {
    m.recipients.iter().find(|r| r.email == email).unwrap_or_else(|| panic!("{email} not told: {m:#?}")).role
}

#[test]
fn a_moved_production_window_tells_the_deployment_s_people_with_an_invitation() {
    let (_dir, _path, mut p) = plan();
    p.set_now(at("2026-11-22T10:00:00Z"));
    let key = production_release(&p);
    let r = p.release(&key).unwrap().release;
    let (manager, owner) = (r.manager.clone().unwrap(), r.owner.clone().unwrap());
    assert!(open(&p).is_empty());
    shift(&mut p, &key, 7);

    let made = open(&p);
    assert_eq!(made.len(), 1, "{made:#?}");
    let m = &made[0];
    assert_eq!((m.trigger, m.state, m.activity.as_str()), (Trigger::Downtime, M::Pending, "deploy"));
    assert_eq!(m.release.as_deref(), Some(key.as_str()));
    // Hand-worked from the demo's matrix, row "Coordinate distribution and installation of
    // releases": A Release Manager (this release's manager chairs), R Deployment staff (Chen Wei,
    // Fatima Zahra), C Build & test environment staff (Grace Mwangi), I Test Manager (both),
    // Release Owner (this release's owner), Change Manager (Robert King), Early life support
    // (Jonas Lindqvist).
    let mut want: Vec<String> = vec![
        manager.clone(),
        "chen.wei@example.com".into(),
        "fatima.zahra@example.com".into(),
        "grace.mwangi@example.com".into(),
        "dmitry.ivanov@example.com".into(),
        "sofia.papadopoulou@example.com".into(),
        owner.clone(),
        "robert.king@example.com".into(),
        "jonas.lindqvist@example.com".into(),
    ];
    want.sort();
    let mut got: Vec<String> = m.recipients.iter().map(|x| x.email.clone()).collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(role_of(m, &manager), AttendeeRole::Chair);
    assert_eq!(role_of(m, "chen.wei@example.com"), AttendeeRole::Required);
    assert_eq!(role_of(m, "grace.mwangi@example.com"), AttendeeRole::Optional);
    assert_eq!(role_of(m, "robert.king@example.com"), AttendeeRole::NonParticipant);
    assert_eq!(m.from.email, manager, "from the release manager, the ORGANIZER");
    assert!(m.subject.contains(&key), "{}", m.subject);
    let invite = m.invite.as_ref().expect("a production window carries an invitation");
    assert_eq!((invite.method, invite.sequence), (Method::Request, 0));
    assert!(invite.uid.starts_with(&format!("deploy-{key}@")), "{}", invite.uid);
    assert!(invite.ics.contains("METHOD:REQUEST\r\n") && invite.ics.contains("SEQUENCE:0\r\n"));
    // The audit log has the message, made in the same write as the edit.
    let log = p.audit_log(None, 3).unwrap();
    let last = log.last().unwrap();
    assert_eq!((last.entity.as_str(), last.action.as_str()), ("message", "create"));
    assert_eq!(last.entity_key, m.id.to_string());

    // Moved again before anyone approved: one message tells the whole move, from the first
    // window; the first is discarded, replaced.
    shift(&mut p, &key, 7);
    let made = open(&p);
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].fact("before"), m.fact("before"), "the window stakeholders last heard of");
    assert_ne!(made[0].fact("after"), m.fact("after"));
    assert_eq!(made[0].invite.as_ref().unwrap().sequence, 1);
    let first = p.message(m.id).unwrap();
    assert_eq!(first.state, M::Discarded);
    assert!(first.error.unwrap().contains(&format!("Replaced by message {}", made[0].id)));

    // Moved back: nothing changed for the stakeholders, so no message remains.
    shift(&mut p, &key, -14);
    assert!(open(&p).is_empty(), "{:#?}", open(&p));
    assert_eq!(p.message(made[0].id).unwrap().state, M::Discarded);

    // Undo gives the move back, and its message.
    p.undo().unwrap();
    assert_eq!(open(&p).len(), 1);
}

#[test]
fn approved_messages_are_history_and_the_next_reschedule_raises_the_sequence() {
    let (dir, _path, mut p) = plan();
    p.set_now(at("2026-11-22T10:00:00Z"));
    let key = production_release(&p);
    shift(&mut p, &key, 3);
    let first = open(&p).remove(0);
    let edited = p.edit_message(first.id, "Downtime moved\r\nBcc: evil@example.com", "New text").unwrap();
    assert_eq!(edited.subject, "Downtime moved Bcc: evil@example.com", "one line: no header can be made");
    assert!(edited.edited);
    let err = p.edit_message(first.id, " ", "x").unwrap_err();
    assert!(matches!(&err, Error::Validation(f) if f[0].field == "subject"), "{err}");
    p.approve_messages(&[first.id]).unwrap();
    let err = p.edit_message(first.id, "Again", "x").unwrap_err().to_string();
    assert!(err.contains("approved and waiting to be sent"), "{err}");

    // The approved one is not replaced: a new message, the invitation's next SEQUENCE.
    shift(&mut p, &key, 2);
    let pending = p.outbox(&[M::Pending]).unwrap();
    assert_eq!(pending.len(), 1);
    let (a, b) = (first.invite.unwrap(), pending[0].invite.clone().unwrap());
    assert_eq!((a.uid == b.uid, a.sequence, b.sequence), (true, 0, 1));

    // Cancelled: the cancellation of the same meeting, one more again.
    let cancel = runway_core::dto::MoveInput { reason: "Descoped by the CAB".into(), ..to(S::Cancelled) };
    p.move_release(&key, cancel).unwrap();
    let cancel = p.outbox(&[M::Pending]).unwrap().into_iter().find(|m| m.trigger == Trigger::Cancelled).unwrap();
    let c = cancel.invite.unwrap();
    assert_eq!((c.uid, c.method, c.sequence), (a.uid.clone(), Method::Cancel, 2));
    assert!(c.ics.contains("METHOD:CANCEL\r\n") && c.ics.contains("STATUS:CANCELLED\r\n"));

    // .eml files for every message not discarded.
    let files = p.export_eml(&[], &dir.path().join("eml")).unwrap();
    assert_eq!(files.len(), p.outbox(&[]).unwrap().iter().filter(|m| m.state != M::Discarded).count());
    let text = String::from_utf8(std::fs::read(&files[0]).unwrap()).unwrap();
    assert!(text.contains("Message-ID: <runway."), "{text}");
}

#[test]
fn a_cab_decision_makes_one_message_and_auto_approval_is_per_kind() {
    let (_dir, _path, mut p) = plan();
    p.set_now(at("2026-11-22T10:00:00Z"));
    let key = ready_for_cab(&p);
    let mut t = p.templates().unwrap().into_iter().find(|t| t.template.trigger == Trigger::StatusChanged).unwrap();
    t.template.auto_approve = true;
    p.set_template(t.template.clone()).unwrap();
    p.move_release(&key, to(S::SubmittedToCab)).unwrap();
    let m = p.outbox(&[]).unwrap().remove(0);
    assert_eq!((m.trigger, m.state), (Trigger::StatusChanged, M::Approved));
    assert!(m.approved_by.unwrap().starts_with("auto-approved"));

    let decision = EventKind::CabDecision { decision: CabDecision::Approve, emergency: false };
    let mut input: EvidenceInput = evidence(decision, Some(CAB));
    input.reason = "Low risk, backout tested".into();
    p.record(&key, input).unwrap();
    let mut made: Vec<Message> = p.outbox(&[]).unwrap().into_iter().filter(|x| x.id > m.id).collect();
    made.sort_by_key(|x| x.id);
    // The decision's message, not a second one for its move; and, the release approved, its
    // production window's first invitation to the deployment's people.
    let what: Vec<Trigger> = made.iter().map(|x| x.trigger).collect();
    assert_eq!(what, [Trigger::GateDecision, Trigger::Downtime], "{made:#?}");
    assert_eq!((made[0].state, made[0].activity.as_str()), (M::Pending, "cab"));
    assert!(made[0].body.contains("Low risk, backout tested"), "{}", made[0].body);
    let invite = made[1].invite.as_ref().expect("the approved window's invitation");
    assert_eq!((invite.method, invite.sequence, made[1].fact("before")), (Method::Request, 0, Some("—")));

    // Cancelled before anyone was invited would carry no cancellation; this one was invited.
    let cancel = runway_core::dto::MoveInput { reason: "Descoped".into(), ..to(S::Cancelled) };
    p.move_release(&key, cancel).unwrap();
    let c = p.outbox(&[]).unwrap().into_iter().find(|x| x.trigger == Trigger::Cancelled).unwrap();
    assert_eq!(c.invite.map(|i| (i.method, i.sequence)), Some((Method::Cancel, 1)));
    let never = ready_for_cab(&p);
    let cancel = runway_core::dto::MoveInput { reason: "Not needed".into(), ..to(S::Cancelled) };
    p.move_release(&never, cancel).unwrap();
    let c = p
        .outbox(&[])
        .unwrap()
        .into_iter()
        .find(|x| x.trigger == Trigger::Cancelled && x.release.as_deref() == Some(never.as_str()))
        .unwrap();
    assert!(c.invite.is_none(), "nobody was invited to {never}'s window: nothing to cancel");

    // A template with an unknown placeholder is refused, naming it.
    t.template.body = "{release} {windw}".into();
    let err = p.set_template(t.template).unwrap_err().to_string();
    assert!(err.contains("{windw} is not a placeholder of Status changed"), "{err}");
}

#[test]
fn sending_goes_in_steps_and_a_cut_off_send_is_never_sent_again() {
    let (dir, path, mut p) = plan();
    p.set_now(at("2026-11-22T10:00:00Z"));
    let key = production_release(&p);
    shift(&mut p, &key, 3);
    let other = ready_for_cab(&p);
    p.move_release(&other, to(S::SubmittedToCab)).unwrap();
    assert!(p.claim_next(None).unwrap().is_none(), "nothing approved, nothing goes");
    p.approve_all().unwrap();
    let ids: Vec<i64> = p.outbox(&[M::Approved]).unwrap().iter().map(|m| m.id).collect();
    assert_eq!(ids.len(), 2);

    // The first is handed to the server... and the process dies.
    let (first, mail) = p.claim_next(None).unwrap().unwrap();
    assert_eq!(p.message(first.id).unwrap().state, M::Sending);
    assert_eq!(mail.message_id, first.message_id);
    drop(p);
    let mut p = Planner::open(&path, crate::WHO).unwrap();
    p.set_now(at("2026-11-22T10:05:00Z"));
    assert_eq!(p.begin_sending().unwrap(), [first.id]);
    assert_eq!(p.message(first.id).unwrap().state, M::Check);
    // The next claim is the other message, never the one cut off.
    let (second, _) = p.claim_next(None).unwrap().unwrap();
    assert_ne!(second.id, first.id);
    let failed = p
        .finish_send(
            second.id,
            SendOutcome::Failed { permanent: false, unusable: true, message: "Cannot reach the mail server".into() },
        )
        .unwrap();
    assert_eq!((failed.state, failed.attempts), (M::Failed, 1));
    assert_eq!(failed.next_attempt, Some(at("2026-11-22T10:06:00Z")));
    assert!(p.claim_next(None).unwrap().is_none(), "not before its retry time");
    p.set_now(at("2026-11-22T10:07:00Z"));
    let (again, _) = p.claim_next(None).unwrap().unwrap();
    assert_eq!(again.id, second.id);
    let sent = p.finish_send(again.id, SendOutcome::Sent("250 2.0.0 Ok: queued as 42".into())).unwrap();
    assert_eq!((sent.state, sent.reply.as_deref()), (M::Sent, Some("250 2.0.0 Ok: queued as 42")));
    assert!(p.claim_next(None).unwrap().is_none());
    let err = p.discard_messages(&[sent.id], "").unwrap_err().to_string();
    assert!(err.contains("it was sent"), "{err}");

    // The person checked: the cut-off one went out.
    assert_eq!(p.mark_sent(first.id).unwrap().state, M::Sent);
    let sends = p.audit_log(None, 1000).unwrap().into_iter().filter(|e| e.action == "send").count();
    assert_eq!(sends, 7, "claimed, cut off, claimed, failed, claimed, sent, marked — each audited");
    drop(dir);
}

#[test]
fn an_overdue_stage_is_told_of_once_and_the_cab_gets_its_agenda() {
    let (_dir, _path, mut p) = plan();
    p.set_now(at("2026-11-22T10:00:00Z"));
    let overdue = p.status().unwrap().iter().filter(|(_, a)| a.overdue).count();
    assert!(overdue > 0, "the demo has overdue stages");
    let made = p.check_overdue().unwrap();
    assert_eq!(made.len(), overdue);
    assert!(p.check_overdue().unwrap().is_empty(), "told once");
    let m = p.message(made[0]).unwrap();
    assert_eq!(m.trigger, Trigger::Overdue);

    let from = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let agenda = p.cab_agenda(from, from + TimeDelta::days(13)).unwrap();
    assert_eq!(
        (agenda.trigger, agenda.activity.as_str(), agenda.release.as_deref()),
        (Trigger::CabAgenda, "cab", None)
    );
    assert!(agenda.recipients.iter().any(|r| r.email == CAB) || agenda.from.email == CAB, "{agenda:#?}");
    let err = p.cab_agenda(from, from - TimeDelta::days(1)).unwrap_err().to_string();
    assert!(err.contains("ends"), "{err}");
}

#[test]
fn templates_travel_in_the_portfolio_document_and_a_bad_one_is_named() {
    use runway_core::interchange::{parse, to_json};
    let (dir, _path, mut p) = plan();
    let mut t = p.templates().unwrap().into_iter().find(|t| t.template.trigger == Trigger::Downtime).unwrap().template;
    t.subject = "[Downtime] {release} {window}".into();
    t.auto_approve = true;
    p.set_template(t.clone()).unwrap();
    let doc = p.export().unwrap();
    assert_eq!(doc.templates, [t.clone()]);

    let other = dir.path().join("other.runway");
    let mut q = Planner::create(&other, "Other", crate::WHO, false).unwrap();
    q.import(&doc, "export.json").unwrap();
    let got = q.templates().unwrap().into_iter().find(|v| v.template.trigger == Trigger::Downtime).unwrap();
    assert_eq!((got.template, got.built_in), (t.clone(), false));

    let mut bad = doc.clone();
    bad.templates[0].body = "{release} {nope}".into();
    let text = to_json(&bad).unwrap();
    let mut fresh = Planner::create(&dir.path().join("third.runway"), "Third", crate::WHO, false).unwrap();
    let err = parse(&text, "bad.json").and_then(|d| fresh.import(&d, "bad.json")).unwrap_err().to_string();
    assert!(fresh.templates().unwrap().iter().all(|v| v.built_in), "nothing imported");
    assert!(err.contains("templates[0].body") && err.contains("{nope}"), "{err}");
}
