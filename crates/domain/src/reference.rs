//! Structured payment references: the Belgian OGM/VCS (`+++010/8068/17183+++`) and the
//! ISO 11649 RF creditor reference (`RF45 1234 5123 45`).
//!
//! A capital call gets one reference, generated from a sequence number; a bank line that
//! carries it can then be matched without a human. People type references with or without
//! separators, in any case, and sometimes inside a sentence: [`PaymentReference::parse`](crate::reference::PaymentReference::parse)
//! accepts the usual spellings and [`find_references`](crate::reference::find_references) digs them out of free text. Both only
//! ever return references whose check digits are valid.

use std::fmt;

use crate::keyword::keyword_enum;

/// Why a text is not a payment reference.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("the payment reference is empty")]
    Empty,
    #[error("the base of a structured communication must have at most 10 digits")]
    OgmBaseTooLarge,
    #[error("a structured communication must be 12 digits")]
    OgmLength,
    #[error("a structured communication is written +++DDD/DDDD/DDDDD+++ or as 12 digits")]
    OgmFormat,
    #[error("the check digits of the structured communication do not match")]
    OgmCheck,
    #[error("an RF creditor reference starts with RF and two check digits")]
    RfFormat,
    #[error("an RF creditor reference must have 1 to 21 letters or digits after its check digits")]
    RfBody,
    #[error("the check digits of the RF creditor reference do not match")]
    RfCheck,
}

/// Removes every whitespace character (people put spaces anywhere).
fn without_whitespace(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

// ---------------------------------------------------------------------------------------------
// OGM / VCS
// ---------------------------------------------------------------------------------------------

const OGM_BASE_LIMIT: u64 = 10_000_000_000;

/// A Belgian structured communication (OGM in French, VCS in Dutch): a 10-digit base and a
/// 2-digit check equal to base mod 97, or 97 when that is 0. Stored as its 12 digits,
/// displayed `+++010/8068/17183+++`.
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Ogm([u8; 12]);

impl Ogm {
    /// Builds the reference of a base below 10^10 by adding its check digits.
    pub fn from_base(base: u64) -> Result<Self, ReferenceError> {
        if base >= OGM_BASE_LIMIT {
            return Err(ReferenceError::OgmBaseTooLarge);
        }
        Self::from_digits(&format!("{base:010}{:02}", ogm_check(base)))
    }

    /// Accepts `+++010/8068/17183+++`, `***010/8068/17183***`, `010/8068/17183`,
    /// `010806817183`, with spaces anywhere.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let compact = without_whitespace(input);
        if compact.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let mut body = compact.as_str();
        for delimiter in ["+++", "***"] {
            body = body.strip_prefix(delimiter).unwrap_or(body);
            body = body.strip_suffix(delimiter).unwrap_or(body);
        }
        if !body.bytes().all(|b| b.is_ascii_digit() || b == b'/') {
            return Err(ReferenceError::OgmFormat);
        }
        let groups: Vec<&str> = body.split('/').collect();
        let digits = match groups.as_slice() {
            [all] => (*all).to_owned(),
            [a, b, c] if a.len() == 3 && b.len() == 4 && c.len() == 5 => format!("{a}{b}{c}"),
            _ => return Err(ReferenceError::OgmFormat),
        };
        Self::from_digits(&digits)
    }

    /// Checks 12 ASCII digits.
    fn from_digits(digits: &str) -> Result<Self, ReferenceError> {
        let bytes: [u8; 12] = digits
            .as_bytes()
            .try_into()
            .map_err(|_| ReferenceError::OgmLength)?;
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(ReferenceError::OgmFormat);
        }
        let (base, check) = digits.split_at(10);
        let (Ok(base), Ok(check)) = (base.parse::<u64>(), check.parse::<u64>()) else {
            return Err(ReferenceError::OgmFormat);
        };
        if check != ogm_check(base) {
            return Err(ReferenceError::OgmCheck);
        }
        Ok(Self(bytes))
    }

    /// The 12 digits, as stored: `010806817183`.
    pub fn digits(&self) -> &str {
        // Only ASCII digits are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The 10-digit base the reference was made from.
    pub fn base(&self) -> u64 {
        self.digits()
            .get(..10)
            .and_then(|base| base.parse().ok())
            .unwrap_or_default()
    }
}

