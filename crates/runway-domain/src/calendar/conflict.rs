//! Conflicts in the forward schedule (D6): what else is changing that night, and what the plan's
//! windows and policy forbid.
//!
//! Every kind is found by sorting intervals and sweeping them, never by comparing every pair of
//! releases: the cost grows with the number of deployments and bookings (n log n) plus the number
//! of conflicts found. `tests/calendar/` checks each kind against a brute-force pairwise search
//! on random plans.
//!
//! The conflicts with windows are in `windows`, the words of the messages in `words`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::{Booking, BookingSource, active};
use super::window::{ChangeWindow, Occurrence, occurrences};
use super::zone::PlanZone;
use crate::model::{Environment, Release};
use crate::schedule::CiDependency;

mod windows;
mod words;

use words::{and_list, describe_booking, when};

/// Maps and sets of the plan's own names, hashed by FxHash (a rotate, a xor and a multiply a
/// word), not SipHash: that guards against keys chosen to collide and costs several times more.
type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
type Set<K> = HashSet<K, BuildHasherDefault<Fx>>;

#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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
            let w =
                r.window.filter(|w| crate::dates::in_range(w.start.date()) && crate::dates::in_range(w.end.date()))?;
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
            words::stamp(span.0)
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

/// Every conflict that touches `[from, to)` (whose span meets it), ordered by when it starts:
/// the same conflicts, whole, as detection over the whole plan finds there.
pub fn detect(s: &Schedule<'_>, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
    let (wide_from, wide_to) = widened(s, from, to);
    let occ = occurrences(s.windows, s.zone, wide_from, wide_to);
    detect_with(s, &per_window(&occ, s.windows.len()), from, to)
}

/// What a conflict touching `[from, to)` may depend on: the whole days either side (a daily cap
/// counts the day) and the longest deployment (a green zone covers it whole).
fn widened(s: &Schedule<'_>, from: DateTime<Utc>, to: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let longest = s.releases.iter().filter_map(|r| r.window).map(|w| w.end - w.start).max().unwrap_or_default();
    let margin = longest.max(TimeDelta::zero()) + TimeDelta::days(2);
    (from - margin, to + margin)
}

/// [`detect`] with the windows' occurrences already computed (per window, each list sorted by
/// start, covering at least `[from, to)` and the longest deployment either side).
pub fn detect_with(s: &Schedule<'_>, occ: &[Vec<Occurrence>], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Conflict> {
    let mut b = Builder { rules: s.rules, out: vec![] };
    let (wide_from, wide_to) = widened(s, from, to);
    let deps = deployments(s.releases, s.zone, wide_from, wide_to);
    capacity(&mut b, s, wide_from, wide_to);
    same_ci(&mut b, s.zone, &deps, s.ci_deps);
    let touching = windows::Touching::new(&deps);
    windows::windows(&mut b, s, &deps, &touching, occ, wide_from, wide_to);
    if s.rules.production_needs_green_zone {
        windows::green_zones(&mut b, s, &deps, &touching, occ);
    }
    daily_cap(&mut b, s, &deps, wide_from, wide_to);
    let mut out = b.out;
    out.retain(|c| s.zone.instant(c.start) < to && s.zone.instant(c.end) > from);
    // Sorted by index, then moved once: a conflict is large, and ids are unique.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_unstable_by(|&i, &j| {
        (out[i].start, out[i].kind, &out[i].id).cmp(&(out[j].start, out[j].kind, &out[j].id))
    });
    let mut found: Vec<Option<Conflict>> = out.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| found[i].take()).collect()
}

/// Bookings of one environment beyond its capacity: one conflict per stretch of time in which
/// more than `capacity` bookings run at once (from the moment one too many starts until enough
/// have ended), naming every booking that takes part in it. A pile-up of many bookings is one
/// conflict, not one per booking: the list stays readable at 5,000 releases.
fn capacity(b: &mut Builder<'_>, s: &Schedule<'_>, from: DateTime<Utc>, to: DateTime<Utc>) {
    // Each booking with its instants.
    type Timed<'a> = (DateTime<Utc>, DateTime<Utc>, &'a Booking);
    let mut by_env: Map<&str, Vec<Timed<'_>>> = Map::default();
    for bk in s.bookings {
        // Every booking: a stretch over capacity may begin or end outside the range, and must be
        // the same stretch whatever range is asked for; only stretches touching it are kept.
        let (st, en) = (s.zone.instant(bk.start), s.zone.instant(bk.end));
        by_env.entry(bk.environment.as_str()).or_default().push((st, en, bk));
    }
    let mut capacities: Map<&str, u32> = Map::default();
    for e in s.environments {
        capacities.entry(e.name.as_str()).or_insert(e.capacity);
    }
    let mut envs: Vec<&str> = by_env.keys().copied().collect();
    envs.sort_unstable();
    for env in envs {
        let mut list = by_env.remove(env).unwrap_or_default();
        let cap = capacities.get(env).map_or(1, |c| (*c).max(1)) as usize;
        list.sort_by_key(|x| (x.0, x.1));
        // The changes of the count, in time order; at one instant, ends before starts.
        let mut events: Vec<(DateTime<Utc>, bool, usize)> =
            list.iter().enumerate().flat_map(|(i, x)| [(x.0, true, i), (x.1, false, i)]).collect();
        events.sort_by_key(|&(t, starts, i)| (t, starts, i));
        let mut running: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
        // The stretch over capacity under way: its start, the bookings in it, the most at once.
        let mut run: Option<(DateTime<Utc>, Vec<usize>, usize)> = None;
        let mut k = 0;
        while k < events.len() {
            let t = events[k].0;
            let mut started = vec![];
            while k < events.len() && events[k].0 == t {
                let (_, starts, i) = events[k];
                if starts {
                    running.insert(i);
                    started.push(i);
                } else {
                    running.remove(&i);
                }
                k += 1;
            }
            match &mut run {
                None if running.len() > cap => run = Some((t, running.iter().copied().collect(), running.len())),
                Some((_, members, peak)) if running.len() > cap => {
                    members.extend(started);
                    *peak = (*peak).max(running.len());
                }
                Some(_) => {
                    if let Some((start, members, peak)) = run.take()
                        && start < to
                        && t > from
                    {
                        over_capacity(b, s, env, cap, &list, (start, t), members, peak);
                    }
                }
                None => {}
            }
        }
    }
}

