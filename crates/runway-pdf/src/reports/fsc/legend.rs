//! The chart's legend: every window kind with its colour and pattern, the kinds of booking and
//! the markers the chart shows, broken into lines as wide as the chart.

use runway_domain::calendar::{BookingSource, WindowKind};

use super::chart::{Bookings, CAB, Row, WEEKEND, booking_tone};
use super::pattern::{self, KINDS};
use crate::font::{self, Face};
use crate::page::{Mark, Page, Rgb};

pub const LEGEND_SIZE: f32 = 6.5;
pub const LEGEND_LINE: f32 = 10.0;

/// An entry of the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Window(WindowKind),
    Booking(BookingSource),
    OverCapacity,
    AtOnce,
    Deployments,
    Cab,
    Conflicts,
    Weekend,
}

impl Key {
    pub fn label(self) -> String {
        match self {
            Key::Window(kind) => kind.label().to_string(),
            Key::Booking(BookingSource::Deployment) => "Booked by a deployment".into(),
            Key::Booking(BookingSource::Test) => "Booked by a test phase".into(),
            Key::Booking(BookingSource::Manual) => "Booked by hand".into(),
            Key::OverCapacity => "Over capacity".into(),
            Key::AtOnce => "Most bookings at once that day (too many to draw)".into(),
            Key::Deployments => "Deployments starting that day (filled: one is blocked)".into(),
            Key::Cab => "CAB date".into(),
            Key::Conflicts => "Conflicts touching that day (filled: one blocks)".into(),
            Key::Weekend => "Weekend".into(),
        }
    }

    pub fn width(self) -> f32 {
        16.0 + font::width(Face::Regular, LEGEND_SIZE, &self.label()) + 10.0
    }

    /// The key's sample, 13 × 7 points at (x, y).
    pub fn swatch(self, page: &mut Page, x: f32, y: f32) {
        let (w, h) = (13.0, 7.0);
        match self {
            Key::Window(kind) => pattern::shade(page, kind, x, y, w, h, true),
            Key::Booking(source) => page.fill(x, y + 1.0, w, h - 2.0, booking_tone(source).0),
            Key::OverCapacity => page.marks.push(Mark::Rect {
                x,
                y: y + 1.0,
                w,
                h: h - 2.0,
                fill: Some(booking_tone(BookingSource::Test).0),
                stroke: Some(Rgb::BAD),
                line_width: 0.9,
            }),
            Key::AtOnce => {
                page.fill(x, y, w, h, Rgb(0xdc, 0xe3, 0xec));
                page.text(x + 4.0, y + h - 1.3, 5.5, true, Rgb::TEXT, "3");
            }
            Key::Deployments | Key::Conflicts => {
                let color = if self == Key::Deployments { Rgb::ACCENT } else { Rgb::BAD };
                let half = w / 2.0 - 0.5;
                page.marks.push(Mark::Rect {
                    x,
                    y,
                    w: half,
                    h,
                    fill: Some(Rgb::WHITE),
                    stroke: Some(color),
                    line_width: 0.7,
                });
                page.marks.push(Mark::Rect {
                    x: x + w - half,
                    y,
                    w: half,
                    h,
                    fill: Some(color),
                    stroke: Some(color),
                    line_width: 0.7,
                });
                page.text(x + 1.6, y + h - 1.4, 5.0, true, color, "1");
                page.text(x + w - half + 1.6, y + h - 1.4, 5.0, true, Rgb::WHITE, "2");
            }
            Key::Cab => {
                let (cx, cy, r) = (x + w / 2.0, y + h / 2.0, 3.5);
                page.marks.push(Mark::Polygon {
                    points: vec![(cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy)],
                    fill: CAB,
                });
            }
            Key::Weekend => page.marks.push(Mark::Rect {
                x,
                y,
                w,
                h,
                fill: Some(WEEKEND),
                stroke: Some(Rgb::RULE),
                line_width: 0.3,
            }),
        }
    }
}

/// The legend's entries for the rows drawn: every window kind (what the shades mean is worth
/// saying even when a kind does not occur), the kinds of booking shown, and the markers.
pub fn keys(rows: &[Row<'_>]) -> Vec<Key> {
    let mut keys: Vec<Key> = KINDS.iter().map(|k| Key::Window(*k)).collect();
    let mut sources = [false; 3];
    let (mut over, mut counts) = (false, false);
    for row in rows {
        if let Row::Lane { lane, bookings, .. } = row {
            match bookings {
                Bookings::Tracks(placed, _) => {
                    for (track, b) in placed {
                        sources[match b.source {
                            BookingSource::Deployment => 0,
                            BookingSource::Test => 1,
                            BookingSource::Manual => 2,
                        }] = true;
                        over |= *track >= lane.capacity.max(1) as usize;
                    }
                }
                Bookings::Counts(_) => counts = true,
            }
        }
    }
    for (on, source) in sources.iter().zip([BookingSource::Deployment, BookingSource::Test, BookingSource::Manual]) {
        if *on {
            keys.push(Key::Booking(source));
        }
    }
    if over {
        keys.push(Key::OverCapacity);
    }
    if counts {
        keys.push(Key::AtOnce);
    }
    keys.extend([Key::Deployments, Key::Cab, Key::Conflicts, Key::Weekend]);
    keys
}

/// The legend broken into lines as wide as the chart, and whether the time zone's note needs a
/// line of its own after them.
pub fn legend(keys: &[Key], width: f32, zone: &str) -> (Vec<Vec<Key>>, bool) {
    let lines = legend_lines(keys, width);
    let last: f32 = lines.last().map_or(0.0, |l| l.iter().map(|k| k.width()).sum());
    (lines, last + font::width(Face::Bold, LEGEND_SIZE, zone) > width)
}

fn legend_lines(keys: &[Key], width: f32) -> Vec<Vec<Key>> {
    let mut lines: Vec<Vec<Key>> = vec![vec![]];
    let mut used = 0.0;
    for key in keys {
        if used + key.width() > width && used > 0.0 {
            lines.push(vec![]);
            used = 0.0;
        }
        used += key.width();
        lines.last_mut().expect("one line at least").push(*key);
    }
    lines
}
