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
        for d in from.dependencies.iter().filter(|d| !to.dependencies.contains(d)) {
            schedule::delete_dependency(w.tx(), &d.from, &d.to)?;
        }
        for r in &going {
            let id = releases::require(w.tx(), &r.key)?;
            releases::delete(w.tx(), id)?;
        }
        for r in &to.releases {
            match releases::id(w.tx(), &r.key)? {
                Some(id) => {
                    let mut r = r.clone();
                    r.status = releases::load(w.tx(), id)?.status;
                    releases::replace(w.tx(), id, &r)?;
                    releases::touch(w.tx(), id, w.now())?;
                }
                None => {
                    releases::insert(w.tx(), r, w.now())?;
                }
            }
        }
        for d in to.dependencies.iter().filter(|d| !from.dependencies.contains(d)) {
            schedule::insert_dependency(w.tx(), d)?;
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
