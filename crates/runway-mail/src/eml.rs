//! A [`Mail`] written as an RFC 5322 / MIME message by lettre's builder: the bytes saved as an
//! `.eml` and the bytes sent over SMTP are the same.
//!
//! Without an invitation the message is one `text/plain; charset=utf-8` part. With one it is the
//! shape mail programs recognise as an invitation:
//!
//! ```text
//! multipart/mixed
//! ├── multipart/alternative
//! │   ├── text/plain; charset=utf-8                  the body (quoted-printable)
//! │   └── text/calendar; charset=utf-8; method=…     the ics (base64)
//! └── application/ics; name=invite.ics               the ics again, as an attachment (base64)
//! ```
//!
//! The calendar parts are base64 because quoted-printable would re-wrap the ics's folded lines.
//! The same [`Mail`] always gives the same bytes (the part boundaries come from the message id).

use std::time::SystemTime;

use lettre::message::header::{ContentDisposition, ContentTransferEncoding, ContentType, MIME_VERSION_1_0};
use lettre::message::{Mailbox, Message, MultiPart, SinglePart};

use crate::{Address, Invitation, Mail, MailError};

/// The whole message, headers and body, with CRLF line ends: what a mail program opens as an
/// `.eml` file and what [`crate::Smtp::send`] sends.
pub fn eml(mail: &Mail) -> Result<Vec<u8>, MailError> {
    Ok(message(mail)?.formatted())
}

/// The message and its envelope (MAIL FROM the sender, RCPT TO every recipient).
pub(crate) fn message(mail: &Mail) -> Result<Message, MailError> {
    if mail.to.is_empty() {
        return Err(MailError::NoRecipients);
    }
    let from = mailbox(&mail.from)?;
    let to = mail.to.iter().map(mailbox).collect::<Result<Vec<_>, _>>()?;
    let envelope = lettre::address::Envelope::new(
        Some(from.email.clone()),
        to.iter().map(|mailbox| mailbox.email.clone()).collect(),
    )
    .map_err(|error| MailError::Build(error.to_string()))?;

    let mut builder = Message::builder().from(from);
    for mailbox in to {
        builder = builder.to(mailbox);
    }
    let builder = builder
        .subject(one_line(&mail.subject))
        .date(date(mail)?)
        .message_id(Some(format!("<{}>", message_id(&mail.message_id)?)))
        .envelope(envelope);
    // A lone text part is written as the message's own body (`body`, not `singlepart`, which
    // would add an empty line at its end).
    let built = match &mail.invite {
        None => builder
            .header(MIME_VERSION_1_0)
            .header(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::QuotedPrintable)
            .body(mail.body.clone()),
        Some(invite) => builder.multipart(invitation(&mail.body, invite, &mail.message_id)?),
    };
    built.map_err(|error| MailError::Build(error.to_string()))
}

/// The plain text body: quoted-printable keeps any UTF-8 text intact and stays readable.
fn text(body: &str) -> SinglePart {
    SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .header(ContentTransferEncoding::QuotedPrintable)
        .body(body.to_owned())
}

fn invitation(body: &str, invite: &Invitation, message_id: &str) -> Result<MultiPart, MailError> {
    let method = method(&invite.method)?;
    let calendar = content_type(&format!("text/calendar; charset=utf-8; method={method}"))?;
    let calendar =
        SinglePart::builder().header(calendar).header(ContentTransferEncoding::Base64).body(invite.ics.clone());
    let attachment = SinglePart::builder()
        .header(content_type("application/ics; name=invite.ics")?)
        .header(ContentDisposition::attachment("invite.ics"))
        .header(ContentTransferEncoding::Base64)
        .body(invite.ics.clone());
    Ok(MultiPart::mixed()
        .boundary(boundary("mixed", message_id))
        .multipart(
            MultiPart::alternative()
                .boundary(boundary("alternative", message_id))
                .singlepart(text(body))
                .singlepart(calendar),
        )
        .singlepart(attachment))
}

/// A part boundary that is the same each time the message is written (lettre's are random), so
/// the same mail gives the same bytes. It starts with `=_`, which quoted-printable and base64
/// text never contain, and names the message so that a quoted message keeps its own.
fn boundary(kind: &str, message_id: &str) -> String {
    // FNV-1a, 64 bits: short and stable across Rust versions.
    let hash = message_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("=_runway_{kind}_{hash:016x}")
}

fn content_type(text: &str) -> Result<ContentType, MailError> {
    ContentType::parse(text).map_err(|error| MailError::Build(format!("{text}: {error}")))
}

/// The iTIP methods of RFC 5546, upper case.
const METHODS: [&str; 8] = ["PUBLISH", "REQUEST", "REPLY", "ADD", "CANCEL", "REFRESH", "COUNTER", "DECLINECOUNTER"];

fn method(method: &str) -> Result<&'static str, MailError> {
    let wanted = method.trim();
    METHODS
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| MailError::Method(method.to_owned()))
}

/// `"Name" <email>`, the name on one line; an empty name gives the bare address.
fn mailbox(address: &Address) -> Result<Mailbox, MailError> {
    let email = address.email.trim().parse().map_err(|error: lettre::address::AddressError| MailError::Address {
        email: address.email.clone(),
        reason: error.to_string(),
    })?;
    let name = one_line(&address.name).trim().to_owned();
    Ok(Mailbox::new((!name.is_empty()).then_some(name), email))
}

/// The text with every line break and other control character (and the Unicode line and
/// paragraph separators) replaced by a space, so it cannot start a header of its own.
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c }).collect()
}

/// The id as the Message-ID header needs it between its angle brackets: `left@right`, printable
/// ASCII, no spaces and no brackets.
fn message_id(id: &str) -> Result<&str, MailError> {
    let fits = id.chars().all(|c| c.is_ascii_graphic() && c != '<' && c != '>')
        && id.split_once('@').is_some_and(|(left, right)| !left.is_empty() && !right.is_empty());
    if fits { Ok(id) } else { Err(MailError::MessageId(id.to_owned())) }
}

/// The Date header counts seconds from 1970 and has four digits for the year.
fn date(mail: &Mail) -> Result<SystemTime, MailError> {
    const YEAR_10000: i64 = 253_402_300_800;
    if (0..YEAR_10000).contains(&mail.date.timestamp()) {
        Ok(SystemTime::from(mail.date))
    } else {
        Err(MailError::Date(mail.date))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_replaces_every_control_character() {
        assert_eq!(one_line("a\r\nb\tc\u{0}d\u{85}e\u{2028}f"), "a  b c d e f");
        assert_eq!(one_line("Déploiement — ok"), "Déploiement — ok");
    }

    #[test]
    fn message_ids_are_left_at_right() {
        assert!(message_id("runway.3f2a.12@example.com").is_ok());
        for bad in ["", "no-at", "@right", "left@", "a b@c", "<a@b>", "a@b\r\nX: y", "é@b"] {
            assert_eq!(message_id(bad), Err(MailError::MessageId(bad.to_owned())), "{bad:?}");
        }
    }

    #[test]
    fn methods_are_the_itip_ones() {
        assert_eq!(method("request"), Ok("REQUEST"));
        assert_eq!(method(" CANCEL "), Ok("CANCEL"));
        assert!(method("REQUEST\r\nX: y").is_err());
        assert!(method("").is_err());
    }
}
