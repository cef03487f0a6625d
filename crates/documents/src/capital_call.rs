//! The capital release request: one A4 page with the cooperative, the future member (placed
//! for a window envelope), the shares called, and what to pay where.
//!
//! The layout runs top to bottom with a cursor. Every text from the record has a bounded
//! number of lines, so the worst case is known and fits the page; a unit test pins that.

use coopshares_app::documents::{CapitalCallDocument, DocumentError};
use coopshares_app::format;

use crate::fonts::Fonts;
use crate::labels::Labels;
use crate::layout::{
    A4_WIDTH, Align, MARGIN, MM, Rect, Sheet, Style, address, fitting_size, one_line,
};
use crate::qr;

const CONTENT_WIDTH: f32 = A4_WIDTH - 2.0 * MARGIN;
const RIGHT: f32 = MARGIN + CONTENT_WIDTH;
const BODY: f32 = 9.5;
const SMALL: f32 = 8.5;

/// The holder's address sits where a DL or C5 window envelope shows it.
const HOLDER_X: f32 = 110.0 * MM;
const HOLDER_TOP: f32 = 45.0 * MM;
/// The title never starts higher than this, so it stays below the envelope window.
const TITLE_TOP: f32 = 95.0 * MM;
/// The QR code's square, quiet zone included.
const QR_SIZE: f32 = 42.0 * MM;

/// Draws the whole request; returns the lowest y anything was drawn at.
pub(crate) fn draw(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
) -> Result<f32, DocumentError> {
    let cooperative_bottom = cooperative(sheet, fonts, labels, doc);
    let holder_bottom = holder(sheet, fonts, labels, doc);
    let top = TITLE_TOP.max(cooperative_bottom.max(holder_bottom) + 8.0 * MM);
    let y = heading(sheet, fonts, labels, doc, top);
    let y = shares(sheet, fonts, labels, doc, y + 6.0 * MM);
    payment(sheet, fonts, labels, doc, y + 8.0 * MM)
}

/// Name, address and enterprise number of the cooperative, top left.
fn cooperative(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
) -> f32 {
    let width = 85.0 * MM;
    let name = Style::new(&fonts.bold, 12.0);
    let body = Style::new(&fonts.regular, 9.0);
    let mut y = MARGIN;
    for line in name.wrap(&one_line(&doc.cooperative.name), width, 2) {
        y += name.leading();
        sheet.text(name, MARGIN, y, Align::Left, &line);
    }
    y += 1.0 * MM;
    for line in address(&doc.cooperative.address_lines, 4) {
        y += body.leading();
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, width));
    }
    if let Some(number) = &doc.cooperative.registration_number {
        y += body.leading();
        let line = format!("{} {}", labels.company_number, one_line(number));
        sheet.text(body, MARGIN, y, Align::Left, &body.truncate(&line, width));
    }
    y
}

/// The future member, in the envelope window.
fn holder(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
) -> f32 {
    let width = RIGHT - HOLDER_X;
    let name = Style::new(&fonts.bold, 11.0);
    let body = Style::new(&fonts.regular, 10.0);
    let mut y = HOLDER_TOP;
    for line in name.wrap(&one_line(&doc.holder.name), width, 3) {
        y += name.leading();
        sheet.text(name, HOLDER_X, y, Align::Left, &line);
    }
    if let Some(representative) = &doc.holder.representative {
        let text = format!("{} {}", labels.represented_by, one_line(representative));
        for line in body.wrap(&text, width, 2) {
            y += body.leading();
            sheet.text(body, HOLDER_X, y, Align::Left, &line);
        }
    }
    for line in address(&doc.holder.address_lines, 5) {
        y += body.leading();
        sheet.text(body, HOLDER_X, y, Align::Left, &body.truncate(&line, width));
    }
    y
}

