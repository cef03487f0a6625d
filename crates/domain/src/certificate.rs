//! Membership certificates: what a cooperator held on a date, as stated on the PDF sent to them.

use std::fmt;

use time::Date;

use crate::ids::ContactId;
use crate::membership::MemberNumber;
use crate::money::{Money, MoneyError};
use crate::quantity::ShareQuantity;
use crate::share_type::ShareTypeCode;

/// Why a certificate or its number is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CertificateError {
    #[error("a certificate number must be a whole number of 1 or more")]
    InvalidNumber,
    #[error("a certificate must state at least one holding")]
    NoLines,
    #[error("all lines of a certificate must be in the same currency")]
    MixedCurrencies,
}

/// A certificate number, from a gapless sequence starting at 1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u32", into = "u32")]
pub struct CertificateNumber(u32);

impl CertificateNumber {
    pub fn new(number: u32) -> Result<Self, CertificateError> {
        if number == 0 {
            Err(CertificateError::InvalidNumber)
        } else {
            Ok(Self(number))
        }
    }

    pub const fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for CertificateNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<u32> for CertificateNumber {
    type Error = CertificateError;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<CertificateNumber> for u32 {
    fn from(number: CertificateNumber) -> Self {
        number.0
    }
}

/// One holding stated on a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateLine {
    pub share_type_code: ShareTypeCode,
    pub quantity: ShareQuantity,
    pub unit_value: Money,
    /// Since when the holder has held these shares.
    pub since: Date,
}

impl CertificateLine {
    /// Quantity × unit value.
    pub fn value(&self) -> Result<Money, MoneyError> {
        self.unit_value.checked_mul(self.quantity.get())
    }
}

/// A membership certificate, as issued. Always states at least one holding, in one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    number: CertificateNumber,
    holder: ContactId,
    member_number: MemberNumber,
    date: Date,
    lines: Vec<CertificateLine>,
}

impl Certificate {
    pub fn new(
        number: CertificateNumber,
        holder: ContactId,
        member_number: MemberNumber,
        date: Date,
        lines: Vec<CertificateLine>,
    ) -> Result<Self, CertificateError> {
        let Some(first) = lines.first() else {
            return Err(CertificateError::NoLines);
        };
        let currency = first.unit_value.currency();
        if lines
            .iter()
            .any(|line| line.unit_value.currency() != currency)
        {
            return Err(CertificateError::MixedCurrencies);
        }
        Ok(Self {
            number,
            holder,
            member_number,
            date,
            lines,
        })
    }

    pub fn number(&self) -> CertificateNumber {
        self.number
    }

    pub fn holder(&self) -> ContactId {
        self.holder
    }

    pub fn member_number(&self) -> MemberNumber {
        self.member_number
    }

    pub fn date(&self) -> Date {
        self.date
    }

    pub fn lines(&self) -> &[CertificateLine] {
        &self.lines
    }

    /// The number of shares stated, all types together.
    pub fn total_quantity(&self) -> u64 {
        self.lines
            .iter()
            .map(|line| u64::from(line.quantity.get()))
            .sum()
    }

    /// The nominal value of all shares stated.
    pub fn total_value(&self) -> Result<Money, MoneyError> {
        let currency = self
            .lines
            .first()
            .map_or(crate::money::Currency::EUR, |line| {
                line.unit_value.currency()
            });
        self.lines
            .iter()
            .try_fold(Money::zero(currency), |total, line| {
                total.checked_add(line.value()?)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use time::macros::date;

    fn line(code: &str, quantity: u32, unit_minor: i64) -> CertificateLine {
        CertificateLine {
            share_type_code: ShareTypeCode::parse(code).unwrap(),
            quantity: ShareQuantity::new(quantity).unwrap(),
            unit_value: Money::from_minor(unit_minor, Currency::EUR),
            since: date!(2026 - 02 - 01),
        }
    }

    fn certificate(lines: Vec<CertificateLine>) -> Result<Certificate, CertificateError> {
        Certificate::new(
            CertificateNumber::new(1).unwrap(),
            ContactId::new(5),
            MemberNumber::new(12).unwrap(),
            date!(2026 - 02 - 03),
            lines,
        )
    }

    #[test]
    fn a_certificate_totals_its_lines() {
        let certificate = certificate(vec![line("A", 4, 25_000), line("B", 1, 10_000)]).unwrap();
        assert_eq!(certificate.total_quantity(), 5);
        assert_eq!(
            certificate.total_value(),
            Ok(Money::from_minor(110_000, Currency::EUR))
        );
        assert_eq!(certificate.member_number().get(), 12);
        assert_eq!(certificate.holder(), ContactId::new(5));
        assert_eq!(certificate.lines().len(), 2);
    }

    #[test]
    fn a_certificate_without_lines_is_refused() {
        assert_eq!(certificate(Vec::new()), Err(CertificateError::NoLines));
    }

    #[test]
    fn a_certificate_mixing_currencies_is_refused() {
        let mut other = line("B", 1, 100);
        other.unit_value = Money::from_minor(100, Currency::parse("CHF").unwrap());
        assert_eq!(
            certificate(vec![line("A", 1, 100), other]),
            Err(CertificateError::MixedCurrencies)
        );
    }

    #[test]
    fn an_overflowing_total_value_is_an_error_not_a_wrap() {
        let certificate = certificate(vec![line("A", 1_000_000, i64::MAX / 100)]).unwrap();
        assert_eq!(certificate.total_value(), Err(MoneyError::Overflow));
    }

    #[test]
    fn certificate_numbers_start_at_1() {
        assert_eq!(
            CertificateNumber::new(0),
            Err(CertificateError::InvalidNumber)
        );
        assert_eq!(CertificateNumber::new(3).unwrap().to_string(), "3");
    }
}
