//! Where messages go: an SMTP server (`COOPSHARES_SMTP_URL`), or `.eml` files in the data
//! folder when no server is configured, so that a fresh install works and the back office can
//! list what would have been sent.
//!
//! | `COOPSHARES_SMTP_URL` | connection | default port |
//! |---|---|---|
//! | unset or blank | files in `{data_dir}/outbox/` | — |
//! | `smtp://host:port` | plain, no TLS (local relays, tests) | 25 |
//! | `smtp://user:pass@host:port?tls=required` | STARTTLS, refused if the server lacks it | 587 |
//! | `smtps://user:pass@host:465` | implicit TLS | 465 |
//!
//! User name and password are percent-decoded (`p%40ss` is `p@ss`). Errors name the setting
//! and never repeat the password.

use std::error::Error as StdError;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use percent_encoding::percent_decode_str;
use url::{Host, Url};

const SETTING: &str = "COOPSHARES_SMTP_URL";
/// Timeout of the connection and of each SMTP command.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The transport configuration is wrong. One line, naming the setting; never the password.
#[derive(Debug, thiserror::Error)]
pub enum TransportConfigError {
    #[error("invalid {SETTING}: {0}")]
    InvalidUrl(String),
    #[error("invalid {SETTING}: cannot set up TLS for {host}")]
    Tls {
        host: String,
        #[source]
        source: lettre::transport::smtp::Error,
    },
    #[error("cannot create the email folder {}", path.display())]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn invalid(message: impl Into<String>) -> TransportConfigError {
    TransportConfigError::InvalidUrl(message.into())
}

type BoxError = Box<dyn StdError + Send + Sync>;

/// A message could not be delivered. Temporary failures (server unreachable, timeout, `4xx`)
/// are worth retrying; permanent ones (`5xx`, a message the client cannot send) are not.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("the mail server refused the message")]
    Permanent(#[source] BoxError),
    #[error("the message could not be delivered for now")]
    Temporary(#[source] BoxError),
}

impl DeliveryError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, DeliveryError::Permanent(_))
    }
}

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    Plain,
    StartTls,
    Implicit,
}

/// A parsed `COOPSHARES_SMTP_URL`.
#[derive(Clone, PartialEq, Eq)]
struct SmtpSettings {
    host: String,
    port: u16,
    security: Security,
    credentials: Option<(String, String)>,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .finish_non_exhaustive()
    }
}

impl SmtpSettings {
    fn parse(text: &str) -> Result<SmtpSettings, TransportConfigError> {
        // url's errors describe the problem without quoting the input.
        let url = Url::parse(text).map_err(|error| invalid(format!("not a URL ({error})")))?;
        let implicit_tls = match url.scheme() {
            "smtp" => false,
            "smtps" => true,
            other => {
                return Err(invalid(format!(
                    "unsupported scheme {other:?} (expected smtp:// or smtps://)"
                )));
            }
        };
        let host = match url.host() {
            Some(Host::Domain(domain)) if !domain.is_empty() => domain.to_owned(),
            Some(Host::Ipv4(address)) => address.to_string(),
            Some(Host::Ipv6(address)) => address.to_string(),
            _ => return Err(invalid("no host name")),
        };
        if !matches!(url.path(), "" | "/") {
            return Err(invalid("a path is not expected after the host and port"));
        }
        if url.fragment().is_some() {
            return Err(invalid("a fragment (#…) is not expected"));
        }
        let mut starttls = false;
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") if !implicit_tls => starttls = true,
                ("tls", "required") => {
                    return Err(invalid(
                        "tls=required is for smtp:// (STARTTLS); smtps:// always uses TLS",
                    ));
                }
                ("tls", other) => {
                    return Err(invalid(format!(
                        "tls={other:?} is not supported (use tls=required, or smtps://)"
                    )));
                }
                (other, _) => return Err(invalid(format!("unknown parameter {other:?}"))),
            }
        }
        let security = match (implicit_tls, starttls) {
            (true, _) => Security::Implicit,
            (false, true) => Security::StartTls,
            (false, false) => Security::Plain,
        };
        let port = url.port().unwrap_or(match security {
            Security::Plain => 25,
            Security::StartTls => 587,
            Security::Implicit => 465,
        });
        let decode = |part: &str, what: &str| {
            percent_decode_str(part)
                .decode_utf8()
                .map(|decoded| decoded.into_owned())
                .map_err(|_| invalid(format!("the {what} is not UTF-8 once percent-decoded")))
        };
        let user = decode(url.username(), "user name")?;
        let credentials = match url.password() {
            Some(password) if !user.is_empty() => Some((user, decode(password, "password")?)),
            Some(_) => return Err(invalid("a password is given without a user name")),
            None if user.is_empty() => None,
            None => return Err(invalid("a user name is given without a password")),
        };
        Ok(SmtpSettings {
            host,
            port,
            security,
            credentials,
        })
    }

    /// The URL without the password, for logs.
    fn describe(&self) -> String {
        let scheme = if self.security == Security::Implicit {
            "smtps"
        } else {
            "smtp"
        };
        let user = match &self.credentials {
            Some((user, _)) => format!("{user}:***@"),
            None => String::new(),
        };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let query = if self.security == Security::StartTls {
            "?tls=required"
        } else {
            ""
        };
        format!("{scheme}://{user}{host}:{}{query}", self.port)
    }

    fn transport(&self) -> Result<AsyncSmtpTransport<Tokio1Executor>, TransportConfigError> {
        let tls = || {
            TlsParameters::new(self.host.clone()).map_err(|source| TransportConfigError::Tls {
                host: self.host.clone(),
                source,
            })
        };
        let tls = match self.security {
            Security::Plain => Tls::None,
            Security::StartTls => Tls::Required(tls()?),
            Security::Implicit => Tls::Wrapper(tls()?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&self.host)
            .port(self.port)
            .tls(tls)
            .timeout(Some(TIMEOUT));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(builder.build())
    }
}

