//! Company registration numbers of legal entities: the Belgian enterprise number (BCE/KBO) and
//! the French SIREN are checked with their check digits; other countries' numbers are kept as
//! typed, with only a sanity check on characters and length.

use std::fmt;

use crate::country::Country;

/// Why a registration number is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistrationError {
    #[error("the registration number is empty")]
    Empty,
    #[error("a Belgian enterprise number must be 10 digits, like 0123.456.749")]
    BelgianLength,
    #[error("a Belgian enterprise number starts with 0 or 1")]
    BelgianFirstDigit,
    #[error("the check digits of the Belgian enterprise number do not match")]
    BelgianCheck,
    #[error("a SIREN must be 9 digits, like 732 829 320")]
    SirenLength,
    #[error("the check digit of the SIREN does not match")]
    SirenCheck,
    #[error("a registration number may only contain letters, digits, spaces and . - /")]
    InvalidCharacter,
    #[error("a registration number must be at most {max} characters long")]
    TooLong { max: usize },
}

/// Keeps the digits, dropping the separators people type (spaces, dots, dashes).
/// Anything else makes the number invalid, reported as `length_error`.
fn digits_only(input: &str, length_error: RegistrationError) -> Result<String, RegistrationError> {
    let mut digits = String::new();
    for c in input.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '.' | '-' | '\u{a0}' => {}
            _ => return Err(length_error),
        }
    }
    Ok(digits)
}

/// A Belgian enterprise number (BCE/KBO, also the VAT number without `BE`): 10 digits, the
/// first 0 or 1, the last two equal to 97 − (the first eight mod 97). Stored as 10 digits,
/// displayed `0123.456.749`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct BelgianEnterpriseNumber(String);

impl BelgianEnterpriseNumber {
    /// Accepts `0123.456.749`, `0123456749`, `BE0123456749`, `BE 0123 456 749`, and the old
    /// 9-digit form (`123.456.749`), which gets its leading 0 back.
    pub fn parse(input: &str) -> Result<Self, RegistrationError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RegistrationError::Empty);
        }
        let without_prefix = match trimmed.get(..2) {
            Some(prefix) if prefix.eq_ignore_ascii_case("BE") => {
                trimmed.get(2..).unwrap_or_default()
            }
            _ => trimmed,
        };
        let mut digits = digits_only(without_prefix, RegistrationError::BelgianLength)?;
        if digits.len() == 9 {
            digits.insert(0, '0');
        }
        if digits.len() != 10 {
            return Err(RegistrationError::BelgianLength);
        }
        if !digits.starts_with(['0', '1']) {
            return Err(RegistrationError::BelgianFirstDigit);
        }
        let (base, check) = digits.split_at(8);
        let (Ok(base), Ok(check)) = (base.parse::<u64>(), check.parse::<u64>()) else {
            return Err(RegistrationError::BelgianLength);
        };
        if check != 97 - base % 97 {
            return Err(RegistrationError::BelgianCheck);
        }
        Ok(Self(digits))
    }

    /// The 10 digits, as stored: `0123456749`.
    pub fn as_compact(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BelgianEnterpriseNumber {
    /// `0123.456.749`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |range: std::ops::Range<usize>| self.0.get(range).unwrap_or_default();
        write!(f, "{}.{}.{}", part(0..4), part(4..7), part(7..10))
    }
}

/// A French SIREN: 9 digits with a Luhn check digit. Stored as 9 digits, displayed
/// `732 829 320`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Siren(String);

impl Siren {
    /// Accepts the 9 digits with or without spaces, dots or dashes between them.
    pub fn parse(input: &str) -> Result<Self, RegistrationError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RegistrationError::Empty);
        }
        let digits = digits_only(trimmed, RegistrationError::SirenLength)?;
        if digits.len() != 9 {
            return Err(RegistrationError::SirenLength);
        }
        if !luhn_is_valid(&digits) {
            return Err(RegistrationError::SirenCheck);
        }
        Ok(Self(digits))
    }

    /// The 9 digits, as stored.
    pub fn as_compact(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Siren {
    /// `732 829 320`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = |range: std::ops::Range<usize>| self.0.get(range).unwrap_or_default();
        write!(f, "{} {} {}", part(0..3), part(3..6), part(6..9))
    }
}

