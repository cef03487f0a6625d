//! CODA statements written here from the Febelfin layout, one field at a time, so each test
//! shows where every value sits in its 128-character record (positions are 1-based).

use coopshares_banking::coda::{looks_like_coda, parse};
use coopshares_banking::{Location, ParseError, ParsedFile, Statement, StatementFormat};
use coopshares_domain::money::{Currency, Money};
use coopshares_domain::reference::{PaymentReference, find_references};
use proptest::prelude::*;
use time::macros::date;

// ---------------------------------------------------------------------------------------------
// Writing records
// ---------------------------------------------------------------------------------------------

/// A record of 128 spaces, filled field by field.
#[derive(Clone)]
struct Rec(Vec<char>);

impl Rec {
    /// A record starting with `start` (its type, and article code for 2.x and 3.x).
    fn new(start: &str) -> Self {
        Rec(vec![' '; 128]).at(1, start)
    }

    /// Writes `text` from the 1-based position `position`; the field must fit in the record.
    fn at(mut self, position: usize, text: &str) -> Self {
        for (offset, character) in text.chars().enumerate() {
            let Some(slot) = self.0.get_mut(position - 1 + offset) else {
                panic!("the field {text:?} at {position} goes beyond position 128");
            };
            *slot = character;
        }
        self
    }

    fn text(&self) -> String {
        self.0.iter().collect()
    }
}

/// A sign digit and 15 digits with 3 implied decimals, from cents (negative for a debit).
fn amount(cents: i64) -> String {
    let sign = if cents < 0 { '1' } else { '0' };
    format!("{sign}{:015}", cents.unsigned_abs() * 10)
}

const ACCOUNT: &str = "BE68539007547034";

/// Record 0: creation date 6–11, bank 12–14, version 2 at 128.
fn header() -> Rec {
    Rec::new("0000").at(6, "150125").at(12, "539").at(128, "2")
}

/// Record 1 with a Belgian IBAN (structure 2): statement number 3–5, IBAN 6–21, currency 40–42,
/// sign 43, balance 44–58, date 59–64.
fn old_balance(statement: &str, cents: i64, date: &str) -> Rec {
    Rec::new("12")
        .at(3, statement)
        .at(6, ACCOUNT)
        .at(40, "EUR")
        .at(43, &amount(cents))
        .at(59, date)
        .at(65, "COOP DEMO")
}

/// Record 2.1: sequence 3–6, detail 7–10, bank reference 11–31, sign 32, amount 33–47, value
/// date 48–53, transaction code 54–61, communication type 62 (free here), communication 63–115,
/// entry date 116–121, statement number 122–124, globalisation 125.
fn movement(sequence: &str, detail: &str, cents: i64, communication: &str) -> Rec {
    Rec::new("21")
        .at(3, sequence)
        .at(7, detail)
        .at(11, &format!("REF{sequence}{detail}"))
        .at(32, &amount(cents))
        .at(48, "160125")
        .at(54, "00150000")
        .at(62, "0")
        .at(63, communication)
        .at(116, "170125")
        .at(122, "001")
        .at(125, "0")
}

/// Record 2.1 with a structured communication: `1` at 62, type 101 at 63–65, OGM at 66–77.
fn movement_with_ogm(sequence: &str, cents: i64, ogm: &str) -> Rec {
    movement(sequence, "0000", cents, "")
        .at(62, "1")
        .at(63, "101")
        .at(66, ogm)
}

/// Record 2.2: communication continued 11–63, client reference 64–98, BIC 99–109.
fn movement_2_2(sequence: &str, detail: &str, communication: &str) -> Rec {
    Rec::new("22")
        .at(3, sequence)
        .at(7, detail)
        .at(11, communication)
        .at(99, "GEBABEBB")
}

/// Record 2.3: counterparty account 11–47, name 48–82, communication continued 83–125.
fn movement_2_3(
    sequence: &str,
    detail: &str,
    account: &str,
    name: &str,
    communication: &str,
) -> Rec {
    Rec::new("23")
        .at(3, sequence)
        .at(7, detail)
        .at(11, account)
        .at(48, name)
        .at(83, communication)
}

