//! The import: every VEVENT of a file becomes one change window of the kind asked for (or, when
//! it recurs in a zone other than the plan's, one window per occurrence), or the file is refused
//! whole with the line and the reason.

use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::event::{self, End, Stamp, Vevent};
use super::outline::Outline;
use super::zones::{self, Defined};
use super::{is_utc, map_until, rule_body, write};
use crate::calendar::{ChangeWindow, PlanZone, Scope, WindowKind};
use crate::dates;
use crate::input::NAME_MAX_LEN;
use crate::portfolio::Known;

/// The most windows one recurring event in another zone may become.
pub const MAX_EXPANDED: u16 = 1000;
/// The largest calendar file read: a year of a busy team calendar is well under 1 MB.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// A window made from an event, with the lines it came from and the name before it was made
/// unique.
struct Made {
    window: ChangeWindow,
    base: String,
    lines: event::Lines,
}

/// The zone an event's times are read in: its DTSTART's (none for a DATE or a floating time,
/// which are the plan's wall clock).
fn frame(start: Stamp) -> Option<Tz> {
    match start {
        Stamp::Utc(_) => Some(Tz::UTC),
        Stamp::Zoned(_, tz) => Some(tz),
        Stamp::Date(_) | Stamp::Floating(_) => None,
    }
}

/// The wall-clock time a stamp shows (a DATE at midnight, a UTC time as UTC).
fn wall(s: Stamp) -> NaiveDateTime {
    match s {
        Stamp::Date(d) => d.and_time(NaiveTime::MIN),
        Stamp::Floating(t) | Stamp::Zoned(t, _) => t,
        Stamp::Utc(u) => u.naive_utc(),
    }
}

/// The instant a stamp stands for; a DATE or a floating time is read in the plan's zone.
fn instant(s: Stamp, zone: PlanZone) -> DateTime<Utc> {
    match s {
        Stamp::Utc(u) => u,
        Stamp::Zoned(t, tz) => PlanZone(tz).instant(t),
        Stamp::Date(_) | Stamp::Floating(_) => zone.instant(wall(s)),
    }
}

/// The start, on the wall clock of the master's zone, of the occurrence an EXDATE or a
/// RECURRENCE-ID names. An all-day series is named by its day (Exchange writes a midnight in its
/// own zone); a DATE in a timed series names the occurrence that day.
fn occurrence_named(s: Stamp, master: Stamp, zone: PlanZone) -> NaiveDateTime {
    if let Stamp::Date(_) = master {
        let day = match s {
            Stamp::Date(d) => d,
            Stamp::Floating(t) | Stamp::Zoned(t, _) => t.date(),
            Stamp::Utc(u) => zone.day(u),
        };
        return day.and_time(NaiveTime::MIN);
    }
    match s {
        Stamp::Date(d) => d.and_time(wall(master).time()),
        Stamp::Floating(t) => t,
        other => frame(master).map_or(zone, PlanZone).local(instant(other, zone)),
    }
}

/// The rule with its UNTIL in UTC, as `rrule` needs it beside a zoned start: a DATE is the start
/// of that day for an all-day event and its last second for a timed one, a floating time is read
/// in the event's zone.
fn until_in_utc(rule: &str, all_day: bool, fzone: PlanZone) -> String {
    map_until(rule, |value| {
        if value.ends_with(['Z', 'z']) {
            return None;
        }
        let t = match NaiveDate::parse_from_str(value, "%Y%m%d") {
            Ok(d) if all_day => d.and_time(NaiveTime::MIN),
            Ok(d) => d.and_hms_opt(23, 59, 59)?,
            Err(_) => NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?,
        };
        Some(write::utc(fzone.instant(t)))
    })
}

fn clean_name(summary: &str) -> String {
    let name =
        summary.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>();
    if name.is_empty() { "Untitled event".to_owned() } else { name.join(" ").chars().take(NAME_MAX_LEN).collect() }
}

