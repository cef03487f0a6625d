//! Certificates as issued, the cooperative's pictures, proposed changes of personal data,
//! the end of a representation, a change of login email and what a one-time link carries.

use std::sync::Arc;

use coopshares_app::documents::PictureFormat;
use coopshares_app::ports::{
    ChangeState, LinkPurpose, NewCertificate, NewContactChange, NewOneTimeLink, NewUser,
    PictureKind, PictureRecord, Store, StoreError,
};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactChangeId, ContactId};
use coopshares_domain::language::Language;
use coopshares_domain::text::Name;
use coopshares_domain::user::Role;
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use crate::backends::TestStore;
use crate::checks::intake::{entity, eur, insert_entity, insert_person, person};
use crate::checks::{race, single_winner};

const T0: OffsetDateTime = datetime!(2026-07-01 10:00:00.125000 UTC);

fn certificate(number: u32, holder: ContactId, pdf: &[u8]) -> NewCertificate {
    NewCertificate {
        number,
        holder,
        member_number: 7,
        issued_on: date!(2026 - 07 - 01),
        language: Language::Nl,
        statement: r#"[{"share_type":"A","quantity":4}]"#.to_owned(),
        total_quantity: 4,
        total_value: eur(100_000),
        pdf: pdf.to_vec(),
        sha256: format!("sha-{number}"),
        issued_by: "system".to_owned(),
        created_at: T0,
    }
}

pub async fn a_certificate_is_stored_as_issued_and_its_number_is_unique(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let holder = insert_person(&mut *tx, person("Anaïs", "Léger", "anais@example.be")).await;
    let other = insert_person(&mut *tx, person("Jan", "Peeters", "jan@example.be")).await;
    // Every byte value, a NUL and invalid UTF-8 included: a PDF is binary.
    let pdf: Vec<u8> = (0..=255u8)
        .chain(b"%PDF-1.7\0\xff".iter().copied())
        .collect();
    let first = tx
        .insert_certificate(&certificate(1, holder, &pdf))
        .await
        .unwrap();
    let second = tx
        .insert_certificate(&certificate(2, holder, b"%PDF-second"))
        .await
        .unwrap();
    tx.insert_certificate(&certificate(3, other, b"%PDF-other"))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let record = tx.get_certificate(first).await.unwrap().unwrap();
    assert_eq!(record.number, 1);
    assert_eq!(record.holder, holder);
    assert_eq!(record.member_number, 7);
    assert_eq!(record.issued_on, date!(2026 - 07 - 01));
    assert_eq!(record.language, Language::Nl);
    assert_eq!(record.total_quantity, 4);
    assert_eq!(record.total_value, eur(100_000));
    assert_eq!(record.size_bytes, pdf.len() as u64);
    assert_eq!(record.created_at, T0);
    assert_eq!(tx.certificate_pdf(first).await.unwrap(), Some(pdf));
    let listed: Vec<_> = tx
        .certificates_of_contact(holder)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(listed, [second, first], "newest first, the holder's only");
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let duplicate = tx
        .insert_certificate(&certificate(2, other, b"%PDF"))
        .await
        .unwrap_err();
    assert!(
        matches!(&duplicate, StoreError::Duplicate(rule) if rule == "certificate_number"),
        "{duplicate:?}"
    );
}

pub async fn pictures_are_saved_replaced_and_deleted(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.get_picture(PictureKind::Logo).await.unwrap(), None);
    let logo = PictureRecord {
        kind: PictureKind::Logo,
        format: PictureFormat::Png,
        bytes: b"\x89PNG\r\n\x1a\nlogo".to_vec(),
        updated_at: T0,
    };
    tx.save_picture(&logo).await.unwrap();
    let replaced = PictureRecord {
        format: PictureFormat::Jpeg,
        bytes: vec![0xFF, 0xD8, 0xFF, 0x00, 0x01],
        updated_at: T0 + Duration::minutes(5),
        ..logo.clone()
    };
    tx.save_picture(&replaced).await.unwrap();
    let signature = PictureRecord {
        kind: PictureKind::Signature,
        ..logo.clone()
    };
    tx.save_picture(&signature).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.get_picture(PictureKind::Logo).await.unwrap(),
        Some(replaced)
    );
    tx.delete_picture(PictureKind::Logo).await.unwrap();
    tx.delete_picture(PictureKind::Logo).await.unwrap();
    assert_eq!(tx.get_picture(PictureKind::Logo).await.unwrap(), None);
    assert_eq!(
        tx.get_picture(PictureKind::Signature).await.unwrap(),
        Some(signature)
    );
}

