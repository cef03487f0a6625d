//! The public subscription form (`/` and `/subscribe`, DESIGN §1 step 1a): a natural person, or
//! a legal entity with its representative, asks for shares; the thank-you page follows.
//!
//! The inputs carry the API's field names (`applicant.address.city`,
//! `applicant.representative.email`), so every problem the use case reports lands next to its
//! input, and the form is rendered again with everything typed. The page works without
//! JavaScript (`static/subscribe.js` only shows the total as it changes; the server computes it
//! again) and inside an iframe of the cooperative's own site.
//!
//! Abuse: a honeypot field (filled: answered like a success, nothing recorded), a per-IP rate
//! limit, and a one-time `form_token` per rendered form used as idempotency key, so the same
//! form sent twice records one request.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::format;
use coopshares_app::intake::Submission;
use coopshares_app::ports::{Actor, ContactRecord};
use coopshares_app::secrets::random_token;
use coopshares_app::settings::{self, CooperativeSettings};
use coopshares_app::share_types;
use coopshares_domain::contact::{ContactDetails, ContactKind};
use coopshares_domain::form::{FormFields, SAME_ADDRESS};
use coopshares_domain::ids::{ContactId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::share_type::ShareType;
use coopshares_domain::subscription::Channel;
use minijinja::context;
use minijinja::value::{Serde, Value};
use serde::{Deserialize, Serialize};

use crate::auth::{ClientIp, field_error_keys};
use crate::session::Visitor;
use crate::{AppState, page};

/// Submissions of the form allowed per IP address within [`FORM_WINDOW`]. Generous enough for
/// a household or an information evening behind one address, low enough to stop a flood.
pub const FORM_SUBMISSIONS: usize = 20;
pub const FORM_WINDOW: Duration = Duration::from_secs(60 * 60);

/// The honeypot: an input people never see nor reach, that form-filling robots fill in.
const HONEYPOT: &str = "website";
const FORM_TOKEN: &str = "form_token";
const PLACEHOLDER_TOTAL: &str = "—";

/// The countries offered for an address, first the cooperative's usual ones.
const COUNTRIES: &[&str] = &[
    "BE", "FR", "LU", "NL", "DE", "AT", "CH", "ES", "IE", "IT", "PT", "GB",
];

/// Inputs of one part of the form, in page order: the input's name and the label the error
/// summary names it by.
type Fields = &'static [(&'static str, &'static str)];

const PERSON_FIELDS: Fields = &[
    ("applicant.first_name", "subscribe-first-name"),
    ("applicant.last_name", "subscribe-last-name"),
    ("applicant.birth_date", "subscribe-birth-date"),
    ("applicant.email", "subscribe-email"),
    ("email_confirmation", "subscribe-email-confirmation"),
    ("applicant.phone", "subscribe-phone"),
    ("applicant.national_id", "subscribe-national-id"),
    ("applicant.language", "subscribe-language"),
    ("applicant.address.street", "subscribe-street"),
    ("applicant.address.postal_code", "subscribe-postal-code"),
    ("applicant.address.city", "subscribe-city"),
    ("applicant.address.country", "subscribe-country"),
    ("applicant.iban", "subscribe-iban"),
];
const ENTITY_FIELDS: Fields = &[
    ("applicant.name", "subscribe-entity-name"),
    ("applicant.legal_form", "subscribe-legal-form"),
    (
        "applicant.registration_number",
        "subscribe-registration-number",
    ),
    ("applicant.email", "subscribe-entity-email"),
    ("email_confirmation", "subscribe-email-confirmation"),
    ("applicant.language", "subscribe-language"),
    ("applicant.address.street", "subscribe-street"),
    ("applicant.address.postal_code", "subscribe-postal-code"),
    ("applicant.address.city", "subscribe-city"),
    ("applicant.address.country", "subscribe-country"),
    ("applicant.iban", "subscribe-iban"),
];
const REPRESENTATIVE_FIELDS: Fields = &[
    (
        "applicant.representative.first_name",
        "subscribe-first-name",
    ),
    ("applicant.representative.last_name", "subscribe-last-name"),
    ("applicant.representative.function", "subscribe-function"),
    ("applicant.representative.email", "subscribe-email"),
    ("applicant.representative.phone", "subscribe-phone"),
    (
        "applicant.representative.national_id",
        "subscribe-national-id",
    ),
    (
        "applicant.representative.address.street",
        "subscribe-street",
    ),
    (
        "applicant.representative.address.postal_code",
        "subscribe-postal-code",
    ),
    ("applicant.representative.address.city", "subscribe-city"),
    (
        "applicant.representative.address.country",
        "subscribe-country",
    ),
];
const SHARE_FIELDS: Fields = &[
    ("share_type", "subscribe-share-type"),
    ("quantity", "subscribe-quantity"),
];

/// Who subscribes: the choice at the top of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Entity,
}

