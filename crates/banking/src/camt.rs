//! ISO 20022 camt.053 (Bank-to-Customer Statement), versions 001.02 to 001.08.
//!
//! The file is read as a stream of XML events, without building a tree. Element names are
//! compared without their namespace prefix, and the namespace itself is not checked, so every
//! version from 001.02 to 001.08 is read by the same code. The parser keeps a stack of the open
//! elements (their local names, the byte position where each starts, and the index of `Stmt`,
//! `Ntry` and `TxDtls` elements) so that an error can say exactly where it is: lines are only
//! counted when there is an error. It gathers the fields of the
//! current statement, entry and transaction detail, and turns an entry into statement lines when
//! the entry closes.
//!
//! Only booked entries (`Sts` = `BOOK`) become lines: pending and information-only entries are
//! not in the balances. The balances are read and kept, but not checked against the lines: that
//! is `Statement::check_balances`.

use coopshares_domain::money::{Currency, Money, MoneyError};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use time::{Date, Month};

use crate::statement::{
    Balance, Location, ParseError, ParsedFile, Statement, StatementFormat, StatementLine,
};

/// The reason given for a file whose root is not `Document/BkToCstmrStmt`.
const NOT_A_STATEMENT: &str = "not a camt.053 bank-to-customer statement";

/// Parses a camt.053 file.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ParseError> {
    let input = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let statements = Parser::new(input).run()?;
    Ok(ParsedFile {
        format: StatementFormat::Camt053,
        statements,
    })
}

// ---------------------------------------------------------------------------------------------
// Element names and the fields read from them
// ---------------------------------------------------------------------------------------------

/// The element names the parser looks at; every other name is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Document,
    BkToCstmrStmt,
    Stmt,
    Ntry,
    NtryDtls,
    TxDtls,
    Id,
    Acct,
    Iban,
    Othr,
    Ccy,
    Bal,
    Tp,
    CdOrPrtry,
    Cd,
    Amt,
    CdtDbtInd,
    Dt,
    DtTm,
    RvslInd,
    Sts,
    BookgDt,
    ValDt,
    AcctSvcrRef,
    BkTxCd,
    Domn,
    Fmly,
    SubFmlyCd,
    Prtry,
    AddtlNtryInf,
    Refs,
    AmtDtls,
    TxAmt,
    RltdPties,
    Dbtr,
    Cdtr,
    DbtrAcct,
    CdtrAcct,
    Pty,
    Nm,
    RmtInf,
    Ustrd,
    Strd,
    CdtrRefInf,
    Ref,
    AddtlTxInf,
    Other,
}

impl Tag {
    fn from_local_name(name: &[u8]) -> Tag {
        match name {
            b"Document" => Tag::Document,
            b"BkToCstmrStmt" => Tag::BkToCstmrStmt,
            b"Stmt" => Tag::Stmt,
            b"Ntry" => Tag::Ntry,
            b"NtryDtls" => Tag::NtryDtls,
            b"TxDtls" => Tag::TxDtls,
            b"Id" => Tag::Id,
            b"Acct" => Tag::Acct,
            b"IBAN" => Tag::Iban,
            b"Othr" => Tag::Othr,
            b"Ccy" => Tag::Ccy,
            b"Bal" => Tag::Bal,
            b"Tp" => Tag::Tp,
            b"CdOrPrtry" => Tag::CdOrPrtry,
            b"Cd" => Tag::Cd,
            b"Amt" => Tag::Amt,
            b"CdtDbtInd" => Tag::CdtDbtInd,
            b"Dt" => Tag::Dt,
            b"DtTm" => Tag::DtTm,
            b"RvslInd" => Tag::RvslInd,
            b"Sts" => Tag::Sts,
            b"BookgDt" => Tag::BookgDt,
            b"ValDt" => Tag::ValDt,
            b"AcctSvcrRef" => Tag::AcctSvcrRef,
            b"BkTxCd" => Tag::BkTxCd,
            b"Domn" => Tag::Domn,
            b"Fmly" => Tag::Fmly,
            b"SubFmlyCd" => Tag::SubFmlyCd,
            b"Prtry" => Tag::Prtry,
            b"AddtlNtryInf" => Tag::AddtlNtryInf,
            b"Refs" => Tag::Refs,
            b"AmtDtls" => Tag::AmtDtls,
            b"TxAmt" => Tag::TxAmt,
            b"RltdPties" => Tag::RltdPties,
            b"Dbtr" => Tag::Dbtr,
            b"Cdtr" => Tag::Cdtr,
            b"DbtrAcct" => Tag::DbtrAcct,
            b"CdtrAcct" => Tag::CdtrAcct,
            b"Pty" => Tag::Pty,
            b"Nm" => Tag::Nm,
            b"RmtInf" => Tag::RmtInf,
            b"Ustrd" => Tag::Ustrd,
            b"Strd" => Tag::Strd,
            b"CdtrRefInf" => Tag::CdtrRefInf,
            b"Ref" => Tag::Ref,
            b"AddtlTxInf" => Tag::AddtlTxInf,
            _ => Tag::Other,
        }
    }
}

/// Which party of a transaction detail an element is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    Debtor,
    Creditor,
}

/// How an account is identified: by an IBAN (made compact) or by another identifier (kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AccountKind {
    Iban,
    Other,
}

