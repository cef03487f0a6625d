//! Capital calls (capital release requests, FR *demandes de libération*): the invoice for the
//! shares of a validated request.
//!
//! | from \ action  | record_payment                      | cancel    |
//! |----------------|-------------------------------------|-----------|
//! | open           | open (partial) or paid (in full)    | cancelled |
//! | paid           | —                                   | —         |
//! | cancelled      | —                                   | —         |
//!
//! What was paid and what is still due are derived from the reconciled payments
//! ([`settlement`](crate::capital_call::settlement)), never stored.

use std::fmt;

use time::{Date, Duration};

use crate::keyword::keyword_enum;
use crate::money::{Money, MoneyError};

keyword_enum! {
    /// The state of a capital call.
    pub enum CapitalCallState("capital call state") {
        Open => "open",
        Paid => "paid",
        Cancelled => "cancelled",
    }
}

keyword_enum! {
    /// What can happen to a capital call.
    pub enum CapitalCallAction("capital call action") {
        RecordPayment => "record_payment",
        Cancel => "cancel",
    }
}

/// A forbidden capital call transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a capital call that is {from}", match action {
    CapitalCallAction::RecordPayment => "record a payment on",
    CapitalCallAction::Cancel => "cancel",
})]
pub struct TransitionError {
    pub from: CapitalCallState,
    pub action: CapitalCallAction,
}

/// Why a capital call operation fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CapitalCallError {
    #[error(transparent)]
    Transition(#[from] TransitionError),
    #[error(transparent)]
    Money(#[from] MoneyError),
    #[error("a capital call number is written year/sequence, like 2026/0001")]
    InvalidNumber,
}

/// The number of a capital call: gapless within a year, displayed `2026/0001` (at least four
/// digits for the sequence, more when needed).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct CapitalCallNumber {
    year: i32,
    sequence: u32,
}

impl CapitalCallNumber {
    /// `year` between 1000 and 9999, `sequence` from 1.
    pub fn new(year: i32, sequence: u32) -> Result<Self, CapitalCallError> {
        if !(1000..=9999).contains(&year) || sequence == 0 {
            return Err(CapitalCallError::InvalidNumber);
        }
        Ok(Self { year, sequence })
    }

    /// Reads `2026/0001` (or `2026/1`).
    pub fn parse(input: &str) -> Result<Self, CapitalCallError> {
        let (year, sequence) = input
            .trim()
            .split_once('/')
            .ok_or(CapitalCallError::InvalidNumber)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(year) || !all_digits(sequence) {
            return Err(CapitalCallError::InvalidNumber);
        }
        let year = year.parse().map_err(|_| CapitalCallError::InvalidNumber)?;
        let sequence = sequence
            .parse()
            .map_err(|_| CapitalCallError::InvalidNumber)?;
        Self::new(year, sequence)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn sequence(self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for CapitalCallNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:04}", self.year, self.sequence)
    }
}

impl std::str::FromStr for CapitalCallNumber {
    type Err = CapitalCallError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CapitalCallNumber {
    type Error = CapitalCallError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CapitalCallNumber> for String {
    fn from(number: CapitalCallNumber) -> Self {
        number.to_string()
    }
}

/// Where a capital call stands with its payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settlement {
    /// Everything reconciled with the call so far.
    pub amount_paid: Money,
    /// What is still to be paid; zero once paid in full.
    pub amount_due: Money,
    /// What was paid beyond the amount; zero unless overpaid.
    pub overpaid: Money,
    pub fully_paid: bool,
}

/// Computes the settlement of a call of `amount` with `paid` reconciled so far.
pub fn settlement(amount: Money, paid: Money) -> Result<Settlement, MoneyError> {
    let zero = Money::zero(amount.currency());
    let difference = amount.checked_sub(paid)?;
    Ok(Settlement {
        amount_paid: paid,
        amount_due: if difference.is_positive() {
            difference
        } else {
            zero
        },
        overpaid: if difference.is_negative() {
            difference.checked_neg()?
        } else {
            zero
        },
        fully_paid: !difference.is_positive(),
    })
}

/// What the use case must do after a capital call transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapitalCallEffect {
    /// The call is paid in full: mark its subscription request paid (which admits the member).
    MarkRequestPaid,
    /// More was paid than called: flag the excess for a manager to refund or keep.
    FlagOverpayment(Money),
    /// Reverse the receivable entry booked when the call was issued.
    ReverseReceivable,
    /// Cancel the subscription request the call belongs to.
    CancelRequest,
}

