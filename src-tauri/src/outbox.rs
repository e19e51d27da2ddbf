//! The outbox's commands (D8): the messages changes made, read, edited, approved or discarded by a
//! person; the templates they are made from; the CAB agenda; a message's `.eml` written to a file
//! chosen in the native Save dialog; the mail server (kept in the user's settings, its password in
//! the desktop's keyring) and sending. Each is one call into runway-core, except sending, which
//! runs on its own thread and holds the session only to claim a message and to record what the
//! server said, so the window stays usable while the server is slow.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use chrono::NaiveDate;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use runway_core::api::outbox::{OutboxCounts, SendOutcome, TemplateView, eml_file_name};
use runway_core::domain::notify::{Message, MessageState, Template};
use runway_core::error::{ErrorCode, ErrorInfo};
use runway_core::mail::{Address, Smtp};
use runway_core::settings::MailSettings;

use crate::calendar::io_error;
use crate::{IpcResult, Shell};

/// Emitted after each message a send run ends with, and once when the run ends.
pub const PROGRESS_EVENT: &str = "outbox-progress";

/// What `outbox-progress` carries.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// Messages ended so far (sent or failed), of `total` due when the run started.
    pub done: u32,
    pub total: u32,
    /// The message that just ended; none for the run's last event when it ends on an error.
    pub id: Option<i64>,
    pub state: Option<MessageState>,
    /// Why it failed (or why the run stopped).
    pub error: Option<String>,
    /// When a failed message is tried again (UTC RFC 3339); none when it is not.
    pub next_attempt: Option<String>,
    /// The run is over.
    pub finished: bool,
}

fn conflict(message: impl Into<String>) -> ErrorInfo {
    ErrorInfo { code: ErrorCode::Conflict, message: message.into(), fields: vec![] }
}

/// The messages in `states` (every one when empty), newest first.
#[tauri::command(async)]
pub fn outbox_messages(shell: State<'_, Shell>, states: Vec<MessageState>) -> IpcResult<Vec<Message>> {
    shell.with(|s| s.planner()?.outbox(&states))
}

/// How many messages are in each state (the sidebar's badge: pending + failed + check).
#[tauri::command(async)]
pub fn outbox_counts(shell: State<'_, Shell>) -> IpcResult<OutboxCounts> {
    shell.with(|s| s.planner()?.outbox_counts())
}

#[tauri::command(async)]
pub fn outbox_message(shell: State<'_, Shell>, id: i64) -> IpcResult<Message> {
    shell.with(|s| s.planner()?.message(id))
}

/// A new subject and body for a message waiting for approval, failed or to be checked.
#[tauri::command(async)]
pub fn edit_message(shell: State<'_, Shell>, id: i64, subject: String, body: String) -> IpcResult<Message> {
    shell.with(|s| s.planner_mut()?.edit_message(id, &subject, &body))
}

/// Approves messages to be sent: all of them, or none when one cannot be.
#[tauri::command(async)]
pub fn approve_messages(shell: State<'_, Shell>, ids: Vec<i64>) -> IpcResult<Vec<Message>> {
    shell.with(|s| s.planner_mut()?.approve_messages(&ids))
}

/// Approves every message waiting for approval.
#[tauri::command(async)]
pub fn approve_all(shell: State<'_, Shell>) -> IpcResult<Vec<Message>> {
    shell.with(|s| s.planner_mut()?.approve_all())
}

/// Discards messages (they will not go out), with the reason given.
#[tauri::command(async)]
pub fn discard_messages(shell: State<'_, Shell>, ids: Vec<i64>, reason: String) -> IpcResult<Vec<Message>> {
    shell.with(|s| s.planner_mut()?.discard_messages(&ids, &reason))
}

/// A message whose send was cut off, checked by a person: it went out.
#[tauri::command(async)]
pub fn mark_sent(shell: State<'_, Shell>, id: i64) -> IpcResult<Message> {
    shell.with(|s| s.planner_mut()?.mark_sent(id))
}

