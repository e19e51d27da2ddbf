//! Change windows: freeze, blackout, maintenance and green zone (D6). A window has a scope, a
//! first occurrence in the plan's local time and, when it recurs, an RFC 5545 recurrence rule
//! with exceptions. Occurrences are computed by the `rrule` crate, never by hand-made date loops.

use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::zone::PlanZone;
use crate::input::{FieldError, NAME_MAX_LEN, check_len, check_text};
use crate::model::Release;
use crate::portfolio::Known;

labelled_enum!(
    /// What a window means for changes.
    WindowKind {
        Freeze => "freeze", "Freeze";
        Blackout => "blackout", "Blackout";
        Maintenance => "maintenance", "Maintenance";
        GreenZone => "green_zone", "Green zone";
    }
);

impl WindowKind {
    /// What the kind means, in a sentence (the legend, the form's help).
    pub fn meaning(self) -> &'static str {
        match self {
            WindowKind::Freeze => "No change at all: no deployment and no environment work.",
            WindowKind::Blackout => "No deployment to what the window covers.",
            WindowKind::Maintenance => "An agreed slot for infrastructure work; deployments should avoid it.",
            WindowKind::GreenZone => "The slots in which production deployments are allowed.",
        }
    }
}

/// What a window covers: the whole portfolio when every list is empty; otherwise whatever
/// touches one of the listed applications, environments or configuration items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Application codes.
    #[serde(default)]
    pub applications: Vec<String>,
    /// Environment names.
    #[serde(default)]
    pub environments: Vec<String>,
    /// Configuration item names.
    #[serde(default)]
    pub cis: Vec<String>,
}

impl Scope {
    pub fn is_portfolio(&self) -> bool {
        self.applications.is_empty() && self.environments.is_empty() && self.cis.is_empty()
    }

    /// Whether a deployment of `release` is covered.
    pub fn covers_release(&self, release: &Release) -> bool {
        self.is_portfolio()
            || release.applications.iter().any(|a| self.applications.contains(a))
            || release.environments.iter().any(|e| self.environments.contains(e))
            || release.cis.iter().any(|c| self.cis.contains(&c.ci))
    }

    /// Whether work in environment `env` (for `release`, if any) is covered.
    pub fn covers_environment(&self, env: &str, release: Option<&Release>) -> bool {
        self.is_portfolio()
            || self.environments.iter().any(|e| e == env)
            || release.is_some_and(|r| {
                r.applications.iter().any(|a| self.applications.contains(a))
                    || r.cis.iter().any(|c| self.cis.contains(&c.ci))
            })
    }

    /// "the whole portfolio", "Prod; application LED".
    pub fn describe(&self) -> String {
        if self.is_portfolio() {
            return "the whole portfolio".into();
        }
        let mut parts = vec![];
        let list = |what: &str, items: &[String]| {
            let s = if items.len() == 1 { "" } else { "s" };
            format!("{what}{s} {}", items.join(", "))
        };
        if !self.environments.is_empty() {
            parts.push(list("environment", &self.environments));
        }
        if !self.applications.is_empty() {
            parts.push(list("application", &self.applications));
        }
        if !self.cis.is_empty() {
            parts.push(list("CI", &self.cis));
        }
        parts.join("; ")
    }
}

/// A change window (D6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ChangeWindow {
    /// Unique in the plan.
    pub name: String,
    pub kind: WindowKind,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub scope: Scope,
    /// The first occurrence, in the plan's local time; the end is exclusive.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    /// Whole days: start and end are midnights (an all-day event in a calendar program).
    #[serde(default)]
    pub all_day: bool,
    /// An RFC 5545 recurrence rule without its `RRULE:` prefix (`FREQ=WEEKLY;BYDAY=TU,TH`), or
    /// none for a window that happens once.
    #[serde(default)]
    pub recurrence: Option<String>,
    /// Occurrences left out (EXDATE), by their local start.
    #[serde(default)]
    pub exceptions: Vec<NaiveDateTime>,
}