/// Title, number, dates and the sentence saying what is asked.
fn heading(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
    top: f32,
) -> f32 {
    let title = Style::new(&fonts.bold, 16.0);
    let label = Style::new(&fonts.regular, BODY).grey();
    let value = Style::new(&fonts.regular, BODY);
    let strong = Style::new(&fonts.bold, BODY);
    let value_x = MARGIN + 40.0 * MM;
    let value_width = RIGHT - value_x;

    let mut y = top + title.size;
    sheet.text(
        title,
        MARGIN,
        y,
        Align::Left,
        &title.truncate(labels.title, CONTENT_WIDTH),
    );
    y += 3.0 * MM;
    let rows = [
        (labels.number, one_line(&doc.number), strong),
        (
            labels.issue_date,
            format::date(doc.issue_date, doc.language),
            value,
        ),
        (
            labels.due_date,
            format::date(doc.due_date, doc.language),
            strong,
        ),
    ];
    for (name, text, style) in rows {
        y += value.leading();
        sheet.text(
            label,
            MARGIN,
            y,
            Align::Left,
            &label.truncate(name, 38.0 * MM),
        );
        sheet.text(
            style,
            value_x,
            y,
            Align::Left,
            &style.truncate(&text, value_width),
        );
    }
    y += 3.0 * MM;
    for line in value.wrap(labels.intro, CONTENT_WIDTH, 3) {
        y += value.leading();
        sheet.text(value, MARGIN, y, Align::Left, &line);
    }
    y
}

/// The table of shares called and its total.
fn shares(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
    top: f32,
) -> f32 {
    let header = Style::new(&fonts.bold, SMALL).grey();
    let cell = Style::new(&fonts.regular, BODY);
    let total = Style::new(&fonts.bold, 10.5);
    let amount_right = RIGHT;
    let unit_right = amount_right - 38.0 * MM;
    let quantity_right = unit_right - 38.0 * MM;
    let number_width = 36.0 * MM;
    let quantity_width = 20.0 * MM;
    let description_width = quantity_right - quantity_width - 2.0 * MM - MARGIN;

    let mut y = top + header.size;
    sheet.text(
        header,
        MARGIN,
        y,
        Align::Left,
        &header.truncate(labels.share_type, description_width),
    );
    for (text, right, width) in [
        (labels.quantity, quantity_right, quantity_width),
        (labels.unit_value, unit_right, number_width),
        (labels.amount, amount_right, number_width),
    ] {
        sheet.text(
            header,
            right,
            y,
            Align::Right,
            &header.truncate(text, width),
        );
    }
    y += 2.0 * MM;
    sheet.rule(MARGIN, RIGHT, y, 0.5);

    let description = format!(
        "{} ({})",
        one_line(&doc.share_type_name),
        one_line(&doc.share_type_code)
    );
    let first_baseline = y + cell.leading() + 1.0 * MM;
    for (i, line) in cell
        .wrap(&description, description_width, 2)
        .iter()
        .enumerate()
    {
        y = first_baseline + cell.leading() * small(i);
        sheet.text(cell, MARGIN, y, Align::Left, line);
    }
    for (text, right, width) in [
        (doc.quantity.to_string(), quantity_right, quantity_width),
        (
            format::money(doc.unit_value, doc.language),
            unit_right,
            number_width,
        ),
        (
            format::money(doc.amount, doc.language),
            amount_right,
            number_width,
        ),
    ] {
        sheet.text(
            cell,
            right,
            first_baseline,
            Align::Right,
            &cell.truncate(&text, width),
        );
    }
    y += 2.5 * MM;
    sheet.rule(MARGIN, RIGHT, y, 1.0);
    y += total.leading() + 1.0 * MM;
    sheet.text(
        total,
        MARGIN,
        y,
        Align::Left,
        &total.truncate(labels.total, description_width),
    );
    let amount = format::money(doc.amount, doc.language);
    let amount_size = fitting_size(total.face, &amount, total.size, 7.0, 2.0 * number_width);
    let amount_style = total.sized(amount_size);
    sheet.text(
        amount_style,
        amount_right,
        y,
        Align::Right,
        &amount_style.truncate(&amount, 2.0 * number_width),
    );
    y
}

