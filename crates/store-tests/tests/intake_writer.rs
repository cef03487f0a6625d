//! The intake writer (group commit), on both backends: submissions that arrive at the same
//! moment are written together, and each caller still gets exactly the answer it would have
//! had alone — a holder's maximum counts the submissions written before it in the same batch,
//! one idempotency key records one request, and one refused submission costs the others of
//! its batch nothing.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use std::sync::Arc;

use coopshares_app::AppError;
use coopshares_app::clock::Clock;
use coopshares_app::intake::{self, IntakeWriter, Submitted};
use coopshares_app::ports::{Actor, NewRegisterMovement};
use coopshares_app::settings::{self, SettingsPatch};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_domain::application::{ApplicantInput, ApplicationInput};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::{ContactId, ShareTypeId};
use coopshares_domain::language::Language;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::register::RegisterMovement;
use coopshares_domain::subscription::Channel;
use coopshares_store_tests::backends::TestStore;
use tokio::sync::Barrier;

mod support;
use support::World;

fn person(email: &str, share_type: &str, quantity: u32) -> ApplicationInput {
    serde_json::from_value(serde_json::json!({
        "applicant": {
            "kind": "person", "first_name": "Zoë", "last_name": "Lefèvre",
            "email": email, "birth_date": "1980-01-01",
            "language": "nl", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        },
        "share_type": share_type, "quantity": quantity,
        "consents": ["data_policy", "statutes", "financial_risk"]
    }))
    .unwrap()
}

/// A writer over the world's store, as the web layer makes one.
async fn writer(world: &World) -> (IntakeWriter, intake::IntakeCatalog) {
    let writer = IntakeWriter::new(
        Arc::clone(&world.store),
        Arc::new(world.mailer.clone()),
        Arc::new(coopshares_app::clock::FixedClock::new(world.clock.now())),
    );
    let catalog = intake::catalog(world.store.as_ref()).await.unwrap();
    (writer, catalog)
}

