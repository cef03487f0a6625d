//! Turning a rendered email into a MIME message: `multipart/alternative` (plain text, then
//! HTML, both UTF-8), inside `multipart/mixed` when there are attachments.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use coopshares_domain::language::Language;
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use time::OffsetDateTime;

use crate::{MailError, MailFrom, RenderedEmail};

/// A file sent with an email (a PDF capital release request, a certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    /// A MIME type (`application/pdf`).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Everything a message is made of. [`compose`] covers the common case; use this to set the
/// date or add attachments.
#[derive(Debug, Clone, Copy)]
pub struct Composition<'a> {
    pub from: &'a MailFrom,
    pub to: &'a [String],
    pub rendered: &'a RenderedEmail,
    pub language: Language,
    /// Without angle brackets.
    pub message_id: &'a str,
    /// The `Date` header; now when `None`. The outbox passes the time the email was queued,
    /// so that a retry sends the very same message.
    pub date: Option<OffsetDateTime>,
    pub attachments: &'a [Attachment],
}

/// A message from `from` to every address of `to`, dated now, without attachments.
pub fn compose(
    from: &MailFrom,
    to: &[String],
    rendered: &RenderedEmail,
    language: Language,
    message_id: &str,
) -> Result<Message, MailError> {
    Composition {
        from,
        to,
        rendered,
        language,
        message_id,
        date: None,
        attachments: &[],
    }
    .build()
}

impl Composition<'_> {
    pub fn build(&self) -> Result<Message, MailError> {
        if self.to.is_empty() {
            return Err(MailError::NoRecipient);
        }
        let mut builder = Message::builder()
            .from(self.from.mailbox().clone())
            .subject(self.rendered.subject.as_str())
            .message_id(Some(format!("<{}>", self.message_id)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                self.language.code().to_owned(),
            ))
            // RFC 3834: tells auto-responders (holiday replies) not to answer.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ));
        if let Some(date) = self.date {
            builder = builder.date(SystemTime::from(date));
        }
        for address in self.to {
            let mailbox =
                address
                    .parse::<Mailbox>()
                    .map_err(|source| MailError::InvalidRecipient {
                        address: address.clone(),
                        source,
                    })?;
            builder = builder.to(mailbox);
        }
        let alternative = MultiPart::alternative_plain_html(
            self.rendered.text_body.clone(),
            self.rendered.html_body.clone(),
        );
        let body = if self.attachments.is_empty() {
            alternative
        } else {
            let mut mixed = MultiPart::mixed().multipart(alternative);
            for attachment in self.attachments {
                let content_type = ContentType::parse(&attachment.content_type)
                    .map_err(|_| MailError::InvalidContentType(attachment.content_type.clone()))?;
                mixed = mixed.singlepart(
                    lettre::message::Attachment::new(attachment.filename.clone())
                        .body(attachment.bytes.clone(), content_type),
                );
            }
            mixed
        };
        builder.multipart(body).map_err(MailError::Build)
    }
}

/// A new Message-ID (without angle brackets): 16 random bytes in hex, `@`, `domain`.
pub fn new_message_id(domain: &str) -> String {
    let mut bytes = [0_u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // The system has no randomness to give (practically never on the supported systems):
        // the time, the process and a counter still make the id unique.
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos());
        let count = COUNTER.fetch_add(1, Ordering::Relaxed);
        let unique = (nanos << 64) ^ (u128::from(std::process::id()) << 32) ^ u128::from(count);
        bytes = unique.to_be_bytes();
    }
    let mut id = String::with_capacity(33 + domain.len());
    for byte in bytes {
        let _ = write!(id, "{byte:02x}");
    }
    id.push('@');
    id.push_str(domain);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered() -> RenderedEmail {
        RenderedEmail {
            subject: "Votre demande de souscription à Énergie Citoyenne".to_owned(),
            text_body: "Bonjour Marie,\n".to_owned(),
            html_body: "<p>Bonjour Marie,</p>".to_owned(),
        }
    }

    fn header(message: &Message, name: &str) -> Option<String> {
        message.headers().get_raw(name).map(str::to_owned)
    }

    #[test]
    fn message_ids_are_random_hex_at_the_domain() {
        let first = new_message_id("coop.example");
        let second = new_message_id("coop.example");
        assert_ne!(first, second);
        let (local, domain) = first.split_once('@').unwrap();
        assert_eq!(domain, "coop.example");
        assert_eq!(local.len(), 32);
        assert!(local.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn a_message_carries_its_id_language_and_auto_submitted_headers() {
        let from = MailFrom::default();
        let message = compose(
            &from,
            &["marie@example.org".to_owned()],
            &rendered(),
            Language::Fr,
            "abc@coop.example",
        )
        .unwrap();
        assert_eq!(
            header(&message, "Message-ID").unwrap(),
            "<abc@coop.example>"
        );
        assert_eq!(header(&message, "Content-Language").unwrap(), "fr");
        assert_eq!(
            header(&message, "Auto-Submitted").unwrap(),
            "auto-generated"
        );
        let formatted = String::from_utf8(message.formatted()).unwrap();
        assert!(formatted.contains("multipart/alternative"), "{formatted}");
    }

    #[test]
    fn the_date_is_the_one_given() {
        let date = time::macros::datetime!(2026-03-01 09:30 UTC);
        let message = Composition {
            from: &MailFrom::default(),
            to: &["marie@example.org".to_owned()],
            rendered: &rendered(),
            language: Language::Fr,
            message_id: "abc@coop.example",
            date: Some(date),
            attachments: &[],
        }
        .build()
        .unwrap();
        let header = header(&message, "Date").unwrap();
        assert!(header.contains("1 Mar 2026 09:30:00"), "{header}");
    }

    #[test]
    fn an_invalid_recipient_or_none_at_all_is_refused() {
        let from = MailFrom::default();
        let error = compose(
            &from,
            &["not an address".to_owned()],
            &rendered(),
            Language::En,
            "a@b",
        )
        .unwrap_err();
        assert!(
            matches!(error, MailError::InvalidRecipient { .. }),
            "{error}"
        );
        let error = compose(&from, &[], &rendered(), Language::En, "a@b").unwrap_err();
        assert!(matches!(error, MailError::NoRecipient), "{error}");
    }

    #[test]
    fn attachments_make_a_mixed_message_after_the_alternative_part() {
        let message = Composition {
            from: &MailFrom::default(),
            to: &["marie@example.org".to_owned()],
            rendered: &rendered(),
            language: Language::Fr,
            message_id: "abc@coop.example",
            date: None,
            attachments: &[Attachment {
                filename: "certificat-2026-0017.pdf".to_owned(),
                content_type: "application/pdf".to_owned(),
                bytes: b"%PDF-1.7 fake".to_vec(),
            }],
        }
        .build()
        .unwrap();
        let formatted = String::from_utf8(message.formatted()).unwrap();
        let mixed = formatted.find("multipart/mixed").unwrap();
        let alternative = formatted.find("multipart/alternative").unwrap();
        let pdf = formatted.find("application/pdf").unwrap();
        assert!(mixed < alternative && alternative < pdf, "{formatted}");
        assert!(formatted.contains("certificat-2026-0017.pdf"));
    }
}
