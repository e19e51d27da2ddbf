//! Reports (D9): the request a front end makes, the report model computed by runway-domain from
//! the plan, laid out by [`crate::pdf`] and written as PDF bytes. The shell and the CLI only say
//! where the bytes go.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use runway_domain::Portfolio;
use runway_domain::calendar::{self, view::CalendarView};
use runway_domain::report::{Period, cab_minutes, cab_pack, kpi_report, matrix_report, release_report};
use runway_domain::roadmap::Layout;

use crate::Planner;
use crate::pdf::compose::Composer;
use crate::pdf::poster::{PosterOptions, poster};
use crate::pdf::reports;
use crate::pdf::{Document, Frame, Sheet, write};
use crate::store::tables::reference;
use crate::store::{audit, fsutil};

/// The reports Runway makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// One release: contents, timeline planned vs actual, decisions and evidence, outcome,
    /// incidents (`release`).
    Release,
    /// The monthly KPI report (`month`).
    Monthly,
    /// The quarterly PMO report (`quarter`).
    Quarterly,
    /// The Gantt roadmap for a date range (`from`, `to`), tiled or on one page.
    Poster,
    /// The CAB pack: the agenda of releases awaiting a CAB decision (`from`, `to`).
    CabPack,
    /// The CAB minutes: the decisions recorded (`from`, `to`).
    CabMinutes,
    /// The forward schedule of changes: the calendar of a month (`month`) or a quarter
    /// (`quarter`), windows, bookings per environment, deployments, CAB dates and conflicts.
    Fsc,
    /// The responsibility matrix (D7): the grid, its legend, who holds each role (for the
    /// portfolio, or for `release`) and its broken rules; SARCI, or RACI with `raci`.
    Matrix,
}

impl ReportKind {
    pub fn parse(s: &str) -> Option<ReportKind> {
        Some(match s {
            "release" => ReportKind::Release,
            "monthly" => ReportKind::Monthly,
            "quarterly" => ReportKind::Quarterly,
            "poster" | "roadmap" => ReportKind::Poster,
            "cab-pack" | "cab_pack" => ReportKind::CabPack,
            "cab-minutes" | "cab_minutes" => ReportKind::CabMinutes,
            "fsc" | "forward-schedule" | "forward_schedule" => ReportKind::Fsc,
            "matrix" => ReportKind::Matrix,
            _ => return None,
        })
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportKind::Release => "Release report",
            ReportKind::Monthly => "Monthly KPI report",
            ReportKind::Quarterly => "Quarterly PMO report",
            ReportKind::Poster => "Roadmap poster",
            ReportKind::CabPack => "CAB pack",
            ReportKind::CabMinutes => "CAB minutes",
            ReportKind::Fsc => "Forward schedule of changes",
            ReportKind::Matrix => "Responsibility matrix",
        }
    }
}

/// What to report on, on which paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// A quarter, `2027-Q1`.
    #[serde(default)]
    pub quarter: Option<String>,
    /// A month, `2027-02`.
    #[serde(default)]
    pub month: Option<String>,
    /// A release key (the release report; the matrix report's names are resolved for it).
    #[serde(default)]
    pub release: Option<String>,
    /// A date range (the poster, the CAB pack and minutes).
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub sheet: Sheet,
    /// The poster on one page instead of tiles.
    #[serde(default)]
    pub fit_one_page: bool,
    /// The matrix report in RACI (an S shows as `A*`) instead of SARCI. Optional on the wire:
    /// absent is SARCI.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub raci: bool,
    /// The time printed on the report; now when absent. The same plan and the same time give
    /// the same bytes.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub generated_at: Option<DateTime<Utc>>,
}

