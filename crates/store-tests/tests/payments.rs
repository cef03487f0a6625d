//! Step 3 on both backends: payments registered by hand and from bank statements, automatic
//! and manual reconciliation, and admission with member numbers in payment order.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use coopshares_app::AppError;
use coopshares_app::contacts;
use coopshares_app::payments::{self, PaymentInput};
use coopshares_app::ports::{Actor, CapitalCallRecord};
use coopshares_app::statements::{self, Allocation};
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::reconciliation::{Clue, LineState};
use coopshares_domain::subscription::RequestState;
use coopshares_store_tests::backends::TestStore;
use coopshares_store_tests::camt::{self, Entry};
use time::macros::date;

mod support;
use support::World;

const ACCOUNT: &str = "BE71096123456769";

async fn call(world: &World, call: &CapitalCallRecord) -> CapitalCallRecord {
    world.current_call(call.id).await
}

async fn holder(world: &World, call: &CapitalCallRecord) -> contacts::ContactView {
    contacts::view(world.store.as_ref(), call.call.contact)
        .await
        .unwrap()
}

fn credit(cents: i64, date: &str, reference: Option<&str>, text: &str) -> Entry {
    Entry {
        cents,
        date: date.to_owned(),
        structured_reference: reference.map(str::to_owned),
        free_text: text.to_owned(),
        name: "A payer".to_owned(),
        ..Entry::default()
    }
}

fn printed(call: &CapitalCallRecord) -> String {
    call.call.reference.to_string()
}

fn compact(call: &CapitalCallRecord) -> String {
    call.call.reference.as_compact().to_owned()
}

async fn member_numbers_follow_the_value_dates_not_the_file(test: TestStore) {
    let world = World::new(&test).await;
    let first = world.called(1, 2).await;
    let second = world.called(2, 1).await;
    let third = world.called(3, 4).await;
    // The file lists the latest payment first.
    let file = camt::statement(
        ACCOUNT,
        10_000,
        None,
        &[
            credit(50_200, "2026-03-05", Some(&compact(&third)), ""),
            credit(
                25_100,
                "2026-03-03",
                None,
                &format!("parts {}", printed(&first)),
            ),
            credit(12_550, "2026-03-04", Some(&printed(&second)), ""),
        ],
    );
    let outcome = world.import(&file).await.unwrap();
    assert!(!outcome.already_imported);
    assert_eq!(
        (
            outcome.statement.lines,
            outcome.statement.matched,
            outcome.statement.unmatched
        ),
        (3, 3, 0)
    );
    for (number, (paid, since, quantity)) in [
        (&first, date!(2026 - 03 - 03), 2),
        (&second, date!(2026 - 03 - 04), 1),
        (&third, date!(2026 - 03 - 05), 4),
    ]
    .into_iter()
    .enumerate()
    {
        let after = call(&world, paid).await;
        assert_eq!(after.state, CapitalCallState::Paid);
        let view = holder(&world, paid).await;
        assert_eq!(view.contact.membership, MembershipStatus::Cooperator);
        assert_eq!(
            view.contact.member_number,
            Some(u32::try_from(number).unwrap() + 1)
        );
        assert_eq!(view.contact.member_since, Some(since));
        assert_eq!(view.holdings.len(), 1);
        assert_eq!(view.holdings[0].quantity, quantity);
        assert_eq!(view.holdings[0].since, since);
        assert_eq!(view.requests[0].state, RequestState::Paid);
    }
    // The receivable is settled and the bank holds the capital.
    let mut tx = world.store.begin_read().await.unwrap();
    let balances = tx.account_balances(None).await.unwrap();
    let balance = |code: &str| {
        balances
            .iter()
            .find(|b| b.account.as_str() == code)
            .map_or(0, |b| b.debit_minus_credit)
    };
    assert_eq!(balance("410"), 0);
    assert_eq!(balance("550"), 87_850);
    assert_eq!(balance("100"), -87_850);
    drop(tx);

    // The same file again: the same import, nothing doubled.
    let again = world.import(&file).await.unwrap();
    assert!(again.already_imported);
    assert_eq!(again.statement.id, outcome.statement.id);
    // A file overlapping the first: only its new movement is stored.
    let overlapping = camt::statement(
        ACCOUNT,
        97_850,
        None,
        &[
            credit(12_550, "2026-03-04", Some(&printed(&second)), ""),
            credit(700, "2026-03-06", None, "gift"),
        ],
    );
    let overlap = world.import(&overlapping).await.unwrap();
    assert_eq!(overlap.known_lines, 1);
    assert_eq!(
        (overlap.statement.lines, overlap.statement.unmatched),
        (1, 1)
    );
    let mut tx = world.store.begin_read().await.unwrap();
    assert_eq!(
        tx.payments_of_capital_call(second.id).await.unwrap().len(),
        1
    );
}

