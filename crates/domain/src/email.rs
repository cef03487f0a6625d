//! Email addresses.
//!
//! Email is how Coopshares recognises a person who comes back (a second subscription, a login,
//! a bank line's sender), so the stored form is normalised: trimmed and lower-cased in full.
//! RFC 5321 lets a mail server treat the local part (before the `@`) as case-sensitive, but no
//! mainstream provider does, and two contacts `Ann@x.org` and `ann@x.org` would be a worse
//! problem than the theoretical one. Quoted local parts and IP-literal domains are refused: they
//! are legal but never typed by real members, and they complicate email headers.

use std::fmt;

/// The longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).
pub const MAX_LENGTH: usize = 254;
const MAX_LOCAL_LENGTH: usize = 64;
const MAX_LABEL_LENGTH: usize = 63;

/// Why a text is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address is longer than {MAX_LENGTH} characters")]
    TooLong,
    #[error("the email address must not contain spaces or control characters")]
    Whitespace,
    #[error("the email address must contain exactly one @")]
    NotExactlyOneAt,
    #[error("the part before the @ is empty")]
    EmptyLocalPart,
    #[error("the part before the @ is longer than {MAX_LOCAL_LENGTH} characters")]
    LocalPartTooLong,
    #[error("the part before the @ contains {0:?}, which is not allowed")]
    InvalidLocalCharacter(char),
    #[error("the part before the @ must not start or end with a dot or have two dots in a row")]
    MisplacedDot,
    #[error("the domain must contain a dot, as in example.org")]
    DomainWithoutDot,
    #[error("the domain {0:?} is not a valid domain name")]
    InvalidDomain(String),
}

/// A syntactically valid, normalised email address (trimmed, lower-case).
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Checks and normalises an address typed by a person or received from another system.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(EmailError::Whitespace);
        }
        if trimmed.chars().count() > MAX_LENGTH {
            return Err(EmailError::TooLong);
        }
        let normalised = trimmed.to_lowercase();
        let mut parts = normalised.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EmailError::NotExactlyOneAt);
        };
        check_local_part(local)?;
        check_domain(domain)?;
        Ok(Self(normalised))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.split_once('@').map_or("", |(local, _)| local)
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.split_once('@').map_or("", |(_, domain)| domain)
    }
}

fn check_local_part(local: &str) -> Result<(), EmailError> {
    if local.is_empty() {
        return Err(EmailError::EmptyLocalPart);
    }
    if local.chars().count() > MAX_LOCAL_LENGTH {
        return Err(EmailError::LocalPartTooLong);
    }
    // These characters only appear inside quoted local parts, which we refuse (module doc).
    if let Some(bad) = local.chars().find(|c| "\"(),:;<>[\\]".contains(*c)) {
        return Err(EmailError::InvalidLocalCharacter(bad));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(EmailError::MisplacedDot);
    }
    Ok(())
}

