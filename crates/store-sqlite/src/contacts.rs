//! Contacts (persons and entities) and the representations linking them, on SQLite.

use async_trait::async_trait;
use coopshares_app::ports::{
    ContactRecord, ContactSummary, Contacts, MembershipChange, RepresentationRecord,
    Representations, StoreError,
};
use coopshares_domain::address::Address;
use coopshares_domain::contact::{ContactDetails, ContactKind, Entity, Person};
use coopshares_domain::country::Country;
use coopshares_domain::email::Email;
use coopshares_domain::iban::Iban;
use coopshares_domain::ids::{ContactId, RepresentationId};
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::national_id::NationalId;
use coopshares_domain::registration::{
    BelgianEnterpriseNumber, OtherRegistrationNumber, RegistrationNumber, Siren,
};
use coopshares_domain::text::{Name, Phone, PostalCode};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;
use time::{Date, OffsetDateTime};

use crate::columns::{self, Columns};
use crate::error::{corrupt, json_array, map};
use crate::time::{day, parse_day, ts};
use crate::tx::SqliteTx;

const CONTACT_COLUMNS: &str = "c.id, c.kind, c.first_name, c.last_name, c.birth_date, \
     c.entity_name, c.legal_form, c.registration_scheme, c.registration_number, c.email, \
     c.phone, c.street, c.postal_code, c.city, c.country, c.language, c.iban, c.membership, \
     c.member_number, c.member_since, c.created_at, c.version, c.national_id";

