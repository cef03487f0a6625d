//! A real SMTP server on loopback for tests: the crates that send email talk to it over TCP
//! exactly as they would to a relay, so no client code is mocked.
//!
//! It speaks enough of SMTP for a client such as lettre (greeting, EHLO/HELO, AUTH PLAIN and
//! LOGIN accepting any credentials, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT),
//! keeps every message it accepts, and can be stopped, restarted on the same port, or told to
//! refuse mail with a temporary (`451`) or permanent (`550`) error, to exercise retries. It is
//! test support only: it never relays anything and must not be used by production code.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// The name the server gives itself in its replies.
const HOSTNAME: &str = "coopshares-test-smtp";
/// Longest command line accepted; longer ones close the connection.
const MAX_LINE: u64 = 64 * 1024;

/// One message the server accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMessage {
    /// The reverse path of `MAIL FROM`, without angle brackets.
    pub mail_from: String,
    /// The forward paths of every `RCPT TO`, without angle brackets.
    pub rcpt_to: Vec<String>,
    /// The DATA content after dot-unstuffing, without the final `.` line.
    pub data: Vec<u8>,
}

impl ReceivedMessage {
    /// The DATA content as text (invalid UTF-8 replaced), for assertions.
    pub fn data_text(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

/// What the connections share with the test.
#[derive(Debug, Default)]
struct Shared {
    messages: Mutex<Vec<ReceivedMessage>>,
    credentials: Mutex<Vec<(String, String)>>,
    temporary_failure: AtomicBool,
    permanent_failure: AtomicBool,
}

/// The accept loop while the server listens.
#[derive(Debug)]
struct Running {
    shutdown: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// An SMTP server on `127.0.0.1`, on a port chosen by the system and kept across restarts.
#[derive(Debug)]
pub struct TestSmtpServer {
    port: u16,
    shared: Arc<Shared>,
    running: Mutex<Option<Running>>,
}

/// Locks a mutex, ignoring poisoning: a panicking test thread must not hide what was received.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Binds a listener with `SO_REUSEADDR`, so that a restart can take the port back at once.
fn bind(port: u16) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))?;
    socket.listen(128)
}

impl TestSmtpServer {
    /// Starts listening on `127.0.0.1` on a free port.
    ///
    /// # Panics
    /// When no loopback port can be bound.
    pub async fn start() -> TestSmtpServer {
        let listener = match bind(0) {
            Ok(listener) => listener,
            Err(error) => panic!("the test SMTP server cannot bind a loopback port: {error}"),
        };
        let port = match listener.local_addr() {
            Ok(address) => address.port(),
            Err(error) => panic!("the test SMTP server has no local address: {error}"),
        };
        let server = TestSmtpServer {
            port,
            shared: Arc::new(Shared::default()),
            running: Mutex::new(None),
        };
        server.serve(listener);
        server
    }

    /// The URL to give a client: `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every message accepted so far, in the order received.
    pub fn messages(&self) -> Vec<ReceivedMessage> {
        lock(&self.shared.messages).clone()
    }

    /// The (user name, password) pairs of every successful AUTH, in order.
    pub fn auth_credentials(&self) -> Vec<(String, String)> {
        lock(&self.shared.credentials).clone()
    }

    /// When on, `MAIL FROM` is answered `451 4.3.0`: the server is up but refuses mail for now.
    pub fn set_temporary_failure(&self, on: bool) {
        self.shared.temporary_failure.store(on, Ordering::SeqCst);
    }

    /// When on, `MAIL FROM` is answered `550 5.7.1`: the server refuses the mail for good.
    /// A temporary failure, when also on, wins.
    pub fn set_permanent_failure(&self, on: bool) {
        self.shared.permanent_failure.store(on, Ordering::SeqCst);
    }

