//! The PDF reports of a real plan, checked with the tools a reader would use: qpdf (structure),
//! pdftotext (what the pages say), pdffonts (the fonts are embedded), and their determinism.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, NaiveDate, Utc};
use runway_core::pdf::{Mark, Paper, Sheet, font};
use runway_core::report::{ReportKind, ReportRequest};
use runway_core::{Error, Planner};
use runway_domain::report::{Period, kpi_report};

use crate::{demo, sha256, today};

mod matrix;

fn generated() -> DateTime<Utc> {
    "2026-11-22T09:30:00Z".parse().unwrap()
}

fn request(kind: ReportKind) -> ReportRequest {
    ReportRequest { generated_at: Some(generated()), ..ReportRequest::new(kind) }
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} is needed: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes the report, checks it with qpdf and pdffonts, and returns its text (pdftotext).
fn write_and_read(p: &Planner, req: &ReportRequest, out: &Path) -> String {
    let summary = p.write_report(req, out).unwrap();
    let file = out.to_str().unwrap();
    run("qpdf", &["--check", file]);
    let fonts = run("pdffonts", &[file]);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes yes yes "), "a font is not embedded, subset and mapped: {line}");
    }
    let info = run("pdfinfo", &[file]);
    assert!(info.contains(&format!("Pages:           {}", summary.pages)), "{info}");
    assert!(summary.missing_glyphs.is_empty(), "{:?}", summary.missing_glyphs);
    run("pdftotext", &["-layout", file, "-"])
}

#[test]
fn every_report_of_the_demo_is_a_valid_pdf_that_says_what_it_should() {
    let (dir, _path, mut p) = demo(40);
    p.set_today(today());
    let key = p
        .list_releases()
        .unwrap()
        .into_iter()
        .find(|r| {
            r.status == runway_domain::ReleaseStatus::BackedOut || r.status == runway_domain::ReleaseStatus::Closed
        })
        .unwrap()
        .key;
    let cases: Vec<(ReportRequest, Vec<&str>)> = vec![
        (
            ReportRequest { quarter: Some("2026-Q4".into()), ..request(ReportKind::Quarterly) },
            vec![
                "Quarterly PMO report · 2026 Q4",
                "Key process performance indicators",
                "Trend over the last four quarters",
                "Planned vs actual releases",
                "Releases implemented",
                "Cancelled releases",
                "Roadmap for 2027 Q1",
                "How these figures are counted",
                "Page 1 of",
            ],
        ),
        (
            ReportRequest { month: Some("2026-10".into()), ..request(ReportKind::Monthly) },
            vec![
                "Monthly KPI report · October 2026",
                "Releases implemented per month, by type",
                "Roadmap for November 2026",
            ],
        ),
        (
            ReportRequest { release: Some(key.clone()), ..request(ReportKind::Release) },
            vec![key.as_str(), "Timeline: planned vs actual", "Gate decisions and evidence", "Requests for change"],
        ),
        (
            ReportRequest {
                from: Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()),
                to: Some(NaiveDate::from_ymd_opt(2027, 3, 31).unwrap()),
                sheet: Sheet { paper: Paper::A3, landscape: true },
                ..request(ReportKind::Poster)
            },
            vec!["Roadmap poster", "Sheet A1", "2026 Q4", "2027 Q1", "Payments"],
        ),
        (
            ReportRequest {
                from: Some(today()),
                to: Some(today() + chrono::Days::new(30)),
                ..request(ReportKind::CabPack)
            },
            vec![
                "CAB pack",
                "Agenda",
                "Submission gate, judged today",
                "Backout plan",
                "Test evidence",
                "Approve",
                "Defer",
            ],
        ),
        (
            ReportRequest {
                from: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
                to: Some(today()),
                ..request(ReportKind::CabMinutes)
            },
            vec!["CAB minutes", "Decided by", "Change Manager", "By the emergency CAB"],
        ),
    ];
    for (n, (req, expected)) in cases.iter().enumerate() {
        let text = write_and_read(&p, req, &dir.path().join(format!("report-{n}.pdf")));
        for e in expected {
            assert!(text.contains(e), "{:?} lacks {e:?}:\n{text}", req.kind);
        }
        assert!(text.contains("audit chain head #"), "{:?} has no audit head in its footer", req.kind);
        assert!(text.contains("Generated 2026-11-22 09:30 UTC"), "{:?}", req.kind);
    }
}

