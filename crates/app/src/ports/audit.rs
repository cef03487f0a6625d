//! The audit log: who did what, when, to which record.

use async_trait::async_trait;
use coopshares_domain::ids::{ApiTokenId, UserAccountId};
use time::OffsetDateTime;

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
