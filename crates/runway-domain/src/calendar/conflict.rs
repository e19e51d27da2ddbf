//! Conflicts in the forward schedule (D6): what else is changing that night, and what the plan's
//! windows and policy forbid.
//!
//! Every kind is found by sorting intervals and sweeping them, never by comparing every pair of
//! releases: the cost grows with the number of deployments and bookings (n log n) plus the number
//! of conflicts found. `tests/calendar.rs` checks each kind against a brute-force pairwise search
//! on random plans.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::{Booking, BookingSource, active};
use super::window::{ChangeWindow, Occurrence, WindowKind, occurrences};
use super::zone::PlanZone;
use crate::model::{Environment, Release};
use crate::schedule::CiDependency;

labelled_enum!(
    /// What kind of conflict.
    ConflictKind {
        EnvironmentCapacity => "environment_capacity", "Environment over capacity";
        SameCi => "same_ci", "Same CI changed in overlapping windows";
        CiDependency => "ci_dependency", "Changes a CI another release depends on";
        Freeze => "freeze", "Change in a freeze";
        Blackout => "blackout", "Deployment in a blackout";
        Maintenance => "maintenance", "Deployment in a maintenance window";
        OutsideGreenZone => "outside_green_zone", "Production deployment outside the green zones";
        DailyCap => "daily_cap", "Too many deployments on one day";
    }
);

labelled_enum!(
    /// Whether a conflict stops authorization and deployment (the policy says which kinds do).
    Severity {
        Blocking => "blocking", "Blocking";
        Warning => "warning", "Warning";
    }
);

labelled_enum!(
    /// What a party to a conflict is.
    PartyKind {
        Release => "release", "Release";
        Booking => "booking", "Booking";
        Window => "window", "Window";
    }
);

/// One party to a conflict.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct Party {
    pub kind: PartyKind,
    /// The release's key, the window's name, or the booking's purpose.
    pub name: String,
    /// A manual booking's id.
    pub booking: Option<i64>,
}

impl Party {
    fn release(key: &str) -> Party {
        Party { kind: PartyKind::Release, name: key.to_owned(), booking: None }
    }
    fn window(name: &str) -> Party {
        Party { kind: PartyKind::Window, name: name.to_owned(), booking: None }
    }
    fn of_booking(b: &Booking) -> Party {
        match (&b.release, b.source) {
            (Some(key), BookingSource::Test | BookingSource::Deployment) => Party::release(key),
            _ => Party { kind: PartyKind::Booking, name: b.purpose.clone(), booking: b.id },
        }
    }
}

/// A conflict, named with its parties, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Conflict {
    /// Stable while the parties and the day stay the same (what a what-if compares).
    pub id: String,
    pub kind: ConflictKind,
    pub severity: Severity,
    pub parties: Vec<Party>,
    /// The releases involved, by key.
    pub releases: Vec<String>,
    /// When the parties meet, in the plan's local time.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub environment: Option<String>,
    pub ci: Option<String>,
    /// What and why, in a sentence.
    pub message: String,
}

impl Conflict {
    pub fn involves(&self, key: &str) -> bool {
        self.releases.iter().any(|r| r == key)
    }
}

/// The calendar rules of the plan's policy (D3, D6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct CalendarRules {
    /// The most deployments on one day in the whole portfolio; none for no cap.
    pub daily_cap: Option<u32>,
    /// The most deployments on one day into one environment; none for no cap.
    pub daily_cap_per_environment: Option<u32>,
    /// The kinds of conflict that stop authorization and the start of deployment.
    pub blocking: Vec<ConflictKind>,
    /// A production deployment must lie inside a green zone, where green zones cover it.
    pub production_needs_green_zone: bool,
}

impl Default for CalendarRules {
    fn default() -> Self {
        CalendarRules {
            daily_cap: Some(4),
            daily_cap_per_environment: Some(2),
            blocking: vec![
                ConflictKind::EnvironmentCapacity,
                ConflictKind::SameCi,
                ConflictKind::Freeze,
                ConflictKind::Blackout,
                ConflictKind::OutsideGreenZone,
            ],
            production_needs_green_zone: true,
        }
    }
}

impl CalendarRules {
    pub fn severity(&self, kind: ConflictKind) -> Severity {
        if self.blocking.contains(&kind) { Severity::Blocking } else { Severity::Warning }
    }
}

