//! Bank account identifiers: IBAN (ISO 13616) and BIC (ISO 9362).
//!
//! The IBAN checks (length and BBAN pattern per country, mod 97-10 check digits) are those of
//! the `iban_validate` crate; this module only normalises the input and names the errors.

use std::fmt;

use iban::IbanLike as _;

/// Why a text is not a valid IBAN.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    #[error("the IBAN is empty")]
    Empty,
    #[error(
        "not an IBAN: it must start with a two-letter country code and two check digits, followed by letters and digits only"
    )]
    InvalidFormat,
    #[error("the check digits do not match: a character is probably mistyped")]
    CheckDigits,
    #[error("{0} does not use IBANs or is not a country code")]
    UnknownCountry(String),
    #[error("the account number does not have the length or format used in {0}")]
    InvalidAccountNumber(String),
}

/// Why a text is not a valid BIC.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BicError {
    #[error("a BIC must be 8 or 11 letters and digits")]
    Length,
    #[error(
        "a BIC is 4 letters or digits, a 2-letter country code, 2 letters or digits and an optional 3-character branch"
    )]
    InvalidFormat,
}

/// A valid IBAN. Stored and serialised in its compact form (`BE71096123456769`), displayed in
/// groups of four (`BE71 0961 2345 6769`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(iban::Iban);

impl Iban {
    /// Accepts any case, with or without spaces anywhere.
    pub fn parse(input: &str) -> Result<Self, IbanError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(IbanError::Empty);
        }
        compact
            .parse::<iban::Iban>()
            .map(Self)
            .map_err(|error| match error {
                iban::ParseIbanError::InvalidBaseIban {
                    source: iban::ParseBaseIbanError::InvalidChecksum,
                } => IbanError::CheckDigits,
                iban::ParseIbanError::InvalidBaseIban { .. } => IbanError::InvalidFormat,
                iban::ParseIbanError::UnknownCountry(base) => {
                    IbanError::UnknownCountry(base.country_code().to_owned())
                }
                iban::ParseIbanError::InvalidBban(base) => {
                    IbanError::InvalidAccountNumber(base.country_code().to_owned())
                }
            })
    }

    /// The electronic form, without spaces: `BE71096123456769`.
    pub fn as_compact(&self) -> &str {
        self.0.electronic_str()
    }

    /// The two-letter country code at the start: `BE`.
    pub fn country_code(&self) -> &str {
        self.0.country_code()
    }
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Iban").field(&self.as_compact()).finish()
    }
}

