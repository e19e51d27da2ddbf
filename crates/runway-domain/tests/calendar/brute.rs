//! What conflict detection and the slot search must find, worked out the slow way: every pair,
//! every booking against every other, every half hour of a deployment against every green zone,
//! occurrences of windows by walking the days. Written from the rules as `conflict.rs` documents
//! them, not from its code; the plans of `properties` keep every time on a half hour, which the
//! green-zone check relies on.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveTime, TimeDelta, Weekday};
use runway_domain::calendar::slots::{moved, shift_days};
use runway_domain::calendar::{BookedBy, BookingSource, Party, PartyKind};

use super::*;

/// What two conflicts must share to be the same: kind, parties, environment, CI and start.
pub type Key = (ConflictKind, Vec<Party>, Option<String>, Option<String>, NaiveDateTime);

pub fn key(c: &Conflict) -> Key {
    (c.kind, c.parties.clone(), c.environment.clone(), c.ci.clone(), c.start)
}

fn release_party(key: &str) -> Party {
    Party { kind: PartyKind::Release, name: key.into(), booking: None }
}

fn window_party(name: &str) -> Party {
    Party { kind: PartyKind::Window, name: name.into(), booking: None }
}

pub fn is_active(r: &Release) -> bool {
    !matches!(
        r.status,
        ReleaseStatus::Closed | ReleaseStatus::ClosedFailed | ReleaseStatus::ClosedRejected | ReleaseStatus::Cancelled
    )
}

/// What books an environment: the plan's word, else production and pre-production by
/// deployments, development by nothing, the rest by tests (the environments of `properties`).
pub fn booked_by(plan: &Plan, name: &str) -> BookedBy {
    let e = plan.environments.iter().find(|e| e.name == name);
    match e.and_then(|e| e.booked_by) {
        Some(b) => b,
        None if e.is_some_and(|e| e.production) || name == "Pre-prod" => BookedBy::Deployment,
        None if name == "Dev" => BookedBy::Nothing,
        None => BookedBy::Test,
    }
}

/// A booking as the brute force sees it: environment, start, end, release, source.
pub type Booked = (String, NaiveDateTime, NaiveDateTime, Option<String>, BookingSource);

/// The bookings the plan must hold, sorted.
pub fn bookings(plan: &Plan) -> Vec<Booked> {
    let mut out = vec![];
    for r in plan.releases.iter().filter(|r| is_active(r)) {
        let test = r.milestones.iter().find(|m| m.kind == MilestoneKind::Test);
        for e in &r.environments {
            let span = match booked_by(plan, e) {
                BookedBy::Test => test.map(|m| {
                    let end = m.planned_end + Duration::days(1);
                    (m.planned_start.and_time(NaiveTime::MIN), end.and_time(NaiveTime::MIN), BookingSource::Test)
                }),
                BookedBy::Deployment => r.window.map(|w| (w.start, w.end, BookingSource::Deployment)),
                BookedBy::Nothing => None,
            };
            if let Some((s, en, source)) = span.filter(|(s, e, _)| e > s) {
                out.push((e.clone(), s, en, Some(r.key.clone()), source));
            }
        }
    }
    for (_, m) in &plan.manual {
        out.push((m.environment.clone(), m.start, m.end, m.release.clone(), BookingSource::Manual));
    }
    out.sort();
    out
}

fn party_of(b: &Booking) -> Party {
    match (&b.release, b.source) {
        (Some(k), BookingSource::Test | BookingSource::Deployment) => release_party(k),
        _ => Party { kind: PartyKind::Booking, name: b.purpose.clone(), booking: b.id },
    }
}

fn covers_release(s: &Scope, r: &Release) -> bool {
    let any = |mine: &[String], theirs: &[String]| mine.iter().any(|x| theirs.contains(x));
    let cis: Vec<String> = r.cis.iter().map(|c| c.ci.clone()).collect();
    (s.applications.is_empty() && s.environments.is_empty() && s.cis.is_empty())
        || any(&r.applications, &s.applications)
        || any(&r.environments, &s.environments)
        || any(&cis, &s.cis)
}

