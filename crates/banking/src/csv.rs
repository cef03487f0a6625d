//! A bank's CSV export, read through a column mapping saved for its bank account.
//!
//! The first row of the file names the columns; the mapping says which named column holds
//! what, and how dates and amounts are written. Each following row is one movement. The file
//! is read as UTF-8 when it is valid UTF-8 (a byte order mark is dropped), else as Latin-1.

use std::fmt;

use coopshares_domain::iban::Iban;
use coopshares_domain::money::{Currency, Money, MoneyError};
use time::{Date, Month};

use crate::statement::{
    Location, ParseError, ParsedFile, Statement, StatementFormat, StatementLine,
};

/// How to read one bank's CSV export. Saved as JSON for a bank account, for example:
///
/// ```json
/// {
///   "delimiter": ";",
///   "decimal_separator": ",",
///   "thousands_separator": ".",
///   "date_format": "dd/mm/yyyy",
///   "currency": "EUR",
///   "columns": {
///     "booking_date": "Date",
///     "value_date": "Valeur",
///     "amounts": { "form": "signed", "amount": "Montant" },
///     "counterparty_name": "Contrepartie",
///     "counterparty_account": "Compte contrepartie",
///     "communication": "Communication",
///     "structured_reference": null,
///     "bank_reference": null
///   }
/// }
/// ```
///
/// Column names are matched with the header row after trimming, ignoring case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CsvMapping {
    /// The character between fields: `,` when not given.
    #[serde(default = "default_delimiter")]
    pub delimiter: char,
    /// The character before the decimals of an amount: `.` when not given.
    #[serde(default)]
    pub decimal_separator: DecimalSeparator,
    /// A character grouping thousands in amounts (`1.234,56`), removed before reading them.
    #[serde(default)]
    pub thousands_separator: Option<char>,
    pub date_format: DateFormat,
    pub currency: Currency,
    pub columns: CsvColumns,
}

fn default_delimiter() -> char {
    ','
}

/// The character before the decimals of an amount.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum DecimalSeparator {
    /// `1234.56`
    #[default]
    #[serde(rename = ".")]
    Point,
    /// `1234,56`
    #[serde(rename = ",")]
    Comma,
}

impl DecimalSeparator {
    pub fn as_char(self) -> char {
        match self {
            DecimalSeparator::Point => '.',
            DecimalSeparator::Comma => ',',
        }
    }
}

/// How dates are written. Day and month may have one or two digits; the year has four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateFormat {
    /// `31/12/2025`
    #[serde(rename = "dd/mm/yyyy")]
    DaySlashMonthSlashYear,
    /// `31.12.2025`
    #[serde(rename = "dd.mm.yyyy")]
    DayDotMonthDotYear,
    /// `31-12-2025`
    #[serde(rename = "dd-mm-yyyy")]
    DayDashMonthDashYear,
    /// `2025-12-31`
    #[serde(rename = "yyyy-mm-dd")]
    YearDashMonthDashDay,
}

impl DateFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::DaySlashMonthSlashYear => "dd/mm/yyyy",
            DateFormat::DayDotMonthDotYear => "dd.mm.yyyy",
            DateFormat::DayDashMonthDashYear => "dd-mm-yyyy",
            DateFormat::YearDashMonthDashDay => "yyyy-mm-dd",
        }
    }

    /// Reads a date written in this format; `None` when it is not one.
    pub fn parse_date(self, text: &str) -> Option<Date> {
        let (separator, year_first) = match self {
            DateFormat::DaySlashMonthSlashYear => ('/', false),
            DateFormat::DayDotMonthDotYear => ('.', false),
            DateFormat::DayDashMonthDashYear => ('-', false),
            DateFormat::YearDashMonthDashDay => ('-', true),
        };
        let mut parts = text.trim().split(separator);
        let (first, second, third) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let (year, month, day) = if year_first {
            (first, second, third)
        } else {
            (third, second, first)
        };
        let digits = |s: &str, min: usize, max: usize| {
            (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
        let day: u8 = day.parse().ok()?;
        Date::from_calendar_date(year, month, day).ok()
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which column (by its header name) holds what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CsvColumns {
    pub booking_date: String,
    /// The booking date is used when not mapped or empty.
    #[serde(default)]
    pub value_date: Option<String>,
    pub amounts: AmountColumns,
    #[serde(default)]
    pub counterparty_name: Option<String>,
    #[serde(default)]
    pub counterparty_account: Option<String>,
    /// Free text (the payer's communication).
    #[serde(default)]
    pub communication: Option<String>,
    #[serde(default)]
    pub structured_reference: Option<String>,
    #[serde(default)]
    pub bank_reference: Option<String>,
}

/// Where the amount is: one signed column, or a credit column and a debit column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum AmountColumns {
    /// One column: positive for money received, negative for money paid out.
    Signed { amount: String },
    /// Two columns: money received, and money paid out (with or without a minus sign). A
    /// row fills one of them; the other is empty or zero.
    CreditDebit {
        credit_amount: String,
        debit_amount: String,
    },
}

/// Why a mapping cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvMappingError {
    #[error(
        "the delimiter {0:?} cannot be used: it must be one ASCII character other than a quote, a letter, a digit or a line break"
    )]
    InvalidDelimiter(char),
    #[error("the thousands separator {0:?} cannot be the decimal separator or the delimiter")]
    InvalidThousandsSeparator(char),
    #[error("the column for {0} has no name")]
    EmptyColumnName(&'static str),
    #[error("the credit and debit amounts must be two different columns, not both {0:?}")]
    SameCreditAndDebitColumn(String),
}

