//! Documents for Coopshares: the capital release request, one A4 page with the EPC QR code a
//! banking app scans to pay; the membership certificate, one A4 page with the member's
//! holdings, the cooperative's logo and a signature; and the member and share register, as a
//! spreadsheet ([`RegisterXlsx`], with `rust_xlsxwriter`, in constant memory) and as a printed
//! list ([`RegisterPdf`]), both fed a page of register rows at a time.
//!
//! Implements app's [`DocumentRenderer`] port, writing PDF with `pdf-writer` and subsetting
//! the font with `subsetter` ([`pdf`]). Text is set in DejaVu Sans, embedded
//! in the binary and subset into each PDF, so every Latin name prints as typed. The wording in
//! the four languages lives in a static table (`labels`); amounts are formatted by
//! `coopshares_app::format` so a document and an email never disagree.
//!
//! This crate depends on `app` (the port and the facts) and `domain` only: no storage, no web.
//! Rendering is CPU work; the one IO is the temporary file the register spreadsheet streams
//! its rows through (in the system's temporary directory).

mod capital_call;
mod certificate;
mod fonts;
mod labels;
mod layout;
mod pdf;
mod pictures;
mod qr;
mod register;

use crate::layout::{A4_HEIGHT, A4_WIDTH, Align, MARGIN, Sheet, Style};
use crate::pdf::{Metadata, PageStreams, PdfFile};
pub use crate::register::{RegisterHeading, RegisterPdf, RegisterXlsx};
use coopshares_app::documents::{
    CapitalCallDocument, CertificateDocument, DocumentError, DocumentRenderer, RegisterFormat,
    RegisterHeading as Heading, RegisterWriter,
};

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
        let mut pdf = one_page_document(Metadata {
            title: format!("{} {}", labels.title, document.number),
            language: document.language.code().to_owned(),
        });
        let mut page = pdf.page(A4_WIDTH, A4_HEIGHT);
        capital_call::draw(&mut Sheet::new(&mut page), fonts, labels, document)?;
        page.finish();
        pdf.finish()
    }

    fn certificate_pdf(&self, document: &CertificateDocument) -> Result<Vec<u8>, DocumentError> {
        let fonts = fonts::fonts()?;
        let labels = labels::certificate_labels(document.language);
        let pictures = certificate::Pictures::read(document)?;
        let mut pdf = one_page_document(Metadata {
            title: format!(
                "{} {}",
                certificate::title(labels, document),
                document.number
            ),
            language: document.language.code().to_owned(),
        });
        let (width, height) = certificate::page_size(document.look.orientation);
        let mut page = pdf.page(width, height);
        certificate::draw(
            &mut Sheet::new(&mut page),
            fonts,
            labels,
            document,
            &pictures,
        );
        page.finish();
        pdf.finish()
    }

    fn register_writer(
        &self,
        format: RegisterFormat,
        heading: Heading,
    ) -> Result<Box<dyn RegisterWriter>, DocumentError> {
        Ok(Box::new(register::ThreadedWriter::start(format, heading)?))
    }
}

/// A document of one page, as the capital release request, the certificate and the bare page
/// are made: the page's content stream is written uncompressed. It is 10 to 30 KB of drawing
/// operators, and compressing it would take a fifth to a third of the rendering. The font and
/// pictures are still compressed: about 16 KB for a certificate, 23 KB for a capital release
/// request.
fn one_page_document(metadata: Metadata) -> PdfFile {
    PdfFile::new(PageStreams::Plain, metadata)
}

