//! The subcommands. Each prints what a person needs to read on stdout; logs go to stderr.

use std::sync::Arc;

use std::net::SocketAddr;

use coopshares_app::clock::{Clock, SystemClock};
use coopshares_app::email::Mailer;
use coopshares_app::error::error_chain;
use coopshares_app::ports::{Actor, Store};
use coopshares_app::{AppError, accounts, tokens};
use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use coopshares_mail::{MailFrom, MailTransport, Templates, worker};
use coopshares_web::{AppState, WebConfig};

use crate::config::{Config, ConfigError, FRAME_ANCESTORS, LISTEN};
use crate::db;

/// Any failure of a subcommand; its text is the one line printed after `error:`.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Usage(String),
    #[error("{}", describe(.0))]
    App(#[from] AppError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

fn describe(error: &AppError) -> String {
    match error {
        AppError::Unexpected(cause) => format!("unexpected error: {}", error_chain(cause.as_ref())),
        AppError::Validation(fields) => fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.detail))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// The email side of the application, built from the configuration.
struct MailSetup {
    transport: MailTransport,
    from: MailFrom,
    mailer: Arc<Mailer>,
}

impl MailSetup {
    fn from_config(config: &Config, public_url: &str) -> Result<Self, CommandError> {
        let transport = MailTransport::from_config(config.smtp_url.as_deref(), &config.data_dir)
            .map_err(|e| CommandError::Usage(e.to_string()))?;
        let from = MailFrom::parse(config.mail_from.as_deref())
            .map_err(|e| CommandError::Usage(e.to_string()))?;
        let templates = Templates::new().map_err(|e| CommandError::Usage(e.to_string()))?;
        let mailer = Arc::new(Mailer {
            renderer: Arc::new(templates),
            message_id_domain: from.domain().to_owned(),
            base_url: public_url.trim_end_matches('/').to_owned(),
        });
        Ok(Self {
            transport,
            from,
            mailer,
        })
    }
}

pub async fn serve(config: &Config) -> Result<(), CommandError> {
    let store = db::open_migrated(config).await?;
    let public = config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    let mail = MailSetup::from_config(config, &public)?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let frame_origins: Vec<&str> = config.frame_ancestors.iter().map(String::as_str).collect();
    let web_config = WebConfig::new(
        config.base_url.clone(),
        &frame_origins,
        config.smtp_url.is_some(),
    )
    .map_err(|e| {
        ConfigError::new(
            FRAME_ANCESTORS,
            &config.frame_ancestors.join(","),
            e.to_string(),
        )
    })?;
    let state = AppState::new(
        Arc::clone(&store),
        Arc::clone(&clock),
        Arc::clone(&mail.mailer),
        Arc::new(coopshares_documents::PdfRenderer),
        web_config,
    )
    .map_err(|e| CommandError::Usage(format!("cannot load the pages: {e}")))?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| {
            ConfigError::new(
                LISTEN,
                &config.listen.to_string(),
                format!("cannot listen: {e}"),
            )
        })?;
    let address = listener.local_addr()?;
    say(&format!(
        "Coopshares is listening on http://{address} (database: {}, email: {})",
        store.backend(),
        mail.transport.describe()
    ));
    if let Some(token) = accounts::setup_link(store.as_ref(), clock.as_ref()).await? {
        say(&format!(
            "No manager account yet. Open {public}/setup/{token} within 24 hours to create the first one (or run: coopshares admin create --email YOU@EXAMPLE)."
        ));
    }
    if config.base_url.is_none() {
        tracing::info!("COOPSHARES_BASE_URL is not set: links in emails will point to {public}");
    }

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(worker::run(
        Arc::clone(&store),
        mail.transport,
        Arc::clone(&clock),
        mail.from,
        Arc::clone(&state.outbox_wake),
        wait_for(stopped.clone()),
    ));
    let certificates = tokio::spawn(issue_owed_certificates(
        Arc::clone(&store),
        Arc::clone(&mail.mailer),
        Arc::clone(&clock),
        Arc::clone(&state.outbox_wake),
        wait_for(stopped.clone()),
    ));
    let housekeeping = tokio::spawn(coopshares_app::housekeeping::run(
        Arc::clone(&store),
        wait_for(stopped),
    ));
    let app = coopshares_web::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    let _ = stop.send(true);
    let _ = worker.await;
    let _ = certificates.await;
    let _ = housekeeping.await;
    tracing::info!("stopped");
    Ok(())
}

