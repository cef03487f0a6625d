//! Login accounts, sessions and one-time links.

use coopshares_app::ports::{
    LinkPurpose, NewOneTimeLink, NewSession, NewUser, StoreError, StoreTx,
};
use coopshares_domain::email::Email;
use coopshares_domain::ids::UserAccountId;
use coopshares_domain::language::Language;
use coopshares_domain::user::Role;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::backends::TestStore;
use crate::checks::{race, single_winner};

const T0: OffsetDateTime = datetime!(2026-06-01 12:00:00 UTC);

fn user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        role,
        language: Some(Language::De),
        contact: None,
        created_at: T0,
    }
}

async fn insert_user(t: &TestStore, email: &str, role: Role) -> UserAccountId {
    let mut tx = t.store.begin().await.unwrap();
    let id = tx.insert_user(&user(email, role)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

pub async fn users_are_found_by_email_and_id_and_emails_are_unique(t: &TestStore) {
    let id = insert_user(t, "Treasurer@Coop.example", Role::Manager).await;
    let mut tx = t.store.begin().await.unwrap();
    let by_email = tx
        .find_user_by_email(&Email::parse("treasurer@coop.example").unwrap())
        .await
        .unwrap()
        .expect("found by the normalised email");
    assert_eq!(by_email.id, id);
    assert_eq!(by_email.role, Role::Manager);
    assert_eq!(by_email.language, Some(Language::De));
    assert_eq!(by_email.created_at, T0);
    assert_eq!(tx.get_user(id).await.unwrap(), Some(by_email));
    assert!(
        tx.find_user_by_email(&Email::parse("other@coop.example").unwrap())
            .await
            .unwrap()
            .is_none()
    );
    // Last: after a database error the transaction is unusable (PostgreSQL aborts it).
    let twice = tx
        .insert_user(&user("treasurer@coop.example", Role::Member))
        .await;
    assert!(matches!(twice, Err(StoreError::Duplicate(_))), "{twice:?}");
}

pub async fn passwords_and_languages_can_be_changed_and_managers_counted(t: &TestStore) {
    let id = insert_user(t, "a@coop.example", Role::Manager).await;
    insert_user(t, "b@coop.example", Role::Member).await;
    let mut tx = t.store.begin().await.unwrap();
    assert_eq!(tx.count_users_with_role(Role::Manager).await.unwrap(), 1);
    assert_eq!(tx.count_users_with_role(Role::Member).await.unwrap(), 1);
    tx.set_password_hash(id, "$argon2id$new").await.unwrap();
    tx.set_user_language(id, None).await.unwrap();
    let changed = tx.get_user(id).await.unwrap().unwrap();
    assert_eq!(
        (changed.password_hash.as_str(), changed.language),
        ("$argon2id$new", None)
    );
    let missing = tx.set_password_hash(UserAccountId::new(999), "x").await;
    assert!(
        matches!(missing, Err(StoreError::NotFound { .. })),
        "{missing:?}"
    );
}

fn session(hash: &str, user: UserAccountId, expires_at: OffsetDateTime) -> NewSession {
    NewSession {
        token_hash: hash.to_owned(),
        user,
        csrf_token: format!("csrf-{hash}"),
        created_at: T0,
        expires_at,
    }
}

pub async fn a_session_is_found_until_it_expires_and_ends_on_logout(t: &TestStore) {
    let id = insert_user(t, "a@coop.example", Role::Manager).await;
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_session(&session("s1", id, T0 + Duration::hours(8)))
        .await
        .unwrap();
    let found = tx
        .find_session("s1", T0 + Duration::hours(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user.id, id);
    assert_eq!(found.csrf_token, "csrf-s1");
    assert_eq!(found.expires_at, T0 + Duration::hours(8));
    assert!(
        tx.find_session("s1", T0 + Duration::hours(8))
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(tx.find_session("nope", T0).await.unwrap().is_none());
    tx.delete_session("s1").await.unwrap();
    assert!(tx.find_session("s1", T0).await.unwrap().is_none());
}

pub async fn ending_a_users_other_sessions_keeps_the_current_one(t: &TestStore) {
    let a = insert_user(t, "a@coop.example", Role::Manager).await;
    let b = insert_user(t, "b@coop.example", Role::Manager).await;
    let later = T0 + Duration::hours(8);
    let mut tx = t.store.begin().await.unwrap();
    for (hash, user) in [("a1", a), ("a2", a), ("a3", a), ("b1", b)] {
        tx.insert_session(&session(hash, user, later))
            .await
            .unwrap();
    }
    tx.delete_user_sessions(a, Some("a2")).await.unwrap();
    assert!(!alive(&mut *tx, "a1").await);
    assert!(alive(&mut *tx, "a2").await);
    assert!(!alive(&mut *tx, "a3").await);
    assert!(alive(&mut *tx, "b1").await);
    tx.delete_user_sessions(a, None).await.unwrap();
    assert!(!alive(&mut *tx, "a2").await);
    tx.insert_session(&session("old", b, T0)).await.unwrap();
    assert_eq!(
        tx.delete_expired_sessions(T0 + Duration::seconds(1))
            .await
            .unwrap(),
        1
    );
    assert!(alive(&mut *tx, "b1").await);
}

fn link(hash: &str, purpose: LinkPurpose, user: Option<UserAccountId>) -> NewOneTimeLink {
    NewOneTimeLink {
        token_hash: hash.to_owned(),
        purpose,
        user,
        payload: None,
        created_at: T0,
        expires_at: T0 + Duration::days(2),
    }
}

pub async fn a_one_time_link_works_once_for_its_purpose_until_it_expires(t: &TestStore) {
    let id = insert_user(t, "m@coop.example", Role::Member).await;
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_link(&link("inv", LinkPurpose::Invitation, Some(id)))
        .await
        .unwrap();
    tx.insert_link(&link("setup", LinkPurpose::ManagerSetup, None))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = t.store.begin().await.unwrap();
    assert!(
        tx.find_link("inv", LinkPurpose::PasswordReset, T0)
            .await
            .unwrap()
            .is_none(),
        "wrong purpose"
    );
    let found = tx
        .find_link("inv", LinkPurpose::Invitation, T0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.user, Some(id));
    assert!(
        tx.find_link("inv", LinkPurpose::Invitation, T0 + Duration::days(2))
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    let expired = tx
        .use_link("setup", LinkPurpose::ManagerSetup, T0 + Duration::days(3))
        .await;
    assert!(
        matches!(expired, Err(StoreError::Conflict { .. })),
        "{expired:?}"
    );

    let used = tx
        .use_link("inv", LinkPurpose::Invitation, T0)
        .await
        .unwrap();
    assert_eq!(used.user, Some(id));
    let again = tx.use_link("inv", LinkPurpose::Invitation, T0).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    assert!(
        tx.find_link("inv", LinkPurpose::Invitation, T0)
            .await
            .unwrap()
            .is_none()
    );
    let setup = tx
        .use_link("setup", LinkPurpose::ManagerSetup, T0)
        .await
        .unwrap();
    assert_eq!(setup.user, None);
}

pub async fn two_uses_of_one_link_at_once_exactly_one_wins(t: &TestStore) {
    let mut tx = t.store.begin().await.unwrap();
    tx.insert_link(&link("setup", LinkPurpose::ManagerSetup, None))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let outcomes = race(&t.store, |store, _who| async move {
        let mut tx = store.begin().await?;
        tx.use_link("setup", LinkPurpose::ManagerSetup, T0).await?;
        tx.commit().await
    })
    .await;
    single_winner(&outcomes);
}

async fn alive(tx: &mut dyn StoreTx, hash: &str) -> bool {
    tx.find_session(hash, T0).await.unwrap().is_some()
}
