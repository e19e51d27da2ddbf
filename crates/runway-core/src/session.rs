//! A desktop session: the user's settings and the plan open in the window. The shell holds one
//! and turns each UI command into one call here; this is where "reopen the last plan, or make the
//! demo on first start" and the recent-plans list live.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::Planner;
use crate::dto::{AppState, Profile};
use crate::error::{Error, Result};
use crate::settings::{Settings, SettingsFile, actor, check_profile};

/// The file name of the demo plan made on first start, in the app's data folder.
pub const DEMO_FILE: &str = "demo.runway";

pub struct Session {
    planner: Option<Planner>,
    settings: Settings,
    file: SettingsFile,
    notice: Option<String>,
}

impl Session {
    /// Starts a session: opens `requested` if given, else the last plan, else (first start) creates
    /// the demo portfolio in `data_dir` and opens it. A plan that cannot be opened leaves the
    /// session without a plan and a notice saying why.
    pub fn start(data_dir: &Path, requested: Option<&Path>, today: NaiveDate) -> Session {
        let file = SettingsFile::new(data_dir);
        let (settings, notice) = file.load();
        let mut s = Session { planner: None, settings, file, notice };
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

    /// Makes `p` the open plan and puts it first among the recent plans.
    fn adopt(&mut self, p: Planner) {
        self.settings.touch_recent(p.path());
        if let Err(e) = self.file.save(&self.settings) {
            self.notice = Some(format!("Could not save your settings: {e}"));
        }
        self.planner = Some(p);
    }

    fn actor(&self) -> String {
        actor(&self.settings.profile_or_default())
    }

    /// What the UI shows at a glance; a pending notice is handed over once.
    pub fn state(&mut self) -> Result<AppState> {
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

    /// Creates a new, empty plan named after its file and opens it.
    pub fn create(&mut self, path: &Path, overwrite: bool) -> Result<AppState> {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Untitled plan".into());
        let p = Planner::create(path, &name, &self.actor(), overwrite)?;
        self.adopt(p);
        self.state()
    }

    /// Copies the open plan to `path` and continues in the copy.
    pub fn save_as(&mut self, path: &Path, overwrite: bool) -> Result<AppState> {
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

    /// The recent plans, most recent first.
    pub fn recent(&self) -> Vec<PathBuf> {
        self.settings.recent.clone()
    }

    /// Adds a notice for the UI to show once.
    pub fn notify(&mut self, message: String) {
        self.notice = Some(message);
    }
}

/// Gives a chosen path the plan extension when it has none (a save dialog may return `q1`).
pub fn with_plan_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some() { path } else { path.with_extension(crate::store::EXTENSION) }
}
