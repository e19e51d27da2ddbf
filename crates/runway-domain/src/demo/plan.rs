//! What the demo adds across releases: the dependencies between them, the plan of record (a
//! baseline some deployed releases missed), and a release in every stage of the lifecycle.

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{MilestoneKind, Release, ReleaseKind, ReleaseStatus};

/// The plan of record as it stood at the start of the previous quarter: every release then in the
/// forward plan. About one in four of those deployed since slipped after it was taken (their
/// baseline dates are 3 to 14 days earlier than the plan now), so the roadmap's baseline overlay
/// and the reports have late releases to show. Chosen by key, not from the random stream, so the
/// rest of the demo does not change with it.
pub(super) fn plan_of_record(
    releases: &[Release],
    quarter_start: NaiveDate,
    today: NaiveDate,
) -> crate::baseline::Baseline {
    let taken = quarter_start.checked_sub_months(chrono::Months::new(3)).unwrap_or(quarter_start);
    let mut plan: Vec<Release> =
        releases.iter().filter(|r| r.window.is_some_and(|w| w.start.date() >= taken)).cloned().collect();
    for r in &mut plan {
        let h = r.key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        let deployed = r.window.is_some_and(|w| w.start.date() < today);
        if deployed && h % 4 == 0 {
            let earlier = Duration::days(3 + (h / 4 % 12) as i64);
            for m in &mut r.milestones {
                m.planned_start -= earlier;
                m.planned_end -= earlier;
            }
        }
    }
    let q = crate::report::period::quarter_number(taken);
    let at = taken.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc();
    crate::baseline::take(&format!("Plan of record {} Q{q}", taken.year()), at, &plan)
}

/// The template's phase chain for every release, and between applications: every fifth release's
/// deployment waits for the deployment before it of another application (an API the other one
/// uses), one to three days later. A few of these are planned too close: violations to see.
pub(super) fn dependencies(releases: &[Release]) -> Vec<crate::schedule::Dependency> {
    use crate::schedule::{DepKind, Dependency, Endpoint};
    let mut out: Vec<Dependency> =
        releases.iter().flat_map(|r| crate::template::dependencies(&r.key, r.kind)).collect();
    let mut order: Vec<usize> = (0..releases.len()).filter(|&i| releases[i].window.is_some()).collect();
    order.sort_by_key(|&i| (releases[i].window.map(|w| w.start), i));
    let deployment =
        |i: usize| Endpoint { release: releases[i].key.clone(), milestone: Some(MilestoneKind::Deployment) };
    let mut made = 0;
    for (n, &i) in order.iter().enumerate() {
        if n % 5 != 2 {
            continue;
        }
        let app = releases[i].applications.first();
        let Some(&j) = order[..n].iter().rev().find(|&&j| releases[j].applications.first() != app) else { continue };
        let gap = (releases[i].window.map(|w| w.start.date()).unwrap_or_default()
            - releases[j].window.map(|w| w.end.date()).unwrap_or_default())
        .num_days();
        made += 1;
        // Every fourth one asks for more days than the plan leaves.
        let lag = if made % 4 == 0 { gap as i32 + 2 } else { (gap as i32 - 1).clamp(0, 3) };
        out.push(Dependency { from: deployment(j), to: deployment(i), kind: DepKind::FinishToStart, lag_days: lag });
    }
    out
}

/// Makes sure the demo shows every stage of the lifecycle: for each stage no release is in, the
/// release whose window best suits that stage (taken from a stage that has others) moves there.
pub(super) fn show_every_stage(releases: &mut [Release], today: NaiveDate) {
    use ReleaseStatus as S;
    // The ideal distance of the window from today, in days, for a release in each stage.
    let ideal = |s: S| -> i64 {
        match s {
            S::Draft => 150,
            S::Planned => 90,
            S::SubmittedToCab => 50,
            S::Rejected => 45,
            S::Approved => 35,
            S::Build => 25,
            S::Test => 14,
            S::TestFailed => 12,
            S::AwaitingAuthorization => 6,
            S::NotAuthorized => 5,
            S::Authorized => 3,
            S::Deploying => 0,
            S::Deployed => -2,
            S::DeploymentFailed => -3,
            S::Verified => -5,
            S::BackedOut => -8,
            S::EarlyLifeSupport => -14,
            S::Closed => -60,
            S::ClosedFailed => -50,
            S::ClosedRejected => -40,
            S::Cancelled => -70,
        }
    };
    let days = |r: &Release| r.window.map_or(i64::MAX / 4, |w| (w.start.date() - today).num_days());
    for &stage in S::ALL {
        let count = |st: S, rs: &[Release]| rs.iter().filter(|r| r.status == st).count();
        if count(stage, releases) > 0 {
            continue;
        }
        let pick = (0..releases.len())
            .filter(|&i| count(releases[i].status, releases) >= 2 && releases[i].kind != ReleaseKind::Emergency)
            // A stage near today only takes a release whose window is near where it would be.
            .filter(|&i| ideal(stage).abs() > 30 || (days(&releases[i]) - ideal(stage)).abs() <= 21)
            .min_by_key(|&i| ((days(&releases[i]) - ideal(stage)).abs(), i));
        if let Some(i) = pick {
            releases[i].status = stage;
        }
    }
}
