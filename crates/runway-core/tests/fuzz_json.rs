//! The JSON portfolio document's import is all or nothing and never panics (issue 18, item 4):
//! `interchange::parse`, then the check an import makes before it writes, fed
//! `RUNWAY_FUZZ_CASES` (256 unless set; `make fuzz` sets more) inputs made from the demo's
//! export by mutations (runway-domain's `tests/fuzz/mutate.rs`, shared with the other importers'
//! harness) and arbitrary bytes. Each case must be read or refused with a message, within 2 s.

#[path = "../../runway-domain/tests/fuzz/mutate.rs"]
mod mutate;

use chrono::NaiveDate;
use mutate::{Seed, fuzz};
use runway_core::domain::Portfolio;
use runway_core::domain::demo::demo;
use runway_core::interchange::{check, parse, to_json};

fn seeds() -> Vec<Seed> {
    let day = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
    let full = demo(2027, 12, day);
    // A small document too, so that splices and repeats reach its end and its nesting quickly.
    let mut small = Portfolio::new("small");
    small.releases = full.releases[..1].to_vec();
    small.people = full.people.clone();
    small.applications = full.applications.clone();
    small.environments = full.environments.clone();
    small.rfcs = full.rfcs.clone();
    small.cis = full.cis.clone();
    vec![
        Seed::new("demo-12.json", to_json(&full).unwrap()),
        Seed::new("demo-compact.json", serde_json::to_string(&full).unwrap()),
        Seed::new("one-release.json", to_json(&small).unwrap()),
    ]
}

const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"]",
    b":",
    b"null",
    b"true",
    b"-0",
    b"1e999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"\"\\ud800\"",
    b"\"\\u0000\"",
    b"\"2027-02-30\"",
    b"\"+262143-12-31T23:59:59Z\"",
    b"\"schema_version\": 999,",
    b"\"releases\": [],",
    b"\"releases\": [{}],",
    b"\"a\": 1, \"a\": 2,",
];

#[test]
fn json_document() {
    fuzz("json document", &seeds(), TOKENS, |b| {
        let text = String::from_utf8_lossy(b);
        let doc = parse(&text, "fuzz.json").map_err(|e| vec![e.to_string()])?;
        check(&doc, &Default::default(), "fuzz.json").map_err(|e| vec![e.to_string()])
    });
}

/// The seeds are read and pass the check: mutations start from a document the import takes.
#[test]
fn the_seeds_are_imported() {
    for s in seeds() {
        let doc = parse(std::str::from_utf8(&s.bytes).unwrap(), &s.name).unwrap();
        check(&doc, &Default::default(), &s.name).unwrap_or_else(|e| panic!("{}: {e}", s.name));
    }
}
