//! Plans written by the real older Runways (`tests/fixtures/plans/`, whose README says which commit
//! and which commands wrote each) open in this one: upgraded to the latest schema after a backup of
//! the old file beside it, sound by `verify`, their data intact, and not backed up again on reopen.
//! The figures asserted here are listed in that README.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use runway_core::Planner;
use runway_core::store::{LATEST_VERSION, read_header};
use runway_domain::lifecycle::Gate;
use runway_domain::schedule::{DepKind, Dependency, Endpoint};
use runway_domain::{CabDecision, EventKind, MilestoneKind as K, Policy, ReleaseStatus as S};
use rusqlite::{Connection, OpenFlags};

const WHO: &str = "Upgrade test <t@example.com>";

/// A copy of the fixture plan of `version` in a temporary folder.
fn fixture(version: u32) -> (tempfile::TempDir, PathBuf) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fixtures/plans/v{version}.runway"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("v{version}.runway"));
    std::fs::copy(&src, &path).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    (dir, path)
}

/// The backups in the plan's folder.
fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "bak"))
        .collect();
    found.sort();
    found
}

/// Reads a file without changing it (never through the Planner, which would migrate it).
fn read_only(path: &Path) -> Connection {
    let uri = format!("file:{}?immutable=1", path.display());
    Connection::open_with_flags(uri, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI).unwrap()
}

