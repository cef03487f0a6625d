//! The member portal (`/portal`): a member's holdings, capital release requests with their
//! payment instructions and QR code, certificates, and personal data, for themselves or for an
//! entity they represent (the switcher).
//!
//! Every page names the holder in its path (`/portal/{holder}/…`); `coopshares_app::portal`
//! checks that the signed-in account may act for that holder today and answers "not found"
//! otherwise, so another member's id never shows anything. Every route is listed in
//! [`ROUTES`] for the test that walks them with a second member's session.

use axum::Form;
use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use coopshares_app::AppError;
use coopshares_app::certificates;
use coopshares_app::format;
use coopshares_app::portal::{self, HolderChoice, ProfileInput};
use coopshares_app::ports::UserRecord;
use coopshares_domain::capital_call::CapitalCallState;
use coopshares_domain::ids::{CapitalCallId, CertificateId, ContactId};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::auth::field_error_keys;
use crate::session::Visitor;
use crate::{AppState, page};

/// Every portal route, as (method, path), for the authorization test.
pub const ROUTES: &[(Method, &str)] = &[
    (Method::GET, "/portal"),
    (Method::GET, "/portal/{holder}"),
    (Method::GET, "/portal/{holder}/calls/{id}"),
    (Method::GET, "/portal/{holder}/calls/{id}/document.pdf"),
    (
        Method::GET,
        "/portal/{holder}/certificates/{id}/certificate.pdf",
    ),
    (Method::GET, "/portal/{holder}/profile"),
    (Method::POST, "/portal/{holder}/profile"),
    (Method::POST, "/portal/email"),
    (Method::GET, "/portal/password"),
    (Method::POST, "/portal/password"),
];

pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/portal", get(home))
        .route("/portal/email", post(request_email_change))
        .route(
            "/portal/password",
            get(crate::auth::password_page).post(crate::auth::change_password),
        )
        .route("/portal/{holder}", get(overview))
        .route("/portal/{holder}/calls/{id}", get(call))
        .route("/portal/{holder}/calls/{id}/document.pdf", get(call_pdf))
        .route(
            "/portal/{holder}/certificates/{id}/certificate.pdf",
            get(certificate_pdf),
        )
        .route(
            "/portal/{holder}/profile",
            get(profile).post(propose_change),
        )
        .route_layer(axum::middleware::from_fn_with_state(state, require_member))
}

/// The account of the signed-in member (put there by [`require_member`]).
#[derive(Debug, Clone)]
struct Member(UserRecord);

/// No session: to the login page (and back after). A session whose account is no person's
/// (a manager without a contact): 403.
async fn require_member(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(visitor) = request.extensions().get::<Visitor>().cloned() else {
        return page::redirect(&state, "/login", None);
    };
    let Some(session) = &visitor.session else {
        let to = if request.method() == Method::GET {
            let path = request
                .uri()
                .path_and_query()
                .map_or("/portal", |pq| pq.as_str());
            format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
            )
        } else {
            "/login".to_owned()
        };
        return page::redirect(&state, &to, None);
    };
    if session.record.user.contact.is_none() {
        return page::status_page(&state, &visitor, StatusCode::FORBIDDEN);
    }
    request
        .extensions_mut()
        .insert(Member(session.record.user.clone()));
    next.run(request).await
}

fn holder_id(text: &str) -> Result<ContactId, AppError> {
    text.parse()
        .map_err(|_| AppError::NotFound { what: "holder" })
}

async fn home(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
) -> Response {
    match user.contact {
        Some(own) => page::redirect(&state, &format!("/portal/{own}"), None),
        None => page::status_page(&state, &visitor, StatusCode::FORBIDDEN),
    }
}

#[derive(Debug, Serialize)]
struct HolderRow {
    id: String,
    name: String,
    own: bool,
    role: Option<String>,
    current: bool,
}