impl ReportRequest {
    /// The file name to suggest: the report and its period, `Quarterly PMO report 2027-Q1.pdf`.
    pub fn suggested_file_name(&self) -> String {
        let period = match self.kind {
            ReportKind::Release => self.release.clone(),
            ReportKind::Monthly => self.month.clone(),
            ReportKind::Quarterly => self.quarter.clone(),
            ReportKind::Fsc => self.quarter.clone().or_else(|| self.month.clone()),
            ReportKind::Matrix => {
                let view = if self.raci { "RACI" } else { "SARCI" };
                match self.release.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
                    Some(key) => Some(format!("{key} {view}")),
                    None => Some(view.to_owned()),
                }
            }
            ReportKind::Poster | ReportKind::CabPack | ReportKind::CabMinutes => match (self.from, self.to) {
                (Some(from), Some(to)) => Some(format!("{from} to {to}")),
                (Some(from), None) => Some(format!("from {from}")),
                (None, Some(to)) => Some(format!("to {to}")),
                (None, None) => None,
            },
        };
        // A release key may hold characters a file name cannot.
        let period: Option<String> = period
            .map(|p| p.trim().chars().map(|c| if matches!(c, '/' | '\\' | ':' | '\0') { '-' } else { c }).collect())
            .filter(|p: &String| !p.is_empty());
        match period {
            Some(p) => format!("{} {p}.pdf", self.kind.title()),
            None => format!("{}.pdf", self.kind.title()),
        }
    }

    pub fn new(kind: ReportKind) -> ReportRequest {
        ReportRequest {
            kind,
            quarter: None,
            month: None,
            release: None,
            from: None,
            to: None,
            sheet: Sheet::default(),
            fit_one_page: false,
            raci: false,
            generated_at: None,
        }
    }
}

/// A written report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportSummary {
    pub title: String,
    pub pages: u32,
    pub bytes: u32,
    /// Characters the embedded fonts lack (printed as a box), so the user can be told.
    pub missing_glyphs: Vec<String>,
}

/// A report the app saved: where it went and what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedReport {
    /// Absolute path of the PDF; `open_report` accepts only paths saved in this session.
    pub path: String,
    /// The file name, for the message.
    pub file_name: String,
    pub summary: ReportSummary,
}

/// The period of the forward schedule: the quarter asked for, else the month, else this month.
fn fsc_period(req: &ReportRequest, today: NaiveDate) -> Result<Period> {
    let quarter = req.quarter.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let month = req.month.as_deref().map(str::trim).filter(|m| !m.is_empty());
    match (quarter, month) {
        (Some(_), Some(_)) => Err(Error::field("quarter", "Give a month or a quarter, not both.")),
        (Some(q), None) => Period::parse_quarter(q).map_err(|m| Error::field("quarter", m)),
        (None, Some(m)) => Period::parse_month(m).map_err(|m| Error::field("month", m)),
        (None, None) => Ok(Period::month_of(today)),
    }
}

fn range(req: &ReportRequest, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    for (field, d) in [("from", req.from), ("to", req.to)] {
        if let Some(why) = d.and_then(runway_domain::dates::check) {
            return Err(Error::field(field, format!("The date is out of range: {why}.")));
        }
    }
    let from = req.from.unwrap_or_else(|| Period::quarter_of(today).from);
    let to = req
        .to
        .unwrap_or_else(|| from.checked_add_months(chrono::Months::new(6)).and_then(|d| d.pred_opt()).unwrap_or(from));
    if to < from {
        return Err(Error::field("to", format!("The period ends ({to}) before it starts ({from}).")));
    }
    if (to - from).num_days() > 366 * 5 {
        return Err(Error::field("to", "A report covers at most five years."));
    }
    Ok((from, to))
}

/// The audit chain head as the footer prints it: `#812 3f5a09c1d2e4b7a8`, the entry and the
/// first 16 of its hash's 64 hex digits. A stored hash that is not 64 hex digits (a damaged or
/// tampered plan) is not cut up, which could split a character, but marked: `#812 — (not a
/// SHA-256 hash; run runway verify)`.
pub fn audit_head(seq: i64, hash: &str) -> String {
    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("#{seq} {}", &hash[..16])
    } else {
        format!("#{seq} — (not a SHA-256 hash; run runway verify)")
    }
}

/// The PDF's title: the report and what it covers ("Quarterly PMO report · 2027 Q1").
fn titled(mut doc: Document, frame: &Frame) -> Document {
    doc.title = format!("{} · {}", frame.report, frame.period);
    doc
}

