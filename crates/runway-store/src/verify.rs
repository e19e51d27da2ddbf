//! `runway verify`: is the plan file sound, and is its history untouched?

use rusqlite::Connection;

use crate::audit::{self, ChainCheck};
use crate::error::Result;
use crate::file::{self as store, APPLICATION_ID, LATEST_VERSION};

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
        ChainCheck::Intact { entries, head } => Check {
            name: "audit chain",
            ok: true,
            detail: format!("{entries} entries intact, head {}", head.chars().take(16).collect::<String>()),
        },
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

    checks.push(decisions(conn)?);

    Ok(VerifyReport { checks })
}

/// The decisions and evidence the gates read match what the audit log recorded, and every
/// release's moves lead to the stage it is in: a decision written into the plan behind Runway's
/// back (a sign-off inserted with plain SQL) is found here.
fn decisions(conn: &Connection) -> Result<Check> {
    use std::collections::BTreeMap;

    use runway_domain::{Event, EventKind, lifecycle::replay};

    let fail = |detail: String| Ok(Check { name: "decisions", ok: false, detail });
    let stored: Vec<(i64, Event)> = match crate::tables::events::all_events(conn) {
        Ok(events) => events,
        Err(e) => return fail(format!("the decisions cannot be read: {e}")),
    };
    let mut audited: BTreeMap<u64, (i64, Event)> = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT seq, after FROM audit WHERE entity = 'release' AND action IN ('move', 'decide', 'revoke') ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (seq, after): (i64, Option<String>) = (r.get(0)?, r.get(1)?);
        match after.as_deref().map(serde_json::from_str::<Event>) {
            Some(Ok(e)) => {
                audited.insert(e.id, (seq, e));
            }
            _ => return fail(format!("audit entry #{seq} does not hold a readable decision")),
        }
    }
    for (_, e) in &stored {
        match audited.remove(&e.id) {
            None => {
                return fail(format!(
                    "decision #{} on {} ({}) is not in the audit log: it was written behind Runway's back",
                    e.id,
                    e.release,
                    e.what.summary()
                ));
            }
            Some((seq, a)) if &a != e => {
                return fail(format!(
                    "decision #{} on {} differs from what audit entry #{seq} recorded ({} / {})",
                    e.id,
                    e.release,
                    e.what.summary(),
                    a.what.summary()
                ));
            }
            Some(_) => {}
        }
    }
    if let Some((id, (seq, _))) = audited.into_iter().next() {
        return fail(format!("audit entry #{seq} records decision #{id}, which is missing from the plan"));
    }
    // Each release's moves replay from Draft to the stage it is in.
    let statuses: BTreeMap<i64, (String, String)> = conn
        .prepare("SELECT id, key, status FROM release")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut per_release: BTreeMap<i64, Vec<Event>> = BTreeMap::new();
    for (id, e) in stored {
        per_release.entry(id).or_default().push(e);
    }
    let mut moves = 0usize;
    for (id, events) in &per_release {
        if !events.iter().any(|e| matches!(e.what, EventKind::Transition { .. })) {
            continue;
        }
        moves += 1;
        let (key, status) = &statuses[id];
        match replay(events) {
            Err(m) => return fail(format!("the moves of {key} do not follow the lifecycle: {m}")),
            Ok(s) if s.as_str() != status => {
                return fail(format!("{key} is in {status} but its recorded moves end in {}", s.as_str()));
            }
            Ok(_) => {}
        }
    }
    let n: usize = per_release.values().map(Vec::len).sum();
    Ok(Check {
        name: "decisions",
        ok: true,
        detail: format!("{n} decisions and moves match the audit log; {moves} releases' moves lead to their stage"),
    })
}
