//! MS Project XML (MSPDI) into a plan (D11): a file that MS Project, ProjectLibre or GanttProject
//! wrote becomes releases with their phases, dependencies and baselines. First a preview of what
//! the import adds, changes and cannot keep ([`MspdiImport`], nothing written); then, on the same
//! choices, the import itself: checked whole (every problem named, a cycle by its milestones),
//! written in one transaction, and undone by one Ctrl+Z.
//!
//! A release whose key the plan holds already is changed, not duplicated: its title, its
//! deployment window when the file has one, and the phases the file has (dates and actuals); its
//! other phases, stage, people, links and evidence stay as they are.

use std::collections::HashMap;

use chrono::Utc;
use runway_domain::mspdi::import::{Grouping, Options, convert};
use runway_domain::portfolio::{self, Portfolio};
use runway_domain::schedule::{self, Dependency};
use runway_domain::{Release, ReleaseKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Planner;
use crate::error::{Error, Result};
use crate::store::import_undo::ImportBatch;
use crate::store::tables::{reference, releases, schedule as table};

/// The user's choices: one release per top-level summary task, or the whole file as one release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MspdiChoice {
    /// The whole file as one release (with `key`), rather than one per summary task.
    pub one_release: bool,
    /// The kind of the releases made.
    pub kind: ReleaseKind,
    /// The one release's key, or the prefix of keys made up for summary tasks that name none.
    pub key: String,
}

/// A release the import adds or changes, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportedRelease {
    pub key: String,
    pub title: String,
    pub phases: u32,
    /// For a release the plan has: what changes ("title", "Build 2027-03-01 – 03-09 → …").
    pub changes: Vec<String>,
}

/// What an import of an MSPDI file does (a preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MspdiImport {
    /// The project's name in the file.
    pub project: String,
    pub added: Vec<ImportedRelease>,
    pub changed: Vec<ImportedRelease>,
    /// Releases of the file the plan already holds as they are.
    pub unchanged: u32,
    pub dependencies: u32,
    pub baselines: Vec<String>,
    /// What Runway cannot represent or changed on the way, one sentence each.
    pub dropped: Vec<String>,
    /// True once written; false for a preview.
    pub committed: bool,
}

