//! The forward schedule's tables (schema 5): change windows and manual environment bookings.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, Row, params};

use runway_domain::calendar::{BookedBy, ChangeWindow, ManualBooking, Scope, WindowKind};
use runway_domain::lifecycle::is_final;
use runway_domain::schedule::{DepKind, Dependency, Endpoint};
use runway_domain::{
    CiVersion, Environment, Milestone, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Risk, Window,
};

use runway_domain::dates;

use super::releases::parse_enum;

use crate::error::{Error, Result};
use crate::write::Tx;

const TIME: &str = "%Y-%m-%dT%H:%M:%S";

fn time(t: NaiveDateTime) -> String {
    t.format(TIME).to_string()
}

fn parse_time(what: &str, s: &str) -> rusqlite::Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, TIME).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("{what} {s:?}: {e}").into())
    })
}

fn json_err(what: &str, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("{what}: {e}").into())
}

const WINDOW_COLUMNS: &str = "name, kind, reason, scope, start_at, end_at, all_day, recurrence, exceptions";

fn window_from_row(r: &Row<'_>) -> rusqlite::Result<ChangeWindow> {
    let kind: String = r.get(1)?;
    let scope: String = r.get(3)?;
    let exceptions: String = r.get(8)?;
    let exceptions: Vec<String> = serde_json::from_str(&exceptions).map_err(|e| json_err("window exceptions", e))?;
    Ok(ChangeWindow {
        name: r.get(0)?,
        kind: WindowKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("window kind {kind:?}").into(),
            )
        })?,
        reason: r.get(2)?,
        scope: serde_json::from_str::<Scope>(&scope).map_err(|e| json_err("window scope", e))?,
        start: parse_time("window start", &r.get::<_, String>(4)?)?,
        end: parse_time("window end", &r.get::<_, String>(5)?)?,
        all_day: r.get(6)?,
        recurrence: r.get(7)?,
        exceptions: exceptions.iter().map(|e| parse_time("window exception", e)).collect::<rusqlite::Result<_>>()?,
    })
}

/// Every change window, by start then name.
pub fn windows(conn: &Connection) -> Result<Vec<ChangeWindow>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {WINDOW_COLUMNS} FROM change_window ORDER BY start_at, name"))?
        .query_map([], window_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The window named `name`, if there is one.
pub fn window(conn: &Connection, name: &str) -> Result<Option<ChangeWindow>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {WINDOW_COLUMNS} FROM change_window WHERE name = ?1"))?
        .query_row([name], window_from_row)
        .optional()?)
}

fn window_params(w: &ChangeWindow) -> Result<[String; 4]> {
    let scope = serde_json::to_string(&w.scope).map_err(|e| Error::Internal(e.to_string()))?;
    let exceptions: Vec<String> = w.exceptions.iter().map(|t| time(*t)).collect();
    let exceptions = serde_json::to_string(&exceptions).map_err(|e| Error::Internal(e.to_string()))?;
    Ok([scope, time(w.start), time(w.end), exceptions])
}

