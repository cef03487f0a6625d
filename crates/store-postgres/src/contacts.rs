//! Contacts (persons and entities) and the representations linking them, on PostgreSQL.

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
use sqlx::postgres::PgRow;
use time::{Date, OffsetDateTime};

use crate::error::{check_batch_update, corrupt, map};
use crate::tx::PgTx;

/// What the contact search matches a fragment against: the display name in lower case. One
/// rule for every write of a contact.
fn search_name(display_name: &str) -> String {
    display_name.to_lowercase()
}

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

/// How many contacts the contact search takes from the trigram indexes before it deems a
/// fragment common and walks the contacts in name order instead (see `search_contacts`).
/// Reading and sorting this many contacts takes ten milliseconds or so; a fragment held by
/// more is met early in the walk, unless its holders all sort late.
pub const CONTACT_SEARCH_CANDIDATES: usize = 2_000;

/// The fewest characters a fragment needs to have a trigram, hence to be found in an index.
const TRIGRAM: usize = 3;

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

fn text(row: &PgRow, column: &str) -> Result<String, StoreError> {
    let value: Option<String> = row.try_get(column).map_err(map)?;
    value.ok_or_else(|| corrupt(column, "NULL"))
}

fn parsed<T, E>(
    row: &PgRow,
    column: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<T, StoreError> {
    let value = text(row, column)?;
    parse(&value).map_err(|_| corrupt(column, &value))
}

fn parsed_option<T, E>(
    row: &PgRow,
    column: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, StoreError> {
    let value: Option<String> = row.try_get(column).map_err(map)?;
    value
        .map(|value| parse(&value).map_err(|_| corrupt(column, &value)))
        .transpose()
}

fn details_from_row(row: &PgRow) -> Result<ContactDetails, StoreError> {
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
            birth_date: row.try_get("birth_date").map_err(map)?,
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
                &text(row, "registration_scheme")?,
                &text(row, "registration_number")?,
            )?,
            email,
            address,
            language,
            iban,
        }),
    })
}

fn member_number(row: &PgRow) -> Result<Option<u32>, StoreError> {
    let number: Option<i64> = row.try_get("member_number").map_err(map)?;
    number
        .map(|n| u32::try_from(n).map_err(|_| corrupt("member number", &n.to_string())))
        .transpose()
}

fn contact_from_row(row: &PgRow) -> Result<ContactRecord, StoreError> {
    Ok(ContactRecord {
        id: ContactId::new(row.try_get("id").map_err(map)?),
        details: details_from_row(row)?,
        membership: parsed(row, "membership", str::parse)?,
        member_number: member_number(row)?,
        member_since: row.try_get("member_since").map_err(map)?,
        created_at: row.try_get("created_at").map_err(map)?,
        version: row.try_get("version").map_err(map)?,
    })
}

