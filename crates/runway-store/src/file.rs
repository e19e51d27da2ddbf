//! The plan file: one SQLite database per plan, opened with the settings that keep a decision from
//! being lost, refused when it is not ours or is newer than us, migrated with a backup first.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
pub use crate::lock::{PlanLock, ReplaceGuard, held_here};
pub use crate::migrations::{LATEST_VERSION, MIGRATIONS, Migration};
use crate::{fsutil, migrations};

/// SQLite's `application_id` for Runway plans: "RWAY".
pub const APPLICATION_ID: u32 = 0x5257_4159;
/// The file name extension of a plan.
pub const EXTENSION: &str = "runway";

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the database header says, read from the bytes without opening the file through SQLite,
/// so a refused file is never touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub user_version: u32,
    pub application_id: u32,
}

/// Reads and checks the header of an existing plan file. Never called on a plan this process
/// holds (closing a descriptor of it would drop SQLite's locks): owners read it through their lock.
pub fn read_header(path: &Path) -> Result<Header> {
    if held_here(path) {
        return Err(Error::busy_here(path));
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(format!("cannot open {}", path.display()), e))?;
    let mut head = [0u8; 100];
    let mut n = 0;
    while n < head.len() {
        match file.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        }
    }
    check_header(path, &head[..n])
}

/// Checks the first bytes of a file (up to 100) as a plan's header.
fn check_header(path: &Path, head: &[u8]) -> Result<Header> {
    let not_a_plan = |reason: &str| Error::NotAPlan { path: path.to_owned(), reason: reason.to_owned() };
    let n = head.len();
    if n == 0 {
        return Err(not_a_plan("the file is empty"));
    }
    if n < 100 || &head[..16] != SQLITE_MAGIC {
        return Err(not_a_plan("it is not an SQLite database (the file header is not SQLite's)"));
    }
    let be = |at: usize| u32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    let header = Header { user_version: be(60), application_id: be(68) };
    if header.application_id != APPLICATION_ID {
        return Err(not_a_plan(&format!(
            "it is an SQLite database of another application (application id {:#010x})",
            header.application_id
        )));
    }
    if header.user_version > LATEST_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_owned(),
            found: header.user_version,
            supported: LATEST_VERSION,
        });
    }
    if header.user_version == 0 {
        return Err(not_a_plan("it has no Runway schema (was its creation interrupted?)"));
    }
    Ok(header)
}

/// A plan opened by its owner: the connection, and the lock that keeps every other process from
/// writing it. The connection is declared first so it closes before the lock is released.
#[derive(Debug)]
pub struct Owned {
    pub conn: Connection,
    pub lock: PlanLock,
}

/// Opens an existing plan for reading and writing, migrating it to the latest schema (after a
/// backup) when it is older. Refused with [`Error::Busy`] when another process holds it.
pub fn open(path: &Path) -> Result<Owned> {
    let lock = PlanLock::acquire(path)?;
    let mut head = [0u8; 100];
    let n = lock.read_head(&mut head)?;
    check_header(path, &head[..n])?;
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, true)?;
    check_ids(&conn, path)?;
    if migrations::migrate(&conn, path, MIGRATIONS)? {
        // Put the new schema version into the main file's header now (best effort: a reader
        // may keep part of it in the log, where SQLite still finds it).
        checkpoint(&conn)?;
    }
    crate::write::allow_writes(&conn, false)?;
    Ok(Owned { conn, lock })
}

/// Opens an existing plan for reading only, without taking it from its owner: the CLI's reports
/// and listings work while the app has the plan open. A plan of an older schema cannot be read
/// this way (it must be migrated first, which only its owner may do): `Ok(None)`.
pub fn open_read_only(path: &Path) -> Result<Option<Connection>> {
    let header = read_header(path)?;
    if header.user_version < LATEST_VERSION {
        return Ok(None);
    }
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY, false)?;
    conn.pragma_update(None, "query_only", "ON")?;
    // A plan left by a crash can hold a write-ahead log that must be recovered before it is read,
    // which a read-only connection may not do: it is then opened as its owner, which recovers it.
    let needs_owner =
        |e: &Error| matches!(e, Error::Sqlite(s) if s.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly));
    match check_ids(&conn, path).and_then(|()| schema_version(&conn)) {
        Err(e) if needs_owner(&e) => Ok(None),
        Err(e) => Err(e),
        Ok(v) if v < LATEST_VERSION => Ok(None),
        Ok(_) => Ok(Some(conn)),
    }
}

/// The header in the main file can lag behind a WAL left by a crash: check again through SQLite.
fn check_ids(conn: &Connection, path: &Path) -> Result<()> {
    let (app_id, version) = ids(conn)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotAPlan {
            path: path.to_owned(),
            reason: "its application id changed in the write-ahead log".into(),
        });
    }
    if version > LATEST_VERSION {
        return Err(Error::NewerSchema { path: path.to_owned(), found: version, supported: LATEST_VERSION });
    }
    if version == 0 {
        return Err(Error::NotAPlan { path: path.to_owned(), reason: "it has no Runway schema".into() });
    }
    crate::schema_check::check(conn, path, version)
}

