//! The writer: a portfolio as an MSPDI document that MS Project, ProjectLibre and GanttProject
//! open, with quick-xml's `Writer` (every text escaped by quick-xml; characters XML 1.0 forbids
//! are left out first).
//!
//! The mapping:
//! - the project: `SaveVersion` 14, `Name` (the file's name, as MS Project writes it), `Title`
//!   (the plan's name), `MinutesPerDay` 480 and one base calendar, "Standard", in which **every
//!   day** is a working day of 08:00–12:00 and 13:00–17:00: Runway counts durations and lags in
//!   calendar days, so a lag of 2 days is 2 days in MS Project too. The project summary task
//!   (UID 0, outline level 0) as MS Project writes it.
//! - each release (sorted by key): a summary task, outline level 1, named "KEY title".
//! - each of its milestones (in the order of their kinds): a task under it, outline level 2,
//!   named by the kind's label, from its planned start at 08:00 to its planned end at 17:00; one
//!   whose start is its end (no length in Runway's schedule) is an MS Project milestone, at 08:00.
//!   Actual dates become `ActualStart` (08:00) and `ActualFinish` (17:00, or 08:00 for a
//!   milestone), with `PercentComplete` 100 once it has finished. The portfolio's baselines hold
//!   its planned dates: the newest baseline is MSPDI's baseline 0, the next newest 1, and so on
//!   up to 10 (older ones are left out: MSPDI has eleven); a summary task's baseline spans its
//!   milestones'.
//! - the deployment window: a task "Deployment window" under its release, at its exact times.
//! - tasks are manually scheduled (`Manual` 1): the file shows the plan as Runway holds it, and
//!   MS Project does not move a task on opening it.
//! - dependencies: a `PredecessorLink` on the successor, `Type` FF 0, FS 1, SF 2, SS 3, `LinkLag`
//!   in tenths of a minute (lag days × 480 × 10) with `LagFormat` 7 (days); a dependency on a
//!   whole release links its summary task. One whose end is not in the document is left out, as
//!   is a second link between the same two tasks.
//!
//! UIDs are given in the order of the sorted document (the project 0, then each release and its
//! tasks), so the same plan gives the same file, byte for byte.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::NAMESPACE;
use crate::model::{MilestoneKind, Release};
use crate::portfolio::Portfolio;
use crate::schedule::{DepKind, Endpoint};

/// The name of the deployment window's task.
pub const WINDOW_TASK: &str = "Deployment window";
/// MSPDI holds baselines 0 to 10.
pub const MAX_BASELINES: usize = 11;

const MINUTES_PER_DAY: i64 = 480;
const DAY_START: NaiveTime = match NaiveTime::from_hms_opt(8, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
const DAY_END: NaiveTime = match NaiveTime::from_hms_opt(17, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// The date written for a release that has neither milestones nor a window, in a plan with no
/// dates at all.
const NO_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 3) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// What a row of the file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// The project summary task or a release with tasks under it.
    Summary,
    /// A phase with a length.
    Task,
    /// A milestone without length.
    Milestone,
    /// The deployment window, at its exact times.
    Window,
}

/// One task of the file.
struct Row {
    uid: i64,
    outline_level: u32,
    outline_number: String,
    name: String,
    shape: Shape,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    actual_start: Option<NaiveDateTime>,
    actual_finish: Option<NaiveDateTime>,
    /// Baseline number, start and finish.
    baselines: Vec<(u8, NaiveDateTime, NaiveDateTime)>,
    /// Predecessor UID, kind and lag in days.
    links: Vec<(i64, DepKind, i32)>,
}

