//! Bank statements, their lines, payments on capital calls, and the share register: what
//! importing a statement and reconciling it (step 3) stores.

use coopshares_app::ports::{
    EntryKind, NewBankStatement, NewCapitalCall, NewPayment, NewRegisterMovement, NewStatementLine,
    PaymentRecord, RegisterMovementRecord, StoreError, StoreTx,
};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::contact::Person;
use coopshares_domain::iban::Iban;
use coopshares_domain::ids::{
    BankStatementId, CapitalCallId, ContactId, JournalEntryId, PaymentId, StatementLineId,
};
use coopshares_domain::money::Money;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::reference::ReferenceScheme;
use coopshares_domain::register::{
    ConversionSource, MovementKind, MovementParts, RegisterMovement,
};
use time::macros::date;
use time::{Date, Duration};

use crate::backends::TestStore;
use crate::checks::capital::{T0, chf, duplicate_rule, fixture, insert_call, post, posted, simple};
use crate::checks::intake::{eur, insert_person, person, share_type};

pub(crate) fn statement(hash: &str) -> NewBankStatement {
    NewBankStatement {
        file_hash: hash.to_owned(),
        format: "camt053".to_owned(),
        filename: Some("relevé avril 2026.xml".to_owned()),
        size_bytes: 48_213,
        imported_by: "user:3".to_owned(),
        imported_at: T0,
    }
}

