//! Email templates: a subject, a plain-text body and an HTML body for every [`EmailKind`] in
//! every [`Language`], shipped in `crates/mail/templates/{lang}/{kind}/` and replaceable by a
//! manager's override (stored through the `EmailTemplates` port).
//!
//! Templates are minijinja. The HTML body is auto-escaped; the subject and the text body are
//! not (they are not HTML). A variable the data does not provide is an error, never an empty
//! string, so a typo in a template cannot send an email with a hole in it. The HTML body is a
//! fragment (paragraphs, lists, links): rendering wraps it in one shared page layout, so
//! managers edit content and never boilerplate.
//!
//! # Variables
//!
//! Every kind has [`COMMON_VARIABLES`]; [`variables`] lists all of a kind's variables and
//! [`sample_context`] gives example values (used by the back-office preview and the tests).
//! Values are given already formatted for the email's language (amounts, dates): templates do
//! no arithmetic and no formatting.
//!
//! | kind | variables beyond `coop_name`, `recipient_name`, `base_url` |
//! |---|---|
//! | `request_confirmation` | `request_id`, `share_type`, `quantity` (a number), `amount`, `currency` |
//! | `request_on_hold` | `reason` |
//! | `request_cancelled` | `reason` |
//! | `payment_instructions` | `capital_call_number`, `amount`, `currency`, `iban`, `bic`, `reference`, `due_date` |
//! | `invitation` | `link`, `expires_at` |
//! | `certificate` | `certificate_number`, `member_number` |
//! | `password_reset` | `link`, `expires_at` |
//! | `email_change_confirmation` | `link` |
//! | `test` | — |

use std::fmt;

use coopshares_app::email::TemplateSource;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde_json::json;

use crate::MailError;

/// The three parts of an email template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplatePart {
    Subject,
    Text,
    Html,
}

impl TemplatePart {
    pub const ALL: [TemplatePart; 3] = [
        TemplatePart::Subject,
        TemplatePart::Text,
        TemplatePart::Html,
    ];

    /// The keyword used in forms and error reports: `subject`, `text`, `html`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TemplatePart::Subject => "subject",
            TemplatePart::Text => "text",
            TemplatePart::Html => "html",
        }
    }

    /// The file name of the part in a template folder; its extension sets the escaping.
    pub const fn file_name(self) -> &'static str {
        match self {
            TemplatePart::Subject => "subject.txt",
            TemplatePart::Text => "body.txt",
            TemplatePart::Html => "body.html",
        }
    }
}

impl fmt::Display for TemplatePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An email ready to be queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    /// One line, trimmed.
    pub subject: String,
    pub text_body: String,
    /// A complete HTML document.
    pub html_body: String,
}

/// One problem found in a manager's template, for the template editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    pub part: TemplatePart,
    /// The line in that part, when known (1-based).
    pub line: Option<usize>,
    pub message: String,
}

/// The variables every email has.
pub const COMMON_VARIABLES: &[&str] = &["coop_name", "recipient_name", "base_url"];

/// Every variable the templates of `kind` may use (the common ones first).
pub fn variables(kind: EmailKind) -> &'static [&'static str] {
    match kind {
        EmailKind::RequestConfirmation => &[
            "coop_name",
            "recipient_name",
            "base_url",
            "request_id",
            "share_type",
            "quantity",
            "amount",
            "currency",
        ],
        EmailKind::RequestOnHold | EmailKind::RequestCancelled => {
            &["coop_name", "recipient_name", "base_url", "reason"]
        }
        EmailKind::PaymentInstructions => &[
            "coop_name",
            "recipient_name",
            "base_url",
            "capital_call_number",
            "amount",
            "currency",
            "iban",
            "bic",
            "reference",
            "due_date",
        ],
        EmailKind::Invitation | EmailKind::PasswordReset => &[
            "coop_name",
            "recipient_name",
            "base_url",
            "link",
            "expires_at",
        ],
        EmailKind::Certificate => &[
            "coop_name",
            "recipient_name",
            "base_url",
            "certificate_number",
            "member_number",
        ],
        EmailKind::EmailChangeConfirmation => &["coop_name", "recipient_name", "base_url", "link"],
        EmailKind::Test => COMMON_VARIABLES,
    }
}

