//! MS Project XML (MSPDI) export: the demo portfolio written, then read back by `mspdi::read`
//! (tasks, summary and milestone flags, dates, actuals, baselines, every dependency with its type
//! and lag), names with XML's special characters and other scripts intact, the same bytes twice.
//! `tests/sheets/test_mspdi_mpxj.py` reads the CLI's export with an independent reader (MPXJ).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use runway_domain::mspdi::{self, LinkKind, Project, Task};
use runway_domain::schedule::{DepKind, Endpoint};
use runway_domain::{Milestone, Portfolio};

fn demo() -> Portfolio {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date");
    runway_domain::demo::demo(2027, 12, today)
}

fn read(doc: &Portfolio) -> Project {
    let text = mspdi::write(doc, "demo.xml");
    match mspdi::read(text.as_bytes()) {
        Ok(p) => p,
        Err(e) => panic!("the export was refused: {e}\n{text}"),
    }
}

fn at(d: NaiveDate, h: u32) -> NaiveDateTime {
    d.and_hms_opt(h, 0, 0).expect("a time")
}

/// The task of each endpoint (a release's summary, a milestone), found by name under its release.
fn endpoints<'a>(doc: &Portfolio, p: &'a Project) -> HashMap<Endpoint, &'a Task> {
    let mut out = HashMap::new();
    let mut release: Option<&str> = None;
    for t in &p.tasks {
        match t.outline_level {
            1 => {
                let r = doc.releases.iter().find(|r| t.name == format!("{} {}", r.key, r.title)).expect("a release");
                release = Some(&r.key);
                out.insert(Endpoint { release: r.key.clone(), milestone: None }, t);
            }
            2 if t.name != mspdi::WINDOW_TASK => {
                let kind = runway_domain::MilestoneKind::ALL.iter().find(|k| k.label() == t.name).expect("a kind");
                out.insert(
                    Endpoint { release: release.expect("under a release").into(), milestone: Some(kind.clone()) },
                    t,
                );
            }
            _ => {}
        }
    }
    out
}

fn kind(k: DepKind) -> LinkKind {
    match k {
        DepKind::FinishToStart => LinkKind::FinishToStart,
        DepKind::StartToStart => LinkKind::StartToStart,
        DepKind::FinishToFinish => LinkKind::FinishToFinish,
        DepKind::StartToFinish => LinkKind::StartToFinish,
    }
}

#[test]
fn the_demo_reads_back_with_every_release_milestone_window_and_dependency() {
    let doc = demo();
    let p = read(&doc);
    assert_eq!(p.name, doc.name);
    assert_eq!(p.minutes_per_day, 480);
    let milestones: usize = doc.releases.iter().map(|r| r.milestones.len()).sum();
    let windows = doc.releases.iter().filter(|r| r.window.is_some()).count();
    assert!(windows > 0 && milestones > 0);
    // The project summary task (UID 0), which MS Project writes and the reader keeps.
    assert_eq!(p.tasks.len(), 1 + doc.releases.len() + milestones + windows);
    let root = &p.tasks[0];
    assert!(root.uid == 0 && root.outline_level == 0 && root.summary);
    assert_eq!(p.tasks.iter().filter(|t| t.outline_level == 1 && t.summary).count(), doc.releases.len());

    let tasks = endpoints(&doc, &p);
    let by_uid: HashMap<i64, &Task> = p.tasks.iter().map(|t| (t.uid, t)).collect();
    for r in &doc.releases {
        for m in &r.milestones {
            let t = tasks[&Endpoint { release: r.key.clone(), milestone: Some(m.kind.clone()) }];
            let point = m.planned_start == m.planned_end;
            assert_eq!((t.outline_level, t.summary, t.milestone), (2, false, point), "{} {:?}", r.key, m.kind);
            let end = if point { 8 } else { 17 };
            assert_eq!((t.start, t.finish), (at(m.planned_start, 8), at(m.planned_end, end)));
            assert_eq!(t.actual_start, m.actual_start.map(|d| at(d, 8)));
            assert_eq!(t.actual_finish, m.actual_end.map(|d| at(d, end)));
        }
        let summary = tasks[&Endpoint { release: r.key.clone(), milestone: None }];
        if let Some(w) = r.window {
            let t = p.tasks.iter().find(|t| t.name == mspdi::WINDOW_TASK && t.start == w.start).expect("the window");
            assert_eq!((t.finish, t.outline_level), (w.end, 2));
            assert!(summary.start <= w.start && w.end <= summary.finish);
        }
    }
    assert!(doc.releases.iter().any(|r| r.milestones.iter().any(|m| m.actual_end.is_some())));

    // Every dependency, with its type and its lag in whole days, exactly.
    assert!(!doc.dependencies.is_empty());
    assert_eq!(p.links.len(), doc.dependencies.len());
    for d in &doc.dependencies {
        let (from, to) = (tasks[&d.from].uid, tasks[&d.to].uid);
        let l = p.links.iter().find(|l| (l.from_uid, l.to_uid) == (from, to)).expect("the link");
        assert_eq!(l.kind, kind(d.kind), "{} → {}", d.from, d.to);
        let days = l.lag.days().expect("a lag in days");
        assert_eq!((days.days, days.working, days.exact()), (i64::from(d.lag_days), true, true));
        assert_eq!(l.lag.raw, i64::from(d.lag_days) * 4800);
        assert!(by_uid.contains_key(&from) && by_uid.contains_key(&to));
    }
}

