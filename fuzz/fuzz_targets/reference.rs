//! Reading and finding payment references never panics; what is found reads back the same.
#![no_main]

use coopshares_domain::reference::{PaymentReference, find_references};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(reference) = PaymentReference::parse(&text) {
        assert_eq!(
            PaymentReference::parse(reference.as_compact()),
            Ok(reference)
        );
    }
    for found in find_references(&text) {
        assert_eq!(
            PaymentReference::parse(found.as_compact()),
            Ok(found.clone())
        );
    }
});
