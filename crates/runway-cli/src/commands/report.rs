//! `runway report KIND …`: argument parsing for the PDF reports, and the one line it prints.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, ValueEnum};

use runway_core::pdf::{Paper, Sheet};
use runway_core::report::{ReportKind, ReportRequest};
use runway_core::{Error, Planner};

use super::open_read;
use crate::output::say;

/// Which report.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// One release (--release KEY): contents, timeline, decisions and evidence, outcome, incidents.
    Release,
    /// The monthly KPI report (--month YYYY-MM; default this month).
    Monthly,
    /// The quarterly PMO report (--period YYYY-Qn; default the last whole quarter).
    Quarterly,
    /// The Gantt roadmap for --from/--to, tiled over pages or --fit-one-page.
    Poster,
    /// The agenda of releases awaiting a CAB decision in --from/--to (default the next 14 days).
    CabPack,
    /// The CAB decisions recorded in --from/--to (default the last 14 days).
    CabMinutes,
    /// The forward schedule of changes of --month YYYY-MM or --quarter YYYY-Qn (default this
    /// month), landscape: windows, a lane per environment, deployments, CAB dates, conflicts.
    Fsc,
    /// The responsibility matrix (SARCI, or --raci): the grid, its legend, who holds each role
    /// (for the portfolio, or resolved for --release KEY) and the broken rules.
    Matrix,
}

#[derive(Args)]
pub struct ReportArgs {
    #[arg(value_enum)]
    kind: Kind,
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// A quarter: 2027-Q1 (--quarter says the same).
    #[arg(long, visible_alias = "quarter", value_name = "YYYY-Qn", conflicts_with_all = ["month", "release"])]
    period: Option<String>,
    /// A month: 2027-02.
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "release")]
    month: Option<String>,
    /// A release key (the release report; the matrix's names for that release).
    #[arg(long, value_name = "KEY")]
    release: Option<String>,
    /// The matrix as RACI: no S, a signature shows as A* (the matrix report).
    #[arg(long)]
    raci: bool,
    /// First day of the range (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
    from: Option<NaiveDate>,
    /// Last day of the range (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
    to: Option<NaiveDate>,
    #[arg(long, value_name = "PAPER", default_value = "a4", value_parser = parse_paper)]
    paper: Paper,
    #[arg(long)]
    landscape: bool,
    /// The poster on one page instead of tiles.
    #[arg(long)]
    fit_one_page: bool,
    /// The time printed on the report (RFC 3339, e.g. 2027-04-01T09:00:00Z); now by default.
    /// The same plan and the same time give a byte-identical file.
    #[arg(long, value_name = "TIMESTAMP", value_parser = runway_domain::dates::parse_utc)]
    generated_at: Option<DateTime<Utc>>,
    /// Today, for what is due or late (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DATE", value_parser = runway_domain::dates::parse_date)]
    today: Option<NaiveDate>,
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

fn parse_paper(s: &str) -> Result<Paper, String> {
    Paper::parse(s).ok_or_else(|| format!("unknown paper {s:?}: use a4, letter or a3"))
}

/// Writes the report and prints its line; a warning (a missing glyph) goes to stderr.
pub fn report(args: ReportArgs, who: &str) -> Result<(), Error> {
    let out = run(args, |db| open_read(db, who))?;
    let (line, warning) = out.split_once('\n').map_or((out.as_str(), None), |(a, b)| (a, Some(b)));
    say!("{line}");
    if let Some(w) = warning {
        eprintln!("runway: {w}");
    }
    Ok(())
}

fn run(args: ReportArgs, open: impl Fn(&Path) -> Result<Planner, Error>) -> Result<String, Error> {
    let mut p = open(&args.db)?;
    if let Some(today) = args.today {
        p.set_today(today);
    }
    let kind = match args.kind {
        Kind::Release => ReportKind::Release,
        Kind::Monthly => ReportKind::Monthly,
        Kind::Quarterly => ReportKind::Quarterly,
        Kind::Poster => ReportKind::Poster,
        Kind::CabPack => ReportKind::CabPack,
        Kind::CabMinutes => ReportKind::CabMinutes,
        Kind::Fsc => ReportKind::Fsc,
        Kind::Matrix => ReportKind::Matrix,
    };
    if args.raci && kind != ReportKind::Matrix {
        return Err(Error::field("raci", "--raci is for the matrix report: runway report matrix --raci."));
    }
    let req = ReportRequest {
        kind,
        quarter: args.period,
        month: args.month,
        release: args.release,
        from: args.from,
        to: args.to,
        sheet: Sheet { paper: args.paper, landscape: args.landscape },
        fit_one_page: args.fit_one_page,
        raci: args.raci,
        generated_at: args.generated_at,
    };
    let s = p.write_report(&req, &args.out)?;
    let mut line = format!(
        "{}: {} page{}, {} KB written to {}",
        s.title,
        s.pages,
        if s.pages == 1 { "" } else { "s" },
        s.bytes.div_ceil(1024),
        args.out.display()
    );
    if !s.missing_glyphs.is_empty() {
        line.push_str(&format!(
            "\nwarning: the report's font has no glyph for {} (printed as a box)",
            s.missing_glyphs.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(line)
}
