use std::path::Path;
use std::time::Duration;

use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use coopshares_mail::templates::sample_context;
use coopshares_mail::{
    DeliveryError, MailFrom, MailTransport, RenderedEmail, Templates, compose, new_message_id,
};
use coopshares_test_smtp::TestSmtpServer;
use mail_parser::MessageParser;

fn rendered_request_confirmation() -> RenderedEmail {
    let mut context = sample_context(EmailKind::RequestConfirmation, Language::Fr);
    context["recipient_name"] = "Élise Lefèvre".into();
    Templates::new()
        .unwrap()
        .render(EmailKind::RequestConfirmation, Language::Fr, None, &context)
        .unwrap()
}

fn transport_to(url: &str) -> MailTransport {
    MailTransport::from_config(Some(url), Path::new("/nonexistent")).unwrap()
}

#[tokio::test]
async fn a_composed_message_reaches_the_server_with_its_headers_and_both_parts() {
    let server = TestSmtpServer::start().await;
    let from = MailFrom::parse(Some("Coopérative Énergie <members@coop.example>")).unwrap();
    let rendered = rendered_request_confirmation();
    let id = new_message_id(from.domain());
    let to = [
        "elise@example.org".to_owned(),
        "compta@example.org".to_owned(),
    ];
    let message = compose(&from, &to, &rendered, Language::Fr, &id).unwrap();

    transport_to(&server.url()).send(&message).await.unwrap();

    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(received[0].mail_from, "members@coop.example");
    assert_eq!(received[0].rcpt_to, to);
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    let sender = parsed.from().unwrap().first().unwrap();
    assert_eq!(sender.name(), Some("Coopérative Énergie"));
    assert_eq!(sender.address(), Some("members@coop.example"));
    let recipients: Vec<_> = parsed
        .to()
        .unwrap()
        .iter()
        .map(|addr| addr.address().unwrap().to_owned())
        .collect();
    assert_eq!(recipients, to);
    assert_eq!(
        parsed.subject(),
        Some("Votre demande de souscription à Courant Citoyen est bien reçue")
    );
    assert_eq!(parsed.message_id(), Some(id.as_str()));
    assert_eq!(
        parsed.header_raw("Content-Language").map(str::trim),
        Some("fr")
    );
    assert_eq!(
        parsed.header_raw("Auto-Submitted").map(str::trim),
        Some("auto-generated")
    );
    assert!(
        parsed
            .header_raw("Content-Type")
            .unwrap()
            .contains("multipart/alternative")
    );
    assert_eq!(parsed.text_body_count(), 1);
    assert_eq!(parsed.html_body_count(), 1);
    // Line endings travel as CRLF.
    let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert_eq!(text.trim_end(), rendered.text_body.trim_end());
    assert!(text.starts_with("Bonjour Élise Lefèvre,"), "{text}");
    assert!(
        text.contains("4 parts de type « Part de coopérateur (A) »"),
        "{text}"
    );
    let html = parsed.body_html(0).unwrap();
    assert!(html.contains("<p>Bonjour Élise Lefèvre,</p>"), "{html}");
    assert!(html.contains("<strong>1 000,00 EUR</strong>"), "{html}");
}

#[tokio::test]
async fn lines_starting_with_a_dot_survive_the_smtp_dot_stuffing() {
    let server = TestSmtpServer::start().await;
    let rendered = RenderedEmail {
        subject: "Dots".to_owned(),
        text_body: "first\n.second starts with a dot\n.\nlast\n".to_owned(),
        html_body: "<p>dots</p>".to_owned(),
    };
    let message = compose(
        &MailFrom::default(),
        &["a@example.org".to_owned()],
        &rendered,
        Language::En,
        "dots@localhost",
    )
    .unwrap();
    transport_to(&server.url()).send(&message).await.unwrap();
    let received = server.wait_for_messages(1, Duration::from_secs(5)).await;
    let parsed = MessageParser::default().parse(&received[0].data).unwrap();
    let text = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert_eq!(text.trim_end(), rendered.text_body.trim_end());
}

#[tokio::test]
async fn credentials_from_the_url_reach_the_server_percent_decoded() {
    let server = TestSmtpServer::start().await;
    let url = format!(
        "smtp://mailer%40coop.example:p%40ss%20word@127.0.0.1:{}",
        server.port()
    );
    let message = compose(
        &MailFrom::default(),
        &["a@example.org".to_owned()],
        &rendered_request_confirmation(),
        Language::Fr,
        "auth@localhost",
    )
    .unwrap();
    transport_to(&url).send(&message).await.unwrap();
    assert_eq!(
        server.auth_credentials(),
        [("mailer@coop.example".to_owned(), "p@ss word".to_owned())]
    );
    assert_eq!(server.messages().len(), 1);
}

#[tokio::test]
async fn the_file_transport_writes_a_parseable_eml_named_after_the_message_id() {
    let dir = tempfile::tempdir().unwrap();
    let transport = MailTransport::from_config(None, dir.path()).unwrap();
    let outbox = dir.path().join("outbox");
    assert_eq!(transport.files_dir(), Some(outbox.as_path()));
    let rendered = rendered_request_confirmation();
    let message = compose(
        &MailFrom::default(),
        &["elise@example.org".to_owned()],
        &rendered,
        Language::Fr,
        "0123abcd@coop.example",
    )
    .unwrap();

    transport.send(&message).await.unwrap();

    let files: Vec<_> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(files, ["0123abcd@coop.example.eml"]);
    let bytes = std::fs::read(outbox.join(&files[0])).unwrap();
    let parsed = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(parsed.subject(), Some(rendered.subject.as_str()));
    assert_eq!(parsed.message_id(), Some("0123abcd@coop.example"));
    assert_eq!(
        parsed.to().unwrap().first().unwrap().address(),
        Some("elise@example.org")
    );
    assert_eq!(parsed.html_body_count(), 1);
}

#[tokio::test]
async fn a_blank_smtp_url_means_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let transport = MailTransport::from_config(Some("  "), dir.path()).unwrap();
    assert!(transport.files_dir().is_some());
    assert!(transport.describe().starts_with("files in "));
}

async fn send_expecting_failure(server: &TestSmtpServer) -> DeliveryError {
    let message = compose(
        &MailFrom::default(),
        &["a@example.org".to_owned()],
        &rendered_request_confirmation(),
        Language::Fr,
        "fail@localhost",
    )
    .unwrap();
    transport_to(&server.url())
        .send(&message)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn an_unreachable_server_is_a_temporary_failure() {
    let server = TestSmtpServer::start().await;
    server.stop().await;
    let error = send_expecting_failure(&server).await;
    assert!(!error.is_permanent(), "{error:?}");
}

#[tokio::test]
async fn a_451_answer_is_a_temporary_failure() {
    let server = TestSmtpServer::start().await;
    server.set_temporary_failure(true);
    let error = send_expecting_failure(&server).await;
    assert!(!error.is_permanent(), "{error:?}");
    let chain = coopshares_mail::error_chain(&error);
    assert!(chain.contains("451"), "{chain}");
}

#[tokio::test]
async fn a_550_answer_is_a_permanent_failure() {
    let server = TestSmtpServer::start().await;
    server.set_permanent_failure(true);
    let error = send_expecting_failure(&server).await;
    assert!(error.is_permanent(), "{error:?}");
    assert!(server.messages().is_empty());
}
