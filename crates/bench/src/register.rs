//! Workload `register` (issue #8): the member and share register of N members, each entered
//! by one `issue` movement (so N movements), exported as CSV through
//! `app::register::RegisterReader` (pages of `PAGE_CONTACTS` members, one read snapshot) and
//! as XLSX through `app::register::file`, in seconds and peak memory; next to a bare baseline in the same run: one streamed query over
//! the same rows joined to their contacts, formatting the same CSV lines. Then the latency
//! of what the back office asks the store for at that size: the register page (the totals,
//! then 100 members from a random place in the register) and a contact search (a name
//! fragment), p50 and p99 over repeated calls, each next to the same question asked the
//! simplest way in plain SQL on the same tables (two queries for the page, one `LIKE` for the
//! search).
//!
//! Set-up, untimed: a fresh store with share type A; N contacts (persons, members numbered
//! 1..=N) and N issue movements written by `INSERT … SELECT` from a generated sequence.

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::{Duration, Instant};

use coopshares_app::clock::SystemClock;
use coopshares_app::ports::Store;
use coopshares_app::register::{self, PAGE_CONTACTS, RegisterReader};
use coopshares_domain::ids::ContactId;
use futures_util::TryStreamExt;
use sqlx::Row;
use time::Date;

use crate::Backend;
use crate::baseline::Pool;

/// One timed figure.
#[derive(Debug, Clone, Copy)]
pub struct Export {
    pub elapsed: Duration,
    pub bytes: usize,
    pub peak_mib: Option<f64>,
}

/// p50 and p99 of repeated calls, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Latency {
    pub p50: f64,
    pub p99: f64,
}

fn latency(mut samples: Vec<Duration>) -> Latency {
    samples.sort_unstable();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    Latency {
        p50: at(0.5),
        p99: at(0.99),
    }
}

#[derive(Debug)]
pub struct Outcome {
    pub n: usize,
    pub setup: Duration,
    pub csv: Export,
    pub xlsx: Export,
    pub baseline: Export,
    pub page: Latency,
    pub search: Latency,
    /// The same two questions asked the simplest way, straight in SQL on the same tables.
    pub bare_page: Latency,
    pub bare_search: Latency,
}

async fn populate(pool: &Pool, n: usize) {
    let contacts = "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name,
             email, street, postal_code, city, country, language, membership, member_number,
             member_since, version, created_at, updated_at)
         SELECT 'person', 'Membre ' || i, 'membre ' || i, 'Membre', '' || i,
             'm' || i || '@bench.example', 'Rue ' || i, '1000', 'Bruxelles', 'BE', 'fr',
             'cooperator', i, DATE, 1, NOW, NOW
         FROM SEQ";
    let movements = "INSERT INTO register_movements (movement_date, kind, share_type_id,
             quantity, unit_value_minor, currency, holder_id, recorded_at)
         SELECT DATE, 'issue', (SELECT id FROM share_types WHERE code = 'A'), 1 + id % 7, 25000,
             'EUR', id, NOW FROM contacts";
    match pool {
        Pool::Sqlite(pool) => {
            let seq = format!(
                "(WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {n}) SELECT i FROM seq)"
            );
            let now = "'2026-01-01T00:00:00.000000Z'";
            for sql in [
                contacts
                    .replace("SEQ", &seq)
                    .replace("DATE", "'2026-01-01'")
                    .replace("NOW", now),
                movements
                    .replace("DATE", "'2026-01-01'")
                    .replace("NOW", now),
            ] {
                sqlx::query(&sql).execute(pool).await.unwrap();
            }
        }
        Pool::Postgres(pool) => {
            let seq = format!("generate_series(1, {n}) AS seq(i)");
            for sql in [
                contacts
                    .replace("SEQ", &seq)
                    .replace("DATE", "DATE '2026-01-01'")
                    .replace("NOW", "now()")
                    .replace("'' || i", "i::text"),
                movements
                    .replace("DATE", "DATE '2026-01-01'")
                    .replace("NOW", "now()"),
                // What the PostgreSQL store's transactions add as they append movements
                // (SQLite's trigger does it for the rows above).
                "INSERT INTO register_daily_totals (movement_date, share_type_id, quantity_change)
                 SELECT movement_date, share_type_id, SUM(quantity) FROM register_movements
                 GROUP BY movement_date, share_type_id"
                    .to_owned(),
            ] {
                sqlx::query(&sql).execute(pool).await.unwrap();
            }
        }
    }
}

