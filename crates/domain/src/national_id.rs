//! The Belgian national register number (*numéro de registre national*, *rijksregisternummer*),
//! or the BIS number of someone not in the register, which has the same form: six digits of
//! the birth date (`YYMMDD`; a BIS number adds 20 or 40 to the month, and an unknown part is
//! 00), three of a serial number, and two check digits. The check digits are 97 minus the
//! first nine digits modulo 97; for someone born in 2000 or later, the nine digits are first
//! preceded by a 2.
//!
//! A cooperative that collects it matches a person by it before the email (two people may
//! share an email; one person may change theirs).

use std::fmt;

/// Eleven digits whose check digits are right. Typed with or without the usual separators
/// (`85.04.23-123.45`, `85042312345`); kept as the eleven digits.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct NationalId(String);

/// Why a text is not a national register number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalIdError {
    #[error("a national register number has only digits, dots, dashes and spaces")]
    InvalidCharacter,
    #[error("a national register number has 11 digits, not {0}")]
    DigitCount(usize),
    #[error("the check digits of this national register number do not match: a digit is wrong")]
    CheckDigits,
}

const DIGITS: usize = 11;

impl NationalId {
    pub fn parse(input: &str) -> Result<Self, NationalIdError> {
        let input = input.trim();
        if !input
            .chars()
            .all(|c| c.is_ascii_digit() || " .-".contains(c))
        {
            return Err(NationalIdError::InvalidCharacter);
        }
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != DIGITS {
            return Err(NationalIdError::DigitCount(digits.len()));
        }
        let (body, check) = digits.split_at(9);
        let body: u64 = body
            .parse()
            .map_err(|_| NationalIdError::InvalidCharacter)?;
        let check: u64 = check
            .parse()
            .map_err(|_| NationalIdError::InvalidCharacter)?;
        let expected = |n: u64| 97 - n % 97;
        if check != expected(body) && check != expected(2_000_000_000 + body) {
            return Err(NationalIdError::CheckDigits);
        }
        Ok(Self(digits))
    }

    /// The eleven digits, as stored and compared.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `YY.MM.DD-SSS.CC`, as printed on the identity card.
impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        write!(
            f,
            "{}.{}.{}-{}.{}",
            &d[0..2],
            &d[2..4],
            &d[4..6],
            &d[6..9],
            &d[9..11]
        )
    }
}

impl TryFrom<String> for NationalId {
    type Error = NationalIdError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<NationalId> for String {
    fn from(value: NationalId) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_with_or_without_separators_and_checked() {
        // 85.07.30-033.28: born in the 1900s (97 - 850730033 mod 97 = 28).
        // 00.01.01-001.05: born in 2000 (97 - 2000101001 mod 97 = 5; 73 for 1900).
        let cases: &[(&str, Result<&str, NationalIdError>)] = &[
            ("85.07.30-033.28", Ok("85073003328")),
            ("85073003328", Ok("85073003328")),
            (" 85 07 30 033 28 ", Ok("85073003328")),
            ("00.01.01-001.05", Ok("00010100105")),
            ("00.01.01-001.73", Ok("00010100173")),
            ("85.07.30-033.29", Err(NationalIdError::CheckDigits)),
            ("85.07.30-034.28", Err(NationalIdError::CheckDigits)),
            ("85.07.30-033.2", Err(NationalIdError::DigitCount(10))),
            ("850730033280", Err(NationalIdError::DigitCount(12))),
            ("", Err(NationalIdError::DigitCount(0))),
            ("85/07/30-033.28", Err(NationalIdError::InvalidCharacter)),
            ("BE85073003328", Err(NationalIdError::InvalidCharacter)),
        ];
        for (input, expected) in cases {
            let parsed = NationalId::parse(input);
            assert_eq!(
                parsed.as_ref().map(NationalId::as_str),
                expected.as_ref().map(|digits| *digits),
                "{input:?}"
            );
        }
    }

    #[test]
    fn a_number_is_shown_as_on_the_identity_card_and_read_back() {
        let id = NationalId::parse("85073003328").unwrap();
        assert_eq!(id.to_string(), "85.07.30-033.28");
        assert_eq!(NationalId::parse(&id.to_string()), Ok(id.clone()));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"85073003328\"");
        assert_eq!(serde_json::from_str::<NationalId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<NationalId>("\"85073003329\"").is_err());
    }
}
