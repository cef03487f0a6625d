//! The membership certificate: one A4 page, portrait unless the cooperative chose landscape,
//! stating which shares a member holds on a date, signed for the board.
//!
//! As for the capital release request, the page runs top to bottom with a cursor and every
//! text from the record has a bounded number of lines. The signature block stands on the
//! bottom margin at the right, where a reader looks for it, whatever is above it. What spans
//! the page's width ends above that block; what stands beside it (the closing paragraph, and
//! in landscape the holder and the holdings too, the page being too short to stack them)
//! ends above the bottom margin. A unit test pins both for the longest certificate.

use coopshares_app::documents::{
    CertificateDocument, CertificateDocumentLine, DocumentError, Orientation,
};
use coopshares_app::format;
use coopshares_domain::money::Money;

use crate::fonts::Fonts;
use crate::labels::CertificateLabels;
use crate::layout::{
    A4_HEIGHT, A4_WIDTH, Align, Ink, MARGIN, MM, Rect, Sheet, Style, address, fit, fitting_size,
    one_line,
};
use crate::pictures::{self, Image, Role};

/// The title and rules when the cooperative chose no colour: a sober dark blue.
const DEFAULT_ACCENT: [u8; 3] = [0x1f, 0x3a, 0x5f];

const BODY: f32 = 9.5;
const SMALL: f32 = 8.5;
const CELL: f32 = 9.0;
/// A number too wide for its column shrinks down to this size before it is cut.
const SMALLEST: f32 = 6.0;

/// The box the logo is scaled into, at the top right.
const LOGO_WIDTH: f32 = 50.0 * MM;
const LOGO_HEIGHT: f32 = 22.0 * MM;
/// The signature block's column, and the box the signature picture is scaled into.
const SIGNATURE_WIDTH: f32 = 70.0 * MM;
const SIGNATURE_HEIGHT: f32 = 20.0 * MM;
/// Between the signature block and what stands left of it.
const GUTTER: f32 = 8.0 * MM;

/// The page, and how many lines each text may take on it.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    width: f32,
    height: f32,
    title_lines: usize,
    intro_lines: usize,
    cooperative_address_lines: usize,
    holder_address_lines: usize,
    /// Rows of holdings, the row that sums the rest included.
    rows: usize,
    closing_lines: usize,
    /// Whether the holder and the holdings stand left of the signature block rather than
    /// above it.
    body_beside_signature: bool,
}

const PORTRAIT: Geometry = Geometry {
    width: A4_WIDTH,
    height: A4_HEIGHT,
    title_lines: 2,
    intro_lines: 3,
    cooperative_address_lines: 3,
    holder_address_lines: 4,
    rows: 12,
    closing_lines: 10,
    body_beside_signature: false,
};

/// 170 mm of height for the same content: shorter texts, fewer rows, and the holdings beside
/// the signature.
const LANDSCAPE: Geometry = Geometry {
    width: A4_HEIGHT,
    height: A4_WIDTH,
    title_lines: 1,
    intro_lines: 2,
    cooperative_address_lines: 2,
    holder_address_lines: 2,
    rows: 6,
    closing_lines: 4,
    body_beside_signature: true,
};

impl Geometry {
    fn of(orientation: Orientation) -> Self {
        match orientation {
            Orientation::Portrait => PORTRAIT,
            Orientation::Landscape => LANDSCAPE,
        }
    }

    fn right(self) -> f32 {
        self.width - MARGIN
    }

