//! The back office: the guard on every route, dashboard, settings, outbox, templates.

use axum::http::{Method, StatusCode};
use coopshares_app::accounts::hash_password;
use coopshares_app::ports::{NewUser, Store};
use coopshares_domain::email::Email;
use coopshares_domain::outbox::OutboxState;
use coopshares_domain::user::Role;
use coopshares_mail::{MailFrom, MailTransport, deliver_due};
use coopshares_test_smtp::TestSmtpServer;

use crate::support::{MANAGER_EMAIL, TestApp};

/// Every registered back-office route, with sample path parameters.
fn admin_routes(app: &TestApp) -> Vec<(Method, String)> {
    let listed = coopshares_web::admin::routes(app.state.clone()).listed;
    assert!(
        listed.len() >= 10,
        "the registry lists the routes: {listed:?}"
    );
    listed
        .into_iter()
        .map(|(method, path)| {
            let path = path
                .replace("{id}", "1")
                .replace("{kind}", "test")
                .replace("{lang}", "fr");
            (method, path)
        })
        .collect()
}

#[tokio::test]
async fn every_admin_route_sends_a_visitor_without_a_session_to_the_login_page() {
    let mut app = TestApp::new().await;
    for (method, path) in admin_routes(&app) {
        let response = if method == Method::GET {
            app.get(&path).await
        } else {
            let token = app.get("/login").await.csrf_token();
            app.post_form(&path, &[("csrf_token", &token)]).await
        };
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{method} {path}");
        assert!(
            response.location().unwrap().starts_with("/login"),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn every_admin_route_refuses_a_member() {
    let mut app = TestApp::new().await;
    let mut tx = app.store.begin().await.unwrap();
    tx.insert_user(&NewUser {
        email: Email::parse("member@example.be").unwrap(),
        password_hash: hash_password("a member's password").unwrap(),
        role: Role::Member,
        language: None,
        contact: None,
        created_at: coopshares_app::clock::Clock::now(app.clock.as_ref()),
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let login = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "member@example.be"),
                ("password", "a member's password"),
            ],
        )
        .await;
    assert_eq!(login.location(), Some("/portal"));
    for (method, path) in admin_routes(&app) {
        let response = if method == Method::GET {
            app.get(&path).await
        } else {
            // The member's own CSRF token, so that the guard (not the CSRF check) answers.
            let csrf = app.get("/nowhere").await.csrf_token();
            app.post_form(&path, &[("csrf_token", &csrf)]).await
        };
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{method} {path}");
    }
}

#[tokio::test]
async fn the_dashboard_says_what_to_do_next_until_it_is_done() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let before = app.get("/admin?lang=en").await;
    assert!(
        before.body.contains("Fill in the cooperative"),
        "{}",
        before.body
    );
    assert!(
        before.body.contains("saved as files"),
        "no SMTP configured: {}",
        before.body
    );

    let saved = app
        .submit(
            "/admin/settings",
            "/admin/settings",
            &[
                ("name", "Énergie Coop SC"),
                ("street", "Rue de la Loi 1"),
                ("postal_code", "1000"),
                ("city", "Bruxelles"),
                ("country", "be"),
                ("registration_number", "0123.456.749"),
                ("iban", "BE71 0961 2345 6769"),
                ("bic", ""),
                ("currency", "EUR"),
                ("default_language", "fr"),
                ("reference_scheme", "ogm"),
                ("create_user_accounts", "on"),
                ("accounting_mode", "integrated"),
                ("due_days", "45"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(saved.location(), Some("/admin/settings"), "{}", saved.body);
    let after = app.get("/admin").await;
    assert!(
        !after.body.contains("Fill in the cooperative"),
        "identity is done"
    );
    assert!(
        !after.body.contains("bank account (IBAN)"),
        "the IBAN is done"
    );
    assert!(after.body.contains("Énergie Coop SC"));
}

#[tokio::test]
async fn bad_settings_are_shown_next_to_their_fields_and_nothing_is_saved() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let refused = app
        .submit(
            "/admin/settings?lang=en",
            "/admin/settings",
            &[
                ("name", "Coop"),
                ("iban", "BE00 1234"),
                ("due_days", "0"),
                ("currency", "EUR"),
                ("default_language", "fr"),
                ("reference_scheme", "ogm"),
                ("accounting_mode", "integrated"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("id=\"field-iban-error\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"field-due_days-error\""));
    assert!(
        refused.body.contains("value=\"BE00 1234\""),
        "what was typed is kept"
    );
    assert_eq!(
        coopshares_app::settings::load(app.store())
            .await
            .unwrap()
            .version,
        0
    );
}

#[tokio::test]
async fn two_managers_saving_the_settings_from_the_same_page_the_second_is_told() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let fields = |name: &'static str| {
        vec![
            ("name", name),
            ("due_days", "30"),
            ("currency", "EUR"),
            ("default_language", "fr"),
            ("reference_scheme", "ogm"),
            ("accounting_mode", "integrated"),
            ("version", "0"),
        ]
    };
    let first = app
        .submit("/admin/settings", "/admin/settings", &fields("First"))
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = app
        .submit("/admin/settings", "/admin/settings", &fields("Second"))
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    let settings = coopshares_app::settings::load(app.store()).await.unwrap();
    assert_eq!(settings.value.name.unwrap().as_str(), "First");
}

async fn smtp_transport(server: &TestSmtpServer) -> MailTransport {
    MailTransport::from_config(Some(&server.url()), std::path::Path::new("unused")).unwrap()
}

/// The whole path of an email: queued from the back office, delivered by the worker through
/// a real SMTP conversation, visible in the outbox.
#[tokio::test]
async fn a_test_email_from_the_back_office_reaches_the_smtp_server_once() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let queued = app
        .submit(
            "/admin/outbox?lang=nl",
            "/admin/outbox/test",
            &[("to", "an@example.be")],
        )
        .await;
    assert_eq!(queued.location(), Some("/admin/outbox"));
    let page = app.get("/admin/outbox").await;
    assert!(page.body.contains("an@example.be"), "{}", page.body);

    let server = TestSmtpServer::start().await;
    server.stop().await;
    let transport = smtp_transport(&server).await;
    let from = MailFrom::parse(Some("Coop <noreply@coop.example>")).unwrap();
    let report = deliver_due(app.store(), &transport, app.clock.as_ref(), &from, 10)
        .await
        .unwrap();
    assert_eq!(
        (report.sent, report.retried_later),
        (0, 1),
        "server down: it waits"
    );
    let waiting = app.get("/admin/outbox?state=pending").await;
    assert!(
        waiting.body.contains("an@example.be"),
        "still queued, with its error shown"
    );

    server.restart().await;
    app.clock
        .set(coopshares_app::clock::Clock::now(app.clock.as_ref()) + time::Duration::minutes(5));
    for _ in 0..3 {
        deliver_due(app.store(), &transport, app.clock.as_ref(), &from, 10)
            .await
            .unwrap();
    }
    let received = server
        .wait_for_messages(1, std::time::Duration::from_secs(5))
        .await;
    assert_eq!(received.len(), 1, "delivered exactly once");
    assert_eq!(received[0].rcpt_to, ["an@example.be"]);
    let text = received[0].data_text();
    assert!(text.contains("Content-Language: nl"), "{text}");
    assert!(text.contains("multipart/alternative"), "{text}");
    let sent = app.get("/admin/outbox?state=sent").await;
    assert!(sent.body.contains("an@example.be"));
}

#[tokio::test]
async fn a_failed_email_is_shown_with_its_error_and_a_manager_can_send_it_again() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    app.submit(
        "/admin/outbox",
        "/admin/outbox/test",
        &[("to", "an@example.be")],
    )
    .await;
    let server = TestSmtpServer::start().await;
    server.set_permanent_failure(true);
    let transport = smtp_transport(&server).await;
    let from = MailFrom::default();
    let report = deliver_due(app.store(), &transport, app.clock.as_ref(), &from, 10)
        .await
        .unwrap();
    assert_eq!(report.failed, 1);

    let mut tx = app.store.begin_read().await.unwrap();
    let failed = tx
        .list_emails(Some(OutboxState::Failed), 10, 0)
        .await
        .unwrap();
    drop(tx);
    let id = failed[0].id;
    let page = app.get(&format!("/admin/outbox/{id}?lang=en")).await;
    assert!(page.body.contains("Send again"), "{}", page.body);
    assert!(page.body.contains(failed[0].last_error.as_deref().unwrap()));

    let retried = app
        .submit(
            &format!("/admin/outbox/{id}"),
            &format!("/admin/outbox/{id}/retry"),
            &[],
        )
        .await;
    assert_eq!(retried.status, StatusCode::SEE_OTHER);
    server.set_permanent_failure(false);
    let report = deliver_due(app.store(), &transport, app.clock.as_ref(), &from, 10)
        .await
        .unwrap();
    assert_eq!(report.sent, 1);
    assert_eq!(
        server
            .wait_for_messages(1, std::time::Duration::from_secs(5))
            .await
            .len(),
        1
    );
    let again = app
        .submit(
            &format!("/admin/outbox/{id}"),
            &format!("/admin/outbox/{id}/retry"),
            &[],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "a sent email is not sent twice"
    );
}

#[tokio::test]
async fn a_manager_previews_saves_and_resets_a_template_and_the_next_email_uses_it() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    let page = "/admin/templates/test/fr";
    let shipped = app.get(page).await;
    assert_eq!(shipped.status, StatusCode::OK);
    assert!(
        shipped.body.contains("{{ coop_name }}"),
        "variables are listed"
    );

    let broken = app
        .submit(
            page,
            page,
            &[
                ("subject", "{{ nope"),
                ("text_body", "ok"),
                ("html_body", "<p>ok</p>"),
                ("action", "preview"),
            ],
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.body.contains("subject: line 1"), "{}", broken.body);

    let fields = [
        ("subject", "Essai pour {{ coop_name }}"),
        ("text_body", "Bonjour {{ recipient_name }} !"),
        ("html_body", "<p>Bonjour</p>"),
    ];
    let mut preview = fields.to_vec();
    preview.push(("action", "preview"));
    let shown = app.submit(page, page, &preview).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Essai pour "), "{}", shown.body);

    let mut save = fields.to_vec();
    save.push(("action", "save"));
    assert_eq!(app.submit(page, page, &save).await.location(), Some(page));
    let list = app.get("/admin/templates").await;
    assert!(list.body.contains("badge--warning"), "marked as adapted");

    app.submit(
        "/admin/outbox",
        "/admin/outbox/test",
        &[("to", "an@example.be")],
    )
    .await;
    let mut tx = app.store.begin_read().await.unwrap();
    let queued = tx.list_emails(None, 1, 0).await.unwrap();
    drop(tx);
    assert!(
        queued[0].email.subject.starts_with("Essai pour "),
        "{}",
        queued[0].email.subject
    );
    assert!(
        queued[0]
            .email
            .text_body
            .starts_with(&format!("Bonjour {MANAGER_EMAIL}"))
            || queued[0]
                .email
                .text_body
                .starts_with("Bonjour an@example.be")
    );

    let mut reset = fields.to_vec();
    reset.push(("action", "reset"));
    app.submit(page, page, &reset).await;
    let mut tx = app.store.begin_read().await.unwrap();
    assert!(tx.list_template_overrides().await.unwrap().is_empty());
}
