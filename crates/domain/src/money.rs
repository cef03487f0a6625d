//! Money: an integer number of minor units (cents) and a currency. Never a float.
//!
//! Arithmetic is checked: adding two currencies or overflowing is an error, not a panic and
//! not a silent wrap. Decimal text is only produced and read at the edges (`parse`, `Display`).

use std::fmt;

/// Why an amount or a currency is refused, or an operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("a currency is three upper-case letters, like EUR")]
    InvalidCurrency,
    #[error("the amount is empty")]
    Empty,
    #[error(
        "not an amount: write digits with an optional decimal point, like 250 or 250.50, without thousands separators"
    )]
    InvalidAmount,
    #[error("{currency} amounts have at most {max} decimals")]
    TooManyDecimals { currency: Currency, max: u32 },
    #[error("the amount is too large")]
    Overflow,
    #[error("cannot combine amounts in {left} and {right}")]
    CurrencyMismatch { left: Currency, right: Currency },
}

/// An ISO 4217 currency code: three upper-case ASCII letters.
#[derive(
    Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

/// ISO 4217 currencies whose minor unit is not the cent. Every other currency has 2 decimals.
const MINOR_UNIT_EXCEPTIONS: [(&str, u32); 24] = [
    ("BHD", 3),
    ("BIF", 0),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("UYI", 0),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    /// Accepts three ASCII letters in any case. Whether the code is in use is not checked.
    pub fn parse(input: &str) -> Result<Self, MoneyError> {
        match input.trim().as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(Self([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(MoneyError::InvalidCurrency),
        }
    }

    /// The code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        // Only ASCII letters are ever stored, so this cannot fail.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// How many decimals the currency uses: 2 for the euro, 0 for the yen, 3 for the dinar.
    pub fn minor_units(self) -> u32 {
        MINOR_UNIT_EXCEPTIONS
            .iter()
            .find(|(code, _)| *code == self.code())
            .map_or(2, |(_, units)| *units)
    }

    /// 10 to the power of the minor units: minor units per major unit.
    fn scale(self) -> u64 {
        10_u64.pow(self.minor_units())
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Currency {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Currency {
    type Error = MoneyError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Currency> for String {
    fn from(currency: Currency) -> Self {
        currency.code().to_owned()
    }
}

/// An amount of money in integer minor units. Displays as a plain decimal (`250.00`, `-3.10`)
/// without the currency; serialises as `{"amount": "250.00", "currency": "EUR"}` so the
/// currency is never lost and the amount is never a JSON float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    pub const fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub const fn zero(currency: Currency) -> Self {
        Self::from_minor(0, currency)
    }

    /// The amount in minor units (cents for the euro).
    pub const fn minor(self) -> i64 {
        self.minor
    }

    pub const fn currency(self) -> Currency {
        self.currency
    }

    pub const fn is_zero(self) -> bool {
        self.minor == 0
    }

    pub const fn is_positive(self) -> bool {
        self.minor > 0
    }

    pub const fn is_negative(self) -> bool {
        self.minor < 0
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self
            .minor
            .checked_sub(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    pub fn checked_mul(self, factor: u32) -> Result<Money, MoneyError> {
        let minor = self
            .minor
            .checked_mul(i64::from(factor))
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_neg().ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    /// Compares two amounts of the same currency.
    pub fn checked_cmp(self, other: Money) -> Result<std::cmp::Ordering, MoneyError> {
        self.same_currency(other)?;
        Ok(self.minor.cmp(&other.minor))
    }

    /// Sums amounts that must all be in `currency`; an empty list sums to zero.
    pub fn checked_sum<I>(currency: Currency, amounts: I) -> Result<Money, MoneyError>
    where
        I: IntoIterator<Item = Money>,
    {
        amounts
            .into_iter()
            .try_fold(Money::zero(currency), Money::checked_add)
    }

    /// Parses a decimal amount: `250`, `250.5`, `250.50`, `-3.10`, or with a comma as the
    /// decimal separator (`250,50`). Refuses thousands separators, signs other than a leading
    /// `-`, more decimals than the currency has, and amounts that do not fit.
    pub fn parse(input: &str, currency: Currency) -> Result<Money, MoneyError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, unsigned) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (whole, fraction) = match unsigned.split_once(['.', ',']) {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !is_digits(whole) || fraction.is_some_and(|f| !is_digits(f)) {
            return Err(MoneyError::InvalidAmount);
        }
        let fraction = fraction.unwrap_or_default();
        let max = currency.minor_units();
        if fraction.len() > max as usize {
            return Err(MoneyError::TooManyDecimals { currency, max });
        }
        // Pad the fraction to the currency's decimals, then read whole and fraction as one
        // integer in minor units. i128 leaves room to detect any i64 overflow.
        let padded = format!("{whole}{fraction:0<width$}", width = max as usize);
        let magnitude: i128 = padded.parse().map_err(|_| MoneyError::Overflow)?;
        let signed = if negative { -magnitude } else { magnitude };
        let minor = i64::try_from(signed).map_err(|_| MoneyError::Overflow)?;
        Ok(Money::from_minor(minor, currency))
    }
}

impl fmt::Display for Money {
    /// `250.00`, `-3.10`, `1000` (yen): the currency's decimals, a `.` separator, no currency.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let magnitude = self.minor.unsigned_abs();
        let scale = self.currency.scale();
        let units = self.currency.minor_units() as usize;
        if units == 0 {
            write!(f, "{sign}{magnitude}")
        } else {
            write!(
                f,
                "{sign}{}.{:0units$}",
                magnitude / scale,
                magnitude % scale
            )
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct MoneyRepr {
    amount: String,
    currency: Currency,
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        MoneyRepr {
            amount: self.to_string(),
            currency: self.currency,
        }
        .serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let repr = MoneyRepr::deserialize(deserializer)?;
        Money::parse(&repr.amount, repr.currency).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn currency(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn currencies_are_three_letters_upper_cased() {
        assert_eq!(currency(" eur ").code(), "EUR");
        assert_eq!(currency("EUR"), Currency::EUR);
        for bad in ["EU", "EURO", "E1R", "", "€€€"] {
            assert_eq!(
                Currency::parse(bad),
                Err(MoneyError::InvalidCurrency),
                "{bad}"
            );
        }
    }

    #[test]
    fn most_currencies_have_two_decimals_and_the_exceptions_differ() {
        assert_eq!(Currency::EUR.minor_units(), 2);
        assert_eq!(currency("CHF").minor_units(), 2);
        assert_eq!(currency("JPY").minor_units(), 0);
        assert_eq!(currency("KRW").minor_units(), 0);
        for code in ["BHD", "KWD", "JOD", "OMR", "TND"] {
            assert_eq!(currency(code).minor_units(), 3, "{code}");
        }
    }

    #[test]
    fn the_exception_table_is_sorted_and_well_formed() {
        assert!(MINOR_UNIT_EXCEPTIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(
            MINOR_UNIT_EXCEPTIONS
                .iter()
                .all(|(code, units)| Currency::parse(code).is_ok() && *units != 2)
        );
    }

    #[test]
    fn amounts_parse_with_zero_one_or_two_decimals() {
        assert_eq!(Money::parse("250", Currency::EUR), Ok(eur(25_000)));
        assert_eq!(Money::parse("250.5", Currency::EUR), Ok(eur(25_050)));
        assert_eq!(Money::parse("250.50", Currency::EUR), Ok(eur(25_050)));
        assert_eq!(Money::parse(" 0.07 ", Currency::EUR), Ok(eur(7)));
        assert_eq!(Money::parse("-3.10", Currency::EUR), Ok(eur(-310)));
    }

    #[test]
    fn a_comma_is_accepted_as_decimal_separator() {
        assert_eq!(Money::parse("250,50", Currency::EUR), Ok(eur(25_050)));
        assert_eq!(Money::parse("-0,5", Currency::EUR), Ok(eur(-50)));
    }

    #[test]
    fn more_decimals_than_the_currency_allows_are_refused() {
        let error = Money::parse("250.505", Currency::EUR).unwrap_err();
        assert_eq!(error.to_string(), "EUR amounts have at most 2 decimals");
        assert_eq!(
            Money::parse("1.5", currency("JPY")),
            Err(MoneyError::TooManyDecimals {
                currency: currency("JPY"),
                max: 0
            })
        );
        assert_eq!(
            Money::parse("1.234", currency("KWD")),
            Ok(Money::from_minor(1234, currency("KWD")))
        );
    }

    #[test]
    fn thousands_separators_and_garbage_are_refused() {
        for bad in [
            "1,000.00", "1.000,00", "1 000", "1'000", "€250", "250 EUR", "+250", "--3", "-", ".5",
            "5.", "1e3", "0x10", "٣",
        ] {
            assert_eq!(
                Money::parse(bad, Currency::EUR),
                Err(MoneyError::InvalidAmount),
                "{bad}"
            );
        }
        assert_eq!(Money::parse("  ", Currency::EUR), Err(MoneyError::Empty));
    }

    #[test]
    fn three_digits_after_a_separator_are_not_read_as_thousands() {
        assert!(matches!(
            Money::parse("1.000", Currency::EUR),
            Err(MoneyError::TooManyDecimals { .. })
        ));
    }

    #[test]
    fn amounts_that_do_not_fit_are_refused() {
        assert_eq!(
            Money::parse("92233720368547758.08", Currency::EUR),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::parse("92233720368547758.07", Currency::EUR),
            Ok(eur(i64::MAX))
        );
        assert_eq!(
            Money::parse(&"9".repeat(60), Currency::EUR),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::parse("-92233720368547758.08", Currency::EUR),
            Ok(eur(i64::MIN))
        );
    }

    #[test]
    fn amounts_display_with_the_currency_decimals() {
        assert_eq!(eur(25_000).to_string(), "250.00");
        assert_eq!(eur(-310).to_string(), "-3.10");
        assert_eq!(eur(-5).to_string(), "-0.05");
        assert_eq!(eur(0).to_string(), "0.00");
        assert_eq!(Money::from_minor(1000, currency("JPY")).to_string(), "1000");
        assert_eq!(Money::from_minor(-1, currency("KWD")).to_string(), "-0.001");
        assert_eq!(eur(i64::MIN).to_string(), "-92233720368547758.08");
    }

    #[test]
    fn adding_and_subtracting_check_currency_and_overflow() {
        assert_eq!(eur(150).checked_add(eur(-50)), Ok(eur(100)));
        assert_eq!(eur(150).checked_sub(eur(200)), Ok(eur(-50)));
        let yen = Money::from_minor(1, currency("JPY"));
        assert_eq!(
            eur(1).checked_add(yen),
            Err(MoneyError::CurrencyMismatch {
                left: Currency::EUR,
                right: currency("JPY")
            })
        );
        assert_eq!(
            eur(1).checked_sub(yen).unwrap_err().to_string(),
            "cannot combine amounts in EUR and JPY"
        );
        assert_eq!(eur(i64::MAX).checked_add(eur(1)), Err(MoneyError::Overflow));
        assert_eq!(eur(i64::MIN).checked_sub(eur(1)), Err(MoneyError::Overflow));
    }

    #[test]
    fn multiplying_by_a_quantity_is_checked() {
        assert_eq!(eur(2_500).checked_mul(4), Ok(eur(10_000)));
        assert_eq!(eur(i64::MAX / 2).checked_mul(3), Err(MoneyError::Overflow));
        assert_eq!(eur(i64::MIN).checked_neg(), Err(MoneyError::Overflow));
    }

    #[test]
    fn signs_are_reported() {
        assert!(eur(0).is_zero() && !eur(0).is_positive() && !eur(0).is_negative());
        assert!(eur(1).is_positive());
        assert!(eur(-1).is_negative());
    }

    #[test]
    fn sums_of_a_list_check_every_currency() {
        assert_eq!(
            Money::checked_sum(Currency::EUR, [eur(100), eur(250)]),
            Ok(eur(350))
        );
        assert_eq!(Money::checked_sum(Currency::EUR, []), Ok(eur(0)));
        assert!(
            Money::checked_sum(Currency::EUR, [Money::from_minor(1, currency("USD"))]).is_err()
        );
    }

    #[test]
    fn money_deserializes_from_a_decimal_string_and_a_currency() {
        use serde::Deserialize;
        use serde::de::value::{Error, MapDeserializer};
        let fields = [("amount", "250.50"), ("currency", "EUR")];
        let money = Money::deserialize(MapDeserializer::<_, Error>::new(fields.into_iter()));
        assert_eq!(money, Ok(eur(25_050)));
        let fields = [("amount", "250.505"), ("currency", "EUR")];
        assert!(Money::deserialize(MapDeserializer::<_, Error>::new(fields.into_iter())).is_err());
    }

    fn any_currency() -> impl Strategy<Value = Currency> {
        prop_oneof![
            Just(Currency::EUR),
            Just(Currency::parse("JPY").unwrap()),
            Just(Currency::parse("KWD").unwrap()),
        ]
    }

    const SAFE: i64 = 1_000_000_000_000_000;

    proptest! {
        #[test]
        fn parsing_the_display_gives_back_the_amount(minor in -SAFE..SAFE, currency in any_currency()) {
            let money = Money::from_minor(minor, currency);
            prop_assert_eq!(Money::parse(&money.to_string(), currency), Ok(money));
        }

        #[test]
        fn the_comma_display_parses_to_the_same_amount(minor in -SAFE..SAFE) {
            let money = eur(minor);
            prop_assert_eq!(Money::parse(&money.to_string().replace('.', ","), Currency::EUR), Ok(money));
        }

        #[test]
        fn adding_then_subtracting_gives_back_the_amount(a in -SAFE..SAFE, b in -SAFE..SAFE) {
            let sum = eur(a).checked_add(eur(b)).unwrap();
            prop_assert_eq!(sum.minor(), a + b);
            prop_assert_eq!(sum.checked_sub(eur(b)), Ok(eur(a)));
        }

        #[test]
        fn parsing_any_text_never_panics(text in "\\PC{0,30}") {
            let _ = Money::parse(&text, Currency::EUR);
        }
    }
}
