//! The export: one `VCALENDAR` with the releases' deployment windows and CAB dates and the plan's
//! change windows, in the plan's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};

use super::write::{self, Lines};
use super::{is_utc, map_until, rule_body, vtimezone};
use crate::calendar::{ChangeWindow, PlanZone};
use crate::dates;
use crate::model::{MilestoneKind, Release, ReleaseStatus};

/// The `PRODID` of every export.
pub const PRODID: &str = "-//Runway//Runway release planner//EN";

/// What to export. Every object carries its `SEQUENCE` (the caller counts the changes it has
/// had: its audit entries), so a calendar program that subscribed to the file sees an update
/// when it grows.
#[derive(Debug, Clone)]
pub struct IcsInput<'a> {
    /// The calendar's name (`X-WR-CALNAME`).
    pub plan_name: &'a str,
    /// What makes the UIDs of this plan unique in the world (`deploy-REL-1@<plan_uid>`): the
    /// same plan gives the same UIDs in every export.
    pub plan_uid: &'a str,
    pub zone: PlanZone,
    /// The export's time (`DTSTAMP`), passed in: the domain has no clock.
    pub now: DateTime<Utc>,
    pub releases: Vec<IcsRelease<'a>>,
    pub windows: Vec<IcsWindow<'a>>,
    /// Only what happens on these days (both included, in the plan's zone); everything when none.
    /// A recurring window is in when one of its occurrences is.
    pub range: Option<(NaiveDate, NaiveDate)>,
}

/// A release to export: its deployment window (if planned) and its CAB dates (the planned days of
/// its CAB milestone, if it has one). Both carry the release's `SEQUENCE`; a cancelled or rejected
/// release's events are `STATUS:CANCELLED`, a draft's or a planned one's `TENTATIVE`.
#[derive(Debug, Clone, Copy)]
pub struct IcsRelease<'a> {
    pub release: &'a Release,
    pub sequence: u32,
}

/// A change window to export.
#[derive(Debug, Clone, Copy)]
pub struct IcsWindow<'a> {
    pub window: &'a ChangeWindow,
    pub sequence: u32,
}

/// When an event happens.
#[derive(Debug, Clone, Copy)]
enum When {
    /// Local times in the plan's zone, end exclusive.
    Timed(NaiveDateTime, NaiveDateTime),
    /// Whole days, end exclusive.
    Days(NaiveDate, NaiveDate),
}

impl When {
    fn span(self) -> (NaiveDateTime, NaiveDateTime) {
        match self {
            When::Timed(s, e) => (s, e),
            When::Days(s, e) => (s.and_time(NaiveTime::MIN), e.and_time(NaiveTime::MIN)),
        }
    }
}

#[derive(Debug)]
struct Item {
    uid: String,
    sequence: u32,
    summary: String,
    description: String,
    category: String,
    status: Option<&'static str>,
    when: When,
    rule: Option<String>,
    exceptions: Vec<NaiveDateTime>,
}

/// The UID of a release's deployment window.
pub fn deploy_uid(key: &str, plan_uid: &str) -> String {
    format!("deploy-{key}@{plan_uid}")
}

/// The UID of a release's CAB dates.
pub fn cab_uid(key: &str, plan_uid: &str) -> String {
    format!("cab-{key}@{plan_uid}")
}

/// The UID of a change window: from its name (unique in a plan), readable and with a hash of the
/// exact name so that `Freeze!` and `freeze?` stay apart.
pub fn window_uid(name: &str, plan_uid: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    // FNV-1a: stable across Rust versions, unlike the standard library's hasher.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("window-{slug}-{:08x}@{plan_uid}", hash as u32)
}

fn release_description(r: &Release) -> String {
    let list = |items: &[String]| if items.is_empty() { "none".to_owned() } else { items.join(", ") };
    format!(
        "Applications: {}\nEnvironments: {}\nStatus: {}\nRisk: {}",
        list(&r.applications),
        list(&r.environments),
        r.status.label(),
        r.risk.label()
    )
}