async fn every_kind_of_line_is_handled(test: TestStore) {
    let world = World::new(&test).await;
    let full = world.called(1, 2).await;
    let partial = world.called(2, 2).await;
    let over = world.called(3, 2).await;
    let unreferenced = world.called(4, 2).await;
    let mistyped = world.called(5, 2).await;
    // The mistyped reference: the right digits but the wrong check.
    let digits = compact(&mistyped);
    let wrong_check = format!(
        "{}{:02}",
        &digits[..10],
        (digits[10..].parse::<u32>().unwrap() + 1) % 100
    );
    let file = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            credit(25_100, "2026-03-03", Some(&compact(&full)), ""),
            credit(10_000, "2026-03-03", Some(&compact(&partial)), ""),
            credit(
                30_000,
                "2026-03-03",
                None,
                &format!("capital {}", compact(&over)),
            ),
            credit(25_100, "2026-03-03", None, "parts sociales"),
            credit(25_100, "2026-03-03", Some(&wrong_check), ""),
            Entry {
                cents: -5_000,
                date: "2026-03-03".to_owned(),
                name: "Bank".to_owned(),
                free_text: "fees".to_owned(),
                ..Entry::default()
            },
            Entry {
                reversal: true,
                ..credit(25_100, "2026-03-03", Some(&compact(&full)), "returned")
            },
        ],
    );
    let outcome = world.import(&file).await.unwrap();
    let statement = outcome.statement;
    assert_eq!(
        (
            statement.lines,
            statement.matched,
            statement.unmatched,
            statement.ignored
        ),
        (7, 3, 2, 2)
    );

    // Full: paid. Partial: open with the rest due. Over: paid, the excess flagged.
    assert_eq!(call(&world, &full).await.state, CapitalCallState::Paid);
    let partial_now = call(&world, &partial).await;
    assert_eq!(partial_now.state, CapitalCallState::Open);
    assert_eq!(partial_now.amount_paid.to_string(), "100.00");
    assert_eq!(
        holder(&world, &partial).await.contact.membership,
        MembershipStatus::Candidate
    );
    assert_eq!(call(&world, &over).await.state, CapitalCallState::Paid);
    {
        let mut tx = world.store.begin_read().await.unwrap();
        let flagged = tx.overpayments().await.unwrap();
        assert_eq!(flagged.len(), 1);
        assert_eq!(flagged[0].payment.capital_call, over.id);
        assert_eq!(flagged[0].payment.excess.to_string(), "49.00");
    }

    let view = statements::view_statement(world.store.as_ref(), statement.id)
        .await
        .unwrap();
    let line = |position: i64| {
        view.lines
            .iter()
            .find(|l| l.line.line.position == position)
            .unwrap()
    };
    // No reference: nothing paid, suggestions for the manager.
    assert_eq!(line(4).line.line.state, LineState::Unmatched);
    assert!(
        line(4)
            .suggestions
            .iter()
            .any(|s| s.call.id == unreferenced.id)
    );
    assert_eq!(
        call(&world, &unreferenced).await.state,
        CapitalCallState::Open
    );
    // A wrong check digit reconciles nothing, and the call it looks like is proposed first.
    assert_eq!(line(5).line.line.state, LineState::Unmatched);
    let first = &line(5).suggestions[0];
    assert_eq!(first.call.id, mistyped.id);
    assert!(first.clues.contains(&Clue::ReferenceTypo));
    // A debit and a reversal are never payments.
    assert_eq!(line(6).line.line.state, LineState::Ignored);
    assert_eq!(line(6).line.line.note.as_deref(), Some("debit"));
    assert_eq!(line(7).line.line.state, LineState::Ignored);
    assert_eq!(line(7).line.line.note.as_deref(), Some("reversal"));
    let refused = statements::match_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        line(6).line.id,
        &[Allocation {
            capital_call_id: unreferenced.id,
            amount: None,
        }],
    )
    .await
    .unwrap_err();
    assert!(
        matches!(
            refused,
            AppError::Conflict {
                code: "not_a_payment",
                ..
            }
        ),
        "{refused:?}"
    );

    // The manager confirms the suggestion, and splits the mistyped line over two calls.
    statements::match_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        line(4).line.id,
        &[Allocation {
            capital_call_id: unreferenced.id,
            amount: None,
        }],
    )
    .await
    .unwrap();
    assert_eq!(
        call(&world, &unreferenced).await.state,
        CapitalCallState::Paid
    );
    let wrong_split = statements::match_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        line(5).line.id,
        &[
            Allocation {
                capital_call_id: mistyped.id,
                amount: Some("200.00".to_owned()),
            },
            Allocation {
                capital_call_id: partial.id,
                amount: Some("50.00".to_owned()),
            },
        ],
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&wrong_split, AppError::Validation(errors) if errors[0].code == "split_does_not_add_up"),
        "{wrong_split:?}"
    );
    let applied = statements::match_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        line(5).line.id,
        &[
            Allocation {
                capital_call_id: mistyped.id,
                amount: Some("200.00".to_owned()),
            },
            Allocation {
                capital_call_id: partial.id,
                amount: Some("51.00".to_owned()),
            },
        ],
    )
    .await
    .unwrap();
    assert_eq!(applied.len(), 2);
    assert_eq!(
        call(&world, &mistyped).await.amount_paid.to_string(),
        "200.00"
    );
    assert_eq!(
        call(&world, &partial).await.amount_paid.to_string(),
        "151.00"
    );

    // Undo: a payment on a call still open is reversed and its line waits again; a payment
    // that admitted a member stands.
    let mut tx = world.store.begin_read().await.unwrap();
    let partial_payments = tx.payments_of_capital_call(partial.id).await.unwrap();
    let full_payments = tx.payments_of_capital_call(full.id).await.unwrap();
    drop(tx);
    let undone = payments::undo_payment(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        partial_payments[0].id,
    )
    .await
    .unwrap();
    assert!(!undone.is_active());
    assert_eq!(
        call(&world, &partial).await.amount_paid.to_string(),
        "51.00"
    );
    let view = statements::view_statement(world.store.as_ref(), statement.id)
        .await
        .unwrap();
    assert_eq!(view.lines[1].line.line.state, LineState::Unmatched);
    let again = payments::undo_payment(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        partial_payments[0].id,
    )
    .await
    .unwrap_err();
    assert!(matches!(
        again,
        AppError::Conflict {
            code: "payment_already_undone",
            ..
        }
    ));
    let admitted = payments::undo_payment(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        full_payments[0].id,
    )
    .await
    .unwrap_err();
    assert!(matches!(
        admitted,
        AppError::Conflict {
            code: "payment_admitted",
            ..
        }
    ));

    // Ignoring a line waiting for a manager.
    statements::ignore_line(
        world.store.as_ref(),
        &world.clock,
        &Actor::Operator,
        view.lines[1].line.id,
        Some("refund asked"),
    )
    .await
    .unwrap();
    let view = statements::view_statement(world.store.as_ref(), statement.id)
        .await
        .unwrap();
    assert_eq!(view.lines[1].line.line.state, LineState::Ignored);
    assert_eq!(view.statement.unmatched, 0);
}

