//! The forward schedule's tables (schema 5): change windows and manual environment bookings.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, Row, params};

use runway_domain::calendar::{ChangeWindow, ManualBooking, Scope, WindowKind};

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
    let mut s = runway_domain::calendar::PlanSchedule {
        releases: super::releases::all(conn)?,
        environments: super::reference::catalog(conn)?.environments,
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
