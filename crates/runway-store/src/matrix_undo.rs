//! Undo and redo of the matrix's edits (D7): the matrix as one state, and assignments. Each
//! restore checks that the plan still holds what the edit left (else [`Error::Conflict`]).

use runway_domain::matrix::{Assignment, Matrix};

use crate::error::{Error, Result};
use crate::journal::Entity;
use crate::tables::{matrix, reference};
use crate::undo::{Step, Undoable};
use crate::write::Writer;

/// The audit key of the matrix.
pub const MATRIX_KEY: &str = "matrix";

impl Undoable for Matrix {
    const ENTITY: Entity = Entity::Matrix;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::Internal("a matrix edit without a before and an after".into()));
        };
        if matrix::matrix(w.tx())? != from {
            return Err(Error::Conflict(format!("the matrix has been edited since; {verb} would overwrite that edit")));
        }
        let held: Vec<String> = matrix::assignments(w.tx())?
            .into_iter()
            .filter(|a| to.role(&a.role).is_none())
            .map(|a| format!("{} holds {}", a.person, from.role_name(&a.role)))
            .collect();
        if !held.is_empty() {
            return Err(Error::Conflict(format!("{verb} would remove a role someone holds ({})", held.join(", "))));
        }
        matrix::set_matrix(w.tx(), &to)?;
        w.record(step.action, Entity::Matrix, MATRIX_KEY, Some(&from), Some(&to))?;
        Ok(String::new())
    }
}

/// `release_owner: hannah.becker@example.com (REL-2027.01.01)`.
pub fn assignment_key(a: &Assignment) -> String {
    match &a.release {
        Some(r) => format!("{}: {} ({r})", a.role, a.person),
        None => format!("{}: {}", a.role, a.person),
    }
}

impl Undoable for Assignment {
    const ENTITY: Entity = Entity::Assignment;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        if let Some(f) = &from
            && !matrix::remove_assignment(w.tx(), f)?
        {
            return Err(Error::Conflict(format!(
                "{} no longer holds that role, so there is nothing to {verb}",
                f.person
            )));
        }
        if let Some(t) = &to {
            if matrix::has_assignment(w.tx(), t)? {
                return Err(Error::Conflict(format!("{} holds that role again", t.person)));
            }
            if matrix::matrix(w.tx())?.role(&t.role).is_none() {
                return Err(Error::Conflict(format!("the role {:?} is no longer in the matrix", t.role)));
            }
            matrix::add_assignment(w.tx(), t)?;
        }
        let a = to.as_ref().or(from.as_ref()).ok_or_else(|| Error::Internal("an empty assignment edit".into()))?;
        w.record(step.action, Entity::Assignment, &assignment_key(a), from.as_ref(), to.as_ref())?;
        Ok(a.release.clone().unwrap_or_default())
    }
}

impl Undoable for runway_domain::Person {
    const ENTITY: Entity = Entity::Person;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let email = to.as_ref().or(from.as_ref()).map(|p| p.email.clone()).unwrap_or_default();
        let current = reference::person(w.tx(), &email)?;
        if current != from {
            return Err(Error::Conflict(format!("{email} has been edited since; {verb} would overwrite that edit")));
        }
        match &to {
            Some(p) => {
                reference::upsert_person(w.tx(), p)?;
            }
            None => {
                if !reference::delete_person(w.tx(), &email)? {
                    return Err(Error::Conflict(format!(
                        "{email} holds a role or is named by a release now, so {verb} cannot remove them"
                    )));
                }
            }
        }
        w.record(step.action, Entity::Person, &email, from.as_ref(), to.as_ref())?;
        Ok(String::new())
    }
}
