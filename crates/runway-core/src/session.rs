//! A desktop session: the user's settings and the plan open in the window. The shell holds one
//! and turns each UI command into one call here; this is where "reopen the last plan, or make the
//! demo on first start" and the recent-plans list live.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use crate::Planner;
use crate::backup::{self, Backups};
use crate::dto::{AppState, Profile};
use crate::error::{Error, Result};
use crate::settings::{MailSettings, Settings, SettingsFile, actor, check_profile};

/// The file name of the demo plan made on first start, in the app's data folder.
pub const DEMO_FILE: &str = "demo.runway";

pub struct Session {
    planner: Option<Planner>,
    settings: Settings,
    file: SettingsFile,
    notice: Option<String>,
    /// "Today" fixed for every plan this session opens (the end-to-end tests); else the clock's.
    pinned_today: Option<NaiveDate>,
    /// Whether the open plan's overdue stages were made into messages since it was opened.
    overdue_checked: bool,
    /// The app's data folder (the demo, the settings, the backups).
    data_dir: PathBuf,
    /// When the open plan was last backed up, and at which state.
    backed_up: backup::Clock,
}

impl Session {
    /// Starts a session: opens `requested` if given, else the last plan, else (first start) creates
    /// the demo portfolio in `data_dir` and opens it. A plan that cannot be opened leaves the
    /// session without a plan and a notice saying why.
    pub fn start(data_dir: &Path, requested: Option<&Path>, today: NaiveDate) -> Session {
        let file = SettingsFile::new(data_dir);
        let (settings, notice) = file.load();
        let mut s = Session {
            planner: None,
            settings,
            file,
            notice,
            pinned_today: None,
            overdue_checked: false,
            data_dir: data_dir.to_owned(),
            backed_up: backup::Clock::default(),
        };
        let who = actor(&s.settings.profile_or_default());
        let target = requested.map(Path::to_owned).or_else(|| s.settings.last_plan().map(Path::to_owned));
        let opened = match target {
            Some(path) => Planner::open(&path, &who).map_err(|e| format!("Could not open {}: {e}", path.display())),
            None => {
                let demo = data_dir.join(DEMO_FILE);
                let made = if demo.exists() {
                    Planner::open(&demo, &who)
                } else {
                    Planner::create_demo(
                        &demo,
                        runway_domain::demo::DEFAULT_SEED,
                        runway_domain::demo::DEFAULT_RELEASES,
                        today,
                        &who,
                        false,
                    )
                };
                made.map_err(|e| format!("Could not create the demo plan {}: {e}", demo.display()))
            }
        };
        match opened {
            Ok(p) => s.adopt(p),
            Err(message) => s.notice = Some(message),
        }
        s
    }

    /// Fixes "today" for the open plan and every plan opened after it (tests: a demo made around
    /// a fixed day must be judged on that day, whatever day the tests run).
    pub fn pin_today(&mut self, day: NaiveDate) {
        self.pinned_today = Some(day);
        if let Some(p) = self.planner.as_mut() {
            p.set_today(day);
        }
    }

    /// Makes `p` the open plan and puts it first among the recent plans.
    fn adopt(&mut self, mut p: Planner) {
        if let Some(day) = self.pinned_today {
            p.set_today(day);
        }
        // The plan being left is closed: back up what changed since its last backup.
        if let Err(e) = self.backup_if_due(Duration::ZERO) {
            self.notice = Some(format!("Could not back up the plan you left: {e}"));
        }
        self.settings.touch_recent(p.path());
        if let Err(e) = self.file.save(&self.settings) {
            self.notice = Some(format!("Could not save your settings: {e}"));
        }
        self.backed_up = backup::Clock::opened(&backup::folder_for(&self.data_dir, p.path()));
        self.planner = Some(p);
        self.overdue_checked = false;
    }

    fn actor(&self) -> String {
        actor(&self.settings.profile_or_default())
    }

