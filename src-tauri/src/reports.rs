//! Reports: Save… through the native dialog (the file is chosen and written in Rust, never named
//! by the webview), and opening a saved report in the system viewer — only a file this session
//! wrote, so a script in the page cannot make the shell open anything else.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_dialog::DialogExt;

use runway_core::error::{ErrorCode, ErrorInfo};
use runway_core::report::{ReportRequest, SavedReport};

use crate::{IpcResult, Shell};

/// Emitted once the file is chosen and the PDF is being written (payload: the file name), so the
/// UI can say "Writing PDF…" instead of waiting on the dialog.
pub const WRITING_EVENT: &str = "report-writing";

fn error(code: ErrorCode, message: impl Into<String>) -> ErrorInfo {
    ErrorInfo { code, message: message.into(), fields: vec![] }
}

/// Where a path chosen in the dialog leads: `.pdf` is added to a bare name; since the dialog only
/// asked about the bare name, an existing file there is not replaced.
fn pdf_target(chosen: PathBuf) -> IpcResult<PathBuf> {
    if chosen.extension().is_some() {
        return Ok(chosen);
    }
    let path = chosen.with_extension("pdf");
    if path.exists() {
        return Err(error(
            ErrorCode::Conflict,
            format!("{} already exists: choose it in the dialog to replace it.", path.display()),
        ));
    }
    Ok(path)
}

fn pick(app: &AppHandle, suggested: &str) -> IpcResult<Option<PathBuf>> {
    let mut d = app.dialog().file().set_title("Save report").set_file_name(suggested).add_filter("PDF", &["pdf"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| error(ErrorCode::Io, e.to_string()))?;
    pdf_target(path).map(Some)
}

/// Writes the report to a file chosen in the native dialog (`to: None`; `Ok(None)` when the user
/// cancels) or to a given path (`save_report_path`, the end-to-end tests). runway-core refuses to
/// replace the open plan's own file.
pub fn save(app: &AppHandle, req: &ReportRequest, to: Option<PathBuf>) -> IpcResult<Option<SavedReport>> {
    let shell = app.state::<Shell>();
    // The end-to-end tests cannot drive the native dialog: in the `e2e` build they started
    // (RUNWAY_E2E=1), Save… writes into the folder RUNWAY_E2E_SAVE_DIR names instead of asking.
    let e2e_dir = shell.e2e.then(|| std::env::var_os("RUNWAY_E2E_SAVE_DIR")).flatten().map(PathBuf::from);
    let path = match (to, e2e_dir) {
        (Some(path), _) => path,
        (None, Some(dir)) => dir.join(req.suggested_file_name()),
        (None, None) => match pick(app, &req.suggested_file_name())? {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let file_name = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let _ = app.emit(WRITING_EVENT, &file_name);
    // Only reading the plan holds the session; laying out and writing the PDF do not.
    let source = shell.with(|s| s.planner()?.report_source(req))?;
    let summary = source.write(&path).map_err(|e| e.info())?;
    shell.saved_reports.lock().unwrap_or_else(|p| p.into_inner()).push(path.clone());
    Ok(Some(SavedReport { path: path.to_string_lossy().into_owned(), file_name, summary }))
}

/// Opens a report this session saved in the system's PDF viewer. Under the end-to-end tests
/// (RUNWAY_E2E=1) nothing is launched: the check is what they test.
pub fn open(shell: &Shell, path: &Path) -> IpcResult<()> {
    let saved = shell.saved_reports.lock().unwrap_or_else(|p| p.into_inner()).iter().any(|p| p == path);
    if !saved {
        return Err(error(ErrorCode::NotFound, "Runway opens only the reports it saved since it started."));
    }
    if !path.is_file() {
        return Err(error(ErrorCode::NotFound, format!("{} is no longer there.", path.display())));
    }
    if shell.e2e {
        return Ok(());
    }
    launch_viewer(path).map_err(|e| error(ErrorCode::Io, format!("cannot open {}: {e}", path.display())))
}

/// Hands the file to the desktop's default application and lets it run on its own.
fn launch_viewer(path: &Path) -> std::io::Result<()> {
    use std::process::{Command, Stdio};
    let mut cmd = if cfg!(target_os = "macos") {
        Command::new("open")
    } else if cfg!(windows) {
        Command::new("explorer")
    } else {
        Command::new("xdg-open")
    };
    let mut child = cmd.arg(path).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn()?;
    // Reap it when it ends (xdg-open returns once the viewer is started).
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_name_gets_pdf_and_does_not_replace_a_file_the_dialog_did_not_ask_about() {
        let dir = std::env::temp_dir().join(format!("runway-pdf-target-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(pdf_target(dir.join("q1")).unwrap(), dir.join("q1.pdf"));
        std::fs::write(dir.join("q1.pdf"), b"%PDF").unwrap();
        assert_eq!(pdf_target(dir.join("q1")).unwrap_err().code, ErrorCode::Conflict);
        assert_eq!(pdf_target(dir.join("q1.pdf")).unwrap(), dir.join("q1.pdf"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
