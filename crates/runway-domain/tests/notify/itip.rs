//! The iTIP invitation: exact lines, folding, read back by the `icalendar` crate's parser and, when
//! the repository's `.venv` is there (`make setup`), by Python's `icalendar`.

use super::*;
use runway_domain::notify::{Invite, invite_ics, invite_uid};

fn unfold(text: &str) -> Vec<String> {
    text.trim_end_matches("\r\n").replace("\r\n ", "").split("\r\n").map(str::to_owned).collect()
}

/// REL-1's window with the small plan's deployment audience, rescheduled twice.
fn invite(method: Method) -> Invite {
    let p = plan();
    let m = matrix_template();
    let holders = Holders::new(&m, &p.people, &p.assignments);
    let attendees = audience(&holders, Some(&rel1()), "deploy", &[]);
    Invite {
        uid: invite_uid("3f2a9c1e.runway", "REL-1"),
        sequence: 2,
        method,
        start: at("2027-01-12 22:00"),
        end: at("2027-01-13 02:00"),
        summary: "Deploy REL-1: Payments 4.2 — SEPA Instant".into(),
        description: "Moved, by one week; the back-out plan stands.\nSee you there.".into(),
        organizer: (ZOE.into(), "Zoë Ångström".into()),
        attendees,
    }
}

#[test]
fn a_request_is_one_event_with_its_organizer_attendees_and_the_export_s_uid() {
    assert_eq!(
        invite_uid("3f2a9c1e.runway", "REL-1"),
        runway_domain::calendar::ical::deploy_uid("REL-1", "3f2a9c1e.runway")
    );
    let text = invite_ics(&invite(Method::Request), at("2026-11-22 14:05"));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF only");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let attendee = |name: &str, role: &str, email: &str| {
        format!("ATTENDEE;CN={name};ROLE={role};PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}")
    };
    let want = [
        "BEGIN:VCALENDAR".to_owned(),
        "PRODID:-//Runway//Runway release planner//EN".into(),
        "VERSION:2.0".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:REQUEST".into(),
        "BEGIN:VEVENT".into(),
        "UID:deploy-REL-1@3f2a9c1e.runway".into(),
        "SEQUENCE:2".into(),
        "DTSTAMP:20261122T140500Z".into(),
        "DTSTART:20270112T220000Z".into(),
        "DTEND:20270113T020000Z".into(),
        "SUMMARY:Deploy REL-1: Payments 4.2 — SEPA Instant".into(),
        "DESCRIPTION:Moved\\, by one week\\; the back-out plan stands.\\nSee you there.".into(),
        "ORGANIZER;CN=Zoë Ångström:mailto:zoe@example.com".into(),
        attendee("Zoë Ångström", "CHAIR", ZOE),
        attendee("Chen Wei", "REQ-PARTICIPANT", "chen.wei@example.com"),
        attendee("Hannah Becker", "NON-PARTICIPANT", "hannah@example.com"),
        attendee("Jonas Lindqvist", "NON-PARTICIPANT", "jonas@example.com"),
        attendee("Robert King", "NON-PARTICIPANT", "robert.king@example.com"),
        attendee("Дмитрий Иванов", "NON-PARTICIPANT", "dmitry@example.com"),
        "STATUS:CONFIRMED".into(),
        "TRANSP:OPAQUE".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    assert_eq!(unfold(&text), want);
    assert!(!text.contains("PUBLISH"));

    // The icalendar crate's parser reads it back.
    let plain = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&plain).unwrap();
    let method = cal.properties.iter().find(|p| p.name.as_str() == "METHOD").unwrap();
    assert_eq!(method.val.as_str(), "REQUEST");
    assert_eq!(cal.components.len(), 1);
    let ev = &cal.components[0];
    assert_eq!(ev.name.as_str(), "VEVENT");
    assert_eq!(ev.find_prop("UID").unwrap().val.as_str(), "deploy-REL-1@3f2a9c1e.runway");
    assert_eq!(ev.find_prop("SEQUENCE").unwrap().val.as_str(), "2");
    assert_eq!(
        ev.find_prop("DESCRIPTION").unwrap().val.as_str(),
        "Moved, by one week; the back-out plan stands.\nSee you there."
    );
    let organizer = ev.find_prop("ORGANIZER").unwrap();
    assert_eq!(organizer.val.as_str(), "mailto:zoe@example.com");
    let param = |p: &icalendar::parser::Property<'_>, key: &str| {
        p.params.iter().find(|x| x.key.as_str() == key).and_then(|x| x.val.as_ref()).map(|v| v.as_str().to_owned())
    };
    assert_eq!(param(organizer, "CN").as_deref(), Some("Zoë Ångström"));
    let roles: Vec<(String, String)> = ev
        .properties
        .iter()
        .filter(|p| p.name.as_str() == "ATTENDEE")
        .map(|p| (p.val.as_str().to_owned(), param(p, "ROLE").unwrap()))
        .collect();
    assert_eq!(roles.len(), 6);
    assert_eq!(roles[0], ("mailto:zoe@example.com".to_owned(), "CHAIR".to_owned()));
    assert_eq!(roles[1], ("mailto:chen.wei@example.com".to_owned(), "REQ-PARTICIPANT".to_owned()));

    // The same input gives the same bytes.
    assert_eq!(invite_ics(&invite(Method::Request), at("2026-11-22 14:05")), text);
}

