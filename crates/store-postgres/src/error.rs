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

/// The uniqueness rules the port names, by the constraint (or unique index) that enforces
/// them. Any other rule is reported with its constraint name.
const UNIQUE_RULES: &[(&str, &str)] = &[
    ("capital_calls_request_id_key", "capital_call_request"),
    ("capital_calls_year_sequence_key", "capital_call_number"),
    ("capital_calls_payment_reference_key", "payment_reference"),
    ("journal_entries_reverses_id_key", "journal_entry_reversal"),
    ("contacts_member_number_key", "member_number"),
    ("users_contact_id_key", "user_contact"),
    ("users_email_key", "user_email"),
    ("certificates_number_key", "certificate_number"),
    ("bank_statements_file_hash_key", "bank_statement_file"),
    ("payments_entry_id_key", "payment_entry"),
    (
        "register_movements_capital_call_id_key",
        "register_capital_call",
    ),
];

/// The port's name of the rule behind `constraint`, or the constraint's own name.
fn unique_rule(constraint: &str) -> String {
    UNIQUE_RULES
        .iter()
        .find(|(name, _)| *name == constraint)
        .map_or_else(|| constraint.to_owned(), |(_, rule)| (*rule).to_owned())
}

pub(crate) fn map(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                let rule = db
                    .constraint()
                    .map_or_else(|| db.message().to_owned(), unique_rule);
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

/// `Conflict` on the first of `wanted` that a batch update left alone (changed meanwhile, or
/// gone), unless it updated every one of them (`updated`, as returned).
pub(crate) fn check_batch_update(
    entity: &'static str,
    wanted: &[i64],
    updated: &[i64],
) -> Result<(), StoreError> {
    if updated.len() == wanted.len() {
        return Ok(());
    }
    let updated: std::collections::HashSet<i64> = updated.iter().copied().collect();
    // Each was updated only if one was given twice: name the first then.
    let id = wanted
        .iter()
        .find(|id| !updated.contains(id))
        .or_else(|| wanted.first())
        .map_or_else(String::new, ToString::to_string);
    Err(StoreError::Conflict { entity, id })
}
