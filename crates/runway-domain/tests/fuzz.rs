//! Every importer of the domain is all or nothing and never panics (issue 18, item 4): the
//! spreadsheet CSV (releases, milestones, RFCs), the people's CSV, MS Project XML and the `.ics`
//! windows, each fed `RUNWAY_FUZZ_CASES` (256 unless set; `make fuzz` sets more) inputs made from
//! real files by mutations (`fuzz/mutate.rs`: truncations, flipped, inserted and deleted bytes,
//! duplicated slices, two seeds spliced, spans replaced by deep nesting or huge numbers and
//! strings) and arbitrary bytes. Each case must be read or refused with messages, within 2 s.
//! runway-core's `tests/fuzz_json.rs` does the same for the JSON document.

#[path = "fuzz/mutate.rs"]
mod mutate;

use std::sync::LazyLock;

use chrono::NaiveDate;
use mutate::{Seed, fuzz};
use runway_domain::ReleaseStatus;
use runway_domain::calendar::{PlanZone, WindowKind, ical};
use runway_domain::interchange::csv::{self, Table};
use runway_domain::interchange::read::{self, Read};
use runway_domain::mspdi;
use runway_domain::portfolio::{Known, Portfolio, check};
use runway_domain::stakeholders::{decode, read_people};

macro_rules! fixture {
    ($dir:literal, $name:literal) => {
        Seed::new(
            $name,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/", $dir, "/", $name)),
        )
    };
}

/// The text importers take: what a file's bytes become when read as UTF-8 (the callers refuse
/// other bytes, or decode them, first).
fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

fn demo() -> Portfolio {
    runway_domain::demo::demo(2027, 12, NaiveDate::from_ymd_opt(2027, 3, 15).unwrap())
}

/// The demo's tables as Runway's export writes them: the seeds of the spreadsheet importers. Its
/// releases are made Draft or Planned, as a release comes in, so that the seed is read.
fn sheets() -> Vec<Seed> {
    let mut doc = demo();
    for (i, r) in doc.releases.iter_mut().enumerate() {
        r.status = if i % 2 == 0 { ReleaseStatus::Draft } else { ReleaseStatus::Planned };
    }
    [Table::Releases, Table::Milestones, Table::Rfcs]
        .into_iter()
        .map(|t| Seed::new(format!("demo-{}.csv", t.as_str()), csv::write(&doc, t, false)))
        .collect()
}

const CSV_TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",,,,",
    b"\r",
    b"'=1+1",
    b"2027-02-30",
    b"2027-13-01T25:61",
    b"+275760-09-13",
    b"-262144-01-01T00:00",
    b"\xef\xbb\xbfkey",
    b"window_start,window_end",
    b"release,kind",
    b"Draft",
    b"Cancelled",
    b"99999999999999999999",
];

/// The rows' releases or RFCs as a document, checked as runway-core checks a spreadsheet import
/// before it writes, against a plan holding the demo's reference data and RFCs: that must not
/// panic either.
fn checked(doc: &Portfolio) -> Result<(), Vec<String>> {
    static KNOWN: LazyLock<Known> = LazyLock::new(|| {
        let plan = demo();
        Known {
            applications: plan.applications.iter().map(|a| a.code.clone()).collect(),
            environments: plan.environments.iter().map(|e| e.name.clone()).collect(),
            people: plan.people.iter().map(|p| p.email.clone()).collect(),
            cis: plan.cis.iter().map(|c| c.name.clone()).collect(),
            rfcs: plan.rfcs.iter().map(|r| r.key.clone()).collect(),
            ..Known::default()
        }
    });
    // The releases' RFCs are in the plan; the RFCs read are new to it.
    let problems = if doc.rfcs.is_empty() {
        check(doc, &KNOWN)
    } else {
        check(doc, &Known { rfcs: Default::default(), ..KNOWN.clone() })
    };
    if problems.is_empty() { Ok(()) } else { Err(problems.into_iter().map(|d| d.message).collect()) }
}

#[test]
fn spreadsheet_releases() {
    fuzz("csv releases", &sheets(), CSV_TOKENS, |b| {
        let Read { rows, .. } = read::read_releases(&text(b))?;
        let mut doc = Portfolio::new("fuzz");
        doc.releases = rows;
        checked(&doc)
    });
}

