//! Real SMTP round trips: each test starts `tests/smtp_server.py` (Python's aiosmtpd) on a free
//! port of 127.0.0.1 and sends to it, then reads what the server saved.
//!
//! The Python is `$RUNWAY_PYTHON`, else the workspace's `.venv/bin/python`; without aiosmtpd the
//! tests fail and say to run `make deps-test`.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use runway_mail::{Security, Smtp, SmtpSettings, eml};
use serde_json::{Value, json};

const SERVER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_server.py");

fn python() -> PathBuf {
    let python = std::env::var_os("RUNWAY_PYTHON")
        .map_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../.venv/bin/python")), PathBuf::from);
    let found = Command::new(&python).args(["-c", "import aiosmtpd"]).output();
    match found {
        Ok(output) if output.status.success() => python,
        Ok(output) => panic!(
            "{} cannot import aiosmtpd, the test SMTP server: run `make deps-test` (or set RUNWAY_PYTHON to a Python \
             that has it)\n{}",
            python.display(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!(
            "{} does not run ({error}): run `make deps-test` to create the .venv with aiosmtpd (or set RUNWAY_PYTHON)",
            python.display()
        ),
    }
}

/// The test server, stopped when dropped (and by itself if this process dies: it stops when its
/// stdin closes).
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(python())
            .arg(SERVER)
            .args(["--port", "0", "--stop-on-eof", "--dir"])
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).expect("the SMTP server says `ready PORT` within 30 s");
        let port = line.trim().strip_prefix("ready ").and_then(|port| port.parse().ok());
        let port = port.unwrap_or_else(|| panic!("the SMTP server said {line:?}, not `ready PORT`"));
        Server { child, port, dir }
    }

    fn smtp(&self) -> Smtp {
        Smtp::connect(&settings(self.port)).unwrap()
    }

    /// The names of the files the server saved, sorted.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        security: Security::None,
        user: None,
        password: None,
        timeout_secs: 10,
    }
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn a_message_arrives_once_with_its_envelope_and_its_bytes() {
    let server = Server::start();
    let mail = common::invitation();
    let reply = server.smtp().send(&mail).unwrap();
    assert_eq!(reply, "250 2.0.0 Ok: queued as 1");

    assert_eq!(server.files(), ["1.eml", "1.json"]);
    let envelope = read_json(&server.path("1.json"));
    assert_eq!(
        envelope,
        json!({"mail_from": "runway@example.com", "rcpt_tos": ["zoe@example.com", "ops@example.org"]})
    );
    // The server adds no header; lettre ends the data with CRLF before the final dot.
    let received = std::fs::read(server.path("1.eml")).unwrap();
    let sent = eml(&mail).unwrap();
    assert_eq!(String::from_utf8_lossy(&received), String::from_utf8_lossy(&[sent.as_slice(), b"\r\n"].concat()));
}

#[test]
fn each_send_is_one_message() {
    let server = Server::start();
    let smtp = server.smtp();
    let mail = common::notice();
    assert_eq!(smtp.send(&mail).unwrap(), "250 2.0.0 Ok: queued as 1");
    assert_eq!(smtp.send(&mail).unwrap(), "250 2.0.0 Ok: queued as 2");
    assert_eq!(server.files(), ["1.eml", "1.json", "2.eml", "2.json"]);
}

#[test]
fn a_refused_recipient_is_a_permanent_error_that_names_it() {
    let server = Server::start();
    let mut mail = common::notice();
    mail.to.push(common::address("Nobody", "refuse.me@example.com"));
    let error = server.smtp().send(&mail).unwrap_err();
    assert!(error.permanent && !error.unusable, "{error:?}");
    assert_eq!(
        error.to_string(),
        "The server refused the message: 550 5.1.1 <refuse.me@example.com>: Recipient address rejected"
    );
    assert_eq!(server.files(), Vec::<String>::new(), "nothing is delivered when a recipient is refused");
}

#[test]
fn a_recipient_refused_for_now_is_a_transient_error() {
    let server = Server::start();
    let mut mail = common::notice();
    mail.to.push(common::address("", "busy@example.com"));
    let error = server.smtp().send(&mail).unwrap_err();
    assert!(!error.permanent && !error.unusable, "the server answered about this message: {error:?}");
    assert_eq!(
        error.message,
        "The server cannot take the message now, try again later: 451 4.3.0 <busy@example.com>: Try again later"
    );
}

#[test]
fn starttls_is_required_when_the_settings_say_so() {
    let server = Server::start();
    let settings = SmtpSettings { security: Security::StartTls, ..settings(server.port) };
    let error = Smtp::connect(&settings).unwrap().send(&common::notice()).unwrap_err();
    assert!(!error.permanent && error.unusable, "{error:?}");
    let expected = format!(
        "Cannot send through the mail server 127.0.0.1:{}: STARTTLS is not supported on this server",
        server.port
    );
    assert_eq!(error.message, expected);
    assert_eq!(server.files(), Vec::<String>::new(), "nothing is sent in clear text");
}

#[test]
fn settings_never_show_the_password() {
    let settings = SmtpSettings { password: Some("hunter2".to_owned()), ..settings(25) };
    assert!(!format!("{settings:?}").contains("hunter2"));
}

#[test]
fn no_server_is_a_transient_error_that_says_it_cannot_reach_it() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error = Smtp::connect(&settings(port)).unwrap().send(&common::notice()).unwrap_err();
    assert!(!error.permanent && error.unusable, "every other message would fail the same way: {error:?}");
    assert_eq!(error.message, format!("Cannot reach the mail server 127.0.0.1:{port}: connection refused"));
}

#[test]
fn a_mail_that_cannot_be_written_is_a_permanent_error() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mail = runway_mail::Mail { to: vec![], ..common::notice() };
    let error = Smtp::connect(&settings(port)).unwrap().send(&mail).unwrap_err();
    assert!(error.permanent);
    assert_eq!(error.message, "The message has no recipient");
}

#[test]
fn settings_without_a_server_say_so() {
    let error = Smtp::connect(&SmtpSettings::default()).unwrap_err();
    assert!(!error.permanent);
    assert_eq!(error.message, "No mail server is set: enter the SMTP server's name in the settings");
}

#[test]
fn settings_are_saved_without_the_password() {
    let settings = SmtpSettings {
        host: "smtp.example.com".to_owned(),
        port: 465,
        security: Security::Tls,
        user: Some("ana".to_owned()),
        password: Some("hunter2".to_owned()),
        timeout_secs: 20,
    };
    let saved = serde_json::to_value(&settings).unwrap();
    assert_eq!(
        saved,
        json!({"host": "smtp.example.com", "port": 465, "security": "tls", "user": "ana", "timeout_secs": 20})
    );
    let read: SmtpSettings = serde_json::from_value(saved).unwrap();
    assert_eq!(read, SmtpSettings { password: None, ..settings });

    let defaults: SmtpSettings = serde_json::from_value(json!({"host": "mail.example.org"})).unwrap();
    assert_eq!((defaults.port, defaults.security, defaults.timeout_secs), (587, Security::StartTls, 30));
    assert_eq!(serde_json::to_value(Security::StartTls).unwrap(), json!("start_tls"));
    assert_eq!(serde_json::to_value(Security::None).unwrap(), json!("none"));
}
