//! Reading one `VEVENT` as the parser gives it: its texts, its times as the file wrote them
//! (a DATE, a floating time, a UTC time or a time in a named zone), its rule, exceptions and
//! extra dates, each with the line it came from.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use icalendar::parser::Component;
use icalendar::{CalendarDateTime, DatePerhapsTime};

use super::outline::{Outline, Span};
use super::zones::{self, Defined};

/// A DATE or DATE-TIME as the file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, Tz),
}

impl Stamp {
    /// How a message shows it: `2027-03-01`, `2027-03-01 10:00 Europe/Berlin`.
    pub fn show(self) -> String {
        let t = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
        match self {
            Stamp::Date(d) => d.format("%Y-%m-%d").to_string(),
            Stamp::Floating(x) => t(x),
            Stamp::Utc(u) => format!("{} UTC", t(u.naive_utc())),
            Stamp::Zoned(x, tz) => format!("{} {}", t(x), tz.name()),
        }
    }
}

/// How long an event lasts by its DURATION: whole days (nominal: the same wall-clock time so many
/// days on) and the rest (exact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Length {
    pub days: i64,
    pub exact: TimeDelta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    At(Stamp),
    For(Length),
    Unsaid,
}

/// The lines of an event's parts, for messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct Lines {
    pub event: usize,
    pub summary: usize,
    pub description: usize,
    pub start: usize,
    pub end: usize,
    pub rule: usize,
    pub exdate: usize,
}

#[derive(Debug, Clone)]
pub struct Vevent {
    pub lines: Lines,
    pub uid: Option<String>,
    pub summary: String,
    pub description: String,
    pub cancelled: bool,
    pub start: Stamp,
    pub end: End,
    pub rule: Option<String>,
    pub exdates: Vec<Stamp>,
    pub rdates: Vec<Stamp>,
    pub recurrence_id: Option<Stamp>,
}

/// One property, its name and parameter names in upper case, with its line.
struct Prop {
    name: String,
    value: String,
    params: Vec<(String, String)>,
    line: usize,
}

impl Prop {
    fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn props(comp: &Component<'_>, span: &Span, outline: &Outline) -> Vec<Prop> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let lines = outline.property_lines(span);
    comp.properties
        .iter()
        .map(|p| {
            let name = p.name.as_str().to_ascii_uppercase();
            let count = seen.entry(name.clone()).or_default();
            let nth = *count;
            *count += 1;
            // The parser unescapes the TEXT of the properties it knows by their upper-case name.
            let value = if p.name.as_str() != name && matches!(name.as_str(), "SUMMARY" | "DESCRIPTION") {
                p.val.clone().unescape_text().as_str().to_owned()
            } else {
                p.val.as_str().to_owned()
            };
            let params = p
                .params
                .iter()
                .map(|q| (q.key.as_str().to_ascii_uppercase(), q.val.as_ref().map_or("", |v| v.as_str()).to_owned()))
                .collect();
            let line = lines.get(name.as_str()).and_then(|l| l.get(nth)).copied().unwrap_or(span.line);
            Prop { name, value, params, line }
        })
        .collect()
}

/// The DATE or DATE-TIME values of a property (EXDATE and RDATE may list several).
fn stamps(prop: &Prop, defined: &Defined) -> Result<Vec<Stamp>, String> {
    let kind = prop.param("VALUE").map(str::to_ascii_uppercase);
    if kind.as_deref() == Some("PERIOD") {
        return Err(format!("line {}: {} periods (VALUE=PERIOD) are not supported", prop.line, prop.name));
    }
    let mut out = vec![];
    for part in prop.value.split(',').map(str::trim) {
        let mut p = icalendar::Property::new(prop.name.as_str(), part);
        for (key, val) in &prop.params {
            if key == "VALUE" {
                p.add_parameter(key, &val.to_ascii_uppercase());
            } else if key == "TZID" {
                p.add_parameter(key, val);
            }
        }
        let parsed = DatePerhapsTime::from_property(&p).ok_or_else(|| {
            let what = if kind.as_deref() == Some("DATE") {
                "a date (YYYYMMDD)"
            } else {
                "a date-time (YYYYMMDDTHHMMSS, or with Z for UTC)"
            };
            format!("line {}: {} {part:?} is not {what}", prop.line, prop.name)
        })?;
        out.push(match parsed {
            DatePerhapsTime::Date(d) => Stamp::Date(d),
            DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => Stamp::Floating(t),
            DatePerhapsTime::DateTime(CalendarDateTime::Utc(u)) => Stamp::Utc(u),
            DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
                let tz = zones::resolve(&tzid, defined).ok_or_else(|| {
                    format!(
                        "line {}: unknown TZID {tzid:?}: Runway reads IANA names (Europe/Berlin), the Windows \
                         names Outlook writes (W. Europe Standard Time) and zones whose VTIMEZONE has an \
                         X-LIC-LOCATION",
                        prop.line
                    )
                })?;
                Stamp::Zoned(date_time, tz)
            }
        });
    }
    Ok(out)
}

