//! The responsibility matrix report: the grid with its header row on every page it spans, the
//! legend, who holds each role, the broken rules; SARCI and RACI; determinism.

use std::path::Path;

use runway_core::report::{ReportKind, ReportRequest};

use super::{flat, generated, request, run, write_and_read};
use crate::{demo, sha256};

/// The text of page `n` (from 1) of a PDF.
fn page_text(file: &Path, n: u32) -> String {
    let n = n.to_string();
    run("pdftotext", &["-layout", "-f", &n, "-l", &n, file.to_str().unwrap(), "-"])
}

fn page_count(file: &Path) -> u32 {
    let info = run("pdfinfo", &[file.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_matrix_report_prints_the_grid_its_legend_who_holds_each_role_and_the_broken_rules() {
    use runway_core::matrix::MatrixEdit;
    use runway_domain::matrix::Code;

    let (dir, _path, mut p) = demo(40);
    let m = p.matrix().unwrap();
    let out = dir.path().join("matrix.pdf");

    // The portfolio's SARCI matrix: every role and activity, the legend, the holders, valid.
    let text = write_and_read(&p, &request(ReportKind::Matrix), &out);
    let flat_text = flat(&text);
    for e in [
        "Responsibility matrix (SARCI)",
        "Responsibility matrix · SARCI · the portfolio",
        "The matrix",
        "Legend",
        "Signature Has signature authority: approves the finished product",
        "Accountable Full accountability for the success or failure of the activity.",
        "Who holds each role",
        "Rule violations",
        "The matrix is valid: every activity has one A, at least one R, at most one S.",
        "Page 1 of",
        "audit chain head #",
    ] {
        assert!(flat_text.contains(e), "lacks {e:?}:\n{text}");
    }
    // The role names wrap in the grid's header; the holders' table prints each whole.
    for r in &m.roles {
        assert!(flat_text.contains(&r.name), "lacks the role {:?}", r.name);
    }
    for a in &m.activities {
        assert!(flat_text.contains(&a.name), "lacks the activity {:?}", a.name);
    }
    assert!(!flat_text.contains("A*"), "SARCI shows no A*");
    // Nine roles: landscape.
    let info = run("pdfinfo", &[out.to_str().unwrap()]);
    assert!(info.contains("841.89 x 595.28 pts (A4)") || info.contains("842 x 595 pts (A4)"), "{info}");

    // RACI for the demo's release with its own Test Manager: A* and its note, its own holders.
    let doc = p.export().unwrap();
    let own = doc.assignments.iter().find(|a| a.release.is_some()).unwrap();
    let key = own.release.clone().unwrap();
    let req = ReportRequest { release: Some(key.clone()), raci: true, ..request(ReportKind::Matrix) };
    let text = flat(&write_and_read(&p, &req, &out));
    for e in [
        format!("Responsibility matrix (RACI) for {key}"),
        format!("Responsibility matrix · RACI · {key}"),
        "A*".to_owned(),
        "A* Accountable, signs S in SARCI.".to_owned(),
        "RACI has no S: the role with signature authority shows as A*".to_owned(),
        format!("Resolved for {key}:"),
        "This release".to_owned(),
    ] {
        assert!(text.contains(&e), "lacks {e:?}:\n{text}");
    }
    let person = doc.people.iter().find(|x| x.email == own.person).unwrap();
    assert!(text.contains(&format!("{} <{}>", person.name, person.email)), "{text}");
    assert_eq!(req.suggested_file_name(), format!("Responsibility matrix {key} RACI.pdf"));

    // A release the plan lacks is refused by name, and nothing is written.
    let missing = dir.path().join("missing.pdf");
    let req = ReportRequest { release: Some("NOPE-1".into()), ..request(ReportKind::Matrix) };
    let err = p.write_report(&req, &missing).unwrap_err();
    assert!(err.to_string().contains("NOPE-1"), "{err}");
    assert!(!missing.exists());

    // Sixty more activities (each with its A and R) and two broken rules: the rows run over
    // several pages, each with the header row, and the violations are listed.
    for i in 1..=60 {
        let view = p
            .edit_matrix(&MatrixEdit::AddActivity {
                name: format!("Extra activity {i:02}"),
                description: String::new(),
            })
            .unwrap();
        let added = view.matrix.activities.last().unwrap().key.clone();
        p.set_cell(&added, "release_manager", Some(Code::Accountable)).unwrap();
        p.set_cell(&added, "deployment_staff", Some(Code::Responsible)).unwrap();
    }
    p.set_cell("deploy", "release_owner", Some(Code::Accountable)).unwrap();
    p.set_cell("verify", "release_owner", None).unwrap();
    let text = flat(&write_and_read(&p, &request(ReportKind::Matrix), &out));
    for e in [
        "The matrix is not valid: 2 rules are broken.",
        "Coordinate distribution and installation of releases: two roles are accountable: Release Manager and \
         Release Owner",
        "Verify the release: no role is responsible (R)",
    ] {
        assert!(text.contains(e), "lacks {e:?}:\n{text}");
    }
    let pages = page_count(&out);
    let mut grid_pages = 0;
    for n in 1..=pages {
        let page = page_text(&out, n);
        if !page.contains("Extra activity") && !page.contains("Conduct release planning") {
            continue;
        }
        grid_pages += 1;
        // The header row above the page's first row: its first column and words of the
        // wrapped role names.
        let first = ["Conduct release planning", "Extra activity"].iter().filter_map(|r| page.find(r)).min().unwrap();
        let head = flat(&page[..first]);
        for word in ["Activity", "Sponsor", "Management", "Process", "Deployment", "environment"] {
            assert!(head.contains(word), "page {n} of {pages} lacks the header's {word:?}:\n{page}");
        }
        assert!(page.contains(&format!("Page {n} of {pages}")), "{page}");
    }
    assert!(grid_pages >= 2, "the grid of 69 activities fits on {grid_pages} page(s)");
    for i in 1..=60 {
        assert!(text.contains(&format!("Extra activity {i:02}")), "lacks activity {i}");
    }

    // The same plan and time give the same bytes; another time gives others.
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    let req = ReportRequest { raci: true, ..request(ReportKind::Matrix) };
    p.write_report(&req, &a).unwrap();
    p.write_report(&request(ReportKind::Monthly), &dir.path().join("other.pdf")).unwrap();
    p.write_report(&req, &b).unwrap();
    assert_eq!(sha256(&a), sha256(&b));
    let later = ReportRequest { generated_at: Some(generated() + chrono::Duration::hours(1)), ..req };
    p.write_report(&later, &b).unwrap();
    assert_ne!(sha256(&a), sha256(&b));
}

#[test]
fn a_report_request_from_the_ui_without_raci_is_sarci() {
    let req: ReportRequest = serde_json::from_str(
        r#"{"kind":"matrix","quarter":null,"month":null,"release":null,"from":null,"to":null,
            "sheet":{"paper":"a4","landscape":false},"fit_one_page":false,"generated_at":null}"#,
    )
    .unwrap();
    assert!(!req.raci);
    let raci: ReportRequest = serde_json::from_str(
        r#"{"kind":"matrix","quarter":null,"month":null,"release":"REL-1","from":null,"to":null,
            "sheet":{"paper":"a4","landscape":false},"fit_one_page":false,"raci":true,"generated_at":null}"#,
    )
    .unwrap();
    assert!(raci.raci && raci.release.as_deref() == Some("REL-1"));
}
