//! Plain SQL for the responsibility matrix (D7): roles, activities, cells, and who holds which
//! role (for the portfolio, or for one release).

use rusqlite::{Connection, OptionalExtension, params};

use runway_domain::matrix::{Activity, Assignment, Cell, Code, Matrix, RoleDef};

use crate::error::{Error, Result};
use crate::write::Tx;

/// The plan's matrix, roles and activities in their order.
pub fn matrix(conn: &Connection) -> Result<Matrix> {
    let roles = conn
        .prepare_cached("SELECT key, name FROM role ORDER BY position, key")?
        .query_map([], |r| Ok(RoleDef { key: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let activities = conn
        .prepare_cached("SELECT key, name, description FROM activity ORDER BY position, key")?
        .query_map([], |r| Ok(Activity { key: r.get(0)?, name: r.get(1)?, description: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let cells = conn
        .prepare_cached("SELECT activity, role, code FROM raci_cell")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(activity, role, code)| {
            let code = Code::parse(&code)
                .ok_or_else(|| Error::Corrupt(format!("the matrix's cell {activity} × {role} holds {code:?}")))?;
            Ok(Cell { activity, role, code })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut m = Matrix { roles, activities, cells };
    m.sort_cells();
    Ok(m)
}

/// Makes the plan's matrix `m`: roles and activities added, renamed, reordered and removed, and
/// the cells replaced. A removed role that someone holds is refused by the database (the caller
/// checks first, to say who).
pub fn set_matrix(tx: &Tx<'_>, m: &Matrix) -> Result<()> {
    tx.prepare_cached("DELETE FROM raci_cell")?.execute([])?;
    let keep_roles: Vec<&str> = m.roles.iter().map(|r| r.key.as_str()).collect();
    let keep_activities: Vec<&str> = m.activities.iter().map(|a| a.key.as_str()).collect();
    let existing = |sql: &str| -> Result<Vec<String>> {
        Ok(tx.prepare_cached(sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    for key in existing("SELECT key FROM role")? {
        if !keep_roles.contains(&key.as_str()) {
            tx.prepare_cached("DELETE FROM role WHERE key = ?1")?.execute([&key])?;
        }
    }
    for key in existing("SELECT key FROM activity")? {
        if !keep_activities.contains(&key.as_str()) {
            tx.prepare_cached("DELETE FROM activity WHERE key = ?1")?.execute([&key])?;
        }
    }
    // Names are unique: park them first, so that two roles may swap names in one edit.
    tx.prepare_cached("UPDATE role SET name = '\u{1}' || key, position = -1 - position")?.execute([])?;
    tx.prepare_cached("UPDATE activity SET name = '\u{1}' || key, position = -1 - position")?.execute([])?;
    for (i, r) in m.roles.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO role (key, name, position) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, position = excluded.position",
        )?
        .execute(params![r.key, r.name.trim(), i as i64])?;
    }
    for (i, a) in m.activities.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO activity (key, name, description, position) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET name = excluded.name, description = excluded.description,
             position = excluded.position",
        )?
        .execute(params![a.key, a.name.trim(), a.description, i as i64])?;
    }
    for c in &m.cells {
        tx.prepare_cached("INSERT INTO raci_cell (activity, role, code) VALUES (?1, ?2, ?3)")?.execute(params![
            c.activity,
            c.role,
            c.code.as_str()
        ])?;
    }
    Ok(())
}

/// Every assignment: the portfolio's first, then the releases' overrides, each by role and person.
pub fn assignments(conn: &Connection) -> Result<Vec<Assignment>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.role, p.email, r.key FROM assignment a JOIN person p ON p.id = a.person_id
             LEFT JOIN release r ON r.id = a.release_id
             ORDER BY r.key IS NOT NULL, r.key, a.role, p.email",
        )?
        .query_map([], |r| Ok(Assignment { role: r.get(0)?, person: r.get(1)?, release: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The portfolio's assignments and those of one release (what a release's matrix needs).
pub fn assignments_for(conn: &Connection, release: &str) -> Result<Vec<Assignment>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.role, p.email, r.key FROM assignment a JOIN person p ON p.id = a.person_id
             LEFT JOIN release r ON r.id = a.release_id
             WHERE a.release_id IS NULL OR r.key = ?1
             ORDER BY r.key IS NOT NULL, a.role, p.email",
        )?
        .query_map([release], |r| Ok(Assignment { role: r.get(0)?, person: r.get(1)?, release: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

fn ids(conn: &Connection, a: &Assignment) -> Result<(i64, Option<i64>)> {
    let person = conn
        .prepare_cached("SELECT id FROM person WHERE email = ?1")?
        .query_row([&a.person], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("{} is not a person in this plan", a.person)))?;
    let release = match &a.release {
        None => None,
        Some(k) => Some(
            conn.prepare_cached("SELECT id FROM release WHERE key = ?1")?
                .query_row([k], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("no release {k}")))?,
        ),
    };
    Ok((person, release))
}

/// Whether the plan holds `a`.
pub fn has_assignment(conn: &Connection, a: &Assignment) -> Result<bool> {
    let (person, release) = ids(conn, a)?;
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM assignment WHERE role = ?1 AND person_id = ?2 AND ifnull(release_id, 0) = ifnull(?3, 0)",
        )?
        .query_row(params![a.role, person, release], |_| Ok(()))
        .optional()?
        .is_some())
}

pub fn add_assignment(tx: &Tx<'_>, a: &Assignment) -> Result<()> {
    let (person, release) = ids(tx, a)?;
    tx.prepare_cached("INSERT INTO assignment (role, person_id, release_id) VALUES (?1, ?2, ?3)")?
        .execute(params![a.role, person, release])?;
    Ok(())
}

/// Removes `a`; false when the plan did not hold it.
pub fn remove_assignment(tx: &Tx<'_>, a: &Assignment) -> Result<bool> {
    let (person, release) = ids(tx, a)?;
    let n = tx
        .prepare_cached(
            "DELETE FROM assignment WHERE role = ?1 AND person_id = ?2 AND ifnull(release_id, 0) = ifnull(?3, 0)",
        )?
        .execute(params![a.role, person, release])?;
    Ok(n > 0)
}
