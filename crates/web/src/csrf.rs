//! Every form POST must carry the visitor's CSRF token (synchronizer token): a hidden
//! `csrf_token` field for ordinary forms, or an `X-CSRF-Token` header or `csrf_token` query
//! parameter for multipart uploads. The check runs for every non-API route, so a handler cannot
//! forget it. The JSON API is exempt: it authenticates with bearer tokens, never cookies.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use coopshares_app::secrets::constant_time_eq;

use crate::AppState;
use crate::page;
use crate::session::Visitor;

/// The largest form body accepted (template editing is the largest form).
pub const MAX_FORM_BYTES: usize = 1024 * 1024;
pub const CSRF_FIELD: &str = "csrf_token";
pub const CSRF_HEADER: &str = "x-csrf-token";

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
    let from_header = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().query().and_then(|q| field(q.as_bytes())));

    let (request, given) = if content_type.starts_with("application/x-www-form-urlencoded") {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
            return page::status_page(&state, &visitor, StatusCode::PAYLOAD_TOO_LARGE);
        };
        let given = field(&bytes);
        (Request::from_parts(parts, Body::from(bytes)), given)
    } else {
        (request, from_header)
    };
    match given {
        Some(token) if constant_time_eq(&token, &visitor.csrf_token) => next.run(request).await,
        _ => {
            tracing::info!(path = %visitor.path, "form refused: missing or wrong CSRF token");
            page::csrf_refused(&state, &visitor)
        }
    }
}
