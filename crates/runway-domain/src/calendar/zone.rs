//! The plan's time zone (an IANA name such as `Europe/London`): windows, deployment windows and
//! "today" are in it.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The plan's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanZone(pub Tz);

impl Default for PlanZone {
    fn default() -> Self {
        PlanZone(Tz::UTC)
    }
}

impl PlanZone {
    /// The zone named `name` (IANA, `Europe/London`), or a message naming it.
    pub fn parse(name: &str) -> Result<PlanZone, String> {
        name.trim().parse::<Tz>().map(PlanZone).map_err(|_| {
            format!("{name:?} is not a time zone: use an IANA name such as Europe/London or America/New_York")
        })
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The instant a wall-clock time in the zone stands for. A time that happens twice (the hour
    /// the clocks go back) is its first; a time that never happens (the hour the clocks go
    /// forward) is the instant the clocks jump, as RFC 5545 (3.3.5) has it: 01:30 on the night
    /// London springs forward is 02:30 BST, the same instant as 01:30 GMT.
    pub fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => t.to_utc(),
            LocalResult::Ambiguous(a, b) => a.min(b).to_utc(),
            LocalResult::None => {
                // In the gap: read the time with the offset in force just before it.
                let before = local - TimeDelta::hours(3);
                let offset = match self.0.from_local_datetime(&before) {
                    LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.naive_local() - t.naive_utc(),
                    LocalResult::None => TimeDelta::zero(),
                };
                Utc.from_utc_datetime(&(local - offset))
            }
        }
    }

    /// The wall-clock time of an instant in the zone.
    pub fn local(&self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.0).naive_local()
    }

    /// The day an instant falls on in the zone (what "the day of an event" means in a plan).
    pub fn day(&self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }

    #[test]
    fn names_are_iana_and_a_wrong_one_is_named() {
        assert_eq!(PlanZone::parse("Europe/London").unwrap().name(), "Europe/London");
        let e = PlanZone::parse("Mars/Olympus").unwrap_err();
        assert!(e.contains("Mars/Olympus") && e.contains("IANA"), "{e}");
    }

    #[test]
    fn the_gap_and_the_fold_of_daylight_saving_time() {
        let london = PlanZone::parse("Europe/London").unwrap();
        // 2027-03-28: 01:00 GMT becomes 02:00 BST.
        assert_eq!(london.instant(t("2027-03-28T01:30:00")).to_rfc3339(), "2027-03-28T01:30:00+00:00");
        assert_eq!(london.instant(t("2027-03-28T02:30:00")).to_rfc3339(), "2027-03-28T01:30:00+00:00");
        // 2027-10-31: 02:00 BST becomes 01:00 GMT; 01:30 happens twice, the first is BST.
        assert_eq!(london.instant(t("2027-10-31T01:30:00")).to_rfc3339(), "2027-10-31T00:30:00+00:00");
        assert_eq!(london.local(london.instant(t("2027-07-01T22:00:00"))), t("2027-07-01T22:00:00"));
    }

    #[test]
    fn the_day_of_an_instant_is_the_zone_s_day() {
        let tokyo = PlanZone::parse("Asia/Tokyo").unwrap();
        let utc: DateTime<Utc> = "2027-03-01T20:00:00Z".parse().unwrap();
        assert_eq!(tokyo.day(utc), "2027-03-02".parse::<NaiveDate>().unwrap());
        assert_eq!(PlanZone::default().day(utc), "2027-03-01".parse::<NaiveDate>().unwrap());
    }
}
