//! The test server, driven over raw TCP the way any SMTP client would.
#![expect(
    clippy::unwrap_used,
    reason = "test helpers state their expectations with unwrap"
)]

use std::time::Duration;

use coopshares_test_smtp::TestSmtpServer;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// A raw client: sends lines, reads whole (possibly multi-line) replies.
struct Client {
    stream: BufReader<TcpStream>,
}

impl Client {
    async fn connect(server: &TestSmtpServer) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", server.port()))
            .await
            .unwrap();
        let mut client = Client {
            stream: BufReader::new(stream),
        };
        let greeting = client.reply().await;
        assert!(greeting.starts_with("220 "), "greeting: {greeting}");
        client
    }

    /// Every line of one reply, joined with `\n`.
    async fn reply(&mut self) -> String {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let read = self.stream.read_line(&mut line).await.unwrap();
            assert!(read > 0, "the server closed the connection");
            let line = line.trim_end().to_owned();
            let last = line.as_bytes().get(3) != Some(&b'-');
            lines.push(line);
            if last {
                return lines.join("\n");
            }
        }
    }

    async fn send(&mut self, line: &str) -> String {
        self.write(line).await;
        self.reply().await
    }

    async fn write(&mut self, raw: &str) {
        let stream = self.stream.get_mut();
        stream
            .write_all(format!("{raw}\r\n").as_bytes())
            .await
            .unwrap();
    }
}

async fn send_one(client: &mut Client, from: &str, to: &[&str], body_lines: &[&str]) {
    assert!(
        client
            .send(&format!("MAIL FROM:<{from}>"))
            .await
            .starts_with("250")
    );
    for recipient in to {
        assert!(
            client
                .send(&format!("RCPT TO:<{recipient}>"))
                .await
                .starts_with("250")
        );
    }
    assert!(client.send("DATA").await.starts_with("354"));
    for line in body_lines {
        client.write(line).await;
    }
    assert!(client.send(".").await.starts_with("250"));
}

#[tokio::test]
async fn a_message_is_received_with_its_envelope_and_unstuffed_data() {
    let server = TestSmtpServer::start().await;
    let mut client = Client::connect(&server).await;
    let ehlo = client.send("EHLO client.example").await;
    assert!(ehlo.contains("250-8BITMIME"), "{ehlo}");
    assert!(ehlo.contains("SMTPUTF8"), "{ehlo}");
    assert!(ehlo.ends_with("250 AUTH PLAIN LOGIN"), "{ehlo}");

    send_one(
        &mut client,
        "members@coop.example",
        &["anne@example.org", "bert@example.org"],
        &[
            "Subject: hello",
            "",
            "..a line that began with a dot",
            "end",
        ],
    )
    .await;
    assert!(client.send("QUIT").await.starts_with("221"));

    let messages = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message.mail_from, "members@coop.example");
    assert_eq!(message.rcpt_to, ["anne@example.org", "bert@example.org"]);
    assert_eq!(
        message.data_text(),
        "Subject: hello\r\n\r\n.a line that began with a dot\r\nend\r\n"
    );
}