/// The OGM check: base mod 97, with 97 standing for a remainder of 0.
fn ogm_check(base: u64) -> u64 {
    match base % 97 {
        0 => 97,
        remainder => remainder,
    }
}

impl fmt::Display for Ogm {
    /// `+++010/8068/17183+++`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        let part = |range: std::ops::Range<usize>| digits.get(range).unwrap_or_default();
        write!(f, "+++{}/{}/{}+++", part(0..3), part(3..7), part(7..12))
    }
}

impl fmt::Debug for Ogm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ogm").field(&self.digits()).finish()
    }
}

impl std::str::FromStr for Ogm {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Ogm {
    type Error = ReferenceError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Ogm> for String {
    fn from(ogm: Ogm) -> Self {
        ogm.digits().to_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// ISO 11649 RF
// ---------------------------------------------------------------------------------------------

const RF_MAX_BODY: usize = 21;

/// An ISO 11649 creditor reference: `RF`, two check digits, and 1 to 21 letters or digits.
/// Stored compact and upper-case (`RF451234512345`), displayed in groups of four
/// (`RF45 1234 5123 45`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RfReference(String);

impl RfReference {
    /// Builds the reference for a body (case-insensitive, spaces ignored) by computing its
    /// check digits.
    pub fn from_body(body: &str) -> Result<Self, ReferenceError> {
        let body = without_whitespace(body).to_ascii_uppercase();
        check_rf_body(&body)?;
        let check = 98 - mod97(&format!("{body}RF00"));
        Ok(Self(format!("RF{check:02}{body}")))
    }

    /// Accepts the compact or the printed form, in any case, with spaces anywhere.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let compact = without_whitespace(input).to_ascii_uppercase();
        if compact.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let (Some("RF"), Some(check), Some(body)) =
            (compact.get(..2), compact.get(2..4), compact.get(4..))
        else {
            return Err(ReferenceError::RfFormat);
        };
        if !check.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ReferenceError::RfFormat);
        }
        check_rf_body(body)?;
        // Check digits 00 and 01 satisfy mod 97 = 1 when 97 and 98 do: the standard only
        // produces 02..=98, so only those are accepted.
        if check == "00" || check == "01" || mod97(&format!("{body}RF{check}")) != 1 {
            return Err(ReferenceError::RfCheck);
        }
        Ok(Self(compact))
    }

    /// The compact form: `RF451234512345`.
    pub fn as_compact(&self) -> &str {
        &self.0
    }

    /// The part after the check digits: `1234512345`.
    pub fn body(&self) -> &str {
        self.0.get(4..).unwrap_or_default()
    }
}

fn check_rf_body(body: &str) -> Result<(), ReferenceError> {
    if body.is_empty()
        || body.len() > RF_MAX_BODY
        || !body
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(ReferenceError::RfBody);
    }
    Ok(())
}

/// ISO 7064 mod 97-10 of an upper-case alphanumeric string, letters counting as 10..=35.
fn mod97(text: &str) -> u32 {
    text.chars()
        .filter_map(|c| c.to_digit(36))
        .fold(0, |acc, value| {
            if value < 10 {
                (acc * 10 + value) % 97
            } else {
                (acc * 100 + value) % 97
            }
        })
}

impl fmt::Display for RfReference {
    /// `RF45 1234 5123 45`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for RfReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RfReference").field(&self.0).finish()
    }
}

