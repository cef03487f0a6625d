//! Subscription requests in the back office: the list, one request's page, and a manager's
//! decisions (hold, release, cancel, validate — one request or several from the list).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::capital::{self, Services};
use coopshares_app::intake::{self, Decision};
use coopshares_app::ports::RequestFilter;
use coopshares_app::share_types;
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::{ShareTypeId, SubscriptionRequestId};
use coopshares_domain::subscription::{Channel, RequestState};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::when;
use crate::session::Visitor;
use crate::{AppState, page};

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ListQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    share_type: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

fn date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format).ok()
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    state: &'static str,
    channel: &'static str,
    holder_name: String,
    holder_email: String,
    share_type: String,
    quantity: u32,
    amount: String,
    created_at: String,
}

pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<ListQuery>,
) -> Response {
    let filter = RequestFilter {
        state: query.state.parse::<RequestState>().ok(),
        channel: query.channel.parse::<Channel>().ok(),
        share_type: query.share_type.parse::<ShareTypeId>().ok(),
        from: date(&query.from),
        to: date(&query.to),
        search: Some(query.q.trim().to_owned()).filter(|q| !q.is_empty()),
        contact: None,
    };
    let page_number = query.page.unwrap_or(1).max(1);
    let offset = (page_number - 1).saturating_mul(PAGE_SIZE);
    let (rows, total) = match intake::list(state.store.as_ref(), &filter, PAGE_SIZE, offset).await {
        Ok(found) => found,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let types = match share_types::list(state.store.as_ref()).await {
        Ok(types) => types,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let rows: Vec<Row> = rows
        .into_iter()
        .map(|r| Row {
            id: r.id.to_string(),
            state: r.state.as_str(),
            channel: r.channel.as_str(),
            holder_name: r.holder_name,
            holder_email: r.holder_email.as_str().to_owned(),
            share_type: r.share_type_code,
            quantity: r.quantity.get(),
            amount: format!("{} {}", r.amount, r.amount.currency().code()),
            created_at: when(r.created_at),
        })
        .collect();
    let query_without_page = |page: u32| {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("state", &query.state),
            ("channel", &query.channel),
            ("share_type", &query.share_type),
            ("from", &query.from),
            ("to", &query.to),
            ("q", &query.q),
        ] {
            if !value.is_empty() {
                serializer.append_pair(key, value);
            }
        }
        serializer.append_pair("page", &page.to_string());
        format!("/admin/requests?{}", serializer.finish())
    };
    let pages = total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    let share_type_options: Vec<(String, String)> = types
        .iter()
        .map(|t| (t.id.to_string(), t.share_type.code().as_str().to_owned()))
        .collect();
    page::render(
        &state,
        &visitor,
        "admin/requests.html",
        context! {
            rows => Value::from(minijinja::value::Serde(&rows)),
            total,
            page => page_number,
            pages,
            prev_href => (page_number > 1).then(|| query_without_page(page_number - 1)),
            next_href => (u64::from(page_number) < pages).then(|| query_without_page(page_number + 1)),
            query => Value::from(minijinja::value::Serde(&query)),
            states => RequestState::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            channels => Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            share_types => share_type_options,
        },
    )
    .await
}

/// The applicant's data as submitted, as (label, value) pairs in submission order.
fn submitted_lines(json: &str) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, inner) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, inner, out);
                }
            }
            serde_json::Value::Array(items) => out.push((
                prefix.to_owned(),
                items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
            serde_json::Value::String(text) if text.is_empty() => {}
            serde_json::Value::String(text) => out.push((prefix.to_owned(), text.clone())),
            serde_json::Value::Null => {}
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
        walk("", &value, &mut out);
    }
    out
}

#[derive(Debug, Serialize)]
struct ContactView {
    id: String,
    kind: &'static str,
    name: String,
    email: String,
    address: String,
    membership: &'static str,
}

fn contact_view(record: &coopshares_app::ports::ContactRecord) -> ContactView {
    ContactView {
        id: record.id.to_string(),
        kind: record.details.kind().as_str(),
        name: record.details.display_name(),
        email: record.details.email().as_str().to_owned(),
        address: record.details.address().to_string(),
        membership: record.membership.as_str(),
    }
}

