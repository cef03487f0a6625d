//! Workload `statements` (issue: a camt.053 file of 100,000 entries paying 100,000 open calls):
//! `statements::import` of the whole file (parse, balance check, store each line once, match
//! each reference to an open call, post the payment, admit the holder), in seconds, next to a
//! bare baseline in the same run on the same backend with the same durability settings.
//!
//! Set-up, untimed: a fresh store whose settings name the cooperative and its IBAN, share type
//! A, and N open capital calls, each with its own contact (a candidate) and validated request,
//! written directly through the store ports in transactions of [`SETUP_CHUNK`] calls (going
//! through `capital::validate` would render a PDF and queue two emails per call): the contact,
//! its candidacy, the request and its state, the call (numbered and referenced as validation
//! numbers them, OGM references from `ReferenceScheme::Ogm.generate`) and the call's journal
//! entry (receivable against subscribed capital), so the ledger is as after real validations.
//! The sequences of call numbers and references are then set to N, as N validations leave
//! them. No audit rows, emails or member accounts are written: the import reads none of them.
//! Then the file: one camt.053 statement of the cooperative's account with one booked credit
//! per call paying it in full, its OGM in `Strd/CdtrRefInf/Ref`, the payer's name and IBAN, a
//! short free text and a bank reference; value dates over [`DAYS`] days, the latest day first
//! in the file (so the import's value-date order is not the file's).
//!
//! Timed, per backend: `parse only` (`coopshares_banking::parse`, a diagnostic), the import
//! (which leaves the certificates of more than `statements::CERTIFICATES_IN_IMPORT` holders
//! owed), the issue of [`CERTIFICATE_SAMPLE`] of those owed certificates as the server's worker
//! issues them (with the time all of them would take at that rate),
//! the import of the same payments again under other bank references (a diagnostic: each line
//! is stored and its reference looked up, the call is found paid, nothing is posted: what
//! storing the lines costs, without the matching's writes), and the baseline: parse the same bytes, match each line's reference in memory (a `HashMap`
//! of the calls' references), and insert the same lines (the columns of `statement_lines`, a
//! 64-hex fingerprint of the same width) into a bare table (a primary key, nothing else) in one
//! transaction, [`BULK_ROWS`] rows per multi-row `INSERT`. After the import (untimed) every
//! call must be paid and N member numbers given; a warning says otherwise.

use coopshares_store_tests::camt::{self, Entry};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

use coopshares_app::capital::Services;
use coopshares_app::clock::{Clock, SystemClock};
use coopshares_app::ports::{Actor, EntryKind, NewCapitalCall, NewJournalEntry, NewRequest, Store};
use coopshares_app::settings::{self, CooperativeSettings, SettingsPatch};
use coopshares_app::statements;
use coopshares_banking::StatementLine;
use coopshares_documents::PdfRenderer;
use coopshares_domain::application::{self, Applicant, ApplicationInput, IntakeRules};
use coopshares_domain::capital_call::{self, CapitalCallNumber};
use coopshares_domain::contact::{ContactDetails, Person};
use coopshares_domain::email::Email;
use coopshares_domain::ids::ShareTypeId;
use coopshares_domain::language::Language;
use coopshares_domain::ledger::{EntryLine, JournalCode, JournalEntry};
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::Money;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reconciliation;
use coopshares_domain::reference::PaymentReference;
use coopshares_domain::subscription::{Channel, RequestState};
use sqlx::QueryBuilder;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::SqlitePoolOptions;

use crate::Backend;
use crate::baseline::{self, Pool};

/// How many of the certificates an import leaves owed the workload issues and times.
pub const CERTIFICATE_SAMPLE: usize = 1_000;

/// Calls written per set-up transaction.
pub const SETUP_CHUNK: usize = 5_000;

/// Value dates are spread over this many days.
pub const DAYS: usize = 5;

/// Rows per multi-row `INSERT` of the baseline (18 columns: 18,000 parameters, under SQLite's
/// 32,766 and PostgreSQL's 65,535).
pub const BULK_ROWS: usize = 1_000;

/// The cooperative's account, as its settings name it and the statement is about.
const COOP_IBAN: &str = "BE68539007547034";

