//! The real `coopshares` binary, run as an operator would run it.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed step is a failed test"
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_coopshares");

fn coopshares(database_url: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("COOPSHARES_DATABASE_URL", database_url)
        .output()
        .expect("run coopshares")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("coop.db").display())
}

/// A fresh schema-less database URL on the test PostgreSQL server, if one is configured.
fn postgres_url() -> Option<String> {
    let Ok(url) = std::env::var("COOPSHARES_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("COOPSHARES_REQUIRE_POSTGRES").as_deref() != Ok("1"),
            "COOPSHARES_REQUIRE_POSTGRES=1 but COOPSHARES_TEST_POSTGRES_URL is not set"
        );
        eprintln!("skipped on PostgreSQL: COOPSHARES_TEST_POSTGRES_URL is not set");
        return None;
    };
    // A schema of its own, through the connection's search_path.
    let mut bytes = [0_u8; 6];
    getrandom::fill(&mut bytes).unwrap();
    let schema = format!(
        "cli_{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    let status = Command::new("psql")
        .args([url.as_str(), "-q", "-c", &format!("CREATE SCHEMA {schema}")])
        .status()
        .expect("psql is needed for the PostgreSQL CLI tests");
    assert!(status.success(), "could not create schema {schema}");
    let separator = if url.contains('?') { '&' } else { '?' };
    Some(format!(
        "{url}{separator}options=-c%20search_path%3D{schema}"
    ))
}