fn check_domain(domain: &str) -> Result<(), EmailError> {
    if !domain.contains('.') {
        return Err(EmailError::DomainWithoutDot);
    }
    let invalid = || EmailError::InvalidDomain(domain.to_owned());
    for label in domain.split('.') {
        let length = label.chars().count();
        if length == 0 || length > MAX_LABEL_LENGTH {
            return Err(invalid());
        }
        // Letters beyond ASCII are allowed: internationalised domains are typed in Unicode.
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err(invalid());
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(invalid());
        }
    }
    let top_level = domain.rsplit('.').next().unwrap_or_default();
    if top_level.chars().count() < 2 || top_level.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    Ok(())
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Email {
    type Err = EmailError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased_entirely() {
        let email = Email::parse("  Ann.Peeters@Example.ORG \n").unwrap();
        assert_eq!(email.as_str(), "ann.peeters@example.org");
        assert_eq!(email.local_part(), "ann.peeters");
        assert_eq!(email.domain(), "example.org");
    }

    #[test]
    fn two_spellings_of_the_same_address_are_equal() {
        assert_eq!(
            Email::parse("JAN@coop.be").unwrap(),
            Email::parse("jan@COOP.BE").unwrap()
        );
    }

    #[test]
    fn plus_addressing_and_subdomains_are_accepted() {
        assert!(Email::parse("ann+coop@mail.example.co.uk").is_ok());
        assert!(Email::parse("o'brien@example.ie").is_ok());
    }

    #[test]
    fn internationalised_domains_are_accepted() {
        assert_eq!(
            Email::parse("léa@Crème.FR").unwrap().as_str(),
            "léa@crème.fr"
        );
    }

    #[test]
    fn an_empty_address_is_refused() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
    }

    #[test]
    fn an_address_without_at_or_with_two_is_refused() {
        assert_eq!(
            Email::parse("ann.example.org"),
            Err(EmailError::NotExactlyOneAt)
        );
        assert_eq!(
            Email::parse("ann@b@example.org"),
            Err(EmailError::NotExactlyOneAt)
        );
    }

    #[test]
    fn an_empty_local_part_is_refused() {
        assert_eq!(
            Email::parse("@example.org"),
            Err(EmailError::EmptyLocalPart)
        );
    }

    #[test]
    fn a_domain_without_dot_is_refused() {
        assert_eq!(
            Email::parse("ann@localhost"),
            Err(EmailError::DomainWithoutDot)
        );
    }

    #[test]
    fn malformed_domain_labels_are_refused() {
        for bad in [
            "ann@example..org",
            "ann@.example.org",
            "ann@example.org.",
            "ann@-example.org",
            "ann@example-.org",
            "ann@exa_mple.org",
            "ann@example.c",
            "ann@10.0.0.1",
        ] {
            assert!(
                matches!(Email::parse(bad), Err(EmailError::InvalidDomain(_))),
                "{bad} should be refused"
            );
        }
    }

    #[test]
    fn internal_whitespace_and_control_characters_are_refused() {
        assert_eq!(
            Email::parse("ann peeters@example.org"),
            Err(EmailError::Whitespace)
        );
        assert_eq!(
            Email::parse("ann\u{7}@example.org"),
            Err(EmailError::Whitespace)
        );
        assert_eq!(
            Email::parse("ann@exa\tmple.org"),
            Err(EmailError::Whitespace)
        );
    }

    #[test]
    fn quoted_local_part_characters_are_refused() {
        assert_eq!(
            Email::parse("ann<x>@example.org"),
            Err(EmailError::InvalidLocalCharacter('<'))
        );
    }

    #[test]
    fn dots_at_the_edges_of_the_local_part_are_refused() {
        assert_eq!(
            Email::parse(".ann@example.org"),
            Err(EmailError::MisplacedDot)
        );
        assert_eq!(
            Email::parse("ann.@example.org"),
            Err(EmailError::MisplacedDot)
        );
        assert_eq!(
            Email::parse("an..n@example.org"),
            Err(EmailError::MisplacedDot)
        );
    }

    #[test]
    fn addresses_longer_than_254_characters_are_refused() {
        let label = "a".repeat(60);
        let long = format!("ann@{label}.{label}.{label}.{label}.{label}.org");
        assert_eq!(long.len(), 4 + 5 * 61 + 3);
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
        let local = "a".repeat(65);
        assert_eq!(
            Email::parse(&format!("{local}@example.org")),
            Err(EmailError::LocalPartTooLong)
        );
    }

    #[test]
    fn errors_read_as_plain_english() {
        assert_eq!(
            EmailError::DomainWithoutDot.to_string(),
            "the domain must contain a dot, as in example.org"
        );
    }

    #[test]
    fn deserializing_goes_through_the_checks() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        let ok = Email::deserialize(StrDeserializer::<Error>::new(" Ann@Example.org"));
        assert_eq!(ok.unwrap().as_str(), "ann@example.org");
        assert!(Email::deserialize(StrDeserializer::<Error>::new("nope")).is_err());
    }
}
