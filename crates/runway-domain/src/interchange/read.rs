//! Reading the spreadsheet tables back (D11): releases, milestones and RFCs from CSV, columns found
//! by their header's name (case, spaces, `_` and `-` ignored: `Window start` is `window_start`),
//! all or nothing, every bad cell named by its row (as the spreadsheet numbers it: the header is
//! row 1) and column. Unknown columns are reported, not refused. A cell Runway's export wrote
//! with a leading `'` (a formula made safe) reads as the text it was.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::{
    CiVersion, Milestone, MilestoneKind, Release, ReleaseKind, ReleaseStatus, ReleaseUnit, Rfc, RfcStatus, Risk, Window,
};

/// The largest CSV read (a spreadsheet of 5,000 releases is about 5 MB).
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// What a table's rows gave, and the columns nobody reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read<T> {
    pub rows: Vec<T>,
    /// Columns of the file that are not part of the table, as the file names them.
    pub ignored: Vec<String>,
}

fn norm(name: &str) -> String {
    name.trim().trim_start_matches('\u{feff}').to_lowercase().replace([' ', '-'], "_")
}

/// A cell as the user meant it: trimmed, and a `'` the export put before a formula character
/// taken off again.
fn cell(text: &str) -> String {
    let t = text.trim();
    match t.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => t.to_owned(),
    }
}

struct Sheet {
    columns: HashMap<String, usize>,
    names: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Sheet {
    fn parse(text: &str, known: &[&str], required: &[&str]) -> Result<(Sheet, Vec<String>), Vec<String>> {
        if text.len() > MAX_BYTES {
            return Err(vec![format!("the file is {} MB; at most {} MB is read", text.len() >> 20, MAX_BYTES >> 20)]);
        }
        let mut r = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
        let names: Vec<String> = match r.headers() {
            Ok(h) => h.iter().map(|s| s.trim().trim_start_matches('\u{feff}').to_owned()).collect(),
            Err(e) => return Err(vec![format!("row 1: the header cannot be read: {e}")]),
        };
        let mut columns = HashMap::new();
        let mut errors = vec![];
        let mut ignored = vec![];
        for (i, n) in names.iter().enumerate() {
            let key = norm(n);
            if !known.contains(&key.as_str()) {
                if !n.is_empty() {
                    ignored.push(n.clone());
                }
            } else if columns.insert(key, i).is_some() {
                errors.push(format!("row 1: the column {n:?} is there twice"));
            }
        }
        for req in required {
            if !columns.contains_key(*req) {
                errors.push(format!("row 1: the column {req:?} is missing (the columns are {})", known.join(", ")));
            }
        }
        let mut rows = vec![];
        for (i, rec) in r.records().enumerate() {
            match rec {
                Ok(rec) if rec.iter().all(|c| c.trim().is_empty()) => rows.push(vec![]),
                Ok(rec) => rows.push(rec.iter().map(str::to_owned).collect()),
                Err(e) => errors.push(format!("row {}: {e}", i + 2)),
            }
        }
        if errors.is_empty() { Ok((Sheet { columns, names, rows }, ignored)) } else { Err(errors) }
    }

    fn get(&self, row: &[String], column: &str) -> String {
        self.columns.get(column).and_then(|&i| row.get(i)).map(|c| cell(c)).unwrap_or_default()
    }

    fn name(&self, column: &str) -> String {
        self.columns.get(column).map_or_else(|| column.to_owned(), |&i| self.names[i].clone())
    }
}

/// Collects one row's problems as `row N, column C: message`.
struct Row<'a> {
    sheet: &'a Sheet,
    cells: &'a [String],
    n: usize,
    errors: &'a mut Vec<String>,
}

