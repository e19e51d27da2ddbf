//! The roadmap's layout and the links implied by configuration items: which links are direct,
//! which the roadmap draws (and to which milestones), and that they stay apart from the plan's own
//! dependency arrows.

mod common;

use common::{d, release_with_cis};
use runway_domain::roadmap::{CiArrow, layout};
use runway_domain::schedule::{CiDependency, CiLink, DepKind, Dependency, Endpoint, analyse, ci_implied, ci_links};
use runway_domain::{MilestoneKind as K, Release};

/// A release changing `cis` with a build phase before and a one-day deployment on `day`.
fn deploying(key: &str, cis: &[&str], day: &str) -> Release {
    let build_start = (d(day) - chrono::Duration::days(10)).to_string();
    let build_end = (d(day) - chrono::Duration::days(1)).to_string();
    release_with_cis(key, cis, Some(day), &[(K::Build, &build_start, &build_end), (K::Deployment, day, day)])
}

fn depends(ci: &str, on: &str) -> CiDependency {
    CiDependency { ci: ci.into(), depends_on: on.into() }
}

fn link(up: &str, down: &str, ci: &str, on: &str) -> CiLink {
    CiLink { upstream: up.into(), downstream: down.into(), ci: ci.into(), depends_on: on.into() }
}

#[test]
fn each_release_is_linked_to_the_latest_release_it_depends_on_through_a_ci() {
    // db releases on 1 and 10 March; app releases on 1 Feb, 5 and 20 March; DBAPP changes both on
    // 15 March. The app depends on the database.
    let releases = [
        deploying("DB1", &["db"], "2027-03-01"),
        deploying("DB2", &["db"], "2027-03-10"),
        deploying("APP0", &["app"], "2027-02-01"),
        deploying("APP1", &["app"], "2027-03-05"),
        deploying("APP2", &["app"], "2027-03-20"),
        deploying("DBAPP", &["db", "app"], "2027-03-15"),
    ];
    let ci = [depends("app", "db")];
    // Every pair: each app release after each db release (APP0 precedes them all; DBAPP is not
    // its own predecessor).
    let all: Vec<(String, String)> = ci_implied(&releases, &ci).into_iter().map(|(u, d, _)| (u, d)).collect();
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(u, d)| ((*u).to_owned(), (*d).to_owned())).collect::<Vec<_>>();
    assert_eq!(
        all,
        pairs(&[
            ("DB1", "APP1"),
            ("DB1", "APP2"),
            ("DB1", "DBAPP"),
            ("DB2", "APP2"),
            ("DB2", "DBAPP"),
            ("DBAPP", "APP2"),
        ])
    );
    // The direct links: APP1 ← DB1 (the only db release before 5 March), DBAPP ← DB2 (10 March,
    // DBAPP's own change aside), APP2 ← DBAPP (15 March, the latest before the 20th).
    assert_eq!(
        ci_links(&releases, &ci),
        vec![link("DB1", "APP1", "app", "db"), link("DB2", "DBAPP", "app", "db"), link("DBAPP", "APP2", "app", "db")]
    );
    assert_eq!(ci_links(&releases, &[]), vec![]);
}

#[test]
fn upstream_releases_on_the_same_day_are_all_linked_and_releases_without_a_window_never() {
    let releases = [
        deploying("K1", &["keycloak"], "2027-04-01"),
        deploying("K2", &["keycloak"], "2027-04-01"),
        deploying("P1", &["portal"], "2027-04-08"),
        release_with_cis("P0", &["portal"], None, &[(K::Build, "2027-04-01", "2027-04-30")]),
        release_with_cis("K0", &["keycloak"], None, &[(K::Build, "2027-03-01", "2027-03-30")]),
    ];
    let links = ci_links(&releases, &[depends("portal", "keycloak")]);
    assert_eq!(links, vec![link("K1", "P1", "portal", "keycloak"), link("K2", "P1", "portal", "keycloak")]);
    assert_eq!(links[0].reason(), "portal depends on keycloak");
}

fn arrow(l: &runway_domain::roadmap::Layout, up: &str, down: &str) -> Option<CiArrow> {
    let row = |k: &str| l.rows.iter().find(|r| r.key == k).map(|r| r.index);
    let (u, d) = (row(up)?, row(down)?);
    l.ci_arrows.iter().find(|a| a.from_row == u && a.to_row == d).cloned()
}

#[test]
fn the_roadmap_draws_the_implied_links_that_still_matter_deployment_to_deployment() {
    let today = d("2027-03-12");
    let releases = [
        // Both deployed before today: history, not drawn.
        deploying("OLD-DB", &["db"], "2027-01-10"),
        deploying("OLD-APP", &["app"], "2027-01-20"),
        // Deployed before today, but its successor is still to come: drawn.
        deploying("DB1", &["db", "cache"], "2027-03-01"),
        deploying("APP1", &["app", "web"], "2027-03-20"),
        // Already joined by a dependency of the plan in the same direction: drawn once, as that.
        deploying("DB2", &["db"], "2027-04-01"),
        deploying("APP2", &["app"], "2027-04-10"),
        // No deployment milestone: the link ends on the milestone running on the window's day.
        release_with_cis(
            "APP3",
            &["app"],
            Some("2027-05-05"),
            &[(K::Build, "2027-04-20", "2027-04-30"), (K::Test, "2027-05-01", "2027-05-09")],
        ),
    ];
    let deps = [Dependency {
        from: Endpoint { release: "DB2".into(), milestone: Some(K::Deployment) },
        to: Endpoint { release: "APP2".into(), milestone: Some(K::Build) },
        kind: DepKind::FinishToStart,
        lag_days: 0,
    }];
    let ci = [depends("app", "db"), depends("web", "cache")];
    let l = layout(&[], &releases, &deps, &ci, &analyse(&releases, &deps), None, today);

    assert!(arrow(&l, "OLD-DB", "OLD-APP").is_none(), "a link between two past deployments is history");
    assert!(arrow(&l, "DB2", "APP2").is_none(), "the plan's own dependency already draws DB2 → APP2");

    // DB1 → APP1 for two reasons, one arrow, deployment to deployment.
    let a = arrow(&l, "DB1", "APP1").expect("DB1 → APP1");
    assert_eq!((a.from_kind, a.to_kind), (K::Deployment, K::Deployment));
    assert_eq!(a.reasons, vec!["app depends on db".to_owned(), "web depends on cache".to_owned()]);

    // DB2 → APP3: APP3 has no deployment milestone; its window (5 May) falls in its test phase.
    let a = arrow(&l, "DB2", "APP3").expect("DB2 → APP3");
    assert_eq!((a.from_kind, a.to_kind), (K::Deployment, K::Test));

    assert_eq!(l.ci_arrows.len(), 2, "{:?}", l.ci_arrows);
    // The plan's dependency arrows are only the plan's.
    assert_eq!(l.arrows.len(), 1);
    assert_eq!(l.rows[l.arrows[0].from_row as usize].key, "DB2");
    // Without CI dependencies there is nothing implied.
    assert!(layout(&[], &releases, &deps, &[], &analyse(&releases, &deps), None, today).ci_arrows.is_empty());
}
