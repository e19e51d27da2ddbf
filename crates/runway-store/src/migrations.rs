//! Embedded schema migrations. Each runs in its own transaction together with the `user_version`
//! bump, so a plan is always at exactly one schema version. Before migrating an existing plan, a
//! copy of it is written beside it.
//!
//! (rusqlite_migration does this too, but no release of it builds against rusqlite 0.41.)

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// One schema step: the version it brings the plan to and its SQL.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub sql: &'static str,
}

/// Every schema step in order. Add new ones at the end; never edit a released one.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("migrations/0001_initial.sql") },
    Migration { version: 2, sql: include_str!("migrations/0002_lifecycle.sql") },
    Migration { version: 3, sql: include_str!("migrations/0003_schedule.sql") },
    Migration { version: 4, sql: include_str!("migrations/0004_write_id.sql") },
    Migration { version: 5, sql: include_str!("migrations/0005_calendar.sql") },
    Migration { version: 6, sql: include_str!("migrations/0006_matrix.sql") },
    Migration { version: 7, sql: include_str!("migrations/0007_stakeholders.sql") },
    Migration { version: 8, sql: include_str!("migrations/0008_outbox.sql") },
    Migration { version: 9, sql: include_str!("migrations/0009_journal.sql") },
];

/// The schema version this build writes.
pub const LATEST_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// Brings the plan at `path` up to the last of `migrations`; true when it ran any.
pub(crate) fn migrate(conn: &Connection, path: &Path, migrations: &[Migration]) -> Result<bool> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))? as u32;
    let pending: Vec<_> = migrations.iter().filter(|m| m.version > current).collect();
    if pending.is_empty() {
        return Ok(false);
    }
    if current > 0 {
        backup(conn, path, current)?;
    }
    for m in pending {
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        tx.execute_batch(m.sql)
            .map_err(|e| Error::Internal(format!("migration to schema {} failed: {e}", m.version)))?;
        tx.pragma_update(None, "user_version", m.version as i64)?;
        tx.commit()?;
    }
    Ok(true)
}

/// Writes a consistent copy of the plan beside it (`plan.runway.schema-1.bak`, then `-2`, ...).
fn backup(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf> {
    let mut n = 0;
    let dest = loop {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let candidate = PathBuf::from(format!("{}.schema-{version}{suffix}.bak", path.display()));
        if !candidate.exists() {
            break candidate;
        }
        n += 1;
    };
    crate::file::copy_to(conn, &dest, false)?;
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: Migration = Migration { version: 1, sql: "CREATE TABLE a (x INTEGER) STRICT;" };
    const V2: Migration = Migration { version: 2, sql: "ALTER TABLE a ADD COLUMN y TEXT;" };
    const BAD: Migration = Migration { version: 3, sql: "CREATE TABLE b (x INTEGER); THIS IS NOT SQL;" };

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    #[test]
    fn an_older_plan_is_backed_up_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.runway");
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, &path, &[V1]).unwrap();
        conn.execute("INSERT INTO a VALUES (7)", []).unwrap();
        migrate(&conn, &path, &[V1, V2]).unwrap();
        assert_eq!(version(&conn), 2);
        let backup = Connection::open(dir.path().join("p.runway.schema-1.bak")).unwrap();
        assert_eq!(version(&backup), 1);
        let x: i64 = backup.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 7);
    }

    #[test]
    fn a_failing_migration_leaves_the_plan_at_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.runway");
        let conn = Connection::open(&path).unwrap();
        migrate(&conn, &path, &[V1, V2]).unwrap();
        let err = migrate(&conn, &path, &[V1, V2, BAD]).unwrap_err();
        assert!(err.to_string().contains("schema 3"), "{err}");
        assert_eq!(version(&conn), 2);
        let b: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(b, 0, "the half-done migration was rolled back");
    }
}
