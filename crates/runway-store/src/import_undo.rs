//! An import into a plan (MS Project XML) as one undo step: the releases it added and changed,
//! the dependencies and baselines it added. Undo takes them all back; redo does them again. Each
//! checks first that the plan still holds what the import (or its undo) left, else
//! [`Error::Conflict`] names what changed and nothing is touched.

use serde::{Deserialize, Serialize};

use runway_domain::Release;
use runway_domain::baseline::Baseline;
use runway_domain::schedule::Dependency;

use crate::error::{Error, Result};
use crate::journal::Entity;
use crate::tables::{events, releases, schedule};
use crate::undo::{Step, Undoable};
use crate::write::Writer;

/// One side of an import: before it, the changed releases as they were (nothing else); after
/// it, every release it added or changed, and the dependencies and baselines it added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ImportBatch {
    /// Where it came from (the file's name).
    pub source: String,
    pub releases: Vec<Release>,
    pub dependencies: Vec<Dependency>,
    pub baselines: Vec<Baseline>,
}

impl Undoable for ImportBatch {
    const ENTITY: Entity = Entity::Import;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
        let in_to = |key: &str| to.releases.iter().any(|r| r.key == key);
        let in_from = |key: &str| from.releases.iter().any(|r| r.key == key);
        // The plan must hold `from` exactly (stages aside: moves are not edits), and nothing of
        // `to` that `from` lacks.
        for r in &from.releases {
            let id = releases::id(w.tx(), &r.key)?.ok_or_else(|| {
                Error::Conflict(format!("{} no longer exists, so the import cannot be {verb}ne", r.key))
            })?;
            let mut current = releases::load(w.tx(), id)?;
            current.status = r.status;
            if &current != r {
                return Err(Error::Conflict(format!(
                    "{} has been edited since; {verb} would overwrite that edit",
                    r.key
                )));
            }
            if !in_to(&r.key) && events::has_events(w.tx(), id)? {
                return Err(Error::Conflict(format!("{} has moved on and has decisions on record", r.key)));
            }
        }
        for r in to.releases.iter().filter(|r| !in_from(&r.key)) {
            if releases::id(w.tx(), &r.key)?.is_some() {
                return Err(Error::Conflict(format!("{} exists again, so the import cannot be {verb}ne", r.key)));
            }
        }
        let deps = schedule::dependencies(w.tx())?;
        let going: Vec<&Release> = from.releases.iter().filter(|r| !in_to(&r.key)).collect();
        if let Some(d) = deps.iter().find(|d| {
            !from.dependencies.contains(d) && going.iter().any(|r| d.from.release == r.key || d.to.release == r.key)
        }) {
            return Err(Error::Conflict(format!("{} → {} was added since", d.from, d.to)));
        }
        for b in from.baselines.iter().filter(|b| !to.baselines.iter().any(|t| t.name == b.name)) {
            schedule::delete_baseline(w.tx(), &b.name)?;
        }
        let seq = w.write_id();
        for d in from.dependencies.iter().filter(|d| !to.dependencies.contains(d)) {
            schedule::delete_dependency(w.tx(), &d.from, &d.to)?;
            crate::replica::log::journal(w, Entity::Dependency, Some(d), None, seq)?;
        }
        // Each release is journaled as it goes (the audit has them in the batch's one entry).
        for r in &going {
            let id = releases::require(w.tx(), &r.key)?;
            let was = releases::load(w.tx(), id)?;
            releases::delete(w.tx(), id)?;
            crate::replica::log::journal(w, Entity::Release, Some(&was), None, seq)?;
        }
        for r in &to.releases {
            match releases::id(w.tx(), &r.key)? {
                Some(id) => {
                    let was = releases::load(w.tx(), id)?;
                    let mut r = r.clone();
                    r.status = was.status;
                    releases::replace(w.tx(), id, &r)?;
                    releases::touch(w.tx(), id, w.now())?;
                    let now = releases::load(w.tx(), id)?;
                    crate::replica::log::journal(w, Entity::Release, Some(&was), Some(&now), seq)?;
                }
                None => {
                    releases::insert(w.tx(), r, w.now())?;
                    crate::replica::log::journal(w, Entity::Release, None, Some(r), seq)?;
                }
            }
        }
        for d in to.dependencies.iter().filter(|d| !from.dependencies.contains(d)) {
            schedule::insert_dependency(w.tx(), d)?;
            crate::replica::log::journal(w, Entity::Dependency, None, Some(d), seq)?;
        }
        for b in to.baselines.iter().filter(|b| !from.baselines.iter().any(|f| f.name == b.name)) {
            if schedule::baseline_exists(w.tx(), &b.name)? {
                return Err(Error::Conflict(format!("a baseline named {:?} exists again", b.name)));
            }
            schedule::insert_baseline(w.tx(), b)?;
        }
        w.record(step.action, Entity::Import, &step.entry.entity_key, Some(&from), Some(&to))?;
        Ok(to.releases.first().or(from.releases.first()).map(|r| r.key.clone()).unwrap_or_default())
    }
}

