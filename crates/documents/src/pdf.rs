//! PDF files written with `pdf-writer`: pages of text, lines, filled rectangles and pictures,
//! one embedded font subset with `subsetter`.
//!
//! The documents need few drawing operations, and each page's operators are written here as
//! they are drawn. A general PDF library (krilla, used before) does more for every glyph — it
//! looks the font up, checks how the glyph maps back to text, and keeps a record per glyph —
//! and that work, not the PDF format, was most of what a capital release request cost on top
//! of a one-line page. Here a glyph costs one look-up in the subset being built and two bytes
//! of content.
//!
//! Pages are drawn in a top-down coordinate system, in points from the page's top-left
//! corner, as the layout code thinks: each page's content starts by flipping the y axis, and
//! text and pictures are flipped back where they are drawn.
//!
//! Text is one font, DejaVu Sans ([`crate::fonts`]), embedded as a CID-keyed TrueType font
//! (Identity-H), subset to the glyphs drawn. Each glyph's character goes into the font's
//! `ToUnicode` map, so text copied or extracted from the PDF is the text drawn; a glyph that
//! stands for two different characters in one document (a character the font lacks is drawn
//! as `.notdef`, a space it lacks with the space's glyph) is wrapped in an `ActualText` span
//! where it is not the first.

use std::io::Write;

use coopshares_app::documents::DocumentError;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{
    CidFontType, FontFlags, LineJoinStyle, SystemInfo, TextRenderingMode, UnicodeCmap,
};
use pdf_writer::writers::ImageXObject;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect as PdfRect, Ref, Str, TextStr};
use subsetter::GlyphRemapper;

use crate::fonts::{self, Face};
use crate::pictures::{Image, ImageColors, ImageData};

/// The font's name in every page's resources.
const FONT: Name<'static> = Name(b"F0");

/// How a document's streams are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageStreams {
    /// Page content as drawn: for one-page documents, where compressing 10 to 30 KB of
    /// operators would take a fifth to a third of the rendering, for a file 1.5 to 2 times
    /// larger.
    Plain,
    /// Page content compressed: for documents of many pages (the printed register).
    Compressed,
}

/// The title and the language a PDF reader shows.
#[derive(Debug, Clone)]
pub(crate) struct Metadata {
    pub title: String,
    /// BCP 47, as `fr` or `nl`.
    pub language: String,
}

impl Metadata {
    /// No title, French: for the bare page and the layout tests.
    pub(crate) fn untitled() -> Self {
        Self {
            title: String::new(),
            language: "fr".to_owned(),
        }
    }
}

/// A PDF being written, page after page.
pub(crate) struct PdfFile {
    pdf: Pdf,
    next_ref: i32,
    catalog: Ref,
    page_tree: Ref,
    font: Ref,
    pages: Vec<Ref>,
    glyphs: GlyphSet,
    /// The pictures written so far, each once however many times it is drawn.
    images: Vec<(Image, Ref)>,
    streams: PageStreams,
    metadata: Metadata,
}

impl std::fmt::Debug for PdfFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfFile")
            .field("pages", &self.pages.len())
            .finish_non_exhaustive()
    }
}

impl PdfFile {
    pub(crate) fn new(streams: PageStreams, metadata: Metadata) -> Self {
        let mut file = Self {
            pdf: Pdf::new(),
            next_ref: 1,
            catalog: Ref::new(1),
            page_tree: Ref::new(1),
            font: Ref::new(1),
            pages: Vec::new(),
            glyphs: GlyphSet::default(),
            images: Vec::new(),
            streams,
            metadata,
        };
        file.catalog = file.new_ref();
        file.page_tree = file.new_ref();
        file.font = file.new_ref();
        file
    }

    fn new_ref(&mut self) -> Ref {
        let id = Ref::new(self.next_ref);
        self.next_ref += 1;
        id
    }

