//! The batch methods of the port: each does what its single-row method does for every row, in
//! the order given, in one call of up to `ROWS_PER_BATCH` rows; a batch of versioned changes
//! fails as a whole when one row is stale.

use std::collections::BTreeSet;

use coopshares_app::ports::{
    CapitalCallRecord, ContactRecord, EntryKind, MembershipChange, NewJournalEntry, NewPayment,
    NewRegisterMovement, NewStatementLine, PaymentRecord, ROWS_PER_BATCH, RequestRecord, Sequence,
    StateChange, StoreTx,
};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::{
    CapitalCallId, ContactId, JournalEntryId, ShareTypeId, StatementLineId, SubscriptionRequestId,
};
use coopshares_domain::ledger::{EntryLine, JournalCode};
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::register::{
    ConversionSource, MovementKind, MovementParts, RegisterMovement,
};
use coopshares_domain::subscription::RequestState;
use time::macros::date;
use time::{Date, Duration};

use crate::backends::{RawConnection, TestStore};
use crate::checks::banking::{
    conflict, insert_lines, insert_statement, line, movement, payment_entry, statement,
};
use crate::checks::capital::{
    T0, account, chf, duplicate_rule, entry, fixture, insert_call, post, posted, simple,
};
use crate::checks::intake::{eur, insert_person, person, request, share_type};
use crate::checks::{race, single_winner};

fn quantity(n: u32) -> ShareQuantity {
    ShareQuantity::new(n).unwrap()
}

fn distinct<T: Ord + Copy>(ids: impl IntoIterator<Item = T>) -> usize {
    ids.into_iter().collect::<BTreeSet<T>>().len()
}

pub async fn statement_lines_stored_in_one_batch_come_back_in_the_order_given_and_known_fingerprints_are_skipped(
    t: &TestStore,
) {
    let first = insert_statement(t, &statement("batch-a")).await;
    let second = insert_statement(t, &statement("batch-b")).await;
    let known = NewStatementLine {
        amount: eur(111),
        ..line(first, "fp-known", 1)
    };
    insert_lines(t, std::slice::from_ref(&known)).await;

    // Every stored line differs from the others in amount, position and more; the file
    // order (position) is not the order given.
    let batch = [
        NewStatementLine {
            amount: eur(20_001),
            value_date: date!(2026 - 04 - 01),
            ..line(second, "fp-a", 3)
        },
        NewStatementLine {
            amount: eur(-20_002),
            counterparty_name: None,
            structured_reference: None,
            state: LineState::Ignored,
            note: Some("debit".to_owned()),
            ..line(second, "fp-b", 1)
        },
        // Stored before: skipped, the stored line unchanged.
        NewStatementLine {
            amount: eur(20_003),
            ..line(second, "fp-known", 4)
        },
        NewStatementLine {
            amount: chf(-20_004),
            reversal: true,
            free_text: "Retour — refusé".to_owned(),
            state: LineState::Ignored,
            note: Some("reversal".to_owned()),
            ..line(second, "fp-c", 2)
        },
        // Repeats a fingerprint earlier in the same batch: skipped.
        NewStatementLine {
            amount: eur(20_005),
            ..line(second, "fp-a", 5)
        },
        NewStatementLine {
            amount: eur(20_006),
            account: None,
            ..line(second, "fp-d", 6)
        },
    ];
    let mut tx = t.store.begin().await.unwrap();
    let ids = tx.insert_statement_lines(&batch).await.unwrap();
    assert_eq!(ids.len(), batch.len(), "one answer per line: {ids:?}");
    let skipped: Vec<bool> = ids.iter().map(Option::is_none).collect();
    assert_eq!(
        skipped,
        [false, false, true, false, true, false],
        "a known fingerprint, stored before or earlier in the batch, is None: {ids:?}"
    );
    let stored: Vec<(StatementLineId, &NewStatementLine)> = ids
        .iter()
        .zip(&batch)
        .filter_map(|(id, line)| id.map(|id| (id, line)))
        .collect();
    assert_eq!(distinct(stored.iter().map(|(id, _)| *id)), stored.len());
    // Skipping lines leaves the transaction usable.
    let later = tx
        .insert_statement_line(&line(second, "fp-e", 7))
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, expected) in &stored {
        let record = tx.get_statement_line(*id).await.unwrap().unwrap();
        assert_eq!(record.id, *id);
        assert_eq!(
            &record.line, *expected,
            "the id at a line's position reads back that line"
        );
        assert_eq!(record.version, 1);
    }
    let of_second = tx.lines_of_statement(second).await.unwrap();
    assert_eq!(
        of_second.iter().map(|l| l.id).collect::<Vec<_>>(),
        [
            ids[1].unwrap(),
            ids[3].unwrap(),
            ids[0].unwrap(),
            ids[5].unwrap(),
            later
        ],
        "in file order, each fingerprint once"
    );
    assert_eq!(
        of_second[2].line.amount,
        eur(20_001),
        "the first of a repeated fingerprint is kept"
    );
    let of_first = tx.lines_of_statement(first).await.unwrap();
    assert_eq!(of_first.len(), 1);
    assert_eq!(of_first[0].line, known, "a known line is not overwritten");
    let record = tx.get_bank_statement(second).await.unwrap().unwrap();
    assert_eq!(
        (
            record.lines,
            record.matched,
            record.unmatched,
            record.ignored
        ),
        (5, 0, 3, 2)
    );
    assert_eq!(
        tx.get_bank_statement(first).await.unwrap().unwrap().lines,
        1
    );
}

