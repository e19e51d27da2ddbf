//! The team store's address: a `postgres://user:password@host:port/database` URL, read once. What
//! is shown of it (`place`, `user`) never holds the password, and `scrub` takes the password out of
//! any text that comes back from the driver or the server.

use std::str::FromStr;
use std::time::Duration;

use tokio_postgres::config::{Config, Host};

use crate::SyncError;

/// Where the team store is, and who logs in.
pub(crate) struct Address {
    pub config: Config,
    /// `host:port/database`: what messages name.
    pub place: String,
    /// The login's user name (never secret).
    pub user: String,
    /// The password as written in the URL and as decoded, to be taken out of any message.
    secrets: Vec<String>,
}

impl std::fmt::Debug for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Address").field("place", &self.place).field("user", &self.user).finish_non_exhaustive()
    }
}

impl Address {
    /// Reads a `postgres://` (or `postgresql://`) URL; a key=value connection string is refused, so
    /// there is one way to write an address. `connect_timeout` bounds each connection attempt.
    pub fn parse(url: &str, connect_timeout: Duration) -> Result<Address, SyncError> {
        let written = written_password(url);
        let mut secrets: Vec<String> = written.iter().map(|p| p.to_string()).collect();
        // The URL itself is never echoed: a mistyped one may hold the password anywhere.
        let refuse = |reason: String, secrets: &[String]| SyncError::InvalidUrl { reason: scrub_with(secrets, reason) };
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(refuse("it does not start with postgres://".into(), &secrets));
        }
        let mut config = Config::from_str(url).map_err(|e| refuse(crate::error::describe(&e), &secrets))?;
        if let Some(password) = config.get_password() {
            secrets.push(String::from_utf8_lossy(password).into_owned());
        }
        secrets.retain(|s| !s.is_empty());
        let Some(user) = config.get_user().map(str::to_owned) else {
            return Err(refuse("it names no user (postgres://USER:PASSWORD@HOST:PORT/DATABASE)".into(), &secrets));
        };
        let host = match config.get_hosts() {
            [] => return Err(refuse("it names no host".into(), &secrets)),
            [Host::Tcp(host)] => host.clone(),
            [Host::Unix(path)] => path.display().to_string(),
            _ => return Err(refuse("it names more than one host".into(), &secrets)),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let database = config.get_dbname().unwrap_or(&user).to_owned();
        config.connect_timeout(connect_timeout);
        config.application_name("runway");
        let place = scrub_with(&secrets, format!("{host}:{port}/{database}"));
        let user = scrub_with(&secrets, user);
        Ok(Address { config, place, user, secrets })
    }

    /// `text` without the password (each occurrence becomes `***`).
    pub fn scrub(&self, text: String) -> String {
        scrub_with(&self.secrets, text)
    }
}

fn scrub_with(secrets: &[String], mut text: String) -> String {
    for secret in secrets {
        if !secret.is_empty() && text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), "***");
        }
    }
    text
}

/// The password part of a URL as written, read as tokio-postgres reads it: the credentials end at
/// the first `@`, the user at the first `:` in them.
fn written_password(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let (credentials, _) = rest.split_once('@')?;
    let (_, password) = credentials.split_once(':')?;
    Some(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Duration = Duration::from_secs(10);

    #[test]
    fn an_address_names_its_place_and_user_but_not_its_password() {
        let a = Address::parse("postgres://alice:pa%40ss@db.lan:6543/team", T).unwrap();
        assert_eq!(a.place, "db.lan:6543/team");
        assert_eq!(a.user, "alice");
        assert_eq!(a.scrub("auth pa@ss and pa%40ss".into()), "auth *** and ***");
        let debug = format!("{a:?}");
        assert!(!debug.contains("pa@ss") && !debug.contains("pa%40ss"), "{debug}");
    }

    #[test]
    fn the_port_and_the_database_have_defaults() {
        let a = Address::parse("postgresql://bob:x@127.0.0.1", T).unwrap();
        assert_eq!(a.place, "127.0.0.1:5432/bob");
    }

    #[test]
    fn a_url_that_cannot_be_read_is_refused_without_its_password() {
        for url in [
            "host=db user=alice password=hunter22",
            "postgres://alice:hunter22@db:notaport/team",
            "postgres://db:5432/team",
            "postgres://alice:hunter22@/team",
        ] {
            let e = Address::parse(url, T).unwrap_err();
            let text = e.to_string();
            assert!(matches!(e, SyncError::InvalidUrl { .. }), "{url}: {e:?}");
            assert!(!text.contains("hunter22") && !format!("{e:?}").contains("hunter22"), "{text}");
        }
    }
}
