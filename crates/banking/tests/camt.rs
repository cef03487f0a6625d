//! The camt.053 parser, on fixtures written from the ISO 20022 schemas (versions 001.02, 001.04
//! and 001.08) and on broken files.

use coopshares_banking::camt;
use coopshares_banking::{Location, ParseError, ParsedFile, Statement, StatementFormat};
use coopshares_domain::money::{Currency, Money};
use proptest::prelude::*;
use time::macros::date;

const V02: &str = include_str!("fixtures/camt/v02_credits_and_debits.xml");
const V04: &str = include_str!("fixtures/camt/v04_batch.xml");
const V08: &str = include_str!("fixtures/camt/v08_two_statements.xml");
const THREE_DECIMALS: &str = include_str!("fixtures/camt/error_three_decimals.xml");

fn eur(text: &str) -> Money {
    match Money::parse(text, Currency::EUR) {
        Ok(amount) => amount,
        Err(error) => panic!("bad amount {text} in a test: {error}"),
    }
}

fn parse_ok(text: &str) -> ParsedFile {
    match camt::parse(text.as_bytes()) {
        Ok(file) => file,
        Err(error) => panic!("expected the file to parse, got: {error}"),
    }
}

fn parse_err(text: &str) -> ParseError {
    match camt::parse(text.as_bytes()) {
        Ok(file) => panic!("expected an error, got {file:?}"),
        Err(error) => error,
    }
}

fn only_statement(file: &ParsedFile) -> &Statement {
    assert_eq!(file.statements.len(), 1, "{file:?}");
    &file.statements[0]
}

/// The path and line of an error located at an element.
fn element(error: &ParseError) -> (&str, usize) {
    match &error.location {
        Location::Element { path, line } => (path.as_str(), *line),
        other => panic!("expected an element location, got {other:?} ({error})"),
    }
}

/// The 1-based line of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    match text.lines().position(|line| line.contains(needle)) {
        Some(index) => index + 1,
        None => panic!("{needle} is not in the text"),
    }
}

/// A camt.053.001.02 file holding `statements`.
fn document(statements: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">\n\
         <BkToCstmrStmt>\n\
         <GrpHdr><MsgId>TEST</MsgId></GrpHdr>\n\
         {statements}\
         </BkToCstmrStmt>\n\
         </Document>\n"
    )
}

/// A statement of a euro account holding `entries`.
fn statement(entries: &str) -> String {
    format!(
        "<Stmt>\n\
         <Id>S1</Id>\n\
         <Acct><Id><IBAN>BE68539007547034</IBAN></Id><Ccy>EUR</Ccy></Acct>\n\
         {entries}\
         </Stmt>\n"
    )
}

/// A booked entry with the given amount text, indicator and inner elements.
fn entry(amount: &str, direction: &str, inner: &str) -> String {
    format!(
        "<Ntry>\n\
         <Amt Ccy=\"EUR\">{amount}</Amt>\n\
         <CdtDbtInd>{direction}</CdtDbtInd>\n\
         <Sts>BOOK</Sts>\n\
         <BookgDt><Dt>2024-03-29</Dt></BookgDt>\n\
         <AcctSvcrRef>REF-1</AcctSvcrRef>\n\
         {inner}\
         </Ntry>\n"
    )
}

// ----- version 001.02 -----------------------------------------------------------------------

#[test]
fn v02_reads_the_statement_header_and_the_booked_balances() {
    let file = parse_ok(V02);
    assert_eq!(file.format, StatementFormat::Camt053);
    let statement = only_statement(&file);
    assert_eq!(statement.account.as_deref(), Some("BE68539007547034"));
    assert_eq!(statement.currency, Currency::EUR);
    assert_eq!(statement.identification.as_deref(), Some("2024-03-31-BE68"));
    let opening = statement.opening_balance.unwrap();
    assert_eq!(opening.amount, eur("1000.00"));
    assert_eq!(opening.date, date!(2024 - 03 - 28));
    let closing = statement.closing_balance.unwrap();
    assert_eq!(closing.amount, eur("1024.50"));
    assert_eq!(closing.date, date!(2024 - 03 - 31));
    assert_eq!(statement.lines.len(), 4);
}

