//! PDF documents for Coopshares: today the capital release request, one A4 page with the EPC QR
//! code a banking app scans to pay.
//!
//! Implements app's [`DocumentRenderer`] port with krilla. Text is set in DejaVu Sans, embedded
//! in the binary and subset into each PDF, so every Latin name prints as typed. The wording in
//! the four languages lives in a static table (`labels`); amounts are formatted by
//! `coopshares_app::format` so a document and an email never disagree.
//!
//! This crate depends on `app` (the port and the facts) and `domain` only: no storage, no web,
//! no IO. Rendering is pure CPU work.

mod capital_call;
mod fonts;
mod labels;
mod layout;
mod qr;

use coopshares_app::documents::{CapitalCallDocument, DocumentError, DocumentRenderer};
use krilla::Document;
use krilla::error::KrillaError;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use crate::layout::{A4_HEIGHT, A4_WIDTH, Align, MARGIN, Sheet, Style};

/// Lays documents out as PDF.
#[derive(Debug, Default, Clone, Copy)]
pub struct PdfRenderer;

impl PdfRenderer {
    pub fn new() -> Self {
        Self
    }
}

impl DocumentRenderer for PdfRenderer {
    fn capital_call_pdf(&self, document: &CapitalCallDocument) -> Result<Vec<u8>, DocumentError> {
        let fonts = fonts::fonts()?;
        let labels = labels::labels(document.language);
        let mut pdf = Document::new();
        pdf.set_metadata(
            Metadata::new()
                .title(format!("{} {}", labels.title, document.number))
                .language(document.language.code().to_owned())
                .creator("Coopshares".to_owned()),
        );
        let mut page = pdf.start_page_with(PageSettings::new(A4_WIDTH, A4_HEIGHT));
        let mut surface = page.surface();
        capital_call::draw(&mut Sheet::new(&mut surface), fonts, labels, document)?;
        surface.finish();
        page.finish();
        pdf.finish().map_err(krilla_error)
    }
}

/// One A4 page with `text` on one line, in the same font and through the same machinery as
/// the documents: the baseline the benchmark sets a capital release request against, so the
/// figure shows what the layout costs on top of producing any PDF at all.
pub fn bare_page_pdf(text: &str) -> Result<Vec<u8>, DocumentError> {
    let fonts = fonts::fonts()?;
    let mut pdf = Document::new();
    let mut page = pdf.start_page_with(PageSettings::new(A4_WIDTH, A4_HEIGHT));
    let mut surface = page.surface();
    let style = Style::new(&fonts.regular, 12.0);
    let line = style.truncate(&layout::one_line(text), A4_WIDTH - 2.0 * MARGIN);
    Sheet::new(&mut surface).text(style, MARGIN, MARGIN + style.size, Align::Left, &line);
    surface.finish();
    page.finish();
    pdf.finish().map_err(krilla_error)
}

fn krilla_error(error: KrillaError) -> DocumentError {
    match error {
        KrillaError::Font(_, problem) => DocumentError(format!("font: {problem}")),
        other => DocumentError(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use coopshares_app::documents::{CooperativeIdentity, Holder};
    use coopshares_domain::iban::{Bic, Iban};
    use coopshares_domain::language::Language;
    use coopshares_domain::money::{Currency, Money};
    use coopshares_domain::reference::PaymentReference;
    use time::macros::date;

    use super::*;

    /// Every text at the most lines the layout allows it.
    fn the_longest_document(language: Language) -> CapitalCallDocument {
        let long = "Coopérative énergétique citoyenne ".repeat(8);
        let many_lines: Vec<String> = (0..12).map(|_| long.clone()).collect();
        CapitalCallDocument {
            language,
            cooperative: CooperativeIdentity {
                name: long.clone(),
                address_lines: many_lines.clone(),
                registration_number: Some(long.clone()),
            },
            holder: Holder {
                name: long.clone(),
                address_lines: many_lines,
                representative: Some(long.clone()),
            },
            number: long.clone(),
            issue_date: date!(2026 - 03 - 15),
            due_date: date!(2026 - 03 - 31),
            share_type_name: long.clone(),
            share_type_code: long,
            quantity: u32::MAX,
            unit_value: Money::from_minor(i64::MAX, Currency::EUR),
            amount: Money::from_minor(i64::MAX, Currency::EUR),
            iban: Iban::parse("MT84 MALT 0110 0001 2345 MTLC AST0 01S").unwrap(),
            bic: Some(Bic::parse("GKCCBEBB123").unwrap()),
            reference: PaymentReference::parse("RF18 5390 0754 7034").unwrap(),
            epc_payload: Some("BCD\n002\n1\nSCT\n".repeat(20)),
        }
    }

    #[test]
    fn the_longest_document_still_ends_above_the_bottom_margin() {
        let fonts = fonts::fonts().unwrap();
        for language in Language::ALL {
            let document = the_longest_document(language);
            let mut pdf = Document::new();
            let mut page = pdf.start_page_with(PageSettings::new(A4_WIDTH, A4_HEIGHT));
            let mut surface = page.surface();
            let bottom = capital_call::draw(
                &mut Sheet::new(&mut surface),
                fonts,
                labels::labels(language),
                &document,
            )
            .unwrap();
            assert!(
                bottom <= A4_HEIGHT - MARGIN,
                "{language}: ends at {bottom} pt"
            );
            surface.finish();
            page.finish();
            assert!(pdf.finish().is_ok());
        }
    }

    #[test]
    fn a_bare_page_is_a_pdf() {
        let pdf = bare_page_pdf("Léonard").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