async fn additional_shares_add_to_the_holdings_and_keep_the_number(test: TestStore) {
    let world = World::new(&test).await;
    let other = world.called(9, 1).await;
    let first = world.called(1, 2).await;
    let pay = |call: &CapitalCallRecord, amount: &str, date: &str| {
        let store = world.store.as_ref();
        let services = world.services();
        let id = call.id;
        let input = PaymentInput {
            amount: amount.to_owned(),
            date: date.to_owned(),
            note: Some("bank transfer".to_owned()),
        };
        async move { payments::register_payment(store, services, &Actor::Operator, id, &input).await }
    };
    // Refused: more decimals than the euro has, a date to come, a date that is no date.
    let refused = pay(&first, "10.001", "2026-03-01").await.unwrap_err();
    assert!(
        matches!(&refused, AppError::Validation(e) if e[0].field == "amount"),
        "{refused:?}"
    );
    let refused = pay(&first, "10.00", "2026-03-09").await.unwrap_err();
    assert!(matches!(&refused, AppError::Validation(e) if e[0].code == "date_in_future"));
    let refused = pay(&first, "10.00", "01/03/2026").await.unwrap_err();
    assert!(matches!(&refused, AppError::Validation(e) if e[0].field == "date"));

    let part = pay(&first, "100.00", "2026-03-01").await.unwrap();
    assert_eq!(part.call_state, CapitalCallState::Open);
    assert_eq!(part.amount_due.to_string(), "151.00");
    let rest = pay(&first, "151.00", "2026-03-02").await.unwrap();
    assert_eq!(rest.call_state, CapitalCallState::Paid);
    assert_eq!(rest.member_number, Some(1));
    let closed = pay(&first, "1.00", "2026-03-02").await.unwrap_err();
    assert!(matches!(
        closed,
        AppError::Conflict {
            code: "capital_call_not_open",
            ..
        }
    ));

    // More shares for the same member: same contact, same number, holdings grow.
    let more = world.called(1, 3).await;
    assert_eq!(more.call.contact, first.call.contact);
    let paid = pay(&more, "376.50", "2026-03-02").await.unwrap();
    assert_eq!(paid.member_number, None);
    let view = holder(&world, &first).await;
    assert_eq!(view.contact.member_number, Some(1));
    assert_eq!(view.contact.member_since, Some(date!(2026 - 03 - 02)));
    assert_eq!(view.holdings.len(), 1);
    assert_eq!(view.holdings[0].quantity, 5);
    assert_eq!(view.holdings[0].value.to_string(), "627.50");
    // The other member, paid later, gets the next number.
    let later = pay(&other, "125.50", "2026-03-02").await.unwrap();
    assert_eq!(later.member_number, Some(2));
}

