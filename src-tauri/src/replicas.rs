//! File → Merge Changes… and File → Export Changes…, and the Merge review view's commands: the
//! plan's place among its copies, the review cards a merge leaves and a person's decision on one.
//! One core call each (`Planner::merge_changes_file`, `export_changes_file`, `review_cards`,
//! `decide_card`, `replica_info`); the change file is chosen in the native dialog raised here, so
//! the page never names a path. A merge and a decision are edits like any other: the page reloads
//! its views after them, and Edit → Undo takes a decision back.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use runway_core::api::replicas::{MergeReport, ReplicaInfo, Since};
use runway_core::store::replica::cards::Card;
use runway_core::store::replica::resolve::Decision;

use crate::calendar::io_error;
use crate::{IpcResult, Shell};

/// The extension of a change file (`runway changes export` writes the same).
pub(crate) const EXTENSION: &str = "runway-changes";
const FILTER: &str = "Runway changes";

/// The plan's replica id, portfolio id, the copies it merged from (its peers) and its open cards.
#[tauri::command(async)]
pub fn replica_info(shell: State<'_, Shell>) -> IpcResult<ReplicaInfo> {
    shell.with(|s| s.planner_mut()?.replica_info())
}

/// The open review cards, in a fixed order.
#[tauri::command(async)]
pub fn review_cards(shell: State<'_, Shell>) -> IpcResult<Vec<Card>> {
    shell.with(|s| s.planner()?.review_cards())
}

/// Decides a card (pick a side, a value of one's own, a rename): audited, undoable, and it
/// travels to the other copies like any change. Answers the card decided.
#[tauri::command(async)]
pub fn decide_card(shell: State<'_, Shell>, id: String, decision: Decision) -> IpcResult<Card> {
    shell.with(|s| s.planner_mut()?.decide_card(&id, &decision))
}

/// File → Merge Changes…: a change file chosen in the native Open dialog, merged (all of it in
/// one transaction, or nothing); what it did, or null when cancelled.
#[tauri::command(async)]
pub fn merge_changes(app: AppHandle, shell: State<'_, Shell>) -> IpcResult<Option<MergeReport>> {
    let mut d = app.dialog().file().set_title("Merge changes from another copy").add_filter(FILTER, &[EXTENSION]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_pick_file() else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    merge_from(&shell, &path).map(Some)
}

pub(crate) fn merge_from(shell: &Shell, path: &Path) -> IpcResult<MergeReport> {
    shell.with(|s| s.planner_mut()?.merge_changes_file(path))
}

/// File → Export Changes…: what this plan has that a peer has not seen (`since` a peer's replica
/// id, as `replica_info` lists it), or everything (`since` null), to a file chosen in the native
/// Save dialog. The path and how many operations, or null when cancelled.
#[tauri::command(async)]
pub fn export_changes(
    app: AppHandle,
    shell: State<'_, Shell>,
    since: Option<String>,
) -> IpcResult<Option<(String, usize)>> {
    let stem = shell.with(|s| Ok(s.planner()?.path().file_stem().map(|f| f.to_string_lossy().into_owned())))?;
    let suggested = suggested_name(stem.as_deref().unwrap_or("Plan"));
    let mut d = app
        .dialog()
        .file()
        .set_title("Export changes for another copy")
        .set_file_name(suggested)
        .add_filter(FILTER, &[EXTENSION]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension(EXTENSION);
    }
    export_to(&shell, since, path).map(Some)
}

pub(crate) fn export_to(shell: &Shell, since: Option<String>, path: PathBuf) -> IpcResult<(String, usize)> {
    let since = since.filter(|s| !s.is_empty() && s != "all").map_or(Since::All, Since::Peer);
    let n = shell.with(|s| s.planner_mut()?.export_changes_file(&since, &path))?;
    Ok((path.to_string_lossy().into_owned(), n))
}

/// `<plan> changes.runway-changes`, with nothing in it a file name cannot hold.
fn suggested_name(plan: &str) -> String {
    let plan: String =
        plan.chars().map(|c| if matches!(c, '/' | '\\' | ':') || c.is_control() { '-' } else { c }).collect();
    format!("{plan} changes.{EXTENSION}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggested_names_hold_no_path() {
        assert_eq!(suggested_name("demo"), "demo changes.runway-changes");
        assert_eq!(suggested_name("a/b:c"), "a-b-c changes.runway-changes");
    }
}
