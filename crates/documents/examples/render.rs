//! Times the rendering of one capital release request next to a bare one-line page made with
//! the same crate and font, and prints the figures (never asserted: timings vary by machine).
//!
//! ```sh
//! cargo run --release -p coopshares-documents --example render            # figures only
//! cargo run --release -p coopshares-documents --example render -- out.pdf # and keep the PDF
//! ```

use std::time::{Duration, Instant};

use coopshares_app::documents::{
    CapitalCallDocument, CooperativeIdentity, DocumentError, DocumentRenderer, Holder,
};
use coopshares_banking::epc::{self, CreditTransfer};
use coopshares_documents::{PdfRenderer, bare_page_pdf};
use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::PaymentReference;
use time::macros::date;

const RUNS: u32 = 200;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let document = sample()?;
    let renderer = PdfRenderer::new();

    // The first render of a process also parses the embedded fonts.
    let started = Instant::now();
    let pdf = renderer.capital_call_pdf(&document)?;
    let first = started.elapsed();
    if let Some(path) = std::env::args().nth(1) {
        std::fs::write(&path, &pdf)?;
        println!("wrote {path}");
    }

    let bare = bare_page_pdf("Coopshares")?;
    let call_times = measure(|| renderer.capital_call_pdf(&document))?;
    let bare_times = measure(|| bare_page_pdf("Coopshares"))?;

    println!("first capital call render (fonts parsed): {}", ms(first));
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>9}",
        "workload", "median", "p95", "min", "bytes"
    );
    for (name, times, size) in [
        ("capital release request", &call_times, pdf.len()),
        ("bare page (one line)", &bare_times, bare.len()),
    ] {
        println!(
            "{:<28} {:>10} {:>10} {:>10} {:>9}",
            name,
            ms(percentile(times, 50)),
            ms(percentile(times, 95)),
            ms(percentile(times, 0)),
            size
        );
    }
    Ok(())
}

/// `RUNS` timings of `render`, sorted.
fn measure(
    mut render: impl FnMut() -> Result<Vec<u8>, DocumentError>,
) -> Result<Vec<Duration>, DocumentError> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        std::hint::black_box(render()?);
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times)
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let index = (sorted.len().saturating_sub(1) * percent) / 100;
    sorted.get(index).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}

fn sample() -> Result<CapitalCallDocument, Box<dyn std::error::Error>> {
    let iban = Iban::parse("BE71 0961 2345 6769")?;
    let bic = Bic::parse("GKCCBEBB")?;
    let reference = PaymentReference::parse("+++090/9337/55493+++")?;
    let amount = Money::from_minor(125_000, Currency::EUR);
    let cooperative = "Énergie Coopérative SC";
    let payload = epc::payload(&CreditTransfer {
        beneficiary_name: cooperative,
        iban: &iban,
        bic: Some(&bic),
        amount,
        reference: &reference,
        information: Some("Demande de libération 2026/0001"),
    })?;
    Ok(CapitalCallDocument {
        language: Language::Fr,
        cooperative: CooperativeIdentity {
            name: cooperative.to_owned(),
            address_lines: vec![
                "Rue de la Loi 16".to_owned(),
                "1000 Bruxelles".to_owned(),
                "Belgique".to_owned(),
            ],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        holder: Holder {
            name: "Émilie Léonard-Ørsted".to_owned(),
            address_lines: vec!["Avenue des Dvořák 7".to_owned(), "4000 Liège".to_owned()],
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
        epc_payload: Some(payload),
    })
}
