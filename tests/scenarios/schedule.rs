//! The schedule on a real plan file: dependencies, the analysis, what-if (which never writes),
//! committing a move (one undoable edit), baselines, and their round trip through JSON.

use chrono::Duration;
use runway_core::interchange::to_json;
use runway_core::{Error, Planner};
use runway_domain::schedule::{Change, DepKind, Dependency, Endpoint, MilestoneRef};
use runway_domain::{MilestoneKind as K, ReleaseStatus as S};

use crate::{WHO, demo, fingerprint};

fn at(release: &str, kind: K) -> Endpoint {
    Endpoint { release: release.to_owned(), milestone: Some(kind) }
}

/// A release of the demo in `status` with the full template of milestones.
fn with_milestones(p: &Planner, status: S) -> String {
    p.list_releases()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.status == status && r.kind != runway_domain::ReleaseKind::Emergency && {
                let d = p.release(&r.key).unwrap();
                d.release.milestones.iter().any(|m| m.kind == K::Planning)
            }
        })
        .unwrap_or_else(|| panic!("no release in {status:?}"))
        .key
}

#[test]
fn the_demo_has_a_schedule_with_dependencies_violations_and_a_critical_path() {
    let (_dir, _path, p) = demo(40);
    let a = p.schedule().unwrap();
    assert!(a.diagnostics.is_empty(), "{:?}", a.diagnostics);
    assert!(p.dependencies().unwrap().len() > 200);
    assert!(!a.violations.is_empty(), "the demo plans a few dependencies too close");
    assert!(a.critical_path.len() >= 2);
    for m in &a.critical_path {
        let s = a.milestones.iter().find(|x| &x.milestone == m).unwrap();
        assert!(s.critical && s.slack_days == 0, "{m}: {s:?}");
    }
}

#[test]
fn a_dependency_closing_a_cycle_is_refused_naming_it_and_nothing_changes() {
    let (_dir, _path, mut p) = demo(40);
    let key = with_milestones(&p, S::Planned);
    let before = fingerprint(&p);
    let err = p
        .add_dependency(Dependency {
            from: at(&key, K::Deployment),
            to: at(&key, K::Build),
            kind: DepKind::FinishToStart,
            lag_days: 0,
        })
        .unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::Validation(_)), "{msg}");
    assert!(msg.contains("cycle") && msg.contains(&format!("{key} build → {key} test")), "{msg}");
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn adding_and_removing_a_dependency_is_audited_and_undoable() {
    let (_dir, _path, mut p) = demo(40);
    let a = with_milestones(&p, S::Planned);
    let b = p.list_releases().unwrap().into_iter().find(|r| r.key != a && r.status == S::Draft).unwrap().key;
    let d = Dependency {
        from: at(&a, K::Deployment),
        to: Endpoint { release: b.clone(), milestone: None },
        kind: DepKind::StartToStart,
        lag_days: -3,
    };
    let n = p.dependencies().unwrap().len();
    p.add_dependency(d.clone()).unwrap();
    assert_eq!(p.dependencies().unwrap().len(), n + 1);
    assert!(matches!(p.add_dependency(d.clone()).unwrap_err(), Error::Conflict(_)));
    p.undo().unwrap();
    assert_eq!(p.dependencies().unwrap().len(), n);
    p.redo().unwrap();
    assert!(p.dependencies().unwrap().contains(&d));
    p.remove_dependency(&d.from, &d.to).unwrap();
    assert!(!p.dependencies().unwrap().contains(&d));
    assert!(matches!(p.remove_dependency(&d.from, &d.to).unwrap_err(), Error::NotFound(_)));
    assert!(p.verify().unwrap().ok());
}