    fn content_width(self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn centre(self) -> f32 {
        self.width / 2.0
    }

    fn bottom(self) -> f32 {
        self.height - MARGIN
    }

    fn signature_left(self) -> f32 {
        self.right() - SIGNATURE_WIDTH
    }

    /// The width of what stands left of the signature block.
    fn beside_signature(self) -> f32 {
        self.signature_left() - GUTTER - MARGIN
    }
}

/// The page's width and height in points.
pub(crate) fn page_size(orientation: Orientation) -> (f32, f32) {
    let geometry = Geometry::of(orientation);
    (geometry.width, geometry.height)
}

/// The title the certificate shows: the cooperative's own, or the built-in one.
pub(crate) fn title(labels: &CertificateLabels, doc: &CertificateDocument) -> String {
    doc.look
        .title
        .as_deref()
        .map(one_line)
        .filter(|title| !title.is_empty())
        .unwrap_or_else(|| labels.title.to_owned())
}

/// The certificate's pictures, read before anything is drawn so that one that cannot be read
/// stops the certificate.
#[derive(Debug, Default)]
pub(crate) struct Pictures {
    logo: Option<Image>,
    signature: Option<Image>,
}

impl Pictures {
    pub(crate) fn read(doc: &CertificateDocument) -> Result<Self, DocumentError> {
        let logo = doc
            .look
            .logo
            .as_ref()
            .map(|picture| pictures::image(picture, Role::Logo))
            .transpose()?;
        let signature = doc
            .signatory
            .as_ref()
            .and_then(|signatory| signatory.signature.as_ref())
            .map(|picture| pictures::image(picture, Role::Signature))
            .transpose()?;
        Ok(Self { logo, signature })
    }
}

/// Where the parts of a drawn certificate end.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(
    not(test),
    expect(dead_code, reason = "read by the test that pins the layout")
)]
pub(crate) struct Extent {
    /// The bottom of what spans the page's width.
    pub full_width_bottom: f32,
    /// The top of the band at the bottom of the page: the signature block, and in portrait
    /// the closing paragraph beside it.
    pub band_top: f32,
    /// The lowest baseline drawn.
    pub bottom: f32,
}

/// Draws the whole certificate.
pub(crate) fn draw(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    pictures: &Pictures,
) -> Extent {
    let g = Geometry::of(doc.look.orientation);
    let accent = Ink::Rgb(doc.look.accent.unwrap_or(DEFAULT_ACCENT));

    let y = letterhead(sheet, fonts, labels, doc, pictures, g);
    let y = y + 4.0 * MM;
    sheet.inked_rule(MARGIN, g.right(), y, 1.2, accent);
    let heading_bottom = heading(sheet, fonts, labels, doc, g, accent, y + 3.0 * MM);

    let body_width = if g.body_beside_signature {
        g.beside_signature()
    } else {
        g.content_width()
    };
    let y = holder(
        sheet,
        fonts,
        labels,
        doc,
        g,
        body_width,
        heading_bottom + 7.0 * MM,
    );
    let body_bottom = holdings(
        sheet,
        fonts,
        labels,
        doc,
        g,
        body_width,
        accent,
        y + 7.0 * MM,
    );

    let (signature_top, signature_bottom) = signature(sheet, fonts, labels, doc, pictures, g);
    let closing = Style::new(&fonts.regular, SMALL);
    let closing_lines = doc.look.closing.as_deref().map_or_else(Vec::new, |text| {
        paragraphs(closing, text, g.beside_signature(), g.closing_lines)
    });
    let (full_width_bottom, closing_top, band_top) = if g.body_beside_signature {
        (heading_bottom, body_bottom + 5.0 * MM, signature_top)
    } else {
        // The paragraph starts level with the signature block, or higher when it is longer.
        let top = signature_top.min(g.bottom() - closing.leading() * count(closing_lines.len()));
        (body_bottom, top, top)
    };
    let mut y = closing_top;
    for line in &closing_lines {
        y += closing.leading();
        sheet.text(closing, MARGIN, y, Align::Left, line);
    }
    Extent {
        full_width_bottom,
        band_top,
        bottom: y.max(body_bottom).max(signature_bottom),
    }
}

/// The cooperative's name, address and enterprise number at the top left, its logo at the
/// top right.
fn letterhead(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    pictures: &Pictures,
    g: Geometry,
) -> f32 {
    let mut width = g.content_width();
    let mut logo_bottom = MARGIN;
    if let Some(logo) = &pictures.logo {
        let (pixels_wide, pixels_high) = logo.size();
        let room = Rect::from_xywh(g.right() - LOGO_WIDTH, MARGIN, LOGO_WIDTH, LOGO_HEIGHT);
        if let Some(rect) = room.and_then(|room| fit(pixels_wide, pixels_high, room, Align::Right))
        {
            sheet.image(logo, rect);
            logo_bottom = rect.bottom();
        }
        width -= LOGO_WIDTH + 6.0 * MM;
    }

    let name = Style::new(&fonts.bold, 12.0);
    let body = Style::new(&fonts.regular, 9.0);
    let mut y = MARGIN;
    for line in name.wrap(&one_line(&doc.cooperative.name), width, 2) {
        y += name.leading();
        sheet.text(name, MARGIN, y, Align::Left, &line);
    }
    y += 1.0 * MM;
    for line in address(&doc.cooperative.address_lines, g.cooperative_address_lines) {
        y += body.leading();
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, width));
    }
    if let Some(number) = &doc.cooperative.registration_number {
        y += body.leading();
        let line = format!("{} {}", labels.company_number, one_line(number));
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, width));
    }
    y.max(logo_bottom)
}

