//! From a project as an MSPDI file holds it ([`Project`]) to releases, their phases and
//! milestones, dependencies and baselines, with a note for everything that changed on the way.
//! Pure: the core decides what is added, what changes and what the plan already has.
//!
//! The mapping, the reverse of `write.rs` (so export → import gives the same plan):
//! - **releases**: with [`Grouping::SummaryTasks`], each top-level summary task is a release; its
//!   name "KEY title" gives the key when the first word is one (letters, digits, `-`, `.`, `_`,
//!   with a digit and a `-`, `.` or `_`, as `REL-2027.03.01`), else the key is made from the
//!   prefix and the task's row (`MSP-004`). A top-level task that is not a summary and is named
//!   like a release ("KEY title") is a release without phases; other top-level tasks go to one
//!   release named after the project. With [`Grouping::OneRelease`], the whole file is one
//!   release with the key given.
//! - **phases**: every task below a release that is not a summary task, by its name (a built-in
//!   kind's label, "Build", is that kind; any other name a custom phase). Summary tasks below a
//!   release are flattened (their tasks kept, the summary row not). A task named
//!   [`WINDOW_TASK`] is the deployment window, at its exact times.
//! - **dates**: a task's start and finish days (a finish at midnight ends the day before), a
//!   milestone's one day; actual start and finish likewise.
//! - **links**: type kept (FS, SS, FF, SF), lag converted by [`LagValue::days`] (rounding named);
//!   a link to a summary task that is a release depends on the whole release.
//! - **baselines**: MSPDI baseline 0 is "MS Project baseline", 1 to 10 "MS Project baseline N".

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::{LinkKind, Project, Task, WINDOW_TASK};
use crate::baseline::{Baseline, BaselineMilestone};
use crate::input::{TITLE_MAX_LEN, check_key};
use crate::model::{Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window};
use crate::phase::PHASE_NAME_MAX_LEN;
use crate::schedule::{DepKind, Dependency, Endpoint};

/// How the file's tasks become releases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouping {
    /// Each top-level summary task is a release.
    SummaryTasks,
    /// The whole file is one release.
    OneRelease,
}

/// The user's choices for an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub grouping: Grouping,
    /// The kind of the releases made.
    pub kind: ReleaseKind,
    /// The key of the one release ([`Grouping::OneRelease`]), or the prefix of keys made up for
    /// summary tasks whose names hold none.
    pub key: String,
}

/// What the file becomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub releases: Vec<Release>,
    pub dependencies: Vec<Dependency>,
    pub baselines: Vec<Baseline>,
    /// What changed on the way, one sentence each (names made usable, links left out, lags
    /// rounded), after [`super::what_is_dropped`]'s list.
    pub notes: Vec<String>,
}

