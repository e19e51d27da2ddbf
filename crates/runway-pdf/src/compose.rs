//! Flows a report's content onto pages: title, headings (which become bookmarks), paragraphs,
//! facts, figure tiles, tables that break across pages with their header repeated, and fixed-size
//! blocks such as charts. [`Composer::finish`] adds the running header and the footer with
//! "Page N of M", the plan, the period, the generation time and the audit chain head.

use super::font::{self, Face};
use super::page::{Bookmark, Document, Page, Rgb};
pub use super::sheet::{Paper, Sheet};

/// What the running header and the footer say on every page.
#[derive(Debug, Clone)]
pub struct Frame {
    pub report: String,
    pub plan: String,
    pub period: String,
    pub generated_at: String,
    /// "#1234 9f3a…" — the audit chain head the report was made from.
    pub audit_head: String,
}

pub const MARGIN: f32 = 42.0;
const TOP: f32 = 58.0;
const BOTTOM: f32 = 52.0;
pub const BODY: f32 = 9.0;
const LEADING: f32 = 1.35;

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    /// Centred in the column, its header too (a grid of short codes).
    Center,
}

impl Align {
    /// Where a line `line_w` wide starts in a column at `x`, `w` wide, padded by `pad`.
    fn start(self, x: f32, w: f32, pad: f32, line_w: f32) -> f32 {
        match self {
            Align::Left => x + pad,
            Align::Right => x + w - pad - line_w,
            Align::Center => x + (w - line_w) / 2.0,
        }
    }
}

/// A table column: its title, its share of the width and its alignment.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn left(title: &str, weight: f32) -> Column {
        Column { title: title.into(), weight, align: Align::Left }
    }
    pub fn right(title: &str, weight: f32) -> Column {
        Column { title: title.into(), weight, align: Align::Right }
    }
    pub fn center(title: &str, weight: f32) -> Column {
        Column { title: title.into(), weight, align: Align::Center }
    }
}

/// A table cell: text, and optionally a colour and weight.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: String,
    pub color: Option<Rgb>,
    pub bold: bool,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(text: T) -> Cell {
        Cell { text: text.into(), color: None, bold: false }
    }
}

impl Cell {
    pub fn colored(text: impl Into<String>, color: Rgb) -> Cell {
        Cell { text: text.into(), color: Some(color), bold: false }
    }
    pub fn bold(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), color: None, bold: true }
    }
}

/// Breaks `text` into lines no wider than `width`, at spaces where it can and inside a word
/// only when the word alone is too wide. Explicit line breaks are kept.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split(' ') {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if font::width(face, size, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it by characters if it is still too wide.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if font::width(face, size, &piece) > width && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

/// Shortens `text` with an ellipsis so that it fits `width`.
pub fn fit(text: &str, face: Face, size: f32, width: f32) -> String {
    if font::width(face, size, text) <= width {
        return text.to_string();
    }
    let mut out: String = text.to_string();
    while !out.is_empty() && font::width(face, size, &format!("{out}…")) > width {
        out.pop();
    }
    format!("{}…", out.trim_end())
}

/// Lays content out page after page.
pub struct Composer {
    sheet: Sheet,
    width: f32,
    height: f32,
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    y: f32,
    title: String,
}

impl Composer {
    pub fn new(sheet: Sheet, title: &str) -> Composer {
        let (width, height) = sheet.size();
        Composer {
            sheet,
            width,
            height,
            pages: vec![Page::new(width, height)],
            bookmarks: vec![],
            y: TOP,
            title: title.into(),
        }
    }

    pub fn sheet(&self) -> Sheet {
        self.sheet
    }

    /// The width between the margins.
    pub fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    /// The space left on the current page.
    pub fn remaining(&self) -> f32 {
        self.height - BOTTOM - self.y
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a composer always has a page")
    }