#[test]
fn baselines_are_numbered_newest_first() {
    let mut doc = demo();
    assert_eq!(doc.baselines.len(), 1);
    let mut newer = doc.baselines[0].clone();
    newer.name = "Re-plan".into();
    newer.taken_at += chrono::Duration::days(3);
    let shifted = |d: NaiveDate| d + chrono::Duration::days(5);
    for m in &mut newer.milestones {
        (m.planned_start, m.planned_end) = (shifted(m.planned_start), shifted(m.planned_end));
    }
    doc.baselines.push(newer.clone());
    let p = read(&doc);
    let tasks = endpoints(&doc, &p);
    let old = &doc.baselines[0];
    for m in &old.milestones {
        let t = tasks[&Endpoint { release: m.release.clone(), milestone: Some(m.kind.clone()) }];
        let end = if t.milestone { 8 } else { 17 };
        let got: Vec<_> = t.baselines.iter().map(|b| (b.number, b.start, b.finish)).collect();
        let n = newer.milestones.iter().find(|n| (&n.release, &n.kind) == (&m.release, &m.kind)).expect("in both");
        assert_eq!(
            got,
            vec![
                (0, Some(at(n.planned_start, 8)), Some(at(n.planned_end, end))),
                (1, Some(at(m.planned_start, 8)), Some(at(m.planned_end, end)))
            ]
        );
    }
    // A summary task's baseline spans its milestones'.
    let r = &doc.releases[0];
    let s = tasks[&Endpoint { release: r.key.clone(), milestone: None }];
    let first = old.milestones.iter().filter(|m| m.release == r.key).map(|m| m.planned_start).min();
    assert_eq!(s.baselines.iter().find(|b| b.number == 1).and_then(|b| b.start), first.map(|d| at(d, 8)));
}

