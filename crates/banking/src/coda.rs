//! The Belgian CODA format (Febelfin "coded statement of account", version 2).
//!
//! A CODA file is a list of records of 128 characters, one a line. Positions below are 1-based,
//! as in the Febelfin specification. One file holds one or more statements:
//!
//! - `0` header (version code `2` at 128);
//! - `1` old balance: account structure at 2, statement number 3–5, account and currency
//!   6–42 (their layout depends on the structure), sign 43, balance 44–58, date 59–64;
//! - `2.1`, `2.2`, `2.3` a movement (see [`parse`] for the fields read);
//! - `3.1`, `3.2`, `3.3` information about the movement (its text is added to the free text);
//! - `4` free communication (ignored);
//! - `8` new balance: sign 42, balance 43–57, date 58–63;
//! - `9` trailer: total debits 23–37 and total credits 38–52 of the movements since the header.
//!
//! Amounts are 15 digits with 3 implied decimals and a sign digit (`0` credit, `1` debit); dates
//! are `DDMMYY` (years 2000–2099). The text is read as UTF-8 when it is valid UTF-8, else as
//! Latin-1.

use std::collections::HashSet;

use coopshares_domain::iban::Iban;
use coopshares_domain::money::{Currency, Money};
use time::{Date, Month};

use crate::statement::{
    Balance, Location, ParseError, ParsedFile, Statement, StatementFormat, StatementLine,
};

/// Every CODA record is this many characters long.
const RECORD_LENGTH: usize = 128;

/// True when the bytes start like a CODA file: a header record `0` of 128 characters.
pub fn looks_like_coda(bytes: &[u8]) -> bool {
    let first = bytes
        .split(|byte| *byte == b'\n')
        .next()
        .unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    if !first.starts_with(b"0000") {
        return false;
    }
    let length = match std::str::from_utf8(first) {
        Ok(text) => text.chars().count(),
        Err(_) => first.len(),
    };
    length == RECORD_LENGTH
}

/// Parses a CODA file into its statements, in the order of the file.
///
/// Each movement (record 2.1 with its 2.2 and 2.3) becomes one [`StatementLine`]:
///
/// - amount: sign at 32, 15 digits at 33–47 (a third decimal that is not zero is refused for
///   a currency with two decimals);
/// - value date 48–53 (the booking date when zero), booking date 116–121;
/// - transaction code: the 8 digits at 54–61;
/// - bank reference: 11–31 of the 2.1, plus `/` and the detail number (7–10) for a detail;
/// - communication: type at 62 (`0` free, `1` structured). A structured communication of type
///   `101` or `102` (63–65) gives the structured reference, the 12 digits at 66–77. A free
///   communication is 63–115 of the 2.1, 11–63 of the 2.2 and 83–125 of the 2.3 joined, with
///   runs of spaces made one; it becomes the free text, followed by the client reference
///   (2.2, 64–98) and the text of the information records 3.x;
/// - counterparty account 11–47 and name 48–82 of the 2.3.
///
/// A globalised movement (globalisation code at 125 not `0`, detail number `0000`) followed
/// by its details (same sequence number, detail number above zero) is replaced by the
/// details, so the money is counted once. The totals of the trailer record are checked
/// against the movements read; a difference refuses the file.
pub fn parse(bytes: &[u8]) -> Result<ParsedFile, ParseError> {
    let text = decode(bytes);
    let mut parser = Parser::default();
    for (index, raw_line) in text.split('\n').enumerate() {
        let line = index + 1;
        let raw_line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if raw_line.is_empty() {
            continue;
        }
        let chars: Vec<char> = raw_line.chars().collect();
        let record = Record {
            line,
            chars: &chars,
        };
        record.check_length()?;
        parser.record(&record)?;
        parser.last_line = line;
    }
    parser.finish()
}

/// The file as text: UTF-8 when valid (a byte order mark is dropped), else Latin-1.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|byte| char::from(*byte)).collect(),
    }
}