    pub fn page_index(&self) -> u32 {
        self.pages.len() as u32 - 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.width, self.height));
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn need(&mut self, height: f32) {
        if self.remaining() < height && self.y > TOP {
            self.new_page();
        }
    }

    pub fn gap(&mut self, height: f32) {
        self.y += height;
    }

    /// The report's title block at the top of the first page.
    pub fn title_block(&mut self, title: &str, subtitle: &str) {
        let w = self.content_width();
        let lines = wrap(title, Face::Bold, 20.0, w);
        let mut y = self.y;
        for line in lines.iter().take(3) {
            self.page().text(MARGIN, y + 18.0, 20.0, true, Rgb::BLACK, line.clone());
            y += 24.0;
        }
        let page = self.page();
        page.text(MARGIN, y + 12.0, 11.0, false, Rgb::MUTED, fit(subtitle, Face::Regular, 11.0, w));
        page.line((MARGIN, y + 22.0), (MARGIN + w, y + 22.0), Rgb::ACCENT, 1.5);
        self.y = y + 38.0;
    }

    /// A section heading; it is a bookmark, and it never ends a page alone.
    pub fn heading(&mut self, text: &str) {
        self.heading_keep(text, 60.0);
    }

    /// A section heading kept on the page with the `keep` points of content that follow it.
    pub fn heading_keep(&mut self, text: &str, keep: f32) {
        self.need(38.0 + keep);
        if self.y > TOP {
            self.y += 10.0;
        }
        let page_no = self.page_index();
        self.bookmarks.push(Bookmark { title: text.to_string(), page: page_no });
        let (y, w) = (self.y, self.content_width());
        let page = self.page();
        page.text(MARGIN, y + 13.0, 13.0, true, Rgb::ACCENT, fit(text, Face::Bold, 13.0, w));
        page.line((MARGIN, y + 18.5), (MARGIN + w, y + 18.5), Rgb::RULE, 0.6);
        self.y += 28.0;
    }

    /// A smaller heading inside a section (not a bookmark).
    pub fn subheading(&mut self, text: &str) {
        self.need(60.0);
        self.y += 4.0;
        let (y, w) = (self.y, self.content_width());
        self.page().text(MARGIN, y + 10.0, 10.5, true, Rgb::TEXT, fit(text, Face::Bold, 10.5, w));
        self.y += 17.0;
    }

    /// Wrapped text at the body size.
    pub fn paragraph(&mut self, text: &str) {
        self.paragraph_styled(text, BODY, false, Rgb::TEXT);
    }

    pub fn note(&mut self, text: &str) {
        self.paragraph_styled(text, 8.0, false, Rgb::MUTED);
    }

    pub fn paragraph_styled(&mut self, text: &str, size: f32, bold: bool, color: Rgb) {
        let face = if bold { Face::Bold } else { Face::Regular };
        let lh = size * LEADING;
        for line in wrap(text, face, size, self.content_width()) {
            self.need(lh);
            let y = self.y;
            self.page().text(MARGIN, y + size, size, bold, color, line);
            self.y += lh;
        }
        self.y += size * 0.6;
    }

    /// A term in bold with its meaning under it, kept together with the meaning's first lines.
    pub fn term(&mut self, term: &str, meaning: &str) {
        let lines = wrap(meaning, Face::Regular, 8.0, self.content_width()).len().min(3) as f32;
        self.need(9.0 * LEADING + lines * 8.0 * LEADING + 6.0);
        self.paragraph_styled(term, 8.5, true, Rgb::TEXT);
        self.y -= 8.5 * 0.6 - 1.0;
        self.paragraph_styled(meaning, 8.0, false, Rgb::MUTED);
    }

    /// Label–value pairs in two columns of label and value.
    pub fn facts(&mut self, facts: &[(&str, String)]) {
        let w = self.content_width();
        let half = (w - 18.0) / 2.0;
        let label_w = (half * 0.36).min(120.0);
        let value_w = half - label_w - 6.0;
        for pair in facts.chunks(2) {
            let heights: Vec<usize> = pair
                .iter()
                .map(|(l, v)| {
                    let label = wrap(l, Face::Bold, 8.0, label_w).len();
                    wrap(v, Face::Regular, BODY, value_w).len().max(label).max(1)
                })
                .collect();
            let rows = heights.iter().copied().max().unwrap_or(1);
            let h = rows as f32 * BODY * LEADING + 4.0;
            self.need(h);
            let y = self.y;
            for (i, (label, value)) in pair.iter().enumerate() {
                let x = MARGIN + i as f32 * (half + 18.0);
                let page = self.page();
                for (n, line) in wrap(label, Face::Bold, 8.0, label_w).into_iter().enumerate() {
                    page.text(x, y + BODY + n as f32 * BODY * LEADING, 8.0, true, Rgb::MUTED, line);
                }
                let value = if value.is_empty() { "—".to_string() } else { value.clone() };
                for (n, line) in wrap(&value, Face::Regular, BODY, value_w).into_iter().enumerate() {
                    page.text(x + label_w + 6.0, y + BODY + n as f32 * BODY * LEADING, BODY, false, Rgb::TEXT, line);
                }
            }
            self.y += h;
        }
        self.y += 6.0;
    }

    /// A row of figure tiles: a big number with its label and a note under it.
    pub fn tiles(&mut self, tiles: &[(String, String, Rgb)], per_row: usize) {
        let w = self.content_width();
        let gap = 8.0;
        let tile_w = (w - gap * (per_row as f32 - 1.0)) / per_row as f32;
        let tile_h = 52.0;
        for row in tiles.chunks(per_row) {
            self.need(tile_h + gap);
            let y = self.y;
            for (i, (value, label, color)) in row.iter().enumerate() {
                let x = MARGIN + i as f32 * (tile_w + gap);
                let page = self.page();
                page.fill(x, y, tile_w, tile_h, Rgb::FAINT);
                page.fill(x, y, 3.0, tile_h, *color);
                // The figure shrinks to fit its tile rather than lose letters.
                let room = tile_w - 16.0;
                let size = (17.0 * room / font::width(Face::Bold, 17.0, value).max(1.0)).clamp(9.0, 17.0);
                page.text(x + 10.0, y + 24.0, size, true, *color, fit(value, Face::Bold, size, room));
                let lines = wrap(label, Face::Regular, 7.5, tile_w - 14.0);
                for (n, line) in lines.into_iter().take(2).enumerate() {
                    page.text(x + 10.0, y + 36.0 + n as f32 * 9.0, 7.5, false, Rgb::MUTED, line);
                }
            }
            self.y += tile_h + gap;
        }
        self.y += 4.0;
    }

    /// A table. Rows wrap their cells; a row that does not fit starts a new page, where the
    /// header row is drawn again. An empty table prints `empty` instead.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell>], empty: &str) {
        if rows.is_empty() {
            self.paragraph_styled(empty, BODY, false, Rgb::MUTED);
            return;
        }
        let w = self.content_width();
        let size = if columns.len() > 7 { 7.5 } else { 8.0 };
        let lh = size * LEADING;
        let pad = 4.0;
        let widths = column_widths(columns, rows, w, size, pad);
        let header_lines: Vec<Vec<String>> =
            columns.iter().zip(&widths).map(|(c, cw)| wrap(&c.title, Face::Bold, size, cw - 2.0 * pad)).collect();
        let header_h = header_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let mut header_drawn_on = None;
        for (r, row) in rows.iter().enumerate() {
            let lines: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(cell, cw)| wrap(&cell.text, Face::of(cell.bold), size, cw - 2.0 * pad))
                .collect();
            let row_h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
            if header_drawn_on != Some(self.page_index()) || self.remaining() < row_h {
                if self.remaining() < header_h + row_h {
                    self.new_page();
                }
                self.table_header(columns, &widths, &header_lines, header_h, size);
                header_drawn_on = Some(self.page_index());
            }
            let y = self.y;
            let page = self.page();
            if r % 2 == 1 {
                page.fill(MARGIN, y, w, row_h, Rgb::FAINT);
            }
            let mut x = MARGIN;
            for ((cell, cell_lines), (col, cw)) in row.iter().zip(&lines).zip(columns.iter().zip(&widths)) {
                for (n, line) in cell_lines.iter().enumerate() {
                    let tx = col.align.start(x, *cw, pad, font::width(Face::of(cell.bold), size, line));
                    let color = cell.color.unwrap_or(Rgb::TEXT);
                    page.text(tx, y + pad + size * 0.95 + n as f32 * lh, size, cell.bold, color, line.clone());
                }
                x += cw;
            }
            page.line((MARGIN, y + row_h), (MARGIN + w, y + row_h), Rgb::RULE, 0.3);
            self.y += row_h;
        }
        self.y += 10.0;
    }

    fn table_header(&mut self, columns: &[Column], widths: &[f32], lines: &[Vec<String>], h: f32, size: f32) {
        let (y, w) = (self.y, self.content_width());
        let page = self.page();
        page.fill(MARGIN, y, w, h, Rgb(0xdf, 0xe6, 0xef));
        let mut x = MARGIN;
        for ((col, cw), col_lines) in columns.iter().zip(widths).zip(lines) {
            for (n, line) in col_lines.iter().enumerate() {
                let tx = col.align.start(x, *cw, 4.0, font::width(Face::Bold, size, line));
                page.text(tx, y + 4.0 + size * 0.95 + n as f32 * size * LEADING, size, true, Rgb::BLACK, line.clone());
            }
            x += cw;
        }
        self.y += h;
    }

    /// Adds whole pages laid out elsewhere (the roadmap's sheets) after the current page, the
    /// first one bookmarked as `title`; what follows starts on a new page.
    pub fn insert_pages(&mut self, title: &str, pages: Vec<Page>) {
        if pages.is_empty() {
            return;
        }
        if self.y <= TOP && self.page().marks.is_empty() {
            self.pages.pop();
        }
        self.bookmarks.push(Bookmark { title: title.to_string(), page: self.pages.len() as u32 });
        self.pages.extend(pages);
        self.new_page();
    }

    /// A block of fixed height drawn by `draw(page, x, y, width)`; it moves to a new page whole.
    pub fn block(&mut self, height: f32, draw: impl FnOnce(&mut Page, f32, f32, f32)) {
        self.need(height);
        let (y, w) = (self.y, self.content_width());
        draw(self.page(), MARGIN, y, w);
        self.y += height;
    }

    /// The finished document, with the running header and footer on every page.
    pub fn finish(self, frame: &Frame) -> Document {
        let mut pages = self.pages;
        if pages.len() > 1 && pages.last().is_some_and(|p| p.marks.is_empty()) {
            pages.pop();
        }
        let count = pages.len();
        for (i, page) in pages.iter_mut().enumerate() {
            decorate(page, frame, i + 1, count);
        }
        let missing_glyphs = font::missing_glyphs(&pages);
        Document { title: self.title, pages, bookmarks: self.bookmarks, missing_glyphs }
    }
}

