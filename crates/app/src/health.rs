//! Liveness as the operator means it: the database answers.

use crate::ports::{Store, StoreError};

/// Succeeds only after a round trip to the database.
pub async fn check(store: &dyn Store) -> Result<(), StoreError> {
    store.ping().await
}