pub async fn payments_stored_in_one_batch_come_back_in_the_order_given_and_an_entry_books_one_payment(
    t: &TestStore,
) {
    let f = fixture(t, 3).await;
    let calls = [
        insert_call(t, &f.call(0, 1)).await,
        insert_call(t, &f.call(1, 2)).await,
        insert_call(t, &f.call(2, 3)).await,
    ];
    let statement_id = insert_statement(t, &statement("batch-payments")).await;
    let lines = insert_lines(
        t,
        &[
            line(statement_id, "pay-1", 1),
            line(statement_id, "pay-2", 2),
        ],
    )
    .await;
    let d1 = date!(2026 - 04 - 09);
    let d2 = date!(2026 - 04 - 20);

    let mut tx = t.store.begin().await.unwrap();
    let mut payments = Vec::new();
    for (call, line, amount, value_date, note, excess, by, micros) in [
        (calls[1], Some(lines[1]), 30_001, d1, None, 0, "user:3", 0),
        (
            calls[0],
            None,
            40_002,
            d2,
            Some("versé en liquide"),
            2,
            "token:2",
            1,
        ),
        (calls[2], Some(lines[0]), 50_003, d2, None, 0, "user:4", 2),
        (
            calls[0],
            Some(lines[0]),
            60_004,
            d1,
            Some("solde"),
            4,
            "cli",
            3,
        ),
    ] {
        let entry = payment_entry(&mut *tx, call, value_date, eur(amount)).await;
        payments.push(NewPayment {
            capital_call: call,
            line,
            amount: eur(amount),
            value_date,
            note: note.map(str::to_owned),
            entry,
            excess: eur(excess),
            recorded_by: by.to_owned(),
            recorded_at: T0 + Duration::microseconds(micros),
        });
    }
    let ids = tx.insert_payments(&payments).await.unwrap();
    assert_eq!(ids.len(), payments.len(), "{ids:?}");
    assert_eq!(distinct(ids.iter().copied()), ids.len(), "{ids:?}");
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (index, (id, payment)) in ids.iter().zip(&payments).enumerate() {
        let stored = tx.get_payment(*id).await.unwrap().unwrap();
        assert_eq!(stored.id, *id);
        assert_eq!(&stored.payment, payment, "payment {index}");
        assert_eq!((stored.reversal_entry, stored.undone_at), (None, None));
    }
    let of = |records: Vec<PaymentRecord>| records.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        of(tx.payments_of_capital_call(calls[0]).await.unwrap()),
        [ids[1], ids[3]],
        "in the order recorded"
    );
    assert_eq!(
        of(tx.payments_of_statement_line(lines[0]).await.unwrap()),
        [ids[2], ids[3]]
    );
    assert_eq!(of(tx.overpayments().await.unwrap()), [ids[1], ids[3]]);
    drop(tx);

    // An entry books one payment, in a batch as one by one: whether booked before or earlier
    // in the same batch.
    for reused in [Some(payments[2].entry), None] {
        let mut tx = t.store.begin().await.unwrap();
        let fresh = payment_entry(&mut *tx, calls[2], d2, eur(70_000)).await;
        let again = NewPayment {
            entry: reused.unwrap_or(fresh),
            amount: eur(70_000),
            excess: eur(0),
            ..payments[2].clone()
        };
        let result = tx
            .insert_payments(&[
                NewPayment {
                    entry: fresh,
                    ..again.clone()
                },
                again,
            ])
            .await;
        assert_eq!(duplicate_rule(result), "payment_entry");
    }
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        of(tx.payments_of_capital_call(calls[2]).await.unwrap()),
        [ids[2]],
        "a refused batch leaves nothing"
    );
}

/// Asserts that the entry's lines are stored numbered 1..=n and balance, as
/// `post_journal_entry` stores them.
async fn assert_lines_numbered_and_balanced(
    raw: &mut RawConnection,
    id: JournalEntryId,
    lines: usize,
) {
    let lines = i64::try_from(lines).unwrap();
    let id = id.get();
    let stored = raw
        .integer(&format!(
            "SELECT count(*) FROM journal_lines WHERE entry_id = {id}"
        ))
        .await;
    let numbered = raw
        .integer(&format!(
            "SELECT count(*) FROM journal_lines WHERE entry_id = {id} \
             AND line_no BETWEEN 1 AND {lines}"
        ))
        .await;
    assert_eq!(
        (stored, numbered),
        (lines, lines),
        "entry {id}: lines 1..={lines}"
    );
    let signed = raw
        .integer(&format!(
            "SELECT CAST(COALESCE(SUM(CASE side WHEN 'debit' THEN amount_minor \
             ELSE -amount_minor END), 0) AS BIGINT) FROM journal_lines WHERE entry_id = {id}"
        ))
        .await;
    assert_eq!(signed, 0, "entry {id} balances");
}

