//! The storage port: what use cases need from a database, and nothing about how it is done.
//!
//! Every adapter (SQLite, PostgreSQL) implements [`Store`] and passes the conformance suite in
//! `crates/store-tests`. All reads and writes happen inside a [`StoreTx`]: a use case opens one,
//! does its work and commits; dropping it without commit rolls everything back, so a failure
//! part-way leaves nothing half-written.
//!
//! Concurrency contract: a record that can be edited carries a version. An update names the
//! version it read; when another writer got there first the update fails with
//! [`StoreError::Conflict`] and changes nothing. Numbers from [`Numbering::next_number`] are
//! gapless: a rolled-back transaction gives its number back.

use async_trait::async_trait;
use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use time::OffsetDateTime;

/// What can go wrong in storage, in terms a use case can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another writer changed the record first (or holds it): nothing was written.
    #[error("{entity} {id} was changed concurrently")]
    Conflict { entity: &'static str, id: String },
    /// The record does not exist.
    #[error("{entity} not found")]
    NotFound { entity: &'static str },
    /// A uniqueness rule was broken (the name of the rule is given).
    #[error("duplicate value for {0}")]
    Duplicate(String),
    /// The database cannot be reached or refused the connection.
    #[error("database unavailable")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Anything else the database reported.
    #[error("database error")]
    Other(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A database Coopshares can run on.
#[async_trait]
pub trait Store: Send + Sync + std::fmt::Debug + 'static {
    /// Short name of the backend, for logs and benchmark tables (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// One round trip to the database.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Opens a read-write transaction.
    async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError>;

    /// Opens a read-only transaction; writing through it fails.
    async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError>;
}

/// One transaction, with every repository the use cases need.
#[async_trait]
pub trait StoreTx: Numbering + Tokens + Settings + Audit + Send {
    /// Makes every change of this transaction durable, or none of them.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// The gapless sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sequence {
    /// Member numbers, assigned at a contact's first admission; scope 0.
    MemberNumber,
    /// Capital release request numbers, per year (`2026/0001`); scope = the year.
    CapitalCall,
    /// Certificate numbers; scope 0.
    Certificate,
    /// The base of generated payment references; scope 0. Never reused.
    PaymentReference,
}

impl Sequence {
    pub const fn as_str(self) -> &'static str {
        match self {
            Sequence::MemberNumber => "member_number",
            Sequence::CapitalCall => "capital_call",
            Sequence::Certificate => "certificate",
            Sequence::PaymentReference => "payment_reference",
        }
    }
}

#[async_trait]
pub trait Numbering {
    /// The next number of `sequence` within `scope` (a year, or 0), starting at 1. Taken inside
    /// the caller's transaction: a concurrent caller waits, a rollback gives the number back.
    async fn next_number(&mut self, sequence: Sequence, scope: i32) -> Result<u32, StoreError>;
}

/// An API token as stored: only the SHA-256 of the secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: ApiTokenId,
    pub name: String,
    pub role: ApiRole,
    /// The first characters of the token, to recognise it in a list.
    pub hint: String,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub name: String,
    pub role: ApiRole,
    pub hint: String,
    /// Hex-encoded SHA-256 of the secret.
    pub secret_hash: String,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait Tokens {
    async fn insert_api_token(&mut self, token: &NewApiToken) -> Result<ApiTokenId, StoreError>;
    /// All tokens, revoked ones included, oldest first.
    async fn list_api_tokens(&mut self) -> Result<Vec<ApiTokenRecord>, StoreError>;
    /// The token whose secret hashes to `secret_hash`, revoked or not.
    async fn find_api_token(
        &mut self,
        secret_hash: &str,
    ) -> Result<Option<ApiTokenRecord>, StoreError>;
    /// Marks the token revoked. `NotFound` if there is no such token; revoking twice keeps the
    /// first date.
    async fn revoke_api_token(
        &mut self,
        id: ApiTokenId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
}

/// A stored document with the version it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    pub version: i64,
    pub value: T,
}

#[async_trait]
pub trait Settings {
    /// The cooperative's settings as a JSON document, if they were ever saved.
    async fn load_settings(&mut self) -> Result<Option<Versioned<String>>, StoreError>;
    /// Saves the settings if they are still at `expected_version` (`None`: never saved).
    /// Returns the new version, or `Conflict` if someone saved in between.
    async fn save_settings(
        &mut self,
        json: &str,
        expected_version: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
}

/// Who did something, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A command run by the operator on the server (`coopshares token create`).
    Operator,
    /// A signed-in user.
    User(coopshares_domain::ids::UserAccountId),
    /// A caller of the API, by token.
    ApiToken(ApiTokenId),
    /// Coopshares itself (an import, the outbox worker).
    System,
}

impl Actor {
    /// Stored form: `operator`, `user:12`, `token:3`, `system`.
    pub fn to_storage(&self) -> String {
        match self {
            Actor::Operator => "operator".to_owned(),
            Actor::User(id) => format!("user:{id}"),
            Actor::ApiToken(id) => format!("token:{id}"),
            Actor::System => "system".to_owned(),
        }
    }
}

/// One line of the audit log. Append-only: the store offers no update and no delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub actor: String,
    /// What was done, snake_case (`api_token_created`).
    pub action: String,
    /// The kind of record (`api_token`, `settings`).
    pub record_type: String,
    pub record_id: String,
    /// Extra facts as JSON (never a secret).
    pub details: String,
}

#[async_trait]
pub trait Audit {
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The most recent entries first.
    async fn recent_audit(&mut self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
}