#[test]
fn the_quarterly_report_prints_the_figures_of_its_model() {
    let (dir, _path, p) = demo(40);
    let period = Period::parse_quarter("2026-Q4").unwrap();
    let model = kpi_report(&p.export().unwrap(), &period);
    let h = &model.headline;
    assert!(h.implemented > 0 && h.deployment_attempts > 0, "the demo deploys in 2026 Q4");
    let text = write_and_read(
        &p,
        &ReportRequest { quarter: Some("2026-Q4".into()), ..request(ReportKind::Quarterly) },
        &dir.path().join("q.pdf"),
    );
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cfr = format!("({} of {} deployments)", h.change_failures, h.deployment_attempts);
    assert!(flat.contains(&cfr), "no {cfr} in {flat}");
    let implemented = format!("In 2026 Q4, {} releases were implemented, {} of them late.", h.implemented, h.late);
    assert!(flat.contains(&implemented), "no {implemented:?}");
    for row in &model.roadmap.rows {
        assert!(flat.contains(&row.release.key), "the next quarter's {} is missing", row.release.key);
    }
}

#[test]
fn names_in_any_script_survive_and_a_character_the_font_lacks_is_reported() {
    let (dir, _path, mut p) = demo(40);
    // A release whose tests Дмитрий Иванов or Σοφία Παπαδοπούλου recorded.
    let doc = p.export().unwrap();
    let key = doc
        .events
        .iter()
        .find(|e| e.by.starts_with("dmitry") || e.by.starts_with("sofia"))
        .map(|e| e.release.clone())
        .unwrap();
    let text = write_and_read(
        &p,
        &ReportRequest { release: Some(key.clone()), ..request(ReportKind::Release) },
        &dir.path().join("r.pdf"),
    );
    assert!(text.contains("Дмитрий Иванов") || text.contains("Σοφία Παπαδοπούλου"), "{text}");

    let detail = p.release(&key).unwrap().release;
    let mut input = runway_domain::ReleaseInput::from(&detail);
    input.notes = "Rollout notes for the 東京 data centre".into();
    p.update_release(&key, input).unwrap();
    let out = dir.path().join("cjk.pdf");
    let summary = p.write_report(&ReportRequest { release: Some(key), ..request(ReportKind::Release) }, &out).unwrap();
    assert_eq!(summary.missing_glyphs, vec!["京".to_string(), "東".to_string()]);
    run("qpdf", &["--check", out.to_str().unwrap()]);
    assert!(run("pdftotext", &[out.to_str().unwrap(), "-"]).contains("Rollout notes for the"));
}

#[test]
fn the_same_plan_and_time_give_the_same_bytes() {
    let (dir, _path, p) = demo(40);
    for kind in [ReportKind::Quarterly, ReportKind::Poster, ReportKind::CabPack, ReportKind::Fsc] {
        let req = ReportRequest { quarter: Some("2026-Q4".into()), ..request(kind) };
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
        // Something else in between must not change the next report (printpdf draws ids from a
        // process-wide counter).
        p.write_report(&req, &a).unwrap();
        p.write_report(&request(ReportKind::Monthly), &dir.path().join("other.pdf")).unwrap();
        p.write_report(&req, &b).unwrap();
        assert_eq!(sha256(&a), sha256(&b), "{kind:?}");
        let later = ReportRequest { generated_at: Some(generated() + chrono::Duration::hours(1)), ..req };
        p.write_report(&later, &b).unwrap();
        assert_ne!(sha256(&a), sha256(&b), "{kind:?} does not print its time");
    }
}

