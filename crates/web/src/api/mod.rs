//! The JSON API (`/api/v1`): bearer-token authentication, one error envelope, the OpenAPI
//! document generated from the handlers' annotations.
//!
//! Errors always have the shape `{"errors":[{"code":"snake_case","field":"…","detail":"…"}]}`.
//! Codes are stable (clients and the UI translate them); statuses: 400 malformed body, or a
//! query parameter that does not parse (`invalid_query`, naming it), 401 missing/unknown token,
//! 403 token not allowed, 404, 409 conflict, 413 body over the limit (`payload_too_large`),
//! 422 invalid field, 500 with an opaque body (the cause goes to the log).

pub mod banking;
pub mod capital;
pub mod certificates;
pub mod openapi;
pub mod register;
pub mod requests;
pub mod settings;
pub mod share_types;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use coopshares_app::AppError;
use coopshares_app::ports::ApiTokenRecord;
use coopshares_app::tokens;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

/// One problem, as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorItem {
    /// Stable snake_case code (`invalid`, `unauthorized`, `settings_changed`, …).
    pub code: String,
    /// The field at fault (`address.city`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A plain-English explanation.
    pub detail: String,
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub errors: Vec<ErrorItem>,
}

/// An error on its way to becoming an API response.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    errors: Vec<ErrorItem>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        code: &str,
        field: Option<String>,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            errors: vec![ErrorItem {
                code: code.to_owned(),
                field,
                detail: detail.into(),
            }],
        }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Validation(fields) => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                errors: fields
                    .into_iter()
                    .map(|f| ErrorItem {
                        code: f.code.to_owned(),
                        field: Some(f.field),
                        detail: f.detail,
                    })
                    .collect(),
            },
            AppError::NotFound { what } => ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                None,
                format!("{what} not found"),
            ),
            AppError::Forbidden => ApiError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                None,
                "this token may not do this",
            ),
            AppError::Unauthorized => ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                None,
                "send a valid API token as `Authorization: Bearer <token>`",
            ),
            AppError::Conflict { code, detail } => {
                ApiError::new(StatusCode::CONFLICT, code, None, detail)
            }
            AppError::Unexpected(cause) => {
                tracing::error!(error = %crate::error_chain(cause.as_ref()), "unexpected API error");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal_error",
                    None,
                    "an unexpected error occurred; it has been logged",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ErrorEnvelope {
                errors: self.errors,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// The caller of an API route: a live token.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub ApiTokenRecord);

impl ApiCaller {
    /// `Forbidden` unless the token may manage (intake tokens may only submit requests).
    pub fn require_manager(&self) -> Result<(), ApiError> {
        if self.0.role.can_manage() {
            Ok(())
        } else {
            Err(AppError::Forbidden.into())
        }
    }

    pub fn actor(&self) -> coopshares_app::ports::Actor {
        coopshares_app::ports::Actor::ApiToken(self.0.id)
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        Ok(ApiCaller(
            tokens::authenticate(state.store.as_ref(), secret).await?,
        ))
    }
}

/// A JSON body whose problems become the error envelope: 400 for malformed JSON (with line
/// and column), 422 for a valid document with a wrong field (with the field's path).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    Json<T>: FromRequest<S, Rejection = JsonRejection>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(ApiJson(value)),
            Err(JsonRejection::JsonDataError(error)) => {
                let text = error.body_text();
                let (field, detail) = split_path(&text);
                Err(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "invalid",
                    field,
                    detail,
                ))
            }
            Err(JsonRejection::JsonSyntaxError(error)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                None,
                error.body_text(),
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "content_type",
                None,
                "send the body as JSON with `Content-Type: application/json`",
            )),
            // Over the body limit: 413, as for every other body the application refuses for
            // its size, not a 400 that reads like a mistake in the document.
            Err(other) if other.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                None,
                other.body_text(),
            )),
            Err(other) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_request",
                None,
                other.body_text(),
            )),
        }
    }
}