/// The windows one event makes; `extra` are the occurrences its overrides replace.
fn build(
    ev: &Vevent,
    extra: &[NaiveDateTime],
    zone: PlanZone,
    kind: WindowKind,
    source: &str,
) -> Result<Vec<Made>, String> {
    let lines = ev.lines;
    let all_day = matches!(ev.start, Stamp::Date(_));
    let frame_tz = frame(ev.start);
    let fzone = frame_tz.map_or(zone, PlanZone);
    let start_wall = wall(ev.start);
    let too_long = || format!("line {}: the DURATION takes the event past the year 9999", lines.end);
    let ends_before = |end: String, start: String| {
        Err(format!("line {}: the event ends ({end}) before or when it starts ({start})", lines.end))
    };
    // Start and end: plan wall-clock times for an all-day event, instants for a timed one.
    let (start_i, end_i, end_wall) = if all_day {
        let start_day = start_wall.date();
        let end_day = match ev.end {
            End::At(Stamp::Date(d)) if d == start_day => start_day.succ_opt().unwrap_or(d),
            End::At(Stamp::Date(d)) => d,
            End::At(_) => return Err(format!("line {}: DTEND must be a date (VALUE=DATE), as DTSTART is", lines.end)),
            End::For(l) if l.exact.num_seconds() % 86_400 == 0 => TimeDelta::try_days(l.days + l.exact.num_days())
                .and_then(|d| start_day.checked_add_signed(d))
                .ok_or_else(too_long)?,
            End::For(_) => {
                return Err(format!("line {}: an all-day event lasts whole days (P1D, not PT5H)", lines.end));
            }
            End::Unsaid => start_day.succ_opt().unwrap_or(start_day),
        };
        if end_day <= start_day {
            return ends_before(end_day.to_string(), start_day.to_string());
        }
        let end_wall = end_day.and_time(NaiveTime::MIN);
        (zone.instant(start_wall), zone.instant(end_wall), end_wall)
    } else {
        let start_i = instant(ev.start, zone);
        let end_i = match ev.end {
            End::At(Stamp::Date(_)) => {
                return Err(format!("line {}: DTEND must be a date-time, as DTSTART is", lines.end));
            }
            End::At(s) => instant(s, zone),
            End::For(l) => TimeDelta::try_days(l.days)
                .and_then(|d| start_wall.checked_add_signed(d))
                .filter(|t| dates::check_datetime(*t).is_none())
                .and_then(|t| fzone.instant(t).checked_add_signed(l.exact))
                .ok_or_else(too_long)?,
            End::Unsaid => {
                return Err(format!(
                    "line {}: the event has no DTEND or DURATION, so it lasts no time: a window needs an end",
                    lines.start
                ));
            }
        };
        if end_i <= start_i {
            let show = |t| Stamp::Zoned(fzone.local(t), fzone.0).show();
            return ends_before(show(end_i), show(start_i));
        }
        // Every later step adds to these: keep them in the years a plan holds.
        for (t, line) in [(start_i, lines.start), (end_i, lines.end)] {
            if let Some(m) = dates::check_utc(t) {
                return Err(format!("line {line}: {m}"));
            }
        }
        (start_i, end_i, zone.local(end_i))
    };
    let name = clean_name(&ev.summary);
    let reason = match ev.description.trim() {
        "" => format!("Imported from {source}"),
        d => d.to_owned(),
    };
    let made =
        |start: NaiveDateTime, end: NaiveDateTime, recurrence: Option<String>, exceptions: Vec<NaiveDateTime>| Made {
            window: ChangeWindow {
                name: name.clone(),
                kind,
                reason: reason.clone(),
                scope: Scope::default(),
                start,
                end,
                all_day,
                recurrence,
                exceptions,
            },
            base: name.clone(),
            lines,
        };
    let rule = ev.rule.as_deref().map(|r| until_in_utc(r, all_day, fzone));
    let mut exceptions: Vec<NaiveDateTime> =
        ev.exdates.iter().map(|&s| occurrence_named(s, ev.start, zone)).chain(extra.iter().copied()).collect();
    exceptions.sort();
    exceptions.dedup();

    let mut out = vec![];
    let same_zone = frame_tz.is_none_or(|tz| tz == zone.0 || (zones::is_utc_tz(tz) && is_utc(zone)));
    let length = end_i - start_i;
    if same_zone {
        let start = if all_day { start_wall } else { zone.local(start_i) };
        let exceptions = if rule.is_some() { exceptions } else { vec![] };
        out.push(made(start, end_wall, rule, exceptions));
        let wall_length = end_wall - start;
        for &r in &ev.rdates {
            let s = occurrence_named(r, ev.start, zone);
            out.push(made(s, s.checked_add_signed(wall_length).ok_or_else(too_long)?, None, vec![]));
        }
    } else {
        let starts = match &rule {
            Some(rule) => expand(ev, rule, &exceptions, (start_i, end_i), fzone, zone, kind)?,
            None => vec![start_i],
        };
        let rdates = ev.rdates.iter().map(|&r| instant(r, fzone));
        for s in starts.into_iter().chain(rdates) {
            out.push(made(zone.local(s), zone.local(s.checked_add_signed(length).ok_or_else(too_long)?), None, vec![]));
        }
    }
    Ok(out)
}

