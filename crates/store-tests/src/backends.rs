//! Fresh, migrated stores for the conformance checks.

use std::str::FromStr;
use std::sync::Arc;

use coopshares_app::ports::Store;
use coopshares_store_postgres::PgStore;
use coopshares_store_sqlite::SqliteStore;
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection};
use sqlx::sqlite::SqliteConnection;

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

    /// A direct connection to the same database, past the port: for checking what the
    /// database itself refuses, whatever code is talking to it.
    pub async fn raw(&self) -> RawConnection {
        match &self.reopen {
            Reopen::Sqlite(url) => RawConnection::Sqlite(
                SqliteConnection::connect(url)
                    .await
                    .expect("connect to sqlite"),
            ),
            Reopen::Postgres(options) => RawConnection::Postgres(
                PgConnection::connect_with(options)
                    .await
                    .expect("connect to postgres"),
            ),
        }
    }

    pub async fn close(self) {
        drop(self.store);
    }
}

/// A plain connection to the database under test (see [`TestStore::raw`]).
#[derive(Debug)]
pub enum RawConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl RawConnection {
    pub fn is_postgres(&self) -> bool {
        matches!(self, RawConnection::Postgres(_))
    }

    /// Runs one statement as written (no parameters); the rows it changed, or the database's
    /// refusal.
    pub async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        match self {
            RawConnection::Sqlite(connection) => sqlx::raw_sql(sql)
                .execute(connection)
                .await
                .map(|done| done.rows_affected()),
            RawConnection::Postgres(connection) => sqlx::raw_sql(sql)
                .execute(connection)
                .await
                .map(|done| done.rows_affected()),
        }
    }

    /// The single integer a query such as `SELECT count(*) FROM …` returns.
    pub async fn integer(&mut self, sql: &str) -> i64 {
        match self {
            RawConnection::Sqlite(connection) => sqlx::query_scalar(sql)
                .fetch_one(connection)
                .await
                .expect("an integer from sqlite"),
            RawConnection::Postgres(connection) => sqlx::query_scalar(sql)
                .fetch_one(connection)
                .await
                .expect("an integer from postgres"),
        }
    }

    /// The first column of every row of a query with one text parameter (`?1` or `$1`), as
    /// integers: ids, in the order the query gives them.
    pub async fn integers(&mut self, sql: &str, text: &str) -> Vec<i64> {
        match self {
            RawConnection::Sqlite(connection) => sqlx::query_scalar(sql)
                .bind(text)
                .fetch_all(connection)
                .await
                .expect("integers from sqlite"),
            RawConnection::Postgres(connection) => sqlx::query_scalar(sql)
                .bind(text)
                .fetch_all(connection)
                .await
                .expect("integers from postgres"),
        }
    }

    pub async fn close(self) {
        match self {
            RawConnection::Sqlite(connection) => connection.close().await,
            RawConnection::Postgres(connection) => connection.close().await,
        }
        .expect("close the raw connection");
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