/// The title in the accent colour, the number and date, and the sentence that certifies.
fn heading(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    g: Geometry,
    accent: Ink,
    top: f32,
) -> f32 {
    let title_style = Style::new(&fonts.bold, 20.0).inked(accent);
    let subtitle = Style::new(&fonts.regular, 10.5).grey();
    let intro_style = Style::new(&fonts.regular, 10.0);
    let width = g.content_width();

    let mut y = top;
    for line in title_style.wrap(&title(labels, doc), width, g.title_lines) {
        y += title_style.leading();
        sheet.text(title_style, g.centre(), y, Align::Center, &line);
    }
    y += subtitle.leading() + 0.5 * MM;
    let number_and_date = format!(
        "{} {} · {}",
        labels.number,
        doc.number,
        format::date(doc.date, doc.language)
    );
    sheet.text(
        subtitle,
        g.centre(),
        y,
        Align::Center,
        &subtitle.truncate(&number_and_date, width),
    );

    let intro = doc
        .look
        .intro
        .as_deref()
        .map(one_line)
        .filter(|intro| !intro.is_empty())
        .unwrap_or_else(|| {
            labels
                .intro
                .replace("{cooperative}", &one_line(&doc.cooperative.name))
        });
    y += 4.0 * MM;
    for line in intro_style.wrap(&intro, width, g.intro_lines) {
        y += intro_style.leading();
        sheet.text(intro_style, g.centre(), y, Align::Center, &line);
    }
    y
}

/// The member: name, address and enterprise number on the left, the member number on the
/// right, each under its label.
fn holder(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    g: Geometry,
    width: f32,
    top: f32,
) -> f32 {
    let label = Style::new(&fonts.bold, SMALL).grey();
    let name = Style::new(&fonts.bold, 12.0);
    let body = Style::new(&fonts.regular, BODY);
    let member_number = Style::new(&fonts.bold, 14.0);
    let number_width = 45.0 * MM;
    let number_x = MARGIN + width - number_width;
    let column = width - number_width - 6.0 * MM;

    let mut y = top + label.leading();
    sheet.text(
        label,
        MARGIN,
        y,
        Align::Left,
        &label.truncate(labels.holder, column),
    );
    sheet.text(
        label,
        number_x,
        y,
        Align::Left,
        &label.truncate(labels.member_number, number_width),
    );
    let number_bottom = y + member_number.leading();
    sheet.text(
        member_number,
        number_x,
        number_bottom,
        Align::Left,
        &member_number.truncate(&doc.member_number.to_string(), number_width),
    );

    for line in name.wrap(&one_line(&doc.holder.name), column, 2) {
        y += name.leading();
        sheet.text(name, MARGIN, y, Align::Left, &line);
    }
    for line in address(&doc.holder.address_lines, g.holder_address_lines) {
        y += body.leading();
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, column));
    }
    if let Some(number) = &doc.holder_registration_number {
        y += body.leading();
        let line = format!("{} {}", labels.company_number, one_line(number));
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, column));
    }
    y.max(number_bottom)
}

/// One row of the holdings table, as printed.
#[derive(Debug)]
struct Row {
    description: String,
    quantity: Option<String>,
    unit_value: Option<String>,
    value: Option<String>,
    since: Option<String>,
}

/// The rows of the table: every line when they fit in `max`, otherwise the first `max - 1`
/// and one row that counts and sums the others (left blank where the sum does not fit).
fn rows(
    style: Style<'_>,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    description_width: f32,
    max: usize,
) -> Vec<Row> {
    let language = doc.language;
    let (shown, rest) = if doc.lines.len() > max {
        doc.lines.split_at(max.saturating_sub(1))
    } else {
        (doc.lines.as_slice(), &[][..])
    };
    let mut rows: Vec<Row> = shown
        .iter()
        .map(|line| Row {
            description: share_type(style, line, description_width),
            quantity: Some(line.quantity.to_string()),
            unit_value: Some(format::money(line.unit_value, language)),
            value: Some(format::money(line.value, language)),
            since: Some(format::date(line.since, language)),
        })
        .collect();
    if let Some(first) = rest.first() {
        let description = labels
            .more_types
            .replace("{count}", &rest.len().to_string());
        let quantity = rest
            .iter()
            .try_fold(0_u64, |sum, line| sum.checked_add(line.quantity));
        let value = Money::checked_sum(first.value.currency(), rest.iter().map(|line| line.value));
        rows.push(Row {
            description: style.truncate(&description, description_width),
            quantity: quantity.map(|quantity| quantity.to_string()),
            unit_value: None,
            value: value.ok().map(|value| format::money(value, language)),
            since: None,
        });
    }
    rows
}

