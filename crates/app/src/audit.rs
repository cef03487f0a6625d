//! The audit log: building entries the same way everywhere, and reading them back for the back
//! office.

use std::collections::BTreeMap;

use coopshares_domain::email::Email;
use coopshares_domain::ids::{ApiTokenId, UserAccountId};
use time::OffsetDateTime;

use crate::AppError;
use crate::ports::{Actor, AuditEntry, AuditFilter, AuditRecord, Store};

/// An audit entry for `action` on a record, with extra JSON facts.
pub fn entry(
    at: OffsetDateTime,
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: impl ToString,
    details: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        at,
        actor: actor.to_storage(),
        action: action.to_owned(),
        record_type: record_type.to_owned(),
        record_id: record_id.to_string(),
        details: details.to_string(),
    }
}

/// Who did something, as a page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Operator,
    System,
    /// A signed-in user, with the account's email (`None` if the account is gone).
    User(UserAccountId, Option<Email>),
    /// An API token, with its name (`None` if the token is gone).
    ApiToken(ApiTokenId, Option<String>),
    /// An actor written in a form this version does not read, as stored.
    Unknown(String),
}

/// One line of the log with who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub record: AuditRecord,
    pub who: Who,
}

/// One page of a search of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    /// Newest first.
    pub lines: Vec<AuditLine>,
    /// How many lines match in all.
    pub total: u64,
    /// Every action found in the log, for choosing one.
    pub actions: Vec<String>,
}

/// One page of the lines matching `filter`, newest first. An actor given as an email address
/// means that account (`user:N`); an address no account has matches nothing.
pub async fn search(
    store: &dyn Store,
    filter: &AuditFilter,
    limit: u32,
    offset: u32,
) -> Result<AuditPage, AppError> {
    let mut tx = store.begin_read().await?;
    let mut filter = filter.clone();
    if let Some(actor) = filter.actor.as_deref()
        && actor.contains('@')
        && let Ok(email) = Email::parse(actor)
        && let Some(user) = tx.find_user_by_email(&email).await?
    {
        filter.actor = Some(Actor::User(user.id).to_storage());
    }
    let (records, total) = tx.search_audit(&filter, limit, offset).await?;
    let actions = tx.distinct_audit_actions().await?;
    let mut emails: BTreeMap<UserAccountId, Option<Email>> = BTreeMap::new();
    let mut token_names: Option<BTreeMap<ApiTokenId, String>> = None;
    let mut lines = Vec::with_capacity(records.len());
    for record in records {
        let who = match Actor::from_storage(&record.entry.actor) {
            Some(Actor::Operator) => Who::Operator,
            Some(Actor::System) => Who::System,
            Some(Actor::User(id)) => {
                let email = match emails.get(&id) {
                    Some(email) => email.clone(),
                    None => {
                        let email = tx.get_user(id).await?.map(|user| user.email);
                        emails.insert(id, email.clone());
                        email
                    }
                };
                Who::User(id, email)
            }
            Some(Actor::ApiToken(id)) => {
                let names = match &mut token_names {
                    Some(names) => names,
                    None => token_names.insert(
                        tx.list_api_tokens()
                            .await?
                            .into_iter()
                            .map(|token| (token.id, token.name))
                            .collect(),
                    ),
                };
                Who::ApiToken(id, names.get(&id).cloned())
            }
            None => Who::Unknown(record.entry.actor.clone()),
        };
        lines.push(AuditLine { record, who });
    }
    Ok(AuditPage {
        lines,
        total,
        actions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actor_reads_back_as_it_was_stored() {
        for actor in [
            Actor::Operator,
            Actor::System,
            Actor::User(UserAccountId::new(12)),
            Actor::ApiToken(ApiTokenId::new(3)),
        ] {
            assert_eq!(Actor::from_storage(&actor.to_storage()), Some(actor));
        }
        for odd in [
            "", "user:", "user:0", "user:x", "token:-1", "robot:1", "Operator",
        ] {
            assert_eq!(Actor::from_storage(odd), None, "{odd:?}");
        }
    }
}
