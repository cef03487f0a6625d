//! The storage port: what use cases need from a database, and nothing about how it is done.
//!
//! Every adapter (SQLite, PostgreSQL) implements [`Store`] and passes the conformance suite in
//! `crates/store-tests`. All reads and writes happen inside a [`StoreTx`]: a use case opens one,
//! does its work and commits; dropping it without commit rolls everything back, so a failure
//! part-way leaves nothing half-written.
//!
//! After any error the transaction is unusable (PostgreSQL aborts it, and SQLite must be treated
//! the same way): drop it and, if it makes sense, start over.
//!
//! Concurrency contract: a record that can be edited carries a version. An update names the
//! version it read; when another writer got there first the update fails with
//! [`StoreError::Conflict`] and changes nothing. Numbers from [`Numbering::next_number`] are
//! gapless: a rolled-back transaction gives its number back.

mod accounts;
mod audit;
mod banking;
mod capital;
mod intake;
mod members;
mod numbering;
mod outbox;
mod register;
mod settings;
mod tokens;

use async_trait::async_trait;

pub use accounts::*;
pub use audit::*;
pub use banking::*;
pub use capital::*;
pub use intake::*;
pub use members::*;
pub use numbering::*;
pub use outbox::*;
pub use register::*;
pub use settings::*;
pub use tokens::*;

/// The most items a batch method of the port takes at once (references looked up, rows
/// written): a statement import of 100,000 lines then makes a few hundred round trips instead
/// of a million, and a statement stays under SQLite's bound of 32,766 parameters with up to 30
/// columns a row.
pub const ROWS_PER_BATCH: usize = 1_000;

/// A versioned record moved to a new state, in a batch (see the concurrency contract above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StateChange<Id, State> {
    pub id: Id,
    pub expected_version: i64,
    pub state: State,
}

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

    /// Upkeep the database does better between requests than inside one, called every
    /// [`crate::housekeeping::PERIOD`] by the server. On PostgreSQL it indexes the contacts
    /// written since the last time for the contact search, and when there were none, merges
    /// the indexes' pending entries into them: work that would otherwise fall inside each
    /// submission and on the submission that fills a pending list (a stall of that
    /// submission and of every one queued behind it). The search finds every contact either
    /// way. Nothing to do by default.
    async fn tidy(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// Opens a read-write transaction.
    async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError>;

    /// Opens a read-only transaction; writing through it fails.
    async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError>;

    /// How many write transactions the backend runs well at the same time: SQLite has one
    /// writer; a server database several connections.
    fn concurrent_writers(&self) -> usize;

    /// The API token with this secret hash, revoked or not, as [`Tokens::find_api_token`]
    /// reads it in a read transaction; a backend may answer in one statement (every API call
    /// asks).
    async fn find_api_token(
        &self,
        secret_hash: &str,
    ) -> Result<Option<ApiTokenRecord>, StoreError> {
        self.begin_read().await?.find_api_token(secret_hash).await
    }
}

/// One transaction, with every repository the use cases need.
#[async_trait]
pub trait StoreTx:
    Numbering
    + Tokens
    + Settings
    + Audit
    + Outbox
    + EmailTemplates
    + Users
    + Sessions
    + OneTimeLinks
    + ShareTypes
    + Contacts
    + Representations
    + Requests
    + CapitalCalls
    + Ledger
    + BankStatements
    + Payments
    + Register
    + Certificates
    + Pictures
    + ContactChanges
    + Send
{
    /// Makes every change of this transaction durable, or none of them.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

/// A stored document with the version it was read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versioned<T> {
    pub version: i64,
    pub value: T,
}
