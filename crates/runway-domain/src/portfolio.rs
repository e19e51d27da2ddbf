//! The portfolio document: a whole plan as one versioned value (JSON interchange, D11), and the
//! checks that a document must pass before any of it enters a plan.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::baseline::Baseline;
use crate::calendar::{ChangeWindow, ManualBooking, PlanZone};
use crate::dates;
use crate::evidence::{Event, EventKind};
use crate::input::{
    ACTOR_MAX_LEN, BASELINE_NAME_MAX_LEN, CODE_MAX_LEN, EMAIL_MAX_LEN, NAME_MAX_LEN, REFERENCE_MAX_LEN,
    VERSION_MAX_LEN, check_key, check_len, check_rfc, check_text, check_title, check_window,
};
use crate::lifecycle::{Policy, replay};
use crate::matrix::{Assignment, Matrix};
use crate::model::{Application, Ci, Environment, Person, Release, Rfc};
use crate::schedule::{CiDependency, Dependency};

/// The `format` tag every portfolio document carries.
pub const PORTFOLIO_FORMAT: &str = "runway.portfolio";
/// The version of the document layout this build writes and reads.
pub const PORTFOLIO_VERSION: u32 = 6;

/// A whole portfolio, sorted by natural key so that the same plan always gives the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub format: String,
    pub version: u32,
    /// The plan's display name.
    pub name: String,
    #[serde(default)]
    pub applications: Vec<Application>,
    #[serde(default)]
    pub environments: Vec<Environment>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub rfcs: Vec<Rfc>,
    #[serde(default)]
    pub cis: Vec<Ci>,
    #[serde(default)]
    pub releases: Vec<Release>,
    /// Every release's moves, decisions and evidence, in the order they were recorded.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Dependencies between milestones or whole releases (D5).
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// Dependencies between configuration items.
    #[serde(default)]
    pub ci_dependencies: Vec<CiDependency>,
    /// Named baselines of the planned dates (D4).
    #[serde(default)]
    pub baselines: Vec<Baseline>,
    /// The plan's release policy; absent means the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// The plan's time zone, an IANA name (version 2); absent means UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Change windows: freezes, blackouts, maintenance, green zones (version 2, D6).
    #[serde(default)]
    pub windows: Vec<ChangeWindow>,
    /// Environment bookings made by hand (version 2, D6).
    #[serde(default)]
    pub bookings: Vec<ManualBooking>,
    /// The responsibility matrix (version 3, D7); absent keeps the plan's (a new plan's is the
    /// seed's template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<Matrix>,
    /// Who holds which role, for the portfolio and per release (version 3, D7).
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    /// Distribution lists (version 4, D8).
    #[serde(default)]
    pub lists: Vec<crate::stakeholders::DistributionList>,
    /// The message templates the plan changed from the built-in ones, with their auto-approval
    /// (version 5, D8).
    #[serde(default)]
    pub templates: Vec<crate::notify::Template>,
    /// The release templates the plan changed from the default ones (version 6, D4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub release_templates: Vec<crate::template::ReleaseTemplate>,
}

impl Portfolio {
    pub fn new(name: impl Into<String>) -> Self {
        Portfolio {
            format: PORTFOLIO_FORMAT.into(),
            version: PORTFOLIO_VERSION,
            name: name.into(),
            applications: vec![],
            environments: vec![],
            people: vec![],
            rfcs: vec![],
            cis: vec![],
            releases: vec![],
            events: vec![],
            dependencies: vec![],
            ci_dependencies: vec![],
            baselines: vec![],
            policy: None,
            time_zone: None,
            windows: vec![],
            bookings: vec![],
            matrix: None,
            assignments: vec![],
            lists: vec![],
            templates: vec![],
            release_templates: vec![],
        }
    }

