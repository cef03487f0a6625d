//! The capital release request as its reader and a banking app see it: the text poppler's
//! `pdftotext` extracts, the page count `pdfinfo` reports, and the QR code read back with
//! `rqrr` from the page rasterised by `pdftoppm`.
//!
//! Without the poppler tools the checks that need them are skipped (see `common`).
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests state their expectations with unwrap"
)]

mod common;

use std::process::Command;

use coopshares_app::documents::{
    CapitalCallDocument, CooperativeIdentity, DocumentRenderer, Holder,
};
use coopshares_app::format;
use coopshares_banking::epc::{self, CreditTransfer};
use coopshares_documents::{PdfRenderer, bare_page_pdf};
use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::PaymentReference;
use time::macros::date;

use crate::common::{page_count, pdf_tools_available, text_of};

const COOPERATIVE: &str = "Énergie Coopérative SC";

/// A request for 5 shares of 250.00 EUR with an OGM, its EPC payload built by the banking
/// crate exactly as the application builds it.
fn request(language: Language) -> CapitalCallDocument {
    let iban = Iban::parse("BE71 0961 2345 6769").unwrap();
    let bic = Bic::parse("GKCCBEBB").unwrap();
    let reference = PaymentReference::parse("+++090/9337/55493+++").unwrap();
    let amount = Money::from_minor(125_000, Currency::EUR);
    let epc_payload = epc::payload(&CreditTransfer {
        beneficiary_name: COOPERATIVE,
        iban: &iban,
        bic: Some(&bic),
        amount,
        reference: &reference,
        information: Some("Libération de capital 2026/0001"),
    })
    .unwrap();
    CapitalCallDocument {
        language,
        cooperative: CooperativeIdentity {
            name: COOPERATIVE.to_owned(),
            address_lines: vec!["Rue de la Loi 16".to_owned(), "1000 Bruxelles".to_owned()],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        holder: Holder {
            name: "Émilie Léonard-Ørsted".to_owned(),
            address_lines: vec!["Place Saint-Lambert 1".to_owned(), "4000 Liège".to_owned()],
            representative: None,
        },
        number: "2026/0001".to_owned(),
        issue_date: date!(2026 - 03 - 15),
        due_date: date!(2026 - 03 - 31),
        share_type_name: "Parts de coopérateur".to_owned(),
        share_type_code: "A".to_owned(),
        quantity: 5,
        unit_value: Money::from_minor(25_000, Currency::EUR),
        amount,
        iban,
        bic: Some(bic),
        reference,
        epc_payload: Some(epc_payload),
    }
}

/// The same request for an entity with a representative, paid with an RF creditor reference.
fn dutch_request_with_rf_reference() -> CapitalCallDocument {
    let mut document = request(Language::Nl);
    document.holder = Holder {
        name: "Dvořák & Müller BV".to_owned(),
        address_lines: vec!["Grote Markt 1".to_owned(), "2000 Antwerpen".to_owned()],
        representative: Some("Jiří Dvořák, zaakvoerder".to_owned()),
    };
    document.share_type_name = "Coöperatieve aandelen".to_owned();
    document.reference = PaymentReference::parse("RF18 5390 0754 7034").unwrap();
    document.quantity = 48;
    document.amount = Money::from_minor(1_200_000, Currency::EUR);
    document.epc_payload = Some(
        epc::payload(&CreditTransfer {
            beneficiary_name: COOPERATIVE,
            iban: &document.iban,
            bic: None,
            amount: document.amount,
            reference: &document.reference,
            information: None,
        })
        .unwrap(),
    );
    document
}

fn render(document: &CapitalCallDocument) -> Vec<u8> {
    PdfRenderer::new().capital_call_pdf(document).unwrap()
}

/// An amount as the document prints it. poppler writes the narrow no-break space of French
/// thousands as a plain space (the PDF itself maps the glyph to U+202F), so the expectation
/// does the same.
fn printed_amount(money: Money, language: Language) -> String {
    format!("{} EUR", format::amount(money, language)).replace('\u{202f}', " ")
}

// ---- rqrr ------------------------------------------------------------------------------------

/// A QR code found on the page: its bytes, version and error correction level as read.
#[derive(Debug)]
struct ScannedCode {
    bytes: Vec<u8>,
    version: usize,
    ecc_level: u16,
}

/// Every QR code on the page rasterised at 200 dpi in grey, as a phone camera would see it.
fn scan(pdf: &[u8]) -> Vec<ScannedCode> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "200", "-gray", "-png", "-singlefile"])
        .arg(&file)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
    let page = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    let (width, height) = page.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(
        usize::try_from(width).unwrap(),
        usize::try_from(height).unwrap(),
        |x, y| {
            page.get_pixel(u32::try_from(x).unwrap(), u32::try_from(y).unwrap())
                .0[0]
        },
    );
    prepared
        .detect_grids()
        .into_iter()
        .map(|grid| {
            let mut bytes = Vec::new();
            let meta = grid.decode_to(&mut bytes).unwrap();
            ScannedCode {
                bytes,
                version: meta.version.0,
                ecc_level: meta.ecc_level,
            }
        })
        .collect()
}

