//! JSON interchange (D11): the whole portfolio as one versioned document. Export is
//! deterministic; import is all-or-nothing and names the path and line of what is wrong.

use std::path::Path;

use chrono::NaiveDate;

use runway_domain::interchange::csv::Table;
use runway_domain::portfolio::{self, Known};
use runway_domain::{EventKind, Portfolio, Release};

use crate::Planner;
use crate::error::{Error, Result};
use crate::journal::{Action, Entity};
use crate::store::calendar_undo::TIME_ZONE_KEY;
use crate::store::import_undo::ImportBatch;
use crate::store::matrix_undo::{MATRIX_KEY, assignment_key};
use crate::store::tables::{calendar, matrix, outbox, stakeholders};
use crate::store::tables::{events, reference, releases, schedule};
use crate::store::write::Writer;
use crate::store::{self, Connection};

/// The plan as a portfolio document.
pub fn export(conn: &Connection) -> Result<Portfolio> {
    let catalog = reference::catalog(conn)?;
    let mut doc = Portfolio::new(reference::meta(conn, "name")?.unwrap_or_default());
    doc.applications = catalog.applications;
    doc.environments = catalog.environments;
    doc.people = catalog.people;
    doc.rfcs = catalog.rfcs;
    doc.cis = catalog.cis;
    doc.releases = releases::all(conn)?;
    let mut events: Vec<_> = events::all_events(conn)?.into_iter().map(|(_, e)| e).collect();
    events.sort_by_key(|e| e.id);
    doc.events = events;
    doc.policy = Some(events::policy(conn)?);
    doc.dependencies = schedule::dependencies(conn)?;
    doc.ci_dependencies = schedule::ci_dependencies(conn)?;
    doc.baselines = schedule::baselines(conn)?;
    doc.time_zone = reference::meta(conn, TIME_ZONE_KEY)?;
    doc.windows = calendar::windows(conn)?;
    doc.bookings = calendar::bookings(conn)?.into_iter().map(|(_, b)| b).collect();
    doc.matrix = Some(matrix::matrix(conn)?);
    doc.assignments = matrix::assignments(conn)?;
    doc.lists = stakeholders::lists(conn)?;
    doc.templates = outbox::templates(conn)?;
    for &k in runway_domain::ReleaseKind::ALL {
        doc.release_templates.extend(reference::release_template(conn, k)?);
    }
    doc.sort();
    Ok(doc)
}

