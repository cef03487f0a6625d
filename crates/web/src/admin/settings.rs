//! The cooperative's settings, edited by a manager. The same rules as `PUT /api/v1/settings`.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::settings::{
    self, AddressInput, ChartInput, CooperativeSettings, SettingsPatch,
};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::auth::field_error_keys;
use crate::session::Visitor;
use crate::{AppState, page};

/// The form's fields, as typed (and shown back after an error).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    street: String,
    #[serde(default)]
    postal_code: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    registration_number: String,
    #[serde(default)]
    iban: String,
    #[serde(default)]
    bic: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    default_language: String,
    #[serde(default)]
    reference_scheme: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    create_user_accounts: Option<String>,
    #[serde(default)]
    accounting_mode: String,
    #[serde(default)]
    due_days: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    iban_required: Option<String>,
    #[serde(default)]
    collect_national_id: Option<String>,
    /// Blank: no minimum.
    #[serde(default)]
    minimum_age: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    notify_applicant_of_hold_and_cancel: Option<String>,
    #[serde(default, rename = "chart_of_accounts.subscribed_capital")]
    chart_subscribed_capital: String,
    #[serde(default, rename = "chart_of_accounts.member_receivable")]
    chart_member_receivable: String,
    #[serde(default, rename = "chart_of_accounts.bank")]
    chart_bank: String,
    #[serde(default)]
    version: i64,
}

impl SettingsForm {
    fn from_settings(s: &CooperativeSettings, version: i64) -> Self {
        let text = |value: Option<&str>| value.unwrap_or_default().to_owned();
        SettingsForm {
            name: text(s.name.as_ref().map(|n| n.as_str())),
            street: text(s.address.as_ref().map(|a| a.street.as_str())),
            postal_code: text(s.address.as_ref().map(|a| a.postal_code.as_str())),
            city: text(s.address.as_ref().map(|a| a.city.as_str())),
            country: text(s.address.as_ref().map(|a| a.country.code())),
            registration_number: s
                .registration_number
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            iban: s.iban.as_ref().map(ToString::to_string).unwrap_or_default(),
            bic: text(s.bic.as_ref().map(|b| b.as_str())),
            currency: s.currency.code().to_owned(),
            default_language: s.default_language.code().to_owned(),
            reference_scheme: s.reference_scheme.as_str().to_owned(),
            create_user_accounts: s.create_user_accounts.then(|| "on".to_owned()),
            accounting_mode: s.accounting_mode.as_str().to_owned(),
            due_days: s.due_days.to_string(),
            iban_required: s.iban_required.then(|| "on".to_owned()),
            collect_national_id: s.collect_national_id.then(|| "on".to_owned()),
            minimum_age: s.minimum_age.map(|a| a.to_string()).unwrap_or_default(),
            notify_applicant_of_hold_and_cancel: s
                .notify_applicant_of_hold_and_cancel
                .then(|| "on".to_owned()),
            chart_subscribed_capital: s.chart().subscribed_capital.to_string(),
            chart_member_receivable: s.chart().member_receivable.to_string(),
            chart_bank: s.chart().bank.to_string(),
            version,
        }
    }

    fn patch(&self) -> SettingsPatch {
        let address_blank = [&self.street, &self.postal_code, &self.city, &self.country]
            .iter()
            .all(|f| f.trim().is_empty());
        SettingsPatch {
            name: Some(Some(self.name.clone())),
            address: Some((!address_blank).then(|| AddressInput {
                street: self.street.clone(),
                postal_code: self.postal_code.clone(),
                city: self.city.clone(),
                country: self.country.clone(),
            })),
            registration_number: Some(Some(self.registration_number.clone())),
            iban: Some(Some(self.iban.clone())),
            bic: Some(Some(self.bic.clone())),
            currency: Some(self.currency.clone()),
            default_language: Some(self.default_language.clone()),
            reference_scheme: Some(self.reference_scheme.clone()),
            create_user_accounts: Some(self.create_user_accounts.is_some()),
            accounting_mode: Some(self.accounting_mode.clone()),
            // A number that does not parse is sent as 0, which the rules refuse with a message.
            due_days: Some(self.due_days.trim().parse().unwrap_or(0)),
            iban_required: Some(self.iban_required.is_some()),
            collect_national_id: Some(self.collect_national_id.is_some()),
            // Blank: no minimum; a number that does not parse is sent as -1, which the rules
            // refuse with a message.
            minimum_age: Some(match self.minimum_age.trim() {
                "" => None,
                text => Some(text.parse().unwrap_or(-1)),
            }),
            notify_applicant_of_hold_and_cancel: Some(
                self.notify_applicant_of_hold_and_cancel.is_some(),
            ),
            chart_of_accounts: Some(Some(ChartInput {
                subscribed_capital: self.chart_subscribed_capital.clone(),
                member_receivable: self.chart_member_receivable.clone(),
                bank: self.chart_bank.clone(),
            })),
        }
    }
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    form: &SettingsForm,
    errors: std::collections::BTreeMap<String, String>,
    conflict: bool,
) -> Response {
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/settings.html",
        context! { form => Value::from(minijinja::value::Serde(form)), errors, conflict },
    )
    .await
}

pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Response {
    match settings::load(state.store.as_ref()).await {
        Ok(current) => {
            let form = SettingsForm::from_settings(&current.value, current.version);
            form_page(
                &state,
                &visitor,
                StatusCode::OK,
                &form,
                Default::default(),
                false,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<SettingsForm>,
) -> Response {
    let actor = visitor.actor();
    let result = settings::update(
        state.store.as_ref(),
        state.clock.as_ref(),
        &actor,
        &form.patch(),
        Some(form.version),
    )
    .await;
    match result {
        Ok(_) => {
            state.config_changed();
            page::redirect(&state, "/admin/settings", Some("settings-saved"))
        }
        Err(AppError::Validation(errors)) => {
            let keys = field_error_keys(&errors)
                .into_iter()
                .map(|(field, key)| (field.trim_start_matches("address.").to_owned(), key))
                .collect();
            form_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                keys,
                false,
            )
            .await
        }
        Err(AppError::Conflict { .. }) => {
            form_page(
                &state,
                &visitor,
                StatusCode::CONFLICT,
                &form,
                Default::default(),
                true,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
