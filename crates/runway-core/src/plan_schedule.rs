//! Storage of the schedule: dependencies (D5), CI dependencies and baselines (D4); and the
//! Planner's schedule operations. The analysis itself is runway-domain's.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use runway_domain::baseline::{self, Baseline, BaselineMilestone, Comparison};
use runway_domain::schedule::{self, Analysis, Change, CiDependency, CiLink, DepKind, Dependency, Endpoint, WhatIf};
use runway_domain::{MilestoneKind, Release};

use crate::dto::ReleaseDetail;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::planner::Planner;
use crate::releases::{self, parse_date, parse_enum};
use crate::write::Tx;
use crate::{reference, undo};

fn endpoint(release: String, milestone: Option<String>) -> rusqlite::Result<Endpoint> {
    Ok(Endpoint {
        release,
        milestone: milestone.map(|m| parse_enum(m, MilestoneKind::parse, "milestone kind")).transpose()?,
    })
}

/// Every dependency of the plan.
pub fn dependencies(conn: &Connection) -> Result<Vec<Dependency>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.key, d.from_milestone, b.key, d.to_milestone, d.kind, d.lag_days
         FROM dependency d JOIN release a ON a.id = d.from_release_id JOIN release b ON b.id = d.to_release_id
         ORDER BY d.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Dependency {
            from: endpoint(r.get(0)?, r.get(1)?)?,
            to: endpoint(r.get(2)?, r.get(3)?)?,
            kind: parse_enum(r.get(4)?, DepKind::parse, "dependency kind")?,
            lag_days: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn insert_dependency(conn: &Tx<'_>, d: &Dependency) -> Result<()> {
    let from = releases::require(conn, &d.from.release)?;
    let to = releases::require(conn, &d.to.release)?;
    conn.prepare_cached(
        "INSERT INTO dependency (from_release_id, from_milestone, to_release_id, to_milestone, kind, lag_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        from,
        d.from.milestone.map(MilestoneKind::as_str),
        to,
        d.to.milestone.map(MilestoneKind::as_str),
        d.kind.as_str(),
        d.lag_days
    ])?;
    Ok(())
}

/// Removes the dependency between the two ends; true when there was one.
pub fn delete_dependency(conn: &Tx<'_>, from: &Endpoint, to: &Endpoint) -> Result<Option<Dependency>> {
    let found = dependencies(conn)?.into_iter().find(|d| &d.from == from && &d.to == to);
    if found.is_some() {
        conn.prepare_cached(
            "DELETE FROM dependency WHERE from_release_id = (SELECT id FROM release WHERE key = ?1)
               AND coalesce(from_milestone, '') = ?2
               AND to_release_id = (SELECT id FROM release WHERE key = ?3)
               AND coalesce(to_milestone, '') = ?4",
        )?
        .execute(params![
            from.release,
            from.milestone.map_or("", MilestoneKind::as_str),
            to.release,
            to.milestone.map_or("", MilestoneKind::as_str)
        ])?;
    }
    Ok(found)
}

