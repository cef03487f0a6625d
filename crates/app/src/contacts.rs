//! A contact with what its page and the API show: membership, the entities a person represents
//! (or an entity's representatives), requests and capital release requests.

use std::collections::BTreeSet;

use coopshares_domain::contact::ContactDetails;
use coopshares_domain::email::Email;
use coopshares_domain::ids::{ContactId, ShareTypeId};
use coopshares_domain::money::Money;
use coopshares_domain::register::RegisterMovement;
use coopshares_domain::representation::active_on;
use time::Date;

use crate::error::AppError;
use crate::ports::{
    CapitalCallRecord, ContactRecord, RepresentationRecord, RequestFilter, RequestSummary,
    ShareTypeRecord, Store, StoreTx,
};

/// Shares of one type the contact holds, from the register.
#[derive(Debug, Clone)]
pub struct HoldingView {
    pub share_type: ShareTypeRecord,
    pub quantity: u64,
    /// quantity × nominal value.
    pub value: Money,
    /// The date of the first movement that gave the contact shares of this type.
    pub since: Date,
}

/// A link to another contact, with that contact's name.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub representation: RepresentationRecord,
    /// The other side: the entity for a person's page, the person for an entity's page.
    pub other: ContactId,
    pub other_name: String,
}

#[derive(Debug, Clone)]
pub struct ContactView {
    pub contact: ContactRecord,
    pub links: Vec<LinkView>,
    /// The contact's requests as holder, newest first (at most [`RECENT`]).
    pub requests: Vec<RequestSummary>,
    /// The capital release requests the contact owes, newest first.
    pub calls: Vec<CapitalCallRecord>,
    /// What the contact holds today, by share type.
    pub holdings: Vec<HoldingView>,
}

impl ContactView {
    /// The links in force on `date` (the entities a person acts for, or an entity's
    /// representatives, today).
    pub fn current_links(&self, date: Date) -> impl Iterator<Item = &LinkView> {
        self.links.iter().filter(move |link| {
            active_on(link.representation.since, link.representation.until, date)
        })
    }
}

/// How many requests a contact's page lists.
pub const RECENT: u32 = 100;

async fn links(tx: &mut dyn StoreTx, contact: &ContactRecord) -> Result<Vec<LinkView>, AppError> {
    let person = matches!(contact.details, ContactDetails::Person(_));
    let records = if person {
        tx.representations_of_person(contact.id).await?
    } else {
        tx.representatives_of_entity(contact.id).await?
    };
    let mut links = Vec::with_capacity(records.len());
    for representation in records {
        let other = if person {
            representation.entity
        } else {
            representation.person
        };
        let other_name = tx
            .get_contact(other)
            .await?
            .map_or_else(|| other.to_string(), |c| c.details.display_name());
        links.push(LinkView {
            representation,
            other,
            other_name,
        });
    }
    Ok(links)
}

async fn view_in(tx: &mut dyn StoreTx, contact: ContactRecord) -> Result<ContactView, AppError> {
    let links = links(tx, &contact).await?;
    let filter = RequestFilter {
        contact: Some(contact.id),
        ..RequestFilter::default()
    };
    let (requests, _) = tx.list_requests(&filter, RECENT, 0).await?;
    let calls = tx.capital_calls_of_contact(contact.id).await?;
    let holdings = holdings_in(tx, contact.id).await?;
    Ok(ContactView {
        contact,
        links,
        requests,
        calls,
        holdings,
    })
}

/// The contact's holdings, summed from the register movements that concern it. A replay of
/// those movements alone ([`coopshares_domain::register::Holdings`]) would refuse a transfer
/// received, whose giver's earlier movements are not among them; what one movement gives to
/// or takes from this contact needs nobody else's.
pub(crate) async fn holdings_in(
    tx: &mut dyn StoreTx,
    contact: ContactId,
) -> Result<Vec<HoldingView>, AppError> {
    let records = tx.register_movements_of_contact(contact).await?;
    let movements: Vec<&RegisterMovement> = records.iter().map(|r| &r.movement.movement).collect();
    let share_types: BTreeSet<ShareTypeId> = movements
        .iter()
        .flat_map(|m| {
            [
                Some(m.share_type()),
                m.converted_from().map(|c| c.share_type),
            ]
        })
        .flatten()
        .collect();
    let mut views = Vec::new();
    for share_type_id in share_types {
        let quantity = RegisterMovement::held_by(movements.iter().copied(), contact, share_type_id);
        if quantity == 0 {
            continue;
        }
        let share_type = tx
            .get_share_type(share_type_id)
            .await?
            .ok_or_else(|| AppError::invariant(format!("share type {share_type_id} vanished")))?;
        let value = u32::try_from(quantity)
            .ok()
            .and_then(|q| share_type.share_type.nominal_value().checked_mul(q).ok())
            .ok_or_else(|| AppError::invariant("holding value overflows"))?;
        let since = movements
            .iter()
            .filter(|m| m.change_for(contact, share_type_id) > 0)
            .map(|m| m.date())
            .min()
            .unwrap_or(Date::MIN);
        views.push(HoldingView {
            share_type,
            quantity,
            value,
            since,
        });
    }
    Ok(views)
}

pub async fn view(store: &dyn Store, id: ContactId) -> Result<ContactView, AppError> {
    let mut tx = store.begin_read().await?;
    let contact = tx
        .get_contact(id)
        .await?
        .ok_or(AppError::NotFound { what: "contact" })?;
    view_in(tx.as_mut(), contact).await
}

/// The one person behind an email (a person and the entities sharing their address are
/// different contacts; the person is the one an email identifies). `NotFound` when no person
/// has it.
pub async fn person_by_email(store: &dyn Store, email: &str) -> Result<ContactView, AppError> {
    let email = Email::parse(email)
        .map_err(|e| AppError::field("email", "invalid_email", e.to_string()))?;
    let mut tx = store.begin_read().await?;
    let person = tx
        .find_persons_by_email(&email)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound { what: "contact" })?;
    view_in(tx.as_mut(), person).await
}