/// What a report is made from, read from the plan in one go. Laying it out and writing the PDF
/// (the slow part) need no plan: the shell reads the source while it holds the session, then lets
/// go of it, so other commands are not kept waiting behind a poster.
pub struct ReportSource {
    req: ReportRequest,
    generated_at: DateTime<Utc>,
    today: NaiveDate,
    plan_name: String,
    plan_path: std::path::PathBuf,
    audit_head: String,
    /// The plan as a document (every report but the poster).
    portfolio: Option<Portfolio>,
    /// The roadmap (the poster and the KPI reports' roadmap figure).
    layout: Option<Layout>,
    /// The forward schedule of changes: its period, its calendar and the releases' titles.
    calendar: Option<(Period, CalendarView, BTreeMap<String, String>)>,
}

impl Planner {
    /// Reads what the report needs from the plan.
    pub fn report_source(&self, req: &ReportRequest) -> Result<ReportSource> {
        let (seq, hash) = audit::head(&self.conn)?;
        let portfolio = match req.kind {
            ReportKind::Poster | ReportKind::Fsc => None,
            _ => Some(self.export()?),
        };
        let layout = match req.kind {
            ReportKind::Poster | ReportKind::Monthly | ReportKind::Quarterly => Some(self.roadmap(None)?),
            _ => None,
        };
        let calendar = match req.kind {
            ReportKind::Fsc => {
                let period = fsc_period(req, self.today())?;
                let schedule = self.plan_schedule()?;
                let view = calendar::view::build(&schedule, period.from, period.to, self.today());
                let titles = schedule.releases.into_iter().map(|r| (r.key, r.title)).collect();
                Some((period, view, titles))
            }
            _ => None,
        };
        Ok(ReportSource {
            req: req.clone(),
            generated_at: req.generated_at.unwrap_or_else(Utc::now),
            today: self.today(),
            plan_name: reference::meta(&self.conn, "name")?.unwrap_or_default(),
            plan_path: self.path().to_owned(),
            audit_head: audit_head(seq, &hash),
            portfolio,
            layout,
            calendar,
        })
    }

    /// The report laid out on pages: what the PDF will hold, for the app's preview.
    pub fn report_document(&self, req: &ReportRequest) -> Result<Document> {
        self.report_source(req)?.document()
    }

    /// The report as PDF bytes.
    pub fn report_pdf(&self, req: &ReportRequest) -> Result<(Vec<u8>, ReportSummary)> {
        self.report_source(req)?.pdf()
    }

    /// Writes the report to `out` (replacing it whole, never leaving half a file). The plan's own
    /// file (or its WAL beside it) is never replaced by a report.
    pub fn write_report(&self, req: &ReportRequest, out: &Path) -> Result<ReportSummary> {
        self.report_source(req)?.write(out)
    }
}

impl ReportSource {
    fn portfolio(&self) -> Result<&Portfolio> {
        self.portfolio.as_ref().ok_or_else(|| Error::Internal("the report's plan was not read".into()))
    }

    fn layout(&self) -> Result<&Layout> {
        self.layout.as_ref().ok_or_else(|| Error::Internal("the report's roadmap was not read".into()))
    }

