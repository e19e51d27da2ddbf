//! The portfolio document's checks at the edges: dates outside the years 1 to 9999 and text past
//! its limit are refused with the path of the value, the limit and what was found; nothing panics.

use chrono::{DateTime, NaiveDate, Utc};
use runway_domain::demo::demo;
use runway_domain::input::{KEY_MAX_LEN, NAME_MAX_LEN, TEXT_MAX_LEN, TITLE_MAX_LEN};
use runway_domain::portfolio::{Diagnostic, Known, check};
use runway_domain::schedule::{DepKind, Dependency, Endpoint};
use runway_domain::{EventKind, Portfolio};

fn doc() -> Portfolio {
    let doc = demo(2027, 8, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    assert_eq!(check(&doc, &Known::default()), vec![]);
    doc
}

fn at(problems: &[Diagnostic], path: &str) -> String {
    problems
        .iter()
        .find(|d| d.path == path)
        .map(|d| d.message.clone())
        .unwrap_or_else(|| panic!("nothing at {path}: {problems:#?}"))
}

fn far() -> DateTime<Utc> {
    NaiveDate::MAX.and_hms_opt(0, 0, 0).unwrap().and_utc()
}

#[test]
fn over_long_text_is_refused_at_its_path_with_the_limit_and_the_length() {
    let mut d = doc();
    d.name = "n".repeat(NAME_MAX_LEN + 1);
    d.releases[3].title = "t".repeat(5_000_000);
    d.releases[1].notes = "n".repeat(TEXT_MAX_LEN + 1);
    d.releases[2].key = "K".repeat(KEY_MAX_LEN + 1);
    d.rfcs[0].title = "r".repeat(TITLE_MAX_LEN + 1);
    d.applications[0].name = "a".repeat(NAME_MAX_LEN + 7);
    d.people[0].organisation = "o".repeat(NAME_MAX_LEN + 1);
    d.cis[0].kind = "k".repeat(NAME_MAX_LEN + 1);
    d.events[0].reason = "r".repeat(TEXT_MAX_LEN + 2);
    d.events[1].by = "b".repeat(10_000);
    let p = check(&d, &Known::default());
    let title = at(&p, "releases[3].title");
    assert!(title.contains("5000000") && title.contains("200"), "{title}");
    assert!(at(&p, "name").contains(&format!("{}", NAME_MAX_LEN + 1)));
    assert!(at(&p, "releases[1].notes").contains(&format!("{}", TEXT_MAX_LEN + 1)));
    assert!(at(&p, "releases[2].key").contains("41"));
    assert!(at(&p, "rfcs[0].title").contains("201"));
    assert!(at(&p, "applications[0].name").contains("207"));
    at(&p, "people[0].organisation");
    at(&p, "cis[0].kind");
    assert!(at(&p, "events[0].reason").contains(&format!("{}", TEXT_MAX_LEN + 2)));
    assert!(at(&p, "events[1].by").contains("10000"));
}

#[test]
fn dates_outside_the_years_1_to_9999_are_refused_at_their_path() {
    let mut d = doc();
    d.releases[0].milestones[0].planned_start = NaiveDate::MIN;
    d.releases[0].milestones[0].actual_end = Some(NaiveDate::MAX);
    let w = d.releases.iter().position(|r| r.window.is_some()).unwrap();
    d.releases[w].window.as_mut().unwrap().end = NaiveDate::MAX.and_hms_opt(0, 0, 0).unwrap();
    d.events[0].at = far();
    let i = d.events.len();
    let mut incident = d.events[0].clone();
    incident.id = d.events.last().unwrap().id + 1;
    incident.at = d.events.last().unwrap().at;
    incident.release = d.events.last().unwrap().release.clone();
    incident.what = EventKind::Incident {
        priority: runway_domain::Priority::P2,
        reference: "INC-1".repeat(20),
        opened: far(),
        caused_by_release: false,
    };
    d.events.push(incident);
    assert!(!d.baselines.is_empty(), "the demo has a baseline");
    d.baselines[0].taken_at = far();
    d.baselines[0].milestones[0].planned_end = NaiveDate::MAX;
    let p = check(&d, &Known::default());
    for path in [
        "releases[0].milestones[0].planned_start".to_string(),
        "releases[0].milestones[0].actual_end".to_string(),
        format!("releases[{w}].window"),
        "events[0].at".to_string(),
        format!("events[{i}].what.opened"),
        "baselines[0].taken_at".to_string(),
        "baselines[0].milestones[0].planned_end".to_string(),
    ] {
        assert!(at(&p, &path).contains("1 to 9999"), "{path}: {}", at(&p, &path));
    }
    assert!(at(&p, &format!("events[{i}].what.reference")).contains("100"));
}

#[test]
fn any_lag_is_checked_without_overflowing() {
    let mut d = doc();
    let (a, b) = (d.releases[0].key.clone(), d.releases[1].key.clone());
    for lag_days in [i32::MIN, i32::MAX] {
        d.dependencies = vec![Dependency {
            from: Endpoint { release: a.clone(), milestone: None },
            to: Endpoint { release: b.clone(), milestone: None },
            kind: DepKind::FinishToStart,
            lag_days,
        }];
        let p = check(&d, &Known::default());
        assert!(at(&p, "dependencies[0].lag_days").contains("more than ten years"));
    }
}
