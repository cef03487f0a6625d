//! Crash safety (issue #9): the real `coopshares serve` killed with SIGKILL in the middle of a
//! large bank-statement import and of a bulk validation, then started again on the same
//! database. Each business transaction must be there whole or not at all, numbering must have
//! no gap, the outbox must then deliver every committed email exactly once as the receiving
//! SMTP server sees it (counted by Message-ID), and doing the operation again after the restart
//! completes it without duplicates or gaps.
//!
//! The killed server sends its emails to a closed port, so nothing is delivered before the kill
//! and every message the test SMTP server receives comes from the restarted server. The killed
//! server's failed attempts leave back-off delays (30 s, doubling), and an email it had claimed
//! when it died keeps its 5-minute lease; before the restart the tests move those timers back
//! to the email's creation, as if the operator had waited, because what they check is how many
//! times each email arrives, not when.
//!
//! What these tests do not cover, because it cannot be exactly-once: a server killed after the
//! SMTP server accepted a message (`250` after `DATA`) and before the worker recorded it as sent
//! sends it again once the lease runs out. SMTP has no way to ask whether a message arrived, so
//! the outbox is at least once; the Message-ID stays the same so the receiver can tell.
//!
//! Run on SQLite always, and on PostgreSQL when `COOPSHARES_TEST_POSTGRES_URL` is set (a fresh
//! database per test); without it the PostgreSQL tests are skipped with a message, unless
//! `COOPSHARES_REQUIRE_POSTGRES=1` makes that a failure. One test runs at a time: each starts
//! servers that keep both cores of a small machine busy.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed step is a failed test"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use coopshares_test_smtp::TestSmtpServer;
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_coopshares");
const MANAGER_EMAIL: &str = "treasurer@coop.example";
const PASSWORD: &str = "a long enough password";
/// The cooperative's account, as its settings name it and the statement is about.
const COOP_IBAN: &str = "BE71096123456769";

/// Requests validated in one "validate selected" that is killed part-way.
const VALIDATION_REQUESTS: usize = 120;
/// Open calls the large statement pays, one line each.
const IMPORT_CALLS: usize = 100;
/// Lines of the large statement (the paying ones and others that pay nothing).
const IMPORT_LINES: usize = 20_000;
/// The kill comes once this many requests of the bulk validation are committed.
const VALIDATED_BEFORE_KILL: i64 = 40;
/// The kill comes once the import's transaction has held the database for this long.
const IMPORT_WRITING_BEFORE_KILL: Duration = Duration::from_millis(1_000);
/// The longest any step may take before the test gives up.
const PATIENCE: Duration = Duration::from_secs(120);

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

// ---------------------------------------------------------------------------------------------
// Databases

/// A database of its own for one test: an SQLite file in a temporary folder, or a new
/// PostgreSQL database dropped at the end.
struct TestDb {
    url: String,
    postgres: Option<PostgresDb>,
    dir: tempfile::TempDir,
}

struct PostgresDb {
    /// The server's URL from the environment, to drop the database at the end.
    admin_url: String,
    name: String,
}

impl TestDb {
    fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        TestDb {
            url: format!("sqlite://{}", dir.path().join("coop.db").display()),
            postgres: None,
            dir,
        }
    }

    /// A fresh database on the test PostgreSQL server, if one is configured.
    fn postgres() -> Option<TestDb> {
        let Ok(admin_url) = std::env::var("COOPSHARES_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var("COOPSHARES_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "COOPSHARES_REQUIRE_POSTGRES=1 but COOPSHARES_TEST_POSTGRES_URL is not set"
            );
            eprintln!("skipped on PostgreSQL: COOPSHARES_TEST_POSTGRES_URL is not set");
            return None;
        };
        let mut bytes = [0_u8; 6];
        getrandom::fill(&mut bytes).unwrap();
        let name = format!(
            "crash_{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        psql(&admin_url, &format!("CREATE DATABASE {name}"));
        let mut url = url::Url::parse(&admin_url).unwrap();
        url.set_path(&format!("/{name}"));
        Some(TestDb {
            url: url.to_string(),
            postgres: Some(PostgresDb { admin_url, name }),
            dir: tempfile::tempdir().unwrap(),
        })
    }

    fn backend(&self) -> &'static str {
        if self.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    /// A file for the servers' logs, kept with the test's other files.
    fn log(&self) -> PathBuf {
        self.dir.path().join("server.log")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(pg) = &self.postgres {
            let _ = Command::new("psql")
                .args([
                    pg.admin_url.as_str(),
                    "-q",
                    "-c",
                    &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", pg.name),
                ])
                .status();
        }
    }
}