fn summary_from_row(row: &PgRow) -> Result<ContactSummary, StoreError> {
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
impl Contacts for PgTx {
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
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                 $17, $18, 'none', 1, $19, $19, $20)
             RETURNING id",
        )
        .bind(details.kind().as_str())
        .bind(&display_name)
        .bind(search_name(&display_name))
        .bind(person.map(|p| p.first_name.as_str()))
        .bind(person.map(|p| p.last_name.as_str()))
        .bind(person.and_then(|p| p.birth_date))
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
        .bind(at)
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
            "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = $1"
        ))
        .bind(id.get())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(map)?
        .as_ref()
        .map(contact_from_row)
        .transpose()
    }

    async fn get_contacts(&mut self, ids: &[ContactId]) -> Result<Vec<ContactRecord>, StoreError> {
        let ids: Vec<i64> = ids.iter().map(|c| c.get()).collect();
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c WHERE c.id = ANY($1) ORDER BY c.id"
        ))
        .bind(ids)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(contact_from_row)
        .collect()
    }

    /// A transaction-scoped advisory lock on the email's 64-bit hash (a collision only makes
    /// two unrelated emails wait for each other).
    async fn lock_email(&mut self, email: &Email) -> Result<(), StoreError> {
        self.advisory_lock(email.as_str(), EMAIL_LOCK_SEED).await
    }

    async fn lock_national_id(&mut self, national_id: &NationalId) -> Result<(), StoreError> {
        self.advisory_lock(national_id.as_str(), NATIONAL_ID_LOCK_SEED)
            .await
    }

    /// One statement: the locks taken in sorted order, so two batches never wait for each
    /// other in a circle.
    async fn lock_emails(&mut self, emails: &[Email]) -> Result<(), StoreError> {
        let mut sorted: Vec<&str> = emails.iter().map(Email::as_str).collect();
        sorted.sort_unstable();
        sorted.dedup();
        sqlx::query(
            "SELECT pg_advisory_xact_lock(hashtextextended(email, $2))
             FROM UNNEST($1::text[]) WITH ORDINALITY AS sorted (email, position)
             ORDER BY position",
        )
        .bind(sorted)
        .bind(EMAIL_LOCK_SEED)
        .execute(&mut *self.tx)
        .await
        .map_err(map)?;
        Ok(())
    }

    /// Through `contacts_with_emails` (migration 0013), which reads `contacts_email` whatever
    /// the statistics say; the kind is checked here. So are the two look-ups of one email
    /// below.
    async fn persons_of_emails(
        &mut self,
        emails: &[Email],
    ) -> Result<Vec<(Email, ContactId)>, StoreError> {
        let emails: Vec<&str> = emails.iter().map(Email::as_str).collect();
        let rows: Vec<(String, String, OffsetDateTime, i64)> =
            sqlx::query_as("SELECT email, kind, created_at, id FROM contacts_with_emails($1)")
                .bind(emails)
                .fetch_all(&mut *self.tx)
                .await
                .map_err(map)?;
        // The oldest person of each email, as `find_persons_by_email` orders them.
        let mut persons: Vec<(String, OffsetDateTime, i64)> = rows
            .into_iter()
            .filter(|(_, kind, _, _)| kind == "person")
            .map(|(email, _, created_at, id)| (email, created_at, id))
            .collect();
        persons.sort_unstable();
        persons.dedup_by(|later, first| later.0 == first.0);
        persons
            .into_iter()
            .map(|(email, _, id)| {
                let email = Email::parse(&email).map_err(|_| corrupt("email", &email))?;
                Ok((email, ContactId::new(id)))
            })
            .collect()
    }

    /// One statement for the whole batch (arrays unnested); an entity, a person with a
    /// national register number, or an email given twice, falls back to one insert each.
    async fn insert_persons(
        &mut self,
        persons: &[ContactDetails],
        at: OffsetDateTime,
    ) -> Result<Vec<ContactId>, StoreError> {
        let people: Option<Vec<&Person>> = persons
            .iter()
            .map(|details| match details {
                // The batch statement leaves the number out: rare, written one by one.
                ContactDetails::Person(person) if person.national_id.is_none() => Some(person),
                ContactDetails::Person(_) | ContactDetails::Entity(_) => None,
            })
            .collect();
        let distinct = persons
            .iter()
            .map(|details| details.email().as_str())
            .collect::<std::collections::HashSet<_>>()
            .len()
            == persons.len();
        let Some(people) = people.filter(|_| distinct) else {
            let mut ids = Vec::with_capacity(persons.len());
            for details in persons {
                ids.push(self.insert_contact(details, at).await?);
            }
            return Ok(ids);
        };
        let names: Vec<String> = persons.iter().map(ContactDetails::display_name).collect();
        let search: Vec<String> = names.iter().map(|name| search_name(name)).collect();
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "INSERT INTO contacts (kind, display_name, search_name, first_name, last_name,
                 birth_date, email, phone, street, postal_code, city, country, language, iban,
                 membership, version, created_at, updated_at)
             SELECT 'person', display_name, search_name, first_name, last_name, birth_date,
                 email, phone, street, postal_code, city, country, language, iban, 'none', 1,
                 $14, $14
             FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::date[],
                 $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                 $12::text[], $13::text[])
                 AS person (display_name, search_name, first_name, last_name, birth_date,
                     email, phone, street, postal_code, city, country, language, iban)
             RETURNING id, email",
        )
        .bind(&names)
        .bind(&search)
        .bind(
            people
                .iter()
                .map(|p| p.first_name.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            people
                .iter()
                .map(|p| p.last_name.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(people.iter().map(|p| p.birth_date).collect::<Vec<_>>())
        .bind(people.iter().map(|p| p.email.as_str()).collect::<Vec<_>>())
        .bind(
            people
                .iter()
                .map(|p| p.phone.as_ref().map(Phone::as_str))
                .collect::<Vec<_>>(),
        )
        .bind(
            people
                .iter()
                .map(|p| p.address.street.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            people
                .iter()
                .map(|p| p.address.postal_code.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            people
                .iter()
                .map(|p| p.address.city.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            people
                .iter()
                .map(|p| p.address.country.code())
                .collect::<Vec<_>>(),
        )
        .bind(people.iter().map(|p| p.language.code()).collect::<Vec<_>>())
        .bind(
            people
                .iter()
                .map(|p| p.iban.as_ref().map(Iban::as_compact))
                .collect::<Vec<_>>(),
        )
        .bind(at)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        // RETURNING follows no promised order: each id is found again by its email.
        let ids: std::collections::HashMap<String, i64> =
            rows.into_iter().map(|(id, email)| (email, id)).collect();
        people
            .iter()
            .map(|p| {
                ids.get(p.email.as_str())
                    .map(|&id| ContactId::new(id))
                    .ok_or_else(|| corrupt("inserted contact", p.email.as_str()))
            })
            .collect()
    }

    async fn find_persons_by_national_id(
        &mut self,
        national_id: &NationalId,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c
             WHERE c.national_id = $1 AND c.kind = 'person' ORDER BY c.created_at, c.id"
        ))
        .bind(national_id.as_str())
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(contact_from_row)
        .collect()
    }

    async fn find_persons_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts_with_emails($1) c
             WHERE c.kind = 'person' ORDER BY c.created_at, c.id"
        ))
        .bind([email.as_str()])
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(contact_from_row)
        .collect()
    }

    async fn find_contacts_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts_with_emails($1) c
             ORDER BY c.created_at, c.id"
        ))
        .bind([email.as_str()])
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?
        .iter()
        .map(contact_from_row)
        .collect()
    }

    async fn find_entity_by_registration(
        &mut self,
        number: &RegistrationNumber,
    ) -> Result<Option<ContactRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts c
             WHERE c.registration_number = $1 AND c.registration_scheme = $2
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
            "UPDATE contacts SET membership = $3, member_number = $4, member_since = $5,
                 version = version + 1, updated_at = $6
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(membership.as_str())
        .bind(member_number.map(i64::from))
        .bind(member_since)
        .bind(at)
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
        if changes.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = changes.iter().map(|change| change.id.get()).collect();
        let updated: Vec<i64> = sqlx::query_scalar(
            "UPDATE contacts c SET membership = u.membership, member_number = u.member_number,
                 member_since = u.member_since, version = c.version + 1, updated_at = $6
             FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::date[])
                 AS u (id, version, membership, member_number, member_since)
             WHERE c.id = u.id AND c.version = u.version
             RETURNING c.id",
        )
        .bind(&ids)
        .bind(
            changes
                .iter()
                .map(|change| change.expected_version)
                .collect::<Vec<_>>(),
        )
        .bind(
            changes
                .iter()
                .map(|change| change.membership.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(
            changes
                .iter()
                .map(|change| change.member_number.map(i64::from))
                .collect::<Vec<_>>(),
        )
        .bind(
            changes
                .iter()
                .map(|change| change.member_since)
                .collect::<Vec<_>>(),
        )
        .bind(at)
        .fetch_all(&mut *self.tx)
        .await
        .map_err(map)?;
        check_batch_update("contact", &ids, &updated)
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
            "UPDATE contacts SET display_name = $4, search_name = $5, first_name = $6,
                 last_name = $7, birth_date = $8, entity_name = $9, legal_form = $10,
                 registration_scheme = $11, registration_number = $12, email = $13, phone = $14,
                 street = $15, postal_code = $16, city = $17, country = $18, language = $19,
                 iban = $20, version = version + 1, updated_at = $21, national_id = $22
             WHERE id = $1 AND version = $2 AND kind = $3 RETURNING version",
        )
        .bind(id.get())
        .bind(expected_version)
        .bind(details.kind().as_str())
        .bind(&display_name)
        .bind(search_name(&display_name))
        .bind(person.map(|p| p.first_name.as_str()))
        .bind(person.map(|p| p.last_name.as_str()))
        .bind(person.and_then(|p| p.birth_date))
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
        .bind(at)
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

    /// A bounded hybrid, so that a rare fragment does not read every contact. A fragment of
    /// three characters or more is looked up through the trigram indexes of `contact_search`
    /// (migrations 0008 and 0015) and among the few contacts still queued for them, asking
    /// for at most [`CONTACT_SEARCH_CANDIDATES`] + 1 contacts: without an order, the planner
    /// takes them from a bitmap of both indexes. When they are no more than that, they are
    /// read and sorted, a small sort whatever the size of the register. When there are more,
    /// the fragment is common and walking the contacts in name order
    /// (`contacts_search_order`, migration 0009) meets the first page of them early; the
    /// indexes could not give them in that order. A shorter fragment has no trigram, so it
    /// takes the walk too: one or two characters are held by many contacts. Without pg_trgm
    /// (see 0008) the first query reads the table until it has found enough, as the search
    /// did before these indexes.
    async fn search_contacts(
        &mut self,
        text: &str,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ContactSummary>, StoreError> {
        let fragment = search_fragment(text);
        let pattern = fragment_pattern(&fragment);
        if fragment.chars().count() >= TRIGRAM {
            // The `LIKE` is the search's definition; the indexes are only how it is found.
            // Those the upkeep has indexed, and those still queued (at most a tenth of a
            // second of new contacts while a server runs), read in one snapshot: the upkeep
            // moves a contact from one to the other in one statement. The queue is read whole
            // into an array, so that the contacts are reached through their key whatever the
            // planner guesses of the queue's size. A contact renamed since it was indexed can
            // come twice; the candidates are only a set of ids to read.
            let candidates: Vec<i64> = sqlx::query_scalar(
                "SELECT contact_id FROM contact_search
                 WHERE search_name LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\'
                 UNION ALL
                 SELECT id FROM contacts
                 WHERE id = ANY (ARRAY (SELECT contact_id FROM contact_search_queue))
                     AND (search_name LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\')
                 LIMIT $2",
            )
            .bind(&pattern)
            .bind(CONTACT_SEARCH_CANDIDATES as i64 + 1)
            .fetch_all(&mut *self.tx)
            .await
            .map_err(map)?;
            if candidates.is_empty() {
                return Ok(Vec::new());
            }
            if candidates.len() <= CONTACT_SEARCH_CANDIDATES {
                // MATERIALIZED keeps the planner from walking the name index instead. The
                // match is checked again on the contacts themselves: a renamed contact still
                // queued is indexed under its former name too.
                return self
                    .summaries(
                        sqlx::query(
                            "WITH found AS MATERIALIZED (
                                 SELECT id, kind, display_name, email, membership,
                                     member_number, search_name
                                 FROM contacts WHERE id = ANY($1)
                                     AND (search_name LIKE $4 ESCAPE '\\'
                                         OR email LIKE $4 ESCAPE '\\')
                             )
                             SELECT id, kind, display_name, email, membership, member_number
                             FROM found ORDER BY search_name, id LIMIT $2 OFFSET $3",
                        )
                        .bind(candidates)
                        .bind(i64::from(limit))
                        .bind(i64::from(offset))
                        .bind(&pattern),
                    )
                    .await;
            }
        }
        self.summaries(
            sqlx::query(
                "SELECT id, kind, display_name, email, membership, member_number FROM contacts
                 WHERE search_name LIKE $1 ESCAPE '\\' OR email LIKE $1 ESCAPE '\\'
                 ORDER BY search_name, id LIMIT $2 OFFSET $3",
            )
            .bind(pattern)
            .bind(i64::from(limit))
            .bind(i64::from(offset)),
        )
        .await
    }
}

/// The hash seeds of the advisory locks taken on a person's keys (`lock_emails` uses the
/// email's too): each kind of key hashes apart from the others.
const EMAIL_LOCK_SEED: i64 = 7;
const NATIONAL_ID_LOCK_SEED: i64 = 8;

impl PgTx {
    /// Until the transaction ends, the lock on `key` hashed with `seed`.
    async fn advisory_lock(&mut self, key: &str, seed: i64) -> Result<(), StoreError> {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))")
            .bind(key)
            .bind(seed)
            .execute(&mut *self.tx)
            .await
            .map_err(map)?;
        Ok(())
    }

    /// The contacts a search query selects, as summaries.
    async fn summaries<'q>(
        &mut self,
        query: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
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

fn representation_from_row(row: &PgRow) -> Result<RepresentationRecord, StoreError> {
    Ok(RepresentationRecord {
        id: RepresentationId::new(row.try_get("id").map_err(map)?),
        person: ContactId::new(row.try_get("person_id").map_err(map)?),
        entity: ContactId::new(row.try_get("entity_id").map_err(map)?),
        role: row.try_get("role").map_err(map)?,
        since: row.try_get("since").map_err(map)?,
        until: row.try_get("until").map_err(map)?,
    })
}

const REPRESENTATION_COLUMNS: &str = "id, person_id, entity_id, role, since, until";

#[async_trait]
impl Representations for PgTx {
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
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(person.get())
        .bind(entity.get())
        .bind(role)
        .bind(since)
        .bind(OffsetDateTime::now_utc())
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
             WHERE person_id = $1 ORDER BY since, id"
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
             WHERE entity_id = $1 ORDER BY since, id"
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
            "SELECT {REPRESENTATION_COLUMNS} FROM representations WHERE id = $1"
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
            sqlx::query("UPDATE representations SET until = $2 WHERE id = $1 AND until IS NULL")
                .bind(id.get())
                .bind(until)
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