/// A value the parser reads: the text of the element is kept until the element closes, then
/// stored in the current statement, balance, entry or transaction detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    StatementId,
    Account(AccountKind),
    AccountCurrency,
    BalanceCode,
    BalanceAmount,
    BalanceDirection,
    BalanceDate,
    EntryAmount,
    EntryDirection,
    EntryReversal,
    EntryStatus,
    BookingDate,
    ValueDate,
    EntryBankReference,
    DomainCode,
    FamilyCode,
    SubFamilyCode,
    ProprietaryCode,
    EntryInfo,
    DetailBankReference,
    /// `AmtDtls/TxAmt/Amt`, preferred over `Amt`.
    DetailTransactionAmount,
    /// `TxDtls/Amt` (from version 001.04).
    DetailAmount,
    DetailDirection,
    PartyName(Party),
    PartyAccount(Party, AccountKind),
    Unstructured,
    CreditorReference,
    DetailInfo,
}

impl Field {
    /// True for the fields whose element carries a `Ccy` attribute.
    fn is_amount(self) -> bool {
        matches!(
            self,
            Field::BalanceAmount
                | Field::EntryAmount
                | Field::DetailTransactionAmount
                | Field::DetailAmount
        )
    }
}

/// The field a statement's child element holds, from its path below `Stmt`.
fn statement_field(path: &[Tag], balance: &BalanceState) -> Option<Field> {
    match path {
        [Tag::Id] => Some(Field::StatementId),
        [Tag::Acct, Tag::Id, Tag::Iban] => Some(Field::Account(AccountKind::Iban)),
        [Tag::Acct, Tag::Id, Tag::Othr, Tag::Id] => Some(Field::Account(AccountKind::Other)),
        [Tag::Acct, Tag::Ccy] => Some(Field::AccountCurrency),
        [Tag::Bal, Tag::Tp, Tag::CdOrPrtry, Tag::Cd] => Some(Field::BalanceCode),
        // The other balance types are not read at all, not even their amounts.
        [Tag::Bal, rest @ ..] if balance.kind.is_some() => match rest {
            [Tag::Amt] => Some(Field::BalanceAmount),
            [Tag::CdtDbtInd] => Some(Field::BalanceDirection),
            [Tag::Dt, Tag::Dt | Tag::DtTm] => Some(Field::BalanceDate),
            _ => None,
        },
        _ => None,
    }
}

/// The field an entry's child element holds, from its path below `Ntry`.
fn entry_field(path: &[Tag]) -> Option<Field> {
    match path {
        [Tag::Amt] => Some(Field::EntryAmount),
        [Tag::CdtDbtInd] => Some(Field::EntryDirection),
        [Tag::RvslInd] => Some(Field::EntryReversal),
        // `Sts` holds the code up to version 001.07, `Sts/Cd` (or `Sts/Prtry`) from 001.08.
        [Tag::Sts] | [Tag::Sts, Tag::Cd | Tag::Prtry] => Some(Field::EntryStatus),
        [Tag::BookgDt, Tag::Dt | Tag::DtTm] => Some(Field::BookingDate),
        [Tag::ValDt, Tag::Dt | Tag::DtTm] => Some(Field::ValueDate),
        [Tag::AcctSvcrRef] => Some(Field::EntryBankReference),
        [Tag::BkTxCd, Tag::Domn, Tag::Cd] => Some(Field::DomainCode),
        [Tag::BkTxCd, Tag::Domn, Tag::Fmly, Tag::Cd] => Some(Field::FamilyCode),
        [Tag::BkTxCd, Tag::Domn, Tag::Fmly, Tag::SubFmlyCd] => Some(Field::SubFamilyCode),
        [Tag::BkTxCd, Tag::Prtry, Tag::Cd] => Some(Field::ProprietaryCode),
        [Tag::AddtlNtryInf] => Some(Field::EntryInfo),
        _ => None,
    }
}