/// The starts of a rule that recurs in `fzone`, not the plan's zone: a rule cannot be replayed
/// on another zone's clock (a weekly 09:00 in New York is 14:00 in London most weeks, 13:00 for
/// a few), so each occurrence becomes a window. Until the rule's COUNT or UNTIL, else for two
/// years from the start; at most [`MAX_EXPANDED`].
fn expand(
    ev: &Vevent,
    rule: &str,
    exceptions: &[NaiveDateTime],
    (start_i, end_i): (DateTime<Utc>, DateTime<Utc>),
    fzone: PlanZone,
    zone: PlanZone,
    kind: WindowKind,
) -> Result<Vec<DateTime<Utc>>, String> {
    let line = ev.lines.rule;
    // The rule is checked as a window in its own zone would be.
    let probe = ChangeWindow {
        name: "probe".into(),
        kind,
        reason: String::new(),
        scope: Scope::default(),
        start: wall(ev.start),
        end: fzone.local(end_i),
        all_day: false,
        recurrence: Some(rule.to_owned()),
        exceptions: vec![],
    };
    if let Some(e) = probe.check(&Known::default(), fzone).into_iter().find(|e| e.field == "recurrence") {
        return Err(format!("line {line}: {}", e.message));
    }
    let body = rule_body(rule);
    let rtz = rrule::Tz::Tz(fzone.0);
    let parsed: rrule::RRule<rrule::Unvalidated> = body.parse().map_err(|e| format!("line {line}: {e}"))?;
    let mut set = parsed.build(start_i.with_timezone(&rtz)).map_err(|e| format!("line {line}: {e}"))?;
    for &ex in exceptions {
        set = set.exdate(fzone.instant(ex).with_timezone(&rtz));
    }
    let bounded = body.to_ascii_uppercase().split(';').any(|p| p.starts_with("COUNT=") || p.starts_with("UNTIL="));
    if !bounded {
        let two_years = wall(ev.start).checked_add_months(Months::new(24)).map_or(end_i, |t| fzone.instant(t));
        set = set.before(two_years.with_timezone(&rtz));
    }
    let dates = set.all(MAX_EXPANDED + 1).dates;
    if dates.len() > usize::from(MAX_EXPANDED) {
        return Err(format!(
            "line {line}: the event recurs more than {MAX_EXPANDED} times in {}, which is not the plan's time zone \
             ({}): each occurrence would become a window; shorten the rule or import it into a plan in that zone",
            fzone.name(),
            zone.name()
        ));
    }
    Ok(dates.into_iter().map(|d| d.with_timezone(&Utc)).collect())
}

