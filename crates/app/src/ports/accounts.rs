//! Login accounts, their sessions, and one-time links (first-manager setup, invitations,
//! password resets).
//!
//! Secrets are never stored: sessions and one-time links are looked up by the SHA-256 of their
//! token, passwords are kept as Argon2id PHC strings.

use async_trait::async_trait;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, UserAccountId};
use coopshares_domain::language::Language;
use coopshares_domain::user::Role;
use time::OffsetDateTime;

use super::StoreError;

/// An account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub role: Role,
    /// The language the person chose, if any.
    pub language: Option<Language>,
    /// The person this account is (a member's account; a manager's when they are a contact).
    pub contact: Option<ContactId>,
    pub created_at: OffsetDateTime,
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: UserAccountId,
    pub email: Email,
    pub password_hash: String,
    pub role: Role,
    pub language: Option<Language>,
    pub contact: Option<ContactId>,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait Users {
    /// `Duplicate` if an account already has this email.
    async fn insert_user(&mut self, user: &NewUser) -> Result<UserAccountId, StoreError>;
    async fn find_user_by_email(&mut self, email: &Email)
    -> Result<Option<UserRecord>, StoreError>;
    async fn get_user(&mut self, id: UserAccountId) -> Result<Option<UserRecord>, StoreError>;
    async fn set_password_hash(
        &mut self,
        id: UserAccountId,
        password_hash: &str,
    ) -> Result<(), StoreError>;
    async fn set_user_language(
        &mut self,
        id: UserAccountId,
        language: Option<Language>,
    ) -> Result<(), StoreError>;
    /// Changes the login email; `Duplicate` if another account has it.
    async fn set_user_email(&mut self, id: UserAccountId, email: &Email) -> Result<(), StoreError>;
    async fn count_users_with_role(&mut self, role: Role) -> Result<u64, StoreError>;
    /// The account of a person, if any.
    async fn find_user_by_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Option<UserRecord>, StoreError>;
    /// Links an account that has no person yet to `contact`; `Conflict` if the account is
    /// already linked, `Duplicate("user_contact")` if the person has another account.
    async fn link_user_to_contact(
        &mut self,
        id: UserAccountId,
        contact: ContactId,
    ) -> Result<(), StoreError>;
}

/// A session to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// Hex SHA-256 of the cookie value.
    pub token_hash: String,
    pub user: UserAccountId,
    /// The synchronizer token forms of this session must carry.
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A live session with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub csrf_token: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

#[async_trait]
pub trait Sessions {
    async fn insert_session(&mut self, session: &NewSession) -> Result<(), StoreError>;
    /// The session with this token hash if it has not expired at `now`.
    async fn find_session(
        &mut self,
        token_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<SessionRecord>, StoreError>;
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of `user` except the one with `keep_token_hash` (after a password
    /// change, the other devices are logged out).
    async fn delete_user_sessions(
        &mut self,
        user: UserAccountId,
        keep_token_hash: Option<&str>,
    ) -> Result<(), StoreError>;
    async fn delete_expired_sessions(&mut self, now: OffsetDateTime) -> Result<u64, StoreError>;
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkPurpose {
    /// Create the first manager account on an empty database.
    ManagerSetup,
    /// Set the password of an account created at validation.
    Invitation,
    /// Choose a new password.
    PasswordReset,
    /// Confirm a new email address (the payload holds it).
    EmailChange,
}

impl LinkPurpose {
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::ManagerSetup => "manager_setup",
            LinkPurpose::Invitation => "invitation",
            LinkPurpose::PasswordReset => "password_reset",
            LinkPurpose::EmailChange => "email_change",
        }
    }
}

/// A one-time link to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOneTimeLink {
    pub token_hash: String,
    pub purpose: LinkPurpose,
    /// The account it acts on (none for the first-manager setup).
    pub user: Option<UserAccountId>,
    /// What the link carries beyond its account (the new address of an email change).
    pub payload: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
}

/// A valid link: what it acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeLink {
    pub user: Option<UserAccountId>,
    pub payload: Option<String>,
    pub expires_at: OffsetDateTime,
}

#[async_trait]
pub trait OneTimeLinks {
    async fn insert_link(&mut self, link: &NewOneTimeLink) -> Result<(), StoreError>;
    /// The link if it exists for this purpose, is unused and unexpired at `now`.
    async fn find_link(
        &mut self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: OffsetDateTime,
    ) -> Result<Option<OneTimeLink>, StoreError>;
    /// Uses the link up. `Conflict` if it was already used, expired or never existed — of two
    /// concurrent uses exactly one succeeds.
    async fn use_link(
        &mut self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: OffsetDateTime,
    ) -> Result<OneTimeLink, StoreError>;
}