async fn request_page(
    state: &AppState,
    visitor: &Visitor,
    id: SubscriptionRequestId,
    status: StatusCode,
    errors: std::collections::BTreeMap<String, String>,
    conflict: Option<&'static str>,
) -> Response {
    let view = match intake::view(state.store.as_ref(), id).await {
        Ok(view) => view,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let r = &view.request;
    // What the holder would take from the request, shown only when it differs (a request
    // that today's rules refuse offers nothing to take).
    let update_contact =
        match intake::holder_update(state.store.as_ref(), state.clock.as_ref(), id).await {
            Ok((holder, details)) if details != holder.details => Some(context! {
                version => holder.version,
                changes => contact_changes(&holder.details, &details),
            }),
            _ => None,
        };
    let registration = match &view.holder.details {
        ContactDetails::Entity(entity) => Some(entity.registration_number.to_string()),
        ContactDetails::Person(_) => None,
    };
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/request.html",
        context! {
            id => r.id.to_string(),
            version => r.version,
            state => r.state.as_str(),
            channel => r.request.channel.as_str(),
            created_at => when(r.request.created_at),
            share_type => view.share_type.share_type.name(visitor.lang).to_owned(),
            share_type_code => view.share_type.share_type.code().as_str().to_owned(),
            quantity => r.request.quantity.get(),
            nominal_value => view.share_type.share_type.nominal_value().to_string(),
            amount => r.request.amount.to_string(),
            currency => r.request.amount.currency().code().to_owned(),
            language => r.request.language.code(),
            hold_reason => r.hold_reason.clone(),
            cancel_reason => r.cancel_reason.clone(),
            holder => Value::from(minijinja::value::Serde(contact_view(&view.holder))),
            registration_number => registration,
            representative => view.representative.as_ref().map(|c| Value::from(minijinja::value::Serde(contact_view(c)))),
            function => view.representations.iter().find(|rep| Some(rep.person) == r.request.representative).map(|rep| rep.role.clone()),
            submitted => submitted_lines(&r.request.submitted),
            can_hold => r.state == RequestState::Submitted,
            can_release => r.state == RequestState::OnHold,
            can_cancel => matches!(r.state, RequestState::Submitted | RequestState::OnHold | RequestState::Validated),
            can_validate => r.state == RequestState::Submitted,
            capital_call => view.capital_call.as_ref().map(|c| context! {
                id => c.id.to_string(),
                number => c.call.number.to_string(),
                state => c.state.as_str(),
                reference => c.call.reference.to_string(),
                due_date => c.call.due_date.to_string(),
            }),
            update_contact,
            errors,
            conflict => conflict.map(conflict_key),
        },
    )
    .await
}

/// What differs between a contact's details `now` and the `submitted` ones: (label key, now,
/// submitted), in the order of the form.
fn contact_changes(
    now: &ContactDetails,
    submitted: &ContactDetails,
) -> Vec<(&'static str, String, String)> {
    fn lines(details: &ContactDetails) -> Vec<(&'static str, String)> {
        let optional = |value: Option<String>| value.unwrap_or_default();
        let mut lines = vec![("admin-contact-name", details.display_name())];
        match details {
            ContactDetails::Person(p) => {
                lines.push((
                    "subscribe-birth-date",
                    optional(p.birth_date.map(|d| d.to_string())),
                ));
                lines.push((
                    "admin-contact-phone",
                    optional(p.phone.as_ref().map(|ph| ph.as_str().to_owned())),
                ));
                lines.push((
                    "subscribe-national-id",
                    optional(p.national_id.as_ref().map(ToString::to_string)),
                ));
            }
            ContactDetails::Entity(e) => {
                lines.push(("admin-contact-legal-form", e.legal_form.as_str().to_owned()));
            }
        }
        lines.push(("admin-contact-email", details.email().as_str().to_owned()));
        lines.push(("admin-contact-address", details.address().to_string()));
        lines.push((
            "subscribe-iban",
            optional(details.iban().map(ToString::to_string)),
        ));
        lines.push((
            "admin-request-language",
            details.language().code().to_owned(),
        ));
        lines
    }
    lines(now)
        .into_iter()
        .zip(lines(submitted))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((label, a), (_, b))| (label, a, b))
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct UpdateContactForm {
    #[serde(default)]
    version: i64,
}

/// `POST /admin/requests/{id}/update-contact`: the holder takes the details the request was
/// submitted with (the manager's explicit action; the request keeps its evidence).
pub async fn update_contact(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<UpdateContactForm>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = intake::update_holder_from_request(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        id,
        form.version,
    )
    .await;
    match result {
        Ok(_) => page::redirect(
            &state,
            &format!("/admin/requests/{id}"),
            Some("contact-updated"),
        ),
        Err(error) => refused(&state, &visitor, id, error).await,
    }
}

/// The request page again when an action on it met a conflict (409, saying which); the error
/// page for anything else.
async fn refused(
    state: &AppState,
    visitor: &Visitor,
    id: SubscriptionRequestId,
    error: AppError,
) -> Response {
    match error {
        AppError::Conflict { code, .. } => {
            request_page(
                state,
                visitor,
                id,
                StatusCode::CONFLICT,
                Default::default(),
                Some(code),
            )
            .await
        }
        error => page::error_page(state, visitor, error),
    }
}

