//! The share register: an append-only log of share movements, from which holdings are derived.
//! A correction is a new movement, never an edit.
//!
//! Conventions, for every movement: `holder` is the contact whose holding the movement is
//! about, and `quantity` shares of `share_type` are concerned.
//! - **Issue**: new shares are created for the holder (holder + quantity).
//! - **Redemption**: shares are bought back from the holder and cancelled (holder − quantity).
//! - **Transfer**: shares move from the `counterparty` (the seller or transferor) to the
//!   `holder` (the buyer or transferee): counterparty − quantity, holder + quantity.
//! - **Conversion**: the holder gives up `converted_from.quantity` shares of
//!   `converted_from.share_type` and receives `quantity` shares of `share_type`.
//!
//! Movements are applied in date order; movements of the same date keep their register
//! order. A movement taking away more shares than the contact holds at that point is an error.

use std::collections::BTreeMap;

use time::Date;

use crate::ids::{ContactId, ShareTypeId};
use crate::keyword::keyword_enum;
use crate::money::Money;
use crate::quantity::ShareQuantity;

keyword_enum! {
    /// What a register movement does.
    pub enum MovementKind("movement kind") {
        Issue => "issue",
        Transfer => "transfer",
        Redemption => "redemption",
        Conversion => "conversion",
    }
}

/// Why a movement or the register is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterError {
    #[error("a transfer needs the contact the shares come from")]
    TransferWithoutCounterparty,
    #[error("a contact cannot transfer shares to itself")]
    TransferToSelf,
    #[error("a {0} has no counterparty")]
    UnexpectedCounterparty(MovementKind),
    #[error("a conversion needs the shares it converts from")]
    ConversionWithoutSource,
    #[error("a conversion must change the share type")]
    ConversionToSameType,
    #[error("only a conversion converts from other shares")]
    UnexpectedConversionSource,
    #[error("the unit value of a share must be more than zero")]
    NonPositiveUnitValue,
    #[error(
        "on {date}, contact {contact} holds {held} shares of type {share_type}, fewer than the {wanted} leaving"
    )]
    InsufficientShares {
        date: Date,
        contact: ContactId,
        share_type: ShareTypeId,
        held: u64,
        wanted: u32,
    },
}

/// The shares a conversion takes from the holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConversionSource {
    pub share_type: ShareTypeId,
    pub quantity: ShareQuantity,
}

/// The fields of a movement, as stored; checked by [`RegisterMovement::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MovementParts {
    pub date: Date,
    pub kind: MovementKind,
    pub share_type: ShareTypeId,
    pub quantity: ShareQuantity,
    pub unit_value: Money,
    pub holder: ContactId,
    pub counterparty: Option<ContactId>,
    pub converted_from: Option<ConversionSource>,
}

/// One checked movement of the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterMovement {
    parts: MovementParts,
}

impl RegisterMovement {
    /// Checks that the fields fit the kind: only a transfer has a counterparty (another
    /// contact), only a conversion has a source (of another share type), and the unit value
    /// is positive.
    pub fn new(parts: MovementParts) -> Result<Self, RegisterError> {
        if !parts.unit_value.is_positive() {
            return Err(RegisterError::NonPositiveUnitValue);
        }
        match (parts.kind, parts.counterparty) {
            (MovementKind::Transfer, None) => {
                return Err(RegisterError::TransferWithoutCounterparty);
            }
            (MovementKind::Transfer, Some(from)) if from == parts.holder => {
                return Err(RegisterError::TransferToSelf);
            }
            (MovementKind::Transfer, Some(_)) => {}
            (kind, Some(_)) => return Err(RegisterError::UnexpectedCounterparty(kind)),
            (_, None) => {}
        }
        match (parts.kind, parts.converted_from) {
            (MovementKind::Conversion, None) => return Err(RegisterError::ConversionWithoutSource),
            (MovementKind::Conversion, Some(source)) if source.share_type == parts.share_type => {
                return Err(RegisterError::ConversionToSameType);
            }
            (MovementKind::Conversion, Some(_)) | (_, None) => {}
            (_, Some(_)) => return Err(RegisterError::UnexpectedConversionSource),
        }
        Ok(Self { parts })
    }

