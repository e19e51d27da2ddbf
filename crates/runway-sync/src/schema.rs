//! The server's schema, versioned in `runway_meta.schema_version`: created on the first connect,
//! migrated up (in one transaction) when older, and refused when newer than this client knows.
//!
//! A released migration never changes; a new one is appended to `MIGRATIONS` and raises
//! `SCHEMA_VERSION` (docs/team-store.md, "Changing the schema").

use tokio_postgres::{Client, GenericClient};

use crate::SyncError;
use crate::address::Address;
use crate::error::server_error;

struct Migration {
    version: i32,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, sql: include_str!("migrations/0001_journal.sql") },
    Migration { version: 2, sql: include_str!("migrations/0002_insert_only.sql") },
];

/// The newest schema this client knows (and creates).
pub const SCHEMA_VERSION: i32 = 2;

/// The advisory lock two clients migrating one server at once take in turn ("RWAY" and 1).
const MIGRATION_LOCK: i64 = 0x5257_4159_0000_0001;

/// Whether `runway_meta` exists where this login creates tables. Read from `pg_class` with the
/// statement's own snapshot: `to_regclass` answers from the session's catalog cache, which after
/// waiting for `MIGRATION_LOCK` may still say "absent" for the table another client just made.
const META_EXISTS: &str = "SELECT EXISTS (SELECT FROM pg_catalog.pg_class \
     WHERE relname = 'runway_meta' AND relnamespace = current_schema()::regnamespace)";

/// The server's schema version; 0 when it has no Runway schema at all.
async fn version(client: &impl GenericClient) -> Result<i32, tokio_postgres::Error> {
    let exists: bool = client.query_one(META_EXISTS, &[]).await?.get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client.query_one("SELECT schema_version FROM runway_meta", &[]).await?.get(0))
}

fn refuse_newer(address: &Address, found: i32) -> Result<(), SyncError> {
    if found > SCHEMA_VERSION {
        return Err(SyncError::NewerSchema { place: address.place.clone(), found, known: SCHEMA_VERSION });
    }
    Ok(())
}

/// Makes the server's schema this client's: nothing to do when it already is (one query), else
/// every missing migration in one transaction, under a lock so that two clients do it once.
pub(crate) async fn prepare(client: &mut Client, address: &Address) -> Result<(), SyncError> {
    let fail = |e: tokio_postgres::Error| server_error(address, &e);
    let found = version(client).await.map_err(fail)?;
    refuse_newer(address, found)?;
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = client.transaction().await.map_err(fail)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(fail)?;
    // Another client may have migrated it while this one waited for the lock.
    let found = version(&tx).await.map_err(fail)?;
    refuse_newer(address, found)?;
    for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
        tx.batch_execute(migration.sql).await.map_err(fail)?;
        tx.execute("UPDATE runway_meta SET schema_version = $1", &[&migration.version]).await.map_err(fail)?;
    }
    tx.commit().await.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_run_in_order_up_to_the_schema_version() {
        let versions: Vec<i32> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(versions, (1..=SCHEMA_VERSION).collect::<Vec<_>>());
    }

    #[test]
    fn a_migration_leaves_the_transaction_to_the_runner() {
        for m in MIGRATIONS {
            let upper = m.sql.to_uppercase();
            assert!(!upper.contains("BEGIN;") && !upper.contains("COMMIT"), "migration {}", m.version);
        }
    }
}
