//! API tokens.

use async_trait::async_trait;
use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use time::OffsetDateTime;

use super::StoreError;

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