fn one(prop: &Prop, defined: &Defined) -> Result<Stamp, String> {
    let mut all = stamps(prop, defined)?;
    match all.len() {
        1 => Ok(all.remove(0)),
        _ => Err(format!("line {}: {} holds {} values; it takes one", prop.line, prop.name, all.len())),
    }
}

fn length(prop: &Prop) -> Result<Length, String> {
    let value = prop.value.trim();
    let bad = |why: &str| format!("line {}: DURATION {value:?} {why}", prop.line);
    if value.starts_with('-') {
        return Err(bad("is negative: an event ends after it starts"));
    }
    let value = value.trim_start_matches('+');
    // RFC 5545 has weeks alone (`P2W`); the iso8601 crate reads `PT1W` as no time at all.
    let weeks_alone =
        value.strip_prefix('P').and_then(|v| v.strip_suffix('W')).is_some_and(|n| n.parse::<u32>().is_ok());
    let d = iso8601::duration(value)
        .ok()
        .filter(|_| weeks_alone || !value.contains(['W', 'w']))
        .ok_or_else(|| bad("is not a duration (P1D, PT1H30M, P2W)"))?;
    match d {
        iso8601::Duration::Weeks(w) => Ok(Length { days: 7 * i64::from(w), exact: TimeDelta::zero() }),
        iso8601::Duration::YMDHMS { year, month, .. } if year != 0 || month != 0 => {
            Err(bad("counts years or months, which RFC 5545 durations do not"))
        }
        iso8601::Duration::YMDHMS { day, hour, minute, second, millisecond, .. } => Ok(Length {
            days: i64::from(day),
            exact: TimeDelta::hours(hour.into())
                + TimeDelta::minutes(minute.into())
                + TimeDelta::seconds(second.into())
                + TimeDelta::milliseconds(millisecond.into()),
        }),
    }
}

/// Reads a VEVENT (`span` is where it is in the file).
pub fn read(comp: &Component<'_>, span: &Span, outline: &Outline, defined: &Defined) -> Result<Vevent, String> {
    let mut lines = Lines { event: span.line, ..Lines::default() };
    let (mut uid, mut summary, mut description, mut cancelled) = (None, String::new(), String::new(), false);
    let (mut start, mut dtend, mut duration, mut rule, mut recurrence_id) = (None, None, None, None, None);
    let (mut exdates, mut rdates) = (vec![], vec![]);
    let twice = |p: &Prop| format!("line {}: a second {} in one event", p.line, p.name);
    for p in props(comp, span, outline) {
        match p.name.as_str() {
            "UID" => uid = Some(p.value.trim().to_owned()),
            "SUMMARY" => (summary, lines.summary) = (p.value.clone(), p.line),
            "DESCRIPTION" => (description, lines.description) = (p.value.clone(), p.line),
            "STATUS" => cancelled = p.value.trim().eq_ignore_ascii_case("CANCELLED"),
            "DTSTART" if start.is_some() => return Err(twice(&p)),
            "DTSTART" => (start, lines.start) = (Some(one(&p, defined)?), p.line),
            "DTEND" if dtend.is_some() => return Err(twice(&p)),
            "DTEND" => dtend = Some((End::At(one(&p, defined)?), p.line)),
            "DURATION" if duration.is_some() => return Err(twice(&p)),
            "DURATION" => duration = Some((End::For(length(&p)?), p.line)),
            "RRULE" if rule.is_some() => return Err(format!("{}: Runway reads one rule per event", twice(&p))),
            "RRULE" => (rule, lines.rule) = (Some(p.value.trim().to_owned()), p.line),
            "EXRULE" => return Err(format!("line {}: EXRULE is not supported (RFC 5545 dropped it)", p.line)),
            "EXDATE" => {
                if exdates.is_empty() {
                    lines.exdate = p.line;
                }
                exdates.extend(stamps(&p, defined)?);
            }
            "RDATE" => rdates.extend(stamps(&p, defined)?),
            "RECURRENCE-ID" if p.param("RANGE").is_some_and(|r| r.eq_ignore_ascii_case("THISANDFUTURE")) => {
                return Err(format!("line {}: RECURRENCE-ID;RANGE=THISANDFUTURE is not supported", p.line));
            }
            "RECURRENCE-ID" => recurrence_id = Some(one(&p, defined)?),
            _ => {}
        }
    }
    let Some(start) = start else {
        let what = if summary.trim().is_empty() { String::new() } else { format!(" {:?}", summary.trim()) };
        return Err(format!("line {}: the event{what} has no DTSTART", span.line));
    };
    // RFC 5545 has one or the other; Thunderbird writes DURATION:PT0S beside a moved occurrence's
    // DTEND. DTEND wins.
    let end = match dtend.or(duration) {
        Some((end, line)) => {
            lines.end = line;
            end
        }
        None => End::Unsaid,
    };
    for l in [&mut lines.summary, &mut lines.description, &mut lines.end, &mut lines.rule, &mut lines.exdate] {
        if *l == 0 {
            *l = lines.start;
        }
    }
    Ok(Vevent { lines, uid, summary, description, cancelled, start, end, rule, exdates, rdates, recurrence_id })
}
