//! HTML pages: minijinja templates embedded from `crates/web/templates/`, rendered with the
//! layout's variables and a `t(key, **args)` function that translates in the page language.

use std::fmt;
use std::sync::Arc;

use coopshares_domain::language::Language;
use minijinja::value::{Kwargs, Serde, Value, ValueKind};
use minijinja::{
    AutoEscape, Environment, ErrorKind, Output, State, UndefinedBehavior, context, escape_formatter,
};

use super::error::UiError;
use super::i18n::{Arg, Translator};
use super::page::{PageContext, PageView};

/// Every template, embedded. Adding a template is one line here.
macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/", $name)))),*]
    };
}

pub(crate) const TEMPLATES: &[(&str, &str)] = templates![
    "layout.html",
    "macros.html",
    "error.html",
    "auth/login.html",
    "auth/setup.html",
    "auth/password.html",
    "auth/invitation.html",
    "auth/invitation_spent.html",
    "auth/password_reset_request.html",
    "auth/password_reset.html",
    "auth/password_reset_spent.html",
    "auth/email_confirmation.html",
    "portal/home.html",
    "portal/call.html",
    "portal/profile.html",
    "public/subscribe.html",
    "public/thanks.html",
    "admin/dashboard.html",
    "admin/outbox.html",
    "admin/outbox_email.html",
    "admin/templates.html",
    "admin/template_edit.html",
    "admin/settings.html",
    "admin/requests.html",
    "admin/request.html",
    "admin/share_types.html",
    "admin/share_type_edit.html",
    "admin/contacts.html",
    "admin/contact.html",
    "admin/validation.html",
    "admin/capital_call.html",
    "admin/bank_statements.html",
    "admin/bank_statement.html",
    "admin/csv_mapping.html",
    "admin/register.html",
    "admin/certificate_settings.html",
    "admin/changes.html",
    "admin/audit.html",
];

/// Templates and translations, built once at start-up and shared (`Arc<Ui>`) by handlers.
pub struct Ui {
    env: Environment<'static>,
    translator: Arc<Translator>,
}

impl fmt::Debug for Ui {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ui")
            .field(
                "templates",
                &self
                    .env
                    .templates()
                    .map(|(name, _)| name)
                    .collect::<Vec<_>>(),
            )
            .field("translator", &self.translator)
            .finish()
    }
}

impl Ui {
    /// Parses the translations and compiles every template; an error names the file at fault.
    pub fn new() -> Result<Ui, UiError> {
        let translator = Arc::new(Translator::new()?);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(html_formatter);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .map_err(|source| UiError::Template {
                    name: (*name).to_owned(),
                    source,
                })?;
        }
        let for_templates = Arc::clone(&translator);
        env.add_function(
            "t",
            move |state: &State, key: &str, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                translate(&for_templates, state, key, &kwargs)
            },
        );
        Ok(Ui { env, translator })
    }

    /// Renders `template` (`auth/login.html`) with the layout's variables from `page` and the
    /// page's own variables from `data` (a map, e.g. `minijinja::context! { error => None::<&str> }`;
    /// `Value::UNDEFINED` or an empty map when the page needs none). The layout's names (`lang`,
    /// `csrf_token`, `user`, `coop_name`, `path`, `flash`, `languages`) win over `data`.
    ///
    /// Undefined variables are errors: a handler that forgets one fails its tests instead of
    /// showing a blank.
    pub fn render(
        &self,
        template: &str,
        page: &PageContext,
        data: Value,
    ) -> Result<String, UiError> {
        let error = |source| UiError::Template {
            name: template.to_owned(),
            source,
        };
        let view = Value::from(Serde(PageView::new(page)));
        let ctx = if data.is_undefined() || data.is_none() {
            view
        } else {
            context! { ..view, ..data }
        };
        self.env
            .get_template(template)
            .map_err(error)?
            .render(ctx)
            .map_err(error)
    }

    /// Translates outside a template: flash messages, email subjects, `Content-Language`.
    pub fn t(&self, lang: Language, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.translator.t(lang, key, args)
    }

    pub fn translator(&self) -> &Translator {
        &self.translator
    }

    /// The names of the embedded templates.
    pub fn template_names(&self) -> impl Iterator<Item = &str> {
        TEMPLATES.iter().map(|(name, _)| *name)
    }
}

/// minijinja's own formatter, except that strings in HTML escape only `& < > " '`: its extra
/// escaping of `/` turned every printed path into `&#x2f;admin&#x2f;…`, valid but unreadable
/// in page sources and tests, and not needed for quoted attributes.
fn html_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match (state.auto_escape(), value.as_str()) {
        (AutoEscape::Html, Some(text)) if !value.is_safe() => {
            write_escaped(out, text).map_err(minijinja::Error::from)
        }
        _ => escape_formatter(out, state, value),
    }
}

