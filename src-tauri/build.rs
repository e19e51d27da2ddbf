//! Tauri's build step, with the app's commands allow-listed: each command gets an `allow-<name>`
//! permission, and only the permissions listed in capabilities/default.json reach the webview.

include!("src/command_names.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
