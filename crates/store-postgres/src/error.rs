//! Turning PostgreSQL's errors into the port's terms.

use coopshares_app::ports::StoreError;

/// Why the database could not be reached or brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("not a valid PostgreSQL URL: {0}")]
    InvalidUrl(String),
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot apply the migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

// SQLSTATE codes, PostgreSQL appendix A.
const SERIALIZATION_FAILURE: &str = "40001";
const DEADLOCK_DETECTED: &str = "40P01";
const LOCK_NOT_AVAILABLE: &str = "55P03";

pub(crate) fn map(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                let rule = db.constraint().unwrap_or(db.message()).to_owned();
                return StoreError::Duplicate(rule);
            }
            if matches!(
                db.code().as_deref(),
                Some(SERIALIZATION_FAILURE | DEADLOCK_DETECTED | LOCK_NOT_AVAILABLE)
            ) {
                return StoreError::Conflict {
                    entity: "database",
                    id: "lock".to_owned(),
                };
            }
            StoreError::Other(Box::new(sqlx::Error::Database(db)))
        }
        e @ (sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
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