#[test]
fn a_bad_request_names_what_is_wrong_and_writes_nothing() {
    let (dir, plan, p) = demo(40);
    let out = dir.path().join("never.pdf");
    let bad = [
        (ReportRequest { quarter: Some("2027-Q5".into()), ..request(ReportKind::Quarterly) }, "Q5"),
        (ReportRequest { month: Some("2027-13".into()), ..request(ReportKind::Monthly) }, "2027-13"),
        (ReportRequest { release: Some("NOPE-1".into()), ..request(ReportKind::Release) }, "NOPE-1"),
        (ReportRequest { release: None, ..request(ReportKind::Release) }, "release"),
        (
            ReportRequest {
                from: Some(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()),
                to: Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
                ..request(ReportKind::Poster)
            },
            "before it starts",
        ),
    ];
    // The plan's own file is never replaced by a report.
    let e = p.write_report(&request(ReportKind::Poster), &plan).unwrap_err();
    assert!(matches!(e, Error::Conflict(_)) && e.to_string().contains("open plan"), "{e}");
    assert!(p.verify().unwrap().first_failure().is_none(), "the plan is still a plan");
    for (req, says) in bad {
        let e = p.write_report(&req, &out).unwrap_err();
        assert!(e.to_string().contains(says), "{:?}: {e}", req.kind);
        assert!(matches!(e, Error::Validation(_) | Error::NotFound(_)), "{e:?}");
        assert!(!out.exists());
    }
}

#[test]
fn the_poster_of_five_thousand_releases_tiles_without_clipping() {
    let (dir, _path, mut p) = demo(5000);
    p.set_today(today());
    let req = ReportRequest {
        from: Some(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()),
        to: Some(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()),
        sheet: Sheet { paper: Paper::A3, landscape: true },
        ..request(ReportKind::Poster)
    };
    // Tiles on a big sheet across and a small one upright: nothing drawn off a page either way.
    for sheet in [Sheet { paper: Paper::A4, landscape: false }, req.sheet] {
        let req = ReportRequest { sheet, ..req.clone() };
        let doc = p.report_document(&req).unwrap();
        assert!(doc.pages.len() > 20, "{} pages", doc.pages.len());
        let layout = p.roadmap(None).unwrap();
        let (from, to) = (req.from.unwrap(), req.to.unwrap());
        let wanted: std::collections::BTreeSet<&str> = layout
            .rows
            .iter()
            .filter(|r| r.bars.iter().any(|b| b.start <= to && b.end >= from))
            .map(|r| r.key.as_str())
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for (n, page) in doc.pages.iter().enumerate() {
            let mut sheet_label = false;
            for m in &page.marks {
                let (x0, y0, x1, y1) = match m {
                    Mark::Text { x, y, size, bold, text, .. } => {
                        seen.insert(text.as_str());
                        sheet_label |= text.starts_with("Sheet ");
                        let face = if *bold { font::Face::Bold } else { font::Face::Regular };
                        (*x, y - size, x + font::width(face, *size, text), *y)
                    }
                    Mark::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
                    Mark::Line { points, .. } | Mark::Polygon { points, .. } => {
                        points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |(a, b, c, d), &(x, y)| {
                            (a.min(x), b.min(y), c.max(x), d.max(y))
                        })
                    }
                };
                assert!(
                    x0 >= 0.0 && y0 >= 0.0 && x1 <= page.width && y1 <= page.height,
                    "page {n}: {m:?} leaves the page"
                );
            }
            assert!(sheet_label, "page {n} does not say where it sits in the grid");
        }
        let missing: Vec<&&str> = wanted.iter().filter(|k| !seen.contains(**k)).collect();
        assert!(missing.is_empty(), "{} releases have no row: {:?}", missing.len(), &missing[..missing.len().min(5)]);
    }
    let out = dir.path().join("poster.pdf");
    let summary = p.write_report(&req, &out).unwrap();
    assert_eq!(summary.pages as usize, p.report_document(&req).unwrap().pages.len());
    run("qpdf", &["--check", out.to_str().unwrap()]);
}

