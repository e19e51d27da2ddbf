//! The stakeholders' commands (D8): distribution lists (their members, what they follow, the people
//! each reaches) and the people's CSV in and out. Each is one call into runway-core; every list
//! edit is audited and undoable there, and a CSV import is all or nothing.

use std::path::{Path, PathBuf};

use tauri::State;

use runway_core::api::stakeholders::PeopleImport;
use runway_domain::Person;
use runway_domain::stakeholders::DistributionList;

use crate::calendar::io_error;
use crate::{IpcResult, Shell};

/// Every distribution list, by name.
#[tauri::command(async)]
pub fn distribution_lists(shell: State<'_, Shell>) -> IpcResult<Vec<DistributionList>> {
    shell.with(|s| s.planner()?.lists())
}

/// Adds a list (`original` null) or replaces the list named `original` (it may be renamed); a bad
/// list is refused field by field and changes nothing.
#[tauri::command(async)]
pub fn save_list(
    shell: State<'_, Shell>,
    original: Option<String>,
    list: DistributionList,
) -> IpcResult<DistributionList> {
    shell.with(|s| s.planner_mut()?.save_list(original.as_deref(), list))
}

/// Removes a list; one another list contains is refused, naming them.
#[tauri::command(async)]
pub fn remove_list(shell: State<'_, Shell>, name: String) -> IpcResult<()> {
    shell.with(|s| s.planner_mut()?.remove_list(&name))
}

/// The people a list reaches, through the lists it contains, each once.
#[tauri::command(async)]
pub fn list_reach(shell: State<'_, Shell>, name: String) -> IpcResult<Vec<Person>> {
    shell.with(|s| s.planner()?.list_people(&name))
}

/// Imports people from a CSV file chosen in the native Open dialog (null when cancelled): all of
/// them or none, every bad line named.
#[tauri::command(async)]
pub fn import_people_csv(app: tauri::AppHandle, shell: State<'_, Shell>) -> IpcResult<Option<PeopleImport>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let mut d = app.dialog().file().set_title("Import people").add_filter("CSV", &["csv", "txt"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_pick_file() else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    import_people_from(&shell, &path).map(Some)
}

pub(crate) fn import_people_from(shell: &Shell, path: &Path) -> IpcResult<PeopleImport> {
    shell.with(|s| s.planner_mut()?.import_people_csv_file(path))
}

/// Exports the plan's people as CSV to a file chosen in the native Save dialog (null when
/// cancelled); answers the file written.
#[tauri::command(async)]
pub fn export_people_csv(app: tauri::AppHandle, shell: State<'_, Shell>) -> IpcResult<Option<String>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let mut d = app.dialog().file().set_title("Export people").set_file_name("People.csv").add_filter("CSV", &["csv"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension("csv");
    }
    export_people_csv_to(&shell, path).map(Some)
}

pub(crate) fn export_people_csv_to(shell: &Shell, path: PathBuf) -> IpcResult<String> {
    shell.with(|s| {
        let text = s.planner()?.people_csv()?;
        runway_core::fsutil::write_atomically(&path, text.as_bytes())
    })?;
    Ok(path.to_string_lossy().into_owned())
}
