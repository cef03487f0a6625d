//! The share register: append-only movements. The store offers no way to change or delete
//! one; a correction is a new movement.

use async_trait::async_trait;
use coopshares_domain::ids::{CapitalCallId, ContactId, RegisterMovementId, ShareTypeId};
use coopshares_domain::register::RegisterMovement;
use time::{Date, OffsetDateTime};

use super::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegisterMovement {
    pub movement: RegisterMovement,
    /// The capital call whose payment issued the shares, for an issue.
    pub capital_call: Option<CapitalCallId>,
    pub recorded_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterMovementRecord {
    pub id: RegisterMovementId,
    pub movement: NewRegisterMovement,
}

#[async_trait]
pub trait Register {
    async fn append_register_movement(
        &mut self,
        movement: &NewRegisterMovement,
    ) -> Result<RegisterMovementId, StoreError>;
    /// Appends the movements (at most `ROWS_PER_BATCH`) in one go, in the order given; their
    /// ids in that order.
    async fn append_register_movements(
        &mut self,
        movements: &[NewRegisterMovement],
    ) -> Result<Vec<RegisterMovementId>, StoreError>;
    /// Every movement where the contact is the holder or the counterparty, in register order
    /// (date, then recording order).
    async fn register_movements_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<RegisterMovementRecord>, StoreError>;
    /// The next `limit` contacts, by id after `after`, that are the holder or the counterparty
    /// of a movement dated `until` or earlier: how the register is read page by page.
    async fn register_contacts_after(
        &mut self,
        after: Option<ContactId>,
        until: Date,
        limit: u32,
    ) -> Result<Vec<ContactId>, StoreError>;
    /// The movements dated `until` or earlier where one of `contacts` is the holder or the
    /// counterparty, in register order (date, then recording order).
    async fn register_movements_of_contacts(
        &mut self,
        contacts: &[ContactId],
        until: Date,
    ) -> Result<Vec<RegisterMovementRecord>, StoreError>;
    /// Shares in the register on `until`, per share type (issued and converted to, minus
    /// redeemed and converted from; transfers change no total). Types with none are left out.
    async fn register_totals(&mut self, until: Date)
    -> Result<Vec<(ShareTypeId, i64)>, StoreError>;
}
