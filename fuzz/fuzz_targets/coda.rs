//! CODA parsing never panics, whatever the bytes; what it reads is self-consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = coopshares_banking::coda::looks_like_coda(data);
    if let Ok(parsed) = coopshares_banking::coda::parse(data) {
        for statement in &parsed.statements {
            let _ = statement.check_balances();
        }
    }
});