#[test]
fn spreadsheet_milestones() {
    fuzz("csv milestones", &sheets(), CSV_TOKENS, |b| read::read_milestones(&text(b)).map(drop));
}

#[test]
fn spreadsheet_rfcs() {
    fuzz("csv rfcs", &sheets(), CSV_TOKENS, |b| {
        let Read { rows, .. } = read::read_rfcs(&text(b))?;
        let mut doc = Portfolio::new("fuzz");
        doc.rfcs = rows;
        checked(&doc)
    });
}

#[test]
fn people() {
    let seeds = [
        fixture!("contacts", "google-roundcube.csv"),
        fixture!("contacts", "google-roundcube-utf16le.csv"),
        fixture!("contacts", "thunderbird-export.csv"),
        fixture!("contacts", "thunderbird-roundcube.csv"),
    ];
    let tokens: &[&[u8]] = &[
        b"\"",
        b",",
        b"\r\n",
        b"@",
        b"a@b.example",
        b"E-mail Address",
        b"First Name,Last Name",
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x00",
        b"\x85",
    ];
    fuzz("people csv", &seeds, tokens, |b| read_people(&decode(b)).map(drop));
}

#[test]
fn ms_project_xml() {
    let seeds = [
        fixture!("mspdi", "task-links-project2019-mspdi.xml"),
        fixture!("mspdi", "sample.xml"),
        fixture!("mspdi", "baselines.xml"),
        fixture!("mspdi", "mspdiassignmentfields.xml"),
        fixture!("mspdi", "ganttproject-holidays.xml"),
    ];
    let tokens: &[&[u8]] = &[
        b"<",
        b">",
        b"</",
        b"/>",
        b"&amp;",
        b"&#0;",
        b"&#x10FFFF;",
        b"&undefined;",
        b"<![CDATA[",
        b"]]>",
        b"<!DOCTYPE x [<!ENTITY a \"aa\">]>",
        b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        b"<Task><UID>1</UID></Task>",
        b"<PredecessorLink><PredecessorUID>99</PredecessorUID><Type>9</Type></PredecessorLink>",
        b"<LinkLag>-9223372036854775808</LinkLag>",
        b"<LagFormat>53</LagFormat>",
        b"<OutlineLevel>4294967296</OutlineLevel>",
        b"9999-12-31T23:59:59",
        b"0000-00-00T00:00:00",
        b"xmlns=\"http://schemas.microsoft.com/project\"",
        b"\xff\xfe<\x00",
    ];
    // A file that reads is also converted (both ways) and checked as the import checks it.
    fuzz("ms project xml", &seeds, tokens, |b| {
        let p = mspdi::read(b).map_err(|e| e.problems.into_iter().map(|p| p.message).collect::<Vec<_>>())?;
        let now = "2027-01-04T10:00:00Z".parse().expect("a time");
        for grouping in [mspdi::import::Grouping::SummaryTasks, mspdi::import::Grouping::OneRelease] {
            let o = mspdi::import::Options { grouping, kind: runway_domain::ReleaseKind::Minor, key: "F-1".into() };
            let c = mspdi::import::convert(&p, &o, now);
            let mut doc = runway_domain::Portfolio::new("fuzz");
            doc.releases = c.releases;
            let _ = runway_domain::portfolio::check(&doc, &runway_domain::portfolio::Known::default());
            let _ = runway_domain::schedule::check_all(&doc.releases, &c.dependencies);
        }
        Ok(())
    });
}

