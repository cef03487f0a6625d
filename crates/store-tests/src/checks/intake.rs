//! Share types, contacts, representations and subscription requests.

use coopshares_app::ports::{NewRequest, RequestFilter, RequestSummary, StoreError, StoreTx};
use coopshares_domain::address::Address;
use coopshares_domain::contact::{ContactDetails, ContactKind, Entity, Person};
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::iban::Iban;
use coopshares_domain::ids::{ContactId, ShareTypeId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::national_id::NationalId;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::registration::RegistrationNumber;
use coopshares_domain::share_type::{LocalizedNames, ShareType, ShareTypeCode, ShareTypeSpec};
use coopshares_domain::subscription::{Channel, RequestState};
use coopshares_domain::text::{Name, Phone, PostalCode};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use crate::backends::{RawConnection, TestStore};
use crate::checks::{race, single_winner};

const T0: OffsetDateTime = datetime!(2026-04-01 09:15:00.250000 UTC);

fn name(text: &str) -> Name {
    Name::parse(text).unwrap()
}

fn email(text: &str) -> Email {
    Email::parse(text).unwrap()
}

pub(crate) fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR)
}

fn spec(code: &str) -> ShareTypeSpec {
    ShareTypeSpec {
        code: ShareTypeCode::parse(code).unwrap(),
        names: LocalizedNames {
            fr: Some(name("Part coopérateur")),
            nl: Some(name("Aandeel coöperant")),
            en: Some(name("Member share")),
            de: Some(name("Genossenschaftsanteil")),
        },
        nominal_value: eur(25_000),
        for_persons: true,
        for_entities: true,
        min_quantity: ShareQuantity::new(1).unwrap(),
        max_quantity: Some(ShareQuantity::new(40).unwrap()),
        on_public_form: true,
        retired: false,
    }
}

pub(crate) fn share_type(code: &str) -> ShareType {
    ShareType::new(spec(code)).unwrap()
}

fn address(country: Country) -> Address {
    Address {
        street: name("Rue de l'Église 12 bte 3"),
        postal_code: PostalCode::parse("4000").unwrap(),
        city: name("Liège"),
        country,
    }
}

pub(crate) fn person(first: &str, last: &str, mail: &str) -> Person {
    Person {
        first_name: name(first),
        last_name: name(last),
        birth_date: Some(date!(1988 - 02 - 29)),
        email: email(mail),
        phone: Some(Phone::parse("+32 475 12.34.56").unwrap()),
        address: address(Country::BE),
        language: Language::Fr,
        iban: Some(Iban::parse("BE71 0961 2345 6769").unwrap()),
        national_id: None,
    }
}

/// A person with only what is required: no birth date, phone or IBAN.
fn bare_person(first: &str, last: &str, mail: &str) -> Person {
    Person {
        birth_date: None,
        phone: None,
        iban: None,
        language: Language::Nl,
        ..person(first, last, mail)
    }
}

pub(crate) fn entity(entity_name: &str, country: Country, number: &str, mail: &str) -> Entity {
    Entity {
        name: name(entity_name),
        legal_form: name("SC"),
        registration_number: RegistrationNumber::parse(country, number).unwrap(),
        email: email(mail),
        address: address(country),
        language: Language::De,
        iban: Some(Iban::parse("DE89370400440532013000").unwrap()),
    }
}

pub(crate) fn request(
    contact: ContactId,
    share_type: ShareTypeId,
    quantity: u32,
    created_at: OffsetDateTime,
) -> NewRequest {
    NewRequest {
        channel: Channel::OnlineForm,
        contact,
        representative: None,
        share_type,
        quantity: ShareQuantity::new(quantity).unwrap(),
        amount: eur(25_000).checked_mul(quantity).unwrap(),
        language: Language::Fr,
        submitted: r#"{"kind":"person"}"#.to_owned(),
        consents: r#"[{"text":"statutes","version":"2026-01"}]"#.to_owned(),
        idempotency_key: None,
        created_at,
    }
}

pub(crate) async fn insert_person(tx: &mut dyn StoreTx, person: Person) -> ContactId {
    tx.insert_contact(&ContactDetails::Person(person), T0)
        .await
        .unwrap()
}

pub(crate) async fn insert_entity(tx: &mut dyn StoreTx, entity: Entity) -> ContactId {
    tx.insert_contact(&ContactDetails::Entity(entity), T0)
        .await
        .unwrap()
}

fn ids(rows: &[RequestSummary]) -> Vec<SubscriptionRequestId> {
    rows.iter().map(|row| row.id).collect()
}