/// The framed payment instructions, with the QR code on the right when there is one.
fn payment(
    sheet: &mut Sheet<'_, '_>,
    fonts: &Fonts,
    labels: &Labels,
    doc: &CapitalCallDocument,
    top: f32,
) -> Result<f32, DocumentError> {
    let padding = 5.0 * MM;
    let heading = Style::new(&fonts.bold, 11.0);
    let label = Style::new(&fonts.regular, SMALL).grey();
    let value = Style::new(&fonts.regular, BODY);
    let strong = Style::new(&fonts.bold, 11.0);
    let caption = Style::new(&fonts.regular, 7.5);

    // The QR code's own quiet zone separates it from the frame.
    let qr_x = RIGHT - 1.5 * MM - QR_SIZE;
    let text_right = if doc.epc_payload.is_some() {
        qr_x - 2.0 * MM
    } else {
        RIGHT - padding
    };
    let label_x = MARGIN + padding;
    let label_width = 47.0 * MM;
    let value_x = label_x + label_width + 2.0 * MM;
    let value_width = text_right - value_x;

    let mut y = top + padding + heading.size;
    sheet.text(heading, label_x, y, Align::Left, labels.payment);
    y += 1.5 * MM;

    let beneficiary = one_line(&doc.cooperative.name);
    let amount = format::money(doc.amount, doc.language);
    let due = format::date(doc.due_date, doc.language);
    let bic = doc.bic.as_ref().map(ToString::to_string);
    // Account, reference and amount shrink before anything is cut (at 7 pt a 34-character
    // IBAN of digits fits beside the QR code); a beneficiary name too long for its line is
    // cut straight away.
    let mut rows = vec![
        (labels.beneficiary, beneficiary, value, false),
        (labels.iban, doc.iban.to_string(), strong, true),
    ];
    if let Some(bic) = bic {
        rows.push((labels.bic, bic, value, true));
    }
    rows.extend([
        (
            labels.reference,
            doc.reference.to_string(),
            strong.sized(12.0),
            true,
        ),
        (labels.amount, amount, strong, true),
        (labels.pay_by, due, value, false),
    ]);
    for (name, text, style, shrink) in rows {
        let style = if shrink {
            style.sized(fitting_size(
                style.face,
                &text,
                style.size,
                7.0,
                value_width,
            ))
        } else {
            style
        };
        y += style.leading().max(label.leading()) + 0.5 * MM;
        sheet.text(
            label,
            label_x,
            y,
            Align::Left,
            &label.truncate(name, label_width),
        );
        sheet.text(
            style,
            value_x,
            y,
            Align::Left,
            &style.truncate(&text, value_width),
        );
    }
    y += 2.0 * MM;
    let notice = Style::new(&fonts.regular, SMALL);
    for line in notice.wrap(labels.reference_notice, text_right - label_x, 3) {
        y += notice.leading();
        sheet.text(notice, label_x, y, Align::Left, &line);
    }

    let mut bottom = y;
    if let Some(payload) = &doc.epc_payload {
        let qr_y = top + 1.5 * MM;
        qr::draw(sheet, payload, qr_x, qr_y, QR_SIZE)?;
        // The caption stays below the square: text inside the quiet zone can keep a scanner
        // from finding the symbol.
        let mut caption_y = qr_y + QR_SIZE;
        for line in caption.wrap(labels.scan_caption, QR_SIZE, 2) {
            caption_y += caption.leading();
            sheet.text(
                caption,
                qr_x + QR_SIZE / 2.0,
                caption_y,
                Align::Center,
                &line,
            );
        }
        bottom = bottom.max(caption_y);
    }
    bottom += padding;
    if let Some(frame) = Rect::from_ltrb(MARGIN, top, RIGHT, bottom) {
        sheet.frame(frame, 0.8);
    }
    Ok(bottom)
}

/// A line index as a multiplier.
fn small(i: usize) -> f32 {
    u16::try_from(i).map_or(f32::from(u16::MAX), f32::from)
}
