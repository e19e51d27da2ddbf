//! Plain SQL for the reference data releases point at: applications, environments, people, RFCs,
//! CIs; and the plan's metadata.

use rusqlite::{Connection, OptionalExtension, Row, params};

use std::collections::HashSet;

use runway_domain::portfolio::Known;
use runway_domain::{Application, Ci, Environment, Person, Rfc, RfcStatus};

use crate::error::Result;
use crate::rows::Catalog;
use crate::write::Tx;

fn lookup(conn: &Connection, sql: &str, value: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached(sql)?.query_row([value], |r| r.get(0)).optional()?)
}

pub fn application_id(conn: &Connection, code: &str) -> Result<Option<i64>> {
    lookup(conn, "SELECT id FROM application WHERE code = ?1", code)
}
pub fn environment_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    lookup(conn, "SELECT id FROM environment WHERE name = ?1", name)
}
pub fn person_id(conn: &Connection, email: &str) -> Result<Option<i64>> {
    lookup(conn, "SELECT id FROM person WHERE email = ?1", email)
}
pub fn rfc_id(conn: &Connection, key: &str) -> Result<Option<i64>> {
    lookup(conn, "SELECT id FROM rfc WHERE key = ?1", key)
}
pub fn ci_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    lookup(conn, "SELECT id FROM ci WHERE name = ?1", name)
}

fn bad(what: &str, v: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what} {v:?}"), rusqlite::types::Type::Text)
}

pub(crate) fn rfc_from_row(r: &Row<'_>) -> rusqlite::Result<Rfc> {
    let status: String = r.get(2)?;
    Ok(Rfc {
        key: r.get(0)?,
        title: r.get(1)?,
        status: RfcStatus::parse(&status).ok_or_else(|| bad("RFC status", &status))?,
    })
}

fn person_from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person::new(r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
}

