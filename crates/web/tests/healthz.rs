//! The health check through the real router.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failed step is a failed test"
)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use coopshares_app::clock::SystemClock;
use coopshares_store_sqlite::SqliteStore;
use coopshares_web::{AppState, router};
use http_body_util::BodyExt;
use tower::ServiceExt;

async fn get_health(state: AppState) -> (StatusCode, String) {
    let response = router(state)
        .oneshot(Request::get("/healthz").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

#[tokio::test]
async fn health_is_ok_when_the_database_answers_and_503_once_it_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("health.db").display());
    let store = SqliteStore::open(&url).await.unwrap();
    store.migrate().await.unwrap();
    let state = AppState {
        store: Arc::new(store.clone()),
        clock: Arc::new(SystemClock),
    };

    assert_eq!(
        get_health(state.clone()).await,
        (StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
    );

    store.close().await;
    assert_eq!(
        get_health(state).await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"status":"unavailable"}"#.to_owned()
        )
    );
}
