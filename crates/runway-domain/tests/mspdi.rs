//! MS Project XML (MSPDI): real files written by MS Project and GanttProject read into the
//! neutral model (`tests/fixtures/mspdi/README.md` names each file's source), bad files refused
//! with the element named, and mutated files never making the reader panic.

use chrono::NaiveDateTime;
use proptest::prelude::*;
use runway_domain::mspdi::{self, LagFormat, LinkKind, Project, ReadError};

const LINKS_2019: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/task-links-project2019-mspdi.xml");
const SAMPLE_2003: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/sample.xml");
const BASELINES: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/baselines.xml");
const ACTUALS_2010: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/mspdiassignmentfields.xml");
const GANTTPROJECT: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/ganttproject-holidays.xml");

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("a test time")
}

fn ok(bytes: &[u8]) -> Project {
    match mspdi::read(bytes) {
        Ok(p) => p,
        Err(e) => panic!("refused: {e}"),
    }
}

fn err(text: &str) -> ReadError {
    match mspdi::read(text.as_bytes()) {
        Ok(p) => panic!("read {} tasks from a bad file", p.tasks.len()),
        Err(e) => e,
    }
}

fn task(p: &Project, uid: i64) -> &mspdi::Task {
    p.tasks.iter().find(|t| t.uid == uid).expect("the task")
}

/// The link into `to`, with its lag in whole days.
fn link_into(p: &Project, to: i64) -> (i64, LinkKind, i64, i64, LagFormat) {
    let l = p.links.iter().find(|l| l.to_uid == to).expect("the link");
    let days = l.lag.days().expect("a lag in time").days;
    (l.from_uid, l.kind, days, l.lag.raw, l.lag.format)
}

#[test]
fn ms_project_2019_links_of_every_kind_with_lags_in_days_and_weeks() {
    let p = ok(LINKS_2019);
    assert_eq!(p.name, "task-links-project2019-mspdi.xml");
    assert_eq!(p.tasks.len(), 17);
    assert_eq!(p.minutes_per_day, 480);
    assert!(task(&p, 0).summary && task(&p, 0).outline_level == 0);
    assert_eq!(task(&p, 4).name, "Task 2");
    assert_eq!((task(&p, 4).start, task(&p, 4).finish), (t("2018-10-22T08:00"), t("2018-10-22T17:00")));
    assert_eq!(p.links.len(), 8);
    use LagFormat::{Days, Weeks};
    use LinkKind::*;
    assert_eq!(link_into(&p, 2), (1, FinishToStart, 0, 0, Days));
    assert_eq!(link_into(&p, 4), (3, FinishToStart, 1, 4800, Days));
    assert_eq!(link_into(&p, 6), (5, FinishToStart, 2, 9600, Days));
    assert_eq!(link_into(&p, 8), (7, FinishToStart, 5, 24000, Weeks));
    assert_eq!(link_into(&p, 10), (9, FinishToStart, 10, 48000, Weeks));
    assert_eq!(link_into(&p, 12), (11, StartToFinish, 2, 9600, Days));
    assert_eq!(link_into(&p, 14), (13, StartToStart, 2, 9600, Days));
    assert_eq!(link_into(&p, 16), (15, FinishToFinish, 2, 9600, Days));
    assert!(p.links.iter().all(|l| l.lag.days().is_some_and(|d| d.exact() && d.working)));
    assert_eq!((p.resources, p.assignments), (1, 16));
    let dropped = mspdi::what_is_dropped(&p);
    assert!(dropped.iter().any(|d| d.starts_with("1 resource ")), "{dropped:?}");
    assert!(dropped.iter().any(|d| d == "16 assignments of resources to tasks"), "{dropped:?}");
}

