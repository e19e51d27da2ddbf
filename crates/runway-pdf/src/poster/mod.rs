//! The roadmap poster: the app's roadmap layout ([`runway_domain::roadmap::Layout`]) for a date
//! range, either tiled over as many pages as it needs — the time scale and the release names on
//! every page, each page marked with its place in the grid — or fitted to one page.

use chrono::{Datelike, NaiveDate};
use runway_domain::dates;
use runway_domain::report::Period;
use runway_domain::roadmap::{Bar, Layout, Row};
use runway_domain::{MilestoneKind, ReleaseStatus};

use super::compose::{Frame, MARGIN, Sheet, decorate, fit};
use super::font::{self, Face};
use super::page::{Bookmark, Document, Mark, Page, Rgb};

/// What to print.
#[derive(Debug, Clone, Copy)]
pub struct PosterOptions {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sheet: Sheet,
    /// Everything on one page instead of tiles.
    pub fit_one_page: bool,
}

/// The colours of a status, as on the screen (ui/src/lib/status.ts): background and ink.
pub fn tone(status: ReleaseStatus) -> (Rgb, Rgb) {
    use ReleaseStatus::*;
    const NEUTRAL: (Rgb, Rgb) = (Rgb(0xea, 0xed, 0xf1), Rgb(0x3a, 0x42, 0x4d));
    const VIOLET: (Rgb, Rgb) = (Rgb(0xee, 0xe8, 0xfc), Rgb(0x56, 0x35, 0x9f));
    const BLUE: (Rgb, Rgb) = (Rgb(0xe2, 0xec, 0xfc), Rgb(0x1c, 0x56, 0xad));
    const AMBER: (Rgb, Rgb) = (Rgb(0xfc, 0xef, 0xd6), Rgb(0x82, 0x4d, 0x00));
    const TEAL: (Rgb, Rgb) = (Rgb(0xd9, 0xf2, 0xee), Rgb(0x0b, 0x65, 0x5b));
    const GREEN: (Rgb, Rgb) = (Rgb(0xde, 0xf2, 0xe2), Rgb(0x1d, 0x65, 0x30));
    const RED: (Rgb, Rgb) = (Rgb(0xfc, 0xe3, 0xe3), Rgb(0xab, 0x20, 0x20));
    const MUTED: (Rgb, Rgb) = (Rgb(0xf0, 0xf1, 0xf3), Rgb(0x68, 0x72, 0x80));
    match status {
        Rejected | TestFailed | NotAuthorized | DeploymentFailed | BackedOut | ClosedFailed => RED,
        ClosedRejected | Cancelled => MUTED,
        Draft | Planned => NEUTRAL,
        SubmittedToCab | AwaitingAuthorization => VIOLET,
        Approved | Build | Test => BLUE,
        Authorized | Deploying | Deployed | Verified => AMBER,
        EarlyLifeSupport => TEAL,
        Closed => GREEN,
    }
}

const LEGEND: [(&str, ReleaseStatus); 8] = [
    ("Planning", ReleaseStatus::Planned),
    ("In CAB", ReleaseStatus::SubmittedToCab),
    ("Build & test", ReleaseStatus::Build),
    ("Authorized & deploying", ReleaseStatus::Deploying),
    ("Early life support", ReleaseStatus::EarlyLifeSupport),
    ("Closed", ReleaseStatus::Closed),
    ("Failed or backed out", ReleaseStatus::DeploymentFailed),
    ("Cancelled", ReleaseStatus::Cancelled),
];

