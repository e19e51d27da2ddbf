//! The reader: a first pass over the XML (well-formed, not too deep, the root `Project` in the
//! MSPDI namespace, not too many tasks), then serde (quick-xml) into raw strings, then every value
//! parsed and checked here, so a problem names its element.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use quick_xml::events::Event;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::{
    Baseline, LagFormat, LagValue, Link, LinkKind, MAX_BYTES, MAX_DEPTH, MAX_PROBLEMS, MAX_TASKS, NAMESPACE, Problem,
    Project, ReadError, Task,
};
use crate::dates;

/// Reads an MSPDI file (UTF-8, or UTF-16 with a byte-order mark) into a [`Project`], or refuses
/// it whole with every problem named by its element.
pub fn read(bytes: &[u8]) -> Result<Project, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(one(
            "file",
            format!("{} bytes is more than the {} MiB an MS Project XML file may have", bytes.len(), MAX_BYTES >> 20),
        ));
    }
    let text = decode(bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    first_pass(text)?;
    let raw: RawProject = quick_xml::de::from_str(text)
        .map_err(|e| one("Project", format!("the file does not have MS Project's layout: {e}")))?;
    convert(raw)
}

fn one(element: &str, message: String) -> ReadError {
    ReadError { problems: vec![Problem { element: element.to_owned(), message }] }
}

/// The file's text: UTF-8 (a BOM or none) or UTF-16 with its BOM.
fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, bad) = encoding.decode(bytes);
        if bad {
            return Err(one(
                "file",
                format!("the file is not valid {} text: not an MS Project XML file", encoding.name()),
            ));
        }
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        one(
            "file",
            format!(
                "the file is not UTF-8 text (byte {} is not UTF-8): not an MS Project XML file",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The line of a byte position, for a syntax error.
fn line_of(text: &str, pos: u64) -> usize {
    let end = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// Checks the XML is well-formed, no deeper than [`MAX_DEPTH`], rooted in an MSPDI `Project`,
/// and holds at most [`MAX_TASKS`] tasks, before serde reads it.
fn first_pass(text: &str) -> Result<(), ReadError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut open: Vec<String> = Vec::new();
    let mut root_seen = false;
    let mut tasks = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            let line = line_of(text, reader.error_position());
            one(&format!("line {line}"), format!("not well-formed XML: {e}"))
        })?;
        let (e, opens) = match event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::DocType(_) => {
                return Err(one("DOCTYPE", "a document type declaration: MS Project XML files have none".into()));
            }
            Event::Text(t) if open.is_empty() && !t.trim().is_empty() => {
                let line = line_of(text, reader.buffer_position());
                return Err(one(
                    &format!("line {line}"),
                    "text outside the root element: not an MS Project XML file".into(),
                ));
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = e.local_name().as_ref().to_owned();
        if open.is_empty() {
            if root_seen {
                return Err(one(&name, "a second root element: not an MS Project XML file".into()));
            }
            root_seen = true;
            check_root(&e, &name)?;
        }
        if name == "Task" && open.len() == 2 && open[1] == "Tasks" {
            tasks += 1;
            if tasks > MAX_TASKS {
                return Err(one("Tasks", format!("more than {MAX_TASKS} tasks: the file is refused")));
            }
        }
        if opens {
            if open.len() >= MAX_DEPTH {
                let line = line_of(text, reader.buffer_position());
                return Err(one(
                    &format!("line {line}"),
                    format!("<{name}> is nested more than {MAX_DEPTH} elements deep: not an MS Project XML file"),
                ));
            }
            open.push(name);
        }
    }
    if !root_seen {
        return Err(one("file", "no XML element: not an MS Project XML file".into()));
    }
    if let Some(name) = open.last() {
        return Err(one(name, format!("<{name}> is not closed: the file is cut short")));
    }
    Ok(())
}

