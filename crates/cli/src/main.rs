//! The `coopshares` binary: reads the configuration, picks the storage adapter (the only place
//! that does), and runs a subcommand. Errors end the process with one line on stderr naming
//! what is wrong, and a non-zero exit code.

mod commands;
mod config;
mod db;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "coopshares",
    version,
    about = "Members and share capital of a cooperative"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web application and the API (runs the migrations first).
    Serve,
    /// Create or update the database schema, then exit.
    Migrate,
    /// Deliver queued emails without serving HTTP (`serve` already does it).
    Worker,
    /// Manage manager accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Import a bank statement (camt.053, CODA or CSV, recognised from the content) and
    /// reconcile the payments it brings.
    ImportStatement {
        /// The statement file.
        file: std::path::PathBuf,
        /// For a CSV file: the bank account (IBAN) whose saved column mapping reads it.
        #[arg(long)]
        account: Option<String>,
    },
    /// Export records.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The member and share register as it stood on a date, to standard output or a file.
    Register {
        /// `csv`, `xlsx` or `pdf`.
        #[arg(long, default_value = "csv")]
        format: String,
        /// `YYYY-MM-DD`: the register at the end of that day (default: today).
        #[arg(long)]
        as_of: Option<String>,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create a manager account; the password is asked for (or read from stdin's first line).
    Create {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Create a token; it is printed once, alone on the last line.
    Create {
        /// What the token may do: `manager` (everything) or `intake` (submit requests).
        #[arg(long)]
        role: String,
        /// What the token is for, e.g. "website form".
        #[arg(long)]
        name: String,
    },
    /// List tokens (the secrets are not stored, only their first characters).
    List,
    /// Revoke a token by its id: requests bearing it are refused from now on.
    Revoke {
        /// The id shown by `token list`.
        id: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        let config = config::Config::from_env()?;
        match cli.command {
            Command::Serve => commands::serve(&config).await,
            Command::Migrate => commands::migrate(&config).await,
            Command::Worker => commands::worker(&config).await,
            Command::Admin(AdminCommand::Create { email }) => {
                commands::admin_create(&config, &email).await
            }
            Command::Token(TokenCommand::Create { role, name }) => {
                commands::token_create(&config, &role, &name).await
            }
            Command::Token(TokenCommand::List) => commands::token_list(&config).await,
            Command::ImportStatement { file, account } => {
                commands::import_statement(&config, &file, account.as_deref()).await
            }
            Command::Export(ExportCommand::Register {
                format,
                as_of,
                output,
            }) => {
                commands::export_register(&config, &format, as_of.as_deref(), output.as_deref())
                    .await
            }
            Command::Token(TokenCommand::Revoke { id }) => {
                commands::token_revoke(&config, &id).await
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("COOPSHARES_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
