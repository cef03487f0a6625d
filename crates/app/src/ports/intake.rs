//! Share types, contacts, representations and subscription requests.
//!
//! A contact is created (or found) when a request is recorded, with membership status `none`;
//! validation (step 2) makes it a candidate. The request keeps the applicant's data exactly as
//! submitted (JSON) as evidence; the contact's own fields change only through explicit manager
//! actions.

use async_trait::async_trait;
use coopshares_domain::contact::{ContactDetails, ContactKind};
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, RepresentationId, ShareTypeId, SubscriptionRequestId};
use coopshares_domain::language::Language;
use coopshares_domain::membership::MembershipStatus;
use coopshares_domain::money::Money;
use coopshares_domain::national_id::NationalId;
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::registration::RegistrationNumber;
use coopshares_domain::share_type::ShareType;
use coopshares_domain::subscription::{Channel, RequestState};
use time::{Date, OffsetDateTime};

use super::{StateChange, StoreError};

/// A share type as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareTypeRecord {
    pub id: ShareTypeId,
    pub share_type: ShareType,
    /// Whether any subscription request names it (then it can be retired, never repriced).
    pub subscribed: bool,
    pub version: i64,
}

#[async_trait]
pub trait ShareTypes {
    /// `Duplicate` if the code is taken.
    async fn insert_share_type(
        &mut self,
        share_type: &ShareType,
        at: OffsetDateTime,
    ) -> Result<ShareTypeId, StoreError>;
    /// Every share type, retired ones included, by code.
    async fn list_share_types(&mut self) -> Result<Vec<ShareTypeRecord>, StoreError>;
    async fn get_share_type(
        &mut self,
        id: ShareTypeId,
    ) -> Result<Option<ShareTypeRecord>, StoreError>;
    async fn find_share_type_by_code(
        &mut self,
        code: &str,
    ) -> Result<Option<ShareTypeRecord>, StoreError>;
    /// Replaces the share type if still at `expected_version` (else `Conflict`). The caller
    /// has checked what may change; the store refuses a changed code or, for a subscribed
    /// type, a changed nominal value (`Conflict`), as a last line of defence.
    async fn update_share_type(
        &mut self,
        id: ShareTypeId,
        share_type: &ShareType,
        expected_version: i64,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
}

/// A contact as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: ContactId,
    pub details: ContactDetails,
    pub membership: MembershipStatus,
    pub member_number: Option<u32>,
    pub member_since: Option<Date>,
    pub created_at: OffsetDateTime,
    pub version: i64,
}

/// A contact's membership as [`Contacts::set_memberships`] sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembershipChange {
    pub id: ContactId,
    pub expected_version: i64,
    pub membership: MembershipStatus,
    pub member_number: Option<u32>,
    pub member_since: Option<Date>,
}

/// One row of a contact search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactSummary {
    pub id: ContactId,
    pub kind: ContactKind,
    pub display_name: String,
    pub email: Email,
    pub membership: MembershipStatus,
    pub member_number: Option<u32>,
}

