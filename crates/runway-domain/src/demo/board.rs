//! The demo's deployment board: what each hour and day of the plan already holds (deployments
//! per environment and per configuration item, test phases per environment, the deployments that
//! start each day) and the conflicts a deployment placed somewhere would add. It follows the
//! kinds of `calendar::conflict` closely enough to steer the demo's deployments into free slots,
//! and a chosen few into conflicts; what the plan shows is the calendar's own detection.
//!
//! Times are counted in whole hours of the plan's local time (every demo deployment starts and
//! ends on the hour), and the board holds a list per hour and resource, so that judging a slot
//! costs a few lookups whatever the size of the plan.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::calendar::booking::booked_by;
use crate::calendar::conflict::CalendarRules;
use crate::calendar::window::occurrences;
use crate::calendar::{BookedBy, ChangeWindow, ConflictKind, PlanZone, WindowKind};
use crate::model::{Environment, MilestoneKind, Release, ReleaseKind, Window};
use crate::schedule::CiDependency;

/// Conflicts counted by kind (`ConflictKind as usize`).
pub(super) type Counts = [i64; 8];

/// The conflicts a placement adds, the other releases they involve, and how many per-environment
/// daily counts it fills up to their cap (a crowded day in the making).
#[derive(Debug, Default, Clone)]
pub(super) struct Effect {
    pub(super) counts: Counts,
    /// (A release may be named more than once.)
    pub(super) parties: Vec<u32>,
    pub(super) filled: i64,
    /// How many of the capacity conflicts are test phases'.
    pub(super) tests_over: i64,
}

impl Effect {
    fn add(&mut self, kind: ConflictKind, n: usize, parties: &[u32]) {
        self.counts[kind as usize] += n as i64;
        self.parties.extend_from_slice(parties);
    }

    pub(super) fn total(&self) -> i64 {
        self.counts.iter().sum()
    }
}

/// What the board needs of a release, worked out once.
pub(super) struct Profile {
    /// Environments its deployment books, and those its test phase books (indices).
    deploy: Vec<usize>,
    test: Vec<usize>,
    cis: Vec<usize>,
    /// Whether it deploys to production where green zones govern.
    green: bool,
    /// Which windows cover it.
    covered: Vec<bool>,
    /// Its test phase, in days from the day its deployment starts.
    test_days: Option<(i64, i64)>,
}

impl Profile {
    /// The days of the test phase of a release deploying in `w`, by its kind's template.
    pub(super) fn test_for(&self, w: &Window) -> Option<(i64, i64)> {
        let d = day(w.start.date());
        self.test_days.map(|(a, b)| (d + a, d + b))
    }
}

/// A window's occurrence, in hours.
struct Occ {
    start: i64,
    end: i64,
    window: usize,
}

pub(super) struct Board {
    environments: Vec<Environment>,
    windows: Vec<ChangeWindow>,
    cis: HashMap<String, usize>,
    /// CI dependencies as (ci, depends on).
    deps: Vec<(usize, usize)>,
    cap_env: Option<u32>,
    cap_day: Option<u32>,
    /// The first hour and day the board holds, and how many.
    first_hour: i64,
    first_day: i64,
    span_days: usize,
    /// Deployments per environment by hour, and per CI by hour (few: kept apart).
    hours: Vec<Vec<u32>>,
    ci_hours: HashMap<(usize, i64), Vec<u32>>,
    /// Test phases per environment by day, and deployments starting per environment by day.
    days: Vec<Vec<u32>>,
    starts: Vec<Vec<u32>>,
    day_starts: Vec<Vec<u32>>,
    /// Freeze, blackout and maintenance occurrences, by start; green zone occurrences apart.
    occ: Vec<Occ>,
    longest: i64,
    green: Vec<(i64, i64)>,
}

pub(super) fn hour(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(3600)
}

pub(super) fn from_hour(h: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(h * 3600, 0).map(|t| t.naive_utc()).unwrap_or_default()
}

