//! What every statement parser produces: statements of one bank account, each with its
//! balances and its lines, in the order of the file. Amounts are signed (a credit is positive,
//! a debit negative) and exact (integer minor units).

use std::fmt;

use coopshares_domain::money::{Currency, Money, MoneyError};
use time::Date;

/// The formats Coopshares reads, recognised from the content of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementFormat {
    /// ISO 20022 camt.053 (Bank-to-Customer Statement), versions 001.02 to 001.08.
    Camt053,
    /// The Belgian "coded statement of account" of Febelfin (version 2).
    Coda,
    /// A bank's CSV export, read with a column mapping saved for the account.
    Csv,
}

impl StatementFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementFormat::Camt053 => "camt053",
            StatementFormat::Coda => "coda",
            StatementFormat::Csv => "csv",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "camt053" => Some(StatementFormat::Camt053),
            "coda" => Some(StatementFormat::Coda),
            "csv" => Some(StatementFormat::Csv),
            _ => None,
        }
    }
}

impl fmt::Display for StatementFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A balance of the account at the end of `date` (signed: negative when overdrawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Balance {
    pub amount: Money,
    pub date: Date,
}

/// One movement on the account, as the bank reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// The date the bank booked the movement.
    pub booking_date: Date,
    /// The date the money counts from (the booking date when the file gives none).
    pub value_date: Date,
    /// Signed: money received is positive, money paid out negative.
    pub amount: Money,
    /// The bank reverses (cancels) an earlier movement; never a payment, whatever its sign.
    pub reversal: bool,
    pub counterparty_name: Option<String>,
    /// The counterparty's account: a compact IBAN when it is one, else as the file gives it.
    pub counterparty_account: Option<String>,
    /// A structured creditor reference exactly as the file gives it (camt
    /// `Strd/CdtrRefInf/Ref`; CODA communication type 101: its 12 digits; CSV: a mapped
    /// column). Not checked here: the matching decides what it is worth.
    pub structured_reference: Option<String>,
    /// Free text (unstructured remittance information, additional entry information),
    /// lines joined with a space. Payers often type a reference here.
    pub free_text: String,
    /// The bank's own reference for the movement (camt `AcctSvcrRef`, CODA bank reference),
    /// stable across files: used, with the account, to import a movement only once.
    pub bank_reference: Option<String>,
    /// The bank's transaction code (camt `BkTxCd` Domn/Fmly/SubFmly as `PMNT/RCDT/ESCT`, or
    /// proprietary; CODA the 8-digit code), when given.
    pub transaction_code: Option<String>,
}

impl StatementLine {
    pub fn is_credit(&self) -> bool {
        self.amount.is_positive()
    }
}

/// One statement of one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The account the statement is about: a compact IBAN when the file gives one, else the
    /// bank's account identifier (a CSV file gives none: the importer supplies it).
    pub account: Option<String>,
    pub currency: Currency,
    /// The statement's identification in the file (camt `Stmt/Id`; CODA the statement
    /// number), when there is one.
    pub identification: Option<String>,
    pub opening_balance: Option<Balance>,
    pub closing_balance: Option<Balance>,
    pub lines: Vec<StatementLine>,
}

/// The opening balance plus the lines is not the closing balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BalanceMismatch {
    pub opening: Money,
    pub lines: Money,
    pub expected_closing: Money,
    pub closing: Money,
    /// `closing − (opening + lines)`.
    pub difference: Money,
}

impl fmt::Display for BalanceMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "opening balance {} plus the lines {} makes {}, but the closing balance is {} (difference {})",
            self.opening, self.lines, self.expected_closing, self.closing, self.difference
        )
    }
}

impl Statement {
    /// The sum of the lines (signed).
    pub fn total(&self) -> Result<Money, MoneyError> {
        Money::checked_sum(self.currency, self.lines.iter().map(|line| line.amount))
    }

    /// Checks that opening + lines = closing, when the statement gives both balances.
    pub fn check_balances(&self) -> Result<(), BalanceCheckError> {
        let (Some(opening), Some(closing)) = (self.opening_balance, self.closing_balance) else {
            return Ok(());
        };
        let lines = self.total()?;
        let expected_closing = opening.amount.checked_add(lines)?;
        if expected_closing == closing.amount {
            return Ok(());
        }
        Err(BalanceCheckError::Mismatch(BalanceMismatch {
            opening: opening.amount,
            lines,
            expected_closing,
            closing: closing.amount,
            difference: closing.amount.checked_sub(expected_closing)?,
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BalanceCheckError {
    #[error("{0}")]
    Mismatch(BalanceMismatch),
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// What a parser read from one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub format: StatementFormat,
    pub statements: Vec<Statement>,
}

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole (empty, unknown format, not text…).
    File,
    /// A line of a text file (CODA, CSV), 1-based; the column (1-based) when known.
    Line { line: usize, column: Option<usize> },
    /// An XML element, as its path from the root (`Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt`),
    /// with the 1-based line of the file where it starts.
    Element { path: String, line: usize },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File => f.write_str("file"),
            Location::Line { line, column: None } => write!(f, "line {line}"),
            Location::Line {
                line,
                column: Some(column),
            } => write!(f, "line {line}, column {column}"),
            Location::Element { path, line } => write!(f, "element {path} (line {line})"),
        }
    }
}

/// A file refused whole: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {reason}")]
pub struct ParseError {
    pub location: Location,
    /// A short English sentence saying what is wrong and what was expected.
    pub reason: String,
}

impl ParseError {
    pub fn new(location: Location, reason: impl Into<String>) -> Self {
        Self {
            location,
            reason: reason.into(),
        }
    }

    pub fn at_line(line: usize, column: Option<usize>, reason: impl Into<String>) -> Self {
        Self::new(Location::Line { line, column }, reason)
    }
}
