//! The commands the UI invokes: each is one call into runway-core. Each is listed in
//! `command_list.rs`; the test-only ones are in `e2e.rs`.

use std::path::PathBuf;

use tauri::{AppHandle, State};

use runway_core::dto::{
    ActionOutcome, AppState, Catalog, Dashboard, EvidenceInput, HistoryItem, MoveInput, Profile, ReleaseDetail,
    ReleaseLifecycle, ReleaseSummary, UndoState,
};
use runway_domain::{Policy, ReleaseInput, Rfc};

use runway_core::pdf::Document;
use runway_core::report::ReportRequest;
use runway_core::report::SavedReport;

use crate::files::{self, FileAction};
use crate::{IpcResult, Shell, reports};

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

#[tauri::command(async)]
pub fn release_lifecycle(shell: State<'_, Shell>, key: String) -> IpcResult<ReleaseLifecycle> {
    shell.with(|s| s.planner()?.lifecycle(&key))
}

#[tauri::command(async)]
pub fn release_history(shell: State<'_, Shell>, key: String) -> IpcResult<Vec<HistoryItem>> {
    shell.with(|s| s.planner()?.history(&key))
}

/// Moves a release. The moves the domain says need confirming (cancelling, closing, overriding a
/// gate) are confirmed in a native dialog first.
#[tauri::command(async)]
pub fn move_release(
    app: AppHandle,
    shell: State<'_, Shell>,
    key: String,
    input: MoveInput,
) -> IpcResult<ActionOutcome> {
    if let Some(what) = runway_domain::lifecycle::move_confirmation(&key, input.to, input.override_gate) {
        confirm::ask(&app, &shell, "Confirm", &what, &input.reason, "Confirm")?;
    }
    shell.with(|s| s.planner_mut()?.move_release(&key, input))
}

/// Records a decision or evidence after the user confirms it in a native dialog, so a script in
/// the page cannot approve anything silently. The dialog says what will be recorded and the move
/// it completes; a refusal comes back before anyone is asked.
#[tauri::command(async)]
pub fn record_evidence(
    app: AppHandle,
    shell: State<'_, Shell>,
    key: String,
    input: EvidenceInput,
) -> IpcResult<ActionOutcome> {
    let heading = shell.with(|s| s.planner()?.preview_record(&key, &input))?;
    let mut details = input.reason.trim().to_owned();
    if !input.conditions.trim().is_empty() {
        details = format!("{details}\nConditions: {}", input.conditions.trim());
    }
    confirm::ask(&app, &shell, "Record decision", &heading, &details, "Record")?;
    shell.with(|s| s.planner_mut()?.record(&key, input))
}

#[tauri::command(async)]
pub fn undo_state(shell: State<'_, Shell>) -> IpcResult<UndoState> {
    shell.with(|s| s.planner()?.undo_state())
}

/// Undoes the latest edit; answers the message and the release it touched.
#[tauri::command(async)]
pub fn undo_edit(shell: State<'_, Shell>) -> IpcResult<(String, String)> {
    shell.with(|s| s.planner_mut()?.undo())
}

#[tauri::command(async)]
pub fn redo_edit(shell: State<'_, Shell>) -> IpcResult<(String, String)> {
    shell.with(|s| s.planner_mut()?.redo())
}

#[tauri::command(async)]
pub fn get_policy(shell: State<'_, Shell>) -> IpcResult<Policy> {
    shell.with(|s| s.planner()?.policy())
}

/// Changes the release policy after a native confirmation (the gates of every release follow it).
#[tauri::command(async)]
pub fn set_policy(app: AppHandle, shell: State<'_, Shell>, policy: Policy) -> IpcResult<Policy> {
    if shell.with(|s| s.planner()?.policy_differs(&policy))? {
        confirm::ask(
            &app,
            &shell,
            "Release policy",
            "Change the release policy of this plan? Every release's gates follow it from now on.",
            "",
            "Change policy",
        )?;
    }
    shell.with(|s| s.planner_mut()?.set_policy(policy))
}

#[tauri::command(async)]
pub fn dashboard(shell: State<'_, Shell>) -> IpcResult<Dashboard> {
    shell.with(|s| s.planner()?.dashboard())
}

#[tauri::command(async)]
pub fn roadmap(shell: State<'_, Shell>, baseline: Option<String>) -> IpcResult<runway_domain::roadmap::Layout> {
    shell.with(|s| s.planner()?.roadmap(baseline.as_deref()))
}

/// What a move or resize would do (the callouts); nothing is written.
#[tauri::command(async)]
pub fn what_if(
    shell: State<'_, Shell>,
    change: runway_domain::schedule::Change,
) -> IpcResult<runway_domain::schedule::WhatIf> {
    shell.with(|s| s.planner()?.what_if(&change))
}

/// Commits a move or resize: one audited edit that Ctrl+Z undoes.
#[tauri::command(async)]
pub fn apply_change(shell: State<'_, Shell>, change: runway_domain::schedule::Change) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.apply_change(&change))
}

/// Adds a phase or milestone to a release, or changes the dates of one it has.
#[tauri::command(async)]
pub fn set_phase(
    shell: State<'_, Shell>,
    key: String,
    phase: runway_core::api::phases::PhaseInput,
) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.set_phase(&key, &phase))
}