// ---- without poppler -------------------------------------------------------------------------

#[test]
fn a_request_is_a_pdf_file() {
    let pdf = render(&request(Language::Fr));
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
}

#[test]
fn only_the_glyphs_used_are_embedded() {
    // Each font file is about 700 kB; a request uses a few dozen glyphs of each.
    let pdf = render(&request(Language::Fr));
    assert!(pdf.len() < 80_000, "the PDF is {} bytes", pdf.len());
}

#[test]
fn a_200_character_name_renders() {
    let mut document = request(Language::De);
    document.holder.name = "Léonard Ørsted-Müller "
        .repeat(10)
        .chars()
        .take(200)
        .collect();
    document.cooperative.name = "Ø".repeat(200);
    document.share_type_name = "Genossenschaftsanteil".repeat(10);
    assert_eq!(document.holder.name.chars().count(), 200);
    let pdf = render(&document);
    assert!(pdf.starts_with(b"%PDF-"));

    if pdf_tools_available("a_200_character_name_renders") {
        assert_eq!(page_count(&pdf), 1);
        let text = text_of(&pdf);
        assert!(text.contains("Léonard Ørsted-Müller"), "{text}");
        // The payment details are still there in full below the long names.
        assert!(text.contains("+++090/9337/55493+++"), "{text}");
        assert!(text.contains("BE71 0961 2345 6769"), "{text}");
    }
}

#[test]
fn a_bare_page_is_a_one_page_pdf_with_its_line() {
    let pdf = bare_page_pdf("Émilie Léonard-Ørsted").unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if pdf_tools_available("a_bare_page_is_a_one_page_pdf_with_its_line") {
        assert_eq!(page_count(&pdf), 1);
        assert!(text_of(&pdf).contains("Émilie Léonard-Ørsted"));
    }
}

// ---- what the reader sees ----------------------------------------------------------------------

