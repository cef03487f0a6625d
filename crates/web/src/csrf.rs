//! Every form POST must carry the visitor's CSRF token (synchronizer token): a hidden
//! `csrf_token` field for ordinary forms, or an `X-CSRF-Token` header or `csrf_token` query
//! parameter for multipart uploads. The check runs for every non-API route, so a handler cannot
//! forget it. The JSON API is exempt: it authenticates with bearer tokens, never cookies.
//!
//! One form is taken without the cookie half of the check: the public subscription form
//! (`POST /subscribe`, the pages `ui::headers` lets other sites frame) sent by a visitor who
//! has neither a session nor the visitor cookie. That
//! is what the form sends from a frame on a site of another domain (the cooperative's own site,
//! Coopshares hosted elsewhere): browsers neither keep nor send a `SameSite=Lax` cookie there,
//! so the check would refuse every member who fills it in. Such a post carries no authority (no
//! session, `Actor::System`): a forged one does nothing its forger could not do by sending the
//! form directly. What guards the form there is its own: the honeypot, the per-address limit
//! and the form token (one request per form shown). A visitor with either cookie, and every
//! other form (`/login` included), is checked as before.
//!
//! The same place refuses (400) a form body that is not UTF-8 once percent-decoded: the
//! standard decoding would turn such bytes into U+FFFD and store a mangled text as if typed.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use coopshares_app::secrets::constant_time_eq;

use crate::AppState;
use crate::page;
use crate::session::{CSRF_COOKIE, SESSION_COOKIE, Visitor, cookie};
use crate::ui::headers::is_public_form_path;

/// The largest form body accepted (template editing is the largest form).
pub const MAX_FORM_BYTES: usize = 1024 * 1024;
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Whether a URL-encoded body is UTF-8 once percent-decoded. An invalid `%` sequence stays as
/// typed, as the URL standard says; `+` and the separators are ASCII and change nothing.
fn decodes_as_utf8(body: &[u8]) -> bool {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut decoded = Vec::with_capacity(body.len());
    let mut rest = body;
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        if byte == b'%'
            && let [high, low, after @ ..] = rest
            && let (Some(high), Some(low)) = (hex(*high), hex(*low))
        {
            decoded.push(u8::try_from(high * 16 + low).unwrap_or_default());
            rest = after;
        } else {
            decoded.push(byte);
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

fn field(bytes: &[u8]) -> Option<String> {
    form_urlencoded::parse(bytes)
        .find(|(key, _)| key == CSRF_FIELD)
        .map(|(_, value)| value.into_owned())
}

pub async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let Some(visitor) = request.extensions().get::<Visitor>().cloned() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let content_type = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let cookieless_public_form = *request.method() == Method::POST
        && is_public_form_path(request.uri().path())
        && visitor.session.is_none()
        && cookie(request.headers(), CSRF_COOKIE).is_none()
        && cookie(request.headers(), SESSION_COOKIE).is_none();
    let from_header = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().query().and_then(|q| field(q.as_bytes())));

    let (request, given, utf8) = if content_type.starts_with("application/x-www-form-urlencoded") {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return page::status_page(&state, &visitor, StatusCode::PAYLOAD_TOO_LARGE);
        };
        let given = field(&bytes);
        let utf8 = decodes_as_utf8(&bytes);
        (Request::from_parts(parts, Body::from(bytes)), given, utf8)
    } else {
        (request, from_header, true)
    };
    let token_matches = given.is_some_and(|token| constant_time_eq(&token, &visitor.csrf_token));
    if !token_matches && !cookieless_public_form {
        tracing::info!(path = %visitor.path, "form refused: missing or wrong CSRF token");
        return page::csrf_refused(&state, &visitor);
    }
    if !utf8 {
        tracing::info!(path = %visitor.path, "form refused: not UTF-8");
        return page::status_page(&state, &visitor, StatusCode::BAD_REQUEST);
    }
    next.run(request).await
}