/// A line of the poster: an application's header (continued or not) or a release.
#[derive(Clone, Copy)]
enum Line<'a> {
    Group(&'a str, bool),
    Release(&'a Row),
}

const TOP: f32 = 46.0;
const SCALE_H: f32 = 26.0;
const FOOT: f32 = 42.0;

struct Geometry {
    label_w: f32,
    day_w: f32,
    row_h: f32,
    /// Days per page column.
    days_per_tile: i64,
    lines_per_tile: usize,
}

fn overlaps(bar: &Bar, from: NaiveDate, to: NaiveDate) -> bool {
    bar.start <= to && bar.end >= from
}

/// Lays the poster out.
pub fn poster(layout: &Layout, options: &PosterOptions, frame: &Frame) -> Document {
    let (mut pages, mut bookmarks) = sheets(layout, options);
    if bookmarks.is_empty() {
        bookmarks.push(Bookmark { title: "Roadmap".into(), page: 0 });
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        decorate(page, frame, i + 1, count);
    }
    let missing_glyphs = font::missing_glyphs(&pages);
    Document { title: frame.report.clone(), pages, bookmarks, missing_glyphs }
}

/// The poster's sheets, without the running header and footer (a report that holds a roadmap
/// adds its own), and a bookmark for the first sheet of each application.
pub fn sheets(layout: &Layout, options: &PosterOptions) -> (Vec<Page>, Vec<Bookmark>) {
    let (from, to) = (options.from.min(options.to), options.to.max(options.from));
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut group_of_line: Vec<usize> = Vec::new();
    for (gi, group) in layout.groups.iter().enumerate() {
        let rows: Vec<&Row> = group
            .rows
            .iter()
            .filter_map(|&i| layout.rows.get(i as usize))
            .filter(|r| r.bars.iter().any(|b| overlaps(b, from, to)))
            .collect();
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::Group(&group.name, false));
        group_of_line.push(gi);
        for r in rows {
            lines.push(Line::Release(r));
            group_of_line.push(gi);
        }
    }
    let (width, height) = options.sheet.size();
    let days = (to - from).num_days() + 1;
    let legend_h = 6.0 + LEGEND_LINE * legend_lines(width).len() as f32;
    let body_h = height - TOP - SCALE_H - legend_h - FOOT;
    let g = if options.fit_one_page {
        let label_w = if lines.len() > 400 { 110.0 } else { 160.0 };
        let row_h = (body_h / lines.len().max(1) as f32).min(13.0);
        Geometry {
            label_w,
            day_w: (width - 2.0 * MARGIN - label_w) / days as f32,
            row_h,
            days_per_tile: days,
            lines_per_tile: lines.len().max(1),
        }
    } else {
        let label_w = 170.0;
        // Fill the page when the range fits at a readable scale (a month at least ~45 pt wide);
        // otherwise tile, with the range shared evenly between the columns of sheets.
        let available = width - 2.0 * MARGIN - label_w;
        let readable = (available / days as f32).clamp(1.5, 24.0);
        let columns = ((days as f32 * readable / available).ceil() as i64).max(1);
        let days_per_tile = (days + columns - 1) / columns;
        let day_w = (available / days_per_tile as f32).min(24.0);
        let row_h = 13.0;
        Geometry { label_w, day_w, row_h, days_per_tile, lines_per_tile: ((body_h / row_h).floor() as usize).max(1) }
    };
    let tile_cols = ((days + g.days_per_tile - 1) / g.days_per_tile).max(1) as usize;
    let releases = lines.iter().filter(|l| matches!(l, Line::Release(_))).count();
    // Bands of lines, one per row of sheets; a band that starts inside an application repeats
    // its header first.
    let mut bands: Vec<Vec<(Line<'_>, usize)>> = vec![];
    for (line, gi) in lines.iter().copied().zip(group_of_line.iter().copied()) {
        if bands.last().is_none_or(|b| b.len() >= g.lines_per_tile.max(2)) {
            let mut band = vec![];
            if matches!(line, Line::Release(_)) {
                band.push((Line::Group(&layout.groups[gi].name, true), gi));
            }
            bands.push(band);
        }
        bands.last_mut().expect("a band was pushed").push((line, gi));
    }
    if bands.is_empty() {
        bands.push(vec![]);
    }
    let band_count = bands.len();

    let mut pages = Vec::new();
    let mut bookmarks = Vec::new();
    for (band, band_lines) in bands.iter().enumerate() {
        for (line, _) in band_lines {
            if let Line::Group(name, false) = line {
                bookmarks.push(Bookmark { title: name.to_string(), page: pages.len() as u32 });
            }
        }
        let only_lines: Vec<Line<'_>> = band_lines.iter().map(|(l, _)| *l).collect();
        for col in 0..tile_cols {
            // Checked: a range at the end of chrono's calendar must not overflow (`to` bounds it).
            let t0 = dates::add_days(from, col as i64 * g.days_per_tile).unwrap_or(to).min(to);
            let t1 = dates::add_days(t0, g.days_per_tile - 1).unwrap_or(to).min(to);
            let mut page = Page::new(width, height);
            Tile { t0, t1, g: &g }.draw(&mut page, layout, &only_lines);
            let label = if options.fit_one_page {
                format!("{releases} releases · {} – {}", day(from), day(to))
            } else {
                format!(
                    "Sheet {}{} (row {} of {band_count}, column {} of {tile_cols}) · {} – {}",
                    sheet_row(band),
                    col + 1,
                    band + 1,
                    col + 1,
                    day(t0),
                    day(t1)
                )
            };
            page.text(MARGIN, TOP - 2.0, 8.0, true, Rgb::TEXT, fit(&label, Face::Bold, 8.0, width - 2.0 * MARGIN));
            pages.push(page);
        }
    }
    (pages, bookmarks)
}

/// The bar of milestone `kind` on row `row`.
fn bar<'a>(layout: &'a Layout, row: u32, kind: &MilestoneKind) -> Option<&'a Bar> {
    layout.rows.get(row as usize).and_then(|r| r.bars.iter().find(|b| &b.kind == kind))
}

