//! The responsibility matrix's commands (D7): the grid and its edits, people and who holds which
//! role, the audiences, and the CSV export. Each is one call into runway-core; every edit is
//! audited and undoable there.

use tauri::State;

use runway_core::matrix::{MatrixEdit, MatrixView, PersonRoles};
use runway_domain::Person;
use runway_domain::matrix::{Audience, Code};

use crate::{IpcResult, Shell};

/// The matrix with its broken rules and who holds each role (for `release`, when given).
#[tauri::command(async)]
pub fn matrix_view(shell: State<'_, Shell>, release: Option<String>) -> IpcResult<MatrixView> {
    shell.with(|s| s.planner()?.matrix_view(release.as_deref()))
}

/// Sets one cell (or clears it, `code` null).
#[tauri::command(async)]
pub fn set_matrix_cell(
    shell: State<'_, Shell>,
    activity: String,
    role: String,
    code: Option<Code>,
) -> IpcResult<MatrixView> {
    shell.with(|s| s.planner_mut()?.set_cell(&activity, &role, code))
}

/// Adds, renames, moves or removes a role or an activity.
#[tauri::command(async)]
pub fn edit_matrix(shell: State<'_, Shell>, edit: MatrixEdit) -> IpcResult<MatrixView> {
    shell.with(|s| s.planner_mut()?.edit_matrix(&edit))
}

#[tauri::command(async)]
pub fn list_people(shell: State<'_, Shell>) -> IpcResult<Vec<PersonRoles>> {
    shell.with(|s| s.planner()?.people())
}

/// Adds a person, or updates their name and organisation.
#[tauri::command(async)]
pub fn save_person(shell: State<'_, Shell>, person: Person) -> IpcResult<Person> {
    shell.with(|s| s.planner_mut()?.save_person(person))
}

/// Makes `person` hold `role`, for the portfolio or for `release`.
#[tauri::command(async)]
pub fn assign_role(
    shell: State<'_, Shell>,
    role: String,
    person: String,
    release: Option<String>,
) -> IpcResult<MatrixView> {
    shell.with(|s| s.planner_mut()?.assign(&role, &person, release.as_deref()))
}

#[tauri::command(async)]
pub fn unassign_role(
    shell: State<'_, Shell>,
    role: String,
    person: String,
    release: Option<String>,
) -> IpcResult<MatrixView> {
    shell.with(|s| s.planner_mut()?.unassign(&role, &person, release.as_deref()))
}

/// Who is responsible, consulted and informed for an activity of a release.
#[tauri::command(async)]
pub fn audience(shell: State<'_, Shell>, release: String, activity: String) -> IpcResult<Audience> {
    shell.with(|s| s.planner()?.audience(&release, &activity))
}

/// Exports the grid as CSV to a file chosen in the native Save dialog (None when cancelled).
#[tauri::command(async)]
pub fn export_matrix_csv(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    release: Option<String>,
    raci: bool,
) -> IpcResult<Option<String>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let suggested = match &release {
        Some(r) => format!("{} matrix — {r}.csv", if raci { "RACI" } else { "SARCI" }),
        None => format!("{} matrix.csv", if raci { "RACI" } else { "SARCI" }),
    };
    let mut d =
        app.dialog().file().set_title("Export the matrix").set_file_name(&suggested).add_filter("CSV", &["csv"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| crate::calendar::io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension("csv");
    }
    export_matrix_csv_to(&shell, path, release, raci).map(Some)
}

pub(crate) fn export_matrix_csv_to(
    shell: &Shell,
    path: std::path::PathBuf,
    release: Option<String>,
    raci: bool,
) -> IpcResult<String> {
    shell.with(|s| s.planner()?.write_matrix_csv(&path, release.as_deref(), raci))?;
    Ok(path.to_string_lossy().into_owned())
}