pub async fn a_share_type_round_trips_whole_and_its_code_is_unique(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let bare = ShareType::new(ShareTypeSpec {
        names: LocalizedNames {
            nl: Some(name("Steunaandeel")),
            ..LocalizedNames::default()
        },
        nominal_value: Money::from_minor(5_000, Currency::parse("CHF").unwrap()),
        for_entities: false,
        min_quantity: ShareQuantity::new(2).unwrap(),
        max_quantity: None,
        on_public_form: false,
        retired: true,
        ..spec("SUPPORT_2026")
    })
    .unwrap();
    let bare_id = tx.insert_share_type(&bare, T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_share_type(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.share_type, share_type("A"));
    assert_eq!((stored.subscribed, stored.version), (false, 1));
    let stored = tx.get_share_type(bare_id).await.unwrap().unwrap();
    assert_eq!(stored.share_type, bare);
    assert!(
        tx.get_share_type(ShareTypeId::new(999))
            .await
            .unwrap()
            .is_none()
    );
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let again = tx.insert_share_type(&share_type("a"), T0).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
}

pub async fn share_types_are_listed_by_code_and_found_by_code_in_any_case(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let b = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    let a = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let a2 = tx.insert_share_type(&share_type("A2"), T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let listed = tx.list_share_types().await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|r| (r.id, r.share_type.code().as_str()))
            .collect::<Vec<_>>(),
        [(a, "A"), (a2, "A2"), (b, "B")]
    );
    let found = tx.find_share_type_by_code("a2").await.unwrap().unwrap();
    assert_eq!((found.id, found.share_type), (a2, share_type("A2")));
    assert!(tx.find_share_type_by_code("C").await.unwrap().is_none());
    assert!(
        tx.find_share_type_by_code("not a code!")
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn a_subscribed_share_type_cannot_be_repriced_but_can_be_retired(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let subscribed = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let fresh = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    // Created after B and subscribed: B, between two subscribed share types, is still not.
    let later = tx.insert_share_type(&share_type("C"), T0).await.unwrap();
    let holder = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    for id in [subscribed, later] {
        tx.insert_request(&request(holder, id, 4, T0))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let listed = tx.list_share_types().await.unwrap();
    assert_eq!(
        listed.iter().map(|r| r.subscribed).collect::<Vec<_>>(),
        [true, false, true]
    );
    for (id, subscribed) in [(subscribed, true), (fresh, false), (later, true)] {
        assert_eq!(
            tx.get_share_type(id).await.unwrap().map(|r| r.subscribed),
            Some(subscribed)
        );
    }
    let repriced = ShareType::new(ShareTypeSpec {
        nominal_value: eur(30_000),
        ..spec("A")
    })
    .unwrap();
    let result = tx.update_share_type(subscribed, &repriced, 1, T0).await;
    assert!(
        matches!(result, Err(StoreError::Conflict { .. })),
        "{result:?}"
    );
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let other_currency = ShareType::new(ShareTypeSpec {
        nominal_value: Money::from_minor(25_000, Currency::parse("CHF").unwrap()),
        ..spec("A")
    })
    .unwrap();
    let result = tx
        .update_share_type(subscribed, &other_currency, 1, T0)
        .await;
    assert!(
        matches!(result, Err(StoreError::Conflict { .. })),
        "{result:?}"
    );
    drop(tx);

    let retired = ShareType::new(ShareTypeSpec {
        retired: true,
        on_public_form: false,
        names: LocalizedNames {
            en: Some(name("Founder share (closed)")),
            ..LocalizedNames::default()
        },
        max_quantity: None,
        ..spec("A")
    })
    .unwrap();
    let t1 = T0 + Duration::days(1);
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.update_share_type(subscribed, &retired, 1, t1)
            .await
            .unwrap(),
        2
    );
    let b_repriced = ShareType::new(ShareTypeSpec {
        nominal_value: eur(10_000),
        ..spec("B")
    })
    .unwrap();
    assert_eq!(
        tx.update_share_type(fresh, &b_repriced, 1, t1)
            .await
            .unwrap(),
        2
    );
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_share_type(subscribed).await.unwrap().unwrap();
    assert_eq!(
        (stored.share_type, stored.subscribed, stored.version),
        (retired, true, 2)
    );
    let stored = tx.get_share_type(fresh).await.unwrap().unwrap();
    assert_eq!(stored.share_type.nominal_value(), eur(10_000));
}

pub async fn a_share_type_update_from_a_stale_version_or_to_a_new_code_is_refused(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let renamed = ShareType::new(ShareTypeSpec {
        names: LocalizedNames {
            fr: Some(name("Part A")),
            ..LocalizedNames::default()
        },
        ..spec("A")
    })
    .unwrap();
    assert_eq!(tx.update_share_type(id, &renamed, 1, T0).await.unwrap(), 2);
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let stale = tx.update_share_type(id, &share_type("A"), 1, T0).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let recoded = tx.update_share_type(id, &share_type("A_NEW"), 2, T0).await;
    assert!(
        matches!(recoded, Err(StoreError::Conflict { .. })),
        "{recoded:?}"
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .update_share_type(ShareTypeId::new(999), &share_type("Z"), 1, T0)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_share_type(id).await.unwrap().unwrap();
    assert_eq!((stored.share_type, stored.version), (renamed, 2));
}

pub async fn a_person_and_entities_of_every_registration_kind_round_trip_exactly(t: &TestStore) {
    let details = [
        ContactDetails::Person(person("Élise", "Van den Bröck-Ñúñez", "elise@exämple.be")),
        ContactDetails::Person(bare_person("Jan", "Peeters", "jan@example.be")),
        ContactDetails::Entity(entity(
            "Énergie Citoyenne",
            Country::BE,
            "BE 0123.456.749",
            "info@energie.example",
        )),
        ContactDetails::Entity(Entity {
            iban: Some(Iban::parse("FR14 2004 1010 0505 0001 3M02 606").unwrap()),
            ..entity(
                "Soleil & Vent",
                Country::FR,
                "732 829 320",
                "contact@soleil.example",
            )
        }),
        ContactDetails::Entity(Entity {
            iban: None,
            ..entity(
                "Bürgerwerke",
                Country::DE,
                "HRB 12345",
                "info@buerger.example",
            )
        }),
    ];
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for contact in &details {
        ids.push(tx.insert_contact(contact, T0).await.unwrap());
    }
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, contact) in ids.iter().zip(&details) {
        let stored = tx.get_contact(*id).await.unwrap().unwrap();
        assert_eq!(&stored.details, contact);
        assert_eq!(stored.id, *id);
        assert_eq!(stored.membership, MembershipStatus::None);
        assert_eq!((stored.member_number, stored.member_since), (None, None));
        assert_eq!((stored.created_at, stored.version), (T0, 1));
    }
    let ContactDetails::Entity(french) = tx.get_contact(ids[3]).await.unwrap().unwrap().details
    else {
        panic!("an entity comes back as an entity");
    };
    assert!(matches!(
        french.registration_number,
        RegistrationNumber::FrenchSiren(_)
    ));
    assert_eq!(french.registration_number.as_compact(), "732829320");
    assert!(tx.get_contact(ContactId::new(999)).await.unwrap().is_none());
}

pub async fn persons_are_found_by_email_and_entities_by_registration_number(t: &TestStore) {
    let shared = "family@example.org";
    let mut tx = t.store.begin().await.unwrap();
    let first = insert_person(&mut *tx, person("Ann", "Peeters", shared)).await;
    let company = insert_entity(
        &mut *tx,
        entity("Peeters Bakkerij", Country::BE, "0403.170.701", shared),
    )
    .await;
    let second = tx
        .insert_contact(
            &ContactDetails::Person(bare_person("Bart", "Peeters", shared)),
            T0 + Duration::seconds(1),
        )
        .await
        .unwrap();
    insert_person(&mut *tx, person("Other", "Person", "other@example.org")).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let persons = tx.find_persons_by_email(&email(shared)).await.unwrap();
    assert_eq!(
        persons.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first, second],
        "both persons, oldest first, never the entity"
    );
    let contacts = tx.find_contacts_by_email(&email(shared)).await.unwrap();
    assert_eq!(
        contacts.iter().map(|c| c.id).collect::<Vec<_>>(),
        [first, company, second]
    );
    assert!(
        tx.find_persons_by_email(&email("nobody@example.org"))
            .await
            .unwrap()
            .is_empty()
    );

    let typed_differently = RegistrationNumber::parse(Country::BE, "BE403170701").unwrap();
    let found = tx
        .find_entity_by_registration(&typed_differently)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, company);
    assert_eq!(found.details.kind(), ContactKind::Entity);
    let elsewhere = RegistrationNumber::parse(Country::DE, "0403170701").unwrap();
    assert!(
        tx.find_entity_by_registration(&elsewhere)
            .await
            .unwrap()
            .is_none(),
        "the same digits under another scheme are another number"
    );
}