/// Query parameters whose problems become the error envelope: 400 `invalid_query`, naming the
/// parameter at fault, instead of axum's plain-text rejection.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => {
                let text = rejection.body_text();
                // "Failed to deserialize query string: limit: invalid digit found in string"
                let reason = text
                    .split_once(": ")
                    .map_or(text.as_str(), |(_, rest)| rest);
                let (field, detail) = match reason.split_once(": ") {
                    Some((field, detail))
                        if !field.is_empty()
                            && field
                                .chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') =>
                    {
                        (Some(field.to_owned()), detail.to_owned())
                    }
                    _ => (None, reason.to_owned()),
                };
                Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    field,
                    detail,
                ))
            }
        }
    }
}

/// axum reports data errors as "Failed to deserialize the JSON body into the target type:
/// field.path: what at line L column C"; keep the path as the field.
fn split_path(text: &str) -> (Option<String>, String) {
    let body = text
        .split_once("target type: ")
        .map_or(text, |(_, rest)| rest);
    match body.split_once(": ") {
        Some((path, detail)) if !path.contains(' ') && path != "." => {
            (Some(path.to_owned()), detail.to_owned())
        }
        _ => (None, body.to_owned()),
    }
}

/// The API's routes; unknown `/api/` paths get [`not_found`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/settings",
            get(settings::get_settings).put(settings::put_settings),
        )
        .route("/api/v1/openapi.json", get(openapi::document))
        .route(
            "/api/v1/share-types",
            get(share_types::list).post(share_types::create),
        )
        .route(
            "/api/v1/subscription-requests",
            get(requests::list).post(requests::submit),
        )
        .route("/api/v1/subscription-requests/{id}", get(requests::get))
        .route(
            "/api/v1/subscription-requests/{id}/cancel",
            post(requests::cancel),
        )
        .route(
            "/api/v1/subscription-requests/{id}/validate",
            post(capital::validate),
        )
        .route("/api/v1/capital-calls/{id}", get(capital::get_call))
        .route(
            "/api/v1/capital-calls/{id}/document.pdf",
            get(capital::call_pdf),
        )
        .route(
            "/api/v1/capital-calls/{id}/payments",
            post(banking::register_payment),
        )
        .route("/api/v1/payments/{id}/undo", post(banking::undo_payment))
        .route(
            "/api/v1/bank-statements",
            post(banking::import).layer(axum::extract::DefaultBodyLimit::max(
                coopshares_app::statements::MAX_STATEMENT_BYTES,
            )),
        )
        .route("/api/v1/bank-statements/{id}/lines", get(banking::lines))
        .route("/api/v1/statement-lines", post(banking::add_line))
        .route(
            "/api/v1/bank-accounts/{iban}/csv-mapping",
            get(banking::get_csv_mapping).put(banking::put_csv_mapping),
        )
        .route(
            "/api/v1/statement-lines/{id}/match",
            post(banking::match_line),
        )
        .route(
            "/api/v1/statement-lines/{id}/ignore",
            post(banking::ignore_line),
        )
        .route("/api/v1/contacts", get(capital::find_contact))
        .route("/api/v1/contacts/{id}", get(capital::get_contact))
        .route(
            "/api/v1/contacts/{id}/certificate.pdf",
            get(certificates::latest_pdf),
        )
        .route("/api/v1/register", get(register::get_register))
}

/// A JSON 404 for a path under `/api/` (the application's fallback calls it).
pub fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        None,
        "no such API route",
    )
    .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_errors_name_the_field_path() {
        let (field, detail) = split_path(
            "Failed to deserialize the JSON body into the target type: due_days: invalid type: string \"x\", expected i64 at line 1 column 16",
        );
        assert_eq!(field.as_deref(), Some("due_days"));
        assert!(detail.starts_with("invalid type"));
    }

    #[test]
    fn data_errors_without_a_path_keep_the_whole_message() {
        let (field, detail) = split_path(
            "Failed to deserialize the JSON body into the target type: missing field `x` at line 1 column 2",
        );
        assert_eq!(field, None);
        assert!(detail.starts_with("missing field"));
    }
}