#[test]
fn a_french_request_shows_the_holder_amount_reference_account_and_number_on_one_page() {
    if !pdf_tools_available("a_french_request_shows_…") {
        return;
    }
    let document = request(Language::Fr);
    let pdf = render(&document);
    assert_eq!(page_count(&pdf), 1);
    let text = text_of(&pdf);
    for expected in [
        "Demande de libération de capital",
        "Émilie Léonard-Ørsted",
        COOPERATIVE,
        "BE 0123.456.749",
        "2026/0001",
        "15/03/2026",
        "31/03/2026",
        "Parts de coopérateur (A)",
        &printed_amount(document.amount, Language::Fr),
        &printed_amount(document.unit_value, Language::Fr),
        "+++090/9337/55493+++",
        "BE71 0961 2345 6769",
        "GKCCBEBB",
        "Communication structurée",
        "Scannez avec votre application",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(
        printed_amount(document.amount, Language::Fr),
        "1 250,00 EUR"
    );
}

#[test]
fn a_dutch_request_shows_the_representative_and_the_rf_reference_in_groups() {
    if !pdf_tools_available("a_dutch_request_shows_…") {
        return;
    }
    let document = dutch_request_with_rf_reference();
    let pdf = render(&document);
    assert_eq!(page_count(&pdf), 1);
    let text = text_of(&pdf);
    for expected in [
        "Volstortingsverzoek",
        "Dvořák & Müller BV",
        // The representative line wraps within the envelope window.
        "Vertegenwoordigd door Jiří Dvořák,",
        "zaakvoerder",
        "Coöperatieve aandelen (A)",
        "2026/0001",
        "31-03-2026",
        "12.000,00 EUR",
        "RF18 5390 0754 7034",
        "BE71 0961 2345 6769",
        "Gestructureerde mededeling",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(
        printed_amount(document.amount, Language::Nl),
        "12.000,00 EUR"
    );
}

#[test]
fn every_language_prints_its_title_date_and_amount() {
    if !pdf_tools_available("every_language_prints_its_title_date_and_amount") {
        return;
    }
    for (language, title, due_date) in [
        (
            Language::Fr,
            "Demande de libération de capital",
            "31/03/2026",
        ),
        (Language::Nl, "Volstortingsverzoek", "31-03-2026"),
        (Language::En, "Capital release request", "31 March 2026"),
        (Language::De, "Einzahlungsaufforderung", "31.03.2026"),
    ] {
        let document = request(language);
        let text = text_of(&render(&document));
        for expected in [
            title,
            due_date,
            &printed_amount(document.amount, language),
            "+++090/9337/55493+++",
        ] {
            assert!(
                text.contains(expected),
                "{language}: {expected:?} missing from:\n{text}"
            );
        }
    }
}

// ---- what the banking app sees -------------------------------------------------------------

#[test]
fn the_qr_code_reads_back_as_the_epc_payload_byte_for_byte() {
    if !pdf_tools_available("the_qr_code_reads_back_as_the_epc_payload_byte_for_byte") {
        return;
    }
    for document in [request(Language::Fr), dutch_request_with_rf_reference()] {
        let payload = document.epc_payload.clone().unwrap();
        let codes = scan(&render(&document));
        assert_eq!(codes.len(), 1, "one QR code on the page");
        assert_eq!(codes[0].bytes, payload.as_bytes());
        // The format bits 00 mean level M, which EPC069-12 prescribes.
        assert_eq!(codes[0].ecc_level, 0, "error correction level M");
        assert!(codes[0].version <= 13, "version {}", codes[0].version);
    }
}

#[test]
fn the_longest_epc_payload_still_reads_back() {
    if !pdf_tools_available("the_longest_epc_payload_still_reads_back") {
        return;
    }
    // A version 13 symbol: the densest the standard allows, the smallest modules we print.
    let mut document = request(Language::En);
    let payload = format!("BCD\n002\n1\nSCT\n\n{}", "Ø".repeat(150));
    assert!(payload.len() <= epc::MAX_PAYLOAD_BYTES);
    document.epc_payload = Some(payload.clone());
    let codes = scan(&render(&document));
    assert_eq!(codes.len(), 1);
    assert_eq!(codes[0].bytes, payload.as_bytes());
}

#[test]
fn without_an_epc_payload_there_is_no_qr_code_and_the_rest_is_printed() {
    if !pdf_tools_available("without_an_epc_payload_there_is_no_qr_code_…") {
        return;
    }
    let mut document = request(Language::En);
    document.epc_payload = None;
    let pdf = render(&document);
    assert_eq!(page_count(&pdf), 1);
    assert!(scan(&pdf).is_empty(), "no QR code on the page");
    let text = text_of(&pdf);
    assert!(text.contains("+++090/9337/55493+++"), "{text}");
    assert!(text.contains("BE71 0961 2345 6769"), "{text}");
    assert!(!text.contains("Scan with your banking app"), "{text}");
}