impl Planner {
    /// Reads the MSPDI file `bytes` (named `source` in messages) and says what importing it by
    /// `choice` would do; with `commit`, does it. Bad input (not MSPDI, a link to a task that
    /// does not exist, a cycle, a date the plan cannot hold, a bad key) is refused with every
    /// problem named and the plan unchanged.
    pub fn import_mspdi(
        &mut self,
        bytes: &[u8],
        source: &str,
        choice: &MspdiChoice,
        commit: bool,
    ) -> Result<MspdiImport> {
        let project = runway_domain::mspdi::read(bytes).map_err(|e| {
            let shown: Vec<String> = e.problems.iter().map(ToString::to_string).collect();
            Error::Import(format!("{source} cannot be imported, nothing was changed: {}", shown.join("; ")))
        })?;
        let grouping = if choice.one_release { Grouping::OneRelease } else { Grouping::SummaryTasks };
        let key = choice.key.trim().to_owned();
        if let Some(why) =
            runway_domain::input::check_key(&key, if choice.one_release { "REL-2027.03.01" } else { "MSP" })
        {
            return Err(Error::field("key", why));
        }
        let converted = convert(&project, &Options { grouping, kind: choice.kind, key }, Utc::now());
        let plan: HashMap<String, (i64, Release)> =
            releases::load_all(&self.conn)?.into_iter().map(|(id, r)| (r.key.clone(), (id, r))).collect();
        let existing = table::dependencies(&self.conn)?;

        let mut out = MspdiImport {
            project: project.name.clone(),
            added: vec![],
            changed: vec![],
            unchanged: 0,
            dependencies: 0,
            baselines: vec![],
            dropped: converted.notes.clone(),
            committed: false,
        };
        let mut doc = Portfolio::new(String::new());
        let (mut before, mut after): (Vec<Release>, Vec<Release>) = (vec![], vec![]);
        for r in &converted.releases {
            let line = |changes| ImportedRelease {
                key: r.key.clone(),
                title: r.title.clone(),
                phases: r.milestones.len() as u32,
                changes,
            };
            match plan.get(&r.key) {
                None => {
                    out.added.push(line(vec![]));
                    doc.releases.push(r.clone());
                }
                Some((_, current)) => {
                    let (merged, changes) = merge(current, r);
                    if changes.is_empty() {
                        out.unchanged += 1;
                    } else {
                        out.changed.push(line(changes));
                        before.push(current.clone());
                        after.push(merged);
                    }
                }
            }
        }
        // Every problem of the new releases and of the changed ones, as the document check finds
        // them; then the dependencies and cycles of the plan as it would be.
        let mut known = reference::known(&self.conn)?;
        for r in &after {
            known.releases.remove(&r.key);
        }
        doc.releases.extend(after.iter().cloned());
        let mut problems: Vec<String> =
            portfolio::check(&doc, &known).into_iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
        let new_deps: Vec<Dependency> = converted
            .dependencies
            .iter()
            .filter(|d| !existing.iter().any(|e| e.from == d.from && e.to == d.to))
            .cloned()
            .collect();
        for d in &new_deps {
            if d.lag_days.unsigned_abs() > schedule::MAX_LAG_DAYS {
                problems.push(format!("{} → {}: a lag of {} days is more than ten years", d.from, d.to, d.lag_days));
            }
        }
        let mut all: Vec<Release> =
            plan.values().filter(|(_, r)| !after.iter().any(|a| a.key == r.key)).map(|(_, r)| r.clone()).collect();
        all.extend(doc.releases.iter().cloned());
        let mut deps = existing.clone();
        deps.extend(new_deps.iter().cloned());
        problems.extend(schedule::check_all(&all, &deps));
        if !problems.is_empty() {
            let more = problems.len().saturating_sub(20);
            problems.truncate(20);
            return Err(Error::Import(format!(
                "{source} cannot be imported, nothing was changed: {}{}",
                problems.join("; "),
                if more > 0 { format!("; and {more} more") } else { String::new() }
            )));
        }
        // A baseline the plan holds already (the same frozen dates: the file came from this
        // plan, or was imported before) is not added again.
        let held = table::baselines(&self.conn)?;
        let mut baselines: Vec<_> =
            converted.baselines.into_iter().filter(|b| !held.iter().any(|h| h.milestones == b.milestones)).collect();
        for b in &mut baselines {
            let base = b.name.clone();
            let mut n = 1;
            while table::baseline_exists(&self.conn, &b.name)? {
                n += 1;
                b.name = format!("{base} ({n})");
            }
        }
        out.dependencies = new_deps.len() as u32;
        out.baselines = baselines.iter().map(|b| b.name.clone()).collect();
        if !commit || (out.added.is_empty() && out.changed.is_empty() && new_deps.is_empty() && baselines.is_empty()) {
            out.committed = commit;
            return Ok(out);
        }
        let batch_before = ImportBatch { source: source.to_owned(), releases: before, ..Default::default() };
        let batch_after =
            ImportBatch { source: source.to_owned(), releases: doc.releases, dependencies: new_deps, baselines };
        self.write(|w| ImportBatch::commit(w, batch_before, batch_after).map(drop))?;
        out.committed = true;
        Ok(out)
    }

    /// Reads the file at `path` and imports it (or previews the import) as [`Planner::import_mspdi`].
    pub fn import_mspdi_file(
        &mut self,
        path: &std::path::Path,
        choice: &MspdiChoice,
        commit: bool,
    ) -> Result<MspdiImport> {
        let size = std::fs::metadata(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?.len();
        if size > runway_domain::mspdi::MAX_BYTES as u64 {
            return Err(Error::Import(format!(
                "{}: {size} bytes is more than the {} MiB an MS Project XML file may have; nothing was changed",
                path.display(),
                runway_domain::mspdi::MAX_BYTES >> 20
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        self.import_mspdi(&bytes, &name, choice, commit)
    }
}

/// The plan's release with what the file says of it: its title, its window (when the file has
/// one) and the phases the file has; and what changed, in words.
fn merge(current: &Release, file: &Release) -> (Release, Vec<String>) {
    let mut r = current.clone();
    let mut changes = vec![];
    if r.title != file.title {
        changes.push(format!("title \"{}\" → \"{}\"", r.title, file.title));
        r.title = file.title.clone();
    }
    if file.window.is_some() && r.window != file.window {
        changes.push("deployment window".to_owned());
        r.window = file.window;
    }
    for m in &file.milestones {
        match r.milestones.iter_mut().find(|x| x.kind == m.kind) {
            Some(x) if x == m => {}
            Some(x) => {
                changes.push(format!(
                    "{} {} – {} → {} – {}",
                    m.kind.label(),
                    x.planned_start,
                    x.planned_end,
                    m.planned_start,
                    m.planned_end
                ));
                *x = m.clone();
            }
            None => {
                changes.push(format!("{} added", m.kind.label()));
                r.milestones.push(m.clone());
            }
        }
    }
    r.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
    (r, changes)
}