/// The portfolio as an MSPDI document; `name` is the file's name (MS Project writes it in
/// `Name`), the plan's name is the `Title`.
pub fn write(doc: &Portfolio, name: &str) -> String {
    let rows = rows(doc);
    let mut w = Writer::new_with_indent(Vec::new(), b'\t', 1);
    // Writing to memory cannot fail: quick-xml's errors here are only I/O ones.
    let _ = document(&mut w, doc, name, &rows);
    let mut text = String::from_utf8(w.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

/// Every row of the file, in outline order, with UIDs in that order.
fn rows(doc: &Portfolio) -> Vec<Row> {
    let mut releases: Vec<&Release> = doc.releases.iter().collect();
    releases.sort_by(|a, b| a.key.cmp(&b.key));
    let baselines = baselines(doc);
    let earliest = releases
        .iter()
        .flat_map(|r| r.milestones.iter().map(|m| m.planned_start).chain(r.window.map(|w| w.start.date())))
        .min()
        .unwrap_or(NO_DATE);

    let mut rows = vec![Row {
        uid: 0,
        outline_level: 0,
        outline_number: "0".into(),
        name: doc.name.clone(),
        shape: Shape::Summary,
        start: earliest.and_time(DAY_START),
        finish: earliest.and_time(DAY_START),
        actual_start: None,
        actual_finish: None,
        baselines: Vec::new(),
        links: Vec::new(),
    }];
    let mut uids: HashMap<Endpoint, i64> = HashMap::new();
    for (i, r) in releases.iter().enumerate() {
        let summary_at = rows.len();
        let uid = rows.len() as i64;
        uids.insert(Endpoint { release: r.key.clone(), milestone: None }, uid);
        let number = (i + 1).to_string();
        rows.push(Row {
            uid,
            outline_level: 1,
            outline_number: number.clone(),
            name: format!("{} {}", r.key, r.title),
            shape: Shape::Summary,
            start: earliest.and_time(DAY_START),
            finish: earliest.and_time(DAY_START),
            actual_start: None,
            actual_finish: None,
            baselines: Vec::new(),
            links: Vec::new(),
        });
        let mut milestones: Vec<_> = r.milestones.iter().collect();
        milestones.sort_by_key(|m| m.kind.clone());
        for m in milestones {
            let uid = rows.len() as i64;
            uids.insert(Endpoint { release: r.key.clone(), milestone: Some(m.kind.clone()) }, uid);
            let point = m.planned_start == m.planned_end;
            let end_time = if point { DAY_START } else { DAY_END };
            let span = |s: NaiveDate, e: NaiveDate| (s.and_time(DAY_START), e.and_time(end_time));
            let (start, finish) = span(m.planned_start, m.planned_end);
            rows.push(Row {
                uid,
                outline_level: 2,
                outline_number: format!("{number}.{}", rows.len() - summary_at),
                name: m.kind.label().into(),
                shape: if point { Shape::Milestone } else { Shape::Task },
                start,
                finish,
                actual_start: m.actual_start.map(|d| d.and_time(DAY_START)),
                actual_finish: m.actual_end.map(|d| d.and_time(end_time)),
                baselines: baselines
                    .iter()
                    .enumerate()
                    .filter_map(|(n, b)| {
                        let (s, e) = b.get(&(r.key.as_str(), m.kind.clone()))?;
                        let (s, e) = span(*s, *e);
                        Some((n as u8, s, e))
                    })
                    .collect(),
                links: Vec::new(),
            });
        }
        if let Some(w) = r.window {
            rows.push(Row {
                uid: rows.len() as i64,
                outline_level: 2,
                outline_number: format!("{number}.{}", rows.len() - summary_at),
                name: WINDOW_TASK.into(),
                shape: Shape::Window,
                start: w.start,
                finish: w.end.max(w.start),
                actual_start: None,
                actual_finish: None,
                baselines: Vec::new(),
                links: Vec::new(),
            });
        }
        roll_up(&mut rows, summary_at);
    }
    if rows.len() > 1 {
        roll_up(&mut rows, 0);
    }
    link(doc, &uids, &mut rows);
    rows
}

/// Gives the summary task at `at` the span of the rows under it (dates and baselines); a
/// release with nothing under it stays a task of no length.
fn roll_up(rows: &mut [Row], at: usize) {
    let level = rows[at].outline_level;
    let under: Vec<&Row> = rows[at + 1..].iter().take_while(|r| r.outline_level > level).collect();
    if under.is_empty() {
        rows[at].shape = Shape::Milestone;
        return;
    }
    let start = under.iter().map(|r| r.start).min();
    let finish = under.iter().map(|r| r.finish).max();
    let mut spans: BTreeMap<u8, (NaiveDateTime, NaiveDateTime)> = BTreeMap::new();
    for (n, s, e) in under.iter().filter(|r| r.outline_level == level + 1).flat_map(|r| r.baselines.iter()) {
        let span = spans.entry(*n).or_insert((*s, *e));
        *span = (span.0.min(*s), span.1.max(*e));
    }
    let row = &mut rows[at];
    row.start = start.unwrap_or(row.start);
    row.finish = finish.unwrap_or(row.finish);
    row.baselines = spans.into_iter().map(|(n, (s, e))| (n, s, e)).collect();
}

/// One baseline's planned dates by release and milestone kind.
type Frozen<'a> = HashMap<(&'a str, MilestoneKind), (NaiveDate, NaiveDate)>;

/// The planned dates of each milestone in each baseline, newest first, at most [`MAX_BASELINES`].
fn baselines(doc: &Portfolio) -> Vec<Frozen<'_>> {
    let mut list: Vec<_> = doc.baselines.iter().collect();
    list.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| a.name.cmp(&b.name)));
    list.iter()
        .take(MAX_BASELINES)
        .map(|b| {
            b.milestones
                .iter()
                .map(|m| ((m.release.as_str(), m.kind.clone()), (m.planned_start, m.planned_end)))
                .collect()
        })
        .collect()
}

