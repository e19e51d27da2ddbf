//! Runway's desktop shell: the window, the native menu and dialogs, and the commands the UI
//! calls. Every command is one call into runway-core's [`Session`]; errors cross as
//! `{ code, message, fields }` ([`ErrorInfo`]).

mod about;
mod backups;
mod calendar;
mod commands;
#[cfg(feature = "e2e")]
mod e2e;
mod files;
mod interchange;
#[cfg(test)]
mod ipc;
mod matrix;
mod menu;
mod outbox;
mod replicas;
mod reports;
#[cfg(test)]
mod security;
mod stakeholders;

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

use runway_core::dto::AppState;
use runway_core::error::ErrorInfo;
use runway_core::session::Session;

/// The state every command reaches: the session and what the shell was started with.
pub struct Shell {
    session: Mutex<Session>,
    started: Instant,
    /// The end-to-end tests' hooks are on: an `e2e` build started with RUNWAY_E2E=1.
    e2e: bool,
    /// The reports saved in this session: the only files `open_report` opens.
    saved_reports: Mutex<Vec<PathBuf>>,
    /// The SMTP password for this session, when the keyring would not keep it.
    smtp_password: Mutex<Option<String>>,
    /// A send run is under way (one at a time).
    sending: std::sync::atomic::AtomicBool,
}

pub type IpcResult<T> = Result<T, ErrorInfo>;

/// Expands the one list of commands (`command_list.rs`, which build.rs reads too) into their
/// names and the `generate_handler!` call; the test-only commands only with the `e2e` feature.
macro_rules! runway_commands {
    (release: [$($m:ident::$c:ident),* $(,)?], e2e: [$($em:ident::$ec:ident),* $(,)?] $(,)?) => {
        /// The commands of every build, named as the webview invokes them.
        pub const COMMANDS: &[&str] = &[$(stringify!($c)),*];
        /// The test-only commands: they exist only in builds with the `e2e` feature.
        pub const E2E_COMMANDS: &[&str] = &[$(stringify!($ec)),*];

        /// The commands the handler of this build is generated from (the same arm of this macro).
        #[cfg(not(feature = "e2e"))]
        #[cfg_attr(not(test), allow(dead_code))]
        pub const HANDLED: &[&str] = &[$(stringify!($c)),*];
        #[cfg(feature = "e2e")]
        #[cfg_attr(not(test), allow(dead_code))]
        pub const HANDLED: &[&str] = &[$(stringify!($c),)* $(stringify!($ec)),*];

        #[cfg(not(feature = "e2e"))]
        macro_rules! invoke_handler {
            () => {
                tauri::generate_handler![$($m::$c),*]
            };
        }
        #[cfg(feature = "e2e")]
        macro_rules! invoke_handler {
            () => {
                tauri::generate_handler![$($m::$c,)* $($em::$ec),*]
            };
        }
    };
}

include!("command_list.rs");

impl Shell {
    /// Runs one core call on the session and turns its error into what the UI receives.
    pub fn with<T>(&self, f: impl FnOnce(&mut Session) -> runway_core::Result<T>) -> IpcResult<T> {
        let mut session = self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut session).map_err(|e| e.info())
    }
}

/// The window title: the product and the open plan's file name.
pub fn title(state: &AppState) -> String {
    match &state.plan {
        Some(p) => format!("{} — Runway", p.file_name),
        None => "Runway".into(),
    }
}

/// A second `runway-app [PLAN]` started while this one runs: open its plan here (a path relative
/// to where it was started), and bring the window forward.
fn second_launch(app: &tauri::AppHandle, argv: Vec<String>, cwd: String) {
    if let Some(arg) = argv.get(1).filter(|a| !a.is_empty()) {
        let path = PathBuf::from(&cwd).join(arg);
        // Errors reach the UI as `plan-error` (e.g. the plan is open in another program).
        let _ = files::run_and_notify(app, files::FileAction::OpenPath(path));
    }
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

pub fn run(started: Instant) {
    let requested: Option<PathBuf> =
        std::env::args_os().nth(1).map(PathBuf::from).filter(|p| !p.as_os_str().is_empty());
    tauri::Builder::default()
        // One Runway per desktop session: a second launch hands its file (if any) to this window
        // and ends, so two windows never share (and fight over) one plan. Must come first.
        .plugin(tauri_plugin_single_instance::init(second_launch))
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = app.path().app_data_dir()?;
            std::fs::create_dir_all(&data_dir)?;
            // The end-to-end tests' hooks (the test-only commands answer, confirmations say yes,
            // no PDF viewer starts, today is pinned): only in a debug build with the `e2e` feature
            // started with RUNWAY_E2E=1; without the feature this is false at compile time.
            let e2e = cfg!(all(feature = "e2e", debug_assertions))
                && std::env::var_os("RUNWAY_E2E").is_some_and(|v| v == "1");
            // The end-to-end tests fix "today" (RUNWAY_TODAY=YYYY-MM-DD), so the demo and every
            // judgement on it are the same whatever day they run.
            let pinned = e2e.then(|| std::env::var("RUNWAY_TODAY").ok()).flatten().and_then(|d| d.parse().ok());
            let today = pinned.unwrap_or_else(|| chrono::Local::now().date_naive());
            let mut session = Session::start(&data_dir, requested.as_deref(), today);
            if let Some(day) = pinned {
                session.pin_today(day);
            }
            let state = session.state()?;
            // The notice (if any) is for the UI: keep it for the first app_state call.
            if let Some(n) = &state.notice {
                session.notify(n.clone());
            }
            app.manage(Shell {
                session: Mutex::new(session),
                started,
                e2e,
                saved_reports: Mutex::new(Vec::new()),
                smtp_password: Mutex::new(None),
                sending: std::sync::atomic::AtomicBool::new(false),
            });
            app.set_menu(menu::build(app.handle(), &state.recent)?)?;
            backups::start(app.handle());
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title(title(&state))
                .inner_size(1360.0, 860.0)
                .min_inner_size(960.0, 600.0)
                .center()
                .build()?;
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .invoke_handler(invoke_handler!())
        .build(tauri::generate_context!())
        .expect("error while starting Runway")
        .run(|app, event| {
            // Quitting ends the process without dropping the session: checkpoint first, so the
            // .runway file alone holds every edit (a user may copy or mail just that file).
            if let tauri::RunEvent::Exit = event
                && let Some(shell) = app.try_state::<Shell>()
                && let Err(e) = shell.with(|s| s.close())
            {
                eprintln!("runway: could not close the plan cleanly: {}", e.message);
            }
        });
}
