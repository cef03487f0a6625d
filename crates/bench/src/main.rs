//! Coopshares next to bare baselines, on the same machine in the same run.
//!
//! `cargo run --release -p coopshares-bench -- [--quick] [--postgres URL] [--only WORKLOAD]
//! [--lines N] [--seconds N]`; `--only intake|validation|pdf|certificates|statements|register|load`
//! runs one workload, `--lines` sets the size of `statements` and `register`, `--seconds` the
//! length of each `load` route.
//!
//! Workload `intake` (issue: subscription intake): submissions per second and p50/p99 latency
//! of `POST /subscribe` (the public form) and `POST /api/v1/subscription-requests`, on SQLite
//! and, with `--postgres`, on PostgreSQL. Each is next to a baseline: a bare axum handler that
//! parses the same form (or JSON) and inserts one row of the same width, one transaction per
//! request, nothing else. Server and load generator share the process and the machine, for
//! both. At these 16 connections the intake writer's transactions hold only a few submissions
//! each, so its fixed cost per transaction (some ten statements) and the four rows it writes per
//! submission (contact, request, confirmation email, audit) weigh more against the bare single
//! insert than under the 64 connections of `load`, which group larger batches.
//!
//! Workload `validation` (issue: bulk validation of 10,000 requests; 40 with `--quick`):
//! `capital::validate`, what the back office's "validate selected" calls, over N requests
//! submitted beforehand (untimed) in a fresh store whose settings name the cooperative and its
//! IBAN. Four rows per backend: sequentially, one transaction per request, as the back office
//! does (the honest figure); from 4 concurrent tasks; and two diagnostics, sequentially, with a
//! renderer that returns a fixed PDF instead of drawing one: a tiny one ("without PDF
//! rendering": what drawing and storing the document cost) and one of the real size (what
//! drawing alone costs). The baseline, in
//! the same run on the same backend with the same durability settings, writes per request the
//! same 17 rows in 16 statements into bare tables (primary keys only) in one transaction, with
//! the emails, PDF and audit details copied from what the real validation stored
//! (`validation.rs` says which rows).
//!
//! Workload `pdf`: capital release requests per second from `PdfRenderer`, with a realistic
//! document and its EPC QR code, next to `bare_page_pdf` (one line on one A4 page, same crate
//! and font); 1,000 of each (20 with `--quick`), one thread, after a warm-up, in turns of 25
//! so that a slower stretch of the machine falls on both.
//!
//! Workload `certificates`: membership certificates per second from `PdfRenderer` (a person
//! holding two share types, a named signatory, no pictures), next to `bare_page_pdf`; 1,000 of
//! each (20 with `--quick`), one thread, after a warm-up, in turns of 25. Target: within 2 ×
//! the bare page.
//!
//! Workload `statements` (issue: a camt.053 file of 100,000 entries paying 100,000 open calls;
//! 100 with `--quick`): `statements::import` of the whole file (parse, store each line once,
//! match each reference to an open call, post the payment, admit the holder), in one call, on a
//! store holding N open calls written beforehand (untimed) through the store ports, each with
//! its contact and validated request. Next to it, in the same run on the same backend with the
//! same durability settings, a baseline that parses the same bytes, matches the references in
//! memory and inserts the same lines into a bare table in one transaction with multi-row
//! INSERTs; and `parse only` as a diagnostic. Seconds, lines per second, the ratio to the
//! baseline and the process's peak memory per row; afterwards (untimed) every call must be
//! paid and N member numbers given, else the row says so (`statements.rs` says more).
//!
//! Workload `register` (issue: a register of 1,000,000 movements; 1,000 with `--quick`): the
//! CSV and XLSX exports next to one streamed query formatting the same lines, with peak memory;
//! the back-office register page and the contact search, p50/p99 over repeated calls.
//!
//! Workload `load` (issue: hardening): `wrk` from a second process sends the public form and
//! the API (new applicants, then applicants already known) to Coopshares running in a child
//! process, 64 connections for 60 s per route (1 s with `--quick`); errors, throughput,
//! latency and the server's memory over the run; then the
//! same against the bare server of `intake`, in a child process too (`soak.rs`).
//!
//! Every run ends with one summary table: workload, backend, figure, baseline, ratio and peak
//! memory. Figures are printed, never asserted.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark binary: a failed set-up step ends the run with its reason"
)]

