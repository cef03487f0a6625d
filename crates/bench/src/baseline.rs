//! The bare baseline: axum parses the same submission and inserts one row of the same width in
//! one transaction. No validation, no contact matching, no email, no audit: the floor under
//! what Coopshares does.

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Json, Router};
use coopshares_domain::application::ApplicationInput;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgPool, SqlitePool};

use crate::Backend;

const COLUMNS: &str = "kind, first_name, last_name, email, birth_date, phone, language, iban, \
     street, postal_code, city, country, share_type, quantity, consents, form_token, submitted, created_at";

/// A bare connection pool on either backend.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

fn schema_name(prefix: &str) -> String {
    schema_name_of(prefix, std::process::id())
}

fn schema_name_of(prefix: &str, pid: u32) -> String {
    format!("bench_{prefix}_{pid}")
}

/// Connection options for the schema [`fresh_schema`] made for `prefix`.
pub fn schema_options(url: &str, prefix: &str) -> PgConnectOptions {
    PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema_name(prefix).as_str())])
}

/// The prefixes [`fresh_schema`] made schemas for in this process, for [`drop_made`].
static MADE: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// A new schema on the PostgreSQL server at `url`, as connection options. [`drop_made`]
/// drops it at the end of the run, unless its workload already did.
pub async fn fresh_schema(url: &str, prefix: &str) -> PgConnectOptions {
    let schema = schema_name(prefix);
    if let Ok(mut made) = MADE.lock()
        && !made.iter().any(|p| p == prefix)
    {
        made.push(prefix.to_owned());
    }
    let mut admin = sqlx::PgConnection::connect(url)
        .await
        .expect("connect to PostgreSQL");
    for statement in [
        format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
        format!("CREATE SCHEMA {schema}"),
    ] {
        sqlx::query(&statement).execute(&mut admin).await.unwrap();
    }
    schema_options(url, prefix)
}

/// Drops the schema [`fresh_schema`] made for `prefix`, with everything in it.
pub async fn drop_schema(url: &str, prefix: &str) {
    drop_schema_of(url, prefix, std::process::id()).await;
}

/// Drops every schema this process made with [`fresh_schema`] (those of the workloads whose
/// stores stay open until the end, such as `intake`'s and `register`'s).
pub async fn drop_made(url: &str) {
    let made = MADE.lock().map(|made| made.clone()).unwrap_or_default();
    for prefix in made {
        drop_schema(url, &prefix).await;
    }
}

/// Drops the schema that process `pid` made for `prefix` with [`fresh_schema`].
pub async fn drop_schema_of(url: &str, prefix: &str, pid: u32) {
    let schema = schema_name_of(prefix, pid);
    let mut admin = sqlx::PgConnection::connect(url)
        .await
        .expect("connect to PostgreSQL");
    sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// The settings of the SQLite adapter, for a bare database at `path`: WAL, synchronous=FULL
/// (one writer connection is up to the pool).
pub fn sqlite_options(path: &std::path::Path) -> SqliteConnectOptions {
    SqliteConnectOptions::from_str(&format!("sqlite://{}", path.display()))
        .unwrap()
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
}

/// The baseline server on `backend`, on loopback.
pub async fn start(backend: &Backend) -> SocketAddr {
    let table = format!(
        "CREATE TABLE applications (id {}, kind TEXT NOT NULL, first_name TEXT NOT NULL, \
         last_name TEXT NOT NULL, email TEXT NOT NULL, birth_date TEXT NOT NULL, phone TEXT NOT NULL, \
         language TEXT NOT NULL, iban TEXT NOT NULL, street TEXT NOT NULL, postal_code TEXT NOT NULL, \
         city TEXT NOT NULL, country TEXT NOT NULL, share_type TEXT NOT NULL, quantity BIGINT NOT NULL, \
         consents TEXT NOT NULL, form_token TEXT UNIQUE, submitted TEXT NOT NULL, created_at TEXT NOT NULL)",
        match backend {
            Backend::Sqlite(_) => "INTEGER PRIMARY KEY",
            Backend::Postgres(_) => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        }
    );
    let pool = match backend {
        Backend::Sqlite(dir) => {
            // The same settings as the SQLite adapter: WAL, synchronous=FULL, one writer.
            let options = sqlite_options(&dir.join("baseline.db"));
            let pool = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options)
                .await
                .unwrap();
            sqlx::query(&table).execute(&pool).await.unwrap();
            Pool::Sqlite(pool)
        }
        Backend::Postgres(url) => {
            let options = fresh_schema(url, "baseline").await;
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .connect_with(options)
                .await
                .unwrap();
            sqlx::query(&table).execute(&pool).await.unwrap();
            Pool::Postgres(pool)
        }
    };
    let router = Router::new()
        .route("/subscribe", post(form))
        .route("/api", post(api))
        .with_state(pool);
    crate::serve(router).await
}

