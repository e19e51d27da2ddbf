//! The schedule (D4, D5): dependencies, the analysis (critical path, slack, violations), the
//! what-if and applying a change, the roadmap's layout, baselines and their comparison. The
//! analysis is runway-domain's; the rows are runway-store's.

use chrono::DateTime;
use runway_domain::Release;
use runway_domain::baseline::{self, Baseline, Comparison};
use runway_domain::schedule::{self, Analysis, Change, CiDependency, CiLink, Dependency, Endpoint, WhatIf};

use crate::Planner;
use crate::dto::ReleaseDetail;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::tables::schedule as table;
use crate::store::tables::{reference, releases};
use crate::store::undo;

impl Planner {
    /// The dependencies of the plan.
    pub fn dependencies(&self) -> Result<Vec<Dependency>> {
        table::dependencies(&self.conn)
    }

    /// The dependencies with `key` at either end.
    pub fn dependencies_of(&self, key: &str) -> Result<Vec<Dependency>> {
        releases::require(&self.conn, key)?;
        Ok(table::dependencies(&self.conn)?
            .into_iter()
            .filter(|d| d.from.release == key || d.to.release == key)
            .collect())
    }

    /// The schedule analysis of the whole plan.
    pub fn schedule(&self) -> Result<Analysis> {
        let releases = releases::all(&self.conn)?;
        Ok(schedule::analyse(&releases, &table::dependencies(&self.conn)?))
    }

    /// What a move or resize would do, the conflicts of the forward schedule it creates and
    /// resolves among them; nothing is written.
    pub fn what_if(&self, change: &Change) -> Result<WhatIf> {
        let mut cal = crate::store::tables::calendar::schedule(&self.conn, self.zone())?;
        let mut w = schedule::what_if(&cal.releases, &table::dependencies(&self.conn)?, change);
        if !w.diagnostics.is_empty() {
            return Ok(w);
        }
        let Ok(after) = schedule::apply(&cal.releases, change) else { return Ok(w) };
        let mut keys: Vec<String> = w.moved.iter().map(|s| s.milestone.release.clone()).collect();
        keys.sort();
        keys.dedup();
        let of = |cal: &runway_domain::calendar::PlanSchedule| -> Vec<runway_domain::calendar::Conflict> {
            let mut all: Vec<_> = keys.iter().flat_map(|k| cal.conflicts_of(k)).collect();
            all.sort_by(|a, b| a.id.cmp(&b.id));
            all.dedup_by(|a, b| a.id == b.id);
            all
        };
        let before = of(&cal);
        cal.releases = after;
        cal.refresh();
        let now = of(&cal);
        w.conflicts_created = now.iter().filter(|c| !before.iter().any(|b| b.id == c.id)).cloned().collect();
        w.conflicts_resolved = before.into_iter().filter(|b| !now.iter().any(|c| c.id == b.id)).collect();
        Ok(w)
    }

    /// Commits a move or resize: one audited edit of the release, which Ctrl+Z undoes.
    pub fn apply_change(&mut self, change: &Change) -> Result<ReleaseDetail> {
        let key = match change {
            Change::Milestone { milestone, .. } => milestone.release.clone(),
            Change::Release { release, .. } => release.clone(),
        };
        let detail = self.release(&key)?;
        let changed = schedule::apply(std::slice::from_ref(&detail.release), change).map_err(Error::Conflict)?;
        let after = changed.into_iter().next().ok_or_else(|| Error::Internal("the change lost its release".into()))?;
        for m in &after.milestones {
            if let Some(msg) =
                runway_domain::dates::check(m.planned_start).or_else(|| runway_domain::dates::check(m.planned_end))
            {
                return Err(Error::field("milestones", msg));
            }
        }
        self.change_release_with(&key, Action::Reschedule, move |conn, id| {
            let mut current = releases::load(conn, id)?;
            current.milestones = after.milestones.clone();
            current.window = after.window;
            releases::replace(conn, id, &current)
        })
    }

    /// Adds a dependency; one that closes a cycle or names a milestone that does not exist is
    /// refused with the reason.
    pub fn add_dependency(&mut self, d: Dependency) -> Result<Dependency> {
        self.write(|w| {
            let releases: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
            let existing = table::dependencies(w.tx())?;
            if existing.iter().any(|e| e.from == d.from && e.to == d.to) {
                return Err(Error::Conflict(format!("{} already depends on {}", d.to, d.from)));
            }
            schedule::check_new(&releases, &existing, &d).map_err(|why| {
                Error::Validation(vec![runway_domain::FieldError::new(
                    "dependency",
                    format!("{} → {} cannot be added: {why}.", d.from, d.to),
                )])
            })?;
            table::insert_dependency(w.tx(), &d)?;
            let seq =
                w.record_seq(Action::Add, Entity::Dependency, &format!("{} → {}", d.from, d.to), None, Some(&d))?;
            undo::push(w, seq)?;
            Ok(d)
        })
    }