/// What the contact search looks for in `text`: trimmed, in lower case to match the folded
/// columns, without control characters (no stored name or email has any, PostgreSQL refuses a
/// NUL in a parameter and SQLite would end a pattern there, matching every contact).
fn search_fragment(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// A `LIKE` pattern matching `text` anywhere (see [`search_fragment`]), with `%`, `_` and `\`
/// taken literally (`ESCAPE '\'`).
pub(crate) fn contains_pattern(text: &str) -> String {
    fragment_pattern(&search_fragment(text))
}

/// The `LIKE` pattern of a fragment already made by [`search_fragment`].
fn fragment_pattern(fragment: &str) -> String {
    let mut pattern = String::from("%");
    for c in fragment.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// How many contacts the contact search takes from the trigram index before it deems a
/// fragment common and walks the contacts in name order instead (see `search_contacts`).
/// Reading and sorting this many contacts takes ten milliseconds or so; a fragment held by
/// more is met early in the walk, unless its holders all sort late.
pub const CONTACT_SEARCH_CANDIDATES: usize = 2_000;

/// The fewest characters a fragment needs to have a trigram, hence to be found in the index.
const TRIGRAM: usize = 3;

/// An FTS5 query for `fragment` as one phrase: in double quotes (doubled inside), every
/// character is text, so the trigram tokenizer matches the fragment where it occurs.
fn trigram_phrase(fragment: &str) -> String {
    format!("\"{}\"", fragment.replace('"', "\"\""))
}

/// The stored scheme of a registration number, so it parses back as the same variant.
fn registration_scheme(number: &RegistrationNumber) -> &'static str {
    match number {
        RegistrationNumber::BelgianEnterprise(_) => "belgian_enterprise",
        RegistrationNumber::FrenchSiren(_) => "french_siren",
        RegistrationNumber::Other(_) => "other",
    }
}

fn registration(scheme: &str, number: &str) -> Result<RegistrationNumber, StoreError> {
    let parsed = match scheme {
        "belgian_enterprise" => {
            BelgianEnterpriseNumber::parse(number).map(RegistrationNumber::BelgianEnterprise)
        }
        "french_siren" => Siren::parse(number).map(RegistrationNumber::FrenchSiren),
        "other" => OtherRegistrationNumber::parse(number).map(RegistrationNumber::Other),
        _ => return Err(corrupt("registration scheme", scheme)),
    };
    parsed.map_err(|_| corrupt("registration number", number))
}

fn parsed<T, E>(
    row: &(impl Columns + ?Sized),
    column: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    let value = row.text(column)?;
    parse(value).map_err(|_| corrupt(column, value))
}

fn parsed_option<T, E>(
    row: &(impl Columns + ?Sized),
    column: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    row.opt_text(column)?
        .map(|value| parse(value).map_err(|_| corrupt(column, value)))
        .transpose()
}

fn details_from_row(row: &(impl Columns + ?Sized)) -> Result<ContactDetails, StoreError> {
    let kind: ContactKind = parsed(row, "kind", str::parse)?;
    let address = Address {
        street: parsed(row, "street", Name::parse)?,
        postal_code: parsed(row, "postal_code", PostalCode::parse)?,
        city: parsed(row, "city", Name::parse)?,
        country: parsed(row, "country", Country::parse)?,
    };
    let email = parsed(row, "email", Email::parse)?;
    let language = parsed(row, "language", str::parse)?;
    let iban = parsed_option(row, "iban", Iban::parse)?;
    Ok(match kind {
        ContactKind::Person => ContactDetails::Person(Person {
            first_name: parsed(row, "first_name", Name::parse)?,
            last_name: parsed(row, "last_name", Name::parse)?,
            birth_date: parsed_option(row, "birth_date", |text| parse_day("birth_date", text))?,
            email,
            phone: parsed_option(row, "phone", Phone::parse)?,
            address,
            language,
            iban,
            national_id: parsed_option(row, "national_id", NationalId::parse)?,
        }),
        ContactKind::Entity => ContactDetails::Entity(Entity {
            name: parsed(row, "entity_name", Name::parse)?,
            legal_form: parsed(row, "legal_form", Name::parse)?,
            registration_number: registration(
                row.text("registration_scheme")?,
                row.text("registration_number")?,
            )?,
            email,
            address,
            language,
            iban,
        }),
    })
}

fn member_number(row: &(impl Columns + ?Sized)) -> Result<Option<u32>, StoreError> {
    row.opt_integer("member_number")?
        .map(|n| u32::try_from(n).map_err(|_| corrupt("member number", &n.to_string())))
        .transpose()
}

fn contact_from_row(row: &(impl Columns + ?Sized)) -> Result<ContactRecord, StoreError> {
    Ok(ContactRecord {
        id: ContactId::new(row.integer("id")?),
        details: details_from_row(row)?,
        membership: parsed(row, "membership", str::parse)?,
        member_number: member_number(row)?,
        member_since: parsed_option(row, "member_since", |text| parse_day("member_since", text))?,
        created_at: row.timestamp("created_at")?,
        version: row.integer("version")?,
    })
}

fn summary_from_row(row: &SqliteRow) -> Result<ContactSummary, StoreError> {
    Ok(ContactSummary {
        id: ContactId::new(row.try_get("id").map_err(map)?),
        kind: parsed(row, "kind", str::parse)?,
        display_name: row.try_get("display_name").map_err(map)?,
        email: parsed(row, "email", Email::parse)?,
        membership: parsed(row, "membership", str::parse)?,
        member_number: member_number(row)?,
    })
}

#[async_trait]
impl Contacts for SqliteTx {
    async fn insert_contact(
        &mut self,
        details: &ContactDetails,
        at: OffsetDateTime,
    ) -> Result<ContactId, StoreError> {
        let (person, entity) = match details {
            ContactDetails::Person(person) => (Some(person), None),
            ContactDetails::Entity(entity) => (None, Some(entity)),
        };
        let display_name = details.display_name();
        let address = details.address();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name,
                 birth_date, entity_name, legal_form, registration_scheme, registration_number,
                 email, phone, street, postal_code, city, country, language, iban, membership,
                 version, created_at, updated_at, national_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, 'none', 1, ?19, ?19, ?20)
             RETURNING id",
        )
        .bind(details.kind().as_str())
        .bind(&display_name)
        .bind(display_name.to_lowercase())
        .bind(person.map(|p| p.first_name.as_str()))
        .bind(person.map(|p| p.last_name.as_str()))
        .bind(person.and_then(|p| p.birth_date).map(day))
        .bind(entity.map(|e| e.name.as_str()))
        .bind(entity.map(|e| e.legal_form.as_str()))
        .bind(entity.map(|e| registration_scheme(&e.registration_number)))
        .bind(entity.map(|e| e.registration_number.as_compact()))
        .bind(details.email().as_str())
        .bind(person.and_then(|p| p.phone.as_ref()).map(Phone::as_str))
        .bind(address.street.as_str())
        .bind(address.postal_code.as_str())
        .bind(address.city.as_str())
        .bind(address.country.code())
        .bind(details.language().code())
        .bind(details.iban().map(Iban::as_compact))
        .bind(ts(at))
        .bind(
            person
                .and_then(|p| p.national_id.as_ref())
                .map(NationalId::as_str),
        )
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(ContactId::new(id))
    }

    async fn get_contact(&mut self, id: ContactId) -> Result<Option<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(contact_from_row)
        .transpose()
    }

    /// Packed into one value (see `columns`): a page of the register and a batch of the
    /// import read hundreds of contacts at a time.
    async fn get_contacts(&mut self, ids: &[ContactId]) -> Result<Vec<ContactRecord>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = json_array(ids.iter().map(|c| c.get()));
        let json: String = sqlx::query_scalar(&format!(
            "SELECT {} FROM contacts c WHERE c.id IN (SELECT value FROM json_each(?1))",
            columns::packed(CONTACT_COLUMNS, "c.id")
        ))
        .bind(ids)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        columns::unpack(CONTACT_COLUMNS, &json, |row| contact_from_row(row))
    }

    /// The one writer connection already serializes write transactions.
    async fn lock_email(&mut self, _email: &Email) -> Result<(), StoreError> {
        Ok(())
    }

    async fn lock_national_id(&mut self, _national_id: &NationalId) -> Result<(), StoreError> {
        Ok(())
    }

    async fn find_persons_by_national_id(
        &mut self,
        national_id: &NationalId,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        self.contacts_where(
            "c.national_id = ?1 AND c.kind = 'person'",
            national_id.as_str(),
        )
        .await
    }

    async fn find_persons_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        self.contacts_where("c.email = ?1 AND c.kind = 'person'", email.as_str())
            .await
    }

    async fn find_contacts_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        self.contacts_where("c.email = ?1", email.as_str()).await
    }

    async fn find_entity_by_registration(
        &mut self,
        number: &RegistrationNumber,
    ) -> Result<Option<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c
             WHERE c.registration_number = ?1 AND c.registration_scheme = ?2
                 AND c.kind = 'entity'"
        ))
        .bind(number.as_compact())
        .bind(registration_scheme(number))
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(contact_from_row)
        .transpose()
    }

    async fn set_membership(
        &mut self,
        id: ContactId,
        expected_version: i64,
        membership: MembershipStatus,
        member_number: Option<u32>,
        member_since: Option<Date>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE contacts SET membership = ?3, member_number = ?4, member_since = ?5,
                 version = version + 1, updated_at = ?6
             WHERE id = ?1 AND version = ?2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(membership.as_str())
        .bind(member_number)
        .bind(member_since.map(day))
        .bind(ts(at))
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        match version {
            Some(version) => Ok(version),
            None => match self.get_contact(id).await? {
                None => Err(StoreError::NotFound { entity: "contact" }),
                Some(_) => Err(StoreError::Conflict {
                    entity: "contact",
                    id: id.to_string(),
                }),
            },
        }
    }

    async fn set_memberships(
        &mut self,
        changes: &[MembershipChange],
        at: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let ids: Vec<i64> = changes.iter().map(|change| change.id.get()).collect();
        let rows = json_array(changes.iter().map(|change| {
            serde_json::json!([
                change.id.get(),
                change.expected_version,
                change.membership.as_str(),
                change.member_number,
                change.member_since.map(day)
            ])
        }));
        // A member number already taken is `Duplicate("member_number")`, as for one contact.
        self.update_versioned(
            "contact",
            "UPDATE contacts SET membership = m.membership, member_number = m.member_number,
                 member_since = m.member_since, version = contacts.version + 1, updated_at = ?1
             FROM (SELECT value ->> 0 AS contact_id, value ->> 1 AS expected_version,
                       value ->> 2 AS membership, value ->> 3 AS member_number,
                       value ->> 4 AS member_since
                   FROM json_each(?2)) AS m
             WHERE contacts.id = m.contact_id AND contacts.version = m.expected_version
             RETURNING id",
            &ids,
            rows,
            at,
        )
        .await
    }

    async fn update_contact_details(
        &mut self,
        id: ContactId,
        expected_version: i64,
        details: &ContactDetails,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError> {
        let (person, entity) = match details {
            ContactDetails::Person(person) => (Some(person), None),
            ContactDetails::Entity(entity) => (None, Some(entity)),
        };
        let display_name = details.display_name();
        let address = details.address();
        let version: Option<i64> = sqlx::query_scalar(
            "UPDATE contacts SET display_name = ?4, search_name = ?5, first_name = ?6,
                 last_name = ?7, birth_date = ?8, entity_name = ?9, legal_form = ?10,
                 registration_scheme = ?11, registration_number = ?12, email = ?13, phone = ?14,
                 street = ?15, postal_code = ?16, city = ?17, country = ?18, language = ?19,
                 iban = ?20, version = version + 1, updated_at = ?21, national_id = ?22
             WHERE id = ?1 AND version = ?2 AND kind = ?3 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(details.kind().as_str())
        .bind(&display_name)
        .bind(display_name.to_lowercase())
        .bind(person.map(|p| p.first_name.as_str()))
        .bind(person.map(|p| p.last_name.as_str()))
        .bind(person.and_then(|p| p.birth_date).map(day))
        .bind(entity.map(|e| e.name.as_str()))
        .bind(entity.map(|e| e.legal_form.as_str()))
        .bind(entity.map(|e| registration_scheme(&e.registration_number)))
        .bind(entity.map(|e| e.registration_number.as_compact()))
        .bind(details.email().as_str())
        .bind(person.and_then(|p| p.phone.as_ref()).map(Phone::as_str))
        .bind(address.street.as_str())
        .bind(address.postal_code.as_str())
        .bind(address.city.as_str())
        .bind(address.country.code())
        .bind(details.language().code())
        .bind(details.iban().map(Iban::as_compact))
        .bind(ts(at))
        .bind(
            person
                .and_then(|p| p.national_id.as_ref())
                .map(NationalId::as_str),
        )
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?;
        match version {
            Some(version) => Ok(version),
            None => match self.get_contact(id).await? {
                None => Err(StoreError::NotFound { entity: "contact" }),
                Some(_) => Err(StoreError::Conflict {
                    entity: "contact",
                    id: id.to_string(),
                }),
            },
        }
    }

    /// A bounded hybrid, so that a rare fragment does not read every contact. A fragment of three
    /// characters or more is looked up in the trigram index (`contacts_search`, migration
    /// 0008), which is asked for at most [`CONTACT_SEARCH_CANDIDATES`] + 1 contacts: when they
    /// are no more than that, they are read and sorted here, a small sort whatever the size of
    /// the register. When there are more, the fragment is common and walking the contacts in
    /// name order (`contacts_search_order`, migration 0009) meets the first page of them
    /// early; the index could not give them in that order. A shorter fragment has no trigram,
    /// so it takes the walk too: one or two characters are held by many contacts.
    async fn search_contacts(
        &mut self,
        text: &str,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ContactSummary>, StoreError> {
        let fragment = search_fragment(text);
        let pattern = fragment_pattern(&fragment);
        if fragment.chars().count() >= TRIGRAM {
            // The `LIKE` is the search's definition; the index is only how it is found.
            let candidates: Vec<i64> = sqlx::query_scalar(
                "SELECT c.id FROM contacts_search s JOIN contacts c ON c.id = s.rowid
                 WHERE contacts_search MATCH ?1
                     AND (c.search_name LIKE ?2 ESCAPE '\\' OR c.email LIKE ?2 ESCAPE '\\')
                 LIMIT ?3",
            )
            .bind(trigram_phrase(&fragment))
            .bind(&pattern)
            .bind(CONTACT_SEARCH_CANDIDATES as i64 + 1)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
            if candidates.is_empty() {
                return Ok(Vec::new());
            }
            if candidates.len() <= CONTACT_SEARCH_CANDIDATES {
                // MATERIALIZED keeps the planner from walking the name index instead.
                return self
                    .summaries(
                        sqlx::query(
                            "WITH found AS MATERIALIZED (
                                 SELECT id, kind, display_name, email, membership,
                                     member_number, search_name
                                 FROM contacts WHERE id IN (SELECT value FROM json_each(?1))
                             )
                             SELECT id, kind, display_name, email, membership, member_number
                             FROM found ORDER BY search_name, id LIMIT ?2 OFFSET ?3",
                        )
                        .bind(json_array(candidates))
                        .bind(limit)
                        .bind(offset),
                    )
                    .await;
            }
        }
        self.summaries(
            sqlx::query(
                "SELECT id, kind, display_name, email, membership, member_number FROM contacts
                 WHERE search_name LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\'
                 ORDER BY search_name, id LIMIT ?2 OFFSET ?3",
            )
            .bind(pattern)
            .bind(limit)
            .bind(offset),
        )
        .await
    }
}

impl SqliteTx {
    /// The contacts meeting `condition` (SQL written here, never a caller's text, with `value`
    /// as `?1`), the oldest first.
    async fn contacts_where(
        &mut self,
        condition: &'static str,
        value: &str,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c
             WHERE {condition} ORDER BY c.created_at, c.id"
        ))
        .bind(value)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(contact_from_row)
        .collect()
    }

    /// The contacts a search query selects, as summaries.
    async fn summaries<'q>(
        &mut self,
        query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    ) -> Result<Vec<ContactSummary>, StoreError> {
        query
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?
            .iter()
            .map(summary_from_row)
            .collect()
    }
}