/// Adds a window (its name must be free).
pub fn insert_window(tx: &Tx<'_>, w: &ChangeWindow) -> Result<()> {
    let [scope, start, end, exceptions] = window_params(w)?;
    tx.prepare_cached(&format!(
        "INSERT INTO change_window ({WINDOW_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    ))?
    .execute(params![
        w.name,
        w.kind.as_str(),
        w.reason,
        scope,
        start,
        end,
        w.all_day,
        w.recurrence,
        exceptions
    ])?;
    Ok(())
}

/// Replaces the window named `name` with `w` (which may carry a new name).
pub fn update_window(tx: &Tx<'_>, name: &str, w: &ChangeWindow) -> Result<()> {
    let [scope, start, end, exceptions] = window_params(w)?;
    let n = tx
        .prepare_cached(
            "UPDATE change_window SET name = ?1, kind = ?2, reason = ?3, scope = ?4, start_at = ?5, end_at = ?6,
             all_day = ?7, recurrence = ?8, exceptions = ?9 WHERE name = ?10",
        )?
        .execute(params![
            w.name,
            w.kind.as_str(),
            w.reason,
            scope,
            start,
            end,
            w.all_day,
            w.recurrence,
            exceptions,
            name
        ])?;
    if n == 0 {
        return Err(Error::NotFound(format!("window {name:?}")));
    }
    Ok(())
}

pub fn delete_window(tx: &Tx<'_>, name: &str) -> Result<()> {
    let n = tx.prepare_cached("DELETE FROM change_window WHERE name = ?1")?.execute([name])?;
    if n == 0 {
        return Err(Error::NotFound(format!("window {name:?}")));
    }
    Ok(())
}

const BOOKING_SELECT: &str = "SELECT b.id, e.name, b.start_at, b.end_at, b.purpose, b.booked_by, r.key
     FROM booking b JOIN environment e ON e.id = b.environment_id LEFT JOIN release r ON r.id = b.release_id";

fn booking_from_row(r: &Row<'_>) -> rusqlite::Result<(i64, ManualBooking)> {
    Ok((
        r.get(0)?,
        ManualBooking {
            environment: r.get(1)?,
            start: parse_time("booking start", &r.get::<_, String>(2)?)?,
            end: parse_time("booking end", &r.get::<_, String>(3)?)?,
            purpose: r.get(4)?,
            by: r.get(5)?,
            release: r.get(6)?,
        },
    ))
}

/// Every manual booking with its id, by start.
pub fn bookings(conn: &Connection) -> Result<Vec<(i64, ManualBooking)>> {
    Ok(conn
        .prepare_cached(&format!("{BOOKING_SELECT} ORDER BY b.start_at, b.id"))?
        .query_map([], booking_from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn booking(conn: &Connection, id: i64) -> Result<Option<ManualBooking>> {
    Ok(conn
        .prepare_cached(&format!("{BOOKING_SELECT} WHERE b.id = ?1"))?
        .query_row([id], booking_from_row)
        .optional()?
        .map(|(_, b)| b))
}

fn ids(tx: &Tx<'_>, b: &ManualBooking) -> Result<(i64, Option<i64>)> {
    let env: i64 = tx
        .prepare_cached("SELECT id FROM environment WHERE name = ?1")?
        .query_row([&b.environment], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("environment {:?}", b.environment)))?;
    let release = match &b.release {
        None => None,
        Some(k) => Some(
            tx.prepare_cached("SELECT id FROM release WHERE key = ?1")?
                .query_row([k], |r| r.get::<_, i64>(0))
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("release {k}")))?,
        ),
    };
    Ok((env, release))
}

/// Adds a booking under `id` (a restored one), or a new id when none is given; answers the id.
pub fn insert_booking(tx: &Tx<'_>, id: Option<i64>, b: &ManualBooking) -> Result<i64> {
    let (env, release) = ids(tx, b)?;
    tx.prepare_cached(
        "INSERT INTO booking (id, environment_id, start_at, end_at, purpose, booked_by, release_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![id, env, time(b.start), time(b.end), b.purpose, b.by, release])?;
    Ok(tx.last_insert_rowid())
}

pub fn update_booking(tx: &Tx<'_>, id: i64, b: &ManualBooking) -> Result<()> {
    let (env, release) = ids(tx, b)?;
    let n = tx
        .prepare_cached(
            "UPDATE booking SET environment_id = ?2, start_at = ?3, end_at = ?4, purpose = ?5, booked_by = ?6,
             release_id = ?7 WHERE id = ?1",
        )?
        .execute(params![id, env, time(b.start), time(b.end), b.purpose, b.by, release])?;
    if n == 0 {
        return Err(Error::NotFound(format!("booking #{id}")));
    }
    Ok(())
}

pub fn delete_booking(tx: &Tx<'_>, id: i64) -> Result<()> {
    let n = tx.prepare_cached("DELETE FROM booking WHERE id = ?1")?.execute([id])?;
    if n == 0 {
        return Err(Error::NotFound(format!("booking #{id}")));
    }
    Ok(())
}

/// The plan's forward schedule in `zone`: releases, environments, CI dependencies, windows, manual
/// bookings and the policy's calendar rules, with the bookings derived.
pub fn schedule(
    conn: &Connection,
    zone: runway_domain::calendar::PlanZone,
) -> Result<runway_domain::calendar::PlanSchedule> {
    schedule_with(conn, zone, super::releases::all(conn)?)
}

/// Which of a release's milestones the calendar's read takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phases {
    /// Every one (the calendar's days show them).
    All,
    /// The test phase only: all that bookings and conflict detection look at.
    Test,
}

/// [`schedule`] with only the releases that still deploy, read for the calendar
/// ([`active_releases`]): what conflict detection, the calendar view and the slot search look
/// at, in about a third of the time on a big plan. With `near`, only those whose deployment or
/// test phase meets the days `near.0` to `near.1` (both included).
pub fn active_schedule(
    conn: &Connection,
    zone: runway_domain::calendar::PlanZone,
    phases: Phases,
    near: Option<(NaiveDate, NaiveDate)>,
) -> Result<runway_domain::calendar::PlanSchedule> {
    schedule_with(conn, zone, active_releases(conn, phases, near)?)
}

/// The forward schedule of `releases` (with the plan's environments, CI dependencies, windows,
/// manual bookings and calendar rules, the bookings derived).
pub fn schedule_with(
    conn: &Connection,
    zone: runway_domain::calendar::PlanZone,
    releases: Vec<Release>,
) -> Result<runway_domain::calendar::PlanSchedule> {
    let mut s = runway_domain::calendar::PlanSchedule {
        releases,
        environments: environments(conn)?,
        ci_deps: super::schedule::ci_dependencies(conn)?,
        windows: windows(conn)?,
        manual: bookings(conn)?,
        rules: super::events::policy(conn)?.calendar,
        zone,
        bookings: vec![],
    };
    s.refresh();
    Ok(s)
}

/// The environments, on the path to production.
fn environments(conn: &Connection) -> Result<Vec<Environment>> {
    Ok(conn
        .prepare_cached("SELECT name, production, capacity, booked_by FROM environment ORDER BY id")?
        .query_map([], |r| {
            let booked_by: Option<String> = r.get(3)?;
            Ok(Environment {
                name: r.get(0)?,
                production: r.get(1)?,
                capacity: r.get(2)?,
                booked_by: booked_by.as_deref().and_then(BookedBy::parse),
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn conversion(what: &str, s: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("{what} {s:?}").into())
}

/// A date as the plan stores it (`YYYY-MM-DD`), read without a format string: the calendar reads
/// tens of thousands of them at a time.
fn ymd(b: &[u8]) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| match ymd(s.as_bytes()).filter(|_| s.len() == 10) {
        Some(d) => Ok(d),
        None => s.parse::<NaiveDate>().map_err(|_| conversion("date", &s)),
    })
    .transpose()
}

fn date_time(s: Option<String>) -> rusqlite::Result<Option<NaiveDateTime>> {
    s.map(|s| {
        let b = s.as_bytes();
        let hms = |i: usize| b.get(i..i + 2).and_then(|d| std::str::from_utf8(d).ok()?.parse::<u32>().ok());
        let fast = (s.len() == 19 && b[10] == b'T' && b[13] == b':' && b[16] == b':')
            .then(|| ymd(b)?.and_hms_opt(hms(11)?, hms(14)?, hms(17)?))
            .flatten();
        match fast {
            Some(t) => Ok(t),
            None => s.parse::<NaiveDateTime>().map_err(|_| conversion("date-time", &s)),
        }
    })
    .transpose()
}

/// The releases that still deploy (not closed, cancelled or rejected for good), in the order
/// [`super::releases::all`] gives them, as the calendar reads them: everything but their RFCs
/// and their long texts (acceptance criteria, back-out plan, notes), which no conflict, slot or
/// day of the calendar looks at; with [`Phases::Test`], of their milestones only the test phase.
/// The final releases book nothing and deploy no more, so the schedule of the others has the same
/// conflicts. With `near`, only those whose deployment or test phase meets the days `near.0` to
/// `near.1` (both included).
pub fn active_releases(
    conn: &Connection,
    phases: Phases,
    near: Option<(NaiveDate, NaiveDate)>,
) -> Result<Vec<Release>> {
    let finals: Vec<String> =
        ReleaseStatus::ALL.iter().filter(|s| is_final(**s)).map(|s| format!("'{}'", s.as_str())).collect();
    let active = format!("r.status NOT IN ({})", finals.join(", "));
    // With `near`, the ids of the releases that meet those days first (dates and times are
    // stored as ISO text, so they compare as they sort), and only their range of ids read after.
    let wanted: Option<std::collections::HashSet<i64>> = match near {
        None => None,
        Some((from, to)) => {
            let (from, to, end) = (from.to_string(), to.to_string(), dates::next_day(to).to_string());
            let mut ids: std::collections::HashSet<i64> = conn
                .prepare_cached("SELECT id FROM release WHERE window_end >= ?1 AND window_start < ?2")?
                .query_map([&from, &end], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let testing = conn
                .prepare_cached(
                    "SELECT release_id FROM milestone WHERE kind = 'test' AND planned_end >= ?1 AND planned_start <= ?2",
                )?
                .query_map([&from, &to], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            ids.extend(testing);
            Some(ids)
        }
    };
    let (lo, hi) = match &wanted {
        Some(ids) => (ids.iter().min().copied().unwrap_or(0), ids.iter().max().copied().unwrap_or(-1)),
        None => (i64::MIN, i64::MAX),
    };
    let mut out: Vec<Release> = vec![];
    let mut index: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let sql = format!(
        "SELECT r.id, r.key, r.title, r.kind, r.unit, r.status, o.email, m.email, r.window_start, r.window_end, r.risk
         FROM release r LEFT JOIN person o ON o.id = r.owner_id LEFT JOIN person m ON m.id = r.manager_id
         WHERE {active} AND r.id BETWEEN ?1 AND ?2 ORDER BY r.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if wanted.as_ref().is_some_and(|w| !w.contains(&id)) {
            continue;
        }
        let window = match (date_time(r.get(8)?)?, date_time(r.get(9)?)?) {
            (Some(start), Some(end)) => Some(Window { start, end }),
            _ => None,
        };
        index.insert(id, out.len());
        out.push(Release {
            key: r.get(1)?,
            title: r.get(2)?,
            kind: parse_enum(r.get(3)?, ReleaseKind::parse, "kind")?,
            unit: parse_enum(r.get(4)?, ReleaseUnit::parse, "unit")?,
            status: parse_enum(r.get(5)?, ReleaseStatus::parse, "status")?,
            owner: r.get(6)?,
            manager: r.get(7)?,
            window,
            risk: parse_enum(r.get(10)?, Risk::parse, "risk")?,
            acceptance_criteria: String::new(),
            backout_plan: String::new(),
            backout_tested: false,
            notes: String::new(),
            applications: vec![],
            environments: vec![],
            rfcs: vec![],
            cis: vec![],
            milestones: vec![],
        });
    }
    // Each link table over that range of ids, in the order of its key (release, then the other
    // end): no sort; what belongs to a release not read is skipped.
    let test = if phases == Phases::Test { "AND x.kind = 'test'" } else { "" };
    let links = [
        "SELECT x.release_id, a.code FROM release_application x JOIN application a ON a.id = x.application_id
         WHERE x.release_id BETWEEN ?1 AND ?2 ORDER BY x.release_id"
            .to_owned(),
        "SELECT x.release_id, e.name, e.id FROM release_environment x JOIN environment e ON e.id = x.environment_id
         WHERE x.release_id BETWEEN ?1 AND ?2 ORDER BY x.release_id"
            .to_owned(),
        "SELECT x.release_id, c.name, x.version FROM release_ci x JOIN ci c ON c.id = x.ci_id
         WHERE x.release_id BETWEEN ?1 AND ?2 ORDER BY x.release_id"
            .to_owned(),
        format!(
            "SELECT x.release_id, x.kind, x.planned_start, x.planned_end, x.actual_start, x.actual_end
             FROM milestone x WHERE x.release_id BETWEEN ?1 AND ?2 {test} ORDER BY x.release_id"
        ),
    ];
    let mut env_order: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    for (which, sql) in links.iter().enumerate() {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([lo, hi])?;
        while let Some(r) = rows.next()? {
            let Some(&i) = index.get(&r.get::<_, i64>(0)?) else { continue };
            let release = &mut out[i];
            match which {
                0 => release.applications.push(r.get(1)?),
                1 => {
                    let name: String = r.get(1)?;
                    env_order.entry(name.clone()).or_insert(r.get(2)?);
                    release.environments.push(name);
                }
                2 => release.cis.push(CiVersion { ci: r.get(1)?, version: r.get(2)? }),
                _ => release.milestones.push(Milestone {
                    kind: parse_enum(r.get(1)?, super::releases::milestone_kind, "milestone kind")?,
                    planned_start: date(r.get(2)?)?.unwrap_or_default(),
                    planned_end: date(r.get(3)?)?.unwrap_or_default(),
                    actual_start: date(r.get(4)?)?,
                    actual_end: date(r.get(5)?)?,
                }),
            }
        }
    }
    // As the plan's full read orders them.
    for r in &mut out {
        r.applications.sort();
        r.environments.sort_by_key(|e| env_order.get(e).copied());
        r.cis.sort_by(|a, b| a.ci.cmp(&b.ci));
        r.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
    }
    Ok(out)
}

/// The dependencies into release `key` (what bounds its slots), with the releases they come
/// from in full.
pub fn dependencies_into(conn: &Connection, key: &str) -> Result<(Vec<Dependency>, Vec<Release>)> {
    let endpoint = |release: String, milestone: Option<String>| -> rusqlite::Result<Endpoint> {
        let milestone =
            milestone.map(|m| parse_enum(m, super::releases::milestone_kind, "milestone kind")).transpose()?;
        Ok(Endpoint { release, milestone })
    };
    let deps: Vec<Dependency> = conn
        .prepare_cached(
            "SELECT a.key, d.from_milestone, b.key, d.to_milestone, d.kind, d.lag_days
             FROM dependency d JOIN release a ON a.id = d.from_release_id JOIN release b ON b.id = d.to_release_id
             WHERE b.key = ?1 ORDER BY d.id",
        )?
        .query_map([key], |r| {
            Ok(Dependency {
                from: endpoint(r.get(0)?, r.get(1)?)?,
                to: endpoint(r.get(2)?, r.get(3)?)?,
                kind: parse_enum(r.get(4)?, DepKind::parse, "dependency kind")?,
                lag_days: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut from: Vec<String> = deps.iter().map(|d| d.from.release.clone()).collect();
    from.sort();
    from.dedup();
    let releases = from
        .iter()
        .map(|k| super::releases::load(conn, super::releases::require(conn, k)?))
        .collect::<Result<Vec<Release>>>()?;
    Ok((deps, releases))
}