/// Puts each dependency on its successor's row, in a stable order.
fn link(doc: &Portfolio, uids: &HashMap<Endpoint, i64>, rows: &mut [Row]) {
    let mut links: Vec<(i64, i64, DepKind, i32)> = doc
        .dependencies
        .iter()
        .filter_map(|d| Some((*uids.get(&d.from)?, *uids.get(&d.to)?, d.kind, d.lag_days)))
        .filter(|(from, to, ..)| from != to)
        .collect();
    links.sort_by_key(|&(from, to, kind, lag)| (to, from, kind, lag));
    let mut seen = HashSet::new();
    for (from, to, kind, lag) in links {
        if seen.insert((from, to))
            && let Some(row) = usize::try_from(to).ok().and_then(|i| rows.get_mut(i))
        {
            row.links.push((from, kind, lag));
        }
    }
}

type W = Writer<Vec<u8>>;

fn document(w: &mut W, doc: &Portfolio, name: &str, rows: &[Row]) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
    w.create_element("Project").with_attribute(("xmlns", NAMESPACE)).write_inner_content(|w| {
        field(w, "SaveVersion", "14")?;
        field(w, "Name", name)?;
        field(w, "Title", &doc.name)?;
        field(w, "ScheduleFromStart", "1")?;
        if let Some(project) = rows.first() {
            field(w, "StartDate", &time(project.start))?;
            field(w, "FinishDate", &time(project.finish))?;
        }
        field(w, "CalendarUID", "1")?;
        field(w, "DefaultStartTime", "08:00:00")?;
        field(w, "DefaultFinishTime", "17:00:00")?;
        field(w, "MinutesPerDay", &MINUTES_PER_DAY.to_string())?;
        field(w, "MinutesPerWeek", &(7 * MINUTES_PER_DAY).to_string())?;
        field(w, "DaysPerMonth", "30")?;
        field(w, "DurationFormat", "7")?;
        field(w, "WeekStartDay", "1")?;
        calendar(w)?;
        w.create_element("Tasks").write_inner_content(|w| rows.iter().try_for_each(|r| task(w, r)))?;
        Ok(())
    })?;
    Ok(())
}

