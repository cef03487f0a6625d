//! [`Templates`] as the application's [`EmailRenderer`] port.

use coopshares_app::email::{self, EmailRenderer, TemplateSource};
use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;

use crate::MailError;
use crate::templates::{self, TemplatePart, Templates};

fn problem(error: &MailError) -> email::TemplateProblem {
    match error {
        MailError::Render { part, source, .. } => email::TemplateProblem {
            part: part.as_str(),
            line: source.line(),
            message: match source.detail() {
                Some(detail) => format!("{}: {detail}", source.kind()),
                None => source.kind().to_string(),
            },
        },
        MailError::MultiLineSubject { .. } => email::TemplateProblem {
            part: TemplatePart::Subject.as_str(),
            line: None,
            message: "the subject must be a single line".to_owned(),
        },
        other => email::TemplateProblem {
            part: TemplatePart::Text.as_str(),
            line: None,
            message: other.to_string(),
        },
    }
}

impl EmailRenderer for Templates {
    fn render(
        &self,
        kind: EmailKind,
        language: Language,
        override_: Option<&TemplateSource>,
        context: &serde_json::Value,
    ) -> Result<email::RenderedEmail, Vec<email::TemplateProblem>> {
        match Templates::render(self, kind, language, override_, context) {
            Ok(rendered) => Ok(email::RenderedEmail {
                subject: rendered.subject,
                text_body: rendered.text_body,
                html_body: rendered.html_body,
            }),
            Err(error) => {
                // For an override, report the problems of every part at once, for the editor.
                let all = override_.and_then(|source| {
                    self.check_override(
                        kind,
                        language,
                        &source.subject,
                        &source.text_body,
                        &source.html_body,
                    )
                    .err()
                });
                Err(match all {
                    Some(problems) if !problems.is_empty() => problems
                        .into_iter()
                        .map(|p| email::TemplateProblem {
                            part: p.part.as_str(),
                            line: p.line,
                            message: p.message,
                        })
                        .collect(),
                    _ => vec![problem(&error)],
                })
            }
        }
    }

    fn shipped(&self, kind: EmailKind, language: Language) -> TemplateSource {
        TemplateSource {
            subject: self
                .shipped_source(kind, language, TemplatePart::Subject)
                .to_owned(),
            text_body: self
                .shipped_source(kind, language, TemplatePart::Text)
                .to_owned(),
            html_body: self
                .shipped_source(kind, language, TemplatePart::Html)
                .to_owned(),
        }
    }

    fn sample_context(&self, kind: EmailKind, language: Language) -> serde_json::Value {
        templates::sample_context(kind, language)
    }

    fn variables(&self, kind: EmailKind) -> &'static [&'static str] {
        templates::variables(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(subject: &str, text: &str, html: &str) -> TemplateSource {
        TemplateSource {
            subject: subject.to_owned(),
            text_body: text.to_owned(),
            html_body: html.to_owned(),
        }
    }

    #[test]
    fn a_preview_of_an_override_renders_with_sample_facts() {
        let templates = Templates::new().unwrap();
        let renderer: &dyn EmailRenderer = &templates;
        let context = renderer.sample_context(EmailKind::Test, Language::Nl);
        let rendered = renderer
            .render(
                EmailKind::Test,
                Language::Nl,
                Some(&source(
                    "Test voor {{ coop_name }}",
                    "Dag {{ recipient_name }}",
                    "<p>Dag</p>",
                )),
                &context,
            )
            .unwrap();
        assert!(rendered.subject.starts_with("Test voor "));
        assert!(rendered.text_body.starts_with("Dag "));
        assert!(rendered.html_body.contains("<p>Dag</p>"));
    }

    #[test]
    fn every_broken_part_of_an_override_is_reported_with_its_line() {
        let templates = Templates::new().unwrap();
        let renderer: &dyn EmailRenderer = &templates;
        let context = renderer.sample_context(EmailKind::Test, Language::Fr);
        let problems = renderer
            .render(
                EmailKind::Test,
                Language::Fr,
                Some(&source("{{ unknown_fact }}", "ok\n{% if %}", "<p>ok</p>")),
                &context,
            )
            .unwrap_err();
        let parts: Vec<_> = problems.iter().map(|p| (p.part, p.line)).collect();
        assert_eq!(parts, [("subject", Some(1)), ("text", Some(2))]);
    }

    #[test]
    fn the_shipped_source_is_the_starting_point_of_an_override() {
        let templates = Templates::new().unwrap();
        let shipped = EmailRenderer::shipped(&templates, EmailKind::Invitation, Language::De);
        assert!(
            shipped.text_body.contains("{{ link }}"),
            "{}",
            shipped.text_body
        );
        assert!(EmailRenderer::variables(&templates, EmailKind::Invitation).contains(&"link"));
    }
}
