//! Shaping the demo's deployments to its calendar. First every release goes, in date order, into
//! the first green zone slot from the night it prefers that clashes with nothing already on the
//! board (a coming release only later, a past one only earlier), so that the plan keeps its rules.
//! Then a few coming releases are moved into a conflict on purpose, a handful of each kind spread
//! over the coming months, so that a newcomer sees the calendar at work ([`Story`]).
//!
//! Releases past the Authorization gate (authorized, deploying) and the planned ones are never
//! moved into a conflict, nor joined by one: the gate refuses a blocking conflict, and a planned
//! release is the one the demo shows going through every gate. A release being deployed keeps its
//! window.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use crate::calendar::{ConflictKind as K, WindowKind};
use crate::lifecycle::is_final;
use crate::model::{Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, Window};

use super::board::{Board, Effect, Profile, from_hour, hour};

/// How far a deployment moves to find a free slot: 16 green zone nights, eight weeks; and how
/// far one moved into a conflict on purpose: eight nights, four weeks.
const NIGHTS: usize = 16;
const NIGHTS_ON_PURPOSE: usize = 8;

/// A conflict the demo places on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// A release deploying in the year-end freeze.
    Freeze,
    /// A General Ledger release deploying in its month-end blackout.
    Blackout,
    /// A release deploying on the maintenance night.
    PatchNight,
    /// A release deploying at the same time as another that changes one of its CIs.
    SameCi,
    /// A release deploying at the same time as another that changes a CI one of its CIs depends
    /// on (or depends on one of its).
    CiDependency,
    /// A release deploying on Saturday night, outside the green zones.
    Weekend,
    /// Releases deploying in the daytime of a green zone day until it holds one deployment more
    /// than the policy's daily cap.
    CrowdedDay,
    /// A release deploying in a slot production already has as many deployments as it takes.
    OverCapacity,
}

/// The stories and how many of each the default demo tells; a bigger demo tells proportionally
/// more, a smaller one at least one of each it finds releases for.
/// Those that need particular releases (the Ledger's, two related by their CIs) come first.
const STORIES: &[(Story, f64)] = &[
    (Story::Blackout, 2.0),
    (Story::CiDependency, 2.0),
    (Story::SameCi, 2.0),
    (Story::Freeze, 2.0),
    (Story::CrowdedDay, 1.0),
    (Story::PatchNight, 3.0),
    (Story::Weekend, 1.0),
    (Story::OverCapacity, 2.0),
];

/// How many green zone nights a story moves a deployment over: the Ledger's month-end comes
/// once a month, so its story looks twice as far.
fn reach(story: Story) -> usize {
    if story == Story::Blackout { 2 * NIGHTS_ON_PURPOSE } else { NIGHTS_ON_PURPOSE }
}

/// How many times a demo of `releases` releases tells `story`, `k` times in the default demo's
/// proportion (at least once). Crowding a slot beyond its capacity is told only in a demo bigger
/// than the default, where the slots take several deployments: in the default demo any two
/// releases deploying together already do it.
fn times(story: Story, k: f64, releases: usize) -> usize {
    let n = releases as f64 / super::DEFAULT_RELEASES as f64;
    if story == Story::OverCapacity {
        (k * (n - 1.0)).round().max(0.0) as usize
    } else {
        (k * n).round().max(1.0) as usize
    }
}

/// Whether a release is kept clear of conflicts placed on purpose: one not coming, final, an
/// emergency, past the Authorization gate, or planned.
pub(super) fn protected(r: &Release, today: NaiveDate) -> bool {
    let coming = r.window.is_some_and(|w| w.start.date() > today);
    !coming
        || is_final(r.status)
        || matches!(r.status, ReleaseStatus::Authorized | ReleaseStatus::Deploying | ReleaseStatus::Planned)
        || r.kind == ReleaseKind::Emergency
}

