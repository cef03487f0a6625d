//! Logging in and out, the first-manager setup link, CSRF, language, password change.

use axum::http::StatusCode;
use coopshares_app::accounts;
use coopshares_app::ports::Store;
use coopshares_domain::user::Role;

use crate::support::{MANAGER_EMAIL, MANAGER_PASSWORD, TestApp};

#[tokio::test]
async fn the_setup_link_creates_the_first_manager_once_and_signs_them_in() {
    let mut app = TestApp::new().await;
    let token = accounts::setup_link(app.store(), app.clock.as_ref())
        .await
        .unwrap()
        .unwrap();
    let path = format!("/setup/{token}");
    let form = app.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"password_confirm\""));

    // A mismatch is shown next to the field, and nothing is created.
    let csrf = form.csrf_token();
    let refused = app
        .post_form(
            &path,
            &[
                ("csrf_token", &csrf),
                ("email", "an@coop.example"),
                ("password", "a long password"),
                ("password_confirm", "another one!"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("aria-invalid=\"true\""));
    assert!(
        refused.body.contains("value=\"an@coop.example\""),
        "the email is kept"
    );
    let mut tx = app.store.begin_read().await.unwrap();
    assert_eq!(tx.count_users_with_role(Role::Manager).await.unwrap(), 0);
    drop(tx);

    let created = app
        .post_form(
            &path,
            &[
                ("csrf_token", &csrf),
                ("email", "an@coop.example"),
                ("password", "a long password"),
                ("password_confirm", "a long password"),
            ],
        )
        .await;
    assert_eq!(
        (created.status, created.location()),
        (StatusCode::SEE_OTHER, Some("/admin"))
    );
    let dashboard = app.get("/admin").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(dashboard.body.contains("an@coop.example"));

    // The link is spent.
    app.forget_cookies();
    assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
    assert!(
        accounts::setup_link(app.store(), app.clock.as_ref())
            .await
            .unwrap()
            .is_none(),
        "no new link once a manager exists"
    );
}

#[tokio::test]
async fn a_manager_logs_in_with_the_right_password_only_and_logs_out() {
    let mut app = TestApp::new().await;
    app.create_manager().await;
    let wrong = app
        .submit(
            "/login?lang=en",
            "/login",
            &[("email", MANAGER_EMAIL), ("password", "not the password")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("not correct"), "{}", wrong.body);
    let unknown = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "nobody@coop.example"),
                ("password", MANAGER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNAUTHORIZED,
        "same answer for an unknown email"
    );
    assert_eq!(app.get("/admin").await.status, StatusCode::SEE_OTHER);

    let ok = app
        .submit(
            "/login?next=/admin/settings",
            "/login",
            &[
                ("email", "Treasurer@Coop.example"),
                ("password", MANAGER_PASSWORD),
                ("next", "/admin/settings"),
            ],
        )
        .await;
    assert_eq!(
        ok.location(),
        Some("/admin/settings"),
        "back to where the manager wanted to go"
    );
    let session = app.cookie("coopshares_session").unwrap().to_owned();
    let set_cookie = ok
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("coopshares_session="))
        .unwrap();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    assert!(
        !set_cookie.contains("Secure"),
        "no Secure flag without an https base URL"
    );
    assert_eq!(app.get("/admin").await.status, StatusCode::OK);

    let out = app.submit("/admin", "/logout", &[]).await;
    assert_eq!(out.location(), Some("/login"));
    assert_eq!(app.get("/admin").await.status, StatusCode::SEE_OTHER);
    // The old cookie no longer opens a session.
    let mut tx = app.store.begin_read().await.unwrap();
    assert!(
        tx.find_session(
            &coopshares_app::secrets::hash_token(&session),
            coopshares_app::clock::Clock::now(app.clock.as_ref())
        )
        .await
        .unwrap()
        .is_none()
    );
}

#[tokio::test]
async fn only_local_paths_are_followed_after_login() {
    let mut app = TestApp::new().await;
    app.create_manager().await;
    let response = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", MANAGER_EMAIL),
                ("password", MANAGER_PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.location(), Some("/admin"));
}

