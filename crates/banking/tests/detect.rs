//! Recognising a statement file's format from its content.

use coopshares_banking::csv::{AmountColumns, CsvMapping, DateFormat};
use coopshares_banking::{Location, StatementFormat, detect, parse};
use coopshares_domain::money::Currency;

const CAMT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt>
</Document>
"#;

fn mapping() -> CsvMapping {
    CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    )
}

#[test]
fn camt_xml_is_camt_053() {
    assert_eq!(detect(CAMT.as_bytes()), Some(StatementFormat::Camt053));
    let with_bom = format!("\u{FEFF}\n  {CAMT}");
    assert_eq!(detect(with_bom.as_bytes()), Some(StatementFormat::Camt053));
}

#[test]
fn a_coda_file_is_coda_and_parses_as_coda() {
    let bytes = include_bytes!("fixtures/coda/simple.cod");
    assert_eq!(detect(bytes), Some(StatementFormat::Coda));
    let parsed = parse(bytes, None).unwrap();
    assert_eq!(parsed.format, StatementFormat::Coda);
    assert_eq!(parsed.statements[0].lines.len(), 2);
    let crlf = String::from_utf8_lossy(bytes).replace('\n', "\r\n");
    assert_eq!(detect(crlf.as_bytes()), Some(StatementFormat::Coda));
}

#[test]
fn a_csv_file_is_csv_and_needs_a_mapping() {
    let bytes = b"Date,Amount\n2025-01-17,1.00\n";
    assert_eq!(detect(bytes), Some(StatementFormat::Csv));
    let parsed = parse(bytes, Some(&mapping())).unwrap();
    assert_eq!(parsed.format, StatementFormat::Csv);
    assert_eq!(parsed.statements[0].lines.len(), 1);
    let error = parse(bytes, None).unwrap_err();
    assert_eq!(error.location, Location::File);
    // A line starting with 0000 that is not 128 characters long is not CODA.
    assert_eq!(detect(b"0000,1.00\n"), Some(StatementFormat::Csv));
}

#[test]
fn an_empty_file_is_nothing() {
    assert_eq!(detect(b""), None);
    assert_eq!(detect(b" \r\n\t\n"), None);
    assert_eq!(detect(b"\xEF\xBB\xBF"), None);
    assert_eq!(
        parse(b"", Some(&mapping())).unwrap_err().location,
        Location::File
    );
}
