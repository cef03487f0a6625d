//! Presentation: templates, translations, language choice, static assets, security headers.
//!
//! - [`Ui`] renders the pages of `templates/` (the layout's blocks and variables are described
//!   at the top of `templates/layout.html`) with a `t(key, **args)` function translating from
//!   `locales/<lang>/main.ftl`;
//! - [`lang::negotiate`] picks the page language;
//! - [`assets::router`] serves `static/`;
//! - [`headers`] adds the Content-Security-Policy and friends to every response.
//!
//! Everything is embedded in the binary: a deployment is one file.

pub mod assets;
pub mod error;
pub mod headers;
pub mod i18n;
pub mod lang;
pub mod page;
mod templates;

pub use error::UiError;
pub use i18n::{Arg, Translator};
pub use page::{Flash, FlashKind, PageContext, PageUser};
pub use templates::Ui;