pub async fn an_entity_is_recorded_once_but_persons_may_share_an_email(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    insert_entity(
        &mut *tx,
        entity(
            "Énergie Citoyenne",
            Country::BE,
            "0123456749",
            "a@example.org",
        ),
    )
    .await;
    insert_person(&mut *tx, person("Ann", "Peeters", "same@example.org")).await;
    insert_person(&mut *tx, person("Ann", "Peeters", "same@example.org")).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .insert_contact(
            &ContactDetails::Entity(entity(
                "Energie Citoyenne bis",
                Country::BE,
                "0123.456.749",
                "b@example.org",
            )),
            T0,
        )
        .await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
}

/// PostgreSQL after the upkeep: no contact left queued, and the `expected` contacts whose email
/// starts with `email_prefix` in the search table with their present name and email.
async fn assert_indexed_as_they_are(raw: &mut RawConnection, email_prefix: &str, expected: i64) {
    assert_eq!(
        raw.integer("SELECT count(*) FROM contact_search_queue")
            .await,
        0,
        "contacts left queued after the upkeep"
    );
    assert_eq!(
        raw.integer(&format!(
            "SELECT count(*) FROM contact_search s JOIN contacts c ON c.id = s.contact_id \
             WHERE s.search_name = c.search_name AND s.email = c.email \
             AND c.email LIKE '{email_prefix}%'"
        ))
        .await,
        expected,
        "contacts in the search table as they are"
    );
}

/// New contacts are found before the server's upkeep (`Store::tidy`) and after it. On
/// PostgreSQL the upkeep is what indexes them (migration 0015): afterwards none is left queued,
/// every one is in the search table, and once an upkeep finds nothing new to index, nothing
/// is left in its indexes' pending lists.
pub async fn tidying_keeps_contacts_found_and_merges_the_search_indexes(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for n in 0..40 {
        let email = format!("tidy{n}@example.org");
        ids.push(insert_person(&mut *tx, bare_person("Tidy", &format!("Member{n}"), &email)).await);
    }
    tx.commit().await.unwrap();

    for tidied in [false, true] {
        if tidied {
            t.store.tidy().await.unwrap();
        }
        let mut tx = t.store.begin_read().await.unwrap();
        let found = tx.search_contacts("tidy", 100, 0).await.unwrap();
        let mut found: Vec<ContactId> = found.iter().map(|c| c.id).collect();
        found.sort();
        assert_eq!(found, ids, "upkeep done: {tidied}");
        let found = tx.search_contacts("member17", 10, 0).await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            [ids[17]],
            "upkeep done: {tidied}"
        );
        let found = tx.search_contacts("tidy17@", 10, 0).await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            [ids[17]],
            "upkeep done: {tidied}"
        );
    }

    let mut raw = t.raw().await;
    if raw.is_postgres() {
        assert_indexed_as_they_are(&mut raw, "tidy", 40).await;
        let indexes = "FROM (VALUES (to_regclass('contact_search_name_trgm')), \
                       (to_regclass('contact_search_email_trgm'))) AS indexes (index) \
                       WHERE index IS NOT NULL";
        assert_eq!(
            raw.integer(&format!("SELECT count(*) {indexes}")).await,
            2,
            "this PostgreSQL has the trigram indexes (pg_trgm)"
        );
        // The upkeep that indexed the contacts left their entries pending; the next one,
        // with nothing new to index, merges them.
        t.store.tidy().await.unwrap();
        let left = raw
            .integer(&format!(
                "SELECT coalesce(sum(gin_clean_pending_list(index)), 0)::bigint {indexes}"
            ))
            .await;
        assert_eq!(left, 0, "pending-list pages left after a quiet upkeep");
    }
    raw.close().await;
}

