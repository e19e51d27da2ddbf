//! Writing files so that a crash leaves either the old content or the new, never a torn file.
//!
//! Temporary files get an unpredictable name beside their target (64 random bits from the
//! standard library's per-process random hash keys) and are created exclusively (`O_EXCL`): a
//! file or a symbolic link planted at that name makes the write fail, it is never followed or
//! reused.

use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// 64 bits nobody outside this process can predict: `RandomState`'s keys come from the operating
/// system's random source; the counter and the clock make each call's input differ.
fn unpredictable() -> u64 {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(CALLS.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    h.finish()
}

/// A temporary name beside `path`, in the same folder (so a rename is atomic), that no other
/// program can guess: `.<name>.<16 hex digits>.tmp`.
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{:016x}.tmp", unpredictable()))
}

/// Creates `tmp` for writing only if nothing (no file, no symbolic link) is there yet.
pub fn create_new(tmp: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).open(tmp)
}

/// Writes `bytes` to a temporary file, syncs it, renames it over `path` and syncs the folder.
/// Refused when `path` is a plan another process holds (or the one this process has open).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let _replacing = crate::lock::ReplaceGuard::acquire(path)?;
    let tmp = temp_beside(path);
    let mut created = false;
    let mut write = || -> std::io::Result<()> {
        let mut f = create_new(&tmp)?;
        created = true;
        f.write_all(bytes)?;
        f.sync_all()
    };
    if let Err(e) = write() {
        if created {
            let _ = std::fs::remove_file(&tmp);
        }
        return Err(Error::io(format!("cannot write {}", path.display()), e));
    }
    replace_with(&tmp, path)
}

/// Renames a finished, synced file over `path` and syncs the folder.
pub fn replace_with(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(tmp);
        Error::io(format!("cannot write {}", path.display()), e)
    })?;
    sync_dir(path);
    Ok(())
}

/// Syncs the folder holding `path`, so a rename survives a power cut (best effort).
pub fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_unpredictable_and_beside_the_target() {
        let target = Path::new("/plans/q1.runway");
        let names: std::collections::BTreeSet<PathBuf> = (0..1000).map(|_| temp_beside(target)).collect();
        assert_eq!(names.len(), 1000, "every call gives a new name");
        for n in &names {
            assert_eq!(n.parent(), target.parent());
            let file = n.file_name().unwrap().to_string_lossy().into_owned();
            assert!(file.starts_with(".q1.runway.") && file.ends_with(".tmp"), "{file}");
            let hex = &file[".q1.runway.".len()..file.len() - ".tmp".len()];
            assert!(hex.len() == 16 && hex.chars().all(|c| c.is_ascii_hexdigit()), "{file}");
        }
    }

    #[test]
    fn a_symbolic_link_at_the_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let tmp = dir.path().join(".out.json.0123456789abcdef.tmp");
        std::os::unix::fs::symlink(&victim, &tmp).unwrap();
        assert!(create_new(&tmp).is_err(), "create_new refuses an existing link");
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me");
    }

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        std::fs::write(&out, b"old").unwrap();
        write_atomically(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
    }

    #[test]
    fn a_symbolic_link_as_the_target_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").unwrap();
        let out = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, &out).unwrap();
        write_atomically(&out, b"new").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"keep me", "the link's target is untouched");
        assert!(!std::fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
    }
}
