//! The responsibility matrix (SARCI or RACI): the grid of activities × roles, its header row of
//! wrapped role names repeated on every page, the codes centred with S (RACI's `A*`) and A
//! emphasised; then the legend, who holds each role and the broken rules.

use runway_domain::matrix::Code;
use runway_domain::report::MatrixReport;

use crate::compose::{Cell, Column, Composer, Sheet, wrap};
use crate::font::{self, Face};
use crate::page::Rgb;

/// More roles than this and the grid goes landscape: nine roles across a portrait page leave
/// the activities' names a column too narrow to read.
pub const PORTRAIT_ROLES: usize = 6;

/// The sheet the matrix is laid out on: the one asked for, turned landscape when the grid is
/// wide.
pub fn sheet_for(m: &MatrixReport, sheet: Sheet) -> Sheet {
    Sheet { landscape: sheet.landscape || m.roles.len() > PORTRAIT_ROLES, ..sheet }
}

/// The legend, compact so that it stays on the grid's page when it can: a line per code (its
/// meaning wrapped under itself when the page is narrow), the code as the grid prints it.
fn legend(c: &mut Composer, m: &MatrixReport) {
    const SIZE: f32 = 8.0;
    const PITCH: f32 = 11.5;
    let code_w = 26.0;
    let label_w = m.legend.iter().map(|l| font::width(Face::Bold, SIZE, &l.label)).fold(0.0, f32::max) + 14.0;
    let meaning_w = c.content_width() - code_w - label_w;
    let lines: Vec<Vec<String>> = m.legend.iter().map(|l| wrap(&l.meaning, Face::Regular, SIZE, meaning_w)).collect();
    let height = lines.iter().map(|l| l.len().max(1) as f32 * PITCH).sum::<f32>() + 6.0;
    c.heading_keep("Legend", height);
    c.block(height, |page, x, y, _| {
        let mut y = y;
        for (l, meaning) in m.legend.iter().zip(&lines) {
            let code = code_cell(Some(l.code), &l.shown);
            let cw = font::width(Face::of(code.bold), SIZE, &code.text);
            page.text(x + (code_w - cw) / 2.0, y + SIZE, SIZE, code.bold, code.color.unwrap_or(Rgb::TEXT), code.text);
            page.text(x + code_w, y + SIZE, SIZE, true, Rgb::TEXT, l.label.clone());
            for (n, line) in meaning.iter().enumerate() {
                page.text(x + code_w + label_w, y + SIZE + n as f32 * PITCH, SIZE, false, Rgb::TEXT, line.clone());
            }
            y += meaning.len().max(1) as f32 * PITCH;
        }
    });
}

/// A code as the grid prints it: S (or A*) bold in the accent colour, A bold, the others plain.
fn code_cell(code: Option<Code>, text: &str) -> Cell {
    match code {
        Some(Code::Signature) => Cell { text: text.to_owned(), color: Some(Rgb::ACCENT), bold: true },
        Some(Code::Accountable) => Cell::bold(text),
        _ => Cell::from(text),
    }
}