pub fn ci_dependencies(conn: &Connection) -> Result<Vec<CiDependency>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.name, b.name FROM ci_dependency d JOIN ci a ON a.id = d.ci_id JOIN ci b ON b.id = d.depends_on_id
         ORDER BY a.name, b.name",
    )?;
    let rows = stmt.query_map([], |r| Ok(CiDependency { ci: r.get(0)?, depends_on: r.get(1)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds a CI dependency (nothing when it is there already); true when added.
pub fn insert_ci_dependency(conn: &Tx<'_>, d: &CiDependency) -> Result<bool> {
    let id = |name: &str| {
        reference::ci_id(conn, name)?.ok_or_else(|| Error::NotFound(format!("{name} is not a configuration item")))
    };
    let (a, b) = (id(&d.ci)?, id(&d.depends_on)?);
    Ok(conn
        .prepare_cached("INSERT OR IGNORE INTO ci_dependency (ci_id, depends_on_id) VALUES (?1, ?2)")?
        .execute([a, b])?
        > 0)
}

fn parse_time(s: String) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s)
        .map(|d| d.to_utc())
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub fn baselines(conn: &Connection) -> Result<Vec<Baseline>> {
    let heads: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, taken_at FROM baseline ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    heads.into_iter().map(|(id, name, taken_at)| load_baseline(conn, id, name, taken_at)).collect()
}

fn load_baseline(conn: &Connection, id: i64, name: String, taken_at: String) -> Result<Baseline> {
    let milestones = conn
        .prepare_cached(
            "SELECT release_key, kind, planned_start, planned_end FROM baseline_milestone
             WHERE baseline_id = ?1 ORDER BY release_key, kind",
        )?
        .query_map([id], |r| {
            Ok(BaselineMilestone {
                release: r.get(0)?,
                kind: parse_enum(r.get(1)?, MilestoneKind::parse, "milestone kind")?,
                planned_start: parse_date(r.get(2)?)?.unwrap_or_default(),
                planned_end: parse_date(r.get(3)?)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut b = Baseline { name, taken_at: parse_time(taken_at)?, milestones };
    b.milestones.sort_by(|x, y| (&x.release, x.kind).cmp(&(&y.release, y.kind)));
    Ok(b)
}

pub fn baseline(conn: &Connection, name: &str) -> Result<Baseline> {
    let head: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, taken_at FROM baseline WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (id, name, taken_at) = head.ok_or_else(|| Error::NotFound(format!("no baseline named {name:?}")))?;
    load_baseline(conn, id, name, taken_at)
}

pub fn insert_baseline(conn: &Tx<'_>, b: &Baseline) -> Result<()> {
    conn.prepare_cached("INSERT INTO baseline (name, taken_at) VALUES (?1, ?2)")?
        .execute(params![b.name, b.taken_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)])?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO baseline_milestone (baseline_id, release_key, kind, planned_start, planned_end)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for m in &b.milestones {
        stmt.execute(params![id, m.release, m.kind.as_str(), m.planned_start.to_string(), m.planned_end.to_string()])?;
    }
    Ok(())
}

impl Planner {
    /// The dependencies of the plan.
    pub fn dependencies(&self) -> Result<Vec<Dependency>> {
        dependencies(&self.conn)
    }

    /// The dependencies with `key` at either end.
    pub fn dependencies_of(&self, key: &str) -> Result<Vec<Dependency>> {
        releases::require(&self.conn, key)?;
        Ok(dependencies(&self.conn)?.into_iter().filter(|d| d.from.release == key || d.to.release == key).collect())
    }

    /// The schedule analysis of the whole plan.
    pub fn schedule(&self) -> Result<Analysis> {
        let releases = releases::all(&self.conn)?;
        Ok(schedule::analyse(&releases, &dependencies(&self.conn)?))
    }

    /// What a move or resize would do; nothing is written.
    pub fn what_if(&self, change: &Change) -> Result<WhatIf> {
        let releases = releases::all(&self.conn)?;
        Ok(schedule::what_if(&releases, &dependencies(&self.conn)?, change))
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
            releases::replace(conn, id, &current)
        })
    }

    /// Adds a dependency; one that closes a cycle or names a milestone that does not exist is
    /// refused with the reason.
    pub fn add_dependency(&mut self, d: Dependency) -> Result<Dependency> {
        self.write(|w| {
            let releases: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
            let existing = dependencies(w.tx())?;
            if existing.iter().any(|e| e.from == d.from && e.to == d.to) {
                return Err(Error::Conflict(format!("{} already depends on {}", d.to, d.from)));
            }
            schedule::check_new(&releases, &existing, &d).map_err(|why| {
                Error::Validation(vec![runway_domain::FieldError::new(
                    "dependency",
                    format!("{} → {} cannot be added: {why}.", d.from, d.to),
                )])
            })?;
            insert_dependency(w.tx(), &d)?;
            let seq =
                w.record_seq(Action::Add, Entity::Dependency, &format!("{} → {}", d.from, d.to), None, Some(&d))?;
            undo::push(w, seq)?;
            Ok(d)
        })
    }

    /// Removes the dependency between two ends.
    pub fn remove_dependency(&mut self, from: &Endpoint, to: &Endpoint) -> Result<()> {
        self.write(|w| {
            let d = delete_dependency(w.tx(), from, to)?
                .ok_or_else(|| Error::NotFound(format!("{to} does not depend on {from}")))?;
            let seq = w.record_seq(Action::Remove, Entity::Dependency, &format!("{from} → {to}"), Some(&d), None)?;
            undo::push(w, seq)
        })
    }

    /// The roadmap's layout, with a baseline overlaid when one is named.
    pub fn roadmap(&self, baseline_name: Option<&str>) -> Result<runway_domain::roadmap::Layout> {
        let releases = releases::all(&self.conn)?;
        let deps = dependencies(&self.conn)?;
        let analysis = schedule::analyse(&releases, &deps);
        let base = baseline_name.map(|n| baseline(&self.conn, n)).transpose()?;
        let apps = reference::catalog(&self.conn)?.applications;
        let ci_deps = ci_dependencies(&self.conn)?;
        Ok(runway_domain::roadmap::layout(&apps, &releases, &deps, &ci_deps, &analysis, base.as_ref(), self.today()))
    }

    /// The dependencies between configuration items.
    pub fn ci_dependencies(&self) -> Result<Vec<CiDependency>> {
        ci_dependencies(&self.conn)
    }

    /// The links implied by configuration items with `key` at either end (the direct ones: see
    /// [`schedule::ci_links`]).
    pub fn ci_links_of(&self, key: &str) -> Result<Vec<CiLink>> {
        releases::require(&self.conn, key)?;
        let releases = releases::all(&self.conn)?;
        Ok(schedule::ci_links(&releases, &ci_dependencies(&self.conn)?)
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
            if w.tx()
                .prepare_cached("SELECT 1 FROM baseline WHERE name = ?1")?
                .query_row([name], |_| Ok(()))
                .optional()?
                .is_some()
            {
                return Err(Error::Conflict(format!("a baseline named {name:?} exists already")));
            }
            let releases: Vec<Release> = releases::load_all(w.tx())?.into_iter().map(|(_, r)| r).collect();
            let at = DateTime::parse_from_rfc3339(w.now()).map_err(|e| Error::Internal(e.to_string()))?.to_utc();
            let b = baseline::take(name, at, &releases);
            insert_baseline(w.tx(), &b)?;
            let summary = format!("{} milestones", b.milestones.len());
            w.record::<str>(Action::Save, Entity::Baseline, name, None, Some(&summary))?;
            Ok(b)
        })
    }

    pub fn baselines(&self) -> Result<Vec<Baseline>> {
        baselines(&self.conn)
    }

    /// The baselines, briefly.
    pub fn baseline_list(&self) -> Result<Vec<crate::dto::BaselineInfo>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT b.name, b.taken_at, count(m.kind) FROM baseline b
                 LEFT JOIN baseline_milestone m ON m.baseline_id = b.id GROUP BY b.id ORDER BY b.taken_at DESC, b.name",
            )?
            .query_map([], |r| {
                Ok(crate::dto::BaselineInfo { name: r.get(0)?, taken_at: r.get(1)?, milestones: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Today's plan against the baseline `name`.
    pub fn compare_baseline(&self, name: &str) -> Result<Comparison> {
        let b = baseline(&self.conn, name)?;
        let releases = releases::all(&self.conn)?;
        Ok(baseline::compare(&b, &releases))
    }
}