/// Record 8: statement number 2–4, account 5–41, sign 42, balance 43–57, date 58–63.
fn new_balance(statement: &str, cents: i64, date: &str) -> Rec {
    Rec::new("8")
        .at(2, statement)
        .at(5, ACCOUNT)
        .at(39, "EUR")
        .at(42, &amount(cents))
        .at(58, date)
}

/// Record 9: number of records 17–22, total debits 23–37, total credits 38–52 (in cents here).
fn trailer(debit_cents: i64, credit_cents: i64) -> Rec {
    Rec::new("9")
        .at(17, "000010")
        .at(23, &format!("{:015}", debit_cents * 10))
        .at(38, &format!("{:015}", credit_cents * 10))
        .at(128, "2")
}

fn lines(records: &[Rec], separator: &str, final_newline: bool) -> String {
    let mut text = records
        .iter()
        .map(Rec::text)
        .collect::<Vec<_>>()
        .join(separator);
    if final_newline {
        text.push_str(separator);
    }
    text
}

fn file(records: &[Rec]) -> Vec<u8> {
    lines(records, "\n", true).into_bytes()
}

fn eur(cents: i64) -> Money {
    Money::from_minor(cents, Currency::EUR)
}

fn parse_ok(bytes: &[u8]) -> ParsedFile {
    match parse(bytes) {
        Ok(parsed) => parsed,
        Err(error) => panic!("the file should parse: {error}"),
    }
}

fn only_statement(bytes: &[u8]) -> Statement {
    let parsed = parse_ok(bytes);
    assert_eq!(parsed.format, StatementFormat::Coda);
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

/// A statement with a credit carrying an OGM and a debit with free text.
fn simple_records() -> Vec<Rec> {
    vec![
        header(),
        old_balance("001", 100_000, "150125"),
        movement_with_ogm("0001", 25_000, "010806817183"),
        movement("0002", "0000", -3_550, "INVOICE 42 PAPER"),
        new_balance("001", 121_450, "170125"),
        trailer(3_550, 25_000),
    ]
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

#[test]
fn simple_statement_with_an_ogm_credit_and_a_debit() {
    let statement = only_statement(&file(&simple_records()));
    assert_eq!(statement.account.as_deref(), Some(ACCOUNT));
    assert_eq!(statement.currency, Currency::EUR);
    assert_eq!(statement.identification.as_deref(), Some("001"));
    let opening = statement.opening_balance.unwrap();
    assert_eq!(
        (opening.amount, opening.date),
        (eur(100_000), date!(2025 - 01 - 15))
    );
    let closing = statement.closing_balance.unwrap();
    assert_eq!(
        (closing.amount, closing.date),
        (eur(121_450), date!(2025 - 01 - 17))
    );
    assert_eq!(statement.lines.len(), 2);

    let credit = &statement.lines[0];
    assert_eq!(credit.amount, eur(25_000));
    assert!(credit.is_credit());
    assert!(!credit.reversal);
    assert_eq!(credit.structured_reference.as_deref(), Some("010806817183"));
    assert_eq!(credit.free_text, "");
    assert_eq!(credit.booking_date, date!(2025 - 01 - 17));
    assert_eq!(credit.value_date, date!(2025 - 01 - 16));
    assert_eq!(credit.bank_reference.as_deref(), Some("REF00010000"));
    assert_eq!(credit.transaction_code.as_deref(), Some("00150000"));
    assert_eq!(credit.counterparty_name, None);
    assert_eq!(credit.counterparty_account, None);

    let debit = &statement.lines[1];
    assert_eq!(debit.amount, eur(-3_550));
    assert_eq!(debit.structured_reference, None);
    assert_eq!(debit.free_text, "INVOICE 42 PAPER");

    assert_eq!(statement.check_balances(), Ok(()));
}

#[test]
fn the_simple_fixture_file_reads_like_the_written_records() {
    let fixture = include_bytes!("fixtures/coda/simple.cod");
    assert_eq!(
        String::from_utf8_lossy(fixture),
        lines(&simple_records(), "\n", true)
    );
    assert_eq!(parse_ok(fixture), parse_ok(&file(&simple_records())));
}

#[test]
fn a_structured_communication_of_another_type_is_kept_as_text() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 1_000, "")
            .at(62, "1")
            .at(63, "127")
            .at(66, "DIRECT DEBIT 12345"),
        new_balance("001", 1_000, "170125"),
        trailer(0, 1_000),
    ];
    let statement = only_statement(&file(&records));
    assert_eq!(statement.lines[0].structured_reference, None);
    assert_eq!(statement.lines[0].free_text, "DIRECT DEBIT 12345");
}

