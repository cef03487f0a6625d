//! Which language a page is shown in.

use coopshares_domain::language::Language;

/// The cookie that remembers a visitor's explicit language choice.
pub const LANG_COOKIE: &str = "coopshares_lang";

/// The page language, by priority: the logged-in user's stored preference; an explicit choice
/// (the `lang` query parameter or the [`LANG_COOKIE`] — the caller passes whichever it found);
/// the browser's `Accept-Language` header; the cooperative's default. Unknown or malformed
/// values are skipped, never an error.
pub fn negotiate(
    user_preference: Option<Language>,
    explicit: Option<&str>,
    accept_language: Option<&str>,
    default: Language,
) -> Language {
    user_preference
        .or_else(|| explicit.and_then(|choice| choice.parse().ok()))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(default)
}

/// The acceptable language with the highest q-value (the first one listed on a tie), among
/// those Coopshares speaks. `q=0` means "not acceptable".
fn from_accept_language(header: &str) -> Option<Language> {
    let mut best: Option<(u16, Language)> = None;
    // A real browser sends a handful; a long list is not worth parsing to the end.
    for item in header.split(',').take(32) {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let mut quality = Some(1000);
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                quality = parse_quality(value.trim());
            }
        }
        let (Some(quality), Ok(language)) = (quality, tag.parse::<Language>()) else {
            continue;
        };
        if quality > 0 && best.is_none_or(|(best_quality, _)| quality > best_quality) {
            best = Some((quality, language));
        }
    }
    best.map(|(_, language)| language)
}

/// An RFC 9110 `qvalue` in thousandths: `0`, `0.5`, `1`, `1.000`; anything else is `None`.
fn parse_quality(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{De, En, Fr, Nl};

    #[test]
    fn the_language_is_chosen_by_preference_then_choice_then_browser_then_default() {
        /// User preference, explicit choice, `Accept-Language`, expected language.
        type Case = (
            Option<Language>,
            Option<&'static str>,
            Option<&'static str>,
            Language,
        );
        let cases: &[Case] = &[
            (Some(De), Some("fr"), Some("nl"), De),
            (None, Some("fr"), Some("nl"), Fr),
            (None, Some("nl-BE"), None, Nl),
            (None, Some("es"), Some("de"), De),
            (None, Some(""), None, En),
            (None, None, Some("nl-BE,nl;q=0.9,en;q=0.8"), Nl),
            (None, None, Some("de-CH"), De),
            (None, None, Some("es, fr;q=0.5"), Fr),
            (None, None, Some("fr;q=0, nl;q=0.1"), Nl),
            (None, None, Some("fr;q=0"), En),
            (None, None, Some("en;q=0.5, de;q=0.8"), De),
            (None, None, Some("fr;q=0.8, nl;q=0.8"), Fr),
            (None, None, Some("*"), En),
            (None, None, Some("fr;q=2, nl"), Nl),
            (None, None, Some("fr;q=abc"), En),
            (None, None, Some("FR-be ; Q=0.7"), Fr),
            (None, None, Some(""), En),
            (None, None, Some(",,;;=,"), En),
            (None, None, None, En),
        ];
        for (preference, explicit, accept, expected) in cases {
            assert_eq!(
                negotiate(*preference, *explicit, *accept, En),
                *expected,
                "preference {preference:?}, explicit {explicit:?}, Accept-Language {accept:?}"
            );
        }
    }

    #[test]
    fn the_default_applies_when_nothing_else_says_anything() {
        assert_eq!(negotiate(None, None, None, Nl), Nl);
    }

    #[test]
    fn quality_values_are_read_in_thousandths() {
        assert_eq!(parse_quality("1"), Some(1000));
        assert_eq!(parse_quality("1.000"), Some(1000));
        assert_eq!(parse_quality("0.5"), Some(500));
        assert_eq!(parse_quality("0.125"), Some(125));
        assert_eq!(parse_quality("0"), Some(0));
        assert_eq!(parse_quality("1.5"), None);
        assert_eq!(parse_quality("0.1234"), None);
        assert_eq!(parse_quality("-0.5"), None);
        assert_eq!(parse_quality(""), None);
    }
}