/// What conflict detection looks at.
#[derive(Debug, Clone, Copy)]
pub struct Schedule<'a> {
    pub releases: &'a [Release],
    pub environments: &'a [Environment],
    pub ci_deps: &'a [CiDependency],
    pub windows: &'a [ChangeWindow],
    /// Every booking, automatic and manual ([`super::booking::all`]).
    pub bookings: &'a [Booking],
    pub rules: &'a CalendarRules,
    pub zone: PlanZone,
}

/// A release's deployment window as an interval.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deployment<'a> {
    pub release: &'a Release,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub start_utc: DateTime<Utc>,
    pub end_utc: DateTime<Utc>,
}

pub(crate) fn deployments<'a>(
    releases: &'a [Release],
    zone: PlanZone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<Deployment<'a>> {
    let mut out: Vec<Deployment<'a>> = releases
        .iter()
        .filter(|r| active(r))
        .filter_map(|r| {
            let w = r.window?;
            let d = Deployment {
                release: r,
                start: w.start,
                end: w.end,
                start_utc: zone.instant(w.start),
                end_utc: zone.instant(w.end),
            };
            (d.start_utc < to && d.end_utc > from).then_some(d)
        })
        .collect();
    out.sort_by(|a, b| (a.start_utc, &a.release.key).cmp(&(b.start_utc, &b.release.key)));
    out
}

fn when(start: NaiveDateTime, end: NaiveDateTime) -> String {
    let s = start.format("%a %-d %b %Y %H:%M");
    if start.date() == end.date() {
        format!("{s}–{}", end.format("%H:%M"))
    } else {
        format!("{s} to {}", end.format("%a %-d %b %H:%M"))
    }
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

struct Builder<'a> {
    rules: &'a CalendarRules,
    out: Vec<Conflict>,
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: ConflictKind,
        mut parties: Vec<Party>,
        span: (NaiveDateTime, NaiveDateTime),
        environment: Option<&str>,
        ci: Option<&str>,
        message: String,
    ) {
        parties.sort();
        parties.dedup();
        let mut releases: Vec<String> =
            parties.iter().filter(|p| p.kind == PartyKind::Release).map(|p| p.name.clone()).collect();
        releases.dedup();
        let names: Vec<String> = parties
            .iter()
            .map(|p| match p.booking {
                Some(id) => format!("#{id}"),
                None => p.name.clone(),
            })
            .collect();
        let id = format!(
            "{}|{}|{}|{}|{}",
            kind.as_str(),
            names.join(","),
            environment.unwrap_or(""),
            ci.unwrap_or(""),
            span.0.format("%Y-%m-%dT%H:%M")
        );
        self.out.push(Conflict {
            id,
            kind,
            severity: self.rules.severity(kind),
            parties,
            releases,
            start: span.0,
            end: span.1,
            environment: environment.map(str::to_owned),
            ci: ci.map(str::to_owned),
            message,
        });
    }
}

/// Every conflict that touches `[from, to)`, ordered by when it starts.
pub fn detect(s: &Schedule<'_>, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
    let occ = occurrences(s.windows, s.zone, from, to);
    detect_with(s, &per_window(&occ, s.windows.len()), from, to)
}

/// [`detect`] with the windows' occurrences already computed (per window, each list sorted by
/// start, covering at least `[from, to)`).
pub fn detect_with(s: &Schedule<'_>, occ: &[Vec<Occurrence>], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
    let mut b = Builder { rules: s.rules, out: vec![] };
    let deps = deployments(s.releases, s.zone, from, to);
    capacity(&mut b, s, from, to);
    same_ci(&mut b, &deps, s.ci_deps);
    windows(&mut b, s, &deps, occ, from, to);
    if s.rules.production_needs_green_zone {
        green_zones(&mut b, s, &deps, occ);
    }
    daily_cap(&mut b, s, &deps, from, to);
    let mut out = b.out;
    out.sort_by(|a, b| (a.start, a.kind, &a.id).cmp(&(b.start, b.kind, &b.id)));
    out
}

