//! Workload `validation` (issue: bulk validation of 10,000 requests): `capital::validate`, the
//! function behind the back office's "validate selected", over N submitted requests, one
//! transaction each; next to a bare baseline that writes, per request, the same rows in one
//! transaction with no logic at all.
//!
//! What one validation writes (read from `coopshares_app::capital`): the request's state (an
//! update), the capital call number and the payment reference (two sequence upserts), the
//! capital call, a journal entry and its two lines, the holder's membership (an update), the
//! member account, its invitation link and the invitation email, the payment-instructions
//! email and its PDF attachment, and four audit rows: 17 rows in 16 statements (15 on
//! PostgreSQL, whose adapter writes an email and its attachments in one). The baseline writes
//! 17 rows in 16 statements into bare tables (a primary key, nothing else), with the emails,
//! the PDF and the audit details copied from what the real validation stored, so the widths
//! match byte for byte. It reads nothing; the real validation also makes 8 reads (the
//! settings, the request, the share type, the contact, the accounts by contact and by email,
//! the template override of each email).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use coopshares_app::capital::{self, Services};
use coopshares_app::clock::SystemClock;
use coopshares_app::documents::{
    CapitalCallDocument, CertificateDocument, DocumentError, DocumentRenderer,
};
use coopshares_app::email::Mailer;
use coopshares_app::intake;
use coopshares_app::ports::{Actor, Store};
use coopshares_app::settings::{self, SettingsPatch};
use coopshares_domain::application::ApplicationInput;
use coopshares_domain::ids::SubscriptionRequestId;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use coopshares_domain::subscription::Channel;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::SqlitePoolOptions;

use crate::Backend;
use crate::baseline::{self, Pool};

/// Rows and statements of one validation, as counted in `coopshares_app::capital` (see the
/// module documentation); the baseline writes exactly these.
pub const ROWS_PER_VALIDATION: usize = 17;
pub const STATEMENTS_PER_VALIDATION: usize = 16;

/// Validations run, untimed, before the measures (template compilation, prepared statements,
/// the fonts), and as many bare transactions before the baseline's.
const WARM_UP: usize = 10;

/// Concurrent tasks of the second measure.
pub const CONCURRENCY: usize = 4;

/// One unit of work, by index.
type Job =
    Arc<dyn Fn(usize) -> Pin<Box<dyn Future<Output = Result<(), String>> + Send>> + Send + Sync>;

/// One timed run.
#[derive(Debug, Clone, Copy)]
pub struct Timed {
    pub elapsed: Duration,
    pub errors: usize,
}

/// Runs `job(0..total)` from `concurrency` tasks pulling indexes from a shared counter; with
/// one task, strictly one after the other.
async fn drive(total: usize, concurrency: usize, job: Job) -> Timed {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (next, job) = (Arc::clone(&next), Arc::clone(&job));
            tokio::spawn(async move {
                let mut errors = 0;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total {
                        return errors;
                    }
                    if let Err(error) = job(i).await {
                        if errors == 0 {
                            eprintln!("item {i} failed: {error}");
                        }
                        errors += 1;
                    }
                }
            })
        })
        .collect();
    let mut errors = 0;
    for task in tasks {
        errors += task.await.unwrap_or(1);
    }
    Timed {
        elapsed: started.elapsed(),
        errors,
    }
}

/// A renderer that draws nothing and returns the same bytes every time: a tiny PDF, to show
/// what rendering and storing the real one cost; or a real one rendered earlier, to show what
/// rendering alone costs.
#[derive(Debug)]
struct FixedPdf(Vec<u8>);

const TINY_PDF: &[u8] = b"%PDF-1.7\n%%EOF\n";

impl DocumentRenderer for FixedPdf {
    fn capital_call_pdf(&self, _: &CapitalCallDocument) -> Result<Vec<u8>, DocumentError> {
        Ok(self.0.clone())
    }

    fn certificate_pdf(&self, _: &CertificateDocument) -> Result<Vec<u8>, DocumentError> {
        Ok(self.0.clone())
    }

