//! File actions (New, Open, Save As, recent plans): the native dialog is raised here, in Rust, so
//! the webview never handles paths it chose itself; the core does the work; the window title and
//! the recent-plans menu follow.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

use runway_core::dto::AppState;
use runway_core::error::{ErrorCode, ErrorInfo};
use runway_core::session::save_target;

use crate::{IpcResult, Shell, menu, title};

pub enum FileAction {
    New,
    Open,
    SaveAs,
    Recent(PathBuf),
    /// A plan handed over by a second launch (or, in an `e2e` build, by the tests).
    OpenPath(PathBuf),
    /// The open plan's backup of this name, restored as a new plan chosen in the Save dialog.
    RestoreBackup(String),
    #[cfg(feature = "e2e")]
    RestoreBackupPath(String, PathBuf),
    #[cfg(feature = "e2e")]
    NewPath(PathBuf),
    #[cfg(feature = "e2e")]
    SaveAsPath(PathBuf),
}

fn cancelled() -> ErrorInfo {
    ErrorInfo { code: ErrorCode::Cancelled, message: "cancelled".into(), fields: vec![] }
}

fn pick_open(app: &AppHandle) -> IpcResult<PathBuf> {
    let mut d = app.dialog().file().set_title("Open plan").add_filter("Runway plan", &["runway"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let chosen = d.blocking_pick_file().ok_or_else(cancelled)?;
    chosen.into_path().map_err(|e| ErrorInfo { code: ErrorCode::Io, message: e.to_string(), fields: vec![] })
}

/// The chosen path, and whether the dialog confirmed replacing an existing file there.
fn pick_save(app: &AppHandle, heading: &str, suggested: &str) -> IpcResult<(PathBuf, bool)> {
    let mut d = app.dialog().file().set_title(heading).set_file_name(suggested).add_filter("Runway plan", &["runway"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let chosen = d.blocking_save_file().ok_or_else(cancelled)?;
    let path =
        chosen.into_path().map_err(|e| ErrorInfo { code: ErrorCode::Io, message: e.to_string(), fields: vec![] })?;
    Ok(save_target(path))
}

/// Runs a file action; afterwards the window title and the recent-plans menu name the open plan.
/// A file chosen in a save dialog may replace an existing one only when the dialog asked about
/// exactly that file; a path given directly never does.
pub fn run(app: &AppHandle, action: FileAction) -> IpcResult<AppState> {
    let shell = app.state::<Shell>();
    let state = match action {
        FileAction::New => {
            let (path, confirmed) = pick_save(app, "New plan", "New plan.runway")?;
            shell.with(|s| s.create(&path, confirmed))?
        }
        FileAction::Open => {
            let path = pick_open(app)?;
            shell.with(|s| s.open(&path))?
        }
        FileAction::SaveAs => {
            let suggested = shell
                .with(|s| Ok(s.planner()?.path().file_stem().map(|f| format!("{} copy.runway", f.to_string_lossy()))))?
                .unwrap_or_else(|| "Plan.runway".into());
            let (path, confirmed) = pick_save(app, "Save plan as", &suggested)?;
            shell.with(|s| s.save_as(&path, confirmed))?
        }
        FileAction::Recent(path) => shell.with(|s| s.open_recent(&path))?,
        FileAction::OpenPath(path) => shell.with(|s| s.open(&path))?,
        FileAction::RestoreBackup(name) => {
            let suggested = shell
                .with(|s| {
                    Ok(s.planner()?.path().file_stem().map(|f| format!("{} restored.runway", f.to_string_lossy())))
                })?
                .unwrap_or_else(|| "Restored plan.runway".into());
            let (path, confirmed) = pick_save(app, "Restore backup as a new plan", &suggested)?;
            shell.with(|s| s.restore_backup(&name, &path, confirmed))?
        }
        #[cfg(feature = "e2e")]
        FileAction::RestoreBackupPath(name, path) => shell.with(|s| s.restore_backup(&name, &path, false))?,
        #[cfg(feature = "e2e")]
        FileAction::NewPath(path) => shell.with(|s| s.create(&path, false))?,
        #[cfg(feature = "e2e")]
        FileAction::SaveAsPath(path) => shell.with(|s| s.save_as(&path, false))?,
    };
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&title(&state));
    }
    if let Ok(m) = menu::build(app, &state.recent) {
        let _ = app.set_menu(m);
    }
    Ok(state)
}

/// Runs a file action and tells the UI by event: `plan-changed` with the new state, or
/// `plan-error` (a cancelled dialog is not an error).
pub fn run_and_notify(app: &AppHandle, action: FileAction) -> IpcResult<AppState> {
    let result = run(app, action);
    match &result {
        Ok(state) => {
            let _ = app.emit("plan-changed", state);
        }
        Err(e) if e.code == ErrorCode::Cancelled => {}
        Err(e) => {
            let _ = app.emit("plan-error", e);
        }
    }
    result
}
