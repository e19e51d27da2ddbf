//! A release's phases and milestones (D4): the built-in kinds and the custom phases a user names
//! ("SIT", "UAT sign-off", "Dress rehearsal"). Adding one, changing its dates (planned and
//! actual) and removing one are each one audited edit of the release, which Ctrl+Z undoes; the
//! roadmap, the what-if, baselines, the poster and the reports then treat it like any other.
//!
//! Release templates: the phases and links a new release of each kind starts with. A plan uses
//! the default template ([`runway_domain::template::default_template`]) until it sets its own for
//! a kind (kept in the plan file, audited, undoable), and goes back to it on a reset.

use chrono::NaiveDate;
use runway_domain::phase::{MAX_PHASES, MilestoneKind};
use runway_domain::{FieldError, Milestone};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Planner;
use crate::dto::ReleaseDetail;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::tables::{reference, releases, schedule as table};
use crate::store::undo;
use runway_domain::ReleaseKind;
use runway_domain::template::{ReleaseTemplate, default_template};

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

/// A release kind's template and whether it is the plan's own (false: the default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseTemplateInfo {
    pub template: ReleaseTemplate,
    pub custom: bool,
}

impl Planner {
    /// The template a new release of `kind` starts from: the plan's own, else the default.
    pub fn release_template(&self, kind: ReleaseKind) -> Result<ReleaseTemplate> {
        Ok(reference::release_template(&self.conn, kind)?.unwrap_or_else(|| default_template(kind)))
    }

    /// The template of every release kind, in the kinds' order.
    pub fn release_templates(&self) -> Result<Vec<ReleaseTemplateInfo>> {
        ReleaseKind::ALL
            .iter()
            .map(|&k| {
                let own = reference::release_template(&self.conn, k)?;
                Ok(ReleaseTemplateInfo { custom: own.is_some(), template: own.unwrap_or_else(|| default_template(k)) })
            })
            .collect()
    }

    /// Makes `template` the plan's template for its release kind (one that equals the default
    /// is the default). Refused, with every problem by path, when it does not hold together.
    /// Releases made before keep their phases.
    pub fn set_release_template(&mut self, template: ReleaseTemplate) -> Result<ReleaseTemplateInfo> {
        let errors = template.check();
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        let kind = template.kind;
        let own = (template != default_template(kind)).then_some(template);
        self.write_template(kind, own)
    }

    /// Goes back to the default template for releases of `kind`.
    pub fn reset_release_template(&mut self, kind: ReleaseKind) -> Result<ReleaseTemplateInfo> {
        self.write_template(kind, None)
    }

    fn write_template(&mut self, kind: ReleaseKind, own: Option<ReleaseTemplate>) -> Result<ReleaseTemplateInfo> {
        self.write(|w| {
            let before = reference::release_template(w.tx(), kind)?;
            if before != own {
                reference::set_release_template(w.tx(), kind, own.as_ref())?;
                let seq = w.record_seq(
                    Action::Update,
                    Entity::ReleaseTemplate,
                    kind.as_str(),
                    before.as_ref(),
                    own.as_ref(),
                )?;
                undo::push(w, seq)?;
            }
            Ok(())
        })?;
        Ok(ReleaseTemplateInfo { custom: own.is_some(), template: own.unwrap_or_else(|| default_template(kind)) })
    }

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