#[async_trait]
pub trait Contacts {
    async fn insert_contact(
        &mut self,
        details: &ContactDetails,
        at: OffsetDateTime,
    ) -> Result<ContactId, StoreError>;
    async fn get_contact(&mut self, id: ContactId) -> Result<Option<ContactRecord>, StoreError>;
    /// The contacts with these ids that exist, in id order.
    async fn get_contacts(&mut self, ids: &[ContactId]) -> Result<Vec<ContactRecord>, StoreError>;
    /// Until this transaction ends, makes every other transaction that asks for the same email
    /// wait: matching a person by email and creating them when absent then never happens twice
    /// at once. (SQLite writes one transaction at a time and has nothing to do.)
    async fn lock_email(&mut self, email: &Email) -> Result<(), StoreError>;
    /// [`Contacts::lock_email`] for a national register number.
    async fn lock_national_id(&mut self, national_id: &NationalId) -> Result<(), StoreError>;
    /// The persons with this national register number (there should be at most one; the
    /// oldest first).
    async fn find_persons_by_national_id(
        &mut self,
        national_id: &NationalId,
    ) -> Result<Vec<ContactRecord>, StoreError>;
    /// The persons with this email, the oldest first: one, or more when people sharing an
    /// email were told apart by their national register numbers.
    async fn find_persons_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError>;
    /// [`Contacts::lock_email`] for every email given, in sorted order (so that two
    /// transactions locking the same emails never wait for each other in a circle).
    async fn lock_emails(&mut self, emails: &[Email]) -> Result<(), StoreError> {
        let mut sorted: Vec<&Email> = emails.iter().collect();
        sorted.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        sorted.dedup();
        for email in sorted {
            self.lock_email(email).await?;
        }
        Ok(())
    }
    /// For each of these emails (at most `ROWS_PER_BATCH`) that a person already has, the
    /// email and that person (the oldest, as [`Contacts::find_persons_by_email`] orders them);
    /// in no order.
    async fn persons_of_emails(
        &mut self,
        emails: &[Email],
    ) -> Result<Vec<(Email, ContactId)>, StoreError> {
        let mut found = Vec::new();
        for email in emails {
            if let Some(person) = self.find_persons_by_email(email).await?.first() {
                found.push((email.clone(), person.id));
            }
        }
        Ok(found)
    }
    /// Stores new persons (at most `ROWS_PER_BATCH`, each email once) in one go; their ids in
    /// the order given.
    async fn insert_persons(
        &mut self,
        persons: &[ContactDetails],
        at: OffsetDateTime,
    ) -> Result<Vec<ContactId>, StoreError> {
        let mut ids = Vec::with_capacity(persons.len());
        for person in persons {
            ids.push(self.insert_contact(person, at).await?);
        }
        Ok(ids)
    }
    /// Every contact (person or entity) with this email, oldest first.
    async fn find_contacts_by_email(
        &mut self,
        email: &Email,
    ) -> Result<Vec<ContactRecord>, StoreError>;
    /// The entity with this registration number (compact form), if any.
    async fn find_entity_by_registration(
        &mut self,
        number: &RegistrationNumber,
    ) -> Result<Option<ContactRecord>, StoreError>;
    /// Sets the membership status, member number and date of entry if the contact is still at
    /// `expected_version`; returns the new version, or `Conflict`. `Duplicate("member_number")`
    /// if the number is taken.
    async fn set_membership(
        &mut self,
        id: ContactId,
        expected_version: i64,
        membership: MembershipStatus,
        member_number: Option<u32>,
        member_since: Option<Date>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
    /// Sets each contact's membership (at most `ROWS_PER_BATCH`, each once) if it is still at
    /// its expected version; `Conflict`, and the caller must drop the transaction, unless every
    /// one of them was.
    async fn set_memberships(
        &mut self,
        changes: &[MembershipChange],
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
    /// Replaces the contact's details (name, address, email…; never its kind or membership) if
    /// it is still at `expected_version`; returns the new version, or `Conflict`.
    async fn update_contact_details(
        &mut self,
        id: ContactId,
        expected_version: i64,
        details: &ContactDetails,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
    /// Contacts whose name or email contains `text` (case-insensitive), by name.
    async fn search_contacts(
        &mut self,
        text: &str,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ContactSummary>, StoreError>;
}

/// A link from a person to an entity they represent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentationRecord {
    pub id: RepresentationId,
    pub person: ContactId,
    pub entity: ContactId,
    pub role: String,
    pub since: Date,
    pub until: Option<Date>,
}

#[async_trait]
pub trait Representations {
    async fn insert_representation(
        &mut self,
        person: ContactId,
        entity: ContactId,
        role: &str,
        since: Date,
    ) -> Result<RepresentationId, StoreError>;
    /// The representations a person holds (as representative), current and past.
    async fn representations_of_person(
        &mut self,
        person: ContactId,
    ) -> Result<Vec<RepresentationRecord>, StoreError>;
    /// The representatives of an entity, current and past.
    async fn representatives_of_entity(
        &mut self,
        entity: ContactId,
    ) -> Result<Vec<RepresentationRecord>, StoreError>;
    async fn get_representation(
        &mut self,
        id: RepresentationId,
    ) -> Result<Option<RepresentationRecord>, StoreError>;
    /// Sets the end of a representation that has none; `Conflict` if it already ended.
    async fn end_representation(
        &mut self,
        id: RepresentationId,
        until: Date,
    ) -> Result<(), StoreError>;
}

/// A request to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub channel: Channel,
    /// The holder: the person, or the entity.
    pub contact: ContactId,
    /// For an entity, the person who signed for it.
    pub representative: Option<ContactId>,
    pub share_type: ShareTypeId,
    pub quantity: ShareQuantity,
    /// quantity × nominal value, computed on the server.
    pub amount: Money,
    pub language: Language,
    /// The applicant's data exactly as submitted (JSON), kept unchanged as evidence.
    pub submitted: String,
    /// The consents given, with the version of each text (JSON).
    pub consents: String,
    /// A client's key (API `Idempotency-Key`, or the form's one-time token): the same key
    /// never records a second request.
    pub idempotency_key: Option<String>,
    pub created_at: OffsetDateTime,
}

/// A request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub id: SubscriptionRequestId,
    pub request: NewRequest,
    pub state: RequestState,
    pub hold_reason: Option<String>,
    pub cancel_reason: Option<String>,
    pub updated_at: OffsetDateTime,
    pub version: i64,
}

/// What the back-office list filters on. `None`: any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub state: Option<RequestState>,
    pub channel: Option<Channel>,
    pub share_type: Option<ShareTypeId>,
    /// Created on or after this date (UTC).
    pub from: Option<Date>,
    /// Created on or before this date (UTC).
    pub to: Option<Date>,
    /// In the holder's name or email (case-insensitive).
    pub search: Option<String>,
    /// Only this holder's requests.
    pub contact: Option<ContactId>,
}

