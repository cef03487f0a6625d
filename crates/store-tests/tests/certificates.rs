//! Step 3d and the portal's rules on both backends: a certificate for every change of
//! holdings, issued in the same transaction as the payment that caused it (or not at all), and
//! who a member account acts for on a given date.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use coopshares_app::AppError;
use coopshares_app::capital::{self, Services};
use coopshares_app::documents::{
    CapitalCallDocument, CertificateDocument, DocumentError, DocumentRenderer,
};
use coopshares_app::payments::{self, PaymentInput};
use coopshares_app::portal;
use coopshares_app::ports::{Actor, CapitalCallRecord, UserRecord};
use coopshares_app::statements;
use coopshares_documents::PdfRenderer;
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::ContactId;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::outbox::EmailKind;
use coopshares_store_tests::backends::TestStore;
use coopshares_store_tests::camt::{self, Entry};
use serde_json::json;

mod support;
use support::World;

const ACCOUNT: &str = "BE71096123456769";

async fn validated(
    world: &World,
    request: coopshares_domain::ids::SubscriptionRequestId,
) -> CapitalCallRecord {
    capital::validate(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        request,
        None,
    )
    .await
    .unwrap()
    .call
}

fn credit(call: &CapitalCallRecord, date: &str) -> Entry {
    Entry {
        cents: call.call.amount.minor(),
        date: date.to_owned(),
        structured_reference: Some(call.call.reference.as_compact().to_owned()),
        name: "A payer".to_owned(),
        ..Entry::default()
    }
}

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR)
}

async fn certificate_emails(world: &World) -> Vec<coopshares_app::ports::EmailRecord> {
    let mut tx = world.store.begin_read().await.unwrap();
    let mut all = tx.list_emails(None, 500, 0).await.unwrap();
    all.retain(|e| e.email.kind == EmailKind::Certificate);
    all.reverse();
    all
}

