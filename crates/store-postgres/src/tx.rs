//! The PostgreSQL transaction and the repositories it implements.

use std::sync::Arc;

use async_trait::async_trait;
use coopshares_app::ports::{
    ApiTokenRecord, Audit, AuditEntry, AuditFilter, AuditRecord, NewApiToken, Numbering, Sequence,
    Settings, StoreError, StoreTx, Tokens, Versioned,
};
use coopshares_domain::ids::{ApiTokenId, AuditEntryId};
use sqlx::{Postgres, QueryBuilder, Row, Transaction};
use time::OffsetDateTime;

use crate::error::{check_batch_update, corrupt, map};
use crate::requests::start_of;
use crate::token_cache::TokenCache;

pub(crate) struct PgTx {
    pub(crate) tx: Transaction<'static, Postgres>,
    /// Audit entries appended but not yet written: they are written together, in the order
    /// they were appended, before the transaction commits, before it reads the log, and
    /// whenever [`ROWS_PER_INSERT`] are waiting. A use case that writes thousands of them (a
    /// statement import) then pays one round trip per batch instead of one per entry.
    audit: Vec<AuditEntry>,
    /// The change of each day's total per share type from the movements this transaction
    /// appended, written to `register_daily_totals` once, before commit (and before the
    /// totals are read): one update of a day's row per transaction, however many movements,
    /// since repeated updates of one row in one transaction leave a chain of versions that
    /// each later update walks. (SQLite updates in place and keeps them by a trigger.)
    register_changes: std::collections::BTreeMap<(time::Date, i64), i64>,
    /// The store's cache of API tokens, emptied when this transaction commits a change to
    /// them (the other servers learn of it from the notification the change sends).
    tokens: Arc<TokenCache>,
    tokens_changed: bool,
}

/// Rows written per multi-row statement (audit entries: 6 parameters each).
const ROWS_PER_INSERT: usize = 1_000;

/// The ids a multi-row insert of `expected` rows returned, in the order the rows were given.
/// An identity column numbers the rows of one `INSERT … SELECT … ORDER BY` in that order, so
/// the sorted ids pair with the rows given.
pub(crate) fn ids_in_order(
    mut ids: Vec<i64>,
    expected: usize,
    what: &str,
) -> Result<Vec<i64>, StoreError> {
    if ids.len() != expected {
        return Err(StoreError::Other(
            format!("{} {what} stored instead of {expected}", ids.len()).into(),
        ));
    }
    ids.sort_unstable();
    Ok(ids)
}

impl PgTx {
    /// Moves records of one table to new states in one statement: `update` takes the ids,
    /// expected versions and states as `$1::bigint[]`, `$2::bigint[]` and `$3::text[]`, the time
    /// as `$4`, and returns the ids it changed; `Conflict` unless it changed every one of
    /// `changes` (id, expected version, state).
    pub(crate) async fn update_states(
        &mut self,
        entity: &'static str,
        update: &str,
        changes: impl Iterator<Item = (i64, i64, &'static str)>,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let (mut ids, mut versions, mut states) = (Vec::new(), Vec::new(), Vec::new());
        for (id, version, state) in changes {
            ids.push(id);
            versions.push(version);
            states.push(state);
        }
        if ids.is_empty() {
            return Ok(());
        }
        let updated: Vec<i64> = sqlx::query_scalar(update)
            .bind(&ids)
            .bind(versions)
            .bind(states)
            .bind(at)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
        check_batch_update(entity, &ids, &updated)
    }

    pub(crate) fn new(tx: Transaction<'static, Postgres>, tokens: Arc<TokenCache>) -> Self {
        Self {
            tx,
            audit: Vec::new(),
            register_changes: std::collections::BTreeMap::new(),
            tokens,
            tokens_changed: false,
        }
    }

    /// Counts a movement's change of a day's total (see `register_changes`).
    pub(crate) fn count_register_change(&mut self, day: time::Date, share_type: i64, change: i64) {
        *self.register_changes.entry((day, share_type)).or_default() += change;
    }

    /// Adds the changes counted so far to `register_daily_totals`.
    pub(crate) async fn flush_register_changes(&mut self) -> Result<(), StoreError> {
        if self.register_changes.is_empty() {
            return Ok(());
        }
        let changes = std::mem::take(&mut self.register_changes);
        for batch in changes
            .into_iter()
            .collect::<Vec<_>>()
            .chunks(ROWS_PER_INSERT)
        {
            let mut upsert = QueryBuilder::<Postgres>::new(
                "INSERT INTO register_daily_totals AS t (movement_date, share_type_id,
                     quantity_change) ",
            );
            upsert.push_values(batch, |mut values, ((day, share_type), change)| {
                values
                    .push_bind(*day)
                    .push_bind(*share_type)
                    .push_bind(*change);
            });
            upsert.push(
                " ON CONFLICT (movement_date, share_type_id)
                  DO UPDATE SET quantity_change = t.quantity_change + EXCLUDED.quantity_change",
            );
            upsert.build().execute(&mut *self.tx).await.map_err(map)?;
        }
        Ok(())
    }

