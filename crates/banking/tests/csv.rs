//! CSV statements read through a column mapping.

use coopshares_banking::csv::{
    AmountColumns, CsvMapping, CsvMappingError, DateFormat, DecimalSeparator, parse,
};
use coopshares_banking::{Location, ParseError, Statement, StatementFormat};
use coopshares_domain::money::{Currency, Money};
use proptest::prelude::*;
use time::macros::date;

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR)
}

/// A mapping with one signed amount column, `,` between fields, `.` before decimals.
fn signed_mapping() -> CsvMapping {
    let mut mapping = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    );
    mapping.columns.value_date = Some("Value date".to_owned());
    mapping.columns.counterparty_name = Some("Name".to_owned());
    mapping.columns.counterparty_account = Some("Account".to_owned());
    mapping.columns.communication = Some("Communication".to_owned());
    mapping.columns.structured_reference = Some("Reference".to_owned());
    mapping.columns.bank_reference = Some("Id".to_owned());
    mapping
}

/// A Belgian-style export: `;` between fields, `,` before decimals, `.` between thousands,
/// dates `dd/mm/yyyy`, separate credit and debit columns.
fn credit_debit_mapping() -> CsvMapping {
    let mut mapping = CsvMapping::new(
        DateFormat::DaySlashMonthSlashYear,
        Currency::EUR,
        "Datum",
        AmountColumns::CreditDebit {
            credit_amount: "Credit".to_owned(),
            debit_amount: "Debet".to_owned(),
        },
    );
    mapping.delimiter = ';';
    mapping.decimal_separator = DecimalSeparator::Comma;
    mapping.thousands_separator = Some('.');
    mapping.columns.communication = Some("Mededeling".to_owned());
    mapping
}

fn only_statement(bytes: &[u8], mapping: &CsvMapping) -> Statement {
    let parsed = match parse(bytes, mapping) {
        Ok(parsed) => parsed,
        Err(error) => panic!("the file should parse: {error}"),
    };
    assert_eq!(parsed.format, StatementFormat::Csv);
    assert_eq!(parsed.statements.len(), 1);
    let Some(statement) = parsed.statements.into_iter().next() else {
        panic!("no statement");
    };
    statement
}

fn line_and_column(error: &ParseError) -> (usize, Option<usize>) {
    match error.location {
        Location::Line { line, column } => (line, column),
        ref other => panic!("expected a line location, got {other:?}"),
    }
}

#[test]
fn a_signed_amount_mapping_reads_every_column() {
    let statement = only_statement(include_bytes!("fixtures/csv/signed.csv"), &signed_mapping());
    assert_eq!(statement.account, None);
    assert_eq!(statement.identification, None);
    assert_eq!(statement.opening_balance, None);
    assert_eq!(statement.closing_balance, None);
    assert_eq!(statement.currency, Currency::EUR);
    assert_eq!(statement.lines.len(), 3);

    let first = &statement.lines[0];
    assert_eq!(first.booking_date, date!(2025 - 01 - 17));
    assert_eq!(first.value_date, date!(2025 - 01 - 16));
    assert_eq!(first.amount, eur(25_000));
    assert_eq!(first.counterparty_name.as_deref(), Some("John Doe"));
    assert_eq!(
        first.counterparty_account.as_deref(),
        Some("BE71096123456769")
    );
    assert_eq!(
        first.structured_reference.as_deref(),
        Some("+++010/8068/17183+++")
    );
    assert_eq!(first.free_text, "Shares");
    assert_eq!(first.bank_reference.as_deref(), Some("TX-1"));
    assert_eq!(first.transaction_code, None);
    assert!(!first.reversal);

    let second = &statement.lines[1];
    assert_eq!(second.amount, eur(-3_550));
    assert_eq!(
        second.value_date, second.booking_date,
        "an empty value date"
    );
    assert_eq!(second.structured_reference, None);
    assert_eq!(
        second.counterparty_account.as_deref(),
        Some("123-4567890-12")
    );

    assert_eq!(statement.lines[2].amount, eur(12));
}

#[test]
fn a_credit_and_debit_mapping_with_a_decimal_comma_and_thousands_points() {
    let bytes = include_bytes!("fixtures/csv/credit-debit.csv");
    let statement = only_statement(bytes, &credit_debit_mapping());
    let amounts: Vec<Money> = statement.lines.iter().map(|line| line.amount).collect();
    assert_eq!(
        amounts,
        vec![eur(123_456), eur(-123_456_789), eur(-50), eur(0)]
    );
    assert_eq!(statement.lines[0].booking_date, date!(2025 - 01 - 05));
    assert_eq!(
        statement.lines[0].free_text,
        "+++010/8068/17183+++ membership"
    );
}