/// One occurrence of a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the window in the list the occurrences were computed from.
    pub window: usize,
    /// Its start and end on the plan's wall clock, as the window's times are typed (one in the
    /// spring-forward gap stays as typed; its instant is the jump's: `start_utc`, `end_utc`).
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
}

/// The most occurrences one window may have in a range (a daily window over ten years is 3,653).
pub const MAX_OCCURRENCES: u16 = u16::MAX;

fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// A wall-clock time of the plan as the `rrule` crate expands it: on a clock without daylight
/// saving (UTC), so that a rule recurs the wall time itself.
fn wall(t: NaiveDateTime) -> DateTime<rrule::Tz> {
    Utc.from_utc_datetime(&t).with_timezone(&rrule::Tz::UTC)
}

impl ChangeWindow {
    /// The window's recurrence as the `rrule` crate reads it, or why it cannot be read. RFC 5545
    /// recurs the plan's wall-clock times, so the rule is expanded on the wall clock (see `wall`)
    /// from the start as typed, and `occurrences` reads each occurrence in `zone`: every one keeps
    /// the typed time where that time exists, and one that falls in the spring-forward gap (the
    /// first, typed there, or a later one) is the jump's instant. (Expanded in the zone itself, a
    /// first occurrence typed in the gap would start the rule an hour later, and every later
    /// occurrence with it.) UNTIL, an instant, is read on the zone's wall clock to match.
    fn rule_set(&self, zone: PlanZone) -> Result<Option<rrule::RRuleSet>, String> {
        let Some(rule) = self.recurrence.as_deref().map(str::trim).filter(|r| !r.is_empty()) else {
            return Ok(None);
        };
        let body = rule.strip_prefix("RRULE:").unwrap_or(rule);
        let upper = body.to_ascii_uppercase();
        if upper.contains("DTSTART") || body.contains('\n') {
            return Err("The recurrence is one rule (FREQ=…); the window's start is its first occurrence.".into());
        }
        for fine in ["SECONDLY", "MINUTELY", "HOURLY"] {
            if upper.contains(&format!("FREQ={fine}")) {
                return Err(format!("The recurrence repeats {}; a window recurs at most daily.", fine.to_lowercase()));
            }
        }
        // The rrule crate slices a BYDAY value by bytes and panics inside a non-ASCII character.
        if !body.is_ascii() {
            return Err(format!(
                "The recurrence rule {body:?} cannot be read: a rule is ASCII (FREQ=WEEKLY;BYDAY=MO)."
            ));
        }
        let mut parsed: rrule::RRule<rrule::Unvalidated> =
            body.parse().map_err(|e| format!("The recurrence rule {body:?} cannot be read: {e}"))?;
        if let Some(until) = parsed.get_until().copied()
            && until.timezone() == rrule::Tz::UTC
        {
            parsed = parsed.until(wall(zone.local(until.with_timezone(&Utc))));
        }
        let set =
            parsed.build(wall(self.start)).map_err(|e| format!("The recurrence rule {body:?} is not valid: {e}"))?;
        let set = self.exceptions.iter().fold(set, |s, &ex| s.exdate(wall(ex)));
        Ok(Some(set))
    }