/// A new state and the effects to carry out.
pub type CapitalCallTransition = (CapitalCallState, Vec<CapitalCallEffect>);

/// A payment was reconciled with an open call of `amount`, bringing the total paid to
/// `total_paid_after`. In full (or more): the call is paid. Partly: it stays open.
pub fn record_payment(
    state: CapitalCallState,
    amount: Money,
    total_paid_after: Money,
) -> Result<CapitalCallTransition, CapitalCallError> {
    if state != CapitalCallState::Open {
        return Err(TransitionError {
            from: state,
            action: CapitalCallAction::RecordPayment,
        }
        .into());
    }
    let settled = settlement(amount, total_paid_after)?;
    if !settled.fully_paid {
        return Ok((CapitalCallState::Open, Vec::new()));
    }
    let mut effects = vec![CapitalCallEffect::MarkRequestPaid];
    if settled.overpaid.is_positive() {
        effects.push(CapitalCallEffect::FlagOverpayment(settled.overpaid));
    }
    Ok((CapitalCallState::Paid, effects))
}

/// Cancels an open call: its receivable is reversed and its request cancelled.
pub fn cancel(state: CapitalCallState) -> Result<CapitalCallTransition, TransitionError> {
    match state {
        CapitalCallState::Open => Ok((
            CapitalCallState::Cancelled,
            vec![
                CapitalCallEffect::ReverseReceivable,
                CapitalCallEffect::CancelRequest,
            ],
        )),
        CapitalCallState::Paid | CapitalCallState::Cancelled => Err(TransitionError {
            from: state,
            action: CapitalCallAction::Cancel,
        }),
    }
}

