//! The back-office home: what to do next.

use axum::extract::State;
use axum::response::Response;
use coopshares_app::{email, settings};
use coopshares_domain::outbox::OutboxState;
use minijinja::context;
use serde::Serialize;

use crate::session::Visitor;
use crate::{AppState, page};

/// How many unmatched lines (or pending changes of personal data) the dashboard counts at most.
const COUNT_BOUND: u32 = 1000;

#[derive(Debug, Serialize)]
struct Step {
    text_key: &'static str,
    href: &'static str,
}

pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Response {
    let settings = match settings::load(state.store.as_ref()).await {
        Ok(settings) => settings.value,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let outbox = match email::outbox_page(state.store.as_ref(), None, 0, 0).await {
        Ok(outbox) => outbox,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let failed = outbox
        .counts
        .iter()
        .find(|(s, _)| *s == OutboxState::Failed)
        .map_or(0, |(_, n)| *n);
    // Counted up to a bound: past it, the page says "at least".
    let banking =
        coopshares_app::statements::waiting_counts(state.store.as_ref(), COUNT_BOUND).await;
    let (to_reconcile, overpayments) = match banking {
        Ok(counts) => counts,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let pending_changes =
        match coopshares_app::portal::pending_changes(state.store.as_ref(), COUNT_BOUND).await {
            Ok(pending) => pending.len(),
            Err(error) => return page::error_page(&state, &visitor, error),
        };
    let mut next_steps = Vec::new();
    if settings.name.is_none() || settings.address.is_none() {
        next_steps.push(Step {
            text_key: "admin-next-identity",
            href: "/admin/settings",
        });
    }
    if settings.iban.is_none() {
        next_steps.push(Step {
            text_key: "admin-next-iban",
            href: "/admin/settings",
        });
    }
    if failed > 0 {
        next_steps.push(Step {
            text_key: "admin-next-failed-emails",
            href: "/admin/outbox?state=failed",
        });
    }
    if !state.config.smtp_configured {
        next_steps.push(Step {
            text_key: "admin-next-smtp",
            href: "/admin/outbox",
        });
    }
    page::render(
        &state,
        &visitor,
        "admin/dashboard.html",
        context! {
            next_steps => minijinja::Value::from(minijinja::value::Serde(&next_steps)),
            to_reconcile,
            overpayments,
            pending_changes,
        },
    )
    .await
}