/// Pretty JSON with a trailing newline: the same plan always gives the same bytes.
pub fn to_json(doc: &Portfolio) -> Result<String> {
    let mut s = serde_json::to_string_pretty(doc).map_err(|e| Error::Internal(format!("cannot write JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// The largest document [`read`] and [`parse`] take: 256 MiB. An export of the 2,000-release
/// demo, history and all, is about 20 MB, so this holds some 25,000 releases.
pub const MAX_DOCUMENT_BYTES: u64 = 256 << 20;
/// The deepest nesting of arrays and objects a document may have. A portfolio nests 6 deep.
pub const MAX_DOCUMENT_DEPTH: usize = 32;
/// The most values (array elements and object members) a document may hold: about 30,000
/// releases of the demo's size (it has some 330 values per release).
pub const MAX_DOCUMENT_VALUES: usize = 10_000_000;

/// Refuses a text no portfolio document could be, before anything is built from it: larger than
/// [`MAX_DOCUMENT_BYTES`], nested deeper than [`MAX_DOCUMENT_DEPTH`] or holding more than
/// [`MAX_DOCUMENT_VALUES`] values. One pass over the bytes, strings skipped.
fn check_shape(text: &str, source: &str) -> Result<()> {
    if text.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(source, text.len() as u64));
    }
    let (mut depth, mut values, mut line) = (0usize, 0usize, 1usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text.as_bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'\n' => line += 1,
            b'[' | b'{' => {
                depth += 1;
                values += 1;
                if depth > MAX_DOCUMENT_DEPTH {
                    return Err(Error::Import(format!(
                        "{source}: the JSON nests more than {MAX_DOCUMENT_DEPTH} arrays or objects deep (at line \
                         {line}); a portfolio document nests 6 deep"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => values += 1,
            _ => {}
        }
        if values > MAX_DOCUMENT_VALUES {
            return Err(Error::Import(format!(
                "{source}: the JSON holds more than {MAX_DOCUMENT_VALUES} values (at line {line}); that is more \
                 than a portfolio document may hold"
            )));
        }
    }
    Ok(())
}

fn too_large(source: &str, bytes: u64) -> Error {
    Error::Import(format!(
        "{source}: the file is {:.1} MiB; a portfolio document is at most {} MiB",
        bytes as f64 / (1u64 << 20) as f64,
        MAX_DOCUMENT_BYTES >> 20
    ))
}

/// Parses a document, naming where a problem is: `source: releases[3].window.start: ... at line 57 column 30`.
pub fn parse(text: &str, source: &str) -> Result<Portfolio> {
    check_shape(text, source)?;
    let de = &mut serde_json::Deserializer::from_str(text);
    let doc: Portfolio = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            Error::Import(format!("{source}: {inner}"))
        } else {
            Error::Import(format!("{source}: {path}: {inner}"))
        }
    })?;
    let mut doc = doc;
    doc.upgrade();
    Ok(doc)
}

/// Reads and parses a document file. A file larger than [`MAX_DOCUMENT_BYTES`] is refused
/// before it is read (and one that grows while it is read stops being read at the limit).
pub fn read(path: &Path) -> Result<Portfolio> {
    use std::io::Read;
    let cannot = |e| Error::io(format!("cannot read {}", path.display()), e);
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(too_large(&path.display().to_string(), size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(&path.display().to_string(), bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Import(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    parse(&text, &path.display().to_string())
}

/// Refuses a document with any problem, listing them (the first twenty) with their paths.
pub fn check(doc: &Portfolio, known: &Known, source: &str) -> Result<()> {
    let problems = portfolio::check(doc, known);
    if problems.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = problems.iter().take(20).map(|d| format!("{}: {}", d.path, d.message)).collect();
    let more = problems.len().saturating_sub(20);
    Err(Error::Import(format!(
        "{source}: {} problem{} found, nothing was imported: {}{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        shown.join("; "),
        if more > 0 { format!("; and {more} more") } else { String::new() }
    )))
}

/// What an import added or updated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub releases: usize,
    pub rfcs: usize,
    pub reference_items: usize,
    pub events: usize,
}

/// Writes a checked document into the plan inside the caller's write transaction.
pub fn apply(w: &mut Writer<'_>, doc: &Portfolio) -> Result<ImportSummary> {
    let mut summary = ImportSummary::default();
    let fresh = releases::count(w.tx())? == 0;
    // A document's time zone is taken by a plan that holds no releases yet (a new plan, the
    // demo); a plan in use keeps its own.
    if let Some(zone) = &doc.time_zone
        && fresh
    {
        let before = reference::meta(w.tx(), TIME_ZONE_KEY)?.unwrap_or_default();
        if &before != zone {
            reference::set_meta(w.tx(), TIME_ZONE_KEY, zone)?;
            w.record::<str>(Action::Import, Entity::TimeZone, "time_zone", Some(&before), Some(zone))?;
        }
    }
    macro_rules! upsert {
        ($items:expr, $f:path, $entity:expr, $key:ident) => {
            for item in $items {
                let before = $f(w.tx(), item)?;
                if before.as_ref() != Some(item) {
                    w.record(Action::Import, $entity, &item.$key, before.as_ref(), Some(item))?;
                    summary.reference_items += 1;
                }
            }
        };
    }
    upsert!(&doc.applications, reference::upsert_application, Entity::Application, code);
    upsert!(&doc.environments, reference::upsert_environment, Entity::Environment, name);
    upsert!(&doc.people, reference::upsert_person, Entity::Person, email);
    upsert!(&doc.cis, reference::upsert_ci, Entity::Ci, name);
    for rfc in &doc.rfcs {
        reference::insert_rfc(w.tx(), rfc)?;
        w.record(Action::Import, Entity::Rfc, &rfc.key, None, Some(rfc))?;
        summary.rfcs += 1;
    }
    let mut release_ids = std::collections::HashMap::new();
    for r in &doc.releases {
        let id = releases::insert(w.tx(), r, w.now())?;
        // Record what the plan now holds, which is what a later undo or history must show.
        let stored = releases::load(w.tx(), id)?;
        w.record::<Release>(Action::Import, Entity::Release, &r.key, None, Some(&stored))?;
        release_ids.insert(r.key.as_str(), id);
        summary.releases += 1;
    }
    // Events get the plan's own ids; references between them follow.
    let mut new_ids = std::collections::HashMap::new();
    for e in &doc.events {
        let id = *release_ids.get(e.release.as_str()).ok_or_else(|| {
            Error::Import(format!("event {} is about {}, which is not in the document", e.id, e.release))
        })?;
        let mut what = e.what.clone();
        match &mut what {
            EventKind::Revocation { revokes: target } | EventKind::IncidentClosed { incident: target } => {
                *target = *new_ids
                    .get(target)
                    .ok_or_else(|| Error::Import(format!("event {} refers to unknown event {target}", e.id)))?;
            }
            _ => {}
        }
        let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let new = events::NewEvent {
            at: &at,
            by: &e.by,
            role: e.role.as_deref(),
            what: &what,
            reason: &e.reason,
            conditions: &e.conditions,
        };
        let stored = events::append(w.tx(), id, &e.release, &new)?;
        new_ids.insert(e.id, stored.id);
        let action = match what {
            EventKind::Transition { .. } => Action::Move,
            EventKind::Revocation { .. } => Action::Revoke,
            _ => Action::Decide,
        };
        w.record(action, Entity::Release, &e.release, None, Some(&stored))?;
        summary.events += 1;
    }
    for d in &doc.dependencies {
        schedule::insert_dependency(w.tx(), d)?;
        w.record(Action::Import, Entity::Dependency, &format!("{} → {}", d.from, d.to), None, Some(d))?;
    }
    for d in &doc.ci_dependencies {
        if schedule::insert_ci_dependency(w.tx(), d)? {
            w.record(Action::Import, Entity::CiDependency, &format!("{} → {}", d.depends_on, d.ci), None, Some(d))?;
        }
    }
    for b in &doc.baselines {
        if schedule::baseline(w.tx(), &b.name).is_ok() {
            return Err(Error::Import(format!("a baseline named {:?} exists in the plan already", b.name)));
        }
        schedule::insert_baseline(w.tx(), b)?;
        let summary = format!("{} milestones", b.milestones.len());
        w.record::<str>(Action::Import, Entity::Baseline, &b.name, None, Some(&summary))?;
    }
    // Windows are reference data: updated by name. Bookings are added, unless the plan has the
    // same one.
    for win in &doc.windows {
        let before = calendar::window(w.tx(), &win.name)?;
        match &before {
            Some(b) if b == win => continue,
            Some(b) => calendar::update_window(w.tx(), &b.name, win)?,
            None => calendar::insert_window(w.tx(), win)?,
        }
        w.record(Action::Import, Entity::Window, &win.name, before.as_ref(), Some(win))?;
        summary.reference_items += 1;
    }
    let existing: Vec<_> = calendar::bookings(w.tx())?.into_iter().map(|(_, b)| b).collect();
    for b in doc.bookings.iter().filter(|b| !existing.contains(b)) {
        let id = calendar::insert_booking(w.tx(), None, b)?;
        w.record(Action::Import, Entity::Booking, &format!("#{id}"), None, Some(b))?;
        summary.reference_items += 1;
    }
    // A document's matrix is taken by a plan that holds no releases yet; a plan in use keeps its
    // own and gains the document's roles and activities it lacks.
    if let Some(m) = &doc.matrix {
        let before = matrix::matrix(w.tx())?;
        let mut after = if fresh { m.clone() } else { before.clone() };
        if !fresh {
            after.merge(m);
        }
        if after != before {
            matrix::set_matrix(w.tx(), &after)?;
            w.record(Action::Import, Entity::Matrix, MATRIX_KEY, Some(&before), Some(&after))?;
            summary.reference_items += 1;
        }
    }
    for a in &doc.assignments {
        if !matrix::has_assignment(w.tx(), a)? {
            matrix::add_assignment(w.tx(), a)?;
            w.record(Action::Import, Entity::Assignment, &assignment_key(a), None, Some(a))?;
            summary.reference_items += 1;
        }
    }
    // Lists are reference data, updated by name: made first without members (a list may contain
    // another the document brings), then given their members and follows.
    for l in &doc.lists {
        if stakeholders::list(w.tx(), &l.name)?.is_none() {
            let shell = runway_domain::stakeholders::DistributionList { members: vec![], follows: vec![], ..l.clone() };
            stakeholders::save_list(w.tx(), None, &shell)?;
        }
    }
    for l in &doc.lists {
        let before = stakeholders::list(w.tx(), &l.name)?.filter(|b| !b.members.is_empty());
        if before.as_ref() == Some(l) {
            continue;
        }
        stakeholders::save_list(w.tx(), Some(&l.name), l)?;
        w.record(Action::Import, Entity::List, &l.name, before.as_ref(), Some(l))?;
        summary.reference_items += 1;
    }
    // Templates replace the plan's for their trigger.
    let own = outbox::templates(w.tx())?;
    for t in &doc.templates {
        let before = own.iter().find(|o| o.trigger == t.trigger);
        if before == Some(t) {
            continue;
        }
        outbox::set_template(w.tx(), t.trigger, Some(t))?;
        w.record(Action::Import, Entity::Template, t.trigger.as_str(), before, Some(t))?;
        summary.reference_items += 1;
    }
    for t in &doc.release_templates {
        let before = reference::release_template(w.tx(), t.kind)?;
        if before.as_ref() != Some(t) {
            reference::set_release_template(w.tx(), t.kind, Some(t))?;
            w.record(Action::Import, Entity::ReleaseTemplate, t.kind.as_str(), before.as_ref(), Some(t))?;
            summary.reference_items += 1;
        }
    }
    // A document's policy is taken by a plan that has none of its own yet (a new plan, the demo);
    // a plan's own policy is never replaced by an import.
    if let Some(policy) = doc.policy.as_ref().filter(|_| reference::meta(w.tx(), "policy").ok().flatten().is_none()) {
        let before = events::policy(w.tx())?;
        if &before != policy {
            events::set_policy(w.tx(), policy)?;
            w.record(Action::Import, Entity::Policy, "policy", Some(&before), Some(policy))?;
        }
    }
    if reference::meta(w.tx(), "name")?.is_none_or(|n| n.is_empty()) && !doc.name.is_empty() {
        reference::set_meta(w.tx(), "name", &doc.name)?;
        w.record::<str>(Action::Import, Entity::Plan, &doc.name, None, Some(&doc.name))?;
    }
    Ok(summary)
}

impl Planner {
    /// Creates a plan holding the demo portfolio of `releases` releases around `today`.
    pub fn create_demo(
        path: &Path,
        seed: u64,
        releases: usize,
        today: NaiveDate,
        actor: &str,
        overwrite: bool,
    ) -> Result<Self> {
        let doc = runway_domain::demo::demo(seed, releases, today);
        let mut p = Planner::create(path, &doc.name, actor, overwrite)?;
        p.import(&doc, "demo")?;
        Ok(p)
    }

    /// Imports a portfolio document file into the plan at `db`, creating the plan when it does
    /// not exist. All or nothing: a bad document changes nothing and creates nothing.
    pub fn import_file_into(db: &Path, doc_path: &Path, actor: &str) -> Result<(Self, ImportSummary)> {
        if db.exists() {
            let mut p = Planner::open(db, actor)?;
            let summary = p.import_file(doc_path)?;
            return Ok((p, summary));
        }
        let doc = read(doc_path)?;
        let source = doc_path.display().to_string();
        {
            check(&doc, &Default::default(), &source)?;
            let mut p = Planner::create(db, &doc.name, actor, false)?;
            match p.import(&doc, &source) {
                Ok(summary) => Ok((p, summary)),
                Err(e) => {
                    drop(p);
                    let _ = std::fs::remove_file(db);
                    Err(e)
                }
            }
        }
    }

    /// The whole plan as a portfolio document.
    pub fn export(&self) -> Result<Portfolio> {
        export(&self.conn)
    }

    /// Writes the portfolio document as JSON to `out` (atomically: temporary file, then rename).
    pub fn export_json_file(&self, out: &Path) -> Result<()> {
        if store::same_file(&self.path, out) || out.extension().is_some_and(|e| e == store::EXTENSION) {
            return Err(Error::Conflict(format!("{} is a plan file; export to a .json file instead", out.display())));
        }
        let json = to_json(&self.export()?)?;
        crate::fsutil::write_atomically(out, json.as_bytes())
    }

    /// One table of the plan (releases, milestones or RFCs) as spreadsheet CSV: one header row,
    /// ISO dates, every text cell safe from formula injection; a byte-order mark when `bom`.
    pub fn export_csv(&self, table: runway_domain::interchange::csv::Table, bom: bool) -> Result<String> {
        Ok(runway_domain::interchange::csv::write(&self.export()?, table, bom))
    }

    /// Writes [`Planner::export_csv`] to `out` (atomically; never over a plan file).
    pub fn export_csv_file(&self, table: runway_domain::interchange::csv::Table, out: &Path, bom: bool) -> Result<()> {
        if store::same_file(&self.path, out) || out.extension().is_some_and(|e| e == store::EXTENSION) {
            return Err(Error::Conflict(format!("{} is a plan file; export to a .csv file instead", out.display())));
        }
        crate::fsutil::write_atomically(out, self.export_csv(table, bom)?.as_bytes())
    }

    /// The plan as MS Project XML (MSPDI): releases as summary tasks, their milestones and
    /// deployment window under them, dependencies as predecessor links.
    pub fn export_mspdi(&self) -> Result<String> {
        let name = self.path.file_stem().map(|s| format!("{}.xml", s.to_string_lossy())).unwrap_or_default();
        Ok(runway_domain::mspdi::write(&self.export()?, &name))
    }

    /// Writes the plan as MS Project XML to `out` (atomically; never over a plan file); the
    /// file's name is the project's `Name`, as MS Project writes it.
    pub fn export_mspdi_file(&self, out: &Path) -> Result<()> {
        if store::same_file(&self.path, out) || out.extension().is_some_and(|e| e == store::EXTENSION) {
            return Err(Error::Conflict(format!("{} is a plan file; export to a .xml file instead", out.display())));
        }
        let name = out.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        crate::fsutil::write_atomically(out, runway_domain::mspdi::write(&self.export()?, &name).as_bytes())
    }

    /// Imports a portfolio document file into this plan. All or nothing.
    pub fn import_file(&mut self, doc_path: &Path) -> Result<ImportSummary> {
        let doc = read(doc_path)?;
        self.import(&doc, &doc_path.display().to_string())
    }

    /// Imports a document into this plan: checked first, then written in one transaction.
    pub fn import(&mut self, doc: &Portfolio, source: &str) -> Result<ImportSummary> {
        check(doc, &reference::known(&self.conn)?, source)?;
        self.write(|w| apply(w, doc))
    }

    /// Imports one spreadsheet table (CSV; its columns found by header name): new releases
    /// (Draft or Planned, laid out from the template for their kind like a new release), new RFCs,
    /// or milestones' dates for releases of the plan. All or nothing: every bad cell is named by
    /// its row and column, and the plan is left as it was.
    pub fn import_csv(&mut self, table: Table, text: &str, source: &str) -> Result<CsvImport> {
        use runway_domain::interchange::read;
        let fail = |errors: Vec<String>| {
            let shown: Vec<&str> = errors.iter().take(20).map(String::as_str).collect();
            let more = errors.len().saturating_sub(20);
            Error::Import(format!(
                "{source}: {} problem{} found, nothing was imported: {}{}",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                shown.join("; "),
                if more > 0 { format!("; and {more} more") } else { String::new() }
            ))
        };
        let mut doc = Portfolio::new(reference::meta(&self.conn, "name")?.unwrap_or_default());
        let ignored = match table {
            Table::Milestones => return self.import_milestones_csv(text, source),
            Table::Releases => {
                let read = read::read_releases(text).map_err(fail)?;
                let templates = self.release_templates()?;
                for mut r in read.rows {
                    if let (Some(w), Some(t)) = (&r.window, templates.iter().find(|t| t.template.kind == r.kind)) {
                        r.milestones = t.template.milestones(w);
                        doc.dependencies.extend(t.template.dependencies(&r.key));
                    }
                    doc.releases.push(r);
                }
                read.ignored
            }
            Table::Rfcs => {
                let read = read::read_rfcs(text).map_err(fail)?;
                doc.rfcs = read.rows;
                read.ignored
            }
        };
        let problems = portfolio::check(&doc, &reference::known(&self.conn)?);
        if !problems.is_empty() {
            // `releases[3].owner` is the fourth row's owner: row 5 of the sheet.
            let named = problems
                .iter()
                .map(|d| match read::sheet_cell(&d.path) {
                    Some((row, column)) => format!("row {row}, column {column}: {}", d.message),
                    None => format!("{}: {}", d.path, d.message),
                })
                .collect();
            return Err(fail(named));
        }
        if table == Table::Rfcs {
            let s = self.write(|w| apply(w, &doc))?;
            return Ok(CsvImport { added: s.rfcs, updated: 0, ignored_columns: ignored });
        }
        // New releases with their template's dependencies: one undo step, as an MS Project import.
        let added = doc.releases.len();
        let after = ImportBatch {
            source: source.to_owned(),
            releases: doc.releases,
            dependencies: doc.dependencies,
            baselines: vec![],
        };
        let before = ImportBatch { source: source.to_owned(), ..Default::default() };
        self.write(|w| ImportBatch::commit(w, before, after).map(drop))?;
        Ok(CsvImport { added, updated: 0, ignored_columns: ignored })
    }

    fn import_milestones_csv(&mut self, text: &str, source: &str) -> Result<CsvImport> {
        let read = runway_domain::interchange::read::read_milestones(text)
            .map_err(|e| Error::Import(format!("{source}: nothing was imported: {}", e.join("; "))))?;
        let mut errors = vec![];
        let mut changed: Vec<(i64, Release, Release)> = vec![];
        for (i, (key, m)) in read.rows.iter().enumerate() {
            let Some(id) = releases::id(&self.conn, key)? else {
                errors.push(format!("row {}, column release: there is no release {key:?} in this plan", i + 2));
                continue;
            };
            let at = match changed.iter().position(|(x, _, _)| *x == id) {
                Some(at) => at,
                None => {
                    let r = releases::load(&self.conn, id)?;
                    changed.push((id, r.clone(), r));
                    changed.len() - 1
                }
            };
            let after = &mut changed[at].2;
            match after.milestones.iter_mut().find(|x| x.kind == m.kind) {
                Some(x) => *x = m.clone(),
                None => after.milestones.push(m.clone()),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Import(format!("{source}: nothing was imported: {}", errors.join("; "))));
        }
        changed.retain(|(_, before, after)| before != after);
        let updated = changed.len();
        if updated > 0 {
            // One undo step for the whole sheet.
            let (before, after): (Vec<Release>, Vec<Release>) = changed.into_iter().map(|(_, b, a)| (b, a)).unzip();
            let batch = |releases| ImportBatch { source: source.to_owned(), releases, ..Default::default() };
            self.write(|w| ImportBatch::commit(w, batch(before), batch(after)).map(drop))?;
        }
        Ok(CsvImport { added: 0, updated, ignored_columns: read.ignored })
    }
}

/// What a spreadsheet import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct CsvImport {
    /// Releases or RFCs new to the plan.
    pub added: usize,
    /// Releases whose milestones the file changed.
    pub updated: usize,
    /// The file's columns that are not part of the table, as it names them.
    pub ignored_columns: Vec<String>,
}