    /// Writes the audit entries waiting, if any.
    async fn flush_audit(&mut self) -> Result<(), StoreError> {
        if self.audit.is_empty() {
            return Ok(());
        }
        let mut insert = QueryBuilder::<Postgres>::new(
            "INSERT INTO audit_log (at, actor, action, record_type, record_id, details) ",
        );
        insert.push_values(self.audit.iter(), |mut values, entry| {
            values
                .push_bind(entry.at)
                .push_bind(&entry.actor)
                .push_bind(&entry.action)
                .push_bind(&entry.record_type)
                .push_bind(&entry.record_id)
                .push_bind(&entry.details);
        });
        insert.build().execute(&mut *self.tx).await.map_err(map)?;
        self.audit.clear();
        Ok(())
    }
}

#[async_trait]
impl StoreTx for PgTx {
    async fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        self.flush_audit().await?;
        self.flush_register_changes().await?;
        self.tx.commit().await.map_err(map)?;
        if self.tokens_changed {
            self.tokens.forget_all();
        }
        Ok(())
    }
}

#[async_trait]
impl Numbering for PgTx {
    async fn next_number(&mut self, sequence: Sequence, scope: i32) -> Result<u32, StoreError> {
        self.next_numbers(sequence, scope, 1).await
    }

    async fn next_numbers(
        &mut self,
        sequence: Sequence,
        scope: i32,
        count: u32,
    ) -> Result<u32, StoreError> {
        if count == 0 {
            return Err(StoreError::Other(
                format!("cannot take no numbers of sequence {}", sequence.as_str()).into(),
            ));
        }
        let count = i64::from(count);
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO sequences (name, scope, last_value) VALUES ($1, $2, $3)
             ON CONFLICT (name, scope) DO UPDATE SET last_value = sequences.last_value + $3
             RETURNING last_value",
        )
        .bind(sequence.as_str())
        .bind(scope)
        .bind(count)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        let first = last - count + 1;
        u32::try_from(last)
            .and(u32::try_from(first))
            .map_err(|_| corrupt("sequence value", &last.to_string()))
    }
}

fn token_from_row(row: &sqlx::postgres::PgRow) -> Result<ApiTokenRecord, StoreError> {
    let role: String = row.try_get("role").map_err(map)?;
    Ok(ApiTokenRecord {
        id: ApiTokenId::new(row.try_get("id").map_err(map)?),
        name: row.try_get("name").map_err(map)?,
        role: role.parse().map_err(|_| corrupt("token role", &role))?,
        hint: row.try_get("hint").map_err(map)?,
        created_at: row.try_get("created_at").map_err(map)?,
        revoked_at: row.try_get("revoked_at").map_err(map)?,
    })
}

const TOKEN_COLUMNS: &str = "id, name, role, hint, created_at, revoked_at";

/// The token with this secret hash, through `executor`: a transaction, or the pool (one
/// statement, no transaction around it: what every API call's authentication costs).
pub(crate) async fn find_api_token_in<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    secret_hash: &str,
) -> Result<Option<ApiTokenRecord>, StoreError> {
    sqlx::query(&format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = $1"
    ))
    .bind(secret_hash)
    .fetch_optional(executor)
    .await
    .map_err(map)?
    .as_ref()
    .map(token_from_row)
    .transpose()
}

#[async_trait]
impl Tokens for PgTx {
    async fn insert_api_token(&mut self, token: &NewApiToken) -> Result<ApiTokenId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (name, role, hint, secret_hash, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&token.name)
        .bind(token.role.as_str())
        .bind(&token.hint)
        .bind(&token.secret_hash)
        .bind(token.created_at)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(ApiTokenId::new(id))
    }

    async fn list_api_tokens(&mut self) -> Result<Vec<ApiTokenRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens ORDER BY id"
        ))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(token_from_row)
        .collect()
    }

    async fn find_api_token(
        &mut self,
        secret_hash: &str,
    ) -> Result<Option<ApiTokenRecord>, StoreError> {
        find_api_token_in(&mut *self.tx, secret_hash).await
    }

    async fn revoke_api_token(
        &mut self,
        id: ApiTokenId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
        )
        .bind(at)
        .bind(id.get())
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "API token",
            });
        }
        self.tokens_changed = true;
        Ok(())
    }
}

#[async_trait]
impl Settings for PgTx {
    async fn load_settings(&mut self) -> Result<Option<Versioned<String>>, StoreError> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT version, document FROM settings WHERE id = 1")
                .fetch_optional(&mut *self.tx)
                .await
                .map_err(map)?;
        Ok(row.map(|(version, value)| Versioned { version, value }))
    }

    async fn save_settings(
        &mut self,
        json: &str,
        expected_version: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let saved: Option<i64> = match expected_version {
            None => sqlx::query_scalar(
                "INSERT INTO settings (id, version, document, updated_at) VALUES (1, 1, $1, $2)
                 ON CONFLICT (id) DO NOTHING RETURNING version",
            )
            .bind(json)
            .bind(at)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map)?,
            Some(expected) => sqlx::query_scalar(
                "UPDATE settings SET version = settings.version + 1, document = $1, updated_at = $2
                 WHERE id = 1 AND version = $3 RETURNING version",
            )
            .bind(json)
            .bind(at)
            .bind(expected)
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map)?,
        };
        saved.ok_or_else(|| StoreError::Conflict {
            entity: "settings",
            id: "1".to_owned(),
        })
    }
}