/// One line of the table.
#[derive(Debug)]
pub struct Row {
    pub label: &'static str,
    pub backend: &'static str,
    pub n: usize,
    pub elapsed: Duration,
    /// The import's time over the baseline's (the baseline's own row: 1).
    pub ratio: f64,
    /// Peak resident memory of the whole process while the row ran.
    pub peak_mib: Option<f64>,
    /// What was checked after the row: `ok`, or what is wrong.
    pub check: String,
}

/// What the workload measured on one backend.
#[derive(Debug)]
pub struct Outcome {
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

/// An open call as the benchmark keeps it: its id and reference.
#[derive(Debug, Clone)]
struct Call {
    id: i64,
    reference: PaymentReference,
}

/// What every call of the set-up shares.
#[derive(Debug)]
struct Template {
    settings: CooperativeSettings,
    share_type: ShareTypeId,
    person: Person,
    quantity: ShareQuantity,
    amount: Money,
    consents: String,
}

/// The workload on `backend` with `n` calls and lines.
pub async fn run(backend: &Backend, n: usize) -> Outcome {
    const STORE: &str = "statements";
    const BARE: &str = "statements_baseline";
    let started = Instant::now();
    let store = crate::open_store(backend, STORE).await;
    let template = Arc::new(template(store.as_ref()).await);
    let concurrency = match backend {
        // One writer: the chunks would only queue (and time out) behind each other.
        Backend::Sqlite(_) => 1,
        Backend::Postgres(_) => 4,
    };
    let calls = open_calls(&store, &template, n, concurrency).await;
    let raw = crate::validation::raw_pool(backend, STORE).await;
    set_sequences(&raw, n).await;
    let file = camt(&template, &calls, "");
    let setup = started.elapsed();

    // 1. Parse only (diagnostic).
    crate::reset_peak_memory();
    let parse_started = Instant::now();
    let parsed = coopshares_banking::parse(file.as_bytes(), None).unwrap();
    let parse = parse_started.elapsed();
    let parsed_lines: usize = parsed.statements.iter().map(|s| s.lines.len()).sum();
    drop(parsed);
    let parse_peak = crate::peak_memory_mib();

    // 2. The import: beyond `statements::CERTIFICATES_IN_IMPORT` holders, their certificates
    // are left owed, as in production.
    let mailer = crate::validation::mailer();
    let before = inserted_rows(&raw).await;
    crate::reset_peak_memory();
    let import_started = Instant::now();
    let outcome = statements::import(
        store.as_ref(),
        Services {
            mailer: &mailer,
            documents: &PdfRenderer,
            clock: &SystemClock,
        },
        &Actor::Operator,
        file.as_bytes(),
        Some("statement-bench.xml"),
        None,
    )
    .await;
    let import = import_started.elapsed();
    let import_peak = crate::peak_memory_mib();
    let (paid, numbered) = admitted(&raw).await;
    let import_check = match &outcome {
        Err(error) => format!("WARNING: the import failed: {error}"),
        Ok(_) if paid != n as i64 || numbered != n as i64 => {
            format!("WARNING: {paid} of {n} calls paid, {numbered} member numbers given")
        }
        Ok(outcome) if outcome.statement.matched != n as i64 => format!(
            "WARNING: {} of {n} lines matched",
            outcome.statement.matched
        ),
        Ok(_) => format!("ok: {n} calls paid, {n} member numbers"),
    };
    let inserted_per_line = (inserted_rows(&raw).await - before) as f64 / n as f64;
    let owed = outcome.as_ref().map_or(0, |o| o.certificates_owed);

    // 2a. The certificates the import left owed, as the server's worker issues them after it
    // commits (render, store, audit, outbox; 20 per transaction): a sample of them.
    let sample = owed.min(CERTIFICATE_SAMPLE);
    crate::reset_peak_memory();
    let certificates_started = Instant::now();
    let issued = coopshares_app::certificates::issue_due(
        store.as_ref(),
        Services {
            mailer: &mailer,
            documents: &PdfRenderer,
            clock: &SystemClock,
        },
        sample,
    )
    .await;
    let certificates = certificates_started.elapsed();
    let certificates_peak = crate::peak_memory_mib();
    let certificates_check = match issued {
        Err(error) => format!("WARNING: issuing owed certificates failed: {error}"),
        Ok(issued) if issued != sample => format!("WARNING: {issued} of {sample} issued"),
        Ok(issued) if owed > 0 => format!(
            "ok: {issued} of {owed} owed issued, {:.3} s each; all {owed}: about {:.0} s",
            certificates.as_secs_f64() / issued.max(1) as f64,
            certificates.as_secs_f64() / issued.max(1) as f64 * owed as f64
        ),
        Ok(_) => "ok: none owed (issued with the import)".to_owned(),
    };

    // 2b. The same payments again under other bank references (diagnostic): every line is
    // new and stored, and its call is found paid, so nothing is matched or posted.
    let again = camt(&template, &calls, "R");
    crate::reset_peak_memory();
    let again_started = Instant::now();
    let outcome = statements::import(
        store.as_ref(),
        Services {
            mailer: &mailer,
            documents: &PdfRenderer,
            clock: &SystemClock,
        },
        &Actor::Operator,
        again.as_bytes(),
        Some("statement-bench-again.xml"),
        None,
    )
    .await;
    let store_only = again_started.elapsed();
    let store_only_peak = crate::peak_memory_mib();
    let store_only_check = match &outcome {
        Err(error) => format!("WARNING: the import failed: {error}"),
        Ok(outcome) if outcome.statement.lines != n as i64 || outcome.statement.matched != 0 => {
            format!(
                "WARNING: {} lines stored, {} matched",
                outcome.statement.lines, outcome.statement.matched
            )
        }
        Ok(_) => format!("ok: {n} lines stored, none matched"),
    };
    drop(again);
    on_pool!(&raw, |p| p.close().await);
    drop(store);

    // 3. The baseline.
    let bare = bare_pool(backend, BARE).await;
    crate::reset_peak_memory();
    let base_started = Instant::now();
    let (base_matched, base_rows) = bare_import(&bare, file.as_bytes(), &calls).await;
    let base = base_started.elapsed();
    let base_peak = crate::peak_memory_mib();
    on_pool!(&bare, |p| p.close().await);
    let base_check = if base_matched == n && base_rows == n {
        format!("ok: {base_rows} lines, {base_matched} matched")
    } else {
        format!("WARNING: {base_rows} lines inserted, {base_matched} matched, of {n}")
    };
    if let Backend::Postgres(url) = backend {
        baseline::drop_schema(url, STORE).await;
        baseline::drop_schema(url, BARE).await;
    }

    let backend_name = backend.name();
    let base_seconds = base.as_secs_f64();
    let row = |label, elapsed: Duration, peak_mib, check| Row {
        label,
        backend: backend_name,
        n,
        elapsed,
        ratio: elapsed.as_secs_f64() / base_seconds,
        peak_mib,
        check,
    };
    Outcome {
        rows: vec![
            row(
                "statements: import (parse, match, post, admit)",
                import,
                import_peak,
                import_check,
            ),
            Row {
                label: "statements: owed certificates issued after the import (worker; a sample)",
                backend: backend_name,
                n: sample,
                elapsed: certificates,
                ratio: certificates.as_secs_f64() / base_seconds,
                peak_mib: certificates_peak,
                check: certificates_check,
            },
            row(
                "statements: import, calls already paid: lines stored, nothing matched (diagnostic)",
                store_only,
                store_only_peak,
                store_only_check,
            ),
            row(
                "statements: baseline (parse, match in memory, bulk insert)",
                base,
                base_peak,
                base_check,
            ),
            row(
                "statements: parse only (diagnostic)",
                parse,
                parse_peak,
                format!("{parsed_lines} lines"),
            ),
        ],
        notes: vec![format!(
            "{backend_name}: file {:.1} MB; set-up (untimed) {:.1} s; the import inserted \
             {inserted_per_line:.2} rows per line (lines, entries and their lines, payments, \
             register movements, audit; plus updates of the line, call, request and contact)",
            file.len() as f64 / 1e6,
            setup.as_secs_f64(),
        )],
    }
}

/// Settings naming the cooperative and its IBAN, share type A, and what each call shares: one
/// application (the API body of the other workloads) checked by the intake rules.
async fn template(store: &dyn Store) -> Template {
    let patch: SettingsPatch =
        serde_json::from_str(r#"{"name":"Bench Coop SC","iban":"BE68 5390 0754 7034"}"#).unwrap();
    settings::update(store, &SystemClock, &Actor::Operator, &patch, None)
        .await
        .unwrap();
    crate::create_share_type_a(store, &SystemClock).await;
    let settings = settings::load(store).await.unwrap().value;
    let share_type = {
        let mut tx = store.begin_read().await.unwrap();
        tx.find_share_type_by_code("A").await.unwrap().unwrap()
    };
    let input: ApplicationInput = serde_json::from_str(&crate::api_body(0)).unwrap();
    let valid = application::validate(
        &input,
        std::slice::from_ref(&share_type.share_type),
        &IntakeRules {
            iban_required: settings.iban_required,
            collect_national_id: settings.collect_national_id,
            minimum_age: settings.minimum_age,
            consents: settings.consents.clone(),
            today: SystemClock.today(),
            fallback_language: Language::Fr,
        },
    )
    .unwrap();
    let Applicant::Person(person) = valid.applicant else {
        panic!("the bench's application is a person's");
    };
    Template {
        share_type: share_type.id,
        person,
        quantity: valid.quantity,
        amount: share_type.share_type.amount_for(valid.quantity).unwrap(),
        consents: serde_json::to_string(&valid.consents).unwrap(),
        settings,
    }
}

/// `n` open calls, each with its contact and validated request, in chunks of [`SETUP_CHUNK`]
/// from `concurrency` tasks; in order.
async fn open_calls(
    store: &Arc<dyn Store>,
    template: &Arc<Template>,
    n: usize,
    concurrency: usize,
) -> Vec<Call> {
    let chunks: Vec<(usize, usize)> = (0..n)
        .step_by(SETUP_CHUNK)
        .map(|start| (start, (start + SETUP_CHUNK).min(n)))
        .collect();
    let chunks = Arc::new(std::sync::Mutex::new(chunks.into_iter()));
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (store, template, chunks) =
                (Arc::clone(store), Arc::clone(template), Arc::clone(&chunks));
            tokio::spawn(async move {
                let mut calls = Vec::new();
                loop {
                    let next = chunks.lock().unwrap().next();
                    let Some((start, end)) = next else {
                        return calls;
                    };
                    calls.extend(open_call_chunk(store.as_ref(), &template, start, end).await);
                }
            })
        })
        .collect();
    let mut calls = Vec::with_capacity(n);
    for task in tasks {
        calls.extend(task.await.unwrap());
    }
    calls.sort_by_key(|(i, _)| *i);
    calls.into_iter().map(|(_, call)| call).collect()
}

