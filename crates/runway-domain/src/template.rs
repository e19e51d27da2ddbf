//! The milestone template a new release starts from, by kind (D4): laid out backwards from the
//! deployment window, with the dependencies that chain its phases. The user adjusts both.

use crate::model::{Milestone, MilestoneKind as K, ReleaseKind, Window};
use crate::schedule::{DepKind, Dependency, Endpoint};

/// The phases of a release of `kind` deploying in `window`, planned dates only.
pub fn milestones(kind: ReleaseKind, window: &Window) -> Vec<Milestone> {
    let w = window.start.date();
    // A window the form accepted (years 1 to 9999) leaves room either side; at chrono's ends a
    // phase is held at the window's day rather than overflowing.
    let d = |n: i64| crate::dates::add_days(w, n).unwrap_or(w);
    let plan: Vec<(K, chrono::NaiveDate, chrono::NaiveDate)> = match kind {
        ReleaseKind::Emergency => vec![
            (K::Cab, d(-1), d(-1)),
            (K::Build, d(-1), d(-1)),
            (K::Test, d(-1), d(0)),
            (K::Deployment, d(0), d(0)),
            (K::EarlyLifeSupport, d(1), d(7)),
            (K::Closure, d(8), d(9)),
        ],
        _ => {
            let s: i64 = match kind {
                ReleaseKind::Major => 3,
                ReleaseKind::Minor => 2,
                _ => 1,
            };
            vec![
                (K::Planning, d(-30 - 15 * s), d(-21 - 10 * s)),
                (K::Cab, d(-28 - 2 * s), d(-28 - 2 * s)),
                (K::Build, d(-20 - 10 * s), d(-8 - 3 * s)),
                (K::Test, d(-7 - 3 * s), d(-2)),
                (K::Deployment, d(0), d(0)),
                (K::EarlyLifeSupport, d(1), d(7 * s)),
                (K::Closure, d(7 * s + 1), d(7 * s + 3)),
            ]
        }
    };
    plan.into_iter()
        .map(|(kind, start, end)| Milestone {
            kind,
            planned_start: start,
            planned_end: end,
            actual_start: None,
            actual_end: None,
        })
        .collect()
}

/// The dependencies that chain a release's phases: planning before build before test before
/// deployment, the CAB before deployment, deployment before early life support before closure.
/// An emergency's phases overlap (build and test on the eve of the deployment).
pub fn dependencies(release: &str, kind: ReleaseKind) -> Vec<Dependency> {
    let at = |m: K| Endpoint { release: release.to_owned(), milestone: Some(m) };
    let dep = |a: K, b: K, kind: DepKind| Dependency { from: at(a), to: at(b), kind, lag_days: 0 };
    let fs = DepKind::FinishToStart;
    match kind {
        ReleaseKind::Emergency => vec![
            dep(K::Cab, K::Build, DepKind::StartToStart),
            dep(K::Build, K::Test, DepKind::StartToStart),
            dep(K::Test, K::Deployment, DepKind::FinishToFinish),
            dep(K::Deployment, K::EarlyLifeSupport, fs),
            dep(K::EarlyLifeSupport, K::Closure, fs),
        ],
        _ => vec![
            dep(K::Planning, K::Build, fs),
            dep(K::Build, K::Test, fs),
            dep(K::Test, K::Deployment, fs),
            dep(K::Cab, K::Deployment, fs),
            dep(K::Deployment, K::EarlyLifeSupport, fs),
            dep(K::EarlyLifeSupport, K::Closure, fs),
        ],
    }
}