fn release_status(status: ReleaseStatus) -> &'static str {
    use ReleaseStatus::*;
    match status {
        Draft | Planned | SubmittedToCab => "TENTATIVE",
        Rejected | NotAuthorized | ClosedRejected | Cancelled => "CANCELLED",
        _ => "CONFIRMED",
    }
}

fn release_items(r: &IcsRelease<'_>, plan_uid: &str) -> Vec<Item> {
    let release = r.release;
    let mut out = vec![];
    if let Some(w) = release.window {
        out.push(Item {
            uid: deploy_uid(&release.key, plan_uid),
            sequence: r.sequence,
            summary: format!("Deploy {}: {}", release.key, release.title),
            description: release_description(release),
            category: "Deployment".into(),
            status: Some(release_status(release.status)),
            when: When::Timed(w.start, w.end),
            rule: None,
            exceptions: vec![],
        });
    }
    if let Some(cab) = release.milestones.iter().find(|m| m.kind == MilestoneKind::Cab) {
        out.push(Item {
            uid: cab_uid(&release.key, plan_uid),
            sequence: r.sequence,
            summary: format!("CAB {}: {}", release.key, release.title),
            description: release_description(release),
            category: "CAB".into(),
            status: Some(release_status(release.status)),
            when: When::Days(cab.planned_start, dates::next_day(cab.planned_end)),
            rule: None,
            exceptions: vec![],
        });
    }
    out
}

fn window_item(w: &IcsWindow<'_>, plan_uid: &str) -> Item {
    let window = w.window;
    Item {
        uid: window_uid(&window.name, plan_uid),
        sequence: w.sequence,
        summary: window.name.clone(),
        description: window.reason.clone(),
        category: window.kind.label().to_owned(),
        status: None,
        when: if window.all_day {
            When::Days(window.start.date(), window.end.date())
        } else {
            When::Timed(window.start, window.end)
        },
        rule: window.recurrence.as_deref().map(rule_body).filter(|r| !r.is_empty()).map(str::to_owned),
        exceptions: window.exceptions.clone(),
    }
}

/// Whether an item has something in `[from, to)` (instants).
fn in_range(
    item: &Item,
    window: Option<&ChangeWindow>,
    zone: PlanZone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> bool {
    match window {
        Some(w) => !w.occurrences(0, zone, from, to).is_empty(),
        None => {
            let (s, e) = item.when.span();
            zone.instant(s) < to && zone.instant(e) > from
        }
    }
}

/// The span the `VTIMEZONE` covers: whole years from the first start to the last end, the end of
/// the range, and two years past the start of an open-ended rule.
fn cover(items: &[Item], range: Option<(NaiveDate, NaiveDate)>) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let mut span: Option<(NaiveDateTime, NaiveDateTime)> = None;
    for item in items {
        let (s, mut e) = item.when.span();
        if item.rule.is_some() {
            e = e.max(s.checked_add_signed(TimeDelta::days(731)).unwrap_or(e));
        }
        span = Some(span.map_or((s, e), |(a, b)| (a.min(s), b.max(e))));
    }
    let (s, mut e) = span?;
    if let Some((_, to)) = range {
        e = e.max(dates::next_day(to).and_time(NaiveTime::MIN));
    }
    let year = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| d.and_time(NaiveTime::MIN));
    Some((year(s.year()).unwrap_or(s), year(e.year() + 1).unwrap_or(e)))
}

fn put_time(lines: &mut Lines, name: &str, t: NaiveDateTime, zone: PlanZone) {
    if is_utc(zone) {
        lines.raw(name, &[], &write::utc(zone.instant(t)));
    } else {
        lines.raw(name, &[("TZID", zone.name())], &write::local(t));
    }
}

/// An all-day rule's UNTIL as a DATE (RFC 5545 3.3.10: UNTIL has DTSTART's value type): the
/// plan's day of a UTC UNTIL.
fn until_as_date(rule: &str, zone: PlanZone) -> String {
    map_until(rule, |value| {
        let t = NaiveDateTime::parse_from_str(value.trim_end_matches(['Z', 'z']), "%Y%m%dT%H%M%S").ok()?;
        let day = if value.ends_with(['Z', 'z']) { zone.day(t.and_utc()) } else { t.date() };
        Some(write::date(day))
    })
}

