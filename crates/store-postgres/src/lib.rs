//! The PostgreSQL storage adapter, for production.
//!
//! Transactions run at READ COMMITTED. Concurrent writers to the same row queue on its row lock;
//! a versioned update whose version moved meanwhile changes nothing and reports a conflict.
//! Serialization failures and deadlocks are reported as conflicts too, so a caller may retry.
//!
//! Depends on `app` for the port traits; nothing outside `cli` and the tests names this crate.

mod accounts;
mod banking;
mod capital;
mod contacts;
mod error;
mod members;
mod outbox;
mod requests;
mod share_types;
mod token_cache;
mod tx;

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use coopshares_app::ports::{ApiTokenRecord, Store, StoreError, StoreTx};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool};
use token_cache::TokenCache;

pub use contacts::CONTACT_SEARCH_CANDIDATES;
pub use error::OpenError;

const CONNECTIONS: u32 = 10;

/// Write transactions the intake writer runs at once (see `concurrent_writers`).
const WRITERS: usize = 2;

/// A Coopshares database on a PostgreSQL server.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    /// The live API tokens, shared by the store's clones (`token_cache`).
    tokens: Arc<TokenCache>,
}

/// The pool only: the cached tokens (hashes of secrets) have no place in a log.
impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("pool", &self.pool)
            .finish_non_exhaustive()
    }
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
        Ok(Self {
            pool,
            tokens: Arc::new(TokenCache::new()),
        })
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
        self.tokens.stop();
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for PgStore {
    /// Two: one batch is written while the next one gathers, and each batch is large enough
    /// for its multi-row statements to pay. Measured with the intake benchmark (16
    /// connections, form): 1 writer 3,560–3,847 submissions/s, 2 writers 3,532–3,736, 5
    /// writers (half the pool, as before) 3,112–3,444.
    fn concurrent_writers(&self) -> usize {
        WRITERS
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.pool.acquire().await.map_err(error::map)?;
        conn.ping().await.map_err(error::map)?;
        Ok(())
    }

    /// Brings the contact search up to date (migration 0015): the contacts named in
    /// `contact_search_queue` are written to `contact_search` with their present name and
    /// email, and leave the queue, in one statement. Only when there were none (a quiet
    /// moment) are the pending lists of its trigram indexes merged into them as well. While
    /// contacts keep coming, a pending list is merged by this same statement once it is full
    /// (`gin_pending_list_limit`, 4 MB), still in the background since no submission writes
    /// to these indexes: fewer, larger merges write less log per contact (see the
    /// `housekeeping` module). A search reads at most the 4 MB still pending, a few
    /// milliseconds. Skips an index the server could not create (no `pg_trgm`). One upkeep
    /// at a time: when several servers share the database, the others skip their turn
    /// instead of waiting for (or deadlocking with) the one at work.
    async fn tidy(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await.map_err(error::map)?;
        let ours: bool =
            sqlx::query_scalar("SELECT pg_try_advisory_xact_lock(hashtext('coopshares tidy'))")
                .fetch_one(&mut *tx)
                .await
                .map_err(error::map)?;
        if ours {
            let indexed = sqlx::query(
                "WITH queued AS (DELETE FROM contact_search_queue RETURNING contact_id)
                 INSERT INTO contact_search (contact_id, search_name, email)
                 SELECT id, search_name, email FROM contacts
                 WHERE id IN (SELECT contact_id FROM queued)
                 ON CONFLICT (contact_id) DO UPDATE
                 SET search_name = EXCLUDED.search_name, email = EXCLUDED.email",
            )
            .execute(&mut *tx)
            .await
            .map_err(error::map)?
            .rows_affected();
            if indexed == 0 {
                sqlx::query(
                    "SELECT gin_clean_pending_list(index) FROM (VALUES
                     (to_regclass('contact_search_name_trgm')),
                     (to_regclass('contact_search_email_trgm'))) AS indexes (index)
                     WHERE index IS NOT NULL",
                )
                .execute(&mut *tx)
                .await
                .map_err(error::map)?;
            }
        }
        tx.commit().await.map_err(error::map)?;
        Ok(())
    }

    async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        let tx = self.pool.begin().await.map_err(error::map)?;
        Ok(Box::new(tx::PgTx::new(tx, self.tokens.clone())))
    }

    async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError> {
        // Read-only from its first statement: one round trip less than BEGIN, then SET
        // TRANSACTION (an API call authenticates through one of these).
        let tx = self
            .pool
            .begin_with("BEGIN READ ONLY")
            .await
            .map_err(error::map)?;
        Ok(Box::new(tx::PgTx::new(tx, self.tokens.clone())))
    }

    /// From memory while the token listener listens (`token_cache`); otherwise one statement
    /// on the pool instead of a read transaction (BEGIN, SELECT, COMMIT).
    async fn find_api_token(
        &self,
        secret_hash: &str,
    ) -> Result<Option<ApiTokenRecord>, StoreError> {
        let ticket = match self.tokens.get(secret_hash) {
            Ok(token) => return Ok(Some(token)),
            Err(ticket) => ticket,
        };
        self.tokens.start_listener(&self.pool.connect_options());
        let found = tx::find_api_token_in(&self.pool, secret_hash).await?;
        if let Some(token) = &found {
            self.tokens.keep(ticket, secret_hash, token);
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use coopshares_app::clock::SystemClock;
    use coopshares_app::error::AppError;
    use coopshares_app::ports::Actor;
    use coopshares_app::secrets::hash_token;
    use coopshares_app::tokens;
    use coopshares_domain::user::ApiRole;

    use super::*;

    /// A freshly migrated schema of its own on the test server, or `None` (skip) when no
    /// server is configured.
    async fn migrated_schema(prefix: &str) -> Option<PgStore> {
        let Ok(url) = std::env::var("COOPSHARES_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("COOPSHARES_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "COOPSHARES_REQUIRE_POSTGRES=1 but COOPSHARES_TEST_POSTGRES_URL is not set"
            );
            eprintln!("skipped: COOPSHARES_TEST_POSTGRES_URL is not set");
            return None;
        };
        let schema = format!("{prefix}_{}", std::process::id());
        let admin = PgStore::open(&url).await.unwrap();
        for statement in [
            format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
            format!("CREATE SCHEMA {schema}"),
        ] {
            sqlx::query(&statement).execute(&admin.pool).await.unwrap();
        }
        admin.close().await;
        let options = PgConnectOptions::from_str(&url)
            .unwrap()
            .options([("search_path", schema.as_str())]);
        let store = PgStore::open_with(options).await.unwrap();
        store.migrate().await.unwrap();
        Some(store)
    }

    /// Runs each statement and expects the append-only trigger to refuse it.
    async fn assert_refused(store: &PgStore, statements: &[&str]) {
        for statement in statements {
            let error = sqlx::query(statement)
                .execute(&store.pool)
                .await
                .unwrap_err();
            assert!(
                error.to_string().contains("append-only"),
                "{statement}: {error}"
            );
        }
    }

    /// The store offers no update or delete of audit rows; this shows the database itself
    /// refuses them too (and TRUNCATE), should anyone reach it with raw SQL.
    #[tokio::test]
    async fn the_audit_log_refuses_updates_deletes_and_truncate() {
        let Some(store) = migrated_schema("audit").await else {
            return;
        };
        sqlx::query(
            "INSERT INTO audit_log (at, actor, action, record_type, record_id, details)
             VALUES (now(), 'operator', 'x', 'y', '1', '{}')",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        assert_refused(
            &store,
            &[
                "UPDATE audit_log SET action = 'z'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
            ],
        )
        .await;
        let count: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'x'")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(count, 1);
    }

    /// The ledger is append-only in the database too: a correction is a reversing entry,
    /// never an edit, whoever reaches the database.
    #[tokio::test]
    async fn journal_entries_and_lines_refuse_updates_deletes_and_truncate() {
        let Some(store) = migrated_schema("ledger").await else {
            return;
        };
        sqlx::query(
            "WITH entry AS (
                 INSERT INTO journal_entries (journal, entry_date, currency, kind, created_at)
                 VALUES ('SUB', '2026-01-01', 'EUR', 'capital_call', now()) RETURNING id
             )
             INSERT INTO journal_lines (entry_id, line_no, account, side, amount_minor, label)
             SELECT id, 1, '410', 'debit', 100, 'x' FROM entry
             UNION ALL SELECT id, 2, '100', 'credit', 100, 'x' FROM entry",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        // TRUNCATE of the entries alone stops at the foreign keys of the lines and the
        // payments before any trigger; with them (or CASCADE) it reaches the trigger.
        assert_refused(
            &store,
            &[
                "UPDATE journal_entries SET journal = 'BANK'",
                "DELETE FROM journal_entries",
                "TRUNCATE journal_entries, journal_lines, payments",
                "TRUNCATE journal_entries CASCADE",
                "UPDATE journal_lines SET amount_minor = 1",
                "DELETE FROM journal_lines",
                "TRUNCATE journal_lines",
            ],
        )
        .await;
        let kept: (String, i64, i64) = sqlx::query_as(
            "SELECT e.journal, count(*), sum(l.amount_minor)::BIGINT
             FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id GROUP BY e.id",
        )
        .fetch_one(&store.pool)
        .await
        .unwrap();
        assert_eq!(kept, ("SUB".to_owned(), 2, 200));
    }

    /// The share register is append-only in the database too: a correction is a new
    /// movement, never an edit, whoever reaches the database.
    #[tokio::test]
    async fn register_movements_refuse_updates_deletes_and_truncate() {
        let Some(store) = migrated_schema("register").await else {
            return;
        };
        sqlx::query(
            "WITH share_type AS (
                 INSERT INTO share_types (code, nominal_value_minor, currency, for_persons,
                     for_entities, min_quantity, on_public_form, retired, version, created_at,
                     updated_at)
                 VALUES ('A', 5000, 'EUR', true, true, 1, true, false, 1, now(), now())
                 RETURNING id
             ), holder AS (
                 INSERT INTO contacts (kind, display_name, search_name, first_name, last_name,
                     email, street, postal_code, city, country, language, version, created_at,
                     updated_at)
                 VALUES ('person', 'Ann Peeters', 'ann peeters', 'Ann', 'Peeters',
                     'ann@example.org', 'Rue 1', '1000', 'Bruxelles', 'BE', 'fr', 1, now(),
                     now())
                 RETURNING id
             )
             INSERT INTO register_movements (movement_date, kind, share_type_id, quantity,
                 unit_value_minor, currency, holder_id, recorded_at)
             SELECT DATE '2026-01-01', 'issue', share_type.id, 4, 5000, 'EUR', holder.id, now()
             FROM share_type, holder",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        assert_refused(
            &store,
            &[
                "UPDATE register_movements SET quantity = 1",
                "DELETE FROM register_movements",
                "TRUNCATE register_movements",
            ],
        )
        .await;
        let kept: (i64, i64) =
            sqlx::query_as("SELECT count(*), sum(quantity)::BIGINT FROM register_movements")
                .fetch_one(&store.pool)
                .await
                .unwrap();
        assert_eq!(kept, (1, 4));
    }

    /// A second store on the same schema: what another server, or the command line in
    /// another process, holds.
    async fn another_process(store: &PgStore) -> PgStore {
        PgStore::open_with((*store.pool.connect_options()).clone())
            .await
            .unwrap()
    }

    /// Checks `done` every 10 ms for up to ten seconds; whether it came true.
    async fn eventually(mut done: impl AsyncFnMut() -> bool) -> bool {
        for _ in 0..1_000 {
            if done().await {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        false
    }

    /// Whether `store` accepts the token with this secret.
    async fn accepts(store: &PgStore, secret: &str) -> bool {
        match tokens::authenticate(store, secret).await {
            Ok(_) => true,
            Err(AppError::Unauthorized) => false,
            Err(other) => panic!("authenticating failed: {other}"),
        }
    }

    /// Whether `store` serves the token with this secret from memory.
    fn cached(store: &PgStore, secret: &str) -> bool {
        store.tokens.get(&hash_token(secret)).is_ok()
    }

    /// Whether `store`, asked again and again for up to ten seconds, comes to accept the token
    /// with this secret from memory (once its listener listens).
    async fn comes_to_serve_from_memory(store: &PgStore, secret: &str) -> bool {
        eventually(async || accepts(store, secret).await && cached(store, secret)).await
    }

    async fn revoke(store: &PgStore, token: &tokens::CreatedToken) {
        tokens::revoke_api_token(store, &SystemClock, &Actor::Operator, token.record.id)
            .await
            .unwrap();
    }

    async fn new_token(store: &PgStore, name: &str) -> tokens::CreatedToken {
        tokens::create_api_token(store, &SystemClock, &Actor::Operator, name, ApiRole::Intake)
            .await
            .unwrap()
    }

    /// Fails when the cache is never used (the first wait), when a change committed by another
    /// process does not empty it (the revoked token would be accepted from memory for good),
    /// or when a revocation by this process is not seen at its commit.
    #[tokio::test]
    async fn a_token_revoked_anywhere_is_refused_though_the_live_ones_are_cached() {
        let Some(server) = migrated_schema("tokens_notify").await else {
            return;
        };
        let command_line = another_process(&server).await;
        let [revoked, kept, revoked_here] = [
            new_token(&server, "website").await,
            new_token(&server, "crm").await,
            new_token(&server, "old site").await,
        ];
        for token in [&revoked, &kept, &revoked_here] {
            assert!(
                comes_to_serve_from_memory(&server, &token.secret).await,
                "{} never served from memory",
                token.record.name
            );
        }

        revoke(&command_line, &revoked).await;
        assert!(
            eventually(async || !accepts(&server, &revoked.secret).await).await,
            "a token revoked by another process is still accepted"
        );
        assert!(accepts(&server, &kept.secret).await);
        assert!(!cached(&server, &revoked.secret));

        // The notification emptied the cache; served from memory again first.
        assert!(comes_to_serve_from_memory(&server, &revoked_here.secret).await);
        revoke(&server, &revoked_here).await;
        assert!(
            !accepts(&server, &revoked_here.secret).await,
            "a token revoked by this process is accepted after the revocation committed"
        );
        command_line.close().await;
        server.close().await;
    }

    /// A TCP relay to the test server that the test can cut: what a network fault does to
    /// the connections that cross it.
    struct Relay {
        port: u16,
        open: Arc<std::sync::atomic::AtomicBool>,
        links: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    }

    impl Relay {
        async fn to(upstream: &PgConnectOptions) -> Relay {
            let upstream = format!("{}:{}", upstream.get_host(), upstream.get_port());
            let entry = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let relay = Relay {
                port: entry.local_addr().unwrap().port(),
                open: Arc::new(std::sync::atomic::AtomicBool::new(true)),
                links: Arc::default(),
            };
            let (open, links) = (relay.open.clone(), relay.links.clone());
            tokio::spawn(async move {
                while let Ok((mut inbound, _)) = entry.accept().await {
                    if !open.load(std::sync::atomic::Ordering::SeqCst) {
                        continue; // refused: dropped at once
                    }
                    let upstream = upstream.clone();
                    links.lock().unwrap().push(tokio::spawn(async move {
                        let mut outbound = tokio::net::TcpStream::connect(upstream).await.unwrap();
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }));
                }
            });
            relay
        }

        /// Drops every connection through the relay and refuses new ones until `mend`.
        fn cut(&self) {
            self.open.store(false, std::sync::atomic::Ordering::SeqCst);
            for link in self.links.lock().unwrap().drain(..) {
                link.abort();
            }
        }

        fn mend(&self) {
            self.open.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    /// The listener's connection is cut (a network fault; it crosses a relay the test
    /// controls) and, while it cannot connect again, the token is revoked: the revocation's
    /// notification never reaches this server, which must stop serving from memory as soon as
    /// it sees the connection gone, and serve again, from an empty cache, once listening
    /// again. Fails when a lost connection leaves the cache serving (as sqlx's own quiet
    /// reconnection, or ignoring the loss, would), or when the listener never comes back.
    #[tokio::test]
    async fn a_token_revoked_while_the_listener_is_cut_off_is_refused() {
        let Some(server) = migrated_schema("tokens_cut").await else {
            return;
        };
        let options = (*server.pool.connect_options()).clone();
        let relay = Relay::to(&options).await;
        // The listener starts once: through the relay, before any look-up starts it direct.
        server
            .tokens
            .start_listener(&options.clone().host("127.0.0.1").port(relay.port));
        let command_line = another_process(&server).await;
        let [revoked, kept] = [
            new_token(&server, "website").await,
            new_token(&server, "crm").await,
        ];
        assert!(comes_to_serve_from_memory(&server, &revoked.secret).await);

        relay.cut();
        revoke(&command_line, &revoked).await;
        assert!(
            eventually(async || !accepts(&server, &revoked.secret).await).await,
            "a token revoked while the listener was cut off is still accepted"
        );
        assert!(accepts(&server, &kept.secret).await);
        assert!(
            !cached(&server, &kept.secret),
            "served from memory while not listening"
        );

        relay.mend();
        assert!(
            comes_to_serve_from_memory(&server, &kept.secret).await,
            "the listener did not come back"
        );
        assert!(!accepts(&server, &revoked.secret).await);
        command_line.close().await;
        server.close().await;
    }
}
