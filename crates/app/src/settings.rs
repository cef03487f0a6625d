//! The cooperative's own settings, stored as one versioned document.
//!
//! Coopshares starts with nothing to configure: until a manager saves settings, the defaults
//! apply (euro, Belgian structured references, French, 30 days to pay, user accounts created at
//! validation, accounting kept in Coopshares). Identity fields stay empty until filled in.
//!
//! Changes arrive as a [`SettingsPatch`] from the API or the back-office form alike: fields left
//! out keep their value, `null` clears an optional one, and one function checks every field.

use coopshares_domain::address::Address;
use coopshares_domain::application::ConsentSpec;
use coopshares_domain::country::Country;
use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::language::Language;
use coopshares_domain::ledger::{AccountCode, ChartOfAccounts};
use coopshares_domain::money::Currency;
use coopshares_domain::reference::ReferenceScheme;
use coopshares_domain::registration::RegistrationNumber;
use coopshares_domain::text::{Name, PostalCode};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;

use crate::audit;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::ports::{Actor, Store, StoreError, Versioned};

/// Whether the cooperative keeps its accounts in Coopshares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountingMode {
    /// Bank statements are imported and reconciled here.
    Integrated,
    /// Payments are registered by hand on each capital release request.
    External,
}

impl AccountingMode {
    pub const fn as_str(self) -> &'static str {
        match self {
            AccountingMode::Integrated => "integrated",
            AccountingMode::External => "external",
        }
    }
}

pub const MIN_DUE_DAYS: u16 = 1;
pub const MAX_DUE_DAYS: u16 = 365;

/// The settings in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CooperativeSettings {
    pub name: Option<Name>,
    pub address: Option<Address>,
    pub registration_number: Option<RegistrationNumber>,
    pub iban: Option<Iban>,
    pub bic: Option<Bic>,
    pub currency: Currency,
    pub default_language: Language,
    pub reference_scheme: ReferenceScheme,
    pub create_user_accounts: bool,
    pub accounting_mode: AccountingMode,
    pub due_days: u16,
    /// Whether an applicant must give an IBAN (where refunds and dividends go).
    pub iban_required: bool,
    /// Whether the form asks persons for their national register number (optional for
    /// them); a person is then matched by it before their email. Off by default: it is
    /// personal data a cooperative collects only when it has a use for it.
    pub collect_national_id: bool,
    /// Minimum age of a person subscribing in their own name; `None`: no minimum.
    pub minimum_age: Option<u32>,
    /// The consents the form asks for; a new text gets a new version.
    pub consents: Vec<ConsentSpec>,
    /// Whether putting a request on hold or cancelling it emails the applicant.
    pub notify_applicant_of_hold_and_cancel: bool,
    /// The accounts Coopshares posts to; `None`: the default chart of the cooperative's
    /// country (see [`CooperativeSettings::chart`]).
    pub chart_of_accounts: Option<ChartOfAccounts>,
    /// How to read each bank account's CSV exports, by account (compact IBAN).
    pub csv_mappings: std::collections::BTreeMap<String, coopshares_banking::csv::CsvMapping>,
    /// How the membership certificate looks and who signs it.
    pub certificate: crate::certificates::CertificateDesign,
}

impl CooperativeSettings {
    /// The accounts in force: the manager's, or the default chart of the cooperative's
    /// country (Belgium until an address is set).
    pub fn chart(&self) -> ChartOfAccounts {
        self.chart_of_accounts.clone().unwrap_or_else(|| {
            ChartOfAccounts::default_for(self.address.as_ref().map_or(Country::BE, |a| a.country))
        })
    }
}

/// The consents asked for until a manager changes them: the data policy (GDPR Art. 13), the
/// statutes and internal rules, and the financial risk of holding shares.
pub fn default_consents() -> Vec<ConsentSpec> {
    ["data_policy", "statutes", "financial_risk"]
        .into_iter()
        .map(|code| ConsentSpec {
            code: code.to_owned(),
            version: "1".to_owned(),
            required: true,
        })
        .collect()
}

