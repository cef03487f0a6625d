//! The workflow's use cases on both backends: validation racing with itself, and the ledger's
//! invariants over random sequences of submissions, validations and cancellations.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use std::sync::Arc;

use coopshares_app::AppError;
use coopshares_app::capital::{self, Services};
use coopshares_app::clock::FixedClock;
use coopshares_app::email::Mailer;
use coopshares_app::intake::{self, Decision};
use coopshares_app::ports::{Actor, EntryKind, Store};
use coopshares_app::settings::{self, SettingsPatch};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_documents::PdfRenderer;
use coopshares_domain::application::ApplicationInput;
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::SubscriptionRequestId;
use coopshares_domain::language::Language;
use coopshares_domain::ledger::Side;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::subscription::Channel;
use coopshares_store_tests::backends::{self, TestStore};
use proptest::prelude::*;
use time::macros::datetime;

struct World {
    store: Arc<dyn Store>,
    mailer: Mailer,
    clock: FixedClock,
    documents: PdfRenderer,
}

impl World {
    async fn new(test: &TestStore) -> World {
        let world = World {
            store: Arc::clone(&test.store),
            mailer: Mailer {
                renderer: Arc::new(coopshares_mail::Templates::new().unwrap()),
                message_id_domain: "coop.example".to_owned(),
                base_url: "http://localhost:8080".to_owned(),
            },
            clock: FixedClock::new(datetime!(2026-03-02 10:00:00 UTC)),
            documents: PdfRenderer,
        };
        let patch: SettingsPatch = serde_json::from_value(serde_json::json!({
            "name": "Énergie Citoyenne SC",
            "iban": "BE71 0961 2345 6769",
        }))
        .unwrap();
        settings::update(
            world.store.as_ref(),
            &world.clock,
            &Actor::Operator,
            &patch,
            None,
        )
        .await
        .unwrap();
        share_types::create(
            world.store.as_ref(),
            &world.clock,
            &Actor::Operator,
            &ShareTypeInput {
                code: "A".to_owned(),
                name_fr: "Part A".to_owned(),
                nominal_value: "125.50".to_owned(),
                for_persons: true,
                for_entities: true,
                min_quantity: "1".to_owned(),
                max_quantity: String::new(),
                on_public_form: true,
                ..ShareTypeInput::default()
            },
        )
        .await
        .unwrap();
        world
    }

    fn services(&self) -> Services<'_> {
        Services {
            mailer: &self.mailer,
            documents: &self.documents,
            clock: &self.clock,
        }
    }

    async fn submit(&self, n: u32, quantity: u32) -> SubscriptionRequestId {
        let input: ApplicationInput = serde_json::from_value(serde_json::json!({
            "applicant": {
                "kind": "person", "first_name": "Zoë", "last_name": format!("Member {n}"),
                "email": format!("member{n}@example.be"), "birth_date": "1980-01-01",
                "language": "fr", "iban": "BE71 0961 2345 6769",
                "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
            },
            "share_type": "A", "quantity": quantity,
            "consents": ["data_policy", "statutes", "financial_risk"]
        }))
        .unwrap();
        intake::submit(
            self.store.as_ref(),
            &self.mailer,
            &self.clock,
            &Actor::Operator,
            Channel::Api,
            &input,
            Language::Fr,
            None,
            None,
            None,
        )
        .await
        .unwrap()
        .request
        .id
    }
}

async fn two_validations_at_once_make_one_call(test: TestStore) {
    let world = World::new(&test).await;
    let id = world.submit(1, 3).await;
    let (a, b) = tokio::join!(
        capital::validate(
            world.store.as_ref(),
            world.services(),
            &Actor::Operator,
            id,
            None
        ),
        capital::validate(
            world.store.as_ref(),
            world.services(),
            &Actor::Operator,
            id,
            None
        ),
    );
    let outcomes = [a, b];
    let won: Vec<_> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "exactly one validation wins: {outcomes:?}");
    let lost = outcomes.iter().find_map(|o| o.as_ref().err()).unwrap();
    assert!(
        matches!(
            lost,
            AppError::Conflict {
                code: "already_validated" | "request_changed",
                ..
            }
        ),
        "{lost:?}"
    );
    let mut tx = world.store.begin_read().await.unwrap();
    let call = tx.find_capital_call_by_request(id).await.unwrap().unwrap();
    assert_eq!(call.call.number.to_string(), "2026/0001");
    assert_eq!(call.call.amount.to_string(), "376.50");
    let instructions = tx
        .list_emails(None, 100, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.email.kind == EmailKind::PaymentInstructions)
        .count();
    assert_eq!(instructions, 1);
    let entries = tx.journal_entries_of_capital_call(call.id).await.unwrap();
    assert_eq!(entries.len(), 1);
}

#[tokio::test]
async fn two_validations_at_once_make_one_call_on_sqlite() {
    two_validations_at_once_make_one_call(backends::sqlite().await.unwrap()).await;
}

