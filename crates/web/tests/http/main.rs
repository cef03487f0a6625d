//! The web application through its real router: one test binary, a module per area.

#![expect(
    clippy::unwrap_used,
    reason = "test helpers: a failed step is a failed test"
)]

mod admin;
mod api;
mod audit;
mod auth;
mod certificates_admin;
mod hostile;
mod intake_admin;
mod intake_api;
mod payments;
mod portal;
mod public;
mod register;
mod support;
mod validation;