/// The green zone slots a deployment now in `w` may move to, in order of preference: from its
/// night onwards (a coming release, from tomorrow) or backwards (a past one, not before the first
/// green zone), each night's slots in order, over `nights` nights.
fn slots(board: &Board, w: &Window, today: NaiveDate, nights: usize) -> Vec<Window> {
    let length = w.end - w.start;
    let green = board.green();
    let night = green.partition_point(|g| g.1 <= hour(w.start));
    let coming = w.start.date() >= today;
    let order: Vec<usize> = if coming {
        (night..green.len()).take(nights).collect()
    } else {
        let mut order: Vec<usize> = (0..night.min(green.len())).rev().take(nights).collect();
        if night < green.len() && green[night].0 <= hour(w.start) {
            order.insert(0, night);
        }
        order
    };
    let mut out = vec![];
    for n in order {
        let (gs, ge) = green[n];
        let mut t = from_hour(gs);
        while hour(t + length) <= ge {
            out.push(Window { start: t, end: t + length });
            t += length;
        }
    }
    let tomorrow = today + Duration::days(1);
    out.retain(|c| if coming { c.start.date() >= tomorrow } else { c.start.date() < today });
    out
}

/// `w` two days earlier: where a story starts looking for a slot.
fn earlier(w: Window) -> Window {
    Window { start: w.start - Duration::days(2), end: w.end - Duration::days(2) }
}

fn from_day(d: i64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(d as i32).unwrap_or_default()
}

/// `r`'s milestones for a deployment moved to `w`: the template's dates, and the actual dates of
/// what is behind `today` slipped as they were.
fn retimed(r: &Release, w: &Window, today: NaiveDate) -> Vec<Milestone> {
    crate::template::milestones(r.kind, w)
        .into_iter()
        .map(|m| {
            let old = r.milestones.iter().find(|o| o.kind == m.kind);
            let slip = old.and_then(|o| o.actual_start.map(|a| a - o.planned_start)).unwrap_or_default();
            let actual_start = (m.planned_start <= today).then(|| m.planned_start + slip);
            let actual_end = (m.planned_end + slip < today).then(|| m.planned_end + slip);
            Milestone { actual_start, actual_end, ..m }
        })
        .collect()
}

/// Moves `r`'s deployment to `w` with its whole plan (the template laid out again from it).
fn moved(r: &mut Release, w: Window, today: NaiveDate) {
    if r.window != Some(w) {
        r.milestones = retimed(r, &w, today);
        r.window = Some(w);
    }
}

/// Reschedules `r`'s deployment to `w` later on, as a planner does: the deployment phase and the
/// phases after it move by the same days, what comes before stays.
fn rescheduled(r: &mut Release, w: Window) {
    let days = r.window.map_or(0, |old| (w.start.date() - old.start.date()).num_days());
    for m in r.milestones.iter_mut().filter(|m| {
        matches!(m.kind, MilestoneKind::Deployment | MilestoneKind::EarlyLifeSupport | MilestoneKind::Closure)
    }) {
        m.planned_start += Duration::days(days);
        m.planned_end += Duration::days(days);
    }
    r.window = Some(w);
}

/// Places every release's deployment into the first slot that clashes with nothing (see the
/// module's description), then tells the stories.
pub(super) fn shape(releases: &mut [Release], board: &mut Board, today: NaiveDate) {
    // Those that keep their windows (emergencies, the one being deployed) first, then by date.
    let pinned = |r: &Release| r.kind == ReleaseKind::Emergency || r.status == ReleaseStatus::Deploying;
    let mut order: Vec<usize> = (0..releases.len()).filter(|&i| releases[i].window.is_some()).collect();
    order.sort_by_key(|&i| (!pinned(&releases[i]), releases[i].window.map(|w| w.start), releases[i].key.clone()));
    let profiles: Vec<Profile> = releases.iter().map(|r| board.profile(r)).collect();
    let guarded: Vec<bool> = releases.iter().map(|r| protected(r, today)).collect();
    let mut tests = vec![None; releases.len()];
    for &i in &order {
        let r = &releases[i];
        let Some(w) = r.window else { continue };
        let p = &profiles[i];
        let chosen = if pinned(r) {
            w
        } else {
            // The first slot that clashes with nothing; else the one that clashes least, and
            // not with a release kept clear.
            let mut best: Option<(i64, Window)> = None;
            for c in slots(board, &w, today, NIGHTS) {
                let fx = board.effect(p, &c, p.test_for(&c));
                let cost = fx.total() + if fx.parties.iter().any(|&o| guarded[o as usize]) { 100 } else { 0 };
                if best.is_none_or(|(b, _)| cost < b) {
                    best = Some((cost, c));
                }
                if cost == 0 {
                    break;
                }
            }
            best.map_or(w, |(_, c)| c)
        };
        tests[i] = p.test_for(&chosen);
        board.place(i as u32, p, &chosen, tests[i]);
        moved(&mut releases[i], chosen, today);
    }
    Teller::new(releases, &profiles, tests, today).tell(board);
}