#[test]
fn what_if_writes_nothing_and_a_committed_move_is_one_undoable_edit() {
    let (_dir, path, mut p) = demo(40);
    let key = with_milestones(&p, S::Planned);
    let test = p.release(&key).unwrap().release.milestones.into_iter().find(|m| m.kind == K::Test).unwrap();
    let change = Change::Milestone {
        milestone: MilestoneRef { release: key.clone(), kind: K::Test },
        start: test.planned_start + Duration::days(10),
        end: test.planned_end + Duration::days(10),
    };
    let before = fingerprint(&p);
    p.checkpoint().unwrap();
    let file = crate::sha256(&path);
    let w = p.what_if(&change).unwrap();
    assert_eq!(fingerprint(&p), before, "what-if writes nothing");
    p.checkpoint().unwrap();
    assert_eq!(crate::sha256(&path), file);
    assert_eq!(w.moved.len(), 1);
    assert!(w.must_move.iter().any(|s| s.milestone.kind == K::Deployment), "{w:?}");
    assert_eq!(w.windows_changed, std::slice::from_ref(&key));

    let detail = p.apply_change(&change).unwrap();
    let moved = detail.release.milestones.iter().find(|m| m.kind == K::Test).unwrap();
    assert_eq!(moved.planned_start, test.planned_start + Duration::days(10));
    let last = p.audit_trail(&key).unwrap().pop().unwrap();
    assert_eq!(last.action, "reschedule");
    // The schedule now shows the broken dependency the callouts announced.
    assert!(p.schedule().unwrap().violations.iter().any(|v| v.to.release == key));
    p.undo().unwrap();
    let back = p.release(&key).unwrap().release.milestones.into_iter().find(|m| m.kind == K::Test).unwrap();
    assert_eq!(back, test);

    // A move that makes no sense is refused and changes nothing.
    let before = fingerprint(&p);
    let bad = Change::Milestone {
        milestone: MilestoneRef { release: key.clone(), kind: K::Test },
        start: test.planned_end,
        end: test.planned_start - Duration::days(1),
    };
    assert!(p.apply_change(&bad).is_err());
    assert!(!p.what_if(&bad).unwrap().diagnostics.is_empty());
    assert_eq!(fingerprint(&p), before);
}

#[test]
fn a_baseline_freezes_the_plan_and_shows_the_slip() {
    let (_dir, _path, mut p) = demo(40);
    let b = p.save_baseline("Q1 plan").unwrap();
    assert!(b.milestones.len() > 200);
    assert!(matches!(p.save_baseline("Q1 plan").unwrap_err(), Error::Conflict(_)));
    let key = with_milestones(&p, S::Planned);
    p.apply_change(&Change::Release { release: key.clone(), shift_days: 7 }).unwrap();
    let c = p.compare_baseline("Q1 plan").unwrap();
    let r = c.releases.iter().find(|r| r.release == key).unwrap();
    assert_eq!((r.end_slip_days, r.deployment_slip_days), (7, Some(7)));
    assert!(c.releases.iter().filter(|r| r.release != key).all(|r| r.end_slip_days == 0));
    assert!(matches!(p.compare_baseline("nope").unwrap_err(), Error::NotFound(_)));
}

#[test]
fn dependencies_and_baselines_round_trip_through_json() {
    let (dir, _path, mut p) = demo(40);
    p.save_baseline("Before CAB").unwrap();
    let json = to_json(&p.export().unwrap()).unwrap();
    let file = dir.path().join("plan.json");
    std::fs::write(&file, &json).unwrap();
    let (p2, _) = Planner::import_file_into(&dir.path().join("copy.runway"), &file, WHO).unwrap();
    assert_eq!(to_json(&p2.export().unwrap()).unwrap(), json);
    assert_eq!(p2.schedule().unwrap(), p.schedule().unwrap());
}

#[test]
fn a_new_release_starts_from_the_template_of_its_kind() {
    let (_dir, _path, mut p) = demo(3);
    let existing = p.list_releases().unwrap()[0].key.clone();
    let mut input = crate::releases::input_of(&p.release(&existing).unwrap().release);
    input.key = "REL-2031.03.01".into();
    input.kind = runway_domain::ReleaseKind::Major;
    let detail = p.create_release(input).unwrap();
    let kinds: Vec<K> = detail.release.milestones.iter().map(|m| m.kind.clone()).collect();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
    let deployment = detail.release.milestones.iter().find(|m| m.kind == K::Deployment).unwrap();
    assert_eq!(deployment.planned_start, detail.release.window.unwrap().start.date());
    let a = p.schedule().unwrap();
    assert!(a.violations.iter().all(|v| v.to.release != "REL-2031.03.01"), "the template is consistent");
    assert!(p.dependencies().unwrap().iter().any(|d| d.to.release == "REL-2031.03.01"));
}