/// Creates a new, empty plan at `path` and opens it as its owner. Refuses when the file exists
/// unless `overwrite` is set, and always when another process holds the file there. The plan is
/// built beside the target and renamed into place when complete, so an existing file is replaced
/// only by a whole new plan, and a crash never leaves half a plan at `path`.
pub fn create(path: &Path, overwrite: bool) -> Result<Owned> {
    if path.exists() && !overwrite {
        return Err(Error::Conflict(format!("{} already exists", path.display())));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    let replacing = ReplaceGuard::acquire(path)?;
    let tmp = fsutil::temp_beside(path);
    remove_plan_files(&tmp)?;
    let built = (|| {
        // The identity and the first schema are written in rollback-journal mode, so they are in
        // the main file's header at once: another process, or this one after a crash, recognises
        // the file as a plan even while later changes still sit in the write-ahead log.
        let conn = connect(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE, false)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID as i64)?;
        migrations::migrate(&conn, &tmp, MIGRATIONS)?;
        drop(conn);
        sync_file(&tmp)?;
        // The lock is taken on the new file before it gets its name, so no other process can
        // take it in between (a lock belongs to the file, not to its name).
        PlanLock::acquire(&tmp)
    })();
    let lock = match built {
        Ok(lock) => lock,
        Err(e) => {
            let _ = remove_plan_files(&tmp);
            return Err(e);
        }
    };
    remove_plan_files_but_main(path)?;
    fsutil::replace_with(&tmp, path)?;
    drop(replacing);
    let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE, true)?;
    crate::write::allow_writes(&conn, false)?;
    Ok(Owned { conn, lock: lock.renamed(path) })
}

/// Copies an open plan to `dest` in one consistent snapshot (`VACUUM INTO` a file beside it, synced,
/// then renamed over `dest`): an existing `dest` is replaced only by a complete copy, and never
/// when another process holds it.
pub fn copy_to(conn: &Connection, dest: &Path, overwrite: bool) -> Result<()> {
    copy(conn, dest, overwrite, None).map(drop)
}

/// [`copy_to`], then opens the copy as its owner (Save As).
pub fn copy_and_open(conn: &Connection, dest: &Path, overwrite: bool) -> Result<Owned> {
    let lock = copy(conn, dest, overwrite, None)?;
    opened_copy(dest, lock)
}

/// A change made to a copy before it takes its place (its connection and its file, whose
/// identity the renamed copy keeps).
pub type Prepare<'a> = &'a dyn Fn(&mut Connection, &Path) -> Result<()>;

/// [`copy_and_open`], with `prepare` run on the whole copy before it is renamed into place (Save
/// As gives it its own replica id there): a kill at any moment leaves the old file or the whole
/// new one, never a copy with a change still to recover.
pub fn copy_and_open_prepared(conn: &Connection, dest: &Path, overwrite: bool, prepare: Prepare<'_>) -> Result<Owned> {
    let lock = copy(conn, dest, overwrite, Some(prepare))?;
    opened_copy(dest, lock)
}

fn opened_copy(dest: &Path, lock: PlanLock) -> Result<Owned> {
    let conn = connect(dest, OpenFlags::SQLITE_OPEN_READ_WRITE, true)?;
    check_ids(&conn, dest)?;
    crate::write::allow_writes(&conn, false)?;
    Ok(Owned { conn, lock })
}

fn copy(conn: &Connection, dest: &Path, overwrite: bool, prepare: Option<Prepare<'_>>) -> Result<PlanLock> {
    if dest.exists() && !overwrite {
        return Err(Error::Conflict(format!("{} already exists", dest.display())));
    }
    let replacing = ReplaceGuard::acquire(dest)?;
    let tmp = fsutil::temp_beside(dest);
    remove_plan_files(&tmp)?;
    let tmp_str = tmp.to_str().ok_or_else(|| Error::Internal(format!("{} is not valid UTF-8", tmp.display())))?;
    // VACUUM INTO writes only the new file, but a query-only connection refuses it.
    let vacuum = || -> Result<()> {
        let only_reading: bool = conn.pragma_query_value(None, "query_only", |r| r.get(0))?;
        crate::write::allow_writes(conn, true)?;
        let done = conn.execute("VACUUM INTO ?1", [tmp_str]).map(drop).map_err(Error::from);
        crate::write::allow_writes(conn, !only_reading)?;
        done
    };
    // The copy's own change, in rollback-journal mode: committed into the file itself, not into a
    // write-ahead log that a kill could leave to recover.
    let prepared = || -> Result<()> {
        let Some(prepare) = prepare else { return Ok(()) };
        let mut c = Connection::open(&tmp)?;
        c.pragma_update(None, "journal_mode", "DELETE")?;
        c.pragma_update(None, "foreign_keys", "ON")?;
        c.pragma_update(None, "synchronous", "FULL")?;
        prepare(&mut c, &tmp)?;
        // Back to WAL before it takes its place, so opening it there writes nothing (a switch
        // of journal mode at the destination would be a write a kill could cut short). Closing
        // the last connection checkpoints and removes the log.
        let mode: String = c.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Internal(format!("{} would not take the WAL journal mode ({mode})", tmp.display())));
        }
        c.close().map_err(|(_, e)| Error::from(e))
    };
    let made = vacuum().and_then(|()| prepared()).and_then(|()| sync_file(&tmp)).and_then(|()| PlanLock::acquire(&tmp));
    let lock = match made {
        Ok(lock) => lock,
        Err(e) => {
            let _ = remove_plan_files(&tmp);
            return Err(match e {
                Error::Sqlite(e) => Error::io(format!("cannot write {}", dest.display()), std::io::Error::other(e)),
                e => e,
            });
        }
    };
    remove_plan_files_but_main(dest)?;
    fsutil::replace_with(&tmp, dest)?;
    drop(replacing);
    Ok(lock.renamed(dest))
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))
}