/// One stretch of `env` over its capacity: `members` index `list` (sorted by start).
#[allow(clippy::too_many_arguments)]
fn over_capacity(
    b: &mut Builder<'_>,
    s: &Schedule<'_>,
    env: &str,
    cap: usize,
    list: &[(DateTime<Utc>, DateTime<Utc>, &Booking)],
    span: (DateTime<Utc>, DateTime<Utc>),
    mut members: Vec<usize>,
    peak: usize,
) {
    members.sort_unstable();
    let bookings: Vec<&Booking> = members.iter().map(|&j| list[j].2).collect();
    let parties: Vec<Party> = bookings.iter().map(|m| Party::of_booking(m)).collect();
    let mut distinct = parties.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        return; // one release booking one environment twice is not a clash
    }
    let local = (s.zone.local(span.0), s.zone.local(span.1));
    const NAMED: usize = 8;
    let mut names: Vec<String> = bookings.iter().take(NAMED).map(|m| describe_booking(m)).collect();
    if bookings.len() > NAMED {
        names.push(format!("{} more", bookings.len() - NAMED));
    }
    let message = if bookings.len() == peak {
        format!(
            "{env} is booked {peak} times at once ({}), its capacity is {cap}: {}",
            when(local.0, local.1),
            and_list(&names)
        )
    } else {
        format!(
            "{env} is booked beyond its capacity of {cap} ({}, up to {peak} at once) by {} bookings: {}",
            when(local.0, local.1),
            bookings.len(),
            and_list(&names)
        )
    };
    b.push(ConflictKind::EnvironmentCapacity, parties, local, Some(env), None, message);
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

/// Where two intervals (instants) meet, on the wall clock: a time typed in the hour the clocks
/// skip is shown as the time it stands for.
fn overlap(
    zone: PlanZone,
    a: (DateTime<Utc>, DateTime<Utc>),
    b: (DateTime<Utc>, DateTime<Utc>),
) -> (NaiveDateTime, NaiveDateTime) {
    (zone.local(a.0.max(b.0)), zone.local(a.1.min(b.1)))
}

/// The same CI changed by two releases whose deployment windows overlap; and, as a warning, a CI
/// changed while another release changes a CI that depends on it.
fn same_ci(b: &mut Builder<'_>, zone: PlanZone, deps: &[Deployment<'_>], ci_deps: &[CiDependency]) {
    let mut by_ci: Map<&str, Vec<&Deployment<'_>>> = Map::default();
    for d in deps {
        for c in &d.release.cis {
            by_ci.entry(c.ci.as_str()).or_default().push(d);
        }
    }
    let mut cis: Vec<&&str> = by_ci.keys().collect();
    cis.sort();
    for ci in cis {
        for (x, y) in overlapping_pairs(&by_ci[*ci]) {
            let span = overlap(zone, (x.start_utc, x.end_utc), (y.start_utc, y.end_utc));
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
                    let span = overlap(zone, (u.start_utc, u.end_utc), (dn.start_utc, dn.end_utc));
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
                    // The id says which CI depends on it and who changes which: two releases
                    // may meet through two dependencies, or both ways.
                    if let Some(c) = b.out.last_mut() {
                        c.id = format!("{}|{}>{}", c.id, dep.ci, u.release.key);
                    }
                }
            }
            running.push((d, up));
        }
    }
}

/// The occurrences of window `w` (among `occ`, sorted by start) that overlap `[start, end)`.
fn meeting(occ: &[Occurrence], start: DateTime<Utc>, end: DateTime<Utc>) -> impl Iterator<Item = &Occurrence> {
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
                words::day(day),
                and_list(&keys)
            );
            let parties = keys.iter().map(|k| Party::release(k)).collect();
            b.push(ConflictKind::DailyCap, parties, day_span(day), None, None, message);
        }
    }
    if let Some(cap) = s.rules.daily_cap_per_environment {
        let mut by_day: Map<(&str, NaiveDate), Vec<&Booking>> = Map::default();
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
                words::day(day),
                and_list(&keys)
            );
            let parties = keys.iter().map(|k| Party::release(k)).collect();
            b.push(ConflictKind::DailyCap, parties, day_span(day), Some(env), None, message);
        }
    }
}

fn day_span(day: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    (day.and_time(NaiveTime::MIN), crate::dates::next_day(day).and_time(NaiveTime::MIN))
}
