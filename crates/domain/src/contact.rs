//! Contacts: natural persons and legal entities. A contact is who holds shares; its email is an
//! attribute used to reach and recognise it, not its identity (two contacts may share one).

use time::Date;

use crate::address::Address;
use crate::email::Email;
use crate::iban::Iban;
use crate::keyword::keyword_enum;
use crate::language::Language;
use crate::national_id::NationalId;
use crate::registration::RegistrationNumber;
use crate::text::{Name, Phone};

keyword_enum! {
    /// Whether a contact is a natural person or a legal entity.
    pub enum ContactKind("contact kind") {
        Person => "person",
        Entity => "entity",
    }
}

/// A natural person.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub first_name: Name,
    pub last_name: Name,
    #[serde(with = "crate::date::iso_date::option", default)]
    pub birth_date: Option<Date>,
    pub email: Email,
    pub phone: Option<Phone>,
    pub address: Address,
    pub language: Language,
    pub iban: Option<Iban>,
    /// When the cooperative collects it (see [`crate::national_id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<NationalId>,
}

impl Person {
    /// `First Last`, as written on letters and certificates.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// The person's age on `today`, when the birth date is known.
    pub fn age_on(&self, today: Date) -> Option<u32> {
        self.birth_date.map(|birth_date| age_on(birth_date, today))
    }
}

/// A legal entity: a company, an association, a public body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub name: Name,
    /// The legal form as written by the entity: `SRL`, `ASBL`, `SAS`, `GmbH`.
    pub legal_form: Name,
    pub registration_number: RegistrationNumber,
    pub email: Email,
    pub address: Address,
    pub language: Language,
    pub iban: Option<Iban>,
}

/// What is known about a contact, by kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ContactDetails {
    Person(Person),
    Entity(Entity),
}

impl ContactDetails {
    pub fn kind(&self) -> ContactKind {
        match self {
            Self::Person(_) => ContactKind::Person,
            Self::Entity(_) => ContactKind::Entity,
        }
    }

    /// The name to show: `First Last` for a person, `Name Legal form` for an entity.
    pub fn display_name(&self) -> String {
        match self {
            Self::Person(person) => person.full_name(),
            Self::Entity(entity) => format!("{} {}", entity.name, entity.legal_form),
        }
    }

    pub fn email(&self) -> &Email {
        match self {
            Self::Person(person) => &person.email,
            Self::Entity(entity) => &entity.email,
        }
    }

    pub fn language(&self) -> Language {
        match self {
            Self::Person(person) => person.language,
            Self::Entity(entity) => entity.language,
        }
    }

    pub fn address(&self) -> &Address {
        match self {
            Self::Person(person) => &person.address,
            Self::Entity(entity) => &entity.address,
        }
    }

    pub fn iban(&self) -> Option<&Iban> {
        match self {
            Self::Person(person) => person.iban.as_ref(),
            Self::Entity(entity) => entity.iban.as_ref(),
        }
    }
}

/// Age in whole years on `today`; 0 if `today` is before the birth date. Someone born on
/// 29 February has their birthday on 1 March in other years.
pub fn age_on(birth_date: Date, today: Date) -> u32 {
    if today < birth_date {
        return 0;
    }
    let years = today.year() - birth_date.year();
    let before_birthday =
        (today.month() as u8, today.day()) < (birth_date.month() as u8, birth_date.day());
    let age = if before_birthday { years - 1 } else { years };
    u32::try_from(age).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::Country;
    use crate::text::PostalCode;
    use time::macros::date;

    fn address() -> Address {
        Address {
            street: Name::parse("Rue Haute 1").unwrap(),
            postal_code: PostalCode::parse("1000").unwrap(),
            city: Name::parse("Bruxelles").unwrap(),
            country: Country::BE,
        }
    }

    fn person() -> Person {
        Person {
            first_name: Name::parse("Ann").unwrap(),
            last_name: Name::parse("Peeters").unwrap(),
            birth_date: Some(date!(1990 - 06 - 15)),
            email: Email::parse("ann@example.org").unwrap(),
            phone: None,
            address: address(),
            language: Language::Nl,
            iban: None,
            national_id: None,
        }
    }

    fn entity() -> Entity {
        Entity {
            name: Name::parse("Énergie Citoyenne").unwrap(),
            legal_form: Name::parse("SC").unwrap(),
            registration_number: RegistrationNumber::parse(Country::BE, "0123.456.749").unwrap(),
            email: Email::parse("info@energie.example").unwrap(),
            address: address(),
            language: Language::Fr,
            iban: Some(Iban::parse("BE71096123456769").unwrap()),
        }
    }

    #[test]
    fn contact_kinds_round_trip_through_their_keywords() {
        assert_eq!(ContactKind::Person.as_str(), "person");
        assert_eq!("entity".parse(), Ok(ContactKind::Entity));
        assert!("company".parse::<ContactKind>().is_err());
    }

    #[test]
    fn a_person_is_shown_by_first_and_last_name() {
        let details = ContactDetails::Person(person());
        assert_eq!(details.kind(), ContactKind::Person);
        assert_eq!(details.display_name(), "Ann Peeters");
        assert_eq!(details.email().as_str(), "ann@example.org");
        assert_eq!(details.language(), Language::Nl);
        assert_eq!(details.iban(), None);
    }

    #[test]
    fn an_entity_is_shown_by_name_and_legal_form() {
        let details = ContactDetails::Entity(entity());
        assert_eq!(details.kind(), ContactKind::Entity);
        assert_eq!(details.display_name(), "Énergie Citoyenne SC");
        assert_eq!(details.email().as_str(), "info@energie.example");
        assert_eq!(details.language(), Language::Fr);
        assert_eq!(details.address().city.as_str(), "Bruxelles");
        assert_eq!(
            details.iban().map(Iban::as_compact),
            Some("BE71096123456769")
        );
    }

    #[test]
    fn age_counts_whole_years_until_the_birthday() {
        let born = date!(1990 - 06 - 15);
        assert_eq!(age_on(born, date!(2026 - 06 - 14)), 35);
        assert_eq!(age_on(born, date!(2026 - 06 - 15)), 36);
        assert_eq!(age_on(born, date!(2026 - 12 - 31)), 36);
        assert_eq!(age_on(born, born), 0);
        assert_eq!(person().age_on(date!(2008 - 06 - 15)), Some(18));
    }

    #[test]
    fn age_is_zero_before_birth() {
        assert_eq!(age_on(date!(2020 - 01 - 01), date!(2019 - 12 - 31)), 0);
    }

    #[test]
    fn someone_born_on_29_february_comes_of_age_on_1_march() {
        let born = date!(2008 - 02 - 29);
        assert_eq!(age_on(born, date!(2026 - 02 - 28)), 17);
        assert_eq!(age_on(born, date!(2026 - 03 - 01)), 18);
        assert_eq!(age_on(born, date!(2028 - 02 - 29)), 20);
    }
}
