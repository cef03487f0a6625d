//! The workflow's use cases on both backends: validation racing with itself, and the ledger's
//! invariants over random sequences of submissions, validations and cancellations.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use coopshares_app::AppError;
use coopshares_app::capital;
use coopshares_app::intake::{self, Decision};
use coopshares_app::payments;
use coopshares_app::ports::{Actor, EntryKind};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::ContactId;
use coopshares_domain::ledger::Side;
use coopshares_domain::outbox::EmailKind;
use coopshares_store_tests::backends::{self, TestStore};
use proptest::prelude::*;

mod support;
use support::World;

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
    /// Pays a call: in full (0), half (1) or 10.00 more than due (2).
    Pay(usize, u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1_u32..20).prop_map(Step::Submit),
        (0_usize..8).prop_map(Step::Validate),
        (0_usize..8).prop_map(Step::Cancel),
        (0_usize..8, 0_u8..3).prop_map(|(i, how)| Step::Pay(i, how)),
    ]
}

/// Plays `steps` (refused steps are simply refused) and checks the invariants: every entry
/// balances; the receivable equals what the open calls still await (minus any overpayment);
/// capital equals minus the calls not cancelled; the bank holds what was paid; a cancelled
/// call's entries cancel out; a paid call admitted its holder; numbers are gapless.
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
            Step::Pay(i, how) if !requests.is_empty() => {
                let id = requests[i % requests.len()];
                let mut tx = world.store.begin_read().await.unwrap();
                let call = tx.find_capital_call_by_request(id).await.unwrap();
                drop(tx);
                if let Some(call) = call {
                    let due = call.call.amount.minor() - call.amount_paid.minor();
                    let cents = match how {
                        0 => due,
                        1 => (due / 2).max(1),
                        _ => due + 1_000,
                    };
                    let input = payments::PaymentInput {
                        amount: format!("{}.{:02}", cents / 100, cents % 100),
                        date: "2026-03-02".to_owned(),
                        note: None,
                    };
                    let _ = payments::register_payment(
                        world.store.as_ref(),
                        world.services(),
                        &Actor::Operator,
                        call.id,
                        &input,
                    )
                    .await;
                }
            }
            _ => {}
        }
    }
    let mut tx = world.store.begin_read().await.unwrap();
    let mut paid_total = 0_i64;
    let mut called_total = 0_i64;
    let mut member_numbers = Vec::new();
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
        paid_total += call.amount_paid.minor();
        match call.state {
            CapitalCallState::Open => {
                assert_eq!(request.state.as_str(), "validated");
                assert!(call.amount_paid.minor() < call.call.amount.minor());
                assert_eq!(net, call.call.amount.minor() - call.amount_paid.minor());
                open_total += net;
                called_total += call.call.amount.minor();
            }
            CapitalCallState::Paid => {
                assert_eq!(request.state.as_str(), "paid");
                assert!(call.amount_paid.minor() >= call.call.amount.minor());
                assert_eq!(net, call.call.amount.minor() - call.amount_paid.minor());
                open_total += net;
                called_total += call.call.amount.minor();
                let holder = tx.get_contact(call.call.contact).await.unwrap().unwrap();
                assert_eq!(holder.membership.as_str(), "cooperator");
                member_numbers.extend(holder.member_number);
            }
            CapitalCallState::Cancelled => {
                assert_eq!(request.state.as_str(), "cancelled");
                assert_eq!(entries.len(), 2);
                assert_eq!(entries[1].posted.kind, EntryKind::CapitalCallCancellation);
                assert_eq!(net, 0, "a cancelled call leaves the receivable at zero");
            }
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
    assert_eq!(balance("100"), -called_total);
    assert_eq!(balance("550"), paid_total);
    // Each member admitted once, numbered 1..=n.
    member_numbers.sort_unstable();
    member_numbers.dedup();
    assert_eq!(
        member_numbers,
        (1..=u32::try_from(member_numbers.len()).unwrap()).collect::<Vec<_>>()
    );
    // Certificates: one per paid call (each payment in full is its own transaction here),
    // numbered 1..=n, and each holder's latest one states what the register says they hold.
    let mut holders: Vec<ContactId> = Vec::new();
    let mut paid_calls = 0;
    for id in &requests {
        if let Some(call) = tx.find_capital_call_by_request(*id).await.unwrap()
            && call.state == CapitalCallState::Paid
        {
            paid_calls += 1;
            if !holders.contains(&call.call.contact) {
                holders.push(call.call.contact);
            }
        }
    }
    let mut certificate_numbers = Vec::new();
    for holder in &holders {
        let issued = tx.certificates_of_contact(*holder).await.unwrap();
        let held: u64 = tx
            .register_movements_of_contact(*holder)
            .await
            .unwrap()
            .iter()
            .map(|m| u64::from(m.movement.movement.quantity().get()))
            .sum();
        assert_eq!(
            issued[0].total_quantity, held,
            "latest certificate of {holder}"
        );
        certificate_numbers.extend(issued.iter().map(|c| c.number));
    }
    certificate_numbers.sort_unstable();
    assert_eq!(
        certificate_numbers,
        (1..=paid_calls).collect::<Vec<u32>>(),
        "one certificate per change of holdings, gapless"
    );
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
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

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
                Step::Pay(1, 1),
                Step::Pay(1, 2),
                Step::Pay(2, 0),
                Step::Pay(0, 0),
            ],
        )
        .await;
    }
}
