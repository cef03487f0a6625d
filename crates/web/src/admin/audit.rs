//! The audit log in the back office (`/admin/audit`): who did what, when, to which record;
//! filtered by action, actor, record and day, newest first, a page at a time. Read-only: the
//! log has no edit and no delete, here or anywhere.

use axum::extract::{Query, State};
use axum::response::Response;
use coopshares_app::audit::{self, AuditLine, Who};
use coopshares_app::ports::AuditFilter;
use coopshares_domain::language::Language;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::when;
use crate::session::Visitor;
use crate::{AppState, page};

const PAGE_SIZE: u32 = 50;

#[derive(Debug, Default, Deserialize, Serialize)]
pub struct ListQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    record_type: String,
    #[serde(default)]
    record_id: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<u32>,
}

impl ListQuery {
    fn filter(&self) -> AuditFilter {
        let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        AuditFilter {
            actor: text(&self.actor),
            action: text(&self.action),
            record_type: text(&self.record_type),
            record_id: text(&self.record_id),
            from: date(&self.from),
            to: date(&self.to),
        }
    }

    /// This search at another page.
    fn href(&self, page: u32) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in [
            ("action", &self.action),
            ("actor", &self.actor),
            ("record_type", &self.record_type),
            ("record_id", &self.record_id),
            ("from", &self.from),
            ("to", &self.to),
        ] {
            if !value.is_empty() {
                serializer.append_pair(key, value);
            }
        }
        serializer.append_pair("page", &page.to_string());
        format!("/admin/audit?{}", serializer.finish())
    }
}

fn date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text.trim(), &format).ok()
}

#[derive(Debug, Serialize)]
struct Row {
    at: String,
    who: String,
    action: String,
    /// The action's code, when the label is a translation (shown as a hint).
    action_code: String,
    record: String,
    /// The record's page in the back office, for the kinds of record that have one.
    record_href: Option<String>,
    /// The extra facts as compact JSON (none when there are none).
    details: Option<String>,
}

#[derive(Debug, Serialize)]
struct ActionOption {
    code: String,
    label: String,
}

/// The translation of `prefix` + `code` (underscores as dashes), or `code` itself when no
/// message exists for it: an action added later reads as its code, never as a raw key.
fn label(state: &AppState, lang: Language, prefix: &str, code: &str) -> String {
    let key = format!("{prefix}{}", code.replace('_', "-"));
    if state.ui.translator().has(lang, &key) {
        state.ui.t(lang, &key, &[])
    } else {
        code.to_owned()
    }
}

fn who(state: &AppState, lang: Language, who: &Who) -> String {
    match who {
        Who::Operator => state.ui.t(lang, "audit-actor-operator", &[]),
        Who::System => state.ui.t(lang, "audit-actor-system", &[]),
        Who::User(_, Some(email)) => email.as_str().to_owned(),
        Who::User(id, None) => {
            state
                .ui
                .t(lang, "audit-actor-deleted-user", &[("id", id.get().into())])
        }
        Who::ApiToken(_, Some(name)) => {
            state
                .ui
                .t(lang, "audit-actor-token", &[("name", name.as_str().into())])
        }
        Who::ApiToken(id, None) => state.ui.t(
            lang,
            "audit-actor-deleted-token",
            &[("id", id.get().into())],
        ),
        Who::Unknown(stored) => stored.clone(),
    }
}

/// The back-office page of a record, when its kind has one and its id is a number.
fn record_href(record_type: &str, record_id: &str) -> Option<String> {
    let path = match record_type {
        "contact" => "contacts",
        "subscription_request" => "requests",
        "capital_call" => "capital-calls",
        "bank_statement" => "bank-statements",
        "share_type" => "share-types",
        "email" => "outbox",
        _ => return None,
    };
    let id: i64 = record_id.parse().ok().filter(|id| *id > 0)?;
    Some(format!("/admin/{path}/{id}"))
}

/// The details as compact JSON; none for an empty object.
fn details(stored: &str) -> Option<String> {
    match serde_json::from_str::<serde_json::Value>(stored) {
        Ok(serde_json::Value::Object(map)) if map.is_empty() => None,
        Ok(value) => Some(value.to_string()),
        Err(_) => Some(stored.to_owned()).filter(|text| !text.is_empty()),
    }
}

fn row(state: &AppState, lang: Language, line: &AuditLine) -> Row {
    let entry = &line.record.entry;
    Row {
        at: when(entry.at),
        who: who(state, lang, &line.who),
        action: label(state, lang, "audit-action-", &entry.action),
        action_code: entry.action.clone(),
        record: format!(
            "{} {}",
            label(state, lang, "audit-record-", &entry.record_type),
            entry.record_id
        ),
        record_href: record_href(&entry.record_type, &entry.record_id),
        details: details(&entry.details),
    }
}

/// `GET /admin/audit`.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<ListQuery>,
) -> Response {
    let page_number = query.page.unwrap_or(1).max(1);
    let offset = (page_number - 1).saturating_mul(PAGE_SIZE);
    let found = audit::search(state.store.as_ref(), &query.filter(), PAGE_SIZE, offset).await;
    let found = match found {
        Ok(found) => found,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let lang = visitor.lang;
    let rows: Vec<Row> = found.lines.iter().map(|l| row(&state, lang, l)).collect();
    let mut actions: Vec<ActionOption> = found
        .actions
        .iter()
        .map(|code| ActionOption {
            code: code.clone(),
            label: label(&state, lang, "audit-action-", code),
        })
        .collect();
    // An action asked for in the address but not (or no longer) in the log stays selected.
    let asked = query.action.trim();
    if !asked.is_empty() && !found.actions.iter().any(|code| code == asked) {
        actions.push(ActionOption {
            code: asked.to_owned(),
            label: label(&state, lang, "audit-action-", asked),
        });
    }
    actions.sort_by(|a, b| a.label.cmp(&b.label));
    let pages = found.total.div_ceil(u64::from(PAGE_SIZE)).max(1);
    page::render(
        &state,
        &visitor,
        "admin/audit.html",
        context! {
            rows => Value::from(minijinja::value::Serde(&rows)),
            total => found.total,
            page => page_number,
            pages,
            prev_href => (page_number > 1).then(|| query.href(page_number - 1)),
            next_href => (u64::from(page_number) < pages).then(|| query.href(page_number + 1)),
            query => Value::from(minijinja::value::Serde(&query)),
            actions => Value::from(minijinja::value::Serde(&actions)),
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_kinds_of_record_with_a_numeric_id_get_a_link() {
        assert_eq!(
            record_href("contact", "12").as_deref(),
            Some("/admin/contacts/12")
        );
        assert_eq!(
            record_href("capital_call", "3").as_deref(),
            Some("/admin/capital-calls/3")
        );
        assert_eq!(record_href("settings", "1"), None);
        assert_eq!(record_href("contact", "javascript:alert(1)"), None);
        assert_eq!(record_href("contact", "0"), None);
        assert_eq!(record_href("email_template", "welcome/fr"), None);
    }

    #[test]
    fn details_are_compact_json_and_nothing_when_empty() {
        assert_eq!(details("{}"), None);
        assert_eq!(
            details("{ \"a\" : 1,\n \"b\": [1, 2] }").as_deref(),
            Some(r#"{"a":1,"b":[1,2]}"#)
        );
        assert_eq!(details("not json").as_deref(), Some("not json"));
    }
}