/// Removes a phase no dependency uses.
#[tauri::command(async)]
pub fn remove_phase(shell: State<'_, Shell>, key: String, name: String) -> IpcResult<ReleaseDetail> {
    shell.with(|s| s.planner_mut()?.remove_phase(&key, &name))
}

/// The template of every release kind, and whether it is the plan's own.
#[tauri::command(async)]
pub fn release_templates(shell: State<'_, Shell>) -> IpcResult<Vec<runway_core::api::phases::ReleaseTemplateInfo>> {
    shell.with(|s| s.planner()?.release_templates())
}

/// Makes a template the plan's own for its release kind.
#[tauri::command(async)]
pub fn set_release_template(
    shell: State<'_, Shell>,
    template: runway_domain::template::ReleaseTemplate,
) -> IpcResult<runway_core::api::phases::ReleaseTemplateInfo> {
    shell.with(|s| s.planner_mut()?.set_release_template(template))
}

/// Goes back to the default template for a release kind.
#[tauri::command(async)]
pub fn reset_release_template(
    shell: State<'_, Shell>,
    kind: runway_domain::ReleaseKind,
) -> IpcResult<runway_core::api::phases::ReleaseTemplateInfo> {
    shell.with(|s| s.planner_mut()?.reset_release_template(kind))
}

#[tauri::command(async)]
pub fn baselines(shell: State<'_, Shell>) -> IpcResult<Vec<runway_core::dto::BaselineInfo>> {
    shell.with(|s| s.planner()?.baseline_list())
}

#[tauri::command(async)]
pub fn save_baseline(shell: State<'_, Shell>, name: String) -> IpcResult<runway_core::dto::BaselineInfo> {
    shell.with(|s| Ok((&s.planner_mut()?.save_baseline(&name)?).into()))
}

#[tauri::command(async)]
pub fn release_dependencies(
    shell: State<'_, Shell>,
    key: String,
) -> IpcResult<Vec<runway_domain::schedule::Dependency>> {
    shell.with(|s| s.planner()?.dependencies_of(&key))
}

/// The links implied by configuration items with the release at either end.
#[tauri::command(async)]
pub fn release_ci_links(shell: State<'_, Shell>, key: String) -> IpcResult<Vec<runway_domain::schedule::CiLink>> {
    shell.with(|s| s.planner()?.ci_links_of(&key))
}

#[tauri::command(async)]
pub fn add_dependency(
    shell: State<'_, Shell>,
    dependency: runway_domain::schedule::Dependency,
) -> IpcResult<runway_domain::schedule::Dependency> {
    shell.with(|s| s.planner_mut()?.add_dependency(dependency))
}

#[tauri::command(async)]
pub fn remove_dependency(
    shell: State<'_, Shell>,
    from: runway_domain::schedule::Endpoint,
    to: runway_domain::schedule::Endpoint,
) -> IpcResult<()> {
    shell.with(|s| s.planner_mut()?.remove_dependency(&from, &to))
}

/// The report laid out on pages, as the PDF will hold them (the preview draws these marks).
#[tauri::command(async)]
pub fn report_preview(shell: State<'_, Shell>, req: ReportRequest) -> IpcResult<Document> {
    // Only reading the plan holds the session; laying the pages out does not.
    let source = shell.with(|s| s.planner()?.report_source(&req))?;
    source.document().map_err(|e| e.info())
}

/// Save…: the native dialog in Rust, then the PDF written there; `null` when the user cancels.
#[tauri::command(async)]
pub fn save_report(app: AppHandle, req: ReportRequest) -> IpcResult<Option<SavedReport>> {
    reports::save(&app, &req, None)
}

/// Opens a report saved in this session in the system's PDF viewer (no other path).
#[tauri::command(async)]
pub fn open_report(shell: State<'_, Shell>, path: PathBuf) -> IpcResult<()> {
    reports::open(&shell, &path)
}

mod confirm {
    use tauri::{AppHandle, Manager};
    use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

    use runway_core::error::{ErrorCode, ErrorInfo};

    use crate::{IpcResult, Shell};

    /// Asks in a native dialog; a refusal is `Cancelled`. The end-to-end tests (`e2e` build,
    /// RUNWAY_E2E=1) cannot drive native dialogs, so there the answer is yes.
    pub fn ask(app: &AppHandle, shell: &Shell, title: &str, heading: &str, details: &str, ok: &str) -> IpcResult<()> {
        if shell.e2e {
            return Ok(());
        }
        let text =
            if details.trim().is_empty() { heading.to_owned() } else { format!("{heading}\n\n{}", details.trim()) };
        let mut d = app
            .dialog()
            .message(text)
            .title(title)
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(ok.to_owned(), "Cancel".to_owned()));
        if let Some(w) = app.get_webview_window("main") {
            d = d.parent(&w);
        }
        if d.blocking_show() {
            Ok(())
        } else {
            Err(ErrorInfo { code: ErrorCode::Cancelled, message: "cancelled".into(), fields: vec![] })
        }
    }
}

/// The UI has drawn its first release list; with RUNWAY_READY_PROBE=1 the time since launch is
/// printed for the startup benchmark.
#[tauri::command(async)]
pub fn ui_ready(shell: State<'_, Shell>) {
    if std::env::var_os("RUNWAY_READY_PROBE").is_some_and(|v| v == "1") {
        eprintln!("runway: ready {} ms", shell.started.elapsed().as_millis());
    }
}