    /// New shares for `holder`.
    pub fn issue(
        date: Date,
        share_type: ShareTypeId,
        quantity: ShareQuantity,
        unit_value: Money,
        holder: ContactId,
    ) -> Result<Self, RegisterError> {
        Self::new(MovementParts {
            date,
            kind: MovementKind::Issue,
            share_type,
            quantity,
            unit_value,
            holder,
            counterparty: None,
            converted_from: None,
        })
    }

    /// Shares bought back from `holder`.
    pub fn redemption(
        date: Date,
        share_type: ShareTypeId,
        quantity: ShareQuantity,
        unit_value: Money,
        holder: ContactId,
    ) -> Result<Self, RegisterError> {
        Self::new(MovementParts {
            kind: MovementKind::Redemption,
            ..Self::issue(date, share_type, quantity, unit_value, holder)?.parts
        })
    }

    /// Shares moving from `from` to `to`.
    pub fn transfer(
        date: Date,
        share_type: ShareTypeId,
        quantity: ShareQuantity,
        unit_value: Money,
        from: ContactId,
        to: ContactId,
    ) -> Result<Self, RegisterError> {
        Self::new(MovementParts {
            date,
            kind: MovementKind::Transfer,
            share_type,
            quantity,
            unit_value,
            holder: to,
            counterparty: Some(from),
            converted_from: None,
        })
    }

    pub fn parts(&self) -> &MovementParts {
        &self.parts
    }

    pub fn date(&self) -> Date {
        self.parts.date
    }

    pub fn kind(&self) -> MovementKind {
        self.parts.kind
    }

    pub fn share_type(&self) -> ShareTypeId {
        self.parts.share_type
    }

    pub fn quantity(&self) -> ShareQuantity {
        self.parts.quantity
    }

    pub fn unit_value(&self) -> Money {
        self.parts.unit_value
    }

    pub fn holder(&self) -> ContactId {
        self.parts.holder
    }

    /// The shares of `share_type` this movement gives `contact` (positive) or takes from them
    /// (negative); 0 when it does not concern them. Summed over the movements that concern a
    /// contact, it is what they hold, without the other contacts' movements that
    /// [`Holdings::from_movements`] needs to check every step.
    pub fn change_for(&self, contact: ContactId, share_type: ShareTypeId) -> i64 {
        let parts = &self.parts;
        let only_if = |applies: bool, quantity: ShareQuantity| {
            if applies {
                i64::from(quantity.get())
            } else {
                0
            }
        };
        let gains = only_if(
            parts.holder == contact && parts.share_type == share_type,
            parts.quantity,
        );
        match parts.kind {
            MovementKind::Issue => gains,
            MovementKind::Redemption => -gains,
            MovementKind::Transfer => {
                gains
                    - only_if(
                        parts.counterparty == Some(contact) && parts.share_type == share_type,
                        parts.quantity,
                    )
            }
            MovementKind::Conversion => {
                gains
                    - parts.converted_from.map_or(0, |source| {
                        only_if(
                            parts.holder == contact && source.share_type == share_type,
                            source.quantity,
                        )
                    })
            }
        }
    }

    /// The shares of `share_type` that `contact` holds after `movements`, which need only be
    /// those that concern them (see [`RegisterMovement::change_for`]).
    pub fn held_by<'a>(
        movements: impl IntoIterator<Item = &'a RegisterMovement>,
        contact: ContactId,
        share_type: ShareTypeId,
    ) -> u64 {
        let held: i64 = movements
            .into_iter()
            .map(|movement| movement.change_for(contact, share_type))
            .sum();
        u64::try_from(held).unwrap_or(0)
    }

    pub fn counterparty(&self) -> Option<ContactId> {
        self.parts.counterparty
    }

    pub fn converted_from(&self) -> Option<ConversionSource> {
        self.parts.converted_from
    }
}

/// How many shares of each type each contact holds on a date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Holdings {
    quantities: BTreeMap<(ContactId, ShareTypeId), u64>,
}