/// One record of the file, with its 1-based line number.
struct Record<'a> {
    line: usize,
    chars: &'a [char],
}

impl Record<'_> {
    fn error(&self, column: usize, reason: impl Into<String>) -> ParseError {
        ParseError::at_line(self.line, Some(column), reason)
    }

    fn check_length(&self) -> Result<(), ParseError> {
        let length = self.chars.len();
        if length == RECORD_LENGTH {
            return Ok(());
        }
        let column = if length < RECORD_LENGTH {
            length + 1
        } else {
            RECORD_LENGTH + 1
        };
        Err(self.error(
            column,
            format!("a CODA record is {RECORD_LENGTH} characters long, this one has {length}"),
        ))
    }

    /// The characters at positions `from..=to` (1-based), as the file gives them.
    fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from.saturating_sub(1)..to.min(self.chars.len()))
            .map(|chars| chars.iter().collect())
            .unwrap_or_default()
    }

    fn char_at(&self, position: usize) -> char {
        self.chars
            .get(position.saturating_sub(1))
            .copied()
            .unwrap_or(' ')
    }

    /// The number written in digits at `from..=to`; any other character is refused.
    fn number(&self, from: usize, to: usize, what: &str) -> Result<u64, ParseError> {
        let mut value: u64 = 0;
        for position in from..=to {
            let character = self.char_at(position);
            let Some(digit) = character.to_digit(10) else {
                return Err(self.error(
                    position,
                    format!(
                        "the {what} (positions {from} to {to}) must be digits, found {character:?}"
                    ),
                ));
            };
            value = value
                .checked_mul(10)
                .and_then(|value| value.checked_add(u64::from(digit)))
                .ok_or_else(|| self.error(from, format!("the {what} is too large")))?;
        }
        Ok(value)
    }

    /// A `DDMMYY` date at `from..=from+5`; `None` when it is all zeros or all spaces.
    fn optional_date(&self, from: usize, what: &str) -> Result<Option<Date>, ParseError> {
        let to = from + 5;
        let text = self.text(from, to);
        if text.chars().all(|c| c == '0') || text.chars().all(|c| c == ' ') {
            return Ok(None);
        }
        let day = self.number(from, from + 1, what)?;
        let month = self.number(from + 2, from + 3, what)?;
        let year = self.number(from + 4, to, what)?;
        let date = u8::try_from(month)
            .ok()
            .and_then(|month| Month::try_from(month).ok())
            .and_then(|month| {
                let year = i32::try_from(2000 + year).ok()?;
                let day = u8::try_from(day).ok()?;
                Date::from_calendar_date(year, month, day).ok()
            });
        match date {
            Some(date) => Ok(Some(date)),
            None => Err(self.error(
                from,
                format!("the {what} {text:?} is not a date written DDMMYY"),
            )),
        }
    }

    fn date(&self, from: usize, what: &str) -> Result<Date, ParseError> {
        self.optional_date(from, what)?.ok_or_else(|| {
            self.error(
                from,
                format!("the {what} (positions {from} to {}) is missing", from + 5),
            )
        })
    }

    /// The sign digit at `sign`: true for a debit (`1`), false for a credit (`0`).
    fn is_debit(&self, sign: usize) -> Result<bool, ParseError> {
        match self.char_at(sign) {
            '0' => Ok(false),
            '1' => Ok(true),
            other => Err(self.error(
                sign,
                format!("the sign at position {sign} is 0 (credit) or 1 (debit), found {other:?}"),
            )),
        }
    }

    /// A signed amount: the sign digit at `sign`, then 15 digits with 3 implied decimals.
    fn amount(
        &self,
        sign: usize,
        currency: Currency,
        what: &str,
    ) -> Result<(Amount, Money), ParseError> {
        let debit = self.is_debit(sign)?;
        let amount = Amount {
            debit,
            thousandths: self.number(sign + 1, sign + 15, what)?,
        };
        let money = amount.money(currency).map_err(|excess_from| {
            self.error(
                sign + 15 - excess_from,
                format!(
                    "the {what} {} has more decimals than {currency} allows",
                    format_thousandths(u128::from(amount.thousandths))
                ),
            )
        })?;
        Ok((amount, money))
    }
}

