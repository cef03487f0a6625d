//! Workload `pdf`: capital release requests rendered per second by `PdfRenderer`, next to
//! `bare_page_pdf` (one line on one page, same PDF writer, same font), single thread,
//! after a warm-up, the two rendered in turns.

use std::time::{Duration, Instant};

use coopshares_app::clock::{Clock, SystemClock};
use coopshares_app::documents::{
    CapitalCallDocument, CooperativeIdentity, DocumentRenderer, Holder,
};
use coopshares_banking::epc::{self, CreditTransfer};
use coopshares_documents::PdfRenderer;
use coopshares_domain::capital_call;
use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::ReferenceScheme;

/// Renders before the measure: the fonts are parsed once, on first use.
const WARM_UP: usize = 20;

/// One timed run: how many PDFs, in how long, of what size.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub count: usize,
    pub elapsed: Duration,
    pub bytes: usize,
}

impl Rendered {
    pub fn per_second(&self) -> f64 {
        self.count as f64 / self.elapsed.as_secs_f64()
    }

    pub fn ms_each(&self) -> f64 {
        self.elapsed.as_secs_f64() * 1000.0 / self.count as f64
    }

    /// Renders `count` more, timed; the size is the last PDF's.
    fn add(&mut self, count: usize, render: &mut impl FnMut() -> Vec<u8>) {
        let started = Instant::now();
        for _ in 0..count {
            self.bytes = std::hint::black_box(render()).len();
        }
        self.elapsed += started.elapsed();
        self.count += count;
    }
}

/// A capital release request as a validation draws it: a person holding four shares of 250 €,
/// a cooperative with its address and enterprise number, an OGM reference and the EPC QR code.
pub fn document() -> CapitalCallDocument {
    let iban = Iban::parse("BE71 0961 2345 6769").unwrap();
    let bic = Some(Bic::parse("GKCCBEBB").unwrap());
    let reference = ReferenceScheme::Ogm.generate(1).unwrap();
    let unit_value = Money::from_minor(25_000, Currency::EUR);
    let amount = unit_value.checked_mul(4).unwrap();
    let number = "2026/0001";
    let holder = "Anaïs Dubois-Léger";
    let cooperative = "Bench Coop SC";
    let epc_payload = epc::payload(&CreditTransfer {
        beneficiary_name: cooperative,
        iban: &iban,
        bic: bic.as_ref(),
        amount,
        reference: &reference,
        information: Some(&format!("{number} {holder}")),
    })
    .unwrap();
    let today = SystemClock.today();
    CapitalCallDocument {
        language: Language::Fr,
        cooperative: CooperativeIdentity {
            name: cooperative.to_owned(),
            address_lines: vec![
                "Rue des Coopérateurs 12".to_owned(),
                "5000 Namur".to_owned(),
            ],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        holder: Holder {
            name: holder.to_owned(),
            address_lines: vec![
                "Rue de la Loi 16".to_owned(),
                "1000 Bruxelles".to_owned(),
                "BE".to_owned(),
            ],
            representative: None,
        },
        number: number.to_owned(),
        issue_date: today,
        due_date: capital_call::due_date(today, 30),
        share_type_name: "Part A".to_owned(),
        share_type_code: "A".to_owned(),
        quantity: 4,
        unit_value,
        amount,
        iban,
        bic,
        reference,
        epc_payload: Some(epc_payload),
    }
}

/// Renders `count` capital release requests and `count` bare pages, on this thread, in turns
/// (see [`compare`]).
pub fn run(count: usize) -> (Rendered, Rendered) {
    let document = document();
    let renderer = PdfRenderer::new();
    compare(
        count,
        || renderer.capital_call_pdf(&document).unwrap(),
        || coopshares_documents::bare_page_pdf("Appel de libération de capital 2026/0001").unwrap(),
    )
}

/// Renders in turns, [`ROUND`] of `full` then [`ROUND`] of `bare`, until each has rendered
/// `count` times after a warm-up; the times of each are added up. A slower stretch of a
/// shared machine then falls on both sides, and their ratio holds still from run to run.
pub fn compare(
    count: usize,
    mut full: impl FnMut() -> Vec<u8>,
    mut bare: impl FnMut() -> Vec<u8>,
) -> (Rendered, Rendered) {
    let mut full_side = Rendered::default();
    let mut bare_side = Rendered::default();
    for _ in 0..WARM_UP {
        full();
        bare();
    }
    while full_side.count < count {
        let round = ROUND.min(count - full_side.count);
        full_side.add(round, &mut full);
        bare_side.add(round, &mut bare);
    }
    (full_side, bare_side)
}

/// Renders per turn in [`compare`].
const ROUND: usize = 25;