/// Issues the certificates a large statement import left owed (see
/// `certificates::issue_due`), a batch at a time, waking the email worker after each batch;
/// looks again every few seconds until `stop` resolves. A failure is logged and tried again.
async fn issue_owed_certificates(
    store: Arc<dyn Store>,
    mailer: Arc<Mailer>,
    clock: Arc<dyn Clock>,
    outbox_wake: Arc<tokio::sync::Notify>,
    stop: impl std::future::Future<Output = ()>,
) {
    const BATCH: usize = 100;
    const IDLE: std::time::Duration = std::time::Duration::from_secs(3);
    tokio::pin!(stop);
    loop {
        let services = coopshares_app::capital::Services {
            mailer: &mailer,
            documents: &coopshares_documents::PdfRenderer,
            clock: clock.as_ref(),
        };
        let pause =
            match coopshares_app::certificates::issue_due(store.as_ref(), services, BATCH).await {
                Ok(0) => IDLE,
                Ok(issued) => {
                    tracing::info!(issued, "owed certificates issued");
                    outbox_wake.notify_one();
                    std::time::Duration::ZERO
                }
                Err(error) => {
                    tracing::warn!(%error, "issuing owed certificates failed; trying again");
                    IDLE
                }
            };
        tokio::select! {
            () = &mut stop => return,
            () = tokio::time::sleep(pause) => {}
        }
    }
}

/// `coopshares worker`: delivers queued emails without serving HTTP.
pub async fn worker(config: &Config) -> Result<(), CommandError> {
    let store = db::open_migrated(config).await?;
    let public = config.base_url.clone().unwrap_or_default();
    let mail = MailSetup::from_config(config, &public)?;
    println!(
        "Delivering queued emails ({}); stop with Ctrl+C.",
        mail.transport.describe()
    );
    worker::run(
        store,
        mail.transport,
        Arc::new(SystemClock),
        mail.from,
        Arc::new(tokio::sync::Notify::new()),
        shutdown_signal(),
    )
    .await;
    Ok(())
}

/// Prints a line for the operator; a closed stdout must not stop a running server.
fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// Ctrl+C or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = terminate.recv() => {},
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

async fn wait_for(mut stopped: tokio::sync::watch::Receiver<bool>) {
    while !*stopped.borrow() {
        if stopped.changed().await.is_err() {
            return;
        }
    }
}

/// `coopshares admin create --email E`: the password comes from a prompt (typed twice, not
/// shown) or, when stdin is not a terminal, from its first line.
pub async fn admin_create(config: &Config, email: &str) -> Result<(), CommandError> {
    let password = read_password()?;
    let store = db::open_migrated(config).await?;
    let user = accounts::create_manager(
        store.as_ref(),
        &SystemClock,
        &Actor::Operator,
        email,
        &password,
    )
    .await?;
    println!(
        "Manager account {} created. Log in at /login.",
        user.email.as_str()
    );
    Ok(())
}