fn token_round_trip(url: &str) {
    let created = coopshares(
        url,
        &[
            "token",
            "create",
            "--role",
            "intake",
            "--name",
            "website form",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let out = stdout(&created);
    let secret = out.lines().last().unwrap().trim().to_owned();
    assert!(
        secret.starts_with("cs_") && secret.len() == 67,
        "last line was {secret:?}"
    );
    assert!(out.contains("not shown again"));

    let listed = coopshares(url, &["token", "list"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let list = stdout(&listed);
    assert!(
        list.contains("website form") && list.contains("intake"),
        "{list}"
    );
    assert!(list.contains(&secret[..8]), "the hint is listed: {list}");
    assert!(
        !list.contains(&secret),
        "the secret is never listed again: {list}"
    );

    let revoked = coopshares(url, &["token", "revoke", "1"]);
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    let listed = stdout(&coopshares(url, &["token", "list"]));
    let row = listed.lines().find(|l| l.contains("website form")).unwrap();
    assert!(
        row.contains("UTC") && !row.trim_end().ends_with('-'),
        "{row}"
    );
    assert!(
        row.matches("UTC").count() == 2,
        "created and revoked dates: {row}"
    );
}

#[test]
fn token_create_list_and_revoke_work_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    token_round_trip(&sqlite_url(dir.path()));
}

#[test]
fn token_create_list_and_revoke_work_on_postgres() {
    if let Some(url) = postgres_url() {
        token_round_trip(&url);
    }
}

#[test]
fn a_token_with_an_unknown_role_is_refused_with_the_flag_named() {
    let dir = tempfile::tempdir().unwrap();
    let out = coopshares(
        &sqlite_url(dir.path()),
        &["token", "create", "--role", "root", "--name", "x"],
    );
    assert!(!out.status.success());
    assert_eq!(
        stderr(&out).trim(),
        "error: --role root: expected manager or intake"
    );
}

#[test]
fn revoking_an_unknown_token_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = coopshares(&sqlite_url(dir.path()), &["token", "revoke", "42"]);
    assert!(!out.status.success());
    assert_eq!(stderr(&out).trim(), "error: API token not found");
}

#[test]
fn an_unsupported_database_url_is_one_line_naming_the_setting() {
    let out = coopshares("mysql://root@localhost/coop", &["migrate"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(
            "error: COOPSHARES_DATABASE_URL=mysql://root@localhost/coop: unsupported database"
        ),
        "{err}"
    );
}

#[test]
fn an_unreachable_database_is_one_line_naming_the_setting_without_its_password() {
    let port = free_port();
    let url = format!("postgres://coop:hunter2@127.0.0.1:{port}/coop");
    let out = coopshares(&url, &["migrate"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: COOPSHARES_DATABASE_URL=postgres://coop:***@127.0.0.1:"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn an_sqlite_file_in_a_missing_folder_is_one_line_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}",
        dir.path().join("missing/folder/coop.db").display()
    );
    let out = coopshares(&url, &["migrate"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: COOPSHARES_DATABASE_URL=sqlite://"),
        "{err}"
    );
}

/// `serve` on a new SQLite file: the file appears and `/healthz` answers after a round trip.
#[test]
fn serve_creates_the_sqlite_file_and_answers_health() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(dir.path());
    let server = Server::start(&url);
    assert_eq!(
        http_get(server.port, "/healthz"),
        (200, r#"{"status":"ok"}"#.to_owned())
    );
    assert!(dir.path().join("coop.db").exists());
}

/// On an empty database, `serve` prints a one-time link to create the first manager; the
/// page behind it answers, and once a manager exists no link is printed.
#[test]
fn serve_prints_a_setup_link_until_a_manager_exists() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(dir.path());
    let server = Server::start(&url);
    let line = server.next_line();
    assert!(
        line.starts_with("No manager account yet. Open http://127.0.0.1:"),
        "{line}"
    );
    let path = line
        .split_whitespace()
        .find(|w| w.contains("/setup/"))
        .unwrap();
    let path = &path[path.find("/setup/").unwrap()..];
    let (status, body) = http_get(server.port, path);
    assert_eq!(status, 200);
    assert!(body.contains("name=\"password_confirm\""));
    drop(server);

    let created = coopshares_with_stdin(
        &url,
        &["admin", "create", "--email", "an@coop.example"],
        "a long enough password\n",
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(stdout(&created).contains("an@coop.example"));
    let server = Server::start(&url);
    assert!(
        server
            .lines
            .recv_timeout(Duration::from_millis(1500))
            .is_err(),
        "no setup link once a manager exists"
    );
}

#[test]
fn admin_create_refuses_a_short_password_and_a_second_account_with_the_same_email() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(dir.path());
    let short = coopshares_with_stdin(
        &url,
        &["admin", "create", "--email", "an@coop.example"],
        "short\n",
    );
    assert!(!short.status.success());
    assert_eq!(
        stderr(&short).trim(),
        "error: password: use at least 10 characters"
    );
    let ok = coopshares_with_stdin(
        &url,
        &["admin", "create", "--email", "an@coop.example"],
        "a long enough password\n",
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    let again = coopshares_with_stdin(
        &url,
        &["admin", "create", "--email", "AN@coop.example"],
        "a long enough password\n",
    );
    assert!(!again.status.success());
    assert_eq!(
        stderr(&again).trim(),
        "error: email: an account with this email already exists"
    );
}

fn coopshares_with_stdin(database_url: &str, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("COOPSHARES_DATABASE_URL", database_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn serve_on_postgres_creates_the_tables_and_answers_health() {
    let Some(url) = postgres_url() else { return };
    let server = Server::start(&url);
    assert_eq!(
        http_get(server.port, "/healthz"),
        (200, r#"{"status":"ok"}"#.to_owned())
    );
    // The schema is there: a token can be created against the same database.
    let created = coopshares(
        &url,
        &["token", "create", "--role", "manager", "--name", "ops"],
    );
    assert!(created.status.success(), "{}", stderr(&created));
}

#[test]
fn a_port_in_use_is_one_line_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    let out = Command::new(BIN)
        .arg("serve")
        .env("COOPSHARES_DATABASE_URL", sqlite_url(dir.path()))
        .env("COOPSHARES_LISTEN", &address)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!(
            "error: COOPSHARES_LISTEN={address}: cannot listen"
        )),
        "{err}"
    );
}

struct Server {
    child: Child,
    port: u16,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Server {
    fn start(database_url: &str) -> Self {
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("serve")
            .env("COOPSHARES_DATABASE_URL", database_url)
            .env("COOPSHARES_LISTEN", format!("127.0.0.1:{port}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first_line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut first_line).unwrap();
        // Keep reading what the server prints next (the setup link), as a terminal would.
        let (lines, received) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        if !first_line.contains("listening") {
            let mut err = String::new();
            let _ = child.stderr.take().unwrap().read_to_string(&mut err);
            panic!("serve did not start: {first_line}{err}");
        }
        Self {
            child,
            port,
            lines: received,
        }
    }

    /// The next line the server prints, waiting a few seconds for it.
    fn next_line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(10))
            .expect("the server printed another line")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(port: u16, path: &str) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut stream = loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(stream) => break stream,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("cannot connect: {e}"),
        }
    };
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    (status, body)
}

#[test]
fn export_register_writes_the_csv_header_and_files_and_refuses_a_bad_date_or_format() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(dir.path());
    let out = coopshares(&url, &["migrate"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = coopshares(&url, &["export", "register", "--as-of", "2026-01-31"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    assert!(
        stdout(&csv).starts_with("member_number,name,kind,address,"),
        "{}",
        stdout(&csv)
    );
    for (format, magic) in [("xlsx", &b"PK"[..]), ("pdf", &b"%PDF-"[..])] {
        let path = dir.path().join(format!("register.{format}"));
        let out = coopshares(
            &url,
            &[
                "export",
                "register",
                "--format",
                format,
                "--output",
                path.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{format}");
    }
    let bad = coopshares(&url, &["export", "register", "--as-of", "31/01/2026"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--as-of"), "{}", stderr(&bad));
    let bad = coopshares(&url, &["export", "register", "--format", "ods"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("--format ods"), "{}", stderr(&bad));
}