/// Where the worker hands messages to.
#[derive(Clone)]
pub struct MailTransport {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        description: String,
    },
    Files {
        dir: PathBuf,
    },
}

impl fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MailTransport")
            .field(&self.describe())
            .finish()
    }
}

impl MailTransport {
    /// The transport `COOPSHARES_SMTP_URL` asks for; without it (or blank), `.eml` files in
    /// `{data_dir}/outbox/`, a folder created here.
    pub fn from_config(
        smtp_url: Option<&str>,
        data_dir: &Path,
    ) -> Result<MailTransport, TransportConfigError> {
        match smtp_url.map(str::trim).filter(|url| !url.is_empty()) {
            Some(url) => {
                let settings = SmtpSettings::parse(url)?;
                Ok(MailTransport {
                    inner: Inner::Smtp {
                        transport: settings.transport()?,
                        description: settings.describe(),
                    },
                })
            }
            None => {
                let dir = data_dir.join("outbox");
                std::fs::create_dir_all(&dir).map_err(|source| TransportConfigError::Folder {
                    path: dir.clone(),
                    source,
                })?;
                Ok(MailTransport {
                    inner: Inner::Files { dir },
                })
            }
        }
    }

    /// For logs: the SMTP URL without its password, or the folder of `.eml` files.
    pub fn describe(&self) -> String {
        match &self.inner {
            Inner::Smtp { description, .. } => description.clone(),
            Inner::Files { dir } => format!("files in {}", dir.display()),
        }
    }

    /// The folder of `.eml` files, when messages are written there rather than sent.
    pub fn files_dir(&self) -> Option<&Path> {
        match &self.inner {
            Inner::Smtp { .. } => None,
            Inner::Files { dir } => Some(dir),
        }
    }

    /// Hands `message` to the server (one connection per message), or writes it to
    /// `{message-id}.eml`.
    pub async fn send(&self, message: &Message) -> Result<(), DeliveryError> {
        match &self.inner {
            Inner::Smtp { transport, .. } => transport
                .send_raw(message.envelope(), &message.formatted())
                .await
                .map(drop)
                .map_err(classify),
            Inner::Files { dir } => write_file(dir, message).await,
        }
    }
}

fn classify(error: lettre::transport::smtp::Error) -> DeliveryError {
    if error.is_permanent() || error.is_client() {
        DeliveryError::Permanent(Box::new(error))
    } else {
        DeliveryError::Temporary(Box::new(error))
    }
}