/// Names shared by several windows get the day of each (and then its time, and then a number).
fn make_unique(made: &mut [Made]) {
    let with = |base: &str, suffix: &str| {
        let keep = NAME_MAX_LEN.saturating_sub(suffix.chars().count());
        format!("{}{suffix}", base.chars().take(keep).collect::<String>().trim_end())
    };
    for m in made.iter_mut() {
        m.window.name = with(&m.base, "");
    }
    let shared = |made: &[Made]| {
        let mut count: HashMap<String, usize> = HashMap::new();
        for m in made {
            *count.entry(m.window.name.clone()).or_default() += 1;
        }
        made.iter().map(|m| count[&m.window.name] > 1).collect::<Vec<_>>()
    };
    for format in [" (%Y-%m-%d)", " (%Y-%m-%d %H:%M)"] {
        let flags = shared(made);
        for (m, shared) in made.iter_mut().zip(flags) {
            if shared {
                m.window.name = with(&m.base, &m.window.start.format(format).to_string());
            }
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for m in made.iter_mut() {
        let n = seen.entry(m.window.name.clone()).or_default();
        *n += 1;
        if *n > 1 {
            m.window.name = with(&m.window.name, &format!(" #{n}"));
        }
    }
}

/// The parser's complaint, at the line of the file it means.
fn parse_error(message: &str, outline: &Outline) -> String {
    let number = |s: &str| s.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<usize>().ok());
    let at = message.find("at line ").and_then(|i| number(&message[i + 8..]));
    let what = message.find(", in ").map_or("", |i| message[i + 5..].split(':').next().unwrap_or("").trim());
    let line = outline.unfolded_line(at.unwrap_or(1));
    format!(
        "line {line}: the iCalendar parser stops here ({what}): a property or parameter at or after it is malformed"
    )
}

/// The change windows of an iCalendar file, all of kind `kind` and with an empty scope (the caller
/// sets it), or the first problem with its line (`line 12: DTSTART "20271301" is not a date
/// (YYYYMMDD)`) and none. `source_name` (the file's name) is the reason of an event without a
/// DESCRIPTION. See the module's documentation for what is read and how.
pub fn import(text: &str, zone: PlanZone, kind: WindowKind, source_name: &str) -> Result<Vec<ChangeWindow>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "line 1: the file is {} MB; a calendar of change windows is read up to {} MB",
            text.len().div_ceil(1 << 20),
            MAX_BYTES >> 20
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let outline = Outline::read(text)?;
    let unfolded = icalendar::parser::unfold(text);
    let calendar = icalendar::parser::read_calendar(&unfolded).map_err(|e| parse_error(&e, &outline))?;
    let children = match calendar.components.as_slice() {
        [root] if root.name.as_str().eq_ignore_ascii_case("VCALENDAR") => &root.components,
        all => all,
    };
    if children.len() != outline.children.len() {
        return Err(format!(
            "line 1: the file holds {} components, of which the parser read {}",
            outline.children.len(),
            children.len()
        ));
    }
    let mut defined = Defined::new();
    for c in children.iter().filter(|c| c.name.as_str().eq_ignore_ascii_case("VTIMEZONE")) {
        let prop = |name: &str| c.properties.iter().find(|p| p.name.as_str().eq_ignore_ascii_case(name));
        if let Some(tzid) = prop("TZID") {
            defined.insert(
                tzid.val.as_str().trim().to_owned(),
                prop("X-LIC-LOCATION").map(|p| p.val.as_str().trim().to_owned()),
            );
        }
    }
    let mut events = vec![];
    for (c, span) in children.iter().zip(&outline.children) {
        if span.name == "VEVENT" {
            events.push(event::read(c, span, &outline, &defined)?);
        }
    }

    // Overrides (RECURRENCE-ID): the occurrence they replace leaves its series; a cancelled one
    // only leaves it. An override of a single event replaces the event.
    let mut master_of: HashMap<&str, usize> = HashMap::new();
    for (i, ev) in events.iter().enumerate() {
        if let (None, Some(uid)) = (ev.recurrence_id, ev.uid.as_deref()) {
            master_of.entry(uid).or_insert(i);
        }
    }
    let mut extra = vec![vec![]; events.len()];
    let mut skip: Vec<bool> = events.iter().map(|e| e.cancelled).collect();
    for (i, ev) in events.iter().enumerate() {
        let Some(rid) = ev.recurrence_id else { continue };
        let Some(&m) = ev.uid.as_deref().and_then(|u| master_of.get(u)) else { continue };
        let master = &events[m];
        if master.cancelled {
            skip[i] = true;
        } else if master.rule.is_none() && master.rdates.is_empty() {
            skip[m] = true;
        } else {
            extra[m].push(occurrence_named(rid, master.start, zone));
        }
    }
    // Built and checked in the file's order, so that the first problem in the file is the one
    // named.
    let mut made = vec![];
    for (i, ev) in events.iter().enumerate() {
        if skip[i] {
            continue;
        }
        for m in build(ev, &extra[i], zone, kind, source_name)? {
            check(&m, zone)?;
            made.push(m);
        }
    }
    make_unique(&mut made);
    Ok(made.into_iter().map(|m| m.window).collect())
}

/// The window's own checks ([`ChangeWindow::check`]), at the line of the part at fault.
fn check(m: &Made, zone: PlanZone) -> Result<(), String> {
    let Some(e) = m.window.check(&Known::default(), zone).into_iter().next() else { return Ok(()) };
    let l = m.lines;
    let line = match e.field.as_str() {
        "name" => l.summary,
        "reason" => l.description,
        "start" | "all_day" => l.start,
        "end" => l.end,
        "recurrence" => l.rule,
        "exceptions" => l.exdate,
        _ => l.event,
    };
    Err(format!("line {line}: {}", e.message))
}
