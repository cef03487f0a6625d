//! Short free texts typed by people: names, street and city names, postal codes, phone numbers.
//! Each is trimmed, has its inner whitespace collapsed to single spaces, and refuses control
//! characters (a newline in a name would end up in an email header or a PDF line).

use std::fmt;

/// Why a text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {max} characters long")]
    TooLong { max: usize },
    #[error("must not contain control characters such as line breaks or tabs")]
    ControlCharacter,
    #[error("a postal code may only contain letters, digits, spaces and dashes")]
    InvalidPostalCode,
    #[error(
        "a phone number may only contain digits, spaces and + . - ( ) /, with + only at the start"
    )]
    InvalidPhoneCharacter,
    #[error("a phone number must have between {MIN_PHONE_DIGITS} and {MAX_PHONE_DIGITS} digits")]
    PhoneDigitCount,
}

/// Trims, refuses control characters and collapses inner whitespace.
fn clean(input: &str, max: usize) -> Result<String, TextError> {
    let trimmed = input.trim();
    if trimmed.chars().any(char::is_control) {
        return Err(TextError::ControlCharacter);
    }
    let collapsed = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return Err(TextError::Empty);
    }
    if collapsed.chars().count() > max {
        return Err(TextError::TooLong { max });
    }
    Ok(collapsed)
}