/// The widest word of a text: what a column needs so that no word is broken.
fn widest_word(text: &str, face: Face, size: f32) -> f32 {
    text.split([' ', '\n']).map(|w| font::width(face, size, w)).fold(0.0, f32::max)
}

/// Column widths: each column's share by weight, widened so that its longest word fits (up to
/// a third of the table), the others narrowed in proportion to pay for it.
fn column_widths(columns: &[Column], rows: &[Vec<Cell>], w: f32, size: f32, pad: f32) -> Vec<f32> {
    let total: f32 = columns.iter().map(|c| c.weight).sum::<f32>().max(f32::EPSILON);
    let mut widths: Vec<f32> = columns.iter().map(|c| c.weight / total * w).collect();
    let need: Vec<f32> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let head = widest_word(&c.title, Face::Bold, size);
            let body = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|cell| widest_word(&cell.text, Face::of(cell.bold), size))
                .fold(head, f32::max);
            (body + 2.0 * pad + 0.5).min(w / 3.0)
        })
        .collect();
    for _ in 0..3 {
        let short: f32 = widths.iter().zip(&need).map(|(w, n)| (n - w).max(0.0)).sum();
        if short <= 0.01 {
            break;
        }
        let spare: f32 = widths.iter().zip(&need).map(|(w, n)| (w - n).max(0.0)).sum();
        if spare <= 0.01 {
            break;
        }
        let take = short.min(spare) / spare;
        for (wi, n) in widths.iter_mut().zip(&need) {
            if *wi < *n {
                *wi += (*n - *wi) * (short.min(spare) / short);
            } else {
                *wi -= (*wi - *n) * take;
            }
        }
    }
    widths
}

