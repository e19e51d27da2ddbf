//! A laid-out document as a list of marks per page: what the PDF writer turns into bytes and
//! what the app's preview draws, so the preview is the PDF. Units are points (1/72 in), the origin
//! is the page's top-left corner and y grows downwards.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A colour, as 0–255 RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0x1d, 0x23, 0x2b);
    pub const TEXT: Rgb = Rgb(0x24, 0x29, 0x33);
    pub const MUTED: Rgb = Rgb(0x5f, 0x67, 0x73);
    pub const RULE: Rgb = Rgb(0xc9, 0xcf, 0xd8);
    pub const FAINT: Rgb = Rgb(0xee, 0xf1, 0xf5);
    pub const ACCENT: Rgb = Rgb(0x1f, 0x5f, 0xa8);
    pub const GOOD: Rgb = Rgb(0x2e, 0x7d, 0x4f);
    pub const WARN: Rgb = Rgb(0xb2, 0x6b, 0x00);
    pub const BAD: Rgb = Rgb(0xb4, 0x2b, 0x2b);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Mark {
    /// Text on one line; `y` is the baseline.
    Text { x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String },
    /// A rectangle, filled and/or outlined.
    Rect { x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Rgb>, line_width: f32 },
    /// A straight or broken line through the points.
    Line { points: Vec<(f32, f32)>, color: Rgb, width: f32, dashed: bool },
    /// A filled polygon (diamonds, arrow heads).
    Polygon { points: Vec<(f32, f32)>, fill: Rgb },
}

/// One page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

/// An entry of the PDF's outline (bookmarks), pointing at a page (0-based).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Bookmark {
    pub title: String,
    pub page: u32,
}

/// A whole laid-out document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Document {
    pub title: String,
    pub pages: Vec<Page>,
    pub bookmarks: Vec<Bookmark>,
    /// Characters of the text that the embedded fonts cannot draw (they print as a box).
    pub missing_glyphs: Vec<String>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page { width, height, marks: Vec::new() }
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.marks.push(Mark::Text { x, y, size, bold, color, text });
        }
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.marks.push(Mark::Rect { x, y, w, h, fill: Some(color), stroke: None, line_width: 0.0 });
    }

    pub fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb, line_width: f32) {
        self.marks.push(Mark::Rect { x, y, w, h, fill: None, stroke: Some(color), line_width });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        self.marks.push(Mark::Line { points: vec![from, to], color, width, dashed: false });
    }

    pub fn dashed(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        self.marks.push(Mark::Line { points: vec![from, to], color, width, dashed: true });
    }
}
