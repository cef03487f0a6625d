//! The SQLite storage adapter: the default database, one file, nothing to install.
//!
//! One writer connection and a small pool of read-only connections. SQLite lets one transaction
//! write at a time anyway; funnelling writes through one connection makes writers queue in the
//! pool instead of failing with `SQLITE_BUSY`, while readers never wait (WAL). `synchronous=FULL`
//! because this file holds a legal register: a committed transaction survives a power cut.
//!
//! Depends on `app` for the port traits; nothing outside `cli` and the tests names this crate.

mod accounts;
mod banking;
mod capital;
mod columns;
mod contacts;
mod error;
mod members;
mod outbox;
mod requests;
mod share_types;
mod time;
mod tx;

use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use coopshares_app::ports::{Store, StoreError, StoreTx};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqlitePool};

pub use contacts::CONTACT_SEARCH_CANDIDATES;
pub use error::OpenError;

const READERS: u32 = 4;

/// Rows a query's worker thread may hand over before the reading task takes them: a page or a
/// batch (`ROWS_PER_BATCH`), so that one is read without a pause.
const ROW_BUFFER: usize = 1_024;

/// A Coopshares database in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    writer: SqlitePool,
    reader: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `url` (`sqlite://coopshares.db`,
    /// `sqlite:///var/lib/coopshares/data.db`). Does not run migrations.
    pub async fn open(url: &str) -> Result<Self, OpenError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| OpenError::InvalidUrl(e.to_string()))?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // The worker thread runs ahead of the task reading the rows by this many: with
            // sqlx's 50, a page of the register or a batch of the import stops the worker
            // every 50 rows until the task catches up, two thread switches each time.
            .row_buffer_size(ROW_BUFFER);
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options.clone().create_if_missing(true))
            .await
            .map_err(OpenError::Connect)?;
        let reader = SqlitePoolOptions::new()
            .max_connections(READERS)
            .connect_with(options.read_only(true))
            .await
            .map_err(OpenError::Connect)?;
        Ok(Self { writer, reader })
    }

    /// Brings the schema up to date. Safe to run at every start.
    pub async fn migrate(&self) -> Result<(), OpenError> {
        sqlx::migrate!("./migrations")
            .run(&self.writer)
            .await
            .map_err(OpenError::Migrate)
    }

    /// Closes every connection, checkpointing the WAL.
    pub async fn close(&self) {
        self.reader.close().await;
        self.writer.close().await;
    }
}

#[async_trait]
impl Store for SqliteStore {
    /// One writer connection: SQLite writes one transaction at a time.
    fn concurrent_writers(&self) -> usize {
        1
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.reader.acquire().await.map_err(error::map)?;
        conn.ping().await.map_err(error::map)?;
        sqlx::query("SELECT 1")
            .execute(&mut *conn)
            .await
            .map_err(error::map)?;
        Ok(())
    }