/// Tells the stories: moves coming releases' deployments into conflicts on purpose, each later
/// than it was or at most to the day after its test phase (which stays where it is).
struct Teller<'a> {
    releases: &'a mut [Release],
    profiles: &'a [Profile],
    /// Each release's test phase on the board.
    tests: Vec<Option<(i64, i64)>>,
    today: NaiveDate,
    guarded: Vec<bool>,
    /// Releases a story moved or joined: no other story touches them.
    used: Vec<bool>,
    /// The releases that may be moved, by deployment, and their deployments' starts.
    movable: Vec<usize>,
    starts: Vec<NaiveDateTime>,
}

impl<'a> Teller<'a> {
    fn new(
        releases: &'a mut [Release],
        profiles: &'a [Profile],
        tests: Vec<Option<(i64, i64)>>,
        today: NaiveDate,
    ) -> Self {
        let guarded: Vec<bool> = releases.iter().map(|r| protected(r, today)).collect();
        let mut movable: Vec<usize> = (0..releases.len()).filter(|&i| !guarded[i]).collect();
        movable.sort_by_key(|&i| (releases[i].window.map(|w| w.start), releases[i].key.clone()));
        let starts = movable.iter().map(|&i| releases[i].window.map(|w| w.start).unwrap_or_default()).collect();
        let used = vec![false; releases.len()];
        Teller { releases, profiles, tests, today, guarded, used, movable, starts }
    }

    fn window(&self, i: usize) -> Window {
        let midnight = self.today.and_time(NaiveTime::MIN);
        self.releases[i].window.unwrap_or(Window { start: midnight, end: midnight })
    }

    /// Tells each story its number of times (in the order of [`STORIES`]), the times spread over
    /// the coming releases the story may move.
    fn tell(&mut self, board: &mut Board) {
        let n = self.releases.len();
        for &(story, k) in STORIES {
            let count = times(story, k, n);
            let window = match story {
                Story::Freeze => Some(WindowKind::Freeze),
                Story::Blackout => Some(WindowKind::Blackout),
                Story::PatchNight => Some(WindowKind::Maintenance),
                _ => None,
            };
            // Those with the story's window in reach after their deployment.
            let movers: Vec<usize> = self
                .movable
                .iter()
                .copied()
                .filter(|&i| {
                    let s = hour(self.window(i).start);
                    let weeks = reach(story) as i64 / 2;
                    window.is_none_or(|kind| board.reaches(&self.profiles[i], kind, s, s + (7 * weeks - 7) * 24))
                })
                .collect();
            // A release the story did not fit is not tried again for it; a story that does not
            // fit eight times running has found what the plan offers.
            let mut tried = vec![false; self.releases.len()];
            let mut missed = 0;
            for j in 0..count {
                if missed == 8 {
                    break;
                }
                let from = movers.len() * j / count;
                let candidates: Vec<usize> =
                    movers[from..].iter().copied().filter(|&i| !self.used[i] && !tried[i]).take(12).collect();
                let mut told = false;
                for i in candidates {
                    tried[i] = true;
                    told =
                        if story == Story::CrowdedDay { self.crowd(board, i) } else { self.move_one(board, story, i) };
                    if told {
                        break;
                    }
                }
                missed = if told { 0 } else { missed + 1 };
            }
        }
    }

    /// The movable releases deploying within three weeks of `t` (as first placed).
    fn around(&self, t: NaiveDateTime) -> &[usize] {
        let lo = self.starts.partition_point(|&s| s < t - Duration::days(21));
        let hi = self.starts.partition_point(|&s| s <= t + Duration::days(21));
        &self.movable[lo..hi]
    }

