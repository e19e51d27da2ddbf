//! `runway verify`: is the plan file sound, and is its history untouched?

use rusqlite::Connection;

use crate::audit::{self, ChainCheck};
use crate::error::Result;
use crate::store::{self, APPLICATION_ID, LATEST_VERSION};

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checks: Vec<Check>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    /// The first failing check, for a one-line reason.
    pub fn first_failure(&self) -> Option<&Check> {
        self.checks.iter().find(|c| !c.ok)
    }
}

pub fn run(conn: &Connection) -> Result<VerifyReport> {
    let mut checks = Vec::new();

    let integrity: Vec<String> =
        conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let ok = integrity == ["ok"];
    checks.push(Check { name: "integrity", ok, detail: if ok { "ok".into() } else { integrity.join("; ") } });

    let fk: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| {
            Ok(format!(
                "{} row {} points to a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    checks.push(Check {
        name: "foreign keys",
        ok: fk.is_empty(),
        detail: if fk.is_empty() { "ok".into() } else { fk.into_iter().take(5).collect::<Vec<_>>().join("; ") },
    });

    let version = store::schema_version(conn)?;
    let app = store::application_id(conn)?;
    let ok = version == LATEST_VERSION && app == APPLICATION_ID;
    checks.push(Check {
        name: "schema",
        ok,
        detail: if ok {
            format!("version {version}")
        } else {
            format!("version {version}, application id {app:#010x} (expected version {LATEST_VERSION}, id {APPLICATION_ID:#010x})")
        },
    });

    checks.push(match audit::verify_chain(conn)? {
        ChainCheck::Intact { entries, head } => {
            Check { name: "audit chain", ok: true, detail: format!("{entries} entries intact, head {}", &head[..16]) }
        }
        ChainCheck::Broken { reason, .. } => Check { name: "audit chain", ok: false, detail: reason },
    });
    let guards: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'
         AND name IN ('audit_no_update', 'audit_no_delete', 'event_no_update', 'event_no_delete')",
        [],
        |r| r.get(0),
    )?;
    checks.push(Check {
        name: "audit guards",
        ok: guards == 4,
        detail: if guards == 4 {
            "the audit log and the decisions refuse changes and deletions".into()
        } else {
            "a trigger that keeps the audit log or the decisions append-only has been removed".into()
        },
    });

    Ok(VerifyReport { checks })
}