    /// Starts a page of `width` × `height` points; [`Page::finish`] writes it.
    pub(crate) fn page(&mut self, width: f32, height: f32) -> Page<'_> {
        let mut content = Content::with_capacity(32 * 1024);
        // Top-down: y grows towards the bottom of the page, as the layout measures.
        content.transform([1.0, 0.0, 0.0, -1.0, 0.0, height]);
        Page {
            file: self,
            content,
            width,
            height,
            state: State::default(),
            images: Vec::new(),
            has_text: false,
            codes: Vec::new(),
        }
    }

    /// Writes the font, the page tree, the catalogue and the document's information, and
    /// returns the file.
    pub(crate) fn finish(mut self) -> Result<Vec<u8>, DocumentError> {
        if self.glyphs.used() {
            self.write_font()?;
        }
        let (catalog, page_tree) = (self.catalog, self.page_tree);
        let count = i32::try_from(self.pages.len()).unwrap_or(i32::MAX);
        self.pdf
            .pages(page_tree)
            .kids(self.pages.iter().copied())
            .count(count);
        let info = self.new_ref();
        let mut document = self.pdf.catalog(catalog);
        document.pages(page_tree);
        document.lang(TextStr(&self.metadata.language));
        document.finish();
        self.pdf
            .document_info(info)
            .title(TextStr(&self.metadata.title))
            .creator(TextStr("Coopshares"))
            .producer(TextStr("Coopshares"));
        Ok(self.pdf.finish())
    }

    /// The font as a Type 0 font over a CID-keyed TrueType subset, with its widths and its
    /// map back to text.
    fn write_font(&mut self) -> Result<(), DocumentError> {
        let program = &fonts::fonts()?.program;
        let subset = subsetter::subset(program.data, 0, &self.glyphs.remapper)
            .map_err(|error| DocumentError(format!("font: cannot subset DejaVu Sans: {error}")))?;
        let (cid_font, descriptor, file, to_unicode) = (
            self.new_ref(),
            self.new_ref(),
            self.new_ref(),
            self.new_ref(),
        );
        let base_font = format!("{}+DejaVuSans", self.glyphs.tag());
        let system_info = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };

        self.pdf
            .type0_font(self.font)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_font)
            .to_unicode(to_unicode);

        let mut cid = self.pdf.cid_font(cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(system_info)
            .font_descriptor(descriptor)
            .default_width(0.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(
            0,
            self.glyphs.cids.iter().map(|cid| cid.map_or(0.0, |c| c.1)),
        );
        cid.finish();

        self.pdf
            .font_descriptor(descriptor)
            .name(Name(base_font.as_bytes()))
            .flags(FontFlags::SYMBOLIC)
            .bbox(program.bbox)
            .italic_angle(0.0)
            .ascent(program.ascent)
            .descent(program.descent)
            .cap_height(program.cap_height)
            .stem_v(program.stem_v)
            .font_file2(file);

        let compressed = deflate(&subset);
        self.pdf
            .stream(file, &compressed)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(subset.len()).unwrap_or(i32::MAX),
            );

        let mut cmap = UnicodeCmap::new(Name(b"Coopshares-UTF16"), system_info);
        for (cid, entry) in (0u16..).zip(&self.glyphs.cids) {
            if let Some((text, _)) = entry {
                cmap.pair(cid, *text);
            }
        }
        let cmap = cmap.finish();
        self.pdf.stream(to_unicode, cmap.as_slice());
        Ok(())
    }

    /// The picture's object, written the first time it is drawn.
    fn image(&mut self, image: &Image) -> Ref {
        if let Some((_, id)) = self.images.iter().find(|(kept, _)| kept == image) {
            return *id;
        }
        let id = self.new_ref();
        let (width, height) = image.size();
        let (width, height) = (
            i32::try_from(width).unwrap_or(i32::MAX),
            i32::try_from(height).unwrap_or(i32::MAX),
        );
        match image.data() {
            ImageData::Flate {
                colors,
                pixels,
                alpha,
            } => {
                let mask = alpha.as_ref().map(|alpha| {
                    let mask = self.new_ref();
                    let mut xobject = self.pdf.image_xobject(mask, alpha);
                    describe_image(&mut xobject, Filter::FlateDecode, width, height);
                    xobject.color_space().device_gray();
                    mask
                });
                let mut xobject = self.pdf.image_xobject(id, pixels);
                describe_image(&mut xobject, Filter::FlateDecode, width, height);
                set_colors(&mut xobject, *colors);
                if let Some(mask) = mask {
                    xobject.s_mask(mask);
                }
            }
            ImageData::Jpeg { colors, bytes } => {
                let mut xobject = self.pdf.image_xobject(id, bytes);
                describe_image(&mut xobject, Filter::DctDecode, width, height);
                set_colors(&mut xobject, *colors);
            }
        }
        self.images.push((image.clone(), id));
        id
    }
}

/// An image's filter, size and depth (8 bits per component for every picture embedded).
fn describe_image(xobject: &mut ImageXObject<'_>, filter: Filter, width: i32, height: i32) {
    xobject.filter(filter);
    xobject.width(width).height(height).bits_per_component(8);
}

