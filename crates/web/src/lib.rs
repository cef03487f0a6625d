//! The HTTP face of Coopshares (axum): health check today; the public form, back office, member
//! portal and JSON API are added area by area, each handler thin — extract, parse, call one use
//! case, map the result.
//!
//! Depends on `app` only, never on a storage adapter: the binary hands it a `dyn Store`.

pub mod ui;

use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use coopshares_app::clock::Clock;
use coopshares_app::ports::Store;
use serde_json::json;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
}

/// The whole application's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .with_state(state)
}

/// `{"status":"ok"}` only after a database round trip; 503 otherwise.
async fn healthz(State(state): State<AppState>) -> Response {
    match coopshares_app::health::check(state.store.as_ref()).await {
        Ok(()) => (StatusCode::OK, axum::Json(json!({ "status": "ok" }))).into_response(),
        Err(error) => {
            tracing::warn!(error = %error, cause = ?std::error::Error::source(&error), "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "unavailable" })),
            )
                .into_response()
        }
    }
}
