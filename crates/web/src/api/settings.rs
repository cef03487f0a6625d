//! `GET, PUT /api/v1/settings`: the cooperative's settings.

use axum::Json;
use axum::extract::State;
use coopshares_app::ports::Versioned;
use coopshares_app::settings::{
    self, AddressInput, ChartInput, CooperativeSettings, SettingsPatch, present,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiCaller, ApiError, ApiJson, ErrorEnvelope};
use crate::AppState;

/// A postal address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AddressDoc {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2 (`BE`).
    pub country: String,
}

/// The three accounts of the capital workflow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChartDoc {
    /// Equity, credited when capital is called (`100` in Belgium, `1013` in France).
    pub subscribed_capital: String,
    /// What members owe on called capital (`410`, `4562`).
    pub member_receivable: String,
    /// The bank account (`550`, `512`).
    pub bank: String,
}

/// The cooperative's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SettingsDoc {
    pub name: Option<String>,
    pub address: Option<AddressDoc>,
    /// Belgian enterprise number (`0123.456.749`), French SIREN, or another country's number.
    pub registration_number: Option<String>,
    /// Compact form (`BE71096123456769`).
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// ISO 4217 (`EUR`).
    pub currency: String,
    /// `fr`, `nl`, `en` or `de`.
    pub default_language: String,
    /// `ogm` (Belgian structured communication) or `rf` (ISO 11649).
    pub reference_scheme: String,
    /// Whether validating a request creates a member account and emails an invitation.
    pub create_user_accounts: bool,
    /// `integrated` (bank statements imported here) or `external`.
    pub accounting_mode: String,
    /// Days between a capital release request and its due date.
    pub due_days: u16,
    /// Whether applicants must give an IBAN.
    pub iban_required: bool,
    /// Whether the form asks persons for their national register number (optional for
    /// them); a person is then matched by it before their email.
    pub collect_national_id: bool,
    /// Minimum age to subscribe in one's own name; `null`: none.
    pub minimum_age: Option<u32>,
    /// Whether putting a request on hold or cancelling it emails the applicant.
    pub notify_applicant_of_hold_and_cancel: bool,
    /// The accounts Coopshares posts to (the default chart of the cooperative's country until
    /// changed).
    pub chart_of_accounts: ChartDoc,
    /// Version of these settings; send it back in a PUT to refuse overwriting a newer change.
    pub version: i64,
}

impl From<Versioned<CooperativeSettings>> for SettingsDoc {
    fn from(Versioned { version, value: s }: Versioned<CooperativeSettings>) -> Self {
        let chart = s.chart();
        SettingsDoc {
            name: s.name.map(|n| n.as_str().to_owned()),
            address: s.address.map(|a| AddressDoc {
                street: a.street.as_str().to_owned(),
                postal_code: a.postal_code.as_str().to_owned(),
                city: a.city.as_str().to_owned(),
                country: a.country.code().to_owned(),
            }),
            registration_number: s.registration_number.map(|r| r.to_string()),
            iban: s.iban.map(|i| i.as_compact().to_owned()),
            bic: s.bic.map(|b| b.as_str().to_owned()),
            currency: s.currency.code().to_owned(),
            default_language: s.default_language.code().to_owned(),
            reference_scheme: s.reference_scheme.as_str().to_owned(),
            create_user_accounts: s.create_user_accounts,
            accounting_mode: s.accounting_mode.as_str().to_owned(),
            due_days: s.due_days,
            iban_required: s.iban_required,
            collect_national_id: s.collect_national_id,
            minimum_age: s.minimum_age,
            notify_applicant_of_hold_and_cancel: s.notify_applicant_of_hold_and_cancel,
            chart_of_accounts: ChartDoc {
                subscribed_capital: chart.subscribed_capital.to_string(),
                member_receivable: chart.member_receivable.to_string(),
                bank: chart.bank.to_string(),
            },
            version,
        }
    }
}

/// A change of settings: fields left out keep their value; `null` clears an optional field.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsBody {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<AddressDoc>)]
    pub address: Option<Option<AddressDoc>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub registration_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub iban: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub bic: Option<Option<String>>,
    pub currency: Option<String>,
    pub default_language: Option<String>,
    pub reference_scheme: Option<String>,
    pub create_user_accounts: Option<bool>,
    pub accounting_mode: Option<String>,
    pub due_days: Option<i64>,
    pub iban_required: Option<bool>,
    pub collect_national_id: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<u32>)]
    pub minimum_age: Option<Option<i64>>,
    pub notify_applicant_of_hold_and_cancel: Option<bool>,
    /// `null` goes back to the default chart of the cooperative's country.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<ChartDoc>)]
    pub chart_of_accounts: Option<Option<ChartDoc>>,
    /// The version the change is based on (from a GET); a newer stored version is a 409.
    pub version: Option<i64>,
}

impl From<SettingsBody> for SettingsPatch {
    fn from(body: SettingsBody) -> Self {
        SettingsPatch {
            name: body.name,
            address: body.address.map(|a| {
                a.map(|a| AddressInput {
                    street: a.street,
                    postal_code: a.postal_code,
                    city: a.city,
                    country: a.country,
                })
            }),
            registration_number: body.registration_number,
            iban: body.iban,
            bic: body.bic,
            currency: body.currency,
            default_language: body.default_language,
            reference_scheme: body.reference_scheme,
            create_user_accounts: body.create_user_accounts,
            accounting_mode: body.accounting_mode,
            due_days: body.due_days,
            iban_required: body.iban_required,
            collect_national_id: body.collect_national_id,
            minimum_age: body.minimum_age,
            notify_applicant_of_hold_and_cancel: body.notify_applicant_of_hold_and_cancel,
            chart_of_accounts: body.chart_of_accounts.map(|c| {
                c.map(|c| ChartInput {
                    subscribed_capital: c.subscribed_capital,
                    member_receivable: c.member_receivable,
                    bank: c.bank,
                })
            }),
        }
    }
}

/// The cooperative's settings.
#[utoipa::path(
    get,
    path = "/api/v1/settings",
    tag = "settings",
    security(("bearer" = [])),
    responses(
        (status = 200, body = SettingsDoc),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope, description = "an intake token"),
    )
)]
pub async fn get_settings(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<SettingsDoc>, ApiError> {
    caller.require_manager()?;
    Ok(Json(settings::load(state.store.as_ref()).await?.into()))
}

/// Changes some settings.
#[utoipa::path(
    put,
    path = "/api/v1/settings",
    tag = "settings",
    security(("bearer" = [])),
    request_body = SettingsBody,
    responses(
        (status = 200, body = SettingsDoc),
        (status = 400, body = ErrorEnvelope, description = "malformed JSON"),
        (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope, description = "an intake token"),
        (status = 409, body = ErrorEnvelope, description = "changed by someone else meanwhile"),
        (status = 422, body = ErrorEnvelope, description = "a field is invalid"),
    )
)]
pub async fn put_settings(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<SettingsBody>,
) -> Result<Json<SettingsDoc>, ApiError> {
    caller.require_manager()?;
    let expected = body.version;
    let saved = settings::update(
        state.store.as_ref(),
        state.clock.as_ref(),
        &caller.actor(),
        &body.into(),
        expected,
    )
    .await?;
    state.config_changed();
    Ok(Json(saved.into()))
}
