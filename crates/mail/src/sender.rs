//! The sender of every email (`COOPSHARES_MAIL_FROM`).

use std::fmt;

use lettre::message::Mailbox;

/// The setting that configures the sender.
const SETTING: &str = "COOPSHARES_MAIL_FROM";
const DEFAULT: &str = "Coopshares <noreply@localhost>";

/// The `From` of every email: a display name (optional) and an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailFrom(Mailbox);

/// `COOPSHARES_MAIL_FROM` is not an address. The message is one line naming the setting.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid {SETTING} {value:?}: expected an email address, optionally with a name, \
     like \"Coopérative Énergie <members@coop.example>\""
)]
pub struct MailFromError {
    value: String,
}

impl MailFrom {
    /// Parses the setting; unset or blank gives `Coopshares <noreply@localhost>`.
    pub fn parse(value: Option<&str>) -> Result<MailFrom, MailFromError> {
        let value = value.map(str::trim).filter(|value| !value.is_empty());
        match value {
            None => Ok(MailFrom::default()),
            Some(value) => value
                .parse::<Mailbox>()
                .map(MailFrom)
                .map_err(|_| MailFromError {
                    value: value.to_owned(),
                }),
        }
    }

    pub fn mailbox(&self) -> &Mailbox {
        &self.0
    }

    /// The domain of the address, used for Message-IDs (`coop.example`).
    pub fn domain(&self) -> &str {
        self.0.email.domain()
    }
}

impl Default for MailFrom {
    #[expect(
        clippy::expect_used,
        reason = "a constant, parsed by a test: it cannot fail at run time"
    )]
    fn default() -> Self {
        MailFrom(DEFAULT.parse().expect("the default sender parses"))
    }
}

impl fmt::Display for MailFrom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unset_or_blank_setting_gives_the_default_sender() {
        for value in [None, Some(""), Some("   ")] {
            let from = MailFrom::parse(value).unwrap();
            assert_eq!(from.to_string(), "Coopshares <noreply@localhost>");
            assert_eq!(from.domain(), "localhost");
        }
    }

    #[test]
    fn a_name_with_accents_and_an_address_are_accepted() {
        let from = MailFrom::parse(Some("Coopérative Énergie <members@coop.example>")).unwrap();
        assert_eq!(from.mailbox().name.as_deref(), Some("Coopérative Énergie"));
        assert_eq!(from.mailbox().email.to_string(), "members@coop.example");
        assert_eq!(from.domain(), "coop.example");
    }

    #[test]
    fn a_bare_address_is_accepted() {
        let from = MailFrom::parse(Some("members@coop.example")).unwrap();
        assert_eq!(from.mailbox().name, None);
    }

    #[test]
    fn a_malformed_sender_is_refused_with_the_name_of_the_setting() {
        for value in ["not an address", "Coop <members>", "<@coop.example>"] {
            let error = MailFrom::parse(Some(value)).unwrap_err().to_string();
            assert!(
                error.starts_with("invalid COOPSHARES_MAIL_FROM "),
                "{error}"
            );
            assert!(!error.contains('\n'), "{error}");
        }
    }
}