/// The running header and the footer of page `n` of `count`.
pub fn decorate(page: &mut Page, frame: &Frame, n: usize, count: usize) {
    let (w, h) = (page.width, page.height);
    let right = w - MARGIN;
    let size = 7.5;
    let left_head = fit(&format!("{} · {}", frame.report, frame.period), Face::Bold, size, (w - 2.0 * MARGIN) * 0.6);
    page.text(MARGIN, 30.0, size, true, Rgb::MUTED, left_head);
    let plan = fit(&frame.plan, Face::Regular, size, (w - 2.0 * MARGIN) * 0.38);
    page.text(right - font::width(Face::Regular, size, &plan), 30.0, size, false, Rgb::MUTED, plan);
    page.line((MARGIN, 36.0), (right, 36.0), Rgb::RULE, 0.5);
    page.line((MARGIN, h - 34.0), (right, h - 34.0), Rgb::RULE, 0.5);
    let foot = format!("Generated {} · audit chain head {}", frame.generated_at, frame.audit_head);
    let number = format!("Page {n} of {count}");
    let number_w = font::width(Face::Bold, size, &number);
    page.text(
        MARGIN,
        h - 22.0,
        size,
        false,
        Rgb::MUTED,
        fit(&foot, Face::Regular, size, w - 2.0 * MARGIN - number_w - 12.0),
    );
    page.text(right - number_w, h - 22.0, size, true, Rgb::MUTED, number);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Mark;

    fn texts(doc: &Document, page: usize) -> Vec<String> {
        doc.pages[page]
            .marks
            .iter()
            .filter_map(|m| if let Mark::Text { text, .. } = m { Some(text.clone()) } else { None })
            .collect()
    }

    fn frame() -> Frame {
        Frame {
            report: "Test".into(),
            plan: "Plan".into(),
            period: "2027 Q1".into(),
            generated_at: "2027-04-01 09:00 UTC".into(),
            audit_head: "#1 abc".into(),
        }
    }

    #[test]
    fn wrap_keeps_every_word_and_respects_the_width() {
        let text = "The release carries the new payment scheme and a supercalifragilisticexpialidocious change";
        let lines = wrap(text, Face::Regular, 9.0, 80.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(font::width(Face::Regular, 9.0, l) <= 80.0 + 0.01, "{l}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page_and_numbers_pages() {
        let mut c = Composer::new(Sheet::default(), "Test");
        c.heading("Releases");
        let rows: Vec<Vec<Cell>> = (0..200).map(|i| vec![format!("REL-{i}").into(), "Title".into()]).collect();
        c.table(&[Column::left("Key", 1.0), Column::left("Title", 3.0)], &rows, "none");
        let doc = c.finish(&frame());
        assert!(doc.pages.len() >= 4, "{} pages", doc.pages.len());
        for p in 0..doc.pages.len() {
            let t = texts(&doc, p);
            assert!(t.contains(&"Key".to_string()), "page {p} has no header row");
            assert!(t.contains(&format!("Page {} of {}", p + 1, doc.pages.len())));
        }
        let all: Vec<String> = (0..doc.pages.len()).flat_map(|p| texts(&doc, p)).collect();
        assert!((0..200).all(|i| all.contains(&format!("REL-{i}"))), "a row was lost");
        assert_eq!(doc.bookmarks, vec![Bookmark { title: "Releases".into(), page: 0 }]);
    }

    #[test]
    fn nothing_is_drawn_outside_the_page() {
        let mut c = Composer::new(Sheet { paper: Paper::Letter, landscape: true }, "Test");
        for i in 0..40 {
            c.heading(&format!("Section {i}"));
            c.paragraph(&"word ".repeat(200));
        }
        let doc = c.finish(&frame());
        for p in &doc.pages {
            for m in &p.marks {
                if let Mark::Text { x, y, size, bold, text, .. } = m {
                    let w = font::width(Face::of(*bold), *size, text);
                    assert!(*x >= 0.0 && x + w <= p.width - MARGIN + 0.5, "{text} runs off the page");
                    assert!(*y > 0.0 && *y < p.height - 10.0, "{text} at y {y}");
                }
            }
        }
    }
}