/// An amount as CODA writes it: thousandths of the currency unit and a sign.
#[derive(Clone, Copy)]
struct Amount {
    debit: bool,
    thousandths: u64,
}

impl Amount {
    /// The amount in the currency's minor units. When the currency has fewer than three
    /// decimals and the extra digits are not zero, the error is how many digits from the end
    /// the refused ones start, minus one (0 for the last digit alone).
    fn money(self, currency: Currency) -> Result<Money, usize> {
        let units = currency.minor_units().min(3);
        let dropped = 3 - units;
        let divisor = 10_u64.pow(dropped);
        if !self.thousandths.is_multiple_of(divisor) {
            return Err(usize::try_from(dropped).unwrap_or(1).saturating_sub(1));
        }
        // Fifteen digits always fit in an i64.
        let minor = i64::try_from(self.thousandths / divisor).unwrap_or(i64::MAX);
        Ok(Money::from_minor(
            if self.debit { -minor } else { minor },
            currency,
        ))
    }
}

/// Thousandths as a decimal amount: two decimals when the third is zero, else three.
fn format_thousandths(thousandths: u128) -> String {
    let whole = thousandths / 1000;
    let fraction = thousandths % 1000;
    if fraction.is_multiple_of(10) {
        format!("{whole}.{:02}", fraction / 10)
    } else {
        format!("{whole}.{fraction:03}")
    }
}

/// A movement being read: its 2.1, then what its 2.2, 2.3 and 3.x records add.
struct Movement {
    sequence: String,
    detail: String,
    detail_number: u64,
    globalised: bool,
    amount: Amount,
    line: StatementLine,
    /// The communication of the 2.1 (63–115), as given; for a structured communication
    /// other than an OGM, its data after the type.
    communication: String,
    /// What the 2.2 (11–63) and 2.3 (83–125) continue the communication with.
    continuation: String,
    client_reference: String,
    information: Vec<String>,
}

impl Movement {
    fn finish(self) -> StatementLine {
        let mut parts = Vec::new();
        if self.line.structured_reference.is_some() {
            // The OGM zone is taken; what the 2.2 and 2.3 continue with is still text.
            parts.push(collapse(&self.continuation));
        } else {
            parts.push(collapse(&format!(
                "{}{}",
                self.communication, self.continuation
            )));
        }
        parts.push(collapse(&self.client_reference));
        parts.extend(self.information.iter().map(|text| collapse(text)));
        let free_text = parts
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        StatementLine {
            free_text,
            ..self.line
        }
    }
}

/// A statement being read: from its record 1 to its record 8.
struct OpenStatement {
    line: usize,
    account: Option<String>,
    currency: Currency,
    identification: Option<String>,
    opening_balance: Balance,
    movements: Vec<Movement>,
}

#[derive(Default)]
struct Parser {
    /// The line of the header record of the file being read, until its trailer.
    header_line: Option<usize>,
    /// The line of the last trailer record, when the file has one.
    trailer_line: Option<usize>,
    open: Option<OpenStatement>,
    statements: Vec<Statement>,
    /// The movements read since the header, in thousandths, for the trailer's totals.
    debits: u128,
    credits: u128,
    last_line: usize,
}

