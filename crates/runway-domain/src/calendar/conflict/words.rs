//! The words of a conflict's message: when, which window, which booking, "A, B and C". Written by
//! hand rather than through chrono's format strings: a plan's conflicts are thousands of them.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::calendar::booking::{Booking, BookingSource};
use crate::calendar::window::{ChangeWindow, Occurrence};

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "Tue 2 Mar", and the year when `year`.
fn push_day(out: &mut String, d: NaiveDate, year: bool) {
    let _ = write!(
        out,
        "{} {} {}",
        DAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize]
    );
    if year {
        let _ = write!(out, " {:04}", d.year());
    }
}

fn push_time(out: &mut String, t: NaiveDateTime) {
    let _ = write!(out, "{:02}:{:02}", t.hour(), t.minute());
}

/// "Tue 2 Mar 2027".
pub(super) fn day(d: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    push_day(&mut out, d, true);
    out
}

/// "Tue 2 Mar 2027 20:00–22:00", "Tue 2 Mar 2027 22:00 to Wed 3 Mar 02:00" (with the end's year
/// when it is another).
pub(super) fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let mut out = String::with_capacity(40);
    push_day(&mut out, start.date(), true);
    out.push(' ');
    push_time(&mut out, start);
    if start.date() == end.date() {
        out.push('–');
    } else {
        out.push_str(" to ");
        push_day(&mut out, end.date(), start.year() != end.year());
        out.push(' ');
    }
    push_time(&mut out, end);
    out
}

/// The key a conflict's id gives its start: "2027-03-02T22:00".
pub(super) fn stamp(t: NaiveDateTime) -> String {
    format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

/// A window's occurrence as the user reads it: "the freeze "Christmas" (Mon 20 Dec 2027 to Sun 2
/// Jan 2028, all day, covering the whole portfolio): Year-end trading".
pub(super) fn describe_window(w: &ChangeWindow, o: &Occurrence) -> String {
    let at = if w.all_day {
        // The end is the midnight after the last day.
        let last =
            if o.end.time() == NaiveTime::MIN { o.end.date().pred_opt().unwrap_or(o.end.date()) } else { o.end.date() };
        if last <= o.start.date() {
            format!("{}, all day", day(o.start.date()))
        } else {
            format!("{} to {}, all day", day(o.start.date()), day(last))
        }
    } else {
        when(o.start, o.end)
    };
    let why = if w.reason.trim().is_empty() { String::new() } else { format!(": {}", w.reason.trim()) };
    format!("the {} {:?} ({at}, covering {}){why}", w.kind.label().to_lowercase(), w.name, w.scope.describe())
}

/// "PAY-1's test phase", ""DB patching" (booked by ops@example.com)".
pub(super) fn describe_booking(b: &Booking) -> String {
    match (&b.release, b.source) {
        (Some(r), BookingSource::Test) => format!("{r}'s test phase"),
        (Some(r), BookingSource::Deployment) => format!("{r}'s deployment"),
        _ if b.by.is_empty() => format!("\"{}\"", b.purpose),
        _ => format!("\"{}\" (booked by {})", b.purpose, b.by),
    }
}

/// "A", "A and B", "A, B and C".
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_are_chrono_s_formats_written_out() {
        let t = |s: &str| s.parse::<NaiveDateTime>().unwrap();
        for (a, b) in [
            ("2027-03-02T20:00:00", "2027-03-02T22:00:00"),
            ("2027-03-02T22:00:00", "2027-03-03T02:00:00"),
            ("2027-12-31T23:00:00", "2028-01-01T02:05:00"),
            ("0987-06-30T07:09:00", "0987-06-30T08:00:00"),
        ] {
            let (a, b) = (t(a), t(b));
            let end = if a.date() == b.date() {
                b.format("–%H:%M").to_string()
            } else if a.year() == b.year() {
                b.format(" to %a %-d %b %H:%M").to_string()
            } else {
                b.format(" to %a %-d %b %Y %H:%M").to_string()
            };
            assert_eq!(when(a, b), format!("{}{end}", a.format("%a %-d %b %Y %H:%M")));
            assert_eq!(stamp(a), a.format("%Y-%m-%dT%H:%M").to_string());
            assert_eq!(day(a.date()), a.format("%a %-d %b %Y").to_string());
        }
        assert_eq!(and_list(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
