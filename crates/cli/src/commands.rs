//! The subcommands. Each prints what a person needs to read on stdout; logs go to stderr.

use std::sync::Arc;

use coopshares_app::clock::SystemClock;
use coopshares_app::ports::Actor;
use coopshares_app::{AppError, tokens};
use coopshares_domain::ids::ApiTokenId;
use coopshares_domain::user::ApiRole;
use coopshares_web::AppState;

use crate::config::{Config, ConfigError, LISTEN};
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
        AppError::Unexpected(cause) => format!("unexpected error: {}", chain(cause.as_ref())),
        other => other.to_string(),
    }
}

fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

pub async fn serve(config: &Config) -> Result<(), CommandError> {
    let store = db::open_migrated(config).await?;
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
    let app = coopshares_web::router(AppState {
        store: Arc::clone(&store),
        clock: Arc::new(SystemClock),
    });
    println!(
        "Coopshares is listening on http://{address} (database: {})",
        store.backend()
    );
    match &config.base_url {
        Some(base_url) => tracing::info!(%base_url, "links in emails point to the public address"),
        None => tracing::info!(
            "COOPSHARES_BASE_URL is not set: links in emails will point to http://{address}"
        ),
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped");
    Ok(())
}

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