pub async fn journal_entries_posted_in_one_batch_come_back_whole_with_their_lines_numbered_from_one(
    t: &TestStore,
) {
    let f = fixture(t, 2).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let other = insert_call(t, &f.call(1, 2)).await;
    let earlier = posted(
        simple(date!(2026 - 04 - 05), "550", "410", eur(10_000)),
        EntryKind::Payment,
        Some(call),
        Some(f.ann),
    );
    let mut tx = t.store.begin().await.unwrap();
    let earlier_id = post(&mut *tx, &earlier).await;
    let batch = [
        posted(
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
        ),
        NewJournalEntry {
            created_at: T0 + Duration::microseconds(1),
            ..posted(
                simple(date!(2026 - 04 - 03), "410", "100", chf(7_500)),
                EntryKind::CapitalCall,
                Some(other),
                Some(f.bart),
            )
        },
        NewJournalEntry {
            reverses: Some(earlier_id),
            ..posted(
                earlier.entry.reversal(date!(2026 - 04 - 06)),
                EntryKind::PaymentReversal,
                Some(call),
                Some(f.ann),
            )
        },
        posted(
            entry(
                date!(2026 - 04 - 10),
                JournalCode::bank(),
                vec![
                    EntryLine::debit(account("550"), eur(25_000), "virement 1/2"),
                    EntryLine::debit(account("550"), eur(35_000), "virement 2/2"),
                    EntryLine::credit(account("410"), eur(50_000), "Ann"),
                    EntryLine::credit(account("410"), eur(10_000), "Ann (solde)"),
                ],
            ),
            EntryKind::Payment,
            Some(call),
            None,
        ),
        posted(
            simple(date!(2026 - 04 - 11), "550", "100", eur(1)),
            EntryKind::Payment,
            None,
            None,
        ),
    ];
    let ids = tx.post_journal_entries(&batch).await.unwrap();
    assert_eq!(ids.len(), batch.len(), "{ids:?}");
    assert_eq!(distinct(ids.iter().copied()), ids.len(), "{ids:?}");
    // Posted after the batch: it comes after it.
    let after = posted(
        simple(date!(2026 - 04 - 12), "550", "410", eur(2)),
        EntryKind::Payment,
        Some(call),
        None,
    );
    let after_id = post(&mut *tx, &after).await;
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let of_call = tx.journal_entries_of_capital_call(call).await.unwrap();
    assert_eq!(
        of_call.iter().map(|e| e.id).collect::<Vec<_>>(),
        [earlier_id, ids[0], ids[2], ids[3], after_id],
        "in posting order, the batch in the order given"
    );
    for (record, expected) in of_call
        .iter()
        .zip([&earlier, &batch[0], &batch[2], &batch[3], &after])
    {
        assert_eq!(&record.posted, expected, "entry {}", record.id);
    }
    let of_other = tx.journal_entries_of_capital_call(other).await.unwrap();
    assert_eq!(of_other.iter().map(|e| e.id).collect::<Vec<_>>(), [ids[1]]);
    assert_eq!(of_other[0].posted, batch[1]);
    let balances: Vec<(String, String, i64)> = tx
        .account_balances(None)
        .await
        .unwrap()
        .into_iter()
        .map(|b| {
            (
                b.account.as_str().to_owned(),
                b.currency.code().to_owned(),
                b.debit_minus_credit,
            )
        })
        .collect();
    let expected: Vec<(String, String, i64)> = [
        ("100", "CHF", -7_500),
        ("100", "EUR", -100_001),
        ("410", "CHF", 7_500),
        ("410", "EUR", 100_000 - 60_000 - 2),
        ("550", "EUR", 60_000 + 1 + 2),
    ]
    .into_iter()
    .map(|(a, c, n)| (a.to_owned(), c.to_owned(), n))
    .collect();
    assert_eq!(balances, expected);
    drop(tx);

    let mut raw = t.raw().await;
    assert_lines_numbered_and_balanced(&mut raw, earlier_id, 2).await;
    for (id, posted) in ids.iter().zip(&batch) {
        assert_lines_numbered_and_balanced(&mut raw, *id, posted.entry.lines().len()).await;
    }
    raw.close().await;

    // An entry is reversed at most once, in a batch as one by one.
    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .post_journal_entries(&[batch[1].clone(), batch[2].clone()])
        .await;
    assert_eq!(duplicate_rule(again), "journal_entry_reversal");
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    let reversal = NewJournalEntry {
        reverses: Some(ids[3]),
        ..posted(
            batch[3].entry.reversal(date!(2026 - 04 - 13)),
            EntryKind::PaymentReversal,
            Some(call),
            None,
        )
    };
    let twice = tx.post_journal_entries(&[reversal.clone(), reversal]).await;
    assert_eq!(duplicate_rule(twice), "journal_entry_reversal");
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.journal_entries_of_capital_call(call)
            .await
            .unwrap()
            .len(),
        5,
        "a refused batch leaves nothing"
    );
    assert_eq!(
        tx.journal_entries_of_capital_call(other)
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn register_movements_appended_in_one_batch_come_back_in_the_order_given(t: &TestStore) {
    let f = fixture(t, 3).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let second_call = insert_call(t, &f.call(1, 2)).await;
    let third_call = insert_call(t, &f.call(2, 3)).await;
    let mut tx = t.store.begin().await.unwrap();
    let other_type = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    let carl = insert_person(&mut *tx, person("Carl", "Maes", "carl@example.org")).await;
    tx.commit().await.unwrap();
    let march = date!(2026 - 03 - 01);
    let issue = MovementParts {
        date: march,
        kind: MovementKind::Issue,
        share_type: f.share_type,
        quantity: quantity(4),
        unit_value: eur(25_000),
        holder: f.ann,
        counterparty: None,
        converted_from: None,
    };
    let before = movement(
        MovementParts {
            quantity: quantity(9),
            ..issue
        },
        None,
        0,
    );
    let batch = [
        movement(issue, Some(call), 1),
        movement(
            MovementParts {
                date: date!(2026 - 02 - 01),
                kind: MovementKind::Transfer,
                holder: f.bart,
                counterparty: Some(f.ann),
                quantity: quantity(2),
                ..issue
            },
            None,
            2,
        ),
        movement(
            MovementParts {
                kind: MovementKind::Conversion,
                share_type: other_type,
                quantity: quantity(1),
                unit_value: chf(100_000),
                converted_from: Some(ConversionSource {
                    share_type: f.share_type,
                    quantity: quantity(3),
                }),
                ..issue
            },
            None,
            3,
        ),
        movement(
            MovementParts {
                kind: MovementKind::Redemption,
                quantity: quantity(1),
                ..issue
            },
            None,
            4,
        ),
        movement(
            MovementParts {
                date: date!(2026 - 01 - 15),
                holder: carl,
                quantity: quantity(5),
                ..issue
            },
            None,
            5,
        ),
        movement(
            MovementParts {
                kind: MovementKind::Transfer,
                holder: carl,
                counterparty: Some(f.ann),
                quantity: quantity(6),
                ..issue
            },
            None,
            6,
        ),
    ];
    let after = movement(
        MovementParts {
            quantity: quantity(7),
            ..issue
        },
        None,
        7,
    );
    let mut tx = t.store.begin().await.unwrap();
    let before_id = tx.append_register_movement(&before).await.unwrap();
    let ids = tx.append_register_movements(&batch).await.unwrap();
    assert_eq!(ids.len(), batch.len(), "{ids:?}");
    assert_eq!(distinct(ids.iter().copied()), ids.len(), "{ids:?}");
    let after_id = tx.append_register_movement(&after).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let ann = tx.register_movements_of_contact(f.ann).await.unwrap();
    assert_eq!(
        ann.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[1], before_id, ids[0], ids[2], ids[3], ids[5], after_id],
        "by date, then in the order recorded: the batch in the order given"
    );
    for record in &ann {
        let expected = if record.id == before_id {
            &before
        } else if record.id == after_id {
            &after
        } else {
            let index = ids.iter().position(|id| *id == record.id).unwrap();
            &batch[index]
        };
        assert_eq!(&record.movement, expected, "movement {}", record.id);
    }
    let bart = tx.register_movements_of_contact(f.bart).await.unwrap();
    assert_eq!(bart.iter().map(|r| r.id).collect::<Vec<_>>(), [ids[1]]);
    assert_eq!(bart[0].movement, batch[1]);
    let carl_movements = tx.register_movements_of_contact(carl).await.unwrap();
    assert_eq!(
        carl_movements.iter().map(|r| r.id).collect::<Vec<_>>(),
        [ids[4], ids[5]]
    );
    assert_eq!(carl_movements[0].movement, batch[4]);
    assert_eq!(carl_movements[1].movement, batch[5]);
    drop(tx);

    // A call's payment issues shares once, in a batch as one by one: whether issued before
    // or earlier in the same batch.
    for (first, second) in [(second_call, call), (third_call, third_call)] {
        let mut tx = t.store.begin().await.unwrap();
        let again = tx
            .append_register_movements(&[
                movement(issue, Some(first), 8),
                movement(issue, Some(second), 9),
            ])
            .await;
        assert_eq!(duplicate_rule(again), "register_capital_call");
    }
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.register_movements_of_contact(f.ann).await.unwrap().len(),
        7,
        "a refused batch leaves nothing"
    );
}

