//! The SQLite transaction and the repositories it implements.

use std::collections::HashSet;

use async_trait::async_trait;
use coopshares_app::ports::{
    ApiTokenRecord, Audit, AuditEntry, AuditFilter, AuditRecord, NewApiToken, Numbering, Sequence,
    Settings, StoreError, StoreTx, Tokens, Versioned,
};
use coopshares_domain::ids::{ApiTokenId, AuditEntryId};
use sqlx::{QueryBuilder, Row, Sqlite, Transaction};
use time::OffsetDateTime;

use crate::error::{corrupt, map};
use crate::time::{start_of, ts};

pub(crate) struct SqliteTx {
    pub(crate) tx: Transaction<'static, Sqlite>,
    /// Audit entries appended but not yet written: they are written together, in the order
    /// they were appended, before the transaction commits, before it reads the log, and
    /// whenever [`ROWS_PER_INSERT`] are waiting. A use case that writes thousands of them (a
    /// statement import) then pays one round trip per batch instead of one per entry.
    audit: Vec<AuditEntry>,
}

/// Rows written per multi-row statement (audit entries: 6 parameters each).
const ROWS_PER_INSERT: usize = 1_000;

impl SqliteTx {
    pub(crate) fn new(tx: Transaction<'static, Sqlite>) -> Self {
        Self {
            tx,
            audit: Vec::new(),
        }
    }

    /// Writes the audit entries waiting, if any.
    async fn flush_audit(&mut self) -> Result<(), StoreError> {
        if self.audit.is_empty() {
            return Ok(());
        }
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO audit_log (at, actor, action, record_type, record_id, details) ",
        );
        insert.push_values(self.audit.iter(), |mut values, entry| {
            values
                .push_bind(ts(entry.at))
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
impl StoreTx for SqliteTx {
    async fn commit(mut self: Box<Self>) -> Result<(), StoreError> {
        self.flush_audit().await?;
        self.tx.commit().await.map_err(map)
    }
}

#[async_trait]
impl Numbering for SqliteTx {
    async fn next_number(&mut self, sequence: Sequence, scope: i32) -> Result<u32, StoreError> {
        self.next_numbers(sequence, scope, 1).await
    }

    /// Asking for no number at all is a bug of the caller: `Other`, and nothing is taken.
    async fn next_numbers(
        &mut self,
        sequence: Sequence,
        scope: i32,
        count: u32,
    ) -> Result<u32, StoreError> {
        if count == 0 {
            return Err(StoreError::Other(
                format!("asked for no {} number", sequence.as_str()).into(),
            ));
        }
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO sequences (name, scope, last_value) VALUES (?1, ?2, ?3)
             ON CONFLICT (name, scope) DO UPDATE SET last_value = last_value + excluded.last_value
             RETURNING last_value",
        )
        .bind(sequence.as_str())
        .bind(scope)
        .bind(count)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        // The last number taken must be one too, so that all of them are.
        u32::try_from(last)
            .ok()
            .and_then(|last| last.checked_sub(count - 1))
            .ok_or_else(|| corrupt("sequence value", &last.to_string()))
    }
}

/// SQLite's bound on the parameters of one statement (`SQLITE_MAX_VARIABLE_NUMBER`).
const MAX_PARAMETERS: usize = 32_766;

/// How many rows of `columns` parameters each one multi-row statement can take.
pub(crate) const fn rows_per_statement(columns: usize) -> usize {
    MAX_PARAMETERS / columns
}

/// The result of a batch method given one item: what the single-item method returns.
pub(crate) fn only<T>(results: Vec<T>) -> Result<T, StoreError> {
    results
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Other("a batch of one returned nothing".into()))
}

impl SqliteTx {
    /// Runs `insert`, a multi-row `INSERT ... VALUES` of `rows` rows, and returns their ids in
    /// VALUES order; `Other` if it did not insert every row. Inside a write transaction SQLite
    /// gives each new row of a table with an `INTEGER PRIMARY KEY` the largest rowid plus one
    /// (until the largest possible is taken, which no table of ours reaches), so the ids grow in
    /// VALUES order; RETURNING's own order is not documented, so they are sorted.
    pub(crate) async fn insert_returning_ids(
        &mut self,
        mut insert: QueryBuilder<'_, Sqlite>,
        rows: usize,
    ) -> Result<Vec<i64>, StoreError> {
        insert.push(" RETURNING id");
        let mut ids: Vec<i64> = insert
            .build_query_scalar()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
        if ids.len() != rows {
            return Err(StoreError::Other(
                format!("{rows} rows inserted but {} ids returned", ids.len()).into(),
            ));
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// [`SqliteTx::update_versioned`] for records whose batch changes only their state:
    /// `changes` gives (id, expected version, state) and `update` reads them as
    /// `value ->> 0`, `1` and `2` of `json_each(?2)`.
    pub(crate) async fn update_states(
        &mut self,
        entity: &'static str,
        update: &str,
        changes: impl Iterator<Item = (i64, i64, &'static str)>,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let changes: Vec<(i64, i64, &str)> = changes.collect();
        let ids: Vec<i64> = changes.iter().map(|change| change.0).collect();
        let rows = crate::error::json_array(
            changes
                .iter()
                .map(|(id, version, state)| serde_json::json!([id, version, state])),
        );
        self.update_versioned(entity, update, &ids, rows, at).await
    }

    /// Runs `update`, an `UPDATE ... FROM json_each(?2) ... RETURNING id` of versioned records
    /// stamped `?1` = `at`, with `changes` (a JSON array with one item per record, `ids` in
    /// the same order); `Conflict` unless it changed every one of them. A record given twice
    /// is changed once, so it is a conflict too.
    pub(crate) async fn update_versioned(
        &mut self,
        entity: &'static str,
        update: &str,
        ids: &[i64],
        changes: String,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let updated: Vec<i64> = sqlx::query_scalar(update)
            .bind(ts(at))
            .bind(changes)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
        if updated.len() == ids.len() {
            return Ok(());
        }
        // Name the first record left as it was or, if there is none, the first given twice.
        let updated: HashSet<i64> = updated.into_iter().collect();
        let mut seen = HashSet::with_capacity(ids.len());
        let id = ids
            .iter()
            .find(|id| !updated.contains(*id))
            .or_else(|| ids.iter().find(|id| !seen.insert(**id)))
            .or(ids.first())
            .map_or_else(String::new, i64::to_string);
        Err(StoreError::Conflict { entity, id })
    }
}

fn token_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<ApiTokenRecord, StoreError> {
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

#[async_trait]
impl Tokens for SqliteTx {
    async fn insert_api_token(&mut self, token: &NewApiToken) -> Result<ApiTokenId, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (name, role, hint, secret_hash, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(&token.name)
        .bind(token.role.as_str())
        .bind(&token.hint)
        .bind(&token.secret_hash)
        .bind(ts(token.created_at))
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
        sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE secret_hash = ?1"
        ))
        .bind(secret_hash)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(token_from_row)
        .transpose()
    }

    async fn revoke_api_token(
        &mut self,
        id: ApiTokenId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?1) WHERE id = ?2",
        )
        .bind(ts(at))
        .bind(id.get())
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                entity: "API token",
            });
        }
        Ok(())
    }
}