/// The base calendar: every day of the week works 08:00–12:00 and 13:00–17:00.
fn calendar(w: &mut W) -> io::Result<()> {
    w.create_element("Calendars").write_inner_content(|w| {
        w.create_element("Calendar").write_inner_content(|w| {
            field(w, "UID", "1")?;
            field(w, "Name", "Standard")?;
            field(w, "IsBaseCalendar", "1")?;
            field(w, "BaseCalendarUID", "-1")?;
            w.create_element("WeekDays").write_inner_content(|w| {
                for day in 1..=7 {
                    w.create_element("WeekDay").write_inner_content(|w| {
                        field(w, "DayType", &day.to_string())?;
                        field(w, "DayWorking", "1")?;
                        w.create_element("WorkingTimes").write_inner_content(|w| {
                            for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
                                w.create_element("WorkingTime").write_inner_content(|w| {
                                    field(w, "FromTime", from)?;
                                    field(w, "ToTime", to)
                                })?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(())
    })?;
    Ok(())
}

fn task(w: &mut W, r: &Row) -> io::Result<()> {
    w.create_element("Task").write_inner_content(|w| {
        let uid = r.uid.to_string();
        field(w, "UID", &uid)?;
        field(w, "ID", &uid)?;
        field(w, "Name", &r.name)?;
        field(w, "Active", "1")?;
        let manual = if r.shape == Shape::Summary { "0" } else { "1" };
        field(w, "Manual", manual)?;
        field(w, "Type", "1")?;
        field(w, "IsNull", "0")?;
        field(w, "WBS", &r.outline_number)?;
        field(w, "OutlineNumber", &r.outline_number)?;
        field(w, "OutlineLevel", &r.outline_level.to_string())?;
        let (start, finish) = (time(r.start), time(r.finish));
        let length = duration(r.shape, r.start, r.finish);
        field(w, "Start", &start)?;
        field(w, "Finish", &finish)?;
        field(w, "Duration", &length)?;
        if manual == "1" {
            field(w, "ManualStart", &start)?;
            field(w, "ManualFinish", &finish)?;
            field(w, "ManualDuration", &length)?;
        }
        field(w, "DurationFormat", if r.shape == Shape::Window { "6" } else { "7" })?;
        field(w, "Estimated", "0")?;
        field(w, "Milestone", flag(r.shape == Shape::Milestone))?;
        field(w, "Summary", flag(r.shape == Shape::Summary))?;
        field(w, "PercentComplete", if r.actual_finish.is_some() { "100" } else { "0" })?;
        if let Some(t) = r.actual_start {
            field(w, "ActualStart", &time(t))?;
        }
        if let Some(t) = r.actual_finish {
            field(w, "ActualFinish", &time(t))?;
        }
        field(w, "ConstraintType", "0")?;
        field(w, "CalendarUID", "-1")?;
        for (from, kind, lag) in &r.links {
            w.create_element("PredecessorLink").write_inner_content(|w| {
                field(w, "PredecessorUID", &from.to_string())?;
                field(w, "Type", link_type(*kind))?;
                field(w, "CrossProject", "0")?;
                field(w, "LinkLag", &(i64::from(*lag) * MINUTES_PER_DAY * 10).to_string())?;
                field(w, "LagFormat", "7")
            })?;
        }
        for (number, start, finish) in &r.baselines {
            w.create_element("Baseline").write_inner_content(|w| {
                field(w, "Number", &number.to_string())?;
                field(w, "Start", &time(*start))?;
                field(w, "Finish", &time(*finish))?;
                field(w, "Duration", &duration(r.shape, *start, *finish))
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

/// MSPDI's `Type` of a link: FF 0, FS 1, SF 2, SS 3.
fn link_type(kind: DepKind) -> &'static str {
    match kind {
        DepKind::FinishToFinish => "0",
        DepKind::FinishToStart => "1",
        DepKind::StartToFinish => "2",
        DepKind::StartToStart => "3",
    }
}

fn flag(on: bool) -> &'static str {
    if on { "1" } else { "0" }
}

fn time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The working time from `start` to `finish` as MSPDI writes a duration (`PT8H0M0S`): 8 hours
/// for each day from 08:00 to 17:00 in the every-day calendar, the elapsed time of a window.
fn duration(shape: Shape, start: NaiveDateTime, finish: NaiveDateTime) -> String {
    let minutes = match shape {
        Shape::Milestone => 0,
        Shape::Window => (finish - start).num_minutes().max(0),
        Shape::Summary | Shape::Task => {
            let days = (finish.date() - start.date()).num_days();
            if finish.time() > start.time() { (days + 1) * MINUTES_PER_DAY } else { days * MINUTES_PER_DAY }
        }
    };
    format!("PT{}H{}M0S", minutes / 60, minutes % 60)
}

/// One element holding text, escaped by quick-xml after the characters XML 1.0 forbids (control
/// characters other than tab, line feed and carriage return; U+FFFE and U+FFFF) are left out.
fn field(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    let clean: String = value.chars().filter(|c| xml_char(*c)).collect();
    w.create_element(name).write_text_content(BytesText::new(&clean))?;
    Ok(())
}

/// Whether XML 1.0 allows the character in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_left_out_and_the_rest_escaped() {
        let mut w = Writer::new(Vec::new());
        let _ = field(&mut w, "Name", "a<b & \"c\" 'd'\u{1}\u{0}\u{b}\u{fffe}\u{ffff}\té\r");
        let text = String::from_utf8(w.into_inner()).unwrap_or_default();
        assert_eq!(text, "<Name>a&lt;b &amp; &quot;c&quot; &apos;d&apos;\té&#13;</Name>");
    }

    #[test]
    fn durations_count_eight_hours_a_day() {
        let t = |d: u32, h: u32| NaiveDate::from_ymd_opt(2027, 3, d).and_then(|d| d.and_hms_opt(h, 0, 0));
        let (Some(a), Some(b), Some(c)) = (t(1, 8), t(3, 17), t(1, 22)) else { return };
        assert_eq!(duration(Shape::Task, a, b), "PT24H0M0S");
        assert_eq!(duration(Shape::Milestone, a, a), "PT0H0M0S");
        assert_eq!(duration(Shape::Window, c, b), "PT43H0M0S");
    }
}
