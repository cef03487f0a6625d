//! The back office (`/admin`). Every route is registered through [`Registry`], which puts it
//! behind [`require_manager`] and lists it, so a test can walk them all and check the guard.

mod audit;
mod bank_statements;
mod capital_calls;
mod certificates;
mod changes;
mod contacts;
mod csv_mappings;
mod dashboard;
mod outbox;
mod register;
mod requests;
mod settings;
mod share_types;
mod templates;

use axum::Router;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{MethodRouter, get, post};

use crate::session::Visitor;
use crate::{AppState, auth, page};

/// The back office's routes and the list of (method, path) they answer.
#[derive(Debug)]
pub struct AdminRoutes {
    pub router: Router<AppState>,
    pub listed: Vec<(Method, &'static str)>,
}

#[derive(Default)]
struct Registry {
    routes: Vec<(&'static str, MethodRouter<AppState>)>,
    listed: Vec<(Method, &'static str)>,
}

impl Registry {
    fn add(&mut self, method: Method, path: &'static str, route: MethodRouter<AppState>) {
        self.listed.push((method, path));
        match self.routes.iter_mut().find(|(p, _)| *p == path) {
            Some((_, existing)) => *existing = std::mem::take(existing).merge(route),
            None => self.routes.push((path, route)),
        }
    }

    fn get<H: Handler<T, AppState>, T: 'static>(&mut self, path: &'static str, handler: H) {
        self.add(Method::GET, path, get(handler));
    }

    fn post<H: Handler<T, AppState>, T: 'static>(&mut self, path: &'static str, handler: H) {
        self.add(Method::POST, path, post(handler));
    }
}

pub fn routes(state: AppState) -> AdminRoutes {
    let mut r = Registry::default();
    r.get("/admin", dashboard::show);
    r.get("/admin/outbox", outbox::list);
    r.post("/admin/outbox/test", outbox::send_test);
    r.get("/admin/outbox/{id}", outbox::show);
    r.post("/admin/outbox/{id}/retry", outbox::retry);
    r.get("/admin/templates", templates::list);
    r.get("/admin/templates/{kind}/{lang}", templates::edit);
    r.post("/admin/templates/{kind}/{lang}", templates::submit);
    r.get("/admin/requests", requests::list);
    r.get("/admin/requests/new", crate::public::back_office_form);
    r.post("/admin/requests/new", crate::public::back_office_submit);
    r.get("/admin/requests/{id}", requests::show);
    r.post("/admin/requests/{id}/hold", requests::hold);
    r.post("/admin/requests/{id}/release", requests::release);
    r.post("/admin/requests/{id}/cancel", requests::cancel);
    r.post(
        "/admin/requests/{id}/update-contact",
        requests::update_contact,
    );
    r.post("/admin/requests/{id}/validate", requests::validate);
    r.post("/admin/requests/validate", requests::validate_selected);
    r.get("/admin/capital-calls/{id}", capital_calls::show);
    r.get("/admin/capital-calls/{id}/document.pdf", capital_calls::pdf);
    r.post("/admin/capital-calls/{id}/cancel", capital_calls::cancel);
    r.post(
        "/admin/capital-calls/{id}/payments",
        capital_calls::register_payment,
    );
    r.post("/admin/payments/{id}/undo", bank_statements::undo_payment);
    r.get("/admin/bank-statements", bank_statements::list);
    // A statement file may be far larger than a form: its own limit.
    r.add(
        Method::POST,
        "/admin/bank-statements",
        post(bank_statements::upload).layer(axum::extract::DefaultBodyLimit::max(
            coopshares_app::statements::MAX_STATEMENT_BYTES,
        )),
    );
    r.get("/admin/bank-statements/{id}", bank_statements::show);
    r.get("/admin/bank-accounts/csv-mapping", csv_mappings::edit);
    r.post("/admin/bank-accounts/csv-mapping", csv_mappings::save);
    r.post(
        "/admin/bank-accounts/csv-mapping/forget",
        csv_mappings::forget,
    );
    r.post(
        "/admin/statement-lines/{id}/match",
        bank_statements::match_line,
    );
    r.post(
        "/admin/statement-lines/{id}/ignore",
        bank_statements::ignore_line,
    );
    r.get("/admin/share-types", share_types::list);
    r.get("/admin/share-types/new", share_types::new_page);
    r.post("/admin/share-types/new", share_types::create);
    r.get("/admin/share-types/{id}", share_types::edit);
    r.post("/admin/share-types/{id}", share_types::update);
    r.get("/admin/contacts", contacts::list);
    r.get("/admin/audit", audit::list);
    r.get("/admin/contacts/{id}", contacts::show);
    r.post(
        "/admin/representations/{id}/end",
        contacts::end_representation,
    );
    r.get(
        "/admin/certificates/{id}/certificate.pdf",
        certificates::pdf,
    );
    r.post("/admin/certificates/{id}/resend", certificates::resend);
    r.post("/admin/contacts/{id}/certificates", certificates::issue);
    r.get("/admin/changes", changes::list);
    r.post("/admin/changes/{id}/approve", changes::approve);
    r.post("/admin/changes/{id}/reject", changes::reject);
    r.get("/admin/register", register::show);
    r.get("/admin/register/export", register::download);
    r.get("/admin/settings", settings::show);
    r.post("/admin/settings", settings::save);
    r.get("/admin/settings/certificate", certificates::show);
    r.post("/admin/settings/certificate", certificates::save);
    r.get(
        "/admin/settings/certificate/preview.pdf",
        certificates::preview,
    );
    r.get(
        "/admin/settings/certificate/pictures/{kind}",
        certificates::picture,
    );
    // A picture may be larger than a form: its own limit.
    r.add(
        Method::POST,
        "/admin/settings/certificate/pictures/{kind}",
        post(certificates::upload_picture).layer(axum::extract::DefaultBodyLimit::max(
            certificates::MAX_UPLOAD_BYTES,
        )),
    );
    r.post(
        "/admin/settings/certificate/pictures/{kind}/delete",
        certificates::delete_picture,
    );
    r.get("/admin/password", auth::password_page);
    r.post("/admin/password", auth::change_password);

    let router = r
        .routes
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(path, route)
        })
        .route_layer(axum::middleware::from_fn_with_state(state, require_manager));
    AdminRoutes {
        router,
        listed: r.listed,
    }
}

/// No session: to the login page (and back here after). A session without the manager role:
/// 403.
pub async fn require_manager(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(visitor) = request.extensions().get::<Visitor>().cloned() else {
        return page::redirect(&state, "/login", None);
    };
    if visitor.session.is_none() {
        let next_path = if request.method() == Method::GET {
            request
                .uri()
                .path_and_query()
                .map(|pq| pq.as_str().to_owned())
        } else {
            None
        };
        let to = match next_path {
            Some(path) => format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
            ),
            None => "/login".to_owned(),
        };
        return page::redirect(&state, &to, None);
    }
    if !visitor.is_manager() {
        return page::status_page(&state, &visitor, StatusCode::FORBIDDEN);
    }
    next.run(request).await
}

/// A timestamp as the back office shows it (UTC, to the minute).
pub(crate) fn when(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_default()
}

/// The translation key of an app field error (`field-error-<code>`), or the generic one when
/// no message exists for that code.
pub(crate) fn field_error_key(
    state: &AppState,
    lang: coopshares_domain::language::Language,
    code: &str,
) -> String {
    let key = format!("field-error-{}", code.replace('_', "-"));
    if state.ui.translator().has(lang, &key) {
        key
    } else {
        "field-error-invalid".to_owned()
    }
}