async fn member_user(
    t: &TestStore,
    mail: &str,
    contact: Option<ContactId>,
) -> coopshares_domain::ids::UserAccountId {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx
        .insert_user(&NewUser {
            email: Email::parse(mail).unwrap(),
            password_hash: "!".to_owned(),
            role: Role::Member,
            language: None,
            contact,
            created_at: T0,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn a_proposed_change_is_decided_once_and_applied_only_to_the_version_it_saw(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    let holder = insert_person(&mut *tx, person("Anaïs", "Léger", "anais@example.be")).await;
    tx.commit().await.unwrap();
    let user = member_user(t, "anais@example.be", Some(holder)).await;

    let mut tx = t.store.begin().await.unwrap();
    let contact = tx.get_contact(holder).await.unwrap().unwrap();
    let ContactDetails::Person(mut moved) = contact.details.clone() else {
        panic!("a person");
    };
    moved.last_name = Name::parse("Léger-Dupont").unwrap();
    moved.address.city = Name::parse("Namur").unwrap();
    let proposed = ContactDetails::Person(moved);
    let change = tx
        .insert_contact_change(&NewContactChange {
            contact: holder,
            base_version: contact.version,
            proposed: proposed.clone(),
            requested_by: user,
            requested_at: T0,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let pending = tx.pending_contact_changes(10).await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].proposed, proposed, "round trips exactly");
    assert_eq!(pending[0].state, ChangeState::Pending);
    assert_eq!(pending[0].requested_by, user);
    assert_eq!(pending[0].requested_at, T0);
    // The details are replaced only from the version the member saw.
    let stale = tx
        .update_contact_details(holder, contact.version + 1, &proposed, T0)
        .await
        .unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { .. }), "{stale:?}");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let version = tx
        .update_contact_details(holder, contact.version, &proposed, T0)
        .await
        .unwrap();
    assert_eq!(version, contact.version + 1);
    tx.decide_contact_change(change, ChangeState::Approved, "user:1", T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let after = tx.get_contact(holder).await.unwrap().unwrap();
    assert_eq!(after.details, proposed);
    assert_eq!(after.membership, contact.membership);
    let found = tx.search_contacts("léger-dupont", 10, 0).await.unwrap();
    assert_eq!(found.len(), 1, "the search name follows the new name");
    let decided = tx.get_contact_change(change).await.unwrap().unwrap();
    assert_eq!(decided.state, ChangeState::Approved);
    assert_eq!(decided.decided_by.as_deref(), Some("user:1"));
    assert!(tx.pending_contact_changes(10).await.unwrap().is_empty());
    let again = tx
        .decide_contact_change(change, ChangeState::Rejected, "user:2", T0)
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict { .. }), "{again:?}");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let unknown = tx
        .decide_contact_change(ContactChangeId::new(9_999), ChangeState::Rejected, "x", T0)
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, StoreError::NotFound { .. }),
        "{unknown:?}"
    );
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.contact_changes_of_contact(holder).await.unwrap().len(),
        1
    );
}

