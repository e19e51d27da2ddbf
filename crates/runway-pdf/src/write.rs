//! Turns a laid-out [`Document`] into PDF bytes with printpdf. Deterministic: every id printpdf
//! would draw from its process-wide counter is given here instead, the dates are the report's
//! "generated at", and the fonts are subset by the characters used, so the same document and the
//! same time give the same bytes.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use super::font::{self, Face};
use super::page::{Document, Mark, Rgb};

/// What the PDF's document information says besides the title.
pub struct Info<'a> {
    /// The plan's name (the PDF's author field).
    pub author: &'a str,
    /// The report's period or subject.
    pub subject: &'a str,
    pub generated_at: DateTime<Utc>,
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: f32::from(c.0) / 255.0,
        g: f32::from(c.1) / 255.0,
        b: f32::from(c.2) / 255.0,
        icc_profile: None,
    })
}

/// The characters set in each face, for subsetting.
fn characters(doc: &Document) -> [BTreeSet<char>; 2] {
    let mut sets = [BTreeSet::new(), BTreeSet::new()];
    for page in &doc.pages {
        for mark in &page.marks {
            if let Mark::Text { bold, text, .. } = mark {
                sets[usize::from(*bold)].extend(text.chars());
            }
        }
    }
    sets
}

fn point(x: f32, y: f32, height: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(height - y) }, bezier: false }
}

fn page_ops(page: &super::page::Page, fonts: &[FontId; 2]) -> Vec<Op> {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.marks.len() * 4);
    for mark in &page.marks {
        match mark {
            Mark::Text { x, y, size, bold, color: c, text } => {
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts[usize::from(*bold)].clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor { pos: Point { x: Pt(*x), y: Pt(h - y) } });
                ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                ops.push(Op::EndTextSection);
            }
            Mark::Rect { x, y, w, h: rh, fill, stroke, line_width } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, _) => PaintMode::Stroke,
                };
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some(s) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*line_width) });
                    ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(mode),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Mark::Line { points, color: c, width, dashed } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::SetLineDashPattern {
                    dash: if *dashed { LineDashPattern::new(0.0, &[3.0, 2.0]) } else { LineDashPattern::solid() },
                });
                ops.push(Op::DrawLine {
                    line: Line { points: points.iter().map(|&(x, y)| point(x, y, h)).collect(), is_closed: false },
                });
            }
            Mark::Polygon { points, fill } => {
                ops.push(Op::SetFillColor { col: color(*fill) });
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing { points: points.iter().map(|&(x, y)| point(x, y, h)).collect() }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
    ops
}

/// The PDF bytes of `doc`.
pub fn to_pdf(doc: &Document, info: &Info<'_>) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&doc.title);
    let chars = characters(doc);
    let fonts: [FontId; 2] = [Face::Regular, Face::Bold].map(|f| {
        let subset = font::subset_for(f, &chars[usize::from(f == Face::Bold)]);
        let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new())
            .or_else(|| ParsedFont::from_bytes(&font::subset_for(f, &BTreeSet::new()).bytes, 0, &mut Vec::new()))
            .expect("the embedded font parses");
        let id = FontId(subset.name);
        pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed));
        id
    });
    let pages = doc
        .pages
        .iter()
        .map(|p| {
            let mut page = PdfPage::new(Mm(0.0), Mm(0.0), page_ops(p, &fonts));
            // In points, as laid out: a round trip through millimetres would print 792.001.
            let bx = Rect::from_wh(Pt(p.width), Pt(p.height));
            (page.media_box, page.trim_box, page.crop_box) = (bx.clone(), bx.clone(), bx);
            page
        })
        .collect();
    pdf.with_pages(pages);
    let when = printpdf::OffsetDateTime::from_unix_timestamp(info.generated_at.timestamp())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    let meta = &mut pdf.metadata.info;
    meta.document_title = doc.title.clone();
    meta.author = info.author.to_string();
    meta.subject = info.subject.to_string();
    meta.creator = "Runway".into();
    meta.producer = "Runway (printpdf)".into();
    meta.creation_date = when;
    meta.modification_date = when;
    meta.metadata_date = when;
    meta.identifier = String::new();
    let options = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let mut out = pdf.to_lopdf_document(&options, &mut Vec::new());
    out.compress();
    // printpdf always writes a PDF/X version key (empty here), which readers take as a claim of
    // PDF/X conformance; drop it and the other empty entries.
    if let Ok(info_id) = out.trailer.get(b"Info").and_then(lopdf::Object::as_reference)
        && let Ok(dict) = out.get_object_mut(info_id).and_then(lopdf::Object::as_dict_mut)
    {
        for key in ["GTS_PDFXVersion", "Identifier", "Keywords", "Trapped"] {
            dict.remove(key.as_bytes());
        }
    }
    // printpdf fills the trailer's /ID from a process-wide counter; the file's identity is made
    // from what it holds instead.
    let id = document_id(doc, info);
    out.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    outline(&mut out, &doc.bookmarks);
    let mut bytes = Vec::new();
    out.save_to(&mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// The document outline (bookmarks) in the order the sections come. (printpdf's own outline sorts
/// the entries of a page by name, which puts "Key indicators" before "Summary".)
fn outline(out: &mut lopdf::Document, bookmarks: &[super::page::Bookmark]) {
    use lopdf::{Dictionary, Object};
    let pages = out.get_pages();
    let entries: Vec<(String, lopdf::ObjectId)> =
        bookmarks.iter().filter_map(|b| Some((b.title.clone(), *pages.get(&(b.page + 1))?))).collect();
    if entries.is_empty() {
        return;
    }
    let Ok(root) = out.trailer.get(b"Root").and_then(Object::as_reference) else { return };
    let outlines = out.new_object_id();
    let ids: Vec<lopdf::ObjectId> = entries.iter().map(|_| out.new_object_id()).collect();
    for (i, ((title, page), id)) in entries.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::new();
        // UTF-16BE with its byte order mark: any script reads back in a viewer's sidebar.
        let mut utf16 = vec![0xfe, 0xff];
        utf16.extend(title.encode_utf16().flat_map(u16::to_be_bytes));
        item.set("Title", Object::String(utf16, lopdf::StringFormat::Hexadecimal));
        item.set("Parent", Object::Reference(outlines));
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(*page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Null,
                Object::Null,
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        out.objects.insert(*id, Object::Dictionary(item));
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(ids[0]));
    dict.set("Last", Object::Reference(ids[ids.len() - 1]));
    dict.set("Count", Object::Integer(ids.len() as i64));
    out.objects.insert(outlines, Object::Dictionary(dict));
    if let Ok(catalog) = out.get_object_mut(root).and_then(Object::as_dict_mut) {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// A 16-byte identity of the document: its title, subject, author, time and marks.
fn document_id(doc: &Document, info: &Info<'_>) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [doc.title.as_str(), info.subject, info.author] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.update(info.generated_at.timestamp().to_be_bytes());
    for page in &doc.pages {
        h.update((page.marks.len() as u64).to_be_bytes());
        for mark in &page.marks {
            if let Mark::Text { text, .. } = mark {
                h.update(text.as_bytes());
            }
        }
    }
    h.finalize()[..16].to_vec()
}
