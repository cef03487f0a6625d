//! The PostgreSQL storage adapter, for production.
//!
//! Transactions run at READ COMMITTED. Concurrent writers to the same row queue on its row lock;
//! a versioned update whose version moved meanwhile changes nothing and reports a conflict.
//! Serialization failures and deadlocks are reported as conflicts too, so a caller may retry.
//!
//! Depends on `app` for the port traits; nothing outside `cli` and the tests names this crate.

mod accounts;
mod contacts;
mod error;
mod outbox;
mod requests;
mod share_types;
mod tx;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use coopshares_app::ports::{Store, StoreError, StoreTx};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};

pub use error::OpenError;

const CONNECTIONS: u32 = 10;

/// A Coopshares database on a PostgreSQL server.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to `url` (`postgres://user@host:5432/dbname`). Does not run migrations.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        let options =
            PgConnectOptions::from_str(url).map_err(|e| OpenError::InvalidUrl(e.to_string()))?;
        Self::open_with(options).await
    }

    /// Connects with explicit options (the tests use them to pick a schema).
    pub async fn open_with(options: PgConnectOptions) -> Result<Self, OpenError> {
        let pool = PgPoolOptions::new()
            .max_connections(CONNECTIONS)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(OpenError::Connect)?;
        Ok(Self { pool })
    }

    /// Brings the schema up to date. Safe to run at every start, from several servers at once
    /// (sqlx takes an advisory lock).
    pub async fn migrate(&self) -> Result<(), OpenError> {
        sqlx::migrate!("./migrations")
            .run(&self.pool)
            .await
            .map_err(OpenError::Migrate)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(error::map)?;
        conn.ping().await.map_err(error::map)?;
        Ok(())
    }

    async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        let tx = self.pool.begin().await.map_err(error::map)?;
        Ok(Box::new(tx::PgTx::new(tx)))
    }

    async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        let mut tx = self.pool.begin().await.map_err(error::map)?;
        sqlx::query("SET TRANSACTION READ ONLY")
            .execute(&mut *tx)
            .await
            .map_err(error::map)?;
        Ok(Box::new(tx::PgTx::new(tx)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store offers no update or delete of audit rows; this shows the database itself
    /// refuses them too (and TRUNCATE), should anyone reach it with raw SQL.
    #[tokio::test]
    async fn the_audit_log_refuses_updates_deletes_and_truncate() {
        let Ok(url) = std::env::var("COOPSHARES_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("COOPSHARES_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "COOPSHARES_REQUIRE_POSTGRES=1 but COOPSHARES_TEST_POSTGRES_URL is not set"
            );
            eprintln!("skipped: COOPSHARES_TEST_POSTGRES_URL is not set");
            return;
        };
        let schema = format!("audit_{}", std::process::id());
        let admin = PgStore::open(&url).await.unwrap();
        for statement in [
            format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
            format!("CREATE SCHEMA {schema}"),
        ] {
            sqlx::query(&statement).execute(&admin.pool).await.unwrap();
        }
        let options = PgConnectOptions::from_str(&url)
            .unwrap()
            .options([("search_path", schema.as_str())]);
        let store = PgStore::open_with(options).await.unwrap();
        store.migrate().await.unwrap();
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, record_type, record_id, details)
             VALUES (now(), 'operator', 'x', 'y', '1', '{}')",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        for statement in [
            "UPDATE audit_log SET action = 'z'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
        ] {
            let error = sqlx::query(statement)
                .execute(&store.pool)
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("append-only"),
                "{statement}: {error}"
            );
        }
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'x'")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(count, 1);
    }
}