/// An image's colour space.
fn set_colors(xobject: &mut ImageXObject<'_>, colors: ImageColors) {
    match colors {
        ImageColors::Gray => {
            xobject.color_space().device_gray();
        }
        ImageColors::Rgb => {
            xobject.color_space().device_rgb();
        }
        ImageColors::Cmyk { inverted } => {
            xobject.color_space().device_cmyk();
            if inverted {
                // Adobe's CMYK JPEGs store their inks inverted.
                xobject.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
            }
        }
    }
}

/// Compresses a stream as the PDF's `FlateDecode` filter reads it.
pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::new(6));
    // Writing into a vector cannot fail.
    encoder.write_all(data).ok();
    encoder.finish().unwrap_or_default()
}

/// The glyphs a document draws, numbered in the subset as they are first drawn.
struct GlyphSet {
    /// The font's glyph ids to the subset's, which are also the CIDs the content shows.
    remapper: GlyphRemapper,
    /// The CID + 1 of each of the font's first [`KNOWN`] glyphs drawn so far (0 for not
    /// drawn yet): Latin letters, digits and punctuation are among them, and an array costs
    /// less per glyph than the remapper's hash map.
    known: Vec<u16>,
    /// For each CID, the character its glyph was first drawn for and its width in
    /// thousandths of an em; `None` for `.notdef` until drawn.
    cids: Vec<Option<(char, f32)>>,
}

/// Glyph ids below this are looked up in [`GlyphSet::known`].
const KNOWN: usize = 1024;

impl Default for GlyphSet {
    fn default() -> Self {
        Self {
            remapper: GlyphRemapper::new(),
            known: vec![0; KNOWN],
            cids: Vec::with_capacity(128),
        }
    }
}

impl GlyphSet {
    /// The CID of `glyph` drawn for `text`, and whether the font's map back to text gives
    /// `text` for it.
    fn cid(&mut self, glyph: u16, text: char, advance_em: f32) -> (u16, bool) {
        let cid = match self.known.get(usize::from(glyph)).copied() {
            Some(known) if known > 0 => known - 1,
            _ => {
                let cid = self.remapper.remap(glyph);
                if let Some(known) = self.known.get_mut(usize::from(glyph)) {
                    *known = cid + 1;
                }
                cid
            }
        };
        let index = usize::from(cid);
        if self.cids.len() <= index {
            self.cids.resize(index + 1, None);
        }
        match self.cids[index] {
            Some((first, _)) => (cid, first == text),
            None => {
                self.cids[index] = Some((text, advance_em * 1000.0));
                (cid, true)
            }
        }
    }

    fn used(&self) -> bool {
        self.cids.iter().any(Option::is_some)
    }

    /// Six capital letters naming this subset (the PDF convention for subset fonts), from
    /// the glyphs it holds: two documents with the same glyphs name their subsets alike.
    fn tag(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for glyph in self.remapper.remapped_gids() {
            for byte in glyph.to_be_bytes() {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        (0..6)
            .map(|_| {
                let letter = b'A' + u8::try_from(hash % 26).unwrap_or(0);
                hash /= 26;
                char::from(letter)
            })
            .collect()
    }
}

/// A colour to fill or stroke with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Color {
    /// 0 is black, 255 white.
    Gray(u8),
    Rgb([u8; 3]),
}

impl Color {
    pub(crate) const BLACK: Self = Self::Gray(0);
}

fn unit(value: u8) -> f32 {
    f32::from(value) / 255.0
}

/// What the content stream has set, so each operator is written only when it changes.
#[derive(Debug, Clone, Copy, PartialEq)]
struct State {
    fill: Color,
    stroke: Color,
    line_width: f32,
    round_join: bool,
    font_size: Option<f32>,
    fill_and_stroke_text: bool,
    char_spacing: f32,
}

impl Default for State {
    fn default() -> Self {
        // PDF's initial graphics state.
        Self {
            fill: Color::BLACK,
            stroke: Color::BLACK,
            line_width: 1.0,
            round_join: false,
            font_size: None,
            fill_and_stroke_text: false,
            char_spacing: 0.0,
        }
    }
}

/// A run of text to draw in `face` at `size` points, filled in `color`; a face drawn bold
/// (see [`Face::stroke_width`]) is also outlined in `color`, its glyphs spaced apart by the
/// stroke.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextRun<'t> {
    pub face: &'t Face,
    pub size: f32,
    pub color: Color,
    pub text: &'t str,
}

