//! The outbox: emails written in the same transaction as the change that causes them, and
//! delivered afterwards by the worker; and the managers' overrides of email templates.
//!
//! An email is rendered before it is queued, so the outbox holds exactly what is (or was) sent,
//! with a Message-ID fixed at that moment: a retry sends the same message again, recognisable
//! as such by the receiving side.

use async_trait::async_trait;
use coopshares_domain::ids::OutboxMessageId;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::{EmailKind, OutboxState};
use time::OffsetDateTime;

use super::StoreError;

/// An email to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEmail {
    pub kind: EmailKind,
    pub language: Language,
    /// Recipient addresses (already validated).
    pub to: Vec<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// The Message-ID without angle brackets (`3f9a…@coop.example`), unique.
    pub message_id: String,
    /// The record it is about (`subscription_request:12`), for the back office.
    pub about: Option<String>,
    /// Files sent with the email (the capital release request, the certificate), in order.
    pub attachments: Vec<EmailAttachment>,
    pub created_at: OffsetDateTime,
}

/// A file attached to an email, stored with it exactly as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAttachment {
    /// A plain file name (`capital-release-request-2026-0001.pdf`).
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// A queued email and how its delivery went so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailRecord {
    pub id: OutboxMessageId,
    pub email: NewEmail,
    pub state: OutboxState,
    pub attempts: u32,
    /// When the worker may (next) try; for a claimed email, the end of its lease.
    pub next_attempt_at: OffsetDateTime,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
}

#[async_trait]
pub trait Outbox {
    async fn enqueue_email(&mut self, email: &NewEmail) -> Result<OutboxMessageId, StoreError>;
    /// Queues emails (at most `ROWS_PER_BATCH`) in one go; their ids in the order given.
    async fn enqueue_emails(
        &mut self,
        emails: &[NewEmail],
    ) -> Result<Vec<OutboxMessageId>, StoreError> {
        let mut ids = Vec::with_capacity(emails.len());
        for email in emails {
            ids.push(self.enqueue_email(email).await?);
        }
        Ok(ids)
    }

    /// Up to `limit` pending emails due at `now`, oldest first, each leased until
    /// `lease_until` (its `next_attempt_at` moves there) so that no other worker takes it
    /// meanwhile. A worker that dies mid-send loses its lease and the email is tried again.
    async fn claim_due_emails(
        &mut self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<EmailRecord>, StoreError>;

    /// Records a successful delivery: state `sent`, one more attempt.
    async fn mark_email_sent(
        &mut self,
        id: OutboxMessageId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;

    /// Records a failed attempt: the new attempt count and state (`pending` with the next
    /// attempt time, or `failed` for good) and the error, for the back office.
    async fn record_email_failure(
        &mut self,
        id: OutboxMessageId,
        attempts: u32,
        state: OutboxState,
        next_attempt_at: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError>;

    /// Emails newest first, optionally only those in `state`.
    async fn list_emails(
        &mut self,
        state: Option<OutboxState>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<EmailRecord>, StoreError>;

    /// How many emails are in each state.
    async fn count_emails_by_state(&mut self) -> Result<Vec<(OutboxState, u64)>, StoreError>;

    async fn get_email(&mut self, id: OutboxMessageId) -> Result<Option<EmailRecord>, StoreError>;

    /// A manager's retry of a failed email: back to `pending`, due at `now`, attempts kept.
    /// `Conflict` if the email is not failed (it was retried or sent meanwhile).
    async fn retry_email(
        &mut self,
        id: OutboxMessageId,
        now: OffsetDateTime,
    ) -> Result<(), StoreError>;
}

/// A manager's version of one email template in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateOverride {
    pub kind: EmailKind,
    pub language: Language,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub updated_at: OffsetDateTime,
}

#[async_trait]
pub trait EmailTemplates {
    async fn get_template_override(
        &mut self,
        kind: EmailKind,
        language: Language,
    ) -> Result<Option<TemplateOverride>, StoreError>;

    async fn list_template_overrides(&mut self) -> Result<Vec<TemplateOverride>, StoreError>;

    /// Creates or replaces the override of (kind, language).
    async fn save_template_override(
        &mut self,
        template: &TemplateOverride,
    ) -> Result<(), StoreError>;

    /// Goes back to the shipped template. Deleting a missing override does nothing.
    async fn delete_template_override(
        &mut self,
        kind: EmailKind,
        language: Language,
    ) -> Result<(), StoreError>;
}
