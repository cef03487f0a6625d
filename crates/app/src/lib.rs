//! The use cases of Coopshares and the port traits they need.
//!
//! A use case loads state through a [`ports::Store`] transaction, asks the pure `domain` crate to
//! decide, and persists the decision together with its outbox and audit rows before committing.
//! This crate owns transaction boundaries and the order of side effects. It knows nothing of
//! SQL dialects, HTTP or SMTP: adapters implement its ports, front ends call its functions.

pub mod accounts;
pub mod audit;
pub mod capital;
pub mod certificates;
pub mod clock;
pub mod contacts;
pub mod documents;
pub mod email;
pub mod error;
pub mod format;
pub mod health;
pub mod housekeeping;
pub mod intake;
pub mod payments;
pub mod portal;
pub mod ports;
pub mod register;
pub mod secrets;
pub mod settings;
pub mod share_types;
pub mod statements;
pub mod tokens;

pub use error::AppError;