/// The field a transaction detail's child element holds, from its path below `TxDtls`.
fn detail_field(path: &[Tag]) -> Option<Field> {
    match path {
        [Tag::Refs, Tag::AcctSvcrRef] => Some(Field::DetailBankReference),
        [Tag::AmtDtls, Tag::TxAmt, Tag::Amt] => Some(Field::DetailTransactionAmount),
        [Tag::Amt] => Some(Field::DetailAmount),
        [Tag::CdtDbtInd] => Some(Field::DetailDirection),
        [Tag::RltdPties, party, rest @ ..] => {
            let (party, is_account) = match party {
                Tag::Dbtr => (Party::Debtor, false),
                Tag::Cdtr => (Party::Creditor, false),
                Tag::DbtrAcct => (Party::Debtor, true),
                Tag::CdtrAcct => (Party::Creditor, true),
                _ => return None,
            };
            match (is_account, rest) {
                // `Dbtr/Nm` up to version 001.07, `Dbtr/Pty/Nm` from 001.08.
                (false, [Tag::Nm] | [Tag::Pty, Tag::Nm]) => Some(Field::PartyName(party)),
                (true, [Tag::Id, Tag::Iban]) => Some(Field::PartyAccount(party, AccountKind::Iban)),
                (true, [Tag::Id, Tag::Othr, Tag::Id]) => {
                    Some(Field::PartyAccount(party, AccountKind::Other))
                }
                _ => None,
            }
        }
        [Tag::RmtInf, Tag::Ustrd] => Some(Field::Unstructured),
        [Tag::RmtInf, Tag::Strd, Tag::CdtrRefInf, Tag::Ref] => Some(Field::CreditorReference),
        [Tag::AddtlTxInf] => Some(Field::DetailInfo),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The stack of open elements
// ---------------------------------------------------------------------------------------------

/// One open element.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Where the element's local name ends in `ElementStack::names`.
    name_end: usize,
    /// The byte position in the file where the element starts (its `<`).
    position: u64,
    /// The 1-based index of a `Stmt`, `Ntry` or `TxDtls` element among its kind; 0 for others.
    index: usize,
    /// The field the element's text holds, if the parser reads it.
    field: Option<Field>,
}

/// The open elements, from the root to the innermost. The local names are stored one after
/// the other in a single buffer, so opening an element does not allocate once the buffers
/// have grown to the depth of the file. Names are only turned into text for an error.
#[derive(Debug, Default)]
struct ElementStack {
    names: Vec<u8>,
    frames: Vec<Frame>,
    tags: Vec<Tag>,
}

impl ElementStack {
    fn depth(&self) -> usize {
        self.frames.len()
    }

    fn push(&mut self, name: &[u8], tag: Tag, position: u64) {
        self.names.extend_from_slice(name);
        self.frames.push(Frame {
            name_end: self.names.len(),
            position,
            index: 0,
            field: None,
        });
        self.tags.push(tag);
    }

    fn pop(&mut self) {
        self.frames.pop();
        self.tags.pop();
        let end = self.frames.last().map_or(0, |frame| frame.name_end);
        self.names.truncate(end);
    }

    fn top(&self) -> Option<&Frame> {
        self.frames.last()
    }

    fn top_mut(&mut self) -> Option<&mut Frame> {
        self.frames.last_mut()
    }

    /// The local name of the innermost open element.
    fn top_name(&self) -> std::borrow::Cow<'_, str> {
        let start = match self.frames.len() {
            0 | 1 => 0,
            len => self.frames.get(len - 2).map_or(0, |frame| frame.name_end),
        };
        String::from_utf8_lossy(self.names.get(start..).unwrap_or_default())
    }

    /// The names of the elements below the element at `depth` (0 is the root), down to the
    /// innermost one.
    fn tags_below(&self, depth: usize) -> &[Tag] {
        self.tags.get(depth + 1..).unwrap_or_default()
    }

    /// Where the innermost open element is, for an error.
    fn location(&self, input: &[u8]) -> Location {
        self.location_at(self.depth().saturating_sub(1), input)
    }

    /// Where the element at `depth` (0 is the root) is, for an error: its path from the root,
    /// such as `Document/BkToCstmrStmt/Stmt[2]/Ntry[5]/Amt`, and the line of `input` where it
    /// starts.
    fn location_at(&self, depth: usize, input: &[u8]) -> Location {
        let mut path = String::new();
        let mut start = 0;
        for frame in self.frames.iter().take(depth + 1) {
            if !path.is_empty() {
                path.push('/');
            }
            let name = self.names.get(start..frame.name_end).unwrap_or_default();
            path.push_str(&String::from_utf8_lossy(name));
            if frame.index > 0 {
                path.push_str(&format!("[{}]", frame.index));
            }
            start = frame.name_end;
        }
        let position = self.frames.get(depth).map_or(0, |frame| frame.position);
        Location::Element {
            path,
            line: line_number(input, position),
        }
    }
}

/// The 1-based line of the byte at `position` in `input`. Only called to locate an error, so
/// the parser does not count lines while it reads.
fn line_number(input: &[u8], position: u64) -> usize {
    let position = usize::try_from(position)
        .unwrap_or(usize::MAX)
        .min(input.len());
    let before = input.get(..position).unwrap_or_default();
    1 + before.iter().filter(|byte| **byte == b'\n').count()
}

// ---------------------------------------------------------------------------------------------
// What is gathered while reading
// ---------------------------------------------------------------------------------------------

/// Credit (money in) or debit (money out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Credit,
    Debit,
}

impl Direction {
    /// Gives `amount` (positive in the file) the sign of the direction.
    fn sign(self, amount: Money) -> Result<Money, MoneyError> {
        match self {
            Direction::Credit => Ok(amount),
            Direction::Debit => amount.checked_neg(),
        }
    }

    fn opposite(self) -> Direction {
        match self {
            Direction::Credit => Direction::Debit,
            Direction::Debit => Direction::Credit,
        }
    }
}

/// The balance types the parser keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BalanceKind {
    /// `OPBD`, the opening booked balance.
    Opening,
    /// `PRCD`, the previous closing booked balance: the opening balance when there is no `OPBD`.
    PreviousClosing,
    /// `CLBD`, the closing booked balance.
    Closing,
}

/// The balance being read (`Stmt/Bal`).
#[derive(Debug, Default)]
struct BalanceState {
    /// None until the type is read, and for the types the parser does not keep.
    kind: Option<BalanceKind>,
    amount: Option<Money>,
    direction: Option<Direction>,
    date: Option<Date>,
}

/// The statement being read (`Stmt`).
#[derive(Debug, Default)]
struct StatementState {
    identification: Option<String>,
    account: Option<String>,
    currency: Option<Currency>,
    opening: Option<Balance>,
    previous_closing: Option<Balance>,
    closing: Option<Balance>,
    lines: Vec<StatementLine>,
    entry_count: usize,
    balance: BalanceState,
}

/// The entry being read (`Ntry`).
#[derive(Debug, Default)]
struct EntryState {
    amount: Option<Money>,
    direction: Option<Direction>,
    reversal: bool,
    /// None when the file gives no status.
    booked: Option<bool>,
    booking_date: Option<Date>,
    value_date: Option<Date>,
    bank_reference: Option<String>,
    domain_code: Option<String>,
    family_code: Option<String>,
    sub_family_code: Option<String>,
    proprietary_code: Option<String>,
    info: String,
    details: Vec<DetailState>,
}

/// One party of a transaction detail.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct PartyState {
    name: Option<String>,
    account: Option<String>,
}

impl PartyState {
    fn is_empty(&self) -> bool {
        self.name.is_none() && self.account.is_none()
    }
}