impl CsvMapping {
    /// A mapping with a `,` delimiter, a `.` decimal separator and no thousands separator; set
    /// the other fields as needed, then [`validate`](Self::validate).
    pub fn new(
        date_format: DateFormat,
        currency: Currency,
        booking_date: impl Into<String>,
        amounts: AmountColumns,
    ) -> Self {
        Self {
            delimiter: default_delimiter(),
            decimal_separator: DecimalSeparator::Point,
            thousands_separator: None,
            date_format,
            currency,
            columns: CsvColumns {
                booking_date: booking_date.into(),
                value_date: None,
                amounts,
                counterparty_name: None,
                counterparty_account: None,
                communication: None,
                structured_reference: None,
                bank_reference: None,
            },
        }
    }

    /// Checks that the mapping can read a file: a usable delimiter, a thousands separator
    /// distinct from the other separators, named columns.
    pub fn validate(&self) -> Result<(), CsvMappingError> {
        let delimiter = self.delimiter;
        if !delimiter.is_ascii()
            || delimiter.is_ascii_alphanumeric()
            || matches!(delimiter, '"' | '\n' | '\r')
        {
            return Err(CsvMappingError::InvalidDelimiter(delimiter));
        }
        if let Some(thousands) = self.thousands_separator
            && (thousands == self.decimal_separator.as_char()
                || thousands == delimiter
                || thousands.is_ascii_digit()
                || thousands == '-')
        {
            return Err(CsvMappingError::InvalidThousandsSeparator(thousands));
        }
        for (role, name) in self.named_columns() {
            if name.trim().is_empty() {
                return Err(CsvMappingError::EmptyColumnName(role));
            }
        }
        if let AmountColumns::CreditDebit {
            credit_amount,
            debit_amount,
        } = &self.columns.amounts
            && credit_amount
                .trim()
                .eq_ignore_ascii_case(debit_amount.trim())
        {
            return Err(CsvMappingError::SameCreditAndDebitColumn(
                credit_amount.trim().to_owned(),
            ));
        }
        Ok(())
    }

    /// Every column the mapping names, with what it is for.
    fn named_columns(&self) -> Vec<(&'static str, &str)> {
        let columns = &self.columns;
        let mut named = vec![("the booking date", columns.booking_date.as_str())];
        match &columns.amounts {
            AmountColumns::Signed { amount } => named.push(("the amount", amount.as_str())),
            AmountColumns::CreditDebit {
                credit_amount,
                debit_amount,
            } => {
                named.push(("the credit amount", credit_amount.as_str()));
                named.push(("the debit amount", debit_amount.as_str()));
            }
        }
        let optional = [
            ("the value date", &columns.value_date),
            ("the counterparty name", &columns.counterparty_name),
            ("the counterparty account", &columns.counterparty_account),
            ("the communication", &columns.communication),
            ("the structured reference", &columns.structured_reference),
            ("the bank reference", &columns.bank_reference),
        ];
        for (role, name) in optional {
            if let Some(name) = name {
                named.push((role, name.as_str()));
            }
        }
        named
    }
}