#[test]
fn undo_and_redo_of_a_creation_or_a_deletion_take_the_dependencies_along() {
    let (_dir, _path, mut p) = demo(40);
    let of = |p: &Planner, key: &str| -> Vec<Dependency> {
        p.dependencies().unwrap().into_iter().filter(|d| d.from.release == key || d.to.release == key).collect()
    };
    // A new release comes with its template's chain; redo brings the chain back.
    let existing = p.list_releases().unwrap()[0].key.clone();
    let mut input = crate::releases::input_of(&p.release(&existing).unwrap().release);
    input.key = "REL-2031.03.01".into();
    p.create_release(input).unwrap();
    let template = of(&p, "REL-2031.03.01");
    assert!(template.len() >= 5, "{template:?}");
    p.undo().unwrap();
    assert!(of(&p, "REL-2031.03.01").is_empty());
    p.redo().unwrap();
    assert_eq!(of(&p, "REL-2031.03.01"), template);

    // A release deleted with a dependency on another release gets it back on undo, and the
    // deletion records each dependency it removed.
    let first = p.list_releases().unwrap()[0].key.clone();
    let link = Dependency {
        from: at(&first, K::Deployment),
        to: at("REL-2031.03.01", K::Deployment),
        kind: DepKind::FinishToStart,
        lag_days: 2,
    };
    p.add_dependency(link.clone()).unwrap();
    let before = of(&p, "REL-2031.03.01");
    p.delete_release("REL-2031.03.01").unwrap();
    let removed =
        p.audit_log(None, 50).unwrap().into_iter().filter(|e| e.entity == "dependency" && e.action == "remove").count();
    assert!(removed >= before.len(), "{removed} removals recorded for {} dependencies", before.len());
    assert!(p.verify().unwrap().ok());
    p.undo().unwrap();
    let mut after = of(&p, "REL-2031.03.01");
    let mut expected = before.clone();
    after.sort_by_key(|d| format!("{}{}", d.from, d.to));
    expected.sort_by_key(|d| format!("{}{}", d.from, d.to));
    assert_eq!(after, expected);
    assert!(after.contains(&link));
}

#[test]
fn links_implied_by_configuration_items_reach_the_release_pane_and_the_roadmap() {
    let (_dir, _path, mut p) = demo(40);
    p.set_today(crate::today());
    let layout = p.roadmap(None).unwrap();
    assert!(!layout.ci_arrows.is_empty(), "the demo's CIs depend on one another");
    let deployed = |key: &str| p.release(key).unwrap().release.window.is_some_and(|w| w.end.date() < crate::today());
    for a in &layout.ci_arrows {
        let (up, down) = (&layout.rows[a.from_row as usize].key, &layout.rows[a.to_row as usize].key);
        // Every arrow is one of the links the release pane lists, at both ends, for its reasons.
        for key in [up, down] {
            let links = p.ci_links_of(key).unwrap();
            for reason in &a.reasons {
                assert!(
                    links.iter().any(|l| &l.upstream == up && &l.downstream == down && &l.reason() == reason),
                    "{up} → {down} ({reason}) is not among {key}'s links: {links:?}"
                );
            }
        }
        assert!(!(deployed(up) && deployed(down)), "{up} → {down}: both deployed already");
        assert!(a.reasons.iter().all(|r| r.contains(" depends on ")), "{:?}", a.reasons);
    }
    // The pane lists past links too: the roadmap leaves those out.
    let all: usize = layout.rows.iter().map(|r| p.ci_links_of(&r.key).unwrap().len()).sum::<usize>() / 2;
    assert!(all >= layout.ci_arrows.len());
    // The plan's own arrows are not mixed with them.
    let deps = p.dependencies().unwrap();
    assert!(layout.arrows.len() <= deps.len());
    assert!(matches!(p.ci_links_of("REL-NOPE").unwrap_err(), Error::NotFound(_)));
}
