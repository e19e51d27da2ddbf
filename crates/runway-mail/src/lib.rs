//! E-mail for the notifications: a notice becomes a [`Mail`], written as an RFC 5322 / MIME
//! message by [`eml`] (with a calendar invitation that Outlook, Thunderbird and Google Calendar
//! offer to accept when it carries an [`Invitation`]) and sent to the team's mail server by
//! [`Smtp`]. The SMTP password lives in the desktop's keyring ([`secret`]), never in a file.
//!
//! This crate knows nothing of plans: the core decides who is told what and hands over finished
//! text. It is the only Runway crate that talks to the network.

mod eml;
pub mod secret;
mod smtp;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use eml::eml;
pub use smtp::Smtp;

/// A person as a message names them: `"Ana Lima" <ana@example.com>`. An empty name writes the
/// bare address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub name: String,
    pub email: String,
}

/// A calendar invitation sent with a message, so that the recipient's mail program offers to put
/// the event in their calendar (or take it out again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The iTIP method (RFC 5546): "REQUEST" to invite or update, "CANCEL" to call off. It must
    /// match the METHOD inside `ics`.
    pub method: String,
    /// A complete VCALENDAR: CRLF line ends, long lines already folded. Sent as it is (base64),
    /// so the folding arrives intact.
    pub ics: String,
}

/// One message, as the core wrote it. Subject and names are one line each: a line break or other
/// control character in them becomes a space, so nothing a user typed can add a header.
#[derive(Debug, Clone, PartialEq)]
pub struct Mail {
    pub from: Address,
    /// Every recipient: all are named in the To header and all get the message.
    pub to: Vec<Address>,
    pub subject: String,
    /// Plain text, UTF-8. Line ends are sent as CRLF, as RFC 5322 requires.
    pub body: String,
    /// Without the angle brackets, e.g. `runway.3f2a.12@example.com`. The same id on a second
    /// send lets the recipients' mail programs see it is the same message.
    pub message_id: String,
    /// Written in the Date header (to the second, in UTC).
    pub date: DateTime<Utc>,
    pub invite: Option<Invitation>,
}

/// Why a [`Mail`] cannot be written as a message. Sending it again will not help: the mail itself
/// has to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("“{email}” is not an e-mail address ({reason})")]
    Address { email: String, reason: String },
    #[error("The message has no recipient")]
    NoRecipients,
    #[error("“{0}” is not a message id: it must look like left@right, in ASCII without spaces or <>")]
    MessageId(String),
    #[error("“{0}” is not a calendar method: use REQUEST or CANCEL")]
    Method(String),
    #[error("The date {0} cannot be written in a message: it must fall between 1970 and 9999")]
    Date(DateTime<Utc>),
    #[error("The message cannot be written: {0}")]
    Build(String),
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain text: only for a relay on the same machine or a test server.
    None,
    /// Plain connection upgraded with STARTTLS before anything is sent (usually port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// Where and how to send: the team's mail server. Saved with the user's settings, except the
/// password, which is kept in the keyring ([`secret`]) and filled in before [`Smtp::connect`].
/// Its `Debug` shows whether a password is set, never the password.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// The login, when the server wants one.
    pub user: Option<String>,
    #[serde(skip)]
    pub password: Option<String>,
    /// How long to wait for the server to connect or answer; 0 means the default, 30 seconds.
    pub timeout_secs: u64,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings {
            host: String::new(),
            port: 587,
            security: Security::StartTls,
            user: None,
            password: None,
            timeout_secs: 30,
        }
    }
}

/// Why a message was not sent, in a sentence for the user that includes what the server said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// True when sending the same message again will fail the same way: the server answered 5xx
    /// (a refused recipient, sender or login), or the message cannot be written at all (see
    /// [`MailError`]). False for what may pass later: the server cannot be reached, did not answer
    /// in time, the TLS handshake failed, or it answered 4xx.
    pub permanent: bool,
    /// True when the server could not be used at all (not reached, no answer, TLS or protocol
    /// failure): every other message would fail the same way, so a run of sends stops and leaves
    /// them queued. False when the server answered about this message.
    pub unusable: bool,
    pub message: String,
}

impl From<MailError> for SendError {
    fn from(error: MailError) -> Self {
        SendError { permanent: true, unusable: false, message: error.to_string() }
    }
}
