//! What can go wrong while rendering or composing an email.

use coopshares_domain::language::Language;
use coopshares_domain::outbox::EmailKind;

use crate::templates::TemplatePart;

/// Rendering or composing failed. Delivery problems are [`crate::DeliveryError`], transport
/// configuration problems [`crate::TransportConfigError`].
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// A template shipped with Coopshares does not compile: a bug, caught at start-up.
    #[error("the shipped email template {name} does not compile")]
    ShippedTemplate {
        name: &'static str,
        #[source]
        source: minijinja::Error,
    },
    /// A template (shipped or a manager's override) failed with the given data, for example
    /// because a variable it uses was not provided.
    #[error("cannot render the {part} of the {kind} email in {language}")]
    Render {
        kind: EmailKind,
        language: Language,
        part: TemplatePart,
        #[source]
        source: minijinja::Error,
    },
    /// The rendered subject has a line break, which would break the message header.
    #[error("the subject of the {kind} email in {language} is not one line")]
    MultiLineSubject { kind: EmailKind, language: Language },
    /// A recipient address is not a valid email address.
    #[error("invalid recipient address {address:?}")]
    InvalidRecipient {
        address: String,
        #[source]
        source: lettre::address::AddressError,
    },
    /// An email needs at least one recipient.
    #[error("the email has no recipient")]
    NoRecipient,
    /// An attachment's content type is not a MIME type.
    #[error("invalid content type {0:?} for an attachment")]
    InvalidContentType(String),
    /// lettre refused to build the message.
    #[error("cannot build the email message")]
    Build(#[source] lettre::error::Error),
}