/// Bookings of one environment beyond its capacity: in start order, a booking that finds
/// `capacity` others still running is one too many.
fn capacity(b: &mut Builder<'_>, s: &Schedule<'_>, from: DateTime<Utc>, to: DateTime<Utc>) {
    let mut by_env: BTreeMap<&str, Vec<(DateTime<Utc>, DateTime<Utc>, &Booking)>> = BTreeMap::new();
    for bk in s.bookings {
        let (st, en) = (s.zone.instant(bk.start), s.zone.instant(bk.end));
        if st < to && en > from {
            by_env.entry(bk.environment.as_str()).or_default().push((st, en, bk));
        }
    }
    for (env, mut list) in by_env {
        let cap = s.environments.iter().find(|e| e.name == env).map_or(1, |e| e.capacity.max(1)) as usize;
        list.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        // Running bookings, by end (earliest first).
        let mut running: BinaryHeap<Reverse<(DateTime<Utc>, usize)>> = BinaryHeap::new();
        for (i, &(st, _, bk)) in list.iter().enumerate() {
            while running.peek().is_some_and(|Reverse((end, _))| *end <= st) {
                running.pop();
            }
            running.push(Reverse((list[i].1, i)));
            if running.len() > cap {
                let members: Vec<&Booking> = running.iter().map(|Reverse((_, j))| list[*j].2).collect();
                let parties: Vec<Party> = members.iter().map(|m| Party::of_booking(m)).collect();
                let mut distinct = parties.clone();
                distinct.sort();
                distinct.dedup();
                if distinct.len() < 2 {
                    continue; // one release booking one environment twice is not a clash
                }
                let end = running.iter().map(|Reverse((e, _))| *e).min().unwrap_or(list[i].1);
                let span = (bk.start, s.zone.local(end));
                let names: Vec<String> = members.iter().map(|m| describe_booking(m)).collect();
                let message = format!(
                    "{env} is booked {} times at once ({}), its capacity is {cap}: {}",
                    members.len(),
                    when(span.0, span.1),
                    and_list(&names)
                );
                b.push(ConflictKind::EnvironmentCapacity, parties, span, Some(env), None, message);
            }
        }
    }
}

fn describe_booking(b: &Booking) -> String {
    match (&b.release, b.source) {
        (Some(r), BookingSource::Test) => format!("{r}'s test phase"),
        (Some(r), BookingSource::Deployment) => format!("{r}'s deployment"),
        _ if b.by.is_empty() => format!("\"{}\"", b.purpose),
        _ => format!("\"{}\" (booked by {})", b.purpose, b.by),
    }
}

/// Overlapping deployments (pairs in start order) among `list`, which is sorted by start.
fn overlapping_pairs<'a, 'b>(list: &'b [&'b Deployment<'a>]) -> Vec<(&'b Deployment<'a>, &'b Deployment<'a>)> {
    let mut out = vec![];
    let mut running: Vec<&Deployment<'a>> = vec![];
    for d in list {
        running.retain(|r| r.end_utc > d.start_utc);
        out.extend(running.iter().filter(|r| r.release.key != d.release.key).map(|r| (*r, *d)));
        running.push(d);
    }
    out
}

fn overlap(a: &Deployment<'_>, b: &Deployment<'_>) -> (NaiveDateTime, NaiveDateTime) {
    let start = if a.start_utc >= b.start_utc { a.start } else { b.start };
    let end = if a.end_utc <= b.end_utc { a.end } else { b.end };
    (start, end)
}