impl Parser {
    fn record(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let kind = record.char_at(1);
        if kind != '0' && self.header_line.is_none() {
            let reason = if self.trailer_line.is_some() {
                "a record after the trailer record 9: a new file starts with a header record 0"
            } else {
                "the file must start with a header record 0"
            };
            return Err(record.error(1, reason));
        }
        match kind {
            '0' => self.header(record),
            '1' => self.old_balance(record),
            '2' => match record.char_at(2) {
                '1' => self.movement(record),
                '2' => self.movement_2_2(record),
                '3' => self.movement_2_3(record),
                other => Err(record.error(
                    2,
                    format!("unknown record type 2.{other}: a movement record is 2.1, 2.2 or 2.3"),
                )),
            },
            '3' => match record.char_at(2) {
                '1' | '2' | '3' => self.information(record),
                other => Err(record.error(
                    2,
                    format!(
                        "unknown record type 3.{other}: an information record is 3.1, 3.2 or 3.3"
                    ),
                )),
            },
            '4' => self
                .open_statement(record, "free communication record 4")
                .map(|_| ()),
            '8' => self.new_balance(record),
            '9' => self.trailer(record),
            other => Err(record.error(
                1,
                format!("unknown record type {other:?}: CODA records are 0, 1, 2, 3, 4, 8 or 9"),
            )),
        }
    }

    fn header(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        if let Some(open) = &self.open {
            return Err(record.error(
                1,
                format!(
                    "a header record 0 before the new balance record 8 of the statement that starts on line {}",
                    open.line
                ),
            ));
        }
        if let Some(header) = self.header_line {
            return Err(record.error(
                1,
                format!(
                    "a header record 0 before the trailer record 9 of the file that starts on line {header}"
                ),
            ));
        }
        let version = record.char_at(128);
        if version != '2' {
            return Err(record.error(
                128,
                format!("only CODA version 2 is read; the header gives version {version:?}"),
            ));
        }
        self.header_line = Some(record.line);
        self.debits = 0;
        self.credits = 0;
        Ok(())
    }

    fn old_balance(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        if let Some(open) = &self.open {
            return Err(record.error(
                1,
                format!(
                    "an old balance record 1 before the new balance record 8 of the statement that starts on line {}",
                    open.line
                ),
            ));
        }
        let (account, currency_at) = match record.char_at(2) {
            '0' => (record.text(6, 17), 19),
            '1' => (record.text(6, 39), 40),
            '2' => (record.text(6, 36), 40),
            '3' => (record.text(6, 39), 40),
            other => {
                return Err(record.error(
                    2,
                    format!(
                        "unknown account structure {other:?}: 0 (Belgian account number), 1 (foreign account number), 2 (Belgian IBAN) or 3 (foreign IBAN)"
                    ),
                ));
            }
        };
        let account = account_identifier(&account);
        let currency_code = record.text(currency_at, currency_at + 2);
        let currency = Currency::parse(&currency_code).map_err(|_| {
            record.error(
                currency_at,
                format!("the account currency {currency_code:?} is not a currency code"),
            )
        })?;
        let identification = record.text(3, 5).trim().to_owned();
        let (_, amount) = record.amount(43, currency, "old balance")?;
        let date = record.date(59, "old balance date")?;
        self.open = Some(OpenStatement {
            line: record.line,
            account,
            currency,
            identification: (!identification.is_empty()).then_some(identification),
            opening_balance: Balance { amount, date },
            movements: Vec::new(),
        });
        Ok(())
    }

    /// The statement a movement, information or free communication record belongs to.
    fn open_statement(
        &mut self,
        record: &Record<'_>,
        what: &str,
    ) -> Result<&mut OpenStatement, ParseError> {
        self.open.as_mut().ok_or_else(|| {
            record.error(
                1,
                format!("a {what} outside a statement: an old balance record 1 must come first"),
            )
        })
    }

