//! Writing content lines (RFC 5545 3.1): `NAME;PARAM=value:value`, TEXT values escaped (3.3.11),
//! lines folded at 75 octets on UTF-8 boundaries, CRLF after every line.
//!
//! The export writes its lines here rather than through the `icalendar` crate's builder: version
//! 0.17 adds a `DTSTAMP` read from the clock and a random `UID` to every component it writes that
//! lacks them, `VTIMEZONE`, `STANDARD` and `DAYLIGHT` included (which makes an invalid time zone,
//! and an impure domain), and it folds a line whose last piece is 75 octets into a 76-octet one.
//! The import reads with the crate's parser (see `import.rs`), and the tests read every export
//! back through it.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The most octets on one line, without its CRLF (RFC 5545 3.1).
pub const MAX_OCTETS: usize = 75;

/// A TEXT value escaped: backslash, semicolon, comma and newline (a CRLF or a lone CR counts as
/// one newline).
pub fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted when it holds a colon, semicolon or comma (3.2). A double quote
/// cannot be written in a parameter at all; it is dropped.
fn param_value(value: &str) -> String {
    let value: String = value.chars().filter(|&c| c != '"' && !c.is_control()).collect();
    if value.contains([':', ';', ',']) { format!("\"{value}\"") } else { value }
}

/// One content line folded: no piece longer than [`MAX_OCTETS`] octets counting the space that
/// starts each continuation, no piece cut inside a UTF-8 sequence; every piece ends with CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut limit = MAX_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // A continuation line starts with the space: one octet fewer for the text.
        limit = MAX_OCTETS - 1;
    }
}

/// The lines of a calendar being written.
#[derive(Debug, Default)]
pub struct Lines {
    out: String,
}

impl Lines {
    pub fn new() -> Self {
        Lines::default()
    }

    pub fn begin(&mut self, component: &str) {
        fold(&format!("BEGIN:{component}"), &mut self.out);
    }

    pub fn end(&mut self, component: &str) {
        fold(&format!("END:{component}"), &mut self.out);
    }

    /// A property whose value is written as it is (a date, a rule, a number, a UID made of safe
    /// characters).
    pub fn raw(&mut self, name: &str, params: &[(&str, &str)], value: &str) {
        let mut line = String::from(name);
        for (key, val) in params {
            line.push(';');
            line.push_str(key);
            line.push('=');
            line.push_str(&param_value(val));
        }
        line.push(':');
        line.push_str(value);
        fold(&line, &mut self.out);
    }

    /// A property whose value is TEXT, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &[], &escape_text(value));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `20270302T220000`: a local (floating or TZID) DATE-TIME.
pub fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `20270302T220000Z`: a UTC DATE-TIME.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `20270302`: a DATE.
pub fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A UTC offset in seconds as `+0100`, `-0500` or, with seconds, `-001915` (3.3.14).
pub fn offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 { format!("{sign}{h:02}{m:02}") } else { format!("{sign}{h:02}{m:02}{sec:02}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold(line, &mut out);
        out
    }

    #[test]
    fn text_is_escaped_and_a_crlf_is_one_newline() {
        assert_eq!(escape_text("a\\b;c,d\r\ne\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
        assert_eq!(escape_text("Nürnberg: ok"), "Nürnberg: ok");
    }

    #[test]
    fn every_folded_piece_is_at_most_75_octets_and_unfolds_to_the_line() {
        for n in [74, 75, 76, 149, 150, 151, 300] {
            for filler in ["a", "é", "日", "😀"] {
                let line = format!("SUMMARY:{}", filler.repeat(n));
                let out = folded(&line);
                assert!(out.ends_with("\r\n"));
                for piece in out.trim_end_matches("\r\n").split("\r\n") {
                    assert!(piece.len() <= MAX_OCTETS, "{n} × {filler}: {} octets", piece.len());
                }
                assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), line);
            }
        }
    }

    #[test]
    fn a_short_line_is_left_alone_and_parameters_are_quoted_when_they_must_be() {
        assert_eq!(folded("VERSION:2.0"), "VERSION:2.0\r\n");
        let mut lines = Lines::new();
        lines.raw("DTSTART", &[("TZID", "Europe/London")], "20270302T220000");
        lines.raw("X-A", &[("CN", "Doe, \"Jo\"")], "b");
        assert_eq!(lines.finish(), "DTSTART;TZID=Europe/London:20270302T220000\r\nX-A;CN=\"Doe, Jo\":b\r\n");
    }

    #[test]
    fn offsets_have_seconds_only_when_they_need_them() {
        assert_eq!(offset(3600), "+0100");
        assert_eq!(offset(-5 * 3600), "-0500");
        assert_eq!(offset(0), "+0000");
        assert_eq!(offset(-(75 + 60)), "-000215");
        assert_eq!(offset(5 * 3600 + 45 * 60), "+0545");
    }
}