fn count(conn: &Connection, table: &str) -> usize {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

/// What the old file holds, so the backup can be checked against it.
struct Expected {
    version: u32,
    releases: usize,
    audit_entries: usize,
}

/// Opens the fixture of `e.version` as its owner and checks the upgrade itself: the old header
/// before, the latest schema after, the backup of the old file (when there was anything to
/// migrate), `verify` passing, and the audit log as long as it was.
fn upgrade(e: &Expected) -> (tempfile::TempDir, PathBuf, Planner) {
    let (dir, path) = fixture(e.version);
    assert_eq!(read_header(&path).unwrap().user_version, e.version, "the fixture is of schema {}", e.version);

    let p = Planner::open(&path, WHO).unwrap_or_else(|err| panic!("schema {} plan: {err}", e.version));
    let info = p.info().unwrap();
    assert_eq!(info.schema_version, LATEST_VERSION);
    assert_eq!(info.releases as usize, e.releases);

    let found = backups(dir.path());
    if e.version < LATEST_VERSION {
        let backup = PathBuf::from(format!("{}.schema-{}.bak", path.display(), e.version));
        assert_eq!(found, vec![backup.clone()], "one backup, of the schema the plan had");
        assert_eq!(read_header(&backup).unwrap().user_version, e.version);
        let old = read_only(&backup);
        assert_eq!(count(&old, "release"), e.releases, "the backup holds the old plan");
        assert_eq!(count(&old, "audit"), e.audit_entries);
    } else {
        assert!(found.is_empty(), "a plan of the latest schema is not backed up: {found:?}");
    }

    let report = p.verify().unwrap();
    assert!(report.ok(), "verify after the upgrade: {:?}", report.first_failure());
    let chain = report.checks.iter().find(|c| c.name == "audit chain").unwrap();
    assert!(chain.detail.starts_with(&format!("{} entries intact", e.audit_entries)), "{}", chain.detail);
    assert_eq!(p.audit_log(None, 100_000).unwrap().len(), e.audit_entries, "the upgrade itself is not an edit");
    (dir, path, p)
}

/// Opening the upgraded plan again changes nothing about its backups.
fn reopen_makes_no_backup(dir: &Path, path: &Path, p: Planner) {
    let before = backups(dir);
    drop(p);
    assert_eq!(read_header(path).unwrap().user_version, LATEST_VERSION, "the new version is in the file's header");
    let p = Planner::open(path, WHO).unwrap();
    assert_eq!(p.info().unwrap().schema_version, LATEST_VERSION);
    assert!(p.verify().unwrap().ok());
    drop(p);
    assert_eq!(backups(dir), before, "no second backup");
}

fn events_per_release(p: &Planner) -> BTreeMap<String, usize> {
    p.list_releases().unwrap().into_iter().map(|r| (r.key.clone(), p.lifecycle(&r.key).unwrap().events.len())).collect()
}

fn at(release: &str, kind: K) -> Endpoint {
    Endpoint { release: release.to_owned(), milestone: Some(kind) }
}

fn whole(release: &str) -> Endpoint {
    Endpoint { release: release.to_owned(), milestone: None }
}

#[test]
fn a_schema_1_plan_is_upgraded_with_a_backup_and_keeps_its_releases_people_and_rfcs() {
    let (dir, path, p) = upgrade(&Expected { version: 1, releases: 13, audit_entries: 80 });

    let added = p.release("REL-2027.07.01").unwrap();
    assert_eq!(added.release.title, "Zoë’s fixture release — Straße, 東京 and “quotes”");
    assert_eq!(added.release.status, S::Draft);
    assert_eq!(added.release.milestones.len(), 7);
    assert_eq!(added.linked_rfcs.len(), 1);
    assert_eq!(added.linked_rfcs[0].key, "RFC-9001");
    assert_eq!(added.linked_rfcs[0].title, "Fixture RFC — schema 1");
    let emergency = p.release("EMR-2026.10.01").unwrap().release;
    assert_eq!(emergency.title, "Data Platform 5.0.1 — emergency fix: data quality rules for customer master");
    assert_eq!(emergency.status, S::ClosedFailed);
    assert_eq!(p.release("REL-2026.11.01").unwrap().release.status, S::AwaitingAuthorization);
    let milestones: usize =
        p.list_releases().unwrap().iter().map(|r| p.release(&r.key).unwrap().release.milestones.len()).sum();
    assert_eq!(milestones, 90);

    let catalog = p.catalog().unwrap();
    assert_eq!(catalog.people.len(), 17);
    let aiko = catalog.people.iter().find(|x| x.email == "aiko.tanaka@example.com").unwrap();
    assert_eq!(aiko.organisation, "Finance IT (moved)", "the import's update of a person survived");
    assert_eq!(p.export().unwrap().rfcs.len(), 16);

    // Schema 1 had no lifecycle: every release starts with no events, under the default policy,
    // and can be assessed where it stands.
    assert!(events_per_release(&p).values().all(|n| *n == 0));
    assert_eq!(p.policy().unwrap(), Policy::default());
    assert_eq!(p.status().unwrap().len(), 13);
    assert!(p.dependencies().unwrap().is_empty());
    assert!(p.baselines().unwrap().is_empty());

    reopen_makes_no_backup(dir.path(), &path, p);
}

#[test]
fn a_schema_2_plan_is_upgraded_with_a_backup_and_keeps_its_decisions_evidence_and_policy() {
    let (dir, path, p) = upgrade(&Expected { version: 2, releases: 12, audit_entries: 239 });
    let backup = read_only(&PathBuf::from(format!("{}.schema-2.bak", path.display())));
    assert_eq!(count(&backup, "event"), 161);

    let per_release = events_per_release(&p);
    let expected: BTreeMap<String, usize> = [
        ("EMR-2026.11.01", 28),
        ("REL-2026.04.01", 26),
        ("REL-2026.07.01", 24),
        ("REL-2026.08.01", 21),
        ("REL-2026.11.01", 25),
        ("REL-2026.12.01", 4),
        ("REL-2026.12.02", 4),
        ("REL-2026.12.03", 4),
        ("REL-2026.12.04", 6),
        ("REL-2027.02.01", 17),
        ("REL-2027.03.01", 1),
        ("REL-2027.05.01", 1),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_owned(), n))
    .collect();
    assert_eq!(per_release, expected);
    assert_eq!(per_release.values().sum::<usize>(), 161);

    // The edits made with the schema 2 CLI.
    let status = |key: &str| p.release(key).unwrap().release.status;
    assert_eq!(status("EMR-2026.11.01"), S::Closed);
    assert_eq!(status("REL-2026.12.02"), S::Approved);
    assert_eq!(status("REL-2026.12.04"), S::Test);
    assert_eq!(status("REL-2027.03.01"), S::Planned);
    assert_eq!(status("REL-2026.11.01"), S::Deploying);

    let emr = p.lifecycle("EMR-2026.11.01").unwrap();
    assert_eq!(emr.revoked, vec![157], "the revoked incident stays revoked");
    let kinds: Vec<&EventKind> = emr.events.iter().map(|e| &e.what).collect();
    assert!(kinds.contains(&&EventKind::Revocation { revokes: 157 }));
    assert!(kinds.contains(&&EventKind::IncidentClosed { incident: 100 }));
    assert!(kinds.contains(&&EventKind::Review { retrospective: true }));
    let last = emr.events.last().unwrap();
    assert!(
        matches!(last.what, EventKind::Transition { from: S::EarlyLifeSupport, to: S::Closed, .. }),
        "{:?}",
        last.what
    );
    assert_eq!(last.by, "Fixture Writer <fixtures@example.com>");

    let cab = p.lifecycle("REL-2026.12.02").unwrap();
    let decision = cab
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.what, EventKind::CabDecision { decision: CabDecision::Approve, .. }))
        .unwrap();
    assert_eq!(decision.by, "robert.king@example.com");
    assert_eq!(decision.reason, "Risk accepted; Zoë’s team on call");

    let policy = p.policy().unwrap();
    assert_eq!(policy.lead_time_days, 21);
    assert_eq!(policy.overridable, vec![Gate::Plan, Gate::Submit]);
    assert_eq!(p.status().unwrap().len(), 12);

    assert!(p.dependencies().unwrap().is_empty());
    assert!(p.baselines().unwrap().is_empty());

    reopen_makes_no_backup(dir.path(), &path, p);
}

