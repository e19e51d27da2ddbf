//! File → Restore from backup…: the open plan's automatic backups listed, taken now, how many
//! are kept, and one restored as a new plan file chosen in the native Save dialog (files.rs),
//! never over the open plan. The page names a backup by its file name only: the folder is the
//! open plan's, resolved in the core. A thread takes a backup when one is due (`start`).

use std::time::Duration;

use tauri::{AppHandle, Manager, State};

use runway_core::backup::{Backups, INTERVAL};
use runway_core::dto::AppState;

use crate::files::{self, FileAction};
use crate::{IpcResult, Shell};

/// The open plan's backups, newest first.
#[tauri::command(async)]
pub fn list_backups(shell: State<'_, Shell>) -> IpcResult<Backups> {
    shell.with(|s| s.backups())
}

/// Takes a backup of the open plan now.
#[tauri::command(async)]
pub fn backup_now(shell: State<'_, Shell>) -> IpcResult<Backups> {
    shell.with(|s| s.backup_now())
}

/// How many backups of each plan are kept (the oldest beyond it are removed now).
#[tauri::command(async)]
pub fn set_backup_keep(shell: State<'_, Shell>, keep: u32) -> IpcResult<Backups> {
    shell.with(|s| s.set_backup_keep(keep))
}

/// Restores the backup `name` as a new plan chosen in the Save dialog, and opens it.
#[tauri::command(async)]
pub fn restore_backup(app: AppHandle, name: String) -> IpcResult<AppState> {
    files::run_and_notify(&app, FileAction::RestoreBackup(name))
}

/// Every minute, a backup of the open plan when it changed and none was taken within the hour.
/// The first look is soon after start, so a plan never backed up gets one before much happens.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        let mut wait = Duration::from_secs(10);
        loop {
            std::thread::sleep(wait);
            wait = Duration::from_secs(60);
            if let Some(shell) = app.try_state::<Shell>()
                && let Err(e) = shell.with(|s| s.backup_if_due(INTERVAL))
            {
                eprintln!("runway: could not back up the plan: {}", e.message);
            }
        }
    });
}
