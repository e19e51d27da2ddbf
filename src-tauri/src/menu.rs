//! The native menu bar. File actions run in Rust; the others are handed to the UI as `menu`
//! events. Shortcuts the UI handles itself (Ctrl+N, Ctrl+F, Ctrl+1..8) are not bound here, so a
//! key press never acts twice.

use std::path::PathBuf;

use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Wry};

use crate::about;
use crate::files::{self, FileAction};

const RECENT_PREFIX: &str = "recent:";
const VIEWS: &[(&str, &str)] = &[
    ("dashboard", "Dashboard"),
    ("releases", "Releases"),
    ("roadmap", "Roadmap"),
    ("calendar", "Calendar"),
    ("matrix", "Matrix"),
    ("stakeholders", "Stakeholders"),
    ("outbox", "Outbox"),
    ("reports", "Reports"),
    ("settings", "Settings"),
    ("merge", "Merge Review"),
];

pub fn build(app: &AppHandle, recent: &[String]) -> tauri::Result<Menu<Wry>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Open Recent");
    if recent.is_empty() {
        recent_menu =
            recent_menu.item(&MenuItemBuilder::with_id("recent-none", "No recent plans").enabled(false).build(app)?);
    }
    for (i, path) in recent.iter().enumerate() {
        let label = if i < 9 { format!("{}  {}", i + 1, path) } else { path.clone() };
        recent_menu = recent_menu.item(&MenuItemBuilder::with_id(format!("{RECENT_PREFIX}{path}"), label).build(app)?);
    }
    let file = SubmenuBuilder::new(app, "File")
        .item(&MenuItemBuilder::with_id("new-plan", "New Plan…").accelerator("CmdOrCtrl+Shift+N").build(app)?)
        .item(&MenuItemBuilder::with_id("open-plan", "Open…").accelerator("CmdOrCtrl+O").build(app)?)
        .item(&recent_menu.build()?)
        .separator()
        .item(&MenuItemBuilder::with_id("save-as", "Save As…").accelerator("CmdOrCtrl+Shift+S").build(app)?)
        // Handed to the UI, which lists the backups first.
        .item(&MenuItemBuilder::with_id("restore-backup", "Restore from Backup…").build(app)?)
        .separator()
        // Handed to the UI, which asks for the format before the native dialog opens.
        .item(&MenuItemBuilder::with_id("import", "Import…").build(app)?)
        .item(&MenuItemBuilder::with_id("export", "Export…").build(app)?)
        .separator()
        // Handed to the UI: it shows what a merge did (and opens the review), and asks since
        // which copy to export before the native dialog opens.
        .item(&MenuItemBuilder::with_id("merge-changes", "Merge Changes…").build(app)?)
        .item(&MenuItemBuilder::with_id("export-changes", "Export Changes…").build(app)?)
        .separator()
        // Not the predefined Quit: GTK shows that one disabled. Exiting runs RunEvent::Exit, where
        // the plan is checkpointed.
        .item(&MenuItemBuilder::with_id("quit", "Quit").accelerator("CmdOrCtrl+Q").build(app)?)
        .build()?;
    // Undo and redo of plan edits: Ctrl+Z and Ctrl+Shift+Z are handled by the UI (outside text
    // fields, where they stay the field's own undo), so the items carry no accelerator.
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&MenuItemBuilder::with_id("undo", "Undo Edit").build(app)?)
        .item(&MenuItemBuilder::with_id("redo", "Redo Edit").build(app)?)
        .separator()
        .item(&MenuItemBuilder::with_id("new-release", "New Release").build(app)?)
        .item(&MenuItemBuilder::with_id("find", "Find Release").build(app)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;
    let mut view = SubmenuBuilder::new(app, "View");
    for (id, label) in VIEWS {
        view = view.item(&MenuItemBuilder::with_id(format!("view:{id}"), *label).build(app)?);
    }
    let view =
        view.separator().item(&MenuItemBuilder::with_id("theme:toggle", "Toggle Dark Theme").build(app)?).build()?;
    // The native About dialog: version, plan schema, licences (about.rs).
    let about = about::metadata(app.default_window_icon().cloned());
    let help = SubmenuBuilder::new(app, "Help")
        .item(&PredefinedMenuItem::about(app, Some("About Runway"), Some(about))?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()
}

pub fn on_event(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref().to_owned();
    let action = match id.as_str() {
        "new-plan" => Some(FileAction::New),
        "open-plan" => Some(FileAction::Open),
        "save-as" => Some(FileAction::SaveAs),
        _ => id.strip_prefix(RECENT_PREFIX).map(|p| FileAction::Recent(PathBuf::from(p))),
    };
    if id == "quit" {
        app.exit(0);
        return;
    }
    match action {
        // Dialogs block: run them off the main thread.
        Some(action) => {
            let app = app.clone();
            std::thread::spawn(move || {
                let _ = files::run_and_notify(&app, action);
            });
        }
        None => {
            let _ = app.emit("menu", id);
        }
    }
}