/// Example values of every variable of `kind`, formatted as for `language`.
pub fn sample_context(kind: EmailKind, language: Language) -> serde_json::Value {
    let l = |fr: &str, nl: &str, en: &str, de: &str| -> serde_json::Value {
        let text = match language {
            Language::Fr => fr,
            Language::Nl => nl,
            Language::En => en,
            Language::De => de,
        };
        serde_json::Value::from(text)
    };
    let base_url = "https://coop.example";
    let mut context = json!({
        "coop_name": l("Courant Citoyen", "Burgerstroom", "Community Power", "Bürgerenergie"),
        "recipient_name": l("Marie Dubois", "Jan Peeters", "Alex Morgan", "Anna Schmitz"),
        "base_url": base_url,
    });
    let expires_at = l(
        "24/03/2026 à 18:00",
        "24/03/2026 om 18:00",
        "24 March 2026 at 18:00",
        "24.03.2026, 18:00 Uhr",
    );
    let reason = l(
        "le nombre maximal de coopérateurs est atteint pour cette année",
        "het maximale aantal coöperanten voor dit jaar is bereikt",
        "the maximum number of members for this year has been reached",
        "die Höchstzahl an Mitgliedern für dieses Jahr ist erreicht",
    );
    let specific = match kind {
        EmailKind::RequestConfirmation => json!({
            "request_id": "42",
            "share_type": l("Part de coopérateur (A)", "Coöperantenaandeel (A)", "Member share (A)", "Mitgliedsanteil (A)"),
            "quantity": 4,
            "amount": l("1 000,00", "1.000,00", "1,000.00", "1.000,00"),
            "currency": "EUR",
        }),
        EmailKind::RequestOnHold | EmailKind::RequestCancelled => json!({ "reason": reason }),
        EmailKind::PaymentInstructions => json!({
            "capital_call_number": "2026-0042",
            "amount": l("1 000,00", "1.000,00", "1,000.00", "1.000,00"),
            "currency": "EUR",
            "iban": "BE68 5390 0754 7034",
            "bic": "GKCCBEBB",
            "reference": "+++090/9337/55493+++",
            "due_date": l("31/03/2026", "31/03/2026", "31 March 2026", "31.03.2026"),
        }),
        EmailKind::Invitation => json!({
            "link": format!("{base_url}/invitation/q7ZgW2xKp4"),
            "expires_at": expires_at,
        }),
        EmailKind::Certificate => json!({
            "certificate_number": "2026-0017",
            "member_number": "128",
        }),
        EmailKind::PasswordReset => json!({
            "link": format!("{base_url}/password-reset/Hn3bV8tLq1"),
            "expires_at": expires_at,
        }),
        EmailKind::EmailChangeConfirmation => json!({
            "link": format!("{base_url}/email-confirmation/Rk5cM9sDw2"),
        }),
        EmailKind::Test => json!({}),
    };
    if let (Some(context), serde_json::Value::Object(specific)) =
        (context.as_object_mut(), specific)
    {
        context.extend(specific);
    }
    context
}

/// One shipped template: its three parts as (name, source).
#[derive(Debug)]
struct Shipped {
    language: Language,
    kind: EmailKind,
    subject: (&'static str, &'static str),
    text: (&'static str, &'static str),
    html: (&'static str, &'static str),
}

macro_rules! shipped {
    ($( $language:ident $kind:ident $dir:literal ),+ $(,)?) => {
        &[$(shipped!(@one $language $kind $dir)),+]
    };
    (@one $language:ident $kind:ident $dir:literal) => {
        Shipped {
            language: Language::$language,
            kind: EmailKind::$kind,
            subject: shipped!(@part $dir "subject.txt"),
            text: shipped!(@part $dir "body.txt"),
            html: shipped!(@part $dir "body.html"),
        }
    };
    (@part $dir:literal $file:literal) => {
        (
            concat!($dir, "/", $file),
            include_str!(concat!("../templates/", $dir, "/", $file)),
        )
    };
}