    /// The report laid out on pages.
    pub fn document(&self) -> Result<Document> {
        let req = &self.req;
        let mut frame = Frame {
            report: req.kind.title().to_string(),
            plan: self.plan_name.clone(),
            period: String::new(),
            generated_at: self.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            audit_head: self.audit_head.clone(),
        };
        let today = self.today;
        let sheet = req.sheet;
        match req.kind {
            ReportKind::Poster => {
                let (from, to) = range(req, today)?;
                frame.period = format!("{} – {}", from.format("%-d %b %Y"), to.format("%-d %b %Y"));
                Ok(titled(
                    poster(self.layout()?, &PosterOptions { from, to, sheet, fit_one_page: req.fit_one_page }, &frame),
                    &frame,
                ))
            }
            ReportKind::Monthly | ReportKind::Quarterly => {
                let quarterly = req.kind == ReportKind::Quarterly;
                let period = if quarterly {
                    match &req.quarter {
                        Some(q) => Period::parse_quarter(q).map_err(|m| Error::field("quarter", m))?,
                        // The last whole quarter: what a PMO reports on.
                        None => Period::quarter_of(Period::quarter_of(today).from.pred_opt().unwrap_or(today)),
                    }
                } else {
                    match &req.month {
                        Some(m) => Period::parse_month(m).map_err(|m| Error::field("month", m))?,
                        None => Period::month_of(today.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(today)),
                    }
                };
                frame.period = period.label.clone();
                let model = kpi_report(self.portfolio()?, &period);
                let mut c = Composer::new(sheet, req.kind.title());
                reports::kpi::render(&mut c, &model, quarterly, self.layout()?);
                Ok(titled(c.finish(&frame), &frame))
            }
            ReportKind::Release => {
                let key = req.release.as_deref().map(str::trim).filter(|k| !k.is_empty());
                let key = key.ok_or_else(|| Error::field("release", "Choose the release to report on."))?;
                let model = release_report(self.portfolio()?, key)
                    .ok_or_else(|| Error::NotFound(format!("release {key} does not exist")))?;
                frame.period = model.key.clone();
                let mut c = Composer::new(sheet, &format!("Release report {key}"));
                reports::release::render(&mut c, &model);
                Ok(titled(c.finish(&frame), &frame))
            }
            ReportKind::CabPack | ReportKind::CabMinutes => {
                let (from, to) = match (req.from, req.to) {
                    (None, None) if req.kind == ReportKind::CabPack => {
                        (today, today.checked_add_days(chrono::Days::new(13)).unwrap_or(today))
                    }
                    (None, None) => (today.checked_sub_days(chrono::Days::new(13)).unwrap_or(today), today),
                    _ => range(req, today)?,
                };
                let period = Period::range(from, to).map_err(|m| Error::field("to", m))?;
                frame.period = period.label.clone();
                let doc = self.portfolio()?;
                let mut c = Composer::new(sheet, req.kind.title());
                if req.kind == ReportKind::CabPack {
                    reports::cab::render_pack(&mut c, &cab_pack(doc, &period, today));
                } else {
                    reports::cab::render_minutes(&mut c, &cab_minutes(doc, &period));
                }
                Ok(titled(c.finish(&frame), &frame))
            }
            ReportKind::Fsc => {
                let (period, view, titles) = self
                    .calendar
                    .as_ref()
                    .ok_or_else(|| Error::Internal("the report's calendar was not read".into()))?;
                frame.period = period.label.clone();
                // A lane per environment over a month of days needs the width: always landscape.
                let mut c = Composer::new(Sheet { landscape: true, ..sheet }, req.kind.title());
                reports::fsc::render(&mut c, &reports::fsc::Fsc { plan: &self.plan_name, period, view, titles });
                Ok(titled(c.finish(&frame), &frame))
            }
            ReportKind::Matrix => {
                let key = req.release.as_deref().map(str::trim).filter(|k| !k.is_empty());
                let model = matrix_report(self.portfolio()?, key, req.raci)
                    .ok_or_else(|| Error::NotFound(format!("release {} does not exist", key.unwrap_or_default())))?;
                let view = if req.raci { "RACI" } else { "SARCI" };
                frame.period = format!("{view} · {}", key.unwrap_or("the portfolio"));
                // Wide grids (more than six roles) go landscape.
                let mut c = Composer::new(reports::matrix::sheet_for(&model, sheet), &model.title);
                reports::matrix::render(&mut c, &model);
                Ok(titled(c.finish(&frame), &frame))
            }
        }
    }

    /// The report as PDF bytes.
    pub fn pdf(&self) -> Result<(Vec<u8>, ReportSummary)> {
        let doc = self.document()?;
        let bytes = write::to_pdf(
            &doc,
            &write::Info { author: &self.plan_name, subject: &doc.title, generated_at: self.generated_at },
        );
        let summary = ReportSummary {
            title: doc.title.clone(),
            pages: doc.pages.len() as u32,
            bytes: bytes.len() as u32,
            missing_glyphs: doc.missing_glyphs.clone(),
        };
        Ok((bytes, summary))
    }

