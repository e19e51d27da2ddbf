//! Writing files so that a crash leaves either the old content or the new, never a torn file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A temporary name beside `path`, in the same folder (so a rename is atomic).
pub fn temp_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to a temporary file, syncs it, renames it over `path` and syncs the folder.
/// Refused when `path` is a plan another process holds (or the one this process has open).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let _replacing = crate::lock::ReplaceGuard::acquire(path)?;
    let tmp = temp_beside(path);
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    if let Err(e) = write() {
        let _ = std::fs::remove_file(&tmp);
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