    /// Whether a move's effect is the story's, and touches no release it must not.
    fn fits(&self, story: Story, fx: &Effect, partner: Option<usize>) -> bool {
        let c = |k: K| fx.counts[k as usize];
        // The conflicts of `kinds` make up the whole effect.
        let only = |kinds: &[K]| fx.total() == kinds.iter().map(|&k| c(k)).sum::<i64>();
        let overlap = [K::SameCi, K::CiDependency, K::EnvironmentCapacity];
        let told = match story {
            Story::Freeze => c(K::Freeze) >= 1 && only(&[K::Freeze]),
            Story::Blackout => c(K::Blackout) >= 1 && only(&[K::Blackout]),
            Story::PatchNight => c(K::Maintenance) >= 1 && only(&[K::Maintenance]),
            Story::Weekend => c(K::OutsideGreenZone) == 1 && only(&[K::OutsideGreenZone]),
            Story::SameCi => c(K::SameCi) >= 1 && only(&overlap),
            Story::CiDependency => c(K::CiDependency) >= 1 && only(&overlap),
            Story::CrowdedDay => c(K::OutsideGreenZone) == 1 && only(&[K::OutsideGreenZone, K::DailyCap]),
            // A slot full at night is a full day too.
            Story::OverCapacity => {
                c(K::EnvironmentCapacity) >= 1
                    && only(&[K::EnvironmentCapacity, K::SameCi, K::CiDependency, K::DailyCap])
            }
        };
        told && fx
            .parties
            .iter()
            .all(|&p| !self.guarded[p as usize] && (!self.used[p as usize] || Some(p as usize) == partner))
    }

    /// Takes release `i` off the board and tries `w` for it: puts it there (and reschedules it)
    /// when the story fits, else back where it was.
    fn try_move(&mut self, board: &mut Board, story: Story, i: usize, options: &[(Window, Option<usize>)]) -> bool {
        let old = self.window(i);
        let p = &self.profiles[i];
        // The test phase stays on the board where it is.
        board.remove(i as u32, p, &old, None);
        // The deployment may come as early as the day after the test phase ends.
        let earliest = self.tests[i].map_or(old.start.date(), |(_, end)| from_day(end + 2));
        for &(c, partner) in options {
            if c.start.date() < earliest.min(old.start.date()) || c.start.date() <= self.today {
                continue;
            }
            let fx = board.effect(p, &c, None);
            if self.fits(story, &fx, partner) {
                board.place(i as u32, p, &c, None);
                rescheduled(&mut self.releases[i], c);
                self.used[i] = true;
                if let Some(o) = partner {
                    self.used[o] = true;
                }
                return true;
            }
        }
        board.place(i as u32, p, &old, None);
        false
    }

    /// Moves release `i` into `story`'s conflict if a window in the coming weeks tells it (for
    /// two releases deploying together, `i` may also be the one joined).
    fn move_one(&mut self, board: &mut Board, story: Story, i: usize) -> bool {
        let w = self.window(i);
        if story == Story::Blackout && !board.covers(&self.profiles[i], WindowKind::Blackout) {
            return false;
        }
        let length = w.end - w.start;
        if matches!(story, Story::SameCi | Story::CiDependency) {
            for (mover, c, partner) in self.pairs(board, i, story == Story::SameCi) {
                if self.try_move(board, story, mover, &[(c, Some(partner))]) {
                    return true;
                }
            }
            return false;
        }
        let options: Vec<(Window, Option<usize>)> = match story {
            Story::Weekend => slots(board, &earlier(w), self.today, NIGHTS_ON_PURPOSE)
                .into_iter()
                .filter(|c| {
                    c.start.date().weekday() == Weekday::Thu && board.night_start(hour(c.start)) == Some(hour(c.start))
                })
                .map(|c| {
                    (Window { start: c.start + Duration::days(2), end: c.start + Duration::days(2) + length }, None)
                })
                .collect(),
            _ => slots(board, &earlier(w), self.today, reach(story)).into_iter().map(|c| (c, None)).collect(),
        };
        self.try_move(board, story, i, &options)
    }

