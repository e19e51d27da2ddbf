//! One process owns an open plan. The owner holds an exclusive advisory lock (`flock`) on the plan
//! file for as long as it has the plan open; a second owner — another window, the CLI writing —
//! is refused with [`Error::Busy`] instead of sharing the file (and its undo stack) silently.
//! Replacing a file (New, Save As, `demo --force`, an export) takes the same lock on the file it
//! replaces, so nothing ever removes or renames over a plan another process holds.
//!
//! Readers take no lock: in WAL mode a reader sees a consistent snapshot, and a replaced file stays
//! readable through the descriptors a reader already has.
//!
//! Two details of POSIX locking shape this module:
//! - `flock` locks (ours) and `fcntl` locks (SQLite's) are independent on Linux, so ours does not
//!   get in SQLite's way.
//! - Closing *any* descriptor of a file drops every `fcntl` lock the process holds on it, which
//!   would silently drop SQLite's. So this process never opens a file it already holds as a plan:
//!   the plans it holds are kept in [`HELD`] by device and inode, looked up with `stat` (no
//!   descriptor), and the header is read through the lock's own descriptor.

use std::collections::BTreeSet;
use std::fs::{File, TryLockError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use crate::error::{Error, Result};

/// (device, inode) of every plan file this process holds open as its owner.
static HELD: Mutex<BTreeSet<FileId>> = Mutex::new(BTreeSet::new());

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct FileId {
    dev: u64,
    ino: u64,
}

/// The identity of the file at `path` (whose metadata is `meta`): device and inode.
fn file_id(path: &Path, meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        FileId { dev: meta.dev(), ino: meta.ino() }
    }
    #[cfg(not(unix))]
    {
        // No inode numbers in std here: the canonical path stands for the file (stable while it
        // is open, unlike its size or times).
        use std::hash::{Hash, Hasher};
        let _ = meta;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()).hash(&mut h);
        FileId { dev: 0, ino: h.finish() }
    }
}

fn held() -> MutexGuard<'static, BTreeSet<FileId>> {
    HELD.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// True when this process holds the plan at `path` open.
pub fn held_here(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| held().contains(&file_id(path, &m)))
}

/// The owner's lock on an open plan, released when dropped (after the connection: see
/// [`super::Plan`]'s field order).
#[derive(Debug)]
pub struct PlanLock {
    file: File,
    id: FileId,
    path: PathBuf,
}

impl PlanLock {
    /// Takes the plan at `path` for this process. Refused with [`Error::Busy`] when another
    /// process (or this one) holds it.
    pub fn acquire(path: &Path) -> Result<PlanLock> {
        // A file renamed over `path` between our open and our lock would leave us holding a file
        // nobody else can reach: take the lock, then check `path` still names what we locked.
        for _ in 0..5 {
            if held_here(path) {
                return Err(Error::busy_here(path));
            }
            let file = File::open(path).map_err(|e| Error::io(format!("cannot open {}", path.display()), e))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Err(Error::busy(path)),
                Err(TryLockError::Error(e)) => {
                    return Err(Error::io(format!("cannot lock {}", path.display()), e));
                }
            }
            let meta = file.metadata().map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
            let id = file_id(path, &meta);
            let still_there = std::fs::metadata(path).is_ok_and(|m| file_id(path, &m) == id);
            if !still_there {
                continue;
            }
            if !held().insert(id) {
                return Err(Error::busy_here(path));
            }
            return Ok(PlanLock { file, id, path: path.to_owned() });
        }
        Err(Error::busy(path))
    }

    /// The same lock, now that its file has been renamed to `path` (a lock belongs to the file).
    pub fn renamed(mut self, path: &Path) -> PlanLock {
        path.clone_into(&mut self.path);
        // Where the identity is the path (no inodes), the registry follows the new name.
        if let Ok(meta) = std::fs::metadata(path) {
            let id = file_id(path, &meta);
            let mut held = held();
            held.remove(&self.id);
            held.insert(id);
            self.id = id;
        }
        self
    }

    /// The first `n` bytes of the locked file (the SQLite header), read through the lock's own
    /// descriptor so no other descriptor of the plan is opened and closed.
    pub fn read_head(&self, buf: &mut [u8]) -> Result<usize> {
        let mut n = 0;
        let mut f = &self.file;
        use std::io::Seek;
        f.seek(std::io::SeekFrom::Start(0))
            .map_err(|e| Error::io(format!("cannot read {}", self.path.display()), e))?;
        while n < buf.len() {
            match f.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::io(format!("cannot read {}", self.path.display()), e)),
            }
        }
        Ok(n)
    }
}

impl Drop for PlanLock {
    fn drop(&mut self) {
        held().remove(&self.id);
        // Closing the descriptor releases the flock.
    }
}

/// Permission to replace (or remove) whatever is at `path`: held while a new file is renamed over
/// it. When `path` is a plan another process holds, refused with [`Error::Busy`]; when this process
/// holds it, with [`Error::Conflict`].
#[derive(Debug)]
pub struct ReplaceGuard {
    _file: Option<File>,
}

impl ReplaceGuard {
    pub fn acquire(path: &Path) -> Result<ReplaceGuard> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReplaceGuard { _file: None }),
            Err(e) => return Err(Error::io(format!("cannot read {}", path.display()), e)),
        };
        if !meta.is_file() {
            return Err(Error::Conflict(format!("{} is not a file", path.display())));
        }
        if held().contains(&file_id(path, &meta)) {
            return Err(Error::Conflict(format!(
                "{} is the plan you have open; choose another file name",
                path.display()
            )));
        }
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReplaceGuard { _file: None }),
            Err(e) => return Err(Error::io(format!("cannot open {}", path.display()), e)),
        };
        match file.try_lock() {
            Ok(()) => Ok(ReplaceGuard { _file: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(Error::busy(path)),
            Err(TryLockError::Error(e)) => Err(Error::io(format!("cannot lock {}", path.display()), e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_has_one_owner_and_is_free_again_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.runway");
        std::fs::write(&path, b"x").unwrap();
        let lock = PlanLock::acquire(&path).unwrap();
        assert!(held_here(&path));
        let again = PlanLock::acquire(&path).unwrap_err();
        assert_eq!(again.code(), crate::error::ErrorCode::Busy, "{again}");
        assert!(matches!(ReplaceGuard::acquire(&path), Err(Error::Conflict(_))));
        drop(lock);
        assert!(!held_here(&path));
        let _ = PlanLock::acquire(&path).unwrap();
        let _ = ReplaceGuard::acquire(&path).unwrap();
        let _ = ReplaceGuard::acquire(&dir.path().join("missing.runway")).unwrap();
    }
}
