//! Plain SQL for releases and their links: small read and write functions, no ORM.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use runway_domain::{
    CiVersion, Milestone, MilestoneKind, Release, ReleaseInput, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

use super::reference;
use crate::error::{Error, Result};
use crate::rows::{BomLine, ReleaseDetail, ReleaseSummary};
use crate::write::Tx;

const DT: &str = "%Y-%m-%dT%H:%M:%S";

/// A milestone's kind as the plan file holds it: a built-in's wire name or a custom phase's name.
pub(crate) fn milestone_kind(s: &str) -> Option<MilestoneKind> {
    MilestoneKind::named(s).ok()
}

pub(crate) fn parse_enum<T>(v: String, parse: fn(&str) -> Option<T>, what: &str) -> rusqlite::Result<T> {
    parse(&v).ok_or_else(|| rusqlite::Error::InvalidColumnType(0, format!("{what} {v:?}"), rusqlite::types::Type::Text))
}

fn parse_dt(v: Option<String>) -> rusqlite::Result<Option<NaiveDateTime>> {
    v.map(|s| {
        NaiveDateTime::parse_from_str(&s, DT)
            .map_err(|_| rusqlite::Error::InvalidColumnType(0, format!("date-time {s:?}"), rusqlite::types::Type::Text))
    })
    .transpose()
}

pub(crate) fn parse_date(v: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    v.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| rusqlite::Error::InvalidColumnType(0, format!("date {s:?}"), rusqlite::types::Type::Text))
    })
    .transpose()
}

fn window_of(start: Option<String>, end: Option<String>) -> rusqlite::Result<Option<Window>> {
    Ok(match (parse_dt(start)?, parse_dt(end)?) {
        (Some(start), Some(end)) => Some(Window { start, end }),
        _ => None,
    })
}

fn fmt_dt(d: &NaiveDateTime) -> String {
    d.format(DT).to_string()
}