#[test]
fn the_outline_lists_the_sections_in_the_order_they_come() {
    let (dir, _path, p) = demo(40);
    let out = dir.path().join("q.pdf");
    p.write_report(&ReportRequest { quarter: Some("2026-Q4".into()), ..request(ReportKind::Quarterly) }, &out).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&run("qpdf", &["--json", "--json-key=outlines", out.to_str().unwrap()])).unwrap();
    let titles: Vec<&str> = json["outlines"].as_array().unwrap().iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(
        &titles[..4],
        [
            "Summary",
            "Key process performance indicators",
            "Trend over the last four quarters",
            "Volume of releases per month"
        ]
    );
    assert_eq!(titles.last(), Some(&"How these figures are counted"));
    let pages: Vec<i64> =
        json["outlines"].as_array().unwrap().iter().map(|o| o["destpageposfrom1"].as_i64().unwrap()).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "{pages:?}");
}

/// A plan whose newest audit entry holds a hash that is not 64 hex digits (non-ASCII, or short)
/// still gives every report, with the head marked in the footer instead of a panic (the footer
/// used to cut the hash at byte 16, which can split a character); verify names the broken chain.
#[test]
fn a_damaged_audit_head_is_marked_in_every_report_not_a_panic() {
    for hash in ["€".repeat(30), "ab".to_string(), format!("{}é", "0".repeat(63))] {
        let (_dir, path, p) = demo(6);
        let key = p.list_releases().unwrap()[0].key.clone();
        drop(p);
        let seq: i64 = {
            let c = rusqlite::Connection::open(&path).unwrap();
            let (seq, prev): (i64, String) = c
                .query_row("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            c.execute(
                "INSERT INTO audit (seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash)
                 VALUES (?1, '2026-11-22T10:00:00.000Z', 'Mallory', 'edit', 'plan', 'x', NULL, NULL, ?2, ?3)",
                rusqlite::params![seq + 1, prev, hash],
            )
            .unwrap();
            seq + 1
        };
        let mut p = Planner::open(&path, crate::WHO).unwrap();
        p.set_today(today());
        let marked = format!("audit chain head #{seq} — (not a SHA-256 hash; run runway verify)");
        for kind in [
            ReportKind::Release,
            ReportKind::Monthly,
            ReportKind::Quarterly,
            ReportKind::Poster,
            ReportKind::CabPack,
            ReportKind::CabMinutes,
            ReportKind::Fsc,
            ReportKind::Matrix,
        ] {
            let req = ReportRequest { release: Some(key.clone()), ..request(kind) };
            let doc = p.report_document(&req).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
            let footer =
                doc.pages[0].marks.iter().any(|m| matches!(m, Mark::Text { text, .. } if text.contains(&marked)));
            assert!(footer, "{kind:?} with hash {hash:?}: no {marked:?} in the footer");
            assert!(p.report_pdf(&req).is_ok(), "{kind:?}");
        }
        let report = p.verify().unwrap();
        assert_eq!(report.first_failure().unwrap().name, "audit chain");
    }
}