    /// What the UI shows at a glance; a pending notice is handed over once.
    /// The first time after a plan opens (and "today" is settled), its stages overdue are made
    /// into messages for the outbox, once each (D8).
    pub fn state(&mut self) -> Result<AppState> {
        if !self.overdue_checked
            && let Some(p) = self.planner.as_mut()
        {
            self.overdue_checked = true;
            if p.is_owner()
                && let Err(e) = p.check_overdue()
            {
                self.notice = Some(format!("Could not look for overdue stages to tell people of: {e}"));
            }
        }
        Ok(AppState {
            plan: self.planner.as_ref().map(Planner::info).transpose()?,
            profile: self.settings.profile_or_default(),
            profile_is_default: self.settings.profile.is_none(),
            recent: self.settings.recent.iter().map(|p| p.display().to_string()).collect(),
            notice: self.notice.take(),
        })
    }

    pub fn planner(&self) -> Result<&Planner> {
        self.planner.as_ref().ok_or(Error::NoPlan)
    }

    pub fn planner_mut(&mut self) -> Result<&mut Planner> {
        self.planner.as_mut().ok_or(Error::NoPlan)
    }

    /// Opens another plan. On failure the open plan stays open and nothing on disk changes.
    pub fn open(&mut self, path: &Path) -> Result<AppState> {
        if let Some(open) = &self.planner
            && crate::store::same_file(open.path(), path)
        {
            // Already the open plan (a second launch with its file, a recent-plans click).
            return self.state();
        }
        let p = Planner::open(path, &self.actor())?;
        self.adopt(p);
        self.state()
    }

    /// Opens a plan from the recent list (and only from it).
    pub fn open_recent(&mut self, path: &Path) -> Result<AppState> {
        if !self.settings.recent.iter().any(|p| p == path) {
            return Err(Error::NotFound(format!("{} is not among the recent plans", path.display())));
        }
        self.open(path)
    }

    /// Refuses to replace the file of the plan that is open (its connection still writes there).
    fn not_the_open_plan(&self, path: &Path) -> Result<()> {
        match &self.planner {
            Some(p) if crate::store::same_file(p.path(), path) => {
                Err(Error::Conflict(format!("{} is the plan you have open; choose another file name", path.display())))
            }
            _ => Ok(()),
        }
    }

    /// Creates a new, empty plan named after its file and opens it.
    pub fn create(&mut self, path: &Path, overwrite: bool) -> Result<AppState> {
        self.not_the_open_plan(path)?;
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled plan".into());
        let p = Planner::create(path, &name, &self.actor(), overwrite)?;
        self.adopt(p);
        self.state()
    }

    /// Copies the open plan to `path` and continues in the copy.
    pub fn save_as(&mut self, path: &Path, overwrite: bool) -> Result<AppState> {
        self.not_the_open_plan(path)?;
        let copy = self.planner()?.save_as(path, overwrite)?;
        self.adopt(copy);
        self.state()
    }

    /// Sets who the user is, for the audit log.
    pub fn set_profile(&mut self, profile: Profile) -> Result<AppState> {
        check_profile(&profile)?;
        let profile = Profile { name: profile.name.trim().to_owned(), email: profile.email.trim().to_owned() };
        self.settings.profile = Some(profile);
        self.file.save(&self.settings)?;
        let who = self.actor();
        if let Some(p) = self.planner.as_mut() {
            p.set_actor(&who);
        }
        self.state()
    }

    /// Closes the open plan with everything in its main file (the app is quitting). When another
    /// program reads the plan at that moment, part of the last edits may stay in the `-wal` file
    /// beside it: nothing is lost (SQLite applies it when the plan is next opened), but the
    /// `.runway` file alone is not the whole plan until then, and the error says so.
    /// A backup of what changed since the last one is taken first.
    pub fn close(&mut self) -> Result<()> {
        let backed_up = self.backup_if_due(Duration::ZERO);
        if let Some(p) = self.planner.take() {
            let done = p.checkpoint()?;
            let path = p.path().to_owned();
            drop(p);
            if !done.complete() && wal_has_data(&path) {
                return Err(Error::Busy(format!(
                    "another program was reading {} as Runway closed it: the latest edits are safe in {}-wal beside it and go into the plan when it is next opened; copy both files together until then",
                    path.display(),
                    path.display()
                )));
            }
        }
        backed_up.map(drop)
    }

