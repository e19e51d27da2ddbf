//! The forward schedule of changes (D6) on paper: the calendar of a month or a quarter, one
//! landscape chart per month (windows shaded by kind, a lane per environment with its bookings,
//! the deployments, CAB dates and conflicts of each day), then the conflicts listed (kind,
//! severity, when, message), the deployments, the CAB dates, the windows and the bookings made by
//! hand. Every time is local to the plan's time zone, which every chart says.

mod chart;
mod legend;
mod pattern;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use runway_domain::calendar::view::{Band, CalendarView};
use runway_domain::calendar::{BookingSource, Conflict, Severity};
use runway_domain::report::Period;
use runway_domain::{MilestoneKind, dates};

use super::{day, or_dash};
use crate::compose::{Cell, Column, Composer, wrap};
use crate::font::Face;
use crate::page::Rgb;
use chart::{Chart, Row};

pub use pattern::{Pattern, Style, style};

/// What the report shows: the calendar of the period's days.
pub struct Fsc<'a> {
    pub plan: &'a str,
    pub period: &'a Period,
    pub view: &'a CalendarView,
    /// The releases' titles by key (the CAB dates name releases the view gives no title for).
    pub titles: &'a BTreeMap<String, String>,
}

/// The months (or the parts of months) of `from` to `to`: one chart each.
pub fn months(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = vec![];
    let mut start = from;
    while start <= to {
        let next_month = start.with_day(1).and_then(|d| d.checked_add_months(chrono::Months::new(1)));
        let end = next_month.and_then(|d| d.pred_opt()).map_or(to, |d| d.min(to));
        out.push((start, end));
        match end.succ_opt() {
            Some(d) => start = d,
            None => break,
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The period in one sentence.
fn summary(f: &Fsc<'_>) -> String {
    let v = f.view;
    let windows = window_names(&v.bands).len();
    let cab = v.milestones.iter().filter(|m| m.kind == MilestoneKind::Cab).count();
    let blocking = v.conflicts.iter().filter(|c| c.severity == Severity::Blocking).count();
    format!(
        "{}: {}, {}, {} ({}), {}{}.",
        f.period.label,
        plural(v.deployments.len(), "deployment", "deployments"),
        plural(cab, "CAB date", "CAB dates"),
        plural(windows, "change window", "change windows"),
        plural(v.bands.len(), "occurrence", "occurrences"),
        plural(v.conflicts.len(), "conflict", "conflicts"),
        if v.conflicts.is_empty() { String::new() } else { format!(" ({blocking} blocking)") },
    )
}

/// The windows' names, in the order they first occur.
fn window_names(bands: &[Band]) -> Vec<&str> {
    let mut names: Vec<&str> = vec![];
    for b in bands {
        if !names.contains(&b.window.as_str()) {
            names.push(&b.window);
        }
    }
    names
}

/// "Tue 2 Mar" (with the year when it is not the period's).
fn weekday(d: NaiveDate, year: i32) -> String {
    if d.year() == year { d.format("%a %-d %b").to_string() } else { d.format("%a %-d %b %Y").to_string() }
}

/// When something runs: "Tue 2 Mar 20:00 – 22:00", "Tue 2 Mar 22:00 – 24:00", "Sat 13 Mar
/// 22:00 – Sun 14 Mar 04:00", "Mon 1 Mar – Fri 5 Mar (whole days)".
pub fn when(start: NaiveDateTime, end: NaiveDateTime, year: i32) -> String {
    let midnight = NaiveTime::MIN;
    if start.time() == midnight && end.time() == midnight && end > start {
        let last = end.date().pred_opt().unwrap_or(end.date());
        return if last == start.date() {
            format!("{} (whole day)", weekday(start.date(), year))
        } else {
            format!("{} – {} (whole days)", weekday(start.date(), year), weekday(last, year))
        };
    }
    let (s, e) = (start.format("%H:%M"), end.format("%H:%M"));
    if end.time() == midnight && start.date().succ_opt() == Some(end.date()) {
        // Up to the midnight that ends the day.
        format!("{} {s} – 24:00", weekday(start.date(), year))
    } else if start.date() == end.date() {
        format!("{} {s} – {e}", weekday(start.date(), year))
    } else {
        format!("{} {s} – {} {e}", weekday(start.date(), year), weekday(end.date(), year))
    }
}

/// A window's occurrences in the period: when the only one runs, or how many, from the first
/// day to the last and at what times when they all keep the same hours.
fn occurrences(bands: &[&Band], year: i32) -> String {
    match bands {
        [] => "—".into(),
        [one] => when(one.start, one.end, year),
        [first, .., last] => {
            let same_hours = bands.iter().all(|b| {
                b.start.time() == first.start.time()
                    && b.end.time() == first.end.time()
                    && dates::days_between(b.end.date(), b.start.date())
                        == dates::days_between(first.end.date(), first.start.date())
            });
            let hours = if !same_hours {
                String::new()
            } else if first.start.time() == NaiveTime::MIN && first.end.time() == NaiveTime::MIN {
                ", whole days".into()
            } else if first.end.time() == NaiveTime::MIN {
                format!(", {} – 24:00", first.start.format("%H:%M"))
            } else {
                format!(", {} – {}", first.start.format("%H:%M"), first.end.format("%H:%M"))
            };
            format!(
                "{} times, {} to {}{hours}",
                bands.len(),
                weekday(first.start.date(), year),
                weekday(last.start.date(), year)
            )
        }
    }
}

/// Lays the report out.
pub fn render(c: &mut Composer, f: &Fsc<'_>) {
    let (v, period) = (f.view, f.period);
    c.title_block(
        &format!("Forward schedule of changes · {}", period.label),
        &format!("{} · {} to {} · times in {}", f.plan, day(period.from), day(period.to), v.zone),
    );
    c.paragraph(&summary(f));
    for (i, (from, to)) in months(period.from, period.to).into_iter().enumerate() {
        if i > 0 {
            c.new_page();
        }
        chart(c, &Chart { view: v, from, to });
    }
    let year = period.from.year();
    conflicts(c, v, year);
    deployments(c, v, year);
    cab_dates(c, f, year);
    windows(c, v, year);
    manual_bookings(c, v, year);
}

/// What a heading takes above what it keeps (see [`Composer::heading_keep`]).
const HEADING: f32 = 38.0;

/// One month's chart, over as many pages as its rows need (the scale and the legend on each).
fn chart(c: &mut Composer, chart: &Chart<'_>) {
    let label = chart.label();
    let note = if chart.view.bands.is_empty() {
        "No change windows in this period.".to_string()
    } else {
        format!("No change windows in {label}.")
    };
    let rows = chart.rows(&note);
    let width = c.content_width();
    let frame = chart.frame_height(&rows, width);
    let total = frame + rows.iter().map(Row::height).sum::<f32>();
    // The whole chart on one page when a page can hold it (a new page if this one cannot);
    // otherwise as much as fits, and the rest on the next pages.
    let fresh = Composer::new(c.sheet(), "").remaining() - HEADING;
    let keep = if total <= fresh { total } else { frame + rows.iter().take(8).map(Row::height).sum::<f32>() };
    let mut start = 0;
    while start < rows.len() {
        if start == 0 {
            c.heading_keep(&format!("Schedule: {label}"), keep);
        } else {
            c.new_page();
            c.subheading(&format!("Schedule: {label} (continued)"));
        }
        let room = c.remaining() - frame;
        let mut end = start;
        let mut used = 0.0;
        while end < rows.len() && (end == start || used + rows[end].height() <= room) {
            used += rows[end].height();
            end += 1;
        }
        // A group's title never ends a page alone.
        if end < rows.len() && end - start > 1 && matches!(rows[end - 1], Row::Group(_)) {
            end -= 1;
            used -= rows[end].height();
        }
        let part = &rows[start..end];
        // A chart whole on its page takes some of the room left: taller rows read better.
        let stretch = if start == 0 && end == rows.len() { ((room / used) * 0.96).clamp(1.0, 1.35) } else { 1.0 };
        c.block(frame + used * stretch, |page, x, y, w| chart.draw(page, (x, y, w), part, &rows, stretch));
        start = end;
    }
}

fn severity(s: Severity) -> Cell {
    Cell::colored(s.label(), if s == Severity::Blocking { Rgb::BAD } else { Rgb::WARN })
}

/// The longest message printed whole when it names many releases.
const MESSAGE_MAX: usize = 360;

/// A conflict's message; one that lists many releases (an environment booked eighty times at
/// once) keeps its first ones and says how many there are, so that one conflict is not a page.
pub fn message(c: &Conflict) -> String {
    if c.releases.len() <= 6 || c.message.chars().count() <= MESSAGE_MAX {
        return c.message.clone();
    }
    let head: String = c.message.chars().take(MESSAGE_MAX).collect();
    let head = head.rfind(", ").map_or(head.as_str(), |i| &head[..i]);
    format!("{head}, … ({} releases in all)", c.releases.len())
}

/// A heading kept on its page with its table's header and first row, `lines` lines tall.
fn heading_for_table(c: &mut Composer, title: &str, lines: usize) {
    c.heading_keep(title, 20.0 + lines.max(1) as f32 * 8.0 * 1.35 + 18.0);
}

fn conflicts(c: &mut Composer, v: &CalendarView, year: i32) {
    let first = v.conflicts.first().map_or(1, |k| {
        // The message's share of the width (its column's weight over the table's).
        wrap(&message(k), Face::Regular, 8.0, c.content_width() * 5.0 / 9.25 - 8.0).len()
    });
    heading_for_table(c, "Conflicts", first);
    let rows: Vec<Vec<Cell>> = v
        .conflicts
        .iter()
        .map(|k| {
            vec![k.kind.label().into(), severity(k.severity), when(k.start, k.end, year).into(), message(k).into()]
        })
        .collect();
    c.table(
        &[
            Column::left("Kind", 1.5),
            Column::left("Severity", 0.75),
            Column::left("When", 2.0),
            Column::left("Message", 5.0),
        ],
        &rows,
        "No conflicts in this period.",
    );
}

fn deployments(c: &mut Composer, v: &CalendarView, year: i32) {
    heading_for_table(c, "Deployments", 2);
    let rows: Vec<Vec<Cell>> = v
        .deployments
        .iter()
        .map(|d| {
            let conflicts = match (d.conflicts, d.blocking) {
                (0, _) => Cell::from("None"),
                (n, true) => Cell::colored(format!("{n}, blocking"), Rgb::BAD),
                (n, false) => Cell::colored(n.to_string(), Rgb::WARN),
            };
            vec![
                when(d.start, d.end, year).into(),
                Cell::bold(d.release.clone()),
                d.title.clone().into(),
                or_dash(&d.environments.join(", ")).into(),
                d.status.label().into(),
                conflicts,
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("When", 2.1),
            Column::left("Release", 1.3),
            Column::left("Title", 2.8),
            Column::left("Environments", 1.7),
            Column::left("Status", 1.1),
            Column::left("Conflicts", 0.9),
        ],
        &rows,
        "No deployments in this period.",
    );
}

fn cab_dates(c: &mut Composer, f: &Fsc<'_>, year: i32) {
    heading_for_table(c, "CAB dates", 2);
    let v = f.view;
    let title = |key: &str| f.titles.get(key).cloned();
    let rows: Vec<Vec<Cell>> = v
        .milestones
        .iter()
        .filter(|m| m.kind == MilestoneKind::Cab)
        .map(|m| {
            let date = if m.end > m.start {
                format!("{} – {}", weekday(m.start, year), weekday(m.end, year))
            } else {
                weekday(m.start, year)
            };
            let deploys = v.deployments.iter().find(|d| d.release == m.release);
            vec![
                date.into(),
                Cell::bold(m.release.clone()),
                title(&m.release).unwrap_or_else(|| "—".into()).into(),
                or_dash(&m.applications.join(", ")).into(),
                deploys.map_or_else(|| "Not in this period".into(), |d| when(d.start, d.end, year)).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Date", 1.4),
            Column::left("Release", 1.3),
            Column::left("Title", 2.8),
            Column::left("Applications", 1.2),
            Column::left("Deployment", 1.9),
        ],
        &rows,
        "No CAB dates in this period.",
    );
}

fn windows(c: &mut Composer, v: &CalendarView, year: i32) {
    heading_for_table(c, "Change windows", 2);
    let rows: Vec<Vec<Cell>> = window_names(&v.bands)
        .into_iter()
        .map(|name| {
            let bands: Vec<&Band> = v.bands.iter().filter(|b| b.window == name).collect();
            let first = bands[0];
            vec![
                Cell::bold(name),
                Cell::colored(first.kind.label(), style(first.kind).ink),
                first.scope.clone().into(),
                occurrences(&bands, year).into(),
                or_dash(&first.reason).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Window", 1.6),
            Column::left("Kind", 0.9),
            Column::left("Scope", 1.6),
            Column::left("In this period", 2.6),
            Column::left("Reason", 2.4),
        ],
        &rows,
        "No change windows in this period.",
    );
}

fn manual_bookings(c: &mut Composer, v: &CalendarView, year: i32) {
    heading_for_table(c, "Environments booked by hand", 2);
    let rows: Vec<Vec<Cell>> = v
        .lanes
        .iter()
        .flat_map(|l| l.bookings.iter())
        .filter(|b| b.source == BookingSource::Manual)
        .map(|b| {
            vec![
                Cell::bold(b.environment.clone()),
                when(b.start, b.end, year).into(),
                b.purpose.clone().into(),
                or_dash(&b.by).into(),
                b.release.clone().unwrap_or_else(|| "—".into()).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Environment", 1.2),
            Column::left("When", 2.0),
            Column::left("Purpose", 2.8),
            Column::left("Booked by", 1.8),
            Column::left("Release", 1.3),
        ],
        &rows,
        "No environment is booked by hand in this period.",
    );
}

#[cfg(test)]
mod tests;