async fn a_certificate_follows_every_change_of_holdings_once_per_holder(test: TestStore) {
    let world = World::new(&test).await;
    // Member 1 asks twice (2 then 1 shares), member 2 once.
    let first = validated(&world, world.submit(1, 2).await).await;
    let second = validated(&world, world.submit(1, 1).await).await;
    let other = validated(&world, world.submit(2, 4).await).await;
    assert_eq!(first.call.contact, second.call.contact);
    let file = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            credit(&other, "2026-03-02"),
            credit(&first, "2026-03-01"),
            credit(&second, "2026-03-01"),
        ],
    );
    statements::import(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        file.as_bytes(),
        None,
        None,
    )
    .await
    .unwrap();

    // One certificate per holder for the whole file, numbered in payment order.
    let mut tx = world.store.begin_read().await.unwrap();
    let member = tx
        .certificates_of_contact(first.call.contact)
        .await
        .unwrap();
    let member_two = tx
        .certificates_of_contact(other.call.contact)
        .await
        .unwrap();
    assert_eq!(member.len(), 1);
    assert_eq!(member_two.len(), 1);
    assert_eq!((member[0].number, member_two[0].number), (1, 2));
    assert_eq!(member[0].total_quantity, 3);
    assert_eq!(member[0].total_value, eur(3 * 12_550));
    assert_eq!(member_two[0].total_value, eur(4 * 12_550));
    let contact = tx.get_contact(first.call.contact).await.unwrap().unwrap();
    assert_eq!(Some(member[0].member_number), contact.member_number);
    let statement: serde_json::Value = serde_json::from_str(&member[0].statement).unwrap();
    assert_eq!(
        statement,
        json!([{"share_type": "A", "quantity": 3, "unit_value": "125.50", "value": "376.50",
                "currency": "EUR", "since": "2026-03-01"}])
    );
    let stored = tx.certificate_pdf(member[0].id).await.unwrap().unwrap();
    drop(tx);
    assert!(stored.starts_with(b"%PDF-"));

    // Each certificate is emailed with the PDF exactly as stored.
    let emails = certificate_emails(&world).await;
    assert_eq!(emails.len(), 2);
    assert_eq!(emails[0].email.to, ["member1@example.be"]);
    assert_eq!(emails[0].email.attachments.len(), 1);
    assert_eq!(emails[0].email.attachments[0].content, stored);
    assert_eq!(
        emails[0].email.attachments[0].filename,
        "membership-certificate-1.pdf"
    );

    // Additional shares paid by hand: a new certificate; the first one stays as issued.
    let more = validated(&world, world.submit(1, 1).await).await;
    payments::register_payment(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        more.id,
        &PaymentInput {
            amount: "125.50".to_owned(),
            date: "2026-03-02".to_owned(),
            note: None,
        },
    )
    .await
    .unwrap();
    let mut tx = world.store.begin_read().await.unwrap();
    let member = tx
        .certificates_of_contact(first.call.contact)
        .await
        .unwrap();
    assert_eq!(member.len(), 2);
    assert_eq!((member[0].number, member[0].total_quantity), (3, 4));
    assert_eq!(
        tx.certificate_pdf(member[1].id).await.unwrap().unwrap(),
        stored
    );
    // A partial payment changes no holdings: no certificate.
    let partial = validated(&world, world.submit(2, 2).await).await;
    drop(tx);
    payments::register_payment(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        partial.id,
        &PaymentInput {
            amount: "100.00".to_owned(),
            date: "2026-03-02".to_owned(),
            note: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(certificate_emails(&world).await.len(), 3);
}

/// Draws capital release requests, and fails on certificates.
#[derive(Debug)]
struct NoCertificates;

impl DocumentRenderer for NoCertificates {
    fn capital_call_pdf(&self, document: &CapitalCallDocument) -> Result<Vec<u8>, DocumentError> {
        PdfRenderer.capital_call_pdf(document)
    }

    fn certificate_pdf(&self, _: &CertificateDocument) -> Result<Vec<u8>, DocumentError> {
        Err(DocumentError("the disk is full".to_owned()))
    }

    fn register_writer(
        &self,
        format: coopshares_app::documents::RegisterFormat,
        heading: coopshares_app::documents::RegisterHeading,
    ) -> Result<Box<dyn coopshares_app::documents::RegisterWriter>, DocumentError> {
        PdfRenderer.register_writer(format, heading)
    }
}

async fn a_certificate_that_cannot_be_drawn_undoes_the_payment_that_caused_it(test: TestStore) {
    let world = World::new(&test).await;
    let call = validated(&world, world.submit(1, 2).await).await;
    let failing = Services {
        documents: &NoCertificates,
        ..world.services()
    };
    let input = PaymentInput {
        amount: "251.00".to_owned(),
        date: "2026-03-02".to_owned(),
        note: None,
    };
    let refused = payments::register_payment(
        world.store.as_ref(),
        failing,
        &Actor::Operator,
        call.id,
        &input,
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, AppError::Unexpected(_)), "{refused:?}");
    let mut tx = world.store.begin_read().await.unwrap();
    let after = tx.get_capital_call(call.id).await.unwrap().unwrap();
    assert_eq!(after.state, CapitalCallState::Open);
    assert!(
        tx.payments_of_capital_call(call.id)
            .await
            .unwrap()
            .is_empty()
    );
    let contact = tx.get_contact(call.call.contact).await.unwrap().unwrap();
    assert_eq!(contact.member_number, None);
    assert!(
        tx.certificates_of_contact(call.call.contact)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        tx.register_movements_of_contact(call.call.contact)
            .await
            .unwrap()
            .is_empty()
    );
    drop(tx);
    assert!(certificate_emails(&world).await.is_empty());

    // With a working renderer the same payment admits the member with number 1 and
    // certificate 1: nothing was used up by the failed attempt.
    payments::register_payment(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        call.id,
        &input,
    )
    .await
    .unwrap();
    let mut tx = world.store.begin_read().await.unwrap();
    let contact = tx.get_contact(call.call.contact).await.unwrap().unwrap();
    assert_eq!(contact.member_number, Some(1));
    let certificates = tx.certificates_of_contact(call.call.contact).await.unwrap();
    assert_eq!(certificates[0].number, 1);
}