/// All reference data, each list sorted by its natural key.
pub fn catalog(conn: &Connection) -> Result<Catalog> {
    let applications = conn
        .prepare_cached("SELECT code, name FROM application ORDER BY code")?
        .query_map([], |r| Ok(Application { code: r.get(0)?, name: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    let environments = conn
        .prepare_cached("SELECT name, production, capacity, booked_by FROM environment ORDER BY id")?
        .query_map([], environment_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let people = conn
        .prepare_cached("SELECT email, name, organisation FROM person ORDER BY email")?
        .query_map([], person_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let rfcs = conn
        .prepare_cached("SELECT key, title, status FROM rfc ORDER BY key")?
        .query_map([], rfc_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let cis = conn
        .prepare_cached(
            "SELECT c.name, c.kind, a.code FROM ci c LEFT JOIN application a ON a.id = c.application_id ORDER BY c.name",
        )?
        .query_map([], |r| Ok(Ci { name: r.get(0)?, kind: r.get(1)?, application: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Catalog { applications, environments, people, rfcs, cis })
}

/// Inserts or updates an application by code; returns its state before (None if new).
pub fn upsert_application(conn: &Tx<'_>, a: &Application) -> Result<Option<Application>> {
    let before = conn
        .prepare_cached("SELECT code, name FROM application WHERE code = ?1")?
        .query_row([&a.code], |r| Ok(Application { code: r.get(0)?, name: r.get(1)? }))
        .optional()?;
    conn.prepare_cached(
        "INSERT INTO application (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
    )?
    .execute(params![a.code, a.name])?;
    Ok(before)
}

fn environment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Environment> {
    let booked_by: Option<String> = r.get(3)?;
    Ok(Environment {
        name: r.get(0)?,
        production: r.get(1)?,
        capacity: r.get(2)?,
        booked_by: booked_by.as_deref().and_then(runway_domain::calendar::BookedBy::parse),
    })
}

/// The environment named `name`, if the plan has it.
pub fn environment(conn: &Connection, name: &str) -> Result<Option<Environment>> {
    Ok(conn
        .prepare_cached("SELECT name, production, capacity, booked_by FROM environment WHERE name = ?1")?
        .query_row([name], environment_from_row)
        .optional()?)
}

pub fn upsert_environment(conn: &Tx<'_>, e: &Environment) -> Result<Option<Environment>> {
    let before = environment(conn, &e.name)?;
    conn.prepare_cached(
        "INSERT INTO environment (name, production, capacity, booked_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET production = excluded.production, capacity = excluded.capacity,
         booked_by = excluded.booked_by",
    )?
    .execute(params![e.name, e.production, e.capacity, e.booked_by.map(|b| b.as_str())])?;
    Ok(before)
}

/// The person with this e-mail address (ignoring case), if the plan has them.
pub fn person(conn: &Connection, email: &str) -> Result<Option<Person>> {
    Ok(conn
        .prepare_cached("SELECT email, name, organisation FROM person WHERE email = ?1")?
        .query_row([email], person_from_row)
        .optional()?)
}

/// Removes a person nothing refers to (no assignment, release, booking); false when something does.
pub fn delete_person(conn: &Tx<'_>, email: &str) -> Result<bool> {
    let used: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM person p WHERE p.email = ?1 AND (
                EXISTS (SELECT 1 FROM assignment a WHERE a.person_id = p.id)
                OR EXISTS (SELECT 1 FROM release r WHERE r.owner_id = p.id OR r.manager_id = p.id)))",
        )?
        .query_row([email], |r| r.get(0))?;
    if used {
        return Ok(false);
    }
    Ok(conn.prepare_cached("DELETE FROM person WHERE email = ?1")?.execute([email])? > 0)
}

pub fn upsert_person(conn: &Tx<'_>, p: &Person) -> Result<Option<Person>> {
    let before = person(conn, &p.email)?;
    conn.prepare_cached(
        "INSERT INTO person (email, name, organisation) VALUES (?1, ?2, ?3)
         ON CONFLICT (email) DO UPDATE SET name = excluded.name, organisation = excluded.organisation",
    )?
    .execute(params![p.email, p.name, p.organisation])?;
    Ok(before)
}

pub fn upsert_ci(conn: &Tx<'_>, c: &Ci) -> Result<Option<Ci>> {
    let before = conn
        .prepare_cached("SELECT c.name, c.kind, a.code FROM ci c LEFT JOIN application a ON a.id = c.application_id WHERE c.name = ?1")?
        .query_row([&c.name], |r| Ok(Ci { name: r.get(0)?, kind: r.get(1)?, application: r.get(2)? }))
        .optional()?;
    let app = match &c.application {
        Some(code) => application_id(conn, code)?,
        None => None,
    };
    conn.prepare_cached(
        "INSERT INTO ci (name, kind, application_id) VALUES (?1, ?2, ?3)
         ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, application_id = excluded.application_id",
    )?
    .execute(params![c.name, c.kind, app])?;
    Ok(before)
}

/// Inserts a new RFC (the key must be free).
pub fn insert_rfc(conn: &Tx<'_>, r: &Rfc) -> Result<()> {
    conn.prepare_cached("INSERT INTO rfc (key, title, status) VALUES (?1, ?2, ?3)")?.execute(params![
        r.key,
        r.title,
        r.status.as_str()
    ])?;
    Ok(())
}

pub fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

pub fn set_meta(conn: &Tx<'_>, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![key, value])?;
    Ok(())
}

pub fn delete_meta(conn: &Tx<'_>, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM meta WHERE key = ?1")?.execute([key])?;
    Ok(())
}

/// The meta key of the plan's own template for releases of `kind`.
fn template_key(kind: runway_domain::ReleaseKind) -> String {
    format!("release_template.{}", kind.as_str())
}

/// The plan's own template for releases of `kind`; None when it uses the default.
pub fn release_template(
    conn: &Connection,
    kind: runway_domain::ReleaseKind,
) -> Result<Option<runway_domain::template::ReleaseTemplate>> {
    meta(conn, &template_key(kind))?
        .map(|json| {
            serde_json::from_str(&json).map_err(|e| {
                crate::Error::Corrupt(format!(
                    "the plan's template for {} releases cannot be read ({e}); reset it in Settings → Release templates",
                    kind.label().to_lowercase()
                ))
            })
        })
        .transpose()
}

/// Sets the plan's template for releases of `kind`, or with None goes back to the default.
pub fn set_release_template(
    conn: &Tx<'_>,
    kind: runway_domain::ReleaseKind,
    template: Option<&runway_domain::template::ReleaseTemplate>,
) -> Result<()> {
    match template {
        None => delete_meta(conn, &template_key(kind)),
        Some(t) => {
            let json = serde_json::to_string(t)
                .map_err(|e| crate::Error::Internal(format!("cannot write the template: {e}")))?;
            set_meta(conn, &template_key(kind), &json)
        }
    }
}

/// The natural keys a plan already holds.
pub fn known(conn: &Connection) -> Result<Known> {
    let set = |sql: &str| -> Result<HashSet<String>> {
        Ok(conn.prepare(sql)?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    Ok(Known {
        applications: set("SELECT code FROM application")?,
        environments: set("SELECT name FROM environment")?,
        people: set("SELECT email FROM person")?,
        rfcs: set("SELECT key FROM rfc")?,
        cis: set("SELECT name FROM ci")?,
        releases: set("SELECT key FROM release")?,
        roles: set("SELECT key FROM role")?,
    })
}