    fn movement(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let statement = self.open_statement(record, "movement record 2.1")?;
        let currency = statement.currency;
        let sequence = record.text(3, 6);
        record.number(3, 6, "sequence number")?;
        let detail = record.text(7, 10);
        let detail_number = record.number(7, 10, "detail number")?;
        let (amount, money) = record.amount(32, currency, "amount")?;
        let value_date = record.optional_date(48, "value date")?;
        let booking_date = record.optional_date(116, "entry date")?;
        let (booking_date, value_date) = match (booking_date, value_date) {
            (Some(booking), Some(value)) => (booking, value),
            (Some(booking), None) => (booking, booking),
            (None, Some(value)) => (value, value),
            (None, None) => {
                return Err(record.error(116, "the movement has neither an entry date (positions 116 to 121) nor a value date (48 to 53)"));
            }
        };
        let transaction_code = record.text(54, 61).trim().to_owned();
        let structured = match record.char_at(62) {
            '0' => false,
            '1' => true,
            other => {
                return Err(record.error(
                    62,
                    format!(
                        "the communication type is 0 (free) or 1 (structured), found {other:?}"
                    ),
                ));
            }
        };
        let mut communication = record.text(63, 115);
        let mut structured_reference = None;
        if structured {
            let kind = record.text(63, 65);
            if kind == "101" || kind == "102" {
                let digits = record.text(66, 77).trim().to_owned();
                if !digits.is_empty() {
                    structured_reference = Some(digits);
                }
            } else {
                // Another structured type: its data (after the type) is kept as text.
                communication = record.text(66, 115);
            }
        }
        let bank_reference = record.text(11, 31).trim().to_owned();
        let bank_reference = if bank_reference.is_empty() {
            None
        } else if detail_number > 0 {
            Some(format!("{bank_reference}/{detail}"))
        } else {
            Some(bank_reference)
        };
        let globalised = record.char_at(125) != '0' && record.char_at(125) != ' ';
        statement.movements.push(Movement {
            sequence,
            detail,
            detail_number,
            globalised,
            amount,
            line: StatementLine {
                booking_date,
                value_date,
                amount: money,
                reversal: false,
                counterparty_name: None,
                counterparty_account: None,
                structured_reference,
                free_text: String::new(),
                bank_reference,
                transaction_code: (!transaction_code.is_empty()).then_some(transaction_code),
            },
            communication,
            continuation: String::new(),
            client_reference: String::new(),
            information: Vec::new(),
        });
        Ok(())
    }

    /// The movement a 2.2 or 2.3 record continues: the last 2.1, with the same sequence and
    /// detail numbers.
    fn continued_movement(
        &mut self,
        record: &Record<'_>,
        what: &str,
    ) -> Result<&mut Movement, ParseError> {
        let statement = self.open_statement(record, what)?;
        let sequence = record.text(3, 6);
        let detail = record.text(7, 10);
        let Some(movement) = statement.movements.last_mut() else {
            return Err(record.error(
                1,
                format!("a {what} without the movement record 2.1 it continues"),
            ));
        };
        if movement.sequence != sequence || movement.detail != detail {
            return Err(record.error(
                3,
                format!(
                    "a {what} for movement {sequence}/{detail} follows the movement record 2.1 of {}/{}: its 2.1 is missing",
                    movement.sequence, movement.detail
                ),
            ));
        }
        Ok(movement)
    }

    fn movement_2_2(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let movement = self.continued_movement(record, "movement record 2.2")?;
        movement.continuation.push_str(&record.text(11, 63));
        let client_reference = record.text(64, 98);
        if !client_reference.trim().eq_ignore_ascii_case("NOTPROVIDED") {
            movement.client_reference = client_reference;
        }
        Ok(())
    }

    fn movement_2_3(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let movement = self.continued_movement(record, "movement record 2.3")?;
        movement.line.counterparty_account = counterparty_account(&record.text(11, 47));
        let name = collapse(&record.text(48, 82));
        movement.line.counterparty_name = (!name.is_empty()).then_some(name);
        movement.continuation.push_str(&record.text(83, 125));
        Ok(())
    }

    fn information(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let what = format!("information record 3.{}", record.char_at(2));
        let statement = self.open_statement(record, &what)?;
        let Some(movement) = statement.movements.last_mut() else {
            return Err(record.error(1, format!("an {what} before any movement record 2.1")));
        };
        let text = match record.char_at(2) {
            // 3.1: a structured communication starts with its 3-digit type, left out.
            '1' if record.char_at(40) == '1' => record.text(44, 113),
            '1' => record.text(41, 113),
            '2' => record.text(11, 115),
            _ => record.text(11, 100),
        };
        movement.information.push(text);
        Ok(())
    }

