//! Spreadsheet tables read back (D11): releases and RFCs added from CSV whose columns are found by
//! header name whatever their case or order, milestones' dates set, a round trip through the
//! export; all or nothing, each bad cell named by row and column, the plan unchanged (its file's
//! hash equal before and after).

use runway_core::Planner;
use runway_domain::interchange::csv::Table;

use crate::{WHO, sha256};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf, Planner) {
    let (dir, path, p) = crate::demo(12);
    (dir, path, p)
}

#[test]
fn releases_come_in_by_header_name_with_the_template_s_milestones() {
    let (_dir, _path, mut p) = fresh();
    let before = p.list_releases().unwrap().len();
    let app = p.catalog().unwrap().applications[0].code.clone();
    let text = format!(
        "Title,KEY,Kind,Window Start,window-end,Applications,Risk,Notes,Colour\r\n\
         Payments 9.0 — ledger,REL-2030.01.01,minor,2030-01-15T22:00,2030-01-16T01:00,{app},high,'=1+1,blue\r\n\
         ,,,,,,,,\r\n\
         Payments 9.1,REL-2030.02.01,Patch,,,{app},,,\r\n"
    );
    let done = p.import_csv(Table::Releases, &text, "sheet.csv").unwrap();
    assert_eq!((done.added, done.ignored_columns.clone()), (2, vec!["Colour".to_owned()]));
    assert_eq!(p.list_releases().unwrap().len(), before + 2);
    let r = p.release("REL-2030.01.01").unwrap().release;
    assert_eq!((r.title.as_str(), r.notes.as_str()), ("Payments 9.0 — ledger", "=1+1"), "the export's ' taken off");
    assert_eq!(r.status, runway_domain::ReleaseStatus::Draft);
    assert!(!r.milestones.is_empty(), "laid out from the template for its kind");
    assert_eq!(r.window.unwrap().start.to_string(), "2030-01-15 22:00:00");

    // Out through the export and back into another plan: the same releases.
    let out = p.export_csv(Table::Releases, true).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut q = Planner::create(&dir2.path().join("q.runway"), "Q", WHO, false).unwrap();
    let err = q.import_csv(Table::Releases, &out, "out.csv").unwrap_err().to_string();
    assert!(err.contains("column status") && err.contains("Draft or Planned"), "later stages refused: {err}");
}

#[test]
fn bad_cells_are_named_by_row_and_column_and_nothing_changes() {
    let (_dir, path, p) = fresh();
    let existing = p.list_releases().unwrap()[0].key.clone();
    drop(p);
    let hash = sha256(&path);
    let mut p = Planner::open(&path, WHO).unwrap();
    let text = format!(
        "key,title,kind,window_start,window_end,owner\r\n\
         REL-2031.01.01,Good,minor,2031-01-10T22:00,2031-01-11T01:00,\r\n\
         REL-2031.02.01,Bad kind,huge,,,\r\n\
         REL-2031.03.01,Bad date,patch,2031-02-30T22:00,2031-03-01T01:00,\r\n\
         REL-2031.04.01,Backwards,patch,2031-04-10T22:00,2031-04-10T20:00,\r\n\
         {existing},Taken,patch,,,\r\n\
         REL-2031.05.01,Nobody,patch,,,nobody@example.com\r\n"
    );
    let err = p.import_csv(Table::Releases, &text, "bad.csv").unwrap_err().to_string();
    for want in [
        "row 3, column kind: \"huge\" is not one of",
        "row 4, column window_start: \"2031-02-30T22:00\" is not a date and time",
        "row 5, column window_end: the window ends before it starts",
    ] {
        assert!(err.contains(want), "{want:?} in {err}");
    }
    assert!(err.starts_with("bad.csv: "), "{err}");
    // The rows that read well are checked against the plan next: a key it has, an unknown owner.
    let text = format!(
        "key,title,kind,owner\r\nREL-2031.06.01,Fine,patch,\r\n{existing},Taken,patch,\r\nREL-2031.05.01,Nobody,patch,nobody@example.com\r\n"
    );
    let err = p.import_csv(Table::Releases, &text, "bad.csv").unwrap_err().to_string();
    assert!(err.contains("row 3, column key:") && err.contains("row 4, column owner:"), "{err}");
    let err = p.import_csv(Table::Releases, "title,kind\r\nX,patch\r\n", "nokey.csv").unwrap_err().to_string();
    assert!(err.contains("row 1: the column \"key\" is missing"), "{err}");
    assert!(p.release("REL-2031.01.01").is_err() && p.release("REL-2031.06.01").is_err(), "all or nothing");
    drop(p);
    assert_eq!(sha256(&path), hash, "the plan file is unchanged");
}