    /// Waits until at least `count` messages were received and returns them all.
    ///
    /// # Panics
    /// When fewer than `count` messages arrived within `timeout`.
    pub async fn wait_for_messages(&self, count: usize, timeout: Duration) -> Vec<ReceivedMessage> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if Instant::now() >= deadline {
                panic!(
                    "the test SMTP server expected {count} message(s) within {timeout:?} \
                     but received {}",
                    messages.len()
                );
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Stops accepting connections and drops the open ones; the port is free afterwards.
    /// Received messages are kept. Stopping a stopped server does nothing.
    pub async fn stop(&self) {
        let running = lock(&self.running).take();
        if let Some(running) = running {
            // The accept loop aborts its connections and waits for them before it returns, so
            // when the join completes no socket of ours is left on the port.
            let _ = running.shutdown.send(true);
            let _ = running.task.await;
        }
    }

    /// Listens again on the same port. Restarting a running server does nothing.
    ///
    /// # Panics
    /// When the port cannot be bound again within a few seconds.
    pub async fn restart(&self) {
        if lock(&self.running).is_some() {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        let listener = loop {
            match bind(self.port) {
                Ok(listener) => break listener,
                Err(error) if Instant::now() >= deadline => panic!(
                    "the test SMTP server cannot listen on port {} again: {error}",
                    self.port
                ),
                Err(e) => {
                    eprintln!("bind retry {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await
                }
            }
        };
        self.serve(listener);
    }

    fn serve(&self, listener: TcpListener) {
        let (shutdown, mut stopped) = watch::channel(false);
        let shared = Arc::clone(&self.shared);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    _ = stopped.changed() => break,
                    accepted = listener.accept() => {
                        if let Ok((stream, _)) = accepted {
                            connections.spawn(session(stream, Arc::clone(&shared)));
                        }
                    }
                    // Reap finished sessions so the set does not grow in long tests.
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
            drop(listener);
            connections.shutdown().await;
        });
        *lock(&self.running) = Some(Running { shutdown, task });
    }
}

impl Drop for TestSmtpServer {
    fn drop(&mut self) {
        // Aborting the accept loop drops its listener and its set of connections.
        if let Some(running) = lock(&self.running).take() {
            running.task.abort();
        }
    }
}

/// The envelope of the mail transaction in progress.
#[derive(Debug, Default)]
struct Transaction {
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
}

/// One client connection, until QUIT, end of stream or an I/O error.
async fn session(stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let mut connection = Connection {
        stream: BufReader::new(stream),
    };
    let _ = connection.converse(&shared).await;
}

#[derive(Debug)]
struct Connection {
    stream: BufReader<TcpStream>,
}

impl Connection {
    async fn reply(&mut self, text: &str) -> std::io::Result<()> {
        // One write per reply: split writes meet Nagle and delayed ACKs, 40 ms each.
        let reply = format!("{text}\r\n");
        self.stream.get_mut().write_all(reply.as_bytes()).await?;
        self.stream.get_mut().flush().await
    }

    /// One line with its line ending, or `None` at the end of the stream.
    async fn read_line(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut line = Vec::new();
        let read = (&mut self.stream)
            .take(MAX_LINE)
            .read_until(b'\n', &mut line)
            .await?;
        if read == 0 || !line.ends_with(b"\n") {
            return Ok(None);
        }
        Ok(Some(line))
    }

    /// One line without its line ending, as text.
    async fn read_text_line(&mut self) -> std::io::Result<Option<String>> {
        Ok(self.read_line().await?.map(|line| {
            let text = String::from_utf8_lossy(&line);
            text.trim_end_matches(['\r', '\n']).to_owned()
        }))
    }

    async fn converse(&mut self, shared: &Shared) -> std::io::Result<()> {
        self.reply(&format!("220 {HOSTNAME} ESMTP ready")).await?;
        let mut transaction = Transaction::default();
        while let Some(line) = self.read_text_line().await? {
            let (verb, argument) = match line.split_once(' ') {
                Some((verb, argument)) => (verb.to_ascii_uppercase(), argument.trim()),
                None => (line.trim().to_ascii_uppercase(), ""),
            };
            match verb.as_str() {
                "EHLO" => {
                    transaction = Transaction::default();
                    self.reply(&format!(
                        "250-{HOSTNAME} greets {argument}\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n\
                         250 AUTH PLAIN LOGIN"
                    ))
                    .await?;
                }
                "HELO" => {
                    transaction = Transaction::default();
                    self.reply(&format!("250 {HOSTNAME}")).await?;
                }
                "AUTH" => self.authenticate(argument, shared).await?,
                "MAIL" => {
                    if shared.temporary_failure.load(Ordering::SeqCst) {
                        self.reply("451 4.3.0 Temporary failure, try again later")
                            .await?;
                    } else if shared.permanent_failure.load(Ordering::SeqCst) {
                        self.reply("550 5.7.1 Message refused").await?;
                    } else if let Some(path) = path_after(argument, "FROM:") {
                        transaction = Transaction {
                            mail_from: Some(path),
                            rcpt_to: Vec::new(),
                        };
                        self.reply("250 2.1.0 OK").await?;
                    } else {
                        self.reply("501 5.5.4 Syntax: MAIL FROM:<address>").await?;
                    }
                }
                "RCPT" => {
                    if transaction.mail_from.is_none() {
                        self.reply("503 5.5.1 MAIL first").await?;
                    } else if let Some(path) = path_after(argument, "TO:") {
                        transaction.rcpt_to.push(path);
                        self.reply("250 2.1.5 OK").await?;
                    } else {
                        self.reply("501 5.5.4 Syntax: RCPT TO:<address>").await?;
                    }
                }
                "DATA" => {
                    if transaction.rcpt_to.is_empty() {
                        self.reply("503 5.5.1 RCPT first").await?;
                        continue;
                    }
                    self.reply("354 Start mail input; end with <CRLF>.<CRLF>")
                        .await?;
                    let Some(data) = self.read_data().await? else {
                        return Ok(());
                    };
                    let finished = std::mem::take(&mut transaction);
                    lock(&shared.messages).push(ReceivedMessage {
                        mail_from: finished.mail_from.unwrap_or_default(),
                        rcpt_to: finished.rcpt_to,
                        data,
                    });
                    self.reply("250 2.0.0 OK queued").await?;
                }
                "RSET" => {
                    transaction = Transaction::default();
                    self.reply("250 2.0.0 OK").await?;
                }
                "NOOP" => self.reply("250 2.0.0 OK").await?,
                "QUIT" => {
                    self.reply(&format!("221 2.0.0 {HOSTNAME} closing connection"))
                        .await?;
                    return Ok(());
                }
                _ => self.reply("500 5.5.2 Command not recognised").await?,
            }
        }
        Ok(())
    }

