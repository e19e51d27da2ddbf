//! The monthly KPI report and the quarterly PMO report (D9): seed 003's KPIs and DORA's change
//! failure rate and lead time, for a period, with a four-quarter trend, the tables behind the
//! figures and the next period's roadmap. One model serves both; the renderer picks the title.
//!
//! How each figure is counted is written once, in [`definitions`], which the report carries so
//! the PDF can print it; the counting itself is in `kpi/measure.rs`.

mod measure;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::{DateSource, Index};
use super::{Definition, IncidentLine, Period, ReleaseLine, definition, window_label};
use crate::evidence::Priority;
use crate::lifecycle::Policy;
use crate::model::{ReleaseKind, ReleaseStatus, Risk, Window};
use crate::portfolio::Portfolio;

/// The headline figures of a period (also each point of the trend).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Headline {
    /// Releases implemented in the period.
    pub implemented: u32,
    /// Of those, implemented after their planned deployment date.
    pub late: u32,
    /// Releases with a failed deployment in the period.
    pub failed: u32,
    /// Failed deployment attempts in the period.
    pub failed_deployments: u32,
    /// Releases with a back-out in the period.
    pub backed_out: u32,
    /// Back-outs in the period, and those of them that failed.
    pub backouts: u32,
    pub backouts_failed: u32,
    /// Deployment attempts (succeeded or failed) in the period, and the releases that made them.
    pub deployment_attempts: u32,
    pub releases_attempted: u32,
    /// Backed-out releases / releases with a deployment attempt, in percent.
    pub backed_out_percent: Option<f64>,
    /// Failed back-outs / back-outs, in percent.
    pub backout_failed_percent: Option<f64>,
    /// Urgent and emergency releases implemented.
    pub emergency: u32,
    pub without_rfc: u32,
    pub not_tested: u32,
    pub without_assurance: u32,
    /// Releases cancelled in the period.
    pub cancelled: u32,
    /// Incidents caused by releases, opened in the period.
    pub incidents_caused: u32,
    /// Deployment attempts that failed or led to a failure (DORA).
    pub change_failures: u32,
    pub change_failure_rate_percent: Option<f64>,
    /// Median days from the move into Build to the deployment (DORA's lead time for changes).
    pub lead_time_days: Option<f64>,
}

/// A release implemented in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImplementedRow {
    pub release: ReleaseLine,
    pub deployed: NaiveDate,
    /// The date it was promised for (see [`LateRow::source`]).
    pub planned: Option<NaiveDate>,
    /// Days after (positive) or before (negative) the planned date.
    pub days_late: Option<i32>,
    pub emergency: bool,
}

/// A release implemented late.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LateRow {
    pub release: ReleaseLine,
    pub planned: NaiveDate,
    /// Where the planned date comes from: the oldest baseline, the current plan or the window.
    pub source: DateSource,
    /// "baseline “Q1 plan”", "current plan", "deployment window".
    pub source_label: String,
    pub actual: NaiveDate,
    pub days_late: i32,
    /// The deployment's reason, else the latest move's.
    pub reason: String,
}

/// A release whose deployment failed in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FailedRow {
    pub release: ReleaseLine,
    /// The latest failed deployment in the period.
    pub date: NaiveDate,
    pub reason: String,
    /// The latest back-out after it: succeeded or not; None when none is recorded.
    pub backout: Option<bool>,
    pub backout_label: String,
}

/// A release cancelled in the period (seed 000 reports implemented, rolled back and cancelled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CancelledRow {
    pub release: ReleaseLine,
    pub date: NaiveDate,
    /// The stage it was cancelled from.
    pub from_label: String,
    pub reason: String,
}

/// A release backed out in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackedOutRow {
    pub release: ReleaseLine,
    /// The latest back-out in the period.
    pub date: NaiveDate,
    pub succeeded: bool,
    /// Back-outs of this release in the period.
    pub attempts: u32,
    pub reason: String,
}

/// A release implemented without adequate testing, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UntestedRow {
    pub release: ReleaseLine,
    /// Required tests with no passed result before the deployment.
    pub missing: Vec<String>,
    /// Test conditions overridden on the way to authorization.
    pub overridden: Vec<String>,
}

