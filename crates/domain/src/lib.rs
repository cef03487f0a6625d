//! The pure domain of Coopshares: validated value types, the state machines of subscription
//! requests, capital calls and membership, money, ledger and register rules.
//!
//! This crate does no IO: no database, no network, no clock, no async. Callers pass the current
//! date in; functions decide and return the new state plus the effects to record. It must never
//! depend on sqlx, axum, lettre, tokio or any other IO crate (`.ci/run` checks it).

pub mod ids;
pub mod language;
