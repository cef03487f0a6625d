//! Share types (classes of shares): what they cost, who may hold them and how many.

use std::fmt;

use crate::contact::ContactKind;
use crate::language::Language;
use crate::money::{Money, MoneyError};
use crate::quantity::ShareQuantity;
use crate::text::Name;

/// Why a share type or a requested quantity is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareTypeError {
    #[error("a share type code is 1 to 20 characters among A-Z, 0-9, _ and -")]
    InvalidCode,
    #[error("a share type needs a name in at least one language")]
    NoName,
    #[error("the nominal value of a share must be more than zero")]
    NonPositiveNominalValue,
    #[error("a share type must be open to persons, to entities, or to both")]
    NoHolderAllowed,
    #[error("the maximum quantity ({maximum}) is below the minimum ({minimum})")]
    MaximumBelowMinimum {
        minimum: ShareQuantity,
        maximum: ShareQuantity,
    },
}

/// Why a requested number of shares is not allowed for a holder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error(
        "at least {minimum} shares must be held; this request would bring the holding to {total}"
    )]
    BelowMinimum { minimum: ShareQuantity, total: u64 },
    #[error("at most {maximum} shares may be held; {already_held} are held or asked for already, so at most {} more", maximum.get().saturating_sub(*already_held))]
    AboveMaximum {
        maximum: ShareQuantity,
        /// What the holder holds and has asked for in requests still alive.
        already_held: u32,
    },
}

/// The short code of a share type, upper-case: `A`, `B_SUPPORT`, `FOUNDER-2024`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String", into = "String")]
pub struct ShareTypeCode(String);

impl ShareTypeCode {
    pub const MAX_LENGTH: usize = 20;

