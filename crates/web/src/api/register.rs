//! The member and share register in the API.

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use utoipa::IntoParams;

use super::{ApiCaller, ApiError, ApiQuery, ErrorEnvelope};
use crate::AppState;
use coopshares_app::register;

use crate::register_export::{ExportFormat, export};

#[derive(Debug, Deserialize, IntoParams)]
pub struct RegisterQuery {
    /// `csv` (the default), `xlsx` or `pdf`.
    format: Option<String>,
    /// `YYYY-MM-DD`: the register as it stood at the end of that day (default: today).
    as_of: Option<String>,
}

/// The member and share register as it stood on a date (manager token): one line per member
/// who ever held shares by then, with their shares per type, the payments made on them, the
/// dates of entry and exit, transfers and withdrawals. Streamed.
#[utoipa::path(
    get,
    path = "/api/v1/register",
    tag = "register",
    security(("bearer" = [])),
    params(RegisterQuery),
    responses(
        (status = 200, content_type = "text/csv", body = String, description = "the register: UTF-8 CSV with a header row, an XLSX workbook or a PDF, with the format asked for"),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope, description = "a bad format or date"),
    )
)]
pub async fn get_register(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<RegisterQuery>,
) -> Result<Response, ApiError> {
    caller.require_manager()?;
    let format = ExportFormat::parse(query.format.as_deref())?;
    let as_of = register::parse_as_of(query.as_of.as_deref(), state.clock.today())?;
    let language = state.default_language().await;
    Ok(export(&state, as_of, format, language).await?)
}
