//! Dependencies between configuration items, and the release-to-release links they imply: a
//! release changing CI A is upstream of the releases that change a CI depending on A and deploy
//! no earlier than it. Releases are ordered by the start of their deployment window; a release
//! without a window is in no implied link.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Release;

/// A configuration item that depends on another: releases changing `depends_on` are upstream of
/// releases changing `ci`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CiDependency {
    pub ci: String,
    pub depends_on: String,
}

/// A link between two releases implied by a CI dependency: `upstream` changes `depends_on`,
/// `downstream` changes `ci` (which depends on it) and deploys no earlier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct CiLink {
    pub upstream: String,
    pub downstream: String,
    pub ci: String,
    pub depends_on: String,
}

impl CiLink {
    /// "portal-web depends on iam-keycloak".
    pub fn reason(&self) -> String {
        format!("{} depends on {}", self.ci, self.depends_on)
    }
}

/// The releases changing each CI (by index), with their window start, soonest first.
fn changes(releases: &[Release]) -> BTreeMap<&str, Vec<(NaiveDateTime, usize)>> {
    let mut out: BTreeMap<&str, Vec<(NaiveDateTime, usize)>> = BTreeMap::new();
    for (i, r) in releases.iter().enumerate() {
        let Some(w) = r.window else { continue };
        for line in &r.cis {
            out.entry(line.ci.as_str()).or_default().push((w.start, i));
        }
    }
    for list in out.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    out
}

/// Every release-to-release dependency implied by the CI dependencies, as (upstream, downstream,
/// reason): each pair of a release changing `depends_on` and a release changing `ci` that deploys
/// no earlier.
pub fn ci_implied(releases: &[Release], ci_deps: &[CiDependency]) -> Vec<(String, String, String)> {
    let changes = changes(releases);
    let mut out = vec![];
    for d in ci_deps {
        let (Some(ups), Some(downs)) = (changes.get(d.depends_on.as_str()), changes.get(d.ci.as_str())) else {
            continue;
        };
        for &(down_at, down) in downs {
            for &(_, up) in ups.iter().take_while(|(at, _)| *at <= down_at) {
                let (up, down) = (&releases[up].key, &releases[down].key);
                if up != down {
                    out.push((up.clone(), down.clone(), format!("{} depends on {}", d.ci, d.depends_on)));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The direct links among [`ci_implied`]'s: each downstream release is linked, per CI dependency,
/// only to the latest upstream release(s) deploying no later than it. The earlier upstream
/// releases deployed before that one, so their link follows from the order of deployments; the
/// full relation would join every pair (tens of thousands of links in a large plan) where these
/// are one per downstream release and CI dependency — what a person can read on a roadmap.
/// Sorted by upstream, downstream, CI, and without repeats.
pub fn ci_links(releases: &[Release], ci_deps: &[CiDependency]) -> Vec<CiLink> {
    let mut out: Vec<CiLink> = direct_links(releases, ci_deps)
        .into_iter()
        .map(|(up, down, d)| CiLink {
            upstream: releases[up].key.clone(),
            downstream: releases[down].key.clone(),
            ci: ci_deps[d].ci.clone(),
            depends_on: ci_deps[d].depends_on.clone(),
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// [`ci_links`] as indexes (upstream and downstream into `releases`, the CI dependency into
/// `ci_deps`), unsorted and with any repeats: nothing is allocated per link, for callers that keep
/// only a few. The order is fixed by the inputs (CI dependencies in their order, then downstream
/// releases by deployment).
pub(crate) fn direct_links(releases: &[Release], ci_deps: &[CiDependency]) -> Vec<(usize, usize, usize)> {
    let changes = changes(releases);
    let mut out = vec![];
    for (i, d) in ci_deps.iter().enumerate() {
        let (Some(ups), Some(downs)) = (changes.get(d.depends_on.as_str()), changes.get(d.ci.as_str())) else {
            continue;
        };
        for &(down_at, down) in downs {
            // The upstream releases deploying no later than this one, latest first; itself aside.
            let mut latest = None;
            for &(at, up) in ups[..ups.partition_point(|(at, _)| *at <= down_at)].iter().rev() {
                if releases[up].key == releases[down].key {
                    continue;
                }
                if *latest.get_or_insert(at) != at {
                    break;
                }
                out.push((up, down, i));
            }
        }
    }
    out
}