#[test]
fn free_communication_over_2_1_2_2_2_3_with_an_ogm_typed_by_the_payer() {
    // 53 characters in the 2.1, then the 2.2 and the 2.3 continue the same words.
    let part_1 = "MEMBERSHIP SHARES FOR JOHN AND JANE, PLEASE SEE +++01";
    assert_eq!(part_1.chars().count(), 53);
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 50_000, part_1),
        movement_2_2("0001", "0000", "0/8068/17183+++ THANK   YOU"),
        movement_2_3(
            "0001",
            "0000",
            "BE71096123456769 EUR",
            "JOHN   DOE",
            "  AND GOOD LUCK",
        ),
        new_balance("001", 50_000, "170125"),
        trailer(0, 50_000),
    ];
    let statement = only_statement(&file(&records));
    let line = &statement.lines[0];
    assert_eq!(
        line.free_text,
        "MEMBERSHIP SHARES FOR JOHN AND JANE, PLEASE SEE +++010/8068/17183+++ THANK YOU AND GOOD LUCK"
    );
    assert_eq!(line.structured_reference, None);
    assert_eq!(
        line.counterparty_account.as_deref(),
        Some("BE71096123456769")
    );
    assert_eq!(line.counterparty_name.as_deref(), Some("JOHN DOE"));
    let found = find_references(&line.free_text);
    assert_eq!(
        found,
        vec![PaymentReference::parse("010806817183").unwrap()]
    );
}

#[test]
fn the_client_reference_of_the_2_2_is_added_to_the_free_text() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", -1_000, ""),
        movement_2_2("0001", "0000", "").at(64, "ACERTA/I/123/250117"),
        movement("0002", "0000", -2_000, "RENT"),
        movement_2_2("0002", "0000", "").at(64, "NOTPROVIDED"),
        new_balance("001", -3_000, "170125"),
        trailer(3_000, 0),
    ];
    let statement = only_statement(&file(&records));
    assert_eq!(statement.lines[0].free_text, "ACERTA/I/123/250117");
    assert_eq!(statement.lines[1].free_text, "RENT");
}

#[test]
fn information_records_add_their_text_to_the_movement() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement_with_ogm("0001", 2_500, "010806817183"),
        movement_2_3("0001", "0000", "BE71096123456769", "JOHN DOE", ""),
        // 3.1: sequence 3–6, detail 7–10, bank reference 11–31, code 32–39, structure flag 40
        // (1: a 3-digit type, here 001 name and address, then the data from 44), text to 113.
        Rec::new("31")
            .at(3, "0001")
            .at(7, "0001")
            .at(11, "REF00010000")
            .at(32, "00150000")
            .at(40, "1")
            .at(41, "001")
            .at(44, "JOHN DOE"),
        // 3.2: text 11–115.
        Rec::new("32")
            .at(3, "0001")
            .at(7, "0001")
            .at(11, "RUE DE LA LOI 16")
            .at(46, "1000    BRUXELLES"),
        movement("0002", "0000", -700, "BANK COSTS"),
        // 3.1 without structure: text from 41.
        Rec::new("31")
            .at(3, "0002")
            .at(7, "0001")
            .at(40, "0")
            .at(41, "JANUARY"),
        new_balance("001", 1_800, "170125"),
        trailer(700, 2_500),
    ];
    let statement = only_statement(&file(&records));
    let first = &statement.lines[0];
    assert_eq!(first.structured_reference.as_deref(), Some("010806817183"));
    assert_eq!(first.free_text, "JOHN DOE RUE DE LA LOI 16 1000 BRUXELLES");
    assert_eq!(statement.lines[1].free_text, "BANK COSTS JANUARY");
    assert_eq!(statement.check_balances(), Ok(()));
}

