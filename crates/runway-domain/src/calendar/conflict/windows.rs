//! Conflicts with the plan's windows: deployments in the freezes, blackouts and maintenance
//! windows that cover them, environment work booked by hand in freezes, and production
//! deployments outside the green zones that cover them.

use chrono::{DateTime, Utc};

use super::words::{and_list, describe_booking, describe_window, when};
use super::{Builder, ConflictKind, Deployment, Map, Party, Schedule, Set, meeting, overlap};
use crate::calendar::booking::{Booking, BookingSource};
use crate::calendar::window::{Occurrence, Scope, WindowKind};
use crate::model::Release;

/// A window's scope as sets, to test the manual bookings against it: what
/// [`Scope::covers_environment`] says, without a search of each list.
struct Covers<'a> {
    portfolio: bool,
    applications: Set<&'a str>,
    environments: Set<&'a str>,
    cis: Set<&'a str>,
}

impl<'a> Covers<'a> {
    fn new(s: &'a Scope) -> Self {
        let set = |l: &'a [String]| l.iter().map(String::as_str).collect();
        Covers {
            portfolio: s.is_portfolio(),
            applications: set(&s.applications),
            environments: set(&s.environments),
            cis: set(&s.cis),
        }
    }

    fn application_or_ci(&self, r: &Release) -> bool {
        r.applications.iter().any(|a| self.applications.contains(a.as_str()))
            || r.cis.iter().any(|c| self.cis.contains(c.ci.as_str()))
    }

    /// Whether work in environment `env` (for `r`, if any) is covered.
    fn environment(&self, env: &str, r: Option<&Release>) -> bool {
        self.portfolio || self.environments.contains(env) || r.is_some_and(|r| self.application_or_ci(r))
    }
}

/// The deployments by the applications, environments and CIs they touch, to find the ones a scope
/// covers without testing each deployment against each window.
pub(super) struct Touching<'a> {
    all: Vec<usize>,
    by_name: [Map<&'a str, Vec<usize>>; 3],
}

impl<'a> Touching<'a> {
    pub(super) fn new(deps: &[Deployment<'a>]) -> Self {
        let mut by_name: [Map<&'a str, Vec<usize>>; 3] = Default::default();
        for (i, d) in deps.iter().enumerate() {
            let r = d.release;
            for a in &r.applications {
                by_name[0].entry(a.as_str()).or_default().push(i);
            }
            for e in &r.environments {
                by_name[1].entry(e.as_str()).or_default().push(i);
            }
            for c in &r.cis {
                by_name[2].entry(c.ci.as_str()).or_default().push(i);
            }
        }
        Touching { all: (0..deps.len()).collect(), by_name }
    }

    /// The deployments `scope` covers, in their order.
    fn covered(&self, scope: &Scope) -> Vec<usize> {
        if scope.is_portfolio() {
            return self.all.clone();
        }
        let lists = [&scope.applications, &scope.environments, &scope.cis];
        let mut out: Vec<usize> = self
            .by_name
            .iter()
            .zip(lists)
            .flat_map(|(map, names)| names.iter().filter_map(|n| map.get(n.as_str())).flatten().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A manual booking in `[from, to)`, with its instants and the release it is for.
type Manual<'a> = (&'a Booking, Option<&'a Release>, DateTime<Utc>, DateTime<Utc>);

/// Deployments in freezes, blackouts and maintenance windows that cover them; manual bookings
/// (environment work) in freezes.
pub(super) fn windows(
    b: &mut Builder<'_>,
    s: &Schedule<'_>,
    deps: &[Deployment<'_>],
    touching: &Touching<'_>,
    lists: &[Vec<Occurrence>],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    // Found when the first freeze needs them.
    let mut manual: Option<Vec<Manual<'_>>> = None;
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
        for d in touching.covered(&w.scope).into_iter().map(|i| &deps[i]) {
            for o in meeting(list, d.start_utc, d.end_utc) {
                let span = overlap(s.zone, (d.start_utc, d.end_utc), (o.start_utc, o.end_utc));
                let message = format!(
                    "{}'s deployment ({}) falls in {}",
                    d.release.key,
                    when(d.start, d.end),
                    describe_window(w, o)
                );
                b.push(kind, vec![Party::release(&d.release.key), Party::window(&w.name)], span, None, None, message);
            }
        }
        if w.kind != WindowKind::Freeze {
            continue;
        }
        let covers = Covers::new(&w.scope);
        let manual = manual.get_or_insert_with(|| manual_bookings(s, from, to));
        for &(bk, _, st, en) in manual.iter().filter(|(bk, r, _, _)| covers.environment(&bk.environment, *r)) {
            for o in meeting(list, st, en) {
                let span = overlap(s.zone, (st, en), (o.start_utc, o.end_utc));
                let message = format!(
                    "{} in {} ({}) falls in {}",
                    describe_booking(bk),
                    bk.environment,
                    when(bk.start, bk.end),
                    describe_window(w, o)
                );
                let parties = vec![Party::of_booking(bk), Party::window(&w.name)];
                b.push(ConflictKind::Freeze, parties, span, Some(&bk.environment), None, message);
            }
        }
    }
}

/// The manual bookings that meet `[from, to)`, with the releases they are for.
fn manual_bookings<'a>(s: &Schedule<'a>, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Manual<'a>> {
    let mut by_key: Map<&str, &Release> = Map::default();
    for r in s.releases {
        by_key.entry(r.key.as_str()).or_insert(r);
    }
    s.bookings
        .iter()
        .filter(|bk| bk.source == BookingSource::Manual)
        .map(|bk| {
            let release = bk.release.as_deref().and_then(|k| by_key.get(k).copied());
            (bk, release, s.zone.instant(bk.start), s.zone.instant(bk.end))
        })
        .filter(|&(_, _, st, en)| st < to && en > from)
        .collect()
}

/// Production deployments not inside the green zones that cover them. A deployment no green zone
/// covers is not judged: green zones are the allowed slots of what they cover.
pub(super) fn green_zones(
    b: &mut Builder<'_>,
    s: &Schedule<'_>,
    deps: &[Deployment<'_>],
    touching: &Touching<'_>,
    lists: &[Vec<Occurrence>],
) {
    // Each zone, and whether it covers each deployment.
    let zones: Vec<(usize, Vec<bool>)> = s
        .windows
        .iter()
        .enumerate()
        .filter(|(_, w)| w.kind == WindowKind::GreenZone)
        .map(|(i, w)| {
            let mut covers = vec![false; deps.len()];
            touching.covered(&w.scope).into_iter().for_each(|d| covers[d] = true);
            (i, covers)
        })
        .collect();
    if zones.is_empty() {
        return;
    }
    let production: Set<&str> = s.environments.iter().filter(|e| e.production).map(|e| e.name.as_str()).collect();
    // The deployments to production, found through the environments (not release by release).
    let mut to_production = vec![false; deps.len()];
    for name in &production {
        touching.by_name[1].get(name).into_iter().flatten().for_each(|&d| to_production[d] = true);
    }
    for (di, d) in deps.iter().enumerate().filter(|(di, _)| to_production[*di]) {
        let covering: Vec<usize> = zones.iter().filter(|(_, c)| c[di]).map(|(i, _)| *i).collect();
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
        let prod: Vec<&String> = d.release.environments.iter().filter(|e| production.contains(e.as_str())).collect();
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
        b.push(ConflictKind::OutsideGreenZone, parties, (d.start, d.end), Some(prod[0].as_str()), None, message);
    }
}