#[test]
fn a_quoted_field_may_hold_the_delimiter_quotes_and_a_line_break() {
    let text = "Date,Amount,Communication\n\
                2025-01-17,\"1,5\",x\n";
    let mut mapping = signed_mapping();
    mapping.columns.value_date = None;
    mapping.columns.counterparty_name = None;
    mapping.columns.counterparty_account = None;
    mapping.columns.structured_reference = None;
    mapping.columns.bank_reference = None;
    mapping.decimal_separator = DecimalSeparator::Comma;
    let statement = only_statement(text.as_bytes(), &mapping);
    assert_eq!(statement.lines[0].amount, eur(150));

    let text = "Date,Amount,Communication\n\
                2025-01-17,10,\"Shares, \"\"class A\"\",\nfor Jane\"\n\
                2025-01-18,xx,\n";
    mapping.decimal_separator = DecimalSeparator::Point;
    let error = parse(text.as_bytes(), &mapping).unwrap_err();
    // The second row starts on line 4, after the line break inside the quoted field.
    assert_eq!(line_and_column(&error), (4, Some(2)));
    let statement = only_statement(
        &text.as_bytes()[..text.find("2025-01-18").unwrap()],
        &mapping,
    );
    assert_eq!(
        statement.lines[0].free_text,
        "Shares, \"class A\", for Jane"
    );
}

#[test]
fn a_bad_date_is_refused_with_its_line_and_column() {
    let text = "Id,Date,Amount\nA,2025-01-17,1.00\nB,17/01/2025,2.00\n";
    let mut mapping = signed_mapping();
    mapping.columns = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "date",
        AmountColumns::Signed {
            amount: " AMOUNT ".to_owned(),
        },
    )
    .columns;
    let error = parse(text.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error), (3, Some(2)));
    assert!(error.reason.contains("17/01/2025"), "{}", error.reason);
    assert!(error.reason.contains("yyyy-mm-dd"), "{}", error.reason);
}

#[test]
fn dates_in_every_format() {
    let cases = [
        (DateFormat::DaySlashMonthSlashYear, "31/12/2025"),
        (DateFormat::DayDotMonthDotYear, "31.12.2025"),
        (DateFormat::DayDashMonthDashYear, "31-12-2025"),
        (DateFormat::YearDashMonthDashDay, "2025-12-31"),
    ];
    for (format, text) in cases {
        assert_eq!(
            format.parse_date(text),
            Some(date!(2025 - 12 - 31)),
            "{format}"
        );
    }
    assert_eq!(
        DateFormat::DaySlashMonthSlashYear.parse_date("1/2/2025"),
        Some(date!(2025 - 02 - 01))
    );
    assert_eq!(
        DateFormat::DaySlashMonthSlashYear.parse_date("31/02/2025"),
        None
    );
    assert_eq!(
        DateFormat::DaySlashMonthSlashYear.parse_date("31/12/25"),
        None
    );
    assert_eq!(
        DateFormat::YearDashMonthDashDay.parse_date("2025-12-31-1"),
        None
    );
}

#[test]
fn more_decimals_than_the_currency_allows_are_refused() {
    let text = "Date,Amount\n2025-01-17,1.234\n";
    let mapping = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    );
    let error = parse(text.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error), (2, Some(2)));
    assert!(
        error.reason.contains("more decimals than EUR allows"),
        "{}",
        error.reason
    );
}

#[test]
fn a_separator_the_mapping_does_not_expect_is_refused() {
    // With `.` for decimals and no thousands separator, `1,234` is ambiguous.
    let text = "Date,Amount\n2025-01-17,\"1,234\"\n";
    let mapping = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    );
    let error = parse(text.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error), (2, Some(2)));
}

#[test]
fn a_missing_header_is_refused_on_line_1_by_name() {
    let text = "Datum;Credit;Debit;Mededeling\n05/01/2025;1,00;;x\n";
    let error = parse(text.as_bytes(), &credit_debit_mapping()).unwrap_err();
    assert_eq!(line_and_column(&error), (1, None));
    assert!(error.reason.contains("\"Debet\""), "{}", error.reason);
}

#[test]
fn a_row_with_another_number_of_fields_is_refused() {
    let text = "Date,Amount\n2025-01-17,1.00\n2025-01-18,2.00,extra\n";
    let mapping = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    );
    let error = parse(text.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error).0, 3);
}

#[test]
fn both_or_neither_of_credit_and_debit_is_refused() {
    let mapping = credit_debit_mapping();
    let both = "Datum;Credit;Debet;Mededeling\n05/01/2025;1,00;2,00;x\n";
    let error = parse(both.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error), (2, Some(3)));
    let neither = "Datum;Credit;Debet;Mededeling\n05/01/2025;;;x\n";
    let error = parse(neither.as_bytes(), &mapping).unwrap_err();
    assert_eq!(line_and_column(&error), (2, Some(2)));
}