#[test]
fn a_globalised_movement_is_replaced_by_its_details() {
    let records = vec![
        header(),
        old_balance("001", 10_000, "150125"),
        // The total (detail 0000, globalisation code 1), then its two details.
        movement("0001", "0000", -10_000, "COLLECTIVE PAYMENT").at(125, "1"),
        movement("0001", "0001", -6_000, "FIRST"),
        movement("0001", "0002", -4_000, "SECOND").at(125, "1"),
        movement("0002", "0000", 1_000, "AFTER"),
        new_balance("001", 1_000, "170125"),
        trailer(10_000, 1_000),
    ];
    let statement = only_statement(&file(&records));
    let amounts: Vec<Money> = statement.lines.iter().map(|line| line.amount).collect();
    assert_eq!(amounts, vec![eur(-6_000), eur(-4_000), eur(1_000)]);
    let references: Vec<Option<&str>> = statement
        .lines
        .iter()
        .map(|line| line.bank_reference.as_deref())
        .collect();
    assert_eq!(
        references,
        vec![
            Some("REF00010001/0001"),
            Some("REF00010002/0002"),
            Some("REF00020000")
        ]
    );
    assert_eq!(statement.lines[0].free_text, "FIRST");
    assert_eq!(statement.check_balances(), Ok(()));
}

#[test]
fn a_globalised_total_without_details_is_imported() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", -10_000, "COLLECTIVE PAYMENT").at(125, "1"),
        new_balance("001", -10_000, "170125"),
        trailer(10_000, 0),
    ];
    let statement = only_statement(&file(&records));
    assert_eq!(statement.lines.len(), 1);
    assert_eq!(statement.lines[0].amount, eur(-10_000));
    assert_eq!(statement.check_balances(), Ok(()));
}

#[test]
fn a_globalised_total_counted_in_the_trailer_twice_is_refused() {
    // A trailer that counts the total and its details: the file disagrees with itself.
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", -10_000, "").at(125, "1"),
        movement("0001", "0001", -6_000, ""),
        movement("0001", "0002", -4_000, "").at(125, "1"),
        new_balance("001", -10_000, "170125"),
        trailer(20_000, 0),
    ];
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (7, Some(23)));
}

#[test]
fn two_statements_in_one_file() {
    let mut records = simple_records();
    records.extend([
        header(),
        old_balance("002", 121_450, "170125"),
        movement("0001", "0000", -450, "FEES").at(122, "002"),
        new_balance("002", 121_000, "180125"),
        trailer(450, 0),
    ]);
    let parsed = parse_ok(&file(&records));
    assert_eq!(parsed.statements.len(), 2);
    let identifications: Vec<Option<&str>> = parsed
        .statements
        .iter()
        .map(|statement| statement.identification.as_deref())
        .collect();
    assert_eq!(identifications, vec![Some("001"), Some("002")]);
    assert_eq!(parsed.statements[1].lines.len(), 1);
    assert_eq!(parsed.statements[1].lines[0].amount, eur(-450));
    for statement in &parsed.statements {
        assert_eq!(statement.check_balances(), Ok(()));
    }
}

#[test]
fn two_statements_under_one_header_and_trailer() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 1_000, "ONE"),
        new_balance("001", 1_000, "150125"),
        old_balance("002", 1_000, "150125"),
        movement("0001", "0000", -300, "TWO"),
        new_balance("002", 700, "160125"),
        trailer(300, 1_000),
    ];
    let parsed = parse_ok(&file(&records));
    assert_eq!(parsed.statements.len(), 2);
    assert_eq!(parsed.statements[1].lines[0].free_text, "TWO");
}

#[test]
fn crlf_lf_and_no_final_newline_read_the_same() {
    let records = simple_records();
    let expected = parse_ok(&file(&records));
    for (separator, final_newline) in [("\r\n", true), ("\r\n", false), ("\n", false)] {
        let text = lines(&records, separator, final_newline);
        assert_eq!(
            parse_ok(text.as_bytes()),
            expected,
            "{separator:?} {final_newline}"
        );
    }
}

#[test]
fn a_latin_1_name_is_read() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 1_000, "CAFÉ"),
        movement_2_3("0001", "0000", "BE71096123456769", "RENÉE DUPRÉ", ""),
        new_balance("001", 1_000, "170125"),
        trailer(0, 1_000),
    ];
    let text = lines(&records, "\n", true);
    let latin_1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    assert!(std::str::from_utf8(&latin_1).is_err());
    let statement = only_statement(&latin_1);
    assert_eq!(
        statement.lines[0].counterparty_name.as_deref(),
        Some("RENÉE DUPRÉ")
    );
    assert_eq!(statement.lines[0].free_text, "CAFÉ");
    // The same text in UTF-8 (two bytes for É) reads the same.
    assert_eq!(only_statement(text.as_bytes()), statement);
}