fn covers_environment(s: &Scope, env: &str, r: Option<&Release>) -> bool {
    (s.applications.is_empty() && s.environments.is_empty() && s.cis.is_empty())
        || s.environments.iter().any(|e| e == env)
        || r.is_some_and(|r| {
            r.applications.iter().any(|a| s.applications.contains(a)) || r.cis.iter().any(|c| s.cis.contains(&c.ci))
        })
}

type Span = (DateTime<Utc>, DateTime<Utc>);

fn meet(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The occurrences of a window (local start, instants) from its start to `until`, by walking the
/// days: the rules of `properties` are DAILY, WEEKLY;BYDAY=one day and WEEKLY;BYDAY=two days.
pub fn occurrences(w: &ChangeWindow, zone: PlanZone, until: NaiveDate) -> Vec<(NaiveDateTime, Span)> {
    let length = w.end - w.start;
    let Some(rule) = &w.recurrence else {
        return vec![(w.start, (zone.instant(w.start), zone.instant(w.end)))];
    };
    let names = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let days: Vec<Weekday> = match rule.split("BYDAY=").nth(1) {
        None => vec![],
        Some(list) => list
            .split(',')
            .map(|d| Weekday::try_from(names.iter().position(|n| *n == d).expect("a day") as u8).unwrap())
            .collect(),
    };
    let mut out = vec![];
    let mut day = w.start.date();
    while day <= until {
        let local = day.and_time(w.start.time());
        if (days.is_empty() || days.contains(&day.weekday())) && !w.exceptions.contains(&local) {
            // A start in the hour that never happens is the instant the clocks jump; the window
            // then lasts its length from there on the wall clock.
            let start = zone.instant(local);
            let wall = zone.local(start);
            out.push((wall, (start, zone.instant(wall + length))));
        }
        day += Duration::days(1);
    }
    out
}

struct Deployment<'a> {
    r: &'a Release,
    span: Span,
}

