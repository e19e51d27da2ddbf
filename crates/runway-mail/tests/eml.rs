//! The messages `eml` writes, read back by an independent reader: Python's standard `email`
//! package (`python3` on the PATH), the same parser many mail tools use.

mod common;

use std::process::Command;

use chrono::{TimeZone, Utc};
use runway_mail::{Invitation, Mail, MailError, eml};
use serde_json::{Value, json};

/// What Python's `email` package sees in the message: the decoded headers, and every part with
/// its type, parameters, transfer encoding, file name and decoded content.
const READER: &str = r#"
import email, email.policy, json, sys
with open(sys.argv[1], "rb") as f:
    msg = email.message_from_bytes(f.read(), policy=email.policy.default)
def mailboxes(name):
    header = msg[name]
    return [[a.display_name, a.addr_spec] for a in header.addresses] if header else None
def part(p):
    out = {"type": p.get_content_type(), "params": dict(p["content-type"].params) if p["content-type"] else {},
           "encoding": p["content-transfer-encoding"], "filename": p.get_filename(),
           "disposition": p.get_content_disposition()}
    if p.is_multipart():
        out["parts"] = [part(q) for q in p.iter_parts()]
    else:
        content = p.get_content()
        out["content"] = (content if isinstance(content, str) else content.decode("utf-8")).replace("\r\n", "\n")
    return out
print(json.dumps({
    "subject": msg["subject"], "from": mailboxes("from"), "to": mailboxes("to"), "bcc": msg["bcc"],
    "message_id": msg["message-id"], "date": msg["date"].datetime.isoformat(),
    "mime_version": msg["mime-version"], "defects": [str(d) for p in msg.walk() for d in p.defects],
    "keys": msg.keys(), "body": part(msg)}))
"#;

