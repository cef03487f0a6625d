//! Step 2 in the API: validate a request, read capital release requests and contacts.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coopshares_app::AppError;
use coopshares_app::capital::{self, Services};
use coopshares_app::contacts::{self, ContactView};
use coopshares_app::ports::CapitalCallRecord;
use coopshares_domain::capital_call::settlement;
use coopshares_domain::contact::ContactKind;
use coopshares_domain::ids::{CapitalCallId, ContactId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::requests::{RequestDoc, parse_id, view_doc};
use super::{ApiCaller, ApiError, ApiQuery, ErrorEnvelope};
use crate::AppState;

/// A capital release request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CapitalCallDoc {
    pub id: String,
    /// `2026/0001`: gapless per year.
    pub number: String,
    pub request_id: String,
    pub contact_id: String,
    pub quantity: u32,
    /// quantity × nominal value, decimal string.
    pub amount: String,
    pub amount_paid: String,
    pub amount_due: String,
    pub currency: String,
    /// As printed (`+++090/9337/55493+++`, `RF18 5390 0754 7034`).
    pub payment_reference: String,
    /// Without separators (`090933755493`, `RF18539007547034`).
    pub payment_reference_compact: String,
    /// `open`, `paid` or `cancelled`.
    pub state: String,
    pub issue_date: String,
    pub due_date: String,
    pub cancel_reason: Option<String>,
}

impl CapitalCallDoc {
    pub fn from_record(record: &CapitalCallRecord) -> Result<Self, AppError> {
        let call = &record.call;
        let settled = settlement(call.amount, record.amount_paid).map_err(AppError::unexpected)?;
        Ok(Self {
            id: record.id.to_string(),
            number: call.number.to_string(),
            request_id: call.request.to_string(),
            contact_id: call.contact.to_string(),
            quantity: call.quantity.get(),
            amount: call.amount.to_string(),
            amount_paid: settled.amount_paid.to_string(),
            amount_due: settled.amount_due.to_string(),
            currency: call.amount.currency().code().to_owned(),
            payment_reference: call.reference.to_string(),
            payment_reference_compact: call.reference.as_compact().to_owned(),
            state: record.state.as_str().to_owned(),
            issue_date: call.issue_date.to_string(),
            due_date: call.due_date.to_string(),
            cancel_reason: record.cancel_reason.clone(),
        })
    }
}

/// Validates a submitted request (manager token): creates its capital release request, makes
/// the holder a candidate, and emails the payment instructions with the PDF.
#[utoipa::path(
    post,
    path = "/api/v1/subscription-requests/{id}/validate",
    tag = "subscription requests",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = RequestDoc, description = "validated; `capital_call` is filled in"),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope, description = "already validated (`already_validated`), not in a state that can be validated, or the cooperative's name or IBAN is not set (`cooperative_not_ready`)"),
    )
)]
pub async fn validate(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<RequestDoc>, ApiError> {
    caller.require_manager()?;
    let id = parse_id(&id)?;
    capital::validate(
        state.store.as_ref(),
        Services {
            mailer: &state.mailer,
            documents: state.documents.as_ref(),
            clock: state.clock.as_ref(),
        },
        &caller.actor(),
        id,
        None,
    )
    .await?;
    state.outbox_wake.notify_one();
    let view = coopshares_app::intake::view(state.store.as_ref(), id).await?;
    Ok(Json(view_doc(&view)?))
}

fn parse_call_id(id: &str) -> Result<CapitalCallId, ApiError> {
    id.parse().map_err(|_| {
        AppError::NotFound {
            what: "capital release request",
        }
        .into()
    })
}

/// One capital release request, with what was paid and what is still due (manager token).
#[utoipa::path(
    get,
    path = "/api/v1/capital-calls/{id}",
    tag = "capital release requests",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = CapitalCallDoc), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope))
)]
pub async fn get_call(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<CapitalCallDoc>, ApiError> {
    caller.require_manager()?;
    let view = capital::view_call(state.store.as_ref(), parse_call_id(&id)?).await?;
    Ok(Json(CapitalCallDoc::from_record(&view.call)?))
}

/// The capital release request as a PDF (manager token), drawn from the stored facts.
#[utoipa::path(
    get,
    path = "/api/v1/capital-calls/{id}/document.pdf",
    tag = "capital release requests",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = ErrorEnvelope))
)]
pub async fn call_pdf(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    caller.require_manager()?;
    let (call, pdf) = capital::capital_call_pdf(
        state.store.as_ref(),
        state.documents.as_ref(),
        parse_call_id(&id)?,
    )
    .await?;
    Ok(pdf_response(&call, pdf))
}