/// Calls `start..end` in one transaction, as `capital::validate` leaves them (see the module
/// documentation); with their index.
async fn open_call_chunk(
    store: &dyn Store,
    template: &Template,
    start: usize,
    end: usize,
) -> Vec<(usize, Call)> {
    let clock = SystemClock;
    let today = clock.today();
    let chart = template.settings.chart();
    let mut tx = store.begin().await.unwrap();
    let mut calls = Vec::with_capacity(end - start);
    for i in start..end {
        let now = clock.now();
        let mut person = template.person.clone();
        person.email = Email::parse(&format!("payer{i}@bench.example")).unwrap();
        let contact = tx
            .insert_contact(&ContactDetails::Person(person), now)
            .await
            .unwrap();
        tx.set_membership(contact, 1, MembershipStatus::Candidate, None, None, now)
            .await
            .unwrap();
        let request = tx
            .insert_request(&NewRequest {
                channel: Channel::Api,
                contact,
                representative: None,
                share_type: template.share_type,
                quantity: template.quantity,
                amount: template.amount,
                language: Language::Fr,
                submitted: crate::api_body(3_000_000 + i as u64),
                consents: template.consents.clone(),
                idempotency_key: None,
                created_at: now,
            })
            .await
            .unwrap();
        tx.update_request_state(request, 1, RequestState::Validated, None, None, now)
            .await
            .unwrap();
        let sequence = u32::try_from(i + 1).unwrap();
        let number = CapitalCallNumber::new(today.year(), sequence).unwrap();
        let reference = template
            .settings
            .reference_scheme
            .generate(u64::from(sequence))
            .unwrap();
        let new = NewCapitalCall {
            number,
            request,
            contact,
            share_type: template.share_type,
            quantity: template.quantity,
            amount: template.amount,
            reference: reference.clone(),
            issue_date: today,
            due_date: capital_call::due_date(today, template.settings.due_days),
            created_at: now,
        };
        let id = tx.insert_capital_call(&new).await.unwrap();
        let label = format!("Capital release request {number}");
        let entry = JournalEntry::new(
            today,
            JournalCode::subscriptions(),
            vec![
                EntryLine::debit(chart.member_receivable.clone(), new.amount, label.clone()),
                EntryLine::credit(chart.subscribed_capital.clone(), new.amount, label),
            ],
        )
        .unwrap();
        tx.post_journal_entry(&NewJournalEntry {
            entry,
            kind: EntryKind::CapitalCall,
            capital_call: Some(id),
            contact: Some(contact),
            reverses: None,
            created_at: now,
        })
        .await
        .unwrap();
        calls.push((
            i,
            Call {
                id: id.get(),
                reference,
            },
        ));
    }
    tx.commit().await.unwrap();
    calls
}