impl Row<'_> {
    fn text(&self, column: &str) -> String {
        self.sheet.get(self.cells, column)
    }

    fn bad(&mut self, column: &str, message: impl std::fmt::Display) {
        self.errors.push(format!("row {}, column {}: {message}", self.n, self.sheet.name(column)));
    }

    fn required(&mut self, column: &str) -> String {
        let t = self.text(column);
        if t.is_empty() {
            self.bad(column, "is empty");
        }
        t
    }

    fn choice<T: Copy>(
        &mut self,
        column: &str,
        all: &[T],
        wire: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Option<T> {
        let t = self.text(column);
        if t.is_empty() {
            return None;
        }
        let found = all.iter().copied().find(|&v| norm(wire(v)) == norm(&t) || norm(label(v)) == norm(&t));
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|&v| wire(v)).collect();
            self.bad(column, format!("{t:?} is not one of {}", names.join(", ")));
        }
        found
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.text(column).split([';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let t = self.text(column);
        if t.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(&t, "%Y-%m-%d") {
            Ok(d) => match crate::dates::check(d) {
                None => Some(d),
                Some(why) => {
                    self.bad(column, why);
                    None
                }
            },
            Err(_) => {
                self.bad(column, format!("{t:?} is not a date (YYYY-MM-DD)"));
                None
            }
        }
    }

    fn time(&mut self, column: &str) -> Option<NaiveDateTime> {
        let t = self.text(column);
        if t.is_empty() {
            return None;
        }
        let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok());
        match parsed {
            Some(d) if crate::dates::check(d.date()).is_none() => Some(d),
            _ => {
                self.bad(column, format!("{t:?} is not a date and time (YYYY-MM-DDTHH:MM)"));
                None
            }
        }
    }
}

