//! Pure banking formats: what Coopshares writes for banks and banking apps (the EPC QR payload)
//! and what it reads from them (camt.053, CODA and CSV statements).
//!
//! No IO: functions take and return values, so every format can be unit-tested and fuzzed. Must
//! never depend on sqlx, axum, lettre, tokio or any other IO crate (`.ci/run` checks it).

pub mod camt;
pub mod coda;
pub mod csv;
pub mod detect;
pub mod epc;
pub mod statement;

pub use detect::{detect, parse};
pub use statement::{
    Balance, BalanceMismatch, Location, ParseError, ParsedFile, Statement, StatementFormat,
    StatementLine,
};
