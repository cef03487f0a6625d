//! The conformance checks. Each starts from an empty, migrated store.

mod accounts;
mod audit;
mod banking;
mod batches;
mod capital;
mod foundation;
mod intake;
mod members;
mod outbox;
mod search;

use std::sync::Arc;

use coopshares_app::ports::{Store, StoreError};

pub use accounts::*;
pub use audit::*;
pub use banking::*;
pub use batches::*;
pub use capital::*;
pub use foundation::*;
pub use intake::*;
pub use members::*;
pub use outbox::*;
pub use search::*;

/// Runs `attempt` for writers "a" and "b" at the same time; returns each outcome.
pub(crate) async fn race<F, Fut>(
    store: &Arc<dyn Store>,
    attempt: F,
) -> Vec<(&'static str, Result<(), StoreError>)>
where
    F: Fn(Arc<dyn Store>, &'static str) -> Fut,
    Fut: std::future::Future<Output = Result<(), StoreError>> + Send + 'static,
{
    let barrier = Arc::new(tokio::sync::Barrier::new(2));
    let handles: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|who| {
            let attempt = attempt(Arc::clone(store), who);
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                (who, attempt.await)
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for handle in handles {
        outcomes.push(handle.await.unwrap());
    }
    outcomes
}

/// Asserts that exactly one writer succeeded and the other got a conflict; returns the winner.
pub(crate) fn single_winner(outcomes: &[(&'static str, Result<(), StoreError>)]) -> &'static str {
    let winners: Vec<_> = outcomes.iter().filter(|(_, r)| r.is_ok()).collect();
    let losers: Vec<_> = outcomes
        .iter()
        .filter(|(_, r)| matches!(r, Err(StoreError::Conflict { .. })))
        .collect();
    assert_eq!(
        (winners.len(), losers.len()),
        (1, 1),
        "expected one winner and one conflict, got {outcomes:?}"
    );
    winners[0].0
}