impl std::str::FromStr for RfReference {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for RfReference {
    type Error = ReferenceError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<RfReference> for String {
    fn from(reference: RfReference) -> Self {
        reference.0
    }
}

// ---------------------------------------------------------------------------------------------
// Either
// ---------------------------------------------------------------------------------------------

keyword_enum! {
    /// Which kind of reference a cooperative puts on its capital calls: OGM for Belgian
    /// payers, RF elsewhere in the SEPA area.
    pub enum ReferenceScheme("payment reference scheme") {
        Ogm => "ogm",
        Rf => "rf",
    }
}

impl ReferenceScheme {
    /// The reference for the `sequence`-th capital call: for OGM the sequence is the base,
    /// for RF its decimal digits are the body. Fails only for an OGM sequence of 10^10 or
    /// more, which a cooperative would reach after ten billion capital calls.
    pub fn generate(self, sequence: u64) -> Result<PaymentReference, ReferenceError> {
        match self {
            ReferenceScheme::Ogm => Ogm::from_base(sequence).map(PaymentReference::Ogm),
            ReferenceScheme::Rf => {
                RfReference::from_body(&sequence.to_string()).map(PaymentReference::Rf)
            }
        }
    }
}

/// A structured payment reference of either scheme. Serialised as its compact form
/// (12 digits or `RF…`), which is unambiguous.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub enum PaymentReference {
    Ogm(Ogm),
    Rf(RfReference),
}

impl PaymentReference {
    /// Reads an RF reference when the text starts with `RF` (any case), an OGM otherwise, so
    /// the error explains what is wrong with the scheme the person meant.
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        let compact = without_whitespace(input);
        if compact.is_empty() {
            return Err(ReferenceError::Empty);
        }
        if compact
            .get(..2)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("RF"))
        {
            RfReference::parse(&compact).map(Self::Rf)
        } else {
            Ogm::parse(&compact).map(Self::Ogm)
        }
    }

    /// The storage form: 12 digits for an OGM, `RF…` for an RF reference.
    pub fn as_compact(&self) -> &str {
        match self {
            Self::Ogm(ogm) => ogm.digits(),
            Self::Rf(rf) => rf.as_compact(),
        }
    }

    pub fn scheme(&self) -> ReferenceScheme {
        match self {
            Self::Ogm(_) => ReferenceScheme::Ogm,
            Self::Rf(_) => ReferenceScheme::Rf,
        }
    }
}

impl fmt::Display for PaymentReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ogm(ogm) => ogm.fmt(f),
            Self::Rf(rf) => rf.fmt(f),
        }
    }
}

