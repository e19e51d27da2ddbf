//! Tauri's build step, with the app's commands allow-listed: each command gets an `allow-<name>`
//! permission, and only the permissions listed in capabilities/default.json reach the webview.

const COMMANDS: &[&str] = &[
    "app_state",
    "list_releases",
    "get_release",
    "catalog",
    "create_release",
    "update_release",
    "delete_release",
    "create_rfc",
    "link_rfc",
    "unlink_rfc",
    "link_ci",
    "unlink_ci",
    "set_profile",
    "new_plan",
    "open_plan",
    "save_plan_as",
    "open_recent",
    "open_plan_path",
    "new_plan_path",
    "save_plan_as_path",
    "ui_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