/// One row's values, in `COLUMNS` order.
struct Row(Vec<String>, i64);

async fn insert(pool: &Pool, row: Row) -> Result<(), sqlx::Error> {
    let Row(texts, quantity) = row;
    let created_at = format!("{:?}", std::time::SystemTime::now());
    match pool {
        Pool::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            let sql = format!(
                "INSERT INTO applications ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            );
            let mut query = sqlx::query(&sql);
            for (i, text) in texts.iter().enumerate() {
                query = if i == 13 {
                    query.bind(quantity)
                } else {
                    query.bind(text)
                };
            }
            query.bind(&created_at).execute(&mut *tx).await?;
            tx.commit().await
        }
        Pool::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let placeholders: Vec<String> = (1..=18).map(|i| format!("${i}")).collect();
            let sql = format!(
                "INSERT INTO applications ({COLUMNS}) VALUES ({})",
                placeholders.join(",")
            );
            let mut query = sqlx::query(&sql);
            for (i, text) in texts.iter().enumerate() {
                query = if i == 13 {
                    query.bind(quantity)
                } else {
                    query.bind(text)
                };
            }
            query.bind(&created_at).execute(&mut *tx).await?;
            tx.commit().await
        }
    }
}

fn failed(error: sqlx::Error) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
}

async fn form(State(pool): State<Pool>, Form(pairs): Form<Vec<(String, String)>>) -> Response {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let consents: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "consents")
        .map(|(_, v)| v.as_str())
        .collect();
    let texts = vec![
        get("kind"),
        get("applicant.first_name"),
        get("applicant.last_name"),
        get("applicant.email"),
        get("applicant.birth_date"),
        get("applicant.phone"),
        get("applicant.language"),
        get("applicant.iban"),
        get("applicant.address.street"),
        get("applicant.address.postal_code"),
        get("applicant.address.city"),
        get("applicant.address.country"),
        get("share_type"),
        String::new(),
        consents.join(","),
        get("form_token"),
        serde_json::to_string(&pairs).unwrap_or_default(),
    ];
    let quantity = get("quantity").parse().unwrap_or(0);
    match insert(&pool, Row(texts, quantity)).await {
        Ok(()) => (StatusCode::SEE_OTHER, [("location", "/thanks")]).into_response(),
        Err(error) => failed(error),
    }
}

async fn api(State(pool): State<Pool>, Json(input): Json<ApplicationInput>) -> Response {
    let submitted = serde_json::to_string(&input).unwrap_or_default();
    let coopshares_domain::application::ApplicantInput::Person(person) = input.applicant else {
        return StatusCode::UNPROCESSABLE_ENTITY.into_response();
    };
    let quantity = match input.quantity {
        coopshares_domain::application::QuantityInput::Number(n) => n,
        coopshares_domain::application::QuantityInput::Text(t) => t.parse().unwrap_or(0),
    };
    let texts = vec![
        "person".to_owned(),
        person.first_name,
        person.last_name,
        person.email,
        person.birth_date,
        person.phone,
        person.language,
        person.iban,
        person.address.street,
        person.address.postal_code,
        person.address.city,
        person.address.country,
        input.share_type,
        String::new(),
        input.consents.join(","),
        // Unique per row, as an idempotency key would be.
        crate::random_token(),
        submitted,
    ];
    match insert(&pool, Row(texts, quantity)).await {
        Ok(()) => StatusCode::CREATED.into_response(),
        Err(error) => failed(error),
    }
}
