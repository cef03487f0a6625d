//! Recognising and parsing any statement file never panics, whatever the bytes.
#![no_main]

use coopshares_banking::csv::{AmountColumns, CsvMapping, DateFormat};
use coopshares_domain::money::Currency;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mapping = CsvMapping::new(
        DateFormat::YearDashMonthDashDay,
        Currency::EUR,
        "Date",
        AmountColumns::Signed {
            amount: "Amount".to_owned(),
        },
    );
    let format = coopshares_banking::detect(data);
    if let Ok(parsed) = coopshares_banking::parse(data, Some(&mapping)) {
        assert_eq!(Some(parsed.format), format);
    }
});
