//! The embedded face (DejaVu Sans), its bold, and the little text shaping the documents need.
//!
//! The bold is drawn from the same font, each glyph filled and also outlined with a stroke of
//! [`BOLD_STROKE_EM`], and advanced by that much more so letters keep their spacing (a
//! synthetic bold, as word processors draw one for a font without a bold file). A document
//! then embeds one font instead of two: every embedded font is subset, compressed and written
//! again in each PDF, and a second one cost as much as the whole of a one-line page.
//!
//! Documents hold Latin text only (names, addresses, amounts), so one glyph per character at
//! its advance width is enough: no kerning, ligatures or right-to-left runs. Measuring and
//! drawing use the same advances, which keeps right-aligned amounts and wrapped names exact.
//! Each PDF embeds only the glyphs it uses (a subset, see [`crate::pdf`]), so it carries a
//! few kilobytes of font, not the whole file.
//!
//! The file is DejaVu Sans 2.37 without its TrueType hinting and without the kerning and
//! OpenType layout tables this shaping never reads (`pyftsubset FILE --glyphs='*'
//! --unicodes='*' --no-hinting --layout-features='*' --name-IDs='*' --name-languages='*'
//! --notdef-outline --recalc-bounds --drop-tables+=kern,GPOS,GSUB`, fontTools 4): every glyph
//! is kept, and PDF viewers draw outlines without the hinting anyway. Each subset, and each
//! document, is a third smaller and drawn faster (the subset is compressed again in every
//! document).

use std::sync::OnceLock;

use coopshares_app::documents::DocumentError;
use pdf_writer::Rect as PdfRect;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::pdf::FontProgram;

static REGULAR_TTF: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The stroke around each glyph of the synthetic bold, in em: with the stroke's half on either
/// side of the outline, stems grow by this much, about the difference between DejaVu Sans and
/// DejaVu Sans Bold.
pub(crate) const BOLD_STROKE_EM: f32 = 0.045;

/// One face: the font's character map and advances, for measuring and drawing.
pub(crate) struct Face {
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
    /// The stroke drawn around each glyph, in em: 0 for the face as designed,
    /// [`BOLD_STROKE_EM`] for its synthetic bold. Each advance grows by as much.
    stroke_em: f32,
    /// Glyph and design advance (in em) of each character below [`LATIN`], looked up once:
    /// names, addresses and amounts are nearly all made of these, and measuring them (wrapping
    /// and fitting try many widths) is a large part of laying a page out.
    latin: Vec<(GlyphId, f32)>,
}

/// The characters [`Face`] keeps a table for: Latin-1 and Latin Extended-A and -B.
const LATIN: u32 = 0x250;

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("units_per_em", &self.units_per_em)
            .finish_non_exhaustive()
    }
}

impl Face {
    fn load(name: &str, bytes: &'static [u8]) -> Result<Self, String> {
        let font_ref = FontRef::new(bytes).map_err(|e| format!("font {name}: {e}"))?;
        let units_per_em = f32::from(
            font_ref
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        );
        if units_per_em <= 0.0 {
            return Err(format!("font {name}: no units per em"));
        }
        Ok(Self {
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            stroke_em: 0.0,
            latin: Vec::new(),
        }
        .with_latin_table())
    }

    fn with_latin_table(mut self) -> Self {
        self.latin = (0..LATIN)
            .filter_map(char::from_u32)
            .map(|c| {
                let glyph = self.lookup(c);
                (glyph, self.design_advance(glyph))
            })
            .collect();
        self
    }

    /// The same font drawn bold: outlined with [`BOLD_STROKE_EM`] and spaced to match.
    fn emboldened(&self) -> Self {
        Self {
            charmap: self.charmap.clone(),
            metrics: self.metrics.clone(),
            units_per_em: self.units_per_em,
            stroke_em: BOLD_STROKE_EM,
            latin: self.latin.clone(),
        }
    }

    /// The width of the stroke around each glyph at `size` points; 0 when the face is drawn
    /// as designed.
    pub(crate) fn stroke_width(&self, size: f32) -> f32 {
        self.stroke_em * size
    }

    #[cfg(test)]
    fn glyph(&self, c: char) -> GlyphId {
        self.glyph_and_advance(c).0
    }

    /// The glyph drawn for `c` and its advance in em, stroke included.
    fn glyph_and_advance(&self, c: char) -> (GlyphId, f32) {
        let (glyph, advance) = self.latin.get(c as usize).copied().unwrap_or_else(|| {
            let glyph = self.lookup(c);
            (glyph, self.design_advance(glyph))
        });
        (glyph, advance + self.stroke_em)
    }

