//! The forward schedule's commands (D6): the calendar of a range of days, windows, bookings,
//! environments' capacities, conflicts, the next free slots and applying one, the time zone.
//! Each is one call into runway-core; every edit is audited and undoable there.

use chrono::{NaiveDate, NaiveDateTime};
use tauri::State;

use runway_core::api::calendar::ReleaseCalendar;
use runway_core::dto::ReleaseDetail;
use runway_domain::Environment;
use runway_domain::calendar::slots::Slot;
use runway_domain::calendar::view::CalendarView;
use runway_domain::calendar::{ChangeWindow, Conflict, ManualBooking, Scope, WindowKind};

use crate::{IpcResult, Shell};

/// The calendar of the days `from` to `to` (inclusive).
#[tauri::command(async)]
pub fn calendar_view(shell: State<'_, Shell>, from: NaiveDate, to: NaiveDate) -> IpcResult<CalendarView> {
    shell.with(|s| s.planner()?.calendar(from, to))
}

/// Every conflict of the forward schedule from today on.
#[tauri::command(async)]
pub fn conflicts(shell: State<'_, Shell>) -> IpcResult<Vec<Conflict>> {
    shell.with(|s| s.planner()?.conflicts(None, None))
}

/// The conflicts one release is party to, and why no free slot can be proposed for it (if so).
#[tauri::command(async)]
pub fn release_conflicts(shell: State<'_, Shell>, key: String) -> IpcResult<ReleaseCalendar> {
    shell.with(|s| s.planner()?.release_calendar(&key))
}

#[tauri::command(async)]
pub fn list_windows(shell: State<'_, Shell>) -> IpcResult<Vec<ChangeWindow>> {
    shell.with(|s| s.planner()?.windows())
}

/// Adds a window (`original` null) or replaces the window named `original`.
#[tauri::command(async)]
pub fn save_window(shell: State<'_, Shell>, original: Option<String>, window: ChangeWindow) -> IpcResult<ChangeWindow> {
    shell.with(|s| s.planner_mut()?.save_window(original.as_deref(), window))
}

#[tauri::command(async)]
pub fn remove_window(shell: State<'_, Shell>, name: String) -> IpcResult<()> {
    shell.with(|s| s.planner_mut()?.remove_window(&name))
}

/// Adds a manual booking (`id` null) or moves booking `id`; answers its id.
#[tauri::command(async)]
pub fn save_booking(shell: State<'_, Shell>, id: Option<i64>, booking: ManualBooking) -> IpcResult<i64> {
    shell.with(|s| s.planner_mut()?.save_booking(id, booking))
}

#[tauri::command(async)]
pub fn remove_booking(shell: State<'_, Shell>, id: i64) -> IpcResult<()> {
    shell.with(|s| s.planner_mut()?.remove_booking(id))
}

/// Sets an environment's capacity and what books it.
#[tauri::command(async)]
pub fn set_environment(shell: State<'_, Shell>, environment: Environment) -> IpcResult<Environment> {
    shell.with(|s| s.planner_mut()?.set_environment(environment))
}

/// The next free deployment slots of a release.
#[tauri::command(async)]
pub fn release_slots(shell: State<'_, Shell>, key: String, count: usize) -> IpcResult<Vec<Slot>> {
    shell.with(|s| s.planner()?.slots(&key, count))
}

/// Moves a release's deployment to a slot: one edit that Ctrl+Z undoes.
#[tauri::command(async)]
pub fn apply_slot(shell: State<'_, Shell>, key: String, start: NaiveDateTime) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.apply_slot(&key, start))
}

#[tauri::command(async)]
pub fn get_time_zone(shell: State<'_, Shell>) -> IpcResult<String> {
    shell.with(|s| Ok(s.planner()?.time_zone()))
}

#[tauri::command(async)]
pub fn set_time_zone(shell: State<'_, Shell>, zone: String) -> IpcResult<String> {
    shell.with(|s| s.planner_mut()?.set_time_zone(&zone))
}

/// Exports the forward schedule as an iCalendar file chosen in the native Save dialog (null when
/// the user cancels); answers the file written and how many events it holds.
#[tauri::command(async)]
pub fn export_ics(app: tauri::AppHandle, shell: State<'_, Shell>) -> IpcResult<Option<(String, usize)>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let name = shell.with(|s| Ok(s.planner()?.info()?.name))?;
    let suggested = format!("{} — forward schedule.ics", if name.trim().is_empty() { "Runway" } else { name.trim() });
    let mut d =
        app.dialog().file().set_title("Export calendar").set_file_name(&suggested).add_filter("iCalendar", &["ics"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension("ics");
    }
    export_ics_to(&shell, path).map(Some)
}

pub(crate) fn export_ics_to(shell: &Shell, path: std::path::PathBuf) -> IpcResult<(String, usize)> {
    let events = shell.with(|s| s.planner()?.write_ics(&path, None))?;
    Ok((path.to_string_lossy().into_owned(), events))
}

/// Imports windows of `kind` covering `scope` from an iCalendar file chosen in the native Open
/// dialog (empty when the user cancels): all of them or none, each an undoable edit.
#[tauri::command(async)]
pub fn import_windows_ics(
    app: tauri::AppHandle,
    shell: State<'_, Shell>,
    kind: WindowKind,
    scope: Scope,
) -> IpcResult<Vec<ChangeWindow>> {
    use tauri::Manager;
    use tauri_plugin_dialog::DialogExt;
    let mut d = app
        .dialog()
        .file()
        .set_title("Import windows from a calendar")
        .add_filter("iCalendar", &["ics", "ical", "ifb"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_pick_file() else { return Ok(vec![]) };
    let path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    import_windows_from(&shell, &path, kind, scope)
}

pub(crate) fn import_windows_from(
    shell: &Shell,
    path: &std::path::Path,
    kind: WindowKind,
    scope: Scope,
) -> IpcResult<Vec<ChangeWindow>> {
    let source = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let text = std::fs::read_to_string(path).map_err(|e| io_error(format!("{source} cannot be read as text: {e}")))?;
    shell.with(|s| s.planner_mut()?.import_windows_ics(&text, &source, kind, scope))
}

pub(crate) fn io_error(message: String) -> runway_core::error::ErrorInfo {
    runway_core::error::ErrorInfo { code: runway_core::error::ErrorCode::Io, message, fields: vec![] }
}
