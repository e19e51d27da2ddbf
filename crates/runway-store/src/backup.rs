//! Snapshots of an open plan through SQLite's online backup API, and reading one back.
//!
//! A snapshot is taken on the owner's own connection (this process never opens a second
//! descriptor of a plan it holds), into a file with an unpredictable name created exclusively
//! beside the target, synced, then renamed into place: a crash leaves no half backup under a
//! backup's name. The copy is switched out of WAL, so the one file is the whole snapshot.

use std::path::Path;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::{audit, fsutil};

/// What a snapshot holds, read from the file itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The audit log's newest entry: its number and hash.
    pub audit_seq: i64,
    pub audit_hash: String,
    pub releases: u32,
    pub schema_version: u32,
}

/// Writes a consistent copy of the plan `conn` is open on to `dest` (which must not exist yet).
pub fn snapshot(conn: &Connection, dest: &Path) -> Result<()> {
    if dest.exists() {
        return Err(Error::Conflict(format!("{} already exists", dest.display())));
    }
    let tmp = fsutil::temp_beside(dest);
    let io = |e: std::io::Error| Error::io(format!("cannot write the backup {}", dest.display()), e);
    drop(fsutil::create_new(&tmp).map_err(io)?);
    let copy = || -> Result<()> {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NOFOLLOW | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut to = Connection::open_with_flags(&tmp, flags)?;
        {
            let backup = Backup::new(conn, &mut to)?;
            // All pages in one step: the owner's connection is ours for the duration anyway.
            match backup.step(-1)? {
                StepResult::Done => {}
                other => return Err(Error::Internal(format!("the backup stopped before the end ({other:?})"))),
            }
        }
        to.pragma_update(None, "journal_mode", "DELETE")?;
        to.close().map_err(|(_, e)| Error::from(e))?;
        std::fs::File::open(&tmp).and_then(|f| f.sync_all()).map_err(io)
    };
    if let Err(e) = copy() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if dest.exists() {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Conflict(format!("{} already exists", dest.display())));
    }
    fsutil::replace_with(&tmp, dest)
}

/// Opens a snapshot to read it: refused, untouched, when it is not a plan or is newer than us.
/// An older schema is read as it is (a backup taken before an upgrade).
pub fn open(path: &Path) -> Result<Connection> {
    crate::read_header(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NOFOLLOW | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|e| Error::NotAPlan { path: path.to_owned(), reason: format!("SQLite cannot open it ({e})") })?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "query_only", "ON")?;
    Ok(conn)
}

/// The audit head, the number of releases and the schema of a snapshot.
pub fn facts(path: &Path) -> Result<Facts> {
    let conn = open(path)?;
    let (audit_seq, audit_hash) = audit::head(&conn)?;
    let releases = crate::tables::releases::count(&conn)?;
    let schema_version = crate::schema_version(&conn)?;
    Ok(Facts { audit_seq, audit_hash, releases, schema_version })
}

/// Copies a snapshot to `dest` as a plan of its own (a consistent copy, written beside `dest` and
/// renamed into place; an existing `dest` only when `overwrite`, never one another process holds).
pub fn restore(path: &Path, dest: &Path, overwrite: bool) -> Result<()> {
    let conn = open(path)?;
    crate::copy_to(&conn, dest, overwrite)
}