    fn register_writer(
        &self,
        format: coopshares_app::documents::RegisterFormat,
        heading: coopshares_app::documents::RegisterHeading,
    ) -> Result<Box<dyn coopshares_app::documents::RegisterWriter>, DocumentError> {
        coopshares_documents::PdfRenderer.register_writer(format, heading)
    }
}

/// One line of the table.
#[derive(Debug)]
pub struct Row {
    pub label: &'static str,
    pub backend: &'static str,
    pub n: usize,
    pub measure: Timed,
    pub baseline: Timed,
    /// Peak resident memory of the whole process while the row ran.
    pub peak_mib: Option<f64>,
}

/// What the workload measured on one backend.
#[derive(Debug)]
pub struct Outcome {
    pub rows: Vec<Row>,
    /// Rows inserted per validation, counted in the real store (updates not included).
    pub inserted_per_validation: f64,
    /// The size of the capital release request PDF the real validation stored.
    pub pdf_bytes: usize,
}

pub(crate) fn mailer() -> Arc<Mailer> {
    Arc::new(Mailer {
        renderer: Arc::new(coopshares_mail::Templates::new().unwrap()),
        message_id_domain: "bench.example".to_owned(),
        base_url: "http://127.0.0.1".to_owned(),
    })
}

/// A plain pool on the real store's database, to count and read back what it wrote.
pub(crate) async fn raw_pool(backend: &Backend, name: &str) -> Pool {
    match backend {
        Backend::Sqlite(dir) => Pool::Sqlite(
            SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(baseline::sqlite_options(&dir.join(format!("{name}.db"))))
                .await
                .unwrap(),
        ),
        Backend::Postgres(url) => Pool::Postgres(
            PgPoolOptions::new()
                .max_connections(1)
                .connect_with(baseline::schema_options(url, name))
                .await
                .unwrap(),
        ),
    }
}

/// The same SQL on either backend: written with `$1` placeholders, which SQLite spells `?1`.
pub(crate) fn dialect(pool: &Pool, sql: &str) -> String {
    match pool {
        Pool::Sqlite(_) => sql.replace('$', "?"),
        Pool::Postgres(_) => sql.to_owned(),
    }
}

/// Rows in the tables a validation inserts into.
async fn inserted_rows(pool: &Pool) -> i64 {
    let sql = "SELECT (SELECT count(*) FROM capital_calls) + (SELECT count(*) FROM journal_entries)
         + (SELECT count(*) FROM journal_lines) + (SELECT count(*) FROM audit_log)
         + (SELECT count(*) FROM users) + (SELECT count(*) FROM one_time_links)
         + (SELECT count(*) FROM outbox_emails) + (SELECT count(*) FROM outbox_attachments)
         + (SELECT count(*) FROM sequences)";
    on_pool!(pool, |p| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(p)
        .await
        .unwrap())
}

/// An email as the real validation stored it.
#[derive(Debug, Clone)]
struct EmailSample {
    kind: String,
    recipients: String,
    subject: String,
    text_body: String,
    html_body: String,
    about: Option<String>,
}

/// What the last real validation stored, for the baseline to write again.
#[derive(Debug, Clone)]
struct Sample {
    invitation: EmailSample,
    payment: EmailSample,
    filename: String,
    pdf: Vec<u8>,
    /// The details of the four audit rows, in the order they are written.
    audit: Vec<(String, String)>,
}

const AUDIT_ACTIONS: [&str; 4] = [
    "capital_call_created",
    "membership_changed",
    "member_account_created",
    "subscription_request_validated",
];