    /// Reads what older documents said in their own way: a person's one role (up to version 2)
    /// becomes their assignment for the portfolio, and the policy's signature role becomes the S
    /// of "Authorize deployment" in the matrix (in place of the template's).
    pub fn upgrade(&mut self) {
        for p in &mut self.people {
            if let Some(role) = p.legacy_role.take() {
                let a = Assignment { role, person: p.email.clone(), release: None };
                if !self.assignments.contains(&a) {
                    self.assignments.push(a);
                }
            }
        }
        if let Some(role) = self.policy.as_mut().and_then(|p| p.legacy_signature_role.take()) {
            let matrix = self.matrix.get_or_insert_with(Matrix::default);
            matrix.sign_with(&role);
        }
    }

    /// Puts every list in its canonical order. Environments keep the document's order: it is the
    /// path to production (Dev → Test → UAT → Pre-prod → Prod), and a release lists its
    /// environments in that order too.
    pub fn sort(&mut self) {
        self.applications.sort_by(|a, b| a.code.cmp(&b.code));
        let stage: std::collections::HashMap<String, usize> =
            self.environments.iter().enumerate().map(|(i, e)| (e.name.clone(), i)).collect();
        self.people.sort_by(|a, b| a.email.cmp(&b.email));
        self.rfcs.sort_by(|a, b| a.key.cmp(&b.key));
        self.cis.sort_by(|a, b| a.name.cmp(&b.name));
        self.releases.sort_by(|a, b| a.key.cmp(&b.key));
        self.events.sort_by_key(|e| e.id);
        self.dependencies.sort_by(|a, b| (&a.to, &a.from, a.kind.as_str()).cmp(&(&b.to, &b.from, b.kind.as_str())));
        self.ci_dependencies.sort_by(|a, b| (&a.ci, &a.depends_on).cmp(&(&b.ci, &b.depends_on)));
        self.baselines.sort_by(|a, b| a.name.cmp(&b.name));
        self.windows.sort_by(|a, b| a.name.cmp(&b.name));
        self.bookings.sort_by(|a, b| (a.start, &a.environment, &a.purpose).cmp(&(b.start, &b.environment, &b.purpose)));
        self.assignments.sort();
        self.lists.sort_by(|a, b| a.name.cmp(&b.name));
        self.templates.sort_by_key(|t| t.trigger);
        self.release_templates.sort_by_key(|t| t.kind);
        if let Some(m) = &mut self.matrix {
            m.sort_cells();
        }
        for r in &mut self.releases {
            r.applications.sort();
            r.environments.sort_by_key(|e| (stage.get(e).copied().unwrap_or(usize::MAX), e.clone()));
            r.rfcs.sort();
            r.cis.sort_by(|a, b| a.ci.cmp(&b.ci));
            r.milestones.sort_by(|a, b| (&a.kind, a.planned_start).cmp(&(&b.kind, b.planned_start)));
        }
    }
}

/// One problem in a document, with the path of the value that holds it (`releases[3].owner`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
}

/// Names already present in the plan a document is imported into; a document may refer to them.
#[derive(Debug, Default, Clone)]
pub struct Known {
    pub applications: HashSet<String>,
    pub environments: HashSet<String>,
    pub people: HashSet<String>,
    /// The keys of the plan's matrix's roles.
    pub roles: HashSet<String>,
    pub rfcs: HashSet<String>,
    pub cis: HashSet<String>,
    pub releases: HashSet<String>,
}

