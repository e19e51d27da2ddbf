//! Automatic backups of the open plan (issue 19): rotating snapshots taken through SQLite's
//! online backup API on the owner's connection, in the app's data folder, one folder per plan
//! (`backups/<plan name>-<hash of its path>/`), the newest `keep` kept. A backup is restored as a
//! new plan file, never over the open plan. The session decides when (at most hourly while edits
//! happen, and when a plan is closed); this module does the work.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Planner;
use crate::error::{Error, Result};
use crate::store::{self, audit};

/// How many backups a plan keeps unless the user says otherwise.
pub const DEFAULT_KEEP: u32 = 10;
/// The most a user may ask to keep.
pub const KEEP_MAX: u32 = 100;
/// A backup is taken at most this often while edits happen.
pub const INTERVAL: Duration = Duration::from_secs(60 * 60);

const STAMP: &str = "%Y-%m-%dT%H-%M-%S%.3f";

/// One backup, as File → Restore from backup… lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BackupInfo {
    /// The file name in the plan's backup folder: what restoring asks for.
    pub name: String,
    /// When it was taken (RFC 3339, UTC).
    pub taken_at: String,
    /// Its size in bytes.
    pub size: u64,
    /// The audit log's newest entry in it: number and hash.
    pub audit_seq: i64,
    pub audit_hash: String,
    pub releases: u32,
}

/// The open plan's backups, newest first, and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Backups {
    pub folder: String,
    /// How many are kept.
    pub keep: u32,
    pub backups: Vec<BackupInfo>,
    /// Files in the folder that could not be read as backups, each with why.
    pub unreadable: Vec<String>,
}

/// The folder of `plan`'s backups: its name (made safe for a file name) and a hash of its path,
/// so two plans of the same name keep apart.
pub fn folder_for(data_dir: &Path, plan: &Path) -> PathBuf {
    let plan = std::path::absolute(plan).unwrap_or_else(|_| plan.to_owned());
    let stem = plan.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let safe: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.') { c } else { '_' })
        .take(60)
        .collect();
    let safe = safe.trim_start_matches('.');
    // FNV-1a: stable across builds and platforms (the folder must be found again next year).
    let hash = plan
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3));
    data_dir.join("backups").join(format!("{}-{hash:016x}", if safe.is_empty() { "plan" } else { safe }))
}

/// When a backup of this name was taken: `2026-11-22T10-15-30.123Z.runway` (a `-2` after the `Z`
/// when two fall in the same millisecond). None for a file Runway did not name.
fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_suffix(".runway")?.split('Z').next()?;
    NaiveDateTime::parse_from_str(stamp, STAMP).ok().map(|t| t.and_utc())
}

/// The backups in `folder`, oldest first, by name (file names Runway did not make are left alone).
fn names(folder: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(Error::io(format!("cannot read {}", folder.display()), e)),
    };
    let mut names: Vec<(DateTime<Utc>, String)> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| Some((taken_at(&n)?, n)))
        .collect();
    names.sort();
    Ok(names.into_iter().map(|(_, n)| n).collect())
}

/// Lists the backups in `folder`, newest first; a file that cannot be read is named with why.
pub fn list(folder: &Path, keep: u32) -> Result<Backups> {
    let mut backups = vec![];
    let mut unreadable = vec![];
    for name in names(folder)?.into_iter().rev() {
        let path = folder.join(&name);
        let size = std::fs::symlink_metadata(&path).map(|m| m.len()).unwrap_or(0);
        match store::backup::facts(&path) {
            Ok(f) => backups.push(BackupInfo {
                taken_at: taken_at(&name).map(|t| t.to_rfc3339()).unwrap_or_default(),
                name,
                size,
                audit_seq: f.audit_seq,
                audit_hash: f.audit_hash,
                releases: f.releases,
            }),
            Err(e) => unreadable.push(format!("{name}: {e}")),
        }
    }
    Ok(Backups { folder: folder.display().to_string(), keep, backups, unreadable })
}

/// The audit head of the newest backup in `folder`, if one can be read.
pub fn newest_head(folder: &Path) -> Option<(i64, String)> {
    let name = names(folder).ok()?.pop()?;
    store::backup::facts(&folder.join(name)).ok().map(|f| (f.audit_seq, f.audit_hash))
}