#[test]
fn v02_credit_with_a_belgian_structured_reference() {
    let file = parse_ok(V02);
    let line = &only_statement(&file).lines[0];
    assert_eq!(line.amount, eur("250.00"));
    assert!(line.is_credit());
    assert!(!line.reversal);
    assert_eq!(line.booking_date, date!(2024 - 03 - 29));
    assert_eq!(line.value_date, date!(2024 - 03 - 28));
    assert_eq!(line.counterparty_name.as_deref(), Some("Jan Peeters"));
    assert_eq!(
        line.counterparty_account.as_deref(),
        Some("BE71096123456769")
    );
    assert_eq!(line.structured_reference.as_deref(), Some("010806817183"));
    assert_eq!(line.bank_reference.as_deref(), Some("BANKREF-0001"));
    assert_eq!(line.transaction_code.as_deref(), Some("PMNT/RCDT/ESCT"));
    assert_eq!(line.free_text, "");
}

#[test]
fn v02_reference_typed_in_the_unstructured_text() {
    let file = parse_ok(V02);
    let line = &only_statement(&file).lines[1];
    assert_eq!(line.amount, eur("100.00"));
    assert_eq!(line.structured_reference, None);
    assert_eq!(
        line.free_text,
        "Shares Marie Dubois +++010/8068/17183+++ SEPA credit transfer Incoming transfer"
    );
    // No ValDt: the value date is the booking date.
    assert_eq!(line.value_date, date!(2024 - 03 - 29));
    assert_eq!(line.counterparty_name.as_deref(), Some("Marie Dubois"));
    // An account that is not an IBAN is kept as the file gives it.
    assert_eq!(line.counterparty_account.as_deref(), Some("FR-LOCAL-12345"));
    // The transaction's own AcctSvcrRef wins over the entry's.
    assert_eq!(line.bank_reference.as_deref(), Some("TX-0002-A"));
}

#[test]
fn v02_ordinary_debit_is_negative_and_its_counterparty_is_the_creditor() {
    let file = parse_ok(V02);
    let line = &only_statement(&file).lines[2];
    assert_eq!(line.amount, eur("-75.50"));
    assert!(!line.is_credit());
    assert!(!line.reversal);
    assert_eq!(line.counterparty_name.as_deref(), Some("Printing & Co"));
    assert_eq!(
        line.counterparty_account.as_deref(),
        Some("BE43068243298001")
    );
    assert_eq!(line.free_text, "Invoice 2024-017 <leaflets>");
    assert_eq!(line.transaction_code.as_deref(), Some("PMNT/ICDT/ESCT"));
}

#[test]
fn v02_pending_entry_is_skipped() {
    let file = parse_ok(V02);
    let statement = only_statement(&file);
    assert!(
        statement
            .lines
            .iter()
            .all(|line| line.bank_reference.as_deref() != Some("BANKREF-PENDING"))
    );
    assert!(
        statement
            .lines
            .iter()
            .all(|line| line.amount != eur("999.00"))
    );
}

#[test]
fn v02_reversal_is_flagged_and_negative() {
    let file = parse_ok(V02);
    let line = &only_statement(&file).lines[3];
    assert!(line.reversal);
    assert_eq!(line.amount, eur("-250.00"));
    assert_eq!(line.bank_reference.as_deref(), Some("BANKREF-0004"));
    assert_eq!(line.structured_reference.as_deref(), Some("010806817183"));
    // The reversal cancels a credit: the counterparty is that credit's debtor.
    assert_eq!(line.counterparty_name.as_deref(), Some("Jan Peeters"));
    assert_eq!(line.free_text, "Return of credit transfer");
}

// ----- version 001.04 -----------------------------------------------------------------------

#[test]
fn v04_prefixed_elements_other_account_and_currency_from_the_balances() {
    let file = parse_ok(V04);
    let statement = only_statement(&file);
    assert_eq!(statement.account.as_deref(), Some("0012-3456789-01"));
    assert_eq!(statement.currency, Currency::EUR);
    assert_eq!(statement.identification.as_deref(), Some("STMT-0517"));
    // A DBIT balance is negative; DtTm gives its date.
    let opening = statement.opening_balance.unwrap();
    assert_eq!(opening.amount, eur("-50.00"));
    assert_eq!(opening.date, date!(2024 - 05 - 30));
    assert_eq!(statement.closing_balance.unwrap().amount, eur("238.00"));
}