/// Checks a document against itself and against what the target plan already holds. An empty
/// result means every reference resolves, no key is taken twice and every date is in order.
pub fn check(doc: &Portfolio, known: &Known) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut push = |path: String, message: String| out.push(Diagnostic { path, message });

    if doc.format != PORTFOLIO_FORMAT {
        push("format".into(), format!("expected \"{PORTFOLIO_FORMAT}\", found {:?}", doc.format));
    }
    if doc.version == 0 || doc.version > PORTFOLIO_VERSION {
        push(
            "version".into(),
            format!(
                "document version {} is not supported (this Runway reads version 1 to {PORTFOLIO_VERSION})",
                doc.version
            ),
        );
    }

    if let Some(m) = check_len("name", &doc.name, NAME_MAX_LEN) {
        push("name".into(), m);
    }
    // Every free-text value of the reference data, capped, with its path.
    for (i, a) in doc.applications.iter().enumerate() {
        for (field, text, max) in [("code", &a.code, CODE_MAX_LEN), ("name", &a.name, NAME_MAX_LEN)] {
            if let Some(m) = check_len(field, text, max) {
                push(format!("applications[{i}].{field}"), m);
            }
        }
    }
    for (i, e) in doc.environments.iter().enumerate() {
        if let Some(m) = check_len("name", &e.name, NAME_MAX_LEN) {
            push(format!("environments[{i}].name"), m);
        }
    }
    for (i, p) in doc.people.iter().enumerate() {
        for (field, text, max) in [
            ("email", &p.email, EMAIL_MAX_LEN),
            ("name", &p.name, NAME_MAX_LEN),
            ("organisation", &p.organisation, NAME_MAX_LEN),
        ] {
            if let Some(m) = check_len(field, text, max) {
                push(format!("people[{i}].{field}"), m);
            }
        }
    }
    for (i, c) in doc.cis.iter().enumerate() {
        for (field, text) in [("name", &c.name), ("kind", &c.kind)] {
            if let Some(m) = check_len(field, text, NAME_MAX_LEN) {
                push(format!("cis[{i}].{field}"), m);
            }
        }
    }

    // Reference data (applications, environments, people, CIs) already in the plan is updated by
    // an import; RFCs and releases already in the plan are refused.
    let apps = unique(&doc.applications, |a| &a.code, "applications", "code", None, &mut push);
    let envs = unique(&doc.environments, |e| &e.name, "environments", "name", None, &mut push);
    unique(&doc.people, |p| &p.email, "people", "email", None, &mut push);
    let rfcs = unique(&doc.rfcs, |r| &r.key, "rfcs", "key", Some(&known.rfcs), &mut push);
    let cis = unique(&doc.cis, |c| &c.name, "cis", "name", None, &mut push);
    unique(&doc.releases, |r| &r.key, "releases", "key", Some(&known.releases), &mut push);

    // E-mail addresses are compared without regard to case, as the plan stores them.
    let mut emails = HashSet::new();
    for (i, p) in doc.people.iter().enumerate() {
        if !emails.insert(p.email.to_lowercase()) && !p.email.is_empty() {
            push(format!("people[{i}].email"), format!("{:?} appears twice in the document (ignoring case)", p.email));
        }
        if p.name.trim().is_empty() {
            push(format!("people[{i}].name"), "the name is empty".into());
        }
        if !p.email.contains('@') {
            push(format!("people[{i}].email"), format!("{:?} is not an e-mail address", p.email));
        }
    }
    for (i, r) in doc.rfcs.iter().enumerate() {
        for e in check_rfc(r) {
            push(format!("rfcs[{i}].{}", e.field), e.message);
        }
    }
    for (i, c) in doc.cis.iter().enumerate() {
        if let Some(app) = &c.application
            && !apps.contains(app.as_str())
            && !known.applications.contains(app)
        {
            push(format!("cis[{i}].application"), format!("unknown application {app:?}"));
        }
    }

    let has = |set: &HashSet<&str>, known: &HashSet<String>, v: &str| set.contains(v) || known.contains(v);
    for (i, r) in doc.releases.iter().enumerate() {
        let at = |field: &str| format!("releases[{i}].{field}");
        if let Some(m) = check_key(&r.key, "REL-2027.03.01") {
            push(at("key"), m);
        }
        if let Some(m) = check_title(&r.title) {
            push(at("title"), m);
        }
        for (field, text) in
            [("acceptance_criteria", &r.acceptance_criteria), ("backout_plan", &r.backout_plan), ("notes", &r.notes)]
        {
            if let Some(m) = check_text(text) {
                push(at(field), m);
            }
        }
        for (list, values) in [("applications", &r.applications), ("environments", &r.environments), ("rfcs", &r.rfcs)]
        {
            let mut seen = HashSet::new();
            for (j, v) in values.iter().enumerate() {
                if !seen.insert(v) {
                    push(at(&format!("{list}[{j}]")), format!("{v:?} is listed twice"));
                }
            }
        }
        if let Some(m) = r.window.as_ref().and_then(check_window) {
            push(at("window"), m);
        }
        for (j, a) in r.applications.iter().enumerate() {
            if !has(&apps, &known.applications, a) {
                push(at(&format!("applications[{j}]")), format!("unknown application {a:?}"));
            }
        }
        for (j, e) in r.environments.iter().enumerate() {
            if !has(&envs, &known.environments, e) {
                push(at(&format!("environments[{j}]")), format!("unknown environment {e:?}"));
            }
        }
        for (field, who) in [("owner", &r.owner), ("manager", &r.manager)] {
            if let Some(who) = who
                && !emails.contains(&who.to_lowercase())
                && !known.people.iter().any(|k| k.eq_ignore_ascii_case(who))
            {
                push(at(field), format!("unknown person {who:?}"));
            }
        }
        for (j, k) in r.rfcs.iter().enumerate() {
            if !has(&rfcs, &known.rfcs, k) {
                push(at(&format!("rfcs[{j}]")), format!("unknown RFC {k:?}"));
            }
        }
        let mut seen = HashSet::new();
        for (j, c) in r.cis.iter().enumerate() {
            if !has(&cis, &known.cis, &c.ci) {
                push(at(&format!("cis[{j}].ci")), format!("unknown configuration item {:?}", c.ci));
            } else if !seen.insert(c.ci.as_str()) {
                push(at(&format!("cis[{j}].ci")), format!("{:?} is listed twice", c.ci));
            }
            if c.version.trim().is_empty() {
                push(at(&format!("cis[{j}].version")), "the version is empty".into());
            } else if let Some(m) = check_len("version", &c.version, VERSION_MAX_LEN) {
                push(at(&format!("cis[{j}].version")), m);
            }
        }
        if r.milestones.len() > crate::phase::MAX_PHASES {
            push(
                at("milestones"),
                format!("{} phases; a release has at most {}", r.milestones.len(), crate::phase::MAX_PHASES),
            );
        }
        let mut phases = HashSet::new();
        for (j, m) in r.milestones.iter().enumerate() {
            if !phases.insert(m.kind.as_str().to_lowercase()) {
                push(at(&format!("milestones[{j}].kind")), format!("the phase {:?} is listed twice", m.kind.label()));
            }
            for (field, d) in [
                ("planned_start", Some(m.planned_start)),
                ("planned_end", Some(m.planned_end)),
                ("actual_start", m.actual_start),
                ("actual_end", m.actual_end),
            ] {
                if let Some(msg) = d.and_then(dates::check) {
                    push(at(&format!("milestones[{j}].{field}")), msg);
                }
            }
            if m.planned_end < m.planned_start {
                push(
                    at(&format!("milestones[{j}].planned_end")),
                    format!("ends ({}) before it starts ({})", m.planned_end, m.planned_start),
                );
            }
            if let (Some(s), Some(e)) = (m.actual_start, m.actual_end)
                && e < s
            {
                push(at(&format!("milestones[{j}].actual_end")), format!("ends ({e}) before it starts ({s})"));
            }
        }
    }

    // Events: in recorded order, each about a release of this document, whose moves replay from
    // Draft to the stage the release is in; revocations and closures point to earlier events.
    let in_doc: std::collections::HashMap<&str, &Release> = doc.releases.iter().map(|r| (r.key.as_str(), r)).collect();
    let mut ids: std::collections::HashMap<u64, (&str, &EventKind)> = Default::default();
    let mut last_id = 0u64;
    let mut per_release: std::collections::BTreeMap<&str, Vec<Event>> = Default::default();
    for (i, e) in doc.events.iter().enumerate() {
        let at = |field: &str| format!("events[{i}].{field}");
        if !in_doc.contains_key(e.release.as_str()) {
            push(at("release"), format!("{:?} is not a release of this document", e.release));
            continue;
        }
        if e.id <= last_id {
            push(at("id"), format!("event ids must increase in recorded order ({} follows {last_id})", e.id));
        }
        last_id = last_id.max(e.id);
        for (field, text) in [("reason", &e.reason), ("conditions", &e.conditions)] {
            if let Some(m) = check_text(text) {
                push(at(field), m);
            }
        }
        if let Some(m) = check_len("actor", &e.by, ACTOR_MAX_LEN) {
            push(at("by"), m);
        }
        if let Some(m) = dates::check_utc(e.at) {
            push(at("at"), m);
        }
        if let EventKind::Incident { reference, opened, .. } = &e.what {
            if let Some(m) = check_len("reference", reference, REFERENCE_MAX_LEN) {
                push(at("what.reference"), m);
            }
            if let Some(m) = dates::check_utc(*opened) {
                push(at("what.opened"), m);
            }
        }
        if let EventKind::Revocation { revokes: target } | EventKind::IncidentClosed { incident: target } = e.what {
            let closing = matches!(e.what, EventKind::IncidentClosed { .. });
            match ids.get(&target) {
                Some((release, what)) if *release == e.release => {
                    if closing && !matches!(what, EventKind::Incident { .. }) {
                        push(at("what"), format!("event {target} is not an incident"));
                    } else if !closing && !what.revocable() {
                        push(at("what"), format!("event {target} ({}) cannot be revoked", what.summary()));
                    }
                }
                _ => push(
                    at("what"),
                    format!("refers to event {target}, which is not an earlier event of {}", e.release),
                ),
            }
        }
        ids.insert(e.id, (e.release.as_str(), &e.what));
        per_release.entry(e.release.as_str()).or_default().push(e.clone());
    }
    for (key, events) in per_release {
        if !events.iter().any(|e| matches!(e.what, EventKind::Transition { .. })) {
            continue;
        }
        let i = doc.releases.iter().position(|r| r.key == key).unwrap_or(0);
        match replay(&events) {
            Err(m) => {
                push(format!("releases[{i}].status"), format!("the moves of {key} do not follow the lifecycle: {m}"))
            }
            Ok(s) if s != in_doc[key].status => push(
                format!("releases[{i}].status"),
                format!("{key} is {} but its recorded moves end in {}", in_doc[key].status.label(), s.label()),
            ),
            Ok(_) => {}
        }
    }
    // Dependencies: between releases of this document, on milestones they have, without a cycle.
    for (i, d) in doc.dependencies.iter().enumerate() {
        for (end, e) in [("from", &d.from), ("to", &d.to)] {
            if !in_doc.contains_key(e.release.as_str()) {
                push(
                    format!("dependencies[{i}].{end}.release"),
                    format!("{:?} is not a release of this document", e.release),
                );
            }
        }
        if d.lag_days.unsigned_abs() > crate::schedule::MAX_LAG_DAYS {
            push(format!("dependencies[{i}].lag_days"), format!("a lag of {} days is more than ten years", d.lag_days));
        }
    }
    for problem in crate::schedule::check_all(&doc.releases, &doc.dependencies) {
        push("dependencies".into(), problem);
    }
    for (i, d) in doc.ci_dependencies.iter().enumerate() {
        for (field, ci) in [("ci", &d.ci), ("depends_on", &d.depends_on)] {
            if !has(&cis, &known.cis, ci) {
                push(format!("ci_dependencies[{i}].{field}"), format!("unknown configuration item {ci:?}"));
            }
        }
        if d.ci == d.depends_on {
            push(format!("ci_dependencies[{i}]"), format!("{:?} cannot depend on itself", d.ci));
        }
    }
    let mut names = HashSet::new();
    for (i, b) in doc.baselines.iter().enumerate() {
        if b.name.trim().is_empty() {
            push(format!("baselines[{i}].name"), format!("a baseline name is 1 to {BASELINE_NAME_MAX_LEN} characters"));
        } else if let Some(m) = check_len("baseline name", &b.name, BASELINE_NAME_MAX_LEN) {
            push(format!("baselines[{i}].name"), m);
        } else if !names.insert(b.name.as_str()) {
            push(format!("baselines[{i}].name"), format!("{:?} appears twice", b.name));
        }
        if let Some(m) = dates::check_utc(b.taken_at) {
            push(format!("baselines[{i}].taken_at"), m);
        }
        for (j, m) in b.milestones.iter().enumerate() {
            for (field, d) in [("planned_start", m.planned_start), ("planned_end", m.planned_end)] {
                if let Some(msg) = dates::check(d) {
                    push(format!("baselines[{i}].milestones[{j}].{field}"), msg);
                }
            }
        }
    }
    if let Some(p) = &doc.policy {
        for e in p.check() {
            push(format!("policy.{}", e.field), e.message);
        }
    }
    check_calendar(doc, known, &mut push);
    crate::matrix::check_document(doc, known, &mut push);
    crate::stakeholders::check_document(doc, known, &mut push);
    let mut seen = HashSet::new();
    for (i, t) in doc.templates.iter().enumerate() {
        if !seen.insert(t.trigger) {
            push(format!("templates[{i}].trigger"), format!("a second template for {}", t.trigger.label()));
        }
        for e in crate::notify::check(t) {
            push(format!("templates[{i}].{}", e.field), e.message);
        }
    }
    let mut kinds = HashSet::new();
    for (i, t) in doc.release_templates.iter().enumerate() {
        if !kinds.insert(t.kind) {
            push(format!("release_templates[{i}].kind"), format!("a second template for {} releases", t.kind.label()));
        }
        for e in t.check() {
            push(format!("release_templates[{i}].{}", e.field), e.message);
        }
    }
    out
}