/// "A", "B", … "Z", "AA", … for the rows of the sheet grid.
fn sheet_row(n: usize) -> String {
    let mut n = n + 1;
    let mut s = String::new();
    while n > 0 {
        n -= 1;
        s.insert(0, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    s
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

struct Tile<'a> {
    t0: NaiveDate,
    t1: NaiveDate,
    g: &'a Geometry,
}

impl Tile<'_> {
    fn left(&self) -> f32 {
        MARGIN + self.g.label_w
    }

    fn right(&self) -> f32 {
        self.left() + self.span() as f32 * self.g.day_w
    }

    /// The days the tile shows.
    fn span(&self) -> i64 {
        dates::days_between(self.t1, self.t0) + 1
    }

    /// Days from the tile's first day to `d` (never overflows, whatever the dates).
    fn offset(&self, d: NaiveDate) -> i64 {
        dates::days_between(d, self.t0)
    }

    /// The x of the start of the day `offset` days into the tile, clamped to the tile.
    fn x_at(&self, offset: i64) -> f32 {
        (self.left() + offset as f32 * self.g.day_w).clamp(self.left(), self.right())
    }

    /// The x of the start of `d`, clamped to the tile.
    fn x(&self, d: NaiveDate) -> f32 {
        self.x_at(self.offset(d))
    }

    /// The x of the end of `d` (the start of the day after, which may be past chrono's last day).
    fn x_after(&self, d: NaiveDate) -> f32 {
        self.x_at(self.offset(d) + 1)
    }

    /// Whether the start of the day `offset` days into the tile is on it (its right edge included).
    fn visible(&self, offset: i64) -> bool {
        (0..=self.span()).contains(&offset)
    }

    fn draw(&self, page: &mut Page, layout: &Layout, lines: &[Line<'_>]) {
        let top = TOP + SCALE_H;
        let bottom = top + lines.len() as f32 * self.g.row_h;
        self.scale(page, top, bottom);
        let mut row_y: std::collections::HashMap<u32, f32> = std::collections::HashMap::new();
        let label_size = (self.g.row_h * 0.62).min(7.5);
        for (i, line) in lines.iter().enumerate() {
            let y = top + i as f32 * self.g.row_h;
            match line {
                Line::Group(name, cont) => {
                    page.fill(MARGIN, y, self.right() - MARGIN, self.g.row_h, Rgb(0xdf, 0xe6, 0xef));
                    if label_size >= 3.0 {
                        let text = if *cont { format!("{name} (continued)") } else { name.to_string() };
                        page.text(MARGIN + 3.0, y + self.g.row_h * 0.72, label_size, true, Rgb::BLACK, text);
                    }
                }
                Line::Release(row) => {
                    row_y.insert(row.index, y);
                    if label_size >= 3.0 {
                        let key_w = font::width(Face::Bold, label_size, &row.key);
                        page.text(MARGIN + 3.0, y + self.g.row_h * 0.72, label_size, true, Rgb::TEXT, row.key.clone());
                        let title = fit(&row.title, Face::Regular, label_size, self.g.label_w - key_w - 12.0);
                        page.text(MARGIN + key_w + 7.0, y + self.g.row_h * 0.72, label_size, false, Rgb::MUTED, title);
                    }
                    self.bars(page, row, y);
                }
            }
        }
        self.ci_arrows(page, layout, &row_y);
        self.arrows(page, layout, &row_y);
        if (self.t0..=self.t1).contains(&layout.today) {
            let x = self.x(layout.today) + self.g.day_w / 2.0;
            page.dashed((x, top - 4.0), (x, bottom), Rgb::BAD, 0.8);
            page.text(x + 2.0, top - 5.0, 6.0, true, Rgb::BAD, "Today");
        }
        self.legend(page, page.height - FOOT - 4.0);
    }

    fn scale(&self, page: &mut Page, top: f32, bottom: f32) {
        let (left, right) = (self.left(), self.right());
        page.fill(left, top - SCALE_H + 4.0, right - left, SCALE_H - 4.0, Rgb::FAINT);
        let month_w = 30.0 * self.g.day_w;
        let mut d = NaiveDate::from_ymd_opt(self.t0.year(), self.t0.month(), 1).unwrap_or(self.t0);
        while d <= self.t1 {
            // The last month of chrono's calendar has no month after it: it runs to the tile's end.
            let after = d.checked_add_months(chrono::Months::new(1));
            let x = self.x(d);
            let quarter_start = d.month() % 3 == 1;
            if d >= self.t0 {
                let color = if quarter_start { Rgb::MUTED } else { Rgb::RULE };
                page.line((x, top - SCALE_H + 4.0), (x, bottom), color, if quarter_start { 0.6 } else { 0.3 });
            }
            let month_end = after.map_or(right, |next| self.x(next));
            let span = month_end - x.max(left);
            let label = if month_w >= 40.0 { d.format("%b %Y").to_string() } else { d.format("%b").to_string() };
            if span >= font::width(Face::Regular, 6.5, &label) + 4.0 {
                page.text(x.max(left) + 2.0, top - 4.0, 6.5, false, Rgb::TEXT, label);
            }
            if quarter_start || d <= self.t0 {
                let quarter = Period::quarter_of(d);
                let q_end = quarter.to.succ_opt();
                let q = quarter.label;
                let q_span = q_end.map_or(right, |q| self.x(q)) - x.max(left);
                if q_span >= font::width(Face::Bold, 7.0, &q) + 4.0 {
                    page.text(x.max(left) + 2.0, top - SCALE_H + 13.0, 7.0, true, Rgb::BLACK, q);
                }
            }
            match after {
                Some(next) => d = next,
                None => break,
            }
        }
        page.frame(left, top - SCALE_H + 4.0, right - left, bottom - top + SCALE_H - 4.0, Rgb::RULE, 0.5);
        page.line((MARGIN, top), (right, top), Rgb::MUTED, 0.5);
    }

    fn bars(&self, page: &mut Page, row: &Row, y: f32) {
        let (bg, ink) = tone(row.status);
        let h = (self.g.row_h * 0.56).max(1.0);
        let mid = y + self.g.row_h / 2.0;
        for bar in row.bars.iter().filter(|b| b.start <= self.t1 && b.end >= self.t0) {
            let x0 = self.x(bar.start);
            let x1 = self.x_after(bar.end);
            let stroke = if bar.critical { Rgb::BAD } else { ink };
            if let (Some(bs), Some(be)) = (bar.baseline_start, bar.baseline_end)
                && (bs, be) != (bar.start, bar.end)
                && bs <= self.t1
                && be >= self.t0
            {
                let (b0, b1) = (self.x(bs), self.x_after(be));
                page.fill(b0, mid + h / 2.0 + 0.4, (b1 - b0).max(0.8), (h * 0.22).max(0.5), Rgb::MUTED);
            }
            if bar.diamond {
                let cx = (x0 + x1) / 2.0;
                let r = h * 0.75;
                page.marks.push(Mark::Polygon {
                    points: vec![(cx, mid - r), (cx + r, mid), (cx, mid + r), (cx - r, mid)],
                    fill: stroke,
                });
            } else {
                page.marks.push(Mark::Rect {
                    x: x0,
                    y: mid - h / 2.0,
                    w: (x1 - x0).max(0.8),
                    h,
                    fill: Some(bg),
                    stroke: Some(stroke),
                    line_width: if bar.critical { 0.9 } else { 0.4 },
                });
                if let Some(a0) = bar.actual_start.filter(|d| *d <= self.t1) {
                    let a1 = bar.actual_end.unwrap_or(a0).max(a0);
                    if a1 >= self.t0 {
                        let (ax0, ax1) = (self.x(a0), self.x_after(a1));
                        page.fill(ax0, mid - h * 0.12, (ax1 - ax0).max(0.8), h * 0.24, ink);
                    }
                }
                if bar.kind == MilestoneKind::Deployment && x1 - x0 > 2.0 {
                    page.fill(x1 - 1.2, mid - h / 2.0, 1.2, h, ink);
                }
            }
        }
    }

    /// The links implied by configuration items: dotted, from the upstream release's deployment to
    /// the downstream one's, without a head (they are not dependencies of the plan).
    fn ci_arrows(&self, page: &mut Page, layout: &Layout, row_y: &std::collections::HashMap<u32, f32>) {
        let half = self.g.row_h / 2.0;
        for a in &layout.ci_arrows {
            let (Some(&fy), Some(&ty)) = (row_y.get(&a.from_row), row_y.get(&a.to_row)) else { continue };
            let (Some(fb), Some(tb)) = (bar(layout, a.from_row, &a.from_kind), bar(layout, a.to_row, &a.to_kind))
            else {
                continue;
            };
            let (from_day, to_day) = (self.offset(fb.end) + 1, self.offset(tb.start));
            if !self.visible(from_day) && !self.visible(to_day) {
                continue;
            }
            let (x0, x1) = (self.x_at(from_day), self.x_at(to_day));
            page.marks.push(Mark::Line {
                points: vec![(x0, fy + half), (x0, ty + half), (x1, ty + half)],
                color: Rgb::ACCENT,
                width: 0.4,
                dashed: true,
            });
        }
    }

    fn arrows(&self, page: &mut Page, layout: &Layout, row_y: &std::collections::HashMap<u32, f32>) {
        let half = self.g.row_h / 2.0;
        // Links inside one release (the template's chain of phases) would only clutter its row.
        for a in layout.arrows.iter().filter(|a| a.from_row != a.to_row) {
            let (Some(&fy), Some(&ty)) = (row_y.get(&a.from_row), row_y.get(&a.to_row)) else { continue };
            let (Some(fb), Some(tb)) = (bar(layout, a.from_row, &a.from_kind), bar(layout, a.to_row, &a.to_kind))
            else {
                continue;
            };
            use runway_domain::schedule::DepKind::{FinishToFinish, FinishToStart, StartToStart};
            // Day offsets into the tile: a finish is the start of the day after the bar's end.
            let from_day = if matches!(a.kind, FinishToStart | FinishToFinish) {
                self.offset(fb.end) + 1
            } else {
                self.offset(fb.start)
            };
            let to_day = if matches!(a.kind, FinishToStart | StartToStart) {
                self.offset(tb.start)
            } else {
                self.offset(tb.end) + 1
            };
            if !self.visible(from_day) && !self.visible(to_day) {
                continue;
            }
            let (x0, x1) = (self.x_at(from_day), self.x_at(to_day));
            let (y0, y1) = (fy + half, ty + half);
            let color = if a.violated {
                Rgb::BAD
            } else if a.critical {
                Rgb::BLACK
            } else {
                Rgb::MUTED
            };
            let elbow = x0 + 3.0;
            page.marks.push(Mark::Line {
                points: vec![(x0, y0), (elbow, y0), (elbow, y1), (x1, y1)],
                color,
                width: 0.45,
                dashed: a.violated,
            });
            let head = (self.g.row_h * 0.22).clamp(0.8, 2.5);
            let dir = if x1 >= elbow { -1.0 } else { 1.0 };
            page.marks.push(Mark::Polygon {
                points: vec![(x1, y1), (x1 + dir * head * 1.4, y1 - head), (x1 + dir * head * 1.4, y1 + head)],
                fill: color,
            });
        }
    }

    /// The legend in lines that fit the page, drawn upwards from `bottom`.
    fn legend(&self, page: &mut Page, bottom: f32) {
        let lines = legend_lines(page.width);
        let mut y = bottom - (lines.len() as f32 - 1.0) * LEGEND_LINE;
        for line in lines {
            let mut x = MARGIN;
            for item in line {
                let swatch = |fill, stroke, width| Mark::Rect {
                    x,
                    y: y - 6.0,
                    w: 12.0,
                    h: 6.0,
                    fill,
                    stroke,
                    line_width: width,
                };
                match item {
                    Key::Status(_, status) => {
                        let (bg, ink) = tone(status);
                        page.marks.push(swatch(Some(bg), Some(ink), 0.4));
                    }
                    Key::Critical => page.marks.push(swatch(Some(Rgb::WHITE), Some(Rgb::BAD), 0.9)),
                    Key::Violated => page.dashed((x, y - 3.0), (x + 12.0, y - 3.0), Rgb::BAD, 0.6),
                    Key::Implied => page.dashed((x, y - 3.0), (x + 12.0, y - 3.0), Rgb::ACCENT, 0.4),
                }
                page.text(x + 15.0, y, LEGEND_SIZE, false, Rgb::TEXT, item.label());
                x += item.width();
            }
            y += LEGEND_LINE;
        }
    }
}

const LEGEND_SIZE: f32 = 6.5;
const LEGEND_LINE: f32 = 10.0;

#[derive(Clone, Copy)]
enum Key {
    Status(&'static str, ReleaseStatus),
    Critical,
    Violated,
    Implied,
}

impl Key {
    fn label(self) -> &'static str {
        match self {
            Key::Status(label, _) => label,
            Key::Critical => "Critical path",
            Key::Violated => "Violated dependency",
            Key::Implied => "Implied by configuration items",
        }
    }

    fn width(self) -> f32 {
        15.0 + font::width(Face::Regular, LEGEND_SIZE, self.label()) + 10.0
    }
}

/// The legend's entries, broken into lines as wide as the page allows.
fn legend_lines(page_width: f32) -> Vec<Vec<Key>> {
    let keys = LEGEND.iter().map(|&(l, s)| Key::Status(l, s)).chain([Key::Critical, Key::Violated, Key::Implied]);
    let mut lines: Vec<Vec<Key>> = vec![vec![]];
    let mut used = 0.0;
    for key in keys {
        if used + key.width() > page_width - 2.0 * MARGIN && used > 0.0 {
            lines.push(vec![]);
            used = 0.0;
        }
        used += key.width();
        lines.last_mut().expect("one line at least").push(key);
    }
    lines
}

#[cfg(test)]
mod tests;