/// The releases of `p` by `o`; `now` dates the baselines (the newest, MSPDI's 0, at `now`).
pub fn convert(p: &Project, o: &Options, now: DateTime<Utc>) -> Converted {
    let mut notes = super::what_is_dropped(p);
    let mut releases: Vec<Release> = vec![];
    // Each task's place: the release (index) it belongs to and what it is there.
    let mut place: HashMap<i64, (usize, Option<MilestoneKind>)> = HashMap::new();
    let mut loose: Option<usize> = None;
    let mut current: Option<usize> = None;
    let mut flattened = 0usize;
    let mut keys: HashSet<String> = HashSet::new();
    let blank = |title: &str, key: String, releases: &mut Vec<Release>| -> usize {
        releases.push(release(key, title, o.kind));
        releases.len() - 1
    };
    let tasks: Vec<&Task> = p.tasks.iter().filter(|t| t.outline_level > 0).collect();
    for (i, t) in tasks.iter().enumerate() {
        let has_children = tasks.get(i + 1).is_some_and(|n| n.outline_level > t.outline_level);
        if o.grouping == Grouping::OneRelease {
            if current.is_none() {
                let title = if p.name.trim().is_empty() { o.key.clone() } else { p.name.clone() };
                current = Some(blank(&title, o.key.clone(), &mut releases));
            }
        } else if t.outline_level == 1 {
            let named = release_key(&t.name);
            if t.summary || (named.is_some() && !has_children) {
                let (key, title) =
                    named.unwrap_or_else(|| (format!("{}-{:03}", o.key, t.id.max(t.uid)), t.name.clone()));
                let key = unique(key, &mut keys, &mut notes, &t.name);
                let at = blank(&title, key, &mut releases);
                place.insert(t.uid, (at, None));
                current = Some(at);
                continue;
            }
            current = None;
        }
        let at = match current {
            Some(at) => at,
            None => *loose.get_or_insert_with(|| {
                let title =
                    if p.name.trim().is_empty() { "Tasks outside a summary task".to_owned() } else { p.name.clone() };
                let key = unique(format!("{}-TASKS", o.key), &mut keys, &mut notes, &title);
                blank(&title, key, &mut releases)
            }),
        };
        if t.summary {
            flattened += 1;
            continue;
        }
        let r = &mut releases[at];
        if t.name.trim() == WINDOW_TASK && r.window.is_none() {
            if t.finish > t.start {
                r.window = Some(Window { start: t.start, end: t.finish });
            } else {
                notes.push(format!("{}: the deployment window \"{}\" has no length; left out", r.key, t.name));
            }
            continue;
        }
        let kind = phase_kind(t, r, &mut notes);
        let (start, end) = days(t.start, t.finish, t.milestone);
        let actual_start = t.actual_start.map(|s| s.date());
        let actual_end = t.actual_finish.map(|f| days(t.actual_start.unwrap_or(f), f, t.milestone).1);
        r.milestones.push(Milestone {
            kind: kind.clone(),
            planned_start: start,
            planned_end: end,
            actual_start,
            actual_end,
        });
        place.insert(t.uid, (at, Some(kind)));
    }
    if flattened > 0 {
        notes.push(format!(
            "{flattened} summary task{} below a release flattened: {} tasks are its phases",
            if flattened == 1 { "" } else { "s" },
            if flattened == 1 { "its" } else { "their" }
        ));
    }
    let dependencies = links(p, &releases, &place, &mut notes);
    let baselines = baselines(p, &releases, &place, now);
    for r in &mut releases {
        r.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
    }
    Converted { releases, dependencies, baselines, notes }
}

fn release(key: String, title: &str, kind: ReleaseKind) -> Release {
    let title: String = title.trim().chars().take(TITLE_MAX_LEN).collect();
    Release {
        title: if title.is_empty() { key.clone() } else { title },
        key,
        kind,
        unit: ReleaseUnit::Full,
        status: ReleaseStatus::Draft,
        applications: vec![],
        owner: None,
        manager: None,
        environments: vec![],
        window: None,
        risk: Risk::Medium,
        acceptance_criteria: String::new(),
        backout_plan: String::new(),
        backout_tested: false,
        notes: String::new(),
        rfcs: vec![],
        cis: vec![],
        milestones: vec![],
    }
}

/// "REL-2027.03.01 Payments" → the key and the title, when the first word is a release key.
pub fn release_key(name: &str) -> Option<(String, String)> {
    let name = name.trim();
    let (first, rest) = name.split_once(char::is_whitespace).unwrap_or((name, ""));
    let looks = first.chars().any(|c| c.is_ascii_digit()) && first.contains(['-', '.', '_']);
    (looks && check_key(first, "").is_none()).then(|| (first.to_owned(), rest.trim().to_owned()))
}

fn unique(key: String, keys: &mut HashSet<String>, notes: &mut Vec<String>, name: &str) -> String {
    if keys.insert(key.to_lowercase()) {
        return key;
    }
    let made = (2..).map(|n| format!("{key}-{n}")).find(|k| !keys.contains(&k.to_lowercase())).unwrap_or(key);
    keys.insert(made.to_lowercase());
    notes.push(format!("\"{name}\": the key {made} (another summary task has the same one)"));
    made
}

/// The phase a task is: its name made usable (control characters become spaces, cut to
/// [`PHASE_NAME_MAX_LEN`], "Task N" when empty) and unique in its release.
fn phase_kind(t: &Task, r: &Release, notes: &mut Vec<String>) -> MilestoneKind {
    let mut name: String = t.name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > PHASE_NAME_MAX_LEN {
        name = name.chars().take(PHASE_NAME_MAX_LEN).collect::<String>().trim_end().to_owned();
        notes.push(format!(
            "{}: task {} named \"{name}…\" (a phase's name has at most {PHASE_NAME_MAX_LEN} characters)",
            r.key, t.id
        ));
    }
    if name.is_empty() {
        name = format!("Task {}", t.id);
    }
    let taken =
        |k: &MilestoneKind| r.milestones.iter().any(|m| m.kind.as_str().to_lowercase() == k.as_str().to_lowercase());
    let first = MilestoneKind::named(&name)
        .unwrap_or_else(|_| MilestoneKind::named(&format!("Task {}", t.id)).expect("a name"));
    if !taken(&first) {
        return first;
    }
    let again = (2..)
        .filter_map(|n| MilestoneKind::named(&format!("{} ({n})", first.label())).ok())
        .find(|k| !taken(k))
        .expect("a free name");
    notes.push(format!("{}: a second task \"{}\" is the phase \"{}\"", r.key, first.label(), again.label()));
    again
}

