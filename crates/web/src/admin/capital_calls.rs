//! A capital release request in the back office: its facts, what was paid (with undo), a
//! payment registered by hand, its ledger entries, its PDF, and cancelling it (which cancels
//! its request).

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::capital::{self, CallView};
use coopshares_app::format::{self, amount as format_amount};
use coopshares_app::payments::{self, PaymentInput};
use coopshares_domain::capital_call::{CapitalCallState, settlement};
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

#[derive(Debug, Serialize)]
struct PaymentRow {
    id: String,
    date: String,
    amount: String,
    /// The statement the money came from; none for a payment registered by hand.
    statement_id: Option<String>,
    note: Option<String>,
    excess: Option<String>,
    undone: bool,
    can_undo: bool,
}

/// The "register a payment" form as typed, and its errors (field → translation key).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PaymentForm {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    note: String,
}

/// The call's payments, each with the statement its line belongs to.
fn payment_rows(view: &CallView, lang: coopshares_domain::language::Language) -> Vec<PaymentRow> {
    view.payments
        .iter()
        .map(|(record, statement)| {
            let p = &record.payment;
            PaymentRow {
                id: record.id.to_string(),
                date: p.value_date.to_string(),
                amount: format::money(p.amount, lang),
                statement_id: statement.map(|s| s.to_string()),
                note: p.note.clone(),
                excess: p
                    .excess
                    .is_positive()
                    .then(|| format::money(p.excess, lang)),
                undone: !record.is_active(),
                can_undo: coopshares_app::payments::can_undo(record, &view.call),
            }
        })
        .collect()
}

async fn call_page(
    state: &AppState,
    visitor: &Visitor,
    view: CallView,
    status: StatusCode,
    error: Option<&str>,
    payment: Option<(PaymentForm, BTreeMap<String, String>)>,
) -> Response {
    let call = &view.call;
    let lang = visitor.lang;
    let settled = match settlement(call.call.amount, call.amount_paid) {
        Ok(settled) => settled,
        Err(error) => return page::error_page(state, visitor, AppError::unexpected(error)),
    };
    let payments = payment_rows(&view, lang);
    let (payment_form, payment_errors) = payment.unwrap_or_else(|| {
        (
            PaymentForm {
                date: state.clock.today().to_string(),
                ..PaymentForm::default()
            },
            BTreeMap::new(),
        )
    });
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
            can_pay => call.state == CapitalCallState::Open,
            payments => Value::from(minijinja::value::Serde(&payments)),
            payment_form => Value::from(minijinja::value::Serde(&payment_form)),
            payment_errors,
            entries => Value::from(minijinja::value::Serde(&entries)),
            error,
        },
    )
    .await
}

/// The call's page with a message (an undo refused from this page).
pub(crate) async fn show_with_error(
    state: &AppState,
    visitor: &Visitor,
    id: CapitalCallId,
    status: StatusCode,
    error: &str,
) -> Response {
    match capital::view_call(state.store.as_ref(), id).await {
        Ok(view) => call_page(state, visitor, view, status, Some(error), None).await,
        Err(error) => page::error_page(state, visitor, error),
    }
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
        Ok(view) => call_page(&state, &visitor, view, StatusCode::OK, None, None).await,
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
        Ok(view) => call_page(&state, &visitor, view, error.1, Some(error.0), None).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// `POST /admin/capital-calls/{id}/payments`: a payment registered by hand (amount, date,
/// note). Field errors come back next to their fields, with what was typed.
pub async fn register_payment(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<PaymentForm>,
) -> Response {
    let id = match parse_id(&id) {
        Ok(id) => id,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let input = PaymentInput {
        amount: form.amount.clone(),
        date: form.date.clone(),
        note: Some(form.note.clone()),
    };
    let result = payments::register_payment(
        state.store.as_ref(),
        state.services(),
        &visitor.actor(),
        id,
        &input,
    )
    .await;
    let (status, error, errors) = match result {
        Ok(applied) => {
            let flash = if applied.member_number.is_some() {
                "payment-registered-admitted"
            } else {
                "payment-registered"
            };
            return page::redirect(&state, &format!("/admin/capital-calls/{id}"), Some(flash));
        }
        Err(AppError::Validation(errors)) => {
            let mut keys = BTreeMap::new();
            for error in &errors {
                keys.entry(error.field.clone())
                    .or_insert_with(|| super::field_error_key(&state, visitor.lang, error.code));
            }
            (StatusCode::UNPROCESSABLE_ENTITY, None, keys)
        }
        Err(AppError::Conflict { code, .. }) => (
            StatusCode::CONFLICT,
            Some(super::bank_statements::conflict_key(code)),
            BTreeMap::new(),
        ),
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    match capital::view_call(state.store.as_ref(), id).await {
        Ok(view) => call_page(&state, &visitor, view, status, error, Some((form, errors))).await,
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
