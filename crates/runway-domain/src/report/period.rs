//! The period a report covers: a calendar quarter, a calendar month or any range of days, both
//! ends included, with the label a report prints ("2027 Q1", "February 2027",
//! "1 Mar 2027 – 15 Mar 2027").

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A span of whole days, `from` and `to` both included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct Period {
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
    pub label: String,
}

/// The first day of a month, if the year is one chrono can hold.
fn first_of(year: i32, month: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| format!("{year}-{month:02} is not a month Runway can handle"))
}

/// The last day of the month `months` after the month starting on `first`.
fn end_after(first: NaiveDate, months: u32) -> Result<NaiveDate, String> {
    first
        .checked_add_months(Months::new(months))
        .map(|d| d - Duration::days(1))
        .ok_or_else(|| format!("{first} is too far in the future"))
}

/// A year a report period can be in (see [`crate::dates`]).
fn check_year(year: i32) -> Result<(), String> {
    use crate::dates::{MAX_YEAR, MIN_YEAR};
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(format!("the year {year} is outside the years {MIN_YEAR} to {MAX_YEAR}"))
    }
}

/// "1 Mar 2027".
/// The number (1 to 4) of the calendar quarter holding `date`.
pub fn quarter_number(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

pub(crate) fn day_label(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

impl Period {
    /// Quarter `q` (1 to 4) of `year`: "2027 Q1" runs from 1 January to 31 March 2027.
    pub fn quarter(year: i32, q: u32) -> Result<Period, String> {
        if !(1..=4).contains(&q) {
            return Err(format!("Q{q} is not a quarter: a year has quarters Q1 to Q4"));
        }
        let from = first_of(year, (q - 1) * 3 + 1)?;
        Ok(Period { from, to: end_after(from, 3)?, label: format!("{year} Q{q}") })
    }

    /// Month `m` (1 to 12) of `year`: "February 2027".
    pub fn month(year: i32, m: u32) -> Result<Period, String> {
        if !(1..=12).contains(&m) {
            return Err(format!("{m} is not a month: months are numbered 1 to 12"));
        }
        let from = first_of(year, m)?;
        Ok(Period { from, to: end_after(from, 1)?, label: from.format("%B %Y").to_string() })
    }

    /// Any range of days, both ends included: "1 Mar 2027 – 15 Mar 2027".
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Period, String> {
        if let Some(why) = crate::dates::check(from).or_else(|| crate::dates::check(to)) {
            return Err(format!("the period is out of range: {why}"));
        }
        if to < from {
            return Err(format!("the period ends ({to}) before it starts ({from})"));
        }
        Ok(Period { from, to, label: format!("{} – {}", day_label(from), day_label(to)) })
    }

    /// Parses "2027-Q1" (also "2027 Q1", "2027Q1", any case).
    pub fn parse_quarter(text: &str) -> Result<Period, String> {
        let bad = || format!("{text:?} is not a quarter: write the year and the quarter, e.g. 2027-Q1");
        let t = text.trim().to_uppercase();
        let (year, q) = t.split_once('Q').ok_or_else(bad)?;
        let year = year.trim_end_matches(['-', ' ']);
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || q.len() != 1 {
            return Err(bad());
        }
        let (year, q) = (year.parse().map_err(|_| bad())?, q.parse().map_err(|_| bad())?);
        check_year(year).map_err(|m| format!("{text:?} is not a quarter Runway can report on: {m}"))?;
        Period::quarter(year, q).map_err(|m| format!("{text:?} is not a quarter: {m}"))
    }

    /// Parses "2027-02" (also "2027-2").
    pub fn parse_month(text: &str) -> Result<Period, String> {
        let bad = || format!("{text:?} is not a month: write the year and the month, e.g. 2027-02");
        let (year, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || m.len() > 2 || !digits(m) {
            return Err(bad());
        }
        let (year, m) = (year.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
        check_year(year).map_err(|e| format!("{text:?} is not a month Runway can report on: {e}"))?;
        Period::month(year, m).map_err(|e| format!("{text:?} is not a month: {e}"))
    }

    /// True when `date` lies in the period (both ends included).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// True when the days `from..=to` share at least one day with the period.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        from <= self.to && self.from <= to
    }

    /// The calendar quarter holding `date`: the one place quarters are computed (the dashboard,
    /// the reports' default period, the poster's scale and the demo all ask it).
    pub fn quarter_of(date: NaiveDate) -> Period {
        Period::quarter(date.year(), quarter_number(date)).unwrap_or_else(|_| Period::day(date))
    }

    /// The calendar month holding `date`.
    pub fn month_of(date: NaiveDate) -> Period {
        Period::month(date.year(), date.month()).unwrap_or_else(|_| Period::day(date))
    }

    /// The one day `date` (a fallback at the very ends of the calendar).
    fn day(date: NaiveDate) -> Period {
        Period { from: date, to: date, label: day_label(date) }
    }

    /// True when the period is exactly one calendar quarter.
    pub fn is_quarter(&self) -> bool {
        Period::quarter_of(self.from).span() == self.span()
    }

    /// True when the period is exactly one calendar month.
    pub fn is_month(&self) -> bool {
        Period::month_of(self.from).span() == self.span()
    }

    fn span(&self) -> (NaiveDate, NaiveDate) {
        (self.from, self.to)
    }

    /// The `n` quarters ending with the one holding `from`, oldest first.
    pub fn previous_quarters(&self, n: usize) -> Vec<Period> {
        let mut out: Vec<Period> = Vec::with_capacity(n);
        let mut q = Period::quarter_of(self.from);
        for _ in 0..n {
            let before = q.from.pred_opt();
            out.push(q);
            match before {
                Some(d) => q = Period::quarter_of(d),
                None => break,
            }
        }
        out.reverse();
        out
    }

    /// The quarter after the one holding `to`.
    pub fn next_quarter(&self) -> Period {
        let q = Period::quarter_of(self.to);
        q.to.succ_opt().map_or(q, Period::quarter_of)
    }

    /// The period that follows this one: the next quarter for a quarter, the next month for a
    /// month, otherwise the same number of days straight after.
    pub fn next(&self) -> Period {
        if self.is_quarter() {
            return self.next_quarter();
        }
        let Some(after) = self.to.succ_opt() else { return self.clone() };
        if self.is_month() {
            return Period::month_of(after);
        }
        let days = (self.to - self.from).num_days();
        let to = after.checked_add_signed(Duration::days(days)).unwrap_or(NaiveDate::MAX);
        Period::range(after, to).unwrap_or_else(|_| self.clone())
    }

    /// The calendar months the period touches, whole, in order ("February 2027", "March 2027").
    pub fn months(&self) -> Vec<Period> {
        let mut out = vec![];
        let mut m = Period::month_of(self.from);
        while m.from <= self.to {
            let next = m.to.succ_opt();
            out.push(m);
            match next {
                Some(d) => m = Period::month_of(d),
                None => break,
            }
        }
        out
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn quarters_months_and_ranges_have_their_days_and_labels() {
        let q = Period::quarter(2027, 1).unwrap();
        assert_eq!((q.from, q.to, q.label.as_str()), (d(2027, 1, 1), d(2027, 3, 31), "2027 Q1"));
        let q4 = Period::quarter(2026, 4).unwrap();
        assert_eq!((q4.from, q4.to), (d(2026, 10, 1), d(2026, 12, 31)));
        let feb = Period::month(2028, 2).unwrap();
        assert_eq!((feb.from, feb.to, feb.label.as_str()), (d(2028, 2, 1), d(2028, 2, 29), "February 2028"));
        let r = Period::range(d(2027, 3, 1), d(2027, 3, 15)).unwrap();
        assert_eq!(r.label, "1 Mar 2027 – 15 Mar 2027");
        assert_eq!(Period::range(d(2027, 3, 1), d(2027, 3, 1)).unwrap().to, d(2027, 3, 1));
    }

    #[test]
    fn bad_periods_are_refused_with_the_reason() {
        assert!(Period::quarter(2027, 0).unwrap_err().contains("Q0"));
        assert!(Period::quarter(2027, 5).is_err());
        assert!(Period::month(2027, 13).unwrap_err().contains("13"));
        let e = Period::range(d(2027, 3, 2), d(2027, 3, 1)).unwrap_err();
        assert!(e.contains("2027-03-01") && e.contains("2027-03-02"), "{e}");
    }

    #[test]
    fn parsers_accept_the_usual_spellings_and_name_the_bad_text() {
        assert_eq!(Period::parse_quarter("2027-Q1").unwrap(), Period::quarter(2027, 1).unwrap());
        assert_eq!(Period::parse_quarter(" 2027q3 ").unwrap(), Period::quarter(2027, 3).unwrap());
        assert_eq!(Period::parse_quarter("2027 Q4").unwrap(), Period::quarter(2027, 4).unwrap());
        for bad in ["2027-Q5", "2027-Q0", "27-Q1", "2027", "Q1-2027", "2027-Q12", "", "2027-Q-1", "２０２７-Q1"] {
            let e = Period::parse_quarter(bad).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
        }
        assert_eq!(Period::parse_month("2027-02").unwrap(), Period::month(2027, 2).unwrap());
        assert_eq!(Period::parse_month("2027-2").unwrap(), Period::month(2027, 2).unwrap());
        for bad in ["2027-13", "2027-00", "2027", "2027-02-01", "02-2027", "2027-+2", "2027-", "-2027-02"] {
            let e = Period::parse_month(bad).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
        }
    }

    #[test]
    fn contains_includes_both_ends() {
        let q = Period::quarter(2027, 1).unwrap();
        assert!(q.contains(d(2027, 1, 1)) && q.contains(d(2027, 3, 31)));
        assert!(!q.contains(d(2026, 12, 31)) && !q.contains(d(2027, 4, 1)));
    }

    #[test]
    fn quarters_around_a_period() {
        assert_eq!(Period::quarter_of(d(2027, 5, 17)), Period::quarter(2027, 2).unwrap());
        let feb = Period::month(2027, 2).unwrap();
        let labels: Vec<String> = feb.previous_quarters(4).into_iter().map(|p| p.label).collect();
        assert_eq!(labels, ["2026 Q2", "2026 Q3", "2026 Q4", "2027 Q1"]);
        assert!(feb.previous_quarters(0).is_empty());
        assert_eq!(Period::quarter(2026, 4).unwrap().next_quarter(), Period::quarter(2027, 1).unwrap());
        assert_eq!(feb.next_quarter(), Period::quarter(2027, 2).unwrap());
    }

    #[test]
    fn the_next_period_keeps_the_granularity() {
        assert_eq!(Period::month(2026, 12).unwrap().next(), Period::month(2027, 1).unwrap());
        assert_eq!(Period::quarter(2027, 4).unwrap().next(), Period::quarter(2028, 1).unwrap());
        let r = Period::range(d(2027, 3, 1), d(2027, 3, 10)).unwrap();
        assert_eq!(r.next(), Period::range(d(2027, 3, 11), d(2027, 3, 20)).unwrap());
        assert!(Period::month(2027, 2).unwrap().is_month() && !Period::month(2027, 2).unwrap().is_quarter());
    }

    #[test]
    fn months_are_the_whole_calendar_months_touched() {
        let q = Period::quarter(2027, 1).unwrap();
        let labels: Vec<String> = q.months().into_iter().map(|p| p.label).collect();
        assert_eq!(labels, ["January 2027", "February 2027", "March 2027"]);
        let r = Period::range(d(2027, 1, 30), d(2027, 2, 2)).unwrap();
        assert_eq!(r.months().len(), 2);
        assert_eq!(r.months()[0].from, d(2027, 1, 1));
    }

    #[test]
    fn the_ends_of_the_calendar_do_not_panic() {
        let last = Period::quarter_of(NaiveDate::MAX);
        let _ = (last.next(), last.next_quarter(), last.months(), last.previous_quarters(3));
        let first = Period::quarter_of(NaiveDate::MIN);
        let _ = (first.previous_quarters(5), first.months());
    }

    #[test]
    fn a_period_outside_the_years_1_to_9999_is_refused_naming_the_range() {
        let e = Period::range(d(2027, 1, 1), NaiveDate::MAX).unwrap_err();
        assert!(e.contains("1 to 9999"), "{e}");
        assert!(Period::range(NaiveDate::MIN, d(2027, 1, 1)).is_err());
        assert!(Period::parse_quarter("0000-Q1").unwrap_err().contains("1 to 9999"));
        assert!(Period::parse_month("0000-01").unwrap_err().contains("1 to 9999"));
        assert_eq!(Period::parse_quarter("9999-Q4").unwrap().to, d(9999, 12, 31));
        // At the last day, the period after is the same one rather than a panic.
        let last = Period::range(d(9999, 12, 20), d(9999, 12, 31)).unwrap();
        assert_eq!(last.next().to, d(9999, 12, 31));
    }
}
