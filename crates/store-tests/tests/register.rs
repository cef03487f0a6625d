//! The member and share register on both backends: as it stood on any date, read page by
//! page; its totals; its CSV export read back; and its agreement with the ledger.

#![expect(
    clippy::unwrap_used,
    reason = "test code: a failed step is a failed test"
)]

use std::collections::BTreeMap;

use coopshares_app::capital::{self, Services};
use coopshares_app::clock::FixedClock;
use coopshares_app::contacts;
use coopshares_app::payments::{self, PaymentInput};
use coopshares_app::ports::{Actor, NewRegisterMovement, Store};
use coopshares_app::register::{self, RegisterReader, RegisterRow};
use coopshares_domain::contact::{ContactDetails, Person};
use coopshares_domain::ids::{ContactId, ShareTypeId};
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::register::{Holdings, RegisterMovement};
use coopshares_store_tests::backends::{self, TestStore};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration};

mod support;
use support::World;

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR)
}

/// `n` persons, members with numbers 1..=n, and share type A (125.50).
async fn members(world: &World, n: u32) -> (Vec<ContactId>, ShareTypeId) {
    let mut tx = world.store.begin().await.unwrap();
    let share_type = tx.list_share_types().await.unwrap()[0].id;
    let mut ids = Vec::new();
    for i in 1..=n {
        let person: Person = serde_json::from_value(serde_json::json!({
            "first_name": "Zoë", "last_name": format!("Membre, \"{i}\""),
            "email": format!("m{i}@example.be"), "language": "fr", "phone": null, "iban": null,
            "address": {"street": "Rue 1", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        }))
        .unwrap();
        let id = tx
            .insert_contact(
                &ContactDetails::Person(person),
                datetime!(2026-01-01 0:00 UTC),
            )
            .await
            .unwrap();
        tx.set_membership(
            id,
            1,
            MembershipStatus::Cooperator,
            Some(i),
            Some(date!(2026 - 01 - 01)),
            datetime!(2026-01-01 0:00 UTC),
        )
        .await
        .unwrap();
        ids.push(id);
    }
    tx.commit().await.unwrap();
    (ids, share_type)
}

async fn append(store: &dyn Store, movements: &[RegisterMovement]) {
    let mut tx = store.begin().await.unwrap();
    for movement in movements {
        tx.append_register_movement(&NewRegisterMovement {
            movement: *movement,
            capital_call: None,
            recorded_at: datetime!(2026-06-01 0:00 UTC),
        })
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Every row of the register on `as_of`, read in pages of `page` contacts.
async fn read_all(store: &dyn Store, as_of: Date, page: u32) -> Vec<RegisterRow> {
    let mut reader = RegisterReader::open(store, as_of, None).await.unwrap();
    let mut rows = Vec::new();
    while let Some(more) = reader.next_page(page).await.unwrap() {
        rows.extend(more);
    }
    rows
}

/// What the CSV export of `as_of` says each member number holds (total shares, paid up).
async fn csv_read_back(store: &dyn Store, as_of: Date) -> BTreeMap<String, (u64, String)> {
    let mut reader = RegisterReader::open(store, as_of, None).await.unwrap();
    let mut text = register::csv::header(reader.share_types());
    while let Some(rows) = reader.next_page(2).await.unwrap() {
        text.push_str(&register::csv::rows(reader.share_types(), &rows));
    }
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (number, total, paid) = (
        column("member_number"),
        column("total_shares"),
        column("paid_up"),
    );
    let mut read = BTreeMap::new();
    for line in lines {
        let fields = split_csv(line);
        assert_eq!(fields.len(), header.len(), "{line}");
        read.insert(
            fields[number].clone(),
            (fields[total].parse().unwrap(), fields[paid].clone()),
        );
    }
    read
}

/// A CSV line into its fields (quotes and doubled quotes as RFC 4180).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

async fn the_register_stands_as_it_was_on_each_date(test: TestStore) {
    let world = World::new(&test).await;
    let (m, a) = members(&world, 3).await;
    let q = |n| ShareQuantity::new(n).unwrap();
    let unit = eur(12_550);
    append(
        world.store.as_ref(),
        &[
            RegisterMovement::issue(date!(2026 - 01 - 10), a, q(10), unit, m[0]).unwrap(),
            RegisterMovement::issue(date!(2026 - 02 - 01), a, q(5), unit, m[1]).unwrap(),
            RegisterMovement::transfer(date!(2026 - 03 - 01), a, q(3), unit, m[0], m[1]).unwrap(),
            RegisterMovement::issue(date!(2026 - 03 - 05), a, q(2), unit, m[2]).unwrap(),
            RegisterMovement::redemption(date!(2026 - 04 - 01), a, q(2), unit, m[2]).unwrap(),
        ],
    )
    .await;
    let store = world.store.as_ref();

    assert!(read_all(store, date!(2026 - 01 - 09), 2).await.is_empty());
    assert_eq!(
        register::totals(store, date!(2026 - 01 - 09))
            .await
            .unwrap()
            .quantity,
        0
    );

    let held = |rows: &[RegisterRow]| -> Vec<(u32, u64)> {
        rows.iter()
            .map(|r| (r.contact.member_number.unwrap(), r.total_quantity()))
            .collect()
    };
    let february = read_all(store, date!(2026 - 02 - 15), 2).await;
    assert_eq!(held(&february), [(1, 10), (2, 5)]);
    assert_eq!(february[0].entry_date, Some(date!(2026 - 01 - 10)));
    assert_eq!(february[0].holdings[0].paid, eur(10 * 12_550));

    let march = read_all(store, date!(2026 - 03 - 15), 2).await;
    assert_eq!(held(&march), [(1, 7), (2, 8), (3, 2)]);
    assert_eq!(march[0].transfers.len(), 1);
    assert!(!march[0].transfers[0].received);
    assert_eq!(march[0].transfers[0].other, m[1]);
    assert!(march[1].transfers[0].received);
    let totals = register::totals(store, date!(2026 - 03 - 15))
        .await
        .unwrap();
    assert_eq!(totals.quantity, 17);
    assert_eq!(totals.value, Some(eur(17 * 12_550)));

    // Member 3 left on 1 April: still in the register, with the exit and what was paid out.
    let april = read_all(store, date!(2026 - 04 - 15), 1).await;
    assert_eq!(held(&april), [(1, 7), (2, 8), (3, 0)]);
    assert_eq!(april[2].exit_date(), Some(date!(2026 - 04 - 01)));
    assert_eq!(april[2].withdrawals[0].paid_out, eur(2 * 12_550));
    assert_eq!(april[2].entry_date, Some(date!(2026 - 03 - 05)));
    assert_eq!(
        register::totals(store, date!(2026 - 04 - 15))
            .await
            .unwrap()
            .quantity,
        15
    );

    // The CSV export says the same, names with commas and quotes included.
    let csv = csv_read_back(store, date!(2026 - 04 - 15)).await;
    assert_eq!(csv["1"], (7, "878.50".to_owned()));
    assert_eq!(csv["2"], (8, "1004.00".to_owned()));
    assert_eq!(csv["3"], (0, "0.00".to_owned()));
}

async fn the_register_agrees_with_the_ledger_on_every_date(test: TestStore) {
    let world = World::new(&test).await;
    let mut calls = Vec::new();
    for (n, quantity) in [(1, 2), (2, 1), (3, 4)] {
        let id = world.submit(n, quantity).await;
        calls.push(
            capital::validate(
                world.store.as_ref(),
                world.services(),
                &Actor::Operator,
                id,
                None,
            )
            .await
            .unwrap()
            .call,
        );
    }
    // Paid later: in full on 5 March, in two parts (10 and 16 March), and not at all.
    let later = FixedClock::new(datetime!(2026-03-20 10:00 UTC));
    let services = Services {
        clock: &later,
        ..world.services()
    };
    let pay = |call: usize, amount: &str, date: &str| {
        let id = calls[call].id;
        let input = PaymentInput {
            amount: amount.to_owned(),
            date: date.to_owned(),
            note: None,
        };
        let store = world.store.as_ref();
        async move {
            payments::register_payment(store, services, &Actor::Operator, id, &input)
                .await
                .unwrap();
        }
    };
    pay(0, "251.00", "2026-03-05").await;
    pay(1, "100.00", "2026-03-10").await;
    pay(1, "25.50", "2026-03-16").await;

    let mut day = date!(2026 - 03 - 01);
    while day <= date!(2026 - 03 - 20) {
        let totals = register::totals(world.store.as_ref(), day).await.unwrap();
        let value = totals.value.map_or(0, |v| v.minor());
        let rows = read_all(world.store.as_ref(), day, 2).await;
        let holdings: i64 = rows
            .iter()
            .map(|r| r.total_paid(Currency::EUR).unwrap().minor())
            .sum();
        assert_eq!(value, holdings, "{day}: totals and rows");
        // Capital credited at validation, less what is called but not yet admitted.
        let mut tx = world.store.begin_read().await.unwrap();
        let balances = tx.account_balances(Some(day)).await.unwrap();
        let capital = -balances
            .iter()
            .find(|b| b.account.as_str() == "100")
            .map_or(0, |b| b.debit_minus_credit);
        let mut not_admitted = 0;
        for call in &calls {
            let admitted_by = tx
                .register_movements_of_contact(call.call.contact)
                .await
                .unwrap()
                .iter()
                .map(|m| m.movement.movement.date())
                .min();
            if call.call.issue_date <= day && admitted_by.is_none_or(|d| d > day) {
                not_admitted += call.call.amount.minor();
            }
        }
        assert_eq!(value, capital - not_admitted, "{day}: register and ledger");
        day += Duration::days(1);
    }
    let end = register::totals(world.store.as_ref(), date!(2026 - 03 - 20))
        .await
        .unwrap();
    assert_eq!(end.quantity, 3);
}

/// A contact's page (and certificate) counts shares received by transfer: the holder's own
/// movements are all it reads, and the giver's earlier issue is not among them.
async fn a_contact_holds_what_was_transferred_to_them(test: TestStore) {
    let world = World::new(&test).await;
    let (m, a) = members(&world, 3).await;
    let q = |n| ShareQuantity::new(n).unwrap();
    let unit = eur(12_550);
    append(
        world.store.as_ref(),
        &[
            RegisterMovement::issue(date!(2026 - 01 - 10), a, q(10), unit, m[0]).unwrap(),
            RegisterMovement::transfer(date!(2026 - 03 - 01), a, q(3), unit, m[0], m[1]).unwrap(),
            RegisterMovement::transfer(date!(2026 - 04 - 01), a, q(2), unit, m[1], m[2]).unwrap(),
        ],
    )
    .await;
    let mut held = Vec::new();
    for &member in &m {
        let view = contacts::view(world.store.as_ref(), member).await.unwrap();
        let holdings: Vec<_> = view
            .holdings
            .iter()
            .map(|h| (h.share_type.id, h.quantity, h.value, h.since))
            .collect();
        held.push(holdings);
    }
    assert_eq!(
        held,
        [
            vec![(a, 7, eur(7 * 12_550), date!(2026 - 01 - 10))],
            vec![(a, 1, eur(12_550), date!(2026 - 03 - 01))],
            vec![(a, 2, eur(2 * 12_550), date!(2026 - 04 - 01))],
        ]
    );
}

coopshares_store_tests::on_both_backends!(
    the_register_stands_as_it_was_on_each_date,
    the_register_agrees_with_the_ledger_on_every_date,
    a_contact_holds_what_was_transferred_to_them,
);

/// One step of a random history: an issue, a transfer or a redemption between 4 members, on
/// day `day` of 2026 (invalid steps — more shares leaving than held — are skipped).
#[derive(Debug, Clone)]
enum Step {
    Issue {
        to: usize,
        quantity: u32,
        day: u8,
    },
    Transfer {
        from: usize,
        to: usize,
        quantity: u32,
        day: u8,
    },
    Redeem {
        from: usize,
        quantity: u32,
        day: u8,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..4usize, 1..20u32, 1..60u8).prop_map(|(to, quantity, day)| Step::Issue {
            to,
            quantity,
            day
        }),
        (0..4usize, 0..4usize, 1..10u32, 1..60u8).prop_map(|(from, to, quantity, day)| {
            Step::Transfer {
                from,
                to,
                quantity,
                day,
            }
        }),
        (0..4usize, 1..10u32, 1..60u8).prop_map(|(from, quantity, day)| Step::Redeem {
            from,
            quantity,
            day
        }),
    ]
}

async fn play(steps: Vec<Step>, probes: Vec<u8>) {
    let test = backends::sqlite().await.unwrap();
    let world = World::new(&test).await;
    let (m, a) = members(&world, 4).await;
    let unit = eur(12_550);
    let start = date!(2026 - 01 - 01);
    // Keep only steps that leave nobody with fewer than zero shares, in date order.
    let mut steps = steps;
    steps.sort_by_key(|s| match s {
        Step::Issue { day, .. } | Step::Transfer { day, .. } | Step::Redeem { day, .. } => *day,
    });
    let mut accepted: Vec<RegisterMovement> = Vec::new();
    for s in steps {
        let candidate = match s {
            Step::Issue { to, quantity, day } => RegisterMovement::issue(
                start + Duration::days(day.into()),
                a,
                ShareQuantity::new(quantity).unwrap(),
                unit,
                m[to],
            ),
            Step::Transfer {
                from,
                to,
                quantity,
                day,
            } => RegisterMovement::transfer(
                start + Duration::days(day.into()),
                a,
                ShareQuantity::new(quantity).unwrap(),
                unit,
                m[from],
                m[to],
            ),
            Step::Redeem {
                from,
                quantity,
                day,
            } => RegisterMovement::redemption(
                start + Duration::days(day.into()),
                a,
                ShareQuantity::new(quantity).unwrap(),
                unit,
                m[from],
            ),
        };
        let Ok(candidate) = candidate else { continue };
        let mut trial = accepted.clone();
        trial.push(candidate);
        if Holdings::from_movements(&trial, Date::MAX).is_ok() {
            accepted = trial;
        }
    }
    append(world.store.as_ref(), &accepted).await;
    for probe in probes {
        let day = start + Duration::days(probe.into());
        let replay = Holdings::from_movements(&accepted, day).unwrap();
        let expected = replay.total(a);
        let totals = register::totals(world.store.as_ref(), day).await.unwrap();
        let rows = read_all(world.store.as_ref(), day, 3).await;
        let from_rows: u64 = rows.iter().map(RegisterRow::total_quantity).sum();
        let csv = csv_read_back(world.store.as_ref(), day).await;
        let from_csv: u64 = csv.values().map(|(q, _)| q).sum();
        assert_eq!(totals.quantity, expected, "{day}: totals");
        assert_eq!(from_rows, expected, "{day}: rows");
        assert_eq!(from_csv, expected, "{day}: csv");
        for row in &rows {
            assert_eq!(
                row.total_quantity(),
                replay.quantity(row.contact.id, a),
                "{day}: member {:?}",
                row.contact.member_number
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn register_totals_rows_and_exports_agree_with_the_replayed_holdings_on_any_date(
        steps in prop::collection::vec(step(), 0..25),
        probes in prop::collection::vec(0..65u8, 1..5),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(play(steps, probes));
    }
}