/// One file pays a call in two parts and then once more: the second part sees the first
/// (the call read again between them), pays the call and admits the holder; the third line
/// names a call no longer open and waits for a manager.
async fn a_call_paid_in_parts_within_one_file_is_paid_once(test: TestStore) {
    let world = World::new(&test).await;
    let called = world.called(1, 2).await;
    let reference = compact(&called);
    let file = camt::statement(
        ACCOUNT,
        0,
        None,
        &[
            credit(10_000, "2026-03-02", Some(&reference), ""),
            credit(15_100, "2026-03-03", Some(&reference), ""),
            credit(25_100, "2026-03-04", Some(&reference), ""),
        ],
    );
    let statement = world.import(&file).await.unwrap().statement;
    assert_eq!((statement.matched, statement.unmatched), (2, 1));
    let now = call(&world, &called).await;
    assert_eq!(now.state, CapitalCallState::Paid);
    assert_eq!(now.amount_paid.to_string(), "251.00");
    let holder = holder(&world, &called).await;
    assert_eq!(holder.contact.membership, MembershipStatus::Cooperator);
    assert_eq!(holder.contact.member_number, Some(1));
    let view = statements::view_statement(world.store.as_ref(), statement.id)
        .await
        .unwrap();
    let third = view
        .lines
        .iter()
        .find(|l| l.line.line.position == 3)
        .unwrap();
    assert_eq!(third.line.line.state, LineState::Unmatched);
}

async fn a_refused_file_stores_nothing(test: TestStore) {
    let world = World::new(&test).await;
    let first = world.called(1, 2).await;
    let entries = [credit(25_100, "2026-03-03", Some(&compact(&first)), "")];
    let unbalanced = camt::statement(ACCOUNT, 0, Some(25_000), &entries);
    let error = world.import(&unbalanced).await.unwrap_err();
    let AppError::Validation(errors) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(errors[0].code, "statement_unbalanced");
    assert!(
        errors[0].detail.contains("difference -1.00"),
        "{}",
        errors[0].detail
    );
    let truncated = &camt::statement(ACCOUNT, 0, None, &entries)[..400];
    let error = world.import(truncated).await.unwrap_err();
    let AppError::Validation(errors) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(errors[0].code, "statement_malformed");
    assert!(errors[0].detail.contains("line"), "{}", errors[0].detail);
    let mut tx = world.store.begin_read().await.unwrap();
    assert!(tx.list_bank_statements(10).await.unwrap().is_empty());
    assert_eq!(call(&world, &first).await.state, CapitalCallState::Open);
}

