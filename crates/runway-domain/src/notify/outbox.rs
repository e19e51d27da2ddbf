//! The outbox's messages and their states: what may happen to a message in which state, how a
//! new message replaces an older one still waiting for approval, and when a failed send is tried
//! again. Pure: the store keeps the messages, the core moves them, the mail crate sends them.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Method, Recipient, Trigger};

labelled_enum!(
    /// Where a message is in the outbox.
    MessageState {
        Pending => "pending", "Pending approval";
        Approved => "approved", "Approved";
        Sending => "sending", "Sending";
        Sent => "sent", "Sent";
        Failed => "failed", "Failed";
        Discarded => "discarded", "Discarded";
        Check => "check", "Check whether it went out";
    }
);

impl MessageState {
    /// Whether a person may still edit, approve or discard it: a message that went out, or may
    /// have (sending, sent), is history.
    pub fn open(self) -> bool {
        matches!(self, MessageState::Pending | MessageState::Approved | MessageState::Failed | MessageState::Check)
    }
}

/// Who a message is from: the release's manager (the invitation's ORGANIZER), else the person who
/// made the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Sender {
    pub email: String,
    pub name: String,
}

/// The invitation a message carries, as it will go out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MessageInvite {
    pub uid: String,
    pub sequence: u32,
    pub method: Method,
    /// The whole iCalendar object (CRLF lines, folded).
    pub ics: String,
}

/// One message of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Message {
    #[ts(type = "number")]
    pub id: i64,
    pub trigger: Trigger,
    /// The release it is about; none for a CAB agenda.
    pub release: Option<String>,
    /// The matrix activity whose people it tells.
    pub activity: String,
    pub state: MessageState,
    pub subject: String,
    pub body: String,
    pub recipients: Vec<Recipient>,
    pub from: Sender,
    pub invite: Option<MessageInvite>,
    /// The Message-ID header, without angle brackets: the same in every export and in the send.
    pub message_id: String,
    /// The change's facts, each placeholder's value (`before`, `after`…).
    pub facts: Vec<(String, String)>,
    pub made_at: DateTime<Utc>,
    pub made_by: String,
    /// Whether a person changed the subject or the body the template made.
    pub edited: bool,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    /// Sends tried and failed.
    pub attempts: u32,
    /// When a failed send is tried again; none when it is not (a refusal a person must fix).
    pub next_attempt: Option<DateTime<Utc>>,
    /// Why the last send failed, or why it was discarded.
    pub error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// The server's answer to the message (`250 2.0.0 Ok: queued as …`).
    pub reply: Option<String>,
}

impl Message {
    pub fn fact(&self, name: &str) -> Option<&str> {
        self.facts.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The recipients' addresses as `Name <email>`, for a preview.
    pub fn to_line(&self) -> String {
        self.recipients.iter().map(|r| format!("{} <{}>", r.name, r.email)).collect::<Vec<_>>().join(", ")
    }

    /// What a person may not do to it now, in a sentence; none when `action` is allowed.
    pub fn refuse(&self, action: Act) -> Option<String> {
        use MessageState as S;
        let allowed = match action {
            Act::Edit | Act::Approve => matches!(self.state, S::Pending | S::Failed | S::Check),
            Act::Discard => self.state.open(),
            Act::MarkSent => self.state == S::Check,
        };
        (!allowed).then(|| {
            let what = match action {
                Act::Edit => "edited",
                Act::Approve => "approved",
                Act::Discard => "discarded",
                Act::MarkSent => "marked as sent",
            };
            let why = match self.state {
                S::Sent => "it was sent".to_owned(),
                S::Sending => "it is being sent".to_owned(),
                S::Discarded => "it was discarded".to_owned(),
                S::Approved => "it is approved and waiting to be sent; discard it to stop it".to_owned(),
                s => format!("it is {}", s.label().to_lowercase()),
            };
            format!("Message {} cannot be {what}: {why}.", self.id)
        })
    }
}

/// What a person does to a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Edit,
    Approve,
    Discard,
    /// A message whose send was cut off (the app died): the person checked, and it went out.
    MarkSent,
}

/// What makes two messages about the same thing: a newer one replaces an older one still
/// pending (`release`, trigger, and for a moved date what moved).
pub fn topic(change: &Change) -> Option<String> {
    let key = change.release.as_deref()?;
    Some(match change.trigger {
        Trigger::DateMoved | Trigger::Downtime => {
            format!("{key}|{}|{}", change.trigger.as_str(), change.fact("what").unwrap_or_default())
        }
        Trigger::StatusChanged | Trigger::Cancelled => format!("{key}|status"),
        Trigger::GateDecision | Trigger::Overdue | Trigger::CabAgenda => return None,
    })
}

/// `change` made while an older message on the same [`topic`] still waits for approval: the new
/// one tells the whole story, from the older one's `before` (the state the stakeholders last
/// heard of) to the new `after`. None when the two cancel out (a date moved and moved back, an
/// edit undone): then neither message is needed.
pub fn merge(older: &Message, mut change: Change) -> Option<Change> {
    if let Some(before) = older.fact("before") {
        let after = change.fact("after");
        if after == Some(before) && change.trigger != Trigger::Cancelled {
            return None;
        }
        for (name, value) in &mut change.facts {
            if name == "before" {
                before.clone_into(value);
            }
        }
    }
    Some(change)
}

/// When a send that failed for the `attempts`th time (1 for the first) is tried again: after 1,
/// 2, 4… minutes, at most an hour apart; never when the server refused the message for good (a
/// person must fix the address and approve it again).
pub fn next_attempt(now: DateTime<Utc>, attempts: u32, permanent: bool) -> Option<DateTime<Utc>> {
    if permanent {
        return None;
    }
    let minutes = 1i64 << attempts.saturating_sub(1).min(6);
    Some(now + TimeDelta::minutes(minutes.min(60)))
}

/// Whether a message is due to be sent at `now`: approved, or failed and its retry time come.
pub fn due(m: &Message, now: DateTime<Utc>) -> bool {
    match m.state {
        MessageState::Approved => true,
        MessageState::Failed => m.next_attempt.is_some_and(|t| t <= now),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn retries_back_off_to_an_hour_and_a_refusal_is_not_retried() {
        let now = at("2027-01-10T10:00:00Z");
        let mins = |n| (next_attempt(now, n, false).unwrap() - now).num_minutes();
        assert_eq!([mins(1), mins(2), mins(3), mins(4), mins(7), mins(30)], [1, 2, 4, 8, 60, 60]);
        assert_eq!(next_attempt(now, 1, true), None);
    }
}
