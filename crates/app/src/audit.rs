//! Building audit entries the same way everywhere.

use time::OffsetDateTime;

use crate::ports::{Actor, AuditEntry};

/// An audit entry for `action` on a record, with extra JSON facts.
pub fn entry(
    at: OffsetDateTime,
    actor: &Actor,
    action: &str,
    record_type: &str,
    record_id: impl ToString,
    details: serde_json::Value,
) -> AuditEntry {
    AuditEntry {
        at,
        actor: actor.to_storage(),
        action: action.to_owned(),
        record_type: record_type.to_owned(),
        record_id: record_id.to_string(),
        details: details.to_string(),
    }
}
