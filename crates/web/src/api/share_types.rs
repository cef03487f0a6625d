//! `GET, POST /api/v1/share-types`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use coopshares_app::ports::ShareTypeRecord;
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_domain::language::Language;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiCaller, ApiError, ApiJson, ErrorEnvelope};
use crate::AppState;

/// A share type's name in each language (missing languages are `null`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct NamesDoc {
    pub fr: Option<String>,
    pub nl: Option<String>,
    pub en: Option<String>,
    pub de: Option<String>,
}

/// A class of shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ShareTypeDoc {
    pub id: String,
    pub code: String,
    /// The name in the cooperative's default language (or the first one given).
    pub name: String,
    pub names: NamesDoc,
    /// Decimal string (`"250.00"`).
    pub nominal_value: String,
    pub currency: String,
    pub for_persons: bool,
    pub for_entities: bool,
    pub min_quantity: u32,
    pub max_quantity: Option<u32>,
    pub on_public_form: bool,
    pub retired: bool,
    /// Whether shares of this type were subscribed (then its nominal value is fixed).
    pub subscribed: bool,
}

pub(crate) fn doc(record: &ShareTypeRecord, language: Language) -> ShareTypeDoc {
    let t = &record.share_type;
    ShareTypeDoc {
        id: record.id.to_string(),
        code: t.code().as_str().to_owned(),
        name: t.name(language).to_owned(),
        names: NamesDoc {
            fr: t.names().fr.as_ref().map(|n| n.as_str().to_owned()),
            nl: t.names().nl.as_ref().map(|n| n.as_str().to_owned()),
            en: t.names().en.as_ref().map(|n| n.as_str().to_owned()),
            de: t.names().de.as_ref().map(|n| n.as_str().to_owned()),
        },
        nominal_value: t.nominal_value().to_string(),
        currency: t.nominal_value().currency().code().to_owned(),
        for_persons: t.spec().for_persons,
        for_entities: t.spec().for_entities,
        min_quantity: t.min_quantity().get(),
        max_quantity: t.max_quantity().map(|q| q.get()),
        on_public_form: t.on_public_form(),
        retired: t.retired(),
        subscribed: record.subscribed,
    }
}

/// A new share type.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ShareTypeBody {
    pub code: String,
    /// The name in every language at once, when there is only one.
    pub name: Option<String>,
    pub names: NamesDoc,
    /// Decimal string or number in the cooperative's currency.
    pub nominal_value: serde_json::Value,
    /// Must be the cooperative's currency when given.
    pub currency: Option<String>,
    pub for_persons: bool,
    pub for_entities: bool,
    pub min_quantity: Option<u32>,
    pub max_quantity: Option<u32>,
    pub on_public_form: Option<bool>,
}

/// The cooperative's share types, retired ones included.
#[utoipa::path(
    get,
    path = "/api/v1/share-types",
    tag = "share types",
    security(("bearer" = [])),
    responses((status = 200, body = [ShareTypeDoc]), (status = 401, body = ErrorEnvelope))
)]
pub async fn list(
    State(state): State<AppState>,
    _caller: ApiCaller,
) -> Result<Json<Vec<ShareTypeDoc>>, ApiError> {
    let language = state.default_language().await;
    let records = share_types::list(state.store.as_ref()).await?;
    Ok(Json(records.iter().map(|r| doc(r, language)).collect()))
}

/// Creates a share type (manager token).
#[utoipa::path(
    post,
    path = "/api/v1/share-types",
    tag = "share types",
    security(("bearer" = [])),
    request_body = ShareTypeBody,
    responses(
        (status = 201, body = ShareTypeDoc),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope, description = "a field is invalid, or the code is taken"),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<ShareTypeBody>,
) -> Result<(StatusCode, Json<ShareTypeDoc>), ApiError> {
    caller.require_manager()?;
    let every = |named: Option<String>| named.or_else(|| body.name.clone()).unwrap_or_default();
    let input = ShareTypeInput {
        code: body.code.clone(),
        name_fr: every(body.names.fr.clone()),
        name_nl: every(body.names.nl.clone()),
        name_en: every(body.names.en.clone()),
        name_de: every(body.names.de.clone()),
        nominal_value: match &body.nominal_value {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Number(number) => number.to_string(),
            _ => String::new(),
        },
        for_persons: body.for_persons,
        for_entities: body.for_entities,
        min_quantity: body.min_quantity.map(|q| q.to_string()).unwrap_or_default(),
        max_quantity: body.max_quantity.map(|q| q.to_string()).unwrap_or_default(),
        on_public_form: body.on_public_form.unwrap_or(true),
        retired: false,
        currency: body.currency.clone(),
    };
    let record = share_types::create(
        state.store.as_ref(),
        state.clock.as_ref(),
        &caller.actor(),
        &input,
    )
    .await?;
    state.config_changed();
    Ok((
        StatusCode::CREATED,
        Json(doc(&record, state.default_language().await)),
    ))
}
