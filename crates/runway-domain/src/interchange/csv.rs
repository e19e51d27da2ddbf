//! CSV for spreadsheets (D11): the releases, their milestones and the RFCs of a portfolio, each as
//! one table with one header row, ISO dates, CRLF lines, UTF-8 (with a byte-order mark when asked,
//! which older Excel needs to read the names right). Every text cell is safe from formula
//! injection: one that a spreadsheet would evaluate (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written with a leading `'`, as OWASP recommends, so it shows as the text it
//! is. Dates and numbers Runway writes itself are left as they are.

use std::borrow::Cow;

use super::read::{MILESTONE_COLUMNS, RELEASE_COLUMNS, RFC_COLUMNS};
use crate::model::Release;
use crate::portfolio::Portfolio;

/// A table Runway writes as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Releases,
    Milestones,
    Rfcs,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Releases, Table::Milestones, Table::Rfcs];

    pub fn parse(s: &str) -> Option<Table> {
        match s.trim().to_lowercase().as_str() {
            "releases" => Some(Table::Releases),
            "milestones" => Some(Table::Milestones),
            "rfcs" => Some(Table::Rfcs),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Table::Releases => "releases",
            Table::Milestones => "milestones",
            Table::Rfcs => "rfcs",
        }
    }
}

/// A text cell as a spreadsheet must show it: one that would start a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return) gets a leading `'`.
pub fn safe(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// The header and rows of a table (the header is the columns `read` finds, in their order).
pub fn rows(doc: &Portfolio, table: Table) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let text = |s: &str| safe(s).into_owned();
    let list = |v: &[String]| safe(&v.join("; ")).into_owned();
    let opt = |o: &Option<String>| o.as_deref().map(text).unwrap_or_default();
    match table {
        Table::Releases => (
            RELEASE_COLUMNS.to_vec(),
            doc.releases
                .iter()
                .map(|r: &Release| {
                    let cis: Vec<String> = r.cis.iter().map(|c| format!("{} {}", c.ci, c.version)).collect();
                    vec![
                        text(&r.key),
                        text(&r.title),
                        r.kind.as_str().to_owned(),
                        r.unit.as_str().to_owned(),
                        r.status.as_str().to_owned(),
                        list(&r.applications),
                        opt(&r.owner),
                        opt(&r.manager),
                        list(&r.environments),
                        r.window.map(|w| w.start.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default(),
                        r.window.map(|w| w.end.format("%Y-%m-%dT%H:%M").to_string()).unwrap_or_default(),
                        r.risk.as_str().to_owned(),
                        list(&r.rfcs),
                        list(&cis),
                        if r.backout_tested { "yes" } else { "no" }.to_owned(),
                        text(&r.backout_plan),
                        text(&r.acceptance_criteria),
                        text(&r.notes),
                    ]
                })
                .collect(),
        ),
        Table::Milestones => (
            MILESTONE_COLUMNS.to_vec(),
            doc.releases
                .iter()
                .flat_map(|r| {
                    r.milestones.iter().map(move |m| {
                        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
                        vec![
                            safe(&r.key).into_owned(),
                            m.kind.as_str().to_owned(),
                            m.planned_start.to_string(),
                            m.planned_end.to_string(),
                            day(m.actual_start),
                            day(m.actual_end),
                        ]
                    })
                })
                .collect(),
        ),
        Table::Rfcs => (
            RFC_COLUMNS.to_vec(),
            doc.rfcs
                .iter()
                .map(|rfc| {
                    let linked: Vec<String> =
                        doc.releases.iter().filter(|r| r.rfcs.contains(&rfc.key)).map(|r| r.key.clone()).collect();
                    vec![text(&rfc.key), text(&rfc.title), rfc.status.as_str().to_owned(), list(&linked)]
                })
                .collect(),
        ),
    }
}

/// A table as CSV text: one header row, CRLF lines, fields quoted where they must be; a
/// byte-order mark first when `bom`.
pub fn write(doc: &Portfolio, table: Table, bom: bool) -> String {
    let (header, rows) = rows(doc, table);
    write_rows(&header, &rows, bom)
}

/// Rows as CSV text (the cells as given: pass them through [`safe`] first).
pub fn write_rows<S: AsRef<str>>(header: &[&str], rows: &[Vec<S>], bom: bool) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(vec![]);
    // Writing to memory cannot fail, and every cell is a String: the csv crate's errors here are
    // only I/O ones.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(AsRef::as_ref));
    }
    let bytes = w.into_inner().unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    if bom { format!("\u{feff}{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_would_start_a_formula_is_shown_as_text() {
        for bad in ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(safe(bad), format!("'{bad}"), "{bad:?}");
        }
        for ok in ["REL-1", "Payments 2.1", "", " =1", "a=b", "'quoted"] {
            assert_eq!(safe(ok), ok, "{ok:?}");
        }
    }
}
