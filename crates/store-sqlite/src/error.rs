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

/// How SQLite starts the message of a broken uniqueness rule; the columns follow.
const UNIQUE_FAILED: &str = "UNIQUE constraint failed: ";

/// The uniqueness rules the port names, by the columns SQLite reports for them (it gives no
/// constraint name). Any other rule is reported with SQLite's message.
const UNIQUE_RULES: &[(&str, &str)] = &[
    ("capital_calls.request_id", "capital_call_request"),
    (
        "capital_calls.year, capital_calls.sequence",
        "capital_call_number",
    ),
    ("capital_calls.payment_reference", "payment_reference"),
    ("journal_entries.reverses_id", "journal_entry_reversal"),
    ("contacts.member_number", "member_number"),
    ("users.contact_id", "user_contact"),
    ("users.email", "user_email"),
    ("certificates.number", "certificate_number"),
    ("bank_statements.file_hash", "bank_statement_file"),
    ("payments.entry_id", "payment_entry"),
    (
        "register_movements.capital_call_id",
        "register_capital_call",
    ),
];

/// The port's name of the uniqueness rule a message reports, or the message itself.
fn unique_rule(message: &str) -> String {
    message
        .strip_prefix(UNIQUE_FAILED)
        .and_then(|columns| {
            UNIQUE_RULES
                .iter()
                .find(|(reported, _)| *reported == columns)
        })
        .map_or_else(|| message.to_owned(), |(_, rule)| (*rule).to_owned())
}

pub(crate) fn map(error: sqlx::Error) -> StoreError {
    match error {
        sqlx::Error::Database(db) => {
            if db.is_unique_violation() {
                return StoreError::Duplicate(unique_rule(db.message()));
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

/// Values as a JSON array, the way a list travels to SQLite (which has no array parameter):
/// the query reads it back with `json_each`.
pub(crate) fn json_array<V: Into<serde_json::Value>>(
    values: impl IntoIterator<Item = V>,
) -> String {
    serde_json::Value::from_iter(values).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_the_port_names_are_recognised_and_others_keep_sqlites_message() {
        assert_eq!(
            unique_rule("UNIQUE constraint failed: capital_calls.year, capital_calls.sequence"),
            "capital_call_number"
        );
        assert_eq!(
            unique_rule("UNIQUE constraint failed: users.contact_id"),
            "user_contact"
        );
        assert_eq!(
            unique_rule("UNIQUE constraint failed: users.email"),
            "user_email"
        );
        assert_eq!(
            unique_rule("UNIQUE constraint failed: sequences.name, sequences.scope"),
            "UNIQUE constraint failed: sequences.name, sequences.scope"
        );
    }
}
