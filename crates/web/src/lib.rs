//! The HTTP face of Coopshares (axum): public pages, the back office (`/admin`), the JSON API
//! (`/api/v1`), health. Handlers are thin — extract, parse, call one use case, map the result
//! to HTML or JSON.
//!
//! Layers, outermost first: security headers (every response); for HTML routes, the visitor
//! (session, CSRF token, language, flash) then the CSRF check on every form POST; for `/admin`,
//! the manager guard on every route.
//!
//! Depends on `app` only, never on a storage adapter: the binary hands it a `dyn Store`.

pub mod admin;
pub mod api;
pub mod auth;
pub mod csrf;
pub mod limits;
pub mod page;
pub mod portal;
pub mod public;
pub mod register_export;
pub mod session;
pub mod ui;

pub use coopshares_app::error::error_chain;

use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use coopshares_app::clock::Clock;
use coopshares_app::documents::DocumentRenderer;
use coopshares_app::email::Mailer;
use coopshares_app::intake::{IntakeCatalog, IntakeWriter};
use coopshares_app::ports::Store;
use coopshares_app::settings::{self, CooperativeSettings};
use coopshares_domain::language::Language;
use serde_json::json;
use tokio::sync::Notify;

use crate::limits::RateLimiter;
use crate::ui::Ui;
use crate::ui::UiError;
use crate::ui::headers::SecurityHeaders;

/// Deployment facts the web layer needs.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The public address (`https://members.example.coop`), for links; `None` in development.
    pub base_url: Option<String>,
    /// Whether cookies get `Secure` (the public address is https).
    pub secure_cookies: bool,
    pub security_headers: SecurityHeaders,
    /// Whether emails go out by SMTP (`false`: written as files), for the dashboard.
    pub smtp_configured: bool,
}

impl WebConfig {
    /// Settings for `base_url` and the origins allowed to embed the public form.
    pub fn new(
        base_url: Option<String>,
        frame_origins: &[&str],
        smtp_configured: bool,
    ) -> Result<Self, UiError> {
        Ok(Self {
            secure_cookies: base_url
                .as_deref()
                .is_some_and(|url| url.starts_with("https://")),
            base_url,
            security_headers: SecurityHeaders::new(frame_origins)?,
            smtp_configured,
        })
    }
}

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub ui: Arc<Ui>,
    pub mailer: Arc<Mailer>,
    /// Draws the PDFs (capital release requests).
    pub documents: Arc<dyn DocumentRenderer>,
    pub config: Arc<WebConfig>,
    /// Woken when an email is queued, so the outbox worker sends it at once.
    pub outbox_wake: Arc<Notify>,
    pub login_limiter: Arc<RateLimiter>,
    /// The cooperative's settings as last read, kept for [`SETTINGS_CACHE`] (see [`Fresh`]):
    /// nearly every page needs the default language or the name, and a read transaction per
    /// request costs more than the rest of a simple page.
    settings_cache: Arc<Fresh<CooperativeSettings>>,
    /// The settings and share types every submission is checked against, kept the same way.
    catalog_cache: Arc<Fresh<IntakeCatalog>>,
    /// Submissions of the public form per IP address.
    pub form_limiter: Arc<RateLimiter>,
    /// Writes the submissions of the form and the API that arrive together in one transaction.
    pub intake: IntakeWriter,
}

/// Failed logins allowed per IP address and per email within the window.
pub const LOGIN_ATTEMPTS: usize = 10;
pub const LOGIN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// How long the web layer reuses the settings it read.
pub const SETTINGS_CACHE: Duration = Duration::from_secs(1);

impl AppState {
    pub fn new(
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        mailer: Arc<Mailer>,
        documents: Arc<dyn DocumentRenderer>,
        config: WebConfig,
    ) -> Result<Self, UiError> {
        Ok(Self {
            intake: IntakeWriter::new(Arc::clone(&store), Arc::clone(&mailer), Arc::clone(&clock)),
            store,
            clock,
            ui: Arc::new(Ui::new()?),
            mailer,
            documents,
            config: Arc::new(config),
            outbox_wake: Arc::new(Notify::new()),
            login_limiter: Arc::new(RateLimiter::new(LOGIN_ATTEMPTS, LOGIN_WINDOW)),
            settings_cache: Arc::default(),
            catalog_cache: Arc::default(),
            form_limiter: Arc::new(RateLimiter::new(
                public::FORM_SUBMISSIONS,
                public::FORM_WINDOW,
            )),
        })
    }