/// Runs `$body` with `$p` bound to the sqlx pool of either backend.
macro_rules! on_pool {
    ($pool:expr, |$p:ident| $body:expr) => {
        match $pool {
            $crate::baseline::Pool::Sqlite($p) => $body,
            $crate::baseline::Pool::Postgres($p) => $body,
        }
    };
}

mod baseline;
mod certificates;
mod load;
mod pdf;
mod register;
mod soak;
mod statements;
mod summary;
mod validation;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use coopshares_app::clock::{Clock, SystemClock};
use coopshares_app::email::Mailer;
use coopshares_app::ports::{Actor, Store};
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_app::tokens;
use coopshares_domain::user::ApiRole;
use coopshares_web::limits::RateLimiter;
use coopshares_web::{AppState, WebConfig};

use crate::load::{Measure, run_load};

/// The workloads, in the order they run.
const WORKLOADS: [&str; 7] = [
    "intake",
    "validation",
    "pdf",
    "certificates",
    "statements",
    "register",
    "load",
];

const USAGE: &str = "usage: coopshares-bench [--quick] [--postgres URL] [--only WORKLOAD] \
     [--lines N] [--seconds N]\n  --quick          smaller sizes (as .ci/run runs it)\n  \
     --postgres URL   PostgreSQL too (a fresh schema per store, dropped afterwards)\n  \
     --only WORKLOAD  run one workload: intake, validation, pdf, certificates, statements, \
     register or load\n  \
     --lines N        statements: N calls and lines (default 100000, 100 with --quick); \
     register: N members (default 1000000, 1000 with --quick)\n  \
     --seconds N      load: N seconds per route (default 60, 1 with --quick)";

struct Args {
    quick: bool,
    postgres: Option<String>,
    only: Option<String>,
    lines: Option<usize>,
    seconds: Option<u64>,
}

impl Args {
    /// Whether `workload` runs (all of them, unless `--only` names one).
    fn runs(&self, workload: &str) -> bool {
        self.only.as_deref().is_none_or(|only| only == workload)
    }
}

fn usage_error(problem: &str) -> ! {
    eprintln!("{problem}\n{USAGE}");
    std::process::exit(2);
}

fn args() -> Args {
    let mut args = Args {
        quick: false,
        postgres: None,
        only: None,
        lines: None,
        seconds: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--quick" => args.quick = true,
            "--postgres" => args.postgres = iter.next(),
            "--only" => match iter.next() {
                Some(name) if WORKLOADS.contains(&name.as_str()) => args.only = Some(name),
                other => usage_error(&format!(
                    "--only takes one of {}, not {}",
                    WORKLOADS.join(", "),
                    other.unwrap_or_default()
                )),
            },
            "--lines" => match iter.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => args.lines = Some(n),
                _ => usage_error("--lines takes a positive number"),
            },
            "--seconds" => match iter.next().and_then(|n| n.parse().ok()) {
                Some(n) if n > 0 => args.seconds = Some(n),
                _ => usage_error("--seconds takes a positive number"),
            },
            "--help" | "-h" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => usage_error(&format!("unknown argument {other}")),
        }
    }
    args
}

/// Where a workload runs.
#[derive(Debug)]
pub enum Backend {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Backend {
    fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }
}

async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    address
}