macro_rules! text_newtype_impls {
    ($name:ident) => {
        impl $name {
            /// The cleaned text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = TextError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

/// A name or similar single-line label: a person's first or last name, an entity's name, a
/// street, a city, a role. Never empty, at most [`Name::MAX_LENGTH`] characters unless a
/// caller asks for a shorter limit.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Name(String);

impl Name {
    /// The default limit, generous for legal entity names.
    pub const MAX_LENGTH: usize = 200;

    /// Cleans and checks a name of at most [`Name::MAX_LENGTH`] characters.
    pub fn parse(input: &str) -> Result<Self, TextError> {
        Self::parse_with_max(input, Self::MAX_LENGTH)
    }

    /// Cleans and checks a name of at most `max` characters (counted after cleaning).
    pub fn parse_with_max(input: &str, max: usize) -> Result<Self, TextError> {
        clean(input, max).map(Self)
    }
}

text_newtype_impls!(Name);

/// A postal code: 1 to 10 letters, digits, spaces or dashes, stored upper-case
/// (`1000`, `75011`, `1012 AB`, `SW1A 1AA`). Whether it exists is not checked.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

impl PostalCode {
    pub const MAX_LENGTH: usize = 10;

    pub fn parse(input: &str) -> Result<Self, TextError> {
        let cleaned = clean(input, Self::MAX_LENGTH)?.to_ascii_uppercase();
        if !cleaned
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
        {
            return Err(TextError::InvalidPostalCode);
        }
        Ok(Self(cleaned))
    }
}

text_newtype_impls!(PostalCode);

const MIN_PHONE_DIGITS: usize = 6;
const MAX_PHONE_DIGITS: usize = 20;

/// A phone number as the person wrote it (`+32 2 123 45 67`, `(02) 123.45.67`), with
/// 6 to 20 digits. Kept as typed: it is read by people, never dialled by the system.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        // Room for separators between the digits.
        let cleaned = clean(input, 3 * MAX_PHONE_DIGITS)?;
        let allowed = |c: char| c.is_ascii_digit() || " .-()/+".contains(c);
        if !cleaned.chars().all(allowed) || cleaned.char_indices().any(|(i, c)| c == '+' && i > 0) {
            return Err(TextError::InvalidPhoneCharacter);
        }
        let digits = cleaned.chars().filter(char::is_ascii_digit).count();
        if !(MIN_PHONE_DIGITS..=MAX_PHONE_DIGITS).contains(&digits) {
            return Err(TextError::PhoneDigitCount);
        }
        Ok(Self(cleaned))
    }

    /// Only the digits, with a leading `+` when there was one: useful to compare numbers.
    pub fn digits(&self) -> String {
        self.0
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect()
    }
}

text_newtype_impls!(Phone);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_inner_spaces_collapsed() {
        let name = Name::parse("  Jean   Claude\u{a0} Van  Damme ").unwrap();
        assert_eq!(name.as_str(), "Jean Claude Van Damme");
    }

    #[test]
    fn empty_names_are_refused() {
        assert_eq!(Name::parse(""), Err(TextError::Empty));
        assert_eq!(Name::parse(" \u{a0} "), Err(TextError::Empty));
    }

    #[test]
    fn names_with_control_characters_are_refused() {
        assert_eq!(
            Name::parse("Ann\nPeeters"),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(
            Name::parse("Ann\tPeeters"),
            Err(TextError::ControlCharacter)
        );
        assert_eq!(Name::parse("Ann\u{0}"), Err(TextError::ControlCharacter));
    }

    #[test]
    fn a_trailing_newline_is_trimmed_not_refused() {
        assert_eq!(Name::parse("Ann\r\n").unwrap().as_str(), "Ann");
    }

    #[test]
    fn names_longer_than_the_limit_are_refused() {
        assert!(Name::parse(&"é".repeat(200)).is_ok());
        assert_eq!(
            Name::parse(&"é".repeat(201)),
            Err(TextError::TooLong { max: 200 })
        );
        assert_eq!(
            Name::parse_with_max("abcdef", 5),
            Err(TextError::TooLong { max: 5 })
        );
    }

    #[test]
    fn the_length_limit_counts_characters_after_collapsing() {
        assert_eq!(
            Name::parse_with_max("ab     cd", 5).unwrap().as_str(),
            "ab cd"
        );
    }

    #[test]
    fn postal_codes_are_upper_cased() {
        assert_eq!(
            PostalCode::parse(" 1012   ab ").unwrap().as_str(),
            "1012 AB"
        );
        assert_eq!(PostalCode::parse("1000").unwrap().as_str(), "1000");
        assert_eq!(PostalCode::parse("L-1111").unwrap().as_str(), "L-1111");
    }

    #[test]
    fn postal_codes_with_other_characters_or_too_long_are_refused() {
        assert_eq!(
            PostalCode::parse("1000/2"),
            Err(TextError::InvalidPostalCode)
        );
        assert_eq!(PostalCode::parse("ÉÉ"), Err(TextError::InvalidPostalCode));
        assert_eq!(
            PostalCode::parse("12345678901"),
            Err(TextError::TooLong { max: 10 })
        );
        assert_eq!(PostalCode::parse(""), Err(TextError::Empty));
    }

    #[test]
    fn phones_keep_their_formatting() {
        let phone = Phone::parse(" +32 (0)2 123.45.67 ").unwrap();
        assert_eq!(phone.as_str(), "+32 (0)2 123.45.67");
        assert_eq!(phone.digits(), "+32021234567");
        assert!(Phone::parse("02/123-45-67").is_ok());
    }

    #[test]
    fn phones_with_letters_or_a_plus_inside_are_refused() {
        assert_eq!(
            Phone::parse("02 123 45 6x"),
            Err(TextError::InvalidPhoneCharacter)
        );
        assert_eq!(
            Phone::parse("02 +123 45 67"),
            Err(TextError::InvalidPhoneCharacter)
        );
    }

    #[test]
    fn phones_need_between_6_and_20_digits() {
        assert_eq!(Phone::parse("12 34 56"), Ok(Phone("12 34 56".to_owned())));
        assert_eq!(Phone::parse("12 345"), Err(TextError::PhoneDigitCount));
        assert_eq!(Phone::parse("12 34"), Err(TextError::PhoneDigitCount));
        assert_eq!(
            Phone::parse("123456789012345678901"),
            Err(TextError::PhoneDigitCount)
        );
    }

    #[test]
    fn errors_read_as_plain_english() {
        assert_eq!(
            TextError::PhoneDigitCount.to_string(),
            "a phone number must have between 6 and 20 digits"
        );
        assert_eq!(
            TextError::TooLong { max: 200 }.to_string(),
            "must be at most 200 characters long"
        );
    }
}