/// A task's days: from its start's day to its finish's (a finish at midnight ends the day
/// before); a milestone is its start's day.
fn days(start: NaiveDateTime, finish: NaiveDateTime, milestone: bool) -> (NaiveDate, NaiveDate) {
    let s = start.date();
    if milestone {
        return (s, s);
    }
    let mut e = finish.date();
    if finish.time() == NaiveTime::MIN && e > s {
        e = e.pred_opt().unwrap_or(e);
    }
    (s, e.max(s))
}

fn links(
    p: &Project,
    releases: &[Release],
    place: &HashMap<i64, (usize, Option<MilestoneKind>)>,
    notes: &mut Vec<String>,
) -> Vec<Dependency> {
    let name: HashMap<i64, &str> = p.tasks.iter().map(|t| (t.uid, t.name.as_str())).collect();
    let end = |uid: i64| {
        place.get(&uid).map(|(at, kind)| Endpoint { release: releases[*at].key.clone(), milestone: kind.clone() })
    };
    let (mut out, mut seen, mut left_out, mut rounded, mut working) = (vec![], HashSet::new(), 0usize, vec![], false);
    for l in &p.links {
        let (Some(from), Some(to)) = (end(l.from_uid), end(l.to_uid)) else {
            left_out += 1;
            continue;
        };
        let lag = match l.lag.days() {
            Some(d) => {
                if !d.exact() && rounded.len() < 5 {
                    let exact = l.lag.raw as f64 / l.lag.tenths_per_day() as f64;
                    rounded.push(format!(
                        "\"{}\" → \"{}\": {exact:.2} days to {}",
                        name.get(&l.from_uid).unwrap_or(&"?"),
                        name.get(&l.to_uid).unwrap_or(&"?"),
                        d.days
                    ));
                }
                working |= d.working && d.days != 0;
                d.days
            }
            None => 0,
        };
        let kind = match l.kind {
            LinkKind::FinishToStart => DepKind::FinishToStart,
            LinkKind::StartToStart => DepKind::StartToStart,
            LinkKind::FinishToFinish => DepKind::FinishToFinish,
            LinkKind::StartToFinish => DepKind::StartToFinish,
        };
        if from != to && seen.insert((from.clone(), to.clone())) {
            out.push(Dependency { from, to, kind, lag_days: i32::try_from(lag).unwrap_or(i32::MAX) });
        }
    }
    if left_out > 0 {
        notes.push(format!(
            "{left_out} link{} to tasks Runway does not keep (the project's summary, summary tasks below a release, the deployment window) left out",
            if left_out == 1 { "" } else { "s" }
        ));
    }
    if !rounded.is_empty() {
        notes.push(format!("lags rounded to whole days: {}", rounded.join("; ")));
    }
    if working {
        notes.push("lags in working days are kept as that many calendar days (Runway plans in calendar days)".into());
    }
    out
}

fn baselines(
    p: &Project,
    releases: &[Release],
    place: &HashMap<i64, (usize, Option<MilestoneKind>)>,
    now: DateTime<Utc>,
) -> Vec<Baseline> {
    let mut by_number: BTreeMap<u8, Vec<BaselineMilestone>> = BTreeMap::new();
    for t in &p.tasks {
        let Some((at, Some(kind))) = place.get(&t.uid) else { continue };
        for b in &t.baselines {
            let (Some(s), Some(f)) = (b.start.or(b.finish), b.finish.or(b.start)) else { continue };
            let (planned_start, planned_end) = days(s.min(f), f.max(s), t.milestone);
            by_number.entry(b.number).or_default().push(BaselineMilestone {
                release: releases[*at].key.clone(),
                kind: kind.clone(),
                planned_start,
                planned_end,
            });
        }
    }
    by_number
        .into_iter()
        .map(|(n, mut milestones)| {
            milestones.sort_by(|a, b| (&a.release, &a.kind).cmp(&(&b.release, &b.kind)));
            Baseline {
                name: if n == 0 { "MS Project baseline".into() } else { format!("MS Project baseline {n}") },
                taken_at: now - Duration::seconds(i64::from(n)),
                milestones,
            }
        })
        .collect()
}