    /// The lines after `354` up to the lone `.`, dot-unstuffed; `None` if the client left.
    async fn read_data(&mut self) -> std::io::Result<Option<Vec<u8>>> {
        let mut data = Vec::new();
        loop {
            let Some(line) = self.read_line().await? else {
                return Ok(None);
            };
            if line == b".\r\n" || line == b".\n" {
                return Ok(Some(data));
            }
            let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
            data.extend_from_slice(unstuffed);
        }
    }

    async fn authenticate(&mut self, argument: &str, shared: &Shared) -> std::io::Result<()> {
        let (mechanism, initial) = match argument.split_once(' ') {
            Some((mechanism, initial)) => (mechanism.to_ascii_uppercase(), Some(initial.trim())),
            None => (argument.to_ascii_uppercase(), None),
        };
        let credentials = match mechanism.as_str() {
            "PLAIN" => {
                let response = match initial {
                    Some(initial) => Some(initial.to_owned()),
                    None => {
                        self.reply("334 ").await?;
                        self.read_text_line().await?
                    }
                };
                response
                    .and_then(|response| decode_base64(&response))
                    .and_then(|decoded| {
                        // authorization identity NUL user name NUL password
                        let mut parts = decoded.split(|byte| *byte == 0);
                        let _authorization = parts.next()?;
                        let user = parts.next()?;
                        let password = parts.next()?;
                        Some((text(user), text(password)))
                    })
            }
            "LOGIN" => {
                let user = match initial {
                    Some(initial) => Some(initial.to_owned()),
                    None => {
                        self.reply("334 VXNlcm5hbWU6").await?;
                        self.read_text_line().await?
                    }
                };
                self.reply("334 UGFzc3dvcmQ6").await?;
                let password = self.read_text_line().await?;
                user.and_then(|user| decode_base64(&user))
                    .zip(password.and_then(|password| decode_base64(&password)))
                    .map(|(user, password)| (text(&user), text(&password)))
            }
            _ => {
                return self
                    .reply("504 5.5.4 Unrecognised authentication mechanism")
                    .await;
            }
        };
        match credentials {
            Some(credentials) => {
                lock(&shared.credentials).push(credentials);
                self.reply("235 2.7.0 Authentication successful").await
            }
            None => self.reply("501 5.5.2 Cannot decode the response").await,
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The address of `FROM:<a@b> PARAMS` or `TO:<a@b>`, keyword in any case; `<>` gives "".
fn path_after(argument: &str, keyword: &str) -> Option<String> {
    let head = argument.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = argument.get(keyword.len()..)?.trim_start();
    let rest = rest.strip_prefix('<')?;
    let end = rest.find('>')?;
    rest.get(..end).map(str::to_owned)
}

/// Standard base64 (RFC 4648, with padding), or `None` when the text is not base64.
fn decode_base64(encoded: &str) -> Option<Vec<u8>> {
    fn value(symbol: u8) -> Option<u32> {
        let value = match symbol {
            b'A'..=b'Z' => symbol - b'A',
            b'a'..=b'z' => symbol - b'a' + 26,
            b'0'..=b'9' => symbol - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        Some(u32::from(value))
    }
    let symbols = encoded.trim().trim_end_matches('=').as_bytes();
    let mut decoded = Vec::with_capacity(symbols.len() * 3 / 4);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for symbol in symbols {
        buffer = (buffer << 6) | value(*symbol)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            decoded.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_padded_and_unpadded_text() {
        assert_eq!(decode_base64("AHVzZXIAcGFzcw==").unwrap(), b"\0user\0pass");
        assert_eq!(decode_base64("TWFu").unwrap(), b"Man");
        assert_eq!(decode_base64("TWE").unwrap(), b"Ma");
        assert_eq!(decode_base64("not base64!"), None);
    }

    #[test]
    fn paths_are_read_from_mail_and_rcpt_arguments() {
        assert_eq!(
            path_after("FROM:<a@b.example> BODY=8BITMIME", "FROM:").unwrap(),
            "a@b.example"
        );
        assert_eq!(
            path_after("to: <c@d.example>", "TO:").unwrap(),
            "c@d.example"
        );
        assert_eq!(path_after("FROM:<>", "FROM:").unwrap(), "");
        assert_eq!(path_after("FROM:a@b", "FROM:"), None);
        assert_eq!(path_after("TO:<x@y>", "FROM:"), None);
    }
}
