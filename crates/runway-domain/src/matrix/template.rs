//! The default matrix, from seed 003: its process roles (with the sponsor who signs, the SVP of
//! its Process Resources table) and the release's key activities in the seed's own words.

use super::{Activity, Cell, Code, Matrix, RoleDef};

/// The activity whose S (or, without an S, A) signs the authorization to deploy.
pub const ACTIVITY_AUTHORIZE: &str = "authorize";
/// The activity whose A records the CAB's decision.
pub const ACTIVITY_CAB: &str = "cab";
/// The deployment: whose R, C and I are told when a release deploys.
pub const ACTIVITY_DEPLOY: &str = "deploy";
/// Activities the gates look up by key: they can be renamed but not removed.
pub const FIXED_ACTIVITIES: &[&str] = &[ACTIVITY_CAB, ACTIVITY_AUTHORIZE];
/// Roles a release's record holds (its owner and its manager): renamed but not removed.
pub const FIXED_ROLES: &[&str] = &["release_owner", "release_manager"];

const ROLES: &[(&str, &str)] = &[
    ("sponsor", "Sponsor (SVP)"),
    ("process_owner", "Release Management Process Owner"),
    ("release_manager", "Release Manager"),
    ("test_manager", "Test Manager"),
    ("release_owner", "Release Owner"),
    ("change_manager", "Change Manager / CAB"),
    ("deployment_staff", "Deployment staff"),
    ("early_life_support", "Early life support staff"),
    ("environment_staff", "Build & test environment staff"),
];

/// Activity key, name, description, then the codes in the order of `ROLES`.
type Row = (&'static str, &'static str, &'static str, [&'static str; 9]);

const ACTIVITIES: &[Row] = &[
    (
        "plan",
        "Conduct release planning",
        "Create release units; develop the release strategy and implementation plans; prepare for releases.",
        ["I", "C", "A", "C", "R", "I", "C", "", "C"],
    ),
    (
        "build",
        "Coordinate design, building and configuring of releases",
        "Design, build and package the release units; publish the build plan; procure components.",
        ["", "I", "A", "C", "I", "", "C", "", "R"],
    ),
    (
        "test",
        "Conduct release testing",
        "Installation, functional, performance, integration, user acceptance, operational readiness and backout tests.",
        ["", "", "C", "A", "C", "I", "I", "", "R"],
    ),
    (
        ACTIVITY_CAB,
        "Coordinate release acceptance (CAB approval)",
        "Obtain the review and approval of Change Management for the release to go into production.",
        ["I", "I", "R", "C", "C", "A", "", "", ""],
    ),
    (
        ACTIVITY_AUTHORIZE,
        "Authorize deployment",
        "Sign off the release into production once its tests have passed and its backout is tested.",
        ["S", "I", "R", "C", "C", "A", "I", "", ""],
    ),
    (
        ACTIVITY_DEPLOY,
        "Coordinate distribution and installation of releases",
        "Deploy the release in its window, following the rollout plan; back it out if it fails.",
        ["", "", "A", "I", "I", "I", "R", "I", "C"],
    ),
    (
        "verify",
        "Verify the release",
        "Verify that the release has been implemented successfully; post-release testing.",
        ["", "", "A", "C", "R", "I", "C", "I", ""],
    ),
    (
        "early_life_support",
        "Early life support",
        "Support the release in its first days in production; hand over to operations.",
        ["", "", "A", "", "I", "I", "C", "R", ""],
    ),
    (
        "review",
        "Post-implementation review and closure",
        "Review the release after implementation, record lessons and close it.",
        ["I", "A", "R", "C", "C", "C", "", "C", ""],
    ),
];

/// The matrix a new plan starts with.
pub fn template() -> Matrix {
    let roles: Vec<RoleDef> = ROLES.iter().map(|(k, n)| RoleDef { key: (*k).into(), name: (*n).into() }).collect();
    let mut cells = vec![];
    let mut activities = vec![];
    for (key, name, description, codes) in ACTIVITIES {
        activities.push(Activity { key: (*key).into(), name: (*name).into(), description: (*description).into() });
        for (role, code) in roles.iter().zip(codes) {
            if let Some(code) = Code::parse(code) {
                cells.push(Cell { activity: (*key).into(), role: role.key.clone(), code });
            }
        }
    }
    Matrix { roles, activities, cells }
}