    /// Releases to deploy together with release `i`, changing the same CI (`same`) or related by
    /// a CI dependency, within three weeks of it: the earlier of the two moves to the later's
    /// slot (its start, or its night's start where the mover would not fit the green zone).
    /// Each as (mover, window, the one joined).
    fn pairs(&self, board: &Board, i: usize, same: bool) -> Vec<(usize, Window, usize)> {
        let w = self.window(i);
        // The nearest dozen, by their first deployments' distance from `i`'s.
        let around = self.around(w.start);
        let here = self.starts[self.starts.partition_point(|&s| s < w.start - Duration::days(21))..]
            .partition_point(|&s| s < w.start);
        let (before, after) = around.split_at(here.min(around.len()));
        let mut others: Vec<usize> = vec![];
        let (mut b, mut a) = (before.iter().rev(), after.iter());
        while others.len() < 12 {
            let next = match (b.next(), a.next()) {
                (None, None) => break,
                (x, y) => [x, y],
            };
            for &o in next.into_iter().flatten() {
                if o != i
                    && !self.used[o]
                    && others.len() < 12
                    && board.related(&self.profiles[i], &self.profiles[o], same)
                {
                    others.push(o);
                }
            }
        }
        others
            .into_iter()
            .filter_map(|o| {
                let (mover, stays) = if self.window(o).start >= w.start { (i, o) } else { (o, i) };
                let (mw, sw) = (self.window(mover), self.window(stays));
                let length = mw.end - mw.start;
                let night = board.night_start(hour(sw.start))?;
                let fits = board.night_start(hour(sw.start + length) - 1) == Some(night);
                let start = if fits { sw.start } else { from_hour(night) };
                Some((mover, Window { start, end: start + length }, stays))
            })
            .collect()
    }

    /// Crowds a green zone day in the weeks after release `i`'s deployment: `i` and other movable
    /// releases deploying before it move into its daytime, one after another, until the day
    /// holds one deployment more than the daily cap per environment allows.
    fn crowd(&mut self, board: &mut Board, i: usize) -> bool {
        let Some(cap) = board.cap_per_environment() else { return false };
        let w = self.window(i);
        let mut days: Vec<NaiveDate> = slots(board, &w, self.today, NIGHTS_ON_PURPOSE)
            .iter()
            .filter_map(|c| board.night_of(hour(c.start)))
            .filter(|d| *d > w.start.date())
            .collect();
        days.dedup();
        let before: Vec<usize> = self.around(w.start).iter().copied().filter(|&o| o != i).collect();
        for day in days {
            let need = (cap as usize + 1).saturating_sub(board.starts_on(day));
            if need == 0 || need > 2 {
                continue;
            }
            // `i`, then the others deploying before the day, the latest first.
            let crowd: Vec<usize> = std::iter::once(i)
                .chain(before.iter().rev().copied().filter(|&o| self.window(o).start.date() < day))
                .filter(|&o| !self.used[o])
                .take(need + 8)
                .collect();
            let mut moved: Vec<(usize, Window)> = vec![];
            let mut joined: Vec<u32> = vec![];
            let mut at = day.and_time(NaiveTime::MIN) + Duration::hours(8);
            for o in crowd {
                if moved.len() == need {
                    break;
                }
                let old = self.window(o);
                let c = Window { start: at, end: at + (old.end - old.start) };
                if c.end > day.and_time(NaiveTime::MIN) + Duration::hours(20) {
                    break;
                }
                let p = &self.profiles[o];
                board.remove(o as u32, p, &old, None);
                let fx = board.effect(p, &c, None);
                let last = moved.len() + 1 == need;
                if self.fits(Story::CrowdedDay, &fx, None) && (fx.counts[K::DailyCap as usize] > 0) == last {
                    board.place(o as u32, p, &c, None);
                    moved.push((o, old));
                    joined = fx.parties;
                    at = c.end;
                } else {
                    board.place(o as u32, p, &old, None);
                }
            }
            if moved.len() == need {
                let mut at = day.and_time(NaiveTime::MIN) + Duration::hours(8);
                for &(o, old) in &moved {
                    let c = Window { start: at, end: at + (old.end - old.start) };
                    rescheduled(&mut self.releases[o], c);
                    self.used[o] = true;
                    at = c.end;
                }
                // The day's other deployments stay where they are.
                for o in joined {
                    self.used[o as usize] = true;
                }
                return true;
            }
            let mut at = day.and_time(NaiveTime::MIN) + Duration::hours(8);
            for &(o, old) in &moved {
                let c = Window { start: at, end: at + (old.end - old.start) };
                board.remove(o as u32, &self.profiles[o], &c, None);
                board.place(o as u32, &self.profiles[o], &old, None);
                at = c.end;
            }
        }
        false
    }
}
