//! The user's own settings, outside any plan: the profile written into the audit log as "who",
//! the recent plans and the last plan opened. One small JSON file in a folder the shell chooses.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dto::Profile;
use crate::error::{Error, Result};

const RECENT_MAX: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// None until the user has confirmed a profile.
    pub profile: Option<Profile>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The mail server the outbox sends through (D8), when the user set one.
    pub mail: Option<MailSettings>,
    /// How many automatic backups of each plan are kept (None: [`crate::backup::DEFAULT_KEEP`]).
    pub backup_keep: Option<u32>,
}

/// How a connection to the mail server is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MailSecurity {
    /// Plain text: only for a relay on this machine or a test server.
    None,
    /// STARTTLS on a plain connection (port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// The mail server the outbox sends through: kept with the user's settings, never in a plan.
/// The password is not here: it is in the desktop's secret store (or given each time).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct MailSettings {
    pub host: String,
    pub port: u16,
    pub security: MailSecurity,
    /// The login, when the server wants one.
    pub user: Option<String>,
    /// The address to send as, when the server sends only as its own user (the release
    /// manager's name stays on the message); none: each message's own sender.
    pub from: Option<String>,
}

impl MailSettings {
    /// The settings the mail crate connects with, `password` filled in.
    pub fn smtp(&self, password: Option<String>) -> runway_mail::SmtpSettings {
        runway_mail::SmtpSettings {
            host: self.host.trim().to_owned(),
            port: self.port,
            security: match self.security {
                MailSecurity::None => runway_mail::Security::None,
                MailSecurity::StartTls => runway_mail::Security::StartTls,
                MailSecurity::Tls => runway_mail::Security::Tls,
            },
            user: self.user.clone().filter(|u| !u.trim().is_empty()),
            password,
            timeout_secs: 30,
        }
    }

    /// The password: `RUNWAY_SMTP_PASSWORD` when set (scripts, CI), else the secret store's.
    pub fn password(&self) -> Option<String> {
        if let Ok(p) = std::env::var("RUNWAY_SMTP_PASSWORD") {
            return Some(p);
        }
        let user = self.user.as_deref().filter(|u| !u.trim().is_empty())?;
        runway_mail::secret::password(self.host.trim(), user)
    }
}

impl Settings {
    /// The profile to act as: the confirmed one, or one from the OS user.
    pub fn profile_or_default(&self) -> Profile {
        self.profile.clone().unwrap_or_else(default_profile)
    }

    /// Puts `path` first in the recent list.
    pub fn touch_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(RECENT_MAX);
    }

    /// How many automatic backups of each plan are kept.
    pub fn backup_keep(&self) -> u32 {
        self.backup_keep.unwrap_or(crate::backup::DEFAULT_KEEP)
    }

    /// The plan to reopen at start.
    pub fn last_plan(&self) -> Option<&Path> {
        self.recent.first().map(PathBuf::as_path)
    }
}

/// The OS user's name, for a first start before the user has said who they are.
pub fn default_profile() -> Profile {
    let name = whoami::realname()
        .ok()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| whoami::username().ok())
        .unwrap_or_else(|| "Unknown user".into());
    Profile { name, email: String::new() }
}

/// The audit "who" for a profile: `Name <e-mail>`, or the name alone.
pub fn actor(p: &Profile) -> String {
    if p.email.trim().is_empty() { p.name.trim().to_owned() } else { format!("{} <{}>", p.name.trim(), p.email.trim()) }
}

/// Checks a profile the user typed.
pub fn check_profile(p: &Profile) -> Result<()> {
    let mut errors = vec![];
    if p.name.trim().is_empty() {
        errors.push(runway_domain::FieldError::new("name", "Your name is required: it goes into the audit log."));
    }
    let email = p.email.trim();
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        errors.push(runway_domain::FieldError::new("email", format!("{email:?} is not an e-mail address.")));
    }
    if errors.is_empty() { Ok(()) } else { Err(Error::Validation(errors)) }
}

/// Where the settings live.
#[derive(Debug, Clone)]
pub struct SettingsFile {
    path: PathBuf,
}

impl SettingsFile {
    pub fn new(dir: &Path) -> Self {
        SettingsFile { path: dir.join("settings.json") }
    }

    /// Loads the settings. A missing file gives defaults; an unreadable one is kept aside as
    /// `settings.json.bad` and defaults are used, with a notice saying so.
    pub fn load(&self) -> (Settings, Option<String>) {
        match std::fs::read(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Settings::default(), None),
            Err(e) => (
                Settings::default(),
                Some(format!("Could not read {}: {e}. Using default settings.", self.path.display())),
            ),
            Ok(bytes) => match serde_json::from_slice(&bytes) {
                Ok(s) => (s, None),
                Err(e) => {
                    let aside = self.path.with_extension("json.bad");
                    let _ = std::fs::rename(&self.path, &aside);
                    (
                        Settings::default(),
                        Some(format!(
                            "Your settings file was damaged ({e}); it was kept as {} and defaults are used.",
                            aside.display()
                        )),
                    )
                }
            },
        }
    }

    /// Writes the settings atomically (temporary file, then rename).
    pub fn save(&self, s: &Settings) -> Result<()> {
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        let json = serde_json::to_vec_pretty(s).map_err(|e| Error::Internal(e.to_string()))?;
        crate::fsutil::write_atomically(&self.path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_plans_are_most_recent_first_without_duplicates() {
        let mut s = Settings::default();
        for p in ["/a", "/b", "/a"] {
            s.touch_recent(Path::new(p));
        }
        assert_eq!(s.recent, vec![PathBuf::from("/a"), PathBuf::from("/b")]);
        assert_eq!(s.last_plan(), Some(Path::new("/a")));
    }

    #[test]
    fn a_damaged_settings_file_is_kept_aside_and_defaults_used() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.json"), b"{ not json").unwrap();
        let (s, notice) = SettingsFile::new(dir.path()).load();
        assert_eq!(s, Settings::default());
        assert!(notice.unwrap().contains("damaged"));
        assert!(dir.path().join("settings.json.bad").exists());
    }

    #[test]
    fn settings_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let f = SettingsFile::new(dir.path());
        let mut s = Settings {
            profile: Some(Profile { name: "Zoë Ångström".into(), email: "zoe@example.com".into() }),
            recent: vec![],
            mail: Some(MailSettings {
                host: "mail.example.com".into(),
                port: 465,
                security: MailSecurity::Tls,
                user: Some("zoe".into()),
                from: None,
            }),
            backup_keep: Some(3),
        };
        s.touch_recent(Path::new("/plans/q1.runway"));
        f.save(&s).unwrap();
        assert_eq!(f.load(), (s, None));
    }

    #[test]
    fn a_profile_needs_a_name_and_a_plausible_email() {
        let err = check_profile(&Profile { name: " ".into(), email: "nope".into() }).unwrap_err();
        let fields: Vec<_> = match err {
            Error::Validation(f) => f.into_iter().map(|f| f.field).collect(),
            _ => panic!(),
        };
        assert_eq!(fields, vec!["name", "email"]);
        assert_eq!(actor(&Profile { name: "Zoë".into(), email: "z@x.org".into() }), "Zoë <z@x.org>");
    }
}
