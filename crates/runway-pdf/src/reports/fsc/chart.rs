//! The chart of the forward schedule for a run of days (a month): a column per day, weekends
//! shaded; a row per change window with its occurrences; a lane per environment, shaded by the
//! windows that cover it, with its bookings as bars in as many tracks as overlap (or, when too
//! many overlap to draw, the most bookings at once each day); then the deployments, CAB dates and
//! conflicts of each day as counts. A legend closes it, with the plan's time zone.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use runway_domain::calendar::view::{Band, CalendarView, Lane};
use runway_domain::calendar::{Booking, BookingSource, Scope, Severity, WindowKind};
use runway_domain::{MilestoneKind, dates};

use super::legend::{LEGEND_LINE, LEGEND_SIZE, keys, legend};
use super::pattern;
use crate::compose::fit;
use crate::font::{self, Face};
use crate::page::{Mark, Page, Rgb};

/// The width of the row labels.
pub const LABEL_W: f32 = 122.0;
const SCALE_H: f32 = 22.0;
/// More bookings at once than this in a lane and it shows counts instead of bars.
const MAX_TRACKS: usize = 4;
const TRACK_H: f32 = 8.0;
const GROUP_FILL: Rgb = Rgb(0xdf, 0xe6, 0xef);
pub const WEEKEND: Rgb = Rgb(0xf0, 0xf2, 0xf5);
pub const CAB: Rgb = Rgb(0x56, 0x35, 0x9f);

/// A booking's bar colour and the ink of its label: dark, middle and light in grey too.
pub fn booking_tone(source: BookingSource) -> (Rgb, Rgb) {
    match source {
        BookingSource::Deployment => (Rgb(0x1f, 0x3a, 0x5f), Rgb::WHITE),
        BookingSource::Manual => (Rgb(0x7d, 0x52, 0xb8), Rgb::WHITE),
        BookingSource::Test => (Rgb(0x9d, 0xb6, 0xd4), Rgb::BLACK),
    }
}

