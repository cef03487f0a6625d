//! Membership certificates in the API: a contact's latest certificate, exactly as issued.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coopshares_app::AppError;
use coopshares_app::certificates;
use coopshares_domain::ids::ContactId;

use super::{ApiCaller, ApiError, ErrorEnvelope};
use crate::AppState;

/// The contact's latest membership certificate (manager token): the PDF stored when it was
/// issued, byte for byte. 404 when the contact does not exist or holds no certificate.
#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}/certificate.pdf",
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, content_type = "application/pdf", body = Vec<u8>, description = "the latest certificate, as issued"),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope, description = "no such contact, or no certificate issued to it"),
    )
)]
pub async fn latest_pdf(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    caller.require_manager()?;
    let id: ContactId = id
        .parse()
        .map_err(|_| AppError::NotFound { what: "contact" })?;
    let (record, pdf) = certificates::latest_pdf(state.store.as_ref(), id).await?;
    let disposition = format!(
        "inline; filename=\"{}\"",
        certificates::pdf_filename(record.number)
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response())
}