/// A page being drawn; [`Page::finish`] writes it into its file.
pub(crate) struct Page<'f> {
    file: &'f mut PdfFile,
    content: Content,
    width: f32,
    height: f32,
    state: State,
    /// The pictures this page draws, by their name in its resources (`Im0`, `Im1`, …).
    images: Vec<Ref>,
    has_text: bool,
    /// The CIDs of the run being drawn, each with its character when the font's map back to
    /// text gives another one for it (it is then drawn in an `ActualText` span); kept between
    /// runs.
    codes: Vec<(u16, Option<char>)>,
}

impl std::fmt::Debug for Page<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

impl Page<'_> {
    fn set_fill(&mut self, color: Color) {
        if self.state.fill != color {
            match color {
                Color::Gray(gray) => self.content.set_fill_gray(unit(gray)),
                Color::Rgb([r, g, b]) => self.content.set_fill_rgb(unit(r), unit(g), unit(b)),
            };
            self.state.fill = color;
        }
    }

    fn set_stroke(&mut self, color: Color, width: f32, round_join: bool) {
        if self.state.stroke != color {
            match color {
                Color::Gray(gray) => self.content.set_stroke_gray(unit(gray)),
                Color::Rgb([r, g, b]) => self.content.set_stroke_rgb(unit(r), unit(g), unit(b)),
            };
            self.state.stroke = color;
        }
        if self.state.line_width != width {
            self.content.set_line_width(width);
            self.state.line_width = width;
        }
        if self.state.round_join != round_join {
            self.content.set_line_join(if round_join {
                LineJoinStyle::RoundJoin
            } else {
                LineJoinStyle::MiterJoin
            });
            self.state.round_join = round_join;
        }
    }

    /// Draws `run` on the baseline `baseline`, its left end at `x` less `anchor` times its
    /// width (0 to start at `x`, 1 to end there, 0.5 to centre on it); returns the width,
    /// exactly as [`Face::width`] measures it.
    pub(crate) fn text(&mut self, run: TextRun<'_>, x: f32, baseline: f32, anchor: f32) -> f32 {
        // One pass over the glyphs: their codes, and the width the position needs.
        let stroke_em = run.face.stroke_width(1.0);
        let mut ems = 0.0_f32;
        self.codes.clear();
        for (text, glyph, advance) in run.face.glyphs(run.text) {
            ems += advance;
            let (cid, faithful) = self.file.glyphs.cid(glyph, text, advance - stroke_em);
            self.codes.push((cid, (!faithful).then_some(text)));
        }
        let width = ems * run.size;
        if self.codes.is_empty() {
            return width;
        }
        self.has_text = true;
        let stroke_width = run.face.stroke_width(run.size);
        let bold = stroke_width > 0.0;
        self.set_fill(run.color);
        if bold {
            self.set_stroke(run.color, stroke_width, true);
        }
        let state = &mut self.state;
        let content = &mut self.content;
        content.begin_text();
        if state.font_size != Some(run.size) {
            content.set_font(FONT, run.size);
            state.font_size = Some(run.size);
        }
        if state.fill_and_stroke_text != bold {
            content.set_text_rendering_mode(if bold {
                TextRenderingMode::FillStroke
            } else {
                TextRenderingMode::Fill
            });
            state.fill_and_stroke_text = bold;
        }
        // The synthetic bold's extra advance, after every glyph.
        if state.char_spacing != stroke_width {
            content.set_char_spacing(stroke_width);
            state.char_spacing = stroke_width;
        }
        content.set_text_matrix([1.0, 0.0, 0.0, -1.0, x - anchor * width, baseline]);
        let mut bytes = Vec::with_capacity(2 * self.codes.len());
        for &(cid, actual) in &self.codes {
            if let Some(text) = actual {
                if !bytes.is_empty() {
                    content.show(Str(&bytes));
                    bytes.clear();
                }
                let mut buffer = [0; 4];
                content
                    .begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .actual_text(TextStr(text.encode_utf8(&mut buffer)));
                content.show(Str(&cid.to_be_bytes()));
                content.end_marked_content();
            } else {
                bytes.extend(cid.to_be_bytes());
            }
        }
        if !bytes.is_empty() {
            content.show(Str(&bytes));
        }
        content.end_text();
        width
    }

    /// Strokes the line from (`x1`, `y1`) to (`x2`, `y2`).
    pub(crate) fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Color) {
        self.set_stroke(color, width, false);
        self.content
            .move_to(from.0, from.1)
            .line_to(to.0, to.1)
            .stroke();
    }

    /// Strokes the outline of the rectangle.
    pub(crate) fn frame(&mut self, rect: (f32, f32, f32, f32), width: f32, color: Color) {
        self.set_stroke(color, width, false);
        self.content.rect(rect.0, rect.1, rect.2, rect.3).stroke();
    }

    /// Fills every rectangle (`x`, `y`, width, height, in units of `unit` points from
    /// (`left`, `top`)) in black, as one path: a grid such as a QR code's is then written
    /// with small whole numbers.
    pub(crate) fn fill_grid(
        &mut self,
        left: f32,
        top: f32,
        unit: f32,
        rects: impl IntoIterator<Item = (u16, u16, u16, u16)>,
    ) {
        self.set_fill(Color::BLACK);
        self.content
            .save_state()
            .transform([unit, 0.0, 0.0, unit, left, top]);
        let mut any = false;
        for (x, y, width, height) in rects {
            self.content.rect(
                f32::from(x),
                f32::from(y),
                f32::from(width),
                f32::from(height),
            );
            any = true;
        }
        if any {
            self.content.fill_nonzero();
        }
        self.content.restore_state();
    }

    /// Draws `image` into the rectangle whose top-left corner is (`left`, `top`).
    pub(crate) fn image(&mut self, image: &Image, left: f32, top: f32, width: f32, height: f32) {
        let id = self.file.image(image);
        let index = match self.images.iter().position(|used| *used == id) {
            Some(index) => index,
            None => {
                self.images.push(id);
                self.images.len() - 1
            }
        };
        let name = format!("Im{index}");
        self.content
            .save_state()
            // The picture's first row at the top: the unit square is flipped back.
            .transform([width, 0.0, 0.0, -height, left, top + height])
            .x_object(Name(name.as_bytes()))
            .restore_state();
    }

    /// Writes the page's content and its entry in the page tree.
    pub(crate) fn finish(self) {
        let Page {
            file,
            content,
            width,
            height,
            images,
            has_text,
            ..
        } = self;
        let data = content.finish();
        let (page, contents) = (file.new_ref(), file.new_ref());
        match file.streams {
            PageStreams::Plain => {
                file.pdf.stream(contents, data.as_slice());
            }
            PageStreams::Compressed => {
                let compressed = deflate(data.as_slice());
                file.pdf
                    .stream(contents, &compressed)
                    .filter(Filter::FlateDecode);
            }
        }
        let mut writer = file.pdf.page(page);
        writer
            .media_box(PdfRect::new(0.0, 0.0, width, height))
            .parent(file.page_tree)
            .contents(contents);
        let mut resources = writer.resources();
        if has_text {
            resources.fonts().pair(FONT, file.font);
        }
        if !images.is_empty() {
            let mut xobjects = resources.x_objects();
            for (index, id) in images.iter().enumerate() {
                xobjects.pair(Name(format!("Im{index}").as_bytes()), *id);
            }
        }
        resources.finish();
        writer.finish();
        file.pages.push(page);
    }
}

