//! Numbers of shares.

use std::fmt;

/// Why a number of shares is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareQuantityError {
    #[error("the number of shares must be a whole number, like 4")]
    NotANumber,
    #[error("the number of shares must be at least 1")]
    Zero,
    #[error("the number of shares must be at most {}", ShareQuantity::MAX)]
    TooLarge,
}

/// A number of shares in one subscription, movement or certificate line: 1 to 1,000,000.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct ShareQuantity(u32);

impl ShareQuantity {
    pub const MAX: u32 = 1_000_000;
    pub const ONE: ShareQuantity = ShareQuantity(1);

    pub fn new(quantity: u32) -> Result<Self, ShareQuantityError> {
        match quantity {
            0 => Err(ShareQuantityError::Zero),
            q if q > Self::MAX => Err(ShareQuantityError::TooLarge),
            q => Ok(Self(q)),
        }
    }

    /// Parses a whole number typed in a form (surrounding whitespace allowed).
    pub fn parse(input: &str) -> Result<Self, ShareQuantityError> {
        let trimmed = input.trim();
        if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ShareQuantityError::NotANumber);
        }
        // Only digits: a failure here can only be a number beyond u32.
        let quantity = trimmed
            .parse::<u32>()
            .map_err(|_| ShareQuantityError::TooLarge)?;
        Self::new(quantity)
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for ShareQuantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ShareQuantity {
    type Err = ShareQuantityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<u32> for ShareQuantity {
    type Error = ShareQuantityError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<ShareQuantity> for u32 {
    fn from(quantity: ShareQuantity) -> Self {
        quantity.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_from_1_to_a_million_are_accepted() {
        assert_eq!(ShareQuantity::new(1).unwrap().get(), 1);
        assert_eq!(ShareQuantity::new(1_000_000).unwrap().get(), 1_000_000);
    }

    #[test]
    fn zero_and_more_than_a_million_are_refused() {
        assert_eq!(ShareQuantity::new(0), Err(ShareQuantityError::Zero));
        assert_eq!(
            ShareQuantity::new(1_000_001),
            Err(ShareQuantityError::TooLarge)
        );
        assert_eq!(
            ShareQuantityError::TooLarge.to_string(),
            "the number of shares must be at most 1000000"
        );
    }

    #[test]
    fn quantities_parse_from_typed_text() {
        assert_eq!(ShareQuantity::parse(" 12 ").unwrap().get(), 12);
        assert_eq!(ShareQuantity::parse("0"), Err(ShareQuantityError::Zero));
        assert_eq!(
            ShareQuantity::parse("99999999999"),
            Err(ShareQuantityError::TooLarge)
        );
        for bad in ["", "-1", "+1", "1.5", "1 000", "two"] {
            assert_eq!(
                ShareQuantity::parse(bad),
                Err(ShareQuantityError::NotANumber),
                "{bad}"
            );
        }
    }

    #[test]
    fn deserializing_a_zero_quantity_fails() {
        use serde::Deserialize;
        use serde::de::value::{Error, U32Deserializer};
        assert!(ShareQuantity::deserialize(U32Deserializer::<Error>::new(0)).is_err());
        assert_eq!(
            ShareQuantity::deserialize(U32Deserializer::<Error>::new(3)),
            Ok(ShareQuantity(3))
        );
    }
}
