//! The calendar invitation a downtime carries (iTIP, RFC 5546): a `REQUEST` when a production
//! deployment window is scheduled or moved, a `CANCEL` when it is removed or the release cancelled.
//! The UID is the calendar export's for the release's window, the same in every message, and the
//! caller raises `SEQUENCE` on each reschedule, so calendar programs update the meeting in place.
//! Never `PUBLISH` (Outlook then adds a copy instead of updating). Times are UTC, so no
//! `VTIMEZONE` is needed; lines are written by the export's writer (TEXT escaped, folded at 75
//! octets, CRLF).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Change, Recipient};
use crate::calendar::ical::write::{self, Lines};
use crate::calendar::ical::{PRODID, deploy_uid};

labelled_enum!(
    /// The iTIP method of an invitation.
    Method {
        Request => "REQUEST", "Request";
        Cancel => "CANCEL", "Cancel";
    }
);

/// One invitation: one event, its organizer and attendees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invite {
    pub uid: String,
    /// How many times the window was rescheduled (0 for the first request); a cancellation is one
    /// more than the last request's (RFC 5546 3.2.5: cancelling raises the sequence).
    pub sequence: u32,
    pub method: Method,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    /// (e-mail, name): the release manager.
    pub organizer: (String, String),
    pub attendees: Vec<Recipient>,
}

/// The UID of a release's deployment window in every invitation: the calendar export's
/// (`deploy-REL-1@<plan uid>`), so an imported export and the invitations are one event.
pub fn invite_uid(plan_uid: &str, release_key: &str) -> String {
    deploy_uid(release_key, plan_uid)
}

impl Invite {
    /// The invitation a change carries, if it carries one and has a window: summary `Deploy
    /// REL-1: title` (as the calendar export names it), `description` (the message's body, say).
    pub fn for_change(
        change: &Change,
        plan_uid: &str,
        sequence: u32,
        description: &str,
        organizer: (String, String),
        attendees: Vec<Recipient>,
    ) -> Option<Invite> {
        let method = change.invite?;
        let key = change.release.as_deref()?;
        let (start, end) = change.window?;
        Some(Invite {
            uid: invite_uid(plan_uid, key),
            sequence,
            method,
            start,
            end,
            summary: format!("Deploy {key}: {}", change.fact("title").unwrap_or_default()),
            description: description.to_owned(),
            organizer,
            attendees,
        })
    }
}

/// An address for `mailto:`, with anything that could end the line or the value removed.
fn mailto(email: &str) -> String {
    let e: String = email.trim().chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect();
    format!("mailto:{e}")
}

/// The invitation as an iCalendar object (RFC 5545 + 5546): `METHOD` and its event, `DTSTAMP`
/// the `dtstamp` passed in. A request asks each attendee to answer (`RSVP=TRUE`); a cancellation
/// does not, and its event is `STATUS:CANCELLED`. Deterministic: the same input gives the same
/// bytes.
pub fn invite_ics(invite: &Invite, dtstamp: DateTime<Utc>) -> String {
    let mut lines = Lines::new();
    lines.begin("VCALENDAR");
    lines.text("PRODID", PRODID);
    lines.raw("VERSION", &[], "2.0");
    lines.raw("CALSCALE", &[], "GREGORIAN");
    lines.raw("METHOD", &[], invite.method.as_str());
    lines.begin("VEVENT");
    lines.text("UID", &invite.uid);
    lines.raw("SEQUENCE", &[], &invite.sequence.to_string());
    lines.raw("DTSTAMP", &[], &write::utc(dtstamp));
    lines.raw("DTSTART", &[], &write::utc(invite.start));
    lines.raw("DTEND", &[], &write::utc(invite.end));
    lines.text("SUMMARY", &invite.summary);
    if !invite.description.is_empty() {
        lines.text("DESCRIPTION", &invite.description);
    }
    let (email, name) = &invite.organizer;
    lines.raw("ORGANIZER", &[("CN", name)], &mailto(email));
    for a in &invite.attendees {
        let mut params = vec![("CN", a.name.as_str()), ("ROLE", a.role.as_str()), ("PARTSTAT", "NEEDS-ACTION")];
        if invite.method == Method::Request {
            params.push(("RSVP", "TRUE"));
        }
        lines.raw("ATTENDEE", &params, &mailto(&a.email));
    }
    match invite.method {
        Method::Request => lines.raw("STATUS", &[], "CONFIRMED"),
        Method::Cancel => lines.raw("STATUS", &[], "CANCELLED"),
    }
    lines.raw("TRANSP", &[], "OPAQUE");
    lines.end("VEVENT");
    lines.end("VCALENDAR");
    lines.finish()
}
