//! The counting behind the KPI report: one pass over the releases for a period. The definitions
//! the report prints are in `kpi::definitions`; keep the two in step.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::super::index::Index;
use super::super::{IncidentLine, Period, ReleaseLine, or_missing, percent};
use super::{
    BackedOutRow, CancelledRow, FailedRow, Headline, ImplementedRow, KindCount, KindDuration, LateRow, MonthVolume,
    PlannedRow, PlannedVsActual, PriorityCount, ReleaseIncidents, UntestedRow, median,
};
use crate::evidence::{CabDecision, Event, EventKind, Priority, TestKind};
use crate::model::{Release, ReleaseKind, ReleaseStatus};

/// Everything the report shows about one period.
pub(super) struct Measure {
    pub headline: Headline,
    pub incidents_by_priority: Vec<PriorityCount>,
    pub incidents_by_kind: Vec<KindCount>,
    pub time_to_implement: Vec<KindDuration>,
    pub volume: Vec<MonthVolume>,
    pub planned_vs_actual: PlannedVsActual,
    pub implemented: Vec<ImplementedRow>,
    pub late: Vec<LateRow>,
    pub failed: Vec<FailedRow>,
    pub backed_out: Vec<BackedOutRow>,
    pub cancelled: Vec<CancelledRow>,
    pub emergency: Vec<ReleaseLine>,
    pub without_rfc: Vec<ReleaseLine>,
    pub not_tested: Vec<UntestedRow>,
    pub without_assurance: Vec<ReleaseLine>,
    pub incidents: Vec<ReleaseIncidents>,
    pub diagnostics: Vec<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The tests that must pass before a release is authorized: the policy's, and the backout test.
fn required_tests(idx: &Index<'_>) -> Vec<TestKind> {
    let mut out = idx.policy.required_tests.clone();
    out.push(TestKind::Backout);
    let mut seen = HashSet::new();
    out.retain(|t| seen.insert(*t));
    out
}

/// Whether a successful deployment `d` counts as a change failure: followed, before the next
/// deployment attempt `next` and by the later of the period's end and 30 days after it, by a
/// P1/P2 incident caused by the release, a failed verification or a back-out.
fn failed_after(idx: &Index<'_>, d: &Event, next: Option<DateTime<Utc>>, period: &Period, live: &[&Event]) -> bool {
    let thirty = idx.zone.day(d.at).checked_add_signed(Duration::days(30)).unwrap_or(NaiveDate::MAX);
    let limit = period.to.max(thirty);
    let within = |t: &DateTime<Utc>| *t >= d.at && next.is_none_or(|n| *t < n) && idx.zone.day(*t) <= limit;
    live.iter().any(|e| match &e.what {
        EventKind::Incident { priority: Priority::P1 | Priority::P2, caused_by_release: true, opened, .. } => {
            within(opened)
        }
        EventKind::Verification { passed: false } | EventKind::BackOut { .. } => within(&e.at),
        _ => false,
    })
}

/// The latest result of `test` recorded after index `since` and no later than `until`.
fn latest_test(live: &[&Event], since: usize, until: &DateTime<Utc>, test: TestKind) -> Option<bool> {
    live[since..].iter().rev().filter(|e| e.at <= *until).find_map(|e| match e.what {
        EventKind::TestResult { test: t, passed } if t == test => Some(passed),
        _ => None,
    })
}

pub(super) fn measure(idx: &Index<'_>, period: &Period) -> Measure {
    let required = required_tests(idx);
    let mut h = Headline::default();
    let mut volume: Vec<MonthVolume> = period
        .months()
        .into_iter()
        .map(|month| MonthVolume { month, major: 0, minor: 0, patch: 0, emergency: 0, total: 0 })
        .collect();
    let mut durations: BTreeMap<ReleaseKind, Vec<i64>> = BTreeMap::new();
    let mut lead_times = vec![];
    let mut by_priority: BTreeMap<Priority, u32> = BTreeMap::new();
    let mut by_kind: BTreeMap<ReleaseKind, u32> = BTreeMap::new();
    let mut implemented_keys: HashSet<&str> = HashSet::new();
    let (mut implemented, mut late, mut failed, mut backed_out) = (vec![], vec![], vec![], vec![]);
    let (mut emergency, mut without_rfc, mut not_tested, mut without_assurance) = (vec![], vec![], vec![], vec![]);
    let mut incidents = vec![];
    let mut cancelled = vec![];
    let mut diagnostics = vec![];

    for r in &idx.doc.releases {
        let key = r.key.as_str();
        let live: Vec<&Event> = idx.live(key).collect();
        let in_period = |at: &DateTime<Utc>| period.contains(idx.zone.day(*at));

        // Cancelled in the period.
        for e in &live {
            if let EventKind::Transition { from, to: ReleaseStatus::Cancelled, .. } = e.what
                && in_period(&e.at)
            {
                h.cancelled += 1;
                cancelled.push(CancelledRow {
                    release: idx.line(r),
                    date: idx.zone.day(e.at),
                    from_label: from.label().into(),
                    reason: or_missing(&e.reason),
                });
            }
        }

        // Deployment attempts, failures and change failures.
        let deployments: Vec<(&Event, bool)> = live
            .iter()
            .filter_map(|e| match e.what {
                EventKind::Deployment { succeeded } => Some((*e, succeeded)),
                _ => None,
            })
            .collect();
        let mut latest_failure: Option<&Event> = None;
        let mut attempted = false;
        for (i, &(d, succeeded)) in deployments.iter().enumerate() {
            if !in_period(&d.at) {
                continue;
            }
            attempted = true;
            h.deployment_attempts += 1;
            if !succeeded {
                h.failed_deployments += 1;
                h.change_failures += 1;
                latest_failure = Some(d);
            } else if failed_after(idx, d, deployments.get(i + 1).map(|(n, _)| n.at), period, &live) {
                h.change_failures += 1;
            }
        }
        h.releases_attempted += u32::from(attempted);
        if let Some(f) = latest_failure {
            h.failed += 1;
            let backout = live.iter().rev().find_map(|e| match e.what {
                EventKind::BackOut { succeeded } if e.id > f.id => Some(succeeded),
                _ => None,
            });
            failed.push(FailedRow {
                release: idx.line(r),
                date: idx.zone.day(f.at),
                reason: or_missing(&f.reason),
                backout,
                backout_label: match backout {
                    Some(true) => "Backed out".into(),
                    Some(false) => "Back-out failed".into(),
                    None => "No back-out recorded".into(),
                },
            });
        }

        // Back-outs.
        let backouts: Vec<(&Event, bool)> = live
            .iter()
            .filter_map(|e| match e.what {
                EventKind::BackOut { succeeded } if in_period(&e.at) => Some((*e, succeeded)),
                _ => None,
            })
            .collect();
        if let Some(&(last, succeeded)) = backouts.last() {
            h.backed_out += 1;
            h.backouts += count(backouts.len());
            h.backouts_failed += count(backouts.iter().filter(|(_, ok)| !ok).count());
            backed_out.push(BackedOutRow {
                release: idx.line(r),
                date: idx.zone.day(last.at),
                succeeded,
                attempts: count(backouts.len()),
                reason: or_missing(&last.reason),
            });
        }

        // Incidents caused by the release, opened in the period.
        let mine: Vec<IncidentLine> = live
            .iter()
            .filter_map(|e| match &e.what {
                EventKind::Incident { priority, reference, opened, caused_by_release: true } if in_period(opened) => {
                    Some(incident_line(e, *priority, reference, *opened, &live))
                }
                _ => None,
            })
            .collect();
        if !mine.is_empty() {
            for i in &mine {
                *by_priority.entry(i.priority).or_default() += 1;
            }
            *by_kind.entry(r.kind).or_default() += count(mine.len());
            h.incidents_caused += count(mine.len());
            let mut mine = mine;
            mine.sort_by(|a, b| (a.opened, &a.reference).cmp(&(b.opened, &b.reference)));
            incidents.push(ReleaseIncidents { release: idx.line(r), incidents: mine });
        }

        // Implemented: the latest successful deployment falls in the period.
        let Some(dep) = deployments.iter().rev().find_map(|&(e, ok)| ok.then_some(e)) else { continue };
        let deployed = idx.zone.day(dep.at);
        if !period.contains(deployed) {
            continue;
        }
        implemented_keys.insert(key);
        h.implemented += 1;
        if let Some(m) = volume.iter_mut().find(|m| m.month.contains(deployed)) {
            m.total += 1;
            *match r.kind {
                ReleaseKind::Major => &mut m.major,
                ReleaseKind::Minor => &mut m.minor,
                ReleaseKind::Patch => &mut m.patch,
                ReleaseKind::Emergency => &mut m.emergency,
            } += 1;
        }
        let promised = idx.promised_deployment(r);
        let days_late = promised.as_ref().map(|p| (deployed - p.date).num_days() as i32);
        if promised.is_none() {
            diagnostics.push(format!(
                "{key} was implemented but has no planned deployment date (no baseline, Deployment milestone \
                 or window): it is not judged late."
            ));
        }
        if let (Some(p), Some(days)) = (&promised, days_late)
            && days > 0
        {
            h.late += 1;
            late.push(LateRow {
                release: idx.line(r),
                planned: p.date,
                source: p.source,
                source_label: p.label.clone(),
                actual: deployed,
                days_late: days,
                reason: late_reason(dep, &live),
            });
        }
        let is_emergency = r.kind == ReleaseKind::Emergency
            || live
                .iter()
                .any(|e| matches!(e.what, EventKind::CabDecision { decision: CabDecision::Approve, emergency: true }));
        implemented.push(ImplementedRow {
            release: idx.line(r),
            deployed,
            planned: promised.map(|p| p.date),
            days_late,
            emergency: is_emergency,
        });
        if is_emergency {
            h.emergency += 1;
            emergency.push((deployed, idx.line(r)));
        }
        if r.rfcs.is_empty() {
            h.without_rfc += 1;
            without_rfc.push((deployed, idx.line(r)));
        }

        // Testing: each required test's latest result since the build (before the deployment)
        // must be a pass, and no move to authorization in that build may override a test.
        let build = live
            .iter()
            .rposition(|e| e.at <= dep.at && matches!(e.what, EventKind::Transition { to: ReleaseStatus::Build, .. }))
            .map_or(0, |i| i + 1);
        let missing: Vec<String> = required
            .iter()
            .filter(|&&t| latest_test(&live, build, &dep.at, t) != Some(true))
            .map(|t| t.label().to_owned())
            .collect();
        let overridden: Vec<String> = live[build..]
            .iter()
            .filter(|e| e.id < dep.id)
            .filter_map(|e| match &e.what {
                EventKind::Transition {
                    to: ReleaseStatus::AwaitingAuthorization | ReleaseStatus::Authorized,
                    overridden,
                    ..
                } => Some(overridden),
                _ => None,
            })
            .flatten()
            .filter(|o| o.to_lowercase().contains("test"))
            .cloned()
            .collect();
        if !missing.is_empty() || !overridden.is_empty() {
            h.not_tested += 1;
            not_tested.push((deployed, UntestedRow { release: idx.line(r), missing, overridden }));
        }
        if latest_test(&live, build, &dep.at, TestKind::OperationalReadiness) != Some(true) {
            h.without_assurance += 1;
            without_assurance.push((deployed, idx.line(r)));
        }

        // Time to implement (from the first recorded event) and lead time (from the first move
        // into Build).
        if let Some(first) = idx.events(key).first() {
            durations.entry(r.kind).or_default().push((deployed - idx.zone.day(first.at)).num_days());
        }
        if let Some(b) = live.iter().find(|e| matches!(e.what, EventKind::Transition { to: ReleaseStatus::Build, .. }))
            && b.at <= dep.at
        {
            lead_times.push((deployed - idx.zone.day(b.at)).num_days());
        }
    }

    h.backed_out_percent = percent(h.backed_out, h.releases_attempted);
    h.backout_failed_percent = percent(h.backouts_failed, h.backouts);
    h.change_failure_rate_percent = percent(h.change_failures, h.deployment_attempts);
    h.lead_time_days = median(lead_times);

    let by_date = |rows: &mut Vec<(NaiveDate, ReleaseLine)>| {
        rows.sort_by(|a, b| (a.0, &a.1.key).cmp(&(b.0, &b.1.key)));
        rows.drain(..).map(|(_, l)| l).collect::<Vec<_>>()
    };
    implemented.sort_by(|a, b| (a.deployed, &a.release.key).cmp(&(b.deployed, &b.release.key)));
    late.sort_by(|a, b| (a.actual, &a.release.key).cmp(&(b.actual, &b.release.key)));
    failed.sort_by(|a, b| (a.date, &a.release.key).cmp(&(b.date, &b.release.key)));
    backed_out.sort_by(|a, b| (a.date, &a.release.key).cmp(&(b.date, &b.release.key)));
    cancelled.sort_by(|a, b| (a.date, &a.release.key).cmp(&(b.date, &b.release.key)));
    not_tested.sort_by(|a, b| (a.0, &a.1.release.key).cmp(&(b.0, &b.1.release.key)));
    incidents.sort_by(|a, b| a.release.key.cmp(&b.release.key));

    Measure {
        planned_vs_actual: planned_vs_actual(idx, period, &implemented_keys),
        headline: h,
        incidents_by_priority: Priority::ALL
            .iter()
            .map(|&p| PriorityCount {
                priority: p,
                label: p.label().into(),
                count: by_priority.get(&p).copied().unwrap_or(0),
            })
            .collect(),
        incidents_by_kind: ReleaseKind::ALL
            .iter()
            .map(|&k| KindCount { kind: k, label: k.label().into(), count: by_kind.get(&k).copied().unwrap_or(0) })
            .collect(),
        time_to_implement: ReleaseKind::ALL.iter().map(|&k| kind_duration(k, durations.get(&k))).collect(),
        volume,
        implemented,
        late,
        failed,
        backed_out,
        cancelled,
        emergency: by_date(&mut emergency),
        without_rfc: by_date(&mut without_rfc),
        not_tested: not_tested.into_iter().map(|(_, row)| row).collect(),
        without_assurance: by_date(&mut without_assurance),
        incidents,
        diagnostics,
    }
}

fn incident_line(
    e: &Event,
    priority: Priority,
    reference: &str,
    opened: DateTime<Utc>,
    live: &[&Event],
) -> IncidentLine {
    IncidentLine {
        release: e.release.clone(),
        reference: or_missing(reference),
        priority,
        priority_label: priority.label().into(),
        opened,
        closed: live.iter().find_map(|c| match c.what {
            EventKind::IncidentClosed { incident } if incident == e.id => Some(c.at),
            _ => None,
        }),
        caused_by_release: matches!(e.what, EventKind::Incident { caused_by_release: true, .. }),
    }
}

/// Why a release was late: the deployment's reason, else that of the latest move up to the
/// deployment that gave one. A move whose reason is only the decision it followed ("Sign-off for
/// authorization: Authorize") says nothing about the delay and is passed by.
fn late_reason(dep: &Event, live: &[&Event]) -> String {
    if !dep.reason.trim().is_empty() {
        return dep.reason.trim().to_owned();
    }
    let implied = |m: &Event| {
        live.iter().any(|e| {
            e.id < m.id && !matches!(e.what, EventKind::Transition { .. }) && e.what.summary() == m.reason.trim()
        })
    };
    let moved = live
        .iter()
        .rev()
        .filter(|e| e.id <= dep.id && matches!(e.what, EventKind::Transition { .. }))
        .find(|e| !e.reason.trim().is_empty() && !implied(e));
    or_missing(moved.map_or("", |e| e.reason.as_str()))
}

fn kind_duration(kind: ReleaseKind, days: Option<&Vec<i64>>) -> KindDuration {
    let days = days.map_or(&[][..], Vec::as_slice);
    let to_i32 = |d: i64| i32::try_from(d).unwrap_or(if d < 0 { i32::MIN } else { i32::MAX });
    KindDuration {
        kind,
        label: kind.label().into(),
        count: count(days.len()),
        average_days: (!days.is_empty()).then(|| days.iter().sum::<i64>() as f64 / days.len() as f64),
        best_days: days.iter().min().copied().map(to_i32),
        worst_days: days.iter().max().copied().map(to_i32),
    }
}

fn planned_vs_actual(idx: &Index<'_>, period: &Period, implemented: &HashSet<&str>) -> PlannedVsActual {
    let mut planned: Vec<(&Release, NaiveDate)> = idx
        .doc
        .releases
        .iter()
        .filter_map(|r| idx.planned_deployment(r).map(|p| (r, p.date)))
        .filter(|(_, d)| period.contains(*d))
        .collect();
    planned.sort_by(|a, b| (a.1, &a.0.key).cmp(&(b.1, &b.0.key)));
    let as_planned = planned.iter().filter(|(r, _)| implemented.contains(r.key.as_str())).count();
    let planned_keys: HashSet<&str> = planned.iter().map(|(r, _)| r.key.as_str()).collect();
    PlannedVsActual {
        planned: count(planned.len()),
        implemented: count(implemented.len()),
        implemented_as_planned: count(as_planned),
        unplanned: count(implemented.iter().filter(|k| !planned_keys.contains(*k)).count()),
        not_implemented: planned
            .iter()
            .filter(|(r, _)| !implemented.contains(r.key.as_str()))
            .map(|&(r, planned)| PlannedRow {
                release: idx.line(r),
                planned,
                deployed: idx.live(&r.key).rev().find_map(|e| match e.what {
                    EventKind::Deployment { succeeded: true } => Some(idx.zone.day(e.at)),
                    _ => None,
                }),
            })
            .collect(),
    }
}
