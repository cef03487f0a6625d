//! Page geometry, text that always fits its room, and the few drawing operations the documents
//! use (text, rules, frames, pictures, a grid of squares) on a PDF page.
//!
//! Every text from a record (names, addresses) is fitted to a width here — wrapped onto a
//! bounded number of lines or cut with an ellipsis — so no input can push a document past its
//! page or make text run over its neighbour.

use crate::fonts::Face;
use crate::pdf::{Color, Page, TextRun};
use crate::pictures::Image;

/// One millimetre in PDF points.
pub(crate) const MM: f32 = 72.0 / 25.4;
pub(crate) const A4_WIDTH: f32 = 210.0 * MM;
pub(crate) const A4_HEIGHT: f32 = 297.0 * MM;
pub(crate) const MARGIN: f32 = 20.0 * MM;
const ELLIPSIS: &str = "…";

/// A rectangle on the page, in points from its top-left corner, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    left: f32,
    top: f32,
    width: f32,
    height: f32,
}

impl Rect {
    /// `None` unless the sides are finite and not negative.
    pub(crate) fn from_xywh(left: f32, top: f32, width: f32, height: f32) -> Option<Self> {
        let finite = [left, top, width, height].iter().all(|v| v.is_finite());
        (finite && width >= 0.0 && height >= 0.0).then_some(Self {
            left,
            top,
            width,
            height,
        })
    }

    /// `None` unless `right` ≥ `left` and `bottom` ≥ `top`.
    pub(crate) fn from_ltrb(left: f32, top: f32, right: f32, bottom: f32) -> Option<Self> {
        Self::from_xywh(left, top, right - left, bottom - top)
    }

    pub(crate) fn left(self) -> f32 {
        self.left
    }

    pub(crate) fn top(self) -> f32 {
        self.top
    }

    pub(crate) fn right(self) -> f32 {
        self.left + self.width
    }

    pub(crate) fn bottom(self) -> f32 {
        self.top + self.height
    }

    pub(crate) fn width(self) -> f32 {
        self.width
    }

    pub(crate) fn height(self) -> f32 {
        self.height
    }
}

/// Text from a record on one line: line breaks and tabs typed into a name become spaces, and
/// runs of spaces one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Address lines from the record, at most `max`: lines past the limit are joined onto the
/// last one (which is then cut to width) rather than dropped silently.
pub(crate) fn address(lines: &[String], max: usize) -> Vec<String> {
    let mut lines: Vec<String> = lines
        .iter()
        .map(|line| one_line(line))
        .filter(|line| !line.is_empty())
        .collect();
    if lines.len() > max && max > 0 {
        let rest = lines.split_off(max - 1).join(", ");
        lines.push(rest);
    }
    lines
}

/// `text` if it fits in `width`, otherwise its longest beginning that fits with an ellipsis.
pub(crate) fn truncate(face: &Face, size: f32, text: &str, width: f32) -> String {
    if face.width(text, size) <= width {
        return text.to_owned();
    }
    let budget = width - face.width(ELLIPSIS, size);
    let end = fitting_prefix(face, size, text, budget);
    format!(
        "{}{ELLIPSIS}",
        text.get(..end).unwrap_or_default().trim_end()
    )
}

/// The byte length of the longest beginning of `text` no wider than `width`.
fn fitting_prefix(face: &Face, size: f32, text: &str, width: f32) -> usize {
    let mut used = 0.0;
    let mut end = 0;
    for (start, c) in text.char_indices() {
        used += face.width(c.encode_utf8(&mut [0; 4]), size);
        if used > width {
            break;
        }
        end = start + c.len_utf8();
    }
    end
}

