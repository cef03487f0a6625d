//! The EPC QR code payload (EPC069-12, "Quick Response Code: guidelines to enable data capture
//! for the initiation of a SEPA credit transfer"), version 002.
//!
//! Elements are separated by LF; an optional element left empty in the middle stays as an empty
//! line, and nothing follows the last element present. We always write version 002 with UTF-8
//! (character set 1), leave the BIC out unless given (optional in 002 within the EEA), and put
//! the payment reference in the structured remittance element so the banking app fills the
//! structured communication. The symbol itself (error correction M, version ≤ 13) is drawn by
//! whoever renders the code; this module only guarantees the payload fits (≤ 331 bytes).

use coopshares_domain::iban::{Bic, Iban};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::PaymentReference;

/// Largest payload the standard allows, in bytes.
pub const MAX_PAYLOAD_BYTES: usize = 331;
const MAX_NAME_CHARS: usize = 70;
const MAX_INFO_CHARS: usize = 70;
/// 999,999,999.99 in cents.
const MAX_AMOUNT_MINOR: i64 = 99_999_999_999;

/// A credit transfer to describe in an EPC QR code.
#[derive(Debug, Clone, Copy)]
pub struct CreditTransfer<'a> {
    pub beneficiary_name: &'a str,
    pub iban: &'a Iban,
    pub bic: Option<&'a Bic>,
    pub amount: Money,
    pub reference: &'a PaymentReference,
    /// Shown to the payer by their app, not transmitted (element 12).
    pub information: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpcError {
    #[error("an EPC QR code can only ask for euros, not {0}")]
    NotEuro(String),
    #[error("the amount must be between 0.01 and 999999999.99 EUR")]
    AmountOutOfRange,
    #[error("the beneficiary name must be 1 to {MAX_NAME_CHARS} characters on one line")]
    InvalidName,
    #[error(
        "the information for the payer must be at most {MAX_INFO_CHARS} characters on one line"
    )]
    InvalidInformation,
    #[error("the payload is {0} bytes; an EPC QR code holds at most {MAX_PAYLOAD_BYTES}")]
    TooLong(usize),
}

/// The text to encode in the QR code.
pub fn payload(transfer: &CreditTransfer<'_>) -> Result<String, EpcError> {
    if transfer.amount.currency() != Currency::EUR {
        return Err(EpcError::NotEuro(
            transfer.amount.currency().code().to_owned(),
        ));
    }
    if !(1..=MAX_AMOUNT_MINOR).contains(&transfer.amount.minor()) {
        return Err(EpcError::AmountOutOfRange);
    }
    let name = one_line(transfer.beneficiary_name, MAX_NAME_CHARS).ok_or(EpcError::InvalidName)?;
    if name.is_empty() {
        return Err(EpcError::InvalidName);
    }
    let information = transfer
        .information
        .map(|text| one_line(text, MAX_INFO_CHARS).ok_or(EpcError::InvalidInformation))
        .transpose()?;

    let mut elements = vec![
        "BCD".to_owned(),
        "002".to_owned(),
        "1".to_owned(),
        "SCT".to_owned(),
        transfer
            .bic
            .map(|bic| bic.as_str().to_owned())
            .unwrap_or_default(),
        name,
        transfer.iban.as_compact().to_owned(),
        format!("EUR{}", transfer.amount),
        String::new(), // purpose
        transfer.reference.as_compact().to_owned(),
        String::new(), // unstructured remittance: never with a structured one
    ];
    if let Some(information) = information.filter(|text| !text.is_empty()) {
        elements.push(information);
    }
    while elements.last().is_some_and(String::is_empty) {
        elements.pop();
    }
    let payload = elements.join("\n");
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcError::TooLong(payload.len()));
    }
    Ok(payload)
}

