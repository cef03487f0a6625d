//! The four languages of the user interface, emails and documents.

use std::fmt;
use std::str::FromStr;

/// A language Coopshares speaks. Parsing accepts a bare code or a BCP 47 tag (`fr-BE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Fr,
    Nl,
    En,
    De,
}

impl Language {
    pub const ALL: [Language; 4] = [Language::Fr, Language::Nl, Language::En, Language::De];

    /// The ISO 639-1 code, as stored and as used in URLs and translation files.
    pub const fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::En => "en",
            Language::De => "de",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text is not one of `fr`, `nl`, `en`, `de` (optionally with a region).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?}: expected fr, nl, en or de")]
pub struct UnsupportedLanguage(pub String);

impl FromStr for Language {
    type Err = UnsupportedLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "fr" => Ok(Language::Fr),
            "nl" => Ok(Language::Nl),
            "en" => Ok(Language::En),
            "de" => Ok(Language::De),
            _ => Err(UnsupportedLanguage(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_from_codes_and_regional_tags() {
        assert_eq!("fr".parse(), Ok(Language::Fr));
        assert_eq!("nl-BE".parse(), Ok(Language::Nl));
        assert_eq!("DE_de".parse(), Ok(Language::De));
        assert_eq!(" en ".parse(), Ok(Language::En));
    }

    #[test]
    fn unknown_languages_are_refused() {
        assert!("es".parse::<Language>().is_err());
        assert!("".parse::<Language>().is_err());
    }

    #[test]
    fn every_language_round_trips_through_its_code() {
        for language in Language::ALL {
            assert_eq!(language.code().parse(), Ok(language));
        }
    }
}
