//! Recognising a statement file's format from its content, and parsing it.

use crate::csv::CsvMapping;
use crate::statement::{Location, ParseError, ParsedFile, StatementFormat};

/// The format of a statement file, from its first bytes: XML whose root is a camt.053
/// `Document`; a CODA file (128-character records, the first a header record `0`); anything
/// else that is text is taken for CSV.
pub fn detect(bytes: &[u8]) -> Option<StatementFormat> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .and_then(|at| text.get(at..))?;
    if start.starts_with(b"<") {
        return Some(StatementFormat::Camt053);
    }
    if crate::coda::looks_like_coda(start) {
        return Some(StatementFormat::Coda);
    }
    // A text file (UTF-8, or a single-byte encoding such as Latin-1): no NUL bytes.
    if !start.contains(&0) {
        return Some(StatementFormat::Csv);
    }
    None
}

/// Parses a statement file of any supported format. A CSV file needs the mapping saved for its
/// bank account.
pub fn parse(bytes: &[u8], csv_mapping: Option<&CsvMapping>) -> Result<ParsedFile, ParseError> {
    match detect(bytes) {
        None => Err(ParseError::new(
            Location::File,
            "the file is empty or is not a bank statement (camt.053, CODA or CSV)",
        )),
        Some(StatementFormat::Camt053) => crate::camt::parse(bytes),
        Some(StatementFormat::Coda) => crate::coda::parse(bytes),
        Some(StatementFormat::Csv) => match csv_mapping {
            Some(mapping) => crate::csv::parse(bytes, mapping),
            None => Err(ParseError::new(
                Location::File,
                "this looks like a CSV file, and no column mapping is saved for its bank account",
            )),
        },
    }
}