/// A PDF download named after the call's number.
pub fn pdf_response(call: &CapitalCallRecord, pdf: Vec<u8>) -> Response {
    let disposition = format!(
        "inline; filename=\"{}\"",
        capital::pdf_filename(call.call.number)
    );
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response()
}

/// A contact's membership.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct MembershipDoc {
    /// `none`, `candidate`, `cooperator` or `former`.
    pub status: String,
    pub member_number: Option<u32>,
    /// The date the status took effect (admission, or leaving), when it has one.
    pub since: Option<String>,
}

/// Shares held of one type.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct HoldingDoc {
    /// The share type's code.
    pub share_type: String,
    pub quantity: u32,
    /// quantity × nominal value, decimal string.
    pub value: String,
    /// The date the contact first held shares of this type.
    pub since: String,
}

/// A person or an entity.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ContactDoc {
    pub id: String,
    /// `person` or `entity`.
    pub kind: String,
    pub display_name: String,
    pub email: String,
    pub language: String,
    pub membership: MembershipDoc,
    /// Shares held, from the register.
    pub holdings: Vec<HoldingDoc>,
    /// For a person: the entities they currently represent.
    pub represents: Vec<String>,
    /// For an entity: its current representatives.
    pub representatives: Vec<String>,
    /// The capital release requests the contact owes, newest first.
    pub capital_calls: Vec<CapitalCallDoc>,
}

fn contact_doc(view: &ContactView, today: time::Date) -> Result<ContactDoc, AppError> {
    let contact = &view.contact;
    let current: Vec<String> = view
        .current_links(today)
        .map(|l| l.other.to_string())
        .collect();
    let person = contact.details.kind() == ContactKind::Person;
    Ok(ContactDoc {
        id: contact.id.to_string(),
        kind: contact.details.kind().as_str().to_owned(),
        display_name: contact.details.display_name(),
        email: contact.details.email().as_str().to_owned(),
        language: contact.details.language().code().to_owned(),
        membership: MembershipDoc {
            status: contact.membership.as_str().to_owned(),
            member_number: contact.member_number,
            since: contact.member_since.map(|d| d.to_string()),
        },
        holdings: view
            .holdings
            .iter()
            .map(|holding| HoldingDoc {
                share_type: holding.share_type.share_type.code().as_str().to_owned(),
                quantity: u32::try_from(holding.quantity).unwrap_or(u32::MAX),
                value: holding.value.to_string(),
                since: holding.since.to_string(),
            })
            .collect(),
        represents: if person { current.clone() } else { Vec::new() },
        representatives: if person { Vec::new() } else { current },
        capital_calls: view
            .calls
            .iter()
            .map(CapitalCallDoc::from_record)
            .collect::<Result<_, _>>()?,
    })
}

/// One contact (manager token).
#[utoipa::path(
    get,
    path = "/api/v1/contacts/{id}",
    tag = "contacts",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = ContactDoc), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope))
)]
pub async fn get_contact(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<ContactDoc>, ApiError> {
    caller.require_manager()?;
    let id: ContactId = id
        .parse()
        .map_err(|_| AppError::NotFound { what: "contact" })?;
    let view = contacts::view(state.store.as_ref(), id).await?;
    Ok(Json(contact_doc(&view, state.clock.today())?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ContactQuery {
    /// The email of the person to find.
    email: Option<String>,
}

/// The person behind an email (manager token); 404 when none.
#[utoipa::path(
    get,
    path = "/api/v1/contacts",
    tag = "contacts",
    security(("bearer" = [])),
    params(ContactQuery),
    responses((status = 200, body = ContactDoc), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope, description = "no or invalid `email`"))
)]
pub async fn find_contact(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<ContactQuery>,
) -> Result<Json<ContactDoc>, ApiError> {
    caller.require_manager()?;
    let email = query.email.unwrap_or_default();
    if email.trim().is_empty() {
        return Err(AppError::field("email", "required", "give ?email= to find a person").into());
    }
    let view = contacts::person_by_email(state.store.as_ref(), &email).await?;
    Ok(Json(contact_doc(&view, state.clock.today())?))
}
