//! Custom phases on a real plan file: a release carries "SIT" and "Dress rehearsal" next to its
//! built-in phases; each edit is one undoable step; dependencies, the schedule, the what-if,
//! baselines, the roadmap and the JSON round trip treat them like the built-in ones.

use chrono::NaiveDate;
use runway_core::Error;
use runway_core::api::phases::PhaseInput;
use runway_domain::schedule::{Change, DepKind, Dependency, Endpoint, MilestoneRef};
use runway_domain::{MilestoneKind as K, ReleaseStatus as S};

use crate::{demo, fingerprint};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn phase(name: &str, start: &str, end: &str) -> PhaseInput {
    PhaseInput { name: name.into(), planned_start: d(start), planned_end: d(end), actual_start: None, actual_end: None }
}

fn custom(name: &str) -> K {
    K::named(name).unwrap()
}

/// A planned release of the demo whose phases include Test and Deployment.
fn planned(p: &runway_core::Planner) -> String {
    p.list_releases()
        .unwrap()
        .into_iter()
        .filter(|r| r.status == S::Planned)
        .find(|r| {
            let m = p.release(&r.key).unwrap().release.milestones;
            m.iter().any(|m| m.kind == K::Test) && m.iter().any(|m| m.kind == K::Deployment)
        })
        .expect("a planned release with test and deployment")
        .key
}

