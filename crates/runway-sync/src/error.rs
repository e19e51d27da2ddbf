//! What can go wrong talking to the team store, in words a user can act on. No variant holds the
//! password: every message from the driver or the server passes through `Address::scrub` first.

use tokio_postgres::error::SqlState;

/// A team store failure.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the team store address is not a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL: {reason}")]
    InvalidUrl { reason: String },
    #[error("a team store sync needs a portfolio name")]
    NoPortfolio,
    #[error("cannot reach the team store at {place}: {reason}")]
    Unreachable { place: String, reason: String },
    #[error("the team store refused the login for {user}: {reason}")]
    LoginRefused { user: String, reason: String },
    #[error("the team store at {place} has no such database: {reason}")]
    NoDatabase { place: String, reason: String },
    #[error("the team store at {place} has schema {found}; this Runway knows up to {known}: update Runway")]
    NewerSchema { place: String, found: i32, known: i32 },
    #[error("the team store at {place} failed: {reason}")]
    Server { place: String, reason: String },
    #[error("cannot start the team store's network runtime: {reason}")]
    Runtime { reason: String },
}

/// The driver's error in one line: a server error's own message (and detail), else the driver's
/// words followed by their causes ("error connecting to server: Connection refused (os error 111)").
pub(crate) fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        };
    }
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// How a failed connection attempt reads: a refused login, a missing database, or a server that
/// could not be reached at all.
pub(crate) fn connect_error(address: &crate::address::Address, e: &tokio_postgres::Error) -> SyncError {
    let reason = address.scrub(describe(e));
    let place = address.place.clone();
    match e.code() {
        Some(c) if *c == SqlState::INVALID_PASSWORD || *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
            SyncError::LoginRefused { user: address.user.clone(), reason }
        }
        Some(c) if *c == SqlState::INVALID_CATALOG_NAME => SyncError::NoDatabase { place, reason },
        // Any other answer from the server (too many connections, starting up…): it was reached.
        Some(_) => SyncError::Server { place, reason },
        // The driver's own authentication error: the server asked for a password none was given for.
        None if e.to_string() == "authentication error" || reason.contains("password missing") => {
            SyncError::LoginRefused { user: address.user.clone(), reason }
        }
        None => SyncError::Unreachable { place, reason },
    }
}

/// How a failed statement reads, once connected.
pub(crate) fn server_error(address: &crate::address::Address, e: &tokio_postgres::Error) -> SyncError {
    SyncError::Server { place: address.place.clone(), reason: address.scrub(describe(e)) }
}