async fn sample(pool: &Pool) -> Sample {
    let email_sql = dialect(
        pool,
        "SELECT recipients, subject, text_body, html_body, about FROM outbox_emails
         WHERE kind = $1 ORDER BY id DESC LIMIT 1",
    );
    let attachment_sql = dialect(
        pool,
        "SELECT filename, content FROM outbox_attachments ORDER BY email_id DESC LIMIT 1",
    );
    let audit_sql = dialect(
        pool,
        "SELECT details FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1",
    );
    let mut emails = Vec::new();
    for kind in [EmailKind::Invitation, EmailKind::PaymentInstructions] {
        let row: (String, String, String, String, Option<String>) = on_pool!(pool, |p| {
            sqlx::query_as(&email_sql)
                .bind(kind.as_str())
                .fetch_one(p)
                .await
                .unwrap()
        });
        emails.push(EmailSample {
            kind: kind.as_str().to_owned(),
            recipients: row.0,
            subject: row.1,
            text_body: row.2,
            html_body: row.3,
            about: row.4,
        });
    }
    let (filename, pdf): (String, Vec<u8>) = on_pool!(pool, |p| {
        sqlx::query_as(&attachment_sql).fetch_one(p).await.unwrap()
    });
    let mut audit = Vec::new();
    for action in AUDIT_ACTIONS {
        let details: String = on_pool!(pool, |p| {
            sqlx::query_scalar(&audit_sql)
                .bind(action)
                .fetch_one(p)
                .await
                .unwrap()
        });
        audit.push((action.to_owned(), details));
    }
    let payment = emails.pop().unwrap();
    let invitation = emails.pop().unwrap();
    Sample {
        invitation,
        payment,
        filename,
        pdf,
        audit,
    }
}

/// Submits `count` requests through the API channel, each from a new person (so each creates
/// a contact), from a few tasks; returns their ids in order.
async fn submit_requests(
    store: &Arc<dyn Store>,
    mailer: &Arc<Mailer>,
    count: usize,
) -> Vec<SubscriptionRequestId> {
    let catalog = Arc::new(intake::catalog(store.as_ref()).await.unwrap());
    let next = Arc::new(AtomicUsize::new(0));
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (store, mailer, catalog, next) = (
                Arc::clone(store),
                Arc::clone(mailer),
                Arc::clone(&catalog),
                Arc::clone(&next),
            );
            tokio::spawn(async move {
                let mut ids = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= count {
                        return ids;
                    }
                    let input: ApplicationInput =
                        serde_json::from_str(&crate::api_body(2_000_000 + n as u64)).unwrap();
                    let submitted = intake::submit(
                        store.as_ref(),
                        &mailer,
                        &SystemClock,
                        &intake::Submission::new(
                            &Actor::Operator,
                            Channel::Api,
                            &input,
                            Language::Fr,
                        ),
                        Some(catalog.as_ref()),
                    )
                    .await
                    .unwrap();
                    ids.push(submitted.request.id);
                }
            })
        })
        .collect();
    let mut ids = Vec::with_capacity(count);
    for task in tasks {
        ids.extend(task.await.unwrap());
    }
    ids.sort();
    ids
}

fn validate_job(
    store: &Arc<dyn Store>,
    mailer: &Arc<Mailer>,
    documents: Arc<dyn DocumentRenderer>,
    ids: Vec<SubscriptionRequestId>,
) -> Job {
    let (store, mailer, ids) = (Arc::clone(store), Arc::clone(mailer), Arc::new(ids));
    Arc::new(move |i| {
        let (store, mailer, documents, ids) = (
            Arc::clone(&store),
            Arc::clone(&mailer),
            Arc::clone(&documents),
            Arc::clone(&ids),
        );
        Box::pin(async move {
            let id = *ids.get(i).ok_or("no such request")?;
            let services = Services {
                mailer: &mailer,
                documents: documents.as_ref(),
                clock: &SystemClock,
            };
            capital::validate(store.as_ref(), services, &Actor::Operator, id, None)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        })
    })
}

/// Runs `job` over `total` items, measuring the process's peak memory meanwhile.
async fn measured(total: usize, concurrency: usize, job: Job) -> (Timed, Option<f64>) {
    crate::reset_peak_memory();
    let timed = drive(total, concurrency, job).await;
    (timed, crate::peak_memory_mib())
}

