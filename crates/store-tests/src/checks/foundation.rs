//! Numbering, tokens, settings, audit: the foundation of the port.

use std::collections::BTreeSet;
use std::sync::Arc;

use coopshares_app::ports::{AuditEntry, NewApiToken, Sequence, StoreError};
use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::backends::TestStore;
use crate::checks::{race, single_winner};

const T0: OffsetDateTime = datetime!(2026-03-01 09:30:00.123456 UTC);
const T1: OffsetDateTime = datetime!(2026-03-02 10:00:00 UTC);

fn token(name: &str, hash: &str) -> NewApiToken {
    NewApiToken {
        name: name.to_owned(),
        role: ApiRole::Intake,
        hint: "cs_12345".to_owned(),
        secret_hash: hash.to_owned(),
        created_at: T0,
    }
}

pub async fn migrations_can_run_again_on_an_up_to_date_database(t: &TestStore) {
    let again = t.reopen().await;
    again.ping().await.expect("the reopened store answers");
}

pub async fn the_database_answers_a_ping(t: &TestStore) {
    t.store.ping().await.expect("ping");
}

pub async fn numbers_start_at_one_and_count_per_sequence_and_scope(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2026).await.unwrap(),
        1
    );
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2026).await.unwrap(),
        2
    );
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2027).await.unwrap(),
        1
    );
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 1);
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.next_number(Sequence::CapitalCall, 2026).await.unwrap(),
        3
    );
    tx.commit().await.unwrap();
}

pub async fn a_rolled_back_number_is_given_again(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 1);
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 2);
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.next_number(Sequence::MemberNumber, 0).await.unwrap(), 2);
    tx.commit().await.unwrap();
}

/// Twenty transactions take a number at the same time; every third one rolls back. The
/// committed numbers must be exactly 1..=n.
pub async fn concurrent_numbering_leaves_no_gap_and_no_duplicate(t: &TestStore) {
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = Arc::clone(&t.store);
            tokio::spawn(async move {
                let mut tx = store.begin().await.unwrap();
                let n = tx.next_number(Sequence::Certificate, 0).await.unwrap();
                tokio::task::yield_now().await;
                if i % 3 == 0 {
                    drop(tx);
                    None
                } else {
                    tx.commit().await.unwrap();
                    Some(n)
                }
            })
        })
        .collect();
    let mut committed = Vec::new();
    for task in tasks {
        if let Some(n) = task.await.unwrap() {
            committed.push(n);
        }
    }
    let unique: BTreeSet<u32> = committed.iter().copied().collect();
    assert_eq!(unique.len(), committed.len(), "duplicates in {committed:?}");
    let expected: BTreeSet<u32> = (1..=u32::try_from(committed.len()).unwrap()).collect();
    assert_eq!(unique, expected);
}