/// Writes through a temporary file and a rename, so a reader never sees half a message.
async fn write_file(dir: &Path, message: &Message) -> Result<(), DeliveryError> {
    let id = message
        .headers()
        .get_raw("Message-ID")
        .map(|id| id.trim().trim_start_matches('<').trim_end_matches('>'))
        .filter(|id| !id.is_empty())
        .ok_or_else(|| DeliveryError::Permanent("the message has no Message-ID".into()))?;
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_' | '+') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{name}.eml"));
    let partial = dir.join(format!(".{name}.eml.partial"));
    let temporary = |error: std::io::Error| {
        DeliveryError::Temporary(format!("cannot write {}: {error}", path.display()).into())
    };
    tokio::fs::write(&partial, message.formatted())
        .await
        .map_err(temporary)?;
    tokio::fs::rename(&partial, &path).await.map_err(temporary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(
        host: &str,
        port: u16,
        security: Security,
        credentials: Option<(&str, &str)>,
    ) -> SmtpSettings {
        SmtpSettings {
            host: host.to_owned(),
            port,
            security,
            credentials: credentials.map(|(u, p)| (u.to_owned(), p.to_owned())),
        }
    }

    #[test]
    fn good_smtp_urls_are_understood() {
        let table = [
            (
                "smtp://127.0.0.1:2525",
                settings("127.0.0.1", 2525, Security::Plain, None),
            ),
            (
                "smtp://relay.local",
                settings("relay.local", 25, Security::Plain, None),
            ),
            (
                "smtp://relay.local/",
                settings("relay.local", 25, Security::Plain, None),
            ),
            (
                "smtp://mailer:s3cret@mail.example:587?tls=required",
                settings(
                    "mail.example",
                    587,
                    Security::StartTls,
                    Some(("mailer", "s3cret")),
                ),
            ),
            (
                "smtp://mail.example?tls=required",
                settings("mail.example", 587, Security::StartTls, None),
            ),
            (
                "smtps://user%40coop.example:p%40ss%3Aw%2Frd@smtp.example:465",
                settings(
                    "smtp.example",
                    465,
                    Security::Implicit,
                    Some(("user@coop.example", "p@ss:w/rd")),
                ),
            ),
            (
                "smtps://u:p@smtp.example",
                settings("smtp.example", 465, Security::Implicit, Some(("u", "p"))),
            ),
            (
                "smtp://[::1]:2525",
                settings("::1", 2525, Security::Plain, None),
            ),
        ];
        for (url, expected) in table {
            assert_eq!(SmtpSettings::parse(url).unwrap(), expected, "{url}");
        }
    }

    #[test]
    fn bad_smtp_urls_are_refused_with_a_one_line_error_naming_the_setting() {
        let table = [
            ("http://mail.example", "unsupported scheme \"http\""),
            ("mail.example:25", "unsupported scheme \"mail.example\""),
            ("not a url", "not a URL"),
            ("smtp://", "no host name"),
            ("smtp://mail.example:99999", "not a URL"),
            (
                "smtp://mail.example:25?tls=opportunistic",
                "tls=\"opportunistic\" is not supported",
            ),
            (
                "smtps://mail.example?tls=required",
                "smtps:// always uses TLS",
            ),
            (
                "smtp://mail.example?starttls=yes",
                "unknown parameter \"starttls\"",
            ),
            ("smtp://mail.example/ehlo-name", "a path is not expected"),
            (
                "smtp://mailer@mail.example",
                "a user name is given without a password",
            ),
            (
                "smtp://:hunter2@mail.example",
                "a password is given without a user name",
            ),
            ("smtp://mail.example#frag", "a fragment"),
        ];
        for (url, expected) in table {
            let error = SmtpSettings::parse(url).unwrap_err().to_string();
            assert!(
                error.starts_with("invalid COOPSHARES_SMTP_URL: "),
                "{url}: {error}"
            );
            assert!(error.contains(expected), "{url}: {error}");
            assert!(!error.contains('\n'), "{url}: {error}");
        }
    }

    #[test]
    fn the_password_never_appears_in_errors_or_descriptions() {
        let password = "hunter2-very-secret";
        let bad = [
            format!("smtp://mailer:{password}@mail.example:25?tls=maybe"),
            format!("smtp://mailer:{password}@mail.example:99999"),
            format!("smtp://mailer:{password}@mail.example/path"),
            format!("ftp://mailer:{password}@mail.example"),
            format!("smtp://mailer:{password}@/"),
            format!("smtp://mailer:{password}@mail.example?x=1"),
        ];
        for url in &bad {
            let error = SmtpSettings::parse(url).unwrap_err();
            assert!(!error.to_string().contains(password), "{error}");
            assert!(!format!("{error:?}").contains(password), "{error:?}");
        }
        let good = format!("smtps://mailer:{password}@mail.example");
        let settings = SmtpSettings::parse(&good).unwrap();
        assert_eq!(settings.describe(), "smtps://mailer:***@mail.example:465");
        assert!(!format!("{settings:?}").contains(password));
        let transport = MailTransport::from_config(Some(&good), Path::new("/nonexistent")).unwrap();
        assert!(!format!("{transport:?}").contains(password));
    }

    #[test]
    fn descriptions_name_the_connection_mode() {
        let describe = |url: &str| SmtpSettings::parse(url).unwrap().describe();
        assert_eq!(describe("smtp://127.0.0.1:2525"), "smtp://127.0.0.1:2525");
        assert_eq!(
            describe("smtp://u:p@mail.example?tls=required"),
            "smtp://u:***@mail.example:587?tls=required"
        );
        assert_eq!(describe("smtp://[::1]:25"), "smtp://[::1]:25");
    }

    #[test]
    fn permanent_errors_are_told_apart_from_temporary_ones() {
        assert!(DeliveryError::Permanent("x".into()).is_permanent());
        assert!(!DeliveryError::Temporary("x".into()).is_permanent());
    }
}
