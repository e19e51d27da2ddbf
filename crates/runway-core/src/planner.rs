//! The Planner: the one API the app and the CLI use on a plan file.

use std::path::{Path, PathBuf};

use crate::dto::PlanInfo;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::tables::{reference, releases};
use crate::store::write::{self, Writer};
use crate::store::{self, Connection, audit};
use chrono::{DateTime, NaiveDate, Utc};
use runway_domain::calendar::PlanZone;

use crate::store::calendar_undo::TIME_ZONE_KEY;

/// The machine's time zone (IANA), UTC when it cannot be told.
pub fn system_zone() -> PlanZone {
    iana_time_zone::get_timezone().ok().and_then(|z| PlanZone::parse(&z).ok()).unwrap_or_default()
}

/// An open plan and the person acting on it.
pub struct Planner {
    pub(crate) conn: Connection,
    /// The owner's lock on the plan file, or None when the plan was opened for reading only.
    /// Declared after `conn`, so the connection is closed before the lock is released.
    lock: Option<store::PlanLock>,
    pub(crate) path: PathBuf,
    pub(crate) actor: String,
    /// Today's date when fixed (tests, `--today`); otherwise the local date.
    today: Option<NaiveDate>,
    /// The time of writes when fixed (tests); otherwise the clock's.
    now: Option<DateTime<Utc>>,
    /// Benchmarks only: writes make no journal operations (to measure what the journal adds).
    journal_off: bool,
}

impl std::fmt::Debug for Planner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planner").field("path", &self.path).field("actor", &self.actor).finish()
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

impl Planner {
    /// Opens an existing plan. A file that is not a plan, or is newer than this build, is refused
    /// and left as it was.
    /// This process becomes the plan's one owner: another window or command that tries to open it
    /// for writing is refused with [`Error::Busy`] until this one is dropped.
    pub fn open(path: &Path, actor: &str) -> Result<Self> {
        let owned = store::open(path)?;
        Ok(Planner::owning(owned, path, actor))
    }

    /// Opens a plan to read it (listings, reports, exports, verify): works while another process
    /// owns the plan, and takes nothing from it. A plan that needs migrating is opened as its
    /// owner (only an owner may migrate), which is refused while another process holds it.
    pub fn open_read(path: &Path, actor: &str) -> Result<Self> {
        match store::open_read_only(path)? {
            Some(conn) => Ok(Planner {
                conn,
                lock: None,
                path: absolute(path),
                actor: actor.to_owned(),
                today: None,
                now: None,
                journal_off: false,
            }),
            None => Planner::open(path, actor),
        }
    }

    pub(crate) fn owning(owned: store::Owned, path: &Path, actor: &str) -> Planner {
        Planner {
            conn: owned.conn,
            lock: Some(owned.lock),
            path: absolute(path),
            actor: actor.to_owned(),
            today: None,
            now: None,
            journal_off: false,
        }
    }

    /// True when this Planner owns the plan (it may write); false when it was opened to read.
    pub fn is_owner(&self) -> bool {
        self.lock.is_some()
    }

    /// Creates a new, empty plan named `name`.
    pub fn create(path: &Path, name: &str, actor: &str, overwrite: bool) -> Result<Self> {
        if let Some(why) = runway_domain::input::check_len("plan name", name, runway_domain::input::NAME_MAX_LEN) {
            return Err(Error::field("name", why));
        }
        let owned = store::create(path, overwrite)?;
        let mut p = Planner::owning(owned, path, actor);
        let zone = system_zone();
        p.write(|w| {
            reference::set_meta(w.tx(), "name", name)?;
            reference::set_meta(w.tx(), TIME_ZONE_KEY, zone.name())?;
            w.record::<str>(Action::Create, Entity::Plan, name, None, Some(name))
        })?;
        Ok(p)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_actor(&mut self, actor: &str) {
        actor.clone_into(&mut self.actor);
    }

    /// Benchmarks only (`benches/journal.rs`): writes without journal operations, to measure
    /// what the journal adds to an edit. A plan written so cannot be merged correctly.
    #[doc(hidden)]
    pub fn bench_without_journal(&mut self, off: bool) {
        self.journal_off = off;
    }

    /// Fixes "today" for gates and warnings (tests and the CLI's `--today`).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    /// Fixes the time every write is made at (tests: decisions dated "in the future" or "before
    /// the stage" are judged against it).
    pub fn set_now(&mut self, now: DateTime<Utc>) {
        self.now = Some(now);
    }

    /// The time of a write: the clock's, unless fixed; to the millisecond, as the plan keeps it,
    /// so a "now" taken before a write (an incident opened now) never falls after the write.
    pub fn now(&self) -> DateTime<Utc> {
        let now = self.now.unwrap_or_else(Utc::now);
        chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::milliseconds(1)).unwrap_or(now)
    }

    /// Today in the plan's time zone.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| self.zone().day(Utc::now()))
    }

    /// The plan's time zone: the one set in Settings, else (a plan from before schema 5 that
    /// was never given one) the machine's.
    pub fn zone(&self) -> PlanZone {
        reference::meta(&self.conn, TIME_ZONE_KEY)
            .ok()
            .flatten()
            .and_then(|z| PlanZone::parse(&z).ok())
            .unwrap_or_else(system_zone)
    }

    pub(crate) fn write<T>(&mut self, change: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.lock.is_none() {
            return Err(Error::Internal(format!(
                "{} was opened for reading only; open it as its owner to change it",
                self.path.display()
            )));
        }
        let now = self.now();
        let zone = self.zone();
        let actor = self.actor.clone();
        let path = self.path.clone();
        let journal_off = self.journal_off;
        // The messages the write's changes make are stored in the same transaction (D8).
        write::write(&mut self.conn, &self.actor, now, |w| {
            // A plan file copied since its last write takes a replica id of its own first.
            crate::store::replica::log::claim(w, &path)?;
            w.set_merging(journal_off);
            let out = change(w)?;
            crate::notices::after_write(w, &actor, zone)?;
            Ok(out)
        })
    }

    /// What the UI shows about the plan.
    pub fn info(&self) -> Result<PlanInfo> {
        let releases = releases::count(&self.conn)?;
        Ok(PlanInfo {
            path: self.path.display().to_string(),
            file_name: self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
            name: reference::meta(&self.conn, "name")?.unwrap_or_default(),
            releases,
            schema_version: store::schema_version(&self.conn)?,
            audit_head: audit::head(&self.conn)?.1,
        })
    }
}
