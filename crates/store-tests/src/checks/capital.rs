//! Capital calls, the ledger, membership, accounts of a person, and email attachments: what
//! validating a request (step 2) stores.

use std::sync::Arc;

use coopshares_app::ports::{
    AccountBalance, EmailAttachment, EntryKind, NewCapitalCall, NewEmail, NewJournalEntry, NewUser,
    Store, StoreError, StoreTx,
};
use coopshares_domain::capital_call::{CapitalCallNumber, CapitalCallState};
use coopshares_domain::email::Email;
use coopshares_domain::ids::{
    CapitalCallId, ContactId, JournalEntryId, ShareTypeId, SubscriptionRequestId, UserAccountId,
};
use coopshares_domain::language::Language;
use coopshares_domain::ledger::{AccountCode, EntryLine, JournalCode, JournalEntry};
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reference::ReferenceScheme;
use coopshares_domain::user::Role;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

use crate::backends::TestStore;
use crate::checks::intake::{eur, insert_person, person, request, share_type};

pub(crate) const T0: OffsetDateTime = datetime!(2026-04-02 10:30:00.123456 UTC);

pub(crate) fn chf(cents: i64) -> Money {
    Money::from_minor(cents, Currency::parse("CHF").unwrap())
}

pub(crate) fn account(code: &str) -> AccountCode {
    AccountCode::parse(code).unwrap()
}

pub(crate) fn duplicate_rule<T: std::fmt::Debug>(result: Result<T, StoreError>) -> String {
    match result {
        Err(StoreError::Duplicate(rule)) => rule,
        other => panic!("expected a duplicate, got {other:?}"),
    }
}

/// A share type, two holders, and `requests` requests of the first holder.
pub(crate) struct Fixture {
    pub(crate) share_type: ShareTypeId,
    pub(crate) ann: ContactId,
    pub(crate) bart: ContactId,
    pub(crate) requests: Vec<SubscriptionRequestId>,
}

