//! The audit log read back (filters, pages, totals, days in UTC), and the evidence tables the
//! database itself keeps append-only, whoever connects to it.

use coopshares_app::ports::{
    AuditEntry, AuditFilter, AuditRecord, EntryKind, NewCertificate, NewRegisterMovement, StoreTx,
};
use coopshares_domain::language::Language;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::register::{MovementKind, MovementParts, RegisterMovement};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};

use crate::backends::{RawConnection, TestStore};
use crate::checks::capital::{T0, fixture, insert_call, posted, simple};
use crate::checks::intake::eur;

fn line(at: OffsetDateTime, actor: &str, action: &str, record: (&str, &str)) -> AuditEntry {
    AuditEntry {
        at,
        actor: actor.to_owned(),
        action: action.to_owned(),
        record_type: record.0.to_owned(),
        record_id: record.1.to_owned(),
        details: format!(r#"{{"n":"{action}@{at}"}}"#),
    }
}

async fn append_all(t: &TestStore, entries: &[AuditEntry]) {
    let mut tx = t.store.begin().await.unwrap();
    for entry in entries {
        tx.append_audit(entry).await.unwrap();
    }
    tx.commit().await.unwrap();
}

async fn search(
    t: &TestStore,
    filter: &AuditFilter,
    limit: u32,
    offset: u32,
) -> (Vec<AuditRecord>, u64) {
    let mut tx = t.store.begin_read().await.unwrap();
    tx.search_audit(filter, limit, offset).await.unwrap()
}

/// The entries of the lines `filter` finds (all on one page), and the total.
async fn found(t: &TestStore, filter: &AuditFilter) -> (Vec<AuditEntry>, u64) {
    let (records, total) = search(t, filter, 100, 0).await;
    (records.into_iter().map(|r| r.entry).collect(), total)
}

pub async fn the_audit_search_filters_by_actor_action_and_record_and_counts_every_match(
    t: &TestStore,
) {
    let at = |hours: i64| T0 + Duration::hours(hours);
    let token = line(at(0), "operator", "api_token_created", ("api_token", "1"));
    let validated = line(
        at(1),
        "user:7",
        "subscription_request_validated",
        ("subscription_request", "12"),
    );
    let cancelled = line(
        at(2),
        "user:7",
        "subscription_request_cancelled",
        ("subscription_request", "12"),
    );
    let other_validated = line(
        at(3),
        "user:70",
        "subscription_request_validated",
        ("subscription_request", "123"),
    );
    let paid = line(at(4), "system", "payment_recorded", ("capital_call", "12"));
    append_all(
        t,
        &[
            token.clone(),
            validated.clone(),
            cancelled.clone(),
            other_validated.clone(),
            paid.clone(),
        ],
    )
    .await;

    let everything = found(t, &AuditFilter::default()).await;
    assert_eq!(
        everything,
        (
            vec![
                paid.clone(),
                other_validated.clone(),
                cancelled.clone(),
                validated.clone(),
                token.clone()
            ],
            5
        )
    );
    let by_actor = AuditFilter {
        actor: Some("user:7".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        found(t, &by_actor).await,
        (vec![cancelled.clone(), validated.clone()], 2),
        "the actor matches exactly: user:70 is someone else"
    );
    let by_action = AuditFilter {
        action: Some("subscription_request_validated".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        found(t, &by_action).await,
        (vec![other_validated.clone(), validated.clone()], 2)
    );
    let by_record = AuditFilter {
        record_type: Some("subscription_request".to_owned()),
        record_id: Some("12".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        found(t, &by_record).await,
        (vec![cancelled.clone(), validated.clone()], 2),
        "the record id matches exactly: 123 is another request"
    );
    let by_id_of_any_type = AuditFilter {
        record_id: Some("12".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        found(t, &by_id_of_any_type).await,
        (vec![paid.clone(), cancelled.clone(), validated.clone()], 3)
    );
    let by_type = AuditFilter {
        record_type: Some("capital_call".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(found(t, &by_type).await, (vec![paid.clone()], 1));
    let all_criteria = AuditFilter {
        actor: Some("user:7".to_owned()),
        action: Some("subscription_request_validated".to_owned()),
        record_type: Some("subscription_request".to_owned()),
        record_id: Some("12".to_owned()),
        from: Some(T0.date()),
        to: Some(T0.date()),
    };
    assert_eq!(found(t, &all_criteria).await, (vec![validated.clone()], 1));
    let unknown = AuditFilter {
        action: Some("subscription_request".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        found(t, &unknown).await,
        (vec![], 0),
        "an action matches exactly, not as a prefix"
    );

    // Every line has its own id, and the id finds the same line again through the filters.
    let (records, _) = search(t, &AuditFilter::default(), 100, 0).await;
    let mut ids: Vec<_> = records.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

pub async fn the_audit_search_pages_newest_first_by_time_then_by_id(t: &TestStore) {
    // Appended out of time order, two at the same instant.
    let minutes = [30, 10, 50, 20, 20, 40, 0];
    let entries: Vec<AuditEntry> = minutes
        .iter()
        .enumerate()
        .map(|(n, m)| {
            line(
                T0 + Duration::minutes(*m),
                "operator",
                "settings_changed",
                ("settings", &n.to_string()),
            )
        })
        .collect();
    append_all(t, &entries).await;

    let mut pages = Vec::new();
    for offset in [0, 3, 6] {
        let (records, total) = search(t, &AuditFilter::default(), 3, offset).await;
        assert_eq!(total, 7, "the total counts every match, not the page");
        assert!(records.len() <= 3);
        pages.extend(records);
    }
    let order: Vec<&str> = pages.iter().map(|r| r.entry.record_id.as_str()).collect();
    // 50, 40, 30, then the two at 20 (the later appended first), 10, 0.
    assert_eq!(order, ["2", "5", "0", "4", "3", "1", "6"]);
    let same_instant: Vec<_> = pages[3..5].iter().map(|r| r.id).collect();
    assert!(
        same_instant[0] > same_instant[1],
        "ties: the higher id first"
    );
    let (beyond, total) = search(t, &AuditFilter::default(), 3, 9).await;
    assert!(beyond.is_empty());
    assert_eq!(total, 7);
    let (none, total) = search(t, &AuditFilter::default(), 0, 0).await;
    assert!(none.is_empty());
    assert_eq!(total, 7);
}

pub async fn the_audit_search_by_day_includes_the_whole_last_day_in_utc(t: &TestStore) {
    let entries = [
        line(
            datetime!(2026-02-28 23:59:59.999999 UTC),
            "operator",
            "a",
            ("x", "before"),
        ),
        line(
            datetime!(2026-03-01 00:00:00 UTC),
            "operator",
            "a",
            ("x", "first instant"),
        ),
        // 1 March in Brussels, already 2 March in UTC.
        line(
            datetime!(2026-03-01 23:30:00 -02:00),
            "operator",
            "a",
            ("x", "next day in utc"),
        ),
        // 2 March in Brussels, still 1 March in UTC.
        line(
            datetime!(2026-03-02 00:30:00 +02:00),
            "operator",
            "a",
            ("x", "same day in utc"),
        ),
        line(
            datetime!(2026-03-01 23:59:59.999999 UTC),
            "operator",
            "a",
            ("x", "last instant"),
        ),
        line(
            datetime!(2026-03-02 00:00:00 UTC),
            "operator",
            "a",
            ("x", "after"),
        ),
    ];
    append_all(t, &entries).await;
    let ids = |records: Vec<AuditEntry>| -> Vec<String> {
        records.into_iter().map(|e| e.record_id).collect()
    };
    let first_of_march = AuditFilter {
        from: Some(date!(2026 - 03 - 01)),
        to: Some(date!(2026 - 03 - 01)),
        ..AuditFilter::default()
    };
    let (day, total) = found(t, &first_of_march).await;
    assert_eq!(
        ids(day),
        ["last instant", "same day in utc", "first instant"],
        "newest first, whole UTC day"
    );
    assert_eq!(total, 3);
    let since = AuditFilter {
        from: Some(date!(2026 - 03 - 02)),
        ..AuditFilter::default()
    };
    assert_eq!(ids(found(t, &since).await.0), ["next day in utc", "after"]);
    let until = AuditFilter {
        to: Some(date!(2026 - 02 - 28)),
        ..AuditFilter::default()
    };
    assert_eq!(ids(found(t, &until).await.0), ["before"]);
    // The instants come back as stored, in UTC.
    let (back, _) = found(t, &until).await;
    assert_eq!(back[0].at, datetime!(2026-02-28 23:59:59.999999 UTC));
    let backwards = AuditFilter {
        from: Some(date!(2026 - 03 - 02)),
        to: Some(date!(2026 - 03 - 01)),
        ..AuditFilter::default()
    };
    assert_eq!(found(t, &backwards).await, (vec![], 0));
}

pub async fn the_audit_actions_are_listed_once_each_in_alphabetical_order(t: &TestStore) {
    let mut tx = t.store.begin_read().await.unwrap();
    assert!(tx.distinct_audit_actions().await.unwrap().is_empty());
    drop(tx);
    let entries: Vec<AuditEntry> = [
        "settings_changed",
        "api_token_created",
        "settings_changed",
        "logged_in",
        "api_token_created",
    ]
    .iter()
    .map(|action| line(T0, "operator", action, ("settings", "1")))
    .collect();
    append_all(t, &entries).await;
    let mut tx = t.store.begin_read().await.unwrap();
    assert_eq!(
        tx.distinct_audit_actions().await.unwrap(),
        ["api_token_created", "logged_in", "settings_changed"]
    );
}

/// A refusal by the database's guard on an append-only table (not some other error).
fn assert_refused(result: Result<u64, sqlx::Error>, sql: &str) {
    match result {
        Err(sqlx::Error::Database(error)) => {
            let message = error.message();
            assert!(
                message.contains("append-only") || message.contains("stored as issued"),
                "{sql}: refused for another reason: {message}"
            );
        }
        other => panic!("{sql}: the database allowed it: {other:?}"),
    }
}

/// What each append-only table holds, read through a raw connection.
async fn counts(raw: &mut RawConnection) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in APPEND_ONLY {
        counts.push(raw.integer(&format!("SELECT count(*) FROM {table}")).await);
    }
    counts
}

const APPEND_ONLY: [&str; 5] = [
    "audit_log",
    "register_movements",
    "journal_entries",
    "journal_lines",
    "certificates",
];

pub async fn append_only_tables_refuse_raw_updates_deletes_and_truncates(t: &TestStore) {
    // One row of each, through the port.
    let f = fixture(t, 1).await;
    let call = insert_call(t, &f.call(0, 1)).await;
    let mut tx = t.store.begin().await.unwrap();
    let audit = line(T0, "operator", "api_token_created", ("api_token", "1"));
    tx.append_audit(&audit).await.unwrap();
    let movement = NewRegisterMovement {
        movement: RegisterMovement::new(MovementParts {
            date: date!(2026 - 04 - 02),
            kind: MovementKind::Issue,
            share_type: f.share_type,
            quantity: ShareQuantity::new(4).unwrap(),
            unit_value: eur(25_000),
            holder: f.ann,
            counterparty: None,
            converted_from: None,
        })
        .unwrap(),
        capital_call: Some(call),
        recorded_at: T0,
    };
    let movement_id = tx.append_register_movement(&movement).await.unwrap();
    let entry = posted(
        simple(date!(2026 - 04 - 02), "410", "550", eur(100_000)),
        EntryKind::CapitalCall,
        Some(call),
        Some(f.ann),
    );
    let entry_id = tx.post_journal_entry(&entry).await.unwrap();
    let certificate_id = tx
        .insert_certificate(&NewCertificate {
            number: 1,
            holder: f.ann,
            member_number: 1,
            issued_on: date!(2026 - 04 - 02),
            language: Language::Fr,
            statement: "[]".to_owned(),
            total_quantity: 4,
            total_value: eur(100_000),
            pdf: b"%PDF-as issued".to_vec(),
            sha256: "sha-as-issued".to_owned(),
            issued_by: "system".to_owned(),
            created_at: T0,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let read_back = |mut tx: Box<dyn StoreTx>| async move {
        let audit = tx.recent_audit(10).await.unwrap();
        let movements = tx.register_movements_of_contact(f.ann).await.unwrap();
        let entries = tx.journal_entries_of_capital_call(call).await.unwrap();
        let certificate = tx.get_certificate(certificate_id).await.unwrap();
        let pdf = tx.certificate_pdf(certificate_id).await.unwrap();
        (audit, movements, entries, certificate, pdf)
    };
    let before = read_back(t.store.begin_read().await.unwrap()).await;
    assert_eq!(before.0, [audit]);
    assert_eq!(before.1.len(), 1);
    assert_eq!(before.2.len(), 1);
    assert!(before.3.is_some());

    let mut raw = t.raw().await;
    let rows_before = counts(&mut raw).await;
    assert_eq!(rows_before, [1, 1, 1, 2, 1]);
    let audit_id = raw.integer("SELECT max(id) FROM audit_log").await;
    let mut attempts = vec![
        format!("UPDATE audit_log SET details = '{{}}' WHERE id = {audit_id}"),
        "UPDATE audit_log SET actor = 'system'".to_owned(),
        format!("DELETE FROM audit_log WHERE id = {audit_id}"),
        format!(
            "UPDATE register_movements SET quantity = quantity + 1 WHERE id = {}",
            movement_id.get()
        ),
        format!(
            "DELETE FROM register_movements WHERE id = {}",
            movement_id.get()
        ),
        format!(
            "UPDATE journal_entries SET entry_date = entry_date WHERE id = {}",
            entry_id.get()
        ),
        format!("DELETE FROM journal_entries WHERE id = {}", entry_id.get()),
        format!(
            "UPDATE journal_lines SET label = 'rewritten' WHERE entry_id = {}",
            entry_id.get()
        ),
        format!(
            "DELETE FROM journal_lines WHERE entry_id = {} AND line_no = 2",
            entry_id.get()
        ),
        format!(
            "UPDATE certificates SET sha256 = 'forged' WHERE id = {}",
            certificate_id.get()
        ),
        format!(
            "DELETE FROM certificates WHERE id = {}",
            certificate_id.get()
        ),
    ];
    // A DELETE without WHERE (which SQLite would otherwise run as a quick truncation).
    attempts.extend(
        APPEND_ONLY
            .iter()
            .map(|table| format!("DELETE FROM {table}")),
    );
    if raw.is_postgres() {
        // CASCADE: a plain TRUNCATE of a referenced table stops at the foreign keys; this
        // one would go through but for the guard.
        attempts.extend(
            APPEND_ONLY
                .iter()
                .map(|table| format!("TRUNCATE {table} CASCADE")),
        );
    }
    for sql in &attempts {
        assert_refused(raw.execute(sql).await, sql);
    }
    if raw.is_postgres() {
        // Plain TRUNCATE is refused too, by the guard or by the foreign keys.
        for table in APPEND_ONLY {
            let sql = format!("TRUNCATE {table}");
            assert!(raw.execute(&sql).await.is_err(), "{sql} went through");
        }
    }
    assert_eq!(counts(&mut raw).await, rows_before);
    raw.close().await;
    let after = read_back(t.store.begin_read().await.unwrap()).await;
    assert_eq!(after, before, "every row is as it was written");
}