/// The numbering sequences as `n` validations leave them.
async fn set_sequences(pool: &Pool, n: usize) {
    let sql = crate::validation::dialect(
        pool,
        "INSERT INTO sequences (name, scope, last_value) VALUES ($1, $2, $3)
         ON CONFLICT (name, scope) DO UPDATE SET last_value = excluded.last_value",
    );
    let year = i64::from(SystemClock.today().year());
    for (name, scope) in [("capital_call", year), ("payment_reference", 0)] {
        on_pool!(pool, |p| {
            sqlx::query(&sql)
                .bind(name)
                .bind(scope)
                .bind(n as i64)
                .execute(p)
                .await
                .unwrap();
        });
    }
}

/// Calls paid, and contacts with a member number.
async fn admitted(pool: &Pool) -> (i64, i64) {
    let sql = "SELECT (SELECT count(*) FROM capital_calls WHERE state = 'paid'),
                      (SELECT count(*) FROM contacts WHERE member_number IS NOT NULL)";
    on_pool!(pool, |p| sqlx::query_as::<_, (i64, i64)>(sql)
        .fetch_one(p)
        .await
        .unwrap())
}

/// Rows in the tables an import inserts into.
async fn inserted_rows(pool: &Pool) -> i64 {
    let sql =
        "SELECT (SELECT count(*) FROM bank_statements) + (SELECT count(*) FROM statement_lines)
         + (SELECT count(*) FROM payments) + (SELECT count(*) FROM journal_entries)
         + (SELECT count(*) FROM journal_lines) + (SELECT count(*) FROM register_movements)
         + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM sequences)";
    on_pool!(pool, |p| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(p)
        .await
        .unwrap())
}