impl Default for CooperativeSettings {
    fn default() -> Self {
        Self {
            name: None,
            address: None,
            registration_number: None,
            iban: None,
            bic: None,
            currency: Currency::EUR,
            default_language: Language::Fr,
            reference_scheme: ReferenceScheme::Ogm,
            create_user_accounts: true,
            accounting_mode: AccountingMode::Integrated,
            due_days: 30,
            iban_required: true,
            collect_national_id: false,
            minimum_age: Some(18),
            consents: default_consents(),
            notify_applicant_of_hold_and_cancel: true,
            chart_of_accounts: None,
            csv_mappings: std::collections::BTreeMap::new(),
            certificate: crate::certificates::CertificateDesign::default(),
        }
    }
}

/// An address as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
}

/// A change of settings. `None`: keep; `Some(None)`: clear; `Some(Some(v))`: set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub address: Option<Option<AddressInput>>,
    #[serde(default, deserialize_with = "present")]
    pub registration_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub iban: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
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
    pub minimum_age: Option<Option<i64>>,
    pub notify_applicant_of_hold_and_cancel: Option<bool>,
    /// The accounts posted to; `null`, three blank codes or the country's default chart itself
    /// mean "follow the country's default chart".
    #[serde(default, deserialize_with = "present")]
    pub chart_of_accounts: Option<Option<ChartInput>>,
}

/// The chart of accounts as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartInput {
    #[serde(default)]
    pub subscribed_capital: String,
    #[serde(default)]
    pub member_receivable: String,
    #[serde(default)]
    pub bank: String,
}

/// For `#[serde(default, deserialize_with = "present")]`: a field that is present, even as
/// `null`, becomes `Some(..)`; an absent one stays `None` (the default). Tells "clear" from
/// "keep" in a partial update.
pub fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// Blank text means "no value".
fn blank_as_none(value: Option<String>) -> Option<String> {
    value.filter(|text| !text.trim().is_empty())
}