#[async_trait]
impl Settings for SqliteTx {
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
                "INSERT INTO settings (id, version, document, updated_at) VALUES (1, 1, ?1, ?2)
                 ON CONFLICT (id) DO NOTHING RETURNING version",
            )
            .bind(json)
            .bind(ts(at))
            .fetch_optional(&mut *self.tx)
            .await
            .map_err(map)?,
            Some(expected) => sqlx::query_scalar(
                "UPDATE settings SET version = version + 1, document = ?1, updated_at = ?2
                 WHERE id = 1 AND version = ?3 RETURNING version",
            )
            .bind(json)
            .bind(ts(at))
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
impl Audit for SqliteTx {
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
             ORDER BY id DESC LIMIT ?1",
        )
        .bind(limit)
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
        let mut select = QueryBuilder::<Sqlite>::new(
            "SELECT id, at, actor, action, record_type, record_id, details FROM audit_log",
        );
        push_audit_filter(&mut select, filter);
        select.push(" ORDER BY at DESC, id DESC LIMIT ");
        select.push_bind(limit);
        select.push(" OFFSET ");
        select.push_bind(offset);
        let rows: Vec<(i64, OffsetDateTime, String, String, String, String, String)> = select
            .build_query_as()
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM audit_log");
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
/// than by reading every line: the log grows without end, the actions stay few.
const DISTINCT_AUDIT_ACTIONS: &str = "WITH RECURSIVE actions (action) AS (
         SELECT min(action) FROM audit_log
         UNION ALL
         SELECT (SELECT min(action) FROM audit_log WHERE action > actions.action)
         FROM actions WHERE actions.action IS NOT NULL
     )
     SELECT action FROM actions WHERE action IS NOT NULL ORDER BY action";

/// Appends the criteria of `filter` that are given, and only those, so that the planner sees
/// plain equalities and ranges and picks the index made for them (migration 0007).
fn push_audit_filter(query: &mut QueryBuilder<'_, Sqlite>, filter: &AuditFilter) {
    let mut conditions: Vec<(&str, String)> = Vec::new();
    let texts = [
        ("actor = ", &filter.actor),
        ("action = ", &filter.action),
        ("record_type = ", &filter.record_type),
        ("record_id = ", &filter.record_id),
    ];
    for (condition, value) in texts {
        if let Some(value) = value {
            conditions.push((condition, value.clone()));
        }
    }
    if let Some(from) = filter.from {
        conditions.push(("at >= ", start_of(from)));
    }
    // Inclusive of the whole `to` day: before the start of the next one.
    if let Some(next) = filter.to.and_then(|to| to.next_day()) {
        conditions.push(("at < ", start_of(next)));
    }
    for (index, (condition, value)) in conditions.into_iter().enumerate() {
        query.push(if index == 0 { " WHERE " } else { " AND " });
        query.push(condition);
        query.push_bind(value);
    }
}
