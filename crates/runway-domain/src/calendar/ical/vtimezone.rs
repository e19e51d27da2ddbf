//! The `VTIMEZONE` of the plan's zone, made from chrono-tz's offsets: one `STANDARD` or
//! `DAYLIGHT` observance for the offset in force when the covered span starts and one for each
//! change of offset in the span. A change is found by stepping a day at a time and, where the
//! offset (or its name, or whether it is daylight saving time) differs from the day before, by
//! bisection down to the second.

use chrono::{DateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::write::{self, Lines};

/// The offset in force at an instant: seconds east of UTC, whether it is daylight saving time,
/// and its abbreviation (`BST`, `CET`, `+03`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observance {
    pub offset: i32,
    pub daylight: bool,
    pub name: Option<String>,
}

/// A change of offset: the first second of the new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub before: Observance,
    pub after: Observance,
}

pub fn observance(tz: Tz, at: DateTime<Utc>) -> Observance {
    let o = tz.offset_from_utc_datetime(&at.naive_utc());
    Observance {
        offset: o.fix().local_minus_utc(),
        daylight: !o.dst_offset().is_zero(),
        name: o.abbreviation().map(str::to_owned),
    }
}

/// The changes of offset in `[from, to)`, in order. Two changes less than a day apart are seen
/// as none (no zone has had them).
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let step = TimeDelta::days(1);
    let mut out = vec![];
    let mut t = from;
    let mut here = observance(tz, t);
    while t < to {
        let next = (t + step).min(to);
        let there = observance(tz, next);
        if there != here {
            // observance(lo) == here, observance(hi) == there: close in on the change.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or(next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if observance(tz, at(mid)) == here { lo = mid } else { hi = mid }
            }
            out.push(Transition { at: at(hi), before: here, after: there.clone() });
            here = there;
        }
        t = next;
    }
    out
}

fn observance_lines(lines: &mut Lines, onset_local: chrono::NaiveDateTime, from: i32, to: &Observance) {
    let kind = if to.daylight { "DAYLIGHT" } else { "STANDARD" };
    lines.begin(kind);
    lines.raw("DTSTART", &[], &write::local(onset_local));
    lines.raw("TZOFFSETFROM", &[], &write::offset(from));
    lines.raw("TZOFFSETTO", &[], &write::offset(to.offset));
    if let Some(name) = &to.name {
        lines.text("TZNAME", name);
    }
    lines.end(kind);
}

/// Writes the `VTIMEZONE` of `tz` for `[from, to)`. An onset is written as the wall-clock time
/// just before the change (in the offset it changes from), as RFC 5545 3.6.5 has it.
pub fn write(lines: &mut Lines, tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    lines.begin("VTIMEZONE");
    lines.text("TZID", tz.name());
    lines.text("X-LIC-LOCATION", tz.name());
    let first = observance(tz, from);
    let from_local = from.naive_utc() + TimeDelta::seconds(first.offset.into());
    observance_lines(lines, from_local, first.offset, &first);
    for change in transitions(tz, from, to) {
        let onset = change.at.naive_utc() + TimeDelta::seconds(change.before.offset.into());
        observance_lines(lines, onset, change.before.offset, &change.after);
    }
    lines.end("VTIMEZONE");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn london_changes_twice_a_year_at_one_in_the_morning_utc() {
        let tz: Tz = "Europe/London".parse().unwrap();
        let t = transitions(tz, u("2027-01-01T00:00:00Z"), u("2028-01-01T00:00:00Z"));
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].at, u("2027-03-28T01:00:00Z"));
        assert_eq!((t[0].before.offset, t[0].after.offset), (0, 3600));
        assert!(t[0].after.daylight && !t[0].before.daylight);
        assert_eq!(t[0].after.name.as_deref(), Some("BST"));
        assert_eq!(t[1].at, u("2027-10-31T01:00:00Z"));
    }

    #[test]
    fn a_zone_without_daylight_saving_time_has_one_standard_observance() {
        let tz: Tz = "Asia/Tokyo".parse().unwrap();
        let mut lines = Lines::new();
        write(&mut lines, tz, u("2027-01-01T00:00:00Z"), u("2029-01-01T00:00:00Z"));
        let text = lines.finish();
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1, "{text}");
        assert!(!text.contains("DAYLIGHT"));
        assert!(text.contains("TZOFFSETTO:+0900\r\n"));
    }

    #[test]
    fn the_onset_is_the_wall_clock_before_the_change() {
        let tz: Tz = "America/New_York".parse().unwrap();
        let mut lines = Lines::new();
        write(&mut lines, tz, u("2027-01-01T05:00:00Z"), u("2028-01-01T05:00:00Z"));
        let text = lines.finish();
        // 2027-03-14 02:00 EST becomes 03:00 EDT; 2027-11-07 02:00 EDT becomes 01:00 EST.
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("BEGIN:STANDARD\r\nDTSTART:20271107T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"),
            "{text}"
        );
    }
}
