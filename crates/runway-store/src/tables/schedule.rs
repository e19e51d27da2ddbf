//! Storage of the schedule: dependencies (D5), CI dependencies and baselines (D4). The analysis
//! itself is runway-domain's.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use runway_domain::MilestoneKind;
use runway_domain::baseline::{Baseline, BaselineMilestone};
use runway_domain::schedule::{CiDependency, DepKind, Dependency, Endpoint};

use crate::error::{Error, Result};
use crate::write::Tx;

use super::reference;
use super::releases::{self, parse_date, parse_enum};

fn endpoint(release: String, milestone: Option<String>) -> rusqlite::Result<Endpoint> {
    Ok(Endpoint {
        release,
        milestone: milestone.map(|m| parse_enum(m, super::releases::milestone_kind, "milestone kind")).transpose()?,
    })
}

/// The dependency between two ends, if the plan has one (by the unique index on its ends).
pub fn dependency_between(conn: &Connection, from: &Endpoint, to: &Endpoint) -> Result<Option<Dependency>> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.kind, d.lag_days FROM dependency d
         WHERE d.from_release_id = (SELECT id FROM release WHERE key = ?1) AND coalesce(d.from_milestone, '') = ?2
           AND d.to_release_id = (SELECT id FROM release WHERE key = ?3) AND coalesce(d.to_milestone, '') = ?4",
    )?;
    let m = |e: &Endpoint| e.milestone.as_ref().map_or("", MilestoneKind::as_str).to_owned();
    let found = stmt
        .query_row(params![from.release, m(from), to.release, m(to)], |r| {
            Ok((parse_enum(r.get(0)?, DepKind::parse, "dependency kind")?, r.get(1)?))
        })
        .optional()?;
    Ok(found.map(|(kind, lag_days)| Dependency { from: from.clone(), to: to.clone(), kind, lag_days }))
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
    insert_dependency_between(conn, d, from, to)
}

/// [`insert_dependency`] with its releases' row ids already known (an import's thousands).
pub fn insert_dependency_between(conn: &Tx<'_>, d: &Dependency, from: i64, to: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO dependency (from_release_id, from_milestone, to_release_id, to_milestone, kind, lag_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        from,
        d.from.milestone.as_ref().map(MilestoneKind::as_str),
        to,
        d.to.milestone.as_ref().map(MilestoneKind::as_str),
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
            from.milestone.as_ref().map_or("", MilestoneKind::as_str),
            to.release,
            to.milestone.as_ref().map_or("", MilestoneKind::as_str)
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
                kind: parse_enum(r.get(1)?, super::releases::milestone_kind, "milestone kind")?,
                planned_start: parse_date(r.get(2)?)?.unwrap_or_default(),
                planned_end: parse_date(r.get(3)?)?.unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut b = Baseline { name, taken_at: parse_time(taken_at)?, milestones };
    b.milestones.sort_by(|x, y| (&x.release, &x.kind).cmp(&(&y.release, &y.kind)));
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

/// True when a baseline named `name` exists.
pub fn baseline_exists(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM baseline WHERE name = ?1")?
        .query_row([name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Each baseline's name, when it was taken and how many milestones it holds; newest first.
pub fn baseline_summaries(conn: &Connection) -> Result<Vec<(String, String, u32)>> {
    Ok(conn
        .prepare_cached(
            "SELECT b.name, b.taken_at, count(m.kind) FROM baseline b
             LEFT JOIN baseline_milestone m ON m.baseline_id = b.id GROUP BY b.id ORDER BY b.taken_at DESC, b.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Removes the baseline `name` (and its frozen dates).
pub fn delete_baseline(conn: &Tx<'_>, name: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM baseline WHERE name = ?1")?.execute([name])?;
    Ok(())
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
