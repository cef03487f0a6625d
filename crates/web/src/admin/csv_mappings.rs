//! The CSV column mappings of the cooperative's bank accounts in the back office: the list on
//! the bank statements page, the form that saves one, and forgetting one.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::settings::CooperativeSettings;
use coopshares_banking::csv::{
    AmountColumns, CsvColumns, CsvMapping, DateFormat, DecimalSeparator,
};
use coopshares_domain::iban::Iban;
use coopshares_domain::money::Currency;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::field_error_key;
use crate::session::Visitor;
use crate::{AppState, page};

/// The date formats the form offers, in this order.
const DATE_FORMATS: [DateFormat; 4] = [
    DateFormat::DaySlashMonthSlashYear,
    DateFormat::DayDotMonthDotYear,
    DateFormat::DayDashMonthDashYear,
    DateFormat::YearDashMonthDashDay,
];

/// A saved mapping as the bank statements page lists it.
#[derive(Debug, Serialize)]
pub(crate) struct MappingRow {
    /// Compact, for the links and the forget form.
    account: String,
    /// In groups of four.
    account_display: String,
    /// The columns in short: `Date · Montant · Contrepartie`.
    columns: String,
}

/// The saved mappings, by account.
pub(crate) fn mapping_rows(settings: &CooperativeSettings) -> Vec<MappingRow> {
    settings
        .csv_mappings
        .iter()
        .map(|(account, mapping)| {
            let c = &mapping.columns;
            let mut columns = vec![c.booking_date.as_str()];
            match &c.amounts {
                AmountColumns::Signed { amount } => columns.push(amount),
                AmountColumns::CreditDebit {
                    credit_amount,
                    debit_amount,
                } => {
                    columns.push(credit_amount);
                    columns.push(debit_amount);
                }
            }
            for optional in [
                &c.value_date,
                &c.counterparty_name,
                &c.counterparty_account,
                &c.communication,
                &c.structured_reference,
                &c.bank_reference,
            ]
            .into_iter()
            .flatten()
            {
                columns.push(optional);
            }
            MappingRow {
                account: account.clone(),
                account_display: Iban::parse(account)
                    .map_or_else(|_| account.clone(), |iban| iban.to_string()),
                columns: columns.join(" · "),
            }
        })
        .collect()
}

/// The form's fields, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CsvMappingForm {
    account: String,
    /// `;`, `,` or `tab`.
    delimiter: String,
    /// `,` or `.`.
    decimal_separator: String,
    /// Empty (none), `.`, `space` or `'`.
    thousands_separator: String,
    /// `dd/mm/yyyy`, …
    date_format: String,
    currency: String,
    /// `signed` or `credit_debit`.
    amount_form: String,
    booking_date: String,
    amount: String,
    credit_amount: String,
    debit_amount: String,
    value_date: String,
    counterparty_name: String,
    counterparty_account: String,
    communication: String,
    structured_reference: String,
    bank_reference: String,
}

