//! Numbers and dates as people read them in each language.

use coopshares_domain::language::Language;
use coopshares_domain::money::Money;
use time::Date;

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

/// An amount as [`amount`] writes it, followed by its currency code: `1 250,00 EUR`.
pub fn money(money: Money, language: Language) -> String {
    format!("{} {}", amount(money, language), money.currency().code())
}

/// A date as a reader of `language` expects it on a letter: `31/03/2026` (fr), `31-03-2026`
/// (nl), `31 March 2026` (en), `31.03.2026` (de).
pub fn date(date: Date, language: Language) -> String {
    let (day, month, year) = (date.day(), u8::from(date.month()), date.year());
    match language {
        Language::Fr => format!("{day:02}/{month:02}/{year}"),
        Language::Nl => format!("{day:02}-{month:02}-{year}"),
        // `Month` displays its English name.
        Language::En => format!("{day} {} {year}", date.month()),
        Language::De => format!("{day:02}.{month:02}.{year}"),
    }
}

/// A date typed as `YYYY-MM-DD` (spaces around it ignored), or the field error that says so.
pub fn parse_date(field: &str, text: &str) -> Result<Date, crate::error::FieldError> {
    Date::parse(
        text.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| {
        crate::error::FieldError::new(field, "invalid_date", "write the date as YYYY-MM-DD")
    })
}

/// A moment as a reader of `language` expects it, in UTC: `31/03/2026 18:00 UTC`.
pub fn timestamp(at: time::OffsetDateTime, language: Language) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{} {:02}:{:02} UTC",
        date(at.date(), language),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use coopshares_domain::money::Currency;
    use time::macros::date as day;

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

    #[test]
    fn money_carries_its_currency_code() {
        let m = Money::from_minor(125_000, Currency::EUR);
        assert_eq!(money(m, Language::Nl), "1.250,00 EUR");
    }

    #[test]
    fn dates_follow_each_language_convention() {
        let due = day!(2026 - 03 - 31);
        assert_eq!(date(due, Language::Fr), "31/03/2026");
        assert_eq!(date(due, Language::Nl), "31-03-2026");
        assert_eq!(date(due, Language::En), "31 March 2026");
        assert_eq!(date(due, Language::De), "31.03.2026");
        let early = day!(2026 - 04 - 05);
        assert_eq!(date(early, Language::Fr), "05/04/2026");
        assert_eq!(date(early, Language::En), "5 April 2026");
    }
}