fn parse_id(id: &str) -> Result<SubscriptionRequestId, AppError> {
    id.parse().map_err(|_| AppError::NotFound {
        what: "subscription request",
    })
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    match parse_id(&id) {
        Ok(id) => {
            request_page(
                &state,
                &visitor,
                id,
                StatusCode::OK,
                Default::default(),
                None,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: i64,
}

async fn decide(
    state: AppState,
    visitor: Visitor,
    id: String,
    form: DecisionForm,
    decision: fn(String) -> Decision,
    flash: &str,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = intake::decide(
        state.store.as_ref(),
        &state.mailer,
        state.clock.as_ref(),
        &visitor.actor(),
        id,
        decision(form.reason),
        Some(form.version),
    )
    .await;
    match result {
        Ok(_) => {
            state.outbox_wake.notify_one();
            page::redirect(&state, &format!("/admin/requests/{id}"), Some(flash))
        }
        Err(AppError::Validation(errors)) => {
            let keys = crate::auth::field_error_keys(&errors);
            request_page(
                &state,
                &visitor,
                id,
                StatusCode::UNPROCESSABLE_ENTITY,
                keys,
                None,
            )
            .await
        }
        Err(error) => refused(&state, &visitor, id, error).await,
    }
}

pub async fn hold(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(
        state,
        visitor,
        id,
        form,
        Decision::PutOnHold,
        "request-on-hold",
    )
    .await
}

pub async fn release(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(
        state,
        visitor,
        id,
        form,
        |_| Decision::ReleaseHold,
        "request-released",
    )
    .await
}

pub async fn cancel(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    decide(
        state,
        visitor,
        id,
        form,
        Decision::Cancel,
        "request-cancelled",
    )
    .await
}

/// The message (translation key) for a conflict code.
fn conflict_key(code: &'static str) -> &'static str {
    match code {
        "already_validated" => "admin-request-already-validated",
        "cooperative_not_ready" => "admin-request-cooperative-not-ready",
        "capital_call_has_payments" => "admin-request-call-has-payments",
        "contact_changed_since" => "admin-request-contact-changed",
        _ => "admin-request-conflict",
    }
}

fn services(state: &AppState) -> Services<'_> {
    state.services()
}

pub async fn validate(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = capital::validate(
        state.store.as_ref(),
        services(&state),
        &visitor.actor(),
        id,
        Some(form.version),
    )
    .await;
    match result {
        Ok(_) => {
            state.outbox_wake.notify_one();
            page::redirect(
                &state,
                &format!("/admin/requests/{id}"),
                Some("request-validated"),
            )
        }
        Err(error) => refused(&state, &visitor, id, error).await,
    }
}

#[derive(Debug, Serialize)]
struct Outcome {
    id: String,
    /// Translation key of what happened.
    result: &'static str,
    ok: bool,
    number: Option<String>,
}

/// Validates the requests ticked in the list (`ids` repeated), each in its own transaction:
/// one that cannot be validated does not hold the others back. The page says what happened
/// to each.
pub async fn validate_selected(
    State(state): State<AppState>,
    visitor: Visitor,
    body: axum::body::Bytes,
) -> Response {
    let mut ids: Vec<SubscriptionRequestId> = form_urlencoded::parse(&body)
        .filter(|(key, _)| key == "ids")
        .filter_map(|(_, value)| value.parse().ok())
        .collect();
    ids.sort();
    ids.dedup();
    let mut outcomes = Vec::with_capacity(ids.len());
    for id in ids {
        let result = capital::validate(
            state.store.as_ref(),
            services(&state),
            &visitor.actor(),
            id,
            None,
        )
        .await;
        outcomes.push(match result {
            Ok(validated) => Outcome {
                id: id.to_string(),
                result: "admin-validation-done",
                ok: true,
                number: Some(validated.call.call.number.to_string()),
            },
            Err(AppError::Conflict { code, .. }) => Outcome {
                id: id.to_string(),
                result: if code == "invalid_transition" {
                    "admin-validation-not-submitted"
                } else {
                    conflict_key(code)
                },
                ok: false,
                number: None,
            },
            Err(AppError::NotFound { .. }) => Outcome {
                id: id.to_string(),
                result: "admin-validation-not-found",
                ok: false,
                number: None,
            },
            Err(error) => return page::error_page(&state, &visitor, error),
        });
    }
    state.outbox_wake.notify_one();
    let validated = outcomes.iter().filter(|o| o.ok).count();
    let failed = outcomes.len() - validated;
    page::render(
        &state,
        &visitor,
        "admin/validation.html",
        context! {
            outcomes => Value::from(minijinja::value::Serde(&outcomes)),
            validated,
            failed,
        },
    )
    .await
}
