//! The commands the UI invokes: each is one call into runway-core.

use std::path::PathBuf;

use tauri::{AppHandle, State};

use runway_core::dto::{AppState, Catalog, ErrorCode, ErrorInfo, Profile, ReleaseDetail, ReleaseSummary};
use runway_domain::{ReleaseInput, Rfc};

use crate::files::{self, FileAction};
use crate::{IpcResult, Shell};

#[tauri::command(async)]
pub fn app_state(shell: State<'_, Shell>) -> IpcResult<AppState> {
    shell.with(|s| s.state())
}

#[tauri::command(async)]
pub fn list_releases(shell: State<'_, Shell>) -> IpcResult<Vec<ReleaseSummary>> {
    shell.with(|s| s.planner()?.list_releases())
}

#[tauri::command(async)]
pub fn get_release(shell: State<'_, Shell>, key: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner()?.release(&key))
}

#[tauri::command(async)]
pub fn catalog(shell: State<'_, Shell>) -> IpcResult<Catalog> {
    shell.with(|s| s.planner()?.catalog())
}

#[tauri::command(async)]
pub fn create_release(shell: State<'_, Shell>, input: ReleaseInput) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.create_release(input))
}

#[tauri::command(async)]
pub fn update_release(shell: State<'_, Shell>, key: String, input: ReleaseInput) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.update_release(&key, input))
}

#[tauri::command(async)]
pub fn delete_release(shell: State<'_, Shell>, key: String) -> IpcResult<()> {
    shell.with(|s| s.planner_mut()?.delete_release(&key))
}

#[tauri::command(async)]
pub fn create_rfc(shell: State<'_, Shell>, rfc: Rfc) -> IpcResult<Rfc> {
    shell.with(|s| s.planner_mut()?.create_rfc(rfc))
}

#[tauri::command(async)]
pub fn link_rfc(shell: State<'_, Shell>, release: String, rfc: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.link_rfc(&release, &rfc))
}

#[tauri::command(async)]
pub fn unlink_rfc(shell: State<'_, Shell>, release: String, rfc: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.unlink_rfc(&release, &rfc))
}

#[tauri::command(async)]
pub fn link_ci(shell: State<'_, Shell>, release: String, ci: String, version: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.link_ci(&release, &ci, &version))
}

#[tauri::command(async)]
pub fn unlink_ci(shell: State<'_, Shell>, release: String, ci: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.unlink_ci(&release, &ci))
}

#[tauri::command(async)]
pub fn set_profile(shell: State<'_, Shell>, profile: Profile) -> IpcResult<AppState> {
    shell.with(|s| s.set_profile(profile))
}

#[tauri::command(async)]
pub fn new_plan(app: AppHandle) -> IpcResult<AppState> {
    files::run(&app, FileAction::New)
}

#[tauri::command(async)]
pub fn open_plan(app: AppHandle) -> IpcResult<AppState> {
    files::run(&app, FileAction::Open)
}

#[tauri::command(async)]
pub fn save_plan_as(app: AppHandle) -> IpcResult<AppState> {
    files::run(&app, FileAction::SaveAs)
}

#[tauri::command(async)]
pub fn open_recent(app: AppHandle, path: PathBuf) -> IpcResult<AppState> {
    files::run(&app, FileAction::Recent(path))
}

fn test_only(shell: &Shell) -> IpcResult<()> {
    if shell.e2e {
        Ok(())
    } else {
        Err(ErrorInfo {
            code: ErrorCode::Internal,
            message: "this command is only for the end-to-end tests (debug build, RUNWAY_E2E=1)".into(),
            fields: vec![],
        })
    }
}

/// Test-only: Open without the dialog; reports to the UI like the File menu does.
#[tauri::command(async)]
pub fn open_plan_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::OpenPath(path)))
}

/// Test-only: New without the dialog.
#[tauri::command(async)]
pub fn new_plan_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::NewPath(path)))
}

/// Test-only: Save As without the dialog.
#[tauri::command(async)]
pub fn save_plan_as_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::SaveAsPath(path)))
}

/// The UI has drawn its first release list; with RUNWAY_READY_PROBE=1 the time since launch is
/// printed for the startup benchmark.
#[tauri::command(async)]
pub fn ui_ready(shell: State<'_, Shell>) {
    if std::env::var_os("RUNWAY_READY_PROBE").is_some_and(|v| v == "1") {
        eprintln!("runway: ready {} ms", shell.started.elapsed().as_millis());
    }
}
