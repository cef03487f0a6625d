//! Emails from the use cases' point of view: render through the [`EmailRenderer`] port (the
//! `mail` crate implements it), queue in the caller's transaction, and the back-office use
//! cases over the outbox and the managers' template overrides.

use std::fmt::Debug;
use std::sync::Arc;

use coopshares_domain::email::Email;
use coopshares_domain::ids::OutboxMessageId;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::{EmailKind, OutboxState};
use serde_json::json;

use crate::audit;
use crate::clock::Clock;
use crate::error::{AppError, FieldError};
use crate::ports::{
    Actor, EmailAttachment, EmailRecord, NewEmail, Store, StoreError, StoreTx, TemplateOverride,
};
use crate::secrets::random_token;

/// An email ready to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
}

/// A problem in a template, for the editor: which part, which line, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateProblem {
    /// `subject`, `text` or `html`.
    pub part: &'static str,
    pub line: Option<usize>,
    pub message: String,
}

/// The three sources of a template, as a manager edits them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
}

/// Turns a kind of email, a language and facts into subject, text and HTML.
pub trait EmailRenderer: Send + Sync + Debug {
    /// Renders with the manager's override when given, else the shipped template.
    fn render(
        &self,
        kind: EmailKind,
        language: Language,
        override_: Option<&TemplateSource>,
        context: &serde_json::Value,
    ) -> Result<RenderedEmail, Vec<TemplateProblem>>;

    /// The shipped template, the starting point of an override.
    fn shipped(&self, kind: EmailKind, language: Language) -> TemplateSource;

    /// Facts to preview a template with.
    fn sample_context(&self, kind: EmailKind, language: Language) -> serde_json::Value;

    /// The variables a template of this kind may use.
    fn variables(&self, kind: EmailKind) -> &'static [&'static str];
}

/// What use cases need to send email.
#[derive(Debug, Clone)]
pub struct Mailer {
    pub renderer: Arc<dyn EmailRenderer>,
    /// The right-hand side of Message-IDs (the domain of the sender address).
    pub message_id_domain: String,
    /// The public address of this server, for links in emails (no trailing slash).
    pub base_url: String,
}

/// Renders an email (with the manager's override if any) and queues it in `tx`: it is sent
/// only if the transaction commits.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one fact of the email"
)]
pub async fn queue(
    tx: &mut dyn StoreTx,
    mailer: &Mailer,
    clock: &dyn Clock,
    kind: EmailKind,
    language: Language,
    to: &[Email],
    context: &serde_json::Value,
    about: Option<String>,
) -> Result<OutboxMessageId, AppError> {
    queue_with_attachments(
        tx,
        mailer,
        clock,
        kind,
        language,
        to,
        context,
        about,
        Vec::new(),
    )
    .await
}

/// [`queue`], with files attached (stored with the email, sent exactly as given).
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one fact of the email"
)]
pub async fn queue_with_attachments(
    tx: &mut dyn StoreTx,
    mailer: &Mailer,
    clock: &dyn Clock,
    kind: EmailKind,
    language: Language,
    to: &[Email],
    context: &serde_json::Value,
    about: Option<String>,
    attachments: Vec<EmailAttachment>,
) -> Result<OutboxMessageId, AppError> {
    let mut overrides = Overrides::default();
    let email = Outgoing {
        kind,
        language,
        to,
        context,
        about,
        attachments,
    };
    queue_outgoing(tx, &mut overrides, mailer, clock, email).await
}

/// One email to queue, before its template is rendered.
#[derive(Debug)]
pub struct Outgoing<'a> {
    pub kind: EmailKind,
    pub language: Language,
    pub to: &'a [Email],
    pub context: &'a serde_json::Value,
    pub about: Option<String>,
    pub attachments: Vec<EmailAttachment>,
}

/// The managers' template overrides read so far in one transaction, so that a use case
/// queueing many emails of one kind reads each override once.
#[derive(Debug, Default)]
pub struct Overrides(Vec<((EmailKind, Language), Option<TemplateSource>)>);

