//! Bank statements, their lines, and the payments reconciled with capital calls.
//!
//! A statement line is stored once: its fingerprint (account and bank reference, or its whole
//! content) is unique, so importing the same file twice, or two files that overlap, never
//! creates a line twice. A payment ties an amount to a capital call, with the journal entry
//! that booked it; undoing it posts a reversing entry and marks the payment undone (payments
//! are never deleted).

use async_trait::async_trait;
use coopshares_domain::ids::{
    BankStatementId, CapitalCallId, JournalEntryId, PaymentId, StatementLineId,
};
use coopshares_domain::money::Money;
use coopshares_domain::reconciliation::LineState;
use coopshares_domain::reference::PaymentReference;
use time::{Date, OffsetDateTime};

use super::{CapitalCallRecord, StoreError};

/// An imported file (or a batch of lines typed in by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBankStatement {
    /// SHA-256 of the file, in hex: the same file again is recognised by it.
    pub file_hash: String,
    /// `camt053`, `coda`, `csv` or `manual`.
    pub format: String,
    pub filename: Option<String>,
    pub size_bytes: i64,
    /// Who imported it (`user:3`, `token:2`, `cli`).
    pub imported_by: String,
    pub imported_at: OffsetDateTime,
}

/// A stored statement file with the counts of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankStatementRecord {
    pub id: BankStatementId,
    pub statement: NewBankStatement,
    /// Lines first seen in this file.
    pub lines: i64,
    pub matched: i64,
    pub unmatched: i64,
    pub ignored: i64,
}

/// A movement to store, first seen in `statement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatementLine {
    pub statement: BankStatementId,
    /// Unique over all lines ever imported (see the module documentation).
    pub fingerprint: String,
    /// Position in the file, from 1.
    pub position: i64,
    /// The account the statement is about (compact IBAN), when known.
    pub account: Option<String>,
    pub booking_date: Date,
    pub value_date: Date,
    /// Signed: received money is positive.
    pub amount: Money,
    pub reversal: bool,
    pub counterparty_name: Option<String>,
    pub counterparty_account: Option<String>,
    pub structured_reference: Option<String>,
    pub free_text: String,
    pub bank_reference: Option<String>,
    pub transaction_code: Option<String>,
    pub state: LineState,
    /// Why it is in its state, for a manager (`debit`, `reversal`, a note typed when ignoring).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLineRecord {
    pub id: StatementLineId,
    pub line: NewStatementLine,
    pub version: i64,
}

/// A payment to record on a capital call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub capital_call: CapitalCallId,
    /// The statement line it comes from; none for a payment registered by hand.
    pub line: Option<StatementLineId>,
    pub amount: Money,
    /// The value date: the date the money counts from.
    pub value_date: Date,
    pub note: Option<String>,
    /// The entry that booked it (bank against receivable).
    pub entry: JournalEntryId,
    /// What it paid beyond the amount still due (zero unless an overpayment), flagged for a
    /// manager.
    pub excess: Money,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub id: PaymentId,
    pub payment: NewPayment,
    /// The reversing entry, once undone.
    pub reversal_entry: Option<JournalEntryId>,
    pub undone_at: Option<OffsetDateTime>,
}

impl PaymentRecord {
    pub fn is_active(&self) -> bool {
        self.undone_at.is_none()
    }
}

/// An open call with what the matching needs to know of its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCall {
    pub call: CapitalCallRecord,
    pub holder_name: String,
    /// The holder's IBAN (compact), if known.
    pub holder_account: Option<String>,
}

#[async_trait]
pub trait BankStatements {
    /// `Duplicate("bank_statement_file")` if a file with this hash was imported.
    async fn insert_bank_statement(
        &mut self,
        statement: &NewBankStatement,
    ) -> Result<BankStatementId, StoreError>;
    async fn get_bank_statement(
        &mut self,
        id: BankStatementId,
    ) -> Result<Option<BankStatementRecord>, StoreError>;
    async fn find_bank_statement_by_hash(
        &mut self,
        file_hash: &str,
    ) -> Result<Option<BankStatementRecord>, StoreError>;
    /// The latest imports first.
    async fn list_bank_statements(
        &mut self,
        limit: u32,
    ) -> Result<Vec<BankStatementRecord>, StoreError>;
    /// Stores the line, or returns `None` (writing nothing) if a line with its fingerprint
    /// exists.
    async fn insert_statement_line(
        &mut self,
        line: &NewStatementLine,
    ) -> Result<Option<StatementLineId>, StoreError>;
    /// Stores the lines (at most `ROWS_PER_BATCH`) in one go: for each, in the order given,
    /// its id, or `None` (writing nothing) if a line with its fingerprint exists, stored before
    /// or earlier in the same slice.
    async fn insert_statement_lines(
        &mut self,
        lines: &[NewStatementLine],
    ) -> Result<Vec<Option<StatementLineId>>, StoreError>;
    async fn get_statement_line(
        &mut self,
        id: StatementLineId,
    ) -> Result<Option<StatementLineRecord>, StoreError>;
    /// The lines first seen in a statement, in file order.
    async fn lines_of_statement(
        &mut self,
        statement: BankStatementId,
    ) -> Result<Vec<StatementLineRecord>, StoreError>;
    /// Unmatched lines of every statement, oldest value date first.
    async fn unmatched_lines(&mut self, limit: u32)
    -> Result<Vec<StatementLineRecord>, StoreError>;
    /// Sets the state and note if the line is still at `expected_version`; returns the new
    /// version, or `Conflict`.
    async fn set_statement_line_state(
        &mut self,
        id: StatementLineId,
        expected_version: i64,
        state: LineState,
        note: Option<&str>,
    ) -> Result<i64, StoreError>;
    /// Marks lines just stored (unmatched, at version 1) as matched, at most
    /// `ROWS_PER_BATCH` at once; `Conflict` unless every one of them was.
    async fn mark_new_lines_matched(&mut self, ids: &[StatementLineId]) -> Result<(), StoreError>;
}

#[async_trait]
pub trait Payments {
    async fn insert_payment(&mut self, payment: &NewPayment) -> Result<PaymentId, StoreError>;
    /// Stores the payments (at most `ROWS_PER_BATCH`) in one go; their ids in the order
    /// given.
    async fn insert_payments(
        &mut self,
        payments: &[NewPayment],
    ) -> Result<Vec<PaymentId>, StoreError>;
    async fn get_payment(&mut self, id: PaymentId) -> Result<Option<PaymentRecord>, StoreError>;
    /// In the order they were recorded.
    async fn payments_of_capital_call(
        &mut self,
        call: CapitalCallId,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    async fn payments_of_statement_line(
        &mut self,
        line: StatementLineId,
    ) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Active payments whose excess is more than zero, oldest first.
    async fn overpayments(&mut self) -> Result<Vec<PaymentRecord>, StoreError>;
    /// Marks an active payment undone by `reversal_entry`; `Conflict` if it already is.
    async fn mark_payment_undone(
        &mut self,
        id: PaymentId,
        reversal_entry: JournalEntryId,
        at: OffsetDateTime,
    ) -> Result<(), StoreError>;
    /// The open calls with their holder's name and IBAN, oldest first.
    async fn open_calls(&mut self) -> Result<Vec<OpenCall>, StoreError>;
    /// The open calls with any of these references (at most `ROWS_PER_BATCH`), in
    /// no particular order: a statement import looks its references up a batch at a time.
    async fn open_calls_by_references(
        &mut self,
        references: &[PaymentReference],
    ) -> Result<Vec<CapitalCallRecord>, StoreError>;
}
