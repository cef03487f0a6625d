//! `/api/v1/subscription-requests`: submit (intake or manager token), list, read, cancel.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use coopshares_app::intake::{self, Decision, RequestView};
use coopshares_app::ports::{RequestFilter, RequestRecord, RequestSummary};
use coopshares_domain::application::ApplicationInput;
use coopshares_domain::ids::SubscriptionRequestId;
use coopshares_domain::subscription::{Channel, RequestState};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::capital::CapitalCallDoc;
use super::{ApiCaller, ApiError, ApiJson, ApiQuery, ErrorEnvelope};
use crate::AppState;

/// A subscription request.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RequestDoc {
    pub id: String,
    /// `submitted`, `validated`, `paid`, `cancelled` or `on_hold`.
    pub state: String,
    /// `online_form`, `back_office`, `contact` or `api`.
    pub channel: String,
    /// The holder: the person, or the entity.
    pub contact_id: String,
    /// For an entity, the person who signed for it.
    pub representative_id: Option<String>,
    /// The share type's code.
    pub share_type: String,
    pub quantity: u32,
    /// quantity × nominal value, decimal string.
    pub amount: String,
    pub currency: String,
    pub language: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub hold_reason: Option<String>,
    pub cancel_reason: Option<String>,
    /// The capital release request, once the request is validated.
    pub capital_call: Option<CapitalCallDoc>,
    /// The applicant's data exactly as submitted.
    #[schema(value_type = Object)]
    pub submitted: serde_json::Value,
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn doc(record: &RequestRecord, share_type_code: &str) -> RequestDoc {
    let r = &record.request;
    RequestDoc {
        id: record.id.to_string(),
        state: record.state.as_str().to_owned(),
        channel: r.channel.as_str().to_owned(),
        contact_id: r.contact.to_string(),
        representative_id: r.representative.map(|id| id.to_string()),
        share_type: share_type_code.to_owned(),
        quantity: r.quantity.get(),
        amount: r.amount.to_string(),
        currency: r.amount.currency().code().to_owned(),
        language: r.language.code().to_owned(),
        created_at: rfc3339(r.created_at),
        hold_reason: record.hold_reason.clone(),
        cancel_reason: record.cancel_reason.clone(),
        capital_call: None,
        submitted: serde_json::from_str(&r.submitted).unwrap_or(serde_json::Value::Null),
    }
}