/// Whitespace made single spaces: a message wrapped over lines of a table cell reads whole.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The demo in Europe/London with a freeze over one of March 2027's deployments, a green zone on
/// Tuesday and Thursday evenings in Prod and a booking of UAT by hand; the key of the frozen
/// deployment and the freeze's conflict message.
fn forward_schedule_plan() -> (tempfile::TempDir, Planner, String, String) {
    use runway_domain::calendar::{ChangeWindow, ConflictKind, ManualBooking, Scope, WindowKind};
    let (dir, _path, mut p) = demo(40);
    p.set_today(today());
    p.set_time_zone("Europe/London").unwrap();
    let march = p
        .calendar(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap())
        .unwrap();
    let frozen = march.deployments.first().expect("the demo deploys in March 2027").clone();
    let window = |name: &str, kind, start: chrono::NaiveDateTime, end: chrono::NaiveDateTime| ChangeWindow {
        name: name.into(),
        kind,
        reason: String::new(),
        scope: Scope::default(),
        start,
        end,
        all_day: false,
        recurrence: None,
        exceptions: vec![],
    };
    let day = frozen.start.date();
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap();
    p.save_window(
        None,
        ChangeWindow {
            reason: "Audit of the payment systems".into(),
            all_day: true,
            ..window("Audit freeze", WindowKind::Freeze, midnight(day), midnight(day + chrono::Days::new(2)))
        },
    )
    .unwrap();
    let evening = |h| NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(h, 0, 0).unwrap();
    p.save_window(
        None,
        ChangeWindow {
            scope: Scope { environments: vec!["Prod".into()], ..Scope::default() },
            recurrence: Some("FREQ=WEEKLY;BYDAY=TU,TH".into()),
            ..window("Evening deployments", WindowKind::GreenZone, evening(19), evening(23))
        },
    )
    .unwrap();
    p.save_booking(
        None,
        ManualBooking {
            environment: "UAT".into(),
            start: "2027-03-08T09:00:00".parse().unwrap(),
            end: "2027-03-12T17:00:00".parse().unwrap(),
            purpose: "Load test of the card switch".into(),
            by: "Grace Mwangi".into(),
            release: None,
        },
    )
    .unwrap();
    let conflict = p
        .release_conflicts(&frozen.release)
        .unwrap()
        .into_iter()
        .find(|c| c.kind == ConflictKind::Freeze)
        .expect("the deployment is in the freeze");
    (dir, p, frozen.release, conflict.message)
}

#[test]
fn the_forward_schedule_of_a_month_and_a_quarter_prints_lanes_windows_deployments_and_conflicts() {
    let (dir, p, key, message) = forward_schedule_plan();
    let month = ReportRequest { month: Some("2027-03".into()), ..request(ReportKind::Fsc) };
    let quarter = ReportRequest { quarter: Some("2027-Q1".into()), ..request(ReportKind::Fsc) };
    for (req, period) in [(&month, "March 2027"), (&quarter, "2027 Q1")] {
        let out = dir.path().join(req.suggested_file_name());
        let text = write_and_read(&p, req, &out);
        let raw = flat(&run("pdftotext", &["-raw", out.to_str().unwrap(), "-"]));
        for e in [
            &format!("Forward schedule of changes · {period}"),
            "Dev",
            "Test",
            "UAT",
            "Pre-prod",
            "Prod",
            "Audit freeze",
            "Evening deployments",
            "Load test of the card switch",
            "Europe/London",
            key.as_str(),
            "Conflicts",
            "Blocking",
            "Page 1 of",
        ] {
            assert!(text.contains(e), "{period} lacks {e:?}:\n{text}");
        }
        assert!(raw.contains(&flat(&message)), "{period} lacks the conflict {message:?}:\n{raw}");
        assert!(text.contains("audit chain head #") && text.contains("Generated 2026-11-22 09:30 UTC"));
        let info = run("pdfinfo", &[out.to_str().unwrap()]);
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
        assert!(size.contains("841.89 x 595.28"), "landscape A4 whatever the request says: {size}");

        // Byte for byte the same for the same plan and time.
        let again = dir.path().join("again.pdf");
        p.write_report(req, &again).unwrap();
        assert_eq!(sha256(&out), sha256(&again), "{period}");
    }
    // The month is one page of chart; the quarter a page per month, the lanes on each.
    let doc = p.report_document(&month).unwrap();
    assert_eq!((doc.bookmarks[0].title.as_str(), doc.bookmarks[0].page), ("Schedule: March 2027", 0));
    assert_eq!(doc.bookmarks[1].title, "Conflicts");
    let doc = p.report_document(&quarter).unwrap();
    for (n, name) in ["January", "February", "March"].iter().enumerate() {
        let b = doc.bookmarks.iter().find(|b| b.title == format!("Schedule: {name} 2027")).unwrap();
        assert_eq!(b.page as usize, n);
        let page = &doc.pages[n];
        for lane in ["Dev", "Test", "UAT", "Pre-prod", "Prod"] {
            assert!(
                page.marks.iter().any(|m| matches!(m, Mark::Text { text, .. } if text == lane)),
                "{name}: no {lane}"
            );
        }
    }
    assert_eq!(
        ReportRequest { month: Some("2027-03".into()), ..request(ReportKind::Fsc) }.suggested_file_name(),
        "Forward schedule of changes 2027-03.pdf"
    );
}