/// `Name (code)` on one line: the name is cut before the code is.
fn share_type(style: Style<'_>, line: &CertificateDocumentLine, width: f32) -> String {
    let code = one_line(&line.share_type_code);
    if code.is_empty() {
        return style.truncate(&one_line(&line.share_type_name), width);
    }
    let code = style.truncate(&format!("({code})"), width / 3.0);
    let name_width = width - style.face.width(&format!(" {code}"), style.size);
    format!(
        "{} {code}",
        style.truncate(&one_line(&line.share_type_name), name_width)
    )
}

/// The table of holdings and its totals.
#[expect(
    clippy::too_many_arguments,
    reason = "the same context every part of the page is drawn with, plus the table's room"
)]
fn holdings(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    g: Geometry,
    width: f32,
    accent: Ink,
    top: f32,
) -> f32 {
    let header = Style::new(&fonts.bold, SMALL).grey();
    let cell = Style::new(&fonts.regular, CELL);
    let total = Style::new(&fonts.bold, 10.0);
    let gap = 2.5 * MM;
    let right = MARGIN + width;
    let (quantity_width, unit_width, value_width, since_width) =
        (22.0 * MM, 26.0 * MM, 32.0 * MM, 24.0 * MM);
    let since_right = right;
    let value_right = since_right - since_width - gap;
    let unit_right = value_right - value_width - gap;
    let quantity_right = unit_right - unit_width - gap;
    let description_width = quantity_right - quantity_width - gap - MARGIN;

    // Headings wrap onto two lines at most and stand on a common last line.
    let columns = [
        (labels.share_type, MARGIN, description_width, Align::Left),
        (
            labels.quantity,
            quantity_right,
            quantity_width,
            Align::Right,
        ),
        (labels.unit_value, unit_right, unit_width, Align::Right),
        (labels.value, value_right, value_width, Align::Right),
        (labels.since, since_right, since_width, Align::Right),
    ];
    let headings: Vec<Vec<String>> = columns
        .iter()
        .map(|&(text, _, column, _)| header.wrap(text, column, 2))
        .collect();
    let tallest = headings.iter().map(Vec::len).max().unwrap_or(1);
    for (&(_, x, _, align), lines) in columns.iter().zip(&headings) {
        let first = tallest - lines.len();
        for (i, line) in lines.iter().enumerate() {
            let baseline = top + header.leading() * count(first + i + 1);
            sheet.text(header, x, baseline, align, line);
        }
    }
    let mut y = top + header.leading() * count(tallest) + 2.0 * MM;
    sheet.inked_rule(MARGIN, right, y, 0.6, accent);
    y += 1.0 * MM;

    for row in rows(cell, labels, doc, description_width, g.rows) {
        y += cell.leading();
        sheet.text(cell, MARGIN, y, Align::Left, &row.description);
        for (text, x, column) in [
            (row.quantity, quantity_right, quantity_width),
            (row.unit_value, unit_right, unit_width),
            (row.value, value_right, value_width),
            (row.since, since_right, since_width),
        ] {
            if let Some(text) = text {
                number(sheet, cell, x, y, &text, column);
            }
        }
    }

    y += 2.5 * MM;
    sheet.inked_rule(MARGIN, right, y, 1.0, accent);
    y += total.leading() + 1.0 * MM;
    let label_width = sheet.text(
        total,
        MARGIN,
        y,
        Align::Left,
        &total.truncate(labels.total, description_width),
    );
    // The totals may take the room of the columns beside them, which stay empty on this row.
    number(
        sheet,
        total,
        quantity_right,
        y,
        &doc.total_quantity.to_string(),
        quantity_right - MARGIN - label_width - 2.0 * gap,
    );
    number(
        sheet,
        total,
        value_right,
        y,
        &format::money(doc.total_value, doc.language),
        unit_width + gap + value_width,
    );
    y
}

