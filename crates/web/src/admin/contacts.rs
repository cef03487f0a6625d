//! Contacts in the back office: search, and a contact's page with the entities a person
//! represents (or an entity's representatives, each running one with a form to end it), the
//! holder's certificates, the changes of personal data waiting for a manager, and the
//! "subscribe shares" action.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::format;
use coopshares_app::ports::ChangeState;
use coopshares_app::{certificates, contacts, portal};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::{ContactId, RepresentationId};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::{field_error_key, when};
use crate::session::Visitor;
use crate::{AppState, page};

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    kind: &'static str,
    name: String,
    email: String,
    membership: &'static str,
    member_number: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<SearchQuery>,
) -> Response {
    let found = async {
        let mut tx = state.store.begin_read().await?;
        Ok::<_, AppError>(tx.search_contacts(query.q.trim(), PAGE_SIZE, 0).await?)
    }
    .await;
    match found {
        Ok(found) => {
            let rows: Vec<Row> = found
                .into_iter()
                .map(|c| Row {
                    id: c.id.to_string(),
                    kind: c.kind.as_str(),
                    name: c.display_name,
                    email: c.email.as_str().to_owned(),
                    membership: c.membership.as_str(),
                    member_number: c.member_number,
                })
                .collect();
            page::render(
                &state,
                &visitor,
                "admin/contacts.html",
                context! { rows => Value::from(minijinja::value::Serde(&rows)), q => query.q },
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Serialize)]
struct Link {
    id: String,
    /// The representation's id (for the form that ends it).
    representation_id: String,
    name: String,
    role: String,
    since: String,
    until: Option<String>,
    /// The end date in the form: today, or what was typed.
    end_on: String,
    /// The message key of a refused end date.
    end_error: Option<String>,
}

#[derive(Debug, Serialize)]
struct CertificateRow {
    id: String,
    number: u32,
    issued_on: String,
    total_shares: u64,
    total_value: String,
    /// In kilobytes, rounded up.
    size_kb: u64,
}

#[derive(Debug, Serialize)]
struct PendingChangeRow {
    requested_at: String,
    proposed_name: String,
    proposed_address: String,
}

/// An end date refused for one representation: its id, the date as typed, the message key.
#[derive(Debug)]
struct EndRefused {
    representation: RepresentationId,
    typed: String,
    key: String,
}

#[derive(Debug, Serialize)]
struct RequestRow {
    id: String,
    state: &'static str,
    share_type: String,
    quantity: u32,
    amount: String,
    created_at: String,
}

#[derive(Debug, Serialize)]
struct HoldingRow {
    share_type: String,
    quantity: u64,
    value: String,
    since: String,
}

#[derive(Debug, Serialize)]
struct CallRow {
    id: String,
    number: String,
    state: &'static str,
    amount: String,
    reference: String,
    due_date: String,
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    match id.parse::<ContactId>() {
        Ok(id) => contact_page(&state, &visitor, id, StatusCode::OK, None).await,
        Err(_) => page::error_page(&state, &visitor, AppError::NotFound { what: "contact" }),
    }
}

/// The contact's certificates and the changes of its personal data still waiting.
async fn certificates_and_changes(
    state: &AppState,
    id: ContactId,
) -> Result<
    (
        Vec<coopshares_app::ports::CertificateRecord>,
        Vec<coopshares_app::ports::ContactChangeRecord>,
    ),
    AppError,
> {
    let issued = certificates::of_contact(state.store.as_ref(), id).await?;
    let mut tx = state.store.begin_read().await?;
    let mut pending: Vec<_> = tx
        .contact_changes_of_contact(id)
        .await?
        .into_iter()
        .filter(|change| change.state == ChangeState::Pending)
        .collect();
    // Oldest first, as on the changes page.
    pending.reverse();
    Ok((issued, pending))
}

async fn contact_page(
    state: &AppState,
    visitor: &Visitor,
    id: ContactId,
    status: StatusCode,
    refused: Option<EndRefused>,
) -> Response {
    let loaded = async {
        let view = contacts::view(state.store.as_ref(), id).await?;
        let (issued, pending) = certificates_and_changes(state, id).await?;
        Ok::<_, AppError>((view, issued, pending))
    }
    .await;
    let (view, issued, pending) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let today = state.clock.today().to_string();
    let links: Vec<Link> = view
        .links
        .iter()
        .map(|link| {
            let refused = refused
                .as_ref()
                .filter(|r| r.representation == link.representation.id);
            Link {
                id: link.other.to_string(),
                representation_id: link.representation.id.to_string(),
                name: link.other_name.clone(),
                role: link.representation.role.clone(),
                since: link.representation.since.to_string(),
                until: link.representation.until.map(|d| d.to_string()),
                end_on: refused.map_or_else(|| today.clone(), |r| r.typed.clone()),
                end_error: refused.map(|r| r.key.clone()),
            }
        })
        .collect();
    let money = |m| format::money(m, visitor.lang);
    let certificates: Vec<CertificateRow> = issued
        .iter()
        .map(|c| CertificateRow {
            id: c.id.to_string(),
            number: c.number,
            issued_on: c.issued_on.to_string(),
            total_shares: c.total_quantity,
            total_value: money(c.total_value),
            size_kb: c.size_bytes.div_ceil(1024),
        })
        .collect();
    let pending_changes: Vec<PendingChangeRow> = pending
        .iter()
        .map(|change| PendingChangeRow {
            requested_at: when(change.requested_at),
            proposed_name: change.proposed.display_name(),
            proposed_address: change.proposed.address().to_string(),
        })
        .collect();
    let requests: Vec<RequestRow> = view
        .requests
        .iter()
        .map(|r| RequestRow {
            id: r.id.to_string(),
            state: r.state.as_str(),
            share_type: r.share_type_code.clone(),
            quantity: r.quantity.get(),
            amount: money(r.amount),
            created_at: when(r.created_at),
        })
        .collect();
    let calls: Vec<CallRow> = view
        .calls
        .iter()
        .map(|c| CallRow {
            id: c.id.to_string(),
            number: c.call.number.to_string(),
            state: c.state.as_str(),
            amount: money(c.call.amount),
            reference: c.call.reference.to_string(),
            due_date: c.call.due_date.to_string(),
        })
        .collect();
    let holdings: Vec<HoldingRow> = view
        .holdings
        .iter()
        .map(|h| HoldingRow {
            share_type: format!(
                "{} — {}",
                h.share_type.share_type.code().as_str(),
                h.share_type.share_type.name(visitor.lang)
            ),
            quantity: h.quantity,
            value: money(h.value),
            since: h.since.to_string(),
        })
        .collect();
    let contact = view.contact;
    let national_id = match &contact.details {
        ContactDetails::Person(p) => p.national_id.as_ref().map(ToString::to_string),
        ContactDetails::Entity(_) => None,
    };
    let (birth_date, registration_number, legal_form, phone, iban) = match &contact.details {
        ContactDetails::Person(p) => (
            p.birth_date.map(|d| d.to_string()),
            None,
            None,
            p.phone.as_ref().map(|ph| ph.as_str().to_owned()),
            p.iban.as_ref().map(ToString::to_string),
        ),
        ContactDetails::Entity(e) => (
            None,
            Some(e.registration_number.to_string()),
            Some(e.legal_form.as_str().to_owned()),
            None,
            e.iban.as_ref().map(ToString::to_string),
        ),
    };
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/contact.html",
        context! {
            id => contact.id.to_string(),
            kind => contact.details.kind().as_str(),
            name => contact.details.display_name(),
            email => contact.details.email().as_str().to_owned(),
            address => contact.details.address().to_string(),
            language => contact.details.language().code(),
            membership => contact.membership.as_str(),
            member_number => contact.member_number,
            birth_date,
            registration_number,
            legal_form,
            phone,
            iban,
            national_id,
            links => Value::from(minijinja::value::Serde(&links)),
            requests => Value::from(minijinja::value::Serde(&requests)),
            calls => Value::from(minijinja::value::Serde(&calls)),
            holdings => Value::from(minijinja::value::Serde(&holdings)),
            certificates => Value::from(minijinja::value::Serde(&certificates)),
            pending_changes => Value::from(minijinja::value::Serde(&pending_changes)),
        },
    )
    .await
}

/// The "end on" form of a representation, sent from the page of `contact` (the person or the
/// entity), where the manager goes back to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EndForm {
    until: String,
    contact: String,
}

