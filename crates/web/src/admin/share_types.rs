//! Share types in the back office: the list, a new one, changing or retiring one.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use coopshares_app::AppError;
use coopshares_app::ports::ShareTypeRecord;
use coopshares_app::share_types::{self, ShareTypeInput};
use coopshares_domain::ids::ShareTypeId;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::auth::field_error_keys;
use crate::session::Visitor;
use crate::{AppState, page};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    code: String,
    name: String,
    nominal_value: String,
    for_persons: bool,
    for_entities: bool,
    min_quantity: u32,
    max_quantity: Option<u32>,
    on_public_form: bool,
    retired: bool,
    subscribed: bool,
}

pub async fn list(State(state): State<AppState>, visitor: Visitor) -> Response {
    let records = match share_types::list(state.store.as_ref()).await {
        Ok(records) => records,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let rows: Vec<Row> = records
        .iter()
        .map(|r| {
            let t = &r.share_type;
            Row {
                id: r.id.to_string(),
                code: t.code().as_str().to_owned(),
                name: t.name(visitor.lang).to_owned(),
                nominal_value: format!(
                    "{} {}",
                    t.nominal_value(),
                    t.nominal_value().currency().code()
                ),
                for_persons: t.spec().for_persons,
                for_entities: t.spec().for_entities,
                min_quantity: t.min_quantity().get(),
                max_quantity: t.max_quantity().map(|q| q.get()),
                on_public_form: t.on_public_form(),
                retired: t.retired(),
                subscribed: r.subscribed,
            }
        })
        .collect();
    page::render(
        &state,
        &visitor,
        "admin/share_types.html",
        context! { rows => Value::from(minijinja::value::Serde(&rows)) },
    )
    .await
}

/// The form's fields, as typed (checkboxes are present when ticked).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareTypeForm {
    code: String,
    name_fr: String,
    name_nl: String,
    name_en: String,
    name_de: String,
    nominal_value: String,
    for_persons: Option<String>,
    for_entities: Option<String>,
    min_quantity: String,
    max_quantity: String,
    on_public_form: Option<String>,
    retired: Option<String>,
    version: i64,
}

impl ShareTypeForm {
    fn input(&self) -> ShareTypeInput {
        ShareTypeInput {
            code: self.code.clone(),
            name_fr: self.name_fr.clone(),
            name_nl: self.name_nl.clone(),
            name_en: self.name_en.clone(),
            name_de: self.name_de.clone(),
            nominal_value: self.nominal_value.clone(),
            for_persons: self.for_persons.is_some(),
            for_entities: self.for_entities.is_some(),
            min_quantity: self.min_quantity.clone(),
            max_quantity: self.max_quantity.clone(),
            on_public_form: self.on_public_form.is_some(),
            retired: self.retired.is_some(),
            // Always the cooperative's: the form does not ask.
            currency: None,
        }
    }

    fn from_record(record: &ShareTypeRecord) -> Self {
        let t = &record.share_type;
        let name = |n: &Option<coopshares_domain::text::Name>| {
            n.as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default()
        };
        let tick = |on: bool| on.then(|| "on".to_owned());
        ShareTypeForm {
            code: t.code().as_str().to_owned(),
            name_fr: name(&t.names().fr),
            name_nl: name(&t.names().nl),
            name_en: name(&t.names().en),
            name_de: name(&t.names().de),
            nominal_value: t.nominal_value().to_string(),
            for_persons: tick(t.spec().for_persons),
            for_entities: tick(t.spec().for_entities),
            min_quantity: t.min_quantity().get().to_string(),
            max_quantity: t
                .max_quantity()
                .map(|q| q.get().to_string())
                .unwrap_or_default(),
            on_public_form: tick(t.on_public_form()),
            retired: tick(t.retired()),
            version: record.version,
        }
    }
}

async fn form_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    form: &ShareTypeForm,
    existing: Option<(&str, bool)>,
    errors: std::collections::BTreeMap<String, String>,
) -> Response {
    let (action, subscribed) = match existing {
        Some((id, subscribed)) => (format!("/admin/share-types/{id}"), subscribed),
        None => ("/admin/share-types/new".to_owned(), false),
    };
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/share_type_edit.html",
        context! {
            form => Value::from(minijinja::value::Serde(form)),
            is_new => existing.is_none(),
            subscribed,
            action,
            errors,
        },
    )
    .await
}

pub async fn new_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    let form = ShareTypeForm {
        for_persons: Some("on".to_owned()),
        on_public_form: Some("on".to_owned()),
        min_quantity: "1".to_owned(),
        ..ShareTypeForm::default()
    };
    form_page(
        &state,
        &visitor,
        StatusCode::OK,
        &form,
        None,
        Default::default(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<ShareTypeForm>,
) -> Response {
    match share_types::create(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        &form.input(),
    )
    .await
    {
        Ok(_) => {
            state.config_changed();
            page::redirect(&state, "/admin/share-types", Some("share-type-saved"))
        }
        Err(AppError::Validation(errors)) => {
            form_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                None,
                field_error_keys(&errors),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

fn parse_id(id: &str) -> Result<ShareTypeId, AppError> {
    id.parse()
        .map_err(|_| AppError::NotFound { what: "share type" })
}

pub async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let record = match parse_id(&id) {
        Ok(id) => share_types::get(state.store.as_ref(), id).await,
        Err(error) => Err(error),
    };
    match record {
        Ok(record) => {
            let form = ShareTypeForm::from_record(&record);
            form_page(
                &state,
                &visitor,
                StatusCode::OK,
                &form,
                Some((&id, record.subscribed)),
                Default::default(),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

pub async fn update(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<ShareTypeForm>,
) -> Response {
    let parsed = match parse_id(&id) {
        Ok(parsed) => parsed,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let result = share_types::update(
        state.store.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        parsed,
        &form.input(),
        form.version,
    )
    .await;
    match result {
        Ok(_) => {
            state.config_changed();
            page::redirect(&state, "/admin/share-types", Some("share-type-saved"))
        }
        Err(AppError::Validation(errors)) => {
            let subscribed = share_types::get(state.store.as_ref(), parsed)
                .await
                .is_ok_and(|r| r.subscribed);
            form_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                Some((&id, subscribed)),
                field_error_keys(&errors),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
