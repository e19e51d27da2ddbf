//! MS Project XML into a real plan file: the demo exported and imported into a new plan gives the
//! same releases, phases, dependencies and baselines, and exporting that again gives the same
//! file; a preview writes nothing; an edited file changes the releases the plan has; a cycle, a
//! file that is not MSPDI and a bad key are refused with the plan unchanged; one Ctrl+Z takes
//! the whole import back.

use runway_core::api::mspdi::MspdiChoice;
use runway_core::{Error, Planner};
use runway_domain::ReleaseKind;

use crate::{WHO, demo, fingerprint};

fn by_summary() -> MspdiChoice {
    MspdiChoice { one_release: false, kind: ReleaseKind::Minor, key: "MSP".into() }
}

fn fresh(dir: &std::path::Path, name: &str) -> Planner {
    Planner::create(&dir.join(name), "Imported", WHO, false).unwrap()
}

#[test]
fn export_import_export_gives_the_same_plan_and_the_same_file() {
    let (dir, _path, p) = demo(25);
    let xml = p.export_mspdi().unwrap();
    let mut q = fresh(dir.path(), "q.runway");
    let preview = q.import_mspdi(xml.as_bytes(), "demo.xml", &by_summary(), false).unwrap();
    assert!(!preview.committed);
    assert_eq!(preview.added.len(), 25);
    assert!(q.list_releases().unwrap().is_empty(), "a preview writes nothing");

    let done = q.import_mspdi(xml.as_bytes(), "demo.xml", &by_summary(), true).unwrap();
    assert!(done.committed);
    assert_eq!(done.dependencies as usize, p.dependencies().unwrap().len());
    let (a, b) = (p.export().unwrap(), q.export().unwrap());
    for (x, y) in a.releases.iter().zip(&b.releases) {
        assert_eq!((&x.key, &x.title, &x.window, &x.milestones), (&y.key, &y.title, &y.window, &y.milestones));
    }
    assert_eq!(a.dependencies, b.dependencies);
    // The same tasks, dates, links and baselines: only the project's names differ.
    let again = q.export_mspdi().unwrap();
    let strip = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.contains("<Name>") && !l.contains("<Title>") && !l.contains("CreationDate"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(strip(&again), strip(&xml));

    // Importing the same file again changes nothing.
    let before = fingerprint(&q);
    let twice = q.import_mspdi(xml.as_bytes(), "demo.xml", &by_summary(), true).unwrap();
    assert_eq!((twice.added.len(), twice.changed.len(), twice.unchanged), (0, 0, 25));
    assert_eq!(fingerprint(&q).0, before.0);

    // One undo takes the 25 releases, their dependencies and baselines away; redo brings them.
    q.undo().unwrap();
    assert!(q.list_releases().unwrap().is_empty());
    assert!(q.dependencies().unwrap().is_empty() && q.baselines().unwrap().is_empty());
    q.redo().unwrap();
    assert_eq!(fingerprint(&q).0, before.0);
}

#[test]
fn an_edited_file_changes_the_plans_releases_and_one_undo_takes_the_import_back() {
    let (_dir, _path, mut p) = demo(12);
    let xml = p.export_mspdi().unwrap();
    let before = fingerprint(&p);
    // MS Project moved a phase of the first release by a week, and added a task "SIT" under it.
    let first = p.export().unwrap().releases[0].clone();
    let m = first.milestones.iter().find(|m| m.planned_start != m.planned_end).unwrap().clone();
    let (old_start, new_start) =
        (m.planned_start.to_string(), (m.planned_start + chrono::Duration::days(7)).to_string());
    let (old_end, new_end) = (m.planned_end.to_string(), (m.planned_end + chrono::Duration::days(7)).to_string());
    let label = format!("<Name>{}</Name>", m.kind.label());
    let at = xml.find(&format!("<Name>{} ", first.key)).unwrap();
    let named = at + xml[at..].find(&label).unwrap();
    let task = xml[..named].rfind("<Task>").unwrap() + "<Task>".len();
    let end = task + xml[task..].find("</Task>").unwrap();
    let moved = xml[task..end].replacen(&format!("<Start>{old_start}"), &format!("<Start>{new_start}"), 1).replacen(
        &format!("<Finish>{old_end}"),
        &format!("<Finish>{new_end}"),
        1,
    );
    let sit = moved.replace(&label, "<Name>SIT</Name>").replace("<UID>", "<UID>9999").replace("<ID>", "<ID>9999");
    let edited = format!("{}{moved}</Task><Task>{sit}{}", &xml[..task], &xml[end..]);

    let preview = p.import_mspdi(edited.as_bytes(), "edited.xml", &by_summary(), false).unwrap();
    assert_eq!(preview.added.len(), 0);
    assert_eq!(preview.changed.len(), 1, "{:?}", preview.changed);
    let words = preview.changed[0].changes.join("; ");
    assert!(
        words.contains(&format!("{} {old_start} – {old_end} → {new_start} – {new_end}", m.kind.label())),
        "{words}"
    );
    assert!(words.contains("SIT added"), "{words}");
    assert_eq!(fingerprint(&p), before, "a preview changes nothing");

    p.import_mspdi(edited.as_bytes(), "edited.xml", &by_summary(), true).unwrap();
    let now = p.release(&first.key).unwrap().release;
    assert!(now.milestones.iter().any(|x| x.kind.as_str() == "SIT"));
    assert_eq!(now.status, first.status, "the stage is the plan's");
    assert_eq!(p.undo_state().unwrap().undo.as_deref(), Some("Undo import of edited.xml"));
    p.undo().unwrap();
    assert_eq!(fingerprint(&p).0, before.0, "one undo takes the whole import back");
    p.redo().unwrap();
    assert!(p.release(&first.key).unwrap().release.milestones.iter().any(|x| x.kind.as_str() == "SIT"));
}

#[test]
fn bad_files_are_refused_naming_the_problem_and_the_plan_is_unchanged() {
    let (_dir, _path, mut p) = demo(6);
    let xml = p.export_mspdi().unwrap();
    let before = fingerprint(&p);
    let refused =
        |p: &mut Planner, bytes: &[u8], choice: &MspdiChoice| match p.import_mspdi(bytes, "bad.xml", choice, true) {
            Err(Error::Import(m)) => m,
            Err(Error::Validation(f)) => format!("{}: {}", f[0].field, f[0].message),
            other => panic!("{other:?}"),
        };
    let m = refused(&mut p, b"<html><body>not a plan</body></html>", &by_summary());
    assert!(m.contains("bad.xml") && m.contains("Project"), "{m}");
    let m = refused(&mut p, xml.replace("<PredecessorUID>", "<PredecessorUID>77").as_bytes(), &by_summary());
    assert!(m.contains("PredecessorLink to UID 772: no task has this UID"), "{m}");
    let m = refused(
        &mut p,
        xml.as_bytes(),
        &MspdiChoice { one_release: true, kind: ReleaseKind::Minor, key: "no spaces allowed".into() },
    );
    assert!(m.starts_with("key:"), "{m}");

    // A file whose links close a cycle (build before planning, planning before build): named.
    let at = xml.find("<UID>2</UID>").unwrap();
    let close = at + xml[at..].find("</Task>").unwrap();
    let back = "<PredecessorLink><PredecessorUID>3</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink>";
    let cycle = format!("{}{back}{}", &xml[..close], &xml[close..]);
    let m = refused(&mut p, cycle.as_bytes(), &by_summary());
    assert!(m.contains("cycle"), "{m}");
    assert_eq!(fingerprint(&p), before);
}
