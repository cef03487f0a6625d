//! The outbox worker: delivers the emails use cases queued, retrying with back-off.
//!
//! Each round claims a batch of due emails in one short transaction (the claim leases them, so
//! another worker leaves them alone) and commits before any network I/O. Each email is then
//! composed and sent, and the outcome recorded in its own short transaction: no database
//! transaction is ever held open across SMTP. A worker that dies mid-round loses its leases and
//! the emails are tried again, so delivery is at least once; the stable Message-ID lets the
//! receiving side recognise a repeat.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use coopshares_app::AppError;
use coopshares_app::clock::Clock;
use coopshares_app::ports::{EmailRecord, Store};
use coopshares_domain::outbox::{OutboxState, after_failure, next_attempt_after};
use tokio::sync::Notify;

use crate::{Attachment, Composition, MailFrom, MailTransport, RenderedEmail, error_chain};

/// How long a claimed email is reserved for this worker.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// Stop sending a batch when less than this is left of its lease: the rest are claimed again
/// later rather than risk being sent twice by another worker.
const LEASE_MARGIN: Duration = Duration::from_secs(60);
/// Emails claimed per round by [`run`].
pub const BATCH: u32 = 10;
/// How often [`run`] looks for due emails when nobody wakes it.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: u32,
    /// Failed this time, to be tried again later.
    pub retried_later: u32,
    /// Failed for good: a permanent error, or the last allowed attempt.
    pub failed: u32,
}

impl DeliveryReport {
    /// How many emails the round handled.
    pub fn handled(&self) -> u32 {
        self.sent + self.retried_later + self.failed
    }
}

/// Delivers up to `batch` due emails once.
pub async fn deliver_due(
    store: &dyn Store,
    transport: &MailTransport,
    clock: &dyn Clock,
    from: &MailFrom,
    batch: u32,
) -> Result<DeliveryReport, AppError> {
    let started = Instant::now();
    let now = clock.now();
    let lease = time::Duration::try_from(LEASE).map_err(AppError::unexpected)?;
    let claimed = {
        let mut tx = store.begin().await?;
        let claimed = tx.claim_due_emails(now, now + lease, batch).await?;
        tx.commit().await?;
        claimed
    };

    let mut report = DeliveryReport::default();
    for email in claimed {
        if started.elapsed() + LEASE_MARGIN > LEASE {
            tracing::warn!(
                email = %email.id,
                "the outbox round is slow: leaving the rest of the batch for the next round"
            );
            break;
        }
        match send(transport, from, &email).await {
            Ok(()) => {
                let mut tx = store.begin().await?;
                tx.mark_email_sent(email.id, clock.now()).await?;
                tx.commit().await?;
                tracing::info!(email = %email.id, kind = %email.email.kind, "email sent");
                report.sent += 1;
            }
            Err((error, permanent)) => {
                let attempts = email.attempts.saturating_add(1);
                let state = if permanent {
                    OutboxState::Failed
                } else {
                    after_failure(attempts)
                };
                // The first retry waits 30 s, then the delay doubles (see the domain's table).
                let next_attempt_at = clock.now() + next_attempt_after(email.attempts);
                let mut tx = store.begin().await?;
                tx.record_email_failure(email.id, attempts, state, next_attempt_at, &error)
                    .await?;
                tx.commit().await?;
                if state == OutboxState::Failed {
                    tracing::error!(
                        email = %email.id, kind = %email.email.kind, attempts, error = %error,
                        "email delivery failed for good"
                    );
                    report.failed += 1;
                } else {
                    tracing::warn!(
                        email = %email.id, kind = %email.email.kind, attempts, error = %error,
                        next_attempt_at = %next_attempt_at,
                        "email delivery failed; will retry"
                    );
                    report.retried_later += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Composes and sends one email; on failure, the error text for the back office and whether
/// retrying is pointless.
async fn send(
    transport: &MailTransport,
    from: &MailFrom,
    email: &EmailRecord,
) -> Result<(), (String, bool)> {
    let queued = &email.email;
    let rendered = RenderedEmail {
        subject: queued.subject.clone(),
        text_body: queued.text_body.clone(),
        html_body: queued.html_body.clone(),
    };
    // The files stored with the email, exactly as queued, so a retry sends the same message.
    let attachments: Vec<Attachment> = queued
        .attachments
        .iter()
        .map(|stored| Attachment {
            filename: stored.filename.clone(),
            content_type: stored.content_type.clone(),
            bytes: stored.content.clone(),
        })
        .collect();
    let message = Composition {
        from,
        to: &queued.to,
        rendered: &rendered,
        language: queued.language,
        message_id: &queued.message_id,
        date: Some(queued.created_at),
        attachments: &attachments,
    }
    .build()
    // A message that cannot be built now never will be.
    .map_err(|error| (error_chain(&error), true))?;
    transport
        .send(&message)
        .await
        .map_err(|error| (error_chain(&error), error.is_permanent()))
}

/// Delivers due emails until `shutdown` completes: a round, then a wait for `wake` (a use case
/// queued something), [`POLL_INTERVAL`] or shutdown. A round in progress is finished before
/// returning, so no email is left half-sent. Errors are logged with their cause chain; the
/// loop goes on.
pub async fn run(
    store: Arc<dyn Store>,
    transport: MailTransport,
    clock: Arc<dyn Clock>,
    from: MailFrom,
    wake: Arc<Notify>,
    shutdown: impl Future<Output = ()>,
) {
    tracing::info!(transport = %transport.describe(), from = %from, "outbox worker started");
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let full_batch =
            match deliver_due(store.as_ref(), &transport, clock.as_ref(), &from, BATCH).await {
                Ok(report) => report.handled() >= BATCH,
                Err(error) => {
                    tracing::error!(error = %error_chain(&error), "outbox round failed");
                    false
                }
            };
        // A full batch suggests more is due: go again at once (still honouring shutdown).
        let pause = if full_batch {
            Duration::ZERO
        } else {
            POLL_INTERVAL
        };
        tokio::select! {
            () = &mut shutdown => break,
            () = wake.notified() => {}
            () = tokio::time::sleep(pause) => {}
        }
    }
    tracing::info!("outbox worker stopped");
}
