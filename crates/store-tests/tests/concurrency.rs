//! Issue #9, on both backends: many validations, payments, imports and reconciliations at the
//! same moment. Whatever the interleaving, no number is given twice or skipped, no movement is
//! stored or reconciled twice, no call is paid twice, no task waits forever, and every total
//! adds up afterwards.
//!
//! Each scenario starts its tasks together (a barrier) on a multi-threaded runtime and gives
//! them a generous deadline: a task still running by then is stuck, and the test says so. A
//! use case that reports a conflict asking to try again (`capital_call_changed`,
//! `contact_changed`, or `conflict` for a lock the database broke) is retried, as a manager or
//! a client would; any other refusal is kept and checked. An `Unexpected` error is always a
//! failure: a race must end in a result or a conflict, never in an internal error.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use coopshares_app::AppError;
use coopshares_app::capital;
use coopshares_app::payments::{self, AppliedPayment, PaymentInput};
use coopshares_app::ports::{Actor, CapitalCallRecord};
use coopshares_app::statements::{self, Allocation, ImportOutcome};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::{CapitalCallId, StatementLineId, SubscriptionRequestId};
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::reconciliation::LineState;
use coopshares_store_tests::backends::{self, TestStore};
use coopshares_store_tests::camt::{self, Entry};
use tokio::sync::Barrier;

mod support;
use support::World;

const ACCOUNT: &str = "BE71096123456769";

/// Generous: a task still running after this is stuck (a deadlock), not slow.
const DEADLINE: Duration = Duration::from_secs(90);

/// The conflicts whose message asks the caller to try again.
const RETRYABLE: &[&str] = &["capital_call_changed", "contact_changed", "conflict"];

/// More than any fair interleaving needs; a use case still conflicting after this many
/// attempts is livelocked.
const MAX_ATTEMPTS: usize = 200;

type Task<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// What one task's validations gave: each request tried and the call number it won.
type Validations = Vec<(SubscriptionRequestId, Result<u32, AppError>)>;

/// What one clerk's payments gave, call by call.
type Payments = Vec<(CapitalCallId, Tried<AppliedPayment>)>;

/// Starts every task at the same moment and waits for all of them, failing the test if one
/// panics or is still running at the deadline.
async fn at_once<T: Send + 'static>(tasks: Vec<Task<T>>) -> Vec<T> {
    let start = Arc::new(Barrier::new(tasks.len()));
    let handles: Vec<_> = tasks
        .into_iter()
        .map(|task| {
            let start = Arc::clone(&start);
            tokio::spawn(async move {
                start.wait().await;
                task.await
            })
        })
        .collect();
    let deadline = tokio::time::Instant::now() + DEADLINE;
    let mut results = Vec::new();
    for (index, handle) in handles.into_iter().enumerate() {
        match tokio::time::timeout_at(deadline, handle).await {
            Ok(Ok(result)) => results.push(result),
            Ok(Err(error)) => panic!("task {index} failed: {error}"),
            Err(_) => panic!("task {index} was still running after {DEADLINE:?}: a deadlock?"),
        }
    }
    results
}

/// The result of a use case tried until it stops asking to be tried again, and how many
/// conflicts it met on the way.
#[derive(Debug)]
struct Tried<T> {
    result: Result<T, AppError>,
    conflicts: Vec<&'static str>,
}

/// The conflicts met and retried, by code, for the test's output.
fn conflicts_met<'a, T: 'a>(
    tried: impl IntoIterator<Item = &'a Tried<T>>,
) -> BTreeMap<&'static str, usize> {
    let mut met = BTreeMap::new();
    for code in tried.into_iter().flat_map(|t| &t.conflicts) {
        *met.entry(*code).or_insert(0) += 1;
    }
    met
}

async fn retried<T, F, Fut>(mut attempt: F) -> Tried<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let mut conflicts = Vec::new();
    loop {
        let result = attempt().await;
        match &result {
            Err(error @ AppError::Conflict { code, .. }) if RETRYABLE.contains(code) => {
                conflicts.push(*code);
                assert!(
                    conflicts.len() < MAX_ATTEMPTS,
                    "still conflicting after {MAX_ATTEMPTS} attempts: {error:?}"
                );
                tokio::task::yield_now().await;
            }
            _ => return Tried { result, conflicts },
        }
    }
}

/// A race may end in a result or a conflict; an internal error means a race was not handled.
fn no_internal_error<T: std::fmt::Debug>(result: &Result<T, AppError>) {
    assert!(
        !matches!(result, Err(AppError::Unexpected(_))),
        "an internal error where a result or a conflict was due: {result:?}"
    );
}

/// `items` in an order that depends on `seed` only (xorshift, Fisher–Yates).
fn shuffled<T: Clone>(items: &[T], seed: u64) -> Vec<T> {
    let mut items = items.to_vec();
    let mut state = seed.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % u64::try_from(i + 1).unwrap()).unwrap();
        items.swap(i, j);
    }
    items
}

fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

