//! A capital release request in the back office: its facts, what was paid, its ledger
//! entries, its PDF, and cancelling it (which cancels its request).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::capital::{self, CallView};
use coopshares_app::format::{self, amount as format_amount};
use coopshares_domain::capital_call::settlement;
use coopshares_domain::ids::CapitalCallId;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::session::Visitor;
use crate::{AppState, page};

fn parse_id(id: &str) -> Result<CapitalCallId, AppError> {
    id.parse().map_err(|_| AppError::NotFound {
        what: "capital release request",
    })
}

#[derive(Debug, Serialize)]
struct EntryRow {
    date: String,
    kind: &'static str,
    account: String,
    debit: Option<String>,
    credit: Option<String>,
}

async fn call_page(
    state: &AppState,
    visitor: &Visitor,
    view: CallView,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let call = &view.call;
    let lang = visitor.lang;
    let settled = match settlement(call.call.amount, call.amount_paid) {
        Ok(settled) => settled,
        Err(error) => return page::error_page(state, visitor, AppError::unexpected(error)),
    };
    let money = |m| format::money(m, lang);
    let entries: Vec<EntryRow> = view
        .entries
        .iter()
        .flat_map(|posted| {
            let kind = posted.posted.kind.as_str();
            let date = posted.posted.entry.date().to_string();
            posted
                .posted
                .entry
                .lines()
                .iter()
                .map(|line| {
                    let amount = format_amount(line.amount, lang);
                    let debit = line.side == coopshares_domain::ledger::Side::Debit;
                    EntryRow {
                        date: date.clone(),
                        kind,
                        account: line.account.to_string(),
                        debit: debit.then(|| amount.clone()),
                        credit: (!debit).then_some(amount),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/capital_call.html",
        context! {
            id => call.id.to_string(),
            version => call.version,
            number => call.call.number.to_string(),
            state => call.state.as_str(),
            request_id => call.call.request.to_string(),
            holder_id => view.holder.id.to_string(),
            holder_name => view.holder.details.display_name(),
            share_type => view.share_type.share_type.name(lang).to_owned(),
            quantity => call.call.quantity.get(),
            amount => money(call.call.amount),
            amount_paid => money(settled.amount_paid),
            amount_due => money(settled.amount_due),
            reference => call.call.reference.to_string(),
            issue_date => call.call.issue_date.to_string(),
            due_date => call.call.due_date.to_string(),
            cancel_reason => call.cancel_reason.clone(),
            can_cancel => capital::can_cancel(call),
            entries => Value::from(minijinja::value::Serde(&entries)),
            error,
        },
    )
    .await
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let view = match parse_id(&id) {
        Ok(id) => capital::view_call(state.store.as_ref(), id).await,
        Err(error) => Err(error),
    };
    match view {
        Ok(view) => call_page(&state, &visitor, view, StatusCode::OK, None).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn pdf(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let drawn = match parse_id(&id) {
        Ok(id) => {
            capital::capital_call_pdf(state.store.as_ref(), state.documents.as_ref(), id).await
        }
        Err(error) => Err(error),
    };
    match drawn {
        Ok((call, pdf)) => crate::api::capital::pdf_response(&call, pdf),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
}

pub async fn cancel(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<CancelForm>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = capital::cancel_call(
        state.store.as_ref(),
        &state.mailer,
        state.clock.as_ref(),
        &visitor.actor(),
        id,
        &form.reason,
    )
    .await;
    let error = match result {
        Ok(_) => {
            state.outbox_wake.notify_one();
            return page::redirect(
                &state,
                &format!("/admin/capital-calls/{id}"),
                Some("capital-call-cancelled"),
            );
        }
        Err(AppError::Validation(_)) => (
            "admin-call-reason-required",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AppError::Conflict { code, .. }) => (
            if code == "capital_call_has_payments" {
                "admin-request-call-has-payments"
            } else {
                "admin-request-conflict"
            },
            StatusCode::CONFLICT,
        ),
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    match capital::view_call(state.store.as_ref(), id).await {
        Ok(view) => call_page(&state, &visitor, view, error.1, Some(error.0)).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