    /// The folder of the open plan's backups.
    fn backup_folder(&self) -> Result<PathBuf> {
        Ok(backup::folder_for(&self.data_dir, self.planner()?.path()))
    }

    /// The open plan's backups, newest first (File → Restore from backup…).
    pub fn backups(&self) -> Result<Backups> {
        backup::list(&self.backup_folder()?, self.settings.backup_keep())
    }

    /// Takes a backup of the open plan now, whether or not it changed.
    pub fn backup_now(&mut self) -> Result<Backups> {
        self.take_backup()?;
        self.backups()
    }

    fn take_backup(&mut self) -> Result<PathBuf> {
        let folder = self.backup_folder()?;
        let p = self.planner()?;
        let head = p.audit_head()?;
        let path = p.backup_into(&folder, self.settings.backup_keep())?;
        self.backed_up = backup::Clock { last_at: Some(std::time::Instant::now()), head: Some(head) };
        Ok(path)
    }

    /// Takes a backup when one is due: the plan changed since its last backup and none was taken
    /// within `interval` (the shell asks every minute with [`backup::INTERVAL`]; closing a plan
    /// asks with zero). Says whether it took one.
    pub fn backup_if_due(&mut self, interval: Duration) -> Result<bool> {
        let Some(p) = self.planner.as_ref().filter(|p| p.is_owner()) else { return Ok(false) };
        if !self.backed_up.due(&p.audit_head()?, interval) {
            return Ok(false);
        }
        self.take_backup().map(|_| true)
    }

    /// Sets how many backups of each plan are kept, and removes the open plan's extra ones.
    pub fn set_backup_keep(&mut self, keep: u32) -> Result<Backups> {
        self.settings.backup_keep = Some(backup::check_keep(keep)?);
        self.file.save(&self.settings)?;
        if self.planner.is_some() {
            backup::rotate(&self.backup_folder()?, keep)?;
        }
        self.backups()
    }

    /// Restores the open plan's backup `name` as a new plan file at `dest` (never over the open
    /// plan) and opens it.
    pub fn restore_backup(&mut self, name: &str, dest: &Path, overwrite: bool) -> Result<AppState> {
        self.not_the_open_plan(dest)?;
        backup::restore(&self.backup_folder()?, name, dest, overwrite)?;
        self.open(dest)
    }

    /// The mail server the outbox sends through, when the user set one (the password is not here).
    pub fn mail_settings(&self) -> Option<MailSettings> {
        self.settings.mail.clone()
    }

    /// Keeps the mail server in the user's settings (checked: a host, a port, an address to send
    /// as that looks like one); `None` forgets it.
    pub fn set_mail_settings(&mut self, mail: Option<MailSettings>) -> Result<()> {
        let mail = match mail {
            None => None,
            Some(m) => {
                let mut errors = vec![];
                let host = m.host.trim().to_owned();
                if host.is_empty() || host.contains(char::is_whitespace) {
                    errors.push(runway_domain::FieldError::new(
                        "host",
                        "Enter the mail server's name (e.g. smtp.example.com).",
                    ));
                }
                if m.port == 0 {
                    errors.push(runway_domain::FieldError::new("port", "Enter a port (usually 587, 465 for TLS, 25)."));
                }
                let from = m.from.as_deref().map(str::trim).filter(|f| !f.is_empty()).map(str::to_owned);
                if let Some(f) = &from
                    && (!f.contains('@') || f.contains(char::is_whitespace))
                {
                    errors.push(runway_domain::FieldError::new("from", format!("{f:?} is not an e-mail address.")));
                }
                if !errors.is_empty() {
                    return Err(Error::Validation(errors));
                }
                let user = m.user.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_owned);
                Some(MailSettings { host, port: m.port, security: m.security, user, from })
            }
        };
        self.settings.mail = mail;
        self.file.save(&self.settings)
    }

    /// The recent plans, most recent first.
    pub fn recent(&self) -> Vec<PathBuf> {
        self.settings.recent.clone()
    }

    /// Adds a notice for the UI to show once.
    pub fn notify(&mut self, message: String) {
        self.notice = Some(message);
    }
}

