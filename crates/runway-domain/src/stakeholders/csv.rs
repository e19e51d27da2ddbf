//! The people's CSV: read from a spreadsheet or a mail client's contacts export (Outlook's "First
//! Name", "Last Name", "E-mail Address"; Google's "Name", "E-mail 1 - Value"; or a plain "name,
//! e-mail[, organisation]" with or without a header), all or nothing, every bad row named by its
//! line; and written back as `name,email,organisation` (RFC 4180, UTF-8 with a byte-order mark).

use std::collections::HashMap;

use crate::input::{EMAIL_MAX_LEN, NAME_MAX_LEN};
use crate::model::Person;

/// Which column holds what.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    first: Option<usize>,
    last: Option<usize>,
    email: Option<usize>,
    organisation: Option<usize>,
}

fn columns(header: &csv::StringRecord) -> Option<Columns> {
    let mut c = Columns::default();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        let is_mail = h.contains("e-mail") || h.contains("email") || h == "mail";
        if is_mail {
            // The address, not "E-mail Type" or "E-mail Display Name".
            if c.email.is_none() && !h.contains("type") && !h.contains("display") {
                c.email = Some(i);
            }
        } else if matches!(h.as_str(), "name" | "full name" | "display name") {
            c.name.get_or_insert(i);
        } else if h == "first name" || h == "given name" {
            c.first.get_or_insert(i);
        } else if h == "last name" || h == "family name" || h == "surname" {
            c.last.get_or_insert(i);
        } else if matches!(h.as_str(), "organisation" | "organization" | "company" | "organization 1 - name") {
            c.organisation.get_or_insert(i);
        }
    }
    c.email.map(|_| c)
}

/// Whether `email` looks like an address: one `@` with text on both sides, no spaces or angle
/// brackets, a dot in the domain part.
pub fn is_address(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= EMAIL_MAX_LEN
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'))
}

/// Reads people from CSV text. All or nothing: every problem, named by line, or every person.
/// A contacts file's bytes as text, however the mail client wrote it: the encoding its byte-order
/// mark names (Google writes UTF-16LE with one), else UTF-8, else Windows-1252 (Outlook's on
/// Western Windows), which maps every byte to a character, so nothing is refused for its encoding.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

pub fn read_people(text: &str) -> Result<Vec<Person>, Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut errors = vec![];
    let mut people: Vec<Person> = vec![];
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut cols: Option<Columns> = None;
    let mut first = true;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(format!("line {line}: not CSV ({e})"));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if first {
            first = false;
            if let Some(c) = columns(&record) {
                cols = Some(c);
                continue;
            }
            // No header: name, e-mail[, organisation].
            cols = Some(Columns { name: Some(0), email: Some(1), organisation: Some(2), ..Columns::default() });
        }
        let c = cols.as_ref().expect("set on the first row");
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim).unwrap_or_default().to_owned();
        let email = cell(c.email);
        let mut name = cell(c.name);
        if name.is_empty() {
            name = format!("{} {}", cell(c.first), cell(c.last)).trim().to_owned();
        }
        let organisation = cell(c.organisation);
        let before = errors.len();
        if email.is_empty() {
            errors.push(format!("line {line}: the e-mail address is empty"));
        } else if !is_address(&email) {
            errors.push(format!("line {line}: {email:?} is not an e-mail address"));
        } else if let Some(l) = first_line.get(&email.to_lowercase()) {
            errors.push(format!("line {line}: {email} is on line {l} already"));
        }
        if name.is_empty() {
            errors.push(format!("line {line}: the name is empty"));
        } else if name.chars().count() > NAME_MAX_LEN || organisation.chars().count() > NAME_MAX_LEN {
            errors.push(format!("line {line}: a name or organisation is at most {NAME_MAX_LEN} characters"));
        } else if name.chars().chain(organisation.chars()).any(char::is_control) {
            errors.push(format!("line {line}: a control character in the name or organisation"));
        }
        if errors.len() == before {
            first_line.insert(email.to_lowercase(), line);
            people.push(Person::new(email, name, organisation));
        }
    }
    if people.is_empty() && errors.is_empty() {
        errors.push("the file holds no people (a row of name and e-mail address)".into());
    }
    if errors.is_empty() { Ok(people) } else { Err(errors) }
}

/// Writes people as CSV: a header `name,email,organisation`, one row each, CRLF, UTF-8 with a
/// byte-order mark (so that a spreadsheet reads the names right).
pub fn write_people(people: &[Person]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    let mut rows = vec![["name", "email", "organisation"].map(str::to_owned)];
    // Names and organisations are the user's text: a spreadsheet must show them, not run them.
    let safe = |t: &str| crate::interchange::csv::safe(t).into_owned();
    rows.extend(people.iter().map(|p| [safe(&p.name), safe(&p.email), safe(&p.organisation)]));
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}