/// A release's incidents opened in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReleaseIncidents {
    pub release: ReleaseLine,
    pub incidents: Vec<IncidentLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PriorityCount {
    pub priority: Priority,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KindCount {
    pub kind: ReleaseKind,
    pub label: String,
    pub count: u32,
}

/// Time to implement, end to end, for one release kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KindDuration {
    pub kind: ReleaseKind,
    pub label: String,
    pub count: u32,
    pub average_days: Option<f64>,
    pub best_days: Option<i32>,
    pub worst_days: Option<i32>,
}

/// Releases implemented in one month, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MonthVolume {
    pub month: Period,
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    pub emergency: u32,
    pub total: u32,
}

/// A release planned to deploy in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedRow {
    pub release: ReleaseLine,
    pub planned: NaiveDate,
    /// Its latest successful deployment, whenever it was.
    pub deployed: Option<NaiveDate>,
}

/// The plan against what happened (seed 002).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedVsActual {
    /// Releases the current plan deploys in the period.
    pub planned: u32,
    pub implemented: u32,
    /// Planned in the period and implemented in it.
    pub implemented_as_planned: u32,
    /// Implemented in the period but planned for another (or no) date.
    pub unplanned: u32,
    /// Planned in the period and not implemented in it, by planned date then key.
    pub not_implemented: Vec<PlannedRow>,
}

/// One quarter of the trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrendPoint {
    pub period: Period,
    pub headline: Headline,
}

/// A release on the next period's roadmap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoadmapRow {
    pub release: ReleaseLine,
    pub kind_label: String,
    pub risk: Risk,
    pub risk_label: String,
    pub planned: NaiveDate,
    pub window: Option<Window>,
    pub window_label: String,
}

/// The releases the current plan deploys in the next period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Roadmap {
    pub period: Period,
    pub rows: Vec<RoadmapRow>,
}

/// The KPI report of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiReport {
    /// The plan's name.
    pub plan: String,
    pub period: Period,
    pub headline: Headline,
    /// Incidents caused by releases, opened in the period: P1 to P4, and by the release's kind.
    pub incidents_by_priority: Vec<PriorityCount>,
    pub incidents_by_kind: Vec<KindCount>,
    /// Per kind: major, minor, patch, emergency.
    pub time_to_implement: Vec<KindDuration>,
    /// Per month of the period.
    pub volume: Vec<MonthVolume>,
    pub planned_vs_actual: PlannedVsActual,
    /// The four quarters ending with the one holding the period's first day, oldest first.
    pub trend: Vec<TrendPoint>,
    /// The tables, each by date then key.
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
    /// The next quarter (quarterly report), the next month (monthly report), or the same
    /// number of days after a range.
    pub roadmap: Roadmap,
    /// How these figures are counted.
    pub definitions: Vec<Definition>,
    /// What could not be counted, one sentence each.
    pub diagnostics: Vec<String>,
}

/// The KPI report of `period`.
pub fn kpi_report(doc: &Portfolio, period: &Period) -> KpiReport {
    let idx = Index::new(doc);
    let m = measure::measure(&idx, period);
    let trend = period
        .previous_quarters(4)
        .into_iter()
        .map(|q| {
            let headline = measure::measure(&idx, &q).headline;
            TrendPoint { period: q, headline }
        })
        .collect();
    let mut diagnostics = m.diagnostics;
    if idx.orphan_events > 0 {
        diagnostics.push(format!(
            "{} event{} about releases the plan does not hold {} not counted.",
            idx.orphan_events,
            if idx.orphan_events == 1 { "" } else { "s" },
            if idx.orphan_events == 1 { "is" } else { "are" }
        ));
    }
    KpiReport {
        plan: doc.name.clone(),
        period: period.clone(),
        headline: m.headline,
        incidents_by_priority: m.incidents_by_priority,
        incidents_by_kind: m.incidents_by_kind,
        time_to_implement: m.time_to_implement,
        volume: m.volume,
        planned_vs_actual: m.planned_vs_actual,
        trend,
        implemented: m.implemented,
        late: m.late,
        failed: m.failed,
        backed_out: m.backed_out,
        cancelled: m.cancelled,
        emergency: m.emergency,
        without_rfc: m.without_rfc,
        not_tested: m.not_tested,
        without_assurance: m.without_assurance,
        incidents: m.incidents,
        roadmap: roadmap(&idx, &period.next()),
        definitions: definitions(&idx.policy),
        diagnostics,
    }
}