#[test]
fn a_schema_3_plan_opens_and_keeps_its_dependencies_and_baselines() {
    let (dir, path, p) = upgrade(&Expected { version: 3, releases: 12, audit_entries: 313 });

    let per_release = events_per_release(&p);
    assert_eq!(per_release.values().sum::<usize>(), 152);
    assert_eq!(per_release["EMR-2026.11.01"], 23);
    assert_eq!(per_release["REL-2026.12.04"], 6);
    assert_eq!(per_release["REL-2027.03.01"], 0);
    assert_eq!(p.release("REL-2026.12.04").unwrap().release.status, S::Test);

    let deps = p.dependencies().unwrap();
    assert_eq!(deps.len(), 74);
    let added_whole = Dependency {
        from: whole("REL-2026.12.04"),
        to: whole("REL-2027.03.01"),
        kind: DepKind::FinishToStart,
        lag_days: 5,
    };
    let added_milestones = Dependency {
        from: at("REL-2027.03.01", K::Test),
        to: at("REL-2027.05.01", K::Deployment),
        kind: DepKind::FinishToFinish,
        lag_days: -1,
    };
    assert!(deps.contains(&added_whole), "{deps:?}");
    assert!(deps.contains(&added_milestones), "{deps:?}");
    assert!(
        !deps.iter().any(|d| d.from == at("REL-2027.05.01", K::Cab) && d.to == at("REL-2027.05.01", K::Deployment)),
        "the removed dependency stays removed"
    );
    assert_eq!(p.ci_dependencies().unwrap().len(), 6);
    assert!(p.schedule().unwrap().diagnostics.is_empty());

    let baselines = p.baselines().unwrap();
    let sizes: BTreeMap<&str, usize> = baselines.iter().map(|b| (b.name.as_str(), b.milestones.len())).collect();
    assert_eq!(sizes, BTreeMap::from([("Plan of record 2026 Q3", 76), ("Plan of record 2027 Q1 — Zoë", 83)]));
    assert!(p.compare_baseline("Plan of record 2027 Q1 — Zoë").is_ok());

    reopen_makes_no_backup(dir.path(), &path, p);
}

