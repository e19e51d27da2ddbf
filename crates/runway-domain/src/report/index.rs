//! The portfolio looked up the way every report needs it: releases, events and people by key,
//! revoked events set aside, the names to print, and the planned deployment dates.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AppRef, DependencyLine, MISSING, PersonRef, ReleaseLine, RfcLine, ViolationLine};
use crate::calendar::PlanZone;
use crate::evidence::{Event, EventKind, revoked};
use crate::lifecycle::Policy;
use crate::model::{Application, MilestoneKind, Person, Release, Rfc};
use crate::portfolio::Portfolio;
use crate::schedule::{Analysis, Violation};

labelled_enum!(
    /// Where a planned deployment date was taken from.
    DateSource {
        Baseline => "baseline", "Baseline";
        Plan => "plan", "Current plan";
        Window => "window", "Deployment window";
    }
);

/// A planned deployment date and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedDate {
    pub date: NaiveDate,
    pub source: DateSource,
    /// "baseline “Q1 plan”", "current plan", "deployment window".
    pub label: String,
}

pub(crate) struct Index<'a> {
    pub doc: &'a Portfolio,
    pub policy: Policy,
    /// The plan's matrix (the template when the document has none): role names, who decides.
    pub matrix: crate::matrix::Matrix,
    /// The plan's time zone: an event's day is its day there.
    pub zone: PlanZone,
    pub revoked: HashSet<u64>,
    releases: HashMap<&'a str, &'a Release>,
    /// Every event of a known release, in recorded order (by id).
    events: HashMap<&'a str, Vec<&'a Event>>,
    people: HashMap<String, &'a Person>,
    apps: HashMap<&'a str, &'a Application>,
    rfcs: HashMap<&'a str, &'a Rfc>,
    /// Per release: its deployment's planned end in the oldest baseline that has it, and that
    /// baseline's name.
    baseline_deployment: HashMap<&'a str, (NaiveDate, &'a str)>,
    /// Events about releases the plan does not hold.
    pub orphan_events: usize,
}

impl<'a> Index<'a> {
    pub fn new(doc: &'a Portfolio) -> Index<'a> {
        let releases: HashMap<&str, &Release> = doc.releases.iter().map(|r| (r.key.as_str(), r)).collect();
        let mut events: HashMap<&str, Vec<&Event>> = HashMap::new();
        let mut orphan_events = 0;
        for e in &doc.events {
            match releases.get_key_value(e.release.as_str()) {
                Some((k, _)) => events.entry(k).or_default().push(e),
                None => orphan_events += 1,
            }
        }
        for list in events.values_mut() {
            list.sort_by_key(|e| e.id);
        }
        let mut baselines: Vec<_> = doc.baselines.iter().collect();
        baselines.sort_by(|a, b| (a.taken_at, &a.name).cmp(&(b.taken_at, &b.name)));
        let mut baseline_deployment = HashMap::new();
        for b in baselines {
            for m in b.milestones.iter().filter(|m| m.kind == MilestoneKind::Deployment) {
                baseline_deployment.entry(m.release.as_str()).or_insert((m.planned_end, b.name.as_str()));
            }
        }
        Index {
            doc,
            policy: doc.policy.clone().unwrap_or_default(),
            matrix: doc.matrix.clone().unwrap_or_default(),
            zone: crate::calendar::zone_of(doc),
            revoked: revoked(&doc.events),
            releases,
            events,
            people: doc.people.iter().map(|p| (p.email.to_lowercase(), p)).collect(),
            apps: doc.applications.iter().map(|a| (a.code.as_str(), a)).collect(),
            rfcs: doc.rfcs.iter().map(|r| (r.key.as_str(), r)).collect(),
            baseline_deployment,
            orphan_events,
        }
    }

    pub fn release(&self, key: &str) -> Option<&'a Release> {
        self.releases.get(key).copied()
    }

    /// Every event of a release, revoked or not, in recorded order.
    pub fn events(&self, key: &str) -> &[&'a Event] {
        self.events.get(key).map_or(&[], Vec::as_slice)
    }

    /// The events of a release that count: not revoked, and not revocations themselves.
    pub fn live(&self, key: &str) -> impl DoubleEndedIterator<Item = &'a Event> + '_ {
        self.events(key).iter().copied().filter(|e| self.is_live(e))
    }

    pub fn is_live(&self, e: &Event) -> bool {
        !self.revoked.contains(&e.id) && !matches!(e.what, EventKind::Revocation { .. })
    }

    /// A person of the plan by e-mail (ignoring case).
    pub fn person(&self, email: &str) -> Option<PersonRef> {
        let email = email.trim();
        if email.is_empty() {
            return None;
        }
        Some(match self.people.get(&email.to_lowercase()) {
            Some(p) => PersonRef { name: p.name.clone(), email: p.email.clone() },
            None => PersonRef { name: email.to_owned(), email: email.to_owned() },
        })
    }

