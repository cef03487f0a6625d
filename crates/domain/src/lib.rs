//! The pure domain of Coopshares: validated value types, the state machines of subscription
//! requests, capital calls and membership, money, ledger and register rules.
//!
//! This crate does no IO: no database, no network, no clock, no async. Callers pass the current
//! date in; functions decide and return the new state plus the effects to record. It must never
//! depend on sqlx, axum, lettre, tokio or any other IO crate (`.ci/run` checks it).

/// Postal addresses.
pub mod address;
/// One set of rules for subscription applications on every channel.
pub mod application;
/// Capital calls (capital release requests): numbers, settlement and state machine.
pub mod capital_call;
/// Membership certificates.
pub mod certificate;
/// Persons, entities and their details.
pub mod contact;
/// Country codes (ISO 3166-1 alpha-2).
pub mod country;
/// Serde helpers writing calendar dates as `YYYY-MM-DD`.
pub mod date;
/// Normalised email addresses.
pub mod email;
/// The subscription form as posted, read into an application.
pub mod form;
/// IBAN and BIC.
pub mod iban;
/// Typed identifiers assigned by storage.
pub mod ids;
/// Keyword enums (states, roles) and their shared parse error.
pub mod keyword;
/// The four languages of the interface, emails and documents.
pub mod language;
/// Double-entry ledger entries and default charts of accounts.
pub mod ledger;
/// Membership status, member numbers and their state machine.
pub mod membership;
/// Currencies and integer money.
pub mod money;
/// The Belgian national register number.
pub mod national_id;
/// Outbox delivery states, retries and the kinds of email sent.
pub mod outbox;
/// Share quantities.
pub mod quantity;
/// Reconciling bank statement lines with capital calls.
pub mod reconciliation;
/// Structured payment references: OGM/VCS and ISO 11649 RF.
pub mod reference;
/// The append-only share register and holdings derived from it.
pub mod register;
/// Company registration numbers (BE enterprise number, FR SIREN).
pub mod registration;
/// Persons legally representing entities.
pub mod representation;
/// Share types, their quantity limits and prices.
pub mod share_type;
/// Subscription requests: channels and state machine.
pub mod subscription;
/// Names, postal codes and phone numbers.
pub mod text;
/// User accounts and API token roles.
pub mod user;