async fn pay(world: &World, call: CapitalCallId, cents: i64) -> Result<AppliedPayment, AppError> {
    payments::register_payment(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        call,
        &PaymentInput {
            amount: money(cents),
            date: "2026-03-02".to_owned(),
            note: None,
        },
    )
    .await
}

/// Money received on the cooperative's account for `call`, with its structured reference.
fn credit_for(call: &CapitalCallRecord, date: &str, bank_reference: Option<&str>) -> Entry {
    Entry {
        cents: call.call.amount.minor(),
        date: date.to_owned(),
        structured_reference: Some(call.call.reference.as_compact().to_owned()),
        name: "A payer".to_owned(),
        bank_reference: bank_reference.map(str::to_owned),
        ..Entry::default()
    }
}

/// What the database holds once the dust has settled, after checking the invariants that
/// hold whatever happened (see [`settled_books`]).
#[derive(Debug)]
struct Books {
    calls: i64,
    paid_calls: i64,
    members: i64,
    certificates: i64,
    statement_lines: i64,
    payments: i64,
}

/// Checks, straight in the database, what no interleaving may break, and returns the counts:
/// - numbers: capital calls, member numbers and certificates are each numbered 1..=n, no
///   number twice, none skipped; each call has its own payment reference;
/// - reconciliation: a movement is stored once; a line is matched exactly when it has active
///   payments, which add up to it; no line pays the same call twice;
/// - no lost update: a call is paid exactly when its active payments reach its amount, and it
///   has then exactly one register movement; each holder holds what their paid calls
///   brought, is a cooperator with a number, and their latest certificate states it;
/// - the ledger: every entry balances, the bank holds the active payments, the receivable
///   awaits what the live calls still await, capital is what the live calls called.
async fn settled_books(test: &TestStore, world: &World) -> Books {
    let mut db = test.raw().await;
    let zero = [
        (
            "capital call numbers given twice",
            "SELECT count(*) - count(DISTINCT sequence) FROM capital_calls",
        ),
        (
            "capital call numbers skipped",
            "SELECT CAST(COALESCE(max(sequence), 0) AS BIGINT) - count(*) FROM capital_calls",
        ),
        (
            "payment references given twice",
            "SELECT count(*) - count(DISTINCT payment_reference) FROM capital_calls",
        ),
        (
            "member numbers given twice",
            "SELECT count(member_number) - count(DISTINCT member_number) FROM contacts",
        ),
        (
            "member numbers skipped",
            "SELECT CAST(COALESCE(max(member_number), 0) AS BIGINT) - count(member_number)
             FROM contacts",
        ),
        (
            "certificate numbers given twice",
            "SELECT count(*) - count(DISTINCT number) FROM certificates",
        ),
        (
            "certificate numbers skipped",
            "SELECT CAST(COALESCE(max(number), 0) AS BIGINT) - count(*) FROM certificates",
        ),
        (
            "movements stored twice",
            "SELECT count(*) - count(DISTINCT fingerprint) FROM statement_lines",
        ),
        (
            "matched lines without an active payment, or other lines with one",
            "SELECT count(*) FROM statement_lines l
             WHERE (l.state = 'matched') <> EXISTS (SELECT 1 FROM payments p
                 WHERE p.statement_line_id = l.id AND p.undone_at IS NULL)",
        ),
        (
            "matched lines whose payments do not add up to them",
            "SELECT count(*) FROM statement_lines l WHERE l.state = 'matched'
             AND l.amount_minor <> (SELECT sum(p.amount_minor) FROM payments p
                 WHERE p.statement_line_id = l.id AND p.undone_at IS NULL)",
        ),
        (
            "calls paid twice by one line",
            "SELECT count(*) FROM (SELECT capital_call_id, statement_line_id FROM payments
                 WHERE statement_line_id IS NOT NULL AND undone_at IS NULL
                 GROUP BY capital_call_id, statement_line_id HAVING count(*) > 1) twice",
        ),
        (
            "calls whose state disagrees with their payments",
            "SELECT count(*) FROM capital_calls c WHERE c.state <> 'cancelled'
             AND (c.state = 'paid') <> (COALESCE((SELECT sum(p.amount_minor) FROM payments p
                 WHERE p.capital_call_id = c.id AND p.undone_at IS NULL), 0) >= c.amount_minor)",
        ),
        (
            "requests whose state disagrees with their call",
            "SELECT count(*) FROM capital_calls c JOIN subscription_requests r
                 ON r.id = c.request_id
             WHERE (c.state = 'paid') <> (r.state = 'paid')
                OR (c.state = 'open') <> (r.state = 'validated')",
        ),
        (
            "calls without one payment entry per payment",
            "SELECT count(*) FROM capital_calls c
             WHERE (SELECT count(*) FROM journal_entries e
                    WHERE e.capital_call_id = c.id AND e.kind = 'payment')
                <> (SELECT count(*) FROM payments p WHERE p.capital_call_id = c.id)",
        ),
        (
            "calls without exactly one capital call entry",
            "SELECT count(*) FROM capital_calls c
             WHERE (SELECT count(*) FROM journal_entries e
                    WHERE e.capital_call_id = c.id AND e.kind = 'capital_call') <> 1",
        ),
        (
            "paid calls without a register movement, or other calls with one",
            "SELECT count(*) FROM capital_calls c WHERE (c.state = 'paid') <> EXISTS
                 (SELECT 1 FROM register_movements m WHERE m.capital_call_id = c.id)",
        ),
        (
            "holders whose register disagrees with their paid calls",
            "SELECT count(*) FROM contacts h
             WHERE COALESCE((SELECT sum(m.quantity) FROM register_movements m
                             WHERE m.holder_id = h.id), 0)
                <> COALESCE((SELECT sum(c.quantity) FROM capital_calls c
                             WHERE c.contact_id = h.id AND c.state = 'paid'), 0)",
        ),
        (
            "holders admitted without a number, or numbered without holding",
            "SELECT count(*) FROM contacts h
             WHERE EXISTS (SELECT 1 FROM register_movements m WHERE m.holder_id = h.id)
                <> (h.member_number IS NOT NULL AND h.membership = 'cooperator')",
        ),
        (
            "holders whose latest certificate does not state what they hold",
            "SELECT count(*) FROM contacts h
             WHERE EXISTS (SELECT 1 FROM register_movements m WHERE m.holder_id = h.id)
               AND COALESCE((SELECT k.total_quantity FROM certificates k
                             WHERE k.holder_id = h.id ORDER BY k.number DESC LIMIT 1), -1)
                <> (SELECT sum(m.quantity) FROM register_movements m WHERE m.holder_id = h.id)",
        ),
    ];
    let mut broken = Vec::new();
    for (what, sql) in zero {
        let found = db.integer(sql).await;
        if found != 0 {
            broken.push(format!("{what}: {found}"));
        }
    }
    assert!(broken.is_empty(), "broken invariants: {broken:#?}");

    let books = Books {
        calls: db.integer("SELECT count(*) FROM capital_calls").await,
        paid_calls: db
            .integer("SELECT count(*) FROM capital_calls WHERE state = 'paid'")
            .await,
        members: db
            .integer("SELECT count(member_number) FROM contacts")
            .await,
        certificates: db.integer("SELECT count(*) FROM certificates").await,
        statement_lines: db.integer("SELECT count(*) FROM statement_lines").await,
        payments: db
            .integer("SELECT count(*) FROM payments WHERE undone_at IS NULL")
            .await,
    };
    let received = db
        .integer(
            "SELECT CAST(COALESCE(sum(amount_minor), 0) AS BIGINT) FROM payments
             WHERE undone_at IS NULL",
        )
        .await;
    let called = db
        .integer(
            "SELECT CAST(COALESCE(sum(amount_minor), 0) AS BIGINT) FROM capital_calls
             WHERE state <> 'cancelled'",
        )
        .await;
    let received_on_live_calls = db
        .integer(
            "SELECT CAST(COALESCE(sum(p.amount_minor), 0) AS BIGINT) FROM payments p
             JOIN capital_calls c ON c.id = p.capital_call_id
             WHERE p.undone_at IS NULL AND c.state <> 'cancelled'",
        )
        .await;
    db.close().await;

    let mut tx = world.store.begin_read().await.unwrap();
    let balances = tx.account_balances(None).await.unwrap();
    let balance = |code: &str| {
        balances
            .iter()
            .find(|b| b.account.as_str() == code)
            .map_or(0, |b| b.debit_minus_credit)
    };
    assert_eq!(
        balances.iter().map(|b| b.debit_minus_credit).sum::<i64>(),
        0,
        "the ledger balances: {balances:?}"
    );
    assert_eq!(balance("550"), received, "the bank holds what was paid");
    assert_eq!(
        balance("100"),
        -called,
        "capital is what the live calls called"
    );
    assert_eq!(
        balance("410"),
        called - received_on_live_calls,
        "the receivable is what the live calls still await"
    );
    let instructions = tx
        .list_emails(None, 10_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.email.kind == EmailKind::PaymentInstructions)
        .count();
    assert_eq!(
        i64::try_from(instructions).unwrap(),
        books.calls,
        "one payment instructions email per call"
    );
    books
}

