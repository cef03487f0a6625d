//! The outbox: what was sent, what waits, what failed and why; retry and test email.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::email;
use coopshares_app::ports::EmailRecord;
use coopshares_domain::ids::OutboxMessageId;
use coopshares_domain::outbox::OutboxState;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::when;
use crate::session::Visitor;
use crate::{AppState, page};

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    kind: &'static str,
    language: &'static str,
    to: String,
    subject: String,
    state: &'static str,
    attempts: u32,
    last_error: Option<String>,
    created_at: String,
    next_attempt_at: Option<String>,
    sent_at: Option<String>,
    message_id: String,
    about: Option<String>,
    text_body: String,
    html_body: String,
}

fn row(record: EmailRecord) -> Row {
    Row {
        id: record.id.to_string(),
        kind: record.email.kind.as_str(),
        language: record.email.language.code(),
        to: record.email.to.join(", "),
        subject: record.email.subject,
        state: record.state.as_str(),
        attempts: record.attempts,
        last_error: record.last_error,
        created_at: when(record.email.created_at),
        next_attempt_at: (record.state == OutboxState::Pending)
            .then(|| when(record.next_attempt_at)),
        sent_at: record.sent_at.map(when),
        message_id: record.email.message_id,
        about: record.email.about,
        text_body: record.email.text_body,
        html_body: record.email.html_body,
    }
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    state: Option<String>,
    page: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<ListQuery>,
) -> Response {
    let filter = query
        .state
        .as_deref()
        .and_then(|s| s.parse::<OutboxState>().ok());
    let page_number = query.page.unwrap_or(1).max(1);
    let offset = (page_number - 1).saturating_mul(PAGE_SIZE);
    let outbox = match email::outbox_page(state.store.as_ref(), filter, PAGE_SIZE + 1, offset).await
    {
        Ok(outbox) => outbox,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let has_more = outbox.emails.len() > PAGE_SIZE as usize;
    let emails: Vec<Row> = outbox
        .emails
        .into_iter()
        .take(PAGE_SIZE as usize)
        .map(row)
        .collect();
    let count = |wanted: OutboxState| {
        outbox
            .counts
            .iter()
            .find(|(s, _)| *s == wanted)
            .map_or(0, |(_, n)| *n)
    };
    let filter_param = filter
        .map(|f| format!("state={}&", f.as_str()))
        .unwrap_or_default();
    let prev_href =
        (page_number > 1).then(|| format!("/admin/outbox?{filter_param}page={}", page_number - 1));
    let next_href =
        has_more.then(|| format!("/admin/outbox?{filter_param}page={}", page_number + 1));
    let test_to = visitor
        .session
        .as_ref()
        .map(|s| s.record.user.email.as_str().to_owned());
    page::render(
        &state,
        &visitor,
        "admin/outbox.html",
        context! {
            emails => Value::from(minijinja::value::Serde(&emails)),
            filter => filter.map(OutboxState::as_str),
            pending => count(OutboxState::Pending),
            sent => count(OutboxState::Sent),
            failed => count(OutboxState::Failed),
            prev_href,
            next_href,
            test_to,
            files => !state.config.smtp_configured,
        },
    )
    .await
}

pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<OutboxMessageId>() else {
        return page::error_page(&state, &visitor, AppError::NotFound { what: "email" });
    };
    match email::outbox_email(state.store.as_ref(), id).await {
        Ok(record) => {
            let can_retry = record.state == OutboxState::Failed;
            page::render(
                &state,
                &visitor,
                "admin/outbox_email.html",
                context! { email => Value::from(minijinja::value::Serde(row(record))), can_retry },
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn retry(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<OutboxMessageId>() else {
        return page::error_page(&state, &visitor, AppError::NotFound { what: "email" });
    };
    match email::retry_email(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        id,
    )
    .await
    {
        Ok(()) => {
            state.outbox_wake.notify_one();
            page::redirect(
                &state,
                &format!("/admin/outbox/{id}"),
                Some("email-retried"),
            )
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct TestForm {
    #[serde(default)]
    to: String,
}

pub async fn send_test(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<TestForm>,
) -> Response {
    let coop_name = state
        .coop_name()
        .await
        .unwrap_or_else(|| "Coopshares".to_owned());
    let result = email::send_test_email(
        state.store.as_ref(),
        &state.mailer,
        state.clock.as_ref(),
        &visitor.actor(),
        &form.to,
        visitor.lang,
        &coop_name,
    )
    .await;
    match result {
        Ok(_) => {
            state.outbox_wake.notify_one();
            page::redirect(&state, "/admin/outbox", Some("test-email-queued"))
        }
        Err(AppError::Validation(_)) => {
            page::redirect(&state, "/admin/outbox", Some("test-email-error"))
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
