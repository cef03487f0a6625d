//! Configuration from the environment (DESIGN.md §6). Every problem names the setting.

use std::net::SocketAddr;
use std::path::PathBuf;

pub const DATABASE_URL: &str = "COOPSHARES_DATABASE_URL";
pub const LISTEN: &str = "COOPSHARES_LISTEN";
pub const BASE_URL: &str = "COOPSHARES_BASE_URL";
pub const SMTP_URL: &str = "COOPSHARES_SMTP_URL";
pub const MAIL_FROM: &str = "COOPSHARES_MAIL_FROM";
pub const DATA_DIR: &str = "COOPSHARES_DATA_DIR";
pub const FRAME_ANCESTORS: &str = "COOPSHARES_FRAME_ANCESTORS";

const DEFAULT_DATABASE_URL: &str = "sqlite://coopshares.db";
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
const DEFAULT_DATA_DIR: &str = "data";

/// A setting with a wrong value. Its text is one line naming the setting.
#[derive(Debug, thiserror::Error)]
#[error("{setting}={value}: {reason}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub value: String,
    pub reason: String,
}

impl ConfigError {
    pub fn new(setting: &'static str, value: &str, reason: impl Into<String>) -> Self {
        Self {
            setting,
            value: redact(value),
            reason: reason.into(),
        }
    }
}

/// Which database a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub backend: Backend,
    pub listen: SocketAddr,
    pub base_url: Option<String>,
    /// `None`: emails are written as `.eml` files under `data_dir/outbox`.
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
    pub data_dir: PathBuf,
    /// Origins allowed to embed the public form in a frame.
    pub frame_ancestors: Vec<String>,
}

impl Config {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let database_url = get(DATABASE_URL).unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let backend = backend_of(&database_url)?;
        let listen_text = get(LISTEN).unwrap_or_else(|| DEFAULT_LISTEN.to_owned());
        let listen = listen_text.trim().parse().map_err(|_| {
            ConfigError::new(
                LISTEN,
                &listen_text,
                "expected an address and port, like 127.0.0.1:8080",
            )
        })?;
        let base_url = get(BASE_URL)
            .map(|url| {
                let trimmed = url.trim().trim_end_matches('/').to_owned();
                if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
                    Ok(trimmed)
                } else {
                    Err(ConfigError::new(
                        BASE_URL,
                        &url,
                        "expected an http:// or https:// address, like https://members.example.coop",
                    ))
                }
            })
            .transpose()?;
        let frame_ancestors = get(FRAME_ANCESTORS)
            .map(|list| {
                list.split([',', ' '])
                    .filter(|origin| !origin.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            database_url,
            backend,
            listen,
            base_url,
            smtp_url: get(SMTP_URL),
            mail_from: get(MAIL_FROM),
            data_dir: PathBuf::from(get(DATA_DIR).unwrap_or_else(|| DEFAULT_DATA_DIR.to_owned())),
            frame_ancestors,
        })
    }
}

fn backend_of(url: &str) -> Result<Backend, ConfigError> {
    let scheme = url
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .unwrap_or_default();
    match scheme {
        "sqlite" => Ok(Backend::Sqlite),
        "postgres" | "postgresql" => Ok(Backend::Postgres),
        _ => Err(ConfigError::new(
            DATABASE_URL,
            url,
            "unsupported database: expected sqlite://FILE or postgres://USER@HOST/DATABASE",
        )),
    }
}

/// Hides the password of a URL (`postgres://me:secret@host` → `postgres://me:***@host`).
pub fn redact(value: &str) -> String {
    let Some((scheme, rest)) = value.split_once("://") else {
        return value.to_owned();
    };
    let Some((credentials, host)) = rest.split_once('@') else {
        return value.to_owned();
    };
    match credentials.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn nothing_set_means_sqlite_in_the_current_folder_on_localhost_8080() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database_url, "sqlite://coopshares.db");
        assert_eq!(config.backend, Backend::Sqlite);
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.base_url, None);
        assert_eq!(config.smtp_url, None);
        assert_eq!(config.data_dir, PathBuf::from("data"));
        assert!(config.frame_ancestors.is_empty());
    }

    #[test]
    fn frame_ancestors_are_a_comma_or_space_separated_list() {
        let config = config(&[(
            FRAME_ANCESTORS,
            "https://coop.example, https://www.coop.example",
        )])
        .unwrap();
        assert_eq!(
            config.frame_ancestors,
            ["https://coop.example", "https://www.coop.example"]
        );
    }

    #[test]
    fn postgres_urls_select_postgres() {
        for url in ["postgres://postgres@127.0.0.1/test", "postgresql://x@h/db"] {
            assert_eq!(
                config(&[(DATABASE_URL, url)]).unwrap().backend,
                Backend::Postgres
            );
        }
    }

    #[test]
    fn an_unknown_database_scheme_names_the_setting() {
        let error = config(&[(DATABASE_URL, "mysql://root@localhost/x")]).unwrap_err();
        assert_eq!(error.setting, DATABASE_URL);
        assert!(
            error
                .to_string()
                .starts_with("COOPSHARES_DATABASE_URL=mysql://")
        );
    }

    #[test]
    fn a_bad_listen_address_names_the_setting() {
        let error = config(&[(LISTEN, "localhost")]).unwrap_err();
        assert_eq!(error.setting, LISTEN);
    }

    #[test]
    fn a_base_url_must_be_http_and_loses_its_trailing_slash() {
        assert!(config(&[(BASE_URL, "members.example.coop")]).is_err());
        let config = config(&[(BASE_URL, "https://members.example.coop/")]).unwrap();
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://members.example.coop")
        );
    }

    #[test]
    fn passwords_in_urls_are_never_shown() {
        assert_eq!(
            redact("postgres://me:secret@db.example:5432/coop"),
            "postgres://me:***@db.example:5432/coop"
        );
        assert_eq!(redact("sqlite://coopshares.db"), "sqlite://coopshares.db");
        let error = ConfigError::new(DATABASE_URL, "postgres://me:secret@h/db", "down");
        assert!(!error.to_string().contains("secret"));
    }
}