/// True when the plan's write-ahead log still holds something (it is absent or empty after a
/// complete checkpoint and close).
fn wal_has_data(plan: &Path) -> bool {
    std::fs::metadata(format!("{}-wal", plan.display())).is_ok_and(|m| m.len() > 0)
}

/// Where a path chosen in a save dialog leads, and whether replacing an existing file there was
/// confirmed. A dialog may return `q1`: the plan extension is added, and since the dialog only
/// asked about `q1`, an existing `q1.runway` is not to be replaced.
pub fn save_target(chosen: PathBuf) -> (PathBuf, bool) {
    if chosen.extension().is_some() { (chosen, true) } else { (chosen.with_extension(crate::store::EXTENSION), false) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn first_start_makes_the_demo_and_the_next_start_reopens_the_last_plan() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), None, today());
        let state = s.state().unwrap();
        assert_eq!(state.plan.as_ref().unwrap().file_name, DEMO_FILE);
        assert_eq!(state.plan.unwrap().releases as usize, runway_domain::demo::DEFAULT_RELEASES);
        assert!(state.profile_is_default);
        let other = dir.path().join("q1.runway");
        s.create(&other, false).unwrap();
        drop(s);
        let mut again = Session::start(dir.path(), None, today());
        assert_eq!(again.state().unwrap().plan.unwrap().file_name, "q1.runway");
    }

    #[test]
    fn new_or_save_as_over_the_open_plan_is_refused_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), None, today());
        let demo = dir.path().join(DEMO_FILE);
        let before = s.planner().unwrap().info().unwrap();
        assert!(matches!(s.create(&demo, true), Err(Error::Conflict(_))));
        assert!(matches!(s.save_as(&demo, true), Err(Error::Conflict(_))));
        assert_eq!(s.planner().unwrap().info().unwrap(), before);
    }

    #[test]
    fn a_plan_that_cannot_be_reopened_leaves_a_notice_and_no_plan() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = dir.path().join("gone.runway");
        std::fs::write(&garbage, b"not a plan").unwrap();
        let mut s = Session::start(dir.path(), Some(&garbage), today());
        let state = s.state().unwrap();
        assert!(state.plan.is_none());
        assert!(state.notice.unwrap().contains("not a Runway plan"));
        assert!(s.state().unwrap().notice.is_none(), "a notice is shown once");
    }

    /// D8 and docs/security.md: the SMTP password is handed to the mail crate for a send and
    /// never written: after saving the server, sending with a password (to a port that refuses)
    /// and closing, no file Runway wrote holds it (settings, plan, its backups).
    #[test]
    fn smtp_credentials_never_reach_the_settings_file_nor_the_plan() {
        use crate::settings::MailSecurity;
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), None, today());
        s.state().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let server = MailSettings {
            host: "127.0.0.1".into(),
            port,
            security: MailSecurity::None,
            user: Some("ana".into()),
            from: None,
        };
        s.set_mail_settings(Some(server)).unwrap();
        let secret = "pässwörd-Never-0n-disk";
        let smtp = runway_mail::Smtp::connect(&s.mail_settings().unwrap().smtp(Some(secret.into()))).unwrap();
        let p = s.planner_mut().unwrap();
        p.cab_agenda(today(), today() + chrono::Days::new(60)).unwrap();
        p.approve_all().unwrap();
        let (sent, failed) = p.send_due(&smtp, None, None, |_| {}).unwrap();
        assert_eq!(sent, 0);
        assert!(failed > 0, "a send was tried");
        s.backup_now().unwrap();
        s.close().unwrap();
        let mut files = 0;
        let mut stack = vec![dir.path().to_owned()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                files += 1;
                let bytes = std::fs::read(&path).unwrap();
                assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{} holds it", path.display());
            }
        }
        assert!(files >= 3, "the settings, the plan and a backup were looked at");
        assert!(std::fs::read_to_string(dir.path().join("settings.json")).unwrap().contains("\"user\": \"ana\""));
    }

    #[test]
    fn only_recent_plans_open_through_open_recent() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), None, today());
        let err = s.open_recent(Path::new("/etc/passwd")).unwrap_err();
        assert!(matches!(err, Error::NotFound(_)));
    }
}