/// The export as the CLI and the API run it, into a sink that counts bytes.
async fn export_csv(store: &dyn Store, as_of: Date) -> Export {
    crate::reset_peak_memory();
    let started = Instant::now();
    let mut reader = RegisterReader::open(store, as_of, None)
        .await
        .unwrap()
        .read_ahead(PAGE_CONTACTS);
    let mut bytes = register::csv::header(reader.share_types()).len();
    while let Some(rows) = reader.next_page().await.unwrap() {
        bytes += std::hint::black_box(register::csv::rows(reader.share_types(), &rows)).len();
    }
    Export {
        elapsed: started.elapsed(),
        bytes,
        peak_mib: crate::peak_memory_mib(),
    }
}

/// The export as an XLSX file through the documents adapter (constant-memory mode), written
/// out a chunk at a time as the web layer streams it (here into a counter).
async fn export_xlsx(store: &dyn Store, as_of: Date) -> Export {
    crate::reset_peak_memory();
    let started = Instant::now();
    let file = register::file(
        store,
        &coopshares_documents::PdfRenderer,
        as_of,
        coopshares_domain::language::Language::Fr,
        coopshares_app::documents::RegisterFormat::Xlsx,
    )
    .await
    .unwrap();
    let written = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let out = Counter(std::sync::Arc::clone(&written));
    tokio::task::spawn_blocking(move || file.write_to(Box::new(out)))
        .await
        .unwrap()
        .unwrap();
    let bytes = written.load(std::sync::atomic::Ordering::Relaxed);
    Export {
        elapsed: started.elapsed(),
        bytes,
        peak_mib: crate::peak_memory_mib(),
    }
}

/// Counts the bytes written to it, and keeps none.
struct Counter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl std::io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .fetch_add(bytes.len(), std::sync::atomic::Ordering::Relaxed);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The same lines from one streamed query, formatted by hand.
async fn export_baseline(pool: &Pool) -> Export {
    crate::reset_peak_memory();
    let started = Instant::now();
    let sql = "SELECT c.member_number, c.display_name, c.street, c.postal_code, c.city,
                      c.country, m.movement_date, m.quantity, m.unit_value_minor
               FROM register_movements m JOIN contacts c ON c.id = m.holder_id
               ORDER BY c.id, m.movement_date, m.id";
    let mut bytes = 0;
    let mut line = String::new();
    let mut format = |row: &dyn Fn(usize) -> String| {
        line.clear();
        for i in 0..9 {
            let _ = write!(line, "{},", row(i));
        }
        line.push('\n');
        bytes += std::hint::black_box(&line).len();
    };
    match pool {
        Pool::Sqlite(pool) => {
            let mut rows = sqlx::query(sql).fetch(pool);
            while let Some(row) = rows.try_next().await.unwrap() {
                format(&|i| match i {
                    1..=6 => row.get::<String, _>(i),
                    _ => row.get::<i64, _>(i).to_string(),
                });
            }
        }
        Pool::Postgres(pool) => {
            let mut rows = sqlx::query(sql).fetch(pool);
            while let Some(row) = rows.try_next().await.unwrap() {
                format(&|i| match i {
                    1..=5 => row.get::<String, _>(i),
                    6 => row.get::<Date, _>(i).to_string(),
                    _ => row.get::<i64, _>(i).to_string(),
                });
            }
        }
    }
    Export {
        elapsed: started.elapsed(),
        bytes,
        peak_mib: crate::peak_memory_mib(),
    }
}