/// The same CI changed by two releases whose deployment windows overlap; and, as a warning, a CI
/// changed while another release changes a CI that depends on it.
fn same_ci(b: &mut Builder<'_>, deps: &[Deployment<'_>], ci_deps: &[CiDependency]) {
    let mut by_ci: HashMap<&str, Vec<&Deployment<'_>>> = HashMap::new();
    for d in deps {
        for c in &d.release.cis {
            by_ci.entry(c.ci.as_str()).or_default().push(d);
        }
    }
    let mut cis: Vec<&&str> = by_ci.keys().collect();
    cis.sort();
    for ci in cis {
        for (x, y) in overlapping_pairs(&by_ci[*ci]) {
            let span = overlap(x, y);
            let message = format!(
                "{} and {} both change {ci} in overlapping deployment windows ({})",
                x.release.key,
                y.release.key,
                when(span.0, span.1)
            );
            b.push(
                ConflictKind::SameCi,
                vec![Party::release(&x.release.key), Party::release(&y.release.key)],
                span,
                None,
                Some(ci),
                message,
            );
        }
    }
    let empty = vec![];
    for dep in ci_deps {
        let upstream = by_ci.get(dep.depends_on.as_str()).unwrap_or(&empty);
        let downstream = by_ci.get(dep.ci.as_str()).unwrap_or(&empty);
        if upstream.is_empty() || downstream.is_empty() {
            continue;
        }
        // Merge the two sorted lists, remembering which side each came from.
        let mut merged: Vec<(&Deployment<'_>, bool)> =
            upstream.iter().map(|d| (*d, true)).chain(downstream.iter().map(|d| (*d, false))).collect();
        merged.sort_by(|a, b| (a.0.start_utc, &a.0.release.key, a.1).cmp(&(b.0.start_utc, &b.0.release.key, b.1)));
        let mut running: Vec<(&Deployment<'_>, bool)> = vec![];
        for (d, up) in merged {
            running.retain(|(r, _)| r.end_utc > d.start_utc);
            for &(r, r_up) in &running {
                if r_up != up && r.release.key != d.release.key {
                    let (u, dn) = if up { (d, r) } else { (r, d) };
                    let span = overlap(u, dn);
                    let message = format!(
                        "{} changes {}, which {} of {} depends on, in an overlapping window ({})",
                        u.release.key,
                        dep.depends_on,
                        dep.ci,
                        dn.release.key,
                        when(span.0, span.1)
                    );
                    b.push(
                        ConflictKind::CiDependency,
                        vec![Party::release(&u.release.key), Party::release(&dn.release.key)],
                        span,
                        None,
                        Some(&dep.depends_on),
                        message,
                    );
                }
            }
            running.push((d, up));
        }
    }
}

/// The occurrences of window `w` (among `occ`, sorted by start) that overlap `[start, end)`.
fn meeting<'o>(
    occ: &'o [Occurrence],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> impl Iterator<Item = &'o Occurrence> {
    // Occurrences last at most as long as the longest window; find the first that may reach
    // `start` by its start, and walk on while they start before `end`.
    let first = occ.partition_point(|o| o.end_utc <= start);
    occ[first..].iter().take_while(move |o| o.start_utc < end).filter(move |o| o.end_utc > start)
}

/// Occurrences per window, each list sorted by start.
pub fn per_window(occ: &[Occurrence], n: usize) -> Vec<Vec<Occurrence>> {
    let mut out = vec![vec![]; n];
    for o in occ {
        out[o.window].push(*o);
    }
    out
}

/// Deployments in freezes, blackouts and maintenance windows that cover them; manual bookings
/// (environment work) in freezes.
fn windows(
    b: &mut Builder<'_>,
    s: &Schedule<'_>,
    deps: &[Deployment<'_>],
    lists: &[Vec<Occurrence>],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    for (wi, w) in s.windows.iter().enumerate() {
        let kind = match w.kind {
            WindowKind::Freeze => ConflictKind::Freeze,
            WindowKind::Blackout => ConflictKind::Blackout,
            WindowKind::Maintenance => ConflictKind::Maintenance,
            WindowKind::GreenZone => continue,
        };
        let list = &lists[wi];
        if list.is_empty() {
            continue;
        }
        for d in deps.iter().filter(|d| w.scope.covers_release(d.release)) {
            for o in meeting(list, d.start_utc, d.end_utc) {
                let span = (d.start.max(o.start), d.end.min(o.end));
                let why = if w.reason.trim().is_empty() { String::new() } else { format!(": {}", w.reason.trim()) };
                let message = format!(
                    "{}'s deployment ({}) falls in the {} {:?} ({}, covering {}){why}",
                    d.release.key,
                    when(d.start, d.end),
                    w.kind.label().to_lowercase(),
                    w.name,
                    when(o.start, o.end),
                    w.scope.describe()
                );
                b.push(kind, vec![Party::release(&d.release.key), Party::window(&w.name)], span, None, None, message);
            }
        }
        if w.kind == WindowKind::Freeze {
            for bk in s.bookings.iter().filter(|bk| bk.source == BookingSource::Manual) {
                let release = bk.release.as_ref().and_then(|k| s.releases.iter().find(|r| &r.key == k));
                if !w.scope.covers_environment(&bk.environment, release) {
                    continue;
                }
                let (st, en) = (s.zone.instant(bk.start), s.zone.instant(bk.end));
                if st >= to || en <= from {
                    continue;
                }
                for o in meeting(list, st, en) {
                    let span = (bk.start.max(o.start), bk.end.min(o.end));
                    let message = format!(
                        "{} in {} ({}) falls in the freeze {:?} ({})",
                        describe_booking(bk),
                        bk.environment,
                        when(bk.start, bk.end),
                        w.name,
                        when(o.start, o.end)
                    );
                    b.push(
                        ConflictKind::Freeze,
                        vec![Party::of_booking(bk), Party::window(&w.name)],
                        span,
                        Some(&bk.environment),
                        None,
                        message,
                    );
                }
            }
        }
    }
}

/// Production deployments not inside the green zones that cover them. A deployment no green zone
/// covers is not judged: green zones are the allowed slots of what they cover.
fn green_zones(b: &mut Builder<'_>, s: &Schedule<'_>, deps: &[Deployment<'_>], lists: &[Vec<Occurrence>]) {
    let zones: Vec<usize> =
        s.windows.iter().enumerate().filter(|(_, w)| w.kind == WindowKind::GreenZone).map(|(i, _)| i).collect();
    if zones.is_empty() {
        return;
    }
    let production: Vec<&str> = s.environments.iter().filter(|e| e.production).map(|e| e.name.as_str()).collect();
    for d in deps {
        let prod: Vec<&String> = d.release.environments.iter().filter(|e| production.contains(&e.as_str())).collect();
        if prod.is_empty() {
            continue;
        }
        let covering: Vec<usize> =
            zones.iter().copied().filter(|&i| s.windows[i].scope.covers_release(d.release)).collect();
        if covering.is_empty() {
            continue;
        }
        let mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)> = covering
            .iter()
            .flat_map(|&i| meeting(&lists[i], d.start_utc, d.end_utc).map(|o| (o.start_utc, o.end_utc)))
            .collect();
        spans.sort();
        // Is [start, end) covered by the union of the spans?
        let mut reached = d.start_utc;
        for (st, en) in spans {
            if st > reached {
                break;
            }
            reached = reached.max(en);
        }
        if reached >= d.end_utc {
            continue;
        }
        let names: Vec<String> = covering.iter().map(|&i| format!("{:?}", s.windows[i].name)).collect();
        let env_names: Vec<String> = prod.iter().map(|e| (*e).clone()).collect();
        let message = format!(
            "{}'s production deployment to {} ({}) is not inside a green zone ({})",
            d.release.key,
            and_list(&env_names),
            when(d.start, d.end),
            and_list(&names)
        );
        let mut parties = vec![Party::release(&d.release.key)];
        parties.extend(covering.iter().map(|&i| Party::window(&s.windows[i].name)));
        b.push(
            ConflictKind::OutsideGreenZone,
            parties,
            (d.start, d.end),
            prod.first().map(|e| e.as_str()),
            None,
            message,
        );
    }
}

/// Days with more deployments than the policy's caps, in the portfolio and per environment (a
/// deployment counts on the day it starts).
fn daily_cap(b: &mut Builder<'_>, s: &Schedule<'_>, deps: &[Deployment<'_>], from: DateTime<Utc>, to: DateTime<Utc>) {
    let in_range = |d: &&Deployment<'_>| d.start_utc >= from && d.start_utc < to;
    if let Some(cap) = s.rules.daily_cap {
        let mut by_day: BTreeMap<NaiveDate, Vec<&Deployment<'_>>> = BTreeMap::new();
        for d in deps.iter().filter(in_range) {
            by_day.entry(d.start.date()).or_default().push(d);
        }
        for (day, list) in by_day.into_iter().filter(|(_, l)| l.len() > cap as usize) {
            let keys: Vec<String> = list.iter().map(|d| d.release.key.clone()).collect();
            let message = format!(
                "{} deployments on {} in the portfolio, the cap is {cap}: {}",
                list.len(),
                day.format("%a %-d %b %Y"),
                and_list(&keys)
            );
            let parties = keys.iter().map(|k| Party::release(k)).collect();
            b.push(ConflictKind::DailyCap, parties, day_span(day), None, None, message);
        }
    }
    if let Some(cap) = s.rules.daily_cap_per_environment {
        let mut by_day: BTreeMap<(&str, NaiveDate), Vec<&Booking>> = BTreeMap::new();
        for bk in s.bookings.iter().filter(|bk| bk.source == BookingSource::Deployment) {
            let st = s.zone.instant(bk.start);
            if st >= from && st < to {
                by_day.entry((bk.environment.as_str(), bk.start.date())).or_default().push(bk);
            }
        }
        for ((env, day), list) in by_day.into_iter().filter(|(_, l)| l.len() > cap as usize) {
            let keys: Vec<String> = list.iter().filter_map(|bk| bk.release.clone()).collect();
            let message = format!(
                "{} deployments to {env} on {}, the cap is {cap} per environment: {}",
                list.len(),
                day.format("%a %-d %b %Y"),
                and_list(&keys)
            );
            let parties = keys.iter().map(|k| Party::release(k)).collect();
            b.push(ConflictKind::DailyCap, parties, day_span(day), Some(env), None, message);
        }
    }
}

fn day_span(day: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    (day.and_time(chrono::NaiveTime::MIN), crate::dates::next_day(day).and_time(chrono::NaiveTime::MIN))
}
