//! API tokens: created by the operator on the command line, shown once, stored as a hash.
//!
//! A token is 32 random bytes, hex-encoded behind a `cs_` prefix; the database keeps only its
//! SHA-256 (`secrets::hash_token`), which is what a request is looked up by.

use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use serde_json::json;

use crate::audit;
use crate::clock::Clock;
use crate::error::AppError;
use crate::ports::{Actor, ApiTokenRecord, NewApiToken, Store};
use crate::secrets::{hash_token, random_token};

const PREFIX: &str = "cs_";
const HINT_LEN: usize = 8;
const MAX_NAME_CHARS: usize = 100;

/// A token just created: the secret exists only here and is never stored.
#[derive(Debug)]
pub struct CreatedToken {
    pub record: ApiTokenRecord,
    pub secret: String,
}

/// Creates a token with `role`, named `name` (what it is for, e.g. "website form").
pub async fn create_api_token(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    name: &str,
    role: ApiRole,
) -> Result<CreatedToken, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "required", "give the token a name"));
    }
    if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(AppError::field(
            "name",
            "invalid_name",
            format!("the name must be at most {MAX_NAME_CHARS} printable characters"),
        ));
    }
    let secret = new_secret()?;
    let new = NewApiToken {
        name: name.to_owned(),
        role,
        hint: secret.chars().take(HINT_LEN).collect(),
        secret_hash: hash_token(&secret),
        created_at: clock.now(),
    };
    let mut tx = store.begin().await?;
    let id = tx.insert_api_token(&new).await?;
    tx.append_audit(&audit::entry(
        new.created_at,
        actor,
        "api_token_created",
        "api_token",
        id,
        json!({ "name": new.name, "role": role.as_str() }),
    ))
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        record: ApiTokenRecord {
            id,
            name: new.name,
            role,
            hint: new.hint,
            created_at: new.created_at,
            revoked_at: None,
        },
        secret,
    })
}

/// Every token, revoked ones included, oldest first.
pub async fn list_api_tokens(store: &dyn Store) -> Result<Vec<ApiTokenRecord>, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx.list_api_tokens().await?)
}

/// Revokes a token: requests bearing it are refused from now on.
pub async fn revoke_api_token(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: ApiTokenId,
) -> Result<(), AppError> {
    let at = clock.now();
    let mut tx = store.begin().await?;
    tx.revoke_api_token(id, at).await?;
    tx.append_audit(&audit::entry(
        at,
        actor,
        "api_token_revoked",
        "api_token",
        id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The live token behind a bearer secret; `Unauthorized` for an unknown or revoked one.
pub async fn authenticate(store: &dyn Store, secret: &str) -> Result<ApiTokenRecord, AppError> {
    if !secret.starts_with(PREFIX) {
        return Err(AppError::Unauthorized);
    }
    match store.find_api_token(&hash_token(secret)).await? {
        Some(token) if token.revoked_at.is_none() => Ok(token),
        _ => Err(AppError::Unauthorized),
    }
}

fn new_secret() -> Result<String, AppError> {
    Ok(format!("{PREFIX}{}", random_token()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_secrets_are_prefixed_long_and_different() {
        let a = new_secret().unwrap();
        let b = new_secret().unwrap();
        assert!(a.starts_with("cs_"));
        assert_eq!(a.len(), 3 + 64);
        assert_ne!(a, b);
    }
}
