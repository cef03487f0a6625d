//! The membership certificate in the back office: its design (signatory, orientation, colour,
//! wording per language), a sample PDF per language, the logo and signature pictures, and the
//! certificates already issued (downloaded or sent again exactly as stored).
//!
//! The picture upload is `multipart/form-data`: as for bank statements, the form's action
//! carries the CSRF token as a query parameter.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use coopshares_app::AppError;
use coopshares_app::certificates::{
    self, CertificateDesign, CertificateTexts, LocalizedTexts, PLACEHOLDERS,
};
use coopshares_app::documents::Orientation;
use coopshares_app::ports::PictureKind;
use coopshares_domain::ids::CertificateId;
use coopshares_domain::language::Language;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::{field_error_key, when};
use crate::session::Visitor;
use crate::{AppState, page};

const PAGE: &str = "/admin/settings/certificate";

/// What a multipart body may weigh beyond the picture itself (boundaries, the CSRF field).
const MULTIPART_OVERHEAD: usize = 64 * 1024;

/// The body limit of the picture upload: the app refuses pictures over its own limit with a
/// message; this one only stops bodies far beyond it.
pub(crate) const MAX_UPLOAD_BYTES: usize = certificates::MAX_PICTURE_BYTES + MULTIPART_OVERHEAD;

/// The design form's fields, as typed (and shown back after an error). The texts are named
/// `title_fr`, `intro_nl`, `closing_de`, … as the app names their errors.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DesignForm {
    signatory_name: String,
    signatory_function: String,
    /// `portrait` or `landscape`.
    orientation: String,
    /// `#rrggbb`; blank: the built-in colour.
    accent: String,
    title_fr: String,
    intro_fr: String,
    closing_fr: String,
    title_nl: String,
    intro_nl: String,
    closing_nl: String,
    title_en: String,
    intro_en: String,
    closing_en: String,
    title_de: String,
    intro_de: String,
    closing_de: String,
}

fn orientation_name(orientation: Orientation) -> &'static str {
    match orientation {
        Orientation::Portrait => "portrait",
        Orientation::Landscape => "landscape",
    }
}

impl DesignForm {
    fn from_design(design: &CertificateDesign) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let t = &design.texts;
        DesignForm {
            signatory_name: text(&design.signatory_name),
            signatory_function: text(&design.signatory_function),
            orientation: orientation_name(design.orientation).to_owned(),
            accent: text(&design.accent),
            title_fr: text(&t.fr.title),
            intro_fr: text(&t.fr.intro),
            closing_fr: text(&t.fr.closing),
            title_nl: text(&t.nl.title),
            intro_nl: text(&t.nl.intro),
            closing_nl: text(&t.nl.closing),
            title_en: text(&t.en.title),
            intro_en: text(&t.en.intro),
            closing_en: text(&t.en.closing),
            title_de: text(&t.de.title),
            intro_de: text(&t.de.intro),
            closing_de: text(&t.de.closing),
        }
    }

    /// The design as typed (the app tidies and checks it), or the error of the orientation.
    fn design(&self) -> Result<CertificateDesign, (String, String)> {
        let orientation = match self.orientation.as_str() {
            "portrait" => Orientation::Portrait,
            "landscape" => Orientation::Landscape,
            _ => {
                return Err(("orientation".to_owned(), "field-error-invalid".to_owned()));
            }
        };
        let texts = |title: &str, intro: &str, closing: &str| CertificateTexts {
            title: Some(title.to_owned()),
            intro: Some(intro.to_owned()),
            closing: Some(closing.to_owned()),
        };
        Ok(CertificateDesign {
            signatory_name: Some(self.signatory_name.clone()),
            signatory_function: Some(self.signatory_function.clone()),
            orientation,
            accent: Some(self.accent.clone()),
            texts: LocalizedTexts {
                fr: texts(&self.title_fr, &self.intro_fr, &self.closing_fr),
                nl: texts(&self.title_nl, &self.intro_nl, &self.closing_nl),
                en: texts(&self.title_en, &self.intro_en, &self.closing_en),
                de: texts(&self.title_de, &self.intro_de, &self.closing_de),
            },
        })
    }
}

/// A stored picture as the page shows it.
#[derive(Debug, Serialize)]
struct PictureRow {
    kind: &'static str,
    /// When it was stored; none while there is none.
    updated_at: Option<String>,
    content_type: Option<&'static str>,
}

