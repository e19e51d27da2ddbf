//! The Planner: the one API the app and the CLI use on a plan file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;

use runway_domain::{Portfolio, Release, ReleaseInput, ReleaseStatus, Rfc};

use crate::dto::{Catalog, PlanInfo, ReleaseDetail, ReleaseSummary};
use crate::error::{Error, Result};
use crate::interchange::{self, ImportSummary};
use crate::journal::{Action, Entity};
use crate::verify::{self, VerifyReport};
use crate::write::{self, Tx, Writer};
use crate::{audit, lifecycle, reference, releases, store, undo};

/// An open plan and the person acting on it.
pub struct Planner {
    pub(crate) conn: Connection,
    /// The owner's lock on the plan file, or None when the plan was opened for reading only.
    /// Declared after `conn`, so the connection is closed before the lock is released.
    lock: Option<store::PlanLock>,
    path: PathBuf,
    pub(crate) actor: String,
    /// Today's date when fixed (tests, `--today`); otherwise the local date.
    today: Option<NaiveDate>,
    /// The time of writes when fixed (tests); otherwise the clock's.
    now: Option<DateTime<Utc>>,
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
            Some(conn) => {
                Ok(Planner { conn, lock: None, path: absolute(path), actor: actor.to_owned(), today: None, now: None })
            }
            None => Planner::open(path, actor),
        }
    }

    fn owning(owned: store::Owned, path: &Path, actor: &str) -> Planner {
        Planner {
            conn: owned.conn,
            lock: Some(owned.lock),
            path: absolute(path),
            actor: actor.to_owned(),
            today: None,
            now: None,
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
        p.write(|w| {
            reference::set_meta(w.tx(), "name", name)?;
            w.record::<str>(Action::Create, Entity::Plan, name, None, Some(name))
        })?;
        Ok(p)
    }

    /// Creates a plan holding the demo portfolio of `releases` releases around `today`.
    pub fn create_demo(
        path: &Path,
        seed: u64,
        releases: usize,
        today: NaiveDate,
        actor: &str,
        overwrite: bool,
    ) -> Result<Self> {
        let doc = runway_domain::demo::demo(seed, releases, today);
        let mut p = Planner::create(path, &doc.name, actor, overwrite)?;
        p.import(&doc, "demo")?;
        Ok(p)
    }

    /// Imports a portfolio document file into the plan at `db`, creating the plan when it does
    /// not exist. All or nothing: a bad document changes nothing and creates nothing.
    pub fn import_file_into(db: &Path, doc_path: &Path, actor: &str) -> Result<(Self, ImportSummary)> {
        if db.exists() {
            let mut p = Planner::open(db, actor)?;
            let summary = p.import_file(doc_path)?;
            return Ok((p, summary));
        }
        let doc = interchange::read(doc_path)?;
        let source = doc_path.display().to_string();
        {
            interchange::check(&doc, &Default::default(), &source)?;
            let mut p = Planner::create(db, &doc.name, actor, false)?;
            match p.import(&doc, &source) {
                Ok(summary) => Ok((p, summary)),
                Err(e) => {
                    drop(p);
                    let _ = std::fs::remove_file(db);
                    Err(e)
                }
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn set_actor(&mut self, actor: &str) {
        actor.clone_into(&mut self.actor);
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

    /// The time of a write: the clock's, unless fixed.
    pub fn now(&self) -> DateTime<Utc> {
        self.now.unwrap_or_else(Utc::now)
    }

    /// Today in the plan's (the machine's) time zone.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub(crate) fn write<T>(&mut self, change: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        if self.lock.is_none() {
            return Err(Error::Internal(format!(
                "{} was opened for reading only; open it as its owner to change it",
                self.path.display()
            )));
        }
        let now = self.now();
        write::write(&mut self.conn, &self.actor, now, change)
    }

    /// What the UI shows about the plan.
    pub fn info(&self) -> Result<PlanInfo> {
        let releases: u32 = self.conn.query_row("SELECT count(*) FROM release", [], |r| r.get(0))?;
        Ok(PlanInfo {
            path: self.path.display().to_string(),
            file_name: self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
            name: reference::meta(&self.conn, "name")?.unwrap_or_default(),
            releases,
            schema_version: store::schema_version(&self.conn)?,
            audit_head: audit::head(&self.conn)?.1,
        })
    }

    pub fn list_releases(&self) -> Result<Vec<ReleaseSummary>> {
        releases::list(&self.conn)
    }

    pub fn release(&self, key: &str) -> Result<ReleaseDetail> {
        releases::detail(&self.conn, key)
    }

    pub fn catalog(&self) -> Result<Catalog> {
        reference::catalog(&self.conn)
    }

    /// Creates a release from the form; it starts as a draft.
    pub fn create_release(&mut self, input: ReleaseInput) -> Result<ReleaseDetail> {
        let input = input.normalised();
        let key = input.key.clone();
        self.write(|w| {
            releases::check_input(w.tx(), &input, None)?;
            let release = Release {
                key: input.key.clone(),
                title: input.title.clone(),
                kind: input.kind,
                unit: input.unit,
                status: ReleaseStatus::Draft,
                applications: input.applications.clone(),
                owner: input.owner.clone(),
                manager: input.manager.clone(),
                environments: input.environments.clone(),
                window: input.window,
                risk: input.risk,
                acceptance_criteria: input.acceptance_criteria.clone(),
                backout_plan: input.backout_plan.clone(),
                backout_tested: input.backout_tested,
                notes: input.notes.clone(),
                rfcs: vec![],
                cis: vec![],
                // The template by kind, laid out from the window; the user adjusts it.
                milestones: input
                    .window
                    .as_ref()
                    .map(|win| runway_domain::template::milestones(input.kind, win))
                    .unwrap_or_default(),
            };
            let id = releases::insert(w.tx(), &release, w.now())?;
            if !release.milestones.is_empty() {
                for d in runway_domain::template::dependencies(&release.key, release.kind) {
                    crate::plan_schedule::insert_dependency(w.tx(), &d)?;
                    w.record(Action::Add, Entity::Dependency, &format!("{} → {}", d.from, d.to), None, Some(&d))?;
                }
            }
            let after = releases::load(w.tx(), id)?;
            let seq = w.record_seq(Action::Create, Entity::Release, &after.key, None, Some(&after))?;
            undo::push(w, seq)
        })?;
        self.release(&key)
    }

    /// Applies one change to a release (in the write path's own words), recording its state
    /// before and after as one undoable edit.
    pub(crate) fn change_release_with(
        &mut self,
        key: &str,
        action: Action,
        change: impl FnOnce(&Tx<'_>, i64) -> Result<()>,
    ) -> Result<ReleaseDetail> {
        self.change_release(key, action, |conn, id, _| change(conn, id))
    }

    /// Applies one change to a release, recording its state before and after.
    fn change_release(
        &mut self,
        key: &str,
        action: Action,
        change: impl FnOnce(&Tx<'_>, i64, &str) -> Result<()>,
    ) -> Result<ReleaseDetail> {
        let new_key = self.write(|w| {
            let id = releases::require(w.tx(), key)?;
            let before = releases::load(w.tx(), id)?;
            let now = w.now().to_owned();
            change(w.tx(), id, &now)?;
            let after = releases::load(w.tx(), id)?;
            // A change that changes nothing (linking what is linked, saving an unchanged form)
            // leaves the release and the audit log as they were.
            if after != before {
                releases::touch(w.tx(), id, &now)?;
                let seq = w.record_seq(action, Entity::Release, &after.key, Some(&before), Some(&after))?;
                undo::push(w, seq)?;
            }
            Ok(after.key)
        })?;
        self.release(&new_key)
    }

    /// Writes the form's fields over a release (the key may change).
    pub fn update_release(&mut self, key: &str, input: ReleaseInput) -> Result<ReleaseDetail> {
        let input = input.normalised();
        self.change_release(key, Action::Update, |conn, id, _| {
            releases::check_input(conn, &input, Some(id))?;
            // The kind decides the CAB path (emergency or not): it is fixed once the release is
            // submitted, so the lead time cannot be dodged by switching to emergency and back.
            let current = releases::load(conn, id)?;
            if input.kind != current.kind
                && !matches!(current.status, ReleaseStatus::Draft | ReleaseStatus::Planned | ReleaseStatus::Rejected)
            {
                return Err(Error::field(
                    "kind",
                    format!(
                        "The kind cannot change once the release is submitted to CAB (it is {}); cancel it and plan a new one.",
                        current.status.label()
                    ),
                ));
            }
            releases::update(conn, id, &input)
        })
    }

    /// Deletes a release; its last state stays in the audit log.
    pub fn delete_release(&mut self, key: &str) -> Result<()> {
        self.write(|w| {
            let id = releases::require(w.tx(), key)?;
            if lifecycle::has_events(w.tx(), id)? {
                return Err(Error::Conflict(format!(
                    "{key} has decisions and evidence on record, which are never deleted; cancel the release instead"
                )));
            }
            let before = releases::load(w.tx(), id)?;
            undo::remove_dependencies_of(w, key, Action::Remove)?;
            releases::delete(w.tx(), id)?;
            let seq = w.record_seq(Action::Delete, Entity::Release, key, Some(&before), None)?;
            undo::push(w, seq)
        })
    }

    pub fn link_rfc(&mut self, release: &str, rfc: &str) -> Result<ReleaseDetail> {
        self.change_release(release, Action::LinkRfc, |conn, id, _| releases::link_rfc(conn, id, rfc))
    }

    pub fn unlink_rfc(&mut self, release: &str, rfc: &str) -> Result<ReleaseDetail> {
        self.change_release(release, Action::UnlinkRfc, |conn, id, _| releases::unlink_rfc(conn, id, rfc))
    }

    pub fn link_ci(&mut self, release: &str, ci: &str, version: &str) -> Result<ReleaseDetail> {
        if let Some(why) = runway_domain::input::check_len("version", version, runway_domain::input::VERSION_MAX_LEN) {
            return Err(Error::field("version", why));
        }
        self.change_release(release, Action::LinkCi, |conn, id, _| releases::link_ci(conn, id, ci, version))
    }

    pub fn unlink_ci(&mut self, release: &str, ci: &str) -> Result<ReleaseDetail> {
        self.change_release(release, Action::UnlinkCi, |conn, id, _| releases::unlink_ci(conn, id, ci))
    }

    /// Adds an RFC to the catalogue.
    pub fn create_rfc(&mut self, rfc: Rfc) -> Result<Rfc> {
        let rfc = Rfc { key: rfc.key.trim().to_owned(), title: rfc.title.trim().to_owned(), status: rfc.status };
        let errors = runway_domain::input::check_rfc(&rfc);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.write(|w| {
            if reference::rfc_id(w.tx(), &rfc.key)?.is_some() {
                return Err(Error::field("key", format!("{} already exists.", rfc.key)));
            }
            reference::insert_rfc(w.tx(), &rfc)?;
            w.record(Action::Create, Entity::Rfc, &rfc.key, None, Some(&rfc))
        })?;
        Ok(rfc)
    }

    /// The whole plan as a portfolio document.
    pub fn export(&self) -> Result<Portfolio> {
        interchange::export(&self.conn)
    }

    /// Writes the portfolio document as JSON to `out` (atomically: temporary file, then rename).
    pub fn export_json_file(&self, out: &Path) -> Result<()> {
        if store::same_file(&self.path, out) || out.extension().is_some_and(|e| e == store::EXTENSION) {
            return Err(Error::Conflict(format!("{} is a plan file; export to a .json file instead", out.display())));
        }
        let json = interchange::to_json(&self.export()?)?;
        crate::fsutil::write_atomically(out, json.as_bytes())
    }

    /// Imports a portfolio document file into this plan. All or nothing.
    pub fn import_file(&mut self, doc_path: &Path) -> Result<ImportSummary> {
        let doc = interchange::read(doc_path)?;
        self.import(&doc, &doc_path.display().to_string())
    }

    /// Imports a document into this plan: checked first, then written in one transaction.
    pub fn import(&mut self, doc: &Portfolio, source: &str) -> Result<ImportSummary> {
        interchange::check(doc, &interchange::known(&self.conn)?, source)?;
        self.write(|w| interchange::apply(w, doc))
    }

    /// Copies the plan to `dest` and opens the copy (Save As).
    pub fn save_as(&self, dest: &Path, overwrite: bool) -> Result<Planner> {
        if store::same_file(&self.path, dest) {
            return Err(Error::Conflict("that is the plan already open".into()));
        }
        let owned = store::copy_and_open(&self.conn, dest, overwrite)?;
        Ok(Planner::owning(owned, dest, &self.actor))
    }

    /// Integrity, foreign keys, schema version and the audit chain.
    pub fn verify(&self) -> Result<VerifyReport> {
        verify::run(&self.conn)
    }

    /// Moves everything from the write-ahead log into the plan file, so the `.runway` file alone
    /// holds every committed edit (before the app quits, or before the file is copied). Says
    /// whether it could: a reader in another process (a `runway report` running) may keep part of
    /// the log from the main file, and then the `-wal` file beside it is still part of the plan.
    pub fn checkpoint(&self) -> Result<store::Checkpoint> {
        store::checkpoint(&self.conn)
    }

    /// The newest `limit` audit entries, about one release when `release` is given; oldest first.
    pub fn audit_log(&self, release: Option<&str>, limit: u32) -> Result<Vec<audit::Entry>> {
        if let Some(key) = release {
            releases::require(&self.conn, key)?;
        }
        audit::recent(&self.conn, release.map(|k| ("release", k)), limit)
    }

    /// The audit entries about one release under its current key, oldest first.
    pub fn audit_trail(&self, key: &str) -> Result<Vec<audit::Entry>> {
        audit::entries_for(&self.conn, "release", key)
    }
}