    /// The name to print for an event's `by`: the person's name, the name of an actor string
    /// ("Name <email> (runway CLI)"), or `by` itself.
    /// The name of the role an event was decided in (its key when the matrix no longer has it).
    pub fn role_label(&self, role: Option<&str>) -> String {
        role.map_or_else(|| super::MISSING.to_owned(), |r| self.matrix.role_name(r).to_owned())
    }

    /// Who may sign and decide for a release, from the matrix.
    pub fn deciders(&self, r: &Release) -> crate::lifecycle::Deciders {
        let holders = crate::matrix::Holders::new(&self.matrix, &self.doc.people, &self.doc.assignments);
        crate::lifecycle::Deciders::of(&holders, r)
    }

    pub fn who(&self, by: &str) -> String {
        let by = by.trim();
        if let Some(p) = self.people.get(&by.to_lowercase()) {
            return p.name.clone();
        }
        if let Some(start) = by.find('<')
            && let Some(len) = by[start..].find('>')
        {
            if let Some(p) = self.people.get(&by[start + 1..start + len].trim().to_lowercase()) {
                return p.name.clone();
            }
            let name = by[..start].trim();
            if !name.is_empty() {
                return name.to_owned();
            }
        }
        if by.is_empty() { MISSING.into() } else { by.to_owned() }
    }

    pub fn apps(&self, r: &Release) -> Vec<AppRef> {
        r.applications
            .iter()
            .map(|code| AppRef {
                code: code.clone(),
                name: self.apps.get(code.as_str()).map_or_else(|| code.clone(), |a| a.name.clone()),
            })
            .collect()
    }

    pub fn rfc(&self, key: &str) -> RfcLine {
        match self.rfcs.get(key) {
            Some(r) => RfcLine {
                key: r.key.clone(),
                title: r.title.clone(),
                status: Some(r.status),
                status_label: r.status.label().into(),
            },
            None => RfcLine { key: key.into(), title: MISSING.into(), status: None, status_label: MISSING.into() },
        }
    }

    pub fn line(&self, r: &Release) -> ReleaseLine {
        ReleaseLine {
            key: r.key.clone(),
            title: r.title.clone(),
            kind: r.kind,
            status: r.status,
            status_label: r.status.label().into(),
            applications: self.apps(r),
        }
    }

    /// The planned deployment date in today's plan: the Deployment milestone's planned end, else
    /// the deployment window's last day.
    pub fn planned_deployment(&self, r: &Release) -> Option<PlannedDate> {
        if let Some(m) = r.milestones.iter().find(|m| m.kind == MilestoneKind::Deployment) {
            return Some(PlannedDate { date: m.planned_end, source: DateSource::Plan, label: "current plan".into() });
        }
        r.window.map(|w| PlannedDate {
            date: w.end.date(),
            source: DateSource::Window,
            label: "deployment window".into(),
        })
    }

    /// The date a deployment was promised for, to judge lateness: the Deployment milestone's
    /// planned end in the oldest baseline that has it, else as [`Index::planned_deployment`].
    pub fn promised_deployment(&self, r: &Release) -> Option<PlannedDate> {
        match self.baseline_deployment.get(r.key.as_str()) {
            Some(&(date, name)) => {
                Some(PlannedDate { date, source: DateSource::Baseline, label: format!("baseline “{name}”") })
            }
            None => self.planned_deployment(r),
        }
    }

    /// The dependencies between `key` and other releases: (upstream, downstream).
    pub fn dependencies(&self, key: &str, analysis: &Analysis) -> (Vec<DependencyLine>, Vec<DependencyLine>) {
        let (mut up, mut down) = (vec![], vec![]);
        for d in &self.doc.dependencies {
            let (other, list) = match (d.from.release == key, d.to.release == key) {
                (false, true) => (&d.from.release, &mut up),
                (true, false) => (&d.to.release, &mut down),
                _ => continue,
            };
            let violated = analysis.violations.iter().any(|v| {
                v.from.release == d.from.release
                    && v.to.release == d.to.release
                    && d.from.milestone.as_ref().is_none_or(|m| *m == v.from.kind)
                    && d.to.milestone.as_ref().is_none_or(|m| *m == v.to.kind)
                    && v.kind == d.kind
                    && v.lag_days == d.lag_days
            });
            let r = self.release(other);
            list.push(DependencyLine {
                release: other.clone(),
                title: r.map_or_else(|| MISSING.into(), |r| r.title.clone()),
                status_label: r.map_or_else(|| MISSING.into(), |r| r.status.label().into()),
                kind: d.kind,
                kind_code: d.kind.as_str().to_uppercase(),
                from_milestone: d.from.milestone.clone(),
                to_milestone: d.to.milestone.clone(),
                lag_days: d.lag_days,
                violated,
            });
        }
        (up, down)
    }
}

/// The violations of `analysis` that involve release `key`.
pub(crate) fn violations_of(analysis: &Analysis, key: &str) -> Vec<ViolationLine> {
    analysis
        .violations
        .iter()
        .filter(|v| v.from.release == key || v.to.release == key)
        .map(|v: &Violation| ViolationLine {
            from: v.from.to_string(),
            to: v.to.to_string(),
            by_days: v.by_days,
            message: v.message.clone(),
        })
        .collect()
}
