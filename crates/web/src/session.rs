//! Who is visiting: the session (if any), the CSRF token forms must carry, the language, and a
//! one-time flash message — resolved once per request by [`visitor`] and handed to handlers as
//! the [`Visitor`] extractor.
//!
//! Cookies: `coopshares_session` (the session token; HttpOnly, SameSite=Lax, Secure behind
//! https), `coopshares_csrf` (the token of a visitor without a session), `coopshares_lang`
//! (an explicit language choice), `coopshares_flash` (a message key shown once).

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use coopshares_app::accounts;
use coopshares_app::ports::{Actor, SessionRecord};
use coopshares_app::secrets::random_token;
use coopshares_domain::language::Language;
use coopshares_domain::user::Role;

use crate::AppState;
use crate::ui::lang::{LANG_COOKIE, negotiate};

pub const SESSION_COOKIE: &str = "coopshares_session";
pub const CSRF_COOKIE: &str = "coopshares_csrf";
pub const FLASH_COOKIE: &str = "coopshares_flash";

/// A signed-in visitor's session.
#[derive(Debug, Clone)]
pub struct ActiveSession {
    /// The cookie value (needed to end this session or keep it on a password change).
    pub token: String,
    pub record: SessionRecord,
}

/// Everything a handler needs to know about the visitor.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub session: Option<ActiveSession>,
    /// The token forms must carry: the session's, or the anonymous visitor's cookie.
    pub csrf_token: String,
    pub lang: Language,
    /// The flash message key set by the previous response, shown on this page.
    pub flash: Option<String>,
    pub path: String,
}

impl Visitor {
    /// Who acts, for the audit log: the signed-in user (routes reaching a use case that records
    /// an actor are behind a login, so `System` is only a fallback).
    pub fn actor(&self) -> Actor {
        self.session
            .as_ref()
            .map_or(Actor::System, |s| Actor::User(s.record.user.id))
    }

    pub fn is_manager(&self) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.record.user.role == Role::Manager)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// The value of cookie `name` in the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// Attributes of a cookie to set.
#[derive(Debug, Clone, Copy)]
pub struct CookieSpec {
    pub secure: bool,
    /// `None`: until the browser closes.
    pub max_age_seconds: Option<i64>,
    pub http_only: bool,
}

/// A `Set-Cookie` header value. Values are our own tokens and codes (no user text).
pub fn set_cookie(name: &str, value: &str, spec: CookieSpec) -> HeaderValue {
    let mut text = format!("{name}={value}; Path=/; SameSite=Lax");
    if spec.http_only {
        text.push_str("; HttpOnly");
    }
    if spec.secure {
        text.push_str("; Secure");
    }
    if let Some(age) = spec.max_age_seconds {
        text.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` header value that deletes the cookie.
pub fn clear_cookie(name: &str, secure: bool) -> HeaderValue {
    set_cookie(
        name,
        "",
        CookieSpec {
            secure,
            max_age_seconds: Some(0),
            http_only: true,
        },
    )
}

fn is_token(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

fn query_lang(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(key, _)| key == "lang")
        .map(|(_, value)| value.into_owned())
}

/// Resolves the [`Visitor`] of a request, and sets the cookies that follow from it.
pub async fn visitor(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let headers = request.headers();
    let secure = state.config.secure_cookies;
    let mut set_cookies = Vec::new();

    let session = match cookie(headers, SESSION_COOKIE).filter(|t| is_token(t)) {
        Some(token) => {
            match accounts::session(state.store.as_ref(), state.clock.as_ref(), token).await {
                Ok(Some(record)) => Some(ActiveSession {
                    token: token.to_owned(),
                    record,
                }),
                Ok(None) => {
                    set_cookies.push(clear_cookie(SESSION_COOKIE, secure));
                    None
                }
                Err(error) => {
                    tracing::error!(error = ?error, "cannot read the session");
                    return StatusCode::SERVICE_UNAVAILABLE.into_response();
                }
            }
        }
        None => None,
    };

    let csrf_token = match (
        &session,
        cookie(headers, CSRF_COOKIE).filter(|t| is_token(t)),
    ) {
        (Some(session), _) => session.record.csrf_token.clone(),
        (None, Some(token)) => token.to_owned(),
        (None, None) => match random_token() {
            Ok(token) => {
                set_cookies.push(set_cookie(
                    CSRF_COOKIE,
                    &token,
                    CookieSpec {
                        secure,
                        max_age_seconds: None,
                        http_only: true,
                    },
                ));
                token
            }
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };

    let explicit = query_lang(request.uri().query());
    let chosen = explicit
        .as_deref()
        .and_then(|code| code.parse::<Language>().ok());
    if let Some(language) = chosen {
        set_cookies.push(set_cookie(
            LANG_COOKIE,
            language.code(),
            CookieSpec {
                secure,
                max_age_seconds: Some(365 * 24 * 3600),
                http_only: false,
            },
        ));
        if let Some(session) = &session
            && session.record.user.language != Some(language)
            && let Err(error) =
                accounts::set_language(state.store.as_ref(), session.record.user.id, language).await
        {
            tracing::warn!(error = ?error, "cannot remember the language");
        }
    }
    let user_language = if chosen.is_some() {
        None
    } else {
        session.as_ref().and_then(|s| s.record.user.language)
    };
    let explicit_choice = explicit.or_else(|| cookie(headers, LANG_COOKIE).map(str::to_owned));
    let default = state.default_language().await;
    let lang = negotiate(
        user_language,
        explicit_choice.as_deref(),
        headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        default,
    );

    let flash = cookie(headers, FLASH_COOKIE)
        .filter(|key| {
            !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .map(str::to_owned);
    if flash.is_some() {
        set_cookies.push(clear_cookie(FLASH_COOKIE, secure));
    }

    let path = request.uri().path().to_owned();
    request.extensions_mut().insert(Visitor {
        session,
        csrf_token,
        lang,
        flash,
        path,
    });
    let mut response = next.run(request).await;
    for value in set_cookies {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// A `Set-Cookie` value carrying a flash message key for the next page.
pub fn flash_cookie(key: &str, secure: bool) -> HeaderValue {
    set_cookie(
        FLASH_COOKIE,
        key,
        CookieSpec {
            secure,
            max_age_seconds: Some(60),
            http_only: true,
        },
    )
}
