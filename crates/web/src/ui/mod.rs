//! Presentation: templates, translations, language choice, static assets, security headers.