    /// Writes the report to `out` (replacing it whole, never leaving half a file). The plan's own
    /// file (or its WAL beside it) is never replaced by a report, nor is any other plan file.
    pub fn write(&self, out: &Path) -> Result<ReportSummary> {
        let plan = &self.plan_path;
        let wal = std::path::PathBuf::from(format!("{}-wal", plan.display()));
        if crate::store::same_file(out, plan) || crate::store::same_file(out, &wal) {
            return Err(Error::Conflict(format!(
                "{} is the open plan itself: choose another file for the report",
                out.display()
            )));
        }
        if out.extension().is_some_and(|e| e == crate::store::EXTENSION) {
            return Err(Error::Conflict(format!(
                "{} is a plan file name: save the report as a .pdf file",
                out.display()
            )));
        }
        let (bytes, summary) = self.pdf()?;
        fsutil::write_atomically(out, &bytes)?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_outside_the_years_1_to_9999_is_refused_at_its_field() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mut req = ReportRequest::new(ReportKind::Poster);
        req.to = Some(NaiveDate::MAX);
        let Err(Error::Validation(errors)) = range(&req, today) else { panic!("accepted") };
        assert_eq!(errors[0].field, "to");
        assert!(errors[0].message.contains("1 to 9999"), "{}", errors[0].message);
        req.to = None;
        req.from = Some(NaiveDate::MIN);
        let Err(Error::Validation(errors)) = range(&req, today) else { panic!("accepted") };
        assert_eq!(errors[0].field, "from");
        req.from = Some(runway_domain::dates::LAST_DAY);
        assert!(range(&req, today).is_ok());
    }

    #[test]
    fn an_audit_head_that_is_not_a_sha_256_hash_is_marked_not_cut() {
        let good = "3f5a09c1d2e4b7a8".repeat(4);
        assert_eq!(audit_head(812, &good), "#812 3f5a09c1d2e4b7a8");
        for bad in ["", "ab", &"é".repeat(40), &format!("{}é", &good[..63]), &"g".repeat(64)] {
            assert_eq!(audit_head(7, bad), "#7 — (not a SHA-256 hash; run runway verify)", "{bad:?}");
        }
    }

    #[test]
    fn the_suggested_name_says_the_report_and_its_period() {
        let mut q = ReportRequest::new(ReportKind::Quarterly);
        q.quarter = Some("2027-Q1".into());
        assert_eq!(q.suggested_file_name(), "Quarterly PMO report 2027-Q1.pdf");
        let mut r = ReportRequest::new(ReportKind::Release);
        r.release = Some("PAY/2027:01".into());
        assert_eq!(r.suggested_file_name(), "Release report PAY-2027-01.pdf");
        let mut p = ReportRequest::new(ReportKind::Poster);
        assert_eq!(p.suggested_file_name(), "Roadmap poster.pdf");
        p.from = NaiveDate::from_ymd_opt(2027, 1, 1);
        p.to = NaiveDate::from_ymd_opt(2027, 6, 30);
        assert_eq!(p.suggested_file_name(), "Roadmap poster 2027-01-01 to 2027-06-30.pdf");
        let mut f = ReportRequest::new(ReportKind::Fsc);
        f.month = Some("2027-03".into());
        assert_eq!(f.suggested_file_name(), "Forward schedule of changes 2027-03.pdf");
        f.quarter = Some("2027-Q2".into());
        f.month = None;
        assert_eq!(f.suggested_file_name(), "Forward schedule of changes 2027-Q2.pdf");
        let mut m = ReportRequest::new(ReportKind::Matrix);
        assert_eq!(m.suggested_file_name(), "Responsibility matrix SARCI.pdf");
        (m.release, m.raci) = (Some(" PAY/1 ".into()), true);
        assert_eq!(m.suggested_file_name(), "Responsibility matrix PAY-1 RACI.pdf");
    }
}