/// The releases the current plan deploys in `period`, by date then key; cancelled and rejected
/// releases are left out.
fn roadmap(idx: &Index<'_>, period: &Period) -> Roadmap {
    let mut rows: Vec<RoadmapRow> = idx
        .doc
        .releases
        .iter()
        .filter(|r| !matches!(r.status, ReleaseStatus::Cancelled | ReleaseStatus::ClosedRejected))
        .filter_map(|r| {
            let planned = idx.planned_deployment(r)?.date;
            period.contains(planned).then(|| RoadmapRow {
                release: idx.line(r),
                kind_label: r.kind.label().into(),
                risk: r.risk,
                risk_label: r.risk.label().into(),
                planned,
                window: r.window,
                window_label: window_label(r.window.as_ref()),
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.planned, &a.release.key).cmp(&(b.planned, &b.release.key)));
    Roadmap { period: period.clone(), rows }
}

/// How every figure is counted under `policy`, in the words the report prints.
pub fn definitions(policy: &Policy) -> Vec<Definition> {
    let mut tests: Vec<&str> = policy.required_tests.iter().map(|t| t.label()).collect();
    tests.push("Backout");
    let tests = tests.join(", ");
    vec![
        definition(
            "Dates and evidence",
            "An event counts on its UTC date. Revoked decisions and evidence never count. The \
             period includes its first and last day.",
        ),
        definition(
            "Implemented",
            "A release whose latest successful deployment falls in the period (each release \
             counts once, in the period of its latest successful deployment).",
        ),
        definition(
            "Implemented late",
            "Implemented after its planned deployment date: the Deployment milestone's planned end \
             in the oldest baseline that has it; without one, in the current plan; without a \
             Deployment milestone, the last day of the deployment window.",
        ),
        definition("Failed", "A release with a failed deployment recorded in the period."),
        definition(
            "Backed out",
            "A release with a back-out recorded in the period. Back-out plan used = backed-out \
             releases ÷ releases with a deployment attempt in the period. Back-out plan failed = \
             failed back-outs ÷ back-outs in the period.",
        ),
        definition(
            "Cancelled",
            "A release moved to Cancelled in the period, with the stage it left and the reason given.",
        ),
        definition("Urgent / emergency", "Implemented releases of kind Emergency, or approved by the emergency CAB."),
        definition("Without an RFC", "Implemented releases with no RFC linked."),
        definition(
            "Not adequately tested",
            &format!(
                "Implemented while a test the policy requires ({tests}) had not passed: its latest \
                 result recorded since the release last moved into Build, and before the \
                 deployment, is missing or a failure (the rule the authorization gate applies); or \
                 implemented after a move to authorization that overrode a test condition."
            ),
        ),
        definition(
            "Without operational assurance",
            "Implemented while the latest operational readiness test since the release last moved \
             into Build, and before the deployment, is missing or a failure.",
        ),
        definition(
            "Incidents caused by releases",
            "Incidents recorded as caused by the release and opened in the period, by priority.",
        ),
        definition(
            "Time to implement",
            "Days from the release's first recorded event (usually its move to Planned) to its \
             successful deployment, for releases implemented in the period, by kind: average, \
             best (shortest) and worst (longest).",
        ),
        definition(
            "Planned vs actual",
            "Releases the current plan deploys in the period (Deployment milestone's planned end, \
             else the window's last day) against those implemented in it.",
        ),
        definition(
            "Change failure rate (DORA)",
            "Deployment attempts in the period that failed, or succeeded and were followed — \
             before the release's next attempt and by the end of the period or within 30 days, \
             whichever is later — by a P1/P2 incident caused by the release, a failed \
             post-deployment verification or a back-out; divided by all deployment attempts in \
             the period.",
        ),
        definition(
            "Lead time for changes (DORA)",
            "For releases implemented in the period: the median number of days from the \
             release's first move into Build to its successful deployment.",
        ),
        definition(
            "Next period's roadmap",
            "Releases the current plan deploys in the next quarter (quarterly report), the next \
             month (monthly report) or the same number of days after the period; cancelled \
             releases and releases closed as rejected are left out.",
        ),
        definition(
            "Trend",
            "The same figures for each of the four quarters ending with the quarter that holds \
             the first day of the period.",
        ),
    ]
}

/// The median of whole-day counts.
fn median(mut days: Vec<i64>) -> Option<f64> {
    days.sort_unstable();
    let n = days.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(days[n / 2] as f64),
        _ => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(super::median(vec![]), None);
        assert_eq!(super::median(vec![5, 1, 3]), Some(3.0));
        assert_eq!(super::median(vec![4, 1, 10, 2]), Some(3.0));
    }
}