fn entity_with(
    representative_email: &str,
    first: &str,
    registration: &str,
    name: &str,
) -> serde_json::Value {
    json!({
        "applicant": {
            "kind": "entity", "name": name, "legal_form": "SRL",
            "registration_number": registration, "email": format!("info-{registration}@example.be"),
            "iban": "BE71096123456769", "language": "fr",
            "address": {"street": "Zoning Nord 7", "postal_code": "5100", "city": "Jambes", "country": "BE"},
            "representative": {"first_name": first, "last_name": "Lemaire", "email": representative_email,
                               "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"},
                               "function": "gérante"}
        },
        "share_type": "A", "quantity": 1,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
}

async fn user(world: &World, email: &str) -> UserRecord {
    let mut tx = world.store.begin_read().await.unwrap();
    tx.find_user_by_email(&coopshares_domain::email::Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
}

fn ids(holders: &[portal::HolderChoice]) -> Vec<ContactId> {
    holders.iter().map(|h| h.contact).collect()
}

async fn a_member_account_acts_for_its_person_and_the_entities_it_represents_today(
    test: TestStore,
) {
    let world = World::new(&test).await;
    let own = validated(&world, world.submit(1, 1).await).await;
    let e1 = validated(
        &world,
        world
            .submit_json(entity_with(
                "member1@example.be",
                "Zoë",
                "0403170008",
                "Boulangerie du Coin",
            ))
            .await,
    )
    .await;
    let e2 = validated(
        &world,
        world
            .submit_json(entity_with(
                "member1@example.be",
                "Zoë",
                "0202239060",
                "Ferme des Saules",
            ))
            .await,
    )
    .await;
    let q = validated(
        &world,
        world
            .submit_json(entity_with(
                "quentin@example.be",
                "Quentin",
                "0403170008",
                "Boulangerie du Coin",
            ))
            .await,
    )
    .await;
    assert_eq!(q.call.contact, e1.call.contact);
    let p = user(&world, "member1@example.be").await;
    assert_eq!(p.contact, Some(own.call.contact), "one person, one login");
    let holders = portal::holders(world.store.as_ref(), &world.clock, &p)
        .await
        .unwrap();
    assert_eq!(
        ids(&holders),
        [own.call.contact, e1.call.contact, e2.call.contact],
        "own person first, then the entities by name"
    );
    assert!(holders[0].own && !holders[1].own);
    assert_eq!(holders[1].role.as_deref(), Some("gérante"));
    let quentin = user(&world, "quentin@example.be").await;
    let seen = portal::holders(world.store.as_ref(), &world.clock, &quentin)
        .await
        .unwrap();
    assert_eq!(ids(&seen)[1..], [e1.call.contact]);
    let refused = portal::view(
        world.store.as_ref(),
        &world.clock,
        &quentin,
        e2.call.contact,
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, AppError::NotFound { .. }), "{refused:?}");
    let refused = portal::call(
        world.store.as_ref(),
        &world.clock,
        &quentin,
        e1.call.contact,
        e2.id,
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, AppError::NotFound { .. }),
        "another holder's call"
    );

    // Ending the representation from tomorrow keeps it today, not after.
    let link = {
        let mut tx = world.store.begin_read().await.unwrap();
        tx.representatives_of_entity(e2.call.contact).await.unwrap()[0].id
    };
    let refused = portal::end_representation(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        link,
        "2020-01-01",
    )
    .await
    .unwrap_err();
    assert!(
        matches!(refused, AppError::Validation(_)),
        "before it started"
    );
    portal::end_representation(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        link,
        "2026-03-03",
    )
    .await
    .unwrap();
    let today = portal::holders(world.store.as_ref(), &world.clock, &p)
        .await
        .unwrap();
    assert_eq!(today.len(), 3);
    let tomorrow =
        coopshares_app::clock::FixedClock::new(time::macros::datetime!(2026-03-03 08:00:00 UTC));
    let later = portal::holders(world.store.as_ref(), &tomorrow, &p)
        .await
        .unwrap();
    assert_eq!(ids(&later), [own.call.contact, e1.call.contact]);
    let again = portal::end_representation(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        link,
        "2026-03-04",
    )
    .await
    .unwrap_err();
    assert!(matches!(
        again,
        AppError::Conflict {
            code: "representation_ended",
            ..
        }
    ));
}

