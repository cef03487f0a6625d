//! The outbox and the email template overrides.

use coopshares_app::ports::{NewEmail, StoreError, TemplateOverride};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::{EmailKind, OutboxState};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::backends::TestStore;

const T0: OffsetDateTime = datetime!(2026-05-01 08:00:00 UTC);

fn email(n: u32) -> NewEmail {
    NewEmail {
        kind: EmailKind::Test,
        language: Language::Nl,
        to: vec![
            format!("member{n}@example.org"),
            "rep@example.org".to_owned(),
        ],
        subject: format!("Bevestiging nr. {n} — coöperant"),
        text_body: "Dag An,\nbedankt.".to_owned(),
        html_body: "<p>Dag An,</p>".to_owned(),
        message_id: format!("m{n}@coop.example"),
        about: Some(format!("subscription_request:{n}")),
        attachments: Vec::new(),
        created_at: T0,
    }
}

pub async fn an_enqueued_email_comes_back_whole_and_pending(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.enqueue_email(&email(1)).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let stored = tx.get_email(id).await.unwrap().unwrap();
    assert_eq!(stored.email, email(1));
    assert_eq!(stored.state, OutboxState::Pending);
    assert_eq!(stored.attempts, 0);
    assert_eq!(stored.next_attempt_at, T0);
    assert_eq!((stored.last_error, stored.sent_at), (None, None));
}

pub async fn two_emails_with_the_same_message_id_are_refused(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.enqueue_email(&email(1)).await.unwrap();
    let again = tx.enqueue_email(&email(1)).await;
    assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
}