impl Holdings {
    /// Replays the movements dated on or before `as_of` (see the module doc for the order).
    pub fn from_movements<'a, I>(movements: I, as_of: Date) -> Result<Holdings, RegisterError>
    where
        I: IntoIterator<Item = &'a RegisterMovement>,
    {
        let mut ordered: Vec<&RegisterMovement> = movements
            .into_iter()
            .filter(|movement| movement.date() <= as_of)
            .collect();
        ordered.sort_by_key(|movement| movement.date());
        let mut holdings = Holdings::default();
        for movement in ordered {
            holdings.apply(movement)?;
        }
        Ok(holdings)
    }

    fn apply(&mut self, movement: &RegisterMovement) -> Result<(), RegisterError> {
        let parts = movement.parts;
        let quantity = parts.quantity.get();
        match parts.kind {
            MovementKind::Issue => self.add(parts.holder, parts.share_type, quantity),
            MovementKind::Redemption => {
                self.remove(parts.date, parts.holder, parts.share_type, quantity)?;
            }
            MovementKind::Transfer => {
                let from = parts
                    .counterparty
                    .ok_or(RegisterError::TransferWithoutCounterparty)?;
                self.remove(parts.date, from, parts.share_type, quantity)?;
                self.add(parts.holder, parts.share_type, quantity);
            }
            MovementKind::Conversion => {
                let source = parts
                    .converted_from
                    .ok_or(RegisterError::ConversionWithoutSource)?;
                self.remove(
                    parts.date,
                    parts.holder,
                    source.share_type,
                    source.quantity.get(),
                )?;
                self.add(parts.holder, parts.share_type, quantity);
            }
        }
        Ok(())
    }

    fn add(&mut self, contact: ContactId, share_type: ShareTypeId, quantity: u32) {
        *self.quantities.entry((contact, share_type)).or_default() += u64::from(quantity);
    }

    fn remove(
        &mut self,
        date: Date,
        contact: ContactId,
        share_type: ShareTypeId,
        quantity: u32,
    ) -> Result<(), RegisterError> {
        let held = self.quantity(contact, share_type);
        let Some(left) = held.checked_sub(u64::from(quantity)) else {
            return Err(RegisterError::InsufficientShares {
                date,
                contact,
                share_type,
                held,
                wanted: quantity,
            });
        };
        if left == 0 {
            self.quantities.remove(&(contact, share_type));
        } else {
            self.quantities.insert((contact, share_type), left);
        }
        Ok(())
    }

    /// The shares of `share_type` that `contact` holds (0 if none).
    pub fn quantity(&self, contact: ContactId, share_type: ShareTypeId) -> u64 {
        self.quantities
            .get(&(contact, share_type))
            .copied()
            .unwrap_or_default()
    }