pub async fn two_managers_deciding_the_same_change_at_once_exactly_one_wins(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let holder = insert_person(&mut *tx, person("Anaïs", "Léger", "anais@example.be")).await;
    tx.commit().await.unwrap();
    let user = member_user(t, "anais@example.be", Some(holder)).await;
    let mut tx = t.store.begin().await.unwrap();
    let contact = tx.get_contact(holder).await.unwrap().unwrap();
    let change = tx
        .insert_contact_change(&NewContactChange {
            contact: holder,
            base_version: contact.version,
            proposed: contact.details.clone(),
            requested_by: user,
            requested_at: T0,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let store: Arc<dyn Store> = Arc::clone(&t.store);
    let outcomes = race(&store, move |store, who| async move {
        let mut tx = store.begin().await?;
        let state = if who == "a" {
            ChangeState::Approved
        } else {
            ChangeState::Rejected
        };
        tx.decide_contact_change(change, state, who, T0).await?;
        tx.commit().await
    })
    .await;
    let winner = single_winner(&outcomes);
    let mut tx = t.store.begin_read().await.unwrap();
    let decided = tx.get_contact_change(change).await.unwrap().unwrap();
    assert_eq!(decided.decided_by.as_deref(), Some(winner));
}

pub async fn a_representation_ends_once_and_not_before_it_started(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let person_id = insert_person(&mut *tx, person("Anaïs", "Léger", "anais@example.be")).await;
    let entity_id = insert_entity(
        &mut *tx,
        entity(
            "Ferme des Saules",
            Country::BE,
            "0202239060",
            "info@saules.example",
        ),
    )
    .await;
    let link = tx
        .insert_representation(person_id, entity_id, "gérante", date!(2026 - 01 - 10))
        .await
        .unwrap();
    tx.end_representation(link, date!(2026 - 06 - 30))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let ended = tx.get_representation(link).await.unwrap().unwrap();
    assert_eq!(ended.until, Some(date!(2026 - 06 - 30)));
    assert_eq!(ended.since, date!(2026 - 01 - 10));
    let again = tx
        .end_representation(link, date!(2026 - 07 - 31))
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict { .. }), "{again:?}");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let unknown = tx
        .end_representation(
            coopshares_domain::ids::RepresentationId::new(9_999),
            date!(2026 - 07 - 31),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, StoreError::NotFound { .. }),
        "{unknown:?}"
    );
    drop(tx);
    // The database refuses an end before the start, whatever the caller checked.
    let mut tx = t.store.begin().await.unwrap();
    let other = tx
        .insert_representation(person_id, entity_id, "gérante", date!(2026 - 08 - 01))
        .await
        .unwrap();
    assert!(
        tx.end_representation(other, date!(2026 - 07 - 01))
            .await
            .is_err()
    );
}

pub async fn a_login_email_changes_unless_another_account_has_it(t: &TestStore) {
    let anais = member_user(t, "anais@example.be", None).await;
    member_user(t, "jan@example.be", None).await;
    let mut tx = t.store.begin().await.unwrap();
    tx.set_user_email(anais, &Email::parse("Anais.Leger@example.org").unwrap())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    let found = tx
        .find_user_by_email(&Email::parse("anais.leger@example.org").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, anais);
    let taken = tx
        .set_user_email(anais, &Email::parse("jan@example.be").unwrap())
        .await
        .unwrap_err();
    assert!(matches!(taken, StoreError::Duplicate(_)), "{taken:?}");
}

pub async fn a_one_time_link_carries_its_payload_to_its_use(t: &TestStore) {
    let user = member_user(t, "anais@example.be", None).await;
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_link(&NewOneTimeLink {
        token_hash: "hash-email".to_owned(),
        purpose: LinkPurpose::EmailChange,
        user: Some(user),
        payload: Some("new@example.org".to_owned()),
        created_at: T0,
        expires_at: T0 + Duration::hours(24),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    let now = T0 + Duration::hours(1);
    assert!(
        tx.find_link("hash-email", LinkPurpose::PasswordReset, now)
            .await
            .unwrap()
            .is_none(),
        "another purpose does not open it"
    );
    let found = tx
        .find_link("hash-email", LinkPurpose::EmailChange, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.payload.as_deref(), Some("new@example.org"));
    let used = tx
        .use_link("hash-email", LinkPurpose::EmailChange, now)
        .await
        .unwrap();
    assert_eq!(used.user, Some(user));
    assert_eq!(used.payload.as_deref(), Some("new@example.org"));
}
