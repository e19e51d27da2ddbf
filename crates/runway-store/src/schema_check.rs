//! A plan's schema must be Runway's: a crafted file could carry a trigger that rewrites data on the
//! next write, or a view, index or table the program never made. Before anything is read or
//! written, the file's schema objects (tables, indexes, triggers, views, with their SQL) are
//! compared with those the migrations make for its schema version (built once per version in an
//! in-memory database); an object Runway did not make, or one whose SQL differs, refuses the file
//! with its name, and the file is left as it was. (An object that is missing is damage, which
//! `verify` reports: the audit log's guards, for one.) `PRAGMA trusted_schema = OFF` on every
//! connection is the second line: SQL functions with side effects cannot run from the schema.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::migrations::MIGRATIONS;

/// An object by (type, name) and its SQL, white space collapsed.
type Objects = BTreeMap<(String, String), String>;

/// SQLite's own tables, which it makes when it needs them.
const SQLITE_OWN: &[&str] = &["sqlite_sequence", "sqlite_stat1", "sqlite_stat4"];

fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Objects::new();
    for row in rows {
        let (kind, name, sql) = row?;
        out.insert((kind, name), sql.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Ok(out)
}

/// What the migrations up to `version` make.
fn expected(version: u32) -> Result<Objects> {
    static CACHE: OnceLock<Mutex<HashMap<u32, Objects>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(o) = cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&version) {
        return Ok(o.clone());
    }
    let mem = Connection::open_in_memory()?;
    for m in MIGRATIONS.iter().filter(|m| m.version <= version) {
        mem.execute_batch(m.sql).map_err(|e| Error::Internal(format!("schema {} cannot be built: {e}", m.version)))?;
    }
    let o = objects(&mem)?;
    cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(version, o.clone());
    Ok(o)
}

/// Refuses the plan at `path` (open on `conn`, at schema `version`) when its schema holds an
/// object Runway's migrations do not make, or one they make with other SQL.
pub fn check(conn: &Connection, path: &Path, version: u32) -> Result<()> {
    let want = expected(version)?;
    for ((kind, name), sql) in objects(conn)? {
        if kind == "table" && SQLITE_OWN.contains(&name.as_str()) {
            continue;
        }
        let why = match want.get(&(kind.clone(), name.clone())) {
            None => format!("its schema holds a {kind} \"{name}\" that Runway did not make"),
            Some(w) if *w != sql => format!("its {kind} \"{name}\" is not the one Runway made"),
            Some(_) => continue,
        };
        return Err(Error::NotAPlan { path: path.to_owned(), reason: format!("{why}; the file was not changed") });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dir: &Path) -> std::path::PathBuf {
        let path = dir.join("p.runway");
        drop(crate::file::create(&path, false).unwrap());
        path
    }

    #[test]
    fn a_plan_runway_made_passes_and_every_older_schema_is_known() {
        let dir = tempfile::tempdir().unwrap();
        let path = plan(dir.path());
        let conn = Connection::open(&path).unwrap();
        check(&conn, &path, crate::migrations::LATEST_VERSION).unwrap();
        for m in MIGRATIONS {
            assert!(!expected(m.version).unwrap().is_empty());
        }
    }

    #[test]
    fn a_trigger_a_view_or_a_changed_table_refuses_the_file_and_leaves_it_as_it_was() {
        for (sql, words) in [
            ("CREATE TRIGGER evil AFTER INSERT ON release BEGIN DELETE FROM person; END", "trigger \"evil\""),
            ("CREATE VIEW peek AS SELECT * FROM person", "view \"peek\""),
            ("CREATE TABLE extra (x)", "table \"extra\""),
            ("CREATE INDEX person_name ON person (name)", "index \"person_name\""),
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = plan(dir.path());
            Connection::open(&path).unwrap().execute_batch(sql).unwrap();
            let before = std::fs::read(&path).unwrap();
            match crate::file::open(&path) {
                Err(Error::NotAPlan { reason, .. }) => assert!(reason.contains(words), "{reason}"),
                Err(other) => panic!("{sql}: {other}"),
                Ok(_) => panic!("{sql}: opened"),
            }
            assert!(crate::file::open_read_only(&path).is_err(), "{sql}: read");
            assert_eq!(std::fs::read(&path).unwrap(), before, "{sql}: the file changed");
        }
    }
}