/// An import admitting more holders than it certifies in its own transaction notes their
/// certificates as owed; `issue_due` then issues each exactly once, numbered without a gap,
/// each emailed, a holder paid twice in the file certified once for both.
async fn a_large_import_leaves_certificates_owed_and_each_is_issued_once_after(test: TestStore) {
    let world = World::new(&test).await;
    let holders = u32::try_from(statements::CERTIFICATES_IN_IMPORT).unwrap() + 1;
    let mut calls = Vec::new();
    for n in 1..=holders {
        calls.push(world.called(n, 1).await);
    }
    // Member 1 also bought 2 more shares.
    calls.push(world.called(1, 2).await);
    let entries: Vec<Entry> = calls.iter().map(|c| credit(c, "2026-03-02")).collect();
    let file = camt::statement(ACCOUNT, 0, None, &entries);
    let outcome = world.import(&file).await.unwrap();
    assert_eq!(outcome.statement.matched, i64::from(holders) + 1);
    assert_eq!(outcome.certificates_owed, usize::try_from(holders).unwrap());

    // Admitted, numbered, in the register; no certificate drawn yet, but every one owed.
    let first = calls[0].call.contact;
    let mut tx = world.store.begin_read().await.unwrap();
    assert!(tx.certificates_of_contact(first).await.unwrap().is_empty());
    assert!(
        tx.get_contact(first)
            .await
            .unwrap()
            .unwrap()
            .member_number
            .is_some()
    );
    drop(tx);
    assert!(certificate_emails(&world).await.is_empty());
    assert_eq!(
        coopshares_app::certificates::due_count(world.store.as_ref(), 1_000)
            .await
            .unwrap(),
        usize::try_from(holders).unwrap()
    );

    // Issued a part at a time, then the rest; nothing more after.
    let issue = |limit| {
        coopshares_app::certificates::issue_due(world.store.as_ref(), world.services(), limit)
    };
    assert_eq!(issue(30).await.unwrap(), 30);
    assert_eq!(
        issue(1_000).await.unwrap(),
        usize::try_from(holders).unwrap() - 30
    );
    assert_eq!(issue(1_000).await.unwrap(), 0);
    assert_eq!(
        coopshares_app::certificates::due_count(world.store.as_ref(), 1_000)
            .await
            .unwrap(),
        0
    );

    let mut numbers = Vec::new();
    let mut tx = world.store.begin_read().await.unwrap();
    for call in &calls[..usize::try_from(holders).unwrap()] {
        let issued = tx.certificates_of_contact(call.call.contact).await.unwrap();
        assert_eq!(
            issued.len(),
            1,
            "one certificate for holder {}",
            call.call.contact
        );
        numbers.push(issued[0].number);
    }
    let member_one = tx.certificates_of_contact(first).await.unwrap();
    assert_eq!(member_one[0].total_quantity, 3);
    assert_eq!(member_one[0].total_value, eur(3 * 12_550));
    drop(tx);
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=holders).collect::<Vec<_>>());
    assert_eq!(
        certificate_emails(&world).await.len(),
        usize::try_from(holders).unwrap()
    );
}

coopshares_store_tests::on_both_backends!(
    a_certificate_follows_every_change_of_holdings_once_per_holder,
    a_certificate_that_cannot_be_drawn_undoes_the_payment_that_caused_it,
    a_member_account_acts_for_its_person_and_the_entities_it_represents_today,
    a_large_import_leaves_certificates_owed_and_each_is_issued_once_after,
);