fn parse_address(input: &AddressInput, errors: &mut Vec<FieldError>) -> Option<Address> {
    let mut field = |name: &str, result: Result<(), String>| {
        if let Err(detail) = result {
            errors.push(FieldError::new(
                format!("address.{name}"),
                "invalid",
                detail,
            ));
        }
    };
    let street = Name::parse(&input.street);
    field(
        "street",
        street.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    let postal_code = PostalCode::parse(&input.postal_code);
    field(
        "postal_code",
        postal_code
            .as_ref()
            .map(|_| ())
            .map_err(ToString::to_string),
    );
    let city = Name::parse(&input.city);
    field(
        "city",
        city.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    let country = Country::parse(&input.country);
    field(
        "country",
        country.as_ref().map(|_| ()).map_err(ToString::to_string),
    );
    Some(Address {
        street: street.ok()?,
        postal_code: postal_code.ok()?,
        city: city.ok()?,
        country: country.ok()?,
    })
}

/// Three distinct account codes; capital must be an equity account (class 1 in the Belgian
/// and French charts) and never an income account (class 7).
fn parse_chart(input: &ChartInput, errors: &mut Vec<FieldError>) -> Option<ChartOfAccounts> {
    let mut code = |name: &str, text: &str| match AccountCode::parse(text) {
        Ok(code) => Some(code),
        Err(error) => {
            errors.push(FieldError::new(
                format!("chart_of_accounts.{name}"),
                "invalid",
                error.to_string(),
            ));
            None
        }
    };
    let subscribed_capital = code("subscribed_capital", &input.subscribed_capital);
    let member_receivable = code("member_receivable", &input.member_receivable);
    let bank = code("bank", &input.bank);
    let chart = ChartOfAccounts {
        subscribed_capital: subscribed_capital?,
        member_receivable: member_receivable?,
        bank: bank?,
    };
    if chart.subscribed_capital.class() != 1 {
        errors.push(FieldError::new(
            "chart_of_accounts.subscribed_capital",
            "not_equity",
            "capital is equity: use an account of class 1, never an income account",
        ));
    }
    if chart.member_receivable == chart.subscribed_capital
        || chart.bank == chart.subscribed_capital
        || chart.bank == chart.member_receivable
    {
        errors.push(FieldError::new(
            "chart_of_accounts",
            "accounts_not_distinct",
            "the three accounts must be different",
        ));
    }
    Some(chart)
}

/// Applies a patch, checking every field; all problems are reported at once.
pub fn apply(
    current: &CooperativeSettings,
    patch: &SettingsPatch,
) -> Result<CooperativeSettings, Vec<FieldError>> {
    let mut next = current.clone();
    let mut errors = Vec::new();
    fn set<T, E: std::fmt::Display>(
        errors: &mut Vec<FieldError>,
        field: &str,
        result: Result<T, E>,
        target: &mut T,
    ) {
        match result {
            Ok(value) => *target = value,
            Err(error) => errors.push(FieldError::new(field, "invalid", error.to_string())),
        }
    }

    if let Some(name) = &patch.name {
        let name = blank_as_none(name.clone());
        set(
            &mut errors,
            "name",
            name.map(|n| Name::parse(&n)).transpose(),
            &mut next.name,
        );
    }
    if let Some(address) = &patch.address {
        next.address = match address {
            None => None,
            Some(input) => parse_address(input, &mut errors),
        };
    }
    if let Some(number) = &patch.registration_number {
        let country = next.address.as_ref().map_or(Country::BE, |a| a.country);
        let number = blank_as_none(number.clone());
        set(
            &mut errors,
            "registration_number",
            number
                .map(|n| RegistrationNumber::parse(country, &n))
                .transpose(),
            &mut next.registration_number,
        );
    }
    if let Some(iban) = &patch.iban {
        let iban = blank_as_none(iban.clone());
        set(
            &mut errors,
            "iban",
            iban.map(|i| Iban::parse(&i)).transpose(),
            &mut next.iban,
        );
    }
    if let Some(bic) = &patch.bic {
        let bic = blank_as_none(bic.clone());
        set(
            &mut errors,
            "bic",
            bic.map(|b| Bic::parse(&b)).transpose(),
            &mut next.bic,
        );
    }
    if let Some(currency) = &patch.currency {
        set(
            &mut errors,
            "currency",
            Currency::parse(currency),
            &mut next.currency,
        );
    }
    if let Some(language) = &patch.default_language {
        set(
            &mut errors,
            "default_language",
            language.parse::<Language>(),
            &mut next.default_language,
        );
    }
    if let Some(scheme) = &patch.reference_scheme {
        set(
            &mut errors,
            "reference_scheme",
            scheme.parse::<ReferenceScheme>(),
            &mut next.reference_scheme,
        );
    }
    if let Some(create) = patch.create_user_accounts {
        next.create_user_accounts = create;
    }
    if let Some(mode) = &patch.accounting_mode {
        let parsed = match mode.trim() {
            "integrated" => Ok(AccountingMode::Integrated),
            "external" => Ok(AccountingMode::External),
            _ => Err("expected integrated or external"),
        };
        set(
            &mut errors,
            "accounting_mode",
            parsed,
            &mut next.accounting_mode,
        );
    }
    if let Some(days) = patch.due_days {
        let parsed = u16::try_from(days)
            .ok()
            .filter(|d| (MIN_DUE_DAYS..=MAX_DUE_DAYS).contains(d))
            .ok_or_else(|| {
                format!("must be a number of days from {MIN_DUE_DAYS} to {MAX_DUE_DAYS}")
            });
        set(&mut errors, "due_days", parsed, &mut next.due_days);
    }
    if let Some(required) = patch.iban_required {
        next.iban_required = required;
    }
    if let Some(collect) = patch.collect_national_id {
        next.collect_national_id = collect;
    }
    if let Some(age) = patch.minimum_age {
        let parsed = age
            .map(|a| {
                u32::try_from(a)
                    .ok()
                    .filter(|a| *a <= 30)
                    .ok_or("must be a number of years from 0 to 30")
            })
            .transpose();
        set(&mut errors, "minimum_age", parsed, &mut next.minimum_age);
    }
    if let Some(notify) = patch.notify_applicant_of_hold_and_cancel {
        next.notify_applicant_of_hold_and_cancel = notify;
    }
    if let Some(chart) = &patch.chart_of_accounts {
        let blank = chart.as_ref().is_none_or(|input| {
            [
                &input.subscribed_capital,
                &input.member_receivable,
                &input.bank,
            ]
            .iter()
            .all(|code| code.trim().is_empty())
        });
        let country = next.address.as_ref().map_or(Country::BE, |a| a.country);
        next.chart_of_accounts = match chart {
            Some(input) if !blank => parse_chart(input, &mut errors)
                // The country's own chart is followed, not copied: a later change of country
                // brings its chart.
                .filter(|chart| *chart != ChartOfAccounts::default_for(country)),
            _ => None,
        };
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}

/// The settings in force and their version (0 when never saved).
pub async fn load(store: &dyn Store) -> Result<Versioned<CooperativeSettings>, AppError> {
    let mut tx = store.begin_read().await?;
    load_in(tx.as_mut()).await
}

pub(crate) async fn load_in(
    tx: &mut dyn crate::ports::StoreTx,
) -> Result<Versioned<CooperativeSettings>, AppError> {
    match tx.load_settings().await? {
        None => Ok(Versioned {
            version: 0,
            value: CooperativeSettings::default(),
        }),
        Some(stored) => Ok(Versioned {
            version: stored.version,
            value: serde_json::from_str(&stored.value).map_err(AppError::unexpected)?,
        }),
    }
}

/// Applies a patch and saves it. With `expected_version` (the version a form was built from),
/// a save over someone else's newer change is a conflict; without, the version read here is
/// the one expected, so two simultaneous saves still cannot silently overwrite each other.
pub async fn update(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    patch: &SettingsPatch,
    expected_version: Option<i64>,
) -> Result<Versioned<CooperativeSettings>, AppError> {
    let mut tx = store.begin().await?;
    let current = load_in(tx.as_mut()).await?;
    let expected = expected_version.unwrap_or(current.version);
    if expected != current.version {
        return Err(stale());
    }
    let next = apply(&current.value, patch).map_err(AppError::Validation)?;
    let details = json!({ "fields": changed_fields(&current.value, &next) });
    save_in(
        tx,
        clock,
        actor,
        current.version,
        next,
        "settings_changed",
        details,
    )
    .await
}

/// Saves `next` over the settings read at `read_version`, audits it as `action` (the details
/// get the new version), and commits.
pub(crate) async fn save_in(
    mut tx: Box<dyn crate::ports::StoreTx>,
    clock: &dyn Clock,
    actor: &Actor,
    read_version: i64,
    next: CooperativeSettings,
    action: &str,
    mut details: serde_json::Value,
) -> Result<Versioned<CooperativeSettings>, AppError> {
    let document = serde_json::to_string(&next).map_err(AppError::unexpected)?;
    let previous = (read_version > 0).then_some(read_version);
    let version = match tx.save_settings(&document, previous, clock.now()).await {
        Err(StoreError::Conflict { .. }) => return Err(stale()),
        other => other?,
    };
    if let Some(fields) = details.as_object_mut() {
        fields.insert("version".to_owned(), json!(version));
    }
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        action,
        "settings",
        1,
        details,
    ))
    .await?;
    tx.commit().await?;
    Ok(Versioned {
        version,
        value: next,
    })
}

/// Saves how to read the CSV exports of one bank account (`account`: an IBAN, with or without
/// spaces), or forgets it with `None`.
pub async fn save_csv_mapping(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    account: &str,
    mapping: Option<coopshares_banking::csv::CsvMapping>,
) -> Result<Versioned<CooperativeSettings>, AppError> {
    let account = Iban::parse(account)
        .map_err(|e| AppError::field("account", "invalid_iban", e.to_string()))?;
    if let Some(mapping) = &mapping {
        mapping
            .validate()
            .map_err(|e| AppError::field("mapping", "invalid_csv_mapping", e.to_string()))?;
    }
    let mut tx = store.begin().await?;
    let current = load_in(tx.as_mut()).await?;
    let mut next = current.value.clone();
    match mapping {
        Some(mapping) => {
            next.csv_mappings
                .insert(account.as_compact().to_owned(), mapping);
        }
        None => {
            next.csv_mappings.remove(account.as_compact());
        }
    }
    let details = json!({ "account": account.as_compact() });
    save_in(
        tx,
        clock,
        actor,
        current.version,
        next,
        "csv_mapping_saved",
        details,
    )
    .await
}

impl CooperativeSettings {
    /// The CSV mapping saved for `account` (an IBAN, spaces allowed), or the only one saved
    /// when no account is named (`None` when there is none, or several).
    pub fn csv_mapping_for(
        &self,
        account: Option<&str>,
    ) -> Result<Option<coopshares_banking::csv::CsvMapping>, AppError> {
        match account.map(str::trim).filter(|a| !a.is_empty()) {
            Some(account) => {
                let compact: String = account
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_uppercase)
                    .collect();
                self.csv_mappings
                    .get(&compact)
                    .cloned()
                    .map(Some)
                    .ok_or_else(|| {
                        AppError::field(
                            "account",
                            "no_csv_mapping",
                            format!("no CSV column mapping is saved for account {compact}"),
                        )
                    })
            }
            None if self.csv_mappings.len() == 1 => Ok(self.csv_mappings.values().next().cloned()),
            None => Ok(None),
        }
    }
}

