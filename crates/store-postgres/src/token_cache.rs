//! API tokens served from the server's memory, kept true by PostgreSQL's `LISTEN`/`NOTIFY`.
//!
//! Every API call authenticates by its token's hash; read from the database, that look-up was
//! the one call the API made that the public form did not, and under load it cost the API a
//! tenth of its throughput. Tokens change rarely (the operator revokes one on the command line,
//! often from another process than the server), so the live ones are kept here, with these
//! rules:
//!
//! - Migration 0016 makes every change to `api_tokens`, by Coopshares or by hand, from any
//!   process, notify channel [`CHANNEL`] when it commits.
//! - A listener task, started by the first look-up, listens on that channel on a connection of
//!   its own. The cache serves only while that listener is listening: before it is, after its
//!   connection is lost and until it has listened again, every look-up reads the database.
//! - Each notification, each loss of the listener's connection and each new `LISTEN` empties
//!   the cache and moves its generation on. A look-up that read the database under an earlier
//!   generation does not keep what it read, so a read that raced a revocation is never kept.
//! - A transaction of this process that revoked a token empties the cache as it commits, so
//!   this process refuses the token at once; another process's revocation is refused here when
//!   its notification arrives (a few milliseconds after its commit).
//! - Only live tokens are kept; an unknown or revoked secret is looked up every time, and so
//!   no caller can fill the cache.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use coopshares_app::ports::ApiTokenRecord;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use tokio::sync::Notify;

/// The channel migration 0016's trigger notifies on every change to `api_tokens`.
const CHANNEL: &str = "coopshares_api_tokens";

/// How the listener's connection shows in `pg_stat_activity`.
const LISTENER_NAME: &str = "coopshares api-token listener";

/// How long the listener waits before connecting again after a failure.
const RETRY_AFTER: Duration = Duration::from_secs(1);

pub(crate) struct TokenCache {
    state: Mutex<State>,
    listener_started: AtomicBool,
    /// Wakes the listener task to end: when the store is closed or its last clone dropped.
    stop: Arc<Notify>,
}

#[derive(Default)]
struct State {
    listening: bool,
    generation: u64,
    tokens: HashMap<String, ApiTokenRecord>,
}

impl State {
    /// No token kept, and no read begun before now kept later.
    fn empty(&mut self) {
        self.generation += 1;
        self.tokens.clear();
    }
}

/// What a look-up that missed the cache may keep of its database read: the generation it read
/// under, or nothing while the listener is not listening.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ticket(Option<u64>);

impl TokenCache {
    pub(crate) fn new() -> Self {
        Self {
            state: Mutex::new(State::default()),
            listener_started: AtomicBool::new(false),
            stop: Arc::new(Notify::new()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The lock guards plain data and no code under it can panic half-way through a
        // change; a poisoned lock still holds a consistent map.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The live token with this secret hash, when it is cached; otherwise the ticket under
    /// which the database's answer may be kept.
    pub(crate) fn get(&self, secret_hash: &str) -> Result<ApiTokenRecord, Ticket> {
        let state = self.state();
        if !state.listening {
            return Err(Ticket(None));
        }
        match state.tokens.get(secret_hash) {
            Some(token) => Ok(token.clone()),
            None => Err(Ticket(Some(state.generation))),
        }
    }

    /// Keeps a token read from the database, unless it is revoked or the cache was emptied
    /// since `ticket` was taken.
    pub(crate) fn keep(&self, ticket: Ticket, secret_hash: &str, token: &ApiTokenRecord) {
        let mut state = self.state();
        if token.revoked_at.is_none() && state.listening && ticket.0 == Some(state.generation) {
            state.tokens.insert(secret_hash.to_owned(), token.clone());
        }
    }

    /// Empties the cache: tokens changed, or may have.
    pub(crate) fn forget_all(&self) {
        self.state().empty();
    }

    /// Starts or stops serving, from an empty cache either way (under one lock, so that no
    /// look-up sees the one change without the other).
    fn set_listening(&self, listening: bool) {
        let mut state = self.state();
        state.listening = listening;
        state.empty();
    }

    /// Starts the listener task once (the first look-up calls this; a store that never
    /// authenticates an API call, such as the command line's, never opens its connection).
    pub(crate) fn start_listener(self: &Arc<Self>, options: &PgConnectOptions) {
        if self.listener_started.swap(true, Ordering::AcqRel) {
            return;
        }
        let options = options.clone().application_name(LISTENER_NAME);
        tokio::spawn(listen(Arc::downgrade(self), self.stop.clone(), options));
    }

    /// Ends the listener task; the cache stops serving.
    pub(crate) fn stop(&self) {
        self.set_listening(false);
        self.stop.notify_one();
    }
}

impl Drop for TokenCache {
    fn drop(&mut self) {
        self.stop.notify_one();
    }
}

/// The listener task: listens, empties the cache on each notification, and on a lost
/// connection stops the cache serving and connects again.
async fn listen(cache: Weak<TokenCache>, stop: Arc<Notify>, options: PgConnectOptions) {
    // Told once until the listener listens again, not every second while the server is away.
    let mut failing = false;
    'task: loop {
        let connected = tokio::select! {
            () = stop.notified() => break 'task,
            connected = connect(&options) => connected,
        };
        match connected {
            Ok(mut listener) => {
                let Some(live) = cache.upgrade() else {
                    break 'task;
                };
                live.set_listening(true);
                drop(live);
                loop {
                    let received = tokio::select! {
                        () = stop.notified() => break 'task,
                        received = listener.try_recv() => received,
                    };
                    let Some(live) = cache.upgrade() else {
                        break 'task;
                    };
                    if let Ok(Some(_)) = received {
                        live.forget_all();
                        continue;
                    }
                    live.set_listening(false);
                    tracing::warn!(
                        error = ?received.err(),
                        "API token listener lost its connection; reconnecting"
                    );
                    break;
                }
            }
            Err(error) => {
                if !failing {
                    tracing::warn!(%error, "API token listener could not listen; tokens are read from the database");
                }
                failing = true;
            }
        }
        tokio::select! {
            () = stop.notified() => break 'task,
            () = tokio::time::sleep(RETRY_AFTER) => {}
        }
    }
    // Stopped while a connection was being made may have left the cache serving.
    if let Some(live) = cache.upgrade() {
        live.set_listening(false);
    }
}

/// A listener on a connection of its own (a pool of one, so that it never takes one of the
/// store's connections), listening on [`CHANNEL`].
async fn connect(options: &PgConnectOptions) -> Result<PgListener, sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    // A lost connection is reported, not quietly re-established: the cache must know that
    // notifications may have been missed.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}
