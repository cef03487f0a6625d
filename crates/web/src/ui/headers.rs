//! Security headers on every response.
//!
//! Wiring, once, around the whole router (so error pages and static files get them too):
//!
//! ```ignore
//! let headers = ui::headers::SecurityHeaders::new(&["https://www.my-coop.be"])?;
//! let app = ui::headers::apply(router, headers);
//! // or: router.layer(axum::middleware::from_fn_with_state(
//! //         Arc::new(headers), ui::headers::security_headers))
//! ```
//!
//! The public form (`/` and `/subscribe`, and pages under `/subscribe/`) may be shown inside
//! an `<iframe>` on the cooperative's own site: there `frame-ancestors` lists `'self'` and the
//! configured origins and `X-Frame-Options` is left out (browsers that know CSP ignore it, and
//! `DENY` would block the frame in the others). Everywhere else no site may frame Coopshares.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;

use super::error::UiError;

/// Everything but the `frame-ancestors` directive; no inline style or script anywhere.
macro_rules! base_policy {
    () => {
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         form-action 'self'; base-uri 'none'; object-src 'none'"
    };
}
const BASE_POLICY: &str = base_policy!();
const POLICY: &str = concat!(base_policy!(), "; frame-ancestors 'none'");
const FORM_POLICY_SELF_ONLY: &str = concat!(base_policy!(), "; frame-ancestors 'self'");

/// The headers' values, computed once from validated origins.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    frame_ancestors_for_form: Vec<String>,
    policy: HeaderValue,
    form_policy: HeaderValue,
}

impl SecurityHeaders {
    /// `origins` are the sites allowed to embed the public form, each `https://host` or
    /// `https://host:port` (no path, no wildcard). Anything else is refused: it would be pasted
    /// into the policy header.
    pub fn new(origins: &[&str]) -> Result<Self, UiError> {
        let mut frame_ancestors_for_form = Vec::with_capacity(origins.len());
        for origin in origins {
            if !is_https_origin(origin) {
                return Err(UiError::InvalidOrigin((*origin).to_owned()));
            }
            frame_ancestors_for_form.push(origin.to_ascii_lowercase());
        }
        let mut form_ancestors = String::from("'self'");
        for origin in &frame_ancestors_for_form {
            form_ancestors.push(' ');
            form_ancestors.push_str(origin);
        }
        let form_policy =
            HeaderValue::from_str(&format!("{BASE_POLICY}; frame-ancestors {form_ancestors}"))
                .map_err(|_| UiError::InvalidOrigin(origins.join(" ")))?;
        Ok(SecurityHeaders {
            frame_ancestors_for_form,
            policy: HeaderValue::from_static(POLICY),
            form_policy,
        })
    }

    /// The origins (lower case) allowed to frame the public form, besides the site itself.
    pub fn frame_ancestors_for_form(&self) -> &[String] {
        &self.frame_ancestors_for_form
    }
}

impl Default for SecurityHeaders {
    /// Nobody else may frame the public form.
    fn default() -> Self {
        SecurityHeaders {
            frame_ancestors_for_form: Vec::new(),
            policy: HeaderValue::from_static(POLICY),
            form_policy: HeaderValue::from_static(FORM_POLICY_SELF_ONLY),
        }
    }
}

/// Wraps `router` with [`security_headers`].
pub fn apply<S>(router: Router<S>, config: SecurityHeaders) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(axum::middleware::from_fn_with_state(
        Arc::new(config),
        security_headers,
    ))
}

/// The middleware: sets the headers on the response, replacing any a handler set.
pub async fn security_headers(
    State(config): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    let public_form = is_public_form_path(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if public_form {
        headers.insert(CONTENT_SECURITY_POLICY, config.form_policy.clone());
        headers.remove(X_FRAME_OPTIONS);
    } else {
        headers.insert(CONTENT_SECURITY_POLICY, config.policy.clone());
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

/// The public subscription form and the pages it leads to (confirmation), which stay inside
/// the frame after the form is sent. The same pages take the form posted without any cookie,
/// as a frame on another domain sends it (`csrf.rs`).
pub(crate) fn is_public_form_path(path: &str) -> bool {
    path == "/" || path == "/subscribe" || path.starts_with("/subscribe/")
}

/// `https://host` or `https://host:port`: DNS labels of letters, digits and inner hyphens.
fn is_https_origin(origin: &str) -> bool {
    let Some(authority) = origin.strip_prefix("https://") else {
        return false;
    };
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|port| {
        !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|port| port > 0)
    });
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    port_ok && !host.is_empty() && host.len() <= 253 && host.split('.').all(label_ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_origins_without_path_are_accepted() {
        for good in [
            "https://www.my-coop.be",
            "https://coop.example:8443",
            "https://localhost",
            "https://EXAMPLE.org",
        ] {
            assert!(is_https_origin(good), "{good}");
        }
        for bad in [
            "http://www.my-coop.be",
            "https://",
            "https://www.my-coop.be/",
            "https://www.my-coop.be/form",
            "https://*.my-coop.be",
            "https://a.be; script-src *",
            "https://a.be 'unsafe-inline'",
            "https://a.be:0",
            "https://a.be:99999",
            "https://a.be:",
            "https://-a.be",
            "https://a..be",
            "https://user@a.be",
            "https://a.be\r\nX-Evil: 1",
            "'self'",
            "*",
            "",
        ] {
            assert!(!is_https_origin(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_public_form_paths_are_the_home_page_and_the_subscription_pages() {
        assert!(is_public_form_path("/"));
        assert!(is_public_form_path("/subscribe"));
        assert!(is_public_form_path("/subscribe/thanks"));
        assert!(!is_public_form_path("/subscribers"));
        assert!(!is_public_form_path("/admin"));
        assert!(!is_public_form_path("/login"));
    }

    #[test]
    fn the_default_policies_match_those_built_from_no_origin() {
        let built = SecurityHeaders::new(&[]).unwrap();
        let default = SecurityHeaders::default();
        assert_eq!(built.policy, default.policy);
        assert_eq!(built.form_policy, default.form_policy);
        assert!(built.policy.to_str().unwrap().starts_with(BASE_POLICY));
    }
}