/// Every shipped template. A test checks that it covers every kind in every language.
const SHIPPED: &[Shipped] = shipped![
    Fr RequestConfirmation "fr/request_confirmation",
    Fr RequestOnHold "fr/request_on_hold",
    Fr RequestCancelled "fr/request_cancelled",
    Fr PaymentInstructions "fr/payment_instructions",
    Fr Invitation "fr/invitation",
    Fr Certificate "fr/certificate",
    Fr PasswordReset "fr/password_reset",
    Fr EmailChangeConfirmation "fr/email_change_confirmation",
    Fr Test "fr/test",
    Nl RequestConfirmation "nl/request_confirmation",
    Nl RequestOnHold "nl/request_on_hold",
    Nl RequestCancelled "nl/request_cancelled",
    Nl PaymentInstructions "nl/payment_instructions",
    Nl Invitation "nl/invitation",
    Nl Certificate "nl/certificate",
    Nl PasswordReset "nl/password_reset",
    Nl EmailChangeConfirmation "nl/email_change_confirmation",
    Nl Test "nl/test",
    En RequestConfirmation "en/request_confirmation",
    En RequestOnHold "en/request_on_hold",
    En RequestCancelled "en/request_cancelled",
    En PaymentInstructions "en/payment_instructions",
    En Invitation "en/invitation",
    En Certificate "en/certificate",
    En PasswordReset "en/password_reset",
    En EmailChangeConfirmation "en/email_change_confirmation",
    En Test "en/test",
    De RequestConfirmation "de/request_confirmation",
    De RequestOnHold "de/request_on_hold",
    De RequestCancelled "de/request_cancelled",
    De PaymentInstructions "de/payment_instructions",
    De Invitation "de/invitation",
    De Certificate "de/certificate",
    De PasswordReset "de/password_reset",
    De EmailChangeConfirmation "de/email_change_confirmation",
    De Test "de/test",
];

const LAYOUT: (&str, &str) = ("layout.html", include_str!("../templates/layout.html"));

/// The environment every template is rendered in, shipped or not.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env
}