/// A fresh, migrated Coopshares store on `backend`: the file `{name}.db` in the SQLite
/// directory, or the PostgreSQL schema for `name`.
async fn open_store(backend: &Backend, name: &str) -> Arc<dyn Store> {
    match backend {
        Backend::Sqlite(dir) => {
            let url = format!("sqlite://{}", dir.join(format!("{name}.db")).display());
            let store = coopshares_store_sqlite::SqliteStore::open(&url)
                .await
                .unwrap();
            store.migrate().await.unwrap();
            Arc::new(store)
        }
        Backend::Postgres(url) => {
            let options = baseline::fresh_schema(url, name).await;
            let store = coopshares_store_postgres::PgStore::open_with(options)
                .await
                .unwrap();
            store.migrate().await.unwrap();
            Arc::new(store)
        }
    }
}

/// Share type A as the workloads subscribe it: 250 per share, for persons, on the public form.
async fn create_share_type_a(store: &dyn Store, clock: &dyn Clock) {
    share_types::create(
        store,
        clock,
        &Actor::Operator,
        &ShareTypeInput {
            code: "A".into(),
            name_fr: "Part A".into(),
            nominal_value: "250".into(),
            for_persons: true,
            min_quantity: "1".into(),
            on_public_form: true,
            ..ShareTypeInput::default()
        },
    )
    .await
    .unwrap();
}

/// A fresh Coopshares on `backend` with one share type, served on loopback; and a manager
/// API token.
async fn coopshares(backend: &Backend) -> (SocketAddr, String) {
    let store = open_store(backend, "coopshares").await;
    let clock = Arc::new(SystemClock);
    create_share_type_a(store.as_ref(), clock.as_ref()).await;
    let token = tokens::create_api_token(
        store.as_ref(),
        clock.as_ref(),
        &Actor::Operator,
        "bench",
        ApiRole::Manager,
    )
    .await
    .unwrap()
    .secret;
    let mailer = Arc::new(Mailer {
        renderer: Arc::new(coopshares_mail::Templates::new().unwrap()),
        message_id_domain: "bench.example".to_owned(),
        base_url: "http://127.0.0.1".to_owned(),
    });
    // The server's background upkeep, as `coopshares serve` runs it.
    tokio::spawn(coopshares_app::housekeeping::run(
        Arc::clone(&store),
        std::future::pending(),
    ));
    let mut state = AppState::new(
        store,
        clock,
        mailer,
        Arc::new(coopshares_documents::PdfRenderer),
        WebConfig::new(None, &[], false).unwrap(),
    )
    .unwrap();
    // One client address sends everything: lift the per-IP limit of the public form.
    state.form_limiter = Arc::new(RateLimiter::new(usize::MAX, Duration::from_secs(1)));
    (serve(coopshares_web::router(state)).await, token)
}

fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The public form as a browser posts it; `n` makes the applicant unique.
pub fn form_fields(n: u64, csrf: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf_token", csrf),
            ("form_token", &random_token()),
            ("kind", "person"),
            ("applicant.first_name", "Anaïs"),
            ("applicant.last_name", "Dubois-Léger"),
            ("applicant.email", &format!("applicant{n}@bench.example")),
            ("email_confirmation", &format!("applicant{n}@bench.example")),
            ("applicant.birth_date", "1985-04-23"),
            ("applicant.phone", "+32 470 12 34 56"),
            ("applicant.language", "fr"),
            ("applicant.iban", "BE71 0961 2345 6769"),
            ("applicant.address.street", "Rue de la Loi 16"),
            ("applicant.address.postal_code", "1000"),
            ("applicant.address.city", "Bruxelles"),
            ("applicant.address.country", "BE"),
            ("share_type", "A"),
            ("quantity", "4"),
            ("consents", "data_policy"),
            ("consents", "statutes"),
            ("consents", "financial_risk"),
        ])
        .finish()
}

/// The same application as API JSON.
pub fn api_body(n: u64) -> String {
    serde_json::json!({
        "applicant": {
            "kind": "person", "first_name": "Anaïs", "last_name": "Dubois-Léger",
            "email": format!("applicant{n}@bench.example"), "birth_date": "1985-04-23",
            "phone": "+32 470 12 34 56", "language": "fr", "iban": "BE71 0961 2345 6769",
            "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
        },
        "share_type": "A", "quantity": 4,
        "consents": ["data_policy", "statutes", "financial_risk"]
    })
    .to_string()
}