#[test]
fn a_cancellation_keeps_the_uid_asks_no_answer_and_is_cancelled() {
    let text = invite_ics(&invite(Method::Cancel), at("2026-11-23 08:00"));
    let lines = unfold(&text);
    assert!(lines.contains(&"METHOD:CANCEL".to_owned()));
    assert!(lines.contains(&"STATUS:CANCELLED".to_owned()));
    assert!(lines.contains(&"UID:deploy-REL-1@3f2a9c1e.runway".to_owned()));
    assert!(!text.contains("RSVP"), "a cancellation asks for no answer");
    assert!(lines.contains(
        &"ATTENDEE;CN=Chen Wei;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:chen.wei@example.com".to_owned()
    ));
}

#[test]
fn long_or_hostile_text_is_escaped_folded_and_cannot_add_a_line() {
    let mut inv = invite(Method::Request);
    inv.summary = "Deploy REL-1: ".to_owned() + &"Überweisung; 東京, ".repeat(12);
    inv.organizer = ("zoe@example.com\r\nATTENDEE:mailto:evil@example.com".into(), "Zoë \"Z\" Ångström: RM".into());
    inv.attendees[1].name = "Wei, Chen; Ops".into();
    let text = invite_ics(&inv, at("2026-11-22 14:05"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let lines = unfold(&text);
    assert!(
        lines.contains(
            &"ORGANIZER;CN=\"Zoë Z Ångström: RM\":mailto:zoe@example.comATTENDEE:mailto:evil@example.com".to_owned()
        ),
        "{lines:#?}"
    );
    assert_eq!(lines.iter().filter(|l| l.starts_with("ATTENDEE")).count(), 6, "no attendee smuggled in");
    assert!(lines.iter().any(|l| l.starts_with("ATTENDEE;CN=\"Wei, Chen; Ops\";ROLE=REQ-PARTICIPANT")));
    let plain = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&plain).unwrap().components.remove(0);
    let summary = cal.find_prop("SUMMARY").unwrap().val.as_str().to_owned();
    assert_eq!(summary, inv.summary);
}

/// What Python's `icalendar` reads: METHOD, UID, SEQUENCE, ORGANIZER, each ATTENDEE's ROLE and
/// RSVP, STATUS, DTSTART and DTEND in UTC.
const PY: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
ev = [c for c in cal.walk() if c.name == "VEVENT"]
assert len(ev) == 1
ev = ev[0]
atts = ev.get("ATTENDEE")
atts = atts if isinstance(atts, list) else [atts]
print(json.dumps({
    "method": str(cal["METHOD"]),
    "uid": str(ev["UID"]),
    "sequence": int(ev["SEQUENCE"]),
    "status": str(ev["STATUS"]),
    "organizer": [str(ev["ORGANIZER"]), str(ev["ORGANIZER"].params["CN"])],
    "attendees": [[str(a), str(a.params["ROLE"]), str(a.params.get("RSVP", ""))] for a in atts],
    "start": ev.decoded("DTSTART").isoformat(),
    "end": ev.decoded("DTEND").isoformat(),
    "summary": str(ev["SUMMARY"]),
}, ensure_ascii=False))
"#;

fn python(ics: &str) -> Option<serde_json::Value> {
    use std::io::Write;
    let py = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    if !py.exists() {
        eprintln!("skipped: no {} (make setup makes it)", py.display());
        return None;
    }
    let mut child = std::process::Command::new(py)
        .args(["-c", PY])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(ics.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn python_s_icalendar_reads_a_request_and_its_cancellation() {
    let Some(req) = python(&invite_ics(&invite(Method::Request), at("2026-11-22 14:05"))) else { return };
    assert_eq!(req["method"], "REQUEST");
    assert_eq!(req["uid"], "deploy-REL-1@3f2a9c1e.runway");
    assert_eq!(req["sequence"], 2);
    assert_eq!(req["status"], "CONFIRMED");
    assert_eq!(req["organizer"], serde_json::json!(["mailto:zoe@example.com", "Zoë Ångström"]));
    assert_eq!(req["start"], "2027-01-12T22:00:00+00:00");
    assert_eq!(req["end"], "2027-01-13T02:00:00+00:00");
    assert_eq!(req["summary"], "Deploy REL-1: Payments 4.2 — SEPA Instant");
    let roles: Vec<(String, String)> = req["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a[1].as_str().unwrap().to_owned(), a[2].as_str().unwrap().to_owned()))
        .collect();
    let want = ["CHAIR", "REQ-PARTICIPANT", "NON-PARTICIPANT", "NON-PARTICIPANT", "NON-PARTICIPANT", "NON-PARTICIPANT"];
    assert_eq!(roles, want.map(|r| (r.to_owned(), "TRUE".to_owned())));

    // Rescheduled: the same UID, a higher SEQUENCE; then cancelled.
    let mut later = invite(Method::Request);
    later.sequence = 3;
    later.start = at("2027-01-19 22:00");
    later.end = at("2027-01-20 02:00");
    let moved = python(&invite_ics(&later, at("2026-11-23 08:00"))).unwrap();
    assert_eq!((moved["uid"].clone(), moved["sequence"].clone()), (req["uid"].clone(), serde_json::json!(3)));
    later.method = Method::Cancel;
    let cancel = python(&invite_ics(&later, at("2026-11-24 08:00"))).unwrap();
    assert_eq!((cancel["method"].as_str(), cancel["status"].as_str()), (Some("CANCEL"), Some("CANCELLED")));
    assert_eq!(cancel["uid"], req["uid"]);
    assert!(cancel["attendees"].as_array().unwrap().iter().all(|a| a[2] == ""), "no RSVP");
}