    fn new_balance(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        let Some(open) = self.open.take() else {
            return Err(record.error(
                1,
                "a new balance record 8 without an old balance record 1 before it",
            ));
        };
        let (_, amount) = record.amount(42, open.currency, "new balance")?;
        let date = record.date(58, "new balance date")?;
        let movements = without_globalised_totals(open.movements);
        let mut lines = Vec::with_capacity(movements.len());
        for movement in movements {
            if movement.amount.debit {
                self.debits += u128::from(movement.amount.thousandths);
            } else {
                self.credits += u128::from(movement.amount.thousandths);
            }
            lines.push(movement.finish());
        }
        self.statements.push(Statement {
            account: open.account,
            currency: open.currency,
            identification: open.identification,
            opening_balance: Some(open.opening_balance),
            closing_balance: Some(Balance { amount, date }),
            lines,
        });
        Ok(())
    }

    fn trailer(&mut self, record: &Record<'_>) -> Result<(), ParseError> {
        if let Some(open) = &self.open {
            return Err(record.error(
                1,
                format!(
                    "a trailer record 9 before the new balance record 8 of the statement that starts on line {}",
                    open.line
                ),
            ));
        }
        let debits = u128::from(record.number(23, 37, "total of the debits")?);
        let credits = u128::from(record.number(38, 52, "total of the credits")?);
        if debits != self.debits || credits != self.credits {
            return Err(record.error(
                if debits != self.debits { 23 } else { 38 },
                format!(
                    "the trailer gives debits of {} and credits of {}, but the movements add up to debits of {} and credits of {}",
                    format_thousandths(debits),
                    format_thousandths(credits),
                    format_thousandths(self.debits),
                    format_thousandths(self.credits)
                ),
            ));
        }
        self.header_line = None;
        self.trailer_line = Some(record.line);
        Ok(())
    }

    fn finish(self) -> Result<ParsedFile, ParseError> {
        if let Some(open) = &self.open {
            return Err(ParseError::at_line(
                self.last_line,
                None,
                format!(
                    "the file ends before the new balance record 8 of the statement that starts on line {}",
                    open.line
                ),
            ));
        }
        if let Some(header) = self.header_line {
            return Err(ParseError::at_line(
                self.last_line,
                None,
                format!(
                    "the file ends before the trailer record 9 of the file that starts on line {header}"
                ),
            ));
        }
        if self.trailer_line.is_none() {
            return Err(ParseError::new(
                Location::File,
                "the file holds no CODA records",
            ));
        }
        Ok(ParsedFile {
            format: StatementFormat::Coda,
            statements: self.statements,
        })
    }
}

/// Drops each globalised total that is followed by its details, so the money is counted once.
fn without_globalised_totals(movements: Vec<Movement>) -> Vec<Movement> {
    let with_details: HashSet<String> = movements
        .iter()
        .filter(|movement| movement.detail_number > 0)
        .map(|movement| movement.sequence.clone())
        .collect();
    movements
        .into_iter()
        .filter(|movement| {
            !(movement.detail_number == 0
                && movement.globalised
                && with_details.contains(&movement.sequence))
        })
        .collect()
}

/// The account of a record 1: a compact IBAN when it is one, else the text as given.
fn account_identifier(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    Some(match Iban::parse(trimmed) {
        Ok(iban) => iban.as_compact().to_owned(),
        Err(_) => trimmed.to_owned(),
    })
}

/// The counterparty account of a 2.3 (11–47): an account, possibly followed by its currency.
fn counterparty_account(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let mut words = trimmed.split_whitespace();
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let is_currency = |word: &&str| word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase());
    let account = match rest.as_slice() {
        [] => first,
        [currency] if is_currency(currency) => first,
        _ => trimmed,
    };
    account_identifier(account)
}

/// The text with its runs of white space made one space, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