/// True when `a` and `b` name the same file, however spelled (symbolic links, `..`, case on a
/// case-insensitive disk). A path that does not exist yet is compared through its folder.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
        use std::os::unix::fs::MetadataExt;
        return ma.dev() == mb.dev() && ma.ino() == mb.ino();
    }
    let canonical = |p: &Path| -> Option<PathBuf> {
        std::fs::canonicalize(p).ok().or_else(|| {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(std::fs::canonicalize(dir).ok()?.join(p.file_name()?))
        })
    };
    matches!((canonical(a), canonical(b)), (Some(x), Some(y)) if x == y)
}

/// Removes the journal files of a plan about to be replaced, so they are never applied to the
/// new file.
fn remove_plan_files_but_main(path: &Path) -> Result<()> {
    remove_with_suffixes(path, &["-wal", "-shm", "-journal"])
}

fn remove_plan_files(path: &Path) -> Result<()> {
    remove_with_suffixes(path, &["", "-wal", "-shm", "-journal"])
}

fn remove_with_suffixes(path: &Path, suffixes: &[&str]) -> Result<()> {
    for suffix in suffixes {
        let p = PathBuf::from(format!("{}{suffix}", path.display()));
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(format!("cannot replace {}", p.display()), e)),
        }
    }
    Ok(())
}

fn connect(path: &Path, flags: OpenFlags, wal: bool) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| Error::NotAPlan { path: path.to_owned(), reason: format!("SQLite cannot open it ({e})") })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    // rusqlite keeps 16 prepared statements by default; an import's write path uses more, and
    // evicting them made SQLite parse the same SQL for every row.
    conn.set_prepared_statement_cache_capacity(128);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    if wal {
        use_wal(&conn, path)?;
    }
    Ok(conn)
}

fn use_wal(conn: &Connection, path: &Path) -> Result<()> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("could not switch {} to WAL (journal mode is {mode})", path.display())));
    }
    Ok(())
}

fn ids(conn: &Connection) -> Result<(u32, u32)> {
    let app: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok((app as u32, version as u32))
}

/// What a checkpoint achieved: whether the `.runway` file alone now holds every committed edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    /// Frames in the write-ahead log, and how many of them are now in the main file.
    pub log_frames: i64,
    pub checkpointed: i64,
    /// Another connection (a reader) kept the checkpoint from finishing.
    pub busy: bool,
}

impl Checkpoint {
    /// True when the main file holds everything committed.
    pub fn complete(&self) -> bool {
        !self.busy && self.checkpointed >= self.log_frames
    }
}

/// Moves everything it can from the write-ahead log into the main file and truncates the log,
/// and says whether it could move all of it.
pub fn checkpoint(conn: &Connection) -> Result<Checkpoint> {
    let (busy, log_frames, checkpointed): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(Checkpoint { log_frames, checkpointed, busy: busy != 0 })
}

/// The schema version of an open plan.
pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(ids(conn)?.1)
}

/// The application id of an open plan.
pub fn application_id(conn: &Connection) -> Result<u32> {
    Ok(ids(conn)?.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan left by a crash with its write-ahead log and its index beside it (as a kill after
    /// Save As leaves the copy) is read with its last commit, and its owner recovers it.
    #[test]
    fn a_plan_a_crash_left_with_its_log_is_read_with_its_last_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.runway");
        drop(create(&path, false).unwrap());
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; INSERT INTO meta (key, value) VALUES ('crash', 'test')")
            .unwrap();
        let copy = dir.path().join("b.runway");
        std::fs::copy(&path, &copy).unwrap();
        for side in ["-wal", "-shm"] {
            std::fs::copy(format!("{}{side}", path.display()), format!("{}{side}", copy.display())).unwrap();
        }
        std::mem::forget(raw); // the process "dies" without closing
        match open_read_only(&copy) {
            Ok(None) => {}
            Ok(Some(conn)) => {
                let v: String = conn.query_row("SELECT value FROM meta WHERE key = 'crash'", [], |r| r.get(0)).unwrap();
                assert_eq!(v, "test");
            }
            Err(e) => panic!("refused: {e}"),
        }
        let o = open(&copy).unwrap();
        let v: String = o.conn.query_row("SELECT value FROM meta WHERE key = 'crash'", [], |r| r.get(0)).unwrap();
        assert_eq!(v, "test", "the owner recovered the committed row from the log");
    }
}