/// The calendar part of a document (version 2): the time zone, environments' capacities, the
/// windows and the manual bookings, against the document and the plan together.
fn check_calendar(doc: &Portfolio, known: &Known, push: &mut impl FnMut(String, String)) {
    let zone = match doc.time_zone.as_deref().map(PlanZone::parse).transpose() {
        Ok(z) => z.unwrap_or_default(),
        Err(m) => {
            push("time_zone".into(), m);
            PlanZone::default()
        }
    };
    for (i, e) in doc.environments.iter().enumerate() {
        if !(1..=99).contains(&e.capacity) {
            push(
                format!("environments[{i}].capacity"),
                format!("a capacity is 1 to 99 bookings at once, not {}", e.capacity),
            );
        }
    }
    let mut all = known.clone();
    all.applications.extend(doc.applications.iter().map(|a| a.code.clone()));
    all.environments.extend(doc.environments.iter().map(|e| e.name.clone()));
    all.cis.extend(doc.cis.iter().map(|c| c.name.clone()));
    all.releases.extend(doc.releases.iter().map(|r| r.key.clone()));
    let mut names = HashSet::new();
    for (i, w) in doc.windows.iter().enumerate() {
        if !names.insert(w.name.trim()) {
            push(format!("windows[{i}].name"), format!("{:?} appears twice in the document", w.name));
        }
        for e in w.check(&all, zone) {
            push(format!("windows[{i}].{}", e.field), e.message);
        }
    }
    for (i, b) in doc.bookings.iter().enumerate() {
        for e in b.check(&all) {
            push(format!("bookings[{i}].{}", e.field), e.message);
        }
    }
}

/// Collects the keys of a list, reporting empty keys, keys given twice and, when `taken` is given,
/// keys the plan already has.
fn unique<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> &'a String,
    list: &str,
    field: &str,
    taken: Option<&HashSet<String>>,
    push: &mut impl FnMut(String, String),
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        let path = format!("{list}[{i}].{field}");
        if k.trim().is_empty() {
            push(path, format!("the {field} is empty"));
        } else if !seen.insert(k.as_str()) {
            push(path, format!("{k:?} appears twice in the document"));
        } else if taken.is_some_and(|t| t.contains(k)) {
            push(path, format!("{k:?} already exists in the plan"));
        }
    }
    seen
}