impl Kind {
    fn parse(text: Option<&str>) -> Kind {
        match text {
            Some("entity") => Kind::Entity,
            _ => Kind::Person,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Entity => "entity",
        }
    }

    fn contact_kind(self) -> ContactKind {
        match self {
            Kind::Person => ContactKind::Person,
            Kind::Entity => ContactKind::Entity,
        }
    }
}

/// The text fields of a posted form to show again, by input name (the first of each).
fn shown_again(typed: &FormFields) -> BTreeMap<String, String> {
    let skip = [
        crate::csrf::CSRF_FIELD,
        FORM_TOKEN,
        HONEYPOT,
        SAME_ADDRESS,
        "consents",
        "kind",
    ];
    let mut values = BTreeMap::new();
    for (key, value) in typed.pairs() {
        if !skip.contains(&key.as_str()) {
            values.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    values
}

/// What the cooperative offers on the form.
struct Offer {
    settings: CooperativeSettings,
    /// Shown on the form and not retired.
    types: Vec<ShareType>,
}

impl Offer {
    /// The public form offers the share types shown on it; the back office every live one.
    async fn load(state: &AppState, mode: &Mode) -> Result<Offer, AppError> {
        let settings = settings::load(state.store.as_ref()).await?.value;
        let types = share_types::list(state.store.as_ref())
            .await?
            .into_iter()
            .map(|record| record.share_type)
            .filter(|t| {
                if mode.back_office {
                    !t.retired()
                } else {
                    t.offered_publicly()
                }
            })
            .collect();
        Ok(Offer { settings, types })
    }

    fn for_kind(&self, kind: Kind) -> impl Iterator<Item = &ShareType> {
        self.types
            .iter()
            .filter(move |t| t.allows(kind.contact_kind()))
    }

    /// The kinds of holder some share type is offered to.
    fn kinds(&self) -> Vec<Kind> {
        [Kind::Person, Kind::Entity]
            .into_iter()
            .filter(|kind| self.for_kind(*kind).next().is_some())
            .collect()
    }

    /// The kind asked for, unless nothing is offered to it and something is to the other.
    fn kind(&self, asked: Kind) -> Kind {
        let kinds = self.kinds();
        if kinds.contains(&asked) {
            asked
        } else {
            kinds.first().copied().unwrap_or(asked)
        }
    }

    fn default_country(&self) -> &'static str {
        self.settings
            .address
            .as_ref()
            .map(|address| address.country.code())
            .filter(|code| COUNTRIES.contains(code))
            .unwrap_or("BE")
    }

    /// `quantity × nominal value` of the share type typed, formatted, when both are valid.
    fn total(
        &self,
        kind: Kind,
        share_type: &str,
        quantity: &str,
        lang: Language,
    ) -> Option<String> {
        let share_type = self
            .for_kind(kind)
            .find(|t| t.code().as_str().eq_ignore_ascii_case(share_type.trim()))?;
        let quantity = ShareQuantity::parse(quantity).ok()?;
        let amount = share_type.amount_for(quantity).ok()?;
        Some(format!(
            "{} {}",
            format::amount(amount, lang),
            amount.currency().code()
        ))
    }
}

#[derive(Debug, Serialize)]
struct ShareTypeView {
    code: String,
    name: String,
    /// The nominal value as people read it, and in minor units for the live total.
    nominal: String,
    nominal_minor: i64,
    decimals: u32,
    currency: String,
    min: u32,
    max: Option<u32>,
}

#[derive(Debug, Serialize)]
struct ConsentView {
    code: String,
    required: bool,
}

/// One line of the error summary: a link to the input, its label and the problem.
#[derive(Debug, Serialize)]
struct SummaryItem {
    href: String,
    section_key: Option<&'static str>,
    label_key: Option<&'static str>,
    error_key: String,
}

/// The form as the page shows it.
struct FormState {
    kind: Kind,
    values: BTreeMap<String, String>,
    consents_given: Vec<String>,
    same_address: bool,
    /// Translation keys of the problems, by input name.
    errors: BTreeMap<String, String>,
    form_token: String,
}

impl FormState {
    /// A blank form: the page language, the cooperative's country and, when there is only one
    /// share type to choose, that one with its minimum quantity.
    fn blank(offer: &Offer, kind: Kind, lang: Language, form_token: String) -> FormState {
        let mut values = BTreeMap::new();
        values.insert("applicant.language".to_owned(), lang.code().to_owned());
        for prefix in ["applicant", "applicant.representative"] {
            values.insert(
                format!("{prefix}.address.country"),
                offer.default_country().to_owned(),
            );
        }
        let mut types = offer.for_kind(kind);
        if let (Some(only), None) = (types.next(), types.next()) {
            values.insert("share_type".to_owned(), only.code().as_str().to_owned());
            values.insert("quantity".to_owned(), only.min_quantity().get().to_string());
        }
        FormState {
            kind,
            values,
            consents_given: Vec::new(),
            same_address: true,
            errors: BTreeMap::new(),
            form_token,
        }
    }

    fn summary(&self, offer: &Offer) -> Vec<SummaryItem> {
        let mut parts: Vec<(Option<&'static str>, Fields)> = match self.kind {
            Kind::Person => vec![(None, PERSON_FIELDS)],
            Kind::Entity => vec![
                (None, ENTITY_FIELDS),
                (Some("subscribe-representative"), REPRESENTATIVE_FIELDS),
            ],
        };
        parts.push((None, SHARE_FIELDS));
        let mut items = Vec::new();
        let mut listed = BTreeSet::new();
        for (section_key, fields) in parts {
            for (field, label_key) in fields {
                if let Some(error_key) = self.errors.get(*field) {
                    listed.insert((*field).to_owned());
                    items.push(SummaryItem {
                        href: format!("#field-{field}"),
                        section_key,
                        label_key: Some(label_key),
                        error_key: error_key.clone(),
                    });
                }
            }
        }
        for consent in &offer.settings.consents {
            let field = format!("consents.{}", consent.code);
            if let Some(error_key) = self.errors.get(&field) {
                items.push(SummaryItem {
                    href: format!("#field-{field}"),
                    section_key: None,
                    label_key: Some("subscribe-consents"),
                    error_key: error_key.clone(),
                });
                listed.insert(field);
            }
        }
        // Anything else (a tampered form): still said, linked to the top of the form.
        for (field, error_key) in &self.errors {
            if !listed.contains(field) {
                items.push(SummaryItem {
                    href: "#subscribe-form".to_owned(),
                    section_key: None,
                    label_key: None,
                    error_key: error_key.clone(),
                });
            }
        }
        items
    }

    fn data(self, offer: &Offer, lang: Language, mode: &Mode) -> Value {
        let summary = self.summary(offer);
        let share_types: Vec<ShareTypeView> = offer
            .for_kind(self.kind)
            .map(|t| {
                let nominal = t.nominal_value();
                ShareTypeView {
                    code: t.code().as_str().to_owned(),
                    name: t.name(lang).to_owned(),
                    nominal: format::amount(nominal, lang),
                    nominal_minor: nominal.minor(),
                    decimals: nominal.currency().minor_units(),
                    currency: nominal.currency().code().to_owned(),
                    min: t.min_quantity().get(),
                    max: t.max_quantity().map(ShareQuantity::get),
                }
            })
            .collect();
        let consents: Vec<ConsentView> = offer
            .settings
            .consents
            .iter()
            .map(|c| ConsentView {
                code: c.code.clone(),
                required: c.required,
            })
            .collect();
        let value = |name: &str| self.values.get(name).map_or("", String::as_str);
        let total = offer.total(self.kind, value("share_type"), value("quantity"), lang);
        context! {
            open => !offer.types.is_empty(),
            kind => self.kind.as_str(),
            kinds => offer.kinds().into_iter().map(Kind::as_str).collect::<Vec<_>>(),
            form => self.values,
            consents_given => self.consents_given,
            same_address => self.same_address,
            errors => self.errors,
            summary => Value::from(Serde(summary)),
            share_types => Value::from(Serde(share_types)),
            consents => Value::from(Serde(consents)),
            countries => COUNTRIES.to_vec(),
            correspondence_languages => Language::ALL.map(Language::code),
            iban_required => offer.settings.iban_required,
            collect_national_id => offer.settings.collect_national_id,
            minimum_age => offer.settings.minimum_age,
            form_token => self.form_token,
            total => total.unwrap_or_else(|| PLACEHOLDER_TOTAL.to_owned()),
            action => mode.action(),
            back_office => mode.back_office,
            for_contact => mode.for_contact.map(|id| id.to_string()),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct FormQuery {
    kind: Option<String>,
}

/// `GET /` and `GET /subscribe[?kind=entity]`: the form, or a note that subscriptions are not
/// open yet when no share type is on the form.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<FormQuery>,
) -> Response {
    let mode = Mode::PUBLIC;
    let offer = match Offer::load(&state, &mode).await {
        Ok(offer) => offer,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let form_token = match random_token() {
        Ok(token) => token,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let kind = offer.kind(Kind::parse(query.kind.as_deref()));
    let form = FormState::blank(&offer, kind, visitor.lang, form_token);
    page::render(
        &state,
        &visitor,
        "public/subscribe.html",
        form.data(&offer, visitor.lang, &mode),
    )
    .await
}

fn is_form_token(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `POST /subscribe`: records the request and redirects to the thank-you page, or shows the
/// form again with each problem next to its field (422).
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    ClientIp(ip): ClientIp,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let now = Instant::now();
    let limiter = &state.form_limiter;
    if !limiter.allows(&ip, now) {
        tracing::info!("subscription form refused: too many submissions from one address");
        return page::status_page(&state, &visitor, StatusCode::TOO_MANY_REQUESTS);
    }
    limiter.record(&ip, now);

    let typed = FormFields::new(pairs);
    if !typed.get(HONEYPOT).is_empty() {
        // Told apart from a success by nothing, so a robot has nothing to learn.
        tracing::info!("subscription form: honeypot filled, nothing recorded");
        return page::redirect(&state, &thanks_path(None, visitor.lang), None);
    }
    record(&state, &visitor, typed, &Mode::PUBLIC, &Actor::System).await
}

/// The thank-you page, with the request's id (for the embedding site's statistics) and the
/// page's language: inside a frame on another domain no language cookie is kept.
fn thanks_path(request: Option<SubscriptionRequestId>, lang: Language) -> String {
    match request {
        Some(id) => format!("/subscribe/thanks?request={id}&lang={}", lang.code()),
        None => format!("/subscribe/thanks?lang={}", lang.code()),
    }
}

/// Where a form comes from: the public page, or the back office (for a contact or not).
#[derive(Debug, Clone, Copy)]
pub struct Mode {
    back_office: bool,
    for_contact: Option<ContactId>,
}

impl Mode {
    const PUBLIC: Mode = Mode {
        back_office: false,
        for_contact: None,
    };

    fn action(&self) -> &'static str {
        if self.back_office {
            "/admin/requests/new"
        } else {
            "/subscribe"
        }
    }

    fn channel(&self) -> Channel {
        match (self.back_office, self.for_contact) {
            (false, _) => Channel::OnlineForm,
            (true, None) => Channel::BackOffice,
            (true, Some(_)) => Channel::Contact,
        }
    }
}

/// Records what was typed through the one use case, then redirects; or shows the form again
/// with each problem next to its field (422).
async fn record(
    state: &AppState,
    visitor: &Visitor,
    typed: FormFields,
    mode: &Mode,
    actor: &Actor,
) -> Response {
    let form_token = typed.get(FORM_TOKEN).to_owned();
    if !is_form_token(&form_token) {
        return page::status_page(state, visitor, StatusCode::BAD_REQUEST);
    }
    let kind = Kind::parse(Some(typed.get("kind")));
    let key = format!("form:{form_token}");
    let catalog = state.intake_catalog().await.ok();
    let input = typed.application(kind.contact_kind());
    let submission = Submission {
        for_contact: mode.for_contact,
        idempotency_key: Some(&key),
        ..Submission::new(actor, mode.channel(), &input, visitor.lang)
    };
    let result = state.intake.submit(&submission, catalog.as_ref()).await;
    match result {
        Ok(submitted) => {
            if submitted.created {
                state.outbox_wake.notify_one();
            }
            if mode.back_office {
                page::redirect(
                    state,
                    &format!("/admin/requests/{}", submitted.request.id),
                    Some("request-recorded"),
                )
            } else {
                page::redirect(
                    state,
                    &thanks_path(Some(submitted.request.id), visitor.lang),
                    None,
                )
            }
        }
        Err(AppError::Validation(problems)) => {
            let offer = match Offer::load(state, mode).await {
                Ok(offer) => offer,
                Err(error) => return page::error_page(state, visitor, error),
            };
            let same_address = typed.same_address();
            let mut errors = field_error_keys(&problems);
            if kind == Kind::Entity && same_address {
                // The entity's address was used: its problems are already shown there.
                errors.retain(|field, _| !field.starts_with("applicant.representative.address."));
            }
            let form = FormState {
                kind,
                values: shown_again(&typed),
                consents_given: typed.all("consents"),
                same_address,
                errors,
                form_token,
            };
            page::render_with_status(
                state,
                visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                "public/subscribe.html",
                form.data(&offer, visitor.lang, mode),
            )
            .await
        }
        Err(error) => page::error_page(state, visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct BackOfficeQuery {
    kind: Option<String>,
    contact: Option<String>,
}

/// `GET /admin/requests/new[?contact=ID]`: the same form for a manager typing a paper form in
/// (2.1), or pre-filled from an existing contact and linked to it (2.2).
pub async fn back_office_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<BackOfficeQuery>,
) -> Response {
    let contact = match query.contact.as_deref().map(str::parse::<ContactId>) {
        None => None,
        Some(Ok(id)) => match load_contact(&state, id).await {
            Ok(record) => Some(record),
            Err(error) => return page::error_page(&state, &visitor, error),
        },
        Some(Err(_)) => {
            return page::error_page(&state, &visitor, AppError::NotFound { what: "contact" });
        }
    };
    let mode = Mode {
        back_office: true,
        for_contact: contact.as_ref().map(|c| c.id),
    };
    let offer = match Offer::load(&state, &mode).await {
        Ok(offer) => offer,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let form_token = match random_token() {
        Ok(token) => token,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let asked = match &contact {
        Some(record) if record.details.kind() == ContactKind::Entity => Kind::Entity,
        Some(_) => Kind::Person,
        None => Kind::parse(query.kind.as_deref()),
    };
    let mut form = FormState::blank(&offer, offer.kind(asked), visitor.lang, form_token);
    if let Some(record) = &contact {
        form.values.extend(prefill(&record.details));
    }
    page::render(
        &state,
        &visitor,
        "public/subscribe.html",
        form.data(&offer, visitor.lang, &mode),
    )
    .await
}

/// `POST /admin/requests/new`: records a request typed in by a manager.
pub async fn back_office_submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let typed = FormFields::new(pairs);
    let for_contact = match typed.get("contact") {
        "" => None,
        text => match text.parse::<ContactId>() {
            Ok(id) => Some(id),
            Err(_) => {
                return page::error_page(&state, &visitor, AppError::NotFound { what: "contact" });
            }
        },
    };
    let mode = Mode {
        back_office: true,
        for_contact,
    };
    record(&state, &visitor, typed, &mode, &visitor.actor()).await
}

async fn load_contact(state: &AppState, id: ContactId) -> Result<ContactRecord, AppError> {
    let mut tx = state.store.begin_read().await?;
    tx.get_contact(id)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })
}

/// The form's inputs filled from a contact's stored details.
fn prefill(details: &ContactDetails) -> Vec<(String, String)> {
    let mut values = Vec::new();
    let mut put = |name: &str, value: String| values.push((name.to_owned(), value));
    let address = details.address();
    put(
        "applicant.address.street",
        address.street.as_str().to_owned(),
    );
    put(
        "applicant.address.postal_code",
        address.postal_code.as_str().to_owned(),
    );
    put("applicant.address.city", address.city.as_str().to_owned());
    put(
        "applicant.address.country",
        address.country.code().to_owned(),
    );
    put("applicant.email", details.email().as_str().to_owned());
    put("email_confirmation", details.email().as_str().to_owned());
    put("applicant.language", details.language().code().to_owned());
    if let Some(iban) = details.iban() {
        put("applicant.iban", iban.to_string());
    }
    match details {
        ContactDetails::Person(person) => {
            put(
                "applicant.first_name",
                person.first_name.as_str().to_owned(),
            );
            put("applicant.last_name", person.last_name.as_str().to_owned());
            if let Some(date) = person.birth_date {
                put("applicant.birth_date", date.to_string());
            }
            if let Some(phone) = &person.phone {
                put("applicant.phone", phone.as_str().to_owned());
            }
            if let Some(national_id) = &person.national_id {
                put("applicant.national_id", national_id.to_string());
            }
        }
        ContactDetails::Entity(entity) => {
            put("applicant.name", entity.name.as_str().to_owned());
            put(
                "applicant.legal_form",
                entity.legal_form.as_str().to_owned(),
            );
            put(
                "applicant.registration_number",
                entity.registration_number.to_string(),
            );
        }
    }
    values
}

/// `GET /subscribe/thanks`: the same words for everyone. The request id in the address is for
/// the embedding site's statistics; it is never looked up, so the page tells nothing about
/// any request.
pub async fn thanks(State(state): State<AppState>, visitor: Visitor) -> Response {
    page::render(&state, &visitor, "public/thanks.html", Value::UNDEFINED).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::Translator;

    #[test]
    fn every_label_of_the_error_summary_is_translated_in_every_language() {
        let translator = Translator::new().unwrap_or_else(|e| panic!("{e}"));
        let labels = [
            PERSON_FIELDS,
            ENTITY_FIELDS,
            REPRESENTATIVE_FIELDS,
            SHARE_FIELDS,
        ]
        .into_iter()
        .flatten()
        .map(|(_, key)| *key)
        .chain(["subscribe-representative", "subscribe-consents"]);
        for key in labels {
            for lang in Language::ALL {
                assert!(translator.has(lang, key), "{key} missing in {lang}");
            }
        }
        for code in COUNTRIES {
            let key = format!("country-{}", code.to_ascii_lowercase());
            for lang in Language::ALL {
                assert!(translator.has(lang, &key), "{key} missing in {lang}");
            }
        }
    }

    #[test]
    fn the_fields_shown_again_leave_out_tokens_ticks_and_the_kind() {
        let typed = FormFields::new(
            [
                ("kind", "entity"),
                (crate::csrf::CSRF_FIELD, "secret"),
                (FORM_TOKEN, "once"),
                (SAME_ADDRESS, "on"),
                ("consents", "data_policy"),
                ("applicant.address.city", "Antwerpen"),
                ("applicant.address.city", "Gent"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
        );
        let values = shown_again(&typed);
        assert_eq!(
            values.into_iter().collect::<Vec<_>>(),
            [("applicant.address.city".to_owned(), "Antwerpen".to_owned())]
        );
    }
}