#[test]
fn ms_project_2003_summaries_a_milestone_and_a_negative_lag() {
    let p = ok(SAMPLE_2003);
    assert_eq!(p.name, "sample");
    assert_eq!(p.tasks.len(), 20);
    let summaries: Vec<&str> = p.tasks.iter().filter(|t| t.summary).map(|t| t.name.as_str()).collect();
    assert_eq!(summaries, ["sample", "First Task", "Recurring Task", "Task Relationships"]);
    let third = task(&p, 3);
    assert!(third.milestone && !third.summary);
    assert_eq!(
        (third.name.as_str(), third.start, third.finish),
        ("Third task", t("2003-01-07T08:00"), t("2003-01-07T08:00"))
    );
    assert_eq!(task(&p, 9).outline_level, 2);
    use LagFormat::Days;
    use LinkKind::*;
    assert_eq!(link_into(&p, 10), (9, FinishToStart, 0, 0, Days));
    assert_eq!(link_into(&p, 12), (11, FinishToStart, 1, 4800, Days));
    assert_eq!(link_into(&p, 14), (13, FinishToStart, -1, -4800, Days));
    assert_eq!(link_into(&p, 16), (15, StartToStart, 0, 0, Days));
    assert_eq!(link_into(&p, 18), (17, FinishToFinish, 0, 0, Days));
    assert_eq!(link_into(&p, 21), (20, StartToFinish, 0, 0, Days));
    assert_eq!(task(&p, 2).cost, Some(352625.0));
    assert_eq!((p.resources, p.assignments, p.tasks_with_cost), (3, 17, 3));
    let dropped = mspdi::what_is_dropped(&p);
    assert!(dropped.contains(&"3 resources (Runway plans releases, not people's time)".to_owned()), "{dropped:?}");
    assert!(dropped.contains(&"the cost of 3 tasks".to_owned()), "{dropped:?}");
}

#[test]
fn baselines_one_to_ten_and_a_working_day_of_450_minutes() {
    let p = ok(BASELINES);
    assert_eq!(p.minutes_per_day, 450);
    let one = task(&p, 1);
    assert_eq!(one.name, "Task One");
    assert_eq!(one.baselines.len(), 10);
    let b3 = one.baselines[2];
    assert_eq!((b3.number, b3.start, b3.finish), (3, Some(t("2001-01-03T09:00")), Some(t("2000-01-03T17:30"))));
}

#[test]
fn ms_project_2010_actual_start_and_a_baseline_with_only_a_finish() {
    let p = ok(ACTUALS_2010);
    let one = task(&p, 1);
    assert_eq!(one.name, "Task One");
    assert_eq!((one.actual_start, one.actual_finish), (Some(t("2011-07-06T08:00")), None));
    assert_eq!(one.baselines.len(), 1);
    assert_eq!((one.baselines[0].number, one.baselines[0].start), (0, None));
    assert_eq!(one.baselines[0].finish, Some(t("2011-07-11T17:00")));
    assert_eq!((p.resources, p.assignments), (5, 4));
}

#[test]
fn ganttproject_a_task_holidays_and_custom_fields() {
    let p = ok(GANTTPROJECT);
    assert_eq!(p.name, "foobar");
    assert_eq!(p.tasks.len(), 1);
    assert_eq!((p.tasks[0].name.as_str(), p.tasks[0].start), ("task1", t("2010-09-15T08:00")));
    assert_eq!(p.calendars_with_exceptions, 1);
    assert_eq!(p.calendar_exceptions, 3);
    assert_eq!(p.extended_attributes, 260);
    let dropped = mspdi::what_is_dropped(&p);
    assert!(dropped.iter().any(|d| d.starts_with("3 exceptions of working time in 1 calendar")), "{dropped:?}");
    assert!(dropped.iter().any(|d| d.starts_with("260 custom fields")), "{dropped:?}");
}

const HEAD: &str = r#"<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><Name>p</Name>"#;

fn doc(tasks: &str) -> String {
    format!("{HEAD}<Tasks>{tasks}</Tasks></Project>")
}

fn task_xml(uid: i64, start: &str, finish: &str, links: &str) -> String {
    format!("<Task><UID>{uid}</UID><Name>T{uid}</Name><Start>{start}</Start><Finish>{finish}</Finish>{links}</Task>")
}