#[test]
fn milestones_set_the_dates_of_releases_of_the_plan() {
    let (_dir, _path, mut p) = fresh();
    let r = p.list_releases().unwrap().into_iter().find(|r| r.status == runway_domain::ReleaseStatus::Planned).unwrap();
    let key = r.key.clone();
    let text = format!(
        "release,milestone,planned_start,planned_end,actual_start,actual_end\r\n{key},build,2031-01-05,2031-01-20,,\r\n"
    );
    let done = p.import_csv(Table::Milestones, &text, "m.csv").unwrap();
    assert_eq!(done.updated, 1);
    let m = p.release(&key).unwrap().release.milestones.into_iter().find(|m| m.kind.as_str() == "build").unwrap();
    assert_eq!((m.planned_start.to_string(), m.planned_end.to_string()), ("2031-01-05".into(), "2031-01-20".into()));
    let err = p
        .import_csv(
            Table::Milestones,
            "release,milestone,planned_start,planned_end\r\nNOPE,build,2031-01-05,2031-01-01\r\n",
            "m.csv",
        )
        .unwrap_err()
        .to_string();
    assert!(err.contains("row 2, column planned_end: 2031-01-01 is before the planned start"), "{err}");
    // The RFCs table: a new RFC added, the export's own file read back.
    let done = p.import_csv(Table::Rfcs, "Key,Title,Status\r\nRFC-9001,Ledger schema,approved\r\n", "r.csv").unwrap();
    assert_eq!(done.added, 1);
    assert!(p.catalog().unwrap().rfcs.iter().any(|r| r.key == "RFC-9001"));
}

#[test]
fn a_sheet_import_is_undone_and_redone_as_one_step() {
    let (_dir, path, mut p) = fresh();
    let app = p.catalog().unwrap().applications[0].code.clone();
    let plan = |p: &Planner| serde_json::to_string(&p.export().unwrap().releases).unwrap();
    let deps = |p: &Planner| p.export().unwrap().dependencies.len();
    let (releases, dependencies) = (plan(&p), deps(&p));
    let text = format!(
        "key,title,kind,window_start,window_end,applications\r\n\
         REL-2030.01.01,Ledger,minor,2030-01-15T22:00,2030-01-16T01:00,{app}\r\n\
         REL-2030.02.01,Cards,major,2030-02-15T22:00,2030-02-16T01:00,{app}\r\n"
    );
    assert_eq!(p.import_csv(Table::Releases, &text, "sheet.csv").unwrap().added, 2);
    let (imported, imported_deps) = (plan(&p), deps(&p));
    assert!(imported_deps > dependencies, "the templates' dependencies came with them");
    p.undo().unwrap();
    assert_eq!((plan(&p), deps(&p)), (releases.clone(), dependencies), "one undo takes the whole sheet back");
    p.redo().unwrap();
    assert_eq!((plan(&p), deps(&p)), (imported.clone(), imported_deps));

    // The milestones sheet: the releases it dated, as one step.
    let text = "release,milestone,planned_start,planned_end\r\n\
                REL-2030.01.01,build,2029-12-01,2029-12-20\r\n\
                REL-2030.02.01,build,2030-01-05,2030-01-25\r\n";
    assert_eq!(p.import_csv(Table::Milestones, text, "m.csv").unwrap().updated, 2);
    assert_ne!(plan(&p), imported);
    p.undo().unwrap();
    assert_eq!(plan(&p), imported);
    drop(p);
    assert!(Planner::open(&path, WHO).unwrap().verify().unwrap().ok());
}