#[test]
fn a_belgian_account_number_structure_is_read() {
    // Structure 0: account 6–17, currency 19–21.
    let records = vec![
        header(),
        Rec::new("10")
            .at(3, "139")
            .at(6, "539007547034")
            .at(19, "EUR")
            .at(43, &amount(5_000))
            .at(59, "150125"),
        new_balance("139", 5_000, "170125"),
        trailer(0, 0),
    ];
    let statement = only_statement(&file(&records));
    assert_eq!(statement.account.as_deref(), Some("539007547034"));
    assert_eq!(statement.identification.as_deref(), Some("139"));
    assert!(statement.lines.is_empty());
}

#[test]
fn a_zero_value_date_falls_back_to_the_entry_date() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 1_000, "").at(48, "000000"),
        new_balance("001", 1_000, "170125"),
        trailer(0, 1_000),
    ];
    let statement = only_statement(&file(&records));
    assert_eq!(statement.lines[0].value_date, date!(2025 - 01 - 17));
}

#[test]
fn looks_like_coda_wants_a_header_of_128_characters() {
    assert!(looks_like_coda(&file(&simple_records())));
    assert!(looks_like_coda(
        lines(&simple_records(), "\r\n", false).as_bytes()
    ));
    assert!(looks_like_coda(header().text().as_bytes()));
    let short = &header().text()[..127];
    assert!(!looks_like_coda(short.as_bytes()));
    assert!(!looks_like_coda(b"0000,date,amount\n"));
    assert!(!looks_like_coda(Rec::new("1000").text().as_bytes()));
    assert!(!looks_like_coda(b""));
}

// ---------------------------------------------------------------------------------------------
// Refusing
// ---------------------------------------------------------------------------------------------

#[test]
fn a_short_record_is_refused_with_its_line_and_column() {
    let mut text = lines(&simple_records(), "\n", true);
    // Cut the last 8 characters of line 3.
    let records: Vec<String> = text.lines().map(str::to_owned).collect();
    let short = &records[2][..120];
    text = text.replacen(&records[2], short, 1);
    let error = parse(text.as_bytes()).unwrap_err();
    assert_eq!(line_and_column(&error), (3, Some(121)));
    assert!(error.reason.contains("128"), "{}", error.reason);
    assert!(error.reason.contains("120"), "{}", error.reason);
}

#[test]
fn a_bad_digit_in_an_amount_is_refused_at_its_column() {
    let mut records = simple_records();
    records[3] = records[3].clone().at(40, "X");
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (4, Some(40)));
    assert!(error.reason.contains("'X'"), "{}", error.reason);
}

#[test]
fn a_bad_sign_is_refused() {
    let mut records = simple_records();
    records[1] = records[1].clone().at(43, "2");
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (2, Some(43)));
}

#[test]
fn an_impossible_date_is_refused() {
    let mut records = simple_records();
    records[2] = records[2].clone().at(116, "310225");
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (3, Some(116)));
    assert!(error.reason.contains("310225"), "{}", error.reason);
}

#[test]
fn a_trailer_that_disagrees_is_refused_with_both_figures() {
    let mut records = simple_records();
    records[5] = trailer(3_550, 25_100);
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (6, Some(38)));
    for figure in ["35.50", "251.00", "250.00"] {
        assert!(error.reason.contains(figure), "{figure}: {}", error.reason);
    }
}

#[test]
fn a_third_decimal_is_refused_for_the_euro() {
    let mut records = simple_records();
    // 250.005 EUR: the last of the 15 digits (position 47) is not zero.
    records[2] = records[2].clone().at(47, "5");
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (3, Some(47)));
    assert!(
        error.reason.contains("more decimals than EUR allows"),
        "{}",
        error.reason
    );
}

#[test]
fn a_2_2_without_its_2_1_is_refused() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement_2_2("0001", "0000", "ORPHAN"),
        new_balance("001", 0, "170125"),
        trailer(0, 0),
    ];
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error).0, 3);
    assert!(error.reason.contains("2.2"), "{}", error.reason);
    assert!(error.reason.contains("2.1"), "{}", error.reason);
}

