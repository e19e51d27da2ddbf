//! A release's phases and milestones (D4): the built-in kinds and the custom phases a user names
//! ("SIT", "UAT sign-off", "Dress rehearsal"). Adding one, changing its dates (planned and
//! actual) and removing one are each one audited edit of the release, which Ctrl+Z undoes; the
//! roadmap, the what-if, baselines, the poster and the reports then treat it like any other.

use chrono::NaiveDate;
use runway_domain::phase::{MAX_PHASES, MilestoneKind};
use runway_domain::{FieldError, Milestone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Planner;
use crate::dto::ReleaseDetail;
use crate::error::{Error, Result};
use crate::journal::Action;
use crate::store::tables::{releases, schedule as table};

/// A phase as the form gives it: by name (a built-in kind's label or wire name, or a custom
/// phase's name), with its planned and, when it has begun or ended, actual dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PhaseInput {
    pub name: String,
    pub planned_start: NaiveDate,
    pub planned_end: NaiveDate,
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default)]
    pub actual_end: Option<NaiveDate>,
}

impl PhaseInput {
    /// The milestone it stands for, or every field that is wrong.
    pub fn check(&self) -> Result<Milestone> {
        let mut errors = vec![];
        let kind = MilestoneKind::named(&self.name).map_err(|why| errors.push(FieldError::new("name", why))).ok();
        for (field, d) in [
            ("planned_start", Some(self.planned_start)),
            ("planned_end", Some(self.planned_end)),
            ("actual_start", self.actual_start),
            ("actual_end", self.actual_end),
        ] {
            if let Some(why) = d.and_then(runway_domain::dates::check) {
                errors.push(FieldError::new(field, why));
            }
        }
        if self.planned_end < self.planned_start {
            errors.push(FieldError::new(
                "planned_end",
                format!("ends ({}) before it starts ({})", self.planned_end, self.planned_start),
            ));
        }
        if let (Some(s), Some(e)) = (self.actual_start, self.actual_end)
            && e < s
        {
            errors.push(FieldError::new("actual_end", format!("ends ({e}) before it starts ({s})")));
        }
        if self.actual_end.is_some() && self.actual_start.is_none() {
            errors.push(FieldError::new("actual_start", "a phase that has ended has started: give its actual start"));
        }
        match kind {
            Some(kind) if errors.is_empty() => Ok(Milestone {
                kind,
                planned_start: self.planned_start,
                planned_end: self.planned_end,
                actual_start: self.actual_start,
                actual_end: self.actual_end,
            }),
            _ => Err(Error::Validation(errors)),
        }
    }
}

impl Planner {
    /// Adds the phase to release `key`, or sets the dates of the phase of that name it has.
    pub fn set_phase(&mut self, key: &str, input: &PhaseInput) -> Result<ReleaseDetail> {
        let m = input.check()?;
        self.change_release_with(key, Action::Reschedule, move |conn, id| {
            let mut r = releases::load(conn, id)?;
            // A custom phase's name is matched in any case ("sit" is the release's "SIT"),
            // and keeps the name it has.
            match r.milestones.iter_mut().find(|x| same(&x.kind, &m.kind)) {
                Some(x) => *x = Milestone { kind: x.kind.clone(), ..m },
                None => {
                    if r.milestones.len() >= MAX_PHASES {
                        return Err(Error::field("name", format!("a release has at most {MAX_PHASES} phases")));
                    }
                    r.milestones.push(m);
                }
            }
            releases::replace(conn, id, &r)
        })
    }

    /// Removes the phase `name` from release `key`. Refused, naming them, while dependencies
    /// use it: they would point at nothing.
    pub fn remove_phase(&mut self, key: &str, name: &str) -> Result<ReleaseDetail> {
        let kind = MilestoneKind::named(name).map_err(|why| Error::field("name", why))?;
        self.change_release_with(key, Action::Reschedule, move |conn, id| {
            let mut r = releases::load(conn, id)?;
            let before = r.milestones.len();
            r.milestones.retain(|m| !same(&m.kind, &kind));
            if r.milestones.len() == before {
                return Err(Error::NotFound(format!("{} has no phase {:?}", r.key, kind.label())));
            }
            let users: Vec<String> = table::dependencies(conn)?
                .into_iter()
                .filter(|d| {
                    [&d.from, &d.to]
                        .iter()
                        .any(|e| e.release == r.key && e.milestone.as_ref().is_some_and(|m| same(m, &kind)))
                })
                .map(|d| format!("{} → {}", d.from, d.to))
                .collect();
            if !users.is_empty() {
                return Err(Error::Conflict(format!(
                    "{} {} is used by {} ({}); remove {} first",
                    r.key,
                    kind.in_sentence(),
                    if users.len() == 1 { "a dependency".to_owned() } else { format!("{} dependencies", users.len()) },
                    users.join("; "),
                    if users.len() == 1 { "it" } else { "them" }
                )));
            }
            releases::replace(conn, id, &r)
        })
    }
}

/// Whether two kinds are the same phase: equal, or custom phases whose names differ only in case.
fn same(a: &MilestoneKind, b: &MilestoneKind) -> bool {
    a == b || (a.is_custom() && b.is_custom() && a.as_str().to_lowercase() == b.as_str().to_lowercase())
}