fn check_root(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Result<(), ReadError> {
    if name != "Project" {
        return Err(one(name, format!("the root element is <{name}>, not <Project>: not an MS Project XML file")));
    }
    let ns = e.attributes().flatten().find(|a| a.key.as_ref() == "xmlns").map(|a| a.value.into_owned());
    match ns.as_deref() {
        Some(NAMESPACE) => Ok(()),
        Some(other) => {
            Err(one("Project", format!("namespace {other:?}, not {NAMESPACE:?}: not an MS Project XML file")))
        }
        None => Err(one("Project", format!("no namespace: MS Project writes xmlns=\"{NAMESPACE}\""))),
    }
}

// The raw document: strings as written, parsed in `convert` so a problem names its element.

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawProject {
    name: Option<String>,
    title: Option<String>,
    minutes_per_day: Option<String>,
    calendars: Option<RawCalendars>,
    tasks: Option<RawTasks>,
    resources: Option<RawResources>,
    assignments: Option<RawAssignments>,
    extended_attributes: Option<RawExtendedAttributes>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawCalendars {
    calendar: Vec<RawCalendar>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawCalendar {
    week_days: Option<RawWeekDays>,
    exceptions: Option<RawExceptions>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawWeekDays {
    week_day: Vec<RawWeekDay>,
}

/// A `WeekDay` with `DayType` 0 is an exception (MSPDI before Project 2007).
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawWeekDay {
    day_type: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawExceptions {
    exception: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawResources {
    resource: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawAssignments {
    assignment: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawExtendedAttributes {
    extended_attribute: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawTasks {
    task: Vec<RawTask>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawTask {
    #[serde(rename = "UID")]
    uid: Option<String>,
    #[serde(rename = "ID")]
    id: Option<String>,
    name: Option<String>,
    is_null: Option<String>,
    outline_level: Option<String>,
    summary: Option<String>,
    milestone: Option<String>,
    start: Option<String>,
    finish: Option<String>,
    actual_start: Option<String>,
    actual_finish: Option<String>,
    cost: Option<String>,
    predecessor_link: Vec<RawLink>,
    baseline: Vec<RawBaseline>,
    extended_attribute: Vec<IgnoredAny>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawLink {
    #[serde(rename = "PredecessorUID")]
    predecessor_uid: Option<String>,
    #[serde(rename = "Type")]
    kind: Option<String>,
    cross_project: Option<String>,
    link_lag: Option<String>,
    lag_format: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "PascalCase")]
struct RawBaseline {
    number: Option<String>,
    start: Option<String>,
    finish: Option<String>,
}

/// A value that is present and not blank.
fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The problems found so far, capped at [`MAX_PROBLEMS`].
#[derive(Default)]
struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    fn push(&mut self, element: &str, message: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(Problem { element: element.to_owned(), message });
        } else {
            self.more += 1;
        }
    }

    fn int(&mut self, element: &str, field: &str, v: &Option<String>) -> Option<i64> {
        let s = present(v)?;
        s.parse().map_err(|_| self.push(element, format!("{field} {s:?} is not a whole number"))).ok()
    }

    fn flag(&mut self, element: &str, field: &str, v: &Option<String>) -> bool {
        match present(v) {
            None | Some("0" | "false") => false,
            Some("1" | "true") => true,
            Some(s) => {
                self.push(element, format!("{field} {s:?} is neither 0 nor 1"));
                false
            }
        }
    }

    fn date(&mut self, element: &str, field: &str, v: &Option<String>) -> Option<NaiveDateTime> {
        let s = present(v)?;
        let parsed = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"));
        match parsed {
            Err(_) => {
                self.push(element, format!("{field} {s:?} is not a date"));
                None
            }
            Ok(t) => match dates::check_datetime(t) {
                Some(why) => {
                    self.push(element, format!("{field} {why}"));
                    None
                }
                None => Some(t),
            },
        }
    }

    fn done(self) -> Option<ReadError> {
        let Problems { mut list, more } = self;
        if list.is_empty() {
            return None;
        }
        if more > 0 {
            list.push(Problem { element: "file".into(), message: format!("and {more} more problems") });
        }
        Some(ReadError { problems: list })
    }
}

/// The raw document made into a [`Project`], every value checked.
fn convert(raw: RawProject) -> Result<Project, ReadError> {
    let mut p = Problems::default();
    let minutes_per_day = match p.int("Project", "MinutesPerDay", &raw.minutes_per_day) {
        None => 480,
        Some(m) if (1..=1440).contains(&m) => u32::try_from(m).unwrap_or(480),
        Some(m) => {
            p.push("Project", format!("MinutesPerDay {m} is not between 1 and 1440"));
            480
        }
    };
    let name = present(&raw.title).or(present(&raw.name)).unwrap_or_default().to_owned();
    let calendars = raw.calendars.map(|c| c.calendar).unwrap_or_default();
    let mut calendars_with_exceptions = 0;
    let mut calendar_exceptions = 0;
    for c in &calendars {
        let old =
            c.week_days.as_ref().map_or(0, |w| w.week_day.iter().filter(|d| present(&d.day_type) == Some("0")).count());
        let new = c.exceptions.as_ref().map_or(0, |e| e.exception.len());
        if old + new > 0 {
            calendars_with_exceptions += 1;
            calendar_exceptions += old + new;
        }
    }

    let raw_tasks = raw.tasks.map(|t| t.task).unwrap_or_default();
    let mut tasks = Vec::with_capacity(raw_tasks.len());
    let mut pending: Vec<(i64, &RawLink, String)> = Vec::new();
    let mut uids: HashSet<i64> = HashSet::with_capacity(raw_tasks.len());
    let mut blank: HashSet<i64> = HashSet::new();
    let mut task_custom_values = 0;
    let mut tasks_with_cost = 0;
    for (i, t) in raw_tasks.iter().enumerate() {
        let element = match present(&t.uid) {
            Some(u) => format!("Task UID {u}"),
            None => format!("Task {} (in file order)", i + 1),
        };
        let Some(uid) = p.int(&element, "UID", &t.uid) else {
            if present(&t.uid).is_none() {
                p.push(&element, "has no UID".into());
            }
            continue;
        };
        if !uids.insert(uid) {
            p.push(&element, "a second task has this UID".into());
            continue;
        }
        if p.flag(&element, "IsNull", &t.is_null) {
            blank.insert(uid);
            continue;
        }
        task_custom_values += t.extended_attribute.len();
        let start = p.date(&element, "Start", &t.start);
        let finish = p.date(&element, "Finish", &t.finish);
        for (field, v, got) in [("Start", &t.start, start), ("Finish", &t.finish, finish)] {
            if got.is_none() && present(v).is_none() {
                p.push(&element, format!("has no {field}"));
            }
        }
        let outline_level = match p.int(&element, "OutlineLevel", &t.outline_level) {
            None => 1,
            Some(l) => u32::try_from(l).ok().filter(|l| *l <= 1000).unwrap_or_else(|| {
                p.push(&element, format!("OutlineLevel {l} is not between 0 and 1000"));
                1
            }),
        };
        let cost = present(&t.cost).and_then(|s| match s.parse::<f64>() {
            Ok(c) if c.is_finite() => Some(c),
            _ => {
                p.push(&element, format!("Cost {s:?} is not a number"));
                None
            }
        });
        if cost.is_some_and(|c| c != 0.0) {
            tasks_with_cost += 1;
        }
        let mut baselines = Vec::new();
        for b in &t.baseline {
            let number = match p.int(&element, "Baseline Number", &b.number) {
                Some(n) => match u8::try_from(n).ok().filter(|n| *n <= 10) {
                    Some(n) => n,
                    None => {
                        p.push(&element, format!("Baseline Number {n} is not between 0 and 10"));
                        continue;
                    }
                },
                None => 0,
            };
            let at = format!("{element}, Baseline {number}");
            baselines.push(Baseline {
                number,
                start: p.date(&at, "Start", &b.start),
                finish: p.date(&at, "Finish", &b.finish),
            });
        }
        for l in &t.predecessor_link {
            pending.push((uid, l, element.clone()));
        }
        let (Some(start), Some(finish)) = (start, finish) else { continue };
        tasks.push(Task {
            uid,
            id: p.int(&element, "ID", &t.id).unwrap_or(0),
            name: t.name.as_deref().unwrap_or_default().to_owned(),
            outline_level,
            summary: p.flag(&element, "Summary", &t.summary),
            milestone: p.flag(&element, "Milestone", &t.milestone),
            start,
            finish,
            actual_start: p.date(&element, "ActualStart", &t.actual_start),
            actual_finish: p.date(&element, "ActualFinish", &t.actual_finish),
            baselines,
            cost,
        });
    }

    let mut links = Vec::with_capacity(pending.len());
    let mut cross_project_links = 0;
    let mut seen: HashMap<(i64, i64), usize> = HashMap::new();
    for (to_uid, l, element) in pending {
        if p.flag(&element, "CrossProject", &l.cross_project) {
            cross_project_links += 1;
            continue;
        }
        let Some(from_uid) = p.int(&element, "PredecessorUID", &l.predecessor_uid) else {
            if present(&l.predecessor_uid).is_none() {
                p.push(&element, "a PredecessorLink has no PredecessorUID".into());
            }
            continue;
        };
        let at = format!("{element}, PredecessorLink to UID {from_uid}");
        if blank.contains(&from_uid) || blank.contains(&to_uid) {
            continue;
        }
        if !uids.contains(&from_uid) {
            p.push(&at, "no task has this UID".into());
            continue;
        }
        if from_uid == to_uid {
            p.push(&at, "a task cannot depend on itself".into());
            continue;
        }
        let kind = match p.int(&at, "Type", &l.kind) {
            None => Some(LinkKind::FinishToStart),
            Some(code) => LinkKind::from_mspdi(code).or_else(|| {
                p.push(&at, format!("Type {code} is not a link type (0 FF, 1 FS, 2 SF, 3 SS)"));
                None
            }),
        };
        let format = match p.int(&at, "LagFormat", &l.lag_format) {
            None => Some(LagFormat::Days),
            Some(code) => LagFormat::from_mspdi(code).or_else(|| {
                p.push(&at, format!("LagFormat {code} is not a unit of time MSPDI defines"));
                None
            }),
        };
        let raw_lag = p.int(&at, "LinkLag", &l.link_lag).unwrap_or(0);
        if let (Some(kind), Some(format)) = (kind, format) {
            let n = seen.entry((from_uid, to_uid)).or_default();
            *n += 1;
            if *n > 1 {
                p.push(&at, "a second link between the same two tasks".into());
                continue;
            }
            links.push(Link { from_uid, to_uid, kind, lag: LagValue { raw: raw_lag, format, minutes_per_day } });
        }
    }

    if let Some(err) = p.done() {
        return Err(err);
    }
    Ok(Project {
        name,
        minutes_per_day,
        tasks,
        links,
        calendars_with_exceptions,
        calendar_exceptions,
        resources: raw.resources.map_or(0, |r| r.resource.len()),
        assignments: raw.assignments.map_or(0, |a| a.assignment.len()),
        extended_attributes: raw.extended_attributes.map_or(0, |e| e.extended_attribute.len()),
        task_custom_values,
        tasks_with_cost,
        cross_project_links,
    })
}