/// Every conflict of the plan (whose times all lie within `[from, to)`), by brute force.
pub fn conflicts(plan: &Plan, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Key> {
    let z = plan.zone;
    let local = |t: DateTime<Utc>| z.local(t);
    let until = z.local(to).date();
    let mut out: Vec<Key> = vec![];
    let deps: Vec<Deployment<'_>> = plan
        .releases
        .iter()
        .filter(|r| is_active(r))
        .filter_map(|r| r.window.map(|w| Deployment { r, span: (z.instant(w.start), z.instant(w.end)) }))
        .filter(|d| meet(d.span, (from, to)))
        .collect();

    // Capacity: the stretches of time (between any two consecutive starts or ends of the
    // environment's bookings) with more than `capacity` bookings running, stretches that touch
    // merged; each names every booking that runs in it.
    let all = plan.bookings();
    let mut envs: Vec<&str> = all.iter().map(|b| b.environment.as_str()).collect();
    envs.sort();
    envs.dedup();
    for env in envs {
        let cap = plan.environments.iter().find(|e| e.name == env).map_or(1, |e| e.capacity.max(1)) as usize;
        let list: Vec<(Span, &Booking)> = all
            .iter()
            .filter(|b| b.environment == env)
            .map(|b| ((z.instant(b.start), z.instant(b.end)), b))
            .filter(|(s, _)| meet(*s, (from, to)))
            .collect();
        let mut cuts: Vec<_> = list.iter().flat_map(|(s, _)| [s.0, s.1]).collect();
        cuts.sort();
        cuts.dedup();
        let mut runs: Vec<Span> = vec![];
        for w in cuts.windows(2) {
            let n = list.iter().filter(|(s, _)| s.0 <= w[0] && s.1 >= w[1]).count();
            if n > cap {
                match runs.last_mut() {
                    Some(r) if r.1 == w[0] => r.1 = w[1],
                    _ => runs.push((w[0], w[1])),
                }
            }
        }
        for run in runs {
            let mut parties: Vec<Party> =
                list.iter().filter(|(s, _)| s.0 < run.1 && s.1 > run.0).map(|(_, b)| party_of(b)).collect();
            parties.sort();
            parties.dedup();
            if parties.len() >= 2 {
                out.push((ConflictKind::EnvironmentCapacity, parties, Some(env.into()), None, z.local(run.0)));
            }
        }
    }

    // The same CI, and CI dependencies, in every pair of overlapping deployments.
    let changes = |d: &Deployment<'_>, ci: &str| d.r.cis.iter().any(|c| c.ci == ci);
    let pair = |a: &Deployment<'_>, b: &Deployment<'_>| {
        let mut p = vec![release_party(&a.r.key), release_party(&b.r.key)];
        p.sort();
        (p, local(a.span.0.max(b.span.0)))
    };
    for (i, a) in deps.iter().enumerate() {
        for b in &deps[i + 1..] {
            if a.r.key == b.r.key || !meet(a.span, b.span) {
                continue;
            }
            for c in a.r.cis.iter().filter(|c| changes(b, &c.ci)) {
                let (p, start) = pair(a, b);
                out.push((ConflictKind::SameCi, p, None, Some(c.ci.clone()), start));
            }
        }
    }
    for dep in &plan.ci_deps {
        for u in deps.iter().filter(|d| changes(d, &dep.depends_on)) {
            for dn in deps.iter().filter(|d| changes(d, &dep.ci) && d.r.key != u.r.key && meet(d.span, u.span)) {
                let (p, start) = pair(u, dn);
                out.push((ConflictKind::CiDependency, p, None, Some(dep.depends_on.clone()), start));
            }
        }
    }

    // Deployments in freezes, blackouts and maintenance windows; environment work in freezes.
    for w in &plan.windows {
        let kind = match w.kind {
            WindowKind::Freeze => ConflictKind::Freeze,
            WindowKind::Blackout => ConflictKind::Blackout,
            WindowKind::Maintenance => ConflictKind::Maintenance,
            WindowKind::GreenZone => continue,
        };
        for (_, o) in occurrences(w, z, until).into_iter().filter(|(_, o)| meet(*o, (from, to))) {
            for d in deps.iter().filter(|d| covers_release(&w.scope, d.r) && meet(d.span, o)) {
                let mut p = vec![release_party(&d.r.key), window_party(&w.name)];
                p.sort();
                out.push((kind, p, None, None, local(d.span.0.max(o.0))));
            }
            if kind != ConflictKind::Freeze {
                continue;
            }
            for (id, m) in &plan.manual {
                let r = m.release.as_ref().and_then(|k| plan.releases.iter().find(|r| &r.key == k));
                let span = (z.instant(m.start), z.instant(m.end));
                if covers_environment(&w.scope, &m.environment, r) && meet(span, o) && meet(span, (from, to)) {
                    let booking = Party { kind: PartyKind::Booking, name: m.purpose.clone(), booking: Some(*id) };
                    let p = vec![booking, window_party(&w.name)];
                    out.push((ConflictKind::Freeze, p, Some(m.environment.clone()), None, local(span.0.max(o.0))));
                }
            }
        }
    }

    // Production deployments not inside the green zones that cover them, half hour by half hour.
    if plan.rules.production_needs_green_zone {
        for d in &deps {
            let production: Vec<&String> =
                d.r.environments
                    .iter()
                    .filter(|e| plan.environments.iter().any(|x| &&x.name == e && x.production))
                    .collect();
            let zones: Vec<&ChangeWindow> = plan
                .windows
                .iter()
                .filter(|w| w.kind == WindowKind::GreenZone && covers_release(&w.scope, d.r))
                .collect();
            if production.is_empty() || zones.is_empty() {
                continue;
            }
            let spans: Vec<Span> = zones.iter().flat_map(|w| occurrences(w, z, until)).map(|(_, o)| o).collect();
            let half = TimeDelta::minutes(30);
            let mut at = d.span.0;
            let mut inside = true;
            while at < d.span.1 {
                inside &= spans.iter().any(|o| o.0 <= at && at + half <= o.1);
                at += half;
            }
            if !inside {
                let mut p: Vec<Party> = zones.iter().map(|w| window_party(&w.name)).collect();
                p.push(release_party(&d.r.key));
                p.sort();
                out.push((ConflictKind::OutsideGreenZone, p, Some(production[0].clone()), None, local(d.span.0)));
            }
        }
    }

    // The daily caps, by the day a deployment starts.
    let mut days: BTreeMap<(Option<String>, NaiveDate), Vec<Party>> = BTreeMap::new();
    for d in deps.iter().filter(|d| d.span.0 >= from) {
        let day = d.r.window.unwrap().start.date();
        days.entry((None, day)).or_default().push(release_party(&d.r.key));
        for e in d.r.environments.iter().filter(|e| booked_by(plan, e) == BookedBy::Deployment) {
            days.entry((Some(e.clone()), day)).or_default().push(release_party(&d.r.key));
        }
    }
    for ((env, day), mut p) in days {
        let cap = if env.is_some() { plan.rules.daily_cap_per_environment } else { plan.rules.daily_cap };
        if cap.is_some_and(|cap| p.len() > cap as usize) {
            p.sort();
            p.dedup();
            out.push((ConflictKind::DailyCap, p, env, None, day.and_time(NaiveTime::MIN)));
        }
    }
    out.sort();
    out
}

/// Whether a conflict of release `r` moved to `[start, end)` is about that deployment: a daily
/// cap of its day; a capacity conflict in an environment its deployment books, at that time; any
/// other conflict at that time.
fn about_deployment(plan: &Plan, c: &Conflict, r: &Release, start: NaiveDateTime, end: NaiveDateTime) -> bool {
    let at_that_time = c.start < end && c.end > start;
    match c.kind {
        ConflictKind::DailyCap => c.start.date() == start.date(),
        ConflictKind::EnvironmentCapacity => {
            at_that_time
                && c.environment
                    .as_ref()
                    .is_some_and(|e| r.environments.contains(e) && booked_by(plan, e) == BookedBy::Deployment)
        }
        _ => at_that_time,
    }
}

/// A slot as the brute force sees it: start, end, days moved, note.
pub type Found = (NaiveDateTime, NaiveDateTime, i32, String);

/// The free slots of release `key`: each candidate (the green zones' starts where they govern the
/// release, else every day at its time) tried by moving the release there and detecting every
/// conflict of the whole plan.
pub fn slots(plan: &Plan, key: &str, limits: Limits) -> Vec<Found> {
    let r = plan.releases.iter().find(|r| r.key == key).unwrap();
    let (time, length) = r.window.map_or((NaiveTime::from_hms_opt(22, 0, 0).unwrap(), TimeDelta::hours(4)), |w| {
        (w.start.time(), w.end - w.start)
    });
    let first = limits.earliest.and_time(NaiveTime::MIN);
    let last = (limits.earliest + Duration::days(limits.horizon_days)).and_time(NaiveTime::MIN);
    let production = r.environments.iter().any(|e| plan.environments.iter().any(|x| &x.name == e && x.production));
    let zones: Vec<&ChangeWindow> =
        plan.windows.iter().filter(|w| w.kind == WindowKind::GreenZone && covers_release(&w.scope, r)).collect();
    let mut candidates: Vec<(NaiveDateTime, String)> = if production
        && plan.rules.production_needs_green_zone
        && !zones.is_empty()
    {
        let mut c: Vec<(DateTime<Utc>, NaiveDateTime, String)> = zones
            .iter()
            .filter(|w| w.end - w.start >= length)
            .flat_map(|w| occurrences(w, plan.zone, last.date()).into_iter().map(|(s, o)| (o.0, s, w.name.clone())))
            .filter(|(_, s, _)| *s >= first && *s < last)
            .collect();
        c.sort_by_key(|(u, _, _)| *u);
        c.into_iter().map(|(_, s, name)| (s, format!("in the green zone {name:?}"))).collect()
    } else {
        let at = format!("at {}", time.format("%H:%M"));
        (0..limits.horizon_days).map(|i| ((limits.earliest + Duration::days(i)).and_time(time), at.clone())).collect()
    };
    candidates.dedup_by_key(|c| c.0);
    let mut out = vec![];
    for (start, note) in candidates {
        if out.len() >= limits.count {
            break;
        }
        let end = start + length;
        let there = moved(r, start, end);
        let mut trial = plan.clone();
        *trial.releases.iter_mut().find(|x| x.key == key).unwrap() = there.clone();
        let blocked =
            trial.conflicts().iter().any(|c| c.involves(key) && about_deployment(&trial, c, &there, start, end));
        if !blocked {
            out.push((start, end, shift_days(r, start.date()), note));
        }
    }
    out
}