/// The embedded font's file and the measures its descriptor states, in thousandths of an em.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontProgram {
    pub data: &'static [u8],
    pub bbox: PdfRect,
    pub ascent: f32,
    pub descent: f32,
    pub cap_height: f32,
    pub stem_v: f32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_line(text: &str) -> Vec<u8> {
        let face = &fonts::fonts().unwrap().regular;
        let mut file = PdfFile::new(PageStreams::Plain, Metadata::untitled());
        let mut page = file.page(200.0, 100.0);
        let run = TextRun {
            face,
            size: 10.0,
            color: Color::BLACK,
            text,
        };
        page.text(run, 10.0, 50.0, 0.0);
        page.finish();
        file.finish().unwrap()
    }

    fn count(pdf: &[u8], needle: &[u8]) -> usize {
        pdf.windows(needle.len())
            .filter(|window| *window == needle)
            .count()
    }

    #[test]
    fn a_glyph_drawn_for_a_second_character_carries_that_character_as_actual_text() {
        // The font has no ideographic space: it is drawn with the space's glyph, whose first
        // use (a space) goes into the map back to text; the ideographic one gets a span.
        let pdf = one_line("2 000 et 1\u{3000}000");
        assert_eq!(count(&pdf, b"/ActualText <FEFF3000>"), 1);
        assert_eq!(count(&pdf, b"/ActualText"), 1);
        // Two characters the font lacks share `.notdef`: the second gets a span.
        let pdf = one_line("中文");
        assert_eq!(count(&pdf, b"/ActualText <FEFF6587>"), 1);
        assert_eq!(count(&pdf, b"/ActualText"), 1);
        // Each character drawn with its own glyph needs none, the narrow no-break space of
        // French amounts included.
        assert_eq!(count(&one_line("2 000 et 1\u{202f}000"), b"/ActualText"), 0);
    }
}