#[test]
fn v04_batch_entry_is_split_into_one_line_per_transaction() {
    let file = parse_ok(V04);
    let lines = &only_statement(&file).lines;
    assert_eq!(lines.len(), 4);
    let batch = &lines[..3];
    let amounts: Vec<Money> = batch.iter().map(|line| line.amount).collect();
    assert_eq!(amounts, [eur("100.00"), eur("150.00"), eur("50.00")]);
    let names: Vec<Option<&str>> = batch
        .iter()
        .map(|line| line.counterparty_name.as_deref())
        .collect();
    assert_eq!(
        names,
        [
            Some("Anna Janssens"),
            Some("Bert Maes"),
            Some("Chris Wouters")
        ]
    );
    let accounts: Vec<Option<&str>> = batch
        .iter()
        .map(|line| line.counterparty_account.as_deref())
        .collect();
    assert_eq!(
        accounts,
        [Some("BE62510007547061"), Some("BE56001122334455"), None]
    );
    let references: Vec<Option<&str>> = batch
        .iter()
        .map(|line| line.structured_reference.as_deref())
        .collect();
    assert_eq!(
        references,
        [Some("RF451234512345"), Some("090933755493"), None]
    );
    let bank_references: Vec<Option<&str>> = batch
        .iter()
        .map(|line| line.bank_reference.as_deref())
        .collect();
    assert_eq!(
        bank_references,
        [Some("BATCH-77-A"), Some("BATCH-77-B"), Some("BATCH-77#3")]
    );
    assert_eq!(batch[2].free_text, "member 42 extra share");
    for line in batch {
        assert_eq!(line.booking_date, date!(2024 - 05 - 31));
        assert_eq!(line.value_date, date!(2024 - 05 - 30));
        assert_eq!(line.transaction_code.as_deref(), Some("PMNT/RCDT/ESCT"));
        assert!(!line.reversal);
    }
}

#[test]
fn v04_entry_without_details_uses_the_proprietary_code_and_entry_information() {
    let file = parse_ok(V04);
    let line = &only_statement(&file).lines[3];
    assert_eq!(line.amount, eur("-12.00"));
    assert_eq!(line.transaction_code.as_deref(), Some("FEE-QUARTER"));
    assert_eq!(line.free_text, "Account charges second quarter");
    assert_eq!(line.counterparty_name, None);
    assert_eq!(line.bank_reference, None);
    assert_eq!(line.booking_date, date!(2024 - 05 - 31));
}

// ----- version 001.08 -----------------------------------------------------------------------

#[test]
fn v08_two_statements_of_two_accounts() {
    let file = parse_ok(V08);
    assert_eq!(file.statements.len(), 2);
    let [first, second] = file.statements.as_slice() else {
        unreachable!()
    };
    assert_eq!(first.account.as_deref(), Some("BE68539007547034"));
    assert_eq!(first.identification.as_deref(), Some("V8-STMT-A"));
    assert_eq!(second.account.as_deref(), Some("NL91ABNA0417164300"));
    assert_eq!(second.identification.as_deref(), Some("V8-STMT-B"));
    // The entry with status Sts/Cd PDNG is skipped.
    assert_eq!(first.lines.len(), 1);
    assert_eq!(second.lines.len(), 2);
}

#[test]
fn v08_status_code_and_party_name_under_pty() {
    let file = parse_ok(V08);
    let line = &file.statements[0].lines[0];
    assert_eq!(line.amount, eur("75.00"));
    assert_eq!(line.counterparty_name.as_deref(), Some("Sofie Claes"));
    assert_eq!(
        line.counterparty_account.as_deref(),
        Some("BE71096123456769")
    );
    assert_eq!(line.structured_reference.as_deref(), Some("010806817183"));
    assert_eq!(line.bank_reference.as_deref(), Some("V8-A-0001"));

    let debit = &file.statements[1].lines[0];
    assert_eq!(debit.amount, eur("-40.00"));
    assert_eq!(
        debit.counterparty_name.as_deref(),
        Some("Notary Office Vermeulen")
    );
    assert_eq!(
        debit.counterparty_account.as_deref(),
        Some("NL02ABNA0123456789")
    );
    assert_eq!(debit.bank_reference.as_deref(), Some("V8-B-0001-TX"));
    assert_eq!(debit.free_text, "Deed fees");
}

#[test]
fn v08_previous_closing_balance_opens_when_there_is_no_opening_balance() {
    let file = parse_ok(V08);
    let second = &file.statements[1];
    let opening = second.opening_balance.unwrap();
    assert_eq!(opening.amount, eur("500.00"));
    assert_eq!(opening.date, date!(2024 - 05 - 31));
    assert_eq!(second.closing_balance.unwrap().amount, eur("520.00"));
}