#[test]
fn latin_1_a_byte_order_mark_and_empty_rows_are_accepted() {
    let mut mapping = credit_debit_mapping();
    mapping.columns.counterparty_name = Some("Naam".to_owned());
    mapping.columns.communication = None;
    let latin_1 = b"Datum;Credit;Debet;Naam\n\n05/01/2025;1,00;;Ren\xE9e\n;;;\n";
    let statement = only_statement(latin_1, &mapping);
    assert_eq!(statement.lines.len(), 1);
    assert_eq!(
        statement.lines[0].counterparty_name.as_deref(),
        Some("Renée")
    );

    let utf8 = "\u{FEFF}Datum;Credit;Debet;Naam\n05/01/2025;1,00;;Renée\n";
    let statement = only_statement(utf8.as_bytes(), &mapping);
    assert_eq!(
        statement.lines[0].counterparty_name.as_deref(),
        Some("Renée")
    );
}

#[test]
fn a_header_only_file_has_no_lines_and_an_empty_file_is_refused() {
    let mapping = credit_debit_mapping();
    let statement = only_statement(b"Datum;Credit;Debet;Mededeling\n", &mapping);
    assert!(statement.lines.is_empty());
    assert_eq!(parse(b"", &mapping).unwrap_err().location, Location::File);
}

#[test]
fn the_mapping_is_saved_as_stable_json() {
    let mapping = credit_debit_mapping();
    let json = serde_json::to_string(&mapping).unwrap_or_else(|e| panic!("{e}"));
    let back: CsvMapping = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, mapping);
    assert_eq!(
        json,
        r#"{"delimiter":";","decimal_separator":",","thousands_separator":".","date_format":"dd/mm/yyyy","currency":"EUR","columns":{"booking_date":"Datum","value_date":null,"amounts":{"form":"credit_debit","credit_amount":"Credit","debit_amount":"Debet"},"counterparty_name":null,"counterparty_account":null,"communication":"Mededeling","structured_reference":null,"bank_reference":null}}"#
    );
}

#[test]
fn a_mapping_that_cannot_work_is_explained() {
    let mut mapping = credit_debit_mapping();
    mapping.thousands_separator = Some(',');
    assert_eq!(
        mapping.validate(),
        Err(CsvMappingError::InvalidThousandsSeparator(','))
    );
    let error = parse(b"Datum;Credit;Debet\n", &mapping).unwrap_err();
    assert_eq!(error.location, Location::File);
    assert!(
        error.reason.contains("thousands separator"),
        "{}",
        error.reason
    );

    let mut mapping = credit_debit_mapping();
    mapping.delimiter = '"';
    assert_eq!(
        mapping.validate(),
        Err(CsvMappingError::InvalidDelimiter('"'))
    );
    mapping.delimiter = '€';
    assert_eq!(
        mapping.validate(),
        Err(CsvMappingError::InvalidDelimiter('€'))
    );

    let mut mapping = credit_debit_mapping();
    mapping.columns.amounts = AmountColumns::CreditDebit {
        credit_amount: "Bedrag".to_owned(),
        debit_amount: " bedrag".to_owned(),
    };
    assert!(matches!(
        mapping.validate(),
        Err(CsvMappingError::SameCreditAndDebitColumn(_))
    ));

    let mut mapping = credit_debit_mapping();
    mapping.columns.communication = Some("  ".to_owned());
    assert!(matches!(
        mapping.validate(),
        Err(CsvMappingError::EmptyColumnName(_))
    ));
    assert_eq!(credit_debit_mapping().validate(), Ok(()));
    assert_eq!(signed_mapping().validate(), Ok(()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(&bytes, &signed_mapping());
        let _ = parse(&bytes, &credit_debit_mapping());
    }

    #[test]
    fn mutated_valid_files_never_panic(
        changes in proptest::collection::vec((0_usize..1000, any::<u8>()), 1..8),
        cut in 0_usize..1000,
    ) {
        for (fixture, mapping) in [
            (&include_bytes!("fixtures/csv/signed.csv")[..], signed_mapping()),
            (&include_bytes!("fixtures/csv/credit-debit.csv")[..], credit_debit_mapping()),
        ] {
            let mut bytes = fixture.to_vec();
            for (position, byte) in &changes {
                let position = position % bytes.len();
                bytes[position] = *byte;
            }
            let _ = parse(&bytes, &mapping);
            bytes.truncate(cut % (bytes.len() + 1));
            let _ = parse(&bytes, &mapping);
        }
    }

    #[test]
    fn amounts_written_with_thousands_read_back(cents in -99_999_999_999_i64..99_999_999_999) {
        let whole = (cents.abs() / 100).to_string();
        let mut grouped = String::new();
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        let sign = if cents < 0 { "-" } else { "" };
        let text = format!(
            "Datum;Credit;Debet;Mededeling\n01/02/2025;\"{sign}{grouped},{:02}\";;x\n",
            cents.abs() % 100
        );
        let statement = only_statement(text.as_bytes(), &credit_debit_mapping());
        prop_assert_eq!(statement.lines[0].amount, eur(cents));
    }
}