impl std::str::FromStr for PaymentReference {
    type Err = ReferenceError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PaymentReference {
    type Error = ReferenceError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PaymentReference> for String {
    fn from(reference: PaymentReference) -> Self {
        reference.as_compact().to_owned()
    }
}

impl From<Ogm> for PaymentReference {
    fn from(ogm: Ogm) -> Self {
        Self::Ogm(ogm)
    }
}

impl From<RfReference> for PaymentReference {
    fn from(rf: RfReference) -> Self {
        Self::Rf(rf)
    }
}

// ---------------------------------------------------------------------------------------------
// Finding references in free text
// ---------------------------------------------------------------------------------------------

/// Finds the payment references typed inside a free-text communication, in order of
/// appearance and without repeats. Only candidates with valid check digits are returned.
///
/// An OGM is recognised as 12 digits in a row, or as groups of 3, 4 and 5 digits separated by
/// `/`, `.` or spaces, with or without `+++`/`***` around. Other groupings (an IBAN printed in
/// groups of four, a phone number) are not taken for an OGM even if their digits happened to
/// pass the check. An RF reference is recognised compact (`RF451234512345`) or in its printed
/// groups of four (`RF45 1234 5123 45`). Neither is taken from inside a longer word.
pub fn find_references(text: &str) -> Vec<PaymentReference> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<(usize, PaymentReference)> = Vec::new();
    find_ogms(&chars, &mut found);
    find_rfs(&chars, &mut found);
    found.sort_by_key(|(position, _)| *position);
    let mut references: Vec<PaymentReference> = Vec::new();
    for (_, reference) in found {
        if !references.contains(&reference) {
            references.push(reference);
        }
    }
    references
}

/// True when the character at `index` does not continue a word (or is past either end).
fn is_boundary(chars: &[char], index: Option<usize>) -> bool {
    index
        .and_then(|i| chars.get(i))
        .is_none_or(|c| !c.is_alphanumeric())
}

fn find_ogms(chars: &[char], found: &mut Vec<(usize, PaymentReference)>) {
    // Maximal runs of ASCII digits, as (start, end) with `end` exclusive.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        if chars.get(index).is_some_and(char::is_ascii_digit) {
            let start = index;
            while chars.get(index).is_some_and(char::is_ascii_digit) {
                index += 1;
            }
            runs.push((start, index));
        } else {
            index += 1;
        }
    }
    let text = |start: usize, end: usize| -> String {
        chars.get(start..end).unwrap_or_default().iter().collect()
    };
    let separator_between = |end: usize, start: usize| {
        start - end <= 3
            && chars
                .get(end..start)
                .unwrap_or_default()
                .iter()
                .all(|c| matches!(c, ' ' | '/' | '.' | '\u{a0}'))
    };
    for (position, &(start, end)) in runs.iter().enumerate() {
        let candidate = if end - start == 12 {
            Some((text(start, end), end))
        } else if let (3, Some(&(start2, end2)), Some(&(start3, end3))) =
            (end - start, runs.get(position + 1), runs.get(position + 2))
        {
            let grouped = end2 - start2 == 4
                && end3 - start3 == 5
                && separator_between(end, start2)
                && separator_between(end2, start3);
            grouped.then(|| {
                (
                    format!(
                        "{}{}{}",
                        text(start, end),
                        text(start2, end2),
                        text(start3, end3)
                    ),
                    end3,
                )
            })
        } else {
            None
        };
        let Some((digits, last)) = candidate else {
            continue;
        };
        if is_boundary(chars, start.checked_sub(1))
            && is_boundary(chars, Some(last))
            && let Ok(ogm) = Ogm::from_digits(&digits)
        {
            found.push((start, PaymentReference::Ogm(ogm)));
        }
    }
}