impl ImportBatch {
    /// Writes an import inside the caller's transaction as one undo step: `after`'s releases
    /// (replacing those of `before`, which must be the plan's releases of the same keys as they
    /// are now, and adding the others), its dependencies and baselines. Each release gets its
    /// own audit entry (its history shows the import) and the whole batch one more, which undo
    /// reads; the new releases are recorded as stored, read back in a few queries, so the batch
    /// matches the plan exactly whatever order the store keeps their lists in.
    pub fn commit(w: &mut Writer<'_>, before: Self, mut after: Self) -> Result<i64> {
        use crate::journal::Action;
        let first_new = releases::next_id(w.tx())?;
        let mut ids = releases::ids(w.tx())?;
        let mut added = vec![];
        for (at, r) in after.releases.iter_mut().enumerate() {
            match ids.get(&r.key).copied() {
                Some(id) => {
                    let was = releases::load(w.tx(), id)?;
                    releases::replace(w.tx(), id, r)?;
                    releases::touch(w.tx(), id, w.now())?;
                    *r = releases::load(w.tx(), id)?;
                    w.record(Action::Import, Entity::Release, &r.key, Some(&was), Some(&*r))?;
                }
                None => {
                    ids.insert(r.key.clone(), releases::insert(w.tx(), r, w.now())?);
                    added.push(at);
                }
            }
        }
        let mut stored: std::collections::HashMap<String, Release> =
            releases::load_from(w.tx(), first_new)?.into_iter().map(|(_, r)| (r.key.clone(), r)).collect();
        for at in added {
            let r = &mut after.releases[at];
            if let Some(s) = stored.remove(&r.key) {
                *r = s;
            }
            w.record::<Release>(Action::Import, Entity::Release, &r.key, None, Some(&*r))?;
        }
        // The dependencies are in the import's own entry (below), which undo reads.
        let id = |key: &str| {
            ids.get(key).copied().ok_or_else(|| Error::NotFound(format!("there is no release {key:?} in this plan")))
        };
        let seq = w.write_id();
        for d in &after.dependencies {
            schedule::insert_dependency_between(w.tx(), d, id(&d.from.release)?, id(&d.to.release)?)?;
            crate::replica::log::journal(w, Entity::Dependency, None, Some(d), seq)?;
        }
        for b in &after.baselines {
            schedule::insert_baseline(w.tx(), b)?;
            let summary = format!("{} milestones", b.milestones.len());
            w.record::<str>(Action::Import, Entity::Baseline, &b.name, None, Some(&summary))?;
        }
        let source = after.source.clone();
        let seq = w.record_seq(Action::Import, Entity::Import, &source, Some(&before), Some(&after))?;
        crate::undo::push(w, seq)?;
        Ok(seq)
    }
}
