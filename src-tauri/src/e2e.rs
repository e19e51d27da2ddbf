//! The test-only commands: New, Open, Save As and a report's Save… at a path the caller gives,
//! without the native dialog (WebDriver cannot drive one). This module exists only in builds with
//! the `e2e` feature (`make app-debug`); so do these commands' handler entries, permissions and
//! capability (capabilities/e2e.json). Even there they answer only when the app was started with
//! RUNWAY_E2E=1.

use std::path::PathBuf;

use tauri::{AppHandle, State};

use runway_core::dto::AppState;
use runway_core::error::{ErrorCode, ErrorInfo};
use runway_core::report::{ReportRequest, SavedReport};

use crate::files::{self, FileAction};
use crate::{IpcResult, Shell, reports};

fn test_only(shell: &Shell) -> IpcResult<()> {
    if shell.e2e {
        Ok(())
    } else {
        Err(ErrorInfo {
            code: ErrorCode::Internal,
            message: "this command is only for the end-to-end tests (started with RUNWAY_E2E=1)".into(),
            fields: vec![],
        })
    }
}

/// Open without the dialog; reports to the UI like the File menu does.
#[tauri::command(async)]
pub fn open_plan_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::OpenPath(path)))
}

/// New without the dialog.
#[tauri::command(async)]
pub fn new_plan_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::NewPath(path)))
}

/// Save As without the dialog.
#[tauri::command(async)]
pub fn save_plan_as_path(app: AppHandle, shell: State<'_, Shell>, path: PathBuf) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::SaveAsPath(path)))
}

/// Save… without the dialog.
#[tauri::command(async)]
pub fn save_report_path(
    app: AppHandle,
    shell: State<'_, Shell>,
    req: ReportRequest,
    path: PathBuf,
) -> IpcResult<Option<SavedReport>> {
    test_only(&shell).and_then(|()| reports::save(&app, &req, Some(path)))
}

/// Export calendar… without the dialog.
#[tauri::command(async)]
pub fn export_ics_path(shell: State<'_, Shell>, path: PathBuf) -> IpcResult<(String, usize)> {
    test_only(&shell).and_then(|()| crate::calendar::export_ics_to(&shell, path))
}

/// Import windows… without the dialog.
#[tauri::command(async)]
pub fn import_windows_ics_path(
    shell: State<'_, Shell>,
    path: PathBuf,
    kind: runway_domain::calendar::WindowKind,
    scope: runway_domain::calendar::Scope,
) -> IpcResult<Vec<runway_domain::calendar::ChangeWindow>> {
    test_only(&shell).and_then(|()| crate::calendar::import_windows_from(&shell, &path, kind, scope))
}

/// Export the matrix… without the dialog.
#[tauri::command(async)]
pub fn export_matrix_csv_path(
    shell: State<'_, Shell>,
    path: PathBuf,
    release: Option<String>,
    raci: bool,
) -> IpcResult<String> {
    test_only(&shell).and_then(|()| crate::matrix::export_matrix_csv_to(&shell, path, release, raci))
}

/// Import people… without the dialog.
#[tauri::command(async)]
pub fn import_people_csv_path(
    shell: State<'_, Shell>,
    path: PathBuf,
) -> IpcResult<runway_core::api::stakeholders::PeopleImport> {
    test_only(&shell).and_then(|()| crate::stakeholders::import_people_from(&shell, &path))
}

/// Export people… without the dialog.
#[tauri::command(async)]
pub fn export_people_csv_path(shell: State<'_, Shell>, path: PathBuf) -> IpcResult<String> {
    test_only(&shell).and_then(|()| crate::stakeholders::export_people_csv_to(&shell, path))
}

/// Export .eml… without the dialog.
#[tauri::command(async)]
pub fn export_message_eml_path(shell: State<'_, Shell>, id: i64, path: PathBuf) -> IpcResult<String> {
    test_only(&shell).and_then(|()| crate::outbox::export_message_eml_to(&shell, id, path))
}

/// File → Export… without the dialog.
#[tauri::command(async)]
pub fn export_plan_path(shell: State<'_, Shell>, format: String, path: PathBuf) -> IpcResult<String> {
    test_only(&shell).and_then(|()| crate::interchange::export_to(&shell, &format, path, false))
}

/// File → Import… without the dialog.
#[tauri::command(async)]
pub fn import_into_plan_path(shell: State<'_, Shell>, format: String, path: PathBuf) -> IpcResult<String> {
    test_only(&shell).and_then(|()| crate::interchange::import_from(&shell, &format, &path))
}

/// File → Import… of MS Project XML without the dialog: the file the next "Choose file…" takes.
#[tauri::command(async)]
pub fn pick_mspdi_file_path(shell: State<'_, Shell>, path: PathBuf) -> IpcResult<String> {
    test_only(&shell)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    *crate::interchange::NEXT_MSPDI_PICK.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path);
    Ok(name)
}

/// File → Merge Changes… without the dialog: the change file at `path` merged, and the report
/// handed to the page as `changes-merged` (it shows the summary and reloads, as after the menu).
#[tauri::command(async)]
pub fn merge_changes_path(
    app: AppHandle,
    shell: State<'_, Shell>,
    path: PathBuf,
) -> IpcResult<runway_core::api::replicas::MergeReport> {
    use tauri::Emitter;
    test_only(&shell)?;
    let report = crate::replicas::merge_from(&shell, &path)?;
    app.emit("changes-merged", &report).map_err(|e| crate::calendar::io_error(e.to_string()))?;
    Ok(report)
}

/// File → Export Changes… without the dialog (`since` a peer's replica id, or null for all).
#[tauri::command(async)]
pub fn export_changes_path(
    shell: State<'_, Shell>,
    since: Option<String>,
    path: PathBuf,
) -> IpcResult<(String, usize)> {
    test_only(&shell).and_then(|()| crate::replicas::export_to(&shell, since, path))
}

/// File → Restore from backup… without the dialog: the backup `name` restored as a new plan at
/// `path` (never replacing a file), then opened.
#[tauri::command(async)]
pub fn restore_backup_path(
    app: AppHandle,
    shell: State<'_, Shell>,
    name: String,
    path: PathBuf,
) -> IpcResult<AppState> {
    test_only(&shell).and_then(|()| files::run_and_notify(&app, FileAction::RestoreBackupPath(name, path)))
}

/// A menu item handed to the UI (File → `import`, `export`, `restore-backup`, `merge-changes`,
/// `export-changes`; Edit → `undo`, `redo`) as if it were chosen in the native menu, which
/// WebDriver cannot open.
#[tauri::command(async)]
pub fn menu_item_path(app: AppHandle, shell: State<'_, Shell>, id: String) -> IpcResult<()> {
    use tauri::Emitter;
    test_only(&shell)?;
    if !matches!(
        id.as_str(),
        "import" | "export" | "restore-backup" | "merge-changes" | "export-changes" | "undo" | "redo"
    ) {
        return Err(ErrorInfo {
            code: ErrorCode::Validation,
            message: format!("no menu item {id:?} here"),
            fields: vec![],
        });
    }
    app.emit("menu", id).map_err(|e| crate::calendar::io_error(e.to_string()))
}