/// The same history on share types `a` and `b`: issues, a transfer, a conversion from `a` to
/// `b`, redemptions, on several days (one recorded out of date order).
fn history(a: ShareTypeId, b: ShareTypeId, holders: [ContactId; 3]) -> Vec<NewRegisterMovement> {
    let [ann, bart, carl] = holders;
    let parts =
        |day: Date, kind, share_type, n, holder, counterparty, converted_from| MovementParts {
            date: day,
            kind,
            share_type,
            quantity: quantity(n),
            unit_value: eur(25_000),
            holder,
            counterparty,
            converted_from,
        };
    let from_a = |n| {
        Some(ConversionSource {
            share_type: a,
            quantity: quantity(n),
        })
    };
    use MovementKind::{Conversion, Issue, Redemption, Transfer};
    [
        parts(DAYS[1], Issue, a, 10, ann, None, None),
        parts(DAYS[1], Issue, b, 4, bart, None, None),
        parts(DAYS[2], Transfer, a, 3, bart, Some(ann), None),
        parts(DAYS[2], Conversion, b, 1, ann, None, from_a(2)),
        parts(DAYS[3], Redemption, a, 2, bart, None, None),
        parts(DAYS[3], Issue, a, 7, carl, None, None),
        parts(DAYS[5], Redemption, b, 1, bart, None, None),
        parts(DAYS[1], Issue, b, 5, carl, None, None),
    ]
    .into_iter()
    .enumerate()
    .map(|(n, parts)| movement(parts, None, i64::try_from(n).unwrap()))
    .collect()
}

/// Probe days: before the history, its days, between them and after.
const DAYS: [Date; 7] = [
    date!(2026 - 03 - 01),
    date!(2026 - 03 - 02),
    date!(2026 - 03 - 05),
    date!(2026 - 03 - 09),
    date!(2026 - 03 - 15),
    date!(2026 - 03 - 20),
    date!(2027 - 01 - 01),
];

async fn totals_on_every_day(tx: &mut dyn StoreTx) -> Vec<Vec<(ShareTypeId, i64)>> {
    let mut totals = Vec::new();
    for day in DAYS {
        totals.push(tx.register_totals(day).await.unwrap());
    }
    totals
}

/// What `history` leaves in `a` and `b` on each of `DAYS`.
const HISTORY_TOTALS: [(i64, i64); 7] = [
    (0, 0),
    (10, 9),
    (8, 10),
    (13, 10),
    (13, 10),
    (13, 9),
    (13, 9),
];

fn expected_totals(
    types: [ShareTypeId; 4],
    extra: impl Fn(usize) -> i64,
) -> Vec<Vec<(ShareTypeId, i64)>> {
    let [a, b, c, d] = types;
    HISTORY_TOTALS
        .iter()
        .enumerate()
        .map(|(day, (in_a, in_b))| {
            let in_a = in_a + extra(day);
            [(a, in_a), (b, *in_b), (c, in_a), (d, *in_b)]
                .into_iter()
                .filter(|(_, n)| *n != 0)
                .collect()
        })
        .collect()
}

pub async fn a_batch_of_register_movements_changes_the_daily_totals_as_the_same_movements_one_by_one(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    let mut types = Vec::new();
    for code in ["A", "B", "C", "D"] {
        types.push(tx.insert_share_type(&share_type(code), T0).await.unwrap());
    }
    let types: [ShareTypeId; 4] = types.try_into().unwrap();
    let holders = [
        insert_person(&mut *tx, person("Ann", "Peeters", "ann@example.org")).await,
        insert_person(&mut *tx, person("Bart", "Claes", "bart@example.org")).await,
        insert_person(&mut *tx, person("Carl", "Maes", "carl@example.org")).await,
    ];
    // One by one on A and B.
    for movement in history(types[0], types[1], holders) {
        tx.append_register_movement(&movement).await.unwrap();
    }
    tx.commit().await.unwrap();

    // The same history in one batch on C and D.
    let mut tx = t.store.begin().await.unwrap();
    let ids = tx
        .append_register_movements(&history(types[2], types[3], holders))
        .await
        .unwrap();
    assert_eq!(ids.len(), 8);
    let expected = expected_totals(types, |_| 0);
    assert_eq!(
        totals_on_every_day(&mut *tx).await,
        expected,
        "read in the transaction that appended them"
    );
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        totals_on_every_day(&mut *tx).await,
        expected,
        "read after commit"
    );
    drop(tx);

    // Appended to days that already have totals: one by one on A, in a batch on C.
    let more = |share_type| {
        movement(
            MovementParts {
                date: DAYS[2],
                kind: MovementKind::Issue,
                share_type,
                quantity: quantity(2),
                unit_value: eur(25_000),
                holder: holders[0],
                counterparty: None,
                converted_from: None,
            },
            None,
            20,
        )
    };
    let mut tx = t.store.begin().await.unwrap();
    tx.append_register_movement(&more(types[0])).await.unwrap();
    tx.append_register_movements(&[more(types[2])])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        totals_on_every_day(&mut *tx).await,
        expected_totals(types, |day| if day >= 2 { 2 } else { 0 }),
        "read after commit, in a new transaction"
    );
}

