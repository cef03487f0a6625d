//! Countries, as ISO 3166-1 alpha-2 codes.

use std::fmt;

/// Every officially assigned ISO 3166-1 alpha-2 code (249), sorted, so lookups can use a
/// binary search. Reserved codes (`EU`, `UK`, `XK`…) are not countries in this sense.
pub const ASSIGNED_CODES: [&str; 249] = [
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// Why a text is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountryError {
    #[error("a country must be given as a two-letter ISO 3166 code, like BE or FR")]
    NotTwoLetters,
    #[error("{0} is not an assigned ISO 3166 country code")]
    Unassigned(String),
}

/// An officially assigned ISO 3166-1 alpha-2 country code, upper-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(into = "String")]
pub struct Country(&'static str);

// Written by hand: the derive would tie the input's lifetime to the `&'static str` inside.
impl<'de> serde::Deserialize<'de> for Country {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = <String as serde::Deserialize>::deserialize(deserializer)?;
        Country::parse(&code).map_err(serde::de::Error::custom)
    }
}

impl Country {
    pub const BE: Country = Country("BE");
    pub const FR: Country = Country("FR");
    pub const DE: Country = Country("DE");
    pub const NL: Country = Country("NL");
    pub const LU: Country = Country("LU");

    /// Accepts a code in any case, with surrounding whitespace.
    pub fn parse(input: &str) -> Result<Self, CountryError> {
        let code = input.trim().to_ascii_uppercase();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CountryError::NotTwoLetters);
        }
        ASSIGNED_CODES
            .binary_search(&code.as_str())
            .ok()
            .and_then(|index| ASSIGNED_CODES.get(index))
            .map(|code| Country(code))
            .ok_or(CountryError::Unassigned(code))
    }

    /// The upper-case code, e.g. `BE`.
    pub const fn code(self) -> &'static str {
        self.0
    }

    /// Same as [`Country::code`], for symmetry with the other value types.
    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::str::FromStr for Country {
    type Err = CountryError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Country {
    type Error = CountryError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Country> for String {
    fn from(country: Country) -> Self {
        country.0.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_is_sorted_without_duplicates() {
        assert!(ASSIGNED_CODES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn every_listed_code_is_two_upper_case_letters_and_parses_to_itself() {
        for code in ASSIGNED_CODES {
            assert_eq!(code.len(), 2);
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(Country::parse(code).unwrap().code(), code);
        }
    }

    #[test]
    fn codes_are_accepted_in_any_case() {
        assert_eq!(Country::parse(" be "), Ok(Country::BE));
        assert_eq!(Country::parse("Fr"), Ok(Country::FR));
    }

    #[test]
    fn the_named_constants_are_assigned_codes() {
        for country in [
            Country::BE,
            Country::FR,
            Country::DE,
            Country::NL,
            Country::LU,
        ] {
            assert_eq!(Country::parse(country.code()), Ok(country));
        }
    }

    #[test]
    fn unassigned_and_reserved_codes_are_refused() {
        for code in ["EU", "UK", "XK", "ZZ", "AA"] {
            assert_eq!(
                Country::parse(code),
                Err(CountryError::Unassigned(code.to_owned()))
            );
        }
    }

    #[test]
    fn texts_that_are_not_two_letters_are_refused() {
        for text in ["", "B", "BEL", "B1", "ÉÉ"] {
            assert_eq!(Country::parse(text), Err(CountryError::NotTwoLetters));
        }
    }

    #[test]
    fn countries_deserialize_through_the_checks() {
        use serde::Deserialize;
        use serde::de::value::{Error, StrDeserializer};
        assert_eq!(
            Country::deserialize(StrDeserializer::<Error>::new("lu")),
            Ok(Country::LU)
        );
        assert!(Country::deserialize(StrDeserializer::<Error>::new("XX")).is_err());
    }

    #[test]
    fn errors_read_as_plain_english() {
        assert_eq!(
            CountryError::Unassigned("ZZ".to_owned()).to_string(),
            "ZZ is not an assigned ISO 3166 country code"
        );
    }
}
