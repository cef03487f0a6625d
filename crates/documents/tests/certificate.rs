//! The membership certificate as its reader sees it: the text poppler's `pdftotext` extracts,
//! the page count `pdfinfo` reports, and the pictures `pdfimages` finds embedded.
//!
//! Without the poppler tools the checks that need them are skipped (see `common`).
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests state their expectations with unwrap"
)]

mod common;

use std::io::Cursor;
use std::sync::Arc;

use coopshares_app::documents::{
    CertificateDocument, CertificateDocumentLine, CertificateLook, CooperativeIdentity,
    DocumentRenderer, Holder, Orientation, Picture, PictureFormat, Signatory,
};
use coopshares_app::format;
use coopshares_documents::PdfRenderer;
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use time::macros::date;

use crate::common::{page_count, pdf_tools_available, poppler, text_of};

const HOLDER: &str = "Anaïs Dubois-Léger";

/// A person holding 4 shares A of 250.00 EUR and 10 shares B of 1,000.00 EUR, certificate
/// 1729, member 314, no pictures, no signatory.
fn certificate(language: Language) -> CertificateDocument {
    let eur = |minor| Money::from_minor(minor, Currency::EUR);
    CertificateDocument {
        language,
        cooperative: CooperativeIdentity {
            name: "Énergie Coopérative SC".to_owned(),
            address_lines: vec!["Rue de la Loi 16".to_owned(), "1000 Bruxelles".to_owned()],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        holder: Holder {
            name: HOLDER.to_owned(),
            address_lines: vec!["Place Saint-Lambert 1".to_owned(), "4000 Liège".to_owned()],
            representative: None,
        },
        holder_registration_number: None,
        number: 1729,
        member_number: 314,
        date: date!(2026 - 03 - 15),
        lines: vec![
            CertificateDocumentLine {
                share_type_name: "Parts de coopérateur".to_owned(),
                share_type_code: "A".to_owned(),
                quantity: 4,
                unit_value: eur(25_000),
                value: eur(100_000),
                since: date!(2024 - 06 - 01),
            },
            CertificateDocumentLine {
                share_type_name: "Parts d'investisseur".to_owned(),
                share_type_code: "B".to_owned(),
                quantity: 10,
                unit_value: eur(100_000),
                value: eur(1_000_000),
                since: date!(2025 - 11 - 20),
            },
        ],
        total_quantity: 14,
        total_value: eur(1_100_000),
        signatory: None,
        look: CertificateLook::default(),
    }
}

fn render(document: &CertificateDocument) -> Vec<u8> {
    PdfRenderer::new().certificate_pdf(document).unwrap()
}

/// An amount as the document prints it, with the narrow no-break space of French thousands
/// as poppler writes it (a plain space).
fn printed_amount(money: Money, language: Language) -> String {
    format::money(money, language).replace('\u{202f}', " ")
}

/// A 60 × 20 PNG logo, half blue half transparent.
fn logo_png() -> Vec<u8> {
    let logo = image::RgbaImage::from_fn(60, 20, |x, _| {
        if x < 30 {
            image::Rgba([31, 58, 95, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut bytes = Cursor::new(Vec::new());
    logo.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

/// A baseline JPEG of one 8 × 8 grey block, written out by hand (the `image` dev-dependency
/// is built without its JPEG codec): one quantisation table, one Huffman code per table (DC
/// difference 0, end of block), and the block's two bits.
fn signature_jpeg() -> Vec<u8> {
    let mut jpeg = vec![0xFF, 0xD8];
    // Quantisation table 0: all ones.
    jpeg.extend([0xFF, 0xDB, 0x00, 0x43, 0x00]);
    jpeg.extend([1; 64]);
    // Baseline frame: 8 bits, 8 × 8 pixels, one component using table 0.
    jpeg.extend([0xFF, 0xC0, 0x00, 0x0B, 8, 0, 8, 0, 8, 1, 1, 0x11, 0]);
    // Huffman tables, DC then AC: one code of one bit, standing for the value 0.
    for class in [0x00, 0x10] {
        jpeg.extend([0xFF, 0xC4, 0x00, 0x14, class, 1]);
        jpeg.extend([0; 15]);
        jpeg.push(0);
    }
    // Scan of the one component; its data: DC difference 0, end of block, padded with ones.
    jpeg.extend([0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 0, 63, 0, 0x3F]);
    jpeg.extend([0xFF, 0xD9]);
    jpeg
}

fn picture(format: PictureFormat, bytes: Vec<u8>) -> Picture {
    Picture {
        format,
        bytes: Arc::from(bytes),
    }
}

/// The certificate with a logo and a signed signatory.
fn with_pictures(mut document: CertificateDocument) -> CertificateDocument {
    document.look.logo = Some(picture(PictureFormat::Png, logo_png()));
    document.signatory = Some(Signatory {
        name: "Jiří Dvořák".to_owned(),
        function: Some("Président du conseil d'administration".to_owned()),
        signature: Some(picture(PictureFormat::Jpeg, signature_jpeg())),
    });
    document
}

// ---- without poppler -------------------------------------------------------------------------

#[test]
fn a_certificate_is_a_pdf_file() {
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        let mut document = with_pictures(certificate(Language::Fr));
        document.look.orientation = orientation;
        let pdf = render(&document);
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.ends_with(b"%%EOF") || pdf.ends_with(b"%%EOF\n"));
    }
}

#[test]
fn a_logo_and_a_signature_are_embedded_as_two_images() {
    let pdf = render(&with_pictures(certificate(Language::Fr)));
    let images = pdf
        .windows(b"/Subtype /Image".len())
        .filter(|window| *window == b"/Subtype /Image")
        .count();
    // The logo, the mask that carries its transparency, and the signature.
    assert_eq!(images, 3);
    assert_eq!(
        pdf.windows(b"/SMask ".len())
            .filter(|window| *window == b"/SMask ")
            .count(),
        1
    );
    let without = render(&certificate(Language::Fr));
    assert!(
        !without
            .windows(b"/Subtype /Image".len())
            .any(|window| window == b"/Subtype /Image")
    );
}

#[test]
fn garbage_labelled_png_is_an_error_naming_the_logo() {
    let mut document = certificate(Language::Fr);
    document.look.logo = Some(picture(
        PictureFormat::Png,
        b"\x89PNG\r\n\x1a\ngarbage".to_vec(),
    ));
    let error = PdfRenderer::new().certificate_pdf(&document).unwrap_err();
    assert!(error.0.contains("logo"), "{error}");
    assert!(!error.0.contains("signature"), "{error}");
}

#[test]
fn garbage_labelled_jpeg_is_an_error_naming_the_signature() {
    let mut document = with_pictures(certificate(Language::Fr));
    if let Some(signatory) = &mut document.signatory {
        signatory.signature = Some(picture(
            PictureFormat::Jpeg,
            b"\xFF\xD8\xFFgarbage".to_vec(),
        ));
    }
    let error = PdfRenderer::new().certificate_pdf(&document).unwrap_err();
    assert!(error.0.contains("signature"), "{error}");
}

// ---- what the reader sees ----------------------------------------------------------------------

#[test]
fn a_french_certificate_shows_the_holder_numbers_holdings_and_totals_on_one_page() {
    if !pdf_tools_available("a_french_certificate_shows_…") {
        return;
    }
    let document = certificate(Language::Fr);
    let pdf = render(&document);
    assert_eq!(page_count(&pdf), 1);
    let text = text_of(&pdf);
    for expected in [
        "Certificat de coopérateur",
        "certifie que le titulaire",
        "Énergie Coopérative SC",
        "BE 0123.456.749",
        HOLDER,
        "Place Saint-Lambert 1",
        "N° de coopérateur",
        "314",
        "N° 1729",
        "15/03/2026",
        "Parts de coopérateur (A)",
        "Parts d'investisseur (B)",
        "01/06/2024",
        "20/11/2025",
        &printed_amount(document.lines[0].unit_value, Language::Fr),
        &printed_amount(document.lines[1].value, Language::Fr),
        &printed_amount(document.total_value, Language::Fr),
        "Pour le conseil d'administration",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert_eq!(
        printed_amount(document.total_value, Language::Fr),
        "11 000,00 EUR"
    );
    // The quantities: 4 and 10 on their rows, 14 in total.
    let total_line = text.lines().find(|line| line.contains("Total")).unwrap();
    assert!(total_line.contains("14"), "{total_line}");
    assert!(
        text.lines()
            .any(|line| line.contains("(A)") && line.contains(" 4 ")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|line| line.contains("(B)") && line.contains(" 10 ")),
        "{text}"
    );
}

#[test]
fn every_language_prints_its_title_dates_and_amounts() {
    if !pdf_tools_available("every_language_prints_its_title_dates_and_amounts") {
        return;
    }
    for (language, title, date, board) in [
        (
            Language::Fr,
            "Certificat de coopérateur",
            "15/03/2026",
            "Pour le conseil d'administration",
        ),
        (
            Language::Nl,
            "Aandeelhoudersattest",
            "15-03-2026",
            "Voor de raad van bestuur",
        ),
        (
            Language::En,
            "Membership certificate",
            "15 March 2026",
            "For the board",
        ),
        (
            Language::De,
            "Mitgliedschaftsbescheinigung",
            "15.03.2026",
            "Für den Vorstand",
        ),
    ] {
        let document = certificate(language);
        let text = text_of(&render(&document));
        for expected in [
            title,
            date,
            board,
            HOLDER,
            "1729",
            "314",
            &printed_amount(document.total_value, language),
            &printed_amount(document.lines[0].unit_value, language),
        ] {
            assert!(
                text.contains(expected),
                "{language}: {expected:?} missing from:\n{text}"
            );
        }
    }
}

#[test]
fn the_cooperative_s_own_title_intro_and_closing_replace_the_built_in_wording() {
    if !pdf_tools_available("the_cooperative_s_own_title_intro_and_closing_…") {
        return;
    }
    for orientation in [Orientation::Portrait, Orientation::Landscape] {
        let mut document = with_pictures(certificate(Language::En));
        document.holder_registration_number = Some("BE 0987.654.321".to_owned());
        document.look = CertificateLook {
            orientation,
            accent: Some([0x2e, 0x7d, 0x32]),
            title: Some("Share register extract".to_owned()),
            intro: Some("Sunny Roofs certifies that Anaïs Dubois-Léger holds:".to_owned()),
            closing: Some(
                "Shares are registered and may be transferred only as the \
                           articles allow."
                    .to_owned(),
            ),
            ..document.look
        };
        let pdf = render(&document);
        assert_eq!(page_count(&pdf), 1);
        let text = text_of(&pdf);
        for expected in [
            "Share register extract",
            "Sunny Roofs certifies that Anaïs Dubois-Léger holds:",
            "may be transferred only",
            "BE 0987.654.321",
            "Jiří Dvořák",
            "Président du conseil",
            "Issued on 15 March 2026",
        ] {
            assert!(
                text.contains(expected),
                "{orientation:?}: {expected:?} missing from:\n{text}"
            );
        }
        for replaced in [
            "Membership certificate",
            "register of members",
            "For the board",
        ] {
            assert!(
                !text.contains(replaced),
                "{orientation:?}: {replaced:?} printed:\n{text}"
            );
        }
    }
}

#[test]
fn holdings_past_the_last_row_are_counted_and_summed_on_one_row() {
    if !pdf_tools_available("holdings_past_the_last_row_are_counted_…") {
        return;
    }
    let mut document = certificate(Language::En);
    let line = document.lines[0].clone();
    document.lines = vec![line; 20];
    document.total_quantity = 80;
    document.total_value = Money::from_minor(2_000_000, Currency::EUR);
    let text = text_of(&render(&document));
    // Portrait draws 12 rows: 11 lines, then the other 9 summed (36 shares, 9,000.00 EUR).
    let more = text
        .lines()
        .find(|line| line.contains("… and 9 more share types"))
        .unwrap_or_else(|| panic!("no summary row in:\n{text}"));
    assert!(
        more.contains(" 36 ") && more.contains("9,000.00 EUR"),
        "{more}"
    );
    assert!(text.contains("20,000.00 EUR"), "{text}");
}

#[test]
fn the_logo_and_the_signature_are_the_page_s_two_images() {
    if !pdf_tools_available("the_logo_and_the_signature_are_the_page_s_two_images") {
        return;
    }
    let pdf = render(&with_pictures(certificate(Language::Fr)));
    let dir = tempfile::tempdir().unwrap();
    let list = poppler("pdfimages", &["-list"], &pdf, dir.path());
    // A header of two lines, then one line per image; the logo's transparency adds an
    // `smask` line for its soft mask.
    let images: Vec<&str> = list
        .lines()
        .skip(2)
        .filter(|line| line.split_whitespace().nth(2) == Some("image"))
        .collect();
    assert_eq!(images.len(), 2, "{list}");
    assert!(
        images
            .iter()
            .any(|line| line.contains(" 60 ") && line.contains(" 20 ")),
        "{list}"
    );
    assert!(images.iter().any(|line| line.contains("jpeg")), "{list}");
}

/// A logo of 60 × 20 pixels: its left half blue above and red below, its right half
/// transparent.
fn two_colour_logo_png() -> Vec<u8> {
    let logo = image::RgbaImage::from_fn(60, 20, |x, y| match (x < 30, y < 10) {
        (true, true) => image::Rgba([0, 0, 255, 255]),
        (true, false) => image::Rgba([255, 0, 0, 255]),
        (false, _) => image::Rgba([0, 0, 0, 0]),
    });
    let mut bytes = Cursor::new(Vec::new());
    logo.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[test]
fn the_logo_prints_the_right_way_up_and_its_transparent_part_shows_the_page() {
    if !pdf_tools_available(
        "the_logo_prints_the_right_way_up_and_its_transparent_part_shows_the_page",
    ) {
        return;
    }
    let mut document = certificate(Language::Fr);
    document.look.logo = Some(picture(PictureFormat::Png, two_colour_logo_png()));
    let pdf = render(&document);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "100", "-png", "-singlefile"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .status()
        .unwrap();
    assert!(status.success(), "pdftoppm failed");
    let page = image::open(dir.path().join("page.png")).unwrap().to_rgb8();
    // The letterhead's right half, above the title: only the logo is drawn there.
    let (width, height) = page.dimensions();
    let pixels_where = |wanted: fn(&image::Rgb<u8>) -> bool| -> Vec<(u32, u32)> {
        (0..height / 6)
            .flat_map(|y| (width / 2..width).map(move |x| (x, y)))
            .filter(|&(x, y)| wanted(page.get_pixel(x, y)))
            .collect()
    };
    let blue = pixels_where(|p| p[2] > 200 && p[0] < 60 && p[1] < 60);
    let red = pixels_where(|p| p[0] > 200 && p[1] < 60 && p[2] < 60);
    let dark = pixels_where(|p| p[0] < 60 && p[1] < 60 && p[2] < 60);
    assert!(!blue.is_empty() && !red.is_empty(), "the logo is not drawn");
    let mean_y = |points: &[(u32, u32)]| {
        points.iter().map(|&(_, y)| f64::from(y)).sum::<f64>() / points.len() as f64
    };
    assert!(
        mean_y(&blue) < mean_y(&red),
        "the logo is upside down: blue at {}, red at {}",
        mean_y(&blue),
        mean_y(&red)
    );
    // The transparent half is the page's white, not the black its pixels hold.
    assert!(
        dark.is_empty(),
        "{} dark pixels beside the logo",
        dark.len()
    );
    // The coloured half is as wide as the picture is high (30 × 20 pixels, 3 : 2).
    let right = blue.iter().chain(&red).map(|&(x, _)| x).max().unwrap();
    let left = blue.iter().chain(&red).map(|&(x, _)| x).min().unwrap();
    let top = blue.iter().map(|&(_, y)| y).min().unwrap();
    let bottom = red.iter().map(|&(_, y)| y).max().unwrap();
    let ratio = f64::from(right - left + 1) / f64::from(bottom - top + 1);
    assert!((1.3..1.7).contains(&ratio), "coloured part of {ratio}:1");
}
