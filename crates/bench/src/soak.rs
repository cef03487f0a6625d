//! Workload `load`: the public form and the API under a sustained load from a second process.
//!
//! Coopshares runs in a child process (this binary again, with `--serve-for-load`), so its
//! memory can be read apart from the load generator's; `wrk` (Debian's package) sends the
//! requests from a third process, 64 connections for 60 s per route (1 s with `--quick`). On
//! the form and the API each request is a new applicant (a Lua script makes the form token and
//! the email unique); on a third route, the API again, nearly every request is from someone
//! already known, as in a campaign asking members for more shares. The
//! child's resident memory is read every second: "flat" means the last quarter of the run
//! holds no more than the first quarter, give or take the allocator. The baseline is the bare
//! server of the `intake` workload (parse the same form or JSON, insert one row), in a child
//! process of its own, under the same load.
//!
//! On PostgreSQL every route, Coopshares' and the bare server's alike, starts right after a
//! `CHECKPOINT`, and the server's write-ahead log is read before and after it: the log
//! written per request, and the checkpoints that started while the route ran. The server
//! starts a checkpoint once a set amount of log has been written since the last one
//! (`max_wal_size`); without the `CHECKPOINT`, the log one route wrote could start a
//! checkpoint during the next, and a route's figures depended on which ran before it.
//! Coopshares writes several times the bare server's log per request (the contact, the
//! request, the audit entry, the confirmation email, their indexes and the contact search),
//! so it is the one that starts them.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::Backend;

/// Connections wrk keeps open.
pub const CONNECTIONS: usize = 64;

/// People each wrk thread applies for in turn on the route of known applicants: far more
/// than the connections of a thread, so that no two requests in flight are for one person.
const MEMBERS_PER_THREAD: usize = 500;

/// What one route under load measured.
#[derive(Debug)]
pub struct Outcome {
    pub route: &'static str,
    pub backend: &'static str,
    pub seconds: u64,
    pub requests: u64,
    pub per_second: f64,
    pub p50_ms: Option<f64>,
    pub p99_ms: Option<f64>,
    /// Responses outside 2xx/3xx, and socket errors (connect, read, write, timeout).
    pub errors: u64,
    /// The server's resident memory (MiB): mean of the first quarter, mean of the last
    /// quarter, and the highest reading.
    pub rss_first: f64,
    pub rss_last: f64,
    pub rss_peak: f64,
    /// On PostgreSQL, what the database server wrote while the route ran.
    pub wal: Option<WalUse>,
}

/// What the PostgreSQL server logged while one route ran.
#[derive(Clone, Copy, Debug)]
pub struct WalUse {
    /// Bytes of write-ahead log, all sessions of the server together.
    pub bytes: f64,
    /// Checkpoints that started (requested by the log's size, or by the timer).
    pub checkpoints: i64,
}

/// A connection to the PostgreSQL server of the run, to read its log position.
struct WalProbe(sqlx::PgConnection);

impl WalProbe {
    async fn connect(backend: &Backend) -> Option<WalProbe> {
        use sqlx::Connection;
        let Backend::Postgres(url) = backend else {
            return None;
        };
        match sqlx::PgConnection::connect(url).await {
            Ok(connection) => Some(WalProbe(connection)),
            Err(error) => {
                eprintln!("load: cannot read the write-ahead log ({error})");
                None
            }
        }
    }

    /// Writes out everything dirty, so that the route starts with a whole `max_wal_size`
    /// ahead of it; says so when the server refuses (a role without `pg_checkpoint`).
    async fn checkpoint(&mut self) {
        if let Err(error) = sqlx::query("CHECKPOINT").execute(&mut self.0).await {
            eprintln!("load: CHECKPOINT refused ({error}); the route starts where the last left");
        }
    }

    /// The log position (bytes) and the checkpoints started so far.
    async fn read(&mut self) -> Option<(f64, i64)> {
        sqlx::query_as::<_, (f64, i64)>(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8, \
             checkpoints_req + checkpoints_timed FROM pg_stat_bgwriter",
        )
        .fetch_one(&mut self.0)
        .await
        .map_err(|error| eprintln!("load: cannot read the write-ahead log ({error})"))
        .ok()
    }
}

/// One route of Coopshares next to the same route of the bare server.
#[derive(Debug)]
pub struct Pair {
    pub coopshares: Outcome,
    pub baseline: Outcome,
}

/// Runs the load on Coopshares and then on the bare server, on `backend`.
pub async fn run(backend: &Backend, seconds: u64) -> Result<Vec<Pair>, String> {
    let coopshares = run_one(backend, seconds, false).await?;
    let baseline = run_one(backend, seconds, true).await?;
    Ok(coopshares
        .into_iter()
        .zip(baseline)
        .map(|(coopshares, baseline)| Pair {
            coopshares,
            baseline,
        })
        .collect())
}

