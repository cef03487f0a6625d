//! `TestApp`: the real router on a fresh SQLite file (or, with [`TestApp::on_postgres`], a
//! fresh schema of the test PostgreSQL server), with the real email templates, driven request by
//! request with a cookie jar, like a browser without JavaScript.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use coopshares_app::accounts;
use coopshares_app::clock::FixedClock;
use coopshares_app::email::Mailer;
use coopshares_app::ports::{Actor, Store};
use coopshares_app::tokens;
use coopshares_domain::user::ApiRole;
use coopshares_mail::Templates;
use coopshares_store_sqlite::SqliteStore;
use coopshares_store_tests::backends::{self, TestStore};
use coopshares_web::{AppState, WebConfig, router};
use http_body_util::BodyExt;
use time::macros::datetime;
use tower::ServiceExt;

pub const MANAGER_EMAIL: &str = "treasurer@coop.example";
pub const MANAGER_PASSWORD: &str = "a long enough password";

/// The app on a store of type `S`: a SQLite file by default, [`TestStore`] on PostgreSQL.
pub struct TestApp<S = SqliteStore> {
    pub state: AppState,
    pub store: S,
    pub clock: Arc<FixedClock>,
    router: Router,
    cookies: BTreeMap<String, String>,
    _dir: Option<tempfile::TempDir>,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body exactly as received (for PDFs).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The value of the hidden `csrf_token` field of the page.
    pub fn csrf_token(&self) -> String {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no CSRF field in {}", self.body))
            + marker.len();
        self.body[start..start + 64].to_owned()
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_config(WebConfig::new(None, &["https://coop.example"], false).unwrap()).await
    }

    pub async fn with_config(config: WebConfig) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("app.db").display());
        let store = SqliteStore::open(&url).await.unwrap();
        store.migrate().await.unwrap();
        TestApp::assemble(Arc::new(store.clone()), store, Some(dir), config)
    }
}

impl TestApp<TestStore> {
    /// The app on a fresh schema of the server `COOPSHARES_TEST_POSTGRES_URL` names, or `None`
    /// (skip) when none is configured — unless `COOPSHARES_REQUIRE_POSTGRES=1`, which fails.
    pub async fn on_postgres() -> Option<TestApp<TestStore>> {
        let store = backends::postgres().await?;
        let config = WebConfig::new(None, &["https://coop.example"], false).unwrap();
        Some(TestApp::assemble(
            Arc::clone(&store.store),
            store,
            None,
            config,
        ))
    }
}

impl<S> TestApp<S> {
    fn assemble(
        shared: Arc<dyn Store>,
        store: S,
        dir: Option<tempfile::TempDir>,
        config: WebConfig,
    ) -> TestApp<S> {
        let clock = Arc::new(FixedClock::new(datetime!(2026-11-28 09:00:00 UTC)));
        let mailer = Arc::new(Mailer {
            renderer: Arc::new(Templates::new().unwrap()),
            message_id_domain: "coop.example".to_owned(),
            base_url: "http://localhost:8080".to_owned(),
        });
        let state = AppState::new(
            shared,
            clock.clone(),
            mailer,
            Arc::new(coopshares_documents::PdfRenderer),
            config,
        )
        .unwrap();
        TestApp {
            router: router(state.clone()),
            state,
            store,
            clock,
            cookies: BTreeMap::new(),
            _dir: dir,
        }
    }

    /// The store the app runs on, whatever its backend.
    pub fn store(&self) -> &dyn Store {
        self.state.store.as_ref()
    }

    /// Sends a request with the cookie jar; keeps the cookies the response sets.
    pub async fn request(&mut self, request: Request<Body>) -> TestResponse {
        let mut request = request;
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request.headers_mut().insert(COOKIE, jar.parse().unwrap());
        }
        let response = self.router.clone().oneshot(request).await.unwrap();
        for value in response.headers().get_all(SET_COOKIE) {
            let text = value.to_str().unwrap();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.request(Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut builder = Request::get(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        self.request(builder.body(Body::empty()).unwrap()).await
    }

    /// Posts a form as a browser would: fields URL-encoded.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(
            Request::post(path)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Loads `page` for its CSRF token, then posts the form with it.
    pub async fn submit(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> TestResponse {
        let token = self.get(page).await.csrf_token();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    pub async fn api(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                builder = builder.header(CONTENT_TYPE, "application/json");
                Body::from(json.to_owned())
            }
            None => Body::empty(),
        };
        self.request(builder.body(body).unwrap()).await
    }

    /// Creates the manager account directly through the use case.
    pub async fn create_manager(&self) {
        accounts::create_manager(
            self.store(),
            self.clock.as_ref(),
            &Actor::Operator,
            MANAGER_EMAIL,
            MANAGER_PASSWORD,
        )
        .await
        .unwrap();
    }

    pub async fn log_in_as_manager(&mut self) {
        self.create_manager().await;
        let response = self
            .submit(
                "/login",
                "/login",
                &[("email", MANAGER_EMAIL), ("password", MANAGER_PASSWORD)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }

    pub async fn api_token(&self, role: ApiRole) -> String {
        tokens::create_api_token(
            self.store(),
            self.clock.as_ref(),
            &Actor::Operator,
            "test",
            role,
        )
        .await
        .unwrap()
        .secret
    }

    pub fn forget_cookies(&mut self) {
        self.cookies.clear();
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }
}

/// Runs each named test, an `async fn name<S>(app: TestApp<S>)`, twice: `on_sqlite::name` on a
/// fresh SQLite file and `on_postgres::name` on a fresh PostgreSQL schema (skipped with a
/// message when `COOPSHARES_TEST_POSTGRES_URL` is not set).
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::support::TestApp::new().await).await;
                }
            )+
        }

        mod on_postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) = $crate::support::TestApp::on_postgres().await {
                        super::$name(app).await;
                    }
                }
            )+
        }
    };
}
pub(crate) use on_both_backends;

/// Whether poppler's tools (`pdftotext`, `pdftoppm`) are here; panics when
/// `COOPSHARES_REQUIRE_PDF_TOOLS=1` asks for them.
pub fn pdf_tools_available() -> bool {
    let present = ["pdftotext", "pdftoppm"]
        .iter()
        .all(|tool| std::process::Command::new(tool).arg("-v").output().is_ok());
    assert!(
        present || std::env::var("COOPSHARES_REQUIRE_PDF_TOOLS").as_deref() != Ok("1"),
        "COOPSHARES_REQUIRE_PDF_TOOLS=1 but poppler-utils (pdftotext, pdftoppm) is missing"
    );
    if !present {
        eprintln!("skipped the PDF checks: poppler-utils is not installed");
    }
    present
}

/// The text of a PDF, as `pdftotext` reads it.
pub fn pdf_text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}
