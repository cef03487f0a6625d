//! Changes of name or address proposed by members in the portal, waiting for a manager: the
//! list (oldest first, the contact as it is now beside what was proposed) and the decision.

use axum::extract::{Path, State};
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::portal;
use coopshares_domain::ids::ContactChangeId;
use minijinja::{Value, context};
use serde::Serialize;

use super::when;
use crate::session::Visitor;
use crate::{AppState, page};

/// How many pending changes the page lists at most.
pub(crate) const LIST_SIZE: u32 = 500;

#[derive(Debug, Serialize)]
struct ChangeRow {
    id: String,
    contact_id: String,
    requested_at: String,
    current_name: String,
    current_address: String,
    proposed_name: String,
    proposed_address: String,
    name_changed: bool,
    address_changed: bool,
    /// The contact was edited after the member proposed: approving would be refused.
    stale: bool,
}

/// `GET /admin/changes`.
pub async fn list(State(state): State<AppState>, visitor: Visitor) -> Response {
    let pending = match portal::pending_changes(state.store.as_ref(), LIST_SIZE).await {
        Ok(pending) => pending,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let rows: Vec<ChangeRow> = pending
        .iter()
        .map(|(change, contact)| {
            let current_name = contact.details.display_name();
            let current_address = contact.details.address().to_string();
            let proposed_name = change.proposed.display_name();
            let proposed_address = change.proposed.address().to_string();
            ChangeRow {
                id: change.id.to_string(),
                contact_id: contact.id.to_string(),
                requested_at: when(change.requested_at),
                name_changed: current_name != proposed_name,
                address_changed: current_address != proposed_address,
                stale: contact.version != change.base_version,
                current_name,
                current_address,
                proposed_name,
                proposed_address,
            }
        })
        .collect();
    page::render(
        &state,
        &visitor,
        "admin/changes.html",
        context! { rows => Value::from(minijinja::value::Serde(&rows)) },
    )
    .await
}

async fn decide(state: &AppState, visitor: &Visitor, id: &str, approve: bool) -> Response {
    let result = match id.parse::<ContactChangeId>() {
        Ok(id) => {
            portal::decide_change(
                state.store.as_ref(),
                state.clock.as_ref(),
                &visitor.actor(),
                id,
                approve,
            )
            .await
        }
        Err(_) => Err(AppError::NotFound {
            what: "change of personal data",
        }),
    };
    let flash = match result {
        Ok(_) if approve => "contact-change-approved",
        Ok(_) => "contact-change-rejected",
        Err(AppError::Conflict { code, .. }) => {
            if code == "contact_changed_since" {
                "contact-change-stale-error"
            } else {
                "contact-change-decided-error"
            }
        }
        Err(error) => return page::error_page(state, visitor, error),
    };
    page::redirect(state, "/admin/changes", Some(flash))
}

/// `POST /admin/changes/{id}/approve`: the contact takes the proposed name and address.
pub async fn approve(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    decide(&state, &visitor, &id, true).await
}

/// `POST /admin/changes/{id}/reject`.
pub async fn reject(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    decide(&state, &visitor, &id, false).await
}
