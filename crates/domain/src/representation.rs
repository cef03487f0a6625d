//! Legal representation: a person acting for an entity (director, manager, mandate holder).
//!
//! The link is many-to-many and stands on its own: a person may represent several entities and
//! hold shares in their own name at the same time, and an entity may have several
//! representatives. It is never a child record of the entity, and ending it never touches the
//! person's own contact or membership.

use time::Date;

use crate::ids::ContactId;
use crate::text::Name;

/// Why a representation cannot be created or ended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepresentationError {
    #[error("a contact cannot represent itself")]
    SameContact,
    #[error("the representation cannot end on {until}, before it started on {since}")]
    EndsBeforeStart { since: Date, until: Date },
    #[error("the representation already ended on {0}")]
    AlreadyEnded(Date),
}

/// A person representing an entity in a role from `since`, until `until` (exclusive: on that
/// date the person no longer acts for the entity).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "RepresentationParts", into = "RepresentationParts")]
pub struct Representation {
    person: ContactId,
    entity: ContactId,
    role: Name,
    since: Date,
    until: Option<Date>,
}

/// The stored form of a representation, checked when turned back into one.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct RepresentationParts {
    person: ContactId,
    entity: ContactId,
    role: Name,
    #[serde(with = "crate::date::iso_date")]
    since: Date,
    #[serde(with = "crate::date::iso_date::option", default)]
    until: Option<Date>,
}

/// Whether a representation from `since` until `until` (exclusive) is in force on `date`.
pub fn active_on(since: Date, until: Option<Date>, date: Date) -> bool {
    since <= date && until.is_none_or(|until| date < until)
}

impl Representation {
    /// A representation starting on `since`, with no end.
    pub fn new(
        person: ContactId,
        entity: ContactId,
        role: Name,
        since: Date,
    ) -> Result<Self, RepresentationError> {
        Self::restore(person, entity, role, since, None)
    }

    /// Rebuilds a representation read from storage, with its end if it has one.
    pub fn restore(
        person: ContactId,
        entity: ContactId,
        role: Name,
        since: Date,
        until: Option<Date>,
    ) -> Result<Self, RepresentationError> {
        if person == entity {
            return Err(RepresentationError::SameContact);
        }
        if let Some(until) = until.filter(|until| *until < since) {
            return Err(RepresentationError::EndsBeforeStart { since, until });
        }
        Ok(Self {
            person,
            entity,
            role,
            since,
            until,
        })
    }

    pub fn person(&self) -> ContactId {
        self.person
    }

    pub fn entity(&self) -> ContactId {
        self.entity
    }

    pub fn role(&self) -> &Name {
        &self.role
    }

    pub fn since(&self) -> Date {
        self.since
    }

    pub fn until(&self) -> Option<Date> {
        self.until
    }

    /// Whether the person acts for the entity on `date`: from `since`, and before `until`.
    pub fn is_active_on(&self, date: Date) -> bool {
        active_on(self.since, self.until, date)
    }

    /// Ends the representation: from `on`, the person no longer acts for the entity. Ending on
    /// the start date is allowed (a link recorded by mistake never takes effect).
    pub fn end(&self, on: Date) -> Result<Self, RepresentationError> {
        if let Some(until) = self.until {
            return Err(RepresentationError::AlreadyEnded(until));
        }
        if on < self.since {
            return Err(RepresentationError::EndsBeforeStart {
                since: self.since,
                until: on,
            });
        }
        Ok(Self {
            until: Some(on),
            ..self.clone()
        })
    }
}

impl TryFrom<RepresentationParts> for Representation {
    type Error = RepresentationError;

    fn try_from(parts: RepresentationParts) -> Result<Self, Self::Error> {
        Self::restore(
            parts.person,
            parts.entity,
            parts.role,
            parts.since,
            parts.until,
        )
    }
}

impl From<Representation> for RepresentationParts {
    fn from(representation: Representation) -> Self {
        Self {
            person: representation.person,
            entity: representation.entity,
            role: representation.role,
            since: representation.since,
            until: representation.until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn director() -> Representation {
        Representation::new(
            ContactId::new(1),
            ContactId::new(2),
            Name::parse("Director").unwrap(),
            date!(2024 - 01 - 10),
        )
        .unwrap()
    }

    #[test]
    fn an_open_representation_is_active_from_its_start() {
        let link = director();
        assert!(!link.is_active_on(date!(2024 - 01 - 09)));
        assert!(link.is_active_on(date!(2024 - 01 - 10)));
        assert!(link.is_active_on(date!(2030 - 01 - 01)));
    }

    #[test]
    fn an_ended_representation_is_inactive_from_its_end_date() {
        let ended = director().end(date!(2025 - 03 - 01)).unwrap();
        assert_eq!(ended.until(), Some(date!(2025 - 03 - 01)));
        assert!(ended.is_active_on(date!(2025 - 02 - 28)));
        assert!(!ended.is_active_on(date!(2025 - 03 - 01)));
        assert_eq!(ended.person(), ContactId::new(1));
        assert_eq!(ended.entity(), ContactId::new(2));
        assert_eq!(ended.role().as_str(), "Director");
    }

    #[test]
    fn ending_on_the_start_date_is_allowed() {
        let ended = director().end(date!(2024 - 01 - 10)).unwrap();
        assert!(!ended.is_active_on(date!(2024 - 01 - 10)));
    }

    #[test]
    fn ending_before_the_start_is_refused() {
        assert_eq!(
            director().end(date!(2024 - 01 - 09)),
            Err(RepresentationError::EndsBeforeStart {
                since: date!(2024 - 01 - 10),
                until: date!(2024 - 01 - 09)
            })
        );
    }

    #[test]
    fn ending_twice_is_refused() {
        let ended = director().end(date!(2025 - 03 - 01)).unwrap();
        assert_eq!(
            ended.end(date!(2025 - 04 - 01)),
            Err(RepresentationError::AlreadyEnded(date!(2025 - 03 - 01)))
        );
    }

    #[test]
    fn a_contact_cannot_represent_itself() {
        assert_eq!(
            Representation::new(
                ContactId::new(3),
                ContactId::new(3),
                Name::parse("Director").unwrap(),
                date!(2024 - 01 - 10)
            ),
            Err(RepresentationError::SameContact)
        );
    }

    #[test]
    fn restoring_checks_the_dates() {
        let role = Name::parse("Manager").unwrap();
        let restored = Representation::restore(
            ContactId::new(1),
            ContactId::new(2),
            role.clone(),
            date!(2024 - 01 - 10),
            Some(date!(2023 - 01 - 10)),
        );
        assert!(matches!(
            restored,
            Err(RepresentationError::EndsBeforeStart { .. })
        ));
    }

    #[test]
    fn one_person_may_represent_several_entities_at_once() {
        let role = Name::parse("Director").unwrap();
        let day = date!(2024 - 05 - 01);
        let links: Vec<Representation> = [2, 3]
            .into_iter()
            .map(|entity| {
                Representation::new(ContactId::new(1), ContactId::new(entity), role.clone(), day)
                    .unwrap()
            })
            .collect();
        assert!(links.iter().all(|link| link.is_active_on(day)));
    }
}