impl Overrides {
    async fn get(
        &mut self,
        tx: &mut dyn StoreTx,
        kind: EmailKind,
        language: Language,
    ) -> Result<Option<&TemplateSource>, AppError> {
        let index = match self.0.iter().position(|(key, _)| *key == (kind, language)) {
            Some(index) => index,
            None => {
                let found =
                    tx.get_template_override(kind, language)
                        .await?
                        .map(|o| TemplateSource {
                            subject: o.subject,
                            text_body: o.text_body,
                            html_body: o.html_body,
                        });
                self.0.push(((kind, language), found));
                self.0.len() - 1
            }
        };
        Ok(self.0[index].1.as_ref())
    }
}

/// [`queue_with_attachments`], with the overrides already read in `tx`.
pub async fn queue_outgoing(
    tx: &mut dyn StoreTx,
    overrides: &mut Overrides,
    mailer: &Mailer,
    clock: &dyn Clock,
    email: Outgoing<'_>,
) -> Result<OutboxMessageId, AppError> {
    let email = compose_outgoing(tx, overrides, mailer, clock, email).await?;
    Ok(tx.enqueue_email(&email).await?)
}

/// The email [`queue_outgoing`] queues, rendered (with the cooperative's override of its
/// template, read in `tx` once) but not queued yet: for a caller that queues several at once.
pub async fn compose_outgoing(
    tx: &mut dyn StoreTx,
    overrides: &mut Overrides,
    mailer: &Mailer,
    clock: &dyn Clock,
    email: Outgoing<'_>,
) -> Result<NewEmail, AppError> {
    let Outgoing {
        kind,
        language,
        to,
        context,
        about,
        attachments,
    } = email;
    let override_ = overrides.get(tx, kind, language).await?;
    let rendered = match mailer.renderer.render(kind, language, override_, context) {
        Ok(rendered) => rendered,
        // A broken override must not block the workflow: fall back to the shipped template.
        Err(problems) if override_.is_some() => {
            tracing::warn!(
                ?kind,
                ?language,
                ?problems,
                "template override failed; using the shipped one"
            );
            mailer
                .renderer
                .render(kind, language, None, context)
                .map_err(|p| AppError::Unexpected(format!("{p:?}").into()))?
        }
        Err(problems) => return Err(AppError::Unexpected(format!("{problems:?}").into())),
    };
    Ok(NewEmail {
        kind,
        language,
        to: to.iter().map(|e| e.as_str().to_owned()).collect(),
        subject: rendered.subject,
        text_body: rendered.text_body,
        html_body: rendered.html_body,
        message_id: format!("{}@{}", &random_token()?[..32], mailer.message_id_domain),
        about,
        attachments,
        created_at: clock.now(),
    })
}