    /// What use cases that email or draw documents need.
    pub fn services(&self) -> coopshares_app::capital::Services<'_> {
        coopshares_app::capital::Services {
            mailer: &self.mailer,
            documents: self.documents.as_ref(),
            clock: self.clock.as_ref(),
        }
    }

    /// The cooperative's settings, [`SETTINGS_CACHE`] old at most, or a moment more while
    /// another request reads them again (a change saved through this server is seen at once;
    /// through another server, within that delay).
    pub async fn settings(&self) -> Result<CooperativeSettings, coopshares_app::AppError> {
        self.settings_cache
            .get(|| async { Ok(settings::load(self.store.as_ref()).await?.value) })
            .await
    }

    /// The intake catalog, at most [`SETTINGS_CACHE`] old.
    pub async fn intake_catalog(&self) -> Result<IntakeCatalog, coopshares_app::AppError> {
        self.catalog_cache
            .get(|| coopshares_app::intake::catalog(self.store.as_ref()))
            .await
    }

    /// Forgets the cached settings and share types (after either is saved).
    pub fn config_changed(&self) {
        self.settings_cache.forget();
        self.catalog_cache.forget();
    }

    /// The cooperative's name, when set.
    pub async fn coop_name(&self) -> Option<String> {
        self.settings()
            .await
            .ok()
            .and_then(|s| s.name)
            .map(|name| name.as_str().to_owned())
    }

    /// The cooperative's default language (French when the settings cannot be read).
    pub async fn default_language(&self) -> Language {
        self.settings()
            .await
            .map_or(Language::Fr, |s| s.default_language)
    }
}

/// A value read from the store and reused for [`SETTINGS_CACHE`]. When it is older, one caller
/// reads it again; the others go on with the older value for the moment that read takes,
/// instead of each making their own read (under load every request in flight finds the value
/// old in the same instant, and 64 reads of the share types at once cost more than the
/// submissions they served) or all waiting for that one read (a stall of every request in
/// flight once a second). Only a caller that finds no value at all waits: at the start, and
/// after [`Fresh::forget`], so a change saved through this process is used at once.
#[derive(Debug)]
struct Fresh<T> {
    slot: std::sync::Mutex<Slot<T>>,
    reading: tokio::sync::Mutex<()>,
}

/// The value and when it was read; `forgotten` counts the calls to [`Fresh::forget`], so that
/// a read begun before one (the settings as they were before a save) is not kept after it.
#[derive(Debug)]
struct Slot<T> {
    value: Option<(Instant, T)>,
    forgotten: u64,
}

impl<T> Default for Fresh<T> {
    fn default() -> Self {
        Self {
            slot: std::sync::Mutex::new(Slot {
                value: None,
                forgotten: 0,
            }),
            reading: tokio::sync::Mutex::new(()),
        }
    }
}

impl<T: Clone> Fresh<T> {
    /// The value if it was read less than [`SETTINGS_CACHE`] ago; otherwise what `read` gives,
    /// kept for the next callers (an error is not kept, nor a value whose read began before a
    /// [`Fresh::forget`]), or, while another caller is reading it, the older value.
    async fn get<E, F>(&self, read: impl FnOnce() -> F) -> Result<T, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        if let Some(value) = self.current() {
            return Ok(value);
        }
        let _reading = match self.reading.try_lock() {
            Ok(reading) => reading,
            Err(_) => match self.older() {
                // Another caller is reading it again.
                Some(value) => return Ok(value),
                None => self.reading.lock().await,
            },
        };
        // Read while this caller waited for the one before it.
        if let Some(value) = self.current() {
            return Ok(value);
        }
        let (read_at, forgotten) = (Instant::now(), self.slot().forgotten);
        let value = read().await?;
        let mut slot = self.slot();
        if slot.forgotten == forgotten {
            slot.value = Some((read_at, value.clone()));
        }
        Ok(value)
    }

    fn current(&self) -> Option<T> {
        let now = Instant::now();
        self.slot()
            .value
            .as_ref()
            .filter(|(read_at, _)| now.duration_since(*read_at) < SETTINGS_CACHE)
            .map(|(_, value)| value.clone())
    }

    /// The value however old, unless forgotten.
    fn older(&self) -> Option<T> {
        self.slot().value.as_ref().map(|(_, value)| value.clone())
    }

    fn forget(&self) {
        let mut slot = self.slot();
        slot.value = None;
        slot.forgotten += 1;
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Slot<T>> {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let html = Router::new()
        .route("/", get(public::form))
        .route("/subscribe", get(public::form).post(public::submit))
        .route("/subscribe/thanks", get(public::thanks))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/setup/{token}", get(auth::setup_page).post(auth::setup))
        .route(
            "/invitation/{token}",
            get(auth::invitation_page).post(auth::accept_invitation),
        )
        .route(
            "/password-reset",
            get(auth::password_reset_request_page).post(auth::request_password_reset),
        )
        .route(
            "/password-reset/{token}",
            get(auth::password_reset_page).post(auth::reset_password),
        )
        .route(
            "/email-confirmation/{token}",
            get(auth::email_confirmation_page).post(auth::confirm_email),
        )
        .merge(portal::routes(state.clone()))
        .merge(admin::routes(state.clone()).router)
        .fallback(html_not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::check,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::visitor,
        ));
    let app = Router::new()
        .route("/healthz", get(healthz))
        .merge(ui::assets::router())
        .merge(api::routes())
        .merge(html)
        .with_state(state.clone());
    ui::headers::apply(app, state.config.security_headers.clone())
}

async fn html_not_found(
    State(state): State<AppState>,
    uri: axum::http::Uri,
    visitor: session::Visitor,
) -> Response {
    if uri.path().starts_with("/api/") {
        return api::not_found();
    }
    page::status_page(&state, &visitor, StatusCode::NOT_FOUND)
}

