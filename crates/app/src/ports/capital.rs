//! Capital release requests (capital calls) and the ledger.
//!
//! A capital call is created when a request is validated: one per request, ever (the store
//! enforces it, so two validations at the same moment cannot both succeed). Journal entries are
//! append-only: the store offers no way to change or delete one; a correction is a reversing
//! entry.

use async_trait::async_trait;
use coopshares_domain::capital_call::{CapitalCallNumber, CapitalCallState};
use coopshares_domain::ids::{
    CapitalCallId, ContactId, JournalEntryId, ShareTypeId, SubscriptionRequestId,
};
use coopshares_domain::ledger::{AccountCode, JournalEntry};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::quantity::ShareQuantity;
use coopshares_domain::reference::PaymentReference;
use time::{Date, OffsetDateTime};

use super::{StateChange, StoreError};

/// A capital call to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCapitalCall {
    pub number: CapitalCallNumber,
    pub request: SubscriptionRequestId,
    /// The holder who owes the amount.
    pub contact: ContactId,
    pub share_type: ShareTypeId,
    pub quantity: ShareQuantity,
    /// quantity × nominal value.
    pub amount: Money,
    pub reference: PaymentReference,
    pub issue_date: Date,
    pub due_date: Date,
    pub created_at: OffsetDateTime,
}

/// A capital call as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapitalCallRecord {
    pub id: CapitalCallId,
    pub call: NewCapitalCall,
    pub state: CapitalCallState,
    pub cancel_reason: Option<String>,
    /// What has been paid on it: its payment entries minus their reversals, in the call's
    /// currency (zero until payments are recorded).
    pub amount_paid: Money,
    pub updated_at: OffsetDateTime,
    pub version: i64,
}

#[async_trait]
pub trait CapitalCalls {
    /// `Duplicate("capital_call_request")` if the request already has a call,
    /// `Duplicate("capital_call_number")` or `Duplicate("payment_reference")` if taken.
    async fn insert_capital_call(
        &mut self,
        call: &NewCapitalCall,
    ) -> Result<CapitalCallId, StoreError>;
    async fn get_capital_call(
        &mut self,
        id: CapitalCallId,
    ) -> Result<Option<CapitalCallRecord>, StoreError>;
    async fn find_capital_call_by_request(
        &mut self,
        request: SubscriptionRequestId,
    ) -> Result<Option<CapitalCallRecord>, StoreError>;
    async fn find_capital_call_by_reference(
        &mut self,
        reference: &PaymentReference,
    ) -> Result<Option<CapitalCallRecord>, StoreError>;
    /// The calls owed by a contact, newest first.
    async fn capital_calls_of_contact(
        &mut self,
        contact: ContactId,
    ) -> Result<Vec<CapitalCallRecord>, StoreError>;
    /// Moves each call (at most `ROWS_PER_BATCH`, each once) to its state if it is still at
    /// its expected version, clearing any cancel reason (so never to `cancelled`: a database
    /// check refuses that); `Conflict`, and the caller must drop the transaction, unless every
    /// one of them was.
    async fn update_capital_call_states(
        &mut self,
        changes: &[StateChange<CapitalCallId, CapitalCallState>],
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
    /// Sets the state (and the cancel reason, only for `cancelled`) if the call is still at
    /// `expected_version`; returns the new version, or `Conflict`.
    async fn update_capital_call_state(
        &mut self,
        id: CapitalCallId,
        expected_version: i64,
        state: CapitalCallState,
        cancel_reason: Option<&str>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
}

/// Why an entry was posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A capital call: the member's receivable against subscribed capital.
    CapitalCall,
    /// The reversal of a cancelled call's entry.
    CapitalCallCancellation,
    /// A payment received on a call: bank against the receivable.
    Payment,
    /// The reversal of a payment entry (a reconciliation undone).
    PaymentReversal,
}

impl EntryKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            EntryKind::CapitalCall => "capital_call",
            EntryKind::CapitalCallCancellation => "capital_call_cancellation",
            EntryKind::Payment => "payment",
            EntryKind::PaymentReversal => "payment_reversal",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        [
            EntryKind::CapitalCall,
            EntryKind::CapitalCallCancellation,
            EntryKind::Payment,
            EntryKind::PaymentReversal,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == input)
    }
}

/// A journal entry to post, with what it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJournalEntry {
    pub entry: JournalEntry,
    pub kind: EntryKind,
    pub capital_call: Option<CapitalCallId>,
    pub contact: Option<ContactId>,
    /// For a reversal, the entry it reverses (each entry is reversed at most once:
    /// `Duplicate("journal_entry_reversal")`).
    pub reverses: Option<JournalEntryId>,
    pub created_at: OffsetDateTime,
}

/// A posted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntryRecord {
    pub id: JournalEntryId,
    pub posted: NewJournalEntry,
}

/// The balance of one account in one currency: debits minus credits, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountBalance {
    pub account: AccountCode,
    pub currency: Currency,
    pub debit_minus_credit: i64,
}

#[async_trait]
pub trait Ledger {
    async fn post_journal_entry(
        &mut self,
        entry: &NewJournalEntry,
    ) -> Result<JournalEntryId, StoreError>;
    /// Posts the entries (at most `ROWS_PER_BATCH`) in one go; their ids in the order given.
    async fn post_journal_entries(
        &mut self,
        entries: &[NewJournalEntry],
    ) -> Result<Vec<JournalEntryId>, StoreError>;
    /// The entries about a capital call, in posting order.
    async fn journal_entries_of_capital_call(
        &mut self,
        call: CapitalCallId,
    ) -> Result<Vec<JournalEntryRecord>, StoreError>;
    /// Every account's balance from the entries dated on or before `as_of` (all when `None`),
    /// by account code.
    async fn account_balances(
        &mut self,
        as_of: Option<Date>,
    ) -> Result<Vec<AccountBalance>, StoreError>;
}
