//! Turning SQLite's errors into the port's terms.

use coopshares_app::ports::StoreError;

/// Why the database could not be opened or brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("not a valid SQLite URL: {0}")]
    InvalidUrl(String),
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot apply the migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

// SQLite primary result codes (the low byte of an extended code).
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;

pub(crate) fn map(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                let rule = db.constraint().unwrap_or(db.message()).to_owned();
                return StoreError::Duplicate(rule);
            }
            let primary = db
                .code()
                .and_then(|code| code.parse::<i64>().ok())
                .map(|code| code & 0xff);
            if matches!(primary, Some(SQLITE_BUSY | SQLITE_LOCKED)) {
                return StoreError::Conflict {
                    entity: "database",
                    id: "lock".to_owned(),
                };
            }
            StoreError::Other(Box::new(sqlx::Error::Database(db)))
        }
        e @ (sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed) => StoreError::Unavailable(Box::new(e)),
        other => StoreError::Other(Box::new(other)),
    }
}

/// A stored value that the domain refuses: the database was edited by hand or is corrupt.
pub(crate) fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Other(format!("stored {what} {value:?} is not valid").into())
}