/// Four calls: 0 open at version 1, 1 open at version 2, 2 cancelled (version 2), 3 not
/// touched by the batches.
async fn four_calls(t: &TestStore) -> [CapitalCallId; 4] {
    let f = fixture(t, 4).await;
    let mut calls = Vec::new();
    for index in 0..4 {
        calls.push(insert_call(t, &f.call(index, u32::try_from(index).unwrap() + 1)).await);
    }
    let mut tx = t.store.begin().await.unwrap();
    tx.update_capital_call_state(calls[1], 1, CapitalCallState::Open, None, T0)
        .await
        .unwrap();
    tx.update_capital_call_state(
        calls[2],
        1,
        CapitalCallState::Cancelled,
        Some("annulée"),
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    calls.try_into().unwrap()
}

async fn read_calls(t: &TestStore, ids: &[CapitalCallId]) -> Vec<CapitalCallRecord> {
    let mut tx = t.store.begin_read().await.unwrap();
    let mut records = Vec::new();
    for id in ids {
        records.push(tx.get_capital_call(*id).await.unwrap().unwrap());
    }
    records
}

pub async fn capital_calls_moved_in_one_batch_each_go_up_one_version_and_one_stale_call_fails_the_batch(
    t: &TestStore,
) {
    let calls = four_calls(t).await;
    let before = read_calls(t, &calls).await;
    let t1 = T0 + Duration::days(1);
    let change = |id, expected_version, state| StateChange {
        id,
        expected_version,
        state,
    };
    let mut tx = t.store.begin().await.unwrap();
    tx.update_capital_call_states(
        &[
            change(calls[1], 2, CapitalCallState::Paid),
            change(calls[0], 1, CapitalCallState::Paid),
            change(calls[2], 2, CapitalCallState::Open),
        ],
        t1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let after = read_calls(t, &calls).await;
    let summary = |record: &CapitalCallRecord| {
        (
            record.state,
            record.cancel_reason.clone(),
            record.updated_at,
            record.version,
        )
    };
    assert_eq!(
        after.iter().map(summary).collect::<Vec<_>>(),
        [
            (CapitalCallState::Paid, None, t1, 2),
            (CapitalCallState::Paid, None, t1, 3),
            (CapitalCallState::Open, None, t1, 3),
            (CapitalCallState::Open, None, T0, 1),
        ],
        "each call to its own state, one version up; the cancel reason cleared"
    );
    for (stored, was) in after.iter().zip(&before) {
        assert_eq!(stored.call, was.call);
        assert_eq!(stored.amount_paid, was.amount_paid);
    }

    // One call of the batch is stale (0 is at version 2): nothing of it is committed.
    let t2 = T0 + Duration::days(2);
    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .update_capital_call_states(
            &[
                change(calls[3], 1, CapitalCallState::Paid),
                change(calls[0], 1, CapitalCallState::Open),
                change(calls[1], 3, CapitalCallState::Open),
            ],
            t2,
        )
        .await;
    conflict(stale);
    drop(tx);
    assert_eq!(read_calls(t, &calls).await, after, "the batch left nothing");

    // A call that does not exist is not at its expected version either.
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .update_capital_call_states(
            &[
                change(calls[3], 1, CapitalCallState::Paid),
                change(CapitalCallId::new(999), 1, CapitalCallState::Paid),
            ],
            t2,
        )
        .await;
    conflict(missing);
    drop(tx);
    assert_eq!(read_calls(t, &calls).await, after, "the batch left nothing");
}

/// Two payment imports read the same calls at version 1 and move them at the same moment.
pub async fn two_writers_moving_the_same_capital_calls_in_one_batch_exactly_one_wins(
    t: &TestStore,
) {
    let calls = four_calls(t).await;
    let outcomes = race(&t.store, move |store, who| async move {
        let mut tx = store.begin().await?;
        let state = if who == "a" {
            CapitalCallState::Paid
        } else {
            CapitalCallState::Open
        };
        tx.update_capital_call_states(
            &[
                StateChange {
                    id: calls[0],
                    expected_version: 1,
                    state,
                },
                StateChange {
                    id: calls[3],
                    expected_version: 1,
                    state,
                },
            ],
            T0 + Duration::hours(1),
        )
        .await?;
        tx.commit().await
    })
    .await;
    let winner = single_winner(&outcomes);
    let expected = if winner == "a" {
        CapitalCallState::Paid
    } else {
        CapitalCallState::Open
    };
    let stored = read_calls(t, &[calls[0], calls[3]]).await;
    assert_eq!(
        stored
            .iter()
            .map(|r| (r.state, r.version))
            .collect::<Vec<_>>(),
        [(expected, 2), (expected, 2)]
    );
}

pub async fn requests_are_read_in_one_batch_in_id_order_and_unknown_ids_are_left_out(
    t: &TestStore,
) {
    let f = fixture(t, 0).await;
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for (holder, n) in [(f.ann, 1), (f.bart, 2), (f.ann, 3), (f.bart, 4)] {
        ids.push(
            tx.insert_request(&request(
                holder,
                f.share_type,
                n,
                T0 + Duration::minutes(n.into()),
            ))
            .await
            .unwrap(),
        );
    }
    tx.update_request_state(ids[2], 1, RequestState::OnHold, Some("attente"), None, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let mut each = Vec::new();
    for id in &ids {
        each.push(tx.get_request(*id).await.unwrap().unwrap());
    }
    let found = tx
        .get_requests(&[
            ids[3],
            SubscriptionRequestId::new(999),
            ids[0],
            ids[2],
            SubscriptionRequestId::new(-1),
        ])
        .await
        .unwrap();
    assert_eq!(
        found,
        [each[0].clone(), each[2].clone(), each[3].clone()],
        "the ones that exist, whole, in id order"
    );
    let all: Vec<SubscriptionRequestId> = ids.iter().rev().copied().collect();
    assert_eq!(tx.get_requests(&all).await.unwrap(), each);
    assert!(
        tx.get_requests(&[SubscriptionRequestId::new(999)])
            .await
            .unwrap()
            .is_empty()
    );
}

async fn read_requests(t: &TestStore, ids: &[SubscriptionRequestId]) -> Vec<RequestRecord> {
    let mut tx = t.store.begin_read().await.unwrap();
    let mut records = Vec::new();
    for id in ids {
        records.push(tx.get_request(*id).await.unwrap().unwrap());
    }
    records
}

pub async fn requests_moved_in_one_batch_lose_their_reasons_go_up_one_version_and_one_stale_request_fails_the_batch(
    t: &TestStore,
) {
    let f = fixture(t, 5).await;
    let r = f.requests.clone();
    let mut tx = t.store.begin().await.unwrap();
    tx.update_request_state(r[1], 1, RequestState::OnHold, Some("attente"), None, T0)
        .await
        .unwrap();
    tx.update_request_state(r[2], 1, RequestState::Validated, None, None, T0)
        .await
        .unwrap();
    tx.update_request_state(r[3], 1, RequestState::Cancelled, None, Some("doublon"), T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let before = read_requests(t, &r).await;

    let t1 = T0 + Duration::days(1);
    let change = |id, expected_version, state| StateChange {
        id,
        expected_version,
        state,
    };
    let mut tx = t.store.begin().await.unwrap();
    tx.update_request_states(
        &[
            change(r[1], 2, RequestState::Submitted),
            change(r[0], 1, RequestState::Validated),
            change(r[2], 2, RequestState::Paid),
            change(r[3], 2, RequestState::Submitted),
        ],
        t1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let after = read_requests(t, &r).await;
    let summary = |record: &RequestRecord| {
        (
            record.state,
            record.hold_reason.clone(),
            record.cancel_reason.clone(),
            record.updated_at,
            record.version,
        )
    };
    assert_eq!(
        after.iter().map(summary).collect::<Vec<_>>(),
        [
            (RequestState::Validated, None, None, t1, 2),
            (RequestState::Submitted, None, None, t1, 3),
            (RequestState::Paid, None, None, t1, 3),
            (RequestState::Submitted, None, None, t1, 3),
            (RequestState::Submitted, None, None, T0, 1),
        ],
        "each request to its own state, one version up, its reasons cleared"
    );
    for (stored, was) in after.iter().zip(&before) {
        assert_eq!(stored.request, was.request, "the evidence is untouched");
    }

    // One request of the batch is stale (0 is at version 2): nothing of it is committed.
    let t2 = T0 + Duration::days(2);
    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .update_request_states(
            &[
                change(r[4], 1, RequestState::Validated),
                change(r[2], 3, RequestState::Validated),
                change(r[0], 1, RequestState::Paid),
            ],
            t2,
        )
        .await;
    conflict(stale);
    drop(tx);
    assert_eq!(read_requests(t, &r).await, after, "the batch left nothing");

    // A request that does not exist is not at its expected version either.
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .update_request_states(
            &[
                change(r[4], 1, RequestState::Validated),
                change(SubscriptionRequestId::new(999), 1, RequestState::Validated),
            ],
            t2,
        )
        .await;
    conflict(missing);
    drop(tx);
    assert_eq!(read_requests(t, &r).await, after, "the batch left nothing");
}

async fn read_contacts(t: &TestStore, ids: &[ContactId]) -> Vec<ContactRecord> {
    let mut tx = t.store.begin_read().await.unwrap();
    let mut records = Vec::new();
    for id in ids {
        records.push(tx.get_contact(*id).await.unwrap().unwrap());
    }
    records
}

fn membership(
    id: ContactId,
    expected_version: i64,
    status: MembershipStatus,
    number: Option<u32>,
    since: Option<Date>,
) -> MembershipChange {
    MembershipChange {
        id,
        expected_version,
        membership: status,
        member_number: number,
        member_since: since,
    }
}

pub async fn memberships_set_in_one_batch_each_go_up_one_version_and_one_stale_contact_fails_the_batch(
    t: &TestStore,
) {
    let f = fixture(t, 0).await;
    let mut tx = t.store.begin().await.unwrap();
    let carl = insert_person(&mut *tx, person("Carl", "Maes", "carl@example.org")).await;
    let dora = insert_person(&mut *tx, person("Dora", "Wouters", "dora@example.org")).await;
    tx.set_membership(f.bart, 1, MembershipStatus::Candidate, None, None, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let contacts = [f.ann, f.bart, carl, dora];
    let before = read_contacts(t, &contacts).await;

    let t1 = T0 + Duration::days(1);
    let (d1, d2) = (date!(2026 - 04 - 30), date!(2026 - 05 - 02));
    let mut tx = t.store.begin().await.unwrap();
    tx.set_memberships(
        &[
            membership(f.bart, 2, MembershipStatus::Cooperator, Some(7), Some(d1)),
            membership(f.ann, 1, MembershipStatus::Candidate, None, None),
            membership(carl, 1, MembershipStatus::Cooperator, Some(9), Some(d2)),
        ],
        t1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    tx.set_memberships(
        &[membership(
            carl,
            2,
            MembershipStatus::Former,
            Some(9),
            Some(d2),
        )],
        t1,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let after = read_contacts(t, &contacts).await;
    let summary = |record: &ContactRecord| {
        (
            record.membership,
            record.member_number,
            record.member_since,
            record.version,
        )
    };
    assert_eq!(
        after.iter().map(summary).collect::<Vec<_>>(),
        [
            (MembershipStatus::Candidate, None, None, 2),
            (MembershipStatus::Cooperator, Some(7), Some(d1), 3),
            (MembershipStatus::Former, Some(9), Some(d2), 3),
            (MembershipStatus::None, None, None, 1),
        ],
        "each contact to its own membership, one version up"
    );
    for (stored, was) in after.iter().zip(&before) {
        assert_eq!(
            (&stored.details, stored.created_at),
            (&was.details, was.created_at)
        );
    }

    // One contact of the batch is stale (ann is at version 2): nothing of it is committed.
    let mut tx = t.store.begin().await.unwrap();
    let stale = tx
        .set_memberships(
            &[
                membership(dora, 1, MembershipStatus::Candidate, None, None),
                membership(f.ann, 1, MembershipStatus::Cooperator, Some(11), Some(d2)),
            ],
            t1,
        )
        .await;
    conflict(stale);
    drop(tx);
    assert_eq!(
        read_contacts(t, &contacts).await,
        after,
        "the batch left nothing"
    );

    // A contact that does not exist is not at its expected version either.
    let mut tx = t.store.begin().await.unwrap();
    let missing = tx
        .set_memberships(
            &[
                membership(dora, 1, MembershipStatus::Candidate, None, None),
                membership(
                    ContactId::new(999),
                    1,
                    MembershipStatus::Candidate,
                    None,
                    None,
                ),
            ],
            t1,
        )
        .await;
    conflict(missing);
    drop(tx);
    assert_eq!(
        read_contacts(t, &contacts).await,
        after,
        "the batch left nothing"
    );
}

pub async fn a_member_number_set_in_a_batch_belongs_to_one_contact(t: &TestStore) {
    let f = fixture(t, 0).await;
    let mut tx = t.store.begin().await.unwrap();
    let carl = insert_person(&mut *tx, person("Carl", "Maes", "carl@example.org")).await;
    let since = Some(date!(2026 - 04 - 30));
    tx.set_membership(f.ann, 1, MembershipStatus::Cooperator, Some(1), since, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let cooperator = |id, number| membership(id, 1, MembershipStatus::Cooperator, number, since);

    // Taken by a contact outside the batch, or by another one in it.
    for batch in [
        [cooperator(carl, Some(2)), cooperator(f.bart, Some(1))],
        [cooperator(f.bart, Some(3)), cooperator(carl, Some(3))],
    ] {
        let mut tx = t.store.begin().await.unwrap();
        let taken = tx.set_memberships(&batch, T0).await;
        assert_eq!(duplicate_rule(taken), "member_number", "{batch:?}");
    }
    let untouched = read_contacts(t, &[f.bart, carl]).await;
    assert_eq!(
        untouched
            .iter()
            .map(|c| (c.member_number, c.version))
            .collect::<Vec<_>>(),
        [(None, 1), (None, 1)]
    );

    let mut tx = t.store.begin().await.unwrap();
    tx.set_memberships(
        &[cooperator(f.bart, Some(2)), cooperator(carl, Some(3))],
        T0,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let numbered = read_contacts(t, &[f.ann, f.bart, carl]).await;
    assert_eq!(
        numbered
            .iter()
            .map(|c| (c.member_number, c.version))
            .collect::<Vec<_>>(),
        [(Some(1), 2), (Some(2), 2), (Some(3), 2)]
    );
}

pub async fn a_block_of_numbers_continues_the_sequence_and_a_rolled_back_block_is_given_again(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.next_number(Sequence::Certificate, 0).await.unwrap(), 1);
    assert_eq!(
        tx.next_numbers(Sequence::Certificate, 0, 3).await.unwrap(),
        2,
        "2, 3 and 4"
    );
    assert_eq!(tx.next_number(Sequence::Certificate, 0).await.unwrap(), 5);
    // A block starts a new sequence or scope at one, and leaves the others alone.
    assert_eq!(
        tx.next_numbers(Sequence::CapitalCall, 2026, 2)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.next_numbers(Sequence::CapitalCall, 2027, 1)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2026).await.unwrap(),
        3
    );
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 1);
    assert_eq!(
        tx.next_numbers(Sequence::Certificate, 0, 1).await.unwrap(),
        6
    );
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.next_numbers(Sequence::Certificate, 0, 10).await.unwrap(),
        7
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.next_numbers(Sequence::Certificate, 0, 2).await.unwrap(),
        7,
        "the rolled-back block is given again"
    );
    assert_eq!(tx.next_number(Sequence::Certificate, 0).await.unwrap(), 9);
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.next_number(Sequence::Certificate, 0).await.unwrap(), 10);
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2027).await.unwrap(),
        2
    );
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 2);
    tx.commit().await.unwrap();
}

pub async fn holders_marked_due_in_one_batch_are_noted_once_and_keep_the_time_first_noted(
    t: &TestStore,
) {
    let mut tx = t.store.begin().await.unwrap();
    let mut holders = Vec::new();
    for (first, last) in [
        ("Ann", "Peeters"),
        ("Bart", "Claes"),
        ("Carl", "Maes"),
        ("Dora", "Wouters"),
    ] {
        let mail = format!("{}@example.org", first.to_lowercase());
        holders.push(insert_person(&mut *tx, person(first, last, &mail)).await);
    }
    let [a, b, c, d]: [ContactId; 4] = holders.try_into().unwrap();
    tx.mark_certificate_due(c, T0).await.unwrap();
    tx.commit().await.unwrap();

    // c, already noted, keeps T0; b is repeated in the batch.
    let mut tx = t.store.begin().await.unwrap();
    tx.mark_certificates_due(&[b, c, a, b], T0 + Duration::hours(1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.certificates_due(10).await.unwrap(),
        [c, a, b],
        "longest waiting first, each once"
    );
    // Noted again in a later batch with a new holder: still the first time.
    tx.mark_certificates_due(&[d, a], T0 + Duration::hours(2))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.certificates_due(10).await.unwrap(), [c, a, b, d]);
    assert!(tx.take_certificate_due(a).await.unwrap());
    assert!(!tx.take_certificate_due(a).await.unwrap(), "noted once");
    assert_eq!(tx.certificates_due(10).await.unwrap(), [c, b, d]);
    tx.commit().await.unwrap();
}

pub async fn every_batch_method_takes_an_empty_batch_and_writes_nothing(t: &TestStore) {
    let f = fixture(t, 1).await;
    let mut tx = t.store.begin().await.unwrap();
    assert!(tx.insert_statement_lines(&[]).await.unwrap().is_empty());
    assert!(tx.insert_payments(&[]).await.unwrap().is_empty());
    assert!(tx.post_journal_entries(&[]).await.unwrap().is_empty());
    assert!(tx.append_register_movements(&[]).await.unwrap().is_empty());
    assert!(tx.get_requests(&[]).await.unwrap().is_empty());
    tx.update_capital_call_states(&[], T0).await.unwrap();
    tx.update_request_states(&[], T0).await.unwrap();
    tx.set_memberships(&[], T0).await.unwrap();
    tx.mark_certificates_due(&[], T0).await.unwrap();
    // The transaction is still usable and commits.
    assert_eq!(
        tx.get_requests(&f.requests).await.unwrap().len(),
        1,
        "the transaction goes on"
    );
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    assert!(tx.certificates_due(10).await.unwrap().is_empty());
    assert!(
        tx.register_totals(date!(2100 - 01 - 01))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(tx.account_balances(None).await.unwrap().is_empty());
    assert!(tx.unmatched_lines(10).await.unwrap().is_empty());
    assert_eq!(
        tx.get_request(f.requests[0])
            .await
            .unwrap()
            .unwrap()
            .version,
        1
    );
    assert_eq!(tx.get_contact(f.ann).await.unwrap().unwrap().version, 1);
}

pub async fn a_full_batch_of_rows_per_batch_rows_is_accepted_in_one_call(t: &TestStore) {
    let f = fixture(t, 1).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let statement_id = insert_statement(t, &statement("batch-full")).await;
    let n = ROWS_PER_BATCH;
    let minor = |i: usize| i64::try_from(i).unwrap() + 1;
    let start = date!(2026 - 03 - 01);
    let day = |i: usize| start + Duration::days(i64::try_from(i % 30).unwrap());

    let lines: Vec<NewStatementLine> = (0..n)
        .map(|i| NewStatementLine {
            amount: eur(minor(i)),
            value_date: day(i),
            ..line(statement_id, &format!("bulk-{i:04}"), minor(i))
        })
        .collect();
    let entries: Vec<NewJournalEntry> = (0..n)
        .map(|i| {
            posted(
                simple(day(i), "550", "410", eur(minor(i))),
                EntryKind::Payment,
                Some(call),
                Some(f.ann),
            )
        })
        .collect();
    let movements: Vec<NewRegisterMovement> = (0..n)
        .map(|i| {
            let holder = if i % 2 == 0 { f.ann } else { f.bart };
            let parts = MovementParts {
                date: day(i),
                kind: MovementKind::Issue,
                share_type: f.share_type,
                quantity: quantity(u32::try_from(i % 5).unwrap() + 1),
                unit_value: eur(25_000),
                holder,
                counterparty: None,
                converted_from: None,
            };
            NewRegisterMovement {
                movement: RegisterMovement::new(parts).unwrap(),
                capital_call: None,
                recorded_at: T0,
            }
        })
        .collect();
    let lookups: Vec<SubscriptionRequestId> = (1..=i64::try_from(n).unwrap())
        .map(SubscriptionRequestId::new)
        .collect();

    let mut tx = t.store.begin().await.unwrap();
    let line_ids: Vec<StatementLineId> = tx
        .insert_statement_lines(&lines)
        .await
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let entry_ids = tx.post_journal_entries(&entries).await.unwrap();
    let payments: Vec<NewPayment> = (0..n)
        .map(|i| NewPayment {
            capital_call: call,
            line: Some(line_ids[i]),
            amount: eur(minor(i)),
            value_date: day(i),
            note: None,
            entry: entry_ids[i],
            excess: eur(0),
            recorded_by: "user:3".to_owned(),
            recorded_at: T0,
        })
        .collect();
    let payment_ids = tx.insert_payments(&payments).await.unwrap();
    let movement_ids = tx.append_register_movements(&movements).await.unwrap();
    let found = tx.get_requests(&lookups).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        (
            distinct(line_ids.iter().copied()),
            distinct(entry_ids.iter().copied()),
            distinct(payment_ids.iter().copied()),
            distinct(movement_ids.iter().copied()),
        ),
        (n, n, n, n)
    );
    assert_eq!(
        found.iter().map(|r| r.id).collect::<Vec<_>>(),
        f.requests,
        "the one request among {n} ids"
    );

    let mut tx = t.store.begin_read().await.unwrap();
    let stored_lines = tx.lines_of_statement(statement_id).await.unwrap();
    assert_eq!(
        stored_lines.iter().map(|l| l.id).collect::<Vec<_>>(),
        line_ids
    );
    for (stored, given) in stored_lines.iter().zip(&lines) {
        assert_eq!(&stored.line, given);
    }
    let stored_payments = tx.payments_of_capital_call(call).await.unwrap();
    assert_eq!(
        stored_payments.iter().map(|p| p.id).collect::<Vec<_>>(),
        payment_ids
    );
    for (stored, given) in stored_payments.iter().zip(&payments) {
        assert_eq!(&stored.payment, given);
    }
    let stored_entries = tx.journal_entries_of_capital_call(call).await.unwrap();
    assert_eq!(
        stored_entries.iter().map(|e| e.id).collect::<Vec<_>>(),
        entry_ids
    );
    for (stored, given) in stored_entries.iter().zip(&entries) {
        assert_eq!(&stored.posted, given);
    }
    let of_ann = tx.register_movements_of_contact(f.ann).await.unwrap();
    assert_eq!(of_ann.len(), n / 2);
    for record in &of_ann {
        let index = movement_ids.iter().position(|id| *id == record.id).unwrap();
        assert_eq!(record.movement, movements[index]);
    }
    let total: i64 = movements
        .iter()
        .map(|m| i64::from(m.movement.quantity().get()))
        .sum();
    assert_eq!(
        tx.register_totals(day(29)).await.unwrap(),
        [(f.share_type, total)]
    );
    let paid: i64 = (0..n).map(minor).sum();
    assert_eq!(
        tx.get_capital_call(call)
            .await
            .unwrap()
            .unwrap()
            .amount_paid,
        eur(paid)
    );
}