/// Runs the load on Coopshares (or the bare server) on `backend` for `seconds` per route, or
/// says why it could not.
async fn run_one(backend: &Backend, seconds: u64, bare: bool) -> Result<Vec<Outcome>, String> {
    if Command::new("wrk").arg("--version").output().is_err() {
        return Err("wrk is not installed (apt-get install wrk)".to_owned());
    }
    let (mut child, address, token, scratch) = start_server(backend, bare)?;
    let pid = child.id();
    let form = if bare {
        Ok(("unused=1".to_owned(), "unused".to_owned()))
    } else {
        cookie_and_token(&address).await
    };
    let api_path = if bare {
        "/api"
    } else {
        "/api/v1/subscription-requests"
    };
    let mut probe = WalProbe::connect(backend).await;
    let result: Result<Vec<Outcome>, String> = async {
        let (cookie, csrf) = form?;
        let form_script = script_form(&cookie, &csrf);
        let api_script = script_api(&token);
        let members_script = script_api_members(&token);
        let mut outcomes = Vec::new();
        for (route, path, script) in [
            ("POST /subscribe", "/subscribe", form_script),
            ("POST /api/v1/subscription-requests", api_path, api_script),
            (
                "POST /api/v1/subscription-requests, known applicants",
                api_path,
                members_script,
            ),
        ] {
            let file = scratch.path().join(format!("{}.lua", outcomes.len()));
            std::fs::write(&file, script).map_err(|e| e.to_string())?;
            let before = match probe.as_mut() {
                Some(probe) => {
                    probe.checkpoint().await;
                    probe.read().await
                }
                None => None,
            };
            let sampler = Sampler::start(pid);
            let output = Command::new("wrk")
                .args(["-t", "2", "-c", &CONNECTIONS.to_string()])
                .args([
                    "-d",
                    &format!("{seconds}s"),
                    "--latency",
                    "--timeout",
                    "10s",
                ])
                .arg("-s")
                .arg(&file)
                .arg(format!("http://{address}{path}"))
                .output()
                .map_err(|e| format!("wrk: {e}"))?;
            let samples = sampler.stop();
            let after = match probe.as_mut() {
                Some(probe) => probe.read().await,
                None => None,
            };
            let text = String::from_utf8_lossy(&output.stdout).into_owned();
            if !output.status.success() {
                return Err(format!(
                    "wrk failed: {}{text}",
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            let wal = before
                .zip(after)
                .map(|((lsn, started), (lsn_after, ended))| WalUse {
                    bytes: lsn_after - lsn,
                    checkpoints: ended - started,
                });
            outcomes.push(outcome(
                route,
                backend.name(),
                seconds,
                &text,
                &samples,
                wal,
            ));
        }
        Ok(outcomes)
    }
    .await;
    let _ignored = child.kill();
    let _ignored = child.wait();
    if let Backend::Postgres(url) = backend {
        let schema = if bare { "baseline" } else { "coopshares" };
        crate::baseline::drop_schema_of(url, schema, pid).await;
    }
    result
}

/// Starts Coopshares (or the bare server) in a child process and reads its address and
/// manager token.
fn start_server(
    backend: &Backend,
    bare: bool,
) -> Result<(Child, String, String, tempfile::TempDir), String> {
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let prefix = if bare { "bare-" } else { "" };
    let target = match backend {
        Backend::Sqlite(_) => format!("{prefix}sqlite:{}", scratch.path().display()),
        Backend::Postgres(url) => format!("{prefix}postgres:{url}"),
    };
    let mut child = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .args(["--serve-for-load", &target])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting the server: {e}"))?;
    let mut line = String::new();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    BufReader::new(stdout)
        .read_line(&mut line)
        .map_err(|e| e.to_string())?;
    let mut words = line.split_whitespace();
    match (words.next(), words.next()) {
        (Some(address), Some(token)) => Ok((child, address.to_owned(), token.to_owned(), scratch)),
        _ => {
            let _ignored = child.kill();
            Err(format!("the server said {line:?}"))
        }
    }
}

/// The child's side: serves Coopshares on `target` (`sqlite:DIR` or `postgres:URL`; with a
/// `bare-` prefix, the bare server) until killed, after printing its address and a manager
/// token on one line.
pub async fn serve(target: &str) {
    let (bare, target) = match target.strip_prefix("bare-") {
        Some(rest) => (true, rest),
        None => (false, target),
    };
    let backend = match target.split_once(':') {
        Some(("sqlite", dir)) => Backend::Sqlite(dir.into()),
        Some(("postgres", url)) => Backend::Postgres(url.to_owned()),
        _ => panic!("--serve-for-load takes sqlite:DIR or postgres:URL, or bare- before them"),
    };
    let (address, token) = if bare {
        (crate::baseline::start(&backend).await, "none".to_owned())
    } else {
        crate::coopshares(&backend).await
    };
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{address} {token}").unwrap();
    stdout.flush().unwrap();
    std::future::pending::<()>().await;
}

async fn cookie_and_token(address: &str) -> Result<(String, String), String> {
    let address = address.parse().map_err(|e| format!("{e}"))?;
    Ok(crate::csrf_of(&crate::load::client(), address).await)
}

/// Lua shared by both scripts: a thread number, and per request a counter, a unique 64-hex
/// form token and a unique email.
const LUA_COMMON: &str = r#"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local counter = 0
local hex = "0123456789abcdef"
function init(args)
  math.randomseed(os.time() * 100 + tid)
end
local function unique()
  counter = counter + 1
  local t = {}
  for i = 1, 48 do
    local n = math.random(1, 16)
    t[i] = hex:sub(n, n)
  end
  local token = string.format("%08x%08x", tid, counter) .. table.concat(t)
  return token, "load-" .. tid .. "-" .. counter .. "-" .. token:sub(17, 24)
end
"#;

fn script_form(cookie: &str, csrf: &str) -> String {
    let fixed = crate::form_fields(0, csrf)
        .split('&')
        .filter(|pair| {
            !["form_token=", "applicant.email=", "email_confirmation="]
                .iter()
                .any(|name| pair.starts_with(name))
        })
        .collect::<Vec<_>>()
        .join("&");
    format!(
        r#"{LUA_COMMON}
function request()
  local token, who = unique()
  local email = who .. "%40load.example"
  local body = "{fixed}&form_token=" .. token .. "&applicant.email=" .. email .. "&email_confirmation=" .. email
  return wrk.format("POST", nil, {{["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "{cookie}"}}, body)
end
"#
    )
}

fn script_api(token: &str) -> String {
    let body = crate::api_body(0).replace("applicant0@bench.example", "EMAIL");
    let (before, after) = body.split_once("EMAIL").unwrap_or((&body, ""));
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        r#"{LUA_COMMON}
function request()
  local token, who = unique()
  local body = "{before}" .. who .. "@load.example" .. "{after}"
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}, body)
end
"#,
        before = quote(before),
        after = quote(after),
    )
}

/// The API script, but each wrk thread applies for the same [`MEMBERS_PER_THREAD`] people in
/// turn: the first round makes them contacts, and every later request is from someone already
/// known, as when members are asked to take more shares (the request is linked to their
/// contact and counts what they already asked for).
fn script_api_members(token: &str) -> String {
    script_api(token).replace(
        "local token, who = unique()",
        &format!(
            "local token, who = unique()\n  who = \"member-\" .. tid .. \"-\" .. (counter % {MEMBERS_PER_THREAD})"
        ),
    )
}

/// The server's resident memory, read every second on a thread of its own.
struct Sampler {
    stop: Arc<AtomicBool>,
    handle: std::thread::JoinHandle<Vec<f64>>,
}

impl Sampler {
    fn start(pid: u32) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let handle = std::thread::spawn({
            let stop = Arc::clone(&stop);
            move || {
                let mut samples = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    if let Some(mib) = resident_mib(pid) {
                        samples.push(mib);
                    }
                    std::thread::sleep(Duration::from_secs(1));
                }
                samples
            }
        });
        Sampler { stop, handle }
    }

    fn stop(self) -> Vec<f64> {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or_default()
    }
}

fn resident_mib(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn outcome(
    route: &'static str,
    backend: &'static str,
    seconds: u64,
    wrk: &str,
    samples: &[f64],
    wal: Option<WalUse>,
) -> Outcome {
    let number_after = |label: &str| -> Option<f64> {
        wrk.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.trim_end_matches(',').parse().ok())
    };
    let requests = wrk
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let non_success = number_after("Non-2xx or 3xx responses:").unwrap_or(0.0) as u64;
    let socket_errors: u64 = wrk
        .lines()
        .find_map(|l| l.trim().strip_prefix("Socket errors:"))
        .map(|rest| {
            rest.split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    let quarter = samples.len().div_ceil(4).max(1);
    let mean = |s: &[f64]| {
        if s.is_empty() {
            f64::NAN
        } else {
            s.iter().sum::<f64>() / s.len() as f64
        }
    };
    Outcome {
        route,
        backend,
        seconds,
        requests,
        per_second: number_after("Requests/sec:").unwrap_or(0.0),
        p50_ms: latency(wrk, "50%"),
        p99_ms: latency(wrk, "99%"),
        errors: non_success + socket_errors,
        rss_first: mean(&samples[..quarter.min(samples.len())]),
        rss_last: mean(&samples[samples.len().saturating_sub(quarter)..]),
        rss_peak: samples.iter().copied().fold(f64::NAN, f64::max),
        wal,
    }
}

/// A percentile of wrk's `--latency` distribution, in milliseconds.
fn latency(wrk: &str, percentile: &str) -> Option<f64> {
    let value = wrk
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix(percentile))?
        .trim();
    let (number, unit) = value.split_at(value.find(|c: char| c.is_ascii_alphabetic())?);
    let number: f64 = number.parse().ok()?;
    match unit {
        "us" => Some(number / 1000.0),
        "ms" => Some(number),
        "s" => Some(number * 1000.0),
        "m" => Some(number * 60_000.0),
        _ => None,
    }
}