fn optional(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

impl CsvMappingForm {
    /// A new mapping's form: the common Belgian layout, in the cooperative's currency.
    fn new(account: String, currency: Currency) -> Self {
        CsvMappingForm {
            account,
            delimiter: ";".to_owned(),
            decimal_separator: ",".to_owned(),
            thousands_separator: String::new(),
            date_format: DateFormat::DaySlashMonthSlashYear.as_str().to_owned(),
            currency: currency.code().to_owned(),
            amount_form: "signed".to_owned(),
            ..CsvMappingForm::default()
        }
    }

    fn from_mapping(account: &Iban, mapping: &CsvMapping) -> Self {
        let c = &mapping.columns;
        let (amount_form, amount, credit_amount, debit_amount) = match &c.amounts {
            AmountColumns::Signed { amount } => {
                ("signed", amount.clone(), String::new(), String::new())
            }
            AmountColumns::CreditDebit {
                credit_amount,
                debit_amount,
            } => (
                "credit_debit",
                String::new(),
                credit_amount.clone(),
                debit_amount.clone(),
            ),
        };
        let text = |name: &Option<String>| name.clone().unwrap_or_default();
        CsvMappingForm {
            account: account.to_string(),
            delimiter: match mapping.delimiter {
                '\t' => "tab".to_owned(),
                other => other.to_string(),
            },
            decimal_separator: mapping.decimal_separator.as_char().to_string(),
            thousands_separator: match mapping.thousands_separator {
                None => String::new(),
                Some(' ') => "space".to_owned(),
                Some(other) => other.to_string(),
            },
            date_format: mapping.date_format.as_str().to_owned(),
            currency: mapping.currency.code().to_owned(),
            amount_form: amount_form.to_owned(),
            booking_date: c.booking_date.clone(),
            amount,
            credit_amount,
            debit_amount,
            value_date: text(&c.value_date),
            counterparty_name: text(&c.counterparty_name),
            counterparty_account: text(&c.counterparty_account),
            communication: text(&c.communication),
            structured_reference: text(&c.structured_reference),
            bank_reference: text(&c.bank_reference),
        }
    }

    /// The mapping the form describes, or the errors of its fields (map field -> key).
    fn mapping(&self) -> Result<CsvMapping, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let mut invalid = |field: &str, key: &str| {
            errors.insert(field.to_owned(), key.to_owned());
        };
        let delimiter = match self.delimiter.as_str() {
            ";" => ';',
            "," => ',',
            "tab" => '\t',
            _ => {
                invalid("delimiter", "field-error-invalid");
                ','
            }
        };
        let decimal_separator = match self.decimal_separator.as_str() {
            "," => DecimalSeparator::Comma,
            "." => DecimalSeparator::Point,
            _ => {
                invalid("decimal_separator", "field-error-invalid");
                DecimalSeparator::Point
            }
        };
        let thousands_separator = match self.thousands_separator.as_str() {
            "" => None,
            "." => Some('.'),
            "space" => Some(' '),
            "'" => Some('\''),
            _ => {
                invalid("thousands_separator", "field-error-invalid");
                None
            }
        };
        let date_format = DATE_FORMATS
            .into_iter()
            .find(|f| f.as_str() == self.date_format)
            .unwrap_or_else(|| {
                invalid("date_format", "field-error-invalid");
                DateFormat::DaySlashMonthSlashYear
            });
        let currency = Currency::parse(&self.currency).unwrap_or_else(|_| {
            invalid("currency", "field-error-invalid-currency");
            Currency::EUR
        });
        let amounts = match self.amount_form.as_str() {
            "credit_debit" => AmountColumns::CreditDebit {
                credit_amount: self.credit_amount.trim().to_owned(),
                debit_amount: self.debit_amount.trim().to_owned(),
            },
            _ => AmountColumns::Signed {
                amount: self.amount.trim().to_owned(),
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(CsvMapping {
            delimiter,
            decimal_separator,
            thousands_separator,
            date_format,
            currency,
            columns: CsvColumns {
                booking_date: self.booking_date.trim().to_owned(),
                value_date: optional(&self.value_date),
                amounts,
                counterparty_name: optional(&self.counterparty_name),
                counterparty_account: optional(&self.counterparty_account),
                communication: optional(&self.communication),
                structured_reference: optional(&self.structured_reference),
                bank_reference: optional(&self.bank_reference),
            },
        })
    }
}

/// A message at the top of the form: a translation key, and the app's explanation.
#[derive(Debug, Serialize)]
struct Problem {
    key: String,
    detail: Option<String>,
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    form: &CsvMappingForm,
    is_new: bool,
    errors: BTreeMap<String, String>,
    error: Option<Problem>,
) -> Response {
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/csv_mapping.html",
        context! {
            form => Value::from(minijinja::value::Serde(form)),
            is_new,
            date_formats => DATE_FORMATS
                .iter()
                .map(|f| (f.as_str(), f.as_str()))
                .collect::<Vec<_>>(),
            errors,
            error => error.map(|e| Value::from(minijinja::value::Serde(e))),
        },
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountQuery {
    account: String,
}

/// `GET /admin/bank-accounts/csv-mapping?account=IBAN`: the saved mapping of that account, or
/// a new one (for the cooperative's own account when none is named and none is saved for it).
pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<AccountQuery>,
) -> Response {
    let settings = match state.settings().await {
        Ok(settings) => settings,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let saved = Iban::parse(&query.account).ok().and_then(|iban| {
        settings
            .csv_mappings
            .get(iban.as_compact())
            .map(|mapping| CsvMappingForm::from_mapping(&iban, mapping))
    });
    let (form, is_new) = match saved {
        Some(form) => (form, false),
        None => {
            let account = match query.account.trim() {
                "" => settings
                    .iban
                    .as_ref()
                    .filter(|iban| !settings.csv_mappings.contains_key(iban.as_compact()))
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                typed => typed.to_owned(),
            };
            (CsvMappingForm::new(account, settings.currency), true)
        }
    };
    form_page(
        &state,
        &visitor,
        StatusCode::OK,
        &form,
        is_new,
        BTreeMap::new(),
        None,
    )
    .await
}

/// `POST /admin/bank-accounts/csv-mapping`: saves the mapping, back to the bank statements;
/// the form again with what is wrong (422).
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CsvMappingForm>,
) -> Response {
    let is_new = match state.settings().await {
        Ok(settings) => Iban::parse(&form.account).map_or(true, |iban| {
            !settings.csv_mappings.contains_key(iban.as_compact())
        }),
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = match form.mapping() {
        Ok(mapping) => {
            coopshares_app::settings::save_csv_mapping(
                state.store.as_ref(),
                state.clock.as_ref(),
                &visitor.actor(),
                &form.account,
                Some(mapping),
            )
            .await
        }
        Err(mut errors) => {
            if Iban::parse(&form.account).is_err() {
                errors.insert("account".to_owned(), "field-error-invalid-iban".to_owned());
            }
            return form_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                is_new,
                errors,
                None,
            )
            .await;
        }
    };
    match result {
        Ok(_) => {
            state.config_changed();
            page::redirect(&state, "/admin/bank-statements", Some("csv-mapping-saved"))
        }
        Err(AppError::Validation(problems)) => {
            let mut errors = BTreeMap::new();
            let mut error = None;
            for problem in &problems {
                if problem.field == "mapping" {
                    error.get_or_insert(Problem {
                        key: "admin-csv-error-mapping".to_owned(),
                        detail: Some(problem.detail.clone()),
                    });
                } else {
                    errors
                        .entry(problem.field.clone())
                        .or_insert_with(|| field_error_key(&state, visitor.lang, problem.code));
                }
            }
            form_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                is_new,
                errors,
                error,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// `POST /admin/bank-accounts/csv-mapping/forget` (`account`): forgets the account's mapping.
pub async fn forget(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(query): Form<AccountQuery>,
) -> Response {
    match coopshares_app::settings::save_csv_mapping(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        &query.account,
        None,
    )
    .await
    {
        Ok(_) => {
            state.config_changed();
            page::redirect(
                &state,
                "/admin/bank-statements",
                Some("csv-mapping-forgotten"),
            )
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