/// `text` broken into lines no wider than `width`: between words where it can, inside a word
/// too long for a line otherwise. At most `max_lines` lines; when text is left over, the last
/// line ends with an ellipsis.
pub(crate) fn wrap(
    face: &Face,
    size: f32,
    text: &str,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // The width of `line`, kept as words are added rather than measured again each time.
    let mut line_width = 0.0;
    let space = face.width(" ", size);
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let word_width = face.width(word, size);
        let candidate_width = if line.is_empty() {
            word_width
        } else {
            line_width + space + word_width
        };
        if candidate_width <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            line_width = candidate_width;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        loop {
            // At least one character per line, however narrow the room.
            let cut = fitting_prefix(face, size, rest, width)
                .max(rest.chars().next().map_or(0, char::len_utf8));
            match (rest.get(..cut), rest.get(cut..)) {
                (Some(head), Some(tail)) if !tail.is_empty() => {
                    lines.push(head.to_owned());
                    rest = tail;
                }
                _ => {
                    line = rest.to_owned();
                    line_width = face.width(rest, size);
                    break;
                }
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let max_lines = max_lines.max(1);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(truncate(face, size, &format!("{rest}{ELLIPSIS}"), width));
    }
    lines
}

/// The largest size from `largest` down to `smallest` (in half points) at which `text` fits
/// `width`; `smallest` when none does (the caller then truncates).
pub(crate) fn fitting_size(
    face: &Face,
    text: &str,
    largest: f32,
    smallest: f32,
    width: f32,
) -> f32 {
    let em = face.width(text, 1.0);
    let mut size = largest;
    while size > smallest && em * size > width {
        size -= 0.5;
    }
    size.max(smallest)
}

/// The largest `width` × `height` picture (in pixels) that fits the `room` box, proportions
/// kept, horizontally placed as `align` says within it and at its top; `None` for a picture
/// without pixels.
pub(crate) fn fit(width: u32, height: u32, room: Rect, align: Align) -> Option<Rect> {
    let (width, height) = (pixels(width), pixels(height));
    if width <= 0.0 || height <= 0.0 {
        return None;
    }
    let scale = (room.width() / width).min(room.height() / height);
    let (drawn_width, drawn_height) = (width * scale, height * scale);
    let left = match align {
        Align::Left => room.left(),
        Align::Right => room.right() - drawn_width,
        Align::Center => room.left() + (room.width() - drawn_width) / 2.0,
    };
    Rect::from_xywh(left, room.top(), drawn_width, drawn_height)
}

/// A pixel count as a number; sides past 65,535 pixels (which no uploaded picture has) count
/// as 65,535, which at worst bends the proportions of an absurd picture.
fn pixels(count: u32) -> f32 {
    f32::from(u16::try_from(count).unwrap_or(u16::MAX))
}

/// Where a text stands relative to the x it is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

/// Black for content, grey for the labels that name it, a colour the cooperative chose for
/// what stands out (a certificate's title and rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Grey,
    Rgb([u8; 3]),
}

impl Ink {
    fn color(self) -> Color {
        match self {
            Ink::Black => Color::BLACK,
            Ink::Grey => Color::Gray(96),
            Ink::Rgb(rgb) => Color::Rgb(rgb),
        }
    }
}

/// The dark grey of rules and frames.
const RULE_GREY: Color = Color::Gray(64);

/// A face at a size in an ink: how a run of text looks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style<'f> {
    pub face: &'f Face,
    pub size: f32,
    pub ink: Ink,
}

impl<'f> Style<'f> {
    pub(crate) fn new(face: &'f Face, size: f32) -> Self {
        Self {
            face,
            size,
            ink: Ink::Black,
        }
    }

    pub(crate) fn grey(self) -> Self {
        Self {
            ink: Ink::Grey,
            ..self
        }
    }

    pub(crate) fn sized(self, size: f32) -> Self {
        Self { size, ..self }
    }

    pub(crate) fn inked(self, ink: Ink) -> Self {
        Self { ink, ..self }
    }

    /// Distance between two baselines.
    pub(crate) fn leading(self) -> f32 {
        self.size * 1.3
    }

    pub(crate) fn truncate(self, text: &str, width: f32) -> String {
        truncate(self.face, self.size, text, width)
    }

