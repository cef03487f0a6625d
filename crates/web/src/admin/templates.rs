//! Email templates: the shipped ones per kind and language, a manager's overrides, preview.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::email::{self, RenderedEmail, TemplateSource};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::auth::field_error_keys;
use crate::session::Visitor;
use crate::{AppState, page};

#[derive(Debug, Serialize)]
struct Cell {
    language: &'static str,
    overridden: bool,
    href: String,
}

#[derive(Debug, Serialize)]
struct KindRow {
    kind: &'static str,
    cells: Vec<Cell>,
}

pub async fn list(State(state): State<AppState>, visitor: Visitor) -> Response {
    let entries = match email::template_list(state.store.as_ref()).await {
        Ok(entries) => entries,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let rows: Vec<KindRow> = EmailKind::ALL
        .iter()
        .map(|kind| KindRow {
            kind: kind.as_str(),
            cells: entries
                .iter()
                .filter(|e| e.kind == *kind)
                .map(|e| Cell {
                    language: e.language.code(),
                    overridden: e.overridden,
                    href: format!("/admin/templates/{}/{}", kind.as_str(), e.language.code()),
                })
                .collect(),
        })
        .collect();
    page::render(
        &state,
        &visitor,
        "admin/templates.html",
        context! { rows => Value::from(minijinja::value::Serde(&rows)) },
    )
    .await
}

fn parse_target(kind: &str, lang: &str) -> Result<(EmailKind, Language), AppError> {
    let kind = kind
        .parse::<EmailKind>()
        .map_err(|_| AppError::NotFound { what: "template" })?;
    let lang = lang
        .parse::<Language>()
        .map_err(|_| AppError::NotFound { what: "template" })?;
    Ok((kind, lang))
}

#[derive(Debug, Serialize)]
struct Preview {
    subject: String,
    text_body: String,
    html_body: String,
}

impl From<RenderedEmail> for Preview {
    fn from(r: RenderedEmail) -> Self {
        Preview {
            subject: r.subject,
            text_body: r.text_body,
            html_body: r.html_body,
        }
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "the edit page shows all of these"
)]
async fn edit_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    kind: EmailKind,
    language: Language,
    source: &TemplateSource,
    overridden: bool,
    preview: Option<Preview>,
    errors: std::collections::BTreeMap<String, String>,
    problems: Vec<String>,
) -> Response {
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/template_edit.html",
        context! {
            kind => kind.as_str(),
            language => language.code(),
            subject => source.subject.as_str(),
            text_body => source.text_body.as_str(),
            html_body => source.html_body.as_str(),
            overridden,
            variables => Value::from(minijinja::value::Serde(state.mailer.renderer.variables(kind))),
            preview => Value::from(minijinja::value::Serde(&preview)),
            errors,
            problems,
            action => format!("/admin/templates/{}/{}", kind.as_str(), language.code()),
        },
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((kind, lang)): Path<(String, String)>,
) -> Response {
    let (kind, language) = match parse_target(&kind, &lang) {
        Ok(target) => target,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    match email::template_source(
        state.store.as_ref(),
        state.mailer.renderer.as_ref(),
        kind,
        language,
    )
    .await
    {
        Ok((source, overridden)) => {
            edit_page(
                &state,
                &visitor,
                StatusCode::OK,
                kind,
                language,
                &source,
                overridden,
                None,
                Default::default(),
                Vec::new(),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
pub struct TemplateForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text_body: String,
    #[serde(default)]
    html_body: String,
    /// `preview`, `save` or `reset`.
    #[serde(default)]
    action: String,
}

pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path((kind, lang)): Path<(String, String)>,
    Form(form): Form<TemplateForm>,
) -> Response {
    let (kind, language) = match parse_target(&kind, &lang) {
        Ok(target) => target,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let actor = visitor.actor();
    let back = format!("/admin/templates/{}/{}", kind.as_str(), language.code());
    let source = TemplateSource {
        subject: form.subject,
        text_body: form.text_body,
        html_body: form.html_body,
    };
    let renderer = state.mailer.renderer.as_ref();
    let invalid = |error: AppError| match error {
        AppError::Validation(fields) => Ok((
            field_error_keys(&fields),
            fields
                .into_iter()
                .map(|f| format!("{}: {}", f.field, f.detail))
                .collect::<Vec<_>>(),
        )),
        other => Err(other),
    };
    match form.action.as_str() {
        "reset" => match email::reset_template(
            state.store.as_ref(),
            state.clock.as_ref(),
            &actor,
            kind,
            language,
        )
        .await
        {
            Ok(()) => page::redirect(&state, &back, Some("template-reset")),
            Err(error) => page::error_page(&state, &visitor, error),
        },
        "save" => {
            match email::save_template(
                state.store.as_ref(),
                renderer,
                state.clock.as_ref(),
                &actor,
                kind,
                language,
                source.clone(),
            )
            .await
            {
                Ok(()) => page::redirect(&state, &back, Some("template-saved")),
                Err(error) => match invalid(error) {
                    Ok((errors, problems)) => {
                        edit_page(
                            &state,
                            &visitor,
                            StatusCode::UNPROCESSABLE_ENTITY,
                            kind,
                            language,
                            &source,
                            true,
                            None,
                            errors,
                            problems,
                        )
                        .await
                    }
                    Err(error) => page::error_page(&state, &visitor, error),
                },
            }
        }
        _ => match email::preview(renderer, kind, language, &source) {
            Ok(rendered) => {
                edit_page(
                    &state,
                    &visitor,
                    StatusCode::OK,
                    kind,
                    language,
                    &source,
                    true,
                    Some(rendered.into()),
                    Default::default(),
                    Vec::new(),
                )
                .await
            }
            Err(error) => match invalid(error) {
                Ok((errors, problems)) => {
                    edit_page(
                        &state,
                        &visitor,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        kind,
                        language,
                        &source,
                        true,
                        None,
                        errors,
                        problems,
                    )
                    .await
                }
                Err(error) => page::error_page(&state, &visitor, error),
            },
        },
    }
}