// --- 1. Validations ----------------------------------------------------------------------

async fn forty_requests_validated_by_eight_tasks_at_once_make_forty_calls_numbered_one_to_forty(
    test: TestStore,
) {
    let world = Arc::new(World::new(&test).await);
    let mut requests = Vec::new();
    for n in 1..=40 {
        requests.push(world.submit(n, 1 + n % 4).await);
    }
    let tasks: Vec<Task<Validations>> = (0..8)
        .map(|seed| {
            let world = Arc::clone(&world);
            let order = shuffled(&requests, seed);
            Box::pin(async move {
                let mut outcomes = Vec::new();
                for id in order {
                    let outcome = capital::validate(
                        world.store.as_ref(),
                        world.services(),
                        &Actor::Operator,
                        id,
                        None,
                    )
                    .await
                    .map(|validated| validated.call.call.number.sequence());
                    outcomes.push((id, outcome));
                }
                outcomes
            }) as Task<_>
        })
        .collect();
    let outcomes: Vec<_> = at_once(tasks).await.into_iter().flatten().collect();
    assert_eq!(outcomes.len(), 8 * 40);

    let mut numbers = Vec::new();
    for id in &requests {
        let mine: Vec<_> = outcomes.iter().filter(|(r, _)| r == id).collect();
        let won: Vec<u32> = mine
            .iter()
            .filter_map(|(_, o)| o.as_ref().ok().copied())
            .collect();
        assert_eq!(won.len(), 1, "request {id}: one validation wins: {mine:?}");
        for (_, outcome) in &mine {
            no_internal_error(outcome);
            if let Err(error) = outcome {
                assert!(
                    matches!(
                        error,
                        AppError::Conflict {
                            code: "already_validated",
                            ..
                        }
                    ),
                    "request {id}: a loser is told it was validated meanwhile: {error:?}"
                );
            }
        }
        let mut tx = world.store.begin_read().await.unwrap();
        let call = tx.find_capital_call_by_request(*id).await.unwrap().unwrap();
        assert_eq!(call.call.number.sequence(), won[0], "request {id}");
        numbers.push(won[0]);
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=40).collect::<Vec<u32>>());

    let books = settled_books(&test, &world).await;
    assert_eq!(books.calls, 40);
    assert_eq!((books.paid_calls, books.members, books.payments), (0, 0, 0));
    // Each holder got one member account and one invitation, whoever won.
    let mut db = test.raw().await;
    assert_eq!(db.integer("SELECT count(*) FROM users").await, 40);
    assert_eq!(
        db.integer("SELECT count(DISTINCT contact_id) FROM users")
            .await,
        40
    );
    db.close().await;
    let mut tx = world.store.begin_read().await.unwrap();
    let invitations = tx
        .list_emails(None, 10_000, 0)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.email.kind == EmailKind::Invitation)
        .count();
    assert_eq!(invitations, 40);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_requests_validated_by_eight_tasks_at_once_make_forty_calls_numbered_one_to_forty_on_sqlite()
 {
    forty_requests_validated_by_eight_tasks_at_once_make_forty_calls_numbered_one_to_forty(
        backends::sqlite().await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn forty_requests_validated_by_eight_tasks_at_once_make_forty_calls_numbered_one_to_forty_on_postgres()
 {
    if let Some(store) = backends::postgres().await {
        forty_requests_validated_by_eight_tasks_at_once_make_forty_calls_numbered_one_to_forty(
            store,
        )
        .await;
    }
}

// --- 2. Payments -------------------------------------------------------------------------

/// Four clerks each register a quarter of every one of ten calls, in their own order, at the
/// same moment. Two holders (members 1 and 2) have two calls each; member 1 is a cooperator
/// already, so their two calls add to existing holdings.
async fn four_clerks_paying_quarters_of_ten_calls_at_once_pay_each_call_once_in_full(
    test: TestStore,
) {
    let world = Arc::new(World::new(&test).await);
    let earlier = world.called(1, 1).await;
    pay(&world, earlier.id, earlier.call.amount.minor())
        .await
        .unwrap();
    let mut calls = Vec::new();
    for (index, member) in [1, 1, 2, 2, 3, 4, 5, 6, 7, 8].into_iter().enumerate() {
        let quantity = 4 * (1 + u32::try_from(index).unwrap() % 2);
        calls.push(world.called(member, quantity).await);
    }
    let tasks: Vec<Task<Payments>> = (0..4)
        .map(|seed| {
            let world = Arc::clone(&world);
            let order = shuffled(&calls, seed);
            Box::pin(async move {
                let mut outcomes = Vec::new();
                for call in order {
                    let quarter = call.call.amount.minor() / 4;
                    let tried = retried(|| pay(&world, call.id, quarter)).await;
                    outcomes.push((call.id, tried));
                }
                outcomes
            }) as Task<_>
        })
        .collect();
    let outcomes: Vec<_> = at_once(tasks).await.into_iter().flatten().collect();
    eprintln!(
        "{} payments; conflicts retried: {:?}",
        outcomes.len(),
        conflicts_met(outcomes.iter().map(|(_, t)| t))
    );

    let mut first_admissions = Vec::new();
    for call in &calls {
        let applied: Vec<&AppliedPayment> = outcomes
            .iter()
            .filter(|(id, _)| *id == call.id)
            .map(|(_, tried)| {
                no_internal_error(&tried.result);
                tried.result.as_ref().unwrap()
            })
            .collect();
        assert_eq!(
            applied.len(),
            4,
            "every quarter of call {} recorded",
            call.id
        );
        assert_eq!(
            applied.iter().filter(|a| a.holdings_changed).count(),
            1,
            "call {} completed once: {applied:?}",
            call.id
        );
        first_admissions.extend(applied.iter().filter_map(|a| a.member_number));
        let after = world.current_call(call.id).await;
        assert_eq!(after.state, CapitalCallState::Paid);
        assert_eq!(after.amount_paid, call.call.amount, "call {}", call.id);
        let mut tx = world.store.begin_read().await.unwrap();
        let recorded = tx.payments_of_capital_call(call.id).await.unwrap();
        assert_eq!(recorded.len(), 4);
        assert!(
            recorded
                .iter()
                .all(|p| p.is_active() && p.payment.line.is_none())
        );
    }
    // Member 1 kept number 1; the seven others were admitted once each.
    first_admissions.sort_unstable();
    assert_eq!(first_admissions, (2..=8).collect::<Vec<u32>>());
    let mut tx = world.store.begin_read().await.unwrap();
    let first = tx.get_contact(earlier.call.contact).await.unwrap().unwrap();
    assert_eq!(first.member_number, Some(1));
    let held: u32 = tx
        .register_movements_of_contact(earlier.call.contact)
        .await
        .unwrap()
        .iter()
        .map(|m| m.movement.movement.quantity().get())
        .sum();
    assert_eq!(held, 1 + 4 + 8);
    drop(tx);

    let books = settled_books(&test, &world).await;
    assert_eq!((books.calls, books.paid_calls), (11, 11));
    assert_eq!(books.members, 8);
    assert_eq!(books.payments, 1 + 40);
    // Each payment that completed a call was a transaction of its own: one certificate each.
    assert_eq!(books.certificates, 11);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_clerks_paying_quarters_of_ten_calls_at_once_pay_each_call_once_in_full_on_sqlite() {
    four_clerks_paying_quarters_of_ten_calls_at_once_pay_each_call_once_in_full(
        backends::sqlite().await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_clerks_paying_quarters_of_ten_calls_at_once_pay_each_call_once_in_full_on_postgres() {
    if let Some(store) = backends::postgres().await {
        four_clerks_paying_quarters_of_ten_calls_at_once_pay_each_call_once_in_full(store).await;
    }
}

/// A cooperator's two new calls paid in full at the same moment: both admissions add to the
/// holdings, and the certificate issued last states both.
async fn a_cooperators_two_calls_paid_at_once_end_in_one_certificate_stating_both(test: TestStore) {
    let world = Arc::new(World::new(&test).await);
    let earlier = world.called(1, 1).await;
    pay(&world, earlier.id, earlier.call.amount.minor())
        .await
        .unwrap();
    let rounds: u32 = 5;
    for round in 0..rounds {
        let a = world.called(1, 2).await;
        let b = world.called(1, 3).await;
        let tasks: Vec<Task<Tried<AppliedPayment>>> = [a, b]
            .into_iter()
            .map(|call| {
                let world = Arc::clone(&world);
                Box::pin(
                    async move { retried(|| pay(&world, call.id, call.call.amount.minor())).await },
                ) as Task<_>
            })
            .collect();
        for tried in at_once(tasks).await {
            no_internal_error(&tried.result);
            let applied = tried.result.unwrap();
            assert!(applied.holdings_changed, "round {round}");
            assert_eq!(applied.member_number, None, "round {round}");
        }
        let mut tx = world.store.begin_read().await.unwrap();
        let issued = tx
            .certificates_of_contact(earlier.call.contact)
            .await
            .unwrap();
        let held: u64 = tx
            .register_movements_of_contact(earlier.call.contact)
            .await
            .unwrap()
            .iter()
            .map(|m| u64::from(m.movement.movement.quantity().get()))
            .sum();
        assert_eq!(held, 1 + 5 * u64::from(round + 1));
        assert_eq!(
            issued[0].total_quantity,
            held,
            "round {round}: the latest certificate states all {held} shares: {:?}",
            issued
                .iter()
                .map(|c| (c.number, c.total_quantity))
                .collect::<Vec<_>>()
        );
    }
    let books = settled_books(&test, &world).await;
    let calls = 1 + 2 * i64::from(rounds);
    assert_eq!(
        (books.calls, books.paid_calls, books.members),
        (calls, calls, 1)
    );
    assert_eq!(books.certificates, calls);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cooperators_two_calls_paid_at_once_end_in_one_certificate_stating_both_on_sqlite() {
    a_cooperators_two_calls_paid_at_once_end_in_one_certificate_stating_both(
        backends::sqlite().await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_cooperators_two_calls_paid_at_once_end_in_one_certificate_stating_both_on_postgres() {
    if let Some(store) = backends::postgres().await {
        a_cooperators_two_calls_paid_at_once_end_in_one_certificate_stating_both(store).await;
    }
}

// --- 3. Imports --------------------------------------------------------------------------

/// Three statements that overlap (the third lists its shared movements in the other order)
/// and two of them sent twice, all imported at the same moment against six open calls.
async fn overlapping_statements_imported_at_once_store_each_movement_once_and_pay_each_call_once(
    test: TestStore,
) {
    let world = Arc::new(World::new(&test).await);
    let mut calls = Vec::new();
    for n in 1..=6 {
        calls.push(world.called(n, 1 + n % 3).await);
    }
    // Half the movements carry the bank's reference, half are known by their content.
    let paying: Vec<Entry> = calls
        .iter()
        .enumerate()
        .map(|(index, call)| {
            let reference = format!("BANK-{index}");
            credit_for(
                call,
                if index % 2 == 0 {
                    "2026-03-01"
                } else {
                    "2026-03-02"
                },
                (index % 2 == 0).then_some(reference.as_str()),
            )
        })
        .collect();
    let gift = Entry {
        cents: 700,
        date: "2026-03-02".to_owned(),
        free_text: "gift".to_owned(),
        name: "A friend".to_owned(),
        ..Entry::default()
    };
    let fee = Entry {
        cents: -250,
        date: "2026-03-02".to_owned(),
        free_text: "fees".to_owned(),
        name: "Bank".to_owned(),
        ..Entry::default()
    };
    let first = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            paying[0].clone(),
            paying[1].clone(),
            paying[2].clone(),
            paying[3].clone(),
            gift.clone(),
        ],
    );
    let second = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            paying[2].clone(),
            paying[3].clone(),
            paying[4].clone(),
            paying[5].clone(),
        ],
    );
    let third = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            paying[5].clone(),
            paying[3].clone(),
            paying[0].clone(),
            fee.clone(),
        ],
    );
    let files = [
        (0_usize, first.clone()),
        (0, first),
        (1, second.clone()),
        (1, second),
        (2, third),
    ];
    let sizes = [5, 4, 4];
    let tasks: Vec<Task<(usize, Tried<ImportOutcome>)>> = files
        .into_iter()
        .map(|(file, text)| {
            let world = Arc::clone(&world);
            Box::pin(async move { (file, retried(|| world.import(&text)).await) }) as Task<_>
        })
        .collect();
    let outcomes = at_once(tasks).await;
    eprintln!(
        "5 imports; conflicts retried: {:?}",
        conflicts_met(outcomes.iter().map(|(_, t)| t))
    );

    let mut statements = BTreeMap::new();
    for (file, tried) in &outcomes {
        no_internal_error(&tried.result);
        let outcome = tried.result.as_ref().unwrap();
        let id = *statements.entry(*file).or_insert(outcome.statement.id);
        assert_eq!(
            id, outcome.statement.id,
            "file {file}: the same file is one import"
        );
        if !outcome.already_imported {
            assert_eq!(
                i64::try_from(outcome.known_lines).unwrap() + outcome.statement.lines,
                sizes[*file],
                "file {file}: each movement stored or known: {outcome:?}"
            );
        }
    }
    for file in [0, 1] {
        let fresh = outcomes
            .iter()
            .filter(|(f, t)| *f == file && !t.result.as_ref().unwrap().already_imported)
            .count();
        assert_eq!(
            fresh, 1,
            "file {file} imported once, found once: {outcomes:?}"
        );
    }
    let distinct: BTreeSet<_> = statements.values().collect();
    assert_eq!(distinct.len(), 3);

    let mut tx = world.store.begin_read().await.unwrap();
    assert_eq!(tx.list_bank_statements(10).await.unwrap().len(), 3);
    let mut lines = Vec::new();
    for id in distinct {
        lines.extend(tx.lines_of_statement(*id).await.unwrap());
    }
    assert_eq!(lines.len(), 8, "each of the 8 movements stored once");
    let state = |cents: i64| {
        lines
            .iter()
            .filter(|l| l.line.amount.minor() == cents)
            .map(|l| l.line.state)
            .collect::<Vec<_>>()
    };
    assert_eq!(state(700), [LineState::Unmatched]);
    assert_eq!(state(-250), [LineState::Ignored]);
    for call in &calls {
        let after = tx.get_capital_call(call.id).await.unwrap().unwrap();
        assert_eq!(after.state, CapitalCallState::Paid, "call {}", call.id);
        assert_eq!(after.amount_paid, call.call.amount);
        let paid = tx.payments_of_capital_call(call.id).await.unwrap();
        assert_eq!(paid.len(), 1, "call {} paid once: {paid:?}", call.id);
        let line = paid[0].payment.line.unwrap();
        assert!(
            lines
                .iter()
                .any(|l| l.id == line && l.line.state == LineState::Matched)
        );
    }
    drop(tx);

    let books = settled_books(&test, &world).await;
    assert_eq!((books.calls, books.paid_calls, books.members), (6, 6, 6));
    assert_eq!((books.statement_lines, books.payments), (8, 6));
    assert_eq!(books.certificates, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn overlapping_statements_imported_at_once_store_each_movement_once_and_pay_each_call_once_on_sqlite()
 {
    overlapping_statements_imported_at_once_store_each_movement_once_and_pay_each_call_once(
        backends::sqlite().await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn overlapping_statements_imported_at_once_store_each_movement_once_and_pay_each_call_once_on_postgres()
 {
    if let Some(store) = backends::postgres().await {
        overlapping_statements_imported_at_once_store_each_movement_once_and_pay_each_call_once(
            store,
        )
        .await;
    }
}

// --- 4. Everything at once ---------------------------------------------------------------

/// What one task of the mixed scenario did.
#[derive(Debug)]
enum Done {
    Validated(Validations),
    Paid(Payments),
    Imported(Tried<ImportOutcome>),
    Matched(CapitalCallId, Tried<Vec<AppliedPayment>>),
}

/// Validations, payments by hand, two imports of one statement and two managers matching one
/// line, all at the same moment; some on data of their own, some on data they share:
/// - member 201, whose call is being paid, has a second request being validated;
/// - the call of member 401 is paid by hand while the statement pays it too;
/// - one unreferenced line is matched to two different calls by two managers.
async fn validations_payments_imports_and_matches_at_once_keep_every_number_and_total(
    test: TestStore,
) {
    let world = Arc::new(World::new(&test).await);
    let by_hand = [
        world.called(201, 2).await,
        world.called(202, 4).await,
        world.called(203, 2).await,
        world.called(204, 4).await,
    ];
    let by_file = [
        world.called(301, 1).await,
        world.called(302, 2).await,
        world.called(303, 3).await,
        world.called(304, 4).await,
    ];
    let both = world.called(401, 2).await;
    let either = [world.called(501, 1).await, world.called(502, 1).await];
    // An unreferenced line already imported, waiting for a manager.
    let waiting = camt::statement(
        ACCOUNT,
        0,
        None,
        &[Entry {
            cents: 12_550,
            date: "2026-03-01".to_owned(),
            free_text: "parts sociales".to_owned(),
            name: "Someone".to_owned(),
            ..Entry::default()
        }],
    );
    let waiting = world.import(&waiting).await.unwrap();
    let mut tx = world.store.begin_read().await.unwrap();
    let line: StatementLineId = tx.lines_of_statement(waiting.statement.id).await.unwrap()[0].id;
    drop(tx);
    let mut requests = Vec::new();
    for n in 101..=110 {
        requests.push(world.submit(n, 1 + n % 3).await);
    }
    requests.push(world.submit(201, 3).await);

    let mut entries: Vec<Entry> = by_file
        .iter()
        .map(|call| credit_for(call, "2026-03-02", None))
        .collect();
    entries.push(credit_for(&both, "2026-03-01", Some("BOTH")));
    let file = camt::statement(ACCOUNT, 0, None, &entries);

    let mut tasks: Vec<Task<Done>> = Vec::new();
    for seed in 0..3 {
        let world = Arc::clone(&world);
        let order = shuffled(&requests, seed);
        tasks.push(Box::pin(async move {
            let mut outcomes = Vec::new();
            for id in order {
                let outcome = capital::validate(
                    world.store.as_ref(),
                    world.services(),
                    &Actor::Operator,
                    id,
                    None,
                )
                .await
                .map(|validated| validated.call.call.number.sequence());
                outcomes.push((id, outcome));
            }
            Done::Validated(outcomes)
        }));
    }
    for seed in 0..2 {
        let world = Arc::clone(&world);
        let mut order: Vec<(CapitalCallId, i64)> = shuffled(&by_hand, seed)
            .iter()
            .map(|call| (call.id, call.call.amount.minor() / 2))
            .collect();
        if seed == 0 {
            order.insert(1, (both.id, both.call.amount.minor()));
        }
        tasks.push(Box::pin(async move {
            let mut outcomes = Vec::new();
            for (id, cents) in order {
                outcomes.push((id, retried(|| pay(&world, id, cents)).await));
            }
            Done::Paid(outcomes)
        }));
    }
    for _ in 0..2 {
        let world = Arc::clone(&world);
        let file = file.clone();
        tasks.push(Box::pin(async move {
            Done::Imported(retried(|| world.import(&file)).await)
        }));
    }
    for call in &either {
        let world = Arc::clone(&world);
        let id = call.id;
        tasks.push(Box::pin(async move {
            let allocation = [Allocation {
                capital_call_id: id,
                amount: None,
            }];
            let tried = retried(|| {
                statements::match_line(
                    world.store.as_ref(),
                    world.services(),
                    &Actor::Operator,
                    line,
                    &allocation,
                )
            })
            .await;
            Done::Matched(id, tried)
        }));
    }
    let done = at_once(tasks).await;

    // Validations: each request once, the others told so.
    let mut validated: BTreeMap<SubscriptionRequestId, u32> = BTreeMap::new();
    let mut paid_by_hand: Vec<(CapitalCallId, Result<AppliedPayment, AppError>)> = Vec::new();
    let mut imports = Vec::new();
    let mut matches = Vec::new();
    let mut conflicts = Vec::new();
    for task in done {
        match task {
            Done::Validated(outcomes) => {
                for (id, outcome) in outcomes {
                    no_internal_error(&outcome);
                    match outcome {
                        Ok(number) => {
                            assert!(validated.insert(id, number).is_none(), "{id} twice");
                        }
                        Err(error) => assert!(
                            matches!(
                                error,
                                AppError::Conflict {
                                    code: "already_validated",
                                    ..
                                }
                            ),
                            "{id}: {error:?}"
                        ),
                    }
                }
            }
            Done::Paid(outcomes) => {
                for (id, tried) in outcomes {
                    conflicts.extend(tried.conflicts);
                    paid_by_hand.push((id, tried.result));
                }
            }
            Done::Imported(tried) => {
                conflicts.extend(tried.conflicts);
                imports.push(tried.result);
            }
            Done::Matched(id, tried) => {
                conflicts.extend(tried.conflicts);
                matches.push((id, tried.result));
            }
        }
    }
    eprintln!("conflicts retried: {conflicts:?}");
    assert_eq!(validated.len(), requests.len());
    let numbers: BTreeSet<u32> = validated.values().copied().collect();
    assert_eq!(
        numbers.len(),
        requests.len(),
        "no number twice: {validated:?}"
    );

    // Payments by hand on calls of their own: every half recorded.
    for call in &by_hand {
        let halves: Vec<_> = paid_by_hand
            .iter()
            .filter(|(id, _)| *id == call.id)
            .collect();
        assert_eq!(halves.len(), 2);
        for (_, outcome) in halves {
            no_internal_error(outcome);
            assert!(outcome.is_ok(), "call {}: {outcome:?}", call.id);
        }
        let after = world.current_call(call.id).await;
        assert_eq!(after.state, CapitalCallState::Paid);
        assert_eq!(after.amount_paid, call.call.amount);
    }

    // The statement: one import, found by the other.
    for outcome in &imports {
        no_internal_error(outcome);
    }
    let imported: Vec<&ImportOutcome> = imports.iter().map(|o| o.as_ref().unwrap()).collect();
    assert_eq!(imported[0].statement.id, imported[1].statement.id);
    assert_eq!(imported.iter().filter(|o| o.already_imported).count(), 1);
    for call in &by_file {
        let after = world.current_call(call.id).await;
        assert_eq!(after.state, CapitalCallState::Paid, "call {}", call.id);
        assert_eq!(after.amount_paid, call.call.amount);
    }

    // The call paid twice over at once is paid once: by hand, or by the statement's line,
    // which then waits for a manager.
    let (_, by_clerk) = paid_by_hand.iter().find(|(id, _)| *id == both.id).unwrap();
    no_internal_error(by_clerk);
    let mut tx = world.store.begin_read().await.unwrap();
    let paid = tx.payments_of_capital_call(both.id).await.unwrap();
    assert_eq!(paid.len(), 1, "paid once: {paid:?}");
    let lines = tx
        .lines_of_statement(imported[0].statement.id)
        .await
        .unwrap();
    let line_of_both = lines
        .iter()
        .find(|l| l.line.bank_reference.as_deref() == Some("BOTH"))
        .unwrap();
    match by_clerk {
        Ok(_) => {
            assert_eq!(paid[0].payment.line, None);
            assert_eq!(line_of_both.line.state, LineState::Unmatched);
        }
        Err(error) => {
            assert!(
                matches!(
                    error,
                    AppError::Conflict {
                        code: "capital_call_not_open",
                        ..
                    }
                ),
                "{error:?}"
            );
            assert_eq!(paid[0].payment.line, Some(line_of_both.id));
            assert_eq!(line_of_both.line.state, LineState::Matched);
        }
    }
    assert_eq!(
        tx.get_capital_call(both.id).await.unwrap().unwrap().state,
        CapitalCallState::Paid
    );

    // One line, two managers: it pays one call, and the other manager is told.
    let won: Vec<_> = matches.iter().filter(|(_, o)| o.is_ok()).collect();
    assert_eq!(won.len(), 1, "{matches:?}");
    let (winner, _) = won[0];
    for (id, outcome) in &matches {
        no_internal_error(outcome);
        let after = tx.get_capital_call(*id).await.unwrap().unwrap();
        if id == winner {
            assert_eq!(after.state, CapitalCallState::Paid);
        } else {
            assert!(
                matches!(
                    outcome,
                    Err(AppError::Conflict {
                        code: "line_not_unmatched",
                        ..
                    })
                ),
                "{outcome:?}"
            );
            assert_eq!(after.state, CapitalCallState::Open);
            assert!(after.amount_paid.is_zero());
        }
    }
    let on_line = tx.payments_of_statement_line(line).await.unwrap();
    assert_eq!(on_line.len(), 1, "{on_line:?}");
    // Member 201 was admitted once and kept a second, validated call.
    let holder = tx
        .get_contact(by_hand[0].call.contact)
        .await
        .unwrap()
        .unwrap();
    assert!(holder.member_number.is_some());
    let theirs = tx
        .capital_calls_of_contact(by_hand[0].call.contact)
        .await
        .unwrap();
    assert_eq!(theirs.len(), 2);
    drop(tx);

    let books = settled_books(&test, &world).await;
    let setup_calls = 4 + 4 + 1 + 2;
    assert_eq!(
        books.calls,
        setup_calls + i64::try_from(requests.len()).unwrap()
    );
    // By hand 4, by file 4, the shared call, the matched line.
    assert_eq!(books.paid_calls, 10);
    assert_eq!(books.members, 10);
    assert_eq!(books.certificates, 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn validations_payments_imports_and_matches_at_once_keep_every_number_and_total_on_sqlite() {
    validations_payments_imports_and_matches_at_once_keep_every_number_and_total(
        backends::sqlite().await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn validations_payments_imports_and_matches_at_once_keep_every_number_and_total_on_postgres()
{
    if let Some(store) = backends::postgres().await {
        validations_payments_imports_and_matches_at_once_keep_every_number_and_total(store).await;
    }
}
