//! The cooperative's settings document.

use async_trait::async_trait;
use time::OffsetDateTime;

use super::{StoreError, Versioned};

#[async_trait]
pub trait Settings {
    /// The cooperative's settings as a JSON document, if they were ever saved.
    async fn load_settings(&mut self) -> Result<Option<Versioned<String>>, StoreError>;
    /// Saves the settings if they are still at `expected_version` (`None`: never saved).
    /// Returns the new version, or `Conflict` if someone saved in between.
    async fn save_settings(
        &mut self,
        json: &str,
        expected_version: Option<i64>,
        at: OffsetDateTime,
    ) -> Result<i64, StoreError>;
}