/// Parses a CSV file with `mapping` into one statement with no account, identification or
/// balances: the importer knows the account, and a CSV export gives no balances.
pub fn parse(bytes: &[u8], mapping: &CsvMapping) -> Result<ParsedFile, ParseError> {
    mapping.validate().map_err(|error| {
        ParseError::new(
            Location::File,
            format!("the CSV column mapping cannot be used: {error}"),
        )
    })?;
    let text = decode(bytes);
    let mut delimiter = [0_u8; 4];
    let delimiter = mapping
        .delimiter
        .encode_utf8(&mut delimiter)
        .bytes()
        .next()
        .unwrap_or(b',');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => {
            return Err(ParseError::new(
                Location::File,
                "the CSV file is empty: its first row must name the columns",
            ));
        }
        Some(header) => header.map_err(csv_error)?,
    };
    let header_line = record_line(&header);
    let names: Vec<String> = header
        .iter()
        .map(|name| name.trim().to_lowercase())
        .collect();
    let find = |name: &str| -> Result<usize, ParseError> {
        let wanted = name.trim().to_lowercase();
        names
            .iter()
            .position(|candidate| *candidate == wanted)
            .ok_or_else(|| {
                ParseError::at_line(
                    header_line,
                    None,
                    format!(
                        "the header row has no column {:?}, which the mapping names (the columns are: {})",
                        name.trim(),
                        header
                            .iter()
                            .map(|name| format!("{:?}", name.trim()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    };
    let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
    let columns = &mapping.columns;
    let indices = Indices {
        booking_date: find(&columns.booking_date)?,
        value_date: optional(&columns.value_date)?,
        amounts: match &columns.amounts {
            AmountColumns::Signed { amount } => AmountIndices::Signed(find(amount)?),
            AmountColumns::CreditDebit {
                credit_amount,
                debit_amount,
            } => AmountIndices::CreditDebit(find(credit_amount)?, find(debit_amount)?),
        },
        counterparty_name: optional(&columns.counterparty_name)?,
        counterparty_account: optional(&columns.counterparty_account)?,
        communication: optional(&columns.communication)?,
        structured_reference: optional(&columns.structured_reference)?,
        bank_reference: optional(&columns.bank_reference)?,
    };
    let mut lines = Vec::new();
    for record in records {
        let record = record.map_err(csv_error)?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let row = Row {
            line: record_line(&record),
            record: &record,
        };
        lines.push(row.statement_line(mapping, &indices)?);
    }
    Ok(ParsedFile {
        format: StatementFormat::Csv,
        statements: vec![Statement {
            account: None,
            currency: mapping.currency,
            identification: None,
            opening_balance: None,
            closing_balance: None,
            lines,
        }],
    })
}

/// The file as text: UTF-8 when valid (a byte order mark is dropped), else Latin-1.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|byte| char::from(*byte)).collect(),
    }
}

fn record_line(record: &::csv::StringRecord) -> usize {
    record
        .position()
        .and_then(|position| usize::try_from(position.line()).ok())
        .unwrap_or(1)
}

/// A CSV reading error (a row with another number of fields than the header, mostly).
fn csv_error(error: ::csv::Error) -> ParseError {
    let line = error
        .position()
        .and_then(|position| usize::try_from(position.line()).ok());
    let reason = match error.kind() {
        ::csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields where the header row has {expected_len}"),
        _ => format!("the file cannot be read as CSV: {error}"),
    };
    match line {
        Some(line) => ParseError::at_line(line, None, reason),
        None => ParseError::new(Location::File, reason),
    }
}

/// The field index of every mapped column.
struct Indices {
    booking_date: usize,
    value_date: Option<usize>,
    amounts: AmountIndices,
    counterparty_name: Option<usize>,
    counterparty_account: Option<usize>,
    communication: Option<usize>,
    structured_reference: Option<usize>,
    bank_reference: Option<usize>,
}

enum AmountIndices {
    Signed(usize),
    CreditDebit(usize, usize),
}

/// One row of the file, with the 1-based line it starts on.
struct Row<'a> {
    line: usize,
    record: &'a ::csv::StringRecord,
}

impl Row<'_> {
    fn error(&self, index: usize, reason: impl Into<String>) -> ParseError {
        ParseError::at_line(self.line, Some(index + 1), reason)
    }

    /// The trimmed field at `index` (empty when the row is shorter).
    fn field(&self, index: usize) -> &str {
        self.record.get(index).unwrap_or_default().trim()
    }

    fn optional_text(&self, index: Option<usize>) -> Option<String> {
        let text = collapse(self.field(index?));
        (!text.is_empty()).then_some(text)
    }

    fn date(&self, index: usize, format: DateFormat, what: &str) -> Result<Date, ParseError> {
        let text = self.field(index);
        if text.is_empty() {
            return Err(self.error(index, format!("the {what} is empty")));
        }
        format.parse_date(text).ok_or_else(|| {
            self.error(
                index,
                format!("the {what} {text:?} is not a date written {format}"),
            )
        })
    }

    /// The amount at `index`, or `None` when the field is empty.
    fn amount(
        &self,
        index: usize,
        mapping: &CsvMapping,
        what: &str,
    ) -> Result<Option<Money>, ParseError> {
        let text = self.field(index);
        if text.is_empty() {
            return Ok(None);
        }
        parse_amount(text, mapping)
            .map(Some)
            .map_err(|reason| self.error(index, format!("the {what} {text:?} {reason}")))
    }

    fn statement_line(
        &self,
        mapping: &CsvMapping,
        indices: &Indices,
    ) -> Result<StatementLine, ParseError> {
        let booking_date = self.date(indices.booking_date, mapping.date_format, "booking date")?;
        let value_date = match indices.value_date {
            Some(index) if !self.field(index).is_empty() => {
                self.date(index, mapping.date_format, "value date")?
            }
            _ => booking_date,
        };
        let amount = match indices.amounts {
            AmountIndices::Signed(index) => self
                .amount(index, mapping, "amount")?
                .ok_or_else(|| self.error(index, "the amount is empty"))?,
            AmountIndices::CreditDebit(credit_index, debit_index) => {
                let zero = Money::zero(mapping.currency);
                let credit = self
                    .amount(credit_index, mapping, "credit amount")?
                    .filter(|money| !money.is_zero());
                let debit = self
                    .amount(debit_index, mapping, "debit amount")?
                    .filter(|money| !money.is_zero());
                match (credit, debit) {
                    (Some(_), Some(_)) => {
                        return Err(self.error(
                            debit_index,
                            "the row has both a credit and a debit amount; one of them must be empty or zero",
                        ));
                    }
                    (Some(credit), None) => credit,
                    (None, Some(debit)) if debit.is_negative() => debit,
                    (None, Some(debit)) => debit
                        .checked_neg()
                        .map_err(|error| self.error(debit_index, error.to_string()))?,
                    (None, None) => {
                        if self.field(credit_index).is_empty() && self.field(debit_index).is_empty()
                        {
                            return Err(self.error(
                                credit_index,
                                "the row has neither a credit nor a debit amount",
                            ));
                        }
                        zero
                    }
                }
            }
        };
        let counterparty_account =
            self.optional_text(indices.counterparty_account)
                .map(|account| match Iban::parse(&account) {
                    Ok(iban) => iban.as_compact().to_owned(),
                    Err(_) => account,
                });
        Ok(StatementLine {
            booking_date,
            value_date,
            amount,
            reversal: false,
            counterparty_name: self.optional_text(indices.counterparty_name),
            counterparty_account,
            structured_reference: indices
                .structured_reference
                .map(|index| self.field(index).to_owned())
                .filter(|reference| !reference.is_empty()),
            free_text: self
                .optional_text(indices.communication)
                .unwrap_or_default(),
            bank_reference: self.optional_text(indices.bank_reference),
            transaction_code: None,
        })
    }
}

/// Reads an amount written with the mapping's separators; the error completes a sentence
/// about the field.
fn parse_amount(text: &str, mapping: &CsvMapping) -> Result<Money, String> {
    let mut cleaned: String = text
        .chars()
        .filter(|c| Some(*c) != mapping.thousands_separator && !c.is_whitespace())
        .collect();
    if let Some(unsigned) = cleaned.strip_prefix('+') {
        cleaned = unsigned.to_owned();
    }
    let (decimal, other) = match mapping.decimal_separator {
        DecimalSeparator::Point => ('.', ','),
        DecimalSeparator::Comma => (',', '.'),
    };
    if cleaned.contains(other) {
        return Err(format!(
            "has a {other:?}, but the mapping writes decimals after {decimal:?}{}",
            match mapping.thousands_separator {
                Some(thousands) => format!(" and groups thousands with {thousands:?}"),
                None => " and has no thousands separator".to_owned(),
            }
        ));
    }
    Money::parse(&cleaned.replace(decimal, "."), mapping.currency).map_err(|error| match error {
        MoneyError::TooManyDecimals { currency, max } => {
            format!("has more decimals than {currency} allows (at most {max})")
        }
        MoneyError::InvalidAmount | MoneyError::Empty => format!(
            "is not an amount written with {decimal:?} before the decimals{}",
            match mapping.thousands_separator {
                Some(thousands) => format!(" and {thousands:?} between thousands"),
                None => String::new(),
            }
        ),
        other => format!("cannot be read: {other}"),
    })
}

/// The text with its runs of white space made one space, and trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
