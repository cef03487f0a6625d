//! The one error type of the presentation layer. A `UiError` at start-up stops the server with
//! a message naming the file at fault; at request time it is a bug (a template asked for a
//! variable the handler did not give), logged with its detail and shown as an opaque 500.

use std::error::Error;
use std::fmt;

/// A translation file, a template or a security header configuration is wrong.
///
/// Written by hand rather than with `thiserror`, which is not a dependency of this crate.
#[derive(Debug)]
pub enum UiError {
    /// A Fluent file does not parse, or defines a message twice.
    Translation { file: &'static str, message: String },
    /// A template does not compile, does not exist, or failed while rendering.
    Template {
        name: String,
        source: minijinja::Error,
    },
    /// An origin allowed to frame the public form is not `https://host[:port]`.
    InvalidOrigin(String),
}

impl fmt::Display for UiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UiError::Translation { file, message } => {
                write!(f, "translation file {file}: {message}")
            }
            // `{:#}` adds minijinja's debug information: the template line and the variables.
            UiError::Template { name, source } => write!(f, "template {name}: {source:#}"),
            UiError::InvalidOrigin(origin) => write!(
                f,
                "invalid origin {origin:?} for framing the public form: expected https://host or https://host:port"
            ),
        }
    }
}

impl Error for UiError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            UiError::Template { source, .. } => Some(source),
            UiError::Translation { .. } | UiError::InvalidOrigin(_) => None,
        }
    }
}
