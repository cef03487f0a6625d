//! Contacts in the back office: search, and a contact's page with the entities a person
//! represents (or an entity's representatives) and the "subscribe shares" action.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::ports::{ContactRecord, Store};
use coopshares_domain::contact::ContactDetails;
use coopshares_domain::ids::ContactId;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

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

async fn name_of(store: &dyn Store, id: ContactId) -> Result<String, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(tx
        .get_contact(id)
        .await?
        .map_or_else(|| id.to_string(), |c| c.details.display_name()))
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let loaded = async {
        let id: ContactId = id
            .parse()
            .map_err(|_| AppError::NotFound { what: "contact" })?;
        let mut tx = state.store.begin_read().await?;
        let contact: ContactRecord = tx
            .get_contact(id)
            .await?
            .ok_or(AppError::NotFound { what: "contact" })?;
        let links = match contact.details {
            ContactDetails::Person(_) => tx.representations_of_person(id).await?,
            ContactDetails::Entity(_) => tx.representatives_of_entity(id).await?,
        };
        drop(tx);
        let mut rows = Vec::new();
        for link in links {
            let other = match contact.details {
                ContactDetails::Person(_) => link.entity,
                ContactDetails::Entity(_) => link.person,
            };
            rows.push(Link {
                id: other.to_string(),
                name: name_of(state.store.as_ref(), other).await?,
                role: link.role,
                since: link.since.to_string(),
                until: link.until.map(|d| d.to_string()),
            });
        }
        Ok::<_, AppError>((contact, rows))
    }
    .await;
    let (contact, links) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return page::error_page(&state, &visitor, error),
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
        },
    )
    .await
}
