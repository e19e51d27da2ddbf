//! Plain SQL for stakeholders (D8): distribution lists, their members and what they follow. A
//! list is written as one state (its row, then its members and follows in order).

use rusqlite::{Connection, OptionalExtension, params};

use runway_domain::stakeholders::{DistributionList, Follow, Member};

use crate::error::{Error, Result};
use crate::write::Tx;

fn list_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM distribution_list WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn load(conn: &Connection, id: i64, name: String, purpose: String) -> Result<DistributionList> {
    let members = conn
        .prepare_cached(
            "SELECT p.email, l.name FROM list_member m
             LEFT JOIN person p ON p.id = m.person_id LEFT JOIN distribution_list l ON l.id = m.member_list_id
             WHERE m.list_id = ?1 ORDER BY m.position",
        )?
        .query_map([id], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))?
        .map(|row| match row? {
            (Some(e), _) => Ok(Member::Person(e)),
            (None, Some(l)) => Ok(Member::List(l)),
            (None, None) => {
                Err(Error::Corrupt(format!("the list {name:?} has a member that is neither a person nor a list")))
            }
        })
        .collect::<Result<Vec<_>>>()?;
    let follows = conn
        .prepare_cached(
            "SELECT r.key, a.code FROM list_follow f
             LEFT JOIN release r ON r.id = f.release_id LEFT JOIN application a ON a.id = f.application_id
             WHERE f.list_id = ?1 ORDER BY f.position",
        )?
        .query_map([id], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?)))?
        .map(|row| match row? {
            (Some(k), _) => Ok(Follow::Release(k)),
            (None, Some(c)) => Ok(Follow::Application(c)),
            (None, None) => Err(Error::Corrupt(format!("the list {name:?} follows nothing known"))),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(DistributionList { name, purpose, members, follows })
}

/// Every list, by name.
pub fn lists(conn: &Connection) -> Result<Vec<DistributionList>> {
    let rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, purpose FROM distribution_list ORDER BY name COLLATE NOCASE")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|(id, name, purpose)| load(conn, id, name, purpose)).collect()
}

/// The list named `name` (ignoring case), if the plan has it.
pub fn list(conn: &Connection, name: &str) -> Result<Option<DistributionList>> {
    let row: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT id, name, purpose FROM distribution_list WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(id, name, purpose)| load(conn, id, name, purpose)).transpose()
}

fn write_parts(tx: &Tx<'_>, id: i64, l: &DistributionList) -> Result<()> {
    tx.prepare_cached("DELETE FROM list_member WHERE list_id = ?1")?.execute([id])?;
    tx.prepare_cached("DELETE FROM list_follow WHERE list_id = ?1")?.execute([id])?;
    for (i, m) in l.members.iter().enumerate() {
        let (person, list) = match m {
            Member::Person(e) => (
                Some(
                    tx.prepare_cached("SELECT id FROM person WHERE email = ?1")?
                        .query_row([e], |r| r.get::<_, i64>(0))
                        .optional()?
                        .ok_or_else(|| Error::NotFound(format!("{e} is not a person in this plan")))?,
                ),
                None,
            ),
            Member::List(n) => (
                None,
                Some(list_id(tx, n)?.ok_or_else(|| Error::NotFound(format!("{n:?} is not a list of this plan")))?),
            ),
        };
        tx.prepare_cached(
            "INSERT INTO list_member (list_id, position, person_id, member_list_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, i as i64, person, list])?;
    }
    for (i, f) in l.follows.iter().enumerate() {
        let (release, app) = match f {
            Follow::Release(k) => (
                Some(
                    tx.prepare_cached("SELECT id FROM release WHERE key = ?1")?
                        .query_row([k], |r| r.get::<_, i64>(0))
                        .optional()?
                        .ok_or_else(|| Error::NotFound(format!("no release {k}")))?,
                ),
                None,
            ),
            Follow::Application(c) => (
                None,
                Some(
                    tx.prepare_cached("SELECT id FROM application WHERE code = ?1")?
                        .query_row([c], |r| r.get::<_, i64>(0))
                        .optional()?
                        .ok_or_else(|| Error::NotFound(format!("no application {c}")))?,
                ),
            ),
        };
        tx.prepare_cached(
            "INSERT INTO list_follow (list_id, position, release_id, application_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, i as i64, release, app])?;
    }
    Ok(())
}

/// Adds a list, or replaces the list named `original` (which may be renamed).
pub fn save_list(tx: &Tx<'_>, original: Option<&str>, l: &DistributionList) -> Result<()> {
    let id = match original.map(|n| list_id(tx, n)).transpose()?.flatten() {
        Some(id) => {
            tx.prepare_cached("UPDATE distribution_list SET name = ?2, purpose = ?3 WHERE id = ?1")?
                .execute(params![id, l.name.trim(), l.purpose])?;
            id
        }
        None => {
            tx.prepare_cached("INSERT INTO distribution_list (name, purpose) VALUES (?1, ?2)")?
                .execute(params![l.name.trim(), l.purpose])?;
            tx.last_insert_rowid()
        }
    };
    write_parts(tx, id, l)
}

/// Removes the list `name`; the lists that contain it are the caller's to check first.
pub fn delete_list(tx: &Tx<'_>, name: &str) -> Result<()> {
    let id = list_id(tx, name)?.ok_or_else(|| Error::NotFound(format!("no list {name:?}")))?;
    tx.prepare_cached("DELETE FROM distribution_list WHERE id = ?1")?.execute([id])?;
    Ok(())
}