/// The Luhn check: doubling every second digit from the right, the digit sum is a multiple of 10.
fn luhn_is_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(position, digit)| {
            if position % 2 == 1 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A registration number of a country whose format Coopshares does not check: letters, digits,
/// spaces and `. - /`, at most [`OtherRegistrationNumber::MAX_LENGTH`] characters.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct OtherRegistrationNumber(String);

impl OtherRegistrationNumber {
    pub const MAX_LENGTH: usize = 30;

    pub fn parse(input: &str) -> Result<Self, RegistrationError> {
        let collapsed = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if collapsed.is_empty() {
            return Err(RegistrationError::Empty);
        }
        if !collapsed
            .chars()
            .all(|c| c.is_alphanumeric() || " .-/".contains(c))
        {
            return Err(RegistrationError::InvalidCharacter);
        }
        if collapsed.chars().count() > Self::MAX_LENGTH {
            return Err(RegistrationError::TooLong {
                max: Self::MAX_LENGTH,
            });
        }
        Ok(Self(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OtherRegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! string_conversions {
    ($($name:ident),+) => {$(
        impl TryFrom<String> for $name {
            type Error = RegistrationError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = RegistrationError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    )+};
}

string_conversions!(BelgianEnterpriseNumber, Siren, OtherRegistrationNumber);

/// The registration number of a legal entity, checked according to its country.
/// Serialised as `{"belgian_enterprise": "0123456749"}`, `{"french_siren": "732829320"}` or
/// `{"other": "HRB 12345"}`; deserialising re-runs the checks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationNumber {
    BelgianEnterprise(BelgianEnterpriseNumber),
    FrenchSiren(Siren),
    Other(OtherRegistrationNumber),
}

impl RegistrationNumber {
    /// Parses the number with the rules of the entity's country: Belgium and France are
    /// checked, any other country is accepted as [`RegistrationNumber::Other`].
    pub fn parse(country: Country, input: &str) -> Result<Self, RegistrationError> {
        match country {
            Country::BE => BelgianEnterpriseNumber::parse(input).map(Self::BelgianEnterprise),
            Country::FR => Siren::parse(input).map(Self::FrenchSiren),
            _ => OtherRegistrationNumber::parse(input).map(Self::Other),
        }
    }

    /// The storage form: digits only for Belgium and France, as typed otherwise.
    pub fn as_compact(&self) -> &str {
        match self {
            Self::BelgianEnterprise(number) => number.as_compact(),
            Self::FrenchSiren(number) => number.as_compact(),
            Self::Other(number) => number.as_str(),
        }
    }
}

impl fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BelgianEnterprise(number) => number.fmt(f),
            Self::FrenchSiren(number) => number.fmt(f),
            Self::Other(number) => number.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid Belgian number computed from its 8-digit base, not remembered.
    fn belgian_number(base: u64) -> String {
        format!("{base:08}{:02}", 97 - base % 97)
    }

    #[test]
    fn the_belgian_check_is_97_minus_the_base_mod_97() {
        assert_eq!(1_234_567 % 97, 48);
        assert_eq!(belgian_number(1_234_567), "0123456749");
        let number = BelgianEnterpriseNumber::parse("0123456749").unwrap();
        assert_eq!(number.as_compact(), "0123456749");
        assert_eq!(number.to_string(), "0123.456.749");
    }

    #[test]
    fn belgian_numbers_are_accepted_in_every_usual_spelling() {
        for spelling in [
            "0123.456.749",
            "0123 456 749",
            "BE0123456749",
            "be 0123.456.749",
            "  0123456749 ",
            "123.456.749",
        ] {
            assert_eq!(
                BelgianEnterpriseNumber::parse(spelling)
                    .unwrap()
                    .as_compact(),
                "0123456749",
                "{spelling}"
            );
        }
    }

    #[test]
    fn belgian_numbers_starting_with_1_are_accepted() {
        let number = belgian_number(10_000_000);
        assert!(number.starts_with('1'));
        assert!(BelgianEnterpriseNumber::parse(&number).is_ok());
    }

    #[test]
    fn a_belgian_base_divisible_by_97_has_check_97() {
        let number = belgian_number(97 * 10_000);
        assert!(number.ends_with("97"));
        assert!(BelgianEnterpriseNumber::parse(&number).is_ok());
    }

    #[test]
    fn a_belgian_number_with_wrong_check_digits_is_refused() {
        assert_eq!(
            BelgianEnterpriseNumber::parse("0123.456.748"),
            Err(RegistrationError::BelgianCheck)
        );
        assert_eq!(
            BelgianEnterpriseNumber::parse("0123.456.794"),
            Err(RegistrationError::BelgianCheck)
        );
    }

    #[test]
    fn a_belgian_number_starting_with_2_is_refused() {
        let number = belgian_number(20_000_000);
        assert_eq!(
            BelgianEnterpriseNumber::parse(&number),
            Err(RegistrationError::BelgianFirstDigit)
        );
    }

    #[test]
    fn a_belgian_number_of_the_wrong_length_or_with_letters_is_refused() {
        for bad in ["01234567", "01234567490", "0123A56749", "FR0123456749"] {
            assert_eq!(
                BelgianEnterpriseNumber::parse(bad),
                Err(RegistrationError::BelgianLength),
                "{bad}"
            );
        }
        assert_eq!(
            BelgianEnterpriseNumber::parse(" "),
            Err(RegistrationError::Empty)
        );
    }

    #[test]
    fn the_siren_vector_passes_luhn() {
        assert!(luhn_is_valid("732829320"));
        let siren = Siren::parse("732 829 320").unwrap();
        assert_eq!(siren.as_compact(), "732829320");
        assert_eq!(siren.to_string(), "732 829 320");
    }

    #[test]
    fn a_siren_with_a_wrong_digit_is_refused() {
        assert!(!luhn_is_valid("732829321"));
        assert_eq!(
            Siren::parse("732829321"),
            Err(RegistrationError::SirenCheck)
        );
        assert_eq!(
            Siren::parse("732829230"),
            Err(RegistrationError::SirenCheck)
        );
    }

    #[test]
    fn a_siren_of_the_wrong_length_is_refused() {
        assert_eq!(
            Siren::parse("73282932"),
            Err(RegistrationError::SirenLength)
        );
        assert_eq!(
            Siren::parse("73282932000012"),
            Err(RegistrationError::SirenLength)
        );
        assert_eq!(
            Siren::parse("FR732829320"),
            Err(RegistrationError::SirenLength)
        );
    }

    #[test]
    fn registration_numbers_follow_the_country_rules() {
        assert_eq!(
            RegistrationNumber::parse(Country::BE, "BE0123456749")
                .unwrap()
                .to_string(),
            "0123.456.749"
        );
        assert_eq!(
            RegistrationNumber::parse(Country::FR, "732829320")
                .unwrap()
                .as_compact(),
            "732829320"
        );
        assert_eq!(
            RegistrationNumber::parse(Country::BE, "732829320"),
            Err(RegistrationError::BelgianCheck)
        );
        assert_eq!(
            RegistrationNumber::parse(Country::FR, "0123456749"),
            Err(RegistrationError::SirenLength)
        );
    }

    #[test]
    fn other_countries_keep_the_number_as_typed() {
        let number = RegistrationNumber::parse(Country::DE, " HRB  12345 / B ").unwrap();
        assert_eq!(number.as_compact(), "HRB 12345 / B");
        assert!(matches!(number, RegistrationNumber::Other(_)));
    }

    #[test]
    fn other_numbers_refuse_odd_characters_length_and_emptiness() {
        assert_eq!(
            OtherRegistrationNumber::parse("HRB#1"),
            Err(RegistrationError::InvalidCharacter)
        );
        assert_eq!(
            OtherRegistrationNumber::parse(&"1".repeat(31)),
            Err(RegistrationError::TooLong { max: 30 })
        );
        assert_eq!(
            OtherRegistrationNumber::parse(""),
            Err(RegistrationError::Empty)
        );
    }
}