pub fn render(c: &mut Composer, m: &MatrixReport) {
    c.title_block(&m.title, &m.subtitle);
    let verdict = if m.valid() { Rgb::GOOD } else { Rgb::BAD };
    c.paragraph_styled(&m.verdict, 9.5, true, verdict);
    if !m.valid() {
        c.note("Activities in red break a rule; each broken rule is listed under “Rule violations”.");
    }

    c.heading_keep("The matrix", 80.0);
    let mut columns = vec![Column::left("Activity", 4.2)];
    columns.extend(m.roles.iter().map(|r| Column::center(r, 1.0)));
    let rows: Vec<Vec<Cell>> = m
        .rows
        .iter()
        .map(|row| {
            let name =
                if row.broken { Cell::colored(row.name.clone(), Rgb::BAD) } else { Cell::from(row.name.clone()) };
            std::iter::once(name).chain(row.cells.iter().map(|cell| code_cell(cell.code, &cell.text))).collect()
        })
        .collect();
    c.table(&columns, &rows, "The matrix has no activities yet.");

    legend(c, m);
    if let Some(note) = &m.legend_note {
        c.note(note);
    }
    c.note(if m.raci {
        "Rules: every activity has exactly one A, at least one R and at most one A* (one S in SARCI)."
    } else {
        "Rules: every activity has exactly one A, at least one R and at most one S."
    });

    c.heading_keep("Rule violations", 30.0);
    if m.valid() {
        c.paragraph_styled(&m.verdict, 9.0, false, Rgb::GOOD);
    } else {
        for v in &m.violations {
            c.paragraph_styled(&format!("•  {v}"), 9.0, false, Rgb::BAD);
        }
    }

    c.heading("Who holds each role");
    c.note(&m.holders_note);
    let holders: Vec<Vec<Cell>> = m
        .holders
        .iter()
        .map(|h| {
            let people = if h.people.is_empty() {
                Cell::colored("Nobody holds this role", Rgb::MUTED)
            } else {
                h.people.iter().map(|p| format!("{} <{}>", p.name, p.email)).collect::<Vec<_>>().join("\n").into()
            };
            let source =
                if h.source == "This release" { Cell::bold(h.source.clone()) } else { h.source.clone().into() };
            vec![Cell::bold(h.name.clone()), people, source]
        })
        .collect();
    c.table(
        &[Column::left("Role", 2.4), Column::left("Held by", 4.0), Column::left("From", 1.2)],
        &holders,
        "The matrix has no roles yet.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::{Frame, MARGIN, Paper};
    use crate::page::{Document, Mark};
    use runway_domain::matrix::Matrix;
    use runway_domain::portfolio::Portfolio;
    use runway_domain::report::matrix_report;

    fn frame() -> Frame {
        Frame {
            report: "Responsibility matrix".into(),
            plan: "Plan".into(),
            period: "SARCI · the portfolio".into(),
            generated_at: "2027-04-01 09:00 UTC".into(),
            audit_head: "#1 abc".into(),
        }
    }

    /// The matrix report of the template cut to its first `roles` roles.
    fn laid_out(roles: usize, sheet: Sheet) -> (MatrixReport, Document) {
        let mut m = Matrix::default();
        m.roles.truncate(roles);
        let keep: Vec<String> = m.roles.iter().map(|r| r.key.clone()).collect();
        m.cells.retain(|c| keep.contains(&c.role));
        let mut doc = Portfolio::new("Plan");
        doc.matrix = Some(m);
        let model = matrix_report(&doc, None, false).unwrap();
        let mut c = Composer::new(sheet_for(&model, sheet), &model.title);
        render(&mut c, &model);
        (model.clone(), c.finish(&frame()))
    }

    /// A text mark: its left and right edges, its baseline, its text, whether bold.
    struct T {
        left: f32,
        right: f32,
        y: f32,
        text: String,
        bold: bool,
    }

    impl T {
        fn centre(&self) -> f32 {
            (self.left + self.right) / 2.0
        }
    }

    fn texts(doc: &Document, page: usize) -> Vec<T> {
        doc.pages[page]
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { x, y, size, bold, text, .. } => Some(T {
                    left: *x,
                    right: x + font::width(Face::of(*bold), *size, text),
                    y: *y,
                    text: text.clone(),
                    bold: *bold,
                }),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_wide_matrix_goes_landscape_and_a_narrow_one_stays_as_asked() {
        let (_, wide) = laid_out(9, Sheet::default());
        assert!(wide.pages[0].width > wide.pages[0].height, "nine roles: landscape");
        let (_, narrow) = laid_out(5, Sheet::default());
        assert!(narrow.pages[0].width < narrow.pages[0].height, "five roles: portrait");
        let (_, asked) = laid_out(5, Sheet { paper: Paper::Letter, landscape: true });
        assert!(asked.pages[0].width > asked.pages[0].height, "landscape when asked");
    }

    #[test]
    fn codes_are_centred_under_their_role_and_s_and_a_are_bold() {
        for roles in [4, 9] {
            let (model, doc) = laid_out(roles, Sheet::default());
            let t = texts(&doc, 0);
            // Authorize deployment's row: S under the Sponsor, then the codes of the others.
            let row = t.iter().find(|m| m.text == "Authorize deployment").unwrap();
            let codes: Vec<&T> = t.iter().filter(|m| (m.y - row.y).abs() < 0.01 && m.left > row.right).collect();
            let want: Vec<&str> =
                model.rows[4].cells.iter().map(|c| c.text.as_str()).filter(|c| !c.is_empty()).collect();
            assert_eq!(codes.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), want, "{roles} roles");
            let sponsor = t.iter().find(|m| m.text.starts_with("Sponsor")).unwrap();
            assert!(sponsor.bold && sponsor.y < row.y, "the header is above the rows");
            assert!(
                (codes[0].centre() - sponsor.centre()).abs() < 0.5,
                "S at {} is not under the sponsor at {}",
                codes[0].centre(),
                sponsor.centre()
            );
            assert!(codes[0].bold, "S is bold");
            assert!(codes.iter().filter(|c| c.text == "A").all(|c| c.bold), "A is bold");
            assert!(codes.iter().filter(|c| c.text != "A" && c.text != "S").all(|c| !c.bold), "others are plain");
            for m in &t {
                assert!(
                    m.left >= MARGIN - 0.5 && m.right <= doc.pages[0].width - MARGIN + 0.5,
                    "{} runs off the page",
                    m.text
                );
            }
        }
    }
}
