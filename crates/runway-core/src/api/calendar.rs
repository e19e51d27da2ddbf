//! The forward schedule of changes (D6) on the Planner: the plan's time zone, change windows,
//! environment capacities and bookings, the conflicts, the calendar of a range of days, the next
//! free slots and applying one. The rules are runway-domain's `calendar`; the rows runway-store's.
//! Every edit here is one audited write that Ctrl+Z undoes.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use runway_domain::calendar::slots::{self, Limits, Slot};
use runway_domain::calendar::view::{self, CalendarView};
use runway_domain::calendar::{Booking, ChangeWindow, Conflict, ManualBooking, PlanSchedule, PlanZone};
use runway_domain::{Environment, ReleaseKind, ReleaseStatus, dates};

use crate::Planner;
use crate::dto::ReleaseDetail;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::calendar_undo::{BookingRecord, TIME_ZONE_KEY, TimeZoneSetting};
use crate::store::tables::calendar::Phases;
use crate::store::tables::{calendar as table, reference, releases};
use crate::store::undo;

/// How many days ahead the slot search looks.
pub const SLOT_HORIZON_DAYS: i64 = 366;
/// How many days it looks at first for `count` slots, reading only the plan near them (most
/// searches end there): two weeks a slot and four more.
fn first_days(count: usize) -> i64 {
    14 * (count as i64 + 4)
}
/// The longest range the calendar shows at once (a quarter and some; the view asks for less).
pub const MAX_CALENDAR_DAYS: i64 = 400;

/// A release's part of the forward schedule, as its page shows it: the conflicts it is party to,
/// and why no next free slot can be proposed for it (its stage means its deployment can no longer
/// move), or null when one can.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReleaseCalendar {
    /// The conflicts the release is party to, by start.
    pub conflicts: Vec<Conflict>,
    /// Why no next free slot can be proposed for it ("The release is deploying: …"), or null
    /// when the slot search may move its deployment.
    pub no_slot: Option<String>,
}

fn validation(errors: Vec<runway_domain::FieldError>) -> Result<()> {
    if errors.is_empty() { Ok(()) } else { Err(Error::Validation(errors)) }
}

impl Planner {
    /// The plan's forward schedule, as conflict detection sees it.
    pub fn plan_schedule(&self) -> Result<PlanSchedule> {
        table::schedule(&self.conn, self.zone())
    }

    /// The forward schedule of the releases that still deploy, read for the calendar (no RFCs
    /// or long texts; `phases`: which milestones): the same bookings, conflicts, calendar days
    /// and slots as [`Planner::plan_schedule`] for a fraction of the reading on a big plan.
    fn active_schedule(&self, phases: Phases) -> Result<PlanSchedule> {
        table::active_schedule(&self.conn, self.zone(), phases, None)
    }

    /// The plan's time zone (IANA name).
    pub fn time_zone(&self) -> String {
        self.zone().name().to_owned()
    }

    /// Sets the plan's time zone. Windows and deployment windows keep their local times.
    pub fn set_time_zone(&mut self, name: &str) -> Result<String> {
        let zone = PlanZone::parse(name).map_err(|m| Error::field("time_zone", m))?;
        let before = TimeZoneSetting { time_zone: self.time_zone() };
        let after = TimeZoneSetting { time_zone: zone.name().to_owned() };
        let stored = reference::meta(&self.conn, TIME_ZONE_KEY)?;
        if stored.as_deref() == Some(zone.name()) {
            return Ok(after.time_zone);
        }
        self.write(|w| {
            reference::set_meta(w.tx(), TIME_ZONE_KEY, &after.time_zone)?;
            let seq = w.record_seq(Action::Update, Entity::TimeZone, "time_zone", Some(&before), Some(&after))?;
            undo::push(w, seq)
        })?;
        Ok(after.time_zone)
    }

    /// The change windows, by start.
    pub fn windows(&self) -> Result<Vec<ChangeWindow>> {
        table::windows(&self.conn)
    }

