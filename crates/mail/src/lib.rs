//! Email for Coopshares: the shipped templates and their rendering, composing MIME messages,
//! the transports (SMTP, or `.eml` files when no server is configured) and the outbox worker
//! that delivers queued emails with retries.
//!
//! Use cases render an email with [`Templates`] and queue it through the outbox port in the
//! same transaction as the change that causes it; the [`worker`] later composes and sends it.
//! This crate depends on `app` (ports, clock) and `domain` only: never on a storage adapter or
//! on `web`. The binary wires a store, a [`MailTransport`] and a [`MailFrom`] into
//! [`worker::run`].

mod compose;
mod error;
mod renderer;
mod sender;
pub mod templates;
mod transport;
pub mod worker;

pub use compose::{Attachment, Composition, compose, new_message_id};
pub use error::MailError;
pub use sender::{MailFrom, MailFromError};
pub use templates::{RenderedEmail, TemplatePart, TemplateProblem, Templates};
pub use transport::{DeliveryError, MailTransport, TransportConfigError};
pub use worker::{DeliveryReport, deliver_due};

/// The full cause chain of an error on one line (`outer: inner: root`), for logs and for the
/// last error shown in the back office.
pub fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // Some errors repeat their source in their own message; say it once.
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