fn holder_rows(holders: &[HolderChoice], current: ContactId) -> Vec<HolderRow> {
    holders
        .iter()
        .map(|h| HolderRow {
            id: h.contact.to_string(),
            name: h.name.clone(),
            own: h.own,
            role: h.role.clone(),
            current: h.contact == current,
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct HoldingRow {
    share_type: String,
    quantity: u64,
    value: String,
    since: String,
}

#[derive(Debug, Serialize)]
struct CallRow {
    id: String,
    number: String,
    state: &'static str,
    amount: String,
    due_date: String,
    open: bool,
}

#[derive(Debug, Serialize)]
struct CertificateRow {
    id: String,
    number: u32,
    date: String,
    total_quantity: u64,
    total_value: String,
}

async fn overview(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path(holder): Path<String>,
) -> Response {
    let loaded = async {
        let holder = holder_id(&holder)?;
        portal::view(state.store.as_ref(), state.clock.as_ref(), &user, holder).await
    }
    .await;
    let view = match loaded {
        Ok(view) => view,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let lang = visitor.lang;
    let contact = &view.holder.contact;
    let holdings: Vec<HoldingRow> = view
        .holder
        .holdings
        .iter()
        .map(|h| HoldingRow {
            share_type: h.share_type.share_type.name(lang).to_owned(),
            quantity: h.quantity,
            value: format::money(h.value, lang),
            since: format::date(h.since, lang),
        })
        .collect();
    let total_shares: u64 = view.holder.holdings.iter().map(|h| h.quantity).sum();
    let total_value = view
        .holder
        .holdings
        .iter()
        .map(|h| h.value)
        .try_fold(
            None::<coopshares_domain::money::Money>,
            |total, value| match total {
                None => Ok(Some(value)),
                Some(total) => total.checked_add(value).map(Some),
            },
        )
        .ok()
        .flatten()
        .map(|total| format::money(total, lang));
    let calls: Vec<CallRow> = view
        .holder
        .calls
        .iter()
        .map(|c| CallRow {
            id: c.id.to_string(),
            number: c.call.number.to_string(),
            state: c.state.as_str(),
            amount: format::money(c.call.amount, lang),
            due_date: format::date(c.call.due_date, lang),
            open: c.state == CapitalCallState::Open,
        })
        .collect();
    let certificates: Vec<CertificateRow> = view
        .certificates
        .iter()
        .map(|c| CertificateRow {
            id: c.id.to_string(),
            number: c.number,
            date: format::date(c.issued_on, lang),
            total_quantity: c.total_quantity,
            total_value: format::money(c.total_value, lang),
        })
        .collect();
    let register: Vec<Value> = view
        .register_entries
        .iter()
        .map(|(entry, code)| {
            let m = &entry.movement.movement;
            let received = m.holder() == contact.id;
            context! {
                date => format::date(m.date(), lang),
                kind => m.kind().as_str(),
                share_type => code,
                quantity => format!("{}{}", if received { "+" } else { "−" }, m.quantity().get()),
                unit_value => format::money(m.unit_value(), lang),
            }
        })
        .collect();
    page::render(
        &state,
        &visitor,
        "portal/home.html",
        context! {
            holder => contact.id.to_string(),
            name => contact.details.display_name(),
            kind => contact.details.kind().as_str(),
            membership => contact.membership.as_str(),
            member_number => contact.member_number,
            member_since => contact.member_since.map(|d| format::date(d, lang)),
            holders => Value::from(minijinja::value::Serde(&holder_rows(&view.holders, contact.id))),
            holdings => Value::from(minijinja::value::Serde(&holdings)),
            total_shares,
            total_value,
            calls => Value::from(minijinja::value::Serde(&calls)),
            certificates => Value::from(minijinja::value::Serde(&certificates)),
            pending_changes => view.pending_changes.len(),
            register,
        },
    )
    .await
}

/// The EPC payload as an SVG QR code (error correction level M, as EPC069-12 asks).
pub fn qr_svg(payload: &str) -> Option<String> {
    let code =
        qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

async fn call(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path((holder, id)): Path<(String, String)>,
) -> Response {
    let loaded = async {
        let holder = holder_id(&holder)?;
        let id: CapitalCallId = id.parse().map_err(|_| AppError::NotFound {
            what: "capital release request",
        })?;
        let call = portal::call(
            state.store.as_ref(),
            state.clock.as_ref(),
            &user,
            holder,
            id,
        )
        .await?;
        Ok::<_, AppError>((holder, call))
    }
    .await;
    let (holder, view) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    let lang = visitor.lang;
    let record = &view.call.call;
    let amount_due = record
        .call
        .amount
        .checked_sub(record.amount_paid)
        .map(|due| format::money(due, lang))
        .unwrap_or_default();
    let instructions = view.instructions.as_ref().map(|i| {
        context! {
            iban => i.iban.clone(),
            bic => i.bic.clone(),
            beneficiary => i.beneficiary.clone(),
            reference => i.reference.clone(),
            amount => format::money(i.amount_due, lang),
            qr => i.epc_payload.as_deref().and_then(qr_svg),
        }
    });
    page::render(
        &state,
        &visitor,
        "portal/call.html",
        context! {
            holder => holder.to_string(),
            holder_name => view.call.holder.details.display_name(),
            id => record.id.to_string(),
            number => record.call.number.to_string(),
            state => record.state.as_str(),
            share_type => view.call.share_type.share_type.name(lang),
            quantity => record.call.quantity.get(),
            amount => format::money(record.call.amount, lang),
            amount_paid => format::money(record.amount_paid, lang),
            amount_due,
            issue_date => format::date(record.call.issue_date, lang),
            due_date => format::date(record.call.due_date, lang),
            instructions,
        },
    )
    .await
}

async fn call_pdf(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path((holder, id)): Path<(String, String)>,
) -> Response {
    let drawn = async {
        let holder = holder_id(&holder)?;
        let id: CapitalCallId = id.parse().map_err(|_| AppError::NotFound {
            what: "capital release request",
        })?;
        portal::call_pdf(
            state.store.as_ref(),
            state.documents.as_ref(),
            state.clock.as_ref(),
            &user,
            holder,
            id,
        )
        .await
    }
    .await;
    match drawn {
        Ok((call, pdf)) => crate::api::capital::pdf_response(&call, pdf),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

async fn certificate_pdf(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path((holder, id)): Path<(String, String)>,
) -> Response {
    let found = async {
        let holder = holder_id(&holder)?;
        let id: CertificateId = id.parse().map_err(|_| AppError::NotFound {
            what: "certificate",
        })?;
        portal::certificate_pdf(
            state.store.as_ref(),
            state.clock.as_ref(),
            &user,
            holder,
            id,
        )
        .await
    }
    .await;
    match found {
        Ok((record, pdf)) => (
            [
                (CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"{}\"",
                        certificates::pdf_filename(record.number)
                    ),
                ),
            ],
            pdf,
        )
            .into_response(),
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

/// The profile page: the holder's data, the form to propose a new name or address, and (for
/// the member's own person) the form to change the login email.
#[expect(
    clippy::too_many_arguments,
    reason = "the page's facts, from the session, the path and the form"
)]
async fn render_profile(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    user: &UserRecord,
    holder: ContactId,
    form: &ProfileInput,
    errors: &[coopshares_app::error::FieldError],
    email_form: Option<(&str, &[coopshares_app::error::FieldError])>,
) -> Response {
    let loaded = portal::view(state.store.as_ref(), state.clock.as_ref(), user, holder).await;
    let view = match loaded {
        Ok(view) => view,
        Err(error) => return page::error_page(state, visitor, error),
    };
    let contact = &view.holder.contact;
    let own = user.contact == Some(contact.id);
    let (new_email, email_errors) = email_form.unwrap_or(("", &[]));
    let pending: Vec<Value> = view
        .pending_changes
        .iter()
        .map(|change| {
            context! {
                name => change.proposed.display_name(),
                address => change.proposed.address().to_string(),
                requested => format::date(change.requested_at.date(), visitor.lang),
            }
        })
        .collect();
    page::render_with_status(
        state,
        visitor,
        status,
        "portal/profile.html",
        context! {
            holder => contact.id.to_string(),
            holders => Value::from(minijinja::value::Serde(&holder_rows(&view.holders, contact.id))),
            name => contact.details.display_name(),
            kind => contact.details.kind().as_str(),
            email => contact.details.email().as_str(),
            address => contact.details.address().to_string(),
            form => Value::from(minijinja::value::Serde(&ProfileForm::from(form))),
            errors => field_error_keys(errors),
            own,
            login_email => user.email.as_str(),
            new_email,
            email_errors => field_error_keys(email_errors),
            pending => pending,
        },
    )
    .await
}

/// The profile form as the template shows it back.
#[derive(Debug, Serialize)]
struct ProfileForm {
    first_name: String,
    last_name: String,
    name: String,
    street: String,
    postal_code: String,
    city: String,
    country: String,
}

impl From<&ProfileInput> for ProfileForm {
    fn from(input: &ProfileInput) -> Self {
        Self {
            first_name: input.first_name.clone(),
            last_name: input.last_name.clone(),
            name: input.name.clone(),
            street: input.street.clone(),
            postal_code: input.postal_code.clone(),
            city: input.city.clone(),
            country: input.country.clone(),
        }
    }
}

async fn profile(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path(holder): Path<String>,
) -> Response {
    let loaded = async {
        let holder = holder_id(&holder)?;
        let view = portal::view(state.store.as_ref(), state.clock.as_ref(), &user, holder).await?;
        Ok::<_, AppError>((user, holder, view))
    }
    .await;
    match loaded {
        Ok((user, holder, view)) => {
            let form = ProfileInput::of(&view.holder.contact.details);
            render_profile(
                &state,
                &visitor,
                StatusCode::OK,
                &user,
                holder,
                &form,
                &[],
                None,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
struct ProfileFormInput {
    #[serde(flatten)]
    input: ProfileInput,
}

async fn propose_change(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Path(holder): Path<String>,
    Form(form): Form<ProfileFormInput>,
) -> Response {
    let holder = match holder_id(&holder) {
        Ok(holder) => holder,
        Err(error) => return page::error_page(&state, &visitor, error),
    };
    // A person's form has no entity name and an entity's no first or last name:
    // `propose_change` reads only the fields of the holder's kind.
    let input = form.input;
    match portal::propose_change(
        state.store.as_ref(),
        state.clock.as_ref(),
        &user,
        holder,
        &input,
    )
    .await
    {
        Ok(_) => page::redirect(
            &state,
            &format!("/portal/{holder}/profile"),
            Some("change-proposed"),
        ),
        Err(AppError::Validation(errors)) => {
            render_profile(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &user,
                holder,
                &input,
                &errors,
                None,
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}

#[derive(Debug, Deserialize)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn request_email_change(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::Extension(Member(user)): axum::Extension<Member>,
    Form(form): Form<EmailForm>,
) -> Response {
    let Some(own) = user.contact else {
        return page::status_page(&state, &visitor, StatusCode::FORBIDDEN);
    };
    match portal::request_email_change(state.store.as_ref(), state.services(), &user, &form.email)
        .await
    {
        Ok(()) => {
            state.outbox_wake.notify_one();
            page::redirect(
                &state,
                &format!("/portal/{own}/profile"),
                Some("email-change-sent"),
            )
        }
        Err(AppError::Validation(errors)) => {
            let current =
                match portal::view(state.store.as_ref(), state.clock.as_ref(), &user, own).await {
                    Ok(view) => ProfileInput::of(&view.holder.contact.details),
                    Err(error) => return page::error_page(&state, &visitor, error),
                };
            render_profile(
                &state,
                &visitor,
                StatusCode::UNPROCESSABLE_ENTITY,
                &user,
                own,
                &current,
                &[],
                Some((&form.email, &errors)),
            )
            .await
        }
        Err(error) => page::error_page(&state, &visitor, error),
    }
}