/// The workload on `backend` with `n` requests per measure.
pub async fn run(backend: &Backend, n: usize) -> Outcome {
    const STORE: &str = "validation";
    const BARE: &str = "validation_baseline";
    let store = crate::open_store(backend, STORE).await;
    let mailer = mailer();
    let patch: SettingsPatch =
        serde_json::from_str(r#"{"name":"Bench Coop SC","iban":"BE71 0961 2345 6769"}"#).unwrap();
    settings::update(store.as_ref(), &SystemClock, &Actor::Operator, &patch, None)
        .await
        .unwrap();
    crate::create_share_type_a(store.as_ref(), &SystemClock).await;

    // Four disjoint sets of submitted requests, one per row.
    let ids = submit_requests(&store, &mailer, WARM_UP + 4 * n).await;
    let (warm, rest) = ids.split_at(WARM_UP);
    let (sequential, rest) = rest.split_at(n);
    let (concurrent, rest) = rest.split_at(n);
    let (tiny_pdf, same_pdf) = rest.split_at(n);
    let pdf: Arc<dyn DocumentRenderer> = Arc::new(coopshares_documents::PdfRenderer);

    drive(
        WARM_UP,
        1,
        validate_job(&store, &mailer, Arc::clone(&pdf), warm.to_vec()),
    )
    .await;
    let raw = raw_pool(backend, STORE).await;
    let before = inserted_rows(&raw).await;
    let (seq, seq_peak) = measured(
        n,
        1,
        validate_job(&store, &mailer, Arc::clone(&pdf), sequential.to_vec()),
    )
    .await;
    let inserted_per_validation = (inserted_rows(&raw).await - before) as f64 / n as f64;
    let sample = sample(&raw).await;
    let (conc, conc_peak) = measured(
        n,
        CONCURRENCY,
        validate_job(&store, &mailer, Arc::clone(&pdf), concurrent.to_vec()),
    )
    .await;
    let tiny = Arc::new(FixedPdf(TINY_PDF.to_vec()));
    let (tiny, tiny_peak) =
        measured(n, 1, validate_job(&store, &mailer, tiny, tiny_pdf.to_vec())).await;
    let same = Arc::new(FixedPdf(sample.pdf.clone()));
    let (same, same_peak) =
        measured(n, 1, validate_job(&store, &mailer, same, same_pdf.to_vec())).await;
    on_pool!(&raw, |p| p.close().await);
    drop(store);

    let bare = Bare::create(backend, BARE, 2 * n + WARM_UP).await;
    let sample = Arc::new(sample);
    drive(WARM_UP, 1, bare.job(&sample, 0)).await;
    let base_seq = drive(n, 1, bare.job(&sample, WARM_UP)).await;
    let base_conc = drive(n, CONCURRENCY, bare.job(&sample, WARM_UP + n)).await;
    on_pool!(&bare.pool, |p| p.close().await);
    if let Backend::Postgres(url) = backend {
        baseline::drop_schema(url, STORE).await;
        baseline::drop_schema(url, BARE).await;
    }

    let backend = backend.name();
    Outcome {
        rows: vec![
            Row {
                label: "validate, sequential (as \"validate selected\")",
                backend,
                n,
                measure: seq,
                baseline: base_seq,
                peak_mib: seq_peak,
            },
            Row {
                label: "validate, 4 concurrent tasks",
                backend,
                n,
                measure: conc,
                baseline: base_conc,
                peak_mib: conc_peak,
            },
            Row {
                label: "validate without PDF rendering (diagnostic), sequential",
                backend,
                n,
                measure: tiny,
                baseline: base_seq,
                peak_mib: tiny_peak,
            },
            Row {
                label: "validate with a pre-rendered full-size PDF (diagnostic), sequential",
                backend,
                n,
                measure: same,
                baseline: base_seq,
                peak_mib: same_peak,
            },
        ],
        inserted_per_validation,
        pdf_bytes: sample.pdf.len(),
    }
}

/// The bare tables: the columns of the real ones, a primary key and no other constraint, no
/// index, no trigger.
const BARE_TABLES: [&str; 11] = [
    "CREATE TABLE b_requests (id BIGINT PRIMARY KEY, state TEXT NOT NULL, version BIGINT NOT NULL,
        contact_id BIGINT NOT NULL, share_type_id BIGINT NOT NULL, quantity BIGINT NOT NULL,
        amount_minor BIGINT NOT NULL, currency TEXT NOT NULL, language TEXT NOT NULL,
        submitted TEXT NOT NULL, consents TEXT NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)",
    "CREATE TABLE b_contacts (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, display_name TEXT NOT NULL,
        search_name TEXT NOT NULL, first_name TEXT, last_name TEXT, birth_date TEXT,
        email TEXT NOT NULL, phone TEXT, street TEXT NOT NULL, postal_code TEXT NOT NULL,
        city TEXT NOT NULL, country TEXT NOT NULL, language TEXT NOT NULL, iban TEXT,
        membership TEXT NOT NULL, member_number BIGINT, member_since TEXT,
        version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE TABLE b_sequences (name TEXT NOT NULL, scope BIGINT NOT NULL, last_value BIGINT NOT NULL,
        PRIMARY KEY (name, scope))",
    "CREATE TABLE b_calls (id BIGINT PRIMARY KEY, year BIGINT NOT NULL, sequence BIGINT NOT NULL,
        request_id BIGINT NOT NULL, contact_id BIGINT NOT NULL, share_type_id BIGINT NOT NULL,
        quantity BIGINT NOT NULL, amount_minor BIGINT NOT NULL, currency TEXT NOT NULL,
        payment_reference TEXT NOT NULL, issue_date TEXT NOT NULL, due_date TEXT NOT NULL,
        state TEXT NOT NULL, version BIGINT NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)",
    "CREATE TABLE b_entries (id BIGINT PRIMARY KEY, journal TEXT NOT NULL, entry_date TEXT NOT NULL,
        currency TEXT NOT NULL, kind TEXT NOT NULL, capital_call_id BIGINT, contact_id BIGINT,
        created_at TEXT NOT NULL)",
    "CREATE TABLE b_lines (entry_id BIGINT NOT NULL, line_no BIGINT NOT NULL, account TEXT NOT NULL,
        side TEXT NOT NULL, amount_minor BIGINT NOT NULL, label TEXT NOT NULL,
        PRIMARY KEY (entry_id, line_no))",
    "CREATE TABLE b_users (id BIGINT PRIMARY KEY, email TEXT NOT NULL, password_hash TEXT NOT NULL,
        role TEXT NOT NULL, language TEXT, contact_id BIGINT, created_at TEXT NOT NULL)",
    "CREATE TABLE b_links (token_hash TEXT PRIMARY KEY, purpose TEXT NOT NULL, user_id BIGINT,
        created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
    "CREATE TABLE b_emails (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, language TEXT NOT NULL,
        recipients TEXT NOT NULL, subject TEXT NOT NULL, text_body TEXT NOT NULL,
        html_body TEXT NOT NULL, message_id TEXT NOT NULL, about TEXT, state TEXT NOT NULL,
        attempts BIGINT NOT NULL, next_attempt_at TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE b_attachments (email_id BIGINT NOT NULL, position BIGINT NOT NULL,
        filename TEXT NOT NULL, content_type TEXT NOT NULL, content BLOB NOT NULL,
        PRIMARY KEY (email_id, position))",
    "CREATE TABLE b_audit (id BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL,
        details TEXT NOT NULL)",
];

