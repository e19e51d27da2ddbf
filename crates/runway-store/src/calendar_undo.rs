//! Undo and redo of the forward schedule's edits and the plan's settings: change windows, manual
//! bookings, an environment's capacity, the policy and the time zone. Each restore checks that
//! the plan still holds what the edit left (else [`Error::Conflict`]: the step leaves the stack).

use serde::{Deserialize, Serialize};

use runway_domain::calendar::{ChangeWindow, ManualBooking};
use runway_domain::{Environment, Policy};

use crate::error::{Error, Result};
use crate::journal::Entity;
use crate::tables::{calendar, events, reference};
use crate::undo::{Step, Undoable};
use crate::write::Writer;

/// The meta key of the plan's time zone.
pub const TIME_ZONE_KEY: &str = "time_zone";

/// A manual booking as the audit log keeps it: with its id, so undo finds it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRecord {
    pub id: i64,
    pub booking: ManualBooking,
}

/// The plan's time zone as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZoneSetting {
    pub time_zone: String,
}

fn gone(what: &str, verb: &str) -> Error {
    Error::Conflict(format!("{what} no longer exists, so there is nothing to {verb}"))
}

fn changed(what: &str, verb: &str) -> Error {
    Error::Conflict(format!("{what} has been edited since; {verb} would overwrite that edit"))
}

impl Undoable for ChangeWindow {
    const ENTITY: Entity = Entity::Window;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (action, tx) = (step.action, w.tx());
        if let Some(from) = &from {
            let current =
                calendar::window(tx, &from.name)?.ok_or_else(|| gone(&format!("the window {:?}", from.name), verb))?;
            if &current != from {
                return Err(changed(&format!("the window {:?}", from.name), verb));
            }
        }
        if let Some(to) = &to
            && from.as_ref().is_none_or(|f| f.name != to.name)
            && calendar::window(tx, &to.name)?.is_some()
        {
            return Err(Error::Conflict(format!("a window named {:?} exists again", to.name)));
        }
        match (&from, &to) {
            (Some(f), Some(t)) => calendar::update_window(tx, &f.name, t)?,
            (Some(f), None) => calendar::delete_window(tx, &f.name)?,
            (None, Some(t)) => calendar::insert_window(tx, t)?,
            (None, None) => return Err(Error::Internal("a window edit with neither a before nor an after".into())),
        }
        let name = to.as_ref().or(from.as_ref()).map(|x| x.name.clone()).unwrap_or_default();
        w.record(action, Entity::Window, &name, from.as_ref(), to.as_ref())?;
        Ok(String::new())
    }
}

impl Undoable for BookingRecord {
    const ENTITY: Entity = Entity::Booking;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (action, tx) = (step.action, w.tx());
        if let Some(f) = &from {
            let current = calendar::booking(tx, f.id)?.ok_or_else(|| gone(&format!("booking #{}", f.id), verb))?;
            if current != f.booking {
                return Err(changed(&format!("booking #{}", f.id), verb));
            }
        }
        match (&from, &to) {
            (Some(_), Some(t)) => calendar::update_booking(tx, t.id, &t.booking)?,
            (Some(f), None) => calendar::delete_booking(tx, f.id)?,
            (None, Some(t)) => {
                if calendar::booking(tx, t.id)?.is_some() {
                    return Err(Error::Conflict(format!("booking #{} exists again", t.id)));
                }
                let where_to = reference::environment(tx, &t.booking.environment)?;
                if where_to.is_none() {
                    return Err(gone(&format!("the environment {:?}", t.booking.environment), verb));
                }
                calendar::insert_booking(tx, Some(t.id), &t.booking)?;
            }
            (None, None) => return Err(Error::Internal("a booking edit with neither a before nor an after".into())),
        }
        let rec = to.as_ref().or(from.as_ref());
        let key = rec.map(|r| format!("#{}", r.id)).unwrap_or_default();
        w.record(action, Entity::Booking, &key, from.as_ref(), to.as_ref())?;
        Ok(rec.and_then(|r| r.booking.release.clone()).unwrap_or_default())
    }
}

impl Undoable for Environment {
    const ENTITY: Entity = Entity::Environment;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::Conflict(format!("an environment's creation cannot be {verb}ne")));
        };
        let current = reference::environment(w.tx(), &from.name)?
            .ok_or_else(|| gone(&format!("the environment {:?}", from.name), verb))?;
        if current != from {
            return Err(changed(&format!("the environment {:?}", from.name), verb));
        }
        reference::upsert_environment(w.tx(), &to)?;
        w.record(step.action, Entity::Environment, &to.name, Some(&from), Some(&to))?;
        Ok(String::new())
    }
}

impl Undoable for Policy {
    const ENTITY: Entity = Entity::Policy;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::Internal("a policy edit with neither a before nor an after".into()));
        };
        if events::policy(w.tx())? != from {
            return Err(changed("the policy", verb));
        }
        events::set_policy(w.tx(), &to)?;
        w.record(step.action, Entity::Policy, "policy", Some(&from), Some(&to))?;
        Ok(String::new())
    }
}

/// A plan's own template for a kind of release: before its first edit (and after a reset) the
/// plan has none, the default applies.
impl Undoable for runway_domain::template::ReleaseTemplate {
    const ENTITY: Entity = Entity::ReleaseTemplate;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let Some(kind) = from.as_ref().or(to.as_ref()).map(|t| t.kind) else {
            return Err(Error::Internal("a release template edit with neither a before nor an after".into()));
        };
        if reference::release_template(w.tx(), kind)? != from {
            return Err(changed(&format!("the template for {} releases", kind.label().to_lowercase()), verb));
        }
        reference::set_release_template(w.tx(), kind, to.as_ref())?;
        w.record(step.action, Entity::ReleaseTemplate, kind.as_str(), from.as_ref(), to.as_ref())?;
        Ok(String::new())
    }
}

impl Undoable for TimeZoneSetting {
    const ENTITY: Entity = Entity::TimeZone;

    fn restore(w: &mut Writer<'_>, from: Option<Self>, to: Option<Self>, step: &Step) -> Result<String> {
        let verb = step.action.as_str();
        let (Some(from), Some(to)) = (from, to) else {
            return Err(Error::Internal("a time zone edit with neither a before nor an after".into()));
        };
        let current = reference::meta(w.tx(), TIME_ZONE_KEY)?.unwrap_or_default();
        if current != from.time_zone {
            return Err(changed("the plan's time zone", verb));
        }
        reference::set_meta(w.tx(), TIME_ZONE_KEY, &to.time_zone)?;
        w.record(step.action, Entity::TimeZone, "time_zone", Some(&from), Some(&to))?;
        Ok(String::new())
    }
}
