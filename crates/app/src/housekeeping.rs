//! The server's background upkeep of its database ([`Store::tidy`]), once a [`PERIOD`],
//! until it is told to stop.

use std::sync::Arc;
use std::time::Duration;

use crate::ports::Store;

/// How often the database is tidied. A second: the contacts waiting to be indexed for the
/// search, which a search reads one by one, stay few (a second of submissions), each merge
/// into the search indexes is large enough to be cheap per contact, and an idle server wakes
/// the database ten times less than at a tenth of a second. The search is as complete at any
/// period; only its speed during a burst differs. The load benchmark on PostgreSQL gave, at a
/// tenth of a second (six runs), form and API 65–88 % of the bare throughput (medians 74 %,
/// 74 %), and at a second (four runs) medians of 81 % and 87 %; the p99 is about twice the
/// bare's at either period (the indexing's cost: without any upkeep, one run, 1.24 × for the
/// form). Measured again on another machine, each route after a `CHECKPOINT` (two runs each):
/// without any upkeep the p99 was 0.99–1.20 × the bare's in three routes of four (2.03 × in
/// the fourth) and a submission wrote 5.0–5.2 KB of log; with it, 1.37–1.52 × and 7.0–7.2 KB.
/// At a quarter of a second it was no better: 1.49–2.72 × in three routes of four (0.87 ×
/// in the fourth, against a slow bare run) and 7.6–8.6 KB.
pub const PERIOD: Duration = Duration::from_secs(1);

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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;
    use tokio::sync::oneshot;

    use super::*;
    use crate::ports::{StoreError, StoreTx};

    /// A store that only counts its tidying: the first fails, the third says so.
    #[derive(Debug)]
    struct Counting {
        tidied: Mutex<u32>,
        third: Mutex<Option<oneshot::Sender<()>>>,
    }

    #[async_trait]
    impl Store for Counting {
        fn backend(&self) -> &'static str {
            "counting"
        }

        async fn ping(&self) -> Result<(), StoreError> {
            Ok(())
        }

        async fn tidy(&self) -> Result<(), StoreError> {
            let count = {
                let mut tidied = self.tidied.lock().unwrap();
                *tidied += 1;
                *tidied
            };
            if count == 3
                && let Some(third) = self.third.lock().unwrap().take()
            {
                let _ = third.send(());
            }
            if count == 1 {
                return Err(StoreError::Other("the first upkeep fails".into()));
            }
            Ok(())
        }

        async fn begin(&self) -> Result<Box<dyn StoreTx>, StoreError> {
            Err(StoreError::Other("no transactions here".into()))
        }

        async fn begin_read(&self) -> Result<Box<dyn StoreTx>, StoreError> {
            Err(StoreError::Other("no transactions here".into()))
        }

        fn concurrent_writers(&self) -> usize {
            1
        }
    }

    #[tokio::test]
    async fn upkeep_goes_on_after_a_failure_and_ends_when_told() {
        let (third, thirdly) = oneshot::channel();
        let store = Arc::new(Counting {
            tidied: Mutex::new(0),
            third: Mutex::new(Some(third)),
        });
        // Stops once the third tidying has happened: the failed first did not end the task.
        run(store.clone(), async {
            let _ = thirdly.await;
        })
        .await;
        assert_eq!(*store.tidied.lock().unwrap(), 3);
    }
}
