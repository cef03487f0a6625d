//! Every state change and every settings change leaves a line in the audit log naming who did
//! it and to which record, on both backends.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use coopshares_app::capital;
use coopshares_app::clock::Clock;
use coopshares_app::intake::{self, Decision};
use coopshares_app::payments::{self, PaymentInput};
use coopshares_app::portal::{self, ProfileInput};
use coopshares_app::ports::{Actor, AuditFilter, AuditRecord};
use coopshares_app::settings::{self, SettingsPatch};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_app::{accounts, statements, tokens};
use coopshares_domain::application::ApplicationInput;
use coopshares_domain::email::Email;
use coopshares_domain::ids::SubscriptionRequestId;
use coopshares_domain::language::Language;
use coopshares_domain::subscription::Channel;
use coopshares_domain::user::ApiRole;
use coopshares_store_tests::backends::TestStore;
use coopshares_store_tests::camt::{self, Entry};
use serde_json::json;

mod support;
use support::World;

/// The lines of the log about one record with one action.
async fn lines(
    world: &World,
    action: &str,
    record_type: &str,
    record_id: impl ToString,
) -> Vec<AuditRecord> {
    let filter = AuditFilter {
        action: Some(action.to_owned()),
        record_type: Some(record_type.to_owned()),
        record_id: Some(record_id.to_string()),
        ..AuditFilter::default()
    };
    let mut tx = world.store.begin_read().await.unwrap();
    let (found, total) = tx.search_audit(&filter, 50, 0).await.unwrap();
    assert_eq!(u64::try_from(found.len()).unwrap(), total);
    found
}

/// Asserts that exactly one line says `actor` did `action` to the record; returns it.
async fn audited(
    world: &World,
    action: &str,
    actor: &Actor,
    record_type: &str,
    record_id: impl ToString,
) -> AuditRecord {
    let record_id = record_id.to_string();
    let found = lines(world, action, record_type, &record_id).await;
    assert_eq!(
        found.len(),
        1,
        "{action} on {record_type} {record_id}: {found:?}"
    );
    let line = found.into_iter().next().unwrap();
    assert_eq!(
        line.entry.actor,
        actor.to_storage(),
        "{action} on {record_type} {record_id}"
    );
    assert_eq!(line.entry.at, Clock::now(&world.clock));
    line
}

fn application(n: u32, quantity: u32) -> ApplicationInput {
    serde_json::from_value(json!({
        "applicant": {
            "kind": "person", "first_name": "Zoë", "last_name": format!("Member {n}"),
            "email": format!("member{n}@example.be"), "birth_date": "1980-01-01",
            "language": "fr", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        },
        "share_type": "A", "quantity": quantity,
        "consents": ["data_policy", "statutes", "financial_risk"]
    }))
    .unwrap()
}

async fn submit(world: &World, actor: &Actor, n: u32, quantity: u32) -> SubscriptionRequestId {
    intake::submit(
        world.store.as_ref(),
        &world.mailer,
        &world.clock,
        &intake::Submission::new(actor, Channel::Api, &application(n, quantity), Language::Fr),
        None,
    )
    .await
    .unwrap()
    .request
    .id
}

async fn validate(
    world: &World,
    actor: &Actor,
    request: SubscriptionRequestId,
) -> capital::Validated {
    capital::validate(world.store.as_ref(), world.services(), actor, request, None)
        .await
        .unwrap()
}

