//! CI dependencies.

use super::*;

// ---------------------------------------------------------------------------------------------
// CI dependencies.
// ---------------------------------------------------------------------------------------------

#[test]
fn ci_dependencies_imply_release_dependencies_in_deployment_order() {
    let with = |key: &str, ci: &str, day: &str| {
        let mut r = release(key, &[]);
        r.cis = vec![CiVersion { ci: ci.into(), version: "1".into() }];
        let start = d(day).and_hms_opt(20, 0, 0).unwrap();
        r.window = Some(Window { start, end: start + Duration::hours(2) });
        r
    };
    let releases =
        [with("DB1", "db", "2027-03-01"), with("APP1", "app", "2027-03-05"), with("APP0", "app", "2027-02-01")];
    let ci = [CiDependency { ci: "app".into(), depends_on: "db".into() }];
    // Only the app release deploying after the database one depends on it.
    assert_eq!(ci_implied(&releases, &ci), vec![("DB1".into(), "APP1".into(), "app depends on db".into())]);
    assert_eq!(ci_implied(&releases, &[]), vec![]);
}
