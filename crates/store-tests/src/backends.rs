//! Fresh, migrated stores for the conformance checks.

use std::str::FromStr;
use std::sync::Arc;

use coopshares_app::ports::Store;
use coopshares_store_postgres::PgStore;
use coopshares_store_sqlite::SqliteStore;
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};

/// A store under test and whatever keeps it alive.
#[derive(Debug)]
pub struct TestStore {
    pub store: Arc<dyn Store>,
    /// How to open the same database again (a second handle, as after a restart).
    pub reopen: Reopen,
    _dir: Option<tempfile::TempDir>,
}

#[derive(Debug, Clone)]
pub enum Reopen {
    Sqlite(String),
    Postgres(Box<PgConnectOptions>),
}

impl TestStore {
    /// Opens the same database again and migrates it, as a second server start would.
    pub async fn reopen(&self) -> Arc<dyn Store> {
        match &self.reopen {
            Reopen::Sqlite(url) => {
                let store = SqliteStore::open(url).await.expect("reopen sqlite");
                store.migrate().await.expect("migrate sqlite again");
                Arc::new(store)
            }
            Reopen::Postgres(options) => {
                let store = PgStore::open_with(options.as_ref().clone())
                    .await
                    .expect("reopen postgres");
                store.migrate().await.expect("migrate postgres again");
                Arc::new(store)
            }
        }
    }

    pub async fn close(self) {
        drop(self.store);
    }
}

/// A new SQLite file in a temporary folder.
pub async fn sqlite() -> Option<TestStore> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = SqliteStore::open(&url).await.expect("open sqlite");
    store.migrate().await.expect("migrate sqlite");
    Some(TestStore {
        store: Arc::new(store),
        reopen: Reopen::Sqlite(url),
        _dir: Some(dir),
    })
}

/// The environment variable naming the PostgreSQL server for tests.
pub const POSTGRES_URL_VAR: &str = "COOPSHARES_TEST_POSTGRES_URL";

/// A new schema on the test PostgreSQL server, or `None` when no server is configured.
pub async fn postgres() -> Option<TestStore> {
    let Ok(url) = std::env::var(POSTGRES_URL_VAR) else {
        if std::env::var("COOPSHARES_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
            panic!("COOPSHARES_REQUIRE_POSTGRES=1 but {POSTGRES_URL_VAR} is not set");
        }
        eprintln!("skipped: set {POSTGRES_URL_VAR} to run this check on PostgreSQL");
        return None;
    };
    let schema = format!("coopshares_test_{}", random_suffix());
    let mut admin = PgConnection::connect(&url)
        .await
        .expect("connect to the test server");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&mut admin)
        .await
        .expect("create a schema for the test");
    admin.close().await.expect("close the admin connection");
    let options = PgConnectOptions::from_str(&url)
        .expect("test URL")
        .options([("search_path", schema.as_str())]);
    let store = PgStore::open_with(options.clone())
        .await
        .expect("open postgres");
    store.migrate().await.expect("migrate postgres");
    Some(TestStore {
        store: Arc::new(store),
        reopen: Reopen::Postgres(Box::new(options)),
        _dir: None,
    })
}

fn random_suffix() -> String {
    let mut bytes = [0_u8; 8];
    getrandom::fill(&mut bytes).expect("random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