/// A transaction detail being read (`NtryDtls/TxDtls`).
#[derive(Debug, Default)]
struct DetailState {
    bank_reference: Option<String>,
    transaction_amount: Option<Money>,
    amount: Option<Money>,
    direction: Option<Direction>,
    debtor: PartyState,
    creditor: PartyState,
    unstructured: String,
    creditor_reference: Option<String>,
    info: String,
}

impl DetailState {
    /// The detail's own amount: `AmtDtls/TxAmt/Amt`, else `Amt`.
    fn own_amount(&self) -> Option<Money> {
        self.transaction_amount.or(self.amount)
    }

    /// The counterparty of a movement in `direction`: the debtor of money received, the
    /// creditor of money paid. A reversal cancels a movement of the opposite direction and
    /// keeps its parties, so the caller passes the original direction. When the file names
    /// only the other party, that one is taken.
    fn counterparty(&mut self, original: Direction) -> PartyState {
        let (preferred, other) = match original {
            Direction::Credit => (&mut self.debtor, &mut self.creditor),
            Direction::Debit => (&mut self.creditor, &mut self.debtor),
        };
        if preferred.is_empty() {
            std::mem::take(other)
        } else {
            std::mem::take(preferred)
        }
    }
}

/// The text pieces of a line, joined with single spaces and with runs of white space made one
/// space.
fn join_text<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for word in pieces.into_iter().flat_map(str::split_whitespace) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined
}

/// Appends `text` to `target`, separated by a space.
fn append_text(target: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push(' ');
    }
    target.push_str(text);
}

/// The trimmed text, or None when there is none.
fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// An account identifier: an IBAN without spaces and in upper case, anything else trimmed.
fn account_identifier(text: &str, kind: AccountKind) -> Option<String> {
    match kind {
        AccountKind::Iban => {
            let compact: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            (!compact.is_empty()).then_some(compact)
        }
        AccountKind::Other => non_empty(text),
    }
}

/// The value when every item gives the same one; None when they differ or none gives one.
fn agreed<T: PartialEq>(mut values: impl Iterator<Item = Option<T>>) -> Option<T> {
    let first = values.next()??;
    for value in values {
        if value.as_ref() != Some(&first) {
            return None;
        }
    }
    Some(first)
}

// ---------------------------------------------------------------------------------------------
// Reading values
// ---------------------------------------------------------------------------------------------

/// Reads `CRDT` or `DBIT`.
fn parse_direction(text: &str) -> Result<Direction, String> {
    match text.trim() {
        "CRDT" => Ok(Direction::Credit),
        "DBIT" => Ok(Direction::Debit),
        other => Err(format!(
            "the credit/debit indicator is \"{other}\"; expected CRDT or DBIT"
        )),
    }
}

/// Reads an `xs:boolean`.
fn parse_boolean(text: &str) -> Result<bool, String> {
    match text.trim() {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        other => Err(format!(
            "the reversal indicator is \"{other}\"; expected true or false"
        )),
    }
}

/// Reads an amount as the file writes it: a positive decimal with a `.` separator and no more
/// decimals than the currency has.
fn parse_amount(text: &str, currency: Currency) -> Result<Money, String> {
    let trimmed = text.trim();
    let well_formed = !trimmed.is_empty()
        && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && trimmed.bytes().filter(|b| *b == b'.').count() <= 1;
    if trimmed.starts_with('-') {
        return Err(format!(
            "the amount \"{trimmed}\" is negative; amounts are positive and CdtDbtInd gives the sign"
        ));
    }
    if !well_formed {
        return Err(format!(
            "\"{trimmed}\" is not an amount; expected a decimal number like 250.00"
        ));
    }
    Money::parse(trimmed, currency).map_err(|error| match error {
        MoneyError::TooManyDecimals { .. } => {
            format!("the amount \"{trimmed}\" has too many decimals: {error}")
        }
        _ => format!("the amount \"{trimmed}\" cannot be read: {error}"),
    })
}

/// Reads an `xs:date` (`2024-03-31`, possibly with a time zone) or the date of an
/// `xs:dateTime` (`2024-03-31T10:15:00+01:00`).
fn parse_date(text: &str) -> Result<Date, String> {
    let trimmed = text.trim();
    read_date(trimmed).ok_or_else(|| {
        format!("\"{trimmed}\" is not a date; expected a date like 2024-03-31 or a date and time")
    })
}

