// The IPC surface, declared once: every command the webview may call, as the path of its
// `#[tauri::command]` function (named as the webview invokes it: no `rename`).
//
// build.rs includes this file for the names (each gets an `allow-<name>` permission) and lib.rs
// for the `generate_handler!` list and the names the tests check the capabilities,
// `ui/src/lib/ipc/commands.ts`, the client and docs/ipc.md against. `e2e` holds the test-only
// commands: they exist (function, handler entry, permission, capability) only in builds with the
// `e2e` feature, which the end-to-end tests run (`make app-debug`).
runway_commands! {
    release: [
        commands::app_state,
        commands::list_releases,
        commands::get_release,
        commands::catalog,
        commands::create_release,
        commands::update_release,
        commands::delete_release,
        commands::create_rfc,
        commands::link_rfc,
        commands::unlink_rfc,
        commands::link_ci,
        commands::unlink_ci,
        commands::set_profile,
        commands::new_plan,
        commands::open_plan,
        commands::save_plan_as,
        commands::open_recent,
        commands::ui_ready,
        commands::release_lifecycle,
        commands::release_history,
        commands::move_release,
        commands::record_evidence,
        commands::undo_state,
        commands::undo_edit,
        commands::redo_edit,
        commands::get_policy,
        commands::set_policy,
        commands::dashboard,
        commands::roadmap,
        commands::what_if,
        commands::apply_change,
        commands::baselines,
        commands::save_baseline,
        commands::add_dependency,
        commands::remove_dependency,
        commands::release_dependencies,
        commands::release_ci_links,
        commands::report_preview,
        commands::save_report,
        commands::open_report,
    ],
    e2e: [
        e2e::open_plan_path,
        e2e::new_plan_path,
        e2e::save_plan_as_path,
        e2e::save_report_path,
    ],
}