#[async_trait]
impl Audit for PgTx {
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError> {
        self.audit.push(entry.clone());
        if self.audit.len() >= ROWS_PER_INSERT {
            self.flush_audit().await?;
        }
        Ok(())
    }

    async fn recent_audit(&mut self, limit: u32) -> Result<Vec<AuditEntry>, StoreError> {
        self.flush_audit().await?;
        let rows: Vec<(OffsetDateTime, String, String, String, String, String)> = sqlx::query_as(
            "SELECT at, actor, action, record_type, record_id, details FROM audit_log
             ORDER BY id DESC LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(rows
            .into_iter()
            .map(
                |(at, actor, action, record_type, record_id, details)| AuditEntry {
                    at,
                    actor,
                    action,
                    record_type,
                    record_id,
                    details,
                },
            )
            .collect())
    }

    async fn search_audit(
        &mut self,
        filter: &AuditFilter,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<AuditRecord>, u64), StoreError> {
        self.flush_audit().await?;
        let mut select = QueryBuilder::<Postgres>::new(
            "SELECT id, at, actor, action, record_type, record_id, details FROM audit_log",
        );
        push_audit_filter(&mut select, filter);
        select.push(" ORDER BY at DESC, id DESC LIMIT ");
        select.push_bind(i64::from(limit));
        select.push(" OFFSET ");
        select.push_bind(i64::from(offset));
        let rows: Vec<(i64, OffsetDateTime, String, String, String, String, String)> = select
            .build_query_as()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
        let mut count = QueryBuilder::<Postgres>::new("SELECT count(*) FROM audit_log");
        push_audit_filter(&mut count, filter);
        let total: i64 = count
            .build_query_scalar()
            .fetch_one(&mut *self.tx)
            .await
            .map_err(map)?;
        let records = rows
            .into_iter()
            .map(
                |(id, at, actor, action, record_type, record_id, details)| AuditRecord {
                    id: AuditEntryId::new(id),
                    entry: AuditEntry {
                        at,
                        actor,
                        action,
                        record_type,
                        record_id,
                        details,
                    },
                },
            )
            .collect();
        Ok((records, u64::try_from(total).unwrap_or_default()))
    }

    async fn distinct_audit_actions(&mut self) -> Result<Vec<String>, StoreError> {
        self.flush_audit().await?;
        sqlx::query_scalar(DISTINCT_AUDIT_ACTIONS)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)
    }
}

/// The actions of the log, each found by one step down the `audit_log_action` index rather
/// than by reading every line (PostgreSQL has no skip scan): the log grows without end, the
/// actions stay few.
const DISTINCT_AUDIT_ACTIONS: &str = "WITH RECURSIVE actions (action) AS (
         SELECT min(action) FROM audit_log
         UNION ALL
         SELECT (SELECT min(action) FROM audit_log WHERE action > actions.action)
         FROM actions WHERE actions.action IS NOT NULL
     )
     SELECT action FROM actions WHERE action IS NOT NULL ORDER BY action";

/// A value compared with a column of `audit_log`.
enum Bound {
    Text(String),
    At(OffsetDateTime),
}

/// Appends the criteria of `filter` that are given, and only those, so that the planner sees
/// plain equalities and ranges (not `$1 IS NULL OR …`, which a generic plan cannot use an
/// index for) and picks the index made for them (migration 0007).
fn push_audit_filter(query: &mut QueryBuilder<'_, Postgres>, filter: &AuditFilter) {
    let mut conditions: Vec<(&str, Bound)> = Vec::new();
    let texts = [
        ("actor = ", &filter.actor),
        ("action = ", &filter.action),
        ("record_type = ", &filter.record_type),
        ("record_id = ", &filter.record_id),
    ];
    for (condition, value) in texts {
        if let Some(value) = value {
            conditions.push((condition, Bound::Text(value.clone())));
        }
    }
    if let Some(from) = filter.from {
        conditions.push(("at >= ", Bound::At(start_of(from))));
    }
    // Inclusive of the whole `to` day: before the start of the next one.
    if let Some(next) = filter.to.and_then(|to| to.next_day()) {
        conditions.push(("at < ", Bound::At(start_of(next))));
    }
    for (index, (condition, value)) in conditions.into_iter().enumerate() {
        query.push(if index == 0 { " WHERE " } else { " AND " });
        query.push(condition);
        match value {
            Bound::Text(text) => query.push_bind(text),
            Bound::At(at) => query.push_bind(at),
        };
    }
}