fn write_escaped(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        let (plain, special) = rest.split_at(at);
        out.write_str(plain)?;
        let mut chars = special.chars();
        out.write_str(match chars.next() {
            Some('&') => "&amp;",
            Some('<') => "&lt;",
            Some('>') => "&gt;",
            Some('"') => "&quot;",
            _ => "&#39;",
        })?;
        rest = chars.as_str();
    }
    out.write_str(rest)
}

/// The template function `t(key, **args)`. The language comes from the render's own context
/// (`lang`), so concurrent renders in different languages never see each other's.
fn translate(
    translator: &Translator,
    state: &State,
    key: &str,
    kwargs: &Kwargs,
) -> Result<String, minijinja::Error> {
    let lang: Language = state
        .lookup("lang")
        .and_then(|lang| lang.as_str().and_then(|code| code.parse().ok()))
        .ok_or_else(|| {
            minijinja::Error::new(ErrorKind::UndefinedError, "t() needs `lang` in the context")
        })?;
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match value.kind() {
            ValueKind::Undefined => {
                return Err(minijinja::Error::new(
                    ErrorKind::UndefinedError,
                    format!("argument {name} of t({key:?}) is undefined"),
                ));
            }
            ValueKind::Number if value.as_i64().is_some() => {
                Arg::Int(value.as_i64().unwrap_or_default())
            }
            _ => Arg::from(value.to_string()),
        };
        args.push((name, arg));
    }
    Ok(translator.t(lang, key, &args))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::ui::i18n::{SOURCES, message_ids};

    /// The translation keys a template names literally: `t("key")`, `t('key')` and keyword
    /// arguments ending in `_key="key"` (labels handed to the `field` macro).
    fn keys_used(source: &str) -> Vec<String> {
        // Comments (`{# … #}`) document the syntax with examples; they are not calls.
        let mut code = String::new();
        let mut rest = source;
        while let Some(start) = rest.find("{#") {
            code.push_str(&rest[..start]);
            rest = rest[start..]
                .find("#}")
                .map_or("", |end| &rest[start + end + 2..]);
        }
        code.push_str(rest);
        let source = code.as_str();
        let mut keys = Vec::new();
        for marker in ["t(\"", "t('", "_key=\"", "_key='"] {
            let quote = marker.chars().last().unwrap_or('"');
            let mut rest = source;
            while let Some(at) = rest.find(marker) {
                let before = rest[..at].chars().last();
                let after = &rest[at + marker.len()..];
                let is_call = !marker.starts_with('t')
                    || !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
                if let Some(end) = after.find(quote)
                    && is_call
                {
                    keys.push(after[..end].to_owned());
                }
                rest = after;
            }
        }
        keys
    }

    #[test]
    fn every_key_used_in_a_template_exists() {
        // Per language, the keys of all its files (one bundle per language).
        let defined: Vec<(&str, BTreeSet<String>)> = Language::ALL
            .iter()
            .map(|&language| {
                let mut ids = BTreeSet::new();
                for source in SOURCES.iter().filter(|s| s.language == language) {
                    ids.extend(message_ids(source).unwrap());
                }
                (language.code(), ids)
            })
            .collect();
        let mut missing = Vec::new();
        let mut used = 0;
        for (name, source) in TEMPLATES {
            for key in keys_used(source) {
                used += 1;
                for (file, ids) in &defined {
                    // A key ending in `-` is completed in the template (`"outbox-state-" ~
                    // state`): at least one message must carry that prefix.
                    let found = if key.ends_with('-') {
                        ids.iter().any(|id| id.starts_with(&key))
                    } else {
                        ids.contains(&key)
                    };
                    if !found {
                        missing.push(format!("{name} uses {key}, missing from {file}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
        assert!(used > 30, "the scan found only {used} keys");
    }

    #[test]
    fn the_key_scan_finds_calls_and_label_keys_only() {
        let source =
            r#"{{ t("a-b") }} {{ m.field("x", label_key='c-d') }} {{ format("e") }} {{ t('f') }}"#;
        assert_eq!(keys_used(source), ["a-b", "f", "c-d"]);
    }

    #[test]
    fn html_special_characters_are_escaped_and_slashes_kept() {
        let mut out = String::new();
        write_escaped(&mut out, r#"/a?b=1&c=<x>"'é"#).unwrap();
        assert_eq!(out, "/a?b=1&amp;c=&lt;x&gt;&quot;&#39;é");
    }

    #[test]
    fn every_file_of_the_templates_folder_is_embedded() {
        fn walk(dir: &Path, root: &Path, found: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, root, found);
                } else {
                    let relative = path.strip_prefix(root).unwrap();
                    found.insert(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut on_disk = BTreeSet::new();
        walk(&root, &root, &mut on_disk);
        let embedded: BTreeSet<String> = TEMPLATES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        assert_eq!(on_disk, embedded);
    }
}
