//! Releases (D1, D2): the release list, a release in full, its form, its RFC and CI links, the
//! catalogue it chooses from. Every edit is one undoable, audited write.

use runway_domain::{Release, ReleaseInput, ReleaseStatus, Rfc};

use crate::Planner;
use crate::dto::{Catalog, ReleaseDetail, ReleaseSummary};
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::tables::{events, reference, releases, schedule};
use crate::store::undo;
use crate::store::write::Tx;

impl Planner {
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
        // The plan's template for the kind (its own, else the default), laid out from the window.
        let template = self.release_template(input.kind)?;
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
                // The user adjusts the phases afterwards.
                milestones: input.window.as_ref().map(|win| template.milestones(win)).unwrap_or_default(),
            };
            let id = releases::insert(w.tx(), &release, w.now())?;
            if !release.milestones.is_empty() {
                for d in template.dependencies(&release.key) {
                    schedule::insert_dependency(w.tx(), &d)?;
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
            if events::has_events(w.tx(), id)? {
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
}