/// One A4 page with `text` on one line, in the same font, with the same settings and through
/// the same machinery as the documents: the baseline the benchmark sets the capital release
/// request and the certificate against, so the figures show what their layout costs on top of
/// producing any PDF at all.
pub fn bare_page_pdf(text: &str) -> Result<Vec<u8>, DocumentError> {
    let fonts = fonts::fonts()?;
    let mut pdf = one_page_document(Metadata::untitled());
    let mut page = pdf.page(A4_WIDTH, A4_HEIGHT);
    let style = Style::new(&fonts.regular, 12.0);
    let line = style.truncate(&layout::one_line(text), A4_WIDTH - 2.0 * MARGIN);
    Sheet::new(&mut page).text(style, MARGIN, MARGIN + style.size, Align::Left, &line);
    page.finish();
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use coopshares_app::documents::{
        CertificateDocumentLine, CertificateLook, CooperativeIdentity, Holder, Orientation,
        Picture, PictureFormat, Signatory,
    };
    use coopshares_domain::iban::{Bic, Iban};
    use coopshares_domain::language::Language;
    use coopshares_domain::money::{Currency, Money};
    use coopshares_domain::reference::PaymentReference;
    use time::macros::date;

    use super::*;
    use crate::layout::MM;

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
            let mut pdf = one_page_document(Metadata::untitled());
            let mut page = pdf.page(A4_WIDTH, A4_HEIGHT);
            let bottom = capital_call::draw(
                &mut Sheet::new(&mut page),
                fonts,
                labels::labels(language),
                &document,
            )
            .unwrap();
            assert!(
                bottom <= A4_HEIGHT - MARGIN,
                "{language}: ends at {bottom} pt"
            );
            page.finish();
            assert!(pdf.finish().is_ok());
        }
    }

    /// A certificate with every text at the most lines the layout allows it, many more
    /// holdings than rows, numbers as wide as their types allow, a logo and a signature.
    fn the_longest_certificate(
        language: Language,
        orientation: Orientation,
    ) -> CertificateDocument {
        let long = "Coopérative énergétique citoyenne ".repeat(8);
        let many_lines: Vec<String> = (0..12).map(|_| long.clone()).collect();
        let huge = Money::from_minor(i64::MAX, Currency::EUR);
        let line = CertificateDocumentLine {
            share_type_name: long.clone(),
            share_type_code: long.clone(),
            quantity: u64::MAX,
            unit_value: huge,
            value: huge,
            since: date!(2026 - 09 - 30),
        };
        let picture = |width, height| Picture {
            format: PictureFormat::Png,
            bytes: Arc::from(tiny_png(width, height)),
        };
        CertificateDocument {
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
            holder_registration_number: Some(long.clone()),
            number: u32::MAX,
            member_number: u32::MAX,
            date: date!(2026 - 09 - 30),
            lines: vec![line; 40],
            total_quantity: u64::MAX,
            total_value: huge,
            signatory: Some(Signatory {
                name: long.clone(),
                function: Some(long.clone()),
                // Tall, so it takes the whole height of its box.
                signature: Some(picture(10, 400)),
            }),
            look: CertificateLook {
                orientation,
                accent: Some([200, 30, 30]),
                logo: Some(picture(10, 400)),
                title: Some(long.clone()),
                intro: Some(long.repeat(4)),
                closing: Some(format!("{long}\n").repeat(20)),
            },
        }
    }

    /// A grey PNG of `width` × `height` pixels.
    fn tiny_png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        let pixels = vec![128; usize::try_from(width * height).unwrap()];
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        bytes
    }

    #[test]
    fn the_longest_certificate_still_ends_above_the_bottom_margin() {
        let fonts = fonts::fonts().unwrap();
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            for language in Language::ALL {
                let document = the_longest_certificate(language, orientation);
                let pictures = certificate::Pictures::read(&document).unwrap();
                let (width, height) = certificate::page_size(orientation);
                let mut pdf = one_page_document(Metadata::untitled());
                let mut page = pdf.page(width, height);
                let extent = certificate::draw(
                    &mut Sheet::new(&mut page),
                    fonts,
                    labels::certificate_labels(language),
                    &document,
                    &pictures,
                );
                let case = format!("{language} {orientation:?}");
                assert!(
                    extent.full_width_bottom + 3.0 * MM <= extent.band_top,
                    "{case}: the full-width part ends at {} pt, the signature band starts at {} pt",
                    extent.full_width_bottom,
                    extent.band_top,
                );
                assert!(
                    extent.bottom <= height - MARGIN,
                    "{case}: ends at {} pt",
                    extent.bottom
                );
                eprintln!(
                    "{case}: full width ends at {:.0} mm, band starts at {:.0} mm, lowest {:.0} mm of {:.0}",
                    extent.full_width_bottom / MM,
                    extent.band_top / MM,
                    extent.bottom / MM,
                    (height - MARGIN) / MM,
                );
                page.finish();
                assert!(pdf.finish().is_ok(), "{case}");
                // And through the renderer, pictures and all.
                let pdf = PdfRenderer::new().certificate_pdf(&document).unwrap();
                assert!(pdf.starts_with(b"%PDF-"), "{case}");
            }
        }
    }

    #[test]
    fn a_document_embeds_one_font_and_draws_its_bold_from_it() {
        let occurrences = |pdf: &[u8], needle: &[u8]| {
            pdf.windows(needle.len())
                .filter(|window| *window == needle)
                .count()
        };
        let call = PdfRenderer
            .capital_call_pdf(&the_longest_document(Language::Fr))
            .unwrap();
        let certificate = PdfRenderer
            .certificate_pdf(&the_longest_certificate(
                Language::Nl,
                Orientation::Portrait,
            ))
            .unwrap();
        for pdf in [call, certificate] {
            assert_eq!(occurrences(&pdf, b"/FontFile2"), 1);
            // The page's content is written as it is: the bold runs are filled and stroked
            // (text rendering mode 2), the others only filled (mode 0).
            assert!(occurrences(&pdf, b"\n2 Tr\n") > 0);
            assert!(occurrences(&pdf, b"\n0 Tr\n") > 0);
        }
    }

    #[test]
    fn a_bare_page_is_a_pdf() {
        let pdf = bare_page_pdf("Léonard").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
