//! iCalendar (RFC 5545): the plan's calendar as a file any calendar program reads, and change
//! windows read from the files they write. Pure: the caller passes the file's text and "now".
//!
//! **Export** ([`export()`]): one `VCALENDAR` (`X-WR-CALNAME` the plan's name, `X-WR-TIMEZONE` its
//! zone) with a `VEVENT` for each release's deployment window ("Deploy REL-1: title"), each
//! release's CAB dates (all day) and each change window (its kind in `CATEGORIES`, its rule and
//! exceptions as `RRULE` and `EXDATE`, whole days as `VALUE=DATE`). UIDs are stable (the same
//! object has the same UID in every export), `DTSTAMP` is the `now` passed in and `SEQUENCE` the
//! caller's count of the object's changes. Times carry `TZID` = the plan's IANA zone with a
//! `VTIMEZONE` made from chrono-tz (`vtimezone.rs`); in a UTC plan they are UTC (`Z`) and there is
//! no `VTIMEZONE`. Lines are written by [`mod@write`] (TEXT escaped, folded at 75 octets).
//!
//! **Import** ([`import()`]): all or nothing. Each `VEVENT` becomes a window of the kind asked
//! for: `SUMMARY` its name (made unique in the file with the date, when several events share
//! it), `DESCRIPTION` its reason, `DTSTART` with `DTEND`, `DURATION` or neither (a day, for an
//! all-day event) its time, in the event's zone (a `TZID`: IANA, Windows or Lightning names, see
//! `zones.rs`; UTC; floating = the plan's clock) converted to the plan's. `RRULE` and `EXDATE` are
//! kept as the window's recurrence when the event's zone is the plan's (or it has none); a rule in
//! another zone is expanded into one window per occurrence (until its `COUNT` or `UNTIL`, or two
//! years). `RDATE`s become windows of their own; `STATUS:CANCELLED` events are left out; an
//! override (`RECURRENCE-ID`) leaves its occurrence out of the series (an `EXDATE`) and becomes a
//! window of its own (unless cancelled). A broken file is refused with the line of the problem
//! and why (`outline.rs` finds the lines; the `icalendar` crate's parser reads the values).
//!
//! Lenient where programs are known to differ: `DTEND` wins over a `DURATION` beside it
//! (Thunderbird), an all-day `DTEND` equal to `DTSTART` is one day, a `DATE` or floating `UNTIL`
//! is made UTC for `rrule`, lines may end in LF and be folded with a tab. Refused: a timed event
//! with no `DTEND` or `DURATION` (it lasts no time), and whatever `ChangeWindow::check` refuses.
//!
//! Not read: `VTODO`, `VJOURNAL`, alarms, attendees; `RDATE` periods, `EXRULE`, overrides with
//! `RANGE=THISANDFUTURE`; a `TZID` that is none of the names above (a zone known only by its
//! `VTIMEZONE` rules, such as Exchange's "Customized Time Zone" or Outlook's display names
//! "(UTC+01:00) Amsterdam, …"); `X-WR-TIMEZONE` (floating times are read on the plan's clock).

mod event;
mod export;
mod import;
mod outline;
mod vtimezone;
pub mod write;
mod zones;

pub use export::{IcsInput, IcsRelease, IcsWindow, PRODID, cab_uid, deploy_uid, export, window_uid};
pub use import::{MAX_BYTES, MAX_EXPANDED, import};

use super::PlanZone;

/// Whether the plan's zone is UTC (times are then written with `Z`, without a `VTIMEZONE`).
fn is_utc(zone: PlanZone) -> bool {
    zones::is_utc_tz(zone.0)
}

/// A recurrence rule without a leading `RRULE:`.
fn rule_body(rule: &str) -> &str {
    let rule = rule.trim();
    match rule.get(..6) {
        Some(prefix) if prefix.eq_ignore_ascii_case("RRULE:") => &rule[6..],
        _ => rule,
    }
}

/// The rule with its `UNTIL` value replaced by `f`'s (kept when `f` gives none).
fn map_until(rule: &str, f: impl Fn(&str) -> Option<String>) -> String {
    rule_body(rule)
        .split(';')
        .map(|part| match part.split_once('=') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("UNTIL") => {
                f(value.trim()).map_or_else(|| part.to_owned(), |v| format!("UNTIL={v}"))
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_s_until_is_replaced_and_the_rest_kept() {
        assert_eq!(rule_body("RRULE:FREQ=DAILY"), "FREQ=DAILY");
        assert_eq!(rule_body(" rrule:FREQ=DAILY"), "FREQ=DAILY");
        let r = map_until("FREQ=WEEKLY;UNTIL=20270101;BYDAY=MO", |v| Some(format!("{v}T000000Z")));
        assert_eq!(r, "FREQ=WEEKLY;UNTIL=20270101T000000Z;BYDAY=MO");
        assert_eq!(map_until("FREQ=WEEKLY;UNTIL=x", |_| None), "FREQ=WEEKLY;UNTIL=x");
    }
}