/// The camt.053.001.02 file paying every call in full (see the module documentation), written
/// by the tests' generator.
fn camt(template: &Template, calls: &[Call], tag: &str) -> String {
    let cents = template.amount.minor();
    // The latest day first: call i is paid `DAYS - 1 - day` days before today.
    let mut dates = vec![SystemClock.today()];
    for _ in 1..DAYS {
        let earlier = dates.last().and_then(|d| d.previous_day()).unwrap();
        dates.push(earlier);
    }
    let name = template.person.full_name();
    let iban = template
        .person
        .iban
        .as_ref()
        .map_or(COOP_IBAN, |iban| iban.as_compact())
        .to_owned();
    let per_day = calls.len().div_ceil(DAYS).max(1);
    let entries: Vec<Entry> = calls
        .iter()
        .enumerate()
        .map(|(i, call)| {
            let date = dates[(i / per_day).min(DAYS - 1)];
            Entry {
                cents,
                date: date.to_string(),
                structured_reference: Some(call.reference.as_compact().to_owned()),
                free_text: "Souscription parts A".to_owned(),
                name: name.clone(),
                iban: Some(iban.clone()),
                bank_reference: Some(format!("{tag}{}-{i:07}", date.to_string().replace('-', ""))),
                reversal: false,
            }
        })
        .collect();
    camt::statement(COOP_IBAN, 0, None, &entries)
}