/// A manager's test email, to check that delivery works.
pub async fn send_test_email(
    store: &dyn Store,
    mailer: &Mailer,
    clock: &dyn Clock,
    actor: &Actor,
    to: &str,
    language: Language,
    coop_name: &str,
) -> Result<OutboxMessageId, AppError> {
    let to = Email::parse(to).map_err(|e| AppError::field("to", "invalid_email", e.to_string()))?;
    let mut tx = store.begin().await?;
    let context = json!({ "coop_name": coop_name, "recipient_name": to.as_str(), "base_url": "" });
    let id = queue(
        tx.as_mut(),
        mailer,
        clock,
        EmailKind::Test,
        language,
        &[to],
        &context,
        None,
    )
    .await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "test_email_queued",
        "email",
        id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A page of the outbox, newest first, and the count in each state.
#[derive(Debug, Clone)]
pub struct OutboxPage {
    pub emails: Vec<EmailRecord>,
    pub counts: Vec<(OutboxState, u64)>,
}

pub async fn outbox_page(
    store: &dyn Store,
    state: Option<OutboxState>,
    limit: u32,
    offset: u32,
) -> Result<OutboxPage, AppError> {
    let mut tx = store.begin_read().await?;
    Ok(OutboxPage {
        emails: tx.list_emails(state, limit, offset).await?,
        counts: tx.count_emails_by_state().await?,
    })
}

pub async fn outbox_email(store: &dyn Store, id: OutboxMessageId) -> Result<EmailRecord, AppError> {
    let mut tx = store.begin_read().await?;
    tx.get_email(id)
        .await?
        .ok_or(AppError::NotFound { what: "email" })
}

/// A manager sends a failed email again.
pub async fn retry_email(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    id: OutboxMessageId,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    match tx.retry_email(id, clock.now()).await {
        Err(StoreError::Conflict { .. }) => {
            return Err(AppError::Conflict {
                code: "email_not_failed",
                detail: "only a failed email can be retried".to_owned(),
            });
        }
        other => other?,
    }
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "email_retried",
        "email",
        id,
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One template in one language, as the template list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateEntry {
    pub kind: EmailKind,
    pub language: Language,
    pub overridden: bool,
}

pub async fn template_list(store: &dyn Store) -> Result<Vec<TemplateEntry>, AppError> {
    let mut tx = store.begin_read().await?;
    let overrides = tx.list_template_overrides().await?;
    Ok(EmailKind::ALL
        .iter()
        .flat_map(|kind| Language::ALL.iter().map(move |language| (*kind, *language)))
        .map(|(kind, language)| TemplateEntry {
            kind,
            language,
            overridden: overrides
                .iter()
                .any(|o| o.kind == kind && o.language == language),
        })
        .collect())
}

/// The template a manager edits: their override, or the shipped one.
pub async fn template_source(
    store: &dyn Store,
    renderer: &dyn EmailRenderer,
    kind: EmailKind,
    language: Language,
) -> Result<(TemplateSource, bool), AppError> {
    let mut tx = store.begin_read().await?;
    Ok(match tx.get_template_override(kind, language).await? {
        Some(o) => (
            TemplateSource {
                subject: o.subject,
                text_body: o.text_body,
                html_body: o.html_body,
            },
            true,
        ),
        None => (renderer.shipped(kind, language), false),
    })
}

/// Renders a template source with sample facts: what the preview shows.
pub fn preview(
    renderer: &dyn EmailRenderer,
    kind: EmailKind,
    language: Language,
    source: &TemplateSource,
) -> Result<RenderedEmail, AppError> {
    renderer
        .render(
            kind,
            language,
            Some(source),
            &renderer.sample_context(kind, language),
        )
        .map_err(problems_to_fields)
}

fn problems_to_fields(problems: Vec<TemplateProblem>) -> AppError {
    AppError::Validation(
        problems
            .into_iter()
            .map(|p| {
                let detail = match p.line {
                    Some(line) => format!("line {line}: {}", p.message),
                    None => p.message,
                };
                FieldError::new(p.part, "template_error", detail)
            })
            .collect(),
    )
}

/// Saves a manager's template after checking that it renders with sample facts.
pub async fn save_template(
    store: &dyn Store,
    renderer: &dyn EmailRenderer,
    clock: &dyn Clock,
    actor: &Actor,
    kind: EmailKind,
    language: Language,
    source: TemplateSource,
) -> Result<(), AppError> {
    preview(renderer, kind, language, &source)?;
    let mut tx = store.begin().await?;
    tx.save_template_override(&TemplateOverride {
        kind,
        language,
        subject: source.subject,
        text_body: source.text_body,
        html_body: source.html_body,
        updated_at: clock.now(),
    })
    .await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "email_template_saved",
        "email_template",
        format!("{}/{}", kind.as_str(), language.code()),
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Goes back to the shipped template.
pub async fn reset_template(
    store: &dyn Store,
    clock: &dyn Clock,
    actor: &Actor,
    kind: EmailKind,
    language: Language,
) -> Result<(), AppError> {
    let mut tx = store.begin().await?;
    tx.delete_template_override(kind, language).await?;
    tx.append_audit(&audit::entry(
        clock.now(),
        actor,
        "email_template_reset",
        "email_template",
        format!("{}/{}", kind.as_str(), language.code()),
        json!({}),
    ))
    .await?;
    tx.commit().await?;
    Ok(())
}