#[test]
fn a_forward_schedule_of_a_bad_period_is_refused_at_its_field() {
    let (dir, _plan, p) = demo(6);
    let out = dir.path().join("never.pdf");
    for (req, field) in [
        (ReportRequest { month: Some("2027-13".into()), ..request(ReportKind::Fsc) }, "month"),
        (ReportRequest { quarter: Some("2027-Q5".into()), ..request(ReportKind::Fsc) }, "quarter"),
        (
            ReportRequest {
                month: Some("2027-03".into()),
                quarter: Some("2027-Q1".into()),
                ..request(ReportKind::Fsc)
            },
            "quarter",
        ),
    ] {
        let Err(Error::Validation(errors)) = p.write_report(&req, &out) else { panic!("{req:?} accepted") };
        assert_eq!(errors[0].field, field, "{errors:?}");
        assert!(!out.exists());
    }
}

#[test]
fn the_forward_schedule_of_five_thousand_releases_stays_legible() {
    let (dir, _path, p) = demo(5000);
    let req = ReportRequest { month: Some("2027-03".into()), ..request(ReportKind::Fsc) };
    let doc = p.report_document(&req).unwrap();
    let view = p
        .calendar(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 3, 31).unwrap())
        .unwrap();
    assert!(view.deployments.len() > 100, "{} deployments", view.deployments.len());
    let mut seen = std::collections::BTreeSet::new();
    for (n, page) in doc.pages.iter().enumerate() {
        for m in &page.marks {
            let (x0, y0, x1, y1) = match m {
                Mark::Text { x, y, size, bold, text, .. } => {
                    seen.insert(text.as_str());
                    let face = if *bold { font::Face::Bold } else { font::Face::Regular };
                    (*x, y - size, x + font::width(face, *size, text), *y)
                }
                Mark::Rect { x, y, w, h, .. } => (*x, *y, x + w, y + h),
                Mark::Line { points, .. } | Mark::Polygon { points, .. } => {
                    points.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |(a, b, c, d), &(x, y)| {
                        (a.min(x), b.min(y), c.max(x), d.max(y))
                    })
                }
            };
            assert!(x0 >= 0.0 && y0 >= 0.0 && x1 <= page.width + 0.01 && y1 <= page.height, "page {n}: {m:?}");
        }
    }
    // The chart is still one page (bookings too many to draw are counted per day), every lane on it.
    assert_eq!((doc.bookmarks[0].title.as_str(), doc.bookmarks[0].page), ("Schedule: March 2027", 0));
    for lane in &view.lanes {
        let on_page =
            doc.pages[0].marks.iter().any(|m| matches!(m, Mark::Text { text, .. } if *text == lane.environment));
        assert!(on_page, "no lane for {}", lane.environment);
    }
    let missing: Vec<&str> =
        view.deployments.iter().map(|d| d.release.as_str()).filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "deployments not listed: {missing:?}");
    let out = dir.path().join("fsc.pdf");
    p.write_report(&req, &out).unwrap();
    run("qpdf", &["--check", out.to_str().unwrap()]);
}