/// The baseline's database: a bare `statement_lines` on the same durability settings.
async fn bare_pool(backend: &Backend, name: &str) -> Pool {
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
                .max_connections(1)
                .connect_with(baseline::fresh_schema(url, name).await)
                .await
                .unwrap(),
        ),
    };
    let (id, date, boolean) = match &pool {
        Pool::Sqlite(_) => ("INTEGER PRIMARY KEY", "TEXT", "INTEGER"),
        Pool::Postgres(_) => (
            "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
            "DATE",
            "BOOLEAN",
        ),
    };
    let table = format!(
        "CREATE TABLE b_statement_lines (id {id}, statement_id BIGINT NOT NULL,
            fingerprint TEXT NOT NULL, position BIGINT NOT NULL, account TEXT,
            booking_date {date} NOT NULL, value_date {date} NOT NULL, amount_minor BIGINT NOT NULL,
            currency TEXT NOT NULL, reversal {boolean} NOT NULL, counterparty_name TEXT,
            counterparty_account TEXT, structured_reference TEXT, free_text TEXT NOT NULL,
            bank_reference TEXT, transaction_code TEXT, state TEXT NOT NULL, note TEXT,
            version BIGINT NOT NULL)"
    );
    on_pool!(&pool, |p| {
        sqlx::query(&table).execute(p).await.unwrap();
    });
    pool
}

const BARE_COLUMNS: &str = "INSERT INTO b_statement_lines (statement_id, fingerprint, position, \
     account, booking_date, value_date, amount_minor, currency, reversal, counterparty_name, \
     counterparty_account, structured_reference, free_text, bank_reference, transaction_code, \
     state, note, version) ";

/// A 64-hex identity of the line, as wide as the import's SHA-256 fingerprint.
fn bare_fingerprint(account: Option<&str>, line: &StatementLine) -> String {
    let mut out = String::with_capacity(64);
    for seed in 0..4_u64 {
        let mut hasher = DefaultHasher::new();
        hasher.write_u64(seed);
        hasher.write(account.unwrap_or_default().as_bytes());
        hasher.write(
            line.bank_reference
                .as_deref()
                .unwrap_or_default()
                .as_bytes(),
        );
        let _ = write!(out, "{:016x}", hasher.finish());
    }
    out
}

/// A line ready for the bare table: the parsed line, its fingerprint and position, whether it
/// matched a call.
struct BareLine<'a> {
    account: Option<&'a str>,
    line: &'a StatementLine,
    fingerprint: String,
    position: i64,
    matched: bool,
}

/// The baseline: parse, match in memory, insert every line in one transaction. Returns the
/// lines matched and inserted.
async fn bare_import(pool: &Pool, file: &[u8], calls: &[Call]) -> (usize, usize) {
    let parsed = coopshares_banking::parse(file, None).unwrap();
    let by_reference: HashMap<&str, i64> = calls
        .iter()
        .map(|call| (call.reference.as_compact(), call.id))
        .collect();
    let mut lines = Vec::new();
    for statement in &parsed.statements {
        let account = statement.account.as_deref();
        for line in &statement.lines {
            let references = reconciliation::references_of(
                line.structured_reference.as_deref(),
                &line.free_text,
            );
            let matched = references
                .iter()
                .filter_map(|reference| by_reference.get(reference.as_compact()))
                .count()
                == 1;
            lines.push(BareLine {
                account,
                line,
                fingerprint: bare_fingerprint(account, line),
                position: lines.len() as i64 + 1,
                matched,
            });
        }
    }
    let matched = lines.iter().filter(|l| l.matched).count();
    let mut inserted = 0;
    on_pool!(pool, |p| {
        let mut tx = p.begin().await.unwrap();
        for chunk in lines.chunks(BULK_ROWS) {
            let mut insert = QueryBuilder::new(BARE_COLUMNS);
            insert.push_values(chunk, |mut row, bare| {
                let line = bare.line;
                row.push_bind(1_i64)
                    .push_bind(bare.fingerprint.as_str())
                    .push_bind(bare.position)
                    .push_bind(bare.account)
                    .push_bind(line.booking_date)
                    .push_bind(line.value_date)
                    .push_bind(line.amount.minor())
                    .push_bind(line.amount.currency().code().to_owned())
                    .push_bind(line.reversal)
                    .push_bind(line.counterparty_name.as_deref())
                    .push_bind(line.counterparty_account.as_deref())
                    .push_bind(line.structured_reference.as_deref())
                    .push_bind(line.free_text.as_str())
                    .push_bind(line.bank_reference.as_deref())
                    .push_bind(line.transaction_code.as_deref())
                    .push_bind(if bare.matched { "matched" } else { "unmatched" })
                    .push_bind(None::<&str>)
                    .push_bind(if bare.matched { 2_i64 } else { 1 });
            });
            let done = insert.build().execute(&mut *tx).await.unwrap();
            inserted += done.rows_affected() as usize;
        }
        tx.commit().await.unwrap();
    });
    (matched, inserted)
}