fn python_reads(bytes: &[u8]) -> Value {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let output = Command::new("python3")
        .args(["-c", READER])
        .arg(file.path())
        .output()
        .expect("python3 runs (Python 3 is needed to read the messages back)");
    assert!(output.status.success(), "python3: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The header section, up to the first empty line.
fn head(bytes: &[u8]) -> &str {
    let text = std::str::from_utf8(bytes).expect("the message is ASCII, hence UTF-8");
    &text[..text.find("\r\n\r\n").expect("headers end with an empty line")]
}

fn text_of(body: &str) -> String {
    body.replace("\r\n", "\n")
}

#[test]
fn a_notice_reads_back_with_its_headers_decoded_and_its_body_intact() {
    let mail = common::notice();
    let bytes = eml(&mail).unwrap();
    assert!(bytes.is_ascii(), "every byte is ASCII: names and subject are RFC 2047 encoded words");
    assert!(head(&bytes).contains("=?utf-8?"), "{}", head(&bytes));
    assert!(!bytes.windows(2).enumerate().any(|(i, w)| w[1] == b'\n' && (w[0] != b'\r' || i == 0)), "CRLF lines only");

    let read = python_reads(&bytes);
    assert_eq!(read["defects"], json!([]));
    assert_eq!(read["subject"], json!(mail.subject));
    assert_eq!(read["from"], json!([["Runway — Équipe Release", "runway@example.com"]]));
    assert_eq!(read["to"], json!([["Zoë Müller", "zoe@example.com"], ["", "ops@example.org"]]));
    assert_eq!(read["message_id"], json!("<runway.3f2a.12@example.com>"));
    assert_eq!(read["date"], json!("2026-03-01T09:30:05+00:00"));
    assert_eq!(read["mime_version"], json!("1.0"));
    let body = &read["body"];
    assert_eq!(body["type"], json!("text/plain"));
    assert_eq!(body["params"]["charset"], json!("utf-8"));
    assert_eq!(body["content"], json!(text_of(&mail.body)));
}

#[test]
fn an_invitation_is_mixed_alternative_with_base64_calendar_parts() {
    let mail = common::invitation();
    let bytes = eml(&mail).unwrap();
    assert!(bytes.is_ascii());
    let read = python_reads(&bytes);
    assert_eq!(read["defects"], json!([]));
    assert_eq!(read["subject"], json!(mail.subject));

    let mixed = &read["body"];
    assert_eq!(mixed["type"], json!("multipart/mixed"));
    let [alternative, attachment] = mixed["parts"].as_array().unwrap().as_slice() else { panic!("{mixed:#}") };
    assert_eq!(alternative["type"], json!("multipart/alternative"));
    let [text, calendar] = alternative["parts"].as_array().unwrap().as_slice() else { panic!("{alternative:#}") };

    assert_eq!(text["type"], json!("text/plain"));
    assert_eq!(text["content"], json!(text_of(&mail.body)));

    assert_eq!(calendar["type"], json!("text/calendar"));
    assert_eq!(calendar["params"], json!({"charset": "utf-8", "method": "REQUEST"}));
    assert_eq!(calendar["encoding"], json!("base64"));
    assert_eq!(calendar["content"], json!(text_of(common::ICS)), "the folded line arrives folded");

    assert_eq!(attachment["type"], json!("application/ics"));
    assert_eq!(attachment["disposition"], json!("attachment"));
    assert_eq!(attachment["filename"], json!("invite.ics"));
    assert_eq!(attachment["encoding"], json!("base64"));
    assert_eq!(attachment["content"], json!(text_of(common::ICS)));
}

#[test]
fn the_same_mail_gives_the_same_bytes() {
    let mail = common::invitation();
    assert_eq!(eml(&mail).unwrap(), eml(&mail).unwrap());
    let other = Mail { message_id: "runway.3f2a.13@example.com".to_owned(), ..mail.clone() };
    let boundary =
        |bytes: Vec<u8>| String::from_utf8(bytes).unwrap().lines().find(|l| l.starts_with("--")).map(str::to_owned);
    assert_ne!(boundary(eml(&mail).unwrap()), boundary(eml(&other).unwrap()), "each message has its own boundaries");
}

#[test]
fn a_cancellation_says_method_cancel() {
    let ics = common::ICS.replace("METHOD:REQUEST", "METHOD:CANCEL");
    let mail = Mail { invite: Some(Invitation { method: "CANCEL".to_owned(), ics }), ..common::notice() };
    let read = python_reads(&eml(&mail).unwrap());
    assert_eq!(read["body"]["parts"][0]["parts"][1]["params"]["method"], json!("CANCEL"));
}

#[test]
fn a_line_break_in_a_subject_or_a_name_adds_no_header() {
    let mut mail = common::notice();
    mail.subject = "Hi\r\nBcc: evil@example.com".to_owned();
    mail.from.name = "Mallory\nBcc: evil2@example.com".to_owned();
    mail.to[1].name = "Ops\r\n\r\nbody starts here".to_owned();
    let bytes = eml(&mail).unwrap();
    let head = head(&bytes);
    assert!(!head.to_ascii_lowercase().contains("\nbcc:"), "{head}");
    assert!(!head.contains("\r\n\r\n"), "{head}");

    let read = python_reads(&bytes);
    assert_eq!(read["bcc"], Value::Null);
    assert_eq!(read["subject"], json!("Hi  Bcc: evil@example.com"));
    assert_eq!(read["from"], json!([["Mallory Bcc: evil2@example.com", "runway@example.com"]]));
    assert_eq!(read["to"][1], json!(["Ops    body starts here", "ops@example.org"]));
    assert_eq!(read["body"]["content"], json!(text_of(&mail.body)));
    let mut keys: Vec<String> = serde_json::from_value(read["keys"].clone()).unwrap();
    keys.sort();
    let expected =
        ["Content-Transfer-Encoding", "Content-Type", "Date", "From", "MIME-Version", "Message-ID", "Subject", "To"];
    assert_eq!(keys, expected, "the headers lettre writes, and no other");
}

#[test]
fn a_mail_that_cannot_be_written_says_why() {
    let notice = common::notice();
    let no_one = Mail { to: vec![], ..notice.clone() };
    assert_eq!(eml(&no_one), Err(MailError::NoRecipients));

    let mut bad_address = notice.clone();
    bad_address.to[0].email = "zoe at example.com".to_owned();
    assert!(matches!(eml(&bad_address), Err(MailError::Address { email, .. }) if email == "zoe at example.com"));

    let mut injected_address = notice.clone();
    injected_address.to[0].email = "zoe@example.com\r\nBcc: evil@example.com".to_owned();
    assert!(matches!(eml(&injected_address), Err(MailError::Address { .. })));

    let bad_id = Mail { message_id: "<runway.1@example.com>".to_owned(), ..notice.clone() };
    assert_eq!(eml(&bad_id), Err(MailError::MessageId("<runway.1@example.com>".to_owned())));

    let bad_method =
        Mail { invite: Some(Invitation { method: "MAYBE".to_owned(), ics: String::new() }), ..notice.clone() };
    assert_eq!(eml(&bad_method), Err(MailError::Method("MAYBE".to_owned())));

    let long_ago = Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap();
    assert_eq!(eml(&Mail { date: long_ago, ..notice }), Err(MailError::Date(long_ago)));

    let message = MailError::Address { email: "x".to_owned(), reason: "missing @".to_owned() }.to_string();
    assert_eq!(message, "“x” is not an e-mail address (missing @)");
}