/// The CSRF cookie and token a visitor gets with the form.
async fn csrf_of(client: &load::Client, address: SocketAddr) -> (String, String) {
    let response = client
        .request(
            Request::get(format!("http://{address}/subscribe"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("coopshares_csrf="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let token = cookie.trim_start_matches("coopshares_csrf=").to_owned();
    (cookie, token)
}

async fn intake(
    backend: &Backend,
    requests: u64,
    concurrency: usize,
) -> Vec<(String, Measure, Measure)> {
    let client = load::client();
    let base = baseline::start(backend).await;
    let (app, token) = coopshares(backend).await;
    let (cookie, csrf) = csrf_of(&client, app).await;

    let form = run_load(&client, requests, concurrency, 303, {
        let (cookie, csrf) = (cookie.clone(), csrf.clone());
        move |n| {
            Request::post(format!("http://{app}/subscribe"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie.clone())
                .body(Body::from(form_fields(n, &csrf)))
                .unwrap()
        }
    })
    .await;
    let form_base = run_load(&client, requests, concurrency, 303, move |n| {
        Request::post(format!("http://{base}/subscribe"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form_fields(n, "unused")))
            .unwrap()
    })
    .await;
    let api = run_load(&client, requests, concurrency, 201, move |n| {
        Request::post(format!("http://{app}/api/v1/subscription-requests"))
            .header("content-type", "application/json")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(api_body(n + 1_000_000)))
            .unwrap()
    })
    .await;
    let api_base = run_load(&client, requests, concurrency, 201, move |n| {
        Request::post(format!("http://{base}/api"))
            .header("content-type", "application/json")
            .body(Body::from(api_body(n + 1_000_000)))
            .unwrap()
    })
    .await;
    vec![
        ("POST /subscribe".to_owned(), form, form_base),
        (
            "POST /api/v1/subscription-requests".to_owned(),
            api,
            api_base,
        ),
    ]
}

/// Resets the process's peak resident memory to its current value (Linux ≥ 4.0), so the next
/// [`peak_memory_mib`] covers what ran since. Elsewhere the peak simply keeps growing.
pub(crate) fn reset_peak_memory() {
    // "5" resets the high-water mark; see proc(5), /proc/pid/clear_refs.
    let _ignored = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's peak resident memory, from /proc (Linux), in MiB.
pub(crate) fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    if let Some(target) = std::env::args()
        .skip_while(|a| a != "--serve-for-load")
        .nth(1)
    {
        soak::serve(&target).await;
        return;
    }
    let args = args();
    let dir = tempfile::tempdir().unwrap();
    let mut backends = vec![Backend::Sqlite(dir.path().to_owned())];
    if let Some(url) = &args.postgres {
        backends.push(Backend::Postgres(url.clone()));
    }
    let mut first = true;
    let started = std::time::Instant::now();
    let mut section = |name: &str| {
        let runs = args.runs(name);
        if runs && !std::mem::take(&mut first) {
            println!("(after {:.1} s)\n", started.elapsed().as_secs_f64());
        }
        runs
    };
    if section("intake") {
        intake_workload(&args, &backends).await;
    }
    if section("validation") {
        validation_workload(&args, &backends).await;
    }
    if section("pdf") {
        pdf_workload(&args).await;
    }
    if section("certificates") {
        certificates_workload(&args, &backends).await;
    }
    if section("statements") {
        statements_workload(&args, &backends).await;
    }
    if section("register") {
        register_workload(&args, &backends).await;
    }
    if section("load") {
        load_workload(&args, &backends).await;
    }
    summary::print();
    println!("whole run: {:.1} s", started.elapsed().as_secs_f64());
    if let Some(url) = &args.postgres {
        baseline::drop_made(url).await;
    }
}

async fn load_workload(args: &Args, backends: &[Backend]) {
    let seconds = args.seconds.unwrap_or(if args.quick { 1 } else { 60 });
    println!(
        "load: wrk from a second process, {connections} connections for {seconds} s per route, \
         against Coopshares in a child process (per-IP form limit lifted, outbox not delivered); \
         every request a new applicant{}",
        if args.quick { " (--quick)" } else { "" },
        connections = soak::CONNECTIONS,
    );
    println!(
        "| route | backend | seconds | requests | req/s | p50 ms | p99 ms | errors | server MiB first quarter | last quarter | peak | log KB per request | checkpoints |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let ms = |v: Option<f64>| v.map_or_else(|| "?".to_owned(), |v| format!("{v:.2}"));
    for backend in backends {
        match soak::run(backend, seconds).await {
            Ok(pairs) => {
                for pair in pairs {
                    for (o, label) in [(&pair.coopshares, ""), (&pair.baseline, " (bare baseline)")]
                    {
                        let (log, checkpoints) = match o.wal {
                            Some(wal) => (
                                format!("{:.1}", wal.bytes / 1024.0 / o.requests.max(1) as f64),
                                wal.checkpoints.to_string(),
                            ),
                            None => ("—".to_owned(), "—".to_owned()),
                        };
                        println!(
                            "| {}{label} | {} | {} | {} | {:.0} | {} | {} | {} | {:.0} | {:.0} | {:.0} | {log} | {checkpoints} |",
                            o.route,
                            o.backend,
                            o.seconds,
                            o.requests,
                            o.per_second,
                            ms(o.p50_ms),
                            ms(o.p99_ms),
                            o.errors,
                            o.rss_first,
                            o.rss_last,
                            o.rss_peak,
                        );
                    }
                    let (o, base) = (&pair.coopshares, &pair.baseline);
                    summary::add(
                        format!("load {} ({} conn.)", o.route, soak::CONNECTIONS),
                        o.backend,
                        format!(
                            "{:.0} req/s, p99 {} ms, {} errors, server {:.0} → {:.0} MiB",
                            o.per_second,
                            ms(o.p99_ms),
                            o.errors,
                            o.rss_first,
                            o.rss_last
                        ),
                        format!(
                            "{:.0} req/s, p99 {} ms, {} errors",
                            base.per_second,
                            ms(base.p99_ms),
                            base.errors
                        ),
                        Some(base.per_second / o.per_second),
                        Some(o.rss_peak),
                    );
                }
            }
            Err(why) => println!("| — | {} | load not run: {why} |", backend.name()),
        }
    }
}

async fn register_workload(args: &Args, backends: &[Backend]) {
    let n = args
        .lines
        .unwrap_or(if args.quick { 1_000 } else { 1_000_000 });
    let samples = if args.quick { 10 } else { 200 };
    println!(
        "register: {n} members, one issue movement each ({n} movements); CSV export through \
         RegisterReader vs one streamed query formatting the same lines; back-office latencies \
         over {samples} calls{}",
        if args.quick { " (--quick)" } else { "" }
    );
    println!(
        "| workload | backend | N | seconds | MB written | peak memory MiB | baseline seconds | baseline peak MiB | ratio |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut latencies = Vec::new();
    for backend in backends {
        let outcome = register::run(backend, n, samples).await;
        println!(
            "| register CSV export | {} | {} | {:.2} | {:.1} | {} | {:.2} | {} | {:.2} × |",
            backend.name(),
            outcome.n,
            outcome.csv.elapsed.as_secs_f64(),
            outcome.csv.bytes as f64 / 1e6,
            outcome
                .csv
                .peak_mib
                .map_or("?".to_owned(), |m| format!("{m:.0}")),
            outcome.baseline.elapsed.as_secs_f64(),
            outcome
                .baseline
                .peak_mib
                .map_or("?".to_owned(), |m| format!("{m:.0}")),
            outcome.csv.elapsed.as_secs_f64() / outcome.baseline.elapsed.as_secs_f64(),
        );
        println!(
            "| register XLSX export | {} | {} | {:.2} | {:.1} | {} | {:.2} | {} | {:.2} × |",
            backend.name(),
            outcome.n,
            outcome.xlsx.elapsed.as_secs_f64(),
            outcome.xlsx.bytes as f64 / 1e6,
            outcome
                .xlsx
                .peak_mib
                .map_or("?".to_owned(), |m| format!("{m:.0}")),
            outcome.baseline.elapsed.as_secs_f64(),
            outcome
                .baseline
                .peak_mib
                .map_or("?".to_owned(), |m| format!("{m:.0}")),
            outcome.xlsx.elapsed.as_secs_f64() / outcome.baseline.elapsed.as_secs_f64(),
        );
        for (format, measured) in [("CSV", &outcome.csv), ("XLSX", &outcome.xlsx)] {
            summary::add(
                format!("register {format} export (N = {})", outcome.n),
                backend.name(),
                format!("{:.2} s", measured.elapsed.as_secs_f64()),
                format!(
                    "{:.2} s one streamed query",
                    outcome.baseline.elapsed.as_secs_f64()
                ),
                Some(measured.elapsed.as_secs_f64() / outcome.baseline.elapsed.as_secs_f64()),
                measured.peak_mib,
            );
        }
        for (what, measured, bare) in [
            ("register page", outcome.page, outcome.bare_page),
            ("contact search", outcome.search, outcome.bare_search),
        ] {
            summary::add(
                format!("{what} (N = {})", outcome.n),
                backend.name(),
                format!("p50 {:.2} ms, p99 {:.2} ms", measured.p50, measured.p99),
                format!("p50 {:.2} ms, p99 {:.2} ms", bare.p50, bare.p99),
                Some(measured.p99 / bare.p99),
                None,
            );
        }
        latencies.push((backend.name(), outcome));
    }
    println!();
    println!(
        "| workload | backend | N contacts | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (backend, outcome) in &latencies {
        for (what, measured, bare) in [
            (
                "register page (totals + 100 members from a random place)",
                outcome.page,
                outcome.bare_page,
            ),
            (
                "contact search (a name fragment, 50 results)",
                outcome.search,
                outcome.bare_search,
            ),
        ] {
            println!(
                "| {what} | {backend} | {} | {:.2} | {:.2} | {:.2} | {:.2} |",
                outcome.n, measured.p50, measured.p99, bare.p50, bare.p99
            );
        }
    }
    for (backend, outcome) in &latencies {
        println!(
            "{backend}: set-up (untimed) {:.1} s",
            outcome.setup.as_secs_f64()
        );
    }
    println!(
        "targets (issue): export of 1,000,000 movements within 10 s and 100 MB; register list and contact search p99 within 50 ms at 1,000,000 contacts"
    );
}

async fn intake_workload(args: &Args, backends: &[Backend]) {
    let (requests, concurrency) = if args.quick { (50, 8) } else { (2_000, 16) };
    println!(
        "intake: {requests} submissions per measure, {concurrency} concurrent connections, on loopback{}",
        if args.quick { " (--quick)" } else { "" }
    );
    println!(
        "| workload | backend | req/s | p50 ms | p99 ms | baseline req/s | baseline p99 ms | throughput ratio | p99 ratio | errors |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for backend in backends {
        reset_peak_memory();
        let rows = intake(backend, requests, concurrency).await;
        let peak = peak_memory_mib();
        for (name, measure, base) in rows {
            summary::add(
                format!("intake {name} ({concurrency} conn.)"),
                backend.name(),
                format!(
                    "{:.0} req/s, p99 {:.2} ms",
                    measure.per_second(),
                    measure.percentile_ms(99.0)
                ),
                format!(
                    "{:.0} req/s, p99 {:.2} ms",
                    base.per_second(),
                    base.percentile_ms(99.0)
                ),
                Some(base.per_second() / measure.per_second()),
                peak,
            );
            println!(
                "| {name} | {} | {:.0} | {:.2} | {:.2} | {:.0} | {:.2} | {:.0} % | {:.2} × | {} |",
                backend.name(),
                measure.per_second(),
                measure.percentile_ms(50.0),
                measure.percentile_ms(99.0),
                base.per_second(),
                base.percentile_ms(99.0),
                100.0 * measure.per_second() / base.per_second(),
                measure.percentile_ms(99.0) / base.percentile_ms(99.0),
                measure.errors + base.errors,
            );
        }
    }
    if let Some(mib) = peak_memory_mib() {
        println!(
            "peak memory of the intake workload (server, baseline and load generator): {mib:.0} MiB"
        );
    }
}

async fn validation_workload(args: &Args, backends: &[Backend]) {
    let n = if args.quick { 40 } else { 10_000 };
    println!(
        "validation: {n} submitted requests per row, validated one transaction each; baseline: \
         the same {rows} rows in {statements} statements per request into bare tables{}",
        if args.quick { " (--quick)" } else { "" },
        rows = validation::ROWS_PER_VALIDATION,
        statements = validation::STATEMENTS_PER_VALIDATION,
    );
    println!(
        "| workload | backend | N | seconds | validations/s | baseline seconds | baseline/s | ratio | peak memory MiB | errors |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
    for backend in backends {
        let outcome = validation::run(backend, n).await;
        for row in &outcome.rows {
            let seconds = row.measure.elapsed.as_secs_f64();
            let base = row.baseline.elapsed.as_secs_f64();
            summary::add(
                format!("validation: {} (N = {})", row.label, row.n),
                row.backend,
                format!("{:.0} validations/s", row.n as f64 / seconds),
                format!("{:.0} /s", row.n as f64 / base),
                Some(seconds / base),
                row.peak_mib,
            );
            println!(
                "| {} | {} | {} | {seconds:.2} | {:.0} | {base:.2} | {:.0} | {:.2} × | {} | {} |",
                row.label,
                row.backend,
                row.n,
                row.n as f64 / seconds,
                row.n as f64 / base,
                seconds / base,
                row.peak_mib
                    .map_or_else(|| "n/a".to_owned(), |mib| format!("{mib:.0}")),
                row.measure.errors + row.baseline.errors,
            );
        }
        notes.push(format!(
            "{}: {:.2} rows inserted per validation in the real store (plus 2 updates); \
             capital release request PDF {} bytes, written by the baseline too",
            backend.name(),
            outcome.inserted_per_validation,
            outcome.pdf_bytes,
        ));
    }
    for note in notes {
        println!("{note}");
    }
    println!(
        "the baseline of the concurrent row runs {} tasks too; the diagnostic rows are set against \
         the sequential baseline (which writes the full-size PDF)",
        validation::CONCURRENCY
    );
}

async fn pdf_workload(args: &Args) {
    let count = if args.quick { 20 } else { 1_000 };
    println!(
        "pdf: {count} documents per measure, one thread, after a warm-up{}",
        if args.quick { " (--quick)" } else { "" }
    );
    reset_peak_memory();
    let (full, bare) = tokio::task::spawn_blocking(move || pdf::run(count))
        .await
        .unwrap();
    summary::add(
        "capital release request PDF (render)",
        "none",
        format!("{:.2} ms per PDF", full.ms_each()),
        format!("{:.2} ms bare page", bare.ms_each()),
        Some(full.ms_each() / bare.ms_each()),
        peak_memory_mib(),
    );
    println!(
        "| workload | PDFs/s | ms per PDF | bytes | baseline PDFs/s | baseline ms per PDF | baseline bytes | ratio (time) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| capital release request (PdfRenderer) vs bare_page_pdf | {:.0} | {:.2} | {} | {:.0} | {:.2} | {} | {:.2} × |",
        full.per_second(),
        full.ms_each(),
        full.bytes,
        bare.per_second(),
        bare.ms_each(),
        bare.bytes,
        full.ms_each() / bare.ms_each(),
    );
}

async fn certificates_workload(args: &Args, backends: &[Backend]) {
    let count = if args.quick { 20 } else { 1_000 };
    println!(
        "certificates: {count} documents per measure, one thread, after a warm-up{}",
        if args.quick { " (--quick)" } else { "" }
    );
    reset_peak_memory();
    let (full, bare) = tokio::task::spawn_blocking(move || certificates::run(count))
        .await
        .unwrap();
    summary::add(
        "certificate PDF (render)",
        "none",
        format!("{:.2} ms per PDF", full.ms_each()),
        format!("{:.2} ms bare page", bare.ms_each()),
        Some(full.ms_each() / bare.ms_each()),
        peak_memory_mib(),
    );
    println!(
        "| workload | PDFs/s | ms per PDF | bytes | baseline PDFs/s | baseline ms per PDF | baseline bytes | ratio (time) |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    println!(
        "| membership certificate (PdfRenderer) vs bare_page_pdf | {:.0} | {:.2} | {} | {:.0} | {:.2} | {} | {:.2} × |",
        full.per_second(),
        full.ms_each(),
        full.bytes,
        bare.per_second(),
        bare.ms_each(),
        bare.bytes,
        full.ms_each() / bare.ms_each(),
    );
    for backend in backends {
        reset_peak_memory();
        let issued = certificates::issue_on(backend, count).await;
        summary::add(
            "certificate issued (render + store + audit + outbox)",
            backend.name(),
            format!("{:.2} ms each", issued.ms_each()),
            format!("{:.2} ms bare page", bare.ms_each()),
            Some(issued.ms_each() / bare.ms_each()),
            peak_memory_mib(),
        );
        println!(
            "| certificate issued: render + store + audit + outbox, one transaction each ({}) vs bare_page_pdf | {:.0} | {:.2} | {} | {:.0} | {:.2} | {} | {:.2} × |",
            backend.name(),
            issued.per_second(),
            issued.ms_each(),
            issued.bytes,
            bare.per_second(),
            bare.ms_each(),
            bare.bytes,
            issued.ms_each() / bare.ms_each(),
        );
    }
    println!("target (issue): a certificate within 2 × the bare page");
}

async fn statements_workload(args: &Args, backends: &[Backend]) {
    let n = args.lines.unwrap_or(if args.quick { 100 } else { 100_000 });
    println!(
        "statements: a camt.053 file of {n} credits paying {n} open capital calls in full, \
         imported in one call of statements::import; baseline: parse, match in memory, {rows} \
         rows per INSERT into a bare table, one transaction{}",
        if args.quick { " (--quick)" } else { "" },
        rows = statements::BULK_ROWS,
    );
    println!(
        "| workload | backend | N | seconds | lines/s | ratio to baseline | peak memory MiB | check |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut notes = Vec::new();
    for backend in backends {
        let outcome = statements::run(backend, n).await;
        for row in &outcome.rows {
            let seconds = row.elapsed.as_secs_f64();
            summary::add(
                format!("statement import: {} (N = {})", row.label, row.n),
                row.backend,
                format!("{seconds:.2} s, {:.0} lines/s", row.n as f64 / seconds),
                "",
                Some(row.ratio),
                row.peak_mib,
            );
            println!(
                "| {} | {} | {} | {seconds:.2} | {:.0} | {:.2} × | {} | {} |",
                row.label,
                row.backend,
                row.n,
                row.n as f64 / seconds,
                row.ratio,
                row.peak_mib
                    .map_or_else(|| "n/a".to_owned(), |mib| format!("{mib:.0}")),
                row.check,
            );
            if row.check.starts_with("WARNING") {
                notes.push(format!("{}: {}: {}", row.backend, row.label, row.check));
            }
        }
        notes.extend(outcome.notes);
    }
    for note in notes {
        println!("{note}");
    }
    println!(
        "peak memory: the process's peak resident set (VmHWM) while the row ran, reset before \
         each row through /proc/self/clear_refs (where Linux refuses, the process's peak so far); \
         it includes the file and the calls the benchmark holds throughout"
    );
    println!(
        "targets (issue): the import within 10 s on SQLite on a 2-core machine, and within 3 × \
         the baseline"
    );
}