#[test]
fn names_with_xml_characters_and_other_scripts_stay_intact() {
    let mut doc = demo();
    doc.name = "Zoë's <plan> & \"Дмитрий\"".into();
    doc.releases[0].title = "Payments <v2> & \"fees\" 'n' Zoë, Дмитрий, 東京 🚀".into();
    doc.releases[1].title = "bell\u{7} nul\u{0} tab\there\u{fffe}".into();
    let text = mspdi::write(&doc, "a <file> & more.xml");
    assert!(!text.contains('\u{7}') && !text.contains('\u{0}') && !text.contains('\u{fffe}'));
    assert!(text.contains("&lt;v2&gt; &amp; &quot;fees&quot;"), "escaped");
    let p = read(&doc);
    assert_eq!(p.name, doc.name);
    let names: Vec<&str> = p.tasks.iter().map(|t| t.name.as_str()).collect();
    let key = |i: usize| &doc.releases[i].key;
    assert!(names.contains(&format!("{} {}", key(0), doc.releases[0].title).as_str()), "{names:?}");
    assert!(names.contains(&format!("{} bell nul tab\there", key(1)).as_str()), "{names:?}");
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let doc = demo();
    let a = mspdi::write(&doc, "demo.xml");
    assert_eq!(a, mspdi::write(&doc, "demo.xml"));
    // The order of the document does not matter: releases, milestones and dependencies are sorted.
    let mut shuffled = doc.clone();
    shuffled.releases.reverse();
    for r in &mut shuffled.releases {
        r.milestones.reverse();
    }
    shuffled.dependencies.reverse();
    assert_eq!(a, mspdi::write(&shuffled, "demo.xml"));
    assert!(a.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"));
    assert!(a.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    assert!(a.contains("<SaveVersion>14</SaveVersion>"));
}

#[test]
fn write_then_read_gives_the_documents_links_and_dates() {
    let doc = demo();
    let p = read(&doc);
    let tasks = endpoints(&doc, &p);
    let ends: HashMap<i64, &Endpoint> = tasks.iter().map(|(e, t)| (t.uid, e)).collect();
    let mut got: Vec<(Endpoint, Endpoint, DepKind, i32)> = p
        .links
        .iter()
        .map(|l| {
            let k = DepKind::ALL.iter().copied().find(|k| kind(*k) == l.kind).expect("a kind");
            let lag = i32::try_from(l.lag.days().expect("days").days).expect("small");
            (ends[&l.from_uid].clone(), ends[&l.to_uid].clone(), k, lag)
        })
        .collect();
    let mut want: Vec<_> =
        doc.dependencies.iter().map(|d| (d.from.clone(), d.to.clone(), d.kind, d.lag_days)).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    for r in &doc.releases {
        let mut back: Vec<Milestone> = r
            .milestones
            .iter()
            .map(|m| {
                let t = tasks[&Endpoint { release: r.key.clone(), milestone: Some(m.kind.clone()) }];
                Milestone {
                    kind: m.kind.clone(),
                    planned_start: t.start.date(),
                    planned_end: t.finish.date(),
                    actual_start: t.actual_start.map(|t| t.date()),
                    actual_end: t.actual_finish.map(|t| t.date()),
                }
            })
            .collect();
        back.sort_by_key(|m| m.kind.clone());
        let mut want = r.milestones.clone();
        want.sort_by_key(|m| m.kind.clone());
        assert_eq!(back, want, "{}", r.key);
    }
}

#[test]
fn whole_release_dependencies_link_summary_tasks_and_every_type_has_its_code() {
    let mut doc = demo();
    let (a, b) = (doc.releases[0].key.clone(), doc.releases[1].key.clone());
    let whole = |k: &str| Endpoint { release: k.into(), milestone: None };
    doc.dependencies.retain(|_| false);
    for (i, k) in DepKind::ALL.iter().enumerate() {
        let to = Endpoint { release: b.clone(), milestone: Some(runway_domain::MilestoneKind::ALL[i].clone()) };
        doc.dependencies.push(runway_domain::schedule::Dependency {
            from: whole(&a),
            to,
            kind: *k,
            lag_days: i as i32 * 3 - 4,
        });
    }
    let text = mspdi::write(&doc, "x.xml");
    for code in ["<Type>0</Type>", "<Type>1</Type>", "<Type>2</Type>", "<Type>3</Type>", "<LinkLag>-19200</LinkLag>"] {
        assert!(text.contains(code), "{code}");
    }
    let p = read(&doc);
    let tasks = endpoints(&doc, &p);
    let from = tasks[&whole(&a)];
    assert!(from.summary);
    assert_eq!(p.links.len(), 4);
    assert!(p.links.iter().all(|l| l.from_uid == from.uid));
    let lags: Vec<i64> = p.links.iter().filter_map(|l| l.lag.days()).map(|d| d.days).collect();
    assert_eq!(lags.len(), 4);
    assert!(lags.contains(&-4) && lags.contains(&5));
}