/// One row of the back-office list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSummary {
    pub id: SubscriptionRequestId,
    pub state: RequestState,
    pub channel: Channel,
    pub contact: ContactId,
    pub holder_name: String,
    pub holder_email: Email,
    pub share_type_code: String,
    pub quantity: ShareQuantity,
    pub amount: Money,
    pub created_at: OffsetDateTime,
}

#[async_trait]
pub trait Requests {
    /// `Duplicate("idempotency_key")` if a request with the same key exists.
    async fn insert_request(
        &mut self,
        request: &NewRequest,
    ) -> Result<SubscriptionRequestId, StoreError>;
    /// Stores requests (at most `ROWS_PER_BATCH`, each for a different contact) in one go;
    /// their ids in the order given. `Duplicate("idempotency_key")` if one of their keys is
    /// taken; the others may then be stored, so the caller drops the transaction.
    async fn insert_requests(
        &mut self,
        requests: &[NewRequest],
    ) -> Result<Vec<SubscriptionRequestId>, StoreError> {
        let mut ids = Vec::with_capacity(requests.len());
        for request in requests {
            ids.push(self.insert_request(request).await?);
        }
        Ok(ids)
    }
    async fn get_request(
        &mut self,
        id: SubscriptionRequestId,
    ) -> Result<Option<RequestRecord>, StoreError>;
    /// The requests with these ids (at most `ROWS_PER_BATCH`) that exist, in id order.
    async fn get_requests(
        &mut self,
        ids: &[SubscriptionRequestId],
    ) -> Result<Vec<RequestRecord>, StoreError>;
    async fn find_request_by_idempotency_key(
        &mut self,
        key: &str,
    ) -> Result<Option<RequestRecord>, StoreError>;
    /// A page of requests, newest first, and the number matching the filter.
    async fn list_requests(
        &mut self,
        filter: &RequestFilter,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<RequestSummary>, u64), StoreError>;
    /// Shares of `share_type` that `contact` has asked for in requests still alive
    /// (submitted, on hold, validated): counted against the holder's maximum.
    async fn open_requested_quantity(
        &mut self,
        contact: ContactId,
        share_type: ShareTypeId,
    ) -> Result<u32, StoreError>;
    /// [`Requests::open_requested_quantity`] of each pair (at most `ROWS_PER_BATCH`), in the
    /// order given.
    async fn open_requested_quantities(
        &mut self,
        pairs: &[(ContactId, ShareTypeId)],
    ) -> Result<Vec<u32>, StoreError> {
        let mut quantities = Vec::with_capacity(pairs.len());
        for &(contact, share_type) in pairs {
            quantities.push(self.open_requested_quantity(contact, share_type).await?);
        }
        Ok(quantities)
    }
    /// Sets the state (and its reasons) if the request is still at `expected_version`;
    /// returns the new version, or `Conflict`.
    async fn update_request_state(
        &mut self,
        id: SubscriptionRequestId,
        expected_version: i64,
        state: RequestState,
        hold_reason: Option<&str>,
        cancel_reason: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
    /// Moves each request (at most `ROWS_PER_BATCH`, each once) to its state if it is still
    /// at its expected version, clearing the hold and cancel reasons (so never to `on_hold` or
    /// `cancelled`); `Conflict`, and the caller must drop the transaction, unless every one of
    /// them was.
    async fn update_request_states(
        &mut self,
        changes: &[StateChange<SubscriptionRequestId, RequestState>],
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
}