/// `POST /admin/representations/{id}/end`: the person no longer acts for the entity from
/// `until`. A refused date comes back next to its field, as typed; a representation already
/// ended is said in a message.
pub async fn end_representation(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<EndForm>,
) -> Response {
    let Ok(id) = id.parse::<RepresentationId>() else {
        return page::error_page(
            &state,
            &visitor,
            AppError::NotFound {
                what: "representation",
            },
        );
    };
    let back = form.contact.parse::<ContactId>().ok();
    let back_to = back.map_or_else(
        || "/admin/contacts".to_owned(),
        |contact| format!("/admin/contacts/{contact}"),
    );
    let result = portal::end_representation(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        id,
        &form.until,
    )
    .await;
    match result {
        Ok(()) => page::redirect(&state, &back_to, Some("representation-ended")),
        Err(AppError::Conflict { .. }) => {
            page::redirect(&state, &back_to, Some("representation-already-ended-error"))
        }
        Err(AppError::Validation(problems)) => {
            let Some(contact) = back else {
                return page::error_page(&state, &visitor, AppError::Validation(problems));
            };
            let code = problems
                .iter()
                .find(|p| p.field == "until")
                .map_or("invalid", |p| p.code);
            let refused = EndRefused {
                representation: id,
                typed: form.until.clone(),
                key: field_error_key(&state, visitor.lang, code),
            };
            contact_page(
                &state,
                &visitor,
                contact,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(refused),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
