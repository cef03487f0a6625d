//! Contacts in the back office: search, and a contact's page with the entities a person
//! represents (or an entity's representatives) and the "subscribe shares" action.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::contacts;
use coopshares_app::format;
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::ContactId;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::when;
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
    name: String,
    role: String,
    since: String,
    until: Option<String>,
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
    let loaded = match id.parse::<ContactId>() {
        Ok(id) => contacts::view(state.store.as_ref(), id).await,
        Err(_) => Err(AppError::NotFound { what: "contact" }),
    };
    let view = match loaded {
        Ok(view) => view,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let links: Vec<Link> = view
        .links
        .iter()
        .map(|link| Link {
            id: link.other.to_string(),
            name: link.other_name.clone(),
            role: link.representation.role.clone(),
            since: link.representation.since.to_string(),
            until: link.representation.until.map(|d| d.to_string()),
        })
        .collect();
    let money = |m| format::money(m, visitor.lang);
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
    page::render(
        &state,
        &visitor,
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
            links => Value::from(minijinja::value::Serde(&links)),
            requests => Value::from(minijinja::value::Serde(&requests)),
            calls => Value::from(minijinja::value::Serde(&calls)),
            holdings => Value::from(minijinja::value::Serde(&holdings)),
        },
    )
    .await
}