fn psql(url: &str, sql: &str) {
    let status = Command::new("psql")
        .args([url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .status()
        .expect("psql is needed for the PostgreSQL crash tests");
    assert!(status.success(), "psql failed: {sql}");
}

/// A connection of the test's own to the database, to look at what the server left.
enum Inspector {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Inspector {
    async fn connect(db: &TestDb) -> Inspector {
        if db.postgres.is_some() {
            Inspector::Postgres(
                sqlx::postgres::PgPoolOptions::new()
                    .max_connections(1)
                    .connect(&db.url)
                    .await
                    .unwrap(),
            )
        } else {
            // Read-write, so that opening the file after a kill recovers its WAL; the tests
            // only write to it while no server runs.
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(&db.url)
                .unwrap()
                .busy_timeout(Duration::from_secs(10));
            Inspector::Sqlite(
                sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(1)
                    .connect_with(options)
                    .await
                    .unwrap(),
            )
        }
    }

    async fn number(&self, sql: &str) -> i64 {
        let result = match self {
            Inspector::Sqlite(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
            Inspector::Postgres(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await,
        };
        result.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    async fn numbers(&self, sql: &str) -> Vec<i64> {
        let result = match self {
            Inspector::Sqlite(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_all(pool).await,
            Inspector::Postgres(pool) => sqlx::query_scalar::<_, i64>(sql).fetch_all(pool).await,
        };
        result.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    async fn texts(&self, sql: &str) -> Vec<String> {
        let result = match self {
            Inspector::Sqlite(pool) => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await,
            Inspector::Postgres(pool) => sqlx::query_scalar::<_, String>(sql).fetch_all(pool).await,
        };
        result.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    async fn execute(&self, sql: &str) -> u64 {
        let result = match self {
            Inspector::Sqlite(pool) => sqlx::query(sql)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()),
            Inspector::Postgres(pool) => sqlx::query(sql)
                .execute(pool)
                .await
                .map(|done| done.rows_affected()),
        };
        result.unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// Asserts that `sql` (a count) is `expected`.
    async fn expect(&self, expected: i64, sql: &str, what: &str) {
        assert_eq!(self.number(sql).await, expected, "{what} ({sql})");
    }

    async fn close(self) {
        match self {
            Inspector::Sqlite(pool) => pool.close().await,
            Inspector::Postgres(pool) => pool.close().await,
        }
    }
}

/// Watches whether a long write transaction of the server is open, from outside.
enum WriteWatch {
    /// SQLite: a write transaction holds the file's write lock, so `BEGIN IMMEDIATE` on a
    /// connection that does not wait is refused while it is open.
    Sqlite(sqlx::SqliteConnection),
    /// PostgreSQL: the server's transaction has an id (it wrote something) in
    /// `pg_stat_activity`, with its start time.
    Postgres(sqlx::PgConnection),
}

impl WriteWatch {
    async fn open(db: &TestDb) -> WriteWatch {
        use sqlx::Connection;
        if db.postgres.is_some() {
            WriteWatch::Postgres(sqlx::PgConnection::connect(&db.url).await.unwrap())
        } else {
            let options = sqlx::sqlite::SqliteConnectOptions::from_str(&db.url)
                .unwrap()
                .busy_timeout(Duration::ZERO);
            WriteWatch::Sqlite(
                sqlx::SqliteConnection::connect_with(&options)
                    .await
                    .unwrap(),
            )
        }
    }

    /// Whether a write transaction of another connection is open now; on PostgreSQL, one that
    /// has been open for at least `held`.
    async fn writing(&mut self, held: Duration) -> bool {
        match self {
            WriteWatch::Sqlite(conn) => {
                match sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await {
                    Ok(_) => {
                        sqlx::query("ROLLBACK").execute(&mut *conn).await.unwrap();
                        false
                    }
                    Err(_) => true,
                }
            }
            WriteWatch::Postgres(conn) => {
                let sql = format!(
                    "SELECT count(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid()
                       AND backend_xid IS NOT NULL
                       AND xact_start < clock_timestamp() - interval '{} milliseconds'",
                    held.as_millis()
                );
                sqlx::query_scalar::<_, i64>(&sql)
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap()
                    > 0
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The server, and HTTP

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An SMTP URL on which nothing listens: every delivery attempt is refused at once.
fn closed_smtp_url() -> String {
    format!("smtp://127.0.0.1:{}", free_port())
}

fn coopshares(db: &TestDb, args: &[&str], stdin: &str) -> String {
    let mut child = Command::new(BIN)
        .args(args)
        .env("COOPSHARES_DATABASE_URL", &db.url)
        .env("COOPSHARES_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "coopshares {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `coopshares serve` on the test's database, sending its emails to `smtp_url`.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(db: &TestDb, smtp_url: &str) -> Server {
        let port = free_port();
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(db.log())
            .unwrap();
        let mut child = Command::new(BIN)
            .arg("serve")
            .env("COOPSHARES_DATABASE_URL", &db.url)
            .env("COOPSHARES_LISTEN", format!("127.0.0.1:{port}"))
            .env("COOPSHARES_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("COOPSHARES_SMTP_URL", smtp_url)
            .env("COOPSHARES_MAIL_FROM", "Coop <noreply@coop.example>")
            .env("COOPSHARES_DATA_DIR", db.dir.path().join("data"))
            .env("COOPSHARES_LOG", "info,sqlx=warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first_line = String::new();
        stdout.read_line(&mut first_line).unwrap();
        assert!(
            first_line.contains("listening"),
            "serve did not start: {first_line:?}; see {}",
            db.log().display()
        );
        // Keep reading, as a terminal would, so that a line printed later never blocks it.
        std::thread::spawn(move || for _ in stdout.lines().map_while(Result::ok) {});
        let server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(response) = http(port, "GET", "/healthz", &[], b"")
                && response.status == 200
            {
                break;
            }
            assert!(Instant::now() < deadline, "/healthz never answered");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// SIGKILL (what `Child::kill` sends on Unix): no shutdown code runs.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The value of cookie `name` set by this response.
    fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(header, _)| header == "set-cookie")
            .find_map(|(_, value)| {
                let pair = value.split(';').next()?;
                let (key, value) = pair.split_once('=')?;
                (key.trim() == name).then(|| value.trim().to_owned())
            })
    }
}

/// One HTTP/1.1 request on a new connection. An error (or a response cut short) is what a
/// client sees when the server dies while answering.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(PATIENCE))?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let cut = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "response cut short");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(cut)?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.get(9..12))
        .and_then(|code| code.parse().ok())
        .ok_or_else(cut)?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let mut content = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(name, value)| name == "transfer-encoding" && value.contains("chunked"))
    {
        content = dechunk(&content).ok_or_else(cut)?;
    } else if let Some((_, length)) = headers.iter().find(|(name, _)| name == "content-length")
        && length.parse::<usize>().ok() != Some(content.len())
    {
        return Err(cut());
    }
    Ok(Response {
        status,
        headers,
        body: String::from_utf8_lossy(&content).into_owned(),
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// A JSON API call with the manager token.
fn api(port: u16, token: &str, method: &str, path: &str, body: &str) -> Response {
    let bearer = format!("Bearer {token}");
    http(
        port,
        method,
        path,
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/json"),
        ],
        body.as_bytes(),
    )
    .unwrap()
}

/// A manager's session in the back office.
struct Session {
    cookie: String,
    csrf: String,
}

fn hidden_csrf(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].to_owned()
}

fn log_in(port: u16) -> Session {
    let page = http(port, "GET", "/login", &[], b"").unwrap();
    assert_eq!(page.status, 200, "{}", page.body);
    let anonymous = page.cookie("coopshares_csrf").expect("a CSRF cookie");
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf_token", &hidden_csrf(&page.body))
        .append_pair("email", MANAGER_EMAIL)
        .append_pair("password", PASSWORD)
        .finish();
    let cookie = format!("coopshares_csrf={anonymous}");
    let logged_in = http(
        port,
        "POST",
        "/login",
        &[
            ("Cookie", &cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        form.as_bytes(),
    )
    .unwrap();
    assert_eq!(logged_in.status, 303, "{}", logged_in.body);
    let session = logged_in
        .cookie("coopshares_session")
        .expect("a session cookie");
    let cookie = format!("coopshares_session={session}");
    let list = http(port, "GET", "/admin/requests", &[("Cookie", &cookie)], b"").unwrap();
    assert_eq!(list.status, 200, "{}", list.body);
    Session {
        cookie,
        csrf: hidden_csrf(&list.body),
    }
}

/// The back office's "validate selected": one HTTP request validating `ids`, each in its own
/// transaction.
fn validate_selected(port: u16, session: &Session, ids: &[String]) -> std::io::Result<Response> {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("csrf_token", &session.csrf);
    for id in ids {
        form.append_pair("ids", id);
    }
    let form = form.finish();
    http(
        port,
        "POST",
        "/admin/requests/validate",
        &[
            ("Cookie", &session.cookie),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        form.as_bytes(),
    )
}

// ---------------------------------------------------------------------------------------------
// Set-up

/// A cooperative ready to validate: a manager account, a manager token, the settings, share
/// type A, and `requests` submitted subscription requests of distinct people (so that each
/// validation creates a member account and an invitation). Served with emails to a closed port.
struct Cooperative {
    server: Server,
    token: String,
    requests: Vec<String>,
}

fn cooperative(db: &TestDb, requests: usize) -> Cooperative {
    coopshares(
        db,
        &["admin", "create", "--email", MANAGER_EMAIL],
        &format!("{PASSWORD}\n"),
    );
    let token = coopshares(
        db,
        &[
            "token",
            "create",
            "--role",
            "manager",
            "--name",
            "crash tests",
        ],
        "",
    )
    .lines()
    .last()
    .unwrap()
    .trim()
    .to_owned();
    let server = Server::start(db, &closed_smtp_url());
    let port = server.port;
    let settings = api(
        port,
        &token,
        "PUT",
        "/api/v1/settings",
        r#"{"name":"Énergie Citoyenne SC","iban":"BE71 0961 2345 6769","bic":"GKCCBEBB","address":{"street":"Rue Haute 1","postal_code":"5000","city":"Namur","country":"BE"}}"#,
    );
    assert_eq!(settings.status, 200, "{}", settings.body);
    let share_type = api(
        port,
        &token,
        "POST",
        "/api/v1/share-types",
        r#"{"code":"A","name":"Part A","nominal_value":"250.00","for_persons":true,"for_entities":false,"min_quantity":1,"max_quantity":40}"#,
    );
    assert_eq!(share_type.status, 201, "{}", share_type.body);
    let requests = (1..=requests)
        .map(|i| {
            let body = json!({
                "applicant": {
                    "kind": "person", "first_name": "Anaïs", "last_name": format!("Dubois {i}"),
                    "email": format!("member{i}@example.be"), "birth_date": "1985-04-23",
                    "language": "fr", "iban": "BE71 0961 2345 6769",
                    "address": {"street": "Rue de la Loi 16", "postal_code": "1000", "city": "Bruxelles", "country": "BE"}
                },
                "share_type": "A", "quantity": 1 + i % 4,
                "consents": ["data_policy", "statutes", "financial_risk"]
            });
            let created = api(
                port,
                &token,
                "POST",
                "/api/v1/subscription-requests",
                &body.to_string(),
            );
            assert_eq!(created.status, 201, "{}", created.body);
            created.json()["id"].as_str().unwrap().to_owned()
        })
        .collect();
    Cooperative {
        server,
        token,
        requests,
    }
}

// ---------------------------------------------------------------------------------------------
// What must hold

/// Every request is either validated (or since paid) with everything validation makes, or still
/// submitted with none of it; call numbers and payment references have no gap. Returns how many
/// are validated or paid.
async fn check_validations(db: &Inspector, requests: usize) -> i64 {
    let n = i64::try_from(requests).unwrap();
    db.expect(n, "SELECT count(*) FROM subscription_requests", "requests")
        .await;
    db.expect(
        0,
        "SELECT count(*) FROM subscription_requests WHERE state NOT IN ('submitted', 'validated', 'paid')",
        "requests are submitted, validated or paid",
    )
    .await;
    let k = db
        .number("SELECT count(*) FROM subscription_requests WHERE state IN ('validated', 'paid')")
        .await;
    for (sql, what) in [
        (
            "SELECT count(*) FROM subscription_requests r
             WHERE (r.state IN ('validated', 'paid')) <> EXISTS (SELECT 1 FROM capital_calls c WHERE c.request_id = r.id)",
            "a validated request has its call, a submitted one none",
        ),
        (
            "SELECT count(*) FROM capital_calls c
             WHERE (SELECT count(*) FROM journal_entries e
                    WHERE e.capital_call_id = c.id AND e.kind = 'capital_call') <> 1",
            "each call has one ledger entry",
        ),
        (
            "SELECT count(*) FROM journal_entries e
             WHERE (SELECT count(*) FROM journal_lines l WHERE l.entry_id = e.id) <> 2",
            "each ledger entry has its two lines",
        ),
        (
            "SELECT count(*) FROM capital_calls c
             WHERE (SELECT count(*) FROM outbox_emails o
                    WHERE o.kind = 'payment_instructions' AND o.about = 'capital_call:' || c.id) <> 1",
            "each call has its payment instructions queued once",
        ),
        (
            "SELECT count(*) FROM subscription_requests r
             WHERE (r.state IN ('validated', 'paid')) <> EXISTS (SELECT 1 FROM users u WHERE u.contact_id = r.contact_id)",
            "a validated request's holder has a member account, a submitted one's none",
        ),
        (
            "SELECT count(*) FROM users u
             WHERE u.role = 'member'
               AND (SELECT count(*) FROM outbox_emails o
                    WHERE o.kind = 'invitation' AND o.about = 'user_account:' || u.id) <> 1",
            "each member account has its invitation queued once",
        ),
        (
            "SELECT count(*) FROM subscription_requests r JOIN contacts c ON c.id = r.contact_id
             WHERE (r.state IN ('validated', 'paid')) <> (c.membership IN ('candidate', 'cooperator'))",
            "a validated request's holder is a candidate, a submitted one's not",
        ),
    ] {
        db.expect(0, sql, what).await;
    }
    for (sql, what) in [
        ("SELECT count(*) FROM capital_calls", "calls"),
        (
            "SELECT count(*) FROM journal_entries WHERE kind = 'capital_call'",
            "ledger entries",
        ),
        (
            "SELECT count(*) FROM outbox_emails WHERE kind = 'payment_instructions'",
            "payment instructions",
        ),
        (
            "SELECT count(*) FROM users WHERE role = 'member'",
            "member accounts",
        ),
        (
            "SELECT count(*) FROM outbox_emails WHERE kind = 'invitation'",
            "invitations",
        ),
        (
            "SELECT count(*) FROM audit_log WHERE action = 'subscription_request_validated'",
            "audit entries",
        ),
        (
            "SELECT count(DISTINCT payment_reference) FROM capital_calls",
            "distinct payment references",
        ),
        (
            "SELECT CAST(COALESCE(MAX(last_value), 0) AS BIGINT) FROM sequences WHERE name = 'capital_call'",
            "the call number sequence",
        ),
        (
            "SELECT CAST(COALESCE(MAX(last_value), 0) AS BIGINT) FROM sequences WHERE name = 'payment_reference'",
            "the payment reference sequence",
        ),
    ] {
        db.expect(k, sql, &format!("{what} for {k} validated requests"))
            .await;
    }
    db.expect(
        n,
        "SELECT count(*) FROM outbox_emails WHERE kind = 'request_confirmation'",
        "one confirmation per request",
    )
    .await;
    let sequences = db
        .numbers("SELECT CAST(sequence AS BIGINT) FROM capital_calls ORDER BY sequence")
        .await;
    assert_eq!(
        sequences,
        (1..=k).collect::<Vec<_>>(),
        "call numbers YYYY/0001…{k:04} without a gap"
    );
    db.expect(
        i64::from(k > 0),
        "SELECT count(DISTINCT year) FROM capital_calls",
        "one year",
    )
    .await;
    k
}

/// The statement is there with all its lines and everything its payments did, or none of it.
/// Returns whether it is there.
async fn check_import(db: &Inspector, calls: usize, lines: usize) -> bool {
    let n = i64::try_from(calls).unwrap();
    let statements = db.number("SELECT count(*) FROM bank_statements").await;
    assert!(statements <= 1, "{statements} statements from one file");
    let imported = statements == 1;
    let whole = |all: i64| if imported { all } else { 0 };
    let counts = [
        (
            whole(i64::try_from(lines).unwrap()),
            "SELECT count(*) FROM statement_lines",
            "statement lines",
        ),
        (
            whole(n),
            "SELECT count(*) FROM statement_lines WHERE state = 'matched'",
            "matched lines",
        ),
        (whole(n), "SELECT count(*) FROM payments", "payments"),
        (
            whole(n),
            "SELECT count(*) FROM payments WHERE statement_line_id IS NOT NULL",
            "payments from the statement",
        ),
        (
            whole(n),
            "SELECT count(*) FROM journal_entries WHERE kind = 'payment'",
            "payment ledger entries",
        ),
        (
            whole(n),
            "SELECT count(*) FROM capital_calls WHERE state = 'paid'",
            "paid calls",
        ),
        (
            n - whole(n),
            "SELECT count(*) FROM capital_calls WHERE state = 'open'",
            "open calls",
        ),
        (
            whole(n),
            "SELECT count(*) FROM subscription_requests WHERE state = 'paid'",
            "paid requests",
        ),
        (
            n - whole(n),
            "SELECT count(*) FROM subscription_requests WHERE state = 'validated'",
            "validated requests",
        ),
        (
            whole(n),
            "SELECT count(*) FROM register_movements",
            "register movements",
        ),
        (
            whole(n),
            "SELECT count(*) FROM contacts WHERE membership = 'cooperator'",
            "cooperators",
        ),
        (
            n - whole(n),
            "SELECT count(*) FROM contacts WHERE membership = 'candidate'",
            "candidates",
        ),
        // An import admitting this many members leaves their certificates owed, and the
        // server issues them after it commits: each holder is certified or owed, never both.
        (
            whole(n),
            "SELECT (SELECT count(*) FROM certificates) + (SELECT count(*) FROM certificates_due)",
            "certificates issued or owed",
        ),
        (
            0,
            "SELECT count(*) FROM certificates_due d
             WHERE EXISTS (SELECT 1 FROM certificates c WHERE c.holder_id = d.holder_id)",
            "holders both certified and owed",
        ),
        (
            db.number("SELECT count(*) FROM certificates").await,
            "SELECT count(*) FROM outbox_emails WHERE kind = 'certificate'",
            "certificate emails",
        ),
        (
            0,
            "SELECT count(*) FROM certificates c
             WHERE (SELECT count(*) FROM outbox_emails o
                    WHERE o.kind = 'certificate' AND o.about = 'certificate:' || c.id) <> 1",
            "each certificate is queued once",
        ),
        (
            whole(1),
            "SELECT count(*) FROM audit_log WHERE action = 'bank_statement_imported'",
            "import audit entries",
        ),
        (
            whole(n),
            "SELECT count(*) FROM audit_log WHERE action = 'member_admitted'",
            "admission audit entries",
        ),
        (
            whole(n),
            "SELECT CAST(COALESCE(MAX(last_value), 0) AS BIGINT) FROM sequences WHERE name = 'member_number'",
            "the member number sequence",
        ),
        (
            db.number("SELECT count(*) FROM certificates").await,
            "SELECT CAST(COALESCE(MAX(last_value), 0) AS BIGINT) FROM sequences WHERE name = 'certificate'",
            "the certificate number sequence",
        ),
    ];
    let state = if imported { "imported" } else { "not imported" };
    for (expected, sql, what) in counts {
        db.expect(expected, sql, &format!("{what}, statement {state}"))
            .await;
    }
    let numbers = db
        .numbers(
            "SELECT CAST(member_number AS BIGINT) FROM contacts
             WHERE member_number IS NOT NULL ORDER BY member_number",
        )
        .await;
    assert_eq!(
        numbers,
        (1..=whole(n)).collect::<Vec<_>>(),
        "member numbers without a gap"
    );
    let certificates = db
        .numbers("SELECT CAST(number AS BIGINT) FROM certificates ORDER BY number")
        .await;
    assert_eq!(
        certificates,
        (1..=i64::try_from(certificates.len()).unwrap()).collect::<Vec<_>>(),
        "certificate numbers without a gap"
    );
    imported
}

/// Moves the killed server's retry delays and leases back to each email's creation, as if the
/// operator had waited for them before starting again. Returns how many emails it had tried.
async fn skip_retry_delays(db: &Inspector) -> i64 {
    let tried = db
        .number("SELECT count(*) FROM outbox_emails WHERE attempts > 0 OR last_error IS NOT NULL")
        .await;
    db.expect(
        0,
        "SELECT count(*) FROM outbox_emails WHERE state <> 'pending'",
        "nothing was delivered or given up before the kill",
    )
    .await;
    db.execute("UPDATE outbox_emails SET next_attempt_at = created_at WHERE state = 'pending'")
        .await;
    tried
}

/// Waits until the outbox has nothing left to send, then checks that the SMTP server received
/// every queued email once and nothing else. Returns how many.
async fn check_delivered_exactly_once(db: &Inspector, smtp: &TestSmtpServer) -> usize {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let pending = db
            .number("SELECT count(*) FROM outbox_emails WHERE state = 'pending'")
            .await;
        if pending == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{pending} emails still pending after {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    db.expect(
        0,
        "SELECT count(*) FROM outbox_emails WHERE state <> 'sent'",
        "every email sent, none failed",
    )
    .await;
    let queued: BTreeSet<String> = db
        .texts("SELECT message_id FROM outbox_emails")
        .await
        .into_iter()
        .collect();
    let mut received: BTreeMap<String, usize> = BTreeMap::new();
    for message in smtp.messages() {
        let text = message.data_text();
        let id = text
            .lines()
            .take_while(|line| !line.is_empty())
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("message-id")
                    .then(|| value.trim().trim_matches(['<', '>']).to_owned())
            })
            .expect("every message has a Message-ID");
        *received.entry(id).or_default() += 1;
    }
    let twice: Vec<_> = received.iter().filter(|(_, count)| **count > 1).collect();
    assert!(twice.is_empty(), "received more than once: {twice:?}");
    let received: BTreeSet<String> = received.into_keys().collect();
    let missing: Vec<_> = queued.difference(&received).collect();
    assert!(missing.is_empty(), "queued but never received: {missing:?}");
    let unknown: Vec<_> = received.difference(&queued).collect();
    assert!(unknown.is_empty(), "received but never queued: {unknown:?}");
    queued.len()
}

// ---------------------------------------------------------------------------------------------
// The large statement

/// A valid OGM (Belgian structured communication) in its compact form, from a 10-digit base.
fn ogm(base: u64) -> String {
    let check = match base % 97 {
        0 => 97,
        rest => rest,
    };
    format!("{base:010}{check:02}")
}

fn cents(amount: i64) -> String {
    format!("{}.{:02}", amount.abs() / 100, amount.abs() % 100)
}

/// A camt.053 statement of the cooperative's account: one line paying each call in full, in
/// the middle of other movements that pay nothing (transfers out, credits naming no call).
fn large_statement(calls: &[(String, i64)], lines: usize, date: &str) -> String {
    let mut entries: Vec<(i64, Option<String>, String)> = Vec::with_capacity(lines);
    let others = lines - calls.len();
    let mut paying = calls.iter();
    for i in 0..lines {
        // Spread the paying lines evenly through the file.
        if i * calls.len() / lines != (i + 1) * calls.len() / lines
            && let Some((reference, amount)) = paying.next()
        {
            entries.push((*amount, Some(reference.clone()), String::new()));
            continue;
        }
        let entry = match i % 3 {
            0 => (
                -(1_000 + i64::try_from(i).unwrap()),
                None,
                "Rent".to_owned(),
            ),
            // A structured reference no call has.
            1 => (
                2_500,
                Some(ogm(9_000_000_000 + u64::try_from(i).unwrap())),
                String::new(),
            ),
            _ => (4_200, None, format!("Gift {i}")),
        };
        entries.push(entry);
    }
    assert_eq!(entries.len(), lines);
    assert!(others > 0 && paying.next().is_none());
    let closing: i64 = entries.iter().map(|(amount, _, _)| amount).sum();
    let balance = |code: &str, amount: i64| {
        format!(
            "<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{}</Amt>\
             <CdtDbtInd>{}</CdtDbtInd><Dt><Dt>{date}</Dt></Dt></Bal>",
            cents(amount),
            if amount < 0 { "DBIT" } else { "CRDT" }
        )
    };
    let mut xml = String::with_capacity(1_024 + lines * 800);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\
         <BkToCstmrStmt><GrpHdr><MsgId>CRASH</MsgId><CreDtTm>{date}T06:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>S1</Id>\
         <Acct><Id><IBAN>{COOP_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>{}{}",
        balance("OPBD", 0),
        balance("CLBD", closing)
    );
    for (i, (amount, reference, text)) in entries.iter().enumerate() {
        let credit = *amount > 0;
        let party = if credit { "Dbtr" } else { "Cdtr" };
        let _ = write!(
            xml,
            "<Ntry><Amt Ccy=\"EUR\">{}</Amt><CdtDbtInd>{}</CdtDbtInd><Sts>BOOK</Sts>\
             <BookgDt><Dt>{date}</Dt></BookgDt><ValDt><Dt>{date}</Dt></ValDt>\
             <AcctSvcrRef>CRASH-{i:06}</AcctSvcrRef><NtryDtls><TxDtls><RltdPties>\
             <{party}><Nm>Payer {i}</Nm></{party}><{party}Acct><Id><IBAN>BE68539007547034</IBAN></Id></{party}Acct>\
             </RltdPties><RmtInf>{}{}</RmtInf></TxDtls></NtryDtls></Ntry>",
            cents(*amount),
            if credit { "CRDT" } else { "DBIT" },
            if text.is_empty() {
                String::new()
            } else {
                format!("<Ustrd>{text}</Ustrd>")
            },
            reference
                .as_ref()
                .map(|r| format!(
                    "<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>BBA</Issr></Tp>\
                     <Ref>{r}</Ref></CdtrRefInf></Strd>"
                ))
                .unwrap_or_default(),
        );
    }
    xml.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    xml
}

fn import_statement(port: u16, token: &str, file: &[u8]) -> std::io::Result<Response> {
    let bearer = format!("Bearer {token}");
    http(
        port,
        "POST",
        "/api/v1/bank-statements?filename=crash.xml",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/octet-stream"),
        ],
        file,
    )
}

// ---------------------------------------------------------------------------------------------
// The scenarios

/// Kills the server while "validate selected" works through the requests, restarts it, then
/// validates them all again.
async fn bulk_validation_survives_a_kill(db: TestDb) {
    let started = Instant::now();
    eprintln!("{}: server log in {}", db.backend(), db.log().display());
    let coop = cooperative(&db, VALIDATION_REQUESTS);
    let inspector = Inspector::connect(&db).await;
    let port = coop.server.port;
    let session = log_in(port);
    let ids = coop.requests.clone();
    let set_up = started.elapsed();

    let validating = Instant::now();
    let bulk = {
        let ids = ids.clone();
        std::thread::spawn(move || validate_selected(port, &session, &ids))
    };
    let deadline = Instant::now() + PATIENCE;
    let seen = loop {
        let validated = inspector
            .number("SELECT count(*) FROM subscription_requests WHERE state = 'validated'")
            .await;
        if validated >= VALIDATED_BEFORE_KILL || bulk.is_finished() {
            break validated;
        }
        assert!(Instant::now() < deadline, "validation made no progress");
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let killed_after = validating.elapsed();
    coop.server.kill();
    let answered = matches!(bulk.join().unwrap(), Ok(ref r) if r.status == 200);
    inspector.close().await;

    let inspector = Inspector::connect(&db).await;
    let k = check_validations(&inspector, VALIDATION_REQUESTS).await;
    let n = VALIDATION_REQUESTS;
    if answered {
        eprintln!(
            "{}: the kill landed after the bulk validation had completed ({k} of {n} validated)",
            db.backend()
        );
    } else {
        eprintln!(
            "{}: killed {killed_after:?} into the bulk validation, {seen} seen validated; \
             after the kill {k} of {n} are validated whole and {} still submitted untouched",
            db.backend(),
            i64::try_from(n).unwrap() - k
        );
    }
    let tried = skip_retry_delays(&inspector).await;
    eprintln!(
        "{}: the killed server had tried (and failed) to send {tried} emails",
        db.backend()
    );

    let smtp = TestSmtpServer::start().await;
    let server = Server::start(&db, &smtp.url());
    let session = log_in(server.port);
    let retry = Instant::now();
    let again = validate_selected(server.port, &session, &ids).unwrap();
    assert_eq!(again.status, 200, "{}", again.body);
    let retry = retry.elapsed();
    assert_eq!(
        check_validations(&inspector, n).await,
        i64::try_from(n).unwrap(),
        "all validated after the retry"
    );
    let delivered = check_delivered_exactly_once(&inspector, &smtp).await;
    assert_eq!(
        delivered,
        3 * n,
        "a confirmation, payment instructions and an invitation each"
    );
    eprintln!(
        "{}: retry validated the other {} in {retry:?}; {delivered} emails delivered once each; \
         set-up {set_up:?}, whole test {:?}",
        db.backend(),
        i64::try_from(n).unwrap() - k,
        started.elapsed()
    );
    inspector.close().await;
    drop(server);
}

/// Kills the server while it imports a large statement paying every open call, restarts it,
/// then imports the same file again.
async fn statement_import_survives_a_kill(db: TestDb) {
    let started = Instant::now();
    eprintln!("{}: server log in {}", db.backend(), db.log().display());
    let coop = cooperative(&db, IMPORT_CALLS);
    let port = coop.server.port;
    let session = log_in(port);
    let validated = validate_selected(port, &session, &coop.requests).unwrap();
    assert_eq!(validated.status, 200, "{}", validated.body);
    let inspector = Inspector::connect(&db).await;
    assert_eq!(
        check_validations(&inspector, IMPORT_CALLS).await,
        i64::try_from(IMPORT_CALLS).unwrap()
    );
    let calls: Vec<(String, i64)> = inspector
        .texts(
            "SELECT payment_reference || ' ' || CAST(amount_minor AS TEXT) FROM capital_calls ORDER BY id",
        )
        .await
        .iter()
        .map(|row| {
            let (reference, amount) = row.split_once(' ').unwrap();
            (reference.to_owned(), amount.parse().unwrap())
        })
        .collect();
    let date = inspector
        .texts("SELECT CAST(issue_date AS TEXT) FROM capital_calls LIMIT 1")
        .await
        .remove(0);
    let file = large_statement(&calls, IMPORT_LINES, &date).into_bytes();
    let set_up = started.elapsed();

    let mut watch = WriteWatch::open(&db).await;
    let importing = Instant::now();
    let import = {
        let (token, file) = (coop.token.clone(), file.clone());
        std::thread::spawn(move || import_statement(port, &token, &file))
    };
    // Wait until the import's transaction has been writing for a while: on SQLite, the write
    // lock held without a break; on PostgreSQL, a transaction that wrote, open that long.
    let deadline = Instant::now() + PATIENCE;
    let mut writing_since: Option<Instant> = None;
    loop {
        if import.is_finished() {
            break;
        }
        let writing = watch.writing(IMPORT_WRITING_BEFORE_KILL).await;
        match (writing, writing_since, &watch) {
            (true, _, WriteWatch::Postgres(_)) => break,
            (true, Some(since), WriteWatch::Sqlite(_))
                if since.elapsed() >= IMPORT_WRITING_BEFORE_KILL =>
            {
                break;
            }
            (true, None, _) => writing_since = Some(Instant::now()),
            (false, _, _) => writing_since = None,
            _ => {}
        }
        assert!(
            Instant::now() < deadline,
            "the import never started writing"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let killed_after = importing.elapsed();
    coop.server.kill();
    drop(watch);
    let answer = import.join().unwrap();
    let answered = matches!(answer, Ok(ref r) if r.status == 201);
    inspector.close().await;

    let inspector = Inspector::connect(&db).await;
    assert_eq!(
        check_validations(&inspector, IMPORT_CALLS).await,
        i64::try_from(IMPORT_CALLS).unwrap(),
        "the import changes no validation"
    );
    let imported = check_import(&inspector, IMPORT_CALLS, IMPORT_LINES).await;
    assert!(
        imported || !answered,
        "an import the server answered 201 is there after the kill"
    );
    let landed = if imported {
        "after the import had committed: it is there whole"
    } else {
        "while the import was in progress: nothing of it is there"
    };
    eprintln!(
        "{}: killed {killed_after:?} after sending a {}-line statement ({} bytes) paying {} calls, {landed}",
        db.backend(),
        IMPORT_LINES,
        file.len(),
        IMPORT_CALLS
    );
    let tried = skip_retry_delays(&inspector).await;
    eprintln!(
        "{}: the killed server had tried (and failed) to send {tried} emails",
        db.backend()
    );

    let smtp = TestSmtpServer::start().await;
    let server = Server::start(&db, &smtp.url());
    let retry = Instant::now();
    let again = import_statement(server.port, &coop.token, &file).unwrap();
    let retry = retry.elapsed();
    let expected_status = if imported { 200 } else { 201 };
    assert_eq!(again.status, expected_status, "{}", again.body);
    assert_eq!(
        again.json()["already_imported"],
        json!(imported),
        "{}",
        again.body
    );
    // The restarted server issues the certificates still owed.
    let deadline = Instant::now() + PATIENCE;
    while inspector
        .number("SELECT count(*) FROM certificates_due")
        .await
        > 0
    {
        assert!(
            Instant::now() < deadline,
            "certificates still owed after {PATIENCE:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(check_import(&inspector, IMPORT_CALLS, IMPORT_LINES).await);
    let delivered = check_delivered_exactly_once(&inspector, &smtp).await;
    assert_eq!(
        delivered,
        4 * IMPORT_CALLS,
        "a confirmation, payment instructions, an invitation and a certificate each"
    );
    eprintln!(
        "{}: the import again took {retry:?} ({}); {delivered} emails delivered once each; \
         set-up {set_up:?}, whole test {:?}",
        db.backend(),
        if imported {
            "already imported".to_owned()
        } else {
            format!(
                "the kill had come {:.0}% into it",
                100.0 * killed_after.as_secs_f64() / retry.as_secs_f64()
            )
        },
        started.elapsed()
    );
    inspector.close().await;
    drop(server);
}

/// Runs a scenario on a runtime of its own, one scenario at a time.
fn run(scenario: impl std::future::Future<Output = ()>) {
    let _serial = one_at_a_time();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
        .block_on(scenario);
}

#[test]
fn a_bulk_validation_killed_midway_leaves_whole_validations_and_resumes_without_gaps_on_sqlite() {
    run(bulk_validation_survives_a_kill(TestDb::sqlite()));
}

#[test]
fn a_bulk_validation_killed_midway_leaves_whole_validations_and_resumes_without_gaps_on_postgres() {
    if let Some(db) = TestDb::postgres() {
        run(bulk_validation_survives_a_kill(db));
    }
}

#[test]
fn a_statement_import_killed_midway_is_all_or_nothing_and_imports_again_once_on_sqlite() {
    run(statement_import_survives_a_kill(TestDb::sqlite()));
}

#[test]
fn a_statement_import_killed_midway_is_all_or_nothing_and_imports_again_once_on_postgres() {
    if let Some(db) = TestDb::postgres() {
        run(statement_import_survives_a_kill(db));
    }
}

#[test]
fn ogm_check_digits_follow_the_modulo_97_rule() {
    assert_eq!(ogm(1), "000000000101");
    assert_eq!(ogm(97), "000000009797");
    // +++090/9337/55493+++
    assert_eq!(ogm(909_337_554), "090933755493");
}
