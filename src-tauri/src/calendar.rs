//! The forward schedule's commands (D6): the calendar of a range of days, windows, bookings,
//! environments' capacities, conflicts, the next free slots and applying one, the time zone.
//! Each is one call into runway-core; every edit is audited and undoable there.

use chrono::{NaiveDate, NaiveDateTime};
use tauri::State;

use runway_core::dto::ReleaseDetail;
use runway_domain::Environment;
use runway_domain::calendar::slots::Slot;
use runway_domain::calendar::view::CalendarView;
use runway_domain::calendar::{ChangeWindow, Conflict, ManualBooking};

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

/// The conflicts one release is party to.
#[tauri::command(async)]
pub fn release_conflicts(shell: State<'_, Shell>, key: String) -> IpcResult<Vec<Conflict>> {
    shell.with(|s| s.planner()?.release_conflicts(&key))
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
