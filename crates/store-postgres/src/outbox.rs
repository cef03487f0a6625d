//! The outbox and the email template overrides on PostgreSQL.

use async_trait::async_trait;
use coopshares_app::ports::{
    EmailAttachment, EmailRecord, EmailTemplates, NewEmail, Outbox, StoreError, TemplateOverride,
};
use coopshares_domain::ids::OutboxMessageId;
use coopshares_domain::language::Language;
use coopshares_domain::outbox::{EmailKind, OutboxState};
use sqlx::Row;
use sqlx::postgres::PgRow;
use time::OffsetDateTime;

use crate::error::{corrupt, map};
use crate::tx::PgTx;

const EMAIL_COLUMNS: &str = "id, kind, language, recipients, subject, text_body, html_body, \
     message_id, about, state, attempts, next_attempt_at, last_error, created_at, sent_at";

fn parse<T: std::str::FromStr>(row: &PgRow, column: &str) -> Result<T, StoreError> {
    let text: String = row.try_get(column).map_err(map)?;
    text.parse().map_err(|_| corrupt(column, &text))
}

fn email_from_row(row: &PgRow) -> Result<EmailRecord, StoreError> {
    let recipients: String = row.try_get("recipients").map_err(map)?;
    let attempts: i64 = row.try_get("attempts").map_err(map)?;
    Ok(EmailRecord {
        id: OutboxMessageId::new(row.try_get("id").map_err(map)?),
        email: NewEmail {
            kind: parse(row, "kind")?,
            language: parse(row, "language")?,
            to: serde_json::from_str(&recipients)
                .map_err(|_| corrupt("recipients", &recipients))?,
            subject: row.try_get("subject").map_err(map)?,
            text_body: row.try_get("text_body").map_err(map)?,
            html_body: row.try_get("html_body").map_err(map)?,
            message_id: row.try_get("message_id").map_err(map)?,
            about: row.try_get("about").map_err(map)?,
            // Filled in by `PgTx::attach`, from their own table.
            attachments: Vec::new(),
            created_at: row.try_get("created_at").map_err(map)?,
        },
        state: parse(row, "state")?,
        attempts: u32::try_from(attempts)
            .map_err(|_| corrupt("attempts", &attempts.to_string()))?,
        next_attempt_at: row.try_get("next_attempt_at").map_err(map)?,
        last_error: row.try_get("last_error").map_err(map)?,
        sent_at: row.try_get("sent_at").map_err(map)?,
    })
}

impl PgTx {
    /// Loads the attachments of `emails` in one query and gives each its own, in order.
    async fn attach(
        &mut self,
        mut emails: Vec<EmailRecord>,
    ) -> Result<Vec<EmailRecord>, StoreError> {
        if emails.is_empty() {
            return Ok(emails);
        }
        let ids: Vec<i64> = emails.iter().map(|email| email.id.get()).collect();
        let rows: Vec<(i64, String, String, Vec<u8>)> = sqlx::query_as(
            "SELECT email_id, filename, content_type, content FROM outbox_attachments
             WHERE email_id = ANY($1) ORDER BY email_id, position",
        )
        .bind(ids)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        for (email_id, filename, content_type, content) in rows {
            if let Some(email) = emails.iter_mut().find(|email| email.id.get() == email_id) {
                email.email.attachments.push(EmailAttachment {
                    filename,
                    content_type,
                    content,
                });
            }
        }
        Ok(emails)
    }

    /// `NotFound` if the email does not exist, else `Conflict`: it is not in the state the
    /// caller expected.
    async fn missing_or_conflict(&mut self, id: OutboxMessageId) -> StoreError {
        match self.get_email(id).await {
            Ok(None) => StoreError::NotFound { entity: "email" },
            Ok(Some(_)) => StoreError::Conflict {
                entity: "email",
                id: id.to_string(),
            },
            Err(error) => error,
        }
    }
}