pub async fn only_due_pending_emails_are_claimed_oldest_first_and_leased(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let first = tx.enqueue_email(&email(1)).await.unwrap();
    let second = tx.enqueue_email(&email(2)).await.unwrap();
    let later = tx
        .enqueue_email(&NewEmail {
            created_at: T0 + Duration::hours(1),
            ..email(3)
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let lease = T0 + Duration::minutes(5);
    let mut tx = t.store.begin().await.unwrap();
    let claimed = tx.claim_due_emails(T0, lease, 10).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        claimed.iter().map(|e| e.id).collect::<Vec<_>>(),
        [first, second]
    );
    assert!(claimed.iter().all(|e| e.next_attempt_at == lease));

    // Leased: not claimed again before the lease ends, but after it.
    let mut tx = t.store.begin().await.unwrap();
    assert!(
        tx.claim_due_emails(T0 + Duration::minutes(1), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let after = tx
        .claim_due_emails(T0 + Duration::hours(1), T0 + Duration::hours(2), 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(after.iter().map(|e| e.id).collect::<Vec<_>>(), [first]);
    assert!(!claimed.iter().any(|e| e.id == later), "not due at T0");
}

pub async fn two_workers_claiming_at_once_never_take_the_same_email(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    for n in 0..20 {
        tx.enqueue_email(&email(n)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let store = std::sync::Arc::clone(&t.store);
            tokio::spawn(async move {
                let mut taken = Vec::new();
                loop {
                    let mut tx = store.begin().await.unwrap();
                    let batch = tx
                        .claim_due_emails(T0, T0 + Duration::hours(1), 3)
                        .await
                        .unwrap();
                    tx.commit().await.unwrap();
                    if batch.is_empty() {
                        return taken;
                    }
                    taken.extend(batch.into_iter().map(|e| e.id));
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for worker in workers {
        all.extend(worker.await.unwrap());
    }
    all.sort();
    let before = all.len();
    all.dedup();
    assert_eq!(
        (before, all.len()),
        (20, 20),
        "each email claimed exactly once"
    );
}

pub async fn a_sent_email_is_never_claimed_again(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.enqueue_email(&email(1)).await.unwrap();
    tx.claim_due_emails(T0, T0 + Duration::minutes(5), 10)
        .await
        .unwrap();
    tx.mark_email_sent(id, T0 + Duration::seconds(3))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin().await.unwrap();
    assert!(
        tx.claim_due_emails(T0 + Duration::days(1), T0 + Duration::days(2), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let stored = tx.get_email(id).await.unwrap().unwrap();
    assert_eq!(stored.state, OutboxState::Sent);
    assert_eq!(stored.attempts, 1);
    assert_eq!(stored.sent_at, Some(T0 + Duration::seconds(3)));
    let twice = tx.mark_email_sent(id, T0).await;
    assert!(
        matches!(twice, Err(StoreError::Conflict { .. })),
        "{twice:?}"
    );
}

pub async fn failures_are_recorded_and_a_failed_email_waits_for_a_manager(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.enqueue_email(&email(1)).await.unwrap();
    let retry_at = T0 + Duration::minutes(1);
    tx.record_email_failure(id, 1, OutboxState::Pending, retry_at, "connection refused")
        .await
        .unwrap();
    assert!(
        tx.claim_due_emails(T0, T0, 10).await.unwrap().is_empty(),
        "not due yet"
    );
    assert_eq!(
        tx.claim_due_emails(retry_at, retry_at, 10)
            .await
            .unwrap()
            .len(),
        1
    );
    tx.record_email_failure(
        id,
        8,
        OutboxState::Failed,
        retry_at,
        "550 mailbox unavailable",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    assert!(
        tx.claim_due_emails(T0 + Duration::days(9), T0 + Duration::days(9), 10)
            .await
            .unwrap()
            .is_empty()
    );
    let failed = tx
        .list_emails(Some(OutboxState::Failed), 10, 0)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].attempts, 8);
    assert_eq!(
        failed[0].last_error.as_deref(),
        Some("550 mailbox unavailable")
    );
    assert_eq!(
        tx.count_emails_by_state().await.unwrap(),
        vec![(OutboxState::Failed, 1)]
    );

    let now = T0 + Duration::days(10);
    tx.retry_email(id, now).await.unwrap();
    let again = tx.retry_email(id, now).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    let claimed = tx
        .claim_due_emails(now, now + Duration::minutes(5), 10)
        .await
        .unwrap();
    assert_eq!(
        (claimed.len(), claimed[0].attempts),
        (1, 8),
        "attempts are kept"
    );
    let missing = tx
        .retry_email(coopshares_domain::ids::OutboxMessageId::new(999), now)
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

pub async fn emails_are_listed_newest_first_and_filtered_by_state(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    let ids: Vec<_> = enqueue_numbered(&mut *tx, 3).await;
    tx.mark_email_sent(ids[1], T0).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = t.store.begin_read().await.unwrap();
    let all = tx.list_emails(None, 10, 0).await.unwrap();
    assert_eq!(
        all.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2], ids[1], ids[0]]
    );
    let page = tx.list_emails(None, 1, 1).await.unwrap();
    assert_eq!(page.iter().map(|e| e.id).collect::<Vec<_>>(), [ids[1]]);
    let pending = tx
        .list_emails(Some(OutboxState::Pending), 10, 0)
        .await
        .unwrap();
    assert_eq!(
        pending.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2], ids[0]]
    );
    assert_eq!(
        tx.count_emails_by_state().await.unwrap(),
        vec![(OutboxState::Pending, 2), (OutboxState::Sent, 1)]
    );
}

async fn enqueue_numbered(
    tx: &mut dyn coopshares_app::ports::StoreTx,
    n: u32,
) -> Vec<coopshares_domain::ids::OutboxMessageId> {
    let mut ids = Vec::new();
    for i in 0..n {
        ids.push(tx.enqueue_email(&email(i)).await.unwrap());
    }
    ids
}

pub async fn an_email_rolled_back_with_its_transaction_is_never_sent(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.enqueue_email(&email(1)).await.unwrap();
    drop(tx);
    let mut tx = t.store.begin().await.unwrap();
    assert!(tx.claim_due_emails(T0, T0, 10).await.unwrap().is_empty());
}

pub async fn template_overrides_are_saved_replaced_and_deleted(t: &TestStore) {
    let template = |subject: &str| TemplateOverride {
        kind: EmailKind::RequestConfirmation,
        language: Language::Fr,
        subject: subject.to_owned(),
        text_body: "Bonjour {{ recipient_name }}".to_owned(),
        html_body: "<p>Bonjour {{ recipient_name }}</p>".to_owned(),
        updated_at: T0,
    };
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.get_template_override(EmailKind::RequestConfirmation, Language::Fr)
            .await
            .unwrap(),
        None
    );
    tx.save_template_override(&template("Merci !"))
        .await
        .unwrap();
    tx.save_template_override(&template("Merci beaucoup !"))
        .await
        .unwrap();
    tx.save_template_override(&TemplateOverride {
        language: Language::Nl,
        ..template("Dank u!")
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(
        tx.get_template_override(EmailKind::RequestConfirmation, Language::Fr)
            .await
            .unwrap(),
        Some(template("Merci beaucoup !"))
    );
    assert_eq!(tx.list_template_overrides().await.unwrap().len(), 2);
    tx.delete_template_override(EmailKind::RequestConfirmation, Language::Fr)
        .await
        .unwrap();
    tx.delete_template_override(EmailKind::RequestConfirmation, Language::Fr)
        .await
        .unwrap();
    assert_eq!(
        tx.get_template_override(EmailKind::RequestConfirmation, Language::Fr)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        tx.list_template_overrides().await.unwrap()[0].language,
        Language::Nl
    );
}
