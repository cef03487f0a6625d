use std::sync::Arc;
use std::time::Duration;

use coopshares_app::clock::{Clock, FixedClock};
use coopshares_app::ports::{EmailAttachment, EmailRecord, NewEmail, Store};
use coopshares_domain::ids::OutboxMessageId;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::{EmailKind, MAX_ATTEMPTS, OutboxState};
use coopshares_mail::templates::sample_context;
use coopshares_mail::worker::{self, DeliveryReport};
use coopshares_mail::{MailFrom, MailTransport, Templates, deliver_due, new_message_id};
use coopshares_store_sqlite::SqliteStore;
use coopshares_test_smtp::TestSmtpServer;
use mail_parser::{MessageParser, MimeHeaders};
use tempfile::TempDir;
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::sync::Notify;

use crate::with_message_id;

const START: OffsetDateTime = datetime!(2026-03-02 09:00 UTC);

/// A migrated SQLite store in a temporary folder, a clock standing at [`START`], and the
/// transport to `server`.
struct Harness {
    _dir: TempDir,
    store: Arc<SqliteStore>,
    clock: Arc<FixedClock>,
    transport: MailTransport,
    from: MailFrom,
}

impl Harness {
    async fn new(server: &TestSmtpServer) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("coopshares.db").display());
        let store = SqliteStore::open(&url).await.unwrap();
        store.migrate().await.unwrap();
        Harness {
            transport: MailTransport::from_config(Some(&server.url()), dir.path()).unwrap(),
            _dir: dir,
            store: Arc::new(store),
            clock: Arc::new(FixedClock::new(START)),
            from: MailFrom::parse(Some("Coopérative Énergie <members@coop.example>")).unwrap(),
        }
    }

    /// Queues a rendered confirmation email, as a use case would.
    async fn enqueue(&self) -> (OutboxMessageId, String) {
        self.enqueue_with(Vec::new()).await
    }

    /// Queues a rendered confirmation email with these files.
    async fn enqueue_with(&self, attachments: Vec<EmailAttachment>) -> (OutboxMessageId, String) {
        let context = sample_context(EmailKind::RequestConfirmation, Language::Nl);
        let rendered = Templates::new()
            .unwrap()
            .render(EmailKind::RequestConfirmation, Language::Nl, None, &context)
            .unwrap();
        let message_id = new_message_id(self.from.domain());
        let mut tx = self.store.begin().await.unwrap();
        let id = tx
            .enqueue_email(&NewEmail {
                kind: EmailKind::RequestConfirmation,
                language: Language::Nl,
                to: vec!["jan@example.org".to_owned()],
                subject: rendered.subject,
                text_body: rendered.text_body,
                html_body: rendered.html_body,
                message_id: message_id.clone(),
                about: Some("subscription_request:42".to_owned()),
                attachments,
                created_at: self.clock.now(),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        (id, message_id)
    }

    async fn deliver(&self) -> DeliveryReport {
        deliver_due(
            self.store.as_ref(),
            &self.transport,
            self.clock.as_ref(),
            &self.from,
            10,
        )
        .await
        .unwrap()
    }

    async fn email(&self, id: OutboxMessageId) -> EmailRecord {
        let mut tx = self.store.begin_read().await.unwrap();
        tx.get_email(id).await.unwrap().unwrap()
    }

    fn advance_to(&self, at: OffsetDateTime) {
        self.clock.set(at);
    }
}

fn report(sent: u32, retried_later: u32, failed: u32) -> DeliveryReport {
    DeliveryReport {
        sent,
        retried_later,
        failed,
    }
}

#[tokio::test]
async fn an_email_queued_while_the_server_is_down_is_delivered_exactly_once_when_it_is_back() {
    let server = TestSmtpServer::start().await;
    let harness = Harness::new(&server).await;
    server.stop().await;
    let (id, message_id) = harness.enqueue().await;

    assert_eq!(harness.deliver().await, report(0, 1, 0));
    let email = harness.email(id).await;
    assert_eq!(email.state, OutboxState::Pending);
    assert_eq!(email.attempts, 1);
    assert!(email.next_attempt_at > START, "{}", email.next_attempt_at);
    assert!(email.last_error.is_some());

    server.restart().await;
    // Not due yet: nothing is sent before the next attempt time.
    assert_eq!(harness.deliver().await, report(0, 0, 0));
    assert!(server.messages().is_empty());

    let due = email.next_attempt_at;
    harness.advance_to(due);
    assert_eq!(harness.deliver().await, report(1, 0, 0));
    for hours in 1..=5 {
        harness.advance_to(due + time::Duration::hours(hours));
        assert_eq!(harness.deliver().await, report(0, 0, 0));
    }

    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(with_message_id(&received, &message_id), 1);
    assert_eq!(received[0].rcpt_to, ["jan@example.org"]);
    let email = harness.email(id).await;
    assert_eq!(email.state, OutboxState::Sent);
    assert_eq!(email.attempts, 2);
    assert_eq!(email.sent_at, Some(due));
}

#[tokio::test]
async fn a_queued_attachment_arrives_byte_for_byte_with_its_name_and_type() {
    let server = TestSmtpServer::start().await;
    let harness = Harness::new(&server).await;
    // PDF-like: a text header, then binary with zero bytes, bare CR/LF and invalid UTF-8.
    let pdf: Vec<u8> = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
        .iter()
        .copied()
        .chain([
            0, 0, b'\r', 0xff, 0xfe, b'\n', 0x80, b'.', b'\r', b'\n', b'.',
        ])
        .chain(0..=255)
        .chain(*b"\n%%EOF\n")
        .collect();
    let (id, message_id) = harness
        .enqueue_with(vec![EmailAttachment {
            filename: "capital-release-request-2026-0001.pdf".to_owned(),
            content_type: "application/pdf".to_owned(),
            content: pdf.clone(),
        }])
        .await;

    assert_eq!(harness.deliver().await, report(1, 0, 0));

    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(with_message_id(&received, &message_id), 1);
    let parsed = MessageParser::default()
        .parse(&received[0].data)
        .expect("a parseable message");
    assert_eq!(parsed.attachment_count(), 1);
    let attachment = parsed.attachment(0).unwrap();
    assert_eq!(
        attachment.attachment_name(),
        Some("capital-release-request-2026-0001.pdf")
    );
    let content_type = attachment.content_type().unwrap();
    assert_eq!(
        (content_type.ctype(), content_type.subtype()),
        ("application", Some("pdf"))
    );
    assert_eq!(attachment.contents(), pdf.as_slice());
    assert!(
        parsed.body_text(0).is_some_and(|text| !text.is_empty()),
        "the text part is still there"
    );
    assert_eq!(harness.email(id).await.state, OutboxState::Sent);
}

#[tokio::test]
async fn a_server_answering_451_keeps_the_email_pending() {
    let server = TestSmtpServer::start().await;
    server.set_temporary_failure(true);
    let harness = Harness::new(&server).await;
    let (id, _) = harness.enqueue().await;

    assert_eq!(harness.deliver().await, report(0, 1, 0));

    let email = harness.email(id).await;
    assert_eq!(email.state, OutboxState::Pending);
    assert_eq!(email.attempts, 1);
    assert_eq!(email.next_attempt_at, START + time::Duration::seconds(30));
    let error = email.last_error.unwrap();
    assert!(error.contains("451"), "{error}");
    assert!(server.messages().is_empty());
}

#[tokio::test]
async fn after_max_attempts_the_email_is_failed_with_the_last_error_until_a_manager_retries_it() {
    let server = TestSmtpServer::start().await;
    let harness = Harness::new(&server).await;
    server.stop().await;
    let (id, message_id) = harness.enqueue().await;

    for attempt in 1..=MAX_ATTEMPTS {
        let expected = if attempt < MAX_ATTEMPTS {
            report(0, 1, 0)
        } else {
            report(0, 0, 1)
        };
        assert_eq!(harness.deliver().await, expected, "attempt {attempt}");
        let email = harness.email(id).await;
        assert_eq!(email.attempts, attempt);
        harness.advance_to(email.next_attempt_at);
    }
    let email = harness.email(id).await;
    assert_eq!(email.state, OutboxState::Failed);
    assert!(email.last_error.is_some_and(|error| !error.is_empty()));

    // A failed email is not tried again on its own, even with the server back.
    server.restart().await;
    harness.advance_to(harness.clock.now() + time::Duration::days(2));
    assert_eq!(harness.deliver().await, report(0, 0, 0));
    assert!(server.messages().is_empty());

    let mut tx = harness.store.begin().await.unwrap();
    tx.retry_email(id, harness.clock.now()).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(harness.deliver().await, report(1, 0, 0));

    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(with_message_id(&received, &message_id), 1);
    assert_eq!(harness.email(id).await.state, OutboxState::Sent);
}

#[tokio::test]
async fn a_permanent_refusal_fails_the_email_at_once() {
    let server = TestSmtpServer::start().await;
    server.set_permanent_failure(true);
    let harness = Harness::new(&server).await;
    let (id, _) = harness.enqueue().await;

    assert_eq!(harness.deliver().await, report(0, 0, 1));

    let email = harness.email(id).await;
    assert_eq!(email.state, OutboxState::Failed);
    assert_eq!(email.attempts, 1);
    let error = email.last_error.unwrap();
    assert!(error.contains("550"), "{error}");
}

#[tokio::test]
async fn an_email_that_cannot_be_composed_fails_at_once() {
    let server = TestSmtpServer::start().await;
    let harness = Harness::new(&server).await;
    let mut tx = harness.store.begin().await.unwrap();
    let id = tx
        .enqueue_email(&NewEmail {
            kind: EmailKind::Test,
            language: Language::En,
            to: vec!["not an address".to_owned()],
            subject: "Test".to_owned(),
            text_body: "Test".to_owned(),
            html_body: "<p>Test</p>".to_owned(),
            message_id: new_message_id("coop.example"),
            about: None,
            attachments: Vec::new(),
            created_at: START,
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(harness.deliver().await, report(0, 0, 1));
    let error = harness.email(id).await.last_error.unwrap();
    assert!(error.contains("invalid recipient address"), "{error}");
}

#[tokio::test]
async fn the_worker_loop_delivers_when_woken_and_stops_on_shutdown() {
    let server = TestSmtpServer::start().await;
    let harness = Harness::new(&server).await;
    let wake = Arc::new(Notify::new());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let store: Arc<dyn Store> = harness.store.clone();
    let clock: Arc<dyn Clock> = harness.clock.clone();
    let running = tokio::spawn(worker::run(
        store,
        harness.transport.clone(),
        clock,
        harness.from.clone(),
        Arc::clone(&wake),
        async {
            let _ = stopped.await;
        },
    ));

    let (id, message_id) = harness.enqueue().await;
    wake.notify_one();
    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(with_message_id(&received, &message_id), 1);

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(5), running)
        .await
        .expect("the worker stops on shutdown")
        .unwrap();
    assert_eq!(harness.email(id).await.state, OutboxState::Sent);
}
