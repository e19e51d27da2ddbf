//! File → Export… and File → Import…: the plan as a Runway document (JSON), one of its tables as
//! spreadsheet CSV, or MS Project XML, written to a file chosen in the native Save dialog; a
//! document or a table read from a file chosen in the Open dialog, all or nothing. One core call
//! each; the dialog is raised here, so the page never names a path.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use runway_core::error::{ErrorCode, ErrorInfo};
use runway_domain::interchange::csv::Table;

use crate::calendar::io_error;
use crate::{IpcResult, Shell};

/// What the UI names a format by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Format {
    Json,
    Csv(Table),
    Mspdi,
}

impl Format {
    fn parse(s: &str) -> IpcResult<Format> {
        match s {
            "json" => Ok(Format::Json),
            "csv-releases" => Ok(Format::Csv(Table::Releases)),
            "csv-milestones" => Ok(Format::Csv(Table::Milestones)),
            "csv-rfcs" => Ok(Format::Csv(Table::Rfcs)),
            "mspdi" => Ok(Format::Mspdi),
            other => Err(ErrorInfo {
                code: ErrorCode::Validation,
                message: format!("unknown format {other:?}: json, csv-releases, csv-milestones, csv-rfcs or mspdi"),
                fields: vec![],
            }),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv(_) => "csv",
            Format::Mspdi => "xml",
        }
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Format::Json => ("Runway document (JSON)", &["json"]),
            Format::Csv(_) => ("CSV", &["csv", "txt"]),
            Format::Mspdi => ("MS Project XML", &["xml"]),
        }
    }

    /// The name the Save dialog suggests: `<plan>.json`, `<plan> releases.csv`, `<plan>.xml`.
    fn suggested(self, plan: &str) -> String {
        let plan: String = plan.chars().map(|c| if matches!(c, '/' | '\\' | ':') { '-' } else { c }).collect();
        match self {
            Format::Csv(t) => format!("{plan} {}.csv", t.as_str()),
            _ => format!("{plan}.{}", self.extension()),
        }
    }
}

fn parent_window(app: &AppHandle) -> Option<tauri::WebviewWindow> {
    app.get_webview_window("main")
}

/// Exports the plan in `format` to a file chosen in the native Save dialog (CSV with a byte-order
/// mark when `bom`, for older Excel); the path written, or null when cancelled.
#[tauri::command(async)]
pub fn export_plan(app: AppHandle, shell: State<'_, Shell>, format: String, bom: bool) -> IpcResult<Option<String>> {
    let parsed = Format::parse(&format)?;
    let plan = shell.with(|s| Ok(s.planner()?.info()?.name))?;
    let (label, extensions) = parsed.filter();
    let mut d = app
        .dialog()
        .file()
        .set_title("Export the plan")
        .set_file_name(parsed.suggested(&plan))
        .add_filter(label, extensions);
    if let Some(w) = parent_window(&app) {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension(parsed.extension());
    }
    export_to(&shell, &format, path, bom).map(Some)
}

pub(crate) fn export_to(shell: &Shell, format: &str, path: PathBuf, bom: bool) -> IpcResult<String> {
    let format = Format::parse(format)?;
    shell.with(|s| {
        let p = s.planner()?;
        match format {
            Format::Json => p.export_json_file(&path),
            Format::Csv(table) => p.export_csv_file(table, &path, bom),
            Format::Mspdi => p.export_mspdi_file(&path),
        }
    })?;
    Ok(path.to_string_lossy().into_owned())
}