    /// Every share type `contact` holds, with the quantity (never 0).
    pub fn of_holder(&self, contact: ContactId) -> impl Iterator<Item = (ShareTypeId, u64)> + '_ {
        self.quantities
            .iter()
            .filter(move |((holder, _), _)| *holder == contact)
            .map(|((_, share_type), quantity)| (*share_type, *quantity))
    }

    /// Every contact holding shares.
    pub fn holders(&self) -> impl Iterator<Item = ContactId> + '_ {
        let mut previous = None;
        self.quantities.keys().filter_map(move |(holder, _)| {
            (previous.replace(*holder) != Some(*holder)).then_some(*holder)
        })
    }

    /// All shares of `share_type` in circulation.
    pub fn total(&self, share_type: ShareTypeId) -> u64 {
        self.quantities
            .iter()
            .filter(|((_, kind), _)| *kind == share_type)
            .map(|(_, quantity)| quantity)
            .sum()
    }

    /// Every (holder, share type, quantity), ordered by holder then share type.
    pub fn iter(&self) -> impl Iterator<Item = (ContactId, ShareTypeId, u64)> + '_ {
        self.quantities
            .iter()
            .map(|((holder, share_type), quantity)| (*holder, *share_type, *quantity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;
    use time::macros::date;

    const A: ShareTypeId = ShareTypeId::new(1);
    const B: ShareTypeId = ShareTypeId::new(2);
    const ANN: ContactId = ContactId::new(10);
    const BOB: ContactId = ContactId::new(11);

    fn value() -> Money {
        Money::from_minor(25_000, Currency::EUR)
    }

    fn q(n: u32) -> ShareQuantity {
        ShareQuantity::new(n).unwrap()
    }

    fn issue(date: Date, holder: ContactId, n: u32) -> RegisterMovement {
        RegisterMovement::issue(date, A, q(n), value(), holder).unwrap()
    }

    fn parts(kind: MovementKind) -> MovementParts {
        MovementParts {
            date: date!(2026 - 01 - 01),
            kind,
            share_type: A,
            quantity: q(1),
            unit_value: value(),
            holder: ANN,
            counterparty: None,
            converted_from: None,
        }
    }

    /// Summed over a contact's movements, `change_for` gives what `Holdings` gives, even when
    /// the other side of a transfer is left out.
    #[test]
    fn the_change_for_a_contact_adds_up_to_their_holdings() {
        let source = ConversionSource {
            share_type: A,
            quantity: q(2),
        };
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 4),
            issue(date!(2026 - 01 - 06), BOB, 3),
            RegisterMovement::transfer(date!(2026 - 02 - 01), A, q(1), value(), BOB, ANN).unwrap(),
            RegisterMovement::redemption(date!(2026 - 03 - 01), A, q(1), value(), ANN).unwrap(),
            RegisterMovement::new(MovementParts {
                date: date!(2026 - 04 - 01),
                share_type: B,
                converted_from: Some(source),
                ..parts(MovementKind::Conversion)
            })
            .unwrap(),
        ];
        let holdings = Holdings::from_movements(&movements, date!(2026 - 12 - 31)).unwrap();
        for contact in [ANN, BOB] {
            for share_type in [A, B] {
                let summed: i64 = movements
                    .iter()
                    .map(|movement| movement.change_for(contact, share_type))
                    .sum();
                assert_eq!(
                    summed,
                    i64::try_from(holdings.quantity(contact, share_type)).unwrap(),
                    "{contact:?} {share_type:?}"
                );
            }
        }
        // ANN: 4 issued + 1 received - 1 redeemed - 2 converted = 2 of A, and 1 of B.
        assert_eq!(holdings.quantity(ANN, A), 2);
        assert_eq!(holdings.quantity(ANN, B), 1);
        let anns_own = RegisterMovement::held_by(
            movements.iter().filter(|movement| {
                movement.holder() == ANN || movement.counterparty() == Some(ANN)
            }),
            ANN,
            A,
        );
        assert_eq!(
            anns_own, 2,
            "BOB's issue is not needed to count ANN's shares"
        );
    }

    #[test]
    fn issues_add_to_the_holder() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 4),
            issue(date!(2026 - 02 - 01), ANN, 2),
        ];
        let holdings = Holdings::from_movements(&movements, date!(2026 - 12 - 31)).unwrap();
        assert_eq!(holdings.quantity(ANN, A), 6);
        assert_eq!(holdings.quantity(BOB, A), 0);
    }

    #[test]
    fn holdings_only_count_movements_up_to_the_date() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 4),
            issue(date!(2026 - 02 - 01), ANN, 2),
        ];
        let january = Holdings::from_movements(&movements, date!(2026 - 01 - 31)).unwrap();
        assert_eq!(january.quantity(ANN, A), 4);
        let before = Holdings::from_movements(&movements, date!(2026 - 01 - 04)).unwrap();
        assert_eq!(before.quantity(ANN, A), 0);
        assert_eq!(before.holders().count(), 0);
    }

    #[test]
    fn a_redemption_removes_from_the_holder() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 4),
            RegisterMovement::redemption(date!(2027 - 06 - 30), A, q(3), value(), ANN).unwrap(),
        ];
        let holdings = Holdings::from_movements(&movements, date!(2027 - 12 - 31)).unwrap();
        assert_eq!(holdings.quantity(ANN, A), 1);
    }

    #[test]
    fn redeeming_more_than_held_is_an_error() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 2),
            RegisterMovement::redemption(date!(2027 - 06 - 30), A, q(3), value(), ANN).unwrap(),
        ];
        assert_eq!(
            Holdings::from_movements(&movements, date!(2027 - 12 - 31)),
            Err(RegisterError::InsufficientShares {
                date: date!(2027 - 06 - 30),
                contact: ANN,
                share_type: A,
                held: 2,
                wanted: 3
            })
        );
    }

    #[test]
    fn a_transfer_moves_shares_from_the_counterparty_to_the_holder() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 5),
            RegisterMovement::transfer(date!(2026 - 03 - 01), A, q(2), value(), ANN, BOB).unwrap(),
        ];
        let holdings = Holdings::from_movements(&movements, date!(2026 - 12 - 31)).unwrap();
        assert_eq!(holdings.quantity(ANN, A), 3);
        assert_eq!(holdings.quantity(BOB, A), 2);
        assert_eq!(holdings.total(A), 5);
        assert_eq!(holdings.holders().collect::<Vec<_>>(), [ANN, BOB]);
    }

    #[test]
    fn transferring_more_than_the_seller_holds_is_an_error() {
        let movements = [
            issue(date!(2026 - 01 - 05), ANN, 1),
            RegisterMovement::transfer(date!(2026 - 03 - 01), A, q(2), value(), ANN, BOB).unwrap(),
        ];
        assert!(matches!(
            Holdings::from_movements(&movements, date!(2026 - 12 - 31)),
            Err(RegisterError::InsufficientShares {
                contact: ANN,
                held: 1,
                wanted: 2,
                ..
            })
        ));
    }

    #[test]
    fn a_conversion_swaps_share_types_for_the_holder() {
        let conversion = RegisterMovement::new(MovementParts {
            kind: MovementKind::Conversion,
            share_type: B,
            quantity: q(1),
            converted_from: Some(ConversionSource {
                share_type: A,
                quantity: q(4),
            }),
            date: date!(2026 - 06 - 01),
            ..parts(MovementKind::Conversion)
        })
        .unwrap();
        let movements = [issue(date!(2026 - 01 - 05), ANN, 5), conversion];
        let holdings = Holdings::from_movements(&movements, date!(2026 - 12 - 31)).unwrap();
        assert_eq!(holdings.quantity(ANN, A), 1);
        assert_eq!(holdings.quantity(ANN, B), 1);
        assert_eq!(
            holdings.of_holder(ANN).collect::<Vec<_>>(),
            [(A, 1), (B, 1)]
        );
    }

    #[test]
    fn movements_apply_in_date_order_whatever_the_list_order() {
        let movements = [
            RegisterMovement::redemption(date!(2026 - 06 - 30), A, q(1), value(), ANN).unwrap(),
            issue(date!(2026 - 01 - 05), ANN, 2),
        ];
        let holdings = Holdings::from_movements(&movements, date!(2026 - 12 - 31)).unwrap();
        assert_eq!(holdings.quantity(ANN, A), 1);
    }

    #[test]
    fn a_transfer_needs_another_contact_as_counterparty() {
        assert_eq!(
            RegisterMovement::new(parts(MovementKind::Transfer)),
            Err(RegisterError::TransferWithoutCounterparty)
        );
        assert_eq!(
            RegisterMovement::transfer(date!(2026 - 01 - 01), A, q(1), value(), ANN, ANN),
            Err(RegisterError::TransferToSelf)
        );
    }

    #[test]
    fn issues_redemptions_and_conversions_have_no_counterparty() {
        for kind in [
            MovementKind::Issue,
            MovementKind::Redemption,
            MovementKind::Conversion,
        ] {
            let with_counterparty = MovementParts {
                counterparty: Some(BOB),
                converted_from: Some(ConversionSource {
                    share_type: B,
                    quantity: q(1),
                })
                .filter(|_| kind == MovementKind::Conversion),
                ..parts(kind)
            };
            assert_eq!(
                RegisterMovement::new(with_counterparty),
                Err(RegisterError::UnexpectedCounterparty(kind))
            );
        }
    }

    #[test]
    fn only_conversions_have_a_source_of_another_type() {
        assert_eq!(
            RegisterMovement::new(parts(MovementKind::Conversion)),
            Err(RegisterError::ConversionWithoutSource)
        );
        assert_eq!(
            RegisterMovement::new(MovementParts {
                converted_from: Some(ConversionSource {
                    share_type: A,
                    quantity: q(1)
                }),
                ..parts(MovementKind::Conversion)
            }),
            Err(RegisterError::ConversionToSameType)
        );
        assert_eq!(
            RegisterMovement::new(MovementParts {
                converted_from: Some(ConversionSource {
                    share_type: B,
                    quantity: q(1)
                }),
                ..parts(MovementKind::Issue)
            }),
            Err(RegisterError::UnexpectedConversionSource)
        );
    }

    #[test]
    fn the_unit_value_must_be_positive() {
        assert_eq!(
            RegisterMovement::issue(
                date!(2026 - 01 - 01),
                A,
                q(1),
                Money::zero(Currency::EUR),
                ANN
            ),
            Err(RegisterError::NonPositiveUnitValue)
        );
    }

    /// A random but valid register: issues, transfers and redemptions among three contacts and
    /// two share types, with days in order; transfers and redemptions never exceed holdings.
    fn valid_register() -> impl Strategy<Value = Vec<RegisterMovement>> {
        prop::collection::vec(
            (0u8..3, 0usize..3, 0usize..3, 0usize..2, 1u32..50, 0i64..5),
            0..40,
        )
        .prop_map(|operations| {
            let contacts = [ContactId::new(1), ContactId::new(2), ContactId::new(3)];
            let types = [A, B];
            let mut day = date!(2026 - 01 - 01);
            let mut held: BTreeMap<(ContactId, ShareTypeId), u32> = BTreeMap::new();
            let mut movements = Vec::new();
            for (kind, holder, other, share_type, quantity, gap) in operations {
                day += time::Duration::days(gap);
                let (holder, other, share_type) =
                    (contacts[holder], contacts[other], types[share_type]);
                let movement = match kind {
                    0 => {
                        *held.entry((holder, share_type)).or_default() += quantity;
                        RegisterMovement::issue(day, share_type, q(quantity), value(), holder)
                    }
                    1 => {
                        let available = held.get(&(holder, share_type)).copied().unwrap_or(0);
                        let quantity = quantity.min(available);
                        if quantity == 0 {
                            continue;
                        }
                        *held.entry((holder, share_type)).or_default() -= quantity;
                        RegisterMovement::redemption(day, share_type, q(quantity), value(), holder)
                    }
                    _ => {
                        let available = held.get(&(other, share_type)).copied().unwrap_or(0);
                        let quantity = quantity.min(available);
                        if quantity == 0 || other == holder {
                            continue;
                        }
                        *held.entry((other, share_type)).or_default() -= quantity;
                        *held.entry((holder, share_type)).or_default() += quantity;
                        RegisterMovement::transfer(
                            day,
                            share_type,
                            q(quantity),
                            value(),
                            other,
                            holder,
                        )
                    }
                };
                movements.push(movement.unwrap());
            }
            movements
        })
    }

    proptest! {
        #[test]
        fn totals_equal_issues_minus_redemptions_at_any_date(
            movements in valid_register(),
            offset in 0i64..250,
        ) {
            let as_of = date!(2026 - 01 - 01) + time::Duration::days(offset);
            let holdings = Holdings::from_movements(&movements, as_of).unwrap();
            for share_type in [A, B] {
                let signed = |kind: MovementKind| -> u64 {
                    movements
                        .iter()
                        .filter(|m| m.kind() == kind && m.share_type() == share_type && m.date() <= as_of)
                        .map(|m| u64::from(m.quantity().get()))
                        .sum()
                };
                prop_assert_eq!(
                    holdings.total(share_type),
                    signed(MovementKind::Issue) - signed(MovementKind::Redemption)
                );
            }
            prop_assert!(holdings.iter().all(|(_, _, quantity)| quantity > 0));
        }

        #[test]
        fn redeeming_one_share_more_than_a_holder_has_always_fails(movements in valid_register()) {
            let end = date!(2030 - 01 - 01);
            let holdings = Holdings::from_movements(&movements, end).unwrap();
            let held = u32::try_from(holdings.quantity(ContactId::new(1), A)).unwrap();
            let mut extended = movements.clone();
            extended.push(RegisterMovement::redemption(end, A, q(held + 1), value(), ContactId::new(1)).unwrap());
            let refused = Holdings::from_movements(&extended, end);
            prop_assert!(matches!(refused, Err(RegisterError::InsufficientShares { .. })), "{:?}", refused);
        }
    }
}