#[async_trait]
impl Outbox for PgTx {
    async fn enqueue_email(&mut self, email: &NewEmail) -> Result<OutboxMessageId, StoreError> {
        let recipients =
            serde_json::to_string(&email.to).map_err(|e| StoreError::Other(Box::new(e)))?;
        let attachments = &email.attachments;
        let filenames: Vec<&str> = attachments.iter().map(|a| a.filename.as_str()).collect();
        let content_types: Vec<&str> = attachments
            .iter()
            .map(|a| a.content_type.as_str())
            .collect();
        let contents: Vec<&[u8]> = attachments.iter().map(|a| a.content.as_slice()).collect();
        // One round trip: the email, then its attachments at positions 0, 1, … in their order.
        let id: i64 = sqlx::query_scalar(
            "WITH email AS (
                 INSERT INTO outbox_emails (kind, language, recipients, subject, text_body,
                     html_body, message_id, about, state, attempts, next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9) RETURNING id
             ), files AS (
                 INSERT INTO outbox_attachments (email_id, position, filename, content_type,
                     content)
                 SELECT email.id, file.ordinality - 1, file.filename, file.content_type,
                     file.content
                 FROM email, UNNEST($10::text[], $11::text[], $12::bytea[])
                     WITH ORDINALITY AS file (filename, content_type, content, ordinality)
             )
             SELECT id FROM email",
        )
        .bind(email.kind.as_str())
        .bind(email.language.code())
        .bind(recipients)
        .bind(&email.subject)
        .bind(&email.text_body)
        .bind(&email.html_body)
        .bind(&email.message_id)
        .bind(&email.about)
        .bind(email.created_at)
        .bind(filenames)
        .bind(content_types)
        .bind(contents)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(OutboxMessageId::new(id))
    }

    /// One statement for a batch of emails without attachments (arrays unnested); with an
    /// attachment, one statement per email as above.
    async fn enqueue_emails(
        &mut self,
        emails: &[NewEmail],
    ) -> Result<Vec<OutboxMessageId>, StoreError> {
        if emails.iter().any(|email| !email.attachments.is_empty()) {
            let mut ids = Vec::with_capacity(emails.len());
            for email in emails {
                ids.push(self.enqueue_email(email).await?);
            }
            return Ok(ids);
        }
        let recipients = emails
            .iter()
            .map(|email| serde_json::to_string(&email.to))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| StoreError::Other(Box::new(e)))?;
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "INSERT INTO outbox_emails (kind, language, recipients, subject, text_body,
                 html_body, message_id, about, state, attempts, next_attempt_at, created_at)
             SELECT kind, language, recipients, subject, text_body, html_body, message_id,
                 about, 'pending', 0, created_at, created_at
             FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                 $6::text[], $7::text[], $8::text[], $9::timestamptz[])
                 AS email (kind, language, recipients, subject, text_body, html_body,
                     message_id, about, created_at)
             RETURNING id, message_id",
        )
        .bind(emails.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>())
        .bind(emails.iter().map(|e| e.language.code()).collect::<Vec<_>>())
        .bind(&recipients)
        .bind(
            emails
                .iter()
                .map(|e| e.subject.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            emails
                .iter()
                .map(|e| e.text_body.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            emails
                .iter()
                .map(|e| e.html_body.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            emails
                .iter()
                .map(|e| e.message_id.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            emails
                .iter()
                .map(|e| e.about.as_deref())
                .collect::<Vec<_>>(),
        )
        .bind(emails.iter().map(|e| e.created_at).collect::<Vec<_>>())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        // RETURNING follows no promised order: each id is found again by its Message-ID,
        // which is unique.
        let ids: std::collections::HashMap<String, i64> = rows
            .into_iter()
            .map(|(id, message_id)| (message_id, id))
            .collect();
        emails
            .iter()
            .map(|email| {
                ids.get(&email.message_id)
                    .map(|&id| OutboxMessageId::new(id))
                    .ok_or_else(|| corrupt("queued email", &email.message_id))
            })
            .collect()
    }

    async fn claim_due_emails(
        &mut self,
        now: OffsetDateTime,
        lease_until: OffsetDateTime,
        limit: u32,
    ) -> Result<Vec<EmailRecord>, StoreError> {
        // SKIP LOCKED: two workers claiming at once take different emails instead of waiting.
        let rows = sqlx::query(&format!(
            "UPDATE outbox_emails SET next_attempt_at = $2
             WHERE id IN (SELECT id FROM outbox_emails
                          WHERE state = 'pending' AND next_attempt_at <= $1
                          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
             RETURNING {EMAIL_COLUMNS}"
        ))
        .bind(now)
        .bind(lease_until)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        let mut emails = rows
            .iter()
            .map(email_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        emails.sort_by_key(|email| email.id);
        self.attach(emails).await
    }

    async fn mark_email_sent(
        &mut self,
        id: OutboxMessageId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_emails SET state = 'sent', attempts = attempts + 1, sent_at = $2
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id.get())
        .bind(at)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(self.missing_or_conflict(id).await);
        }
        Ok(())
    }

    async fn record_email_failure(
        &mut self,
        id: OutboxMessageId,
        attempts: u32,
        state: OutboxState,
        next_attempt_at: OffsetDateTime,
        error: &str,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_emails SET attempts = $2, state = $3, next_attempt_at = $4,
                 last_error = $5
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id.get())
        .bind(i64::from(attempts))
        .bind(state.as_str())
        .bind(next_attempt_at)
        .bind(error)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(self.missing_or_conflict(id).await);
        }
        Ok(())
    }

    async fn list_emails(
        &mut self,
        state: Option<OutboxState>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<EmailRecord>, StoreError> {
        let emails = sqlx::query(&format!(
            "SELECT {EMAIL_COLUMNS} FROM outbox_emails WHERE $1::text IS NULL OR state = $1
             ORDER BY id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(state.map(OutboxState::as_str))
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(email_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        self.attach(emails).await
    }

    async fn count_emails_by_state(&mut self) -> Result<Vec<(OutboxState, u64)>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT state, count(*) FROM outbox_emails GROUP BY state ORDER BY state",
        )
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        rows.into_iter()
            .map(|(state, count)| {
                let parsed = state.parse().map_err(|_| corrupt("state", &state))?;
                Ok((parsed, u64::try_from(count).unwrap_or_default()))
            })
            .collect()
    }

    async fn get_email(&mut self, id: OutboxMessageId) -> Result<Option<EmailRecord>, StoreError> {
        let email = sqlx::query(&format!(
            "SELECT {EMAIL_COLUMNS} FROM outbox_emails WHERE id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(email_from_row)
        .transpose()?;
        let Some(email) = email else {
            return Ok(None);
        };
        Ok(self.attach(vec![email]).await?.pop())
    }

    async fn retry_email(
        &mut self,
        id: OutboxMessageId,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox_emails SET state = 'pending', next_attempt_at = $2
             WHERE id = $1 AND state = 'failed'",
        )
        .bind(id.get())
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        if done.rows_affected() == 0 {
            return Err(self.missing_or_conflict(id).await);
        }
        Ok(())
    }
}

fn template_from_row(row: &PgRow) -> Result<TemplateOverride, StoreError> {
    Ok(TemplateOverride {
        kind: parse(row, "kind")?,
        language: parse(row, "language")?,
        subject: row.try_get("subject").map_err(map)?,
        text_body: row.try_get("text_body").map_err(map)?,
        html_body: row.try_get("html_body").map_err(map)?,
        updated_at: row.try_get("updated_at").map_err(map)?,
    })
}

#[async_trait]
impl EmailTemplates for PgTx {
    async fn get_template_override(
        &mut self,
        kind: EmailKind,
        language: Language,
    ) -> Result<Option<TemplateOverride>, StoreError> {
        sqlx::query(
            "SELECT kind, language, subject, text_body, html_body, updated_at
             FROM email_template_overrides WHERE kind = $1 AND language = $2",
        )
        .bind(kind.as_str())
        .bind(language.code())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(template_from_row)
        .transpose()
    }

    async fn list_template_overrides(&mut self) -> Result<Vec<TemplateOverride>, StoreError> {
        sqlx::query(
            "SELECT kind, language, subject, text_body, html_body, updated_at
             FROM email_template_overrides ORDER BY kind, language",
        )
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(template_from_row)
        .collect()
    }

    async fn save_template_override(
        &mut self,
        template: &TemplateOverride,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO email_template_overrides
                 (kind, language, subject, text_body, html_body, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (kind, language) DO UPDATE SET subject = excluded.subject,
                 text_body = excluded.text_body, html_body = excluded.html_body,
                 updated_at = excluded.updated_at",
        )
        .bind(template.kind.as_str())
        .bind(template.language.code())
        .bind(&template.subject)
        .bind(&template.text_body)
        .bind(&template.html_body)
        .bind(template.updated_at)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(())
    }

    async fn delete_template_override(
        &mut self,
        kind: EmailKind,
        language: Language,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM email_template_overrides WHERE kind = $1 AND language = $2")
            .bind(kind.as_str())
            .bind(language.code())
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }
}