/// Submits every input at the same moment (a barrier), each from its own task, with its
/// idempotency key; the answers in input order.
async fn all_at_once(
    world: &World,
    inputs: Vec<(ApplicationInput, Option<String>)>,
) -> Vec<Result<Submitted, AppError>> {
    let (writer, catalog) = writer(world).await;
    let barrier = Arc::new(Barrier::new(inputs.len()));
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|(input, key)| {
            let (writer, catalog, barrier) = (writer.clone(), catalog.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                writer
                    .submit(
                        &intake::Submission {
                            idempotency_key: key.as_deref(),
                            ..intake::Submission::new(
                                &Actor::System,
                                Channel::OnlineForm,
                                &input,
                                Language::Fr,
                            )
                        },
                        Some(&catalog),
                    )
                    .await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

async fn requests(test: &TestStore) -> i64 {
    count(test, "SELECT count(*) FROM subscription_requests").await
}

async fn confirmations(test: &TestStore) -> i64 {
    count(
        test,
        "SELECT count(*) FROM outbox_emails WHERE kind = 'request_confirmation'",
    )
    .await
}

async fn count(test: &TestStore, sql: &str) -> i64 {
    let mut raw = test.raw().await;
    let n = raw.integer(sql).await;
    raw.close().await;
    n
}

async fn sixty_applicants_at_once_make_sixty_requests_contacts_emails_and_audit_rows(
    test: TestStore,
) {
    let world = World::new(&test).await;
    let inputs = (0..60)
        .map(|n| (person(&format!("p{n}@example.be"), "A", 2), None))
        .collect();
    let answers = all_at_once(&world, inputs).await;

    let mut ids = Vec::new();
    for (n, answer) in answers.into_iter().enumerate() {
        let submitted = answer.unwrap();
        assert!(submitted.created);
        assert_eq!(submitted.share_type_code, "A");
        assert_eq!(submitted.request.request.quantity.get(), 2);
        ids.push((n, submitted.request.id, submitted.request.request.contact));
    }
    let mut distinct: Vec<_> = ids.iter().map(|(_, id, _)| *id).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 60, "every caller got its own request");

    // Each answer names the contact of its own applicant; the request stored says so too, and
    // its confirmation went to that applicant (a batch writes its rows a statement at a time
    // for all of them, so nothing may be paired with the wrong one).
    let mut tx = world.store.begin_read().await.unwrap();
    for (n, id, contact) in &ids {
        let record = tx.get_contact(*contact).await.unwrap().unwrap();
        assert_eq!(record.details.email().as_str(), format!("p{n}@example.be"));
        let stored = tx.get_request(*id).await.unwrap().unwrap();
        assert_eq!(stored.request.contact, *contact);
    }
    drop(tx);
    for (n, id, contact) in &ids {
        let sent = count(
            &test,
            &format!(
                "SELECT count(*) FROM outbox_emails WHERE about = 'subscription_request:{id}' \
                 AND recipients = '[\"p{n}@example.be\"]'"
            ),
        )
        .await;
        assert_eq!(sent, 1, "the confirmation of request {id}");
        let audited = count(
            &test,
            &format!(
                "SELECT count(*) FROM audit_log WHERE record_id = '{id}' \
                 AND details LIKE '%\"contact\":{contact}%'"
            ),
        )
        .await;
        assert_eq!(audited, 1, "the audit row of request {id}");
    }

    assert_eq!(requests(&test).await, 60);
    assert_eq!(count(&test, "SELECT count(*) FROM contacts").await, 60);
    assert_eq!(confirmations(&test).await, 60);
    assert_eq!(
        count(
            &test,
            "SELECT count(*) FROM audit_log WHERE action = 'subscription_request_submitted'"
        )
        .await,
        60
    );
}

/// Share type B: 50 EUR, at most 10 per holder.
async fn share_type_b(world: &World) -> ShareTypeId {
    share_types::create(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        &ShareTypeInput {
            code: "B".to_owned(),
            name_fr: "Part B".to_owned(),
            nominal_value: "50".to_owned(),
            for_persons: true,
            for_entities: true,
            min_quantity: "1".to_owned(),
            max_quantity: "10".to_owned(),
            on_public_form: true,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap()
    .id
}

/// Ten submissions of 6 shares from one person (maximum 10 per holder) among twenty other
/// applicants, all at once: exactly one of the ten passes, the nine others are refused on the
/// quantity, and every other applicant is recorded — whichever batch each landed in.
async fn one_holders_maximum_counts_the_submissions_of_the_same_batch(test: TestStore) {
    let world = World::new(&test).await;
    share_type_b(&world).await;
    let mut inputs = Vec::new();
    for n in 0..30 {
        inputs.push(if n % 3 == 0 {
            (person("same@example.be", "B", 6), None)
        } else {
            (person(&format!("other{n}@example.be"), "B", 6), None)
        });
    }
    let answers = all_at_once(&world, inputs).await;

    let (mut same_ok, mut same_refused, mut others_ok) = (0, 0, 0);
    for (n, answer) in answers.into_iter().enumerate() {
        match (n % 3 == 0, answer) {
            (true, Ok(_)) => same_ok += 1,
            (true, Err(AppError::Validation(problems))) => {
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].field, "quantity");
                same_refused += 1;
            }
            (false, Ok(_)) => others_ok += 1,
            (_, other) => panic!("submission {n}: unexpected {other:?}"),
        }
    }
    assert_eq!((same_ok, same_refused, others_ok), (1, 9, 20));
    assert_eq!(requests(&test).await, 21);
    assert_eq!(
        count(
            &test,
            "SELECT count(*) FROM contacts WHERE email = 'same@example.be'"
        )
        .await,
        1,
        "the refused submissions left no contact behind"
    );
    assert_eq!(confirmations(&test).await, 21);
}

/// The same form sent eight times at once (one form token) records one request; every caller
/// is answered with it, and only one answer says it was created.
async fn one_idempotency_key_sent_eight_times_at_once_records_one_request(test: TestStore) {
    let world = World::new(&test).await;
    let mut inputs: Vec<_> = (0..8)
        .map(|_| {
            (
                person("twice@example.be", "A", 3),
                Some("form:same".to_owned()),
            )
        })
        .collect();
    inputs.extend((0..8).map(|n| (person(&format!("x{n}@example.be"), "A", 1), None)));
    let answers = all_at_once(&world, inputs).await;

    let same: Vec<Submitted> = answers[..8]
        .iter()
        .map(|a| a.as_ref().unwrap().clone())
        .collect();
    assert!(same.iter().all(|s| s.request.id == same[0].request.id));
    assert_eq!(same.iter().filter(|s| s.created).count(), 1);
    assert!(answers[8..].iter().all(|a| a.as_ref().unwrap().created));
    assert_eq!(requests(&test).await, 9);
    assert_eq!(
        count(
            &test,
            "SELECT count(*) FROM contacts WHERE email = 'twice@example.be'"
        )
        .await,
        1
    );
}

/// Someone who subscribed before applies again among thirty newcomers at the same moment: the
/// batch links their request to the person already known (no second person), and the
/// newcomers are written as usual.
async fn a_known_person_in_a_batch_of_newcomers_stays_one_person(test: TestStore) {
    let world = World::new(&test).await;
    let first = all_at_once(&world, vec![(person("known@example.be", "A", 1), None)]).await;
    let known = first[0].as_ref().unwrap().request.request.contact;
    let mut inputs: Vec<_> = (0..30)
        .map(|n| (person(&format!("n{n}@example.be"), "A", 1), None))
        .collect();
    inputs.insert(15, (person("known@example.be", "A", 1), None));
    let answers = all_at_once(&world, inputs).await;

    assert_eq!(answers[15].as_ref().unwrap().request.request.contact, known);
    assert!(answers.iter().all(Result::is_ok));
    assert_eq!(
        count(
            &test,
            "SELECT count(*) FROM contacts WHERE email = 'known@example.be'"
        )
        .await,
        1
    );
    assert_eq!(count(&test, "SELECT count(*) FROM contacts").await, 31);
    assert_eq!(requests(&test).await, 32);
}

/// Two newcomers whose forms carry the same idempotency key (a replayed API call with another
/// body) among others at the same moment: one request for the key, the replay answered with
/// it, and everyone else recorded.
async fn a_key_taken_inside_a_batch_of_newcomers_records_it_once(test: TestStore) {
    let world = World::new(&test).await;
    let mut inputs: Vec<_> = (0..20)
        .map(|n| (person(&format!("k{n}@example.be"), "A", 1), None))
        .collect();
    inputs[3].1 = Some("api:same".to_owned());
    inputs[11].1 = Some("api:same".to_owned());
    let answers = all_at_once(&world, inputs).await;

    let (three, eleven) = (answers[3].as_ref().unwrap(), answers[11].as_ref().unwrap());
    assert_eq!(three.request.id, eleven.request.id);
    assert_eq!(u8::from(three.created) + u8::from(eleven.created), 1);
    assert!(answers.iter().all(Result::is_ok));
    assert_eq!(requests(&test).await, 19);
    assert_eq!(confirmations(&test).await, 19);
}

/// Six people who subscribed before (4 shares of B each, at most 10 per holder) apply again
/// among twenty-four newcomers at the same moment; one of them asks for 7 more. The batch
/// writes the newcomers together and the known people one by one: the one over the maximum
/// is refused on the quantity alone, the five others get additional-shares requests on their
/// own contact, every newcomer is recorded, and nobody becomes two persons.
async fn known_persons_in_a_batch_are_linked_and_one_over_the_maximum_is_refused_alone(
    test: TestStore,
) {
    let world = World::new(&test).await;
    share_type_b(&world).await;
    let known: Vec<String> = (0..6).map(|n| format!("known{n}@example.be")).collect();
    let first = all_at_once(
        &world,
        known
            .iter()
            .map(|email| (person(email, "B", 4), None))
            .collect(),
    )
    .await;
    let contacts: Vec<_> = first
        .iter()
        .map(|answer| answer.as_ref().unwrap().request.request.contact)
        .collect();
    let mut inputs: Vec<_> = (0..24)
        .map(|n| (person(&format!("new{n}@example.be"), "B", 2), None))
        .collect();
    for (n, email) in known.iter().enumerate() {
        let quantity = if n == 2 { 7 } else { 6 };
        inputs.insert(n * 5, (person(email, "B", quantity), None));
    }
    let answers = all_at_once(&world, inputs).await;

    for (position, answer) in answers.iter().enumerate() {
        match (position % 5 == 0 && position < 30, position / 5) {
            (true, 2) => match answer {
                Err(AppError::Validation(problems)) => {
                    assert_eq!(problems.len(), 1);
                    assert_eq!(problems[0].field, "quantity");
                }
                other => panic!("the known person over the maximum: unexpected {other:?}"),
            },
            (true, n) => {
                let submitted = answer.as_ref().unwrap();
                assert_eq!(submitted.request.request.contact, contacts[n]);
                assert_eq!(submitted.request.request.quantity.get(), 6);
            }
            (false, _) => assert!(answer.is_ok(), "newcomer {position}: {answer:?}"),
        }
    }
    assert_eq!(count(&test, "SELECT count(*) FROM contacts").await, 30);
    assert_eq!(
        count(
            &test,
            "SELECT count(DISTINCT email) FROM contacts WHERE email LIKE 'known%'"
        )
        .await,
        6
    );
    assert_eq!(requests(&test).await, 6 + 5 + 24);
    assert_eq!(confirmations(&test).await, 6 + 5 + 24);
}

/// Someone who holds 6 shares of B in the register (at most 10 per holder) and has 2 more
/// asked for: 3 more are refused, whether they come alone or in a batch of newcomers, and 2
/// more pass. The register counts, not only the requests still open.
async fn shares_already_held_count_against_the_holders_maximum(test: TestStore) {
    let world = World::new(&test).await;
    let b = share_type_b(&world).await;
    let first = all_at_once(&world, vec![(person("holder@example.be", "B", 2), None)]).await;
    let holder = first[0].as_ref().unwrap().request.request.contact;
    let mut tx = world.store.begin().await.unwrap();
    tx.append_register_movements(&[NewRegisterMovement {
        movement: RegisterMovement::issue(
            world.clock.today(),
            b,
            ShareQuantity::new(6).unwrap(),
            Money::from_minor(5_000, Currency::EUR),
            holder,
        )
        .unwrap(),
        capital_call: None,
        recorded_at: world.clock.now(),
    }])
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let alone = all_at_once(&world, vec![(person("holder@example.be", "B", 3), None)]).await;
    assert!(
        matches!(&alone[0], Err(AppError::Validation(problems))
            if problems[0].field == "quantity" && problems[0].code == "above_holder_maximum"),
        "alone: {:?}",
        alone[0]
    );
    let mut inputs: Vec<_> = (0..12)
        .map(|n| (person(&format!("b{n}@example.be"), "B", 1), None))
        .collect();
    inputs.insert(6, (person("holder@example.be", "B", 3), None));
    let batch = all_at_once(&world, inputs).await;
    for (position, answer) in batch.iter().enumerate() {
        if position == 6 {
            assert!(
                matches!(answer, Err(AppError::Validation(problems))
                    if problems[0].field == "quantity" && problems[0].code == "above_holder_maximum"),
                "in a batch: {answer:?}"
            );
        } else {
            assert!(answer.is_ok(), "newcomer {position}: {answer:?}");
        }
    }
    let last = all_at_once(&world, vec![(person("holder@example.be", "B", 2), None)]).await;
    assert_eq!(last[0].as_ref().unwrap().request.request.contact, holder);
    assert_eq!(requests(&test).await, 1 + 12 + 1);
}

/// `person` with a national register number.
fn numbered(email: &str, national_id: &str) -> ApplicationInput {
    let mut input = person(email, "A", 1);
    if let ApplicantInput::Person(person) = &mut input.applicant {
        person.national_id = national_id.to_owned();
    }
    input
}

/// The contact each submission was linked to, one at a time.
async fn contacts_of(world: &World, inputs: Vec<ApplicationInput>) -> Vec<ContactId> {
    let mut contacts = Vec::new();
    for input in inputs {
        let answer = all_at_once(world, vec![(input, None)]).await;
        contacts.push(answer[0].as_ref().unwrap().request.request.contact);
    }
    contacts
}

/// With the cooperative collecting national register numbers, a person is found by theirs
/// whatever email they give, people sharing an email are told apart by theirs, and someone
/// known only by email is still found by it. Before the setting is on, a number sent is not
/// kept.
async fn a_national_id_finds_its_person_whatever_the_email_and_tells_apart_those_sharing_one(
    test: TestStore,
) {
    let world = World::new(&test).await;
    let before = contacts_of(
        &world,
        vec![
            person("early@example.be", "A", 1),
            numbered("ignored@example.be", "00010100105"),
        ],
    )
    .await;
    let mut tx = world.store.begin_read().await.unwrap();
    let ignored = tx.get_contact(before[1]).await.unwrap().unwrap();
    drop(tx);
    let ContactDetails::Person(ignored) = ignored.details else {
        panic!("a person")
    };
    assert_eq!(ignored.national_id, None, "not collected: not kept");

    let patch = SettingsPatch {
        collect_national_id: Some(true),
        ..SettingsPatch::default()
    };
    settings::update(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        &patch,
        None,
    )
    .await
    .unwrap();
    let [ann, ann_again, shared_1, shared_2, shared_plain, early] = contacts_of(
        &world,
        vec![
            numbered("ann@example.be", "85.07.30-033.28"),
            numbered("ann.peeters@work.example", "85073003328"),
            numbered("family@example.be", "00.01.01-001.73"),
            numbered("family@example.be", "00.01.01-001.05"),
            person("family@example.be", "A", 1),
            numbered("early@example.be", "86.02.11-123.09"),
        ],
    )
    .await[..] else {
        panic!("six answers")
    };
    assert_eq!(
        ann_again, ann,
        "same number, another email: the same person"
    );
    assert_ne!(shared_2, shared_1, "one email, two numbers: two people");
    assert_eq!(
        shared_plain, shared_1,
        "no number: the oldest with the email"
    );
    assert_eq!(early, before[0], "known by email only: found by it");

    // Among newcomers written together, the numbered one is still found by the number.
    let mut inputs: Vec<_> = (0..8)
        .map(|n| (person(&format!("new{n}@example.be"), "A", 1), None))
        .collect();
    inputs.insert(4, (numbered("ann@elsewhere.example", "85073003328"), None));
    let answers = all_at_once(&world, inputs).await;
    assert_eq!(answers[4].as_ref().unwrap().request.request.contact, ann);
    assert!(answers.iter().all(Result::is_ok));
    // early, ignored, ann, two family members, eight newcomers.
    assert_eq!(count(&test, "SELECT count(*) FROM contacts").await, 13);
    assert_eq!(
        count(
            &test,
            "SELECT count(*) FROM contacts WHERE national_id = '85073003328'"
        )
        .await,
        1
    );
}

coopshares_store_tests::on_both_backends!(
    multi_thread;
    sixty_applicants_at_once_make_sixty_requests_contacts_emails_and_audit_rows,
    one_holders_maximum_counts_the_submissions_of_the_same_batch,
    one_idempotency_key_sent_eight_times_at_once_records_one_request,
    a_known_person_in_a_batch_of_newcomers_stays_one_person,
    a_key_taken_inside_a_batch_of_newcomers_records_it_once,
    known_persons_in_a_batch_are_linked_and_one_over_the_maximum_is_refused_alone,
    shares_already_held_count_against_the_holders_maximum,
    a_national_id_finds_its_person_whatever_the_email_and_tells_apart_those_sharing_one,
);
