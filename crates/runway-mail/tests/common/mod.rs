//! What the tests share: a notice with names and a subject beyond ASCII, and an invitation.

use chrono::{TimeZone, Utc};
use runway_mail::{Address, Invitation, Mail};

pub fn address(name: &str, email: &str) -> Address {
    Address { name: name.to_owned(), email: email.to_owned() }
}

/// A body with what trips up mail: non-ASCII text, a line that is only a dot, a line starting with
/// "From ", trailing spaces, a long line, and an emoji.
pub const BODY: &str = "Bonjour Zoë,\n\nLa mise en production de « Paie 4.2 » est prévue le 3 mars.\n.\nFrom the team: \
     ok  \n\nΑυτό είναι ένα τεστ. 日本語のテキスト. 🚀\n";

pub fn notice() -> Mail {
    Mail {
        from: address("Runway — Équipe Release", "runway@example.com"),
        to: vec![address("Zoë Müller", "zoe@example.com"), address("", "ops@example.org")],
        subject: "Déploiement approuvé : « Paie 4.2 » ✅".to_owned(),
        body: format!("{BODY}{}\n", "long line ".repeat(120)),
        message_id: "runway.3f2a.12@example.com".to_owned(),
        date: Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 5).unwrap(),
        invite: None,
    }
}

/// A folded VCALENDAR: the DESCRIPTION runs over two lines, the second starting with a space.
pub const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Runway//Runway//EN\r\nMETHOD:REQUEST\r\n\
     BEGIN:VEVENT\r\nUID:release-42@runway.example\r\nDTSTAMP:20260301T093005Z\r\n\
     DTSTART:20260303T200000Z\r\nDTEND:20260303T220000Z\r\nSUMMARY:Déploiement Paie 4.2\r\n\
     DESCRIPTION:Fenêtre de déploiement de la version 4.2 de l'application Paie\r\n  (production).\r\n\
     ORGANIZER;CN=Runway:mailto:runway@example.com\r\n\
     ATTENDEE;CN=Zoë Müller;RSVP=TRUE:mailto:zoe@example.com\r\nSEQUENCE:0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

pub fn invitation() -> Mail {
    Mail { invite: Some(Invitation { method: "REQUEST".to_owned(), ics: ICS.to_owned() }), ..notice() }
}