/// Two servers' upkeeps running at once while contacts are written and renamed leave every
/// contact found under what it now holds, at every moment and after a last upkeep. On
/// PostgreSQL none is left queued and the search table holds each contact once, as it is.
pub async fn two_upkeeps_at_once_while_contacts_are_written_miss_none(t: &TestStore) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let done = Arc::new(AtomicBool::new(false));
    let upkeeps: Vec<_> = (0..2)
        .map(|_| {
            let store = t.store.clone();
            let done = done.clone();
            tokio::spawn(async move {
                while !done.load(Ordering::SeqCst) {
                    store.tidy().await.unwrap();
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();

    let mut ids = Vec::new();
    for batch in 0..10 {
        let mut tx = t.store.begin().await.unwrap();
        for n in 0..10 {
            let k = batch * 10 + n;
            let person = bare_person(
                "Upkeep",
                &format!("Racer{k}"),
                &format!("racer{k}@example.org"),
            );
            ids.push(insert_person(&mut *tx, person).await);
        }
        tx.commit().await.unwrap();
        // Found as soon as committed, whatever the upkeeps have done so far.
        let mut tx = t.store.begin_read().await.unwrap();
        let found = tx.search_contacts("racer", 200, 0).await.unwrap();
        assert_eq!(found.len(), ids.len(), "after batch {batch}");
    }
    let renamed: Vec<ContactId> = ids.iter().copied().step_by(10).collect();
    for (k, id) in renamed.iter().enumerate() {
        let mut tx = t.store.begin().await.unwrap();
        let contact = tx.get_contact(*id).await.unwrap().unwrap();
        let ContactDetails::Person(mut person) = contact.details else {
            panic!("a person");
        };
        person.last_name = name(&format!("Renamed{k}"));
        tx.update_contact_details(*id, contact.version, &ContactDetails::Person(person), T0)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    for upkeep in upkeeps {
        upkeep.await.unwrap();
    }

    for tidied in [false, true] {
        if tidied {
            t.store.tidy().await.unwrap();
        }
        let mut tx = t.store.begin_read().await.unwrap();
        let found = |summaries: Vec<coopshares_app::ports::ContactSummary>| {
            let mut found: Vec<ContactId> = summaries.iter().map(|c| c.id).collect();
            found.sort();
            found
        };
        let kept: Vec<ContactId> = ids
            .iter()
            .copied()
            .filter(|id| !renamed.contains(id))
            .collect();
        assert_eq!(
            found(tx.search_contacts("upkeep racer", 200, 0).await.unwrap()),
            kept,
            "upkeep done: {tidied}"
        );
        assert_eq!(
            found(tx.search_contacts("upkeep renamed", 200, 0).await.unwrap()),
            renamed,
            "upkeep done: {tidied}"
        );
        assert_eq!(
            tx.search_contacts("racer", 200, 0).await.unwrap().len(),
            ids.len(),
            "every email, upkeep done: {tidied}"
        );
    }

    let mut raw = t.raw().await;
    if raw.is_postgres() {
        assert_indexed_as_they_are(&mut raw, "racer", 100).await;
    }
    raw.close().await;
}

pub async fn search_finds_contacts_by_part_of_a_name_or_email_whatever_the_case(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let elise = insert_person(&mut *tx, person("Élise", "Dupont", "elise@example.org")).await;
    let jan = insert_person(&mut *tx, bare_person("Jan", "Peeters", "jan100@example.be")).await;
    let marco = insert_person(&mut *tx, bare_person("Marco", "Conti", "marco@example.be")).await;
    let energie = insert_entity(
        &mut *tx,
        entity(
            "Énergie Citoyenne",
            Country::BE,
            "0123456749",
            "info@energie.example",
        ),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (text, expected) in [
        ("dupont", vec![elise]),
        ("ÉLISE", vec![elise]),
        ("élise dup", vec![elise]),
        ("PEETERS", vec![jan]),
        ("énergie", vec![energie]),
        ("citoyenne sc", vec![energie]),
        ("@EXAMPLE.BE", vec![jan, marco]),
        ("  marco ", vec![marco]),
        ("nobody", vec![]),
    ] {
        let found = tx.search_contacts(text, 10, 0).await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            expected,
            "searching {text:?}"
        );
    }
    let page = tx.search_contacts("example.be", 1, 1).await.unwrap();
    assert_eq!(page.iter().map(|c| c.id).collect::<Vec<_>>(), [marco]);

    let found = tx.search_contacts("Citoyenne", 10, 0).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].kind, ContactKind::Entity);
    assert_eq!(found[0].display_name, "Énergie Citoyenne SC");
    assert_eq!(found[0].email, email("info@energie.example"));
    assert_eq!(found[0].membership, MembershipStatus::None);
    assert_eq!(found[0].member_number, None);
    let found = tx.search_contacts("elise", 10, 0).await.unwrap();
    assert_eq!(
        found
            .iter()
            .map(|c| c.display_name.as_str())
            .collect::<Vec<_>>(),
        ["Élise Dupont"],
        "found by email; the name keeps its case and accents"
    );
}

pub async fn search_treats_percent_underscore_and_backslash_literally(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let bio = insert_entity(
        &mut *tx,
        entity(
            "100% Bio_Coop",
            Country::BE,
            "0123456749",
            "bio@coop.example",
        ),
    )
    .await;
    // Names that `%` and `_` as wildcards would match: "o c", "0 b".
    insert_person(&mut *tx, bare_person("Marco", "Conti", "marco@example.it")).await;
    insert_person(
        &mut *tx,
        bare_person("Luca", "2000 Bianchi", "luca@example.it"),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (text, expected) in [
        ("0% b", vec![bio]),
        ("o_c", vec![bio]),
        ("%", vec![bio]),
        ("_", vec![bio]),
        ("\\", vec![]),
        ("\\%", vec![]),
    ] {
        let found = tx.search_contacts(text, 10, 0).await.unwrap();
        assert_eq!(
            found.iter().map(|c| c.id).collect::<Vec<_>>(),
            expected,
            "searching {text:?}"
        );
    }
}

pub async fn a_representation_links_a_person_to_an_entity_and_both_sides_list_it(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let jan = insert_person(&mut *tx, person("Jan", "Peeters", "jan@example.be")).await;
    let elise = insert_person(&mut *tx, person("Élise", "Dupont", "elise@example.org")).await;
    let energie = insert_entity(
        &mut *tx,
        entity(
            "Énergie Citoyenne",
            Country::BE,
            "0123456749",
            "info@energie.example",
        ),
    )
    .await;
    let soleil = insert_entity(
        &mut *tx,
        entity("Soleil", Country::FR, "732829320", "info@soleil.example"),
    )
    .await;
    let jan_energie = tx
        .insert_representation(jan, energie, "administrateur", date!(2024 - 01 - 15))
        .await
        .unwrap();
    let jan_soleil = tx
        .insert_representation(jan, soleil, "gérante", date!(2025 - 06 - 01))
        .await
        .unwrap();
    let elise_energie = tx
        .insert_representation(elise, energie, "director", date!(2023 - 03 - 01))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let held = tx.representations_of_person(jan).await.unwrap();
    assert_eq!(
        held.iter()
            .map(|r| (r.id, r.person, r.entity, r.role.as_str(), r.since, r.until))
            .collect::<Vec<_>>(),
        [
            (
                jan_energie,
                jan,
                energie,
                "administrateur",
                date!(2024 - 01 - 15),
                None
            ),
            (
                jan_soleil,
                jan,
                soleil,
                "gérante",
                date!(2025 - 06 - 01),
                None
            ),
        ]
    );
    let representatives = tx.representatives_of_entity(energie).await.unwrap();
    assert_eq!(
        representatives
            .iter()
            .map(|r| (r.id, r.person))
            .collect::<Vec<_>>(),
        [(elise_energie, elise), (jan_energie, jan)],
        "oldest first"
    );
    assert!(
        tx.representations_of_person(energie)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(tx.representatives_of_entity(jan).await.unwrap().is_empty());
    drop(tx);

    // The person must be a person and the entity an entity, and never the same contact.
    for (person, entity) in [(jan, jan), (energie, soleil), (jan, elise), (energie, jan)] {
        let mut tx = t.store.begin().await.unwrap();
        let result = tx
            .insert_representation(person, entity, "director", date!(2026 - 01 - 01))
            .await;
        assert!(result.is_err(), "{person} for {entity}: {result:?}");
    }
}

pub async fn a_request_round_trips_with_its_evidence_unchanged(t: &TestStore) {
    let evidence = "{ \"kind\":\"entity\",  \"name\":\"Énergie Citoyenne\",\n  \
        \"note\":\"50% «now» \\u00e9 \\\\ _x_\", \"z\":1, \"a\":[true,null,2.50] }";
    let mut tx = t.store.begin().await.unwrap();
    let share_type_id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let signer = insert_person(&mut *tx, person("Jan", "Peeters", "jan@example.be")).await;
    let holder = insert_entity(
        &mut *tx,
        entity(
            "Énergie Citoyenne",
            Country::BE,
            "0123456749",
            "info@energie.example",
        ),
    )
    .await;
    let new = NewRequest {
        channel: Channel::Api,
        representative: Some(signer),
        language: Language::Nl,
        submitted: evidence.to_owned(),
        consents: r#"[{"text":"privacy","version":"v3"},{"text":"statutes","version":"2026-01"}]"#
            .to_owned(),
        idempotency_key: Some("0b9f5a8e-client-key".to_owned()),
        ..request(holder, share_type_id, 12, T0)
    };
    let id = tx.insert_request(&new).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.request, new);
    assert_eq!(stored.request.submitted, evidence);
    assert_eq!(stored.request.amount, eur(300_000));
    assert_eq!(stored.state, RequestState::Submitted);
    assert_eq!((stored.hold_reason, stored.cancel_reason), (None, None));
    assert_eq!((stored.updated_at, stored.version), (T0, 1));
    let by_key = tx
        .find_request_by_idempotency_key("0b9f5a8e-client-key")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_key.id, id);
    assert!(
        tx.find_request_by_idempotency_key("another-key")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tx.get_request(SubscriptionRequestId::new(999))
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn the_same_idempotency_key_never_records_twice(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let share_type_id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let holder = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let keyed = NewRequest {
        idempotency_key: Some("form-token-1".to_owned()),
        ..request(holder, share_type_id, 1, T0)
    };
    let first = tx.insert_request(&keyed).await.unwrap();
    // Requests without a key never collide.
    tx.insert_request(&request(holder, share_type_id, 1, T0))
        .await
        .unwrap();
    tx.insert_request(&request(holder, share_type_id, 1, T0))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .insert_request(&NewRequest {
            quantity: ShareQuantity::new(9).unwrap(),
            ..keyed.clone()
        })
        .await;
    match again {
        Err(StoreError::Duplicate(rule)) => assert!(rule.contains("idempotency_key"), "{rule}"),
        other => panic!("expected a duplicate, got {other:?}"),
    }
    drop(tx);

    // Two submissions with the same key at the same moment: one is recorded.
    let outcomes = race(&t.store, move |store, _| async move {
        let mut tx = store.begin().await?;
        tx.insert_request(&NewRequest {
            idempotency_key: Some("form-token-2".to_owned()),
            ..request(holder, share_type_id, 2, T0)
        })
        .await?;
        tx.commit().await
    })
    .await;
    let recorded = outcomes.iter().filter(|(_, r)| r.is_ok()).count();
    let refused = outcomes
        .iter()
        .filter(|(_, r)| matches!(r, Err(StoreError::Duplicate(_))))
        .count();
    assert_eq!((recorded, refused), (1, 1), "{outcomes:?}");

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx
        .find_request_by_idempotency_key("form-token-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.id, stored.request.quantity.get()), (first, 1));
    let (_, total) = tx
        .list_requests(&RequestFilter::default(), 10, 0)
        .await
        .unwrap();
    assert_eq!(total, 4);
}

pub async fn a_request_state_changes_with_its_reasons_and_a_stale_version_is_a_conflict(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    let share_type_id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let holder = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let id = tx
        .insert_request(&request(holder, share_type_id, 1, T0))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let t1 = T0 + Duration::hours(1);
    let t2 = T0 + Duration::hours(2);
    let mut tx = t.store.begin().await.unwrap();
    let version = tx
        .update_request_state(
            id,
            1,
            RequestState::OnHold,
            Some("liste d'attente"),
            None,
            t1,
        )
        .await
        .unwrap();
    assert_eq!(version, 2);
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(stored.state, RequestState::OnHold);
    assert_eq!(stored.hold_reason.as_deref(), Some("liste d'attente"));
    assert_eq!((stored.updated_at, stored.version), (t1, 2));
    assert_eq!(stored.request.created_at, T0);
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .update_request_state(id, 1, RequestState::Validated, None, None, t2)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .update_request_state(
            SubscriptionRequestId::new(999),
            1,
            RequestState::Validated,
            None,
            None,
            t2,
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.update_request_state(
            id,
            2,
            RequestState::Cancelled,
            None,
            Some("doublon\nvoir #12"),
            t2
        )
        .await
        .unwrap(),
        3
    );
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(
        (
            stored.state,
            stored.hold_reason,
            stored.cancel_reason.as_deref(),
            stored.version
        ),
        (RequestState::Cancelled, None, Some("doublon\nvoir #12"), 3)
    );
}

/// Two managers both read version 1 of a request and act on it at the same moment.
pub async fn two_writers_updating_a_requests_state_from_the_same_version_exactly_one_wins(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    let share_type_id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let holder = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let id = tx
        .insert_request(&request(holder, share_type_id, 1, T0))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let outcomes = race(&t.store, move |store, who| async move {
        let mut tx = store.begin().await?;
        tx.update_request_state(id, 1, RequestState::OnHold, Some(who), None, T0)
            .await?;
        tx.commit().await
    })
    .await;
    let winner = single_winner(&outcomes);

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_request(id).await.unwrap().unwrap();
    assert_eq!(
        (stored.version, stored.hold_reason.as_deref()),
        (2, Some(winner))
    );
}

/// Five requests over three days, two of them at the same instant.
struct ListFixture {
    a: ShareTypeId,
    b: ShareTypeId,
    energie: ContactId,
    requests: [SubscriptionRequestId; 5],
}

async fn list_fixture(t: &TestStore) -> ListFixture {
    let mut tx = t.store.begin().await.unwrap();
    let a = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let b = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    let elise = insert_person(&mut *tx, person("Élise", "Dupont", "elise@example.org")).await;
    let jan = insert_person(&mut *tx, bare_person("Jan", "Peeters", "jan@example.be")).await;
    let energie = insert_entity(
        &mut *tx,
        entity(
            "Énergie Citoyenne",
            Country::BE,
            "0123456749",
            "info@energie.example",
        ),
    )
    .await;
    let specs = [
        (
            elise,
            a,
            Channel::OnlineForm,
            datetime!(2026-04-01 09:00 UTC),
        ),
        (
            jan,
            b,
            Channel::BackOffice,
            datetime!(2026-04-02 23:59:59.999999 UTC),
        ),
        (energie, a, Channel::Api, datetime!(2026-04-03 00:00 UTC)),
        (
            elise,
            b,
            Channel::Contact,
            datetime!(2026-04-03 12:00 +02:00),
        ),
        (jan, a, Channel::OnlineForm, datetime!(2026-04-03 10:00 UTC)),
    ];
    let mut requests = Vec::new();
    for (contact, share_type_id, channel, created_at) in specs {
        let quantity = u32::try_from(requests.len()).unwrap() + 1;
        let id = tx
            .insert_request(&NewRequest {
                channel,
                ..request(contact, share_type_id, quantity, created_at)
            })
            .await
            .unwrap();
        requests.push(id);
    }
    tx.update_request_state(
        requests[3],
        1,
        RequestState::Cancelled,
        None,
        Some("doublon"),
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    ListFixture {
        a,
        b,
        energie,
        requests: requests.try_into().unwrap(),
    }
}

pub async fn the_request_list_filters_pages_counts_and_orders_newest_first(t: &TestStore) {
    let f = list_fixture(t).await;
    let [r1, r2, r3, r4, r5] = f.requests;
    let mut tx = t.store.begin_read().await.unwrap();

    // 12:00 +02:00 and 10:00 UTC are the same instant: the later id comes first.
    let (all, total) = tx
        .list_requests(&RequestFilter::default(), 10, 0)
        .await
        .unwrap();
    assert_eq!((ids(&all), total), (vec![r5, r4, r3, r2, r1], 5));
    let (page, total) = tx
        .list_requests(&RequestFilter::default(), 2, 1)
        .await
        .unwrap();
    assert_eq!((ids(&page), total), (vec![r4, r3], 5));
    let (beyond, total) = tx
        .list_requests(&RequestFilter::default(), 2, 10)
        .await
        .unwrap();
    assert_eq!((ids(&beyond), total), (vec![], 5));

    let summary = &all[2];
    assert_eq!(summary.id, r3);
    assert_eq!(summary.state, RequestState::Submitted);
    assert_eq!(summary.channel, Channel::Api);
    assert_eq!(summary.contact, f.energie);
    assert_eq!(summary.holder_name, "Énergie Citoyenne SC");
    assert_eq!(summary.holder_email, email("info@energie.example"));
    assert_eq!(summary.share_type_code, "A");
    assert_eq!(summary.quantity.get(), 3);
    assert_eq!(summary.amount, eur(75_000));
    assert_eq!(summary.created_at, datetime!(2026-04-03 00:00 UTC));

    for (filter, expected) in [
        (
            RequestFilter {
                state: Some(RequestState::Cancelled),
                ..RequestFilter::default()
            },
            vec![r4],
        ),
        (
            RequestFilter {
                state: Some(RequestState::Submitted),
                ..RequestFilter::default()
            },
            vec![r5, r3, r2, r1],
        ),
        (
            RequestFilter {
                channel: Some(Channel::OnlineForm),
                ..RequestFilter::default()
            },
            vec![r5, r1],
        ),
        (
            RequestFilter {
                share_type: Some(f.b),
                ..RequestFilter::default()
            },
            vec![r4, r2],
        ),
        (
            RequestFilter {
                search: Some("ÉLISE".to_owned()),
                ..RequestFilter::default()
            },
            vec![r4, r1],
        ),
        (
            RequestFilter {
                search: Some("example.BE".to_owned()),
                ..RequestFilter::default()
            },
            vec![r5, r2],
        ),
        (
            RequestFilter {
                search: Some("citoyenne".to_owned()),
                ..RequestFilter::default()
            },
            vec![r3],
        ),
        (
            RequestFilter {
                search: Some("%".to_owned()),
                ..RequestFilter::default()
            },
            vec![],
        ),
        (
            RequestFilter {
                state: Some(RequestState::Submitted),
                share_type: Some(f.a),
                search: Some("dupont".to_owned()),
                ..RequestFilter::default()
            },
            vec![r1],
        ),
    ] {
        let (rows, total) = tx.list_requests(&filter, 10, 0).await.unwrap();
        assert_eq!(ids(&rows), expected, "{filter:?}");
        assert_eq!(total, u64::try_from(expected.len()).unwrap(), "{filter:?}");
    }
    let (rows, total) = tx
        .list_requests(
            &RequestFilter {
                search: Some("e".to_owned()),
                ..RequestFilter::default()
            },
            1,
            0,
        )
        .await
        .unwrap();
    assert_eq!(
        (ids(&rows), total),
        (vec![r5], 5),
        "the count ignores paging"
    );
}

pub async fn the_request_list_date_range_includes_the_whole_last_day_in_utc(t: &TestStore) {
    let f = list_fixture(t).await;
    let [r1, r2, r3, r4, r5] = f.requests;
    let mut tx = t.store.begin_read().await.unwrap();
    for (from, to, expected) in [
        (
            Some(date!(2026 - 04 - 02)),
            Some(date!(2026 - 04 - 02)),
            vec![r2],
        ),
        (None, Some(date!(2026 - 04 - 01)), vec![r1]),
        (Some(date!(2026 - 04 - 03)), None, vec![r5, r4, r3]),
        (
            Some(date!(2026 - 04 - 01)),
            Some(date!(2026 - 04 - 03)),
            vec![r5, r4, r3, r2, r1],
        ),
        (Some(date!(2026 - 04 - 04)), None, vec![]),
        (
            Some(date!(2026 - 04 - 03)),
            Some(date!(2026 - 04 - 02)),
            vec![],
        ),
    ] {
        let filter = RequestFilter {
            from,
            to,
            ..RequestFilter::default()
        };
        let (rows, total) = tx.list_requests(&filter, 10, 0).await.unwrap();
        assert_eq!(ids(&rows), expected, "{filter:?}");
        assert_eq!(total, u64::try_from(expected.len()).unwrap(), "{filter:?}");
    }
}

pub async fn open_requested_quantity_counts_only_live_requests(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let a = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let b = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    let ann = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let bart = insert_person(&mut *tx, person("Bart", "Peeters", "bart@example.org")).await;
    assert_eq!(tx.open_requested_quantity(ann, a).await.unwrap(), 0);

    let hold = Some("liste d'attente");
    let cancel = Some("doublon");
    for (quantity, state, hold_reason, cancel_reason) in [
        (2, RequestState::Submitted, None, None),
        (3, RequestState::OnHold, hold, None),
        (4, RequestState::Validated, None, None),
        (10, RequestState::Paid, None, None),
        (20, RequestState::Cancelled, None, cancel),
    ] {
        let id = tx
            .insert_request(&request(ann, a, quantity, T0))
            .await
            .unwrap();
        if state != RequestState::Submitted {
            tx.update_request_state(id, 1, state, hold_reason, cancel_reason, T0)
                .await
                .unwrap();
        }
    }
    tx.insert_request(&request(ann, b, 7, T0)).await.unwrap();
    tx.insert_request(&request(bart, a, 5, T0)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(tx.open_requested_quantity(ann, a).await.unwrap(), 2 + 3 + 4);
    assert_eq!(tx.open_requested_quantity(ann, b).await.unwrap(), 7);
    assert_eq!(tx.open_requested_quantity(bart, a).await.unwrap(), 5);
    assert_eq!(tx.open_requested_quantity(bart, b).await.unwrap(), 0);
    assert_eq!(
        tx.open_requested_quantities(&[(bart, b), (ann, a), (bart, a), (ann, b), (ann, a)])
            .await
            .unwrap(),
        vec![0, 2 + 3 + 4, 5, 7, 2 + 3 + 4],
        "the batch form answers each pair as the single one does, in the order given"
    );
}

/// The persons a batch of emails already has: an entity's email is not a person's, an email
/// nobody has is left out, and of two persons with one email the oldest is the one.
pub async fn the_persons_of_a_batch_of_emails_are_the_oldest_of_each(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let ann = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let bart = insert_person(&mut *tx, person("Bart", "Peeters", "bart@example.org")).await;
    let _second_ann = insert_person(&mut *tx, person("Anna", "Peeters", "ann@example.org")).await;
    insert_entity(
        &mut *tx,
        entity("Zon", Country::BE, "0403.170.701", "zon@example.org"),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let mut found = tx
        .persons_of_emails(&[
            email("zon@example.org"),
            email("bart@example.org"),
            email("nobody@example.org"),
            email("ann@example.org"),
        ])
        .await
        .unwrap();
    found.sort_by_key(|(_, id)| *id);
    assert_eq!(
        found,
        vec![
            (email("ann@example.org"), ann),
            (email("bart@example.org"), bart)
        ]
    );
}

/// A person's national register number is stored, read back with them, and finds them (the
/// oldest first); a person without one, an entity, and another number find nothing.
pub async fn a_persons_national_id_round_trips_and_finds_them(t: &TestStore) {
    let number = NationalId::parse("85.07.30-033.28").unwrap();
    let mut tx = t.store.begin().await.unwrap();
    let ann = insert_person(
        &mut *tx,
        Person {
            national_id: Some(number.clone()),
            ..person("Ann", "Peeters", "ann@example.org")
        },
    )
    .await;
    let later = insert_person(
        &mut *tx,
        Person {
            national_id: Some(number.clone()),
            ..person("Ann", "Peeters", "ann.peeters@example.org")
        },
    )
    .await;
    let bart = insert_person(&mut *tx, person("Bart", "Peeters", "bart@example.org")).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let found: Vec<ContactId> = tx
        .find_persons_by_national_id(&number)
        .await
        .unwrap()
        .iter()
        .map(|record| record.id)
        .collect();
    assert_eq!(found, [ann, later]);
    let ann_record = tx.get_contact(ann).await.unwrap().unwrap();
    let ContactDetails::Person(read) = &ann_record.details else {
        panic!("a person")
    };
    assert_eq!(read.national_id, Some(number));
    let bart_record = tx.get_contact(bart).await.unwrap().unwrap();
    let ContactDetails::Person(read) = &bart_record.details else {
        panic!("a person")
    };
    assert_eq!(read.national_id, None);
    let other = NationalId::parse("00010100105").unwrap();
    assert!(
        tx.find_persons_by_national_id(&other)
            .await
            .unwrap()
            .is_empty()
    );
    drop(tx);

    // An update of a contact's details writes the number too (a manager taking a request's
    // details).
    let mut tx = t.store.begin().await.unwrap();
    let ContactDetails::Person(mut numbered) = bart_record.details.clone() else {
        panic!("a person")
    };
    numbered.national_id = Some(other.clone());
    tx.update_contact_details(
        bart,
        bart_record.version,
        &ContactDetails::Person(numbered),
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let found = tx.find_persons_by_national_id(&other).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, bart);
}
