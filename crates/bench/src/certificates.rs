//! Workload `certificates`: membership certificates rendered per second by `PdfRenderer`,
//! next to `bare_page_pdf` (one line on one page, same PDF writer, same font), single
//! thread, after a warm-up, the two rendered in turns.

use std::time::Duration;

use coopshares_app::clock::{Clock, SystemClock};
use coopshares_app::documents::{
    CertificateDocument, CertificateDocumentLine, CertificateLook, CooperativeIdentity,
    DocumentRenderer, Holder, Signatory,
};
use coopshares_documents::PdfRenderer;
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};

use crate::pdf::Rendered;

/// A certificate as the application issues one: a person holding 4 shares A of 250 € and 10
/// shares B of 1,000 €, a cooperative with its address and enterprise number, a named
/// signatory, the built-in wording and look (no pictures).
pub fn document() -> CertificateDocument {
    let today = SystemClock.today();
    let line = |name: &str, code: &str, quantity: u32, unit_minor: i64, days_ago: u64| {
        let unit_value = Money::from_minor(unit_minor, Currency::EUR);
        CertificateDocumentLine {
            share_type_name: name.to_owned(),
            share_type_code: code.to_owned(),
            quantity: u64::from(quantity),
            unit_value,
            value: unit_value.checked_mul(quantity).unwrap(),
            since: today - Duration::from_secs(days_ago * 86_400),
        }
    };
    let lines = vec![
        line("Part A", "A", 4, 25_000, 400),
        line("Part B", "B", 10, 100_000, 30),
    ];
    let total_value =
        Money::checked_sum(Currency::EUR, lines.iter().map(|line| line.value)).unwrap();
    CertificateDocument {
        language: Language::Fr,
        cooperative: CooperativeIdentity {
            name: "Bench Coop SC".to_owned(),
            address_lines: vec![
                "Rue des Coopérateurs 12".to_owned(),
                "5000 Namur".to_owned(),
            ],
            registration_number: Some("BE 0123.456.749".to_owned()),
        },
        holder: Holder {
            name: "Anaïs Dubois-Léger".to_owned(),
            address_lines: vec![
                "Rue de la Loi 16".to_owned(),
                "1000 Bruxelles".to_owned(),
                "BE".to_owned(),
            ],
            representative: None,
        },
        holder_registration_number: None,
        number: 1,
        member_number: 1,
        date: today,
        total_quantity: lines.iter().map(|line| line.quantity).sum(),
        total_value,
        lines,
        signatory: Some(Signatory {
            name: "Jean Dupont".to_owned(),
            function: Some("Président du conseil d'administration".to_owned()),
            signature: None,
        }),
        look: CertificateLook::default(),
    }
}

/// Renders `count` certificates and `count` bare pages, on this thread, in turns (see
/// [`crate::pdf::compare`]).
pub fn run(count: usize) -> (Rendered, Rendered) {
    let document = document();
    let renderer = PdfRenderer::new();
    crate::pdf::compare(
        count,
        || renderer.certificate_pdf(&document).unwrap(),
        || coopshares_documents::bare_page_pdf("Certificat de coopérateur 1").unwrap(),
    )
}

/// Issues `count` certificates through `app::certificates::issue` on `backend` (render, store
/// the PDF with its number, audit, queue the email with the attachment, one transaction each)
/// for a cooperator admitted beforehand; returns the timing and the last PDF's size.
pub async fn issue_on(backend: &crate::Backend, count: usize) -> Rendered {
    use coopshares_app::capital::{self, Services};
    use coopshares_app::intake;
    use coopshares_app::payments::{self, PaymentInput};
    use coopshares_app::ports::Actor;
    use coopshares_app::settings::{self, SettingsPatch};
    use coopshares_domain::application::ApplicationInput;
    use coopshares_domain::subscription::Channel;

    let store = crate::open_store(backend, "certificates").await;
    let clock = SystemClock;
    let mailer = crate::validation::mailer();
    let services = Services {
        mailer: &mailer,
        documents: &PdfRenderer,
        clock: &clock,
    };
    let patch: SettingsPatch = serde_json::from_str(
        r#"{"name":"Bench Coop SC","iban":"BE71 0961 2345 6769",
            "address":{"street":"Rue des Coopérateurs 12","postal_code":"5000","city":"Namur","country":"BE"}}"#,
    )
    .unwrap();
    settings::update(store.as_ref(), &clock, &Actor::Operator, &patch, None)
        .await
        .unwrap();
    crate::create_share_type_a(store.as_ref(), &clock).await;
    let input: ApplicationInput = serde_json::from_value(serde_json::json!({
        "applicant": {
            "kind": "person", "first_name": "Anaïs", "last_name": "Dubois-Léger",
            "email": "anais@example.be", "birth_date": "1985-04-23", "language": "fr",
            "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        },
        "share_type": "A", "quantity": 4,
        "consents": ["data_policy", "statutes", "financial_risk"]
    }))
    .unwrap();
    let request = intake::submit(
        store.as_ref(),
        &mailer,
        &clock,
        &intake::Submission::new(&Actor::Operator, Channel::Api, &input, Language::Fr),
        None,
    )
    .await
    .unwrap()
    .request
    .id;
    let call = capital::validate(store.as_ref(), services, &Actor::Operator, request, None)
        .await
        .unwrap()
        .call;
    payments::register_payment(
        store.as_ref(),
        services,
        &Actor::Operator,
        call.id,
        &PaymentInput {
            amount: call.call.amount.to_string(),
            date: clock.today().to_string(),
            note: None,
        },
    )
    .await
    .unwrap();
    let holder = call.call.contact;
    let issue = || async {
        coopshares_app::certificates::issue(store.as_ref(), services, &Actor::Operator, holder)
            .await
            .unwrap()
    };
    for _ in 0..20 {
        issue().await;
    }
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..count {
        bytes = usize::try_from(issue().await.size_bytes).unwrap_or(usize::MAX);
    }
    Rendered {
        count,
        elapsed: started.elapsed(),
        bytes,
    }
}