    /// Problems with the window, named by field. `known` holds the plan's applications,
    /// environments and CIs (a scope may name only those).
    pub fn check(&self, known: &Known, zone: PlanZone) -> Vec<FieldError> {
        let mut out = vec![];
        let name = self.name.trim();
        if name.is_empty() {
            out.push(FieldError::new("name", "A window needs a name."));
        } else if let Some(m) = check_len("name", name, NAME_MAX_LEN) {
            out.push(FieldError::new("name", m));
        }
        if let Some(m) = check_text(&self.reason) {
            out.push(FieldError::new("reason", m));
        }
        for (field, t) in [("start", self.start), ("end", self.end)] {
            if let Some(m) = crate::dates::check_datetime(t) {
                out.push(FieldError::new(field, format!("The {field} is out of range: {m}.")));
            } else if t.nanosecond() != 0 {
                out.push(FieldError::new(field, "Give the time to the second."));
            }
        }
        if self.end <= self.start {
            out.push(FieldError::new(
                "end",
                format!("The window ends ({}) before or when it starts ({}).", fmt(self.end), fmt(self.start)),
            ));
        }
        if self.all_day && (self.start.time() != chrono::NaiveTime::MIN || self.end.time() != chrono::NaiveTime::MIN) {
            out.push(FieldError::new("all_day", "An all-day window starts and ends at midnight."));
        }
        for (what, field, items, set) in [
            ("an application", "applications", &self.scope.applications, &known.applications),
            ("an environment", "environments", &self.scope.environments, &known.environments),
            ("a configuration item", "cis", &self.scope.cis, &known.cis),
        ] {
            out.extend(
                items
                    .iter()
                    .filter(|i| !set.contains(*i))
                    .map(|i| FieldError::new(&format!("scope.{field}"), format!("{i:?} is not {what} of the plan."))),
            );
        }
        if let Err(m) = self.rule_set(zone) {
            out.push(FieldError::new("recurrence", m));
        }
        if !self.exceptions.is_empty() && self.recurrence.is_none() {
            out.push(FieldError::new("exceptions", "Only a recurring window has exceptions."));
        }
        out
    }

    /// The occurrences that overlap `[from, to)` (instants), in order. A window whose rule cannot
    /// be read has none (windows are checked before they are stored).
    pub fn occurrences(&self, index: usize, zone: PlanZone, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        if !crate::dates::in_range(self.start.date()) || !crate::dates::in_range(self.end.date()) {
            return vec![]; // a broken document's window: nothing to expand
        }
        let length = self.end - self.start;
        let make = |start: NaiveDateTime| {
            let end = start + length;
            Occurrence { window: index, start, end, start_utc: zone.instant(start), end_utc: zone.instant(end) }
        };
        let overlaps = |o: &Occurrence| o.start_utc < to && o.end_utc > from;
        match self.rule_set(zone) {
            Ok(None) => Some(make(self.start)).filter(overlaps).into_iter().collect(),
            Ok(Some(set)) => {
                // The range on the wall clock: an occurrence that starts up to one window length
                // before it may still reach into it, and a day each side covers the zone's offset.
                let after = wall(zone.local(from - length - TimeDelta::days(1)));
                let before = wall(zone.local(to).checked_add_signed(TimeDelta::days(1)).unwrap_or(NaiveDateTime::MAX));
                set.after(after)
                    .before(before)
                    .all(MAX_OCCURRENCES)
                    .dates
                    .into_iter()
                    .map(|d| make(d.naive_utc()))
                    .filter(overlaps)
                    .collect()
            }
            Err(_) => vec![],
        }
    }
}

