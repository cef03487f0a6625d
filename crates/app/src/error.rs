//! The one error type at the application edge.
//!
//! Use cases return [`AppError`]; front ends map its kind to an HTTP status or an exit code and its
//! `code` to the stable snake_case code of the API error envelope. `Unexpected` carries the cause
//! chain for the logs only: its text is never shown to a user.

use crate::ports::StoreError;

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field, as named in the API or the form (`applicant.email`).
    pub field: String,
    /// A stable snake_case code the UI can translate (`invalid_email`).
    pub code: &'static str,
    /// A plain-English explanation.
    pub detail: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            detail: detail.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The input is wrong; each field says what and where.
    #[error("invalid input: {}", summary(.0))]
    Validation(Vec<FieldError>),
    /// The record does not exist (or is not visible to the caller).
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// The caller may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The caller is not authenticated.
    #[error("authentication required")]
    Unauthorized,
    /// The record changed under the caller, or the action does not fit its current state.
    #[error("{detail}")]
    Conflict { code: &'static str, detail: String },
    /// Anything else: a bug, or an unavailable dependency.
    #[error("unexpected error")]
    Unexpected(#[source] Box<dyn std::error::Error + Send + Sync>),
}

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.detail))
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    pub fn field(field: impl Into<String>, code: &'static str, detail: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, detail)])
    }

    pub fn unexpected(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self::Unexpected(Box::new(error))
    }

    /// A broken invariant, described for the logs.
    pub fn invariant(what: impl Into<String>) -> Self {
        Self::Unexpected(what.into().into())
    }
}

/// An error and its causes on one line (`outer: inner: root`), for logs and for the last error
/// shown in the back office. Never shown to a user as the answer to a request.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict { entity, id } => AppError::Conflict {
                code: "conflict",
                detail: format!("{entity} {id} was changed by someone else; reload and try again"),
            },
            StoreError::NotFound { entity } => AppError::NotFound { what: entity },
            other => AppError::Unexpected(Box::new(other)),
        }
    }
}