pub(crate) async fn fixture(t: &TestStore, requests: usize) -> Fixture {
    let mut tx = t.store.begin().await.unwrap();
    let share_type_id = tx.insert_share_type(&share_type("A"), T0).await.unwrap();
    let ann = insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await;
    let bart = insert_person(&mut *tx, person("Bart", "Claes", "bart@example.org")).await;
    let mut ids = Vec::new();
    for _ in 0..requests {
        ids.push(
            tx.insert_request(&request(ann, share_type_id, 4, T0))
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    Fixture {
        share_type: share_type_id,
        ann,
        bart,
        requests: ids,
    }
}

impl Fixture {
    /// The `sequence`-th call of 2026, on the `index`-th request, with an OGM reference.
    pub(crate) fn call(&self, index: usize, sequence: u32) -> NewCapitalCall {
        NewCapitalCall {
            number: CapitalCallNumber::new(2026, sequence).unwrap(),
            request: self.requests[index],
            contact: self.ann,
            share_type: self.share_type,
            quantity: ShareQuantity::new(4).unwrap(),
            amount: eur(100_000),
            reference: ReferenceScheme::Ogm.generate(u64::from(sequence)).unwrap(),
            issue_date: date!(2026 - 04 - 02),
            due_date: date!(2026 - 05 - 02),
            created_at: T0,
        }
    }
}

pub(crate) async fn insert_call(t: &TestStore, call: &NewCapitalCall) -> CapitalCallId {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_capital_call(call).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn a_capital_call_round_trips_whole_and_is_found_by_request_reference_and_holder(
    t: &TestStore,
) {
    let f = fixture(t, 3).await;
    let first = f.call(0, 1);
    let second = NewCapitalCall {
        reference: ReferenceScheme::Rf.generate(2).unwrap(),
        quantity: ShareQuantity::new(40).unwrap(),
        amount: eur(1_000_000),
        issue_date: date!(2026 - 12 - 31),
        due_date: date!(2027 - 01 - 30),
        created_at: T0 + Duration::hours(1),
        ..f.call(1, 2)
    };
    let in_francs = NewCapitalCall {
        contact: f.bart,
        amount: chf(7_500),
        number: CapitalCallNumber::new(2027, 1).unwrap(),
        reference: ReferenceScheme::Ogm.generate(3).unwrap(),
        ..f.call(2, 3)
    };
    let first_id = insert_call(t, &first).await;
    let second_id = insert_call(t, &second).await;
    let francs_id = insert_call(t, &in_francs).await;

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, call) in [
        (first_id, &first),
        (second_id, &second),
        (francs_id, &in_francs),
    ] {
        let stored = tx.get_capital_call(id).await.unwrap().unwrap();
        assert_eq!(stored.id, id);
        assert_eq!(&stored.call, call);
        assert_eq!(stored.state, CapitalCallState::Open);
        assert_eq!(stored.cancel_reason, None);
        assert_eq!(stored.amount_paid, Money::zero(call.amount.currency()));
        assert_eq!((stored.updated_at, stored.version), (call.created_at, 1));

        let by_request = tx.find_capital_call_by_request(call.request).await.unwrap();
        assert_eq!(by_request.as_ref(), Some(&stored));
        let by_reference = tx
            .find_capital_call_by_reference(&call.reference)
            .await
            .unwrap();
        assert_eq!(by_reference.as_ref(), Some(&stored));
    }
    assert!(
        tx.get_capital_call(CapitalCallId::new(999))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tx.find_capital_call_by_request(SubscriptionRequestId::new(999))
            .await
            .unwrap()
            .is_none()
    );
    let unknown = ReferenceScheme::Ogm.generate(4).unwrap();
    assert!(
        tx.find_capital_call_by_reference(&unknown)
            .await
            .unwrap()
            .is_none()
    );

    let of_ann = tx.capital_calls_of_contact(f.ann).await.unwrap();
    assert_eq!(
        of_ann.iter().map(|call| call.id).collect::<Vec<_>>(),
        [second_id, first_id],
        "newest first"
    );
    let of_bart = tx.capital_calls_of_contact(f.bart).await.unwrap();
    assert_eq!(
        of_bart.iter().map(|call| call.id).collect::<Vec<_>>(),
        [francs_id]
    );
    assert_eq!(of_bart[0].amount_paid, chf(0));
    assert!(
        tx.capital_calls_of_contact(ContactId::new(999))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn a_request_number_or_reference_already_called_is_a_duplicate(t: &TestStore) {
    let f = fixture(t, 2).await;
    let first = insert_call(t, &f.call(0, 1)).await;

    // Each attempt in its own transaction: after an error a transaction is unusable.
    for (attempt, rule) in [
        (f.call(0, 2), "capital_call_request"),
        (
            NewCapitalCall {
                reference: ReferenceScheme::Ogm.generate(9).unwrap(),
                ..f.call(1, 1)
            },
            "capital_call_number",
        ),
        (
            NewCapitalCall {
                reference: f.call(0, 1).reference,
                ..f.call(1, 2)
            },
            "payment_reference",
        ),
    ] {
        let mut tx = t.store.begin().await.unwrap();
        let result = tx.insert_capital_call(&attempt).await;
        assert_eq!(duplicate_rule(result), rule, "{attempt:?}");
    }

    // The same sequence in another year is another number.
    let next_year = NewCapitalCall {
        number: CapitalCallNumber::new(2027, 1).unwrap(),
        ..f.call(1, 2)
    };
    let second = insert_call(t, &next_year).await;
    let mut tx = t.store.begin_read().await.unwrap();
    let calls = tx.capital_calls_of_contact(f.ann).await.unwrap();
    assert_eq!(
        calls.iter().map(|call| call.id).collect::<Vec<_>>(),
        [second, first]
    );
}

pub async fn a_capital_call_state_change_keeps_a_reason_only_when_cancelled_and_a_stale_version_is_a_conflict(
    t: &TestStore,
) {
    let f = fixture(t, 1).await;
    let id = insert_call(t, &f.call(0, 1)).await;
    let t1 = T0 + Duration::days(1);
    let t2 = T0 + Duration::days(2);

    let mut tx = t.store.begin().await.unwrap();
    let version = tx
        .update_capital_call_state(
            id,
            1,
            CapitalCallState::Open,
            Some("not a cancellation"),
            t1,
        )
        .await
        .unwrap();
    assert_eq!(version, 2);
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_capital_call(id).await.unwrap().unwrap();
    assert_eq!(
        (stored.state, stored.cancel_reason.as_deref()),
        (CapitalCallState::Open, None),
        "a reason goes with a cancellation only"
    );
    assert_eq!((stored.updated_at, stored.version), (t1, 2));
    assert_eq!(stored.call, f.call(0, 1));
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .update_capital_call_state(id, 1, CapitalCallState::Cancelled, Some("late"), t2)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .update_capital_call_state(CapitalCallId::new(999), 1, CapitalCallState::Paid, None, t2)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    let unchanged = tx.get_capital_call(id).await.unwrap().unwrap();
    assert_eq!(unchanged, stored, "a conflict changes nothing");
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let reason = "demande annulée\npar le membre";
    assert_eq!(
        tx.update_capital_call_state(id, 2, CapitalCallState::Cancelled, Some(reason), t2)
            .await
            .unwrap(),
        3
    );
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_capital_call(id).await.unwrap().unwrap();
    assert_eq!(
        (
            stored.state,
            stored.cancel_reason.as_deref(),
            stored.updated_at,
            stored.version
        ),
        (CapitalCallState::Cancelled, Some(reason), t2, 3)
    );
}

/// Two managers validate the same request at the same moment: the store lets one call in.
pub async fn two_validations_of_one_request_at_once_record_exactly_one_capital_call(t: &TestStore) {
    let f = fixture(t, 1).await;
    // Different numbers and references: only the request is shared.
    let attempt = |store: Arc<dyn Store>, call: NewCapitalCall| async move {
        let mut tx = store.begin().await?;
        tx.insert_capital_call(&call).await?;
        tx.commit().await
    };
    let (a, b) = tokio::join!(
        attempt(Arc::clone(&t.store), f.call(0, 1)),
        attempt(Arc::clone(&t.store), f.call(0, 2)),
    );
    let outcomes = [&a, &b];
    let recorded = outcomes.iter().filter(|result| result.is_ok()).count();
    let refused = outcomes
        .iter()
        .filter(|result| {
            matches!(result, Err(StoreError::Duplicate(rule)) if rule == "capital_call_request")
        })
        .count();
    assert_eq!((recorded, refused), (1, 1), "{a:?} {b:?}");

    let winner = if a.is_ok() { 1 } else { 2 };
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx
        .find_capital_call_by_request(f.requests[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.call, f.call(0, winner));
    assert_eq!(tx.capital_calls_of_contact(f.ann).await.unwrap().len(), 1);
}

pub(crate) fn entry(date: Date, journal: JournalCode, lines: Vec<EntryLine>) -> JournalEntry {
    JournalEntry::new(date, journal, lines).unwrap()
}

/// Debit `debit`, credit `credit`, the same amount.
pub(crate) fn simple(date: Date, debit: &str, credit: &str, amount: Money) -> JournalEntry {
    entry(
        date,
        JournalCode::bank(),
        vec![
            EntryLine::debit(account(debit), amount, "débit"),
            EntryLine::credit(account(credit), amount, "crédit"),
        ],
    )
}

pub(crate) fn posted(
    entry: JournalEntry,
    kind: EntryKind,
    call: Option<CapitalCallId>,
    contact: Option<ContactId>,
) -> NewJournalEntry {
    NewJournalEntry {
        entry,
        kind,
        capital_call: call,
        contact,
        reverses: None,
        created_at: T0,
    }
}

pub(crate) async fn post(tx: &mut dyn StoreTx, entry: &NewJournalEntry) -> JournalEntryId {
    tx.post_journal_entry(entry).await.unwrap()
}

pub async fn journal_entries_round_trip_whole_in_posting_order(t: &TestStore) {
    let f = fixture(t, 2).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let other = insert_call(t, &f.call(1, 2)).await;
    let called = posted(
        entry(
            date!(2026 - 04 - 02),
            JournalCode::subscriptions(),
            vec![
                EntryLine::debit(account("410"), eur(100_000), "Appel 2026/0001 — Ann"),
                EntryLine::credit(account("100"), eur(60_000), "Capital souscrit"),
                EntryLine::credit(account("100"), eur(40_000), "Capital souscrit (2)"),
            ],
        ),
        EntryKind::CapitalCall,
        Some(call),
        Some(f.ann),
    );
    let paid = NewJournalEntry {
        created_at: T0 + Duration::microseconds(1),
        ..posted(
            simple(date!(2026 - 04 - 10), "550", "410", eur(100_000)),
            EntryKind::Payment,
            Some(call),
            None,
        )
    };
    let mut tx = t.store.begin().await.unwrap();
    let called_id = post(&mut *tx, &called).await;
    let unrelated = posted(
        simple(date!(2026 - 04 - 03), "410", "100", eur(100_000)),
        EntryKind::CapitalCall,
        Some(other),
        Some(f.ann),
    );
    post(&mut *tx, &unrelated).await;
    let loose = posted(
        simple(date!(2026 - 04 - 03), "550", "100", eur(1)),
        EntryKind::Payment,
        None,
        None,
    );
    post(&mut *tx, &loose).await;
    let paid_id = post(&mut *tx, &paid).await;
    let reversed = NewJournalEntry {
        reverses: Some(paid_id),
        ..posted(
            paid.entry.reversal(date!(2026 - 04 - 11)),
            EntryKind::PaymentReversal,
            Some(call),
            Some(f.ann),
        )
    };
    let reversed_id = post(&mut *tx, &reversed).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let entries = tx.journal_entries_of_capital_call(call).await.unwrap();
    assert_eq!(
        entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        [called_id, paid_id, reversed_id]
    );
    assert_eq!(entries[0].posted, called);
    assert_eq!(entries[1].posted, paid);
    assert_eq!(entries[2].posted, reversed);
    assert_eq!(
        tx.journal_entries_of_capital_call(other)
            .await
            .unwrap()
            .iter()
            .map(|e| &e.posted)
            .collect::<Vec<_>>(),
        [&unrelated]
    );
    assert!(
        tx.journal_entries_of_capital_call(CapitalCallId::new(999))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn an_entry_is_reversed_at_most_once(t: &TestStore) {
    let f = fixture(t, 1).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let payment = posted(
        simple(date!(2026 - 04 - 10), "550", "410", eur(100_000)),
        EntryKind::Payment,
        Some(call),
        Some(f.ann),
    );
    let mut tx = t.store.begin().await.unwrap();
    let payment_id = post(&mut *tx, &payment).await;
    let reversal = NewJournalEntry {
        reverses: Some(payment_id),
        ..posted(
            payment.entry.reversal(date!(2026 - 04 - 11)),
            EntryKind::PaymentReversal,
            Some(call),
            Some(f.ann),
        )
    };
    post(&mut *tx, &reversal).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .post_journal_entry(&NewJournalEntry {
            created_at: T0 + Duration::days(1),
            ..reversal.clone()
        })
        .await;
    assert_eq!(duplicate_rule(again), "journal_entry_reversal");
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.journal_entries_of_capital_call(call)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        tx.get_capital_call(call)
            .await
            .unwrap()
            .unwrap()
            .amount_paid,
        eur(0)
    );
}

fn balance(code: &str, currency: &str, debit_minus_credit: i64) -> AccountBalance {
    AccountBalance {
        account: account(code),
        currency: Currency::parse(currency).unwrap(),
        debit_minus_credit,
    }
}

pub async fn account_balances_add_up_by_account_and_currency_up_to_a_date(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    assert!(tx.account_balances(None).await.unwrap().is_empty());
    for (date, debit, credit, amount) in [
        (date!(2026 - 04 - 02), "410", "100", eur(100_000)),
        (date!(2026 - 04 - 03), "4562", "1013", eur(700)),
        (date!(2026 - 04 - 10), "550", "410", eur(60_000)),
        (date!(2026 - 04 - 15), "410", "100", chf(5_000)),
        (date!(2026 - 05 - 01), "550", "410", eur(40_000)),
    ] {
        let kind = if debit == "550" {
            EntryKind::Payment
        } else {
            EntryKind::CapitalCall
        };
        post(
            &mut *tx,
            &posted(simple(date, debit, credit, amount), kind, None, None),
        )
        .await;
    }
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    // By code as text (100 < 1013 < 410), then currency; a settled account stays listed.
    assert_eq!(
        tx.account_balances(None).await.unwrap(),
        [
            balance("100", "CHF", -5_000),
            balance("100", "EUR", -100_000),
            balance("1013", "EUR", -700),
            balance("410", "CHF", 5_000),
            balance("410", "EUR", 0),
            balance("4562", "EUR", 700),
            balance("550", "EUR", 100_000),
        ]
    );
    assert_eq!(
        tx.account_balances(Some(date!(2026 - 04 - 30)))
            .await
            .unwrap(),
        [
            balance("100", "CHF", -5_000),
            balance("100", "EUR", -100_000),
            balance("1013", "EUR", -700),
            balance("410", "CHF", 5_000),
            balance("410", "EUR", 40_000),
            balance("4562", "EUR", 700),
            balance("550", "EUR", 60_000),
        ]
    );
    // An entry dated on the day itself counts.
    assert_eq!(
        tx.account_balances(Some(date!(2026 - 04 - 10)))
            .await
            .unwrap(),
        [
            balance("100", "EUR", -100_000),
            balance("1013", "EUR", -700),
            balance("410", "EUR", 40_000),
            balance("4562", "EUR", 700),
            balance("550", "EUR", 60_000),
        ]
    );
    assert!(
        tx.account_balances(Some(date!(2026 - 04 - 01)))
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn the_amount_paid_is_the_payments_minus_their_reversals_in_the_calls_currency(
    t: &TestStore,
) {
    let f = fixture(t, 2).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let other = insert_call(t, &f.call(1, 2)).await;
    let on = |call: CapitalCallId, kind: EntryKind, entry: JournalEntry| {
        posted(entry, kind, Some(call), Some(f.ann))
    };
    let mut tx = t.store.begin().await.unwrap();
    // The call itself and its cancellation debit accounts too, but are no payments.
    post(
        &mut *tx,
        &on(
            call,
            EntryKind::CapitalCall,
            simple(date!(2026 - 04 - 02), "410", "100", eur(100_000)),
        ),
    )
    .await;
    post(
        &mut *tx,
        &on(
            call,
            EntryKind::CapitalCallCancellation,
            simple(date!(2026 - 04 - 03), "100", "410", eur(100_000)),
        ),
    )
    .await;
    post(
        &mut *tx,
        &on(
            call,
            EntryKind::Payment,
            entry(
                date!(2026 - 04 - 10),
                JournalCode::bank(),
                vec![
                    EntryLine::debit(account("550"), eur(25_000), "virement 1/2"),
                    EntryLine::debit(account("550"), eur(35_000), "virement 2/2"),
                    EntryLine::credit(account("410"), eur(60_000), "Ann"),
                ],
            ),
        ),
    )
    .await;
    let second = on(
        call,
        EntryKind::Payment,
        simple(date!(2026 - 04 - 20), "550", "410", eur(40_000)),
    );
    let second_id = post(&mut *tx, &second).await;
    post(
        &mut *tx,
        &NewJournalEntry {
            reverses: Some(second_id),
            ..on(
                call,
                EntryKind::PaymentReversal,
                second.entry.reversal(date!(2026 - 04 - 21)),
            )
        },
    )
    .await;
    // Not in the call's currency: not counted.
    post(
        &mut *tx,
        &on(
            call,
            EntryKind::Payment,
            simple(date!(2026 - 04 - 22), "550", "410", chf(9_999)),
        ),
    )
    .await;
    // Another call's payment.
    post(
        &mut *tx,
        &on(
            other,
            EntryKind::Payment,
            simple(date!(2026 - 04 - 22), "550", "410", eur(1_234)),
        ),
    )
    .await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_capital_call(call).await.unwrap().unwrap();
    assert_eq!(stored.amount_paid, eur(60_000));
    let by_request = tx
        .find_capital_call_by_request(f.requests[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_request.amount_paid, eur(60_000));
    let by_reference = tx
        .find_capital_call_by_reference(&f.call(1, 2).reference)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_reference.amount_paid, eur(1_234));
    let listed = tx.capital_calls_of_contact(f.ann).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|call| (call.id, call.amount_paid))
            .collect::<Vec<_>>(),
        [(other, eur(1_234)), (call, eur(60_000))]
    );
}

pub async fn membership_is_set_with_its_number_and_date_and_a_stale_version_is_a_conflict(
    t: &TestStore,
) {
    let f = fixture(t, 0).await;
    let t1 = T0 + Duration::days(1);
    let mut tx = t.store.begin().await.unwrap();
    let before = tx.get_contact(f.ann).await.unwrap().unwrap();
    assert_eq!(
        tx.set_membership(f.ann, 1, MembershipStatus::Candidate, None, None, t1)
            .await
            .unwrap(),
        2
    );
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    let candidate = tx.get_contact(f.ann).await.unwrap().unwrap();
    assert_eq!(
        (
            candidate.membership,
            candidate.member_number,
            candidate.member_since,
            candidate.version
        ),
        (MembershipStatus::Candidate, None, None, 2)
    );
    assert_eq!(candidate.details, before.details);
    assert_eq!(candidate.created_at, before.created_at);
    let since = date!(2026 - 04 - 30);
    assert_eq!(
        tx.set_membership(
            f.ann,
            2,
            MembershipStatus::Cooperator,
            Some(17),
            Some(since),
            t1
        )
        .await
        .unwrap(),
        3
    );
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .set_membership(f.ann, 2, MembershipStatus::Former, None, None, t1)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .set_membership(
            ContactId::new(999),
            1,
            MembershipStatus::Candidate,
            None,
            None,
            t1,
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    let member = tx.get_contact(f.ann).await.unwrap().unwrap();
    assert_eq!(
        (
            member.membership,
            member.member_number,
            member.member_since,
            member.version
        ),
        (MembershipStatus::Cooperator, Some(17), Some(since), 3)
    );
}

pub async fn a_member_number_belongs_to_one_contact(t: &TestStore) {
    let f = fixture(t, 0).await;
    let since = Some(date!(2026 - 04 - 30));
    let mut tx = t.store.begin().await.unwrap();
    tx.set_membership(f.ann, 1, MembershipStatus::Cooperator, Some(1), since, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let taken = tx
        .set_membership(f.bart, 1, MembershipStatus::Cooperator, Some(1), since, T0)
        .await;
    assert_eq!(duplicate_rule(taken), "member_number");
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    tx.set_membership(f.bart, 1, MembershipStatus::Cooperator, Some(2), since, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let bart = tx.get_contact(f.bart).await.unwrap().unwrap();
    assert_eq!((bart.member_number, bart.version), (Some(2), 2));
}

fn account_of(email: &str, contact: Option<ContactId>) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        role: Role::Member,
        language: Some(Language::Fr),
        contact,
        created_at: T0,
    }
}

async fn insert_account(t: &TestStore, user: &NewUser) -> UserAccountId {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_user(user).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn an_account_belongs_to_at_most_one_person_and_is_linked_once(t: &TestStore) {
    let f = fixture(t, 0).await;
    let ann_account = insert_account(t, &account_of("ann@example.org", Some(f.ann))).await;
    let unlinked = insert_account(t, &account_of("b@example.org", None)).await;
    let spare = insert_account(t, &account_of("c@example.org", None)).await;

    let mut tx = t.store.begin().await.unwrap();
    let found = tx.find_user_by_contact(f.ann).await.unwrap().unwrap();
    assert_eq!((found.id, found.contact), (ann_account, Some(f.ann)));
    assert_eq!(tx.get_user(ann_account).await.unwrap(), Some(found.clone()));
    assert_eq!(
        tx.find_user_by_email(&Email::parse("ann@example.org").unwrap())
            .await
            .unwrap(),
        Some(found)
    );
    assert!(tx.find_user_by_contact(f.bart).await.unwrap().is_none());
    assert_eq!(tx.get_user(unlinked).await.unwrap().unwrap().contact, None);
    tx.link_user_to_contact(unlinked, f.bart).await.unwrap();
    let linked = tx.find_user_by_contact(f.bart).await.unwrap().unwrap();
    assert_eq!((linked.id, linked.contact), (unlinked, Some(f.bart)));
    tx.commit().await.unwrap();

    // Already linked (to someone else or to the same person): a conflict.
    for contact in [f.ann, f.bart] {
        let mut tx = t.store.begin().await.unwrap();
        let relink = tx.link_user_to_contact(unlinked, contact).await;
        assert!(
            matches!(relink, Err(StoreError::Conflict { .. })),
            "{relink:?}"
        );
    }
    let mut tx = t.store.begin().await.unwrap();
    let second = tx.link_user_to_contact(spare, f.ann).await;
    assert_eq!(duplicate_rule(second), "user_contact");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let second = tx
        .insert_user(&account_of("d@example.org", Some(f.ann)))
        .await;
    assert_eq!(duplicate_rule(second), "user_contact");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .link_user_to_contact(UserAccountId::new(999), f.ann)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(tx.get_user(spare).await.unwrap().unwrap().contact, None);
    assert_eq!(
        tx.find_user_by_contact(f.ann).await.unwrap().unwrap().id,
        ann_account
    );
    assert_eq!(
        tx.find_user_by_contact(f.bart).await.unwrap().unwrap().id,
        unlinked
    );
}

fn email_with(n: u32, attachments: Vec<EmailAttachment>) -> NewEmail {
    NewEmail {
        kind: EmailKind::Test,
        language: Language::Fr,
        to: vec![format!("member{n}@example.org")],
        subject: format!("Demande de libération nº {n}"),
        text_body: "Bonjour,\nvoici la demande.".to_owned(),
        html_body: "<p>Bonjour,</p>".to_owned(),
        message_id: format!("a{n}@coop.example"),
        about: Some(format!("capital_call:{n}")),
        attachments,
        created_at: T0,
    }
}

pub async fn attachments_come_back_byte_for_byte_and_in_order_from_every_read(t: &TestStore) {
    // Zero bytes, invalid UTF-8, and a lone CR: nothing may be altered on the way.
    let pdf: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        .iter()
        .copied()
        .chain([0, 0, 0xff, 0xfe, 0xc3, 0x28, b'\r', 0x80, 0])
        .chain(0..=255)
        .collect();
    let two = vec![
        EmailAttachment {
            filename: "capital-release-request-2026-0001.pdf".to_owned(),
            content_type: "application/pdf".to_owned(),
            content: pdf.clone(),
        },
        EmailAttachment {
            filename: "conditions générales.txt".to_owned(),
            content_type: "text/plain; charset=utf-8".to_owned(),
            content: "Conditions — version 2\0".as_bytes().to_vec(),
        },
    ];
    let one = vec![EmailAttachment {
        filename: "certificate.pdf".to_owned(),
        content_type: "application/pdf".to_owned(),
        content: pdf.iter().rev().copied().collect(),
    }];
    let emails = [
        email_with(1, two),
        email_with(2, Vec::new()),
        email_with(3, one),
    ];
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for email in &emails {
        ids.push(tx.enqueue_email(email).await.unwrap());
    }
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, email) in ids.iter().zip(&emails) {
        let stored = tx.get_email(*id).await.unwrap().unwrap();
        assert_eq!(&stored.email, email, "get_email");
    }
    let listed = tx.list_emails(None, 10, 0).await.unwrap();
    assert_eq!(
        listed.iter().map(|e| e.id).collect::<Vec<_>>(),
        ids.iter().rev().copied().collect::<Vec<_>>()
    );
    for (record, email) in listed.iter().zip(emails.iter().rev()) {
        assert_eq!(&record.email, email, "list_emails");
    }
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let claimed = tx
        .claim_due_emails(T0, T0 + Duration::minutes(5), 10)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(claimed.iter().map(|e| e.id).collect::<Vec<_>>(), ids);
    for (record, email) in claimed.iter().zip(&emails) {
        assert_eq!(&record.email, email, "claim_due_emails");
    }
    assert_eq!(claimed[0].email.attachments[0].content, pdf);
}