pub(super) fn view_doc(view: &RequestView) -> Result<RequestDoc, ApiError> {
    let mut doc = doc(&view.request, view.share_type.share_type.code().as_str());
    doc.capital_call = view
        .capital_call
        .as_ref()
        .map(CapitalCallDoc::from_record)
        .transpose()?;
    Ok(doc)
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RequestSummaryDoc {
    pub id: String,
    pub state: String,
    pub channel: String,
    pub contact_id: String,
    pub holder_name: String,
    pub holder_email: String,
    pub share_type: String,
    pub quantity: u32,
    pub amount: String,
    pub currency: String,
    pub created_at: String,
}

impl From<&RequestSummary> for RequestSummaryDoc {
    fn from(s: &RequestSummary) -> Self {
        RequestSummaryDoc {
            id: s.id.to_string(),
            state: s.state.as_str().to_owned(),
            channel: s.channel.as_str().to_owned(),
            contact_id: s.contact.to_string(),
            holder_name: s.holder_name.clone(),
            holder_email: s.holder_email.as_str().to_owned(),
            share_type: s.share_type_code.clone(),
            quantity: s.quantity.get(),
            amount: s.amount.to_string(),
            currency: s.amount.currency().code().to_owned(),
            created_at: rfc3339(s.created_at),
        }
    }
}

/// A page of requests.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RequestPage {
    pub items: Vec<RequestSummaryDoc>,
    pub total: u64,
    pub limit: u32,
    pub offset: u32,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ListQuery {
    /// Only requests in this state.
    state: Option<String>,
    /// Only requests from this channel.
    channel: Option<String>,
    /// Name or email contains.
    q: Option<String>,
    /// At most 200; default 50.
    limit: Option<u32>,
    offset: Option<u32>,
}

/// Records a subscription request.
///
/// The body is `{applicant, share_type, quantity, consents}`; `applicant` is
/// `{kind:"person", first_name, last_name, email, birth_date, phone, language, iban,
/// national_id, address:{street, postal_code, city, country}}` or `{kind:"entity", name,
/// legal_form, registration_number, email, iban, language, address,
/// representative:{person fields…, function}}`. `national_id` (the Belgian national register
/// number) is read only when the cooperative collects it, and then matches the person before
/// their email. The amount is computed here. With an `Idempotency-Key` header, sending the same
/// key again returns the request it recorded (header `Idempotent-Replayed: true`).
#[utoipa::path(
    post,
    path = "/api/v1/subscription-requests",
    tag = "subscription requests",
    security(("bearer" = [])),
    request_body(content = Object, description = "{applicant, share_type, quantity, consents}"),
    params(("Idempotency-Key" = Option<String>, Header, description = "a key of the client's choosing; the same key never records twice")),
    responses(
        (status = 201, body = RequestDoc),
        (status = 400, body = ErrorEnvelope, description = "malformed JSON"),
        (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope, description = "a field is invalid: each problem names its field"),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    ApiJson(input): ApiJson<ApplicationInput>,
) -> Result<Response, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 200)
        // Scoped to the token, so two clients cannot collide.
        .map(|k| format!("api:{}:{k}", caller.0.id));
    let language = state.default_language().await;
    let catalog = state.intake_catalog().await.ok();
    let actor = caller.actor();
    let submission = intake::Submission {
        idempotency_key: key.as_deref(),
        ..intake::Submission::new(&actor, Channel::Api, &input, language)
    };
    let submitted = state.intake.submit(&submission, catalog.as_ref()).await?;
    state.outbox_wake.notify_one();
    let doc = doc(&submitted.request, &submitted.share_type_code);
    let mut response = (StatusCode::CREATED, Json(doc)).into_response();
    if !submitted.created {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// Subscription requests, newest first (manager token).
#[utoipa::path(
    get,
    path = "/api/v1/subscription-requests",
    tag = "subscription requests",
    security(("bearer" = [])),
    params(ListQuery),
    responses((status = 200, body = RequestPage), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> Result<Json<RequestPage>, ApiError> {
    caller.require_manager()?;
    let bad = |field: &str| coopshares_app::AppError::field(field, "invalid", "unknown value");
    let filter = RequestFilter {
        state: query
            .state
            .as_deref()
            .map(|s| s.parse::<RequestState>().map_err(|_| bad("state")))
            .transpose()?,
        channel: query
            .channel
            .as_deref()
            .map(|c| c.parse::<Channel>().map_err(|_| bad("channel")))
            .transpose()?,
        search: query.q.filter(|q| !q.trim().is_empty()),
        ..RequestFilter::default()
    };
    let limit = query.limit.unwrap_or(50).clamp(1, 200);
    let offset = query.offset.unwrap_or(0);
    let (rows, total) = intake::list(state.store.as_ref(), &filter, limit, offset).await?;
    Ok(Json(RequestPage {
        items: rows.iter().map(RequestSummaryDoc::from).collect(),
        total,
        limit,
        offset,
    }))
}

pub(super) fn parse_id(id: &str) -> Result<SubscriptionRequestId, ApiError> {
    id.parse().map_err(|_| {
        coopshares_app::AppError::NotFound {
            what: "subscription request",
        }
        .into()
    })
}

/// One subscription request (manager token).
#[utoipa::path(
    get,
    path = "/api/v1/subscription-requests/{id}",
    tag = "subscription requests",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = RequestDoc), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope))
)]
pub async fn get(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
) -> Result<Json<RequestDoc>, ApiError> {
    caller.require_manager()?;
    let view = intake::view(state.store.as_ref(), parse_id(&id)?).await?;
    Ok(Json(view_doc(&view)?))
}

/// Why a request is cancelled.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelBody {
    pub reason: String,
}

/// Cancels a request (manager token).
#[utoipa::path(
    post,
    path = "/api/v1/subscription-requests/{id}/cancel",
    tag = "subscription requests",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = CancelBody,
    responses(
        (status = 200, body = RequestDoc),
        (status = 404, body = ErrorEnvelope),
        (status = 409, body = ErrorEnvelope, description = "the request cannot be cancelled in its state"),
        (status = 422, body = ErrorEnvelope, description = "no reason given"),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CancelBody>,
) -> Result<Json<RequestDoc>, ApiError> {
    caller.require_manager()?;
    let id = parse_id(&id)?;
    intake::decide(
        state.store.as_ref(),
        &state.mailer,
        state.clock.as_ref(),
        &caller.actor(),
        id,
        Decision::Cancel(body.reason),
        None,
    )
    .await?;
    state.outbox_wake.notify_one();
    let view = intake::view(state.store.as_ref(), id).await?;
    Ok(Json(view_doc(&view)?))
}
