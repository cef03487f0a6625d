//! Page geometry, text that always fits its room, and the few drawing operations the documents
//! use (text, rules, frames) on a krilla surface.
//!
//! Every text from a record (names, addresses) is fitted to a width here — wrapped onto a
//! bounded number of lines or cut with an ellipsis — so no input can push a document past its
//! page or make text run over its neighbour.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use crate::fonts::Face;

/// One millimetre in PDF points.
pub(crate) const MM: f32 = 72.0 / 25.4;
pub(crate) const A4_WIDTH: f32 = 210.0 * MM;
pub(crate) const A4_HEIGHT: f32 = 297.0 * MM;
pub(crate) const MARGIN: f32 = 20.0 * MM;
const ELLIPSIS: &str = "…";

/// Text from a record on one line: line breaks and tabs typed into a name become spaces, and
/// runs of spaces one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
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
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if face.width(&candidate, size) <= width {
            line = candidate;
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
    let mut size = largest;
    while size > smallest && face.width(text, size) > width {
        size -= 0.5;
    }
    size.max(smallest)
}

/// Where a text stands relative to the x it is drawn at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

/// Black for content, grey for the labels that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Grey,
}

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
    surface: &'s mut Surface<'p>,
}

impl std::fmt::Debug for Sheet<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet").finish_non_exhaustive()
    }
}

impl<'s, 'p> Sheet<'s, 'p> {
    pub(crate) fn new(surface: &'s mut Surface<'p>) -> Self {
        Self { surface }
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
        let shaped = style.face.shape(text, style.size);
        let left = match align {
            Align::Left => x,
            Align::Right => x - shaped.width,
            Align::Center => x - shaped.width / 2.0,
        };
        if style.ink == Ink::Grey {
            self.surface.set_fill(Some(Fill {
                paint: luma::Color::new(96).into(),
                ..Fill::default()
            }));
        }
        self.surface.draw_glyphs(
            Point::from_xy(left, baseline),
            &shaped.glyphs,
            style.face.pdf_font(),
            text,
            style.size,
            false,
        );
        // Unset, text is black: keeps every other call free of state left behind.
        self.surface.set_fill(None);
        shaped.width
    }

    /// A horizontal rule from `x1` to `x2`.
    pub(crate) fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        let mut path = PathBuilder::new();
        path.move_to(x1, y);
        path.line_to(x2, y);
        self.stroke(path, width);
    }

    /// The outline of a rectangle.
    pub(crate) fn frame(&mut self, rect: Rect, width: f32) {
        let mut path = PathBuilder::new();
        path.push_rect(rect);
        self.stroke(path, width);
    }

    fn stroke(&mut self, path: PathBuilder, width: f32) {
        if let Some(path) = path.finish() {
            self.surface.set_stroke(Some(Stroke {
                paint: luma::Color::new(64).into(),
                width,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            // A stroke left set would outline the next text drawn.
            self.surface.set_stroke(None);
        }
    }

    /// Fills every rectangle in black, as one path.
    pub(crate) fn fill_rects(&mut self, rects: impl IntoIterator<Item = Rect>) {
        let mut path = PathBuilder::new();
        for rect in rects {
            path.push_rect(rect);
        }
        if let Some(path) = path.finish() {
            self.surface.set_fill(Some(Fill::default()));
            self.surface.draw_path(&path);
            self.surface.set_fill(None);
        }
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