    async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        let tx = self.writer.begin().await.map_err(error::map)?;
        Ok(Box::new(tx::SqliteTx::new(tx)))
    }

    async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        let tx = self.reader.begin().await.map_err(error::map)?;
        Ok(Box::new(tx::SqliteTx::new(tx)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The store offers no update or delete of audit rows; this shows the database itself
    /// refuses them too, should anyone reach the file with raw SQL.
    #[tokio::test]
    async fn the_audit_log_refuses_updates_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("a.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, record_type, record_id, details)
             VALUES ('2026-01-01T00:00:00Z', 'operator', 'x', 'y', '1', '{}')",
        )
        .execute(&store.writer)
        .await
        .unwrap();
        for statement in ["UPDATE audit_log SET action = 'z'", "DELETE FROM audit_log"] {
            let error = sqlx::query(statement)
                .execute(&store.writer)
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("append-only"),
                "{statement}: {error}"
            );
        }
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'x'")
            .fetch_one(&store.writer)
            .await
            .unwrap();
        assert_eq!(count, 1);
    }

    /// The ledger is append-only in the database too: a correction is a reversing entry,
    /// never an edit, whoever holds the file.
    #[tokio::test]
    async fn journal_entries_and_lines_refuse_updates_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("l.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let entry: i64 = sqlx::query_scalar(
            "INSERT INTO journal_entries (journal, entry_date, currency, kind, created_at)
             VALUES ('SUB', '2026-01-01', 'EUR', 'capital_call', '2026-01-01T00:00:00.000000Z')
             RETURNING id",
        )
        .fetch_one(&store.writer)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO journal_lines (entry_id, line_no, account, side, amount_minor, label)
             VALUES (?1, 1, '410', 'debit', 100, 'x'), (?1, 2, '100', 'credit', 100, 'x')",
        )
        .bind(entry)
        .execute(&store.writer)
        .await
        .unwrap();
        for statement in [
            "UPDATE journal_entries SET journal = 'BANK'",
            "DELETE FROM journal_entries",
            "UPDATE journal_lines SET amount_minor = 1",
            "DELETE FROM journal_lines",
        ] {
            let error = sqlx::query(statement)
                .execute(&store.writer)
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("append-only"),
                "{statement}: {error}"
            );
        }
        let kept: (String, i64, i64) = sqlx::query_as(
            "SELECT e.journal, count(*), sum(l.amount_minor)
             FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id GROUP BY e.id",
        )
        .fetch_one(&store.writer)
        .await
        .unwrap();
        assert_eq!(kept, ("SUB".to_owned(), 2, 200));
    }

    #[tokio::test]
    async fn register_movements_refuse_updates_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("r.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let share_type: i64 = sqlx::query_scalar(
            "INSERT INTO share_types (code, nominal_value_minor, currency, for_persons,
                 for_entities, min_quantity, on_public_form, retired, version, created_at,
                 updated_at)
             VALUES ('A', 5000, 'EUR', 1, 1, 1, 1, 0, 1, '2026-01-01T00:00:00.000000Z',
                 '2026-01-01T00:00:00.000000Z')
             RETURNING id",
        )
        .fetch_one(&store.writer)
        .await
        .unwrap();
        let holder: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name, email,
                 street, postal_code, city, country, language, version, created_at, updated_at)
             VALUES ('person', 'Ann Peeters', 'ann peeters', 'Ann', 'Peeters', 'ann@example.org',
                 'Rue 1', '1000', 'Bruxelles', 'BE', 'fr', 1, '2026-01-01T00:00:00.000000Z',
                 '2026-01-01T00:00:00.000000Z')
             RETURNING id",
        )
        .fetch_one(&store.writer)
        .await
        .unwrap();
        sqlx::query(
            "INSERT INTO register_movements (movement_date, kind, share_type_id, quantity,
                 unit_value_minor, currency, holder_id, recorded_at)
             VALUES ('2026-01-01', 'issue', ?1, 4, 5000, 'EUR', ?2, '2026-01-01T00:00:00.000000Z')",
        )
        .bind(share_type)
        .bind(holder)
        .execute(&store.writer)
        .await
        .unwrap();
        for statement in [
            "UPDATE register_movements SET quantity = 1",
            "DELETE FROM register_movements",
        ] {
            let error = sqlx::query(statement)
                .execute(&store.writer)
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("append-only"),
                "{statement}: {error}"
            );
        }
        let kept: (i64, i64) =
            sqlx::query_as("SELECT count(*), sum(quantity) FROM register_movements")
                .fetch_one(&store.writer)
                .await
                .unwrap();
        assert_eq!(kept, (1, 4));
    }

    /// A thousand entries of eight lines make more lines than one statement can bind: they
    /// go in several, and every entry still gets its own lines, numbered from 1, and its id in
    /// the order given.
    #[tokio::test]
    async fn a_batch_of_entries_with_more_lines_than_one_statement_binds_is_posted_whole() {
        use ::time::macros::{date, datetime};
        use coopshares_app::ports::{EntryKind, NewJournalEntry, ROWS_PER_BATCH};
        use coopshares_domain::ledger::{AccountCode, EntryLine, JournalCode, JournalEntry};
        use coopshares_domain::money::Money;

        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("j.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let eur = |minor| Money::from_minor(minor, coopshares_domain::money::Currency::EUR);
        let entries: Vec<NewJournalEntry> = (1..=i64::try_from(ROWS_PER_BATCH).unwrap())
            .map(|i| {
                let lines = (0..4)
                    .flat_map(|_| {
                        [
                            EntryLine::debit(AccountCode::parse("550").unwrap(), eur(i), "in"),
                            EntryLine::credit(AccountCode::parse("410").unwrap(), eur(i), "in"),
                        ]
                    })
                    .collect();
                NewJournalEntry {
                    entry: JournalEntry::new(date!(2026 - 03 - 01), JournalCode::bank(), lines)
                        .unwrap(),
                    kind: EntryKind::Payment,
                    capital_call: None,
                    contact: None,
                    reverses: None,
                    created_at: datetime!(2026-03-01 09:00 UTC),
                }
            })
            .collect();
        assert!(entries.len() * 8 > tx::rows_per_statement(6));

        let mut tx = store.begin().await.unwrap();
        let ids = tx.post_journal_entries(&entries).await.unwrap();
        tx.commit().await.unwrap();

        let stored: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT entry_id, count(*), min(line_no), max(line_no)
             FROM journal_lines GROUP BY entry_id HAVING sum(amount_minor) = 8 * min(amount_minor)
                 AND min(amount_minor) = max(amount_minor)
             ORDER BY min(amount_minor)",
        )
        .fetch_all(&store.writer)
        .await
        .unwrap();
        let expected: Vec<(i64, i64, i64, i64)> =
            ids.iter().map(|id| (id.get(), 8, 1, 8)).collect();
        assert_eq!(stored, expected);
    }

    #[tokio::test]
    async fn asking_for_no_number_is_refused_and_takes_none() {
        use coopshares_app::ports::Sequence;

        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("n.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        assert!(matches!(
            tx.next_numbers(Sequence::Certificate, 0, 0).await,
            Err(StoreError::Other(_))
        ));
        assert_eq!(
            tx.next_numbers(Sequence::Certificate, 0, 3).await.unwrap(),
            1
        );
        assert_eq!(tx.next_number(Sequence::Certificate, 0).await.unwrap(), 4);
    }

    /// A batch names the record that made it fail: the first one left as it was or, when
    /// every one was changed, the one given twice (changed once, so the count falls short).
    #[tokio::test]
    async fn a_failed_batch_update_names_the_stale_or_repeated_record_and_changes_nothing() {
        use ::time::macros::{date, datetime};
        use coopshares_app::ports::MembershipChange;
        use coopshares_domain::ids::ContactId;
        use coopshares_domain::membership::MembershipStatus;

        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&format!("sqlite://{}", dir.path().join("m.db").display()))
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let mut ids = Vec::new();
        for name in ["ann", "bart"] {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name,
                     email, street, postal_code, city, country, language, version, created_at,
                     updated_at)
                 VALUES ('person', ?1, ?1, ?1, 'Peeters', ?1 || '@example.org', 'Rue 1', '1000',
                     'Bruxelles', 'BE', 'fr', 1, '2026-01-01T00:00:00.000000Z',
                     '2026-01-01T00:00:00.000000Z')
                 RETURNING id",
            )
            .bind(name)
            .fetch_one(&store.writer)
            .await
            .unwrap();
            ids.push(ContactId::new(id));
        }
        let change = |id, expected_version, member_number| MembershipChange {
            id,
            expected_version,
            membership: MembershipStatus::Cooperator,
            member_number: Some(member_number),
            member_since: Some(date!(2026 - 03 - 01)),
        };
        let at = datetime!(2026-03-01 09:00 UTC);
        for (batch, named) in [
            (vec![change(ids[0], 1, 1), change(ids[1], 2, 2)], ids[1]),
            (vec![change(ids[0], 1, 1), change(ids[0], 1, 1)], ids[0]),
        ] {
            let mut tx = store.begin().await.unwrap();
            match tx.set_memberships(&batch, at).await {
                Err(StoreError::Conflict { entity, id }) => {
                    assert_eq!((entity, id), ("contact", named.to_string()));
                }
                other => panic!("{other:?}"),
            }
        }
        let kept: Vec<(String, Option<i64>, i64)> =
            sqlx::query_as("SELECT membership, member_number, version FROM contacts ORDER BY id")
                .fetch_all(&store.writer)
                .await
                .unwrap();
        assert_eq!(kept, vec![("none".to_owned(), None, 1); 2]);
    }
}
