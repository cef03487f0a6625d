//! Opening the configured database: the one place that names the storage adapters.

use std::sync::Arc;

use coopshares_app::ports::Store;
use coopshares_store_postgres::PgStore;
use coopshares_store_sqlite::SqliteStore;

use crate::config::{Backend, Config, ConfigError, DATABASE_URL};

/// Opens the database and brings its schema up to date.
pub async fn open_migrated(config: &Config) -> Result<Arc<dyn Store>, ConfigError> {
    let url = config.database_url.as_str();
    let fail = |reason: String| ConfigError::new(DATABASE_URL, url, reason);
    match config.backend {
        Backend::Sqlite => {
            let store = SqliteStore::open(url)
                .await
                .map_err(|e| fail(e.to_string()))?;
            store.migrate().await.map_err(|e| fail(e.to_string()))?;
            Ok(Arc::new(store))
        }
        Backend::Postgres => {
            let store = PgStore::open(url).await.map_err(|e| fail(e.to_string()))?;
            store.migrate().await.map_err(|e| fail(e.to_string()))?;
            Ok(Arc::new(store))
        }
    }
}