/// Trimmed text with no line break, if it has at most `max` characters.
fn one_line(text: &str, max: usize) -> Option<String> {
    let text = text.trim();
    (text.chars().count() <= max && !text.contains(['\n', '\r'])).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iban() -> Iban {
        Iban::parse("BE71 0961 2345 6769").unwrap()
    }

    fn ogm() -> PaymentReference {
        PaymentReference::parse("+++010/8068/17183+++").unwrap()
    }

    fn transfer<'a>(iban: &'a Iban, reference: &'a PaymentReference) -> CreditTransfer<'a> {
        CreditTransfer {
            beneficiary_name: "Énergie Coopérative SC",
            iban,
            bic: None,
            amount: Money::from_minor(25_000, Currency::EUR),
            reference,
            information: None,
        }
    }

    #[test]
    fn a_payment_with_an_ogm_gives_the_version_002_payload_ending_at_the_reference() {
        let (iban, reference) = (iban(), ogm());
        assert_eq!(
            payload(&transfer(&iban, &reference)).unwrap(),
            "BCD\n002\n1\nSCT\n\nÉnergie Coopérative SC\nBE71096123456769\nEUR250.00\n\n010806817183"
        );
    }

    #[test]
    fn a_bic_and_information_fill_their_elements_and_keep_the_empty_unstructured_line() {
        let (iban, reference) = (
            iban(),
            PaymentReference::parse("RF45 1234 5123 45").unwrap(),
        );
        let bic = Bic::parse("GKCCBEBB").unwrap();
        let transfer = CreditTransfer {
            bic: Some(&bic),
            information: Some("2 shares A"),
            ..transfer(&iban, &reference)
        };
        assert_eq!(
            payload(&transfer).unwrap(),
            "BCD\n002\n1\nSCT\nGKCCBEBB\nÉnergie Coopérative SC\nBE71096123456769\nEUR250.00\n\nRF451234512345\n\n2 shares A"
        );
    }

    #[test]
    fn only_euros_between_one_cent_and_the_maximum_are_accepted() {
        let (iban, reference) = (iban(), ogm());
        let with = |amount| {
            payload(&CreditTransfer {
                amount,
                ..transfer(&iban, &reference)
            })
        };
        assert_eq!(
            with(Money::from_minor(100, Currency::parse("CHF").unwrap())),
            Err(EpcError::NotEuro("CHF".to_owned()))
        );
        assert_eq!(
            with(Money::zero(Currency::EUR)),
            Err(EpcError::AmountOutOfRange)
        );
        assert_eq!(
            with(Money::from_minor(-5, Currency::EUR)),
            Err(EpcError::AmountOutOfRange)
        );
        assert_eq!(
            with(Money::from_minor(MAX_AMOUNT_MINOR + 1, Currency::EUR)),
            Err(EpcError::AmountOutOfRange)
        );
        assert!(
            with(Money::from_minor(1, Currency::EUR))
                .unwrap()
                .contains("\nEUR0.01\n")
        );
        assert!(
            with(Money::from_minor(MAX_AMOUNT_MINOR, Currency::EUR))
                .unwrap()
                .contains("\nEUR999999999.99\n")
        );
    }

    #[test]
    fn names_must_be_one_line_of_at_most_70_characters() {
        let (iban, reference) = (iban(), ogm());
        let with = |name| {
            payload(&CreditTransfer {
                beneficiary_name: name,
                ..transfer(&iban, &reference)
            })
        };
        let seventy = "é".repeat(70);
        assert!(with(&seventy).is_ok(), "70 characters, 140 bytes, is fine");
        let seventy_one = "a".repeat(71);
        assert_eq!(with(&seventy_one), Err(EpcError::InvalidName));
        assert_eq!(with("Coop\nEvil"), Err(EpcError::InvalidName));
        assert_eq!(with("   "), Err(EpcError::InvalidName));
    }

    #[test]
    fn a_payload_over_331_bytes_is_refused() {
        let (iban, reference) = (iban(), ogm());
        let long = "€".repeat(70);
        let transfer = CreditTransfer {
            beneficiary_name: &long,
            information: Some(&long),
            ..transfer(&iban, &reference)
        };
        assert!(matches!(payload(&transfer), Err(EpcError::TooLong(n)) if n > MAX_PAYLOAD_BYTES));
    }
}