fn read_password() -> Result<String, CommandError> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            return Err(CommandError::Usage(
                "the two passwords are not the same".to_owned(),
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

pub async fn import_statement(
    config: &Config,
    file: &std::path::Path,
    account: Option<&str>,
) -> Result<(), CommandError> {
    let bytes = std::fs::read(file)
        .map_err(|e| CommandError::Usage(format!("cannot read {}: {e}", file.display())))?;
    let store = db::open_migrated(config).await?;
    let settings = coopshares_app::settings::load(store.as_ref()).await?.value;
    let mapping =
        match account {
            Some(account) => {
                let compact: String = account
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_uppercase)
                    .collect();
                Some(settings.csv_mappings.get(&compact).cloned().ok_or_else(|| {
                CommandError::Usage(format!(
                    "--account {account}: no CSV column mapping is saved for this account"
                ))
            })?)
            }
            None if settings.csv_mappings.len() == 1 => {
                settings.csv_mappings.values().next().cloned()
            }
            None => None,
        };
    let filename = file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    // Certificates of members admitted by this file are queued in the outbox; the server's
    // worker (or `coopshares worker`) sends them.
    let public = config
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    let mail = MailSetup::from_config(config, &public)?;
    let services = coopshares_app::capital::Services {
        mailer: &mail.mailer,
        documents: &coopshares_documents::PdfRenderer,
        clock: &SystemClock,
    };
    let outcome = coopshares_app::statements::import(
        store.as_ref(),
        services,
        &Actor::Operator,
        &bytes,
        filename.as_deref(),
        mapping.as_ref(),
    )
    .await?;
    let statement = &outcome.statement;
    if outcome.already_imported {
        println!(
            "This file was already imported as statement {}; nothing was added.",
            statement.id
        );
    } else {
        println!(
            "Imported statement {} ({}): {} new lines, {} already known; {} reconciled, {} to reconcile, {} set aside.",
            statement.id,
            statement.statement.format,
            statement.lines,
            outcome.known_lines,
            statement.matched,
            statement.unmatched,
            statement.ignored
        );
    }
    if outcome.certificates_owed > 0 {
        println!(
            "Issuing the certificates of the {} members this statement admitted…",
            outcome.certificates_owed
        );
        let mut issued = 0;
        loop {
            let done =
                coopshares_app::certificates::issue_due(store.as_ref(), services, 1_000).await?;
            if done == 0 {
                break;
            }
            issued += done;
        }
        println!("{issued} certificates issued and queued for email.");
    }
    Ok(())
}

pub async fn migrate(config: &Config) -> Result<(), CommandError> {
    let store = db::open_migrated(config).await?;
    println!("The {} database is up to date.", store.backend());
    Ok(())
}

pub async fn token_create(config: &Config, role: &str, name: &str) -> Result<(), CommandError> {
    let role: ApiRole = role
        .parse()
        .map_err(|_| CommandError::Usage(format!("--role {role}: expected manager or intake")))?;
    let store = db::open_migrated(config).await?;
    let created =
        tokens::create_api_token(store.as_ref(), &SystemClock, &Actor::Operator, name, role)
            .await?;
    println!(
        "Created API token {} \"{}\" with role {}. Copy it now: it is not shown again.",
        created.record.id,
        created.record.name,
        role.as_str()
    );
    println!("{}", created.secret);
    Ok(())
}

pub async fn token_list(config: &Config) -> Result<(), CommandError> {
    let store = db::open_migrated(config).await?;
    let tokens = tokens::list_api_tokens(store.as_ref()).await?;
    if tokens.is_empty() {
        println!(
            "No API tokens. Create one with: coopshares token create --role intake --name \"website form\""
        );
        return Ok(());
    }
    println!(
        "{:>4}  {:<8}  {:<10}  {:<20}  {:<20}  name",
        "id", "role", "starts", "created", "revoked"
    );
    for token in tokens {
        println!(
            "{:>4}  {:<8}  {:<10}  {:<20}  {:<20}  {}",
            token.id,
            token.role.as_str(),
            token.hint,
            short_time(token.created_at),
            token
                .revoked_at
                .map(short_time)
                .unwrap_or_else(|| "-".to_owned()),
            token.name
        );
    }
    Ok(())
}

pub async fn token_revoke(config: &Config, id: &str) -> Result<(), CommandError> {
    let id: ApiTokenId = id.parse().map_err(|_| {
        CommandError::Usage(format!("{id}: not a token id (see coopshares token list)"))
    })?;
    let store = db::open_migrated(config).await?;
    tokens::revoke_api_token(store.as_ref(), &SystemClock, &Actor::Operator, id).await?;
    println!("API token {id} is revoked.");
    Ok(())
}

fn short_time(at: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap_or_else(|_| at.to_string())
}

/// Writes the register of `as_of` (default today) as CSV to `output` or standard output, a
/// page of members at a time.
pub async fn export_register(
    config: &Config,
    format: &str,
    as_of: Option<&str>,
    output: Option<&std::path::Path>,
) -> Result<(), CommandError> {
    use std::io::Write as _;

    use coopshares_app::clock::Clock as _;
    use coopshares_app::register::{self, PAGE_CONTACTS, RegisterReader};

    let file_format = match format {
        "csv" => None,
        "xlsx" => Some(coopshares_app::documents::RegisterFormat::Xlsx),
        "pdf" => Some(coopshares_app::documents::RegisterFormat::Pdf),
        other => {
            return Err(CommandError::Usage(format!(
                "--format {other}: the register is exported as csv, xlsx or pdf"
            )));
        }
    };
    let today = SystemClock.today();
    let as_of = register::parse_as_of(as_of, today).map_err(|_| {
        CommandError::Usage(format!(
            "--as-of {}: write the date as YYYY-MM-DD",
            as_of.unwrap_or_default()
        ))
    })?;
    let store = db::open_migrated(config).await?;
    let mut out: Box<dyn std::io::Write + Send> = match output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    if let Some(file_format) = file_format {
        let language = coopshares_app::settings::load(store.as_ref())
            .await?
            .value
            .default_language;
        let file = register::file(
            store.as_ref(),
            &coopshares_documents::PdfRenderer,
            as_of,
            language,
            file_format,
        )
        .await?;
        // Compressed straight into the output, never held whole.
        tokio::task::spawn_blocking(move || file.write_to(out))
            .await
            .map_err(|e| CommandError::App(AppError::unexpected(e)))??;
        return Ok(());
    }
    let mut reader = RegisterReader::open(store.as_ref(), as_of, None)
        .await?
        .read_ahead(PAGE_CONTACTS);
    out.write_all(register::csv::header(reader.share_types()).as_bytes())?;
    while let Some(rows) = reader.next_page().await? {
        out.write_all(register::csv::rows(reader.share_types(), &rows).as_bytes())?;
    }
    out.flush()?;
    Ok(())
}
