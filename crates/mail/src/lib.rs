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
pub use coopshares_app::error::error_chain;
pub use error::MailError;
pub use sender::{MailFrom, MailFromError};
pub use templates::{RenderedEmail, TemplatePart, TemplateProblem, Templates};
pub use transport::{DeliveryError, MailTransport, TransportConfigError};
pub use worker::{DeliveryReport, deliver_due};