    fn lookup(&self, c: char) -> GlyphId {
        self.charmap
            .map(c)
            // The font has no glyph for some spaces (the ideographic space, say): draw an
            // ordinary space there. The text behind the glyph stays the original character
            // (an ActualText span, see `crate::pdf`), so copying it out is faithful.
            .or_else(|| c.is_whitespace().then(|| self.charmap.map(' ')).flatten())
            .unwrap_or(GlyphId::NOTDEF)
    }

    /// Advance of `glyph` in ems, as the font designs it.
    fn design_advance(&self, glyph: GlyphId) -> f32 {
        self.metrics.advance_width(glyph).unwrap_or(0.0) / self.units_per_em
    }

    /// The width of `text` set at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.glyph_and_advance(c).1)
            .sum::<f32>()
            * size
    }

    /// Each character of `text` with its glyph and that glyph's advance in em, stroke
    /// included, as [`Face::width`] adds them up.
    pub(crate) fn glyphs<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (char, u16, f32)> + 't {
        text.chars().map(|c| {
            let (glyph, advance) = self.glyph_and_advance(c);
            // Glyph ids of a TrueType font fit 16 bits.
            let glyph = u16::try_from(glyph.to_u32()).unwrap_or(0);
            (c, glyph, advance)
        })
    }
}

/// The faces every document uses: DejaVu Sans as designed and its synthetic bold, one font in
/// the PDF, and the font file itself as the PDF embeds it.
#[derive(Debug)]
pub(crate) struct Fonts {
    pub regular: Face,
    pub bold: Face,
    pub program: FontProgram,
}

/// The embedded faces, parsed once per process: parsing hashes the whole font file, which
/// would otherwise cost more than laying out a page.
pub(crate) fn fonts() -> Result<&'static Fonts, DocumentError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = Face::load("DejaVuSans", REGULAR_TTF)?;
            let bold = regular.emboldened();
            let program = program("DejaVuSans", REGULAR_TTF)?;
            Ok(Fonts {
                regular,
                bold,
                program,
            })
        })
        .as_ref()
        .map_err(|problem| DocumentError(problem.clone()))
}

/// The font file the PDFs embed a subset of, with the measures its descriptor states.
fn program(name: &str, bytes: &'static [u8]) -> Result<FontProgram, String> {
    let font = FontRef::new(bytes).map_err(|e| format!("font {name}: {e}"))?;
    let head = font.head().map_err(|e| format!("font {name}: head: {e}"))?;
    let hhea = font.hhea().map_err(|e| format!("font {name}: hhea: {e}"))?;
    let os2 = font.os2().map_err(|e| format!("font {name}: OS/2: {e}"))?;
    let per_em = f32::from(head.units_per_em());
    if per_em <= 0.0 {
        return Err(format!("font {name}: no units per em"));
    }
    let thousandths = |units: i16| f32::from(units) * 1000.0 / per_em;
    let weight = f32::from(os2.us_weight_class());
    Ok(FontProgram {
        data: bytes,
        bbox: PdfRect::new(
            thousandths(head.x_min()),
            thousandths(head.y_min()),
            thousandths(head.x_max()),
            thousandths(head.y_max()),
        ),
        ascent: thousandths(hhea.ascender().to_i16()),
        descent: thousandths(hhea.descender().to_i16()),
        cap_height: thousandths(os2.s_cap_height().unwrap_or(hhea.ascender().to_i16())),
        // The usual estimate from the weight class, as PDF writers without the font's stem
        // measures give it.
        stem_v: 10.0 + 0.244 * (weight - 50.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_faces_cover_the_accented_letters_of_names() {
        let fonts = fonts().unwrap();
        for face in [&fonts.regular, &fonts.bold] {
            for c in "ÉéèêëàâäçïîôöûüùÿœæØøÅåÄäÖöÜüßřčšžěůýáíóúñ€…".chars()
            {
                assert_ne!(face.glyph(c), GlyphId::NOTDEF, "no glyph for {c}");
            }
        }
    }

    #[test]
    fn measuring_and_shaping_agree() {
        let face = &fonts().unwrap().regular;
        let text = "Émilie Léonard-Ørsted";
        let glyphs: Vec<_> = face.glyphs(text).collect();
        assert_eq!(glyphs.len(), text.chars().count());
        let drawn: f32 = glyphs.iter().map(|(_, _, advance)| advance * 10.0).sum();
        assert!((drawn - face.width(text, 10.0)).abs() < 1e-3);
        assert!(face.width(text, 20.0) > face.width(text, 10.0));
    }

    #[test]
    fn a_narrow_no_break_space_is_as_wide_as_a_space_at_most() {
        let face = &fonts().unwrap().regular;
        let narrow = face.width("\u{202f}", 10.0);
        assert!(narrow > 0.0 && narrow <= face.width(" ", 10.0));
    }
}