/// A lane's bookings as the chart draws them.
pub enum Bookings<'a> {
    /// Bars, each with its track; and how many tracks.
    Tracks(Vec<(usize, &'a Booking)>, usize),
    /// Too many at once to draw: the most bookings at once on each day.
    Counts(BTreeMap<NaiveDate, usize>),
}

/// One row of the chart.
pub enum Row<'a> {
    Group(&'static str),
    Note(String),
    Window { name: &'a str, kind: WindowKind, scope: &'a str, bands: Vec<&'a Band> },
    Lane { lane: &'a Lane, shade: Vec<&'a Band>, bookings: Bookings<'a> },
    Deployments(BTreeMap<NaiveDate, (usize, bool)>),
    Cab(BTreeMap<NaiveDate, usize>),
    Conflicts(BTreeMap<NaiveDate, (usize, bool)>),
}

impl Row<'_> {
    pub fn height(&self) -> f32 {
        match self {
            Row::Group(_) => 12.0,
            Row::Note(_) => 14.0,
            Row::Window { .. } => 16.0,
            Row::Lane { bookings: Bookings::Tracks(_, n), .. } => (4.0 + *n as f32 * TRACK_H).max(17.0),
            Row::Lane { .. } => 17.0,
            Row::Deployments(_) | Row::Cab(_) | Row::Conflicts(_) => 17.0,
        }
    }
}

/// The chart of the days `from` to `to` of a calendar view.
pub struct Chart<'a> {
    pub view: &'a CalendarView,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Midnight starting `d`.
fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(NaiveTime::MIN)
}

/// The days from `from` to `to`, both included.
fn days(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// The most intervals open at once among `spans`.
fn peak(spans: &mut [(NaiveDateTime, NaiveDateTime)]) -> usize {
    let mut edges: Vec<(NaiveDateTime, i32)> = spans.iter().flat_map(|&(s, e)| [(s, 1), (e, -1)]).collect();
    // An end before a start at the same instant: back to back is not at once.
    edges.sort();
    edges
        .iter()
        .scan(0, |open, (_, d)| {
            *open += d;
            Some(*open)
        })
        .max()
        .unwrap_or(0)
        .max(0) as usize
}

impl<'a> Chart<'a> {
    fn start(&self) -> NaiveDateTime {
        midnight(self.from)
    }

    fn end(&self) -> NaiveDateTime {
        midnight(dates::next_day(self.to))
    }

    fn overlaps(&self, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        start < self.end() && end > self.start()
    }

    /// The rows of the chart; `no_windows` is what the windows' row says when none occurs.
    pub fn rows(&self, no_windows: &str) -> Vec<Row<'a>> {
        let view = self.view;
        let mut rows = vec![Row::Group("Changes")];
        let mut deployments: BTreeMap<NaiveDate, (usize, bool)> = BTreeMap::new();
        for d in view.deployments.iter().filter(|d| (self.from..=self.to).contains(&d.start.date())) {
            let e = deployments.entry(d.start.date()).or_default();
            e.0 += 1;
            e.1 |= d.blocking;
        }
        rows.push(Row::Deployments(deployments));
        let mut cab: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for m in view.milestones.iter().filter(|m| m.kind == MilestoneKind::Cab) {
            for day in days(m.start.max(self.from), m.end.min(self.to)) {
                *cab.entry(day).or_default() += 1;
            }
        }
        rows.push(Row::Cab(cab));
        let mut conflicts: BTreeMap<NaiveDate, (usize, bool)> = BTreeMap::new();
        for day in days(self.from, self.to) {
            let (s, e) = (midnight(day), midnight(dates::next_day(day)));
            for c in view.conflicts.iter().filter(|c| c.start < e && c.end > s) {
                let entry = conflicts.entry(day).or_default();
                entry.0 += 1;
                entry.1 |= c.severity == Severity::Blocking;
            }
        }
        rows.push(Row::Conflicts(conflicts));

        rows.push(Row::Group("Change windows"));
        let mut windows: Vec<Row<'a>> = vec![];
        for band in view.bands.iter().filter(|b| self.overlaps(b.start, b.end)) {
            let found = windows.iter_mut().find(|r| matches!(r, Row::Window { name, .. } if *name == band.window));
            match found {
                Some(Row::Window { bands, .. }) => bands.push(band),
                _ => windows.push(Row::Window {
                    name: &band.window,
                    kind: band.kind,
                    scope: &band.scope,
                    bands: vec![band],
                }),
            }
        }
        if windows.is_empty() {
            rows.push(Row::Note(no_windows.to_string()));
        }
        rows.extend(windows);

        rows.push(Row::Group("Environments"));
        let whole = Scope::default().describe();
        for lane in &view.lanes {
            let shade: Vec<&Band> = view
                .bands
                .iter()
                .filter(|b| self.overlaps(b.start, b.end))
                .filter(|b| b.environments.contains(&lane.environment) || b.scope == whole)
                .collect();
            rows.push(Row::Lane { lane, shade, bookings: self.bookings(lane) });
        }
        if view.lanes.is_empty() {
            rows.push(Row::Note("The plan has no environments.".into()));
        }
        rows
    }

    /// A lane's bookings in tracks (first free track, by start), or counts when too many overlap.
    fn bookings(&self, lane: &'a Lane) -> Bookings<'a> {
        let mut list: Vec<&Booking> = lane.bookings.iter().filter(|b| self.overlaps(b.start, b.end)).collect();
        list.sort_by(|a, b| (a.start, a.end, &a.purpose).cmp(&(b.start, b.end, &b.purpose)));
        let mut ends: Vec<NaiveDateTime> = vec![];
        let mut placed = vec![];
        for b in list.iter().copied() {
            let track = match ends.iter().position(|e| *e <= b.start) {
                Some(t) => t,
                None => {
                    ends.push(b.end);
                    ends.len() - 1
                }
            };
            ends[track] = b.end;
            placed.push((track, b));
        }
        if ends.len() <= MAX_TRACKS {
            return Bookings::Tracks(placed, ends.len().max(1));
        }
        let mut counts = BTreeMap::new();
        for day in days(self.from, self.to) {
            let (s, e) = (midnight(day), midnight(dates::next_day(day)));
            let mut spans: Vec<_> =
                list.iter().filter(|b| b.start < e && b.end > s).map(|b| (b.start.max(s), b.end.min(e))).collect();
            let n = peak(&mut spans);
            if n > 0 {
                counts.insert(day, n);
            }
        }
        Bookings::Counts(counts)
    }

    /// The height of the scale and the legend around `rows` in a chart `width` wide.
    pub fn frame_height(&self, rows: &[Row<'_>], width: f32) -> f32 {
        let (lines, own_line) = legend(&keys(rows), width, &self.zone_note());
        SCALE_H + 6.0 + (lines.len() + usize::from(own_line)) as f32 * LEGEND_LINE
    }

    fn zone_note(&self) -> String {
        format!("Times are local to {}, the plan's time zone.", self.view.zone)
    }

    /// Draws the chart with `rows` at (x, y), `width` wide, each row `stretch` times its height
    /// (a chart with room to spare fills its page); `keys_of` are the rows whose legend it shows
    /// (all of the chart's rows, so that every page of one chart has the same legend).
    pub fn draw(
        &self,
        page: &mut Page,
        (x, y, width): (f32, f32, f32),
        rows: &[Row<'_>],
        keys_of: &[Row<'_>],
        stretch: f32,
    ) {
        let span = dates::days_between(self.to, self.from) + 1;
        let g = Geometry { left: x + LABEL_W, day_w: (width - LABEL_W) / span.max(1) as f32, from: self.from, span };
        let top = y + SCALE_H;
        let bottom = top + rows.iter().map(Row::height).sum::<f32>() * stretch;
        self.scale(page, &g, (x, y, width), bottom);
        let mut ry = top;
        for row in rows {
            let h = row.height() * stretch;
            self.row(page, &g, row, (x, ry, width), h);
            ry += h;
        }
        page.frame(g.left, top, g.right() - g.left, bottom - top, Rgb::RULE, 0.5);
        page.line((x, bottom), (g.right(), bottom), Rgb::MUTED, 0.5);
        let zone = self.zone_note();
        let (lines, own_line) = legend(&keys(keys_of), width, &zone);
        let mut ly = bottom + 6.0 + LEGEND_SIZE + 1.0;
        let mut lx = x;
        for line in lines {
            lx = x;
            for key in line {
                key.swatch(page, lx, ly - 6.5);
                page.text(lx + 16.0, ly, LEGEND_SIZE, false, Rgb::TEXT, key.label());
                lx += key.width();
            }
            ly += LEGEND_LINE;
        }
        let (zx, zy) = if own_line { (x, ly) } else { (lx, ly - LEGEND_LINE) };
        page.text(zx, zy, LEGEND_SIZE, true, Rgb::MUTED, fit(&zone, Face::Bold, LEGEND_SIZE, width));
    }

    fn scale(&self, page: &mut Page, g: &Geometry, (x, y, _): (f32, f32, f32), bottom: f32) {
        let top = y + SCALE_H;
        page.fill(g.left, y + 2.0, g.right() - g.left, SCALE_H - 2.0, Rgb::FAINT);
        let labels = g.day_w >= 11.0;
        for (i, day) in days(self.from, self.to).enumerate() {
            let x0 = g.left + i as f32 * g.day_w;
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if weekend {
                page.fill(x0, top, g.day_w, bottom - top, WEEKEND);
            }
            let monday = day.weekday() == Weekday::Mon;
            if i > 0 {
                let (color, width) = if monday { (Rgb::MUTED, 0.5) } else { (Rgb::RULE, 0.25) };
                page.line((x0, y + 2.0), (x0, bottom), color, width);
            }
            if labels || monday {
                let wd = &day.format("%a").to_string()[..if labels { 2 } else { 1 }];
                let n = day.day().to_string();
                let ink = if weekend { Rgb::MUTED } else { Rgb::TEXT };
                let cx = x0 + g.day_w / 2.0;
                page.text(cx - font::width(Face::Regular, 5.5, wd) / 2.0, y + 10.0, 5.5, false, Rgb::MUTED, wd);
                page.text(cx - font::width(Face::Bold, 7.0, &n) / 2.0, y + 19.0, 7.0, true, ink, n);
            }
        }
        page.text(x + 3.0, y + 19.0, 7.0, true, Rgb::BLACK, fit(&self.label(), Face::Bold, 7.0, LABEL_W - 6.0));
        page.line((x, top), (g.right(), top), Rgb::MUTED, 0.5);
    }

    /// "March 2027" for a whole month, else "1 – 15 Mar 2027".
    pub fn label(&self) -> String {
        let whole_month =
            self.from.day() == 1 && dates::next_day(self.to).day() == 1 && self.from.month() == self.to.month();
        if whole_month {
            self.from.format("%B %Y").to_string()
        } else {
            format!("{} – {}", self.from.format("%-d %b"), self.to.format("%-d %b %Y"))
        }
    }

    fn row(&self, page: &mut Page, g: &Geometry, row: &Row<'_>, (x, y, width): (f32, f32, f32), h: f32) {
        let label = |page: &mut Page, title: &str, sub: &str| {
            let title = fit(title, Face::Bold, 7.0, LABEL_W - 8.0);
            if sub.is_empty() {
                page.text(x + 3.0, y + h / 2.0 + 2.5, 7.0, true, Rgb::TEXT, title);
            } else {
                page.text(x + 3.0, y + h / 2.0 - 0.4, 7.0, true, Rgb::TEXT, title);
                page.text(
                    x + 3.0,
                    y + h / 2.0 + 5.9,
                    5.5,
                    false,
                    Rgb::MUTED,
                    fit(sub, Face::Regular, 5.5, LABEL_W - 8.0),
                );
            }
        };
        match row {
            Row::Group(name) => {
                page.fill(x, y, g.right() - x, h, GROUP_FILL);
                page.text(x + 3.0, y + h * 0.72, 7.5, true, Rgb::BLACK, *name);
            }
            Row::Note(text) => {
                // The note reads across the days: the grid is not drawn through it.
                page.fill(g.left + 0.5, y + 0.5, g.right() - g.left - 1.0, h - 1.0, Rgb::WHITE);
                page.text(
                    g.left + 4.0,
                    y + h * 0.68,
                    7.0,
                    false,
                    Rgb::MUTED,
                    fit(text, Face::Regular, 7.0, width - LABEL_W - 8.0),
                );
            }
            Row::Window { name, kind, scope, bands } => {
                label(page, name, &format!("{} · {scope}", kind.label()));
                for b in bands {
                    let (x0, x1) = (g.x(b.start), g.x(b.end));
                    pattern::shade(page, *kind, x0, y + 3.0, (x1 - x0).max(1.5), h - 6.0, true);
                }
                page.line((x, y + h), (g.right(), y + h), Rgb::RULE, 0.3);
            }
            Row::Lane { lane, shade, bookings } => {
                let mut sub = format!("capacity {}", lane.capacity.max(1));
                if lane.production {
                    sub.push_str(" · production");
                }
                label(page, &lane.environment, &sub);
                for b in shade {
                    let (x0, x1) = (g.x(b.start), g.x(b.end));
                    pattern::shade(page, b.kind, x0, y + 1.0, (x1 - x0).max(1.5), h - 2.0, false);
                }
                self.lane(page, g, lane, bookings, y, h);
                page.line((x, y + h), (g.right(), y + h), Rgb::RULE, 0.3);
            }
            Row::Deployments(per_day) => {
                label(page, "Deployments", "how many start that day");
                for (day, (n, blocked)) in per_day {
                    let (color, filled) = if *blocked { (Rgb::BAD, true) } else { (Rgb::ACCENT, false) };
                    chip(page, g, *day, y + h / 2.0, &n.to_string(), color, filled);
                }
                page.line((x, y + h), (g.right(), y + h), Rgb::RULE, 0.3);
            }
            Row::Cab(per_day) => {
                label(page, "CAB dates", "releases before the CAB that day");
                for (day, n) in per_day {
                    let cx = g.x(midnight(*day)) + g.day_w / 2.0;
                    let r = 3.6;
                    let (cx, mid) = if *n > 1 { (cx - 3.0, y + h / 2.0) } else { (cx, y + h / 2.0) };
                    page.marks.push(Mark::Polygon {
                        points: vec![(cx, mid - r), (cx + r, mid), (cx, mid + r), (cx - r, mid)],
                        fill: CAB,
                    });
                    if *n > 1 {
                        page.text(cx + r + 0.8, mid + 2.2, 6.0, true, CAB, n.to_string());
                    }
                }
                page.line((x, y + h), (g.right(), y + h), Rgb::RULE, 0.3);
            }
            Row::Conflicts(per_day) => {
                label(page, "Conflicts", "how many touch that day");
                for (day, (n, blocking)) in per_day {
                    let (color, filled) = if *blocking { (Rgb::BAD, true) } else { (Rgb::WARN, false) };
                    chip(page, g, *day, y + h / 2.0, &n.to_string(), color, filled);
                }
            }
        }
    }

    fn lane(&self, page: &mut Page, g: &Geometry, lane: &Lane, bookings: &Bookings<'_>, y: f32, h: f32) {
        match bookings {
            Bookings::Tracks(placed, tracks) => {
                let top = y + (h - *tracks as f32 * TRACK_H) / 2.0;
                let capacity = lane.capacity.max(1) as usize;
                for (track, b) in placed {
                    let (fill, ink) = booking_tone(b.source);
                    let (x0, x1) = (g.x(b.start), g.x(b.end));
                    let w = (x1 - x0).max(2.0);
                    let by = top + *track as f32 * TRACK_H + 0.75;
                    let over = *track >= capacity;
                    page.marks.push(Mark::Rect {
                        x: x0,
                        y: by,
                        w,
                        h: TRACK_H - 1.5,
                        fill: Some(fill),
                        stroke: Some(if over { Rgb::BAD } else { Rgb::WHITE }),
                        line_width: if over { 0.9 } else { 0.3 },
                    });
                    let text = b.release.clone().unwrap_or_else(|| b.purpose.clone());
                    if w >= font::width(Face::Regular, 5.0, &text) + 3.0 {
                        page.text(x0 + 1.5, by + TRACK_H - 3.3, 5.0, false, ink, text);
                    }
                }
            }
            Bookings::Counts(per_day) => {
                let capacity = lane.capacity.max(1) as usize;
                for (day, n) in per_day {
                    let x0 = g.x(midnight(*day));
                    let over = *n > capacity;
                    let (fill, ink) =
                        if over { (Rgb(0xf6, 0xd5, 0xd5), Rgb::BAD) } else { (Rgb(0xdc, 0xe3, 0xec), Rgb::TEXT) };
                    page.marks.push(Mark::Rect {
                        x: x0 + 1.0,
                        y: y + 3.0,
                        w: g.day_w - 2.0,
                        h: h - 6.0,
                        fill: Some(fill),
                        stroke: over.then_some(Rgb::BAD),
                        line_width: 0.6,
                    });
                    let text = n.to_string();
                    let size = 6.5;
                    let tw = font::width(Face::Bold, size, &text);
                    page.text(x0 + (g.day_w - tw) / 2.0, y + h / 2.0 + 2.3, size, true, ink, text);
                }
            }
        }
    }
}

/// Where the days are.
struct Geometry {
    left: f32,
    day_w: f32,
    from: NaiveDate,
    span: i64,
}

impl Geometry {
    fn right(&self) -> f32 {
        self.left + self.span as f32 * self.day_w
    }

    /// The x of an instant, clamped to the chart.
    fn x(&self, t: NaiveDateTime) -> f32 {
        let seconds = (t - midnight(self.from)).num_seconds() as f64;
        let x = self.left as f64 + seconds / 86_400.0 * f64::from(self.day_w);
        (x as f32).clamp(self.left, self.right())
    }
}

/// A count in a small box centred on `day`: filled (white text) or outlined (text in `color`),
/// which tells them apart in grey too.
fn chip(page: &mut Page, g: &Geometry, day: NaiveDate, mid: f32, text: &str, color: Rgb, filled: bool) {
    let size = 6.0;
    let tw = font::width(Face::Bold, size, text);
    let w = (tw + 5.0).max(10.0).min(g.day_w - 1.0);
    let cx = g.x(midnight(day)) + g.day_w / 2.0;
    let (fill, ink) = if filled { (color, Rgb::WHITE) } else { (Rgb::WHITE, color) };
    page.marks.push(Mark::Rect {
        x: cx - w / 2.0,
        y: mid - 5.0,
        w,
        h: 10.0,
        fill: Some(fill),
        stroke: Some(color),
        line_width: 0.8,
    });
    page.text(cx - tw / 2.0, mid + 2.2, size, true, ink, text);
}
