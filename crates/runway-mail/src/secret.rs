//! The SMTP password, kept in the desktop's keyring (the Secret Service: GNOME Keyring, KWallet)
//! rather than in the settings file. One entry per login: service `runway-smtp`, user
//! `user@host`.
//!
//! A machine without a keyring (a server, a container, a session with no D-Bus) or with a locked
//! one is an ordinary case, not a crash: [`password`] finds nothing and [`store`] says why it could
//! not keep the password, so the user can type it each time instead.

use keyring::Entry;

/// The keyring's service name for Runway's SMTP logins.
const SERVICE: &str = "runway-smtp";

fn entry(host: &str, user: &str) -> Result<Entry, keyring::Error> {
    Entry::new(SERVICE, &format!("{user}@{host}"))
}

/// The password saved for this login on this server, or None when there is none, or no keyring
/// to ask, or the keyring is locked.
pub fn password(host: &str, user: &str) -> Option<String> {
    entry(host, user).and_then(|entry| entry.get_password()).ok()
}

/// Saves the password for this login on this server, replacing any saved before.
pub fn store(host: &str, user: &str, password: &str) -> Result<(), String> {
    entry(host, user)
        .and_then(|entry| entry.set_password(password))
        .map_err(|error| format!("The password for {user} on {host} cannot be saved in the system keyring: {error}"))
}

/// Removes the saved password for this login on this server; nothing saved is not an error.
pub fn forget(host: &str, user: &str) -> Result<(), String> {
    match entry(host, user).and_then(|entry| entry.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(error) => {
            Err(format!("The password for {user} on {host} cannot be removed from the system keyring: {error}"))
        }
    }
}
