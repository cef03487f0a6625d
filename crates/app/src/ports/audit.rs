//! The audit log: who did what, when, to which record.

use async_trait::async_trait;
use coopshares_domain::ids::{ApiTokenId, AuditEntryId, UserAccountId};
use time::{Date, OffsetDateTime};

use super::StoreError;

/// Who did something, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A command run by the operator on the server (`coopshares token create`).
    Operator,
    /// A signed-in user.
    User(UserAccountId),
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

    /// Reads back what [`Actor::to_storage`] wrote; `None` for anything else.
    pub fn from_storage(stored: &str) -> Option<Actor> {
        match stored {
            "operator" => Some(Actor::Operator),
            "system" => Some(Actor::System),
            _ => match stored.split_once(':')? {
                ("user", id) => id.parse().ok().map(Actor::User),
                ("token", id) => id.parse().ok().map(Actor::ApiToken),
                _ => None,
            },
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

/// A line of the audit log as stored, with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub id: AuditEntryId,
    pub entry: AuditEntry,
}

/// Which lines of the audit log to find. Every criterion given must match; none: all lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Exactly this actor, in its stored form (`user:12`).
    pub actor: Option<String>,
    /// Exactly this action (`api_token_created`).
    pub action: Option<String>,
    /// Exactly this kind of record (`contact`).
    pub record_type: Option<String>,
    /// Exactly this record id (usually with `record_type`).
    pub record_id: Option<String>,
    /// On or after the start of this day (UTC).
    pub from: Option<Date>,
    /// On or before the end of this day (UTC): the whole day is included.
    pub to: Option<Date>,
}

#[async_trait]
pub trait Audit {
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The most recent entries first.
    async fn recent_audit(&mut self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
    /// One page of the lines matching `filter`, newest first (by time, then by id), and how
    /// many lines match in all.
    async fn search_audit(
        &mut self,
        filter: &AuditFilter,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<AuditRecord>, u64), StoreError>;
    /// Every action that appears in the log, in alphabetical order.
    async fn distinct_audit_actions(&mut self) -> Result<Vec<String>, StoreError>;
}