fn find_rfs(chars: &[char], found: &mut Vec<(usize, PaymentReference)>) {
    let alnum_run_end = |from: usize| {
        let mut end = from;
        while chars.get(end).is_some_and(char::is_ascii_alphanumeric) {
            end += 1;
        }
        end
    };
    let text = |start: usize, end: usize| -> String {
        chars.get(start..end).unwrap_or_default().iter().collect()
    };
    for start in 0..chars.len() {
        let starts_with_rf = chars
            .get(start..start + 2)
            .is_some_and(|pair| matches!(pair, ['R' | 'r', 'F' | 'f']));
        if !starts_with_rf || !is_boundary(chars, start.checked_sub(1)) {
            continue;
        }
        let first_end = alnum_run_end(start);
        let first_length = first_end - start;
        if first_length > 4 {
            if is_boundary(chars, Some(first_end))
                && let Ok(rf) = RfReference::parse(&text(start, first_end))
            {
                found.push((start, PaymentReference::Rf(rf)));
            }
            continue;
        }
        if first_length < 4 {
            continue;
        }
        // Printed form: `RFdd` then groups of four separated by a space, the last group 1..=4.
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut cursor = first_end;
        let mut body_length = 0;
        while matches!(chars.get(cursor), Some(' ' | '\u{a0}')) {
            let group_start = cursor + 1;
            let group_end = alnum_run_end(group_start);
            let length = group_end - group_start;
            if length == 0 || length > 4 || body_length + length > RF_MAX_BODY {
                break;
            }
            groups.push((group_start, group_end));
            body_length += length;
            cursor = group_end;
            if length < 4 {
                break;
            }
        }
        // Longest first: a word after the reference may look like one more group.
        for count in (1..=groups.len()).rev() {
            let Some(&(_, last_end)) = groups.get(count - 1) else {
                continue;
            };
            if !is_boundary(chars, Some(last_end)) {
                continue;
            }
            let mut candidate = text(start, first_end);
            for &(group_start, group_end) in groups.iter().take(count) {
                candidate.push_str(&text(group_start, group_end));
            }
            if let Ok(rf) = RfReference::parse(&candidate) {
                found.push((start, PaymentReference::Rf(rf)));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ogm(text: &str) -> Ogm {
        Ogm::parse(text).unwrap()
    }

    // --- OGM vectors -----------------------------------------------------------------------

    #[test]
    fn ogm_vector_base_0108068171_gives_check_83() {
        let reference = Ogm::from_base(108_068_171).unwrap();
        assert_eq!(reference.digits(), "010806817183");
        assert_eq!(reference.to_string(), "+++010/8068/17183+++");
        assert_eq!(reference.base(), 108_068_171);
    }

    #[test]
    fn ogm_with_remainder_zero_uses_97_as_check() {
        let reference = Ogm::from_base(97).unwrap();
        assert_eq!(reference.digits(), "000000009797");
        assert_eq!(reference.to_string(), "+++000/0000/09797+++");
    }

    #[test]
    fn ogm_with_base_zero_has_check_97() {
        assert_eq!(Ogm::from_base(0).unwrap().digits(), "000000000097");
        assert_eq!(Ogm::parse("000000000000"), Err(ReferenceError::OgmCheck));
    }

    #[test]
    fn ogm_bases_of_more_than_10_digits_are_refused() {
        assert!(Ogm::from_base(9_999_999_999).is_ok());
        assert_eq!(
            Ogm::from_base(10_000_000_000),
            Err(ReferenceError::OgmBaseTooLarge)
        );
    }

    #[test]
    fn ogm_is_accepted_in_every_usual_spelling() {
        for spelling in [
            "+++010/8068/17183+++",
            "***010/8068/17183***",
            "010/8068/17183",
            "010806817183",
            " +++ 010 / 8068 / 17183 +++ ",
            "0108 0681 7183",
            "+++010806817183+++",
        ] {
            assert_eq!(ogm(spelling).digits(), "010806817183", "{spelling}");
        }
    }

    #[test]
    fn ogm_with_wrong_check_digits_is_refused_with_a_clear_error() {
        let error = Ogm::parse("+++010/8068/17184+++").unwrap_err();
        assert_eq!(error, ReferenceError::OgmCheck);
        assert_eq!(
            error.to_string(),
            "the check digits of the structured communication do not match"
        );
    }

    #[test]
    fn ogm_of_the_wrong_length_or_shape_is_refused() {
        assert_eq!(Ogm::parse("01080681718"), Err(ReferenceError::OgmLength));
        assert_eq!(Ogm::parse("0108068171830"), Err(ReferenceError::OgmLength));
        assert_eq!(Ogm::parse("0108/068/17183"), Err(ReferenceError::OgmFormat));
        assert_eq!(Ogm::parse("010-8068-17183"), Err(ReferenceError::OgmFormat));
        assert_eq!(
            Ogm::parse("+++O10/8068/17183+++"),
            Err(ReferenceError::OgmFormat)
        );
        assert_eq!(Ogm::parse("  "), Err(ReferenceError::Empty));
    }

    // --- RF vectors ------------------------------------------------------------------------

    #[test]
    fn rf_vector_1234512345_gives_rf45() {
        let reference = RfReference::from_body("1234512345").unwrap();
        assert_eq!(reference.as_compact(), "RF451234512345");
        assert_eq!(reference.to_string(), "RF45 1234 5123 45");
        assert_eq!(reference.body(), "1234512345");
    }

    #[test]
    fn rf_vector_ab2g5_gives_rf68() {
        assert_eq!(
            RfReference::from_body("ab2g5").unwrap().as_compact(),
            "RF68AB2G5"
        );
    }

    #[test]
    fn rf_vector_iso11649_gives_rf60() {
        assert_eq!(
            RfReference::from_body("ISO11649").unwrap().as_compact(),
            "RF60ISO11649"
        );
    }

    #[test]
    fn rf_is_accepted_compact_printed_and_in_lower_case() {
        for spelling in [
            "RF451234512345",
            "RF45 1234 5123 45",
            "rf45 1234 5123 45 ",
            "rF4512345 12345",
        ] {
            assert_eq!(
                RfReference::parse(spelling).unwrap().as_compact(),
                "RF451234512345",
                "{spelling}"
            );
        }
    }

    #[test]
    fn rf_with_wrong_check_digits_is_refused() {
        assert_eq!(
            RfReference::parse("RF461234512345"),
            Err(ReferenceError::RfCheck)
        );
        assert_eq!(
            RfReference::parse("RF451234512346"),
            Err(ReferenceError::RfCheck)
        );
    }

    #[test]
    fn rf_check_digits_00_and_01_are_refused_even_when_mod_97_agrees() {
        // Find a body whose canonical check is 97 or 98, then write it with 00 or 01.
        let body = (0..10_000)
            .map(|n| n.to_string())
            .find(|body| {
                let compact = RfReference::from_body(body).unwrap();
                compact.as_compact().get(2..4) == Some("97")
            })
            .unwrap();
        assert_eq!(mod97(&format!("{body}RF00")), 1);
        assert!(RfReference::parse(&format!("RF97{body}")).is_ok());
        assert_eq!(
            RfReference::parse(&format!("RF00{body}")),
            Err(ReferenceError::RfCheck)
        );
    }

    #[test]
    fn rf_with_a_bad_shape_is_refused() {
        assert_eq!(RfReference::parse("RF45"), Err(ReferenceError::RfBody));
        assert_eq!(
            RfReference::parse("RF4A12345"),
            Err(ReferenceError::RfFormat)
        );
        assert_eq!(
            RfReference::parse("XX451234512345"),
            Err(ReferenceError::RfFormat)
        );
        assert_eq!(
            RfReference::parse("RF45123-45"),
            Err(ReferenceError::RfBody)
        );
        assert_eq!(
            RfReference::from_body(&"1".repeat(22)),
            Err(ReferenceError::RfBody)
        );
        assert!(RfReference::from_body(&"1".repeat(21)).is_ok());
        assert_eq!(RfReference::from_body(""), Err(ReferenceError::RfBody));
        assert_eq!(RfReference::from_body("é"), Err(ReferenceError::RfBody));
    }

    // --- Either ----------------------------------------------------------------------------

    #[test]
    fn payment_references_parse_either_scheme() {
        let ogm = PaymentReference::parse("+++010/8068/17183+++").unwrap();
        assert_eq!(ogm.scheme(), ReferenceScheme::Ogm);
        assert_eq!(ogm.as_compact(), "010806817183");
        let rf = PaymentReference::parse("rf68 ab2g 5").unwrap();
        assert_eq!(rf.scheme(), ReferenceScheme::Rf);
        assert_eq!(rf.as_compact(), "RF68AB2G5");
        assert_eq!(rf.to_string(), "RF68 AB2G 5");
    }

    #[test]
    fn payment_reference_errors_follow_the_scheme_the_text_looks_like() {
        assert_eq!(
            PaymentReference::parse("RF69AB2G5"),
            Err(ReferenceError::RfCheck)
        );
        assert_eq!(
            PaymentReference::parse("010806817184"),
            Err(ReferenceError::OgmCheck)
        );
        assert_eq!(PaymentReference::parse(""), Err(ReferenceError::Empty));
    }

    #[test]
    fn schemes_generate_references_from_a_sequence() {
        assert_eq!(
            ReferenceScheme::Ogm
                .generate(108_068_171)
                .unwrap()
                .to_string(),
            "+++010/8068/17183+++"
        );
        assert_eq!(
            ReferenceScheme::Rf
                .generate(1_234_512_345)
                .unwrap()
                .as_compact(),
            "RF451234512345"
        );
        assert_eq!(
            ReferenceScheme::Ogm.generate(10_000_000_000),
            Err(ReferenceError::OgmBaseTooLarge)
        );
        assert!(ReferenceScheme::Rf.generate(u64::MAX).is_ok());
    }

    #[test]
    fn schemes_parse_from_their_keywords() {
        assert_eq!("ogm".parse(), Ok(ReferenceScheme::Ogm));
        assert_eq!("RF".parse(), Ok(ReferenceScheme::Rf));
        assert!("vcs".parse::<ReferenceScheme>().is_err());
        assert_eq!(ReferenceScheme::Rf.as_str(), "rf");
    }

    #[test]
    fn payment_references_deserialize_from_any_spelling() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        let parsed = PaymentReference::deserialize(StrDeserializer::<Error>::new("010/8068/17183"));
        assert_eq!(parsed.unwrap().as_compact(), "010806817183");
        assert!(
            PaymentReference::deserialize(StrDeserializer::<Error>::new("010/8068/17184")).is_err()
        );
    }

    // --- Free text -------------------------------------------------------------------------

    fn found(text: &str) -> Vec<String> {
        find_references(text)
            .iter()
            .map(|reference| reference.as_compact().to_owned())
            .collect()
    }

    #[test]
    fn an_ogm_is_found_inside_a_sentence_in_every_spelling() {
        for text in [
            "Bedankt! +++010/8068/17183+++ groeten",
            "mededeling: 010806817183.",
            "ref ***010/8068/17183***",
            "ref 010 8068 17183 merci",
            "ref 010 / 8068 / 17183",
            "010.8068.17183",
            "+++010/8068/17183+++",
        ] {
            assert_eq!(found(text), ["010806817183"], "{text}");
        }
    }

    #[test]
    fn an_rf_reference_is_found_inside_a_sentence() {
        assert_eq!(
            found("Paiement RF45 1234 5123 45 parts"),
            ["RF451234512345"]
        );
        assert_eq!(found("Paiement rf451234512345, merci"), ["RF451234512345"]);
        assert_eq!(found("(RF68 AB2G 5)"), ["RF68AB2G5"]);
        assert_eq!(found("RF18 5390 0754 7034 paid"), ["RF18539007547034"]);
    }

    #[test]
    fn several_references_are_found_in_order_once_each() {
        assert_eq!(
            found("RF60ISO11649 and +++010/8068/17183+++ and again RF60 ISO1 1649"),
            ["RF60ISO11649", "010806817183"]
        );
    }

    #[test]
    fn references_with_wrong_check_digits_are_not_found() {
        assert!(found("+++010/8068/17184+++").is_empty());
        assert!(found("RF46 1234 5123 45").is_empty());
    }

    #[test]
    fn references_inside_longer_words_or_numbers_are_not_found() {
        assert!(found("X010806817183").is_empty());
        assert!(found("0108068171830").is_empty());
        assert!(found("SURF451234512345").is_empty());
        assert!(found("BE71096123456769").is_empty());
    }

    #[test]
    fn an_iban_printed_in_groups_of_four_is_not_taken_for_an_ogm() {
        // Whatever its digits, a 4-4-4 grouping is not an OGM shape.
        let digits = Ogm::from_base(961_234_567).unwrap();
        let grouped = format!(
            "BE71 {} {} {}",
            &digits.digits()[0..4],
            &digits.digits()[4..8],
            &digits.digits()[8..12]
        );
        assert!(found(&grouped).is_empty(), "{grouped}");
    }

    #[test]
    fn text_without_references_finds_nothing() {
        assert!(found("").is_empty());
        assert!(found("Capital Jan Peeters 2 parts / aandelen").is_empty());
        assert!(found("RF").is_empty());
    }

    // --- Properties ------------------------------------------------------------------------

    fn corrupted(text: &str, index: usize, replacement: char) -> String {
        text.chars()
            .enumerate()
            .map(|(i, c)| if i == index { replacement } else { c })
            .collect()
    }

    proptest! {
        #[test]
        fn every_generated_ogm_parses_back_from_all_its_spellings(base in 0..OGM_BASE_LIMIT) {
            let reference = Ogm::from_base(base).unwrap();
            prop_assert_eq!(reference.base(), base);
            let digits = reference.digits().to_owned();
            let display = reference.to_string();
            let spaced: String = digits.chars().flat_map(|c| [c, ' ']).collect();
            for spelling in [digits.clone(), display.clone(), display.replace('+', "*"), spaced] {
                prop_assert_eq!(Ogm::parse(&spelling), Ok(reference));
            }
            prop_assert_eq!(find_references(&format!("paid {display} ok")), vec![PaymentReference::Ogm(reference)]);
        }

        #[test]
        fn every_single_digit_change_of_an_ogm_is_rejected(base in 0..OGM_BASE_LIMIT) {
            let digits = Ogm::from_base(base).unwrap().digits().to_owned();
            for (index, original) in digits.chars().enumerate() {
                for replacement in ('0'..='9').filter(|c| *c != original) {
                    let changed = corrupted(&digits, index, replacement);
                    prop_assert_eq!(Ogm::parse(&changed), Err(ReferenceError::OgmCheck), "{}", changed);
                }
            }
        }

        #[test]
        fn every_generated_rf_parses_back_from_all_its_spellings(sequence in any::<u64>()) {
            let PaymentReference::Rf(reference) = ReferenceScheme::Rf.generate(sequence).unwrap() else {
                panic!("RF scheme generated an OGM");
            };
            prop_assert_eq!(reference.body(), sequence.to_string());
            let compact = reference.as_compact().to_owned();
            let display = reference.to_string();
            for spelling in [compact.clone(), display.clone(), display.to_lowercase(), compact.to_lowercase()] {
                prop_assert_eq!(RfReference::parse(&spelling), Ok(reference.clone()));
            }
            prop_assert_eq!(find_references(&format!("paid {display} thanks")), vec![PaymentReference::Rf(reference)]);
        }

        #[test]
        fn any_alphanumeric_body_makes_a_valid_rf(body in "[A-Za-z0-9]{1,21}") {
            let reference = RfReference::from_body(&body).unwrap();
            prop_assert_eq!(reference.body(), body.to_ascii_uppercase());
            prop_assert_eq!(RfReference::parse(&reference.to_string()), Ok(reference.clone()));
            prop_assert_eq!(find_references(&format!("x {} y", reference.as_compact())), vec![PaymentReference::Rf(reference)]);
        }

        /// A digit replaced by another digit, or a letter by another letter, always breaks
        /// the check (mod 97-10 guarantees it). A letter swapped for a digit changes the
        /// length of the number being checked, which the standard does not guarantee to catch.
        #[test]
        fn every_single_character_change_of_an_rf_is_rejected(body in "[A-Z0-9]{1,21}") {
            let compact = RfReference::from_body(&body).unwrap().as_compact().to_owned();
            for (index, original) in compact.chars().enumerate().skip(2) {
                let replacements: Vec<char> = if original.is_ascii_digit() {
                    ('0'..='9').collect()
                } else {
                    ('A'..='Z').collect()
                };
                for replacement in replacements.into_iter().filter(|c| *c != original) {
                    let changed = corrupted(&compact, index, replacement);
                    prop_assert!(RfReference::parse(&changed).is_err(), "{}", changed);
                }
            }
        }

        #[test]
        fn finding_references_in_any_text_never_panics(text in "\\PC{0,80}") {
            let _ = find_references(&text);
        }

        #[test]
        fn parsing_any_text_never_panics(text in "\\PC{0,40}") {
            let _ = PaymentReference::parse(&text);
        }
    }
}
