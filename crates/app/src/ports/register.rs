//! The share register: append-only movements. The store offers no way to change or delete
//! one; a correction is a new movement.

use async_trait::async_trait;
use coopshares_domain::ids::{CapitalCallId, ContactId, RegisterMovementId};
use coopshares_domain::register::RegisterMovement;
use time::OffsetDateTime;

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
    /// Every movement where the contact is the holder or the counterparty, in register order
    /// (date, then recording order).
    async fn register_movements_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<RegisterMovementRecord>, StoreError>;
}
