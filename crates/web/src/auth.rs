//! Logging in and out, the first-manager setup link, changing one's password.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Instant;

use axum::Form;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::response::Response;
use coopshares_app::accounts::{self, Login, SESSION_LIFETIME};
use coopshares_app::{AppError, error::FieldError};
use coopshares_domain::user::Role;
use minijinja::context;
use serde::Deserialize;

use crate::AppState;
use crate::page;
use crate::session::{CookieSpec, SESSION_COOKIE, Visitor, clear_cookie, set_cookie};

/// The client's address, for rate limits (`unknown` when the server was not given it).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string()),
        ))
    }
}

/// Translation keys of field errors, by field name.
pub fn field_error_keys(errors: &[FieldError]) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for error in errors {
        keys.entry(error.field.clone())
            .or_insert_with(|| format!("field-error-{}", error.code.replace('_', "-")));
    }
    keys
}

/// Only local paths are followed after login, never another site.
fn safe_next(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .map(str::to_owned)
}

fn home_of(role: Role) -> &'static str {
    match role {
        Role::Manager => "/admin",
        Role::Member => "/portal",
    }
}

fn session_cookie(state: &AppState, login: &Login) -> axum::http::HeaderValue {
    set_cookie(
        SESSION_COOKIE,
        &login.session_token,
        CookieSpec {
            secure: state.config.secure_cookies,
            max_age_seconds: Some(SESSION_LIFETIME.whole_seconds()),
            http_only: true,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<NextQuery>,
) -> Response {
    if let Some(session) = &visitor.session {
        return page::redirect(&state, home_of(session.record.user.role), None);
    }
    let next = safe_next(query.next.as_deref());
    page::render(
        &state,
        &visitor,
        "auth/login.html",
        context! { error => None::<&str>, email => None::<&str>, next },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Response {
    let next = safe_next(form.next.as_deref());
    let email_key = format!("email:{}", form.email.trim().to_lowercase());
    let ip_key = format!("ip:{ip}");
    let now = Instant::now();
    let show = |status, error: &str| {
        let (state, visitor, email, next) = (&state, &visitor, form.email.clone(), next.clone());
        let error = error.to_owned();
        async move {
            page::render_with_status(
                state,
                visitor,
                status,
                "auth/login.html",
                context! { error, email, next },
            )
            .await
        }
    };
    let limiter = &state.login_limiter;
    if !limiter.allows(&ip_key, now) || !limiter.allows(&email_key, now) {
        return show(StatusCode::TOO_MANY_REQUESTS, "auth-login-error-too-many").await;
    }
    match accounts::log_in(
        state.store.as_ref(),
        state.clock.as_ref(),
        &form.email,
        &form.password,
    )
    .await
    {
        Ok(login) => {
            limiter.reset(&email_key);
            let to = next.unwrap_or_else(|| home_of(login.user.role).to_owned());
            let mut response = page::redirect(&state, &to, None);
            response
                .headers_mut()
                .append(SET_COOKIE, session_cookie(&state, &login));
            response
        }
        Err(AppError::Unauthorized) => {
            limiter.record(&ip_key, now);
            limiter.record(&email_key, now);
            show(StatusCode::UNAUTHORIZED, "auth-login-error-invalid").await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn logout(State(state): State<AppState>, visitor: Visitor) -> Response {
    if let Some(session) = &visitor.session
        && let Err(error) = accounts::log_out(state.store.as_ref(), &session.token).await
    {
        return page::error_page(&state, &visitor, error);
    }
    let mut response = page::redirect(&state, "/login", Some("logged-out"));
    response.headers_mut().append(
        SET_COOKIE,
        clear_cookie(SESSION_COOKIE, state.config.secure_cookies),
    );
    response
}

pub async fn setup_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match accounts::setup_link_is_valid(state.store.as_ref(), state.clock.as_ref(), &token).await {
        Ok(true) => {
            page::render(
                &state,
                &visitor,
                "auth/setup.html",
                context! { email => None::<&str>, errors => BTreeMap::<String, String>::new() },
            )
            .await
        }
        Ok(false) => page::status_page(&state, &visitor, StatusCode::NOT_FOUND),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn setup(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<SetupForm>,
) -> Response {
    let result = accounts::complete_setup(
        state.store.as_ref(),
        state.clock.as_ref(),
        &token,
        &form.email,
        &form.password,
        &form.password_confirm,
        visitor.lang,
    )
    .await;
    match result {
        Ok(login) => {
            let mut response = page::redirect(&state, "/admin", Some("welcome"));
            response
                .headers_mut()
                .append(SET_COOKIE, session_cookie(&state, &login));
            response
        }
        Err(AppError::Validation(errors)) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/setup.html",
                context! { email => form.email, errors => field_error_keys(&errors) },
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            page::status_page(&state, &visitor, StatusCode::NOT_FOUND)
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn invitation_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match accounts::invitation(state.store.as_ref(), state.clock.as_ref(), &token).await {
        Ok(Some(user)) => page::render(
            &state,
            &visitor,
            "auth/invitation.html",
            context! { email => user.email.as_str(), errors => BTreeMap::<String, String>::new() },
        )
        .await,
        Ok(None) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::NOT_FOUND,
                "auth/invitation_spent.html",
                context! {},
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct InvitationForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<InvitationForm>,
) -> Response {
    let result = accounts::accept_invitation(
        state.store.as_ref(),
        state.clock.as_ref(),
        &token,
        &form.password,
        &form.password_confirm,
    )
    .await;
    match result {
        Ok(_) => page::redirect(&state, "/login", Some("invitation-accepted")),
        Err(AppError::Validation(errors)) => {
            let email = accounts::invitation(state.store.as_ref(), state.clock.as_ref(), &token)
                .await
                .ok()
                .flatten()
                .map(|u| u.email.as_str().to_owned());
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/invitation.html",
                context! { email, errors => field_error_keys(&errors) },
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::NOT_FOUND,
                "auth/invitation_spent.html",
                context! {},
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn password_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    page::render(
        &state,
        &visitor,
        "auth/password.html",
        context! { errors => BTreeMap::<String, String>::new() },
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    new_password_confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<PasswordForm>,
) -> Response {
    let Some(session) = &visitor.session else {
        return page::redirect(&state, "/login", None);
    };
    let result = accounts::change_password(
        state.store.as_ref(),
        state.clock.as_ref(),
        &session.token,
        &form.current_password,
        &form.new_password,
        &form.new_password_confirm,
    )
    .await;
    match result {
        Ok(()) => page::redirect(
            &state,
            home_of(session.record.user.role),
            Some("password-changed"),
        ),
        Err(AppError::Validation(errors)) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/password.html",
                context! { errors => field_error_keys(&errors) },
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

pub async fn password_reset_request_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Response {
    page::render(
        &state,
        &visitor,
        "auth/password_reset_request.html",
        context! { email => "", errors => BTreeMap::<String, String>::new() },
    )
    .await
}

/// Sends a reset link when an account has the address; answers the same when none has, so
/// the form tells nobody which addresses have accounts. Rate-limited per IP like the login.
pub async fn request_password_reset(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(form): Form<ResetRequestForm>,
) -> Response {
    let limiter = &state.login_limiter;
    let now = Instant::now();
    // Each request counts against the login limiter's budget for this address, so the form
    // cannot flood an inbox or probe addresses faster than logins can.
    if !limiter.allows(&format!("reset-ip:{ip}"), now) {
        return page::status_page(&state, &visitor, StatusCode::TOO_MANY_REQUESTS);
    }
    limiter.record(&format!("reset-ip:{ip}"), now);
    let result = accounts::request_password_reset(
        state.store.as_ref(),
        &state.mailer,
        state.clock.as_ref(),
        &form.email,
    )
    .await;
    match result {
        Ok(()) => {
            state.outbox_wake.notify_one();
            page::redirect(&state, "/login", Some("password-reset-sent"))
        }
        Err(AppError::Validation(errors)) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/password_reset_request.html",
                context! { email => form.email, errors => field_error_keys(&errors) },
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

async fn reset_spent(state: &AppState, visitor: &Visitor) -> Response {
    page::render_with_status(
        state,
        visitor,
        StatusCode::NOT_FOUND,
        "auth/password_reset_spent.html",
        context! {},
    )
    .await
}

pub async fn password_reset_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match accounts::password_reset_is_valid(state.store.as_ref(), state.clock.as_ref(), &token)
        .await
    {
        Ok(true) => {
            page::render(
                &state,
                &visitor,
                "auth/password_reset.html",
                context! { errors => BTreeMap::<String, String>::new() },
            )
            .await
        }
        Ok(false) => reset_spent(&state, &visitor).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn reset_password(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(form): Form<InvitationForm>,
) -> Response {
    let result = accounts::reset_password(
        state.store.as_ref(),
        state.clock.as_ref(),
        &token,
        &form.password,
        &form.password_confirm,
    )
    .await;
    match result {
        Ok(_) => page::redirect(&state, "/login", Some("password-reset-done")),
        Err(AppError::Validation(errors)) => {
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/password_reset.html",
                context! { errors => field_error_keys(&errors) },
            )
            .await
        }
        Err(AppError::Conflict { .. }) => reset_spent(&state, &visitor).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// The page a confirmation link opens: a button, so that a mail scanner following links does
/// not use the link up.
pub async fn email_confirmation_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(_token): Path<String>,
) -> Response {
    page::render(
        &state,
        &visitor,
        "auth/email_confirmation.html",
        context! { done => false, error => None::<String> },
    )
    .await
}

pub async fn confirm_email(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Response {
    match coopshares_app::portal::confirm_email_change(
        state.store.as_ref(),
        state.clock.as_ref(),
        &token,
    )
    .await
    {
        Ok(email) => {
            page::render(
                &state,
                &visitor,
                "auth/email_confirmation.html",
                context! { done => true, email => email.as_str(), error => None::<String> },
            )
            .await
        }
        Err(AppError::Conflict { code, .. }) => {
            let error = if code == "email_taken" {
                "auth-email-confirmation-taken"
            } else {
                "auth-email-confirmation-spent"
            };
            page::render_with_status(
                &state,
                &visitor,
                StatusCode::CONFLICT,
                "auth/email_confirmation.html",
                context! { done => false, error },
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