impl fmt::Display for Iban {
    /// Groups of four, as printed on paper: `BE71 0961 2345 6769`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::str::FromStr for Iban {
    type Err = IbanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Iban {
    type Error = IbanError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Iban> for String {
    fn from(iban: Iban) -> Self {
        iban.as_compact().to_owned()
    }
}

/// A BIC (SWIFT code), 8 or 11 characters, upper-case: `GEBABEBB`, `GKCCBEBB123`.
/// The 2018 revision allows digits in the party prefix, so it is checked as alphanumeric.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);

impl Bic {
    /// Accepts any case, with spaces anywhere.
    pub fn parse(input: &str) -> Result<Self, BicError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let length = compact.chars().count();
        if length != 8 && length != 11 {
            return Err(BicError::Length);
        }
        let valid = compact.char_indices().all(|(i, c)| match i {
            4 | 5 => c.is_ascii_uppercase(),
            _ => c.is_ascii_uppercase() || c.is_ascii_digit(),
        });
        if !valid {
            return Err(BicError::InvalidFormat);
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two letters of the country: `BE` for `GEBABEBB`.
    pub fn country_code(&self) -> &str {
        self.0.get(4..6).unwrap_or_default()
    }
}

impl fmt::Display for Bic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for Bic {
    type Err = BicError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Bic {
    type Error = BicError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Bic> for String {
    fn from(bic: Bic) -> Self {
        bic.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_vectors_are_valid() {
        for vector in [
            "BE71096123456769",
            "FR7630006000011234567890189",
            "DE89370400440532013000",
        ] {
            assert_eq!(Iban::parse(vector).unwrap().as_compact(), vector);
        }
    }

    #[test]
    fn ibans_are_accepted_with_spaces_and_in_lower_case() {
        let iban = Iban::parse("  be71 0961 2345 67 69 ").unwrap();
        assert_eq!(iban.as_compact(), "BE71096123456769");
        assert_eq!(iban.country_code(), "BE");
    }

    #[test]
    fn ibans_display_in_groups_of_four() {
        let iban = Iban::parse("FR7630006000011234567890189").unwrap();
        assert_eq!(iban.to_string(), "FR76 3000 6000 0112 3456 7890 189");
        assert_eq!(String::from(iban), "FR7630006000011234567890189");
    }

    #[test]
    fn a_mistyped_digit_breaks_the_check_digits() {
        assert_eq!(Iban::parse("BE71096123456768"), Err(IbanError::CheckDigits));
        assert_eq!(Iban::parse("BE72096123456769"), Err(IbanError::CheckDigits));
    }

    /// Builds an IBAN with correct mod-97 check digits, whatever the country rules say.
    fn with_check_digits(country: &str, bban: &str) -> String {
        let remainder = format!("{bban}{country}00")
            .chars()
            .map(|c| c.to_digit(36).unwrap())
            .fold(0u32, |acc, value| {
                if value >= 10 {
                    (acc * 100 + value) % 97
                } else {
                    (acc * 10 + value) % 97
                }
            });
        format!("{country}{:02}{bban}", 98 - remainder)
    }

    #[test]
    fn the_check_digit_helper_reproduces_a_known_iban() {
        assert_eq!(with_check_digits("BE", "096123456769"), "BE71096123456769");
    }

    #[test]
    fn a_belgian_iban_of_the_wrong_length_is_refused() {
        let too_long = with_check_digits("BE", "0961234567690");
        assert_eq!(
            Iban::parse(&too_long),
            Err(IbanError::InvalidAccountNumber("BE".to_owned()))
        );
    }

    #[test]
    fn garbage_and_empty_inputs_are_refused() {
        assert_eq!(Iban::parse("   "), Err(IbanError::Empty));
        assert_eq!(
            Iban::parse("71BE096123456769"),
            Err(IbanError::InvalidFormat)
        );
        assert_eq!(
            Iban::parse("BE71-0961-2345-6769"),
            Err(IbanError::InvalidFormat)
        );
    }

    #[test]
    fn an_unknown_country_is_named() {
        let candidate = with_check_digits("ZZ", "12345678");
        assert_eq!(
            Iban::parse(&candidate),
            Err(IbanError::UnknownCountry("ZZ".to_owned()))
        );
    }

    #[test]
    fn deserializing_goes_through_the_checks() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        let iban = Iban::deserialize(StrDeserializer::<Error>::new("DE89 3704 0044 0532 0130 00"));
        assert_eq!(iban.unwrap().as_compact(), "DE89370400440532013000");
        assert!(
            Iban::deserialize(StrDeserializer::<Error>::new("DE89370400440532013001")).is_err()
        );
    }

    #[test]
    fn bics_of_8_and_11_characters_are_accepted_upper_cased() {
        assert_eq!(Bic::parse("gebabebb").unwrap().as_str(), "GEBABEBB");
        let bic = Bic::parse(" GKCC BE BB 123").unwrap();
        assert_eq!(bic.as_str(), "GKCCBEBB123");
        assert_eq!(bic.country_code(), "BE");
        assert!(Bic::parse("1234BEB1").is_ok());
    }

    #[test]
    fn bics_of_other_lengths_are_refused() {
        assert_eq!(Bic::parse("GEBABEB"), Err(BicError::Length));
        assert_eq!(Bic::parse("GEBABEBB1"), Err(BicError::Length));
        assert_eq!(Bic::parse(""), Err(BicError::Length));
    }

    #[test]
    fn bics_without_a_letter_country_are_refused() {
        assert_eq!(Bic::parse("GEBA1EBB"), Err(BicError::InvalidFormat));
        assert_eq!(Bic::parse("GEBABEB-"), Err(BicError::InvalidFormat));
        assert_eq!(Bic::parse("GEBABEBBXX_"), Err(BicError::InvalidFormat));
    }
}