#[test]
fn a_file_that_is_not_xml_or_not_mspdi_is_refused_naming_why() {
    let e = err("this is not XML at all");
    assert!(e.to_string().contains("not an MS Project XML file"), "{e}");
    let e = err(r#"<?xml version="1.0"?><Schedule xmlns="http://schemas.microsoft.com/project"/>"#);
    assert!(e.to_string().contains("the root element is <Schedule>, not <Project>"), "{e}");
    let e = err(r#"<Project xmlns="http://www.gnome.org/planner"><Name>x</Name></Project>"#);
    assert_eq!(e.problems[0].element, "Project");
    assert!(e.problems[0].message.contains("namespace \"http://www.gnome.org/planner\""), "{e}");
    let e = mspdi::read(&[0xff, 0xfe, 0xfd, 0x00, 0x80]).expect_err("binary");
    assert!(e.to_string().contains("not an MS Project XML file"), "{e}");
}

#[test]
fn a_truncated_file_names_the_element_left_open() {
    let cut = &LINKS_2019[..LINKS_2019.len() / 2];
    let e = mspdi::read(cut).expect_err("cut");
    assert!(e.to_string().contains("is not closed: the file is cut short") || e.to_string().contains("line "), "{e}");
    let e = err(&format!("{HEAD}<Tasks><Task><UID>1</UID>"));
    assert_eq!(e.to_string(), "Task: <Task> is not closed: the file is cut short");
}

#[test]
fn a_dangling_predecessor_is_named() {
    let link = "<PredecessorLink><PredecessorUID>99</PredecessorUID><Type>1</Type></PredecessorLink>";
    let e = err(&doc(&task_xml(1, "2027-03-01T08:00:00", "2027-03-01T17:00:00", link)));
    assert_eq!(e.to_string(), "Task UID 1, PredecessorLink to UID 99: no task has this UID");
}

#[test]
fn an_impossible_or_unholdable_date_is_named() {
    let e = err(&doc(&task_xml(12, "2027-03-01T08:00:00", "2027-13-01T08:00:00", "")));
    assert_eq!(e.to_string(), "Task UID 12: Finish \"2027-13-01T08:00:00\" is not a date");
    let e = err(&doc(&task_xml(3, "0000-12-31T08:00:00", "2027-01-01T08:00:00", "")));
    assert!(e.to_string().starts_with("Task UID 3: Start "), "{e}");
    assert!(e.to_string().contains("outside the years 1 to 9999"), "{e}");
}

#[test]
fn a_bad_link_type_and_every_problem_of_a_file_are_reported_together() {
    let bad = "<PredecessorLink><PredecessorUID>1</PredecessorUID><Type>7</Type><LinkLag>x</LinkLag></PredecessorLink>";
    let text = doc(&(task_xml(1, "2027-03-01T08:00:00", "2027-03-01T17:00:00", "")
        + &task_xml(2, "2027-03-02T08:00:00", "nope", bad)));
    let e = err(&text);
    let lines: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
    assert!(lines.contains(&"Task UID 2: Finish \"nope\" is not a date".to_owned()), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("Task UID 2, PredecessorLink to UID 1: Type 7")), "{lines:?}");
    assert!(lines.iter().any(|l| l.contains("LinkLag \"x\" is not a whole number")), "{lines:?}");
}

#[test]
fn nesting_past_the_limit_and_a_doctype_are_refused() {
    let deep = format!("{HEAD}{}{}</Project>", "<a>".repeat(100), "</a>".repeat(100));
    let e = err(&deep);
    assert!(e.to_string().contains("nested more than 32 elements deep"), "{e}");
    let e = err(r#"<!DOCTYPE x [<!ENTITY a "aaaa">]><Project xmlns="http://schemas.microsoft.com/project"/>"#);
    assert_eq!(e.problems[0].element, "DOCTYPE");
}

#[test]
fn a_file_past_the_size_limit_is_refused_before_it_is_read() {
    let big = vec![b' '; mspdi::MAX_BYTES + 1];
    let e = mspdi::read(&big).expect_err("too big");
    assert!(e.to_string().contains("MiB"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A real file cut anywhere or with bytes changed is read or refused, never a panic.
    #[test]
    fn mutated_files_never_panic(
        which in 0usize..5,
        cut in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let file = [LINKS_2019, SAMPLE_2003, BASELINES, ACTUALS_2010, GANTTPROJECT][which];
        let mut bytes = file.to_vec();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let end = cut.index(bytes.len() + 1);
        let _ = mspdi::read(&bytes[..end]);
        let _ = mspdi::read(&bytes);
    }
}