/// Every trigger's template, with its label and placeholders.
#[tauri::command(async)]
pub fn message_templates(shell: State<'_, Shell>) -> IpcResult<Vec<TemplateView>> {
    shell.with(|s| s.planner()?.templates())
}

/// Keeps a template; an unknown placeholder is refused at its field.
#[tauri::command(async)]
pub fn set_message_template(shell: State<'_, Shell>, template: Template) -> IpcResult<TemplateView> {
    shell.with(|s| s.planner_mut()?.set_template(template))
}

/// Makes the messages of the releases overdue in their stage not told of yet; their ids.
#[tauri::command(async)]
pub fn check_overdue(shell: State<'_, Shell>) -> IpcResult<Vec<i64>> {
    shell.with(|s| s.planner_mut()?.check_overdue())
}

/// Makes the CAB agenda message for the days `from` to `to`.
#[tauri::command(async)]
pub fn make_cab_agenda(shell: State<'_, Shell>, from: NaiveDate, to: NaiveDate) -> IpcResult<Message> {
    shell.with(|s| s.planner_mut()?.cab_agenda(from, to))
}

/// Writes a message's `.eml` to a file chosen in the native Save dialog; the path, or null when
/// cancelled.
#[tauri::command(async)]
pub fn export_message_eml(app: AppHandle, shell: State<'_, Shell>, id: i64) -> IpcResult<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let suggested = shell.with(|s| s.planner()?.message(id))?;
    let mut d = app
        .dialog()
        .file()
        .set_title("Export message")
        .set_file_name(eml_file_name(&suggested))
        .add_filter("E-mail", &["eml"]);
    if let Some(w) = app.get_webview_window("main") {
        d = d.set_parent(&w);
    }
    let Some(chosen) = d.blocking_save_file() else { return Ok(None) };
    let mut path = chosen.into_path().map_err(|e| io_error(e.to_string()))?;
    if path.extension().is_none() {
        path.set_extension("eml");
    }
    export_message_eml_to(&shell, id, path).map(Some)
}

pub(crate) fn export_message_eml_to(shell: &Shell, id: i64, path: PathBuf) -> IpcResult<String> {
    shell.with(|s| {
        let bytes = s.planner()?.eml(id)?;
        runway_core::fsutil::write_atomically(&path, &bytes)
    })?;
    Ok(path.to_string_lossy().into_owned())
}

/// The mail server the outbox sends through, when one is set (never its password).
#[tauri::command(async)]
pub fn mail_settings(shell: State<'_, Shell>) -> IpcResult<Option<MailSettings>> {
    shell.with(|s| Ok(s.mail_settings()))
}

/// Keeps the mail server in the user's settings and `password` (when given) in the desktop's
/// keyring, never in the settings file. When the keyring refuses it, the password is kept in
/// memory until the app quits, and the answer says so; otherwise the answer is null.
#[tauri::command(async)]
pub fn save_mail_settings(
    shell: State<'_, Shell>,
    settings: MailSettings,
    password: Option<String>,
) -> IpcResult<Option<String>> {
    shell.with(|s| s.set_mail_settings(Some(settings.clone())))?;
    let saved = shell.with(|s| Ok(s.mail_settings()))?.unwrap_or(settings);
    let mut kept = shell.smtp_password.lock().unwrap_or_else(|p| p.into_inner());
    let Some(password) = password.filter(|p| !p.is_empty()) else { return Ok(None) };
    let Some(user) = saved.user.as_deref() else {
        *kept = Some(password);
        return Ok(Some("The server has no login: the password is kept for this session only.".into()));
    };
    match runway_core::mail::secret::store(&saved.host, user, &password) {
        Ok(()) => {
            *kept = None;
            Ok(None)
        }
        Err(why) => {
            *kept = Some(password);
            Ok(Some(format!("{why}. It is kept until Runway quits: enter it again next time.")))
        }
    }
}