fn stale() -> AppError {
    AppError::Conflict {
        code: "settings_changed",
        detail: "the settings were changed by someone else meanwhile; reload them and try again"
            .to_owned(),
    }
}

fn changed_fields(before: &CooperativeSettings, after: &CooperativeSettings) -> Vec<String> {
    let (Ok(serde_json::Value::Object(before)), Ok(serde_json::Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    after
        .iter()
        .filter(|(key, value)| before.get(*key) != Some(value))
        .map(|(key, _)| key.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patch(json: &str) -> SettingsPatch {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn nothing_configured_means_euro_ogm_french_and_thirty_days() {
        let defaults = CooperativeSettings::default();
        assert_eq!(defaults.currency, Currency::EUR);
        assert_eq!(defaults.reference_scheme, ReferenceScheme::Ogm);
        assert_eq!(defaults.default_language, Language::Fr);
        assert_eq!(defaults.due_days, 30);
        assert!(defaults.name.is_none() && defaults.iban.is_none());
    }

    #[test]
    fn a_patch_changes_only_the_fields_it_names() {
        let current = CooperativeSettings::default();
        let next = apply(&current, &patch(r#"{"name":"Énergie Coop","due_days":45}"#)).unwrap();
        assert_eq!(next.name.as_ref().map(Name::as_str), Some("Énergie Coop"));
        assert_eq!(next.due_days, 45);
        assert_eq!(next.reference_scheme, current.reference_scheme);
    }

    #[test]
    fn null_clears_an_optional_field_and_absence_keeps_it() {
        let named = apply(
            &CooperativeSettings::default(),
            &patch(r#"{"name":"Coop"}"#),
        )
        .unwrap();
        assert!(apply(&named, &patch("{}")).unwrap().name.is_some());
        assert!(
            apply(&named, &patch(r#"{"name":null}"#))
                .unwrap()
                .name
                .is_none()
        );
    }

    #[test]
    fn every_bad_field_is_reported_at_once_with_its_name() {
        let errors = apply(
            &CooperativeSettings::default(),
            &patch(
                r#"{"iban":"BE00 0000 0000 0000","reference_scheme":"sepa","due_days":0,
                    "registration_number":"0123.456.700",
                    "address":{"street":"Rue de la Loi 1","postal_code":"1000","city":"","country":"XX"}}"#,
            ),
        )
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "address.city",
                "address.country",
                "registration_number",
                "iban",
                "reference_scheme",
                "due_days"
            ]
        );
    }

    #[test]
    fn the_registration_number_is_checked_for_the_address_country() {
        let french = apply(
            &CooperativeSettings::default(),
            &patch(
                r#"{"address":{"street":"1 rue de Rivoli","postal_code":"75001","city":"Paris","country":"FR"},
                    "registration_number":"732 829 320"}"#,
            ),
        )
        .unwrap();
        assert_eq!(
            french
                .registration_number
                .map(|n| n.as_compact().to_owned()),
            Some("732829320".to_owned())
        );
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<SettingsPatch>(r#"{"nmae":"typo"}"#).is_err());
    }

    #[test]
    fn settings_survive_a_round_trip_through_their_stored_form() {
        let settings = apply(
            &CooperativeSettings::default(),
            &patch(r#"{"name":"Coop","iban":"BE71096123456769","bic":"GKCCBEBB","reference_scheme":"rf"}"#),
        )
        .unwrap();
        let stored = serde_json::to_string(&settings).unwrap();
        assert_eq!(
            serde_json::from_str::<CooperativeSettings>(&stored).unwrap(),
            settings
        );
    }
}