/// Schema 4 → 5 (the forward schedule): the plan keeps everything, its environments get capacity
/// 1 and the booking role of their class, it has no windows or manual bookings, its policy gains
/// the default calendar rules, and it is given a uid for its iCalendar UIDs. Its time zone is
/// the machine's until the user sets one; setting it is an undoable edit.
#[test]
fn a_schema_4_plan_gets_the_forward_schedule() {
    use runway_domain::calendar::{BookedBy, booking::booked_by};
    let (dir, path, mut p) = upgrade(&Expected { version: 4, releases: 12, audit_entries: 311 });
    assert_eq!(p.release("REL-2026.11.01").unwrap().release.status, S::Deploying);
    assert!(p.baselines().unwrap().iter().any(|b| b.name == "Q4 commitment"));
    let policy = p.policy().unwrap();
    assert_eq!(policy.lead_time_days, 21, "the policy edited at schema 4 is kept");
    assert_eq!(policy.calendar, runway_domain::calendar::conflict::CalendarRules::default());

    let envs = p.catalog().unwrap().environments;
    assert_eq!(envs.len(), 5);
    assert!(envs.iter().all(|e| e.capacity == 1 && e.booked_by.is_none()), "{envs:?}");
    let by: BTreeMap<&str, BookedBy> = envs.iter().map(|e| (e.name.as_str(), booked_by(e))).collect();
    assert_eq!(by["Prod"], BookedBy::Deployment);
    assert_eq!(by["Pre-prod"], BookedBy::Deployment);
    assert_eq!(by["Test"], BookedBy::Test);
    assert!(p.windows().unwrap().is_empty());
    assert!(p.bookings().unwrap().iter().all(|b| b.id.is_none()), "only the releases' own bookings");
    let uid: String =
        read_only(&path).query_row("SELECT value FROM meta WHERE key = 'plan_uid'", [], |r| r.get(0)).unwrap();
    assert_eq!(uid.len(), 32, "{uid}");

    let before = p.time_zone();
    p.set_time_zone("Asia/Tokyo").unwrap();
    assert_eq!(p.time_zone(), "Asia/Tokyo");
    p.undo().unwrap();
    assert_eq!(p.time_zone(), before);
    reopen_makes_no_backup(dir.path(), &path, p);
}

/// Schema 5 → 6 (the matrix, D7): each person's one role becomes their assignment for the
/// portfolio, the seed's matrix appears, and the policy's signature role (set to the Process
/// Owner in this fixture) becomes the S of "Authorize deployment" and leaves the policy. The
/// sign-offs already recorded (by the Change Manager, who signed at schema 5) still stand.
#[test]
fn a_schema_5_plan_gets_the_matrix_from_its_roles_and_signature_role() {
    use runway_domain::matrix::{ACTIVITY_AUTHORIZE, Code};
    let (dir, path, mut p) = upgrade(&Expected { version: 5, releases: 12, audit_entries: 333 });
    let m = p.matrix().unwrap();
    assert_eq!(m.roles.len(), 9, "the seed's roles, the sponsor first");
    assert_eq!(m.roles[0].key, "sponsor");
    assert_eq!(m.activities.len(), 9);
    let signers: Vec<&str> = m.roles_with(ACTIVITY_AUTHORIZE, Code::Signature).iter().map(|r| r.key.as_str()).collect();
    assert_eq!(signers, ["process_owner"], "the policy's signature role signs");
    assert_eq!(m.code(ACTIVITY_AUTHORIZE, "sponsor"), None, "the template's sponsor S gave way");
    assert!(p.matrix_check().unwrap().is_empty(), "the migrated matrix keeps its rules");
    let policy: serde_json::Value = serde_json::from_str(
        &read_only(&path)
            .query_row("SELECT value FROM meta WHERE key = 'policy'", [], |r| r.get::<_, String>(0))
            .unwrap(),
    )
    .unwrap();
    assert!(policy.get("signature_role").is_none(), "{policy}");
    assert_eq!(p.policy().unwrap().lead_time_days, 28);

    // The 17 people keep their one role, now as an assignment.
    let people = p.people().unwrap();
    assert_eq!(people.len(), 17);
    assert!(people.iter().all(|pr| pr.roles.len() == 1 && pr.overrides.is_empty()), "{people:?}");
    let robert = people.iter().find(|pr| pr.person.email == "robert.king@example.com").unwrap();
    assert_eq!(robert.roles, ["change_manager"]);
    let margaret = people.iter().find(|pr| pr.person.email == "margaret.osei@example.com").unwrap();
    assert_eq!(margaret.roles, ["process_owner"]);
    // The fixture's one manual booking and its windows survive.
    assert_eq!(p.windows().unwrap().len(), 4);
    assert!(p.bookings().unwrap().iter().any(|b| b.purpose == "Data refresh for fixture"));

    // Sign-offs recorded at schema 5 stand: the authorized releases stay authorized.
    let v = p.matrix_view(None).unwrap();
    assert_eq!(v.holders[1].people.len(), 1, "Margaret holds the Process Owner role");
    let authorized: Vec<String> =
        p.list_releases().unwrap().into_iter().filter(|r| r.status == S::Authorized).map(|r| r.key).collect();
    assert!(!authorized.is_empty(), "the fixture has an authorized release");
    for key in &authorized {
        let l = p.lifecycle(key).unwrap();
        let unmet: Vec<&str> = l
            .assessment
            .steps
            .iter()
            .flat_map(|s| s.conditions.iter())
            .filter(|c| !c.met)
            .map(|c| c.code.as_str())
            .collect();
        assert!(!unmet.contains(&"signature"), "{key}: {unmet:?}");
    }
    // The matrix is edited and undone like anything else.
    p.set_cell("deploy", "release_owner", Some(Code::Accountable)).unwrap();
    assert_eq!(p.matrix_check().unwrap().len(), 1);
    p.undo().unwrap();
    assert!(p.matrix_check().unwrap().is_empty());
    reopen_makes_no_backup(dir.path(), &path, p);
}

