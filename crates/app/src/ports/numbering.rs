//! Gapless numbering.

use async_trait::async_trait;

use super::StoreError;

/// The gapless sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sequence {
    /// Member numbers, assigned at a contact's first admission; scope 0.
    MemberNumber,
    /// Capital release request numbers, per year (`2026/0001`); scope = the year.
    CapitalCall,
    /// Certificate numbers; scope 0.
    Certificate,
    /// The base of generated payment references; scope 0. Never reused.
    PaymentReference,
}

impl Sequence {
    pub const fn as_str(self) -> &'static str {
        match self {
            Sequence::MemberNumber => "member_number",
            Sequence::CapitalCall => "capital_call",
            Sequence::Certificate => "certificate",
            Sequence::PaymentReference => "payment_reference",
        }
    }
}

#[async_trait]
pub trait Numbering {
    /// The next number of `sequence` within `scope` (a year, or 0), starting at 1. Taken inside
    /// the caller's transaction: a concurrent caller waits, a rollback gives the number back.
    async fn next_number(&mut self, sequence: Sequence, scope: i32) -> Result<u32, StoreError>;
    /// Takes the next `count` numbers (at least one) of `sequence` within `scope` at once, as
    /// [`Numbering::next_number`] would one by one; returns the first (the others follow it).
    async fn next_numbers(
        &mut self,
        sequence: Sequence,
        scope: i32,
        count: u32,
    ) -> Result<u32, StoreError>;
}