pub(crate) async fn insert_statement(
    t: &TestStore,
    statement: &NewBankStatement,
) -> BankStatementId {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_bank_statement(statement).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// A plain unmatched credit of 1,000.00 EUR at `position`.
pub(crate) fn line(
    statement: BankStatementId,
    fingerprint: &str,
    position: i64,
) -> NewStatementLine {
    NewStatementLine {
        statement,
        fingerprint: fingerprint.to_owned(),
        position,
        account: Some("BE68539007547034".to_owned()),
        booking_date: date!(2026 - 04 - 10),
        value_date: date!(2026 - 04 - 09),
        amount: eur(100_000),
        reversal: false,
        counterparty_name: Some("Ann Peeters".to_owned()),
        counterparty_account: Some("BE71096123456769".to_owned()),
        structured_reference: Some("000000000097".to_owned()),
        free_text: "+++000/0000/00097+++".to_owned(),
        bank_reference: Some(format!("REF-{fingerprint}")),
        transaction_code: Some("PMNT-RCDT-ESCT".to_owned()),
        state: LineState::Unmatched,
        note: None,
    }
}

pub(crate) async fn insert_lines(
    t: &TestStore,
    lines: &[NewStatementLine],
) -> Vec<StatementLineId> {
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for line in lines {
        ids.push(tx.insert_statement_line(line).await.unwrap().unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

pub(crate) fn conflict<T: std::fmt::Debug>(result: Result<T, StoreError>) {
    assert!(
        matches!(result, Err(StoreError::Conflict { .. })),
        "expected a conflict, got {result:?}"
    );
}

pub async fn a_bank_statement_is_found_by_hash_and_the_same_file_twice_is_a_duplicate(
    t: &TestStore,
) {
    let first = statement("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    let second = NewBankStatement {
        file_hash: "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752".to_owned(),
        format: "manual".to_owned(),
        filename: None,
        size_bytes: 0,
        imported_by: "cli".to_owned(),
        imported_at: T0 + Duration::microseconds(1),
    };
    let first_id = insert_statement(t, &first).await;
    let second_id = insert_statement(t, &second).await;

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, statement) in [(first_id, &first), (second_id, &second)] {
        let stored = tx.get_bank_statement(id).await.unwrap().unwrap();
        assert_eq!(stored.id, id);
        assert_eq!(&stored.statement, statement);
        assert_eq!(
            (
                stored.lines,
                stored.matched,
                stored.unmatched,
                stored.ignored
            ),
            (0, 0, 0, 0)
        );
        let by_hash = tx
            .find_bank_statement_by_hash(&statement.file_hash)
            .await
            .unwrap();
        assert_eq!(by_hash, Some(stored));
    }
    assert!(
        tx.find_bank_statement_by_hash("0000")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tx.get_bank_statement(BankStatementId::new(999))
            .await
            .unwrap()
            .is_none()
    );
    let listed = tx.list_bank_statements(10).await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [second_id, first_id],
        "latest first"
    );
    assert_eq!(listed[1].statement, first);
    let limited = tx.list_bank_statements(1).await.unwrap();
    assert_eq!(
        limited.iter().map(|s| s.id).collect::<Vec<_>>(),
        [second_id]
    );
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .insert_bank_statement(&NewBankStatement {
            filename: Some("copie.xml".to_owned()),
            ..first.clone()
        })
        .await;
    assert_eq!(duplicate_rule(again), "bank_statement_file");
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(tx.list_bank_statements(10).await.unwrap().len(), 2);
}

pub async fn statement_lines_round_trip_in_file_order_and_a_known_fingerprint_is_stored_once(
    t: &TestStore,
) {
    let first = insert_statement(t, &statement("a1")).await;
    let second = insert_statement(t, &statement("b2")).await;
    // Inserted out of file order; every field varies.
    let debit = NewStatementLine {
        account: None,
        booking_date: date!(2025 - 12 - 31),
        value_date: date!(2026 - 01 - 02),
        amount: eur(-12_345),
        reversal: false,
        counterparty_name: None,
        counterparty_account: None,
        structured_reference: None,
        free_text: String::new(),
        bank_reference: None,
        transaction_code: None,
        state: LineState::Ignored,
        note: Some("debit".to_owned()),
        ..line(first, "fp-debit", 3)
    };
    let reversal = NewStatementLine {
        amount: chf(-7_500),
        reversal: true,
        free_text: "Retour — virement refusé\nréf. 42".to_owned(),
        state: LineState::Ignored,
        note: Some("reversal".to_owned()),
        ..line(first, "fp-reversal", 1)
    };
    let credit = line(first, "fp-credit", 2);
    let ids = insert_lines(t, &[debit.clone(), reversal.clone(), credit.clone()]).await;

    let mut tx = t.store.begin().await.unwrap();
    // The same movement in an overlapping file: nothing is written, and the transaction
    // goes on.
    let known = tx
        .insert_statement_line(&NewStatementLine {
            position: 1,
            amount: eur(1),
            ..line(second, "fp-credit", 1)
        })
        .await
        .unwrap();
    assert_eq!(known, None);
    let new = tx
        .insert_statement_line(&line(second, "fp-new", 2))
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let lines = tx.lines_of_statement(first).await.unwrap();
    assert_eq!(
        lines.iter().map(|l| l.id).collect::<Vec<_>>(),
        [ids[1], ids[2], ids[0]],
        "in file order"
    );
    for (stored, expected) in lines.iter().zip([&reversal, &credit, &debit]) {
        assert_eq!(&stored.line, expected);
        assert_eq!(stored.version, 1);
        assert_eq!(
            tx.get_statement_line(stored.id).await.unwrap().as_ref(),
            Some(stored)
        );
    }
    let of_second = tx.lines_of_statement(second).await.unwrap();
    assert_eq!(of_second.iter().map(|l| l.id).collect::<Vec<_>>(), [new]);
    assert_eq!(of_second[0].line, line(second, "fp-new", 2));
    assert!(
        tx.get_statement_line(StatementLineId::new(999))
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        tx.lines_of_statement(BankStatementId::new(999))
            .await
            .unwrap()
            .is_empty()
    );
    let first_record = tx.get_bank_statement(first).await.unwrap().unwrap();
    assert_eq!(
        (
            first_record.lines,
            first_record.matched,
            first_record.unmatched,
            first_record.ignored
        ),
        (3, 0, 1, 2)
    );
    let second_record = tx.get_bank_statement(second).await.unwrap().unwrap();
    assert_eq!(
        (second_record.lines, second_record.unmatched),
        (1, 1),
        "the known line counts for the file that first brought it"
    );
}

pub async fn a_statement_line_state_change_needs_the_current_version_and_the_counts_follow(
    t: &TestStore,
) {
    let statement_id = insert_statement(t, &statement("c3")).await;
    let other = insert_statement(t, &statement("d4")).await;
    let ids = insert_lines(
        t,
        &[
            NewStatementLine {
                value_date: date!(2026 - 04 - 12),
                ..line(statement_id, "l1", 1)
            },
            NewStatementLine {
                value_date: date!(2026 - 04 - 08),
                ..line(statement_id, "l2", 2)
            },
            NewStatementLine {
                value_date: date!(2026 - 04 - 12),
                ..line(statement_id, "l3", 3)
            },
            NewStatementLine {
                value_date: date!(2026 - 04 - 01),
                ..line(statement_id, "l4", 4)
            },
            NewStatementLine {
                value_date: date!(2026 - 04 - 10),
                ..line(other, "l5", 1)
            },
        ],
    )
    .await;

    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.unmatched_lines(10)
            .await
            .unwrap()
            .iter()
            .map(|l| l.id)
            .collect::<Vec<_>>(),
        [ids[3], ids[1], ids[4], ids[0], ids[2]],
        "oldest value date first, then in import order"
    );
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.set_statement_line_state(ids[0], 1, LineState::Matched, None)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.set_statement_line_state(ids[1], 1, LineState::Ignored, Some("frais bancaires"))
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        tx.set_statement_line_state(ids[1], 2, LineState::Ignored, Some("don"))
            .await
            .unwrap(),
        3
    );
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    conflict(
        tx.set_statement_line_state(ids[0], 1, LineState::Unmatched, None)
            .await,
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    conflict(
        tx.set_statement_line_state(StatementLineId::new(999), 1, LineState::Matched, None)
            .await,
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    let matched = tx.get_statement_line(ids[0]).await.unwrap().unwrap();
    assert_eq!(
        (
            matched.line.state,
            matched.line.note.as_deref(),
            matched.version
        ),
        (LineState::Matched, None, 2),
        "a conflict changes nothing"
    );
    let ignored = tx.get_statement_line(ids[1]).await.unwrap().unwrap();
    assert_eq!(
        (
            ignored.line.state,
            ignored.line.note.as_deref(),
            ignored.version
        ),
        (LineState::Ignored, Some("don"), 3)
    );
    assert_eq!(
        ignored.line,
        NewStatementLine {
            state: LineState::Ignored,
            note: Some("don".to_owned()),
            value_date: date!(2026 - 04 - 08),
            ..line(statement_id, "l2", 2)
        }
    );
    let record = tx.get_bank_statement(statement_id).await.unwrap().unwrap();
    assert_eq!(
        (
            record.lines,
            record.matched,
            record.unmatched,
            record.ignored
        ),
        (4, 1, 2, 1)
    );
    let other_record = tx.get_bank_statement(other).await.unwrap().unwrap();
    assert_eq!(
        (
            other_record.lines,
            other_record.matched,
            other_record.unmatched,
            other_record.ignored
        ),
        (1, 0, 1, 0)
    );
    let by_hash = tx.find_bank_statement_by_hash("c3").await.unwrap().unwrap();
    assert_eq!(by_hash, record);
    let listed = tx.list_bank_statements(10).await.unwrap();
    assert_eq!(listed[1], record);
    assert_eq!(
        tx.unmatched_lines(2)
            .await
            .unwrap()
            .iter()
            .map(|l| l.id)
            .collect::<Vec<_>>(),
        [ids[3], ids[4]]
    );
}

pub(crate) async fn payment_entry(
    tx: &mut dyn StoreTx,
    call: CapitalCallId,
    date: Date,
    amount: Money,
) -> JournalEntryId {
    post(
        tx,
        &posted(
            simple(date, "550", "410", amount),
            EntryKind::Payment,
            Some(call),
            None,
        ),
    )
    .await
}

pub async fn payments_round_trip_are_listed_by_call_and_line_and_are_undone_once(t: &TestStore) {
    let f = fixture(t, 2).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let other = insert_call(t, &f.call(1, 2)).await;
    let statement_id = insert_statement(t, &statement("e5")).await;
    let lines = insert_lines(
        t,
        &[line(statement_id, "p1", 1), line(statement_id, "p2", 2)],
    )
    .await;

    let mut tx = t.store.begin().await.unwrap();
    let d1 = date!(2026 - 04 - 09);
    let d2 = date!(2026 - 04 - 20);
    let e1 = payment_entry(&mut *tx, call, d1, eur(60_000)).await;
    let e2 = payment_entry(&mut *tx, call, d2, eur(50_000)).await;
    let e3 = payment_entry(&mut *tx, other, d1, eur(40_000)).await;
    let exact = NewPayment {
        capital_call: call,
        line: Some(lines[0]),
        amount: eur(60_000),
        value_date: d1,
        note: None,
        entry: e1,
        excess: eur(0),
        recorded_by: "user:3".to_owned(),
        recorded_at: T0,
    };
    let by_hand = NewPayment {
        line: None,
        amount: eur(50_000),
        value_date: d2,
        note: Some("versé en liquide — reçu nº 12".to_owned()),
        entry: e2,
        excess: eur(10_000),
        recorded_by: "token:2".to_owned(),
        recorded_at: T0 + Duration::microseconds(7),
        ..exact.clone()
    };
    let split = NewPayment {
        capital_call: other,
        line: Some(lines[0]),
        amount: eur(40_000),
        entry: e3,
        excess: eur(1),
        ..exact.clone()
    };
    let p1 = tx.insert_payment(&exact).await.unwrap();
    let p2 = tx.insert_payment(&by_hand).await.unwrap();
    let p3 = tx.insert_payment(&split).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    for (id, payment) in [(p1, &exact), (p2, &by_hand), (p3, &split)] {
        let stored = tx.get_payment(id).await.unwrap().unwrap();
        assert_eq!(stored.id, id);
        assert_eq!(&stored.payment, payment);
        assert_eq!((stored.reversal_entry, stored.undone_at), (None, None));
        assert!(stored.is_active());
    }
    assert!(tx.get_payment(PaymentId::new(999)).await.unwrap().is_none());
    let ids = |records: Vec<PaymentRecord>| records.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(
        ids(tx.payments_of_capital_call(call).await.unwrap()),
        [p1, p2]
    );
    assert_eq!(ids(tx.payments_of_capital_call(other).await.unwrap()), [p3]);
    assert_eq!(
        ids(tx.payments_of_statement_line(lines[0]).await.unwrap()),
        [p1, p3]
    );
    assert!(
        tx.payments_of_statement_line(lines[1])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(ids(tx.overpayments().await.unwrap()), [p2, p3]);
    assert_eq!(
        tx.payments_of_capital_call(call).await.unwrap()[1].payment,
        by_hand
    );
    drop(tx);

    // The same entry cannot book two payments.
    let mut tx = t.store.begin().await.unwrap();
    let twice = tx
        .insert_payment(&NewPayment {
            line: Some(lines[1]),
            ..exact.clone()
        })
        .await;
    assert_eq!(duplicate_rule(twice), "payment_entry");
    drop(tx);

    let undone_at = T0 + Duration::days(3) + Duration::microseconds(1);
    let mut tx = t.store.begin().await.unwrap();
    let reversal = post(
        &mut *tx,
        &posted(
            simple(d2, "410", "550", eur(40_000)),
            EntryKind::PaymentReversal,
            Some(other),
            None,
        ),
    )
    .await;
    tx.mark_payment_undone(p3, reversal, undone_at)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let later = post(
        &mut *tx,
        &posted(
            simple(d2, "410", "550", eur(40_000)),
            EntryKind::PaymentReversal,
            Some(other),
            None,
        ),
    )
    .await;
    conflict(
        tx.mark_payment_undone(p3, later, undone_at + Duration::days(1))
            .await,
    );
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    conflict(
        tx.mark_payment_undone(PaymentId::new(999), reversal, undone_at)
            .await,
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    let undone = tx.get_payment(p3).await.unwrap().unwrap();
    assert_eq!(undone.payment, split);
    assert_eq!(
        (undone.reversal_entry, undone.undone_at),
        (Some(reversal), Some(undone_at)),
        "the first undo stays"
    );
    assert!(!undone.is_active());
    assert_eq!(ids(tx.overpayments().await.unwrap()), [p2]);
    // Undone payments stay listed.
    assert_eq!(ids(tx.payments_of_capital_call(other).await.unwrap()), [p3]);
    assert_eq!(
        ids(tx.payments_of_statement_line(lines[0]).await.unwrap()),
        [p1, p3]
    );
}

pub async fn open_calls_are_listed_with_their_holder_and_found_by_reference_only_while_open(
    t: &TestStore,
) {
    let f = fixture(t, 4).await;
    let mut tx = t.store.begin().await.unwrap();
    let no_iban = insert_person(
        &mut *tx,
        Person {
            iban: None,
            ..person("Chloé", "Dubois", "chloe@example.org")
        },
    )
    .await;
    let ann = tx.get_contact(f.ann).await.unwrap().unwrap();
    let chloe = tx.get_contact(no_iban).await.unwrap().unwrap();
    tx.commit().await.unwrap();

    let open = insert_call(t, &f.call(0, 1)).await;
    let cancelled = insert_call(t, &f.call(1, 2)).await;
    let paid = insert_call(t, &f.call(2, 3)).await;
    let of_chloe = insert_call(
        t,
        &NewCapitalCall {
            contact: no_iban,
            ..f.call(3, 4)
        },
    )
    .await;
    let mut tx = t.store.begin().await.unwrap();
    tx.update_capital_call_state(
        cancelled,
        1,
        CapitalCallState::Cancelled,
        Some("annulée"),
        T0,
    )
    .await
    .unwrap();
    tx.update_capital_call_state(paid, 1, CapitalCallState::Paid, None, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let calls = tx.open_calls().await.unwrap();
    assert_eq!(
        calls.iter().map(|c| c.call.id).collect::<Vec<_>>(),
        [open, of_chloe]
    );
    assert_eq!(
        Some(&calls[0].call),
        tx.get_capital_call(open).await.unwrap().as_ref()
    );
    assert_eq!(calls[0].holder_name, ann.details.display_name());
    assert_eq!(calls[0].holder_name, "Ann Peeters");
    assert_eq!(
        calls[0].holder_account.as_deref(),
        ann.details.iban().map(Iban::as_compact)
    );
    assert!(calls[0].holder_account.is_some());
    assert_eq!(calls[1].holder_name, chloe.details.display_name());
    assert_eq!(calls[1].holder_account, None);
    assert_eq!(calls[1].call.call.contact, no_iban);

    let found = tx
        .open_calls_by_references(&[f.call(0, 1).reference])
        .await
        .unwrap();
    assert_eq!(found, vec![calls[0].call.clone()]);
    for index in [1, 2] {
        let reference = f.call(index, u32::try_from(index).unwrap() + 1).reference;
        assert_eq!(
            tx.open_calls_by_references(std::slice::from_ref(&reference))
                .await
                .unwrap(),
            Vec::new(),
            "not open"
        );
        assert!(
            tx.find_capital_call_by_reference(&reference)
                .await
                .unwrap()
                .is_some()
        );
    }
    let unknown = ReferenceScheme::Ogm.generate(99).unwrap();
    assert_eq!(
        tx.open_calls_by_references(&[unknown]).await.unwrap(),
        Vec::new()
    );
}

pub(crate) fn movement(
    parts: MovementParts,
    call: Option<CapitalCallId>,
    micros: i64,
) -> NewRegisterMovement {
    NewRegisterMovement {
        movement: RegisterMovement::new(parts).unwrap(),
        capital_call: call,
        recorded_at: T0 + Duration::microseconds(micros),
    }
}

pub async fn register_movements_round_trip_in_date_then_register_order_for_holder_and_counterparty(
    t: &TestStore,
) {
    let f = fixture(t, 1).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let mut tx = t.store.begin().await.unwrap();
    let other_type = tx.insert_share_type(&share_type("B"), T0).await.unwrap();
    let carl: ContactId = insert_person(&mut *tx, person("Carl", "Maes", "carl@example.org")).await;
    tx.commit().await.unwrap();
    let four = ShareQuantity::new(4).unwrap();
    let issue = MovementParts {
        date: date!(2026 - 03 - 01),
        kind: MovementKind::Issue,
        share_type: f.share_type,
        quantity: four,
        unit_value: eur(25_000),
        holder: f.ann,
        counterparty: None,
        converted_from: None,
    };
    // Appended in this order: the register orders by date, then by this order.
    let movements = [
        movement(issue, Some(call), 0),
        movement(
            MovementParts {
                kind: MovementKind::Conversion,
                share_type: other_type,
                quantity: ShareQuantity::new(1).unwrap(),
                unit_value: chf(100_000),
                converted_from: Some(ConversionSource {
                    share_type: f.share_type,
                    quantity: ShareQuantity::new(3).unwrap(),
                }),
                ..issue
            },
            None,
            1,
        ),
        movement(
            MovementParts {
                date: date!(2026 - 02 - 01),
                kind: MovementKind::Transfer,
                holder: f.bart,
                counterparty: Some(f.ann),
                quantity: ShareQuantity::new(2).unwrap(),
                ..issue
            },
            None,
            2,
        ),
        movement(
            MovementParts {
                date: date!(2026 - 01 - 15),
                kind: MovementKind::Redemption,
                holder: f.bart,
                ..issue
            },
            None,
            3,
        ),
        movement(
            MovementParts {
                holder: carl,
                ..issue
            },
            None,
            4,
        ),
        movement(
            MovementParts {
                date: date!(2026 - 03 - 01),
                kind: MovementKind::Transfer,
                holder: f.ann,
                counterparty: Some(carl),
                ..issue
            },
            None,
            5,
        ),
    ];
    let mut tx = t.store.begin().await.unwrap();
    let mut ids = Vec::new();
    for movement in &movements {
        ids.push(tx.append_register_movement(movement).await.unwrap());
    }
    tx.commit().await.unwrap();

    let mut tx = t.store.begin_read().await.unwrap();
    let of = |records: &[RegisterMovementRecord]| records.iter().map(|r| r.id).collect::<Vec<_>>();
    let ann = tx.register_movements_of_contact(f.ann).await.unwrap();
    assert_eq!(of(&ann), [ids[2], ids[0], ids[1], ids[5]]);
    for record in &ann {
        let index = ids.iter().position(|id| *id == record.id).unwrap();
        assert_eq!(record.movement, movements[index], "movement {index}");
    }
    let bart = tx.register_movements_of_contact(f.bart).await.unwrap();
    assert_eq!(of(&bart), [ids[3], ids[2]]);
    assert_eq!(bart[0].movement, movements[3]);
    assert_eq!(bart[1].movement, movements[2]);
    let carl_movements = tx.register_movements_of_contact(carl).await.unwrap();
    assert_eq!(of(&carl_movements), [ids[4], ids[5]]);
    assert!(
        tx.register_movements_of_contact(ContactId::new(999))
            .await
            .unwrap()
            .is_empty()
    );
    drop(tx);

    // A call's payment issues shares once.
    let mut tx = t.store.begin().await.unwrap();
    let again = tx
        .append_register_movement(&movement(issue, Some(call), 9))
        .await;
    assert_eq!(duplicate_rule(again), "register_capital_call");
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.register_movements_of_contact(f.ann).await.unwrap().len(),
        4
    );
}
