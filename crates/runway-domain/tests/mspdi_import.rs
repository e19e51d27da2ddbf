//! MS Project XML (MSPDI) into releases: the demo portfolio written and converted back gives the
//! same releases, phases (custom ones too), windows, dependencies and baselines; files MS Project
//! wrote (MPXJ's test data) become releases by summary task or one release per file, with links,
//! lags and what changed on the way in notes.

use chrono::{DateTime, NaiveDate, Utc};
use runway_domain::mspdi::import::{Grouping, Options, convert, release_key};
use runway_domain::mspdi::{self, Project};
use runway_domain::schedule::DepKind;
use runway_domain::{MilestoneKind, Portfolio, ReleaseKind};

fn now() -> DateTime<Utc> {
    "2027-01-04T10:00:00Z".parse().unwrap()
}

fn opts(grouping: Grouping) -> Options {
    Options { grouping, kind: ReleaseKind::Minor, key: "MSP".into() }
}

const SAMPLE_2003: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/sample.xml");
const LINKS_2019: &[u8] = include_bytes!("../../../tests/fixtures/mspdi/task-links-project2019-mspdi.xml");

fn fixture(bytes: &[u8]) -> Project {
    mspdi::read(bytes).unwrap()
}

#[test]
fn the_demo_written_and_converted_back_is_the_same_plan_of_releases_phases_and_links() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut doc: Portfolio = runway_domain::demo::demo(2027, 12, today);
    // A custom phase and a link to it, which the file carries by name.
    let r0 = doc.releases[0].key.clone();
    let first = doc.releases[0].milestones[0].clone();
    let rehearsal = MilestoneKind::named("Dress rehearsal").unwrap();
    doc.releases[0].milestones.push(runway_domain::Milestone { kind: rehearsal.clone(), ..first });
    doc.sort();
    let text = mspdi::write(&doc, "demo.xml");
    let got = convert(&mspdi::read(text.as_bytes()).unwrap(), &opts(Grouping::SummaryTasks), now());
    assert_eq!(got.releases.len(), doc.releases.len());
    for (a, b) in got.releases.iter().zip(&doc.releases) {
        assert_eq!((&a.key, &a.title, &a.window), (&b.key, &b.title, &b.window));
        assert_eq!(a.milestones, b.milestones, "{}", a.key);
    }
    assert!(got.releases[0].milestones.iter().any(|m| m.kind == rehearsal && doc.releases[0].key == r0));
    let mut want = doc.dependencies.clone();
    let mut have = got.dependencies.clone();
    want.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    have.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    assert_eq!(have, want);
    // The newest baseline is MSPDI's 0.
    let newest = doc.baselines.iter().max_by_key(|b| b.taken_at).unwrap();
    let b0 = got.baselines.iter().find(|b| b.name == "MS Project baseline").unwrap();
    assert_eq!(b0.milestones, newest.milestones);
    // Runway's own calendar in the file makes every day a working day, so the one note says
    // what is true of any file: lags count calendar days here.
    assert_eq!(got.notes, ["lags in working days are kept as that many calendar days (Runway plans in calendar days)"]);
}

#[test]
fn a_file_ms_project_wrote_becomes_releases_by_summary_task_or_one_release() {
    let p = fixture(SAMPLE_2003);
    let by_summary = convert(&p, &opts(Grouping::SummaryTasks), now());
    assert!(!by_summary.releases.is_empty());
    for r in &by_summary.releases {
        assert!(r.key.starts_with("MSP-"), "{}", r.key);
    }
    let one =
        convert(&p, &Options { grouping: Grouping::OneRelease, kind: ReleaseKind::Major, key: "PLAN-1".into() }, now());
    assert_eq!(one.releases.len(), 1);
    let r = &one.releases[0];
    assert_eq!((r.key.as_str(), r.kind), ("PLAN-1", ReleaseKind::Major));
    let leaves = p.tasks.iter().filter(|t| t.outline_level > 0 && !t.summary).count();
    assert_eq!(r.milestones.len(), leaves);
    let names: Vec<&str> = r.milestones.iter().map(|m| m.kind.label()).collect();
    assert!(names.contains(&"Third task"), "{names:?}");
    // The file's link types all arrive; summary rows are flattened and said so.
    let kinds: std::collections::HashSet<DepKind> = one.dependencies.iter().map(|d| d.kind).collect();
    assert_eq!(kinds.len(), 4, "{:?}", one.dependencies);
    assert!(one.notes.iter().any(|n| n.contains("flattened")), "{:?}", one.notes);
    assert!(one.notes.iter().any(|n| n.contains("resources")), "{:?}", one.notes);
}

#[test]
fn lags_keep_their_days_and_say_where_they_are_working_days() {
    let p = fixture(LINKS_2019);
    let got = convert(
        &p,
        &Options { grouping: Grouping::OneRelease, kind: ReleaseKind::Minor, key: "LINKS-1".into() },
        now(),
    );
    let lags: Vec<i32> = got.dependencies.iter().map(|d| d.lag_days).collect();
    assert!(lags.contains(&1) && lags.contains(&2) && lags.contains(&5) && lags.contains(&10), "{lags:?}");
    assert!(got.notes.iter().any(|n| n.contains("working days")), "{:?}", got.notes);
}

#[test]
fn a_release_key_is_read_from_a_name_only_when_it_looks_like_one() {
    assert_eq!(release_key("REL-2027.03.01 Payments 7.0"), Some(("REL-2027.03.01".into(), "Payments 7.0".into())));
    assert_eq!(release_key("R1.2"), Some(("R1.2".into(), String::new())));
    assert_eq!(release_key("Design phase"), None);
    assert_eq!(release_key("Phase 1"), None);
    assert_eq!(release_key("Q3 <rollout>"), None);
}
