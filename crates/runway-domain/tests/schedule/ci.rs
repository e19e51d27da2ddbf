//! CI dependencies.

use super::*;

// ---------------------------------------------------------------------------------------------
// CI dependencies.
// ---------------------------------------------------------------------------------------------

#[test]
fn ci_dependencies_imply_release_dependencies_in_deployment_order() {
    let with = |key: &str, ci: &str, day: &str| release_with_cis(key, &[ci], Some(day), &[]);
    let releases =
        [with("DB1", "db", "2027-03-01"), with("APP1", "app", "2027-03-05"), with("APP0", "app", "2027-02-01")];
    let ci = [CiDependency { ci: "app".into(), depends_on: "db".into() }];
    // Only the app release deploying after the database one depends on it.
    assert_eq!(ci_implied(&releases, &ci), vec![("DB1".into(), "APP1".into(), "app depends on db".into())]);
    assert_eq!(ci_implied(&releases, &[]), vec![]);
}