/// The settings page: the design form (as typed, with its errors), the pictures (with the
/// error of a refused upload under its kind).
async fn settings_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    form: &DesignForm,
    errors: BTreeMap<String, String>,
) -> Response {
    let stored = match certificates::pictures(state.store.as_ref()).await {
        Ok(stored) => stored,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let pictures: Vec<PictureRow> = PictureKind::ALL
        .into_iter()
        .map(|kind| {
            let record = stored.iter().find(|p| p.kind == kind);
            PictureRow {
                kind: kind.as_str(),
                updated_at: record.map(|p| when(p.updated_at)),
                content_type: record.map(|p| p.format.content_type()),
            }
        })
        .collect();
    let placeholders = PLACEHOLDERS
        .iter()
        .map(|p| format!("{{{p}}}"))
        .collect::<Vec<_>>()
        .join(", ");
    page::render_with_status(
        state,
        visitor,
        status,
        "admin/certificate_settings.html",
        context! {
            form => Value::from(minijinja::value::Serde(form)),
            errors,
            certificate_languages => Language::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
            placeholders,
            pictures => Value::from(minijinja::value::Serde(&pictures)),
            max_megabytes => certificates::MAX_PICTURE_BYTES / (1024 * 1024),
        },
    )
    .await
}

/// The page with the saved design, and `errors` (a refused picture).
async fn saved_design_page(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    errors: BTreeMap<String, String>,
) -> Response {
    match coopshares_app::settings::load(state.store.as_ref()).await {
        Ok(current) => {
            let form = DesignForm::from_design(&current.value.certificate);
            settings_page(state, visitor, status, &form, errors).await
        }
        Err(error) => page::error_page(state, visitor, error),
    }
}

/// `GET /admin/settings/certificate`.
pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Response {
    saved_design_page(&state, &visitor, StatusCode::OK, BTreeMap::new()).await
}

/// `POST /admin/settings/certificate`: saves the design; the form again with what is wrong
/// (422), as typed.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<DesignForm>,
) -> Response {
    let design = match form.design() {
        Ok(design) => design,
        Err((field, key)) => {
            let errors = BTreeMap::from([(field, key)]);
            return settings_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                errors,
            )
            .await;
        }
    };
    let result = certificates::save_design(
        state.store.as_ref(),
        state.documents.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        design,
    )
    .await;
    match result {
        Ok(_) => {
            state.config_changed();
            page::redirect(&state, PAGE, Some("certificate-design-saved"))
        }
        Err(AppError::Validation(problems)) => {
            let mut errors = BTreeMap::new();
            for problem in &problems {
                errors
                    .entry(problem.field.clone())
                    .or_insert_with(|| field_error_key(&state, visitor.lang, problem.code));
            }
            settings_page(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &form,
                errors,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PreviewQuery {
    /// The certificate's language. (`lang` would also switch the back office's language.)
    language: Option<String>,
    lang: Option<String>,
}

/// `GET /admin/settings/certificate/preview.pdf?language=fr`: a sample certificate as the
/// saved design draws it, shown in the browser.
pub async fn preview(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<PreviewQuery>,
) -> Response {
    let language = query
        .language
        .or(query.lang)
        .and_then(|code| code.parse::<Language>().ok())
        .unwrap_or(visitor.lang);
    let drawn = certificates::preview(
        state.store.as_ref(),
        state.documents.as_ref(),
        state.clock.as_ref(),
        language,
    )
    .await;
    match drawn {
        Ok(pdf) => (
            [
                (header::CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "inline; filename=\"certificate-sample-{}.pdf\"",
                        language.code()
                    ),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

fn parse_kind(kind: &str) -> Result<PictureKind, AppError> {
    PictureKind::parse(kind).ok_or(AppError::NotFound { what: "picture" })
}

/// `GET /admin/settings/certificate/pictures/{kind}`: the stored logo or signature.
pub async fn picture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(kind): Path<String>,
) -> Response {
    let found = async {
        let kind = parse_kind(&kind)?;
        certificates::pictures(state.store.as_ref())
            .await?
            .into_iter()
            .find(|p| p.kind == kind)
            .ok_or(AppError::NotFound { what: "picture" })
    }
    .await;
    match found {
        Ok(picture) => (
            [
                (header::CONTENT_TYPE, picture.format.content_type()),
                // The same address serves the next picture uploaded.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            picture.bytes,
        )
            .into_response(),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// The message key of a multipart body that could not be read.
fn upload_error_key(status: StatusCode) -> &'static str {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        "field-error-file-too-large"
    } else {
        "admin-certificate-upload-failed"
    }
}

/// `POST /admin/settings/certificate/pictures/{kind}` (multipart: `file`): stores the logo or
/// the signature; the page again with the reason under the picture when refused.
pub async fn upload_picture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(kind): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let kind = match parse_kind(&kind) {
        Ok(kind) => kind,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let refused = |status: StatusCode, key: &str| {
        let errors = BTreeMap::from([(kind.as_str().to_owned(), key.to_owned())]);
        (status, errors)
    };
    let mut file = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => match field.bytes().await {
                Ok(bytes) => file = Some(bytes.to_vec()),
                Err(error) => {
                    let status = error.status();
                    tracing::info!(error = %error.body_text(), "picture upload refused");
                    let (status, errors) = refused(status, upload_error_key(status));
                    return saved_design_page(&state, &visitor, status, errors).await;
                }
            },
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(error) => {
                let status = error.status();
                tracing::info!(error = %error.body_text(), "picture upload refused");
                let (status, errors) = refused(status, upload_error_key(status));
                return saved_design_page(&state, &visitor, status, errors).await;
            }
        }
    }
    let result = certificates::save_picture(
        state.store.as_ref(),
        state.documents.as_ref(),
        state.clock.as_ref(),
        &visitor.actor(),
        kind,
        file.unwrap_or_default(),
    )
    .await;
    match result {
        Ok(()) => page::redirect(&state, PAGE, Some("certificate-picture-saved")),
        Err(AppError::Validation(problems)) => {
            let key = problems.first().map_or_else(
                || "field-error-invalid".to_owned(),
                |p| field_error_key(&state, visitor.lang, p.code),
            );
            let (status, errors) = refused(StatusCode::UNPROCESSABLE_ENTITY, &key);
            saved_design_page(&state, &visitor, status, errors).await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// `POST /admin/settings/certificate/pictures/{kind}/delete`.
pub async fn delete_picture(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(kind): Path<String>,
) -> Response {
    let result = match parse_kind(&kind) {
        Ok(kind) => {
            certificates::delete_picture(
                state.store.as_ref(),
                state.clock.as_ref(),
                &visitor.actor(),
                kind,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => page::redirect(&state, PAGE, Some("certificate-picture-removed")),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

fn parse_certificate(id: &str) -> Result<CertificateId, AppError> {
    id.parse().map_err(|_| AppError::NotFound {
        what: "certificate",
    })
}

/// A certificate's PDF as a download, exactly as issued.
pub(crate) fn download(number: u32, pdf: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    certificates::pdf_filename(number)
                ),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// `GET /admin/certificates/{id}/certificate.pdf`.
pub async fn pdf(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let found = match parse_certificate(&id) {
        Ok(id) => certificates::pdf(state.store.as_ref(), id).await,
        Err(error) => Err(error),
    };
    match found {
        Ok((record, pdf)) => download(record.number, pdf),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// `POST /admin/certificates/{id}/resend`: emails the stored PDF again, back to the holder's
/// page.
pub async fn resend(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let result = match parse_certificate(&id) {
        Ok(id) => {
            certificates::resend(
                state.store.as_ref(),
                &state.mailer,
                state.clock.as_ref(),
                &visitor.actor(),
                id,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(record) => {
            state.outbox_wake.notify_one();
            page::redirect(
                &state,
                &format!("/admin/contacts/{}", record.holder),
                Some("certificate-resent"),
            )
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// `POST /admin/contacts/{id}/certificates`: issues a fresh certificate of what the contact
/// holds today (after a change of name or address) and emails it; back to the contact's page.
pub async fn issue(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(id): Path<String>,
) -> Response {
    let Ok(contact) = id.parse::<coopshares_domain::ids::ContactId>() else {
        return page::error_page(&state, &visitor, AppError::NotFound { what: "contact" });
    };
    match certificates::issue(
        state.store.as_ref(),
        state.services(),
        &visitor.actor(),
        contact,
    )
    .await
    {
        Ok(_) => {
            state.outbox_wake.notify_one();
            page::redirect(
                &state,
                &format!("/admin/contacts/{contact}"),
                Some("certificate-issued"),
            )
        }
        Err(AppError::Conflict { .. }) => page::redirect(
            &state,
            &format!("/admin/contacts/{contact}"),
            Some("certificate-nothing-held-error"),
        ),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
