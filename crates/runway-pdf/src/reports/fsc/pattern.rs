//! How a change window is shaded on paper: each kind in its own colour and its own pattern
//! (diagonal hatching, cross-hatching, horizontal lines, dots), so the kinds stay apart when the
//! page is printed in grey. Patterns are drawn as lines and dots clipped to the shaded rectangle,
//! in phase with the page, so two rectangles side by side continue one pattern.

use runway_domain::calendar::WindowKind;

use crate::page::{Mark, Page, Rgb};

/// The pattern over a window's fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// "/" lines.
    Diagonal,
    /// "/" and "\" lines.
    Cross,
    /// Horizontal lines.
    Horizontal,
    /// A grid of dots.
    Dots,
}

/// A window kind's fill, ink (pattern and outline) and pattern.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub fill: Rgb,
    pub ink: Rgb,
    pub pattern: Pattern,
}

/// The style of each kind: from light to dark in grey, each with its own pattern.
pub fn style(kind: WindowKind) -> Style {
    match kind {
        WindowKind::Freeze => {
            Style { fill: Rgb(0xd3, 0xe2, 0xf5), ink: Rgb(0x2f, 0x5f, 0xa8), pattern: Pattern::Diagonal }
        }
        WindowKind::Blackout => {
            Style { fill: Rgb(0xb9, 0xb6, 0xc0), ink: Rgb(0x2b, 0x27, 0x33), pattern: Pattern::Cross }
        }
        WindowKind::Maintenance => {
            Style { fill: Rgb(0xfa, 0xe5, 0xbb), ink: Rgb(0x96, 0x58, 0x00), pattern: Pattern::Horizontal }
        }
        WindowKind::GreenZone => {
            Style { fill: Rgb(0xd6, 0xef, 0xda), ink: Rgb(0x1d, 0x6b, 0x35), pattern: Pattern::Dots }
        }
    }
}

/// The kinds in the order the legend and the tables give them.
pub const KINDS: [WindowKind; 4] =
    [WindowKind::Freeze, WindowKind::Blackout, WindowKind::Maintenance, WindowKind::GreenZone];

/// Distance between the pattern's lines (points).
const STEP: f32 = 3.2;
const LINE: f32 = 0.35;

/// Shades the rectangle with the kind's fill and pattern, outlined when `outline`.
pub fn shade(page: &mut Page, kind: WindowKind, x: f32, y: f32, w: f32, h: f32, outline: bool) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let s = style(kind);
    page.fill(x, y, w, h, s.fill);
    let (x1, y1) = (x + w, y + h);
    match s.pattern {
        Pattern::Diagonal => slashes(page, (x, y, x1, y1), s.ink),
        Pattern::Cross => {
            slashes(page, (x, y, x1, y1), s.ink);
            backslashes(page, (x, y, x1, y1), s.ink);
        }
        Pattern::Horizontal => {
            let mut ly = (y / STEP).ceil() * STEP;
            while ly < y1 {
                page.line((x, ly), (x1, ly), s.ink, LINE);
                ly += STEP;
            }
        }
        Pattern::Dots => {
            let d = 0.75;
            let mut dy = (y / STEP).ceil() * STEP;
            while dy + d <= y1 {
                // Every other row shifted by half a step: dots, not a grid of lines.
                let shift = if ((dy / STEP).round() as i64) % 2 == 0 { 0.0 } else { STEP / 2.0 };
                let mut dx = ((x - shift) / STEP).ceil() * STEP + shift;
                while dx + d <= x1 {
                    page.fill(dx, dy, d, d, s.ink);
                    dx += STEP;
                }
                dy += STEP;
            }
        }
    }
    if outline {
        page.marks.push(Mark::Rect { x, y, w, h, fill: None, stroke: Some(s.ink), line_width: 0.5 });
    }
}

/// Lines x + y = c ("/" with y growing downwards) clipped to the rectangle.
fn slashes(page: &mut Page, (x0, y0, x1, y1): (f32, f32, f32, f32), ink: Rgb) {
    let step = STEP * 1.4;
    let mut c = ((x0 + y0) / step).ceil() * step;
    while c < x1 + y1 {
        let (a, b) = ((c - y1).max(x0), (c - y0).min(x1));
        if b > a {
            page.line((a, c - a), (b, c - b), ink, LINE);
        }
        c += step;
    }
}

/// Lines x − y = c ("\") clipped to the rectangle.
fn backslashes(page: &mut Page, (x0, y0, x1, y1): (f32, f32, f32, f32), ink: Rgb) {
    let step = STEP * 1.4;
    let mut c = ((x0 - y1) / step).ceil() * step;
    while c < x1 - y0 {
        let (a, b) = ((c + y0).max(x0), (c + y1).min(x1));
        if b > a {
            page.line((a, a - c), (b, b - c), ink, LINE);
        }
        c += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(page: &Page) -> (f32, f32, f32, f32) {
        page.marks.iter().fold((f32::MAX, f32::MAX, f32::MIN, f32::MIN), |(a, b, c, d), m| match m {
            Mark::Line { points, .. } => {
                points.iter().fold((a, b, c, d), |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)))
            }
            Mark::Rect { x, y, w, h, .. } => (a.min(*x), b.min(*y), c.max(x + w), d.max(y + h)),
            _ => (a, b, c, d),
        })
    }

    #[test]
    fn every_pattern_stays_inside_its_rectangle() {
        for kind in KINDS {
            let mut page = Page::new(200.0, 200.0);
            shade(&mut page, kind, 10.3, 20.7, 33.1, 9.4, false);
            let (a, b, c, d) = bounds(&page);
            let eps = 0.01;
            assert!(
                a >= 10.3 - eps && b >= 20.7 - eps && c <= 43.4 + eps && d <= 30.1 + eps,
                "{kind:?}: {a} {b} {c} {d}"
            );
            assert!(page.marks.len() > 3, "{kind:?} draws a pattern");
        }
    }

    #[test]
    fn the_kinds_differ_in_pattern_and_in_grey() {
        let grey = |c: Rgb| 0.299 * f32::from(c.0) + 0.587 * f32::from(c.1) + 0.114 * f32::from(c.2);
        for (i, a) in KINDS.iter().enumerate() {
            for b in &KINDS[i + 1..] {
                assert_ne!(style(*a).pattern, style(*b).pattern, "{a:?} and {b:?}");
            }
            assert!(grey(style(*a).fill) - grey(style(*a).ink) > 80.0, "{a:?}'s pattern shows in grey");
        }
    }
}