/// Schema 6 → 7 (stakeholders, D8): the plan gains distribution lists (none yet), and keeps its
/// matrix as edited at schema 6 (a Security Officer role, consulted on authorizations, held by Kim
/// Lee, who is also one release's own Test Manager).
#[test]
fn a_schema_6_plan_gets_distribution_lists_and_keeps_its_matrix() {
    use runway_domain::matrix::Code;
    let (dir, path, mut p) = upgrade(&Expected { version: 6, releases: 12, audit_entries: 355 });
    assert!(p.lists().unwrap().is_empty());
    let m = p.matrix().unwrap();
    assert_eq!(m.roles.last().unwrap().key, "security_officer");
    assert_eq!(m.code("authorize", "security_officer"), Some(Code::Consulted));
    let kim = p.people().unwrap().into_iter().find(|x| x.person.email == "kim.lee@example.com").unwrap();
    assert_eq!(kim.roles, ["security_officer"]);
    assert_eq!(kim.overrides.len(), 1);
    assert_eq!(kim.overrides[0].release.as_deref(), Some("REL-2027.05.01"));
    p.save_list(
        None,
        runway_domain::stakeholders::DistributionList {
            name: "Security".into(),
            purpose: String::new(),
            members: vec![runway_domain::stakeholders::Member::Person("kim.lee@example.com".into())],
            follows: vec![],
        },
    )
    .unwrap();
    p.undo().unwrap();
    assert!(p.lists().unwrap().is_empty());
    reopen_makes_no_backup(dir.path(), &path, p);
}

