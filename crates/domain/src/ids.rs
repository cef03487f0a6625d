//! Typed identifiers. Storage assigns them; code never passes a bare integer across a module
//! boundary, so a contact id can never be handed where a capital call id is expected.

use std::fmt;
use std::str::FromStr;

macro_rules! typed_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// Wraps an identifier read from storage.
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            /// The raw value, for storage and URLs.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidId;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.parse::<i64>() {
                    Ok(raw) if raw > 0 => Ok(Self(raw)),
                    _ => Err(InvalidId),
                }
            }
        }
    )+};
}

/// A string that is not a positive integer was given as an identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a valid identifier")]
pub struct InvalidId;

typed_id!(
    /// A person or a legal entity.
    ContactId,
    /// A link between a person and an entity they represent.
    RepresentationId,
    /// A class of shares.
    ShareTypeId,
    /// A subscription request, as submitted.
    SubscriptionRequestId,
    /// A capital release request.
    CapitalCallId,
    /// A payment registered against a capital call.
    PaymentId,
    /// An imported bank statement.
    BankStatementId,
    /// One line of a bank statement.
    StatementLineId,
    /// A balanced ledger entry.
    JournalEntryId,
    /// One movement in the share register.
    RegisterMovementId,
    /// An issued membership certificate.
    CertificateId,
    /// A login account.
    UserAccountId,
    /// An API token.
    ApiTokenId,
    /// An email (or later a webhook) waiting in the outbox.
    OutboxMessageId,
    /// A change of personal data a member proposed.
    ContactChangeId,
    /// One line of the audit log.
    AuditEntryId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_positive_integers() {
        assert_eq!("42".parse::<ContactId>(), Ok(ContactId::new(42)));
        assert_eq!("0".parse::<ContactId>(), Err(InvalidId));
        assert_eq!("-3".parse::<ContactId>(), Err(InvalidId));
        assert_eq!("4a".parse::<ContactId>(), Err(InvalidId));
    }

    #[test]
    fn ids_display_as_their_raw_value() {
        assert_eq!(CapitalCallId::new(7).to_string(), "7");
    }
}