/// The SQL of the 16 statements of one bare validation, in the backend's dialect.
#[derive(Debug)]
struct Statements {
    update_request: String,
    next_number: String,
    insert_call: String,
    insert_entry: String,
    insert_lines: String,
    insert_audit: String,
    update_contact: String,
    insert_user: String,
    insert_link: String,
    insert_email: String,
    insert_attachment: String,
}

impl Statements {
    fn new(pool: &Pool) -> Self {
        // Ids come from the database, as in the real store; the baseline only passes them on.
        let id = match pool {
            Pool::Sqlite(_) => "NULL",
            Pool::Postgres(_) => "DEFAULT",
        };
        let sql = |text: &str| dialect(pool, &text.replace("{id}", id));
        Statements {
            update_request: sql(
                "UPDATE b_requests SET state = 'validated', version = version + 1, updated_at = $1
                 WHERE id = $2",
            ),
            next_number: sql(
                "INSERT INTO b_sequences (name, scope, last_value) VALUES ($1, $2, 1)
                 ON CONFLICT (name, scope) DO UPDATE SET last_value = b_sequences.last_value + 1
                 RETURNING last_value",
            ),
            insert_call: sql(
                "INSERT INTO b_calls VALUES ({id}, $1, $2, $3, $3, 1, 4, 100000, 'EUR', $4, $5, $6,
                 'open', 1, $7, $7) RETURNING id",
            ),
            insert_entry: sql(
                "INSERT INTO b_entries VALUES ({id}, 'SUB', $1, 'EUR', 'capital_call', $2, $3, $4)
                 RETURNING id",
            ),
            insert_lines: sql(
                "INSERT INTO b_lines VALUES ($1, 1, '416000', 'debit', 100000, $2),
                 ($1, 2, '101000', 'credit', 100000, $2)",
            ),
            insert_audit: sql("INSERT INTO b_audit VALUES ({id}, $1, 'operator', $2, $3, $4, $5)"),
            update_contact: sql(
                "UPDATE b_contacts SET membership = 'candidate', version = version + 1,
                 updated_at = $1 WHERE id = $2",
            ),
            insert_user: sql(
                "INSERT INTO b_users VALUES ({id}, $1, '!', 'member', 'fr', $2, $3) RETURNING id",
            ),
            insert_link: sql("INSERT INTO b_links VALUES ($1, 'invitation', $2, $3, $4)"),
            insert_email: sql(
                "INSERT INTO b_emails VALUES ({id}, $1, 'fr', $2, $3, $4, $5, $6, $7, 'pending', 0,
                 $8, $8) RETURNING id",
            ),
            insert_attachment: sql(
                "INSERT INTO b_attachments VALUES ($1, 0, $2, 'application/pdf', $3)",
            ),
        }
    }
}