async fn csv_files_and_typed_lines_are_reconciled_too(test: TestStore) {
    let world = World::new(&test).await;
    let first = world.called(1, 2).await;
    let second = world.called(2, 1).await;
    let mapping: statements::CsvMapping = serde_json::from_value(serde_json::json!({
        "delimiter": ";", "decimal_separator": ",", "thousands_separator": ".",
        "date_format": "dd/mm/yyyy", "currency": "EUR",
        "columns": {
            "booking_date": "Datum", "amounts": {"form": "signed", "amount": "Bedrag"},
            "counterparty_name": "Naam", "communication": "Mededeling"
        }
    }))
    .unwrap();
    let file = format!(
        "Datum;Naam;Bedrag;Mededeling\r\n03/03/2026;Zoë Member 1;251,00;{}\r\n04/03/2026;Bank;-1,50;kosten\r\n",
        printed(&first)
    );
    let outcome = statements::import(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        file.as_bytes(),
        Some("export.csv"),
        Some(&mapping),
    )
    .await
    .unwrap();
    assert_eq!(outcome.statement.statement.format, "csv");
    assert_eq!(
        (
            outcome.statement.lines,
            outcome.statement.matched,
            outcome.statement.ignored
        ),
        (2, 1, 1)
    );
    assert_eq!(call(&world, &first).await.state, CapitalCallState::Paid);
    // Without its mapping a CSV file cannot be read.
    let unmapped = statements::import(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        b"Datum;Bedrag\n01/03/2026;5,00\n",
        None,
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(&unmapped, AppError::Validation(e) if e[0].code == "statement_malformed"));

    // A movement typed in by hand, with the reference printed as on the paper statement.
    let typed = statements::add_manual_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        &statements::ManualLineInput {
            date: "2026-03-02".to_owned(),
            amount: "125.50".to_owned(),
            counterparty_name: Some("Zoë Member 2".to_owned()),
            counterparty_account: Some("BE71 0961 2345 6769".to_owned()),
            communication: Some(printed(&second)),
        },
    )
    .await
    .unwrap();
    assert_eq!((typed.statement.lines, typed.statement.matched), (1, 1));
    assert_eq!(call(&world, &second).await.state, CapitalCallState::Paid);
    let refused = statements::add_manual_line(
        world.store.as_ref(),
        world.services(),
        &Actor::Operator,
        &statements::ManualLineInput {
            date: "2026-03-02".to_owned(),
            amount: "10.001".to_owned(),
            counterparty_account: Some("BE00 0000".to_owned()),
            ..statements::ManualLineInput::default()
        },
    )
    .await
    .unwrap_err();
    let AppError::Validation(errors) = refused else {
        panic!("{refused:?}")
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["amount", "counterparty_account"]);
}

async fn simultaneous_payments_and_imports_never_count_twice(test: TestStore) {
    let world = World::new(&test).await;
    let paid = world.called(1, 2).await;
    let input = PaymentInput {
        amount: "251.00".to_owned(),
        date: "2026-03-02".to_owned(),
        note: None,
    };
    let (a, b) = tokio::join!(
        payments::register_payment(
            world.store.as_ref(),
            world.services(),
            &Actor::Operator,
            paid.id,
            &input
        ),
        payments::register_payment(
            world.store.as_ref(),
            world.services(),
            &Actor::Operator,
            paid.id,
            &input
        ),
    );
    let outcomes = [a, b];
    assert_eq!(
        outcomes.iter().filter(|o| o.is_ok()).count(),
        1,
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|o| matches!(o, Err(AppError::Conflict { .. }))),
        "{outcomes:?}"
    );
    assert_eq!(call(&world, &paid).await.amount_paid.to_string(), "251.00");

    // The same file sent twice at once: one import, each movement once.
    let other = world.called(2, 1).await;
    let file = camt::statement(
        ACCOUNT,
        0,
        None,
        &[credit(12_550, "2026-03-02", Some(&compact(&other)), "")],
    );
    let (a, b) = tokio::join!(world.import(&file), world.import(&file));
    let outcomes = [a, b];
    let ids: Vec<_> = outcomes
        .iter()
        .filter_map(|o| o.as_ref().ok().map(|o| o.statement.id))
        .collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{outcomes:?}");
    assert!(!ids.is_empty(), "{outcomes:?}");
    let mut tx = world.store.begin_read().await.unwrap();
    assert_eq!(tx.list_bank_statements(10).await.unwrap().len(), 1);
    assert_eq!(
        tx.payments_of_capital_call(other.id).await.unwrap().len(),
        1
    );
}

coopshares_store_tests::on_both_backends!(
    member_numbers_follow_the_value_dates_not_the_file,
    every_kind_of_line_is_handled,
    additional_shares_add_to_the_holdings_and_keep_the_number,
    a_refused_file_stores_nothing,
    a_call_paid_in_parts_within_one_file_is_paid_once,
    csv_files_and_typed_lines_are_reconciled_too,
    simultaneous_payments_and_imports_never_count_twice,
);