#[tokio::test]
async fn helo_rset_noop_and_unknown_commands_get_their_replies() {
    let server = TestSmtpServer::start().await;
    let mut client = Client::connect(&server).await;
    assert!(client.send("HELO client.example").await.starts_with("250 "));
    assert!(client.send("NOOP").await.starts_with("250"));
    assert!(
        client
            .send("MAIL FROM:<a@example.org>")
            .await
            .starts_with("250")
    );
    assert!(client.send("RSET").await.starts_with("250"));
    assert!(
        client
            .send("RCPT TO:<b@example.org>")
            .await
            .starts_with("503")
    );
    assert!(client.send("DATA").await.starts_with("503"));
    assert!(client.send("FROBNICATE").await.starts_with("500"));
    assert!(client.send("QUIT").await.starts_with("221"));
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn auth_plain_accepts_and_records_any_credentials() {
    let server = TestSmtpServer::start().await;
    let mut client = Client::connect(&server).await;
    client.send("EHLO client.example").await;
    // "\0mailer\0s3cret", then the same with the response on its own line.
    assert!(
        client
            .send("AUTH PLAIN AG1haWxlcgBzM2NyZXQ=")
            .await
            .starts_with("235")
    );
    assert!(client.send("AUTH PLAIN").await.starts_with("334"));
    assert!(client.send("AG90aGVyAHB3").await.starts_with("235"));
    assert_eq!(
        server.auth_credentials(),
        [
            ("mailer".to_owned(), "s3cret".to_owned()),
            ("other".to_owned(), "pw".to_owned())
        ]
    );
}

#[tokio::test]
async fn auth_login_asks_for_the_user_name_then_the_password() {
    let server = TestSmtpServer::start().await;
    let mut client = Client::connect(&server).await;
    client.send("EHLO client.example").await;
    assert_eq!(client.send("AUTH LOGIN").await, "334 VXNlcm5hbWU6");
    assert_eq!(client.send("bWFpbGVy").await, "334 UGFzc3dvcmQ6");
    assert!(client.send("czNjcmV0").await.starts_with("235"));
    assert_eq!(
        server.auth_credentials(),
        [("mailer".to_owned(), "s3cret".to_owned())]
    );
}

#[tokio::test]
async fn a_temporary_failure_refuses_mail_from_with_451_until_lifted() {
    let server = TestSmtpServer::start().await;
    server.set_temporary_failure(true);
    let mut client = Client::connect(&server).await;
    client.send("EHLO client.example").await;
    let refused = client.send("MAIL FROM:<a@example.org>").await;
    assert!(refused.starts_with("451 4.3.0"), "{refused}");

    server.set_temporary_failure(false);
    send_one(&mut client, "a@example.org", &["b@example.org"], &["hi"]).await;
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn a_permanent_failure_refuses_mail_from_with_550() {
    let server = TestSmtpServer::start().await;
    server.set_permanent_failure(true);
    let mut client = Client::connect(&server).await;
    client.send("EHLO client.example").await;
    let refused = client.send("MAIL FROM:<a@example.org>").await;
    assert!(refused.starts_with("550 5.7.1"), "{refused}");
}

#[tokio::test]
async fn a_stopped_server_refuses_connections_and_a_restarted_one_listens_on_the_same_port() {
    let server = TestSmtpServer::start().await;
    let port = server.port();
    let mut open = Client::connect(&server).await;
    send_one(&mut open, "a@example.org", &["b@example.org"], &["before"]).await;

    server.stop().await;
    assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    // The open connection was dropped too: writing fails, or reading finds the end.
    let _ = open.stream.get_mut().write_all(b"NOOP\r\n").await;
    let mut line = String::new();
    let read = open.stream.read_line(&mut line).await.unwrap_or(0);
    assert_eq!(read, 0, "the connection is still answered: {line}");

    server.restart().await;
    assert_eq!(server.port(), port);
    assert_eq!(server.url(), format!("smtp://127.0.0.1:{port}"));
    let mut client = Client::connect(&server).await;
    client.send("EHLO client.example").await;
    send_one(&mut client, "a@example.org", &["b@example.org"], &["after"]).await;

    let messages = server.wait_for_messages(2, Duration::from_secs(5)).await;
    assert_eq!(messages.len(), 2, "messages are kept across a restart");
}

#[tokio::test]
async fn stopping_and_restarting_many_times_in_a_row_keeps_the_port() {
    let server = TestSmtpServer::start().await;
    for _ in 0..20 {
        let client = Client::connect(&server).await;
        server.stop().await;
        server.restart().await;
        drop(client);
    }
    Client::connect(&server).await;
}

#[tokio::test]
#[should_panic(expected = "expected 1 message(s)")]
async fn waiting_for_a_message_that_never_comes_panics_with_a_clear_message() {
    let server = TestSmtpServer::start().await;
    server.wait_for_messages(1, Duration::from_millis(50)).await;
}