    /// Adds a window (`original` None) or replaces the window named `original`. A window that
    /// ends before it starts, names what the plan does not hold or has a rule that cannot be read
    /// is refused, each problem named by field.
    pub fn save_window(&mut self, original: Option<&str>, mut window: ChangeWindow) -> Result<ChangeWindow> {
        window.name = window.name.trim().to_owned();
        window.reason = window.reason.trim().to_owned();
        window.recurrence = window.recurrence.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty());
        let known = reference::known(&self.conn)?;
        validation(window.check(&known, self.zone()))?;
        self.write(|w| {
            let before = match original {
                Some(name) => {
                    Some(table::window(w.tx(), name)?.ok_or_else(|| Error::NotFound(format!("window {name:?}")))?)
                }
                None => None,
            };
            if before.as_ref().is_none_or(|b| b.name != window.name) && table::window(w.tx(), &window.name)?.is_some() {
                return Err(Error::field("name", format!("A window named {:?} exists already.", window.name)));
            }
            let seq = match &before {
                Some(b) if *b == window => return Ok(()),
                Some(b) => {
                    table::update_window(w.tx(), &b.name, &window)?;
                    w.record_seq(Action::Update, Entity::Window, &window.name, Some(b), Some(&window))?
                }
                None => {
                    table::insert_window(w.tx(), &window)?;
                    w.record_seq(Action::Add, Entity::Window, &window.name, None, Some(&window))?
                }
            };
            undo::push(w, seq)
        })?;
        Ok(window)
    }

    /// Removes the window named `name`.
    pub fn remove_window(&mut self, name: &str) -> Result<()> {
        self.write(|w| {
            let before = table::window(w.tx(), name)?.ok_or_else(|| Error::NotFound(format!("window {name:?}")))?;
            table::delete_window(w.tx(), name)?;
            let seq = w.record_seq(Action::Remove, Entity::Window, name, Some(&before), None)?;
            undo::push(w, seq)
        })
    }

    /// Every booking, automatic (from the releases' dates) and manual, by start.
    pub fn bookings(&self) -> Result<Vec<Booking>> {
        Ok(self.active_schedule(Phases::Test)?.bookings)
    }

    /// Adds a manual booking (`id` None) or moves/edits booking `id`; answers its id. A booking
    /// beyond the environment's capacity is allowed: it shows as a conflict.
    pub fn save_booking(&mut self, id: Option<i64>, mut booking: ManualBooking) -> Result<i64> {
        booking.purpose = booking.purpose.trim().to_owned();
        booking.by = booking.by.trim().to_owned();
        if booking.by.is_empty() {
            booking.by = self.actor.clone();
        }
        let known = reference::known(&self.conn)?;
        validation(booking.check(&known))?;
        self.write(|w| match id {
            Some(id) => {
                let before = table::booking(w.tx(), id)?.ok_or_else(|| Error::NotFound(format!("booking #{id}")))?;
                if before == booking {
                    return Ok(id);
                }
                table::update_booking(w.tx(), id, &booking)?;
                let (b, a) = (BookingRecord { id, booking: before }, BookingRecord { id, booking: booking.clone() });
                let seq = w.record_seq(Action::Update, Entity::Booking, &format!("#{id}"), Some(&b), Some(&a))?;
                undo::push(w, seq)?;
                Ok(id)
            }
            None => {
                let id = table::insert_booking(w.tx(), None, &booking)?;
                let a = BookingRecord { id, booking: booking.clone() };
                let seq =
                    w.record_seq::<BookingRecord>(Action::Add, Entity::Booking, &format!("#{id}"), None, Some(&a))?;
                undo::push(w, seq)?;
                Ok(id)
            }
        })
    }

    /// Releases (removes) manual booking `id`.
    pub fn remove_booking(&mut self, id: i64) -> Result<()> {
        self.write(|w| {
            let before = table::booking(w.tx(), id)?.ok_or_else(|| Error::NotFound(format!("booking #{id}")))?;
            table::delete_booking(w.tx(), id)?;
            let b = BookingRecord { id, booking: before };
            let seq =
                w.record_seq::<BookingRecord>(Action::Remove, Entity::Booking, &format!("#{id}"), Some(&b), None)?;
            undo::push(w, seq)
        })
    }

    /// Sets an environment's capacity and what books it.
    pub fn set_environment(&mut self, env: Environment) -> Result<Environment> {
        if !(1..=99).contains(&env.capacity) {
            return Err(Error::field(
                "capacity",
                format!("A capacity is 1 to 99 bookings at once, not {}.", env.capacity),
            ));
        }
        self.write(|w| {
            let before = reference::environment(w.tx(), &env.name)?
                .ok_or_else(|| Error::NotFound(format!("environment {:?}", env.name)))?;
            if before == env {
                return Ok(());
            }
            reference::upsert_environment(w.tx(), &env)?;
            let seq = w.record_seq(Action::Update, Entity::Environment, &env.name, Some(&before), Some(&env))?;
            undo::push(w, seq)
        })?;
        Ok(env)
    }

    /// The instants of the days `from` to `to` (inclusive) in the plan's zone.
    fn day_range(&self, from: NaiveDate, to: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let zone = self.zone();
        (zone.instant(from.and_time(NaiveTime::MIN)), zone.instant(dates::next_day(to).and_time(NaiveTime::MIN)))
    }

    /// The conflicts of the forward schedule: from `from` (default today) to `to` (default: as
    /// far as anything is planned), by start.
    pub fn conflicts(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<Conflict>> {
        let s = self.active_schedule(Phases::Test)?;
        let Some((_, last)) = runway_domain::calendar::span(&s.releases, &s.bookings, s.zone) else {
            return Ok(vec![]);
        };
        let from = from.unwrap_or_else(|| self.today());
        let to = to.unwrap_or_else(|| s.zone.day(last));
        if to < from {
            return Err(Error::field("to", format!("The range ends ({to}) before it starts ({from}).")));
        }
        let (a, b) = self.day_range(from, to);
        Ok(s.conflicts(a, b))
    }

    /// The conflicts release `key` is party to.
    pub fn release_conflicts(&self, key: &str) -> Result<Vec<Conflict>> {
        releases::require(&self.conn, key)?;
        Ok(self.active_schedule(Phases::Test)?.conflicts_of(key))
    }

    /// The conflicts release `key` is party to, and whether the slot search may move it.
    pub fn release_calendar(&self, key: &str) -> Result<ReleaseCalendar> {
        let id = releases::id(&self.conn, key)?.ok_or_else(|| Error::NotFound(format!("release {key}")))?;
        let status = releases::load(&self.conn, id)?.status;
        let conflicts = self.active_schedule(Phases::Test)?.conflicts_of(key);
        Ok(ReleaseCalendar { conflicts, no_slot: slots::no_slot(status).map(str::to_owned) })
    }

    /// The calendar of the days `from` to `to` (inclusive).
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<CalendarView> {
        if to < from {
            return Err(Error::field("to", format!("The range ends ({to}) before it starts ({from}).")));
        }
        if dates::days_between(to, from) > MAX_CALENDAR_DAYS {
            return Err(Error::field("to", format!("The calendar shows at most {MAX_CALENDAR_DAYS} days at once.")));
        }
        Ok(view::build(&self.active_schedule(Phases::All)?, from, to, self.today()))
    }

    /// The next `count` deployment windows for release `key` that break no rule: no conflict of
    /// any kind, no earlier than tomorrow, the CAB lead time (before submission) and what its
    /// dependencies allow.
    pub fn slots(&self, key: &str, count: usize) -> Result<Vec<Slot>> {
        // The release itself in full (its deployment phase moves with a slot).
        let id = releases::id(&self.conn, key)?.ok_or_else(|| Error::NotFound(format!("release {key}")))?;
        let release = releases::load(&self.conn, id)?;
        if let Some(why) = slots::no_slot(release.status) {
            return Err(Error::Conflict(format!("No free slot for {key}: {why}")));
        }
        let today = self.today();
        let mut earliest = dates::next_day(today);
        let before_cab = matches!(release.status, ReleaseStatus::Draft | ReleaseStatus::Planned);
        if before_cab && release.kind != ReleaseKind::Emergency {
            let lead = i64::from(self.policy()?.lead_time_days);
            earliest = earliest.max(dates::add_days(today, lead).unwrap_or(earliest));
        }
        // The dependencies into it, with the releases they come from (final ones too).
        let (deps, mut from) = table::dependencies_into(&self.conn, key)?;
        from.push(release.clone());
        if let Some(bound) = slots::dependency_bound(&from, &deps, key) {
            earliest = earliest.max(bound);
        }
        let count = count.clamp(1, 20);
        // The plan's schedule of `releases` with the release itself in full.
        let with = |mut releases: Vec<runway_domain::Release>| {
            match releases.iter_mut().find(|r| r.key == key) {
                Some(r) => *r = release.clone(),
                None => releases.push(release.clone()),
            }
            table::schedule_with(&self.conn, self.zone(), releases)
        };
        // The first weeks first, with only what deploys or tests near them read: a slot there is
        // judged on everything that meets its day, so it is the one the whole search would give.
        // The whole horizon when they hold fewer slots than asked for.
        // (A candidate's deployment may end the day after the last and is judged to the day after.)
        let days = first_days(count);
        let near_to = dates::add_days(earliest, days + 2).unwrap_or(earliest);
        let near = (dates::add_days(earliest, -1).unwrap_or(earliest), near_to);
        let s = with(table::active_releases(&self.conn, Phases::Test, Some(near))?)?;
        let first = Limits { earliest, horizon_days: days, count };
        let found = slots::next_free(&s.schedule(), key, first).map_err(Error::Conflict)?;
        if found.len() == count {
            return Ok(found);
        }
        let s = with(table::active_releases(&self.conn, Phases::Test, None)?)?;
        let limits = Limits { earliest, horizon_days: SLOT_HORIZON_DAYS, count };
        slots::next_free(&s.schedule(), key, limits).map_err(Error::Conflict)
    }

    /// Moves release `key`'s deployment to the slot starting at `start` (its window keeps its
    /// length; the deployment phase and the phases after it move by the same days): one edit,
    /// which Ctrl+Z undoes.
    pub fn apply_slot(&mut self, key: &str, start: NaiveDateTime) -> Result<ReleaseDetail> {
        if let Some(m) = dates::check_datetime(start) {
            return Err(Error::field("start", m));
        }
        let release = self.release(key)?.release;
        let length = release.window.map_or(TimeDelta::hours(slots::DEFAULT_LENGTH_HOURS), |w| w.end - w.start);
        let moved = slots::moved(&release, start, start + length);
        self.change_release_with(key, Action::Reschedule, move |conn, id| {
            let mut current = releases::load(conn, id)?;
            current.window = moved.window;
            current.milestones = moved.milestones.clone();
            releases::replace(conn, id, &current)
        })
    }

    /// The forward schedule as one iCalendar file (RFC 5545): deployments, CAB dates and windows,
    /// the days `range` (both included) or everything. UIDs are stable per object; SEQUENCE
    /// counts the object's audited changes.
    pub fn export_ics(&self, range: Option<(NaiveDate, NaiveDate)>) -> Result<String> {
        use runway_domain::calendar::ical::{IcsInput, IcsRelease, IcsWindow, export};
        if let Some((from, to)) = range
            && to < from
        {
            return Err(Error::field("to", format!("The range ends ({to}) before it starts ({from}).")));
        }
        let s = self.plan_schedule()?;
        let uid = reference::meta(&self.conn, "plan_uid")?.unwrap_or_else(|| "runway".into());
        let name = reference::meta(&self.conn, "name")?.unwrap_or_default();
        let release_seq = crate::store::audit::counts(&self.conn, Entity::Release)?;
        let window_seq = crate::store::audit::counts(&self.conn, Entity::Window)?;
        let seq =
            |m: &std::collections::HashMap<String, u32>, k: &str| m.get(k).copied().unwrap_or(1).saturating_sub(1);
        let input = IcsInput {
            plan_name: &name,
            plan_uid: &uid,
            zone: s.zone,
            now: self.now(),
            releases: s
                .releases
                .iter()
                .map(|r| IcsRelease { release: r, sequence: seq(&release_seq, &r.key) })
                .collect(),
            windows: s.windows.iter().map(|w| IcsWindow { window: w, sequence: seq(&window_seq, &w.name) }).collect(),
            range,
        };
        Ok(export(&input))
    }

    /// [`Planner::export_ics`] written to `out` (atomically; never over the plan itself);
    /// answers the number of events.
    pub fn write_ics(&self, out: &std::path::Path, range: Option<(NaiveDate, NaiveDate)>) -> Result<usize> {
        if std::path::absolute(out).ok().as_deref() == Some(self.path()) {
            return Err(Error::Conflict(format!("{} is the plan itself; choose another file", out.display())));
        }
        let text = self.export_ics(range)?;
        crate::store::fsutil::write_atomically(out, text.as_bytes())?;
        Ok(text.matches("BEGIN:VEVENT").count())
    }

    /// Reads change windows of `kind` covering `scope` from an iCalendar file's text (a corporate
    /// freeze calendar, a holiday calendar from Outlook or Google) and adds them all in one write,
    /// or none: a bad file is refused with its line and why, a window whose name the plan already
    /// has is refused by name. Each window added is one undoable edit.
    pub fn import_windows_ics(
        &mut self,
        text: &str,
        source: &str,
        kind: runway_domain::calendar::WindowKind,
        scope: runway_domain::calendar::Scope,
    ) -> Result<Vec<ChangeWindow>> {
        let zone = self.zone();
        let mut windows = runway_domain::calendar::ical::import(text, zone, kind, source)
            .map_err(|m| Error::Import(format!("{source}: {m}")))?;
        let known = reference::known(&self.conn)?;
        for w in &mut windows {
            w.scope = scope.clone();
            let errors = w.check(&known, zone);
            if let Some(e) = errors.first() {
                return Err(Error::Import(format!("{source}: the window {:?}: {}: {}", w.name, e.field, e.message)));
            }
        }
        self.write(|wr| {
            for w in &windows {
                if table::window(wr.tx(), &w.name)?.is_some() {
                    return Err(Error::Conflict(format!("{source}: the plan has a window named {:?} already", w.name)));
                }
                table::insert_window(wr.tx(), w)?;
                let seq = wr.record_seq(Action::Add, Entity::Window, &w.name, None, Some(w))?;
                undo::push(wr, seq)?;
            }
            Ok(())
        })?;
        Ok(windows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schedule of the releases that still deploy, read for the calendar, has the same
    /// bookings, conflicts and calendar days as the whole plan's.
    #[test]
    fn the_active_schedule_answers_as_the_whole_plan_does() {
        let dir = tempfile::tempdir().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let mut p = Planner::create_demo(&dir.path().join("demo.runway"), 2027, 120, today, "test", false).unwrap();
        p.set_today(today);
        let all = p.plan_schedule().unwrap();
        let (active, tests) = (p.active_schedule(Phases::All).unwrap(), p.active_schedule(Phases::Test).unwrap());
        assert!(active.releases.len() < all.releases.len(), "the demo has final releases");
        for s in [&active, &tests] {
            assert_eq!(s.bookings, all.bookings);
            assert_eq!(s.environments, all.environments);
            assert_eq!(s.all_conflicts(), all.all_conflicts());
        }
        assert!(!all.all_conflicts().is_empty());
        for r in &active.releases {
            let full = all.releases.iter().find(|x| x.key == r.key).unwrap();
            assert_eq!(
                (&r.milestones, &r.cis, &r.environments, &r.applications),
                (&full.milestones, &full.cis, &full.environments, &full.applications)
            );
            assert_eq!(
                (r.window, r.status, &r.title, &r.manager),
                (full.window, full.status, &full.title, &full.manager)
            );
        }
        let (from, to) = (today, today + TimeDelta::days(90));
        assert_eq!(view::build(&active, from, to, today), view::build(&all, from, to, today));
        // The next free slots, as the whole plan would give them.
        let deps = crate::store::tables::schedule::dependencies(&p.conn).unwrap();
        let coming = all.releases.iter().filter(|r| {
            r.window.is_some_and(|w| w.start.date() > today)
                && matches!(r.status, ReleaseStatus::Approved | ReleaseStatus::Build | ReleaseStatus::Test)
        });
        for r in coming.take(4) {
            let mut earliest = dates::next_day(today);
            if let Some(bound) = slots::dependency_bound(&all.releases, &deps, &r.key) {
                earliest = earliest.max(bound);
            }
            for count in [3, 20] {
                let limits = Limits { earliest, horizon_days: SLOT_HORIZON_DAYS, count };
                let whole = slots::next_free(&all.schedule(), &r.key, limits).unwrap();
                assert_eq!(p.slots(&r.key, count).unwrap(), whole, "{} {count}", r.key);
            }
        }
    }
}
