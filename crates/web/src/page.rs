//! Rendering HTML pages: the layout's context from the visitor, and the error pages.

use axum::http::StatusCode;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::response::{Html, IntoResponse, Response};
use coopshares_app::AppError;
use minijinja::Value;

use crate::AppState;
use crate::session::{Visitor, flash_cookie};
use crate::ui::{Flash, PageContext, PageUser};

/// The signed-in user as the layout shows them.
fn page_user(visitor: &Visitor) -> Option<PageUser> {
    visitor.session.as_ref().map(|s| PageUser {
        email: s.record.user.email.as_str().to_owned(),
        role: s.record.user.role.as_str().to_owned(),
    })
}

/// The layout's context for this visitor.
pub async fn context(state: &AppState, visitor: &Visitor) -> PageContext {
    let flash = visitor.flash.as_deref().map(|key| {
        let message = state.ui.t(visitor.lang, &format!("flash-{key}"), &[]);
        if key.ends_with("-error") {
            Flash::error(message)
        } else {
            Flash::success(message)
        }
    });
    PageContext {
        lang: visitor.lang,
        csrf_token: visitor.csrf_token.clone(),
        user: page_user(visitor),
        coop_name: state.coop_name().await,
        path: visitor.path.clone(),
        flash,
    }
}

/// Renders `template` with `data`, as a 200 page.
pub async fn render(state: &AppState, visitor: &Visitor, template: &str, data: Value) -> Response {
    render_with_status(state, visitor, StatusCode::OK, template, data).await
}

pub async fn render_with_status(
    state: &AppState,
    visitor: &Visitor,
    status: StatusCode,
    template: &str,
    data: Value,
) -> Response {
    let page = context(state, visitor).await;
    match state.ui.render(template, &page, data) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!(template, error = %error, cause = ?std::error::Error::source(&error), "cannot render a page");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal error").into_response()
        }
    }
}

/// The error page for `status`, without a database round trip (it may be what failed).
pub fn status_page(state: &AppState, visitor: &Visitor, status: StatusCode) -> Response {
    let key = match status.as_u16() {
        code @ (400 | 403 | 404 | 409 | 429) => code.to_string(),
        _ => "500".to_owned(),
    };
    explained_page(state, visitor, status, &key)
}

/// A form refused for a missing or stale CSRF token: "this form has expired".
pub fn csrf_refused(state: &AppState, visitor: &Visitor) -> Response {
    explained_page(state, visitor, StatusCode::FORBIDDEN, "csrf")
}

fn explained_page(state: &AppState, visitor: &Visitor, status: StatusCode, key: &str) -> Response {
    let page = PageContext {
        lang: visitor.lang,
        csrf_token: visitor.csrf_token.clone(),
        user: page_user(visitor),
        coop_name: None,
        path: visitor.path.clone(),
        flash: None,
    };
    let data = minijinja::context! {
        status => status.as_u16(),
        title_key => format!("error-{key}-title"),
        message_key => format!("error-{key}-message"),
    };
    match state.ui.render("error.html", &page, data) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// A 303 redirect, optionally with a flash message key for the next page.
pub fn redirect(state: &AppState, to: &str, flash: Option<&str>) -> Response {
    let mut response = (StatusCode::SEE_OTHER, [(LOCATION, to.to_owned())]).into_response();
    if let Some(key) = flash {
        response
            .headers_mut()
            .append(SET_COOKIE, flash_cookie(key, state.config.secure_cookies));
    }
    response
}

/// The page for an error a handler did not turn into a form message.
pub fn error_page(state: &AppState, visitor: &Visitor, error: AppError) -> Response {
    let status = match &error {
        AppError::Validation(_) => StatusCode::BAD_REQUEST,
        AppError::NotFound { .. } => StatusCode::NOT_FOUND,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::Unauthorized => return redirect(state, "/login", None),
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::Unexpected(cause) => {
            tracing::error!(error = %crate::error_chain(cause.as_ref()), path = %visitor.path, "unexpected error");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    status_page(state, visitor, status)
}