fn representation_from_row(row: &SqliteRow) -> Result<RepresentationRecord, StoreError> {
    Ok(RepresentationRecord {
        id: RepresentationId::new(row.try_get("id").map_err(map)?),
        person: ContactId::new(row.try_get("person_id").map_err(map)?),
        entity: ContactId::new(row.try_get("entity_id").map_err(map)?),
        role: row.try_get("role").map_err(map)?,
        since: parsed(row, "since", |text| parse_day("since", text))?,
        until: parsed_option(row, "until", |text| parse_day("until", text))?,
    })
}

const REPRESENTATION_COLUMNS: &str = "id, person_id, entity_id, role, since, until";

#[async_trait]
impl Representations for SqliteTx {
    async fn insert_representation(
        &mut self,
        person: ContactId,
        entity: ContactId,
        role: &str,
        since: Date,
    ) -> Result<RepresentationId, StoreError> {
        // The port gives no time for this record; it is only a trace, so the clock will do.
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO representations (person_id, entity_id, role, since, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(person.get())
        .bind(entity.get())
        .bind(role)
        .bind(day(since))
        .bind(ts(OffsetDateTime::now_utc()))
        .fetch_one(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(RepresentationId::new(id))
    }

    async fn representations_of_person(
        &mut self,
        person: ContactId,
    ) -> Result<Vec<RepresentationRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {REPRESENTATION_COLUMNS} FROM representations
             WHERE person_id = ?1 ORDER BY since, id"
        ))
        .bind(person.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(representation_from_row)
        .collect()
    }

    async fn representatives_of_entity(
        &mut self,
        entity: ContactId,
    ) -> Result<Vec<RepresentationRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {REPRESENTATION_COLUMNS} FROM representations
             WHERE entity_id = ?1 ORDER BY since, id"
        ))
        .bind(entity.get())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(representation_from_row)
        .collect()
    }

    async fn get_representation(
        &mut self,
        id: RepresentationId,
    ) -> Result<Option<RepresentationRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {REPRESENTATION_COLUMNS} FROM representations WHERE id = ?1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(representation_from_row)
        .transpose()
    }

    async fn end_representation(
        &mut self,
        id: RepresentationId,
        until: Date,
    ) -> Result<(), StoreError> {
        let done =
            sqlx::query("UPDATE representations SET until = ?2 WHERE id = ?1 AND until IS NULL")
                .bind(id.get())
                .bind(day(until))
                .execute(&mut *self.tx)
                .await
                .map_err(map)?;
        if done.rows_affected() == 1 {
            return Ok(());
        }
        match self.get_representation(id).await? {
            None => Err(StoreError::NotFound {
                entity: "representation",
            }),
            Some(_) => Err(StoreError::Conflict {
                entity: "representation",
                id: id.to_string(),
            }),
        }
    }
}
