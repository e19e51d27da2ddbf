//! The people's CSV read from contact exports that mail programs really wrote, kept as fixtures in
//! `tests/fixtures/contacts/` (their sources and licences in its README): every row with an
//! address becomes a person, and a copy with one address broken is refused whole, its line named.

use runway_domain::stakeholders::{decode, read_people};

const GOOGLE: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/contacts/google-roundcube.csv"));
const GOOGLE_UTF16: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/contacts/google-roundcube-utf16le.csv"));
const THUNDERBIRD: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/contacts/thunderbird-roundcube.csv"));
const THUNDERBIRD_EXPORT: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/contacts/thunderbird-export.csv"));

/// (name, e-mail, organisation) of each person read.
fn people(text: &str) -> Vec<(String, String, String)> {
    match read_people(text) {
        Ok(people) => people.into_iter().map(|p| (p.name, p.email, p.organisation)).collect(),
        Err(errors) => panic!("refused: {errors:?}"),
    }
}

fn row(name: &str, email: &str, organisation: &str) -> (String, String, String) {
    (name.into(), email.into(), organisation.into())
}

/// The text with `address` (once, as a whole cell) replaced by `not-an-address`.
fn broken(text: &str, address: &str) -> String {
    assert_eq!(text.matches(address).count(), 1, "{address} once in the fixture");
    text.replace(address, "not-an-address")
}

#[test]
fn google_contacts_export() {
    // Google's own layout: "Name", "E-mail 1 - Type" ("* Home") before "E-mail 1 - Value", the
    // organisation in "Organization 1 - Name"; quoted notes with "" and multi-line addresses.
    let text = GOOGLE;
    assert_eq!(people(text), [row("Prefix Firstname Middle Lastname Suffix", "home@aaa.pl", "company")]);

    let errors = read_people(&broken(text, "home@aaa.pl")).unwrap_err();
    assert_eq!(errors, ["line 2: \"not-an-address\" is not an e-mail address"]);
}

#[test]
fn google_contacts_export_as_google_wrote_it_in_utf16() {
    // Google wrote its CSV as UTF-16LE with a byte-order mark; `decode` (what the app and the CLI
    // read a file with) follows the mark, and the file reads like its UTF-8 copy.
    let bytes = GOOGLE_UTF16;
    assert_eq!(&bytes[..2], [0xff, 0xfe], "UTF-16LE byte-order mark");
    let text = &decode(bytes);
    assert_eq!(text.trim_start_matches('\u{feff}'), text.as_str(), "the mark is not part of the text");
    assert_eq!(people(text), [row("Prefix Firstname Middle Lastname Suffix", "home@aaa.pl", "company")]);

    let errors = read_people(&broken(text, "home@aaa.pl")).unwrap_err();
    assert_eq!(errors, ["line 2: \"not-an-address\" is not an e-mail address"]);
}

#[test]
fn thunderbird_export() {
    // Thunderbird's layout: "Display Name" is the name, "Primary Email" the address,
    // "Organization" the organisation; the header and rows end with a comma (an empty column).
    let text = THUNDERBIRD;
    assert_eq!(people(text), [row("Displayname", "test@domain.tld", "Organization")]);

    let errors = read_people(&broken(text, "test@domain.tld")).unwrap_err();
    assert_eq!(errors, ["line 2: \"not-an-address\" is not an e-mail address"]);
}

#[test]
fn thunderbird_own_export_test_file() {
    // Thunderbird's exporter test file: its addresses are at the bare `invalid` top-level domain,
    // which Runway refuses (a domain needs a dot), so the file is refused with both lines named.
    // The second row has a quoted field over two lines, a tab, a comma and `""` inside quotes;
    // the lines are still counted from where each row begins.
    let text = THUNDERBIRD_EXPORT;
    assert_eq!(
        read_people(text).unwrap_err(),
        [
            "line 2: \"contact1@invalid\" is not an e-mail address",
            "line 3: \"contact2@invalid\" is not an e-mail address",
        ]
    );
    // With deliverable-looking addresses the same rows read, the multi-line field and all.
    let fixed = text.replace("@invalid,", "@example.invalid,");
    assert_eq!(
        people(&fixed),
        [
            row("contact number one", "contact1@example.invalid", ""),
            row("contact number two", "contact2@example.invalid", ""),
        ]
    );
    let errors = read_people(&broken(&fixed, "contact2@example.invalid")).unwrap_err();
    assert_eq!(errors, ["line 3: \"not-an-address\" is not an e-mail address"]);
}

#[test]
fn a_file_in_windows_1252_is_read_as_outlook_wrote_it() {
    // Older Outlook writes its CSV in the system's ANSI code page: "Zoë" and "Müller" as single
    // bytes, not valid UTF-8. UTF-8 with or without its mark reads as itself.
    let bytes = b"Name,E-mail Address\r\nZo\xeb M\xfcller,zoe.muller@example.com\r\n";
    assert_eq!(people(&decode(bytes)), [row("Zoë Müller", "zoe.muller@example.com", "")]);
    let utf8 = "Name,E-mail Address\r\nZoë Müller,zoe.muller@example.com\r\n";
    assert_eq!(decode(utf8.as_bytes()), utf8);
    assert_eq!(decode(&[b"\xef\xbb\xbf".as_slice(), utf8.as_bytes()].concat()), utf8);
}
