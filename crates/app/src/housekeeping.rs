//! The server's background upkeep of its database ([`Store::tidy`]), once a [`PERIOD`],
//! until it is told to stop.

use std::sync::Arc;
use std::time::Duration;

use crate::ports::Store;

/// How often the database is tidied. Often enough that each merge of the contact search
/// indexes' pending lists is small (a tenth of a second of submissions under load) and holds
/// nothing up for long.
pub const PERIOD: Duration = Duration::from_millis(100);

/// Tidies `store` every [`PERIOD`] until `stop` resolves. A failure is logged (once until the
/// next success) and tried again at the next tick: upkeep never stops the server.
pub async fn run(store: Arc<dyn Store>, stop: impl std::future::Future<Output = ()>) {
    tokio::pin!(stop);
    let mut ticks = tokio::time::interval(PERIOD);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut failing = false;
    loop {
        tokio::select! {
            () = &mut stop => return,
            _ = ticks.tick() => {}
        }
        match store.tidy().await {
            Ok(()) => failing = false,
            Err(error) => {
                if !failing {
                    tracing::warn!(%error, "database upkeep failed; trying again");
                }
                failing = true;
            }
        }
    }
}
