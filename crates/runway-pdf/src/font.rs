//! The report fonts: DejaVu Sans and DejaVu Sans Bold, shipped in `assets/fonts` with their
//! licence and embedded (subset to the characters used) in every PDF. Text is measured here with
//! the fonts' own advance widths, so what the composer wraps is what the page shows.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use sha2::{Digest, Sha256};

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The two faces a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    /// The bold face or the regular one.
    pub fn of(bold: bool) -> Face {
        if bold { Face::Bold } else { Face::Regular }
    }

    pub fn family(self) -> &'static str {
        match self {
            Face::Regular => "DejaVuSans",
            Face::Bold => "DejaVuSans-Bold",
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
        }
    }
}

/// Advance widths of one face, in font units, by character; and the glyph of each character.
struct Metrics {
    units_per_em: f32,
    glyphs: BTreeMap<char, (u16, u16)>,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(bytes, 0).expect("the embedded font parses");
        let mut glyphs = BTreeMap::new();
        if let Some(cmap) = face.tables().cmap {
            for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                table.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp)
                        && let Some(g) = table.glyph_index(cp)
                    {
                        glyphs.entry(c).or_insert((g.0, face.glyph_hor_advance(g).unwrap_or(0)));
                    }
                });
            }
        }
        Metrics { units_per_em: f32::from(face.units_per_em()), glyphs }
    }
}

fn metrics(face: Face) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    match face {
        Face::Regular => REGULAR_METRICS.get_or_init(|| Metrics::load(REGULAR)),
        Face::Bold => BOLD_METRICS.get_or_init(|| Metrics::load(BOLD)),
    }
}

/// True when the face has a glyph for the character (spaces and line ends always pass).
pub fn has_glyph(face: Face, c: char) -> bool {
    c.is_whitespace() || metrics(face).glyphs.contains_key(&c)
}

/// The width of `text` set in `face` at `size` points, in points. A character the font lacks is
/// counted at the width of its missing-glyph box (half an em).
pub fn width(face: Face, size: f32, text: &str) -> f32 {
    let m = metrics(face);
    let units: f32 =
        text.chars().map(|c| m.glyphs.get(&c).map(|&(_, w)| f32::from(w)).unwrap_or(m.units_per_em / 2.0)).sum();
    units / m.units_per_em * size
}

/// The characters of `pages` that the face they are set in cannot draw, sorted.
pub fn missing_glyphs(pages: &[super::page::Page]) -> Vec<String> {
    let mut missing = std::collections::BTreeSet::new();
    for page in pages {
        for mark in &page.marks {
            if let super::page::Mark::Text { bold, text, .. } = mark {
                missing.extend(text.chars().filter(|&c| !has_glyph(Face::of(*bold), c)));
            }
        }
    }
    missing.into_iter().map(String::from).collect()
}

/// A face reduced to the characters a document uses, ready to embed.
pub struct Subset {
    /// The PDF font name, tagged as a subset (`ABCDEF+DejaVuSans`); the tag is derived from
    /// the characters, so the same text gives the same name.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Subsets `face` to `chars` (characters it lacks are left out: they are reported, and drawn as
/// the missing-glyph box). Falls back to the whole font if subsetting fails.
pub fn subset_for(face: Face, chars: &BTreeSet<char>) -> Subset {
    let m = metrics(face);
    let mut ids: Vec<u16> = chars.iter().filter_map(|c| m.glyphs.get(c).map(|&(g, _)| g)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|&g| g != 0);
    ids.insert(0, 0);
    let digest = Sha256::digest(ids.iter().flat_map(|g| g.to_be_bytes()).collect::<Vec<u8>>());
    let tag: String = digest.iter().take(6).map(|b| char::from(b'A' + b % 26)).collect();
    let name = format!("{tag}+{}", face.family());
    let bytes = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .ok()
        .and_then(|data| data.table_provider(0).ok())
        .and_then(|provider| subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).ok())
        .unwrap_or_else(|| face.bytes().to_vec());
    Subset { name, bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_wider_text_wider_and_bold_wider_than_regular() {
        let narrow = width(Face::Regular, 10.0, "iiii");
        let wide = width(Face::Regular, 10.0, "WWWW");
        assert!(wide > narrow * 2.0, "{wide} vs {narrow}");
        assert!(width(Face::Bold, 10.0, "Release") > width(Face::Regular, 10.0, "Release"));
        assert!((width(Face::Regular, 20.0, "abc") - 2.0 * width(Face::Regular, 10.0, "abc")).abs() < 0.01);
    }

    #[test]
    fn knows_latin_greek_and_cyrillic_but_not_cjk() {
        for c in "Zoë Ångström Łukasz Wróbel Дмитрий Иванов Σοφία".chars() {
            assert!(has_glyph(Face::Regular, c), "{c}");
            assert!(has_glyph(Face::Bold, c), "{c}");
        }
        assert!(!has_glyph(Face::Regular, '漢'));
    }

    #[test]
    fn a_subset_is_small_and_named_after_its_characters() {
        let chars: BTreeSet<char> = "Zoë Дмитрий".chars().collect();
        let a = subset_for(Face::Regular, &chars);
        let b = subset_for(Face::Regular, &chars);
        assert_eq!(a.name, b.name);
        assert!(a.name.ends_with("+DejaVuSans"));
        assert!(a.bytes.len() < 40_000, "{} bytes", a.bytes.len());
        assert!(ttf_parser::Face::parse(&a.bytes, 0).is_ok());
    }
}