fn rows<T>(
    text: &str,
    known: &[&str],
    required: &[&str],
    mut each: impl FnMut(&mut Row<'_>) -> Option<T>,
) -> Result<Read<T>, Vec<String>> {
    let (sheet, ignored) = Sheet::parse(text, known, required)?;
    let mut errors = vec![];
    let mut out = vec![];
    for (i, cells) in sheet.rows.iter().enumerate() {
        if cells.is_empty() {
            continue;
        }
        let before = errors.len();
        let mut row = Row { sheet: &sheet, cells, n: i + 2, errors: &mut errors };
        let item = each(&mut row);
        if errors.len() == before
            && let Some(item) = item
        {
            out.push(item);
        }
    }
    if out.is_empty() && errors.is_empty() {
        errors.push("the file has a header but no rows".into());
    }
    if errors.is_empty() { Ok(Read { rows: out, ignored }) } else { Err(errors) }
}

pub const RELEASE_COLUMNS: &[&str] = &[
    "key",
    "title",
    "kind",
    "unit",
    "status",
    "applications",
    "owner",
    "manager",
    "environments",
    "window_start",
    "window_end",
    "risk",
    "rfcs",
    "cis",
    "backout_tested",
    "backout_plan",
    "acceptance_criteria",
    "notes",
];

/// Releases from the releases table. A release comes in as Draft or Planned: its later stages are
/// reached through the gates, with their decisions and evidence. Milestones are not in this table
/// (the caller gives the template's, or reads the milestones table).
pub fn read_releases(text: &str) -> Result<Read<Release>, Vec<String>> {
    rows(text, RELEASE_COLUMNS, &["key", "title", "kind"], |r| {
        let key = r.required("key");
        let title = r.required("title");
        let kind = r.choice("kind", ReleaseKind::ALL, ReleaseKind::as_str, ReleaseKind::label);
        if r.text("kind").is_empty() {
            r.bad("kind", "is empty");
        }
        let unit = r.choice("unit", ReleaseUnit::ALL, ReleaseUnit::as_str, ReleaseUnit::label);
        let status = r.choice("status", ReleaseStatus::ALL, ReleaseStatus::as_str, ReleaseStatus::label);
        if let Some(s) = status.filter(|s| !matches!(s, ReleaseStatus::Draft | ReleaseStatus::Planned)) {
            r.bad(
                "status",
                format!(
                    "a release comes in as Draft or Planned, not {}: later stages are reached through their gates",
                    s.label()
                ),
            );
        }
        let risk = r.choice("risk", Risk::ALL, Risk::as_str, Risk::label);
        let (start, end) = (r.time("window_start"), r.time("window_end"));
        let window = match (start, end, r.text("window_start").is_empty(), r.text("window_end").is_empty()) {
            (Some(start), Some(end), _, _) if end > start => Some(Window { start, end }),
            (Some(_), Some(_), _, _) => {
                r.bad("window_end", "the window ends before it starts");
                None
            }
            (_, _, true, true) => None,
            (_, _, false, true) => {
                r.bad("window_end", "is empty while the window has a start");
                None
            }
            (_, _, true, false) => {
                r.bad("window_start", "is empty while the window has an end");
                None
            }
            _ => None,
        };
        let tested = r.text("backout_tested").to_lowercase();
        let backout_tested = match tested.as_str() {
            "" | "no" | "false" | "0" | "n" => false,
            "yes" | "true" | "1" | "y" => true,
            other => {
                r.bad("backout_tested", format!("{other:?} is not yes or no"));
                false
            }
        };
        let mut cis = vec![];
        for c in r.list("cis") {
            match c.rsplit_once(' ') {
                Some((ci, version)) if !ci.trim().is_empty() => {
                    cis.push(CiVersion { ci: ci.trim().to_owned(), version: version.trim().to_owned() })
                }
                _ => r.bad("cis", format!("{c:?}: write each CI as NAME VERSION, separated by ;")),
            }
        }
        let opt = |t: String| (!t.is_empty()).then_some(t);
        Some(Release {
            key,
            title,
            kind: kind?,
            unit: unit.unwrap_or(ReleaseUnit::Full),
            status: status.unwrap_or(ReleaseStatus::Draft),
            applications: r.list("applications"),
            owner: opt(r.text("owner")),
            manager: opt(r.text("manager")),
            environments: r.list("environments"),
            window,
            risk: risk.unwrap_or(Risk::Medium),
            acceptance_criteria: r.text("acceptance_criteria"),
            backout_plan: r.text("backout_plan"),
            backout_tested,
            notes: r.text("notes"),
            rfcs: r.list("rfcs"),
            cis,
            milestones: vec![],
        })
    })
}

pub const MILESTONE_COLUMNS: &[&str] =
    &["release", "milestone", "planned_start", "planned_end", "actual_start", "actual_end"];

/// Milestones (by release key) from the milestones table.
pub fn read_milestones(text: &str) -> Result<Read<(String, Milestone)>, Vec<String>> {
    rows(text, MILESTONE_COLUMNS, &["release", "milestone", "planned_start", "planned_end"], |r| {
        let release = r.required("release");
        let kind = match MilestoneKind::named(&r.text("milestone")) {
            Ok(k) => Some(k),
            Err(why) => {
                r.bad("milestone", why);
                None
            }
        };
        let (ps, pe) = (r.date("planned_start"), r.date("planned_end"));
        let (a_s, a_e) = (r.date("actual_start"), r.date("actual_end"));
        for (c, v) in [("planned_start", ps), ("planned_end", pe)] {
            if v.is_none() && r.text(c).is_empty() {
                r.bad(c, "is empty");
            }
        }
        if let (Some(s), Some(e)) = (ps, pe)
            && e < s
        {
            r.bad("planned_end", format!("{e} is before the planned start {s}"));
        }
        Some((
            release,
            Milestone { kind: kind?, planned_start: ps?, planned_end: pe?, actual_start: a_s, actual_end: a_e },
        ))
    })
}

pub const RFC_COLUMNS: &[&str] = &["key", "title", "status", "releases"];

/// RFCs from the RFCs table (its `releases` column is what the export says; reading ignores it:
/// a release's own table links its RFCs).
pub fn read_rfcs(text: &str) -> Result<Read<Rfc>, Vec<String>> {
    rows(text, RFC_COLUMNS, &["key", "title"], |r| {
        let key = r.required("key");
        let title = r.required("title");
        let status = r.choice("status", RfcStatus::ALL, RfcStatus::as_str, RfcStatus::label);
        Some(Rfc { key, title, status: status.unwrap_or(RfcStatus::Submitted) })
    })
}

/// The sheet's row and column of a document path (`releases[3].owner` → row 5, `owner`;
/// `releases[0].window` → row 2, `window_start`).
pub fn sheet_cell(path: &str) -> Option<(usize, String)> {
    let rest = path.strip_prefix("releases[").or_else(|| path.strip_prefix("rfcs["))?;
    let (index, field) = rest.split_once("]")?;
    let row = index.parse::<usize>().ok()? + 2;
    let field = field.trim_start_matches('.');
    let column = field.split(['.', '[']).next().unwrap_or("");
    let column = match column {
        "" => "key",
        "window" => "window_start",
        "milestones" => "window_start",
        c => c,
    };
    Some((row, column.to_owned()))
}