/// A number right-aligned at `right`, shrunk to fit `width` and cut only if it still does not.
fn number(sheet: &mut Sheet<'_, '_>, style: Style<'_>, right: f32, y: f32, text: &str, width: f32) {
    let style = style.sized(fitting_size(style.face, text, style.size, SMALLEST, width));
    sheet.text(style, right, y, Align::Right, &style.truncate(text, width));
}

/// The signature block, standing on the bottom margin at the right: the date, the signature
/// (or a line to sign on), the signatory's name and function, or "for the board" when no one
/// is named. Returns its top and its last baseline.
fn signature(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &CertificateLabels,
    doc: &CertificateDocument,
    pictures: &Pictures,
    g: Geometry,
) -> (f32, f32) {
    let date = Style::new(&fonts.regular, BODY);
    let name = Style::new(&fonts.bold, 10.0);
    let function = Style::new(&fonts.regular, SMALL).grey();
    let width = SIGNATURE_WIDTH;
    let centre = g.signature_left() + width / 2.0;

    // The lines first: their number sets the block's height, and so where it starts.
    let (names, functions) = match &doc.signatory {
        Some(signatory) => (
            name.wrap(&one_line(&signatory.name), width, 2),
            signatory
                .function
                .as_deref()
                .map_or_else(Vec::new, |text| function.wrap(&one_line(text), width, 2)),
        ),
        None => (Vec::new(), function.wrap(labels.for_the_board, width, 2)),
    };
    let height = date.leading()
        + 2.0 * MM
        + SIGNATURE_HEIGHT
        + 2.0 * MM
        + name.leading() * count(names.len())
        + function.leading() * count(functions.len());
    let top = g.bottom() - height;

    let mut y = top + date.leading();
    let done_on = labels
        .done_on
        .replace("{date}", &format::date(doc.date, doc.language));
    sheet.text(
        date,
        centre,
        y,
        Align::Center,
        &date.truncate(&done_on, width),
    );
    y += 2.0 * MM;
    let line_left = g.signature_left() + 5.0 * MM;
    let line_right = g.right() - 5.0 * MM;
    let room = Rect::from_xywh(line_left, y, line_right - line_left, SIGNATURE_HEIGHT);
    y += SIGNATURE_HEIGHT;
    match (&pictures.signature, room) {
        (Some(image), Some(room)) => {
            let (pixels_wide, pixels_high) = image.size();
            // Scaled into the box and standing on its bottom, as a signature on a line.
            if let Some(rect) =
                fit(pixels_wide, pixels_high, room, Align::Center).and_then(|rect| {
                    Rect::from_xywh(
                        rect.left(),
                        room.bottom() - rect.height(),
                        rect.width(),
                        rect.height(),
                    )
                })
            {
                sheet.image(image, rect);
            }
        }
        _ => sheet.rule(line_left, line_right, y, 0.5),
    }
    y += 2.0 * MM;
    for line in &names {
        y += name.leading();
        sheet.text(name, centre, y, Align::Center, line);
    }
    for line in &functions {
        y += function.leading();
        sheet.text(function, centre, y, Align::Center, line);
    }
    (top, y)
}

/// A text typed in paragraphs (line breaks kept), wrapped into at most `max_lines` lines; when
/// text is left over, the last line ends with an ellipsis.
fn paragraphs(style: Style<'_>, text: &str, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines().map(one_line).filter(|line| !line.is_empty()) {
        let room = max_lines.saturating_sub(lines.len());
        if room == 0 {
            if let Some(last) = lines.pop() {
                let last = if last.ends_with('…') {
                    last
                } else {
                    style.truncate(&format!("{last}…"), width)
                };
                lines.push(last);
            }
            break;
        }
        lines.extend(style.wrap(&paragraph, width, room));
    }
    lines
}

/// A number of lines as a multiplier.
fn count(lines: usize) -> f32 {
    u16::try_from(lines).map_or(f32::from(u16::MAX), f32::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::fonts;

    #[test]
    fn paragraphs_keep_their_breaks_and_stop_at_the_line_limit() {
        let style = Style::new(&fonts().unwrap().regular, SMALL);
        let text = "Article 12.\n\nArticle 13: les parts sont nominatives.\r\nArticle 14.";
        assert_eq!(
            paragraphs(style, text, 500.0, 10),
            [
                "Article 12.",
                "Article 13: les parts sont nominatives.",
                "Article 14."
            ]
        );
        let cut = paragraphs(style, text, 500.0, 2);
        assert_eq!(
            cut,
            ["Article 12.", "Article 13: les parts sont nominatives.…"]
        );
    }
}