fn read_date(text: &str) -> Option<Date> {
    let date = text.get(..10)?;
    let rest = text.get(10..)?;
    if !(rest.is_empty() || rest.starts_with(['T', 'Z', '+', '-'])) {
        return None;
    }
    let bytes = date.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|part| part.iter().all(u8::is_ascii_digit))
    };
    if !(digits_at(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits_at(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits_at(8..10))
    {
        return None;
    }
    let year: i32 = date.get(0..4)?.parse().ok()?;
    let month: u8 = date.get(5..7)?.parse().ok()?;
    let day: u8 = date.get(8..10)?.parse().ok()?;
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Reads the `Ccy` attribute of an amount element.
fn currency_attribute(element: &BytesStart<'_>) -> Result<Currency, String> {
    for attribute in element.attributes().with_checks(false) {
        let attribute = attribute
            .map_err(|error| format!("the element's attributes are malformed: {error}"))?;
        if attribute.key.local_name().as_ref() == b"Ccy" {
            let code = std::str::from_utf8(&attribute.value).unwrap_or_default();
            return Currency::parse(code).map_err(|_| {
                format!("the currency \"{code}\" is not a currency code; expected one like EUR")
            });
        }
    }
    Err("the amount has no Ccy attribute; expected a currency like Ccy=\"EUR\"".to_owned())
}

// ---------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------

/// Where the parser is in the file, as depths in the element stack (0 is the root).
#[derive(Debug, Default)]
struct Depths {
    statement: Option<usize>,
    balance: Option<usize>,
    entry: Option<usize>,
    detail: Option<usize>,
}

/// Reads one file: the XML reader, the open elements, and what has been gathered so far.
#[derive(Debug)]
struct Parser<'a> {
    input: &'a [u8],
    reader: Reader<&'a [u8]>,
    stack: ElementStack,
    depths: Depths,
    /// The text of the field being read.
    text: String,
    /// The currency of the amount being read (its `Ccy` attribute).
    amount_currency: Option<Currency>,
    root_closed: bool,
    statement_count: usize,
    statement: StatementState,
    entry: EntryState,
    statements: Vec<Statement>,
}

impl<'a> Parser<'a> {
    fn new(input: &'a [u8]) -> Self {
        let mut reader = Reader::from_reader(input);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            input,
            reader,
            stack: ElementStack::default(),
            depths: Depths::default(),
            text: String::new(),
            amount_currency: None,
            root_closed: false,
            statement_count: 0,
            statement: StatementState::default(),
            entry: EntryState::default(),
            statements: Vec::new(),
        }
    }

    /// Reads the events of the file up to its end.
    fn run(mut self) -> Result<Vec<Statement>, ParseError> {
        loop {
            let position = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.xml_error(&error)),
            };
            match event {
                Event::Start(element) => self.open(&element, position)?,
                Event::Empty(element) => {
                    self.open(&element, position)?;
                    self.close()?;
                }
                Event::End(_) => self.close()?,
                Event::Text(text) => self.add_text(&text)?,
                Event::CData(text) => self.add_text(&text)?,
                Event::GeneralRef(reference) => self.add_reference(&reference)?,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    /// True when the text of the innermost element is a field the parser reads.
    fn reading_field(&self) -> bool {
        self.stack.top().is_some_and(|frame| frame.field.is_some())
    }

    /// Adds text (or CDATA) to the field being read.
    fn add_text(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        if !self.reading_field() {
            return Ok(());
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                self.text.push_str(text);
                Ok(())
            }
            Err(_) => Err(self.error_here("the text is not valid UTF-8; expected UTF-8 text")),
        }
    }

    /// Adds the character an entity or character reference (`&amp;`, `&#233;`) stands for.
    fn add_reference(&mut self, reference: &BytesRef<'_>) -> Result<(), ParseError> {
        if !self.reading_field() {
            return Ok(());
        }
        match reference.resolve_char_ref() {
            Ok(Some(character)) => {
                self.text.push(character);
                return Ok(());
            }
            Ok(None) => {}
            Err(error) => return Err(self.error_here(error.to_string())),
        }
        let name = std::str::from_utf8(reference).unwrap_or_default();
        match quick_xml::escape::resolve_predefined_entity(name) {
            Some(value) => {
                self.text.push_str(value);
                Ok(())
            }
            None => Err(self.error_here(format!(
                "the entity &{name}; is not defined; expected one of &amp; &lt; &gt; &quot; &apos;"
            ))),
        }
    }

    /// An error at the innermost open element.
    fn error_here(&self, reason: impl Into<String>) -> ParseError {
        ParseError::new(self.stack.location(self.input), reason)
    }

    /// An error at the open element at `depth` (0 is the root).
    fn error_at(&self, depth: usize, reason: impl Into<String>) -> ParseError {
        ParseError::new(self.stack.location_at(depth, self.input), reason)
    }

    /// An error of the XML reader (the file is not well-formed), at the innermost open element
    /// and the line where the reader found the problem.
    fn xml_error(&self, error: &quick_xml::Error) -> ParseError {
        let line = line_number(self.input, self.reader.error_position());
        let reason = format!("the file is not well-formed XML: {error}");
        match self.stack.location(self.input) {
            Location::Element { path, .. } if self.stack.depth() > 0 => {
                ParseError::new(Location::Element { path, line }, reason)
            }
            _ => ParseError::new(Location::Line { line, column: None }, reason),
        }
    }

    /// An element starts: checks the structure, starts a statement, balance, entry or detail,
    /// and notes whether its text is a field to read.
    fn open(&mut self, element: &BytesStart<'_>, position: u64) -> Result<(), ParseError> {
        if self.root_closed {
            let line = line_number(self.input, position);
            return Err(ParseError::new(
                Location::Line { line, column: None },
                "the file goes on after its root element closed; expected a single Document",
            ));
        }
        let local_name = element.local_name();
        let tag = Tag::from_local_name(local_name.as_ref());
        // The depth of the new element: 0 for the root.
        let depth = self.stack.depth();
        self.stack.push(local_name.as_ref(), tag, position);

        match (depth, tag) {
            (0, Tag::Document) => {}
            (0, _) => {
                let name = self.stack.top_name();
                return Err(self.error_here(format!(
                    "{NOT_A_STATEMENT}: the root element is {name}; expected Document"
                )));
            }
            (1, Tag::BkToCstmrStmt) => {}
            (1, _) => {
                let name = self.stack.top_name();
                return Err(self.error_here(format!(
                    "{NOT_A_STATEMENT}: the Document holds {name}; expected BkToCstmrStmt"
                )));
            }
            (2, Tag::Stmt) => {
                self.statement_count += 1;
                self.set_top_index(self.statement_count);
                self.depths.statement = Some(depth);
                self.statement = StatementState::default();
                return Ok(());
            }
            _ => {}
        }

        let field = if let Some(detail_depth) = self.depths.detail {
            detail_field(self.stack.tags_below(detail_depth))
        } else if let Some(entry_depth) = self.depths.entry {
            if self.stack.tags_below(entry_depth) == [Tag::NtryDtls, Tag::TxDtls] {
                self.entry.details.push(DetailState::default());
                self.set_top_index(self.entry.details.len());
                self.depths.detail = Some(depth);
                return Ok(());
            }
            entry_field(self.stack.tags_below(entry_depth))
        } else if let Some(statement_depth) = self.depths.statement {
            match self.stack.tags_below(statement_depth) {
                [Tag::Ntry] => {
                    self.statement.entry_count += 1;
                    self.set_top_index(self.statement.entry_count);
                    self.depths.entry = Some(depth);
                    self.entry = EntryState::default();
                    return Ok(());
                }
                [Tag::Bal] => {
                    self.depths.balance = Some(depth);
                    self.statement.balance = BalanceState::default();
                    return Ok(());
                }
                path => statement_field(path, &self.statement.balance),
            }
        } else {
            None
        };

        if let Some(field) = field {
            self.text.clear();
            if field.is_amount() {
                let currency =
                    currency_attribute(element).map_err(|reason| self.error_here(reason))?;
                self.amount_currency = Some(currency);
            }
            if let Some(frame) = self.stack.top_mut() {
                frame.field = Some(field);
            }
        }
        Ok(())
    }

    fn set_top_index(&mut self, index: usize) {
        if let Some(frame) = self.stack.top_mut() {
            frame.index = index;
        }
    }

    /// The innermost element ends: stores its field, or finishes the statement, balance,
    /// entry or detail it closes.
    fn close(&mut self) -> Result<(), ParseError> {
        let Some(frame) = self.stack.top().copied() else {
            return Err(self.error_here("an element closes that was never opened"));
        };
        let depth = self.stack.depth() - 1;
        if let Some(field) = frame.field {
            let text = std::mem::take(&mut self.text);
            let stored = self.store(field, &text);
            self.text = text;
            self.text.clear();
            stored.map_err(|reason| self.error_here(reason))?;
        }
        if self.depths.detail == Some(depth) {
            self.depths.detail = None;
        } else if self.depths.entry == Some(depth) {
            self.finish_entry(depth)?;
            self.depths.entry = None;
        } else if self.depths.balance == Some(depth) {
            self.finish_balance(depth)?;
            self.depths.balance = None;
        } else if self.depths.statement == Some(depth) {
            self.finish_statement(depth)?;
            self.depths.statement = None;
        } else if depth <= 1 && self.statements.is_empty() {
            return Err(self
                .error_here("the statement file holds no statement; expected at least one Stmt"));
        }
        self.stack.pop();
        if self.stack.depth() == 0 {
            self.root_closed = true;
        }
        Ok(())
    }

    /// Checks an amount's currency against the statement's, and takes it as the statement's
    /// currency when the account gives none.
    fn check_currency(&mut self, currency: Currency) -> Result<(), String> {
        match self.statement.currency {
            None => {
                self.statement.currency = Some(currency);
                Ok(())
            }
            Some(expected) if expected == currency => Ok(()),
            Some(expected) => Err(format!(
                "the amount is in {currency}, but the statement is in {expected}; expected {expected}"
            )),
        }
    }

    /// Reads an amount field, in the currency of its `Ccy` attribute.
    fn read_amount(&mut self, text: &str) -> Result<Money, String> {
        let currency = self
            .amount_currency
            .take()
            .ok_or_else(|| "the amount has no Ccy attribute".to_owned())?;
        let amount = parse_amount(text, currency)?;
        self.check_currency(currency)?;
        Ok(amount)
    }

    /// Reads the amount of a transaction detail. It only serves to split a batch entry, so
    /// an amount in another currency than the statement's (a foreign payment can give the
    /// original amount) is not an error: it counts as no amount.
    fn read_detail_amount(&mut self, text: &str) -> Result<Option<Money>, String> {
        let currency = self
            .amount_currency
            .take()
            .ok_or_else(|| "the amount has no Ccy attribute".to_owned())?;
        let amount = parse_amount(text, currency)?;
        Ok((self.statement.currency == Some(currency)).then_some(amount))
    }

    /// The transaction detail being read.
    fn detail(&mut self) -> Result<&mut DetailState, String> {
        self.entry
            .details
            .last_mut()
            .ok_or_else(|| "a transaction detail field is outside TxDtls".to_owned())
    }

    /// Stores the text of a field where it belongs.
    fn store(&mut self, field: Field, text: &str) -> Result<(), String> {
        match field {
            Field::StatementId => self.statement.identification = non_empty(text),
            Field::Account(kind) => {
                if self.statement.account.is_none() {
                    self.statement.account = account_identifier(text, kind);
                }
            }
            Field::AccountCurrency => {
                let code = text.trim();
                let currency = Currency::parse(code).map_err(|_| {
                    format!("\"{code}\" is not a currency code; expected one like EUR")
                })?;
                if let Some(known) = self.statement.currency
                    && known != currency
                {
                    return Err(format!(
                        "the account currency is {currency}, but the amounts are in {known}"
                    ));
                }
                self.statement.currency = Some(currency);
            }
            Field::BalanceCode => {
                self.statement.balance.kind = match text.trim() {
                    "OPBD" => Some(BalanceKind::Opening),
                    "PRCD" => Some(BalanceKind::PreviousClosing),
                    "CLBD" => Some(BalanceKind::Closing),
                    _ => None,
                };
            }
            Field::BalanceAmount => {
                self.statement.balance.amount = Some(self.read_amount(text)?);
            }
            Field::BalanceDirection => {
                self.statement.balance.direction = Some(parse_direction(text)?);
            }
            Field::BalanceDate => self.statement.balance.date = Some(parse_date(text)?),
            Field::EntryAmount => self.entry.amount = Some(self.read_amount(text)?),
            Field::EntryDirection => self.entry.direction = Some(parse_direction(text)?),
            Field::EntryReversal => self.entry.reversal = parse_boolean(text)?,
            Field::EntryStatus => {
                // Version 001.08 nests the code in `Sts/Cd`: the `Sts` element itself then
                // holds only white space.
                let status = text.trim();
                if !status.is_empty() {
                    self.entry.booked = Some(status == "BOOK");
                }
            }
            Field::BookingDate => self.entry.booking_date = Some(parse_date(text)?),
            Field::ValueDate => self.entry.value_date = Some(parse_date(text)?),
            Field::EntryBankReference => self.entry.bank_reference = non_empty(text),
            Field::DomainCode => self.entry.domain_code = non_empty(text),
            Field::FamilyCode => self.entry.family_code = non_empty(text),
            Field::SubFamilyCode => self.entry.sub_family_code = non_empty(text),
            Field::ProprietaryCode => self.entry.proprietary_code = non_empty(text),
            Field::EntryInfo => append_text(&mut self.entry.info, text.trim()),
            Field::DetailBankReference => self.detail()?.bank_reference = non_empty(text),
            Field::DetailTransactionAmount => {
                let amount = self.read_detail_amount(text)?;
                self.detail()?.transaction_amount = amount;
            }
            Field::DetailAmount => {
                let amount = self.read_detail_amount(text)?;
                self.detail()?.amount = amount;
            }
            Field::DetailDirection => {
                let direction = parse_direction(text)?;
                self.detail()?.direction = Some(direction);
            }
            Field::PartyName(party) => {
                let detail = self.detail()?;
                let target = match party {
                    Party::Debtor => &mut detail.debtor,
                    Party::Creditor => &mut detail.creditor,
                };
                if target.name.is_none() {
                    target.name = non_empty(&join_text([text]));
                }
            }
            Field::PartyAccount(party, kind) => {
                let detail = self.detail()?;
                let target = match party {
                    Party::Debtor => &mut detail.debtor,
                    Party::Creditor => &mut detail.creditor,
                };
                if target.account.is_none() {
                    target.account = account_identifier(text, kind);
                }
            }
            Field::Unstructured => append_text(&mut self.detail()?.unstructured, text.trim()),
            Field::CreditorReference => {
                let detail = self.detail()?;
                if detail.creditor_reference.is_none() {
                    detail.creditor_reference = non_empty(text);
                }
            }
            Field::DetailInfo => append_text(&mut self.detail()?.info, text.trim()),
        }
        Ok(())
    }

    /// A `Bal` closes: keeps it when it is an opening or closing booked balance.
    fn finish_balance(&mut self, depth: usize) -> Result<(), ParseError> {
        let balance = std::mem::take(&mut self.statement.balance);
        let Some(kind) = balance.kind else {
            return Ok(());
        };
        let amount = balance
            .amount
            .ok_or_else(|| self.error_at(depth, "the balance has no Amt; expected an amount"))?;
        let direction = balance.direction.ok_or_else(|| {
            self.error_at(depth, "the balance has no CdtDbtInd; expected CRDT or DBIT")
        })?;
        let date = balance.date.ok_or_else(|| {
            self.error_at(depth, "the balance has no date; expected Dt/Dt or Dt/DtTm")
        })?;
        let amount = direction
            .sign(amount)
            .map_err(|error| self.error_at(depth, error.to_string()))?;
        let balance = Some(Balance { amount, date });
        let slot = match kind {
            BalanceKind::Opening => &mut self.statement.opening,
            BalanceKind::PreviousClosing => &mut self.statement.previous_closing,
            BalanceKind::Closing => &mut self.statement.closing,
        };
        if slot.is_none() {
            *slot = balance;
        }
        Ok(())
    }

    /// A `Stmt` closes: checks that it names its account and currency, and keeps it.
    fn finish_statement(&mut self, depth: usize) -> Result<(), ParseError> {
        let statement = std::mem::take(&mut self.statement);
        let Some(account) = statement.account else {
            return Err(self.error_at(
                depth,
                "the statement has no account; expected Acct/Id/IBAN or Acct/Id/Othr/Id",
            ));
        };
        let Some(currency) = statement.currency else {
            return Err(self.error_at(
                depth,
                "the statement has no currency; expected Acct/Ccy or a Ccy attribute on its amounts",
            ));
        };
        self.statements.push(Statement {
            account: Some(account),
            currency,
            identification: statement.identification,
            opening_balance: statement.opening.or(statement.previous_closing),
            closing_balance: statement.closing,
            lines: statement.lines,
        });
        Ok(())
    }

    /// An `Ntry` closes: turns a booked entry into one line, or one line per transaction
    /// detail when it is a batch whose details each give their amount.
    fn finish_entry(&mut self, depth: usize) -> Result<(), ParseError> {
        let mut entry = std::mem::take(&mut self.entry);
        if entry.booked == Some(false) {
            return Ok(());
        }
        let amount = entry
            .amount
            .ok_or_else(|| self.error_at(depth, "the entry has no Amt; expected an amount"))?;
        let direction = entry.direction.ok_or_else(|| {
            self.error_at(depth, "the entry has no CdtDbtInd; expected CRDT or DBIT")
        })?;
        let amount = direction
            .sign(amount)
            .map_err(|error| self.error_at(depth, error.to_string()))?;
        let (booking_date, value_date) = match (entry.booking_date, entry.value_date) {
            (Some(booking), Some(value)) => (booking, value),
            (Some(booking), None) => (booking, booking),
            (None, Some(value)) => (value, value),
            (None, None) => {
                return Err(
                    self.error_at(depth, "the entry has no date; expected BookgDt or ValDt")
                );
            }
        };
        let transaction_code = entry.transaction_code();
        let template = LineTemplate {
            booking_date,
            value_date,
            reversal: entry.reversal,
            transaction_code,
        };

        let details = std::mem::take(&mut entry.details);
        let split = details.len() > 1 && details.iter().all(|d| d.own_amount().is_some());
        if split {
            let lines = self.split_entry(depth, &entry, direction, amount, details, &template)?;
            self.statement.lines.extend(lines);
        } else {
            let line = joined_line(&entry, direction, amount, details, template);
            self.statement.lines.push(line);
        }
        Ok(())
    }

    /// One line per transaction detail of a batch entry, after checking that the details add
    /// up to the entry.
    fn split_entry(
        &self,
        depth: usize,
        entry: &EntryState,
        direction: Direction,
        amount: Money,
        details: Vec<DetailState>,
        template: &LineTemplate,
    ) -> Result<Vec<StatementLine>, ParseError> {
        let mut lines = Vec::with_capacity(details.len());
        for (index, mut detail) in details.into_iter().enumerate() {
            let detail_direction = detail.direction.unwrap_or(direction);
            let own_amount = detail
                .own_amount()
                .ok_or_else(|| self.error_at(depth, "a transaction detail has no amount"))?;
            let signed = detail_direction
                .sign(own_amount)
                .map_err(|error| self.error_at(depth, error.to_string()))?;
            let original = if template.reversal {
                detail_direction.opposite()
            } else {
                detail_direction
            };
            let counterparty = detail.counterparty(original);
            let bank_reference = detail.bank_reference.take().or_else(|| {
                entry
                    .bank_reference
                    .as_ref()
                    .map(|reference| format!("{reference}#{}", index + 1))
            });
            lines.push(StatementLine {
                booking_date: template.booking_date,
                value_date: template.value_date,
                amount: signed,
                reversal: template.reversal,
                counterparty_name: counterparty.name,
                counterparty_account: counterparty.account,
                structured_reference: detail.creditor_reference.take(),
                free_text: join_text([
                    detail.unstructured.as_str(),
                    detail.info.as_str(),
                    entry.info.as_str(),
                ]),
                bank_reference,
                transaction_code: template.transaction_code.clone(),
            });
        }
        let total = Money::checked_sum(amount.currency(), lines.iter().map(|line| line.amount))
            .map_err(|error| self.error_at(depth, error.to_string()))?;
        if total != amount {
            return Err(self.error_at(
                depth,
                format!(
                    "the transaction details add up to {total}, but the entry amount is {amount}; expected them to be equal"
                ),
            ));
        }
        Ok(lines)
    }

    /// The end of the file: every element must be closed, and there must be a statement.
    fn finish(self) -> Result<Vec<Statement>, ParseError> {
        if self.stack.depth() > 0 {
            let name = self.stack.top_name().into_owned();
            return Err(self.error_here(format!(
                "the file ends before element {name} is closed; it is truncated or not well-formed"
            )));
        }
        if !self.root_closed {
            return Err(ParseError::new(
                Location::File,
                format!("the file holds no XML element; {NOT_A_STATEMENT}"),
            ));
        }
        Ok(self.statements)
    }
}