/// Schema 7 → 8 (the outbox, D8): the plan keeps its distribution lists (one containing another,
/// following a release; one following an application) and starts with an empty outbox and the
/// built-in templates; its next change to a release makes a message to the lists' people.
#[test]
fn a_schema_7_plan_gets_the_outbox_and_keeps_its_lists() {
    use runway_domain::notify::Trigger;
    let (dir, path, mut p) = upgrade(&Expected { version: 7, releases: 12, audit_entries: 353 });
    let lists: Vec<String> = p.lists().unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(lists, ["Mobile stakeholders", "Service desk"]);
    let reached: Vec<String> = p.list_people("Mobile stakeholders").unwrap().into_iter().map(|x| x.email).collect();
    assert_eq!(reached, ["kim.lee@example.com", "grace.mwangi@example.com", "aiko.tanaka@example.com"]);
    assert!(p.outbox(&[]).unwrap().is_empty());
    assert!(p.templates().unwrap().iter().all(|t| t.built_in));

    // A new window for the release the mobile list follows: its people hear of it.
    let key = "REL-2027.05.01";
    let mut detail = p.release(key).unwrap().release;
    let w = detail.window.unwrap();
    detail.window = Some(runway_domain::Window {
        start: w.start + chrono::TimeDelta::days(7),
        end: w.end + chrono::TimeDelta::days(7),
    });
    p.update_release(key, runway_domain::input::ReleaseInput::from(&detail)).unwrap();
    let m = p.outbox(&[]).unwrap();
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(matches!(m[0].trigger, Trigger::Downtime | Trigger::DateMoved));
    let to: Vec<&str> = m[0].recipients.iter().map(|r| r.email.as_str()).collect();
    for e in ["kim.lee@example.com", "grace.mwangi@example.com", "aiko.tanaka@example.com"] {
        assert!(to.contains(&e), "{e} in {to:?}");
    }

    // Custom phases need no new schema: the plan's phases read as they were, its release
    // templates are the defaults, and a phase the user names is added and read back.
    let before = p.release(key).unwrap().release.milestones;
    assert!(before.iter().all(|m| !m.kind.is_custom()) && !before.is_empty());
    assert!(p.release_templates().unwrap().iter().all(|t| !t.custom));
    let rehearsal = runway_core::api::phases::PhaseInput {
        name: "Dress rehearsal".into(),
        planned_start: before[0].planned_start,
        planned_end: before[0].planned_start,
        actual_start: None,
        actual_end: None,
    };
    let after = p.set_phase(key, &rehearsal).unwrap().release.milestones;
    assert_eq!(after.len(), before.len() + 1);
    assert!(p.verify().unwrap().ok());
    reopen_makes_no_backup(dir.path(), &path, p);
}

#[test]
fn a_schema_8_plan_gets_the_journal_and_two_copies_of_it_merge() {
    use runway_core::api::replicas::Since;
    let (dir, path, mut p) = upgrade(&Expected { version: 8, releases: 12, audit_entries: 353 });
    assert_eq!(p.outbox(&[]).unwrap().len(), 1, "the CAB agenda message is kept");
    assert_eq!(p.lists().unwrap().len(), 1);
    let info = p.replica_info().unwrap();
    assert_eq!(info.operations, 0, "nothing is journaled until something changes");
    let key = "REL-2027.05.01";

    // A second copy of the same old file, upgraded on its own (another release manager's laptop):
    // both describe the plan from before the journal the same way, so their changes merge.
    let other = dir.path().join("other.runway");
    std::fs::copy(dir.path().join("v8.runway.schema-8.bak"), &other).unwrap();
    let mut q = Planner::open(&other, "Other <o@example.com>").unwrap();
    assert_eq!(q.replica_info().unwrap().portfolio, info.portfolio, "the same portfolio, from its audit chain");
    assert_ne!(q.replica_info().unwrap().replica, info.replica);

    let mut input = runway_domain::input::ReleaseInput::from(&p.release(key).unwrap().release);
    input.title = "Retitled on the first copy".into();
    p.update_release(key, input).unwrap();
    let mut input = runway_domain::input::ReleaseInput::from(&q.release(key).unwrap().release);
    input.notes = "Noted on the second copy".into();
    q.update_release(key, input).unwrap();

    let (a, b) = (dir.path().join("a.runway-changes"), dir.path().join("b.runway-changes"));
    p.export_changes_file(&Since::All, &a).unwrap();
    q.export_changes_file(&Since::All, &b).unwrap();
    p.merge_changes_file(&b).unwrap();
    q.merge_changes_file(&a).unwrap();
    for x in [&p, &q] {
        let r = x.release(key).unwrap().release;
        assert_eq!((r.title.as_str(), r.notes.as_str()), ("Retitled on the first copy", "Noted on the second copy"));
        assert!(x.review_cards().unwrap().is_empty());
    }
    assert_eq!(crate::fingerprint(&p).0, crate::fingerprint(&q).0);
    drop(q);
    assert!(p.verify().unwrap().ok());
    std::fs::remove_file(&other).unwrap();
    reopen_makes_no_backup(dir.path(), &path, p);
}