    /// Accepts any case; stores upper-case.
    pub fn parse(input: &str) -> Result<Self, ShareTypeError> {
        let code = input.trim().to_ascii_uppercase();
        let valid = !code.is_empty()
            && code.len() <= Self::MAX_LENGTH
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if valid {
            Ok(Self(code))
        } else {
            Err(ShareTypeError::InvalidCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShareTypeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ShareTypeCode {
    type Err = ShareTypeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ShareTypeCode {
    type Error = ShareTypeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ShareTypeCode> for String {
    fn from(code: ShareTypeCode) -> Self {
        code.0
    }
}

/// A name in each of the four languages, any of them optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct LocalizedNames {
    pub fr: Option<Name>,
    pub nl: Option<Name>,
    pub en: Option<Name>,
    pub de: Option<Name>,
}

impl LocalizedNames {
    fn exact(&self, language: Language) -> Option<&Name> {
        match language {
            Language::Fr => self.fr.as_ref(),
            Language::Nl => self.nl.as_ref(),
            Language::En => self.en.as_ref(),
            Language::De => self.de.as_ref(),
        }
    }

    /// The name in `language`, else in English, else in the first of fr, nl, de present.
    pub fn get(&self, language: Language) -> Option<&Name> {
        self.exact(language)
            .or_else(|| self.exact(Language::En))
            .or_else(|| Language::ALL.iter().find_map(|l| self.exact(*l)))
    }

    pub fn is_empty(&self) -> bool {
        Language::ALL.iter().all(|l| self.exact(*l).is_none())
    }
}

/// What a manager fills in to create or change a share type; checked by [`ShareType::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareTypeSpec {
    pub code: ShareTypeCode,
    pub names: LocalizedNames,
    pub nominal_value: Money,
    pub for_persons: bool,
    pub for_entities: bool,
    pub min_quantity: ShareQuantity,
    pub max_quantity: Option<ShareQuantity>,
    pub on_public_form: bool,
    pub retired: bool,
}

/// A class of shares. Quantity limits are per holder, counting every share of this type the
/// holder already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareType {
    spec: ShareTypeSpec,
}

impl ShareType {
    pub fn new(spec: ShareTypeSpec) -> Result<Self, ShareTypeError> {
        if spec.names.is_empty() {
            return Err(ShareTypeError::NoName);
        }
        if !spec.nominal_value.is_positive() {
            return Err(ShareTypeError::NonPositiveNominalValue);
        }
        if !spec.for_persons && !spec.for_entities {
            return Err(ShareTypeError::NoHolderAllowed);
        }
        if let Some(maximum) = spec.max_quantity.filter(|max| *max < spec.min_quantity) {
            return Err(ShareTypeError::MaximumBelowMinimum {
                minimum: spec.min_quantity,
                maximum,
            });
        }
        Ok(Self { spec })
    }

    pub fn code(&self) -> &ShareTypeCode {
        &self.spec.code
    }

    pub fn names(&self) -> &LocalizedNames {
        &self.spec.names
    }

    /// The name to show in `language` (with fallback), or the code if no name fits.
    pub fn name(&self, language: Language) -> &str {
        self.spec
            .names
            .get(language)
            .map_or(self.spec.code.as_str(), Name::as_str)
    }

    pub fn nominal_value(&self) -> Money {
        self.spec.nominal_value
    }

    pub fn min_quantity(&self) -> ShareQuantity {
        self.spec.min_quantity
    }

    pub fn max_quantity(&self) -> Option<ShareQuantity> {
        self.spec.max_quantity
    }

    pub fn on_public_form(&self) -> bool {
        self.spec.on_public_form
    }

    pub fn retired(&self) -> bool {
        self.spec.retired
    }

    /// Whether the type can be chosen on the public form: shown there and not retired.
    pub fn offered_publicly(&self) -> bool {
        self.spec.on_public_form && !self.spec.retired
    }

    /// The checked fields, to store or to edit.
    pub fn spec(&self) -> &ShareTypeSpec {
        &self.spec
    }

    /// Whether a person or an entity may hold this type.
    pub fn allows(&self, kind: ContactKind) -> bool {
        match kind {
            ContactKind::Person => self.spec.for_persons,
            ContactKind::Entity => self.spec.for_entities,
        }
    }

    /// Checks a request for `requested` shares from a holder who already has `already_held`
    /// of this type: the holding afterwards must be within the minimum and maximum.
    pub fn check_quantity(
        &self,
        requested: ShareQuantity,
        already_held: u32,
    ) -> Result<(), QuantityError> {
        let total = u64::from(already_held) + u64::from(requested.get());
        if total < u64::from(self.spec.min_quantity.get()) {
            return Err(QuantityError::BelowMinimum {
                minimum: self.spec.min_quantity,
                total,
            });
        }
        if let Some(maximum) = self.spec.max_quantity
            && total > u64::from(maximum.get())
        {
            return Err(QuantityError::AboveMaximum {
                maximum,
                already_held,
            });
        }
        Ok(())
    }

    /// What `quantity` shares cost: quantity × nominal value.
    pub fn amount_for(&self, quantity: ShareQuantity) -> Result<Money, MoneyError> {
        self.spec.nominal_value.checked_mul(quantity.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn quantity(n: u32) -> ShareQuantity {
        ShareQuantity::new(n).unwrap()
    }

    fn spec() -> ShareTypeSpec {
        ShareTypeSpec {
            code: ShareTypeCode::parse("a").unwrap(),
            names: LocalizedNames {
                fr: Some(Name::parse("Part A").unwrap()),
                nl: Some(Name::parse("Aandeel A").unwrap()),
                en: None,
                de: None,
            },
            nominal_value: Money::from_minor(25_000, Currency::EUR),
            for_persons: true,
            for_entities: false,
            min_quantity: quantity(2),
            max_quantity: Some(quantity(40)),
            on_public_form: true,
            retired: false,
        }
    }

    fn share_type() -> ShareType {
        ShareType::new(spec()).unwrap()
    }

    #[test]
    fn codes_are_upper_cased_and_limited_to_a_small_alphabet() {
        assert_eq!(
            ShareTypeCode::parse(" b_support-2 ").unwrap().as_str(),
            "B_SUPPORT-2"
        );
        assert!(ShareTypeCode::parse(&"A".repeat(20)).is_ok());
        for bad in ["", "A".repeat(21).as_str(), "A B", "É", "A.1"] {
            assert_eq!(
                ShareTypeCode::parse(bad),
                Err(ShareTypeError::InvalidCode),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_fall_back_to_english_then_any_language() {
        let mut names = spec().names;
        assert_eq!(names.get(Language::Nl).unwrap().as_str(), "Aandeel A");
        assert_eq!(names.get(Language::De).unwrap().as_str(), "Part A");
        names.en = Some(Name::parse("Share A").unwrap());
        assert_eq!(names.get(Language::De).unwrap().as_str(), "Share A");
        assert_eq!(LocalizedNames::default().get(Language::Fr), None);
    }

    #[test]
    fn the_display_name_falls_back_to_the_code() {
        assert_eq!(share_type().name(Language::En), "Part A");
        assert_eq!(share_type().code().as_str(), "A");
    }

    #[test]
    fn a_share_type_needs_a_name_a_positive_value_and_a_holder() {
        let mut no_name = spec();
        no_name.names = LocalizedNames::default();
        assert_eq!(ShareType::new(no_name), Err(ShareTypeError::NoName));

        let mut free = spec();
        free.nominal_value = Money::zero(Currency::EUR);
        assert_eq!(
            ShareType::new(free),
            Err(ShareTypeError::NonPositiveNominalValue)
        );

        let mut nobody = spec();
        nobody.for_persons = false;
        assert_eq!(ShareType::new(nobody), Err(ShareTypeError::NoHolderAllowed));
    }

    #[test]
    fn a_maximum_below_the_minimum_is_refused() {
        let mut inverted = spec();
        inverted.max_quantity = Some(quantity(1));
        assert_eq!(
            ShareType::new(inverted),
            Err(ShareTypeError::MaximumBelowMinimum {
                minimum: quantity(2),
                maximum: quantity(1)
            })
        );
    }

    #[test]
    fn share_types_say_which_kinds_of_contact_may_hold_them() {
        assert!(share_type().allows(ContactKind::Person));
        assert!(!share_type().allows(ContactKind::Entity));
    }

    #[test]
    fn a_retired_type_is_not_offered_on_the_public_form() {
        assert!(share_type().offered_publicly());
        let mut retired = spec();
        retired.retired = true;
        assert!(!ShareType::new(retired).unwrap().offered_publicly());
    }

    #[test]
    fn a_first_request_below_the_minimum_is_refused() {
        let error = share_type().check_quantity(quantity(1), 0).unwrap_err();
        assert_eq!(
            error,
            QuantityError::BelowMinimum {
                minimum: quantity(2),
                total: 1
            }
        );
        assert_eq!(
            error.to_string(),
            "at least 2 shares must be held; this request would bring the holding to 1"
        );
    }

    #[test]
    fn a_holder_above_the_minimum_may_add_a_single_share() {
        assert_eq!(share_type().check_quantity(quantity(1), 2), Ok(()));
    }

    #[test]
    fn the_maximum_counts_the_shares_already_held() {
        assert_eq!(share_type().check_quantity(quantity(40), 0), Ok(()));
        assert_eq!(share_type().check_quantity(quantity(5), 35), Ok(()));
        let error = share_type().check_quantity(quantity(6), 35).unwrap_err();
        assert_eq!(
            error.to_string(),
            "at most 40 shares may be held; 35 are held or asked for already, so at most 5 more"
        );
    }

    #[test]
    fn without_a_maximum_any_quantity_is_allowed() {
        let mut open = spec();
        open.max_quantity = None;
        let share_type = ShareType::new(open).unwrap();
        assert_eq!(
            share_type.check_quantity(quantity(1_000_000), u32::MAX),
            Ok(())
        );
    }

    #[test]
    fn the_amount_is_quantity_times_nominal_value() {
        assert_eq!(
            share_type().amount_for(quantity(4)),
            Ok(Money::from_minor(100_000, Currency::EUR))
        );
        let mut huge = spec();
        huge.nominal_value = Money::from_minor(i64::MAX / 2, Currency::EUR);
        assert_eq!(
            ShareType::new(huge).unwrap().amount_for(quantity(3)),
            Err(MoneyError::Overflow)
        );
    }
}