async fn every_state_change_is_audited_with_its_actor_and_record(test: TestStore) {
    let world = World::new(&test).await;
    let store = world.store.as_ref();

    // A manager created from the command line.
    let manager = accounts::create_manager(
        store,
        &world.clock,
        &Actor::Operator,
        "treasurer@coop.example",
        "a long enough password",
    )
    .await
    .unwrap();
    audited(
        &world,
        "manager_created",
        &Actor::Operator,
        "user_account",
        manager.id,
    )
    .await;
    let by_manager = Actor::User(manager.id);

    // An API token, which then submits a request.
    let token = tokens::create_api_token(
        store,
        &world.clock,
        &by_manager,
        "website form",
        ApiRole::Intake,
    )
    .await
    .unwrap();
    audited(
        &world,
        "api_token_created",
        &by_manager,
        "api_token",
        token.record.id,
    )
    .await;
    let by_token = Actor::ApiToken(token.record.id);

    // Settings and a share type.
    let patch: SettingsPatch =
        serde_json::from_value(json!({ "name": "Énergie Citoyenne SCRL" })).unwrap();
    settings::update(store, &world.clock, &by_manager, &patch, None)
        .await
        .unwrap();
    let changed = lines(&world, "settings_changed", "settings", 1).await;
    assert_eq!(changed.len(), 2, "World::new saved them once already");
    assert_eq!(changed[0].entry.actor, by_manager.to_storage());
    assert!(
        changed[0].entry.details.contains("name"),
        "the details name the changed fields: {}",
        changed[0].entry.details
    );
    let share_type = share_types::create(
        store,
        &world.clock,
        &by_manager,
        &ShareTypeInput {
            code: "B".to_owned(),
            name_fr: "Part B".to_owned(),
            nominal_value: "500.00".to_owned(),
            for_persons: true,
            for_entities: true,
            min_quantity: "1".to_owned(),
            max_quantity: String::new(),
            on_public_form: false,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap();
    audited(
        &world,
        "share_type_created",
        &by_manager,
        "share_type",
        share_type.id,
    )
    .await;

    // Submission, validation, payment in full: admission and certificate.
    let request = submit(&world, &by_token, 1, 2).await;
    audited(
        &world,
        "subscription_request_submitted",
        &by_token,
        "subscription_request",
        request,
    )
    .await;
    let validated = validate(&world, &by_manager, request).await;
    let call = validated.call;
    let holder = call.call.contact;
    audited(
        &world,
        "subscription_request_validated",
        &by_manager,
        "subscription_request",
        request,
    )
    .await;
    audited(
        &world,
        "capital_call_created",
        &by_manager,
        "capital_call",
        call.id,
    )
    .await;
    let member = {
        let mut tx = world.store.begin_read().await.unwrap();
        tx.find_user_by_email(&Email::parse("member1@example.be").unwrap())
            .await
            .unwrap()
            .unwrap()
    };
    audited(
        &world,
        "member_account_created",
        &by_manager,
        "user_account",
        member.id,
    )
    .await;
    payments::register_payment(
        store,
        world.services(),
        &by_manager,
        call.id,
        &PaymentInput {
            amount: "251.00".to_owned(),
            date: "2026-03-02".to_owned(),
            note: None,
        },
    )
    .await
    .unwrap();
    audited(
        &world,
        "payment_recorded",
        &by_manager,
        "capital_call",
        call.id,
    )
    .await;
    audited(&world, "member_admitted", &by_manager, "contact", holder).await;
    let certificate = audited(&world, "certificate_issued", &by_manager, "contact", holder).await;
    assert!(certificate.entry.details.contains("\"certificate\""));

    // A validated request cancelled: the request and its capital call.
    let doomed = submit(&world, &by_token, 2, 1).await;
    let doomed_call = validate(&world, &by_manager, doomed).await.call;
    intake::decide(
        store,
        &world.mailer,
        &world.clock,
        &by_manager,
        doomed,
        Decision::Cancel("Doublon".to_owned()),
        None,
    )
    .await
    .unwrap();
    let cancelled = audited(
        &world,
        "subscription_request_cancelled",
        &by_manager,
        "subscription_request",
        doomed,
    )
    .await;
    assert!(cancelled.entry.details.contains("Doublon"));
    audited(
        &world,
        "capital_call_cancelled",
        &by_manager,
        "capital_call",
        doomed_call.id,
    )
    .await;

    // A statement imported by the manager, its payment reconciled by Coopshares itself.
    let paid_by_bank = validate(&world, &by_manager, submit(&world, &by_token, 3, 1).await)
        .await
        .call;
    let file = camt::statement(
        "BE71096123456769",
        0,
        None,
        &[Entry {
            cents: paid_by_bank.call.amount.minor(),
            date: "2026-03-02".to_owned(),
            structured_reference: Some(paid_by_bank.call.reference.as_compact().to_owned()),
            name: "A payer".to_owned(),
            ..Entry::default()
        }],
    );
    let imported = statements::import(
        store,
        world.services(),
        &by_manager,
        file.as_bytes(),
        Some("march.xml"),
        None,
    )
    .await
    .unwrap();
    audited(
        &world,
        "bank_statement_imported",
        &by_manager,
        "bank_statement",
        imported.statement.id,
    )
    .await;
    audited(
        &world,
        "payment_recorded",
        &Actor::System,
        "capital_call",
        paid_by_bank.id,
    )
    .await;

    // A representation ended.
    let for_entity = world
        .submit_json(json!({
            "applicant": {
                "kind": "entity", "name": "Boulangerie du Coin", "legal_form": "SRL",
                "registration_number": "0403170008", "email": "info@boulangerie.be",
                "iban": "BE71096123456769", "language": "fr",
                "address": {"street": "Zoning Nord 7", "postal_code": "5100", "city": "Jambes", "country": "BE"},
                "representative": {"first_name": "Quentin", "last_name": "Lemaire", "email": "quentin@example.be",
                                   "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"},
                                   "function": "gérant"}
            },
            "share_type": "A", "quantity": 1,
            "consents": ["data_policy", "statutes", "financial_risk"]
        }))
        .await;
    let (entity, link) = {
        let mut tx = world.store.begin_read().await.unwrap();
        let entity = tx
            .get_request(for_entity)
            .await
            .unwrap()
            .unwrap()
            .request
            .contact;
        let link = tx.representatives_of_entity(entity).await.unwrap()[0].id;
        (entity, link)
    };
    portal::end_representation(store, &world.clock, &by_manager, link, "2026-03-02")
        .await
        .unwrap();
    let ended = audited(
        &world,
        "representation_ended",
        &by_manager,
        "contact",
        entity,
    )
    .await;
    assert!(ended.entry.details.contains(&link.to_string()));

    // A member proposes a new address; the manager approves it.
    let change = portal::propose_change(
        store,
        &world.clock,
        &member,
        holder,
        &ProfileInput {
            first_name: "Zoë".to_owned(),
            last_name: "Member 1".to_owned(),
            name: String::new(),
            street: "Avenue Neuve 9".to_owned(),
            postal_code: "5002".to_owned(),
            city: "Saint-Servais".to_owned(),
            country: "BE".to_owned(),
        },
    )
    .await
    .unwrap();
    let proposed = audited(
        &world,
        "contact_change_proposed",
        &Actor::User(member.id),
        "contact",
        holder,
    )
    .await;
    assert!(proposed.entry.details.contains(&change.to_string()));
    portal::decide_change(store, &world.clock, &by_manager, change, true)
        .await
        .unwrap();
    audited(
        &world,
        "contact_change_approved",
        &by_manager,
        "contact",
        holder,
    )
    .await;

    // Everything the manager did, and nothing anyone else did, under the manager's name.
    let mut tx = world.store.begin_read().await.unwrap();
    let by_manager_filter = AuditFilter {
        actor: Some(by_manager.to_storage()),
        ..AuditFilter::default()
    };
    let (mine, total) = tx.search_audit(&by_manager_filter, 100, 0).await.unwrap();
    assert_eq!(u64::try_from(mine.len()).unwrap(), total);
    assert!(
        mine.iter()
            .all(|line| line.entry.actor == by_manager.to_storage())
    );
    assert!(total >= 15, "{mine:#?}");
}

/// The adapters hold a transaction's audit entries and write them in batches: the same
/// transaction still reads them back, in order; more than a batch all land, in order; and
/// a transaction that rolls back leaves none.
async fn audit_entries_held_for_a_batch_are_read_back_in_order_or_rolled_back(test: TestStore) {
    let world = World::new(&test).await;
    let entry = |n: usize| coopshares_app::ports::AuditEntry {
        at: world.clock.now(),
        actor: "system".to_owned(),
        action: "batch_probe".to_owned(),
        record_type: "probe".to_owned(),
        record_id: n.to_string(),
        details: json!({ "n": n }).to_string(),
    };
    let probes = AuditFilter {
        action: Some("batch_probe".to_owned()),
        ..AuditFilter::default()
    };
    let ids = |found: &[AuditRecord]| -> Vec<String> {
        let mut records: Vec<_> = found.iter().collect();
        records.sort_by_key(|record| record.id);
        records
            .iter()
            .map(|record| record.entry.record_id.clone())
            .collect()
    };

    // Rolled back: nothing, though the transaction itself saw its entries.
    let mut tx = world.store.begin().await.unwrap();
    for n in 0..3 {
        tx.append_audit(&entry(n)).await.unwrap();
    }
    let (seen, total) = tx.search_audit(&probes, 10, 0).await.unwrap();
    assert_eq!(
        (ids(&seen), total),
        (vec!["0".into(), "1".into(), "2".into()], 3)
    );
    drop(tx);
    let mut tx = world.store.begin_read().await.unwrap();
    assert_eq!(tx.search_audit(&probes, 10, 0).await.unwrap().1, 0);
    drop(tx);

    // Committed: 2,500 entries (more than one batch), every one, in the order appended.
    let mut tx = world.store.begin().await.unwrap();
    for n in 0..2_500 {
        tx.append_audit(&entry(n)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = world.store.begin_read().await.unwrap();
    let (found, total) = tx.search_audit(&probes, 3_000, 0).await.unwrap();
    assert_eq!(total, 2_500);
    assert_eq!(
        ids(&found),
        (0..2_500).map(|n| n.to_string()).collect::<Vec<_>>()
    );
}

coopshares_store_tests::on_both_backends!(
    every_state_change_is_audited_with_its_actor_and_record,
    audit_entries_held_for_a_batch_are_read_back_in_order_or_rolled_back,
);