fn item_lines(lines: &mut Lines, item: &Item, zone: PlanZone, stamp: &str) {
    lines.begin("VEVENT");
    lines.text("UID", &item.uid);
    lines.raw("DTSTAMP", &[], stamp);
    lines.raw("SEQUENCE", &[], &item.sequence.to_string());
    lines.text("SUMMARY", &item.summary);
    if !item.description.is_empty() {
        lines.text("DESCRIPTION", &item.description);
    }
    lines.text("CATEGORIES", &item.category);
    if let Some(status) = item.status {
        lines.raw("STATUS", &[], status);
    }
    match item.when {
        When::Timed(s, e) => {
            put_time(lines, "DTSTART", s, zone);
            put_time(lines, "DTEND", e, zone);
        }
        When::Days(s, e) => {
            lines.raw("DTSTART", &[("VALUE", "DATE")], &write::date(s));
            lines.raw("DTEND", &[("VALUE", "DATE")], &write::date(e));
        }
    }
    if let Some(rule) = &item.rule {
        match item.when {
            When::Days(..) => lines.raw("RRULE", &[], &until_as_date(rule, zone)),
            When::Timed(..) => lines.raw("RRULE", &[], rule),
        }
        for &ex in &item.exceptions {
            match item.when {
                When::Days(..) => lines.raw("EXDATE", &[("VALUE", "DATE")], &write::date(ex.date())),
                When::Timed(..) => put_time(lines, "EXDATE", ex, zone),
            }
        }
    }
    lines.end("VEVENT");
}

/// The plan's calendar as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75
/// octets. Deterministic: the same input gives the same bytes.
pub fn export(input: &IcsInput<'_>) -> String {
    let zone = input.zone;
    let range = input.range.map(|(from, to)| {
        (zone.instant(from.and_time(NaiveTime::MIN)), zone.instant(dates::next_day(to).and_time(NaiveTime::MIN)))
    });
    let mut items = vec![];
    for r in &input.releases {
        items.extend(
            release_items(r, input.plan_uid)
                .into_iter()
                .filter(|i| range.is_none_or(|(from, to)| in_range(i, None, zone, from, to))),
        );
    }
    for w in &input.windows {
        let item = window_item(w, input.plan_uid);
        if range.is_none_or(|(from, to)| in_range(&item, Some(w.window), zone, from, to)) {
            items.push(item);
        }
    }

    let mut lines = Lines::new();
    lines.begin("VCALENDAR");
    lines.text("PRODID", PRODID);
    lines.raw("VERSION", &[], "2.0");
    lines.raw("CALSCALE", &[], "GREGORIAN");
    lines.raw("METHOD", &[], "PUBLISH");
    lines.text("X-WR-CALNAME", input.plan_name);
    lines.text("X-WR-TIMEZONE", zone.name());
    if !is_utc(zone)
        && let Some((from, to)) = cover(&items, input.range)
    {
        vtimezone::write(&mut lines, zone.0, zone.instant(from), zone.instant(to));
    }
    let stamp = write::utc(input.now);
    for item in &items {
        item_lines(&mut lines, item, zone, &stamp);
    }
    lines.end("VCALENDAR");
    lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_uids_are_readable_stable_and_keep_names_apart() {
        assert_eq!(window_uid("Year-end freeze", "p1"), window_uid("Year-end freeze", "p1"));
        assert!(window_uid("Year-end freeze", "p1").starts_with("window-year-end-freeze-"));
        assert!(window_uid("Year-end freeze", "p1").ends_with("@p1"));
        assert_ne!(window_uid("Freeze!", "p"), window_uid("freeze?", "p"));
        assert!(window_uid("日本", "p").starts_with("window--"));
    }

    #[test]
    fn an_all_day_rule_ends_on_a_date() {
        let london = PlanZone::parse("Europe/London").unwrap();
        assert_eq!(until_as_date("FREQ=WEEKLY;UNTIL=20270630T230000Z", london), "FREQ=WEEKLY;UNTIL=20270701");
        assert_eq!(until_as_date("FREQ=DAILY;COUNT=3", london), "FREQ=DAILY;COUNT=3");
    }
}
