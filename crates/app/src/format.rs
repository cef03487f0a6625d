//! Numbers as people read them in each language.

use coopshares_domain::language::Language;
use coopshares_domain::money::Money;

/// An amount with the language's decimal separator and thousands grouping, without the
/// currency: `1 250,00` (fr), `1.250,00` (nl, de), `1,250.00` (en).
pub fn amount(money: Money, language: Language) -> String {
    let plain = money.to_string();
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |rest| ("-", rest));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let (group, decimal) = match language {
        Language::Fr => ('\u{202f}', ','),
        Language::Nl | Language::De => ('.', ','),
        Language::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use coopshares_domain::money::Currency;

    use super::*;

    #[test]
    fn amounts_follow_the_language_conventions() {
        let m = Money::from_minor(125_000, Currency::EUR);
        assert_eq!(amount(m, Language::Fr), "1\u{202f}250,00");
        assert_eq!(amount(m, Language::Nl), "1.250,00");
        assert_eq!(amount(m, Language::De), "1.250,00");
        assert_eq!(amount(m, Language::En), "1,250.00");
        assert_eq!(
            amount(Money::from_minor(5_000, Currency::EUR), Language::En),
            "50.00"
        );
        assert_eq!(
            amount(Money::from_minor(-123_456_789, Currency::EUR), Language::Nl),
            "-1.234.567,89"
        );
        assert_eq!(
            amount(
                Money::from_minor(7, Currency::parse("JPY").unwrap()),
                Language::En
            ),
            "7"
        );
    }
}