/// What the lines of one entry share.
#[derive(Debug)]
struct LineTemplate {
    booking_date: Date,
    value_date: Date,
    reversal: bool,
    transaction_code: Option<String>,
}

impl EntryState {
    /// `Domn/Cd`, `Fmly/Cd` and `SubFmlyCd` joined by `/` (like `PMNT/RCDT/ESCT`), else the
    /// proprietary code.
    fn transaction_code(&self) -> Option<String> {
        let domain: Vec<&str> = [&self.domain_code, &self.family_code, &self.sub_family_code]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if domain.is_empty() {
            self.proprietary_code.clone()
        } else {
            Some(domain.join("/"))
        }
    }
}

/// The single line of an entry with no detail, one detail, or details that do not all give an
/// amount: the entry's amount, with the details' texts joined and the parties and reference
/// they agree on.
fn joined_line(
    entry: &EntryState,
    direction: Direction,
    amount: Money,
    mut details: Vec<DetailState>,
    template: LineTemplate,
) -> StatementLine {
    let original = if template.reversal {
        direction.opposite()
    } else {
        direction
    };
    let (counterparty, structured_reference, detail_reference) =
        if let [detail] = details.as_mut_slice() {
            (
                detail.counterparty(original),
                detail.creditor_reference.take(),
                detail.bank_reference.take(),
            )
        } else {
            let counterparties: Vec<PartyState> = details
                .iter_mut()
                .map(|detail| detail.counterparty(original))
                .collect();
            let counterparty = PartyState {
                name: agreed(counterparties.iter().map(|party| party.name.clone())),
                account: agreed(counterparties.iter().map(|party| party.account.clone())),
            };
            (
                counterparty,
                agreed(details.iter().map(|d| d.creditor_reference.clone())),
                agreed(details.iter().map(|d| d.bank_reference.clone())),
            )
        };
    let mut texts: Vec<&str> = Vec::with_capacity(details.len() * 2 + 1);
    for detail in &details {
        texts.push(&detail.unstructured);
        texts.push(&detail.info);
    }
    texts.push(&entry.info);
    let bank_reference = if details.len() > 1 {
        entry.bank_reference.clone().or(detail_reference)
    } else {
        detail_reference.or_else(|| entry.bank_reference.clone())
    };
    StatementLine {
        booking_date: template.booking_date,
        value_date: template.value_date,
        amount,
        reversal: template.reversal,
        counterparty_name: counterparty.name,
        counterparty_account: counterparty.account,
        structured_reference,
        free_text: join_text(texts),
        bank_reference,
        transaction_code: template.transaction_code,
    }
}