/// The occurrences of every window in `[from, to)`, sorted by start.
pub fn occurrences(
    windows: &[ChangeWindow],
    zone: PlanZone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Occurrence> {
    let mut out: Vec<Occurrence> =
        windows.iter().enumerate().flat_map(|(i, w)| w.occurrences(i, zone, from, to)).collect();
    out.sort_by_key(|o| (o.start_utc, o.window));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        s.parse().unwrap()
    }
    fn u(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }
    fn window(kind: WindowKind, start: &str, end: &str, rule: Option<&str>) -> ChangeWindow {
        ChangeWindow {
            name: "w".into(),
            kind,
            reason: String::new(),
            scope: Scope::default(),
            start: t(start),
            end: t(end),
            all_day: false,
            recurrence: rule.map(str::to_owned),
            exceptions: vec![],
        }
    }

    #[test]
    fn a_green_zone_on_tuesday_and_thursday_nights_crosses_midnight() {
        let london = PlanZone::parse("Europe/London").unwrap();
        // Tue 2 March 2027, 22:00 to 02:00.
        let w = window(
            WindowKind::GreenZone,
            "2027-03-02T22:00:00",
            "2027-03-03T02:00:00",
            Some("FREQ=WEEKLY;BYDAY=TU,TH"),
        );
        let o = w.occurrences(0, london, u("2027-03-01T00:00:00Z"), u("2027-04-01T00:00:00Z"));
        let starts: Vec<String> = o.iter().map(|o| o.start.format("%a %d %H:%M").to_string()).collect();
        assert_eq!(starts[..4], ["Tue 02 22:00", "Thu 04 22:00", "Tue 09 22:00", "Thu 11 22:00"]);
        assert_eq!(o.len(), 9);
        // The night of Thu 25 March is in GMT, the one of Tue 30 March in BST: the same wall
        // time, an hour apart in UTC.
        let last = o.last().unwrap();
        assert_eq!(last.start, t("2027-03-30T22:00:00"));
        assert_eq!(last.start_utc, u("2027-03-30T21:00:00Z"));
        assert_eq!(last.end_utc - last.start_utc, chrono::TimeDelta::hours(4));
    }

    #[test]
    fn the_last_three_working_days_of_each_month() {
        let zone = PlanZone::default();
        let w = window(
            WindowKind::Blackout,
            "2027-01-27T00:00:00",
            "2027-01-28T00:00:00",
            Some("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1"),
        );
        let o = w.occurrences(0, zone, u("2027-02-01T00:00:00Z"), u("2027-03-01T00:00:00Z"));
        let days: Vec<String> = o.iter().map(|o| o.start.format("%d").to_string()).collect();
        assert_eq!(days, ["24", "25", "26"]);
    }

    #[test]
    fn exceptions_leave_occurrences_out_and_a_range_cuts_the_rest() {
        let zone = PlanZone::default();
        let mut w =
            window(WindowKind::Maintenance, "2027-01-02T06:00:00", "2027-01-02T08:00:00", Some("FREQ=WEEKLY;COUNT=4"));
        w.exceptions = vec![t("2027-01-09T06:00:00")];
        let o = w.occurrences(0, zone, u("2026-01-01T00:00:00Z"), u("2028-01-01T00:00:00Z"));
        let days: Vec<u32> = o.iter().map(|o| chrono::Datelike::day(&o.start)).collect();
        assert_eq!(days, [2, 16, 23]);
        // An occurrence that started before the range but reaches into it is in it.
        let o = w.occurrences(0, zone, u("2027-01-16T07:00:00Z"), u("2027-01-17T00:00:00Z"));
        assert_eq!(o.len(), 1);
    }

    #[test]
    fn bad_windows_are_named_by_field() {
        let zone = PlanZone::default();
        let known = Known { environments: ["Prod".to_owned()].into(), ..Known::default() };
        let mut w = window(WindowKind::Freeze, "2027-12-20T00:00:00", "2027-12-19T00:00:00", None);
        w.scope.environments = vec!["Prdo".into()];
        let errors = w.check(&known, zone);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["end", "scope.environments"], "{errors:?}");
        assert!(errors[0].message.contains("2027-12-19 00:00") && errors[1].message.contains("\"Prdo\""));

        let mut w = window(WindowKind::GreenZone, "2027-03-02T22:00:00", "2027-03-03T02:00:00", Some("FREQ=HOURLY"));
        assert_eq!(w.check(&known, zone)[0].field, "recurrence");
        w.recurrence = Some("FREQ=WEEKLY;BYDAY=XX".into());
        let e = w.check(&known, zone);
        assert!(e[0].message.contains("BYDAY=XX"), "{e:?}");
        w.recurrence = Some("FREQ=WEEKLY;BYDAY=TU,TH".into());
        assert!(w.check(&known, zone).is_empty());
    }
}