#[test]
fn ics_windows() {
    let seeds = [
        fixture!("ics", "apple-us-holidays.ics"),
        fixture!("ics", "exchange-all-day-moved.ics"),
        fixture!("ics", "exchange-pacific-standard-time.ics"),
        fixture!("ics", "google-bad-rrule.ics"),
        fixture!("ics", "google-kiev-override.ics"),
        fixture!("ics", "nextcloud-thunderbird-weekly-exdate.ics"),
        fixture!("ics", "outlook-2007-tab-folds.ics"),
        fixture!("ics", "thunderbird-cancelled-occurrence.ics"),
        fixture!("ics", "thunderbird-moved-occurrences.ics"),
    ];
    let tokens: &[&[u8]] = &[
        b"\r\n ",
        b"\r\n\t",
        b":",
        b";",
        b"=",
        b"BEGIN:VEVENT\r\n",
        b"END:VEVENT\r\n",
        b"BEGIN:VCALENDAR\r\n",
        b"END:VCALENDAR\r\n",
        b"BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n",
        b"RRULE:FREQ=SECONDLY;INTERVAL=1\r\n",
        b"RRULE:FREQ=YEARLY;BYDAY=-53MO;BYSETPOS=-366\r\n",
        b"RRULE:FREQ=DAILY;COUNT=4294967295\r\n",
        b";UNTIL=99991231T235959Z",
        b"DTSTART;TZID=Mars/Olympus:20270101T000000\r\n",
        b"DTSTART;VALUE=DATE:99991231\r\n",
        b"DTEND:00010101T000000Z\r\n",
        b"RDATE;VALUE=PERIOD:20270101T000000Z/PT1H\r\n",
        b"EXDATE:20270101T000000Z,",
        b"RECURRENCE-ID;RANGE=THISANDFUTURE:20270101T000000Z\r\n",
        b"DURATION:P99999W\r\n",
        b"STATUS:CANCELLED\r\n",
        b"\\n",
        b"\\,",
    ];
    let zones = [PlanZone::parse("UTC").unwrap(), PlanZone::parse("Europe/Berlin").unwrap()];
    fuzz("ics windows", &seeds, tokens, |b| {
        // Two zones: the plan's zone changes what an occurrence in a gap or a fold becomes.
        let zone = zones[b.len() % 2];
        ical::import(&text(b), zone, WindowKind::Freeze, "fuzz.ics").map(drop).map_err(|e| vec![e])
    });
}

/// The seeds themselves are read: a mutation starts from a file the importer takes.
#[test]
fn the_seeds_are_read() {
    for s in sheets() {
        let t = text(&s.bytes);
        let mut doc = Portfolio::new("seed");
        let read = match s.name.as_str() {
            "demo-releases.csv" => read::read_releases(&t).map(|r| doc.releases = r.rows),
            "demo-milestones.csv" => read::read_milestones(&t).map(drop),
            _ => read::read_rfcs(&t).map(|r| doc.rfcs = r.rows),
        };
        assert_eq!(read.and_then(|()| checked(&doc)), Ok(()), "{}", s.name);
    }
}

// What the fuzzing found, kept as plain tests.

/// `make fuzz` (json document): the demo's export with one byte of a window's `BYDAY=2TH` set to
/// 0x80, read as `2\u{FFFD}H`, made the rrule crate panic slicing inside the character.
#[test]
fn a_recurrence_rule_with_a_non_ascii_weekday_is_refused() {
    let zone = PlanZone::parse("Europe/Berlin").unwrap();
    let mut w = demo().windows.into_iter().find(|w| w.recurrence.is_some()).expect("a recurring window");
    w.recurrence = Some("FREQ=MONTHLY;BYDAY=2\u{FFFD}H".into());
    let e = w.check(&Known::default(), zone).into_iter().find(|e| e.field == "recurrence").expect("refused");
    assert!(e.message.contains("ASCII"), "{}", e.message);
    let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Freeze\r\nDTSTART:20270104T220000Z\r\n\
               DTEND:20270104T230000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=2ÉH\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let e = ical::import(ics, zone, WindowKind::Freeze, "x.ics").expect_err("refused");
    assert!(e.starts_with("line 6: ") && e.contains("ASCII"), "{e}");
}

/// `make fuzz` (ics windows): an event of 21,055 RRULE lines (737 KB) took 2.6 s in a release
/// build, each property's line found by a pass over the event's lines. It is refused at once now.
#[test]
#[allow(clippy::disallowed_methods, reason = "the test times the importer; the importer reads no clock")]
fn an_event_of_twenty_thousand_rules_is_refused_quickly() {
    let rules = "RRULE:FREQ=DAILY;COUNT=4294967295\r\n".repeat(21_055);
    let ics = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Freeze\r\nDTSTART:20270104T220000Z\r\n{rules}END:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let started = std::time::Instant::now();
    let e = ical::import(&ics, PlanZone::parse("UTC").unwrap(), WindowKind::Freeze, "x.ics").expect_err("refused");
    assert!(e.starts_with("line 6: a second RRULE"), "{e}");
    assert!(started.elapsed() < mutate::LIMIT, "{:?}", started.elapsed());
}
