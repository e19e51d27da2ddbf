//! The dates a plan can hold: years [`MIN_YEAR`] to [`MAX_YEAR`], checked in one place.
//!
//! chrono accepts years from about −262,000 to +262,000, and so does the JSON layer; a plan does
//! not. Every date or time that enters the domain (the release form, a portfolio document, a
//! what-if move, a piece of evidence, a baseline, a report period) is checked here, so a date
//! outside the range is refused with a message naming the range instead of overflowing somewhere
//! downstream. The day arithmetic on dates already accepted is checked too ([`add_days`]).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Utc};

/// The first year a plan can hold.
pub const MIN_YEAR: i32 = 1;
/// The last year a plan can hold.
pub const MAX_YEAR: i32 = 9999;

/// The first day a plan can hold: 0001-01-01.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// The last day a plan can hold: 9999-12-31.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Whether a plan can hold `d`.
pub fn in_range(d: NaiveDate) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year())
}

/// Why a plan cannot hold `d`, or None when it can: "+262142-12-30 is outside the years 1 to
/// 9999".
pub fn check(d: NaiveDate) -> Option<String> {
    (!in_range(d)).then(|| format!("{d} is outside the years {MIN_YEAR} to {MAX_YEAR}"))
}

/// [`check`] for a date and time (a deployment window's start or end).
pub fn check_datetime(t: NaiveDateTime) -> Option<String> {
    (!in_range(t.date()))
        .then(|| format!("{} is outside the years {MIN_YEAR} to {MAX_YEAR}", t.format("%Y-%m-%d %H:%M")))
}

/// [`check`] for a UTC time (when a decision was taken, an incident opened, a baseline taken).
pub fn check_utc(t: DateTime<Utc>) -> Option<String> {
    (!in_range(t.date_naive()))
        .then(|| format!("{} is outside the years {MIN_YEAR} to {MAX_YEAR}", t.format("%Y-%m-%d %H:%M UTC")))
}

/// Parses a day a user typed (`2027-03-01`) and checks it: what a front end's date argument
/// goes through, so `+262142-12-30` is refused where it is typed.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let d: NaiveDate =
        text.trim().parse().map_err(|_| format!("{text:?} is not a date: write YYYY-MM-DD, e.g. 2027-03-01"))?;
    check(d).map_or(Ok(d), Err)
}

/// Parses a time a user typed (RFC 3339, `2027-03-01T16:00:00Z`) and checks it.
pub fn parse_utc(text: &str) -> Result<DateTime<Utc>, String> {
    let t: DateTime<Utc> = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a time: write RFC 3339, e.g. 2027-03-01T16:00:00Z"))?;
    check_utc(t).map_or(Ok(t), Err)
}

/// `d` moved by `days`, or None when the result is not a date chrono can hold. (A result may
/// still be outside the plan's range: [`check`] it where that matters.)
pub fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::try_days(days)?)
}

/// The day after `d`, or `d` itself on chrono's last day.
pub fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// Days from `b` to `a` (positive when `a` is later). Never overflows: any two chrono dates are
/// less than 200 million days apart.
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    a.signed_duration_since(b).num_days()
}

/// [`days_between`] as an `i32`, saturating (it cannot saturate for dates a plan holds).
pub fn days_between_i32(a: NaiveDate, b: NaiveDate) -> i32 {
    saturate(days_between(a, b))
}

/// An `i64` count of days as an `i32`, saturating at the ends.
pub fn saturate(n: i64) -> i32 {
    i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_range_is_years_1_to_9999() {
        assert_eq!(FIRST_DAY, d("0001-01-01"));
        assert_eq!(LAST_DAY, d("9999-12-31"));
        assert!(in_range(FIRST_DAY) && in_range(LAST_DAY));
        assert!(!in_range(d("0000-12-31")) && !in_range(d("+10000-01-01")));
        assert!(check(LAST_DAY).is_none());
        let m = check(NaiveDate::MAX).unwrap();
        assert!(m.contains("+262142-12-31") && m.contains("1 to 9999"), "{m}");
        assert!(check(NaiveDate::MIN).is_some());
    }

    #[test]
    fn typed_dates_are_parsed_and_bounded() {
        assert_eq!(parse_date(" 2027-03-01 "), Ok(d("2027-03-01")));
        assert_eq!(parse_date("+262142-12-30"), Err("+262142-12-30 is outside the years 1 to 9999".into()));
        assert!(parse_date("0000-01-01").unwrap_err().contains("1 to 9999"));
        assert!(parse_date("2027-02-30").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_utc("2027-03-01T16:00:00Z").unwrap().to_rfc3339(), "2027-03-01T16:00:00+00:00");
        assert!(parse_utc("+262142-12-30T00:00:00Z").is_err());
        assert!(parse_utc("yesterday").unwrap_err().contains("RFC 3339"));
    }

    #[test]
    fn arithmetic_at_chrono_s_ends_gives_none_not_a_panic() {
        assert_eq!(add_days(NaiveDate::MAX, 1), None);
        assert_eq!(add_days(NaiveDate::MIN, -1), None);
        assert_eq!(add_days(NaiveDate::MIN, i64::MAX), None);
        assert_eq!(add_days(LAST_DAY, 1), Some(d("+10000-01-01")));
        assert_eq!(next_day(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(days_between(NaiveDate::MAX, NaiveDate::MIN), 191_491_528);
        assert_eq!(saturate(i64::MIN), i32::MIN);
    }
}