#[test]
fn v08_details_not_all_giving_an_amount_make_one_line() {
    let file = parse_ok(V08);
    let line = &file.statements[1].lines[1];
    assert_eq!(line.amount, eur("60.00"));
    assert_eq!(line.free_text, "first part rest");
    assert_eq!(line.counterparty_name.as_deref(), Some("Lotte Smits"));
    assert_eq!(
        line.structured_reference.as_deref(),
        Some("RF18539007547034")
    );
    assert_eq!(line.bank_reference.as_deref(), Some("V8-B-0002"));
}

#[test]
fn joined_details_with_different_references_give_no_structured_reference() {
    let details = "<NtryDtls>\n\
         <TxDtls><RmtInf><Strd><CdtrRefInf><Ref>RF451234512345</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>\n\
         <TxDtls><RmtInf><Strd><CdtrRefInf><Ref>010806817183</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>\n\
         </NtryDtls>\n";
    let file = parse_ok(&document(&statement(&entry("10.00", "CRDT", details))));
    let line = &only_statement(&file).lines[0];
    assert_eq!(line.amount, eur("10.00"));
    assert_eq!(line.structured_reference, None);
}

// ----- all fixtures -------------------------------------------------------------------------

#[test]
fn good_fixtures_balance() {
    for text in [V02, V04, V08] {
        for statement in parse_ok(text).statements {
            assert!(statement.opening_balance.is_some());
            assert!(statement.closing_balance.is_some());
            assert_eq!(statement.check_balances(), Ok(()), "{statement:?}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(V02.as_bytes());
    let file = camt::parse(&bytes).unwrap();
    assert_eq!(file, parse_ok(V02));
}

#[test]
fn the_format_is_recognised_and_parsed_through_the_crate_entry_point() {
    let file = coopshares_banking::parse(V04.as_bytes(), None).unwrap();
    assert_eq!(file, parse_ok(V04));
}

#[test]
fn empty_amount_element_and_cdata_text() {
    let inner = "<NtryDtls><TxDtls><RmtInf><Ustrd><![CDATA[Shares <2024>]]></Ustrd></RmtInf></TxDtls></NtryDtls>\n";
    let file = parse_ok(&document(&statement(&entry("5", "CRDT", inner))));
    let line = &only_statement(&file).lines[0];
    assert_eq!(line.amount, eur("5.00"));
    assert_eq!(line.free_text, "Shares <2024>");

    let error = parse_err(&document(&statement(
        "<Ntry><Amt Ccy=\"EUR\"/><CdtDbtInd>CRDT</CdtDbtInd></Ntry>\n",
    )));
    assert_eq!(
        element(&error).0,
        "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]/Amt"
    );
}

// ----- errors -------------------------------------------------------------------------------

#[test]
fn a_truncated_file_is_refused() {
    let cut = &V02[..V02.len() / 2];
    let error = parse_err(cut);
    assert!(error.reason.contains("truncated"), "{error}");
    let (path, _) = element(&error);
    assert!(
        path.starts_with("Document/BkToCstmrStmt/Stmt[1]/"),
        "{error}"
    );
}

#[test]
fn mismatched_tags_are_refused() {
    let text = document(&statement("<Ntry><Amt Ccy=\"EUR\">1.00</Ntry>\n"));
    let error = parse_err(&text);
    assert!(error.reason.contains("not well-formed XML"), "{error}");
    let (_, line) = element(&error);
    assert_eq!(line, line_of(&text, "<Ntry>"));
}

#[test]
fn a_file_with_another_root_is_refused() {
    let notification = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\
                        <BkToCstmrDbtCdtNtfctn><GrpHdr/></BkToCstmrDbtCdtNtfctn></Document>";
    let error = parse_err(notification);
    assert!(
        error
            .reason
            .starts_with("not a camt.053 bank-to-customer statement"),
        "{error}"
    );
    assert_eq!(
        element(&error).0,
        "Document/BkToCstmrDbtCdtNtfctn",
        "{error}"
    );

    let other_root = "<?xml version=\"1.0\"?>\n<Invoice><Id>1</Id></Invoice>";
    let error = parse_err(other_root);
    assert!(error.reason.contains("not a camt.053"), "{error}");
    assert_eq!(element(&error), ("Invoice", 2));
}

#[test]
fn a_file_without_statement_is_refused() {
    let error = parse_err(&document(""));
    assert!(error.reason.contains("no statement"), "{error}");
    let error = parse_err("");
    assert_eq!(error.location, Location::File);
}

#[test]
fn an_amount_with_three_decimals_in_euro_is_refused_where_it_is() {
    let error = parse_err(THREE_DECIMALS);
    let (path, line) = element(&error);
    assert_eq!(path, "Document/BkToCstmrStmt/Stmt[2]/Ntry[2]/Amt");
    assert_eq!(line, line_of(THREE_DECIMALS, "12.345"));
    assert!(error.reason.contains("12.345"), "{error}");
    assert!(error.reason.contains("decimals"), "{error}");
}

#[test]
fn an_entry_without_credit_debit_indicator_is_refused() {
    let entries = format!(
        "{}<Ntry>\n<Amt Ccy=\"EUR\">3.00</Amt>\n<Sts>BOOK</Sts>\n\
         <BookgDt><Dt>2024-03-29</Dt></BookgDt>\n</Ntry>\n",
        entry("1.00", "CRDT", "")
    );
    let text = document(&statement(&entries));
    let error = parse_err(&text);
    let (path, line) = element(&error);
    assert_eq!(path, "Document/BkToCstmrStmt/Stmt[1]/Ntry[2]");
    assert_eq!(line, line_of(&text, ">3.00<") - 1);
    assert!(error.reason.contains("CdtDbtInd"), "{error}");
}

#[test]
fn batch_details_that_do_not_add_up_are_refused() {
    let details = "<NtryDtls>\n\
         <TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">60.00</Amt></TxAmt></AmtDtls></TxDtls>\n\
         <TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">30.00</Amt></TxAmt></AmtDtls></TxDtls>\n\
         </NtryDtls>\n";
    let text = document(&statement(&entry("100.00", "CRDT", details)));
    let error = parse_err(&text);
    assert_eq!(element(&error).0, "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]");
    assert!(error.reason.contains("90.00"), "{error}");
    assert!(error.reason.contains("100.00"), "{error}");
}

#[test]
fn batch_details_with_their_own_debit_indicator_add_up_signed() {
    let details = "<NtryDtls>\n\
         <TxDtls><Amt Ccy=\"EUR\">60.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>\n\
         <TxDtls><Amt Ccy=\"EUR\">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>\n\
         </NtryDtls>\n";
    let file = parse_ok(&document(&statement(&entry("50.00", "CRDT", details))));
    let amounts: Vec<Money> = only_statement(&file)
        .lines
        .iter()
        .map(|line| line.amount)
        .collect();
    assert_eq!(amounts, [eur("60.00"), eur("-10.00")]);
    let references: Vec<Option<&str>> = only_statement(&file)
        .lines
        .iter()
        .map(|line| line.bank_reference.as_deref())
        .collect();
    assert_eq!(references, [Some("REF-1#1"), Some("REF-1#2")]);
}

#[test]
fn malformed_values_are_refused_at_their_element() {
    let cases = [
        (entry("ten", "CRDT", ""), "Ntry[1]/Amt", "not an amount"),
        (entry("-5.00", "CRDT", ""), "Ntry[1]/Amt", "negative"),
        (entry("5,00", "CRDT", ""), "Ntry[1]/Amt", "not an amount"),
        (
            entry("5.00", "CRED", ""),
            "Ntry[1]/CdtDbtInd",
            "CRDT or DBIT",
        ),
        (
            entry("5.00", "CRDT", "<RvslInd>maybe</RvslInd>\n"),
            "Ntry[1]/RvslInd",
            "true or false",
        ),
        (
            entry("5.00", "CRDT", "<ValDt><Dt>2024-02-30</Dt></ValDt>\n"),
            "Ntry[1]/ValDt/Dt",
            "not a date",
        ),
        (
            "<Ntry><Amt Ccy=\"USD\">5.00</Amt></Ntry>\n".to_owned(),
            "Ntry[1]/Amt",
            "USD",
        ),
        (
            "<Ntry><Amt>5.00</Amt></Ntry>\n".to_owned(),
            "Ntry[1]/Amt",
            "Ccy",
        ),
        (
            entry(
                "5.00",
                "CRDT",
                "<NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy=\"EUR\">1.001</Amt></TxAmt></AmtDtls></TxDtls></NtryDtls>\n",
            ),
            "Ntry[1]/NtryDtls/TxDtls[1]/AmtDtls/TxAmt/Amt",
            "decimals",
        ),
        (
            entry("5.00", "CRDT", "<AddtlNtryInf>&unknown;</AddtlNtryInf>\n"),
            "Ntry[1]/AddtlNtryInf",
            "entity",
        ),
    ];
    for (entries, suffix, reason) in cases {
        let text = document(&statement(&entries));
        let error = parse_err(&text);
        let (path, _) = element(&error);
        assert_eq!(
            path,
            format!("Document/BkToCstmrStmt/Stmt[1]/{suffix}"),
            "{error}"
        );
        assert!(error.reason.contains(reason), "{reason}: {error}");
    }
}

#[test]
fn an_entry_without_dates_is_refused_and_value_date_alone_is_enough() {
    let undated =
        "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts></Ntry>\n";
    let error = parse_err(&document(&statement(undated)));
    assert_eq!(element(&error).0, "Document/BkToCstmrStmt/Stmt[1]/Ntry[1]");
    assert!(error.reason.contains("BookgDt"), "{error}");

    let value_dated = "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>\
                       <ValDt><DtTm>2024-04-02T10:00:00</DtTm></ValDt></Ntry>\n";
    let file = parse_ok(&document(&statement(value_dated)));
    let line = &only_statement(&file).lines[0];
    assert_eq!(line.booking_date, date!(2024 - 04 - 02));
    assert_eq!(line.value_date, date!(2024 - 04 - 02));
}

#[test]
fn a_statement_without_account_or_currency_is_refused() {
    let no_account = document("<Stmt><Id>S</Id><Acct><Ccy>EUR</Ccy></Acct></Stmt>\n");
    let error = parse_err(&no_account);
    assert_eq!(element(&error).0, "Document/BkToCstmrStmt/Stmt[1]");
    assert!(error.reason.contains("account"), "{error}");

    let no_currency =
        document("<Stmt><Id>S</Id><Acct><Id><IBAN>BE68539007547034</IBAN></Id></Acct></Stmt>\n");
    let error = parse_err(&no_currency);
    assert_eq!(element(&error).0, "Document/BkToCstmrStmt/Stmt[1]");
    assert!(error.reason.contains("currency"), "{error}");
}

// ----- robustness ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = camt::parse(&bytes);
    }

    #[test]
    fn arbitrary_text_after_a_statement_start_never_panics(tail in ".{0,400}") {
        let text = format!("<Document><BkToCstmrStmt><Stmt>{tail}");
        let _ = camt::parse(text.as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        fixture in 0..3_usize,
        mutations in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = [V02, V04, V08][fixture].as_bytes().to_vec();
        for (at, byte) in mutations {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let _ = camt::parse(&bytes);
    }

    #[test]
    fn truncated_fixtures_are_refused(fixture in 0..3_usize, cut in any::<prop::sample::Index>()) {
        let text = [V02, V04, V08][fixture];
        let end = text.trim_end().len();
        let cut = cut.index(end);
        prop_assert!(camt::parse(&text.as_bytes()[..cut]).is_err());
    }
}

#[test]
fn detail_amounts_in_another_currency_do_not_split_the_entry() {
    let details = "<NtryDtls>\n\
         <TxDtls><AmtDtls><TxAmt><Amt Ccy=\"USD\">60.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>one</Ustrd></RmtInf></TxDtls>\n\
         <TxDtls><AmtDtls><TxAmt><Amt Ccy=\"USD\">50.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>two</Ustrd></RmtInf></TxDtls>\n\
         </NtryDtls>\n";
    let file = parse_ok(&document(&statement(&entry("100.00", "CRDT", details))));
    let lines = &only_statement(&file).lines;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].amount, eur("100.00"));
    assert_eq!(lines[0].free_text, "one two");
    assert_eq!(lines[0].bank_reference.as_deref(), Some("REF-1"));
}

#[test]
fn a_reversal_whose_file_names_only_the_creditor_takes_the_creditor() {
    let details = "<NtryDtls><TxDtls><RltdPties>\
         <Cdtr><Nm>Only Creditor</Nm></Cdtr>\
         </RltdPties></TxDtls></NtryDtls>\n";
    let file = parse_ok(&document(&statement(&entry(
        "20.00",
        "DBIT",
        &format!("<RvslInd>true</RvslInd>\n{details}"),
    ))));
    let line = &only_statement(&file).lines[0];
    assert!(line.reversal);
    assert_eq!(line.amount, eur("-20.00"));
    assert_eq!(line.counterparty_name.as_deref(), Some("Only Creditor"));
}