#[test]
fn a_2_3_of_another_movement_is_refused() {
    let records = vec![
        header(),
        old_balance("001", 0, "150125"),
        movement("0001", "0000", 1_000, ""),
        movement_2_3("0002", "0000", "BE71096123456769", "JOHN DOE", ""),
        new_balance("001", 1_000, "170125"),
        trailer(0, 1_000),
    ];
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (4, Some(3)));
}

#[test]
fn an_unknown_record_type_is_refused() {
    let mut records = simple_records();
    records.insert(3, Rec::new("5"));
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (4, Some(1)));
    records[3] = Rec::new("24");
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error), (4, Some(2)));
}

#[test]
fn a_movement_before_the_old_balance_is_refused() {
    let records = vec![
        header(),
        movement("0001", "0000", 1_000, ""),
        new_balance("001", 1_000, "170125"),
        trailer(0, 1_000),
    ];
    let error = parse(&file(&records)).unwrap_err();
    assert_eq!(line_and_column(&error).0, 2);
    assert!(error.reason.contains("record 1"), "{}", error.reason);
}

#[test]
fn a_missing_new_balance_or_trailer_is_refused() {
    let records = simple_records();
    let without_8: Vec<Rec> = records[..4]
        .iter()
        .cloned()
        .chain([trailer(3_550, 25_000)])
        .collect();
    let error = parse(&file(&without_8)).unwrap_err();
    assert_eq!(line_and_column(&error).0, 5);
    assert!(error.reason.contains("record 8"), "{}", error.reason);

    let error = parse(&file(&records[..4])).unwrap_err();
    assert!(error.reason.contains("record 8"), "{}", error.reason);

    let error = parse(&file(&records[..5])).unwrap_err();
    assert_eq!(line_and_column(&error), (5, None));
    assert!(error.reason.contains("record 9"), "{}", error.reason);
}

#[test]
fn a_file_without_records_is_refused() {
    assert_eq!(parse(b"").unwrap_err().location, Location::File);
    assert_eq!(parse(b"\n\n").unwrap_err().location, Location::File);
}

#[test]
fn a_file_that_does_not_start_with_a_header_is_refused() {
    let records = simple_records();
    let error = parse(&file(&records[1..])).unwrap_err();
    assert_eq!(line_and_column(&error), (1, Some(1)));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse(&bytes);
        let _ = looks_like_coda(&bytes);
    }

    #[test]
    fn arbitrary_records_never_panic(
        records in proptest::collection::vec(
            ("[0-9]{2}", proptest::collection::vec(proptest::char::range(' ', 'ÿ'), 126)),
            1..12,
        )
    ) {
        let mut text = header().text();
        for (start, rest) in records {
            text.push('\n');
            text.push_str(&start);
            text.extend(rest);
        }
        let _ = parse(text.as_bytes());
    }

    #[test]
    fn mutated_valid_files_never_panic(
        changes in proptest::collection::vec((0_usize..1000, any::<u8>()), 1..8),
        cut in 0_usize..1000,
    ) {
        let mut bytes = file(&simple_records());
        for (position, byte) in changes {
            let position = position % bytes.len();
            bytes[position] = byte;
        }
        let _ = parse(&bytes);
        bytes.truncate(cut % (bytes.len() + 1));
        let _ = parse(&bytes);
    }

    #[test]
    fn written_statements_read_back_balanced(
        amounts in proptest::collection::vec(-99_999_999_i64..99_999_999, 0..20),
        opening in -99_999_999_i64..99_999_999,
    ) {
        let mut records = vec![header(), old_balance("001", opening, "150125")];
        for (index, cents) in amounts.iter().enumerate() {
            let sequence = format!("{:04}", index + 1);
            records.push(movement(&sequence, "0000", *cents, "X"));
        }
        let debits: i64 = amounts.iter().filter(|a| **a < 0).map(|a| -a).sum();
        let credits: i64 = amounts.iter().filter(|a| **a >= 0).sum();
        records.push(new_balance("001", opening + credits - debits, "170125"));
        records.push(trailer(debits, credits));
        let statement = only_statement(&file(&records));
        prop_assert_eq!(statement.lines.len(), amounts.len());
        let read: Vec<i64> = statement.lines.iter().map(|line| line.amount.minor()).collect();
        prop_assert_eq!(read, amounts);
        prop_assert_eq!(statement.check_balances(), Ok(()));
    }
}
