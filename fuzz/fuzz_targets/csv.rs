//! CSV parsing with a fixed mapping never panics, whatever the bytes.
#![no_main]

use coopshares_banking::csv::{AmountColumns, CsvMapping, DateFormat, DecimalSeparator};
use coopshares_domain::money::Currency;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = coopshares_banking::csv::parse(data, &signed_mapping());
    let _ = coopshares_banking::csv::parse(data, &credit_debit_mapping());
});

/// The mapping of the seed file `signed.csv`.
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

/// The mapping of the seed file `credit-debit.csv`.
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