/// Liveness: the database answers.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    responses(
        (status = 200, description = "`{\"status\":\"ok\"}` after a database round trip"),
        (status = 503, description = "`{\"status\":\"unavailable\"}`"),
    )
)]
pub(crate) async fn healthz(State(state): State<AppState>) -> Response {
    match coopshares_app::health::check(state.store.as_ref()).await {
        Ok(()) => (StatusCode::OK, axum::Json(json!({ "status": "ok" }))).into_response(),
        Err(error) => {
            tracing::warn!(error = %error_chain(&error), "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn callers_finding_the_value_stale_together_read_it_once() {
        let fresh = Arc::new(Fresh::<u32>::default());
        let reads = Arc::new(AtomicUsize::new(0));
        let read = |reads: Arc<AtomicUsize>| async move {
            reads.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok::<_, ()>(7)
        };
        let callers: Vec<_> = (0..32)
            .map(|_| {
                let (fresh, reads) = (Arc::clone(&fresh), Arc::clone(&reads));
                tokio::spawn(async move { fresh.get(|| read(reads)).await })
            })
            .collect();
        for caller in callers {
            assert_eq!(caller.await.unwrap(), Ok(7));
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);

        fresh.forget();
        assert_eq!(fresh.get(|| read(Arc::clone(&reads))).await, Ok(7));
        assert_eq!(reads.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_value_read_across_a_forget_is_not_kept() {
        let fresh = Arc::new(Fresh::<u32>::default());
        let (stale, release) = reading_until_released(&fresh, 1).await;
        // The value changes (a save) while the old one is being read.
        fresh.forget();
        release.send(()).unwrap();
        assert_eq!(stale.await.unwrap(), Ok(1));
        assert_eq!(fresh.get(|| async { Ok::<_, ()>(2) }).await, Ok(2));
        assert_eq!(fresh.get(|| async { Ok::<_, ()>(3) }).await, Ok(2));
    }

    /// A caller of `fresh` whose read has begun and gives `value` once `release` is sent.
    async fn reading_until_released(
        fresh: &Arc<Fresh<u32>>,
        value: u32,
    ) -> (
        tokio::task::JoinHandle<Result<u32, ()>>,
        tokio::sync::oneshot::Sender<()>,
    ) {
        let (started, reading) = tokio::sync::oneshot::channel::<()>();
        let (release, released) = tokio::sync::oneshot::channel::<()>();
        let caller = tokio::spawn({
            let fresh = Arc::clone(fresh);
            async move {
                fresh
                    .get(|| async move {
                        let _ignored = started.send(());
                        let _ignored = released.await;
                        Ok::<_, ()>(value)
                    })
                    .await
            }
        });
        reading.await.unwrap();
        (caller, release)
    }

    /// Fails when the callers that find the value old while it is read again wait for that
    /// read (they would be stuck behind `release`), or when a caller after a forget is given
    /// the forgotten value.
    #[tokio::test]
    async fn an_old_value_is_used_while_it_is_read_again_but_a_forgotten_one_never() {
        let fresh = Arc::new(Fresh::<u32>::default());
        assert_eq!(fresh.get(|| async { Ok::<_, ()>(1) }).await, Ok(1));
        // Older than the cache keeps it.
        tokio::time::sleep(SETTINGS_CACHE + Duration::from_millis(20)).await;

        let (again, release) = reading_until_released(&fresh, 2).await;
        for _ in 0..3 {
            let older = tokio::time::timeout(
                Duration::from_secs(5),
                fresh.get(|| async { Ok::<_, ()>(9) }),
            )
            .await;
            assert_eq!(older, Ok(Ok(1)), "waited for the read in progress");
        }
        release.send(()).unwrap();
        assert_eq!(again.await.unwrap(), Ok(2));
        assert_eq!(fresh.get(|| async { Ok::<_, ()>(9) }).await, Ok(2));

        // Forgotten while old and while another caller reads it again: the next caller waits
        // for a new value instead of taking the forgotten one.
        tokio::time::sleep(SETTINGS_CACHE + Duration::from_millis(20)).await;
        let (slow, release) = reading_until_released(&fresh, 3).await;
        fresh.forget();
        let waiting = tokio::spawn({
            let fresh = Arc::clone(&fresh);
            async move { fresh.get(|| async { Ok::<_, ()>(4) }).await }
        });
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        assert!(!waiting.is_finished(), "a forgotten value was given");
        release.send(()).unwrap();
        assert_eq!(slow.await.unwrap(), Ok(3));
        assert_eq!(waiting.await.unwrap(), Ok(4));
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept() {
        let fresh = Fresh::<u32>::default();
        assert_eq!(
            fresh.get(|| async { Err::<u32, _>("down") }).await,
            Err("down")
        );
        assert_eq!(fresh.get(|| async { Ok::<_, &str>(3) }).await, Ok(3));
        assert_eq!(fresh.get(|| async { Ok::<_, &str>(4) }).await, Ok(3));
    }
}