pub async fn tokens_are_stored_found_by_hash_and_revoked_once(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let first = tx
        .insert_api_token(&token("website form", "aa11"))
        .await
        .unwrap();
    let second = tx
        .insert_api_token(&NewApiToken {
            role: ApiRole::Manager,
            ..token("accounting", "bb22")
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_ne!(first, second);

    let mut tx = t.store.begin_read().await.unwrap();
    let listed = tx.list_api_tokens().await.unwrap();
    assert_eq!(
        listed.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["website form", "accounting"]
    );
    let found = tx
        .find_api_token("bb22")
        .await
        .unwrap()
        .expect("found by hash");
    assert_eq!(found.id, second);
    assert_eq!(found.role, ApiRole::Manager);
    assert_eq!(found.created_at, T0);
    assert_eq!(found.revoked_at, None);
    assert!(tx.find_api_token("cc33").await.unwrap().is_none());
    drop(tx);

    let mut tx = t.store.begin().await.unwrap();
    tx.revoke_api_token(second, T1).await.unwrap();
    tx.revoke_api_token(second, T1 + time::Duration::days(1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let found = tx.find_api_token("bb22").await.unwrap().unwrap();
    assert_eq!(
        found.revoked_at,
        Some(T1),
        "the first revocation date is kept"
    );
    let other = tx.find_api_token("aa11").await.unwrap().unwrap();
    assert_eq!(other.revoked_at, None);
    drop(tx);

    // The store's own look-up (one statement on PostgreSQL) reads the same facts.
    let revoked = t.store.find_api_token("bb22").await.unwrap().unwrap();
    assert_eq!((revoked.id, revoked.revoked_at), (second, Some(T1)));
    assert_eq!(revoked.role, ApiRole::Manager);
    let live = t.store.find_api_token("aa11").await.unwrap().unwrap();
    assert_eq!(
        (live.name.as_str(), live.revoked_at),
        ("website form", None)
    );
    assert!(t.store.find_api_token("cc33").await.unwrap().is_none());
}

pub async fn revoking_an_unknown_token_is_not_found(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let result = tx.revoke_api_token(ApiTokenId::new(999), T1).await;
    assert!(
        matches!(result, Err(StoreError::NotFound { .. })),
        "{result:?}"
    );
}

pub async fn two_tokens_with_the_same_hash_are_refused(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_api_token(&token("one", "dd44")).await.unwrap();
    let result = tx.insert_api_token(&token("two", "dd44")).await;
    assert!(
        matches!(result, Err(StoreError::Duplicate(_))),
        "{result:?}"
    );
}

pub async fn settings_start_empty_and_every_save_bumps_the_version(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.load_settings().await.unwrap(), None);
    assert_eq!(tx.save_settings(r#"{"a":1}"#, None, T0).await.unwrap(), 1);
    assert_eq!(
        tx.save_settings(r#"{"a":2}"#, Some(1), T1).await.unwrap(),
        2
    );
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.load_settings().await.unwrap().unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.value, r#"{"a":2}"#);
}

pub async fn a_save_from_a_stale_version_is_a_conflict_and_changes_nothing(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.save_settings(r#"{"a":1}"#, None, T0).await.unwrap();
    tx.save_settings(r#"{"a":2}"#, Some(1), T0).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    let stale = tx.save_settings(r#"{"a":"stale"}"#, Some(1), T1).await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let again = tx.save_settings(r#"{"a":"again"}"#, None, T1).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    drop(tx);

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.load_settings().await.unwrap().unwrap();
    assert_eq!((stored.version, stored.value.as_str()), (2, r#"{"a":2}"#));
}

/// Two managers both read version 1 and save at the same moment.
pub async fn two_writers_saving_the_same_record_at_once_exactly_one_wins(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.save_settings(r#"{"who":"nobody"}"#, None, T0)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let outcomes = race(&t.store, |store, who| async move {
        let mut tx = store.begin().await?;
        let doc = format!(r#"{{"who":"{who}"}}"#);
        tx.save_settings(&doc, Some(1), T1).await?;
        tx.commit().await
    })
    .await;
    let winner = single_winner(&outcomes);

    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.load_settings().await.unwrap().unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(stored.value, format!(r#"{{"who":"{winner}"}}"#));
}

/// Two first saves of a record that does not exist yet.
pub async fn two_first_saves_at_once_exactly_one_wins(t: &TestStore) {
    let outcomes = race(&t.store, |store, who| async move {
        let mut tx = store.begin().await?;
        tx.save_settings(&format!(r#"{{"who":"{who}"}}"#), None, T1)
            .await?;
        tx.commit().await
    })
    .await;
    let winner = single_winner(&outcomes);
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.load_settings().await.unwrap().unwrap();
    assert_eq!(
        (stored.version, stored.value),
        (1, format!(r#"{{"who":"{winner}"}}"#))
    );
}

pub async fn changes_of_a_transaction_dropped_without_commit_are_gone(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_api_token(&token("left behind", "ee55"))
        .await
        .unwrap();
    tx.save_settings("{}", None, T0).await.unwrap();
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert!(tx.list_api_tokens().await.unwrap().is_empty());
    assert_eq!(tx.load_settings().await.unwrap(), None);
}

pub async fn a_read_only_transaction_refuses_to_write(t: &TestStore) {
    let mut tx = t.store.begin_read().await.unwrap();
    let result = tx.insert_api_token(&token("sneaky", "ff66")).await;
    assert!(result.is_err(), "a read-only transaction wrote: {result:?}");
    drop(tx);
    let mut tx = t.store.begin_read().await.unwrap();
    assert!(tx.list_api_tokens().await.unwrap().is_empty());
}

pub async fn audit_entries_come_back_newest_first(t: &TestStore) {
    let entry = |action: &str, at| AuditEntry {
        at,
        actor: "operator".to_owned(),
        action: action.to_owned(),
        record_type: "api_token".to_owned(),
        record_id: "1".to_owned(),
        details: r#"{"name":"x"}"#.to_owned(),
    };
    let mut tx = t.store.begin().await.unwrap();
    tx.append_audit(&entry("api_token_created", T0))
        .await
        .unwrap();
    tx.append_audit(&entry("api_token_revoked", T1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let recent = tx.recent_audit(10).await.unwrap();
    assert_eq!(
        recent,
        vec![
            entry("api_token_revoked", T1),
            entry("api_token_created", T0)
        ]
    );
    assert_eq!(tx.recent_audit(1).await.unwrap().len(), 1);
}