pub async fn run(backend: &Backend, n: usize, samples: usize) -> Outcome {
    let started = Instant::now();
    let store: Arc<dyn Store> = crate::open_store(backend, "register").await;
    crate::create_share_type_a(store.as_ref(), &SystemClock).await;
    let pool = crate::validation::raw_pool(backend, "register").await;
    populate(&pool, n).await;
    // What the server's upkeep does within two seconds after contacts are written: on
    // PostgreSQL, indexes them for the contact search, then (nothing new) merges the
    // indexes' pending entries.
    store.tidy().await.unwrap();
    store.tidy().await.unwrap();
    if let Pool::Postgres(pool) = &pool {
        sqlx::query("ANALYZE").execute(pool).await.unwrap();
    }
    let setup = started.elapsed();
    let as_of = time::macros::date!(2026 - 12 - 31);

    let csv = export_csv(store.as_ref(), as_of).await;
    let xlsx = export_xlsx(store.as_ref(), as_of).await;
    let baseline = export_baseline(&pool).await;

    // The register page: totals, then 100 members after a random place.
    let mut seed = 0x9e37_79b9_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut page = Vec::with_capacity(samples);
    for _ in 0..samples {
        let after = ContactId::new(i64::try_from(next() % n as u64).unwrap());
        let started = Instant::now();
        let totals = register::totals(store.as_ref(), as_of).await.unwrap();
        let mut reader = RegisterReader::open(store.as_ref(), as_of, Some(after))
            .await
            .unwrap();
        let rows = reader.next_page(100).await.unwrap().unwrap_or_default();
        std::hint::black_box((totals, rows));
        page.push(started.elapsed());
    }
    // A contact search by a fragment of a name, as the back office's search box sends it.
    let mut search = Vec::with_capacity(samples);
    for _ in 0..samples {
        let fragment = format!("membre {}", next() % n as u64);
        let started = Instant::now();
        let mut tx = store.begin_read().await.unwrap();
        let found = tx.search_contacts(&fragment, 50, 0).await.unwrap();
        std::hint::black_box(found);
        drop(tx);
        search.push(started.elapsed());
    }
    // The baselines: the capital at the date and 100 members with their movements after a
    // random place, in two plain queries; and the fragment matched by a plain LIKE.
    let mut bare_page = Vec::with_capacity(samples);
    for _ in 0..samples {
        let after = i64::try_from(next() % n as u64).unwrap();
        let started = Instant::now();
        std::hint::black_box(bare_page_query(&pool, after, as_of).await);
        bare_page.push(started.elapsed());
    }
    let mut bare_search = Vec::with_capacity(samples);
    for _ in 0..samples {
        let pattern = format!("%membre {}%", next() % n as u64);
        let started = Instant::now();
        let found = match &pool {
            Pool::Sqlite(p) => sqlx::query(
                "SELECT id, display_name FROM contacts WHERE display_name LIKE ?1 LIMIT 50",
            )
            .bind(&pattern)
            .fetch_all(p)
            .await
            .unwrap()
            .len(),
            Pool::Postgres(p) => sqlx::query(
                "SELECT id, display_name FROM contacts WHERE display_name LIKE $1 LIMIT 50",
            )
            .bind(&pattern)
            .fetch_all(p)
            .await
            .unwrap()
            .len(),
        };
        std::hint::black_box(found);
        bare_search.push(started.elapsed());
    }
    Outcome {
        n,
        setup,
        csv,
        xlsx,
        baseline,
        page: latency(page),
        search: latency(search),
        bare_page: latency(bare_page),
        bare_search: latency(bare_search),
    }
}

/// The register page's two questions in plain SQL: the capital on `as_of`, and 100 members
/// after `after` with their movements up to that day. Returns the rows read.
async fn bare_page_query(pool: &Pool, after: i64, as_of: Date) -> usize {
    let total = "SELECT CAST(COALESCE(SUM(quantity * unit_value_minor), 0) AS BIGINT)
                 FROM register_movements WHERE movement_date <= $1";
    let members = "SELECT c.id, c.member_number, c.display_name, m.movement_date, m.quantity
                   FROM (SELECT id, member_number, display_name FROM contacts
                         WHERE id > $1 AND member_number IS NOT NULL ORDER BY id LIMIT 100) c
                   JOIN register_movements m ON m.holder_id = c.id AND m.movement_date <= $2
                   ORDER BY c.id, m.movement_date, m.id";
    match pool {
        Pool::Sqlite(p) => {
            // SQLite numbers its parameters ?1, ?2.
            let (total, members) = (total.replace('$', "?"), members.replace('$', "?"));
            let day = as_of.to_string();
            let sum: i64 = sqlx::query_scalar(&total)
                .bind(&day)
                .fetch_one(p)
                .await
                .unwrap();
            let rows = sqlx::query(&members)
                .bind(after)
                .bind(&day)
                .fetch_all(p)
                .await
                .unwrap();
            std::hint::black_box(sum);
            rows.len()
        }
        Pool::Postgres(p) => {
            let sum: i64 = sqlx::query_scalar(total)
                .bind(as_of)
                .fetch_one(p)
                .await
                .unwrap();
            let rows = sqlx::query(members)
                .bind(after)
                .bind(as_of)
                .fetch_all(p)
                .await
                .unwrap();
            std::hint::black_box(sum);
            rows.len()
        }
    }
}