/// The due date: `due_days` after the issue date (saturating at the last representable date).
pub fn due_date(issue: Date, due_days: u16) -> Date {
    issue.saturating_add(Duration::days(i64::from(due_days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use time::macros::date;

    fn eur(minor: i64) -> Money {
        Money::from_minor(minor, Currency::EUR)
    }

    fn apply(
        state: CapitalCallState,
        action: CapitalCallAction,
    ) -> Result<CapitalCallTransition, TransitionError> {
        match action {
            CapitalCallAction::RecordPayment => record_payment(state, eur(10_000), eur(10_000))
                .map_err(|error| match error {
                    CapitalCallError::Transition(transition) => transition,
                    other => panic!("unexpected {other:?}"),
                }),
            CapitalCallAction::Cancel => cancel(state),
        }
    }

    #[test]
    fn the_allowed_transitions_are_exactly_the_documented_ones() {
        use CapitalCallAction as A;
        use CapitalCallState as S;
        let mut allowed = Vec::new();
        for state in S::ALL {
            for action in A::ALL {
                match apply(*state, *action) {
                    Ok((next, _)) => allowed.push((*state, *action, next)),
                    Err(error) => assert_eq!(
                        error,
                        TransitionError {
                            from: *state,
                            action: *action
                        }
                    ),
                }
            }
        }
        assert_eq!(
            allowed,
            [
                (S::Open, A::RecordPayment, S::Paid),
                (S::Open, A::Cancel, S::Cancelled)
            ]
        );
    }

    #[test]
    fn a_full_payment_marks_the_call_and_the_request_paid() {
        let (state, effects) =
            record_payment(CapitalCallState::Open, eur(25_000), eur(25_000)).unwrap();
        assert_eq!(state, CapitalCallState::Paid);
        assert_eq!(effects, [CapitalCallEffect::MarkRequestPaid]);
    }

    #[test]
    fn a_partial_payment_keeps_the_call_open() {
        let (state, effects) =
            record_payment(CapitalCallState::Open, eur(25_000), eur(10_000)).unwrap();
        assert_eq!(state, CapitalCallState::Open);
        assert!(effects.is_empty());
    }

    #[test]
    fn an_overpayment_pays_the_call_and_flags_the_excess() {
        let (state, effects) =
            record_payment(CapitalCallState::Open, eur(25_000), eur(30_000)).unwrap();
        assert_eq!(state, CapitalCallState::Paid);
        assert_eq!(
            effects,
            [
                CapitalCallEffect::MarkRequestPaid,
                CapitalCallEffect::FlagOverpayment(eur(5_000))
            ]
        );
    }

    #[test]
    fn a_payment_on_a_paid_call_is_refused() {
        let error = record_payment(CapitalCallState::Paid, eur(1), eur(2)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot record a payment on a capital call that is paid"
        );
    }

    #[test]
    fn a_payment_in_another_currency_is_refused() {
        let error = record_payment(
            CapitalCallState::Open,
            eur(100),
            Money::from_minor(100, Currency::parse("USD").unwrap()),
        )
        .unwrap_err();
        assert!(matches!(
            error,
            CapitalCallError::Money(MoneyError::CurrencyMismatch { .. })
        ));
    }

    #[test]
    fn cancelling_an_open_call_reverses_the_receivable_and_cancels_the_request() {
        let (state, effects) = cancel(CapitalCallState::Open).unwrap();
        assert_eq!(state, CapitalCallState::Cancelled);
        assert_eq!(
            effects,
            [
                CapitalCallEffect::ReverseReceivable,
                CapitalCallEffect::CancelRequest
            ]
        );
    }

    #[test]
    fn a_paid_or_cancelled_call_cannot_be_cancelled() {
        assert_eq!(
            cancel(CapitalCallState::Paid).unwrap_err().to_string(),
            "cannot cancel a capital call that is paid"
        );
        assert!(cancel(CapitalCallState::Cancelled).is_err());
    }

    #[test]
    fn settlement_splits_paid_due_and_overpaid() {
        assert_eq!(
            settlement(eur(25_000), eur(10_000)).unwrap(),
            Settlement {
                amount_paid: eur(10_000),
                amount_due: eur(15_000),
                overpaid: eur(0),
                fully_paid: false
            }
        );
        assert_eq!(
            settlement(eur(25_000), eur(25_000)).unwrap(),
            Settlement {
                amount_paid: eur(25_000),
                amount_due: eur(0),
                overpaid: eur(0),
                fully_paid: true
            }
        );
        assert_eq!(
            settlement(eur(25_000), eur(26_000)).unwrap().overpaid,
            eur(1_000)
        );
        assert_eq!(
            settlement(eur(25_000), eur(0)).unwrap().amount_due,
            eur(25_000)
        );
    }

    #[test]
    fn numbers_display_with_a_four_digit_sequence() {
        assert_eq!(
            CapitalCallNumber::new(2026, 1).unwrap().to_string(),
            "2026/0001"
        );
        assert_eq!(
            CapitalCallNumber::new(2026, 12_345).unwrap().to_string(),
            "2026/12345"
        );
    }

    #[test]
    fn numbers_parse_back_from_their_display() {
        for (year, sequence) in [(2026, 1), (2027, 999), (2030, 123_456)] {
            let number = CapitalCallNumber::new(year, sequence).unwrap();
            assert_eq!(CapitalCallNumber::parse(&number.to_string()), Ok(number));
        }
        assert_eq!(
            CapitalCallNumber::parse("2026/1"),
            CapitalCallNumber::new(2026, 1)
        );
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for bad in [
            "2026",
            "2026/",
            "/0001",
            "2026/0000",
            "26/0001",
            "2026-0001",
            "2026/-1",
            "2026/00a1",
        ] {
            assert_eq!(
                CapitalCallNumber::parse(bad),
                Err(CapitalCallError::InvalidNumber),
                "{bad}"
            );
        }
    }

    #[test]
    fn numbers_order_by_year_then_sequence() {
        let a = CapitalCallNumber::new(2026, 9_999).unwrap();
        let b = CapitalCallNumber::new(2027, 1).unwrap();
        assert!(a < b);
    }

    #[test]
    fn the_due_date_counts_calendar_days() {
        assert_eq!(due_date(date!(2026 - 01 - 20), 30), date!(2026 - 02 - 19));
        assert_eq!(due_date(date!(2026 - 01 - 20), 0), date!(2026 - 01 - 20));
        assert_eq!(due_date(Date::MAX, 10), Date::MAX);
    }
}