#[tokio::test]
async fn sessions_expire() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    app.clock.set(
        coopshares_app::clock::Clock::now(app.clock.as_ref())
            + accounts::SESSION_LIFETIME
            + time::Duration::seconds(1),
    );
    assert_eq!(app.get("/admin").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn repeated_failed_logins_are_refused_for_a_while() {
    let mut app = TestApp::new().await;
    app.create_manager().await;
    for _ in 0..coopshares_web::LOGIN_ATTEMPTS {
        let response = app
            .submit(
                "/login",
                "/login",
                &[("email", MANAGER_EMAIL), ("password", "guess")],
            )
            .await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = app
        .submit(
            "/login",
            "/login",
            &[("email", MANAGER_EMAIL), ("password", MANAGER_PASSWORD)],
        )
        .await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
}

#[tokio::test]
async fn a_form_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    let mut app = TestApp::new().await;
    app.create_manager().await;
    let no_token = app
        .post_form(
            "/login",
            &[("email", MANAGER_EMAIL), ("password", MANAGER_PASSWORD)],
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(app.cookie("coopshares_session").is_none());

    app.log_in_as_manager_again().await;
    let wrong = app
        .post_form(
            "/admin/settings",
            &[
                ("csrf_token", &"0".repeat(64)),
                ("name", "Hijacked"),
                ("due_days", "30"),
                ("version", "0"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(
        wrong.body.contains("expired") || wrong.body.contains("expiré"),
        "{}",
        wrong.body
    );
    let settings = coopshares_app::settings::load(app.store()).await.unwrap();
    assert_eq!(settings.version, 0, "nothing saved");
}

impl TestApp {
    async fn log_in_as_manager_again(&mut self) {
        let response = self
            .submit(
                "/login",
                "/login",
                &[("email", MANAGER_EMAIL), ("password", MANAGER_PASSWORD)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER);
    }
}

#[tokio::test]
async fn the_language_comes_from_the_user_then_the_choice_then_the_browser() {
    let mut app = TestApp::new().await;
    let french_default = app.get("/login").await;
    assert!(
        french_default.body.contains("<html lang=\"fr\">"),
        "the cooperative's default"
    );
    let dutch = app
        .get_with("/login", &[("accept-language", "nl-BE,nl;q=0.9,en;q=0.5")])
        .await;
    assert!(dutch.body.contains("<html lang=\"nl\">"));
    let german = app
        .get_with("/login?lang=de", &[("accept-language", "nl-BE")])
        .await;
    assert!(german.body.contains("<html lang=\"de\">") && german.body.contains("Anmelden"));
    let remembered = app
        .get_with("/login", &[("accept-language", "nl-BE")])
        .await;
    assert!(
        remembered.body.contains("<html lang=\"de\">"),
        "the choice is remembered in a cookie"
    );

    app.forget_cookies();
    app.log_in_as_manager().await;
    app.get("/admin?lang=en").await;
    app.forget_cookies();
    app.log_in_as_manager_again().await;
    let page = app.get_with("/admin", &[("accept-language", "nl")]).await;
    assert!(
        page.body.contains("<html lang=\"en\">"),
        "the manager's preference wins"
    );
}

#[tokio::test]
async fn changing_the_password_checks_the_current_one_and_ends_other_sessions() {
    let mut app = TestApp::new().await;
    app.log_in_as_manager().await;
    // A second session of the same manager, on the same database.
    let second = accounts::log_in(
        app.store(),
        app.clock.as_ref(),
        MANAGER_EMAIL,
        MANAGER_PASSWORD,
    )
    .await
    .unwrap();

    let wrong = app
        .submit(
            "/admin/password",
            "/admin/password",
            &[
                ("current_password", "nope"),
                ("new_password", "a brand new passphrase"),
                ("new_password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let changed = app
        .submit(
            "/admin/password",
            "/admin/password",
            &[
                ("current_password", MANAGER_PASSWORD),
                ("new_password", "a brand new passphrase"),
                ("new_password_confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(changed.location(), Some("/admin"));
    assert_eq!(
        app.get("/admin").await.status,
        StatusCode::OK,
        "this session goes on"
    );
    assert!(
        accounts::session(app.store(), app.clock.as_ref(), &second.session_token)
            .await
            .unwrap()
            .is_none(),
        "the other one ended"
    );
    assert!(
        accounts::log_in(
            app.store(),
            app.clock.as_ref(),
            MANAGER_EMAIL,
            "a brand new passphrase"
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let mut app = TestApp::new().await;
    for path in [
        "/login",
        "/healthz",
        "/api/v1/settings",
        "/static/app.css",
        "/nowhere",
    ] {
        let response = app.get(path).await;
        let csp = response
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert_eq!(
            response.headers.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            response.headers.get("x-frame-options").unwrap(),
            "DENY",
            "{path}"
        );
        assert!(response.headers.get("referrer-policy").is_some(), "{path}");
    }
}

#[tokio::test]
async fn behind_an_https_address_every_cookie_is_secure() {
    let config =
        coopshares_web::WebConfig::new(Some("https://members.coop.example".to_owned()), &[], true)
            .unwrap();
    let mut app = TestApp::with_config(config).await;
    app.create_manager().await;
    let response = app
        .submit(
            "/login",
            "/login",
            &[("email", MANAGER_EMAIL), ("password", MANAGER_PASSWORD)],
        )
        .await;
    let cookies: Vec<String> = response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("coopshares_session=")),
        "{cookies:?}"
    );
    assert!(
        cookies.iter().all(|c| c.contains("; Secure")),
        "{cookies:?}"
    );
}