#[test]
fn a_custom_phase_is_added_dated_and_removed_each_as_one_undoable_edit() {
    let (_dir, _path, mut p) = demo(30);
    let key = planned(&p);
    let before = fingerprint(&p);
    let test = p.release(&key).unwrap().release.milestones.into_iter().find(|m| m.kind == K::Test).unwrap();
    let sit = phase("SIT", &test.planned_start.to_string(), &test.planned_end.to_string());
    let detail = p.set_phase(&key, &sit).unwrap();
    let m = detail.release.milestones.iter().find(|m| m.kind == custom("SIT")).expect("SIT added");
    assert_eq!((m.planned_start, m.planned_end), (test.planned_start, test.planned_end));
    let history = p.audit_trail(&key).unwrap();
    assert!(history.last().unwrap().after.as_deref().unwrap_or_default().contains("\"SIT\""));

    // Its actual dates, then the built-in "Test" by its label in another case: the same phase.
    let mut done = sit.clone();
    done.actual_start = Some(test.planned_start);
    done.actual_end = Some(test.planned_end);
    p.set_phase(&key, &done).unwrap();
    let again = p.set_phase(&key, &phase("test", "2031-01-01", "2031-01-05")).unwrap();
    assert_eq!(again.release.milestones.iter().filter(|m| m.kind == K::Test).count(), 1);
    // A custom phase's name in another case is the same phase, and keeps its name.
    let again = p.set_phase(&key, &phase("sit", "2031-01-01", "2031-01-05")).unwrap();
    let sits: Vec<_> =
        again.release.milestones.iter().filter(|m| m.kind.as_str().eq_ignore_ascii_case("sit")).collect();
    assert_eq!((sits.len(), sits[0].kind.as_str(), sits[0].actual_start), (1, "SIT", None));
    p.undo().unwrap();

    // Bad input changes nothing and says what is wrong.
    let now = fingerprint(&p);
    for (bad, field, words) in [
        (phase("UAT", "2031-02-05", "2031-02-01"), "planned_end", "before it starts"),
        (phase("  ", "2031-02-01", "2031-02-01"), "name", "needs a name"),
        (phase("a\u{7}b", "2031-02-01", "2031-02-01"), "name", "control character"),
    ] {
        match p.set_phase(&key, &bad) {
            Err(Error::Validation(f)) => {
                assert_eq!(f[0].field, field, "{bad:?}");
                assert!(f[0].message.contains(words), "{:?}", f[0].message);
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert_eq!(fingerprint(&p), now);

    // Three edits, three undos, and the plan is as it was.
    p.remove_phase(&key, "SIT").unwrap();
    assert!(matches!(p.remove_phase(&key, "SIT"), Err(Error::NotFound(m)) if m.contains("no phase \"SIT\"")));
    for _ in 0..4 {
        p.undo().unwrap();
    }
    assert_eq!(fingerprint(&p).0, before.0, "the release's rows are back");
}

#[test]
fn dependencies_the_schedule_what_if_baselines_and_the_roadmap_treat_custom_phases_like_built_in_ones() {
    let (_dir, _path, mut p) = demo(30);
    let key = planned(&p);
    let r = p.release(&key).unwrap().release;
    let dep = r.milestones.iter().find(|m| m.kind == K::Deployment).unwrap().clone();
    let rehearsal = dep.planned_start - chrono::Duration::days(3);
    p.set_phase(&key, &phase("Dress rehearsal", &rehearsal.to_string(), &rehearsal.to_string())).unwrap();
    p.save_baseline("Before the rehearsal moved").unwrap();

    // Deployment waits for the rehearsal, finish to start with a day between.
    let at = |k: K| Endpoint { release: key.clone(), milestone: Some(k) };
    let link = Dependency {
        from: at(custom("Dress rehearsal")),
        to: at(K::Deployment),
        kind: DepKind::FinishToStart,
        lag_days: 1,
    };
    p.add_dependency(link.clone()).unwrap();
    let shown = link.from.to_string();
    assert_eq!(shown, format!("{key} Dress rehearsal"));

    // Removing a phase a dependency uses is refused, naming the dependency.
    match p.remove_phase(&key, "dress rehearsal") {
        Err(Error::Conflict(m)) => assert!(m.contains("Dress rehearsal") && m.contains("a dependency"), "{m}"),
        other => panic!("{other:?}"),
    }

    // The schedule knows it; moving it late pushes the deployment in the what-if.
    let a = p.schedule().unwrap();
    let mref = MilestoneRef { release: key.clone(), kind: custom("Dress rehearsal") };
    assert!(a.milestones.iter().any(|m| m.milestone == mref));
    let late = dep.planned_start + chrono::Duration::days(2);
    let change = Change::Milestone { milestone: mref.clone(), start: late, end: late };
    let w = p.what_if(&change).unwrap();
    assert!(
        w.must_move.iter().any(|s| s.milestone.kind == K::Deployment && s.milestone.release == key),
        "the deployment must follow: {:?}",
        w.must_move
    );
    p.apply_change(&change).unwrap();

    // The baseline comparison shows the slip of the custom phase.
    let c = p.compare_baseline("Before the rehearsal moved").unwrap();
    let slip = c.milestones.iter().find(|s| s.milestone == mref).expect("in the comparison");
    assert_eq!(slip.start_slip_days, 5);

    // The roadmap draws it as a bar of its release.
    let layout = p.roadmap(None).unwrap();
    let row = layout.rows.iter().find(|r| r.key == key).unwrap();
    assert!(row.bars.iter().any(|b| b.kind == custom("Dress rehearsal")));

    // And the JSON document carries it by name, which reads back as the same phase.
    let doc = p.export().unwrap();
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains("\"kind\":\"Dress rehearsal\""));
    let back: runway_domain::Portfolio = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn a_plans_release_template_shapes_new_releases_travels_in_the_document_and_is_undone_as_one_edit() {
    use runway_domain::template::{ReleaseTemplate, TemplateLink, TemplatePhase, default_template};
    let (_dir, path, mut p) = demo(10);
    let kind = runway_domain::ReleaseKind::Major;
    assert!(p.release_templates().unwrap().iter().all(|t| !t.custom), "a plan starts with the defaults");

    // A bad template is refused with each problem by path, and changes nothing.
    let before = fingerprint(&p);
    let mut bad = default_template(kind);
    bad.links.push(TemplateLink { from: custom("UAT"), to: K::Test, kind: DepKind::FinishToStart, lag_days: 0 });
    bad.links.push(TemplateLink { from: K::Deployment, to: K::Planning, kind: DepKind::FinishToStart, lag_days: 0 });
    match p.set_release_template(bad) {
        Err(Error::Validation(f)) => {
            assert_eq!(f[0].field, "links[6].from");
            assert!(f[0].message.contains("\"UAT\" is not a phase of this template"), "{:?}", f[0]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fingerprint(&p), before);

    // SIT between build and test, the test waiting for it.
    let mut t: ReleaseTemplate = default_template(kind);
    t.phases.push(TemplatePhase { phase: custom("SIT"), start: -20, end: -17 });
    t.links.push(TemplateLink { from: K::Build, to: custom("SIT"), kind: DepKind::FinishToStart, lag_days: 0 });
    t.links.push(TemplateLink { from: custom("SIT"), to: K::Test, kind: DepKind::FinishToStart, lag_days: 1 });
    assert!(p.set_release_template(t.clone()).unwrap().custom);
    let made = p.create_release(crate::releases::new_input()).unwrap();
    let sit = made.release.milestones.iter().find(|m| m.kind == custom("SIT")).expect("SIT from the template");
    assert_eq!((sit.planned_start, sit.planned_end), (d("2027-02-21"), d("2027-02-24")));
    let deps = p.dependencies_of(&made.release.key).unwrap();
    assert!(
        deps.iter()
            .any(|x| x.to.milestone == Some(K::Test) && x.from.milestone == Some(custom("SIT")) && x.lag_days == 1)
    );

    // The template travels in the document and into another plan.
    let doc = p.export().unwrap();
    assert_eq!(doc.release_templates, vec![t.clone()]);
    let other = path.with_file_name("other.runway");
    let mut q = runway_core::Planner::create(&other, "Other", crate::WHO, false).unwrap();
    q.import(&doc, "test").unwrap();
    assert_eq!(q.release_template(kind).unwrap(), t);

    // Undo the release, then the template: the default is back.
    p.undo().unwrap();
    p.undo().unwrap();
    assert!(!p.release_templates().unwrap().iter().any(|x| x.custom));
    p.set_release_template(t).unwrap();
    assert!(!p.reset_release_template(kind).unwrap().custom);
    assert_eq!(p.release_template(kind).unwrap(), default_template(kind));
}
