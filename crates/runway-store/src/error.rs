//! The core's one error type. Every variant maps to an [`ErrorCode`] the UI can match on.

use std::path::PathBuf;

use runway_domain::FieldError;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", summary(.0))]
    Validation(Vec<FieldError>),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{} is not a Runway plan: {reason}", .path.display())]
    NotAPlan { path: PathBuf, reason: String },
    #[error(
        "{} was written by a newer Runway (plan schema {found}; this version reads up to {supported}). Update Runway to open it; the file was not changed.",
        .path.display()
    )]
    NewerSchema { path: PathBuf, found: u32, supported: u32 },
    #[error("no plan is open")]
    NoPlan,
    #[error("cancelled")]
    Cancelled,
    #[error("{context}: {source}")]
    Io { context: String, source: std::io::Error },
    #[error("{0}")]
    Import(String),
    #[error("{0}")]
    Corrupt(String),
    /// The plan is held by another process (or already open here): nothing was changed.
    #[error("{0}")]
    Busy(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{0}")]
    Internal(String),
    /// The lifecycle refused a move or a record; `unmet` lists the gate's unmet conditions.
    #[error("{message}")]
    Refused { message: String, unmet: Vec<runway_domain::Condition> },
}

impl From<runway_domain::Refusal> for Error {
    fn from(r: runway_domain::Refusal) -> Self {
        Error::Refused { message: r.to_string(), unmet: r.unmet().to_vec() }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => Error::Busy(format!(
                "the plan is busy in another program and did not answer in time ({e}); nothing was changed, try again"
            )),
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => Error::Corrupt(format!(
                "the plan file is damaged ({e}); nothing was changed. File → Restore from Backup… brings back a copy"
            )),
            _ => Error::Sqlite(e),
        }
    }
}

fn summary(fields: &[FieldError]) -> String {
    fields.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; ")
}

impl Error {
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    /// Another process holds the plan at `path`.
    pub fn busy(path: &std::path::Path) -> Self {
        Error::Busy(format!(
            "{} is open in another Runway window (or a runway command is writing it); close it there, or wait for the command to finish, and try again. Nothing was changed.",
            path.display()
        ))
    }

    /// This process already holds the plan at `path`.
    pub fn busy_here(path: &std::path::Path) -> Self {
        Error::Busy(format!("{} is already open in this window", path.display()))
    }

    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation(_) | Error::Import(_) => ErrorCode::Validation,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::NotAPlan { .. } => ErrorCode::NotAPlan,
            Error::NewerSchema { .. } => ErrorCode::NewerSchema,
            Error::NoPlan => ErrorCode::NoPlan,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Io { .. } => ErrorCode::Io,
            Error::Corrupt(_) => ErrorCode::Corrupt,
            Error::Busy(_) => ErrorCode::Busy,
            Error::Sqlite(_) | Error::Internal(_) => ErrorCode::Internal,
            Error::Refused { .. } => ErrorCode::Refused,
        }
    }

    /// The error as it crosses to the UI.
    pub fn info(&self) -> ErrorInfo {
        ErrorInfo {
            code: self.code(),
            message: self.to_string(),
            fields: match self {
                Error::Validation(f) => f.clone(),
                Error::Refused { unmet, .. } => {
                    unmet.iter().map(|c| FieldError::new(&c.code, format!("{} ({})", c.label, c.detail))).collect()
                }
                _ => vec![],
            },
        }
    }
}

/// What kind of failure an error is; the UI matches on this. `VARIANTS` (strum) lists them all:
/// the UI's `ERROR_CODES` in the bindings is made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule; `fields` says which.
    Validation,
    NotFound,
    /// The name or key is taken.
    Conflict,
    /// The file is not a Runway plan (garbage, or another SQLite database).
    NotAPlan,
    /// The file was written by a newer Runway.
    NewerSchema,
    /// No plan is open.
    NoPlan,
    /// The user closed a dialog without choosing.
    Cancelled,
    /// A file could not be read or written.
    Io,
    /// The plan file failed an integrity check.
    Corrupt,
    /// The plan is open in another Runway window (or a runway command is writing it).
    Busy,
    /// A bug: the message says what happened.
    Internal,
    /// The lifecycle refused a move or a decision; `fields` lists the unmet conditions by code.
    Refused,
}

impl ErrorCode {
    /// Every code, in declaration order (the UI's `ERROR_CODES` is made from it).
    pub const ALL: &[ErrorCode] = <ErrorCode as strum::VariantArray>::VARIANTS;
}

/// An error as it crosses to the UI: `{ code, message, fields }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorInfo {
    pub code: ErrorCode,
    pub message: String,
    /// For validation errors: the message for each field in error.
    pub fields: Vec<FieldError>,
}