/// The row id of a release by key.
pub fn id(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM release WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

/// The row id of a release by key, or a not-found error naming it.
pub fn require(conn: &Connection, key: &str) -> Result<i64> {
    id(conn, key)?.ok_or_else(|| Error::NotFound(format!("there is no release {key:?} in this plan")))
}

/// Every release, for the list, sorted by key.
/// How many releases the plan holds.
pub fn count(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM release", [], |r| r.get(0))?)
}

/// When each release was created (RFC 3339, UTC), by row id.
pub fn created_times(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    Ok(conn
        .prepare("SELECT id, created_at FROM release")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn list(conn: &Connection) -> Result<Vec<ReleaseSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.key, r.title, r.kind, r.unit, r.status, r.window_start, r.window_end, r.risk, r.updated_at,
                o.name, m.name,
                (SELECT group_concat(a.code, char(31)) FROM release_application ra
                   JOIN application a ON a.id = ra.application_id WHERE ra.release_id = r.id),
                (SELECT count(*) FROM release_rfc WHERE release_id = r.id),
                (SELECT count(*) FROM release_ci WHERE release_id = r.id)
         FROM release r
         LEFT JOIN person o ON o.id = r.owner_id
         LEFT JOIN person m ON m.id = r.manager_id
         ORDER BY r.key",
    )?;
    let rows = stmt.query_map([], |r| {
        let mut applications: Vec<String> =
            r.get::<_, Option<String>>(11)?.map(|s| s.split('\u{1f}').map(str::to_owned).collect()).unwrap_or_default();
        applications.sort();
        Ok(ReleaseSummary {
            key: r.get(0)?,
            title: r.get(1)?,
            kind: parse_enum(r.get(2)?, ReleaseKind::parse, "kind")?,
            unit: parse_enum(r.get(3)?, ReleaseUnit::parse, "unit")?,
            status: parse_enum(r.get(4)?, ReleaseStatus::parse, "status")?,
            window: window_of(r.get(5)?, r.get(6)?)?,
            risk: parse_enum(r.get(7)?, Risk::parse, "risk")?,
            updated_at: r.get(8)?,
            owner: r.get(9)?,
            manager: r.get(10)?,
            applications,
            rfc_count: r.get(12)?,
            ci_count: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const RELEASE_COLUMNS: &str =
    "r.key, r.title, r.kind, r.unit, r.status, o.email, m.email, r.window_start, r.window_end,
    r.risk, r.acceptance_criteria, r.backout_plan, r.backout_tested, r.notes
    FROM release r LEFT JOIN person o ON o.id = r.owner_id LEFT JOIN person m ON m.id = r.manager_id";

/// The release row's own fields (links empty), from columns `at..` of [`RELEASE_COLUMNS`].
fn release_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Release> {
    Ok(Release {
        key: r.get(at)?,
        title: r.get(at + 1)?,
        kind: parse_enum(r.get(at + 2)?, ReleaseKind::parse, "kind")?,
        unit: parse_enum(r.get(at + 3)?, ReleaseUnit::parse, "unit")?,
        status: parse_enum(r.get(at + 4)?, ReleaseStatus::parse, "status")?,
        owner: r.get(at + 5)?,
        manager: r.get(at + 6)?,
        window: window_of(r.get(at + 7)?, r.get(at + 8)?)?,
        risk: parse_enum(r.get(at + 9)?, Risk::parse, "risk")?,
        acceptance_criteria: r.get(at + 10)?,
        backout_plan: r.get(at + 11)?,
        backout_tested: r.get(at + 12)?,
        notes: r.get(at + 13)?,
        applications: vec![],
        environments: vec![],
        rfcs: vec![],
        cis: vec![],
        milestones: vec![],
    })
}

fn milestone_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Milestone> {
    Ok(Milestone {
        kind: parse_enum(r.get(at)?, milestone_kind, "milestone kind")?,
        planned_start: parse_date(r.get(at + 1)?)?.unwrap_or_default(),
        planned_end: parse_date(r.get(at + 2)?)?.unwrap_or_default(),
        actual_start: parse_date(r.get(at + 3)?)?,
        actual_end: parse_date(r.get(at + 4)?)?,
    })
}

/// The link queries of a release, each `(release_id, value...)`, in the order [`load`] returns them.
const LINKS: [&str; 5] = [
    "SELECT x.release_id, a.code FROM release_application x JOIN application a ON a.id = x.application_id",
    "SELECT x.release_id, e.name FROM release_environment x JOIN environment e ON e.id = x.environment_id",
    "SELECT x.release_id, f.key FROM release_rfc x JOIN rfc f ON f.id = x.rfc_id",
    "SELECT x.release_id, c.name, x.version FROM release_ci x JOIN ci c ON c.id = x.ci_id",
    "SELECT release_id, kind, planned_start, planned_end, actual_start, actual_end FROM milestone",
];
const LINK_ORDER: [&str; 5] = ["a.code", "e.id", "f.key", "c.name", "planned_start, id"];

/// Adds one link row (from query `which` of [`LINKS`]) to its release.
fn add_link(release: &mut Release, which: usize, r: &Row<'_>) -> rusqlite::Result<()> {
    match which {
        0 => release.applications.push(r.get(1)?),
        1 => release.environments.push(r.get(1)?),
        2 => release.rfcs.push(r.get(1)?),
        3 => release.cis.push(CiVersion { ci: r.get(1)?, version: r.get(2)? }),
        _ => release.milestones.push(milestone_row(r, 1)?),
    }
    Ok(())
}

/// One release in full, as the domain record.
pub fn load(conn: &Connection, id: i64) -> Result<Release> {
    let mut release = conn
        .prepare_cached(&format!("SELECT {RELEASE_COLUMNS} WHERE r.id = ?1"))?
        .query_row([id], |r| release_row(r, 0))?;
    for (which, sql) in LINKS.iter().enumerate() {
        let sql = format!("{sql} WHERE release_id = ?1 ORDER BY {}", LINK_ORDER[which]);
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            add_link(&mut release, which, r)?;
        }
    }
    release.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
    Ok(release)
}

/// Every release in full, without ids (the schedule, the roadmap, export).
pub fn all(conn: &Connection) -> Result<Vec<Release>> {
    Ok(load_all(conn)?.into_iter().map(|(_, r)| r).collect())
}

/// Every release in full, by id: six queries for the whole plan (status, dashboard, export).
pub fn load_all(conn: &Connection) -> Result<Vec<(i64, Release)>> {
    load_from(conn, i64::MIN)
}

/// The releases whose id is `first` or later, in full, by id: what one transaction has just
/// inserted when `first` is [`next_id`] before it (an import records them as stored, read in
/// six queries rather than six per release).
pub fn load_from(conn: &Connection, first: i64) -> Result<Vec<(i64, Release)>> {
    let mut stmt = conn.prepare(&format!("SELECT r.id, {RELEASE_COLUMNS} WHERE r.id >= ?1 ORDER BY r.id"))?;
    let mut out: Vec<(i64, Release)> =
        stmt.query_map([first], |r| Ok((r.get(0)?, release_row(r, 1)?)))?.collect::<rusqlite::Result<_>>()?;
    let index: std::collections::HashMap<i64, usize> = out.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
    for (which, sql) in LINKS.iter().enumerate() {
        let sql = format!("{sql} WHERE release_id >= ?1 ORDER BY release_id, {}", LINK_ORDER[which]);
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([first])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if let Some(&i) = index.get(&id) {
                add_link(&mut out[i].1, which, r)?;
            }
        }
    }
    for (_, r) in &mut out {
        r.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
    }
    Ok(out)
}

/// Every release's row id by key.
pub fn ids(conn: &Connection) -> Result<std::collections::HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT key, id FROM release")?;
    Ok(stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
}

/// The id the next inserted release gets: every release inserted after this call, in the same
/// transaction, has this id or a later one.
pub fn next_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM release", [], |r| r.get(0))?)
}

/// A release with its links resolved for display.
pub fn detail(conn: &Connection, key: &str) -> Result<ReleaseDetail> {
    let id = require(conn, key)?;
    let release = load(conn, id)?;
    let (created_at, updated_at) =
        conn.query_row("SELECT created_at, updated_at FROM release WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT f.key, f.title, f.status FROM release_rfc x JOIN rfc f ON f.id = x.rfc_id
         WHERE x.release_id = ?1 ORDER BY f.key",
    )?;
    let linked_rfcs = stmt.query_map([id], reference::rfc_from_row)?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT c.name, c.kind, x.version FROM release_ci x JOIN ci c ON c.id = x.ci_id
         WHERE x.release_id = ?1 ORDER BY c.name",
    )?;
    let bill_of_materials = stmt
        .query_map([id], |r| Ok(BomLine { ci: r.get(0)?, kind: r.get(1)?, version: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ReleaseDetail { release, linked_rfcs, bill_of_materials, created_at, updated_at })
}

/// Checks a form against the plan: the input's own rules, then a taken key and unknown names.
/// `current` is the release being edited (its own key is not a conflict).
pub fn check_input(conn: &Connection, input: &ReleaseInput, current: Option<i64>) -> Result<()> {
    let mut errors = input.validate();
    if !errors.iter().any(|e| e.field == "key")
        && let Some(other) = id(conn, &input.key)?
        && Some(other) != current
    {
        errors.push(runway_domain::FieldError::new(
            "key",
            format!("{} is already the key of another release.", input.key),
        ));
    }
    for (field, who) in [("owner", &input.owner), ("manager", &input.manager)] {
        if let Some(email) = who
            && reference::person_id(conn, email)?.is_none()
        {
            errors.push(runway_domain::FieldError::new(field, format!("{email} is not a person in this plan.")));
        }
    }
    for code in &input.applications {
        if reference::application_id(conn, code)?.is_none() {
            errors.push(runway_domain::FieldError::new(
                "applications",
                format!("{code} is not an application in this plan."),
            ));
        }
    }
    for name in &input.environments {
        if reference::environment_id(conn, name)?.is_none() {
            errors.push(runway_domain::FieldError::new(
                "environments",
                format!("{name} is not an environment in this plan."),
            ));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::Validation(errors)) }
}

fn person(conn: &Connection, email: &Option<String>) -> Result<Option<i64>> {
    match email {
        Some(e) => Ok(Some(
            reference::person_id(conn, e)?
                .ok_or_else(|| Error::field("owner", format!("{e} is not a person in this plan.")))?,
        )),
        None => Ok(None),
    }
}

/// Inserts a whole release record; every name it refers to must exist.
pub fn insert(conn: &Tx<'_>, r: &Release, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO release (key, title, kind, unit, status, owner_id, manager_id, window_start, window_end, risk,
                              acceptance_criteria, backout_plan, backout_tested, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        r.key,
        r.title,
        r.kind.as_str(),
        r.unit.as_str(),
        r.status.as_str(),
        person(conn, &r.owner)?,
        person(conn, &r.manager)?,
        r.window.as_ref().map(|w| fmt_dt(&w.start)),
        r.window.as_ref().map(|w| fmt_dt(&w.end)),
        r.risk.as_str(),
        r.acceptance_criteria,
        r.backout_plan,
        r.backout_tested,
        r.notes,
        now,
    ])?;
    let id = conn.last_insert_rowid();
    set_applications(conn, id, &r.applications)?;
    set_environments(conn, id, &r.environments)?;
    for key in &r.rfcs {
        link_rfc(conn, id, key)?;
    }
    for line in &r.cis {
        link_ci(conn, id, &line.ci, &line.version)?;
    }
    insert_milestones(conn, id, &r.milestones)?;
    Ok(id)
}

/// Writes the form's fields over a release (the caller marks it changed when it did change).
pub fn update(conn: &Tx<'_>, id: i64, input: &ReleaseInput) -> Result<()> {
    conn.prepare_cached(
        "UPDATE release SET key = ?2, title = ?3, kind = ?4, unit = ?5, owner_id = ?6, manager_id = ?7,
                window_start = ?8, window_end = ?9, risk = ?10, acceptance_criteria = ?11, backout_plan = ?12,
                backout_tested = ?13, notes = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        input.key,
        input.title,
        input.kind.as_str(),
        input.unit.as_str(),
        person(conn, &input.owner)?,
        person(conn, &input.manager)?,
        input.window.as_ref().map(|w| fmt_dt(&w.start)),
        input.window.as_ref().map(|w| fmt_dt(&w.end)),
        input.risk.as_str(),
        input.acceptance_criteria,
        input.backout_plan,
        input.backout_tested,
        input.notes,
    ])?;
    set_applications(conn, id, &input.applications)?;
    set_environments(conn, id, &input.environments)?;
    Ok(())
}

/// Writes a whole release record over release `id` (undo and redo): fields, links, bill of
/// materials and milestones.
pub fn replace(conn: &Tx<'_>, id: i64, r: &Release) -> Result<()> {
    let input = ReleaseInput::from(r);
    update(conn, id, &input)?;
    conn.prepare_cached("UPDATE release SET status = ?2 WHERE id = ?1")?.execute(params![id, r.status.as_str()])?;
    conn.prepare_cached("DELETE FROM release_rfc WHERE release_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM release_ci WHERE release_id = ?1")?.execute([id])?;
    conn.prepare_cached("DELETE FROM milestone WHERE release_id = ?1")?.execute([id])?;
    for key in &r.rfcs {
        link_rfc(conn, id, key)?;
    }
    for line in &r.cis {
        link_ci(conn, id, &line.ci, &line.version)?;
    }
    insert_milestones(conn, id, &r.milestones)
}

fn insert_milestones(conn: &Connection, id: i64, milestones: &[runway_domain::Milestone]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO milestone (release_id, kind, planned_start, planned_end, actual_start, actual_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for m in milestones {
        stmt.execute(params![
            id,
            m.kind.as_str(),
            m.planned_start.to_string(),
            m.planned_end.to_string(),
            m.actual_start.map(|d| d.to_string()),
            m.actual_end.map(|d| d.to_string())
        ])?;
    }
    Ok(())
}

/// Marks a release as changed now.
/// The release record's "backout tested" (it follows the latest backout test).
pub fn set_backout_tested(conn: &Tx<'_>, id: i64, passed: bool) -> Result<()> {
    conn.prepare_cached("UPDATE release SET backout_tested = ?2 WHERE id = ?1")?.execute(params![id, passed])?;
    Ok(())
}

pub fn touch(conn: &Tx<'_>, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached("UPDATE release SET updated_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    Ok(())
}

pub fn delete(conn: &Tx<'_>, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM release WHERE id = ?1")?.execute([id])?;
    Ok(())
}

fn set_applications(conn: &Connection, id: i64, codes: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM release_application WHERE release_id = ?1")?.execute([id])?;
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO release_application (release_id, application_id) VALUES (?1, ?2)")?;
    for code in codes {
        let app = reference::application_id(conn, code)?
            .ok_or_else(|| Error::field("applications", format!("{code} is not an application in this plan.")))?;
        stmt.execute([id, app])?;
    }
    Ok(())
}

fn set_environments(conn: &Connection, id: i64, names: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM release_environment WHERE release_id = ?1")?.execute([id])?;
    let mut stmt =
        conn.prepare_cached("INSERT OR IGNORE INTO release_environment (release_id, environment_id) VALUES (?1, ?2)")?;
    for name in names {
        let env = reference::environment_id(conn, name)?
            .ok_or_else(|| Error::field("environments", format!("{name} is not an environment in this plan.")))?;
        stmt.execute([id, env])?;
    }
    Ok(())
}

/// Links an RFC; linking one that is already linked changes nothing.
pub fn link_rfc(conn: &Tx<'_>, id: i64, rfc: &str) -> Result<()> {
    let rfc_id = reference::rfc_id(conn, rfc)?
        .ok_or_else(|| Error::NotFound(format!("there is no RFC {rfc:?} in this plan")))?;
    conn.prepare_cached("INSERT OR IGNORE INTO release_rfc (release_id, rfc_id) VALUES (?1, ?2)")?
        .execute([id, rfc_id])?;
    Ok(())
}

/// Unlinks an RFC; refuses when it was not linked.
pub fn unlink_rfc(conn: &Tx<'_>, id: i64, rfc: &str) -> Result<()> {
    let n = conn
        .prepare_cached(
            "DELETE FROM release_rfc WHERE release_id = ?1 AND rfc_id = (SELECT id FROM rfc WHERE key = ?2)",
        )?
        .execute(params![id, rfc])?;
    if n == 0 {
        return Err(Error::NotFound(format!("{rfc} is not linked to this release")));
    }
    Ok(())
}

/// Puts a CI at a version on the bill of materials (adds it, or changes its version).
pub fn link_ci(conn: &Tx<'_>, id: i64, ci: &str, version: &str) -> Result<()> {
    let version = version.trim();
    if version.is_empty() {
        return Err(Error::field("version", "The version is required (for example 4.2.0)."));
    }
    let ci_id = reference::ci_id(conn, ci)?
        .ok_or_else(|| Error::NotFound(format!("there is no configuration item {ci:?} in this plan")))?;
    conn.prepare_cached(
        "INSERT INTO release_ci (release_id, ci_id, version) VALUES (?1, ?2, ?3)
         ON CONFLICT (release_id, ci_id) DO UPDATE SET version = excluded.version",
    )?
    .execute(params![id, ci_id, version])?;
    Ok(())
}

/// Takes a CI off the bill of materials; refuses when it was not on it.
pub fn unlink_ci(conn: &Tx<'_>, id: i64, ci: &str) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM release_ci WHERE release_id = ?1 AND ci_id = (SELECT id FROM ci WHERE name = ?2)")?
        .execute(params![id, ci])?;
    if n == 0 {
        return Err(Error::NotFound(format!("{ci} is not on this release's bill of materials")));
    }
    Ok(())
}