/// Sends the due messages (approved, or failed and their retry time come), or those of `ids`
/// (failed ones without waiting), one at a time on a thread of their own; answers how many are to
/// go. Each message's end is an `outbox-progress` event, and so is the run's.
#[tauri::command(async)]
pub fn send_messages(app: AppHandle, shell: State<'_, Shell>, ids: Option<Vec<i64>>) -> IpcResult<u32> {
    let Some(settings) = shell.with(|s| Ok(s.mail_settings()))? else {
        return Err(conflict("No mail server is set: choose Mail server… and enter it."));
    };
    let kept = shell.smtp_password.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let password = kept.or_else(|| settings.password());
    let smtp = Smtp::connect(&settings.smtp(password)).map_err(|e| conflict(e.message))?;
    let from = settings.from.as_ref().map(|e| Address { name: String::new(), email: e.clone() });
    if shell.sending.swap(true, Ordering::SeqCst) {
        return Err(conflict("Messages are being sent already: wait for that to end."));
    }
    let total = shell.with(|s| {
        let p = s.planner_mut()?;
        p.begin_sending()?;
        let now = p.now();
        let due = p.outbox(&[MessageState::Approved, MessageState::Failed])?;
        Ok(due
            .iter()
            .filter(|m| match &ids {
                None => runway_core::domain::notify::due(m, now),
                Some(ids) => {
                    ids.contains(&m.id) && (runway_core::domain::notify::due(m, now) || m.next_attempt.is_some())
                }
            })
            .count() as u32)
    });
    let total = match total {
        Ok(t) => t,
        Err(e) => {
            shell.sending.store(false, Ordering::SeqCst);
            return Err(e);
        }
    };
    std::thread::spawn(move || {
        let shell = app.state::<Shell>();
        let last = run(&app, &shell, &smtp, from.as_ref(), ids.as_deref(), total);
        shell.sending.store(false, Ordering::SeqCst);
        let _ = app.emit(PROGRESS_EVENT, last);
    });
    Ok(total)
}

/// The send loop: the session is held to claim a message and to record the outcome, never while
/// the server is talked to. Answers the run's last event.
fn run(
    app: &AppHandle,
    shell: &Shell,
    smtp: &Smtp,
    from: Option<&Address>,
    only: Option<&[i64]>,
    total: u32,
) -> Progress {
    let mut done = 0;
    // Named messages are each tried once in a run (a failed one would otherwise be claimed again).
    let mut remaining = only.map(<[i64]>::to_vec);
    let end = |done, error: Option<String>| Progress {
        done,
        total,
        id: None,
        state: None,
        error,
        next_attempt: None,
        finished: true,
    };
    loop {
        let claimed = match shell.with(|s| s.planner_mut()?.claim_next(remaining.as_deref())) {
            Ok(Some(c)) => c,
            Ok(None) => return end(done, None),
            Err(e) => return end(done, Some(e.message)),
        };
        let (m, mut mail) = claimed;
        if let Some(r) = &mut remaining {
            r.retain(|&id| id != m.id);
        }
        if let Some(f) = from {
            mail.from = f.clone();
        }
        let outcome = SendOutcome::of(smtp.send(&mail));
        let unreachable = outcome.stops_run();
        let ended = match shell.with(|s| s.planner_mut()?.finish_send(m.id, outcome)) {
            Ok(m) => m,
            Err(e) => return end(done, Some(e.message)),
        };
        done += 1;
        let _ = app.emit(
            PROGRESS_EVENT,
            Progress {
                done,
                total,
                id: Some(ended.id),
                state: Some(ended.state),
                error: ended.error.clone(),
                next_attempt: ended.next_attempt.map(|t| t.to_rfc3339()),
                finished: false,
            },
        );
        if unreachable {
            // The rest would fail the same way: they stay queued for the next run.
            return end(done, ended.error);
        }
    }
}
