//! What every page knows besides its own data: language, CSRF token, who is logged in, the
//! cooperative's name, the current path and a one-time message.

use coopshares_domain::language::Language;
use serde::Serialize;

/// The part of a page's context the layout needs. The handler builds it from the request.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub lang: Language,
    /// Put in every form as the hidden field `csrf_token` by the `csrf()` macro.
    pub csrf_token: String,
    pub user: Option<PageUser>,
    /// The cooperative's name; "Coopshares" is shown while it is not set.
    pub coop_name: Option<String>,
    /// The current path without the query (`/admin/requests`), for the language links and the
    /// active navigation item. Anything that is not a plain local path is shown as `/`.
    pub path: String,
    pub flash: Option<Flash>,
}

/// The logged-in user as the layout shows them.
#[derive(Debug, Clone, Serialize)]
pub struct PageUser {
    pub email: String,
    /// `manager` (back-office navigation) or `member` (portal navigation).
    pub role: String,
}

/// A one-time message shown at the top of the page, after a redirect for instance.
#[derive(Debug, Clone, Serialize)]
pub struct Flash {
    pub kind: FlashKind,
    /// Text already translated (the handler uses [`super::Ui::t`]), since it may carry
    /// arguments such as a name or a count.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Error,
    Info,
}

impl Flash {
    pub fn success(message: impl Into<String>) -> Self {
        Flash {
            kind: FlashKind::Success,
            message: message.into(),
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Flash {
            kind: FlashKind::Error,
            message: message.into(),
        }
    }

    pub fn info(message: impl Into<String>) -> Self {
        Flash {
            kind: FlashKind::Info,
            message: message.into(),
        }
    }
}

/// One entry of the language switcher.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageLink {
    pub(crate) code: &'static str,
    /// The language's own name: a visitor looks for the name they can read.
    pub(crate) name: &'static str,
    pub(crate) href: String,
    pub(crate) current: bool,
}

/// The variables the layout reads, serialised into the template context.
#[derive(Debug, Serialize)]
pub(crate) struct PageView<'a> {
    pub(crate) lang: &'static str,
    pub(crate) csrf_token: &'a str,
    pub(crate) user: Option<&'a PageUser>,
    pub(crate) coop_name: Option<&'a str>,
    pub(crate) path: &'a str,
    pub(crate) flash: Option<&'a Flash>,
    pub(crate) languages: Vec<LanguageLink>,
}

impl<'a> PageView<'a> {
    pub(crate) fn new(page: &'a PageContext) -> Self {
        let path = local_path(&page.path);
        PageView {
            lang: page.lang.code(),
            csrf_token: &page.csrf_token,
            user: page.user.as_ref(),
            coop_name: page
                .coop_name
                .as_deref()
                .filter(|name| !name.trim().is_empty()),
            path,
            flash: page.flash.as_ref(),
            languages: Language::ALL
                .iter()
                .map(|&language| LanguageLink {
                    code: language.code(),
                    name: endonym(language),
                    href: format!("{path}?lang={}", language.code()),
                    current: language == page.lang,
                })
                .collect(),
        }
    }
}

fn endonym(language: Language) -> &'static str {
    match language {
        Language::Fr => "Français",
        Language::Nl => "Nederlands",
        Language::En => "English",
        Language::De => "Deutsch",
    }
}

/// `path` when it is a local absolute path; `/` otherwise, so that a crafted request path such
/// as `//evil.example` never becomes a link to another site.
fn local_path(path: &str) -> &str {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let local = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control);
    if local { path } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_kept_for_links() {
        assert_eq!(local_path("/admin/requests"), "/admin/requests");
        assert_eq!(local_path("/login?next=/admin"), "/login");
        assert_eq!(local_path("//evil.example"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path("https://evil.example/"), "/");
        assert_eq!(local_path(""), "/");
    }
}