/// The compiled shipped templates. Cheap to share; build it once at start-up.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Compiles every shipped template: a broken one is a start-up error, not a failed email.
    pub fn new() -> Result<Templates, MailError> {
        let mut env = environment();
        let parts = SHIPPED
            .iter()
            .flat_map(|shipped| [shipped.subject, shipped.text, shipped.html])
            .chain([LAYOUT]);
        for (name, source) in parts {
            env.add_template(name, source)
                .map_err(|source| MailError::ShippedTemplate { name, source })?;
        }
        Ok(Templates { env })
    }

    /// The shipped source of one part, for the template editor.
    pub fn shipped_source(
        &self,
        kind: EmailKind,
        language: Language,
        part: TemplatePart,
    ) -> &'static str {
        let shipped = shipped(kind, language);
        match part {
            TemplatePart::Subject => shipped.subject.1,
            TemplatePart::Text => shipped.text.1,
            TemplatePart::Html => shipped.html.1,
        }
    }

    /// Renders the email of `kind` in `language` with `context`, from the manager's
    /// `override_` when given, else from the shipped template.
    pub fn render(
        &self,
        kind: EmailKind,
        language: Language,
        override_: Option<&TemplateSource>,
        context: &serde_json::Value,
    ) -> Result<RenderedEmail, MailError> {
        let context = Value::from(minijinja::value::Serde(context));
        let render_part = |part: TemplatePart| {
            let rendered = match override_ {
                Some(template) => {
                    let source = match part {
                        TemplatePart::Subject => &template.subject,
                        TemplatePart::Text => &template.text_body,
                        TemplatePart::Html => &template.html_body,
                    };
                    self.env
                        .render_named_str(part.file_name(), source, context.clone())
                }
                None => {
                    let shipped = shipped(kind, language);
                    let name = match part {
                        TemplatePart::Subject => shipped.subject.0,
                        TemplatePart::Text => shipped.text.0,
                        TemplatePart::Html => shipped.html.0,
                    };
                    self.env
                        .get_template(name)
                        .and_then(|template| template.render(context.clone()))
                }
            };
            rendered.map_err(|source| MailError::Render {
                kind,
                language,
                part,
                source,
            })
        };
        let subject = render_part(TemplatePart::Subject)?.trim().to_owned();
        if subject.contains(['\r', '\n']) {
            return Err(MailError::MultiLineSubject { kind, language });
        }
        let text_body = render_part(TemplatePart::Text)?;
        let html_fragment = render_part(TemplatePart::Html)?;
        let html_body = self
            .env
            .get_template(LAYOUT.0)
            .and_then(|layout| {
                layout.render(minijinja::context! {
                    lang => language.code(),
                    subject => &subject,
                    body => Value::from_safe_string(html_fragment),
                })
            })
            .map_err(|source| MailError::Render {
                kind,
                language,
                part: TemplatePart::Html,
                source,
            })?;
        Ok(RenderedEmail {
            subject,
            text_body,
            html_body,
        })
    }

    /// Checks a manager's template for `kind` before it is saved: each part must compile and
    /// render with the sample data of `kind` (so an unknown variable is caught here, not when
    /// an email is sent), and the subject must render to one line.
    pub fn check_override(
        &self,
        kind: EmailKind,
        language: Language,
        subject: &str,
        text_body: &str,
        html_body: &str,
    ) -> Result<(), Vec<TemplateProblem>> {
        let context = Value::from(minijinja::value::Serde(sample_context(kind, language)));
        let mut problems = Vec::new();
        for (part, source) in [
            (TemplatePart::Subject, subject),
            (TemplatePart::Text, text_body),
            (TemplatePart::Html, html_body),
        ] {
            match self
                .env
                .render_named_str(part.file_name(), source, context.clone())
            {
                Ok(rendered) => {
                    if part == TemplatePart::Subject && rendered.trim().contains(['\r', '\n']) {
                        problems.push(TemplateProblem {
                            part,
                            line: None,
                            message: "the subject must be a single line".to_owned(),
                        });
                    }
                }
                Err(error) => problems.push(TemplateProblem {
                    part,
                    line: error.line(),
                    message: match error.detail() {
                        Some(detail) => format!("{}: {detail}", error.kind()),
                        None => error.kind().to_string(),
                    },
                }),
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// The shipped template of (kind, language). The table covers every pair (a test checks it).
fn shipped(kind: EmailKind, language: Language) -> &'static Shipped {
    SHIPPED
        .iter()
        .find(|shipped| shipped.kind == kind && shipped.language == language)
        .unwrap_or(&MISSING)
}

/// Stands for a pair missing from [`SHIPPED`]: its names are not compiled, so rendering it is
/// an error rather than a blank email.
static MISSING: Shipped = Shipped {
    language: Language::En,
    kind: EmailKind::Test,
    subject: ("missing/subject.txt", ""),
    text: ("missing/body.txt", ""),
    html: ("missing/body.html", ""),
};

#[cfg(test)]
mod tests {
    use super::*;

    fn templates() -> Templates {
        Templates::new().unwrap()
    }

    fn override_of(subject: &str, text: &str, html: &str) -> TemplateSource {
        TemplateSource {
            subject: subject.to_owned(),
            text_body: text.to_owned(),
            html_body: html.to_owned(),
        }
    }

    #[test]
    fn the_table_ships_every_kind_in_every_language_exactly_once() {
        for kind in EmailKind::ALL {
            for language in Language::ALL {
                let count = SHIPPED
                    .iter()
                    .filter(|s| s.kind == *kind && s.language == language)
                    .count();
                assert_eq!(count, 1, "{kind} in {language}");
                let shipped = shipped(*kind, language);
                let dir = format!("{language}/{kind}/");
                assert!(shipped.subject.0.starts_with(&dir), "{}", shipped.subject.0);
            }
        }
        assert_eq!(SHIPPED.len(), EmailKind::ALL.len() * Language::ALL.len());
    }

    #[test]
    fn every_kind_renders_in_every_language_with_its_sample_context() {
        let templates = templates();
        for kind in EmailKind::ALL {
            for language in Language::ALL {
                let context = sample_context(*kind, language);
                let email = templates.render(*kind, language, None, &context).unwrap();
                let coop_name = context["coop_name"].as_str().unwrap();
                let recipient = context["recipient_name"].as_str().unwrap();
                assert!(!email.subject.is_empty(), "{kind} {language}");
                assert!(!email.subject.contains('\n'), "{kind} {language}");
                assert!(!email.subject.contains("{{"), "{kind} {language}");
                assert!(email.text_body.contains(recipient), "{kind} {language}");
                assert!(email.text_body.contains(coop_name), "{kind} {language}");
                assert!(email.html_body.contains(recipient), "{kind} {language}");
                assert!(
                    email
                        .html_body
                        .contains(&format!("<html lang=\"{}\">", language.code())),
                    "{kind} {language}"
                );
            }
        }
    }

    #[test]
    fn sample_contexts_give_exactly_the_documented_variables() {
        for kind in EmailKind::ALL {
            for language in Language::ALL {
                let context = sample_context(*kind, language);
                let mut keys: Vec<&str> = context
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                let mut documented = variables(*kind).to_vec();
                keys.sort_unstable();
                documented.sort_unstable();
                assert_eq!(keys, documented, "{kind} {language}");
                for common in COMMON_VARIABLES {
                    assert!(variables(*kind).contains(common), "{kind} lacks {common}");
                }
            }
        }
    }

    #[test]
    fn every_documented_variable_is_used_by_each_shipped_template() {
        // With strict undefined, leaving a variable out makes rendering fail exactly when one
        // of the three parts uses it.
        let templates = templates();
        for kind in EmailKind::ALL {
            for language in Language::ALL {
                for variable in variables(*kind) {
                    let mut context = sample_context(*kind, language);
                    context.as_object_mut().unwrap().remove(*variable);
                    let result = templates.render(*kind, language, None, &context);
                    assert!(
                        matches!(result, Err(MailError::Render { .. })),
                        "{kind} in {language} does not use {variable}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_missing_variable_is_an_error_naming_the_part() {
        let context = json!({ "coop_name": "Coop", "base_url": "https://coop.example" });
        let error = templates()
            .render(EmailKind::Test, Language::En, None, &context)
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("cannot render the text of the test email in en"),
            "{error}"
        );
    }

    #[test]
    fn user_data_is_escaped_in_html_but_not_in_text_or_subject() {
        let mut context = sample_context(EmailKind::RequestOnHold, Language::Fr);
        context["reason"] = json!("<script>alert('x')</script> & co");
        context["coop_name"] = json!("Coop <b>\"Soleil\"</b>");
        let email = templates()
            .render(EmailKind::RequestOnHold, Language::Fr, None, &context)
            .unwrap();
        assert!(email.text_body.contains("<script>alert('x')</script> & co"));
        assert!(email.subject.contains("Coop <b>\"Soleil\"</b>"));
        assert!(!email.html_body.contains("<script>"));
        assert!(email.html_body.contains("&lt;script&gt;"));
        assert!(email.html_body.contains("&amp; co"));
        // The subject in the page title is escaped too.
        assert!(
            email
                .html_body
                .contains("Coop &lt;b&gt;&quot;Soleil&quot;&lt;&#x2f;b&gt;")
        );
    }

    #[test]
    fn an_override_is_used_when_given() {
        let template = override_of(
            "Essai {{ coop_name }}",
            "Texte pour {{ recipient_name }}",
            "<p>HTML pour {{ recipient_name }}</p>",
        );
        let context = sample_context(EmailKind::Test, Language::Fr);
        let email = templates()
            .render(EmailKind::Test, Language::Fr, Some(&template), &context)
            .unwrap();
        assert_eq!(email.subject, "Essai Courant Citoyen");
        assert_eq!(email.text_body, "Texte pour Marie Dubois");
        assert!(email.html_body.contains("<p>HTML pour Marie Dubois</p>"));
        assert!(email.html_body.starts_with("<!DOCTYPE html>"));
    }

    #[test]
    fn an_override_html_body_is_escaped_too() {
        let template = override_of("S", "T", "<p>{{ recipient_name }}</p>");
        let context = json!({ "recipient_name": "<img src=x>" });
        let email = templates()
            .render(EmailKind::Test, Language::Fr, Some(&template), &context)
            .unwrap();
        assert!(email.html_body.contains("<p>&lt;img src=x&gt;</p>"));
    }

    #[test]
    fn a_subject_rendering_to_two_lines_is_refused() {
        let template = override_of("Hello\n{{ coop_name }}", "T", "H");
        let context = sample_context(EmailKind::Test, Language::Fr);
        let error = templates()
            .render(EmailKind::Test, Language::Fr, Some(&template), &context)
            .unwrap_err();
        assert!(
            matches!(error, MailError::MultiLineSubject { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_broken_override_is_reported_with_its_part_and_line() {
        let problems = templates()
            .check_override(
                EmailKind::Invitation,
                Language::Nl,
                "Welkom bij {{ coop_name }}",
                "Beste {{ recipient_name }},\n\nKlik hier: {{ link }\n",
                "<p>{{ recipient_name }}</p>\n<p>{{ unknown_variable }}</p>",
            )
            .unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].part, TemplatePart::Text);
        assert_eq!(problems[0].line, Some(3));
        assert!(problems[0].message.contains("syntax error"), "{problems:?}");
        assert_eq!(problems[1].part, TemplatePart::Html);
        assert_eq!(problems[1].line, Some(2));
        assert!(problems[1].message.contains("undefined"), "{problems:?}");
    }

    #[test]
    fn a_multi_line_subject_override_is_reported() {
        let problems = templates()
            .check_override(EmailKind::Test, Language::En, "a\nb", "t", "h")
            .unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].part, TemplatePart::Subject);
    }

    #[test]
    fn the_shipped_templates_pass_the_override_check() {
        let templates = templates();
        for kind in EmailKind::ALL {
            for language in Language::ALL {
                let [subject, text, html] =
                    TemplatePart::ALL.map(|part| templates.shipped_source(*kind, language, part));
                assert_eq!(
                    templates.check_override(*kind, language, subject, text, html),
                    Ok(()),
                    "{kind} {language}"
                );
            }
        }
    }
}