#[tokio::test]
async fn two_validations_at_once_make_one_call_on_postgres() {
    if let Some(store) = backends::postgres().await {
        two_validations_at_once_make_one_call(store).await;
    }
}

/// One step of a random history.
#[derive(Debug, Clone)]
enum Step {
    Submit(u32),
    Validate(usize),
    Cancel(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1_u32..20).prop_map(Step::Submit),
        (0_usize..8).prop_map(Step::Validate),
        (0_usize..8).prop_map(Step::Cancel),
    ]
}

/// Plays `steps` (refused steps are simply refused) and checks the invariants: every entry
/// balances; the receivable equals the amounts of the open calls; capital equals minus the
/// receivable (no payments yet); a cancelled call's entries cancel out.
async fn play(test: TestStore, steps: Vec<Step>) {
    let world = World::new(&test).await;
    let mut requests = Vec::new();
    for (n, step) in steps.into_iter().enumerate() {
        match step {
            Step::Submit(quantity) => {
                requests.push(world.submit(u32::try_from(n).unwrap(), quantity).await);
            }
            Step::Validate(i) if !requests.is_empty() => {
                let id = requests[i % requests.len()];
                let _ = capital::validate(
                    world.store.as_ref(),
                    world.services(),
                    &Actor::Operator,
                    id,
                    None,
                )
                .await;
            }
            Step::Cancel(i) if !requests.is_empty() => {
                let id = requests[i % requests.len()];
                let _ = intake::decide(
                    world.store.as_ref(),
                    &world.mailer,
                    &world.clock,
                    &Actor::Operator,
                    id,
                    Decision::Cancel("random".to_owned()),
                    None,
                )
                .await;
            }
            _ => {}
        }
    }
    let mut tx = world.store.begin_read().await.unwrap();
    let mut open_total = 0_i64;
    let mut receivable_from_entries = 0_i64;
    for id in &requests {
        let Some(call) = tx.find_capital_call_by_request(*id).await.unwrap() else {
            continue;
        };
        let request = tx.get_request(*id).await.unwrap().unwrap();
        let entries = tx.journal_entries_of_capital_call(call.id).await.unwrap();
        let mut net = 0_i64;
        for posted in &entries {
            let lines = posted.posted.entry.lines();
            let debit: i64 = lines
                .iter()
                .filter(|l| l.side == Side::Debit)
                .map(|l| l.amount.minor())
                .sum();
            let credit: i64 = lines
                .iter()
                .filter(|l| l.side == Side::Credit)
                .map(|l| l.amount.minor())
                .sum();
            assert_eq!(debit, credit, "entry {} balances", posted.id);
            let receivable: i64 = lines
                .iter()
                .filter(|l| l.account.as_str() == "410")
                .map(|l| match l.side {
                    Side::Debit => l.amount.minor(),
                    Side::Credit => -l.amount.minor(),
                })
                .sum();
            net += receivable;
        }
        match call.state {
            CapitalCallState::Open => {
                assert_eq!(request.state.as_str(), "validated");
                assert_eq!(entries.len(), 1);
                assert_eq!(net, call.call.amount.minor());
                open_total += call.call.amount.minor();
            }
            CapitalCallState::Cancelled => {
                assert_eq!(request.state.as_str(), "cancelled");
                assert_eq!(entries.len(), 2);
                assert_eq!(entries[1].posted.kind, EntryKind::CapitalCallCancellation);
                assert_eq!(net, 0, "a cancelled call leaves the receivable at zero");
            }
            CapitalCallState::Paid => panic!("nothing is paid in this history"),
        }
        receivable_from_entries += net;
    }
    let balances = tx.account_balances(None).await.unwrap();
    let balance = |code: &str| {
        balances
            .iter()
            .find(|b| b.account.as_str() == code)
            .map_or(0, |b| b.debit_minus_credit)
    };
    assert_eq!(balance("410"), open_total);
    assert_eq!(balance("410"), receivable_from_entries);
    assert_eq!(balance("100"), -open_total);
    // Numbers are gapless: the calls are numbered 1..=n in the year.
    let mut numbers = Vec::new();
    for id in &requests {
        if let Some(call) = tx.find_capital_call_by_request(*id).await.unwrap() {
            numbers.push(call.call.number.sequence());
        }
    }
    numbers.sort_unstable();
    assert_eq!(
        numbers,
        (1..=u32::try_from(numbers.len()).unwrap()).collect::<Vec<_>>()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_stays_balanced_over_random_histories(steps in prop::collection::vec(step(), 1..14)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            play(backends::sqlite().await.unwrap(), steps).await;
        });
    }
}

#[tokio::test]
async fn a_fixed_history_keeps_the_same_invariants_on_postgres() {
    if let Some(store) = backends::postgres().await {
        play(
            store,
            vec![
                Step::Submit(2),
                Step::Submit(5),
                Step::Validate(0),
                Step::Validate(1),
                Step::Cancel(0),
                Step::Submit(1),
                Step::Validate(2),
                Step::Validate(2),
            ],
        )
        .await;
    }
}