/// Removes the oldest backups beyond the newest `keep`.
pub fn rotate(folder: &Path, keep: u32) -> Result<()> {
    let names = names(folder)?;
    let extra = names.len().saturating_sub(keep.max(1) as usize);
    for name in &names[..extra] {
        let path = folder.join(name);
        std::fs::remove_file(&path)
            .map_err(|e| Error::io(format!("cannot remove the old backup {}", path.display()), e))?;
    }
    Ok(())
}

/// Checks a number of backups to keep.
pub fn check_keep(keep: u32) -> Result<u32> {
    if (1..=KEEP_MAX).contains(&keep) {
        Ok(keep)
    } else {
        Err(Error::field("keep", format!("Keep between 1 and {KEEP_MAX} backups.")))
    }
}

/// Copies the backup `name` from `folder` to `dest` as a plan of its own. `name` must be one of
/// the folder's backups (a bare file name: no path reaches outside the folder).
pub fn restore(folder: &Path, name: &str, dest: &Path, overwrite: bool) -> Result<()> {
    if name.contains(['/', '\\']) || taken_at(name).is_none() || !names(folder)?.iter().any(|n| n == name) {
        return Err(Error::NotFound(format!("{name:?} is not one of this plan's backups")));
    }
    store::backup::restore(&folder.join(name), dest, overwrite)
}

impl Planner {
    /// The audit log's newest entry: its number and hash (what tells whether the plan changed).
    pub fn audit_head(&self) -> Result<(i64, String)> {
        audit::head(&self.conn)
    }

    /// Takes a backup of the plan into `folder` now and keeps the newest `keep`. Returns its path.
    pub fn backup_into(&self, folder: &Path, keep: u32) -> Result<PathBuf> {
        std::fs::create_dir_all(folder).map_err(|e| Error::io(format!("cannot create {}", folder.display()), e))?;
        let stamp = self.now().format(STAMP).to_string();
        let mut path = folder.join(format!("{stamp}Z.runway"));
        let mut n = 1;
        while path.exists() {
            n += 1;
            path = folder.join(format!("{stamp}Z-{n}.runway"));
        }
        store::backup::snapshot(&self.conn, &path)?;
        rotate(folder, keep)?;
        Ok(path)
    }

    /// Writes a backup of the plan to `dest` (the CLI's `runway backup`), which must not exist.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        store::backup::snapshot(&self.conn, dest)
    }
}

/// When the open plan was last backed up, and at which audit head: what makes the next one due.
#[derive(Debug, Default)]
pub struct Clock {
    pub last_at: Option<Instant>,
    pub head: Option<(i64, String)>,
}

impl Clock {
    /// For a plan just opened: its newest backup's head (no backup is due until the plan differs).
    pub fn opened(folder: &Path) -> Clock {
        Clock { last_at: None, head: newest_head(folder) }
    }

    /// Whether a backup is due: the plan differs from the last backup and none was taken within
    /// `interval` (`Duration::ZERO`: whenever the plan differs, as at close).
    pub fn due(&self, head: &(i64, String), interval: Duration) -> bool {
        let recent = self.last_at.is_some_and(|t| t.elapsed() < interval);
        !recent && self.head.as_ref() != Some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_folder_is_its_name_and_a_stable_hash_of_its_path() {
        let a = folder_for(Path::new("/data"), Path::new("/plans/Q1 2027.runway"));
        let b = folder_for(Path::new("/data"), Path::new("/other/Q1 2027.runway"));
        assert!(a.starts_with("/data/backups"));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("Q1 2027-") && name.len() == "Q1 2027-".len() + 16, "{name}");
        assert_ne!(a, b);
        assert_eq!(a, folder_for(Path::new("/data"), Path::new("/plans/Q1 2027.runway")));
        let odd = folder_for(Path::new("/d"), Path::new("/p/../..evil:name?.runway"));
        assert!(odd.file_name().unwrap().to_string_lossy().starts_with("evil_name_-"), "{odd:?}");
    }

    #[test]
    fn backup_names_carry_their_time() {
        let t = taken_at("2026-11-22T10-15-30.123Z.runway").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-22T10:15:30.123+00:00");
        assert_eq!(taken_at("2026-11-22T10-15-30.123Z-2.runway"), Some(t));
        assert_eq!(taken_at("notes.runway"), None);
        assert_eq!(taken_at(".2026-11-22T10-15-30.123Z.runway.0123.tmp"), None);
    }

    #[test]
    fn the_number_kept_is_between_one_and_the_maximum() {
        assert!(check_keep(0).is_err());
        assert_eq!(check_keep(10).unwrap(), 10);
        assert!(check_keep(KEEP_MAX + 1).is_err());
    }
}
