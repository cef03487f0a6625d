//! Workload `pdf`: capital release requests rendered per second by `PdfRenderer`, next to
//! `bare_page_pdf` (one line on one page, same crate, same font, same krilla), single thread,
//! after a warm-up.

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
#[derive(Debug, Clone, Copy)]
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

/// Renders `count` times after a warm-up; the size is the last PDF's.
pub fn timed(count: usize, mut render: impl FnMut() -> Vec<u8>) -> Rendered {
    for _ in 0..WARM_UP {
        render();
    }
    let started = Instant::now();
    let mut bytes = 0;
    for _ in 0..count {
        bytes = std::hint::black_box(render()).len();
    }
    Rendered {
        count,
        elapsed: started.elapsed(),
        bytes,
    }
}

/// Renders `count` capital release requests, then `count` bare pages, on this thread.
pub fn run(count: usize) -> (Rendered, Rendered) {
    let document = document();
    let renderer = PdfRenderer::new();
    let full = timed(count, || renderer.capital_call_pdf(&document).unwrap());
    let bare = timed(count, || {
        coopshares_documents::bare_page_pdf("Appel de libération de capital 2026/0001").unwrap()
    });
    (full, bare)
}