/// The baseline's database: bare tables, and a request and a contact per validation to come.
#[derive(Debug, Clone)]
struct Bare {
    pool: Pool,
    statements: Arc<Statements>,
}

/// A fixed-width UTC timestamp, about as wide as the stores' (`2026-03-01T09:30:00.123456Z`).
fn timestamp() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("{:>16}.{:06}Z", since.as_secs(), since.subsec_micros())
}

impl Bare {
    async fn create(backend: &Backend, name: &str, slots: usize) -> Self {
        let pool = match backend {
            Backend::Sqlite(dir) => Pool::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(baseline::sqlite_options(&dir.join(format!("{name}.db"))))
                    .await
                    .unwrap(),
            ),
            Backend::Postgres(url) => Pool::Postgres(
                PgPoolOptions::new()
                    .max_connections(10)
                    .connect_with(baseline::fresh_schema(url, name).await)
                    .await
                    .unwrap(),
            ),
        };
        for table in BARE_TABLES {
            let table = match &pool {
                // PostgreSQL's bytea; ids are assigned by the database on both.
                Pool::Postgres(_) => table.replace("BLOB", "BYTEA").replace(
                    "id BIGINT PRIMARY KEY",
                    "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                ),
                Pool::Sqlite(_) => table.replace("id BIGINT PRIMARY KEY", "id INTEGER PRIMARY KEY"),
            };
            on_pool!(&pool, |p| {
                sqlx::query(&table).execute(p).await.unwrap();
            });
        }
        let request = dialect(
            &pool,
            "INSERT INTO b_requests VALUES ($1, 'submitted', 1, $1, 1, 4, 100000, 'EUR', 'fr', $2,
             '[\"data_policy\",\"statutes\",\"financial_risk\"]', $3, $3)",
        );
        let contact = dialect(
            &pool,
            "INSERT INTO b_contacts VALUES ($1, 'person', 'Anaïs Dubois-Léger', 'anaïs dubois-léger',
             'Anaïs', 'Dubois-Léger', '1985-04-23', $2, '+32 470 12 34 56', 'Rue de la Loi 16',
             '1000', 'Bruxelles', 'BE', 'fr', 'BE71096123456769', 'none', NULL, NULL, 1, $3, $3)",
        );
        on_pool!(&pool, |p| {
            let mut tx = p.begin().await.unwrap();
            for slot in 1..=slots as i64 {
                let at = timestamp();
                sqlx::query(&request)
                    .bind(slot)
                    .bind(crate::api_body(slot as u64))
                    .bind(&at)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                sqlx::query(&contact)
                    .bind(slot)
                    .bind(format!("applicant{slot}@bench.example"))
                    .bind(&at)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
            }
            tx.commit().await.unwrap();
        });
        let statements = Arc::new(Statements::new(&pool));
        Bare { pool, statements }
    }

    /// Bare validations of the requests after `offset`, one transaction each.
    fn job(&self, sample: &Arc<Sample>, offset: usize) -> Job {
        let (bare, sample) = (self.clone(), Arc::clone(sample));
        Arc::new(move |i| {
            let (bare, sample) = (bare.clone(), Arc::clone(&sample));
            Box::pin(async move {
                let slot = (offset + i + 1) as i64;
                bare.validation(&sample, slot)
                    .await
                    .map_err(|e| e.to_string())
            })
        })
    }

    /// One validation's rows, no logic: 16 statements, 17 rows, one transaction.
    async fn validation(&self, sample: &Sample, slot: i64) -> Result<(), sqlx::Error> {
        let s = &self.statements;
        let now = timestamp();
        let (today, due) = ("2026-03-15", "2026-04-14");
        on_pool!(&self.pool, |p| {
            let mut tx = p.begin().await?;
            // 1: the request's state.
            sqlx::query(&s.update_request)
                .bind(&now)
                .bind(slot)
                .execute(&mut *tx)
                .await?;
            // 2, 3: the call number and the payment reference.
            let sequence: i64 = sqlx::query_scalar(&s.next_number)
                .bind("capital_call")
                .bind(2026_i64)
                .fetch_one(&mut *tx)
                .await?;
            let reference: i64 = sqlx::query_scalar(&s.next_number)
                .bind("payment_reference")
                .bind(0_i64)
                .fetch_one(&mut *tx)
                .await?;
            // 4: the capital call.
            let call: i64 = sqlx::query_scalar(&s.insert_call)
                .bind(2026_i64)
                .bind(sequence)
                .bind(slot)
                .bind(format!("{reference:012}"))
                .bind(today)
                .bind(due)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
            // 5, 6 (two rows): the journal entry and its lines.
            let entry: i64 = sqlx::query_scalar(&s.insert_entry)
                .bind(today)
                .bind(call)
                .bind(slot)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(&s.insert_lines)
                .bind(entry)
                .bind(format!("Capital release request 2026/{sequence:04}"))
                .execute(&mut *tx)
                .await?;
            // 7: the holder becomes a candidate.
            sqlx::query(&s.update_contact)
                .bind(&now)
                .bind(slot)
                .execute(&mut *tx)
                .await?;
            // 8, 9: the member account and its invitation link.
            let user: i64 = sqlx::query_scalar(&s.insert_user)
                .bind(format!("applicant{slot}@bench.example"))
                .bind(slot)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(&s.insert_link)
                .bind(format!("{slot:064x}"))
                .bind(user)
                .bind(&now)
                .bind(&now)
                .execute(&mut *tx)
                .await?;
            // 10, 11, 12: the invitation, the payment instructions and their PDF.
            for email in [&sample.invitation, &sample.payment] {
                let id: i64 = sqlx::query_scalar(&s.insert_email)
                    .bind(&email.kind)
                    .bind(&email.recipients)
                    .bind(&email.subject)
                    .bind(&email.text_body)
                    .bind(&email.html_body)
                    .bind(format!("{slot:032x}.{}@bench.example", email.kind))
                    .bind(&email.about)
                    .bind(&now)
                    .fetch_one(&mut *tx)
                    .await?;
                if email.kind == sample.payment.kind {
                    sqlx::query(&s.insert_attachment)
                        .bind(id)
                        .bind(&sample.filename)
                        .bind(sample.pdf.as_slice())
                        .execute(&mut *tx)
                        .await?;
                }
            }
            // 13–16: the four audit rows.
            for (action, details) in &sample.audit {
                sqlx::query(&s.insert_audit)
                    .bind(&now)
                    .bind(action)
                    .bind("capital_call")
                    .bind(slot.to_string())
                    .bind(details)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        })
    }
}