fn day(d: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// The days of a release's test phase were it deployed in `window`, from its kind's template.
pub(super) fn test_phase(kind: ReleaseKind, window: &Window) -> Option<(NaiveDate, NaiveDate)> {
    crate::template::milestones(kind, window)
        .into_iter()
        .find(|m| m.kind == MilestoneKind::Test)
        .map(|m| (m.planned_start, m.planned_end))
}

impl Board {
    /// An empty board for the days `span` of a plan with these environments, windows, CI
    /// dependencies and rules.
    pub(super) fn new(
        environments: &[Environment],
        windows: &[ChangeWindow],
        ci_deps: &[CiDependency],
        rules: &CalendarRules,
        span: (NaiveDate, NaiveDate),
        all_cis: &[crate::model::Ci],
    ) -> Board {
        let mut cis: HashMap<String, usize> = HashMap::new();
        for c in all_cis.iter().map(|c| c.name.as_str()).chain(ci_deps.iter().flat_map(|d| [&*d.ci, &*d.depends_on])) {
            let n = cis.len();
            cis.entry(c.to_owned()).or_insert(n);
        }
        let deps = ci_deps.iter().map(|d| (cis[&d.ci], cis[&d.depends_on])).collect();
        // Local times are read as they are: the board counts wall-clock hours.
        let zone = PlanZone::default();
        let instant = |d: NaiveDate| zone.instant(d.and_time(NaiveTime::MIN));
        let (mut occ, mut green) = (vec![], vec![]);
        for o in occurrences(windows, zone, instant(span.0), instant(span.1)) {
            let (start, end) = (hour(o.start), hour(o.end));
            match windows[o.window].kind {
                WindowKind::GreenZone => green.push((start, end)),
                _ => occ.push(Occ { start, end, window: o.window }),
            }
        }
        let longest = occ.iter().map(|o| o.end - o.start).max().unwrap_or(0);
        let span_days = (day(span.1) - day(span.0)).max(1) as usize;

        Board {
            environments: environments.to_vec(),
            windows: windows.to_vec(),
            cis,
            deps,
            cap_env: rules.daily_cap_per_environment,
            cap_day: rules.daily_cap,
            first_hour: hour(span.0.and_time(NaiveTime::MIN)),
            first_day: day(span.0),
            span_days,
            hours: vec![vec![]; environments.len() * span_days * 24],
            ci_hours: HashMap::new(),
            days: vec![vec![]; environments.len() * span_days],
            starts: vec![vec![]; environments.len() * span_days],
            day_starts: vec![vec![]; span_days],
            occ,
            longest,
            green,
        }
    }

    /// How many bookings at once environment `env` takes.
    pub(super) fn capacity(&self, env: &str) -> u32 {
        self.environments.iter().find(|e| e.name == env).map_or(1, |e| e.capacity.max(1))
    }

    /// The start (an hour) of the green zone occurrence holding hour `h`, if one does.
    pub(super) fn night_start(&self, h: i64) -> Option<i64> {
        let i = self.green.partition_point(|g| g.1 <= h);
        self.green.get(i).filter(|g| g.0 <= h).map(|g| g.0)
    }

    /// The day whose night is the green zone occurrence holding hour `h`.
    pub(super) fn night_of(&self, h: i64) -> Option<NaiveDate> {
        self.night_start(h).map(|s| from_hour(s).date())
    }

    /// Whether an occurrence of a window of `kind` covering the release of profile `p` starts in
    /// the hours `[from, to)`.
    pub(super) fn reaches(&self, p: &Profile, kind: WindowKind, from: i64, to: i64) -> bool {
        let first = self.occ.partition_point(|o| o.start < from);
        self.occ[first..]
            .iter()
            .take_while(|o| o.start < to)
            .any(|o| p.covered[o.window] && self.windows[o.window].kind == kind)
    }

    /// Whether a window of `kind` covers the release of profile `p`.
    pub(super) fn covers(&self, p: &Profile, kind: WindowKind) -> bool {
        self.windows.iter().zip(&p.covered).any(|(w, c)| *c && w.kind == kind)
    }

    /// The green zone occurrences (local hours), in order.
    pub(super) fn green(&self) -> &[(i64, i64)] {
        &self.green
    }

    pub(super) fn profile(&self, r: &Release) -> Profile {
        let envs = |by: BookedBy| -> Vec<usize> {
            (0..self.environments.len())
                .filter(|&i| {
                    booked_by(&self.environments[i]) == by && r.environments.contains(&self.environments[i].name)
                })
                .collect()
        };
        let production = self.environments.iter().any(|e| e.production && r.environments.contains(&e.name));
        let covered: Vec<bool> = self.windows.iter().map(|w| w.scope.covers_release(r)).collect();
        let green = production && self.windows.iter().zip(&covered).any(|(w, c)| *c && w.kind == WindowKind::GreenZone);
        let probe = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default().and_time(NaiveTime::MIN);
        let test_days = test_phase(r.kind, &Window { start: probe, end: probe + Duration::hours(1) })
            .map(|(a, b)| ((a - probe.date()).num_days(), (b - probe.date()).num_days()));
        Profile {
            deploy: envs(BookedBy::Deployment),
            test: envs(BookedBy::Test),
            cis: r.cis.iter().filter_map(|c| self.cis.get(&c.ci).copied()).collect(),
            green,
            covered,
            test_days,
        }
    }

    /// Resource `res` is environment `res`, or CI `res - environments` (kept apart).
    fn hour_cell(&self, res: usize, h: i64) -> Option<usize> {
        if res >= self.environments.len() {
            return None;
        }
        let i = usize::try_from(h - self.first_hour).ok().filter(|&i| i < self.span_days * 24)?;
        Some(res * self.span_days * 24 + i)
    }

    fn day_cell(&self, env: usize, d: i64) -> Option<usize> {
        let i = usize::try_from(d - self.first_day).ok().filter(|&i| i < self.span_days)?;
        Some(env * self.span_days + i)
    }

    fn at_hour(&self, res: usize, h: i64) -> &[u32] {
        if res >= self.environments.len() {
            return self.ci_hours.get(&(res, h)).map_or(&[], |v| v.as_slice());
        }
        self.hour_cell(res, h).map_or(&[], |c| &self.hours[c])
    }

    /// The releases using resource `res` in the hours `[s, e)`, each once.
    fn during(&self, res: usize, s: i64, e: i64) -> Vec<u32> {
        let mut out: Vec<u32> = vec![];
        for &id in (s..e).flat_map(|h| self.at_hour(res, h)) {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }

    /// Whether `[s, e)` lies inside one green zone occurrence.
    fn in_green(&self, s: i64, e: i64) -> bool {
        let i = self.green.partition_point(|g| g.1 <= s);
        self.green.get(i).is_some_and(|g| g.0 <= s && e <= g.1)
    }

    /// The window occurrences that overlap the hours `[s, e)`.
    fn meeting(&self, s: i64, e: i64) -> impl Iterator<Item = &Occ> {
        let first = self.occ.partition_point(|o| o.start < s - self.longest);
        self.occ[first..].iter().take_while(move |o| o.start < e).filter(move |o| o.end > s)
    }

    /// The conflicts a release with profile `p` deploying in `w`, its test phase on the days
    /// `test` (none: not judged), would add to the board.
    pub(super) fn effect(&self, p: &Profile, w: &Window, test: Option<(i64, i64)>) -> Effect {
        use ConflictKind as K;
        let mut fx = Effect::default();
        let (s, e) = (hour(w.start), hour(w.end));
        for &env in &p.deploy {
            let cap = self.environments[env].capacity.max(1) as usize;
            if let Some(h) =
                (s..e).max_by_key(|&h| self.at_hour(env, h).len()).filter(|&h| self.at_hour(env, h).len() >= cap)
            {
                fx.add(K::EnvironmentCapacity, 1, self.at_hour(env, h));
            }
        }
        let ci = |c: usize| self.environments.len() + c;
        for &c in &p.cis {
            let others = self.during(ci(c), s, e);
            fx.add(K::SameCi, others.len(), &others);
        }
        for &(c, on) in &self.deps {
            for (mine, theirs) in [(on, c), (c, on)] {
                if p.cis.contains(&mine) {
                    let others = self.during(ci(theirs), s, e);
                    fx.add(K::CiDependency, others.len(), &others);
                }
            }
        }
        let d = day(w.start.date());
        if let Some(cap) = self.cap_env.map(|c| c as usize) {
            for &env in &p.deploy {
                let list = self.day_cell(env, d).map_or(&[][..], |c| &self.starts[c]);
                if list.len() == cap {
                    fx.add(K::DailyCap, 1, list);
                } else if list.len() + 1 == cap {
                    fx.filled += 1;
                }
            }
        }
        if let Some(cap) = self.cap_day.map(|c| c as usize) {
            let list = self.day_cell(0, d).map_or(&[][..], |c| &self.day_starts[c]);
            if list.len() == cap {
                fx.add(K::DailyCap, 1, list);
            }
        }
        for o in self.meeting(s, e).filter(|o| p.covered[o.window]) {
            let kind = match self.windows[o.window].kind {
                WindowKind::Freeze => K::Freeze,
                WindowKind::Blackout => K::Blackout,
                _ => K::Maintenance,
            };
            fx.add(kind, 1, &[]);
        }
        if p.green && !self.in_green(s, e) {
            fx.add(K::OutsideGreenZone, 1, &[]);
        }
        if let Some((a, b)) = test {
            for &env in &p.test {
                let cap = self.environments[env].capacity.max(1) as usize;
                let busiest = (a..=b)
                    .filter_map(|t| self.day_cell(env, t))
                    .max_by_key(|&c| self.days[c].len())
                    .filter(|&c| self.days[c].len() >= cap);
                if let Some(c) = busiest {
                    fx.add(K::EnvironmentCapacity, 1, &self.days[c]);
                    fx.tests_over += 1;
                }
            }
        }
        fx
    }

    /// Puts release number `id` (profile `p`) on the board, deploying in `w`, its test phase on
    /// the days `test`.
    pub(super) fn place(&mut self, id: u32, p: &Profile, w: &Window, test: Option<(i64, i64)>) {
        let (s, e) = (hour(w.start), hour(w.end));
        let d = day(w.start.date());
        let resources: Vec<usize> =
            p.deploy.iter().copied().chain(p.cis.iter().map(|c| self.environments.len() + c)).collect();
        for res in resources {
            for h in s..e {
                if res >= self.environments.len() {
                    self.ci_hours.entry((res, h)).or_default().push(id);
                } else if let Some(c) = self.hour_cell(res, h) {
                    self.hours[c].push(id);
                }
            }
        }
        for &env in &p.deploy {
            if let Some(c) = self.day_cell(env, d) {
                self.starts[c].push(id);
            }
        }
        if let Some(c) = self.day_cell(0, d) {
            self.day_starts[c].push(id);
        }
        if let Some((a, b)) = test {
            for &env in &p.test {
                for t in a..=b {
                    if let Some(c) = self.day_cell(env, t) {
                        self.days[c].push(id);
                    }
                }
            }
        }
    }

    /// Takes release number `id` (profile `p`, deploying in `w`, its test phase on the days
    /// `test`) off the board.
    pub(super) fn remove(&mut self, id: u32, p: &Profile, w: &Window, test: Option<(i64, i64)>) {
        let (s, e) = (hour(w.start), hour(w.end));
        let d = day(w.start.date());
        let mut cells: Vec<(bool, usize)> = vec![];
        for res in p.deploy.iter().copied().chain(p.cis.iter().map(|c| self.environments.len() + c)) {
            for h in s..e {
                if res >= self.environments.len() {
                    if let Some(v) = self.ci_hours.get_mut(&(res, h)) {
                        v.retain(|&x| x != id);
                    }
                } else if let Some(c) = self.hour_cell(res, h) {
                    cells.push((true, c));
                }
            }
        }
        for &env in &p.deploy {
            if let Some(c) = self.day_cell(env, d) {
                self.starts[c].retain(|&x| x != id);
            }
        }
        if let Some(c) = self.day_cell(0, d) {
            self.day_starts[c].retain(|&x| x != id);
        }
        if let Some((a, b)) = test {
            for &env in &p.test {
                cells.extend((a..=b).filter_map(|t| self.day_cell(env, t)).map(|c| (false, c)));
            }
        }
        for (by_hour, c) in cells {
            let list = if by_hour { &mut self.hours[c] } else { &mut self.days[c] };
            list.retain(|&x| x != id);
        }
    }

    /// How many deployments into each environment booked by deployments start on day `d`, at most.
    pub(super) fn starts_on(&self, d: NaiveDate) -> usize {
        (0..self.environments.len())
            .filter(|&e| booked_by(&self.environments[e]) == BookedBy::Deployment)
            .filter_map(|e| self.day_cell(e, day(d)))
            .map(|c| self.starts[c].len())
            .max()
            .unwrap_or(0)
    }

    /// The most deployments a day into one environment the policy allows, if it caps them.
    pub(super) fn cap_per_environment(&self) -> Option<u32> {
        self.cap_env
    }

    /// Whether two releases' CIs are the same or one depends on the other's.
    pub(super) fn related(&self, a: &Profile, b: &Profile, same: bool) -> bool {
        if same {
            a.cis.iter().any(|c| b.cis.contains(c))
        } else {
            self.deps.iter().any(|&(c, on)| {
                (a.cis.contains(&c) && b.cis.contains(&on)) || (a.cis.contains(&on) && b.cis.contains(&c))
            })
        }
    }

    /// What a booking by hand of `env` over `w` would clash with: the environment's other
    /// bookings (test phases by the day, deployments by the hour; the parties are the most it
    /// holds at once) and the freezes.
    pub(super) fn booking_effect(&self, env: &str, w: &Window) -> Effect {
        let mut fx = Effect::default();
        let Some(i) = self.environments.iter().position(|e| e.name == env) else { return fx };
        let cap = self.environments[i].capacity.max(1) as usize;
        let busiest: &[u32] = match booked_by(&self.environments[i]) {
            BookedBy::Test => {
                let last = day(w.end.date()) - i64::from(w.end.time() == NaiveTime::MIN);
                (day(w.start.date())..=last)
                    .filter_map(|t| self.day_cell(i, t))
                    .map(|c| &self.days[c][..])
                    .max_by_key(|v| v.len())
                    .unwrap_or(&[])
            }
            BookedBy::Deployment => {
                (hour(w.start)..hour(w.end)).map(|h| self.at_hour(i, h)).max_by_key(|v| v.len()).unwrap_or(&[])
            }
            BookedBy::Nothing => &[],
        };
        if busiest.len() >= cap {
            fx.add(ConflictKind::EnvironmentCapacity, 1, busiest);
        }
        for o in self.meeting(hour(w.start), hour(w.end)) {
            let win = &self.windows[o.window];
            if win.kind == WindowKind::Freeze && win.scope.covers_environment(env, None) {
                fx.add(ConflictKind::Freeze, 1, &[]);
            }
        }
        fx
    }
}