    /// Removes the dependency between two ends.
    pub fn remove_dependency(&mut self, from: &Endpoint, to: &Endpoint) -> Result<()> {
        self.write(|w| {
            let d = table::delete_dependency(w.tx(), from, to)?
                .ok_or_else(|| Error::NotFound(format!("{to} does not depend on {from}")))?;
            let seq = w.record_seq(Action::Remove, Entity::Dependency, &format!("{from} → {to}"), Some(&d), None)?;
            undo::push(w, seq)
        })
    }

    /// The roadmap's layout, with a baseline overlaid when one is named.
    pub fn roadmap(&self, baseline_name: Option<&str>) -> Result<runway_domain::roadmap::Layout> {
        let cal = crate::store::tables::calendar::schedule(&self.conn, self.zone())?;
        let releases = &cal.releases;
        let deps = table::dependencies(&self.conn)?;
        let analysis = schedule::analyse(releases, &deps);
        let base = baseline_name.map(|n| table::baseline(&self.conn, n)).transpose()?;
        let apps = reference::catalog(&self.conn)?.applications;
        let mut layout = runway_domain::roadmap::layout(
            &apps,
            releases,
            &deps,
            &cal.ci_deps,
            &analysis,
            base.as_ref(),
            self.today(),
        );
        // The badge on each bar: the conflicts its release is party to.
        let mut counts: std::collections::HashMap<&str, (u32, u32)> = std::collections::HashMap::new();
        let conflicts = cal.all_conflicts();
        for c in &conflicts {
            let blocking = u32::from(c.severity == runway_domain::calendar::Severity::Blocking);
            for k in &c.releases {
                let e = counts.entry(k.as_str()).or_default();
                e.0 += 1;
                e.1 += blocking;
            }
        }
        for row in &mut layout.rows {
            if let Some(&(n, b)) = counts.get(row.key.as_str()) {
                (row.conflicts, row.blocking_conflicts) = (n, b);
            }
        }
        Ok(layout)
    }

    /// The dependencies between configuration items.
    pub fn ci_dependencies(&self) -> Result<Vec<CiDependency>> {
        table::ci_dependencies(&self.conn)
    }

    /// The links implied by configuration items with `key` at either end (the direct ones: see
    /// [`schedule::ci_links`]).
    pub fn ci_links_of(&self, key: &str) -> Result<Vec<CiLink>> {
        releases::require(&self.conn, key)?;
        let releases = releases::all(&self.conn)?;
        Ok(schedule::ci_links(&releases, &table::ci_dependencies(&self.conn)?)
            .into_iter()
            .filter(|l| l.upstream == key || l.downstream == key)
            .collect())
    }

    /// Freezes today's planned dates under `name`.
    pub fn save_baseline(&mut self, name: &str) -> Result<Baseline> {
        let name = name.trim();
        let max = runway_domain::input::BASELINE_NAME_MAX_LEN;
        if name.is_empty() || name.chars().count() > max {
            return Err(Error::field(
                "name",
                format!("A baseline name is 1 to {max} characters; this one has {}.", name.chars().count()),
            ));
        }
        self.write(|w| {
            if table::baseline_exists(w.tx(), name)? {
                return Err(Error::Conflict(format!("a baseline named {name:?} exists already")));
            }
            let releases: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
            let at = DateTime::parse_from_rfc3339(w.now()).map_err(|e| Error::Internal(e.to_string()))?.to_utc();
            let b = baseline::take(name, at, &releases);
            table::insert_baseline(w.tx(), &b)?;
            let summary = format!("{} milestones", b.milestones.len());
            w.record::<str>(Action::Save, Entity::Baseline, name, None, Some(&summary))?;
            Ok(b)
        })
    }

    pub fn baselines(&self) -> Result<Vec<Baseline>> {
        table::baselines(&self.conn)
    }

    /// The baselines, briefly.
    pub fn baseline_list(&self) -> Result<Vec<crate::dto::BaselineInfo>> {
        Ok(table::baseline_summaries(&self.conn)?
            .into_iter()
            .map(|(name, taken_at, milestones)| crate::dto::BaselineInfo { name, taken_at, milestones })
            .collect())
    }

    /// Today's plan against the baseline `name`.
    pub fn compare_baseline(&self, name: &str) -> Result<Comparison> {
        let b = table::baseline(&self.conn, name)?;
        let releases = releases::all(&self.conn)?;
        Ok(baseline::compare(&b, &releases))
    }
}