    pub(crate) fn wrap(self, text: &str, width: f32, max_lines: usize) -> Vec<String> {
        wrap(self.face, self.size, text, width, max_lines)
    }
}

/// A page being drawn.
pub(crate) struct Sheet<'s, 'p> {
    page: &'s mut Page<'p>,
}

impl std::fmt::Debug for Sheet<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet").finish_non_exhaustive()
    }
}

impl<'s, 'p> Sheet<'s, 'p> {
    pub(crate) fn new(page: &'s mut Page<'p>) -> Self {
        Self { page }
    }

    /// Draws `text` on one line with its baseline at `baseline`; returns its width.
    pub(crate) fn text(
        &mut self,
        style: Style<'_>,
        x: f32,
        baseline: f32,
        align: Align,
        text: &str,
    ) -> f32 {
        let anchor = match align {
            Align::Left => 0.0,
            Align::Right => 1.0,
            Align::Center => 0.5,
        };
        self.page.text(
            TextRun {
                face: style.face,
                size: style.size,
                color: style.ink.color(),
                text,
            },
            x,
            baseline,
            anchor,
        )
    }

    /// A horizontal rule from `x1` to `x2`, dark grey.
    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.page.line((x1, y), (x2, y), width, RULE_GREY);
    }

    /// A horizontal rule from `x1` to `x2` in `ink`.
    pub(crate) fn inked_rule(&mut self, x1: f32, x2: f32, y: f32, width: f32, ink: Ink) {
        self.page.line((x1, y), (x2, y), width, ink.color());
    }

    /// The outline of a rectangle.
    pub(crate) fn frame(&mut self, rect: Rect, width: f32) {
        self.page.frame(
            (rect.left(), rect.top(), rect.width(), rect.height()),
            width,
            RULE_GREY,
        );
    }

    /// `image` scaled to `rect`. The caller keeps the picture's proportions (see [`fit`]).
    pub(crate) fn image(&mut self, image: &Image, rect: Rect) {
        if rect.width() > 0.0 && rect.height() > 0.0 {
            self.page
                .image(image, rect.left(), rect.top(), rect.width(), rect.height());
        }
    }

    /// Fills every square of a grid in black, as one path. The squares are (column, row,
    /// columns, rows) in units of `unit` points from (`x`, `y`): a grid such as a QR code's
    /// is then written with small whole numbers, a third of the bytes of page coordinates.
    pub(crate) fn fill_grid(
        &mut self,
        x: f32,
        y: f32,
        unit: f32,
        squares: impl IntoIterator<Item = (u16, u16, u16, u16)>,
    ) {
        self.page.fill_grid(x, y, unit, squares);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    fn face() -> &'static Face {
        &fonts().unwrap().regular
    }

    #[test]
    fn text_that_fits_is_left_alone() {
        assert_eq!(truncate(face(), 10.0, "Léonard", 100.0), "Léonard");
        assert_eq!(wrap(face(), 10.0, "Léonard", 100.0, 2), ["Léonard"]);
    }

    #[test]
    fn truncated_text_ends_with_an_ellipsis_and_fits() {
        let long = "Coopérative énergétique citoyenne du Brabant wallon".repeat(4);
        let cut = truncate(face(), 10.0, &long, 150.0);
        assert!(cut.ends_with('…'));
        assert!(face().width(&cut, 10.0) <= 150.0);
        assert!(long.starts_with(cut.trim_end_matches('…')));
    }

    #[test]
    fn wrapping_breaks_between_words_and_every_line_fits() {
        let text = "Émilie Léonard-Ørsted et Jiří Dvořák, copropriétaires indivis";
        let lines = wrap(face(), 10.0, text, 120.0, 10);
        assert!(lines.len() > 1);
        assert_eq!(lines.join(" "), text);
        for line in &lines {
            assert!(face().width(line, 10.0) <= 120.0, "{line} is too wide");
        }
        // Each line holds as many words as fit: the next line's first word would not.
        for pair in lines.windows(2) {
            let next_word = pair[1].split(' ').next().unwrap();
            let longer = format!("{} {next_word}", pair[0]);
            assert!(
                face().width(&longer, 10.0) > 120.0,
                "{longer} would have fit"
            );
        }
    }

    #[test]
    fn the_bold_is_measured_with_its_stroke_and_wraps_sooner() {
        let fonts = fonts().unwrap();
        let text = "Coopérative énergétique citoyenne du Condroz";
        let extra = crate::fonts::BOLD_STROKE_EM * 10.0 * text.chars().count() as f32;
        let (regular, bold) = (&fonts.regular, &fonts.bold);
        assert!((bold.width(text, 10.0) - regular.width(text, 10.0) - extra).abs() < 1e-3);
        assert_eq!(regular.stroke_width(10.0), 0.0);
        assert!((bold.stroke_width(10.0) - crate::fonts::BOLD_STROKE_EM * 10.0).abs() < 1e-6);
        let room = regular.width(text, 10.0);
        assert_eq!(wrap(regular, 10.0, text, room, 3), [text]);
        let lines = wrap(bold, 10.0, text, room, 3);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(bold.width(line, 10.0) <= room, "{line} is too wide in bold");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_across_lines() {
        let word = "Ø".repeat(200);
        let lines = wrap(face(), 10.0, &word, 100.0, 50);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        for line in &lines {
            assert!(face().width(line, 10.0) <= 100.0);
        }
    }

    #[test]
    fn wrapping_stops_at_the_line_limit_with_an_ellipsis() {
        let text = "Müller ".repeat(60);
        let lines = wrap(face(), 10.0, &text, 100.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(face().width(&lines[2], 10.0) <= 100.0);
    }

    #[test]
    fn even_a_room_narrower_than_a_letter_makes_progress() {
        let lines = wrap(face(), 10.0, "Dvořák", 1.0, 10);
        assert_eq!(lines.concat(), "Dvořák");
    }

    #[test]
    fn address_lines_past_the_limit_are_joined_onto_the_last() {
        let lines: Vec<String> = [
            "Rue de la Loi 16",
            "",
            "Bte 3",
            "1000 Bruxelles",
            "Belgique",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            address(&lines, 3),
            ["Rue de la Loi 16", "Bte 3", "1000 Bruxelles, Belgique"]
        );
        assert_eq!(address(&lines, 5).len(), 4);
    }

    #[test]
    fn a_picture_fits_its_box_with_its_proportions() {
        let room = Rect::from_xywh(100.0, 50.0, 200.0, 50.0).unwrap();
        // Wide: as wide as the box, placed at its top.
        let wide = fit(800, 100, room, Align::Right).unwrap();
        assert_eq!(
            (wide.left(), wide.top(), wide.width(), wide.height()),
            (100.0, 50.0, 200.0, 25.0)
        );
        // Tall: as high as the box, against the side asked for.
        let tall = fit(100, 200, room, Align::Right).unwrap();
        assert_eq!((tall.width(), tall.height()), (25.0, 50.0));
        assert_eq!(tall.right(), 300.0);
        let centred = fit(100, 200, room, Align::Center).unwrap();
        assert_eq!(centred.left(), 187.5);
        assert!(fit(0, 10, room, Align::Left).is_none());
    }

    #[test]
    fn records_are_put_on_one_line() {
        assert_eq!(one_line("  Rue de\nla Loi\t16  "), "Rue de la Loi 16");
    }

    #[test]
    fn the_size_shrinks_until_the_text_fits() {
        let text = "RF18 5390 0754 7034 5390 0754 7034 12";
        let size = fitting_size(face(), text, 12.0, 6.0, 150.0);
        assert!(size < 12.0);
        assert!(face().width(text, size) <= 150.0);
        assert_eq!(fitting_size(face(), "RF18", 12.0, 6.0, 150.0), 12.0);
    }
}
