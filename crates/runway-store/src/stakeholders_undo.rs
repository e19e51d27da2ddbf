//! Undo and redo of distribution lists (D8): a list as one state, found by name (before and after
//! may differ when it was renamed). Each restore checks that the plan still holds what the edit
//! left (else [`Error::Conflict`]).

use runway_domain::stakeholders::{DistributionList, Member};

use crate::error::{Error, Result};
use crate::journal::Entity;
use crate::tables::stakeholders as table;
use crate::undo::{Step, Undoable};
use crate::write::Writer;

impl Undoable for DistributionList {
    const ENTITY: Entity = Entity::List;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        if let Some(f) = &from {
            let current = table::list(w.tx(), &f.name)?.ok_or_else(|| {
                Error::Conflict(format!("the list {:?} no longer exists, so there is nothing to {verb}", f.name))
            })?;
            if &current != f {
                return Err(Error::Conflict(format!(
                    "the list {:?} has been edited since; {verb} would overwrite that edit",
                    f.name
                )));
            }
        }
        if let Some(t) = &to
            && from.as_ref().is_none_or(|f| !f.name.eq_ignore_ascii_case(&t.name))
            && table::list(w.tx(), &t.name)?.is_some()
        {
            return Err(Error::Conflict(format!("a list named {:?} exists again", t.name)));
        }
        match (&from, &to) {
            (Some(f), Some(t)) => table::save_list(w.tx(), Some(&f.name), t)?,
            (None, Some(t)) => table::save_list(w.tx(), None, t)?,
            (Some(f), None) => {
                let containing: Vec<String> = table::lists(w.tx())?
                    .into_iter()
                    .filter(|l| {
                        l.members.iter().any(|m| matches!(m, Member::List(n) if n.eq_ignore_ascii_case(&f.name)))
                    })
                    .map(|l| l.name)
                    .collect();
                if !containing.is_empty() {
                    return Err(Error::Conflict(format!("{:?} is now a member of {}", f.name, containing.join(", "))));
                }
                table::delete_list(w.tx(), &f.name)?
            }
            (None, None) => return Err(Error::Internal("a list edit with neither a before nor an after".into())),
        }
        let name = to.as_ref().or(from.as_ref()).map(|l| l.name.clone()).unwrap_or_default();
        w.record(step.action, Entity::List, &name, from.as_ref(), to.as_ref())?;
        Ok(String::new())
    }
}