/// Imports a Runway document or one table's CSV from a file chosen in the native Open dialog: all
/// or nothing (a refusal names every bad cell or path). What it did, in words, or null when
/// cancelled.
#[tauri::command(async)]
pub fn import_into_plan(app: AppHandle, shell: State<'_, Shell>, format: String) -> IpcResult<Option<String>> {
    let parsed = Format::parse(&format)?;
    if parsed == Format::Mspdi {
        return Err(no_mspdi_import());
    }
    let (label, extensions) = parsed.filter();
    let mut d = app.dialog().file().set_title("Import into the plan").add_filter(label, extensions);
    if let Some(w) = parent_window(&app) {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_pick_file() else { return Ok(None) };
    let path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    import_from(&shell, &format, &path).map(Some)
}

fn no_mspdi_import() -> ErrorInfo {
    ErrorInfo {
        code: ErrorCode::Validation,
        message: "MS Project XML is imported with a preview: pick_mspdi_file, then preview_mspdi and import_mspdi"
            .into(),
        fields: vec![],
    }
}

/// The MS Project file chosen for an import, between its preview and the import: the page never
/// names a path, so the shell keeps it.
static PENDING_MSPDI: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// In the end-to-end build, the file the next "Choose file…" takes instead of raising the native
/// dialog, which WebDriver cannot drive (set by `e2e::pick_mspdi_file_path`).
#[cfg(feature = "e2e")]
pub(crate) static NEXT_MSPDI_PICK: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

pub(crate) fn set_pending_mspdi(path: PathBuf) -> String {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    *PENDING_MSPDI.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(path);
    name
}

fn pending_mspdi() -> IpcResult<PathBuf> {
    PENDING_MSPDI.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone().ok_or_else(|| ErrorInfo {
        code: ErrorCode::NotFound,
        message: "Choose the MS Project file first (File → Import…, MS Project XML).".into(),
        fields: vec![],
    })
}

/// File → Import… of MS Project XML, step one: the file, chosen in the native Open dialog; its
/// name, or null when cancelled.
#[tauri::command(async)]
pub fn pick_mspdi_file(app: AppHandle) -> IpcResult<Option<String>> {
    #[cfg(feature = "e2e")]
    if let Some(path) = NEXT_MSPDI_PICK.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take() {
        return Ok(Some(set_pending_mspdi(path)));
    }
    let (label, extensions) = Format::Mspdi.filter();
    let mut d = app.dialog().file().set_title("Import MS Project XML").add_filter(label, extensions);
    if let Some(w) = parent_window(&app) {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_pick_file() else { return Ok(None) };
    Ok(Some(set_pending_mspdi(chosen.into_path().map_err(|e| io_error(e.to_string()))?)))
}

/// Step two: what importing the chosen file by `choice` would add, change and leave out.
#[tauri::command(async)]
pub fn preview_mspdi(
    shell: State<'_, Shell>,
    choice: runway_core::api::mspdi::MspdiChoice,
) -> IpcResult<runway_core::api::mspdi::MspdiImport> {
    let path = pending_mspdi()?;
    shell.with(|s| s.planner_mut()?.import_mspdi_file(&path, &choice, false))
}

/// Step three: the import, all or nothing, one undo step.
#[tauri::command(async)]
pub fn import_mspdi(
    shell: State<'_, Shell>,
    choice: runway_core::api::mspdi::MspdiChoice,
) -> IpcResult<runway_core::api::mspdi::MspdiImport> {
    let path = pending_mspdi()?;
    let done = shell.with(|s| s.planner_mut()?.import_mspdi_file(&path, &choice, true))?;
    *PENDING_MSPDI.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    Ok(done)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn import_from(shell: &Shell, format: &str, path: &Path) -> IpcResult<String> {
    let source = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match Format::parse(format)? {
        Format::Mspdi => Err(no_mspdi_import()),
        Format::Json => {
            let s = shell.with(|s| s.planner_mut()?.import_file(path))?;
            Ok(format!(
                "Imported {}, {} and {} from {source}.",
                plural(s.releases, "release", "releases"),
                plural(s.rfcs, "RFC", "RFCs"),
                plural(s.reference_items, "reference item", "reference items"),
            ))
        }
        Format::Csv(table) => {
            let bytes = std::fs::read(path).map_err(|e| io_error(format!("{source} cannot be read: {e}")))?;
            let text = runway_domain::stakeholders::decode(&bytes);
            let done = shell.with(|s| s.planner_mut()?.import_csv(table, &text, &source))?;
            let mut summary = format!("From {source}: {} added, {} updated.", done.added, done.updated);
            if !done.ignored_columns.is_empty() {
                summary.push_str(&format!(" Columns not read: {}.", done.ignored_columns.join(", ")));
            }
            Ok(summary)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_suggested_names() {
        assert_eq!(Format::parse("json").unwrap().suggested("Demo"), "Demo.json");
        assert_eq!(Format::parse("csv-releases").unwrap().suggested("Demo"), "Demo releases.csv");
        assert_eq!(Format::parse("csv-rfcs").unwrap().suggested("A/B"), "A-B rfcs.csv");
        assert_eq!(Format::parse("mspdi").unwrap().suggested("Demo"), "Demo.xml");
        assert_eq!(Format::parse("pdf").unwrap_err().code, ErrorCode::Validation);
    }
}
